//! The cursor and the lexical primitives every grammar module uses.

use std::borrow::Cow;

pub(crate) use bumpalo::collections::Vec as ArenaVec;
use bumpalo::Bump;
use memchr::memchr;

use super::{ParseError, ParseErrorKind};
use crate::types::{Bytes, NString, SeqRange, SequenceSet, STAR};

/// Result of a parsing step.
pub(crate) type PResult<T> = Result<T, ParseError>;

/// A cursor over one framed response (its line ending included).
pub(crate) struct Parser<'a> {
    /// The whole response.
    pub(crate) buf: &'a [u8],
    /// Where lists, nested values and unescaped strings go.
    arena: &'a Bump,
    /// The current position.
    pub(crate) pos: usize,
    /// Current nesting depth of parenthesised values.
    depth: usize,
    /// The deepest nesting allowed.
    max_depth: usize,
    /// The most arena memory the response may take (also set as the
    /// arena's allocation limit).
    max_arena: usize,
}

/// Character classes, one bit each, looked up in [`CLASS`].
const ATOM: u8 = 1;
/// Bytes that end a bare token: SP, parentheses, line ending.
const DELIM: u8 = 2;
/// Bytes of an astring's atom form: ATOM-CHAR or `]`.
const ASTRING: u8 = 4;


/// The class bits of every byte value.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let atom_special = matches!(c, b'(' | b')' | b'{' | b' ' | 0..=0x1f | 0x7f | b'%' | b'*' | b'"' | b'\\' | b']');
        if !atom_special {
            t[b] |= ATOM | ASTRING;
        }
        if c == b']' {
            t[b] |= ASTRING;
        }
        if matches!(c, b' ' | b'(' | b')' | b'\r' | b'\n') {
            t[b] |= DELIM;
        }

        b += 1;
    }
    t
};

/// Whether `b` may appear in an atom (RFC 9051 ATOM-CHAR). Bytes above
/// 0x7F are accepted, as servers put UTF-8 in atoms.
#[inline]
pub(crate) fn is_atom_char(b: u8) -> bool {
    CLASS[usize::from(b)] & ATOM != 0
}

/// Whether `b` ends a bare token (SP, `(`, `)`, CR, LF).
#[inline]
pub(crate) fn is_delimiter(b: u8) -> bool {
    CLASS[usize::from(b)] & DELIM != 0
}

/// The offset of the first `"`, `\\` or LF in `s`: the end of a quoted
/// string, an escape, or an unterminated string. Most quoted strings are
/// short, so the search goes straight to memchr's 16-byte SSE2 or NEON
/// searcher, without the dispatch (and the 32-byte AVX2 set-up) of the
/// general `memchr3`.
#[inline]
fn quoted_stop(s: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if let Some(finder) = memchr::arch::x86_64::sse2::memchr::Three::new(b'"', b'\\', b'\n') {
        return finder.find(s);
    }
    #[cfg(target_arch = "aarch64")]
    if let Some(finder) = memchr::arch::aarch64::neon::memchr::Three::new(b'"', b'\\', b'\n') {
        return finder.find(s);
    }
    memchr::memchr3(b'"', b'\\', b'\n', s)
}

/// The elements of `list`, left in the arena. An empty list gives its room
/// back: it is the arena's last allocation when nothing was parsed into it,
/// so a hostile `() () ()...` costs no arena memory.
#[inline]
pub(crate) fn finish<'a, T>(list: ArenaVec<'a, T>) -> &'a [T] {
    if list.is_empty() {
        &[]
    } else {
        list.into_bump_slice()
    }
}

/// Whether `b` may appear in an astring's atom form (ATOM-CHAR or `]`):
/// one table look-up, as `b == b']' || is_atom_char(b)` cost two branches
/// per byte (benchmark (e), header field names: 60 instructions per
/// response).
#[inline]
pub(crate) fn is_astring_char(b: u8) -> bool {
    CLASS[usize::from(b)] & ASTRING != 0
}

