//! Flags and flag lists.

use super::parser::{is_atom_char, keywords, PResult, Parser};

keywords! {
    /// System flag names (after the backslash).
    enum System {
        Seen = b"Seen",
        Answered = b"Answered",
        Flagged = b"Flagged",
        Deleted = b"Deleted",
        Draft = b"Draft",
        Recent = b"Recent",
    }
}
use crate::types::{Bytes, Flag};

/// `(flag ...)`, with `\*` and `\Recent` accepted; something in it that
/// is not a flag is kept as [`Flag::Unparsed`].
pub(crate) fn flag_list<'a>(p: &mut Parser<'a>) -> PResult<&'a [Flag<'a>]> {
    p.unit_list(flag, |p| Ok(Flag::Unparsed(Bytes::borrowed(p.skip_unit(b')')))))
}

/// One flag.
pub(crate) fn flag<'a>(p: &mut Parser<'a>) -> PResult<Flag<'a>> {
    if p.eat(b'\\') {
        if p.eat(b'*') {
            return Ok(Flag::Wildcard);
        }
        let name = p.atom()?;
        return Ok(match System::lookup(name) {
            Some(System::Seen) => Flag::Seen,
            Some(System::Answered) => Flag::Answered,
            Some(System::Flagged) => Flag::Flagged,
            Some(System::Deleted) => Flag::Deleted,
            Some(System::Draft) => Flag::Draft,
            Some(System::Recent) => Flag::Recent,
            None => Flag::Extension(Bytes::borrowed(name)),
        });
    }
    let kw = p.take_while(|b| is_atom_char(b) || b == b']');
    if kw.is_empty() {
        return Err(p.expected("flag"));
    }
    Ok(Flag::Keyword(Bytes::borrowed(kw)))
}
