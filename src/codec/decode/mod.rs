//! Decoding server responses: the [`Decoder`] and the grammar modules.
//!
//! The decoder owns a buffer. [`Decoder::feed`] appends input to it;
//! [`Decoder::next`] frames one response and parses it in one pass,
//! borrowing every string from the buffer and putting every list in the
//! decoder's [`Arena`], which it empties for each response. What `next`
//! returns is valid until the next call that takes the decoder.

mod body;
mod capability;
mod code;
mod envelope;
mod fetch;
mod flag;
mod mailbox;
pub(crate) mod parser;
mod response;
mod search;

use bumpalo::Bump;
use thiserror::Error;

use super::frame::{Frame, FrameError, Framer, Limits};
use crate::types::Response;

/// Why a response could not be parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum ParseErrorKind {
    /// Something else was expected here.
    #[error("expected {0}")]
    Expected(&'static str),
    /// A number does not fit its type.
    #[error("number too large")]
    Overflow,
    /// Nesting is deeper than [`Limits::max_depth`].
    #[error("nesting deeper than the limit of {0} (max_depth)")]
    TooDeep(usize),
    /// A quoted string or literal is not closed before the line ends.
    #[error("unterminated string")]
    Unterminated,
    /// A value has the right shape but is not valid (e.g. a date).
    #[error("invalid {0}")]
    Invalid(&'static str),
    /// The decoded response would take more memory than
    /// [`Limits::max_response`] (only hostile input, dense in tiny list
    /// elements, comes near it).
    #[error("decoded response larger than the limit of {0} bytes (max_response)")]
    TooLarge(usize),
}

/// A parse error: what went wrong and where, as an offset into the response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[error("{kind} at byte {offset} of the response")]
pub struct ParseError {
    /// Offset into the response's bytes.
    pub offset: usize,
    /// What went wrong.
    pub kind: ParseErrorKind,
}

/// A response that could not be parsed. Decoding continues with the next one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed<'a> {
    /// Offset of the response's first byte in the whole input stream.
    pub offset: u64,
    /// The response's bytes, line ending included.
    pub raw: &'a [u8],
    /// Why it did not parse.
    pub error: ParseError,
}

/// The start of a literal that is handed out in chunks because it is larger
/// than [`Limits::stream_threshold`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiteralBegin<'a> {
    /// The bytes of the response before the literal, e.g.
    /// `* 12 FETCH (UID 5 BODY[] ` (lines before it included).
    pub prefix: &'a [u8],
    /// For a FETCH response, the message sequence number.
    pub seq: Option<u32>,
    /// The name of the item the literal belongs to, e.g. `BODY[1.2]<0>`
    /// (empty if none can be told).
    pub item: &'a [u8],
    /// The announced size.
    pub size: u64,
}

/// One step of decoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// A complete response.
    Response(Response<'a>),
    /// A response that did not parse.
    Malformed(Malformed<'a>),
    /// A streamed literal starts; [`Event::LiteralData`] chunks follow, then
    /// [`Event::LiteralEnd`], then the response that holds it, where the
    /// literal appears as an empty string.
    LiteralBegin(LiteralBegin<'a>),
    /// The next bytes of a streamed literal.
    LiteralData(&'a [u8]),
    /// A streamed literal is complete.
    LiteralEnd,
}

/// Room kept after the end of a literal being received, for the rest of
/// its response.
const LITERAL_SLACK: usize = 64 * 1024;

/// The most input buffer an idle decoder keeps (see [`Decoder::trim`]).
const IDLE_BUFFER: usize = 512;

/// The most arena memory an idle decoder keeps.
const IDLE_ARENA: usize = 512;

/// What the previous call to `next` handed out, to be released on the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Handed {
    Nothing,
    /// A whole response of this many bytes.
    Response(usize),
    /// A chunk of a streamed literal: this many bytes at `at`.
    Chunk { at: usize, len: usize },
}

/// What the framer has found and `next` will hand out without framing again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ready {
    /// Nothing framed yet.
    Nothing,
    /// A complete response of this many bytes at `start`.
    Response(usize),
    /// An event of a streamed literal.
    Stream,
}

/// What [`Decoder::poll`] found, told without parsing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peek {
    /// A complete response: its first byte (`*`, `+`, or a tag's first
    /// byte), and how many bytes are buffered after it.
    Response {
        /// The response's first byte.
        first_byte: u8,
        /// Bytes received after the response.
        trailing: usize,
    },
    /// An event of a streamed literal.
    Literal,
}

