//! Scripted in-memory conversations with the connection state machine.
//!
//! Every conversation is replayed with the server's bytes in one piece,
//! byte by byte, and split at every offset, and with output buffers of 1, 7
//! and 65536 bytes; all replays must give the same steps and the same bytes
//! sent as the hand-written expectation.

use std::io::Write;

use flate2::write::{DeflateDecoder, DeflateEncoder};
use imap::conn::{Action, Authenticator, Connection, Error, Options, Plain, Step, XOAuth2};
use imap::print::{to_sexp, write_sexp_string};
use imap::types::{
    AppendMessage, Bytes, Command, Fetch, FetchAttr, FetchItems, Mailbox, MessageSet, RespText, SeqRange, SequenceSet,
};

/// What the test does next.
enum Act {
    /// Start a command.
    Send(Command<'static>),
    /// Start AUTHENTICATE.
    Auth(fn() -> Box<dyn Authenticator>),
    /// The server sends these bytes; the client runs until it needs more.
    Server(&'static [u8]),
    /// Stop the running IDLE, then run.
    IdleStop,
    /// The server closes the connection.
    Eof,
}

/// How the server's bytes are cut into reads.
#[derive(Clone, Copy, Debug)]
enum Feed {
    Whole,
    Bytes,
    /// Cut the whole server stream once at this offset.
    SplitAt(usize),
}

fn text(t: &RespText<'_>) -> String {
    let code = t.code.as_ref().map_or("none".to_string(), to_sexp);
    let mut s = String::new();
    write_sexp_string(&t.text, &mut s);
    format!("{code} {s}")
}

fn describe(step: &Step<'_>) -> Option<String> {
    Some(match step {
        Step::AwaitSrc | Step::AwaitDst | Step::Done => return None,
        Step::Untagged(u) => to_sexp(u),
        Step::Ok(t) => format!("ok {}", text(t)),
        Step::Preauth(t) => format!("preauth {}", text(t)),
        Step::No(t) => format!("no {}", text(t)),
        Step::Bad(t) => format!("bad {}", text(t)),
        Step::StartTls => "start-tls".into(),
        Step::LiteralBegin(b) => format!("literal-begin {}", b.size),
        Step::LiteralData(d) => format!("literal-data {}", String::from_utf8_lossy(d)),
        Step::LiteralEnd => "literal-end".into(),
        Step::Malformed(m) => format!("malformed {}", m.offset),
    })
}

/// The record of one replay: every step worth noting, and all bytes sent.
#[derive(Debug, PartialEq, Eq)]
struct Record {
    steps: Vec<String>,
    sent: Vec<u8>,
}

struct Driver {
    conn: Connection,
    feed: Feed,
    dst: usize,
    /// Server bytes fed so far (for SplitAt).
    fed: usize,
    record: Record,
    /// Streamed literal data arrives in chunks that depend on the reads;
    /// they are joined so replays compare equal.
    literal: Option<String>,
}

impl Driver {
    fn note(&mut self, s: String) {
        if let Some(rest) = s.strip_prefix("literal-data ") {
            self.literal.get_or_insert_with(String::new).push_str(rest);
            return;
        }
        if let Some(data) = self.literal.take() {
            self.record.steps.push(format!("literal-data {data}"));
        }
        self.record.steps.push(s);
    }

    /// Runs until the connection needs input that is not there, or is done.
    fn pump(&mut self, mut action: Action, input: &mut &[u8]) {
        loop {
            let step = self.conn.run(std::mem::replace(&mut action, Action::Await));
            match step {
                Ok(Step::AwaitDst) => {
                    let mut buf = vec![0u8; self.dst];
                    let n = self.conn.dst(&mut buf);
                    assert!(n > 0, "AwaitDst with nothing to send");
                    self.record.sent.extend_from_slice(&buf[..n]);
                }
                Ok(Step::AwaitSrc) | Ok(Step::Done) if input.is_empty() => return,
                Ok(Step::AwaitSrc) | Ok(Step::Done) => {
                    let n = match self.feed {
                        Feed::Whole => input.len(),
                        Feed::Bytes => 1,
                        Feed::SplitAt(k) if self.fed < k && k < self.fed + input.len() => k - self.fed,
                        Feed::SplitAt(_) => input.len(),
                    };
                    self.conn.src(&input[..n]);
                    self.fed += n;
                    *input = &input[n..];
                }
                Ok(step) => {
                    let s = describe(&step).expect("a step worth noting");
                    self.note(s);
                }
                Err(e) => {
                    let fatal = e.is_fatal();
                    self.note(format!("error {}{e}", if fatal { "fatal: " } else { "" }));
                    if fatal {
                        return;
                    }
                }
            }
        }
    }
}

fn replay(opts: &Options, script: &[Act], feed: Feed, dst: usize) -> Record {
    let mut d = Driver {
        conn: Connection::with_options(opts.clone()),
        feed,
        dst,
        fed: 0,
        record: Record { steps: vec![], sent: vec![] },
        literal: None,
    };
    for act in script {
        match act {
            Act::Send(cmd) => d.pump(Action::Command(cmd.clone()), &mut &b""[..]),
            Act::Auth(make) => d.pump(Action::Authenticate(make()), &mut &b""[..]),
            Act::Server(bytes) => d.pump(Action::Await, &mut &bytes[..]),
            Act::IdleStop => {
                d.conn.idle_stop();
                d.pump(Action::Await, &mut &b""[..]);
            }
            Act::Eof => {
                d.conn.src(b"");
                d.pump(Action::Await, &mut &b""[..]);
            }
        }
    }
    if let Some(data) = d.literal.take() {
        d.record.steps.push(format!("literal-data {data}"));
    }
    d.record
}

fn server_len(script: &[Act]) -> usize {
    script
        .iter()
        .map(|a| match a {
            Act::Server(b) => b.len(),
            _ => 0,
        })
        .sum()
}

/// Replays `script` every way and checks each replay against the expectation.
fn converse_with(opts: Options, script: &[Act], steps: &[&str], sent: &[u8]) {
    let expected = Record { steps: steps.iter().map(|s| s.to_string()).collect(), sent: sent.to_vec() };
    let whole = replay(&opts, script, Feed::Whole, 65536);
    assert_eq!(
        whole,
        expected,
        "\nsteps: {:#?}\nsent: {:?}",
        whole.steps,
        String::from_utf8_lossy(&whole.sent)
    );
    let mut feeds = vec![Feed::Bytes];
    feeds.extend((1..server_len(script)).map(Feed::SplitAt));
    for dst in [1, 7, 65536] {
        for &feed in std::iter::once(&Feed::Whole).chain(&feeds) {
            assert_eq!(replay(&opts, script, feed, dst), expected, "replay with {feed:?}, dst {dst}");
        }
    }
}

fn converse(script: &[Act], steps: &[&str], sent: &[u8]) {
    converse_with(Options::default(), script, steps, sent)
}

const GREETING: &[u8] = b"* OK IMAP4rev1 ready\r\n";
const GREETING_LITERAL_PLUS: &[u8] = b"* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR] ready\r\n";

fn login(user: &'static str, pass: &'static str) -> Command<'static> {
    Command::Login { username: Bytes::from(user), password: Bytes::from(pass) }
}

#[test]
fn greeting_and_login() {
    converse(
        &[Act::Server(GREETING), Act::Send(login("fred", "secret")), Act::Server(b"A1 OK LOGIN completed\r\n")],
        &[r#"ok none "IMAP4rev1 ready""#, r#"ok none "LOGIN completed""#],
        b"A1 LOGIN fred secret\r\n",
    );
}

#[test]
fn synchronizing_literal_accepted() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Send(login("fred", "p\u{e4}ss")),
            Act::Server(b"* 1 EXISTS\r\n+ go ahead\r\n"),
            Act::Server(b"A1 OK done\r\n"),
        ],
        &[r#"ok none "IMAP4rev1 ready""#, "(exists 1)", r#"ok none "done""#],
        b"A1 LOGIN fred {5}\r\np\xc3\xa4ss\r\n",
    );
}

