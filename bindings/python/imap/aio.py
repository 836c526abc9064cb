"""An asyncio IMAP client built on :class:`imap.Connection`.

::

    async with await imap.aio.Client.connect("imap.example.org") as c:
        await c.login("alice", "secret")
        box = await c.examine("INBOX")
        async for msg in c.fetch("1:*", ["UID", "ENVELOPE"]):
            print(msg.uid, msg.envelope.subject_text)
        async for response in c.idle(timeout=60):
            if isinstance(response, imap.Exists):
                break
        await c.logout()

The methods mirror :class:`imap.Client`: both clients share their sans-I/O
core (``imap._session``: the commands, what each step means, the answers);
this one does the I/O with ``asyncio`` streams. Failed reads and writes raise
:class:`imap.NetworkError` (the client is then closed) or
:class:`imap.Timeout`, as with the blocking client.
"""

from __future__ import annotations

import asyncio
import ssl as _ssl
from datetime import datetime
from typing import Any, AsyncGenerator, AsyncIterator, Callable, Iterable, List, Optional, Tuple, Union

from . import commands as _cmd
from ._session import BodySink, MailboxSummary, Result, _client_repr, _default_port, _Session, _StreamedParts
from .auth import Authenticator
from .commands import Command
from .connection import Connection, Limits
from .errors import Error, Timeout, TooManyUntagged, UsageError
from .types import AppendUid, Capability, Fetch, Flag, MailboxList, RespText, Step, StepKind, Untagged

__all__ = ["Client"]


