//! Capability lists (CAPABILITY, ENABLED, the CAPABILITY code).

use super::parser::{finish, PResult, Parser};
use crate::types::{Bytes, Capability};

/// `*(SP capability)`, tolerating extra and trailing spaces. Inside a
/// response code (`in_code`) the list stops at `]`. Something that is no
/// capability (e.g. with parentheses or quotes in it) is kept verbatim as
/// [`Capability::Other`].
pub(crate) fn capability_list<'a>(p: &mut Parser<'a>, in_code: bool) -> PResult<&'a [Capability<'a>]> {
    let closer = if in_code { b']' } else { b'\n' };
    let mut caps = p.list()?;
    loop {
        p.spaces();
        if p.at_eol() || p.peek() == Some(closer) {
            break;
        }
        let cap = p.unit(
            closer,
            |p| {
                let name = p.take_while(|b| !(matches!(b, b' ' | b'\r' | b'\n' | b'(' | b')' | b'"') || b == closer));
                Ok(Capability::parse(name))
            },
            |p| Ok(Capability::Other(Bytes::borrowed(p.skip_unit(closer)))),
        )?;
        p.push(&mut caps, cap)?;
    }
    Ok(finish(caps))
}
