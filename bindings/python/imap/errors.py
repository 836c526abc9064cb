"""The exception hierarchy. Every exception the binding raises on purpose is
an :class:`Error`; each C error code (``imap_error``) has its own class.

::

    Error
    +-- FatalError                    the connection is over (imap_error_is_fatal)
    |   +-- ConnectionClosed          EOF: the server closed the connection
    |   |   +-- ConnectionDead        CLOSED: used again after a fatal error
    |   +-- ProtocolError             the server broke the protocol
    |   |   +-- UnexpectedEof         UNEXPECTED_EOF: input ended inside a response
    |   |   +-- ByeGreeting           BYE_GREETING
    |   |   +-- BadGreeting           BAD_GREETING
    |   |   +-- UnknownTag            UNKNOWN_TAG
    |   |   +-- UnexpectedContinuation UNEXPECTED_CONTINUATION
    |   |   +-- StartTlsInjection     STARTTLS_INJECTION
    |   |   +-- CompressionError      COMPRESSION
    |   +-- LimitError                a configured limit was exceeded
    |       +-- LineTooLong, LiteralTooLarge, ResponseTooLarge
    +-- UsageError                    misuse; nothing was sent
    |   +-- BusyError                 BUSY: a command is already running
    |   +-- NoGreetingError           NO_GREETING: the greeting has not arrived
    |   +-- NeedsAuthenticatorError   NEEDS_AUTHENTICATOR
    |   +-- InvalidArgument           NULL_ARGUMENT, INVALID_ARGUMENT (also a ValueError)
    +-- EncodeError                   ENCODE: the command cannot be encoded (also a ValueError)
    +-- AuthError                     AUTH: the authenticator cancelled
    +-- InternalError                 INTERNAL: a bug in the library
    +-- CommandError                  a tagged NO or BAD (raised by Client)
        +-- NoResponse, BadResponse
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Dict, Optional, Type

from . import _ffi

if TYPE_CHECKING:  # pragma: no cover
    from .types import Code


__all__ = [
    "ErrorCode",
    "Error",
    "FatalError",
    "ConnectionClosed",
    "ConnectionDead",
    "ProtocolError",
    "UnexpectedEof",
    "ByeGreeting",
    "BadGreeting",
    "UnknownTag",
    "UnexpectedContinuation",
    "StartTlsInjection",
    "CompressionError",
    "LimitError",
    "LineTooLong",
    "LiteralTooLarge",
    "ResponseTooLarge",
    "UsageError",
    "BusyError",
    "NoGreetingError",
    "NeedsAuthenticatorError",
    "InvalidArgument",
    "EncodeError",
    "AuthError",
    "InternalError",
    "CommandError",
    "NoResponse",
    "BadResponse",
    "TooManyUntagged",
    "NetworkError",
    "Timeout",
]


class ErrorCode(enum.IntEnum):
    """The C error codes (``imap_error``)."""

    OK = 0
    NULL_ARGUMENT = 1
    INVALID_ARGUMENT = 2
    INTERNAL = 3
    LINE_TOO_LONG = 4
    LITERAL_TOO_LARGE = 5
    RESPONSE_TOO_LARGE = 6
    UNEXPECTED_EOF = 7
    EOF = 8
    BYE_GREETING = 9
    BAD_GREETING = 10
    UNKNOWN_TAG = 11
    UNEXPECTED_CONTINUATION = 12
    STARTTLS_INJECTION = 13
    COMPRESSION = 14
    BUSY = 15
    NO_GREETING = 16
    NEEDS_AUTHENTICATOR = 17
    ENCODE = 18
    AUTH = 19
    CLOSED = 20

    @property
    def fatal(self) -> bool:
        """Whether this error ends the connection."""
        return bool(_ffi.imap_error_is_fatal(int(self)))

    @property
    def description(self) -> str:
        """The library's short description (``imap_strerror``)."""
        s = _ffi.imap_strerror(int(self))
        return s.decode("utf-8", "replace") if s else ""


class Error(Exception):
    """Base class of the binding's exceptions.

    ``code`` is the C error code (None for errors found by the binding
    itself, such as a tagged NO), ``detail`` the library's detailed message.
    """

    code: Optional[ErrorCode] = None

    def __init__(self, message: str = "", *, code: Optional[ErrorCode] = None, detail: str = ""):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.detail = detail

    @property
    def fatal(self) -> bool:
        """Whether the connection is over."""
        return isinstance(self, FatalError)


class FatalError(Error):
    """The connection is over; every later call fails with :class:`ConnectionDead`."""


