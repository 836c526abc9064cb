//! Decode throughput of `imap::codec::Decoder` next to two peer crates,
//! imap-proto 0.17 and imap-codec 2.0.0-alpha, on five generated inputs fed
//! in one piece, in 4 KiB reads and in 1-byte reads; plus, for the large
//! literal, how many bytes each decoder allocates and holds at its peak.
//!
//! ```text
//! imap-bench-compare [--quick] [a|b|c|d|e|NAME]
//! imap-bench-compare --once DECODER a|b|c|d|e [READ_SIZE]
//! imap-bench-compare --write-inputs DIR
//! imap-bench-compare --rate a|b|c|d|e RUNS
//! ```
//!
//! `--rate` times our decoder on one input, in one piece, RUNS times and
//! prints `rust RESPONSES MEDIAN MIN MAX` (responses per second of process
//! CPU time): the reference row of the binding benchmarks, which time the C
//! driver and Python the same way.
//!
//! `--write-inputs` writes each input's exact bytes to `DIR/a.imap` ...
//! `DIR/e.imap` (the full-size ones), for the binding benchmarks
//! (`scripts/bench-bindings`) to decode the same responses.
//!
//! `--once` decodes one input once, in one piece (or in reads of READ_SIZE
//! bytes), with one decoder (`ours`, `imap-proto` or `imap-codec`) inside
//! [`decoders::run`], for counting instructions under callgrind
//! (`scripts/bench-instructions`).
//!
//! Method: for each (input, mode), one warm-up run of each decoder, then
//! timed runs taking turns between the decoders until each has had about a
//! second (or a maximum count); each decoder's median run gives MB/s (10^6
//! bytes of input per second) and responses/s. A run that cannot
//! finish within the time budget (the peers' retry-from-the-start loop is
//! quadratic in a response's size with 1-byte reads) is stopped there and
//! reported as the rate over the part it got through, marked `<`: for such
//! a decoder the rate only falls as the response grows, so the true figure
//! is lower.

mod alloc;
mod decoders;
mod inputs;

use std::time::{Duration, Instant};

use decoders::{Kind, Outcome};
use inputs::Input;

#[global_allocator]
static GLOBAL: alloc::Counting = alloc::Counting;

/// The decoders compared in the throughput table.
const DECODERS: [Kind; 3] = [Kind::Ours, Kind::ImapProto, Kind::ImapCodec];

/// Size of the literal of input (d), and of its variant for 1-byte reads.
const LITERAL: usize = 16 << 20;
const LITERAL_SMALL: usize = 1 << 20;

/// How long and how often to measure.
#[derive(Clone, Copy, Debug)]
struct Config {
    /// Keep repeating runs until each decoder has had this much time...
    target: Duration,
    /// ...or this many runs were made.
    max_runs: usize,
    /// A single run is stopped after this long.
    budget: Duration,
}

const FULL: Config = Config { target: Duration::from_secs(1), max_runs: 200, budget: Duration::from_secs(5) };
const QUICK: Config = Config { target: Duration::from_millis(50), max_runs: 3, budget: Duration::from_millis(500) };

/// How the input is handed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    OnePiece,
    Reads4K,
    Reads1,
}

impl Mode {
    const ALL: [Mode; 3] = [Mode::OnePiece, Mode::Reads4K, Mode::Reads1];

    fn read_size(self, input_len: usize) -> usize {
        match self {
            Mode::OnePiece => input_len,
            Mode::Reads4K => 4096,
            Mode::Reads1 => 1,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Mode::OnePiece => "one piece",
            Mode::Reads4K => "4 KiB reads",
            Mode::Reads1 => "1-byte reads",
        }
    }
}

/// One of the five inputs.
struct Spec {
    key: &'static str,
    name: &'static str,
    make: fn() -> Input,
    /// The input used for 1-byte reads, if not the same, and its label.
    make_small: Option<fn() -> Input>,
    small_label: &'static str,
}

