//! Reader of the language-neutral vector files in `tests/vectors/`
//! (format: docs/sexp.md, "Test vector files").

use std::path::{Path, PathBuf};

/// One case of a vector file.
#[derive(Debug, Clone)]
pub struct Case {
    /// Unique name.
    pub name: String,
    /// File and line where the case starts, for messages.
    pub origin: String,
    /// Every line of the case between `case` and `end`, as (word, rest),
    /// in order.
    pub lines: Vec<(String, String)>,
    /// The concatenated, unescaped input.
    pub input: Vec<u8>,
    /// The `out` lines.
    pub out: Vec<String>,
}

/// Decodes the escapes `\r \n \t \\ \" \xHH` of a vector's byte line
/// or of a quoted s-expression string.
pub fn unescape(b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        match b.get(i + 1) {
            Some(b'r') => out.push(b'\r'),
            Some(b'n') => out.push(b'\n'),
            Some(b't') => out.push(b'\t'),
            Some(b'\\') => out.push(b'\\'),
            Some(b'"') => out.push(b'"'),
            Some(b'x') => {
                let hex = b.get(i + 2..i + 4).and_then(|h| std::str::from_utf8(h).ok()).ok_or("short \\x escape")?;
                out.push(u8::from_str_radix(hex, 16).map_err(|e| format!("bad \\x escape: {e}"))?);
                i += 2;
            }
            other => return Err(format!("unknown escape \\{}", other.map_or('?', |&c| c as char))),
        }
        i += 2;
    }
    Ok(out)
}

/// Reads every case of every `*.txt` file in `dir`, sorted by file name.
pub fn read_dir(dir: &Path) -> Vec<Case> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut cases: Vec<Case> = Vec::new();
    for f in files {
        cases.extend(read_file(&f));
    }
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    for w in names.windows(2) {
        assert_ne!(w[0], w[1], "duplicate case name {}", w[0]);
    }
    cases
}

/// Reads the cases of one file.
pub fn read_file(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = path.file_name().unwrap().to_string_lossy().to_string();
    let mut cases = Vec::new();
    let mut cur: Option<Case> = None;
    for (n, line) in text.lines().enumerate() {
        let at = format!("{file}:{}", n + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        match (word, cur.as_mut()) {
            ("case", None) => {
                cur = Some(Case {
                    name: rest.to_string(),
                    origin: at,
                    lines: Vec::new(),
                    input: Vec::new(),
                    out: Vec::new(),
                })
            }
            ("end", Some(_)) => cases.push(cur.take().unwrap()),
            (_, Some(c)) => {
                match word {
                    "in" => c.input.extend(unescape(rest.as_bytes()).unwrap_or_else(|e| panic!("{at}: {e}"))),
                    "out" => c.out.push(rest.to_string()),
                    _ => {}
                }
                c.lines.push((word.to_string(), rest.to_string()));
            }
            (_, None) => panic!("{at}: `{word}` outside a case"),
        }
    }
    assert!(cur.is_none(), "{file}: last case has no `end`");
    cases
}
