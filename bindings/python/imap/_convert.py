"""Private: converts the C structs returned by the library into Python values
at once (they are only valid until the next call on the connection/decoder).

Every pointer is checked: a NULL list with a non-zero count or a NULL
pointer where a value is expected gives an empty/None value, never a crash.
"""

from __future__ import annotations

import ctypes
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Optional, Tuple

from . import _ffi
from .types import (
    Acl,
    Address,
    AppendUid,
    BinarySection,
    BinarySize,
    BodyKind,
    BodySection,
    BodyStructure,
    Capabilities,
    Capability,
    CapabilityKind,
    Code,
    CodeKind,
    Condition,
    Continuation,
    CopyUid,
    Disposition,
    Envelope,
    Esearch,
    EsearchItem,
    EsearchKind,
    Exists,
    Expunge,
    Fetch,
    FetchItem,
    FetchKind,
    Flag,
    FlagKind,
    Flags,
    Id,
    ListExtended,
    ListExtendedKind,
    ListRights,
    LiteralBegin,
    MailboxAttr,
    MailboxAttrKind,
    MailboxList,
    MailboxStatus,
    Malformed,
    Metadata,
    MyRights,
    Namespace,
    NamespaceDesc,
    OtherCode,
    OtherItem,
    Quota,
    QuotaResource,
    QuotaRoot,
    Recent,
    RespText,
    Search,
    Section,
    SectionKind,
    SequenceSet,
    Status,
    StatusItem,
    StatusKind,
    Tagged,
    Thread,
    ThreadNode,
    UnknownResponse,
    UnparsedExtension,
    Untagged,
    UntaggedKind,
    Vanished,
)

_string_at = ctypes.string_at


def raw(b: _ffi.imap_bytes) -> Optional[bytes]:
    p = b.ptr
    if p is None:
        return None
    n = b.len
    return _string_at(p, n) if n else b""


def raw0(b: _ffi.imap_bytes) -> bytes:
    """Bytes, with NIL as b"" (for fields that cannot be NIL)."""
    p = b.ptr
    if p is None:
        return b""
    n = b.len
    return _string_at(p, n) if n else b""


def text(b: _ffi.imap_bytes) -> Optional[str]:
    p = b.ptr
    if p is None:
        return None
    n = b.len
    return _string_at(p, n).decode("utf-8", "surrogateescape") if n else ""


def text0(b: _ffi.imap_bytes) -> str:
    t = text(b)
    return "" if t is None else t


def items(ptr: Any, n: int) -> Any:
    """The first n elements at ptr (nothing for NULL or 0)."""
    if not n or not ptr:
        return ()
    return ptr[:n]


def u32_list(lst: _ffi.imap_u32_list) -> Tuple[int, ...]:
    return tuple(items(lst.items, lst.len))


def bytes_list(lst: _ffi.imap_bytes_list) -> Tuple[bytes, ...]:
    return tuple(raw0(b) for b in items(lst.items, lst.len))


def text_list(lst: _ffi.imap_bytes_list) -> Tuple[str, ...]:
    return tuple(text0(b) for b in items(lst.items, lst.len))


def seq_set(s: _ffi.imap_seq_set) -> SequenceSet:
    return SequenceSet(tuple((r.start or None, r.end or None) for r in items(s.items, s.len)))


def pairs_text(lst: _ffi.imap_pair_list) -> Tuple[Tuple[str, Optional[str]], ...]:
    return tuple((text0(p.name), text(p.value)) for p in items(lst.items, lst.len))


def pairs_raw(lst: _ffi.imap_pair_list) -> Tuple[Tuple[bytes, Optional[bytes]], ...]:
    return tuple((raw0(p.name), raw(p.value)) for p in items(lst.items, lst.len))


_TZ: Dict[int, timezone] = {}


