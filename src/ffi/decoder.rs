//! The plain response decoder in C, for proxies and tools.

use super::conn::imap_limits;
use super::error::imap_error;
use super::types::{self, imap_literal_begin, imap_malformed, imap_response};
use super::{c_array, guard, imap_bytes, Arena};
use crate::codec::{decode, Decoder, Event};

/// Kinds of [`imap_event`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_event_kind {
    /// More input is needed.
    None = 0,
    /// A response: `u.response`.
    Response = 1,
    /// A malformed response: `u.malformed`.
    Malformed = 2,
    /// A streamed literal starts: `u.literal_begin`.
    LiteralBegin = 3,
    /// Bytes of a streamed literal: `u.literal_data`.
    LiteralData = 4,
    /// A streamed literal ends.
    LiteralEnd = 5,
    /// A fatal framing error: `error`.
    Error = 6,
}

/// The data of an [`imap_event`].
#[repr(C)]
#[derive(Clone, Copy)]
pub union imap_event_data {
    /// RESPONSE.
    pub response: imap_response,
    /// MALFORMED.
    pub malformed: imap_malformed,
    /// LITERAL_BEGIN.
    pub literal_begin: imap_literal_begin,
    /// LITERAL_DATA.
    pub literal_data: imap_bytes,
}

/// The result of `imap_decoder_next`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_event {
    /// What was decoded; says which member of `u` is set.
    pub kind: imap_event_kind,
    /// The error code when `kind` is ERROR.
    pub error: imap_error,
    /// Its data.
    pub u: imap_event_data,
}

impl imap_event {
    const fn of(kind: imap_event_kind, error: imap_error) -> Self {
        imap_event { kind, error, u: imap_event_data { literal_data: imap_bytes { ptr: std::ptr::null(), len: 0 } } }
    }
}

/// A decoder handle.
pub struct imap_decoder {
    decoder: Decoder,
    arena: Arena,
    event: imap_event,
}

/// A new decoder with `limits` (NULL for the defaults).
///
/// # Safety
/// `limits` is NULL or points to an `imap_limits`.
#[no_mangle]
pub unsafe extern "C" fn imap_decoder_new(limits: *const imap_limits) -> *mut imap_decoder {
    guard(std::ptr::null_mut(), || {
        let decoder = match limits.as_ref() {
            Some(l) => Decoder::with_limits(l.to_limits()),
            None => Decoder::new(),
        };
        let event = imap_event::of(imap_event_kind::None, imap_error::Ok);
        Box::into_raw(Box::new(imap_decoder { decoder, arena: Arena::default(), event }))
    })
}

/// Frees a decoder (NULL does nothing).
///
/// # Safety
/// `d` is NULL or a decoder not yet freed.
#[no_mangle]
pub unsafe extern "C" fn imap_decoder_free(d: *mut imap_decoder) {
    if !d.is_null() {
        guard((), || drop(Box::from_raw(d)));
    }
}

/// Appends `len` bytes of input (copied). `len` 0 marks the end of input.
///
/// # Safety
/// `d` is a live decoder; `data` points to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn imap_decoder_feed(d: *mut imap_decoder, data: *const u8, len: usize) -> imap_error {
    guard(imap_error::Internal, || {
        let Some(d) = d.as_mut() else {
            return imap_error::NullArgument;
        };
        let Some(data) = c_array(data, len) else {
            return imap_error::NullArgument;
        };
        d.arena.clear();
        if data.is_empty() {
            d.decoder.feed_eof();
        } else {
            d.decoder.feed(data);
        }
        imap_error::Ok
    })
}

/// Decodes the next event. Never NULL; what it points to borrows from the
/// decoder and is valid until the next call that takes this decoder.
///
/// # Safety
/// `d` is NULL or a live decoder.
#[no_mangle]
pub unsafe extern "C" fn imap_decoder_next(d: *mut imap_decoder) -> *const imap_event {
    static NULL_EVENT: StaticEvent = StaticEvent(imap_event::of(imap_event_kind::Error, imap_error::NullArgument));
    let Some(d) = d.as_mut() else {
        return &NULL_EVENT.0;
    };
    if guard(true, || next(d)) {
        d.event = imap_event::of(imap_event_kind::Error, imap_error::Internal);
    }
    &d.event
}

