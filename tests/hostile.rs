//! The hostile-server soak of the Rust connection (`make test-hostile`):
//! tests/hostile/server.py speaks IMAP badly on purpose, one case per
//! port; a blocking client over `Connection` (read timeout, overall
//! deadline) logs in, selects, fetches and logs out against each case.
//! Every case must end in the expected error value or the correct
//! result, within the deadline, with a bounded peak of heap memory.
//!
//! Ignored by a plain `cargo test` (it needs python3); `make test-hostile`
//! runs it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command as Process, Stdio};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use imap::codec::{FrameError, ParseErrorKind};
use imap::conn::{Action, Connection, Error, Step};
use imap::types::{Bytes, Command, Fetch, FetchAttr, FetchItem, FetchItems, Mailbox, MessageSet, Section, Select, Untagged};

/// The system allocator, keeping the peak of live bytes.
struct Peak;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; the counters are atomics.
unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed) + layout.size() as isize;
        PEAK.fetch_max(live, Ordering::Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static PEAK_ALLOCATOR: Peak = Peak;

/// No read may wait longer than this.
const READ_TIMEOUT: Duration = Duration::from_secs(2);
/// No session may last longer than this.
const DEADLINE: Duration = Duration::from_secs(20);
/// The most heap a session may take at once.
const MAX_HEAP: isize = 16 << 20;

/// The server, stopped when dropped (its stdin closes).
struct Server {
    child: Child,
    ports: Vec<(String, u16)>,
    cut_len: usize,
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

fn start_server() -> Server {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/server.py");
    let mut child = Process::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs the hostile server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("piped")).read_line(&mut line).expect("the server's ports");
    // {"cases": {"name": [plain, tls], ...}, "cut_len": n}
    let cases = &line[line.find("{\"").expect("cases") + 1..line.find("}, \"cut_len\"").expect("cut_len")];
    let cases = cases.strip_prefix("\"cases\": {").expect("cases");
    let ports = cases
        .split("], ")
        .map(|entry| {
            let (name, ports) = entry.split_once("\": [").expect("name and ports");
            let plain = ports.split(',').next().expect("a port").trim_end_matches(']');
            (name.trim_matches('"').to_string(), plain.parse().expect("a port number"))
        })
        .collect();
    let cut_len = line.rsplit(": ").next().unwrap().trim().trim_end_matches('}').parse().expect("cut_len");
    Server { child, ports, cut_len }
}

/// How a session ended.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// Every command completed: the body fetched, the untagged responses
    /// counted, the malformed responses' reasons.
    Done { body: Vec<u8>, untagged: usize, malformed: Vec<ParseErrorKind> },
    /// The connection's error.
    Failed(Error),
    /// A read waited longer than READ_TIMEOUT.
    Timeout,
}

