//! Boundary tests for the review deadlines: reg33-first, reg33-second,
//! reg33-subsequent, reg33-overdue, adoption-reviews, local-po-months,
//! review-after-ceased, stood-down-counted, series-span, short-breaks (timing)
//! and pathway-6m.
//!
//! Every expected date is worked out by hand in the comments. Bank holidays
//! used (England and Wales):
//! - 2022: Mon 2 May, Thu 2 Jun (spring, moved from Mon 30 May), Fri 3 Jun
//!   (Platinum Jubilee), Mon 29 Aug, Mon 19 Sep (state funeral);
//! - 2023: Fri 7 Apr, Mon 10 Apr (Easter), Mon 1 May, Mon 8 May (coronation),
//!   Mon 29 May, Mon 28 Aug, Mon 25 and Tue 26 Dec;
//! - 2024: Mon 1 Jan, Fri 29 Mar (Good Friday), Mon 1 Apr (Easter Monday),
//!   Mon 6 May, Mon 27 May, Mon 26 Aug, Wed 25 and Thu 26 Dec;
//! - 2025: Wed 1 Jan.

use crate::common::*;
use iro::diag::Severity::{Error, Info, Warning};

/// A child (born 2012, so 11-13 in these tests) looked after from `start`
/// (S, V2, U6) with IRO `ia` allocated from the same day.
fn child_from(start: &str) -> RepoB {
    let mut b = RepoB::new();
    b.child("C1", "2012-05-10").care_from(start);
    b
}

/// One held review on `held` in a period that began on `start`.
fn first_review(start: &str, held: &str, as_of: &str) -> Out {
    let mut b = child_from(start);
    b.get("C1").review(held);
    b.run(as_of)
}

#[track_caller]
fn assert_late(o: &Out, rule: &str, sev: iro::diag::Severity, held: &str, has: &[&str]) {
    let f = review_file("C1", held);
    let d = o.one(rule);
    assert_diag(d, rule, sev, &f, o.field(&f, "kind"), Some("C1"), has);
}

// ------------------------------------------------------------ reg33-first

#[test]
fn reg33_first_across_christmas_and_new_year() {
    // Care began Mon 2 Dec 2024. Working days after it: Tue 3-Fri 6 (4),
    // 9-13 (9), 16-20 (14), Mon 23, Tue 24 (16), [25, 26 Dec holidays],
    // Fri 27 (17), Mon 30, Tue 31 (19), [Wed 1 Jan holiday], Thu 2 Jan (20).
    // Due by Thu 2 Jan 2025 (the spec's own example).
    let o = first_review("2024-12-02", "2025-01-02", "2025-01-10");
    o.none("reg33-first");
    let o = first_review("2024-12-02", "2025-01-03", "2025-01-10");
    assert_late(
        &o,
        "reg33-first",
        Error,
        "2025-01-03",
        &[
            "first review held 2025-01-03",
            "due by 2025-01-02",
            "20 working days after care began 2024-12-02",
            "1 working day late",
        ],
    );
    // Tue 7 Jan: Fri 3 (1), Mon 6 (2), Tue 7 (3) working days after 2 Jan.
    let o = first_review("2024-12-02", "2025-01-07", "2025-01-10");
    assert_late(
        &o,
        "reg33-first",
        Error,
        "2025-01-07",
        &["held 2025-01-07, due by 2025-01-02", "3 working days late"],
    );
}

#[test]
fn reg33_first_across_easter() {
    // Care began Mon 18 Mar 2024: Tue 19-Fri 22 (4), Mon 25-Thu 28 (8),
    // [Good Friday 29 Mar, Easter Monday 1 Apr], Tue 2-Fri 5 (12),
    // 8-12 (17), Mon 15, Tue 16, Wed 17 (20). Due by Wed 17 Apr 2024.
    let o = first_review("2024-03-18", "2024-04-17", "2024-05-01");
    o.none("reg33-first");
    let o = first_review("2024-03-18", "2024-04-18", "2024-05-01");
    assert_late(
        &o,
        "reg33-first",
        Error,
        "2024-04-18",
        &[
            "held 2024-04-18, due by 2024-04-17",
            "care began 2024-03-18",
            "1 working day late",
        ],
    );
}

#[test]
fn reg33_first_extra_non_working_day_from_config() {
    // As above, but [calendar] extra_non_working_days = ["2024-04-16"]:
    // ... 8-12 Apr (17), Mon 15 (18), [Tue 16 closed], Wed 17 (19),
    // Thu 18 (20). Due by Thu 18 Apr 2024.
    let mut b = child_from("2024-03-18");
    b.extra_non_working_day("2024-04-16");
    b.get("C1").review("2024-04-18");
    b.run("2024-05-01").none("reg33-first");

    let mut b = child_from("2024-03-18");
    b.extra_non_working_day("2024-04-16");
    b.get("C1").review("2024-04-19");
    let o = b.run("2024-05-01");
    assert_late(
        &o,
        "reg33-first",
        Error,
        "2024-04-19",
        &["held 2024-04-19, due by 2024-04-18", "1 working day late"],
    );
}

#[test]
fn reg33_first_across_the_2022_jubilee_holidays() {
    // Care began Mon 23 May 2022: Tue 24-Fri 27 (4), Mon 30 May is a working
    // day in 2022 (the spring holiday moved to Thu 2 Jun) (5), Tue 31 (6),
    // Wed 1 Jun (7), [Thu 2, Fri 3 Jun holidays], 6-10 (12), 13-17 (17),
    // Mon 20, Tue 21, Wed 22 (20). Due by Wed 22 Jun 2022.
    let o = first_review("2022-05-23", "2022-06-22", "2022-07-01");
    o.none("reg33-first");
    let o = first_review("2022-05-23", "2022-06-23", "2022-07-01");
    assert_late(
        &o,
        "reg33-first",
        Error,
        "2022-06-23",
        &["held 2022-06-23, due by 2022-06-22", "1 working day late"],
    );
}

