//! What decoding costs in heap memory: decoded responses keep their lists
//! in the decoder's arena, so a response allocates nothing once the arena
//! has grown to its size, and nothing a response holds outlives the
//! decoder (the arena never runs destructors, so a list that owned heap
//! memory would leak; every vector is checked for that). The arena of a
//! huge response is not kept for the next one.

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

use imap::codec::{Decoder, Event};
use support::vectors::read_dir;

/// The system allocator, counting what the current thread allocates.
struct Counting;

thread_local! {
    /// Allocations made and not yet freed by this thread.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// Allocations made by this thread.
    static MADE: Cell<usize> = const { Cell::new(0) };
    /// Bytes allocated and not yet freed by this thread.
    static LIVE_BYTES: Cell<isize> = const { Cell::new(0) };
    /// The most `LIVE_BYTES` reached since the last [`reset_peak`].
    static PEAK_BYTES: Cell<isize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded to `System` unchanged; the counters are
// thread-local cells that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.with(|l| l.set(l.get() + 1));
        MADE.with(|m| m.set(m.get() + 1));
        let live = LIVE_BYTES.with(|l| {
            l.set(l.get() + layout.size() as isize);
            l.get()
        });
        PEAK_BYTES.with(|p| p.set(p.get().max(live)));
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.with(|l| l.set(l.get() - 1));
        LIVE_BYTES.with(|l| l.set(l.get() - layout.size() as isize));
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn live() -> isize {
    LIVE.with(Cell::get)
}

fn made() -> usize {
    MADE.with(Cell::get)
}

fn live_bytes() -> isize {
    LIVE_BYTES.with(Cell::get)
}

/// Starts measuring the peak from the bytes live now.
fn reset_peak() {
    PEAK_BYTES.with(|p| p.set(live_bytes()));
}

/// The most bytes live at once since [`reset_peak`], above `base`.
fn peak_above(base: isize) -> usize {
    (PEAK_BYTES.with(Cell::get) - base).max(0) as usize
}

/// Decodes `input` to its end, looking at every event.
fn decode_all(decoder: &mut Decoder) -> usize {
    let mut events = 0;
    while let Ok(Some(event)) = decoder.next() {
        if let Event::Response(r) = &event {
            std::hint::black_box(r);
        }
        events += 1;
    }
    events
}

#[test]
fn nothing_a_decoded_response_holds_outlives_the_decoder() {
    let cases = read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/decode"));
    assert!(cases.len() > 700, "{} vectors", cases.len());
    for case in &cases {
        let before = live();
        let mut decoder = Decoder::new();
        decoder.feed(&case.input);
        decoder.feed_eof();
        decode_all(&mut decoder);
        drop(decoder);
        assert_eq!(live(), before, "{} ({}): allocations left after the decoder is gone", case.name, case.origin);
    }
}

#[test]
fn a_fetch_response_allocates_nothing_once_the_arena_has_grown() {
    let response: &[u8] = b"* 12 FETCH (UID 4827 FLAGS (\\Seen $Forwarded) ENVELOPE (\"Tue, 3 Mar 2024 10:00:00 +0100\" \
        \"a \\\"quoted\\\" subject\" ((\"Smith, Alice\" NIL \"alice\" \"example.com\")) NIL NIL \
        ((NIL NIL \"bob\" \"example.org\")(\"Chloe\" NIL \"chloe\" \"example.net\")) NIL NIL NIL \"<id@example.com>\") \
        BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 120 3 NIL NIL NIL NIL)\
        (\"APPLICATION\" \"PDF\" (\"NAME\" \"a.pdf\") NIL NIL \"BASE64\" 4000 NIL (\"ATTACHMENT\" (\"FILENAME\" \"a.pdf\")) NIL NIL) \
        \"MIXED\" (\"BOUNDARY\" \"b1\") NIL (\"EN\") NIL) BODY[HEADER.FIELDS (FROM TO)] {11}\r\nFrom: a\r\n\r\n)\r\n";
    let copies = 100;
    let mut decoder = Decoder::new();
    decoder.feed(&response.repeat(copies));
    // The arena keeps its last chunk when it is emptied; a few responses
    // grow it to the size one response needs.
    let warm_up = 3;
    for _ in 0..warm_up {
        match decoder.next() {
            Ok(Some(Event::Response(r))) => assert!(format!("{r:?}").contains("a \\\"quoted\\\" subject"), "{r:?}"),
            other => panic!("{other:?}"),
        }
    }
    let before = made();
    let rest = decode_all(&mut decoder);
    assert_eq!(rest, copies - warm_up);
    assert_eq!(made() - before, 0, "allocations while decoding {rest} more responses");
}

#[test]
fn the_arena_of_a_huge_response_is_released_at_the_next_one() {
    let ids: usize = 500_000;
    let mut search = b"* SEARCH".to_vec();
    for id in 1..=ids {
        search.extend_from_slice(format!(" {id}").as_bytes());
    }
    search.extend_from_slice(b"\r\n");
    let mut decoder = Decoder::new();
    decoder.feed(&search);
    decoder.feed(b"* 3 EXISTS\r\n");
    match decoder.next() {
        Ok(Some(Event::Response(imap::types::Response::Untagged(imap::types::Untagged::Search { ids: got, .. })))) => {
            assert_eq!(got.len(), ids);
            assert_eq!(got[ids - 1] as usize, ids);
        }
        other => panic!("{other:?}"),
    }
    let before = live_bytes();
    assert!(matches!(decoder.next(), Ok(Some(Event::Response(_)))));
    let released = before - live_bytes();
    // The ids alone took 2 MB of the arena.
    assert!(released >= (4 * ids) as isize, "released {released} bytes");
}

/// The most arena memory a response may take per byte of its own. The
/// densest inputs are long lists of tiny elements: `()` (2 bytes) becomes a
/// 32-byte THREAD node in a list that grows by doubling, in arena chunks
/// that double too (70 bytes per input byte). An empty list costs nothing,
/// whatever its element type. (However dense, a response's decoded form is
/// also capped at `Limits::max_response`; see tests/decoder.rs.)
const MAX_BYTES_PER_INPUT_BYTE: usize = 80;

#[test]
fn hostile_lists_take_arena_memory_in_proportion_to_their_bytes() {
    let repeat = |unit: &str, times: usize| unit.repeat(times);
    let shapes = [
        (
            "empty body extension lists",
            format!("* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL {}))\r\n", repeat("() ", 30_000)),
        ),
        ("empty flag lists", format!("* 1 FETCH ({}UID 1)\r\n", repeat("FLAGS () ", 10_000))),
        ("one-member threads", format!("* THREAD {}\r\n", repeat("(1)", 30_000))),
        ("empty threads", format!("* THREAD {}\r\n", repeat("()", 30_000))),
        ("empty language lists", format!("* 1 FETCH ({}UID 1)\r\n", repeat("BODY (\"A\" \"B\" () NIL NIL \"C\" 1) ", 3_000))),
        (
            "namespaces",
            format!("* NAMESPACE ({}) NIL NIL\r\n", repeat("(\"\" \"/\")", 10_000)),
        ),
    ];
    for (what, response) in shapes {
        let mut decoder = Decoder::new();
        decoder.feed(response.as_bytes());
        let before = live_bytes();
        match decoder.next() {
            Ok(Some(Event::Response(_))) => {}
            other => panic!("{what}: {other:?}"),
        }
        let used = (live_bytes() - before).max(0) as usize;
        assert!(
            used <= MAX_BYTES_PER_INPUT_BYTE * response.len(),
            "{what}: {used} arena bytes for a {}-byte response",
            response.len()
        );
    }
}

#[test]
fn a_literal_takes_memory_for_the_bytes_received_not_the_bytes_announced() {
    let mut decoder = Decoder::new();
    let base = live_bytes();
    reset_peak();
    decoder.feed(b"* 1 FETCH (BODY[] {200000000}\r\nab");
    assert!(matches!(decoder.next(), Ok(None)));
    decoder.feed(b"cd");
    assert!(matches!(decoder.next(), Ok(None)));
    let peak = peak_above(base);
    assert!(peak < 64 * 1024, "{peak} bytes allocated for 37 bytes received");
}

#[test]
fn a_literal_received_in_pieces_grows_its_buffer_amortized_up_to_its_size() {
    let size = 3_000_000;
    let mut decoder = Decoder::new();
    decoder.feed(format!("* 1 FETCH (BODY[] {{{size}}}\r\n").as_bytes());
    assert!(matches!(decoder.next(), Ok(None)));
    let base = live_bytes();
    reset_peak();
    let allocations = made();
    let piece = [b'x'; 1000];
    for _ in 0..size / piece.len() {
        decoder.feed(&piece);
        assert!(matches!(decoder.next(), Ok(None)));
    }
    let grown = made() - allocations;
    assert!(grown <= 16, "{grown} allocations to receive {size} bytes in 1000-byte pieces");
    // Never more than the literal and the room for its response's end,
    // plus the old buffer while it is copied into a larger one.
    let peak = peak_above(base);
    assert!(peak <= 2 * size + 256 * 1024, "peak {peak} bytes for a {size}-byte literal");
    decoder.feed(b")\r\n");
    match decoder.next() {
        Ok(Some(Event::Response(r))) => assert!(format!("{r:?}").contains("xxxx")),
        other => panic!("{other:?}"),
    }
}

/// Decodes one `response` with `max_response` and returns the peak heap
/// use above what was live before, and whether it decoded.
fn peak_of_one_response(response: &[u8], max_response: usize) -> (usize, bool) {
    let limits = imap::codec::Limits { max_response, ..imap::codec::Limits::default() };
    let mut decoder = Decoder::with_limits(limits);
    decoder.feed(response);
    let base = live_bytes();
    reset_peak();
    let decoded = match decoder.next() {
        Ok(Some(Event::Response(_))) => true,
        Ok(Some(Event::Malformed(m))) => {
            assert_eq!(m.error.kind, imap::codec::ParseErrorKind::TooLarge(max_response), "{:?}", m.error);
            false
        }
        other => panic!("{other:?}"),
    };
    (peak_above(base), decoded)
}

/// The hostile responses of issue 14: `count` tiny list elements.
fn dense_lists(count: usize) -> [(String, Vec<u8>); 2] {
    let flags = [&b"* 1 FETCH (FLAGS ("[..], &b"a ".repeat(count), b"))\r\n"].concat();
    let threads = [&b"* THREAD "[..], &b"(1)".repeat(count), b"\r\n"].concat();
    [(format!("{count} flags"), flags), (format!("{count} threads"), threads)]
}

#[test]
fn max_response_bounds_the_peak_memory_of_decoding_a_response() {
    let mut over = Vec::new();
    // The response itself must fit in max_response, or it is not framed.
    for (max_response, count) in [(256 << 20, 3_000_000), (1 << 20, 300_000)] {
        for (what, response) in dense_lists(count) {
            let (peak, decoded) = peak_of_one_response(&response, max_response);
            eprintln!("{what}, max_response {max_response}: peak {peak} bytes, decoded: {decoded}");
            if peak > max_response {
                over.push(format!("{what}: peak {peak} bytes over max_response {max_response}"));
            }
        }
    }
    assert!(over.is_empty(), "{over:#?}");
}

#[test]
fn a_connection_that_waits_for_input_gives_back_its_buffers() {
    use imap::conn::{Action, Connection, Step};
    let mut big = b"* SEARCH".to_vec();
    for uid in 1..=30_000 {
        big.extend_from_slice(format!(" {uid}").as_bytes());
    }
    big.extend_from_slice(b"\r\n* 3 EXISTS\r\n");
    let before = live_bytes();
    let mut conn = Connection::new();
    let mut searched = 0;
    for input in [&b"* OK ready\r\n"[..], &big] {
        conn.src(input);
        loop {
            match conn.run(Action::Await).expect("a good session") {
                Step::Untagged(imap::types::Untagged::Search { ids, .. }) => searched += ids.len(),
                Step::Done | Step::AwaitSrc => break,
                _ => {}
            }
        }
    }
    assert_eq!(searched, 30_000);
    // The 190 KB of input and the 120 KB list were given back; what is
    // left is the connection's own small state.
    let held = live_bytes() - before;
    assert!(held < 2048, "an idle connection holds {held} bytes");
    drop(conn);
}
