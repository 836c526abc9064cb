"""Search keys for SEARCH, SORT and THREAD, as small immutable objects.

Combine them with ``&`` (all must match), ``|`` (OR) and ``~`` (NOT)::

    from imap import search as s
    key = s.Unseen() & (s.From("alice") | s.Subject("report")) & ~s.Deleted()
    key = s.Since(datetime.date(2024, 1, 1)) & s.Larger(100_000)
    client.search(key)              # UID SEARCH UNSEEN (OR FROM alice ...) NOT DELETED

Several keys given to :func:`imap.commands.search` must all match, as in
IMAP. Strings are text (sent as UTF-8, in a literal when needed); dates are
:class:`datetime.date` (or ``datetime``; or ``"YYYY-MM-DD"``); sequence
sets as for every command (``"1:*"``, ``range(1, 10)``, ``[1, 5]``, ``"$"``).
"""

from __future__ import annotations

import ctypes
import datetime as _dt
from typing import Any, List, Optional, Tuple, Union

from . import _ffi
from ._args import cstr, seqset
from .errors import EncodeError, InvalidArgument

__all__ = [
    "Key", "All", "Answered", "Deleted", "Draft", "Flagged", "New", "Old", "Recent", "Seen",
    "Unanswered", "Undeleted", "Undraft", "Unflagged", "Unseen", "SaveDateSupported", "Bcc",
    "Body", "Cc", "From", "Subject", "Text", "To", "Header", "Keyword", "Unkeyword", "Larger",
    "Smaller", "Older", "Younger", "Before", "On", "Since", "SentBefore", "SentOn", "SentSince",
    "SavedBefore", "SavedOn", "SavedSince", "Uid", "Seq", "Not", "Or", "And", "ModSeq", "GmRaw",
    "GmMsgId", "GmThrId", "GmLabels", "EmailId", "ThreadId", "build_keys", "free_keys",
]


class Key:
    """Base class of search keys. ``str(key)`` shows roughly what is sent."""

    _name = ""

    def _build(self) -> int:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def __and__(self, other: "Key") -> "Key":
        return And(self, other)

    def __or__(self, other: "Key") -> "Key":
        return Or(self, other)

    def __invert__(self) -> "Key":
        return Not(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Key) and type(self) is type(other) and self._args() == other._args()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._args()))

    def _args(self) -> Tuple[Any, ...]:
        return ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(repr(a) for a in self._args())})"


def _made(ptr: Optional[int], what: str) -> int:
    if not ptr:
        raise InvalidArgument(f"search key {what}: the library refused the arguments")
    return ptr


def _text(value: Union[str, bytes], what: str) -> bytes:
    return cstr(value, what)


class _Simple(Key):
    _fn = ""

    def _build(self) -> int:
        return _made(_ffi.sym(f"imap_key_{self._fn}")(), self._fn.upper())


def _simple(name: str, fn: str, doc: str) -> type:
    return type(name, (_Simple,), {"_fn": fn, "__doc__": doc, "__slots__": ()})


All = _simple("All", "all", "``ALL``")
Answered = _simple("Answered", "answered", "``ANSWERED``")
Deleted = _simple("Deleted", "deleted", "``DELETED``")
Draft = _simple("Draft", "draft", "``DRAFT``")
Flagged = _simple("Flagged", "flagged", "``FLAGGED``")
New = _simple("New", "new", "``NEW``")
Old = _simple("Old", "old", "``OLD``")
Recent = _simple("Recent", "recent", "``RECENT``")
Seen = _simple("Seen", "seen", "``SEEN``")
Unanswered = _simple("Unanswered", "unanswered", "``UNANSWERED``")
Undeleted = _simple("Undeleted", "undeleted", "``UNDELETED``")
Undraft = _simple("Undraft", "undraft", "``UNDRAFT``")
Unflagged = _simple("Unflagged", "unflagged", "``UNFLAGGED``")
Unseen = _simple("Unseen", "unseen", "``UNSEEN``")
SaveDateSupported = _simple("SaveDateSupported", "save_date_supported", "``SAVEDATESUPPORTED`` (RFC 8514)")


class _String(Key):
    _fn = ""

    def __init__(self, value: Union[str, bytes]):
        self.value = value

    def _args(self) -> Tuple[Any, ...]:
        return (self.value,)

    def _build(self) -> int:
        return _made(_ffi.sym(f"imap_key_{self._fn}")(_text(self.value, self._fn)), self._fn.upper())