#[test]
fn synchronizing_literal_refused_ends_the_command() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Send(login("fred", "p\u{e4}ss")),
            Act::Server(b"* OK [ALERT] about to refuse\r\nA1 NO [TOOBIG] too big\r\n"),
            Act::Send(Command::Noop),
            Act::Server(b"A2 OK NOOP done\r\n"),
        ],
        &[
            r#"ok none "IMAP4rev1 ready""#,
            r#"(ok alert "about to refuse")"#,
            r#"no too-big "too big""#,
            r#"ok none "NOOP done""#,
        ],
        b"A1 LOGIN fred {5}\r\nA2 NOOP\r\n",
    );
}

#[test]
fn literal_plus_does_not_wait() {
    converse(
        &[
            Act::Server(GREETING_LITERAL_PLUS),
            Act::Send(login("fred", "a\r\nb")),
            Act::Server(b"A1 OK done\r\n"),
        ],
        &[r#"ok (capability imap4rev1 literal+ sasl-ir) "ready""#, r#"ok none "done""#],
        b"A1 LOGIN fred {4+}\r\na\r\nb\r\n",
    );
}

#[test]
fn literal_minus_waits_above_4096_bytes() {
    let big: &'static [u8] = Box::leak(vec![b'x'; 5000].into_boxed_slice());
    let small: &'static [u8] = b"tiny message";
    let append = |data: &'static [u8]| Command::Append {
        mailbox: Mailbox::from("INBOX"),
        messages: vec![AppendMessage::new(data)],
    };
    let mut sent = b"A1 APPEND INBOX {12+}\r\ntiny message\r\nA2 APPEND INBOX {5000}\r\n".to_vec();
    sent.extend_from_slice(big);
    sent.extend_from_slice(b"\r\n");
    converse(
        &[
            Act::Server(b"* OK [CAPABILITY IMAP4rev1 LITERAL-] ready\r\n"),
            Act::Send(append(small)),
            Act::Server(b"A1 OK [APPENDUID 7 1] done\r\n"),
            Act::Send(append(big)),
            Act::Server(b"+ ok\r\nA2 OK [APPENDUID 7 2] done\r\n"),
        ],
        &[
            r#"ok (capability imap4rev1 literal-) "ready""#,
            r#"ok (append-uid 7 1) "done""#,
            r#"ok (append-uid 7 2) "done""#,
        ],
        &sent,
    );
}

