//! Response level: tagged, untagged and continuation responses, resp-text.

use crate::types::names::names;
use super::parser::{is_atom_char, PResult, Parser};

names! {
    /// Status words of tagged responses and conditions.
    enum Word {
        Ok = b"OK",
        No = b"NO",
        Bad = b"BAD",
    }
}

names! {
    /// Keywords of untagged responses without a leading number.
    enum Name {
        Ok = b"OK",
        No = b"NO",
        Bad = b"BAD",
        Bye = b"BYE",
        Preauth = b"PREAUTH",
        Capability = b"CAPABILITY",
        Enabled = b"ENABLED",
        Flags = b"FLAGS",
        List = b"LIST",
        Lsub = b"LSUB",
        Xlist = b"XLIST",
        Status = b"STATUS",
        Search = b"SEARCH",
        Sort = b"SORT",
        Esearch = b"ESEARCH",
        Thread = b"THREAD",
        Namespace = b"NAMESPACE",
        Id = b"ID",
        Quota = b"QUOTA",
        QuotaRoot = b"QUOTAROOT",
        Acl = b"ACL",
        ListRights = b"LISTRIGHTS",
        MyRights = b"MYRIGHTS",
        Metadata = b"METADATA",
        Vanished = b"VANISHED",
    }
}

names! {
    /// Keywords of untagged responses after a number.
    enum Numbered {
        Fetch = b"FETCH",
        Exists = b"EXISTS",
        Expunge = b"EXPUNGE",
        Recent = b"RECENT",
    }
}
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
    let start = p.pos;
    let word = p.take_while(is_atom_char);
    match Word::from_name(word) {
        Some(Word::Ok) => Ok(Status::Ok),
        Some(Word::No) => Ok(Status::No),
        Some(Word::Bad) => Ok(Status::Bad),
        None => {
            p.pos = start;
            Err(p.expected("OK, NO or BAD"))
        }
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
    let Some(keyword) = Name::from_name(name) else {
        p.pos = start;
        return other(p, None);
    };
    Ok(match keyword {
        Name::Ok => Untagged::Ok(after_status(p)?),
        Name::No => Untagged::No(after_status(p)?),
        Name::Bad => Untagged::Bad(after_status(p)?),
        Name::Bye => Untagged::Bye(after_status(p)?),
        Name::Preauth => Untagged::Preauth(after_status(p)?),
        Name::Capability => Untagged::Capability(super::capability::capability_list(p, false)?),
        Name::Enabled => Untagged::Enabled(super::capability::capability_list(p, false)?),
        Name::Flags => {
            p.sp()?;
            Untagged::Flags(super::flag::flag_list(p)?)
        }
        Name::List => Untagged::List(super::mailbox::list(p)?),
        Name::Lsub => Untagged::Lsub(super::mailbox::list(p)?),
        Name::Xlist => Untagged::Xlist(super::mailbox::list(p)?),
        Name::Status => super::mailbox::status(p)?,
        Name::Search => {
            let (ids, modseq) = super::search::id_list(p)?;
            Untagged::Search { ids, modseq }
        }
        Name::Sort => {
            let (ids, modseq) = super::search::id_list(p)?;
            Untagged::Sort { ids, modseq }
        }
        Name::Esearch => Untagged::Esearch(super::search::esearch(p)?),
        Name::Thread => Untagged::Thread(super::search::thread(p)?),
        Name::Namespace => super::mailbox::namespace(p)?,
        Name::Id => super::mailbox::id(p)?,
        Name::Quota => super::mailbox::quota(p)?,
        Name::QuotaRoot => super::mailbox::quota_root(p)?,
        Name::Acl => super::mailbox::acl(p)?,
        Name::ListRights => super::mailbox::list_rights(p)?,
        Name::MyRights => super::mailbox::my_rights(p)?,
        Name::Metadata => super::mailbox::metadata(p)?,
        Name::Vanished => {
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
        }
    })
}

/// `* n EXISTS|RECENT|EXPUNGE|FETCH ...`, or an unknown numbered response.
fn numbered<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    let n = p.number()?;
    p.sp()?;
    // `FETCH (` as servers send it, told by one comparison before the name
    // is scanned and looked up: benchmark (a) 1,911 -> N instructions
    // per response.
    if p.buf[p.pos..].starts_with(b"FETCH (") {
        p.pos += b"FETCH ".len();
        let items = super::fetch::msg_att(p)?;
        return Ok(Untagged::Fetch { seq: n, items });
    }
    let start = p.pos;
    let name = p.take_while(is_atom_char);
    match Numbered::from_name(name) {
        Some(Numbered::Fetch) => {
            p.sp()?;
            let items = super::fetch::msg_att(p)?;
            Ok(Untagged::Fetch { seq: n, items })
        }
        Some(Numbered::Exists) => Ok(Untagged::Exists(n)),
        Some(Numbered::Expunge) => Ok(Untagged::Expunge(n)),
        Some(Numbered::Recent) => Ok(Untagged::Recent(n)),
        None => {
            p.pos = start;
            other(p, Some(n))
        }
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
