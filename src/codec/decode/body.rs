//! BODY and BODYSTRUCTURE, with the workarounds real servers need.

use super::parser::{finish, PResult, Parser};
use crate::types::{
    BodyExtension, BodyFields, BodyStructure, Bytes, Disposition, MultiPartExt, NString, SinglePart,
    SinglePartExt,
};

/// `"(" (body-type-1part / body-type-mpart) ")"`.
pub(crate) fn body<'a>(p: &mut Parser<'a>) -> PResult<BodyStructure<'a>> {
    p.expect(b'(', "'('")?;
    p.enter()?;
    let b = if p.peek() == Some(b'(') { multipart(p)? } else { single(p)? };
    p.spaces();
    p.expect(b')', "')'")?;
    p.leave();
    Ok(b)
}

fn multipart<'a>(p: &mut Parser<'a>) -> PResult<BodyStructure<'a>> {
    let mut parts = p.list()?;
    while p.peek() == Some(b'(') {
        let part = body(p)?;
        p.push(&mut parts, part)?;
        p.spaces();
    }
    let parts = finish(parts);
    let subtype = p.lenient_string()?;
    let ext = multipart_ext(p)?;
    Ok(BodyStructure::Multi { parts, subtype, ext })
}

/// `[SP body-ext-mpart]`; extension data that does not parse is kept raw.
fn multipart_ext<'a>(p: &mut Parser<'a>) -> PResult<Option<&'a MultiPartExt<'a>>> {
    if !more(p) {
        return Ok(None);
    }
    // Allocated before the unit's end is checked, so that only a reference
    // moves through `unit` (moving the struct twice cost 140 instructions
    // per response of benchmark (b)).
    let ext = p.unit(
        b')',
        |p| {
            let params = params(p)?;
            let (disposition, language, location, extensions) = ext_tail(p)?;
            p.alloc(MultiPartExt { params, disposition, language, location, extensions })
        },
        |p| {
            let extensions = unparsed_ext_data(p)?;
            p.alloc(MultiPartExt { extensions, ..MultiPartExt::default() })
        },
    )?;
    Ok(Some(ext))
}

/// The fields both kinds of extension data share after their first one:
/// `[SP dsp [SP lang [SP loc *(SP extension)]]]`.
#[allow(clippy::type_complexity)]
fn ext_tail<'a>(
    p: &mut Parser<'a>,
) -> PResult<(Option<Disposition<'a>>, &'a [Bytes<'a>], NString<'a>, &'a [BodyExtension<'a>])> {
    let (mut disposition, mut language, mut location, mut extensions) = (None, &[][..], None, &[][..]);
    if more(p) {
        disposition = self::disposition(p)?;
        if more(p) {
            language = self::language(p)?;
            if more(p) {
                location = p.nstring()?;
                if more(p) {
                    let mut more_data = p.list()?;
                    let first = extension(p)?;
                    p.push(&mut more_data, first)?;
                    while more(p) {
                        let next = extension(p)?;
                        p.push(&mut more_data, next)?;
                    }
                    extensions = finish(more_data);
                }
            }
        }
    }
    Ok((disposition, language, location, extensions))
}

fn single<'a>(p: &mut Parser<'a>) -> PResult<BodyStructure<'a>> {
    let media_type = p.lenient_string()?;
    p.spaces();
    // Some servers send a multipart with no children as a "part" holding
    // only the subtype and perhaps the multipart extension data.
    if matches!(p.peek(), Some(b'(' | b')')) || p.buf[p.pos..].starts_with(b"NIL") {
        let ext = multipart_ext(p)?;
        return Ok(BodyStructure::Multi { parts: &[], subtype: media_type, ext });
    }
    let subtype = p.lenient_string()?;
    p.spaces();
    let fields = fields(p)?;
    let kind = if media_type.eq_ignore_ascii_case(b"TEXT") {
        let lines = if more(p) { p.number_or_negative()? } else { 0 };
        SinglePart::Text { subtype, lines }
    } else if media_type.eq_ignore_ascii_case(b"MESSAGE")
        && (subtype.eq_ignore_ascii_case(b"RFC822") || subtype.eq_ignore_ascii_case(b"GLOBAL"))
        && p.buf[p.pos..].starts_with(b" (")
    {
        p.sp()?;
        let envelope = super::envelope::envelope(p)?;
        let envelope = p.alloc(envelope)?;
        p.spaces();
        let body = body(p)?;
        let body = p.alloc(body)?;
        let lines = if more(p) { p.number_or_negative()? } else { 0 };
        SinglePart::Message { subtype, envelope, body, lines }
    } else {
        SinglePart::Basic { media_type, subtype }
    };
    let ext = if more(p) {
        let ext = p.unit(
            b')',
            |p| single_ext(p).and_then(|ext| p.alloc(ext)),
            |p| {
                let extensions = unparsed_ext_data(p)?;
                p.alloc(SinglePartExt { extensions, ..SinglePartExt::default() })
            },
        )?;
        Some(ext)
    } else {
        None
    };
    Ok(BodyStructure::Single { kind, fields, ext })
}

