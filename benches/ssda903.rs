//! Benchmark: the SSDA903 export of one collection year against `iro check`
//! on the same records, and the DfE's validator on the exported files, in
//! one run (quality.md: the export within 2x of check); then `iro import
//! ssda903` of 10,000 rows against 40,000 rows (quality.md: the import in
//! linear time; bar: 40,000 within 5x of 10,000). Never a timed assertion.
//!
//! Run: `cargo bench --bench ssda903` (size M: 2,000 children over 10 years).
//! `IRO_BENCH_IMPORT_ONLY=1` runs the import part alone.
//! The validator runs when `tests/ssda903/run.sh` has installed it (its
//! virtual environment under ~/.cache/iro/venv903), else it is skipped and
//! says so.

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// A return of `rows` rows (a quarter of them children): each child has a
/// header row, two episodes (a change of legal status on 1 August) and a
/// review, with a UPN, postcodes and a URN to check.
fn write_return(dir: &std::path::Path, rows: usize) {
    use std::fmt::Write;
    let (mut h, mut e, mut r) = (
        String::from("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"),
        String::from(
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n",
        ),
        String::from("CHILD,DOB,REVIEW,REVIEW_CODE\r\n"),
    );
    for i in 0..rows / 4 {
        let upn = iro::generate::upn(i);
        let _ = write!(h, "C{i},M,02/06/2014,WBRI,{upn},,\r\n");
        let _ = write!(
            e,
            "C{i},01/05/2025,S,C2,N1,U1,PR1,01/08/2025,X1,,TW9 1DN,TW1 3SX,SC123456\r\n"
        );
        let _ = write!(
            e,
            "C{i},01/08/2025,L,C1,N1,U1,PR1,,,,TW9 1DN,TW1 3SX,SC123456\r\n"
        );
        let _ = write!(r, "C{i},02/06/2014,05/06/2025,PN1\r\n");
    }
    std::fs::create_dir_all(dir).expect("return folder");
    for (name, text) in [("header.csv", h), ("episodes.csv", e), ("reviews.csv", r)] {
        std::fs::write(dir.join(name), text).expect("write");
    }
}

/// Median time of planning the import of `rows` rows (reading, checking,
/// and loading the files it would write; nothing is written).
fn import_time(rows: usize) -> Duration {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("svc");
    std::fs::create_dir_all(&root).expect("root");
    std::fs::write(root.join("iro.toml"), "[service]\nname = \"Bench\"\n").expect("iro.toml");
    let dir = tmp.path().join("return");
    write_return(&dir, rows);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).expect("date");
    let mut times = vec![];
    for _ in 0..3 {
        let t = Instant::now();
        let plan = iro::ssda903::import::plan(&root, &dir, as_of);
        times.push(t.elapsed());
        assert!(
            plan.problems.is_empty(),
            "the benchmark's return does not import: {:?}",
            plan.problems.first()
        );
        assert_eq!(plan.children, rows / 4);
    }
    median(times)
}

fn import() {
    let (small, large) = (import_time(10_000), import_time(40_000));
    println!("SSDA903 import (a quarter of the rows children; median of 3 runs)");
    println!("  10,000 rows               {:.3} s", small.as_secs_f64());
    println!(
        "  40,000 rows               {:.3} s   ratio {:.2} (bar: 5; linear is 4)",
        large.as_secs_f64(),
        large.as_secs_f64() / small.as_secs_f64()
    );
}

fn main() {
    if std::env::var_os("IRO_BENCH_IMPORT_ONLY").is_some() {
        import();
        return;
    }
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
    import();
}
