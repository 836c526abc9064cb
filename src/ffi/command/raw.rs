//! RAW: any other command, with typed arguments (`imap_raw_*`) so that it
//! stays as injection-safe as the others.

use std::ffi::c_char;

use super::{boxed, mailbox, message_set, owned, take, take_all, wire_mailbox, NULL};
use crate::ffi::{c_array, guard};
use crate::types::{Bytes, Command, RawArg};

use super::imap_command;

/// An argument of a RAW command. Free with `imap_raw_arg_free` unless
/// given to a list or a command.
pub struct imap_raw_arg {
    arg: RawArg<'static>,
}

type Arg = *mut imap_raw_arg;
const NULL_ARG: Arg = std::ptr::null_mut();

fn arg(arg: RawArg<'static>) -> Arg {
    Box::into_raw(Box::new(imap_raw_arg { arg }))
}

/// Takes the arguments of an array over; see [`take_all`].
unsafe fn args(p: *const Arg, n: usize) -> Option<Vec<RawArg<'static>>> {
    take_all(p, n).map(|v| v.into_iter().map(|a| a.arg).collect())
}

/// An atom, sent as it is (the encoder checks that it is a valid atom).
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_raw_atom(s: *const c_char) -> *mut imap_raw_arg {
    guard(NULL_ARG, || owned(s).map_or(NULL_ARG, |b| arg(RawArg::Atom(b))))
}

/// A string, sent as an atom, a quoted string or a literal as its bytes
/// require.
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_raw_string(s: *const c_char) -> *mut imap_raw_arg {
    guard(NULL_ARG, || owned(s).map_or(NULL_ARG, |b| arg(RawArg::String(b))))
}

/// A mailbox name (UTF-8), encoded like any mailbox argument.
///
/// # Safety
/// `name` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_raw_mailbox(name: *const c_char) -> *mut imap_raw_arg {
    guard(NULL_ARG, || mailbox(name).map_or(NULL_ARG, |m| arg(RawArg::Mailbox(m))))
}

/// A mailbox name exactly as it goes on the wire (only quoted or sent as
/// a literal as needed).
///
/// # Safety
/// `name` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_raw_mailbox_wire(name: *const c_char) -> *mut imap_raw_arg {
    guard(NULL_ARG, || wire_mailbox(name).map_or(NULL_ARG, |m| arg(RawArg::Mailbox(m))))
}

/// A number.
#[no_mangle]
pub extern "C" fn imap_raw_number(n: u64) -> *mut imap_raw_arg {
    guard(NULL_ARG, || arg(RawArg::Number(n)))
}

/// A sequence set, e.g. `"1:*"` or `"$"`.
///
/// # Safety
/// `set` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_raw_set(set: *const c_char) -> *mut imap_raw_arg {
    guard(NULL_ARG, || message_set(set).map_or(NULL_ARG, |s| arg(RawArg::Set(s))))
}

/// A literal of the `len` bytes at `data` (copied), whatever the bytes
/// (a NUL byte is reported when the command is encoded).
///
/// # Safety
/// `data` is NULL (with `len` 0) or points to `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn imap_raw_literal(data: *const u8, len: usize) -> *mut imap_raw_arg {
    guard(NULL_ARG, || c_array(data, len).map_or(NULL_ARG, |b| arg(RawArg::Literal(Bytes::owned(b.to_vec())))))
}

/// A parenthesised list of the `n` arguments at `args` (may be empty). The
/// new argument takes the arguments of `args` over; do not free them.
///
/// # Safety
/// `args` is NULL or points to `n` distinct arguments (or NULLs), none yet
/// freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_raw_list(args: *const *mut imap_raw_arg, n: usize) -> *mut imap_raw_arg {
    guard(NULL_ARG, || self::args(args, n).map_or(NULL_ARG, |v| arg(RawArg::List(v))))
}

/// Frees a RAW argument and its elements (NULL does nothing).
///
/// # Safety
/// `a` is NULL or an argument not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_raw_arg_free(a: *mut imap_raw_arg) {
    guard((), || drop(take(a)));
}

/// `name arg ...`: any other command, its name an atom (checked by the
/// encoder) and the `n` arguments at `args`, each preceded by a space. The
/// command takes the arguments of `args` over; do not free them.
///
/// # Safety
/// `name` is NULL or a NUL-terminated string; `args` is NULL or points to
/// `n` distinct arguments (or NULLs), none yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_raw(
    name: *const c_char,
    args: *const *mut imap_raw_arg,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || match (self::args(args, n), owned(name)) {
        (Some(args), Some(name)) => boxed(Command::Raw { name, args }),
        _ => NULL,
    })
}