/// An event in static storage (it holds no pointer).
struct StaticEvent(imap_event);

// SAFETY: the static event holds no pointer and is never written.
unsafe impl Sync for StaticEvent {}

/// Decodes the next event into `d.event`, in place (an event is 144
/// bytes: building it elsewhere and copying it costs more than the
/// conversion of a small response). False if it panicked midway.
fn next(d: &mut imap_decoder) -> bool {
    use imap_event_kind as K;
    d.arena.clear();
    let (a, e) = (&d.arena, &mut d.event);
    (e.kind, e.error) = (K::None, imap_error::Ok);
    match d.decoder.next() {
        Ok(None) => {}
        Ok(Some(Event::Response(r))) => (e.kind, e.u.response) = (K::Response, types::response(a, &r)),
        Ok(Some(Event::Malformed(m))) => (e.kind, e.u.malformed) = (K::Malformed, types::malformed(&m)),
        Ok(Some(Event::LiteralBegin(b))) => (e.kind, e.u.literal_begin) = (K::LiteralBegin, types::literal_begin(&b)),
        Ok(Some(Event::LiteralData(b))) => (e.kind, e.u.literal_data) = (K::LiteralData, imap_bytes::of(b)),
        Ok(Some(Event::LiteralEnd)) => e.kind = K::LiteralEnd,
        Err(err) => (e.kind, e.error) = (K::Error, imap_error::from(&err)),
    }
    false
}

/// A response kept past the decoder's next call (`imap_decoder_keep`): its
/// own copy of the response's bytes, and the C structs built from them.
pub struct imap_owned_response {
    /// The bytes the strings of `response` point into (boxed: moving the
    /// handle does not move them).
    _bytes: Box<[u8]>,
    /// The decoder's arena of the parse: unescaped quoted strings live there.
    _parsed: decode::Arena,
    /// The arrays of `response`.
    _arena: Arena,
    response: imap_response,
}

/// Keeps the response of the last RESPONSE event of `d` alive until
/// `imap_owned_response_free`, whatever is done with `d` meanwhile (more
/// `imap_decoder_next` calls, feeding, freeing it). For bindings that
/// convert a response lazily, field by field, after decoding further.
/// It costs a copy of the response's bytes and a second parse of them.
/// NULL if `d` is NULL or its last event was not a RESPONSE.
///
/// # Safety
/// `d` is NULL or a live decoder.
#[no_mangle]
pub unsafe extern "C" fn imap_decoder_keep(d: *const imap_decoder) -> *mut imap_owned_response {
    guard(std::ptr::null_mut(), || {
        let Some(d) = d.as_ref() else { return std::ptr::null_mut() };
        let raw = match d.event.kind {
            imap_event_kind::Response => d.decoder.last_response(),
            _ => None,
        };
        let Some(raw) = raw else { return std::ptr::null_mut() };
        let bytes: Box<[u8]> = raw.into();
        let arena = Arena::default();
        let parsed = decode::Arena::new();
        let response = match decode::parse_response_with(&bytes, &parsed, d.decoder.limits()) {
            Ok(r) => types::response(&arena, &r),
            Err(_) => return std::ptr::null_mut(),
        };
        Box::into_raw(Box::new(imap_owned_response { _bytes: bytes, _parsed: parsed, _arena: arena, response }))
    })
}

/// The response kept by `r` (NULL if `r` is NULL); valid until
/// `imap_owned_response_free(r)`.
///
/// # Safety
/// `r` is NULL or a live owned response.
#[no_mangle]
pub unsafe extern "C" fn imap_owned_response_get(r: *const imap_owned_response) -> *const imap_response {
    r.as_ref().map_or(std::ptr::null(), |r| &r.response)
}

/// Frees a kept response (NULL does nothing); what `imap_owned_response_get`
/// gave for it is invalid afterwards.
///
/// # Safety
/// `r` is NULL or an owned response not yet freed.
#[no_mangle]
pub unsafe extern "C" fn imap_owned_response_free(r: *mut imap_owned_response) {
    if !r.is_null() {
        guard((), || drop(Box::from_raw(r)));
    }
}
