//! Decodes every vector of `tests/vectors/decode/` and compares the events
//! with the hand-written expectations, feeding the input in one piece, split
//! at every offset, and byte by byte.

mod support;

use std::path::Path;

use imap::codec::Limits;
use support::decode::decode_events;
use support::vectors::{read_dir, Case};

/// Decodes `chunks` with the default limits, then the end of input.
fn decode(chunks: &[&[u8]]) -> Vec<String> {
    decode_events(&Limits::default(), chunks, true)
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
