"""A small blocking IMAP client over ``socket`` and ``ssl``, built on
:class:`imap.Connection`.

::

    with imap.Client("imap.example.org", ssl=True) as c:
        c.login("alice", "secret")
        box = c.select("INBOX")
        for msg in c.fetch(f"1:{box.exists}", ["UID", "ENVELOPE", "RFC822.SIZE"], uid=False):
            print(msg.uid, msg.envelope.subject_text)
        c.logout()

Every method sends one command and waits for its completion; a tagged NO
or BAD raises :class:`imap.NoResponse` / :class:`imap.BadResponse`. Untagged
responses that are not the answer of the method (EXISTS, EXPUNGE, FETCH
FLAGS... sent in passing) are passed to ``on_untagged`` when given.
"""

from __future__ import annotations

import socket
import ssl as _ssl
import time
from datetime import datetime
from typing import Any, Callable, Generator, Iterable, Iterator, List, Optional, Tuple, Union

from . import commands as _cmd
from ._session import (
    BodySink,
    BodyWriter,
    MailboxSummary,
    MalformedCompletion,
    Message,
    Result,
    _client_repr,
    _default_port,
    _Session,
    _StreamedParts,
)
from .auth import Authenticator
from .commands import Command
from .connection import Connection, Limits
from .errors import CommandError, Error, Timeout, TooManyUntagged, UsageError
from .types import AppendUid, Capability, Fetch, Flag, LiteralBegin, LiteralData, LiteralEnd, MailboxList, RespText, Step, StepKind, Untagged

__all__ = ["Client", "MailboxSummary", "Message", "Result", "MalformedCompletion", "BodySink", "BodyWriter"]

