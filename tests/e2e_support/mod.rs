//! A small blocking driver for the end-to-end tests: it pumps a
//! [`Connection`] over a `TcpStream` (plain, implicit TLS, or STARTTLS),
//! checks every response the server sends for decoding problems, and keeps
//! a short log of the exchange that is printed when a test fails.
//!
//! Endpoints come from the environment (`scripts/e2e` sets them):
//! `IMAP_E2E_DOVECOT`, `IMAP_E2E_DOVECOT_TLS`, `IMAP_E2E_DOVECOT_CERT`, the
//! same with `CYRUS`, and `IMAP_E2E_USER`/`IMAP_E2E_PASS`,
//! `IMAP_E2E_USER2`/`IMAP_E2E_PASS2`. `IMAP_E2E_REPORT`, if set, names a
//! directory where observations (capability lines, response codes the codec
//! keeps raw) are appended for the run's summary.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::io::{self, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme, StreamOwned};

use imap::codec::{mutf7, Malformed};
use imap::conn::{Action, Authenticator, Options, Plain};
use imap::types::{
    Bytes, Capability, Code, Command, EsearchItem, FetchItem, Flag, ListExtendedItem, Mailbox,
    MailboxAttr, RespText, SeqRange, SequenceSet, Status, StatusItem, Untagged, STAR,
};
use imap::{Connection, Step};

/// How long any one command may wait for the server.
pub const IO_TIMEOUT: Duration = Duration::from_secs(90);

/// How many log lines are kept for a failure report.
const LOG_LINES: usize = 400;
/// How many bytes of one read or write are logged.
const LOG_BYTES: usize = 600;

// ---------------------------------------------------------------------------
// Environment

/// One of the two servers under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    Dovecot,
    Cyrus,
}

impl Server {
    pub fn name(self) -> &'static str {
        match self {
            Server::Dovecot => "dovecot",
            Server::Cyrus => "cyrus",
        }
    }

    fn env_prefix(self) -> &'static str {
        match self {
            Server::Dovecot => "IMAP_E2E_DOVECOT",
            Server::Cyrus => "IMAP_E2E_CYRUS",
        }
    }

    /// `host:port` of the plain (STARTTLS) port.
    pub fn plain_addr(self) -> String {
        env(self.env_prefix())
    }

    /// `host:port` of the implicit-TLS port.
    pub fn tls_addr(self) -> String {
        env(&format!("{}_TLS", self.env_prefix()))
    }

    /// The server's certificate (DER), read from the PEM file it uses.
    pub fn certificate(self) -> Vec<u8> {
        let path = env(&format!("{}_CERT", self.env_prefix()));
        let pem =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let body: String = pem
            .lines()
            .skip_while(|l| !l.starts_with("-----BEGIN CERTIFICATE-----"))
            .skip(1)
            .take_while(|l| !l.starts_with("-----END CERTIFICATE-----"))
            .collect();
        STANDARD
            .decode(body.trim())
            .unwrap_or_else(|e| panic!("{path}: not a PEM certificate: {e}"))
    }
}

/// A required environment variable; its absence fails the test.
pub fn env(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!(
            "environment variable {name} is not set: these tests need the servers that scripts/e2e starts \
             (run `scripts/e2e` or `make test-e2e`)"
        ),
    }
}

/// The main test user and password.
pub fn user() -> (String, String) {
    (env("IMAP_E2E_USER"), env("IMAP_E2E_PASS"))
}

/// The second test user and password.
pub fn user2() -> (String, String) {
    (env("IMAP_E2E_USER2"), env("IMAP_E2E_PASS2"))
}

/// Appends `line` to the run's report (if `IMAP_E2E_REPORT` is set).
pub fn report(server: Server, key: &str, line: &str) {
    let Ok(dir) = std::env::var("IMAP_E2E_REPORT") else {
        return;
    };
    let path = std::path::Path::new(&dir).join(format!("{}.txt", server.name()));
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("open the report file");
    writeln!(f, "{key}: {line}").expect("write the report file");
}

// ---------------------------------------------------------------------------
// TLS: trust exactly the test server's self-signed certificate.

#[derive(Debug)]
struct PinnedCert {
    der: Vec<u8>,
    algs: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for PinnedCert {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.der.as_slice() {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "not the test server's certificate".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algs)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algs)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algs.supported_schemes()
    }
}

fn tls_client(server: Server, mut tcp: TcpStream) -> StreamOwned<ClientConnection, TcpStream> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = PinnedCert {
        der: server.certificate(),
        algs: provider.signature_verification_algorithms,
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    let name = ServerName::try_from("localhost").expect("server name");
    let mut tls = ClientConnection::new(Arc::new(config), name).expect("TLS client");
    while tls.is_handshaking() {
        tls.complete_io(&mut tcp)
            .unwrap_or_else(|e| panic!("{}: TLS handshake failed: {e}", server.name()));
    }
    StreamOwned::new(tls, tcp)
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ClientConnection, TcpStream>>),
    Gone,
}

impl Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => match s.read(buf) {
                // A server that closes without close_notify: treat as EOF.
                Err(e) if e.kind() == ErrorKind::UnexpectedEof => Ok(0),
                r => r,
            },
            Stream::Gone => Ok(0),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.write_all(buf),
            Stream::Tls(s) => {
                s.write_all(buf)?;
                s.flush()
            }
            Stream::Gone => Err(io::Error::new(ErrorKind::NotConnected, "closed")),
        }
    }

    fn tcp(&self) -> Option<&TcpStream> {
        match self {
            Stream::Plain(s) => Some(s),
            Stream::Tls(s) => Some(&s.sock),
            Stream::Gone => None,
        }
    }

    fn is_tls(&self) -> bool {
        matches!(self, Stream::Tls(_))
    }
}

