//! The output buffer and the lexical forms: atoms, numbers, quoted
//! strings, literals, sequence sets, dates.

use std::borrow::Cow;

use super::{EncodeError, EncodeOptions, Encoded, LiteralMode, Part, LITERAL_MINUS_MAX};
use crate::types::{Date, DateTime, Flag, MessageSet, SequenceSet, STAR};

/// `ATOM-CHAR`: any CHAR except atom-specials (`(`, `)`, `{`, SP, CTL,
/// `%`, `*`, `"`, `\`, `]`).
pub(crate) fn is_atom_char(b: u8) -> bool {
    (0x21..=0x7e).contains(&b) && !matches!(b, b'(' | b')' | b'{' | b'%' | b'*' | b'"' | b'\\' | b']')
}

/// `ASTRING-CHAR`: `ATOM-CHAR` or `]`.
pub(crate) fn is_astring_char(b: u8) -> bool {
    is_atom_char(b) || b == b']'
}

/// `list-char`: `ATOM-CHAR`, `%`, `*` or `]`.
pub(crate) fn is_list_char(b: u8) -> bool {
    is_astring_char(b) || b == b'%' || b == b'*'
}

/// Whether `b` is a non-empty atom.
pub(crate) fn is_atom(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(|&c| is_atom_char(c))
}

/// Which bytes may go unquoted where a string is expected.
#[derive(Clone, Copy)]
pub(crate) enum Bare {
    /// None: `string` (quoted or literal only).
    Never,
    /// `astring`
    Astring,
    /// `list-mailbox`
    ListMailbox,
}

