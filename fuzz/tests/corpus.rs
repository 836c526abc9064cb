//! The regression run of the fuzz targets on the stable toolchain: every
//! target's body over its seeds (built from the vectors and the captured
//! session, as `make fuzz` seeds libFuzzer) and its committed regression
//! inputs (`fuzz/regressions/<target>/`: crashes found and fixed, and
//! inputs that reached new code).

use std::path::Path;

/// The committed regression inputs of `target`.
fn regressions(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<_> = entries.map(|e| e.expect("a readable folder").path()).collect();
    files.sort();
    files.into_iter().map(|f| (f.display().to_string(), std::fs::read(&f).expect("a readable file"))).collect()
}

#[test]
fn every_target_runs_over_its_seeds_and_regressions() {
    for (target, run) in imap_fuzz::TARGETS {
        let seeds = imap_fuzz::seeds::seeds(target);
        assert!(!seeds.is_empty(), "{target}: no seeds");
        for seed in &seeds {
            run(seed);
        }
        let regressions = regressions(target);
        for (name, input) in &regressions {
            eprintln!("{target}: {name}");
            run(input);
        }
        eprintln!("{target}: {} seeds, {} regression inputs", seeds.len(), regressions.len());
    }
}
