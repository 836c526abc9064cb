//! FETCH (with its item builder and body section strings) and STORE.

use std::ffi::c_char;

use super::{boxed, flags, message_set, opt_u64, strings, take, NULL};
use crate::ffi::{c_bytes, guard};
use crate::types::{Bytes, Command, Fetch, FetchAttr, FetchItems, Section, SectionText, Store, StoreAction, StoreData};

use super::imap_command;

/// A FETCH data item without arguments: one of `IMAP_FETCH_ATTR_*`.
pub type imap_fetch_attr = u32;
/// `ENVELOPE`
pub const IMAP_FETCH_ATTR_ENVELOPE: imap_fetch_attr = 0;
/// `FLAGS`
pub const IMAP_FETCH_ATTR_FLAGS: imap_fetch_attr = 1;
/// `INTERNALDATE`
pub const IMAP_FETCH_ATTR_INTERNAL_DATE: imap_fetch_attr = 2;
/// `RFC822` (IMAP4rev1)
pub const IMAP_FETCH_ATTR_RFC822: imap_fetch_attr = 3;
/// `RFC822.HEADER` (IMAP4rev1)
pub const IMAP_FETCH_ATTR_RFC822_HEADER: imap_fetch_attr = 4;
/// `RFC822.TEXT` (IMAP4rev1)
pub const IMAP_FETCH_ATTR_RFC822_TEXT: imap_fetch_attr = 5;
/// `RFC822.SIZE`
pub const IMAP_FETCH_ATTR_RFC822_SIZE: imap_fetch_attr = 6;
/// `BODY` (the structure, not a section)
pub const IMAP_FETCH_ATTR_BODY: imap_fetch_attr = 7;
/// `BODYSTRUCTURE`
pub const IMAP_FETCH_ATTR_BODYSTRUCTURE: imap_fetch_attr = 8;
/// `UID`
pub const IMAP_FETCH_ATTR_UID: imap_fetch_attr = 9;
/// `MODSEQ` (RFC 7162)
pub const IMAP_FETCH_ATTR_MODSEQ: imap_fetch_attr = 10;
/// `X-GM-MSGID`
pub const IMAP_FETCH_ATTR_GM_MSGID: imap_fetch_attr = 11;
/// `X-GM-THRID`
pub const IMAP_FETCH_ATTR_GM_THRID: imap_fetch_attr = 12;
/// `X-GM-LABELS`
pub const IMAP_FETCH_ATTR_GM_LABELS: imap_fetch_attr = 13;
/// `EMAILID` (RFC 8474)
pub const IMAP_FETCH_ATTR_EMAIL_ID: imap_fetch_attr = 14;
/// `THREADID` (RFC 8474)
pub const IMAP_FETCH_ATTR_THREAD_ID: imap_fetch_attr = 15;
/// `SAVEDATE` (RFC 8514)
pub const IMAP_FETCH_ATTR_SAVE_DATE: imap_fetch_attr = 16;
/// `PREVIEW` (RFC 8970)
pub const IMAP_FETCH_ATTR_PREVIEW: imap_fetch_attr = 17;
/// `PREVIEW (LAZY)` (RFC 8970)
pub const IMAP_FETCH_ATTR_PREVIEW_LAZY: imap_fetch_attr = 18;

/// A FETCH macro: one of `IMAP_FETCH_MACRO_*`.
pub type imap_fetch_macro = u32;
/// `ALL`: `(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)`
pub const IMAP_FETCH_MACRO_ALL: imap_fetch_macro = 0;
/// `FAST`: `(FLAGS INTERNALDATE RFC822.SIZE)`
pub const IMAP_FETCH_MACRO_FAST: imap_fetch_macro = 1;
/// `FULL`: `(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY)`
pub const IMAP_FETCH_MACRO_FULL: imap_fetch_macro = 2;