class Client(_Session):
    """A blocking IMAP client.

    ``ssl=True`` (the default) connects with TLS (port 993); ``ssl=False``
    connects in cleartext (port 143), and ``starttls=True`` then upgrades with
    STARTTLS before anything else. ``ssl_context`` defaults to
    :func:`ssl.create_default_context` (certificates and host name checked).
    ``timeout`` (seconds, None for none) applies to connecting and to each
    read and write (:class:`imap.Timeout` when it passes; a failed socket
    call is :class:`imap.NetworkError`). Reads take up to ``read_size`` bytes
    at a time. ``limits`` are the decoder's (:class:`imap.Limits`);
    ``max_untagged`` bounds the untagged responses one command may collect
    (those :meth:`execute` returns: :meth:`fetch` streams instead), so that a
    hostile server cannot fill memory (:class:`imap.TooManyUntagged`).
    """

    def __init__(
        self,
        host: str,
        port: Optional[int] = None,
        *,
        ssl: bool = True,
        starttls: bool = False,
        ssl_context: Optional[_ssl.SSLContext] = None,
        timeout: Optional[float] = 60.0,
        limits: Optional[Limits] = None,
        max_untagged: int = 100_000,
        read_size: int = 64 * 1024,
        on_untagged: Optional[Callable[[Untagged], None]] = None,
    ):
        if ssl and starttls:
            raise UsageError("ssl=True and starttls=True exclude each other (STARTTLS is for a cleartext port)")
        self.host = host
        self.port = port if port is not None else _default_port(ssl)
        self.timeout = timeout
        self.max_untagged = max_untagged
        self.read_size = read_size
        self.on_untagged = on_untagged
        self._ssl_context = ssl_context
        self._capabilities: Optional[Tuple[Capability, ...]] = None
        self._idle: Optional["IdleSession"] = None
        self.selected: Optional[MailboxSummary] = None
        sock = socket.create_connection((host, self.port), timeout=timeout)
        try:
            if ssl:
                sock = self._context().wrap_socket(sock, server_hostname=host)
            self._sock: Optional[socket.socket] = sock
            self._conn = Connection(limits)
            self.greeting, self.preauth = self._read_greeting()
            if starttls:
                self.starttls()
        except BaseException:
            sock.close()
            raise

    # -- plumbing ------------------------------------------------------------

    def _context(self) -> _ssl.SSLContext:
        if self._ssl_context is None:
            self._ssl_context = _ssl.create_default_context()
        return self._ssl_context

    def _socket(self) -> socket.socket:
        if self._sock is None:
            raise UsageError("the client is closed")
        return self._sock

    def _flush(self) -> None:
        sock = self._socket()
        while True:
            data = self._conn.output()
            if not data:
                return
            try:
                sock.sendall(data)
            except OSError as e:
                raise self._failed(e) from e

    def _fill(self) -> None:
        try:
            data = self._socket().recv(self.read_size)
        except OSError as e:
            raise self._failed(e) from e
        self._conn.src(data)

    def _busy(self) -> bool:
        return self._conn.busy

    def _failed(self, e: OSError) -> Error:
        """The binding's exception for a failed socket call; the client is
        closed unless it was a timeout."""
        err = self._io_error(e)
        if not isinstance(err, Timeout):
            self.close()
        return err

    def _step(self, cmd: Optional[Command] = None) -> Step:
        """The next step that is not I/O, doing the I/O on the way."""
        step = self._conn.run(cmd)
        while True:
            k = step.kind
            if k is StepKind.AWAIT_DST:
                self._flush()
            elif k is StepKind.AWAIT_SRC:
                self._fill()
            else:
                return step
            step = self._conn.run()

    def _read_greeting(self) -> Tuple[RespText, bool]:
        while True:
            step = self._step()
            if step.kind in (StepKind.OK, StepKind.PREAUTH):
                self._learn_code(step.value.code)
                return step.value, step.kind is StepKind.PREAUTH
            if step.kind is StepKind.DONE:  # pragma: no cover - the library reads the greeting first
                continue
            raise Error(f"unexpected step before the greeting: {step.kind.name}")

    def _finish_idle(self) -> None:
        if self._idle is not None:
            self._idle.close()

    def stream(self, cmd: Command) -> Generator[Union[Untagged, LiteralBegin, LiteralData, LiteralEnd], None, Result]:
        """Runs ``cmd`` and yields its untagged responses as they arrive (and
        literal events when literals are streamed, see :class:`imap.Limits`).
        The generator's return value is the :class:`Result` (its ``untagged`` is
        empty). Raises :class:`imap.CommandError` for a tagged NO/BAD."""
        self._finish_idle()
        if self._conn.busy:
            self._drain()
        step = self._step(cmd)
        while True:
            event = self._on_step(step, cmd.name)
            if isinstance(event, Result):
                return event
            if event is not None:
                yield event
            step = self._step()

    def _drain(self) -> None:
        """Reads the rest of a command left unfinished (a fetch generator
        that was not consumed); its responses go to ``on_untagged``."""
        self._conn.idle_stop()  # an IDLE left unfinished; harmless otherwise
        while self._conn.busy:
            if self._left_over(self._step()):
                return

    def execute(self, cmd: Command) -> Result:
        """Runs ``cmd`` to completion; returns its :class:`Result` with every
        untagged response. Raises :class:`imap.CommandError` for NO/BAD."""
        collected: List[Untagged] = []
        gen = self.stream(cmd)
        while True:
            try:
                ev = next(gen)
            except StopIteration as stop:
                r: Result = stop.value
                return Result(r.code, r.text, tuple(collected))
            try:
                self._keep(collected, ev, cmd.name)
            except TooManyUntagged:
                gen.close()
                self.close()
                raise

    # -- session --------------------------------------------------------------

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is None and self._sock is not None:
            try:
                self.logout()
            except (Error, OSError):
                pass
        self.close()

    def close(self) -> None:
        """Closes the socket without LOGOUT."""
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass
        conn = getattr(self, "_conn", None)
        if conn is not None:
            conn.close()

    @property
    def closed(self) -> bool:
        """Whether the client is closed (its socket released)."""
        return self._sock is None

    def __repr__(self) -> str:
        return _client_repr("imap.Client", f"{self.host}:{self.port}", self.closed, self.selected)

    def capabilities(self, refresh: bool = False) -> Tuple[Capability, ...]:
        """The server's capabilities (asked with CAPABILITY when unknown or
        when ``refresh``)."""
        if refresh or self._capabilities is None:
            self._learn_all(self.execute(_cmd.capability()))
        return self._capabilities or ()

    def has_capability(self, name: str) -> bool:
        """Whether the server lists ``name`` (case-insensitive, e.g. ``"IDLE"``,
        ``"AUTH=PLAIN"``)."""
        return any(c == name for c in self.capabilities())

    def noop(self) -> Result:
        """NOOP (also collects pending untagged responses)."""
        return self.execute(_cmd.noop())

    def login(self, user: Union[str, bytes], password: Union[str, bytes]) -> Result:
        """LOGIN."""
        return self._logged_in(self.execute(_cmd.login(user, password)))

    def authenticate(self, mechanism: Union[Authenticator, str], *args: Any) -> Result:
        """AUTHENTICATE with an :class:`imap.auth.Authenticator`, or by name:
        ``authenticate("PLAIN", user, password)``, ``authenticate("XOAUTH2",
        user, token)``."""
        return self._logged_in(self.execute(self._authenticate_command(mechanism, args)))

    def starttls(self, ssl_context: Optional[_ssl.SSLContext] = None) -> None:
        """STARTTLS, then the TLS handshake on the same socket. The
        capabilities are forgotten (ask again with :meth:`capabilities`)."""
        if ssl_context is not None:
            self._ssl_context = ssl_context
        self.execute(_cmd.starttls())
        self._sock = self._context().wrap_socket(self._socket(), server_hostname=self.host)
        self._capabilities = None

    def logout(self) -> None:
        """LOGOUT, then close. The server's BYE is expected."""
        if self._sock is None:
            return
        try:
            self.execute(_cmd.logout())
        except Error as e:
            if not e.fatal:
                raise
        finally:
            self.close()

    # -- mailboxes --------------------------------------------------------------

    def select(self, mailbox: str, *, condstore: bool = False, readonly: bool = False) -> MailboxSummary:
        """SELECT (or EXAMINE when ``readonly``); returns a summary."""
        make = _cmd.examine if readonly else _cmd.select
        return self._summary(mailbox, self.execute(make(mailbox, condstore=condstore)))

    def examine(self, mailbox: str, *, condstore: bool = False) -> MailboxSummary:
        """EXAMINE (read-only SELECT); returns a summary."""
        return self.select(mailbox, condstore=condstore, readonly=True)

    # -- messages -------------------------------------------------------------------

    def search(self, *criteria: Any, uid: bool = True, charset: Optional[str] = None) -> List[int]:
        """SEARCH (UID SEARCH by default): the matching UIDs (or sequence
        numbers when ``uid=False``). ``criteria`` are search keys (see
        :mod:`imap.search`), which must all match; none means ALL."""
        return self._search_ids(self.execute(self._search_command(criteria, uid, charset)))

    def fetch(
        self,
        messages: Any,
        items: Any = ("UID", "FLAGS", "ENVELOPE", "RFC822.SIZE"),
        *,
        uid: bool = True,
        changed_since: Optional[int] = None,
        body_sink: Optional[BodySink] = None,
    ) -> Iterator[Message]:
        """FETCH (UID FETCH by default), as a generator: each decoded
        :class:`imap.Fetch` is yielded as soon as it arrives, so a whole
        mailbox is never held in memory. ``messages`` is a sequence set
        (``"1:*"``, ``range(1, 11)``, ``[3, 5]``, ``7``); ``items`` as for
        :func:`imap.commands.fetch`. Unsolicited responses go to ``on_untagged``.

        Large body parts: on a client made with
        ``limits=Limits(stream_threshold=n)``, a literal over ``n`` bytes is not
        held in memory but streamed: ``body_sink(begin)`` is called with its
        :class:`imap.LiteralBegin` and returns where its bytes go, a binary
        file or a callable taking each chunk (at most ``read_size`` bytes);
        the :class:`imap.Fetch` yielded afterwards has ``b""`` for that item.
        Without ``body_sink`` such a part raises :class:`imap.UsageError`::

            with open("big.eml", "wb") as out:
                for msg in client.fetch(uid, ["BODY.PEEK[]"], body_sink=lambda begin: out):
                    ...

        Consume the generator to the end (or close it) before the next command;
        a new command on the client finishes it first."""
        cmd = _cmd.fetch(messages, items, uid=uid, changed_since=changed_since)
        streamed = _StreamedParts(body_sink)
        for ev in self.stream(cmd):
            fetched = self._fetched(ev, streamed)
            if fetched is not None:
                yield fetched

    def store(
        self,
        messages: Any,
        flags: Iterable[Union[str, Flag]],
        *,
        mode: str = "add",
        uid: bool = True,
        silent: bool = False,
        unchanged_since: Optional[int] = None,
    ) -> List[Fetch]:
        """STORE (UID STORE by default): ``mode`` is ``"add"`` (+FLAGS),
        ``"remove"`` (-FLAGS) or ``"set"`` (FLAGS). Returns the FETCH
        responses (the new flags) unless ``silent``."""
        cmd = _cmd.store(messages, mode, flags, uid=uid, silent=silent, unchanged_since=unchanged_since)
        return self._stored(self.execute(cmd))

    def append(
        self,
        mailbox: str,
        message: bytes,
        *,
        flags: Iterable[Union[str, Flag]] = (),
        date: Optional[datetime] = None,
    ) -> Optional[AppendUid]:
        """APPEND a message; returns the server's ``[APPENDUID]`` if it sent one."""
        return self._appended(self.execute(_cmd.append(mailbox, message, flags=flags, date=date)))

    def expunge(self) -> Result:
        """EXPUNGE."""
        return self.execute(_cmd.expunge())

    def list(self, reference: str = "", pattern: str = "*") -> List[MailboxList]:
        """LIST: the :class:`imap.MailboxList` responses."""
        return self._mailboxes(self.execute(_cmd.list(reference, pattern)))

    def idle(self, timeout: Optional[float] = None) -> "IdleSession":
        """IDLE, as an iterator of the untagged responses the server sends
        (EXISTS, EXPUNGE, FETCH...). Iteration ends after ``timeout`` seconds
        (None: until :meth:`IdleSession.stop`), when ``stop()`` is called, or
        when the loop is left; IDLE is then ended cleanly (DONE and the tagged
        OK) when the session is closed, which the ``with`` statement, the end of
        the iteration and the next command do::

            with client.idle(timeout=300) as session:
                for response in session:
                    if isinstance(response, imap.Exists):
                        break
        """
        self._finish_idle()
        session = IdleSession(self, timeout)
        self._idle = session
        return session


