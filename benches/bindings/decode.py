"""Decode throughput in Python (scripts/bench-bindings).

    python decode.py imap|imapclient FILE RUNS

``imap``: the responses in FILE (written by ``imap-bench-compare
--write-inputs``) fed in one piece to an ``imap.Decoder``, every event
converted to its Python value (``imap.Fetch`` with its items, envelopes and
body structures). ``imapclient``: the same responses parsed by IMAPClient's
``response_parser.parse_fetch_response`` into its values, handed the lines
the way imaplib hands them (``b"12 (UID ...)"``: split, ``* `` and ``FETCH``
removed, outside the timing), in one call, as IMAPClient's ``fetch`` does.

Prints ``WAY RESPONSES MEDIAN MIN MAX`` (responses per second of process
CPU time, over RUNS timed runs after one warm-up). For counting
instructions under callgrind, RUNS ``0`` makes one untimed pass and ``-1``
only the setup (imports, reading and splitting the input): the difference
is the cost of the pass.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, List


def imap_pass(data: bytes) -> Callable[[], int]:
    import imap

    def run() -> int:
        with imap.Decoder() as d:
            d.feed(data)
            return len(d.decode(b""))

    return run


def imapclient_pass(data: bytes) -> Callable[[], int]:
    from imapclient.response_parser import parse_fetch_response

    lines = [line[2:].replace(b" FETCH ", b" ", 1) for line in data.split(b"\r\n") if line]

    def run() -> int:
        return len(parse_fetch_response(lines, normalise_times=True, uid_is_key=False))

    return run


def main(argv: List[str]) -> int:
    if len(argv) != 4 or argv[1] not in ("imap", "imapclient") or not argv[3].lstrip("-").isdigit():
        print("usage: decode.py imap|imapclient FILE RUNS", file=sys.stderr)
        return 2
    way, path, runs = argv[1], argv[2], int(argv[3])
    with open(path, "rb") as f:
        data = f.read()
    run = (imap_pass if way == "imap" else imapclient_pass)(data)
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
