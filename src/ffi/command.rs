//! Commands in C: `imap_cmd_*` constructors and `imap_command_free`.
//!
//! A constructor copies its arguments; the command it returns belongs to
//! the caller, who may run it (`imap_run` copies it) any number of times
//! and frees it with `imap_command_free`. Constructors return NULL when an
//! argument is NULL or invalid; `imap_run` reports commands that cannot be
//! encoded (`IMAP_ERROR_ENCODE`).
//!
//! Conventions shared by every constructor (`docs/c-commands.md` maps each
//! command form of `docs/commands.md` to these calls):
//! - text is a NUL-terminated `const char *` (IMAP strings cannot hold NUL);
//!   only APPEND data and RAW literals are `{data, len}`;
//! - mailbox names are UTF-8 text, sent in modified UTF-7 (or UTF-8 after
//!   UTF8=ACCEPT); only the `_wire` variants take a name as it goes on the
//!   wire;
//! - sequence sets are strings in IMAP syntax (`"1:5,7,9:*"`, `"$"` for
//!   the saved search result where a message set is expected); an empty or
//!   malformed set gives NULL;
//! - flags are strings: `"\\Seen"`, `"\\Answered"`, `"\\Flagged"`,
//!   `"\\Deleted"`, `"\\Draft"`, `"\\Recent"` (any case), `"\\*"`, another
//!   `"\\Name"` for an extension flag, and anything without a leading
//!   backslash for a keyword (`"$Forwarded"`);
//! - lists of strings or numbers are a pointer and a count (the pointer may
//!   be NULL when the count is 0); enumerations are `uint32_t` values of
//!   the named enum, and an unknown value gives NULL;
//! - an optional number is a `const uint64_t *`, NULL for none;
//! - builders and search keys given to a function are taken over by it,
//!   even when it fails and returns NULL; a builder whose `_add` call
//!   failed (it returned false) makes the command constructor fail.
//!
//! Grammar rules (atoms, dates, non-zero numbers, non-empty lists) are
//! checked by the encoder when the command runs, so that the C API reports
//! the same errors as the Rust one.

use std::cell::RefCell;
use std::ffi::c_char;

use super::auth::imap_authenticator;
use super::error::imap_error;
use super::types::imap_status_kind;
use super::{c_array, c_bytes, guard};
use crate::conn::{Action, Authenticator};
use crate::types::{Bytes, Capability, Command, Flag, Mailbox, MessageSet, NString, Select, SequenceSet, StatusAttr};

pub mod fetch;
pub mod mailbox;
pub mod raw;
pub mod search;

/// A command handle.
pub struct imap_command {
    body: CommandBody,
}

enum CommandBody {
    Plain(Command<'static>),
    /// AUTHENTICATE: the authenticator is used by the first run.
    Authenticate(RefCell<Option<Box<dyn Authenticator>>>),
}

impl imap_command {
    /// The action that runs this command.
    pub(crate) fn to_action(&self) -> Result<Action, imap_error> {
        match &self.body {
            CommandBody::Plain(c) => Ok(Action::Command(c.clone())),
            CommandBody::Authenticate(a) => {
                a.borrow_mut().take().map(Action::Authenticate).ok_or(imap_error::InvalidArgument)
            }
        }
    }

    /// The Rust command this handle holds, unless it is AUTHENTICATE: what
    /// a C caller built, as Rust code (and the tests) can inspect it.
    pub fn command(&self) -> Option<&Command<'static>> {
        match &self.body {
            CommandBody::Plain(c) => Some(c),
            CommandBody::Authenticate(_) => None,
        }
    }

    /// Takes the authenticator of AUTHENTICATE, if not used yet: the
    /// command cannot run afterwards.
    pub fn take_authenticator(&self) -> Option<Box<dyn Authenticator>> {
        match &self.body {
            CommandBody::Plain(_) => None,
            CommandBody::Authenticate(a) => a.borrow_mut().take(),
        }
    }
}

/// The NULL command.
pub(crate) const NULL: *mut imap_command = std::ptr::null_mut();

/// Boxes `cmd` for C.
pub(crate) fn boxed(cmd: Command<'static>) -> *mut imap_command {
    Box::into_raw(Box::new(imap_command { body: CommandBody::Plain(cmd) }))
}

