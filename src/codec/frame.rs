//! Splitting the incoming byte stream into whole responses.
//!
//! A response is a line; a line that ends in a literal header (`{n}`,
//! `{n+}` or `~{n}`) continues after the literal's `n` bytes. The framer
//! keeps its scan position between inputs, so every byte is looked at once
//! whatever the read sizes.

use memchr::memchr;
use thiserror::Error;

/// Limits that protect against hostile or broken servers: every bound on
/// what a server can make the library hold or do, in one place.
///
/// | Limit | Default | Why this default | Over it |
/// |---|---|---|---|
/// | [`max_line`](Self::max_line) | 16 MiB | a SEARCH of a million 7-digit UIDs fits | [`FrameError::LineTooLong`] (fatal) |
/// | [`max_literal`](Self::max_literal) | 256 MiB | larger than the mail servers' own message limits; larger bodies should be streamed | [`FrameError::LiteralTooLarge`] (fatal) |
/// | [`max_response`](Self::max_response) | 256 MiB | a response's bytes: a buffered literal and its lines | [`FrameError::ResponseTooLarge`] (fatal) |
/// | decoded size: also [`max_response`](Self::max_response) | 256 MiB | the arena memory of one decoded response, copies left by growing lists included; real responses take ~1-3 bytes per input byte, hostile ones up to ~70 | [`crate::codec::ParseErrorKind::TooLarge`]: that response is malformed, decoding goes on |
/// | [`max_depth`](Self::max_depth) | 100 | real body structures nest < 10 deep; the parser recurses | [`crate::codec::ParseErrorKind::TooDeep`]: malformed, decoding goes on |
/// | [`stream_threshold`](Self::stream_threshold) | none | not a limit on the server: literals above it are handed out in chunks and never buffered | - |
/// | [`max_auth_challenges`](Self::max_auth_challenges) | 32 | SASL mechanisms finish in a few round trips (SCRAM 2, GSSAPI ~5) | the exchange is cancelled (`*`), [`crate::conn::Error::Auth`] (not fatal) |
/// | number width (fixed) | u32 / u64 | as the grammar says (`number` / `number64`) | [`crate::codec::ParseErrorKind::Overflow`]: malformed, never a wrap |
/// | untagged responses buffered (fixed) | none | the connection hands each one out as it is decoded | - |
/// | output buffer (fixed) | 64 KiB of literal data at a time, plus the current command line | APPEND data is moved in pieces as it is sent | - |
///
/// So one response never takes more than its own bytes (at most
/// `max_response`) plus `max_response` of decoded form, and the decoder's
/// buffer grows with the bytes received, never with a size announced by
/// the server. The Python `imap.Client` adds `max_untagged` (100,000): the
/// untagged responses one command may collect before
/// `imap.TooManyUntagged`.
///
/// Over a framing limit, decoding stops with a [`FrameError`] that names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest line (the text between two literals, or between a literal
    /// and the end of the response), in bytes.
    pub max_line: usize,
    /// Largest literal accepted, in bytes (streamed literals included).
    pub max_literal: u64,
    /// Largest response held in memory, in bytes: lines plus the literals
    /// that are not streamed. Also the most memory its decoded form (the
    /// lists in the decoder's arena) may take; a response over that is
    /// malformed ([`crate::codec::ParseErrorKind::TooLarge`]).
    pub max_response: usize,
    /// Deepest nesting of parenthesised lists (body structures, THREAD,
    /// extension data).
    pub max_depth: usize,
    /// Literals larger than this are not buffered but handed out in chunks
    /// (see [`crate::codec::Event::LiteralBegin`]). `None` buffers every literal.
    pub stream_threshold: Option<u64>,
    /// Most server challenges answered during one AUTHENTICATE (used by
    /// [`crate::conn::Connection`]; the decoder ignores it).
    pub max_auth_challenges: usize,
}

impl Default for Limits {
    /// Safe defaults: 16 MiB lines, 256 MiB literals and responses (and
    /// decoded responses), nesting depth 100, no streaming, 32 challenges.
    fn default() -> Self {
        Limits {
            max_line: 16 << 20,
            max_literal: 256 << 20,
            max_response: 256 << 20,
            max_depth: 100,
            stream_threshold: None,
            max_auth_challenges: 32,
        }
    }
}

/// A fatal error: the byte stream cannot be split into responses any more.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FrameError {
    /// A line is longer than [`Limits::max_line`].
    #[error("line longer than the limit of {limit} bytes (max_line)")]
    LineTooLong {
        /// The limit.
        limit: usize,
    },
    /// A literal announces more than [`Limits::max_literal`] bytes (or a
    /// size that does not fit in 64 bits).
    #[error("literal of {size} bytes is over the limit of {limit} bytes (max_literal)")]
    LiteralTooLarge {
        /// The announced size (`u64::MAX` when it overflowed).
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A response is larger than [`Limits::max_response`].
    #[error("response larger than the limit of {limit} bytes (max_response)")]
    ResponseTooLarge {
        /// The limit.
        limit: usize,
    },
    /// The input ended inside a response.
    #[error("input ended in the middle of a response ({buffered} bytes buffered)")]
    UnexpectedEof {
        /// Bytes of the incomplete response.
        buffered: usize,
    },
}

