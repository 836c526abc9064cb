"""Every encode vector of tests/vectors/encode built with the Python command
builders (imap.commands, imap.search), encoded by a Connection and compared
with the expected bytes (docs/commands.md gives the notation)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, List, Optional, Tuple

import pytest

import imap
from imap import commands as C
from imap import search as S
import sexp_oracle as sexp

from vectors import read_dir, unescape

CASES = read_dir("encode")

# -- a reader for the s-expression notation -------------------------------------------


class Str(bytes):
    """A quoted string of the notation."""


def tokenize(text: str) -> List[Any]:
    b = text.encode("utf-8")
    out: List[Any] = []
    i = 0
    while i < len(b):
        c = b[i : i + 1]
        if c in b" \t":
            i += 1
        elif c in b"()":
            out.append(c.decode())
            i += 1
        elif c == b'"':
            j = i + 1
            buf = bytearray()
            while b[j : j + 1] != b'"':
                if b[j : j + 1] == b"\\":
                    n = b[j + 1 : j + 2]
                    if n == b"x":
                        buf.append(int(b[j + 2 : j + 4], 16))
                        j += 4
                        continue
                    esc = {b'"': b'"', b"\\": b"\\", b"r": b"\r", b"n": b"\n", b"t": b"\t"}
                    assert n in esc, f"unknown escape {n!r} in {text}"
                    buf += esc[n]
                    j += 2
                else:
                    buf += b[j : j + 1]
                    j += 1
            out.append(Str(bytes(buf)))
            i = j + 1
        else:
            j = i
            while j < len(b) and b[j : j + 1] not in b' ()"':
                j += 1
            out.append(b[i:j].decode())
            i = j
    return out


def parse(text: str) -> Any:
    toks = tokenize(text)
    pos = 0

    def one() -> Any:
        nonlocal pos
        t = toks[pos]
        pos += 1
        if t == "(":
            items = []
            while toks[pos] != ")":
                items.append(one())
            pos += 1
            return items
        return t

    v = one()
    assert pos == len(toks), text
    return v


def is_kw(x: Any, *names: str) -> bool:
    return isinstance(x, str) and not isinstance(x, Str) and (not names or x in names)


# -- notation -> builder arguments -------------------------------------------------------

CAPS = {sexp.to_sexp(imap.Capability(k)): str(imap.Capability(k)) for k in imap.CapabilityKind
        if k not in (imap.CapabilityKind.AUTH, imap.CapabilityKind.OTHER, imap.CapabilityKind.QUOTA_RES,
                     imap.CapabilityKind.SORT_EXT, imap.CapabilityKind.THREAD)}
VALUED_CAPS = {"auth": "AUTH=", "quota-res": "QUOTA=RES-", "sort-ext": "SORT=", "thread": "THREAD=", "other": ""}
ATTRS = {sexp.to_sexp(imap.MailboxAttr(k)): k for k in imap.MailboxAttrKind if k is not imap.MailboxAttrKind.EXTENSION}
FLAGS = {sexp.to_sexp(imap.Flag(k)): imap.Flag(k) for k in imap.FlagKind
         if k not in (imap.FlagKind.KEYWORD, imap.FlagKind.EXTENSION)}
STATUS = {
    "messages": "MESSAGES", "recent": "RECENT", "uid-next": "UIDNEXT", "uid-validity": "UIDVALIDITY",
    "unseen": "UNSEEN", "deleted": "DELETED", "size": "SIZE", "highest-modseq": "HIGHESTMODSEQ",
    "append-limit": "APPENDLIMIT", "mailbox-id": "MAILBOXID", "deleted-storage": "DELETED-STORAGE",
}
FETCH_ATTRS = {
    "envelope": "ENVELOPE", "flags": "FLAGS", "internal-date": "INTERNALDATE", "rfc822": "RFC822",
    "rfc822-header": "RFC822.HEADER", "rfc822-text": "RFC822.TEXT", "rfc822-size": "RFC822.SIZE",
    "body": "BODY", "bodystructure": "BODYSTRUCTURE", "uid": "UID", "modseq": "MODSEQ",
    "gm-msgid": "X-GM-MSGID", "gm-thrid": "X-GM-THRID", "gm-labels": "X-GM-LABELS", "email-id": "EMAILID",
    "thread-id": "THREADID", "save-date": "SAVEDATE", "preview": "PREVIEW",
}


def s(x: Any) -> bytes:
    assert isinstance(x, Str), x
    return bytes(x)


def nstr(x: Any) -> Optional[bytes]:
    return None if is_kw(x, "nil") else s(x)


def mailbox(x: Any) -> Any:
    if isinstance(x, list) and x and is_kw(x[0], "wire"):
        return C.Wire(s(x[1]))
    return s(x)


def seqset(x: Any) -> str:
    if x == []:
        return ""
    assert is_kw(x), x
    return x


def capability(x: Any) -> str:
    if isinstance(x, list):
        return VALUED_CAPS[x[0]] + s(x[1]).decode("utf-8", "surrogateescape")
    return CAPS[x]


def flag(x: Any) -> imap.Flag:
    if isinstance(x, list):
        name = s(x[1]).decode("utf-8", "surrogateescape")
        return imap.Flag.keyword(name) if x[0] == "keyword" else imap.Flag.extension(name)
    return FLAGS[x]


def attr(x: Any) -> Any:
    if isinstance(x, list):
        return "\\" + s(x[1]).decode("utf-8", "surrogateescape")
    return ATTRS[x]


def date_time(x: str) -> datetime:
    return datetime.fromisoformat(x)


def section(x: Any) -> str:
    if is_kw(x):
        return {"all": "", "header": "HEADER", "text": "TEXT", "mime": "MIME"}[x]
    head = x[0]
    if head == "part":
        rest = section(x[2])
        return f"{x[1]}" + (f".{rest}" if rest else "")
    names = " ".join(quote_field(s(f)) for f in x[1:])
    return ("HEADER.FIELDS" if head == "header-fields" else "HEADER.FIELDS.NOT") + f" ({names})"


def quote_field(b: bytes) -> str:
    t = b.decode("utf-8", "surrogateescape")
    if t and all(33 <= ord(c) < 127 and c not in '()"\\{%*]' for c in t):
        return t
    return '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'


def partial(rest: List[Any]) -> str:
    for r in rest:
        if isinstance(r, list) and len(r) == 2 and all(is_kw(v) for v in r):
            return f"<{r[0]}.{r[1]}>"
    return ""


def fetch_item(x: Any) -> str:
    if is_kw(x):
        return FETCH_ATTRS[x]
    head = x[0]
    if head == "preview":
        return "PREVIEW (LAZY)"
    if head in ("body-section", "body-peek"):
        name = "BODY" if head == "body-section" else "BODY.PEEK"
        return f"{name}[{section(x[1])}]{partial(x[2:])}"
    part = ".".join(x[1])
    if head == "binary-size":
        return f"BINARY.SIZE[{part}]"
    name = "BINARY" if head == "binary" else "BINARY.PEEK"
    return f"{name}[{part}]{partial(x[2:])}"


def key(x: Any) -> S.Key:
    if is_kw(x):
        return {
            "all": S.All, "answered": S.Answered, "deleted": S.Deleted, "draft": S.Draft, "flagged": S.Flagged,
            "new": S.New, "old": S.Old, "recent": S.Recent, "seen": S.Seen, "unanswered": S.Unanswered,
            "undeleted": S.Undeleted, "undraft": S.Undraft, "unflagged": S.Unflagged, "unseen": S.Unseen,
            "save-date-supported": S.SaveDateSupported,
        }[x]()
    head, args = x[0], x[1:]
    strings = {
        "bcc": S.Bcc, "body": S.Body, "cc": S.Cc, "from": S.From, "subject": S.Subject, "text": S.Text,
        "to": S.To, "keyword": S.Keyword, "unkeyword": S.Unkeyword, "gm-raw": S.GmRaw,
        "gm-labels": S.GmLabels, "email-id": S.EmailId, "thread-id": S.ThreadId,
    }
    if head in strings:
        return strings[head](s(args[0]))
    numbers = {"larger": S.Larger, "smaller": S.Smaller, "older": S.Older, "younger": S.Younger,
               "gm-msgid": S.GmMsgId, "gm-thrid": S.GmThrId}
    if head in numbers:
        return numbers[head](int(args[0]))
    dates = {"before": S.Before, "on": S.On, "since": S.Since, "sent-before": S.SentBefore,
             "sent-on": S.SentOn, "sent-since": S.SentSince, "saved-before": S.SavedBefore,
             "saved-on": S.SavedOn, "saved-since": S.SavedSince}
    if head in dates:
        return dates[head](args[0])
    if head == "header":
        return S.Header(s(args[0]), s(args[1]))
    if head == "uid":
        return S.Uid(seqset(args[0]))
    if head == "seq":
        return S.Seq(seqset(args[0]))
    if head == "not":
        return S.Not(key(args[0]))
    if head == "or":
        return S.Or(key(args[0]), key(args[1]))
    if head == "and":
        return S.And(*[key(a) for a in args])
    if head == "modseq":
        if len(args) == 1:
            return S.ModSeq(int(args[0]))
        return S.ModSeq(int(args[2]), flag=str(flag(args[0])), entry_type=args[1])
    raise AssertionError(f"unknown search key {x!r}")


def raw_arg(x: Any) -> Any:
    head, args = x[0], x[1:]
    if head == "atom":
        return C.Atom(s(args[0]))
    if head == "string":
        return s(args[0])
    if head == "mailbox":
        return C.MailboxArg(mailbox(args[0]))
    if head == "number":
        return int(args[0])
    if head == "set":
        return C.SetArg(seqset(args[0]))
    if head == "list":
        return [raw_arg(a) for a in args]
    if head == "literal":
        return C.Literal(s(args[0]))
    raise AssertionError(x)


def _ranges(text: str) -> List[Tuple[Optional[int], Optional[int]]]:
    out = []
    for part in text.split(","):
        a, _, b = part.partition(":")
        conv = (lambda v: None if v == "*" else int(v))
        out.append((conv(a), conv(b or a)))
    return out


def build(form: List[Any]) -> imap.Command:
    head, args = form[0], form[1:]
    uid = bool(args) and is_kw(args[0], "uid")
    if uid:
        args = args[1:]
    simple = {
        "capability": C.capability, "noop": C.noop, "logout": C.logout, "starttls": C.starttls,
        "unauthenticate": C.unauthenticate, "namespace": C.namespace, "idle": C.idle, "check": C.check,
        "close": C.close, "unselect": C.unselect, "expunge": C.expunge, "compress-deflate": C.compress_deflate,
    }
    if head in simple:
        return simple[head]()
    if head == "id":
        if args == ["nil"]:
            return C.id(None)
        return C.id({s(f[0]): nstr(f[1]) for f in args})
    if head == "enable":
        return C.enable(*[capability(c) for c in args])
    if head == "authenticate":
        mech = s(args[0]).decode("utf-8", "surrogateescape")
        initial = s(args[1]) if len(args) > 1 else None
        return C.authenticate(imap.auth.authenticator(mech, lambda ch: initial if ch is None else b""))
    if head == "login":
        return C.login(s(args[0]), s(args[1]))
    if head in ("select", "examine"):
        condstore = any(is_kw(a, "condstore") for a in args[1:])
        q = None
        for a in args[1:]:
            if isinstance(a, list) and a[0] == "qresync":
                rest = a[3:]
                known = None
                if rest and (is_kw(rest[0]) or rest[0] == []):
                    known = seqset(rest[0])
                match = next((r for r in rest if isinstance(r, list) and len(r) == 2), None)
                q = C.QResync(int(a[1]), int(a[2]), known, match[0] if match else None, match[1] if match else None)
        make = C.select if head == "select" else C.examine
        return make(mailbox(args[0]), condstore=condstore, qresync=q)
    if head == "create":
        use = next((a[1:] for a in args[1:] if isinstance(a, list) and a and a[0] == "use"), [])
        return C.create(mailbox(args[0]), special_use=[attr(u) for u in use])
    if head in ("delete", "subscribe", "unsubscribe", "get-quota-root", "get-acl", "my-rights"):
        fn = {"delete": C.delete, "subscribe": C.subscribe, "unsubscribe": C.unsubscribe,
              "get-quota-root": C.get_quota_root, "get-acl": C.get_acl, "my-rights": C.my_rights}[head]
        return fn(mailbox(args[0]))
    if head == "rename":
        return C.rename(mailbox(args[0]), mailbox(args[1]))
    if head == "list":
        ref = mailbox(args[0])
        pat = [mailbox(p) for p in args[1]] if isinstance(args[1], list) and not (args[1] and is_kw(args[1][0], "wire")) \
            else mailbox(args[1])
        sel, ret, status = [], [], None
        for opt in args[2:]:
            if opt[0] == "select":
                sel = opt[1:]
            else:
                for r in opt[1:]:
                    if isinstance(r, list):
                        status = [STATUS[i] for i in r[1:]]
                    else:
                        ret.append(r)
        return C.list(ref, pat, select=sel, return_=ret, status=status)
    if head == "lsub":
        return C.lsub(mailbox(args[0]), mailbox(args[1]))
    if head == "status":
        return C.status(mailbox(args[0]), [STATUS[i] for i in args[1:]])
    if head == "append":
        msgs = []
        for m in args[1:]:
            binary = any(is_kw(p, "binary") for p in m[1:])
            flags = next(([flag(f) for f in p[1:]] for p in m[1:] if isinstance(p, list)), ())
            date = next((date_time(p) for p in m[1:] if is_kw(p) and p != "binary"), None)
            msgs.append(C.AppendMessage(s(m[-1]), tuple(flags), date, binary))
        if len(msgs) == 1:
            m = msgs[0]
            return C.append(mailbox(args[0]), m.data, flags=m.flags, date=m.date, binary=m.binary)
        return C.append_multi(mailbox(args[0]), msgs)
    if head == "get-quota":
        return C.get_quota(s(args[0]))
    if head == "set-quota":
        return C.set_quota(s(args[0]), {s(r[0]).decode(): int(r[1]) for r in args[1:]})
    if head == "set-acl":
        mode = args[2] if len(args) == 4 else "set"
        return C.set_acl(mailbox(args[0]), s(args[1]), s(args[-1]), mode=mode)
    if head == "delete-acl":
        return C.delete_acl(mailbox(args[0]), s(args[1]))
    if head == "list-rights":
        return C.list_rights(mailbox(args[0]), s(args[1]))
    if head == "get-metadata":
        max_size = depth = None
        entries = []
        for a in args[1:]:
            if isinstance(a, list) and a[0] == "max-size":
                max_size = int(a[1])
            elif isinstance(a, list) and a[0] == "depth":
                depth = a[1]
            else:
                entries.append(s(a))
        return C.get_metadata(mailbox(args[0]), *entries, max_size=max_size, depth=depth)
    if head == "set-metadata":
        return C.set_metadata(mailbox(args[0]), {s(e[0]): nstr(e[1]) for e in args[1:]})
    if head == "uid-expunge":
        return C.uid_expunge(seqset(args[0]))
    if head == "search":
        ret = None
        charset = None
        keys = []
        for a in args:
            if isinstance(a, list) and a and a[0] == "return":
                ret = a[1:]
            elif isinstance(a, list) and a and a[0] == "charset":
                charset = s(a[1]).decode()
            else:
                keys.append(key(a))
        return C.search(*keys, uid=uid, charset=charset, return_=ret)
    if head == "fetch":
        items = args[1]
        items = items.upper() if is_kw(items) else [fetch_item(i) for i in items]
        changed, vanished = None, False
        for mod in args[2:]:
            if mod[0] == "changedsince":
                changed = int(mod[1])
                vanished = len(mod) > 2
            elif mod[0] == "vanished":
                vanished = True
        return C.fetch(seqset(args[0]), items, uid=uid, changed_since=changed, vanished=vanished)
    if head == "store":
        mode = args[1]
        silent = is_kw(args[2], "silent")
        rest = args[3:] if silent else args[2:]
        what = rest[0]
        unchanged = next((int(r[1]) for r in rest[1:] if r[0] == "unchangedsince"), None)
        if what[0] == "flags":
            return C.store(seqset(args[0]), mode, [flag(f) for f in what[1:]], uid=uid, silent=silent,
                           unchanged_since=unchanged)
        return C.store_labels(seqset(args[0]), mode, [s(l) for l in what[1:]], uid=uid, silent=silent,
                              unchanged_since=unchanged)
    if head in ("copy", "move"):
        return (C.copy if head == "copy" else C.move)(seqset(args[0]), mailbox(args[1]), uid=uid)
    if head == "sort":
        def crit(c: Any) -> str:
            return f"-{crit(c[1])}" if isinstance(c, list) else c
        return C.sort([crit(c) for c in args[0]], *[key(k) for k in args[2:]], uid=uid,
                      charset=s(args[1]).decode())
    if head == "thread":
        alg = {"ordered-subject": "ORDEREDSUBJECT", "references": "REFERENCES"}.get(args[0]) if is_kw(args[0]) \
            else s(args[0][1]).decode()
        return C.thread(alg, *[key(k) for k in args[2:]], uid=uid, charset=s(args[1]).decode())
    if head == "raw":
        return C.raw(s(args[0]), *[raw_arg(a) for a in args[1:]])
    raise AssertionError(f"unknown command form {head!r}")


# -- running a case ----------------------------------------------------------------------


def connection(opts: List[str]) -> imap.Connection:
    caps = ["IMAP4rev1", "SASL-IR"]
    if "literal+" in opts:
        caps.append("LITERAL+")
    if "literal-" in opts:
        caps.append("LITERAL-")
    c = imap.Connection()
    c.src(b"* OK [CAPABILITY " + " ".join(caps).encode() + b"] test\r\n")
    assert c.run().kind is imap.StepKind.OK
    if "utf8-accept" in opts:
        c.src(b"* ENABLED UTF8=ACCEPT\r\n")
        assert c.run().kind is imap.StepKind.UNTAGGED
    assert c.run().kind is imap.StepKind.DONE
    return c


def collect(c: imap.Connection, cmd: Optional[imap.Command]) -> bytes:
    out = b""
    step = c.run(cmd)
    while step.kind is imap.StepKind.AWAIT_DST:
        out += c.output()
        step = c.run()
    assert step.kind is imap.StepKind.AWAIT_SRC, step
    return out


def expected_segments(case) -> List[bytes]:
    segs = [b""]
    for w, rest in case.lines:
        if w == "out":
            segs[-1] += unescape(rest)
        elif w == "wait":
            segs.append(b"")
    return segs


def test_there_are_vectors():
    assert len(CASES) > 200


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_encode_vector(case):
    (text,) = case.words("cmd")
    form = parse(text)
    opts = case.words("opt")
    errors = case.words("error")
    c = connection(opts)
    if errors:
        with pytest.raises((imap.Error, ValueError)):
            cmd = build(form)
            collect(c, cmd)
        assert c.pending_output() == b""
        assert not c.busy
        return
    cmd = build(form)
    segments = expected_segments(case)
    got = [collect(c, cmd)]
    for _ in segments[1:]:
        c.src(b"+ go ahead\r\n")
        got.append(collect(c, None))
    assert got == segments