def date_time(d: _ffi.imap_date_time) -> datetime:
    """A timezone-aware datetime. Values Python cannot represent are
    normalised: a leap second (60) becomes 59, a zone of 24 hours or more is
    converted to UTC, a year 0 becomes year 1."""
    zm = d.zone_minutes
    tz = _TZ.get(zm)
    if tz is None:
        try:
            tz = timezone(timedelta(minutes=zm))
        except ValueError:
            tz = None
        if tz is not None:
            _TZ[zm] = tz
    year = d.year or 1
    second = min(d.second, 59)
    try:
        if tz is not None:
            return datetime(year, d.month, d.day, d.hour, d.minute, second, tzinfo=tz)
        naive = datetime(year, d.month, d.day, d.hour, d.minute, second)
        return (naive - timedelta(minutes=zm)).replace(tzinfo=timezone.utc)
    except (ValueError, OverflowError):
        return datetime(1, 1, 1, tzinfo=timezone.utc)


_FLAG_KINDS = list(FlagKind)
_SYSTEM: Dict[FlagKind, Flag] = {
    k: Flag(k) for k in FlagKind if k not in (FlagKind.KEYWORD, FlagKind.EXTENSION, FlagKind.UNPARSED)
}


def flag(f: _ffi.imap_flag) -> Flag:
    k = _FLAG_KINDS[f.kind] if f.kind < len(_FLAG_KINDS) else FlagKind.EXTENSION
    s = _SYSTEM.get(k)
    if s is not None:
        return s
    return Flag(k, text0(f.name))


def flags(lst: _ffi.imap_flag_list) -> Tuple[Flag, ...]:
    return tuple(flag(f) for f in items(lst.items, lst.len))


def _enum(cls: Any, n: int, default: Any) -> Any:
    try:
        return cls(n)
    except ValueError:
        return default


def capability(c: _ffi.imap_capability) -> Capability:
    k = _enum(CapabilityKind, c.kind, CapabilityKind.OTHER)
    return Capability(k, text(c.value), c.number if c.has_number else None)


def capabilities(lst: _ffi.imap_capability_list) -> Tuple[Capability, ...]:
    return tuple(capability(c) for c in items(lst.items, lst.len))


_NUM32 = {CodeKind.UID_NEXT, CodeKind.UID_VALIDITY, CodeKind.UNSEEN}
_NUM64 = {CodeKind.HIGHEST_MOD_SEQ, CodeKind.METADATA_LONG_ENTRIES, CodeKind.METADATA_MAX_SIZE}
_TEXT = {CodeKind.BAD_URL, CodeKind.NO_UPDATE, CodeKind.MAILBOX_ID, CodeKind.REFERRAL}


def code(p: Any) -> Optional[Code]:
    if not p:
        return None
    c = p.contents
    k = _enum(CodeKind, c.kind, None)
    if k is None:
        return Code(CodeKind.OTHER, OtherCode(f"unknown code kind {c.kind}", None))
    u = c.u
    if k in _NUM32:
        return Code(k, u.number)
    if k in _NUM64:
        return Code(k, u.number64)
    if k in _TEXT:
        return Code(k, text0(u.text))
    if k is CodeKind.MODIFIED:
        return Code(k, seq_set(u.set))
    if k is CodeKind.BAD_CHARSET:
        return Code(k, text_list(u.strings))
    if k is CodeKind.CAPABILITY:
        return Code(k, capabilities(u.capabilities))
    if k is CodeKind.PERMANENT_FLAGS:
        return Code(k, flags(u.flags))
    if k is CodeKind.APPEND_UID:
        a = u.append_uid
        return Code(k, AppendUid(a.uid_validity, seq_set(a.uids)))
    if k is CodeKind.COPY_UID:
        a = u.copy_uid
        return Code(k, CopyUid(a.uid_validity, seq_set(a.source), seq_set(a.dest)))
    if k is CodeKind.OTHER:
        return Code(k, OtherCode(text0(u.other.name), raw(u.other.text)))
    return Code(k)


