//! Response codes (`resp-text-code`), with a raw fallback.

use memchr::memchr;

use super::parser::{PResult, Parser};
use crate::types::{Bytes, Code};

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
    let simple = [
        (&b"ALERT"[..], Code::Alert),
        (b"PARSE", Code::Parse),
        (b"READ-ONLY", Code::ReadOnly),
        (b"READ-WRITE", Code::ReadWrite),
        (b"TRYCREATE", Code::TryCreate),
        (b"UIDNOTSTICKY", Code::UidNotSticky),
        (b"NOMODSEQ", Code::NoModSeq),
        (b"CLOSED", Code::Closed),
        (b"COMPRESSIONACTIVE", Code::CompressionActive),
        (b"USEATTR", Code::UseAttr),
        (b"UNAVAILABLE", Code::Unavailable),
        (b"AUTHENTICATIONFAILED", Code::AuthenticationFailed),
        (b"AUTHORIZATIONFAILED", Code::AuthorizationFailed),
        (b"EXPIRED", Code::Expired),
        (b"PRIVACYREQUIRED", Code::PrivacyRequired),
        (b"CONTACTADMIN", Code::ContactAdmin),
        (b"NOPERM", Code::NoPerm),
        (b"INUSE", Code::InUse),
        (b"EXPUNGEISSUED", Code::ExpungeIssued),
        (b"CORRUPTION", Code::Corruption),
        (b"SERVERBUG", Code::ServerBug),
        (b"CLIENTBUG", Code::ClientBug),
        (b"CANNOT", Code::Cannot),
        (b"LIMIT", Code::Limit),
        (b"OVERQUOTA", Code::OverQuota),
        (b"ALREADYEXISTS", Code::AlreadyExists),
        (b"NONEXISTENT", Code::NonExistent),
        (b"NOTSAVED", Code::NotSaved),
        (b"HASCHILDREN", Code::HasChildren),
        (b"UNKNOWN-CTE", Code::UnknownCte),
        (b"TOOBIG", Code::TooBig),
        (b"NOTIFICATIONOVERFLOW", Code::NotificationOverflow),
    ];
    if let Some((_, c)) = simple.into_iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return Ok(Some(c));
    }
    let is = |k: &[u8]| name.eq_ignore_ascii_case(k);
    let code = if is(b"UIDNEXT") {
        p.sp()?;
        Code::UidNext(p.number()?)
    } else if is(b"UIDVALIDITY") {
        p.sp()?;
        Code::UidValidity(p.number()?)
    } else if is(b"UNSEEN") {
        p.sp()?;
        Code::Unseen(p.number()?)
    } else if is(b"HIGHESTMODSEQ") {
        p.sp()?;
        Code::HighestModSeq(p.number64()?)
    } else if is(b"MODIFIED") {
        p.sp()?;
        Code::Modified(p.sequence_set()?)
    } else if is(b"APPENDUID") {
        p.sp()?;
        let uid_validity = p.number()?;
        p.sp()?;
        Code::AppendUid { uid_validity, uids: p.sequence_set()? }
    } else if is(b"COPYUID") {
        p.sp()?;
        let uid_validity = p.number()?;
        p.sp()?;
        let source = p.sequence_set()?;
        p.sp()?;
        Code::CopyUid { uid_validity, source, dest: p.sequence_set()? }
    } else if is(b"BADCHARSET") {
        let mut charsets = Vec::new();
        if p.eat(b' ') {
            charsets = p.paren_list(|p| p.astring())?;
        }
        Code::BadCharset(charsets)
    } else if is(b"CAPABILITY") {
        Code::Capability(super::capability::capability_list(p, true)?)
    } else if is(b"PERMANENTFLAGS") {
        p.sp()?;
        Code::PermanentFlags(super::flag::flag_list(p)?)
    } else if is(b"BADURL") || is(b"REFERRAL") {
        p.sp()?;
        let close = memchr(b']', &p.buf[p.pos..]).ok_or_else(|| p.expected("']'"))?;
        let url = Bytes::borrowed(&p.buf[p.pos..p.pos + close]);
        p.pos += close;
        if is(b"BADURL") {
            Code::BadUrl(url)
        } else {
            Code::Referral(url)
        }
    } else if is(b"NOUPDATE") {
        p.sp()?;
        Code::NoUpdate(p.astring()?)
    } else if is(b"MAILBOXID") {
        p.sp()?;
        p.expect(b'(', "'('")?;
        let id = p.atom()?;
        p.expect(b')', "')'")?;
        Code::MailboxId(Bytes::borrowed(id))
    } else if is(b"METADATA") {
        p.sp()?;
        if p.keyword(b"LONGENTRIES") {
            p.sp()?;
            Code::MetadataLongEntries(p.number64()?)
        } else if p.keyword(b"MAXSIZE") {
            p.sp()?;
            Code::MetadataMaxSize(p.number64()?)
        } else if p.keyword(b"TOOMANY") {
            Code::MetadataTooMany
        } else if p.keyword(b"NOPRIVATE") {
            Code::MetadataNoPrivate
        } else {
            return Ok(None);
        }
    } else {
        return Ok(None);
    };
    Ok(Some(code))
}
