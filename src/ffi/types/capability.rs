//! Capabilities. C declarations and their conversion from the Rust types.

use super::*;

/// Kinds of [`imap_capability`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_capability_kind {
    /// `IMAP4`
    Imap4 = 0,
    /// `IMAP4rev1`
    Imap4rev1 = 1,
    /// `IMAP4rev2`
    Imap4rev2 = 2,
    /// `ACL`
    Acl = 3,
    /// `APPENDLIMIT[=n]`; `has_number`/`number` give the limit.
    AppendLimit = 4,
    /// `AUTH=<mechanism>`; `value` holds the mechanism.
    Auth = 5,
    /// `BINARY`
    Binary = 6,
    /// `CATENATE`
    Catenate = 7,
    /// `CHILDREN`
    Children = 8,
    /// `COMPRESS=DEFLATE`
    CompressDeflate = 9,
    /// `CONDSTORE`
    Condstore = 10,
    /// `CONTEXT=SEARCH`
    ContextSearch = 11,
    /// `CONTEXT=SORT`
    ContextSort = 12,
    /// `ENABLE`
    Enable = 13,
    /// `ESEARCH`
    Esearch = 14,
    /// `ESORT`
    Esort = 15,
    /// `ID`
    Id = 16,
    /// `IDLE`
    Idle = 17,
    /// `LIST-EXTENDED`
    ListExtended = 18,
    /// `LIST-STATUS`
    ListStatus = 19,
    /// `LITERAL+`
    LiteralPlus = 20,
    /// `LITERAL-`
    LiteralMinus = 21,
    /// `LOGINDISABLED`
    LoginDisabled = 22,
    /// `METADATA`
    Metadata = 23,
    /// `METADATA-SERVER`
    MetadataServer = 24,
    /// `MOVE`
    Move = 25,
    /// `MULTIAPPEND`
    MultiAppend = 26,
    /// `NAMESPACE`
    Namespace = 27,
    /// `NOTIFY`
    Notify = 28,
    /// `OBJECTID`
    ObjectId = 29,
    /// `PARTIAL`
    Partial = 30,
    /// `PREVIEW`
    Preview = 31,
    /// `QRESYNC`
    Qresync = 32,
    /// `QUOTA`
    Quota = 33,
    /// `QUOTA=RES-<name>`; `value` holds the resource.
    QuotaRes = 34,
    /// `QUOTASET`
    QuotaSet = 35,
    /// `QUOTE`
    Quote = 36,
    /// `SASL-IR`
    SaslIr = 37,
    /// `SAVEDATE`
    SaveDate = 38,
    /// `SEARCHRES`
    SearchRes = 39,
    /// `SORT`
    Sort = 40,
    /// `SORT=<ext>`; `value` holds the extension.
    SortExt = 41,
    /// `SPECIAL-USE`
    SpecialUse = 42,
    /// `CREATE-SPECIAL-USE`
    CreateSpecialUse = 43,
    /// `STARTTLS`
    Starttls = 44,
    /// `STATUS=SIZE`
    StatusSize = 45,
    /// `THREAD=<algorithm>`; `value` holds the algorithm.
    Thread = 46,
    /// `UIDPLUS`
    UidPlus = 47,
    /// `UNAUTHENTICATE`
    Unauthenticate = 48,
    /// `UNSELECT`
    Unselect = 49,
    /// `UTF8=ACCEPT`
    Utf8Accept = 50,
    /// `UTF8=ONLY`
    Utf8Only = 51,
    /// `WITHIN`
    Within = 52,
    /// `XLIST`
    Xlist = 53,
    /// `XOAUTH2`
    Xoauth2 = 54,
    /// `X-GM-EXT-1`
    Gmail = 55,
    /// Any other; `value` holds it verbatim.
    Other = 56,
}

/// A capability.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_capability {
    /// Which capability.
    pub kind: imap_capability_kind,
    /// Its value, for the kinds that have one (NIL otherwise).
    pub value: imap_bytes,
    /// Whether `number` is set (APPENDLIMIT=n).
    pub has_number: bool,
    /// The number of APPENDLIMIT=n.
    pub number: u64,
}

