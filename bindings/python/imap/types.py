"""The decoded values: enums and frozen dataclasses.

Conventions:

* numbers are ``int``;
* raw data (message contents, header values of an ENVELOPE, mailbox names as
  sent, unknown data) is ``bytes``; NIL is ``None``;
* text the protocol defines as text (keywords, capability and code names,
  response text, MIME tokens, label names) is ``str``, decoded from UTF-8
  with ``surrogateescape``, so ``s.encode("utf-8", "surrogateescape")``
  always gives back the exact bytes sent by the server;
* dates are timezone-aware :class:`datetime.datetime` values;
* lists are tuples.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Dict, Iterator, List, Optional, Tuple, Union, cast

from . import mutf7

__all__ = [
    "StepKind", "UntaggedKind", "CodeKind", "CapabilityKind", "FlagKind", "MailboxAttrKind",
    "ListExtendedKind", "StatusKind", "EsearchKind", "FetchKind", "BodyKind", "SectionKind",
    "Status", "SequenceSet", "Flag", "Capability", "Code", "AppendUid", "CopyUid", "OtherCode",
    "RespText", "MailboxAttr", "ListExtended", "Untagged", "Condition", "Capabilities", "Flags",
    "MailboxList", "StatusItem", "MailboxStatus", "Search", "EsearchItem", "Esearch", "ThreadNode",
    "Thread", "NamespaceDesc", "Namespace", "Id", "QuotaResource", "Quota", "QuotaRoot", "Acl",
    "ListRights", "MyRights", "Metadata", "Exists", "Recent", "Expunge", "Fetch", "Vanished",
    "UnknownResponse", "Address", "Envelope", "Disposition", "UnparsedExtension", "BodyStructure", "Section",
    "BodySection", "BinarySection", "BinarySize", "OtherItem", "FetchItem", "Tagged",
    "Continuation", "Malformed", "LiteralBegin", "LiteralData", "LiteralEnd", "Step",
    "Response", "Event",
]


def _text(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8", "surrogateescape")


def _mailbox_name(raw: bytes) -> str:
    """A mailbox name as sent, decoded: modified UTF-7, else UTF-8."""
    try:
        return mutf7.decode(raw)
    except ValueError:
        return raw.decode("utf-8", "surrogateescape")


class StepKind(enum.Enum):
    """What :meth:`Connection.run` returned (``imap_step_kind``)."""

    AWAIT_SRC = 0
    AWAIT_DST = 1
    DONE = 2
    UNTAGGED = 3
    OK = 4
    PREAUTH = 5
    NO = 6
    BAD = 7
    STARTTLS = 8
    LITERAL_BEGIN = 9
    LITERAL_DATA = 10
    LITERAL_END = 11
    MALFORMED = 12
    ERROR = 13


class UntaggedKind(enum.Enum):
    """Kinds of untagged responses (``imap_untagged_kind``)."""

    OK = 0
    NO = 1
    BAD = 2
    BYE = 3
    PREAUTH = 4
    CAPABILITY = 5
    ENABLED = 6
    FLAGS = 7
    LIST = 8
    LSUB = 9
    XLIST = 10
    STATUS = 11
    SEARCH = 12
    ESEARCH = 13
    SORT = 14
    THREAD = 15
    NAMESPACE = 16
    ID = 17
    QUOTA = 18
    QUOTA_ROOT = 19
    ACL = 20
    LIST_RIGHTS = 21
    MY_RIGHTS = 22
    METADATA = 23
    EXISTS = 24
    RECENT = 25
    EXPUNGE = 26
    FETCH = 27
    VANISHED = 28
    OTHER = 29


class CodeKind(enum.Enum):
    """Kinds of response codes, ``[ALERT]`` etc. (``imap_code_kind``)."""

    ALERT = 0
    BAD_CHARSET = 1
    CAPABILITY = 2
    PARSE = 3
    PERMANENT_FLAGS = 4
    READ_ONLY = 5
    READ_WRITE = 6
    TRY_CREATE = 7
    UID_NEXT = 8
    UID_VALIDITY = 9
    UNSEEN = 10
    APPEND_UID = 11
    COPY_UID = 12
    UID_NOT_STICKY = 13
    HIGHEST_MOD_SEQ = 14
    NO_MOD_SEQ = 15
    MODIFIED = 16
    CLOSED = 17
    COMPRESSION_ACTIVE = 18
    USE_ATTR = 19
    UNAVAILABLE = 20
    AUTHENTICATION_FAILED = 21
    AUTHORIZATION_FAILED = 22
    EXPIRED = 23
    PRIVACY_REQUIRED = 24
    CONTACT_ADMIN = 25
    NO_PERM = 26
    IN_USE = 27
    EXPUNGE_ISSUED = 28
    CORRUPTION = 29
    SERVER_BUG = 30
    CLIENT_BUG = 31
    CANNOT = 32
    LIMIT = 33
    OVER_QUOTA = 34
    ALREADY_EXISTS = 35
    NON_EXISTENT = 36
    NOT_SAVED = 37
    HAS_CHILDREN = 38
    UNKNOWN_CTE = 39
    TOO_BIG = 40
    BAD_URL = 41
    NO_UPDATE = 42
    MAILBOX_ID = 43
    METADATA_LONG_ENTRIES = 44
    METADATA_MAX_SIZE = 45
    METADATA_TOO_MANY = 46
    METADATA_NO_PRIVATE = 47
    NOTIFICATION_OVERFLOW = 48
    REFERRAL = 49
    OTHER = 50


class CapabilityKind(enum.Enum):
    """Kinds of capabilities (``imap_capability_kind``)."""

    IMAP4 = 0
    IMAP4REV1 = 1
    IMAP4REV2 = 2
    ACL = 3
    APPEND_LIMIT = 4
    AUTH = 5
    BINARY = 6
    CATENATE = 7
    CHILDREN = 8
    COMPRESS_DEFLATE = 9
    CONDSTORE = 10
    CONTEXT_SEARCH = 11
    CONTEXT_SORT = 12
    ENABLE = 13
    ESEARCH = 14
    ESORT = 15
    ID = 16
    IDLE = 17
    LIST_EXTENDED = 18
    LIST_STATUS = 19
    LITERAL_PLUS = 20
    LITERAL_MINUS = 21
    LOGIN_DISABLED = 22
    METADATA = 23
    METADATA_SERVER = 24
    MOVE = 25
    MULTI_APPEND = 26
    NAMESPACE = 27
    NOTIFY = 28
    OBJECT_ID = 29
    PARTIAL = 30
    PREVIEW = 31
    QRESYNC = 32
    QUOTA = 33
    QUOTA_RES = 34
    QUOTA_SET = 35
    QUOTE = 36
    SASL_IR = 37
    SAVE_DATE = 38
    SEARCH_RES = 39
    SORT = 40
    SORT_EXT = 41
    SPECIAL_USE = 42
    CREATE_SPECIAL_USE = 43
    STARTTLS = 44
    STATUS_SIZE = 45
    THREAD = 46
    UID_PLUS = 47
    UNAUTHENTICATE = 48
    UNSELECT = 49
    UTF8_ACCEPT = 50
    UTF8_ONLY = 51
    WITHIN = 52
    XLIST = 53
    XOAUTH2 = 54
    GMAIL = 55
    OTHER = 56


class FlagKind(enum.Enum):
    """Kinds of message flags (``imap_flag_kind``)."""

    ANSWERED = 0
    FLAGGED = 1
    DELETED = 2
    SEEN = 3
    DRAFT = 4
    RECENT = 5
    WILDCARD = 6
    KEYWORD = 7
    EXTENSION = 8
    #: Something in a server's flag list that is not a flag; ``name`` holds it as sent.
    UNPARSED = 9


class MailboxAttrKind(enum.Enum):
    """Kinds of LIST mailbox attributes (``imap_mailbox_attr_kind``)."""

    NOINFERIORS = 0
    NOSELECT = 1
    MARKED = 2
    UNMARKED = 3
    NON_EXISTENT = 4
    SUBSCRIBED = 5
    REMOTE = 6
    HAS_CHILDREN = 7
    HAS_NO_CHILDREN = 8
    ALL = 9
    ARCHIVE = 10
    DRAFTS = 11
    FLAGGED = 12
    JUNK = 13
    SENT = 14
    TRASH = 15
    IMPORTANT = 16
    EXTENSION = 17
    #: Something in an attribute list that is not an attribute; ``name`` holds it as sent.
    UNPARSED = 18


class ListExtendedKind(enum.Enum):
    """Kinds of LIST extended data items (``imap_list_extended_kind``)."""

    CHILD_INFO = 0
    OLD_NAME = 1
    OTHER = 2


class StatusKind(enum.Enum):
    """Kinds of STATUS items (``imap_status_kind``)."""

    MESSAGES = 0
    RECENT = 1
    UID_NEXT = 2
    UID_VALIDITY = 3
    UNSEEN = 4
    DELETED = 5
    SIZE = 6
    HIGHEST_MOD_SEQ = 7
    APPEND_LIMIT = 8
    MAILBOX_ID = 9
    DELETED_STORAGE = 10
    OTHER = 11


class EsearchKind(enum.Enum):
    """Kinds of ESEARCH items (``imap_esearch_kind``)."""

    MIN = 0
    MAX = 1
    ALL = 2
    COUNT = 3
    MOD_SEQ = 4
    OTHER = 5


class FetchKind(enum.Enum):
    """Kinds of FETCH data items (``imap_fetch_kind``)."""

    FLAGS = 0
    ENVELOPE = 1
    INTERNAL_DATE = 2
    RFC822_SIZE = 3
    RFC822 = 4
    RFC822_HEADER = 5
    RFC822_TEXT = 6
    BODY = 7
    BODY_STRUCTURE = 8
    BODY_SECTION = 9
    BINARY = 10
    BINARY_SIZE = 11
    UID = 12
    MOD_SEQ = 13
    EMAIL_ID = 14
    THREAD_ID = 15
    SAVE_DATE = 16
    PREVIEW = 17
    GM_MSG_ID = 18
    GM_THR_ID = 19
    GM_LABELS = 20
    OTHER = 21


class BodyKind(enum.Enum):
    """Kinds of body structures (``imap_body_kind``)."""

    BASIC = 0
    TEXT = 1
    MESSAGE = 2
    MULTIPART = 3


class SectionKind(enum.Enum):
    """What part of a body section (``imap_section_kind``)."""

    ALL = 0
    HEADER = 1
    HEADER_FIELDS = 2
    HEADER_FIELDS_NOT = 3
    TEXT = 4
    MIME = 5


class Status(enum.Enum):
    """The status word of a tagged response."""

    OK = 0
    NO = 1
    BAD = 2


# ---------------------------------------------------------------------------
# Small values


@dataclass(frozen=True)
class SequenceSet:
    """A sequence set as sent: ranges ``(start, end)``, ``None`` for ``*``.

    ``str()`` gives the IMAP form (``1,3:5,9:*``); iterating gives the
    numbers of the finite ranges in order.
    """

    ranges: Tuple[Tuple[Optional[int], Optional[int]], ...]

    def __str__(self) -> str:
        def one(n: Optional[int]) -> str:
            return "*" if n is None else str(n)

        return ",".join(one(a) if a == b else f"{one(a)}:{one(b)}" for a, b in self.ranges)

    def __iter__(self) -> Iterator[int]:
        for a, b in self.ranges:
            if a is None or b is None:
                raise ValueError(f"sequence set {self} contains *")
            lo, hi = (a, b) if a <= b else (b, a)
            yield from range(lo, hi + 1)

    def __len__(self) -> int:
        return sum(abs((b or 0) - (a or 0)) + 1 for a, b in self.ranges)

    def __contains__(self, n: object) -> bool:
        for a, b in self.ranges:
            lo, hi = (a, b) if (a or 0) <= (b or 0) else (b, a)
            if isinstance(n, int) and (lo is None or lo <= n) and (hi is None or n <= hi):
                return True
        return False


@dataclass(frozen=True)
class Flag:
    """A message flag. ``str()`` gives its wire form (``\\\\Seen``, ``$Forwarded``).

    The system flags are class attributes: ``Flag.SEEN``, ``Flag.ANSWERED``,
    ``Flag.FLAGGED``, ``Flag.DELETED``, ``Flag.DRAFT``, ``Flag.RECENT``,
    ``Flag.WILDCARD`` (``\\\\*``).
    """

    kind: FlagKind
    name: Optional[str] = None

    ANSWERED: ClassVar["Flag"]
    FLAGGED: ClassVar["Flag"]
    DELETED: ClassVar["Flag"]
    SEEN: ClassVar["Flag"]
    DRAFT: ClassVar["Flag"]
    RECENT: ClassVar["Flag"]
    WILDCARD: ClassVar["Flag"]

    @classmethod
    def keyword(cls, name: str) -> "Flag":
        """A keyword such as ``$Forwarded``."""
        return cls(FlagKind.KEYWORD, name)

    @classmethod
    def extension(cls, name: str) -> "Flag":
        """Another ``\\\\Name`` flag (give the name without the backslash)."""
        return cls(FlagKind.EXTENSION, name)

    @classmethod
    def parse(cls, text: Union[str, "Flag"]) -> "Flag":
        """A flag from its wire form: ``\\\\Seen``, ``\\\\*``, ``$Label``, or a Flag."""
        if isinstance(text, Flag):
            return text
        if not isinstance(text, str):
            raise TypeError(f"a flag is a str or a Flag, not {type(text).__name__}")
        if text.startswith("\\"):
            name = text[1:]
            if name == "*":
                return cls.WILDCARD
            sys = _SYSTEM_FLAGS.get(name.lower())
            return sys if sys is not None else cls(FlagKind.EXTENSION, name)
        return cls(FlagKind.KEYWORD, text)

    def __repr__(self) -> str:
        return f"Flag({str(self)!r})"

    def __str__(self) -> str:
        if self.kind in (FlagKind.KEYWORD, FlagKind.UNPARSED):
            return self.name or ""
        if self.kind is FlagKind.EXTENSION:
            return "\\" + (self.name or "")
        if self.kind is FlagKind.WILDCARD:
            return "\\*"
        return "\\" + self.kind.name.capitalize()


Flag.ANSWERED = Flag(FlagKind.ANSWERED)
Flag.FLAGGED = Flag(FlagKind.FLAGGED)
Flag.DELETED = Flag(FlagKind.DELETED)
Flag.SEEN = Flag(FlagKind.SEEN)
Flag.DRAFT = Flag(FlagKind.DRAFT)
Flag.RECENT = Flag(FlagKind.RECENT)
Flag.WILDCARD = Flag(FlagKind.WILDCARD)
_SYSTEM_FLAGS = {
    "answered": Flag.ANSWERED,
    "flagged": Flag.FLAGGED,
    "deleted": Flag.DELETED,
    "seen": Flag.SEEN,
    "draft": Flag.DRAFT,
    "recent": Flag.RECENT,
}

#: Wire names of the capabilities without a value.
CAPABILITY_NAMES: Dict[CapabilityKind, str] = {
    CapabilityKind.IMAP4: "IMAP4",
    CapabilityKind.IMAP4REV1: "IMAP4rev1",
    CapabilityKind.IMAP4REV2: "IMAP4rev2",
    CapabilityKind.ACL: "ACL",
    CapabilityKind.APPEND_LIMIT: "APPENDLIMIT",
    CapabilityKind.AUTH: "AUTH",
    CapabilityKind.BINARY: "BINARY",
    CapabilityKind.CATENATE: "CATENATE",
    CapabilityKind.CHILDREN: "CHILDREN",
    CapabilityKind.COMPRESS_DEFLATE: "COMPRESS=DEFLATE",
    CapabilityKind.CONDSTORE: "CONDSTORE",
    CapabilityKind.CONTEXT_SEARCH: "CONTEXT=SEARCH",
    CapabilityKind.CONTEXT_SORT: "CONTEXT=SORT",
    CapabilityKind.ENABLE: "ENABLE",
    CapabilityKind.ESEARCH: "ESEARCH",
    CapabilityKind.ESORT: "ESORT",
    CapabilityKind.ID: "ID",
    CapabilityKind.IDLE: "IDLE",
    CapabilityKind.LIST_EXTENDED: "LIST-EXTENDED",
    CapabilityKind.LIST_STATUS: "LIST-STATUS",
    CapabilityKind.LITERAL_PLUS: "LITERAL+",
    CapabilityKind.LITERAL_MINUS: "LITERAL-",
    CapabilityKind.LOGIN_DISABLED: "LOGINDISABLED",
    CapabilityKind.METADATA: "METADATA",
    CapabilityKind.METADATA_SERVER: "METADATA-SERVER",
    CapabilityKind.MOVE: "MOVE",
    CapabilityKind.MULTI_APPEND: "MULTIAPPEND",
    CapabilityKind.NAMESPACE: "NAMESPACE",
    CapabilityKind.NOTIFY: "NOTIFY",
    CapabilityKind.OBJECT_ID: "OBJECTID",
    CapabilityKind.PARTIAL: "PARTIAL",
    CapabilityKind.PREVIEW: "PREVIEW",
    CapabilityKind.QRESYNC: "QRESYNC",
    CapabilityKind.QUOTA: "QUOTA",
    CapabilityKind.QUOTA_RES: "QUOTA=RES-",
    CapabilityKind.QUOTA_SET: "QUOTASET",
    CapabilityKind.QUOTE: "QUOTE",
    CapabilityKind.SASL_IR: "SASL-IR",
    CapabilityKind.SAVE_DATE: "SAVEDATE",
    CapabilityKind.SEARCH_RES: "SEARCHRES",
    CapabilityKind.SORT: "SORT",
    CapabilityKind.SORT_EXT: "SORT=",
    CapabilityKind.SPECIAL_USE: "SPECIAL-USE",
    CapabilityKind.CREATE_SPECIAL_USE: "CREATE-SPECIAL-USE",
    CapabilityKind.STARTTLS: "STARTTLS",
    CapabilityKind.STATUS_SIZE: "STATUS=SIZE",
    CapabilityKind.THREAD: "THREAD=",
    CapabilityKind.UID_PLUS: "UIDPLUS",
    CapabilityKind.UNAUTHENTICATE: "UNAUTHENTICATE",
    CapabilityKind.UNSELECT: "UNSELECT",
    CapabilityKind.UTF8_ACCEPT: "UTF8=ACCEPT",
    CapabilityKind.UTF8_ONLY: "UTF8=ONLY",
    CapabilityKind.WITHIN: "WITHIN",
    CapabilityKind.XLIST: "XLIST",
    CapabilityKind.XOAUTH2: "XOAUTH2",
    CapabilityKind.GMAIL: "X-GM-EXT-1",
}


@dataclass(frozen=True)
class Capability:
    """A capability. ``value`` holds the mechanism of ``AUTH=``, the resource
    of ``QUOTA=RES-``, the extension of ``SORT=``, the algorithm of
    ``THREAD=``, or the whole name of an unknown one; ``number`` the limit of
    ``APPENDLIMIT=n``. ``str()`` gives the wire form; comparing with a
    ``str`` is case-insensitive on that form (``cap == "IDLE"``).
    """

    kind: CapabilityKind
    value: Optional[str] = None
    number: Optional[int] = None

    def __str__(self) -> str:
        k = self.kind
        if k is CapabilityKind.OTHER:
            return self.value or ""
        if k is CapabilityKind.AUTH:
            return f"AUTH={self.value}"
        if k is CapabilityKind.APPEND_LIMIT:
            return "APPENDLIMIT" if self.number is None else f"APPENDLIMIT={self.number}"
        if k in (CapabilityKind.QUOTA_RES, CapabilityKind.SORT_EXT, CapabilityKind.THREAD):
            return CAPABILITY_NAMES[k] + (self.value or "")
        return CAPABILITY_NAMES[k]

    def __repr__(self) -> str:
        return f"Capability({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return str(self).upper() == other.upper()
        if isinstance(other, Capability):
            return (self.kind, self.value, self.number) == (other.kind, other.value, other.number)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self).upper())


@dataclass(frozen=True)
class AppendUid:
    """``[APPENDUID uidvalidity uids]``."""

    uid_validity: int
    uids: SequenceSet


@dataclass(frozen=True)
class CopyUid:
    """``[COPYUID uidvalidity source dest]``."""

    uid_validity: int
    source: SequenceSet
    dest: SequenceSet


@dataclass(frozen=True)
class OtherCode:
    """An unknown response code: its atom and the text up to ``]`` (or None)."""

    name: str
    text: Optional[bytes]


@dataclass(frozen=True)
class Code:
    """A response code. ``value`` depends on ``kind``:

    * ``UID_NEXT``, ``UID_VALIDITY``, ``UNSEEN``, ``HIGHEST_MOD_SEQ``,
      ``METADATA_LONG_ENTRIES``, ``METADATA_MAX_SIZE``: ``int``;
    * ``MODIFIED``: :class:`SequenceSet`;
    * ``BAD_URL``, ``NO_UPDATE``, ``MAILBOX_ID``, ``REFERRAL``: ``str``;
    * ``BAD_CHARSET``: tuple of ``str``;
    * ``CAPABILITY``: tuple of :class:`Capability`;
    * ``PERMANENT_FLAGS``: tuple of :class:`Flag`;
    * ``APPEND_UID``: :class:`AppendUid`; ``COPY_UID``: :class:`CopyUid`;
    * ``OTHER``: :class:`OtherCode`;
    * the others: ``None``.
    """

    kind: CodeKind
    value: Any = None


@dataclass(frozen=True)
class RespText:
    """A response code (or None) and the human-readable text."""

    code: Optional[Code]
    text: str


@dataclass(frozen=True)
class MailboxAttr:
    """A mailbox attribute of LIST/LSUB/XLIST; ``name`` for extensions
    (without the backslash)."""

    kind: MailboxAttrKind
    name: Optional[str] = None

    def __str__(self) -> str:
        if self.kind is MailboxAttrKind.EXTENSION:
            return "\\" + (self.name or "")
        if self.kind is MailboxAttrKind.UNPARSED:
            return self.name or ""
        return "\\" + _ATTR_WIRE[self.kind]


_ATTR_WIRE = {
    MailboxAttrKind.NOINFERIORS: "Noinferiors",
    MailboxAttrKind.NOSELECT: "Noselect",
    MailboxAttrKind.MARKED: "Marked",
    MailboxAttrKind.UNMARKED: "Unmarked",
    MailboxAttrKind.NON_EXISTENT: "NonExistent",
    MailboxAttrKind.SUBSCRIBED: "Subscribed",
    MailboxAttrKind.REMOTE: "Remote",
    MailboxAttrKind.HAS_CHILDREN: "HasChildren",
    MailboxAttrKind.HAS_NO_CHILDREN: "HasNoChildren",
    MailboxAttrKind.ALL: "All",
    MailboxAttrKind.ARCHIVE: "Archive",
    MailboxAttrKind.DRAFTS: "Drafts",
    MailboxAttrKind.FLAGGED: "Flagged",
    MailboxAttrKind.JUNK: "Junk",
    MailboxAttrKind.SENT: "Sent",
    MailboxAttrKind.TRASH: "Trash",
    MailboxAttrKind.IMPORTANT: "Important",
}


@dataclass(frozen=True)
class ListExtended:
    """A LIST-EXTENDED item: ``CHILDINFO`` (values), ``OLDNAME`` (one value),
    or another (``tag`` and its raw value)."""

    kind: ListExtendedKind
    tag: Optional[str]
    values: Tuple[bytes, ...]


# ---------------------------------------------------------------------------
# Untagged responses


class Untagged:
    """Base class of every untagged response; ``kind`` says which."""

    kind: UntaggedKind


@dataclass(frozen=True)
class Condition(Untagged):
    """``* OK``, ``* NO``, ``* BAD``, ``* BYE`` or ``* PREAUTH`` with its code and text."""

    kind: UntaggedKind
    code: Optional[Code]
    text: str


@dataclass(frozen=True)
class Capabilities(Untagged):
    """``* CAPABILITY ...`` or ``* ENABLED ...``."""

    kind: UntaggedKind
    capabilities: Tuple[Capability, ...]


@dataclass(frozen=True)
class Flags(Untagged):
    """``* FLAGS (...)``."""

    flags: Tuple[Flag, ...]
    kind = UntaggedKind.FLAGS


@dataclass(frozen=True)
class MailboxList(Untagged):
    """``* LIST``, ``* LSUB`` or ``* XLIST``. ``raw_name`` is the name as sent;
    ``name`` decodes it (modified UTF-7, else UTF-8). ``delimiter`` is None for NIL."""

    kind: UntaggedKind
    attributes: Tuple[MailboxAttr, ...]
    delimiter: Optional[str]
    raw_name: bytes
    extended: Tuple[ListExtended, ...] = ()

    @property
    def name(self) -> str:
        """The mailbox name, decoded from modified UTF-7 (or UTF-8)."""
        return _mailbox_name(self.raw_name)

    def has(self, attr: MailboxAttrKind) -> bool:
        """Whether the mailbox has the attribute."""
        return any(a.kind is attr for a in self.attributes)


@dataclass(frozen=True)
class StatusItem:
    """A STATUS item. ``number`` is None for ``APPENDLIMIT NIL``, MAILBOXID
    and unknown items; ``text`` holds the MAILBOXID or an unknown item's raw
    value, ``name`` an unknown item's name."""

    kind: StatusKind
    number: Optional[int] = None
    name: Optional[str] = None
    text: Optional[bytes] = None


