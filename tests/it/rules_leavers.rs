//! Boundary tests for care leavers (issue 26, points 3 to 5): a relevant
//! child who goes home stays relevant through the first six months at home
//! (CLR 2010 reg 3), with pathway reviews owed in that time; an eligible
//! child's pathway plan within 3 months of turning 16 or becoming eligible
//! (`pathway-plan`, CPPCR 42(1), 43); a one-night PACE transfer.
//!
//! Every expected date is worked out by hand in the comments.

use crate::common::*;
use iro::diag::Severity::Warning;
use iro::model::leaver::{LeaverStatus, status};

/// The repository and its model as of `as_of` (records loaded as `run` does).
fn model(b: &RepoB, as_of: &str) -> (iro::records::Repo, iro::model::Analysis) {
    let repo = b.run(as_of).repo;
    let an = iro::model::Analysis::new(&repo, d(as_of));
    (repo, an)
}

/// C1's care-leaver status on `day`.
fn status_on(b: &RepoB, day: &str) -> Option<LeaverStatus> {
    let (repo, an) = model(b, day);
    let c = &repo.children["C1"];
    status(c.rec.dob.0, &an.facts["C1"].periods, d(day))
}

/// `iro due` as of `as_of` within `days` working days: (rule, due, detail).
fn due(b: &RepoB, as_of: &str, days: u32) -> Vec<(String, String, String)> {
    let (repo, an) = model(b, as_of);
    iro::due::list(&repo, &an.facts, &an.cal, d(as_of), days)
        .into_iter()
        .map(|i| (i.rule.to_string(), i.due.to_string(), i.detail))
        .collect()
}

/// Born Fri 1 Jun 2007 (16 on Thu 1 Jun 2023, 18 on Sun 1 Jun 2025); looked
/// after from Mon 4 Jan 2021 (aged 13) until Fri 1 Mar 2024, when they went
/// home to a parent (E4A) aged 16: eligible at 16, then relevant. Home from
/// Sat 2 Mar 2024, so the six months at home run to Sun 1 Sep 2024 and are
/// complete on Mon 2 Sep 2024. Last cla review Mon 2 Oct 2023.
fn went_home() -> RepoB {
    let mut b = RepoB::new();
    b.child("C1", "2007-06-01")
        .ep(Ep::start("2021-01-04").end("2024-03-01", "E4A"))
        .allocate("ia", "2021-01-04")
        .plan("2023-08-01", "pathway");
    b.get("C1").review("2023-10-02");
    b
}

#[test]
fn relevant_through_the_six_months_at_home_then_not_a_care_leaver() {
    let b = went_home();
    assert_eq!(status_on(&b, "2024-03-01"), Some(LeaverStatus::Eligible));
    assert_eq!(status_on(&b, "2024-03-02"), Some(LeaverStatus::Relevant));
    // The last day of the six months at home, and the first day after.
    assert_eq!(status_on(&b, "2024-09-01"), Some(LeaverStatus::Relevant));
    assert_eq!(status_on(&b, "2024-09-02"), None);
    assert_eq!(status_on(&b, "2025-06-02"), None);
}

#[test]
fn pathway_review_owed_within_the_six_months_at_home() {
    // The first pathway review is due 6 months after the last cla review,
    // Tue 2 Apr 2024: inside the six months at home. `iro due` lists it on
    // Mon 1 Apr; as of Wed 3 Apr it is 1 working day overdue.
    let b = went_home();
    let items = due(&b, "2024-04-01", 5);
    assert!(
        items.contains(&(
            "pathway-6m".into(),
            "2024-04-02".into(),
            "pathway review".into()
        )),
        "{items:?}"
    );
    b.run("2024-04-02").none("pathway-6m");
    let o = b.run("2024-04-03");
    let d = o.one("pathway-6m");
    assert!(
        d.message.contains("due by 2024-04-02") && d.message.contains("1 working day overdue"),
        "{}",
        d.message
    );
    // Still owed on the last day of the six months; on the first day after,
    // the review was never held before the young person stopped being a
    // relevant child, and it stays reported.
    let o = b.run("2024-09-01");
    assert!(
        o.one("pathway-6m")
            .message
            .contains("not held as of 2024-09-01")
    );
    for as_of in ["2024-09-02", "2025-01-06"] {
        let o = b.run(as_of);
        let m = &o.one("pathway-6m").message;
        assert!(
            m.contains("never held: due by 2024-04-02")
                && m.contains("lived at home for six months on 2024-09-02"),
            "{m}"
        );
    }
}