#[test]
fn large_append_is_sent_in_bounded_chunks() {
    let data: &'static [u8] = Box::leak((0..300_000u32).map(|i| b'a' + (i % 26) as u8).collect::<Vec<_>>().into_boxed_slice());
    let mut conn = Connection::new();
    conn.src(GREETING);
    assert!(matches!(conn.run(Action::Await), Ok(Step::Ok(_))));
    let cmd = Command::Append { mailbox: Mailbox::from("INBOX"), messages: vec![AppendMessage::new(data)] };
    assert_eq!(conn.run(Action::Command(cmd)), Ok(Step::AwaitDst));
    assert_eq!(conn.output(), b"A1 APPEND INBOX {300000}\r\n");
    conn.advance_output(26).unwrap();
    assert_eq!(conn.run(Action::Await), Ok(Step::AwaitSrc), "the literal must wait for +");
    conn.src(b"+ Ready\r\n");
    let mut sent = Vec::new();
    while let Ok(Step::AwaitDst) = conn.run(Action::Await) {
        let chunk = conn.output().to_vec();
        assert!(chunk.len() <= 64 * 1024, "output is prepared in bounded chunks");
        conn.advance_output(chunk.len()).unwrap();
        sent.extend_from_slice(&chunk);
    }
    assert_eq!(&sent[..data.len()], data);
    assert_eq!(&sent[data.len()..], b"\r\n");
}