fn simple_attr(attr: imap_fetch_attr) -> Option<FetchAttr<'static>> {
    Some(match attr {
        IMAP_FETCH_ATTR_ENVELOPE => FetchAttr::Envelope,
        IMAP_FETCH_ATTR_FLAGS => FetchAttr::Flags,
        IMAP_FETCH_ATTR_INTERNAL_DATE => FetchAttr::InternalDate,
        IMAP_FETCH_ATTR_RFC822 => FetchAttr::Rfc822,
        IMAP_FETCH_ATTR_RFC822_HEADER => FetchAttr::Rfc822Header,
        IMAP_FETCH_ATTR_RFC822_TEXT => FetchAttr::Rfc822Text,
        IMAP_FETCH_ATTR_RFC822_SIZE => FetchAttr::Rfc822Size,
        IMAP_FETCH_ATTR_BODY => FetchAttr::Body,
        IMAP_FETCH_ATTR_BODYSTRUCTURE => FetchAttr::BodyStructure,
        IMAP_FETCH_ATTR_UID => FetchAttr::Uid,
        IMAP_FETCH_ATTR_MODSEQ => FetchAttr::ModSeq,
        IMAP_FETCH_ATTR_GM_MSGID => FetchAttr::GmMsgId,
        IMAP_FETCH_ATTR_GM_THRID => FetchAttr::GmThrId,
        IMAP_FETCH_ATTR_GM_LABELS => FetchAttr::GmLabels,
        IMAP_FETCH_ATTR_EMAIL_ID => FetchAttr::EmailId,
        IMAP_FETCH_ATTR_THREAD_ID => FetchAttr::ThreadId,
        IMAP_FETCH_ATTR_SAVE_DATE => FetchAttr::SaveDate,
        IMAP_FETCH_ATTR_PREVIEW => FetchAttr::Preview { lazy: false },
        IMAP_FETCH_ATTR_PREVIEW_LAZY => FetchAttr::Preview { lazy: true },
        _ => return None,
    })
}

/// Whether `s` starts with `prefix`, ignoring ASCII case; the rest if so.
fn strip_prefix_ci<'s>(s: &'s [u8], prefix: &[u8]) -> Option<&'s [u8]> {
    (s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)).then(|| &s[prefix.len()..])
}

/// A decimal number (part numbers; 0 is kept for the encoder to reject).
fn number(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(s).ok()?.parse().ok()
}

/// The header field names of `HEADER.FIELDS (...)`: `(` names `)`, each
/// an atom (any bytes but space, parentheses and `"`) or a quoted string
/// (`\"` and `\\` escaped), separated by spaces.
fn header_names(s: &[u8]) -> Option<Vec<Bytes<'static>>> {
    let inner = s.strip_prefix(b"(")?.strip_suffix(b")")?;
    let mut names = Vec::new();
    let mut i = 0;
    loop {
        while inner.get(i) == Some(&b' ') {
            i += 1;
        }
        if i == inner.len() {
            return Some(names);
        }
        let mut name = Vec::new();
        if inner[i] == b'"' {
            i += 1;
            loop {
                match *inner.get(i)? {
                    b'"' => break,
                    b'\\' => {
                        let c = *inner.get(i + 1)?;
                        if c != b'"' && c != b'\\' {
                            return None;
                        }
                        name.push(c);
                        i += 2;
                    }
                    c => {
                        name.push(c);
                        i += 1;
                    }
                }
            }
            i += 1;
        } else {
            while let Some(&c) = inner.get(i).filter(|c| !matches!(c, b' ' | b'(' | b')' | b'"')) {
                name.push(c);
                i += 1;
            }
        }
        if i < inner.len() && inner[i] != b' ' {
            return None;
        }
        names.push(Bytes::owned(name));
    }
}

/// A body section as written between the brackets of `BODY[...]`: `""`,
/// part numbers such as `"1.2"`, then optionally (after a `.` when there
/// are part numbers) `HEADER`, `TEXT`, `MIME`, `HEADER.FIELDS (names)` or
/// `HEADER.FIELDS.NOT (names)`, in any case. Grammar rules that the
/// encoder checks (part 0, MIME without a part, no names) are kept for it
/// to report.
pub(crate) fn parse_section(s: &[u8]) -> Option<Section<'static>> {
    let mut part = Vec::new();
    let mut rest = s;
    if rest.is_empty() {
        return Some(Section::default());
    }
    loop {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            break;
        }
        part.push(number(&rest[..digits])?);
        rest = &rest[digits..];
        match rest.split_first() {
            None => return Some(Section { part: part.into(), text: None }),
            Some((b'.', r)) if !r.is_empty() => rest = r,
            _ => return None,
        }
    }
    let text = if rest.eq_ignore_ascii_case(b"HEADER") {
        SectionText::Header
    } else if rest.eq_ignore_ascii_case(b"TEXT") {
        SectionText::Text
    } else if rest.eq_ignore_ascii_case(b"MIME") {
        SectionText::Mime
    } else if let Some(r) = strip_prefix_ci(rest, b"HEADER.FIELDS.NOT ") {
        SectionText::HeaderFieldsNot(header_names(r)?.into())
    } else if let Some(r) = strip_prefix_ci(rest, b"HEADER.FIELDS ") {
        SectionText::HeaderFields(header_names(r)?.into())
    } else {
        return None;
    };
    Some(Section { part: part.into(), text: Some(text) })
}

