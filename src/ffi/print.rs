//! The canonical printer (docs/sexp.md) and the JSON printer of the core,
//! for C: a decoder whose events come out printed, one line each, exactly
//! as the `out` lines of `tests/vectors/decode` (and as `imap-trace`
//! prints them). For logging or tracing what a server sent, for tests of
//! a binding against the vectors, and wherever a stable text form of a
//! decoded response is wanted.
//!
//! ```c
//! imap_printer *p = imap_printer_new(IMAP_PRINT_SEXP, NULL);
//! imap_printer_feed(p, bytes, n);        /* as they arrive; n == 0: the end */
//! for (imap_bytes line; (line = imap_printer_next(p)).ptr; )
//!     printf("%.*s\n", (int)line.len, (const char *)line.ptr);
//! imap_printer_free(p);
//! ```

use super::conn::imap_limits;
use super::error::imap_error;
use super::{c_array, guard, imap_bytes};
use crate::codec::Decoder;
use crate::print::{write_json, write_sexp, ToNode};

/// How `imap_printer` prints: one of `IMAP_PRINT_*`.
pub type imap_print_format = u32;
/// The canonical one-line s-expression form (docs/sexp.md).
pub const IMAP_PRINT_SEXP: imap_print_format = 0;
/// The one-line JSON form (`{"name": [args...]}` for a form).
pub const IMAP_PRINT_JSON: imap_print_format = 1;

/// A decoder that prints: server bytes in, one printed event out at a
/// time (responses, `(malformed offset)`, the events of streamed literals,
/// and a last `(fatal kind)` line when the input cannot go on). Free with
/// `imap_printer_free`.
pub struct imap_printer {
    decoder: Decoder,
    json: bool,
    line: String,
    failed: bool,
}

/// A new printer in `format` (an `imap_print_format`) with `limits` (NULL:
/// the defaults); NULL if `format` is unknown.
///
/// # Safety
/// `limits` is NULL or points to an `imap_limits`.
#[no_mangle]
pub unsafe extern "C" fn imap_printer_new(format: imap_print_format, limits: *const imap_limits) -> *mut imap_printer {
    guard(std::ptr::null_mut(), || {
        let json = match format {
            IMAP_PRINT_SEXP => false,
            IMAP_PRINT_JSON => true,
            _ => return std::ptr::null_mut(),
        };
        let decoder = limits.as_ref().map_or_else(Decoder::new, |l| Decoder::with_limits(l.to_limits()));
        Box::into_raw(Box::new(imap_printer { decoder, json, line: String::new(), failed: false }))
    })
}

/// Frees a printer; NULL does nothing.
///
/// # Safety
/// `p` is NULL or a printer not yet freed.
#[no_mangle]
pub unsafe extern "C" fn imap_printer_free(p: *mut imap_printer) {
    if !p.is_null() {
        guard((), || drop(Box::from_raw(p)));
    }
}

/// Gives the printer the next bytes from the server; `len` 0 is the end of
/// the input (a response cut short then prints as a fatal error).
///
/// # Safety
/// `p` is NULL or a live printer; `data` is NULL (with `len` 0) or points
/// to `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn imap_printer_feed(p: *mut imap_printer, data: *const u8, len: usize) -> imap_error {
    guard(imap_error::Internal, || {
        let (Some(p), Some(data)) = (p.as_mut(), c_array(data, len)) else { return imap_error::NullArgument };
        if data.is_empty() {
            p.decoder.feed_eof();
        } else {
            p.decoder.feed(data);
        }
        imap_error::Ok
    })
}

/// The next event, printed on one line (no line ending); NIL (a NULL
/// `ptr`) when no complete event is buffered, after the `(fatal ...)`
/// line, and for a NULL `p`. The bytes are the printer's, valid until the
/// next call that takes it.
///
/// # Safety
/// `p` is NULL or a live printer.
#[no_mangle]
pub unsafe extern "C" fn imap_printer_next(p: *mut imap_printer) -> imap_bytes {
    guard(imap_bytes::NIL, || {
        let Some(p) = p.as_mut() else { return imap_bytes::NIL };
        if p.failed {
            return imap_bytes::NIL;
        }
        p.line.clear();
        let write = if p.json { write_json } else { write_sexp };
        match p.decoder.next() {
            Ok(None) => return imap_bytes::NIL,
            Ok(Some(event)) => write(&event.to_node(), &mut p.line),
            Err(e) => {
                p.failed = true;
                write(&e.to_node(), &mut p.line);
            }
        }
        imap_bytes::of(p.line.as_bytes())
    })
}
