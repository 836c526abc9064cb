//! Decoder behaviour that the language-neutral vectors cannot express:
//! configurable limits, nesting depth, literal streaming, end of input,
//! buffer management, and the error values.

mod support;

use imap::codec::{Decoder, Event, FrameError, Limits, ParseErrorKind};
use imap::print::to_sexp;
use imap::types::{FetchItem, Response, Untagged};
use support::decode::decode_events;

/// Feeds `input` in chunks of `chunk` bytes and prints every event (and the
/// fatal error, if any) in canonical form.
fn run(limits: Limits, input: &[u8], chunk: usize, eof: bool) -> Vec<String> {
    let chunks: Vec<&[u8]> = input.chunks(chunk.max(1)).collect();
    decode_events(&limits, &chunks, eof)
}

#[test]
fn line_limit_names_the_limit_and_is_sticky() {
    let limits = Limits { max_line: 20, ..Limits::default() };
    let mut d = Decoder::with_limits(limits);
    d.feed(b"* OK short\r\n* OK this line is much longer than twenty bytes\r\n");
    assert!(matches!(d.next(), Ok(Some(_))));
    let err = d.next().unwrap_err();
    assert_eq!(err, FrameError::LineTooLong { limit: 20 });
    assert!(err.to_string().contains("max_line"), "{err}");
    d.feed(b"* 1 EXISTS\r\n");
    assert_eq!(d.next().unwrap_err(), err, "a fatal error must stay fatal");
}

#[test]
fn line_limit_applies_before_the_line_ends() {
    let limits = Limits { max_line: 16, ..Limits::default() };
    let out = run(limits, &[b'x'; 100], 7, false);
    assert_eq!(out, ["(fatal line-too-long)"]);
}

