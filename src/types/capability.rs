//! Capabilities (RFC 9051 `capability`), as listed by CAPABILITY, the
//! CAPABILITY response code and ENABLED, and as sent by ENABLE.

use super::Bytes;

/// One capability name. Names are matched case-insensitively; anything not
/// listed here is kept verbatim as [`Capability::Other`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Capability<'a> {
    /// `IMAP4` (RFC 1730 compatibility)
    Imap4,
    /// `IMAP4rev1`
    Imap4Rev1,
    /// `IMAP4rev2`
    Imap4Rev2,
    /// `ACL` (RFC 4314)
    Acl,
    /// `APPENDLIMIT` or `APPENDLIMIT=n` (RFC 7889); `None` when no global limit is given.
    AppendLimit(Option<u64>),
    /// `AUTH=<mechanism>`; holds the mechanism name (e.g. `PLAIN`, `XOAUTH2`).
    Auth(Bytes<'a>),
    /// `BINARY` (RFC 3516)
    Binary,
    /// `CATENATE` (RFC 4469)
    Catenate,
    /// `CHILDREN` (RFC 3348)
    Children,
    /// `COMPRESS=DEFLATE` (RFC 4978)
    CompressDeflate,
    /// `CONDSTORE` (RFC 7162)
    Condstore,
    /// `CONTEXT=SEARCH` (RFC 5267)
    ContextSearch,
    /// `CONTEXT=SORT` (RFC 5267)
    ContextSort,
    /// `ENABLE` (RFC 5161)
    Enable,
    /// `ESEARCH` (RFC 4731)
    Esearch,
    /// `ESORT` (RFC 5267)
    Esort,
    /// `ID` (RFC 2971)
    Id,
    /// `IDLE` (RFC 2177)
    Idle,
    /// `LIST-EXTENDED` (RFC 5258)
    ListExtended,
    /// `LIST-STATUS` (RFC 5819)
    ListStatus,
    /// `LITERAL+` (RFC 7888)
    LiteralPlus,
    /// `LITERAL-` (RFC 7888)
    LiteralMinus,
    /// `LOGINDISABLED`
    LoginDisabled,
    /// `METADATA` (RFC 5464)
    Metadata,
    /// `METADATA-SERVER` (RFC 5464)
    MetadataServer,
    /// `MOVE` (RFC 6851)
    Move,
    /// `MULTIAPPEND` (RFC 3502)
    MultiAppend,
    /// `NAMESPACE` (RFC 2342)
    Namespace,
    /// `NOTIFY` (RFC 5465)
    Notify,
    /// `OBJECTID` (RFC 8474)
    ObjectId,
    /// `PARTIAL` (RFC 9394)
    Partial,
    /// `PREVIEW` (RFC 8970)
    Preview,
    /// `QRESYNC` (RFC 7162)
    Qresync,
    /// `QUOTA` (RFC 2087, 9208)
    Quota,
    /// `QUOTA=RES-<name>` (RFC 9208); holds the resource name (e.g. `STORAGE`).
    QuotaRes(Bytes<'a>),
    /// `QUOTASET` (RFC 9208)
    QuotaSet,
    /// `QUOTE` (the 1.1.0 name, kept for compatibility)
    Quote,
    /// `SASL-IR` (RFC 4959)
    SaslIr,
    /// `SAVEDATE` (RFC 8514)
    SaveDate,
    /// `SEARCHRES` (RFC 5182)
    SearchRes,
    /// `SORT` (RFC 5256)
    Sort,
    /// `SORT=<ext>`, e.g. `SORT=DISPLAY` (RFC 5957); holds the extension.
    SortExt(Bytes<'a>),
    /// `SPECIAL-USE` (RFC 6154)
    SpecialUse,
    /// `CREATE-SPECIAL-USE` (RFC 6154)
    CreateSpecialUse,
    /// `STARTTLS`
    StartTls,
    /// `STATUS=SIZE` (RFC 8438)
    StatusSize,
    /// `THREAD=<algorithm>` (RFC 5256); holds the algorithm (e.g. `REFERENCES`).
    Thread(Bytes<'a>),
    /// `UIDPLUS` (RFC 4315)
    UidPlus,
    /// `UNAUTHENTICATE` (RFC 8437)
    Unauthenticate,
    /// `UNSELECT` (RFC 3691)
    Unselect,
    /// `UTF8=ACCEPT` (RFC 6855)
    Utf8Accept,
    /// `UTF8=ONLY` (RFC 6855)
    Utf8Only,
    /// `WITHIN` (RFC 5032)
    Within,
    /// `XLIST` (Gmail, obsolete)
    Xlist,
    /// `XOAUTH2` (the bare name some servers list)
    Xoauth2,
    /// `X-GM-EXT-1` (Gmail extensions)
    Gmail,
    /// Any other capability, verbatim.
    Other(Bytes<'a>),
}

/// Capabilities without parameters, with their wire names.
pub(crate) const SIMPLE: [(&str, Capability<'static>); 51] = [
    ("IMAP4", Capability::Imap4),
    ("IMAP4rev1", Capability::Imap4Rev1),
    ("IMAP4rev2", Capability::Imap4Rev2),
    ("ACL", Capability::Acl),
    ("BINARY", Capability::Binary),
    ("CATENATE", Capability::Catenate),
    ("CHILDREN", Capability::Children),
    ("COMPRESS=DEFLATE", Capability::CompressDeflate),
    ("CONDSTORE", Capability::Condstore),
    ("CONTEXT=SEARCH", Capability::ContextSearch),
    ("CONTEXT=SORT", Capability::ContextSort),
    ("ENABLE", Capability::Enable),
    ("ESEARCH", Capability::Esearch),
    ("ESORT", Capability::Esort),
    ("ID", Capability::Id),
    ("IDLE", Capability::Idle),
    ("LIST-EXTENDED", Capability::ListExtended),
    ("LIST-STATUS", Capability::ListStatus),
    ("LITERAL+", Capability::LiteralPlus),
    ("LITERAL-", Capability::LiteralMinus),
    ("LOGINDISABLED", Capability::LoginDisabled),
    ("METADATA", Capability::Metadata),
    ("METADATA-SERVER", Capability::MetadataServer),
    ("MOVE", Capability::Move),
    ("MULTIAPPEND", Capability::MultiAppend),
    ("NAMESPACE", Capability::Namespace),
    ("NOTIFY", Capability::Notify),
    ("OBJECTID", Capability::ObjectId),
    ("PARTIAL", Capability::Partial),
    ("PREVIEW", Capability::Preview),
    ("QRESYNC", Capability::Qresync),
    ("QUOTA", Capability::Quota),
    ("QUOTASET", Capability::QuotaSet),
    ("QUOTE", Capability::Quote),
    ("SASL-IR", Capability::SaslIr),
    ("SAVEDATE", Capability::SaveDate),
    ("SEARCHRES", Capability::SearchRes),
    ("SORT", Capability::Sort),
    ("SPECIAL-USE", Capability::SpecialUse),
    ("CREATE-SPECIAL-USE", Capability::CreateSpecialUse),
    ("STARTTLS", Capability::StartTls),
    ("STATUS=SIZE", Capability::StatusSize),
    ("UIDPLUS", Capability::UidPlus),
    ("UNAUTHENTICATE", Capability::Unauthenticate),
    ("UNSELECT", Capability::Unselect),
    ("UTF8=ACCEPT", Capability::Utf8Accept),
    ("UTF8=ONLY", Capability::Utf8Only),
    ("WITHIN", Capability::Within),
    ("XLIST", Capability::Xlist),
    ("XOAUTH2", Capability::Xoauth2),
    ("X-GM-EXT-1", Capability::Gmail),
];

/// Prefixes of capabilities of the form `PREFIX<value>`.
const PREFIXES: [&str; 4] = ["AUTH=", "QUOTA=RES-", "SORT=", "THREAD="];

impl<'a> Capability<'a> {
    /// The capability named by the atom `name` (case-insensitive).
    pub fn parse(name: &'a [u8]) -> Capability<'a> {
        if let Some((_, c)) = SIMPLE.iter().find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name)) {
            return c.clone();
        }
        if name.eq_ignore_ascii_case(b"APPENDLIMIT") {
            return Capability::AppendLimit(None);
        }
        if let Some(limit) = strip_prefix_ci(name, b"APPENDLIMIT=") {
            if let Some(n) = parse_u64(limit) {
                return Capability::AppendLimit(Some(n));
            }
        }
        for (i, prefix) in PREFIXES.iter().enumerate() {
            let Some(rest) = strip_prefix_ci(name, prefix.as_bytes()).filter(|r| !r.is_empty()) else {
                continue;
            };
            let value = Bytes::borrowed(rest);
            return match i {
                0 => Capability::Auth(value),
                1 => Capability::QuotaRes(value),
                2 => Capability::SortExt(value),
                _ => Capability::Thread(value),
            };
        }
        Capability::Other(Bytes::borrowed(name))
    }

    /// The wire name, e.g. `b"AUTH=PLAIN"`.
    pub fn to_wire(&self) -> Vec<u8> {
        if let Some((n, _)) = SIMPLE.iter().find(|(_, c)| c == self) {
            return n.as_bytes().to_vec();
        }
        let join = |prefix: &str, rest: &[u8]| [prefix.as_bytes(), rest].concat();
        match self {
            Capability::AppendLimit(None) => b"APPENDLIMIT".to_vec(),
            Capability::AppendLimit(Some(n)) => format!("APPENDLIMIT={n}").into_bytes(),
            Capability::Auth(m) => join("AUTH=", m),
            Capability::QuotaRes(r) => join("QUOTA=RES-", r),
            Capability::SortExt(s) => join("SORT=", s),
            Capability::Thread(t) => join("THREAD=", t),
            Capability::Other(o) => o.to_vec(),
            _ => unreachable!("every parameterless capability is in SIMPLE"),
        }
    }

    /// An owned copy that no longer borrows from the decoder.
    pub fn into_owned(self) -> Capability<'static> {
        match self {
            Capability::Auth(b) => Capability::Auth(b.into_owned()),
            Capability::QuotaRes(b) => Capability::QuotaRes(b.into_owned()),
            Capability::SortExt(b) => Capability::SortExt(b.into_owned()),
            Capability::Thread(b) => Capability::Thread(b.into_owned()),
            Capability::Other(b) => Capability::Other(b.into_owned()),
            Capability::AppendLimit(n) => Capability::AppendLimit(n),
            simple => {
                let found = SIMPLE.iter().find(|(_, c)| *c == simple);
                found.map(|(_, c)| c.clone()).expect("every parameterless capability is in SIMPLE")
            }
        }
    }
}

fn strip_prefix_ci<'b>(s: &'b [u8], prefix: &[u8]) -> Option<&'b [u8]> {
    (s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)).then(|| &s[prefix.len()..])
}

