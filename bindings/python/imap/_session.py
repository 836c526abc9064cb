"""The sans-I/O core of :class:`imap.Client` and :class:`imap.aio.Client`:
what a command's steps mean (results, events, errors), what the client
learns from responses, how each method's command is built and its answer
read. The two clients add only the I/O: sockets or ``asyncio`` streams.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Callable, Dict, List, Optional, Sequence, Tuple, Union

from . import auth as _auth
from . import commands as _cmd
from .auth import Authenticator
from .commands import Command
from .errors import BadResponse, CommandError, Error, NetworkError, NoResponse, Timeout, TooManyUntagged, UsageError
from .search import All
from .types import (
    AppendUid,
    Capabilities,
    Capability,
    Code,
    CodeKind,
    Condition,
    Esearch,
    EsearchKind,
    Exists,
    Fetch,
    Flag,
    Flags,
    LiteralBegin,
    LiteralData,
    LiteralEnd,
    MailboxList,
    Recent,
    Search,
    Step,
    StepKind,
    Untagged,
    UntaggedKind,
)

__all__ = ["MailboxSummary", "Message", "Result", "MalformedCompletion", "BodySink", "BodyWriter"]

#: Where the bytes of one streamed body part go: a binary file (anything
#: with ``write``) or a callable taking each chunk.
BodyWriter = Union[BinaryIO, Callable[[bytes], Any]]
#: Called at the start of each streamed body part with its
#: :class:`imap.LiteralBegin` (sequence number, item such as ``"BODY[]"``,
#: size); returns the :data:`BodyWriter` for its bytes.
BodySink = Callable[[LiteralBegin], BodyWriter]


def _append_uid(r: Result) -> Optional[AppendUid]:
    """The ``[APPENDUID]`` of an APPEND's tagged OK, if the server sent one."""
    if r.code is not None and isinstance(r.code.value, AppendUid):
        return r.code.value
    return None


class _StreamedParts:
    """Hands the streamed literals of a FETCH to its ``body_sink``, chunk
    by chunk; nothing of them is kept."""

    def __init__(self, body_sink: Optional[BodySink]):
        self._sink = body_sink
        self._write: Optional[Callable[[bytes], Any]] = None

    def take(self, ev: Any) -> bool:
        """Whether ``ev`` was a streamed-literal event (and was handled)."""
        if isinstance(ev, LiteralData):
            if self._write is not None:
                self._write(ev.data)
            return True
        if isinstance(ev, LiteralBegin):
            if self._sink is None:
                raise UsageError(
                    f"{ev.item} of message {ev.seq} ({ev.size} bytes) is over the client's "
                    "Limits.stream_threshold: pass body_sink= to fetch() to receive it in chunks "
                    "(or raise the threshold to have it in the Fetch)"
                )
            target = self._sink(ev)
            write = getattr(target, "write", None)
            self._write = write if callable(write) else target  # type: ignore[assignment]
            return True
        if isinstance(ev, LiteralEnd):
            self._write = None
            return True
        return False


#: A decoded message, as :meth:`Client.fetch` yields it.
Message = Fetch


class MalformedCompletion(CommandError):
    """The command's tagged response did not parse (the command is over)."""

    status = "MALFORMED"


@dataclass(frozen=True)
class Result:
    """The outcome of a command: the tagged OK's code and text, and the
    untagged responses that arrived while it ran."""

    code: Optional[Code]
    text: str
    untagged: Tuple[Untagged, ...] = ()


@dataclass(frozen=True)
class MailboxSummary:
    """What SELECT/EXAMINE reported about a mailbox."""

    name: str
    exists: int = 0
    recent: int = 0
    flags: Tuple[Flag, ...] = ()
    permanent_flags: Tuple[Flag, ...] = ()
    uid_validity: Optional[int] = None
    uid_next: Optional[int] = None
    unseen: Optional[int] = None
    highest_modseq: Optional[int] = None
    read_only: bool = False
    untagged: Tuple[Untagged, ...] = field(default=(), repr=False)


def _default_port(use_ssl: bool) -> int:
    return 993 if use_ssl else 143


