//! Message flags (RFC 9051 `flag`, `flag-fetch`, `flag-perm`) and mailbox
//! attributes (`mbx-list-flags`, RFC 6154 special-use, RFC 3348 children).

use super::Bytes;

/// A message flag as found in FLAGS, PERMANENTFLAGS, FETCH FLAGS and STORE.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Flag<'a> {
    /// `\Answered`
    Answered,
    /// `\Flagged`
    Flagged,
    /// `\Deleted`
    Deleted,
    /// `\Seen`
    Seen,
    /// `\Draft`
    Draft,
    /// `\Recent` (IMAP4rev1 only; deprecated in IMAP4rev2).
    Recent,
    /// `\*` in PERMANENTFLAGS: new keywords may be created.
    Wildcard,
    /// A keyword without backslash, e.g. `$Forwarded` or `NonJunk`.
    Keyword(Bytes<'a>),
    /// Any other `\Name`; holds the name without the backslash.
    Extension(Bytes<'a>),
    /// Something in a server's flag list that is not a flag (e.g. a
    /// parenthesised group), verbatim: decoding went on after it. Never
    /// sent in a command.
    Unparsed(Bytes<'a>),
}

impl Flag<'_> {
    /// An owned copy that no longer borrows from the decoder.
    pub fn into_owned(self) -> Flag<'static> {
        match self {
            Flag::Answered => Flag::Answered,
            Flag::Flagged => Flag::Flagged,
            Flag::Deleted => Flag::Deleted,
            Flag::Seen => Flag::Seen,
            Flag::Draft => Flag::Draft,
            Flag::Recent => Flag::Recent,
            Flag::Wildcard => Flag::Wildcard,
            Flag::Keyword(b) => Flag::Keyword(b.into_owned()),
            Flag::Extension(b) => Flag::Extension(b.into_owned()),
            Flag::Unparsed(b) => Flag::Unparsed(b.into_owned()),
        }
    }
}

/// A mailbox attribute from LIST, LSUB or XLIST.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MailboxAttr<'a> {
    /// `\Noinferiors`
    Noinferiors,
    /// `\Noselect`
    Noselect,
    /// `\Marked`
    Marked,
    /// `\Unmarked`
    Unmarked,
    /// `\NonExistent` (RFC 5258, 9051)
    NonExistent,
    /// `\Subscribed` (RFC 5258, 9051)
    Subscribed,
    /// `\Remote` (RFC 5258, 9051)
    Remote,
    /// `\HasChildren` (RFC 3348)
    HasChildren,
    /// `\HasNoChildren` (RFC 3348)
    HasNoChildren,
    /// `\All` (RFC 6154)
    All,
    /// `\Archive` (RFC 6154)
    Archive,
    /// `\Drafts` (RFC 6154)
    Drafts,
    /// `\Flagged` (RFC 6154)
    Flagged,
    /// `\Junk` (RFC 6154)
    Junk,
    /// `\Sent` (RFC 6154)
    Sent,
    /// `\Trash` (RFC 6154)
    Trash,
    /// `\Important` (RFC 8457)
    Important,
    /// Any other attribute; holds the name without the backslash
    /// (e.g. Gmail's XLIST `Inbox`, `AllMail`, `Spam`, `Starred`).
    Extension(Bytes<'a>),
    /// Something in an attribute list that is not an attribute (e.g. a
    /// stray symbol), verbatim: decoding went on after it.
    Unparsed(Bytes<'a>),
}

/// The attributes with a name of their own, in the RFCs' spelling.
pub(crate) const KNOWN_ATTRS: [(&[u8], MailboxAttr<'static>); 17] = [
    (b"Noinferiors", MailboxAttr::Noinferiors),
    (b"Noselect", MailboxAttr::Noselect),
    (b"Marked", MailboxAttr::Marked),
    (b"Unmarked", MailboxAttr::Unmarked),
    (b"NonExistent", MailboxAttr::NonExistent),
    (b"Subscribed", MailboxAttr::Subscribed),
    (b"Remote", MailboxAttr::Remote),
    (b"HasChildren", MailboxAttr::HasChildren),
    (b"HasNoChildren", MailboxAttr::HasNoChildren),
    (b"All", MailboxAttr::All),
    (b"Archive", MailboxAttr::Archive),
    (b"Drafts", MailboxAttr::Drafts),
    (b"Flagged", MailboxAttr::Flagged),
    (b"Junk", MailboxAttr::Junk),
    (b"Sent", MailboxAttr::Sent),
    (b"Trash", MailboxAttr::Trash),
    (b"Important", MailboxAttr::Important),
];

impl<'a> MailboxAttr<'a> {
    /// The attribute for a name written without its backslash, compared
    /// case-insensitively.
    pub fn from_name(name: &'a [u8]) -> MailboxAttr<'a> {
        KNOWN_ATTRS
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| MailboxAttr::Extension(Bytes::borrowed(name)))
    }

    /// The name without backslash, in the RFC's spelling (the bytes as
    /// sent for [`MailboxAttr::Unparsed`]).
    pub fn name(&self) -> &[u8] {
        match self {
            MailboxAttr::Noinferiors => b"Noinferiors",
            MailboxAttr::Noselect => b"Noselect",
            MailboxAttr::Marked => b"Marked",
            MailboxAttr::Unmarked => b"Unmarked",
            MailboxAttr::NonExistent => b"NonExistent",
            MailboxAttr::Subscribed => b"Subscribed",
            MailboxAttr::Remote => b"Remote",
            MailboxAttr::HasChildren => b"HasChildren",
            MailboxAttr::HasNoChildren => b"HasNoChildren",
            MailboxAttr::All => b"All",
            MailboxAttr::Archive => b"Archive",
            MailboxAttr::Drafts => b"Drafts",
            MailboxAttr::Flagged => b"Flagged",
            MailboxAttr::Junk => b"Junk",
            MailboxAttr::Sent => b"Sent",
            MailboxAttr::Trash => b"Trash",
            MailboxAttr::Important => b"Important",
            MailboxAttr::Extension(b) | MailboxAttr::Unparsed(b) => b,
        }
    }
}
