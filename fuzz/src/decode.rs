//! `decode`: arbitrary bytes into a `Decoder`, in one piece. No panic, no
//! unbounded allocation (libFuzzer runs it with `-rss_limit_mb` and
//! `-malloc_limit_mb`), every event printable, a streamed literal's chunks
//! adding up to its announced size, and a fatal error that stays.
//!
//! Input: one byte for the limits ([`crate::limits_for`]), then the server's
//! bytes.

use imap::codec::{Decoder, Event};
use imap::print::to_sexp;

/// Runs the target on one input.
pub fn run(data: &[u8]) {
    let Some((&mode, stream)) = data.split_first() else { return };
    let mut decoder = Decoder::with_limits(crate::limits_for(mode));
    decoder.feed(stream);
    decoder.feed_eof();
    let mut literal: Option<(u64, u64)> = None;
    loop {
        match decoder.next() {
            Ok(Some(event)) => {
                std::hint::black_box(to_sexp(&event));
                match event {
                    Event::LiteralBegin(b) => literal = Some((b.size, 0)),
                    Event::LiteralData(d) => {
                        let (_, got) = literal.as_mut().expect("literal data without a beginning");
                        *got += d.len() as u64;
                    }
                    Event::LiteralEnd => {
                        let (size, got) = literal.take().expect("literal end without a beginning");
                        assert_eq!(size, got, "streamed literal size");
                    }
                    Event::Malformed(m) => {
                        assert!(!m.raw.is_empty());
                        assert!(m.offset + m.raw.len() as u64 <= stream.len() as u64);
                        assert!(m.error.offset <= m.raw.len(), "{m:?}");
                    }
                    Event::Response(_) => {}
                }
            }
            Ok(None) => {
                assert!(literal.is_none(), "input ended inside a streamed literal without an error");
                return;
            }
            Err(e) => {
                std::hint::black_box(e.to_string());
                assert_eq!(decoder.next().err(), Some(e), "a fatal error stays");
                return;
            }
        }
    }
}
