//! Property test: arbitrary bytes in every string argument of every command
//! can never break the command's framing.
//!
//! For every encoded command, read as a server would: outside literals there
//! is exactly one CRLF and it ends the command; every literal header's length
//! equals the bytes that follow it; the parts and their waits agree with the
//! bytes and the literal mode. A NUL byte always gives an error (except in
//! base64-encoded SASL data and binary `literal8` APPEND data).

use std::borrow::Cow;

use imap::codec::encode::{encode, EncodeOptions, Encoded, LiteralMode, Part, LITERAL_MINUS_MAX};
use imap::types::{
    AclMode, AppendMessage, Bytes, Capability, Command, Fetch, FetchAttr, FetchItems, Flag, List, Mailbox, MailboxAttr,
    MessageSet, RawArg, Search, SearchKey, Section, SectionText, Select, SeqRange, SequenceSet, SortCriterion, SortKey,
    Store, StoreAction, StoreData, ThreadAlgorithm,
};
use proptest::prelude::*;

fn set() -> MessageSet {
    MessageSet::Set(SequenceSet(vec![SeqRange::range(1, 5)]))
}

fn b(s: &[u8]) -> Bytes<'_> {
    Bytes::borrowed(s)
}

fn search(keys: Vec<SearchKey<'_>>) -> Command<'_> {
    Command::Search(Search { uid: false, charset: None, returns: None, keys })
}

/// Every command with `s` in each of its string arguments, and whether a
/// NUL in `s` is allowed there.
fn commands(s: &[u8]) -> Vec<(Command<'_>, bool)> {
    let name = || Mailbox::Name(b(s));
    let wire = || Mailbox::Wire(b(s));
    let mut v = vec![
        (Command::Login { username: b(s), password: b(s) }, false),
        (Command::Login { username: b(b"user"), password: b(s) }, false),
        (Command::Authenticate { mechanism: b(s), initial_response: None }, false),
        (Command::Authenticate { mechanism: b(b"PLAIN"), initial_response: Some(b(s)) }, true),
        (Command::Id(vec![(b(s), Some(b(s))), (b(b"x"), None)]), false),
        (Command::Enable(vec![Capability::Other(b(s))]), false),
        (Command::Create { mailbox: name(), special_use: vec![MailboxAttr::Extension(b(s))] }, false),
        (Command::Rename { from: name(), to: wire() }, false),
        (
            Command::List(List {
                reference: name(),
                patterns: vec![name(), wire()],
                selection: vec![],
                returns: vec![],
            }),
            false,
        ),
        (Command::Lsub { reference: wire(), pattern: name() }, false),
        (
            Command::Append {
                mailbox: name(),
                messages: vec![
                    AppendMessage::new(s),
                    AppendMessage { flags: vec![Flag::Keyword(b(s))], ..AppendMessage::new(s) },
                ],
            },
            false,
        ),
        (Command::Append { mailbox: Mailbox::Name(b(b"INBOX")), messages: vec![AppendMessage::new(s)] }, false),
        (
            Command::Append {
                mailbox: Mailbox::Wire(b(b"INBOX")),
                messages: vec![AppendMessage { binary: true, ..AppendMessage::new(s) }],
            },
            true,
        ),
        (Command::GetQuota(b(s)), false),
        (Command::SetQuota { root: b(s), limits: vec![(b(s), 1)] }, false),
        (Command::SetAcl { mailbox: name(), identifier: b(s), mode: AclMode::Add, rights: b(s) }, false),
        (Command::DeleteAcl { mailbox: wire(), identifier: b(s) }, false),
        (Command::ListRights { mailbox: name(), identifier: b(s) }, false),
        (Command::GetMetadata { mailbox: name(), max_size: None, depth: None, entries: vec![b(s), b(s)] }, false),
        (Command::SetMetadata { mailbox: wire(), entries: vec![(b(s), Some(b(s))), (b(s), None)] }, false),
        (
            Command::Search(Search {
                uid: true,
                charset: Some(b(s)),
                returns: None,
                keys: vec![SearchKey::Text(b(s))],
            }),
            false,
        ),
        (
            search(vec![
                SearchKey::Bcc(b(s)),
                SearchKey::Body(b(s)),
                SearchKey::Cc(b(s)),
                SearchKey::From(b(s)),
                SearchKey::Header(b(s), b(s)),
                SearchKey::Subject(b(s)),
                SearchKey::Text(b(s)),
                SearchKey::To(b(s)),
                SearchKey::GmRaw(b(s)),
                SearchKey::GmLabels(b(s)),
                SearchKey::Or(Box::new(SearchKey::Text(b(s))), Box::new(SearchKey::Not(Box::new(SearchKey::Cc(b(s)))))),
            ]),
            false,
        ),
        (search(vec![SearchKey::Keyword(b(s))]), false),
        (search(vec![SearchKey::Unkeyword(b(s))]), false),
        (search(vec![SearchKey::EmailId(b(s))]), false),
        (search(vec![SearchKey::ThreadId(b(s))]), false),
        (
            search(vec![SearchKey::ModSeq {
                entry: Some((Flag::Keyword(b(s)), imap::types::EntryType::All)),
                mod_seq: 1,
            }]),
            false,
        ),
        (
            Command::Fetch(Fetch {
                uid: true,
                set: set(),
                items: FetchItems::Items(vec![
                    FetchAttr::Uid,
                    FetchAttr::BodySection {
                        peek: true,
                        section: Section { part: vec![1].into(), text: Some(SectionText::HeaderFields(vec![b(s), b(s)].into())) },
                        partial: None,
                    },
                    FetchAttr::BodySection {
                        peek: false,
                        section: Section { part: vec![].into(), text: Some(SectionText::HeaderFieldsNot(vec![b(s)].into())) },
                        partial: Some((0, 10)),
                    },
                ]),
                changed_since: Some(1),
                vanished: true,
            }),
            false,
        ),
        (
            Command::Store(Store {
                uid: false,
                set: set(),
                unchanged_since: None,
                action: StoreAction::Add,
                silent: true,
                data: StoreData::Flags(vec![Flag::Seen, Flag::Keyword(b(s))]),
            }),
            false,
        ),
        (
            Command::Store(Store {
                uid: true,
                set: set(),
                unchanged_since: Some(3),
                action: StoreAction::Set,
                silent: false,
                data: StoreData::Flags(vec![Flag::Extension(b(s))]),
            }),
            false,
        ),
        (
            Command::Store(Store {
                uid: true,
                set: MessageSet::Saved,
                unchanged_since: None,
                action: StoreAction::Remove,
                silent: false,
                data: StoreData::Labels(vec![b(s), b(b"\\Inbox"), b(s)]),
            }),
            false,
        ),
        (Command::Copy { uid: true, set: set(), mailbox: name() }, false),
        (Command::Move { uid: false, set: set(), mailbox: wire() }, false),
        (
            Command::Sort {
                uid: true,
                criteria: vec![SortCriterion { reverse: true, key: SortKey::Date }],
                charset: b(s),
                keys: vec![SearchKey::Subject(b(s))],
            },
            false,
        ),
        (
            Command::Thread {
                uid: false,
                algorithm: ThreadAlgorithm::Other(b(s)),
                charset: b(b"UTF-8"),
                keys: vec![SearchKey::From(b(s))],
            },
            false,
        ),
        (Command::Raw { name: b(s), args: vec![] }, false),
        (
            Command::Raw {
                name: b(b"XFOO"),
                args: vec![
                    RawArg::String(b(s)),
                    RawArg::List(vec![RawArg::Literal(b(s)), RawArg::Mailbox(name()), RawArg::Number(7)]),
                    RawArg::Mailbox(wire()),
                ],
            },
            false,
        ),
        (Command::Raw { name: b(b"XFOO"), args: vec![RawArg::Atom(b(s))] }, false),
    ];
    for m in [name(), wire()] {
        v.push((Command::Select(Select::new(m.clone())), false));
        v.push((Command::Examine(Select { condstore: true, ..Select::new(m.clone()) }), false));
        v.push((Command::Delete(m.clone()), false));
        v.push((Command::Subscribe(m.clone()), false));
        v.push((Command::Unsubscribe(m.clone()), false));
        v.push((Command::GetQuotaRoot(m.clone()), false));
        v.push((Command::GetAcl(m.clone()), false));
        v.push((Command::MyRights(m.clone()), false));
        v.push((Command::Status { mailbox: m, items: vec![imap::types::StatusAttr::Messages] }, false));
    }
    v
}

/// If `line` ends with a literal header (`{n}`, `{n+}`, `~{n}`, `~{n+}`),
/// its length and whether it is non-synchronizing.
fn literal_header(line: &[u8]) -> Option<(usize, bool)> {
    let body = line.strip_suffix(b"}")?;
    let open = body.iter().rposition(|&c| c == b'{')?;
    let inner = &body[open + 1..];
    let (digits, plus) = match inner.strip_suffix(b"+") {
        Some(d) => (d, true),
        None => (inner, false),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some((std::str::from_utf8(digits).ok()?.parse().ok()?, plus))
}

/// Reads `out` as a server would and checks it against the parts.
fn check_framing(enc: &Encoded<'_>, opts: &EncodeOptions) -> Result<(), String> {
    let out = enc.to_vec();
    if !out.starts_with(b"A1 ") {
        return Err("does not start with the tag".into());
    }
    // What the server sees: a sequence of (line, literal) pairs.
    let mut literals: Vec<(usize, bool)> = Vec::new();
    let mut pos = 0;
    loop {
        let rel =
            out[pos..].iter().position(|&c| c == b'\r' || c == b'\n').ok_or("no CRLF at the end of the command")?;
        let eol = pos + rel;
        if out.get(eol..eol + 2) != Some(b"\r\n") {
            return Err(format!("bare CR or LF outside a literal at {eol}"));
        }
        let line = &out[pos..eol];
        for &c in line {
            let ok = (0x20..=0x7e).contains(&c) || (opts.utf8_accept && c >= 0x80);
            if !ok {
                return Err(format!("byte 0x{c:02x} outside a literal"));
            }
        }
        pos = eol + 2;
        match literal_header(line) {
            Some((n, plus)) => {
                if out.len() < pos + n {
                    return Err("literal runs past the end".into());
                }
                literals.push((n, plus));
                pos += n;
            }
            None => {
                if pos != out.len() {
                    return Err(format!("the command ends early, at {pos} of {}", out.len()));
                }
                break;
            }
        }
    }
    // The parts must say the same.
    let parts = enc.parts();
    if !matches!(parts.first(), Some(Part::Line(_))) || !matches!(parts.last(), Some(Part::Line(_))) {
        return Err("parts must start and end with a line".into());
    }
    let mut lits = literals.iter();
    for (i, p) in parts.iter().enumerate() {
        match p {
            Part::Line(l) => {
                if !l.ends_with(b"\r\n") {
                    return Err("a line part does not end with CRLF".into());
                }
                if matches!(parts.get(i + 1), Some(Part::Line(_))) {
                    return Err("two line parts in a row".into());
                }
            }
            Part::Literal { data, wait } => {
                let &(n, plus) = lits.next().ok_or("more literal parts than headers")?;
                if data.len() != n {
                    return Err(format!("literal part of {} bytes under a header of {n}", data.len()));
                }
                if *wait == plus {
                    return Err("wait flag disagrees with the header".into());
                }
                let expect_plus = match opts.literal {
                    LiteralMode::Sync => false,
                    LiteralMode::Plus => true,
                    LiteralMode::Minus => n <= LITERAL_MINUS_MAX,
                };
                if plus != expect_plus {
                    return Err("literal form disagrees with the literal mode".into());
                }
            }
        }
    }
    if lits.next().is_some() {
        return Err("more headers than literal parts".into());
    }
    Ok(())
}

/// One token of a command line, for reading arguments back.
#[derive(Debug, PartialEq)]
enum Tok {
    Atom(Vec<u8>),
    Str(Vec<u8>),
}

/// Reads back the space-separated atoms, quoted strings and literals of a
/// simple command (no parentheses).
fn tokens(out: &[u8]) -> Vec<Tok> {
    let mut t = Vec::new();
    let mut i = 0;
    while i < out.len() {
        match out[i] {
            b' ' => i += 1,
            b'\r' => break,
            b'"' => {
                let mut s = Vec::new();
                i += 1;
                while out[i] != b'"' {
                    if out[i] == b'\\' {
                        i += 1;
                    }
                    s.push(out[i]);
                    i += 1;
                }
                i += 1;
                t.push(Tok::Str(s));
            }
            b'{' => {
                let close = i + out[i..].iter().position(|&c| c == b'}').unwrap();
                let n: usize = std::str::from_utf8(&out[i + 1..close]).unwrap().trim_end_matches('+').parse().unwrap();
                let start = close + 3;
                t.push(Tok::Str(out[start..start + n].to_vec()));
                i = start + n;
            }
            _ => {
                let end = i + out[i..].iter().position(|&c| c == b' ' || c == b'\r').unwrap();
                t.push(Tok::Atom(out[i..end].to_vec()));
                i = end;
            }
        }
    }
    t
}

fn value(t: &Tok) -> &[u8] {
    match t {
        Tok::Atom(a) | Tok::Str(a) => a,
    }
}

fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    let special = prop::sample::select(b"\r\n\0\"\\{}()%*[]+~ -&\x7f\x80\xc3\xa4\xff09".to_vec());
    prop::collection::vec(prop_oneof![any::<u8>(), special.clone(), special], 0..24)
}

fn options() -> impl Strategy<Value = EncodeOptions> {
    (prop::sample::select(vec![LiteralMode::Sync, LiteralMode::Plus, LiteralMode::Minus]), any::<bool>())
        .prop_map(|(literal, utf8_accept)| EncodeOptions { literal, utf8_accept })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn framing_holds_for_every_command(s in arbitrary_bytes(), opts in options()) {
        for (cmd, nul_allowed) in commands(&s) {
            match encode(&cmd, b"A1", &opts) {
                Ok(enc) => {
                    prop_assert!(nul_allowed || !s.contains(&0), "NUL accepted in {:?}", cmd);
                    if let Err(e) = check_framing(&enc, &opts) {
                        return Err(TestCaseError::fail(format!("{e}: {cmd:?} gave {:?}", enc.to_vec().escape_ascii().to_string())));
                    }
                }
                Err(e) => {
                    if s.contains(&0) && !nul_allowed {
                        prop_assert_eq!(e.kind(), "nul", "{:?}", cmd);
                    }
                }
            }
        }
    }

    #[test]
    fn login_arguments_read_back_exactly(user in arbitrary_bytes(), pass in arbitrary_bytes(), opts in options()) {
        let cmd = Command::Login { username: b(&user), password: b(&pass) };
        match encode(&cmd, b"A1", &opts) {
            Err(e) => {
                prop_assert!(user.contains(&0) || pass.contains(&0));
                prop_assert_eq!(e.kind(), "nul");
            }
            Ok(enc) => {
                let out = enc.to_vec();
                let t = tokens(&out);
                prop_assert_eq!(t.len(), 4);
                prop_assert_eq!(value(&t[0]), b"A1");
                prop_assert_eq!(value(&t[1]), b"LOGIN");
                prop_assert_eq!(value(&t[2]), &user[..]);
                prop_assert_eq!(value(&t[3]), &pass[..]);
            }
        }
    }

    #[test]
    fn wire_mailbox_reads_back_exactly(name in arbitrary_bytes(), opts in options()) {
        let cmd = Command::Rename { from: Mailbox::Wire(b(&name)), to: Mailbox::Wire(b(b"x")) };
        if let Ok(enc) = encode(&cmd, b"A1", &opts) {
            let t = tokens(&enc.to_vec());
            prop_assert_eq!(t.len(), 4);
            prop_assert_eq!(value(&t[2]), &name[..]);
        }
    }

    #[test]
    fn mailbox_names_decode_back(name in "\\PC*", opts in options()) {
        let cmd = Command::Delete(Mailbox::Name(b(name.as_bytes())));
        if let Ok(enc) = encode(&cmd, b"A1", &opts) {
            let t = tokens(&enc.to_vec());
            prop_assert_eq!(t.len(), 3);
            let sent = value(&t[2]);
            let back: Cow<'_, str> = if opts.utf8_accept {
                Cow::Owned(String::from_utf8(sent.to_vec()).unwrap())
            } else {
                Cow::Owned(imap::codec::mutf7::decode(sent).unwrap())
            };
            if name.eq_ignore_ascii_case("INBOX") {
                prop_assert_eq!(&*back, "INBOX");
            } else {
                prop_assert_eq!(&*back, name.as_str());
            }
        }
    }
}
