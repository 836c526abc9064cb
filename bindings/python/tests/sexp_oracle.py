"""A test oracle: the canonical one-line s-expression (docs/sexp.md) of the
Python values that users of the binding see. ``to_sexp(value)`` accepts any
response, event, or value inside one (a flag, a capability, a code, an
envelope, a body structure...); :func:`fatal` prints a fatal
:class:`imap.Error`.

Why a second printer, when the library exports its own (``imap.Printer``,
``imap_printer_*``): that one prints the core's values, before they become
Python objects. The vectors' ``out`` lines can check the Python values only
if something prints the Python values themselves: a field dropped or
mistranslated on the way to Python would go unnoticed otherwise. So this
printer stays, in the tests only, written from docs/sexp.md and the Python
types; test_decode_vectors checks both printers against the same lines."""

from __future__ import annotations

from datetime import datetime
from typing import Any, List, Optional, Sequence

from imap.errors import Error, ErrorCode
from imap.types import *  # noqa: F403 - the oracle prints every value type of imap.types

__all__ = ["to_sexp", "fatal", "string"]


def _kw(name: str) -> str:
    return name.lower().replace("_", "-")


def string(value: Any) -> str:
    """A quoted string: bytes 0x20-0x7E as themselves except ``"`` and
    ``\\``, every other byte as ``\\xHH``."""
    if value is None:
        return "nil"
    b = value.encode("utf-8", "surrogateescape") if isinstance(value, str) else bytes(value)
    out = ['"']
    for c in b:
        if c == 0x22:
            out.append('\\"')
        elif c == 0x5C:
            out.append("\\\\")
        elif 0x20 <= c <= 0x7E:
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    out.append('"')
    return "".join(out)


def _form(name: str, args: Sequence[str]) -> str:
    return "(" + " ".join([name, *args]) + ")"


def _list(args: Sequence[str]) -> str:
    return "(" + " ".join(args) + ")"


def _num(n: Optional[int]) -> str:
    return "nil" if n is None else str(n)


