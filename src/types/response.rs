//! Server responses (RFC 9051 `response`): untagged data, continuation
//! requests and tagged completions.

use super::{
    Bytes, Capability, FetchItem, Flag, ListMailbox, MetadataEntries, NString, NamespaceDesc,
    QuotaResource, RespText, SequenceSet, StatusItem,
};

/// One complete server response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response<'a> {
    /// `* ...`
    Untagged(Untagged<'a>),
    /// `+ ...`: a continuation request.
    Continue(RespText<'a>),
    /// `tag OK|NO|BAD ...`: a command completed.
    Tagged(Tagged<'a>),
}

/// The status word of a tagged response or an untagged condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// `OK`
    Ok,
    /// `NO`
    No,
    /// `BAD`
    Bad,
}

/// `tag OK|NO|BAD [code] text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tagged<'a> {
    /// The tag of the command this completes.
    pub tag: Bytes<'a>,
    /// OK, NO or BAD.
    pub status: Status,
    /// Code and text.
    pub text: RespText<'a>,
}

/// An untagged response (`* ...`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Untagged<'a> {
    /// `* OK ...`
    Ok(RespText<'a>),
    /// `* NO ...`
    No(RespText<'a>),
    /// `* BAD ...`
    Bad(RespText<'a>),
    /// `* BYE ...`
    Bye(RespText<'a>),
    /// `* PREAUTH ...` (a greeting)
    Preauth(RespText<'a>),
    /// `* CAPABILITY ...`
    Capability(&'a [Capability<'a>]),
    /// `* ENABLED ...` (RFC 5161)
    Enabled(&'a [Capability<'a>]),
    /// `* FLAGS (...)`
    Flags(&'a [Flag<'a>]),
    /// `* LIST ...`
    List(ListMailbox<'a>),
    /// `* LSUB ...` (IMAP4rev1)
    Lsub(ListMailbox<'a>),
    /// `* XLIST ...` (Gmail, obsolete)
    Xlist(ListMailbox<'a>),
    /// `* STATUS mailbox (...)`
    Status {
        /// The mailbox name as sent.
        mailbox: Bytes<'a>,
        /// The items.
        items: &'a [StatusItem<'a>],
    },
    /// `* SEARCH ...` (IMAP4rev1), with RFC 7162's `(MODSEQ n)`.
    Search {
        /// Matching message numbers or UIDs.
        ids: &'a [u32],
        /// The highest mod-sequence of the matches, if reported.
        modseq: Option<u64>,
    },
    /// `* ESEARCH ...` (RFC 4731, 9051)
    Esearch(Esearch<'a>),
    /// `* SORT ...` (RFC 5256), with RFC 7162's `(MODSEQ n)`.
    Sort {
        /// Message numbers or UIDs in sorted order.
        ids: &'a [u32],
        /// The highest mod-sequence of the matches, if reported.
        modseq: Option<u64>,
    },
    /// `* THREAD ...` (RFC 5256): the list of thread trees.
    Thread(&'a [Thread<'a>]),
    /// `* NAMESPACE personal other shared` (RFC 2342); `None` for NIL.
    Namespace {
        /// Personal namespaces.
        personal: Option<&'a [NamespaceDesc<'a>]>,
        /// Other users' namespaces.
        other: Option<&'a [NamespaceDesc<'a>]>,
        /// Shared namespaces.
        shared: Option<&'a [NamespaceDesc<'a>]>,
    },
    /// `* ID (...)` or `* ID NIL` (RFC 2971): field/value pairs.
    Id(Option<&'a [(Bytes<'a>, NString<'a>)]>),
    /// `* QUOTA root (...)` (RFC 2087, 9208)
    Quota {
        /// The quota root.
        root: Bytes<'a>,
        /// Its resources.
        resources: &'a [QuotaResource<'a>],
    },
    /// `* QUOTAROOT mailbox root...` (RFC 2087, 9208)
    QuotaRoot {
        /// The mailbox asked about.
        mailbox: Bytes<'a>,
        /// Its quota roots (possibly none).
        roots: &'a [Bytes<'a>],
    },
    /// `* ACL mailbox (identifier rights)...` (RFC 4314)
    Acl {
        /// The mailbox.
        mailbox: Bytes<'a>,
        /// (identifier, rights) pairs.
        entries: &'a [(Bytes<'a>, Bytes<'a>)],
    },
    /// `* LISTRIGHTS mailbox identifier required optional...` (RFC 4314)
    ListRights {
        /// The mailbox.
        mailbox: Bytes<'a>,
        /// The identifier asked about.
        identifier: Bytes<'a>,
        /// Rights always granted.
        required: Bytes<'a>,
        /// Groups of rights that may be granted.
        optional: &'a [Bytes<'a>],
    },
    /// `* MYRIGHTS mailbox rights` (RFC 4314)
    MyRights {
        /// The mailbox.
        mailbox: Bytes<'a>,
        /// The rights.
        rights: Bytes<'a>,
    },
    /// `* METADATA mailbox ...` (RFC 5464)
    Metadata {
        /// The mailbox (empty for server metadata).
        mailbox: Bytes<'a>,
        /// The entries.
        entries: MetadataEntries<'a>,
    },
    /// `* n EXISTS`
    Exists(u32),
    /// `* n RECENT` (IMAP4rev1)
    Recent(u32),
    /// `* n EXPUNGE`
    Expunge(u32),
    /// `* n FETCH (...)`
    Fetch {
        /// The message sequence number.
        seq: u32,
        /// The items.
        items: &'a [FetchItem<'a>],
    },
    /// `* VANISHED [(EARLIER)] uids` (RFC 7162)
    Vanished {
        /// Whether `(EARLIER)` was present.
        earlier: bool,
        /// The expunged UIDs.
        uids: SequenceSet,
    },
    /// Any other untagged response: `* [number] NAME rest`.
    Other {
        /// The leading number, if the response had one (`* 99 NOOP`).
        number: Option<u32>,
        /// The keyword.
        name: Bytes<'a>,
        /// The rest of the response after the keyword and its space, verbatim.
        rest: Bytes<'a>,
    },
}

/// An ESEARCH response (RFC 4731, 9051).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Esearch<'a> {
    /// The tag of the command, from `(TAG "...")`.
    pub tag: Option<Bytes<'a>>,
    /// Whether the numbers are UIDs.
    pub uid: bool,
    /// The returned data.
    pub items: Vec<EsearchItem<'a>>,
}

/// One item of an ESEARCH response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EsearchItem<'a> {
    /// `MIN n`
    Min(u32),
    /// `MAX n`
    Max(u32),
    /// `ALL set`
    All(SequenceSet),
    /// `COUNT n`
    Count(u32),
    /// `MODSEQ n` (RFC 7162)
    ModSeq(u64),
    /// Any other item (e.g. ADDTO, REMOVEFROM, PARTIAL): name and raw value.
    Other {
        /// The item name.
        name: Bytes<'a>,
        /// The value, verbatim.
        value: Bytes<'a>,
    },
}

/// One node of a THREAD response (RFC 5256).
///
/// `(3 6 (4 23)(44 7 96))` is one thread whose `members` are `[3, 6]`
/// (each a reply to the previous), followed by two branches under 6:
/// `{members: [4, 23]}` and `{members: [44, 7, 96]}`. A thread that starts
/// with branches, `((3)(5))`, has no members.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Thread<'a> {
    /// A chain of messages, each the child of the one before.
    pub members: &'a [u32],
    /// Sub-threads hanging from the last member.
    pub children: &'a [Thread<'a>],
}
