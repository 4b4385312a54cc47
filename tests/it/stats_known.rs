//! Known-answer tests for `iro stats` (report.md's key figures).
//!
//! A small hand-made service is loaded from text (`load::load_texts`) and every
//! figure is worked out BY HAND below, with the arithmetic in the comments:
//! nothing here calls the code under test to get an expected value.
//!
//! Reporting year 2024-25 = 1 April 2024 - 31 March 2025; check date
//! 2025-03-31. Bank holidays used: 2024: 29 Mar, 1 Apr, 6 May, 27 May,
//! 26 Aug, 25-26 Dec; 2025: 1 Jan (Good Friday 18 Apr is after the year).
//!
//! IROs: ia 1.0 FTE; ib 0.5 FTE, left 2024-10-31 (mid-year); ic 0.5 FTE,
//! started 2024-11-01.
//!
//! Children:
//! - A1 (born 2010-06-15) in care from Mon 2024-04-08: a series of meetings,
//!   a stood-down review, a late second review, child co-chairs twice.
//! - B1 (born 2021-02-10) in care from 2023-12-04: turns 4 on 2025-02-10;
//!   allocated ib, then ic from 2024-11-01 when ib leaves.
//! - C1 (born 2012-01-20): care 2023-06-01 to 2024-07-31 (E13), re-enters
//!   2024-11-04.
//! - D1 (born 2008-05-01): in care since 2020: eligible at year end.
//! - D2 (born 2007-09-15): care 2024-04-15 to 2024-12-20 (E5): relevant.
//! - D3 (born 2005-08-01): care 2019-03-04 to 2023-08-01 (E17): former
//!   relevant; allocated ib, who leaves: unallocated at year end.
//! - E1 (born 2015-03-03): in care since 2022; alerts, notifications, meetings
//!   of all three kinds.
//! - F1 (born 2014-02-02): short breaks only (a V4 agreement) from 2024-05-01.
//! - G1 (born 2011-11-11): in care from 2025-02-03; stood down, then held
//!   late, chaired by the child; decisions and record not yet due.

use chrono::NaiveDate;
use iro::stats::{self, Year};
use serde_json::Value as J;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

const CONFIG: &str = r#"
[service]
name = "Testshire Independent Reviewing Service"
short_name = "Testshire"
year_starts = "04-01"

[services]
a = "Team A"
b = "Team B"

[themes.alert]
drift = "Drift and delay"
noplan = "No plan"
visits = "Visits missed"

[themes.good_practice]
relationship = "Good relationship with the child"
assessment = "Good assessment"

[publish]
suppress_below = 6

# This service's caseloads include care leavers out of care (the default
# counts looked-after children only).
[policy]
caseload_counts_care_leavers = true
"#;

fn iro(fte: &str, started: &str, left: Option<&str>) -> String {
    let mut s = format!("name: Test IRO\nfte: {fte}\nstarted: {started}\n");
    if let Some(l) = left {
        s.push_str(&format!("left: {l}\n"));
    }
    s
}

/// child.yaml: dob, allocations [(iro, from)], episodes (YAML list items).
fn child(dob: &str, alloc: &[(&str, &str)], episodes: &str) -> String {
    let mut s =
        format!("name: Test Child\ndob: {dob}\nsex: F\nethnicity: WBRI\nservice: a\niro:\n");
    for (i, f) in alloc {
        s.push_str(&format!("  - {{ iro: {i}, from: {f} }}\n"));
    }
    s.push_str("episodes:\n");
    s.push_str(episodes);
    s
}

fn ep(start: &str, rne: &str, ls: &str, end: Option<(&str, &str)>) -> String {
    let mut s = format!(
        "  - start: {start}\n    reason_new: {rne}\n    legal_status: {ls}\n    need: N1\n    placement: U6\n    provider: PR1\n"
    );
    if let Some((e, why)) = end {
        s.push_str(&format!("    end: {e}\n    reason_ended: {why}\n"));
    }
    s
}

/// A review file: front matter lines, then the child's letter.
fn review(front: &str) -> String {
    format!("---\n{front}---\nDear Sam,\n\nThank you for talking with me.\n")
}

fn alert(front: &str) -> String {
    format!("---\n{front}---\nWhat happened and how it was resolved.\n")
}

