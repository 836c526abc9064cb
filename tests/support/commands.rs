//! Test support: the s-expression notation of `docs/commands.md`, parsed
//! into [`Command`] values.



use imap::types::{
    AclMode, AppendMessage, Bytes, Capability, Command, Date, DateTime, EntryType, Fetch, FetchAttr, FetchItems, Flag,
    List, ListReturn, ListSelect, Mailbox, MailboxAttr, MessageSet, MetadataDepth, Qresync, RawArg, Search, SearchKey,
    SearchReturn, Section, SectionText, Select, SeqRange, SequenceSet, SortCriterion, SortKey, StatusAttr, Store,
    StoreAction, StoreData, ThreadAlgorithm, STAR,
};

/// A parsed s-expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Sexp {
    /// A bare token: keyword, number, set, date.
    Tok(String),
    /// A quoted string, unescaped.
    Str(Vec<u8>),
    /// A parenthesised form.
    List(Vec<Sexp>),
}

type R<T> = Result<T, String>;

/// Parses exactly one s-expression from `input`.
pub fn parse(input: &[u8]) -> R<Sexp> {
    let mut pos = 0;
    let e = parse_at(input, &mut pos)?;
    skip_ws(input, &mut pos);
    if pos != input.len() {
        return Err(format!("trailing input at {pos}"));
    }
    Ok(e)
}

fn skip_ws(s: &[u8], pos: &mut usize) {
    while *pos < s.len() && s[*pos].is_ascii_whitespace() {
        *pos += 1;
    }
}

fn parse_at(s: &[u8], pos: &mut usize) -> R<Sexp> {
    skip_ws(s, pos);
    match s.get(*pos) {
        None => Err("unexpected end".into()),
        Some(b'(') => {
            *pos += 1;
            let mut items = Vec::new();
            loop {
                skip_ws(s, pos);
                match s.get(*pos) {
                    None => return Err("unclosed (".into()),
                    Some(b')') => {
                        *pos += 1;
                        return Ok(Sexp::List(items));
                    }
                    Some(_) => items.push(parse_at(s, pos)?),
                }
            }
        }
        Some(b')') => Err(format!("unexpected ) at {pos}")),
        Some(b'"') => {
            *pos += 1;
            let start = *pos;
            while *pos < s.len() && s[*pos] != b'"' {
                if s[*pos] == b'\\' {
                    *pos += 1;
                }
                *pos += 1;
            }
            if *pos >= s.len() {
                return Err("unclosed string".into());
            }
            let raw = &s[start..*pos];
            *pos += 1;
            Ok(Sexp::Str(super::vectors::unescape(raw)?))
        }
        Some(_) => {
            let start = *pos;
            while *pos < s.len() && !s[*pos].is_ascii_whitespace() && !matches!(s[*pos], b'(' | b')' | b'"') {
                *pos += 1;
            }
            let tok = std::str::from_utf8(&s[start..*pos]).map_err(|e| e.to_string())?;
            Ok(Sexp::Tok(tok.to_string()))
        }
    }
}

// ---- accessors ----

fn tok(e: &Sexp) -> Option<&str> {
    match e {
        Sexp::Tok(t) => Some(t),
        _ => None,
    }
}

fn is_tok(e: Option<&Sexp>, t: &str) -> bool {
    e.and_then(tok) == Some(t)
}

fn string(e: &Sexp) -> R<Bytes<'_>> {
    match e {
        Sexp::Str(b) => Ok(Bytes::borrowed(b)),
        other => Err(format!("expected a string, got {other:?}")),
    }
}

fn nstring(e: &Sexp) -> R<Option<Bytes<'_>>> {
    if is_tok(Some(e), "nil") {
        Ok(None)
    } else {
        string(e).map(Some)
    }
}

fn list(e: &Sexp) -> R<&[Sexp]> {
    match e {
        Sexp::List(v) => Ok(v),
        other => Err(format!("expected a list, got {other:?}")),
    }
}

/// A form `(head args...)`: its head keyword and its arguments.
fn form(e: &Sexp) -> R<(&str, &[Sexp])> {
    let v = list(e)?;
    let head = v.first().and_then(tok).ok_or_else(|| format!("form without keyword: {e:?}"))?;
    Ok((head, &v[1..]))
}

fn number<T: std::str::FromStr>(e: &Sexp) -> R<T> {
    tok(e).and_then(|t| t.parse().ok()).ok_or_else(|| format!("expected a number, got {e:?}"))
}

fn arg(args: &[Sexp], i: usize) -> R<&Sexp> {
    args.get(i).ok_or_else(|| format!("missing argument {i}"))
}

fn no_more(args: &[Sexp], i: usize) -> R<()> {
    if args.len() > i {
        Err(format!("unexpected extra arguments: {:?}", &args[i..]))
    } else {
        Ok(())
    }
}