fn specs() -> Vec<Spec> {
    vec![
        Spec {
            key: "a",
            name: "(a) 100k small FETCH",
            make: || inputs::small_fetches(100_000),
            make_small: None,
            small_label: "",
        },
        Spec {
            key: "b",
            name: "(b) 10k ENVELOPE+BODYSTRUCTURE",
            make: || inputs::envelope_fetches(10_000),
            make_small: None,
            small_label: "",
        },
        Spec {
            key: "c",
            name: "(c) SEARCH of 100k UIDs",
            make: || inputs::search(100_000),
            make_small: None,
            small_label: "",
        },
        Spec {
            key: "e",
            name: "(e) 10k HEADER.FIELDS literals",
            make: || inputs::header_fetches(10_000),
            make_small: None,
            small_label: "",
        },
        Spec {
            key: "d",
            name: "(d) 16 MiB BODY[] literal",
            make: || inputs::literal(LITERAL),
            make_small: Some(|| inputs::literal(LITERAL_SMALL)),
            small_label: "1 MiB literal",
        },
    ]
}

/// The median of the timed runs of one (input, mode, decoder).
#[derive(Clone, Copy, Debug)]
struct Measured {
    mb_per_s: f64,
    responses_per_s: f64,
    /// Responses decoded by a complete run (or by the partial one).
    responses: usize,
    /// False when the run hit the time budget.
    complete: bool,
    /// Share of the input fed before the budget ran out.
    fed_share: f64,
    errors: usize,
}

/// A run's MB/s and responses/s.
type Rate = (f64, f64);

/// Measures every decoder of [`DECODERS`] on one (input, mode). After a
/// warm-up run of each, the timed runs go round-robin over the decoders, so
/// that a change in the machine's load affects them all alike.
fn measure_row(input: &[u8], mode: Mode, cfg: Config) -> Vec<(Kind, Measured)> {
    let read_size = mode.read_size(input.len());
    let timed = |kind: Kind, deadline: Option<Instant>| {
        let t = Instant::now();
        let o = decoders::run(kind, input, read_size, deadline, false);
        (o, t.elapsed().as_secs_f64())
    };
    let rate = |o: &Outcome, secs: f64| -> Rate { (o.fed as f64 / secs / 1e6, o.responses as f64 / secs) };

    // Warm-ups, under the time budget: a decoder that cannot finish (or
    // fails) is reported from its warm-up run and not timed further.
    let mut results: Vec<(Kind, Option<Measured>)> = Vec::new();
    // (decoder, responses, samples of (MB/s, responses/s))
    let mut lanes: Vec<(Kind, usize, Vec<Rate>)> = Vec::new();
    for kind in DECODERS {
        let (warm, secs) = timed(kind, Some(Instant::now() + cfg.budget));
        if warm.complete && warm.errors == 0 {
            lanes.push((kind, warm.responses, Vec::new()));
            results.push((kind, None));
        } else {
            let (mb_per_s, responses_per_s) = rate(&warm, secs);
            let m = Measured {
                mb_per_s,
                responses_per_s,
                responses: warm.responses,
                complete: warm.complete,
                fed_share: warm.fed as f64 / input.len() as f64,
                errors: warm.errors,
            };
            results.push((kind, Some(m)));
        }
    }

    let start = Instant::now();
    let total = cfg.target * lanes.len() as u32;
    for round in 0..cfg.max_runs {
        if round > 0 && start.elapsed() >= total {
            break;
        }
        for (kind, _, samples) in &mut lanes {
            let (o, secs) = timed(*kind, None);
            samples.push(rate(&o, secs));
        }
    }

    for (kind, responses, mut samples) in lanes {
        samples.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (mb_per_s, responses_per_s) = samples[samples.len() / 2];
        let m = Measured { mb_per_s, responses_per_s, responses, complete: true, fed_share: 1.0, errors: 0 };
        results.iter_mut().find(|(k, _)| *k == kind).expect("listed").1 = Some(m);
    }
    results.into_iter().map(|(k, m)| (k, m.expect("measured"))).collect()
}

/// One row of the table: an (input, mode) with every decoder's figures.
struct Row {
    input: &'static str,
    mode: String,
    results: Vec<(Kind, Measured)>,
}

