//! Names and modified UTF-7 for the bindings: the wire names behind the
//! `kind` numbers of capabilities, mailbox attributes and response codes,
//! and the mailbox-name encoding of the core, so that no binding keeps a
//! table or an algorithm of its own.
//!
//! Every function writes into a caller's buffer: it copies at most `cap`
//! bytes to `out` and returns the full length, so a caller whose buffer
//! was too small calls again with a larger one. `out` may be NULL when
//! `cap` is 0.

use super::types::{capability, code, imap_capability, imap_capability_kind, mailbox_attr};
use super::{c_array, guard, Arena};
use crate::codec::mutf7;
use crate::types::{Bytes, Capability, Code, SequenceSet, KNOWN_ATTRS, SIMPLE_CAPABILITIES};

/// Copies what fits of `s` to `out` and returns `s.len()`.
///
/// # Safety
/// `out` is NULL (with `cap` 0) or points to `cap` writable bytes.
unsafe fn copy_out(s: &[u8], out: *mut u8, cap: usize) -> usize {
    if !out.is_null() {
        let n = s.len().min(cap);
        std::ptr::copy_nonoverlapping(s.as_ptr(), out, n);
    }
    s.len()
}

/// An empty sequence set, for the [`CODES`] with a set.
const NO_SET: SequenceSet = SequenceSet(Vec::new());
/// An empty text, for the [`CODES`] with a text.
const NO_TEXT: Bytes<'static> = Bytes::borrowed(b"");

/// One response code of each `imap_code_kind` but OTHER, with empty
/// arguments: their names and kinds come from [`Code::name`] and the
/// converter to `imap_code`.
static CODES: [Code<'static>; 50] = [
    Code::Alert,
    Code::BadCharset(&[]),
    Code::Capability(&[]),
    Code::Parse,
    Code::PermanentFlags(&[]),
    Code::ReadOnly,
    Code::ReadWrite,
    Code::TryCreate,
    Code::UidNext(0),
    Code::UidValidity(0),
    Code::Unseen(0),
    Code::AppendUid { uid_validity: 0, uids: NO_SET },
    Code::CopyUid { uid_validity: 0, source: NO_SET, dest: NO_SET },
    Code::UidNotSticky,
    Code::HighestModSeq(0),
    Code::NoModSeq,
    Code::Modified(NO_SET),
    Code::Closed,
    Code::CompressionActive,
    Code::UseAttr,
    Code::Unavailable,
    Code::AuthenticationFailed,
    Code::AuthorizationFailed,
    Code::Expired,
    Code::PrivacyRequired,
    Code::ContactAdmin,
    Code::NoPerm,
    Code::InUse,
    Code::ExpungeIssued,
    Code::Corruption,
    Code::ServerBug,
    Code::ClientBug,
    Code::Cannot,
    Code::Limit,
    Code::OverQuota,
    Code::AlreadyExists,
    Code::NonExistent,
    Code::NotSaved,
    Code::HasChildren,
    Code::UnknownCte,
    Code::TooBig,
    Code::BadUrl(NO_TEXT),
    Code::NoUpdate(NO_TEXT),
    Code::MailboxId(NO_TEXT),
    Code::MetadataLongEntries(0),
    Code::MetadataMaxSize(0),
    Code::MetadataTooMany,
    Code::MetadataNoPrivate,
    Code::NotificationOverflow,
    Code::Referral(NO_TEXT),
];

/// The wire name of a capability without a value (`IMAP4rev1`,
/// `COMPRESS=DEFLATE`...) for its `imap_capability_kind`; 0 (nothing
/// written) for the kinds that carry a value (AUTH, APPENDLIMIT, OTHER...)
/// and unknown numbers.
///
/// # Safety
/// `out` is NULL (with `cap` 0) or points to `cap` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn imap_capability_kind_name(kind: u32, out: *mut u8, cap: usize) -> usize {
    guard(0, || {
        let arena = Arena::default();
        let found = SIMPLE_CAPABILITIES.iter().find(|(_, c)| capability(&arena, c).kind as u32 == kind);
        found.map_or(0, |(name, _)| copy_out(name.as_bytes(), out, cap))
    })
}

/// The wire form of a capability as it was received, e.g. `AUTH=PLAIN`,
/// `APPENDLIMIT=1000` or an unknown name verbatim; 0 for NULL.
///
/// # Safety
/// `c` is NULL or points to an `imap_capability` (one returned by
/// `imap_run`, or filled by the caller with a valid `value`); `out` is as
/// for `imap_capability_kind_name`.
#[no_mangle]
pub unsafe extern "C" fn imap_capability_name(c: *const imap_capability, out: *mut u8, cap: usize) -> usize {
    guard(0, || {
        let Some(c) = c.as_ref() else { return 0 };
        let value = Bytes::borrowed(c_array(c.value.ptr, c.value.len).unwrap_or_default());
        use imap_capability_kind as K;
        let wire = match c.kind {
            K::Auth => Capability::Auth(value).to_wire(),
            K::QuotaRes => Capability::QuotaRes(value).to_wire(),
            K::SortExt => Capability::SortExt(value).to_wire(),
            K::Thread => Capability::Thread(value).to_wire(),
            K::Other => Capability::Other(value).to_wire(),
            K::AppendLimit => Capability::AppendLimit(c.has_number.then_some(c.number)).to_wire(),
            kind => return imap_capability_kind_name(kind as u32, out, cap),
        };
        copy_out(&wire, out, cap)
    })
}

