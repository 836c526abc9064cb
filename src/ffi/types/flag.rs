//! Message flags and mailbox attributes. C declarations and their conversion from the Rust types.

use super::*;

/// Kinds of [`imap_flag`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_flag_kind {
    /// `\Answered`
    Answered = 0,
    /// `\Flagged`
    Flagged = 1,
    /// `\Deleted`
    Deleted = 2,
    /// `\Seen`
    Seen = 3,
    /// `\Draft`
    Draft = 4,
    /// `\Recent`
    Recent = 5,
    /// `\*` (PERMANENTFLAGS)
    Wildcard = 6,
    /// A keyword; `name` holds it.
    Keyword = 7,
    /// Another `\Name`; `name` holds it without the backslash.
    Extension = 8,
    /// Something in a flag list that is not a flag; `name` holds its bytes
    /// as sent.
    Unparsed = 9,
}

/// A message flag.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_flag {
    /// Which flag.
    pub kind: imap_flag_kind,
    /// The keyword or extension name (NIL for the system flags).
    pub name: imap_bytes,
}

/// A list of flags.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_flag_list {
    /// The flags.
    pub items: *const imap_flag,
    /// How many.
    pub len: usize,
}

/// Kinds of [`imap_mailbox_attr`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_mailbox_attr_kind {
    /// `\Noinferiors`
    Noinferiors = 0,
    /// `\Noselect`
    Noselect = 1,
    /// `\Marked`
    Marked = 2,
    /// `\Unmarked`
    Unmarked = 3,
    /// `\NonExistent`
    NonExistent = 4,
    /// `\Subscribed`
    Subscribed = 5,
    /// `\Remote`
    Remote = 6,
    /// `\HasChildren`
    HasChildren = 7,
    /// `\HasNoChildren`
    HasNoChildren = 8,
    /// `\All`
    All = 9,
    /// `\Archive`
    Archive = 10,
    /// `\Drafts`
    Drafts = 11,
    /// `\Flagged`
    Flagged = 12,
    /// `\Junk`
    Junk = 13,
    /// `\Sent`
    Sent = 14,
    /// `\Trash`
    Trash = 15,
    /// `\Important`
    Important = 16,
    /// Another attribute; `name` holds it without the backslash.
    Extension = 17,
    /// Something in an attribute list that is not an attribute; `name`
    /// holds its bytes as sent.
    Unparsed = 18,
}

/// A mailbox attribute of LIST, LSUB or XLIST.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_mailbox_attr {
    /// Which attribute.
    pub kind: imap_mailbox_attr_kind,
    /// The name, for extensions (NIL otherwise).
    pub name: imap_bytes,
}

#[inline(always)]
pub(crate) fn flag(a: &Arena, f: &Flag<'_>) -> imap_flag {
    let (kind, name) = match f {
        Flag::Answered => (imap_flag_kind::Answered, imap_bytes::NIL),
        Flag::Flagged => (imap_flag_kind::Flagged, imap_bytes::NIL),
        Flag::Deleted => (imap_flag_kind::Deleted, imap_bytes::NIL),
        Flag::Seen => (imap_flag_kind::Seen, imap_bytes::NIL),
        Flag::Draft => (imap_flag_kind::Draft, imap_bytes::NIL),
        Flag::Recent => (imap_flag_kind::Recent, imap_bytes::NIL),
        Flag::Wildcard => (imap_flag_kind::Wildcard, imap_bytes::NIL),
        Flag::Keyword(k) => (imap_flag_kind::Keyword, bytes(a, k)),
        Flag::Extension(e) => (imap_flag_kind::Extension, bytes(a, e)),
        Flag::Unparsed(r) => (imap_flag_kind::Unparsed, bytes(a, r)),
    };
    imap_flag { kind, name }
}

pub(crate) fn flags(a: &Arena, v: &[Flag<'_>]) -> imap_flag_list {
    let (items, len) = a.slice(v.iter().map(|f| flag(a, f)));
    imap_flag_list { items, len }
}

pub(crate) fn mailbox_attr(a: &Arena, m: &MailboxAttr<'_>) -> imap_mailbox_attr {
    use imap_mailbox_attr_kind as K;
    let kind = match m {
        MailboxAttr::Noinferiors => K::Noinferiors,
        MailboxAttr::Noselect => K::Noselect,
        MailboxAttr::Marked => K::Marked,
        MailboxAttr::Unmarked => K::Unmarked,
        MailboxAttr::NonExistent => K::NonExistent,
        MailboxAttr::Subscribed => K::Subscribed,
        MailboxAttr::Remote => K::Remote,
        MailboxAttr::HasChildren => K::HasChildren,
        MailboxAttr::HasNoChildren => K::HasNoChildren,
        MailboxAttr::All => K::All,
        MailboxAttr::Archive => K::Archive,
        MailboxAttr::Drafts => K::Drafts,
        MailboxAttr::Flagged => K::Flagged,
        MailboxAttr::Junk => K::Junk,
        MailboxAttr::Sent => K::Sent,
        MailboxAttr::Trash => K::Trash,
        MailboxAttr::Important => K::Important,
        MailboxAttr::Extension(e) => return imap_mailbox_attr { kind: K::Extension, name: bytes(a, e) },
        MailboxAttr::Unparsed(r) => return imap_mailbox_attr { kind: K::Unparsed, name: bytes(a, r) },
    };
    imap_mailbox_attr { kind, name: imap_bytes::NIL }
}