fn parse_u64(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    digits.iter().try_fold(0u64, |acc, d| acc.checked_mul(10)?.checked_add(u64::from(d - b'0')))
}

/// A capability list kept compactly: the wire names in one allocation,
/// parsed again when iterated. This is what a
/// [`Connection`](crate::conn::Connection) keeps of the server's last
/// list: Dovecot's 45 capabilities take about 500 bytes so, against
/// 1.5 KiB and a dozen allocations as a `Vec<Capability>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CapabilitySet(Box<[u8]>);

impl CapabilitySet {
    /// The set of `caps`, in their order.
    pub fn new(caps: &[Capability<'_>]) -> Self {
        let mut wire = Vec::new();
        for cap in caps {
            if !wire.is_empty() {
                wire.push(b'\n');
            }
            wire.extend_from_slice(&cap.to_wire());
        }
        CapabilitySet(wire.into_boxed_slice())
    }

    /// The capabilities, in the server's order.
    pub fn iter(&self) -> impl Iterator<Item = Capability<'_>> + '_ {
        // A line feed cannot be part of a capability: it ends the line.
        self.0.split(|&b| b == b'\n').filter(|name| !name.is_empty()).map(Capability::parse)
    }

    /// Whether `cap` is in the set.
    pub fn contains(&self, cap: &Capability<'_>) -> bool {
        self.iter().any(|c| c == *cap)
    }
}
