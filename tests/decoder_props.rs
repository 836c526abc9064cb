//! Property tests of the decoder: whatever the bytes, decoding never
//! panics, never hangs, and gives the same events however the input is cut.

mod support;

use std::path::Path;
use std::sync::OnceLock;

use imap::codec::{Decoder, Limits};
use support::decode::decode_events;
use proptest::prelude::*;

/// Every event (and the fatal error, if any) of decoding `chunks`, then
/// the end of input.
fn decode(limits: &Limits, chunks: &[&[u8]]) -> Vec<String> {
    decode_events(limits, chunks, true)
}

/// The inputs of the decode vectors, as seeds for mutation.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/decode");
        support::vectors::read_dir(&dir).into_iter().map(|c| c.input).collect()
    })
}

/// Bytes that are likely to matter to the grammar.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b'('),
        Just(b')'),
        Just(b'{'),
        Just(b'}'),
        Just(b'"'),
        Just(b'\\'),
        Just(b' '),
        Just(b'\r'),
        Just(b'\n'),
        Just(b'['),
        Just(b']'),
        Just(b'~'),
        Just(b'9'),
        any::<u8>()
    ]
}

/// A vector's input with a few bytes replaced, inserted or removed.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, interesting_byte()), 1..8);
    (any::<prop::sample::Index>(), edits).prop_map(|(which, edits)| {
        let seeds = seeds();
        let mut v = seeds[which.index(seeds.len())].clone();
        for (at, op, b) in edits {
            let i = if v.is_empty() { 0 } else { at.index(v.len()) };
            match op {
                0 if !v.is_empty() => v[i] = b,
                1 => v.insert(i, b),
                _ if !v.is_empty() => {
                    v.remove(i);
                }
                _ => v.push(b),
            }
        }
        v
    })
}

fn small_limits() -> Limits {
    Limits { max_line: 300, max_literal: 200, max_response: 600, max_depth: 6, ..Limits::default() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_decode_the_same_however_cut(input in prop::collection::vec(interesting_byte(), 0..400), cut in any::<prop::sample::Index>()) {
        let limits = Limits::default();
        let whole = decode(&limits, &[&input]);
        let at = cut.index(input.len() + 1);
        prop_assert_eq!(&decode(&limits, &[&input[..at], &input[at..]]), &whole);
        let bytes: Vec<&[u8]> = input.chunks(1).collect();
        prop_assert_eq!(&decode(&limits, &bytes), &whole);
    }

    #[test]
    fn mutated_vectors_decode_the_same_however_cut(input in mutated(), cut in any::<prop::sample::Index>(), small in any::<bool>()) {
        let limits = if small { small_limits() } else { Limits::default() };
        let whole = decode(&limits, &[&input]);
        let at = cut.index(input.len() + 1);
        prop_assert_eq!(&decode(&limits, &[&input[..at], &input[at..]]), &whole);
        let bytes: Vec<&[u8]> = input.chunks(3).collect();
        prop_assert_eq!(&decode(&limits, &bytes), &whole);
    }

    #[test]
    fn streaming_gives_the_same_responses_and_literal_bytes(input in mutated(), threshold in 0u64..64) {
        let streamed = Limits { stream_threshold: Some(threshold), ..Limits::default() };
        let mut d = Decoder::with_limits(streamed);
        d.feed(&input);
        d.feed_eof();
        let mut literal_bytes = 0u64;
        let mut announced = 0u64;
        loop {
            match d.next() {
                Ok(Some(imap::codec::Event::LiteralBegin(b))) => announced += b.size,
                Ok(Some(imap::codec::Event::LiteralData(data))) => literal_bytes += data.len() as u64,
                Ok(Some(_)) => {}
                Ok(None) | Err(_) => break,
            }
        }
        prop_assert!(literal_bytes <= announced);
    }
}

/// Items of a valid FETCH response.
const FETCH_ITEMS: &[&str] = &[
    "UID 4827",
    "FLAGS (\\Seen \\Answered $Forwarded)",
    "RFC822.SIZE 44827",
    "MODSEQ (624140003)",
    "INTERNALDATE \"17-Jul-1996 02:44:25 -0700\"",
    "ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700\" \"IMAP4rev1 WG mtg summary\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) NIL NIL ((NIL NIL \"imap\" \"cac.washington.edu\")) NIL NIL NIL \"<B27397-0100000@cac.washington.edu>\")",
    "BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23)(\"TEXT\" \"HTML\" NIL NIL NIL \"QUOTED-PRINTABLE\" 4096 80 NIL (\"inline\" NIL) NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"b1\") NIL NIL)",
    "BODY[HEADER.FIELDS (SUBJECT FROM)] {24}\r\nSubject: hi\r\nFrom: a\r\n\r\n",
    "X-GM-LABELS (\\Inbox work \"two words\")",
    "EMAILID (M6d99ac3275bb4e)",
];

/// The offsets inside `item` where garbage may go: after its first byte,
/// before its last, and not into a literal (whose length is fixed).
fn room(item: &str) -> std::ops::Range<usize> {
    1..item.find(" {").unwrap_or(item.len() - 1)
}

/// Garbage that keeps the response's frame: atom bytes, symbols and
/// balanced groups, without spaces, quotes, brackets or backslashes, which
/// would re-pair the tokens around it.
fn garbage() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z0-9.$%*&!#=<>-]{1,4}",
        "\\([a-z0-9 ]{0,5}\\)",
        "\\(\\([a-z]{1,3}\\) [0-9]{1,3}\\)",
    ];
    prop::collection::vec(piece, 1..4).prop_map(|v| v.concat())
}

/// The items of the one FETCH response `input` decodes to, as debug text.
fn fetch_items(input: &[u8]) -> Vec<String> {
    use imap::codec::Event;
    use imap::types::{Response, Untagged};
    let mut d = Decoder::new();
    d.feed(input);
    match d.next() {
        Ok(Some(Event::Response(Response::Untagged(Untagged::Fetch { items, .. })))) => {
            items.iter().map(|i| format!("{i:?}")).collect()
        }
        other => panic!("not a FETCH response: {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn garbage_inside_one_fetch_item_leaves_the_others_intact(
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6),
        broken in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        junk in garbage(),
    ) {
        let items: Vec<&str> = picks.iter().map(|i| FETCH_ITEMS[i.index(FETCH_ITEMS.len())]).collect();
        let b = broken.index(items.len());
        let frame = |texts: &[String]| format!("* 12 FETCH ({})\r\n", texts.join(" ")).into_bytes();
        let good: Vec<String> = items.iter().map(|t| t.to_string()).collect();
        let mut bad = good.clone();
        let (text, room) = (items[b], room(items[b]));
        let pos = room.start + at.index(room.len());
        bad[b] = format!("{}{}{}", &text[..pos], junk, &text[pos..]);

        let want = fetch_items(&frame(&good));
        prop_assert_eq!(want.len(), items.len());
        let got = fetch_items(&frame(&bad));
        let after = items.len() - b - 1;
        prop_assert!(got.len() > b + after, "{:?}", got);
        prop_assert_eq!(&got[..b], &want[..b]);
        prop_assert_eq!(&got[got.len() - after..], &want[b + 1..]);
    }
}
