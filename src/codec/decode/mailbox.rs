//! Mailbox data: LIST/LSUB/XLIST, STATUS, NAMESPACE, ID, QUOTA, ACL and
//! METADATA responses.

use memchr::memmem;

use super::parser::{finish, ArenaVec, PResult, Parser};

use crate::types::{
    Bytes, ListExtendedItem, ListMailbox, MailboxAttr, MetadataEntries, NamespaceDesc, QuotaResource,
    StatusAttr, StatusItem, Untagged,
};

/// A mailbox name: an astring, or (leniently) a run of bytes without space
/// or parenthesis, which some servers send with TAB, control characters or
/// `"` in it.
fn mailbox<'a>(p: &mut Parser<'a>) -> PResult<Bytes<'a>> {
    match p.peek() {
        Some(b'"' | b'{') => p.string(),
        Some(b'~') if p.peek2() == Some(b'{') => p.string(),
        _ => {
            let name = p.take_while(|b| !matches!(b, b' ' | b'(' | b')' | b'\r' | b'\n'));
            if name.is_empty() {
                Err(p.expected("mailbox"))
            } else {
                Ok(Bytes::borrowed(name))
            }
        }
    }
}

/// A hierarchy delimiter: a one-character quoted string, or NIL.
fn delimiter(p: &mut Parser<'_>) -> PResult<Option<u8>> {
    if p.nil() {
        return Ok(None);
    }
    let d = p.quoted()?;
    match d.as_bytes() {
        [c] => Ok(Some(*c)),
        _ => Err(p.expected("one-character delimiter")),
    }
}

/// `SP "(" attrs ")" SP delim SP mailbox [SP extended]` after LIST/LSUB/XLIST.
pub(crate) fn list<'a>(p: &mut Parser<'a>) -> PResult<ListMailbox<'a>> {
    p.sp()?;
    let attributes = p.unit_list(
        |p| {
            p.expect(b'\\', "'\\'")?;
            let name = p.atom()?;
            Ok(MailboxAttr::from_name(name))
        },
        |p| Ok(MailboxAttr::Unparsed(Bytes::borrowed(p.skip_unit(b')')))),
    )?;
    p.sp()?;
    let delimiter = delimiter(p)?;
    p.sp()?;
    let name = mailbox(p)?;
    let mut extended = &[][..];
    if p.peek() == Some(b' ') && !p.at_end_lenient() {
        p.sp()?;
        extended = p.unit_list(list_extended_item, |p| {
            let (tag, value) = p.skip_pair(b')');
            Ok(ListExtendedItem::Other { tag, value })
        })?;
    }
    Ok(ListMailbox { attributes, delimiter, name, extended })
}

/// A LIST-EXTENDED item; a known one that does not parse is an error, and
/// the caller keeps it raw.
fn list_extended_item<'a>(p: &mut Parser<'a>) -> PResult<ListExtendedItem<'a>> {
    let tag = p.astring()?;
    p.sp()?;
    if tag.eq_ignore_ascii_case(b"CHILDINFO") {
        return Ok(ListExtendedItem::ChildInfo(p.paren_list(|p| p.astring())?));
    }
    if tag.eq_ignore_ascii_case(b"OLDNAME") {
        if let [name] = p.paren_list(mailbox)? {
            return Ok(ListExtendedItem::OldName(name.clone()));
        }
        return Err(p.expected("one old name"));
    }
    Ok(ListExtendedItem::Other { tag, value: Bytes::borrowed(p.skip_unit(b')')) })
}

/// `SP mailbox SP "(" items ")"` after STATUS. An unquoted name with spaces
/// (sent by some servers) runs up to the last ` (` of the line.
pub(crate) fn status<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    p.sp()?;
    let start = p.pos;
    let mut name = mailbox(p)?;
    if !matches!(p.buf[start], b'"' | b'{') && !p.buf[p.pos..].starts_with(b" (") {
        let line = &p.buf[start..p.eol_pos()];
        let last = memmem::rfind(line, b" (").ok_or_else(|| p.expected("' ('"))?;
        name = Bytes::borrowed(&line[..last]);
        p.pos = start + last;
    }
    p.sp()?;
    let items = p.unit_list(status_item, |p| {
        let (name, value) = p.skip_pair(b')');
        Ok(StatusItem::Other { name, value })
    })?;
    Ok(Untagged::Status { mailbox: name, items })
}

fn status_item<'a>(p: &mut Parser<'a>) -> PResult<StatusItem<'a>> {
    let name = p.atom()?;
    p.sp()?;
    let Some(item) = StatusAttr::from_name(name) else { return Err(p.expected("known STATUS item")) };
    Ok(match item {
            StatusAttr::Messages => StatusItem::Messages(p.number()?),
            StatusAttr::Recent => StatusItem::Recent(p.number()?),
            StatusAttr::UidNext => StatusItem::UidNext(p.number()?),
            StatusAttr::UidValidity => StatusItem::UidValidity(p.number()?),
            StatusAttr::Unseen => StatusItem::Unseen(p.number()?),
            StatusAttr::Deleted => StatusItem::Deleted(p.number()?),
            StatusAttr::Size => StatusItem::Size(p.number64()?),
            StatusAttr::HighestModSeq => StatusItem::HighestModSeq(p.number64()?),
            StatusAttr::DeletedStorage => StatusItem::DeletedStorage(p.number64()?),
            StatusAttr::AppendLimit => StatusItem::AppendLimit(if p.nil() { None } else { Some(p.number64()?) }),
            StatusAttr::MailboxId => {
                p.expect(b'(', "'('")?;
                let id = p.atom()?;
                p.expect(b')', "')'")?;
                StatusItem::MailboxId(Bytes::borrowed(id))
            }
    })
}

