"""Command builders: each returns a :class:`Command` for
:meth:`imap.Connection.run` (or :meth:`imap.Client.execute`).

Arguments are checked when the command is built: a NUL byte or another
argument the library refuses raises :class:`imap.InvalidArgument` (or
:class:`imap.EncodeError` for what can only be found when encoding).
Mailbox names are text (``str``; sent in modified UTF-7, or UTF-8 after
``ENABLE UTF8=ACCEPT``); user names, passwords and search strings are
``str`` (UTF-8) or ``bytes``.
"""

from __future__ import annotations

import builtins
import ctypes
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _ffi
from ._args import StrOrBytes, cstr, seqset
from .auth import Authenticator
from .errors import EncodeError, InvalidArgument
from .search import build_keys
from .types import Flag, MailboxAttr, MailboxAttrKind, SequenceSet, StatusKind

__all__ = [
    "Command", "Wire", "QResync", "AppendMessage", "Atom", "Literal", "MailboxArg", "SetArg",
    "seqset", "capability", "noop", "logout", "idle", "starttls", "compress_deflate",
    "unauthenticate", "namespace", "check", "close", "unselect", "expunge", "uid_expunge",
    "login", "authenticate", "id", "enable", "select", "examine", "create", "delete", "rename",
    "subscribe", "unsubscribe", "list", "lsub", "status", "append", "append_multi", "copy",
    "move", "fetch", "store", "store_labels", "search", "sort", "thread", "get_quota",
    "get_quota_root", "set_quota", "get_acl", "set_acl", "delete_acl", "my_rights",
    "list_rights", "get_metadata", "set_metadata", "raw",
]

class Command:
    """A command handle (``imap_command *``). It can be run any number of
    times, except AUTHENTICATE, which runs once. ``name`` is for messages."""

    __slots__ = ("_ptr", "name", "_keepalive", "__weakref__")

    def __init__(self, ptr: Optional[int], name: str, keepalive: Any = None):
        if not ptr:
            raise InvalidArgument(f"{name}: the library refused the arguments")
        self._ptr: Optional[int] = ptr
        self.name = name
        self._keepalive = keepalive

    @property
    def handle(self) -> int:
        """The ``imap_command *`` of the library (for the binding's own calls)."""
        if self._ptr is None:
            raise InvalidArgument(f"{self.name}: the command was freed")
        return self._ptr

    def free(self) -> None:
        """Frees the command now (it is also freed when garbage collected)."""
        p, self._ptr = self._ptr, None
        if p is not None:
            _ffi.imap_command_free(p)

    def __del__(self) -> None:
        try:
            self.free()
        except Exception:  # interpreter shutdown
            pass

    def __repr__(self) -> str:
        return f"<imap.Command {self.name}>"


# -- argument helpers ---------------------------------------------------------


def mailbox(value: StrOrBytes) -> bytes:
    """A mailbox name as UTF-8 text for the library (which encodes it)."""
    if isinstance(value, (bytes, bytearray)):
        try:
            bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidArgument("a mailbox name must be UTF-8 text") from None
    return cstr(value, "mailbox")


def _make(fn: Optional[Callable[..., Optional[int]]], name: str, *args: Any) -> Command:
    if fn is None:
        raise NotImplementedError(f"{name}: this libimap has no constructor for it")
    return Command(fn(*args), name)


# -- commands without arguments -------------------------------------------------


def capability() -> Command:
    """``CAPABILITY``"""
    return _make(_ffi.imap_cmd_capability, "CAPABILITY")


def noop() -> Command:
    """``NOOP``"""
    return _make(_ffi.imap_cmd_noop, "NOOP")


def logout() -> Command:
    """``LOGOUT``"""
    return _make(_ffi.imap_cmd_logout, "LOGOUT")


def idle() -> Command:
    """``IDLE``; stop it with :meth:`imap.Connection.idle_stop`."""
    return _make(_ffi.imap_cmd_idle, "IDLE")


def starttls() -> Command:
    """``STARTTLS``; :meth:`imap.Connection.run` returns a ``STARTTLS`` step
    when TLS must start."""
    return _make(_ffi.imap_cmd_starttls, "STARTTLS")


# -- authentication ---------------------------------------------------------------


def login(user: StrOrBytes, password: StrOrBytes) -> Command:
    """``LOGIN user password``"""
    return _make(_ffi.imap_cmd_login, "LOGIN", cstr(user, "user"), cstr(password, "password"))