fn files() -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = Vec::new();
    let mut add = |p: &str, t: String| f.push((p.to_string(), t));
    add("iros/ia.yaml", iro("1.0", "2010-01-01", None));
    add("iros/ib.yaml", iro("0.5", "2010-01-01", Some("2024-10-31")));
    add("iros/ic.yaml", iro("0.5", "2024-11-01", None));

    // ---------------------------------------------------------------- A1
    add(
        "children/A1/child.yaml",
        child(
            "2010-06-15",
            &[("ia", "2024-04-08")],
            &ep("2024-04-08", "S", "V2", None),
        ) + "peps: [2024-11-30]\n",
    );
    add(
        "children/A1/reviews/2024-05-09.md",
        review(
            "kind: cla\niro: ia\nmeetings: [2024-05-02, 2024-05-09]\nparticipation: PN1\nseen_before: true\nchaired_by_child: co-chair\nconsultations:\n  child: [1, 1]\n  parent: [2, 0]\ndecisions_sent: 2024-05-16\nrecord_completed: 2024-06-10\n",
        ),
    );
    add(
        "children/A1/reviews/2024-08-05.md",
        review(
            "kind: cla\niro: ia\nstood_down: { reason: no-care-plan }\nconsultations:\n  parent: [2, 1]\n",
        ),
    );
    add(
        "children/A1/reviews/2024-08-20.md",
        review(
            "kind: cla\niro: ia\nparticipation: PN3\nseen_before: false\npermanence: long-term-fostering\nrecord_completed: 2024-09-10\n",
        ),
    );
    add(
        "children/A1/reviews/2025-02-18.md",
        review(
            "kind: cla\niro: ia\nparticipation: PN7\nseen_before: true\nchaired_by_child: co-chair\ndecisions_sent: 2025-02-25\nrecord_completed: 2025-03-10\n",
        ),
    );

    // ---------------------------------------------------------------- B1
    add(
        "children/B1/child.yaml",
        child(
            "2021-02-10",
            &[("ib", "2023-12-04"), ("ic", "2024-11-01")],
            &ep("2023-12-04", "S", "C1", None),
        ) + "health_assessments: [2024-09-20]\n",
    );
    add(
        "children/B1/reviews/2023-12-20.md",
        review(
            "kind: cla\niro: ib\nparticipation: PN0\ndecisions_sent: 2023-12-22\nrecord_completed: 2024-01-10\n",
        ),
    );
    add(
        "children/B1/reviews/2024-03-18.md",
        review(
            "kind: cla\niro: ib\nparticipation: PN0\npermanence: adoption\ndecisions_sent: 2024-03-20\nrecord_completed: 2024-04-10\n",
        ),
    );
    add(
        "children/B1/reviews/2024-09-18.md",
        review(
            "kind: cla\niro: ib\nparticipation: PN0\ndecisions_sent: 2024-09-26\nrecord_completed: 2024-10-16\n",
        ),
    );
    add(
        "children/B1/reviews/2025-03-14.md",
        review(
            "kind: cla\niro: ic\nparticipation: PN2\nseen_before: false\ndecisions_sent: 2025-03-21\n",
        ),
    );

    // ---------------------------------------------------------------- C1
    let c1_eps = ep("2023-06-01", "S", "V2", Some(("2024-07-31", "E13")))
        + &ep("2024-11-04", "S", "C1", None);
    add(
        "children/C1/child.yaml",
        child("2012-01-20", &[("ia", "2023-06-01")], &c1_eps) + "peps: [2024-12-01]\n",
    );
    add(
        "children/C1/reviews/2023-06-28.md",
        review(
            "kind: cla\niro: ia\nparticipation: PN1\npermanence: return-home\ndecisions_sent: 2023-06-30\nrecord_completed: 2023-07-20\n",
        ),
    );
    add(
        "children/C1/reviews/2023-09-25.md",
        review(
            "kind: cla\niro: ia\nparticipation: PN1\ndecisions_sent: 2023-09-28\nrecord_completed: 2023-10-16\n",
        ),
    );
    add(
        "children/C1/reviews/2024-03-20.md",
        review(
            "kind: cla\niro: ia\nparticipation: PN1\ndecisions_sent: 2024-03-25\nrecord_completed: 2024-04-12\n",
        ),
    );
    add(
        "children/C1/reviews/2024-12-05.md",
        review(
            "kind: cla\niro: ia\nparticipation: PN1\nseen_before: true\ndecisions_sent: 2024-12-12\nrecord_completed: 2025-01-10\n",
        ),
    );
    add(
        "children/C1/reviews/2025-03-05.md",
        review(
            "kind: cla\niro: ia\nparticipation: PN4\nseen_before: false\ndecisions_sent: 2025-03-12\n",
        ),
    );

    // ---------------------------------------------------------------- D1, D2, D3
    add(
        "children/D1/child.yaml",
        child(
            "2008-05-01",
            &[("ia", "2020-01-06")],
            &ep("2020-01-06", "S", "C2", None),
        ) + "health_assessments: [2024-04-15]\n",
    );
    add(
        "children/D2/child.yaml",
        child(
            "2007-09-15",
            &[("ia", "2024-04-15")],
            &ep("2024-04-15", "S", "V2", Some(("2024-12-20", "E5"))),
        ),
    );
    add(
        "children/D2/reviews/2024-05-13.md",
        review(
            "kind: cla\niro: ia\nparticipation: PN1\nseen_before: true\ndecisions_sent: 2024-05-17\nrecord_completed: 2024-06-03\n",
        ),
    );
    add(
        "children/D2/reviews/2024-08-12.md",
        review(
            "kind: cla\niro: ia\nparticipation: PN1\nseen_before: true\npermanence: independence\ndecisions_sent: 2024-08-19\nrecord_completed: 2024-09-02\n",
        ),
    );
    add(
        "children/D2/reviews/2025-02-10.md",
        review(
            "kind: pathway\niro: ia\nattended: [young-person, personal-adviser]\ndecisions_sent: 2025-02-14\nrecord_completed: 2025-03-03\n",
        ),
    );
    add(
        "children/D3/child.yaml",
        child(
            "2005-08-01",
            &[("ib", "2019-03-04")],
            &ep("2019-03-04", "S", "C2", Some(("2023-08-01", "E17"))),
        ),
    );
    add(
        "children/D3/reviews/2024-07-15.md",
        review(
            "kind: pathway\niro: ib\nattended: [personal-adviser]\ndecisions_sent: 2024-07-23\nrecord_completed: 2024-08-01\n",
        ),
    );
    add(
        "children/D3/reviews/2025-03-20.md",
        review(
            "kind: pathway\niro: ia\ncover: true\nattended: [young-person]\ndecisions_sent: 2025-03-27\n",
        ),
    );

    // ---------------------------------------------------------------- E1
    add(
        "children/E1/child.yaml",
        child(
            "2015-03-03",
            &[("ia", "2022-05-09")],
            &ep("2022-05-09", "S", "C2", None),
        ) + "health_assessments: [2024-03-30]\npeps: [2025-01-15]\n",
    );
    // #5: raised in 2023-24, reaches drp1 in 2023-24, resolved in 2024-25.
    add(
        "children/E1/alerts/2024-03-11-old.md",
        alert(
            "kind: practice-alert\niro: ia\nservice: a\nthemes: [drift]\nstages:\n  - { stage: informal, on: 2024-03-11 }\n  - { stage: drp1, on: 2024-03-25 }\nresolved: 2024-04-15\n",
        ),
    );
    // #1: informal only, resolved in the year (H1).
    add(
        "children/E1/alerts/2024-04-10-drift.md",
        alert(
            "kind: practice-alert\niro: ia\nservice: a\nthemes: [drift]\nstages:\n  - { stage: informal, on: 2024-04-10 }\nresolved: 2024-04-20\n",
        ),
    );
    // #2: two themes, drp1, resolved (H1).
    add(
        "children/E1/alerts/2024-06-03-plan.md",
        alert(
            "kind: practice-alert\niro: ia\nservice: b\nthemes: [drift, noplan]\nstages:\n  - { stage: informal, on: 2024-06-03 }\n  - { stage: drp1, on: 2024-06-17 }\nresolved: 2024-07-01\n",
        ),
    );
    // #3: up to drp3, resolved (H2).
    add(
        "children/E1/alerts/2024-11-04-visits.md",
        alert(
            "kind: practice-alert\niro: ia\nservice: a\nthemes: [visits]\nstages:\n  - { stage: informal, on: 2024-11-04 }\n  - { stage: drp1, on: 2024-11-18 }\n  - { stage: drp2, on: 2024-12-02 }\n  - { stage: drp3, on: 2025-01-06 }\nresolved: 2025-02-03\n",
        ),
    );
    // #4: up to Cafcass, still open at year end (H2).
    add(
        "children/E1/alerts/2025-01-13-cafcass.md",
        alert(
            "kind: practice-alert\niro: ia\nservice: b\nthemes: [noplan]\nstages:\n  - { stage: informal, on: 2025-01-13 }\n  - { stage: drp1, on: 2025-01-20 }\n  - { stage: drp2, on: 2025-02-03 }\n  - { stage: drp3, on: 2025-02-17 }\n  - { stage: cafcass, on: 2025-03-03 }\nresolved: null\n",
        ),
    );
    // #6: went to formal stages 1 and 2, still open at year end (H2).
    add(
        "children/E1/alerts/2025-02-10-stage2.md",
        alert(
            "kind: practice-alert\niro: ia\nservice: a\nthemes: [visits]\nstages:\n  - { stage: informal, on: 2025-02-10 }\n  - { stage: drp1, on: 2025-02-17 }\n  - { stage: drp2, on: 2025-03-03 }\nresolved: null\n",
        ),
    );
    add(
        "children/E1/alerts/2024-05-20-great.md",
        alert("kind: good-practice\niro: ia\nservice: a\nthemes: [relationship]\n"),
    );
    add(
        "children/E1/alerts/2024-12-02-assess.md",
        alert("kind: good-practice\niro: ia\nservice: b\nthemes: [relationship, assessment]\n"),
    );
    add(
        "children/E1/meetings/2024-03-20.yaml",
        "kind: disruption\nchaired_by: ia\n".into(),
    );
    add(
        "children/E1/meetings/2024-07-01.yaml",
        "kind: disruption\nchaired_by: ia\n".into(),
    );
    add(
        "children/E1/meetings/2024-09-02.yaml",
        "kind: stability\nchaired_by: ia\n".into(),
    );
    add(
        "children/E1/meetings/2024-10-14.yaml",
        "kind: missing-trigger\nchaired_by: ia\n".into(),
    );
    add(
        "children/E1/meetings/2025-01-10.yaml",
        "kind: disruption\nchaired_by: ia\n".into(),
    );

    // ---------------------------------------------------------------- F1 (short breaks)
    add(
        "children/F1/child.yaml",
        child(
            "2014-02-02",
            &[("ia", "2024-05-01")],
            &ep("2024-05-01", "S", "V4", None),
        ),
    );
    add(
        "children/F1/reviews/2024-07-29.md",
        review(
            "kind: cla\niro: ia\nseen_before: true\ndecisions_sent: 2024-08-01\nrecord_completed: 2024-08-20\n",
        ),
    );

    // ---------------------------------------------------------------- G1
    add(
        "children/G1/child.yaml",
        child(
            "2011-11-11",
            &[("ic", "2025-02-03")],
            &ep("2025-02-03", "S", "V2", None),
        ),
    );
    add(
        "children/G1/reviews/2025-02-26.md",
        review(
            "kind: cla\niro: ic\nstood_down: { reason: child-unwell }\nconsultations:\n  child: [1, 0]\n  carer: [1, 1]\n  other: [2, 0]\n",
        ),
    );
    add(
        "children/G1/reviews/2025-03-27.md",
        review(
            "kind: cla\niro: ic\nparticipation: PN5\nseen_before: true\nchaired_by_child: chair\nconsultations:\n  child: [1, 1]\n  parent: [4, 0]\n  health: [1, 0]\n  education: [1, 1]\n  other: [6, 2]\n",
        ),
    );
    f
}

