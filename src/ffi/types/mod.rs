//! The data model as C structs, and its conversion from the Rust types.
//!
//! Every struct here is plain data. Strings point into the connection's (or
//! decoder's) input buffer, or into the decoder's arena for a quoted string
//! that held escapes; arrays live in an `Arena` owned by the connection.
//! All are valid until the next call that takes it.
//!
//! One file per concept, as in `crate::types`: each holds the C
//! declarations and the converters from the Rust types; the shared
//! values (byte strings, lists, sequence sets, dates, pairs) are here.

mod body;
mod capability;
mod code;
mod envelope;
mod fetch;
mod flag;
mod mailbox;
mod response;
mod search;

pub use body::*;
pub use capability::*;
pub use code::*;
pub use envelope::*;
pub use fetch::*;
pub use flag::*;
pub use mailbox::*;
pub use response::*;
pub use search::*;

use super::{imap_bytes, Arena};
use crate::codec::{LiteralBegin, Malformed};
use crate::types::*;

/// A list of byte strings.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_bytes_list {
    /// The strings.
    pub items: *const imap_bytes,
    /// How many.
    pub len: usize,
}

/// A list of 32-bit numbers.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_u32_list {
    /// The numbers.
    pub items: *const u32,
    /// How many.
    pub len: usize,
}

/// One element of a sequence set; 0 stands for `*`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_seq_range {
    /// First number (0 = `*`).
    pub start: u32,
    /// Last number (0 = `*`); equal to `start` for a single number.
    pub end: u32,
}

/// A sequence set.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_seq_set {
    /// The ranges, in the order sent.
    pub items: *const imap_seq_range,
    /// How many.
    pub len: usize,
}

/// A date and time. `month` is 1 to 12.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct imap_date_time {
    /// Year, e.g. 1996.
    pub year: u16,
    /// Month, 1 (January) to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
    /// Hour, 0 to 23.
    pub hour: u8,
    /// Minute, 0 to 59.
    pub minute: u8,
    /// Second, 0 to 60.
    pub second: u8,
    /// Zone: minutes east of UTC (e.g. -420 for -0700).
    pub zone_minutes: i16,
}

/// A (name, value) pair: body parameters, ID fields, ACL entries, METADATA
/// entries. The value may be NIL.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_pair {
    /// The name.
    pub name: imap_bytes,
    /// The value, or NIL.
    pub value: imap_bytes,
}

/// A list of pairs.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_pair_list {
    /// The pairs.
    pub items: *const imap_pair,
    /// How many.
    pub len: usize,
}

pub(crate) fn bytes(a: &Arena, b: &Bytes<'_>) -> imap_bytes {
    match &b.0 {
        std::borrow::Cow::Borrowed(s) => imap_bytes::of(s),
        std::borrow::Cow::Owned(v) => a.copy(v),
    }
}

pub(crate) fn nstring(a: &Arena, b: &NString<'_>) -> imap_bytes {
    b.as_ref().map_or(imap_bytes::NIL, |b| bytes(a, b))
}

pub(crate) fn bytes_list(a: &Arena, v: &[Bytes<'_>]) -> imap_bytes_list {
    let (items, len) = a.slice(v.iter().map(|b| bytes(a, b)));
    imap_bytes_list { items, len }
}

pub(crate) fn u32_list(a: &Arena, v: &[u32]) -> imap_u32_list {
    let (items, len) = a.slice(v.iter().copied());
    imap_u32_list { items, len }
}

pub(crate) fn seq_set(a: &Arena, s: &SequenceSet) -> imap_seq_set {
    let (items, len) = a.slice(s.0.iter().map(|r| imap_seq_range { start: r.start, end: r.end }));
    imap_seq_set { items, len }
}

pub(crate) fn pairs(a: &Arena, v: &[(Bytes<'_>, NString<'_>)]) -> imap_pair_list {
    let (items, len) = a.slice(v.iter().map(|(n, val)| imap_pair { name: bytes(a, n), value: nstring(a, val) }));
    imap_pair_list { items, len }
}

pub(crate) fn date_time(d: &DateTime) -> imap_date_time {
    imap_date_time {
        year: d.date.year,
        month: d.date.month,
        day: d.date.day,
        hour: d.hour,
        minute: d.minute,
        second: d.second,
        zone_minutes: d.zone_minutes,
    }
}
