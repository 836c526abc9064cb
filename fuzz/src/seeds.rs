//! Seed inputs of every target, built from the decode vectors
//! (`tests/vectors/decode`), the encode vectors' command lines and the
//! captured Dovecot session (`examples/traces/dovecot-session.imap`).

use std::path::{Path, PathBuf};

#[path = "../../tests/support/vectors.rs"]
#[allow(dead_code)]
mod vectors;

/// The repository's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Server byte streams: every decode vector's input, and the session.
fn server_streams() -> Vec<Vec<u8>> {
    let mut streams: Vec<Vec<u8>> =
        vectors::read_dir(&root().join("tests/vectors/decode")).into_iter().map(|c| c.input).collect();
    let session = std::fs::read(root().join("examples/traces/dovecot-session.imap")).expect("the captured session");
    streams.push(session.split(|&b| b == b'\n').flat_map(|line| [line, b"\r\n"].concat()).collect());
    streams
}

/// The `cmd` lines of the encode vectors (s-expressions: text with the
/// shape of commands, for the structure-aware target to mutate).
fn command_lines() -> Vec<Vec<u8>> {
    vectors::read_dir(&root().join("tests/vectors/encode"))
        .into_iter()
        .flat_map(|c| c.lines.into_iter().filter(|(w, _)| w == "cmd").map(|(_, rest)| rest.into_bytes()))
        .collect()
}

/// The seeds of `target`.
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let streams = server_streams();
    let with = |head: &[u8]| streams.iter().map(|s| [head, s].concat()).collect::<Vec<_>>();
    match target {
        // Default limits; streaming above 2 bytes; small limits.
        "decode" => [with(&[0]), with(&[0x21]), with(&[2])].concat(),
        // No cut; two cuts.
        "decode_split" => [with(&[0, 0]), with(&[0x11, 2, 7, 0, 40, 0])].concat(),
        // After a greeting: no control bytes (every choice the first:
        // NOOP, whole reads and writes); the server's bytes one by one.
        "connection" => [with(&[0, b'*', b' ', b'O', b'K', b'\r', b'\n']), with(&[2, 0, 1, b'*', b' ', b'O', b'K', b'\r', b'\n'])].concat(),
        "encode_roundtrip" => command_lines(),
        "ffi" => with(&[0]),
        _ => panic!("no target {target}"),
    }
}
