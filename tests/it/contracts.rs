//! Command contracts: each command's exit codes (0, 1, 2 where they apply),
//! bad flags and values, `--child`, `--notes`, and its JSON and CSV output
//! parsed and checked, run as a user runs them.

use std::process::Output;

use crate::common::iro;

use crate::common::minimal;

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// Bad flags and values stop every command with 2 and a message, before any work.
#[test]
fn bad_flags_and_values_exit_2() {
    let (tmp, root) = minimal();
    let r = root.to_str().unwrap();
    let out = tmp.path().join("out");
    let o = out.to_str().unwrap();
    for args in [
        &["check", "--as-of", "2025-13-01"][..],
        &["check", "--as-of", "tomorrow"],
        &["check", "--format", "xml"],
        &["check", "--format", "csv"],
        &["check", "--no-such-flag"],
        &["check", "--child", "NOPE"],
        &["due", "--as-of", "2025-02-30"],
        &["due", "--format", "xml"],
        &["due", "--days", "many"],
        &["stats", "--year", "2025"],
        &["stats", "--year", "2025-27"],
        &["stats", "--format", "pdf"],
        &["stats", "--explain", "no.such.figure"],
        &["letters", "--year", "twenty", "--out", o],
        &["build", "--year", "2025", "--out", o],
        &["export", "ssda903", "--year", "2025"],
        &[
            "export", "ssda903", "--year", "2025-26", "--out", "public/x",
        ],
        &["explain", "no-such-rule"],
        &["new", "child", "bad id!"],
        &["new", "review", "NOPE"],
        &["generate", "--children", "lots", o],
    ] {
        let mut a = args.to_vec();
        a.extend(["--root", r]);
        let got = iro(&a, tmp.path());
        assert_eq!(code(&got), 2, "{args:?}: {got:?}");
        assert!(!got.stderr.is_empty(), "{args:?}: no message");
        assert!(
            got.stdout.is_empty() || args[0] == "explain",
            "{args:?} printed to stdout"
        );
    }
    assert!(!out.exists(), "nothing written by a refused command");
    assert!(!root.join("public").exists() && !root.join("private").exists());
    // No records repository at all.
    let empty = tempfile::tempdir().unwrap();
    for cmd in ["check", "due", "stats", "letters", "build"] {
        let got = iro(&[cmd], empty.path());
        assert_eq!(code(&got), 2, "{cmd} outside a repository");
        assert!(
            String::from_utf8_lossy(&got.stderr).contains("iro.toml"),
            "{cmd}"
        );
    }
}

/// `iro check`: 0 clean, 1 errors, `--child` narrows, `--notes` adds info,
/// JSON is an array of findings with their keys.
#[test]
fn check_exit_codes_child_notes_and_json() {
    let (tmp, root) = minimal();
    let r = root.to_str().unwrap();
    let clean = iro(&["check", "--root", r], tmp.path());
    assert_eq!(code(&clean), 0, "{clean:?}");
    assert!(clean.stdout.is_empty(), "quiet when all is well: {clean:?}");
    let json = iro(&["check", "--format", "json", "--root", r], tmp.path());
    let v: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v.iter().all(|d| d["severity"] != "error"));
    // Break one review: exit 1, the finding in JSON with every key.
    let reviews = root.join("children/C0001/reviews");
    let first = std::fs::read_dir(&reviews)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, text.replacen("kind: cla", "kind: cl", 1)).unwrap();
    let bad = iro(&["check", "--format", "json", "--root", r], tmp.path());
    assert_eq!(code(&bad), 1);
    let v: Vec<serde_json::Value> = serde_json::from_slice(&bad.stdout).unwrap();
    let errs: Vec<&serde_json::Value> = v.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errs.len(), 1, "{v:#?}");
    let e = errs[0];
    for key in [
        "rule", "severity", "file", "line", "column", "child", "message", "source", "hint",
    ] {
        assert!(e.get(key).is_some(), "no `{key}` in {e}");
    }
    assert_eq!(e["rule"], "code");
    assert_eq!(e["child"], "C0001");
    assert_eq!(e["line"], 2);
    // --child another child: that child's findings only, so exit 0.
    std::fs::create_dir_all(root.join("children/C0002")).unwrap();
    let other = iro(
        &["check", "--child", "C0002", "--format", "json", "--root", r],
        tmp.path(),
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&other.stdout).unwrap();
    assert!(v.iter().all(|d| d["child"] == "C0002"), "{v:#?}");
    let mine = iro(&["check", "--child", "C0001", "--root", r], tmp.path());
    assert_eq!(code(&mine), 1);
    assert!(String::from_utf8_lossy(&mine.stdout).contains("── child C0001"));
    // --notes shows info findings the default hides.
    std::fs::write(&first, &text).unwrap();
    std::fs::remove_dir_all(root.join("children/C0002")).unwrap();
    let plain = String::from_utf8_lossy(
        &iro(&["check", "--root", r, "--as-of", "2025-12-31"], tmp.path()).stdout,
    )
    .into_owned();
    let notes = String::from_utf8_lossy(
        &iro(
            &["check", "--notes", "--root", r, "--as-of", "2025-12-31"],
            tmp.path(),
        )
        .stdout,
    )
    .into_owned();
    assert!(!plain.contains("info["), "{plain}");
    assert!(notes.lines().count() >= plain.lines().count());
}

