//! FETCH items (`msg-att`), sections and date-times.

use super::parser::{finish, is_astring_char, ArenaVec, PResult, Parser};


use crate::types::{Bytes, Date, DateTime, FetchItem, FetchItemName as Item, Section, SectionText, Slice};

mod attr;

/// `"(" item *(SP item) ")"`. An item list wrapped in extra parentheses (as
/// Lotus Domino sends) is flattened.
pub(crate) fn msg_att<'a>(p: &mut Parser<'a>) -> PResult<&'a [FetchItem<'a>]> {
    let mut items = p.list()?;
    att_list(p, &mut items)?;
    Ok(finish(items))
}

fn att_list<'a>(p: &mut Parser<'a>, items: &mut ArenaVec<'a, FetchItem<'a>>) -> PResult<()> {
    p.expect(b'(', "'('")?;
    p.enter()?;
    loop {
        p.spaces();
        match p.peek() {
            Some(b')') => {
                p.pos += 1;
                break;
            }
            Some(b'(') => att_list(p, items)?,
            Some(b'\r' | b'\n') | None => return Err(p.expected("')'")),
            _ => {
                let value = p.unit(b')', known_item, other_item)?;
                p.push(items, value)?;
            }
        }
    }
    p.leave();
    Ok(())
}

/// An unknown item, or one that does not parse (a known item whose value
/// does not, a name without a value...): its name and raw value.
fn other_item<'a>(p: &mut Parser<'a>) -> PResult<FetchItem<'a>> {
    let (name, value) = p.skip_pair(b')');
    Ok(FetchItem::Other { name, value })
}

/// The item that starts `rest` if it is one of those servers send most,
/// as they send them (upper case, then a space): told by its first byte
/// and one comparison, instead of scanning the name and looking it up.
/// Benchmark (a), three such items per response: 2,098 -> 1,911
/// instructions per response; (b) 25,022 -> 24,650.
fn frequent(rest: &[u8]) -> Option<(Item, usize)> {
    match rest.first()? {
        b'U' => followed_by_space(rest, Item::Uid),
        b'F' => followed_by_space(rest, Item::Flags),
        b'M' => followed_by_space(rest, Item::ModSeq),
        b'R' => followed_by_space(rest, Item::Rfc822Size),
        b'I' => followed_by_space(rest, Item::InternalDate),
        b'E' => followed_by_space(rest, Item::Envelope),
        b'B' => followed_by_space(rest, Item::BodyStructure),
        _ => None,
    }
}

/// `item` and its name's length if `rest` starts with its name and a space.
/// Inlined with a constant `item`, the name is a constant, so the
/// comparison compiles to a few word compares (a length taken from a table
/// makes it a memcmp call: 100 instructions per response of (a)).
#[inline(always)]
fn followed_by_space(rest: &[u8], item: Item) -> Option<(Item, usize)> {
    let name = item.name();
    match rest.get(..=name.len())? {
        [head @ .., b' '] if head == name => Some((item, name.len())),
        _ => None,
    }
}

fn known_item<'a>(p: &mut Parser<'a>) -> PResult<FetchItem<'a>> {
    if let Some((item, len)) = frequent(&p.buf[p.pos..]) {
        p.pos += len;
        return item_value(p, item);
    }
    let name = p.take_while(|b| !super::parser::is_delimiter(b) && b != b'[' && b != b'<');
    let Some(name) = Item::from_name(name) else { return Err(p.expected("known FETCH item")) };
    if p.peek() == Some(b'[') {
        return match name {
            Item::Body => {
                let section = section(p)?;
                let origin = origin(p)?;
                p.sp()?;
                Ok(FetchItem::BodySection { section, origin, data: p.nstring()? })
            }
            Item::Binary => {
                let part = section_binary(p)?;
                let origin = origin(p)?;
                p.sp()?;
                Ok(FetchItem::Binary { part, origin, data: p.nstring()? })
            }
            Item::BinarySize => {
                let part = section_binary(p)?;
                p.sp()?;
                Ok(FetchItem::BinarySize { part, size: p.number64()? })
            }
            _ => Err(p.expected("known FETCH item")),
        };
    }
    item_value(p, name)
}

