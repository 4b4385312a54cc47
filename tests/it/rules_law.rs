//! Boundary tests for the second pass over the law: short breaks as one
//! arrangement (short-breaks across gaps, short-breaks-limit, short breaks
//! turning full-time), AAR 36(3) alone once placed, placement-authority-3m,
//! review-before-ceasing, one adjournment (series-span), pep-termly, a care
//! leaver with no review on file (pathway-6m) and caseloads without care
//! leavers.
//!
//! Bank holidays used: 2024: Mon 6 May, Mon 27 May, Mon 26 Aug; 2025: Mon 25
//! Aug. Every expected date is worked out by hand in the comments.

use crate::common::*;

/// `V3` stays, each its own episode (`S` ... `E8`), in placement `U4`.
fn add_stays<'c>(c: &'c mut ChildB, list: &[(&str, &str)]) -> &'c mut ChildB {
    for (s, e) in list {
        c.ep(Ep::start(s).ls("V3").place("U4").end(e, "E8"));
    }
    c
}

/// Care from `start` under legal status `ls` (placement `U4`), changing on
/// `day` (`reason_new`) to legal status `to_ls` at placement `to_place`.
fn change_on<'c>(
    c: &'c mut ChildB,
    start: &str,
    ls: &str,
    day: &str,
    reason_new: &str,
    to_ls: &str,
    to_place: &str,
) -> &'c mut ChildB {
    c.ep(Ep::start(start).ls(ls).place("U4").end(day, "X1"))
        .ep(Ep::change(day, reason_new).ls(to_ls).place(to_place))
}

/// `V3` stays of 2 nights, the first on Fri 5 Jan 2024, roughly monthly.
fn monthly_stays(reviews: &[&str], as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    add_stays(
        c,
        &[
            ("2024-01-05", "2024-01-07"),
            ("2024-02-02", "2024-02-04"),
            ("2024-03-01", "2024-03-03"),
            ("2024-04-05", "2024-04-07"),
            ("2024-05-03", "2024-05-05"),
            ("2024-06-07", "2024-06-09"),
            ("2024-07-05", "2024-07-07"),
        ],
    );
    c.allocate("ia", "2024-01-05");
    for r in reviews {
        c.review(r).no_pn();
    }
    b.run(as_of)
}

#[test]
fn short_breaks_stays_are_one_arrangement() {
    // Seven monthly stays and no review: the first review was due 3 months
    // after the first short break, Fri 5 Apr 2024, and is overdue.
    let o = monthly_stays(&[], "2024-07-20");
    let d = o.one("short-breaks");
    assert!(
        d.message
            .contains("short-breaks review overdue: due by 2024-04-05"),
        "{d:?}"
    );
    o.none("reg33-overdue");
    o.none("short-breaks-limit");
    // A review between stays (Wed 20 Mar 2024) is a review of the
    // arrangement: not after care ceased, no code, no health assessment.
    let o = monthly_stays(&["2024-03-20"], "2024-07-20");
    o.none("short-breaks");
    o.none("review-after-ceased");
    o.none("pn-missing");
    o.none("health-assessment");
    // The last day in time, Fri 5 Apr; Mon 8 Apr is 1 working day late.
    monthly_stays(&["2024-04-05"], "2024-07-20").none("short-breaks");
    let o = monthly_stays(&["2024-04-08"], "2024-07-20");
    assert!(o.one("short-breaks").message.contains(
        "due by 2024-04-05 (3 months after the short breaks began 2024-01-05): 1 working day late"
    ));
    // Next due 6 months after the review, across the gaps (the last stay
    // ended 7 Jul): Tue 8 Oct 2024, overdue from Wed 9 Oct.
    let overdue = |as_of: &str| {
        monthly_stays(&["2024-04-08"], as_of)
            .of("short-breaks")
            .iter()
            .filter(|d| d.message.contains("overdue: due by 2024-10-08"))
            .count()
    };
    assert_eq!((overdue("2024-10-08"), overdue("2024-10-09")), (0, 1));
}

/// `V3` stays given as (start, end).
fn stays(list: &[(&str, &str)], as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    add_stays(c, list);
    c.allocate("ia", list[0].0);
    b.run(as_of)
}