class ConnectionClosed(FatalError):
    """The server closed the connection."""


class ConnectionDead(ConnectionClosed):
    """The connection was used after a fatal error."""


class ProtocolError(FatalError):
    """The server broke the protocol."""


class UnexpectedEof(ProtocolError):
    """The input ended inside a response."""


class ByeGreeting(ProtocolError):
    """The server refused the connection (``* BYE`` greeting)."""


class BadGreeting(ProtocolError):
    """The first response was not a greeting."""


class UnknownTag(ProtocolError):
    """A tagged response with a tag no command had."""


class UnexpectedContinuation(ProtocolError):
    """A continuation request where none can come."""


class StartTlsInjection(ProtocolError):
    """Bytes arrived after the STARTTLS OK, before TLS started (response injection)."""


class CompressionError(ProtocolError):
    """The compressed input stream is broken."""


class LimitError(FatalError):
    """A response exceeded a configured limit."""


class LineTooLong(LimitError):
    """A line is longer than ``max_line``."""


class LiteralTooLarge(LimitError):
    """A literal is larger than ``max_literal``."""


class ResponseTooLarge(LimitError):
    """A response is larger than ``max_response``."""


class TooManyUntagged(LimitError):
    """A command's untagged responses outnumber the client's ``max_untagged``
    (they would all be kept in memory); the client closes the connection."""


class NetworkError(FatalError, OSError):
    """Reading from or writing to the socket failed; the client closes it.
    ``errno`` is the socket error's."""

    def __init__(self, message: str = "", errno: Optional[int] = None):
        super().__init__(message)
        self.errno = errno


class Timeout(Error, TimeoutError):
    """The server sent nothing within the client's ``timeout``. What it
    sends next is unknown: close the client unless this was expected (an
    IDLE with a deadline handles it itself)."""


class UsageError(Error):
    """The call is not allowed now or its arguments are wrong; nothing was sent."""


class BusyError(UsageError):
    """A command is already running."""


class NoGreetingError(UsageError):
    """A command before the server's greeting."""


class NeedsAuthenticatorError(UsageError):
    """AUTHENTICATE without an authenticator."""


class InvalidArgument(UsageError, ValueError):
    """An argument is not valid (or a required one is missing)."""


class EncodeError(Error, ValueError):
    """The command cannot be encoded (e.g. a NUL byte, an empty list); nothing was sent."""


class AuthError(Error):
    """Authentication was cancelled by the authenticator or a bad challenge."""


class InternalError(Error):
    """An internal error in the library (a bug; please report it)."""


class CommandError(Error):
    """The server answered a command with a tagged NO or BAD.

    ``status`` is ``"NO"`` or ``"BAD"``, ``response_code`` the response code
    (or None) and ``text`` the server's text.
    """

    status: str = ""

    def __init__(self, text: str, response_code: Optional["Code"] = None, command: str = ""):
        what = f"{command}: " if command else ""
        code = f"[{response_code.kind.name}] " if response_code is not None else ""
        super().__init__(f"{what}{self.status} {code}{text}")
        self.text = text
        self.response_code = response_code
        self.command = command


class NoResponse(CommandError):
    """A tagged NO: the command failed."""

    status = "NO"


class BadResponse(CommandError):
    """A tagged BAD: the command was rejected."""

    status = "BAD"


_BY_CODE: Dict[int, Type[Error]] = {
    1: InvalidArgument,
    2: InvalidArgument,
    3: InternalError,
    4: LineTooLong,
    5: LiteralTooLarge,
    6: ResponseTooLarge,
    7: UnexpectedEof,
    8: ConnectionClosed,
    9: ByeGreeting,
    10: BadGreeting,
    11: UnknownTag,
    12: UnexpectedContinuation,
    13: StartTlsInjection,
    14: CompressionError,
    15: BusyError,
    16: NoGreetingError,
    17: NeedsAuthenticatorError,
    18: EncodeError,
    19: AuthError,
    20: ConnectionDead,
}


def from_code(code: int, detail: str = "") -> Error:
    """The exception for a C error code (with the library's detail message)."""
    try:
        ec = ErrorCode(code)
    except ValueError:
        return InternalError(f"unknown error code {code}", detail=detail)
    cls = _BY_CODE.get(code, InternalError)
    message = detail or ec.description
    return cls(message, code=ec, detail=detail)


def check(code: int, what: str = "") -> None:
    """Raises the exception for a non-zero C error code."""
    if code:
        e = from_code(code)
        if what:
            e.args = (f"{what}: {e.args[0]}",)
        raise e