/// Which port to connect to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Port {
    /// The plain port (STARTTLS available).
    Plain,
    /// The implicit-TLS port.
    Tls,
}

// ---------------------------------------------------------------------------
// Replies

/// The completion of a command, owned.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: Status,
    pub code: Option<Code<'static>>,
    pub text: String,
    /// The command was STARTTLS and the server accepted it.
    pub starttls: bool,
}

impl Reply {
    /// The reply for a tagged completion, after auditing its code.
    fn audited(status: Status, t: &RespText<'_>, problems: &mut Vec<String>, server: Server, label: &str) -> Reply {
        audit_code(t.code.as_ref(), problems, server, label);
        Reply::new(status, t)
    }

    fn new(status: Status, t: &RespText<'_>) -> Reply {
        Reply {
            status,
            code: t.code.as_ref().map(own_code),
            text: t.text.to_str_lossy().into_owned(),
            starttls: false,
        }
    }
}

/// One literal handed out as a stream of chunks.
#[derive(Clone, Debug, Default)]
pub struct Streamed {
    pub seq: Option<u32>,
    pub item: String,
    pub size: u64,
    pub data: Vec<u8>,
    pub chunks: usize,
    pub ended: bool,
}

/// Direction of a transcript entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Client to server.
    C,
    /// Server to client.
    S,
}

// ---------------------------------------------------------------------------
// The session

/// One connection to a server, driven synchronously.
pub struct Session {
    pub conn: Connection,
    stream: Stream,
    pub server: Server,
    pub label: String,
    log: VecDeque<String>,
    /// Decoding problems found so far (checked by `finish` and on drop).
    pub problems: Vec<String>,
    /// Output is compressed (COMPRESS=DEFLATE is on): transcripts hold no
    /// plaintext any more.
    compressed: bool,
    /// Plaintext exchanged during the current command (each write and read
    /// kept whole up to `transcript_cap` bytes), while not compressed.
    pub transcript: Vec<(Dir, Vec<u8>)>,
    transcript_cap: usize,
    /// Literals streamed during the current command.
    pub streamed: Vec<Streamed>,
    /// Errors of `run` that did not end the connection (e.g. an
    /// authenticator's refusal), during the current command.
    pub errors: Vec<imap::conn::Error>,
    /// Capability names removed from what the server sends (see
    /// `hide_capability`), and the line buffer this needs.
    hidden: Vec<Vec<u8>>,
    held: Vec<u8>,
    buf: Vec<u8>,
    finished: bool,
    started: Instant,
}

impl Session {
    /// Connects and reads the greeting; returns the session and the greeting.
    pub fn connect(server: Server, port: Port, label: &str) -> (Session, Reply) {
        Session::connect_with(server, port, label, Options::default())
    }

    /// Like `connect`, with connection options.
    pub fn connect_with(
        server: Server,
        port: Port,
        label: &str,
        opts: Options,
    ) -> (Session, Reply) {
        let addr = match port {
            Port::Plain => server.plain_addr(),
            Port::Tls => server.tls_addr(),
        };
        let tcp = TcpStream::connect(&addr)
            .unwrap_or_else(|e| panic!("{}: cannot connect to {addr}: {e}", server.name()));
        tcp.set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        tcp.set_write_timeout(Some(IO_TIMEOUT)).unwrap();
        tcp.set_nodelay(true).unwrap();
        let stream = match port {
            Port::Plain => Stream::Plain(tcp),
            Port::Tls => Stream::Tls(Box::new(tls_client(server, tcp))),
        };
        let mut s = Session {
            conn: Connection::with_options(opts),
            stream,
            server,
            label: format!("{}/{}", server.name(), label),
            log: VecDeque::new(),
            problems: Vec::new(),
            compressed: false,
            transcript: Vec::new(),
            transcript_cap: 64 * 1024,
            streamed: Vec::new(),
            errors: Vec::new(),
            hidden: Vec::new(),
            held: Vec::new(),
            buf: vec![0; 64 * 1024],
            finished: false,
            started: Instant::now(),
        };
        s.note(format!("connected to {addr} ({port:?})"));
        let greeting = s.drive(Action::Await, "greeting", &mut |_| {});
        (s, greeting)
    }

    /// From now on, remove the capability `name` from every line the
    /// server sends before the connection sees it (the server is unchanged:
    /// this only makes the connection believe it was not advertised).
    /// Not available once COMPRESS is on.
    pub fn hide_capability(&mut self, name: &str) {
        assert!(!self.compressed, "hide_capability works on plaintext only");
        self.hidden.push(name.as_bytes().to_vec());
    }

    /// Whether the stream is TLS now.
    pub fn is_tls(&self) -> bool {
        self.stream.is_tls()
    }

    fn note(&mut self, line: String) {
        if self.log.len() == LOG_LINES {
            self.log.pop_front();
        }
        let ms = self.started.elapsed().as_millis();
        self.log.push_back(format!("{ms:>6}ms {line}"));
    }