#[test]
fn reg33_first_across_the_2022_state_funeral() {
    // Care began Mon 5 Sep 2022: Tue 6-Fri 9 (4), 12-16 (9),
    // [Mon 19 Sep state funeral], Tue 20-Fri 23 (13), 26-30 (18),
    // Mon 3, Tue 4 Oct (20). Due by Tue 4 Oct 2022.
    let o = first_review("2022-09-05", "2022-10-04", "2022-10-10");
    o.none("reg33-first");
    let o = first_review("2022-09-05", "2022-10-05", "2022-10-10");
    assert_late(
        &o,
        "reg33-first",
        Error,
        "2022-10-05",
        &["held 2022-10-05, due by 2022-10-04", "1 working day late"],
    );
}

#[test]
fn reg33_first_across_the_2023_coronation() {
    // Care began Fri 28 Apr 2023: [Mon 1 May], Tue 2-Fri 5 (4),
    // [Mon 8 May coronation], Tue 9-Fri 12 (8), 15-19 (13), 22-26 (18),
    // [Mon 29 May], Tue 30, Wed 31 (20). Due by Wed 31 May 2023 (spec example).
    let o = first_review("2023-04-28", "2023-05-31", "2023-06-10");
    o.none("reg33-first");
    let o = first_review("2023-04-28", "2023-06-01", "2023-06-10");
    assert_late(
        &o,
        "reg33-first",
        Error,
        "2023-06-01",
        &["held 2023-06-01, due by 2023-05-31", "1 working day late"],
    );
}

#[test]
fn reg33_first_restarts_on_re_entry_to_care() {
    // Period 1: Mon 8 Jan 2024 to Thu 28 Mar 2024 (E13), first review Fri 2 Feb
    // (due 20 WD after 8 Jan = Mon 5 Feb). Period 2 begins Mon 2 Sep 2024:
    // Tue 3-Fri 6 (4), 9-13 (9), 16-20 (14), 23-27 (19), Mon 30 Sep (20).
    // Its first review is due by Mon 30 Sep 2024 and is a *first* review,
    // not a third one 6 months after 2 Feb.
    let build = |held: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2012-05-10");
        c.ep(Ep::start("2024-01-08").end("2024-03-28", "E13"))
            .ep(Ep::start("2024-09-02"))
            .allocate("ia", "2024-01-08");
        c.review("2024-02-02");
        c.review(held);
        b.run("2024-10-15")
    };
    let o = build("2024-09-30");
    o.none("reg33-first");
    o.none("reg33-second");
    o.none("reg33-subsequent");
    let o = build("2024-10-01");
    o.none("reg33-second");
    o.none("reg33-subsequent");
    assert_late(
        &o,
        "reg33-first",
        Error,
        "2024-10-01",
        &[
            "first review held 2024-10-01, due by 2024-09-30",
            "care began 2024-09-02",
            "1 working day late",
        ],
    );
}

// ------------------------------------------------------------ reg33-second

/// First review Thu 30 Nov 2023 in a period that began Mon 6 Nov 2023
/// (first due 20 WD later: 7-10 (4), 13-17 (9), 20-24 (14), 27-30 Nov (18),
/// Fri 1 Dec (19), Mon 4 Dec (20): on time).
fn first_on_30_nov_2023() -> RepoB {
    let mut b = child_from("2023-11-06");
    b.get("C1").review("2023-11-30");
    b
}

#[test]
fn reg33_second_month_end_into_leap_february() {
    // 3 months after 30 Nov 2023: 30 Feb does not exist, so the last day of
    // February 2024, a leap year: Thu 29 Feb 2024.
    let mut b = first_on_30_nov_2023();
    b.get("C1").review("2024-02-29");
    let o = b.run("2024-03-10");
    o.none("reg33-first");
    o.none("reg33-second");

    let mut b = first_on_30_nov_2023();
    b.get("C1").review("2024-03-01");
    let o = b.run("2024-03-10");
    // Thu 29 Feb -> Fri 1 Mar: 1 working day.
    assert_late(
        &o,
        "reg33-second",
        Error,
        "2024-03-01",
        &[
            "second review held 2024-03-01",
            "due by 2024-02-29",
            "3 months after the first review 2023-11-30",
            "1 working day late",
        ],
    );
}

#[test]
fn reg33_second_same_day_of_month() {
    // Care began Mon 5 Feb 2024; first review Wed 28 Feb 2024 (due Mon 4 Mar:
    // 6-9 (4), 12-16 (9), 19-23 (14), 26-29 (18), Fri 1 Mar (19), Mon 4 (20)).
    // 3 months after 28 Feb 2024 is Tue 28 May 2024 (spec example).
    let build = |held: &str| {
        let mut b = child_from("2024-02-05");
        b.get("C1").review("2024-02-28");
        b.get("C1").review(held);
        b.run("2024-06-10")
    };
    build("2024-05-28").none("reg33-second");
    let o = build("2024-05-29");
    assert_late(
        &o,
        "reg33-second",
        Error,
        "2024-05-29",
        &["held 2024-05-29, due by 2024-05-28", "1 working day late"],
    );
}