def resp_text(t: _ffi.imap_resp_text) -> RespText:
    return RespText(code(t.code), text0(t.text))


def mailbox_attr(a: _ffi.imap_mailbox_attr) -> MailboxAttr:
    k = _enum(MailboxAttrKind, a.kind, MailboxAttrKind.EXTENSION)
    if k in (MailboxAttrKind.EXTENSION, MailboxAttrKind.UNPARSED):
        return MailboxAttr(k, text0(a.name))
    return MailboxAttr(k)


def _delimiter(has: bool, d: int) -> Optional[str]:
    return chr(d) if has else None


def mailbox_list(kind: UntaggedKind, m: _ffi.imap_list) -> MailboxList:
    ext = []
    for x in items(m.extended, m.extended_len):
        k = _enum(ListExtendedKind, x.kind, ListExtendedKind.OTHER)
        ext.append(ListExtended(k, text(x.tag), bytes_list(x.values)))
    return MailboxList(
        kind,
        tuple(mailbox_attr(a) for a in items(m.attributes, m.attributes_len)),
        _delimiter(m.has_delimiter, m.delimiter),
        raw0(m.name),
        tuple(ext),
    )


def status_item(s: _ffi.imap_status_item) -> StatusItem:
    k = _enum(StatusKind, s.kind, StatusKind.OTHER)
    number = s.number if s.has_number else None
    if k is StatusKind.OTHER:
        return StatusItem(k, number, text0(s.name), raw0(s.text))
    if k is StatusKind.MAILBOX_ID:
        return StatusItem(k, number, None, raw0(s.text))
    return StatusItem(k, number)


def esearch_item(e: _ffi.imap_esearch_item) -> EsearchItem:
    k = _enum(EsearchKind, e.kind, EsearchKind.OTHER)
    if k is EsearchKind.ALL:
        return EsearchItem(k, set=seq_set(e.set))
    if k is EsearchKind.OTHER:
        return EsearchItem(k, name=text0(e.name), value=raw0(e.value))
    return EsearchItem(k, number=e.number)


def thread_node(t: _ffi.imap_thread, depth: int = 0) -> ThreadNode:
    if depth > 10000:
        return ThreadNode(u32_list(t.members))
    return ThreadNode(
        u32_list(t.members), tuple(thread_node(c, depth + 1) for c in items(t.children, t.children_len))
    )


def namespace_list(n: _ffi.imap_namespace_list) -> Optional[Tuple[NamespaceDesc, ...]]:
    if n.is_nil:
        return None
    out = []
    for d in items(n.items, n.len):
        ext = tuple(bytes_list(x) for x in items(d.extensions, d.extensions_len))
        out.append(NamespaceDesc(raw0(d.prefix), _delimiter(d.has_delimiter, d.delimiter), ext))
    return tuple(out)


def addresses(lst: _ffi.imap_address_list) -> Tuple[Address, ...]:
    return tuple(
        Address(raw(a.name), raw(a.adl), raw(a.mailbox), raw(a.host), raw(a.unparsed))
        for a in items(lst.items, lst.len)
    )


def envelope(p: Any) -> Optional[Envelope]:
    if not p:
        return None
    e = p.contents
    return Envelope(
        raw(e.date),
        raw(e.subject),
        addresses(getattr(e, "from")),
        addresses(e.sender),
        addresses(e.reply_to),
        addresses(e.to),
        addresses(e.cc),
        addresses(e.bcc),
        raw(e.in_reply_to),
        raw(e.message_id),
    )


def body_extension(x: _ffi.imap_body_extension, depth: int = 0) -> Any:
    if x.kind == 1:
        return x.number
    if x.kind == 2:
        if depth > 1000:
            return ()
        return tuple(body_extension(y, depth + 1) for y in items(x.items, x.len))
    if x.kind == 3:
        return UnparsedExtension(raw0(x.string))
    return text(x.string)