/// The session: LOGIN, SELECT, FETCH, LOGOUT.
fn session(port: u16) -> Outcome {
    let start = Instant::now();
    let mut sock = TcpStream::connect(("127.0.0.1", port)).expect("the server listens");
    sock.set_read_timeout(Some(READ_TIMEOUT)).unwrap();
    let mut conn = Connection::new();
    let mut commands = vec![
        Command::Logout,
        Command::Fetch(Fetch {
            uid: false,
            set: MessageSet::Set("1".parse().unwrap()),
            items: FetchItems::Items(vec![FetchAttr::BodySection { peek: false, section: Section::default(), partial: None }]),
            changed_since: None,
            vanished: false,
        }),
        Command::Select(Select::new(Mailbox::from("INBOX"))),
        Command::Login { username: Bytes::from("ann"), password: Bytes::from("secret") },
    ];
    let (mut body, mut untagged, mut malformed) = (Vec::new(), 0, Vec::new());
    let mut action = Action::Await;
    let mut buf = vec![0; 64 * 1024];
    loop {
        assert!(start.elapsed() < DEADLINE, "the session on port {port} outlived its deadline");
        let step = conn.run(std::mem::replace(&mut action, Action::Await));
        let next = match step {
            Ok(Step::AwaitDst) => {
                let out = conn.output().to_vec();
                if sock.write_all(&out).is_err() {
                    return Outcome::Failed(Error::Eof);
                }
                conn.advance_output(out.len()).unwrap();
                continue;
            }
            Ok(Step::AwaitSrc) => match sock.read(&mut buf) {
                Ok(n) => {
                    conn.src(&buf[..n]);
                    continue;
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => return Outcome::Timeout,
                Err(_) => {
                    conn.src(&[]);
                    continue;
                }
            },
            Ok(Step::Untagged(Untagged::Fetch { items, .. })) => {
                for item in items.iter() {
                    if let FetchItem::BodySection { data: Some(d), .. } = item {
                        body = d.as_bytes().to_vec();
                    }
                }
                untagged += 1;
                false
            }
            Ok(Step::Untagged(_)) => {
                untagged += 1;
                false
            }
            Ok(Step::Malformed(m)) => {
                malformed.push(m.error.kind);
                false
            }
            Ok(Step::Ok(_) | Step::Done) => !conn.is_busy(),
            Ok(other) => panic!("unexpected step {other:?}"),
            Err(e) => return Outcome::Failed(e),
        };
        if next {
            match commands.pop() {
                Some(c) => action = Action::Command(c),
                None => return Outcome::Done { body, untagged, malformed },
            }
        }
    }
}

/// Runs the session on `case` and checks the heap peak and duration.
fn run_case(server: &Server, case: &str) -> Outcome {
    let port = server.ports.iter().find(|(n, _)| n == case).unwrap_or_else(|| panic!("no case {case}")).1;
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    let outcome = session(port);
    let peak = PEAK.load(Ordering::Relaxed) - base;
    eprintln!("{case}: {outcome:?} in {:?}, heap peak {peak} bytes", start.elapsed());
    assert!(peak < MAX_HEAP, "{case}: heap peak {peak} bytes");
    outcome
}

fn failed_with(outcome: &Outcome, expected: impl Fn(&Error) -> bool) -> bool {
    matches!(outcome, Outcome::Failed(e) if expected(e) && e.is_fatal())
}

#[test]
#[ignore = "needs python3; run by make test-hostile"]
fn every_hostile_case_ends_in_an_error_value_or_the_right_result() {
    let server = start_server();
    let hello = |o: &Outcome| matches!(o, Outcome::Done { body, malformed, .. } if body == b"hello" && malformed.is_empty());

    let o = run_case(&server, "greeting-1byte");
    assert!(hello(&o), "{o:?}");

    let o = run_case(&server, "literal-2^63");
    assert!(failed_with(&o, |e| matches!(e, Error::Frame(FrameError::LiteralTooLarge { size: 9223372036854775808, .. }))), "{o:?}");

    assert_eq!(run_case(&server, "literal-stalls"), Outcome::Timeout);

    let o = run_case(&server, "literal-cut");
    assert!(failed_with(&o, |e| matches!(e, Error::Frame(FrameError::UnexpectedEof { .. }))), "{o:?}");

    let o = run_case(&server, "million-untagged");
    assert!(hello(&o) && matches!(o, Outcome::Done { untagged, .. } if untagged > 1_000_000), "{o:?}");

    let o = run_case(&server, "deep-nesting");
    assert!(matches!(&o, Outcome::Done { body, malformed, .. } if body == b"hello" && malformed == &[ParseErrorKind::TooDeep(100)]), "{o:?}");

    let o = run_case(&server, "nul-bare-crlf");
    assert!(matches!(&o, Outcome::Done { body, .. } if body == b"hello"), "{o:?}");

    let o = run_case(&server, "unasked-continuation");
    assert!(failed_with(&o, |e| *e == Error::UnexpectedContinuation), "{o:?}");

    let o = run_case(&server, "unknown-tag");
    assert!(failed_with(&o, |e| matches!(e, Error::UnknownTag(t) if t == b"ZZZ9")), "{o:?}");

    let o = run_case(&server, "bye-in-literal");
    assert!(failed_with(&o, |e| matches!(e, Error::Frame(FrameError::UnexpectedEof { .. }))), "{o:?}");

    for cut in 0..=server.cut_len {
        let o = run_case(&server, "cut-every-byte");
        if cut < server.cut_len {
            assert!(failed_with(&o, |e| matches!(e, Error::Eof | Error::Frame(FrameError::UnexpectedEof { .. }))), "cut at {cut}: {o:?}");
        } else {
            assert!(hello(&o), "whole: {o:?}");
        }
    }
}