// ------------------------------------------------------------ reg33-subsequent

#[test]
fn reg33_subsequent_month_end_into_short_february() {
    // Care began Mon 5 Feb 2024; reviews Fri 1 Mar (first, due Mon 4 Mar),
    // Fri 31 May (second, due 1 Jun), Sat 31 Aug (third, due 30 Nov).
    // The fourth is due 6 months after 31 Aug 2024: 31 Feb 2025 does not
    // exist -> Fri 28 Feb 2025 (spec example).
    let build = |held: &str| {
        let mut b = child_from("2024-02-05");
        let c = b.get("C1");
        c.review("2024-03-01");
        c.review("2024-05-31");
        c.review("2024-08-31");
        c.review(held);
        b.run("2025-03-10")
    };
    let o = build("2025-02-28");
    for r in ["reg33-first", "reg33-second", "reg33-subsequent"] {
        o.none(r);
    }
    let o = build("2025-03-03");
    // Fri 28 Feb -> Mon 3 Mar: 1 working day.
    assert_late(
        &o,
        "reg33-subsequent",
        Error,
        "2025-03-03",
        &[
            "review held 2025-03-03",
            "due by 2025-02-28",
            "6 months after the previous review 2024-08-31",
            "1 working day late",
        ],
    );
}

#[test]
fn reg33_subsequent_month_end_into_leap_february() {
    // Care began Mon 6 Feb 2023; first review Fri 3 Mar 2023 (due 20 WD later:
    // 7-10 (4), 13-17 (9), 20-24 (14), 27-28 Feb (16), 1-3 Mar (19), Mon 6 (20)),
    // second Fri 2 Jun 2023 (due 3 Jun), third Thu 31 Aug 2023 (due 2 Dec).
    // 6 months after 31 Aug 2023 -> Thu 29 Feb 2024.
    let build = |held: &str| {
        let mut b = child_from("2023-02-06");
        let c = b.get("C1");
        c.review("2023-03-03");
        c.review("2023-06-02");
        c.review("2023-08-31");
        c.review(held);
        b.run("2024-03-10")
    };
    build("2024-02-29").none("reg33-subsequent");
    let o = build("2024-03-01");
    assert_late(
        &o,
        "reg33-subsequent",
        Error,
        "2024-03-01",
        &[
            "held 2024-03-01, due by 2024-02-29",
            "previous review 2023-08-31",
            "1 working day late",
        ],
    );
}

// ------------------------------------------------------------ stood-down-counted

#[test]
fn stood_down_review_does_not_meet_the_deadline() {
    // First review 30 Nov 2023 -> second due Thu 29 Feb 2024. A review stood
    // down on Tue 20 Feb 2024 does not meet it, and does not restart the clock
    // (from 20 Feb the second would be due 20 May).
    let build = |held: &str| {
        let mut b = first_on_30_nov_2023();
        b.get("C1").review("2024-02-20").stood_down("no-care-plan");
        b.get("C1").review(held);
        b.run("2024-03-10")
    };
    let o = build("2024-02-29");
    o.none("reg33-second");
    let sd = review_file("C1", "2024-02-20");
    let d = o.one("stood-down-counted");
    assert_diag(
        d,
        "stood-down-counted",
        Info,
        &sd,
        o.pos(&sd, "stood_down:", "{"),
        Some("C1"),
        &[
            "review stood down on 2024-02-20",
            "does not meet the deadline 2024-02-29 (reg33-second)",
            "still stands",
        ],
    );

    let o = build("2024-03-01");
    o.one("stood-down-counted");
    // Still judged against 29 Feb (3 months after the first review), as the
    // *second* review: the stood-down one is not counted.
    assert_late(
        &o,
        "reg33-second",
        Error,
        "2024-03-01",
        &[
            "second review held 2024-03-01, due by 2024-02-29",
            "first review 2023-11-30",
            "1 working day late",
        ],
    );
}

#[test]
fn stood_down_first_review_keeps_the_20_working_day_deadline() {
    // Care began Mon 2 Dec 2024 -> first review due Thu 2 Jan 2025 (see
    // reg33_first_across_christmas_and_new_year). Stood down Fri 20 Dec 2024.
    let mut b = child_from("2024-12-02");
    b.get("C1")
        .review("2024-12-20")
        .stood_down("documents-not-shared");
    b.get("C1").review("2025-01-03");
    let o = b.run("2025-01-10");
    let d = o.one("stood-down-counted");
    assert!(
        d.message.contains("deadline 2025-01-02 (reg33-first)"),
        "{d:?}"
    );
    assert_late(
        &o,
        "reg33-first",
        Error,
        "2025-01-03",
        &[
            "first review held 2025-01-03, due by 2025-01-02",
            "1 working day late",
        ],
    );
}

#[test]
fn after_a_stood_down_review_the_next_deadline_runs_from_the_held_one() {
    // Held second review Thu 29 Feb 2024 (after the one stood down on 20 Feb):
    // the third is due 6 months after 29 Feb = Thu 29 Aug 2024.
    let build = |third: &str| {
        let mut b = first_on_30_nov_2023();
        b.get("C1").review("2024-02-20").stood_down("no-care-plan");
        b.get("C1").review("2024-02-29");
        b.get("C1").review(third);
        b.run("2024-09-10")
    };
    build("2024-08-29").none("reg33-subsequent");
    let o = build("2024-08-30");
    assert_late(
        &o,
        "reg33-subsequent",
        Error,
        "2024-08-30",
        &[
            "held 2024-08-30, due by 2024-08-29",
            "previous review 2024-02-29",
            "1 working day late",
        ],
    );
}