def body(b: _ffi.imap_body, depth: int = 0) -> BodyStructure:
    k = _enum(BodyKind, b.kind, BodyKind.BASIC)
    deeper = depth < 1000
    disposition = None
    if b.disposition:
        d = b.disposition.contents
        disposition = Disposition(text0(d.kind), pairs_text(d.params))
    inner = body(b.body.contents, depth + 1) if (b.body and deeper) else None
    parts = tuple(body(p, depth + 1) for p in items(b.parts, b.parts_len)) if deeper else ()
    return BodyStructure(
        kind=k,
        media_type=text(b.media_type),
        subtype=text0(b.subtype),
        params=pairs_text(b.params),
        id=text(b.id),
        description=text(b.description),
        encoding=text(b.encoding),
        octets=b.octets,
        lines=b.lines,
        envelope=envelope(b.envelope),
        body=inner,
        parts=parts,
        has_extension=bool(b.has_extension),
        md5=text(b.md5),
        disposition=disposition,
        language=text_list(b.language),
        location=text(b.location),
        extensions=tuple(body_extension(x) for x in items(b.extensions, b.extensions_len)),
    )


def section(s: _ffi.imap_section) -> Section:
    return Section(u32_list(s.part), _enum(SectionKind, s.kind, SectionKind.ALL), text_list(s.fields))


def fetch_item(f: _ffi.imap_fetch_item) -> FetchItem:
    k = _enum(FetchKind, f.kind, FetchKind.OTHER)
    u = f.u
    if k is FetchKind.FLAGS:
        v: Any = flags(u.flags)
    elif k is FetchKind.UID:
        v = u.number
    elif k in (FetchKind.RFC822_SIZE, FetchKind.MOD_SEQ, FetchKind.GM_MSG_ID, FetchKind.GM_THR_ID):
        v = u.number64
    elif k is FetchKind.ENVELOPE:
        v = envelope(u.envelope)
    elif k is FetchKind.INTERNAL_DATE:
        v = date_time(u.date_time)
    elif k in (FetchKind.RFC822, FetchKind.RFC822_HEADER, FetchKind.RFC822_TEXT):
        v = raw(u.data)
    elif k in (FetchKind.BODY, FetchKind.BODY_STRUCTURE):
        v = body(u.body.contents) if u.body else None
    elif k is FetchKind.BODY_SECTION:
        s = u.section
        v = BodySection(section(s.section), s.origin if s.has_origin else None, raw(s.data))
    elif k is FetchKind.BINARY:
        s = u.section
        v = BinarySection(u32_list(s.section.part), s.origin if s.has_origin else None, raw(s.data))
    elif k is FetchKind.BINARY_SIZE:
        v = BinarySize(u32_list(u.binary_size.part), u.binary_size.size)
    elif k is FetchKind.EMAIL_ID:
        v = text0(u.data)
    elif k in (FetchKind.THREAD_ID, FetchKind.PREVIEW):
        v = text(u.data)
    elif k is FetchKind.SAVE_DATE:
        v = date_time(u.save_date.date_time) if u.save_date.present else None
    elif k is FetchKind.GM_LABELS:
        v = text_list(u.labels)
    else:
        v = OtherItem(text0(u.other.name), raw0(u.other.value))
    return FetchItem(k, v)


_CONDITIONS = {
    UntaggedKind.OK,
    UntaggedKind.NO,
    UntaggedKind.BAD,
    UntaggedKind.BYE,
    UntaggedKind.PREAUTH,
}


