//! Health (CPPCR 7): the assessment in date on every review date, an
//! assessment done late between reviews (health-assessment), and one
//! overdue on the check date (health-overdue).

use super::ctx::{Ctx, late_by};
use crate::codes::ReviewKind;
use crate::diag::Diagnostic;
use crate::model::current::{Latest, health_assessment};
use crate::model::health::{counting, timetable};
use crate::model::period::period_on;
use crate::span::Sp;

/// Check the child's health assessments.
pub fn check(cx: &mut Ctx<'_>) {
    let child = cx.child;
    let dob = child.rec.dob.0;
    let all = &child.rec.health_assessments;
    let mut found = Vec::new();
    // On every held reg 33 review date: the latest assessment that counts
    // for the period is in date.
    for h in cx.facts.schedule.held.iter().filter(|h| {
        h.kind == ReviewKind::Cla && !h.short_break && !child.reviews[h.review].imported()
    }) {
        let r = &child.reviews[h.review];
        let Some(p) = h
            .period
            .and_then(|i| cx.facts.periods.get(i))
            .or_else(|| period_on(&cx.facts.periods, r.date))
        else {
            continue;
        };
        // Placed for adoption: CPPCR 3 takes the child out of reg 7.
        if p.placed_for_adoption_on(r.date) {
            continue;
        }
        let has: Vec<Sp<crate::day::Day>> = counting(child, p, r.date)
            .into_iter()
            .map(|i| all[i].clone())
            .collect();
        let before = all.iter().any(|d| d.0 <= r.date) && has.is_empty();
        match health_assessment(dob, &has, r.date) {
            Latest::Current { .. } => {}
            Latest::Stale { on, due, months } => {
                found.push((r.file.clone(), Diagnostic::new("health-assessment", format!("on the review date {} the latest health assessment is {on}, more than {months} months old (due by {due})", r.date)).at_sp(&r.rec.kind).hint("record the health assessment date in child.yaml, or raise the delay at the review")));
            }
            Latest::Missing if before => found.push((
                r.file.clone(),
                Diagnostic::new(
                    "health-assessment",
                    format!(
                        "no health assessment since care began {} recorded on or before the review date {} (one made before care began counts only in the 3 months before)",
                        crate::model::health::reg7_from(p).unwrap_or(p.start),
                        r.date
                    ),
                )
                .at_sp(&r.rec.kind)
                .hint("record the initial health assessment in child.yaml (`health_assessments:`), or raise the delay at the review"),
            )),
            Latest::Missing => found.push((
                r.file.clone(),
                Diagnostic::new(
                    "health-assessment",
                    format!(
                        "no health assessment recorded on or before the review date {}",
                        r.date
                    ),
                )
                .at_sp(&r.rec.kind)
                .hint("add `health_assessments: [YYYY-MM-DD]` in child.yaml"),
            )),
        }
    }
    // Between reviews: an assessment done late, or overdue on the check date,
    // where no review has said so.
    let dates: Vec<_> = all.iter().map(|d| d.0).collect();
    for due in timetable(child, cx.facts, cx.cal, cx.as_of) {
        if due.seen_at_review || !due.late(&dates, cx.as_of) {
            continue;
        }
        let what = due.what();
        let by = due.by;
        let (l, c) = pos(cx, &due);
        match (due.done, due.care_ended) {
            (Some(i), _) => {
                let on = dates[i];
                found.push((child.file.clone(), Diagnostic::new("health-assessment", format!("health assessment done {on}: {what} was due by {by}, {} late", late_by(cx.cal, by, on))).at_sp(&all[i]).hint("no review was held while it was overdue: raise the delay at the next review")));
            }
            (None, Some(end)) => {
                found.push((
                    child.file.clone(),
                    Diagnostic::new(
                        "health-overdue",
                        format!("{what} was due by {by} and was not done before care ended {end}"),
                    )
                    .at(l, c)
                    .hint("record it in `health_assessments:` in child.yaml if it was done"),
                ));
            }
            (None, None) => {
                found.push((child.file.clone(), Diagnostic::new("health-overdue", format!("{what} was due by {by} and is not recorded as of {}: {} overdue", cx.as_of, late_by(cx.cal, by, cx.as_of))).at(l, c).hint("arrange the health assessment, or record it in `health_assessments:` in child.yaml if it was done")));
            }
        }
    }
    for (f, d) in found {
        cx.push(&f, d);
    }
}

/// Where an overdue assessment points: the assessment it follows, or the
/// start of the period.
fn pos(cx: &Ctx<'_>, due: &crate::model::health::Due) -> (u32, u32) {
    let all = &cx.child.rec.health_assessments;
    if let Some((on, _)) = due.after
        && let Some(d) = all.iter().find(|d| d.0 == on)
    {
        return d.pos();
    }
    cx.facts
        .periods
        .get(due.period)
        .and_then(|p| cx.child.rec.episodes.get(p.episodes.start))
        .map(|e| e.start.pos())
        .unwrap_or((1, 1))
}