def _iso(d: Optional[datetime]) -> str:
    if d is None:
        return "nil"
    off = d.utcoffset()
    minutes = int(off.total_seconds() // 60) if off is not None else 0
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return "%04d-%02d-%02dT%02d:%02d:%02d%s%02d:%02d" % (
        d.year, d.month, d.day, d.hour, d.minute, d.second, sign, minutes // 60, minutes % 60,
    )


_CAP_KW = {
    CapabilityKind.LITERAL_PLUS: "literal+",
    CapabilityKind.LITERAL_MINUS: "literal-",
    CapabilityKind.STARTTLS: "start-tls",
}
_CAP_VALUED = {
    CapabilityKind.AUTH: "auth",
    CapabilityKind.QUOTA_RES: "quota-res",
    CapabilityKind.SORT_EXT: "sort-ext",
    CapabilityKind.THREAD: "thread",
    CapabilityKind.OTHER: "other",
}


def _capability(c: Capability) -> str:
    k = c.kind
    if k in _CAP_VALUED:
        return _form(_CAP_VALUED[k], [string(c.value or "")])
    if k is CapabilityKind.APPEND_LIMIT:
        return "append-limit" if c.number is None else _form("append-limit", [str(c.number)])
    return _CAP_KW.get(k) or _kw(k.name)


def _flag(f: Flag) -> str:
    if f.kind is FlagKind.KEYWORD:
        return _form("keyword", [string(f.name or "")])
    if f.kind is FlagKind.EXTENSION:
        return _form("extension", [string(f.name or "")])
    if f.kind is FlagKind.UNPARSED:
        return _form("unparsed", [string(f.name or "")])
    return _kw(f.kind.name)


def _attr(a: MailboxAttr) -> str:
    if a.kind is MailboxAttrKind.EXTENSION:
        return _form("extension", [string(a.name or "")])
    if a.kind is MailboxAttrKind.UNPARSED:
        return _form("unparsed", [string(a.name or "")])
    return _kw(a.kind.name)


_CODE_KW = {
    CodeKind.HIGHEST_MOD_SEQ: "highest-modseq",
    CodeKind.NO_MOD_SEQ: "no-modseq",
    CodeKind.BAD_CHARSET: "badcharset",
}


def _code(c: Optional[Code]) -> str:
    if c is None:
        return "none"
    k, v = c.kind, c.value
    name = _CODE_KW.get(k) or _kw(k.name)
    if k is CodeKind.OTHER:
        o: OtherCode = v
        return _form("other", [string(o.name), string(o.text)])
    if k is CodeKind.BAD_CHARSET:
        return _form(name, [string(s) for s in v])
    if k is CodeKind.CAPABILITY:
        return _form(name, [_capability(x) for x in v])
    if k is CodeKind.PERMANENT_FLAGS:
        return _form(name, [_flag(x) for x in v])
    if k is CodeKind.APPEND_UID:
        return _form(name, [str(v.uid_validity), str(v.uids)])
    if k is CodeKind.COPY_UID:
        return _form(name, [str(v.uid_validity), str(v.source), str(v.dest)])
    if k is CodeKind.MODIFIED:
        return _form(name, [str(v)])
    if isinstance(v, int):
        return _form(name, [str(v)])
    if isinstance(v, str):
        return _form(name, [string(v)])
    return name


def _resp(name: str, code: Optional[Code], text: str) -> str:
    return _form(name, [_code(code), string(text)])


def _delim(d: Optional[str]) -> str:
    return "nil" if d is None else string(d.encode("latin-1"))


def _ns(n: Optional[Sequence[NamespaceDesc]]) -> str:
    if n is None:
        return "nil"
    descs = []
    for d in n:
        ext = [_list([string(x) for x in e]) for e in d.extensions]
        descs.append(_list([string(d.prefix), _delim(d.delimiter), *ext]))
    return _list(descs)


def _thread(t: ThreadNode) -> str:
    return _list([str(n) for n in t.members] + [_thread(c) for c in t.children])


_STATUS_KW = {StatusKind.HIGHEST_MOD_SEQ: "highest-modseq"}


def _status_item(s: StatusItem) -> str:
    k = s.kind
    if k is StatusKind.OTHER:
        return _form("other", [string(s.name or ""), string(s.text or b"")])
    if k is StatusKind.MAILBOX_ID:
        return _form("mailbox-id", [string(s.text or b"")])
    return _form(_STATUS_KW.get(k) or _kw(k.name), [_num(s.number)])


def _esearch_item(e: EsearchItem) -> str:
    k = e.kind
    if k is EsearchKind.ALL:
        return _form("all", [str(e.set)])
    if k is EsearchKind.OTHER:
        return _form("other", [string(e.name or ""), string(e.value or b"")])
    return _form("modseq" if k is EsearchKind.MOD_SEQ else _kw(k.name), [_num(e.number)])


def _list_ext(x: ListExtended) -> str:
    if x.kind is ListExtendedKind.CHILD_INFO:
        return _form("childinfo", [string(v) for v in x.values])
    if x.kind is ListExtendedKind.OLD_NAME:
        return _form("oldname", [string(v) for v in x.values])
    return _form("ext", [string(x.tag or ""), *[string(v) for v in x.values]])


def _address(a: Address) -> str:
    if a.unparsed is not None:
        return _form("unparsed", [string(a.unparsed)])
    return _form("address", [string(a.name), string(a.adl), string(a.mailbox), string(a.host)])


def _envelope(e: Envelope) -> str:
    def addrs(name: str, lst: Sequence[Address]) -> str:
        return _form(name, [_address(a) for a in lst])

    return _form(
        "envelope",
        [
            _form("date", [string(e.date)]),
            _form("subject", [string(e.subject)]),
            addrs("from", e.from_),
            addrs("sender", e.sender),
            addrs("reply-to", e.reply_to),
            addrs("to", e.to),
            addrs("cc", e.cc),
            addrs("bcc", e.bcc),
            _form("in-reply-to", [string(e.in_reply_to)]),
            _form("message-id", [string(e.message_id)]),
        ],
    )


def _params(p: Sequence[Any]) -> str:
    return _list([_list([string(k), string(v)]) for k, v in p])


def _extension(x: Any) -> str:
    if x is None:
        return "nil"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, tuple):
        return _list([_extension(y) for y in x])
    if isinstance(x, UnparsedExtension):
        return _form("unparsed", [string(x.raw)])
    return string(x)


def _ext_tail(b: BodyStructure) -> List[str]:
    dsp = "nil" if b.disposition is None else _list([string(b.disposition.kind), _params(b.disposition.params)])
    return [dsp, _list([string(x) for x in b.language]), string(b.location), *[_extension(x) for x in b.extensions]]


