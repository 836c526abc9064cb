//! `ffi`: the C entry points, called through the Rust FFI functions with
//! fuzzer-chosen arguments: NULL handles and buffers, lengths that do not
//! match (NULL with a length, empty buffers), output advances past the
//! end, arbitrary limits and tag prefixes, commands built from arbitrary C
//! strings (or NULL), error codes out of range. `make fuzz` runs it under
//! AddressSanitizer, which checks every byte the library hands back (step
//! and event data, messages) is readable, and that it never writes past
//! the `imap_dst` buffer (each one allocated with exactly its length).
//!
//! Input: read as a sequence of operations with `arbitrary::Unstructured`.

use std::ffi::{c_char, CStr, CString};
use std::ptr::{null, null_mut};

use arbitrary::Unstructured;
use imap::ffi::command::raw::{imap_cmd_raw, imap_raw_atom, imap_raw_literal, imap_raw_string};
use imap::ffi::command::{imap_cmd_authenticate, imap_cmd_idle, imap_cmd_login, imap_cmd_noop, imap_cmd_select, imap_command_free};
use imap::ffi::command::mailbox::imap_cmd_append;
use imap::ffi::auth::imap_authenticator_plain;
use imap::ffi::conn::{
    imap_connection, imap_connection_free, imap_connection_new_with, imap_dst, imap_dst_rem,
    imap_error_message, imap_idle_stop, imap_idle_stopper_free, imap_idle_stopper_new, imap_idle_stopper_stop, imap_is_busy,
    imap_limits, imap_limits_default, imap_output, imap_output_advance, imap_run, imap_src, imap_step, imap_step_kind,
};
use imap::ffi::decoder::{imap_decoder, imap_decoder_feed, imap_decoder_free, imap_decoder_new, imap_decoder_next, imap_event_kind};
use imap::ffi::error::{imap_error_is_fatal, imap_strerror};
use imap::ffi::imap_error;

/// Bytes chosen by the fuzzer (at most 200).
fn bytes<'a>(u: &mut Unstructured<'a>) -> &'a [u8] {
    let len = u.int_in_range(0..=200).unwrap_or(0);
    u.bytes(len).unwrap_or_default()
}

/// A C string chosen by the fuzzer (cut at its first NUL), or `None` for NULL.
fn c_string(u: &mut Unstructured<'_>) -> Option<CString> {
    if u.ratio(1, 8).unwrap_or(false) {
        return None;
    }
    let b = bytes(u);
    let b = &b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())];
    Some(CString::new(b).expect("no NUL"))
}

fn ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(null(), |s| s.as_ptr())
}

/// Reads every byte of a string the library returned.
fn read_c(s: *const c_char) -> usize {
    assert!(!s.is_null());
    // SAFETY: the library promises a NUL-terminated string.
    unsafe { CStr::from_ptr(s) }.to_bytes().iter().map(|&b| usize::from(b)).sum()
}

/// Reads every byte of a byte view the library returned.
fn read_bytes(p: *const u8, len: usize) -> usize {
    if p.is_null() {
        assert_eq!(len, 0, "NULL with a length");
        return 0;
    }
    // SAFETY: the library promises `len` readable bytes at `p`.
    unsafe { std::slice::from_raw_parts(p, len) }.iter().map(|&b| usize::from(b)).sum()
}

/// Limits chosen by the fuzzer, or NULL for the defaults.
fn limits(u: &mut Unstructured<'_>) -> Option<imap_limits> {
    if u.arbitrary().unwrap_or(true) {
        return None;
    }
    let mut l = imap_limits_default();
    l.max_line = u.int_in_range(0..=4096).unwrap_or(0);
    l.max_literal = u.arbitrary().unwrap_or(0);
    l.max_response = u.int_in_range(0..=1 << 16).unwrap_or(0);
    l.max_depth = u.int_in_range(0..=200).unwrap_or(0);
    l.stream_threshold = u.int_in_range(0..=64).unwrap_or(0);
    Some(l)
}

/// Input given as the fuzzer chooses: bytes, or NULL with a length.
fn feed(u: &mut Unstructured<'_>, f: impl FnOnce(*const u8, usize) -> imap_error) {
    let data = bytes(u);
    if u.ratio(1, 10).unwrap_or(false) {
        let len = u.int_in_range(1..=usize::MAX).unwrap_or(1);
        assert_eq!(f(null(), len), imap_error::NullArgument);
    } else {
        assert_eq!(f(data.as_ptr(), data.len()), imap_error::Ok);
    }
}

/// Checks one step of `imap_run`.
fn check_step(c: *mut imap_connection, s: *const imap_step) {
    assert!(!s.is_null());
    // SAFETY: imap_run never returns NULL; the step is valid until the next call.
    let s = unsafe { &*s };
    // SAFETY: `kind` says which member of the union is set.
    unsafe {
        match s.kind {
            imap_step_kind::Error => {
                assert_ne!(s.error, imap_error::Internal, "a panic was caught at the boundary");
                read_c(imap_strerror(s.error as u32));
                read_c(imap_error_message(c));
            }
            imap_step_kind::LiteralData => {
                read_bytes(s.u.literal_data.ptr, s.u.literal_data.len);
            }
            imap_step_kind::Malformed => {
                read_bytes(s.u.malformed.raw.ptr, s.u.malformed.raw.len);
            }
            _ => assert_eq!(s.error, imap_error::Ok),
        }
    }
}

