//! FETCH items. C declarations and their conversion from the Rust types.

use super::*;

/// Kinds of [`imap_fetch_item`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_fetch_kind {
    /// `FLAGS`; `u.flags`.
    Flags = 0,
    /// `ENVELOPE`; `u.envelope`.
    Envelope = 1,
    /// `INTERNALDATE`; `u.date_time`.
    InternalDate = 2,
    /// `RFC822.SIZE`; `u.number64`.
    Rfc822Size = 3,
    /// `RFC822`; `u.data`.
    Rfc822 = 4,
    /// `RFC822.HEADER`; `u.data`.
    Rfc822Header = 5,
    /// `RFC822.TEXT`; `u.data`.
    Rfc822Text = 6,
    /// `BODY`; `u.body`.
    Body = 7,
    /// `BODYSTRUCTURE`; `u.body`.
    BodyStructure = 8,
    /// `BODY[section]<origin>`; `u.section`.
    BodySection = 9,
    /// `BINARY[part]<origin>`; `u.section` (kind All).
    Binary = 10,
    /// `BINARY.SIZE[part]`; `u.binary_size`.
    BinarySize = 11,
    /// `UID`; `u.number`.
    Uid = 12,
    /// `MODSEQ`; `u.number64`.
    ModSeq = 13,
    /// `EMAILID`; `u.data`.
    EmailId = 14,
    /// `THREADID`; `u.data` (NIL for NIL).
    ThreadId = 15,
    /// `SAVEDATE`; `u.save_date`.
    SaveDate = 16,
    /// `PREVIEW`; `u.data`.
    Preview = 17,
    /// `X-GM-MSGID`; `u.number64`.
    GmMsgId = 18,
    /// `X-GM-THRID`; `u.number64`.
    GmThrId = 19,
    /// `X-GM-LABELS`; `u.labels`.
    GmLabels = 20,
    /// Any other item; `u.other` (name, raw value).
    Other = 21,
}

/// `BODY[...]` or `BINARY[...]` data.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_fetch_section {
    /// The section.
    pub section: imap_section,
    /// Whether `origin` is set.
    pub has_origin: bool,
    /// The `<origin>` octet.
    pub origin: u32,
    /// The data (NIL for NIL; empty when the literal was streamed).
    pub data: imap_bytes,
}

/// `BINARY.SIZE` data.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_fetch_binary_size {
    /// The part path.
    pub part: imap_u32_list,
    /// The size.
    pub size: u64,
}

/// `SAVEDATE` data.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_fetch_save_date {
    /// False for `SAVEDATE NIL`.
    pub present: bool,
    /// The date.
    pub date_time: imap_date_time,
}

/// The data of an [`imap_fetch_item`].
#[repr(C)]
#[derive(Clone, Copy)]
pub union imap_fetch_data {
    /// FLAGS.
    pub flags: imap_flag_list,
    /// ENVELOPE.
    pub envelope: *const imap_envelope,
    /// INTERNALDATE.
    pub date_time: imap_date_time,
    /// UID.
    pub number: u32,
    /// RFC822.SIZE, MODSEQ, X-GM-MSGID, X-GM-THRID.
    pub number64: u64,
    /// RFC822*, EMAILID, THREADID, PREVIEW.
    pub data: imap_bytes,
    /// BODY, BODYSTRUCTURE.
    pub body: *const imap_body,
    /// BODY[...], BINARY[...].
    pub section: imap_fetch_section,
    /// BINARY.SIZE.
    pub binary_size: imap_fetch_binary_size,
    /// SAVEDATE.
    pub save_date: imap_fetch_save_date,
    /// X-GM-LABELS.
    pub labels: imap_bytes_list,
    /// Other items: name and raw value.
    pub other: imap_pair,
}

/// One item of a FETCH response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_fetch_item {
    /// Which item; says which member of `u` is set.
    pub kind: imap_fetch_kind,
    /// Its data.
    pub u: imap_fetch_data,
}

