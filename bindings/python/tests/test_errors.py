"""Error paths: bad arguments, misuse, malformed server data, NULL returns
of the C ABI; none of them may crash the interpreter."""

from __future__ import annotations

import os
import random

import pytest

import imap
from imap import _ffi
from imap import commands as cmd

import sexp_oracle as sexp


def test_the_installed_package_is_tested():
    # run-tests installs the package with pip and runs from the tests directory.
    if os.environ.get("IMAP_TEST_SOURCE_TREE"):
        pytest.skip("testing the source tree on purpose")
    assert "site-packages" in imap.__file__


def test_library_info():
    assert imap.library_version().count(".") == 2
    assert imap.library_path()


def test_hierarchy():
    assert issubclass(imap.FatalError, imap.Error)
    assert issubclass(imap.ConnectionDead, imap.ConnectionClosed)
    assert issubclass(imap.UnexpectedEof, imap.ProtocolError)
    assert issubclass(imap.EncodeError, ValueError)
    assert issubclass(imap.InvalidArgument, ValueError)
    assert issubclass(imap.NoResponse, imap.CommandError)
    for code in imap.ErrorCode:
        if code is imap.ErrorCode.OK:
            continue
        e = imap.errors.from_code(code)
        assert isinstance(e, imap.Error)
        assert e.code is code
        assert e.fatal == code.fatal, code
        assert code.description


def test_unknown_error_code():
    e = imap.errors.from_code(999)
    assert isinstance(e, imap.InternalError)


@pytest.mark.parametrize(
    "build",
    [
        lambda: cmd.login("a\0b", "x"),
        lambda: cmd.login("a", b"x\0"),
        lambda: cmd.select("IN\0BOX"),
        lambda: cmd.examine(b"\xff\xfe"),
        lambda: imap.auth.plain("a\0", "b"),
        lambda: imap.auth.authenticator("", lambda c: b""),
    ],
)
def test_bad_arguments_raise_invalid_argument(build):
    with pytest.raises(imap.InvalidArgument):
        build()


@pytest.mark.parametrize(
    "build",
    [
        lambda: cmd.login(1, "x"),
        lambda: cmd.select(None),
        lambda: cmd.authenticate("PLAIN"),
        lambda: imap.auth.authenticator("X", "not callable"),
    ],
)
def test_wrong_types_raise_type_error(build):
    with pytest.raises(TypeError):
        build()


def test_run_rejects_non_commands():
    c = imap.Connection()
    with pytest.raises(TypeError):
        c.run("NOOP")


def test_use_after_close():
    c = imap.Connection()
    c.close()
    c.close()  # twice is fine
    for call in (c.run, lambda: c.src(b"x"), c.output, c.dst_rem, c.idle_stop, lambda: c.busy):
        with pytest.raises(imap.UsageError):
            call()
    d = imap.Decoder()
    d.close()
    with pytest.raises(imap.UsageError):
        d.feed(b"x")
    with pytest.raises(imap.UsageError):
        d.next()
    command = cmd.noop()
    command.free()
    command.free()
    with pytest.raises(imap.InvalidArgument):
        imap.Connection().run(command)


def test_context_managers():
    with imap.Connection() as c:
        pass
    with pytest.raises(imap.UsageError):
        c.run()
    with imap.Decoder() as d:
        d.feed(b"* 1 EXISTS\r\n")
        assert list(d) == [imap.Exists(1)]


def test_bad_input_types():
    c = imap.Connection()
    with pytest.raises(TypeError):
        c.src("text")
    with pytest.raises(TypeError):
        c.dst(b"read-only")
    with pytest.raises(imap.InvalidArgument):
        c.advance_output(-1)
    with pytest.raises(imap.InvalidArgument):
        c.advance_output(1)  # more than is pending
    with pytest.raises(imap.InvalidArgument):
        imap.Limits(max_line=-1)._c()
    with pytest.raises(imap.InvalidArgument):
        imap.Decoder(imap.Limits(max_depth=2**40))


def test_limits_defaults():
    d = imap.Limits.default()
    assert d.max_line == 16 * 1024 * 1024
    assert d.stream_threshold == 0
    assert d.max_auth_challenges == 32
    with pytest.raises(imap.InvalidArgument):
        imap.Limits(max_auth_challenges=2**32)._c()


