"""Scripted conversations through imap.Connection (no server): the run
protocol, IDLE, AUTHENTICATE with Python authenticators, STARTTLS, the dst
buffer mode, literals and streaming."""

from __future__ import annotations

import base64
from typing import List, Optional

import pytest

import imap
from imap import StepKind
from imap import commands as cmd

GREETING = b"* OK [CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN] ready\r\n"


def ready(greeting: bytes = GREETING, **kw) -> imap.Connection:
    c = imap.Connection(**kw)
    assert c.run().kind is StepKind.AWAIT_SRC
    c.src(greeting)
    step = c.run()
    assert step.kind in (StepKind.OK, StepKind.PREAUTH)
    assert c.run().kind is StepKind.DONE
    return c


def send(c: imap.Connection, command: Optional[imap.Command] = None) -> bytes:
    """Runs until input is needed; returns what was sent."""
    out = b""
    step = c.run(command)
    while step.kind is StepKind.AWAIT_DST:
        out += c.output()
        step = c.run()
    assert step.kind is StepKind.AWAIT_SRC, step
    return out


def steps(c: imap.Connection, data: bytes) -> List[imap.Step]:
    """Feeds data, returns the steps until input is needed or the command is done."""
    c.src(data)
    out = []
    while True:
        s = c.run()
        if s.kind in (StepKind.AWAIT_SRC, StepKind.DONE):
            return out
        out.append(s)
        if s.kind in (StepKind.OK, StepKind.NO, StepKind.BAD, StepKind.STARTTLS):
            return out


def test_greeting_and_login():
    c = imap.Connection()
    assert c.run().kind is StepKind.AWAIT_SRC
    c.src(GREETING)
    step = c.run()
    assert step.kind is StepKind.OK
    assert step.text.code.kind is imap.CodeKind.CAPABILITY
    assert imap.Capability(imap.CapabilityKind.IDLE) in step.text.code.value
    assert "AUTH=PLAIN" in step.text.code.value
    assert step.text.text == "ready"
    assert c.run().kind is StepKind.DONE
    assert not c.busy
    assert send(c, cmd.login("alice", "secret")) == b"A1 LOGIN alice secret\r\n"
    assert c.busy
    (ok,) = steps(c, b"A1 OK [CAPABILITY IMAP4rev1 MOVE] done\r\n")
    assert ok.kind is StepKind.OK and ok.value.text == "done"
    assert not c.busy


def test_preauth_greeting():
    c = imap.Connection()
    c.src(b"* PREAUTH welcome\r\n")
    assert c.run().kind is StepKind.PREAUTH


def test_untagged_then_no():
    c = ready()
    assert send(c, cmd.select("INBOX")) == b"A1 SELECT INBOX\r\n"
    got = steps(c, b"* 172 EXISTS\r\n* FLAGS (\\Seen $Junk)\r\nA1 NO [NONEXISTENT] no such mailbox\r\n")
    assert [s.kind for s in got] == [StepKind.UNTAGGED, StepKind.UNTAGGED, StepKind.NO]
    assert got[0].untagged == imap.Exists(172)
    assert got[1].untagged.flags == (imap.Flag.SEEN, imap.Flag.keyword("$Junk"))
    assert got[2].value.code == imap.Code(imap.CodeKind.NON_EXISTENT)
    # A tagged NO is not an error: the connection goes on.
    assert send(c, cmd.noop()) == b"A2 NOOP\r\n"


def test_select_condstore_and_mailbox_encoding():
    c = ready()
    assert send(c, cmd.examine("Entwürfe & Co", condstore=True)) == b'A1 EXAMINE "Entw&APw-rfe &- Co" (CONDSTORE)\r\n'


def test_mailbox_as_utf8_bytes():
    c = ready()
    assert send(c, cmd.select("Entwürfe".encode())) == b"A1 SELECT Entw&APw-rfe\r\n"


def test_busy_and_no_greeting_are_not_fatal():
    c = imap.Connection()
    with pytest.raises(imap.NoGreetingError) as e:
        c.run(cmd.noop())
    assert not e.value.fatal and e.value.code is imap.ErrorCode.NO_GREETING
    c.src(GREETING)
    assert c.run().kind is StepKind.OK
    send(c, cmd.noop())
    with pytest.raises(imap.BusyError):
        c.run(cmd.noop())
    (ok,) = steps(c, b"A1 OK\r\n")
    assert ok.kind is StepKind.OK


