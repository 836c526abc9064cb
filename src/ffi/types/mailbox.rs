//! Mailbox data: LIST, STATUS, NAMESPACE, QUOTA, ACL and METADATA. C declarations and their conversion from the Rust types.

use super::*;

/// Kinds of [`imap_status_item`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_status_kind {
    /// `MESSAGES`
    Messages = 0,
    /// `RECENT`
    Recent = 1,
    /// `UIDNEXT`
    UidNext = 2,
    /// `UIDVALIDITY`
    UidValidity = 3,
    /// `UNSEEN`
    Unseen = 4,
    /// `DELETED`
    Deleted = 5,
    /// `SIZE`
    Size = 6,
    /// `HIGHESTMODSEQ`
    HighestModSeq = 7,
    /// `APPENDLIMIT`; `has_number` false for NIL.
    AppendLimit = 8,
    /// `MAILBOXID`; `text`.
    MailboxId = 9,
    /// `DELETED-STORAGE`
    DeletedStorage = 10,
    /// Another item; `name` and raw `text`.
    Other = 11,
}

/// One item of a STATUS response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_status_item {
    /// Which item.
    pub kind: imap_status_kind,
    /// Whether `number` is set.
    pub has_number: bool,
    /// The number.
    pub number: u64,
    /// The item name (for Other).
    pub name: imap_bytes,
    /// MAILBOXID, or the raw value of Other.
    pub text: imap_bytes,
}

/// Kinds of LIST extended items.
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_list_extended_kind {
    /// `CHILDINFO`; `values`.
    ChildInfo = 0,
    /// `OLDNAME`; `values` holds the one name.
    OldName = 1,
    /// Another item; `tag` and raw `values[0]`.
    Other = 2,
}

/// A LIST-EXTENDED data item.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_list_extended {
    /// Which item.
    pub kind: imap_list_extended_kind,
    /// The item tag (for Other).
    pub tag: imap_bytes,
    /// The values.
    pub values: imap_bytes_list,
}

/// A LIST, LSUB or XLIST response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_list {
    /// Attributes.
    pub attributes: *const imap_mailbox_attr,
    /// How many.
    pub attributes_len: usize,
    /// Whether the delimiter is set (false for NIL).
    pub has_delimiter: bool,
    /// The hierarchy delimiter.
    pub delimiter: u8,
    /// The name as sent.
    pub name: imap_bytes,
    /// Extended items.
    pub extended: *const imap_list_extended,
    /// How many.
    pub extended_len: usize,
}

/// A STATUS response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_status {
    /// The mailbox.
    pub mailbox: imap_bytes,
    /// The items.
    pub items: *const imap_status_item,
    /// How many.
    pub len: usize,
}

/// One namespace.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_namespace_desc {
    /// The prefix.
    pub prefix: imap_bytes,
    /// Whether the delimiter is set.
    pub has_delimiter: bool,
    /// The delimiter.
    pub delimiter: u8,
    /// Extensions: each a name then its values (`values.items[0]` is the name).
    pub extensions: *const imap_bytes_list,
    /// How many.
    pub extensions_len: usize,
}

/// A namespace list; `is_nil` for NIL.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_namespace_list {
    /// Whether the server sent NIL.
    pub is_nil: bool,
    /// The namespaces.
    pub items: *const imap_namespace_desc,
    /// How many.
    pub len: usize,
}

/// A NAMESPACE response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_namespace {
    /// Personal namespaces.
    pub personal: imap_namespace_list,
    /// Other users' namespaces.
    pub other: imap_namespace_list,
    /// Shared namespaces.
    pub shared: imap_namespace_list,
}

/// A quota resource.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_quota_resource {
    /// The resource name.
    pub name: imap_bytes,
    /// Usage.
    pub usage: u64,
    /// Limit.
    pub limit: u64,
}

/// A QUOTA response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_quota {
    /// The quota root.
    pub root: imap_bytes,
    /// Resources.
    pub items: *const imap_quota_resource,
    /// How many.
    pub len: usize,
}

/// QUOTAROOT, MYRIGHTS, LISTRIGHTS, ACL and METADATA: a mailbox and
/// strings or pairs.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_mailbox_data {
    /// The mailbox.
    pub mailbox: imap_bytes,
    /// QUOTAROOT: the roots. LISTRIGHTS: identifier, required, then the
    /// optional rights. MYRIGHTS: the rights. METADATA (changed): entries.
    pub strings: imap_bytes_list,
    /// ACL: (identifier, rights). METADATA (values): (entry, value).
    pub pairs: imap_pair_list,
    /// METADATA: true for the unsolicited list of changed entries.
    pub changed: bool,
}

