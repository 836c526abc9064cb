"""Private: the hot path of conversion (FETCH responses: flags, numbers,
ENVELOPE, BODYSTRUCTURE), reading the C structs by address.

Reading a field through a ctypes ``Structure`` builds a Python object per
nested struct and per field, and ``ctypes.string_at`` is a foreign call per
string: together they were most of the time of a decoded FETCH (see the
profile in bindings/python/README.md, "Performance"). Here each struct is
read with one ``struct.Struct.unpack_from`` (formats derived from the
ctypes declarations of ``_ffi``, so the layout has one source of truth), an
array of structs with one ``iter_unpack``, and bytes by slicing ``MEM``, a
ctypes ``char`` array laid over the whole address space (slicing it copies
the bytes, as ``string_at`` does, without a foreign call). Every address
read comes from the library, as with ``string_at``.

Anything not on the hot path falls back to :mod:`imap._convert` on a ctypes
view of the same address, so both give the same values.
"""

from __future__ import annotations

import ctypes
import struct
import sys
import threading
from typing import Any, Callable, Dict, List, Optional, Tuple, Type, TypeVar, cast

from . import _convert, _ffi
from .types import (
    Address,
    BodyKind,
    BodyStructure,
    Disposition,
    Envelope,
    Fetch,
    FetchItem,
    FetchKind,
    Flag,
    FlagKind,
    LAZY_ITEMS,
    Untagged,
)

#: The whole address space as bytes: ``MEM[p:p + n]`` copies n bytes at p.
MEM: Any = (ctypes.c_char * sys.maxsize).from_address(0)

_CODES: Dict[Any, str] = {
    ctypes.c_uint8: "B",
    ctypes.c_bool: "?",
    ctypes.c_uint16: "H",
    ctypes.c_int16: "h",
    ctypes.c_uint32: "I",
    ctypes.c_int32: "i",
    ctypes.c_uint64: "Q",
}
_POINTER_CODE = {4: "I", 8: "Q"}[ctypes.sizeof(ctypes.c_void_p)]
_SIZE_CODE = {4: "I", 8: "Q"}[ctypes.sizeof(ctypes.c_size_t)]


def _leaf(ctype: Any, path: str) -> Tuple[int, str]:
    """(offset, struct code) of the field at ``path`` ("a.b.c") in ``ctype``."""
    offset = 0
    for name in path.split("."):
        offset += getattr(ctype, name).offset
        ctype = dict((f[0], f[1]) for f in ctype._fields_)[name]
    if ctype is ctypes.c_size_t:
        return offset, _SIZE_CODE
    if ctype is ctypes.c_void_p or hasattr(ctype, "_type_") and not isinstance(ctype._type_, str):
        return offset, _POINTER_CODE
    return offset, _CODES[ctype]


def reader(ctype: Any, *paths: str) -> struct.Struct:
    """A Struct reading the fields at ``paths`` of a ``ctype`` (in that order,
    which must be the order of their offsets), padded to ``sizeof(ctype)``
    so that ``iter_unpack`` walks an array of them."""
    fmt, at = "=", 0
    for path in paths:
        offset, code = _leaf(ctype, path)
        if offset < at:
            raise ValueError(f"{ctype.__name__}.{path}: fields out of order")
        fmt += "x" * (offset - at) + code
        at = offset + struct.calcsize("=" + code)
    fmt += "x" * (ctypes.sizeof(ctype) - at)
    return struct.Struct(fmt)


def _bytes_fields(*names: str) -> List[str]:
    return [f"{n}.{part}" for n in names for part in ("ptr", "len")]


