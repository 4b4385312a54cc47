//! Boundary tests for the plans: care-plan-10wd, care-plan-current,
//! permanence-second.

use crate::common::*;
use iro::diag::Severity::{Error, Warning};

// ------------------------------------------------------------ care-plan-10wd

/// Care from Wed 18 Dec 2024 with plans on `plans` (date, kind).
/// 10 working days after Wed 18 Dec 2024: Thu 19, Fri 20 (2), Mon 23,
/// Tue 24 (4), [Wed 25, Thu 26 Dec], Fri 27 (5), Mon 30, Tue 31 (7),
/// [Wed 1 Jan], Thu 2, Fri 3 (9), Mon 6 Jan 2025 (10).
fn christmas_start(plans: &[(&str, &str)], as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-12-18");
    for (d, k) in plans {
        c.plan(d, k);
    }
    b.run(as_of)
}

#[test]
fn care_plan_10wd_10th_vs_11th_working_day() {
    christmas_start(&[("2025-01-06", "care")], "2025-02-01").none("care-plan-10wd");
    let o = christmas_start(&[("2025-01-07", "care")], "2025-02-01");
    let f = child_file("C1");
    assert_diag(
        o.one("care-plan-10wd"),
        "care-plan-10wd",
        Error,
        &f,
        o.pos(&f, "start: 2024-12-18", "2024-12-18"),
        Some("C1"),
        &[
            "care began 2024-12-18",
            "first care plan is dated 2025-01-07",
            "after the deadline 2025-01-06 (10 working days)",
        ],
    );
}

#[test]
fn care_plan_10wd_across_the_2012_diamond_jubilee() {
    // 2012: the spring holiday moved from Mon 28 May to Mon 4 Jun, and Tue
    // 5 Jun was added. Care from Mon 21 May 2012: 22-25 May (4), Mon 28 May
    // (a working day in 2012) to Fri 1 Jun (9), [4, 5 Jun], Wed 6 Jun (10).
    let build = |plan: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2005-05-10");
        c.care_from("2012-05-21").plan(plan, "care");
        b.run("2012-07-01")
    };
    build("2012-06-06").none("care-plan-10wd");
    let o = build("2012-06-07");
    assert!(
        o.one("care-plan-10wd")
            .message
            .contains("dated 2012-06-07, after the deadline 2012-06-06")
    );
}

#[test]
fn care_plan_10wd_missing_and_past_due() {
    // No plan yet: nothing to report on the 10th working day itself...
    christmas_start(&[], "2025-01-06").none("care-plan-10wd");
    // ...and an error the day after.
    let o = christmas_start(&[], "2025-01-07");
    assert!(
        o.one("care-plan-10wd")
            .message
            .contains("no care plan is dated on or before 2025-01-06")
    );
    // Only a care plan counts: a placement plan does not.
    let o = christmas_start(&[("2025-01-02", "placement")], "2025-01-07");
    assert!(
        o.one("care-plan-10wd")
            .message
            .contains("no care plan is dated on or before 2025-01-06")
    );
}

#[test]
fn care_plan_10wd_each_period_of_care_needs_its_own_plan() {
    // Period 1: 8 Jan - 28 Mar 2024 with a plan on 10 Jan. Period 2 from
    // Mon 2 Sep 2024: 3-6 Sep (4), 9-13 (9), Mon 16 Sep (10).
    let build = |plan2: Option<&str>| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2012-05-10");
        c.ep(Ep::start("2024-01-08").end("2024-03-28", "E13"))
            .ep(Ep::start("2024-09-02"))
            .allocate("ia", "2024-01-08");
        c.plan("2024-01-10", "care");
        if let Some(p) = plan2 {
            c.plan(p, "care");
        }
        b.run("2024-10-01")
    };
    build(Some("2024-09-16")).none("care-plan-10wd");
    let o = build(None);
    let f = child_file("C1");
    assert_diag(
        o.one("care-plan-10wd"),
        "care-plan-10wd",
        Error,
        &f,
        o.pos(&f, "start: 2024-09-02", "2024-09-02"),
        Some("C1"),
        &[
            "care began 2024-09-02",
            "no care plan is dated on or before 2024-09-16",
        ],
    );
    let o = build(Some("2024-09-17"));
    assert!(
        o.one("care-plan-10wd")
            .message
            .contains("dated 2024-09-17, after the deadline 2024-09-16")
    );
}

