//! Periods of care derived from SSDA903 episodes.
//!
//! A period starts at an episode with `reason_new: S` and ends at an episode
//! whose `reason_ended` is not X1. Within a period we keep the spans that
//! change the review timescale: placed for adoption (A3-A6) and placement
//! order (E1), and whether the period is short breaks only (V3/V4).

use crate::codes::{LegalStatus, ReasonEnded, ReasonNew};
use crate::records::ChildRec;
use chrono::NaiveDate;

/// One period of care.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    /// 0-based position among the child's periods.
    pub index: usize,
    /// First day looked after.
    pub start: NaiveDate,
    /// Day care ceased (the end of the last episode), if it has.
    pub end: Option<NaiveDate>,
    /// Why it ceased.
    pub reason_ended: Option<ReasonEnded>,
    /// Indexes of its episodes in `ChildRec::episodes`.
    pub episodes: std::ops::Range<usize>,
    /// Every episode is an agreed series of short breaks (V3/V4).
    pub short_breaks_only: bool,
    /// Spans placed for adoption: (start, end).
    pub adoption: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// Spans on a placement order (legal status E1): (start, end).
    pub placement_order: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// The period began before the records do (an imported child whose
    /// first episode is not `S`): `start` is where the records begin, not
    /// the day care began, and its earlier reviews are not on file.
    pub before_records: bool,
}

impl Period {
    /// Whether the child is looked after on `d` in this period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.start && self.end.is_none_or(|e| d <= e)
    }
    /// Whether the child is placed for adoption on `d`.
    pub fn placed_for_adoption_on(&self, d: NaiveDate) -> bool {
        in_spans(&self.adoption, d)
    }
    /// Whether the child is on a placement order on `d`.
    pub fn placement_order_on(&self, d: NaiveDate) -> bool {
        in_spans(&self.placement_order, d)
    }
}

fn in_spans(spans: &[(NaiveDate, Option<NaiveDate>)], d: NaiveDate) -> bool {
    spans
        .iter()
        .any(|(s, e)| d >= *s && e.is_none_or(|e| d < e))
}

/// Merge consecutive spans where one ends the day the next starts.
fn push_span(
    spans: &mut Vec<(NaiveDate, Option<NaiveDate>)>,
    start: NaiveDate,
    end: Option<NaiveDate>,
) {
    if let Some(last) = spans.last_mut()
        && last.1 == Some(start)
    {
        last.1 = end;
        return;
    }
    spans.push((start, end));
}

/// The child's periods of care, oldest first. Tolerates malformed episode
/// lists (the loader reports those): an episode that is not S but follows a
/// ceased period still opens a new one.
pub fn periods(child: &ChildRec) -> Vec<Period> {
    let eps = &child.episodes;
    let mut out: Vec<Period> = Vec::new();
    let mut open: Option<Period> = None;
    for (i, ep) in eps.iter().enumerate() {
        let start = ep.start.0;
        let end = ep.end.as_ref().map(|e| e.0);
        let starts_new = open.is_none()
            || ep.reason_new.value == ReasonNew::S
                && open.as_ref().is_some_and(|p| p.end.is_some());
        if starts_new {
            if let Some(p) = open.take() {
                out.push(p);
            }
            open = Some(Period {
                index: out.len(),
                start,
                end: None,
                reason_ended: None,
                episodes: i..i + 1,
                short_breaks_only: true,
                adoption: vec![],
                placement_order: vec![],
                before_records: out.is_empty()
                    && ep.reason_new.value != ReasonNew::S
                    && child.imported.is_some(),
            });
        }
        let p = open.as_mut().expect("a period is open");
        p.episodes.end = i + 1;
        if !ep.legal_status.is_short_break() {
            p.short_breaks_only = false;
        }
        if ep.placement.is_adoption() {
            push_span(&mut p.adoption, start, end);
        }
        if ep.legal_status.value == LegalStatus::E1 {
            push_span(&mut p.placement_order, start, end);
        }
        match (&ep.reason_ended, end) {
            (Some(r), Some(e)) if r.value != ReasonEnded::X1 => {
                p.end = Some(e);
                p.reason_ended = Some(r.value);
                out.push(open.take().expect("open"));
            }
            _ => {}
        }
    }
    if let Some(p) = open {
        out.push(p);
    }
    for (i, p) in out.iter_mut().enumerate() {
        p.index = i;
    }
    out
}

/// The period the child is in on `d`, if looked after that day.
pub fn period_on(periods: &[Period], d: NaiveDate) -> Option<&Period> {
    periods.iter().rev().find(|p| p.contains(d))
}

/// Days looked after (short breaks excluded) within [from, to].
pub fn days_looked_after(periods: &[Period], from: NaiveDate, to: NaiveDate) -> i64 {
    periods
        .iter()
        .filter(|p| !p.short_breaks_only)
        .map(|p| {
            let s = p.start.max(from);
            let e = p.end.unwrap_or(to).min(to);
            if e >= s { (e - s).num_days() + 1 } else { 0 }
        })
        .sum()
}