fn seq_number(s: &str) -> R<u32> {
    if s == "*" {
        Ok(STAR)
    } else {
        s.parse().map_err(|_| format!("bad sequence number {s:?}"))
    }
}

fn sequence_set(e: &Sexp) -> R<SequenceSet> {
    if let Sexp::List(v) = e {
        if v.is_empty() {
            return Ok(SequenceSet(vec![]));
        }
    }
    let t = tok(e).ok_or_else(|| format!("expected a sequence set, got {e:?}"))?;
    let mut ranges = Vec::new();
    for item in t.split(',') {
        let r = match item.split_once(':') {
            Some((a, b)) => SeqRange::range(seq_number(a)?, seq_number(b)?),
            None => SeqRange::single(seq_number(item)?),
        };
        ranges.push(r);
    }
    Ok(SequenceSet(ranges))
}

fn message_set(e: &Sexp) -> R<MessageSet> {
    if is_tok(Some(e), "$") {
        Ok(MessageSet::Saved)
    } else {
        sequence_set(e).map(MessageSet::Set)
    }
}

fn date_parts(s: &str) -> R<(u16, u8, u8)> {
    let bad = || format!("bad date {s:?}");
    let mut it = s.splitn(3, '-');
    let y = it.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let m = it.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let d = it.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    Ok((y, m, d))
}

/// A date, taken field by field (not validated, so that invalid dates can
/// be tested).
fn date(e: &Sexp) -> R<Date> {
    let t = tok(e).ok_or_else(|| format!("expected a date, got {e:?}"))?;
    let (year, month, day) = date_parts(t)?;
    Ok(Date { year, month, day })
}

fn date_time(t: &str) -> R<DateTime> {
    let bad = || format!("bad date-time {t:?}");
    let (d, rest) = t.split_once('T').ok_or_else(bad)?;
    let (year, month, day) = date_parts(d)?;
    if rest.len() != 14 {
        return Err(bad());
    }
    let n = |r: std::ops::Range<usize>| rest.get(r).and_then(|p| p.parse::<u8>().ok()).ok_or_else(bad);
    let (hour, minute, second) = (n(0..2)?, n(3..5)?, n(6..8)?);
    let sign: i16 = match &rest[8..9] {
        "+" => 1,
        "-" => -1,
        _ => return Err(bad()),
    };
    let zone_minutes = sign * (i16::from(n(9..11)?) * 60 + i16::from(n(12..14)?));
    Ok(DateTime { date: Date { year, month, day }, hour, minute, second, zone_minutes })
}

fn mailbox(e: &Sexp) -> R<Mailbox<'_>> {
    match e {
        Sexp::Str(b) => Ok(Mailbox::Name(Bytes::borrowed(b))),
        _ => {
            let (head, args) = form(e)?;
            if head != "wire" {
                return Err(format!("expected a mailbox, got {e:?}"));
            }
            no_more(args, 1)?;
            Ok(Mailbox::Wire(string(arg(args, 0)?)?))
        }
    }
}

fn flag(e: &Sexp) -> R<Flag<'_>> {
    if let Some(t) = tok(e) {
        return Ok(match t {
            "answered" => Flag::Answered,
            "flagged" => Flag::Flagged,
            "deleted" => Flag::Deleted,
            "seen" => Flag::Seen,
            "draft" => Flag::Draft,
            "recent" => Flag::Recent,
            "wildcard" => Flag::Wildcard,
            _ => return Err(format!("unknown flag {t}")),
        });
    }
    let (head, args) = form(e)?;
    no_more(args, 1)?;
    let s = string(arg(args, 0)?)?;
    match head {
        "keyword" => Ok(Flag::Keyword(s)),
        "extension" => Ok(Flag::Extension(s)),
        _ => Err(format!("unknown flag form {head}")),
    }
}

