"""SASL authenticators for AUTHENTICATE.

The library does the base64 and the SASL-IR decision; an authenticator sees
and returns raw bytes. Three kinds:

* :func:`plain` and :func:`xoauth2` use the library's built-in mechanisms;
* :class:`Authenticator` subclasses implement ``initial_response`` and
  ``step`` in Python;
* :func:`authenticator` wraps a plain callable ``fn(challenge)``, called
  with ``None`` for the initial response (return None if the mechanism has
  none) and with each server challenge (bytes) afterwards.

A callback that raises (or returns something that is not bytes) cancels
the exchange: the library sends ``*``, the server answers NO/BAD, and
:meth:`Connection.run` raises :class:`imap.AuthError` whose ``__cause__`` is
the Python exception.
"""

from __future__ import annotations

import ctypes
from typing import Any, Callable, Optional, Union

from . import _ffi
from .errors import InvalidArgument

__all__ = ["Authenticator", "plain", "xoauth2", "authenticator"]


def _cstr(value: Union[str, bytes], what: str) -> bytes:
    if isinstance(value, str):
        value = value.encode("utf-8")
    elif not isinstance(value, (bytes, bytearray)):
        raise TypeError(f"{what} must be str or bytes, not {type(value).__name__}")
    value = bytes(value)
    if b"\0" in value:
        raise InvalidArgument(f"{what} contains a NUL byte")
    return value


class Authenticator:
    """A SASL mechanism written in Python. Subclass it and set ``mechanism``;
    override :meth:`initial_response` (for client-first mechanisms) and
    :meth:`step`. Raise any exception to cancel."""

    mechanism: str = ""

    def initial_response(self) -> Optional[bytes]:
        """The client's first message, or None if the server speaks first."""
        return None

    def step(self, challenge: bytes) -> bytes:
        """The answer to a server challenge."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__module__}.{type(self).__qualname__} {self.mechanism}>"

    # -- internal ---------------------------------------------------------

    def _make(self) -> "_Handle":
        """A fresh C authenticator (a command takes it over)."""
        return _CallbackHandle(self.mechanism, self._call)

    def _call(self, challenge: Optional[bytes]) -> Optional[bytes]:
        if challenge is None:
            return self.initial_response()
        return self.step(challenge)


class _Handle:
    """An ``imap_authenticator *`` not yet given to a command, and what must
    stay alive as long as the library may call it."""

    def __init__(self, ptr: Optional[int], keepalive: object = None):
        if not ptr:
            raise InvalidArgument("the library refused the authenticator's arguments")
        self.ptr: Optional[int] = ptr
        self.keepalive = keepalive
        self.error: Optional[BaseException] = None

    def take(self) -> int:
        """Gives the pointer away (to ``imap_cmd_authenticate``)."""
        p = self.ptr
        if p is None:
            raise InvalidArgument("this authenticator was already used")
        self.ptr = None
        return p

    def __del__(self) -> None:
        p, self.ptr = getattr(self, "ptr", None), None
        if p is not None and _ffi.imap_authenticator_free is not None:
            _ffi.imap_authenticator_free(p)


class _CallbackHandle(_Handle):
    def __init__(self, mechanism: str, fn: Callable[[Optional[bytes]], Optional[bytes]]):
        mech = _cstr(mechanism, "mechanism")
        if not mech:
            raise InvalidArgument("the mechanism name is empty")

        def callback(_userdata: Any, challenge: Any, challenge_len: int, reply: Any) -> int:
            try:
                if challenge is None:
                    answer = fn(None)
                    if answer is None:
                        return 1
                else:
                    data = ctypes.string_at(challenge, challenge_len) if challenge_len else b""
                    answer = fn(data)
                    if answer is None:
                        answer = b""
                if isinstance(answer, str):
                    answer = answer.encode("utf-8")
                if not isinstance(answer, (bytes, bytearray, memoryview)):
                    raise TypeError(f"an authenticator returns bytes, not {type(answer).__name__}")
                answer = bytes(answer)
                rc = _ffi.imap_auth_reply_set(reply, answer, len(answer))
                return 0 if rc == 0 else -1
            except BaseException as e:  # never let an exception cross into C
                self.error = e
                return -1

        self._cfunc = _ffi.imap_auth_fn(callback)
        ptr = _ffi.imap_authenticator_new(mech, self._cfunc, None)
        super().__init__(ptr, keepalive=self._cfunc)


class _Builtin(Authenticator):
    def __init__(self, mechanism: str, make: Callable[[], Optional[int]]):
        self.mechanism = mechanism
        self._factory = make

    def _make(self) -> _Handle:
        return _Handle(self._factory())

    def __repr__(self) -> str:
        return f"<imap.auth {self.mechanism}>"


def plain(user: Union[str, bytes], password: Union[str, bytes]) -> Authenticator:
    """SASL PLAIN (RFC 4616) with an empty authorization identity."""
    u, p = _cstr(user, "user"), _cstr(password, "password")
    return _Builtin("PLAIN", lambda: _ffi.imap_authenticator_plain(u, p))


def xoauth2(user: Union[str, bytes], token: Union[str, bytes]) -> Authenticator:
    """Google's and Microsoft's XOAUTH2 with an OAuth 2.0 access token."""
    u, t = _cstr(user, "user"), _cstr(token, "token")
    return _Builtin("XOAUTH2", lambda: _ffi.imap_authenticator_xoauth2(u, t))


class _Callable(Authenticator):
    def __init__(self, mechanism: str, fn: Callable[[Optional[bytes]], Optional[bytes]]):
        self.mechanism = mechanism
        self._fn = fn

    def _call(self, challenge: Optional[bytes]) -> Optional[bytes]:
        return self._fn(challenge)


def authenticator(mechanism: str, fn: Callable[[Optional[bytes]], Optional[bytes]]) -> Authenticator:
    """A mechanism from a callable: ``fn(None)`` gives the initial response
    (None if there is none), ``fn(challenge)`` answers each challenge."""
    if not callable(fn):
        raise TypeError("fn must be callable")
    if not _cstr(mechanism, "mechanism"):
        raise InvalidArgument("the mechanism name is empty")
    return _Callable(mechanism, fn)
