//! Education: pep-termly (a child of compulsory school age has a personal
//! education plan reviewed within the last school term at each review).

use super::ctx::Ctx;
use crate::codes::ReviewKind;
use crate::diag::Diagnostic;
use crate::model::current::{Latest, pep, school_age_on};

/// Check the PEP at every held cla review.
pub fn check(cx: &mut Ctx<'_>) {
    let months = cx.repo.config.policy.pep_within_months;
    let dob = cx.child.rec.dob.0;
    let short = cx.facts.schedule.short_break_reviews();
    let mut found = Vec::new();
    for (i, r) in cx.child.reviews.iter().enumerate() {
        if !r.held()
            || r.imported()
            || r.rec.kind.value != ReviewKind::Cla
            || short.contains(&i)
            || !school_age_on(dob, r.date)
        {
            continue;
        }
        let msg = match pep(&cx.child.rec.peps, r.date, months) {
            Latest::Current { .. } => continue,
            Latest::Stale { on, due, .. } => format!(
                "on the review date {} the latest personal education plan is {on}, more than {months} months old (due by {due})",
                r.date
            ),
            Latest::Missing => format!(
                "no personal education plan recorded on or before the review date {} (the child is of compulsory school age)",
                r.date
            ),
        };
        found.push((
            r.file.clone(),
            Diagnostic::new("pep-termly", msg)
                .at_sp(&r.rec.kind)
                .hint("record the PEP review date in `peps:` in child.yaml, or raise the delay at the review; the window is [policy] pep_within_months"),
        ));
    }
    for (f, d) in found {
        cx.push(&f, d);
    }
}