// ------------------------------------------------------------ reg33-overdue

#[test]
fn reg33_overdue_open_period_with_no_review_yet() {
    // Care began Mon 2 Dec 2024, first review due Thu 2 Jan 2025, none held.
    let b = child_from("2024-12-02");
    b.run("2025-01-02").none("reg33-overdue");
    let o = b.run("2025-01-03");
    let f = child_file("C1");
    let d = o.one("reg33-overdue");
    // No review to point at: the episode that began the period.
    assert_diag(
        d,
        "reg33-overdue",
        Error,
        &f,
        o.pos(&f, "start: 2024-12-02", "2024-12-02"),
        Some("C1"),
        &[
            "first review overdue",
            "due by 2025-01-02",
            "20 working days after care began 2024-12-02",
            "not held as of 2025-01-03",
            "1 working day overdue",
        ],
    );
}

#[test]
fn reg33_overdue_second_review() {
    // First review 30 Nov 2023 -> second due Thu 29 Feb 2024.
    let b = first_on_30_nov_2023();
    b.run("2024-02-29").none("reg33-overdue");
    let o = b.run("2024-03-01");
    let f = review_file("C1", "2023-11-30");
    let d = o.one("reg33-overdue");
    assert_diag(
        d,
        "reg33-overdue",
        Error,
        &f,
        o.field(&f, "kind"),
        Some("C1"),
        &[
            "second review overdue",
            "due by 2024-02-29",
            "3 months after the first review 2023-11-30",
            "not held as of 2024-03-01",
            "1 working day overdue",
        ],
    );
    // Tue 5 Mar: Fri 1 (1), Mon 4 (2), Tue 5 (3).
    let o = b.run("2024-03-05");
    assert!(
        o.one("reg33-overdue")
            .message
            .contains("3 working days overdue")
    );

    // With the next review booked, the finding points at `next_review:`.
    let mut b = RepoB::new();
    b.child("C1", "2012-05-10")
        .care_from("2023-11-06")
        .review("2023-11-30")
        .next_review("2024-03-04");
    let o = b.run("2024-03-01");
    let d = o.one("reg33-overdue");
    assert_eq!((d.line, d.column), o.field(&f, "next_review"));
    assert!(d.message.contains("booked for 2024-03-04"), "{d:?}");
}

#[test]
fn reg33_overdue_not_after_the_period_ended() {
    // First review 30 Nov 2023; care ceased Mon 15 Jan 2024 (E13): nothing is
    // due after that, even as of long after 29 Feb.
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.ep(Ep::start("2023-11-06").end("2024-01-15", "E13"))
        .allocate("ia", "2023-11-06");
    c.review("2023-11-30");
    b.run("2024-06-03").none("reg33-overdue");
}

#[test]
fn reg33_overdue_restarts_on_re_entry_and_points_at_the_new_period() {
    // Period 1 (8 Jan - 28 Mar 2024) had its review on 2 Feb. Period 2 begins
    // Mon 2 Sep 2024: its first review is due Mon 30 Sep 2024 (see
    // reg33_first_restarts_on_re_entry_to_care).
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.ep(Ep::start("2024-01-08").end("2024-03-28", "E13"))
        .ep(Ep::start("2024-09-02"))
        .allocate("ia", "2024-01-08");
    c.review("2024-02-02");
    b.run("2024-09-30").none("reg33-overdue");
    let o = b.run("2024-10-01");
    let f = child_file("C1");
    let d = o.one("reg33-overdue");
    // The period-1 review is not the field at fault; the episode that began
    // period 2 is.
    assert_diag(
        d,
        "reg33-overdue",
        Error,
        &f,
        o.pos(&f, "start: 2024-09-02", "2024-09-02"),
        Some("C1"),
        &[
            "first review overdue",
            "due by 2024-09-30",
            "care began 2024-09-02",
            "1 working day overdue",
        ],
    );
}

#[test]
fn reg33_overdue_after_a_stood_down_review() {
    // Second review due 29 Feb 2024; stood down on 20 Feb; nothing held.
    let mut b = first_on_30_nov_2023();
    b.get("C1").review("2024-02-20").stood_down("no-care-plan");
    b.run("2024-02-29").none("reg33-overdue");
    let o = b.run("2024-03-01");
    let d = o.one("reg33-overdue");
    assert!(
        d.message
            .contains("second review overdue: due by 2024-02-29"),
        "{d:?}"
    );
}

// ------------------------------------------------------------ adoption-reviews

/// Care from Mon 9 Jan 2023 on a care order (C2, U4); first review Wed 1 Feb
/// (due 20 WD later: 10-13 (4), 16-20 (9), 23-27 (14), 30 Jan-3 Feb (19),
/// Mon 6 Feb (20)), second Fri 28 Apr (due 3 months after 1 Feb = 1 May).
/// Placed for adoption (E1, A5) on Thu 1 Jun 2023.
fn placed_for_adoption() -> RepoB {
    let mut b = RepoB::new();
    let c = b.child("C1", "2019-05-10");
    c.ep(Ep::start("2023-01-09")
        .ls("C2")
        .place("U4")
        .end("2023-06-01", "X1"))
        .ep(Ep::change("2023-06-01", "T").ls("E1").place("A5"))
        .allocate("ia", "2023-01-09");
    c.review("2023-02-01");
    c.review("2023-04-28");
    b
}