#[test]
fn advancing_past_the_pending_output_is_an_error_that_changes_nothing() {
    let mut conn = Connection::new();
    conn.src(GREETING);
    assert!(matches!(conn.run(Action::Await), Ok(Step::Ok(_))));
    assert_eq!(conn.run(Action::Command(Command::Noop)), Ok(Step::AwaitDst));
    assert_eq!(conn.output(), b"A1 NOOP\r\n");
    conn.advance_output(1).unwrap();
    for n in [usize::MAX, 9] {
        let e = conn.advance_output(n).unwrap_err();
        assert_eq!(e, Error::OutputOverrun { advanced: n, pending: 8 });
        assert!(!e.is_fatal());
    }
    assert_eq!(conn.output(), b"1 NOOP\r\n", "the pending bytes are unchanged");
    conn.advance_output(8).unwrap();
    assert_eq!(conn.output(), b"");
    assert_eq!(conn.advance_output(1), Err(Error::OutputOverrun { advanced: 1, pending: 0 }));
    conn.src(b"A1 OK done\r\n");
    assert!(matches!(conn.run(Action::Await), Ok(Step::Ok(_))));
}

#[test]
fn untagged_responses_between_commands_are_delivered() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Server(b"* 3 EXISTS\r\n* 1 RECENT\r\n"),
            Act::Send(Command::Noop),
            Act::Server(b"* 4 EXISTS\r\nA1 OK NOOP\r\n"),
        ],
        &[r#"ok none "IMAP4rev1 ready""#, "(exists 3)", "(recent 1)", "(exists 4)", r#"ok none "NOOP""#],
        b"A1 NOOP\r\n",
    );
}

#[test]
fn preauth_greeting() {
    converse(
        &[Act::Server(b"* PREAUTH [CAPABILITY IMAP4rev2] welcome back\r\n"), Act::Send(Command::Noop), Act::Server(b"A1 OK\r\n")],
        &[r#"preauth (capability imap4rev2) "welcome back""#, r#"ok none """#],
        b"A1 NOOP\r\n",
    );
}

#[test]
fn bye_greeting_is_a_clean_fatal_error() {
    converse(
        &[Act::Server(b"* BYE too many connections\r\n"), Act::Send(Command::Noop)],
        &[
            "error fatal: the server refused the connection: too many connections",
            "error fatal: the connection is closed after a fatal error",
        ],
        b"",
    );
}

#[test]
fn tagged_response_with_unknown_tag_is_fatal() {
    converse(
        &[Act::Server(GREETING), Act::Send(Command::Noop), Act::Server(b"X9 OK what\r\n")],
        &[r#"ok none "IMAP4rev1 ready""#, "error fatal: tagged response with unknown tag \"X9\""],
        b"A1 NOOP\r\n",
    );
}

#[test]
fn unexpected_continuation_is_fatal() {
    converse(
        &[Act::Server(GREETING), Act::Send(Command::Noop), Act::Server(b"+ huh\r\n")],
        &[r#"ok none "IMAP4rev1 ready""#, "error fatal: unexpected continuation request"],
        b"A1 NOOP\r\n",
    );
}

#[test]
fn misuse_is_an_error_value() {
    let mut conn = Connection::new();
    assert_eq!(conn.run(Action::Command(Command::Noop)), Err(Error::NoGreeting));
    conn.src(GREETING);
    assert!(matches!(conn.run(Action::Await), Ok(Step::Ok(_))));
    assert_eq!(conn.run(Action::Command(Command::Noop)), Ok(Step::AwaitDst));
    assert_eq!(conn.run(Action::Command(Command::Noop)), Err(Error::Busy));
    let auth = Command::Authenticate { mechanism: Bytes::from("PLAIN"), initial_response: None };
    assert_eq!(conn.run(Action::Command(auth)), Err(Error::NeedsAuthenticator));
    assert!(!Error::Busy.is_fatal());
    conn.src(b"");
    assert_eq!(conn.dst(&mut [0u8; 64]), 9);
    assert_eq!(conn.run(Action::Await), Err(Error::Eof));
    assert_eq!(conn.run(Action::Await), Err(Error::Closed));
}

#[test]
fn encoding_errors_send_nothing_and_use_no_tag() {
    converse(
        &[Act::Server(GREETING), Act::Send(login("fred", "nul\0byte")), Act::Send(Command::Noop), Act::Server(b"A1 OK\r\n")],
        &[r#"ok none "IMAP4rev1 ready""#, "error cannot encode the command: LOGIN password contains a NUL byte", r#"ok none """#],
        b"A1 NOOP\r\n",
    );
}

#[test]
fn idle_with_updates_before_the_continuation() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Send(Command::Idle),
            Act::Server(b"* 11 FETCH (UID 10060 FLAGS (\\Seen))\r\n+ idling\r\n* 12 EXISTS\r\n"),
            Act::IdleStop,
            Act::Server(b"* 13 EXISTS\r\nA1 OK IDLE terminated\r\n"),
        ],
        &[
            r#"ok none "IMAP4rev1 ready""#,
            "(fetch 11 (uid 10060) (flags seen))",
            "(exists 12)",
            "(exists 13)",
            r#"ok none "IDLE terminated""#,
        ],
        b"A1 IDLE\r\nDONE\r\n",
    );
}

#[test]
fn idle_stopped_before_the_continuation_sends_done_after_it() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Send(Command::Idle),
            Act::IdleStop,
            Act::Server(b"+ idling\r\n"),
            Act::Server(b"A1 OK done\r\n"),
        ],
        &[r#"ok none "IMAP4rev1 ready""#, r#"ok none "done""#],
        b"A1 IDLE\r\nDONE\r\n",
    );
}