/// The name, without its backslash, of a mailbox attribute with a name of
/// its own (`HasChildren`, `Sent`, `NonExistent`...) for its
/// `imap_mailbox_attr_kind`; 0 for EXTENSION (the name is in the
/// attribute) and unknown numbers.
///
/// # Safety
/// `out` is NULL (with `cap` 0) or points to `cap` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_attr_kind_name(kind: u32, out: *mut u8, cap: usize) -> usize {
    guard(0, || {
        let arena = Arena::default();
        let found = KNOWN_ATTRS.iter().find(|(_, a)| mailbox_attr(&arena, a).kind as u32 == kind);
        found.map_or(0, |(name, _)| copy_out(name, out, cap))
    })
}

/// The wire name of a response code for its `imap_code_kind`, e.g.
/// `UNAVAILABLE`, or `METADATA LONGENTRIES` (the METADATA codes have two
/// words); 0 for OTHER (the name is in the code) and unknown numbers.
///
/// # Safety
/// `out` is NULL (with `cap` 0) or points to `cap` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn imap_code_kind_name(kind: u32, out: *mut u8, cap: usize) -> usize {
    guard(0, || {
        let arena = Arena::default();
        let found = CODES.iter().find(|c| code(&arena, c).kind as u32 == kind);
        found.map_or(0, |c| copy_out(c.name(), out, cap))
    })
}

/// Decodes a mailbox name received from the server (modified UTF-7,
/// RFC 3501 5.1.3) to UTF-8. A name that is not canonical modified UTF-7
/// (raw UTF-8 or Latin-1 from a server that ignores the convention) comes
/// back unchanged; `&-` is `&`.
///
/// # Safety
/// `name` is NULL (with `len` 0) or points to `len` bytes; `out` is as for
/// `imap_capability_kind_name`.
#[no_mangle]
pub unsafe extern "C" fn imap_mutf7_decode(name: *const u8, len: usize, out: *mut u8, cap: usize) -> usize {
    guard(0, || {
        let Some(name) = c_array(name, len) else { return 0 };
        copy_out(&mutf7::decode_lenient(name), out, cap)
    })
}

/// Encodes a UTF-8 mailbox name in modified UTF-7, as the command
/// constructors do (invalid UTF-8 sequences become U+FFFD first).
///
/// # Safety
/// As for `imap_mutf7_decode`.
#[no_mangle]
pub unsafe extern "C" fn imap_mutf7_encode(name: *const u8, len: usize, out: *mut u8, cap: usize) -> usize {
    guard(0, || {
        let Some(name) = c_array(name, len) else { return 0 };
        copy_out(mutf7::encode(&String::from_utf8_lossy(name)).as_bytes(), out, cap)
    })
}

