//! The connection state machine: `src` / `dst` / `run`, as in the OCaml
//! library this crate replaces, without touching a socket.
//!
//! The caller moves bytes: what it reads from the server goes to
//! [`Connection::src`] (an empty slice means the server closed the
//! connection), what [`Connection::output`] (or [`Connection::dst`]) holds
//! goes to the server. [`Connection::run`] advances the protocol one step
//! and says what it needs or what it found.
//!
//! ```text
//!                 new()
//!                   |
//!                   v
//!             +-----------+  * OK / * PREAUTH      +---------+
//!             | Greeting  | ---------------------> |  Ready  | <------------+
//!             +-----------+  (Step::Ok/Preauth)    +---------+              |
//!                   | * BYE, anything else              | run(Command)      | tagged OK/NO/BAD
//!                   v                                   v                   | (Step::Ok/No/Bad,
//!             +-----------+                        +---------+              |  StartTls)
//!             |   Dead    | <--- fatal error ----- | Running | -------------+
//!             +-----------+                        +---------+
//!                                                  |  sends its line(s) (AwaitDst),
//!                                                  |  waits for `+` before each
//!                                                  |  synchronizing literal, answers
//!                                                  |  AUTHENTICATE challenges, sends
//!                                                  |  DONE when IDLE is stopped, and
//!                                                  |  hands out every untagged
//!                                                  v  response on the way (Untagged)
//! ```
//!
//! Each call to `run` returns one [`Step`]: [`Step::AwaitDst`] while output
//! is pending (at least once per command), [`Step::AwaitSrc`] when input is
//! needed, one untagged response, a streamed literal event, a malformed
//! response, the command's completion, or [`Step::Done`] when no command is
//! running and nothing buffered is left to hand out.
//!
//! ```
//! use imap::conn::{Action, Connection, Step};
//! use imap::types::{Bytes, Command, Untagged};
//!
//! // A scripted server: what it sends after each thing the client sends.
//! let mut replies = vec![
//!     &b"* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"[..],
//!     b"* 2 EXISTS\r\nA1 OK LOGIN done\r\n",
//! ]
//! .into_iter();
//! let mut sent = Vec::new();
//! let mut conn = Connection::new();
//! let login = Command::Login { username: Bytes::from("fred"), password: Bytes::from("p\u{e4}ss") };
//! let mut action = Action::Await;
//! loop {
//!     match conn.run(std::mem::replace(&mut action, Action::Await)).unwrap() {
//!         Step::AwaitDst => {
//!             let out = conn.output().to_vec(); // a socket write in real life
//!             conn.advance_output(out.len()).unwrap();
//!             sent.extend(out);
//!         }
//!         Step::AwaitSrc => conn.src(replies.next().unwrap()), // a socket read
//!         Step::Ok(_) if sent.is_empty() => action = Action::Command(login.clone()), // the greeting
//!         Step::Untagged(Untagged::Exists(n)) => assert_eq!(n, 2),
//!         Step::Ok(text) => {
//!             assert_eq!(text.text.as_bytes(), b"LOGIN done");
//!             break;
//!         }
//!         other => panic!("{other:?}"),
//!     }
//! }
//! // LITERAL+ was advertised, so the 8-bit password went as {5+} without waiting.
//! assert_eq!(sent, b"A1 LOGIN fred {5+}\r\np\xc3\xa4ss\r\n");
//! ```
//!
//! Untagged responses are delivered whenever they arrive: before a `+`,
//! during IDLE and between commands (`run(Action::Await)` in `Ready` hands
//! out whatever is buffered). None is dropped.
//!
//! # Errors
//!
//! `run` returns `Err` for errors; [`Error::is_fatal`] tells which end the
//! connection. Fatal: a framing error (over a limit, input ending inside a
//! response), the end of input, a bad greeting or `* BYE` greeting, a tagged
//! response with an unknown tag, an unexpected `+`, bytes after the tagged
//! OK of STARTTLS, a broken compressed stream. After a fatal error every
//! call returns [`Error::Closed`]. Not fatal: a command that cannot be
//! encoded ([`Error::Encode`], nothing is sent), a command while another
//! runs ([`Error::Busy`]), an authenticator's refusal or an undecodable
//! challenge ([`Error::Auth`], the exchange is cancelled with `*` and the
//! server's tagged answer follows). A tagged NO or BAD is not an error but a
//! [`Step::No`] / [`Step::Bad`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress};
use thiserror::Error;

