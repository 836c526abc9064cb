//! Response codes and `resp-text`. C declarations and their conversion from the Rust types.

use super::*;

/// Kinds of [`imap_code`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_code_kind {
    /// `ALERT`
    Alert = 0,
    /// `BADCHARSET`; `u.strings` lists the charsets.
    BadCharset = 1,
    /// `CAPABILITY`; `u.capabilities`.
    Capability = 2,
    /// `PARSE`
    Parse = 3,
    /// `PERMANENTFLAGS`; `u.flags`.
    PermanentFlags = 4,
    /// `READ-ONLY`
    ReadOnly = 5,
    /// `READ-WRITE`
    ReadWrite = 6,
    /// `TRYCREATE`
    TryCreate = 7,
    /// `UIDNEXT`; `u.number`.
    UidNext = 8,
    /// `UIDVALIDITY`; `u.number`.
    UidValidity = 9,
    /// `UNSEEN`; `u.number`.
    Unseen = 10,
    /// `APPENDUID`; `u.append_uid`.
    AppendUid = 11,
    /// `COPYUID`; `u.copy_uid`.
    CopyUid = 12,
    /// `UIDNOTSTICKY`
    UidNotSticky = 13,
    /// `HIGHESTMODSEQ`; `u.number64`.
    HighestModSeq = 14,
    /// `NOMODSEQ`
    NoModSeq = 15,
    /// `MODIFIED`; `u.set`.
    Modified = 16,
    /// `CLOSED`
    Closed = 17,
    /// `COMPRESSIONACTIVE`
    CompressionActive = 18,
    /// `USEATTR`
    UseAttr = 19,
    /// `UNAVAILABLE`
    Unavailable = 20,
    /// `AUTHENTICATIONFAILED`
    AuthenticationFailed = 21,
    /// `AUTHORIZATIONFAILED`
    AuthorizationFailed = 22,
    /// `EXPIRED`
    Expired = 23,
    /// `PRIVACYREQUIRED`
    PrivacyRequired = 24,
    /// `CONTACTADMIN`
    ContactAdmin = 25,
    /// `NOPERM`
    NoPerm = 26,
    /// `INUSE`
    InUse = 27,
    /// `EXPUNGEISSUED`
    ExpungeIssued = 28,
    /// `CORRUPTION`
    Corruption = 29,
    /// `SERVERBUG`
    ServerBug = 30,
    /// `CLIENTBUG`
    ClientBug = 31,
    /// `CANNOT`
    Cannot = 32,
    /// `LIMIT`
    Limit = 33,
    /// `OVERQUOTA`
    OverQuota = 34,
    /// `ALREADYEXISTS`
    AlreadyExists = 35,
    /// `NONEXISTENT`
    NonExistent = 36,
    /// `NOTSAVED`
    NotSaved = 37,
    /// `HASCHILDREN`
    HasChildren = 38,
    /// `UNKNOWN-CTE`
    UnknownCte = 39,
    /// `TOOBIG`
    TooBig = 40,
    /// `BADURL`; `u.text`.
    BadUrl = 41,
    /// `NOUPDATE`; `u.text`.
    NoUpdate = 42,
    /// `MAILBOXID`; `u.text`.
    MailboxId = 43,
    /// `METADATA LONGENTRIES`; `u.number64`.
    MetadataLongEntries = 44,
    /// `METADATA MAXSIZE`; `u.number64`.
    MetadataMaxSize = 45,
    /// `METADATA TOOMANY`
    MetadataTooMany = 46,
    /// `METADATA NOPRIVATE`
    MetadataNoPrivate = 47,
    /// `NOTIFICATIONOVERFLOW`
    NotificationOverflow = 48,
    /// `REFERRAL`; `u.text`.
    Referral = 49,
    /// Any other code; `u.other`.
    Other = 50,
}

/// `APPENDUID` data.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_code_append_uid {
    /// UIDVALIDITY of the mailbox.
    pub uid_validity: u32,
    /// The assigned UIDs.
    pub uids: imap_seq_set,
}

/// `COPYUID` data.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_code_copy_uid {
    /// UIDVALIDITY of the destination.
    pub uid_validity: u32,
    /// Source UIDs.
    pub source: imap_seq_set,
    /// Destination UIDs.
    pub dest: imap_seq_set,
}

/// An unknown code: its name and raw text (NIL when absent).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_code_other {
    /// The atom.
    pub name: imap_bytes,
    /// The text up to `]`, or NIL.
    pub text: imap_bytes,
}

/// The data of an [`imap_code`].
#[repr(C)]
#[derive(Clone, Copy)]
pub union imap_code_data {
    /// UIDNEXT, UIDVALIDITY, UNSEEN.
    pub number: u32,
    /// HIGHESTMODSEQ, METADATA LONGENTRIES/MAXSIZE.
    pub number64: u64,
    /// MODIFIED.
    pub set: imap_seq_set,
    /// BADURL, NOUPDATE, MAILBOXID, REFERRAL.
    pub text: imap_bytes,
    /// BADCHARSET.
    pub strings: imap_bytes_list,
    /// CAPABILITY.
    pub capabilities: imap_capability_list,
    /// PERMANENTFLAGS.
    pub flags: imap_flag_list,
    /// APPENDUID.
    pub append_uid: imap_code_append_uid,
    /// COPYUID.
    pub copy_uid: imap_code_copy_uid,
    /// Other codes.
    pub other: imap_code_other,
}

