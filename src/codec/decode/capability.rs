//! Capability lists (CAPABILITY, ENABLED, the CAPABILITY code).

use super::parser::{finish, PResult, Parser};
use crate::types::Capability;

/// `*(SP capability)`, tolerating extra and trailing spaces. Inside a
/// response code (`in_code`) the list stops at `]`.
pub(crate) fn capability_list<'a>(p: &mut Parser<'a>, in_code: bool) -> PResult<&'a [Capability<'a>]> {
    let mut caps = p.list()?;
    loop {
        p.spaces();
        let name = p.take_while(|b| !(matches!(b, b' ' | b'\r' | b'\n' | b'(' | b')') || in_code && b == b']'));
        if name.is_empty() {
            break;
        }
        p.push(&mut caps, Capability::parse(name))?;
    }
    Ok(finish(caps))
}
