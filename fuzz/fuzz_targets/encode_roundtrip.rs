//! libFuzzer entry point of the `encode_roundtrip` target (see `imap_fuzz::encode_roundtrip`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| imap_fuzz::encode_roundtrip::run(data));
