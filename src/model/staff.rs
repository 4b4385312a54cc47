//! IROs and children: who is allocated to whom, who is in post, and who
//! counts on a caseload. One definition each, shared by the allocation and
//! caseload rules, the figures, the due list and the letters.

use crate::calendar::age_on;
use crate::model::ChildFacts;
use crate::records::{Child, Iro};
use chrono::NaiveDate;

/// The IRO allocated to a child on `d`: the latest allocation from on or before `d`.
pub fn allocated_on(child: &Child, d: NaiveDate) -> Option<&str> {
    child
        .rec
        .iro
        .iter()
        .rev()
        .find(|a| a.from.0 <= d)
        .map(|a| a.iro.as_str())
}

/// Whether an IRO is in post on `d`: started on or before it (or no start
/// recorded) and not left before it.
pub fn in_post(iro: &Iro, d: NaiveDate) -> bool {
    iro.rec.started.as_ref().is_none_or(|s| s.0 <= d)
        && iro.rec.left.as_ref().is_none_or(|l| l.0 >= d)
}

/// Whether a child counts on an IRO's caseload on `d`: looked after (not
/// short breaks only) and under 18, or a care leaver with pathway reviews.
pub fn on_caseload(child: &Child, facts: &ChildFacts, d: NaiveDate) -> bool {
    let la = crate::model::period::period_on(&facts.periods, d)
        .is_some_and(|p| !p.short_breaks_only)
        && age_on(child.rec.dob.0, d) < 18;
    la || facts.pathway_next.is_some()
}
