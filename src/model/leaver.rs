//! Care-leaver status (Children (Leaving Care) Act 2000; CLR 2010), derived
//! from the episodes and the date of birth, never typed in.
//!
//! - **eligible**: 16 or 17, looked after, and looked after for at least 13
//!   weeks (91 days) in total since the 14th birthday, ending on or after the
//!   16th birthday;
//! - **relevant**: 16 or 17, no longer looked after, and was eligible when care
//!   ceased;
//! - **former relevant**: 18 to 20 (up to 25 in education or training, not
//!   derivable from records), and was eligible or relevant at 18.
//!
//! Short-break-only care does not count towards the 13 weeks. A young person
//! whose care ended by going home, by adoption, special guardianship or a
//! child arrangements order, or by transfer to another authority is not a
//! care leaver (REC E11-E13, E2, E3, E41, E45-E48, E4A, E4B).

use super::period::{Period, days_looked_after, in_care_on};
use crate::calendar::{age_on, birthday};
use crate::codes::ReasonEnded;
use chrono::NaiveDate;
use serde::Serialize;

/// A care leaver's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeaverStatus {
    /// Looked after, 16-17, qualifying time.
    Eligible,
    /// Left care at 16-17 after being eligible.
    Relevant,
    /// 18-20 and eligible or relevant before 18.
    FormerRelevant,
}

impl LeaverStatus {
    /// Label for tables.
    pub fn label(self) -> &'static str {
        match self {
            LeaverStatus::Eligible => "eligible",
            LeaverStatus::Relevant => "relevant",
            LeaverStatus::FormerRelevant => "former relevant",
        }
    }
}

/// Whether the child had qualified (13 weeks since 14, some of it at 16+) by `on`.
fn qualified_by(dob: NaiveDate, periods: &[Period], on: NaiveDate) -> bool {
    let b14 = birthday(dob, 14);
    let b16 = birthday(dob, 16);
    if on < b16 {
        return false;
    }
    let looked_after_after_16 = periods
        .iter()
        .filter(|p| !p.short_breaks_only)
        .any(|p| p.end.is_none_or(|e| e >= b16) && p.start <= on);
    looked_after_after_16 && days_looked_after(periods, b14, on) >= 91
}

/// Care ended with the child going home, to an order (adoption, special
/// guardianship, child arrangements) or to another authority: not a care leaver.
fn ended_without_leaving_care(r: ReasonEnded) -> bool {
    use ReasonEnded::*;
    matches!(
        r,
        E11 | E12 | E13 | E2 | E3 | E41 | E45 | E46 | E47 | E48 | E4A | E4B
    )
}

/// Whether the child's last period of care that ended on or before `on`
/// ended by leaving care (independent living, staying put, custody, turning
/// 18...), rather than going home or to an order.
fn left_care_as_a_care_leaver(periods: &[Period], on: NaiveDate) -> bool {
    periods
        .iter()
        .rfind(|p| !p.short_breaks_only && p.end.is_some_and(|e| e <= on))
        .and_then(|p| p.reason_ended)
        .is_none_or(|r| !ended_without_leaving_care(r))
}

/// The status on `on`, or `None` when not a care leaver.
pub fn status(dob: NaiveDate, periods: &[Period], on: NaiveDate) -> Option<LeaverStatus> {
    let age = age_on(dob, on);
    if !(16..21).contains(&age) {
        return None;
    }
    if age >= 18 {
        let day_before_18 = birthday(dob, 18).pred_opt()?;
        let at_18 = in_care_on(periods, day_before_18).is_some();
        let qualifies = qualified_by(dob, periods, day_before_18)
            && (at_18 || left_care_as_a_care_leaver(periods, day_before_18));
        return qualifies.then_some(LeaverStatus::FormerRelevant);
    }
    let looked_after = in_care_on(periods, on).is_some();
    if !qualified_by(dob, periods, on) {
        return None;
    }
    if looked_after {
        Some(LeaverStatus::Eligible)
    } else {
        left_care_as_a_care_leaver(periods, on).then_some(LeaverStatus::Relevant)
    }
}