pub(crate) fn status_item(a: &Arena, s: &StatusItem<'_>) -> imap_status_item {
    use imap_status_kind as K;
    let num = |kind, n: u64| imap_status_item { kind, has_number: true, number: n, name: imap_bytes::NIL, text: imap_bytes::NIL };
    match s {
        StatusItem::Messages(n) => num(K::Messages, u64::from(*n)),
        StatusItem::Recent(n) => num(K::Recent, u64::from(*n)),
        StatusItem::UidNext(n) => num(K::UidNext, u64::from(*n)),
        StatusItem::UidValidity(n) => num(K::UidValidity, u64::from(*n)),
        StatusItem::Unseen(n) => num(K::Unseen, u64::from(*n)),
        StatusItem::Deleted(n) => num(K::Deleted, u64::from(*n)),
        StatusItem::Size(n) => num(K::Size, *n),
        StatusItem::HighestModSeq(n) => num(K::HighestModSeq, *n),
        StatusItem::DeletedStorage(n) => num(K::DeletedStorage, *n),
        StatusItem::AppendLimit(n) => imap_status_item { has_number: n.is_some(), ..num(K::AppendLimit, n.unwrap_or(0)) },
        StatusItem::MailboxId(id) => imap_status_item { has_number: false, text: bytes(a, id), ..num(K::MailboxId, 0) },
        StatusItem::Other { name, value } => {
            imap_status_item { has_number: false, name: bytes(a, name), text: bytes(a, value), ..num(K::Other, 0) }
        }
    }
}

pub(crate) fn list(a: &Arena, m: &ListMailbox<'_>) -> imap_list {
    let (attributes, attributes_len) = a.slice(m.attributes.iter().map(|x| mailbox_attr(a, x)));
    let ext: Vec<imap_list_extended> = m
        .extended
        .iter()
        .map(|x| match x {
            ListExtendedItem::ChildInfo(v) => {
                imap_list_extended { kind: imap_list_extended_kind::ChildInfo, tag: imap_bytes::NIL, values: bytes_list(a, v) }
            }
            ListExtendedItem::OldName(n) => imap_list_extended {
                kind: imap_list_extended_kind::OldName,
                tag: imap_bytes::NIL,
                values: bytes_list(a, std::slice::from_ref(n)),
            },
            ListExtendedItem::Other { tag, value } => imap_list_extended {
                kind: imap_list_extended_kind::Other,
                tag: bytes(a, tag),
                values: bytes_list(a, std::slice::from_ref(value)),
            },
        })
        .collect();
    let (extended, extended_len) = a.slice(ext);
    imap_list {
        attributes,
        attributes_len,
        has_delimiter: m.delimiter.is_some(),
        delimiter: m.delimiter.unwrap_or(0),
        name: bytes(a, &m.name),
        extended,
        extended_len,
    }
}

pub(crate) fn namespace_list(a: &Arena, n: &Option<&[NamespaceDesc<'_>]>) -> imap_namespace_list {
    let Some(descs) = n else {
        return imap_namespace_list { is_nil: true, items: std::ptr::null(), len: 0 };
    };
    let items: Vec<imap_namespace_desc> = descs
        .iter()
        .map(|d| {
            let ext: Vec<imap_bytes_list> = d
                .extensions
                .iter()
                .map(|(name, values)| {
                    let all: Vec<Bytes<'_>> = std::iter::once(name.clone()).chain(values.iter().cloned()).collect();
                    bytes_list(a, &all)
                })
                .collect();
            let (extensions, extensions_len) = a.slice(ext);
            imap_namespace_desc {
                prefix: bytes(a, &d.prefix),
                has_delimiter: d.delimiter.is_some(),
                delimiter: d.delimiter.unwrap_or(0),
                extensions,
                extensions_len,
            }
        })
        .collect();
    let (items, len) = a.slice(items);
    imap_namespace_list { is_nil: false, items, len }
}

pub(crate) fn mailbox_data(a: &Arena, mailbox: &Bytes<'_>, strings: &[Bytes<'_>], pair_list: &[(Bytes<'_>, NString<'_>)], changed: bool) -> imap_mailbox_data {
    imap_mailbox_data { mailbox: bytes(a, mailbox), strings: bytes_list(a, strings), pairs: pairs(a, pair_list), changed }
}