    /// The recent log, for failure messages.
    pub fn dump(&self) -> String {
        let mut s = format!(
            "---- last {} log lines of {} ----\n",
            self.log.len(),
            self.label
        );
        for l in &self.log {
            s.push_str(l);
            s.push('\n');
        }
        s
    }

    fn fail(&self, msg: impl std::fmt::Display) -> ! {
        panic!("{}: {msg}\n{}", self.label, self.dump())
    }

    /// Sends everything the connection has to send now.
    fn write_pending(&mut self) {
        loop {
            let out = self.conn.output();
            if out.is_empty() {
                break;
            }
            let n = out.len();
            let shown = if self.compressed {
                format!("C: <{n} compressed bytes>")
            } else {
                format!("C: {}", show(out))
            };
            if !self.compressed
                && self.transcript.iter().map(|(_, b)| b.len()).sum::<usize>() < self.transcript_cap
            {
                self.transcript
                    .push((Dir::C, out[..n.min(self.transcript_cap)].to_vec()));
            }
            if let Err(e) = self.stream.write_all(out) {
                let msg = format!("write failed: {e}");
                self.note(shown);
                self.fail(msg);
            }
            self.conn.advance_output(n).expect("no more than was pending");
            self.note(shown);
        }
    }

    /// Reads once and hands the bytes to the connection. Returns the
    /// number of bytes read (0 means EOF), or `None` when nothing arrived
    /// within the socket's short read timeout; fails past `deadline`.
    fn read_once(&mut self, deadline: Instant) -> Option<usize> {
        match self.stream.read(&mut self.buf) {
            Ok(0) => {
                self.note("S: <EOF>".into());
                if !self.held.is_empty() {
                    let held = std::mem::take(&mut self.held);
                    self.conn.src(&held);
                }
                self.conn.src(&[]);
                Some(0)
            }
            Ok(n) => {
                let line = if self.compressed {
                    format!("S: <{n} compressed bytes>")
                } else {
                    format!("S: {}", show(&self.buf[..n]))
                };
                self.note(line);
                if !self.compressed
                    && self.transcript.iter().map(|(_, b)| b.len()).sum::<usize>()
                        < self.transcript_cap
                {
                    self.transcript.push((Dir::S, self.buf[..n].to_vec()));
                }
                if self.hidden.is_empty() {
                    self.conn.src(&self.buf[..n]);
                } else {
                    let data = self.buf[..n].to_vec();
                    self.feed_filtered(&data);
                }
                Some(n)
            }
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                ) =>
            {
                if Instant::now() > deadline {
                    self.fail(format!(
                        "timed out after {IO_TIMEOUT:?} waiting for the server"
                    ));
                }
                None
            }
            Err(e) => self.fail(format!("read failed: {e}")),
        }
    }

    /// Feeds the server's bytes with the hidden capabilities removed, one
    /// complete line at a time.
    fn feed_filtered(&mut self, data: &[u8]) {
        self.held.extend_from_slice(data);
        let Some(end) = self.held.windows(2).rposition(|w| w == b"\r\n") else {
            return;
        };
        let rest = self.held.split_off(end + 2);
        let mut lines = std::mem::replace(&mut self.held, rest);
        for name in &self.hidden {
            let mut pat = vec![b' '];
            pat.extend_from_slice(name);
            let mut out = Vec::with_capacity(lines.len());
            let mut i = 0;
            while i < lines.len() {
                let boundary = |j: usize| matches!(lines.get(j), Some(b' ' | b']' | b'\r'));
                if lines[i..].starts_with(&pat) && boundary(i + pat.len()) {
                    i += pat.len();
                } else {
                    out.push(lines[i]);
                    i += 1;
                }
            }
            lines = out;
        }
        self.conn.src(&lines);
    }

    /// Runs `action` until the command completes (or, with `Action::Await`
    /// and no command, until the greeting arrives), passing every untagged
    /// response to `f`.
    fn drive(&mut self, action: Action, what: &str, f: &mut dyn FnMut(&Untagged<'_>)) -> Reply {
        if !matches!(action, Action::Await) || !self.conn.is_busy() {
            self.transcript.clear();
            self.streamed.clear();
            self.errors.clear();
        }
        self.note(format!("---- {what}"));
        let deadline = Instant::now() + IO_TIMEOUT;
        let mut action = Some(action);
        loop {
            let a = action.take().unwrap_or(Action::Await);
            let step = match self.conn.run(a) {
                Ok(s) => s,
                Err(e) if !e.is_fatal() => {
                    self.note(format!("run: {e} (not fatal)"));
                    self.errors.push(e);
                    continue;
                }
                Err(e) => self.fail(format!("{what}: run failed: {e}")),
            };
            match step {
                Step::AwaitDst => self.write_pending(),
                // After EOF the connection reports it on the next run.
                Step::AwaitSrc => {
                    self.read_once(deadline);
                }
                Step::Done => self.fail(format!("{what}: Step::Done while the command runs")),
                Step::Untagged(u) => {
                    let line = audit_untagged(&u, &mut self.problems, self.server, &self.label);
                    f(&u);
                    self.note(line);
                }
                Step::Ok(t) => {
                    let r = Reply::audited(Status::Ok, &t, &mut self.problems, self.server, &self.label);
                    self.note(format!("step: OK {:?} {}", r.code, r.text));
                    self.check_compress(what, &r);
                    return r;
                }
                Step::Preauth(t) => {
                    let r = Reply::new(Status::Ok, &t);
                    self.fail(format!("{what}: unexpected PREAUTH {r:?}"));
                }
                Step::No(t) => {
                    let r = Reply::audited(Status::No, &t, &mut self.problems, self.server, &self.label);
                    self.note(format!("step: NO {:?} {}", r.code, r.text));
                    return r;
                }
                Step::Bad(t) => {
                    let r = Reply::audited(Status::Bad, &t, &mut self.problems, self.server, &self.label);
                    self.note(format!("step: BAD {:?} {}", r.code, r.text));
                    return r;
                }
                Step::StartTls => {
                    self.note("step: StartTls".into());
                    return Reply {
                        status: Status::Ok,
                        code: None,
                        text: String::new(),
                        starttls: true,
                    };
                }
                Step::LiteralBegin(b) => {
                    let s = Streamed {
                        seq: b.seq,
                        item: String::from_utf8_lossy(b.item).into_owned(),
                        size: b.size,
                        ..Streamed::default()
                    };
                    self.note(format!(
                        "step: LiteralBegin {:?} {} {}",
                        s.seq, s.item, s.size
                    ));
                    self.streamed.push(s);
                }
                Step::LiteralData(d) => match self.streamed.last_mut() {
                    Some(s) if !s.ended => {
                        s.data.extend_from_slice(d);
                        s.chunks += 1;
                    }
                    _ => self.fail("LiteralData outside a streamed literal"),
                },
                Step::LiteralEnd => match self.streamed.last_mut() {
                    Some(s) if !s.ended => {
                        s.ended = true;
                        let line = format!(
                            "step: LiteralEnd ({} bytes in {} chunks)",
                            s.data.len(),
                            s.chunks
                        );
                        self.note(line);
                    }
                    _ => self.fail("LiteralEnd outside a streamed literal"),
                },
                Step::Malformed(m) => {
                    let p = format!(
                        "{}: Step::Malformed at offset {}: {} (kind {:?}); raw bytes: \"{}\"",
                        self.label,
                        m.offset,
                        m.error,
                        m.error.kind,
                        m.raw.escape_ascii()
                    );
                    report(self.server, "MALFORMED", &p);
                    self.problems.push(p.clone());
                    self.note(format!("step: {p}"));
                }
            }
        }
    }

    fn check_compress(&mut self, what: &str, r: &Reply) {
        if what == "COMPRESS DEFLATE" && r.status == Status::Ok {
            self.compressed = true;
        }
    }

    /// Runs a command, passing each untagged response to `f`.
    pub fn exec_with(&mut self, cmd: Command<'static>, f: &mut dyn FnMut(&Untagged<'_>)) -> Reply {
        let what = describe(&cmd);
        self.drive(Action::Command(cmd), &what, f)
    }

    /// Runs a command, ignoring untagged responses (they are still audited).
    pub fn exec(&mut self, cmd: Command<'static>) -> Reply {
        self.exec_with(cmd, &mut |_| {})
    }

    /// Runs a command that must succeed.
    pub fn ok_with(&mut self, cmd: Command<'static>, f: &mut dyn FnMut(&Untagged<'_>)) -> Reply {
        let what = describe(&cmd);
        let r = self.drive(Action::Command(cmd), &what, f);
        if r.status != Status::Ok {
            self.fail(format!(
                "{what}: expected OK, got {:?} {:?} {}",
                r.status, r.code, r.text
            ));
        }
        r
    }

    /// Runs a command that must succeed, ignoring untagged responses.
    pub fn ok(&mut self, cmd: Command<'static>) -> Reply {
        self.ok_with(cmd, &mut |_| {})
    }

    /// Runs AUTHENTICATE with `a`.
    pub fn authenticate(&mut self, a: Box<dyn Authenticator>) -> Reply {
        let what = format!("AUTHENTICATE {}", a.mechanism());
        self.drive(Action::Authenticate(a), &what, &mut |_| {})
    }

    /// LOGIN as the main test user.
    pub fn login(&mut self) -> Reply {
        let (u, p) = user();
        self.ok(Command::Login {
            username: u.into(),
            password: p.into(),
        })
    }

    /// AUTHENTICATE PLAIN as the main test user.
    pub fn auth_plain(&mut self) -> Reply {
        let (u, p) = user();
        let r = self.authenticate(Box::new(Plain::new(u, p)));
        if r.status != Status::Ok {
            self.fail(format!("AUTHENTICATE PLAIN: expected OK, got {r:?}"));
        }
        r
    }

    /// STARTTLS, then the TLS handshake on the same socket; the same
    /// connection goes on over TLS.
    pub fn starttls(&mut self) -> Reply {
        let r = self.drive(Action::Command(Command::StartTls), "STARTTLS", &mut |_| {});
        if !r.starttls {
            self.fail(format!("STARTTLS: expected Step::StartTls, got {r:?}"));
        }
        let Stream::Plain(tcp) = std::mem::replace(&mut self.stream, Stream::Gone) else {
            self.fail("STARTTLS on a stream that is not plain");
        };
        self.stream = Stream::Tls(Box::new(tls_client(self.server, tcp)));
        self.note("---- TLS handshake done".into());
        r
    }

    /// The capabilities the server lists for `CAPABILITY` now, as wire names.
    pub fn capability(&mut self) -> Vec<String> {
        let mut caps = Vec::new();
        self.ok_with(Command::Capability, &mut |u| {
            if let Untagged::Capability(c) = u {
                caps = c
                    .iter()
                    .map(|c| String::from_utf8_lossy(&c.to_wire()).into_owned())
                    .collect();
            }
        });
        if caps.is_empty() {
            self.fail("CAPABILITY: no untagged CAPABILITY response");
        }
        caps
    }

    /// Whether the connection knows the server has `cap`.
    pub fn has(&self, cap: &Capability<'_>) -> bool {
        self.conn.has_capability(cap)
    }

    /// Hands out any buffered untagged responses (run(Await) until Done).
    pub fn drain(&mut self, f: &mut dyn FnMut(&Untagged<'_>)) {
        loop {
            let step = match self.conn.run(Action::Await) {
                Ok(s) => s,
                Err(e) => self.fail(format!("drain: {e}")),
            };
            match step {
                Step::Done => return,
                Step::Untagged(u) => {
                    let line = audit_untagged(&u, &mut self.problems, self.server, &self.label);
                    f(&u);
                    self.note(line);
                }
                Step::Malformed(m) => report_malformed(&m, &mut self.problems, self.server, &self.label),
                Step::AwaitDst => self.write_pending(),
                other => {
                    let msg = format!("drain: unexpected {other:?}");
                    self.fail(msg)
                }
            }
        }
    }

    /// Waits up to `max` for the server to send something unsolicited
    /// (e.g. during IDLE); `until` is asked after each untagged response
    /// and ends the wait when it returns true. Returns whether it did.
    pub fn wait_untagged(
        &mut self,
        max: Duration,
        until: &mut dyn FnMut(&Untagged<'_>) -> bool,
    ) -> bool {
        let deadline = Instant::now() + max;
        loop {
            // Hand out what is buffered first.
            loop {
                let step = match self.conn.run(Action::Await) {
                    Ok(s) => s,
                    Err(e) => self.fail(format!("wait: {e}")),
                };
                match step {
                    Step::AwaitSrc | Step::Done => break,
                    Step::AwaitDst => self.write_pending(),
                    Step::Untagged(u) => {
                        let line = audit_untagged(&u, &mut self.problems, self.server, &self.label);
                        let stop = until(&u);
                        self.note(line);
                        if stop {
                            return true;
                        }
                    }
                    Step::Malformed(m) => report_malformed(&m, &mut self.problems, self.server, &self.label),
                    other => {
                        let msg = format!("wait: unexpected {other:?}");
                        self.fail(msg)
                    }
                }
            }
            if Instant::now() > deadline {
                return false;
            }
            if self.read_once(Instant::now() + IO_TIMEOUT) == Some(0) {
                self.fail("the server closed the connection while waiting");
            }
        }
    }

    /// Starts IDLE and returns once the server has accepted it (its `+`
    /// has arrived: the driver sees it in the plaintext it reads).
    pub fn idle_start(&mut self) {
        self.transcript.clear();
        self.note("---- IDLE".into());
        let deadline = Instant::now() + IO_TIMEOUT;
        let mut action = Some(Action::Command(Command::Idle));
        let mut seen = 0usize;
        loop {
            let a = action.take().unwrap_or(Action::Await);
            let step = match self.conn.run(a) {
                Ok(s) => s,
                Err(e) => self.fail(format!("IDLE: {e}")),
            };
            match step {
                Step::AwaitDst => self.write_pending(),
                Step::AwaitSrc => {
                    // The `+` is consumed by the connection without a step;
                    // look for it in what was read.
                    let got_plus = self.transcript[seen..]
                        .iter()
                        .filter(|(d, _)| *d == Dir::S)
                        .any(|(_, b)| b.starts_with(b"+ ") || b.windows(3).any(|w| w == b"\n+ "));
                    seen = self.transcript.len();
                    if got_plus {
                        return;
                    }
                    self.read_once(deadline);
                }
                Step::Untagged(u) => {
                    let line = audit_untagged(&u, &mut self.problems, self.server, &self.label);
                    self.note(line);
                }
                other => {
                    let msg = format!("IDLE: unexpected {other:?}");
                    self.fail(msg)
                }
            }
        }
    }

    /// Starts a command and sends what can be sent without waiting; the
    /// caller completes it with `finish_command`.
    pub fn begin(&mut self, cmd: Command<'static>) {
        self.transcript.clear();
        self.streamed.clear();
        let what = describe(&cmd);
        self.note(format!("---- {what} (begun)"));
        match self.conn.run(Action::Command(cmd)) {
            Ok(Step::AwaitDst) => self.write_pending(),
            Ok(other) => {
                let msg = format!("{what}: expected AwaitDst, got {other:?}");
                self.fail(msg)
            }
            Err(e) => self.fail(format!("{what}: {e}")),
        }
    }

    /// Completes the running command (e.g. IDLE after `idle_stop`).
    pub fn finish_command(&mut self, what: &str, f: &mut dyn FnMut(&Untagged<'_>)) -> Reply {
        self.drive(Action::Await, what, f)
    }

    /// LOGOUT: returns the BYE text; checks that the server then closes
    /// the connection and that the connection reports the end of input.
    pub fn logout(mut self) -> String {
        let mut bye = None;
        let r = self.ok_with(Command::Logout, &mut |u| {
            if let Untagged::Bye(t) = u {
                bye = Some(t.text.to_str_lossy().into_owned());
            }
        });
        let Some(bye) = bye else {
            self.fail(format!("LOGOUT: no BYE before {r:?}"))
        };
        let deadline = Instant::now() + IO_TIMEOUT;
        while self.read_once(deadline) != Some(0) {}
        match self.conn.run(Action::Await) {
            Err(imap::conn::Error::Eof) => {}
            other => {
                let msg = format!("after LOGOUT and EOF: expected Err(Eof), got {other:?}");
                self.fail(msg)
            }
        }
        self.finish();
        bye
    }

    /// Asserts that no decoding problem was seen.
    pub fn finish(&mut self) {
        self.finished = true;
        if !self.problems.is_empty() {
            let list = self.problems.join("\n  ");
            self.fail(format!(
                "{} decoding problem(s):\n  {list}",
                self.problems.len()
            ));
        }
    }

    /// The transcript of the current command as text, for assertions.
    pub fn transcript_text(&self) -> String {
        let mut s = String::new();
        for (d, b) in &self.transcript {
            let _ = writeln!(s, "{d:?}: {}", b.escape_ascii());
        }
        s
    }

    /// Removes every mailbox whose name starts with `prefix` (and its
    /// subscriptions), left by an earlier run.
    pub fn reset_prefix(&mut self, prefix: &str) {
        let pattern = format!("{prefix}*");
        let mut names: Vec<Vec<u8>> = Vec::new();
        self.ok_with(
            Command::List(imap::types::List::new("", pattern.clone())),
            &mut |u| {
                if let Untagged::List(l) = u {
                    names.push(l.name.to_vec());
                }
            },
        );
        let mut subs: Vec<Vec<u8>> = Vec::new();
        self.ok_with(
            Command::Lsub {
                reference: "".into(),
                pattern: pattern.into(),
            },
            &mut |u| {
                if let Untagged::Lsub(l) = u {
                    subs.push(l.name.to_vec());
                }
            },
        );
        for n in subs {
            self.exec(Command::Unsubscribe(Mailbox::Wire(Bytes::owned(n))));
        }
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        for n in names {
            let r = self.exec(Command::Delete(Mailbox::Wire(Bytes::owned(n.clone()))));
            if r.status != Status::Ok && self.has(&Capability::Metadata) {
                // Cyrus does not delete a special-use mailbox.
                self.exec(Command::SetMetadata {
                    mailbox: Mailbox::Wire(Bytes::owned(n.clone())),
                    entries: vec![(Bytes::from("/private/specialuse"), None)],
                });
                self.exec(Command::Delete(Mailbox::Wire(Bytes::owned(n))));
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("{}", self.dump());
        } else if !self.finished && !self.problems.is_empty() {
            self.finish();
        }
    }
}

// ---------------------------------------------------------------------------
// Auditing: every response must decode, and nothing the codec models may
// come out as raw `Other` data.

const KNOWN_CODES: &[&str] = &[
    "ALERT",
    "BADCHARSET",
    "CAPABILITY",
    "PARSE",
    "PERMANENTFLAGS",
    "READ-ONLY",
    "READ-WRITE",
    "TRYCREATE",
    "UIDNEXT",
    "UIDVALIDITY",
    "UNSEEN",
    "APPENDUID",
    "COPYUID",
    "UIDNOTSTICKY",
    "HIGHESTMODSEQ",
    "NOMODSEQ",
    "MODIFIED",
    "CLOSED",
    "COMPRESSIONACTIVE",
    "USEATTR",
    "UNAVAILABLE",
    "AUTHENTICATIONFAILED",
    "AUTHORIZATIONFAILED",
    "EXPIRED",
    "PRIVACYREQUIRED",
    "CONTACTADMIN",
    "NOPERM",
    "INUSE",
    "EXPUNGEISSUED",
    "CORRUPTION",
    "SERVERBUG",
    "CLIENTBUG",
    "CANNOT",
    "LIMIT",
    "OVERQUOTA",
    "ALREADYEXISTS",
    "NONEXISTENT",
    "NOTSAVED",
    "HASCHILDREN",
    "UNKNOWN-CTE",
    "TOOBIG",
    "BADURL",
    "NOUPDATE",
    "MAILBOXID",
    "METADATA",
    "NOTIFICATIONOVERFLOW",
    "REFERRAL",
];

const KNOWN_STATUS: &[&str] = &[
    "MESSAGES",
    "RECENT",
    "UIDNEXT",
    "UIDVALIDITY",
    "UNSEEN",
    "DELETED",
    "SIZE",
    "HIGHESTMODSEQ",
    "APPENDLIMIT",
    "MAILBOXID",
    "DELETED-STORAGE",
];

const KNOWN_ESEARCH: &[&str] = &["MIN", "MAX", "ALL", "COUNT", "MODSEQ"];

fn audit_code(code: Option<&Code<'_>>, problems: &mut Vec<String>, server: Server, label: &str) {
    if let Some(Code::Other { name, text }) = code {
        let line = format!(
            "[{}{}]",
            name.to_str_lossy(),
            text.as_ref()
                .map(|t| format!(" {}", t.to_str_lossy()))
                .unwrap_or_default()
        );
        if KNOWN_CODES
            .iter()
            .any(|k| name.eq_ignore_ascii_case(k.as_bytes()))
        {
            problems.push(format!(
                "{label}: known response code kept raw (did not parse): {line}"
            ));
        } else {
            report(
                server,
                "response code the codec keeps raw (Code::Other)",
                &line,
            );
        }
    }
}

/// Audits an untagged response (see `audit_untagged_parts`) and returns
/// its log line.
fn audit_untagged(u: &Untagged<'_>, problems: &mut Vec<String>, server: Server, label: &str) -> String {
    audit_untagged_parts(u, problems, server, label);
    format!("step: untagged {}", truncate(&imap::print::to_sexp(u)))
}

/// Notes what of `u` the codec kept raw or could not decode fully.
fn audit_untagged_parts(u: &Untagged<'_>, problems: &mut Vec<String>, server: Server, label: &str) {
    match u {
        Untagged::Other { number, name, rest } => problems.push(format!(
            "{label}: untagged response decoded as Other: * {}{} {}",
            number.map(|n| format!("{n} ")).unwrap_or_default(),
            name.to_str_lossy(),
            rest.escape_ascii()
        )),
        Untagged::Ok(t)
        | Untagged::No(t)
        | Untagged::Bad(t)
        | Untagged::Bye(t)
        | Untagged::Preauth(t) => audit_code(t.code.as_ref(), problems, server, label),
        Untagged::Fetch { items, .. } => {
            for it in items.iter() {
                match it {
                    FetchItem::Other { name, value } => problems.push(format!(
                        "{label}: FETCH item decoded as Other: {} {}",
                        name.to_str_lossy(),
                        value.escape_ascii()
                    )),
                    FetchItem::Flags(flags) => audit_flags(flags, problems, server, label),
                    _ => {}
                }
            }
        }
        Untagged::Flags(flags) => audit_flags(flags, problems, server, label),
        Untagged::Status { items, .. } => {
            for it in items.iter() {
                if let StatusItem::Other { name, value } = it {
                    let line = format!("{} {}", name.to_str_lossy(), value.escape_ascii());
                    if KNOWN_STATUS
                        .iter()
                        .any(|k| name.eq_ignore_ascii_case(k.as_bytes()))
                    {
                        problems.push(format!("{label}: known STATUS item kept raw: {line}"));
                    } else {
                        report(server, "STATUS item kept raw", &line);
                    }
                }
            }
        }
        Untagged::Esearch(e) => {
            for it in &e.items {
                if let EsearchItem::Other { name, value } = it {
                    let line = format!("{} {}", name.to_str_lossy(), value.escape_ascii());
                    if KNOWN_ESEARCH
                        .iter()
                        .any(|k| name.eq_ignore_ascii_case(k.as_bytes()))
                    {
                        problems.push(format!("{label}: known ESEARCH item kept raw: {line}"));
                    } else {
                        report(server, "ESEARCH item kept raw", &line);
                    }
                }
            }
        }
        Untagged::List(l) | Untagged::Lsub(l) | Untagged::Xlist(l) => {
            for a in l.attributes {
                match a {
                    MailboxAttr::Extension(x) => report(
                        server,
                        "mailbox attribute kept as Extension",
                        &format!("\\{}", x.to_str_lossy()),
                    ),
                    MailboxAttr::Unparsed(x) => problems
                        .push(format!("{label}: mailbox attribute that did not parse: {}", x.escape_ascii())),
                    _ => {}
                }
            }
            for x in l.extended {
                if let ListExtendedItem::Other { tag, value } = x {
                    let line = format!("{} {}", tag.to_str_lossy(), value.escape_ascii());
                    if tag.eq_ignore_ascii_case(b"CHILDINFO")
                        || tag.eq_ignore_ascii_case(b"OLDNAME")
                    {
                        problems.push(format!(
                            "{label}: known LIST extended item kept raw: {line}"
                        ));
                    } else {
                        report(server, "LIST extended item kept raw", &line);
                    }
                }
            }
        }
        Untagged::Capability(caps) | Untagged::Enabled(caps) => {
            for c in caps.iter() {
                if let Capability::Other(o) = c {
                    report(server, "capability kept as Other", &o.to_str_lossy());
                }
            }
        }
        _ => {}
    }
}

/// Notes a malformed response as a problem, and reports it.
fn report_malformed(m: &Malformed<'_>, problems: &mut Vec<String>, server: Server, label: &str) {
    let p = format!("{label}: Step::Malformed: {}; raw bytes: \"{}\"", m.error, m.raw.escape_ascii());
    report(server, "MALFORMED", &p);
    problems.push(p);
}

fn audit_flags(flags: &[Flag<'_>], problems: &mut Vec<String>, server: Server, label: &str) {
    for f in flags {
        match f {
            Flag::Extension(x) => report(server, "flag kept as Extension", &format!("\\{}", x.to_str_lossy())),
            Flag::Unparsed(x) => problems.push(format!("{label}: flag that did not parse: {}", x.escape_ascii())),
            _ => {}
        }
    }
}

/// An owned copy of a response code. Its lists (which a decoded code
/// borrows from the decoder's arena) are leaked: a test keeps a few.
pub fn own_code(c: &Code<'_>) -> Code<'static> {
    fn leak<T, U>(v: &[T], own: impl Fn(T) -> U) -> &'static [U]
    where
        T: Clone,
    {
        Vec::leak(v.iter().cloned().map(own).collect())
    }
    match c.clone() {
        Code::Alert => Code::Alert,
        Code::BadCharset(v) => Code::BadCharset(leak(v, Bytes::into_owned)),
        Code::Capability(v) => Code::Capability(leak(v, Capability::into_owned)),
        Code::Parse => Code::Parse,
        Code::PermanentFlags(v) => Code::PermanentFlags(leak(v, Flag::into_owned)),
        Code::ReadOnly => Code::ReadOnly,
        Code::ReadWrite => Code::ReadWrite,
        Code::TryCreate => Code::TryCreate,
        Code::UidNext(n) => Code::UidNext(n),
        Code::UidValidity(n) => Code::UidValidity(n),
        Code::Unseen(n) => Code::Unseen(n),
        Code::AppendUid { uid_validity, uids } => Code::AppendUid { uid_validity, uids },
        Code::CopyUid {
            uid_validity,
            source,
            dest,
        } => Code::CopyUid {
            uid_validity,
            source,
            dest,
        },
        Code::UidNotSticky => Code::UidNotSticky,
        Code::HighestModSeq(n) => Code::HighestModSeq(n),
        Code::NoModSeq => Code::NoModSeq,
        Code::Modified(s) => Code::Modified(s),
        Code::Closed => Code::Closed,
        Code::CompressionActive => Code::CompressionActive,
        Code::UseAttr => Code::UseAttr,
        Code::Unavailable => Code::Unavailable,
        Code::AuthenticationFailed => Code::AuthenticationFailed,
        Code::AuthorizationFailed => Code::AuthorizationFailed,
        Code::Expired => Code::Expired,
        Code::PrivacyRequired => Code::PrivacyRequired,
        Code::ContactAdmin => Code::ContactAdmin,
        Code::NoPerm => Code::NoPerm,
        Code::InUse => Code::InUse,
        Code::ExpungeIssued => Code::ExpungeIssued,
        Code::Corruption => Code::Corruption,
        Code::ServerBug => Code::ServerBug,
        Code::ClientBug => Code::ClientBug,
        Code::Cannot => Code::Cannot,
        Code::Limit => Code::Limit,
        Code::OverQuota => Code::OverQuota,
        Code::AlreadyExists => Code::AlreadyExists,
        Code::NonExistent => Code::NonExistent,
        Code::NotSaved => Code::NotSaved,
        Code::HasChildren => Code::HasChildren,
        Code::UnknownCte => Code::UnknownCte,
        Code::TooBig => Code::TooBig,
        Code::BadUrl(b) => Code::BadUrl(b.into_owned()),
        Code::NoUpdate(b) => Code::NoUpdate(b.into_owned()),
        Code::MailboxId(b) => Code::MailboxId(b.into_owned()),
        Code::MetadataLongEntries(n) => Code::MetadataLongEntries(n),
        Code::MetadataMaxSize(n) => Code::MetadataMaxSize(n),
        Code::MetadataTooMany => Code::MetadataTooMany,
        Code::MetadataNoPrivate => Code::MetadataNoPrivate,
        Code::NotificationOverflow => Code::NotificationOverflow,
        Code::Referral(b) => Code::Referral(b.into_owned()),
        Code::Other { name, text } => Code::Other {
            name: name.into_owned(),
            text: text.map(Bytes::into_owned),
        },
    }
}

// ---------------------------------------------------------------------------
// Small helpers

fn show(b: &[u8]) -> String {
    if b.len() <= LOG_BYTES {
        b.escape_ascii().to_string()
    } else {
        format!("{}... <{} bytes>", b[..LOG_BYTES].escape_ascii(), b.len())
    }
}

fn truncate(s: &str) -> String {
    if s.len() <= LOG_BYTES {
        s.to_string()
    } else {
        let mut end = LOG_BYTES;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}... <{} chars>", &s[..end], s.len())
    }
}

/// A short name for a command, for logs: its first line as encoded.
pub fn describe(cmd: &Command<'_>) -> String {
    use imap::codec::encode::{encode, EncodeOptions};
    match encode(cmd, b"X", &EncodeOptions::default()) {
        Ok(e) => {
            let first = e.parts().first().map(|p| p.bytes()).unwrap_or_default();
            let first = first.strip_prefix(b"X ").unwrap_or(first);
            let first = first.strip_suffix(b"\r\n").unwrap_or(first);
            let more = if e.parts().len() > 1 { " ..." } else { "" };
            format!("{}{more}", show(first))
        }
        Err(e) => format!("<cannot encode: {e}>"),
    }
}

/// A mailbox argument from text.
pub fn mbox(name: &str) -> Mailbox<'static> {
    Mailbox::Name(Bytes::owned(name.as_bytes().to_vec()))
}

/// The sequence set of these numbers (each a single element).
pub fn set(nums: &[u32]) -> SequenceSet {
    SequenceSet(nums.iter().map(|&n| SeqRange::single(n)).collect())
}

/// `a:b`.
pub fn range(a: u32, b: u32) -> SequenceSet {
    SequenceSet(vec![SeqRange::range(a, b)])
}

/// `1:*`.
pub fn all() -> SequenceSet {
    range(1, STAR)
}

/// Every number of a set (with `*` as `largest`), sorted.
pub fn numbers(s: &SequenceSet, largest: u32) -> Vec<u32> {
    let mut v: Vec<u32> = s.iter_numbers(largest).collect();
    v.sort_unstable();
    v
}

/// Decodes a mailbox name from the wire, requiring valid modified UTF-7.
pub fn decode_name(wire: &[u8]) -> String {
    mutf7::decode(wire).unwrap_or_else(|e| {
        panic!(
            "mailbox name {:?} is not valid modified UTF-7: {e}",
            wire.escape_ascii().to_string()
        )
    })
}
