//! Response codes (RFC 9051 `resp-text-code` and the extensions' codes),
//! and the `resp-text` that carries them.

use super::names::names;
use super::{Bytes, Capability, Flag, SequenceSet};

names! {
    /// The name of a response code this crate knows, without its
    /// arguments: the one table of these names, used by the decoder,
    /// [`Code::name`] and the C ABI. The METADATA codes have two words.
    pub enum CodeName {
        /// `ALERT`: the text must be shown to the user.
        Alert = b"ALERT",
        /// `BADCHARSET` with the charsets the server supports (possibly none).
        BadCharset = b"BADCHARSET",
        /// `CAPABILITY ...` inside a greeting or tagged OK.
        Capability = b"CAPABILITY",
        /// `PARSE`
        Parse = b"PARSE",
        /// `PERMANENTFLAGS (...)`; `\*` appears as [`Flag::Wildcard`].
        PermanentFlags = b"PERMANENTFLAGS",
        /// `READ-ONLY`
        ReadOnly = b"READ-ONLY",
        /// `READ-WRITE`
        ReadWrite = b"READ-WRITE",
        /// `TRYCREATE`
        TryCreate = b"TRYCREATE",
        /// `UIDNEXT n`
        UidNext = b"UIDNEXT",
        /// `UIDVALIDITY n`
        UidValidity = b"UIDVALIDITY",
        /// `UNSEEN n` (IMAP4rev1)
        Unseen = b"UNSEEN",
        /// `APPENDUID uidvalidity uid-set` (RFC 4315; a set with MULTIAPPEND).
        AppendUid = b"APPENDUID",
        /// `COPYUID uidvalidity source-set dest-set` (RFC 4315).
        CopyUid = b"COPYUID",
        /// `UIDNOTSTICKY` (RFC 4315)
        UidNotSticky = b"UIDNOTSTICKY",
        /// `HIGHESTMODSEQ n` (RFC 7162)
        HighestModSeq = b"HIGHESTMODSEQ",
        /// `NOMODSEQ` (RFC 7162)
        NoModSeq = b"NOMODSEQ",
        /// `MODIFIED set` (RFC 7162): messages that failed UNCHANGEDSINCE.
        Modified = b"MODIFIED",
        /// `CLOSED` (RFC 7162, 9051)
        Closed = b"CLOSED",
        /// `COMPRESSIONACTIVE` (RFC 4978)
        CompressionActive = b"COMPRESSIONACTIVE",
        /// `USEATTR` (RFC 6154)
        UseAttr = b"USEATTR",
        /// `UNAVAILABLE` (RFC 5530)
        Unavailable = b"UNAVAILABLE",
        /// `AUTHENTICATIONFAILED` (RFC 5530)
        AuthenticationFailed = b"AUTHENTICATIONFAILED",
        /// `AUTHORIZATIONFAILED` (RFC 5530)
        AuthorizationFailed = b"AUTHORIZATIONFAILED",
        /// `EXPIRED` (RFC 5530)
        Expired = b"EXPIRED",
        /// `PRIVACYREQUIRED` (RFC 5530)
        PrivacyRequired = b"PRIVACYREQUIRED",
        /// `CONTACTADMIN` (RFC 5530)
        ContactAdmin = b"CONTACTADMIN",
        /// `NOPERM` (RFC 5530)
        NoPerm = b"NOPERM",
        /// `INUSE` (RFC 5530)
        InUse = b"INUSE",
        /// `EXPUNGEISSUED` (RFC 5530)
        ExpungeIssued = b"EXPUNGEISSUED",
        /// `CORRUPTION` (RFC 5530)
        Corruption = b"CORRUPTION",
        /// `SERVERBUG` (RFC 5530)
        ServerBug = b"SERVERBUG",
        /// `CLIENTBUG` (RFC 5530)
        ClientBug = b"CLIENTBUG",
        /// `CANNOT` (RFC 5530)
        Cannot = b"CANNOT",
        /// `LIMIT` (RFC 5530)
        Limit = b"LIMIT",
        /// `OVERQUOTA` (RFC 5530, 9208)
        OverQuota = b"OVERQUOTA",
        /// `ALREADYEXISTS` (RFC 5530)
        AlreadyExists = b"ALREADYEXISTS",
        /// `NONEXISTENT` (RFC 5530)
        NonExistent = b"NONEXISTENT",
        /// `NOTSAVED` (RFC 9051)
        NotSaved = b"NOTSAVED",
        /// `HASCHILDREN` (RFC 9051)
        HasChildren = b"HASCHILDREN",
        /// `UNKNOWN-CTE` (RFC 3516)
        UnknownCte = b"UNKNOWN-CTE",
        /// `TOOBIG` (RFC 4469)
        TooBig = b"TOOBIG",
        /// `BADURL url` (RFC 4469)
        BadUrl = b"BADURL",
        /// `NOUPDATE "tag"` (RFC 5267)
        NoUpdate = b"NOUPDATE",
        /// `MAILBOXID (id)` (RFC 8474)
        MailboxId = b"MAILBOXID",
        /// `METADATA LONGENTRIES n` (RFC 5464)
        MetadataLongEntries = b"METADATA LONGENTRIES",
        /// `METADATA MAXSIZE n` (RFC 5464)
        MetadataMaxSize = b"METADATA MAXSIZE",
        /// `METADATA TOOMANY` (RFC 5464)
        MetadataTooMany = b"METADATA TOOMANY",
        /// `METADATA NOPRIVATE` (RFC 5464)
        MetadataNoPrivate = b"METADATA NOPRIVATE",
        /// `NOTIFICATIONOVERFLOW` (RFC 5465)
        NotificationOverflow = b"NOTIFICATIONOVERFLOW",
        /// `REFERRAL url` (RFC 2221)
        Referral = b"REFERRAL",
    }
}

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
            Code::Other { name, .. } => name,
            known => known.kind().map_or(b"", CodeName::name),
        }
    }

    /// Which known code this is; `None` for [`Code::Other`].
    pub fn kind(&self) -> Option<CodeName> {
        Some(match self {
            Code::Alert => CodeName::Alert,
            Code::BadCharset(_) => CodeName::BadCharset,
            Code::Capability(_) => CodeName::Capability,
            Code::Parse => CodeName::Parse,
            Code::PermanentFlags(_) => CodeName::PermanentFlags,
            Code::ReadOnly => CodeName::ReadOnly,
            Code::ReadWrite => CodeName::ReadWrite,
            Code::TryCreate => CodeName::TryCreate,
            Code::UidNext(_) => CodeName::UidNext,
            Code::UidValidity(_) => CodeName::UidValidity,
            Code::Unseen(_) => CodeName::Unseen,
            Code::AppendUid { .. } => CodeName::AppendUid,
            Code::CopyUid { .. } => CodeName::CopyUid,
            Code::UidNotSticky => CodeName::UidNotSticky,
            Code::HighestModSeq(_) => CodeName::HighestModSeq,
            Code::NoModSeq => CodeName::NoModSeq,
            Code::Modified(_) => CodeName::Modified,
            Code::Closed => CodeName::Closed,
            Code::CompressionActive => CodeName::CompressionActive,
            Code::UseAttr => CodeName::UseAttr,
            Code::Unavailable => CodeName::Unavailable,
            Code::AuthenticationFailed => CodeName::AuthenticationFailed,
            Code::AuthorizationFailed => CodeName::AuthorizationFailed,
            Code::Expired => CodeName::Expired,
            Code::PrivacyRequired => CodeName::PrivacyRequired,
            Code::ContactAdmin => CodeName::ContactAdmin,
            Code::NoPerm => CodeName::NoPerm,
            Code::InUse => CodeName::InUse,
            Code::ExpungeIssued => CodeName::ExpungeIssued,
            Code::Corruption => CodeName::Corruption,
            Code::ServerBug => CodeName::ServerBug,
            Code::ClientBug => CodeName::ClientBug,
            Code::Cannot => CodeName::Cannot,
            Code::Limit => CodeName::Limit,
            Code::OverQuota => CodeName::OverQuota,
            Code::AlreadyExists => CodeName::AlreadyExists,
            Code::NonExistent => CodeName::NonExistent,
            Code::NotSaved => CodeName::NotSaved,
            Code::HasChildren => CodeName::HasChildren,
            Code::UnknownCte => CodeName::UnknownCte,
            Code::TooBig => CodeName::TooBig,
            Code::BadUrl(_) => CodeName::BadUrl,
            Code::NoUpdate(_) => CodeName::NoUpdate,
            Code::MailboxId(_) => CodeName::MailboxId,
            Code::MetadataLongEntries(_) => CodeName::MetadataLongEntries,
            Code::MetadataMaxSize(_) => CodeName::MetadataMaxSize,
            Code::MetadataTooMany => CodeName::MetadataTooMany,
            Code::MetadataNoPrivate => CodeName::MetadataNoPrivate,
            Code::NotificationOverflow => CodeName::NotificationOverflow,
            Code::Referral(_) => CodeName::Referral,
            Code::Other { .. } => return None,
        })
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
