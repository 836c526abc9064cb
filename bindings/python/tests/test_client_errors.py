"""The blocking and the asyncio client fail the same way, with exceptions of
the binding's hierarchy: too many untagged responses (max_untagged), a
server that goes silent (Timeout), a connection reset (NetworkError). Each
case runs against a tiny scripted server on a loopback port."""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from typing import Any, Callable, Iterator

import pytest

import imap

GREETING = b"* OK [CAPABILITY IMAP4rev1] ready\r\n"


def _flood(conn: socket.socket, tag: bytes) -> None:
    conn.sendall(b"* 1 EXISTS\r\n" * 50 + tag + b" OK done\r\n")


def _silent(conn: socket.socket, tag: bytes) -> None:
    conn.recv(1)  # until the client gives up and closes


def _reset(conn: socket.socket, tag: bytes) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()  # with linger 0: RST, not FIN


BEHAVIOURS = {"flood": _flood, "silent": _silent, "reset": _reset}


def _serve(listener: socket.socket, answer: Callable[[socket.socket, bytes], None]) -> None:
    conn, _ = listener.accept()
    with conn:
        conn.sendall(GREETING)
        data = b""
        while b"\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                return
            data += chunk
        answer(conn, data.split(b" ", 1)[0])


@pytest.fixture(params=sorted(BEHAVIOURS))
def server(request: Any) -> Iterator[tuple]:
    listener = socket.create_server(("127.0.0.1", 0))
    thread = threading.Thread(target=_serve, args=(listener, BEHAVIOURS[request.param]), daemon=True)
    thread.start()
    yield request.param, listener.getsockname()[1]
    listener.close()
    thread.join(5)


EXPECTED = {"flood": imap.TooManyUntagged, "silent": imap.Timeout, "reset": imap.NetworkError}


def test_blocking_client(server: tuple) -> None:
    behaviour, port = server
    c = imap.Client("127.0.0.1", port, ssl=False, timeout=0.5, max_untagged=10)
    with pytest.raises(EXPECTED[behaviour]) as info:
        c.noop()
    assert isinstance(info.value, imap.Error)
    assert c.closed is (behaviour != "silent"), "fatal errors close the client; a timeout leaves that to the caller"
    c.close()


def test_asyncio_client(server: tuple) -> None:
    behaviour, port = server

    async def session() -> None:
        c = await imap.aio.Client.connect("127.0.0.1", port, ssl=False, timeout=0.5, max_untagged=10)
        with pytest.raises(EXPECTED[behaviour]) as info:
            await c.noop()
        assert isinstance(info.value, imap.Error)
        if behaviour != "silent":
            with pytest.raises(imap.UsageError, match="closed"):
                await c.noop()
        await c.close()

    asyncio.run(session())


def test_the_error_classes() -> None:
    assert issubclass(imap.NetworkError, imap.FatalError) and issubclass(imap.NetworkError, OSError)
    assert issubclass(imap.Timeout, imap.Error) and issubclass(imap.Timeout, TimeoutError)
    assert issubclass(imap.TooManyUntagged, imap.LimitError)
