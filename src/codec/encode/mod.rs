//! The command encoder: a [`Command`] and a tag in, the bytes to send out.
//!
//! Encoding is strict and cannot be injected into: every string argument is
//! sent as an atom, a quoted string or a literal according to its bytes, so
//! no argument can end the command line early; NUL bytes are refused.
//!
//! # Parts and continuations
//!
//! A command containing literals cannot always be sent in one go: after a
//! synchronizing literal header (`{n}` CRLF) the client must wait for the
//! server's `+` continuation request before sending the literal's data.
//! [`encode`] therefore returns an [`Encoded`], a list of [`Part`]s to send
//! in order:
//!
//! - [`Part::Line`]: command text. It ends either with a literal header and
//!   CRLF (`{n}\r\n`, `{n+}\r\n`, `~{n}\r\n` or `~{n+}\r\n`), and then the
//!   next part is that literal's data, or with the CRLF that ends the
//!   command, and then it is the last part.
//! - [`Part::Literal`]: exactly the `n` bytes announced by the preceding
//!   header, borrowed from the command. When `wait` is true (a synchronizing
//!   literal), the sender must first receive a `+` continuation request; if
//!   the server answers with a tagged `NO`/`BAD` instead, the command is over
//!   and the remaining parts must not be sent.
//!
//! The first part is always a line, the last part is always a line ending
//! with the command's CRLF, and a line never follows a line. A command
//! without literals is a single line.
//!
//! Two commands continue after their line with an exchange driven by the
//! connection: `IDLE` ends when the client sends [`IDLE_DONE`], and
//! `AUTHENTICATE` answers each challenge with [`authenticate_response`] (or
//! cancels with [`AUTHENTICATE_CANCEL`]).

mod command;
mod fetch;
mod mailbox;
mod search;
mod writer;

use std::borrow::Cow;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::types::Command;

/// How literals are sent (RFC 7888).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LiteralMode {
    /// Synchronizing literals `{n}`: wait for `+` before each one. Always
    /// correct; the default.
    #[default]
    Sync,
    /// The server advertised `LITERAL+`: every literal is non-synchronizing
    /// (`{n+}`), and the command is sent without waiting.
    Plus,
    /// The server advertised `LITERAL-`: literals of at most 4096 bytes are
    /// non-synchronizing (`{n+}`); longer ones are synchronizing.
    Minus,
}

/// The largest literal that `LITERAL-` allows to be non-synchronizing.
pub const LITERAL_MINUS_MAX: usize = 4096;

/// Options that depend on what the server advertised and what was enabled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EncodeOptions {
    /// How to send literals.
    pub literal: LiteralMode,
    /// `UTF8=ACCEPT` is enabled (RFC 6855, 9051): mailbox names are sent as
    /// UTF-8 instead of modified UTF-7, and valid UTF-8 text may be sent as a
    /// quoted string instead of a literal.
    pub utf8_accept: bool,
}

