//! FETCH item names as a client writes them in a command (`fetch-att`),
//! parsed with the decoder's own name table and section grammar, for the
//! bindings that take items as text (`"BODY.PEEK[HEADER.FIELDS (From)]<0.512>"`).

use bumpalo::Bump;

use super::super::parser::{is_delimiter, PResult, Parser};
use super::super::{Limits, ParseError};
use super::{section, section_binary, Item};
use crate::types::{Bytes, FetchAttr, Section, SectionText, Slice};

impl FetchAttr<'static> {
    /// Parses one FETCH item as written in a command: `UID`, `FLAGS`,
    /// `RFC822.SIZE`, `PREVIEW (LAZY)`, `BODY[1.2.MIME]`,
    /// `BODY.PEEK[HEADER.FIELDS (From To)]<0.2048>`, `BINARY.PEEK[1]`,
    /// `BINARY.SIZE[2]`... Names are case-insensitive; the section grammar
    /// is the one responses are decoded with. A zero partial length is
    /// kept for the encoder to refuse, as for items built field by field.
    ///
    /// ```
    /// use imap::types::FetchAttr;
    /// let attr = FetchAttr::parse(b"body.peek[1]<0.100>").unwrap();
    /// assert!(matches!(attr, FetchAttr::BodySection { peek: true, partial: Some((0, 100)), .. }));
    /// assert!(FetchAttr::parse(b"BODY[1.x]").is_err());
    /// ```
    pub fn parse(text: &[u8]) -> Result<FetchAttr<'static>, ParseError> {
        let arena = Bump::new();
        let limits = Limits::default();
        let mut p = Parser::new(text, &arena, limits.max_depth, limits.max_response);
        let attr = fetch_att(&mut p)?;
        if p.pos < text.len() {
            return Err(p.expected("end of the FETCH item"));
        }
        Ok(attr)
    }
}

