//! Runs every case of `tests/vectors/encode/*.txt` (format: docs/commands.md).

mod support;

use std::collections::HashSet;
use std::path::Path;

use imap::codec::encode::{encode, EncodeOptions, LiteralMode};

/// One vector case.
struct Case {
    origin: String,
    name: String,
    cmd: Vec<u8>,
    opts: EncodeOptions,
    /// Expected segments (split at `wait` lines), or the error kind.
    expect: Result<Vec<Vec<u8>>, String>,
}

fn read_cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/encode");
    support::vectors::read_dir(&dir)
        .into_iter()
        .map(|v| {
            let at = &v.origin;
            let mut c = Case { origin: v.origin.clone(), name: v.name.clone(), cmd: Vec::new(), opts: EncodeOptions::default(), expect: Ok(vec![]) };
            let mut segments = vec![Vec::new()];
            let mut error = None;
            for (word, rest) in &v.lines {
                match word.as_str() {
                    "cmd" => c.cmd = rest.as_bytes().to_vec(),
                    "opt" => match rest.as_str() {
                        "literal+" => c.opts.literal = LiteralMode::Plus,
                        "literal-" => c.opts.literal = LiteralMode::Minus,
                        "utf8-accept" => c.opts.utf8_accept = true,
                        other => panic!("{at}: unknown option {other}"),
                    },
                    "out" => {
                        let bytes = support::vectors::unescape(rest.as_bytes()).unwrap_or_else(|e| panic!("{at}: {e}"));
                        segments.last_mut().unwrap().extend_from_slice(&bytes);
                    }
                    "wait" => segments.push(Vec::new()),
                    "error" => error = Some(rest.clone()),
                    other => panic!("{at}: unknown line {other}"),
                }
            }
            assert!(!c.cmd.is_empty(), "{at}: case without cmd");
            c.expect = match error {
                Some(kind) => {
                    assert!(segments == vec![Vec::<u8>::new()], "{at}: both out and error");
                    Err(kind)
                }
                None => {
                    assert!(!segments[0].is_empty(), "{at}: case without out");
                    Ok(segments)
                }
            };
            c
        })
        .collect()
}

/// Every command form of docs/commands.md; each needs at least one vector.
const EVERY_COMMAND: &[&str] = &[
    "capability",
    "noop",
    "logout",
    "starttls",
    "unauthenticate",
    "namespace",
    "idle",
    "check",
    "close",
    "unselect",
    "expunge",
    "compress-deflate",
    "id",
    "enable",
    "authenticate",
    "login",
    "select",
    "examine",
    "create",
    "delete",
    "rename",
    "subscribe",
    "unsubscribe",
    "list",
    "lsub",
    "status",
    "append",
    "get-quota",
    "get-quota-root",
    "set-quota",
    "get-acl",
    "set-acl",
    "delete-acl",
    "my-rights",
    "list-rights",
    "get-metadata",
    "set-metadata",
    "uid-expunge",
    "search",
    "fetch",
    "store",
    "copy",
    "move",
    "sort",
    "thread",
    "raw",
];

fn show(segments: &[Vec<u8>]) -> String {
    segments.iter().map(|s| s.escape_ascii().to_string()).collect::<Vec<_>>().join("\n  <wait>\n  ")
}

#[test]
fn encode_vectors() {
    let cases = read_cases();
    assert!(cases.len() > 300, "expected the full vector set, found {}", cases.len());
    let mut names = HashSet::new();
    let mut heads = HashSet::new();
    let mut failures = Vec::new();
    for c in &cases {
        assert!(names.insert(c.name.clone()), "duplicate case name {}", c.name);
        let where_ = format!("{} {}", c.origin, c.name);
        let sexp = match support::commands::parse(&c.cmd) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{where_}: cmd does not parse: {e}"));
                continue;
            }
        };
        if let support::commands::Sexp::List(items) = &sexp {
            if let Some(support::commands::Sexp::Tok(head)) = items.first() {
                heads.insert(head.clone());
            }
        }
        let cmd = match support::commands::command(&sexp) {
            Ok(cmd) => cmd,
            Err(e) => {
                failures.push(format!("{where_}: bad command form: {e}"));
                continue;
            }
        };
        let got = encode(&cmd, b"A1", &c.opts).map(|e| e.segments()).map_err(|e| e.kind().to_string());
        if got != c.expect {
            let fmt = |r: &Result<Vec<Vec<u8>>, String>| match r {
                Ok(s) => show(s),
                Err(k) => format!("error {k}"),
            };
            failures.push(format!("{where_}:\n  expected {}\n  got      {}", fmt(&c.expect), fmt(&got)));
        }
    }
    let missing: Vec<_> = EVERY_COMMAND.iter().filter(|h| !heads.contains(**h)).collect();
    assert!(missing.is_empty(), "commands without a vector: {missing:?}");
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
    println!("{} encode vectors passed", cases.len());
}
