//! libFuzzer entry point of the `decode_split` target (see `imap_fuzz::decode_split`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| imap_fuzz::decode_split::run(data));