#[test]
fn care_plan_10wd_not_for_short_breaks() {
    let mut b = RepoB::new();
    b.child("C1", "2012-05-10")
        .ep(Ep::start("2024-12-18").ls("V4"))
        .allocate("ia", "2024-12-18");
    b.run("2025-02-01").none("care-plan-10wd");
}

// ------------------------------------------------------------ care-plan-current

/// Care from Mon 8 Jan 2024 (care plan 10 Jan); first review Fri 2 Feb 2024
/// considered the plan of 10 Jan; second review Wed 1 May 2024 considered the
/// plan dated `second_plan` (None: no care plan recorded).
fn two_reviews(second_plan: Option<&str>) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-01-08");
    c.plan("2024-01-10", "care");
    c.review("2024-02-02").care_plan("2024-01-10");
    if let Some(p) = second_plan.filter(|p| *p != "2024-01-10") {
        c.plan(p, "care");
    }
    let r = c.review("2024-05-01");
    if let Some(p) = second_plan {
        r.care_plan(p);
    }
    b.run("2024-05-20")
}

#[test]
fn care_plan_current_dated_after_the_previous_review() {
    // A plan dated the day after the previous review (Sat 3 Feb) is current.
    two_reviews(Some("2024-02-03")).none("care-plan-current");
    // A plan dated on the previous review's day is not "after" it.
    let o = two_reviews(Some("2024-02-02"));
    let f = review_file("C1", "2024-05-01");
    assert_diag(
        o.one("care-plan-current"),
        "care-plan-current",
        Warning,
        &f,
        o.field(&f, "care_plan"),
        Some("C1"),
        &[
            "care plan considered is dated 2024-02-02",
            "not updated since the previous review 2024-02-02",
        ],
    );
    // The very plan of the first review.
    let o = two_reviews(Some("2024-01-10"));
    assert!(
        o.one("care-plan-current")
            .message
            .contains("dated 2024-01-10, not updated since the previous review 2024-02-02")
    );
}

#[test]
fn care_plan_current_no_care_plan_no_review() {
    let o = two_reviews(None);
    let f = review_file("C1", "2024-05-01");
    assert_diag(
        o.one("care-plan-current"),
        "care-plan-current",
        Warning,
        &f,
        o.field(&f, "kind"),
        Some("C1"),
        &["review held 2024-05-01 records no care plan"],
    );
}

// ------------------------------------------------------------ permanence-second

/// Care from Mon 8 Jan 2024; first review 2 Feb, (optionally a review stood
/// down on 30 Apr), second review 1 May 2024, with permanence options.
fn permanence(first: Option<&str>, second: Option<&str>, stood_down: bool, as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-01-08");
    let r = c.review("2024-02-02");
    if let Some(p) = first {
        r.permanence(p);
    }
    if stood_down {
        c.review("2024-04-30").stood_down("no-care-plan");
    }
    if as_of >= "2024-05-01" {
        let r = c.review("2024-05-01");
        if let Some(p) = second {
            r.permanence(p);
        }
    }
    b.run(as_of)
}

#[test]
fn permanence_second_at_or_before_the_second_review() {
    permanence(Some("long-term-fostering"), None, false, "2024-05-20").none("permanence-second");
    permanence(None, Some("return-home"), false, "2024-05-20").none("permanence-second");
    // Only one review so far: nothing to report yet.
    permanence(None, None, false, "2024-04-30").none("permanence-second");
    let o = permanence(None, None, false, "2024-05-20");
    let f = review_file("C1", "2024-05-01");
    assert_diag(
        o.one("permanence-second"),
        "permanence-second",
        Warning,
        &f,
        o.field(&f, "kind"),
        Some("C1"),
        &["second review held 2024-05-01 and no permanence option recorded"],
    );
}