def _body(b: BodyStructure) -> str:
    if b.kind is BodyKind.MULTIPART:
        args = [_body(p) for p in b.parts] + [string(b.subtype)]
        if b.has_extension:
            args.append(_form("ext", [_params(b.params), *_ext_tail(b)]))
        return _form("multipart", args)
    fields = _form(
        "fields",
        [_params(b.params), string(b.id), string(b.description), string(b.encoding or ""), str(b.octets)],
    )
    ext = [_form("ext", [string(b.md5), *_ext_tail(b)])] if b.has_extension else []
    if b.kind is BodyKind.TEXT:
        return _form("text", [string(b.subtype), fields, str(b.lines), *ext])
    if b.kind is BodyKind.MESSAGE:
        env = _envelope(b.envelope) if b.envelope is not None else "nil"
        inner = _body(b.body) if b.body is not None else "nil"
        return _form("message", [string(b.subtype), fields, env, inner, str(b.lines), *ext])
    return _form("basic", [string(b.media_type or ""), string(b.subtype), fields, *ext])


def _section(s: Section) -> str:
    k = s.kind
    if k is SectionKind.HEADER_FIELDS:
        node = _form("header-fields", [string(f) for f in s.fields])
    elif k is SectionKind.HEADER_FIELDS_NOT:
        node = _form("header-fields-not", [string(f) for f in s.fields])
    else:
        node = _kw(k.name)
    for n in reversed(s.part):
        node = _form("part", [str(n), node])
    return node


_FETCH_KW = {
    FetchKind.MOD_SEQ: "modseq",
    FetchKind.GM_MSG_ID: "gm-msgid",
    FetchKind.GM_THR_ID: "gm-thrid",
    FetchKind.BODY_STRUCTURE: "bodystructure",
}


def _fetch_item(i: FetchItem) -> str:
    k, v = i.kind, i.value
    name = _FETCH_KW.get(k) or _kw(k.name)
    if k is FetchKind.FLAGS:
        return _form(name, [_flag(f) for f in v])
    if k is FetchKind.ENVELOPE:
        return _envelope(v) if v is not None else "nil"
    if k in (FetchKind.INTERNAL_DATE, FetchKind.SAVE_DATE):
        return _form(name, [_iso(v)])
    if k in (FetchKind.BODY, FetchKind.BODY_STRUCTURE):
        return _form(name, [_body(v) if v is not None else "nil"])
    if k is FetchKind.BODY_SECTION:
        s: BodySection = v
        return _form(name, [_section(s.section), _num(s.origin), string(s.data)])
    if k is FetchKind.BINARY:
        b: BinarySection = v
        return _form(name, [_list([str(n) for n in b.part]), _num(b.origin), string(b.data)])
    if k is FetchKind.BINARY_SIZE:
        z: BinarySize = v
        return _form(name, [_list([str(n) for n in z.part]), str(z.size)])
    if k is FetchKind.GM_LABELS:
        return _form(name, [string(x) for x in v])
    if k is FetchKind.OTHER:
        o: OtherItem = v
        return _form("other", [string(o.name), string(o.value)])
    if isinstance(v, int):
        return _form(name, [str(v)])
    return _form(name, [string(v)])


_UNTAGGED_KW = {
    UntaggedKind.QUOTA_ROOT: "quota-root",
    UntaggedKind.LIST_RIGHTS: "list-rights",
    UntaggedKind.MY_RIGHTS: "my-rights",
}


