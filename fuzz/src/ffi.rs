//! placeholder
/// Runs the target on one input.
pub fn run(_data: &[u8]) {}