/// State of a literal being streamed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Streaming {
    /// Offset in the response where the literal's bytes go (and are removed).
    at: usize,
    /// Bytes still to come.
    left: u64,
    /// Whether `LiteralBegin` has been handed out.
    begun: bool,
}

/// The incremental response decoder, independent of any connection state.
///
/// ```
/// use imap::codec::{Decoder, Event};
/// use imap::types::{Response, Untagged};
///
/// let mut d = Decoder::new();
/// d.feed(b"* 3 EXI");
/// assert!(d.next().unwrap().is_none());
/// d.feed(b"STS\r\n");
/// match d.next().unwrap() {
///     Some(Event::Response(Response::Untagged(Untagged::Exists(n)))) => assert_eq!(n, 3),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug)]
pub struct Decoder {
    buf: Vec<u8>,
    /// Start of the current response in `buf`.
    start: usize,
    /// Stream offset of `buf[0]`.
    base: u64,
    framer: Framer,
    limits: Limits,
    handed: Handed,
    streaming: Option<Streaming>,
    ready: Ready,
    eof: bool,
    failed: Option<FrameError>,
    /// Bytes of a literal announced and not yet received: the buffer grows
    /// with what arrives, never past the literal's end (and some slack).
    literal_coming: usize,
    /// Holds the lists of the response handed out last.
    arena: Arena,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder with the default [`Limits`].
    pub fn new() -> Self {
        Decoder::with_limits(Limits::default())
    }

