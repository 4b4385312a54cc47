//! Boundary tests for IRO allocation: iro-allocated, iro-allocated-5wd and
//! caseload.

use crate::common::*;
use iro::diag::Severity::{Error, Warning};

// ------------------------------------------------------------ iro-allocated

#[test]
fn iro_allocated_on_the_review_date() {
    // Care from Mon 2 Dec 2024, IRO `ia` allocated from Fri 20 Dec 2024.
    let build = |held: &str| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2012-05-10");
        c.ep(Ep::start("2024-12-02")).allocate("ia", "2024-12-20");
        c.review(held);
        b.run("2025-01-10")
    };
    // Allocated from the review date itself: fine.
    build("2024-12-20").none("iro-allocated");
    // The day before the allocation: no IRO yet.
    let o = build("2024-12-19");
    let f = review_file("C1", "2024-12-19");
    assert_diag(
        o.one("iro-allocated"),
        "iro-allocated",
        Error,
        &f,
        o.field(&f, "iro"),
        Some("C1"),
        &["no IRO was allocated to the child on the review date 2024-12-19"],
    );
}

/// Care from Mon 2 Dec 2024, `ia` allocated from then, `ib` from Mon 6 Jan
/// 2025; one review on `held` chaired by `chair` (cover: `cover`).
fn chaired(held: &str, chair: &str, cover: Option<bool>) -> Out {
    let mut b = RepoB::new();
    b.iro("ib", "1.0", None);
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-12-02").allocate("ib", "2025-01-06");
    let r = c.review(held);
    r.chair(chair);
    if let Some(v) = cover {
        r.cover(v);
    }
    b.run("2025-01-20")
}

#[test]
fn iro_allocated_chair_is_the_allocated_iro_or_a_named_cover() {
    chaired("2024-12-20", "ia", None).none("iro-allocated");
    // A different chair without cover.
    let o = chaired("2024-12-20", "ib", None);
    let f = review_file("C1", "2024-12-20");
    assert_diag(
        o.one("iro-allocated"),
        "iro-allocated",
        Error,
        &f,
        o.field(&f, "iro"),
        Some("C1"),
        &["chaired by `ib` but the allocated IRO on 2024-12-20 is `ia`"],
    );
    // `cover: false` is no cover.
    assert_eq!(
        chaired("2024-12-20", "ib", Some(false))
            .of("iro-allocated")
            .len(),
        1
    );
    // With cover.
    chaired("2024-12-20", "ib", Some(true)).none("iro-allocated");
}

#[test]
fn iro_allocated_reallocation_takes_effect_on_its_from_date() {
    // `ib` from Mon 6 Jan 2025: on Fri 3 Jan `ia` is still allocated.
    chaired("2025-01-03", "ia", None).none("iro-allocated");
    chaired("2025-01-06", "ib", None).none("iro-allocated");
    let o = chaired("2025-01-06", "ia", None);
    assert!(
        o.one("iro-allocated")
            .message
            .contains("chaired by `ia` but the allocated IRO on 2025-01-06 is `ib`")
    );
}

#[test]
fn iro_allocated_the_allocated_iro_has_left() {
    let build = |left: &str| {
        let mut b = RepoB::new();
        b.iro("ia", "1.0", Some(left));
        let c = b.child("C1", "2012-05-10");
        c.care_from("2024-12-02");
        c.review("2024-12-20");
        b.run("2025-01-10")
    };
    // Left on the review date (the last day in post): still allocated.
    build("2024-12-20").none("iro-allocated");
    let o = build("2024-12-19");
    let f = review_file("C1", "2024-12-20");
    assert_diag(
        o.one("iro-allocated"),
        "iro-allocated",
        Error,
        &f,
        o.field(&f, "iro"),
        Some("C1"),
        &["the allocated IRO `ia` left on 2024-12-19 before this review 2024-12-20"],
    );
}

// ------------------------------------------------------------ iro-allocated-5wd

/// Care from `start`, IRO allocated from `from` (None: never).
fn allocated(start: &str, from: Option<&str>, as_of: &str) -> Out {
    let mut b = RepoB::new();
    let c = b.child("C1", "2012-05-10");
    c.ep(Ep::start(start));
    if let Some(f) = from {
        c.allocate("ia", f);
    }
    b.run(as_of)
}

#[test]
fn iro_allocated_5wd_plain_week() {
    // Mon 2 Dec 2024 + 5 WD: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 Dec.
    allocated("2024-12-02", Some("2024-12-09"), "2024-12-20").none("iro-allocated-5wd");
    let o = allocated("2024-12-02", Some("2024-12-10"), "2024-12-20");
    let f = child_file("C1");
    assert_diag(
        o.one("iro-allocated-5wd"),
        "iro-allocated-5wd",
        Warning,
        &f,
        o.pos(&f, "from: 2024-12-10", "2024-12-10"),
        Some("C1"),
        &[
            "care began 2024-12-02",
            "the IRO was allocated on 2024-12-10, after 2024-12-09 (5 working days)",
        ],
    );
}