#: (kind, error) of an ``imap_event``, and where its ``u`` starts.
EVENT = reader(_ffi.imap_event, "kind", "error")
EVENT_U = _ffi.imap_event.u.offset
#: (kind, error) of an ``imap_step``, and where its ``u`` starts.
STEP = reader(_ffi.imap_step, "kind", "error")
STEP_U = _ffi.imap_step.u.offset
_RESPONSE_UNTAGGED = _ffi.imap_response.untagged.offset
_UNTAGGED = reader(_ffi.imap_untagged, "kind", "u.fetch.seq", "u.fetch.items", "u.fetch.len")
_UNTAGGED_FETCH = _ffi.IMAP_UNTAGGED_KIND["FETCH"]
_ITEM_SIZE = ctypes.sizeof(_ffi.imap_fetch_item)
_ITEM_U = _ffi.imap_fetch_item.u.offset
_LIST = reader(_ffi.imap_flag_list, "items", "len")
_FLAG = reader(_ffi.imap_flag, "kind", *_bytes_fields("name"))
_FLAG_SIZE = ctypes.sizeof(_ffi.imap_flag)
_ADDRESS = reader(_ffi.imap_address, *_bytes_fields("name", "adl", "mailbox", "host", "unparsed"))
_ADDRESS_SIZE = ctypes.sizeof(_ffi.imap_address)
_PAIR = reader(_ffi.imap_pair, *_bytes_fields("name", "value"))
_PAIR_SIZE = ctypes.sizeof(_ffi.imap_pair)
_BYTES = reader(_ffi.imap_bytes, "ptr", "len")
_BYTES_SIZE = ctypes.sizeof(_ffi.imap_bytes)
_ENVELOPE = reader(
    _ffi.imap_envelope,
    *_bytes_fields("date", "subject"),
    *(f"{n}.{p}" for n in ("from", "sender", "reply_to", "to", "cc", "bcc") for p in ("items", "len")),
    *_bytes_fields("in_reply_to", "message_id"),
)
_BODY = reader(
    _ffi.imap_body,
    "kind",
    *_bytes_fields("media_type", "subtype"),
    "params.items",
    "params.len",
    *_bytes_fields("id", "description", "encoding"),
    "octets",
    "lines",
    "envelope",
    "body",
    "parts",
    "parts_len",
    "has_extension",
    *_bytes_fields("md5"),
    "disposition",
    "language.items",
    "language.len",
    *_bytes_fields("location"),
    "extensions",
    "extensions_len",
)
_BODY_SIZE = ctypes.sizeof(_ffi.imap_body)
_DISPOSITION = reader(_ffi.imap_disposition, *_bytes_fields("kind"), "params.items", "params.len")

_T = TypeVar("_T")


def _maker(cls: Type[_T]) -> Callable[..., _T]:
    """A positional constructor of the frozen dataclass ``cls`` that sets its
    fields' dict in one step: a frozen dataclass's ``__init__`` sets each field
    through ``object.__setattr__`` (8% of the instructions of a decoded
    ENVELOPE + BODYSTRUCTURE response). The instance is the same as ``cls(...)``
    builds (same class, ``__dict__``, equality, hash, repr and pickling);
    only classes without ``__post_init__`` qualify."""
    assert not hasattr(cls, "__post_init__") and "__slots__" not in cls.__dict__
    names = tuple(getattr(cls, "__dataclass_fields__"))
    new, set_dict = object.__new__, object.__setattr__

    def make(*values: Any) -> _T:
        obj = new(cls)
        set_dict(obj, "__dict__", dict(zip(names, values)))
        return obj

    return make


_new_address = _maker(Address)
_new_envelope = _maker(Envelope)
_new_body = _maker(BodyStructure)
_new_disposition = _maker(Disposition)
_new_item = _maker(FetchItem)
_new_fetch = _maker(Fetch)

_FLAG_KINDS = list(FlagKind)
_SYSTEM_FLAGS = [_convert._SYSTEM.get(k) for k in FlagKind]
_FETCH_KINDS = list(FetchKind)
_BODY_KINDS = list(BodyKind)
_U = "utf-8"
_SE = "surrogateescape"


def _raw(p: int, n: int) -> Optional[bytes]:
    return MEM[p : p + n] if p else None


def _text(p: int, n: int) -> Optional[str]:
    return MEM[p : p + n].decode(_U, _SE) if p else None


def _array(p: int, n: int, size: int) -> bytes:
    return MEM[p : p + n * size] if p and n else b""


def flags(p: int, n: int) -> Tuple[Flag, ...]:
    out = []
    for kind, np, nn in _FLAG.iter_unpack(_array(p, n, _FLAG_SIZE)):
        system = _SYSTEM_FLAGS[kind] if kind < len(_SYSTEM_FLAGS) else None
        if system is not None:
            out.append(system)
        else:
            k = _FLAG_KINDS[kind] if kind < len(_FLAG_KINDS) else FlagKind.EXTENSION
            out.append(Flag(k, MEM[np : np + nn].decode(_U, _SE) if np else ""))
    return tuple(out)


