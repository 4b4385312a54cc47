//! Boundary tests for what follows a review: decisions-sent,
//! record-completed, and the health assessment on the review date
//! (health-assessment).

use crate::common::*;
use iro::diag::Severity::Warning;

/// Care from Mon 4 Nov 2024 (first review due Mon 2 Dec 2024); one review on
/// `held`, adjusted by `f`.
fn review(held: &str, as_of: &str, policy: Option<&str>, f: impl FnOnce(&mut ReviewB)) -> Out {
    let mut b = RepoB::new();
    if let Some(p) = policy {
        b.policy(p);
    }
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-11-04");
    f(c.review(held));
    b.run(as_of)
}

// ------------------------------------------------------------ decisions-sent

#[test]
fn decisions_sent_5th_vs_6th_working_day() {
    // Review Mon 16 Dec 2024 + 5 WD: Tue 17, Wed 18, Thu 19, Fri 20, Mon 23.
    review("2024-12-16", "2025-01-10", None, |r| {
        r.decisions_sent("2024-12-23");
    })
    .none("decisions-sent");
    let o = review("2024-12-16", "2025-01-10", None, |r| {
        r.decisions_sent("2024-12-24");
    });
    let f = review_file("C1", "2024-12-16");
    assert_diag(
        o.one("decisions-sent"),
        "decisions-sent",
        Warning,
        &f,
        o.field(&f, "decisions_sent"),
        Some("C1"),
        &[
            "decisions sent 2024-12-24",
            "due by 2024-12-23",
            "5 working days after the review 2024-12-16",
            "1 working day late",
        ],
    );
    // Fri 27 Dec: Tue 24 (1), [25, 26], Fri 27 (2).
    let o = review("2024-12-16", "2025-01-10", None, |r| {
        r.decisions_sent("2024-12-27");
    });
    assert!(o.one("decisions-sent").message.contains("sent 2024-12-27, due by 2024-12-23 (5 working days after the review 2024-12-16): 2 working days late"));
}

/// One review on `held` in a period that began `start`, decisions sent `sent`.
fn sent_on(start: &str, held: &str, sent: &str, as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.care_from(start);
    c.review(held).decisions_sent(sent);
    b.run(as_of)
}

#[test]
fn decisions_sent_christmas_on_a_weekend() {
    // 2022: Christmas Day is a Sunday, so Mon 26 (Boxing Day) and Tue 27 Dec
    // (Christmas Day substitute) are holidays. Review Wed 21 Dec 2022 + 5 WD:
    // Thu 22 (1), Fri 23 (2), Wed 28 (3), Thu 29 (4), Fri 30 Dec (5).
    sent_on("2022-12-05", "2022-12-21", "2022-12-30", "2023-01-10").none("decisions-sent");
    let o = sent_on("2022-12-05", "2022-12-21", "2023-01-03", "2023-01-10");
    // Fri 30 Dec -> [Mon 2 Jan 2023, New Year's Day substitute] -> Tue 3 Jan: 1.
    assert!(o.one("decisions-sent").message.contains("sent 2023-01-03, due by 2022-12-30 (5 working days after the review 2022-12-21): 1 working day late"));

    // 2021: Christmas Day is a Saturday: Mon 27 and Tue 28 Dec are the
    // substitutes; New Year's Day 2022 is a Saturday: Mon 3 Jan is its
    // substitute. Review Wed 22 Dec 2021 + 5 WD: Thu 23 (1), Fri 24 (2),
    // Wed 29 (3), Thu 30 (4), Fri 31 Dec (5). The 6th is Tue 4 Jan 2022.
    sent_on("2021-12-06", "2021-12-22", "2021-12-31", "2022-01-10").none("decisions-sent");
    let o = sent_on("2021-12-06", "2021-12-22", "2022-01-04", "2022-01-10");
    assert!(
        o.one("decisions-sent")
            .message
            .contains("sent 2022-01-04, due by 2021-12-31")
    );
    assert!(
        o.one("decisions-sent")
            .message
            .contains("1 working day late")
    );
}

#[test]
fn decisions_sent_missing_and_past_due() {
    review("2024-12-16", "2024-12-23", None, |_| {}).none("decisions-sent");
    let o = review("2024-12-16", "2024-12-24", None, |_| {});
    let f = review_file("C1", "2024-12-16");
    assert_diag(
        o.one("decisions-sent"),
        "decisions-sent",
        Warning,
        &f,
        o.field(&f, "kind"),
        Some("C1"),
        &[
            "decisions not recorded as sent; due by 2024-12-23 (5 working days after the review 2024-12-16)",
        ],
    );
}