fn load() -> iro::records::Repo {
    let files = files();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (repo, diags) = iro::load::load_texts(CONFIG, &refs).expect("iro.toml loads");
    let mut all = diags;
    all.extend(iro::load::validate::validate(&repo, d("2025-03-31")));
    let errors: Vec<_> = all
        .iter()
        .filter(|x| x.severity == iro::diag::Severity::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "the test records must load cleanly: {errors:#?}"
    );
    assert_eq!(repo.children.len(), 9);
    repo
}

fn figures_as_of(year: &str, as_of: &str) -> (stats::Figures, J) {
    let repo = load();
    let cal = iro::model::calendar(&repo);
    let as_of = d(as_of);
    let facts = iro::model::all_facts(&repo, &cal, as_of);
    let y = Year::parse(year, repo.config.year_start())
        .expect("year")
        .as_of(as_of);
    let figs = stats::compute(&repo, &facts, &cal, &y);
    let json: J = serde_json::from_str(&figs.to_json()).expect("valid JSON");
    (figs, json)
}

fn figures() -> (stats::Figures, J) {
    figures_as_of("2024-25", "2025-03-31")
}

/// `figures[id]`.
fn fig<'a>(v: &'a J, id: &str) -> &'a J {
    let f = &v["figures"][id];
    assert!(f.is_object(), "figure {id} missing from the JSON");
    f
}

/// Assert a rate object: value (rounded %), numerator, denominator.
#[track_caller]
fn rate(v: &J, value: Option<u64>, num: u64, den: u64) {
    match value {
        Some(p) => assert_eq!(v["value"], p, "value of {v}"),
        None => assert!(v["value"].is_null(), "value of {v}"),
    }
    assert_eq!(v["numerator"], num, "numerator of {v}");
    assert_eq!(v["denominator"], den, "denominator of {v}");
}

#[test]
fn every_id_in_report_md_is_in_the_json() {
    let (_, v) = figures();
    assert_eq!(v["year"], "2024-25");
    let ids = [
        "reviews.held",
        "reviews.initial",
        "reviews.series",
        "reviews.stood_down",
        "reviews.on_time",
        "participation.4plus",
        "participation.by_code",
        "pathway.attended",
        "seen_before",
        "chaired_by_child",
        "consultations",
        "decisions.on_time",
        "records.on_time",
        "permanence.by_second",
        "health.current",
        "pep.current",
        "alerts.raised",
        "alerts.informal_or_stage1",
        "alerts.by_theme",
        "good_practice",
        "drp.days",
        "meetings.disruption",
        "population",
        "care_leavers",
        "caseload",
        "trend",
    ];
    let obj = v["figures"].as_object().expect("figures is an object");
    for id in ids {
        let f = &obj.get(id).unwrap_or_else(|| panic!("{id} is missing"));
        assert!(f.get("value").is_some(), "{id} has no value");
        assert!(f["by"].is_object(), "{id}: by is an object");
    }
    assert_eq!(
        obj.len(),
        ids.len(),
        "no figure beyond report.md's table: {:?}",
        obj.keys().collect::<Vec<_>>()
    );
    // The library's list matches report.md's table, in order.
    let lib: Vec<&str> = stats::IDS.iter().map(|(i, _)| *i).collect();
    assert_eq!(lib, ids);
    // Rates carry numerator and denominator; counts do not.
    assert!(fig(&v, "reviews.on_time").get("numerator").is_some());
    assert!(fig(&v, "reviews.held").get("numerator").is_none());
}

