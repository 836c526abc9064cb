"""Modified UTF-7, the encoding of mailbox names (RFC 3501 section 5.1.3),
by the library's own codec (``imap_mutf7_encode``/``imap_mutf7_decode_strict``).

>>> encode("INBOX/Entwürfe & Co")
'INBOX/Entw&APw-rfe &- Co'
>>> decode("INBOX/Entw&APw-rfe &- Co")
'INBOX/Entwürfe & Co'
"""

from __future__ import annotations

import ctypes
from typing import Union

from . import _ffi

__all__ = ["encode", "decode"]


def encode(name: str) -> str:
    """Encodes a mailbox name (text) in modified UTF-7. A lone surrogate
    (not text) raises :class:`UnicodeEncodeError`, a ValueError."""
    if not isinstance(name, str):
        raise TypeError(f"encode() takes a str, not {type(name).__name__}")
    data = name.encode("utf-8")
    wire = _ffi.into_buffer(lambda out, cap: _ffi.imap_mutf7_encode(data, len(data), out, cap), 2 * len(data) + 8)
    return wire.decode("ascii")


def decode(name: Union[str, bytes]) -> str:
    """Decodes a modified UTF-7 mailbox name; raises ValueError when it is
    not canonical modified UTF-7 (an 8-bit byte, a bad or unterminated
    shift, encoded printable ASCII), naming the offset of the fault."""
    if not isinstance(name, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"decode() takes a str or bytes, not {type(name).__name__}")
    data = name.encode("utf-8", "surrogateescape") if isinstance(name, str) else bytes(name)
    length = ctypes.c_size_t(0)

    def call(out: ctypes.Array[ctypes.c_char], cap: int) -> int:
        if not _ffi.imap_mutf7_decode_strict(data, len(data), out, cap, ctypes.byref(length)):
            raise ValueError(f"not modified UTF-7 (fault at offset {length.value}): {data!r}")
        return length.value

    return _ffi.into_buffer(call, len(data)).decode("utf-8")
