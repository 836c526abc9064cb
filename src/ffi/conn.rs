//! The connection in C: `imap_connection_new`, `imap_src`, `imap_dst`,
//! `imap_dst_rem`, `imap_run`, IDLE stop, authenticators.

use std::ffi::{c_char, c_void, CString};

use super::command::imap_command;
use super::error::imap_error;
use super::types::{self, imap_literal_begin, imap_malformed, imap_resp_text, imap_untagged};
use super::{c_bytes, guard, imap_bytes, raw_bytes, Arena};
use crate::codec::Limits;
use crate::conn::{Action, Authenticator, Connection, IdleStop, Options, Step};

/// Decoder limits, with the literal streaming threshold. Sizes are bytes.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_limits {
    /// Longest line.
    pub max_line: u64,
    /// Largest literal.
    pub max_literal: u64,
    /// Largest buffered response, and the most memory its decoded form may take.
    pub max_response: u64,
    /// Deepest nesting.
    pub max_depth: u32,
    /// Literals larger than this are streamed in chunks; 0 buffers them all.
    pub stream_threshold: u64,
    /// Most server challenges answered during one AUTHENTICATE; 0 means
    /// the default (32), so that a struct filled by hand before this field
    /// existed keeps working.
    pub max_auth_challenges: u32,
}

impl imap_limits {
    pub(crate) fn to_limits(self) -> Limits {
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        Limits {
            max_line: size(self.max_line),
            max_literal: self.max_literal,
            max_response: size(self.max_response),
            max_depth: self.max_depth as usize,
            stream_threshold: (self.stream_threshold > 0).then_some(self.stream_threshold),
            max_auth_challenges: match self.max_auth_challenges {
                0 => Limits::default().max_auth_challenges,
                n => n as usize,
            },
        }
    }
}

/// The default limits (16 MiB lines, 256 MiB literals and responses, depth
/// 100, no streaming, 32 AUTHENTICATE challenges). README.md "Limits" and
/// SECURITY.md list what each bounds and the error it gives.
#[no_mangle]
pub extern "C" fn imap_limits_default() -> imap_limits {
    let d = Limits::default();
    imap_limits {
        max_line: d.max_line as u64,
        max_literal: d.max_literal,
        max_response: d.max_response as u64,
        max_depth: d.max_depth as u32,
        stream_threshold: d.stream_threshold.unwrap_or(0),
        max_auth_challenges: u32::try_from(d.max_auth_challenges).unwrap_or(u32::MAX),
    }
}

/// Kinds of [`imap_step`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_step_kind {
    /// Input is needed: call `imap_src`.
    AwaitSrc = 0,
    /// Output is pending: write it out (`imap_dst` / `imap_output`).
    AwaitDst = 1,
    /// No command runs and nothing buffered is left.
    Done = 2,
    /// An untagged response: `u.untagged`.
    Untagged = 3,
    /// Greeting OK or the command's tagged OK: `u.text`.
    Ok = 4,
    /// Greeting PREAUTH: `u.text`.
    Preauth = 5,
    /// Tagged NO: `u.text`.
    No = 6,
    /// Tagged BAD: `u.text`.
    Bad = 7,
    /// STARTTLS accepted: start TLS now.
    Starttls = 8,
    /// A streamed literal starts: `u.literal_begin`.
    LiteralBegin = 9,
    /// Bytes of a streamed literal: `u.literal_data`.
    LiteralData = 10,
    /// A streamed literal ends.
    LiteralEnd = 11,
    /// A response that did not parse: `u.malformed`.
    Malformed = 12,
    /// An error: `error` (see `imap_error_is_fatal`), `imap_error_message`.
    Error = 13,
}

/// The data of an [`imap_step`].
#[repr(C)]
#[derive(Clone, Copy)]
pub union imap_step_data {
    /// UNTAGGED.
    pub untagged: imap_untagged,
    /// OK, PREAUTH, NO, BAD.
    pub text: imap_resp_text,
    /// LITERAL_BEGIN.
    pub literal_begin: imap_literal_begin,
    /// LITERAL_DATA.
    pub literal_data: imap_bytes,
    /// MALFORMED.
    pub malformed: imap_malformed,
}

/// The result of `imap_run`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_step {
    /// What happened; says which member of `u` is set.
    pub kind: imap_step_kind,
    /// The error code when `kind` is ERROR, else `IMAP_ERROR_OK`.
    pub error: imap_error,
    /// Its data.
    pub u: imap_step_data,
}

