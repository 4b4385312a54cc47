pub mod registry;

use crate::diag::Diagnostic;
use crate::records::Repo;
use chrono::NaiveDate;

/// Run every regulation rule as of a date.
pub fn run(_repo: &Repo, _as_of: NaiveDate) -> Vec<Diagnostic> {
    Vec::new()
}