/// A BINARY part path: `""` or part numbers such as `"1.2"`.
pub(crate) fn parse_part(s: &[u8]) -> Option<Vec<u32>> {
    if s.is_empty() {
        return Some(vec![]);
    }
    s.split(|&b| b == b'.').map(number).collect()
}

/// The items of a FETCH command: a macro, or a list of items sent in the
/// order they are added. Free with `imap_fetch_items_free` unless given to
/// `imap_cmd_fetch`.
pub struct imap_fetch_items {
    items: FetchItems<'static>,
    failed: bool,
}

/// Runs an add on `items`, recording a failure.
unsafe fn add(items: *mut imap_fetch_items, attr: impl FnOnce() -> Option<FetchAttr<'static>>) -> bool {
    guard(false, || {
        let Some(it) = items.as_mut() else { return false };
        let ok = match (&mut it.items, attr()) {
            (FetchItems::Items(v), Some(a)) => {
                v.push(a);
                true
            }
            _ => false,
        };
        it.failed |= !ok;
        ok
    })
}

/// A new, empty list of FETCH items.
#[no_mangle]
pub extern "C" fn imap_fetch_items_new() -> *mut imap_fetch_items {
    guard(std::ptr::null_mut(), || {
        Box::into_raw(Box::new(imap_fetch_items { items: FetchItems::Items(vec![]), failed: false }))
    })
}

/// The FETCH macro `m` (an `imap_fetch_macro`); nothing can be added to
/// it. NULL if `m` is unknown.
#[no_mangle]
pub extern "C" fn imap_fetch_items_macro(m: imap_fetch_macro) -> *mut imap_fetch_items {
    guard(std::ptr::null_mut(), || {
        let items = match m {
            IMAP_FETCH_MACRO_ALL => FetchItems::All,
            IMAP_FETCH_MACRO_FAST => FetchItems::Fast,
            IMAP_FETCH_MACRO_FULL => FetchItems::Full,
            _ => return std::ptr::null_mut(),
        };
        Box::into_raw(Box::new(imap_fetch_items { items, failed: false }))
    })
}

/// Adds the item `attr` (an `imap_fetch_attr`). False if `items` is NULL
/// or a macro, or `attr` unknown.
///
/// # Safety
/// `items` is NULL or FETCH items not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_fetch_items_add(items: *mut imap_fetch_items, attr: imap_fetch_attr) -> bool {
    add(items, || simple_attr(attr))
}

/// Adds one item written as in a command, parsed by the core
/// (`FetchAttr::parse`): `"UID"`, `"RFC822.SIZE"`, `"PREVIEW (LAZY)"`,
/// `"BODY.PEEK[HEADER.FIELDS (From To)]<0.2048>"`, `"BINARY[1.2]"`,
/// `"BINARY.SIZE[2]"`... (names in any case; no surrounding spaces).
/// False if an argument is NULL, `items` is a macro, or `item` is not a
/// FETCH item.
///
/// # Safety
/// `items` is NULL or FETCH items not yet freed nor given away; `item` is
/// NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_fetch_items_add_text(items: *mut imap_fetch_items, item: *const c_char) -> bool {
    add(items, || FetchAttr::parse(c_bytes(item)?).ok())
}

/// Adds `BODY[section]`, or `BODY.PEEK[section]` when `peek` is true (it
/// does not set `\Seen`). `section` is what goes between the brackets:
/// `""` (the whole message), `"1.2"`, `"HEADER"`, `"TEXT"`, `"1.MIME"`,
/// `"HEADER.FIELDS (From To)"`, `"2.HEADER.FIELDS.NOT (\"X Y\")"`...
/// (names are atoms or quoted strings). False if an argument is NULL or
/// `section` malformed.
///
/// # Safety
/// `items` is NULL or FETCH items not yet freed nor given away; `section`
/// is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_fetch_items_add_body(
    items: *mut imap_fetch_items,
    section: *const c_char,
    peek: bool,
) -> bool {
    add(items, || Some(FetchAttr::BodySection { peek, section: parse_section(c_bytes(section)?)?, partial: None }))
}