#[test]
fn decisions_sent_policy_working_days() {
    // decisions_within_working_days = 10 from Mon 16 Dec 2024: 17-20 (4),
    // Mon 23, Tue 24 (6), Fri 27 (7), Mon 30, Tue 31 (9), Thu 2 Jan (10).
    let p = Some("decisions_within_working_days = 10");
    review("2024-12-16", "2025-01-10", p, |r| {
        r.decisions_sent("2025-01-02");
    })
    .none("decisions-sent");
    let o = review("2024-12-16", "2025-01-10", p, |r| {
        r.decisions_sent("2025-01-03");
    });
    assert!(o.one("decisions-sent").message.contains(
        "due by 2025-01-02 (10 working days after the review 2024-12-16): 1 working day late"
    ));
}

#[test]
fn decisions_sent_not_for_a_stood_down_review() {
    review("2024-12-16", "2025-02-10", None, |r| {
        r.stood_down("no-care-plan");
    })
    .none("decisions-sent");
}

// ------------------------------------------------------------ record-completed

#[test]
fn record_completed_20th_vs_21st_working_day() {
    // Review Mon 2 Dec 2024 + 20 WD = Thu 2 Jan 2025 (spec example).
    review("2024-12-02", "2025-01-10", None, |r| {
        r.record_completed("2025-01-02");
    })
    .none("record-completed");
    let o = review("2024-12-02", "2025-01-10", None, |r| {
        r.record_completed("2025-01-03");
    });
    let f = review_file("C1", "2024-12-02");
    assert_diag(
        o.one("record-completed"),
        "record-completed",
        Warning,
        &f,
        o.field(&f, "record_completed"),
        Some("C1"),
        &[
            "record completed 2025-01-03",
            "due by 2025-01-02",
            "20 working days after the review 2024-12-02",
            "1 working day late",
        ],
    );
}

#[test]
fn record_completed_across_ve_day_2020() {
    // 2020: the early May holiday moved from Mon 4 May to Fri 8 May (VE Day).
    // Review Mon 27 Apr 2020 + 20 WD: 28 Apr-1 May (4), Mon 4-Thu 7 May (8),
    // [Fri 8 May], 11-15 (13), 18-22 (18), [Mon 25 May spring], Tue 26,
    // Wed 27 May (20).
    let build = |done: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2012-05-10");
        c.care_from("2020-04-06");
        c.review("2020-04-27").record_completed(done);
        b.run("2020-06-10")
    };
    build("2020-05-27").none("record-completed");
    let o = build("2020-05-28");
    assert!(o.one("record-completed").message.contains("completed 2020-05-28, due by 2020-05-27 (20 working days after the review 2020-04-27): 1 working day late"));
}

#[test]
fn record_completed_missing_and_past_due() {
    review("2024-12-02", "2025-01-02", None, |_| {}).none("record-completed");
    let o = review("2024-12-02", "2025-01-03", None, |_| {});
    let f = review_file("C1", "2024-12-02");
    assert_diag(
        o.one("record-completed"),
        "record-completed",
        Warning,
        &f,
        o.field(&f, "kind"),
        Some("C1"),
        &[
            "record not recorded as completed; due by 2025-01-02 (20 working days after the review 2024-12-02)",
        ],
    );
}

// ------------------------------------------------------------ health-assessment

// Care begins a few days before the first assessment, which is then in time
// for the first review (an assessment made more than 3 months before care
// began would not count: see rules_health.rs).

/// A child born `dob`, looked after from `start`, with health assessments
/// `has`, one review on `held` with participation `pn`.
fn health(dob: &str, start: &str, has: &[&str], held: &str, pn: &str, as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", dob);
    c.care_from(start);
    for h in has {
        c.health(h);
    }
    c.review(held).pn(pn);
    b.run(as_of)
}

