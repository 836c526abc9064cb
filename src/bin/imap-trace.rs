//! `imap-trace`: decodes a captured server-to-client IMAP byte stream and
//! prints one line per response.
//!
//! Usage: `imap-trace [--json] [--strict] [--stream BYTES] [FILE]` (stdin
//! when no FILE or `-`). Each response prints as its canonical
//! s-expression (docs/sexp.md), or as JSON with `--json`. A malformed
//! response prints `(malformed OFFSET)` and its reason and bytes go to
//! stderr; decoding goes on. Exit status: 0, or 1 with `--strict` when a
//! response was malformed, 2 on a fatal framing error (over a limit, or
//! input ending inside a response), 64 on bad usage, 66 when the input
//! cannot be read.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use imap::codec::{Decoder, Event, Limits};
use imap::print::{to_json, to_sexp, write_sexp_string, ToNode};

const USAGE: &str = "usage: imap-trace [--json] [--strict] [--stream BYTES] [FILE]
Decodes a raw IMAP server-to-client byte stream (FILE or stdin) and prints
one s-expression (or, with --json, one JSON object) per response.
  --json          print JSON instead of s-expressions
  --strict        exit with status 1 if any response is malformed
  --stream BYTES  hand out literals larger than BYTES in chunks instead of
                  buffering them (prints literal-begin/-data/-end events)";

struct Options {
    json: bool,
    strict: bool,
    stream: Option<u64>,
    file: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options { json: false, strict: false, stream: None, file: None };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => o.json = true,
            "--strict" => o.strict = true,
            "--stream" => {
                let n = args.next().ok_or("--stream needs a byte count")?;
                o.stream = Some(n.parse().map_err(|_| format!("--stream: not a number: {n}"))?);
            }
            "-h" | "--help" => return Err(String::new()),
            "-" => o.file = None,
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s if o.file.is_none() => o.file = Some(s.to_string()),
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("imap-trace: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(if e.is_empty() { 0 } else { 64 });
        }
    };
    let mut input: Box<dyn Read> = match &opts.file {
        None => Box::new(io::stdin().lock()),
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("imap-trace: {path}: {e}");
                return ExitCode::from(66);
            }
        },
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match run(&opts, &mut input, &mut out) {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("imap-trace: {e}");
            ExitCode::from(66)
        }
    }
}

fn run(opts: &Options, input: &mut dyn Read, out: &mut dyn Write) -> io::Result<ExitCode> {
    let limits = Limits { stream_threshold: opts.stream, ..Limits::default() };
    let mut decoder = Decoder::with_limits(limits);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut malformed = 0usize;
    loop {
        let n = input.read(&mut chunk)?;
        if n == 0 {
            decoder.feed_eof();
        } else {
            decoder.feed(&chunk[..n]);
        }
        loop {
            match decoder.next() {
                Ok(Some(event)) => {
                    if let Event::Malformed(m) = &event {
                        malformed += 1;
                        let mut raw = String::new();
                        write_sexp_string(m.raw, &mut raw);
                        eprintln!("imap-trace: malformed response at offset {}: {}: {raw}", m.offset, m.error);
                    }
                    print(opts, &event, out)?;
                }
                Ok(None) => break,
                Err(e) => {
                    print(opts, &e, out)?;
                    out.flush()?;
                    eprintln!("imap-trace: fatal: {e} (at stream offset {})", decoder.offset());
                    return Ok(ExitCode::from(2));
                }
            }
        }
        if n == 0 {
            out.flush()?;
            return Ok(if opts.strict && malformed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS });
        }
    }
}

fn print(opts: &Options, value: &dyn ToNodeDyn, out: &mut dyn Write) -> io::Result<()> {
    let line = if opts.json { value.json() } else { value.sexp() };
    writeln!(out, "{line}")
}

/// Object-safe printing of anything with a canonical form.
trait ToNodeDyn {
    fn sexp(&self) -> String;
    fn json(&self) -> String;
}

impl<T: ToNode> ToNodeDyn for T {
    fn sexp(&self) -> String {
        to_sexp(self)
    }
    fn json(&self) -> String {
        to_json(self)
    }
}
