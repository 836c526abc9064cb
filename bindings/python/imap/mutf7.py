"""Modified UTF-7, the encoding of mailbox names (RFC 3501 section 5.1.3).

>>> encode("INBOX/Entwürfe & Co")
'INBOX/Entw&APw-rfe &- Co'
>>> decode("INBOX/Entw&APw-rfe &- Co")
'INBOX/Entwürfe & Co'

Printable US-ASCII (0x20-0x7E) stands for itself, except ``&``, written
``&-``. Any other run of characters is written ``&`` + the modified BASE64
(``,`` for ``/``, no padding) of its UTF-16BE form + ``-``.
"""

from __future__ import annotations

import base64
import binascii
from typing import List, Union

__all__ = ["encode", "decode"]


def _b64(run: str) -> str:
    raw = run.encode("utf-16-be", "surrogatepass")
    return base64.b64encode(raw).decode("ascii").rstrip("=").replace("/", ",")


def encode(name: str) -> str:
    """Encodes a mailbox name (text) in modified UTF-7."""
    if not isinstance(name, str):
        raise TypeError(f"encode() takes a str, not {type(name).__name__}")
    out = []
    run: List[str] = []
    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            if run:
                out.append("&" + _b64("".join(run)) + "-")
                run = []
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    if run:
        out.append("&" + _b64("".join(run)) + "-")
    return "".join(out)


_B64_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,")


def decode(name: Union[str, bytes]) -> str:
    """Decodes a modified UTF-7 mailbox name; raises ValueError when it is
    not valid modified UTF-7 (8-bit bytes, a bad or unterminated shift)."""
    if isinstance(name, str):
        try:
            data = name.encode("ascii")
        except UnicodeEncodeError as e:
            raise ValueError(f"not modified UTF-7: non-ASCII character at {e.start}") from None
    elif isinstance(name, (bytes, bytearray, memoryview)):
        data = bytes(name)
    else:
        raise TypeError(f"decode() takes a str or bytes, not {type(name).__name__}")
    out = []
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b == 0x26:  # '&'
            end = data.find(b"-", i + 1)
            if end < 0:
                raise ValueError(f"not modified UTF-7: unterminated '&' at {i}")
            chunk = data[i + 1 : end]
            if not chunk:
                out.append("&")
            else:
                if any(c not in _B64_CHARS for c in chunk):
                    raise ValueError(f"not modified UTF-7: bad base64 at {i}")
                b64 = chunk.replace(b",", b"/")
                b64 += b"=" * (-len(b64) % 4)
                try:
                    raw = base64.b64decode(b64, validate=True)
                except (binascii.Error, ValueError):
                    raise ValueError(f"not modified UTF-7: bad base64 at {i}") from None
                if len(raw) % 2:
                    raise ValueError(f"not modified UTF-7: odd UTF-16 length at {i}")
                try:
                    text = raw.decode("utf-16-be")
                except UnicodeDecodeError:
                    raise ValueError(f"not modified UTF-7: bad UTF-16 at {i}") from None
                if any(0x20 <= ord(c) <= 0x7E for c in text):
                    raise ValueError(f"not modified UTF-7: printable ASCII encoded at {i}")
                out.append(text)
            i = end + 1
        elif 0x20 <= b <= 0x7E:
            out.append(chr(b))
            i += 1
        else:
            raise ValueError(f"not modified UTF-7: byte 0x{b:02x} at {i}")
    return "".join(out)