/// `iro due` and `iro stats`: JSON and CSV parse, with the columns promised.
#[test]
fn due_and_stats_json_and_csv_parse() {
    let (tmp, root) = minimal();
    let r = root.to_str().unwrap();
    let j = iro(
        &[
            "due",
            "--as-of",
            "2025-01-06",
            "--format",
            "json",
            "--root",
            r,
        ],
        tmp.path(),
    );
    assert_eq!(code(&j), 0, "{j:?}");
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    assert!(v.is_array() || v.is_object(), "{v}");
    let c = iro(
        &[
            "due",
            "--as-of",
            "2025-01-06",
            "--format",
            "csv",
            "--root",
            r,
        ],
        tmp.path(),
    );
    assert_eq!(code(&c), 0);
    let mut rd = csv::Reader::from_reader(&c.stdout[..]);
    let head: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert!(
        head.iter().any(|h| h == "due") && head.iter().any(|h| h == "child"),
        "{head:?}"
    );
    let n = head.len();
    for row in rd.records() {
        assert_eq!(row.unwrap().len(), n);
    }
    let s = iro(
        &[
            "stats", "--year", "2024-25", "--format", "json", "--root", r,
        ],
        tmp.path(),
    );
    assert_eq!(code(&s), 0, "{s:?}");
    let v: serde_json::Value = serde_json::from_slice(&s.stdout).unwrap();
    let text = v.to_string();
    assert!(
        text.contains("reviews.held") && text.contains("reviews.on_time"),
        "{text}"
    );
    let s = iro(
        &["stats", "--year", "2024-25", "--format", "csv", "--root", r],
        tmp.path(),
    );
    assert_eq!(code(&s), 0);
    let mut rd = csv::Reader::from_reader(&s.stdout[..]);
    let n = rd.headers().unwrap().len();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert!(rows.len() > 10 && rows.iter().all(|r| r.len() == n));
    assert!(rows.iter().any(|r| r.iter().any(|c| c == "reviews.held")));
    let h = iro(&["stats", "--year", "2024-25", "--root", r], tmp.path());
    assert_eq!(code(&h), 0);
    assert!(String::from_utf8_lossy(&h.stdout).contains("annual report figures 2024-25"));
}

/// `iro generate` makes a service that checks without errors.
#[test]
fn generated_service_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let g = iro(
        &[
            "generate",
            "--children",
            "40",
            "--years",
            "2",
            "--seed",
            "7",
            "gen",
        ],
        tmp.path(),
    );
    assert_eq!(code(&g), 0, "{g:?}");
    let c = iro(&["check", "--root", "gen", "--format", "json"], tmp.path());
    assert_eq!(code(&c), 0, "{}", String::from_utf8_lossy(&c.stdout));
    let v: Vec<serde_json::Value> = serde_json::from_slice(&c.stdout).unwrap();
    assert!(v.iter().all(|d| d["severity"] != "error"));
    // The same seed gives the same files.
    let again = iro(
        &[
            "generate",
            "--children",
            "40",
            "--years",
            "2",
            "--seed",
            "7",
            "gen2",
        ],
        tmp.path(),
    );
    assert_eq!(code(&again), 0);
    let a = std::fs::read_to_string(tmp.path().join("gen/children/C0001/child.yaml")).unwrap();
    let b = std::fs::read_to_string(tmp.path().join("gen2/children/C0001/child.yaml")).unwrap();
    assert_eq!(a, b);
    // Not into a folder that is not empty.
    assert_eq!(code(&iro(&["generate", "gen"], tmp.path())), 2);
}
