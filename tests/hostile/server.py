#!/usr/bin/env python3
"""A hostile IMAP server for the soak tests (make test-hostile).

It speaks IMAP badly on purpose: one listening socket per case on
127.0.0.1 (ephemeral ports), in cleartext and, given a certificate, in TLS.
A client logs in, selects a mailbox, fetches a message and logs out; each
case misbehaves at one point of that session (see CASES). On start it
prints one JSON line, {"cases": {name: [plain_port, tls_port]}, "cut_len":
n}, then serves until stdin closes.

    server.py [CERT KEY]
"""

import json
import socket
import ssl
import sys
import threading
import time

GREETING = b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hostile server ready\r\n"


def fetch_response(tag: bytes) -> bytes:
    """The well-formed answer to any FETCH."""
    return (
        b'* 1 FETCH (UID 7 RFC822.SIZE 5 FLAGS (\\Seen) ENVELOPE ("Thu, 1 Jan 2026 00:00:00 +0000" "hello" '
        b'(("Ann" NIL "ann" "example.org")) NIL NIL NIL NIL NIL NIL "<m@example.org>") BODY[] {5}\r\nhello)\r\n'
        + tag
        + b" OK FETCH done\r\n"
    )


CUT_LEN = len(fetch_response(b"A4"))

# What each case sends instead of (or before) the normal FETCH answer, and
# what it does next: "answer" (the normal answer follows), "hold" (keeps
# the connection open until the client goes), "close".
AT_FETCH = {
    "literal-2^63": (b"* 1 FETCH (BODY[] {9223372036854775808}\r\n", "hold"),
    "literal-stalls": (b"* 1 FETCH (BODY[] {1000}\r\nabc", "hold"),
    "literal-cut": (b"* 1 FETCH (BODY[] {1000}\r\nabc", "close"),
    "deep-nesting": (b"* 1 FETCH (BODYSTRUCTURE " + b"(" * 100_000 + b")" * 100_000 + b")\r\n", "answer"),
    "nul-bare-crlf": (b"* 1 FETCH (FLAGS (\\Seen) BODY[] {5}\r\nh\0l\rl)\r\n* 2 EXISTS\n* OK a\rb\0c\r\n", "answer"),
    "unasked-continuation": (b"+ more please\r\n", "hold"),
    "unknown-tag": (b"ZZZ9 OK never sent\r\n", "hold"),
    "bye-in-literal": (b"* 1 FETCH (BODY[] {40}\r\n* BYE going away\r\n", "close"),
}

CASES = ["greeting-1byte", "million-untagged", "cut-every-byte"] + list(AT_FETCH)

# The million untagged responses of "million-untagged", sent during SELECT.
MILLION = b"* 1 RECENT\r\n" * 1_000_000


def lines(sock):
    """The client's command lines, as (tag, verb) (literals are not used by
    the clients driven here)."""
    buf = b""
    while True:
        while b"\r\n" not in buf:
            data = sock.recv(65536)
            if not data:
                return
            buf += data
        line, buf = buf.split(b"\r\n", 1)
        words = line.split(b" ")
        verb = words[1].upper() if len(words) > 1 else b""
        if verb == b"UID" and len(words) > 2:
            verb = words[2].upper()
        yield words[0], verb


def hold(sock):
    """Keeps the connection open until the client closes it (at most 20 s)."""
    sock.settimeout(20)
    try:
        while sock.recv(65536):
            pass
    except OSError:
        pass


def serve(sock, case, index):
    if case == "greeting-1byte":
        for i in range(len(GREETING)):
            sock.sendall(GREETING[i : i + 1])
            time.sleep(0.01)
    else:
        sock.sendall(GREETING)
    for tag, verb in lines(sock):
        if verb in (b"SELECT", b"EXAMINE"):
            if case == "million-untagged":
                sock.sendall(MILLION)
            sock.sendall(b"* 1 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n" + tag + b" OK [READ-WRITE] done\r\n")
        elif verb == b"FETCH" and case == "cut-every-byte":
            cut = index % (CUT_LEN + 1)  # every client of the port gets every cut in turn
            sock.sendall(fetch_response(tag)[:cut])
            if cut < CUT_LEN:
                return
        elif verb == b"FETCH" and case in AT_FETCH:
            data, then = AT_FETCH[case]
            sock.sendall(data)
            if then == "hold":
                return hold(sock)
            if then == "close":
                return
            sock.sendall(fetch_response(tag))
        elif verb == b"FETCH":
            sock.sendall(fetch_response(tag))
        elif verb == b"CAPABILITY":
            sock.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
        elif verb == b"LOGOUT":
            sock.sendall(b"* BYE bye\r\n" + tag + b" OK done\r\n")
            return
        else:
            sock.sendall(tag + b" OK done\r\n")


def listen(case, context):
    """Accepts connections for `case` forever; returns the port."""
    server = socket.create_server(("127.0.0.1", 0))
    counter = iter(range(1 << 30))

    def accept():
        while True:
            conn, _ = server.accept()
            threading.Thread(target=run, args=(conn, next(counter)), daemon=True).start()

    def run(conn, index):
        try:
            if context is not None:
                conn = context.wrap_socket(conn, server_side=True)
            serve(conn, case, index)
        except OSError:
            pass
        finally:
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    return server.getsockname()[1]


def main():
    context = None
    if len(sys.argv) == 3:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
    cases = {case: [listen(case, None), listen(case, context) if context else None] for case in CASES}
    print(json.dumps({"cases": cases, "cut_len": CUT_LEN}), flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
