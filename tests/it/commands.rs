//! The commands as a user runs them: init, new, due, letters.

use crate::common::iro;

use crate::common::minimal;

#[test]
fn init_makes_a_repository_that_checks_clean_and_refuses_non_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let out = iro(
        &["init", "svc", "--name", "Testshire IRO Service"],
        tmp.path(),
    );
    assert!(out.status.success(), "{out:?}");
    let root = tmp.path().join("svc");
    for f in [
        "iro.toml",
        ".gitignore",
        "README.md",
        "iros",
        "children",
        "report",
    ] {
        assert!(root.join(f).exists(), "{f}");
    }
    let gi = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(gi.contains("/public\n") && gi.contains("/private\n"));
    assert!(
        std::fs::read_to_string(root.join("iro.toml"))
            .unwrap()
            .contains("Testshire IRO Service")
    );
    let out = iro(&["check", "--root", "svc"], tmp.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A non-empty folder is never touched.
    let out = iro(&["init", "svc"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    // An empty existing folder is fine.
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    assert!(iro(&["init", "empty"], tmp.path()).status.success());
}

#[test]
fn new_records_never_overwrite() {
    let (_t, root) = minimal();
    let r = root.to_str().unwrap();
    let out = iro(
        &[
            "new",
            "review",
            "C0001",
            "--date",
            "2024-11-20",
            "--root",
            r,
        ],
        &root,
    );
    assert!(out.status.success(), "{out:?}");
    let f = root.join("children/C0001/reviews/2024-11-20.md");
    let text = std::fs::read_to_string(&f).unwrap();
    assert!(
        text.contains("iro: asmith")
            && text.contains("Dear Jordan,")
            && text.contains("care_plan: 2024-09-10"),
        "{text}"
    );
    std::fs::write(&f, "mine").unwrap();
    let out = iro(
        &[
            "new",
            "review",
            "C0001",
            "--date",
            "2024-11-20",
            "--root",
            r,
        ],
        &root,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "mine");
    // New child, plan and alert; an id with `..` or `/` is refused.
    assert!(
        iro(
            &[
                "new",
                "child",
                "C0002",
                "--iro",
                "asmith",
                "--start",
                "2024-11-01",
                "--root",
                r
            ],
            &root
        )
        .status
        .success()
    );
    assert!(
        iro(
            &["new", "plan", "C0002", "--date", "2024-11-05", "--root", r],
            &root
        )
        .status
        .success()
    );
    assert!(
        iro(
            &[
                "new",
                "alert",
                "C0001",
                "--slug",
                "no-plan",
                "--theme",
                "no-plan-stood-down",
                "--date",
                "2024-11-06",
                "--root",
                r
            ],
            &root
        )
        .status
        .success()
    );
    assert_eq!(
        iro(&["new", "child", "../x", "--root", r], &root)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        iro(
            &["new", "alert", "C0001", "--slug", "a/b", "--root", r],
            &root
        )
        .status
        .code(),
        Some(2)
    );
    assert!(!root.join("x").exists());
    // The scaffolded child asks for its missing fields through check.
    let out = iro(&["check", "--format", "json", "--root", r], &root);
    assert_eq!(out.status.code(), Some(1));
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.iter().any(|d| d["file"] == "children/C0002/child.yaml"),
        "{v:#?}"
    );
}

#[test]
fn due_lists_the_next_review_per_iro() {
    let (_t, root) = minimal();
    let r = root.to_str().unwrap();
    let out = iro(&["due", "--as-of", "2024-12-20", "--root", r], &root);
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    // First review 2024-09-27 + 3 months = 2024-12-27 (a Friday).
    assert!(
        s.contains("2024-12-27") && s.contains("second review") && s.contains("Alex Smith"),
        "{s}"
    );
    let out = iro(
        &[
            "due",
            "--as-of",
            "2025-01-06",
            "--format",
            "json",
            "--root",
            r,
        ],
        &root,
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let it = v.iter().find(|i| i["what"] == "review").unwrap();
    assert_eq!(it["rule"], "reg33-overdue");
    // Due Friday 27 December 2024; on Monday 6 January 2025 it is 5 working
    // days overdue (30 and 31 December, 2, 3 and 6 January; 1 January is a
    // bank holiday).
    assert_eq!(it["due"], "2024-12-27");
    assert_eq!(it["working_days"], -5);
    let out = iro(&["due", "--iro", "nobody", "--root", r], &root);
    assert_eq!(out.status.code(), Some(2));
    let out = iro(
        &[
            "due",
            "--as-of",
            "2024-12-20",
            "--format",
            "csv",
            "--root",
            r,
        ],
        &root,
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("due,working_days,what"));
}

#[test]
fn letters_go_only_to_private_and_show_markup_literally() {
    let (_t, root) = minimal();
    let r = root.to_str().unwrap();
    let review = root.join("children/C0001/reviews/2024-09-27.md");
    let text = std::fs::read_to_string(&review).unwrap().replace(
        "You like your room",
        "<script>alert(1)</script> #set $x$ [a] \\ @ref. You like your room",
    );
    std::fs::write(&review, text).unwrap();
    let out = iro(
        &[
            "letters",
            "children/C0001/reviews/2024-09-27.md",
            "--root",
            r,
        ],
        &root,
    );
    assert!(out.status.success(), "{out:?}");
    let html = std::fs::read_to_string(root.join("private/letters/C0001/2024-09-27.html")).unwrap();
    assert!(
        html.contains("&lt;script&gt;") && !html.contains("<script>"),
        "raw HTML must be escaped"
    );
    assert!(html.contains("#set $x$ [a]"));
    let pdf = root.join("private/letters/C0001/2024-09-27.pdf");
    if let Some(text) = crate::common::pdf_text(&pdf) {
        // The markup is printed as written, never run as Typst.
        assert!(text.contains("#set $x$ [a]"), "{text}");
        assert!(text.contains("<script>"), "{text}");
    }
    assert!(!root.join("public").exists());
    // Never into public/.
    let out = iro(
        &[
            "letters",
            "--child",
            "C0001",
            "--out",
            "public/letters",
            "--root",
            r,
        ],
        &root,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!root.join("public").exists());
    // Cards and invites.
    assert!(
        iro(&["letters", "--cards", "--root", r], &root)
            .status
            .success()
    );
    assert!(root.join("private/letters/cards/asmith.pdf").exists());
    assert!(
        iro(
            &["letters", "--invite", "--child", "C0001", "--root", r],
            &root
        )
        .status
        .success()
    );
    assert!(
        root.join("private/letters/C0001/invite-2024-12-27.html")
            .exists()
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    let tmp = tempfile::tempdir().unwrap();
    for cmd in [
        "check", "due", "init", "generate", "letters", "stats", "build", "serve", "explain",
    ] {
        let out = iro(&[cmd, "--help"], tmp.path());
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{cmd}");
        assert!(s.contains("Example"), "{cmd} --help has no example:\n{s}");
    }
    for args in [["export", "ssda903"], ["import", "ssda903"]] {
        let out = iro(&[args[0], args[1], "--help"], tmp.path());
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Example"),
            "{args:?}"
        );
    }
    for sub in ["iro", "child", "review", "plan", "alert"] {
        let out = iro(&["new", sub, "--help"], tmp.path());
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Example"),
            "new {sub}"
        );
    }
    for sub in ["install", "uninstall", "run"] {
        let out = iro(&["hook", sub, "--help"], tmp.path());
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Example"),
            "hook {sub}"
        );
    }
}

