//! Plans: care-plan-10wd (not where s.31A applies), care-plan-current,
//! permanence-second.

use super::ctx::Ctx;
use crate::codes::{PlanKind, ReviewKind};
use crate::diag::Diagnostic;

/// Check plans against the periods and reviews.
pub fn check(cx: &mut Ctx<'_>) {
    let care_plans: Vec<chrono::NaiveDate> = cx
        .child
        .plans
        .iter()
        .filter(|p| p.rec.kind.value == PlanKind::Care)
        .map(|p| p.date)
        .collect();
    let mut found = Vec::new();
    let periods = cx.facts.periods.clone();
    for (pi, p) in periods.iter().enumerate() {
        if p.short_breaks_only || p.before_records {
            continue;
        }
        // From the first full-time placement (short breaks turned full-time
        // begin reg 33 care on that day).
        let began = p.reg33_from.unwrap_or(p.start);
        let what = if began == p.start {
            "care began"
        } else {
            "reg 33 applied from"
        };
        let deadline = cx.cal.add_working_days(began, 10);
        // CPPCR 4(2): "Except in the case of a child to whom section 31A
        // (care orders: care plans) applies": a child on an interim (C1) or
        // full (C2) care order by the deadline has the care plan the court
        // asked for under s.31A, and no 10-day deadline.
        if s31a_by(cx, p, deadline) {
            continue;
        }
        let prev_end = if pi > 0 { periods[pi - 1].end } else { None };
        let has = care_plans
            .iter()
            .any(|d| *d <= deadline && prev_end.is_none_or(|e| *d > e));
        if !has && cx.as_of > deadline {
            let first = care_plans
                .iter()
                .find(|d| **d > deadline && prev_end.is_none_or(|e| **d > e));
            let msg = match first {
                Some(d) => format!(
                    "{what} {began}; the first care plan is dated {d}, after the deadline {deadline} (10 working days)"
                ),
                None => format!(
                    "{what} {began}; no care plan is dated on or before {deadline} (10 working days)"
                ),
            };
            let pos = cx
                .child
                .rec
                .episodes
                .get(p.episodes.start)
                .map(|e| e.start.pos())
                .unwrap_or((1, 1));
            found.push((
                cx.child.file.clone(),
                Diagnostic::new("care-plan-10wd", msg)
                    .at(pos.0, pos.1)
                    .hint("add the care plan to plans/ with its date (iro new plan)"),
            ));
        }
    }
    // care-plan-current and permanence-second, period by period, held cla reviews.
    let held: Vec<_> = cx
        .facts
        .schedule
        .held
        .iter()
        .filter(|h| {
            h.kind == ReviewKind::Cla && !h.short_break && !cx.child.reviews[h.review].imported()
        })
        .cloned()
        .collect();
    let mut prev: Option<(Option<usize>, chrono::NaiveDate)> = None;
    let mut permanence_seen: Option<usize> = None;
    for h in &held {
        let r = &cx.child.reviews[h.review];
        let same_period = prev.is_some_and(|(p, _)| p == h.period);
        if !same_period {
            permanence_seen = None;
        }
        match &r.rec.care_plan {
            None => found.push((r.file.clone(), Diagnostic::new("care-plan-current", format!("review held {} records no care plan", r.date)).at_sp(&r.rec.kind).hint("add `care_plan: YYYY-MM-DD`, the date of the plan considered (no care plan, no review)"))),
            Some(cp) => {
                if let Some((_, prev_date)) = prev.filter(|_| same_period)
                    && cp.0 <= prev_date {
                        found.push((r.file.clone(), Diagnostic::new("care-plan-current", format!("the care plan considered is dated {}, not updated since the previous review {prev_date}", cp.value)).at_sp(cp).hint("the plan should be updated for each review; if it was not, consider standing the review down")));
                    }
            }
        }
        if r.rec.permanence.is_some() && permanence_seen.is_none() {
            permanence_seen = Some(h.ordinal);
        }
        if h.ordinal == 2 && permanence_seen.is_none() {
            found.push((r.file.clone(), Diagnostic::new("permanence-second", format!("second review held {} and no permanence option recorded at this or the first review", r.date)).at_sp(&r.rec.kind).hint("record `permanence:` (return-home, adoption, sgo, long-term-fostering, ...) and raise a practice alert if there is drift")));
        }
        prev = Some((h.period, r.date));
    }
    for (f, d) in found {
        cx.push(&f, d);
    }
}

/// Whether s.31A (care orders: care plans) applies to the child in period `p`
/// by `deadline`: an episode of the period beginning on or before it has
/// legal status C1 (interim care order: a care order application is before
/// the court) or C2 (a care order made on such an application).
fn s31a_by(cx: &Ctx<'_>, p: &crate::model::period::Period, deadline: chrono::NaiveDate) -> bool {
    use crate::codes::LegalStatus;
    cx.child.rec.episodes[p.episodes.clone()].iter().any(|e| {
        e.start.0 <= deadline && matches!(e.legal_status.value, LegalStatus::C1 | LegalStatus::C2)
    })
}