#[test]
fn literal_limit() {
    let limits = Limits { max_literal: 10, ..Limits::default() };
    let out = run(limits.clone(), b"* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n", 64, true);
    assert_eq!(out, [r#"(fetch 1 (body-section all nil "0123456789"))"#]);
    let out = run(limits, b"* 1 FETCH (BODY[] {11}\r\n01234567890)\r\n", 64, true);
    assert_eq!(out, ["(fatal literal-too-large)"]);
}

#[test]
fn response_limit_counts_lines_and_literals() {
    let limits = Limits { max_response: 64, ..Limits::default() };
    let input = b"* 1 FETCH (BODY[1] {20}\r\n01234567890123456789 BODY[2] {20}\r\n01234567890123456789)\r\n";
    assert_eq!(run(limits, input, 5, true), ["(fatal response-too-large)"]);
}

#[test]
fn nesting_depth_is_limited_and_recoverable() {
    let deep = |n: usize| {
        let mut s = b"* THREAD ".to_vec();
        s.extend(std::iter::repeat_n(b'(', n));
        s.push(b'1');
        s.extend(std::iter::repeat_n(b')', n));
        s.extend_from_slice(b"\r\n* 2 EXISTS\r\n");
        s
    };
    let limits = Limits { max_depth: 8, ..Limits::default() };
    let ok = run(limits.clone(), &deep(8), 1000, true);
    assert_eq!(ok[1], "(exists 2)");
    assert!(ok[0].starts_with("(thread ((((((((1"), "{}", ok[0]);

    let mut d = Decoder::with_limits(limits);
    d.feed(&deep(9));
    match d.next().unwrap() {
        Some(Event::Malformed(m)) => assert_eq!(m.error.kind, ParseErrorKind::TooDeep(8)),
        other => panic!("expected a malformed event, got {other:?}"),
    }
    assert!(matches!(d.next().unwrap(), Some(Event::Response(Response::Untagged(Untagged::Exists(2))))));
}

#[test]
fn a_decoded_form_larger_than_max_response_is_malformed_and_recoverable() {
    // 600 KB of `UID 1 `: 100,000 FETCH items of 88 bytes each, 8.8 MB
    // decoded, against a 1 MiB limit; then the same items, fewer.
    let fetch = |items: usize| format!("* 1 FETCH ({}UID 2)\r\n", "UID 1 ".repeat(items));
    let limits = Limits { max_response: 1 << 20, ..Limits::default() };
    let mut d = Decoder::with_limits(limits);
    d.feed(fetch(100_000).as_bytes());
    d.feed(fetch(1_000).as_bytes());
    match d.next().unwrap() {
        Some(Event::Malformed(m)) => assert_eq!(m.error.kind, ParseErrorKind::TooLarge(1 << 20)),
        other => panic!("expected a malformed event, got {other:?}"),
    }
    match d.next().unwrap() {
        Some(Event::Response(Response::Untagged(Untagged::Fetch { items, .. }))) => assert_eq!(items.len(), 1_001),
        other => panic!("expected the second FETCH, got {other:?}"),
    }
}

#[test]
fn hostile_nesting_does_not_overflow_the_stack() {
    let mut input = b"* 1 FETCH (BODYSTRUCTURE ".to_vec();
    input.extend(std::iter::repeat_n(b'(', 1_000_000));
    input.extend_from_slice(b"\r\n");
    let out = run(Limits::default(), &input, 1 << 16, true);
    assert_eq!(out, ["(malformed 0)"]);
}

#[test]
fn numbers_that_overflow_are_errors_not_wraps() {
    let out = run(Limits::default(), b"* 4294967296 EXISTS\r\n* 4294967295 EXISTS\r\n", 100, true);
    assert_eq!(out, ["(malformed 0)", "(exists 4294967295)"]);
}

#[test]
fn eof_inside_a_response_is_an_error() {
    let mut d = Decoder::new();
    d.feed(b"* 1 FETCH (UID 1 BODY[] {100}\r\nonly part of it");
    assert!(d.next().unwrap().is_none());
    d.feed_eof();
    assert!(matches!(d.next(), Err(FrameError::UnexpectedEof { .. })));
}

#[test]
fn eof_between_responses_is_clean() {
    let mut d = Decoder::new();
    d.feed(b"* 1 EXISTS\r\n");
    d.feed_eof();
    assert!(d.next().unwrap().is_some());
    assert!(d.next().unwrap().is_none());
}

#[test]
fn streamed_literal_is_chunked_and_the_response_follows() {
    let limits = Limits { stream_threshold: Some(8), ..Limits::default() };
    let body = b"0123456789abcdefghij";
    let mut input = b"* 7 FETCH (UID 42 BODY[1.2]<0> {20}\r\n".to_vec();
    input.extend_from_slice(body);
    input.extend_from_slice(b" FLAGS (\\Seen))\r\nA1 OK done\r\n");
    for chunk in [1, 3, 7, 64, 4096] {
        let mut d = Decoder::with_limits(limits.clone());
        let mut got = Vec::new();
        let mut begun = None;
        let mut rest = Vec::new();
        for c in input.chunks(chunk) {
            d.feed(c);
            while let Some(ev) = d.next().unwrap() {
                match ev {
                    Event::LiteralBegin(b) => begun = Some((b.seq, b.item.to_vec(), b.size)),
                    Event::LiteralData(bytes) => got.extend_from_slice(bytes),
                    other => rest.push(to_sexp(&other)),
                }
            }
        }
        assert_eq!(begun, Some((Some(7), b"BODY[1.2]<0>".to_vec(), 20)), "chunk {chunk}");
        assert_eq!(got, body, "chunk {chunk}");
        assert_eq!(
            rest,
            [
                "(literal-end)",
                r#"(fetch 7 (uid 42) (body-section (part 1 (part 2 all)) 0 "") (flags seen))"#,
                r#"(tagged "A1" (ok none "done"))"#
            ],
            "chunk {chunk}"
        );
    }
}

#[test]
fn streamed_literal_does_not_count_against_the_response_limit() {
    let limits = Limits { stream_threshold: Some(1024), max_response: 4096, ..Limits::default() };
    let mut input = b"* 1 FETCH (BODY[] {1000000}\r\n".to_vec();
    input.extend(std::iter::repeat_n(b'x', 1_000_000));
    input.extend_from_slice(b")\r\n");
    let mut d = Decoder::with_limits(limits);
    let mut total = 0usize;
    let mut last = String::new();
    for c in input.chunks(4096) {
        d.feed(c);
        while let Some(ev) = d.next().unwrap() {
            match ev {
                Event::LiteralData(b) => total += b.len(),
                other => last = to_sexp(&other),
            }
        }
    }
    assert_eq!(total, 1_000_000);
    assert_eq!(last, r#"(fetch 1 (body-section all nil ""))"#);
}

#[test]
fn eof_inside_a_streamed_literal_is_an_error() {
    let limits = Limits { stream_threshold: Some(4), ..Limits::default() };
    let mut d = Decoder::with_limits(limits);
    d.feed(b"* 1 FETCH (BODY[] {10}\r\n01234");
    assert!(matches!(d.next().unwrap(), Some(Event::LiteralBegin(_))));
    assert!(matches!(d.next().unwrap(), Some(Event::LiteralData(b"01234"))));
    assert!(d.next().unwrap().is_none());
    d.feed_eof();
    assert!(matches!(d.next(), Err(FrameError::UnexpectedEof { .. })));
}

#[test]
fn buffer_is_compacted_and_offsets_stay_absolute() {
    let mut d = Decoder::new();
    let line = b"* 1 FETCH (UID 1 FLAGS (\\Seen))\r\n";
    for i in 0..10_000u64 {
        d.feed(line);
        assert_eq!(d.offset(), i * line.len() as u64);
        assert!(matches!(d.next().unwrap(), Some(Event::Response(_))));
    }
    d.feed(b"* 1 FETCH (UID\r\n");
    match d.next().unwrap() {
        Some(Event::Malformed(m)) => assert_eq!(m.offset, 10_000 * line.len() as u64),
        other => panic!("{other:?}"),
    }
    assert!(d.buffered().is_empty());
}

#[test]
fn take_buffered_returns_undecoded_bytes() {
    let mut d = Decoder::new();
    d.feed(b"A1 OK Begin TLS now\r\n\x16\x03\x01garbage");
    assert!(matches!(d.next().unwrap(), Some(Event::Response(Response::Tagged(_)))));
    assert_eq!(d.take_buffered(), b"\x16\x03\x01garbage");
    assert!(d.next().unwrap().is_none());
}

#[test]
fn values_borrow_from_the_buffer() {
    let mut d = Decoder::new();
    d.feed(b"* 1 FETCH (BODY[] {5}\r\nhello ENVELOPE (NIL \"a\\\"b\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n");
    let Some(Event::Response(Response::Untagged(Untagged::Fetch { items, .. }))) = d.next().unwrap() else {
        panic!()
    };
    let FetchItem::BodySection { data: Some(body), .. } = &items[0] else { panic!() };
    assert!(matches!(body.0, std::borrow::Cow::Borrowed(_)), "a literal must not be copied");
    let FetchItem::Envelope(env) = &items[1] else { panic!() };
    assert_eq!(env.subject.as_deref(), Some(&b"a\"b"[..]));
}