#[test]
fn adoption_first_review_within_28_days_of_placement() {
    // 28 days after Thu 1 Jun 2023 = Thu 29 Jun 2023 (calendar days), well
    // before the reg33 deadline (6 months after 28 Apr = 28 Oct).
    let build = |held: &str| {
        let mut b = placed_for_adoption();
        b.get("C1").review(held);
        b.run("2023-07-10")
    };
    let o = build("2023-06-29");
    o.none("adoption-reviews");
    o.none("reg33-subsequent");
    let o = build("2023-06-30");
    o.none("reg33-subsequent");
    assert_late(
        &o,
        "adoption-reviews",
        Error,
        "2023-06-30",
        &[
            "review held 2023-06-30",
            "due by 2023-06-29",
            "4 weeks after the placement for adoption 2023-06-01",
            "1 working day late",
        ],
    );
}

#[test]
fn adoption_then_3_months_then_6_months() {
    // Adoption review Thu 29 Jun 2023 -> next 3 months later: Fri 29 Sep 2023
    // (not 6 months as reg33 would give).
    let build = |fourth: &str, fifth: Option<&str>, as_of: &str| {
        let mut b = placed_for_adoption();
        b.get("C1").review("2023-06-29");
        b.get("C1").review(fourth);
        if let Some(f) = fifth {
            b.get("C1").review(f);
        }
        b.run(as_of)
    };
    build("2023-09-29", None, "2023-10-10").none("adoption-reviews");
    let o = build("2023-10-02", None, "2023-10-10");
    // Fri 29 Sep -> Mon 2 Oct: 1 working day.
    assert_late(
        &o,
        "adoption-reviews",
        Error,
        "2023-10-02",
        &[
            "held 2023-10-02, due by 2023-09-29",
            "3 months after the first review of the placement for adoption 2023-06-29",
            "1 working day late",
        ],
    );
    // Then 6 months after Fri 29 Sep 2023: Fri 29 Mar 2024 (Good Friday, but
    // a calendar deadline). Tue 2 Apr is 1 working day after it (30, 31 Mar
    // weekend, Mon 1 Apr Easter Monday).
    let o = build("2023-09-29", Some("2024-03-29"), "2024-04-10");
    o.none("adoption-reviews");
    o.none("reg33-subsequent");
    let o = build("2023-09-29", Some("2024-04-02"), "2024-04-10");
    assert_late(
        &o,
        "adoption-reviews",
        Error,
        "2024-04-02",
        &[
            "held 2024-04-02, due by 2024-03-29",
            "previous review 2023-09-29",
            "1 working day late",
        ],
    );
}

#[test]
fn adoption_deadline_stands_through_a_stood_down_review() {
    // Placed for adoption Thu 1 Jun 2023 -> review due Thu 29 Jun 2023. A
    // review stood down on Tue 20 Jun does not meet that deadline, and the
    // deadline it reports is the adoption one (not reg33's 28 Oct).
    let build = |held: &str| {
        let mut b = placed_for_adoption();
        b.get("C1").review("2023-06-20").stood_down("no-care-plan");
        b.get("C1").review(held);
        b.run("2023-07-10")
    };
    let o = build("2023-06-29");
    o.none("adoption-reviews");
    let sd = review_file("C1", "2023-06-20");
    assert_diag(
        o.one("stood-down-counted"),
        "stood-down-counted",
        Info,
        &sd,
        o.pos(&sd, "stood_down:", "{"),
        Some("C1"),
        &[
            "review stood down on 2023-06-20",
            "does not meet the deadline 2023-06-29 (adoption-reviews)",
        ],
    );
    let o = build("2023-06-30");
    assert_late(
        &o,
        "adoption-reviews",
        Error,
        "2023-06-30",
        &[
            "held 2023-06-30, due by 2023-06-29",
            "placement for adoption 2023-06-01",
            "1 working day late",
        ],
    );
    // Nothing held after the stood-down review: overdue from 30 Jun.
    let mut b = placed_for_adoption();
    b.get("C1").review("2023-06-20").stood_down("no-care-plan");
    b.run("2023-06-29").none("adoption-reviews");
    assert!(
        b.run("2023-06-30")
            .one("adoption-reviews")
            .message
            .contains("due by 2023-06-29 (4 weeks after the placement for adoption 2023-06-01)")
    );
}

#[test]
fn adoption_placement_makes_a_review_overdue_after_28_days() {
    let b = placed_for_adoption();
    b.run("2023-06-29").none("adoption-reviews");
    let o = b.run("2023-06-30");
    let d = o.one("adoption-reviews");
    assert!(
        d.message
            .contains("due by 2023-06-29 (4 weeks after the placement for adoption 2023-06-01)"),
        "{d:?}"
    );
    assert!(d.message.contains("1 working day overdue"), "{d:?}");
}

// ------------------------------------------------------------ local-po-months

/// On a placement order (E1) from Mon 9 Jan 2023; reviews 1 Feb and 28 Apr
/// 2023 (on time, see `placed_for_adoption`).
fn on_placement_order(months: u32, third: &str) -> Out {
    let mut b = RepoB::new();
    b.policy(&format!("placement_order_review_months = {months}"));
    let c = b.child("C1", "2019-05-10");
    c.ep(Ep::start("2023-01-09").ls("E1").place("U4"))
        .allocate("ia", "2023-01-09");
    c.review("2023-02-01");
    c.review("2023-04-28");
    c.review(third);
    b.run("2023-08-10")
}

