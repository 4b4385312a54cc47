//! The health timetable of CPPCR reg 7, period by period: which health
//! assessments count for a period of care (one made before it only in the 3
//! months before it began), when each next one falls due, and whether it was
//! done in time, late, or not yet. Shared by the rules `health-assessment`
//! and `health-overdue` and by `iro due`.

use super::ChildFacts;
use super::current::health_interval;
use super::period::Period;
use crate::calendar::{Calendar, add_months, birthday};
use crate::codes::ReviewKind;
use crate::records::Child;
use chrono::NaiveDate;

/// An assessment made before care began counts only if care began not more
/// than this many months after it (CPPCR 7(2)).
pub const BEFORE_CARE_MONTHS: u32 = 3;

/// One assessment that fell due while reg 7 applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    /// Index of the period.
    pub period: usize,
    /// The deadline.
    pub by: NaiveDate,
    /// The assessment it follows, and its interval in months; `None` for the
    /// first assessment of the period (due by the first review).
    pub after: Option<(NaiveDate, u32)>,
    /// Index in `health_assessments` of the assessment that met it (on or
    /// after the previous one), if any was done by the check date.
    pub done: Option<usize>,
    /// Care (reg 7) ended on this day before it was done, if it did.
    pub care_ended: Option<NaiveDate>,
    /// A held cla review judged the child's health on a day after the
    /// deadline and before it was done: the review's finding says it.
    pub seen_at_review: bool,
}

impl Due {
    /// Done after the deadline, or not done and the deadline has passed.
    pub fn late(&self, dates: &[NaiveDate], as_of: NaiveDate) -> bool {
        match self.done {
            Some(i) => dates[i] > self.by,
            None => self.by < as_of,
        }
    }
    /// "the first health assessment of the period" or "the health assessment
    /// due 12 months after 2024-01-15".
    pub fn what(&self) -> String {
        match self.after {
            None => "the first health assessment since care began".into(),
            Some((on, m)) => format!("the health assessment due {m} months after {on}"),
        }
    }
}

/// Whether an assessment on `h` counts for a period of reg 7 care that
/// began on `start`: made in it, or not more than 3 months before it.
pub fn counts_for(h: NaiveDate, start: NaiveDate) -> bool {
    add_months(h, BEFORE_CARE_MONTHS) >= start
}

/// The day reg 7 applies from in a period (full-time care, not short breaks
/// under reg 48), if it ever does.
pub fn reg7_from(p: &Period) -> Option<NaiveDate> {
    if p.short_breaks_only {
        None
    } else {
        p.reg33_from
    }
}

/// The assessments (indexes into `health_assessments`, oldest first) that
/// count for period `p` on `day`: on or before `day`, and, unless the period
/// began before the records, made in the period or in the 3 months before
/// reg 7 began.
pub fn counting(child: &Child, p: &Period, day: NaiveDate) -> Vec<usize> {
    let Some(start) = reg7_from(p) else {
        return vec![];
    };
    let mut v: Vec<usize> = (0..child.rec.health_assessments.len())
        .filter(|i| {
            let h = child.rec.health_assessments[*i].0;
            h <= day && (p.before_records || counts_for(h, start))
        })
        .collect();
    v.sort_by_key(|i| child.rec.health_assessments[*i].0);
    v
}

/// Every assessment that fell due in the child's periods of reg 7 care up to
/// `as_of`, oldest first, and the next one due while care continues.
pub fn timetable(child: &Child, f: &ChildFacts, cal: &Calendar, as_of: NaiveDate) -> Vec<Due> {
    let dob = child.rec.dob.0;
    let adult = birthday(dob, 18);
    let dates: Vec<NaiveDate> = child.rec.health_assessments.iter().map(|d| d.0).collect();
    let mut out = Vec::new();
    for p in &f.periods {
        let Some(start) = reg7_from(p) else { continue };
        // Reg 7 applies to the child looked after, under 18.
        let last = p
            .end
            .unwrap_or(NaiveDate::MAX)
            .min(crate::calendar::add_days(adult, -1));
        if start > last {
            continue;
        }
        let has = counting(child, p, last.min(as_of));
        // Reviews that judged health on their date (reg 33, not imported).
        let reviews: Vec<NaiveDate> = f
            .schedule
            .held
            .iter()
            .filter(|h| {
                h.kind == ReviewKind::Cla
                    && h.period == Some(p.index)
                    && !h.short_break
                    && !child.reviews[h.review].imported()
                    && !p.placed_for_adoption_on(child.reviews[h.review].date)
            })
            .map(|h| child.reviews[h.review].date)
            .collect();
        // An imported child (an SSDA903 return carries no assessment dates):
        // the timetable runs from the first assessment recorded.
        let imported = child.rec.imported.is_some();
        if imported && has.is_empty() {
            continue;
        }
        // The first: by the first review, or its deadline if that is earlier
        // (CPPCR 7(1)), unless one counts from before care began.
        let mut due: Option<(NaiveDate, Option<(NaiveDate, u32)>)> =
            match has.first().map(|i| dates[*i]) {
                Some(h) if h <= start || imported => None,
                _ => {
                    let by = cal.add_working_days(start, 20);
                    Some((reviews.first().map_or(by, |r| by.min(*r)), None))
                }
            };
        let mut k = 0; // next counting assessment to look at
        if due.is_none() {
            // Chain from the latest made before care began.
            while !imported && k + 1 < has.len() && dates[has[k + 1]] <= start {
                k += 1;
            }
            due = Some(next_after(dob, dates[has[k]]));
            k += 1;
        }
        while let Some((by0, after)) = due {
            // A deadline that falls while placed for adoption moves to the day
            // the placement ends (reg 7 does not apply meanwhile: CPPCR 3).
            let by = p
                .adoption
                .iter()
                .find(|(s, e)| by0 >= *s && e.is_none_or(|e| by0 < e))
                .map_or(Some(by0), |(_, e)| *e);
            let Some(by) = by else { break };
            if by > last || by > as_of && k >= has.len() {
                // Not yet due, or care ended first: still listed when open.
                if by <= last && p.end.is_none_or(|e| e >= as_of) {
                    out.push(Due {
                        period: p.index,
                        by,
                        after,
                        done: None,
                        care_ended: None,
                        seen_at_review: false,
                    });
                }
                break;
            }
            let done = has.get(k).copied();
            // A review judges the assessments on or before its date: one on
            // the due date of the first (due by that review) or after the due
            // date of a later one, and before it was done, said it was missing.
            let seen_at_review = reviews.iter().any(|r| {
                let after_due = if after.is_none() { *r >= by } else { *r > by };
                let before_done = done.map_or(*r <= as_of.min(last), |i| *r < dates[i]);
                after_due && before_done
            });
            let care_ended = match done {
                None if last < as_of => Some(last),
                _ => None,
            };
            out.push(Due {
                period: p.index,
                by,
                after,
                done,
                care_ended,
                seen_at_review,
            });
            match done {
                Some(i) => {
                    due = Some(next_after(dob, dates[i]));
                    k += 1;
                }
                None => break,
            }
        }
    }
    out
}

/// The next assessment after one on `h`: 6 or 12 months.
fn next_after(dob: NaiveDate, h: NaiveDate) -> (NaiveDate, Option<(NaiveDate, u32)>) {
    let m = health_interval(dob, h);
    (add_months(h, m), Some((h, m)))
}