@dataclass(frozen=True)
class MailboxStatus(Untagged):
    """``* STATUS mailbox (...)``; ``get(StatusKind.MESSAGES)`` reads a number."""

    raw_mailbox: bytes
    items: Tuple[StatusItem, ...]
    kind = UntaggedKind.STATUS

    @property
    def mailbox(self) -> str:
        """The mailbox name, decoded from modified UTF-7 (or UTF-8)."""
        return _mailbox_name(self.raw_mailbox)

    def get(self, kind: StatusKind, default: Optional[int] = None) -> Optional[int]:
        """The value of the status item ``kind``, or ``default``."""
        for item in self.items:
            if item.kind is kind:
                return item.number
        return default


@dataclass(frozen=True)
class Search(Untagged):
    """``* SEARCH ...`` or ``* SORT ...``; ``modseq`` is CONDSTORE's ``(MODSEQ n)``."""

    kind: UntaggedKind
    ids: Tuple[int, ...]
    modseq: Optional[int] = None


@dataclass(frozen=True)
class EsearchItem:
    """An ESEARCH item: ``number`` (MIN, MAX, COUNT, MODSEQ), ``set`` (ALL),
    or ``name`` and raw ``value`` (others)."""

    kind: EsearchKind
    number: Optional[int] = None
    set: Optional[SequenceSet] = None
    name: Optional[str] = None
    value: Optional[bytes] = None