/// A command built from fuzzer-chosen arguments (NULL if the builder
/// refuses them).
fn command(u: &mut Unstructured<'_>) -> *mut imap::ffi::command::imap_command {
    let (a, b) = (c_string(u), c_string(u));
    // SAFETY: every pointer is NULL or a live NUL-terminated string / buffer.
    unsafe {
        match u.int_in_range(0..=6).unwrap_or(0) {
            0 => imap_cmd_noop(),
            1 => imap_cmd_idle(),
            2 => imap_cmd_login(ptr(&a), ptr(&b)),
            3 => imap_cmd_select(ptr(&a), u.arbitrary().unwrap_or(false)),
            4 => {
                let data = bytes(u);
                let flags = [ptr(&b)];
                let nflags = u.int_in_range(0..=1).unwrap_or(0);
                let data_ptr = if u.ratio(1, 8).unwrap_or(false) { null() } else { data.as_ptr() };
                imap_cmd_append(ptr(&a), data_ptr, data.len(), flags.as_ptr(), nflags, null(), false)
            }
            5 => imap_cmd_authenticate(imap_authenticator_plain(ptr(&a), ptr(&b))),
            _ => {
                let data = bytes(u);
                let args = [imap_raw_atom(ptr(&b)), imap_raw_string(ptr(&b)), imap_raw_literal(data.as_ptr(), data.len())];
                let n = u.int_in_range(0..=args.len()).unwrap_or(0);
                let cmd = imap_cmd_raw(ptr(&a), args.as_ptr(), n);
                for arg in &args[n..] {
                    imap::ffi::command::raw::imap_raw_arg_free(*arg);
                }
                cmd
            }
        }
    }
}

/// Runs the target on one input.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let prefix = c_string(&mut u);
    let l = limits(&mut u);
    let lp = l.as_ref().map_or(null(), |l| l as *const imap_limits);
    // The buffer given to the last imap_dst: it stays alive until the next
    // one, or until the connection is freed (it is dropped after).
    let mut dst_buf: Vec<u8> = Vec::new();
    // SAFETY: the arguments are NULL or live values, as the C API requires.
    unsafe {
        let d: *mut imap_decoder = imap_decoder_new(lp);
        let c: *mut imap_connection = imap_connection_new_with(lp, ptr(&prefix));
        assert!(!d.is_null());
        let stopper = imap_idle_stopper_new(c);
        for _ in 0..200 {
            if u.is_empty() {
                break;
            }
            match u.int_in_range(0..=11).unwrap_or(0) {
                0 => feed(&mut u, |p, n| imap_decoder_feed(d, p, n)),
                1 => {
                    for _ in 0..1000 {
                        let e = &*imap_decoder_next(d);
                        match e.kind {
                            imap_event_kind::None => break,
                            imap_event_kind::Error => {
                                assert_ne!(e.error, imap_error::Internal);
                                break;
                            }
                            imap_event_kind::LiteralData => {
                                read_bytes(e.u.literal_data.ptr, e.u.literal_data.len);
                            }
                            imap_event_kind::Malformed => {
                                read_bytes(e.u.malformed.raw.ptr, e.u.malformed.raw.len);
                            }
                            _ => {}
                        }
                    }
                }
                2 if !c.is_null() => feed(&mut u, |p, n| imap_src(c, p, n)),
                3 => check_step(c, imap_run(c, null())),
                4 => {
                    let cmd = command(&mut u);
                    check_step(c, imap_run(c, cmd));
                    imap_command_free(cmd);
                }
                5 => {
                    let len = u.int_in_range(0..=4096).unwrap_or(0);
                    if u.ratio(1, 8).unwrap_or(false) {
                        let want = if c.is_null() || len > 0 { imap_error::NullArgument } else { imap_error::Ok };
                        assert_eq!(imap_dst(c, null_mut(), len), want);
                    } else if !c.is_null() {
                        let mut fresh = vec![0u8; len];
                        assert_eq!(imap_dst(c, fresh.as_mut_ptr(), len), imap_error::Ok);
                        assert_eq!(imap_dst_rem(c), len, "fresh output space");
                        // The previous buffer is no longer the connection's.
                        drop(std::mem::replace(&mut dst_buf, fresh));
                    }
                }
                6 => {
                    let mut len = 0usize;
                    let out = imap_output(c, &mut len);
                    read_bytes(out, len);
                    let n = match u.int_in_range(0..=3).unwrap_or(0) {
                        0 => len,
                        1 => usize::MAX,
                        2 => len.saturating_add(1),
                        _ => u.int_in_range(0..=len).unwrap_or(0),
                    };
                    let e = imap_output_advance(c, n);
                    let want = if c.is_null() {
                        imap_error::NullArgument
                    } else if n > len {
                        imap_error::InvalidArgument
                    } else {
                        imap_error::Ok
                    };
                    assert_eq!(e, want, "advance {n} of {len}");
                }
                7 => {
                    imap_idle_stop(c);
                    imap_idle_stopper_stop(stopper);
                    imap_is_busy(c);
                }
                8 => {
                    let code: u32 = u.arbitrary().unwrap_or(0);
                    read_c(imap_strerror(code));
                    imap_error_is_fatal(code);
                }
                9 => {
                    let byte = [0u8];
                    assert_eq!(imap_src(null_mut(), byte.as_ptr(), 1), imap_error::NullArgument);
                    assert_eq!(imap_decoder_feed(null_mut(), byte.as_ptr(), 1), imap_error::NullArgument);
                    check_step(null_mut(), imap_run(null_mut(), null()));
                    read_c(imap_error_message(null()));
                }
                10 => {
                    let mut len = 7usize;
                    assert!(imap_output(null_mut(), &mut len).is_null() && len == 0);
                    assert!(imap_output(c, null_mut()).is_null());
                }
                _ => {
                    read_c(imap_error_message(c));
                }
            }
        }
        imap_idle_stopper_free(stopper);
        imap_connection_free(c);
        imap_decoder_free(d);
    }
}