#[test]
fn short_breaks_limit_single_stay_over_17_nights() {
    // Mon 6 Jan to Thu 23 Jan 2025 is 17 nights: within reg 48.
    stays(&[("2025-01-06", "2025-01-23")], "2025-02-01").none("short-breaks-limit");
    // To Fri 24 Jan: 18 nights; reg 33 from the 18th night, Thu 23 Jan.
    let o = stays(&[("2025-01-06", "2025-01-24")], "2025-02-01");
    let d = o.one("short-breaks-limit");
    assert!(
        d.message
            .contains("18 nights, more than reg 48's 17: reg 33 applies from 2025-01-23"),
        "{d:?}"
    );
    // The first reg 33 review is due 20 working days after Thu 23 Jan 2025:
    // Thu 20 Feb 2025; overdue from Fri 21 Feb.
    stays(&[("2025-01-06", "2025-01-24")], "2025-02-20").none("reg33-overdue");
    let o = stays(&[("2025-01-06", "2025-01-24")], "2025-02-21");
    assert!(o.one("reg33-overdue").message.contains("due by 2025-02-20"));
}

#[test]
fn short_breaks_limit_75_nights_in_12_months() {
    // Five stays of 15 nights: 75 in 2024, within reg 48.
    let five = [
        ("2024-01-01", "2024-01-16"),
        ("2024-02-01", "2024-02-16"),
        ("2024-03-01", "2024-03-16"),
        ("2024-04-01", "2024-04-16"),
        ("2024-05-01", "2024-05-16"),
    ];
    stays(&five, "2024-06-10").none("short-breaks-limit");
    // One more night on Sat 1 Jun 2024 is the 76th in 12 months.
    let mut six = five.to_vec();
    six.push(("2024-06-01", "2024-06-02"));
    let o = stays(&six, "2024-06-10");
    assert!(
        o.one("short-breaks-limit")
            .message
            .contains("76 nights in the 12 months to 2024-06-01")
    );
    // The same night a year after the first stay began is outside its 12
    // months: stays from 1 Jan 2024 and 1 Jan 2025 are not counted together.
    let mut later = five.to_vec();
    later.push(("2025-01-01", "2025-01-02"));
    stays(&later, "2025-01-10").none("short-breaks-limit");
}

#[test]
fn short_breaks_turning_full_time_start_reg33_that_day() {
    // A V4 agreement from Mon 8 Jan 2024, full-time care (C2) from Wed 1 May
    // 2024. The review under reg 48 on Thu 28 Mar 2024 is not judged under
    // reg 33; the first reg 33 review is due 20 working days after 1 May:
    // Fri 31 May 2024 (6 and 27 May are bank holidays).
    let build = |first_reg33: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2012-05-10");
        change_on(c, "2024-01-08", "V4", "2024-05-01", "L", "C2", "U4")
            .allocate("ia", "2024-01-08")
            .health("2024-05-10")
            .pep("2024-05-20")
            .plan("2024-05-10", "care");
        c.review("2024-03-28").no_pn();
        c.review(first_reg33)
            .care_plan("2024-05-10")
            .permanence("return-home");
        b.run("2024-06-20")
    };
    let o = build("2024-05-31");
    o.none("reg33-first");
    o.none("short-breaks");
    o.none("pn-missing");
    o.none("care-plan-10wd");
    let o = build("2024-06-03");
    assert!(o.one("reg33-first").message.contains(
        "due by 2024-05-31 (20 working days after reg 33 applied from 2024-05-01 (short breaks turned into full-time care"
    ));
}

/// C2 from Mon 9 Jan 2023; first review Wed 1 Feb 2023; placed for adoption
/// (A5, E1) on Mon 20 Feb 2023; the first adoption review on Wed 15 Mar.
fn placed_early(second: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2019-05-10");
    change_on(c, "2023-01-09", "C2", "2023-02-20", "T", "E1", "A5").allocate("ia", "2023-01-09");
    c.review("2023-02-01");
    c.review("2023-03-15");
    c.review(second);
    b.run("2023-07-10")
}

#[test]
fn placed_for_adoption_only_aar_36_3_applies() {
    // Reg 33 would want the second review by Mon 1 May 2023 (3 months after
    // 1 Feb); AAR 36(3) wants it 3 months after the first adoption review:
    // Thu 15 Jun 2023. Held Sat 10 Jun: no finding of either.
    let o = placed_early("2023-06-10");
    o.none("reg33-second");
    o.none("adoption-reviews");
    placed_early("2023-06-15").none("adoption-reviews");
    // Fri 16 Jun: 1 working day late, under AAR 36(3) only.
    let o = placed_early("2023-06-16");
    o.none("reg33-second");
    assert!(
        o.one("adoption-reviews")
            .message
            .contains("due by 2023-06-15")
    );
}