#[test]
fn reviews() {
    let (_, v) = figures();
    // Held reviews dated 2024-04-01..2025-03-31:
    //   cla: A1 05-09 (series), 08-20, 02-18; B1 09-18, 03-14; C1 12-05, 03-05;
    //        D2 05-13, 08-12; F1 07-29 (short breaks); G1 03-27  = 11
    //   pathway: D2 02-10; D3 07-15, 03-20                         = 3
    // The series of two meetings (A1 05-02 + 05-09) is one review.
    let h = fig(&v, "reviews.held");
    assert_eq!(h["value"], 14);
    assert_eq!(h["by"]["cla"], 11);
    assert_eq!(h["by"]["pathway"], 3);
    // Initial: first held cla review of a period (not short breaks):
    //   A1 05-09, C1 12-05 (the re-entry's period), D2 05-13, G1 03-27 = 4.
    assert_eq!(fig(&v, "reviews.initial")["value"], 4);
    // Series: A1 05-09 only.
    let s = fig(&v, "reviews.series");
    assert_eq!(
        (
            s["value"].clone(),
            s["by"]["cla"].clone(),
            s["by"]["pathway"].clone()
        ),
        (J::from(1), J::from(1), J::from(0))
    );
    // Stood down: A1 2024-08-05 no-care-plan, G1 2025-02-26 child-unwell.
    let sd = fig(&v, "reviews.stood_down");
    assert_eq!(sd["value"], 2);
    assert_eq!(sd["by"]["no-care-plan"], 1);
    assert_eq!(sd["by"]["child-unwell"], 1);
}

#[test]
fn timeliness_uses_the_schedule() {
    let (_, v) = figures();
    // cla, due dates by hand:
    //  A1 first: 20 WD after Mon 2024-04-08 = Apr 9-12 (4), 15-19 (9), 22-26 (14),
    //     29-30 (16), May 1-3 (19), [6 May BH], May 7 (20) -> due 05-07; judged
    //     on the first meeting 05-02: on time.
    //  A1 second: 3 months after the last meeting 05-09 = 08-09; the stood-down
    //     08-05 does not meet it; held 08-20: late.
    //  A1 third: 6 months after 08-20 = 2025-02-20; held 02-18: on time.
    //  B1 third: 6 months after 2024-03-18 = 09-18; held 09-18: on time.
    //  B1 fourth: 6 months after 09-18 = 2025-03-18; held 03-14: on time.
    //  C1 first of the new period: 20 WD after Mon 2024-11-04 = Nov 5-8 (4),
    //     11-15 (9), 18-22 (14), 25-29 (19), Dec 2 (20); held 12-05: late.
    //  C1 second: 3 months after 12-05 = 2025-03-05; held 03-05: on time.
    //  D2 first: 20 WD after Mon 2024-04-15 = Apr 16-19 (4), 22-26 (9), 29-30 (11),
    //     May 1-3 (14), [6 May], 7-10 (18), 13-14 (20) -> 05-14; held 05-13: on time.
    //  D2 second: 05-13 + 3 months = 08-13; held 08-12: on time.
    //  F1 short breaks: 3 months after 2024-05-01 = 08-01; held 07-29: on time.
    //  G1 first: 20 WD after Mon 2025-02-03 = Feb 4-7 (4), 10-14 (9), 17-21 (14),
    //     24-28 (19), Mar 3 (20); stood down 02-26, held 03-27: late.
    //  => cla 8 of 11 on time: 8/11 = 72.7 -> 73.
    // pathway (6 months after the previous review of any kind):
    //  D2 02-10: previous 2024-08-12 -> due 2025-02-12: on time.
    //  D3 07-15: no previous review -> nothing to be late against: on time.
    //  D3 2025-03-20: previous 2024-07-15 -> due 2025-01-15: late.
    //  => 2 of 3: 66.7 -> 67.  Overall 10/14 = 71.4 -> 71.
    let t = fig(&v, "reviews.on_time");
    rate(t, Some(71), 10, 14);
    rate(&t["by"]["cla"], Some(73), 8, 11);
    rate(&t["by"]["pathway"], Some(67), 2, 3);
}

#[test]
fn participation_seen_before_and_children_turning_four() {
    let (_, v) = figures();
    // Held cla reviews, short breaks left out (F1): A1 PN1, PN3, PN7; B1 PN0
    // (09-18, aged 3), PN2 (2025-03-14, aged 4: 4th birthday 2025-02-10);
    // C1 PN1, PN4; D2 PN1, PN1; G1 PN5 = 10 reviews.
    let c = fig(&v, "participation.by_code");
    assert_eq!(c["value"], 10);
    let want = [
        ("PN0", 1),
        ("PN1", 4),
        ("PN2", 1),
        ("PN3", 1),
        ("PN4", 1),
        ("PN5", 1),
        ("PN6", 0),
        ("PN7", 1),
    ];
    for (code, n) in want {
        assert_eq!(c["by"][code], n, "{code}");
    }
    assert!(c["by"].get("missing").is_none());
    // Aged 4+ on the review date: all but B1 09-18 -> 9. Participated (PN1-PN6):
    // all but A1's PN7 -> 8. 8/9 = 88.9 -> 89.
    rate(fig(&v, "participation.4plus"), Some(89), 8, 9);
    // Seen before, cla reviews of children 4+ (short breaks included):
    //  A1 T, F, T; B1 (03-14) F; C1 T, F; D2 T, T; F1 T; G1 T -> 7 of 10 = 70.
    rate(fig(&v, "seen_before"), Some(70), 7, 10);
    // Pathway attended: D2 (young-person) yes, D3 07-15 (personal adviser
    // only) no, D3 03-20 yes -> 2/3 = 67.
    rate(fig(&v, "pathway.attended"), Some(67), 2, 3);
    // Chaired: A1 co-chaired twice (one child), G1 chaired -> 2 children.
    let ch = fig(&v, "chaired_by_child");
    assert_eq!(ch["value"], 2);
    assert_eq!(ch["by"]["chair"], 1);
    assert_eq!(ch["by"]["co-chair"], 1);
}

#[test]
fn consultations_and_rounding_half_up() {
    let (_, v) = figures();
    // Forms [sent, returned] from every review file of the year, held or stood down:
    //  A1 05-09: child 1/1, parent 2/0;  A1 08-05 (stood down): parent 2/1;
    //  G1 02-26 (stood down): child 1/0, carer 1/1, other 2/0;
    //  G1 03-27: child 1/1, parent 4/0, health 1/0, education 1/1, other 6/2.
    //  child: 2 of 3 = 66.7 -> 67;  parent: 1 of 8 = 12.5 -> 13 (half up);
    //  carer 1/1 = 100; health 0/1 = 0; education 1/1 = 100;
    //  other: 2 of 8 = 25;  total: returned 2+1+1+0+1+2 = 7 of sent
    //  3+8+1+1+1+8 = 22 = 31.8 -> 32.
    let c = fig(&v, "consultations");
    rate(c, Some(32), 7, 22);
    rate(&c["by"]["child"], Some(67), 2, 3);
    rate(&c["by"]["parent"], Some(13), 1, 8);
    rate(&c["by"]["carer"], Some(100), 1, 1);
    rate(&c["by"]["health"], Some(0), 0, 1);
    rate(&c["by"]["education"], Some(100), 1, 1);
    rate(&c["by"]["other"], Some(25), 2, 8);
}

