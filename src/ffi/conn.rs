//! The connection in C: `imap_connection_new`, `imap_src`, `imap_dst`,
//! `imap_dst_rem`, `imap_run`, IDLE stop.

use std::ffi::{c_char, CStr, CString};

use super::command::imap_command;
use super::error::imap_error;
use super::types::{self, imap_literal_begin, imap_malformed, imap_resp_text, imap_untagged};
use super::{c_array, c_bytes, guard, imap_bytes, Arena};
use crate::codec::Limits;
use crate::conn::{Action, Connection, IdleStop, Options, Step};

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
    /// The message of the last error (None: empty), kept until the next
    /// call; None costs no allocation on the hot path.
    message: Option<CString>,
    /// The caller's output buffer set by `imap_dst`.
    dst: *mut u8,
    dst_len: usize,
    dst_pos: usize,
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
        message: None,
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
        let Some(c) = c.as_mut() else {
            return imap_error::NullArgument;
        };
        let Some(data) = c_array(data, len) else {
            return imap_error::NullArgument;
        };
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
        let Some(c) = c.as_mut() else {
            return imap_error::NullArgument;
        };
        if buf.is_null() && len > 0 {
            return imap_error::NullArgument;
        }
        c.dst = buf;
        c.dst_len = len;
        c.dst_pos = 0;
        imap_error::Ok
    })
}

/// Free space left in the buffer given to `imap_dst`, as in the OCaml
/// library: its length less what the runs since wrote into it. (Rust's
/// `Connection::dst_rem` is something else, the output still pending;
/// the Rust counterpart of this number is the length of the buffer less
/// what `Connection::dst` returned.)
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
        let Some(len) = len.as_mut() else {
            return std::ptr::null();
        };
        *len = 0;
        let Some(c) = c.as_mut() else {
            return std::ptr::null();
        };
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
        let Some(c) = c.as_mut() else {
            return imap_error::NullArgument;
        };
        match c.conn.advance_output(n) {
            Ok(()) => imap_error::Ok,
            Err(e) => {
                c.message = CString::new(e.to_string()).ok();
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
        let Some(c) = c.as_mut() else {
            return imap_error::NullArgument;
        };
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
    guard(c"".as_ptr(), || c.as_ref().and_then(|c| c.message.as_deref()).map_or(c"".as_ptr(), CStr::as_ptr))
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
    let Some(c) = c.as_mut() else {
        return &NULL_STEP.0;
    };
    if guard(true, || run(c, cmd.as_ref())) {
        c.step = imap_step::error(imap_error::Internal);
    }
    &c.step
}

/// A step in static storage (it holds no pointer).
struct StaticStep(imap_step);

// SAFETY: the static step holds no pointer and is never written.
unsafe impl Sync for StaticStep {}

/// Runs one step into `c.step`, in place (building the 88-byte step
/// elsewhere and copying it costs more than converting a small response).
/// False if it panicked midway.
fn run(c: &mut imap_connection, cmd: Option<&imap_command>) -> bool {
    c.arena.clear();
    c.message = None;
    let action = match cmd {
        None => Action::Await,
        Some(cmd) => match cmd.to_action() {
            Ok(a) => a,
            Err(e) => {
                fail(c, e, "this AUTHENTICATE command was already run (its authenticator is used up)".into());
                return false;
            }
        },
    };
    match c.conn.run(action) {
        Ok(Step::AwaitDst) => {
            copy_output(c);
            c.step = imap_step::of(imap_step_kind::AwaitDst);
        }
        Ok(step) => convert(&c.arena, &step, &mut c.step),
        Err(e) => fail(c, imap_error::from(&e), e.to_string()),
    }
    false
}

fn fail(c: &mut imap_connection, code: imap_error, message: String) {
    c.message = CString::new(message.replace('\0', " ")).ok();
    c.step = imap_step::error(code);
}

/// Copies pending output into the free part of the buffer given by
/// `imap_dst`, if any, through [`Connection::dst`].
fn copy_output(c: &mut imap_connection) {
    if c.dst.is_null() {
        return;
    }
    // SAFETY: imap_dst's caller guaranteed `dst_len` writable bytes at
    // `dst`, and `dst_pos <= dst_len`.
    let free = unsafe { std::slice::from_raw_parts_mut(c.dst.add(c.dst_pos), c.dst_len - c.dst_pos) };
    c.dst_pos += c.conn.dst(free);
}

/// Writes `step` as C into `out`.
fn convert(a: &Arena, step: &Step<'_>, out: &mut imap_step) {
    use imap_step_kind as K;
    out.error = imap_error::Ok;
    out.kind = match step {
        Step::AwaitSrc => K::AwaitSrc,
        Step::AwaitDst => K::AwaitDst,
        Step::Done => K::Done,
        Step::Untagged(u) => {
            out.u.untagged = types::untagged(a, u);
            K::Untagged
        }
        Step::Ok(t) | Step::Preauth(t) | Step::No(t) | Step::Bad(t) => {
            out.u.text = types::resp_text(a, t);
            match step {
                Step::Ok(_) => K::Ok,
                Step::Preauth(_) => K::Preauth,
                Step::No(_) => K::No,
                _ => K::Bad,
            }
        }
        Step::StartTls => K::Starttls,
        Step::LiteralBegin(b) => {
            out.u.literal_begin = types::literal_begin(b);
            K::LiteralBegin
        }
        Step::LiteralData(d) => {
            out.u.literal_data = imap_bytes::of(d);
            K::LiteralData
        }
        Step::LiteralEnd => K::LiteralEnd,
        Step::Malformed(m) => {
            out.u.malformed = types::malformed(m);
            K::Malformed
        }
    };
}