def test_eof_is_fatal_then_dead():
    c = ready()
    send(c, cmd.noop())
    c.src(b"")
    with pytest.raises(imap.ConnectionClosed) as e:
        c.run()
    assert e.value.fatal and e.value.code is imap.ErrorCode.EOF
    assert e.value.detail
    with pytest.raises(imap.ConnectionDead):
        c.run()
    with pytest.raises(imap.ConnectionDead):
        c.run(cmd.noop())


@pytest.mark.parametrize(
    "greeting, exc",
    [
        (b"* BYE go away\r\n", imap.ByeGreeting),
        (b"A1 OK what\r\n", imap.BadGreeting),
        (b"* 3 EXISTS\r\n", imap.BadGreeting),
        (b"garbage\r\n", imap.BadGreeting),
    ],
)
def test_bad_greetings(greeting, exc):
    c = imap.Connection()
    c.src(greeting)
    with pytest.raises(exc) as e:
        c.run()
    assert isinstance(e.value, imap.ProtocolError) and e.value.fatal


def test_unknown_tag_and_unexpected_continuation():
    c = ready()
    send(c, cmd.noop())
    c.src(b"B7 OK who?\r\n")
    with pytest.raises(imap.UnknownTag):
        c.run()
    c = ready()
    send(c, cmd.noop())
    c.src(b"+ go ahead\r\n")
    with pytest.raises(imap.UnexpectedContinuation):
        c.run()


def test_malformed_response_is_an_event_not_a_crash():
    c = ready()
    send(c, cmd.noop())
    # An unclosed item list: the response's frame itself is not understood
    # (a bad item inside a well-formed list would be kept as a raw item).
    got = steps(c, b"* 1 FETCH (UID 1\r\n* 2 EXISTS\r\nA1 OK\r\n")
    assert got[0].kind is StepKind.MALFORMED
    assert got[0].value.raw == b"* 1 FETCH (UID 1\r\n"
    assert got[1].untagged == imap.Exists(2)
    assert got[2].kind is StepKind.OK


def test_malformed_tagged_response_ends_the_command():
    c = ready()
    send(c, cmd.noop())
    got = steps(c, b"A1 OK [UIDNEXT x] bad code\r\n")
    # the code's argument does not parse: it is kept as an unknown code
    assert got[-1].kind is StepKind.OK or got[-1].kind is StepKind.MALFORMED
    assert not c.busy


def test_idle_and_stop():
    c = ready()
    assert send(c, cmd.idle()) == b"A1 IDLE\r\n"
    assert steps(c, b"+ idling\r\n") == []
    got = steps(c, b"* 3 EXISTS\r\n")
    assert [s.untagged for s in got] == [imap.Exists(3)]
    c.idle_stop()
    assert c.run().kind is StepKind.AWAIT_DST
    assert c.output() == b"DONE\r\n"
    (ok,) = steps(c, b"A1 OK idle done\r\n")
    assert ok.kind is StepKind.OK


def test_idle_stop_before_the_server_accepts():
    c = ready()
    send(c, cmd.idle())
    c.idle_stop()
    c.src(b"+ idling\r\n")
    assert c.run().kind is StepKind.AWAIT_DST
    assert c.output() == b"DONE\r\n"


def test_literal_waits_for_continuation():
    c = ready()
    out = send(c, cmd.login("alice", "p\r\nx"))
    assert out == b"A1 LOGIN alice {4}\r\n"
    c.src(b"+ go\r\n")
    assert c.run().kind is StepKind.AWAIT_DST
    assert c.output() == b"p\r\nx\r\n"


def test_literal_plus_after_capability():
    c = ready(b"* OK [CAPABILITY IMAP4rev1 LITERAL+] hi\r\n")
    assert send(c, cmd.login("alice", "p\r\nx")) == b"A1 LOGIN alice {4+}\r\np\r\nx\r\n"


