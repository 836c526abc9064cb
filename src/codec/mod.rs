//! The codec: client commands to bytes (`encode`), server bytes to
//! responses (`frame`, `decode`), and modified UTF-7 mailbox names. Nothing
//! here knows about connection state.

pub mod decode;
pub mod encode;
pub mod frame;
pub mod mutf7;

pub use decode::{Arena, Decoder, Event, LiteralBegin, Malformed, ParseError, ParseErrorKind, Peek};
pub use frame::{FrameError, Limits};