@dataclass(frozen=True)
class Esearch(Untagged):
    """``* ESEARCH``: the correlator ``tag`` (or None), whether the numbers are UIDs."""

    tag: Optional[str]
    uid: bool
    items: Tuple[EsearchItem, ...]
    kind = UntaggedKind.ESEARCH


@dataclass(frozen=True)
class ThreadNode:
    """A THREAD node: a chain of messages, then the sub-threads of the last."""

    members: Tuple[int, ...]
    children: Tuple["ThreadNode", ...] = ()


@dataclass(frozen=True)
class Thread(Untagged):
    """``* THREAD ...``."""

    threads: Tuple[ThreadNode, ...]
    kind = UntaggedKind.THREAD


@dataclass(frozen=True)
class NamespaceDesc:
    """One namespace: prefix, delimiter (None for NIL), and extensions,
    each a tuple of a name then its values."""

    prefix: bytes
    delimiter: Optional[str]
    extensions: Tuple[Tuple[bytes, ...], ...] = ()


@dataclass(frozen=True)
class Namespace(Untagged):
    """``* NAMESPACE``: personal, other users', shared (each None for NIL)."""

    personal: Optional[Tuple[NamespaceDesc, ...]]
    other: Optional[Tuple[NamespaceDesc, ...]]
    shared: Optional[Tuple[NamespaceDesc, ...]]
    kind = UntaggedKind.NAMESPACE