impl Row {
    fn get(&self, kind: Kind) -> Measured {
        self.results.iter().find(|(k, _)| *k == kind).map(|(_, m)| *m).expect("measured")
    }
}

/// Writes every input to `dir/KEY.imap` and prints one line per file
/// (`KEY responses bytes path`); returns the exit status.
fn write_inputs(dir: &std::path::Path) -> i32 {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{}: {e}", dir.display());
        return 1;
    }
    for spec in specs() {
        let input = (spec.make)();
        let path = dir.join(format!("{}.imap", spec.key));
        if let Err(e) = std::fs::write(&path, &input.bytes) {
            eprintln!("{}: {e}", path.display());
            return 1;
        }
        println!("{} {} {} {}", spec.key, input.responses, input.bytes.len(), path.display());
    }
    0
}

/// Times [`Kind::Ours`] on input `key`, in one piece, `runs` times after a
/// warm-up, and prints `rust RESPONSES MEDIAN MIN MAX` (responses/s);
/// returns the exit status.
fn rate(key: &str, runs: &str) -> i32 {
    let (Some(spec), Ok(runs @ 1..)) = (specs().into_iter().find(|s| s.key == key), runs.parse::<usize>()) else {
        eprintln!("usage: imap-bench-compare --rate a|b|c|d RUNS (RUNS >= 1)");
        return 2;
    };
    let input = (spec.make)();
    let warm = decoders::run(Kind::Ours, &input.bytes, input.bytes.len(), None, false);
    if warm.errors != 0 || warm.responses != input.responses {
        eprintln!("{}: {} responses, {} errors", spec.name, warm.responses, warm.errors);
        return 1;
    }
    let mut rates: Vec<f64> = (0..runs)
        .map(|_| {
            let t = cpu_seconds();
            let o = decoders::run(Kind::Ours, &input.bytes, input.bytes.len(), None, false);
            o.responses as f64 / (cpu_seconds() - t)
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    println!("rust {} {:.0} {:.0} {:.0}", input.responses, rates[runs / 2], rates[0], rates[runs - 1]);
    0
}

/// CPU time used by this process so far, in seconds.
fn cpu_seconds() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid timespec to write to.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, decoder, input, rest @ ..] = &args[..] {
        if flag == "--once" && rest.len() <= 1 {
            let read_size = match rest.first().map(|r| r.parse::<usize>()) {
                None => None,
                Some(Ok(n)) if n > 0 => Some(n),
                Some(_) => {
                    eprintln!("READ_SIZE must be a positive number of bytes");
                    std::process::exit(2);
                }
            };
            std::process::exit(once(decoder, input, read_size));
        }
    }
    if let [flag, key, runs] = &args[..] {
        if flag == "--rate" {
            std::process::exit(rate(key, runs));
        }
    }
    if let [flag, dir] = &args[..] {
        if flag == "--write-inputs" {
            std::process::exit(write_inputs(std::path::Path::new(dir)));
        }
    }
    let mut cfg = FULL;
    let mut filter: Option<String> = None;
    for arg in args {
        match arg.as_str() {
            "--quick" => cfg = QUICK,
            "-h" | "--help" => {
                println!("usage: imap-bench-compare [--quick] [a|b|c|d|e|NAME]");
                println!("       imap-bench-compare --once ours|imap-proto|imap-codec a|b|c|d|e [READ_SIZE]");
                println!("       imap-bench-compare --write-inputs DIR   (DIR/a.imap ... DIR/e.imap)");
                println!("       imap-bench-compare --rate a|b|c|d|e RUNS  (our responses/s: median min max)");
                println!("  --quick  few, short runs (a smoke test, not a measurement)");
                println!("  a|b|c|d|e  only that input (or any input whose name contains NAME)");
                return;
            }
            other if other.starts_with('-') => {
                eprintln!("unknown option {other}; see --help");
                std::process::exit(2);
            }
            other => filter = Some(other.to_ascii_lowercase()),
        }
    }
    // A key (a, b, c, d) selects that input; other text, the inputs whose
    // name contains it.
    let all = specs();
    let by_key = |f: &str| all.iter().any(|s| s.key == f);
    let keep = |s: &Spec| match filter.as_deref() {
        None => true,
        Some(f) if by_key(f) => s.key == f,
        Some(f) => s.name.to_ascii_lowercase().contains(f),
    };
    let specs: Vec<&Spec> = all.iter().filter(|s| keep(s)).collect();
    if specs.is_empty() {
        eprintln!("no input matches {:?}; the inputs are a, b, c, d and e", filter.unwrap_or_default());
        std::process::exit(2);
    }

    println!(
        "imap decode throughput: ours (imap::codec::Decoder) vs imap-proto 0.17 vs imap-codec 2.0.0-alpha.10{}",
        if cfg.max_runs == QUICK.max_runs { "  [--quick: smoke run, numbers are rough]" } else { "" }
    );
    println!();

    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for spec in &specs {
        let full = (spec.make)();
        let small = spec.make_small.map(|make| make());
        check_agreement(spec.name, &full, &mut warnings);
        for mode in Mode::ALL {
            let (input, label) = match (&small, mode) {
                (Some(small), Mode::Reads1) => (small, format!("{} ({})", mode.name(), spec.small_label)),
                _ => (&full, mode.name().to_string()),
            };
            eprint!("\r{:<34} {:<40}", spec.name, label);
            let results = measure_row(&input.bytes, mode, cfg);
            for (kind, m) in &results {
                if m.errors > 0 {
                    warnings.push(format!("{} / {label} / {}: {} decode error(s)", spec.name, kind.name(), m.errors));
                }
                if m.complete && m.responses != input.responses {
                    warnings.push(format!(
                        "{} / {label} / {}: {} responses decoded, {} expected",
                        spec.name,
                        kind.name(),
                        m.responses,
                        input.responses
                    ));
                }
            }
            rows.push(Row { input: spec.name, mode: label, results });
        }
    }
    eprint!("\r{:80}\r", "");

    print_throughput(&rows);
    print_read_size_ratio(&rows);
    print_allocation_calls(&specs);
    if specs.iter().any(|s| s.key == "d") {
        print_allocations();
    }

    println!();
    println!("Notes:");
    println!("  MB/s = 10^6 input bytes per second; median of the timed runs after one warm-up;");
    println!("    the decoders take turns, run by run, so a change of machine load hits all alike.");
    println!("  `<x`: the run hit the {:?} budget; x is the rate over the part fed (listed under", cfg.budget);
    println!("    \"Stopped at the time budget\"); the full run would be slower still (the peers");
    println!("    re-parse a response from its start after every read). Ratios against such a");
    println!("    figure are marked `>` (`~` when ours was stopped too).");
    println!("  (d) in 1-byte reads uses a 1 MiB literal instead of 16 MiB to bound the run time.");
    println!("  Peers run in a client loop: a buffer, each read appended, parse from the start of");
    println!("  the pending response, retry after the next read on Incomplete (imap-codec's");
    println!("  LiteralFound included), drop consumed bytes once they are half the buffer.");
    if warnings.is_empty() {
        println!("  Every decoder decoded the expected number of responses with the same content counts.");
    } else {
        println!();
        for w in &warnings {
            println!("WARNING: {w}");
        }
    }
}