/// `SP namespace SP namespace SP namespace` after NAMESPACE.
pub(crate) fn namespace<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    p.sp()?;
    let personal = namespace_list(p)?;
    p.sp()?;
    let other = namespace_list(p)?;
    p.sp()?;
    let shared = namespace_list(p)?;
    Ok(Untagged::Namespace { personal, other, shared })
}

fn namespace_list<'a>(p: &mut Parser<'a>) -> PResult<Option<&'a [NamespaceDesc<'a>]>> {
    if p.nil() {
        return Ok(None);
    }
    p.paren_list(|p| {
        p.expect(b'(', "'('")?;
        p.enter()?;
        let prefix = p.string()?;
        p.sp()?;
        let delimiter = delimiter(p)?;
        let mut extensions = p.list()?;
        while p.spaces() {
            let name = p.string()?;
            p.sp()?;
            let values = p.paren_list(|p| p.string())?;
            p.push(&mut extensions, (name, values))?;
        }
        p.expect(b')', "')'")?;
        p.leave();
        Ok(NamespaceDesc { prefix, delimiter, extensions: finish(extensions) })
    })
    .map(Some)
}

/// `SP (NIL / "(" *(string SP nstring) ")")` after ID.
pub(crate) fn id<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    p.sp()?;
    if p.nil() {
        return Ok(Untagged::Id(None));
    }
    Ok(Untagged::Id(Some(p.nstring_pairs(Parser::string)?)))
}

/// `SP root SP "(" *(name SP usage SP limit) ")"` after QUOTA.
pub(crate) fn quota<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    p.sp()?;
    let root = p.astring()?;
    p.sp()?;
    p.expect(b'(', "'('")?;
    let mut resources = p.list()?;
    loop {
        p.spaces();
        if p.eat(b')') {
            break;
        }
        let name = Bytes::borrowed(p.atom()?);
        p.sp()?;
        let usage = p.number64()?;
        p.sp()?;
        let limit = p.number64()?;
        p.push(&mut resources, QuotaResource { name, usage, limit })?;
    }
    Ok(Untagged::Quota { root, resources: finish(resources) })
}

/// `SP mailbox *(SP root)` after QUOTAROOT.
pub(crate) fn quota_root<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    p.sp()?;
    let mailbox = mailbox(p)?;
    let roots = trailing_astrings(p, p.list()?)?;
    Ok(Untagged::QuotaRoot { mailbox, roots })
}

/// `SP mailbox *(SP identifier SP rights)` after ACL.
pub(crate) fn acl<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    p.sp()?;
    let mailbox = mailbox(p)?;
    let mut entries = p.list()?;
    while !p.at_end_lenient() {
        p.sp()?;
        let identifier = p.astring()?;
        p.sp()?;
        let rights = p.astring()?;
        p.push(&mut entries, (identifier, rights))?;
    }
    Ok(Untagged::Acl { mailbox, entries: finish(entries) })
}

/// `SP mailbox SP identifier SP required *(SP optional)` after LISTRIGHTS.
pub(crate) fn list_rights<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    p.sp()?;
    let mailbox = mailbox(p)?;
    p.sp()?;
    let identifier = p.astring()?;
    p.sp()?;
    let required = p.astring()?;
    let optional = trailing_astrings(p, p.list()?)?;
    Ok(Untagged::ListRights { mailbox, identifier, required, optional })
}

/// `SP mailbox SP rights` after MYRIGHTS.
pub(crate) fn my_rights<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    p.sp()?;
    let mailbox = mailbox(p)?;
    p.sp()?;
    let rights = p.astring()?;
    Ok(Untagged::MyRights { mailbox, rights })
}

/// `SP mailbox SP ("(" entry SP value ... ")" / entry *(SP entry))` after METADATA.
pub(crate) fn metadata<'a>(p: &mut Parser<'a>) -> PResult<Untagged<'a>> {
    p.sp()?;
    let mailbox = mailbox(p)?;
    p.sp()?;
    let entries = if p.peek() == Some(b'(') {
        MetadataEntries::Values(p.nstring_pairs(Parser::astring)?)
    } else {
        let mut names = p.list()?;
        let name = p.astring()?;
        p.push(&mut names, name)?;
        MetadataEntries::Changed(trailing_astrings(p, names)?)
    };
    Ok(Untagged::Metadata { mailbox, entries })
}

/// `*(SP astring)` up to the end of the line, tolerating a trailing space,
/// appended to `out`.
fn trailing_astrings<'a>(p: &mut Parser<'a>, mut out: ArenaVec<'a, Bytes<'a>>) -> PResult<&'a [Bytes<'a>]> {
    while !p.at_end_lenient() {
        p.sp()?;
        let name = p.astring()?;
        p.push(&mut out, name)?;
    }
    Ok(finish(out))
}