#[test]
fn idle_stop_needs_no_new_input() {
    let mut conn = Connection::new();
    conn.src(GREETING);
    conn.run(Action::Await).unwrap();
    assert_eq!(conn.run(Action::Command(Command::Idle)), Ok(Step::AwaitDst));
    assert_eq!(conn.output(), b"A1 IDLE\r\n");
    conn.advance_output(9).unwrap();
    conn.src(b"+ idling\r\n");
    assert_eq!(conn.run(Action::Await), Ok(Step::AwaitSrc));
    assert_eq!(conn.run(Action::Await), Ok(Step::AwaitSrc), "no stale input is read again");
    conn.idle_stop_handle().stop();
    assert_eq!(conn.run(Action::Await), Ok(Step::AwaitDst));
    assert_eq!(conn.output(), b"DONE\r\n");
}

#[test]
fn idle_ended_by_the_server_and_idle_refused() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Send(Command::Idle),
            Act::Server(b"+ idling\r\n* BYE shutting down\r\nA1 OK done anyway\r\n"),
            Act::Send(Command::Idle),
            Act::Server(b"A2 NO not now\r\n"),
        ],
        &[r#"ok none "IMAP4rev1 ready""#, r#"(bye none "shutting down")"#, r#"ok none "done anyway""#, r#"no none "not now""#],
        b"A1 IDLE\r\nA2 IDLE\r\n",
    );
}

#[test]
fn authenticate_plain_without_sasl_ir() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Auth(|| Box::new(Plain::new("user", "pass"))),
            Act::Server(b"+ \r\n"),
            Act::Server(b"A1 OK [CAPABILITY IMAP4rev1 IDLE] authenticated\r\n"),
        ],
        &[r#"ok none "IMAP4rev1 ready""#, r#"ok (capability imap4rev1 idle) "authenticated""#],
        b"A1 AUTHENTICATE PLAIN\r\nAHVzZXIAcGFzcw==\r\n",
    );
}