def authenticate(auth: Authenticator) -> Command:
    """``AUTHENTICATE`` with an authenticator (see :mod:`imap.auth`). The
    command runs once; build a new one to authenticate again."""
    if not isinstance(auth, Authenticator):
        raise TypeError("authenticate() takes an imap.auth.Authenticator (plain(), xoauth2(), authenticator())")
    handle = auth._make()
    ptr = _ffi.imap_cmd_authenticate(handle.ptr)
    if not ptr:
        raise InvalidArgument("AUTHENTICATE: the library refused the authenticator")
    handle.take()
    return Command(ptr, f"AUTHENTICATE {auth.mechanism}", keepalive=handle)


# -- shared argument conversions -----------------------------------------------------


@dataclass(frozen=True)
class Wire:
    """A mailbox name exactly as it goes on the wire (e.g. ``raw_name`` from a
    LIST response): never re-encoded, only quoted or sent as a literal."""

    name: bytes


def _c(fn_name: str) -> Any:
    return _ffi.sym(fn_name)


def _strs(values: Iterable[Any], what: str) -> Tuple[Any, int, List[bytes]]:
    """A ``const char *const *`` array: (array, count, keepalive)."""
    items = [cstr(v if isinstance(v, (str, bytes)) else bytes(v) if isinstance(v, bytearray) else str(v), what) for v in values]
    arr = (ctypes.c_char_p * max(1, len(items)))(*items)
    return arr, len(items), items


def _u64(n: Optional[int], what: str) -> Any:
    if n is None:
        return None
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n >= 1 << 64:
        raise EncodeError(f"{what}: {n!r} is not a 64-bit number")
    return ctypes.byref(ctypes.c_uint64(n))


def _flags(flags: Any) -> Tuple[Any, int, List[bytes]]:
    if isinstance(flags, (str, Flag)):
        flags = [flags]
    flags = builtins.list(flags)
    for f in flags:
        if isinstance(f, Flag) and f.kind.name == "KEYWORD" and (not f.name or f.name.startswith("\\")):
            raise EncodeError(f"invalid keyword {f.name!r}: a keyword is an atom without a backslash")
    return _strs([str(Flag.parse(f)) if isinstance(f, (str, Flag)) else f for f in flags], "flag")


