"""Decode throughput in Python (scripts/bench-bindings).

    python decode.py imap|imapclient|imap-read|imapclient-read FILE RUNS

``imap``: the responses in FILE (written by ``imap-bench-compare
--write-inputs``) fed in one piece to an ``imap.Decoder``, every event
converted to its Python value (``imap.Fetch`` with its items, envelopes and
body structures). ``imapclient``: the same responses parsed by IMAPClient's
``response_parser.parse_fetch_response`` into its values, handed the lines
the way imaplib hands them (``b"12 (UID ...)"``: split, ``* `` and ``FETCH``
removed, outside the timing), in one call, as IMAPClient's ``fetch`` does.
``imap`` converts a FETCH response's items when they are first read (lazily),
so ``imap-read`` and ``imapclient-read`` also read every field of every value
(the same walk over both: dataclass fields, tuple and list elements, dict
values), which is what a program that uses all the data pays.

Prints ``WAY RESPONSES MEDIAN MIN MAX`` (responses per second of process
CPU time, over RUNS timed runs after one warm-up). For counting
instructions under callgrind, RUNS ``0`` makes one untimed pass and ``-1``
only the setup (imports, reading and splitting the input): the difference
is the cost of the pass.
"""

from __future__ import annotations

import sys
from dataclasses import fields, is_dataclass
import time
from typing import Any, Callable, Dict, List


def imap_pass(data: bytes) -> Callable[[], Any]:
    import imap

    def run() -> Any:
        with imap.Decoder() as d:
            d.feed(data)
            return d.decode(b"")

    return run


def walk(value: Any) -> int:
    """Reads every field of ``value``, recursively; the number of values."""
    if isinstance(value, (tuple, list)):
        return 1 + sum(walk(v) for v in value)
    if isinstance(value, dict):
        return 1 + sum(walk(v) for v in value.values())
    if is_dataclass(value):
        return 1 + sum(walk(getattr(value, f.name)) for f in fields(value))
    return 1


def reading(make_pass: Callable[[bytes], Callable[[], Any]]) -> Callable[[bytes], Callable[[], int]]:
    """``make_pass``, then every field of what it decoded read."""

    def make(data: bytes) -> Callable[[], int]:
        decode = make_pass(data)

        def run() -> int:
            values = decode()
            walk(values)
            return len(values)

        return run

    return make


def imapclient_pass(data: bytes) -> Callable[[], Any]:
    from imapclient.response_parser import parse_fetch_response

    lines = [line[2:].replace(b" FETCH ", b" ", 1) for line in data.split(b"\r\n") if line]

    def run() -> Any:
        return parse_fetch_response(lines, normalise_times=True, uid_is_key=False)

    return run


WAYS: Dict[str, Callable[[bytes], Callable[[], Any]]] = {
    "imap": lambda data: counted(imap_pass(data)),
    "imapclient": lambda data: counted(imapclient_pass(data)),
    "imap-read": reading(imap_pass),
    "imapclient-read": reading(imapclient_pass),
}


def counted(decode: Callable[[], Any]) -> Callable[[], int]:
    """``decode``, giving the number of values decoded."""
    return lambda: len(decode())


def main(argv: List[str]) -> int:
    if len(argv) != 4 or argv[1] not in WAYS or not argv[3].lstrip("-").isdigit():
        print("usage: decode.py imap|imapclient|imap-read|imapclient-read FILE RUNS", file=sys.stderr)
        return 2
    way, path, runs = argv[1], argv[2], int(argv[3])
    with open(path, "rb") as f:
        data = f.read()
    run = WAYS[way](data)
    if runs < 0:
        return 0
    responses = run()
    if runs == 0:
        print(f"{way} {responses}")
        return 0
    rates = []
    for _ in range(runs):
        t = time.process_time()
        n = run()
        rates.append(n / (time.process_time() - t))
        if n != responses:
            print(f"{way}: {responses} responses, then {n}", file=sys.stderr)
            return 1
    rates.sort()
    print(f"{way} {responses} {rates[len(rates) // 2]:.0f} {rates[0]:.0f} {rates[-1]:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
