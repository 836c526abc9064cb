//! Mailbox data: LIST/LSUB/XLIST, STATUS, NAMESPACE (RFC 9051, 5258, 2342,
//! 5819, 8438, 7889, 8474, 9208).

use super::{Bytes, MailboxAttr, NString};

/// A LIST, LSUB or XLIST response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListMailbox<'a> {
    /// Mailbox attributes.
    pub attributes: &'a [MailboxAttr<'a>],
    /// The hierarchy delimiter; `None` for a flat namespace (NIL).
    pub delimiter: Option<u8>,
    /// The name as sent (modified UTF-7 unless UTF8=ACCEPT is enabled);
    /// see [`crate::codec::mutf7`].
    pub name: Bytes<'a>,
    /// LIST-EXTENDED data items.
    pub extended: &'a [ListExtendedItem<'a>],
}

/// One LIST-EXTENDED data item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListExtendedItem<'a> {
    /// `CHILDINFO ("SUBSCRIBED" ...)`
    ChildInfo(&'a [Bytes<'a>]),
    /// `OLDNAME ("name")`
    OldName(Bytes<'a>),
    /// Any other item: its tag and raw value.
    Other {
        /// The item tag.
        tag: Bytes<'a>,
        /// The value, verbatim.
        value: Bytes<'a>,
    },
}

/// One item of a STATUS response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusItem<'a> {
    /// `MESSAGES n`
    Messages(u32),
    /// `RECENT n` (IMAP4rev1)
    Recent(u32),
    /// `UIDNEXT n`
    UidNext(u32),
    /// `UIDVALIDITY n`
    UidValidity(u32),
    /// `UNSEEN n`
    Unseen(u32),
    /// `DELETED n` (RFC 9051)
    Deleted(u32),
    /// `SIZE n` (RFC 8438, 9051)
    Size(u64),
    /// `HIGHESTMODSEQ n` (RFC 7162)
    HighestModSeq(u64),
    /// `APPENDLIMIT n` or `APPENDLIMIT NIL` (RFC 7889)
    AppendLimit(Option<u64>),
    /// `MAILBOXID (id)` (RFC 8474)
    MailboxId(Bytes<'a>),
    /// `DELETED-STORAGE n` (RFC 9208)
    DeletedStorage(u64),
    /// Any other item, or a known one whose value did not parse.
    Other {
        /// The item name.
        name: Bytes<'a>,
        /// The value, verbatim.
        value: Bytes<'a>,
    },
}

/// One namespace of a NAMESPACE response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamespaceDesc<'a> {
    /// The prefix, e.g. `INBOX.` or `#shared/`.
    pub prefix: Bytes<'a>,
    /// The hierarchy delimiter; `None` for NIL.
    pub delimiter: Option<u8>,
    /// Extension data: (name, values).
    pub extensions: &'a [(Bytes<'a>, &'a [Bytes<'a>])],
}

/// One resource of a QUOTA response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaResource<'a> {
    /// The resource name, e.g. `STORAGE` (in KiB) or `MESSAGE`.
    pub name: Bytes<'a>,
    /// Current usage.
    pub usage: u64,
    /// The limit.
    pub limit: u64,
}

/// The entries of a METADATA response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetadataEntries<'a> {
    /// Entries with values, in reply to GETMETADATA; a `None` value is NIL.
    Values(&'a [(Bytes<'a>, NString<'a>)]),
    /// Unsolicited: the names of entries that changed.
    Changed(&'a [Bytes<'a>]),
}