@dataclass(frozen=True)
class Id(Untagged):
    """``* ID``: the (name, value) fields, or None for ``ID NIL``."""

    fields: Optional[Tuple[Tuple[str, Optional[str]], ...]]
    kind = UntaggedKind.ID

    def as_dict(self) -> Dict[str, Optional[str]]:
        """The fields as a dict (empty for ``ID NIL``)."""
        return dict(self.fields or ())


@dataclass(frozen=True)
class QuotaResource:
    """A quota resource: name, usage, limit."""

    name: str
    usage: int
    limit: int


@dataclass(frozen=True)
class Quota(Untagged):
    """``* QUOTA root (...)``."""

    root: bytes
    resources: Tuple[QuotaResource, ...]
    kind = UntaggedKind.QUOTA


@dataclass(frozen=True)
class QuotaRoot(Untagged):
    """``* QUOTAROOT mailbox root...``."""

    raw_mailbox: bytes
    roots: Tuple[bytes, ...]
    kind = UntaggedKind.QUOTA_ROOT

    @property
    def mailbox(self) -> str:
        """The mailbox name, decoded from modified UTF-7 (or UTF-8)."""
        return _mailbox_name(self.raw_mailbox)


@dataclass(frozen=True)
class Acl(Untagged):
    """``* ACL mailbox (identifier rights)...``."""

    raw_mailbox: bytes
    entries: Tuple[Tuple[bytes, bytes], ...]
    kind = UntaggedKind.ACL

    @property
    def mailbox(self) -> str:
        """The mailbox name, decoded from modified UTF-7 (or UTF-8)."""
        return _mailbox_name(self.raw_mailbox)


