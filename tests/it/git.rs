//! Git-native records: `iro init` makes a repository with iro's pre-commit
//! hook; a commit with errors is refused and a fixed one goes through;
//! `iro check --changed` gives a full check's findings for the changed
//! children; another tool's hook is never touched.

use crate::common::copy_dir;
use std::path::Path;
use std::process::{Command, Output};

fn iro(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iro"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test IRO",
            "-c",
            "user.email=iro@test.example",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap()
}

fn have_git() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A new service from `iro init`, with the minimal example's records in it.
fn service() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("svc");
    let o = iro(tmp.path(), &["init", "svc", "--ci", "github"]);
    assert!(o.status.success(), "{o:?}");
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("pre-commit hook"), "{said}");
    assert!(dir.join(".git/hooks/pre-commit").exists());
    assert!(dir.join(".github/workflows/iro.yml").exists());
    // The minimal example's records and settings.
    let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minimal");
    copy_dir(&ex.join("children"), &dir.join("children"));
    copy_dir(&ex.join("iros"), &dir.join("iros"));
    std::fs::copy(ex.join("iro.toml"), dir.join("iro.toml")).unwrap();
    (tmp, dir)
}

#[test]
fn a_commit_with_errors_is_refused_and_a_fixed_one_goes_through() {
    if !have_git() {
        eprintln!("note: git not installed; skipping");
        return;
    }
    let (_t, dir) = service();
    assert!(git(&dir, &["add", "-A"]).status.success());
    let o = git(&dir, &["commit", "-qm", "records"]);
    assert!(
        o.status.success(),
        "a clean commit goes through: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let review = dir.join("children/C0001/reviews/2024-09-27.md");
    let text = std::fs::read_to_string(&review).unwrap();
    std::fs::write(
        &review,
        text.replace("participation: PN1", "participation: PN9"),
    )
    .unwrap();
    git(&dir, &["add", "-A"]);
    let o = git(&dir, &["commit", "-qm", "typo"]);
    assert!(!o.status.success(), "a commit with an error is refused");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error[code]") && err.contains("children/C0001/reviews/2024-09-27.md"),
        "{err}"
    );
    assert!(err.contains("--no-verify"), "{err}");
    // The hook never rewrites a file.
    assert!(std::fs::read_to_string(&review).unwrap().contains("PN9"));
    std::fs::write(
        &review,
        text.replace("participation: PN1", "participation: PN2"),
    )
    .unwrap();
    git(&dir, &["add", "-A"]);
    let o = git(&dir, &["commit", "-qm", "fixed"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Who recorded what.
    let o = iro(&dir, &["check", "--format", "json", "--git"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    if let Some(d) = v
        .as_array()
        .and_then(|a| a.iter().find(|d| d["file"].is_string()))
    {
        assert_eq!(d["commit"]["author"], "Test IRO", "{d}");
    }
    let o = iro(
        &dir,
        &[
            "stats",
            "--year",
            "2024-25",
            "--explain",
            "reviews.held",
            "--git",
        ],
    );
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Test IRO"),
        "{o:?}"
    );
}

#[test]
fn changed_gives_a_full_checks_findings_for_the_changed_children() {
    if !have_git() {
        return;
    }
    let (_t, dir) = service();
    // A second child, committed clean.
    copy_dir(&dir.join("children/C0001"), &dir.join("children/C0002"));
    git(&dir, &["add", "-A"]);
    assert!(
        git(&dir, &["commit", "-qm", "two", "--no-verify"])
            .status
            .success()
    );
    // Break both; only C0002's change is left uncommitted.
    for c in ["C0001", "C0002"] {
        let p = dir.join(format!("children/{c}/reviews/2024-09-27.md"));
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, t.replace("participation: PN1", "participation: PN9")).unwrap();
    }
    git(&dir, &["add", "children/C0001"]);
    assert!(
        git(&dir, &["commit", "-qm", "c1", "--no-verify"])
            .status
            .success()
    );
    let full: Vec<serde_json::Value> =
        serde_json::from_slice(&iro(&dir, &["check", "--format", "json"]).stdout).unwrap();
    let o = iro(&dir, &["check", "--format", "json", "--changed"]);
    assert_eq!(o.status.code(), Some(1));
    let changed: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let of = |v: &[serde_json::Value], c: &str| -> Vec<serde_json::Value> {
        v.iter().filter(|d| d["child"] == c).cloned().collect()
    };
    assert!(!of(&full, "C0002").is_empty());
    assert_eq!(
        of(&changed, "C0002"),
        of(&full, "C0002"),
        "the same findings for the changed child"
    );
    assert!(
        of(&changed, "C0001").is_empty(),
        "the unchanged child is left out"
    );
    // Since a revision: both children changed since the commit "two".
    let o = iro(&dir, &["check", "--format", "json", "--changed", "HEAD~1"]);
    let since: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(of(&since, "C0001"), of(&full, "C0001"));
    // A detached HEAD works; a revision that does not exist is a clear error.
    assert!(git(&dir, &["checkout", "-q", "--detach"]).status.success());
    assert_eq!(iro(&dir, &["check", "--changed"]).status.code(), Some(1));
    let o = iro(&dir, &["check", "--changed", "no-such-ref"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no commit `no-such-ref`"));
}

#[test]
fn another_tools_hook_is_never_touched_and_no_repository_is_clear() {
    if !have_git() {
        return;
    }
    let (_t, dir) = service();
    let hook = dir.join(".git/hooks/pre-commit");
    assert_eq!(iro(&dir, &["hook", "uninstall"]).status.code(), Some(0));
    assert!(!hook.exists());
    std::fs::write(&hook, "#!/bin/sh\necho other tool\n").unwrap();
    let o = iro(&dir, &["hook", "install"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("add this line"),
        "{o:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\necho other tool\n"
    );
    assert_eq!(iro(&dir, &["hook", "uninstall"]).status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\necho other tool\n"
    );
    // Not a git repository.
    let plain = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minimal"),
        plain.path(),
    );
    let o = iro(plain.path(), &["check", "--changed"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not inside a git repository"),
        "{o:?}"
    );
}

#[test]
fn init_without_git_carries_on() {
    let tmp = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_iro"))
        .current_dir(tmp.path())
        .env("PATH", "")
        .args(["init", "svc"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("git is not installed"));
    assert!(tmp.path().join("svc/iro.toml").exists() && !tmp.path().join("svc/.git").exists());
}
