//! The bodies of the fuzz targets, as plain functions of the fuzzer's
//! bytes, so that the same code runs under libFuzzer (`fuzz_targets/`,
//! nightly, `make fuzz`) and over the committed corpora with the stable
//! toolchain (`tests/corpus.rs`, `make test`).
//!
//! Each `run` panics when a property is broken; nothing else it does may
//! panic, whatever the bytes.

pub mod connection;
pub mod decode;
pub mod decode_split;
pub mod encode_roundtrip;
pub mod ffi;
pub mod seeds;

use imap::codec::Limits;

/// The targets, by name (as in `fuzz_targets/` and the corpus folders).
pub const TARGETS: [(&str, fn(&[u8])); 5] = [
    ("decode", decode::run),
    ("decode_split", decode_split::run),
    ("connection", connection::run),
    ("encode_roundtrip", encode_roundtrip::run),
    ("ffi", ffi::run),
];

/// Decoder limits chosen by one byte: 0 is the defaults; otherwise bit 0
/// turns on literal streaming above `byte >> 4` bytes and bit 1 makes every
/// limit small, so that the limits themselves are reached.
pub fn limits_for(byte: u8) -> Limits {
    let mut limits = Limits::default();
    if byte & 1 != 0 {
        limits.stream_threshold = Some(u64::from(byte >> 4));
    }
    if byte & 2 != 0 {
        limits.max_line = 200;
        limits.max_literal = 300;
        limits.max_response = 1000;
        limits.max_depth = 6;
    }
    limits
}