use crate::codec::encode::{self, EncodeError, EncodeOptions, LiteralMode};
use crate::codec::{Decoder, Event, FrameError, Limits, LiteralBegin, Malformed, Peek};
use crate::types::{Bytes, Capability, CapabilitySet, Code, Command, RespText, Response, Status, Untagged};

/// How much output is prepared ahead of the caller's writes.
const OUTPUT_CHUNK: usize = 64 * 1024;

/// A SASL mechanism, driven by the connection during AUTHENTICATE.
///
/// The connection does the base64: the authenticator sees and returns raw
/// bytes.
pub trait Authenticator {
    /// The mechanism name, e.g. `PLAIN`.
    fn mechanism(&self) -> &str;
    /// The client's first message for mechanisms where the client speaks
    /// first (PLAIN, XOAUTH2), sent inline when the server offers SASL-IR,
    /// otherwise in answer to the first (empty) challenge; `Ok(None)` when
    /// the server speaks first, or a reason not to authenticate at all.
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>, String>;
    /// The answer to a server challenge, or a reason to cancel.
    fn step(&mut self, challenge: &[u8]) -> Result<Vec<u8>, String>;
}

/// SASL PLAIN (RFC 4616).
#[derive(Clone, Debug)]
pub struct Plain {
    /// Authorization identity; empty to act as `user`.
    pub authzid: String,
    /// Authentication identity.
    pub user: String,
    /// Password.
    pub password: String,
}

impl Plain {
    /// PLAIN for `user` with `password`, with an empty authorization identity.
    pub fn new(user: impl Into<String>, password: impl Into<String>) -> Self {
        Plain { authzid: String::new(), user: user.into(), password: password.into() }
    }

    fn message(&self) -> Vec<u8> {
        [self.authzid.as_bytes(), b"\0", self.user.as_bytes(), b"\0", self.password.as_bytes()].concat()
    }
}

impl Authenticator for Plain {
    fn mechanism(&self) -> &str {
        "PLAIN"
    }
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>, String> {
        Ok(Some(self.message()))
    }
    fn step(&mut self, _challenge: &[u8]) -> Result<Vec<u8>, String> {
        Ok(self.message())
    }
}

/// Google's and Microsoft's XOAUTH2.
///
/// After a failure the server sends a JSON error as a challenge; the
/// answer is an empty response, after which the server sends its tagged NO.
#[derive(Clone, Debug)]
pub struct XOAuth2 {
    /// The user's address.
    pub user: String,
    /// The OAuth 2.0 access token.
    pub token: String,
}

impl XOAuth2 {
    /// XOAUTH2 for `user` with the access `token`.
    pub fn new(user: impl Into<String>, token: impl Into<String>) -> Self {
        XOAuth2 { user: user.into(), token: token.into() }
    }
}

impl Authenticator for XOAuth2 {
    fn mechanism(&self) -> &str {
        "XOAUTH2"
    }
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>, String> {
        Ok(Some(format!("user={}\x01auth=Bearer {}\x01\x01", self.user, self.token).into_bytes()))
    }
    fn step(&mut self, _challenge: &[u8]) -> Result<Vec<u8>, String> {
        Ok(Vec::new())
    }
}