impl imap_step {
    fn of(kind: imap_step_kind) -> Self {
        imap_step { kind, error: imap_error::Ok, u: imap_step_data { literal_data: imap_bytes::NIL } }
    }

    fn error(e: imap_error) -> Self {
        imap_step { error: e, ..imap_step::of(imap_step_kind::Error) }
    }
}

/// A connection handle.
pub struct imap_connection {
    conn: Connection,
    arena: Arena,
    step: imap_step,
    message: CString,
    /// The caller's output buffer set by `imap_dst`.
    dst: *mut u8,
    dst_len: usize,
    dst_pos: usize,
}

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
        let Some(data) = raw_bytes(data, len) else { return imap_error::NullArgument };
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

/// A new connection awaiting the server's greeting, with default options.
#[no_mangle]
pub extern "C" fn imap_connection_new() -> *mut imap_connection {
    guard(std::ptr::null_mut(), || new_connection(Options::default()))
}

/// A new connection with `limits` (NULL for the defaults) and a tag prefix
/// (NULL for "A"; it must start with a letter and hold only letters and
/// digits). NULL if the prefix is invalid.
///
/// # Safety
/// `limits` is NULL or points to an `imap_limits`; `tag_prefix` is NULL
/// or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_connection_new_with(limits: *const imap_limits, tag_prefix: *const c_char) -> *mut imap_connection {
    guard(std::ptr::null_mut(), || {
        let mut opts = Options::default();
        if let Some(l) = limits.as_ref() {
            opts.limits = l.to_limits();
        }
        if let Some(p) = c_bytes(tag_prefix) {
            let valid = p.first().is_some_and(u8::is_ascii_alphabetic) && p.iter().all(u8::is_ascii_alphanumeric);
            if !valid {
                return std::ptr::null_mut();
            }
            opts.tag_prefix = String::from_utf8_lossy(p).into_owned();
        }
        new_connection(opts)
    })
}

fn new_connection(opts: Options) -> *mut imap_connection {
    Box::into_raw(Box::new(imap_connection {
        conn: Connection::with_options(opts),
        arena: Arena::default(),
        step: imap_step::of(imap_step_kind::Done),
        message: CString::default(),
        dst: std::ptr::null_mut(),
        dst_len: 0,
        dst_pos: 0,
    }))
}

/// Frees a connection (NULL does nothing).
///
/// # Safety
/// `c` is NULL or a connection not yet freed.
#[no_mangle]
pub unsafe extern "C" fn imap_connection_free(c: *mut imap_connection) {
    if !c.is_null() {
        guard((), || drop(Box::from_raw(c)));
    }
}

/// Hands `len` bytes read from the server to the connection (copied; the
/// caller keeps its buffer). `len` 0 means the server closed the connection.
///
/// # Safety
/// `c` is a live connection; `data` points to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn imap_src(c: *mut imap_connection, data: *const u8, len: usize) -> imap_error {
    guard(imap_error::Internal, || {
        let Some(c) = c.as_mut() else { return imap_error::NullArgument };
        let Some(data) = raw_bytes(data, len) else { return imap_error::NullArgument };
        c.arena.clear();
        c.conn.src(data);
        imap_error::Ok
    })
}

/// Gives the connection `len` bytes of output space at `buf`. Each
/// `imap_run` that returns AWAIT_DST has written into it; the caller then
/// sends the first `len - imap_dst_rem(c)` bytes and calls `imap_dst` again
/// (as in the OCaml library). The buffer must stay valid until then.
///
/// # Safety
/// `c` is a live connection; `buf` points to `len` writable bytes that stay
/// valid until the next `imap_dst` or `imap_connection_free`.
#[no_mangle]
pub unsafe extern "C" fn imap_dst(c: *mut imap_connection, buf: *mut u8, len: usize) -> imap_error {
    guard(imap_error::Internal, || {
        let Some(c) = c.as_mut() else { return imap_error::NullArgument };
        if buf.is_null() && len > 0 {
            return imap_error::NullArgument;
        }
        c.dst = buf;
        c.dst_len = len;
        c.dst_pos = 0;
        imap_error::Ok
    })
}

/// Free space left in the buffer given to `imap_dst`.
///
/// # Safety
/// `c` is NULL or a live connection.
#[no_mangle]
pub unsafe extern "C" fn imap_dst_rem(c: *const imap_connection) -> usize {
    guard(0, || c.as_ref().map_or(0, |c| c.dst_len - c.dst_pos))
}

