//! Heap memory of idle connections: 10,000 [`Connection`]s, each after a
//! Dovecot greeting with its capability list, a SELECT and an IDLE that
//! has handed out one EXISTS, measured with a counting allocator. Prints
//! the bytes each connection holds (heap and struct) and the total.
//!
//! ```text
//! idle-memory [CONNECTIONS]
//! ```

#[path = "../alloc.rs"]
mod alloc;

use imap::conn::{Action, Connection, Step};
use imap::types::{Command, Select, Untagged};

#[global_allocator]
static GLOBAL: alloc::Counting = alloc::Counting;

/// What Dovecot 2.3 sends before the login (the capability list of the
/// test server in scripts/servers).
const GREETING: &[u8] = b"* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY \
THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN \
NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH \
LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE \
AUTH=PLAIN AUTH=LOGIN] Dovecot (Debian) ready.\r\n";

/// Dovecot's answer to `SELECT INBOX`.
const SELECTED: &[u8] = b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded $Junk $NotJunk)\r\n\
* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded $Junk $NotJunk \\*)] Flags permitted.\r\n\
* 4 EXISTS\r\n\
* 0 RECENT\r\n\
* OK [UNSEEN 2] First unseen.\r\n\
* OK [UIDVALIDITY 1733300000] UIDs valid\r\n\
* OK [UIDNEXT 5] Predicted next UID\r\n\
* OK [HIGHESTMODSEQ 9] Highest\r\n\
A1 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n";

/// The continuation after IDLE, then new mail.
const IDLING: &[u8] = b"+ idling\r\n";
const NEW_MAIL: &[u8] = b"* 5 EXISTS\r\n";

/// Runs `conn` until it needs input, answering `AwaitDst` by dropping the
/// output (as if sent); returns whether it handed out an EXISTS.
fn drive(conn: &mut Connection, mut action: Action) -> bool {
    let mut exists = false;
    loop {
        match conn
            .run(std::mem::replace(&mut action, Action::Await))
            .expect("a scripted session")
        {
            Step::AwaitDst => {
                let n = conn.output().len();
                conn.advance_output(n).expect("n bytes of the pending output were sent");
            }
            Step::AwaitSrc | Step::Done => return exists,
            Step::Untagged(Untagged::Exists(_)) => exists = true,
            _ => {}
        }
    }
}

/// One connection brought to the idle state.
fn idle_connection() -> Connection {
    let mut conn = Connection::new();
    drive(&mut conn, Action::Await);
    conn.src(GREETING);
    drive(&mut conn, Action::Await);
    drive(
        &mut conn,
        Action::Command(Command::Select(Select::new("INBOX"))),
    );
    conn.src(SELECTED);
    drive(&mut conn, Action::Await);
    drive(&mut conn, Action::Command(Command::Idle));
    conn.src(IDLING);
    drive(&mut conn, Action::Await);
    conn.src(NEW_MAIL);
    assert!(drive(&mut conn, Action::Await), "the EXISTS during IDLE");
    conn
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(10_000, |a| a.parse().expect("a number of connections"));
    let (conns, usage) = alloc::measure(|| (0..n).map(|_| idle_connection()).collect::<Vec<_>>());
    let live = alloc::live();
    let vec_bytes = n * std::mem::size_of::<Connection>();
    let heap = live - vec_bytes;
    let each = heap as f64 / n as f64 + std::mem::size_of::<Connection>() as f64;
    let per = |bytes: usize| bytes as f64 / n as f64;
    println!(
        "{n} idle connections: {each:.0} bytes each ({:.0} heap + {} struct), {:.1} MiB in all",
        per(heap),
        std::mem::size_of::<Connection>(),
        (live as f64) / (1 << 20) as f64,
    );
    println!(
        "  on the way there, each: {:.0} allocation calls, {:.0} bytes allocated; peak {:.0} bytes",
        per(usage.calls),
        per(usage.allocated),
        per(usage.peak),
    );
    drop(conns);
}