/// Boxes `cmd` for C, or NULL for None.
pub(crate) fn boxed_or_null(cmd: Option<Command<'static>>) -> *mut imap_command {
    cmd.map_or(NULL, boxed)
}

/// An owned byte string from a NUL-terminated C string.
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
pub(crate) unsafe fn owned(s: *const c_char) -> Option<Bytes<'static>> {
    c_bytes(s).map(|b| Bytes::owned(b.to_vec()))
}

/// A mailbox name (UTF-8; modified UTF-7 encoded on the wire as needed).
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
pub(crate) unsafe fn mailbox(s: *const c_char) -> Option<Mailbox<'static>> {
    owned(s).map(Mailbox::Name)
}

/// A mailbox name exactly as it goes on the wire.
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
pub(crate) unsafe fn wire_mailbox(s: *const c_char) -> Option<Mailbox<'static>> {
    owned(s).map(Mailbox::Wire)
}

/// `n` values of a C enum at `p`, read as plain numbers (a C caller may
/// store any number there).
///
/// # Safety
/// `p` is NULL or points to `n` readable 32-bit values.
pub(crate) unsafe fn c_enums<'a, E>(p: *const E, n: usize) -> Option<&'a [u32]> {
    const { assert!(std::mem::size_of::<E>() == 4) };
    c_array(p.cast::<u32>(), n)
}

/// Owned copies of the `n` strings at `p`, none of which may be NULL.
///
/// # Safety
/// `p` is NULL or points to `n` pointers, each NULL or a NUL-terminated string.
pub(crate) unsafe fn strings(p: *const *const c_char, n: usize) -> Option<Vec<Bytes<'static>>> {
    c_array(p, n)?.iter().map(|&s| owned(s)).collect()
}

/// Owned copies of the `n` strings at `p`; a NULL element is NIL.
///
/// # Safety
/// As for [`strings`].
pub(crate) unsafe fn nstrings(p: *const *const c_char, n: usize) -> Option<Vec<NString<'static>>> {
    Some(c_array(p, n)?.iter().map(|&s| owned(s)).collect())
}

/// A flag written as a string: `\Seen` and the other system flags (any
/// case), `\*`, another `\Name` (an extension flag), or a keyword.
pub(crate) fn flag(s: &[u8]) -> Flag<'static> {
    match s.strip_prefix(b"\\") {
        Some(name) => Flag::from_name(name).into_owned(),
        None => Flag::Keyword(Bytes::owned(s.to_vec())),
    }
}

/// The `n` flags at `p` (see [`flag`]).
///
/// # Safety
/// As for [`strings`].
pub(crate) unsafe fn flags(p: *const *const c_char, n: usize) -> Option<Vec<Flag<'static>>> {
    c_array(p, n)?.iter().map(|&s| c_bytes(s).map(flag)).collect()
}

/// A sequence set in IMAP syntax (not `$`).
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
pub(crate) unsafe fn sequence_set(s: *const c_char) -> Option<SequenceSet> {
    std::str::from_utf8(c_bytes(s)?).ok()?.parse().ok()
}

/// A sequence set in IMAP syntax, or `$`.
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
pub(crate) unsafe fn message_set(s: *const c_char) -> Option<MessageSet> {
    if c_bytes(s)? == b"$" {
        Some(MessageSet::Saved)
    } else {
        sequence_set(s).map(MessageSet::Set)
    }
}

/// The number at `p`, or None for NULL.
///
/// # Safety
/// `p` is NULL or points to a readable number.
pub(crate) unsafe fn opt_u64(p: *const u64) -> Option<u64> {
    p.as_ref().copied()
}

/// Takes `p` over (None for NULL).
///
/// # Safety
/// `p` is NULL or came from `Box::into_raw` and was not freed nor given away.
pub(crate) unsafe fn take<T>(p: *mut T) -> Option<Box<T>> {
    (!p.is_null()).then(|| Box::from_raw(p))
}

/// Takes over every element of the array of `n` pointers at `p`. None if
/// the array or an element is NULL; the other elements are freed then.
///
/// # Safety
/// `p` is NULL or points to `n` pointers, each as for [`take`], all distinct.
pub(crate) unsafe fn take_all<T>(p: *const *mut T, n: usize) -> Option<Vec<Box<T>>> {
    let taken: Vec<Option<Box<T>>> = c_array(p, n)?.iter().map(|&e| take(e)).collect();
    taken.into_iter().collect()
}