/// The output pending now, without copying: `*len` bytes at the returned
/// pointer (NULL and 0 when there is none). Mark what was sent with
/// `imap_output_advance`. An alternative to `imap_dst`.
///
/// # Safety
/// `c` is a live connection; `len` points to a `size_t`.
#[no_mangle]
pub unsafe extern "C" fn imap_output(c: *mut imap_connection, len: *mut usize) -> *const u8 {
    guard(std::ptr::null(), || {
        let Some(len) = len.as_mut() else { return std::ptr::null() };
        *len = 0;
        let Some(c) = c.as_mut() else { return std::ptr::null() };
        let out = c.conn.output();
        *len = out.len();
        if out.is_empty() {
            std::ptr::null()
        } else {
            out.as_ptr()
        }
    })
}

/// Marks `n` bytes of `imap_output` as sent. More than is pending is
/// `IMAP_ERROR_INVALID_ARGUMENT` and changes nothing (`imap_error_message`
/// says how much was pending).
///
/// # Safety
/// `c` is a live connection.
#[no_mangle]
pub unsafe extern "C" fn imap_output_advance(c: *mut imap_connection, n: usize) -> imap_error {
    guard(imap_error::Internal, || {
        let Some(c) = c.as_mut() else { return imap_error::NullArgument };
        match c.conn.advance_output(n) {
            Ok(()) => imap_error::Ok,
            Err(e) => {
                c.message = CString::new(e.to_string()).unwrap_or_default();
                imap_error::from(&e)
            }
        }
    })
}

/// Asks the running IDLE to stop: `DONE` is sent on the next `imap_run`,
/// without waiting for input (or as soon as the server accepts IDLE).
///
/// # Safety
/// `c` is a live connection.
#[no_mangle]
pub unsafe extern "C" fn imap_idle_stop(c: *mut imap_connection) -> imap_error {
    guard(imap_error::Internal, || {
        let Some(c) = c.as_mut() else { return imap_error::NullArgument };
        c.conn.idle_stop();
        imap_error::Ok
    })
}

/// A handle that stops the IDLE of a connection from any thread.
pub struct imap_idle_stopper {
    stop: IdleStop,
}

/// A handle that stops `c`'s running (or next) IDLE from any thread, also
/// while another thread drives the connection. It may outlive the
/// connection. The driving thread must still be woken (a poll timeout or a
/// pipe) to call `imap_run`, which then sends `DONE` without waiting for
/// input. NULL if `c` is NULL.
///
/// # Safety
/// `c` is NULL or a live connection.
#[no_mangle]
pub unsafe extern "C" fn imap_idle_stopper_new(c: *const imap_connection) -> *mut imap_idle_stopper {
    guard(std::ptr::null_mut(), || match c.as_ref() {
        Some(c) => Box::into_raw(Box::new(imap_idle_stopper { stop: c.conn.idle_stop_handle() })),
        None => std::ptr::null_mut(),
    })
}

/// Asks the IDLE to stop; safe to call from any thread.
///
/// # Safety
/// `s` is NULL or a live stopper.
#[no_mangle]
pub unsafe extern "C" fn imap_idle_stopper_stop(s: *const imap_idle_stopper) -> imap_error {
    guard(imap_error::Internal, || match s.as_ref() {
        Some(s) => {
            s.stop.stop();
            imap_error::Ok
        }
        None => imap_error::NullArgument,
    })
}

/// Frees a stopper (NULL does nothing).
///
/// # Safety
/// `s` is NULL or a stopper not yet freed.
#[no_mangle]
pub unsafe extern "C" fn imap_idle_stopper_free(s: *mut imap_idle_stopper) {
    if !s.is_null() {
        guard((), || drop(Box::from_raw(s)));
    }
}

/// Whether a command is running.
///
/// # Safety
/// `c` is NULL or a live connection.
#[no_mangle]
pub unsafe extern "C" fn imap_is_busy(c: *const imap_connection) -> bool {
    guard(false, || c.as_ref().is_some_and(|c| c.conn.is_busy()))
}

/// The detailed message of the last ERROR step or refused
/// `imap_output_advance` (empty if none), valid until
/// the next call that takes this connection.
///
/// # Safety
/// `c` is NULL or a live connection.
#[no_mangle]
pub unsafe extern "C" fn imap_error_message(c: *const imap_connection) -> *const c_char {
    guard(c"".as_ptr(), || c.as_ref().map_or(c"".as_ptr(), |c| c.message.as_ptr()))
}