def test_dst_buffer_mode():
    c = ready()
    buf = bytearray(7)
    c.dst(buf)
    assert c.dst_rem() == 7
    sent = b""
    step = c.run(cmd.login("alice", "secret"))
    while step.kind is StepKind.AWAIT_DST:
        n = len(buf) - c.dst_rem()
        sent += bytes(buf[:n])
        c.dst(buf)
        step = c.run()
    assert sent == b"A1 LOGIN alice secret\r\n"
    c.dst(None)
    assert c.dst_rem() == 0


def test_pending_output_and_advance():
    c = ready()
    assert c.run(cmd.noop()).kind is StepKind.AWAIT_DST
    assert c.pending_output() == b"A1 NOOP\r\n"
    c.advance_output(3)
    assert c.pending_output() == b"NOOP\r\n"
    assert c.output() == b"NOOP\r\n"
    assert c.pending_output() == b""


def test_src_accepts_bytearray_and_memoryview():
    c = imap.Connection()
    c.src(bytearray(b"* OK "))
    c.src(memoryview(b"xx hi\r\n")[2:])
    assert c.run().kind is StepKind.OK


def test_tag_prefix():
    c = ready(tag_prefix="Zq9")
    assert send(c, cmd.noop()) == b"Zq91 NOOP\r\n"
    for bad in ["", "9A", "A-B", "A\0"]:
        with pytest.raises(imap.InvalidArgument):
            imap.Connection(tag_prefix=bad)


def test_line_limit_is_fatal():
    c = ready(limits=imap.Limits(max_line=64))
    send(c, cmd.noop())
    c.src(b"* OK " + b"x" * 100 + b"\r\n")
    with pytest.raises(imap.LineTooLong) as e:
        c.run()
    assert isinstance(e.value, imap.LimitError) and e.value.fatal


def test_streamed_literal():
    c = ready(limits=imap.Limits(stream_threshold=8))
    send(c, cmd.noop())
    body = b"0123456789abcdefghij"
    got = steps(c, b"* 1 FETCH (UID 5 BODY[] {20}\r\n" + body + b")\r\nA1 OK\r\n")
    kinds = [s.kind for s in got]
    assert kinds[0] is StepKind.LITERAL_BEGIN
    begin = got[0].value
    assert begin.seq == 1 and begin.size == 20 and begin.item.startswith("BODY[]")
    data = b"".join(s.value for s in got if s.kind is StepKind.LITERAL_DATA)
    assert data == body
    assert StepKind.LITERAL_END in kinds
    fetch = next(s.untagged for s in got if s.kind is StepKind.UNTAGGED)
    assert fetch.uid == 5 and fetch.section("") == b""
    assert kinds[-1] is StepKind.OK


def test_starttls_step_and_injection():
    c = ready()
    assert send(c, cmd.starttls()) == b"A1 STARTTLS\r\n"
    (s,) = steps(c, b"A1 OK begin TLS\r\n")
    assert s.kind is StepKind.STARTTLS
    c = ready()
    send(c, cmd.starttls())
    c.src(b"A1 OK begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n")
    with pytest.raises(imap.StartTlsInjection):
        c.run()


# -- AUTHENTICATE -----------------------------------------------------------------


def b64(s: bytes) -> bytes:
    return base64.b64encode(s)


def test_plain_with_sasl_ir():
    c = ready(b"* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] hi\r\n")
    out = send(c, cmd.authenticate(imap.auth.plain("alice", "secret")))
    assert out == b"A1 AUTHENTICATE PLAIN " + b64(b"\0alice\0secret") + b"\r\n"
    (ok,) = steps(c, b"A1 OK welcome\r\n")
    assert ok.kind is StepKind.OK


def test_plain_without_sasl_ir():
    c = ready()
    assert send(c, cmd.authenticate(imap.auth.plain("alice", "secret"))) == b"A1 AUTHENTICATE PLAIN\r\n"
    c.src(b"+ \r\n")
    assert c.run().kind is StepKind.AWAIT_DST
    assert c.output() == b64(b"\0alice\0secret") + b"\r\n"