def _string(name: str, fn: str, doc: str) -> type:
    return type(name, (_String,), {"_fn": fn, "__doc__": doc})


Bcc = _string("Bcc", "bcc", "``BCC string``")
Body = _string("Body", "body", "``BODY string``")
Cc = _string("Cc", "cc", "``CC string``")
From = _string("From", "from", "``FROM string``")
Subject = _string("Subject", "subject", "``SUBJECT string``")
Text = _string("Text", "text", "``TEXT string``")
To = _string("To", "to", "``TO string``")
Keyword = _string("Keyword", "keyword", "``KEYWORD flag`` (e.g. ``$Forwarded``)")
Unkeyword = _string("Unkeyword", "unkeyword", "``UNKEYWORD flag``")
GmRaw = _string("GmRaw", "gm_raw", "``X-GM-RAW string`` (Gmail search syntax)")
GmLabels = _string("GmLabels", "gm_labels", "``X-GM-LABELS label``")
EmailId = _string("EmailId", "email_id", "``EMAILID id`` (RFC 8474)")
ThreadId = _string("ThreadId", "thread_id", "``THREADID id`` (RFC 8474)")


class Header(Key):
    """``HEADER field string``"""

    def __init__(self, field: Union[str, bytes], value: Union[str, bytes]):
        self.field, self.value = field, value

    def _args(self) -> Tuple[Any, ...]:
        return (self.field, self.value)

    def _build(self) -> int:
        f = _ffi.sym("imap_key_header")
        return _made(f(_text(self.field, "HEADER field"), _text(self.value, "HEADER value")), "HEADER")


def _check_int(n: Any, bits: int, what: str) -> int:
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError(f"{what} takes an int, not {type(n).__name__}")
    if n < 0 or n >= 1 << bits:
        raise EncodeError(f"{what}: {n} is out of range")
    return n


class _Number(Key):
    _fn = ""
    _bits = 64

    def __init__(self, n: int):
        self.n = n

    def _args(self) -> Tuple[Any, ...]:
        return (self.n,)

    def _build(self) -> int:
        n = _check_int(self.n, self._bits, self._fn.upper())
        return _made(_ffi.sym(f"imap_key_{self._fn}")(n), self._fn.upper())


def _number(name: str, fn: str, bits: int, doc: str) -> type:
    return type(name, (_Number,), {"_fn": fn, "_bits": bits, "__doc__": doc})


Larger = _number("Larger", "larger", 64, "``LARGER n`` (octets)")
Smaller = _number("Smaller", "smaller", 64, "``SMALLER n`` (octets)")
Older = _number("Older", "older", 32, "``OLDER seconds`` (RFC 5032)")
Younger = _number("Younger", "younger", 32, "``YOUNGER seconds`` (RFC 5032)")
GmMsgId = _number("GmMsgId", "gm_msgid", 64, "``X-GM-MSGID n``")
GmThrId = _number("GmThrId", "gm_thrid", 64, "``X-GM-THRID n``")


def to_date(value: Any) -> _ffi.imap_date:
    """A C date from a date, datetime or ``"YYYY-MM-DD"`` string."""
    if isinstance(value, str):
        try:
            y, m, d = (int(x) for x in value.split("-"))
        except ValueError:
            raise EncodeError(f"not a YYYY-MM-DD date: {value!r}") from None
    elif isinstance(value, (_dt.date, _dt.datetime)):
        y, m, d = value.year, value.month, value.day
    else:
        raise TypeError(f"a date is a datetime.date or a YYYY-MM-DD string, not {type(value).__name__}")
    if not (0 <= y < 1 << 16 and 0 <= m < 256 and 0 <= d < 256):
        raise EncodeError(f"invalid date {value!r}")
    return _ffi.imap_date(y, m, d)


class _Date(Key):
    _fn = ""

    def __init__(self, date: Union[_dt.date, str]):
        self.date = date

    def _args(self) -> Tuple[Any, ...]:
        return (self.date,)

    def _build(self) -> int:
        return _made(_ffi.sym(f"imap_key_{self._fn}")(to_date(self.date)), self._fn.upper())


def _date(name: str, fn: str, doc: str) -> type:
    return type(name, (_Date,), {"_fn": fn, "__doc__": doc})


