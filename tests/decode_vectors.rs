//! Decodes every vector of `tests/vectors/decode/` and compares the events
//! with the hand-written expectations, feeding the input in one piece, split
//! at every offset, and byte by byte.

mod support;

use std::path::Path;

use imap::codec::Decoder;
use imap::print::to_sexp;
use support::vectors::{read_dir, Case};

/// Decodes `chunks` in order and prints every event, ending with the fatal
/// error if there is one.
fn decode(chunks: &[&[u8]]) -> Vec<String> {
    let mut d = Decoder::new();
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
    d.feed_eof();
    drain(&mut d, &mut out);
    out
}

fn check(case: &Case) -> Result<(), String> {
    let whole = decode(&[&case.input]);
    if whole != case.out {
        return Err(format!(
            "{} ({}):\n  expected:\n    {}\n  got:\n    {}",
            case.name,
            case.origin,
            case.out.join("\n    "),
            whole.join("\n    ")
        ));
    }
    for at in 0..=case.input.len() {
        let (a, b) = case.input.split_at(at);
        if decode(&[a, b]) != whole {
            return Err(format!("{}: split at {at} differs from the one-shot decode", case.name));
        }
    }
    let bytes: Vec<&[u8]> = case.input.chunks(1).collect();
    if decode(&bytes) != whole {
        return Err(format!("{}: byte-by-byte decode differs from the one-shot decode", case.name));
    }
    Ok(())
}

#[test]
fn decode_vectors() {
    let cases = read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/decode"));
    assert!(!cases.is_empty());
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
