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
        let (mut start, mut i) = (open + 1, open + 1);
        loop {
            match buf.get(i) {
                // `]` is allowed in keywords only, as in [`flag`].
                Some(&b) if is_atom_char(b) || (b == b']' && buf[start] != b'\\') || (b == b'\\' && i == start) => {
                    i += 1
                }
                Some(&b @ (b' ' | b')')) if i > start && buf[i - 1] != b'\\' => {
                    let token = &buf[start..i];
                    let flag = match token.strip_prefix(b"\\") {
                        Some(name) => Flag::from_name(name),
                        None => Flag::Keyword(Bytes::borrowed(token)),
                    };
                    p.push(&mut flags, flag)?;
                    i += 1;
                    if b == b')' {
                        p.pos = i;
                        return Ok(finish(flags));
                    }
                    start = i;
                }
                Some(b')') if i == open + 1 => {
                    p.pos = i + 1;
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
        let arena = bumpalo::Bump::new();
        for &list in lists {
            let line = [list, b"\r\n"].concat();
            let mut fast = Parser::new(&line, &arena, 10, usize::MAX);
            let mut general = Parser::new(&line, &arena, 10, usize::MAX);
            let got = flag_list(&mut fast);
            let want = general.unit_list(flag, |p| Ok(Flag::Unparsed(Bytes::borrowed(p.skip_unit(b')')))));
            assert_eq!(got, want, "{}", String::from_utf8_lossy(list));
            assert_eq!(fast.pos, general.pos, "{}", String::from_utf8_lossy(list));
        }
    }
}