/// Why a command cannot be encoded. Nothing is sent for such a command.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// A string holds a NUL byte, which no IMAP string can carry.
    #[error("{0} contains a NUL byte")]
    Nul(&'static str),
    /// A value that must be an atom is empty or holds a byte that an atom
    /// cannot hold.
    #[error("{0} is not a valid atom")]
    InvalidAtom(&'static str),
    /// The grammar needs at least one element in this list.
    #[error("{0} must not be empty")]
    EmptyList(&'static str),
    /// A sequence set has no element.
    #[error("empty sequence set in {0}")]
    EmptySet(&'static str),
    /// FETCH `VANISHED` without `CHANGEDSINCE` (RFC 7162).
    #[error("VANISHED requires CHANGEDSINCE")]
    VanishedWithoutChangedSince,
    /// FETCH `VANISHED` in a FETCH that is not a UID FETCH (RFC 7162).
    #[error("VANISHED is only allowed in UID FETCH")]
    VanishedWithoutUid,
    /// The tag is empty or holds a byte a tag cannot hold.
    #[error("invalid tag")]
    InvalidTag,
    /// Text that must be UTF-8 (a mailbox name or label) is not.
    #[error("{0} is not valid UTF-8")]
    NotUtf8(&'static str),
    /// A value that must be an atom or a quoted string would need a literal.
    #[error("{0} cannot be sent as a literal")]
    LiteralNotAllowed(&'static str),
    /// A literal longer than the grammar's 32-bit length.
    #[error("a literal of {0} bytes is too long")]
    LiteralTooLong(usize),
    /// A date or date-time with a field out of range.
    #[error("invalid date in {0}")]
    InvalidDate(&'static str),
    /// A number out of the range the grammar allows (for example zero where
    /// a non-zero number is needed).
    #[error("{0} is out of range")]
    InvalidNumber(&'static str),
    /// A body section that the grammar does not allow (part number 0,
    /// `MIME` without a part number).
    #[error("invalid body section: {0}")]
    InvalidSection(&'static str),
    /// A flag that cannot be sent here (`\Recent`, `\*`).
    #[error("{0} cannot be sent here")]
    InvalidFlag(&'static str),
    /// LIST options the grammar forbids (`RECURSIVEMATCH` without
    /// `SUBSCRIBED` or `SPECIAL-USE`).
    #[error("RECURSIVEMATCH needs SUBSCRIBED or SPECIAL-USE")]
    InvalidListOptions,
    /// An ID parameter list over RFC 2971's limits (30 pairs, fields of 30
    /// octets, values of 1024 octets).
    #[error("ID {0}")]
    InvalidId(&'static str),
}

impl EncodeError {
    /// A short, stable, language-neutral name for the kind of error, as used
    /// by the `error` lines of `tests/vectors/encode/*.txt`.
    pub fn kind(&self) -> &'static str {
        match self {
            EncodeError::Nul(_) => "nul",
            EncodeError::InvalidAtom(_) => "invalid-atom",
            EncodeError::EmptyList(_) => "empty-list",
            EncodeError::EmptySet(_) => "empty-set",
            EncodeError::VanishedWithoutChangedSince => "vanished-without-changedsince",
            EncodeError::VanishedWithoutUid => "vanished-without-uid",
            EncodeError::InvalidTag => "invalid-tag",
            EncodeError::NotUtf8(_) => "not-utf8",
            EncodeError::LiteralNotAllowed(_) => "literal-not-allowed",
            EncodeError::LiteralTooLong(_) => "literal-too-long",
            EncodeError::InvalidDate(_) => "invalid-date",
            EncodeError::InvalidNumber(_) => "invalid-number",
            EncodeError::InvalidSection(_) => "invalid-section",
            EncodeError::InvalidFlag(_) => "invalid-flag",
            EncodeError::InvalidListOptions => "invalid-list-options",
            EncodeError::InvalidId(_) => "invalid-id",
        }
    }
}

/// One piece of an encoded command; see the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part<'c> {
    /// Command text, ending with CRLF: either a literal header's or the
    /// command's own.
    Line(Vec<u8>),
    /// The data of the literal announced at the end of the preceding line.
    Literal {
        /// The bytes, borrowed from the command where possible (always for
        /// APPEND message data).
        data: Cow<'c, [u8]>,
        /// Wait for a `+` continuation request before sending `data`.
        wait: bool,
    },
}

impl Part<'_> {
    /// The bytes to send.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Part::Line(b) => b,
            Part::Literal { data, .. } => data,
        }
    }

    /// Whether the sender must receive a `+` continuation request before
    /// sending this part.
    pub fn waits(&self) -> bool {
        matches!(self, Part::Literal { wait: true, .. })
    }
}

/// An encoded command: the parts to send, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded<'c> {
    /// The parts; see the [module documentation](self).
    pub parts: Vec<Part<'c>>,
}

impl<'c> Encoded<'c> {
    /// The parts, in order.
    pub fn parts(&self) -> &[Part<'c>] {
        &self.parts
    }

    /// Whether any part must wait for a `+` continuation request.
    pub fn has_waits(&self) -> bool {
        self.parts.iter().any(Part::waits)
    }

    /// The bytes between waits: the first segment can be sent at once; each
    /// later one only after a `+` continuation request.
    pub fn segments(&self) -> Vec<Vec<u8>> {
        let mut out: Vec<Vec<u8>> = vec![Vec::new()];
        for p in &self.parts {
            if p.waits() {
                out.push(Vec::new());
            }
            out.last_mut().expect("never empty").extend_from_slice(p.bytes());
        }
        out
    }

    /// All the bytes, ignoring waits (for logs and tests).
    pub fn to_vec(&self) -> Vec<u8> {
        self.parts.iter().flat_map(|p| p.bytes().iter().copied()).collect()
    }
}

/// Encodes `cmd` with `tag` (e.g. `b"A1"`).
///
/// The tag must be a non-empty string of `ASTRING-CHAR`s other than `+`.
/// On error nothing is produced; the error says which rule the command
/// breaks.
pub fn encode<'c>(cmd: &'c Command<'_>, tag: &[u8], opts: &EncodeOptions) -> Result<Encoded<'c>, EncodeError> {
    if tag.is_empty() || !tag.iter().all(|&b| writer::is_astring_char(b) && b != b'+') {
        return Err(EncodeError::InvalidTag);
    }
    let mut w = writer::Writer::new(*opts);
    w.raw(tag);
    w.sp();
    command::command(&mut w, cmd)?;
    Ok(w.finish())
}

/// The line that ends IDLE (RFC 2177).
pub const IDLE_DONE: &[u8] = b"DONE\r\n";

/// The line that cancels an AUTHENTICATE exchange (RFC 3501 6.2.2).
pub const AUTHENTICATE_CANCEL: &[u8] = b"*\r\n";

/// The line that answers an AUTHENTICATE challenge with `data`: its base64
/// form and CRLF (an empty response is an empty line).
pub fn authenticate_response(data: &[u8]) -> Vec<u8> {
    let mut out = STANDARD.encode(data).into_bytes();
    out.extend_from_slice(b"\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{AppendMessage, Bytes, Mailbox};

    fn opts() -> EncodeOptions {
        EncodeOptions::default()
    }

    #[test]
    fn tags_are_validated() {
        for bad in [&b""[..], b"A+1", b"A 1", b"A\r\n", b"A(", b"A{", b"\"A\"", b"A\\", b"A*", b"A%", b"\xc3\xa4"] {
            assert_eq!(encode(&Command::Noop, bad, &opts()), Err(EncodeError::InvalidTag), "{bad:?}");
        }
        for good in [&b"A1"[..], b"a0001", b"1", b"tag]", b"x.y-z"] {
            assert!(encode(&Command::Noop, good, &opts()).is_ok(), "{good:?}");
        }
        assert_eq!(EncodeError::InvalidTag.kind(), "invalid-tag");
    }

    #[test]
    fn append_data_is_borrowed_not_copied() {
        let data = b"Subject: hi\r\n\r\nbody".to_vec();
        let cmd =
            Command::Append { mailbox: Mailbox::Name(Bytes::from("INBOX")), messages: vec![AppendMessage::new(&data[..])] };
        for literal in [LiteralMode::Sync, LiteralMode::Plus] {
            let enc = encode(&cmd, b"A1", &EncodeOptions { literal, utf8_accept: false }).unwrap();
            let Part::Literal { data: sent, .. } = &enc.parts()[1] else { panic!("no literal part") };
            assert!(matches!(sent, Cow::Borrowed(_)));
            assert!(std::ptr::eq(sent.as_ptr(), data.as_ptr()));
        }
    }

    #[test]
    fn parts_and_segments() {
        let cmd = Command::Login { username: Bytes::from("fred"), password: Bytes::from("p\u{e4}ss") };
        let enc = encode(&cmd, b"A7", &opts()).unwrap();
        assert_eq!(
            enc.parts(),
            &[
                Part::Line(b"A7 LOGIN fred {5}\r\n".to_vec()),
                Part::Literal { data: Cow::Borrowed("p\u{e4}ss".as_bytes()), wait: true },
                Part::Line(b"\r\n".to_vec()),
            ]
        );
        assert!(enc.has_waits());
        assert!(enc.parts()[1].waits() && !enc.parts()[0].waits());
        assert_eq!(enc.segments(), vec![b"A7 LOGIN fred {5}\r\n".to_vec(), "p\u{e4}ss\r\n".as_bytes().to_vec()]);
        assert_eq!(enc.to_vec(), "A7 LOGIN fred {5}\r\np\u{e4}ss\r\n".as_bytes());

        let plain = encode(&Command::Noop, b"A2", &opts()).unwrap();
        assert_eq!(plain.parts(), &[Part::Line(b"A2 NOOP\r\n".to_vec())]);
        assert!(!plain.has_waits());
        assert_eq!(plain.segments(), vec![b"A2 NOOP\r\n".to_vec()]);
    }

    #[test]
    fn continuation_lines() {
        assert_eq!(IDLE_DONE, b"DONE\r\n");
        assert_eq!(AUTHENTICATE_CANCEL, b"*\r\n");
        // RFC 4616 / 4959 example credentials.
        assert_eq!(authenticate_response(b"test\0test\0test"), b"dGVzdAB0ZXN0AHRlc3Q=\r\n");
        assert_eq!(authenticate_response(b""), b"\r\n");
    }

    #[test]
    fn error_kinds_are_distinct() {
        let all = [
            EncodeError::Nul(""),
            EncodeError::InvalidAtom(""),
            EncodeError::EmptyList(""),
            EncodeError::EmptySet(""),
            EncodeError::VanishedWithoutChangedSince,
            EncodeError::VanishedWithoutUid,
            EncodeError::InvalidTag,
            EncodeError::NotUtf8(""),
            EncodeError::LiteralNotAllowed(""),
            EncodeError::LiteralTooLong(0),
            EncodeError::InvalidDate(""),
            EncodeError::InvalidNumber(""),
            EncodeError::InvalidSection(""),
            EncodeError::InvalidFlag(""),
            EncodeError::InvalidListOptions,
            EncodeError::InvalidId(""),
        ];
        let kinds: std::collections::HashSet<_> = all.iter().map(EncodeError::kind).collect();
        assert_eq!(kinds.len(), all.len());
    }
}
