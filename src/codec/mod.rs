//! The codec: framing and decoding of server responses.

pub mod decode;
pub mod frame;

pub use decode::{Decoder, Event, LiteralBegin, Malformed, ParseError, ParseErrorKind, Peek};
pub use frame::{FrameError, Limits};