fn capability(e: &Sexp) -> R<Capability<'_>> {
    if let Some(t) = tok(e) {
        let wire = match t {
            "imap4" => "IMAP4",
            "imap4rev1" => "IMAP4rev1",
            "imap4rev2" => "IMAP4rev2",
            "acl" => "ACL",
            "binary" => "BINARY",
            "catenate" => "CATENATE",
            "children" => "CHILDREN",
            "compress-deflate" => "COMPRESS=DEFLATE",
            "condstore" => "CONDSTORE",
            "context-search" => "CONTEXT=SEARCH",
            "context-sort" => "CONTEXT=SORT",
            "enable" => "ENABLE",
            "esearch" => "ESEARCH",
            "esort" => "ESORT",
            "id" => "ID",
            "idle" => "IDLE",
            "list-extended" => "LIST-EXTENDED",
            "list-status" => "LIST-STATUS",
            "literal+" => "LITERAL+",
            "literal-" => "LITERAL-",
            "login-disabled" => "LOGINDISABLED",
            "metadata" => "METADATA",
            "metadata-server" => "METADATA-SERVER",
            "move" => "MOVE",
            "multi-append" => "MULTIAPPEND",
            "namespace" => "NAMESPACE",
            "notify" => "NOTIFY",
            "object-id" => "OBJECTID",
            "partial" => "PARTIAL",
            "preview" => "PREVIEW",
            "qresync" => "QRESYNC",
            "quota" => "QUOTA",
            "quota-set" => "QUOTASET",
            "quote" => "QUOTE",
            "sasl-ir" => "SASL-IR",
            "save-date" => "SAVEDATE",
            "search-res" => "SEARCHRES",
            "sort" => "SORT",
            "special-use" => "SPECIAL-USE",
            "create-special-use" => "CREATE-SPECIAL-USE",
            "start-tls" => "STARTTLS",
            "status-size" => "STATUS=SIZE",
            "uid-plus" => "UIDPLUS",
            "unauthenticate" => "UNAUTHENTICATE",
            "unselect" => "UNSELECT",
            "utf8-accept" => "UTF8=ACCEPT",
            "utf8-only" => "UTF8=ONLY",
            "within" => "WITHIN",
            "xlist" => "XLIST",
            "xoauth2" => "XOAUTH2",
            "gmail" => "X-GM-EXT-1",
            "append-limit" => return Ok(Capability::AppendLimit(None)),
            _ => return Err(format!("unknown capability {t}")),
        };
        return Ok(Capability::parse(wire.as_bytes()));
    }
    let (head, args) = form(e)?;
    no_more(args, 1)?;
    if head == "append-limit" {
        return Ok(Capability::AppendLimit(Some(number(arg(args, 0)?)?)));
    }
    let s = string(arg(args, 0)?)?;
    Ok(match head {
        "auth" => Capability::Auth(s),
        "quota-res" => Capability::QuotaRes(s),
        "sort-ext" => Capability::SortExt(s),
        "thread" => Capability::Thread(s),
        "other" => Capability::Other(s),
        _ => return Err(format!("unknown capability form {head}")),
    })
}

fn mailbox_attr(e: &Sexp) -> R<MailboxAttr<'_>> {
    if let Some(t) = tok(e) {
        let name: &'static [u8] = match t {
            "noinferiors" => b"Noinferiors",
            "noselect" => b"Noselect",
            "marked" => b"Marked",
            "unmarked" => b"Unmarked",
            "non-existent" => b"NonExistent",
            "subscribed" => b"Subscribed",
            "remote" => b"Remote",
            "has-children" => b"HasChildren",
            "has-no-children" => b"HasNoChildren",
            "all" => b"All",
            "archive" => b"Archive",
            "drafts" => b"Drafts",
            "flagged" => b"Flagged",
            "junk" => b"Junk",
            "sent" => b"Sent",
            "trash" => b"Trash",
            "important" => b"Important",
            _ => return Err(format!("unknown mailbox attribute {t}")),
        };
        return Ok(MailboxAttr::from_name(name));
    }
    let (head, args) = form(e)?;
    if head != "extension" {
        return Err(format!("unknown attribute form {head}"));
    }
    no_more(args, 1)?;
    Ok(MailboxAttr::Extension(string(arg(args, 0)?)?))
}

fn status_attr(e: &Sexp) -> R<StatusAttr> {
    Ok(match tok(e).ok_or_else(|| format!("expected a status item, got {e:?}"))? {
        "messages" => StatusAttr::Messages,
        "recent" => StatusAttr::Recent,
        "uid-next" => StatusAttr::UidNext,
        "uid-validity" => StatusAttr::UidValidity,
        "unseen" => StatusAttr::Unseen,
        "deleted" => StatusAttr::Deleted,
        "size" => StatusAttr::Size,
        "highest-modseq" => StatusAttr::HighestModSeq,
        "append-limit" => StatusAttr::AppendLimit,
        "mailbox-id" => StatusAttr::MailboxId,
        "deleted-storage" => StatusAttr::DeletedStorage,
        t => return Err(format!("unknown status item {t}")),
    })
}

fn section(e: &Sexp) -> R<Section<'_>> {
    let mut part = Vec::new();
    let mut cur = e;
    loop {
        if let Some(t) = tok(cur) {
            let text = match t {
                "all" => None,
                "header" => Some(SectionText::Header),
                "text" => Some(SectionText::Text),
                "mime" => Some(SectionText::Mime),
                _ => return Err(format!("unknown section {t}")),
            };
            return Ok(Section { part: part.into(), text });
        }
        let (head, args) = form(cur)?;
        match head {
            "part" => {
                no_more(args, 2)?;
                part.push(number(arg(args, 0)?)?);
                cur = arg(args, 1)?;
            }
            "header-fields" | "header-fields-not" => {
                let names = args.iter().map(string).collect::<R<Vec<_>>>()?;
                let text = if head == "header-fields" {
                    SectionText::HeaderFields(names.into())
                } else {
                    SectionText::HeaderFieldsNot(names.into())
                };
                return Ok(Section { part: part.into(), text: Some(text) });
            }
            _ => return Err(format!("unknown section form {head}")),
        }
    }
}