@dataclass(frozen=True)
class ListRights(Untagged):
    """``* LISTRIGHTS mailbox identifier required optional...``."""

    raw_mailbox: bytes
    identifier: bytes
    required: bytes
    optional: Tuple[bytes, ...]
    kind = UntaggedKind.LIST_RIGHTS

    @property
    def mailbox(self) -> str:
        """The mailbox name, decoded from modified UTF-7 (or UTF-8)."""
        return _mailbox_name(self.raw_mailbox)


@dataclass(frozen=True)
class MyRights(Untagged):
    """``* MYRIGHTS mailbox rights``."""

    raw_mailbox: bytes
    rights: bytes
    kind = UntaggedKind.MY_RIGHTS

    @property
    def mailbox(self) -> str:
        """The mailbox name, decoded from modified UTF-7 (or UTF-8)."""
        return _mailbox_name(self.raw_mailbox)


@dataclass(frozen=True)
class Metadata(Untagged):
    """``* METADATA``: ``values`` ((entry, value or None)...) in answer to
    GETMETADATA, or ``changed`` (entries) when unsolicited."""

    raw_mailbox: bytes
    values: Optional[Tuple[Tuple[bytes, Optional[bytes]], ...]]
    changed: Optional[Tuple[bytes, ...]]
    kind = UntaggedKind.METADATA

    @property
    def mailbox(self) -> str:
        """The mailbox name, decoded from modified UTF-7 (or UTF-8)."""
        return _mailbox_name(self.raw_mailbox)