/// Adds `BODY[section]<offset.length>` (or `BODY.PEEK`), as
/// `imap_fetch_items_add_body` with a partial range. A `length` of 0 is
/// accepted here but the command then fails to encode (`imap_run` gives
/// IMAP_ERROR_ENCODE), since the grammar needs a non-zero length.
///
/// # Safety
/// As for `imap_fetch_items_add_body`.
#[no_mangle]
pub unsafe extern "C" fn imap_fetch_items_add_body_partial(
    items: *mut imap_fetch_items,
    section: *const c_char,
    peek: bool,
    offset: u32,
    length: u32,
) -> bool {
    add(items, || {
        Some(FetchAttr::BodySection {
            peek,
            section: parse_section(c_bytes(section)?)?,
            partial: Some((offset, length)),
        })
    })
}

/// Adds `BINARY[part]`, or `BINARY.PEEK[part]` when `peek` is true
/// (RFC 3516); `part` is `""` (the whole message) or part numbers such as
/// `"1.2"`. False if an argument is NULL or `part` malformed.
///
/// # Safety
/// `items` is NULL or FETCH items not yet freed nor given away; `part` is
/// NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_fetch_items_add_binary(
    items: *mut imap_fetch_items,
    part: *const c_char,
    peek: bool,
) -> bool {
    add(items, || Some(FetchAttr::Binary { peek, part: parse_part(c_bytes(part)?)?, partial: None }))
}

/// Adds `BINARY[part]<offset.length>` (or `BINARY.PEEK`), as
/// `imap_fetch_items_add_binary` with a partial range; `length` must not
/// be 0.
///
/// # Safety
/// As for `imap_fetch_items_add_binary`.
#[no_mangle]
pub unsafe extern "C" fn imap_fetch_items_add_binary_partial(
    items: *mut imap_fetch_items,
    part: *const c_char,
    peek: bool,
    offset: u32,
    length: u32,
) -> bool {
    add(items, || Some(FetchAttr::Binary { peek, part: parse_part(c_bytes(part)?)?, partial: Some((offset, length)) }))
}

/// Adds `BINARY.SIZE[part]` (RFC 3516); `part` as for
/// `imap_fetch_items_add_binary`.
///
/// # Safety
/// As for `imap_fetch_items_add_binary`.
#[no_mangle]
pub unsafe extern "C" fn imap_fetch_items_add_binary_size(items: *mut imap_fetch_items, part: *const c_char) -> bool {
    add(items, || Some(FetchAttr::BinarySize { part: parse_part(c_bytes(part)?)? }))
}

/// Frees FETCH items (NULL does nothing).
///
/// # Safety
/// `items` is NULL or FETCH items not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_fetch_items_free(items: *mut imap_fetch_items) {
    guard((), || drop(take(items)));
}

/// `[UID] FETCH set items [(CHANGEDSINCE n [VANISHED])]`: `set` as in
/// `"1:*"` or `"$"`; one item is sent bare, several in parentheses;
/// `changed_since` (RFC 7162) is NULL for none; `vanished` needs it and
/// `uid`. The command takes `items` over; do not free it.
///
/// # Safety
/// `set` is NULL or a NUL-terminated string; `items` is NULL or FETCH
/// items not yet freed nor given away; `changed_since` is NULL or points
/// to a number.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_fetch(
    uid: bool,
    set: *const c_char,
    items: *mut imap_fetch_items,
    changed_since: *const u64,
    vanished: bool,
) -> *mut imap_command {
    guard(NULL, || {
        let items = take(items);
        match (message_set(set), items) {
            (Some(set), Some(it)) if !it.failed => boxed(Command::Fetch(Fetch {
                uid,
                set,
                items: it.items,
                changed_since: opt_u64(changed_since),
                vanished,
            })),
            _ => NULL,
        }
    })
}

/// How STORE changes the flags or labels: one of `IMAP_STORE_MODE_*`.
pub type imap_store_mode = u32;
/// Replace: `FLAGS`.
pub const IMAP_STORE_MODE_SET: imap_store_mode = 0;
/// Add: `+FLAGS`.
pub const IMAP_STORE_MODE_ADD: imap_store_mode = 1;
/// Remove: `-FLAGS`.
pub const IMAP_STORE_MODE_REMOVE: imap_store_mode = 2;

/// A STORE command; None if an argument is invalid.
unsafe fn store(
    uid: bool,
    set: *const c_char,
    mode: imap_store_mode,
    silent: bool,
    data: Option<StoreData<'static>>,
    unchanged_since: *const u64,
) -> Option<Command<'static>> {
    let action = match mode {
        IMAP_STORE_MODE_SET => StoreAction::Set,
        IMAP_STORE_MODE_ADD => StoreAction::Add,
        IMAP_STORE_MODE_REMOVE => StoreAction::Remove,
        _ => return None,
    };
    let store =
        Store { uid, set: message_set(set)?, unchanged_since: opt_u64(unchanged_since), action, silent, data: data? };
    Some(Command::Store(store))
}

