"""imap.Client (and imap.aio.Client) sessions against real Dovecot and Cyrus
servers on 127.0.0.1 (see conftest.py): login, select, append, search,
fetch, store, IDLE woken by an APPEND from a second client, logout."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from email.message import EmailMessage

import pytest

import imap


def message(subject: str, sender: str = "Carol Example <carol@example.org>", body: str = "Hello.\n") -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "alice@example.org"
    m["Subject"] = subject
    m["Message-ID"] = f"<{uuid.uuid4()}@example.org>"
    m.set_content(body)
    return m.as_bytes().replace(b"\n", b"\r\n")


def connect(server, user="alice", password="alicepass", tls=False, **kw) -> imap.Client:
    if tls:
        c = imap.Client(server.host, server.tls_port, ssl=True, ssl_context=server.context(), timeout=30, **kw)
    else:
        c = imap.Client(
            server.host, server.plain_port, ssl=False, starttls=True, ssl_context=server.context(), timeout=30, **kw
        )
    c.login(user, password)
    return c


def test_starttls_login_select_logout(server):
    c = imap.Client(server.host, server.plain_port, ssl=False, timeout=30)
    assert c.has_capability("STARTTLS")
    c.starttls(server.context())
    assert not c.has_capability("STARTTLS")
    c.login("alice", "alicepass")
    assert c.has_capability("IMAP4rev1")
    box = c.select("INBOX")
    assert box.name == "INBOX" and box.uid_validity and box.uid_next
    assert imap.Flag.SEEN in box.flags and not box.read_only
    assert c.examine("Sent").read_only
    c.logout()
    assert c.closed


def test_tls_port_authenticate_plain(server):
    with imap.Client(server.host, server.tls_port, ssl_context=server.context(), timeout=30) as c:
        c.authenticate(imap.auth.plain("bob", "bobpass"))
        assert c.select("INBOX").name == "INBOX"


def test_wrong_password(server):
    with imap.Client(server.host, server.tls_port, ssl_context=server.context(), timeout=30) as c:
        with pytest.raises(imap.NoResponse):
            c.login("alice", "wrong")
        with pytest.raises(imap.NoResponse):
            c.authenticate("PLAIN", "alice", "wrong")
        c.login("alice", "alicepass")


def test_list_and_missing_mailbox(server):
    with connect(server) as c:
        names = {m.name for m in c.list("", "*")}
        assert {"INBOX", "Sent", "Drafts", "Trash"} <= names
        with pytest.raises(imap.NoResponse):
            c.select("No such mailbox")


def test_append_search_fetch_store(server):
    subject = f"Test {uuid.uuid4()}"
    body = "Grüße aus dem Test.\n" * 50
    with connect(server) as c:
        c.select("INBOX")
        appended = c.append("INBOX", message(subject, body=body), flags=["\\Flagged", "$Test"])
        uids = c.search(imap.search.Header("Subject", subject))
        assert len(uids) == 1
        if appended is not None:
            assert list(appended.uids) == uids
        msgs = list(c.fetch(uids, ["UID", "FLAGS", "ENVELOPE", "RFC822.SIZE", "BODY.PEEK[]", "BODYSTRUCTURE"]))
        assert len(msgs) == 1
        m = msgs[0]
        assert m.uid == uids[0]
        assert m.envelope.subject_text == subject
        assert m.envelope.from_[0].email == "carol@example.org"
        assert m.envelope.from_[0].display_name == "Carol Example"
        assert imap.Flag.FLAGGED in m.flags and imap.Flag.keyword("$Test") in m.flags
        raw = m.section("")
        assert raw is not None and len(raw) == m.size and subject.encode() in raw
        assert m.body_structure.mime_type == "text/plain"
        updated = c.store(uids, [imap.Flag.SEEN], mode="add")
        assert any(imap.Flag.SEEN in (u.flags or ()) for u in updated) or not updated
        flags = next(c.fetch(uids, ["FLAGS"])).flags
        assert imap.Flag.SEEN in flags
        c.store(uids, ["\\Seen"], mode="remove", silent=True)
        assert imap.Flag.SEEN not in next(c.fetch(uids, ["FLAGS"])).flags
        assert uids[0] in c.search(imap.search.Unseen())


def test_fetch_streams_large_parts_to_body_sink_and_refuses_them_without(server):
    subject = f"streamed {uuid.uuid4()}"
    data = message(subject, body="0123456789abcdef\n" * 8192)  # ~150 KiB
    with connect(server) as c:
        c.select("INBOX")
        c.append("INBOX", data)
        (uid,) = c.search(imap.search.Header("Subject", subject))
    limits = imap.Limits(stream_threshold=16 << 10)
    with connect(server, limits=limits, read_size=4096) as c:
        c.examine("INBOX")
        chunks: list = []
        begins: list = []

        def sink(begin: imap.LiteralBegin):
            begins.append(begin)
            return chunks.append

        msgs = list(c.fetch(uid, ["UID", "BODY.PEEK[]", "BODY.PEEK[HEADER]"], body_sink=sink))
        assert [b.item for b in begins] == ["BODY[]"] and begins[0].size == len(data)
        assert b"".join(chunks) == data and len(chunks) > 1 and max(map(len, chunks)) <= 4096
        assert msgs[0].uid == uid and msgs[0].section("") == b""
        assert msgs[0].section("HEADER") == data[: data.index(b"\r\n\r\n") + 4]  # small: buffered
        with pytest.raises(imap.UsageError, match="body_sink"):
            list(c.fetch(uid, ["BODY.PEEK[]"]))
        # The refused FETCH is read to its end by the next command.
        assert c.noop() is not None
        assert [m.uid for m in c.fetch(uid, ["UID"])] == [uid]


def test_fetch_is_a_generator(server):
    with connect(server) as c:
        for i in range(3):
            c.append("Drafts", message(f"draft {i}"))
        box = c.select("Drafts")
        assert box.exists >= 3
        gen = c.fetch("1:*", ["UID", "RFC822.SIZE"], uid=False)
        first = next(gen)
        assert first.seq == 1 and first.size > 0
        # Leaving the generator unfinished: the next command reads the rest first.
        c.noop()
        assert len(list(c.fetch("1:*", ["UID"], uid=False))) == box.exists


def test_idle_wakes_up_on_append_from_a_second_client(server):
    with connect(server) as watcher:
        watcher.select("INBOX")
        subject = f"IDLE {uuid.uuid4()}"

        def deliver():
            time.sleep(1.0)
            with connect(server, tls=True) as other:
                other.append("INBOX", message(subject))

        t = threading.Thread(target=deliver)
        t.start()
        got = []
        start = time.monotonic()
        with watcher.idle(timeout=20) as session:
            for response in session:
                got.append(response)
                if isinstance(response, imap.Exists):
                    break
        t.join()
        assert any(isinstance(r, imap.Exists) for r in got), got
        assert time.monotonic() - start < 20
        assert session.result is not None  # DONE was sent and the tagged OK read
        uids = watcher.search(imap.search.Header("Subject", subject))
        assert len(uids) == 1
        watcher.noop()


def test_idle_timeout_ends_cleanly(server):
    with connect(server) as c:
        c.select("INBOX")
        start = time.monotonic()
        assert list(c.idle(timeout=1.5)) == [] or True
        assert time.monotonic() - start < 10
        c.noop()  # the connection is usable again


def test_asyncio_client(server):
    async def main():
        c = await imap.aio.Client.connect(server.host, server.tls_port, ssl_context=server.context(), timeout=30)
        async with c:
            await c.login("alice", "alicepass")
            assert await c.has_capability("IDLE")
            box = await c.examine("INBOX")
            assert box.read_only
            n = 0
            async for m in c.fetch("1:*", ["UID", "ENVELOPE"], uid=False):
                assert m.uid
                n += 1
            assert n == box.exists
            await c.select("INBOX")
            subject = f"async {uuid.uuid4()}"

            async def deliver():
                await asyncio.sleep(1.0)
                other = await imap.aio.Client.connect(
                    server.host, server.tls_port, ssl_context=server.context(), timeout=30
                )
                async with other:
                    await other.login("alice", "alicepass")
                    await other.append("INBOX", message(subject))

            task = asyncio.ensure_future(deliver())
            seen = []
            gen = c.idle(timeout=20)
            async for r in gen:
                seen.append(r)
                if isinstance(r, imap.Exists):
                    break
            await gen.aclose()
            await task
            assert any(isinstance(r, imap.Exists) for r in seen)
            assert await c.search(imap.search.Header("Subject", subject))

    asyncio.run(main())


def test_asyncio_starttls_where_asyncio_cannot_is_refused_before_sending(server, monkeypatch):
    monkeypatch.delattr(asyncio.StreamWriter, "start_tls", raising=False)  # as on Python < 3.11

    async def main():
        c = await imap.aio.Client.connect(server.host, server.plain_port, ssl=False, timeout=30)
        async with c:
            with pytest.raises(imap.UsageError, match="Python 3.11"):
                await c.starttls()
            # Nothing was sent: the cleartext session goes on.
            assert (await c.noop()).text
        with pytest.raises(imap.UsageError, match="Python 3.11"):
            await imap.aio.Client.connect(server.host, server.plain_port, ssl=False, starttls=True, timeout=30)

    asyncio.run(main())


def test_reprs_show_the_state(server):
    with connect(server) as c:
        assert repr(c) == f"<imap.Client {server.host}:{server.plain_port} open>"
        c.examine("INBOX")
        assert repr(c) == f"<imap.Client {server.host}:{server.plain_port} selected 'INBOX'>"
        with c.idle(timeout=0.1) as session:
            assert repr(session) == "<imap.IdleSession running, 0 pending>"
    assert repr(c).endswith(" closed>")