#[test]
fn local_po_months_on_and_off() {
    // placement_order_review_months = 3: 3 months after Fri 28 Apr 2023 =
    // Fri 28 Jul 2023, stricter than reg33's 28 Oct.
    let o = on_placement_order(3, "2023-07-28");
    o.none("local-po-months");
    let o = on_placement_order(3, "2023-07-31");
    o.none("reg33-subsequent");
    // Fri 28 Jul -> Mon 31 Jul: 1 working day.
    assert_late(
        &o,
        "local-po-months",
        Warning,
        "2023-07-31",
        &[
            "review held 2023-07-31",
            "due by 2023-07-28",
            "local policy for placement orders, from the previous review 2023-04-28",
            "1 working day late",
        ],
    );
    // Off (0, the default): no local deadline.
    let o = on_placement_order(0, "2023-07-31");
    o.none("local-po-months");
    o.none("reg33-subsequent");
}

#[test]
fn local_po_months_not_excused_by_late_reason() {
    // late_reason explains a statutory delay; a local-policy finding is not
    // downgraded by it.
    let mut b = RepoB::new();
    b.policy("placement_order_review_months = 3");
    let c = b.child("C1", "2019-05-10");
    c.ep(Ep::start("2023-01-09").ls("E1").place("U4"))
        .allocate("ia", "2023-01-09");
    c.review("2023-02-01");
    c.review("2023-04-28");
    c.review("2023-07-31").late_reason("carer unwell");
    let o = b.run("2023-08-10");
    assert!(!o.one("local-po-months").downgraded);
}

// ------------------------------------------------------------ review-after-ceased

#[test]
fn review_after_ceased_day_after_care_ended() {
    // Care from Mon 8 Jan 2024 to Fri 15 Mar 2024 (E13): a review on the last
    // day of care is fine, one on Mon 18 Mar is not.
    let build = |held: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2012-05-10");
        c.ep(Ep::start("2024-01-08").end("2024-03-15", "E13"))
            .allocate("ia", "2024-01-08");
        c.review("2024-02-02");
        c.review(held);
        b.run("2024-04-01")
    };
    build("2024-03-15").none("review-after-ceased");
    let o = build("2024-03-18");
    let f = review_file("C1", "2024-03-18");
    assert_diag(
        o.one("review-after-ceased"),
        "review-after-ceased",
        Error,
        &f,
        o.field(&f, "kind"),
        Some("C1"),
        &["cla review held 2024-03-18", "not looked after"],
    );
}

#[test]
fn review_after_ceased_on_the_18th_birthday() {
    // Born Thu 15 Jun 2006: 18 on Sat 15 Jun 2024. Still looked after.
    let build = |held: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2006-06-15");
        c.care_from("2024-01-08");
        c.review("2024-02-02");
        c.review(held);
        b.run("2024-07-01")
    };
    build("2024-06-14").none("review-after-ceased");
    let o = build("2024-06-15");
    let f = review_file("C1", "2024-06-15");
    assert_diag(
        o.one("review-after-ceased"),
        "review-after-ceased",
        Error,
        &f,
        o.field(&f, "kind"),
        Some("C1"),
        &["cla review held 2024-06-15 when the young person was 18 or over"],
    );
}

#[test]
fn review_after_ceased_29_february_birthday() {
    // Born 29 Feb 2004: 18 on Mon 28 Feb 2022 (no 29 Feb in 2022).
    // Care from Mon 6 Sep 2021, first review Fri 1 Oct 2021.
    let build = |held: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2004-02-29");
        c.care_from("2021-09-06");
        c.review("2021-10-01");
        c.review(held);
        b.run("2022-03-10")
    };
    build("2022-02-27").none("review-after-ceased");
    let o = build("2022-02-28");
    assert!(
        o.one("review-after-ceased")
            .message
            .contains("when the young person was 18 or over")
    );
}

// ------------------------------------------------------------ series-span and series_timeliness

#[test]
fn series_span_20_vs_21_working_days() {
    // Care began Mon 4 Nov 2024: first review due Mon 2 Dec (5-8 (4),
    // 11-15 (9), 18-22 (14), 25-29 (19), Mon 2 Dec (20)). First meeting 2 Dec.
    // From Mon 2 Dec 2024, Thu 2 Jan 2025 is 20 working days on and Fri 3 Jan
    // 21 (see reg33_first_across_christmas_and_new_year).
    let build = |last: &str| {
        let mut b = child_from("2024-11-04");
        b.get("C1").review(last).meetings(&["2024-12-02", last]);
        b.run("2025-01-10")
    };
    let o = build("2025-01-02");
    o.none("series-span");
    o.none("reg33-first");
    let o = build("2025-01-03");
    o.none("reg33-first");
    let f = review_file("C1", "2025-01-03");
    assert_diag(
        o.one("series-span"),
        "series-span",
        Warning,
        &f,
        o.field(&f, "meetings"),
        Some("C1"),
        &[
            "run from 2024-12-02 to 2025-01-03",
            "21 working days apart, more than 20",
        ],
    );
}

/// Care from Mon 2 Dec 2024 (first review due Thu 2 Jan 2025), first review
/// held as a series of meetings ending Mon 6 Jan 2025.
fn series_review(policy: &str, first_meeting: &str) -> Out {
    let mut b = child_from("2024-12-02");
    if !policy.is_empty() {
        b.policy(policy);
    }
    b.get("C1")
        .review("2025-01-06")
        .meetings(&[first_meeting, "2025-01-06"]);
    b.run("2025-01-20")
}

