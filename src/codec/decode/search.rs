//! SEARCH, SORT, ESEARCH and THREAD responses.

use crate::types::names::names;
use super::parser::{finish, ArenaVec, PResult, Parser};

names! {
    /// ESEARCH item names.
    enum Item {
        Min = b"MIN",
        Max = b"MAX",
        Count = b"COUNT",
        All = b"ALL",
        ModSeq = b"MODSEQ",
    }
}
use crate::types::{Esearch, EsearchItem, Thread};

/// `*(SP nz-number) [SP "(" "MODSEQ" SP n ")"]` after SEARCH or SORT,
/// tolerating a trailing space.
pub(crate) fn id_list<'a>(p: &mut Parser<'a>) -> PResult<(&'a [u32], Option<u64>)> {
    let mut ids = p.list()?;
    let mut modseq = None;
    fast_ids(p, &mut ids)?;
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
        let id = p.nz_number()?;
        p.push(&mut ids, id)?;
    }
    Ok((finish(ids), modseq))
}

/// Consumes the common case of a list of numbers, `SP nz-number` repeated,
/// in one tight loop; stops before anything else (which the general loop
/// then parses, or reports).
fn fast_ids<'a>(p: &mut Parser<'a>, ids: &mut ArenaVec<'a, u32>) -> PResult<()> {
    let buf = p.buf;
    let mut i = p.pos;
    // Room for one id per six bytes (five digits and a space): a list of
    // longer ids never has to grow and be copied.
    p.reserve(ids, buf.len().saturating_sub(i) / 6)?;
    // A space and the eight bytes after it: an id of up to seven digits and
    // what ends it, or the start of a longer one.
    while let Some(&[b' ', ref after @ ..]) = buf.get(i..i + 9) {
        let word = u64::from_le_bytes(after.try_into().expect("eight bytes"));
        if !(b'1'..=b'9').contains(&(word as u8)) {
            break;
        }
        let (id, len) = match digit_run(word) {
            len @ 0..=7 => (eight_digits(digit_values(word, len)) as u32, len),
            _ => match number_at(buf, i + 1) {
                Some(found) => found,
                None => break,
            },
        };
        p.push(ids, id)?;
        i += 1 + len;
    }
    p.pos = i;
    Ok(())
}

/// The `nz-number` at `at` (its first byte is a digit 1-9) and its length,
/// or `None` if it has more than 10 digits or does not fit in 32 bits (the
/// general parser then reports it). Up to 8 digits are converted at once.
#[inline]
fn number_at(buf: &[u8], at: usize) -> Option<(u32, usize)> {
    if let Some(chunk) = buf.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let len = digit_run(word);
        if len < 8 {
            return Some((eight_digits(digit_values(word, len)) as u32, len));
        }
    }
    let digits = buf[at..].iter().take(11).take_while(|b| b.is_ascii_digit()).count();
    if digits > 10 {
        return None;
    }
    let n = buf[at..at + digits].iter().fold(0u64, |n, &b| n * 10 + u64::from(b - b'0'));
    Some((u32::try_from(n).ok()?, digits))
}

/// The values of the first `len` (below 8) digits of `word`, placed as the
/// low digits of an eight-digit number: the bytes after them shifted out,
/// zeros shifted in as leading digits.
#[inline]
fn digit_values(word: u64, len: usize) -> u64 {
    (word.wrapping_sub(0x3030_3030_3030_3030) & 0x0f0f_0f0f_0f0f_0f0f) << (8 * (8 - len))
}

/// How many of the eight bytes of `word` (little-endian, first byte lowest)
/// are ASCII digits before the first one that is not.
#[inline]
fn digit_run(word: u64) -> usize {
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = word.wrapping_sub(ZEROS);
    // A byte is a digit when it was at least '0' (no borrow into its top
    // bit) and at most '9' (adding 0x76 does not reach its top bit).
    let not_digit = (x | x.wrapping_add(0x7676_7676_7676_7676) | word) & HIGH;
    (not_digit.trailing_zeros() / 8) as usize
}

