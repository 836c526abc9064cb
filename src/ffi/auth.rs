//! Authenticators in C: `imap_authenticator_*` (PLAIN, XOAUTH2, or a C
//! callback for any other SASL mechanism), given to `imap_cmd_authenticate`.

use std::ffi::{c_char, c_void};

use super::error::imap_error;
use super::{c_array, c_bytes, guard};
use crate::conn::Authenticator;

/// A SASL authenticator driven by a C callback.
///
/// The callback is called with `challenge` NULL to ask for the initial
/// response (return 1 if the mechanism has none), and with each server
/// challenge (decoded from base64) afterwards. It returns 0 after setting
/// its reply with `imap_auth_reply_set`, or a negative number to cancel: at
/// the first call nothing is sent and `imap_run` gives IMAP_ERROR_AUTH;
/// later, `*` is sent and the server's tagged answer follows.
pub type imap_auth_fn = Option<
    unsafe extern "C" fn(userdata: *mut c_void, challenge: *const u8, challenge_len: usize, reply: *mut imap_auth_reply) -> i32,
>;

/// Where an authenticator callback puts its reply.
pub struct imap_auth_reply {
    data: Vec<u8>,
}

/// An authenticator handle.
pub struct imap_authenticator {
    pub(crate) inner: Box<dyn Authenticator>,
}

struct CallbackAuthenticator {
    mechanism: String,
    callback: unsafe extern "C" fn(*mut c_void, *const u8, usize, *mut imap_auth_reply) -> i32,
    userdata: *mut c_void,
}

impl CallbackAuthenticator {
    fn call(&mut self, challenge: Option<&[u8]>) -> Result<Option<Vec<u8>>, String> {
        let mut reply = imap_auth_reply { data: Vec::new() };
        let (ptr, len) = challenge.map_or((std::ptr::null(), 0), |c| (c.as_ptr(), c.len()));
        // SAFETY: the callback and userdata were given by the caller of
        // imap_authenticator_new, who vouches for them; `reply` outlives the call.
        let rc = unsafe { (self.callback)(self.userdata, ptr, len, &mut reply) };
        match rc {
            0 => Ok(Some(reply.data)),
            1 if challenge.is_none() => Ok(None),
            _ => Err(format!("the authenticator returned {rc}")),
        }
    }
}

impl Authenticator for CallbackAuthenticator {
    fn mechanism(&self) -> &str {
        &self.mechanism
    }
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>, String> {
        self.call(None)
    }
    fn step(&mut self, challenge: &[u8]) -> Result<Vec<u8>, String> {
        self.call(Some(challenge)).map(Option::unwrap_or_default)
    }
}

/// Sets the reply of an authenticator callback (copied).
///
/// # Safety
/// `reply` is the pointer given to the callback; `data` points to `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn imap_auth_reply_set(reply: *mut imap_auth_reply, data: *const u8, len: usize) -> imap_error {
    guard(imap_error::Internal, || {
        let Some(reply) = reply.as_mut() else { return imap_error::NullArgument };
        let Some(data) = c_array(data, len) else { return imap_error::NullArgument };
        reply.data = data.to_vec();
        imap_error::Ok
    })
}

/// A custom authenticator for `mechanism` (copied) with a callback; see
/// [`imap_auth_fn`]. NULL if an argument is NULL. Free with
/// `imap_authenticator_free` unless given to `imap_cmd_authenticate`.
///
/// # Safety
/// `mechanism` is a NUL-terminated string; `callback` stays callable with
/// `userdata` while the authenticator lives.
#[no_mangle]
pub unsafe extern "C" fn imap_authenticator_new(
    mechanism: *const c_char,
    callback: imap_auth_fn,
    userdata: *mut c_void,
) -> *mut imap_authenticator {
    guard(std::ptr::null_mut(), || {
        let (Some(mech), Some(callback)) = (c_bytes(mechanism), callback) else { return std::ptr::null_mut() };
        let mechanism = String::from_utf8_lossy(mech).into_owned();
        let inner = Box::new(CallbackAuthenticator { mechanism, callback, userdata });
        Box::into_raw(Box::new(imap_authenticator { inner }))
    })
}

/// The SASL PLAIN authenticator for `user` and `password` (copied).
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_authenticator_plain(user: *const c_char, password: *const c_char) -> *mut imap_authenticator {
    guard(std::ptr::null_mut(), || {
        let (Some(u), Some(p)) = (c_bytes(user), c_bytes(password)) else { return std::ptr::null_mut() };
        let plain = crate::conn::Plain::new(String::from_utf8_lossy(u), String::from_utf8_lossy(p));
        Box::into_raw(Box::new(imap_authenticator { inner: Box::new(plain) }))
    })
}

/// The XOAUTH2 authenticator for `user` and an OAuth 2.0 access `token`.
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_authenticator_xoauth2(user: *const c_char, token: *const c_char) -> *mut imap_authenticator {
    guard(std::ptr::null_mut(), || {
        let (Some(u), Some(t)) = (c_bytes(user), c_bytes(token)) else { return std::ptr::null_mut() };
        let x = crate::conn::XOAuth2::new(String::from_utf8_lossy(u), String::from_utf8_lossy(t));
        Box::into_raw(Box::new(imap_authenticator { inner: Box::new(x) }))
    })
}

/// Frees an authenticator (NULL does nothing).
///
/// # Safety
/// `a` is NULL or an authenticator not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_authenticator_free(a: *mut imap_authenticator) {
    if !a.is_null() {
        guard((), || drop(Box::from_raw(a)));
    }
}