class IdleSession:
    """A running IDLE; see :meth:`Client.idle`."""

    def __init__(self, client: Client, timeout: Optional[float]):
        self._client = client
        self._deadline = None if timeout is None else time.monotonic() + timeout
        self._stop_requested = False
        self._stopped = False  # DONE queued
        self._finished = False  # tagged OK received
        self._pending: List[Untagged] = []
        self._step: Optional[Step] = client._conn.run(_cmd.idle())  # the first step (AWAIT_DST)
        self.result: Optional[Result] = None

    def __repr__(self) -> str:
        state = "finished" if self._finished else "stopping" if self._stop_requested or self._stopped else "running"
        return f"<imap.IdleSession {state}, {len(self._pending)} pending>"

    def stop(self) -> None:
        """Ends IDLE at the next step (DONE is sent)."""
        self._stop_requested = True

    def __enter__(self) -> "IdleSession":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __iter__(self) -> Iterator[Untagged]:
        return self

    def __next__(self) -> Untagged:
        u = self._next()
        if u is None:
            raise StopIteration
        return u

    def _remaining(self) -> Optional[float]:
        if self._deadline is None:
            return None
        return self._deadline - time.monotonic()

    def _send_done(self) -> None:
        if not self._stopped:
            self._stopped = True
            self._client._conn.idle_stop()

    def _next(self) -> Optional[Untagged]:
        """The next untagged response, or None when IDLE is over."""
        c = self._client
        conn = c._conn
        while not self._finished:
            if self._stop_requested:
                self._send_done()
            pending, self._step = self._step, None
            step = pending if pending is not None else conn.run()
            k = step.kind
            if k is StepKind.AWAIT_DST:
                c._flush()
            elif k is StepKind.AWAIT_SRC:
                if self._stopped:
                    c._fill()
                    continue
                remaining = self._remaining()
                if remaining is not None and remaining <= 0:
                    self._send_done()
                    continue
                sock = c._socket()
                old = sock.gettimeout()
                wait = remaining
                if c.timeout is not None and self._deadline is None:
                    wait = None  # an open-ended IDLE waits for the server
                sock.settimeout(wait)
                try:
                    c._fill()
                except (socket.timeout, TimeoutError):
                    self._send_done()
                finally:
                    try:
                        sock.settimeout(old)
                    except OSError:
                        pass
            elif k is StepKind.DONE:
                self._finished = True
            else:
                try:
                    event = c._on_step(step, "IDLE")
                except CommandError:
                    self._finished = True
                    raise
                if isinstance(event, Result):
                    self._finished = True
                    self.result = event
                elif isinstance(event, Untagged):
                    return event
        if c._idle is self:
            c._idle = None
        return None

    def close(self) -> None:
        """Ends IDLE (DONE) and reads up to its tagged OK; responses that
        arrive meanwhile go to the client's ``on_untagged``."""
        if self._finished:
            return
        self._stop_requested = True
        while True:
            u = self._next()
            if u is None:
                return
            self._client._passing(u)
