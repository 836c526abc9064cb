//! The decoders under test, each driven the way a client would drive it:
//! the input arrives in reads of a given size and every complete response
//! is taken out as soon as it can be.
//!
//! * ours: `feed` each read, then call `next` until it wants more input.
//! * the peers (nom-based, no state between calls): keep a buffer, append
//!   each read, parse from the start of the pending response; on
//!   "incomplete" wait for the next read and try again from the start, on
//!   success move past the consumed bytes. Consumed bytes are dropped from
//!   the front of the buffer lazily, once they are at least half of it (the
//!   same policy as our decoder's `feed`), so that buffer management costs
//!   the same for all and the comparison is of the parsers.

use std::hint::black_box;
use std::time::Instant;

use imap::codec::{Decoder, Event, Limits};
use imap_codec::decode::{Decoder as _, ResponseDecodeError};

/// Which decoder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `imap::codec::Decoder` with the default limits (literals buffered).
    Ours,
    /// `imap::codec::Decoder` streaming literals over 64 KiB.
    OursStreamed,
    /// imap-proto 0.17: `imap_proto::Response::parse`.
    ImapProto,
    /// imap-codec 2.0.0-alpha: `ResponseCodec::decode`.
    ImapCodec,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Ours => "ours",
            Kind::OursStreamed => "ours (streamed)",
            Kind::ImapProto => "imap-proto",
            Kind::ImapCodec => "imap-codec",
        }
    }
}

/// What one run got through.
#[derive(Clone, Copy, Debug, Default)]
pub struct Outcome {
    /// Complete responses decoded.
    pub responses: usize,
    /// Responses that failed to parse, or a fatal error (which ends the run).
    pub errors: usize,
    /// Input bytes handed to the decoder.
    pub fed: usize,
    /// Whether the whole input was fed (false: the time budget ran out).
    pub complete: bool,
    /// With `inspect`: FETCH items + SEARCH numbers + literal bytes seen,
    /// a cross-check that the decoders found the same content.
    pub units: u64,
}

/// How often (in reads) the clock is looked at: rarely enough not to slow
/// 1-byte reads down, often enough to stop soon after the deadline.
const CLOCK_EVERY: usize = 64;

fn out_of_time(read: usize, deadline: Option<Instant>) -> bool {
    read % CLOCK_EVERY == CLOCK_EVERY - 1 && deadline.is_some_and(|d| Instant::now() >= d)
}

/// Decodes `input` with `kind`, fed in reads of `read_size` bytes, stopping
/// early at `deadline`. With `inspect`, counts `units` too.
#[inline(never)]
pub fn run(kind: Kind, input: &[u8], read_size: usize, deadline: Option<Instant>, inspect: bool) -> Outcome {
    let read_size = read_size.max(1);
    match kind {
        Kind::Ours => run_ours(Limits::default(), input, read_size, deadline, inspect),
        Kind::OursStreamed => {
            let limits = Limits { stream_threshold: Some(64 << 10), ..Limits::default() };
            run_ours(limits, input, read_size, deadline, inspect)
        }
        Kind::ImapProto => buffered_loop(input, read_size, deadline, |buf| imap_proto_step(buf, inspect)),
        Kind::ImapCodec => buffered_loop(input, read_size, deadline, |buf| imap_codec_step(buf, inspect)),
    }
}

fn run_ours(limits: Limits, input: &[u8], read_size: usize, deadline: Option<Instant>, inspect: bool) -> Outcome {
    let mut out = Outcome::default();
    let mut decoder = Decoder::with_limits(limits);
    for (i, read) in input.chunks(read_size).enumerate() {
        if out_of_time(i, deadline) {
            return out;
        }
        decoder.feed(read);
        out.fed += read.len();
        loop {
            match decoder.next() {
                Ok(Some(Event::Response(r))) => {
                    out.responses += 1;
                    if inspect {
                        out.units += units_ours(&r);
                    }
                    black_box(&r);
                }
                Ok(Some(Event::LiteralData(chunk))) => {
                    if inspect {
                        out.units += chunk.len() as u64;
                    }
                    black_box(chunk);
                }
                Ok(Some(Event::Malformed(m))) => {
                    out.errors += 1;
                    black_box(&m);
                }
                Ok(Some(event)) => {
                    black_box(&event);
                }
                Ok(None) => break,
                Err(_) => {
                    out.errors += 1;
                    return out;
                }
            }
        }
    }
    out.complete = true;
    out
}

