//! How care is arranged and how it ends: short-breaks-limit (reg 48's limits
//! passed) and review-before-ceasing (a s.20 child leaving care other than to
//! a parent is reviewed first, CPPCR 33(3)(e)).

use super::ctx::Ctx;
use crate::calendar::{add_days, birthday};
use crate::codes::{LegalStatus, ReviewKind};
use crate::diag::Diagnostic;

/// Check every period of the child.
pub fn check(cx: &mut Ctx<'_>) {
    let mut found = Vec::new();
    let periods = cx.facts.periods.clone();
    for p in &periods {
        if let Some(l) = p.limit_passed {
            let ep = &cx.child.rec.episodes[l.episode];
            let msg = if l.single_stay {
                format!(
                    "the short break from {} is {} nights, more than reg 48's 17: reg 33 applies from {}",
                    ep.start.value, l.days, l.on
                )
            } else {
                format!(
                    "short breaks reach {} nights in the 12 months to {}, more than reg 48's 75: reg 33 applies from that day",
                    l.days, l.on
                )
            };
            found.push((
                cx.child.file.clone(),
                Diagnostic::new("short-breaks-limit", msg)
                    .at_sp(&ep.start)
                    .hint("the child's reviews follow reg 33 from that day (first review within 20 working days); if the care is full-time, record it with its legal status (not V3/V4)"),
            ));
        }
        ceasing(cx, p, &mut found);
    }
    for (f, d) in found {
        cx.push(&f, d);
    }
}

/// review-before-ceasing for one period.
fn ceasing(cx: &Ctx<'_>, p: &crate::model::period::Period, found: &mut Vec<(String, Diagnostic)>) {
    let (Some(end), Some(why)) = (p.end, p.reason_ended) else {
        return;
    };
    let last = &cx.child.rec.episodes[p.episodes.end - 1];
    let b18 = birthday(cx.child.rec.dob.0, 18);
    if last.legal_status.value != LegalStatus::V2
        || why.no_review_before_ceasing()
        || add_days(end, 1) >= b18
        || end > cx.as_of
        || p.before_records && p.episodes.len() == 1
    {
        return;
    }
    let weeks = cx.repo.config.policy.ceasing_review_weeks;
    let from = if weeks == 0 {
        p.start
    } else {
        add_days(end, -7 * i64::from(weeks)).max(p.start)
    };
    let held = cx.child.reviews.iter().any(|r| {
        r.held() && r.rec.kind.value == ReviewKind::Cla && r.date >= from && r.date <= end
    });
    if held {
        return;
    }
    let window = if weeks == 0 {
        "during the period of care".to_string()
    } else {
        format!("in the {weeks} weeks before")
    };
    let prev = cx
        .child
        .reviews
        .iter()
        .rfind(|r| {
            r.held() && r.rec.kind.value == ReviewKind::Cla && r.date <= end && p.contains(r.date)
        })
        .map(|r| format!(" (the last review was {})", r.date))
        .unwrap_or_default();
    let at = last
        .reason_ended
        .as_ref()
        .map_or(last.start.pos(), |r| r.pos());
    found.push((
        cx.child.file.clone(),
        Diagnostic::new(
            "review-before-ceasing",
            format!(
                "accommodation under section 20 ended {end} ({}, {}) with no review {window}{prev}",
                why.code(),
                why.label()
            ),
        )
        .at(at.0, at.1)
        .hint("a child accommodated under s.20 who is not going home to a parent is reviewed before care ends; the window is [policy] ceasing_review_weeks in iro.toml"),
    ));
}