/// A list of capabilities.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_capability_list {
    /// The capabilities.
    pub items: *const imap_capability,
    /// How many.
    pub len: usize,
}

pub(crate) fn capability(a: &Arena, c: &Capability<'_>) -> imap_capability {
    use imap_capability_kind as K;
    let simple = |kind| imap_capability { kind, value: imap_bytes::NIL, has_number: false, number: 0 };
    let valued = |a: &Arena, kind, v: &Bytes<'_>| imap_capability { kind, value: bytes(a, v), has_number: false, number: 0 };
    match c {
        Capability::Imap4 => simple(K::Imap4),
        Capability::Imap4Rev1 => simple(K::Imap4rev1),
        Capability::Imap4Rev2 => simple(K::Imap4rev2),
        Capability::Acl => simple(K::Acl),
        Capability::AppendLimit(n) => {
            imap_capability { kind: K::AppendLimit, value: imap_bytes::NIL, has_number: n.is_some(), number: n.unwrap_or(0) }
        }
        Capability::Auth(m) => valued(a, K::Auth, m),
        Capability::Binary => simple(K::Binary),
        Capability::Catenate => simple(K::Catenate),
        Capability::Children => simple(K::Children),
        Capability::CompressDeflate => simple(K::CompressDeflate),
        Capability::Condstore => simple(K::Condstore),
        Capability::ContextSearch => simple(K::ContextSearch),
        Capability::ContextSort => simple(K::ContextSort),
        Capability::Enable => simple(K::Enable),
        Capability::Esearch => simple(K::Esearch),
        Capability::Esort => simple(K::Esort),
        Capability::Id => simple(K::Id),
        Capability::Idle => simple(K::Idle),
        Capability::ListExtended => simple(K::ListExtended),
        Capability::ListStatus => simple(K::ListStatus),
        Capability::LiteralPlus => simple(K::LiteralPlus),
        Capability::LiteralMinus => simple(K::LiteralMinus),
        Capability::LoginDisabled => simple(K::LoginDisabled),
        Capability::Metadata => simple(K::Metadata),
        Capability::MetadataServer => simple(K::MetadataServer),
        Capability::Move => simple(K::Move),
        Capability::MultiAppend => simple(K::MultiAppend),
        Capability::Namespace => simple(K::Namespace),
        Capability::Notify => simple(K::Notify),
        Capability::ObjectId => simple(K::ObjectId),
        Capability::Partial => simple(K::Partial),
        Capability::Preview => simple(K::Preview),
        Capability::Qresync => simple(K::Qresync),
        Capability::Quota => simple(K::Quota),
        Capability::QuotaRes(r) => valued(a, K::QuotaRes, r),
        Capability::QuotaSet => simple(K::QuotaSet),
        Capability::Quote => simple(K::Quote),
        Capability::SaslIr => simple(K::SaslIr),
        Capability::SaveDate => simple(K::SaveDate),
        Capability::SearchRes => simple(K::SearchRes),
        Capability::Sort => simple(K::Sort),
        Capability::SortExt(s) => valued(a, K::SortExt, s),
        Capability::SpecialUse => simple(K::SpecialUse),
        Capability::CreateSpecialUse => simple(K::CreateSpecialUse),
        Capability::StartTls => simple(K::Starttls),
        Capability::StatusSize => simple(K::StatusSize),
        Capability::Thread(t) => valued(a, K::Thread, t),
        Capability::UidPlus => simple(K::UidPlus),
        Capability::Unauthenticate => simple(K::Unauthenticate),
        Capability::Unselect => simple(K::Unselect),
        Capability::Utf8Accept => simple(K::Utf8Accept),
        Capability::Utf8Only => simple(K::Utf8Only),
        Capability::Within => simple(K::Within),
        Capability::Xlist => simple(K::Xlist),
        Capability::Xoauth2 => simple(K::Xoauth2),
        Capability::Gmail => simple(K::Gmail),
        Capability::Other(o) => valued(a, K::Other, o),
    }
}

pub(crate) fn capabilities(a: &Arena, v: &[Capability<'_>]) -> imap_capability_list {
    let (items, len) = a.slice(v.iter().map(|c| capability(a, c)));
    imap_capability_list { items, len }
}
