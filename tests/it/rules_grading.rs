//! Grading: `late_reason` downgrades a late review to information, and
//! `[rules]` in iro.toml switches rules off or re-grades them. Checked both on
//! the in-memory findings (`downgraded`, `Grades`) and end to end through
//! `check::check_repo` on a repository written to a temporary folder.

use crate::common::*;
use iro::diag::Severity::{Error, Info, Warning};

/// Care from Mon 2 Dec 2024: the first review is due Thu 2 Jan 2025 (2 Dec:
/// 3-6 (4), 9-13 (9), 16-20 (14), 23-24 (16), [25, 26], 27 (17), 30-31 (19),
/// [1 Jan], Thu 2 Jan (20)); held Fri 3 Jan 2025, 1 working day late.
fn late_first_review(late_reason: bool) -> RepoB {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-12-02");
    let r = c.review("2025-01-03");
    if late_reason {
        r.late_reason("the child was in hospital");
    }
    b
}

fn graded<'a>(v: &'a [iro::diag::Diagnostic], rule: &str) -> Vec<&'a iro::diag::Diagnostic> {
    v.iter().filter(|d| d.rule == rule).collect()
}

#[test]
fn late_reason_marks_the_finding_downgraded() {
    let o = late_first_review(false).run("2025-01-10");
    let d = o.one("reg33-first");
    assert!(!d.downgraded);
    assert_eq!(d.severity, Error);
    assert_eq!(graded(&o.graded(), "reg33-first")[0].severity, Error);

    let o = late_first_review(true).run("2025-01-10");
    let d = o.one("reg33-first");
    // Still reported, with its dates, but explained: information.
    assert!(d.downgraded);
    assert!(
        d.message.contains("held 2025-01-03, due by 2025-01-02")
            && d.message.contains("1 working day late"),
        "{d:?}"
    );
    assert!(
        d.hint.as_deref().is_some_and(|h| h.contains("late_reason")),
        "{d:?}"
    );
    assert_eq!(graded(&o.graded(), "reg33-first")[0].severity, Info);
}

#[test]
fn late_reason_on_an_in_time_review_changes_nothing() {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-12-02");
    c.review("2025-01-02").late_reason("not needed");
    b.run("2025-01-10").none("reg33-first");
}

#[test]
fn rules_off_and_regraded() {
    // reg33-first re-graded to a warning.
    let mut b = late_first_review(false);
    b.rule("reg33-first", "warning");
    let o = b.run("2025-01-10");
    let g = o.graded();
    assert_eq!(graded(&g, "reg33-first")[0].severity, Warning);

    // ...switched off.
    let mut b = late_first_review(false);
    b.rule("reg33-first", "off");
    let o = b.run("2025-01-10");
    assert_eq!(
        o.of("reg33-first").len(),
        1,
        "the rule runs; check drops its findings"
    );
    assert!(graded(&o.graded(), "reg33-first").is_empty());

    // ...re-graded to error explicitly, but explained by late_reason: info.
    let mut b = late_first_review(true);
    b.rule("reg33-first", "error");
    assert_eq!(
        graded(&b.run("2025-01-10").graded(), "reg33-first")[0].severity,
        Info
    );

    // A warning rule raised to an error, another switched off.
    let mut b = RepoB::new();
    b.rule("decisions-sent", "error")
        .rule("record-completed", "off")
        .rule("pn-age", "info");
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-11-04");
    c.review("2024-12-02");
    let g = b.run("2025-01-10").graded();
    assert_eq!(graded(&g, "decisions-sent")[0].severity, Error);
    assert!(graded(&g, "record-completed").is_empty());
}

