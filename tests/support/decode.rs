//! Decoding a byte stream in given pieces and printing every event.

use imap::codec::{Decoder, Limits};
use imap::print::to_sexp;

/// Feeds `chunks` in order (then the end of input when `eof`) and prints
/// every event in canonical form, ending with the fatal error if any.
pub fn decode_events(limits: &Limits, chunks: &[&[u8]], eof: bool) -> Vec<String> {
    let mut d = Decoder::with_limits(limits.clone());
    let mut out = Vec::new();
    let drain = |d: &mut Decoder, out: &mut Vec<String>| loop {
        match d.next() {
            Ok(Some(ev)) => out.push(to_sexp(&ev)),
            Ok(None) => return true,
            Err(e) => {
                out.push(to_sexp(&e));
                return false;
            }
        }
    };
    for chunk in chunks {
        d.feed(chunk);
        if !drain(&mut d, &mut out) {
            return out;
        }
    }
    if eof {
        d.feed_eof();
        drain(&mut d, &mut out);
    }
    out
}