fn partial(args: &[Sexp], i: usize) -> R<Option<(u32, u32)>> {
    match args.get(i) {
        None => Ok(None),
        Some(e) => {
            let v = list(e)?;
            no_more(args, i + 1)?;
            if v.len() != 2 {
                return Err("partial needs (offset length)".into());
            }
            Ok(Some((number(&v[0])?, number(&v[1])?)))
        }
    }
}

fn part_path(e: &Sexp) -> R<Vec<u32>> {
    list(e)?.iter().map(number).collect()
}

fn fetch_attr(e: &Sexp) -> R<FetchAttr<'_>> {
    if let Some(t) = tok(e) {
        return Ok(match t {
            "envelope" => FetchAttr::Envelope,
            "flags" => FetchAttr::Flags,
            "internal-date" => FetchAttr::InternalDate,
            "rfc822" => FetchAttr::Rfc822,
            "rfc822-header" => FetchAttr::Rfc822Header,
            "rfc822-text" => FetchAttr::Rfc822Text,
            "rfc822-size" => FetchAttr::Rfc822Size,
            "body" => FetchAttr::Body,
            "bodystructure" => FetchAttr::BodyStructure,
            "uid" => FetchAttr::Uid,
            "modseq" => FetchAttr::ModSeq,
            "gm-msgid" => FetchAttr::GmMsgId,
            "gm-thrid" => FetchAttr::GmThrId,
            "gm-labels" => FetchAttr::GmLabels,
            "email-id" => FetchAttr::EmailId,
            "thread-id" => FetchAttr::ThreadId,
            "save-date" => FetchAttr::SaveDate,
            "preview" => FetchAttr::Preview { lazy: false },
            _ => return Err(format!("unknown fetch item {t}")),
        });
    }
    let (head, args) = form(e)?;
    Ok(match head {
        "preview" => {
            no_more(args, 1)?;
            if !is_tok(args.first(), "lazy") {
                return Err("expected (preview lazy)".into());
            }
            FetchAttr::Preview { lazy: true }
        }
        "body-section" | "body-peek" => FetchAttr::BodySection {
            peek: head == "body-peek",
            section: section(arg(args, 0)?)?,
            partial: partial(args, 1)?,
        },
        "binary" | "binary-peek" => FetchAttr::Binary {
            peek: head == "binary-peek",
            part: part_path(arg(args, 0)?)?,
            partial: partial(args, 1)?,
        },
        "binary-size" => {
            no_more(args, 1)?;
            FetchAttr::BinarySize { part: part_path(arg(args, 0)?)? }
        }
        _ => return Err(format!("unknown fetch item form {head}")),
    })
}

fn search_key(e: &Sexp) -> R<SearchKey<'_>> {
    use SearchKey as K;
    if let Some(t) = tok(e) {
        return Ok(match t {
            "all" => K::All,
            "answered" => K::Answered,
            "deleted" => K::Deleted,
            "draft" => K::Draft,
            "flagged" => K::Flagged,
            "new" => K::New,
            "old" => K::Old,
            "recent" => K::Recent,
            "seen" => K::Seen,
            "unanswered" => K::Unanswered,
            "undeleted" => K::Undeleted,
            "undraft" => K::Undraft,
            "unflagged" => K::Unflagged,
            "unseen" => K::Unseen,
            "save-date-supported" => K::SaveDateSupported,
            _ => return Err(format!("unknown search key {t}")),
        });
    }
    let (head, args) = form(e)?;
    let one = || -> R<&Sexp> {
        no_more(args, 1)?;
        arg(args, 0)
    };
    let s = || one().and_then(string);
    let d = || one().and_then(date);
    Ok(match head {
        "bcc" => K::Bcc(s()?),
        "body" => K::Body(s()?),
        "cc" => K::Cc(s()?),
        "from" => K::From(s()?),
        "subject" => K::Subject(s()?),
        "text" => K::Text(s()?),
        "to" => K::To(s()?),
        "keyword" => K::Keyword(s()?),
        "unkeyword" => K::Unkeyword(s()?),
        "gm-raw" => K::GmRaw(s()?),
        "gm-labels" => K::GmLabels(s()?),
        "email-id" => K::EmailId(s()?),
        "thread-id" => K::ThreadId(s()?),
        "header" => {
            no_more(args, 2)?;
            K::Header(string(arg(args, 0)?)?, string(arg(args, 1)?)?)
        }
        "larger" => K::Larger(number(one()?)?),
        "smaller" => K::Smaller(number(one()?)?),
        "older" => K::Older(number(one()?)?),
        "younger" => K::Younger(number(one()?)?),
        "gm-msgid" => K::GmMsgId(number(one()?)?),
        "gm-thrid" => K::GmThrId(number(one()?)?),
        "before" => K::Before(d()?),
        "on" => K::On(d()?),
        "since" => K::Since(d()?),
        "sent-before" => K::SentBefore(d()?),
        "sent-on" => K::SentOn(d()?),
        "sent-since" => K::SentSince(d()?),
        "saved-before" => K::SavedBefore(d()?),
        "saved-on" => K::SavedOn(d()?),
        "saved-since" => K::SavedSince(d()?),
        "uid" => K::Uid(message_set(one()?)?),
        "seq" => K::SequenceSet(message_set(one()?)?),
        "not" => K::Not(Box::new(search_key(one()?)?)),
        "or" => {
            no_more(args, 2)?;
            K::Or(Box::new(search_key(arg(args, 0)?)?), Box::new(search_key(arg(args, 1)?)?))
        }
        "and" => K::And(args.iter().map(search_key).collect::<R<_>>()?),
        "modseq" => match args {
            [n] => K::ModSeq { entry: None, mod_seq: number(n)? },
            [f, kind, n] => {
                let kind = match tok(kind) {
                    Some("priv") => EntryType::Private,
                    Some("shared") => EntryType::Shared,
                    Some("all") => EntryType::All,
                    _ => return Err(format!("bad entry type {kind:?}")),
                };
                K::ModSeq { entry: Some((flag(f)?, kind)), mod_seq: number(n)? }
            }
            _ => return Err("bad modseq key".into()),
        },
        _ => return Err(format!("unknown search key form {head}")),
    })
}

