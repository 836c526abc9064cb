//! The codec: client commands to bytes, and (elsewhere) server bytes to
//! responses. Nothing here knows about connection state.

pub mod encode;
pub mod mutf7;