def addresses(p: int, n: int) -> Tuple[Address, ...]:
    mem = MEM
    return tuple(
        _new_address(
            mem[a : a + an] if a else None,
            mem[b : b + bn] if b else None,
            mem[c : c + cn] if c else None,
            mem[d : d + dn] if d else None,
            mem[u : u + un] if u else None,
        )
        for a, an, b, bn, c, cn, d, dn, u, un in _ADDRESS.iter_unpack(_array(p, n, _ADDRESS_SIZE))
    )


def envelope(p: int) -> Optional[Envelope]:
    if not p:
        return None
    v = _ENVELOPE.unpack_from(MEM, p)
    return _new_envelope(
        _raw(v[0], v[1]),
        _raw(v[2], v[3]),
        addresses(v[4], v[5]),
        addresses(v[6], v[7]),
        addresses(v[8], v[9]),
        addresses(v[10], v[11]),
        addresses(v[12], v[13]),
        addresses(v[14], v[15]),
        _raw(v[16], v[17]),
        _raw(v[18], v[19]),
    )


def pairs_text(p: int, n: int) -> Tuple[Tuple[str, Optional[str]], ...]:
    mem = MEM
    return tuple(
        (mem[a : a + an].decode(_U, _SE) if a else "", mem[b : b + bn].decode(_U, _SE) if b else None)
        for a, an, b, bn in _PAIR.iter_unpack(_array(p, n, _PAIR_SIZE))
    )


def text_list(p: int, n: int) -> Tuple[str, ...]:
    mem = MEM
    return tuple(mem[a : a + an].decode(_U, _SE) if a else "" for a, an in _BYTES.iter_unpack(_array(p, n, _BYTES_SIZE)))


def body(p: int, depth: int = 0) -> BodyStructure:
    (
        kind, mp, mn, sp, sn, pp, pn, ip, in_, dp, dn, ep, en, octets, lines, env, inner, parts, parts_len,
        has_extension, md5p, md5n, disp, lp, ln, locp, locn, xp, xn,
    ) = _BODY.unpack_from(MEM, p)  # fmt: skip
    deeper = depth < 1000
    disposition = None
    if disp:
        kp, kn, qp, qn = _DISPOSITION.unpack_from(MEM, disp)
        disposition = _new_disposition(MEM[kp : kp + kn].decode(_U, _SE) if kp else "", pairs_text(qp, qn))
    extensions: Tuple[Any, ...] = ()
    if xp and xn:
        extensions = tuple(_convert.body_extension(x) for x in _convert.items(ctypes.cast(xp, ctypes.POINTER(_ffi.imap_body_extension)), xn))
    return _new_body(
        _BODY_KINDS[kind] if kind < len(_BODY_KINDS) else BodyKind.BASIC,
        _text(mp, mn),
        MEM[sp : sp + sn].decode(_U, _SE) if sp else "",
        pairs_text(pp, pn),
        _text(ip, in_),
        _text(dp, dn),
        _text(ep, en),
        octets,
        lines,
        envelope(env),
        body(inner, depth + 1) if inner and deeper else None,
        tuple(body(parts + i * _BODY_SIZE, depth + 1) for i in range(parts_len)) if parts and deeper else (),
        has_extension,
        _text(md5p, md5n),
        disposition,
        text_list(lp, ln),
        _text(locp, locn),
        extensions,
    )


_ITEM_DATA = reader(_ffi.imap_fetch_item, "kind", "u.flags.items", "u.flags.len")
_ITEM_POINTER = reader(_ffi.imap_fetch_item, "kind", "u.envelope")
_ITEM32 = reader(_ffi.imap_fetch_item, "kind", "u.number")
_ITEM64 = reader(_ffi.imap_fetch_item, "kind", "u.number64")


def _uid(p: int) -> Any:
    return _ITEM32.unpack_from(MEM, p)[1]


def _number64(p: int) -> Any:
    return _ITEM64.unpack_from(MEM, p)[1]


def _flags(p: int) -> Any:
    _, fp, fn = _ITEM_DATA.unpack_from(MEM, p)
    return flags(fp, fn)


