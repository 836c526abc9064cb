//! `encode_roundtrip`: commands built by the fuzzer (structure-aware, with
//! `arbitrary`) encode without panic; no line break is ever sent outside a
//! literal; every literal header announces exactly the bytes that follow
//! and waits for `+` exactly as the literal mode says; no NUL is sent; and
//! a small command parser (a tokenizer of atoms, quoted strings, literals
//! and parentheses, and the shape of each command) reads back the same
//! command. A command the encoder refuses must have a reason (a NUL, an
//! atom that cannot be one, a limit of the grammar).

use arbitrary::{Arbitrary, Unstructured};
use imap::codec::encode::{encode, EncodeError, EncodeOptions, LiteralMode, Part, LITERAL_MINUS_MAX};
use imap::codec::mutf7;
use imap::types::{AppendMessage, Bytes, Command, Flag, Mailbox, NString, SeqRange, Select, SequenceSet, StatusAttr, STAR};

/// A command, as the fuzzer builds it.
#[derive(Arbitrary, Debug)]
enum Cmd {
    Noop,
    Login { user: Vec<u8>, password: Vec<u8> },
    Select { mailbox: String, condstore: bool },
    Create(String),
    Delete(String),
    Rename(String, String),
    Status { mailbox: String, items: Vec<bool> },
    Append { mailbox: String, messages: Vec<(Vec<u8>, Vec<SystemFlag>, Option<String>)> },
    Copy { uid: bool, set: Vec<(u32, u32)>, mailbox: String },
    Id(Vec<(Vec<u8>, Option<Vec<u8>>)>),
}

/// The flags of a message to append.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum SystemFlag {
    Answered,
    Flagged,
    Deleted,
    Seen,
    Draft,
}

/// The status items, in the order of [`Cmd::Status`]'s booleans.
const STATUS: [(StatusAttr, &str); 5] = [
    (StatusAttr::Messages, "MESSAGES"),
    (StatusAttr::Recent, "RECENT"),
    (StatusAttr::UidNext, "UIDNEXT"),
    (StatusAttr::UidValidity, "UIDVALIDITY"),
    (StatusAttr::Unseen, "UNSEEN"),
];

/// What the parser must find, in order.
#[derive(Debug)]
enum Want {
    /// A keyword (ASCII case ignored).
    Word(String),
    /// An astring: an atom (NIL included: it is the string "NIL" here),
    /// a quoted string or a literal.
    AStr(Vec<u8>),
    /// A string: a quoted string or a literal.
    Str(Vec<u8>),
    /// A literal (APPEND's message).
    Literal(Vec<u8>),
    /// A string or NIL.
    NStr(Option<Vec<u8>>),
    /// A mailbox name, given as text.
    Mailbox(String),
    Open,
    Close,
}

/// A token of the command line.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Atom(Vec<u8>),
    Quoted(Vec<u8>),
    Literal(Vec<u8>),
    Open,
    Close,
}

fn flag_of(f: SystemFlag) -> (Flag<'static>, &'static str) {
    match f {
        SystemFlag::Answered => (Flag::Answered, "\\Answered"),
        SystemFlag::Flagged => (Flag::Flagged, "\\Flagged"),
        SystemFlag::Deleted => (Flag::Deleted, "\\Deleted"),
        SystemFlag::Seen => (Flag::Seen, "\\Seen"),
        SystemFlag::Draft => (Flag::Draft, "\\Draft"),
    }
}

fn word(w: &str) -> Want {
    Want::Word(w.to_string())
}