/// Builds the parts of one command.
pub(crate) struct Writer<'c> {
    opts: EncodeOptions,
    parts: Vec<Part<'c>>,
    line: Vec<u8>,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(opts: EncodeOptions) -> Self {
        Writer { opts, parts: Vec::new(), line: Vec::with_capacity(64) }
    }

    pub(crate) fn opts(&self) -> &EncodeOptions {
        &self.opts
    }

    /// Ends the command with CRLF.
    pub(crate) fn finish(mut self) -> Encoded<'c> {
        self.line.extend_from_slice(b"\r\n");
        self.parts.push(Part::Line(self.line));
        Encoded { parts: self.parts }
    }

    /// Trusted command text (keywords, punctuation).
    pub(crate) fn raw(&mut self, b: &[u8]) {
        self.line.extend_from_slice(b);
    }

    pub(crate) fn sp(&mut self) {
        self.line.push(b' ');
    }

    pub(crate) fn number(&mut self, n: u64) {
        self.line.extend_from_slice(n.to_string().as_bytes());
    }

    /// A value that must be an atom.
    pub(crate) fn atom(&mut self, what: &'static str, b: &[u8]) -> Result<(), EncodeError> {
        if b.contains(&0) {
            return Err(EncodeError::Nul(what));
        }
        if !is_atom(b) {
            return Err(EncodeError::InvalidAtom(what));
        }
        self.raw(b);
        Ok(())
    }

    /// An `astring`: atom if the bytes allow, else quoted or literal.
    pub(crate) fn astring(&mut self, what: &'static str, b: Cow<'c, [u8]>) -> Result<(), EncodeError> {
        self.string_as(what, b, Bare::Astring)
    }

    /// A `string`: quoted or literal.
    pub(crate) fn string(&mut self, what: &'static str, b: Cow<'c, [u8]>) -> Result<(), EncodeError> {
        self.string_as(what, b, Bare::Never)
    }

    /// An `nstring`: `NIL` or a string.
    pub(crate) fn nstring(&mut self, what: &'static str, b: Option<Cow<'c, [u8]>>) -> Result<(), EncodeError> {
        match b {
            None => {
                self.raw(b"NIL");
                Ok(())
            }
            Some(b) => self.string(what, b),
        }
    }

    /// A value that the grammar allows only as an atom or quoted string
    /// (e.g. `charset`).
    pub(crate) fn atom_or_quoted(&mut self, what: &'static str, b: &[u8]) -> Result<(), EncodeError> {
        if b.contains(&0) {
            return Err(EncodeError::Nul(what));
        }
        if is_atom(b) {
            self.raw(b);
        } else if self.quotable(b) {
            self.quoted(b);
        } else {
            return Err(EncodeError::LiteralNotAllowed(what));
        }
        Ok(())
    }

    /// Writes `b` in the first form that can carry it: bare (if `bare`
    /// allows and `b` is non-empty), quoted, or literal.
    pub(crate) fn string_as(&mut self, what: &'static str, b: Cow<'c, [u8]>, bare: Bare) -> Result<(), EncodeError> {
        if b.contains(&0) {
            return Err(EncodeError::Nul(what));
        }
        let bare_ok = !b.is_empty()
            && match bare {
                Bare::Never => false,
                Bare::Astring => b.iter().all(|&c| is_astring_char(c)),
                Bare::ListMailbox => b.iter().all(|&c| is_list_char(c)),
            };
        if bare_ok {
            self.raw(&b);
        } else if self.quotable(&b) {
            self.quoted(&b);
        } else {
            self.literal(what, b, false)?;
        }
        Ok(())
    }

    /// Whether `b` may be a quoted string: printable US-ASCII only, or,
    /// with UTF8=ACCEPT, valid UTF-8 without control characters.
    fn quotable(&self, b: &[u8]) -> bool {
        if b.iter().all(|c| (0x20..=0x7e).contains(c)) {
            return true;
        }
        self.opts.utf8_accept
            && std::str::from_utf8(b).is_ok()
            && b.iter().all(|&c| c >= 0x80 || (0x20..=0x7e).contains(&c))
    }

    /// A quoted string, escaping `"` and `\`. The caller checked that the
    /// bytes are quotable.
    fn quoted(&mut self, b: &[u8]) {
        self.line.push(b'"');
        for &c in b {
            if c == b'"' || c == b'\\' {
                self.line.push(b'\\');
            }
            self.line.push(c);
        }
        self.line.push(b'"');
    }

    /// A literal (`binary`: a `literal8`, which may hold NUL): the header
    /// ends the current line, and the data becomes its own part.
    pub(crate) fn literal(&mut self, what: &'static str, data: Cow<'c, [u8]>, binary: bool) -> Result<(), EncodeError> {
        if !binary && data.contains(&0) {
            return Err(EncodeError::Nul(what));
        }
        let n = data.len();
        if u32::try_from(n).is_err() {
            return Err(EncodeError::LiteralTooLong(n));
        }
        let non_sync = match self.opts.literal {
            LiteralMode::Sync => false,
            LiteralMode::Plus => true,
            LiteralMode::Minus => n <= LITERAL_MINUS_MAX,
        };
        if binary {
            self.line.push(b'~');
        }
        self.line.push(b'{');
        self.number(n as u64);
        if non_sync {
            self.line.push(b'+');
        }
        self.line.extend_from_slice(b"}\r\n");
        self.parts.push(Part::Line(std::mem::take(&mut self.line)));
        self.parts.push(Part::Literal { data, wait: !non_sync });
        Ok(())
    }

    /// A sequence set, or `$`.
    pub(crate) fn set(&mut self, what: &'static str, set: &MessageSet) -> Result<(), EncodeError> {
        match set {
            MessageSet::Saved => {
                self.raw(b"$");
                Ok(())
            }
            MessageSet::Set(s) => self.seq_set(what, s),
        }
    }

    /// A sequence set; it must not be empty.
    pub(crate) fn seq_set(&mut self, what: &'static str, set: &SequenceSet) -> Result<(), EncodeError> {
        if set.is_empty() {
            return Err(EncodeError::EmptySet(what));
        }
        for (i, r) in set.ranges().iter().enumerate() {
            if i > 0 {
                self.line.push(b',');
            }
            self.seq_number(r.start);
            if r.end != r.start {
                self.line.push(b':');
                self.seq_number(r.end);
            }
        }
        Ok(())
    }

    fn seq_number(&mut self, n: u32) {
        if n == STAR {
            self.line.push(b'*');
        } else {
            self.number(u64::from(n));
        }
    }

    /// A SEARCH `date`: `1-Feb-1994`.
    pub(crate) fn date(&mut self, what: &'static str, d: &Date) -> Result<(), EncodeError> {
        check_date(what, d)?;
        self.raw(d.to_string().as_bytes());
        Ok(())
    }

    /// A quoted `date-time`: `"07-Feb-1994 21:52:25 -0800"`.
    pub(crate) fn date_time(&mut self, what: &'static str, d: &DateTime) -> Result<(), EncodeError> {
        check_date(what, &d.date)?;
        if d.hour > 23 || d.minute > 59 || d.second > 60 || d.zone_minutes.unsigned_abs() >= 24 * 60 {
            return Err(EncodeError::InvalidDate(what));
        }
        self.raw(b"\"");
        self.raw(d.to_string().as_bytes());
        self.raw(b"\"");
        Ok(())
    }

    /// A message flag (`flag` in STORE and APPEND).
    pub(crate) fn flag(&mut self, f: &Flag<'_>) -> Result<(), EncodeError> {
        let b = flag_bytes(f)?;
        self.raw(&b);
        Ok(())
    }

    /// A parenthesised, space-separated list of flags (may be empty).
    pub(crate) fn flag_list(&mut self, flags: &[Flag<'_>]) -> Result<(), EncodeError> {
        self.raw(b"(");
        for (i, f) in flags.iter().enumerate() {
            if i > 0 {
                self.sp();
            }
            self.flag(f)?;
        }
        self.raw(b")");
        Ok(())
    }
}

fn check_date(what: &'static str, d: &Date) -> Result<(), EncodeError> {
    if d.year > 9999 || Date::new(d.year, d.month, d.day).is_none() {
        return Err(EncodeError::InvalidDate(what));
    }
    Ok(())
}

/// The wire form of a flag: `\Seen`, a keyword atom, or `\` and an atom.
pub(crate) fn flag_bytes(f: &Flag<'_>) -> Result<Vec<u8>, EncodeError> {
    let name = match f {
        Flag::Recent => return Err(EncodeError::InvalidFlag("\\Recent")),
        Flag::Wildcard => return Err(EncodeError::InvalidFlag("\\*")),
        Flag::Unparsed(_) => return Err(EncodeError::InvalidFlag("an unparsed flag")),
        Flag::Keyword(k) => {
            if k.contains(&0) {
                return Err(EncodeError::Nul("flag keyword"));
            }
            if !is_atom(k) {
                return Err(EncodeError::InvalidAtom("flag keyword"));
            }
            return Ok(k.to_vec());
        }
        Flag::Extension(e) => {
            if e.contains(&0) {
                return Err(EncodeError::Nul("flag extension"));
            }
            if !is_atom(e) {
                return Err(EncodeError::InvalidAtom("flag extension"));
            }
            e.as_bytes()
        }
        system => system.name().unwrap_or_default(),
    };
    Ok([b"\\", name].concat())
}
