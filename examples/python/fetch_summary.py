#!/usr/bin/env python3
"""fetch_summary: print sender, subject and size of the last N messages of
a mailbox (EXAMINE, so nothing is changed).

    python3 examples/python/fetch_summary.py imap.example.org 993 alice secret INBOX -n 20
    python3 examples/python/fetch_summary.py --starttls --insecure 127.0.0.1 14143 alice alicepass
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import imap  # noqa: E402
from _common import connect, parser, run  # noqa: E402


def human(size: int) -> str:
    n = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def summary(args: argparse.Namespace) -> None:
    with connect(args) as client:
        client.login(args.user, args.password)
        box = client.examine(args.mailbox)
        if box.exists == 0:
            print(f"{args.mailbox}: no messages")
            return
        first = max(1, box.exists - args.count + 1)
        print(f"{args.mailbox}: {box.exists} messages, showing {first}..{box.exists}")
        # Messages arrive one by one from the generator: nothing else is held in memory.
        for msg in client.fetch(range(first, box.exists + 1), ["ENVELOPE", "RFC822.SIZE"], uid=False):
            env = msg.envelope
            sender = env.from_[0] if env and env.from_ else None
            who = (sender.display_name or sender.email) if sender else "(no sender)"
            subject = env.subject_text if env else ""
            print(f"{msg.seq:>6}  {who[:28]:<28}  {subject[:50]:<50}  {human(msg.size or 0):>10}")
        client.logout()


if __name__ == "__main__":
    p = parser(__doc__.splitlines()[0])
    p.add_argument("-n", "--count", type=int, default=10, help="how many messages (default 10)")
    run(summary, p.parse_args())