#[test]
fn series_timeliness_first() {
    // Default "first": judged on the first meeting, Thu 2 Jan: in time.
    series_review("", "2025-01-02").none("reg33-first");
    series_review("series_timeliness = \"first\"", "2025-01-02").none("reg33-first");
    // First meeting Fri 3 Jan: 1 working day late, and the message says so.
    let o = series_review("", "2025-01-03");
    let f = review_file("C1", "2025-01-06");
    assert_diag(
        o.one("reg33-first"),
        "reg33-first",
        Error,
        &f,
        o.field(&f, "meetings"),
        Some("C1"),
        &[
            "first review held 2025-01-06 (judged on its first meeting 2025-01-03)",
            "due by 2025-01-02",
            "1 working day late",
        ],
    );
}

#[test]
fn series_timeliness_last() {
    // "last": judged on the last meeting, Mon 6 Jan: Fri 3 (1), Mon 6 (2).
    let o = series_review("series_timeliness = \"last\"", "2025-01-02");
    let f = review_file("C1", "2025-01-06");
    let d = o.one("reg33-first");
    assert_diag(
        d,
        "reg33-first",
        Error,
        &f,
        o.field(&f, "meetings"),
        Some("C1"),
        &[
            "first review held 2025-01-06, due by 2025-01-02",
            "2 working days late",
        ],
    );
    assert!(!d.message.contains("judged on its first meeting"), "{d:?}");
}

#[test]
fn after_a_series_the_next_deadline_runs_from_the_last_meeting() {
    // Series 2 Jan - 6 Jan 2025: the second review is due 3 months after the
    // last meeting, Sun 6 Apr 2025 (from the first it would be Wed 2 Apr).
    for policy in [
        "series_timeliness = \"first\"",
        "series_timeliness = \"last\"",
    ] {
        let build = |second: &str| {
            let mut b = child_from("2024-12-02");
            b.policy(policy);
            b.get("C1")
                .review("2025-01-06")
                .meetings(&["2025-01-02", "2025-01-06"]);
            b.get("C1").review(second);
            b.run("2025-04-20")
        };
        build("2025-04-04").none("reg33-second");
        // Sun 6 Apr -> Mon 7 Apr: 1 working day.
        let o = build("2025-04-07");
        assert_late(
            &o,
            "reg33-second",
            Error,
            "2025-04-07",
            &[
                "held 2025-04-07, due by 2025-04-06",
                "first review 2025-01-06",
                "1 working day late",
            ],
        );
    }
}

// ------------------------------------------------------------ short-breaks (timing)

/// Short breaks only (a V4 agreement) from Thu 30 Nov 2023.
fn short_breaks(reviews: &[&str], as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.ep(Ep::start("2023-11-30").ls("V4"))
        .allocate("ia", "2023-11-30");
    for r in reviews {
        c.review(r).no_pn();
    }
    b.run(as_of)
}

#[test]
fn short_breaks_first_review_within_3_months() {
    // 3 months after 30 Nov 2023 -> Thu 29 Feb 2024 (not 20 working days,
    // which would be 28 Dec 2023).
    let o = short_breaks(&["2024-02-29"], "2024-03-10");
    o.none("short-breaks");
    o.none("reg33-first");
    let o = short_breaks(&["2024-03-01"], "2024-03-10");
    o.none("reg33-first");
    assert_late(
        &o,
        "short-breaks",
        Error,
        "2024-03-01",
        &[
            "first review held 2024-03-01",
            "due by 2024-02-29",
            "3 months after the short breaks began 2023-11-30",
            "1 working day late",
        ],
    );
}

#[test]
fn short_breaks_then_every_6_months() {
    // After 29 Feb 2024: 6 months -> Thu 29 Aug 2024 (reg33 would say 3).
    let o = short_breaks(&["2024-02-29", "2024-08-29"], "2024-09-10");
    o.none("short-breaks");
    o.none("reg33-second");
    let o = short_breaks(&["2024-02-29", "2024-08-30"], "2024-09-10");
    assert_late(
        &o,
        "short-breaks",
        Error,
        "2024-08-30",
        &[
            "second review held 2024-08-30, due by 2024-08-29",
            "6 months after the previous review 2024-02-29",
            "1 working day late",
        ],
    );
}

#[test]
fn short_breaks_overdue() {
    short_breaks(&[], "2024-02-29").none("short-breaks");
    let o = short_breaks(&[], "2024-03-01");
    o.none("reg33-overdue");
    let f = child_file("C1");
    assert_diag(
        o.one("short-breaks"),
        "short-breaks",
        Error,
        &f,
        o.pos(&f, "start: 2023-11-30", "2023-11-30"),
        Some("C1"),
        &[
            "short-breaks review overdue",
            "due by 2024-02-29",
            "not held as of 2024-03-01",
            "1 working day overdue",
        ],
    );
}

// ------------------------------------------------------------ pathway-6m

/// Born Thu 15 Jun 2006 (18 on Sat 15 Jun 2024); looked after from Mon 4 Sep
/// 2023 until the 18th birthday (E17); last cla review Fri 31 May 2024.
fn care_leaver() -> RepoB {
    let mut b = RepoB::new();
    let c = b.child("C1", "2006-06-15");
    c.ep(Ep::start("2023-09-04").end("2024-06-15", "E17"))
        .allocate("ia", "2023-09-04");
    c.review("2023-09-29");
    c.review("2023-12-22");
    c.review("2024-05-31");
    b
}

