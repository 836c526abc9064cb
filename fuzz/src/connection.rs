//! `connection`: a scripted server byte stream against a `Connection`
//! driving a fuzzer-chosen sequence of commands (IDLE and its stop,
//! AUTHENTICATE with scripted answers, APPEND with literals, STARTTLS,
//! COMPRESS...), read in fuzzer-chosen pieces, its output taken with
//! fuzzer-chosen `dst` sizes or `output`/`advance_output` (sometimes past
//! the end, which must be a non-fatal error). No panic, no hang (a step
//! bound), and after a fatal error every call says `Closed`.
//!
//! Input: one byte `n`, then `n` control bytes (read with
//! `arbitrary::Unstructured`: limits, the piece size used once the control
//! bytes run out, then commands and piece sizes; all zero when they run
//! out), then the server's bytes.

use arbitrary::Unstructured;
use imap::conn::{Action, Authenticator, Connection, Error, Options, Step};
use imap::types::{AppendMessage, Bytes, Command, Mailbox, Select};

/// An authenticator that answers from the fuzzer's script (`None`: gives up).
struct Scripted {
    initial: Option<Vec<u8>>,
    answers: Vec<Option<Vec<u8>>>,
}

impl Authenticator for Scripted {
    fn mechanism(&self) -> &str {
        "FUZZ"
    }

    fn initial_response(&mut self) -> Result<Option<Vec<u8>>, String> {
        Ok(self.initial.take())
    }

    fn step(&mut self, _challenge: &[u8]) -> Result<Vec<u8>, String> {
        self.answers.pop().flatten().ok_or_else(|| "the script gives up".to_string())
    }
}

/// Bytes chosen by the fuzzer (at most 300).
fn bytes(u: &mut Unstructured<'_>) -> Vec<u8> {
    let len = u.int_in_range(0..=300).unwrap_or(0);
    u.bytes(len).map(<[u8]>::to_vec).unwrap_or_default()
}

/// The next command to run.
fn command(u: &mut Unstructured<'_>) -> Action {
    let plain = |c: Command<'static>| Action::Command(c);
    match u.int_in_range(0..=9).unwrap_or(0) {
        0 => plain(Command::Noop),
        1 => plain(Command::Idle),
        2 => {
            let initial = if u.arbitrary().unwrap_or(false) { Some(bytes(u)) } else { None };
            let answers = (0..u.int_in_range(0..=3).unwrap_or(0))
                .map(|_| if u.arbitrary().unwrap_or(true) { Some(bytes(u)) } else { None })
                .collect();
            Action::Authenticate(Box::new(Scripted { initial, answers }))
        }
        3 => {
            let messages = (0..u.int_in_range(1..=3).unwrap_or(1)).map(|_| AppendMessage::new(bytes(u))).collect();
            plain(Command::Append { mailbox: Mailbox::from("INBOX"), messages })
        }
        4 => plain(Command::StartTls),
        5 => plain(Command::CompressDeflate),
        6 => plain(Command::Login { username: Bytes::from(bytes(u)), password: Bytes::from(bytes(u)) }),
        7 => plain(Command::Select(Select::new(Mailbox::Wire(Bytes::from(bytes(u)))))),
        8 => plain(Command::Capability),
        _ => plain(Command::Logout),
    }
}

/// Takes pending output the way the fuzzer chooses.
fn write_out(conn: &mut Connection, u: &mut Unstructured<'_>) {
    if u.arbitrary().unwrap_or(false) {
        let pending = conn.output().len();
        let n = u.int_in_range(0..=pending + 1).unwrap_or(pending);
        match conn.advance_output(n) {
            Ok(()) => assert!(n <= pending),
            Err(e) => {
                assert_eq!(e, Error::OutputOverrun { advanced: n, pending });
                assert!(!e.is_fatal());
            }
        }
    } else {
        let mut buf = vec![0; u.int_in_range(1..=4096).unwrap_or(4096)];
        let pending = conn.dst_rem();
        let n = conn.dst(&mut buf);
        assert_eq!(n, pending.min(buf.len()));
    }
}

/// The sizes of the server's pieces once the control bytes run out: the
/// rest whole (the default), or byte by byte and other small cuts, so that
/// long streams are still read in pieces without one control byte per piece.
const TAIL_PIECES: [usize; 6] = [usize::MAX, 1, 2, 3, 16, 256];

/// Runs the target on one input.
pub fn run(data: &[u8]) {
    let Some((&ctl_len, rest)) = data.split_first() else { return };
    let (ctl, mut server) = rest.split_at(usize::from(ctl_len).min(rest.len()));
    let mut u = Unstructured::new(ctl);
    let limits = crate::limits_for(u.arbitrary().unwrap_or(0));
    let tail_piece = TAIL_PIECES[u.choose_index(TAIL_PIECES.len()).unwrap_or(0)];
    let mut conn = Connection::with_options(Options { limits, ..Options::default() });
    let stop = conn.idle_stop_handle();
    let mut action = Action::Await;
    for _ in 0..4 * (data.len() + 100) {
        if u.ratio(1, 16).unwrap_or(false) {
            stop.stop();
        }
        let step = match conn.run(std::mem::replace(&mut action, Action::Await)) {
            Ok(Step::AwaitDst) => Ok(Needs::Output),
            Ok(Step::AwaitSrc) => Ok(Needs::Input),
            Ok(_) => Ok(Needs::Nothing),
            Err(e) => Err(e),
        };
        match step {
            Ok(Needs::Output) => write_out(&mut conn, &mut u),
            Ok(Needs::Input) if server.is_empty() => conn.src(&[]),
            Ok(Needs::Input) => {
                let n = if u.is_empty() { tail_piece.min(server.len()) } else { u.int_in_range(1..=server.len()).unwrap_or(1) };
                conn.src(&server[..n]);
                server = &server[n..];
            }
            Ok(Needs::Nothing) if !conn.is_busy() => action = command(&mut u),
            Ok(Needs::Nothing) => {}
            Err(e) if e.is_fatal() => {
                assert_eq!(conn.run(Action::Await), Err(Error::Closed), "after {e}");
                return;
            }
            Err(_) => {}
        }
    }
}

/// What a step asks of the driver.
enum Needs {
    Output,
    Input,
    Nothing,
}