#[test]
fn decisions_and_records() {
    let (_, v) = figures();
    // Decisions within 5 working days of the review date (the last meeting):
    //  A1 05-09 (Thu): 10, 13-16 -> by 05-16; sent 05-16: yes.
    //  A1 08-20 (Tue): 21-23, [26 Aug BH], 27-28 -> by 08-28; none recorded and
    //     past due on 2025-03-31: no.
    //  A1 02-18: 19-21, 24-25 -> 02-25; sent 02-25: yes.
    //  B1 09-18 (Wed): 19-20, 23-25 -> 09-25; sent 09-26: no.
    //  B1 03-14 (Fri): 17-21 -> 03-21; sent 03-21: yes.
    //  C1 12-05 (Thu): 6, 9-12 -> 12-12: yes.  C1 03-05 (Wed): 6-7, 10-12 -> 03-12: yes.
    //  D2 05-13 -> 05-20, sent 05-17: yes.  D2 08-12 -> 08-19, sent 08-19: yes.
    //  F1 07-29 -> 08-05, sent 08-01: yes.
    //  G1 03-27 (Thu): 28, 31, Apr 1-3 -> 04-03, after the check date, none
    //     recorded: pending (left out).
    //  cla: 8 of 10 = 80.
    //  pathway: D2 02-10 -> 02-17, sent 02-14: yes; D3 07-15 -> 07-22, sent 07-23:
    //     no; D3 03-20 (Thu): 21, 24-27 -> 03-27, sent 03-27: yes -> 2/3 = 67.
    //  overall 10/13 = 76.9 -> 77; pending 1.
    let dcs = fig(&v, "decisions.on_time");
    rate(dcs, Some(77), 10, 13);
    rate(&dcs["by"]["cla"], Some(80), 8, 10);
    rate(&dcs["by"]["pathway"], Some(67), 2, 3);
    assert_eq!(dcs["by"]["pending"], 1);
    // Records within 20 working days:
    //  A1 05-09: May 10 (1), 13-17 (6), 20-24 (11), [27 BH], 28-31 (15), Jun 3-7
    //     (20) -> 06-07; completed 06-10: no.
    //  A1 08-20 -> completed 09-10 (14th working day): yes.
    //  A1 02-18 -> completed 03-10 (14th): yes.
    //  B1 09-18: 19-20 (2), 23-27 (7), 30 (8), Oct 1-4 (12), 7-11 (17), 14-16 (20)
    //     -> 10-16; completed 10-16: yes.
    //  B1 03-14: due in April, none yet: pending.
    //  C1 12-05: Dec 6 (1), 9-13 (6), 16-20 (11), 23-24 (13), [25-26], 27 (14),
    //     30-31 (16), [Jan 1], 2-3 (18), 6-7 (20) -> 2025-01-07; completed 01-10: no.
    //  C1 03-05: Mar 6-7 (2), 10-14 (7), 17-21 (12), 24-28 (17), 31 (18), Apr 1-2
    //     (20) -> 04-02: pending.
    //  D2 05-13 -> 06-03 (14th): yes.  D2 08-12 -> 09-02 (14th): yes.
    //  F1 07-29 -> 08-20 (16th): yes.  G1 03-27: pending.
    //  cla: 6 of 8 = 75; pending 3.
    //  pathway: D2 02-10 -> 03-03 (15th): yes; D3 07-15 -> 08-01 (13th): yes;
    //     D3 03-20: pending -> 2/2 = 100.
    //  overall 8/10 = 80; pending 4.
    let rec = fig(&v, "records.on_time");
    rate(rec, Some(80), 8, 10);
    rate(&rec["by"]["cla"], Some(75), 6, 8);
    rate(&rec["by"]["pathway"], Some(100), 2, 2);
    assert_eq!(rec["by"]["pending"], 4);
}

#[test]
fn permanence_by_the_second_review() {
    let (_, v) = figures();
    // Second reviews held in 2024-25: A1 08-20 (long-term-fostering recorded):
    // yes; C1 2025-03-05 (none at it or at 12-05): no; D2 08-12 (independence):
    // yes -> 2/3 = 67.
    rate(fig(&v, "permanence.by_second"), Some(67), 2, 3);
}

#[test]
fn alerts_and_drp_stages_across_the_year_boundary() {
    let (_, v) = figures();
    // Practice alerts of E1 (#5 raised 2024-03-11, in 2023-24):
    //  raised in 2024-25: #1 04-10, #2 06-03, #3 11-04, #4 2025-01-13,
    //     #6 2025-02-10 = 5.
    //  each by the highest stage it reached by 2025-03-31, once: informal #1;
    //     drp1 #2; drp2 #6 (stages 1 and 2: counted once, under 2); drp3 #3;
    //     cafcass #4. 1 + 1 + 1 + 1 + 1 = 5 = raised. #5 (raised last year,
    //     resolved this year) is not among them.
    //  resolved in the year: #5 04-15, #1 04-20, #2 07-01, #3 02-03 = 4.
    //  open at 2025-03-31: #4, #6 = 2.
    let a = fig(&v, "alerts.raised");
    assert_eq!(a["value"], 5);
    let by = &a["by"];
    assert_eq!(
        (
            by["raised"].clone(),
            by["informal"].clone(),
            by["drp1"].clone(),
            by["drp2"].clone(),
            by["drp3"].clone(),
            by["cafcass"].clone(),
            by["resolved"].clone(),
            by["open"].clone()
        ),
        (
            J::from(5),
            J::from(1),
            J::from(1),
            J::from(1),
            J::from(1),
            J::from(1),
            J::from(4),
            J::from(2)
        )
    );
    // Resolved in the year by highest stage: #1 informal, #2 drp1, #5 drp1,
    // #3 drp3 -> informal or drp1: 3 of 4 = 75.
    let io = fig(&v, "alerts.informal_or_stage1");
    rate(io, Some(75), 3, 4);
    assert_eq!(io["by"]["informal"], 1);
    assert_eq!(io["by"]["drp1"], 2);
    assert_eq!(io["by"]["drp3"], 1);
    // Working days from the first formal stage to resolution, resolved in the year:
    //  #5: 2024-03-25 -> 04-15: Mar 26-28 (3), [29 Mar, 1 Apr], Apr 2-5 (7),
    //      8-12 (12), 15 (13) = 13.
    //  #2: 06-17 -> 07-01: Jun 18-21 (4), 24-28 (9), Jul 1 (10) = 10.
    //  #3: 11-18 -> 2025-02-03: Nov 19-22 (4), 25-29 (9), Dec 2-6 (14), 9-13 (19),
    //      16-20 (24), 23-24 (26), [25-26], 27 (27), 30-31 (29), [Jan 1], 2-3 (31),
    //      6-10 (36), 13-17 (41), 20-24 (46), 27-31 (51), Feb 3 (52) = 52.
    //  sorted 10, 13, 52: median 13, max 52; within 20: #2, #5 -> 2/3 = 67.
    let drp = fig(&v, "drp.days");
    assert_eq!(drp["value"], 13);
    assert_eq!(drp["by"]["median"], 13);
    assert_eq!(drp["by"]["max"], 52);
    assert_eq!(drp["by"]["count"], 3);
    assert_eq!(drp["by"]["limit"], 20);
    rate(&drp["by"]["within_limit"], Some(67), 2, 3);
}