fn sort_criterion(e: &Sexp) -> R<SortCriterion> {
    if let Ok((head, args)) = form(e) {
        if head != "reverse" {
            return Err(format!("unknown sort criterion form {head}"));
        }
        no_more(args, 1)?;
        let inner = sort_criterion(arg(args, 0)?)?;
        return Ok(SortCriterion { reverse: true, key: inner.key });
    }
    let key = match tok(e).ok_or("bad sort criterion")? {
        "arrival" => SortKey::Arrival,
        "cc" => SortKey::Cc,
        "date" => SortKey::Date,
        "from" => SortKey::From,
        "size" => SortKey::Size,
        "subject" => SortKey::Subject,
        "to" => SortKey::To,
        "display-from" => SortKey::DisplayFrom,
        "display-to" => SortKey::DisplayTo,
        t => return Err(format!("unknown sort key {t}")),
    };
    Ok(SortCriterion { reverse: false, key })
}

fn raw_arg(e: &Sexp) -> R<RawArg<'_>> {
    let (head, args) = form(e)?;
    if head == "list" {
        return Ok(RawArg::List(args.iter().map(raw_arg).collect::<R<_>>()?));
    }
    no_more(args, 1)?;
    let a = arg(args, 0)?;
    Ok(match head {
        "atom" => RawArg::Atom(string(a)?),
        "string" => RawArg::String(string(a)?),
        "mailbox" => RawArg::Mailbox(mailbox(a)?),
        "number" => RawArg::Number(number(a)?),
        "set" => RawArg::Set(message_set(a)?),
        "literal" => RawArg::Literal(string(a)?),
        _ => return Err(format!("unknown raw argument {head}")),
    })
}

/// Splits a leading `uid` keyword off the arguments.
fn uid_prefix(args: &[Sexp]) -> (bool, &[Sexp]) {
    if is_tok(args.first(), "uid") {
        (true, &args[1..])
    } else {
        (false, args)
    }
}

fn select(args: &[Sexp]) -> R<Select<'_>> {
    let mut s = Select::new(mailbox(arg(args, 0)?)?);
    for e in &args[1..] {
        if is_tok(Some(e), "condstore") {
            s.condstore = true;
            continue;
        }
        let (head, q) = form(e)?;
        if head != "qresync" {
            return Err(format!("unknown select parameter {head}"));
        }
        let mut known_uids = None;
        let mut seq_match = None;
        for extra in q.get(2..).unwrap_or_default() {
            match extra {
                Sexp::List(pair) if pair.len() == 2 => {
                    seq_match = Some((sequence_set(&pair[0])?, sequence_set(&pair[1])?));
                }
                other => known_uids = Some(sequence_set(other)?),
            }
        }
        s.qresync =
            Some(Qresync { uid_validity: number(arg(q, 0)?)?, mod_seq: number(arg(q, 1)?)?, known_uids, seq_match });
    }
    Ok(s)
}