/// C2 from Mon 6 Jan 2025, reviews Thu 30 Jan and Mon 28 Apr 2025, a
/// placement order (E1) from Mon 12 May 2025, then `third` (if any).
fn authorised(third: Option<&str>, placed: Option<&str>, as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2014-06-02");
    change_on(c, "2025-01-06", "C2", "2025-05-12", "L", "E1", "U4");
    if let Some(p) = placed {
        // The placement order's episode ends with the placement for adoption.
        c.episodes.last_mut().expect("the E1 episode").end = Some((p.into(), "X1".into()));
        c.ep(Ep::change(p, "T").ls("E1").place("A5"));
    }
    c.allocate("ia", "2025-01-06");
    c.review("2025-01-30");
    c.review("2025-04-28");
    if let Some(t) = third {
        c.review(t);
    }
    b.run(as_of)
}

#[test]
fn placement_authority_3m_review_within_3_months_of_the_order() {
    // 3 months after Mon 12 May 2025 = Tue 12 Aug 2025 (reg 33's deadline is
    // 28 Oct 2025).
    authorised(Some("2025-08-12"), None, "2025-08-20").none("placement-authority-3m");
    let o = authorised(Some("2025-08-13"), None, "2025-08-20");
    o.none("reg33-subsequent");
    assert!(o.one("placement-authority-3m").message.contains("due by 2025-08-12 (3 months after the authority to place for adoption 2025-05-12): 1 working day late"));
    // Not held: overdue from Wed 13 Aug.
    authorised(None, None, "2025-08-12").none("placement-authority-3m");
    let o = authorised(None, None, "2025-08-13");
    assert!(
        o.one("placement-authority-3m")
            .message
            .contains("overdue: due by 2025-08-12")
    );
    // Placed for adoption on Mon 1 Sep 2025 with no review: never held.
    let o = authorised(None, Some("2025-09-01"), "2025-09-10");
    assert!(o.one("placement-authority-3m").message.contains("never held: due by 2025-08-12 (3 months after the authority to place for adoption 2025-05-12), placed for adoption 2025-09-01"));
    // Placed within the 3 months (Mon 4 Aug): AAR 36(1) ends with the placement.
    authorised(None, Some("2025-08-04"), "2025-08-20").none("placement-authority-3m");
    // Then 6 months after the review held on time: Thu 12 Feb 2026.
    authorised(Some("2025-08-12"), None, "2026-02-12").none("placement-authority-3m");
    authorised(Some("2025-08-12"), None, "2026-02-13").none("placement-authority-3m");
}

#[test]
fn placement_authority_3m_from_consent_to_place() {
    // Accommodated under s.20 from Mon 6 Jan 2025; the parents consent to
    // placement for adoption on Mon 12 May 2025: the same AAR 36(1) deadline,
    // Tue 12 Aug 2025.
    let build = |third: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2014-06-02");
        c.ep(Ep::start("2025-01-06").ls("V2").place("U4"))
            .allocate("ia", "2025-01-06")
            .consent_to_place("2025-05-12");
        c.review("2025-01-30");
        c.review("2025-04-28");
        c.review(third);
        b.run("2025-08-20")
    };
    build("2025-08-12").none("placement-authority-3m");
    assert!(
        build("2025-08-13")
            .one("placement-authority-3m")
            .message
            .contains("due by 2025-08-12")
    );
}

/// Accommodated under s.20 (V2) from Mon 6 Jan 2025, aged 15; reviews Thu 30
/// Jan, Mon 28 Apr and `last`; care ends Fri 29 Aug 2025 with `why`.
fn leaving(last: Option<&str>, why: &str, policy: Option<&str>) -> Out {
    let mut b = RepoB::new();
    if let Some(p) = policy {
        b.policy(p);
    }
    let c = b.child("C1", "2009-09-02");
    c.ep(Ep::start("2025-01-06")
        .ls("V2")
        .place("U4")
        .end("2025-08-29", why))
        .allocate("ia", "2025-01-06");
    c.review("2025-01-30");
    c.review("2025-04-28");
    if let Some(l) = last {
        c.review(l);
    }
    b.run("2025-09-10")
}