#[test]
fn no_pathway_review_owed_after_six_months_at_home() {
    // A pathway review held Thu 28 Mar 2024 (in time) sets the next for Sat
    // 28 Sep 2024, after the six months end (Mon 2 Sep 2024): listed on Sun
    // 1 Sep (the last day), gone on Mon 2 Sep, and never overdue.
    let mut b = went_home();
    b.get("C1").review("2024-03-28").pathway();
    let items = due(&b, "2024-09-01", 30);
    assert!(
        items
            .iter()
            .any(|(r, d, _)| r == "pathway-6m" && d == "2024-09-28"),
        "{items:?}"
    );
    let items = due(&b, "2024-09-02", 30);
    assert!(!items.iter().any(|(r, ..)| r == "pathway-6m"), "{items:?}");
    b.run("2024-09-01").none("pathway-6m");
    b.run("2024-10-01").none("pathway-6m");
}

#[test]
fn a_return_home_that_breaks_down_before_six_months() {
    // Back in care on Mon 3 Jun 2024, three months after going home: eligible
    // again, on the cla timetable, not owed a pathway review.
    let mut b = went_home();
    b.get("C1").ep(Ep::start("2024-06-03"));
    assert_eq!(status_on(&b, "2024-09-02"), Some(LeaverStatus::Eligible));
    // Home again on Mon 2 Dec 2024 (E4A): a new six months, from Tue 3 Dec
    // 2024 to Mon 2 Jun 2025, complete on Tue 3 Jun 2025. The 18th birthday
    // (Sun 1 Jun 2025) falls inside it: relevant the day before, former
    // relevant while the six months run, then not a care leaver.
    let mut b = went_home();
    b.get("C1")
        .ep(Ep::start("2024-06-03").end("2024-12-02", "E4A"));
    assert_eq!(status_on(&b, "2025-03-03"), Some(LeaverStatus::Relevant));
    assert_eq!(
        status_on(&b, "2025-06-02"),
        Some(LeaverStatus::FormerRelevant)
    );
    assert_eq!(status_on(&b, "2025-06-03"), None);
    // Moved out of home without coming back into care: the records show it
    // only by the pathway reviews the service holds. One held after the six
    // months (Tue 15 Oct 2024) has no deadline (none was owed after Mon 2 Sep
    // 2024) and keeps the young person owed the next, due Tue 15 Apr 2025.
    let mut b = went_home();
    b.get("C1").review("2024-03-28").pathway();
    b.get("C1").review("2024-10-15").pathway();
    b.run("2025-04-15").none("pathway-6m");
    assert!(
        b.run("2025-04-16")
            .one("pathway-6m")
            .message
            .contains("due by 2025-04-15")
    );
}

/// Born Thu 29 Feb 2008: 14 on Mon 28 Feb 2022 (no 29 February that year),
/// 16 on Thu 29 Feb 2024, looked after from Mon 9 Jan 2023, still in care:
/// eligible on the 16th birthday. The pathway plan is due 3 months later,
/// Wed 29 May 2024.
fn leap_day_child(plan: Option<&str>) -> RepoB {
    let mut b = RepoB::new();
    let c = b.child("C1", "2008-02-29");
    c.ep(Ep::start("2023-01-09")).allocate("ia", "2023-01-09");
    if let Some(p) = plan {
        c.plan(p, "pathway");
    }
    b
}

