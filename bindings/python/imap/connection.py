"""The low-level, sans-I/O API: :class:`Connection` (``imap_run`` and
friends) and :class:`Decoder` (``imap_decoder_*``).

The caller moves the bytes. What it reads from the server goes to
:meth:`Connection.src` (``b""`` when the server closed the connection);
what the connection wants to send is read with :meth:`Connection.output`
(or written into a buffer given with :meth:`Connection.dst`, as in the
OCaml library). :meth:`Connection.run` advances the protocol one step::

    conn = imap.Connection()
    step = conn.run()                      # the greeting first
    while True:
        if step.kind is StepKind.AWAIT_SRC:
            conn.src(sock.recv(65536))
        elif step.kind is StepKind.AWAIT_DST:
            sock.sendall(conn.output())
        elif step.kind is StepKind.OK:     # greeting or tagged OK
            break
        step = conn.run()
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from typing import Any, Iterator, List, Optional, TypeVar, Union

from . import _convert, _fast, _ffi
from ._args import cstr
from .commands import Command
from .errors import Error, InvalidArgument, UsageError, from_code
from .types import (
    Event,
    LiteralData,
    LiteralEnd,
    Step,
    StepKind,
)

__all__ = ["Limits", "Connection", "Decoder", "Printer"]

Buffer = Union[bytes, bytearray, memoryview]


@dataclass(frozen=True)
class Limits:
    """Decoder limits (bytes). ``stream_threshold``: literals larger than this
    are delivered in chunks (``LITERAL_BEGIN``/``LITERAL_DATA``/``LITERAL_END``
    steps) instead of in the response; 0 buffers them all.
    ``max_auth_challenges``: the most server challenges answered during one
    AUTHENTICATE. ``Limits()`` gives the library's defaults (README.md,
    "Limits", says what each bounds)."""

    max_line: Optional[int] = None
    max_literal: Optional[int] = None
    max_response: Optional[int] = None
    max_depth: Optional[int] = None
    stream_threshold: Optional[int] = None
    max_auth_challenges: Optional[int] = None

    @staticmethod
    def default() -> "Limits":
        d = _ffi.imap_limits_default()
        return Limits(d.max_line, d.max_literal, d.max_response, d.max_depth, d.stream_threshold, d.max_auth_challenges)

    def _c(self) -> _ffi.imap_limits:
        d = _ffi.imap_limits_default()
        out = _ffi.imap_limits()
        for name, bits in (
            ("max_line", 64),
            ("max_literal", 64),
            ("max_response", 64),
            ("max_depth", 32),
            ("stream_threshold", 64),
            ("max_auth_challenges", 32),
        ):
            v = getattr(self, name)
            if v is None:
                v = getattr(d, name)
            if not isinstance(v, int) or v < 0 or v >= 1 << bits:
                raise InvalidArgument(f"Limits.{name} must be an int in 0..2**{bits}-1")
            setattr(out, name, v)
        return out


def _as_buffer(data: Buffer) -> Any:
    """(pointer argument, length) for read-only input without a copy when possible."""
    if isinstance(data, bytes):
        return data, len(data)
    if isinstance(data, (bytearray, memoryview)):
        mv = memoryview(data)
        if not mv.c_contiguous:
            b = mv.tobytes()
            return b, len(b)
        mv = mv.cast("B")
        if mv.readonly:
            b = mv.tobytes()
            return b, len(b)
        n = mv.nbytes
        if n == 0:
            return None, 0
        return (ctypes.c_char * n).from_buffer(mv), n
    raise TypeError(f"expected bytes, bytearray or memoryview, not {type(data).__name__}")


_Self = TypeVar("_Self", bound="_Owned")


class _Owned:
    """An object of the C library behind ``_ptr``, guarded by ``_lock``: freed
    by :meth:`close`, at the end of a ``with`` block, or when collected."""

    _ptr: Optional[int]
    _lock: Any
    #: What it is, for the error after :meth:`close`.
    _what = "object"

    def close(self) -> None:
        """Frees it (further calls raise :class:`imap.UsageError`)."""
        with self._lock:
            p, self._ptr = self._ptr, None
            if p is not None:
                self._free(p)

    def _free(self, p: int) -> None:
        raise NotImplementedError

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def _handle(self) -> int:
        p = self._ptr
        if p is None:
            raise UsageError(f"the {self._what} was closed (freed)")
        return p


class Connection(_Owned):
    """An IMAP client connection without I/O (``imap_connection``).

    ``limits`` sets the decoder limits; ``tag_prefix`` the tag prefix (a
    letter, then letters and digits; default ``"A"``). Use it as a context
    manager, or call :meth:`close`, to free it at once.

    The methods are thread-safe (a lock serialises calls), so
    :meth:`idle_stop` may be called from another thread.
    """

    def __init__(self, limits: Optional[Limits] = None, tag_prefix: Optional[str] = None):
        if limits is None and tag_prefix is None:
            ptr = _ffi.imap_connection_new()
        else:
            lim = ctypes.byref(limits._c()) if limits is not None else None
            prefix = cstr(tag_prefix, "tag_prefix") if tag_prefix is not None else None
            ptr = _ffi.imap_connection_new_with(lim, prefix)
            if not ptr:
                raise InvalidArgument(
                    f"invalid tag prefix {tag_prefix!r}: a letter, then letters and digits"
                )
        if not ptr:
            raise MemoryError("imap_connection_new failed")
        self._ptr: Optional[int] = ptr
        self._lock = threading.RLock()
        self._dst_buf: Any = None
        self._dst_len = 0
        # Authenticators (and their ctypes callbacks) the library may still call.
        self._keepalive: List[Any] = []
        self._auth_handle: Any = None

    # -- lifetime ---------------------------------------------------------

    _what = "connection"

    def _free(self, p: int) -> None:
        _ffi.imap_connection_free(p)
        self._dst_buf = None
        self._keepalive.clear()

    # -- input / output -----------------------------------------------------

    def src(self, data: Buffer) -> None:
        """Hands bytes read from the server to the connection (copied).
        ``b""`` means the server closed the connection."""
        arg, n = _as_buffer(data)
        with self._lock:
            rc = _ffi.imap_src(self._handle(), arg, n)
        if rc:
            raise from_code(rc)

    def dst(self, buf: Optional[Union[bytearray, memoryview]] = None) -> None:
        """Gives the connection a writable output buffer (as OCaml's ``dst``).
        After each ``AWAIT_DST`` step, send ``buf[:len(buf) - dst_rem()]`` and
        call ``dst(buf)`` again. ``dst(None)`` goes back to :meth:`output`.
        The buffer is locked (it cannot be resized) until replaced."""
        with self._lock:
            h = self._handle()
            if buf is None:
                rc = _ffi.imap_dst(h, None, 0)
                self._dst_buf, self._dst_len = None, 0
            else:
                mv = memoryview(buf)
                if mv.readonly or not mv.c_contiguous:
                    raise TypeError("dst() needs a writable contiguous buffer (a bytearray)")
                mv = mv.cast("B")
                n = mv.nbytes
                arr = (ctypes.c_char * n).from_buffer(mv) if n else None
                rc = _ffi.imap_dst(h, arr, n)
                if rc == 0:
                    self._dst_buf, self._dst_len = arr, n
        if rc:
            raise from_code(rc)

    def dst_rem(self) -> int:
        """Free space left in the buffer given to :meth:`dst`."""
        with self._lock:
            return int(_ffi.imap_dst_rem(self._handle()))

    def pending_output(self) -> bytes:
        """The bytes to send now (a copy), without marking them sent."""
        n = ctypes.c_size_t(0)
        with self._lock:
            p = _ffi.imap_output(self._handle(), ctypes.byref(n))
            if not p or not n.value:
                return b""
            return ctypes.string_at(p, n.value)

    def advance_output(self, n: int) -> None:
        """Marks ``n`` bytes of :meth:`pending_output` as sent."""
        if n < 0:
            raise InvalidArgument("advance_output() needs n >= 0")
        with self._lock:
            rc = _ffi.imap_output_advance(self._handle(), n)
        if rc:
            raise from_code(rc)

    def output(self) -> bytes:
        """Takes the bytes to send now (they count as sent)."""
        with self._lock:
            data = self.pending_output()
            if data:
                self.advance_output(len(data))
            return data

    # -- running ----------------------------------------------------------

    def run(self, cmd: Optional[Command] = None) -> Step:
        """Advances the protocol one step; ``cmd`` starts a command (it is
        copied, the caller may reuse it). Returns a :class:`imap.Step`, or
        raises the :class:`imap.Error` of an ``ERROR`` step."""
        if cmd is not None and not isinstance(cmd, Command):
            raise TypeError(f"run() takes an imap.Command or None, not {type(cmd).__name__}")
        with self._lock:
            h = self._handle()
            auth = None
            if cmd is not None:
                auth = cmd._keepalive
                if auth is not None:
                    auth.error = None
                    self._keepalive.append(auth)
                    del self._keepalive[:-4]
                    self._auth_handle = auth
                p = _ffi.imap_run_at(h, cmd.handle)
            else:
                p = _ffi.imap_run_at(h, None)
            if not p:
                raise Error("imap_run returned NULL")
            kind, error = _fast.STEP.unpack_from(_fast.MEM, p)
            if kind < 3:
                return _SIMPLE_STEPS[kind]
            if kind == 3:
                return Step(StepKind.UNTAGGED, _fast.untagged(p + _fast.STEP_U))
            if kind == 13:
                detail = _ffi.imap_error_message(h)
                e = from_code(error, detail.decode("utf-8", "replace") if detail else "")
                ah = self._auth_handle
                if ah is not None and getattr(ah, "error", None) is not None:
                    e.__cause__ = ah.error
                    ah.error = None
                raise e
            return _step(kind, _ffi.imap_step.from_address(p).u)

    def idle_stop(self) -> None:
        """Asks the running IDLE to stop: ``DONE`` goes out on the next
        :meth:`run`, without waiting for input."""
        with self._lock:
            rc = _ffi.imap_idle_stop(self._handle())
        if rc:
            raise from_code(rc)

    @property
    def busy(self) -> bool:
        """Whether a command is running."""
        with self._lock:
            return bool(_ffi.imap_is_busy(self._handle()))

    def __repr__(self) -> str:
        state = "closed" if self._ptr is None else ("busy" if self.busy else "idle")
        return f"<imap.Connection {state}>"


def _step(kind: int, u: Any) -> Step:
    if kind in (4, 5, 6, 7):
        return Step(StepKind(kind), _convert.resp_text(u.text))
    if kind == 8:
        return Step(StepKind.STARTTLS)
    if kind == 9:
        return Step(StepKind.LITERAL_BEGIN, _convert.literal_begin(u.literal_begin))
    if kind == 10:
        return Step(StepKind.LITERAL_DATA, _convert.raw0(u.literal_data))
    if kind == 11:
        return Step(StepKind.LITERAL_END)
    if kind == 12:
        return Step(StepKind.MALFORMED, _convert.malformed(u.malformed))
    raise Error(f"unknown step kind {kind}")


#: The steps without data: AWAIT_SRC, AWAIT_DST, DONE.
_SIMPLE_STEPS = (Step(StepKind.AWAIT_SRC), Step(StepKind.AWAIT_DST), Step(StepKind.DONE))


class _Fed(_Owned):
    """An object of the library that takes server bytes: made from limits,
    fed with :meth:`feed`; its C functions are ``_free_fn`` and ``_feed_fn``."""

    _free_fn: Any
    _feed_fn: Any

    def __init__(self, make: Any, *args: Any, limits: Optional[Limits] = None):
        ptr = make(*args, ctypes.byref(limits._c()) if limits is not None else None)
        if not ptr:
            raise MemoryError(f"{make.__name__} failed")
        self._ptr: Optional[int] = ptr
        self._lock = threading.Lock()

    def _free(self, p: int) -> None:
        self._free_fn(p)

    def feed(self, data: Buffer) -> None:
        """Appends input (copied); ``b""`` marks the end of input."""
        arg, n = _as_buffer(data)
        with self._lock:
            rc = self._feed_fn(self._handle(), arg, n)
        if rc:
            raise from_code(rc)

    def feed_eof(self) -> None:
        """Marks the end of input."""
        self.feed(b"")


class Decoder(_Fed):
    """The plain response decoder (``imap_decoder``), for proxies and tools.

    Feed it bytes with :meth:`feed` (``b""`` or :meth:`feed_eof` at the end of
    input) and iterate over it for the decoded events: :class:`imap.Untagged`
    responses, :class:`imap.Tagged`, :class:`imap.Continuation`,
    :class:`imap.Malformed`, and :class:`imap.LiteralBegin` /
    :class:`imap.LiteralData` / :class:`imap.LiteralEnd` when literals are
    streamed. Iteration stops when more input is needed; a fatal framing
    error is raised as an :class:`imap.FatalError`.

    A FETCH response's items are converted to Python values when first read
    (the library keeps a copy of the response until then): decoding many
    responses and reading a few costs little more than the decoding.
    """

    def __init__(self, limits: Optional[Limits] = None):
        super().__init__(_ffi.imap_decoder_new, limits=limits)

    _what = "decoder"
    _free_fn = staticmethod(_ffi.imap_decoder_free)
    _feed_fn = staticmethod(_ffi.imap_decoder_feed)

    def next(self) -> Optional[Event]:
        """The next event, or None when more input is needed."""
        with self._lock:
            p = _ffi.imap_decoder_next_at(self._handle())
            if not p:
                raise Error("imap_decoder_next returned NULL")
            k, error = _fast.EVENT.unpack_from(_fast.MEM, p)
            if k == 1:
                # A FETCH keeps its C copy (imap_decoder_keep) and converts
                # its items when first read.
                event: Event = _fast.response(p + _fast.EVENT_U, lambda: _ffi.imap_decoder_keep(self._ptr))
                return event
            if k == 0:
                return None
            u = _ffi.imap_event.from_address(p).u
            if k == 2:
                return _convert.malformed(u.malformed)
            if k == 3:
                return _convert.literal_begin(u.literal_begin)
            if k == 4:
                return LiteralData(_convert.raw0(u.literal_data))
            if k == 5:
                return LiteralEnd()
            if k == 6:
                raise from_code(error)
            raise Error(f"unknown event kind {k}")

    def __iter__(self) -> Iterator[Event]:
        while True:
            ev = self.next()
            if ev is None:
                return
            yield ev

    def __repr__(self) -> str:
        return f"<imap.Decoder {'closed' if self._ptr is None else 'open'}>"

    def decode(self, data: Buffer) -> List[Event]:
        """Feeds ``data`` and returns the events it completes."""
        self.feed(data)
        return list(self)


class Printer(_Fed):
    """The library's printer over a decoder (``imap_printer``): server bytes
    in, each decoded event out as one line of text, in the canonical
    s-expression form of docs/sexp.md (or JSON with ``json=True``): the
    ``out`` lines of the decode vectors, what ``imap-trace`` prints. For
    logs, traces and comparisons; the values themselves come from
    :class:`Decoder`.

    >>> with Printer() as p:
    ...     p.print(b"* 3 EXISTS\\r\\n")
    ['(exists 3)']

    A fatal framing error is printed as a last ``(fatal kind)`` line, after
    which nothing more is printed.
    """

    def __init__(self, limits: Optional[Limits] = None, *, json: bool = False):
        super().__init__(_ffi.imap_printer_new, _ffi.IMAP_PRINT_FORMAT["JSON" if json else "SEXP"], limits=limits)

    _what = "printer"
    _free_fn = staticmethod(_ffi.imap_printer_free)
    _feed_fn = staticmethod(_ffi.imap_printer_feed)

    def __iter__(self) -> Iterator[str]:
        """The lines of the events the input so far completes."""
        while True:
            with self._lock:
                line = _ffi.string_at(_ffi.imap_printer_next(self._handle()))
            if line is None:
                return
            yield line.decode("utf-8")

    def print(self, data: Buffer) -> List[str]:
        """Feeds ``data`` and returns the lines of the events it completes."""
        self.feed(data)
        return list(self)

    def __repr__(self) -> str:
        return f"<imap.Printer {'closed' if self._ptr is None else 'open'}>"