def test_xoauth2():
    c = ready(b"* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] hi\r\n")
    out = send(c, cmd.authenticate(imap.auth.xoauth2("a@b.c", "tok")))
    assert out == b"A1 AUTHENTICATE XOAUTH2 " + b64(b"user=a@b.c\x01auth=Bearer tok\x01\x01") + b"\r\n"


def test_python_callable_authenticator():
    seen = []

    def fn(challenge):
        seen.append(challenge)
        if challenge is None:
            return None  # the server speaks first
        return b"answer to " + challenge

    c = ready()
    command = cmd.authenticate(imap.auth.authenticator("X-TEST", fn))
    del fn  # the command (and then the connection) keep the callback alive
    assert send(c, command) == b"A1 AUTHENTICATE X-TEST\r\n"
    del command
    import gc

    gc.collect()
    c.src(b"+ " + b64(b"chal1") + b"\r\n")
    assert c.run().kind is StepKind.AWAIT_DST
    assert c.output() == b64(b"answer to chal1") + b"\r\n"
    c.src(b"+ " + b64(b"\x00\xff") + b"\r\n")
    assert c.run().kind is StepKind.AWAIT_DST
    assert c.output() == b64(b"answer to \x00\xff") + b"\r\n"
    (ok,) = steps(c, b"A1 OK\r\n")
    assert ok.kind is StepKind.OK
    assert seen == [None, b"chal1", b"\x00\xff"]


def test_authenticator_subclass_with_initial_response():
    class Mech(imap.auth.Authenticator):
        mechanism = "X-FIRST"

        def initial_response(self):
            return b"hello"

        def step(self, challenge):
            return b"again"

    c = ready(b"* OK [CAPABILITY IMAP4rev1 SASL-IR] hi\r\n")
    assert send(c, cmd.authenticate(Mech())) == b"A1 AUTHENTICATE X-FIRST " + b64(b"hello") + b"\r\n"


def test_authenticator_exception_cancels():
    class Boom(Exception):
        pass

    def fn(challenge):
        if challenge is None:
            return None
        raise Boom("no")

    c = ready()
    send(c, cmd.authenticate(imap.auth.authenticator("X-TEST", fn)))
    c.src(b"+ " + b64(b"x") + b"\r\n")
    with pytest.raises(imap.AuthError) as e:
        c.run()
    assert not e.value.fatal
    assert isinstance(e.value.__cause__, Boom)
    assert c.run().kind is StepKind.AWAIT_DST
    assert c.output() == b"*\r\n"
    (bad,) = steps(c, b"A1 BAD cancelled\r\n")
    assert bad.kind is StepKind.BAD


def test_authenticator_returning_garbage_cancels():
    c = ready()
    send(c, cmd.authenticate(imap.auth.authenticator("X-TEST", lambda ch: None if ch is None else 42)))
    c.src(b"+ " + b64(b"x") + b"\r\n")
    with pytest.raises(imap.AuthError) as e:
        c.run()
    assert isinstance(e.value.__cause__, TypeError)


def test_bad_base64_challenge_cancels():
    c = ready()
    send(c, cmd.authenticate(imap.auth.authenticator("X-TEST", lambda ch: None if ch is None else b"")))
    c.src(b"+ %%%not base64\r\n")
    with pytest.raises(imap.AuthError):
        c.run()


def test_authenticate_command_runs_once():
    c = ready()
    command = cmd.authenticate(imap.auth.plain("a", "b"))
    send(c, command)
    c.src(b"+ \r\n")
    c.run()
    c.output()
    steps(c, b"A1 NO nope\r\n")
    with pytest.raises(imap.InvalidArgument):
        c.run(command)


def test_reprs_show_values_and_state() -> None:
    d = imap.Decoder()
    assert repr(d) == "<imap.Decoder open>"
    (fetch,) = d.decode(b"* 3 FETCH (UID 7 FLAGS (\\Seen))\r\n")
    r = repr(fetch)
    assert r.startswith("Fetch(seq=3, items=(FetchItem(kind=<FetchKind.UID")
    assert "value=7" in r and "Flag('\\\\Seen')" in r
    d.close()
    assert repr(d) == "<imap.Decoder closed>"
    auth = repr(imap.auth.plain("alice", "secret"))
    assert "PLAIN" in auth and "secret" not in auth