impl FrameError {
    /// The short kind name used in the canonical s-expression form.
    pub fn kind_name(&self) -> &'static str {
        match self {
            FrameError::LineTooLong { .. } => "line-too-long",
            FrameError::LiteralTooLarge { .. } => "literal-too-large",
            FrameError::ResponseTooLarge { .. } => "response-too-large",
            FrameError::UnexpectedEof { .. } => "unexpected-eof",
        }
    }
}

/// What the framer found in the bytes of the current response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frame {
    /// More input is needed; `reserve` more bytes are certainly coming
    /// (the rest of a literal), so the buffer may grow by that much at once.
    Incomplete {
        /// Bytes of a literal still to come.
        reserve: u64,
    },
    /// The response is complete and `len` bytes long.
    Complete {
        /// Length of the response, including its final line ending.
        len: usize,
    },
    /// A literal over the streaming threshold starts: its header occupies
    /// `header_start..header_end` of the response so far.
    StreamLiteral {
        /// Offset of `{` (or `~`) in the response.
        header_start: usize,
        /// Offset just after the header's line ending.
        header_end: usize,
        /// Announced size.
        size: u64,
    },
}

/// The framer's position inside the current response. Offsets are relative
/// to the start of the response.
#[derive(Clone, Debug, Default)]
pub(crate) struct Framer {
    /// Where the search for the next line feed resumes.
    scan: usize,
    /// Start of the current line.
    line_start: usize,
    /// Bytes of a buffered literal still to skip.
    literal_left: u64,
}

impl Framer {
    /// Forgets the current response; the next one starts at offset 0.
    pub(crate) fn reset(&mut self) {
        *self = Framer::default();
    }

    /// Continues after a streamed literal whose bytes were removed from the
    /// buffer: the line goes on at offset `at`.
    pub(crate) fn resume_at(&mut self, at: usize) {
        self.scan = at;
        self.line_start = at;
        self.literal_left = 0;
    }

    /// Scans the bytes of the current response received so far.
    pub(crate) fn poll(&mut self, resp: &[u8], limits: &Limits) -> Result<Frame, FrameError> {
        loop {
            if self.literal_left > 0 {
                let avail = (resp.len() - self.scan) as u64;
                let take = avail.min(self.literal_left);
                self.scan += take as usize;
                self.literal_left -= take;
                if self.literal_left > 0 {
                    return Ok(Frame::Incomplete { reserve: self.literal_left });
                }
                self.line_start = self.scan;
            }
            let Some(lf) = memchr(b'\n', &resp[self.scan..]).map(|i| self.scan + i) else {
                self.scan = resp.len();
                check_sizes(resp.len() - self.line_start, resp.len(), limits)?;
                return Ok(Frame::Incomplete { reserve: 0 });
            };
            check_sizes(lf - self.line_start, lf, limits)?;
            let line = &resp[self.line_start..lf];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            self.scan = lf + 1;
            let Some((size, header_len)) = literal_header(line) else {
                return Ok(Frame::Complete { len: lf + 1 });
            };
            if size > limits.max_literal {
                return Err(FrameError::LiteralTooLarge { size, limit: limits.max_literal });
            }
            if limits.stream_threshold.is_some_and(|t| size > t) {
                let header_start = self.line_start + line.len() - header_len;
                return Ok(Frame::StreamLiteral { header_start, header_end: lf + 1, size });
            }
            if (lf as u64).saturating_add(size) > limits.max_response as u64 {
                return Err(FrameError::ResponseTooLarge { limit: limits.max_response });
            }
            self.literal_left = size;
            self.line_start = self.scan;
        }
    }
}

fn check_sizes(line: usize, response: usize, limits: &Limits) -> Result<(), FrameError> {
    if line > limits.max_line {
        return Err(FrameError::LineTooLong { limit: limits.max_line });
    }
    if response > limits.max_response {
        return Err(FrameError::ResponseTooLarge { limit: limits.max_response });
    }
    Ok(())
}

/// If `line` (without its line ending) ends with a literal header, returns
/// the announced size (`u64::MAX` when it overflows 64 bits) and the
/// header's length.
fn literal_header(line: &[u8]) -> Option<(u64, usize)> {
    let rest = line.strip_suffix(b"}")?;
    let rest = rest.strip_suffix(b"+").unwrap_or(rest);
    let digits = rest.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    let before = rest[..rest.len() - digits].strip_suffix(b"{")?;
    let tilde = usize::from(before.ends_with(b"~"));
    let size = rest[rest.len() - digits..]
        .iter()
        .try_fold(0u64, |acc, d| acc.checked_mul(10)?.checked_add(u64::from(d - b'0')))
        .unwrap_or(u64::MAX);
    Some((size, line.len() - before.len() + tilde))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_headers() {
        assert_eq!(literal_header(b"* 1 FETCH (BODY[] {12}"), Some((12, 4)));
        assert_eq!(literal_header(b"A {012}"), Some((12, 5)));
        assert_eq!(literal_header(b"x ~{3}"), Some((3, 4)));
        assert_eq!(literal_header(b"x {3+}"), Some((3, 4)));
        assert_eq!(literal_header(b"* OK {}"), None);
        assert_eq!(literal_header(b"* OK {a1}"), None);
        assert_eq!(literal_header(b"* OK 12}"), None);
        assert_eq!(literal_header(b"{99999999999999999999}"), Some((u64::MAX, 22)));
    }
}