/// The library's command and what the parser must read back.
fn build(cmd: &Cmd) -> (Command<'static>, Vec<Want>) {
    let mbox = |s: &String| Mailbox::Name(Bytes::from(s.clone()));
    match cmd {
        Cmd::Noop => (Command::Noop, vec![word("NOOP")]),
        Cmd::Login { user, password } => (
            Command::Login { username: Bytes::from(user.clone()), password: Bytes::from(password.clone()) },
            vec![word("LOGIN"), Want::AStr(user.clone()), Want::AStr(password.clone())],
        ),
        Cmd::Select { mailbox, condstore } => {
            let mut want = vec![word("SELECT"), Want::Mailbox(mailbox.clone())];
            if *condstore {
                want.extend([Want::Open, word("CONDSTORE"), Want::Close]);
            }
            (Command::Select(Select { condstore: *condstore, ..Select::new(mbox(mailbox)) }), want)
        }
        Cmd::Create(m) => (
            Command::Create { mailbox: mbox(m), special_use: vec![] },
            vec![word("CREATE"), Want::Mailbox(m.clone())],
        ),
        Cmd::Delete(m) => (Command::Delete(mbox(m)), vec![word("DELETE"), Want::Mailbox(m.clone())]),
        Cmd::Rename(a, b) => (
            Command::Rename { from: mbox(a), to: mbox(b) },
            vec![word("RENAME"), Want::Mailbox(a.clone()), Want::Mailbox(b.clone())],
        ),
        Cmd::Status { mailbox, items } => {
            let chosen: Vec<_> = items.iter().zip(STATUS).filter(|(on, _)| **on).map(|(_, s)| s).collect();
            let mut want = vec![word("STATUS"), Want::Mailbox(mailbox.clone()), Want::Open];
            want.extend(chosen.iter().map(|(_, name)| word(name)));
            want.push(Want::Close);
            (Command::Status { mailbox: mbox(mailbox), items: chosen.iter().map(|(a, _)| *a).collect() }, want)
        }
        Cmd::Append { mailbox, messages } => {
            let mut want = vec![word("APPEND"), Want::Mailbox(mailbox.clone())];
            let mut list = Vec::new();
            for (data, flags, keyword) in messages {
                let mut message = AppendMessage::new(data.clone());
                if !flags.is_empty() || keyword.is_some() {
                    want.push(Want::Open);
                    for f in flags {
                        let (flag, name) = flag_of(*f);
                        message.flags.push(flag);
                        want.push(word(name));
                    }
                    if let Some(k) = keyword {
                        message.flags.push(Flag::Keyword(Bytes::from(k.clone())));
                        want.push(word(k));
                    }
                    want.push(Want::Close);
                }
                want.push(Want::Literal(data.clone()));
                list.push(message);
            }
            (Command::Append { mailbox: mbox(mailbox), messages: list }, want)
        }
        Cmd::Copy { uid, set, mailbox } => {
            let ranges: Vec<SeqRange> = set.iter().map(|&(start, end)| SeqRange { start, end }).collect();
            let text: Vec<String> = ranges
                .iter()
                .map(|r| {
                    let n = |v: u32| if v == STAR { "*".to_string() } else { v.to_string() };
                    if r.start == r.end {
                        n(r.start)
                    } else {
                        format!("{}:{}", n(r.start), n(r.end))
                    }
                })
                .collect();
            let mut want = if *uid { vec![word("UID"), word("COPY")] } else { vec![word("COPY")] };
            want.extend([word(&text.join(",")), Want::Mailbox(mailbox.clone())]);
            (Command::Copy { uid: *uid, set: SequenceSet(ranges).into(), mailbox: mbox(mailbox) }, want)
        }
        Cmd::Id(pairs) => {
            let mut want = vec![word("ID")];
            if pairs.is_empty() {
                want.push(Want::NStr(None));
            } else {
                want.push(Want::Open);
                for (k, v) in pairs {
                    want.extend([Want::Str(k.clone()), Want::NStr(v.clone())]);
                }
                want.push(Want::Close);
            }
            let id = pairs.iter().map(|(k, v)| (Bytes::from(k.clone()), v.clone().map(Bytes::from) as NString<'static>));
            (Command::Id(id.collect()), want)
        }
    }
}

/// Checks the parts' framing and returns the tokens after the tag.
fn tokens(parts: &[Part<'_>], opts: &EncodeOptions) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut pending_literal: Option<usize> = None;
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Literal { data, wait } => {
                let size = pending_literal.take().expect("a literal after its header");
                assert_eq!(size, data.len(), "the header announces the literal's size");
                let should_wait = match opts.literal {
                    LiteralMode::Sync => true,
                    LiteralMode::Plus => false,
                    LiteralMode::Minus => data.len() > LITERAL_MINUS_MAX,
                };
                assert_eq!(*wait, should_wait, "{:?} literal of {} bytes", opts.literal, data.len());
                assert!(!data.contains(&0), "a NUL sent in a literal");
                toks.push(Tok::Literal(data.to_vec()));
            }
            Part::Line(line) => {
                assert!(pending_literal.is_none(), "a line where a literal's data should be");
                let body = line.strip_suffix(b"\r\n").expect("a line ends with CRLF");
                assert!(!body.contains(&b'\r') && !body.contains(&b'\n'), "a line break outside a literal: {line:?}");
                assert!(!body.contains(&0), "a NUL in a command line");
                let body = if i == 0 { body.strip_prefix(b"A1 ").expect("the tag") } else { body };
                pending_literal = line_tokens(body, &mut toks);
                assert_eq!(pending_literal.is_some(), i + 1 < parts.len(), "only the last line ends the command");
            }
        }
    }
    toks
}

/// Tokenizes one line (without its CRLF); returns the size of the
/// literal whose header ends it.
fn line_tokens(mut s: &[u8], toks: &mut Vec<Tok>) -> Option<usize> {
    loop {
        s = s.strip_prefix(b" ").unwrap_or(s);
        let Some(&c) = s.first() else { return None };
        match c {
            b'(' => {
                toks.push(Tok::Open);
                s = &s[1..];
            }
            b')' => {
                toks.push(Tok::Close);
                s = &s[1..];
            }
            b'"' => {
                let mut out = Vec::new();
                let mut i = 1;
                loop {
                    match s[i] {
                        b'\\' => {
                            assert!(matches!(s[i + 1], b'"' | b'\\'), "a quoted string escapes only \" and \\");
                            out.push(s[i + 1]);
                            i += 2;
                        }
                        b'"' => break,
                        b => {
                            out.push(b);
                            i += 1;
                        }
                    }
                }
                toks.push(Tok::Quoted(out));
                s = &s[i + 1..];
            }
            b'{' | b'~' if literal_size(s).is_some() => return literal_size(s),
            _ => {
                let end = s.iter().position(|b| matches!(b, b' ' | b'(' | b')')).unwrap_or(s.len());
                // A list's `(` may open right after an atom only inside
                // flag and item lists, which this parser never sees glued.
                toks.push(Tok::Atom(s[..end].to_vec()));
                s = &s[end..];
            }
        }
    }
}

/// The size announced by `s` if it is a whole literal header
/// (`{n}`, `{n+}`, `~{n}`, `~{n+}`).
fn literal_size(s: &[u8]) -> Option<usize> {
    let s = std::str::from_utf8(s).ok()?;
    let inner = s.strip_prefix('~').unwrap_or(s).strip_prefix('{')?.strip_suffix('}')?;
    let digits = inner.strip_suffix('+').unwrap_or(inner);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether `tok` is the string `want` (quoted or literal).
fn is_string(tok: &Tok, want: &[u8]) -> bool {
    matches!(tok, Tok::Quoted(q) | Tok::Literal(q) if q == want)
}

/// Whether `tok` is the astring `want`.
fn is_astring(tok: &Tok, want: &[u8]) -> bool {
    matches!(tok, Tok::Atom(a) if a == want) || is_string(tok, want)
}

/// Whether `tok` is the mailbox `name` as encoded for `opts`.
fn is_mailbox(tok: &Tok, name: &str, opts: &EncodeOptions) -> bool {
    let (Tok::Atom(b) | Tok::Quoted(b) | Tok::Literal(b)) = tok else { return false };
    if name.eq_ignore_ascii_case("INBOX") {
        return b == b"INBOX";
    }
    if opts.utf8_accept {
        b == name.as_bytes()
    } else {
        mutf7::decode(b).is_ok_and(|decoded| decoded == name)
    }
}

/// Whether any argument of `cmd` holds a NUL byte.
fn has_nul(cmd: &Cmd) -> bool {
    let nul = |b: &[u8]| b.contains(&0);
    match cmd {
        Cmd::Noop => false,
        Cmd::Login { user, password } => nul(user) || nul(password),
        Cmd::Select { mailbox, .. } | Cmd::Create(mailbox) | Cmd::Delete(mailbox) | Cmd::Status { mailbox, .. } => {
            nul(mailbox.as_bytes())
        }
        Cmd::Rename(a, b) => nul(a.as_bytes()) || nul(b.as_bytes()),
        Cmd::Copy { mailbox, .. } => nul(mailbox.as_bytes()),
        Cmd::Append { mailbox, messages } => {
            nul(mailbox.as_bytes())
                || messages.iter().any(|(d, _, k)| nul(d) || k.as_deref().is_some_and(|k| nul(k.as_bytes())))
        }
        Cmd::Id(pairs) => pairs.iter().any(|(k, v)| nul(k) || v.as_deref().is_some_and(nul)),
    }
}

/// Whether encoding may refuse `cmd` with `error`.
fn refusal_is_justified(cmd: &Cmd, error: &EncodeError) -> bool {
    match (cmd, error) {
        (_, EncodeError::Nul(_)) => has_nul(cmd),
        (Cmd::Append { messages, .. }, EncodeError::EmptyList(_) | EncodeError::InvalidAtom(_)) => {
            messages.is_empty() || messages.iter().any(|(_, _, k)| k.is_some())
        }
        (Cmd::Status { .. }, EncodeError::EmptyList(_)) => true,
        (Cmd::Copy { set, .. }, EncodeError::EmptySet(_) | EncodeError::InvalidNumber(_)) => {
            set.is_empty()
        }
        (Cmd::Id(_), EncodeError::InvalidId(_)) => true,
        _ => false,
    }
}

/// Runs the target on one input.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(cmd) = Cmd::arbitrary(&mut u) else { return };
    let literal = [LiteralMode::Sync, LiteralMode::Plus, LiteralMode::Minus][u.int_in_range(0..=2).unwrap_or(0)];
    let opts = EncodeOptions { literal, utf8_accept: u.arbitrary().unwrap_or(false) };
    let (command, want) = build(&cmd);
    let encoded = match encode(&command, b"A1", &opts) {
        Ok(e) => e,
        Err(e) => {
            assert!(refusal_is_justified(&cmd, &e), "{cmd:?} refused: {e}");
            return;
        }
    };
    let toks = tokens(encoded.parts(), &opts);
    assert_eq!(toks.len(), want.len(), "{cmd:?}: {toks:?}");
    for (tok, want) in toks.iter().zip(&want) {
        let ok = match want {
            Want::Word(w) => matches!(tok, Tok::Atom(a) if a.eq_ignore_ascii_case(w.as_bytes())),
            Want::AStr(s) => is_astring(tok, s),
            Want::Str(s) => is_string(tok, s),
            Want::Literal(s) => matches!(tok, Tok::Literal(l) if l == s),
            Want::NStr(None) => matches!(tok, Tok::Atom(a) if a.eq_ignore_ascii_case(b"NIL")),
            Want::NStr(Some(s)) => is_string(tok, s),
            Want::Mailbox(name) => is_mailbox(tok, name, &opts),
            Want::Open => *tok == Tok::Open,
            Want::Close => *tok == Tok::Close,
        };
        assert!(ok, "{cmd:?} with {opts:?}: read {tok:?}, want {want:?}\n{:?}", encoded.to_vec());
    }
}