/// `SP` and the value of the item `name` (one without a section).
fn item_value<'a>(p: &mut Parser<'a>, name: Item) -> PResult<FetchItem<'a>> {
    p.sp()?;
    Ok(match name {
        Item::Uid => FetchItem::Uid(p.nz_number()?),
        Item::Flags => FetchItem::Flags(super::flag::flag_list(p)?),
        Item::ModSeq => {
            p.expect(b'(', "'('")?;
            let n = p.number64()?;
            p.expect(b')', "')'")?;
            FetchItem::ModSeq(n)
        }
        Item::Rfc822Size => FetchItem::Rfc822Size(p.number64()?),
        Item::InternalDate => FetchItem::InternalDate(date_time(p)?),
        Item::Envelope => {
            let envelope = super::envelope::envelope(p)?;
            FetchItem::Envelope(p.alloc(envelope)?)
        }
        Item::BodyStructure => {
            let body = super::body::body(p)?;
            FetchItem::BodyStructure(p.alloc(body)?)
        }
        Item::Body => {
            let body = super::body::body(p)?;
            FetchItem::Body(p.alloc(body)?)
        }
        Item::Rfc822 => FetchItem::Rfc822(p.nstring()?),
        Item::Rfc822Header => FetchItem::Rfc822Header(p.nstring()?),
        Item::Rfc822Text => FetchItem::Rfc822Text(p.nstring()?),
        Item::EmailId => FetchItem::EmailId(object_id(p)?),
        Item::ThreadId => FetchItem::ThreadId(if p.nil() { None } else { Some(object_id(p)?) }),
        Item::SaveDate => FetchItem::SaveDate(if p.nil() { None } else { Some(date_time(p)?) }),
        Item::Preview => FetchItem::Preview(p.nstring()?),
        Item::GmMsgId => FetchItem::GmMsgId(p.number64()?),
        Item::GmThrId => FetchItem::GmThrId(p.number64()?),
        Item::GmLabels => FetchItem::GmLabels(p.paren_list(|p| {
            if p.peek() == Some(b'\\') {
                let start = p.pos;
                p.pos += 1;
                p.atom()?;
                Ok(Bytes::borrowed(&p.buf[start..p.pos]))
            } else {
                p.astring()
            }
        })?),
        Item::Binary | Item::BinarySize => return Err(p.expected("'['")),
    })
}

/// `"(" objectid ")"`.
fn object_id<'a>(p: &mut Parser<'a>) -> PResult<Bytes<'a>> {
    p.expect(b'(', "'('")?;
    let id = p.atom()?;
    p.expect(b')', "')'")?;
    Ok(Bytes::borrowed(id))
}

/// An optional `<n>` origin.
fn origin(p: &mut Parser<'_>) -> PResult<Option<u32>> {
    if p.eat(b'<') {
        let n = p.number()?;
        p.expect(b'>', "'>'")?;
        Ok(Some(n))
    } else {
        Ok(None)
    }
}

/// `"[" [section-spec] "]"`.
pub(crate) fn section<'a>(p: &mut Parser<'a>) -> PResult<Section<'a>> {
    p.expect(b'[', "'['")?;
    // Most sections have no part number (`BODY[HEADER.FIELDS (...)]`,
    // `BODY[]`): their list takes no arena room (benchmark (e): 60
    // instructions per response).
    let capacity = if p.peek().is_some_and(|b| b.is_ascii_digit()) { 4 } else { 0 };
    let mut part = p.list_with_capacity(capacity)?;
    let ended = loop {
        if p.eat(b']') {
            break true;
        }
        if !p.peek().is_some_and(|b| b.is_ascii_digit()) {
            break false;
        }
        let n = p.nz_number()?;
        p.push(&mut part, n)?;
        if !p.eat(b'.') {
            p.expect(b']', "']'")?;
            break true;
        }
    };
    let part = finish(part);
    if ended {
        return Ok(Section { part: Slice::Borrowed(part), text: None });
    }
    // `HEADER.FIELDS (` as servers send it, in upper case, is compared as
    // one slice before the case-insensitive keywords are tried (see
    // `header_names` for what it saves).
    let text = if p.buf[p.pos..].starts_with(b"HEADER.FIELDS (") {
        p.pos += b"HEADER.FIELDS ".len();
        SectionText::HeaderFields(Slice::Borrowed(header_names(p)?))
    } else if p.keyword(b"HEADER.FIELDS.NOT") {
        p.sp()?;
        SectionText::HeaderFieldsNot(Slice::Borrowed(header_names(p)?))
    } else if p.keyword(b"HEADER.FIELDS") {
        p.sp()?;
        SectionText::HeaderFields(Slice::Borrowed(header_names(p)?))
    } else if p.keyword(b"HEADER") {
        SectionText::Header
    } else if p.keyword(b"TEXT") {
        SectionText::Text
    } else if p.keyword(b"MIME") && !part.is_empty() {
        SectionText::Mime
    } else {
        return Err(p.expected("section text"));
    };
    p.expect(b']', "']'")?;
    Ok(Section { part: Slice::Borrowed(part), text: Some(text) })
}

