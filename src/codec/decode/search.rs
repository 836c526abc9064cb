//! SEARCH, SORT, ESEARCH and THREAD responses.

use super::parser::{PResult, Parser};
use crate::types::{Bytes, Esearch, EsearchItem, Thread};

/// `*(SP nz-number) [SP "(" "MODSEQ" SP n ")"]` after SEARCH or SORT,
/// tolerating a trailing space.
pub(crate) fn id_list(p: &mut Parser<'_>) -> PResult<(Vec<u32>, Option<u64>)> {
    let mut ids = Vec::new();
    let mut modseq = None;
    while !p.at_end_lenient() {
        p.sp()?;
        if p.peek() == Some(b'(') {
            p.pos += 1;
            if !p.keyword(b"MODSEQ") {
                return Err(p.expected("MODSEQ"));
            }
            p.sp()?;
            modseq = Some(p.number64()?);
            p.expect(b')', "')'")?;
            break;
        }
        ids.push(p.nz_number()?);
    }
    Ok((ids, modseq))
}

/// `[SP "(" "TAG" SP tag ")"] [SP "UID"] *(SP name SP value)` after ESEARCH.
pub(crate) fn esearch<'a>(p: &mut Parser<'a>) -> PResult<Esearch<'a>> {
    let mut result = Esearch { tag: None, uid: false, items: Vec::new() };
    if p.at_end_lenient() {
        return Ok(result);
    }
    p.sp()?;
    if p.eat(b'(') {
        if !p.keyword(b"TAG") {
            return Err(p.expected("TAG"));
        }
        p.sp()?;
        result.tag = Some(p.astring()?);
        p.expect(b')', "')'")?;
        if p.at_end_lenient() {
            return Ok(result);
        }
        p.sp()?;
    }
    if p.keyword(b"UID") {
        result.uid = true;
        if p.at_end_lenient() {
            return Ok(result);
        }
        p.sp()?;
    }
    loop {
        let name = p.atom()?;
        p.sp()?;
        result.items.push(esearch_item(p, name)?);
        if p.at_end_lenient() {
            return Ok(result);
        }
        p.sp()?;
    }
}

fn esearch_item<'a>(p: &mut Parser<'a>, name: &'a [u8]) -> PResult<EsearchItem<'a>> {
    let start = p.pos;
    let is = |k: &[u8]| name.eq_ignore_ascii_case(k);
    let parsed = if is(b"MIN") {
        p.nz_number().map(EsearchItem::Min)
    } else if is(b"MAX") {
        p.nz_number().map(EsearchItem::Max)
    } else if is(b"COUNT") {
        p.number().map(EsearchItem::Count)
    } else if is(b"ALL") {
        p.sequence_set().map(EsearchItem::All)
    } else if is(b"MODSEQ") {
        p.number64().map(EsearchItem::ModSeq)
    } else {
        Err(p.expected("known ESEARCH item"))
    };
    match parsed {
        Ok(item) if matches!(p.peek(), Some(b' ' | b'\r' | b'\n')) => Ok(item),
        _ => {
            p.pos = start;
            let value = p.raw_value()?;
            Ok(EsearchItem::Other { name: Bytes::borrowed(name), value: Bytes::borrowed(value) })
        }
    }
}

/// `*thread-list` after THREAD.
pub(crate) fn thread(p: &mut Parser<'_>) -> PResult<Vec<Thread>> {
    let mut threads = Vec::new();
    p.spaces();
    while p.peek() == Some(b'(') {
        threads.push(thread_node(p)?);
        p.spaces();
    }
    Ok(threads)
}

/// `"(" members... children... ")"`.
fn thread_node(p: &mut Parser<'_>) -> PResult<Thread> {
    p.expect(b'(', "'('")?;
    p.enter()?;
    let mut node = Thread::default();
    loop {
        p.spaces();
        match p.peek() {
            Some(b')') => {
                p.pos += 1;
                break;
            }
            Some(b'(') => node.children.push(thread_node(p)?),
            Some(b) if b.is_ascii_digit() && node.children.is_empty() => node.members.push(p.nz_number()?),
            _ => return Err(p.expected("thread member or ')'")),
        }
    }
    p.leave();
    Ok(node)
}