#[test]
fn authenticate_plain_with_sasl_ir() {
    converse(
        &[
            Act::Server(GREETING_LITERAL_PLUS),
            Act::Auth(|| Box::new(Plain::new("user", "pass"))),
            Act::Server(b"A1 OK done\r\n"),
        ],
        &[r#"ok (capability imap4rev1 literal+ sasl-ir) "ready""#, r#"ok none "done""#],
        b"A1 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n",
    );
}

#[test]
fn xoauth2_failure_answers_the_error_challenge_with_an_empty_line() {
    converse(
        &[
            Act::Server(GREETING_LITERAL_PLUS),
            Act::Auth(|| Box::new(XOAuth2::new("u@example.com", "tok"))),
            Act::Server(b"+ eyJzdGF0dXMiOiI0MDEifQ==\r\n"),
            Act::Server(b"A1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n"),
        ],
        &[
            r#"ok (capability imap4rev1 literal+ sasl-ir) "ready""#,
            r#"no authentication-failed "Invalid credentials""#,
        ],
        b"A1 AUTHENTICATE XOAUTH2 dXNlcj11QGV4YW1wbGUuY29tAWF1dGg9QmVhcmVyIHRvawEB\r\n\r\n",
    );
}

struct Refuses;

impl Authenticator for Refuses {
    fn mechanism(&self) -> &str {
        "X-CHALLENGE"
    }
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>, String> {
        Ok(None)
    }
    fn step(&mut self, challenge: &[u8]) -> Result<Vec<u8>, String> {
        if challenge == b"hello" {
            Ok(b"world".to_vec())
        } else {
            Err(format!("cannot answer {:?}", String::from_utf8_lossy(challenge)))
        }
    }
}

#[test]
fn authenticator_refusal_cancels_and_is_not_fatal() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Auth(|| Box::new(Refuses)),
            Act::Server(b"+ aGVsbG8=\r\n"),
            Act::Server(b"+ Ynll\r\n"),
            Act::Server(b"A1 BAD cancelled\r\n"),
        ],
        &[r#"ok none "IMAP4rev1 ready""#, "error authentication cancelled: cannot answer \"bye\"", r#"bad none "cancelled""#],
        b"A1 AUTHENTICATE X-CHALLENGE\r\nd29ybGQ=\r\n*\r\n",
    );
}

#[test]
fn endless_challenges_are_cancelled_at_max_auth_challenges() {
    let opts = Options { limits: imap::codec::Limits { max_auth_challenges: 2, ..Default::default() }, ..Default::default() };
    converse_with(
        opts,
        &[
            Act::Server(GREETING),
            Act::Auth(|| Box::new(Refuses)),
            Act::Server(b"+ aGVsbG8=\r\n"),
            Act::Server(b"+ aGVsbG8=\r\n"),
            Act::Server(b"+ aGVsbG8=\r\n"),
            Act::Server(b"A1 BAD cancelled\r\n"),
        ],
        &[
            r#"ok none "IMAP4rev1 ready""#,
            "error authentication cancelled: more than 2 challenges (max_auth_challenges)",
            r#"bad none "cancelled""#,
        ],
        b"A1 AUTHENTICATE X-CHALLENGE\r\nd29ybGQ=\r\nd29ybGQ=\r\n*\r\n",
    );
}

struct RefusesAtOnce;

impl Authenticator for RefusesAtOnce {
    fn mechanism(&self) -> &str {
        "X-NEVER"
    }
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>, String> {
        Err("no credentials".into())
    }
    fn step(&mut self, _challenge: &[u8]) -> Result<Vec<u8>, String> {
        unreachable!("never started")
    }
}

#[test]
fn authenticator_refusing_at_once_sends_nothing() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Auth(|| Box::new(RefusesAtOnce)),
            Act::Send(Command::Noop),
            Act::Server(b"A1 OK\r\n"),
        ],
        &[r#"ok none "IMAP4rev1 ready""#, "error authentication cancelled: no credentials", r#"ok none """#],
        b"A1 NOOP\r\n",
    );
}

#[test]
fn bad_base64_challenge_is_an_error_value() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Auth(|| Box::new(Refuses)),
            Act::Server(b"+ !!not base64!!\r\n"),
            Act::Server(b"A1 BAD cancelled\r\n"),
        ],
        &[
            r#"ok none "IMAP4rev1 ready""#,
            "error authentication cancelled: the server's challenge is not valid base64",
            r#"bad none "cancelled""#,
        ],
        b"A1 AUTHENTICATE X-CHALLENGE\r\n*\r\n",
    );
}

