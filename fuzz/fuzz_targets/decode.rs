//! libFuzzer entry point of the `decode` target (see `imap_fuzz::decode`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| imap_fuzz::decode::run(data));
