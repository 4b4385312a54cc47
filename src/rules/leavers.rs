//! Care leavers: pathway-plan (an eligible child's needs assessment and
//! pathway plan within 3 months of turning 16 or becoming eligible).
//! Pathway reviews (`pathway-6m`) are in `timeliness`.

use super::ctx::Ctx;
use crate::codes::PlanKind;
use crate::diag::Diagnostic;
use crate::model::leaver::child_pathway_plan_due;

/// The pathway plan, once its deadline has passed.
pub fn check(cx: &mut Ctx<'_>) {
    let Some(due) = child_pathway_plan_due(cx.child, &cx.facts.periods, cx.as_of) else {
        return;
    };
    if cx.as_of <= due.by {
        return;
    }
    let since = if due.at_16 {
        format!("3 months after the 16th birthday {}", due.from)
    } else {
        format!("3 months after becoming an eligible child {}", due.from)
    };
    let msg = match due.late_plan {
        Some(d) => format!(
            "the first pathway plan is dated {d}, after the deadline {} ({since})",
            due.by
        ),
        None => format!(
            "no pathway plan on file: due by {} ({since}), not made as of {}",
            due.by, cx.as_of
        ),
    };
    // Point at the plan that was late, or at the date of birth.
    let (file, pos) = match due.late_plan.and_then(|d| {
        cx.child
            .plans
            .iter()
            .find(|p| p.date == d && p.rec.kind.value == PlanKind::Pathway)
    }) {
        Some(p) => (p.file.clone(), p.rec.kind.pos()),
        None => (cx.child.file.clone(), cx.child.rec.dob.pos()),
    };
    cx.push(
        &file,
        Diagnostic::new("pathway-plan", msg)
            .at(pos.0, pos.1)
            .hint("add the pathway plan to plans/ with its date (iro new plan --kind pathway); the needs assessment comes first, within the same 3 months"),
    );
}
