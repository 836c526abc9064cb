//! Runs every case of `tests/vectors/encode/*.txt` (format: docs/commands.md).

mod support;

use std::collections::HashSet;
use std::path::Path;

use imap::codec::encode::{encode, EncodeOptions, LiteralMode};

/// One vector case.
struct Case {
    file: String,
    line: usize,
    name: String,
    cmd: Vec<u8>,
    opts: EncodeOptions,
    /// Expected segments (split at `wait` lines), or the error kind.
    expect: Result<Vec<Vec<u8>>, String>,
}

fn read_cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/encode");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/vectors/encode exists")
        .map(|e| e.expect("readable directory").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read(&path).expect("readable vector file");
        let mut cur: Option<Case> = None;
        let mut segments: Vec<Vec<u8>> = Vec::new();
        let mut error: Option<String> = None;
        for (i, raw) in text.split(|&b| b == b'\n').enumerate() {
            let line = raw.strip_suffix(b"\r").unwrap_or(raw);
            let at = format!("{file}:{}", i + 1);
            if line.is_empty() || line.starts_with(b"#") {
                continue;
            }
            let (word, rest) = match line.iter().position(|&b| b == b' ') {
                Some(p) => (&line[..p], &line[p + 1..]),
                None => (line, &b""[..]),
            };
            match word {
                b"case" => {
                    assert!(cur.is_none(), "{at}: case inside a case");
                    cur = Some(Case {
                        file: file.clone(),
                        line: i + 1,
                        name: String::from_utf8(rest.to_vec()).expect("UTF-8 case name"),
                        cmd: Vec::new(),
                        opts: EncodeOptions::default(),
                        expect: Ok(vec![]),
                    });
                    segments = vec![Vec::new()];
                    error = None;
                }
                b"end" => {
                    let mut c = cur.take().unwrap_or_else(|| panic!("{at}: end outside a case"));
                    assert!(!c.cmd.is_empty(), "{at}: case without cmd");
                    c.expect = match error.take() {
                        Some(kind) => {
                            assert!(segments == vec![Vec::<u8>::new()], "{at}: both out and error");
                            Err(kind)
                        }
                        None => {
                            assert!(!segments[0].is_empty(), "{at}: case without out");
                            Ok(std::mem::take(&mut segments))
                        }
                    };
                    cases.push(c);
                }
                _ => {
                    let c = cur.as_mut().unwrap_or_else(|| panic!("{at}: line outside a case"));
                    match word {
                        b"cmd" => c.cmd = rest.to_vec(),
                        b"opt" => match rest {
                            b"literal+" => c.opts.literal = LiteralMode::Plus,
                            b"literal-" => c.opts.literal = LiteralMode::Minus,
                            b"utf8-accept" => c.opts.utf8_accept = true,
                            other => panic!("{at}: unknown option {}", String::from_utf8_lossy(other)),
                        },
                        b"out" => {
                            let bytes = support::unescape(rest).unwrap_or_else(|e| panic!("{at}: {e}"));
                            segments.last_mut().unwrap().extend_from_slice(&bytes);
                        }
                        b"wait" => segments.push(Vec::new()),
                        b"error" => error = Some(String::from_utf8(rest.to_vec()).unwrap()),
                        other => panic!("{at}: unknown line {}", String::from_utf8_lossy(other)),
                    }
                }
            }
        }
        assert!(cur.is_none(), "{file}: unterminated case");
    }
    cases
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
        let where_ = format!("{}:{} {}", c.file, c.line, c.name);
        let sexp = match support::parse(&c.cmd) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{where_}: cmd does not parse: {e}"));
                continue;
            }
        };
        if let support::Sexp::List(items) = &sexp {
            if let Some(support::Sexp::Tok(head)) = items.first() {
                heads.insert(head.clone());
            }
        }
        let cmd = match support::command(&sexp) {
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
