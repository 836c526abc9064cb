//! Untagged and complete responses, streamed literals, malformed responses. C declarations and their conversion from the Rust types.

use super::*;

/// A FETCH response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_fetch {
    /// Message sequence number.
    pub seq: u32,
    /// The items.
    pub items: *const imap_fetch_item,
    /// How many.
    pub len: usize,
}

/// A VANISHED response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_vanished {
    /// `(EARLIER)` was present.
    pub earlier: bool,
    /// The UIDs.
    pub uids: imap_seq_set,
}

/// An ID response; `is_nil` for `ID NIL`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_id {
    /// Whether the server sent NIL.
    pub is_nil: bool,
    /// The fields.
    pub fields: imap_pair_list,
}

/// An unknown untagged response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_other {
    /// Whether `number` is set.
    pub has_number: bool,
    /// The leading number.
    pub number: u32,
    /// The keyword.
    pub name: imap_bytes,
    /// The rest, verbatim.
    pub rest: imap_bytes,
}

/// Kinds of [`imap_untagged`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_untagged_kind {
    /// `* OK`; `u.text`.
    Ok = 0,
    /// `* NO`; `u.text`.
    No = 1,
    /// `* BAD`; `u.text`.
    Bad = 2,
    /// `* BYE`; `u.text`.
    Bye = 3,
    /// `* PREAUTH`; `u.text`.
    Preauth = 4,
    /// `CAPABILITY`; `u.capabilities`.
    Capability = 5,
    /// `ENABLED`; `u.capabilities`.
    Enabled = 6,
    /// `FLAGS`; `u.flags`.
    Flags = 7,
    /// `LIST`; `u.list`.
    List = 8,
    /// `LSUB`; `u.list`.
    Lsub = 9,
    /// `XLIST`; `u.list`.
    Xlist = 10,
    /// `STATUS`; `u.status`.
    Status = 11,
    /// `SEARCH`; `u.search`.
    Search = 12,
    /// `ESEARCH`; `u.esearch`.
    Esearch = 13,
    /// `SORT`; `u.search`.
    Sort = 14,
    /// `THREAD`; `u.thread`.
    Thread = 15,
    /// `NAMESPACE`; `u.namespace_`.
    Namespace = 16,
    /// `ID`; `u.id`.
    Id = 17,
    /// `QUOTA`; `u.quota`.
    Quota = 18,
    /// `QUOTAROOT`; `u.mailbox_data` (strings: roots).
    QuotaRoot = 19,
    /// `ACL`; `u.mailbox_data` (pairs).
    Acl = 20,
    /// `LISTRIGHTS`; `u.mailbox_data` (strings).
    ListRights = 21,
    /// `MYRIGHTS`; `u.mailbox_data` (strings: one).
    MyRights = 22,
    /// `METADATA`; `u.mailbox_data`.
    Metadata = 23,
    /// `n EXISTS`; `u.number`.
    Exists = 24,
    /// `n RECENT`; `u.number`.
    Recent = 25,
    /// `n EXPUNGE`; `u.number`.
    Expunge = 26,
    /// `n FETCH`; `u.fetch`.
    Fetch = 27,
    /// `VANISHED`; `u.vanished`.
    Vanished = 28,
    /// Anything else; `u.other`.
    Other = 29,
}

/// The data of an [`imap_untagged`].
#[repr(C)]
#[derive(Clone, Copy)]
pub union imap_untagged_data {
    /// OK, NO, BAD, BYE, PREAUTH.
    pub text: imap_resp_text,
    /// CAPABILITY, ENABLED.
    pub capabilities: imap_capability_list,
    /// FLAGS.
    pub flags: imap_flag_list,
    /// LIST, LSUB, XLIST.
    pub list: imap_list,
    /// STATUS.
    pub status: imap_status,
    /// SEARCH, SORT.
    pub search: imap_search,
    /// ESEARCH.
    pub esearch: imap_esearch,
    /// THREAD.
    pub thread: imap_thread_list,
    /// NAMESPACE.
    pub namespace_: imap_namespace,
    /// ID.
    pub id: imap_id,
    /// QUOTA.
    pub quota: imap_quota,
    /// QUOTAROOT, ACL, LISTRIGHTS, MYRIGHTS, METADATA.
    pub mailbox_data: imap_mailbox_data,
    /// EXISTS, RECENT, EXPUNGE.
    pub number: u32,
    /// FETCH.
    pub fetch: imap_fetch,
    /// VANISHED.
    pub vanished: imap_vanished,
    /// Unknown responses.
    pub other: imap_other,
}