def _client_repr(cls: str, where: str, closed: bool, selected: Optional[MailboxSummary]) -> str:
    state = "closed" if closed else f"selected {selected.name!r}" if selected is not None else "open"
    return f"<{cls} {where} {state}>"


class _Session:
    """The part of a client that does no I/O: what it learns from responses
    (capabilities, the selected mailbox), where unsolicited responses go,
    what each step of a running command means, and the commands and answers
    of the methods both clients offer."""

    _capabilities: Optional[Tuple[Capability, ...]]
    selected: Optional[MailboxSummary]
    on_untagged: Optional[Callable[[Untagged], None]]
    max_untagged: int

    def _busy(self) -> bool:
        """Whether a command is still running on the connection."""
        raise NotImplementedError

    def _on_step(self, step: Step, name: str) -> Any:
        """What a step of the running command ``name`` (other than I/O)
        means: a :class:`Result` when the command is over (its tagged OK, or
        the go-ahead of STARTTLS); an event to hand on (an untagged response,
        learnt from on the way, or a streamed-literal event); or None.
        Raises :class:`imap.CommandError` for a NO, a BAD or a completion
        that does not parse."""
        k = step.kind
        if k is StepKind.UNTAGGED:
            self._learn(step.value)
            return step.value
        if k is StepKind.OK:
            self._learn_code(step.value.code)
            return Result(step.value.code, step.value.text)
        if k is StepKind.NO:
            raise NoResponse(step.value.text, step.value.code, name)
        if k is StepKind.BAD:
            raise BadResponse(step.value.text, step.value.code, name)
        if k is StepKind.STARTTLS:
            return Result(None, "")
        if k is StepKind.LITERAL_BEGIN:
            return step.value
        if k is StepKind.LITERAL_DATA:
            return LiteralData(step.value)
        if k is StepKind.LITERAL_END:
            return LiteralEnd()
        if k is StepKind.MALFORMED and not self._busy():
            raise MalformedCompletion(step.value.raw.decode("utf-8", "replace").strip(), None, name)
        if k is StepKind.DONE:
            raise Error(f"{name}: the connection is idle but the command has not completed")
        return None

    def _left_over(self, step: Step) -> bool:
        """A step of a command nobody waits for any more (a FETCH generator
        left unfinished, an IDLE left by its loop): its untagged responses
        go to ``on_untagged``. True when the connection is idle again."""
        if step.kind is StepKind.UNTAGGED:
            self._learn(step.value)
            self._passing(step.value)
        return step.kind is StepKind.DONE

    def _keep(self, collected: List[Untagged], event: Any, name: str) -> None:
        """Adds ``event`` to ``collected`` if it is an untagged response;
        :class:`imap.TooManyUntagged` past ``max_untagged`` (the caller then
        closes the connection)."""
        if isinstance(event, Untagged):
            if len(collected) >= self.max_untagged:
                raise TooManyUntagged(
                    f"{name}: more than max_untagged={self.max_untagged} untagged responses "
                    "(fetch() streams them; raise max_untagged for larger results)"
                )
            collected.append(event)

    @staticmethod
    def _io_error(e: BaseException) -> Error:
        """The binding's exception for a failed socket or stream call:
        :class:`imap.Timeout` when the client's timeout passed, else
        :class:`imap.NetworkError` (the caller closes the connection)."""
        if isinstance(e, (socket.timeout, TimeoutError, asyncio.TimeoutError)):
            return Timeout(str(e) or "timed out")
        return NetworkError(str(e) or type(e).__name__, getattr(e, "errno", None))

    # -- the methods' commands and answers --------------------------------------

    def _authenticate_command(self, mechanism: Union[Authenticator, str], args: Sequence[Any]) -> Command:
        """AUTHENTICATE with an authenticator, or by mechanism name."""
        if isinstance(mechanism, str):
            m = mechanism.upper()
            if m == "PLAIN":
                mechanism = _auth.plain(*args)
            elif m == "XOAUTH2":
                mechanism = _auth.xoauth2(*args)
            else:
                raise UsageError(f"unknown mechanism {mechanism!r}: pass an imap.auth.Authenticator")
        return _cmd.authenticate(mechanism)

    def _logged_in(self, r: Result) -> Result:
        """Forgets the capabilities after LOGIN/AUTHENTICATE unless the OK listed them."""
        if r.code is None or r.code.kind is not CodeKind.CAPABILITY:
            self._capabilities = None
        return r

    def _learn_all(self, r: Result) -> None:
        """Learns from every untagged response of ``r`` (CAPABILITY)."""
        for u in r.untagged:
            self._learn(u)

    @staticmethod
    def _search_command(criteria: Sequence[Any], uid: bool, charset: Optional[str]) -> Command:
        """SEARCH (ALL when no criteria)."""
        return _cmd.search(*(criteria or (All(),)), uid=uid, charset=charset)

    def _search_ids(self, r: Result) -> List[int]:
        """The numbers a SEARCH (or ESEARCH ALL) answered; other responses pass on."""
        ids: List[int] = []
        for u in r.untagged:
            if isinstance(u, Search):
                ids.extend(u.ids)
            elif isinstance(u, Esearch):
                for item in u.items:
                    if item.kind is EsearchKind.ALL and item.set is not None:
                        ids.extend(item.set)
            else:
                self._passing(u)
        return ids

    def _fetched(self, event: Any, streamed: _StreamedParts) -> Optional[Fetch]:
        """``event`` of a running FETCH if it is a :class:`imap.Fetch`;
        streamed literals go to the body sink, other responses pass on."""
        if isinstance(event, Fetch):
            return event
        if not streamed.take(event) and isinstance(event, Untagged):
            self._passing(event)
        return None

    def _stored(self, r: Result) -> List[Fetch]:
        """The FETCH responses (new flags) of a STORE; others pass on."""
        out: List[Fetch] = []
        for u in r.untagged:
            if isinstance(u, Fetch):
                out.append(u)
            else:
                self._passing(u)
        return out

    def _appended(self, r: Result) -> Optional[AppendUid]:
        """The ``[APPENDUID]`` of an APPEND's tagged OK, if the server sent
        one; the untagged responses pass on."""
        for u in r.untagged:
            self._passing(u)
        return _append_uid(r)

    @staticmethod
    def _mailboxes(r: Result) -> List[MailboxList]:
        """The LIST responses of a LIST."""
        return [u for u in r.untagged if isinstance(u, MailboxList)]

    def _learn(self, u: Untagged) -> None:
        if isinstance(u, Capabilities) and u.kind is UntaggedKind.CAPABILITY:
            self._capabilities = u.capabilities
        elif isinstance(u, Condition) and u.code is not None and u.code.kind is CodeKind.CAPABILITY:
            self._capabilities = u.code.value

    def _learn_code(self, code: Optional[Code]) -> None:
        if code is not None and code.kind is CodeKind.CAPABILITY:
            self._capabilities = code.value

    def _passing(self, u: Untagged) -> None:
        if self.on_untagged is not None:
            self.on_untagged(u)

    def _summary(self, name: str, r: Result) -> MailboxSummary:
        """The :class:`MailboxSummary` of a SELECT/EXAMINE; the client's ``selected``."""
        info: Dict[str, Any] = {}
        for u in r.untagged:
            if isinstance(u, Exists):
                info["exists"] = u.count
            elif isinstance(u, Recent):
                info["recent"] = u.count
            elif isinstance(u, Flags):
                info["flags"] = u.flags
            elif isinstance(u, Condition) and u.code is not None:
                k = u.code.kind
                if k is CodeKind.PERMANENT_FLAGS:
                    info["permanent_flags"] = u.code.value
                elif k is CodeKind.UID_VALIDITY:
                    info["uid_validity"] = u.code.value
                elif k is CodeKind.UID_NEXT:
                    info["uid_next"] = u.code.value
                elif k is CodeKind.UNSEEN:
                    info["unseen"] = u.code.value
                elif k is CodeKind.HIGHEST_MOD_SEQ:
                    info["highest_modseq"] = u.code.value
        read_only = r.code is not None and r.code.kind is CodeKind.READ_ONLY
        s = MailboxSummary(name=name, read_only=read_only, untagged=r.untagged, **info)
        self.selected = s
        return s


