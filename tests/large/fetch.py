"""``imap.Client.fetch`` of BODY.PEEK[] with ``body_sink`` writing the
streamed literal (64 KiB threshold) to a file; run by tests/large/run.

    python fetch.py HOST PORT USER PASSWORD UID OUTFILE

Prints ``baseline_kib peak_kib``: VmRSS after logging in (before the FETCH)
and VmHWM at the end, from /proc/self/status.
"""

from __future__ import annotations

import sys
from typing import BinaryIO, List

import imap


def status_kib(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            name, _, value = line.partition(":")
            if name == field:
                return int(value.split()[0])
    raise LookupError(field)


def main(argv: List[str]) -> int:
    if len(argv) != 7:
        print("usage: fetch.py HOST PORT USER PASSWORD UID OUTFILE", file=sys.stderr)
        return 2
    host, port, user, password, uid, outfile = argv[1:]
    limits = imap.Limits(stream_threshold=64 << 10, max_literal=2**64 - 1)
    with imap.Client(host, int(port), ssl=False, limits=limits) as client:
        client.login(user, password)
        client.examine("INBOX")
        baseline = status_kib("VmRSS")
        begins: List[imap.LiteralBegin] = []
        with open(outfile, "wb") as out:

            def sink(begin: imap.LiteralBegin) -> BinaryIO:
                begins.append(begin)
                return out

            messages = list(client.fetch(int(uid), ["BODY.PEEK[]"], body_sink=sink))
        if len(begins) != 1 or len(messages) != 1 or messages[0].section("") != b"":
            print(f"fetch.py: {begins} {messages}", file=sys.stderr)
            return 1
    print(baseline, status_kib("VmHWM"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