class Client(_Session):
    """An asyncio IMAP client; create it with ``await Client.connect(...)``
    (same options as :class:`imap.Client`, ``max_untagged`` included)."""

    def __init__(self) -> None:
        self.host = ""
        self.port = 0
        self.timeout: Optional[float] = None
        self.max_untagged = 100_000
        self.read_size = 64 * 1024
        self.on_untagged: Optional[Callable[[Untagged], None]] = None
        self._reader: Optional[asyncio.StreamReader] = None
        self._writer: Optional[asyncio.StreamWriter] = None
        self._conn: Optional[Connection] = None
        self._capabilities: Optional[Tuple[Capability, ...]] = None
        self._ssl_context: Optional[_ssl.SSLContext] = None
        self.greeting: Optional[RespText] = None
        self.preauth = False
        self.selected: Optional[MailboxSummary] = None

    @classmethod
    async def connect(
        cls,
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
    ) -> "Client":
        """Connects and reads the greeting (then STARTTLS if asked)."""
        if ssl and starttls:
            raise UsageError("ssl=True and starttls=True exclude each other")
        self = cls()
        self.host, self.timeout, self.read_size, self.on_untagged = host, timeout, read_size, on_untagged
        self.max_untagged = max_untagged
        self._ssl_context = ssl_context
        port = port if port is not None else _default_port(ssl)
        self.port = port
        ctx = self._context() if ssl else None
        self._reader, self._writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=ctx, server_hostname=host if ssl else None), timeout
        )
        self._conn = Connection(limits)
        try:
            while True:
                step = await self._step()
                if step.kind in (StepKind.OK, StepKind.PREAUTH):
                    self.greeting = step.value
                    self.preauth = step.kind is StepKind.PREAUTH
                    self._learn_code(step.value.code)
                    break
            if starttls:
                await self.starttls()
        except BaseException:
            await self.close()
            raise
        return self

    def _context(self) -> _ssl.SSLContext:
        if self._ssl_context is None:
            self._ssl_context = _ssl.create_default_context()
        return self._ssl_context

    # -- plumbing ------------------------------------------------------------

    def _c(self) -> Connection:
        if self._conn is None or self._writer is None:
            raise UsageError("the client is closed")
        return self._conn

    def _busy(self) -> bool:
        return self._c().busy

    async def _failed(self, e: BaseException) -> Error:
        """The binding's exception for a failed stream call; the client is
        closed unless it was a timeout."""
        err = self._io_error(e)
        if not isinstance(err, Timeout):
            await self.close()
        return err

    async def _fill(self, timeout: Optional[float] = -1.0) -> None:
        conn = self._c()
        assert self._reader is not None
        t = self.timeout if timeout == -1.0 else timeout
        try:
            data = await asyncio.wait_for(self._reader.read(self.read_size), t)
        except (OSError, asyncio.TimeoutError) as e:
            raise await self._failed(e) from e
        conn.src(data)

    async def _flush(self) -> None:
        conn = self._c()
        assert self._writer is not None
        try:
            while True:
                data = conn.output()
                if not data:
                    break
                self._writer.write(data)
            await asyncio.wait_for(self._writer.drain(), self.timeout)
        except (OSError, asyncio.TimeoutError) as e:
            raise await self._failed(e) from e

    async def _step(self, cmd: Optional[Command] = None) -> Step:
        conn = self._c()
        step = conn.run(cmd)
        while True:
            if step.kind is StepKind.AWAIT_DST:
                await self._flush()
            elif step.kind is StepKind.AWAIT_SRC:
                await self._fill()
            else:
                return step
            step = conn.run()

    async def _drain(self) -> None:
        self._c().idle_stop()  # an IDLE left by its loop; harmless otherwise
        while self._c().busy:
            if self._left_over(await self._step()):
                return

    async def stream(self, cmd: Command) -> AsyncGenerator[Any, None]:
        """Runs ``cmd``; yields its untagged responses (and literal events) as
        they arrive. Raises :class:`imap.CommandError` for NO/BAD; the tagged
        OK is kept in ``self.last_result``."""
        if self._c().busy:
            await self._drain()
        step = await self._step(cmd)
        while True:
            event = self._on_step(step, cmd.name)
            if isinstance(event, Result):
                self.last_result = event
                return
            if event is not None:
                yield event
            step = await self._step()

    async def execute(self, cmd: Command) -> Result:
        """Runs ``cmd`` to completion; returns its :class:`imap.client.Result`."""
        collected: List[Untagged] = []
        events = self.stream(cmd)
        try:
            async for ev in events:
                self._keep(collected, ev, cmd.name)
        except TooManyUntagged:
            await events.aclose()
            await self.close()
            raise
        r = self.last_result
        return Result(r.code, r.text, tuple(collected))

    # -- session --------------------------------------------------------------

    async def __aenter__(self) -> "Client":
        return self

    async def __aexit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is None and self._writer is not None:
            try:
                await self.logout()
            except (Error, OSError, asyncio.TimeoutError):
                pass
        await self.close()

    def __repr__(self) -> str:
        return _client_repr("imap.aio.Client", f"{self.host}:{self.port}", self._writer is None, self.selected)

    async def close(self) -> None:
        """Closes the connection without LOGOUT."""
        w, self._writer = self._writer, None
        if w is not None:
            w.close()
            try:
                await w.wait_closed()
            except (OSError, _ssl.SSLError):
                pass
        if self._conn is not None:
            self._conn.close()

    async def capabilities(self, refresh: bool = False) -> Tuple[Capability, ...]:
        """The server's capabilities (asked for with CAPABILITY if unknown or ``refresh``)."""
        if refresh or self._capabilities is None:
            self._learn_all(await self.execute(_cmd.capability()))
        return self._capabilities or ()

    async def has_capability(self, name: str) -> bool:
        """Whether the server announced the capability ``name`` (e.g. ``"IDLE"``)."""
        return any(c == name for c in await self.capabilities())

    async def noop(self) -> Result:
        """NOOP (also collects pending untagged responses)."""
        return await self.execute(_cmd.noop())

    async def login(self, user: Union[str, bytes], password: Union[str, bytes]) -> Result:
        """LOGIN."""
        return self._logged_in(await self.execute(_cmd.login(user, password)))

    async def authenticate(self, mechanism: Union[Authenticator, str], *args: Any) -> Result:
        """AUTHENTICATE, as :meth:`imap.Client.authenticate`."""
        return self._logged_in(await self.execute(self._authenticate_command(mechanism, args)))

    async def starttls(self, ssl_context: Optional[_ssl.SSLContext] = None) -> None:
        """STARTTLS. It needs ``asyncio.StreamWriter.start_tls`` (Python 3.11
        or later): on older Pythons it raises :class:`imap.UsageError` at
        once, before anything is sent (connect with ``ssl=True`` instead)."""
        writer = self._writer
        start_tls = getattr(writer, "start_tls", None)
        if writer is None or start_tls is None:
            raise UsageError(
                "STARTTLS with imap.aio needs Python 3.11 or later (asyncio.StreamWriter.start_tls); "
                "connect with ssl=True (implicit TLS, port 993) instead"
                if writer is not None
                else "the client is closed"
            )
        if ssl_context is not None:
            self._ssl_context = ssl_context
        await self.execute(_cmd.starttls())
        await asyncio.wait_for(start_tls(self._context(), server_hostname=self.host), self.timeout)
        self._capabilities = None

    async def logout(self) -> None:
        """LOGOUT, then closes the connection."""
        if self._writer is None:
            return
        try:
            await self.execute(_cmd.logout())
        except Error as e:
            if not e.fatal:
                raise
        finally:
            await self.close()

    async def select(self, mailbox: str, *, condstore: bool = False, readonly: bool = False) -> MailboxSummary:
        """SELECT (or EXAMINE when ``readonly``); returns a summary."""
        make = _cmd.examine if readonly else _cmd.select
        return self._summary(mailbox, await self.execute(make(mailbox, condstore=condstore)))

    async def examine(self, mailbox: str, *, condstore: bool = False) -> MailboxSummary:
        """EXAMINE (read-only SELECT); returns a summary."""
        return await self.select(mailbox, condstore=condstore, readonly=True)

    async def search(self, *criteria: Any, uid: bool = True, charset: Optional[str] = None) -> List[int]:
        """SEARCH (UID SEARCH by default), as :meth:`imap.Client.search`."""
        return self._search_ids(await self.execute(self._search_command(criteria, uid, charset)))

    async def fetch(
        self, messages: Any, items: Any = ("UID", "FLAGS", "ENVELOPE", "RFC822.SIZE"), *, uid: bool = True,
        changed_since: Optional[int] = None, body_sink: Optional[BodySink] = None,
    ) -> AsyncIterator[Fetch]:
        """FETCH as an async generator of :class:`imap.Fetch`; ``body_sink``
        receives the streamed body parts, as for :meth:`imap.Client.fetch`."""
        streamed = _StreamedParts(body_sink)
        async for ev in self.stream(_cmd.fetch(messages, items, uid=uid, changed_since=changed_since)):
            fetched = self._fetched(ev, streamed)
            if fetched is not None:
                yield fetched

    async def store(
        self, messages: Any, flags: Iterable[Union[str, Flag]], *, mode: str = "add", uid: bool = True,
        silent: bool = False, unchanged_since: Optional[int] = None,
    ) -> List[Fetch]:
        """STORE (UID STORE by default), as :meth:`imap.Client.store`."""
        cmd = _cmd.store(messages, mode, flags, uid=uid, silent=silent, unchanged_since=unchanged_since)
        return self._stored(await self.execute(cmd))

    async def append(
        self, mailbox: str, message: bytes, *, flags: Iterable[Union[str, Flag]] = (),
        date: Optional[datetime] = None,
    ) -> Optional[AppendUid]:
        """APPEND a message; returns the server's ``[APPENDUID]`` if it sent one."""
        return self._appended(await self.execute(_cmd.append(mailbox, message, flags=flags, date=date)))

    async def expunge(self) -> Result:
        """EXPUNGE."""
        return await self.execute(_cmd.expunge())

    async def list(self, reference: str = "", pattern: str = "*") -> List[MailboxList]:
        """LIST: the :class:`imap.MailboxList` responses."""
        return self._mailboxes(await self.execute(_cmd.list(reference, pattern)))

    async def idle(self, timeout: Optional[float] = None) -> AsyncIterator[Untagged]:
        """IDLE as an async generator of untagged responses; it ends after
        ``timeout`` seconds, or when the loop is left (``break``): IDLE is then
        ended with DONE and its tagged OK is read (for ``break``, when the
        generator is closed: ``async for`` in a ``contextlib.aclosing`` or an
        explicit ``await gen.aclose()`` does it at once, and the next command
        on the client does it otherwise)."""
        conn = self._c()
        if conn.busy:
            await self._drain()
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        stopped = False
        step = conn.run(_cmd.idle())
        try:
            while True:
                k = step.kind
                if k is StepKind.AWAIT_DST:
                    await self._flush()
                elif k is StepKind.AWAIT_SRC:
                    if stopped or deadline is None:
                        await self._fill(None if not stopped else self.timeout)
                    else:
                        remaining = deadline - loop.time()
                        if remaining <= 0:
                            stopped = True
                            conn.idle_stop()
                        else:
                            try:
                                await self._fill(remaining)
                            except Timeout:
                                stopped = True
                                conn.idle_stop()
                elif k is not StepKind.DONE:
                    event = self._on_step(step, "IDLE")
                    if isinstance(event, Result):
                        return
                    if isinstance(event, Untagged):
                        yield event
                step = conn.run()
        finally:
            if conn.busy and self._writer is not None:
                conn.idle_stop()
                try:
                    await self._drain()
                except (Error, OSError, asyncio.TimeoutError):
                    pass
