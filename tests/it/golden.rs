//! Golden reproducers: one small records repository per rule id and per load
//! check the docs list (`tests/golden/<case>/`), with the exact terminal and
//! JSON output checked in. A changed message is a reviewed diff of
//! `expected.txt` / `expected.json`, never a silent pass.
//!
//! Re-bless after a deliberate change: `IRO_BLESS=1 cargo test --release golden`
//! (or `tests/golden/bless.sh [CASE...]` with a built binary), then review the diff.
//!
//! What must be covered is read from the docs, not from the code: every id
//! with a `#### \`id\`` section in docs/rules.md needs a case whose output
//! carries it, and every bullet of the load-check sections of docs/rules.md
//! and every row of records.md's episode table needs a case whose `about` is
//! that text.

use std::path::{Path, PathBuf};
use std::process::Command;

fn golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(golden())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("args").is_file())
        .collect();
    v.sort();
    v
}

/// Replace durations ("in 0.2 s") with `{time}`, as bless.sh does.
fn no_times(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("in ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 3..];
        let num: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if num.contains('.')
            && !num.starts_with('.')
            && !num.ends_with('.')
            && after[num.len()..].starts_with(" s")
        {
            out.push_str("in {time}");
            rest = &after[num.len() + 2..];
        } else {
            out.push_str("in ");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Run a case as bless.sh does; `extra`: `--format json` or nothing.
fn run(case: &Path, extra: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let out_s = out.to_str().unwrap();
    let args: Vec<String> = std::fs::read_to_string(case.join("args"))
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.replace("{out}", out_s))
        .collect();
    let o = Command::new(env!("CARGO_BIN_EXE_iro"))
        .args(&args)
        .args(["--root", "records"])
        .args(extra)
        .current_dir(case)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let clean = |b: &[u8]| no_times(&String::from_utf8_lossy(b).replace(out_s, "{out}"));
    let mut s = format!("exit: {}\n", o.status.code().unwrap_or(-1));
    s.push_str(&clean(&o.stdout));
    if !o.stderr.is_empty() {
        s.push_str("--- stderr\n");
        s.push_str(&clean(&o.stderr));
    }
    s
}

#[test]
fn every_case_gives_its_expected_output() {
    let bless = std::env::var_os("IRO_BLESS").is_some();
    let mut failed = Vec::new();
    let all = cases();
    assert!(all.len() >= 60, "only {} golden cases", all.len());
    for case in &all {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let is_check = std::fs::read_to_string(case.join("args"))
            .unwrap()
            .starts_with("check");
        let mut outputs = vec![("expected.txt", run(case, &[]))];
        if is_check {
            outputs.push(("expected.json", run(case, &["--format", "json"])));
        }
        for (file, got) in outputs {
            let path = case.join(file);
            if bless {
                std::fs::write(&path, &got).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path).unwrap_or_default();
            if got != want {
                let at = got
                    .lines()
                    .zip(want.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
                failed.push(format!(
                    "{name}/{file}: first difference at line {}:\n  expected: {:?}\n  got:      {:?}",
                    at + 1,
                    want.lines().nth(at).unwrap_or("<end>"),
                    got.lines().nth(at).unwrap_or("<end>")
                ));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} golden output(s) differ (IRO_BLESS=1 rewrites them; review the diff):\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// The ids documented in docs/rules.md (`#### `id`` headings).
fn documented_ids() -> Vec<String> {
    let md = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
        .unwrap();
    md.lines()
        .filter_map(|l| l.strip_prefix("#### `"))
        .filter_map(|l| l.strip_suffix('`'))
        .filter(|id| {
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .map(String::from)
        .collect()
}

#[test]
fn every_documented_id_has_a_golden_case() {
    let ids = documented_ids();
    assert!(ids.len() >= 35, "{ids:?}");
    let outputs: Vec<String> = cases()
        .iter()
        .map(|c| {
            std::fs::read_to_string(c.join("expected.txt")).unwrap_or_default()
                + &std::fs::read_to_string(c.join("expected.json")).unwrap_or_default()
        })
        .collect();
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| {
            !outputs.iter().any(|o| {
                o.contains(&format!("[{id}]")) || o.contains(&format!("\"rule\": \"{id}\""))
            })
        })
        .collect();
    assert!(
        missing.is_empty(),
        "ids with no golden case reproducing them: {missing:?}"
    );
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ';'])
        .to_string()
}

/// The load checks the docs list: the bullets of rules.md's load-check
/// sections and the rows of records.md's episode table.
fn documented_load_checks() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = std::fs::read_to_string(root.join("docs/rules.md")).unwrap();
    let mut out = Vec::new();
    for sec in ["parse", "schema", "code", "ref", "date", "duplicate", "io"] {
        let start = rules.find(&format!("#### `{sec}`")).unwrap();
        let body = &rules[start + 5..];
        let body = &body[..body
            .find("\n#### ")
            .or_else(|| body.find("\n## "))
            .unwrap_or(body.len())];
        let mut cur: Option<String> = None;
        for line in body.lines() {
            if let Some(b) = line.strip_prefix("- ") {
                if let Some(c) = cur.take() {
                    out.push(norm(&c));
                }
                cur = Some(b.to_string());
            } else if line.starts_with("  ") && !line.trim().is_empty() && cur.is_some() {
                if let Some(c) = cur.as_mut() {
                    c.push(' ');
                    c.push_str(line.trim());
                }
            } else if let Some(c) = cur.take() {
                out.push(norm(&c));
            }
        }
        if let Some(c) = cur {
            out.push(norm(&c));
        }
    }
    let records = std::fs::read_to_string(root.join("docs/records.md")).unwrap();
    let table = &records[records.find("| problem | id |").unwrap()..];
    for line in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        out.push(norm(
            line.trim_matches('|').split(" | ").next().unwrap_or(""),
        ));
    }
    out
}

#[test]
fn every_documented_load_check_has_a_golden_case() {
    let checks = documented_load_checks();
    assert!(checks.len() >= 40, "{}", checks.len());
    let abouts: Vec<String> = cases()
        .iter()
        .map(|c| norm(&std::fs::read_to_string(c.join("about")).unwrap_or_default()))
        .collect();
    let missing: Vec<&String> = checks.iter().filter(|c| !abouts.contains(c)).collect();
    assert!(
        missing.is_empty(),
        "load checks of the docs with no golden case (a case's `about` must be the text):\n{}",
        missing
            .iter()
            .map(|m| format!("  {m}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
