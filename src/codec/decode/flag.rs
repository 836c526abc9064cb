//! Flags and flag lists.

use super::parser::{is_atom_char, PResult, Parser};
use crate::types::{Bytes, Flag};

/// `(flag ...)`, with `\*` and `\Recent` accepted.
pub(crate) fn flag_list<'a>(p: &mut Parser<'a>) -> PResult<Vec<Flag<'a>>> {
    p.paren_list(flag)
}

/// One flag.
pub(crate) fn flag<'a>(p: &mut Parser<'a>) -> PResult<Flag<'a>> {
    if p.eat(b'\\') {
        if p.eat(b'*') {
            return Ok(Flag::Wildcard);
        }
        let name = p.atom()?;
        let known = [
            (&b"Answered"[..], Flag::Answered),
            (b"Flagged", Flag::Flagged),
            (b"Deleted", Flag::Deleted),
            (b"Seen", Flag::Seen),
            (b"Draft", Flag::Draft),
            (b"Recent", Flag::Recent),
        ];
        return Ok(known
            .into_iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, f)| f)
            .unwrap_or(Flag::Extension(Bytes::borrowed(name))));
    }
    let kw = p.take_while(|b| is_atom_char(b) || b == b']');
    if kw.is_empty() {
        return Err(p.expected("flag"));
    }
    Ok(Flag::Keyword(Bytes::borrowed(kw)))
}