/// One `fetch-att`.
fn fetch_att(p: &mut Parser<'_>) -> PResult<FetchAttr<'static>> {
    let word = p.take_while(|b| !is_delimiter(b) && b != b'[' && b != b'<');
    let (word, peek) = match word.len().checked_sub(5) {
        Some(n) if word[n..].eq_ignore_ascii_case(b".PEEK") => (&word[..n], true),
        _ => (word, false),
    };
    let Some(item) = Item::from_name(word) else { return Err(p.expected("FETCH item name")) };
    let has_section = p.peek() == Some(b'[');
    Ok(match (item, has_section) {
        (Item::Body, true) => {
            let section = owned_section(section(p)?);
            FetchAttr::BodySection { peek, section, partial: partial(p)? }
        }
        (Item::Binary, true) => {
            let part = section_binary(p)?.to_vec();
            FetchAttr::Binary { peek, part, partial: partial(p)? }
        }
        (Item::BinarySize, true) if !peek => FetchAttr::BinarySize { part: section_binary(p)?.to_vec() },
        _ if peek || has_section => return Err(p.expected("'[' after BODY or BINARY only")),
        (Item::Envelope, _) => FetchAttr::Envelope,
        (Item::Flags, _) => FetchAttr::Flags,
        (Item::InternalDate, _) => FetchAttr::InternalDate,
        (Item::Rfc822, _) => FetchAttr::Rfc822,
        (Item::Rfc822Header, _) => FetchAttr::Rfc822Header,
        (Item::Rfc822Text, _) => FetchAttr::Rfc822Text,
        (Item::Rfc822Size, _) => FetchAttr::Rfc822Size,
        (Item::Body, _) => FetchAttr::Body,
        (Item::BodyStructure, _) => FetchAttr::BodyStructure,
        (Item::Uid, _) => FetchAttr::Uid,
        (Item::ModSeq, _) => FetchAttr::ModSeq,
        (Item::GmMsgId, _) => FetchAttr::GmMsgId,
        (Item::GmThrId, _) => FetchAttr::GmThrId,
        (Item::GmLabels, _) => FetchAttr::GmLabels,
        (Item::EmailId, _) => FetchAttr::EmailId,
        (Item::ThreadId, _) => FetchAttr::ThreadId,
        (Item::SaveDate, _) => FetchAttr::SaveDate,
        (Item::Preview, _) => FetchAttr::Preview { lazy: lazy(p)? },
        (Item::Binary | Item::BinarySize, _) => return Err(p.expected("'['")),
    })
}

/// An optional `<offset.length>`.
fn partial(p: &mut Parser<'_>) -> PResult<Option<(u32, u32)>> {
    if !p.eat(b'<') {
        return Ok(None);
    }
    let offset = p.number()?;
    p.expect(b'.', "'.'")?;
    let length = p.number()?;
    p.expect(b'>', "'>'")?;
    Ok(Some((offset, length)))
}

/// The optional ` (LAZY)` of `PREVIEW` (RFC 8970).
fn lazy(p: &mut Parser<'_>) -> PResult<bool> {
    if !p.spaces() {
        return Ok(false);
    }
    p.expect(b'(', "'('")?;
    p.spaces();
    if !p.keyword(b"LAZY") {
        return Err(p.expected("LAZY"));
    }
    p.spaces();
    p.expect(b')', "')'")?;
    Ok(true)
}

/// `s` with its lists out of the parser's arena.
fn owned_section(s: Section<'_>) -> Section<'static> {
    let names = |n: &[Bytes<'_>]| Slice::Owned(n.iter().map(|b| b.clone().into_owned()).collect());
    let text = s.text.map(|t| match t {
        SectionText::Header => SectionText::Header,
        SectionText::HeaderFields(n) => SectionText::HeaderFields(names(&n)),
        SectionText::HeaderFieldsNot(n) => SectionText::HeaderFieldsNot(names(&n)),
        SectionText::Text => SectionText::Text,
        SectionText::Mime => SectionText::Mime,
    });
    Section { part: Slice::Owned(s.part.to_vec()), text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Slice<'static, Bytes<'static>> {
        Slice::Owned(v.iter().map(|s| Bytes::owned(s.as_bytes().to_vec())).collect())
    }

    #[test]
    fn items() {
        let ok = |s: &str, want: FetchAttr<'static>| assert_eq!(FetchAttr::parse(s.as_bytes()), Ok(want), "{s:?}");
        ok("UID", FetchAttr::Uid);
        ok("rfc822.size", FetchAttr::Rfc822Size);
        ok("BODY", FetchAttr::Body);
        ok("X-GM-LABELS", FetchAttr::GmLabels);
        ok("PREVIEW", FetchAttr::Preview { lazy: false });
        ok("PREVIEW (LAZY)", FetchAttr::Preview { lazy: true });
        ok("preview ( lazy )", FetchAttr::Preview { lazy: true });
        let body = |peek, part: Vec<u32>, text, partial| FetchAttr::BodySection {
            peek,
            section: Section { part: Slice::Owned(part), text },
            partial,
        };
        ok("BODY[]", body(false, vec![], None, None));
        ok("body.peek[1.2.MIME]", body(true, vec![1, 2], Some(SectionText::Mime), None));
        ok("BODY[TEXT]<100.200>", body(false, vec![], Some(SectionText::Text), Some((100, 200))));
        ok("BODY[]<0.0>", body(false, vec![], None, Some((0, 0))));
        ok(
            "BODY.PEEK[HEADER.FIELDS (From \"X Y\")]",
            body(true, vec![], Some(SectionText::HeaderFields(names(&["From", "X Y"]))), None),
        );
        ok(
            "BODY[2.HEADER.FIELDS.NOT (a)]",
            body(false, vec![2], Some(SectionText::HeaderFieldsNot(names(&["a"]))), None),
        );
        ok("BINARY.PEEK[1]<0.10>", FetchAttr::Binary { peek: true, part: vec![1], partial: Some((0, 10)) });
        ok("BINARY[]", FetchAttr::Binary { peek: false, part: vec![], partial: None });
        ok("BINARY.SIZE[2.1]", FetchAttr::BinarySize { part: vec![2, 1] });
        for bad in [
            "", "FOO", "UID ", " UID", "UID[1]", "BODY[", "BODY[HEADER", "BODY[]<1>", "BODY[]<1.2",
            "BODY[]x", "BODY.PEEK", "UID.PEEK", "BINARY", "BINARY.SIZE.PEEK[1]", "BINARY.SIZE[1]<0.1>",
            "BODY[]<4294967296.1>", "PREVIEW (EAGER)", "PREVIEW (LAZY", "BODY[0]", "BODY[MIME]",
        ] {
            assert!(FetchAttr::parse(bad.as_bytes()).is_err(), "{bad:?}");
        }
    }
}