/// An untagged response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_untagged {
    /// Which response; says which member of `u` is set.
    pub kind: imap_untagged_kind,
    /// Its data.
    pub u: imap_untagged_data,
}

/// Kinds of [`imap_response`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_response_kind {
    /// `* ...`: `untagged`.
    Untagged = 0,
    /// `+ ...`: `text`.
    Continue = 1,
    /// `tag OK|NO|BAD ...`: `tag`, `status`, `text`.
    Tagged = 2,
}

/// The status word of a tagged response.
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_status_word {
    /// OK
    Ok = 0,
    /// NO
    No = 1,
    /// BAD
    Bad = 2,
}

/// A complete response, as the plain decoder returns it.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_response {
    /// Which kind.
    pub kind: imap_response_kind,
    /// The tag (Tagged), else NIL.
    pub tag: imap_bytes,
    /// The status (Tagged).
    pub status: imap_status_word,
    /// Code and text (Tagged, Continue).
    pub text: imap_resp_text,
    /// The response (Untagged).
    pub untagged: imap_untagged,
}

/// The start of a streamed literal.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_literal_begin {
    /// Whether `seq` is set (a FETCH response).
    pub has_seq: bool,
    /// The message sequence number.
    pub seq: u32,
    /// The item the literal belongs to, e.g. `BODY[1.2]<0>`.
    pub item: imap_bytes,
    /// The announced size.
    pub size: u64,
    /// The response's bytes before the literal, e.g. `* 12 FETCH (UID 5 BODY[] `.
    pub prefix: imap_bytes,
}

/// A response that did not parse.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_malformed {
    /// Offset of its first byte in the input stream.
    pub offset: u64,
    /// Its bytes.
    pub raw: imap_bytes,
    /// Offset of the error within `raw`.
    pub error_offset: usize,
}

/// An untagged response as C. FETCH, by far the most frequent, is
/// converted inline in the caller; the rest in [`untagged_other`].
#[inline(always)]
pub(crate) fn untagged(a: &Arena, u: &Untagged<'_>) -> imap_untagged {
    match u {
        Untagged::Fetch { seq, items } => fetch(a, *seq, items),
        _ => untagged_other(a, u),
    }
}

