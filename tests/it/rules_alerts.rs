//! Boundary tests for practice alerts: drp-20wd and alert-stages.

use crate::common::*;
use iro::diag::Severity::{Error, Warning};

const ALERT: &str = "2024-11-25";

/// A practice alert raised Mon 25 Nov 2024 for a child looked after since
/// 4 Nov 2024, built by `f`.
fn alert(as_of: &str, policy: Option<&str>, f: impl FnOnce(&mut AlertB)) -> Out {
    let mut b = RepoB::new();
    if let Some(p) = policy {
        b.policy(p);
    }
    let c = b.child("C1", "2012-05-10");
    c.care_from("2024-11-04");
    f(c.alert(ALERT, "drift"));
    b.run(as_of)
}

fn file() -> String {
    alert_file("C1", ALERT, "drift")
}

// ------------------------------------------------------------ drp-20wd

#[test]
fn drp_20wd_resolved_on_the_20th_vs_21st_working_day() {
    // First formal stage (drp1) Mon 2 Dec 2024 + 20 WD = Thu 2 Jan 2025
    // (see the spec: Mon 2 Dec 2024 + 20 = Thu 2 Jan 2025).
    alert("2025-01-10", None, |a| {
        a.stage("informal", "2024-11-25")
            .stage("drp1", "2024-12-02")
            .resolved("2025-01-02");
    })
    .none("drp-20wd");
    let o = alert("2025-01-10", None, |a| {
        a.stage("informal", "2024-11-25")
            .stage("drp1", "2024-12-02")
            .resolved("2025-01-03");
    });
    let f = file();
    assert_diag(
        o.one("drp-20wd"),
        "drp-20wd",
        Warning,
        &f,
        o.field(&f, "resolved"),
        Some("C1"),
        &[
            "formal dispute from 2024-12-02 resolved 2025-01-03",
            "due by 2025-01-02 (20 working days)",
            "1 working day late",
        ],
    );
}

#[test]
fn drp_20wd_counts_from_the_first_formal_stage() {
    // Escalating to drp2 on 20 Dec does not restart the 20 working days.
    let o = alert("2025-01-10", None, |a| {
        a.stage("informal", "2024-11-25")
            .stage("drp1", "2024-12-02")
            .stage("drp2", "2024-12-20")
            .resolved("2025-01-03");
    });
    assert!(
        o.one("drp-20wd")
            .message
            .contains("from 2024-12-02 resolved 2025-01-03, due by 2025-01-02")
    );
    // Straight to drp2 (no informal stage): drp2 is the first formal stage.
    let o = alert("2025-01-10", None, |a| {
        a.stage("drp2", "2024-12-02").resolved("2025-01-03");
    });
    assert!(
        o.one("drp-20wd")
            .message
            .contains("from 2024-12-02 resolved 2025-01-03")
    );
}

#[test]
fn drp_20wd_open_and_past_the_limit() {
    let build = |as_of: &str| {
        alert(as_of, None, |a| {
            a.stage("informal", "2024-11-25")
                .stage("drp1", "2024-12-02");
        })
    };
    build("2025-01-02").none("drp-20wd");
    let o = build("2025-01-03");
    let f = file();
    assert_diag(
        o.one("drp-20wd"),
        "drp-20wd",
        Warning,
        &f,
        o.pos(&f, "stage: drp1", "2024-12-02"),
        Some("C1"),
        &[
            "formal dispute from 2024-12-02 still open on 2025-01-03",
            "21 working days since the first formal stage, limit 20",
        ],
    );
}

#[test]
fn drp_20wd_informal_only_is_never_a_formal_dispute() {
    alert("2025-06-02", None, |a| {
        a.stage("informal", "2024-11-25");
    })
    .none("drp-20wd");
}

