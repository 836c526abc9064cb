"""imap: a sans-I/O IMAP4 client codec (libimap, over its C ABI), with a
small blocking client and an asyncio client.

Layers:

* :class:`Connection` (``src``/``output``/``dst``/``run``) and
  :class:`Decoder`: the codec itself; the caller does the I/O;
* :mod:`imap.commands` (also ``imap.cmd``): command builders;
* :mod:`imap.auth`: SASL authenticators (PLAIN, XOAUTH2, Python callables);
* :class:`Client` (blocking, ``socket``/``ssl``) and :class:`imap.aio.Client`;
* :mod:`imap.mutf7` (mailbox names) and :class:`Printer` (decoded events as
  text, docs/sexp.md): the library's own codec and printer.

Decoded values are frozen dataclasses (see :mod:`imap.types`); errors are
:class:`Error` subclasses (see :mod:`imap.errors`).
"""

from . import _ffi
from . import auth, commands, mutf7, search
from . import commands as cmd
from .commands import Command
from .connection import Connection, Decoder, Limits, Printer
from .errors import *  # noqa: F401,F403
from .errors import ErrorCode
from .headers import decode_header
from .types import *  # noqa: F401,F403
from .client import Client, IdleSession, MailboxSummary, MalformedCompletion, Message, Result  # noqa: E402
from . import aio  # noqa: E402
from . import errors as _errors, types as _types

__all__ = [
    "auth", "commands", "cmd", "mutf7", "search", "aio",
    "Command", "Connection", "Decoder", "Limits", "Printer", "ErrorCode", "decode_header",
    "Client", "IdleSession", "MailboxSummary", "MalformedCompletion", "Message", "Result",
    "library_version", "library_path",
]
__all__ += _errors.__all__
__all__ += _types.__all__

__version__ = "0.1.0"


def library_version() -> str:
    """The version of the loaded libimap, e.g. ``"0.1.0"``."""
    return _ffi.version()


def library_path() -> str:
    """The path libimap was loaded from."""
    return _ffi.LIBRARY_PATH