#[test]
fn review_before_ceasing_s20_leaving_not_to_a_parent() {
    // 8 weeks (56 days) before Fri 29 Aug 2025 is Fri 4 Jul 2025.
    leaving(Some("2025-07-04"), "E5", None).none("review-before-ceasing");
    let o = leaving(Some("2025-07-03"), "E5", None);
    assert!(
        o.one("review-before-ceasing")
            .message
            .contains("ended 2025-08-29 (E5, moved into independent living")
    );
    // Four months after the last review, with no review since.
    let o = leaving(None, "E5", None);
    assert!(
        o.one("review-before-ceasing")
            .message
            .contains("no review in the 8 weeks before (the last review was 2025-04-28)")
    );
    // Going home to a parent: reg 33(3)(e) does not apply.
    leaving(None, "E4A", None).none("review-before-ceasing");
    // To relatives without parental responsibility (E13): it does.
    leaving(None, "E13", None).one("review-before-ceasing");
    // The window is a setting: 0 means any review in the period.
    leaving(None, "E5", Some("ceasing_review_weeks = 0")).none("review-before-ceasing");
    leaving(Some("2025-07-03"), "E5", Some("ceasing_review_weeks = 9"))
        .none("review-before-ceasing");
}

#[test]
fn series_span_one_adjournment_only() {
    let build = |ms: &[&str]| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2012-05-10");
        c.care_from("2024-12-02");
        c.review(ms[ms.len() - 1]).meetings(ms);
        b.run("2024-12-20")
    };
    build(&["2024-12-02", "2024-12-16"]).none("series-span");
    let o = build(&["2024-12-02", "2024-12-09", "2024-12-16"]);
    assert!(
        o.one("series-span")
            .message
            .contains("this review has 3 meetings: it was adjourned 2 times, not once")
    );
}

/// Born Mon 2 Jun 2014 (school age), care from Mon 6 Jan 2025, PEPs on
/// 27 Jan and Sun 30 Mar 2025; reviews 30 Jan, 28 Apr and `third`.
fn pep(dob: &str, peps: &[&str], reviews: &[&str]) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", dob);
    c.care_from("2025-01-06");
    for p in peps {
        c.pep(p);
    }
    for r in reviews {
        c.review(r);
    }
    b.run("2025-08-20")
}

#[test]
fn pep_termly_within_4_months() {
    let peps = ["2025-01-27", "2025-03-30"];
    // 30 Mar + 4 months = Wed 30 Jul 2025: in time; Thu 31 Jul: fires.
    pep(
        "2014-06-02",
        &peps,
        &["2025-01-30", "2025-04-28", "2025-07-30"],
    )
    .none("pep-termly");
    let o = pep(
        "2014-06-02",
        &peps,
        &["2025-01-30", "2025-04-28", "2025-07-31"],
    );
    assert!(o.one("pep-termly").message.contains(
        "latest personal education plan is 2025-03-30, more than 4 months old (due by 2025-07-30)"
    ));
    // The window is a setting.
    let mut b = RepoB::new();
    b.policy("pep_within_months = 5");
    let c = b.child("C1", "2014-06-02");
    c.care_from("2025-01-06")
        .pep("2025-01-27")
        .pep("2025-03-30");
    c.review("2025-01-30");
    c.review("2025-07-31");
    b.run("2025-08-20").none("pep-termly");
}

#[test]
fn pep_termly_only_at_compulsory_school_age() {
    // Born Fri 10 Jan 2020: 5 on 10 Jan 2025, of compulsory school age from
    // the next prescribed day, Mon 31 Mar 2025. No PEP at all: the review of
    // 30 Jan is not checked, the one on 31 Mar is.
    pep("2020-01-10", &[], &["2025-01-30"]).none("pep-termly");
    let o = pep("2020-01-10", &[], &["2025-01-30", "2025-03-31"]);
    assert!(
        o.one("pep-termly").message.contains(
            "no personal education plan recorded on or before the review date 2025-03-31"
        )
    );
    // Born 2 Sep 2009: 16 on 2 Sep 2025, in the school year ending in 2026,
    // so of compulsory school age until Fri 26 Jun 2026. Born 2 Jun 2009: 16
    // in the school year ending 2025: no longer from Sat 28 Jun 2025.
    pep("2009-06-02", &["2025-01-27"], &["2025-01-30", "2025-06-27"]).one("pep-termly");
    pep("2009-06-02", &["2025-01-27"], &["2025-01-30", "2025-06-28"]).none("pep-termly");
}