/// `iro explain` prints a finding's documentation from the shipped text,
/// lists the ids, and refuses an unknown one.
#[test]
fn explain_prints_the_documentation_of_an_id() {
    let tmp = tempfile::tempdir().unwrap();
    let out = iro(&["explain", "pn-missing"], tmp.path());
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.starts_with("pn-missing (error, source: 903 rule 167)") && s.contains("**Checks:**"),
        "{s}"
    );
    let out = iro(&["explain"], tmp.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("reg33-first"));
    let out = iro(&["explain", "nope"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn due_lists_a_local_placement_order_deadline() {
    let (_t, root) = minimal();
    let r = root.to_str().unwrap();
    // Put the child on a placement order and review them every 3 months locally.
    let child = root.join("children/C0001/child.yaml");
    let text = std::fs::read_to_string(&child)
        .unwrap()
        .replace("legal_status: C1", "legal_status: E1");
    std::fs::write(&child, text).unwrap();
    let toml = root.join("iro.toml");
    let text = std::fs::read_to_string(&toml).unwrap().replace(
        "placement_order_review_months = 0",
        "placement_order_review_months = 2",
    );
    std::fs::write(&toml, text).unwrap();
    // First review Fri 27 Sep 2024: statutory second review by Fri 27 Dec 2024
    // (3 months), local policy by Wed 27 Nov 2024 (2 months).
    let out = iro(
        &[
            "due",
            "--as-of",
            "2024-11-20",
            "--format",
            "json",
            "--root",
            r,
        ],
        &root,
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let local = v
        .iter()
        .find(|i| i["rule"] == "local-po-months")
        .expect("local deadline listed");
    assert_eq!(local["due"], "2024-11-27");
}

/// The reporting year is read by one parser: `2025/26` works for letters as
/// it does for stats, and a bad year is refused the same way by both.
#[test]
fn letters_and_stats_read_the_year_the_same_way() {
    let (_t, root) = minimal();
    let r = root.to_str().unwrap();
    for y in ["2024-25", "2024/25"] {
        let out = iro(&["letters", "--year", y, "--html-only", "--root", r], &root);
        assert!(out.status.success(), "letters --year {y}: {out:?}");
        let out = iro(&["stats", "--year", y, "--root", r], &root);
        assert!(out.status.success(), "stats --year {y}: {out:?}");
    }
    assert!(root.join("private/letters/C0001/2024-09-27.html").exists());
    for cmd in ["letters", "stats"] {
        let out = iro(&[cmd, "--year", "2024-26", "--root", r], &root);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("next year (2024-25)"), "{cmd}: {err}");
    }
}

/// An IRO who has not started yet by the check date gets no card, as they
/// are not counted in post by the caseload rule or the figures either.
#[test]
fn cards_only_for_iros_in_post() {
    let (_t, root) = minimal();
    let r = root.to_str().unwrap();
    std::fs::write(
        root.join("iros/bnew.yaml"),
        "name: Bo New\nfte: 1.0\nstarted: 2030-01-06\nleft: null\nemail: bo@minimal.example\nphone: \"01632 960002\"\n",
    )
    .unwrap();
    let out = iro(&["letters", "--cards", "--html-only", "--root", r], &root);
    assert!(out.status.success(), "{out:?}");
    assert!(root.join("private/letters/cards/asmith.html").exists());
    assert!(
        !root.join("private/letters/cards/bnew.html").exists(),
        "an IRO starting after the check date has no card yet"
    );
}