#[test]
fn iro_allocated_5wd_across_christmas() {
    // Fri 20 Dec 2024 + 5 WD: Mon 23, Tue 24 (2), [25, 26 Dec], Fri 27 (3),
    // Mon 30, Tue 31 (5). Due by Tue 31 Dec 2024; Thu 2 Jan is next.
    allocated("2024-12-20", Some("2024-12-31"), "2025-01-10").none("iro-allocated-5wd");
    let o = allocated("2024-12-20", Some("2025-01-02"), "2025-01-10");
    assert!(
        o.one("iro-allocated-5wd")
            .message
            .contains("allocated on 2025-01-02, after 2024-12-31")
    );
}

#[test]
fn iro_allocated_5wd_none_yet() {
    // No allocation: nothing to say until the deadline has passed.
    allocated("2024-12-20", None, "2024-12-31").none("iro-allocated-5wd");
    let o = allocated("2024-12-20", None, "2025-01-02");
    let f = child_file("C1");
    assert_diag(
        o.one("iro-allocated-5wd"),
        "iro-allocated-5wd",
        Warning,
        &f,
        o.pos(&f, "start: 2024-12-20", "2024-12-20"),
        Some("C1"),
        &["care began 2024-12-20; no IRO allocated by 2024-12-31 (5 working days)"],
    );
}

// ------------------------------------------------------------ caseload

/// `n` children looked after from Mon 8 Jan 2024, all allocated to `ia`
/// (`fte`), checked on Mon 3 Jun 2024.
fn caseload(n: usize, fte: &str, policy: Option<&str>) -> Out {
    let mut b = RepoB::new();
    b.iro("ia", fte, None);
    if let Some(p) = policy {
        b.policy(p);
    }
    for i in 0..n {
        b.child(&format!("C{i:03}"), "2012-05-10")
            .care_from("2024-01-08");
    }
    b.run("2024-06-03")
}

#[track_caller]
fn assert_caseload(o: &Out, has: &[&str]) {
    let f = "iros/ia.yaml";
    assert_diag(
        o.one("caseload"),
        "caseload",
        Warning,
        f,
        o.field(f, "fte"),
        None,
        has,
    );
}

#[test]
fn caseload_full_time_50_to_70() {
    caseload(50, "1.0", None).none("caseload");
    caseload(70, "1.0", None).none("caseload");
    assert_caseload(
        &caseload(49, "1.0", None),
        &["49 children allocated on 2024-06-03 at 1 FTE: 49 per FTE, outside 50-70"],
    );
    assert_caseload(
        &caseload(71, "1.0", None),
        &[
            "71 children allocated on 2024-06-03",
            "71 per FTE, outside 50-70",
        ],
    );
}

#[test]
fn caseload_half_time() {
    // 0.5 FTE: 25 children = 50 per FTE, 35 = 70; 24 = 48, 36 = 72.
    caseload(25, "0.5", None).none("caseload");
    caseload(35, "0.5", None).none("caseload");
    assert_caseload(
        &caseload(24, "0.5", None),
        &["24 children allocated on 2024-06-03 at 0.5 FTE: 48 per FTE, outside 50-70"],
    );
    assert_caseload(&caseload(36, "0.5", None), &["36 children", "72 per FTE"]);
}

#[test]
fn caseload_one_child_is_one_child() {
    assert_caseload(
        &caseload(1, "1.0", None),
        &["1 child allocated on 2024-06-03 at 1 FTE: 1 per FTE, outside 50-70"],
    );
}

#[test]
fn caseload_range_from_policy() {
    caseload(3, "1.0", Some("caseload_per_fte = [2, 3]")).none("caseload");
    assert_caseload(
        &caseload(4, "1.0", Some("caseload_per_fte = [2, 3]")),
        &["4 per FTE, outside 2-3"],
    );
}

#[test]
fn caseload_counts_only_children_looked_after_at_the_check_date() {
    // 49 children looked after, plus three allocated to `ia` who do not count
    // on 3 Jun 2024: short breaks only, care ended 1 Mar, and 18 that day.
    // Had any of them counted, the caseload would be 50 (inside the range).
    let mut b = RepoB::new();
    for i in 0..49 {
        b.child(&format!("C{i:03}"), "2012-05-10")
            .care_from("2024-01-08");
    }
    b.child("SB", "2012-05-10")
        .ep(Ep::start("2024-01-08").ls("V4"))
        .allocate("ia", "2024-01-08");
    b.child("GONE", "2012-05-10")
        .ep(Ep::start("2024-01-08").end("2024-03-01", "E13"))
        .allocate("ia", "2024-01-08");
    // Born 3 Jun 2006: 18 on the check date itself.
    b.child("ADULT", "2006-06-03").care_from("2024-01-08");
    let o = b.run("2024-06-03");
    assert_caseload(&o, &["49 children allocated on 2024-06-03"]);
}
