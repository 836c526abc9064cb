"""Python values as the C arguments of the library's builders: byte
strings, NUL-terminated strings and sequence sets (shared by
:mod:`imap.commands` and :mod:`imap.search`)."""

from __future__ import annotations

import builtins
from typing import Any, List, Optional, Tuple, Union

from .errors import EncodeError, InvalidArgument
from .types import SequenceSet

StrOrBytes = Union[str, bytes]


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


def seqset(value: Any) -> bytes:
    """A sequence set in IMAP syntax from: a str (``"1:5,7"``, ``"*"``, ``"$"``),
    an int, a ``range`` (step 1), an :class:`imap.SequenceSet`, or an
    iterable of ints, ranges and ``(first, last)`` tuples (``None`` for ``*``).
    Consecutive numbers are merged: ``[1, 2, 3, 7]`` is ``1:3,7``."""
    if isinstance(value, (str, bytes)):
        b = cstr(value, "sequence set")
        if not b.strip():
            raise EncodeError("empty sequence set")
        return b
    if isinstance(value, SequenceSet):
        return seqset(str(value))
    if isinstance(value, bool):
        raise TypeError("a sequence set is not a bool")
    if isinstance(value, int):
        return _n(value)
    if isinstance(value, range):
        value = [value]
    try:
        items = builtins.list(value)
    except TypeError:
        raise TypeError(f"not a sequence set: {value!r}") from None
    ranges: List[Tuple[Optional[int], Optional[int]]] = []
    for item in items:
        if isinstance(item, bool):
            raise TypeError("a sequence set is not a bool")
        if isinstance(item, int):
            _n(item)
            if ranges and ranges[-1][1] is not None and ranges[-1][0] is not None and ranges[-1][1] + 1 == item \
                    and ranges[-1][0] <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], item)
            else:
                ranges.append((item, item))
        elif isinstance(item, range):
            if item.step != 1:
                raise EncodeError("a range in a sequence set must have step 1")
            if len(item) == 0:
                continue
            ranges.append((item.start, item.stop - 1))
        elif isinstance(item, tuple) and len(item) == 2:
            ranges.append(item)
        else:
            raise TypeError(f"not a sequence set element: {item!r}")
    if not ranges:
        raise EncodeError("empty sequence set")

    def one(n: Optional[int]) -> str:
        return "*" if n is None else _n(n).decode()

    return ",".join(one(a) if a == b else f"{one(a)}:{one(b)}" for a, b in ranges).encode()


def _n(n: int) -> bytes:
    if not isinstance(n, int) or isinstance(n, bool) or n < 1 or n >= 1 << 32:
        raise EncodeError(f"message number {n!r} is not in 1..4294967295")
    return str(n).encode()
