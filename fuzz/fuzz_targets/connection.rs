//! libFuzzer entry point of the `connection` target (see `imap_fuzz::connection`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| imap_fuzz::connection::run(data));