    /// A decoder with the given limits.
    pub fn with_limits(limits: Limits) -> Self {
        Decoder {
            buf: Vec::new(),
            start: 0,
            base: 0,
            framer: Framer::default(),
            limits,
            handed: Handed::Nothing,
            streaming: None,
            ready: Ready::Nothing,
            eof: false,
            failed: None,
            literal_coming: 0,
            arena: Arena::new(),
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Changes the limits; they apply from the next response on.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// Appends input. The bytes are copied; the caller keeps its buffer.
    pub fn feed(&mut self, data: &[u8]) {
        self.release();
        if self.start > 0 && self.start >= self.buf.len() / 2 {
            self.buf.drain(..self.start);
            self.base += self.start as u64;
            self.start = 0;
        }
        self.make_room(data.len());
        self.buf.extend_from_slice(data);
    }

    /// Grows the buffer for `more` bytes by doubling, so that memory follows
    /// the bytes received; inside a literal, not past its announced end.
    fn make_room(&mut self, more: usize) {
        let needed = self.buf.len().saturating_add(more);
        if needed <= self.buf.capacity() {
            return;
        }
        let mut target = self.buf.capacity().saturating_mul(2);
        if self.literal_coming > 0 {
            target = target.min(self.buf.len().saturating_add(self.literal_coming).saturating_add(LITERAL_SLACK));
        }
        self.buf.reserve_exact(target.max(needed) - self.buf.len());
    }

    /// Marks the end of the input: a response left incomplete is then an error.
    pub fn feed_eof(&mut self) {
        self.eof = true;
    }

    /// Whether [`Decoder::feed_eof`] was called.
    pub fn is_eof(&self) -> bool {
        self.eof
    }

    /// Offset in the whole input stream of the next byte to decode.
    pub fn offset(&self) -> u64 {
        self.base + self.start as u64
    }

    /// Bytes received but not yet handed out as a complete response.
    pub fn buffered(&self) -> &[u8] {
        let consumed = match (self.handed, self.ready) {
            (Handed::Response(len), _) | (_, Ready::Response(len)) => len,
            _ => 0,
        };
        &self.buf[(self.start + consumed).min(self.buf.len())..]
    }

    /// The bytes of the response the last [`Decoder::next`] handed out,
    /// until the next call that decodes; None after any other event. With
    /// [`parse_response_with`], a way to keep a response beyond that call.
    pub fn last_response(&self) -> Option<&[u8]> {
        match self.handed {
            Handed::Response(len) => self.buf.get(self.start..self.start + len),
            _ => None,
        }
    }

    /// Removes and returns the buffered input not yet decoded, e.g. to
    /// hand it to a TLS or decompression layer after a protocol switch.
    pub fn take_buffered(&mut self) -> Vec<u8> {
        self.release();
        let rest = self.buf.split_off(self.start);
        self.base += self.buf.len() as u64;
        self.buf.clear();
        self.start = 0;
        self.framer.reset();
        self.streaming = None;
        self.ready = Ready::Nothing;
        self.literal_coming = 0;
        rest
    }

    /// Decodes the next event. `Ok(None)` means more input is needed.
    ///
    /// A fatal framing error is returned again by every later call.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Event<'_>>, FrameError> {
        if self.poll()?.is_none() {
            return Ok(None);
        }
        match std::mem::replace(&mut self.ready, Ready::Nothing) {
            Ready::Response(len) => {
                self.handed = Handed::Response(len);
                Ok(Some(self.parse(len)))
            }
            Ready::Stream => self.next_streamed(),
            Ready::Nothing => Ok(None),
        }
    }

    /// Gives back memory if everything received has been handed out (and
    /// released, by a `next` or `poll` that found nothing more): the input
    /// buffer if it grew beyond 512 bytes, the arena if it grew beyond 512
    /// bytes. A connection calls it whenever it waits for input, so that an
    /// idle one holds little memory; the next response then costs one
    /// allocation or two. Does nothing while anything is buffered.
    pub fn trim(&mut self) {
        if self.start < self.buf.len() || self.streaming.is_some() || self.handed != Handed::Nothing {
            return;
        }
        self.base += self.start as u64;
        self.start = 0;
        if self.buf.capacity() > IDLE_BUFFER {
            self.buf = Vec::new();
        } else {
            self.buf.clear();
        }
        if self.arena.allocated_bytes() > IDLE_ARENA {
            self.arena = Arena::new();
        }
    }

    /// Frames the next event without parsing it, so a caller can look at
    /// it (and perhaps [`Decoder::discard`] it) before `next` parses it.
    /// `Ok(None)` means more input is needed.
    pub fn poll(&mut self) -> Result<Option<Peek>, FrameError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        self.release();
        match self.ready {
            Ready::Response(len) => return Ok(Some(self.peek_response(len))),
            Ready::Stream => return Ok(Some(Peek::Literal)),
            Ready::Nothing => {}
        }
        if let Some(s) = self.streaming {
            return match self.stream_ready(s) {
                Ok(true) => {
                    self.ready = Ready::Stream;
                    Ok(Some(Peek::Literal))
                }
                Ok(false) => Ok(None),
                Err(e) => Err(self.fail(e)),
            };
        }
        loop {
            let resp = &self.buf[self.start..];
            let frame = match self.framer.poll(resp, &self.limits) {
                Ok(f) => f,
                Err(e) => return Err(self.fail(e)),
            };
            match frame {
                Frame::Incomplete { reserve } => {
                    if self.eof && !resp.is_empty() {
                        return Err(self.fail(FrameError::UnexpectedEof { buffered: resp.len() }));
                    }
                    self.literal_coming = usize::try_from(reserve).unwrap_or(usize::MAX);
                    return Ok(None);
                }
                Frame::Complete { len } if is_blank(&resp[..len]) => {
                    self.start += len;
                    self.framer.reset();
                }
                Frame::Complete { len } => {
                    self.ready = Ready::Response(len);
                    return Ok(Some(self.peek_response(len)));
                }
                Frame::StreamLiteral { header_start, header_end, size } => {
                    let replacement = if resp[header_start] == b'~' { &b"~{0}\r\n"[..] } else { b"{0}\r\n" };
                    let (a, b) = (self.start + header_start, self.start + header_end);
                    self.buf.splice(a..b, replacement.iter().copied());
                    let at = header_start + replacement.len();
                    self.streaming = Some(Streaming { at, left: size, begun: false });
                    self.ready = Ready::Stream;
                    return Ok(Some(Peek::Literal));
                }
            }
        }
    }