#[test]
fn drp_20wd_policy_working_days() {
    // drp_stage_within_working_days = 10: Mon 2 Dec 2024 + 10 WD = Mon 16 Dec.
    let p = Some("drp_stage_within_working_days = 10");
    alert("2025-01-10", p, |a| {
        a.stage("drp1", "2024-12-02").resolved("2024-12-16");
    })
    .none("drp-20wd");
    let o = alert("2025-01-10", p, |a| {
        a.stage("drp1", "2024-12-02").resolved("2024-12-17");
    });
    assert!(
        o.one("drp-20wd")
            .message
            .contains("due by 2024-12-16 (10 working days): 1 working day late")
    );
}

// ------------------------------------------------------------ alert-stages

#[test]
fn alert_stages_climb_in_order() {
    alert("2025-01-10", None, |a| {
        a.stage("informal", "2024-12-02")
            .stage("drp1", "2024-12-02")
            .stage("drp2", "2024-12-02")
            .stage("drp3", "2024-12-02")
            .stage("cafcass", "2024-12-02")
            .resolved("2024-12-02");
    })
    .none("alert-stages");
    let o = alert("2025-01-10", None, |a| {
        a.stage("drp1", "2024-12-02")
            .stage("informal", "2024-12-03")
            .resolved("2024-12-04");
    });
    let f = file();
    assert_diag(
        o.one("alert-stages"),
        "alert-stages",
        Error,
        &f,
        o.pos(&f, "stage: informal", "informal"),
        Some("C1"),
        &["stage informal follows drp1"],
    );
    // The same stage twice does not climb.
    let o = alert("2025-01-10", None, |a| {
        a.stage("drp1", "2024-12-02")
            .stage("drp1", "2024-12-03")
            .resolved("2024-12-04");
    });
    let d = o.one("alert-stages");
    assert!(d.message.contains("stage drp1 follows drp1"), "{d:?}");
    assert_eq!((d.line, d.column), o.pos_nth(&f, "stage: drp1", "drp1", 1));
}

#[test]
fn alert_stages_dates_never_go_back() {
    // Same day: fine.
    alert("2025-01-10", None, |a| {
        a.stage("informal", "2024-12-05")
            .stage("drp1", "2024-12-05")
            .resolved("2024-12-05");
    })
    .none("alert-stages");
    // A day earlier than the previous stage.
    let o = alert("2025-01-10", None, |a| {
        a.stage("informal", "2024-12-05")
            .stage("drp1", "2024-12-04")
            .resolved("2024-12-06");
    });
    let f = file();
    assert_diag(
        o.one("alert-stages"),
        "alert-stages",
        Error,
        &f,
        o.pos(&f, "stage: drp1", "2024-12-04"),
        Some("C1"),
        &["stage dated 2024-12-04 is before the previous stage 2024-12-05"],
    );
    // Resolved the day before the last stage.
    let o = alert("2025-01-10", None, |a| {
        a.stage("informal", "2024-12-04")
            .stage("drp1", "2024-12-05")
            .resolved("2024-12-04");
    });
    assert_diag(
        o.one("alert-stages"),
        "alert-stages",
        Error,
        &f,
        o.field(&f, "resolved"),
        Some("C1"),
        &["resolved 2024-12-04 before its last stage 2024-12-05"],
    );
}

#[test]
fn alert_stages_good_practice_has_none() {
    let build = |with_stage: bool| {
        let mut b = RepoB::new();
        let c = b.child("C1", "2012-05-10");
        c.care_from("2024-11-04");
        let a = c.good_practice(ALERT, "thanks");
        if with_stage {
            a.stage("informal", "2024-11-26");
        }
        b.run("2025-01-10")
    };
    build(false).none("alert-stages");
    let o = build(true);
    let f = alert_file("C1", ALERT, "thanks");
    assert_diag(
        o.one("alert-stages"),
        "alert-stages",
        Error,
        &f,
        // The first stage entry.
        o.pos(&f, "- { stage: informal", "{"),
        Some("C1"),
        &["a good practice notification has no stages"],
    );
    o.none("drp-20wd");
}