#[test]
fn health_assessment_under_5_six_months() {
    // Born 1 Jun 2021 (2 years old). Assessment Thu 31 Aug 2023; 6 months
    // later: 31 Feb 2024 does not exist -> Thu 29 Feb 2024.
    health(
        "2021-06-01",
        "2023-08-28",
        &["2023-08-31"],
        "2024-02-29",
        "PN0",
        "2024-03-10",
    )
    .none("health-assessment");
    let o = health(
        "2021-06-01",
        "2023-08-28",
        &["2023-08-31"],
        "2024-03-01",
        "PN0",
        "2024-03-10",
    );
    let f = review_file("C1", "2024-03-01");
    assert_diag(
        o.one("health-assessment"),
        "health-assessment",
        Warning,
        &f,
        o.field(&f, "kind"),
        Some("C1"),
        &[
            "on the review date 2024-03-01 the latest health assessment is 2023-08-31, more than 6 months old (due by 2024-02-29)",
        ],
    );
}

#[test]
fn health_assessment_5_and_over_twelve_months() {
    // Assessment Tue 28 Feb 2023; 12 months later Wed 28 Feb 2024.
    health(
        "2012-05-10",
        "2023-02-27",
        &["2023-02-28"],
        "2024-02-28",
        "PN1",
        "2024-03-10",
    )
    .none("health-assessment");
    let o = health(
        "2012-05-10",
        "2023-02-27",
        &["2023-02-28"],
        "2024-02-29",
        "PN1",
        "2024-03-10",
    );
    assert!(o.one("health-assessment").message.contains(
        "latest health assessment is 2023-02-28, more than 12 months old (due by 2024-02-28)"
    ));
}

#[test]
fn health_assessment_fifth_birthday_on_29_february() {
    // Born Mon 29 Feb 2016: 5 on Sun 28 Feb 2021. Assessment 1 Aug 2020.
    // Sat 27 Feb 2021 (aged 4): 6 months -> due by 1 Feb 2021: late.
    let o = health(
        "2016-02-29",
        "2020-07-31",
        &["2020-08-01"],
        "2021-02-27",
        "PN1",
        "2021-03-10",
    );
    assert!(
        o.one("health-assessment")
            .message
            .contains("2020-08-01, more than 6 months old (due by 2021-02-01)")
    );
    // Sun 28 Feb 2021, the fifth birthday: the next assessment fell due on
    // 1 Feb 2021, before it (reg 7: six-monthly before the fifth birthday),
    // so 6 months still apply: late.
    assert!(
        health(
            "2016-02-29",
            "2020-07-31",
            &["2020-08-01"],
            "2021-02-28",
            "PN1",
            "2021-03-10"
        )
        .one("health-assessment")
        .message
        .contains("more than 6 months old (due by 2021-02-01)")
    );
    // Assessed Thu 27 Aug 2020: due again Sat 27 Feb 2021, aged 4: 6 months,
    // so a review on Mon 1 Mar 2021 is late.
    assert!(
        health(
            "2016-02-29",
            "2020-07-31",
            &["2020-08-27"],
            "2021-03-01",
            "PN1",
            "2021-03-10"
        )
        .one("health-assessment")
        .message
        .contains("2020-08-27, more than 6 months old (due by 2021-02-27)")
    );
    // Assessed Fri 28 Aug 2020: due again Sun 28 Feb 2021, the fifth birthday
    // (29 February falls on 28 February): 12 months, so the same review is fine.
    health(
        "2016-02-29",
        "2020-07-31",
        &["2020-08-28"],
        "2021-03-01",
        "PN1",
        "2021-03-10",
    )
    .none("health-assessment");
}

#[test]
fn health_assessment_latest_on_or_before_the_review() {
    // The latest of several counts (the older one, before care began, does
    // not count for the period at all)...
    health(
        "2012-05-10",
        "2023-02-27",
        &["2022-01-10", "2023-02-28"],
        "2024-02-28",
        "PN1",
        "2024-03-10",
    )
    .none("health-assessment");
    // ...but not one after the review date.
    let o = health(
        "2012-05-10",
        "2023-02-27",
        &["2023-02-28", "2024-03-05"],
        "2024-02-29",
        "PN1",
        "2024-03-10",
    );
    assert!(
        o.one("health-assessment")
            .message
            .contains("latest health assessment is 2023-02-28")
    );
    // None at all.
    let o = health(
        "2012-05-10",
        "2023-02-27",
        &[],
        "2024-02-28",
        "PN1",
        "2024-03-10",
    );
    assert!(
        o.one("health-assessment")
            .message
            .contains("no health assessment recorded on or before the review date 2024-02-28")
    );
}