/// Decodes a mailbox name that must be canonical modified UTF-7 (for a
/// name the caller wants checked, where `imap_mutf7_decode` would pass a
/// bad one through unchanged). On success returns true and sets `*len_out`
/// to the full length of the UTF-8 name (what fits of it is in `out`); on
/// failure (an 8-bit byte, an unterminated or bad base64 section, bad
/// UTF-16, encoded printable ASCII, a null shift) returns false, writes
/// nothing and sets `*len_out` to the offset in `name` where the fault
/// starts. False with `*len_out` unset for NULL arguments.
///
/// # Safety
/// As for `imap_mutf7_decode`; `len_out` is NULL or points to a `size_t`.
#[no_mangle]
pub unsafe extern "C" fn imap_mutf7_decode_strict(
    name: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    len_out: *mut usize,
) -> bool {
    guard(false, || {
        let (Some(name), Some(len_out)) = (c_array(name, len), len_out.as_mut()) else { return false };
        match mutf7::decode(name) {
            Ok(text) => {
                *len_out = copy_out(text.as_bytes(), out, cap);
                true
            }
            Err(e) => {
                *len_out = e.offset();
                false
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::types::imap_mailbox_attr_kind;

    fn name_of(f: impl Fn(*mut u8, usize) -> usize) -> Vec<u8> {
        let len = f(std::ptr::null_mut(), 0);
        let mut buf = vec![0u8; len];
        assert_eq!(f(buf.as_mut_ptr(), buf.len()), len);
        buf
    }

    #[test]
    fn mutf7_strict() {
        let mut len = 0usize;
        let mut buf = [0u8; 32];
        unsafe {
            let ok = imap_mutf7_decode_strict(b"Entw&APw-rfe".as_ptr(), 12, buf.as_mut_ptr(), buf.len(), &mut len);
            assert!(ok);
            assert_eq!(&buf[..len], "Entwürfe".as_bytes());
            assert!(!imap_mutf7_decode_strict(b"ab&Zz".as_ptr(), 5, buf.as_mut_ptr(), buf.len(), &mut len));
            assert_eq!(len, 2);
            assert!(!imap_mutf7_decode_strict(b"a\xc3".as_ptr(), 2, std::ptr::null_mut(), 0, &mut len));
            assert_eq!(len, 1);
            assert!(!imap_mutf7_decode_strict(std::ptr::null(), 3, buf.as_mut_ptr(), buf.len(), &mut len));
            assert!(!imap_mutf7_decode_strict(b"a".as_ptr(), 1, buf.as_mut_ptr(), buf.len(), std::ptr::null_mut()));
        }
    }

    #[test]
    fn kind_names() {
        unsafe {
            assert_eq!(name_of(|o, c| imap_capability_kind_name(imap_capability_kind::Imap4rev1 as u32, o, c)), b"IMAP4rev1");
            assert_eq!(name_of(|o, c| imap_capability_kind_name(imap_capability_kind::Gmail as u32, o, c)), b"X-GM-EXT-1");
            assert_eq!(imap_capability_kind_name(imap_capability_kind::Auth as u32, std::ptr::null_mut(), 0), 0);
            assert_eq!(name_of(|o, c| imap_mailbox_attr_kind_name(imap_mailbox_attr_kind::NonExistent as u32, o, c)), b"NonExistent");
            assert_eq!(imap_mailbox_attr_kind_name(imap_mailbox_attr_kind::Extension as u32, std::ptr::null_mut(), 0), 0);
            assert_eq!(name_of(|o, c| imap_code_kind_name(super::super::types::imap_code_kind::TooBig as u32, o, c)), b"TOOBIG");
            assert_eq!(name_of(|o, c| imap_code_kind_name(super::super::types::imap_code_kind::Referral as u32, o, c)), b"REFERRAL");
            assert_eq!(imap_code_kind_name(super::super::types::imap_code_kind::Other as u32, std::ptr::null_mut(), 0), 0);
            assert_eq!(imap_code_kind_name(999, std::ptr::null_mut(), 0), 0);
        }
    }

    #[test]
    fn code_names_follow_the_kinds() {
        use super::super::types::imap_code_kind as K;
        for (kind, name) in [(K::Alert, "ALERT"), (K::UseAttr, "USEATTR"), (K::MetadataNoPrivate, "METADATA NOPRIVATE")] {
            assert_eq!(name_of(|o, c| unsafe { imap_code_kind_name(kind as u32, o, c) }), name.as_bytes());
        }
        let arena = Arena::default();
        let mut kinds: Vec<u32> = CODES.iter().map(|c| code(&arena, c).kind as u32).collect();
        kinds.sort_unstable();
        assert_eq!(kinds, (0..K::Other as u32).collect::<Vec<_>>(), "one code of each kind but OTHER");
    }

    #[test]
    fn capability_wire_names() {
        let arena = Arena::default();
        for cap in [Capability::Auth(Bytes::borrowed(b"PLAIN")), Capability::AppendLimit(Some(1000)), Capability::Other(Bytes::borrowed(b"X-FOO")), Capability::Idle] {
            let c = capability(&arena, &cap);
            let got = name_of(|o, n| unsafe { imap_capability_name(&c, o, n) });
            assert_eq!(got, cap.to_wire());
        }
        assert_eq!(unsafe { imap_capability_name(std::ptr::null(), std::ptr::null_mut(), 0) }, 0);
    }

    #[test]
    fn mutf7_round_trip_and_ampersand() {
        let decode = |s: &[u8]| name_of(|o, c| unsafe { imap_mutf7_decode(s.as_ptr(), s.len(), o, c) });
        let encode = |s: &[u8]| name_of(|o, c| unsafe { imap_mutf7_encode(s.as_ptr(), s.len(), o, c) });
        assert_eq!(decode(b"a&-b"), b"a&b");
        assert_eq!(decode(b"Sent &AOQ-&- Mail"), "Sent \u{e4}& Mail".as_bytes());
        assert_eq!(decode(b"bad&Zz"), b"bad&Zz");
        assert_eq!(encode("INBOX/Entw\u{fc}rfe & Co".as_bytes()), b"INBOX/Entw&APw-rfe &- Co");
        assert_eq!(decode(&encode("\u{65e5}\u{672c}\u{8a9e}".as_bytes())), "\u{65e5}\u{672c}\u{8a9e}".as_bytes());
        let mut small = [0u8; 2];
        assert_eq!(unsafe { imap_mutf7_decode(b"abcd".as_ptr(), 4, small.as_mut_ptr(), 2) }, 4);
        assert_eq!(&small, b"ab");
    }
}
