//! Response level: tagged, untagged and continuation responses, resp-text.

use super::parser::{is_atom_char, PResult, Parser};
use super::ParseErrorKind;
use crate::types::{Bytes, RespText, Response, Status, Tagged, Untagged};

/// Parses one framed response.
pub(crate) fn response<'a>(p: &mut Parser<'a>) -> PResult<Response<'a>> {
    match p.peek() {
        Some(b'+') => {
            p.pos += 1;
            p.eat(b' ');
            let text = resp_text(p)?;
            p.end()?;
            Ok(Response::Continue(text))
        }
        Some(b'*') => {
            p.pos += 1;
            p.sp()?;
            let u = untagged(p)?;
            p.end()?;
            Ok(Response::Untagged(u))
        }
        _ => {
            let tag = p.take_while(|b| b != b'+' && super::parser::is_astring_char(b));
            if tag.is_empty() {
                return Err(p.expected("'*', '+' or a tag"));
            }
            p.sp()?;
            let status = status_word(p)?;
            let text = after_status(p)?;
            p.end()?;
            Ok(Response::Tagged(Tagged { tag: Bytes::borrowed(tag), status, text }))
        }
    }
}

fn status_word(p: &mut Parser<'_>) -> PResult<Status> {
    if p.keyword(b"OK") {
        Ok(Status::Ok)
    } else if p.keyword(b"NO") {
        Ok(Status::No)
    } else if p.keyword(b"BAD") {
        Ok(Status::Bad)
    } else {
        Err(p.expected("OK, NO or BAD"))
    }
}

/// The optional SP and resp-text after a status word (`* BYE\r\n` has neither).
fn after_status<'a>(p: &mut Parser<'a>) -> PResult<RespText<'a>> {
    if !p.at_eol() {
        p.expect(b' ', "SP")?;
    }
    resp_text(p)
}

fn untagged<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    if p.peek().is_some_and(|b| b.is_ascii_digit()) {
        return numbered(p);
    }
    let start = p.pos;
    let name = p.take_while(is_atom_char);
    if name.is_empty() {
        return Err(p.expected("response keyword"));
    }
    let kw = |k: &[u8]| name.eq_ignore_ascii_case(k);
    Ok(if kw(b"OK") {
        Untagged::Ok(after_status(p)?)
    } else if kw(b"NO") {
        Untagged::No(after_status(p)?)
    } else if kw(b"BAD") {
        Untagged::Bad(after_status(p)?)
    } else if kw(b"BYE") {
        Untagged::Bye(after_status(p)?)
    } else if kw(b"PREAUTH") {
        Untagged::Preauth(after_status(p)?)
    } else if kw(b"CAPABILITY") {
        Untagged::Capability(super::capability::capability_list(p, false)?)
    } else if kw(b"ENABLED") {
        Untagged::Enabled(super::capability::capability_list(p, false)?)
    } else if kw(b"FLAGS") {
        p.sp()?;
        Untagged::Flags(super::flag::flag_list(p)?)
    } else if kw(b"LIST") {
        Untagged::List(super::mailbox::list(p)?)
    } else if kw(b"LSUB") {
        Untagged::Lsub(super::mailbox::list(p)?)
    } else if kw(b"XLIST") {
        Untagged::Xlist(super::mailbox::list(p)?)
    } else if kw(b"STATUS") {
        super::mailbox::status(p)?
    } else if kw(b"SEARCH") {
        let (ids, modseq) = super::search::id_list(p)?;
        Untagged::Search { ids, modseq }
    } else if kw(b"SORT") {
        let (ids, modseq) = super::search::id_list(p)?;
        Untagged::Sort { ids, modseq }
    } else if kw(b"ESEARCH") {
        Untagged::Esearch(super::search::esearch(p)?)
    } else if kw(b"THREAD") {
        Untagged::Thread(super::search::thread(p)?)
    } else if kw(b"NAMESPACE") {
        super::mailbox::namespace(p)?
    } else if kw(b"ID") {
        super::mailbox::id(p)?
    } else if kw(b"QUOTA") {
        super::mailbox::quota(p)?
    } else if kw(b"QUOTAROOT") {
        super::mailbox::quota_root(p)?
    } else if kw(b"ACL") {
        super::mailbox::acl(p)?
    } else if kw(b"LISTRIGHTS") {
        super::mailbox::list_rights(p)?
    } else if kw(b"MYRIGHTS") {
        super::mailbox::my_rights(p)?
    } else if kw(b"METADATA") {
        super::mailbox::metadata(p)?
    } else if kw(b"VANISHED") {
        p.sp()?;
        let earlier = p.eat(b'(');
        if earlier {
            if !p.keyword(b"EARLIER") {
                return Err(p.expected("EARLIER"));
            }
            p.expect(b')', "')'")?;
            p.sp()?;
        }
        Untagged::Vanished { earlier, uids: p.sequence_set()? }
    } else {
        p.pos = start;
        other(p, None)?
    })
}

/// `* n EXISTS|RECENT|EXPUNGE|FETCH ...`, or an unknown numbered response.
fn numbered<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    let n = p.number()?;
    p.sp()?;
    if p.keyword(b"EXISTS") {
        Ok(Untagged::Exists(n))
    } else if p.keyword(b"RECENT") {
        Ok(Untagged::Recent(n))
    } else if p.keyword(b"EXPUNGE") {
        Ok(Untagged::Expunge(n))
    } else if p.keyword(b"FETCH") {
        p.sp()?;
        let items = super::fetch::msg_att(p)?;
        Ok(Untagged::Fetch { seq: n, items })
    } else {
        other(p, Some(n))
    }
}

/// An unknown untagged response: keyword, then the rest verbatim.
fn other<'a>(p: &mut Parser<'a>, number: Option<u32>) -> PResult<Untagged<'a>> {
    let name = p.take_while(|b| b != b' ' && b != b'\r' && b != b'\n');
    if name.is_empty() {
        return Err(p.expected("response keyword"));
    }
    p.eat(b' ');
    let rest = p.rest_of_response();
    Ok(Untagged::Other { number, name: Bytes::borrowed(name), rest: Bytes::borrowed(rest) })
}

/// `resp-text`: an optional `[code]`, then text to the end of the line.
pub(crate) fn resp_text<'a>(p: &mut Parser<'a>) -> PResult<RespText<'a>> {
    let mut code = None;
    if p.peek() == Some(b'[') {
        let line_end = p.eol_pos();
        if memchr::memchr(b']', &p.buf[p.pos..line_end]).is_some() {
            p.pos += 1;
            code = Some(super::code::code(p)?);
            p.eat(b' ');
        }
    }
    let start = p.pos;
    let end = p.eol_pos();
    p.pos = end;
    if end < start {
        return Err(p.err(ParseErrorKind::Expected("text")));
    }
    Ok(RespText { code, text: Bytes::borrowed(&p.buf[start..end]) })
}