#[test]
fn pathway_6m_counts_the_last_cla_review() {
    // 6 months after Fri 31 May 2024 -> Sat 30 Nov 2024.
    let mut b = care_leaver();
    b.get("C1").review("2024-11-30").pathway();
    b.run("2024-12-10").none("pathway-6m");

    let mut b = care_leaver();
    b.get("C1").review("2024-12-02").pathway();
    let o = b.run("2024-12-10");
    o.none("review-after-ceased");
    // Sat 30 Nov -> Mon 2 Dec: 1 working day.
    assert_late(
        &o,
        "pathway-6m",
        Error,
        "2024-12-02",
        &[
            "pathway review held 2024-12-02",
            "due by 2024-11-30",
            "6 months after the previous review 2024-05-31",
            "1 working day late",
        ],
    );
}

#[test]
fn pathway_6m_overdue() {
    // Pathway review Fri 29 Nov 2024 -> next due Thu 29 May 2025.
    let mut b = care_leaver();
    b.get("C1").review("2024-11-29").pathway();
    b.run("2025-05-29").none("pathway-6m");
    let o = b.run("2025-05-30");
    let f = review_file("C1", "2024-11-29");
    assert_diag(
        o.one("pathway-6m"),
        "pathway-6m",
        Error,
        &f,
        o.field(&f, "kind"),
        Some("C1"),
        &[
            "pathway review overdue",
            "due by 2025-05-29",
            "6 months after the previous review 2024-11-29",
            "not held as of 2025-05-30",
            "1 working day overdue",
        ],
    );
    o.none("reg33-overdue");
}

#[test]
fn reg33_overdue_review_never_held_before_care_ended() {
    // Care began Mon 2 Dec 2024; first review due Thu 2 Jan 2025 (20 WD,
    // skipping 25, 26 Dec and 1 Jan). Care ends on Fri 3 Jan 2025 (the day
    // after the deadline) with no review held: the review was missed.
    let mut b = RepoB::new();
    b.child("C1", "2012-05-10")
        .ep(Ep::start("2024-12-02").end("2025-01-03", "E13"));
    let o = b.run("2025-03-31");
    let d = o.one("reg33-overdue");
    assert!(d.message.contains("never held"), "{}", d.message);
    assert!(d.message.contains("due by 2025-01-02"), "{}", d.message);
    assert!(d.message.contains("care ended 2025-01-03"), "{}", d.message);
    // Care ending on the deadline itself: nothing was missed.
    let mut b = RepoB::new();
    b.child("C1", "2012-05-10")
        .ep(Ep::start("2024-12-02").end("2025-01-02", "E13"));
    b.run("2025-03-31").none("reg33-overdue");
}

#[test]
fn pathway_6m_owed_to_a_former_relevant_young_person_before_any_pathway_review() {
    // Born 1 Jun 2006; looked after from Mon 4 Jan 2021 (aged 14) until the
    // 18th birthday, Sat 1 Jun 2024: 13 weeks since 14 and looked after at 16,
    // so former relevant at 18. The last cla review, Tue 2 Apr 2024, counts:
    // the first pathway review is due 6 months later, Wed 2 Oct 2024.
    let mut b = RepoB::new();
    b.child("C1", "2006-06-01")
        .ep(Ep::start("2021-01-04").end("2024-06-01", "E17"));
    b.get("C1").review("2024-04-02");
    b.run("2024-10-02").none("pathway-6m");
    let o = b.run("2024-10-03");
    let d = o.one("pathway-6m");
    assert!(d.message.contains("due by 2024-10-02"), "{}", d.message);
    assert!(d.message.contains("1 working day overdue"), "{}", d.message);
}

#[test]
fn pathway_6m_not_owed_after_care_ended_in_a_special_guardianship_order() {
    // As above, but care ended on Fri 1 Mar 2024 (aged 17) with a special
    // guardianship order to relatives (E47): not a care leaver, so no pathway
    // review is owed. Ended instead by moving to independent living (E5) the
    // young person is relevant, then former relevant: owed one by Tue 2 Apr
    // 2024. (Going home, E4A, is in rules_leavers: relevant for six months.)
    for (reason, owed) in [("E47", false), ("E5", true)] {
        let mut b = RepoB::new();
        b.child("C1", "2006-06-01")
            .ep(Ep::start("2021-01-04").end("2024-03-01", reason));
        b.get("C1").review("2023-10-02");
        let o = b.run("2024-10-03");
        if owed {
            assert!(
                o.one("pathway-6m").message.contains("due by 2024-04-02"),
                "{reason}"
            );
        } else {
            o.none("pathway-6m");
        }
    }
}

#[test]
fn local_po_months_overdue_before_the_statutory_deadline() {
    // On a placement order with placement_order_review_months = 3: after the
    // review of Fri 28 Apr 2023 the local deadline is Fri 28 Jul 2023 and the
    // statutory one Sat 28 Oct 2023. As of Fri 28 Jul: nothing; as of Mon 31
    // Jul: overdue under local policy by 1 working day, not yet reg33-overdue.
    let mut b = RepoB::new();
    b.policy("placement_order_review_months = 3");
    let c = b.child("C1", "2019-05-10");
    c.ep(Ep::start("2023-01-09").ls("E1").place("U4"))
        .allocate("ia", "2023-01-09");
    c.review("2023-02-01");
    c.review("2023-04-28");
    b.run("2023-07-28").none("local-po-months");
    let o = b.run("2023-07-31");
    let d = o.one("local-po-months");
    assert_eq!(d.severity, Warning);
    assert!(
        d.message.contains("due by 2023-07-28") && d.message.contains("1 working day overdue"),
        "{}",
        d.message
    );
    assert!(
        d.message.contains("statutory deadline is 2023-10-28"),
        "{}",
        d.message
    );
    o.none("reg33-overdue");
}
