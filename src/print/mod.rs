//! Printing decoded values: the canonical one-line s-expression form
//! (docs/sexp.md) and a JSON form.
//!
//! Both are rendered from one tree ([`Node`]) built from the data model, so
//! they cannot disagree.

mod tree;

use std::fmt::Write;

use base64::Engine;

pub use tree::ToNode;

/// A printable value: the intermediate form of both printers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node<'a> {
    /// A keyword, printed bare (`ok`, `has-children`).
    Keyword(&'static str),
    /// A byte string, printed quoted.
    Str(&'a [u8]),
    /// A number.
    Num(u64),
    /// A token printed bare, such as a sequence set or a date-time.
    Bare(String),
    /// NIL or an absent value.
    Nil,
    /// A parenthesised list; one that starts with a keyword is a form.
    List(Vec<Node<'a>>),
}

/// The canonical s-expression of `value`, on one line.
///
/// ```
/// let arena = imap::codec::Arena::new();
/// let r = imap::codec::decode::parse_response(b"* 3 EXISTS\r\n", &arena).unwrap();
/// assert_eq!(imap::print::to_sexp(&r), "(exists 3)");
/// ```
pub fn to_sexp<T: ToNode + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    write_sexp(&value.to_node(), &mut out);
    out
}

/// The JSON form of `value`, on one line: a form `(name args...)` becomes
/// `{"name": [args...]}`, other lists arrays, strings JSON strings (or
/// `{"base64": "..."}` when they are not UTF-8), NIL `null`.
pub fn to_json<T: ToNode + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    write_json(&value.to_node(), &mut out);
    out
}

/// Writes `node` in the canonical s-expression form.
pub fn write_sexp(node: &Node<'_>, out: &mut String) {
    match node {
        Node::Keyword(k) => out.push_str(k),
        Node::Str(s) => write_sexp_string(s, out),
        Node::Num(n) => {
            let _ = write!(out, "{n}");
        }
        Node::Bare(b) => out.push_str(b),
        Node::Nil => out.push_str("nil"),
        Node::List(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_sexp(item, out);
            }
            out.push(')');
        }
    }
}

/// Writes bytes as a quoted s-expression string (docs/sexp.md).
pub fn write_sexp_string(s: &[u8], out: &mut String) {
    out.push('"');
    for &b in s {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
}

/// Writes `node` as JSON.
pub fn write_json(node: &Node<'_>, out: &mut String) {
    match node {
        Node::Keyword(k) => write_json_str(k, out),
        Node::Str(s) => match std::str::from_utf8(s) {
            Ok(text) => write_json_str(text, out),
            Err(_) => {
                out.push_str("{\"base64\":");
                write_json_str(&base64::engine::general_purpose::STANDARD.encode(s), out);
                out.push('}');
            }
        },
        Node::Num(n) => {
            let _ = write!(out, "{n}");
        }
        Node::Bare(b) => write_json_str(b, out),
        Node::Nil => out.push_str("null"),
        Node::List(items) => {
            let (open, close, rest) = match items.split_first() {
                Some((Node::Keyword(k), rest)) => {
                    out.push('{');
                    write_json_str(k, out);
                    out.push_str(":[");
                    ("", "]}", rest)
                }
                _ => ("[", "]", &items[..]),
            };
            out.push_str(open);
            for (i, item) in rest.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push_str(close);
        }
    }
}

fn write_json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
