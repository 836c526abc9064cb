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

impl Code<'_> {
    /// The code's name as sent, e.g. `UIDNEXT`, or `METADATA LONGENTRIES`
    /// (the METADATA codes have two words); for [`Code::Other`] the name
    /// as received.
    pub fn name(&self) -> &[u8] {
        match self {
            Code::Alert => b"ALERT",
            Code::BadCharset(_) => b"BADCHARSET",
            Code::Capability(_) => b"CAPABILITY",
            Code::Parse => b"PARSE",
            Code::PermanentFlags(_) => b"PERMANENTFLAGS",
            Code::ReadOnly => b"READ-ONLY",
            Code::ReadWrite => b"READ-WRITE",
            Code::TryCreate => b"TRYCREATE",
            Code::UidNext(_) => b"UIDNEXT",
            Code::UidValidity(_) => b"UIDVALIDITY",
            Code::Unseen(_) => b"UNSEEN",
            Code::AppendUid { .. } => b"APPENDUID",
            Code::CopyUid { .. } => b"COPYUID",
            Code::UidNotSticky => b"UIDNOTSTICKY",
            Code::HighestModSeq(_) => b"HIGHESTMODSEQ",
            Code::NoModSeq => b"NOMODSEQ",
            Code::Modified(_) => b"MODIFIED",
            Code::Closed => b"CLOSED",
            Code::CompressionActive => b"COMPRESSIONACTIVE",
            Code::UseAttr => b"USEATTR",
            Code::Unavailable => b"UNAVAILABLE",
            Code::AuthenticationFailed => b"AUTHENTICATIONFAILED",
            Code::AuthorizationFailed => b"AUTHORIZATIONFAILED",
            Code::Expired => b"EXPIRED",
            Code::PrivacyRequired => b"PRIVACYREQUIRED",
            Code::ContactAdmin => b"CONTACTADMIN",
            Code::NoPerm => b"NOPERM",
            Code::InUse => b"INUSE",
            Code::ExpungeIssued => b"EXPUNGEISSUED",
            Code::Corruption => b"CORRUPTION",
            Code::ServerBug => b"SERVERBUG",
            Code::ClientBug => b"CLIENTBUG",
            Code::Cannot => b"CANNOT",
            Code::Limit => b"LIMIT",
            Code::OverQuota => b"OVERQUOTA",
            Code::AlreadyExists => b"ALREADYEXISTS",
            Code::NonExistent => b"NONEXISTENT",
            Code::NotSaved => b"NOTSAVED",
            Code::HasChildren => b"HASCHILDREN",
            Code::UnknownCte => b"UNKNOWN-CTE",
            Code::TooBig => b"TOOBIG",
            Code::BadUrl(_) => b"BADURL",
            Code::NoUpdate(_) => b"NOUPDATE",
            Code::MailboxId(_) => b"MAILBOXID",
            Code::MetadataLongEntries(_) => b"METADATA LONGENTRIES",
            Code::MetadataMaxSize(_) => b"METADATA MAXSIZE",
            Code::MetadataTooMany => b"METADATA TOOMANY",
            Code::MetadataNoPrivate => b"METADATA NOPRIVATE",
            Code::NotificationOverflow => b"NOTIFICATIONOVERFLOW",
            Code::Referral(_) => b"REFERRAL",
            Code::Other { name, .. } => name,
        }
    }
}

/// `resp-text`: an optional code and human-readable text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RespText<'a> {
    /// The bracketed response code, if present.
    pub code: Option<Code<'a>>,
    /// The text after the code (may be empty).
    pub text: Bytes<'a>,
}