@dataclass(frozen=True)
class Exists(Untagged):
    """``* n EXISTS``."""

    count: int
    kind = UntaggedKind.EXISTS


@dataclass(frozen=True)
class Recent(Untagged):
    """``* n RECENT``."""

    count: int
    kind = UntaggedKind.RECENT


@dataclass(frozen=True)
class Expunge(Untagged):
    """``* n EXPUNGE``."""

    seq: int
    kind = UntaggedKind.EXPUNGE


@dataclass(frozen=True)
class Vanished(Untagged):
    """``* VANISHED [(EARLIER)] uids``."""

    earlier: bool
    uids: SequenceSet
    kind = UntaggedKind.VANISHED


@dataclass(frozen=True)
class UnknownResponse(Untagged):
    """Any other untagged response: leading number (or None), keyword, the rest verbatim."""

    number: Optional[int]
    name: str
    rest: bytes
    kind = UntaggedKind.OTHER


# ---------------------------------------------------------------------------
# FETCH


@dataclass(frozen=True)
class Address:
    """An ENVELOPE address; each field is bytes or None (NIL). An address
    that did not parse has its bytes verbatim in ``unparsed`` and the other
    fields None."""

    name: Optional[bytes]
    adl: Optional[bytes]
    mailbox: Optional[bytes]
    host: Optional[bytes]
    unparsed: Optional[bytes] = None

    @property
    def email(self) -> str:
        """``mailbox@host`` as text (empty parts for NIL)."""
        m = (self.mailbox or b"").decode("utf-8", "replace")
        if self.host is None:
            return m
        return m + "@" + self.host.decode("utf-8", "replace")

    @property
    def display_name(self) -> str:
        """The display name, RFC 2047 encoded words decoded ("" for NIL)."""
        from .headers import decode_header

        return decode_header(self.name) if self.name is not None else ""

    def __str__(self) -> str:
        name = self.display_name
        return f'"{name}" <{self.email}>' if name else f"<{self.email}>"


@dataclass(frozen=True)
class Envelope:
    """An ENVELOPE. Header values are raw bytes (None for NIL); an address
    list sent as NIL is an empty tuple. ``subject_text`` decodes the subject."""

    date: Optional[bytes]
    subject: Optional[bytes]
    from_: Tuple[Address, ...]
    sender: Tuple[Address, ...]
    reply_to: Tuple[Address, ...]
    to: Tuple[Address, ...]
    cc: Tuple[Address, ...]
    bcc: Tuple[Address, ...]
    in_reply_to: Optional[bytes]
    message_id: Optional[bytes]

    @property
    def subject_text(self) -> str:
        """The subject with RFC 2047 encoded words decoded ("" for NIL)."""
        from .headers import decode_header

        return decode_header(self.subject) if self.subject is not None else ""