def _envelope(p: int) -> Any:
    return envelope(_ITEM_POINTER.unpack_from(MEM, p)[1])


def _body(p: int) -> Any:
    b = _ITEM_POINTER.unpack_from(MEM, p)[1]
    return body(b) if b else None


#: FETCH item kind number -> (kind, reader of the value at the item's address).
_ITEMS: Dict[int, Tuple[FetchKind, Callable[[int], Any]]] = {
    k.value: (k, read)
    for ks, read in (
        ((FetchKind.UID,), _uid),
        ((FetchKind.RFC822_SIZE, FetchKind.MOD_SEQ, FetchKind.GM_MSG_ID, FetchKind.GM_THR_ID), _number64),
        ((FetchKind.FLAGS,), _flags),
        ((FetchKind.ENVELOPE,), _envelope),
        ((FetchKind.BODY, FetchKind.BODY_STRUCTURE), _body),
    )
    for k in ks
}
_KIND_ONLY = reader(_ffi.imap_fetch_item, "kind")


def fetch_items(items: int, n: int) -> Tuple[FetchItem, ...]:
    """The ``n`` FETCH items of the ``imap_fetch_item`` array at ``items``."""
    out = []
    at = items
    for (k,) in _KIND_ONLY.iter_unpack(_array(items, n, _ITEM_SIZE)):
        hot = _ITEMS.get(k)
        if hot is None:
            out.append(_convert.fetch_item(_ffi.imap_fetch_item.from_address(at)))
        else:
            out.append(_new_item(hot[0], hot[1](at)))
        at += _ITEM_SIZE
    return tuple(out)


def untagged(p: int) -> Untagged:
    """The untagged response at address ``p`` (an ``imap_untagged``)."""
    kind, seq, items, n = _UNTAGGED.unpack_from(MEM, p)
    if kind != _UNTAGGED_FETCH:
        return _convert.untagged(_ffi.imap_untagged.from_address(p))
    return _new_fetch(seq, fetch_items(items, n))


class _Kept:
    """A FETCH response kept by ``imap_decoder_keep`` until its items are
    read (then converted, and the C copy freed) or it is garbage."""

    __slots__ = ("handle",)

    def __init__(self, handle: int) -> None:
        self.handle: Optional[int] = handle

    def __call__(self, fetch: Fetch) -> Tuple[FetchItem, ...]:
        """Converts the items into ``fetch`` (once, under a lock: two threads
        reading them at once must not both convert, or free twice)."""
        with _KEEP_LOCK:
            d = fetch.__dict__
            if "items" not in d:
                h = self.handle
                assert h is not None
                _, _, items, n = _UNTAGGED.unpack_from(MEM, _ffi.imap_owned_response_get(h) + _RESPONSE_UNTAGGED)
                d["items"] = fetch_items(items, n)
                del d[LAZY_ITEMS]
                self.handle = None
                _ffi.imap_owned_response_free(h)
            return cast(Tuple[FetchItem, ...], d["items"])

    def __del__(self) -> None:
        if self.handle is not None:
            _ffi.imap_owned_response_free(self.handle)
            self.handle = None


_KEEP_LOCK = threading.Lock()


def response(p: int, keep: Optional[Callable[[], Optional[int]]] = None) -> Any:
    """The response at address ``p`` (an ``imap_response``). With ``keep``
    (a call of ``imap_decoder_keep`` on the decoder that gave it), a FETCH
    response's items are converted when first read rather than now."""
    if _KIND.unpack_from(MEM, p)[0] != 0:
        return _convert.response(_ffi.imap_response.from_address(p))
    u = p + _RESPONSE_UNTAGGED
    if keep is not None:
        kind, seq = _UNTAGGED_SEQ.unpack_from(MEM, u)
        if kind == _UNTAGGED_FETCH:
            h = keep()
            if h:
                fetch = _NEW(Fetch)
                _SET(fetch, "__dict__", {"seq": seq, LAZY_ITEMS: _Kept(h)})
                return fetch
    return untagged(u)


_UNTAGGED_SEQ = reader(_ffi.imap_untagged, "kind", "u.fetch.seq")
_NEW, _SET = object.__new__, object.__setattr__
_KIND = reader(_ffi.imap_response, "kind")
