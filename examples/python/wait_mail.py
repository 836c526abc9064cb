#!/usr/bin/env python3
"""wait_mail: log in, EXAMINE a mailbox, IDLE until a new message arrives,
print "New mail from <sender>", log out.

A port of the example of the OCaml imap library's documentation
(wait_mail host port user pass mbox), over imap.Client:

    python3 examples/python/wait_mail.py imap.example.org 993 alice secret INBOX
    python3 examples/python/wait_mail.py --starttls --insecure 127.0.0.1 14143 alice alicepass

As in the original, the next UID (UIDNEXT) is recorded when the mailbox is
opened; IDLE waits for the server to report activity, then UID SEARCH looks
for messages with UIDs from that one on, and the first one's envelope gives
the sender.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import imap  # noqa: E402
from _common import connect, parser, run  # noqa: E402


def sender_of(envelope: Optional[imap.Envelope]) -> str:
    if envelope is None or not envelope.from_:
        return "<unnamed>"
    a = envelope.from_[0]
    return f'"{a.display_name}" <{a.email}>'


def wait_mail(args: argparse.Namespace) -> None:
    with connect(args) as client:
        client.login(args.user, args.password)
        box = client.examine(args.mailbox)
        uid_next = box.uid_next or 1
        print(f"Waiting for new mail in {args.mailbox} (UIDNEXT {uid_next})...", file=sys.stderr, flush=True)
        while True:
            # IDLE until the server reports activity; RFC 2177 asks clients to
            # re-issue IDLE at least every 29 minutes.
            with client.idle(timeout=args.idle_timeout) as session:
                for response in session:
                    if isinstance(response, (imap.Exists, imap.Recent)):
                        break
            uids = [u for u in client.search(imap.search.Uid(f"{uid_next}:*")) if u >= uid_next]
            if uids:
                break
        msg = next(client.fetch(uids[0], ["ENVELOPE"]))
        print(f"New mail from {sender_of(msg.envelope)}, better go and check it out!", flush=True)
        client.logout()


if __name__ == "__main__":
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--idle-timeout", type=float, default=29 * 60,
                   help="re-issue IDLE after this many seconds (default 29 minutes)")
    args = p.parse_args()
    run(wait_mail, args)
