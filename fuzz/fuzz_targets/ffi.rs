//! libFuzzer entry point of the `ffi` target (see `imap_fuzz::ffi`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| imap_fuzz::ffi::run(data));