/// Decodes the whole input once with each decoder, counting responses and
/// content (FETCH items, SEARCH numbers, literal bytes), and records a
/// warning wherever a peer's counts differ from ours.
fn check_agreement(name: &str, input: &Input, warnings: &mut Vec<String>) {
    let ours = decoders::run(Kind::Ours, &input.bytes, input.bytes.len(), None, true);
    if ours.responses != input.responses || ours.errors > 0 {
        warnings.push(format!(
            "{name}: ours decoded {} responses ({} errors), {} expected",
            ours.responses, ours.errors, input.responses
        ));
    }
    for kind in [Kind::ImapProto, Kind::ImapCodec, Kind::OursStreamed] {
        let o = decoders::run(kind, &input.bytes, input.bytes.len(), None, true);
        if o.responses != ours.responses || o.units != ours.units || o.errors > 0 {
            warnings.push(format!(
                "{name}: {} decoded {} responses / {} content units ({} errors), ours {} / {}",
                kind.name(),
                o.responses,
                o.units,
                o.errors,
                ours.responses,
                ours.units
            ));
        }
    }
}

fn print_throughput(rows: &[Row]) {
    println!("Throughput (median MB/s and responses/s):");
    println!();
    println!(
        "{:<31} {:<30} {:>9} {:>11} {:>15} {:>15} {:>15} {:>15}",
        "input",
        "mode",
        "ours MB/s",
        "ours resp/s",
        "imap-proto MB/s",
        "imap-codec MB/s",
        "ours/imap-proto",
        "ours/imap-codec"
    );
    println!("{}", "-".repeat(31 + 30 + 9 + 11 + 15 * 4 + 7));
    for row in rows {
        let (ours, proto, codec) = (row.get(Kind::Ours), row.get(Kind::ImapProto), row.get(Kind::ImapCodec));
        println!(
            "{:<31} {:<30} {:>9} {:>11} {:>15} {:>15} {:>15} {:>15}",
            row.input,
            row.mode,
            mb(&ours),
            count(ours.responses_per_s),
            mb(&proto),
            mb(&codec),
            ratio(&ours, &proto),
            ratio(&ours, &codec)
        );
    }
    println!();
    println!("Responses/s of every decoder:");
    println!();
    println!("{:<31} {:<30} {:>11} {:>11} {:>11}", "input", "mode", "ours", "imap-proto", "imap-codec");
    for row in rows {
        let cell = |m: Measured| {
            if m.complete {
                count(m.responses_per_s)
            } else if m.responses == 0 {
                "(none)".to_string()
            } else {
                format!("<{}", count(m.responses_per_s))
            }
        };
        println!(
            "{:<31} {:<30} {:>11} {:>11} {:>11}",
            row.input,
            row.mode,
            cell(row.get(Kind::Ours)),
            cell(row.get(Kind::ImapProto)),
            cell(row.get(Kind::ImapCodec))
        );
    }
    let partial: Vec<String> = rows
        .iter()
        .flat_map(|r| r.results.iter().map(move |(k, m)| (r, k, m)))
        .filter(|(_, _, m)| !m.complete)
        .map(|(r, k, m)| format!("{} / {} / {}: {:.1}%", r.input, r.mode, k.name(), m.fed_share * 100.0))
        .collect();
    if !partial.is_empty() {
        println!();
        println!("Stopped at the time budget (share of the input fed):");
        for p in partial {
            println!("  {p}");
        }
    }
}

