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
//! whose care ended by adoption, special guardianship or a child
//! arrangements order, by going to live with someone without parental
//! responsibility, or by transfer to another authority is not a care leaver
//! (REC E11-E13, E2, E3, E41, E45-E48). One who went home to a parent or a
//! person with parental responsibility (E4A, E4B) stays relevant until they
//! have lived there for a continuous six months (CLR 2010 reg 3), then is
//! not a care leaver.

use super::period::{Period, days_looked_after, in_care_on};
use crate::calendar::{add_days, add_months, age_on, birthday};
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
    matches!(r, E11 | E12 | E13 | E2 | E3 | E41 | E45 | E46 | E47 | E48)
}

/// Care ended with the child going home to a parent or a person with
/// parental responsibility (E4A, E4B): relevant for six months (CLR 3).
fn went_home(r: ReasonEnded) -> bool {
    matches!(r, ReasonEnded::E4A | ReasonEnded::E4B)
}

/// The last period of care (not short breaks) that ended on or before `on`.
fn last_ended(periods: &[Period], on: NaiveDate) -> Option<&Period> {
    periods
        .iter()
        .rfind(|p| !p.short_breaks_only && p.end.is_some_and(|e| e <= on))
}

/// When the last period of care that ended on or before `on` ended with the
/// young person going home to a parent or a person with parental
/// responsibility (E4A, E4B): the first day on which they have lived there
/// for a continuous six months. Home from the day after care ended (the
/// episode's end date is a day in care), so for care ending 2024-03-01 the
/// six months run 2024-03-02 to 2024-09-01 and this is 2024-09-02. From
/// that day a relevant child is no longer one (CLR 2010 reg 3). A return to
/// care before then is a new period: this is `None` while it lasts.
pub fn home_six_months(periods: &[Period], on: NaiveDate) -> Option<NaiveDate> {
    if in_care_on(periods, on).is_some() {
        return None;
    }
    let p = last_ended(periods, on)?;
    let end = p.end?;
    went_home(p.reason_ended?).then(|| add_months(add_days(end, 1), 6))
}

/// Whether the child's last period of care that ended on or before `on`
/// ended by leaving care (independent living, staying put, custody, turning
/// 18...), or by going home less than six months before `on`, rather than
/// going to an order or settling at home.
fn left_care_as_a_care_leaver(periods: &[Period], on: NaiveDate) -> bool {
    match last_ended(periods, on).and_then(|p| p.reason_ended) {
        None => true,
        Some(r) if went_home(r) => home_six_months(periods, on).is_none_or(|s| on < s),
        Some(r) => !ended_without_leaving_care(r),
    }
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
        // Relevant the day before 18 after going home, they stay former
        // relevant only while they would still be relevant if under 18:
        // until six months at home.
        let settled = !at_18 && home_six_months(periods, on).is_some_and(|s| on >= s);
        let qualifies = qualified_by(dob, periods, day_before_18)
            && (at_18 || left_care_as_a_care_leaver(periods, day_before_18))
            && !settled;
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

/// The first day, on or after the 16th birthday and on or before `as_of`,
/// on which the young person was an eligible child: looked after and
/// qualified (the 16th birthday itself, or the later day they came into
/// care or completed their 13 weeks). CPPCR 42(1) counts the 3 months for
/// the needs assessment from this day.
pub fn first_eligible(dob: NaiveDate, periods: &[Period], as_of: NaiveDate) -> Option<NaiveDate> {
    let last = birthday(dob, 18).pred_opt()?.min(as_of);
    let mut d = birthday(dob, 16);
    while d <= last {
        if in_care_on(periods, d).is_some() && qualified_by(dob, periods, d) {
            return Some(d);
        }
        d = d.succ_opt()?;
    }
    None
}

/// An eligible child's pathway plan deadline (CPPCR 42(1), 43) that no
/// pathway plan on file meets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathwayPlanDue {
    /// The day the young person became an eligible child (`first_eligible`).
    pub from: NaiveDate,
    /// Whether that day is the 16th birthday.
    pub at_16: bool,
    /// The last day in time: `from` + 3 months.
    pub by: NaiveDate,
    /// The first pathway plan dated after `by`, if any.
    pub late_plan: Option<NaiveDate>,
}

/// The pathway plan owed as of `as_of` and not yet met by a plan on or
/// before its deadline (`pathway_plans`: the dates of the child's plans of
/// kind `pathway`). A plan made before the young person became eligible
/// counts. None when none is owed: never eligible, a plan in time, or no
/// longer a care leaver (adopted, an order, settled at home) by the
/// deadline or the check date, whichever comes first.
pub fn pathway_plan_due(
    dob: NaiveDate,
    periods: &[Period],
    pathway_plans: &[NaiveDate],
    as_of: NaiveDate,
) -> Option<PathwayPlanDue> {
    let from = first_eligible(dob, periods, as_of)?;
    let by = add_months(from, 3);
    if pathway_plans.iter().any(|d| *d <= by) {
        return None;
    }
    status(dob, periods, by.min(as_of))?;
    Some(PathwayPlanDue {
        from,
        at_16: from == birthday(dob, 16),
        by,
        late_plan: pathway_plans.iter().copied().filter(|d| *d > by).min(),
    })
}

/// `pathway_plan_due` for a child and their plan files of kind `pathway`:
/// what `check` (`pathway-plan`) and `iro due` share.
pub fn child_pathway_plan_due(
    child: &crate::records::Child,
    periods: &[Period],
    as_of: NaiveDate,
) -> Option<PathwayPlanDue> {
    let plans: Vec<NaiveDate> = child
        .plans
        .iter()
        .filter(|p| p.rec.kind.value == crate::codes::PlanKind::Pathway)
        .map(|p| p.date)
        .collect();
    pathway_plan_due(child.rec.dob.0, periods, &plans, as_of)
}
