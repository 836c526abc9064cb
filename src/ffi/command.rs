//! Commands in C: `imap_cmd_*` constructors and `imap_command_free`.
//!
//! A constructor copies its arguments; the command it returns belongs to
//! the caller, who may run it (`imap_run` copies it) any number of times
//! and frees it with `imap_command_free`. Constructors return NULL when an
//! argument is NULL or invalid; `imap_run` reports commands that cannot be
//! encoded (`IMAP_ERROR_ENCODE`).

use std::cell::RefCell;
use std::ffi::c_char;

use super::conn::imap_authenticator;
use super::error::imap_error;
use super::{c_bytes, guard};
use crate::conn::{Action, Authenticator};
use crate::types::{Bytes, Command, Mailbox, Select};

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
            CommandBody::Authenticate(a) => a.borrow_mut().take().map(Action::Authenticate).ok_or(imap_error::InvalidArgument),
        }
    }
}

/// Boxes `cmd` for C.
pub(crate) fn boxed(cmd: Command<'static>) -> *mut imap_command {
    Box::into_raw(Box::new(imap_command { body: CommandBody::Plain(cmd) }))
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

/// `AUTHENTICATE` with `auth`, which the command takes over (do not free
/// it). SASL-IR is used when the server offers it. The command can run once.
///
/// # Safety
/// `auth` is NULL or an authenticator not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_authenticate(auth: *mut imap_authenticator) -> *mut imap_command {
    guard(std::ptr::null_mut(), || {
        if auth.is_null() {
            return std::ptr::null_mut();
        }
        let auth = Box::from_raw(auth);
        let body = CommandBody::Authenticate(RefCell::new(Some(auth.inner)));
        Box::into_raw(Box::new(imap_command { body }))
    })
}

/// `CAPABILITY`
#[no_mangle]
pub extern "C" fn imap_cmd_capability() -> *mut imap_command {
    guard(std::ptr::null_mut(), || boxed(Command::Capability))
}

/// `NOOP`
#[no_mangle]
pub extern "C" fn imap_cmd_noop() -> *mut imap_command {
    guard(std::ptr::null_mut(), || boxed(Command::Noop))
}

/// `LOGOUT`
#[no_mangle]
pub extern "C" fn imap_cmd_logout() -> *mut imap_command {
    guard(std::ptr::null_mut(), || boxed(Command::Logout))
}

/// `IDLE`; stop it with `imap_idle_stop`.
#[no_mangle]
pub extern "C" fn imap_cmd_idle() -> *mut imap_command {
    guard(std::ptr::null_mut(), || boxed(Command::Idle))
}

/// `STARTTLS`; `imap_run` returns a STARTTLS step when TLS must start.
#[no_mangle]
pub extern "C" fn imap_cmd_starttls() -> *mut imap_command {
    guard(std::ptr::null_mut(), || boxed(Command::StartTls))
}

/// `LOGIN user password`.
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_login(user: *const c_char, password: *const c_char) -> *mut imap_command {
    guard(std::ptr::null_mut(), || match (owned(user), owned(password)) {
        (Some(username), Some(password)) => boxed(Command::Login { username, password }),
        _ => std::ptr::null_mut(),
    })
}

/// `SELECT mailbox`, with `(CONDSTORE)` when `condstore` is true.
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_select(mailbox: *const c_char, condstore: bool) -> *mut imap_command {
    guard(std::ptr::null_mut(), || match self::mailbox(mailbox) {
        Some(m) => boxed(Command::Select(Select { condstore, ..Select::new(m) })),
        None => std::ptr::null_mut(),
    })
}

/// `EXAMINE mailbox`, with `(CONDSTORE)` when `condstore` is true.
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_examine(mailbox: *const c_char, condstore: bool) -> *mut imap_command {
    guard(std::ptr::null_mut(), || match self::mailbox(mailbox) {
        Some(m) => boxed(Command::Examine(Select { condstore, ..Select::new(m) })),
        None => std::ptr::null_mut(),
    })
}