/// A response code.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_code {
    /// Which code; says which member of `u` is set.
    pub kind: imap_code_kind,
    /// Its data.
    pub u: imap_code_data,
}

/// A response code (NULL when absent) and text.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_resp_text {
    /// The code, or NULL.
    pub code: *const imap_code,
    /// The text.
    pub text: imap_bytes,
}

pub(crate) fn code(a: &Arena, c: &Code<'_>) -> imap_code {
    use imap_code_kind as K;
    let plain = |kind| imap_code { kind, u: imap_code_data { number: 0 } };
    let number = |kind, n: u32| imap_code { kind, u: imap_code_data { number: n } };
    let number64 = |kind, n: u64| imap_code { kind, u: imap_code_data { number64: n } };
    let text = |a: &Arena, kind, t: &Bytes<'_>| imap_code { kind, u: imap_code_data { text: bytes(a, t) } };
    match c {
        Code::Alert => plain(K::Alert),
        Code::BadCharset(v) => imap_code { kind: K::BadCharset, u: imap_code_data { strings: bytes_list(a, v) } },
        Code::Capability(v) => imap_code { kind: K::Capability, u: imap_code_data { capabilities: capabilities(a, v) } },
        Code::Parse => plain(K::Parse),
        Code::PermanentFlags(v) => imap_code { kind: K::PermanentFlags, u: imap_code_data { flags: flags(a, v) } },
        Code::ReadOnly => plain(K::ReadOnly),
        Code::ReadWrite => plain(K::ReadWrite),
        Code::TryCreate => plain(K::TryCreate),
        Code::UidNext(n) => number(K::UidNext, *n),
        Code::UidValidity(n) => number(K::UidValidity, *n),
        Code::Unseen(n) => number(K::Unseen, *n),
        Code::AppendUid { uid_validity, uids } => imap_code {
            kind: K::AppendUid,
            u: imap_code_data { append_uid: imap_code_append_uid { uid_validity: *uid_validity, uids: seq_set(a, uids) } },
        },
        Code::CopyUid { uid_validity, source, dest } => imap_code {
            kind: K::CopyUid,
            u: imap_code_data {
                copy_uid: imap_code_copy_uid {
                    uid_validity: *uid_validity,
                    source: seq_set(a, source),
                    dest: seq_set(a, dest),
                },
            },
        },
        Code::UidNotSticky => plain(K::UidNotSticky),
        Code::HighestModSeq(n) => number64(K::HighestModSeq, *n),
        Code::NoModSeq => plain(K::NoModSeq),
        Code::Modified(s) => imap_code { kind: K::Modified, u: imap_code_data { set: seq_set(a, s) } },
        Code::Closed => plain(K::Closed),
        Code::CompressionActive => plain(K::CompressionActive),
        Code::UseAttr => plain(K::UseAttr),
        Code::Unavailable => plain(K::Unavailable),
        Code::AuthenticationFailed => plain(K::AuthenticationFailed),
        Code::AuthorizationFailed => plain(K::AuthorizationFailed),
        Code::Expired => plain(K::Expired),
        Code::PrivacyRequired => plain(K::PrivacyRequired),
        Code::ContactAdmin => plain(K::ContactAdmin),
        Code::NoPerm => plain(K::NoPerm),
        Code::InUse => plain(K::InUse),
        Code::ExpungeIssued => plain(K::ExpungeIssued),
        Code::Corruption => plain(K::Corruption),
        Code::ServerBug => plain(K::ServerBug),
        Code::ClientBug => plain(K::ClientBug),
        Code::Cannot => plain(K::Cannot),
        Code::Limit => plain(K::Limit),
        Code::OverQuota => plain(K::OverQuota),
        Code::AlreadyExists => plain(K::AlreadyExists),
        Code::NonExistent => plain(K::NonExistent),
        Code::NotSaved => plain(K::NotSaved),
        Code::HasChildren => plain(K::HasChildren),
        Code::UnknownCte => plain(K::UnknownCte),
        Code::TooBig => plain(K::TooBig),
        Code::BadUrl(t) => text(a, K::BadUrl, t),
        Code::NoUpdate(t) => text(a, K::NoUpdate, t),
        Code::MailboxId(t) => text(a, K::MailboxId, t),
        Code::MetadataLongEntries(n) => number64(K::MetadataLongEntries, *n),
        Code::MetadataMaxSize(n) => number64(K::MetadataMaxSize, *n),
        Code::MetadataTooMany => plain(K::MetadataTooMany),
        Code::MetadataNoPrivate => plain(K::MetadataNoPrivate),
        Code::NotificationOverflow => plain(K::NotificationOverflow),
        Code::Referral(t) => text(a, K::Referral, t),
        Code::Other { name, text: t } => imap_code {
            kind: K::Other,
            u: imap_code_data { other: imap_code_other { name: bytes(a, name), text: nstring(a, t) } },
        },
    }
}

pub(crate) fn resp_text(a: &Arena, t: &RespText<'_>) -> imap_resp_text {
    let code = match &t.code {
        Some(c) => {
            let c = code(a, c);
            a.boxed(c)
        }
        None => std::ptr::null(),
    };
    imap_resp_text { code, text: bytes(a, &t.text) }
}
