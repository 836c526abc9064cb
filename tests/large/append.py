"""APPENDs a generated message of SIZE bytes to INBOX over a plain socket,
streamed from a generator (never whole in memory), and prints its SHA-256
and its UID; run by tests/large/run.

    python append.py HOST PORT USER PASSWORD SIZE

The test data's way in goes around the library on purpose: the layers
under test are the ones that fetch it back.
"""

from __future__ import annotations

import hashlib
import re
import socket
import sys
from typing import Iterator, List

HEADER = (
    b"From: Large <large@example.org>\r\nTo: large@example.org\r\nSubject: a large message\r\n"
    b"Message-ID: <tests-large@example.org>\r\nContent-Type: application/octet-stream\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\n"
)
CHUNK = 1 << 20


def message(size: int) -> Iterator[bytes]:
    """The message: HEADER, then pieces of whole 78-byte CRLF lines (the
    text of a piece's lines changes from piece to piece), cut at ``size``
    bytes, ending in CRLF."""
    yield HEADER
    left = size - len(HEADER)
    alphabet = bytes(range(48, 123)) * 2
    n = 0
    while left > 0:
        line = alphabet[n % 75 : n % 75 + 76] + b"\r\n"
        piece = (line * (CHUNK // len(line)))[:left]
        n += 1
        left -= len(piece)
        if left == 0:
            piece = piece[:-2] + b"\r\n"
        yield piece


def main(argv: List[str]) -> int:
    host, port, user, password, size = argv[1], int(argv[2]), argv[3], argv[4], int(argv[5])
    sock = socket.create_connection((host, port))
    f = sock.makefile("rb")

    def until(tag: bytes) -> bytes:
        while True:
            line = f.readline()
            if not line:
                raise EOFError("the server closed the connection")
            if line.startswith(tag):
                return line

    f.readline()
    sock.sendall(b"a LOGIN " + user.encode() + b" " + password.encode() + b"\r\n")
    if not until(b"a ").startswith(b"a OK"):
        raise SystemExit("LOGIN failed")
    sock.sendall(b"b APPEND INBOX {%d}\r\n" % size)
    if not until(b"+").startswith(b"+"):
        raise SystemExit("APPEND refused")
    digest = hashlib.sha256()
    for piece in message(size):
        digest.update(piece)
        sock.sendall(piece)
    sock.sendall(b"\r\n")
    done = until(b"b ")
    m = re.search(rb"\[APPENDUID \d+ (\d+)\]", done)
    if not done.startswith(b"b OK") or not m:
        raise SystemExit(f"APPEND failed: {done!r}")
    sock.sendall(b"c LOGOUT\r\n")
    print(digest.hexdigest(), int(m.group(1)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
