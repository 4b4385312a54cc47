//! IROs and children: who is allocated to whom, who is in post, and who
//! counts on a caseload. One definition each, shared by the allocation and
//! caseload rules, the figures, the due list and the letters.

use crate::calendar::age_on;
use crate::model::ChildFacts;
use crate::model::period::Period;
use crate::records::config::Policy;
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

/// Whether a child counts on an IRO's caseload on `d` (the check date of
/// `facts`): looked after (not short breaks) and under 18; and, where the
/// service counts them (`caseload_counts_care_leavers`), a care leaver out of
/// care who is owed pathway reviews.
pub fn on_caseload(child: &Child, facts: &ChildFacts, policy: &Policy, d: NaiveDate) -> bool {
    looked_after_for_caseload(child, &facts.periods, d)
        || policy.caseload_counts_care_leavers && facts.pathway_next.is_some()
}

/// The same test on any date `d`, from the periods alone.
pub fn on_caseload_on(child: &Child, periods: &[Period], policy: &Policy, d: NaiveDate) -> bool {
    looked_after_for_caseload(child, periods, d)
        || policy.caseload_counts_care_leavers
            && crate::model::schedule::pathway_next(child, periods, policy, d).is_some()
}

fn looked_after_for_caseload(child: &Child, periods: &[Period], d: NaiveDate) -> bool {
    crate::model::period::in_care_on(periods, d).is_some() && age_on(child.rec.dob.0, d) < 18
}
