//! Benchmark: the SSDA903 export of one collection year against `iro check`
//! on the same records, and the DfE's validator on the exported files, in
//! one run (quality.md: the export within 2x of check). Never a timed assertion.
//!
//! Run: `cargo bench --bench ssda903` (size M: 2,000 children over 10 years).
//! The validator runs when `tests/ssda903/run.sh` has installed it (its
//! virtual environment under ~/.cache/iro/venv903), else it is skipped and
//! says so.

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = std::env::var_os("IRO_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("iro-bench-M"));
    if !dir.join("iro.toml").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!(
            "generating size M: 2000 children, 10 years into {}",
            dir.display()
        );
        let opts = iro::generate::GenOptions {
            children: 2_000,
            years: 10,
            seed: 903,
            ..iro::generate::GenOptions::default()
        };
        iro::generate::generate(&opts, &dir).expect("generate");
    }
    let year = iro::ssda903::CollectionYear { first: 2025 };
    let out = tempfile::tempdir().expect("temp dir");
    let (mut check, mut export) = (vec![], vec![]);
    let mut rows = (0, 0, 0);
    for _ in 0..5 {
        let t = Instant::now();
        let checked = iro::check::check_repo(&dir, None);
        std::hint::black_box(checked.diags.len());
        check.push(t.elapsed());
        // As `iro export ssda903` does: load, export, write the three files.
        let t = Instant::now();
        let (repo, _) = iro::load::load(&dir).expect("load");
        let an = iro::model::Analysis::new(&repo, year.end());
        let tables = iro::ssda903::export::export(&repo, &an, year);
        for (name, _) in iro::ssda903::TABLES {
            std::fs::write(out.path().join(name), tables.csv(name)).expect("write");
        }
        export.push(t.elapsed());
        rows = (
            tables.header.len(),
            tables.episodes.len(),
            tables.reviews.len(),
        );
    }
    let (c, e) = (median(check), median(export));
    println!(
        "size M, SSDA903 {}: {} children, {} episodes, {} reviews; median of 5 runs",
        year.id(),
        rows.0,
        rows.1,
        rows.2
    );
    println!("  iro check                 {:.3} s", c.as_secs_f64());
    println!(
        "  iro export ssda903        {:.3} s   ratio to check {:.2} (bar: 2)",
        e.as_secs_f64(),
        e.as_secs_f64() / c.as_secs_f64()
    );
    let py = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default()
        .join(".cache/iro/venv903/bin/python");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/ssda903/validate.py");
    if py.exists() {
        let t = Instant::now();
        let run = std::process::Command::new(&py)
            .arg(&script)
            .args(["--year", &year.id()])
            .arg(out.path())
            .output();
        let v = t.elapsed();
        match run {
            Ok(o) => {
                let text = String::from_utf8_lossy(&o.stdout);
                let summary = text
                    .lines()
                    .find(|l| l.starts_with("errors:"))
                    .unwrap_or("");
                println!(
                    "  DfE validator (Python)    {:.3} s   {:.1}x the export; {summary}",
                    v.as_secs_f64(),
                    v.as_secs_f64() / e.as_secs_f64()
                );
            }
            Err(err) => println!("  DfE validator: could not run ({err})"),
        }
    } else {
        println!("  DfE validator: not installed (tests/ssda903/run.sh installs it); skipped");
    }
}