#[test]
fn alerts_and_good_practice_by_theme_service_and_half_year() {
    let (_, v) = figures();
    // Raised in the year (H1 = April-September, H2 = October-March):
    //  #1 drift / a / H1;  #2 drift + noplan / b / H1;  #3 visits / a / H2;
    //  #4 noplan / b / H2; #6 visits / a / H2. An alert with two themes is
    //  in both rows.
    //            a  b  total
    //  drift     1  1  2
    //  noplan    0  2  2
    //  visits    2  0  2
    //  total     3  3  6
    let t = fig(&v, "alerts.by_theme");
    assert_eq!(t["value"], 5);
    let row = |r: &J| (r["a"].as_u64(), r["b"].as_u64(), r["total"].as_u64());
    assert_eq!(row(&t["by"]["drift"]), (Some(1), Some(1), Some(2)));
    assert_eq!(row(&t["by"]["noplan"]), (Some(0), Some(2), Some(2)));
    assert_eq!(row(&t["by"]["visits"]), (Some(2), Some(0), Some(2)));
    assert_eq!(row(&t["by"]["total"]), (Some(3), Some(3), Some(6)));
    // H1: drift 1 1 2; noplan 0 1 1; visits 0 0 0; total 1 2 3.
    assert_eq!(row(&t["by"]["H1"]["drift"]), (Some(1), Some(1), Some(2)));
    assert_eq!(row(&t["by"]["H1"]["noplan"]), (Some(0), Some(1), Some(1)));
    assert_eq!(row(&t["by"]["H1"]["total"]), (Some(1), Some(2), Some(3)));
    // H2: drift 0 0 0; noplan 0 1 1; visits 2 0 2; total 2 1 3.
    assert_eq!(row(&t["by"]["H2"]["visits"]), (Some(2), Some(0), Some(2)));
    assert_eq!(row(&t["by"]["H2"]["total"]), (Some(2), Some(1), Some(3)));
    // Good practice: 2024-05-20 relationship / a (H1); 2024-12-02 relationship +
    // assessment / b (H2) -> 2 notifications.
    //               a  b  total
    //  assessment   0  1  1
    //  relationship 1  1  2
    //  total        1  2  3
    let g = fig(&v, "good_practice");
    assert_eq!(g["value"], 2);
    assert_eq!(row(&g["by"]["assessment"]), (Some(0), Some(1), Some(1)));
    assert_eq!(row(&g["by"]["relationship"]), (Some(1), Some(1), Some(2)));
    assert_eq!(row(&g["by"]["total"]), (Some(1), Some(2), Some(3)));
    assert_eq!(row(&g["by"]["H1"]["total"]), (Some(1), Some(0), Some(1)));
    assert_eq!(row(&g["by"]["H2"]["total"]), (Some(0), Some(2), Some(2)));
}

#[test]
fn meetings_population_and_re_entries() {
    let (figs, v) = figures();
    // Meetings of E1 in the year: disruption 07-01, 2025-01-10; stability
    // 09-02; missing from care 10-14 (the disruption meeting of 2024-03-20
    // was last year). Every kind counts: 2 + 1 + 1 = 4.
    let m = fig(&v, "meetings.disruption");
    assert_eq!(m["value"], 4);
    assert_eq!(
        (
            m["by"]["disruption"].clone(),
            m["by"]["stability"].clone(),
            m["by"]["missing-trigger"].clone()
        ),
        (J::from(2), J::from(1), J::from(1))
    );
    // `--explain` lists every meeting counted.
    let f = figs.get("meetings.disruption").expect("figure");
    assert_eq!(
        f.files[0].files,
        [
            "children/E1/meetings/2024-07-01.yaml",
            "children/E1/meetings/2024-09-02.yaml",
            "children/E1/meetings/2024-10-14.yaml",
            "children/E1/meetings/2025-01-10.yaml"
        ]
    );
    // Looked after on 2025-03-31 (short breaks left out): A1, B1, C1 (back in
    // care since 11-04), D1, E1, G1 = 6 (D2 and D3 have left; F1 short breaks).
    // Started in the year: A1 04-08, C1 11-04 (re-entry), D2 04-15, G1 02-03 = 4
    // (F1's short breaks left out). Ceased: C1 07-31 E13, D2 12-20 E5 = 2.
    let p = fig(&v, "population");
    assert_eq!(p["value"], 6);
    assert_eq!(p["by"]["looked_after"], 6);
    assert_eq!(p["by"]["started"], 4);
    assert_eq!(p["by"]["ceased"], 2);
    assert_eq!(
        p["by"]["reason_ended"],
        serde_json::json!({"E13": 1, "E5": 1})
    );
}

#[test]
fn care_leavers_at_year_end() {
    let (_, v) = figures();
    // On 2025-03-31:
    //  D1 (16, looked after since 2020, 13 weeks since 14): eligible.
    //  D2 (17, left care 2024-12-20 after 250 days in care since 16): relevant.
    //  D3 (19; at 17 on the day before 18, 2023-07-31, qualified): former relevant.
    let c = fig(&v, "care_leavers");
    assert_eq!(c["value"], 3);
    assert_eq!(
        c["by"],
        serde_json::json!({"eligible": 1, "relevant": 1, "former-relevant": 1})
    );
}

#[test]
fn health_and_education_plans_in_date_at_year_end() {
    let (_, v) = figures();
    // Looked after on 2025-03-31 for at least 12 months: B1 (since
    // 2023-12-04), D1 (2020), E1 (2022); A1 (2024-04-08), C1 (back on
    // 2024-11-04) and G1 (2025) not yet.
    //  B1 (4): assessed 2024-09-20, due again 2025-03-20 (under 5 that day,
    //      6 months): out of date.
    //  D1 (16): assessed 2024-04-15, due 2025-04-15: in date.
    //  E1 (10): assessed 2024-03-30, due 2025-03-30, the day before: out.
    rate(fig(&v, "health.current"), Some(33), 1, 3);
    // Of compulsory school age and looked after on 2025-03-31: A1, C1, E1,
    // G1 (B1 is 4; D1, 16 on 2024-05-01, left school age on Fri 28 Jun 2024).
    //  A1: PEP 2024-11-30 + 4 months = 2025-03-30, the day before: out.
    //  C1: 2024-12-01 + 4 = 2025-04-01: in. E1: 2025-01-15: in. G1: none.
    rate(fig(&v, "pep.current"), Some(50), 2, 4);
}