def to_sexp(value: Any) -> str:
    """The canonical s-expression of a decoded value, on one line."""
    v = value
    if isinstance(v, Condition):
        return _resp(_kw(v.kind.name), v.code, v.text)
    if isinstance(v, Fetch):
        return _form("fetch", [str(v.seq), *[_fetch_item(i) for i in v.items]])
    if isinstance(v, Tagged):
        return _form("tagged", [string(v.tag), _resp(_kw(v.status.name), v.code, v.text)])
    if isinstance(v, Continuation):
        return _resp("cont", v.code, v.text)
    if isinstance(v, Capabilities):
        return _form(_kw(v.kind.name), [_capability(c) for c in v.capabilities])
    if isinstance(v, Flags):
        return _form("flags", [_flag(f) for f in v.flags])
    if isinstance(v, MailboxList):
        head = [_list([_attr(a) for a in v.attributes]), _delim(v.delimiter), string(v.raw_name)]
        return _form(_kw(v.kind.name), head + [_list_ext(x) for x in v.extended])
    if isinstance(v, MailboxStatus):
        return _form("status", [string(v.raw_mailbox), *[_status_item(i) for i in v.items]])
    if isinstance(v, Search):
        tail = [_form("modseq", [str(v.modseq)])] if v.modseq is not None else []
        return _form(_kw(v.kind.name), [str(n) for n in v.ids] + tail)
    if isinstance(v, Esearch):
        args = [_form("tag", [string(v.tag)])] if v.tag is not None else []
        if v.uid:
            args.append("uid")
        return _form("esearch", args + [_esearch_item(i) for i in v.items])
    if isinstance(v, Thread):
        return _form("thread", [_thread(t) for t in v.threads])
    if isinstance(v, Namespace):
        return _form("namespace", [_ns(v.personal), _ns(v.other), _ns(v.shared)])
    if isinstance(v, Id):
        if v.fields is None:
            return "(id nil)"
        return _form("id", [_list([string(k), string(x)]) for k, x in v.fields])
    if isinstance(v, Quota):
        res = [_list([string(r.name), str(r.usage), str(r.limit)]) for r in v.resources]
        return _form("quota", [string(v.root), *res])
    if isinstance(v, QuotaRoot):
        return _form("quota-root", [string(v.raw_mailbox), *[string(r) for r in v.roots]])
    if isinstance(v, Acl):
        return _form("acl", [string(v.raw_mailbox), *[_list([string(i), string(r)]) for i, r in v.entries]])
    if isinstance(v, ListRights):
        return _form(
            "list-rights",
            [string(v.raw_mailbox), string(v.identifier), string(v.required), *[string(o) for o in v.optional]],
        )
    if isinstance(v, MyRights):
        return _form("my-rights", [string(v.raw_mailbox), string(v.rights)])
    if isinstance(v, Metadata):
        if v.changed is not None:
            entries = _form("changed", [string(x) for x in v.changed])
        else:
            entries = _form("values", [_list([string(k), string(x)]) for k, x in (v.values or ())])
        return _form("metadata", [string(v.raw_mailbox), entries])
    if isinstance(v, Exists):
        return _form("exists", [str(v.count)])
    if isinstance(v, Recent):
        return _form("recent", [str(v.count)])
    if isinstance(v, Expunge):
        return _form("expunge", [str(v.seq)])
    if isinstance(v, Vanished):
        return _form("vanished-earlier" if v.earlier else "vanished", [str(v.uids)])
    if isinstance(v, UnknownResponse):
        return _form("other", [_num(v.number), string(v.name), string(v.rest)])
    if isinstance(v, Malformed):
        return _form("malformed", [str(v.offset)])
    if isinstance(v, LiteralBegin):
        return _form("literal-begin", [string(v.item), str(v.size)])
    if isinstance(v, LiteralData):
        return _form("literal-data", [str(len(v.data))])
    if isinstance(v, LiteralEnd):
        return "(literal-end)"
    if isinstance(v, RespText):
        return _resp("ok", v.code, v.text)
    if isinstance(v, Capability):
        return _capability(v)
    if isinstance(v, Flag):
        return _flag(v)
    if isinstance(v, MailboxAttr):
        return _attr(v)
    if isinstance(v, Code):
        return _code(v)
    if isinstance(v, FetchItem):
        return _fetch_item(v)
    if isinstance(v, Envelope):
        return _envelope(v)
    if isinstance(v, Address):
        return _address(v)
    if isinstance(v, BodyStructure):
        return _body(v)
    if isinstance(v, Section):
        return _section(v)
    if isinstance(v, StatusItem):
        return _status_item(v)
    if isinstance(v, SequenceSet):
        return str(v)
    if isinstance(v, Error):
        return fatal(v)
    raise TypeError(f"to_sexp: no canonical form for {type(v).__name__}")


_FATAL_KW = {
    ErrorCode.LINE_TOO_LONG: "line-too-long",
    ErrorCode.LITERAL_TOO_LARGE: "literal-too-large",
    ErrorCode.RESPONSE_TOO_LARGE: "response-too-large",
    ErrorCode.UNEXPECTED_EOF: "unexpected-eof",
}


def fatal(e: Error) -> str:
    """``(fatal <kind>)`` for a decoder's fatal error."""
    kind = _FATAL_KW.get(e.code) if e.code is not None else None
    return _form("fatal", [kind or _kw(e.code.name if e.code is not None else "unknown")])