/// The STATUS item of an `imap_status_kind` value (not OTHER).
pub(crate) fn status_attr(code: u32) -> Option<StatusAttr> {
    use imap_status_kind as K;
    const ITEMS: [(K, StatusAttr); 11] = [
        (K::Messages, StatusAttr::Messages),
        (K::Recent, StatusAttr::Recent),
        (K::UidNext, StatusAttr::UidNext),
        (K::UidValidity, StatusAttr::UidValidity),
        (K::Unseen, StatusAttr::Unseen),
        (K::Deleted, StatusAttr::Deleted),
        (K::Size, StatusAttr::Size),
        (K::HighestModSeq, StatusAttr::HighestModSeq),
        (K::AppendLimit, StatusAttr::AppendLimit),
        (K::MailboxId, StatusAttr::MailboxId),
        (K::DeletedStorage, StatusAttr::DeletedStorage),
    ];
    ITEMS.iter().find(|(k, _)| *k as u32 == code).map(|&(_, a)| a)
}

/// The `n` STATUS items at `p`.
///
/// # Safety
/// `p` is NULL or points to `n` readable values.
pub(crate) unsafe fn status_attrs(p: *const imap_status_kind, n: usize) -> Option<Vec<StatusAttr>> {
    c_enums(p, n)?.iter().map(|&c| status_attr(c)).collect()
}

/// Frees a command (NULL does nothing).
///
/// # Safety
/// `cmd` is NULL or a command not yet freed.
#[no_mangle]
pub unsafe extern "C" fn imap_command_free(cmd: *mut imap_command) {
    if !cmd.is_null() {
        guard((), || drop(Box::from_raw(cmd)));
    }
}

/// `AUTHENTICATE` with the mechanism and SASL exchange of `auth`. SASL-IR
/// is used when the server offers it. The command can run once. The
/// command takes `auth` over; do not free it.
///
/// # Safety
/// `auth` is NULL or an authenticator not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_authenticate(auth: *mut imap_authenticator) -> *mut imap_command {
    guard(NULL, || {
        if auth.is_null() {
            return NULL;
        }
        let auth = Box::from_raw(auth);
        let body = CommandBody::Authenticate(RefCell::new(Some(auth.inner)));
        Box::into_raw(Box::new(imap_command { body }))
    })
}

/// `CAPABILITY`
#[no_mangle]
pub extern "C" fn imap_cmd_capability() -> *mut imap_command {
    guard(NULL, || boxed(Command::Capability))
}

/// `NOOP`
#[no_mangle]
pub extern "C" fn imap_cmd_noop() -> *mut imap_command {
    guard(NULL, || boxed(Command::Noop))
}

/// `LOGOUT`
#[no_mangle]
pub extern "C" fn imap_cmd_logout() -> *mut imap_command {
    guard(NULL, || boxed(Command::Logout))
}

/// `IDLE`; stop it with `imap_idle_stop`.
#[no_mangle]
pub extern "C" fn imap_cmd_idle() -> *mut imap_command {
    guard(NULL, || boxed(Command::Idle))
}

/// `STARTTLS`; `imap_run` returns a STARTTLS step when TLS must start.
#[no_mangle]
pub extern "C" fn imap_cmd_starttls() -> *mut imap_command {
    guard(NULL, || boxed(Command::StartTls))
}

/// `COMPRESS DEFLATE` (RFC 4978); `imap_run` returns a step when
/// compression must start.
#[no_mangle]
pub extern "C" fn imap_cmd_compress_deflate() -> *mut imap_command {
    guard(NULL, || boxed(Command::CompressDeflate))
}

/// `UNAUTHENTICATE` (RFC 8437)
#[no_mangle]
pub extern "C" fn imap_cmd_unauthenticate() -> *mut imap_command {
    guard(NULL, || boxed(Command::Unauthenticate))
}

/// `NAMESPACE` (RFC 2342)
#[no_mangle]
pub extern "C" fn imap_cmd_namespace() -> *mut imap_command {
    guard(NULL, || boxed(Command::Namespace))
}

/// `CHECK`
#[no_mangle]
pub extern "C" fn imap_cmd_check() -> *mut imap_command {
    guard(NULL, || boxed(Command::Check))
}

