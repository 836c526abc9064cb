#!/usr/bin/env python3
"""Appends a test message to a mailbox (used by examples/c/test).

usage: deliver.py host port user password mailbox from_name from_addr subject [size]

Connects over TLS without verifying the certificate (the loopback test
servers have a self-signed one). The body is padded to about `size` bytes.
Prints the message's size in bytes (what RFC822.SIZE reports).
"""
import imaplib
import ssl
import sys
import time
from email.utils import formatdate


def main():
    if len(sys.argv) not in (9, 10):
        sys.exit(__doc__)
    host, port, user, password, mailbox, from_name, from_addr, subject = sys.argv[1:9]
    size = int(sys.argv[9]) if len(sys.argv) == 10 else 0
    body = "Hello from the C examples' test.\r\n"
    if size > len(body):
        body += ("x" * 70 + "\r\n") * ((size - len(body)) // 72)
    msg = (
        f'From: "{from_name}" <{from_addr}>\r\n'
        f"To: <{user}@localhost>\r\n"
        f"Subject: {subject}\r\n"
        f"Date: {formatdate(localtime=True)}\r\n"
        f"Message-ID: <{time.time_ns()}@examples.test>\r\n"
        "\r\n" + body
    ).encode()
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with imaplib.IMAP4_SSL(host, int(port), ssl_context=ctx) as m:
        m.login(user, password)
        typ, data = m.append(mailbox, None, None, msg)
        if typ != "OK":
            sys.exit(f"APPEND failed: {data}")
        m.logout()
    print(len(msg))


if __name__ == "__main__":
    main()