@dataclass(frozen=True)
class Disposition:
    """A Content-Disposition: its kind and parameters."""

    kind: str
    params: Tuple[Tuple[str, Optional[str]], ...]


@dataclass(frozen=True)
class UnparsedExtension:
    """Extension data of a body part that did not parse, as sent (an
    element of ``BodyStructure.extensions``)."""

    raw: bytes


@dataclass(frozen=True)
class BodyStructure:
    """A BODY or BODYSTRUCTURE. For ``MULTIPART`` only ``subtype``, ``parts``
    and the extension data are set; ``TEXT`` and ``MESSAGE`` have ``lines``;
    ``MESSAGE`` has ``envelope`` and ``body``. ``has_extension`` says whether
    the server sent extension data (``md5``... ``extensions``); for a
    multipart, ``params`` are its extension parameters. ``extensions`` holds
    further extension data as str, int, None or nested tuples."""

    kind: BodyKind
    media_type: Optional[str]
    subtype: str
    params: Tuple[Tuple[str, Optional[str]], ...] = ()
    id: Optional[str] = None
    description: Optional[str] = None
    encoding: Optional[str] = None
    octets: int = 0
    lines: int = 0
    envelope: Optional[Envelope] = None
    body: Optional["BodyStructure"] = None
    parts: Tuple["BodyStructure", ...] = ()
    has_extension: bool = False
    md5: Optional[str] = None
    disposition: Optional[Disposition] = None
    language: Tuple[str, ...] = ()
    location: Optional[str] = None
    extensions: Tuple[Any, ...] = ()

    @property
    def mime_type(self) -> str:
        """``type/subtype`` in lower case (``multipart/...`` for multiparts)."""
        t = "multipart" if self.kind is BodyKind.MULTIPART else (self.media_type or "")
        return f"{t}/{self.subtype}".lower()

    def walk(self) -> Iterator[Tuple[Tuple[int, ...], "BodyStructure"]]:
        """Yields (part number, part) for this part and every part inside it."""

        def go(b: BodyStructure, path: Tuple[int, ...]) -> Iterator[Tuple[Tuple[int, ...], BodyStructure]]:
            yield path, b
            if b.kind is BodyKind.MULTIPART:
                for i, p in enumerate(b.parts, 1):
                    yield from go(p, path + (i,))
            elif b.kind is BodyKind.MESSAGE and b.body is not None:
                inner = b.body
                if inner.kind is BodyKind.MULTIPART:
                    for i, p in enumerate(inner.parts, 1):
                        yield from go(p, path + (i,))
                else:
                    yield from go(inner, path + (1,))

        return go(self, ())


@dataclass(frozen=True)
class Section:
    """A body section: part path (``(1, 2)`` is ``1.2``), what of it, and
    header field names. ``str()`` gives the wire form inside ``[...]``."""

    part: Tuple[int, ...] = ()
    kind: SectionKind = SectionKind.ALL
    fields: Tuple[str, ...] = ()

    def __str__(self) -> str:
        parts = [str(n) for n in self.part]
        k = self.kind
        if k is SectionKind.HEADER:
            parts.append("HEADER")
        elif k is SectionKind.TEXT:
            parts.append("TEXT")
        elif k is SectionKind.MIME:
            parts.append("MIME")
        elif k in (SectionKind.HEADER_FIELDS, SectionKind.HEADER_FIELDS_NOT):
            name = "HEADER.FIELDS" if k is SectionKind.HEADER_FIELDS else "HEADER.FIELDS.NOT"
            parts.append(f"{name} ({' '.join(self.fields)})")
        return ".".join(parts)


@dataclass(frozen=True)
class BodySection:
    """``BODY[section]<origin>`` data (None for NIL; empty when streamed)."""

    section: Section
    origin: Optional[int]
    data: Optional[bytes]


@dataclass(frozen=True)
class BinarySection:
    """``BINARY[part]<origin>`` data."""

    part: Tuple[int, ...]
    origin: Optional[int]
    data: Optional[bytes]


@dataclass(frozen=True)
class BinarySize:
    """``BINARY.SIZE[part]``."""

    part: Tuple[int, ...]
    size: int


@dataclass(frozen=True)
class OtherItem:
    """An unknown FETCH item: name and raw value."""

    name: str
    value: bytes


@dataclass(frozen=True)
class FetchItem:
    """One FETCH data item. ``value`` depends on ``kind``:

    ``FLAGS``: tuple of :class:`Flag`; ``ENVELOPE``: :class:`Envelope`;
    ``INTERNAL_DATE``: ``datetime``; ``SAVE_DATE``: ``datetime`` or None;
    ``RFC822_SIZE``, ``UID``, ``MOD_SEQ``, ``GM_MSG_ID``, ``GM_THR_ID``: ``int``;
    ``RFC822``, ``RFC822_HEADER``, ``RFC822_TEXT``: ``bytes`` or None;
    ``BODY``, ``BODY_STRUCTURE``: :class:`BodyStructure`;
    ``BODY_SECTION``: :class:`BodySection`; ``BINARY``: :class:`BinarySection`;
    ``BINARY_SIZE``: :class:`BinarySize`; ``EMAIL_ID``: ``str``;
    ``THREAD_ID``, ``PREVIEW``: ``str`` or None; ``GM_LABELS``: tuple of ``str``;
    ``OTHER``: :class:`OtherItem`.
    """

    kind: FetchKind
    value: Any


#: The key, in the dict of a lazily decoded :class:`Fetch`, of the call that
#: converts its items when first read (see ``imap._fast.response``).
LAZY_ITEMS = "_lazy_items"