#[test]
fn pathway_6m_care_leaver_with_no_review_on_file() {
    // Born 1 Jun 2006, looked after (C2) from Mon 10 Jan 2022 until Fri 31
    // May 2024 (E8), no review on file: a former relevant young person owed
    // a pathway review 6 months after care ended, Sat 30 Nov 2024.
    let build = |as_of: &str| {
        let mut b = RepoB::new();
        b.rule("reg33-overdue", "off");
        let c = b.child("C1", "2006-06-01");
        c.ep(Ep::start("2022-01-10")
            .ls("C2")
            .place("U4")
            .end("2024-05-31", "E8"))
            .allocate("ia", "2022-01-10");
        b.run(as_of)
    };
    build("2024-11-30").none("pathway-6m");
    assert!(
        build("2024-12-02")
            .one("pathway-6m")
            .message
            .contains("pathway review overdue: due by 2024-11-30")
    );
}

#[test]
fn caseload_counts_care_leavers_only_when_the_service_says_so() {
    // 49 children looked after and one care leaver (18, left care at 18
    // with a pathway review) allocated to `ia` on Mon 3 Jun 2024.
    let build = |policy: Option<&str>| {
        let mut b = RepoB::new();
        if let Some(p) = policy {
            b.policy(p);
        }
        for i in 0..49 {
            b.child(&format!("C{i:03}"), "2012-05-10")
                .care_from("2024-01-08");
        }
        let c = b.child("CL", "2006-03-01");
        c.ep(Ep::start("2022-01-10")
            .ls("C2")
            .place("U4")
            .end("2024-02-29", "E17"))
            .allocate("ia", "2022-01-10");
        c.review("2024-04-10").pathway();
        b.run("2024-06-03")
    };
    assert!(
        build(None)
            .one("caseload")
            .message
            .contains("49 children allocated on 2024-06-03")
    );
    build(Some("caseload_counts_care_leavers = true")).none("caseload");
}

