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

from typing import Any, Callable, Optional, Union

from . import _ffi
from .auth import Authenticator
from .errors import InvalidArgument

__all__ = [
    "Command",
    "capability",
    "noop",
    "logout",
    "idle",
    "starttls",
    "login",
    "select",
    "examine",
    "authenticate",
]

StrOrBytes = Union[str, bytes]


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


def _bytes(value: StrOrBytes, what: str) -> bytes:
    if isinstance(value, str):
        b = value.encode("utf-8", "surrogateescape")
    elif isinstance(value, (bytes, bytearray, memoryview)):
        b = bytes(value)
    else:
        raise TypeError(f"{what} must be str or bytes, not {type(value).__name__}")
    return b


def cstr(value: StrOrBytes, what: str) -> bytes:
    """A NUL-terminated C string argument (no NUL byte allowed inside)."""
    b = _bytes(value, what)
    if b"\0" in b:
        raise InvalidArgument(f"{what} contains a NUL byte, which IMAP cannot send")
    return b


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


# -- mailboxes ---------------------------------------------------------------------


def select(mailbox_name: StrOrBytes, *, condstore: bool = False) -> Command:
    """``SELECT mailbox [(CONDSTORE)]``"""
    return _make(_ffi.imap_cmd_select, "SELECT", mailbox(mailbox_name), bool(condstore))


def examine(mailbox_name: StrOrBytes, *, condstore: bool = False) -> Command:
    """``EXAMINE mailbox [(CONDSTORE)]`` (read-only SELECT)"""
    return _make(_ffi.imap_cmd_examine, "EXAMINE", mailbox(mailbox_name), bool(condstore))