Before = _date("Before", "before", "``BEFORE date`` (internal date)")
On = _date("On", "on", "``ON date``")
Since = _date("Since", "since", "``SINCE date``")
SentBefore = _date("SentBefore", "sent_before", "``SENTBEFORE date`` (Date: header)")
SentOn = _date("SentOn", "sent_on", "``SENTON date``")
SentSince = _date("SentSince", "sent_since", "``SENTSINCE date``")
SavedBefore = _date("SavedBefore", "saved_before", "``SAVEDBEFORE date`` (RFC 8514)")
SavedOn = _date("SavedOn", "saved_on", "``SAVEDON date``")
SavedSince = _date("SavedSince", "saved_since", "``SAVEDSINCE date``")


class _Set(Key):
    _fn = ""

    def __init__(self, messages: Any):
        self.messages = messages

    def _args(self) -> Tuple[Any, ...]:
        return (self.messages,)

    def _build(self) -> int:
        return _made(_ffi.sym(f"imap_key_{self._fn}")(seqset(self.messages)), self._fn.upper())


class Uid(_Set):
    """``UID set``"""

    _fn = "uid"


class Seq(_Set):
    """A bare sequence set: the messages with these sequence numbers."""

    _fn = "seq"


class Not(Key):
    """``NOT key`` (also ``~key``)"""

    def __init__(self, key: Key):
        if not isinstance(key, Key):
            raise TypeError("Not() takes a search key")
        self.key = key

    def _args(self) -> Tuple[Any, ...]:
        return (self.key,)

    def _build(self) -> int:
        f = _ffi.sym("imap_key_not")
        return _made(f(self.key._build()), "NOT")


class Or(Key):
    """``OR a b`` (also ``a | b``)"""

    def __init__(self, a: Key, b: Key):
        if not isinstance(a, Key) or not isinstance(b, Key):
            raise TypeError("Or() takes two search keys")
        self.a, self.b = a, b

    def _args(self) -> Tuple[Any, ...]:
        return (self.a, self.b)

    def _build(self) -> int:
        f = _ffi.sym("imap_key_or")
        a = self.a._build()
        try:
            b = self.b._build()
        except BaseException:
            _ffi.imap_search_key_free(a)
            raise
        return _made(f(a, b), "OR")


class And(Key):
    """``(key key ...)``: all must match (also ``a & b``)."""

    def __init__(self, *keys: Key):
        flat: List[Key] = []
        for k in keys:
            if not isinstance(k, Key):
                raise TypeError("And() takes search keys")
            flat.extend(k.keys if isinstance(k, And) else [k])
        self.keys: Tuple[Key, ...] = tuple(flat)

    def _args(self) -> Tuple[Any, ...]:
        return self.keys

    def _build(self) -> int:
        f = _ffi.sym("imap_key_and")
        arr, n = build_keys(self.keys)
        return _made(f(arr, n), "AND")


class ModSeq(Key):
    """``MODSEQ n``, or ``MODSEQ "/flags/<flag>" priv|shared|all n`` with
    ``flag`` (RFC 7162)."""

    def __init__(self, modseq: int, flag: Optional[Any] = None, entry_type: str = "all"):
        self.modseq, self.flag, self.entry_type = modseq, flag, entry_type

    def _args(self) -> Tuple[Any, ...]:
        return (self.modseq, self.flag, self.entry_type)

    def _build(self) -> int:
        n = _check_int(self.modseq, 64, "MODSEQ")
        if self.flag is None:
            return _made(_ffi.sym("imap_key_modseq")(n), "MODSEQ")
        kind = _ffi.IMAP_ENTRY_TYPE.get(str(self.entry_type).upper())
        if kind is None:
            raise InvalidArgument(f"MODSEQ entry type is priv, shared or all, not {self.entry_type!r}")
        flag = _text(str(self.flag), "MODSEQ flag")
        return _made(_ffi.sym("imap_key_modseq_entry")(flag, kind, n), "MODSEQ")


def build_keys(keys: Any) -> Tuple[Any, int]:
    """Builds C keys for a command (which takes them over): (array, count)."""
    built: List[int] = []
    try:
        for k in keys:
            if not isinstance(k, Key):
                raise TypeError(f"search keys are imap.search.Key objects, not {type(k).__name__}")
            built.append(k._build())
    except BaseException:
        free_keys(built)
        raise
    arr = (ctypes.c_void_p * max(1, len(built)))(*built)
    return arr, len(built)


def free_keys(keys: List[int]) -> None:
    """Frees search keys made by :func:`build_keys` that were not given to a command."""
    for k in keys:
        _ffi.imap_search_key_free(k)