/// What to do in a call to [`Connection::run`].
pub enum Action {
    /// Continue the current exchange (or hand out buffered responses).
    Await,
    /// Start a command. `AUTHENTICATE` goes through [`Action::Authenticate`].
    Command(Command<'static>),
    /// Start AUTHENTICATE with this mechanism.
    Authenticate(Box<dyn Authenticator>),
}

/// The result of one call to [`Connection::run`]. Borrowed data is valid
/// until the next call that takes the connection.
#[derive(Debug, PartialEq, Eq)]
pub enum Step<'a> {
    /// Input is needed: call [`Connection::src`].
    AwaitSrc,
    /// Output is pending: send [`Connection::output`] (or use [`Connection::dst`]).
    AwaitDst,
    /// No command is running and nothing buffered is left to hand out.
    Done,
    /// An untagged response.
    Untagged(Untagged<'a>),
    /// The greeting `* OK`, or the tagged OK that completed the command.
    Ok(RespText<'a>),
    /// The greeting `* PREAUTH`: the session starts authenticated.
    Preauth(RespText<'a>),
    /// The command failed: tagged NO.
    No(RespText<'a>),
    /// The command was rejected: tagged BAD.
    Bad(RespText<'a>),
    /// STARTTLS was accepted: perform the TLS handshake now, then feed
    /// decrypted bytes. Capabilities are forgotten until read again.
    StartTls,
    /// A streamed literal starts (see [`Limits::stream_threshold`]).
    LiteralBegin(LiteralBegin<'a>),
    /// The next bytes of a streamed literal.
    LiteralData(&'a [u8]),
    /// A streamed literal is complete.
    LiteralEnd,
    /// A response that did not parse (skipped; if it carried the running
    /// command's tag, the command is over).
    Malformed(Malformed<'a>),
}

/// Errors of [`Connection::run`]; see the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum Error {
    /// The byte stream cannot be framed (fatal).
    #[error(transparent)]
    Frame(#[from] FrameError),
    /// The server closed the connection (fatal).
    #[error("the server closed the connection")]
    Eof,
    /// The greeting was `* BYE` (fatal).
    #[error("the server refused the connection: {}", String::from_utf8_lossy(.0))]
    ByeGreeting(Vec<u8>),
    /// The first response was not a greeting (fatal).
    #[error("the first response is not a greeting")]
    BadGreeting,
    /// A tagged response whose tag is not the running command's (fatal).
    #[error("tagged response with unknown tag {:?}", String::from_utf8_lossy(.0))]
    UnknownTag(Vec<u8>),
    /// A continuation request where none can come (fatal).
    #[error("unexpected continuation request")]
    UnexpectedContinuation,
    /// The server sent bytes after the tagged OK of STARTTLS, before TLS
    /// started: response injection, CVE-2020-15953 (fatal).
    #[error("{0} bytes arrived after the STARTTLS OK, before TLS started (response injection)")]
    StartTlsInjection(usize),
    /// The compressed input stream is broken (fatal).
    #[error("COMPRESS=DEFLATE: {0}")]
    Compression(String),
    /// [`Connection::advance_output`] was told more bytes were sent than
    /// were pending (not fatal; nothing changes).
    #[error("advanced the output by {advanced} bytes, but only {pending} are pending")]
    OutputOverrun {
        /// The bytes the caller said it sent.
        advanced: usize,
        /// The bytes that were pending.
        pending: usize,
    },
    /// A command while another is running (not fatal; nothing is sent).
    #[error("a command is already running; call run(Action::Await)")]
    Busy,
    /// A command before the greeting (not fatal; nothing is sent).
    #[error("the greeting has not arrived yet; call run(Action::Await)")]
    NoGreeting,
    /// AUTHENTICATE given as a plain command (not fatal; nothing is sent).
    #[error("AUTHENTICATE needs an authenticator: use Action::Authenticate")]
    NeedsAuthenticator,
    /// The command cannot be encoded (not fatal; nothing is sent).
    #[error("cannot encode the command: {0}")]
    Encode(#[from] EncodeError),
    /// The authenticator gave up, or a challenge was not valid base64 (not
    /// fatal: `*` was sent and the server's answer follows). When it gives
    /// up before the first message, nothing is sent at all.
    #[error("authentication cancelled: {0}")]
    Auth(String),
    /// The connection is dead after an earlier fatal error.
    #[error("the connection is closed after a fatal error")]
    Closed,
}

impl Error {
    /// Whether the connection is over.
    pub fn is_fatal(&self) -> bool {
        !matches!(
            self,
            Error::Busy | Error::NoGreeting | Error::NeedsAuthenticator | Error::Encode(_) | Error::Auth(_) | Error::OutputOverrun { .. }
        )
    }
}

/// Settings of a connection.
#[derive(Clone, Debug)]
pub struct Options {
    /// Tags are this prefix and a counter (`A1`, `A2`...); it must start with
    /// a letter, since some servers reject numeric tags.
    pub tag_prefix: String,
    /// Decoder limits, including the literal streaming threshold.
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options { tag_prefix: "A".to_string(), limits: Limits::default() }
    }
}

/// A handle that stops a running IDLE; it may be used from another thread.
#[derive(Clone, Debug, Default)]
pub struct IdleStop(Arc<AtomicBool>);

impl IdleStop {
    /// Asks the connection to send `DONE` (at once if the server has
    /// accepted IDLE, otherwise as soon as it does).
    pub fn stop(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    fn requested(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    fn reset(&self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// What kind of exchange the running command has.
enum Kind {
    Plain,
    StartTls,
    Compress,
    Idle {
        /// The server's `+` arrived.
        accepted: bool,
        /// `DONE` was queued.
        done: bool,
    },
    Auth {
        authenticator: Box<dyn Authenticator>,
        /// The initial response, still to be sent at the first challenge.
        initial: Option<Vec<u8>>,
        /// Challenges answered so far.
        challenges: usize,
    },
}

struct Running {
    tag: Vec<u8>,
    kind: Kind,
    /// The command, kept to re-encode its literal data on demand.
    command: Command<'static>,
    opts: EncodeOptions,
    /// The part and offset of the next byte to move to the output.
    next_part: usize,
    part_offset: usize,
    /// Parts before this index may be sent: a `+` released them.
    granted: usize,
    /// Output stopped before a part that waits for a `+`.
    waiting: bool,
    /// Every part has been moved to the output; only responses remain.
    sent: bool,
}

enum State {
    Greeting,
    Ready,
    Running(Box<Running>),
    Dead,
}

/// Everything but the decoder, so that a decoded event can borrow the
/// decoder while the rest is updated.
struct Core {
    state: State,
    opts: Options,
    counter: u64,
    capabilities: Option<CapabilitySet>,
    utf8_accept: bool,
    idle_stop: IdleStop,
    out: Vec<u8>,
    out_pos: usize,
    deflate: Option<Compress>,
    inflate: Option<Decompress>,
    /// COMPRESS was accepted; switch on at the next call.
    compress_pending: bool,
    /// A fatal error found outside `run` (in `src`), reported by the next `run`.
    pending: Option<Error>,
}

/// An IMAP client connection, without I/O.
pub struct Connection {
    decoder: Decoder,
    core: Core,
}

impl Default for Connection {
    fn default() -> Self {
        Connection::new()
    }
}

impl Connection {
    /// A connection awaiting the server's greeting, with default options.
    pub fn new() -> Self {
        Connection::with_options(Options::default())
    }

    /// A connection with the given options.
    pub fn with_options(opts: Options) -> Self {
        Connection {
            decoder: Decoder::with_limits(opts.limits.clone()),
            core: Core {
                state: State::Greeting,
                opts,
                counter: 0,
                capabilities: None,
                utf8_accept: false,
                idle_stop: IdleStop::default(),
                out: Vec::new(),
                out_pos: 0,
                deflate: None,
                inflate: None,
                compress_pending: false,
                pending: None,
            },
        }
    }

    /// Hands input from the server to the connection (copied). An empty
    /// slice means the server closed the connection.
    pub fn src(&mut self, input: &[u8]) {
        if input.is_empty() {
            self.decoder.feed_eof();
            return;
        }
        let Some(inflate) = self.core.inflate.as_mut() else {
            self.decoder.feed(input);
            return;
        };
        if let Err(e) = inflate_into(inflate, input, &mut self.decoder) {
            self.core.pending = Some(e);
        }
    }

    /// The bytes to send to the server now (possibly only a part of what
    /// is pending); mark what was sent with [`Connection::advance_output`].
    pub fn output(&mut self) -> &[u8] {
        self.core.fill_output();
        &self.core.out[self.core.out_pos..]
    }

    /// Marks `n` bytes of [`Connection::output`] as sent. More than is
    /// pending is [`Error::OutputOverrun`] and changes nothing.
    pub fn advance_output(&mut self, n: usize) -> Result<(), Error> {
        let pending = self.core.out.len() - self.core.out_pos;
        if n > pending {
            return Err(Error::OutputOverrun { advanced: n, pending });
        }
        self.core.mark_sent(n);
        Ok(())
    }

    /// Copies pending output into `buf` and returns how many bytes it wrote.
    pub fn dst(&mut self, buf: &mut [u8]) -> usize {
        let out = self.output();
        let n = out.len().min(buf.len());
        buf[..n].copy_from_slice(&out[..n]);
        self.core.mark_sent(n);
        n
    }

    /// How many output bytes are ready to send now. Not the C
    /// `imap_dst_rem`, which is the free space left in the caller's buffer
    /// (the buffer's length less what [`Connection::dst`] wrote into it).
    pub fn dst_rem(&mut self) -> usize {
        self.output().len()
    }

    /// The capabilities the server last listed, if known.
    pub fn capabilities(&self) -> Option<&CapabilitySet> {
        self.core.capabilities.as_ref()
    }

    /// Whether the server listed `cap` (case-insensitively for names).
    pub fn has_capability(&self, cap: &Capability<'_>) -> bool {
        self.core.capabilities.as_ref().is_some_and(|caps| caps.iter().any(|c| c.to_wire().eq_ignore_ascii_case(&cap.to_wire())))
    }

    /// Whether a command is running.
    pub fn is_busy(&self) -> bool {
        matches!(self.core.state, State::Running(_))
    }

    /// A handle that stops the running (or next) IDLE.
    pub fn idle_stop_handle(&self) -> IdleStop {
        self.core.idle_stop.clone()
    }

    /// Stops the running IDLE: `DONE` is sent on the next `run`, without
    /// waiting for input (or as soon as the server accepts IDLE).
    pub fn idle_stop(&mut self) {
        self.core.idle_stop.stop();
    }

    /// Advances the protocol one step; see the [module documentation](self).
    pub fn run(&mut self, action: Action) -> Result<Step<'_>, Error> {
        if matches!(self.core.state, State::Dead) {
            return Err(Error::Closed);
        }
        if let Some(e) = self.core.pending.take() {
            return Err(self.core.die(e));
        }
        if self.core.compress_pending {
            self.core.compress_pending = false;
            self.core.deflate = Some(Compress::new(Compression::default(), false));
            let mut inflate = Decompress::new(false);
            let rest = self.decoder.take_buffered();
            if let Err(e) = inflate_into(&mut inflate, &rest, &mut self.decoder) {
                return Err(self.core.die(e));
            }
            self.core.inflate = Some(inflate);
        }
        match action {
            Action::Await => {}
            Action::Command(Command::Authenticate { .. }) => return Err(Error::NeedsAuthenticator),
            Action::Command(cmd) => self.core.start(cmd, None)?,
            Action::Authenticate(a) => self.core.start_authenticate(a)?,
        }
        self.core.fill_output();
        if self.core.out_pos < self.core.out.len() {
            return Ok(Step::AwaitDst);
        }
        if self.core.queue_done() {
            return Ok(Step::AwaitDst);
        }
        let peek = loop {
            let peek = match self.decoder.poll() {
                Ok(Some(p)) => p,
                Ok(None) if self.decoder.is_eof() => return Err(self.core.die(Error::Eof)),
                Ok(None) => {
                    // Waiting: nothing is buffered, so give memory back
                    // (an idle connection goes from 6.7 to 1.6 KiB).
                    self.decoder.trim();
                    return Ok(if matches!(self.core.state, State::Ready) { Step::Done } else { Step::AwaitSrc });
                }
                Err(e) => return Err(self.core.die(Error::Frame(e))),
            };
            if !matches!(peek, Peek::Response { first_byte: b'+', .. }) || !self.core.idle_accepts_continuation() {
                break peek;
            }
            self.decoder.discard();
            if self.core.queue_done() {
                return Ok(Step::AwaitDst);
            }
        };
        let event = match self.decoder.next() {
            Ok(Some(e)) => e,
            Ok(None) => return Ok(Step::AwaitSrc),
            Err(e) => return Err(self.core.die(Error::Frame(e))),
        };
        let trailing = match peek {
            Peek::Response { trailing, .. } => trailing,
            Peek::Literal => 0,
        };
        self.core.handle(event, trailing)
    }
}

/// Inflates `input` and feeds the result to `decoder`.
fn inflate_into(inflate: &mut Decompress, mut input: &[u8], decoder: &mut Decoder) -> Result<(), Error> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let before_in = inflate.total_in();
        let before_out = inflate.total_out();
        inflate
            .decompress(input, &mut buf, FlushDecompress::Sync)
            .map_err(|e| Error::Compression(e.to_string()))?;
        let used = (inflate.total_in() - before_in) as usize;
        let made = (inflate.total_out() - before_out) as usize;
        decoder.feed(&buf[..made]);
        input = &input[used..];
        if input.is_empty() && made < buf.len() {
            return Ok(());
        }
        if used == 0 && made == 0 {
            return Err(Error::Compression("the compressed stream does not progress".into()));
        }
    }
}

impl Core {
    fn die(&mut self, e: Error) -> Error {
        if e.is_fatal() {
            self.state = State::Dead;
        }
        e
    }

    /// The tag the next command gets; the counter moves on only when a
    /// command is really sent, so tags have no gaps.
    fn next_tag(&self) -> Vec<u8> {
        format!("{}{}", self.opts.tag_prefix, self.counter + 1).into_bytes()
    }

    fn encode_options(&self) -> EncodeOptions {
        let has = |c: &Capability<'_>| self.capabilities.as_ref().is_some_and(|caps| caps.contains(c));
        let literal = if has(&Capability::LiteralPlus) {
            LiteralMode::Plus
        } else if has(&Capability::LiteralMinus) {
            LiteralMode::Minus
        } else {
            LiteralMode::Sync
        };
        EncodeOptions { literal, utf8_accept: self.utf8_accept }
    }

    fn check_can_start(&self) -> Result<(), Error> {
        match self.state {
            State::Greeting => Err(Error::NoGreeting),
            State::Running(_) => Err(Error::Busy),
            State::Ready => Ok(()),
            State::Dead => Err(Error::Closed),
        }
    }

    fn start(&mut self, command: Command<'static>, auth: Option<Kind>) -> Result<(), Error> {
        self.check_can_start()?;
        let opts = self.encode_options();
        let tag = self.next_tag();
        encode::encode(&command, &tag, &opts)?;
        self.counter += 1;
        let kind = auth.unwrap_or(match command {
            Command::StartTls => Kind::StartTls,
            Command::CompressDeflate => Kind::Compress,
            Command::Idle => {
                self.idle_stop.reset();
                Kind::Idle { accepted: false, done: false }
            }
            _ => Kind::Plain,
        });
        self.state = State::Running(Box::new(Running { tag, kind, command, opts, next_part: 0, part_offset: 0, granted: 0, waiting: false, sent: false }));
        Ok(())
    }

    fn start_authenticate(&mut self, mut authenticator: Box<dyn Authenticator>) -> Result<(), Error> {
        self.check_can_start()?;
        let mechanism = Bytes::owned(authenticator.mechanism().as_bytes().to_vec());
        let sasl_ir = self.capabilities.as_ref().is_some_and(|c| c.contains(&Capability::SaslIr));
        let initial = authenticator.initial_response().map_err(Error::Auth)?;
        let (inline, initial) = if sasl_ir { (initial, None) } else { (None, initial) };
        let command = Command::Authenticate { mechanism, initial_response: inline.map(Bytes::owned) };
        self.start(command, Some(Kind::Auth { authenticator, initial, challenges: 0 }))
    }

    /// Moves the running command's releasable bytes into the output, up to
    /// the next part that waits for `+`.
    fn fill_output(&mut self) {
        let pending = self.out.len() - self.out_pos;
        let State::Running(r) = &mut self.state else { return };
        if r.sent || r.waiting || pending >= OUTPUT_CHUNK {
            return;
        }
        let Ok(encoded) = encode::encode(&r.command, &r.tag, &r.opts) else { return };
        let mut staged = Vec::new();
        while let Some(part) = encoded.parts.get(r.next_part) {
            if r.part_offset == 0 && part.waits() && r.next_part > r.granted {
                r.waiting = true;
                break;
            }
            let bytes = part.bytes();
            let take = (bytes.len() - r.part_offset).min(OUTPUT_CHUNK.saturating_sub(staged.len()));
            staged.extend_from_slice(&bytes[r.part_offset..r.part_offset + take]);
            r.part_offset += take;
            if r.part_offset < bytes.len() {
                break;
            }
            r.next_part += 1;
            r.part_offset = 0;
        }
        r.sent = r.next_part == encoded.parts.len();
        self.push_out(&staged);
    }

    /// Marks `n` pending output bytes (no more) as sent.
    fn mark_sent(&mut self, n: usize) {
        self.out_pos += n;
        if self.out_pos == self.out.len() {
            self.out.clear();
            self.out_pos = 0;
        }
    }

    /// Appends bytes to the output, compressing them when COMPRESS is on.
    fn push_out(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        if self.out_pos > 0 && self.out_pos == self.out.len() {
            self.out.clear();
            self.out_pos = 0;
        }
        let Some(deflate) = self.deflate.as_mut() else {
            self.out.extend_from_slice(bytes);
            return;
        };
        let mut input = bytes;
        loop {
            self.out.reserve(input.len() / 2 + 64);
            let before_in = deflate.total_in();
            let status = deflate.compress_vec(input, &mut self.out, FlushCompress::Sync);
            input = &input[(deflate.total_in() - before_in) as usize..];
            if status.is_err() || (input.is_empty() && self.out.len() < self.out.capacity()) {
                return;
            }
        }
    }

    /// Whether a `+` now would be IDLE's acceptance, to be consumed silently.
    fn idle_accepts_continuation(&mut self) -> bool {
        let State::Running(r) = &mut self.state else { return false };
        match &mut r.kind {
            Kind::Idle { accepted, .. } if !r.waiting => {
                *accepted = true;
                true
            }
            _ => false,
        }
    }

    /// Queues `DONE` if IDLE runs, was accepted and stop was requested.
    fn queue_done(&mut self) -> bool {
        let stop = self.idle_stop.requested();
        let State::Running(r) = &mut self.state else { return false };
        if let Kind::Idle { accepted: true, done } = &mut r.kind {
            if stop && !*done {
                *done = true;
                self.push_out(encode::IDLE_DONE);
                return true;
            }
        }
        false
    }

    fn learn(&mut self, code: Option<&Code<'_>>) {
        if let Some(Code::Capability(caps)) = code {
            self.capabilities = Some(CapabilitySet::new(caps));
        }
    }

    fn handle<'a>(&mut self, event: Event<'a>, trailing: usize) -> Result<Step<'a>, Error> {
        let response = match event {
            Event::Response(r) => r,
            Event::Malformed(m) => return self.malformed(m),
            Event::LiteralBegin(b) => return Ok(Step::LiteralBegin(b)),
            Event::LiteralData(d) => return Ok(Step::LiteralData(d)),
            Event::LiteralEnd => return Ok(Step::LiteralEnd),
        };
        if matches!(self.state, State::Greeting) {
            return self.greeting(response);
        }
        match response {
            Response::Untagged(u) => {
                match &u {
                    Untagged::Capability(caps) => {
                        self.capabilities = Some(CapabilitySet::new(caps))
                    }
                    Untagged::Enabled(caps) => self.utf8_accept |= caps.contains(&Capability::Utf8Accept),
                    Untagged::Ok(t) => self.learn(t.code.as_ref()),
                    _ => {}
                }
                Ok(Step::Untagged(u))
            }
            Response::Continue(text) => self.continuation(text),
            Response::Tagged(t) => {
                let State::Running(r) = &self.state else {
                    return Err(self.die(Error::UnknownTag(t.tag.to_vec())));
                };
                if t.tag.as_bytes() != r.tag.as_slice() {
                    return Err(self.die(Error::UnknownTag(t.tag.to_vec())));
                }
                let State::Running(r) = std::mem::replace(&mut self.state, State::Ready) else { unreachable!() };
                if t.status == Status::Ok {
                    self.learn(t.text.code.as_ref());
                }
                match (t.status, r.kind) {
                    (Status::Ok, Kind::StartTls) => {
                        self.capabilities = None;
                        if trailing > 0 {
                            return Err(self.die(Error::StartTlsInjection(trailing)));
                        }
                        Ok(Step::StartTls)
                    }
                    (Status::Ok, Kind::Compress) => {
                        self.compress_pending = true;
                        Ok(Step::Ok(t.text))
                    }
                    (Status::Ok, _) => Ok(Step::Ok(t.text)),
                    (Status::No, _) => Ok(Step::No(t.text)),
                    (Status::Bad, _) => Ok(Step::Bad(t.text)),
                }
            }
        }
    }

    fn greeting<'a>(&mut self, response: Response<'a>) -> Result<Step<'a>, Error> {
        match response {
            Response::Untagged(Untagged::Ok(t)) => {
                self.learn(t.code.as_ref());
                self.state = State::Ready;
                Ok(Step::Ok(t))
            }
            Response::Untagged(Untagged::Preauth(t)) => {
                self.learn(t.code.as_ref());
                self.state = State::Ready;
                Ok(Step::Preauth(t))
            }
            Response::Untagged(Untagged::Bye(t)) => Err(self.die(Error::ByeGreeting(t.text.to_vec()))),
            _ => Err(self.die(Error::BadGreeting)),
        }
    }

    fn malformed<'a>(&mut self, m: Malformed<'a>) -> Result<Step<'a>, Error> {
        match &self.state {
            State::Greeting => Err(self.die(Error::BadGreeting)),
            State::Running(r) if m.raw.starts_with(&r.tag) && m.raw.get(r.tag.len()) == Some(&b' ') => {
                self.state = State::Ready;
                Ok(Step::Malformed(m))
            }
            _ => Ok(Step::Malformed(m)),
        }
    }

    fn continuation<'a>(&mut self, text: RespText<'a>) -> Result<Step<'a>, Error> {
        let State::Running(r) = &mut self.state else {
            return Err(self.die(Error::UnexpectedContinuation));
        };
        if r.waiting {
            r.waiting = false;
            r.granted = r.next_part;
            self.fill_output();
            return Ok(Step::AwaitDst);
        }
        let Kind::Auth { authenticator, initial, challenges } = &mut r.kind else {
            return Err(self.die(Error::UnexpectedContinuation));
        };
        *challenges += 1;
        let limit = self.opts.limits.max_auth_challenges;
        let answer = match initial.take() {
            _ if *challenges > limit => Err(format!("more than {limit} challenges (max_auth_challenges)")),
            Some(first) => Ok(first),
            None => {
                let b64: Vec<u8> = text.text.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
                match STANDARD.decode(&b64) {
                    Ok(challenge) => authenticator.step(&challenge),
                    Err(_) => Err("the server's challenge is not valid base64".to_string()),
                }
            }
        };
        match answer {
            Ok(bytes) => {
                self.push_out(&encode::authenticate_response(&bytes));
                Ok(Step::AwaitDst)
            }
            Err(reason) => {
                self.push_out(encode::AUTHENTICATE_CANCEL);
                Err(Error::Auth(reason))
            }
        }
    }
}