#[test]
fn permanence_second_a_stood_down_review_is_not_the_second() {
    // The review stood down on 30 Apr is not the second review; the held one
    // on 1 May is.
    let o = permanence(None, None, true, "2024-05-20");
    assert_eq!(
        o.one("permanence-second").file.as_deref(),
        Some(review_file("C1", "2024-05-01").as_str())
    );
}

#[test]
fn permanence_second_counts_per_period_of_care() {
    // Period 1 (8 Jan - 28 Mar 2024) recorded a permanence option; period 2
    // (from 2 Sep 2024) must record its own by its second review.
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.ep(Ep::start("2024-01-08").end("2024-03-28", "E13"))
        .ep(Ep::start("2024-09-02"))
        .allocate("ia", "2024-01-08");
    c.review("2024-02-02").permanence("return-home");
    c.review("2024-03-27");
    c.review("2024-09-27");
    c.review("2024-12-20");
    let o = b.run("2025-01-10");
    let d = o.one("permanence-second");
    assert_eq!(
        d.file.as_deref(),
        Some(review_file("C1", "2024-12-20").as_str())
    );
}

// ------------------------------------------- care-plan-10wd and s.31A

/// Care from Wed 18 Dec 2024 (deadline Mon 6 Jan 2025, see `christmas_start`)
/// with the episodes `eps` after the first (legal status `first`), a care
/// plan dated Fri 17 Jan 2025, checked as of 1 Feb 2025.
fn court_start(first: &str, eps: &[Ep]) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    let mut e0 = Ep::start("2024-12-18").ls(first);
    if let Some(next) = eps.first() {
        e0 = e0.end(&next.start, "X1");
    }
    c.ep(e0)
        .allocate("ia", "2024-12-18")
        .plan("2025-01-17", "care");
    for e in eps {
        c.ep(e.clone());
    }
    b.run("2025-02-01")
}

#[test]
fn care_plan_10wd_not_where_s31a_applies() {
    // An interim care order (C1) from the start: s.31A applies, so a plan
    // after the 10th working day is no error.
    court_start("C1", &[]).none("care-plan-10wd");
    // A full care order (C2) likewise.
    court_start("C2", &[]).none("care-plan-10wd");
    // Accommodated under s.20 (V2): still checked.
    assert!(
        court_start("V2", &[])
            .one("care-plan-10wd")
            .message
            .contains("first care plan is dated 2025-01-17, after the deadline 2025-01-06")
    );
    // An emergency protection order (L2) is not s.31A: checked.
    court_start("L2", &[]).one("care-plan-10wd");
}

#[test]
fn care_plan_10wd_s31a_from_an_episode_by_the_deadline() {
    // V2 from 18 Dec, then an interim care order on Mon 6 Jan 2025, the 10th
    // working day: s.31A applies by the deadline.
    court_start("V2", &[Ep::change("2025-01-06", "L").ls("C1")]).none("care-plan-10wd");
    // The interim care order on Tue 7 Jan, the 11th working day: the plan was
    // owed under reg 4(2) by 6 January.
    court_start("V2", &[Ep::change("2025-01-07", "L").ls("C1")]).one("care-plan-10wd");
}

#[test]
fn care_plan_10wd_re_entry_judged_on_its_own_episodes() {
    // A first period on a care order (C2) that ends; back in care under s.20
    // on Mon 3 Mar 2025 with no plan until Fri 28 Mar: 10 working days after
    // 3 Mar is Mon 17 Mar 2025 (4-7, 10-14, 17 March): reported for the
    // second period only.
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.ep(Ep::start("2024-12-18").ls("C2").end("2025-02-03", "E4A"))
        .allocate("ia", "2024-12-18")
        .ep(Ep::start("2025-03-03"))
        .plan("2025-03-28", "care");
    let o = b.run("2025-04-10");
    assert!(
        o.one("care-plan-10wd")
            .message
            .contains("care began 2025-03-03; the first care plan is dated 2025-03-28, after the deadline 2025-03-17")
    );
}
