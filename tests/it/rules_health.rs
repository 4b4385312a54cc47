//! Boundary tests for the health timetable (CPPCR 7): health-assessment at
//! reviews and between them, health-overdue on the check date.

use crate::common::*;
use iro::diag::Severity::Warning;

/// A child born `dob` in care from Mon 8 Jan 2024 with health assessments
/// `has` and held reviews `reviews`. The first review is due 20 working days
/// after 8 Jan: 9-12 (4), 15-19 (9), 22-26 (14), 29 Jan-2 Feb (19), Mon 5 Feb
/// 2024 (20).
fn child(dob: &str, has: &[&str], reviews: &[&str], as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", dob);
    c.care_from("2024-01-08");
    for h in has {
        c.health(h);
    }
    for r in reviews {
        c.review(r);
    }
    b.run(as_of)
}

/// Reviewed Mon 5 Feb 2024, Fri 3 May 2024 and Thu 31 Oct 2024; assessed
/// Mon 15 Jan 2024, so the next assessment, of a child of 11, is due by Wed
/// 15 Jan 2025 (12 months).
const REVIEWS: &[&str] = &["2024-02-05", "2024-05-03", "2024-10-31"];

#[test]
fn an_assessment_done_late_between_reviews_is_reported() {
    let mut reviews = REVIEWS.to_vec();
    reviews.push("2025-04-29");
    // Done on the due date: in time.
    let o = child(
        "2012-05-10",
        &["2024-01-15", "2025-01-15"],
        &reviews,
        "2025-05-10",
    );
    o.none("health-assessment");
    o.none("health-overdue");
    // Done the next day, between the reviews of 31 Oct and 29 Apr: late.
    let o = child(
        "2012-05-10",
        &["2024-01-15", "2025-01-16"],
        &reviews,
        "2025-05-10",
    );
    o.none("health-overdue");
    let f = child_file("C1");
    assert_diag(
        o.one("health-assessment"),
        "health-assessment",
        Warning,
        &f,
        o.pos(&f, "health_assessments", "2025-01-16"),
        Some("C1"),
        &[
            "health assessment done 2025-01-16: the health assessment due 12 months after 2024-01-15 was due by 2025-01-15, 1 working day late",
        ],
    );
    // Due in January, done in March: 16-31 Jan (12), February (20), 3-7 and
    // Mon 10 Mar (6) = 38 working days late.
    let o = child(
        "2012-05-10",
        &["2024-01-15", "2025-03-10"],
        &reviews,
        "2025-05-10",
    );
    assert!(
        o.one("health-assessment")
            .message
            .contains("was due by 2025-01-15, 38 working days late")
    );
}

#[test]
fn an_assessment_overdue_with_no_review_since_is_reported_on_the_check_date() {
    // On the due date itself: not yet overdue.
    child("2012-05-10", &["2024-01-15"], REVIEWS, "2025-01-15").none("health-overdue");
    // The day after: 1 working day overdue, pointing at the last assessment.
    let o = child("2012-05-10", &["2024-01-15"], REVIEWS, "2025-01-16");
    let f = child_file("C1");
    assert_diag(
        o.one("health-overdue"),
        "health-overdue",
        Warning,
        &f,
        o.pos(&f, "health_assessments", "2024-01-15"),
        Some("C1"),
        &[
            "the health assessment due 12 months after 2024-01-15 was due by 2025-01-15 and is not recorded as of 2025-01-16: 1 working day overdue",
        ],
    );
    o.none("health-assessment");
    // In April, with no review since October: still reported.
    let o = child("2012-05-10", &["2024-01-15"], REVIEWS, "2025-04-10");
    assert!(
        o.one("health-overdue")
            .message
            .contains("as of 2025-04-10: 61 working days overdue")
    );
    // A review held after the due date says it once, at the review.
    let mut reviews = REVIEWS.to_vec();
    reviews.push("2025-04-29");
    let o = child("2012-05-10", &["2024-01-15"], &reviews, "2025-05-10");
    o.none("health-overdue");
    assert!(
        o.one("health-assessment")
            .message
            .contains("on the review date 2025-04-29")
    );
}

#[test]
fn under_five_the_next_assessment_is_due_in_6_months() {
    // Born 1 Mar 2022: aged 2 on Mon 15 Jul 2024, 6 months after the assessment.
    child("2022-03-01", &["2024-01-15"], &REVIEWS[..2], "2024-07-15").none("health-overdue");
    assert!(
        child("2022-03-01", &["2024-01-15"], &REVIEWS[..2], "2024-07-16")
            .one("health-overdue")
            .message
            .contains("due 6 months after 2024-01-15 was due by 2024-07-15")
    );
}

#[test]
fn an_assessment_at_4_years_11_months_is_next_due_in_12_months() {
    // Born 10 Feb 2020: 4 years 11 months on Wed 15 Jan 2025, and 5 on Tue 15
    // Jul 2025, 6 months later: 12 months apply, due by Thu 15 Jan 2026.
    let build = |as_of: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2020-02-10");
        c.care_from("2025-01-06").health("2025-01-15");
        c.review("2025-02-03");
        b.run(as_of)
    };
    build("2025-07-16").none("health-overdue");
    build("2026-01-15").none("health-overdue");
    assert!(
        build("2026-01-16")
            .one("health-overdue")
            .message
            .contains("due 12 months after 2025-01-15 was due by 2026-01-15")
    );
}

