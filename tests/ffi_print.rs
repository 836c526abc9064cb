//! The C ABI's printer (`imap_printer_*`, src/ffi/print.rs), called from
//! Rust: every decode vector printed through it, whole and byte by byte,
//! gives the vector's `out` lines; JSON; NULL and unknown arguments.

mod support;

use std::path::Path;
use std::ptr::{null, null_mut};

use imap::ffi::imap_error;
use imap::ffi::print::*;
use support::vectors::read_dir;

/// Every line `p` prints now.
unsafe fn lines(p: *mut imap_printer, out: &mut Vec<String>) {
    loop {
        let line = imap_printer_next(p);
        if line.ptr.is_null() {
            return;
        }
        out.push(String::from_utf8(std::slice::from_raw_parts(line.ptr, line.len).to_vec()).unwrap());
    }
}

/// The printed lines of `chunks`, then the end of input.
fn print(format: imap_print_format, chunks: &[&[u8]]) -> Vec<String> {
    let mut out = Vec::new();
    unsafe {
        let p = imap_printer_new(format, null());
        assert!(!p.is_null());
        for chunk in chunks {
            assert_eq!(imap_printer_feed(p, chunk.as_ptr(), chunk.len()), imap_error::Ok);
            lines(p, &mut out);
        }
        assert_eq!(imap_printer_feed(p, null(), 0), imap_error::Ok);
        lines(p, &mut out);
        imap_printer_free(p);
    }
    out
}

#[test]
fn every_decode_vector_prints_its_out_lines() {
    let cases = read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/decode"));
    assert!(cases.len() > 500);
    for case in &cases {
        assert_eq!(print(IMAP_PRINT_SEXP, &[&case.input]), case.out, "{} ({})", case.name, case.origin);
        let bytes: Vec<&[u8]> = case.input.chunks(1).collect();
        assert_eq!(print(IMAP_PRINT_SEXP, &bytes), case.out, "{} byte by byte", case.name);
    }
}

#[test]
fn json_and_fatal_lines() {
    assert_eq!(print(IMAP_PRINT_JSON, &[b"* 3 EXISTS\r\n"]), [r#"{"exists":[3]}"#]);
    assert_eq!(print(IMAP_PRINT_SEXP, &[b"* 3 EXISTS\r\n* 1 FETCH (UID"]), ["(exists 3)", "(fatal unexpected-eof)"]);
}

#[test]
fn null_and_unknown_arguments() {
    unsafe {
        assert!(imap_printer_new(2, null()).is_null());
        assert!(imap_printer_next(null_mut()).ptr.is_null());
        assert_eq!(imap_printer_feed(null_mut(), b"x".as_ptr(), 1), imap_error::NullArgument);
        let p = imap_printer_new(IMAP_PRINT_SEXP, null());
        assert_eq!(imap_printer_feed(p, null(), 3), imap_error::NullArgument);
        assert!(imap_printer_next(p).ptr.is_null(), "nothing fed, nothing printed");
        imap_printer_free(p);
        imap_printer_free(null_mut());
    }
}