fn append_message(e: &Sexp) -> R<AppendMessage<'_>> {
    let (head, args) = form(e)?;
    if head != "message" {
        return Err(format!("expected (message ...), got {head}"));
    }
    let (data, opts) = args.split_last().ok_or("message without data")?;
    let data = match data {
        Sexp::Str(b) => b.as_slice(),
        other => return Err(format!("message data must be a string, got {other:?}")),
    };
    let mut m = AppendMessage::new(data);
    for o in opts {
        match o {
            Sexp::Tok(t) if t == "binary" => m.binary = true,
            Sexp::Tok(t) => m.internal_date = Some(date_time(t)?),
            _ => {
                let (h, flags) = form(o)?;
                if h != "flags" {
                    return Err(format!("unknown message option {h}"));
                }
                m.flags = flags.iter().map(flag).collect::<R<_>>()?;
            }
        }
    }
    Ok(m)
}

fn list_command(args: &[Sexp]) -> R<List<'_>> {
    let reference = mailbox(arg(args, 0)?)?;
    let pats = arg(args, 1)?;
    let patterns = match pats {
        Sexp::List(v) if v.first().is_none_or(|f| !matches!(f, Sexp::Tok(t) if t == "wire")) => {
            v.iter().map(mailbox).collect::<R<_>>()?
        }
        one => vec![mailbox(one)?],
    };
    let mut l = List { reference, patterns, selection: vec![], returns: vec![] };
    for e in &args[2..] {
        let (head, opts) = form(e)?;
        match head {
            "select" => {
                for o in opts {
                    l.selection.push(match tok(o) {
                        Some("subscribed") => ListSelect::Subscribed,
                        Some("remote") => ListSelect::Remote,
                        Some("recursive-match") => ListSelect::RecursiveMatch,
                        Some("special-use") => ListSelect::SpecialUse,
                        _ => return Err(format!("unknown selection option {o:?}")),
                    });
                }
            }
            "return" => {
                for o in opts {
                    l.returns.push(match o {
                        Sexp::Tok(t) if t == "subscribed" => ListReturn::Subscribed,
                        Sexp::Tok(t) if t == "children" => ListReturn::Children,
                        Sexp::Tok(t) if t == "special-use" => ListReturn::SpecialUse,
                        _ => {
                            let (h, items) = form(o)?;
                            if h != "status" {
                                return Err(format!("unknown return option {h}"));
                            }
                            ListReturn::Status(items.iter().map(status_attr).collect::<R<_>>()?)
                        }
                    });
                }
            }
            _ => return Err(format!("unknown LIST option {head}")),
        }
    }
    Ok(l)
}

fn search_command(args: &[Sexp]) -> R<Search<'_>> {
    let (uid, mut rest) = uid_prefix(args);
    let mut s = Search { uid, charset: None, returns: None, keys: vec![] };
    while let Some(first) = rest.first() {
        match form(first) {
            Ok(("return", opts)) => {
                let r = opts
                    .iter()
                    .map(|o| {
                        Ok(match tok(o) {
                            Some("min") => SearchReturn::Min,
                            Some("max") => SearchReturn::Max,
                            Some("all") => SearchReturn::All,
                            Some("count") => SearchReturn::Count,
                            Some("save") => SearchReturn::Save,
                            _ => return Err(format!("unknown return option {o:?}")),
                        })
                    })
                    .collect::<R<_>>()?;
                s.returns = Some(r);
            }
            Ok(("charset", c)) => {
                no_more(c, 1)?;
                s.charset = Some(string(arg(c, 0)?)?);
            }
            _ => break,
        }
        rest = &rest[1..];
    }
    s.keys = rest.iter().map(search_key).collect::<R<_>>()?;
    Ok(s)
}

fn fetch_command(args: &[Sexp]) -> R<Fetch<'_>> {
    let (uid, args) = uid_prefix(args);
    let set = message_set(arg(args, 0)?)?;
    let items_e = arg(args, 1)?;
    let items = match tok(items_e) {
        Some("all") => FetchItems::All,
        Some("fast") => FetchItems::Fast,
        Some("full") => FetchItems::Full,
        Some(t) => return Err(format!("unknown fetch macro {t}")),
        None => FetchItems::Items(list(items_e)?.iter().map(fetch_attr).collect::<R<_>>()?),
    };
    let mut f = Fetch { uid, set, items, changed_since: None, vanished: false };
    if let Some(m) = args.get(2) {
        no_more(args, 3)?;
        let (head, margs) = form(m)?;
        match head {
            "changedsince" => {
                f.changed_since = Some(number(arg(margs, 0)?)?);
                match margs.get(1) {
                    None => {}
                    Some(v) if is_tok(Some(v), "vanished") => f.vanished = true,
                    Some(other) => return Err(format!("unknown fetch modifier {other:?}")),
                }
            }
            "vanished" => f.vanished = true,
            _ => return Err(format!("unknown fetch modifier {head}")),
        }
    }
    Ok(f)
}

