//! The C ABI: the only home of `extern "C"` and `unsafe` in the crate.
//!
//! Conventions (see `include/imap.h`):
//! - every symbol starts with `imap_`; constructors end in `_new` (or name
//!   the command, `imap_cmd_*`), destructors in `_free`, and freeing NULL
//!   does nothing;
//! - byte strings are [`imap_bytes`] `{ptr, len}`, because IMAP data need not
//!   be UTF-8; a NIL string has a NULL `ptr`, an empty one a non-NULL `ptr`
//!   and `len` 0; lists are a pointer and a count;
//! - results are tagged unions: a `kind` and a union member named `u`;
//! - data returned by `imap_run` (or `imap_decoder_next`) borrows from the
//!   connection (or decoder) and is valid until the next call that takes
//!   this connection (or decoder);
//! - no panic crosses the boundary and every pointer argument is checked:
//!   bad arguments give an error code.
//!
//! This layer holds no protocol logic: it translates.

#![allow(unsafe_code)]
#![allow(non_camel_case_types)]

pub mod auth;
pub mod command;
pub mod conn;
pub mod decoder;
pub mod error;
pub mod names;
pub mod print;
pub mod types;

use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

pub use error::imap_error;

/// A byte string: `ptr` and `len`. A NIL value has a NULL `ptr`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct imap_bytes {
    /// The first byte, or NULL for NIL.
    pub ptr: *const u8,
    /// The number of bytes.
    pub len: usize,
}

impl imap_bytes {
    /// The NIL value.
    pub const NIL: imap_bytes = imap_bytes { ptr: std::ptr::null(), len: 0 };

    /// Points at `b` (never NULL, even when empty).
    pub fn of(b: &[u8]) -> imap_bytes {
        imap_bytes { ptr: if b.is_empty() { EMPTY.as_ptr() } else { b.as_ptr() }, len: b.len() }
    }
}

/// A non-NULL address for empty strings.
static EMPTY: [u8; 1] = [0];

/// Storage for what a call hands to C: every array and boxed value that a
/// returned struct points to lives here until the next call. A bump arena
/// (the decoder's, recycled the same way): handing out a list costs no
/// allocation once it has grown, and forgetting them all frees nothing.
#[derive(Default)]
pub(crate) struct Arena(crate::codec::decode::Arena);

impl Arena {
    /// Forgets everything handed out before.
    pub(crate) fn clear(&mut self) {
        self.0.recycle();
    }

    /// Keeps the elements of `items` alive, in the arena, and returns a
    /// pointer to them and their count. The iterator may itself allocate
    /// in the arena (a list of lists): the array is reserved first and
    /// each element written in place, with no intermediate copy.
    pub(crate) fn slice<T: Copy, I>(&self, items: I) -> (*const T, usize)
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: ExactSizeIterator,
    {
        let mut items = items.into_iter();
        let len = items.len();
        if len == 0 {
            return (std::ptr::NonNull::dangling().as_ptr(), 0);
        }
        let layout = std::alloc::Layout::array::<T>(len).unwrap_or_else(|_| capacity_overflow());
        let array = self.0.bump().alloc_layout(layout).cast::<T>().as_ptr();
        for i in 0..len {
            let Some(item) = items.next() else {
                return (array, i);
            };
            // SAFETY: `array` has room for `len` elements and `i < len`.
            unsafe { array.add(i).write(item) };
        }
        (array, len)
    }

    /// Keeps `v` alive and returns a pointer to it.
    pub(crate) fn boxed<T: Copy>(&self, v: T) -> *const T {
        self.0.bump().alloc(v)
    }

    /// Keeps a copy of `b` alive and returns it as [`imap_bytes`].
    pub(crate) fn copy(&self, b: &[u8]) -> imap_bytes {
        if b.is_empty() {
            return imap_bytes { ptr: EMPTY.as_ptr(), len: 0 };
        }
        let kept = self.0.bump().alloc_slice_copy(b);
        imap_bytes { ptr: kept.as_ptr(), len: kept.len() }
    }
}

/// A list too long to address: a panic, which [`guard`] turns into an
/// error value at the boundary.
#[cold]
fn capacity_overflow() -> ! {
    panic!("list too long for the C ABI's arena")
}

/// Runs `f`, turning a panic into `on_panic`.
pub(crate) fn guard<T>(on_panic: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(on_panic)
}

/// The bytes of a NUL-terminated C string, or None for NULL.
///
/// # Safety
/// `s` is NULL or points to a NUL-terminated string.
pub(crate) unsafe fn c_bytes<'a>(s: *const c_char) -> Option<&'a [u8]> {
    if s.is_null() {
        None
    } else {
        Some(CStr::from_ptr(s).to_bytes())
    }
}

/// The `n` elements at `p` (NULL is allowed only when `n` is 0): byte
/// strings given as `{ptr, len}` and every other C array.
///
/// # Safety
/// `p` is NULL or points to `n` readable elements.
pub(crate) unsafe fn c_array<'a, T>(p: *const T, n: usize) -> Option<&'a [T]> {
    match (p.is_null(), n) {
        (true, 0) => Some(&[]),
        (true, _) => None,
        (false, _) => Some(std::slice::from_raw_parts(p, n)),
    }
}

/// The library version, e.g. `"0.1.0"` (static storage).
#[no_mangle]
pub extern "C" fn imap_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