/// Consumes the spaces before another field; false at the closing `)`.
fn more(p: &mut Parser<'_>) -> bool {
    let save = p.pos;
    p.spaces();
    if matches!(p.peek(), Some(b')') | Some(b'\r') | Some(b'\n') | None) {
        p.pos = save;
        false
    } else {
        true
    }
}

/// `body-fields`: params, id, description, encoding, octets.
fn fields<'a>(p: &mut Parser<'a>) -> PResult<BodyFields<'a>> {
    let params = params(p)?;
    p.sp()?;
    let id = p.nstring()?;
    p.sp()?;
    let description = p.nstring()?;
    p.sp()?;
    let encoding = p.lenient_string()?;
    p.sp()?;
    let octets = p.number_or_negative()?;
    let octets = u32::try_from(octets).map_err(|_| p.err(super::ParseErrorKind::Overflow))?;
    Ok(BodyFields { params, id, description, encoding, octets })
}

/// `body-fld-param`: `"(" string SP nstring ... ")"`, NIL, or `()`.
fn params<'a>(p: &mut Parser<'a>) -> PResult<&'a [(Bytes<'a>, NString<'a>)]> {
    if p.nil() {
        return Ok(&[]);
    }
    p.nstring_pairs(Parser::string)
}

/// `body-fld-dsp`; a bare string is taken as a disposition without params.
fn disposition<'a>(p: &mut Parser<'a>) -> PResult<Option<Disposition<'a>>> {
    if p.nil() {
        return Ok(None);
    }
    if p.peek() != Some(b'(') {
        return Ok(Some(Disposition { kind: p.string()?, params: &[] }));
    }
    p.pos += 1;
    let kind = p.string()?;
    p.spaces();
    let params = params(p)?;
    p.spaces();
    p.expect(b')', "')'")?;
    Ok(Some(Disposition { kind, params }))
}

/// `body-fld-lang`: nstring or a list of strings.
fn language<'a>(p: &mut Parser<'a>) -> PResult<&'a [Bytes<'a>]> {
    if p.peek() == Some(b'(') {
        return p.paren_list(|p| p.string());
    }
    Ok(match p.nstring()? {
        Some(tag) => std::slice::from_ref(p.alloc(tag)?),
        None => &[],
    })
}

/// `body-ext-1part`; an MD5 sent as a number is kept as its digits. Data
/// that does not parse is kept raw by the caller.
fn single_ext<'a>(p: &mut Parser<'a>) -> PResult<SinglePartExt<'a>> {
    let md5 = if p.peek().is_some_and(|b| b.is_ascii_digit()) {
        Some(Bytes::borrowed(p.take_while(|b| b.is_ascii_digit())))
    } else {
        p.nstring()?
    };
    let (disposition, language, location, extensions) = ext_tail(p)?;
    Ok(SinglePartExt { md5, disposition, language, location, extensions })
}

/// `body-extension`; one that does not parse (e.g. a bare atom) is kept
/// as [`BodyExtension::Unparsed`].
fn extension<'a>(p: &mut Parser<'a>) -> PResult<BodyExtension<'a>> {
    p.unit(
        b')',
        |p| match p.peek() {
            Some(b'(') => p.unit_list(extension, unparsed_extension).map(BodyExtension::List),
            Some(b) if b.is_ascii_digit() => p.number64().map(BodyExtension::Number),
            _ => p.nstring().map(BodyExtension::NString),
        },
        unparsed_extension,
    )
}

/// The extension data at the cursor that does not parse, up to the next
/// space or `)`, verbatim.
fn unparsed_extension<'a>(p: &mut Parser<'a>) -> PResult<BodyExtension<'a>> {
    Ok(BodyExtension::Unparsed(Bytes::borrowed(p.skip_unit(b')'))))
}

/// The extension data of a part (everything after its fields) when it does
/// not parse: one [`BodyExtension::Unparsed`] holding it verbatim, up to
/// the part's closing parenthesis.
#[cold]
fn unparsed_ext_data<'a>(p: &mut Parser<'a>) -> PResult<&'a [BodyExtension<'a>]> {
    let start = p.pos;
    while !p.at_eol() && p.peek() != Some(b')') {
        p.skip_unit(b')');
        p.spaces();
    }
    let raw = p.buf[start..p.pos].trim_ascii_end();
    Ok(std::slice::from_ref(p.alloc(BodyExtension::Unparsed(Bytes::borrowed(raw)))?))
}
