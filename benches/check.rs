//! Benchmark: `check` against its floor, measured in one run (quality.md).
//!
//! Generates a fictional service (size M by default: 2,000 children over 10
//! years, about 25,000 files), then times, alternately and several times:
//! - the floor: walk the same files, read them and YAML-parse them (front
//!   matter for Markdown) into nothing, in parallel like the loader;
//! - load only (typed records with spans);
//! - the full check: load, validate, every rule and the plain-language check;
//! - the model alone (periods and schedules),
//!
//! and prints the medians and the ratios. Never a timed assertion.
//!
//! Run: `cargo bench --bench check` (size M), `cargo bench --bench check -- L`
//! for 20,000 children, `-- S` for 500 children over one year.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn floor(root: &Path) -> usize {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "md")))
        .collect();
    files
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let yaml = if p.extension().and_then(|e| e.to_str()) == Some("md") {
                let rest = text.strip_prefix("---\n").unwrap_or(&text);
                match rest.find("\n---\n") {
                    Some(i) => rest[..i + 1].to_string(),
                    None => rest.to_string(),
                }
            } else {
                text
            };
            serde_saphyr::from_str::<serde::de::IgnoredAny>(&yaml).is_ok() as usize
        })
        .sum()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let size = args.first().map(|s| s.as_str()).unwrap_or("M");
    let (children, years) = match size {
        "S" => (500, 1),
        "L" => (20_000, 10),
        _ => (2_000, 10),
    };
    let dir = std::env::var_os("IRO_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("iro-bench-{size}")));
    if !dir.join("iro.toml").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!(
            "generating size {size}: {children} children, {years} years into {}",
            dir.display()
        );
        let t = Instant::now();
        let opts = iro::generate::GenOptions {
            children,
            years,
            seed: 903,
            ..iro::generate::GenOptions::default()
        };
        let s = iro::generate::generate(&opts, &dir).expect("generate");
        eprintln!("  {} files in {}", s.files, secs(t.elapsed()));
    }
    let rounds = if size == "L" { 3 } else { 7 };
    let (mut f, mut l, mut c, mut st, mut va, mut ru, mut pl) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    let mut findings = 0;
    let mut files = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        files = floor(&dir);
        f.push(t.elapsed());
        let t = Instant::now();
        let _ = iro::load::load(&dir);
        l.push(t.elapsed());
        let t = Instant::now();
        let checked = iro::check::check_repo(&dir, None);
        c.push(t.elapsed());
        findings = checked.diags.len();
        if let Some(repo) = checked.repo() {
            let t = Instant::now();
            let an = iro::model::Analysis::new(repo, checked.as_of);
            std::hint::black_box(an.facts.len());
            st.push(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(iro::load::validate::validate(repo, checked.as_of).len());
            va.push(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(iro::rules::run(repo, &an).len());
            ru.push(t.elapsed());
            let t = Instant::now();
            let cfg = iro::model::plain_config(repo);
            let n: usize = repo
                .children
                .par_iter()
                .map(|(_, c)| {
                    c.reviews
                        .iter()
                        .map(|r| {
                            let subject = iro::plain::Subject {
                                names: vec!["Amira"],
                                band: iro::model::letter_band(c, r),
                            };
                            iro::plain::check(&r.body, &subject, &cfg).0.len()
                        })
                        .sum::<usize>()
                })
                .sum();
            std::hint::black_box(n);
            pl.push(t.elapsed());
        }
    }
    let (f, l, c) = (median(f), median(l), median(c));
    println!(
        "size {size}: {files} YAML/Markdown files, {findings} findings, median of {rounds} runs"
    );
    println!("  floor (read + YAML parse) {}", secs(f));
    println!(
        "  load (typed, with spans)  {}   ratio {:.2}",
        secs(l),
        l.as_secs_f64() / f.as_secs_f64()
    );
    println!(
        "  check (load+rules+letters) {}  ratio {:.2}   (bar: 1.5)",
        secs(c),
        c.as_secs_f64() / f.as_secs_f64()
    );
    println!(
        "  of which: model {}, validate {}, rules and letters {} (plain-language check alone {})",
        secs(median(st)),
        secs(median(va)),
        secs(median(ru)),
        secs(median(pl))
    );
}