impl<'a> Parser<'a> {
    /// A parser at the start of `buf` that allocates in `arena`, up to
    /// `max_arena` bytes of it.
    ///
    /// The bound is the arena's own allocation limit: it counts every
    /// chunk the arena holds from the system, so the copies a growing list
    /// leaves behind count too, and a new chunk is made no larger than the
    /// room left. Every allocation in the arena is fallible and fails with
    /// [`ParseErrorKind::TooLarge`], so input dense in tiny elements cannot
    /// make the decoded form take more than `max_arena` bytes.
    pub(crate) fn new(buf: &'a [u8], arena: &'a Bump, max_depth: usize, max_arena: usize) -> Self {
        arena.set_allocation_limit(Some(max_arena));
        Parser { buf, arena, pos: 0, depth: 0, max_depth, max_arena }
    }

    /// The error of a response whose decoded form is over the limit.
    #[cold]
    fn too_large(&self) -> ParseError {
        self.err(ParseErrorKind::TooLarge(self.max_arena))
    }

    /// An empty list in the arena, with room for a few elements (most
    /// lists are short, and growing one that is not the arena's last
    /// allocation copies it); [`finish`] it. What is pushed into it must
    /// not own heap memory: the arena never runs destructors.
    #[inline]
    pub(crate) fn list<T>(&self) -> PResult<ArenaVec<'a, T>> {
        self.list_with_capacity(4)
    }

    /// An empty list in the arena with room for `capacity` elements.
    #[inline]
    pub(crate) fn list_with_capacity<T>(&self, capacity: usize) -> PResult<ArenaVec<'a, T>> {
        let mut list = ArenaVec::new_in(self.arena);
        self.reserve(&mut list, capacity)?;
        Ok(list)
    }

    /// Room for `more` elements in `list`, if the arena may grow.
    #[inline]
    pub(crate) fn reserve<T>(&self, list: &mut ArenaVec<'a, T>, more: usize) -> PResult<()> {
        list.try_reserve(more).map_err(|_| self.too_large())
    }

    /// Appends `item` to `list`, checking the arena's size first when the
    /// list is about to grow.
    #[inline]
    pub(crate) fn push<T>(&self, list: &mut ArenaVec<'a, T>, item: T) -> PResult<()> {
        if list.len() == list.capacity() {
            self.grow(list)?;
        }
        list.push(item);
        Ok(())
    }

    /// Doubles the room of a full `list`, if the arena may grow.
    #[cold]
    fn grow<T>(&self, list: &mut ArenaVec<'a, T>) -> PResult<()> {
        self.reserve(list, list.len().max(4))
    }

    /// `value` moved into the arena (which never runs its destructor), if
    /// the arena may grow.
    #[inline]
    pub(crate) fn alloc<T>(&self, value: T) -> PResult<&'a T> {
        match self.arena.try_alloc(value) {
            Ok(v) => Ok(v),
            Err(_) => Err(self.too_large()),
        }
    }

    /// An error of `kind` at the current position.
    pub(crate) fn err(&self, kind: ParseErrorKind) -> ParseError {
        ParseError { offset: self.pos, kind }
    }

    /// An "expected `what`" error at the current position.
    pub(crate) fn expected(&self, what: &'static str) -> ParseError {
        self.err(ParseErrorKind::Expected(what))
    }

    /// The current byte, if any.
    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// The byte after the current one, if any.
    #[inline]
    pub(crate) fn peek2(&self) -> Option<u8> {
        self.buf.get(self.pos + 1).copied()
    }

    /// Consumes `b` if it is the current byte.
    #[inline]
    pub(crate) fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes `b` or fails with "expected `what`".
    #[inline]
    pub(crate) fn expect(&mut self, b: u8, what: &'static str) -> PResult<()> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(self.expected(what))
        }
    }

    /// Consumes a separating space; extra spaces, which some servers send,
    /// are consumed too.
    #[inline]
    pub(crate) fn sp(&mut self) -> PResult<()> {
        if self.spaces() {
            Ok(())
        } else {
            Err(self.expected("SP"))
        }
    }

    /// Consumes any number of spaces; returns whether there was one.
    #[inline]
    pub(crate) fn spaces(&mut self) -> bool {
        let start = self.pos;
        while self.peek() == Some(b' ') {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Whether only the line ending (possibly after spaces) is left.
    pub(crate) fn at_end_lenient(&self) -> bool {
        let rest = &self.buf[self.pos..];
        let trimmed = rest.iter().position(|&b| b != b' ').map_or(rest, |i| &rest[i..]);
        trimmed == b"\r\n" || trimmed == b"\n" || trimmed.is_empty()
    }

    /// Whether the next bytes are the line ending.
    pub(crate) fn at_eol(&self) -> bool {
        matches!(self.peek(), Some(b'\r') | Some(b'\n') | None)
    }

    /// Consumes trailing spaces and the line ending; anything else is an error.
    pub(crate) fn end(&mut self) -> PResult<()> {
        self.spaces();
        self.eat(b'\r');
        if self.eat(b'\n') && self.pos == self.buf.len() {
            Ok(())
        } else {
            Err(self.expected("end of line"))
        }
    }

    /// The offset of the line ending that closes the current line.
    pub(crate) fn eol_pos(&self) -> usize {
        let lf = memchr(b'\n', &self.buf[self.pos..]).map_or(self.buf.len(), |i| self.pos + i);
        if lf > self.pos && self.buf[lf - 1] == b'\r' {
            lf - 1
        } else {
            lf
        }
    }

    /// Everything up to the line ending that closes the response, which may
    /// include literals. Leaves the cursor on the line ending.
    pub(crate) fn rest_of_response(&mut self) -> &'a [u8] {
        let end = self.buf.len();
        let end = if self.buf[..end].ends_with(b"\r\n") {
            end - 2
        } else if self.buf[..end].ends_with(b"\n") {
            end - 1
        } else {
            end
        };
        let start = self.pos.min(end);
        self.pos = end;
        &self.buf[start..end]
    }

    /// Enters a nested level, failing past the depth limit.
    pub(crate) fn enter(&mut self) -> PResult<()> {
        if self.depth >= self.max_depth {
            return Err(self.err(ParseErrorKind::TooDeep(self.max_depth)));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves a nested level.
    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Consumes bytes while `pred` holds and returns them (possibly empty).
    #[inline]
    pub(crate) fn take_while(&mut self, pred: impl Fn(u8) -> bool) -> &'a [u8] {
        let start = self.pos;
        let n = self.buf[start..].iter().position(|&b| !pred(b)).unwrap_or(self.buf.len() - start);
        self.pos += n;
        &self.buf[start..start + n]
    }

    /// An atom (1*ATOM-CHAR).
    pub(crate) fn atom(&mut self) -> PResult<&'a [u8]> {
        let a = self.take_while(is_atom_char);
        if a.is_empty() {
            Err(self.expected("atom"))
        } else {
            Ok(a)
        }
    }

    /// Consumes the case-insensitive keyword `kw` if it comes next as a
    /// whole atom.
    pub(crate) fn keyword(&mut self, kw: &[u8]) -> bool {
        let end = self.pos + kw.len();
        if end <= self.buf.len()
            && self.buf[self.pos..end].eq_ignore_ascii_case(kw)
            && self.buf.get(end).is_none_or(|&b| !is_atom_char(b))
        {
            self.pos = end;
            true
        } else {
            false
        }
    }

    /// `NIL`, case-insensitively (servers send it in upper case, which is
    /// tested first). Most calls meet a `(` or a `"` instead (an address
    /// list, a parameter list): the first byte turns them away before the
    /// three-byte compares (benchmark (b): 260 instructions per response).
    #[inline]
    pub(crate) fn nil(&mut self) -> bool {
        if !matches!(self.peek(), Some(b'N' | b'n')) {
            return false;
        }
        let end = self.pos + 3;
        let is_nil = self.buf.get(self.pos..end).is_some_and(|w| w == b"NIL" || w.eq_ignore_ascii_case(b"NIL"));
        if !is_nil || self.buf.get(end).is_some_and(|&b| is_atom_char(b)) {
            return false;
        }
        self.pos = end;
        true
    }

    /// A 32-bit `number`; overflow is an error.
    pub(crate) fn number(&mut self) -> PResult<u32> {
        let n = self.number64()?;
        u32::try_from(n).map_err(|_| self.err(ParseErrorKind::Overflow))
    }

    /// An `nz-number`.
    pub(crate) fn nz_number(&mut self) -> PResult<u32> {
        let start = self.pos;
        let n = self.number()?;
        if n == 0 {
            return Err(ParseError { offset: start, kind: ParseErrorKind::Expected("non-zero number") });
        }
        Ok(n)
    }

    /// A 64-bit number; overflow is an error.
    #[inline]
    pub(crate) fn number64(&mut self) -> PResult<u64> {
        let start = self.pos;
        let mut n: u64 = 0;
        let mut i = start;
        // Up to 19 digits cannot overflow a u64: with their end computed
        // first, each digit costs one bound check instead of three
        // (benchmark (a), 16 digits per response: 40 instructions).
        let unchecked_end = self.buf.len().min(start + 19);
        while i < unchecked_end {
            let d = self.buf[i].wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            n = n * 10 + u64::from(d);
            i += 1;
        }
        if i == start {
            return Err(self.expected("number"));
        }
        while let Some(d) = self.buf.get(i).map(|b| b.wrapping_sub(b'0')).filter(|&d| d <= 9) {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(d)))
                .ok_or(ParseError { offset: start, kind: ParseErrorKind::Overflow })?;
            i += 1;
        }
        self.pos = i;
        Ok(n)
    }

    /// A number that some servers send negative; a negative value is 0.
    pub(crate) fn number_or_negative(&mut self) -> PResult<u64> {
        if self.eat(b'-') {
            self.number64()?;
            Ok(0)
        } else {
            self.number64()
        }
    }

    /// A quoted string, unescaped (into the arena if it held an escape).
    #[inline(always)]
    pub(crate) fn quoted(&mut self) -> PResult<Bytes<'a>> {
        self.expect(b'"', "quoted string")?;
        let start = self.pos;
        match quoted_stop(&self.buf[start..]).map(|j| start + j) {
            Some(j) if self.buf[j] == b'"' => {
                self.pos = j + 1;
                Ok(Bytes(Cow::Borrowed(&self.buf[start..j])))
            }
            Some(j) if self.buf[j] == b'\\' => self.quoted_escaped(start, j),
            Some(j) => {
                self.pos = j;
                Err(self.err(ParseErrorKind::Unterminated))
            }
            None => Err(self.err(ParseErrorKind::Unterminated)),
        }
    }

    /// The rest of a quoted string that starts at `start` and has its
    /// first backslash at `first_escape`: unescaped into the arena.
    #[cold]
    fn quoted_escaped(&mut self, start: usize, first_escape: usize) -> PResult<Bytes<'a>> {
        // Nothing else is allocated while the string is unescaped, so this
        // stays the arena's last allocation, which grows cheaply.
        let mut v = self.list_with_capacity(first_escape - start + 16)?;
        let mut i = start;
        let mut j = first_escape;
        loop {
            self.reserve(&mut v, j - i + 2)?;
            v.extend_from_slice_copy(&self.buf[i..j]);
            match self.buf[j] {
                b'"' => {
                    self.pos = j + 1;
                    return Ok(Bytes::borrowed(v.into_bump_slice()));
                }
                b'\\' => {
                    match self.buf.get(j + 1) {
                        Some(&c @ (b'"' | b'\\')) => v.push(c),
                        Some(b'\r' | b'\n') | None => {
                            self.pos = j + 1;
                            return Err(self.err(ParseErrorKind::Unterminated));
                        }
                        Some(&c) => v.extend_from_slice_copy(&[b'\\', c]),
                    }
                    i = j + 2;
                }
                _ => {
                    self.pos = j;
                    return Err(self.err(ParseErrorKind::Unterminated));
                }
            }
            j = match quoted_stop(&self.buf[i.min(self.buf.len())..]) {
                Some(k) => i + k,
                None => return Err(self.err(ParseErrorKind::Unterminated)),
            };
        }
    }

    /// A literal `{n}` / `{n+}` / `~{n}` and its bytes.
    pub(crate) fn literal(&mut self) -> PResult<Bytes<'a>> {
        self.eat(b'~');
        self.expect(b'{', "literal")?;
        let n = self.number64()?;
        self.eat(b'+');
        self.expect(b'}', "'}'")?;
        self.eat(b'\r');
        self.expect(b'\n', "line ending after literal header")?;
        let start = self.pos;
        let end = usize::try_from(n).ok().and_then(|n| start.checked_add(n)).filter(|&e| e <= self.buf.len());
        let end = end.ok_or_else(|| self.err(ParseErrorKind::Unterminated))?;
        self.pos = end;
        Ok(Bytes::borrowed(&self.buf[start..end]))
    }

    /// A `string`: quoted or literal.
    pub(crate) fn string(&mut self) -> PResult<Bytes<'a>> {
        match self.peek() {
            Some(b'"') => self.quoted(),
            Some(b'{' | b'~') => self.literal(),
            _ => Err(self.expected("string")),
        }
    }

    /// An `nstring`: a string or NIL. Always inlined: it is the most
    /// called parser of ENVELOPE and BODYSTRUCTURE, and a call costs more
    /// than its dispatch.
    #[inline(always)]
    pub(crate) fn nstring(&mut self) -> PResult<NString<'a>> {
        match self.peek() {
            Some(b'"') => self.quoted().map(Some),
            Some(b'N' | b'n') if self.nil() => Ok(None),
            _ => self.string().map(Some),
        }
    }

    /// An `astring`: an atom (`]` allowed) or a string.
    pub(crate) fn astring(&mut self) -> PResult<Bytes<'a>> {
        match self.peek() {
            Some(b'"' | b'{') => self.string(),
            Some(b'~') if self.peek2() == Some(b'{') => self.string(),
            _ => {
                let a = self.take_while(is_astring_char);
                if a.is_empty() {
                    Err(self.expected("astring"))
                } else {
                    Ok(Bytes::borrowed(a))
                }
            }
        }
    }

    /// A string, NIL (as empty), or a bare atom: for fields that servers
    /// send in the wrong form.
    pub(crate) fn lenient_string(&mut self) -> PResult<Bytes<'a>> {
        if self.nil() {
            return Ok(Bytes::default());
        }
        match self.peek() {
            Some(b'"' | b'{') => self.string(),
            Some(b'~') if self.peek2() == Some(b'{') => self.string(),
            _ => self.atom().map(Bytes::borrowed),
        }
    }

    /// `(` items separated by spaces `)`, leniently: extra spaces are
    /// allowed, `item` is called for each element.
    pub(crate) fn paren_list<T>(&mut self, mut item: impl FnMut(&mut Self) -> PResult<T>) -> PResult<&'a [T]> {
        self.expect(b'(', "'('")?;
        self.enter()?;
        let mut out = self.list()?;
        loop {
            self.spaces();
            if self.eat(b')') {
                break;
            }
            let value = item(self)?;
            self.push(&mut out, value)?;
            if !self.spaces() && self.peek() != Some(b')') && self.peek() != Some(b'(') {
                return Err(self.expected("SP or ')'"));
            }
        }
        self.leave();
        Ok(finish(out))
    }

    /// `(` units separated by spaces `)`, like [`Parser::paren_list`], but
    /// each element is a [`Parser::unit`]: one that does not parse is
    /// skipped and kept as `raw` makes it (with [`Parser::skip_unit`] or
    /// [`Parser::skip_pair`] and `)` as the closer). A unit ends before a
    /// space or `)`, or at the line's end, where the list fails as unclosed.
    pub(crate) fn unit_list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> PResult<T>,
        mut raw: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<&'a [T]> {
        self.paren_list(|p| p.unit(b')', &mut item, &mut raw))
    }

    /// `"(" *(name SP nstring) ")"`, extra spaces allowed: the name/value
    /// pairs of ID, METADATA and body parameters, each name parsed by
    /// `name`.
    pub(crate) fn nstring_pairs(
        &mut self,
        mut name: impl FnMut(&mut Self) -> PResult<Bytes<'a>>,
    ) -> PResult<&'a [(Bytes<'a>, NString<'a>)]> {
        self.expect(b'(', "'('")?;
        let mut out = self.list()?;
        loop {
            self.spaces();
            if self.eat(b')') {
                return Ok(finish(out));
            }
            let key = name(self)?;
            self.sp()?;
            let value = self.nstring()?;
            self.push(&mut out, (key, value))?;
        }
    }

    /// A sequence set (`*` allowed, as some servers send it in responses).
    pub(crate) fn sequence_set(&mut self) -> PResult<SequenceSet> {
        let mut ranges = Vec::new();
        loop {
            let start = self.seq_number()?;
            let end = if self.eat(b':') { self.seq_number()? } else { start };
            ranges.push(SeqRange { start, end });
            if !self.eat(b',') {
                break;
            }
        }
        Ok(SequenceSet(ranges))
    }

    fn seq_number(&mut self) -> PResult<u32> {
        if self.eat(b'*') {
            Ok(STAR)
        } else {
            self.nz_number()
        }
    }

    /// Parses one unit of a list (a FETCH item, a flag, a status item...)
    /// with `parse`. When it fails, or stops short of the unit's end (a
    /// space, the line ending, or `closer`, the byte that closes the
    /// enclosing list), the cursor goes back to the unit's start and `raw`
    /// makes its recovered form, so that one bad unit does not take the
    /// rest of the response with it. Exceeded limits are not recovered.
    #[inline]
    pub(crate) fn unit<T>(
        &mut self,
        closer: u8,
        parse: impl FnOnce(&mut Self) -> PResult<T>,
        raw: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<T> {
        let (start, depth) = (self.pos, self.depth);
        match parse(self) {
            Ok(value) if self.peek().is_none_or(|b| b == closer || matches!(b, b' ' | b'\r' | b'\n')) => Ok(value),
            Err(e) if is_limit(&e) => Err(e),
            _ => self.retry(start, depth, raw),
        }
    }

    /// Parses a unit that closes itself (a parenthesised group, as an
    /// address) with `parse`; when it fails, the cursor goes back to the
    /// unit's start and `raw` makes its recovered form. Exceeded limits are
    /// not recovered.
    #[inline(always)]
    pub(crate) fn recover<T>(
        &mut self,
        parse: impl FnOnce(&mut Self) -> PResult<T>,
        raw: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<T> {
        let (start, depth) = (self.pos, self.depth);
        match parse(self) {
            Err(e) if is_limit(&e) => Err(e),
            Err(_) => self.retry(start, depth, raw),
            ok => ok,
        }
    }

    /// Goes back to a unit's `start` (and nesting `depth`) and makes its
    /// recovered form with `raw`.
    #[cold]
    fn retry<T>(&mut self, start: usize, depth: usize, raw: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.pos = start;
        self.depth = depth;
        raw(self)
    }

    /// Skips the parenthesised group that starts here (its elements as
    /// [`Parser::skip_unit`] skips them) through its `)`, and returns its
    /// bytes; a group left open runs to the line ending.
    #[cold]
    pub(crate) fn skip_group(&mut self) -> &'a [u8] {
        let start = self.pos;
        self.pos += 1;
        loop {
            self.skip_unit(b')');
            self.spaces();
            match self.peek() {
                Some(b')') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\r' | b'\n') | None => break,
                _ => {}
            }
        }
        &self.buf[start..self.pos]
    }

    /// Skips the unit that starts here and returns its bytes: everything up
    /// to a space, the line ending or `closer` outside of any parentheses,
    /// brackets, quoted string or literal inside it. A quote opens a string
    /// only where a token starts (as `"` inside an atom is no string).
    /// Never fails; a stray `)` or `]` that is not `closer`, an unterminated
    /// quote or a `{` that is no literal header are taken as ordinary bytes.
    #[cold]
    pub(crate) fn skip_unit(&mut self, closer: u8) -> &'a [u8] {
        let start = self.pos;
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            let token_start = self.pos == start || matches!(self.buf[self.pos - 1], b' ' | b'(');
            match b {
                b'\r' | b'\n' => break,
                b' ' if depth == 0 => break,
                _ if b == closer && depth == 0 => break,
                b'(' => depth += 1,
                // A `[` opens a group only if it closes on this line, as
                // in `BODY[HEADER.FIELDS (A B)]`.
                b'[' if memchr(b']', &self.buf[self.pos..self.eol_pos()]).is_some() => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                b'"' if token_start => {
                    if let Some(end) = self.quoted_end(self.pos + 1) {
                        self.pos = end;
                        continue;
                    }
                }
                b'{' | b'~' => {
                    if let Some(end) = self.literal_end() {
                        self.pos = end;
                        continue;
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        &self.buf[start..self.pos]
    }

    /// Skips a `name [SP value]` unit (FETCH, STATUS, ESEARCH and
    /// LIST-EXTENDED items) with [`Parser::skip_unit`] and returns its name
    /// and its raw value (empty when none was sent before `closer` or the
    /// line ending).
    #[cold]
    pub(crate) fn skip_pair(&mut self, closer: u8) -> (Bytes<'a>, Bytes<'a>) {
        let name = self.skip_unit(closer);
        let after_name = self.pos;
        self.spaces();
        if self.peek().is_none_or(|b| b == closer || matches!(b, b'\r' | b'\n')) {
            self.pos = after_name;
            return (Bytes::borrowed(name), Bytes::default());
        }
        let value = self.skip_unit(closer);
        (Bytes::borrowed(name), Bytes::borrowed(value))
    }

    /// The offset just past the quoted string whose contents start at
    /// `from`, or `None` if it is not closed on this line.
    fn quoted_end(&self, from: usize) -> Option<usize> {
        let mut i = from;
        loop {
            let j = i + quoted_stop(self.buf.get(i..)?)?;
            match self.buf[j] {
                b'"' => return Some(j + 1),
                b'\\' if !matches!(self.buf.get(j + 1), None | Some(b'\r' | b'\n')) => i = j + 2,
                _ => return None,
            }
        }
    }

    /// The offset just past the literal whose header starts here, or `None`
    /// if no literal header starts here.
    fn literal_end(&self) -> Option<usize> {
        let mut probe = Parser { buf: self.buf, arena: self.arena, pos: self.pos, depth: 0, max_depth: 0, max_arena: 0 };
        probe.literal().ok().map(|_| probe.pos)
    }
}

/// Whether `e` is an exceeded limit, which recovery must not hide.
fn is_limit(e: &ParseError) -> bool {
    matches!(e.kind, ParseErrorKind::TooDeep(_) | ParseErrorKind::TooLarge(_))
}

/// Checks that a fast path (`fast`) decodes each of `inputs` (followed by
/// `tail`) as the general parser (`general`) does, and stops at the same
/// place; both print what they decoded.
#[cfg(test)]
pub(crate) fn assert_fast_path_agrees(
    inputs: &[&[u8]],
    tail: &[u8],
    fast: impl Fn(&mut Parser<'_>) -> String,
    general: impl Fn(&mut Parser<'_>) -> String,
) {
    let arena = Bump::new();
    for &input in inputs {
        let line = [input, tail].concat();
        let mut p = Parser::new(&line, &arena, 10, usize::MAX);
        let mut q = Parser::new(&line, &arena, 10, usize::MAX);
        assert_eq!(fast(&mut p), general(&mut q), "{}", String::from_utf8_lossy(input));
        assert_eq!(p.pos, q.pos, "{}", String::from_utf8_lossy(input));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_scan_finds_the_first_stop_byte() {
        let naive = |s: &[u8]| s.iter().position(|&b| matches!(b, b'"' | b'\\' | b'\n'));
        let fillers = [b'a', 0x00, 0x80, 0xff, b'"' - 1, b'"' + 1, b'\\' + 1];
        for len in 0..=80 {
            for &filler in &fillers {
                let plain = vec![filler; len];
                assert_eq!(quoted_stop(&plain), None, "{plain:?}");
                for at in 0..len {
                    for stop in [b'"', b'\\', b'\n'] {
                        let mut s = plain.clone();
                        s[at] = stop;
                        if at + 3 < len {
                            s[at + 3] = b'"';
                        }
                        assert_eq!(quoted_stop(&s), naive(&s), "{s:?}");
                        assert_eq!(quoted_stop(&s), Some(at));
                    }
                }
            }
        }
    }
}
