"""Every decode vector of tests/vectors/decode through imap.Decoder, printed
from the Python values by the test oracle sexp_oracle and compared with the
`out` lines; and through the library's own printer, imap.Printer."""

from __future__ import annotations

from typing import List, Sequence

import pytest

import imap
import sexp_oracle as sexp
from vectors import read_dir

CASES = read_dir("decode")


def decode(chunks: Sequence[bytes]) -> List[str]:
    d = imap.Decoder()
    out: List[str] = []

    def drain() -> bool:
        while True:
            try:
                ev = d.next()
            except imap.FatalError as e:
                out.append(sexp.fatal(e))
                return False
            if ev is None:
                return True
            out.append(sexp.to_sexp(ev))

    for chunk in chunks:
        d.feed(chunk)
        if not drain():
            return out
    d.feed_eof()
    drain()
    d.close()
    return out


def test_there_are_vectors():
    assert len(CASES) > 500


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_decode_vector(case):
    data = case.input
    whole = decode([data])
    assert whole == case.out, f"{case.origin}"
    # Chunk invariance: a split in the middle and 7-byte pieces give the same events.
    mid = len(data) // 2
    assert decode([data[:mid], data[mid:]]) == whole
    assert decode([data[i : i + 7] for i in range(0, len(data), 7)]) == whole


def test_decode_vectors_byte_by_byte():
    """All vectors fed one byte at a time (one test, to keep the count readable)."""
    bad = [c.name for c in CASES if decode([c.input[i : i + 1] for i in range(len(c.input))]) != c.out]
    assert not bad, f"byte-by-byte decode differs for {bad}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_library_printer(case):
    with imap.Printer() as p:
        lines = p.print(case.input)
        p.feed_eof()
        lines += list(p)
    assert lines == case.out, f"{case.origin}"


def test_library_printer_json_and_misuse():
    p = imap.Printer(json=True)
    assert p.print(b"* 3 EXISTS\r\n* 1 FETCH (UID") == ['{"exists":[3]}']
    p.feed_eof()
    assert list(p) == ['{"fatal":["unexpected-eof"]}']
    p.close()
    with pytest.raises(imap.UsageError):
        p.feed(b"x")