def _date_time(d: Optional[datetime]) -> Any:
    if d is None:
        return None
    if not isinstance(d, datetime):
        raise TypeError(f"a date-time is a datetime, not {type(d).__name__}")
    if d.tzinfo is None:
        d = d.astimezone()  # local time
    off = d.utcoffset()
    minutes = int(off.total_seconds() // 60) if off is not None else 0
    return ctypes.byref(_ffi.imap_date_time(d.year, d.month, d.day, d.hour, d.minute, d.second, minutes))


def _mode(mode: str, table: Mapping[str, int], what: str) -> int:
    aliases = {"+": "ADD", "-": "REMOVE", "": "SET", "=": "SET"}
    key = aliases.get(mode, str(mode).upper())
    if key not in table:
        raise InvalidArgument(f"{what} mode is 'add', 'remove' or 'set', not {mode!r}")
    return table[key]


def _status_items(items: Iterable[Any]) -> Tuple[Any, int]:
    names = {
        "MESSAGES": "MESSAGES", "RECENT": "RECENT", "UIDNEXT": "UID_NEXT", "UIDVALIDITY": "UID_VALIDITY",
        "UNSEEN": "UNSEEN", "DELETED": "DELETED", "SIZE": "SIZE", "HIGHESTMODSEQ": "HIGHEST_MOD_SEQ",
        "APPENDLIMIT": "APPEND_LIMIT", "MAILBOXID": "MAILBOX_ID", "DELETED-STORAGE": "DELETED_STORAGE",
    }
    if isinstance(items, (str, StatusKind)):
        items = [items]
    values = []
    for it in items:
        if isinstance(it, StatusKind):
            values.append(it.value)
            continue
        key = str(it).upper()
        key = names.get(key, key.replace("-", "_"))
        if key not in _ffi.IMAP_STATUS_KIND or key == "OTHER":
            raise InvalidArgument(f"unknown STATUS item {it!r}")
        values.append(_ffi.IMAP_STATUS_KIND[key])
    arr = (ctypes.c_uint32 * max(1, len(values)))(*values)
    return arr, len(values)


def _mailbox_or_wire(m: Any) -> Tuple[bytes, bool]:
    if isinstance(m, Wire):
        return cstr(m.name, "mailbox"), True
    return mailbox(m), False


# -- more commands without arguments ------------------------------------------------


def compress_deflate() -> Command:
    """``COMPRESS DEFLATE`` (RFC 4978); the connection compresses after the OK."""
    return _make(_c("imap_cmd_compress_deflate"), "COMPRESS")


def unauthenticate() -> Command:
    """``UNAUTHENTICATE`` (RFC 8437)"""
    return _make(_c("imap_cmd_unauthenticate"), "UNAUTHENTICATE")


def namespace() -> Command:
    """``NAMESPACE`` (RFC 2342)"""
    return _make(_c("imap_cmd_namespace"), "NAMESPACE")


def check() -> Command:
    """``CHECK``"""
    return _make(_c("imap_cmd_check"), "CHECK")


def close() -> Command:
    """``CLOSE`` (expunges and deselects)"""
    return _make(_c("imap_cmd_close"), "CLOSE")


def unselect() -> Command:
    """``UNSELECT`` (RFC 3691)"""
    return _make(_c("imap_cmd_unselect"), "UNSELECT")


def expunge() -> Command:
    """``EXPUNGE``"""
    return _make(_c("imap_cmd_expunge"), "EXPUNGE")


def uid_expunge(messages: Any) -> Command:
    """``UID EXPUNGE set`` (RFC 4315)"""
    return _make(_c("imap_cmd_uid_expunge"), "UID EXPUNGE", seqset(messages))


def id(fields: Optional[Mapping[str, Optional[str]]] = None) -> Command:  # noqa: A001 - the IMAP name
    """``ID (field value ...)`` (RFC 2971); None or ``{}`` sends ``ID NIL``.
    A value of None is sent as NIL."""
    items = builtins.list((fields or {}).items())
    names = [cstr(k, "ID field") for k, _ in items]
    values = [None if v is None else cstr(v, "ID value") for _, v in items]
    n = len(items)
    fa = (ctypes.c_char_p * max(1, n))(*names)
    va = (ctypes.c_char_p * max(1, n))(*values)
    return _make(_c("imap_cmd_id"), "ID", fa, va, n)


def enable(*capabilities: Any) -> Command:
    """``ENABLE cap ...`` (RFC 5161), e.g. ``enable("CONDSTORE", "UTF8=ACCEPT")``."""
    arr, n, _keep = _strs([str(c) for c in capabilities], "capability")
    return _make(_c("imap_cmd_enable"), "ENABLE", arr, n)


# -- mailboxes ---------------------------------------------------------------------


@dataclass(frozen=True)
class QResync:
    """The QRESYNC parameter of SELECT/EXAMINE (RFC 7162)."""

    uid_validity: int
    modseq: int
    known_uids: Any = None
    match_seqs: Any = None
    match_uids: Any = None

    def _c(self) -> _ffi.imap_qresync:
        if (self.match_seqs is None) != (self.match_uids is None):
            raise InvalidArgument("QRESYNC match_seqs and match_uids go together")
        if not isinstance(self.uid_validity, int) or not 0 < self.uid_validity < 1 << 32:
            raise EncodeError("QRESYNC uid_validity must be in 1..2**32-1")
        if not isinstance(self.modseq, int) or not 0 <= self.modseq < 1 << 64:
            raise EncodeError("QRESYNC modseq must be a 64-bit number")

        def opt(v: Any) -> Optional[bytes]:
            return None if v is None else seqset(v)

        return _ffi.imap_qresync(
            self.uid_validity, self.modseq, opt(self.known_uids), opt(self.match_seqs), opt(self.match_uids)
        )


def _select(verb: str, name: Any, condstore: bool, qresync: Optional[QResync]) -> Command:
    m, wire = _mailbox_or_wire(name)
    if not wire and qresync is None:
        return _make(getattr(_ffi, f"imap_cmd_{verb.lower()}"), verb, m, bool(condstore))
    q = qresync._c() if qresync is not None else None
    fn = _c(f"imap_cmd_{verb.lower()}_{'wire' if wire else 'qresync'}")
    return Command(fn(m, bool(condstore), ctypes.byref(q) if q is not None else None), verb)


def select(mailbox_name: Any, *, condstore: bool = False, qresync: Optional[QResync] = None) -> Command:
    """``SELECT mailbox [(CONDSTORE)] [(QRESYNC (...))]``; the name may be a
    :class:`Wire` name."""
    return _select("SELECT", mailbox_name, condstore, qresync)


def examine(mailbox_name: Any, *, condstore: bool = False, qresync: Optional[QResync] = None) -> Command:
    """``EXAMINE`` (read-only SELECT), with the arguments of :func:`select`."""
    return _select("EXAMINE", mailbox_name, condstore, qresync)


def _attr(a: Any) -> str:
    if isinstance(a, MailboxAttrKind):
        a = MailboxAttr(a)
    if isinstance(a, MailboxAttr):
        return str(a)
    s = str(a)
    return s if s.startswith("\\") else "\\" + s


def create(mailbox_name: StrOrBytes, *, special_use: Iterable[Any] = ()) -> Command:
    """``CREATE mailbox [(USE (\\\\Attr ...))]``; ``special_use`` holds
    attributes such as ``"\\\\Drafts"``, ``"Sent"`` or :class:`imap.MailboxAttrKind`."""
    arr, n, _keep = _strs([_attr(a) for a in special_use], "attribute")
    return _make(_c("imap_cmd_create"), "CREATE", mailbox(mailbox_name), arr, n)


def delete(mailbox_name: StrOrBytes) -> Command:
    """``DELETE mailbox``"""
    return _make(_c("imap_cmd_delete"), "DELETE", mailbox(mailbox_name))


def rename(old: StrOrBytes, new: StrOrBytes) -> Command:
    """``RENAME old new``"""
    return _make(_c("imap_cmd_rename"), "RENAME", mailbox(old), mailbox(new))


def subscribe(mailbox_name: StrOrBytes) -> Command:
    """``SUBSCRIBE mailbox``"""
    return _make(_c("imap_cmd_subscribe"), "SUBSCRIBE", mailbox(mailbox_name))


def unsubscribe(mailbox_name: StrOrBytes) -> Command:
    """``UNSUBSCRIBE mailbox``"""
    return _make(_c("imap_cmd_unsubscribe"), "UNSUBSCRIBE", mailbox(mailbox_name))


def list(  # noqa: A001 - the IMAP name
    reference: StrOrBytes = "",
    pattern: Union[StrOrBytes, Sequence[StrOrBytes]] = "*",
    *,
    select: Iterable[str] = (),
    return_: Iterable[str] = (),
    status: Optional[Iterable[Any]] = None,
) -> Command:
    """``LIST reference pattern``. With several patterns or options it is an
    extended LIST (RFC 5258): ``select`` options ``"subscribed"``,
    ``"remote"``, ``"recursive-match"``, ``"special-use"``; ``return_``
    options ``"subscribed"``, ``"children"``, ``"special-use"``; ``status``
    items for ``RETURN (STATUS (...))`` (RFC 5819)."""
    select_opts, return_opts = builtins.list(select), builtins.list(return_)
    status_items = None if status is None else builtins.list(status)
    patterns = [pattern] if isinstance(pattern, (str, bytes)) else builtins.list(pattern)
    if len(patterns) == 1 and not (select_opts or return_opts or status_items is not None):
        return _make(_c("imap_cmd_list"), "LIST", mailbox(reference), mailbox(patterns[0]))
    opts = _c("imap_list_options_new")()
    if not opts:
        raise MemoryError("imap_list_options_new failed")
    try:
        for o in select_opts:
            v = _ffi.IMAP_LIST_SELECT.get(str(o).upper().replace("-", "_").replace("RECURSIVEMATCH", "RECURSIVE_MATCH"))
            if v is None or not _ffi.imap_list_options_select(opts, v):
                raise InvalidArgument(f"unknown LIST selection option {o!r}")
        for o in return_opts:
            v = _ffi.IMAP_LIST_RETURN.get(str(o).upper().replace("-", "_"))
            if v is None or not _ffi.imap_list_options_return(opts, v):
                raise InvalidArgument(f"unknown LIST return option {o!r}")
        if status_items is not None:
            arr, n = _status_items(status_items)
            if not _ffi.imap_list_options_return_status(opts, arr, n):
                raise InvalidArgument("invalid LIST RETURN STATUS items")
        parr, pn, _keep = _strs([p if isinstance(p, bytes) else mailbox(p) for p in patterns], "pattern")
    except BaseException:
        _ffi.imap_list_options_free(opts)
        raise
    return _make(_c("imap_cmd_list_extended"), "LIST", mailbox(reference), parr, pn, opts)


def lsub(reference: StrOrBytes = "", pattern: StrOrBytes = "*") -> Command:
    """``LSUB reference pattern``"""
    return _make(_c("imap_cmd_lsub"), "LSUB", mailbox(reference), mailbox(pattern))


def status(mailbox_name: StrOrBytes, items: Iterable[Any] = ("MESSAGES", "UIDNEXT", "UNSEEN")) -> Command:
    """``STATUS mailbox (item ...)``; items are :class:`imap.StatusKind` or
    names such as ``"MESSAGES"``, ``"UIDNEXT"``, ``"HIGHESTMODSEQ"``, ``"SIZE"``."""
    arr, n = _status_items(items)
    return _make(_c("imap_cmd_status"), "STATUS", mailbox(mailbox_name), arr, n)


@dataclass(frozen=True)
class AppendMessage:
    """One message of :func:`append_multi`."""

    data: bytes
    flags: Tuple[Any, ...] = ()
    date: Optional[datetime] = None
    binary: bool = False


def _data(data: Any) -> bytes:
    if isinstance(data, str):
        raise TypeError("message data is bytes (encode the message first)")
    return bytes(data)


def append(
    mailbox_name: StrOrBytes,
    message: bytes,
    *,
    flags: Iterable[Any] = (),
    date: Optional[datetime] = None,
    binary: bool = False,
) -> Command:
    """``APPEND mailbox [(flags)] [date-time] {n}`` and the message (bytes,
    with CRLF line ends); ``binary`` sends it as ``~{n}`` (RFC 3516)."""
    data = _data(message)
    farr, fn, _keep = _flags(flags)
    return _make(
        _c("imap_cmd_append"), "APPEND", mailbox(mailbox_name), data, len(data), farr, fn, _date_time(date), bool(binary)
    )


def append_multi(mailbox_name: StrOrBytes, messages: Iterable[Union[bytes, AppendMessage]]) -> Command:
    """``APPEND mailbox msg msg ...`` (MULTIAPPEND, RFC 3502)."""
    ap = _c("imap_append_new")(mailbox(mailbox_name))
    if not ap:
        raise InvalidArgument("APPEND: the library refused the mailbox")
    try:
        for m in messages:
            if not isinstance(m, AppendMessage):
                m = AppendMessage(_data(m))
            data = _data(m.data)
            farr, fn, _keep = _flags(m.flags)
            if not _ffi.imap_append_add(ap, data, len(data), farr, fn, _date_time(m.date), bool(m.binary)):
                raise InvalidArgument("APPEND: the library refused a message's arguments")
    except BaseException:
        _ffi.imap_append_free(ap)
        raise
    return _make(_c("imap_cmd_append_multi"), "APPEND", ap)


def copy(messages: Any, mailbox_name: StrOrBytes, *, uid: bool = False) -> Command:
    """``[UID] COPY set mailbox``"""
    return _make(_c("imap_cmd_copy"), "UID COPY" if uid else "COPY", bool(uid), seqset(messages), mailbox(mailbox_name))


def move(messages: Any, mailbox_name: StrOrBytes, *, uid: bool = False) -> Command:
    """``[UID] MOVE set mailbox`` (RFC 6851)"""
    return _make(_c("imap_cmd_move"), "UID MOVE" if uid else "MOVE", bool(uid), seqset(messages), mailbox(mailbox_name))


# -- FETCH and STORE -------------------------------------------------------------------

def _fetch_items(items: Any) -> int:
    """Builds ``imap_fetch_items`` (owned by the caller until given to a
    command); each item is parsed by the library (``imap_fetch_items_add_text``)."""
    if isinstance(items, str) and items.upper() in _ffi.IMAP_FETCH_MACRO:
        p = _c("imap_fetch_items_macro")(_ffi.IMAP_FETCH_MACRO[items.upper()])
        if not p:
            raise InvalidArgument(f"FETCH macro {items!r}")
        return int(p)
    if isinstance(items, (str, bytes)):
        items = [items]
    p = _c("imap_fetch_items_new")()
    if not p:
        raise MemoryError("imap_fetch_items_new failed")
    add = _c("imap_fetch_items_add_text")
    try:
        for item in items:
            if not isinstance(item, (str, bytes)):
                raise TypeError(f"a FETCH item is a str such as 'UID' or 'BODY.PEEK[HEADER]', not {item!r}")
            if not add(p, cstr(item.strip(), "FETCH item")):
                raise InvalidArgument(f"not a FETCH item: {item!r}")
    except BaseException:
        _ffi.imap_fetch_items_free(p)
        raise
    return int(p)


def fetch(
    messages: Any,
    items: Any = ("UID", "FLAGS"),
    *,
    uid: bool = False,
    changed_since: Optional[int] = None,
    vanished: bool = False,
) -> Command:
    """``[UID] FETCH set items [(CHANGEDSINCE n [VANISHED])]``.

    ``items`` is a macro (``"ALL"``, ``"FAST"``, ``"FULL"``), one item, or a
    list of items written as in IMAP: ``"UID"``, ``"FLAGS"``, ``"ENVELOPE"``,
    ``"INTERNALDATE"``, ``"RFC822.SIZE"``, ``"BODYSTRUCTURE"``, ``"MODSEQ"``,
    ``"BODY[]"``, ``"BODY.PEEK[HEADER.FIELDS (From Subject)]"``,
    ``"BODY[1.2]<0.2048>"``, ``"BINARY.PEEK[1]"``, ``"BINARY.SIZE[2]"``...
    ``vanished`` (QRESYNC) needs ``changed_since`` and ``uid``."""
    s = seqset(messages)
    n = _u64(changed_since, "CHANGEDSINCE")
    p = _fetch_items(items)
    f = _ffi.imap_cmd_fetch
    return Command(f(bool(uid), s, p, n, bool(vanished)), "UID FETCH" if uid else "FETCH")


def store(
    messages: Any,
    mode: str,
    flags: Any,
    *,
    uid: bool = False,
    silent: bool = False,
    unchanged_since: Optional[int] = None,
) -> Command:
    """``[UID] STORE set [(UNCHANGEDSINCE n)] [+|-]FLAGS[.SILENT] (flag ...)``:
    ``mode`` is ``"add"`` (``+``), ``"remove"`` (``-``) or ``"set"``; flags are
    wire strings (``"\\\\Seen"``, ``"$Label"``) or :class:`imap.Flag`."""
    farr, fn, _keep = _flags(flags)
    return _make(
        _c("imap_cmd_store"), "UID STORE" if uid else "STORE", bool(uid), seqset(messages),
        _mode(mode, _ffi.IMAP_STORE_MODE, "STORE"), bool(silent), farr, fn, _u64(unchanged_since, "UNCHANGEDSINCE"),
    )


def store_labels(
    messages: Any,
    mode: str,
    labels: Iterable[StrOrBytes],
    *,
    uid: bool = False,
    silent: bool = False,
    unchanged_since: Optional[int] = None,
) -> Command:
    """``[UID] STORE set [+|-]X-GM-LABELS[.SILENT] (label ...)`` (Gmail)."""
    if isinstance(labels, (str, bytes)):
        labels = [labels]
    arr, n, _keep = _strs(labels, "label")
    return _make(
        _c("imap_cmd_store_labels"), "UID STORE" if uid else "STORE", bool(uid), seqset(messages),
        _mode(mode, _ffi.IMAP_STORE_MODE, "STORE"), bool(silent), arr, n, _u64(unchanged_since, "UNCHANGEDSINCE"),
    )


# -- SEARCH, SORT, THREAD ---------------------------------------------------------------


def _keys(keys: Sequence[Any]) -> Tuple[Any, int]:
    return build_keys(keys)


def search(
    *keys: Any,
    uid: bool = False,
    charset: Optional[str] = None,
    return_: Optional[Iterable[str]] = None,
) -> Command:
    """``[UID] SEARCH [RETURN (...)] [CHARSET c] key ...``: the keys (see
    :mod:`imap.search`; at least one, e.g. ``search.All()``) must all match. ``return_``
    (``"min"``, ``"max"``, ``"all"``, ``"count"``, ``"save"``) makes it an
    ESEARCH (RFC 4731); an empty list sends ``RETURN ()``."""
    cs = cstr(charset, "charset") if charset is not None else None
    name = "UID SEARCH" if uid else "SEARCH"
    if return_ is None:
        f = _c("imap_cmd_search")
        arr, n = _keys(keys)
        return Command(f(bool(uid), cs, arr, n), name)
    opts = []
    for r in return_:
        v = _ffi.IMAP_SEARCH_RETURN.get(str(r).upper())
        if v is None:
            raise InvalidArgument(f"unknown SEARCH RETURN option {r!r}")
        opts.append(v)
    oarr = (ctypes.c_uint32 * max(1, len(opts)))(*opts)
    f = _c("imap_cmd_esearch")
    arr, n = _keys(keys)
    return Command(f(bool(uid), oarr, len(opts), cs, arr, n), name)


_SORT_NAMES = {
    "ARRIVAL": "ARRIVAL", "CC": "CC", "DATE": "DATE", "FROM": "FROM", "SIZE": "SIZE", "SUBJECT": "SUBJECT",
    "TO": "TO", "DISPLAYFROM": "DISPLAY_FROM", "DISPLAY-FROM": "DISPLAY_FROM", "DISPLAY_FROM": "DISPLAY_FROM",
    "DISPLAYTO": "DISPLAY_TO", "DISPLAY-TO": "DISPLAY_TO", "DISPLAY_TO": "DISPLAY_TO",
}


def _criterion(c: str) -> int:
    text = str(c).strip().upper()
    reverse = 0
    if text.startswith("-"):
        reverse, text = _ffi.IMAP_SORT["REVERSE"], text[1:].strip()
    elif text.startswith("REVERSE "):
        reverse, text = _ffi.IMAP_SORT["REVERSE"], text[8:].strip()
    key = _SORT_NAMES.get(text)
    if key is None:
        raise InvalidArgument(f"unknown SORT criterion {c!r}")
    return _ffi.IMAP_SORT[key] | reverse


def sort(criteria: Union[str, Iterable[str]], *keys: Any, uid: bool = False, charset: str = "UTF-8") -> Command:
    """``[UID] SORT (criteria) charset key ...`` (RFC 5256): criteria such as
    ``"date"``, ``"-arrival"`` or ``"reverse subject"`` (``-``/``reverse``
    for descending), ``"display-from"`` (RFC 5957)."""
    if isinstance(criteria, str):
        criteria = [criteria]
    values = [_criterion(c) for c in criteria]
    carr = (ctypes.c_uint32 * max(1, len(values)))(*values)
    cs = cstr(charset, "charset")
    f = _c("imap_cmd_sort")
    arr, n = _keys(keys)
    return Command(f(bool(uid), carr, len(values), cs, arr, n), "UID SORT" if uid else "SORT")


def thread(algorithm: str, *keys: Any, uid: bool = False, charset: str = "UTF-8") -> Command:
    """``[UID] THREAD algorithm charset key ...`` (RFC 5256): ``"REFERENCES"``,
    ``"ORDEREDSUBJECT"`` or another algorithm the server lists."""
    alg = cstr(algorithm, "algorithm")
    cs = cstr(charset, "charset")
    f = _c("imap_cmd_thread")
    arr, n = _keys(keys)
    return Command(f(bool(uid), alg, cs, arr, n), "UID THREAD" if uid else "THREAD")


# -- QUOTA, ACL, METADATA ----------------------------------------------------------------


def get_quota(root: StrOrBytes) -> Command:
    """``GETQUOTA root`` (RFC 9208)"""
    return _make(_c("imap_cmd_get_quota"), "GETQUOTA", cstr(root, "quota root"))


def get_quota_root(mailbox_name: StrOrBytes) -> Command:
    """``GETQUOTAROOT mailbox``"""
    return _make(_c("imap_cmd_get_quota_root"), "GETQUOTAROOT", mailbox(mailbox_name))


def set_quota(root: StrOrBytes, limits: Mapping[str, int]) -> Command:
    """``SETQUOTA root (RESOURCE limit ...)``; ``{}`` removes every limit."""
    items = builtins.list(limits.items())
    rarr, n, _keep = _strs([k for k, _ in items], "resource")
    values = []
    for k, v in items:
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < 1 << 64:
            raise EncodeError(f"quota limit of {k!r} must be a 64-bit number")
        values.append(v)
    larr = (ctypes.c_uint64 * max(1, n))(*values)
    return _make(_c("imap_cmd_set_quota"), "SETQUOTA", cstr(root, "quota root"), rarr, larr, n)


def get_acl(mailbox_name: StrOrBytes) -> Command:
    """``GETACL mailbox`` (RFC 4314)"""
    return _make(_c("imap_cmd_get_acl"), "GETACL", mailbox(mailbox_name))


def set_acl(mailbox_name: StrOrBytes, identifier: StrOrBytes, rights: StrOrBytes, *, mode: str = "set") -> Command:
    """``SETACL mailbox identifier [+|-]rights``; ``mode`` is ``"set"``,
    ``"add"`` or ``"remove"``."""
    return _make(
        _c("imap_cmd_set_acl"), "SETACL", mailbox(mailbox_name), cstr(identifier, "identifier"),
        _mode(mode, _ffi.IMAP_ACL_MODE, "SETACL"), cstr(rights, "rights"),
    )


def delete_acl(mailbox_name: StrOrBytes, identifier: StrOrBytes) -> Command:
    """``DELETEACL mailbox identifier``"""
    return _make(_c("imap_cmd_delete_acl"), "DELETEACL", mailbox(mailbox_name), cstr(identifier, "identifier"))


def my_rights(mailbox_name: StrOrBytes) -> Command:
    """``MYRIGHTS mailbox``"""
    return _make(_c("imap_cmd_my_rights"), "MYRIGHTS", mailbox(mailbox_name))


def list_rights(mailbox_name: StrOrBytes, identifier: StrOrBytes) -> Command:
    """``LISTRIGHTS mailbox identifier``"""
    return _make(_c("imap_cmd_list_rights"), "LISTRIGHTS", mailbox(mailbox_name), cstr(identifier, "identifier"))


def get_metadata(
    mailbox_name: StrOrBytes, *entries: StrOrBytes, max_size: Optional[int] = None, depth: Any = None
) -> Command:
    """``GETMETADATA [(MAXSIZE n DEPTH d)] mailbox entries`` (RFC 5464);
    ``depth`` is 0, 1, ``"infinity"`` or None; ``mailbox`` ``""`` is the server."""
    d = _ffi.IMAP_METADATA_DEPTH.get("DEFAULT" if depth is None else str(depth).upper())
    if d is None:
        raise InvalidArgument(f"METADATA depth is 0, 1 or 'infinity', not {depth!r}")
    arr, n, _keep = _strs(entries, "entry")
    return _make(_c("imap_cmd_get_metadata"), "GETMETADATA", mailbox(mailbox_name), _u64(max_size, "MAXSIZE"), d, arr, n)


def set_metadata(mailbox_name: StrOrBytes, values: Mapping[StrOrBytes, Optional[StrOrBytes]]) -> Command:
    """``SETMETADATA mailbox (entry value ...)``; a value of None removes the entry."""
    items = builtins.list(values.items())
    earr, n, _keep = _strs([k for k, _ in items], "entry")
    vals = [None if v is None else cstr(v, "value") for _, v in items]
    varr = (ctypes.c_char_p * max(1, n))(*vals)
    return _make(_c("imap_cmd_set_metadata"), "SETMETADATA", mailbox(mailbox_name), earr, varr, n)


# -- any other command ---------------------------------------------------------------------


@dataclass(frozen=True)
class Atom:
    """A raw argument sent as an atom (it must be a valid atom)."""

    value: StrOrBytes


@dataclass(frozen=True)
class Literal:
    """A raw argument always sent as a literal."""

    data: bytes


@dataclass(frozen=True)
class SetArg:
    """A raw argument that is a sequence set (any form :func:`seqset` takes)."""

    value: Any


@dataclass(frozen=True)
class MailboxArg:
    """A raw argument that is a mailbox name (text, or :class:`Wire`)."""

    name: Any


def _raw_arg(a: Any) -> int:
    if isinstance(a, Atom):
        p = _c("imap_raw_atom")(cstr(a.value, "atom"))
    elif isinstance(a, Literal):
        d = _data(a.data)
        p = _c("imap_raw_literal")(d, len(d))
    elif isinstance(a, MailboxArg):
        if isinstance(a.name, Wire):
            p = _c("imap_raw_mailbox_wire")(cstr(a.name.name, "mailbox"))
        else:
            p = _c("imap_raw_mailbox")(mailbox(a.name))
    elif isinstance(a, bool):
        raise TypeError("a raw argument is not a bool")
    elif isinstance(a, int):
        if not 0 <= a < 1 << 64:
            raise EncodeError(f"number {a} out of range")
        p = _c("imap_raw_number")(a)
    elif isinstance(a, (str, bytes)):
        p = _c("imap_raw_string")(cstr(a, "string"))
    elif isinstance(a, (SequenceSet, range)):
        p = _c("imap_raw_set")(seqset(a))
    elif isinstance(a, SetArg):
        p = _c("imap_raw_set")(seqset(a.value))
    elif isinstance(a, (builtins.list, tuple)):
        built: List[int] = []
        try:
            for x in a:
                built.append(_raw_arg(x))
        except BaseException:
            for x in built:
                _ffi.imap_raw_arg_free(x)
            raise
        arr = (ctypes.c_void_p * max(1, len(built)))(*built)
        p = _c("imap_raw_list")(arr, len(built))
    else:
        raise TypeError(f"unsupported raw argument {a!r}")
    if not p:
        raise InvalidArgument(f"raw argument {a!r} refused by the library")
    return int(p)


def raw(name: StrOrBytes, *args: Any) -> Command:
    """Any command: ``NAME arg ...``. Arguments: ``str``/``bytes`` (a string,
    atom/quoted/literal as needed), ``int`` (a number), ``range`` or
    :class:`imap.SequenceSet` (a set), ``list``/``tuple`` (a parenthesised
    list), :class:`Atom`, :class:`Literal`, :class:`MailboxArg`, :class:`SetArg`."""
    n = cstr(name, "command name")
    built: List[int] = []
    try:
        for a in args:
            built.append(_raw_arg(a))
    except BaseException:
        for x in built:
            _ffi.imap_raw_arg_free(x)
        raise
    arr = (ctypes.c_void_p * max(1, len(built)))(*built)
    return _make(_c("imap_cmd_raw"), n.decode("utf-8", "replace"), n, arr, len(built))
