//! Flags and flag lists.

use super::parser::{finish, is_atom_char, PResult, Parser};

use crate::types::{Bytes, Flag};

/// `(flag ...)`, with `\*` and `\Recent` accepted; something in it that
/// is not a flag is kept as [`Flag::Unparsed`].
///
/// Flag lists are nearly always `\Name`s and keywords separated by single
/// spaces: one loop over the bytes splits and classifies them, and
/// anything else (`\*`, extra spaces, something that is no flag) goes to
/// the general list parser from the start. Benchmark (a), two flags per
/// response: 2,162 -> 2,099 instructions per response.
pub(crate) fn flag_list<'a>(p: &mut Parser<'a>) -> PResult<&'a [Flag<'a>]> {
    let buf = p.buf;
    let open = p.pos;
    if buf.get(open) == Some(&b'(') {
        p.enter()?;
        p.leave();
        let mut flags = p.list()?;
        let mut start = open + 1;
        loop {
            let rest = &buf[start..];
            let system_flag = rest.first() == Some(&b'\\');
            let name = &rest[usize::from(system_flag)..];
            // `]` is allowed in keywords only, as in [`flag`].
            let len = name.iter().position(|&b| !is_atom_char(b) && (b != b']' || system_flag)).unwrap_or(name.len());
            let end = start + usize::from(system_flag) + len;
            match buf.get(end) {
                Some(&b @ (b' ' | b')')) if len > 0 => {
                    let flag = if system_flag { Flag::from_name(&name[..len]) } else { Flag::Keyword(Bytes::borrowed(&name[..len])) };
                    p.push(&mut flags, flag)?;
                    start = end + 1;
                    if b == b')' {
                        p.pos = start;
                        return Ok(finish(flags));
                    }
                }
                Some(b')') if end == open + 1 => {
                    p.pos = end + 1;
                    return Ok(finish(flags));
                }
                _ => break,
            }
        }
        p.pos = open;
    }
    p.unit_list(flag, |p| Ok(Flag::Unparsed(Bytes::borrowed(p.skip_unit(b')')))))
}

/// One flag.
pub(crate) fn flag<'a>(p: &mut Parser<'a>) -> PResult<Flag<'a>> {
    if p.eat(b'\\') {
        if p.eat(b'*') {
            return Ok(Flag::Wildcard);
        }
        return Ok(Flag::from_name(p.atom()?));
    }
    let kw = p.take_while(|b| is_atom_char(b) || b == b']');
    if kw.is_empty() {
        return Err(p.expected("flag"));
    }
    Ok(Flag::Keyword(Bytes::borrowed(kw)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-loop path gives what the general list parser gives, or
    /// leaves the list to it.
    #[test]
    fn fast_flag_lists_decode_as_the_general_parser_does() {
        let lists: &[&[u8]] = &[
            b"()",
            b"(\\Seen)",
            b"(\\Seen \\Answered $Forwarded NonJunk)",
            b"(\\seen \\DRAFT \\Custom)",
            b"(kw] \\])",
            b"(\\ \\Seen)",
            b"(\\Seen\\Draft x)",
            b"(\\* \\Seen)",
            b"(a  b)",
            b"( a)",
            b"(\\Seen (x) $J)",
            b"(\"q\" \\Seen)",
            b"(\\Seen",
        ];
        super::super::parser::assert_fast_path_agrees(
            lists,
            b"\r\n",
            |p| format!("{:?}", flag_list(p)),
            |p| format!("{:?}", p.unit_list(flag, |p| Ok(Flag::Unparsed(Bytes::borrowed(p.skip_unit(b')')))))),
        );
    }
}