fn units_ours(r: &imap::types::Response<'_>) -> u64 {
    use imap::types::{FetchItem, Response, Untagged};
    match r {
        Response::Untagged(Untagged::Fetch { items, .. }) => {
            let literal: usize = items
                .iter()
                .map(|i| match i {
                    FetchItem::BodySection { data: Some(d), .. } => d.len(),
                    _ => 0,
                })
                .sum();
            (items.len() + literal) as u64
        }
        Response::Untagged(Untagged::Search { ids, .. }) => ids.len() as u64,
        _ => 0,
    }
}

/// The result of one parse attempt of a stateless parser.
enum Step {
    /// A response was parsed from the first `consumed` bytes.
    Parsed { consumed: usize, units: u64 },
    /// More input is needed; at least `reserve` more bytes are coming.
    Incomplete { reserve: usize },
    /// The input does not parse.
    Failed,
}

/// The client loop around a stateless parser (see the module doc).
fn buffered_loop(
    input: &[u8],
    read_size: usize,
    deadline: Option<Instant>,
    mut parse: impl FnMut(&[u8]) -> Step,
) -> Outcome {
    let mut out = Outcome::default();
    let mut buf: Vec<u8> = Vec::new();
    let mut start = 0;
    for (i, read) in input.chunks(read_size).enumerate() {
        if out_of_time(i, deadline) {
            return out;
        }
        if start > 0 && start >= buf.len() / 2 {
            buf.drain(..start);
            start = 0;
        }
        buf.extend_from_slice(read);
        out.fed += read.len();
        while start < buf.len() {
            match parse(&buf[start..]) {
                Step::Parsed { consumed, units } => {
                    start += consumed;
                    out.responses += 1;
                    out.units += units;
                }
                Step::Incomplete { reserve } => {
                    buf.reserve(reserve);
                    break;
                }
                Step::Failed => {
                    out.errors += 1;
                    return out;
                }
            }
        }
    }
    out.complete = true;
    out
}

fn imap_proto_step(buf: &[u8], inspect: bool) -> Step {
    use imap_proto::{AttributeValue, MailboxDatum, Response};
    match Response::parse(buf) {
        Ok((rest, r)) => {
            let units = if !inspect {
                0
            } else {
                match &r {
                    Response::Fetch(_, attrs) => {
                        let literal: usize = attrs
                            .iter()
                            .map(|a| match a {
                                AttributeValue::BodySection { data: Some(d), .. } => d.len(),
                                _ => 0,
                            })
                            .sum();
                        (attrs.len() + literal) as u64
                    }
                    Response::MailboxData(MailboxDatum::Search(ids)) => ids.len() as u64,
                    _ => 0,
                }
            };
            black_box(&r);
            Step::Parsed { consumed: buf.len() - rest.len(), units }
        }
        // nom tells how much more it needs when it knows (a literal's rest):
        // a client would reserve that much.
        Err(nom::Err::Incomplete(nom::Needed::Size(n))) => Step::Incomplete { reserve: n.get() },
        Err(nom::Err::Incomplete(nom::Needed::Unknown)) => Step::Incomplete { reserve: 0 },
        Err(_) => Step::Failed,
    }
}

fn imap_codec_step(buf: &[u8], inspect: bool) -> Step {
    use imap_codec::imap_types::fetch::MessageDataItem;
    use imap_codec::imap_types::response::{Data, Response};
    use imap_codec::ResponseCodec;
    match ResponseCodec::default().decode(buf) {
        Ok((rest, r)) => {
            let units = if !inspect {
                0
            } else {
                match &r {
                    Response::Data(Data::Fetch { items, .. }) => {
                        let items = items.as_ref();
                        let literal: usize = items
                            .iter()
                            .map(|i| match i {
                                MessageDataItem::BodyExt { data, .. } => {
                                    data.0.as_ref().map_or(0, |s| s.as_ref().len())
                                }
                                _ => 0,
                            })
                            .sum();
                        (items.len() + literal) as u64
                    }
                    Response::Data(Data::Search(ids, ..)) => ids.len() as u64,
                    _ => 0,
                }
            };
            black_box(&r);
            Step::Parsed { consumed: buf.len() - rest.len(), units }
        }
        Err(ResponseDecodeError::Incomplete) => Step::Incomplete { reserve: 0 },
        // The input ends right after a literal's header: the client must
        // read the literal's bytes, so it reserves room for them and waits.
        Err(ResponseDecodeError::LiteralFound { length }) => Step::Incomplete { reserve: length as usize },
        Err(ResponseDecodeError::Failed) => Step::Failed,
    }
}