def untagged(x: _ffi.imap_untagged) -> Untagged:
    k = _enum(UntaggedKind, x.kind, None)
    u = x.u
    if k is None:
        return UnknownResponse(None, f"unknown response kind {x.kind}", b"")
    if k in _CONDITIONS:
        t = u.text
        return Condition(k, code(t.code), text0(t.text))
    if k is UntaggedKind.FETCH:
        f = u.fetch
        return Fetch(f.seq, tuple(fetch_item(i) for i in items(f.items, f.len)))
    if k is UntaggedKind.EXISTS:
        return Exists(u.number)
    if k is UntaggedKind.RECENT:
        return Recent(u.number)
    if k is UntaggedKind.EXPUNGE:
        return Expunge(u.number)
    if k in (UntaggedKind.CAPABILITY, UntaggedKind.ENABLED):
        return Capabilities(k, capabilities(u.capabilities))
    if k is UntaggedKind.FLAGS:
        return Flags(flags(u.flags))
    if k in (UntaggedKind.LIST, UntaggedKind.LSUB, UntaggedKind.XLIST):
        return mailbox_list(k, u.list)
    if k is UntaggedKind.STATUS:
        s = u.status
        return MailboxStatus(raw0(s.mailbox), tuple(status_item(i) for i in items(s.items, s.len)))
    if k in (UntaggedKind.SEARCH, UntaggedKind.SORT):
        s = u.search
        return Search(k, u32_list(s.ids), s.modseq if s.has_modseq else None)
    if k is UntaggedKind.ESEARCH:
        e = u.esearch
        return Esearch(text(e.tag), bool(e.uid), tuple(esearch_item(i) for i in items(e.items, e.len)))
    if k is UntaggedKind.THREAD:
        t = u.thread
        return Thread(tuple(thread_node(n) for n in items(t.items, t.len)))
    if k is UntaggedKind.NAMESPACE:
        n = u.namespace_
        return Namespace(namespace_list(n.personal), namespace_list(n.other), namespace_list(n.shared))
    if k is UntaggedKind.ID:
        return Id(None if u.id.is_nil else pairs_text(u.id.fields))
    if k is UntaggedKind.QUOTA:
        q = u.quota
        res = tuple(QuotaResource(text0(r.name), r.usage, r.limit) for r in items(q.items, q.len))
        return Quota(raw0(q.root), res)
    if k is UntaggedKind.VANISHED:
        return Vanished(bool(u.vanished.earlier), seq_set(u.vanished.uids))
    if k is UntaggedKind.OTHER:
        o = u.other
        return UnknownResponse(o.number if o.has_number else None, text0(o.name), raw0(o.rest))
    m = u.mailbox_data
    mailbox = raw0(m.mailbox)
    if k is UntaggedKind.QUOTA_ROOT:
        return QuotaRoot(mailbox, bytes_list(m.strings))
    if k is UntaggedKind.ACL:
        return Acl(mailbox, tuple((n, v or b"") for n, v in pairs_raw(m.pairs)))
    if k is UntaggedKind.LIST_RIGHTS:
        s = bytes_list(m.strings)
        return ListRights(mailbox, s[0] if s else b"", s[1] if len(s) > 1 else b"", s[2:])
    if k is UntaggedKind.MY_RIGHTS:
        s = bytes_list(m.strings)
        return MyRights(mailbox, s[0] if s else b"")
    # METADATA
    if m.changed:
        return Metadata(mailbox, None, bytes_list(m.strings))
    return Metadata(mailbox, pairs_raw(m.pairs), None)


def response(r: _ffi.imap_response) -> Any:
    if r.kind == 0:
        return untagged(r.untagged)
    t = r.text
    if r.kind == 1:
        return Continuation(code(t.code), text0(t.text))
    return Tagged(text0(r.tag), _enum(Status, r.status, Status.BAD), code(t.code), text0(t.text))


def literal_begin(b: _ffi.imap_literal_begin) -> LiteralBegin:
    return LiteralBegin(b.seq if b.has_seq else None, text0(b.item), b.size, raw0(b.prefix))


def malformed(m: _ffi.imap_malformed) -> Malformed:
    return Malformed(m.offset, raw0(m.raw), m.error_offset)