    /// Drops the event found by [`Decoder::poll`] without parsing it. A
    /// streamed literal's events cannot be discarded.
    pub fn discard(&mut self) {
        if let Ready::Response(len) = self.ready {
            self.ready = Ready::Nothing;
            self.handed = Handed::Response(len);
            self.release();
        }
    }

    fn peek_response(&self, len: usize) -> Peek {
        let end = self.start + len;
        Peek::Response { first_byte: self.buf[self.start], trailing: self.buf.len() - end }
    }

    /// Parses the complete response of `len` bytes at `start`, in an
    /// arena emptied of the previous response.
    fn parse(&mut self, len: usize) -> Event<'_> {
        self.arena.recycle();
        let raw = &self.buf[self.start..self.start + len];
        let mut p = parser::Parser::new(raw, &self.arena.0, self.limits.max_depth, self.limits.max_response);
        match response::response(&mut p) {
            Ok(r) => Event::Response(r),
            Err(error) => Event::Malformed(Malformed { offset: self.base + self.start as u64, raw, error }),
        }
    }

    /// Whether a streamed literal has an event to hand out; an error if the
    /// input ended inside it.
    fn stream_ready(&self, s: Streaming) -> Result<bool, FrameError> {
        if !s.begun || s.left == 0 {
            return Ok(true);
        }
        let avail = self.buf.len() - (self.start + s.at);
        if avail == 0 && self.eof {
            return Err(FrameError::UnexpectedEof { buffered: self.buf.len() - self.start });
        }
        Ok(avail > 0)
    }

    /// The next event of the literal being streamed; `stream_ready` said
    /// there is one.
    fn next_streamed(&mut self) -> Result<Option<Event<'_>>, FrameError> {
        let Some(s) = self.streaming else { return Ok(None) };
        if !s.begun {
            self.streaming = Some(Streaming { begun: true, ..s });
            let prefix = &self.buf[self.start..self.start + s.at];
            let header = memchr::memrchr(b'{', prefix).unwrap_or(0);
            let header = if header > 0 && prefix[header - 1] == b'~' { header - 1 } else { header };
            let (seq, item) = literal_context(&prefix[..header]);
            return Ok(Some(Event::LiteralBegin(LiteralBegin { prefix: &prefix[..header], seq, item, size: s.left })));
        }
        if s.left == 0 {
            self.streaming = None;
            self.framer.resume_at(s.at);
            return Ok(Some(Event::LiteralEnd));
        }
        let avail = self.buf.len() - (self.start + s.at);
        let len = usize::try_from(s.left).map_or(avail, |left| left.min(avail));
        self.streaming = Some(Streaming { left: s.left - len as u64, ..s });
        self.handed = Handed::Chunk { at: s.at, len };
        let from = self.start + s.at;
        Ok(Some(Event::LiteralData(&self.buf[from..from + len])))
    }

    /// Releases what the previous call handed out.
    fn release(&mut self) {
        match std::mem::replace(&mut self.handed, Handed::Nothing) {
            Handed::Nothing => {}
            Handed::Response(len) => {
                self.start += len;
                self.framer.reset();
            }
            Handed::Chunk { at, len } => {
                let from = self.start + at;
                self.buf.drain(from..from + len);
            }
        }
    }

    fn fail(&mut self, e: FrameError) -> FrameError {
        self.failed = Some(e.clone());
        e
    }
}

