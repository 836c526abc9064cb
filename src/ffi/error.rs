//! Error codes of the C ABI.

use std::ffi::c_char;

use crate::codec::FrameError;
use crate::conn::Error;

/// The major version of the library (also given by `imap_version`).
pub const IMAP_VERSION_MAJOR: u32 = 0;
/// The minor version of the library.
pub const IMAP_VERSION_MINOR: u32 = 1;
/// The patch version of the library.
pub const IMAP_VERSION_PATCH: u32 = 0;

/// Error codes. `IMAP_ERROR_OK` (0) is success; `imap_error_is_fatal` tells
/// which errors end a connection.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum imap_error {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// An argument is not valid (a bad sequence set, an unknown constant...).
    InvalidArgument = 2,
    /// An internal error was caught at the boundary (a bug; please report).
    Internal = 3,
    /// A line is longer than the `max_line` limit (fatal).
    LineTooLong = 4,
    /// A literal is larger than the `max_literal` limit (fatal).
    LiteralTooLarge = 5,
    /// A response is larger than the `max_response` limit (fatal).
    ResponseTooLarge = 6,
    /// The input ended inside a response (fatal).
    UnexpectedEof = 7,
    /// The server closed the connection (fatal).
    Eof = 8,
    /// The greeting was `* BYE` (fatal).
    ByeGreeting = 9,
    /// The first response was not a greeting (fatal).
    BadGreeting = 10,
    /// A tagged response with an unknown tag (fatal).
    UnknownTag = 11,
    /// A continuation request where none can come (fatal).
    UnexpectedContinuation = 12,
    /// Bytes after the tagged OK of STARTTLS, before TLS (fatal).
    StarttlsInjection = 13,
    /// The compressed input stream is broken (fatal).
    Compression = 14,
    /// A command while another runs (nothing was sent).
    Busy = 15,
    /// A command before the greeting (nothing was sent).
    NoGreeting = 16,
    /// AUTHENTICATE without an authenticator (nothing was sent).
    NeedsAuthenticator = 17,
    /// The command cannot be encoded (nothing was sent).
    Encode = 18,
    /// Authentication was cancelled by the authenticator or a bad challenge.
    Auth = 19,
    /// The connection is closed after a fatal error.
    Closed = 20,
}

impl From<&FrameError> for imap_error {
    fn from(e: &FrameError) -> Self {
        match e {
            FrameError::LineTooLong { .. } => imap_error::LineTooLong,
            FrameError::LiteralTooLarge { .. } => imap_error::LiteralTooLarge,
            FrameError::ResponseTooLarge { .. } => imap_error::ResponseTooLarge,
            FrameError::UnexpectedEof { .. } => imap_error::UnexpectedEof,
        }
    }
}

impl From<&Error> for imap_error {
    fn from(e: &Error) -> Self {
        match e {
            Error::Frame(f) => f.into(),
            Error::Eof => imap_error::Eof,
            Error::ByeGreeting(_) => imap_error::ByeGreeting,
            Error::BadGreeting => imap_error::BadGreeting,
            Error::UnknownTag(_) => imap_error::UnknownTag,
            Error::UnexpectedContinuation => imap_error::UnexpectedContinuation,
            Error::StartTlsInjection(_) => imap_error::StarttlsInjection,
            Error::Compression(_) => imap_error::Compression,
            Error::OutputOverrun { .. } => imap_error::InvalidArgument,
            Error::Busy => imap_error::Busy,
            Error::NoGreeting => imap_error::NoGreeting,
            Error::NeedsAuthenticator => imap_error::NeedsAuthenticator,
            Error::Encode(_) => imap_error::Encode,
            Error::Auth(_) => imap_error::Auth,
            Error::Closed => imap_error::Closed,
        }
    }
}

/// A short static description of `code` (never NULL).
#[no_mangle]
pub extern "C" fn imap_strerror(code: u32) -> *const c_char {
    let s: &'static str = match code {
        0 => "success\0",
        1 => "a required pointer argument is NULL\0",
        2 => "invalid argument\0",
        3 => "internal error (caught panic)\0",
        4 => "line longer than the max_line limit\0",
        5 => "literal larger than the max_literal limit\0",
        6 => "response larger than the max_response limit\0",
        7 => "input ended in the middle of a response\0",
        8 => "the server closed the connection\0",
        9 => "the server refused the connection (BYE greeting)\0",
        10 => "the first response is not a greeting\0",
        11 => "tagged response with an unknown tag\0",
        12 => "unexpected continuation request\0",
        13 => "bytes after the STARTTLS OK before TLS started (response injection)\0",
        14 => "broken compressed stream\0",
        15 => "a command is already running\0",
        16 => "the greeting has not arrived yet\0",
        17 => "AUTHENTICATE needs an authenticator\0",
        18 => "the command cannot be encoded\0",
        19 => "authentication cancelled\0",
        20 => "the connection is closed after a fatal error\0",
        _ => "unknown error code\0",
    };
    s.as_ptr().cast()
}

/// Whether `code` ends the connection (every later `imap_run` fails with
/// `IMAP_ERROR_CLOSED`).
#[no_mangle]
pub extern "C" fn imap_error_is_fatal(code: u32) -> bool {
    matches!(code, 4..=14 | 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_macros_match_the_package_version() {
        let v = format!("{IMAP_VERSION_MAJOR}.{IMAP_VERSION_MINOR}.{IMAP_VERSION_PATCH}");
        assert_eq!(v, env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn fatality_agrees_with_the_rust_errors() {
        let errors = [
            Error::Eof,
            Error::BadGreeting,
            Error::Busy,
            Error::NoGreeting,
            Error::Auth(String::new()),
            Error::Closed,
            Error::UnexpectedContinuation,
            Error::Compression(String::new()),
        ];
        for e in errors {
            assert_eq!(imap_error_is_fatal(imap_error::from(&e) as u32), e.is_fatal(), "{e:?}");
        }
    }
}