def test_socket_errors_are_the_bindings_and_the_standard_ones():
    assert issubclass(imap.Timeout, imap.Error) and issubclass(imap.Timeout, TimeoutError)
    assert issubclass(imap.NetworkError, imap.FatalError) and issubclass(imap.NetworkError, OSError)
    assert issubclass(imap.TooManyUntagged, imap.LimitError)
    e = imap.NetworkError("reset", 104)
    assert e.errno == 104 and str(e) == "reset"


def test_null_arguments_at_the_c_level():
    """The C ABI's own NULL checks, called directly."""
    step = _ffi.imap_run(None, None).contents
    assert step.kind == _ffi.IMAP_STEP_KIND["ERROR"] and step.error == _ffi.IMAP_ERROR["NULL_ARGUMENT"]
    event = _ffi.imap_decoder_next(None).contents
    assert event.kind == _ffi.IMAP_EVENT_KIND["ERROR"] and event.error == _ffi.IMAP_ERROR["NULL_ARGUMENT"]
    assert _ffi.imap_src(None, b"x", 1) == 1
    assert _ffi.imap_dst_rem(None) == 0
    assert _ffi.imap_is_busy(None) is False
    assert _ffi.imap_error_message(None) == b""
    assert _ffi.imap_decoder_feed(None, b"x", 1) == 1
    assert _ffi.imap_cmd_login(None, b"x") is None
    assert _ffi.imap_cmd_select(None, False) is None
    assert _ffi.imap_cmd_authenticate(None) is None
    assert _ffi.imap_authenticator_plain(None, None) is None
    assert _ffi.imap_authenticator_new(b"X", _ffi.imap_auth_fn(), None) is None
    assert _ffi.imap_connection_new_with(None, b"1x") is None
    c = _ffi.imap_connection_new()
    try:
        assert _ffi.imap_src(c, None, 5) == 1  # NULL data with a length
        assert _ffi.imap_dst(c, None, 5) == 1
        n = _ffi.ctypes.c_size_t(7)
        assert _ffi.imap_output(c, None) is None
        assert _ffi.imap_output(c, _ffi.ctypes.byref(n)) is None and n.value == 0
    finally:
        _ffi.imap_connection_free(c)
    # Freeing NULL is a no-op.
    _ffi.imap_connection_free(None)
    _ffi.imap_decoder_free(None)
    _ffi.imap_command_free(None)
    _ffi.imap_authenticator_free(None)
    assert _ffi.imap_strerror(12345)


def test_command_wrapper_checks_null():
    with pytest.raises(imap.InvalidArgument):
        imap.Command(None, "X")


def test_malformed_responses_are_events():
    d = imap.Decoder()
    d.feed(b"* 1 FETCH (FLAGS (\\Seen)\r\n* OK fine\r\nA1 OK [UIDVALIDITY nope] x\r\n* SEARCH 1 x\r\n")
    events = list(d)
    assert isinstance(events[0], imap.Malformed)
    assert events[0].offset == 0 and events[0].raw.startswith(b"* 1 FETCH")
    assert 0 <= events[0].error_offset <= len(events[0].raw)
    assert events[1] == imap.Condition(imap.UntaggedKind.OK, None, "fine")
    assert len(events) == 4


def test_fatal_framing_error_in_decoder():
    d = imap.Decoder(imap.Limits(max_literal=10))
    d.feed(b"* 1 FETCH (BODY[] {99}\r\n")
    with pytest.raises(imap.LiteralTooLarge):
        list(d)
    d = imap.Decoder()
    d.feed(b"* 1 EXI")
    d.feed_eof()
    with pytest.raises(imap.UnexpectedEof):
        list(d)


def test_random_garbage_never_crashes():
    rng = random.Random(1234)
    alphabet = b'* ()[]{}"\\\r\n0123456789ABCDEFGHIJ+~%.<>FETCHOKNOBADBODY'
    for _ in range(300):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        d = imap.Decoder(imap.Limits(max_line=1024, max_literal=1024, max_response=4096, max_depth=20))
        try:
            d.feed(data)
            for ev in d:
                sexp.to_sexp(ev)
            d.feed_eof()
            for ev in d:
                sexp.to_sexp(ev)
        except imap.FatalError:
            pass


def test_random_garbage_through_a_connection():
    rng = random.Random(99)
    for _ in range(100):
        c = imap.Connection(imap.Limits(max_line=512, max_literal=512, max_response=2048))
        c.src(b"* OK hi\r\n")
        c.run()
        try:
            c.run(cmd.noop())
            c.output()
            c.src(bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))))
            for _ in range(50):
                s = c.run()
                if s.kind in (imap.StepKind.AWAIT_SRC, imap.StepKind.DONE):
                    break
        except imap.Error:
            pass
