//! `decode_split`: the same bytes decoded whole and cut at fuzzer-chosen
//! offsets give the same events (compared in their printed form; the
//! chunks of a streamed literal, which follow the cuts, are joined).
//!
//! Input: one byte for the limits ([`crate::limits_for`]), one byte for the
//! number of cuts (up to 15), two bytes (little-endian) per cut offset,
//! then the server's bytes.

use imap::codec::{Decoder, Event, Limits};
use imap::print::{to_sexp, write_sexp_string};

/// Runs the target on one input.
pub fn run(data: &[u8]) {
    let [mode, cuts, rest @ ..] = data else { return };
    let cut_count = usize::from(cuts & 15);
    if rest.len() < 2 * cut_count {
        return;
    }
    let (offsets, stream) = rest.split_at(2 * cut_count);
    let mut cuts: Vec<usize> =
        offsets.chunks(2).map(|c| usize::from(u16::from_le_bytes([c[0], c[1]])) % (stream.len() + 1)).collect();
    cuts.sort_unstable();
    let mut pieces = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain([stream.len()]) {
        pieces.push(&stream[from..cut]);
        from = cut;
    }
    let limits = crate::limits_for(*mode);
    let whole = printed_events(&limits, &[stream]);
    let split = printed_events(&limits, &pieces);
    assert_eq!(whole, split, "cut into {:?}", pieces.iter().map(|p| p.len()).collect::<Vec<_>>());
}

/// The printed events of decoding `pieces` fed one by one, then the end of
/// input; the chunks of a streamed literal joined into one.
pub fn printed_events(limits: &Limits, pieces: &[&[u8]]) -> Vec<String> {
    let mut decoder = Decoder::with_limits(limits.clone());
    let mut out = Vec::new();
    let mut literal = Vec::new();
    let mut drain = |decoder: &mut Decoder, out: &mut Vec<String>| loop {
        match decoder.next() {
            Ok(Some(Event::LiteralData(d))) => literal.extend_from_slice(d),
            Ok(Some(event)) => {
                if matches!(event, Event::LiteralEnd) {
                    let mut data = String::from("(literal-data ");
                    write_sexp_string(&literal, &mut data);
                    out.push(data + ")");
                    literal.clear();
                }
                out.push(to_sexp(&event));
            }
            Ok(None) => return true,
            Err(e) => {
                out.push(to_sexp(&e));
                return false;
            }
        }
    };
    for piece in pieces {
        decoder.feed(piece);
        if !drain(&mut decoder, &mut out) {
            return out;
        }
    }
    decoder.feed_eof();
    drain(&mut decoder, &mut out);
    out
}
