//! A sans-I/O IMAP4 client codec.
//!
//! The crate decodes every server response incrementally and without
//! copying ([`Decoder`]), encodes every client command strictly, and tracks
//! a connection's state, but never touches a socket, a clock or a thread:
//! the caller moves the bytes.

#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod codec;
pub mod conn;
pub mod ffi;
pub mod print;
pub mod types;

pub use codec::{Decoder, Event};
pub use conn::{Action, Connection, Step};