fn store_command(args: &[Sexp]) -> R<Store<'_>> {
    let (uid, args) = uid_prefix(args);
    let set = message_set(arg(args, 0)?)?;
    let action = match tok(arg(args, 1)?) {
        Some("add") => StoreAction::Add,
        Some("set") => StoreAction::Set,
        Some("remove") => StoreAction::Remove,
        other => return Err(format!("bad store action {other:?}")),
    };
    let mut i = 2;
    let silent = is_tok(args.get(i), "silent");
    if silent {
        i += 1;
    }
    let (head, values) = form(arg(args, i)?)?;
    let data = match head {
        "flags" => StoreData::Flags(values.iter().map(flag).collect::<R<_>>()?),
        "labels" => StoreData::Labels(values.iter().map(string).collect::<R<_>>()?),
        _ => return Err(format!("bad store data {head}")),
    };
    let mut unchanged_since = None;
    if let Some(m) = args.get(i + 1) {
        no_more(args, i + 2)?;
        let (h, v) = form(m)?;
        if h != "unchangedsince" {
            return Err(format!("unknown store modifier {h}"));
        }
        unchanged_since = Some(number(arg(v, 0)?)?);
    }
    Ok(Store { uid, set, unchanged_since, action, silent, data })
}

/// Builds the command written as `e` (see `docs/commands.md`).
pub fn command(e: &Sexp) -> R<Command<'_>> {
    let (head, args) = form(e)?;
    let bare = |c: Command<'static>| -> R<Command<'static>> {
        no_more(args, 0)?;
        Ok(c)
    };
    let one_mailbox = || -> R<Mailbox<'_>> {
        no_more(args, 1)?;
        mailbox(arg(args, 0)?)
    };
    Ok(match head {
        "capability" => bare(Command::Capability)?,
        "noop" => bare(Command::Noop)?,
        "logout" => bare(Command::Logout)?,
        "starttls" => bare(Command::StartTls)?,
        "unauthenticate" => bare(Command::Unauthenticate)?,
        "namespace" => bare(Command::Namespace)?,
        "idle" => bare(Command::Idle)?,
        "check" => bare(Command::Check)?,
        "close" => bare(Command::Close)?,
        "unselect" => bare(Command::Unselect)?,
        "expunge" => bare(Command::Expunge)?,
        "compress-deflate" => bare(Command::CompressDeflate)?,
        "id" => {
            if is_tok(args.first(), "nil") {
                no_more(args, 1)?;
                Command::Id(vec![])
            } else {
                let pairs = args
                    .iter()
                    .map(|p| {
                        let v = list(p)?;
                        if v.len() != 2 {
                            return Err("ID pair needs two fields".to_string());
                        }
                        Ok((string(&v[0])?, nstring(&v[1])?))
                    })
                    .collect::<R<_>>()?;
                Command::Id(pairs)
            }
        }
        "enable" => Command::Enable(args.iter().map(capability).collect::<R<_>>()?),
        "authenticate" => {
            no_more(args, 2)?;
            Command::Authenticate {
                mechanism: string(arg(args, 0)?)?,
                initial_response: args.get(1).map(string).transpose()?,
            }
        }
        "login" => {
            no_more(args, 2)?;
            Command::Login { username: string(arg(args, 0)?)?, password: string(arg(args, 1)?)? }
        }
        "select" => Command::Select(select(args)?),
        "examine" => Command::Examine(select(args)?),
        "create" => {
            let mut special_use = vec![];
            if let Some(u) = args.get(1) {
                no_more(args, 2)?;
                let (h, attrs) = form(u)?;
                if h != "use" {
                    return Err(format!("unknown CREATE parameter {h}"));
                }
                special_use = attrs.iter().map(mailbox_attr).collect::<R<_>>()?;
            }
            Command::Create { mailbox: mailbox(arg(args, 0)?)?, special_use }
        }
        "delete" => Command::Delete(one_mailbox()?),
        "subscribe" => Command::Subscribe(one_mailbox()?),
        "unsubscribe" => Command::Unsubscribe(one_mailbox()?),
        "get-quota-root" => Command::GetQuotaRoot(one_mailbox()?),
        "get-acl" => Command::GetAcl(one_mailbox()?),
        "my-rights" => Command::MyRights(one_mailbox()?),
        "rename" => {
            no_more(args, 2)?;
            Command::Rename { from: mailbox(arg(args, 0)?)?, to: mailbox(arg(args, 1)?)? }
        }
        "list" => Command::List(list_command(args)?),
        "lsub" => {
            no_more(args, 2)?;
            Command::Lsub { reference: mailbox(arg(args, 0)?)?, pattern: mailbox(arg(args, 1)?)? }
        }
        "status" => Command::Status {
            mailbox: mailbox(arg(args, 0)?)?,
            items: args[1..].iter().map(status_attr).collect::<R<_>>()?,
        },
        "append" => Command::Append {
            mailbox: mailbox(arg(args, 0)?)?,
            messages: args[1..].iter().map(append_message).collect::<R<_>>()?,
        },
        "get-quota" => {
            no_more(args, 1)?;
            Command::GetQuota(string(arg(args, 0)?)?)
        }
        "set-quota" => Command::SetQuota {
            root: string(arg(args, 0)?)?,
            limits: args[1..]
                .iter()
                .map(|p| {
                    let v = list(p)?;
                    if v.len() != 2 {
                        return Err("quota resource needs a name and a limit".to_string());
                    }
                    Ok((string(&v[0])?, number(&v[1])?))
                })
                .collect::<R<_>>()?,
        },
        "set-acl" => {
            let (mode, rights) = match args.len() {
                3 => (AclMode::Set, &args[2]),
                4 => {
                    let mode = match tok(&args[2]) {
                        Some("add") => AclMode::Add,
                        Some("remove") => AclMode::Remove,
                        other => return Err(format!("bad ACL mode {other:?}")),
                    };
                    (mode, &args[3])
                }
                _ => return Err("set-acl needs 3 or 4 fields".into()),
            };
            Command::SetAcl {
                mailbox: mailbox(arg(args, 0)?)?,
                identifier: string(arg(args, 1)?)?,
                mode,
                rights: string(rights)?,
            }
        }
        "delete-acl" | "list-rights" => {
            no_more(args, 2)?;
            let mailbox = mailbox(arg(args, 0)?)?;
            let identifier = string(arg(args, 1)?)?;
            if head == "delete-acl" {
                Command::DeleteAcl { mailbox, identifier }
            } else {
                Command::ListRights { mailbox, identifier }
            }
        }
        "get-metadata" => {
            let mut max_size = None;
            let mut depth = None;
            let mut entries = vec![];
            for e in &args[1..] {
                match e {
                    Sexp::Str(b) => entries.push(Bytes::borrowed(b)),
                    _ => match form(e)? {
                        ("max-size", [n]) => max_size = Some(number(n)?),
                        ("depth", [d]) => {
                            depth = Some(match tok(d) {
                                Some("0") => MetadataDepth::Zero,
                                Some("1") => MetadataDepth::One,
                                Some("infinity") => MetadataDepth::Infinity,
                                other => return Err(format!("bad depth {other:?}")),
                            })
                        }
                        (h, _) => return Err(format!("unknown GETMETADATA option {h}")),
                    },
                }
            }
            Command::GetMetadata { mailbox: mailbox(arg(args, 0)?)?, max_size, depth, entries }
        }
        "set-metadata" => Command::SetMetadata {
            mailbox: mailbox(arg(args, 0)?)?,
            entries: args[1..]
                .iter()
                .map(|p| {
                    let v = list(p)?;
                    if v.len() != 2 {
                        return Err("metadata entry needs a name and a value".to_string());
                    }
                    Ok((string(&v[0])?, nstring(&v[1])?))
                })
                .collect::<R<_>>()?,
        },
        "uid-expunge" => {
            no_more(args, 1)?;
            Command::UidExpunge(message_set(arg(args, 0)?)?)
        }
        "search" => Command::Search(search_command(args)?),
        "fetch" => Command::Fetch(fetch_command(args)?),
        "store" => Command::Store(store_command(args)?),
        "copy" | "move" => {
            let (uid, args) = uid_prefix(args);
            no_more(args, 2)?;
            let set = message_set(arg(args, 0)?)?;
            let mailbox = mailbox(arg(args, 1)?)?;
            if head == "copy" {
                Command::Copy { uid, set, mailbox }
            } else {
                Command::Move { uid, set, mailbox }
            }
        }
        "sort" => {
            let (uid, args) = uid_prefix(args);
            Command::Sort {
                uid,
                criteria: list(arg(args, 0)?)?.iter().map(sort_criterion).collect::<R<_>>()?,
                charset: string(arg(args, 1)?)?,
                keys: args[2..].iter().map(search_key).collect::<R<_>>()?,
            }
        }
        "thread" => {
            let (uid, args) = uid_prefix(args);
            let a = arg(args, 0)?;
            let algorithm = match tok(a) {
                Some("ordered-subject") => ThreadAlgorithm::OrderedSubject,
                Some("references") => ThreadAlgorithm::References,
                Some(t) => return Err(format!("unknown thread algorithm {t}")),
                None => match form(a)? {
                    ("other", [name]) => ThreadAlgorithm::Other(string(name)?),
                    _ => return Err("bad thread algorithm".into()),
                },
            };
            Command::Thread {
                uid,
                algorithm,
                charset: string(arg(args, 1)?)?,
                keys: args[2..].iter().map(search_key).collect::<R<_>>()?,
            }
        }
        "raw" => Command::Raw { name: string(arg(args, 0)?)?, args: args[1..].iter().map(raw_arg).collect::<R<_>>()? },
        _ => return Err(format!("unknown command {head}")),
    })
}