/// Whether a framed response is only a line ending (sent by some servers
/// between responses).
fn is_blank(resp: &[u8]) -> bool {
    resp == b"\r\n" || resp == b"\n"
}

/// The message number and item name before a streamed literal, from the
/// response text preceding its header: `* 12 FETCH (UID 5 BODY[1] ` gives
/// `(Some(12), "BODY[1]")`.
fn literal_context(prefix: &[u8]) -> (Option<u32>, &[u8]) {
    let seq = prefix
        .strip_prefix(b"* ")
        .map(|r| &r[..r.iter().take_while(|b| b.is_ascii_digit()).count()])
        .filter(|d| !d.is_empty() && prefix[2 + d.len()..].len() > 6 && prefix[3 + d.len()..].starts_with(b"FETCH"))
        .and_then(|d| std::str::from_utf8(d).ok()?.parse().ok());
    let body = prefix.strip_suffix(b" ").unwrap_or(prefix);
    let mut depth = 0usize;
    let mut start = body.len();
    while start > 0 {
        let b = body[start - 1];
        match b {
            b']' => depth += 1,
            b'[' => depth = depth.saturating_sub(1),
            b' ' | b'(' if depth == 0 => break,
            _ => {}
        }
        start -= 1;
    }
    (seq, &body[start..])
}

/// Memory for the lists and nested values of decoded responses.
///
/// A decoded [`Response`] borrows its strings from the input and its lists
/// (FETCH items, addresses, body parts, flags...) from an arena, so that
/// decoding allocates nothing per list and dropping a response frees
/// nothing. A [`Decoder`] owns one and empties it for every response;
/// [`parse_response`] takes one from the caller.
#[derive(Debug, Default)]
pub struct Arena(Bump);

/// The most arena memory kept for the next response; an arena that grew
/// beyond this (for one huge response) is released instead of reused.
const ARENA_KEEP: usize = 1 << 20;

impl Arena {
    /// An empty arena; it allocates on first use.
    pub fn new() -> Self {
        Arena(Bump::new())
    }

    /// Frees what the last responses parsed in this arena used (they can
    /// no longer be borrowed), keeping up to 1 MiB for the next one.
    pub fn recycle(&mut self) {
        if self.0.allocated_bytes() > ARENA_KEEP {
            self.0 = Bump::new();
        } else {
            self.0.reset();
        }
    }

    /// Bytes the arena holds from the system, used or not.
    pub fn allocated_bytes(&self) -> usize {
        self.0.allocated_bytes()
    }

    /// The bump allocator, for the C ABI's copies of a response.
    pub(crate) fn bump(&self) -> &Bump {
        &self.0
    }
}

/// Parses one complete response (its line ending included) on its own,
/// its lists in `arena`.
///
/// ```
/// use imap::codec::decode::{parse_response, Arena};
/// use imap::types::{Response, Untagged};
/// let arena = Arena::new();
/// let r = parse_response(b"* 7 RECENT\r\n", &arena).unwrap();
/// assert_eq!(r, Response::Untagged(Untagged::Recent(7)));
/// ```
pub fn parse_response<'a>(bytes: &'a [u8], arena: &'a Arena) -> Result<Response<'a>, ParseError> {
    parse_response_with(bytes, arena, &Limits::default())
}

/// [`parse_response`] within `limits` (nesting depth, arena size).
pub fn parse_response_with<'a>(bytes: &'a [u8], arena: &'a Arena, limits: &Limits) -> Result<Response<'a>, ParseError> {
    let mut p = parser::Parser::new(bytes, &arena.0, limits.max_depth, limits.max_response);
    response::response(&mut p)
}
