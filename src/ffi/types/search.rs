//! SEARCH, SORT, ESEARCH and THREAD. C declarations and their conversion from the Rust types.

use super::*;

/// SEARCH or SORT.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_search {
    /// The numbers.
    pub ids: imap_u32_list,
    /// Whether `modseq` is set.
    pub has_modseq: bool,
    /// The `(MODSEQ n)` value.
    pub modseq: u64,
}

/// Kinds of ESEARCH items.
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_esearch_kind {
    /// `MIN`; `number`.
    Min = 0,
    /// `MAX`; `number`.
    Max = 1,
    /// `ALL`; `set`.
    All = 2,
    /// `COUNT`; `number`.
    Count = 3,
    /// `MODSEQ`; `number`.
    ModSeq = 4,
    /// Another; `name`, raw `value`.
    Other = 5,
}

/// One ESEARCH item.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_esearch_item {
    /// Which item.
    pub kind: imap_esearch_kind,
    /// The number.
    pub number: u64,
    /// The set (ALL).
    pub set: imap_seq_set,
    /// The name (Other).
    pub name: imap_bytes,
    /// The raw value (Other).
    pub value: imap_bytes,
}

/// An ESEARCH response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_esearch {
    /// The correlator tag, or NIL.
    pub tag: imap_bytes,
    /// Whether the numbers are UIDs.
    pub uid: bool,
    /// The items.
    pub items: *const imap_esearch_item,
    /// How many.
    pub len: usize,
}

/// A THREAD node: a chain of members, then sub-threads.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_thread {
    /// The chain of messages.
    pub members: imap_u32_list,
    /// Sub-threads of the last member.
    pub children: *const imap_thread,
    /// How many.
    pub children_len: usize,
}

/// A list of THREAD nodes.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_thread_list {
    /// The nodes.
    pub items: *const imap_thread,
    /// How many.
    pub len: usize,
}

pub(crate) fn thread(a: &Arena, t: &Thread) -> imap_thread {
    let (children, children_len) = a.slice(t.children.iter().map(|c| thread(a, c)));
    imap_thread { members: u32_list(a, t.members), children, children_len }
}