#[test]
fn check_repo_grades_late_reason_and_rules_end_to_end() {
    // Same records written to disk and run through `check`.
    let mut b = late_first_review(true);
    b.rule("drp-20wd", "off").rule("caseload", "error");
    b.get("C1")
        .alert("2024-12-02", "drift")
        .stage("drp1", "2024-12-02");
    let dir = b.write_to_disk();
    let checked = iro::check::check_repo(dir.path(), Some(d("2025-01-10")));
    let first: Vec<_> = checked
        .diags
        .iter()
        .filter(|x| x.rule == "reg33-first")
        .collect();
    assert_eq!(first.len(), 1, "{:#?}", checked.diags);
    assert_eq!(first[0].severity, Info);
    assert_eq!(
        first[0].file.as_deref(),
        Some("children/C1/reviews/2025-01-03.md")
    );
    assert!(
        first[0]
            .message
            .contains("held 2025-01-03, due by 2025-01-02")
    );
    // drp1 on 2 Dec and still open on 10 Jan (past 2 Jan), but switched off.
    assert!(
        checked.diags.iter().all(|x| x.rule != "drp-20wd"),
        "{:#?}",
        checked.diags
    );
    // One child on a 1.0 FTE caseload: outside 50-70, re-graded to error.
    let cl: Vec<_> = checked
        .diags
        .iter()
        .filter(|x| x.rule == "caseload")
        .collect();
    assert_eq!(cl.len(), 1);
    assert_eq!(cl[0].severity, Error);
    // The records themselves are clean.
    assert!(
        checked
            .diags
            .iter()
            .all(|x| !LOAD_IDS.contains(&x.rule.as_str())),
        "{:#?}",
        checked.diags
    );

    // Without the late reason, check reports the error.
    let b = late_first_review(false);
    let dir = b.write_to_disk();
    let checked = iro::check::check_repo(dir.path(), Some(d("2025-01-10")));
    let first: Vec<_> = checked
        .diags
        .iter()
        .filter(|x| x.rule == "reg33-first")
        .collect();
    assert_eq!(first[0].severity, Error);
}

/// Every regulation rule documented in docs/rules.md has boundary tests:
/// some `tests/it/rules_*.rs` asserts a finding of it (`assert_diag(.., "id"`,
/// `.one("id")`, `.of("id")` or `.none("id")`). The list is read from the docs
/// and the test files, never typed here: a rule whose tests are deleted, or
/// a documented rule with none, fails.
#[test]
fn every_regulation_rule_is_covered() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = std::fs::read_to_string(root.join("docs/rules.md")).unwrap();
    let load_and_report = [
        "parse",
        "schema",
        "code",
        "ref",
        "date",
        "duplicate",
        "io",
        "site",
        "publish",
    ];
    let ids: Vec<&str> = rules
        .lines()
        .filter_map(|l| l.strip_prefix("#### `")?.strip_suffix('`'))
        .filter(|id| !load_and_report.contains(id) && !id.starts_with("letter-"))
        .collect();
    assert!(ids.len() >= 20, "{ids:?}");
    let mut tests = String::new();
    for e in std::fs::read_dir(root.join("tests/it")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("rules_") && name != "rules_grading.rs" {
            tests.push_str(&std::fs::read_to_string(&p).unwrap());
        }
    }
    let asserted = |id: &str| {
        [
            format!(".one(\"{id}\")"),
            format!(".of(\"{id}\")"),
            format!(".none(\"{id}\")"),
            format!("\"{id}\",\n"),
        ]
        .iter()
        .any(|p| tests.contains(p.as_str()))
    };
    let missing: Vec<&&str> = ids.iter().filter(|id| !asserted(id)).collect();
    assert!(
        missing.is_empty(),
        "documented rules with no boundary test: {missing:?}"
    );
}

#[test]
fn a_compliant_child_has_no_findings() {
    // Care from Mon 2 Dec 2024 with everything in time: IRO allocated the
    // first day, care plan on the 10th working day (Mon 16 Dec), health
    // assessment 10 Dec, first review on the 20th working day (Thu 2 Jan)
    // considering that plan with a permanence option, decisions sent on the
    // 5th working day after it (Thu 9 Jan: 3, 6, 7, 8, 9) and the record
    // completed on the 20th (Thu 30 Jan: 3, 6-10 (6), 13-17 (11), 20-24 (16),
    // 27-30 (20)). Checked on Wed 2 Apr 2025, the day the second review is
    // due (3 months after 2 Jan): nothing overdue yet.
    let mut b = RepoB::new();
    b.rule("caseload", "off");
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-12-02")
        .health("2024-12-10")
        .pep("2024-12-20")
        .plan("2024-12-16", "care");
    c.review("2025-01-02")
        .care_plan("2024-12-16")
        .permanence("return-home")
        .decisions_sent("2025-01-09")
        .record_completed("2025-01-30");
    let o = b.run("2025-04-02");
    let g = o.graded();
    assert!(g.is_empty(), "{g:#?}");
}