/// A FETCH item as C. The items every FETCH carries (UID, FLAGS, MODSEQ,
/// RFC822.SIZE) are converted inline in the caller's loop; the rest in
/// [`fetch_item_data`].
#[inline(always)]
pub(crate) fn fetch_item(a: &Arena, f: &FetchItem<'_>) -> imap_fetch_item {
    use imap_fetch_kind as K;
    match f {
        FetchItem::Uid(n) => imap_fetch_item { kind: K::Uid, u: imap_fetch_data { number: *n } },
        FetchItem::Flags(v) => imap_fetch_item { kind: K::Flags, u: imap_fetch_data { flags: flags(a, v) } },
        FetchItem::ModSeq(n) => imap_fetch_item { kind: K::ModSeq, u: imap_fetch_data { number64: *n } },
        FetchItem::Rfc822Size(n) => imap_fetch_item { kind: K::Rfc822Size, u: imap_fetch_data { number64: *n } },
        _ => fetch_item_data(a, f),
    }
}

/// Every other FETCH item as C (kept out of line: its frame is large).
#[inline(never)]
fn fetch_item_data(a: &Arena, f: &FetchItem<'_>) -> imap_fetch_item {
    use imap_fetch_kind as K;
    let data = |a: &Arena, kind, d: &NString<'_>| imap_fetch_item { kind, u: imap_fetch_data { data: nstring(a, d) } };
    let n64 = |kind, n: u64| imap_fetch_item { kind, u: imap_fetch_data { number64: n } };
    let sect = |a: &Arena, kind, s: imap_section, origin: &Option<u32>, d: &NString<'_>| imap_fetch_item {
        kind,
        u: imap_fetch_data {
            section: imap_fetch_section { section: s, has_origin: origin.is_some(), origin: origin.unwrap_or(0), data: nstring(a, d) },
        },
    };
    match f {
        FetchItem::Flags(v) => imap_fetch_item { kind: K::Flags, u: imap_fetch_data { flags: flags(a, v) } },
        FetchItem::Envelope(e) => imap_fetch_item { kind: K::Envelope, u: imap_fetch_data { envelope: envelope(a, e) } },
        FetchItem::InternalDate(d) => imap_fetch_item { kind: K::InternalDate, u: imap_fetch_data { date_time: date_time(d) } },
        FetchItem::Rfc822Size(n) => n64(K::Rfc822Size, *n),
        FetchItem::Rfc822(d) => data(a, K::Rfc822, d),
        FetchItem::Rfc822Header(d) => data(a, K::Rfc822Header, d),
        FetchItem::Rfc822Text(d) => data(a, K::Rfc822Text, d),
        FetchItem::Body(b) | FetchItem::BodyStructure(b) => {
            let kind = if matches!(f, FetchItem::Body(_)) { K::Body } else { K::BodyStructure };
            let b = body(a, b);
            imap_fetch_item { kind, u: imap_fetch_data { body: a.boxed(b) } }
        }
        FetchItem::BodySection { section: s, origin, data: d } => {
            let s = section(a, s);
            sect(a, K::BodySection, s, origin, d)
        }
        FetchItem::Binary { part, origin, data: d } => {
            let s = imap_section {
                part: u32_list(a, part),
                kind: imap_section_kind::All,
                fields: imap_bytes_list { items: std::ptr::null(), len: 0 },
            };
            sect(a, K::Binary, s, origin, d)
        }
        FetchItem::BinarySize { part, size } => imap_fetch_item {
            kind: K::BinarySize,
            u: imap_fetch_data { binary_size: imap_fetch_binary_size { part: u32_list(a, part), size: *size } },
        },
        FetchItem::Uid(n) => imap_fetch_item { kind: K::Uid, u: imap_fetch_data { number: *n } },
        FetchItem::ModSeq(n) => n64(K::ModSeq, *n),
        FetchItem::EmailId(id) => data(a, K::EmailId, &Some(id.clone())),
        FetchItem::ThreadId(id) => data(a, K::ThreadId, id),
        FetchItem::SaveDate(d) => imap_fetch_item {
            kind: K::SaveDate,
            u: imap_fetch_data {
                save_date: imap_fetch_save_date { present: d.is_some(), date_time: d.as_ref().map(date_time).unwrap_or_default() },
            },
        },
        FetchItem::Preview(p) => data(a, K::Preview, p),
        FetchItem::GmMsgId(n) => n64(K::GmMsgId, *n),
        FetchItem::GmThrId(n) => n64(K::GmThrId, *n),
        FetchItem::GmLabels(l) => imap_fetch_item { kind: K::GmLabels, u: imap_fetch_data { labels: bytes_list(a, l) } },
        FetchItem::Other { name, value } => {
            imap_fetch_item { kind: K::Other, u: imap_fetch_data { other: imap_pair { name: bytes(a, name), value: bytes(a, value) } } }
        }
    }
}