/// `"(" header-fld-name *(SP header-fld-name) ")"`. Names are nearly
/// always atoms separated by single spaces: each is found with one tight
/// loop over its bytes, and anything else (a quoted name, extra spaces)
/// goes to the general list parser from the start. With the slice compare
/// in `section`, benchmark (e) goes from 3,303 to 2,517 instructions per
/// response: the general parser spent 1,100 on `(FROM TO SUBJECT DATE
/// MESSAGE-ID)`. (Finding the `)` with memchr first and splitting the
/// names cost 220 more.)
fn header_names<'a>(p: &mut Parser<'a>) -> PResult<&'a [Bytes<'a>]> {
    let buf = p.buf;
    let open = p.pos;
    if buf.get(open) == Some(&b'(') {
        // Room for the eight names clients ask for most at once, so that
        // the usual five do not grow the list (growing it copied it:
        // benchmark (e), 150 instructions per response).
        let mut names = p.list_with_capacity(8)?;
        let mut start = open + 1;
        loop {
            let rest = &buf[start..];
            let len = rest.iter().position(|&b| !is_astring_char(b)).unwrap_or(rest.len());
            let (name, after) = rest.split_at(len);
            match after.first() {
                Some(&b @ (b' ' | b')')) if len > 0 => {
                    p.push(&mut names, Bytes::borrowed(name))?;
                    start += len + 1;
                    if b == b')' {
                        p.pos = start;
                        return Ok(finish(names));
                    }
                }
                _ => break,
            }
        }
    }
    p.pos = open;
    p.paren_list(|p| p.astring())
}

/// `"[" [part] "]"` of BINARY items.
fn section_binary<'a>(p: &mut Parser<'a>) -> PResult<&'a [u32]> {
    p.expect(b'[', "'['")?;
    let mut part = p.list()?;
    if !p.eat(b']') {
        loop {
            let n = p.nz_number()?;
            p.push(&mut part, n)?;
            if !p.eat(b'.') {
                break;
            }
        }
        p.expect(b']', "']'")?;
    }
    Ok(finish(part))
}

/// A quoted `date-time`, e.g. `"17-Jul-1996 02:44:25 -0700"`. The day may
/// be space-padded or have one digit.
pub(crate) fn date_time(p: &mut Parser<'_>) -> PResult<DateTime> {
    let start = p.pos;
    let q = p.quoted()?;
    let invalid = || super::ParseError { offset: start, kind: super::ParseErrorKind::Invalid("date-time") };
    parse_date_time(q.as_bytes()).ok_or_else(invalid)
}

fn parse_date_time(s: &[u8]) -> Option<DateTime> {
    let s = s.strip_prefix(b" ").unwrap_or(s);
    let dash = s.iter().position(|&b| b == b'-')?;
    let day = digits(&s[..dash])? as u8;
    let rest = &s[dash + 1..];
    let month_name = rest.get(..3)?;
    let month = crate::types::MONTHS.iter().position(|m| m.as_bytes().eq_ignore_ascii_case(month_name))? as u8 + 1;
    let rest = rest.get(3..)?.strip_prefix(b"-")?;
    let (year, rest) = (digits(rest.get(..4)?)? as u16, rest.get(4..)?.strip_prefix(b" ")?);
    let hour = digits(rest.get(..2)?)? as u8;
    let minute = digits(rest.get(3..5)?)? as u8;
    let second = digits(rest.get(6..8)?)? as u8;
    if rest.get(2) != Some(&b':') || rest.get(5) != Some(&b':') || rest.get(8) != Some(&b' ') {
        return None;
    }
    let zone = rest.get(9..)?;
    if zone.len() != 5 || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let sign: i16 = match zone[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (zh, zm) = (digits(&zone[1..3])? as i16, digits(&zone[3..5])? as i16);
    if zm > 59 {
        return None;
    }
    Some(DateTime { date: Date::new(year, month, day)?, hour, minute, second, zone_minutes: sign * (zh * 60 + zm) })
}

/// 1 to 4 ASCII digits as a number.
fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |acc, &d| acc * 10 + u32::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-loop path gives what the general list parser gives, or
    /// leaves the list to it.
    #[test]
    fn fast_header_name_lists_decode_as_the_general_parser_does() {
        let lists: &[&[u8]] = &[
            b"(FROM)",
            b"(FROM TO SUBJECT DATE MESSAGE-ID)",
            b"(x-spam] List-Id)",
            b"(\"Quoted Name\" FROM)",
            b"(FROM  TO)",
            b"( FROM)",
            b"()",
            b"(FROM {2}\r\nTO)",
            b"(FROM",
        ];
        super::super::parser::assert_fast_path_agrees(
            lists,
            b"]\r\n",
            |p| format!("{:?}", header_names(p)),
            |p| format!("{:?}", p.paren_list(|p| p.astring())),
        );
    }
}
