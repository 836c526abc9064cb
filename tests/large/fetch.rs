//! `UID FETCH uid BODY.PEEK[]` through the Rust connection, the literal
//! streamed (64 KiB threshold) into a file; run by `tests/large/run`.
//!
//! ```text
//! large-fetch HOST PORT USER PASSWORD UID OUTFILE
//! ```
//!
//! Prints `baseline_kib peak_kib`: VmRSS after logging in (before the
//! FETCH) and VmHWM at the end, from /proc/self/status.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::net::TcpStream;

use imap::codec::Limits;
use imap::conn::{Action, Connection, Options, Step};
use imap::types::{Bytes, Command, Fetch, FetchAttr, FetchItems, MessageSet, SeqRange, Section, SequenceSet, Select};

/// A field of /proc/self/status, in KiB.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"))
}

/// Runs `action` until the command ends (or the greeting arrives), writing
/// streamed literal data to `out`; returns how many literals were streamed.
fn run(conn: &mut Connection, sock: &mut TcpStream, action: Action, out: &mut impl Write) -> usize {
    let mut buf = vec![0u8; 64 << 10];
    let mut action = action;
    let mut literals = 0;
    loop {
        match conn.run(std::mem::replace(&mut action, Action::Await)).expect("run") {
            Step::AwaitDst => {
                let n = sock.write(conn.output()).expect("write");
                conn.advance_output(n).expect("no more than was pending");
            }
            Step::AwaitSrc => {
                let n = sock.read(&mut buf).expect("read");
                conn.src(&buf[..n]);
            }
            Step::LiteralBegin(_) => literals += 1,
            Step::LiteralData(d) => out.write_all(d).expect("write to the file"),
            Step::Ok(_) | Step::Preauth(_) => return literals,
            Step::No(t) | Step::Bad(t) => panic!("the command failed: {}", String::from_utf8_lossy(t.text.as_bytes())),
            _ => {}
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [host, port, user, password, uid, outfile] = &args[..] else {
        eprintln!("usage: large-fetch HOST PORT USER PASSWORD UID OUTFILE");
        std::process::exit(2);
    };
    let mut sock = TcpStream::connect((host.as_str(), port.parse::<u16>().expect("port"))).expect("connect");
    let limits = Limits { stream_threshold: Some(64 << 10), max_literal: u64::MAX, ..Limits::default() };
    let mut conn = Connection::with_options(Options { limits, ..Options::default() });
    let mut sink = std::io::sink();
    run(&mut conn, &mut sock, Action::Await, &mut sink);
    let login = Command::Login { username: Bytes::from(user.clone()), password: Bytes::from(password.clone()) };
    run(&mut conn, &mut sock, Action::Command(login), &mut sink);
    run(&mut conn, &mut sock, Action::Command(Command::Examine(Select::new("INBOX"))), &mut sink);

    let baseline = status_kib("VmRSS");
    let uid: u32 = uid.parse().expect("UID");
    let body = FetchAttr::BodySection { peek: true, section: Section { part: vec![].into(), text: None }, partial: None };
    let fetch = Command::Fetch(Fetch {
        uid: true,
        set: MessageSet::Set(SequenceSet(vec![SeqRange::single(uid)])),
        items: FetchItems::Items(vec![body]),
        changed_since: None,
        vanished: false,
    });
    let mut out = BufWriter::new(File::create(outfile).expect("create the file"));
    let literals = run(&mut conn, &mut sock, Action::Command(fetch), &mut out);
    out.flush().expect("flush");
    assert_eq!(literals, 1, "one streamed literal");
    println!("{baseline} {}", status_kib("VmHWM"));
}