/// `CLOSE`
#[no_mangle]
pub extern "C" fn imap_cmd_close() -> *mut imap_command {
    guard(NULL, || boxed(Command::Close))
}

/// `UNSELECT` (RFC 3691)
#[no_mangle]
pub extern "C" fn imap_cmd_unselect() -> *mut imap_command {
    guard(NULL, || boxed(Command::Unselect))
}

/// `EXPUNGE`
#[no_mangle]
pub extern "C" fn imap_cmd_expunge() -> *mut imap_command {
    guard(NULL, || boxed(Command::Expunge))
}

/// `UID EXPUNGE set` (RFC 4315); `set` as in `"3000:3002"` or `"$"`.
///
/// # Safety
/// `set` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_uid_expunge(set: *const c_char) -> *mut imap_command {
    guard(NULL, || boxed_or_null(message_set(set).map(Command::UidExpunge)))
}

/// `LOGIN user password`.
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_login(user: *const c_char, password: *const c_char) -> *mut imap_command {
    guard(NULL, || match (owned(user), owned(password)) {
        (Some(username), Some(password)) => boxed(Command::Login { username, password }),
        _ => NULL,
    })
}

/// `ID ("field" "value" ...)` (RFC 2971): `n` pairs, `fields[i]` and
/// `values[i]`; a NULL value is sent as NIL. With `n` 0 (both arrays may
/// be NULL) it sends `ID NIL`.
///
/// # Safety
/// `fields` and `values` are NULL or point to `n` pointers, each NULL or a
/// NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_id(
    fields: *const *const c_char,
    values: *const *const c_char,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || match (strings(fields, n), nstrings(values, n)) {
        (Some(f), Some(v)) => boxed(Command::Id(f.into_iter().zip(v).collect())),
        _ => NULL,
    })
}

/// `ENABLE cap ...` (RFC 5161): `n` capability names such as
/// `"CONDSTORE"`, `"QRESYNC"` or `"UTF8=ACCEPT"` (any other name is sent
/// as it is).
///
/// # Safety
/// `caps` is NULL or points to `n` pointers, each NULL or a NUL-terminated
/// string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_enable(caps: *const *const c_char, n: usize) -> *mut imap_command {
    guard(NULL, || {
        let caps = strings(caps, n).map(|v| v.into_iter().map(|c| Capability::parse(&c).into_owned()).collect());
        boxed_or_null(caps.map(Command::Enable))
    })
}

/// `SELECT mailbox`, with `(CONDSTORE)` when `condstore` is true.
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_select(mailbox: *const c_char, condstore: bool) -> *mut imap_command {
    guard(NULL, || match self::mailbox(mailbox) {
        Some(m) => boxed(Command::Select(Select { condstore, ..Select::new(m) })),
        None => NULL,
    })
}

/// `EXAMINE mailbox`, with `(CONDSTORE)` when `condstore` is true.
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_examine(mailbox: *const c_char, condstore: bool) -> *mut imap_command {
    guard(NULL, || match self::mailbox(mailbox) {
        Some(m) => boxed(Command::Examine(Select { condstore, ..Select::new(m) })),
        None => NULL,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_as_strings() {
        let f = |s: &str| flag(s.as_bytes());
        assert_eq!(f("\\Seen"), Flag::Seen);
        assert_eq!(f("\\SEEN"), Flag::Seen);
        assert_eq!(f("\\answered"), Flag::Answered);
        assert_eq!(f("\\Flagged"), Flag::Flagged);
        assert_eq!(f("\\Deleted"), Flag::Deleted);
        assert_eq!(f("\\Draft"), Flag::Draft);
        assert_eq!(f("\\Recent"), Flag::Recent);
        assert_eq!(f("\\*"), Flag::Wildcard);
        assert_eq!(f("\\Custom"), Flag::Extension(Bytes::owned(b"Custom".to_vec())));
        assert_eq!(f("\\"), Flag::Extension(Bytes::owned(vec![])));
        assert_eq!(f("$Forwarded"), Flag::Keyword(Bytes::owned(b"$Forwarded".to_vec())));
        assert_eq!(f("Seen"), Flag::Keyword(Bytes::owned(b"Seen".to_vec())));
    }
}