#[test]
fn starttls_hands_over_and_forgets_capabilities() {
    let mut conn = Connection::new();
    conn.src(b"* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n");
    conn.run(Action::Await).unwrap();
    assert!(conn.capabilities().is_some());
    assert_eq!(conn.run(Action::Command(Command::StartTls)), Ok(Step::AwaitDst));
    assert_eq!(conn.output(), b"A1 STARTTLS\r\n");
    conn.advance_output(13).unwrap();
    conn.src(b"A1 OK Begin TLS negotiation now\r\n");
    assert_eq!(conn.run(Action::Await), Ok(Step::StartTls));
    assert_eq!(conn.capabilities(), None);
    assert_eq!(conn.run(Action::Command(Command::Capability)), Ok(Step::AwaitDst));
    assert_eq!(conn.output(), b"A2 CAPABILITY\r\n");
}

#[test]
fn starttls_replayed_every_way() {
    converse(
        &[
            Act::Server(b"* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n"),
            Act::Send(Command::StartTls),
            Act::Server(b"A1 OK Begin TLS negotiation now\r\n"),
            Act::Send(Command::Capability),
            Act::Server(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA2 OK done\r\n"),
        ],
        &[
            r#"ok (capability imap4rev1 start-tls login-disabled) "ready""#,
            "start-tls",
            r#"(capability imap4rev1 (auth "PLAIN"))"#,
            r#"ok none "done""#,
        ],
        b"A1 STARTTLS\r\nA2 CAPABILITY\r\n",
    );
}

/// The bytes after the injection test's OK arrive in the same read as the
/// OK itself; split reads cannot tell them from data sent after TLS, which
/// is why this conversation is fed in one piece only.
#[test]
fn starttls_with_injected_bytes_is_fatal() {
    let mut conn = Connection::new();
    conn.src(GREETING);
    conn.run(Action::Await).unwrap();
    conn.run(Action::Command(Command::StartTls)).unwrap();
    conn.advance_output(13).unwrap();
    conn.src(b"A1 OK Begin TLS negotiation now\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n");
    assert_eq!(conn.run(Action::Await), Err(Error::StartTlsInjection(49)));
    assert_eq!(conn.run(Action::Await), Err(Error::Closed));
}

#[test]
fn compress_deflate_replayed_every_way() {
    let mut server = DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    server.write_all(b"* 5 EXISTS\r\n").unwrap();
    server.flush().unwrap();
    let ok_then_compressed = [&b"A1 OK DEFLATE active\r\n"[..], &std::mem::take(server.get_mut())].concat();
    server.write_all(b"* 6 EXISTS\r\nA2 OK NOOP completed\r\n").unwrap();
    server.flush().unwrap();
    let script = [
        Act::Server(GREETING),
        Act::Send(Command::CompressDeflate),
        Act::Server(Box::leak(ok_then_compressed.into_boxed_slice())),
        Act::Send(Command::Noop),
        Act::Server(Box::leak(std::mem::take(server.get_mut()).into_boxed_slice())),
    ];
    let steps = [
        r#"ok none "IMAP4rev1 ready""#,
        r#"ok none "DEFLATE active""#,
        "(exists 5)",
        "(exists 6)",
        r#"ok none "NOOP completed""#,
    ];
    let plain = b"A1 COMPRESS DEFLATE\r\n";
    let mut feeds = vec![Feed::Whole, Feed::Bytes];
    feeds.extend((1..server_len(&script)).map(Feed::SplitAt));
    for dst in [1, 7, 65536] {
        for &feed in &feeds {
            let r = replay(&Options::default(), &script, feed, dst);
            assert_eq!(r.steps, steps, "replay with {feed:?}, dst {dst}");
            assert_eq!(&r.sent[..plain.len()], plain, "replay with {feed:?}, dst {dst}");
            let mut client = DeflateDecoder::new(Vec::new());
            client.write_all(&r.sent[plain.len()..]).unwrap();
            client.flush().unwrap();
            assert_eq!(client.get_ref(), b"A2 NOOP\r\n", "replay with {feed:?}, dst {dst}");
        }
    }
}

#[test]
fn broken_compressed_input_is_fatal() {
    let mut conn = Connection::new();
    conn.src(GREETING);
    conn.run(Action::Await).unwrap();
    conn.run(Action::Command(Command::CompressDeflate)).unwrap();
    conn.advance_output(21).unwrap();
    conn.src(b"A1 OK DEFLATE active\r\n");
    assert!(matches!(conn.run(Action::Await), Ok(Step::Ok(_))));
    conn.src(&[0xff; 32]);
    assert!(matches!(conn.run(Action::Await), Err(Error::Compression(_))));
}

#[test]
fn malformed_completion_of_the_running_command_ends_it() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Send(Command::Noop),
            Act::Server(b"* 2 FETCH (UID\r\nA1 MAYBE\r\n"),
            Act::Send(Command::Noop),
            Act::Server(b"A2 OK\r\n"),
        ],
        &[r#"ok none "IMAP4rev1 ready""#, "malformed 22", "malformed 38", r#"ok none """#],
        b"A1 NOOP\r\nA2 NOOP\r\n",
    );
}