#[test]
fn pathway_plan_within_3_months_of_a_29_february_16th_birthday() {
    // No plan: nothing on the deadline's last day; a warning the day after.
    let b = leap_day_child(None);
    b.run("2024-05-29").none("pathway-plan");
    let o = b.run("2024-05-30");
    let d = o.one("pathway-plan");
    assert_eq!(d.severity, Warning);
    assert!(
        d.message
            .contains("no pathway plan on file: due by 2024-05-29")
            && d.message
                .contains("3 months after the 16th birthday 2024-02-29"),
        "{}",
        d.message
    );
    // `iro due` lists it before and after the deadline.
    for as_of in ["2024-05-20", "2024-06-03"] {
        let items = due(&b, as_of, 10);
        assert!(
            items.iter().any(|(r, d, w)| r == "pathway-plan"
                && d == "2024-05-29"
                && w.contains("16 on 2024-02-29")),
            "{as_of}: {items:?}"
        );
    }
    // A plan on the last day is in time; on the first day late, it fires.
    let b = leap_day_child(Some("2024-05-29"));
    b.run("2024-07-01").none("pathway-plan");
    assert!(
        !due(&b, "2024-05-29", 10)
            .iter()
            .any(|(r, ..)| r == "pathway-plan")
    );
    // It points at the late plan's `kind:`.
    let o = leap_day_child(Some("2024-05-30")).run("2024-07-01");
    let plan = "children/C1/plans/2024-05-30-pathway.md";
    assert_diag(
        o.one("pathway-plan"),
        "pathway-plan",
        Warning,
        plan,
        o.field(plan, "kind"),
        Some("C1"),
        &["the first pathway plan is dated 2024-05-30, after the deadline 2024-05-29"],
    );
    // A plan made before the 16th birthday counts.
    leap_day_child(Some("2024-02-01"))
        .run("2024-07-01")
        .none("pathway-plan");
}

/// Born Thu 29 Feb 2008, into care for the first time aged 16 (`ep`).
fn into_care_at_16(ep: Ep) -> RepoB {
    let mut b = RepoB::new();
    b.child("C1", "2008-02-29")
        .ep(ep)
        .allocate("ia", "2024-09-02");
    b
}

#[test]
fn pathway_plan_from_becoming_eligible_after_16() {
    // Into care for the first time on Mon 2 Sep 2024, aged 16: 13 weeks (91
    // days, both ends counted) are complete on Sun 1 Dec 2024, the day they
    // become eligible. The plan is due by Sat 1 Mar 2025.
    let b = into_care_at_16(Ep::start("2024-09-02"));
    b.run("2025-03-01").none("pathway-plan");
    // With no plan it points at the date of birth.
    let o = b.run("2025-03-02");
    let f = child_file("C1");
    assert_diag(
        o.one("pathway-plan"),
        "pathway-plan",
        Warning,
        &f,
        o.field(&f, "dob"),
        Some("C1"),
        &["due by 2025-03-01 (3 months after becoming an eligible child 2024-12-01)"],
    );
    // Not looked after 13 weeks since 14: never eligible, no plan owed.
    into_care_at_16(Ep::start("2024-09-02").end("2024-11-29", "E8"))
        .run("2025-06-02")
        .none("pathway-plan");
}

#[test]
fn one_night_pace_transfer_owes_no_review() {
    // Born 10 May 2012; in local authority accommodation under PACE (J2)
    // for one night, Mon 2 Dec 2024 to Tue 3 Dec 2024. The first review
    // would fall due 20 working days after care began (Thu 2 Jan 2025); care
    // ended long before, so no review was owed and none is reported, and
    // from the day after care ended `iro due` lists none.
    let mut b = RepoB::new();
    b.child("C1", "2012-05-10")
        .ep(Ep::start("2024-12-02").ls("J2").end("2024-12-03", "E8"))
        .allocate("ia", "2024-12-02");
    let o = b.run("2025-03-31");
    o.none("reg33-first");
    o.none("reg33-overdue");
    assert!(
        !due(&b, "2024-12-04", 40)
            .iter()
            .any(|(r, ..)| r.starts_with("reg33"))
    );
}