#[inline(always)]
fn fetch(a: &Arena, seq: u32, items: &[FetchItem<'_>]) -> imap_untagged {
    let (items, len) = a.slice(items.iter().map(|f| fetch_item(a, f)));
    imap_untagged { kind: imap_untagged_kind::Fetch, u: imap_untagged_data { fetch: imap_fetch { seq, items, len } } }
}

/// Every untagged response but FETCH as C (kept out of line: its frame is large).
#[inline(never)]
fn untagged_other(a: &Arena, u: &Untagged<'_>) -> imap_untagged {
    use imap_untagged_data as D;
    use imap_untagged_kind as K;
    let text = |a: &Arena, kind, t: &RespText<'_>| imap_untagged { kind, u: D { text: resp_text(a, t) } };
    let search = |a: &Arena, kind, ids: &[u32], modseq: &Option<u64>| imap_untagged {
        kind,
        u: D { search: imap_search { ids: u32_list(a, ids), has_modseq: modseq.is_some(), modseq: modseq.unwrap_or(0) } },
    };
    match u {
        Untagged::Ok(t) => text(a, K::Ok, t),
        Untagged::No(t) => text(a, K::No, t),
        Untagged::Bad(t) => text(a, K::Bad, t),
        Untagged::Bye(t) => text(a, K::Bye, t),
        Untagged::Preauth(t) => text(a, K::Preauth, t),
        Untagged::Capability(c) => imap_untagged { kind: K::Capability, u: D { capabilities: capabilities(a, c) } },
        Untagged::Enabled(c) => imap_untagged { kind: K::Enabled, u: D { capabilities: capabilities(a, c) } },
        Untagged::Flags(f) => imap_untagged { kind: K::Flags, u: D { flags: flags(a, f) } },
        Untagged::List(m) => imap_untagged { kind: K::List, u: D { list: list(a, m) } },
        Untagged::Lsub(m) => imap_untagged { kind: K::Lsub, u: D { list: list(a, m) } },
        Untagged::Xlist(m) => imap_untagged { kind: K::Xlist, u: D { list: list(a, m) } },
        Untagged::Status { mailbox, items } => {
            let (items, len) = a.slice(items.iter().map(|s| status_item(a, s)));
            imap_untagged { kind: K::Status, u: D { status: imap_status { mailbox: bytes(a, mailbox), items, len } } }
        }
        Untagged::Search { ids, modseq } => search(a, K::Search, ids, modseq),
        Untagged::Sort { ids, modseq } => search(a, K::Sort, ids, modseq),
        Untagged::Esearch(e) => {
            let v: Vec<imap_esearch_item> = e
                .items
                .iter()
                .map(|x| {
                    let mut item = imap_esearch_item {
                        kind: imap_esearch_kind::Other,
                        number: 0,
                        set: imap_seq_set { items: std::ptr::null(), len: 0 },
                        name: imap_bytes::NIL,
                        value: imap_bytes::NIL,
                    };
                    match x {
                        EsearchItem::Min(n) => (item.kind, item.number) = (imap_esearch_kind::Min, u64::from(*n)),
                        EsearchItem::Max(n) => (item.kind, item.number) = (imap_esearch_kind::Max, u64::from(*n)),
                        EsearchItem::Count(n) => (item.kind, item.number) = (imap_esearch_kind::Count, u64::from(*n)),
                        EsearchItem::ModSeq(n) => (item.kind, item.number) = (imap_esearch_kind::ModSeq, *n),
                        EsearchItem::All(s) => (item.kind, item.set) = (imap_esearch_kind::All, seq_set(a, s)),
                        EsearchItem::Other { name, value } => {
                            (item.name, item.value) = (bytes(a, name), bytes(a, value));
                        }
                    }
                    item
                })
                .collect();
            let (items, len) = a.slice(v);
            imap_untagged { kind: K::Esearch, u: D { esearch: imap_esearch { tag: nstring(a, &e.tag), uid: e.uid, items, len } } }
        }
        Untagged::Thread(t) => {
            let (items, len) = a.slice(t.iter().map(|x| thread(a, x)));
            imap_untagged { kind: K::Thread, u: D { thread: imap_thread_list { items, len } } }
        }
        Untagged::Namespace { personal, other, shared } => imap_untagged {
            kind: K::Namespace,
            u: D {
                namespace_: imap_namespace {
                    personal: namespace_list(a, personal),
                    other: namespace_list(a, other),
                    shared: namespace_list(a, shared),
                },
            },
        },
        Untagged::Id(fields) => imap_untagged {
            kind: K::Id,
            u: D { id: imap_id { is_nil: fields.is_none(), fields: pairs(a, fields.as_deref().unwrap_or(&[])) } },
        },
        Untagged::Quota { root, resources } => {
            let v: Vec<imap_quota_resource> =
                resources.iter().map(|r| imap_quota_resource { name: bytes(a, &r.name), usage: r.usage, limit: r.limit }).collect();
            let (items, len) = a.slice(v);
            imap_untagged { kind: K::Quota, u: D { quota: imap_quota { root: bytes(a, root), items, len } } }
        }
        Untagged::QuotaRoot { mailbox, roots } => {
            imap_untagged { kind: K::QuotaRoot, u: D { mailbox_data: mailbox_data(a, mailbox, roots, &[], false) } }
        }
        Untagged::Acl { mailbox, entries } => {
            let p: Vec<(Bytes<'_>, NString<'_>)> = entries.iter().map(|(i, r)| (i.clone(), Some(r.clone()))).collect();
            imap_untagged { kind: K::Acl, u: D { mailbox_data: mailbox_data(a, mailbox, &[], &p, false) } }
        }
        Untagged::ListRights { mailbox, identifier, required, optional } => {
            let s: Vec<Bytes<'_>> = [identifier.clone(), required.clone()].into_iter().chain(optional.iter().cloned()).collect();
            imap_untagged { kind: K::ListRights, u: D { mailbox_data: mailbox_data(a, mailbox, &s, &[], false) } }
        }
        Untagged::MyRights { mailbox, rights } => {
            imap_untagged { kind: K::MyRights, u: D { mailbox_data: mailbox_data(a, mailbox, std::slice::from_ref(rights), &[], false) } }
        }
        Untagged::Metadata { mailbox, entries } => {
            let data = match entries {
                MetadataEntries::Values(v) => mailbox_data(a, mailbox, &[], v, false),
                MetadataEntries::Changed(names) => mailbox_data(a, mailbox, names, &[], true),
            };
            imap_untagged { kind: K::Metadata, u: D { mailbox_data: data } }
        }
        Untagged::Exists(n) => imap_untagged { kind: K::Exists, u: D { number: *n } },
        Untagged::Recent(n) => imap_untagged { kind: K::Recent, u: D { number: *n } },
        Untagged::Expunge(n) => imap_untagged { kind: K::Expunge, u: D { number: *n } },
        Untagged::Fetch { seq, items } => fetch(a, *seq, items),
        Untagged::Vanished { earlier, uids } => {
            imap_untagged { kind: K::Vanished, u: D { vanished: imap_vanished { earlier: *earlier, uids: seq_set(a, uids) } } }
        }
        Untagged::Other { number, name, rest } => imap_untagged {
            kind: K::Other,
            u: D {
                other: imap_other { has_number: number.is_some(), number: number.unwrap_or(0), name: bytes(a, name), rest: bytes(a, rest) },
            },
        },
    }
}

/// An empty untagged value (for responses of another kind).
pub(crate) fn no_untagged() -> imap_untagged {
    imap_untagged { kind: imap_untagged_kind::Other, u: imap_untagged_data { number: 0 } }
}

#[inline(always)]
pub(crate) fn response(a: &Arena, r: &Response<'_>) -> imap_response {
    let empty_text = imap_resp_text { code: std::ptr::null(), text: imap_bytes::NIL };
    match r {
        Response::Untagged(u) => imap_response {
            kind: imap_response_kind::Untagged,
            tag: imap_bytes::NIL,
            status: imap_status_word::Ok,
            text: empty_text,
            untagged: untagged(a, u),
        },
        Response::Continue(t) => imap_response {
            kind: imap_response_kind::Continue,
            tag: imap_bytes::NIL,
            status: imap_status_word::Ok,
            text: resp_text(a, t),
            untagged: no_untagged(),
        },
        Response::Tagged(t) => imap_response {
            kind: imap_response_kind::Tagged,
            tag: bytes(a, &t.tag),
            status: match t.status {
                Status::Ok => imap_status_word::Ok,
                Status::No => imap_status_word::No,
                Status::Bad => imap_status_word::Bad,
            },
            text: resp_text(a, &t.text),
            untagged: no_untagged(),
        },
    }
}

pub(crate) fn literal_begin(b: &LiteralBegin<'_>) -> imap_literal_begin {
    imap_literal_begin {
        has_seq: b.seq.is_some(),
        seq: b.seq.unwrap_or(0),
        item: imap_bytes::of(b.item),
        size: b.size,
        prefix: imap_bytes::of(b.prefix),
    }
}

pub(crate) fn malformed(m: &Malformed<'_>) -> imap_malformed {
    imap_malformed { offset: m.offset, raw: imap_bytes::of(m.raw), error_offset: m.error.offset }
}