/// Care from Mon 3 Mar 2025, first review Fri 28 Mar 2025 (due by Mon 31 Mar:
/// 4-7, 10-14, 17-21, 24-28 (19), 31 March (20)), an assessment on `h`.
fn before_care(h: &str, review: bool, as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.care_from("2025-03-03").health(h);
    if review {
        c.review("2025-03-28");
    }
    b.run(as_of)
}

#[test]
fn an_assessment_before_care_counts_only_in_the_3_months_before() {
    // 3 Dec 2024 + 3 months = 3 Mar 2025, the day care began: it counts, and
    // the next is due 12 months after it.
    let o = before_care("2024-12-03", true, "2025-04-10");
    o.none("health-assessment");
    o.none("health-overdue");
    // 2 Dec 2024 + 3 months = 2 Mar 2025, the day before: it does not count,
    // and the first review had no assessment.
    let o = before_care("2024-12-02", true, "2025-04-10");
    o.none("health-overdue");
    assert!(o.one("health-assessment").message.contains(
        "no health assessment since care began 2025-03-03 recorded on or before the review date 2025-03-28"
    ));
    // Assessed 6 months before care began, no review yet: the first
    // assessment was due by the first review's deadline, 31 March.
    let o = before_care("2024-09-03", false, "2025-03-31");
    o.none("health-overdue");
    let o = before_care("2024-09-03", false, "2025-04-01");
    assert!(o.one("health-overdue").message.contains(
        "the first health assessment since care began was due by 2025-03-31 and is not recorded as of 2025-04-01: 1 working day overdue"
    ));
}

#[test]
fn no_health_timetable_while_placed_for_adoption() {
    // Born 1 Mar 2023 (under 5): assessed Mon 15 Jan 2024, due again by Mon
    // 15 Jul 2024, but placed for adoption (A5) from Mon 1 Apr 2024: CPPCR
    // 3 takes the child out of reg 7, so neither the review of Wed 24 Jul
    // 2024 nor the check date reports it.
    let mut b = RepoB::new();
    let c = b.child("C1", "2023-03-01");
    c.ep(Ep::start("2024-01-08")
        .ls("C2")
        .place("U4")
        .end("2024-04-01", "X1"))
        .ep(Ep::change("2024-04-01", "T").ls("E1").place("A5"))
        .allocate("ia", "2024-01-08")
        .health("2024-01-15");
    c.review("2024-02-05").pn("PN0");
    c.review("2024-04-25").pn("PN0");
    c.review("2024-07-24").pn("PN0");
    let o = b.run("2024-08-20");
    o.none("health-assessment");
    o.none("health-overdue");
    // The placement ends on Mon 2 Sep 2024 and the child stays in care: the
    // assessment is due that day, and overdue from the next.
    let mut b = RepoB::new();
    let c = b.child("C1", "2023-03-01");
    c.ep(Ep::start("2024-01-08")
        .ls("C2")
        .place("U4")
        .end("2024-04-01", "X1"))
        .ep(Ep::change("2024-04-01", "T")
            .ls("E1")
            .place("A5")
            .end("2024-09-02", "X1"))
        .ep(Ep::change("2024-09-02", "P").ls("E1").place("U4"))
        .allocate("ia", "2024-01-08")
        .health("2024-01-15");
    c.review("2024-02-05").pn("PN0");
    c.review("2024-04-25").pn("PN0");
    c.review("2024-07-24").pn("PN0");
    b.run("2024-09-02").none("health-overdue");
    assert!(
        b.run("2024-09-03")
            .one("health-overdue")
            .message
            .contains("due 6 months after 2024-01-15 was due by 2024-09-02")
    );
}

#[test]
fn iro_due_lists_the_next_health_assessment_and_an_overdue_one() {
    // Assessed Mon 15 Jan 2024, a child of 11: due by Wed 15 Jan 2025.
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-01-08").health("2024-01-15");
    for r in REVIEWS {
        c.review(r);
    }
    let t = b.write_to_disk();
    let due = |as_of: &str| -> Vec<serde_json::Value> {
        let out = iro(
            &["due", "--as-of", as_of, "--format", "json", "--days", "20"],
            t.path(),
        );
        assert!(out.status.success());
        let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        v.into_iter().filter(|i| i["what"] == "health").collect()
    };
    // 20 working days before: Mon 16 Dec 2024 + 20 working days = Thu 16
    // Jan 2025 (25, 26 Dec and 1 Jan are bank holidays): listed, not overdue.
    let v = due("2024-12-16");
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0]["due"], "2025-01-15");
    assert_eq!(v[0]["rule"], "health-assessment");
    assert_eq!(v[0]["detail"], "12 months after 2024-01-15");
    // Six weeks before: not yet on the list.
    assert!(due("2024-12-02").is_empty());
    // The day after the due date: overdue, as `iro check` says.
    let v = due("2025-01-16");
    assert_eq!(v[0]["rule"], "health-overdue");
    assert_eq!(v[0]["working_days"], -1);
}
