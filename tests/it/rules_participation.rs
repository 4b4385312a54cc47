//! Boundary tests for the participation codes: pn-missing, pn-age, and the
//! short-breaks rule's "no participation code".

use crate::common::*;
use iro::diag::Severity::{Error, Warning};

/// One review on `held` with participation `pn` (None: no code) for a child
/// born on `dob`, looked after from Mon 19 Feb 2024 (first review due 20 WD
/// later: 20-23 Feb (4), 26 Feb-1 Mar (9), 4-8 Mar (14), 11-15 Mar (19),
/// Mon 18 Mar (20)) or from `start` when given.
fn one_review(dob: &str, start: &str, held: &str, pn: Option<&str>) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", dob);
    c.care_from(start);
    let r = c.review(held);
    match pn {
        Some(p) => r.pn(p),
        None => r.no_pn(),
    };
    b.run("2024-04-30")
}

// ------------------------------------------------------------ pn-missing

#[test]
fn pn_missing_on_a_held_cla_review() {
    one_review("2012-05-10", "2024-02-19", "2024-03-15", Some("PN1")).none("pn-missing");
    let o = one_review("2012-05-10", "2024-02-19", "2024-03-15", None);
    let f = review_file("C1", "2024-03-15");
    assert_diag(
        o.one("pn-missing"),
        "pn-missing",
        Error,
        &f,
        o.field(&f, "kind"),
        Some("C1"),
        &["held review 2024-03-15 has no participation code"],
    );
}

#[test]
fn pn_missing_stood_down_and_pathway_reviews_carry_no_code() {
    // Stood down: no code expected, none given.
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-02-19");
    c.review("2024-03-15").stood_down("no-care-plan");
    b.run("2024-04-30").none("pn-missing");

    // Stood down with a code: the code is the fault.
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-02-19");
    c.review("2024-03-15").stood_down("no-care-plan").pn("PN1");
    let o = b.run("2024-04-30");
    let f = review_file("C1", "2024-03-15");
    assert_diag(
        o.one("pn-missing"),
        "pn-missing",
        Error,
        &f,
        o.field(&f, "participation"),
        Some("C1"),
        &["a stood-down review has no participation code, but PN1 is recorded"],
    );

    // A pathway review with a code.
    let mut b = RepoB::new();
    let c = b.child("C1", "2006-06-15");
    c.ep(Ep::start("2023-09-04").end("2024-06-15", "E17"))
        .allocate("ia", "2023-09-04");
    c.review("2024-09-02").pathway();
    b.run("2024-09-10").none("pn-missing");
    let mut b = RepoB::new();
    let c = b.child("C1", "2006-06-15");
    c.ep(Ep::start("2023-09-04").end("2024-06-15", "E17"))
        .allocate("ia", "2023-09-04");
    c.review("2024-09-02").pathway().pn("PN5");
    let o = b.run("2024-09-10");
    let f = review_file("C1", "2024-09-02");
    assert_diag(
        o.one("pn-missing"),
        "pn-missing",
        Error,
        &f,
        o.field(&f, "participation"),
        Some("C1"),
        &["a pathway review has no participation code, but PN5 is recorded"],
    );
}

// ------------------------------------------------------------ pn-age

// Born Thu 12 Mar 2020: 4 on Tue 12 Mar 2024.
// Messages never carry the date of birth (privacy): the review date proves it.
const DOB: &str = "2020-03-12";
const START: &str = "2024-02-19";

#[test]
fn pn_age_day_before_the_4th_birthday_requires_pn0() {
    one_review(DOB, START, "2024-03-11", Some("PN0")).none("pn-age");
    let o = one_review(DOB, START, "2024-03-11", Some("PN1"));
    let f = review_file("C1", "2024-03-11");
    assert_diag(
        o.one("pn-age"),
        "pn-age",
        Error,
        &f,
        o.field(&f, "participation"),
        Some("C1"),
        &["under 4 on 2024-03-11", "the code is PN0, not PN1"],
    );
}

#[test]
fn pn_age_on_the_exact_4th_birthday_either_is_accepted() {
    // PN1 on the birthday: fine.
    one_review(DOB, START, "2024-03-12", Some("PN1")).none("pn-age");
    // PN0 on the birthday: accepted with a warning.
    let o = one_review(DOB, START, "2024-03-12", Some("PN0"));
    let f = review_file("C1", "2024-03-12");
    assert_diag(
        o.one("pn-age"),
        "pn-age",
        Warning,
        &f,
        o.field(&f, "participation"),
        Some("C1"),
        &["PN0 on the child's 4th birthday"],
    );
}

#[test]
fn pn_age_day_after_the_4th_birthday_pn0_is_an_error() {
    one_review(DOB, START, "2024-03-13", Some("PN4")).none("pn-age");
    let o = one_review(DOB, START, "2024-03-13", Some("PN0"));
    let f = review_file("C1", "2024-03-13");
    assert_diag(
        o.one("pn-age"),
        "pn-age",
        Error,
        &f,
        o.field(&f, "participation"),
        Some("C1"),
        &["PN0 is only for a child under 4; the child is 4 on 2024-03-13"],
    );
}

#[test]
fn pn_age_29_february_birthday() {
    // Born Sat 29 Feb 2020: 4 on Thu 29 Feb 2024 (a leap year). Care from
    // Mon 5 Feb 2024 (first review due Mon 4 Mar 2024).
    let dob = "2020-02-29";
    let start = "2024-02-05";
    let o = one_review(dob, start, "2024-02-28", Some("PN1"));
    assert!(o.one("pn-age").message.contains("under 4 on 2024-02-28"));
    one_review(dob, start, "2024-02-28", Some("PN0")).none("pn-age");
    one_review(dob, start, "2024-02-29", Some("PN1")).none("pn-age");
    assert_eq!(
        one_review(dob, start, "2024-02-29", Some("PN0"))
            .one("pn-age")
            .severity,
        Warning
    );
    assert_eq!(
        one_review(dob, start, "2024-03-01", Some("PN0"))
            .one("pn-age")
            .severity,
        Error
    );
}

// ------------------------------------------------------------ short-breaks (no code)

/// Short breaks only (`ls`: V3 or V4) from Thu 30 Nov 2023; one review on
/// Thu 29 Feb 2024 (in time: 3 months after the first short break).
fn short_break_review(ls: &str, pn: Option<&str>) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    // V3: one 3-night stay, the review between stays; V4: the agreement.
    let ep = Ep::start("2023-11-30").ls(ls);
    let ep = if ls == "V3" {
        ep.end("2023-12-03", "E8")
    } else {
        ep
    };
    c.ep(ep).allocate("ia", "2023-11-30");
    let r = c.review("2024-02-29");
    match pn {
        Some(p) => r.pn(p),
        None => r.no_pn(),
    };
    b.run("2024-03-10")
}

#[test]
fn short_breaks_reviews_carry_no_participation_code() {
    for ls in ["V3", "V4"] {
        let o = short_break_review(ls, None);
        o.none("short-breaks");
        o.none("pn-missing");
        let o = short_break_review(ls, Some("PN1"));
        o.none("pn-missing");
        o.none("pn-age");
        let f = review_file("C1", "2024-02-29");
        assert_diag(
            o.one("short-breaks"),
            "short-breaks",
            Error,
            &f,
            o.field(&f, "participation"),
            Some("C1"),
            &["a short-breaks review carries no participation code, but PN1 is recorded"],
        );
    }
}