/// `[UID] STORE set [(UNCHANGEDSINCE n)] [+|-]FLAGS[.SILENT] (flag ...)`:
/// `set` as in `"2:4"` or `"$"`, `mode` an `imap_store_mode`, `nflags`
/// flags (strings such as `"\\Deleted"`; the list may be empty);
/// `unchanged_since` (RFC 7162) is NULL for none.
///
/// # Safety
/// `set` is NULL or a NUL-terminated string; `flags` is NULL or points to
/// `nflags` pointers, each NULL or a NUL-terminated string;
/// `unchanged_since` is NULL or points to a number.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_store(
    uid: bool,
    set: *const c_char,
    mode: imap_store_mode,
    silent: bool,
    flags: *const *const c_char,
    nflags: usize,
    unchanged_since: *const u64,
) -> *mut imap_command {
    guard(NULL, || {
        let data = self::flags(flags, nflags).map(StoreData::Flags);
        store(uid, set, mode, silent, data, unchanged_since).map_or(NULL, boxed)
    })
}

/// `[UID] STORE set [(UNCHANGEDSINCE n)] [+|-]X-GM-LABELS[.SILENT] (label ...)`
/// (Gmail): as `imap_cmd_store` with `nlabels` labels as text (`"\\Inbox"`
/// and other system labels, or names).
///
/// # Safety
/// As for `imap_cmd_store`, with `labels` for `flags`.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_store_labels(
    uid: bool,
    set: *const c_char,
    mode: imap_store_mode,
    silent: bool,
    labels: *const *const c_char,
    nlabels: usize,
    unchanged_since: *const u64,
) -> *mut imap_command {
    guard(NULL, || {
        let data = strings(labels, nlabels).map(StoreData::Labels);
        store(uid, set, mode, silent, data, unchanged_since).map_or(NULL, boxed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Bytes;

    #[test]
    fn sections() {
        use crate::types::SectionText;
        let b = |s: &str| Bytes::owned(s.as_bytes().to_vec());
        let ok = |s: &str, part: Vec<u32>, text: Option<SectionText<'static>>| {
            assert_eq!(parse_section(s.as_bytes()), Some(Section { part: part.into(), text }), "{s:?}");
        };
        ok("", vec![], None);
        ok("1", vec![1], None);
        ok("1.2.3", vec![1, 2, 3], None);
        ok("0", vec![0], None);
        ok("header", vec![], Some(SectionText::Header));
        ok("3.TEXT", vec![3], Some(SectionText::Text));
        ok("MIME", vec![], Some(SectionText::Mime));
        ok("1.2.MIME", vec![1, 2], Some(SectionText::Mime));
        ok("HEADER.FIELDS (From To)", vec![], Some(SectionText::HeaderFields(vec![b("From"), b("To")].into())));
        ok("HEADER.FIELDS ()", vec![], Some(SectionText::HeaderFields(vec![].into())));
        ok("HEADER.FIELDS ( a   b )", vec![], Some(SectionText::HeaderFields(vec![b("a"), b("b")].into())));
        ok(
            "4.HEADER.FIELDS.NOT (\"X Y\" \"\" \"a\\\"\\\\\" ä)",
            vec![4],
            Some(SectionText::HeaderFieldsNot(vec![b("X Y"), b(""), b("a\"\\"), b("ä")].into())),
        );
        ok("HEADER.FIELDS (\"a)\")", vec![], Some(SectionText::HeaderFields(vec![b("a)")].into())));
        for bad in [
            "1.",
            ".1",
            "1..2",
            "1.2.",
            "FOO",
            "HEADERS",
            "1.HEADER.",
            "[1]",
            "HEADER.FIELDS",
            "HEADER.FIELDS From",
            "HEADER.FIELDS (From",
            "HEADER.FIELDS (\"From)",
            "HEADER.FIELDS (a\"b\")",
            "HEADER.FIELDS (\"a\"b)",
            "HEADER.FIELDS (\"\\n\")",
            "HEADER.FIELDS (a (b))",
            "HEADER.FIELDS (a) ",
            " 1",
            "99999999999",
        ] {
            assert_eq!(parse_section(bad.as_bytes()), None, "{bad:?}");
        }
        assert_eq!(parse_part(b""), Some(vec![]));
        assert_eq!(parse_part(b"1.0.2"), Some(vec![1, 0, 2]));
        for bad in ["1.", ".", "a", "1..2", "1 2", "4294967296"] {
            assert_eq!(parse_part(bad.as_bytes()), None, "{bad:?}");
        }
    }
}
