//! `imap-trace` on captured server streams: what it prints, and its exit
//! status.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn trace(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imap-trace"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("imap-trace runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &[u8]) -> Vec<String> {
    String::from_utf8(out.to_vec()).unwrap().lines().map(str::to_string).collect()
}

const CAPTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/traces/dovecot-session.imap");

#[test]
fn decodes_a_captured_session() {
    let out = trace(&[CAPTURE], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 17, "{got:#?}");
    assert_eq!(got[0], r#"(ok (capability imap4rev1 sasl-ir literal+ id enable idle (auth "PLAIN")) "Dovecot ready.")"#);
    assert_eq!(got[3], r#"(ok (permanent-flags answered flagged deleted seen draft wildcard) "Flags permitted.")"#);
    assert!(got[9].starts_with(r#"(fetch 3 (uid 3) (rfc822-size 312) (flags seen (keyword "$Forwarded")) (envelope (date "#));
    assert!(got[9].ends_with(r#"(body-section (header-fields "SUBJECT") nil "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\x0d\x0a"))"#));
    assert_eq!(got[11], r#"(cont none "idling")"#);
    assert_eq!(got[16], r#"(tagged "A5" (ok none "Logout completed."))"#);
    assert!(out.stderr.is_empty());
}

#[test]
fn json_output_has_one_object_per_response() {
    let out = trace(&["--json", "-"], b"* 3 EXISTS\r\nA1 OK [UIDNEXT 9] done\r\n* 1 FETCH (BODY[] {2}\r\n\xff\xfe)\r\n");
    assert!(out.status.success());
    assert_eq!(
        lines(&out.stdout),
        [
            r#"{"exists":[3]}"#,
            r#"{"tagged":["A1",{"ok":[{"uid-next":[9]},"done"]}]}"#,
            r#"{"fetch":[1,{"body-section":["all",null,{"base64":"//4="}]}]}"#,
        ]
    );
}

#[test]
fn malformed_responses_are_reported_and_skipped() {
    let input = b"* 1 FETCH (UID\r\n* 2 EXISTS\r\n";
    let out = trace(&[], input);
    assert!(out.status.success());
    assert_eq!(lines(&out.stdout), ["(malformed 0)", "(exists 2)"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("malformed response at offset 0"), "{err}");
    let strict = trace(&["--strict"], input);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn a_stream_ending_inside_a_response_is_fatal() {
    let out = trace(&[], b"* 1 EXISTS\r\n* 1 FETCH (BODY[] {10}\r\nabc");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(lines(&out.stdout), ["(exists 1)", "(fatal unexpected-eof)"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("input ended in the middle of a response"));
}

#[test]
fn streaming_shows_literal_events() {
    let out = trace(&["--stream", "4"], b"* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n");
    assert!(out.status.success());
    assert_eq!(
        lines(&out.stdout),
        [
            r#"(literal-begin "BODY[]" 10)"#,
            "(literal-data 10)",
            "(literal-end)",
            r#"(fetch 1 (body-section all nil ""))"#
        ]
    );
}

#[test]
fn bad_usage_and_missing_files() {
    assert_eq!(trace(&["--nope"], b"").status.code(), Some(64));
    assert_eq!(trace(&["/nonexistent/capture"], b"").status.code(), Some(66));
}
