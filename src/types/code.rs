//! Response codes (RFC 9051 `resp-text-code` and the extensions' codes),
//! and the `resp-text` that carries them.

use super::{Bytes, Capability, Flag, SequenceSet};

/// A response code: the bracketed part of `* OK [UIDNEXT 10] text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Code<'a> {
    /// `ALERT`: the text must be shown to the user.
    Alert,
    /// `BADCHARSET` with the charsets the server supports (possibly none).
    BadCharset(&'a [Bytes<'a>]),
    /// `CAPABILITY ...` inside a greeting or tagged OK.
    Capability(&'a [Capability<'a>]),
    /// `PARSE`
    Parse,
    /// `PERMANENTFLAGS (...)`; `\*` appears as [`Flag::Wildcard`].
    PermanentFlags(&'a [Flag<'a>]),
    /// `READ-ONLY`
    ReadOnly,
    /// `READ-WRITE`
    ReadWrite,
    /// `TRYCREATE`
    TryCreate,
    /// `UIDNEXT n`
    UidNext(u32),
    /// `UIDVALIDITY n`
    UidValidity(u32),
    /// `UNSEEN n` (IMAP4rev1)
    Unseen(u32),
    /// `APPENDUID uidvalidity uid-set` (RFC 4315; a set with MULTIAPPEND).
    AppendUid {
        /// UIDVALIDITY of the destination mailbox.
        uid_validity: u32,
        /// The UIDs assigned to the appended messages.
        uids: SequenceSet,
    },
    /// `COPYUID uidvalidity source-set dest-set` (RFC 4315).
    CopyUid {
        /// UIDVALIDITY of the destination mailbox.
        uid_validity: u32,
        /// UIDs of the source messages.
        source: SequenceSet,
        /// The UIDs they received in the destination, in the same order.
        dest: SequenceSet,
    },
    /// `UIDNOTSTICKY` (RFC 4315)
    UidNotSticky,
    /// `HIGHESTMODSEQ n` (RFC 7162)
    HighestModSeq(u64),
    /// `NOMODSEQ` (RFC 7162)
    NoModSeq,
    /// `MODIFIED set` (RFC 7162): messages that failed UNCHANGEDSINCE.
    Modified(SequenceSet),
    /// `CLOSED` (RFC 7162, 9051)
    Closed,
    /// `COMPRESSIONACTIVE` (RFC 4978)
    CompressionActive,
    /// `USEATTR` (RFC 6154)
    UseAttr,
    /// `UNAVAILABLE` (RFC 5530)
    Unavailable,
    /// `AUTHENTICATIONFAILED` (RFC 5530)
    AuthenticationFailed,
    /// `AUTHORIZATIONFAILED` (RFC 5530)
    AuthorizationFailed,
    /// `EXPIRED` (RFC 5530)
    Expired,
    /// `PRIVACYREQUIRED` (RFC 5530)
    PrivacyRequired,
    /// `CONTACTADMIN` (RFC 5530)
    ContactAdmin,
    /// `NOPERM` (RFC 5530)
    NoPerm,
    /// `INUSE` (RFC 5530)
    InUse,
    /// `EXPUNGEISSUED` (RFC 5530)
    ExpungeIssued,
    /// `CORRUPTION` (RFC 5530)
    Corruption,
    /// `SERVERBUG` (RFC 5530)
    ServerBug,
    /// `CLIENTBUG` (RFC 5530)
    ClientBug,
    /// `CANNOT` (RFC 5530)
    Cannot,
    /// `LIMIT` (RFC 5530)
    Limit,
    /// `OVERQUOTA` (RFC 5530, 9208)
    OverQuota,
    /// `ALREADYEXISTS` (RFC 5530)
    AlreadyExists,
    /// `NONEXISTENT` (RFC 5530)
    NonExistent,
    /// `NOTSAVED` (RFC 9051)
    NotSaved,
    /// `HASCHILDREN` (RFC 9051)
    HasChildren,
    /// `UNKNOWN-CTE` (RFC 3516)
    UnknownCte,
    /// `TOOBIG` (RFC 4469)
    TooBig,
    /// `BADURL url` (RFC 4469)
    BadUrl(Bytes<'a>),
    /// `NOUPDATE "tag"` (RFC 5267)
    NoUpdate(Bytes<'a>),
    /// `MAILBOXID (id)` (RFC 8474)
    MailboxId(Bytes<'a>),
    /// `METADATA LONGENTRIES n` (RFC 5464)
    MetadataLongEntries(u64),
    /// `METADATA MAXSIZE n` (RFC 5464)
    MetadataMaxSize(u64),
    /// `METADATA TOOMANY` (RFC 5464)
    MetadataTooMany,
    /// `METADATA NOPRIVATE` (RFC 5464)
    MetadataNoPrivate,
    /// `NOTIFICATIONOVERFLOW` (RFC 5465)
    NotificationOverflow,
    /// `REFERRAL url` (RFC 2221)
    Referral(Bytes<'a>),
    /// Any other code, or a known code whose arguments did not parse:
    /// the atom and the raw text after it up to `]`, if any.
    Other {
        /// The code's name, verbatim.
        name: Bytes<'a>,
        /// Everything after the name and its space, up to `]`.
        text: Option<Bytes<'a>>,
    },
}

/// `resp-text`: an optional code and human-readable text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RespText<'a> {
    /// The bracketed response code, if present.
    pub code: Option<Code<'a>>,
    /// The text after the code (may be empty).
    pub text: Bytes<'a>,
}