#[test]
fn caseloads_with_iros_leaving_mid_year() {
    let (_, v) = figures();
    // In post on 2025-03-31: ia (1.0) and ic (0.5); ib left 2024-10-31.
    // On a caseload: looked after and under 18 (A1, B1, C1, D1, E1, G1) or care
    // leavers with pathway reviews (D2, D3); F1's short breaks are not.
    //  ia: A1, C1, D1, D2, E1 = 5 -> 5 / 1.0 = 5 per FTE
    //  ic: B1 (moved from ib 2024-11-01), G1 = 2 -> 2 / 0.5 = 4 per FTE
    //  D3 is still allocated to ib, who has left: unallocated = 1.
    //  mean (5 + 4) / 2 = 4.5, min 4, max 5; both below 50.
    let c = fig(&v, "caseload");
    assert_eq!(c["value"], 4.5);
    let by = &c["by"];
    assert_eq!(by["mean"], 4.5);
    assert_eq!(by["min"], 4);
    assert_eq!(by["max"], 5);
    assert_eq!(
        (by["low"].clone(), by["high"].clone()),
        (J::from(50), J::from(70))
    );
    assert_eq!(
        (
            by["below"].clone(),
            by["within"].clone(),
            by["above"].clone()
        ),
        (J::from(2), J::from(0), J::from(0))
    );
    assert_eq!(by["iros"], 2);
    assert_eq!(by["fte"], 1.5);
    assert_eq!(by["children"], 7);
    assert_eq!(by["unallocated"], 1);
    assert_eq!(by["iro"]["ia"]["children"], 5);
    assert_eq!(by["iro"]["ic"]["children"], 2);
    assert_eq!(by["iro"]["ic"]["per_fte"], 4);
    assert!(by["iro"].get("ib").is_none(), "ib has left");
}

#[test]
fn trend_and_last_year() {
    let (figs, v) = figures();
    // Earliest record: D3's episode 2019-03-04, in 2018-19: seven years.
    let t = fig(&v, "trend");
    assert_eq!(t["value"], 7);
    let years: Vec<&String> = t["by"].as_object().expect("by").keys().collect();
    assert_eq!(
        years,
        [
            "2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"
        ]
    );
    let last = &t["by"]["2023-24"];
    // 2023-24 held reviews: B1 2023-12-20, 2024-03-18; C1 2023-06-28, 2023-09-25,
    // 2024-03-20 = 5 cla.
    assert_eq!(last["reviews.held"]["value"], 5);
    assert_eq!(last["reviews.held"]["by"]["cla"], 5);
    // #5 raised 2024-03-11, drp1 on 03-25, open on 2024-03-31: counted in
    // 2023-24, the year it was raised, though resolved in 2024-25.
    assert_eq!(last["alerts.raised"]["value"], 1);
    assert_eq!(last["alerts.raised"]["by"]["informal"], 0);
    assert_eq!(last["alerts.raised"]["by"]["drp1"], 1);
    assert_eq!(last["alerts.raised"]["by"]["open"], 1);
    assert_eq!(last["alerts.raised"]["by"]["resolved"], 0);
    // Second reviews 2023-24: B1 2024-03-18 (adoption), C1 2023-09-25 (return-home
    // recorded at the first review 2023-06-28) -> 2/2.
    rate(&last["permanence.by_second"], Some(100), 2, 2);
    // Population on 2024-03-31: B1, C1 (first period), D1, E1 = 4; started B1
    // 2023-12-04, C1 2023-06-01 = 2; ceased D3 2023-08-01 (E17) = 1.
    assert_eq!(last["population"]["by"]["looked_after"], 4);
    assert_eq!(last["population"]["by"]["started"], 2);
    assert_eq!(
        last["population"]["by"]["reason_ended"],
        serde_json::json!({"E17": 1})
    );
    // Care leavers on 2024-03-31: D3 (18) former relevant only (D2 not yet in
    // care, D1 15).
    assert_eq!(last["care_leavers"]["value"], 1);
    // Caseload on 2024-03-31: ia C1, D1, E1 = 3 (3 per FTE); ib B1, and D3 (a
    // care leaver with no review on file, owed a pathway review 6 months after
    // care ended on 2023-08-01) = 2 at 0.5 FTE = 4 per FTE. Mean (3 + 4) / 2 = 3.5.
    assert_eq!(last["caseload"]["value"], 3.5);
    assert_eq!(last["caseload"]["by"]["unallocated"], 0);
    // Meetings 2023-24: the disruption meeting of 2024-03-20 = 1.
    assert_eq!(last["meetings.disruption"]["value"], 1);
    // The trend's own year is this year's figures.
    assert_eq!(t["by"]["2024-25"]["reviews.held"]["value"], 14);
    assert!(t["by"]["2024-25"].get("trend").is_none());
    // The terminal table compares with last year: 14 reviews against 5: up 9.
    let text = iro::stats::text::human(&figs, "Testshire", false);
    let line = text
        .lines()
        .find(|l| l.starts_with("reviews chaired"))
        .expect("a reviews line");
    assert!(
        line.contains("14") && line.contains('5') && line.contains("↑ 9"),
        "{line}"
    );
    // Percentages change in points: reviews.on_time 71 this year against 100
    // last year (all five 2023-24 reviews on time) -> down 29 points.
    let line = text
        .lines()
        .find(|l| l.starts_with("% reviews in timescales"))
        .expect("a timeliness line");
    assert!(line.contains("↓ 29 pts"), "{line}");
}