/// Our decoder's sensitivity to read size: 4 KiB reads (and 1-byte reads)
/// against the whole input at once.
fn print_read_size_ratio(rows: &[Row]) {
    println!();
    println!("Ours, by read size (MB/s, and as a share of one piece):");
    println!();
    println!("{:<31} {:>10} {:>10} {:>10} {:>10} {:>10}", "input", "one piece", "4 KiB", "4K/one", "1 B", "1B/one");
    let inputs: Vec<&str> = rows.iter().map(|r| r.input).fold(Vec::new(), |mut v, i| {
        if !v.contains(&i) {
            v.push(i);
        }
        v
    });
    for input in inputs {
        let find = |prefix: &str| {
            rows.iter().find(|r| r.input == input && r.mode.starts_with(prefix)).map(|r| r.get(Kind::Ours).mb_per_s)
        };
        let (Some(one), Some(k4), Some(b1)) = (find("one"), find("4 KiB"), find("1-byte")) else { continue };
        println!("{:<31} {:>10.1} {:>10.1} {:>10.2} {:>10.1} {:>10.2}", input, one, k4, k4 / one, b1, b1 / one);
    }
}

/// `--once`: decodes input `key` once with `decoder`, in one piece or in
/// reads of `read_size` bytes, and prints what it decoded; the exit status.
fn once(decoder: &str, key: &str, read_size: Option<usize>) -> i32 {
    let Some(kind) = [Kind::Ours, Kind::ImapProto, Kind::ImapCodec].into_iter().find(|k| k.name() == decoder) else {
        eprintln!("unknown decoder {decoder}; the decoders are ours, imap-proto and imap-codec");
        return 2;
    };
    let Some(spec) = specs().into_iter().find(|s| s.key == key) else {
        eprintln!("unknown input {key}; the inputs are a, b, c, d and e");
        return 2;
    };
    let input = (spec.make)();
    let outcome = decoders::run(kind, &input.bytes, read_size.unwrap_or(input.bytes.len()), None, false);
    println!("{} {} {} responses {} bytes", kind.name(), spec.key, outcome.responses, input.bytes.len());
    if outcome.complete && outcome.responses == input.responses {
        0
    } else {
        1
    }
}