/// Advances the protocol one step. `cmd` starts a command (it is copied:
/// the caller still owns it and may reuse or free it), NULL continues.
/// Returns the step, never NULL; what it points to borrows from the
/// connection and is valid until the next call that takes this connection.
///
/// # Safety
/// `c` is NULL or a live connection; `cmd` is NULL or a live command.
#[no_mangle]
pub unsafe extern "C" fn imap_run(c: *mut imap_connection, cmd: *const imap_command) -> *const imap_step {
    static NULL_STEP: StaticStep = StaticStep(imap_step {
        kind: imap_step_kind::Error,
        error: imap_error::NullArgument,
        u: imap_step_data { literal_data: imap_bytes { ptr: std::ptr::null(), len: 0 } },
    });
    let Some(c) = c.as_mut() else { return &NULL_STEP.0 };
    let step = guard(imap_step::error(imap_error::Internal), || run(c, cmd.as_ref()));
    c.step = step;
    &c.step
}

/// A step in static storage (it holds no pointer).
struct StaticStep(imap_step);

// SAFETY: the static step holds no pointer and is never written.
unsafe impl Sync for StaticStep {}

fn run(c: &mut imap_connection, cmd: Option<&imap_command>) -> imap_step {
    c.arena.clear();
    c.message = CString::default();
    let action = match cmd {
        None => Action::Await,
        Some(cmd) => match cmd.to_action() {
            Ok(a) => a,
            Err(e) => return fail(c, e, "this AUTHENTICATE command was already run (its authenticator is used up)".into()),
        },
    };
    match c.conn.run(action) {
        Ok(Step::AwaitDst) => {
            copy_output(c);
            imap_step::of(imap_step_kind::AwaitDst)
        }
        Ok(step) => convert(&c.arena, &step),
        Err(e) => fail(c, imap_error::from(&e), e.to_string()),
    }
}

fn fail(c: &mut imap_connection, code: imap_error, message: String) -> imap_step {
    c.message = CString::new(message.replace('\0', " ")).unwrap_or_default();
    imap_step::error(code)
}

/// Copies pending output into the buffer given by `imap_dst`, if any.
fn copy_output(c: &mut imap_connection) {
    if c.dst.is_null() {
        return;
    }
    let room = c.dst_len - c.dst_pos;
    let out = c.conn.output();
    let n = out.len().min(room);
    // SAFETY: imap_dst's caller guaranteed `dst_len` writable bytes at `dst`.
    unsafe { std::ptr::copy_nonoverlapping(out.as_ptr(), c.dst.add(c.dst_pos), n) };
    c.dst_pos += n;
    let sent = c.conn.advance_output(n);
    debug_assert!(sent.is_ok(), "{sent:?}");
}

fn convert(a: &Arena, step: &Step<'_>) -> imap_step {
    use imap_step_kind as K;
    let text = |a: &Arena, kind, t| imap_step { u: imap_step_data { text: types::resp_text(a, t) }, ..imap_step::of(kind) };
    match step {
        Step::AwaitSrc => imap_step::of(K::AwaitSrc),
        Step::AwaitDst => imap_step::of(K::AwaitDst),
        Step::Done => imap_step::of(K::Done),
        Step::Untagged(u) => imap_step { u: imap_step_data { untagged: types::untagged(a, u) }, ..imap_step::of(K::Untagged) },
        Step::Ok(t) => text(a, K::Ok, t),
        Step::Preauth(t) => text(a, K::Preauth, t),
        Step::No(t) => text(a, K::No, t),
        Step::Bad(t) => text(a, K::Bad, t),
        Step::StartTls => imap_step::of(K::Starttls),
        Step::LiteralBegin(b) => {
            imap_step { u: imap_step_data { literal_begin: types::literal_begin(b) }, ..imap_step::of(K::LiteralBegin) }
        }
        Step::LiteralData(d) => imap_step { u: imap_step_data { literal_data: imap_bytes::of(d) }, ..imap_step::of(K::LiteralData) },
        Step::LiteralEnd => imap_step::of(K::LiteralEnd),
        Step::Malformed(m) => imap_step { u: imap_step_data { malformed: types::malformed(m) }, ..imap_step::of(K::Malformed) },
    }
}
