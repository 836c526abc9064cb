//! Response codes (`resp-text-code`), with a raw fallback.

use memchr::memchr;

use super::parser::{PResult, Parser};

use crate::types::{Bytes, Code, CodeName as Name};

/// Parses a code after its `[`, through its `]`. A code whose arguments do
/// not parse becomes [`Code::Other`] with its raw text; the caller has made
/// sure a `]` follows on this line.
pub(crate) fn code<'a>(p: &mut Parser<'a>) -> PResult<Code<'a>> {
    let start = p.pos;
    let name = p.take_while(|b| b != b' ' && b != b']' && b != b'\r' && b != b'\n');
    let parsed = known(p, name).and_then(|c| {
        p.expect(b']', "']'")?;
        Ok(c)
    });
    match parsed {
        Ok(Some(c)) => Ok(c),
        Ok(None) | Err(_) => {
            p.pos = start + name.len();
            let text = if p.eat(b' ') {
                let close = memchr(b']', &p.buf[p.pos..]).ok_or_else(|| p.expected("']'"))?;
                let t = &p.buf[p.pos..p.pos + close];
                p.pos += close;
                Some(Bytes::borrowed(t))
            } else {
                None
            };
            p.expect(b']', "']'")?;
            Ok(Code::Other { name: Bytes::borrowed(name), text })
        }
    }
}

/// The code named `name` with its arguments, `None` if the name is unknown.
fn known<'a>(p: &mut Parser<'a>, name: &'a [u8]) -> PResult<Option<Code<'a>>> {
    let start = p.pos - name.len();
    let name = match Name::from_name(name) {
        Some(name) => name,
        None if name.eq_ignore_ascii_case(b"METADATA") => {
            // The METADATA codes are named by two words, as in the table.
            p.sp()?;
            p.atom()?;
            let Some(name) = Name::from_name(&p.buf[start..p.pos]) else { return Ok(None) };
            name
        }
        None => return Ok(None),
    };
    Ok(Some(match name {
        Name::Alert => Code::Alert,
        Name::Parse => Code::Parse,
        Name::ReadOnly => Code::ReadOnly,
        Name::ReadWrite => Code::ReadWrite,
        Name::TryCreate => Code::TryCreate,
        Name::UidNotSticky => Code::UidNotSticky,
        Name::NoModSeq => Code::NoModSeq,
        Name::Closed => Code::Closed,
        Name::CompressionActive => Code::CompressionActive,
        Name::UseAttr => Code::UseAttr,
        Name::Unavailable => Code::Unavailable,
        Name::AuthenticationFailed => Code::AuthenticationFailed,
        Name::AuthorizationFailed => Code::AuthorizationFailed,
        Name::Expired => Code::Expired,
        Name::PrivacyRequired => Code::PrivacyRequired,
        Name::ContactAdmin => Code::ContactAdmin,
        Name::NoPerm => Code::NoPerm,
        Name::InUse => Code::InUse,
        Name::ExpungeIssued => Code::ExpungeIssued,
        Name::Corruption => Code::Corruption,
        Name::ServerBug => Code::ServerBug,
        Name::ClientBug => Code::ClientBug,
        Name::Cannot => Code::Cannot,
        Name::Limit => Code::Limit,
        Name::OverQuota => Code::OverQuota,
        Name::AlreadyExists => Code::AlreadyExists,
        Name::NonExistent => Code::NonExistent,
        Name::NotSaved => Code::NotSaved,
        Name::HasChildren => Code::HasChildren,
        Name::UnknownCte => Code::UnknownCte,
        Name::TooBig => Code::TooBig,
        Name::NotificationOverflow => Code::NotificationOverflow,
        Name::UidNext => {
            p.sp()?;
            Code::UidNext(p.number()?)
        }
        Name::UidValidity => {
            p.sp()?;
            Code::UidValidity(p.number()?)
        }
        Name::Unseen => {
            p.sp()?;
            Code::Unseen(p.number()?)
        }
        Name::HighestModSeq => {
            p.sp()?;
            Code::HighestModSeq(p.number64()?)
        }
        Name::Modified => {
            p.sp()?;
            Code::Modified(p.sequence_set()?)
        }
        Name::AppendUid => {
            p.sp()?;
            let uid_validity = p.number()?;
            p.sp()?;
            Code::AppendUid { uid_validity, uids: p.sequence_set()? }
        }
        Name::CopyUid => {
            p.sp()?;
            let uid_validity = p.number()?;
            p.sp()?;
            let source = p.sequence_set()?;
            p.sp()?;
            Code::CopyUid { uid_validity, source, dest: p.sequence_set()? }
        }
        Name::BadCharset => {
            let mut charsets = &[][..];
            if p.eat(b' ') {
                charsets = p.paren_list(|p| p.astring())?;
            }
            Code::BadCharset(charsets)
        }
        Name::Capability => Code::Capability(super::capability::capability_list(p, true)?),
        Name::PermanentFlags => {
            p.sp()?;
            Code::PermanentFlags(super::flag::flag_list(p)?)
        }
        Name::BadUrl => Code::BadUrl(up_to_bracket(p)?),
        Name::Referral => Code::Referral(up_to_bracket(p)?),
        Name::NoUpdate => {
            p.sp()?;
            Code::NoUpdate(p.astring()?)
        }
        Name::MailboxId => {
            p.sp()?;
            p.expect(b'(', "'('")?;
            let id = p.atom()?;
            p.expect(b')', "')'")?;
            Code::MailboxId(Bytes::borrowed(id))
        }
        Name::MetadataLongEntries => {
            p.sp()?;
            Code::MetadataLongEntries(p.number64()?)
        }
        Name::MetadataMaxSize => {
            p.sp()?;
            Code::MetadataMaxSize(p.number64()?)
        }
        Name::MetadataTooMany => Code::MetadataTooMany,
        Name::MetadataNoPrivate => Code::MetadataNoPrivate,
    }))
}

/// `SP` and the raw text up to `]` (BADURL, REFERRAL).
fn up_to_bracket<'a>(p: &mut Parser<'a>) -> PResult<Bytes<'a>> {
    p.sp()?;
    let close = memchr(b']', &p.buf[p.pos..]).ok_or_else(|| p.expected("']'"))?;
    let text = Bytes::borrowed(&p.buf[p.pos..p.pos + close]);
    p.pos += close;
    Ok(text)
}
