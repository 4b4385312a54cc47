//! What every rule sees: the repository, one child and its derived facts,
//! the calendar and the check date.

use crate::calendar::Calendar;
use crate::diag::Diagnostic;
use crate::model::ChildFacts;
use crate::records::{Child, Repo};
use chrono::NaiveDate;

/// Context for the rules about one child.
pub struct Ctx<'a> {
    /// All records.
    pub repo: &'a Repo,
    /// The child.
    pub child: &'a Child,
    /// Periods and schedule.
    pub facts: &'a ChildFacts,
    /// Working days.
    pub cal: &'a Calendar,
    /// The check date.
    pub as_of: NaiveDate,
    /// Findings.
    pub out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// Record a finding about this child in `file`.
    pub fn push(&mut self, file: &str, d: Diagnostic) {
        self.out.push(d.file(file).child(self.child.id.as_str()));
    }
}

/// "1 working day", "3 working days".
pub fn wd(n: i64) -> String {
    if n == 1 {
        "1 working day".into()
    } else {
        format!("{n} working days")
    }
}

/// How late, in working days, or in calendar days when the deadline and
/// the event both fall on non-working days ("0 working days" helps no one).
pub fn late_by(
    cal: &crate::calendar::Calendar,
    due: chrono::NaiveDate,
    on: chrono::NaiveDate,
) -> String {
    let n = cal.working_days_between(due, on);
    if n > 0 {
        wd(n)
    } else {
        let d = (on - due).num_days();
        if d == 1 {
            "1 calendar day (a non-working day)".into()
        } else {
            format!("{d} calendar days (non-working days)")
        }
    }
}