@dataclass(frozen=True)
class Fetch(Untagged):
    """``* n FETCH (...)``: the message sequence number and its items, with
    shortcuts for the common ones (None when the item is absent)."""

    seq: int
    items: Tuple[FetchItem, ...]
    kind = UntaggedKind.FETCH

    if not TYPE_CHECKING:  # for mypy, a Fetch has only the attributes above

        def __getattr__(self, name: str) -> Any:
            # Reached only for an attribute missing from the instance dict:
            # the items of a FETCH that imap.Decoder decoded lazily, which
            # are converted on first read (the instance dict holds the
            # converter under LAZY_ITEMS until then).
            convert = self.__dict__.get(LAZY_ITEMS) if name == "items" else None
            if convert is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            return convert(self)

    def __getstate__(self) -> Dict[str, Any]:
        """Pickled as its fields (a lazily decoded FETCH is converted first)."""
        return {"seq": self.seq, "items": self.items}

    def get(self, kind: FetchKind, default: Any = None) -> Any:
        """The value of the first item of ``kind``."""
        for item in self.items:
            if item.kind is kind:
                return item.value
        return default

    @property
    def uid(self) -> Optional[int]:
        """The UID, if fetched."""
        return cast("Optional[int]", self.get(FetchKind.UID))

    @property
    def flags(self) -> Optional[Tuple[Flag, ...]]:
        """The FLAGS, if fetched."""
        return cast("Optional[Tuple[Flag, ...]]", self.get(FetchKind.FLAGS))

    @property
    def envelope(self) -> Optional[Envelope]:
        """The ENVELOPE, if fetched."""
        return cast("Optional[Envelope]", self.get(FetchKind.ENVELOPE))

    @property
    def internal_date(self) -> Optional[datetime]:
        """The INTERNALDATE, if fetched."""
        return cast("Optional[datetime]", self.get(FetchKind.INTERNAL_DATE))

    @property
    def size(self) -> Optional[int]:
        """The RFC822.SIZE, if fetched."""
        return cast("Optional[int]", self.get(FetchKind.RFC822_SIZE))

    @property
    def modseq(self) -> Optional[int]:
        """The MODSEQ (RFC 7162), if fetched."""
        return cast("Optional[int]", self.get(FetchKind.MOD_SEQ))

    @property
    def body_structure(self) -> Optional[BodyStructure]:
        """The BODYSTRUCTURE (or BODY), if fetched."""
        b = self.get(FetchKind.BODY_STRUCTURE)
        return cast("Optional[BodyStructure]", b if b is not None else self.get(FetchKind.BODY))

    @property
    def rfc822(self) -> Optional[bytes]:
        """The RFC822 data, if fetched."""
        return cast("Optional[bytes]", self.get(FetchKind.RFC822))

    def section(self, spec: Union[str, Section] = "") -> Optional[bytes]:
        """The data of ``BODY[spec]`` (e.g. ``""``, ``"HEADER"``, ``"1.2"``), if present."""
        want = str(spec).upper()
        for item in self.items:
            if item.kind is FetchKind.BODY_SECTION and str(item.value.section).upper() == want:
                return cast(Optional[bytes], item.value.data)
        return None

    @property
    def sections(self) -> Dict[str, Optional[bytes]]:
        """Every ``BODY[...]`` item's data by its section's wire form."""
        return {str(i.value.section): i.value.data for i in self.items if i.kind is FetchKind.BODY_SECTION}


# ---------------------------------------------------------------------------
# Other responses and events


@dataclass(frozen=True)
class Tagged:
    """A tagged response (from :class:`Decoder`)."""

    tag: str
    status: Status
    code: Optional[Code]
    text: str


@dataclass(frozen=True)
class Continuation:
    """A continuation request ``+ ...`` (from :class:`Decoder`)."""

    code: Optional[Code]
    text: str


@dataclass(frozen=True)
class Malformed:
    """A response that did not parse, skipped: its offset in the input
    stream, its bytes, and the offset of the error within them."""

    offset: int
    raw: bytes
    error_offset: int


@dataclass(frozen=True)
class LiteralBegin:
    """A streamed literal starts: the FETCH sequence number (if any), the item
    (e.g. ``BODY[1.2]<0>``), the announced size, and the response's bytes
    before the literal (e.g. ``b"* 12 FETCH (UID 5 BODY[] "``)."""

    seq: Optional[int]
    item: str
    size: int
    prefix: bytes = b""


@dataclass(frozen=True)
class LiteralData:
    """The next bytes of a streamed literal."""

    data: bytes


@dataclass(frozen=True)
class LiteralEnd:
    """A streamed literal is complete."""


Response = Union[Untagged, Tagged, Continuation]
Event = Union[Untagged, Tagged, Continuation, Malformed, LiteralBegin, LiteralData, LiteralEnd]


@dataclass(frozen=True)
class Step:
    """One result of :meth:`Connection.run`. ``value`` depends on ``kind``:

    * ``UNTAGGED``: an :class:`Untagged` response;
    * ``OK``, ``NO``, ``BAD``, ``PREAUTH``: a :class:`RespText`;
    * ``LITERAL_BEGIN``: :class:`LiteralBegin`; ``LITERAL_DATA``: ``bytes``;
    * ``MALFORMED``: :class:`Malformed`;
    * ``AWAIT_SRC``, ``AWAIT_DST``, ``DONE``, ``STARTTLS``, ``LITERAL_END``: None.

    (``ERROR`` steps are raised as :class:`imap.Error` exceptions.)
    """

    kind: StepKind
    value: Any = None

    @property
    def untagged(self) -> Optional[Untagged]:
        """The untagged response of an ``UNTAGGED`` step, else None."""
        return self.value if self.kind is StepKind.UNTAGGED else None

    @property
    def text(self) -> Optional[RespText]:
        """The code and text of an ``OK``/``NO``/``BAD``/``PREAUTH`` step, else None."""
        return self.value if isinstance(self.value, RespText) else None