#[test]
fn streamed_literal_through_the_connection() {
    let opts = Options { limits: imap::codec::Limits { stream_threshold: Some(4), ..Default::default() }, ..Default::default() };
    let fetch = Command::Fetch(Fetch {
        uid: true,
        set: MessageSet::Set(SequenceSet(vec![SeqRange::single(7)])),
        items: FetchItems::Items(vec![FetchAttr::Uid]),
        changed_since: None,
        vanished: false,
    });
    converse_with(
        opts,
        &[
            Act::Server(GREETING),
            Act::Send(fetch),
            Act::Server(b"* 1 FETCH (UID 7 BODY[] {11}\r\nhello world)\r\nA1 OK done\r\n"),
        ],
        &[
            r#"ok none "IMAP4rev1 ready""#,
            "literal-begin 11",
            "literal-data hello world",
            "literal-end",
            r#"(fetch 1 (uid 7) (body-section all nil ""))"#,
            r#"ok none "done""#,
        ],
        b"A1 UID FETCH 7 UID\r\n",
    );
}

#[test]
fn end_of_input_inside_a_command() {
    converse(
        &[Act::Server(GREETING), Act::Send(Command::Noop), Act::Server(b"* 1 EXI"), Act::Eof],
        &[
            r#"ok none "IMAP4rev1 ready""#,
            "error fatal: input ended in the middle of a response (7 bytes buffered)",
        ],
        b"A1 NOOP\r\n",
    );
}

#[test]
fn tags_are_unique_and_start_with_a_letter() {
    let opts = Options { tag_prefix: "imap".into(), ..Default::default() };
    let mut conn = Connection::with_options(opts);
    conn.src(GREETING);
    conn.run(Action::Await).unwrap();
    let mut tags = Vec::new();
    for i in 1..=3 {
        conn.run(Action::Command(Command::Noop)).unwrap();
        let line = conn.output().to_vec();
        conn.advance_output(line.len()).unwrap();
        let tag = line.split(|&b| b == b' ').next().unwrap().to_vec();
        conn.src(&[&tag[..], b" OK\r\n"].concat());
        assert!(matches!(conn.run(Action::Await), Ok(Step::Ok(_))), "command {i}");
        tags.push(String::from_utf8(tag).unwrap());
    }
    assert_eq!(tags, ["imap1", "imap2", "imap3"]);
}

#[test]
fn utf8_accept_changes_mailbox_encoding() {
    converse(
        &[
            Act::Server(GREETING),
            Act::Send(Command::Select(imap::types::Select::new("Entw\u{fc}rfe"))),
            Act::Server(b"A1 OK\r\n"),
            Act::Send(Command::Enable(vec![imap::types::Capability::Utf8Accept])),
            Act::Server(b"* ENABLED UTF8=ACCEPT\r\nA2 OK\r\n"),
            Act::Send(Command::Select(imap::types::Select::new("Entw\u{fc}rfe"))),
            Act::Server(b"A3 OK\r\n"),
        ],
        &[r#"ok none "IMAP4rev1 ready""#, r#"ok none """#, "(enabled utf8-accept)", r#"ok none """#, r#"ok none """#],
        b"A1 SELECT Entw&APw-rfe\r\nA2 ENABLE UTF8=ACCEPT\r\nA3 SELECT \"Entw\xc3\xbcrfe\"\r\n",
    );
}
