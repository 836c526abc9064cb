//! SEARCH, SORT, ESEARCH and THREAD responses.

use super::parser::{keywords, PResult, Parser};

keywords! {
    /// ESEARCH item names.
    enum Item {
        Min = b"MIN",
        Max = b"MAX",
        Count = b"COUNT",
        All = b"ALL",
        ModSeq = b"MODSEQ",
    }
}
use crate::types::{Bytes, Esearch, EsearchItem, Thread};

/// `*(SP nz-number) [SP "(" "MODSEQ" SP n ")"]` after SEARCH or SORT,
/// tolerating a trailing space.
pub(crate) fn id_list(p: &mut Parser<'_>) -> PResult<(Vec<u32>, Option<u64>)> {
    let mut ids = Vec::new();
    let mut modseq = None;
    fast_ids(p, &mut ids);
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

/// Consumes the common case of a list of numbers, `SP nz-number` repeated,
/// in one tight loop; stops before anything else (which the general loop
/// then parses, or reports).
fn fast_ids(p: &mut Parser<'_>, ids: &mut Vec<u32>) {
    let buf = p.buf;
    let mut i = p.pos;
    ids.reserve(buf.len().saturating_sub(i) / 8);
    while i + 1 < buf.len() && buf[i] == b' ' {
        let first = buf[i + 1].wrapping_sub(b'1');
        if first > 8 {
            break;
        }
        let mut n = u64::from(first) + 1;
        let mut j = i + 2;
        // At most 10 digits: anything longer is left to the general loop,
        // which reports the overflow.
        while j < buf.len() && j - i <= 10 {
            let d = buf[j].wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            n = n * 10 + u64::from(d);
            j += 1;
        }
        let Ok(id) = u32::try_from(n) else { break };
        if buf.get(j).is_some_and(u8::is_ascii_digit) {
            break;
        }
        ids.push(id);
        i = j;
    }
    p.pos = i;
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
    let parsed = match Item::lookup(name) {
        Some(Item::Min) => p.nz_number().map(EsearchItem::Min),
        Some(Item::Max) => p.nz_number().map(EsearchItem::Max),
        Some(Item::Count) => p.number().map(EsearchItem::Count),
        Some(Item::All) => p.sequence_set().map(EsearchItem::All),
        Some(Item::ModSeq) => p.number64().map(EsearchItem::ModSeq),
        None => Err(p.expected("known ESEARCH item")),
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