/// The number whose eight decimal digit values are the bytes of `v`, the
/// most significant in the lowest byte.
#[inline]
fn eight_digits(mut v: u64) -> u64 {
    v = (v.wrapping_mul(10) + (v >> 8)) & 0x00ff_00ff_00ff_00ff;
    v = (v.wrapping_mul(100) + (v >> 16)) & 0x0000_ffff_0000_ffff;
    (v.wrapping_mul(10000) + (v >> 32)) & 0xffff_ffff
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
        let item = p.unit(b'\n', esearch_item, |p| {
            let (name, value) = p.skip_pair(b'\n');
            Ok(EsearchItem::Other { name, value })
        })?;
        result.items.push(item);
        if p.at_end_lenient() {
            return Ok(result);
        }
        p.sp()?;
    }
}

/// A known return item; anything else is an error (and kept raw by the
/// caller).
fn esearch_item<'a>(p: &mut Parser<'a>) -> PResult<EsearchItem<'a>> {
    let name = p.atom()?;
    p.sp()?;
    match Item::from_name(name) {
        Some(Item::Min) => p.nz_number().map(EsearchItem::Min),
        Some(Item::Max) => p.nz_number().map(EsearchItem::Max),
        Some(Item::Count) => p.number().map(EsearchItem::Count),
        Some(Item::All) => p.sequence_set().map(EsearchItem::All),
        Some(Item::ModSeq) => p.number64().map(EsearchItem::ModSeq),
        None => Err(p.expected("known ESEARCH item")),
    }
}

/// `*thread-list` after THREAD.
pub(crate) fn thread<'a>(p: &mut Parser<'a>) -> PResult<&'a [Thread<'a>]> {
    let mut threads = p.list()?;
    p.spaces();
    while p.peek() == Some(b'(') {
        let node = thread_node(p)?;
        p.push(&mut threads, node)?;
        p.spaces();
    }
    Ok(finish(threads))
}

/// `"(" members... children... ")"`.
fn thread_node<'a>(p: &mut Parser<'a>) -> PResult<Thread<'a>> {
    p.expect(b'(', "'('")?;
    p.enter()?;
    let (mut members, mut children) = (p.list()?, p.list()?);
    loop {
        p.spaces();
        match p.peek() {
            Some(b')') => {
                p.pos += 1;
                break;
            }
            Some(b'(') => {
                let node = thread_node(p)?;
                p.push(&mut children, node)?;
            }
            Some(b) if b.is_ascii_digit() && children.is_empty() => {
                let member = p.nz_number()?;
                p.push(&mut members, member)?;
            }
            _ => return Err(p.expected("thread member or ')'")),
        }
    }
    p.leave();
    // Children first: an empty list gives its room back only while it is
    // the arena's last allocation.
    let children = finish(children);
    Ok(Thread { members: finish(members), children })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_at_a_time_numbers_match_the_digits() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 10_000_000_000).max(1);
            let text = format!("{n} 7");
            let got = number_at(text.as_bytes(), 0);
            let digits = n.to_string().len();
            let want = u32::try_from(n).ok().map(|v| (v, digits));
            assert_eq!(got, want, "{text:?}");
        }
        assert_eq!(number_at(b"42", 0), Some((42, 2)));
        assert_eq!(number_at(b"12345678)", 0), Some((12_345_678, 8)));
        assert_eq!(number_at(b"4294967295 ", 0), Some((u32::MAX, 10)));
        assert_eq!(number_at(b"4294967296 ", 0), None);
        assert_eq!(number_at(b"12345678901 ", 0), None);
    }

    #[test]
    fn id_lists_of_every_number_length_decode_exactly() {
        let arena = bumpalo::Bump::new();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut want = Vec::new();
        let mut line = b"* SEARCH".to_vec();
        for k in 0..20_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = 1 + k % 10;
            let n = (x % 10u64.pow(digits as u32)).max(1);
            let Ok(n) = u32::try_from(n) else { continue };
            want.push(n);
            line.extend_from_slice(format!(" {n}").as_bytes());
        }
        line.extend_from_slice(b" (MODSEQ 7)\r\n");
        let mut p = Parser::new(&line, &arena, 100, usize::MAX);
        p.pos = b"* SEARCH".len();
        let (ids, modseq) = id_list(&mut p).expect("a valid list");
        assert_eq!(ids, &want[..]);
        assert_eq!(modseq, Some(7));

        for bad in [&b"* SEARCH 12 4294967296 13 14 15 16\r\n"[..], b"* SEARCH 12 0 13 14 15 16 17\r\n"] {
            let mut p = Parser::new(bad, &arena, 100, usize::MAX);
            p.pos = b"* SEARCH".len();
            assert!(id_list(&mut p).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