#[test]
fn explain_lists_the_files_by_numerator_and_denominator() {
    let (figs, _) = figures();
    let f = figs.get("pathway.attended").expect("figure");
    let groups: Vec<(&str, Vec<&str>)> = f
        .files
        .iter()
        .map(|g| (g.name, g.files.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        groups,
        vec![
            (
                "numerator",
                vec![
                    "children/D2/reviews/2025-02-10.md",
                    "children/D3/reviews/2025-03-20.md"
                ]
            ),
            (
                "denominator",
                vec![
                    "children/D2/reviews/2025-02-10.md",
                    "children/D3/reviews/2024-07-15.md",
                    "children/D3/reviews/2025-03-20.md"
                ]
            ),
        ]
    );
    let sd = figs.get("reviews.stood_down").expect("figure");
    assert_eq!(
        sd.files[0].files,
        [
            "children/A1/reviews/2024-08-05.md",
            "children/G1/reviews/2025-02-26.md"
        ]
    );
    let text = iro::stats::text::explain(&figs, "pathway.attended", iro::format::Format::Human);
    assert!(
        text.contains("numerator: 2 files") && text.contains("denominator: 3 files"),
        "{text}"
    );
    assert!(
        text.contains("  children/D3/reviews/2024-07-15.md"),
        "{text}"
    );
}

#[test]
fn a_year_counted_to_a_check_date_inside_it() {
    // As of 2024-09-30 only what happened by then counts, and the year-end
    // snapshots are taken on that day.
    let (_, v) = figures_as_of("2024-25", "2024-09-30");
    // Held by 09-30: cla A1 05-09, 08-20; B1 09-18; D2 05-13, 08-12; F1 07-29 = 6;
    // pathway D3 07-15 = 1.
    let h = fig(&v, "reviews.held");
    assert_eq!(
        (
            h["value"].clone(),
            h["by"]["cla"].clone(),
            h["by"]["pathway"].clone()
        ),
        (J::from(7), J::from(6), J::from(1))
    );
    // Looked after on 09-30: A1, B1, D1, D2 (until 12-20), E1 = 5 (C1 is out of
    // care between 07-31 and 11-04).
    assert_eq!(fig(&v, "population")["value"], 5);
    // No alert open on 09-30: #5, #1 and #2 are resolved, #3 and #4 not raised.
    assert_eq!(fig(&v, "alerts.raised")["by"]["open"], 0);
    // On 09-30 ib is still in post (leaves 10-31) and ic not yet (11-01).
    //  ia: A1, D1, D2 (in care until 12-20), E1 = 4 (C1 is out of care) -> 4 per FTE;
    //  ib: B1, and D3 (a care leaver with a pathway review on 07-15) = 2 at
    //      0.5 FTE -> 4 per FTE.
    let c = fig(&v, "caseload");
    assert_eq!(c["by"]["iro"]["ia"]["children"], 4);
    assert_eq!(c["by"]["iro"]["ib"]["children"], 2);
    assert_eq!(c["by"]["iro"]["ib"]["per_fte"], 4);
    assert_eq!(c["value"], 4); // (4 + 4) / 2
}

#[test]
fn csv_has_one_row_per_figure_and_breakdown() {
    let (figs, _) = figures();
    let text = iro::stats::text::csv(&figs);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("year,figure,breakdown,value,numerator,denominator")
    );
    assert!(
        text.lines()
            .any(|l| l == "2024-25,reviews.on_time,,71,10,14"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l == "2024-25,reviews.on_time,cla,73,8,11")
    );
    assert!(
        text.lines()
            .any(|l| l == "2024-25,consultations,parent,13,1,8")
    );
    assert!(
        text.lines()
            .any(|l| l == "2024-25,alerts.by_theme,H1/noplan/b,1,,")
    );
    assert!(text.lines().any(|l| l == "2023-24,reviews.held,,5,,"));
}

#[test]
fn alerts_raised_by_the_furthest_stage_add_up_to_the_alerts_raised() {
    let (figs, v) = figures();
    // Every year: informal + drp1 + drp2 + drp3 + cafcass = raised (each
    // alert once, under the furthest stage it reached).
    let parts = ["informal", "drp1", "drp2", "drp3", "cafcass"];
    for (y, f) in fig(&v, "trend")["by"].as_object().expect("years") {
        let by = &f["alerts.raised"]["by"];
        let sum: u64 = parts.iter().map(|k| by[k].as_u64().expect(k)).sum();
        assert_eq!(J::from(sum), f["alerts.raised"]["value"], "{y}");
        assert_eq!(by["raised"], f["alerts.raised"]["value"], "{y}");
    }
    // The report's chart: informal only (#1), formal stage 1 as the highest
    // (#2), formal stage 2 or later (#6 went to stages 1 and 2, once; #3
    // drp3; #4 Cafcass) = 1 + 1 + 3 = 5 raised in 2024-25; 2023-24: #5 at
    // stage 1 = 0 + 1 + 0. Published with nothing suppressed, to see the
    // numbers themselves.
    let mut cfg = load().config;
    cfg.publish.suppress_below = 1;
    let p = iro::site::publish::Published::new(iro::site::publish::all_years(&figs), &cfg);
    let chart = p.chart("alerts.raised").expect("a chart");
    let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Informal only",
            "Formal stage 1 (highest)",
            "Formal stage 2 or later"
        ]
    );
    let at = |year: &str| -> Vec<Option<f64>> {
        chart
            .series
            .iter()
            .map(|s| {
                s.points
                    .iter()
                    .find(|pt| pt.label == year)
                    .and_then(|pt| pt.value)
            })
            .collect()
    };
    assert_eq!(at("2024-25"), [Some(1.0), Some(1.0), Some(3.0)]);
    assert_eq!(at("2023-24"), [Some(0.0), Some(1.0), Some(0.0)]);
}

#[test]
fn alert_stages_after_the_check_date_are_not_reached_yet() {
    // As of 2024-06-10: #1 (informal, resolved 04-20) and #2 (raised 06-03;
    // its drp1 on 06-17 is after the check date) are raised: both informal
    // only. Resolved by then: #5 04-15, #1 04-20 = 2. Open: #2 = 1.
    let (_, v) = figures_as_of("2024-25", "2024-06-10");
    let by = &fig(&v, "alerts.raised")["by"];
    assert_eq!(
        (
            by["raised"].clone(),
            by["informal"].clone(),
            by["drp1"].clone(),
            by["resolved"].clone(),
            by["open"].clone()
        ),
        (J::from(2), J::from(2), J::from(0), J::from(2), J::from(1))
    );
    // A year taken as of a day inside it: on 2024-03-20 #5 (raised 03-11)
    // has not yet gone to stage 1 (03-25).
    let (_, v) = figures_as_of("2023-24", "2024-03-20");
    let by = &fig(&v, "alerts.raised")["by"];
    assert_eq!(
        (by["informal"].clone(), by["drp1"].clone()),
        (J::from(1), J::from(0))
    );
}

#[test]
fn decisions_and_records_sent_after_the_check_date_are_pending() {
    // Held in 2024-25 by mid-May: A1 2024-05-09 (decisions due 05-16, sent
    // 05-16; record due 06-07, completed 06-10) and D2 2024-05-13 (decisions
    // due 05-20, sent 05-17; record due 06-11, completed 06-03).
    let dr = |as_of: &str| {
        let (_, v) = figures_as_of("2024-25", as_of);
        let get = |id: &str| {
            let f = fig(&v, id);
            (
                f["numerator"].as_u64(),
                f["denominator"].as_u64(),
                f["by"]["pending"].as_u64(),
            )
        };
        (get("decisions.on_time"), get("records.on_time"))
    };
    // As of 05-15: nothing sent yet and nothing due yet: all four pending.
    assert_eq!(
        dr("2024-05-15"),
        ((Some(0), Some(0), Some(2)), (Some(0), Some(0), Some(2)))
    );
    // As of 05-16: A1's decisions, sent on the check date, count (on time);
    // D2's, sent the day after, are pending.
    assert_eq!(
        dr("2024-05-16"),
        ((Some(1), Some(1), Some(1)), (Some(0), Some(0), Some(2)))
    );
    // As of Sat 06-08: A1's record was due 06-07 and not done by the check
    // date (completed 06-10, after it): not on time, not pending; D2's,
    // completed 06-03, on time.
    assert_eq!(
        dr("2024-06-08"),
        ((Some(2), Some(2), Some(0)), (Some(1), Some(2), Some(0)))
    );
}