/// Allocation calls per response of each decoder on the inputs (a) to (c),
/// in 4 KiB reads (the peers' figures include their client loop's buffer).
fn print_allocation_calls(specs: &[&Spec]) {
    let specs: Vec<&&Spec> = specs.iter().filter(|s| s.key != "d").collect();
    if specs.is_empty() {
        return;
    }
    println!();
    println!("Allocations per response (calls to alloc/realloc, 4 KiB reads, decoded responses dropped):");
    println!();
    print!("{:<32}", "input");
    for kind in DECODERS {
        print!(" {:>12}", kind.name());
    }
    println!();
    for spec in specs {
        let input = (spec.make)();
        print!("{:<32}", spec.name);
        for kind in DECODERS {
            let (o, usage) = alloc::measure(|| decoders::run(kind, &input.bytes, 4096, None, false));
            let per_response = usage.calls as f64 / o.responses.max(1) as f64;
            print!(" {per_response:>12.2}");
        }
        println!();
    }
}

/// Bytes allocated and peak bytes live while decoding input (d), for each
/// decoder, in one piece and in 4 KiB reads.
fn print_allocations() {
    let input = inputs::literal(LITERAL);
    let mib = |b: usize| b as f64 / (1 << 20) as f64;
    println!();
    println!(
        "Memory while decoding (d), a {:.0} MiB literal ({} input bytes, which the benchmark holds):",
        mib(LITERAL),
        input.bytes.len()
    );
    println!();
    println!(
        "{:<16} {:<12} {:>14} {:>15} {:>17} {:>13}",
        "decoder", "mode", "allocated MiB", "peak live MiB", "peak + input MiB", "peak/literal"
    );
    for kind in [Kind::Ours, Kind::OursStreamed, Kind::ImapProto, Kind::ImapCodec] {
        for mode in [Mode::OnePiece, Mode::Reads4K] {
            let read_size = mode.read_size(input.bytes.len());
            let (o, usage) = alloc::measure(|| decoders::run(kind, &input.bytes, read_size, None, false));
            let note = if o.complete && o.responses == 1 { "" } else { "  (did not decode!)" };
            println!(
                "{:<16} {:<12} {:>14.2} {:>15.2} {:>17.2} {:>13.2}{note}",
                kind.name(),
                mode.name(),
                mib(usage.allocated),
                mib(usage.peak),
                mib(usage.peak + input.bytes.len()),
                usage.peak as f64 / LITERAL as f64
            );
        }
    }
    println!();
    println!("  allocated: bytes requested by alloc/realloc during the run; peak live: the most held at");
    println!("  once above what was live before (a moving realloc counts old and new blocks). The");
    println!("  peers' figures include the client loop's buffer, which is their one copy of the input.");
    println!("  `ours (streamed)` sets Limits::stream_threshold to 64 KiB and gets the literal in chunks.");
}

fn mb(m: &Measured) -> String {
    if m.complete {
        format!("{:.1}", m.mb_per_s)
    } else {
        format!("<{:.2}", m.mb_per_s)
    }
}

fn ratio(ours: &Measured, peer: &Measured) -> String {
    let r = ours.mb_per_s / peer.mb_per_s;
    match (ours.complete, peer.complete) {
        (true, true) => format!("{r:.2}x"),
        (true, false) => format!(">{r:.1}x"),
        _ => format!("~{r:.1}x"),
    }
}

/// A count per second, with a k/M suffix.
fn count(n: f64) -> String {
    if n >= 1e6 {
        format!("{:.2}M", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.1}k", n / 1e3)
    } else {
        format!("{n:.1}")
    }
}