#[test]
fn due_lists_the_aar_36_1_deadline_and_short_breaks_across_gaps() {
    let mut b = RepoB::new();
    // C1: a placement order from Mon 12 May 2025: AAR 36(1) review due by
    // Tue 12 Aug 2025, before reg 33's 28 Oct.
    let c = b.child("C1", "2014-06-02");
    change_on(c, "2025-01-06", "C2", "2025-05-12", "L", "E1", "U4").allocate("ia", "2025-01-06");
    c.review("2025-01-30");
    c.review("2025-04-28");
    // C2: monthly stays from Fri 3 Jan 2025 and no review: the first was
    // due by Thu 3 Apr 2025; on 28 Jul the child is between stays.
    let c = b.child("C2", "2012-05-10");
    add_stays(
        c,
        &[
            ("2025-01-03", "2025-01-05"),
            ("2025-02-07", "2025-02-09"),
            ("2025-03-07", "2025-03-09"),
            ("2025-04-04", "2025-04-06"),
            ("2025-05-02", "2025-05-04"),
            ("2025-06-06", "2025-06-08"),
            ("2025-07-04", "2025-07-06"),
        ],
    );
    c.allocate("ia", "2025-01-03");
    let dir = b.write_to_disk();
    let r = dir.path().to_str().unwrap();
    let out = iro(
        &[
            "due",
            "--as-of",
            "2025-07-28",
            "--format",
            "json",
            "--root",
            r,
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{out:?}");
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let find = |child: &str, rule: &str| {
        v.iter()
            .find(|i| i["child"] == child && i["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} for {child}: {v:#?}"))
    };
    let a = find("C1", "placement-authority-3m");
    assert_eq!(a["due"], "2025-08-12");
    assert_eq!(a["detail"], "adoption review (authority to place)");
    let s = find("C2", "short-breaks");
    assert_eq!(s["due"], "2025-04-03");
    assert!(s["working_days"].as_i64().unwrap() < 0, "{s}");
}

#[test]
fn a_review_overdue_when_placed_for_adoption_is_still_owed() {
    // C2 from Mon 9 Jan 2023, first review Wed 1 Feb: the second was due by
    // Mon 1 May 2023. Placed for adoption on Wed 10 May with it not held: it
    // is still owed. Held Fri 12 May: 8 working days late (1 and 8 May are
    // bank holidays), and it is the placement's first review, so the next is
    // due 3 months later, Sat 12 Aug 2023.
    let build = |as_of: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2019-05-10");
        change_on(c, "2023-01-09", "C2", "2023-05-10", "T", "E1", "A5")
            .allocate("ia", "2023-01-09");
        c.review("2023-02-01");
        c.review("2023-05-12");
        b.run(as_of)
    };
    let o = build("2023-08-12");
    assert!(o.one("reg33-second").message.contains(
        "due by 2023-05-01 (3 months after the first review 2023-02-01): 8 working days late"
    ));
    o.none("adoption-reviews");
    o.none("reg33-overdue");
    assert!(
        build("2023-08-14")
            .one("adoption-reviews")
            .message
            .contains("overdue: due by 2023-08-12")
    );
}

#[test]
fn between_stays_a_child_is_at_home_even_past_reg_48s_limits() {
    // 49 children in full-time care, and one whose short breaks passed the
    // 17-night limit (a stay Mon 6 May to Sat 25 May 2024, 19 nights), so
    // reg 33 applies to the arrangement, with another stay from Fri 31 May
    // to Mon 3 Jun 2024. On Mon 3 Jun the child is on a stay and counts on
    // the caseload (50); on Tue 4 Jun the child is at home (49).
    let build = |as_of: &str| {
        let mut b = RepoB::new();
        for i in 0..49 {
            b.child(&format!("C{i:03}"), "2012-05-10")
                .care_from("2024-01-08");
        }
        let c = b.child("SB", "2012-05-10");
        add_stays(
            c,
            &[("2024-05-06", "2024-05-25"), ("2024-05-31", "2024-06-03")],
        )
        .allocate("ia", "2024-05-06");
        b.run(as_of)
    };
    let o = build("2024-06-03");
    o.one("short-breaks-limit");
    o.none("caseload");
    assert!(
        build("2024-06-04")
            .one("caseload")
            .message
            .contains("49 children allocated on 2024-06-04")
    );
}

/// `V3` stays on 9 Jan and 6 Feb 2023 (2 nights each), a review on Thu 6 Apr
/// 2023, and `more` stays after.
fn two_stays(more: &[(&str, &str)], reviews: &[&str], as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2015-06-02");
    add_stays(
        c,
        &[("2023-01-09", "2023-01-11"), ("2023-02-06", "2023-02-08")],
    );
    add_stays(c, more).allocate("ia", "2023-01-09");
    for r in reviews {
        c.review(r).no_pn();
    }
    b.run(as_of)
}

#[test]
fn a_lapsed_arrangement_keeps_its_reviews_and_owes_none_after_its_last_stay() {
    // The review of 6 Apr 2023, after the last stay (6-8 Feb), is a review
    // of the arrangement whatever the check date: never "after care ceased".
    for as_of in ["2023-06-01", "2024-02-07", "2024-02-09", "2025-01-01"] {
        let o = two_stays(&[], &["2023-04-06"], as_of);
        o.none("review-after-ceased");
        o.none("pn-missing");
        o.none("health-assessment");
    }
    // The next review was due by Fri 6 Oct 2023. While more stays may come
    // (to 8 Feb 2024, 12 months after the last) it is overdue; once the
    // arrangement has lapsed it was, in hindsight, over on 8 Feb 2023, and
    // nothing was owed after that.
    assert!(
        two_stays(&[], &["2023-04-06"], "2024-02-07")
            .one("short-breaks")
            .message
            .contains("overdue: due by 2023-10-06")
    );
    two_stays(&[], &["2023-04-06"], "2024-02-09").none("short-breaks");
    // With no review at all, the first was due by Sun 9 Apr 2023, after the
    // last stay: not owed once lapsed. A stay on 1-3 May moves the end of
    // the arrangement past that deadline: then it was never held.
    two_stays(&[], &[], "2024-06-01").none("short-breaks");
    let o = two_stays(&[("2023-05-01", "2023-05-03")], &[], "2024-06-01");
    assert!(o.one("short-breaks").message.contains("never held: due by 2023-04-09 (3 months after the short breaks began 2023-01-09), the last short break ended 2023-05-03"), "{:?}", o.of("short-breaks"));
}

#[test]
fn short_breaks_then_full_time_care_as_a_new_period() {
    // Stays from Tue 1 Oct 2024, the last 3-5 Mar 2025, then full-time care
    // as a new period (S, C2) from Thu 6 Mar 2025. The first short-break
    // review was due by Wed 1 Jan 2025 and was never held.
    let mut b = RepoB::new();
    let c = b.child("C1", "2015-06-02");
    add_stays(
        c,
        &[
            ("2024-10-01", "2024-10-03"),
            ("2024-11-05", "2024-11-07"),
            ("2025-03-03", "2025-03-05"),
        ],
    );
    c.ep(Ep::start("2025-03-06").ls("C2").place("U4"))
        .allocate("ia", "2024-10-01");
    let o = b.run("2025-03-20");
    assert!(
        o.one("short-breaks").message.contains(
            "short-breaks review never held: due by 2025-01-01 (3 months after the short breaks began 2024-10-01), full-time care began 2025-03-06"
        ),
        "{:?}",
        o.of("short-breaks")
    );
}

#[test]
fn short_break_reviews_are_never_exported_to_ssda903() {
    // A V4 agreement from 8 Jan 2024 turning into full-time care (C2) on 1
    // May 2024: the review under reg 48 (28 Mar) is not in the return's
    // review table; the reg 33 one (31 May) is.
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    change_on(c, "2024-01-08", "V4", "2024-05-01", "L", "C2", "U4").allocate("ia", "2024-01-08");
    c.review("2024-03-28").no_pn();
    c.review("2024-05-31");
    let out = b.run("2024-06-20");
    let an = iro::model::Analysis::new(&out.repo, d("2024-06-20"));
    let t =
        iro::ssda903::export::export(&out.repo, &an, iro::ssda903::CollectionYear { first: 2024 });
    let dates: Vec<&str> = t.reviews.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(dates, ["31/05/2024"]);
}

#[test]
fn pathway_6m_with_no_review_says_so_and_points_at_the_end_of_care() {
    let mut b = RepoB::new();
    b.rule("reg33-overdue", "off");
    let c = b.child("C1", "2006-06-01");
    c.ep(Ep::start("2022-01-10")
        .ls("C2")
        .place("U4")
        .end("2024-05-31", "E8"))
        .allocate("ia", "2022-01-10");
    let o = b.run("2024-12-02");
    let f = child_file("C1");
    let p = o.one("pathway-6m");
    assert!(
        p.message.contains(
            "due by 2024-11-30 (6 months after care ended 2024-05-31, with no review on file)"
        ),
        "{p:?}"
    );
    assert_eq!((p.line, p.column), o.pos(&f, "end: ", "2024-05-31"));
}

#[test]
fn review_before_ceasing_not_for_another_authority_or_an_adult() {
    leaving(None, "E3", None).none("review-before-ceasing");
    leaving(None, "E15", None).none("review-before-ceasing");
}

#[test]
fn a_stood_down_review_before_a_placement_for_adoption() {
    // C2 from Mon 2 Sep 2024, reviews 20 Sep and 20 Dec 2024 (next due Fri
    // 20 Jun 2025). Stood down Fri 28 Mar 2025; placed for adoption Tue 1 Apr
    // 2025, which sets a new deadline, Tue 29 Apr; held Fri 25 Apr.
    let build = |placed: bool| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2020-05-10");
        if placed {
            change_on(c, "2024-09-02", "C2", "2025-04-01", "T", "E1", "A5");
        } else {
            c.ep(Ep::start("2024-09-02").ls("C2").place("U4"));
        }
        c.allocate("ia", "2024-09-02");
        c.review("2024-09-20");
        c.review("2024-12-20");
        c.review("2025-03-28").stood_down("no-care-plan");
        c.review("2025-04-25");
        b.run("2025-05-10")
    };
    let o = build(true);
    o.none("adoption-reviews");
    assert!(o.one("stood-down-counted").message.contains(
        "does not meet the deadline 2025-06-20 (reg33-subsequent); placed for adoption 2025-04-01, which set a new deadline"
    ));
    assert!(
        build(false).one("stood-down-counted").message.contains(
            "does not meet the deadline 2025-06-20 (reg33-subsequent), which still stands"
        )
    );
}
