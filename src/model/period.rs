//! Periods of care derived from SSDA903 episodes.
//!
//! A period starts at an episode with `reason_new: S` and ends at an episode
//! whose `reason_ended` is not X1. Short breaks (V3/V4, CPPCR reg 48) are one
//! **arrangement**: consecutive periods made of short breaks, where each
//! begins within `short_break_gap_months` of the last one ending, are one
//! period whose review timetable runs across the gaps between stays. Within a
//! period we keep the spans that change the review timescale: the day reg 33
//! begins (care began full-time, short breaks turned into full-time care, or
//! reg 48's limits were passed), placed for adoption (A3-A6) and the
//! authority to place (placement order E1, or consent to place).

use crate::calendar::{add_days, add_months};
use crate::codes::{LegalStatus, ReasonEnded, ReasonNew};
use crate::records::ChildRec;
use chrono::NaiveDate;

/// What `periods` needs besides the episodes.
#[derive(Clone, Copy, Debug)]
pub struct PeriodOpts {
    /// The check date: an open short-break stay counts to it for reg 48's
    /// limits.
    pub as_of: NaiveDate,
    /// A short-break arrangement ends when no stay begins within this many
    /// months of the last one ending (`short_break_gap_months`, 12).
    pub gap_months: u32,
}

/// Where reg 48's limits were passed (CPPCR 48(2)): a stay over 17 days, or
/// over 75 days of stays in 12 months.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitPassed {
    /// The day the limit was passed: reg 33 applies from it.
    pub on: NaiveDate,
    /// The episode (index in `ChildRec::episodes`) of the stay that passed it.
    pub episode: usize,
    /// A single stay over 17 days (else 75 days in 12 months).
    pub single_stay: bool,
    /// Days of that stay, or of stays in the 12 months to `on`.
    pub days: i64,
}

/// How an arrangement of `V3` stays ends after its last stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrangementEnd {
    /// No stay began within `short_break_gap_months` of the last one.
    Lapsed,
    /// Full-time care began as a new period on this day.
    FullTime(NaiveDate),
}

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
    /// Every episode is an agreed series of short breaks (V3/V4) and reg 48's
    /// limits were never passed: reviewed on the short-breaks timetable only.
    pub short_breaks_only: bool,
    /// The day reg 33's timetable begins: the start for full-time care, the
    /// day short breaks turned into full-time care or passed reg 48's limits;
    /// `None` for short breaks throughout.
    pub reg33_from: Option<NaiveDate>,
    /// Reg 48's limits, where they were passed.
    pub limit_passed: Option<LimitPassed>,
    /// For a period made only of short breaks: its stays (`V3` episodes) or
    /// agreements (`V4`), (start, end); empty otherwise. Between stays the
    /// child is at home, not in care.
    pub stays: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// The last day reviews are owed for: `end`, except for an arrangement
    /// of `V3` stays, which runs on after its last stay (more may come) until
    /// `short_break_gap_months` have passed with none, or full-time care
    /// begins as a new period (`arrangement_end` says which).
    pub review_end: Option<NaiveDate>,
    /// Why an arrangement of stays stopped being reviewed after its last stay.
    pub arrangement_end: Option<ArrangementEnd>,
    /// Spans placed for adoption: (start, end).
    pub adoption: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// Spans on a placement order (legal status E1): (start, end).
    pub placement_order: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// Spans with authority to place for adoption (a placement order, or
    /// consent to place from `consent_to_place`): (start, end).
    pub authority: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// The period began before the records do (an imported child whose
    /// first episode is not `S`): `start` is where the records begin, not
    /// the day care began, and its earlier reviews are not on file.
    pub before_records: bool,
}

impl Period {
    /// Whether the child is looked after on `d` in this period (the gaps
    /// between the stays of a short-break arrangement included).
    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.start && self.end.is_none_or(|e| d <= e)
    }
    /// Whether a review on `d` is a review of this period: it falls between
    /// the start and `review_end`.
    pub fn reviews_on(&self, d: NaiveDate) -> bool {
        d >= self.start && self.review_end.is_none_or(|e| d <= e)
    }
    /// Whether the child is placed for adoption on `d`.
    pub fn placed_for_adoption_on(&self, d: NaiveDate) -> bool {
        in_spans(&self.adoption, d)
    }
    /// Whether the child is on a placement order on `d`.
    pub fn placement_order_on(&self, d: NaiveDate) -> bool {
        in_spans(&self.placement_order, d)
    }
    /// Whether the agency may place the child for adoption on `d` but has
    /// not placed them (AAR 36(1)).
    pub fn authorised_not_placed_on(&self, d: NaiveDate) -> bool {
        in_spans(&self.authority, d) && !self.placed_for_adoption_on(d)
    }
    /// Whether a review on `d` is under reg 48 (short breaks).
    pub fn short_break_on(&self, d: NaiveDate) -> bool {
        self.reg33_from.is_none_or(|r| d < r)
    }
    /// Whether the child is away from home on `d`: always in full-time care;
    /// on a stay (or within an agreement) in a period of short breaks.
    pub fn on_a_stay(&self, d: NaiveDate) -> bool {
        self.stays.is_empty()
            || self
                .stays
                .iter()
                .any(|(s, e)| d >= *s && e.is_none_or(|e| d <= e))
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
        && last.1.is_some_and(|e| e >= start)
    {
        last.1 = match (last.1, end) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        return;
    }
    spans.push((start, end));
}

/// The child's periods of care as of `opts.as_of`, oldest first. Tolerates
/// malformed episode lists (the loader reports those): an episode that is not
/// S but follows a ceased period still opens a new one.
pub fn periods(child: &ChildRec, opts: PeriodOpts) -> Vec<Period> {
    let eps = &child.episodes;
    let mut raw: Vec<Period> = Vec::new();
    let mut open: Option<Period> = None;
    for (i, ep) in eps.iter().enumerate() {
        let start = ep.start.0;
        let end = ep.end.as_ref().map(|e| e.0);
        let starts_new = open.is_none()
            || ep.reason_new.value == ReasonNew::S
                && open.as_ref().is_some_and(|p| p.end.is_some());
        if starts_new {
            if let Some(p) = open.take() {
                raw.push(p);
            }
            open = Some(Period {
                index: raw.len(),
                start,
                end: None,
                reason_ended: None,
                episodes: i..i + 1,
                short_breaks_only: true,
                reg33_from: None,
                limit_passed: None,
                stays: vec![],
                review_end: None,
                arrangement_end: None,
                adoption: vec![],
                placement_order: vec![],
                authority: vec![],
                before_records: raw.is_empty()
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
                raw.push(open.take().expect("open"));
            }
            _ => {}
        }
    }
    if let Some(p) = open {
        raw.push(p);
    }
    // One short-break arrangement: a period of short breaks followed, within
    // the gap, by a period that begins with a short break.
    let mut out: Vec<Period> = Vec::new();
    for q in raw {
        let first_is_break = eps
            .get(q.episodes.start)
            .is_some_and(|e| e.legal_status.is_short_break());
        if let Some(p) = out.last_mut()
            && p.short_breaks_only
            && first_is_break
            && p.end
                .is_some_and(|e| q.start <= add_months(e, opts.gap_months))
        {
            p.episodes.end = q.episodes.end;
            p.end = q.end;
            p.reason_ended = q.reason_ended;
            p.short_breaks_only = q.short_breaks_only;
            for (s, e) in q.adoption {
                push_span(&mut p.adoption, s, e);
            }
            for (s, e) in q.placement_order {
                push_span(&mut p.placement_order, s, e);
            }
            continue;
        }
        out.push(q);
    }
    let consent = child.consent_to_place.as_ref().map(|d| d.0);
    let next_starts: Vec<Option<NaiveDate>> = (0..out.len())
        .map(|i| out.get(i + 1).map(|q| q.start))
        .collect();
    for (i, p) in out.iter_mut().enumerate() {
        p.index = i;
        let range = p.episodes.clone();
        let first_full_time = eps[range.clone()]
            .iter()
            .find(|e| !e.legal_status.is_short_break())
            .map(|e| e.start.0);
        let breaks_until = first_full_time.unwrap_or(opts.as_of.max(p.start));
        p.limit_passed = limit_passed(eps, range.clone(), breaks_until, opts.as_of);
        if first_full_time.is_none() {
            p.stays = eps[range.clone()]
                .iter()
                .map(|e| (e.start.0, e.end.as_ref().map(|d| d.0)))
                .collect();
        }
        p.reg33_from = match (first_full_time, p.limit_passed.map(|l| l.on)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        p.short_breaks_only = p.reg33_from.is_none();
        let last_is_stay = eps[range.clone()]
            .last()
            .is_some_and(|e| e.legal_status.value == LegalStatus::V3);
        // An arrangement of stays (past reg 48's limits or not) runs on after
        // its last stay until the gap has passed with no stay, or until the
        // next period (full-time care: a later arrangement would have been
        // merged or lies beyond the gap) begins.
        p.review_end = p.end;
        if let Some(e) = p.end
            && first_full_time.is_none()
            && last_is_stay
        {
            let lapse = add_months(e, opts.gap_months);
            p.arrangement_end = Some(ArrangementEnd::Lapsed);
            p.review_end = Some(lapse);
            if let Some(n) = next_starts[i]
                && n <= lapse
            {
                p.arrangement_end = Some(ArrangementEnd::FullTime(n));
                p.review_end = Some(add_days(n, -1).max(e));
            }
        }
        p.authority = p.placement_order.clone();
        if let Some(c) = consent
            && p.contains(c)
        {
            push_span(&mut p.authority, c, p.end);
            p.authority.sort();
        }
    }
    out
}

/// Where the short breaks among `range` (V3 stays that begin before
/// `until`) first pass reg 48's limits: a stay of more than 17 days, or more
/// than 75 days of stays in any 12 months. Days are nights away (end minus
/// start, as the DfE's rules 365 and 367 count them); an open stay counts to
/// `as_of`. A V4 agreement's episode is the agreement, not a stay: its stays
/// are not on file and are not counted.
fn limit_passed(
    eps: &[crate::span::Sp<crate::records::Episode>],
    range: std::ops::Range<usize>,
    until: NaiveDate,
    as_of: NaiveDate,
) -> Option<LimitPassed> {
    let mut nights: Vec<(NaiveDate, usize)> = Vec::new();
    let mut best: Option<LimitPassed> = None;
    for i in range {
        let e = &eps[i];
        if e.legal_status.value != LegalStatus::V3 || e.start.0 >= until {
            continue;
        }
        let s = e.start.0;
        let end = e.end.as_ref().map_or(as_of, |d| d.0).min(until);
        let n = (end - s).num_days();
        if n > 17 {
            let on = add_days(s, 17);
            if best.is_none_or(|b| on < b.on) {
                best = Some(LimitPassed {
                    on,
                    episode: i,
                    single_stay: true,
                    days: n,
                });
            }
        }
        for k in 0..n.max(0) {
            nights.push((add_days(s, k), i));
        }
    }
    nights.sort();
    let mut lo = 0;
    for hi in 0..nights.len() {
        let (x, i) = nights[hi];
        while add_months(nights[lo].0, 12) <= x {
            lo += 1;
        }
        let n = (hi - lo + 1) as i64;
        if n > 75 {
            if best.is_none_or(|b| x < b.on) {
                best = Some(LimitPassed {
                    on: x,
                    episode: i,
                    single_stay: false,
                    days: n,
                });
            }
            break;
        }
    }
    best
}

/// The period the child is in on `d`, if looked after that day.
pub fn period_on(periods: &[Period], d: NaiveDate) -> Option<&Period> {
    periods.iter().rev().find(|p| p.contains(d))
}

/// The period in which the child is in care on `d` other than on short
/// breaks under reg 48: full-time care, or a stay of short breaks past reg
/// 48's limits. What the population, caseloads, care-leaver status and the
/// health figure count as looked after.
pub fn in_care_on(periods: &[Period], d: NaiveDate) -> Option<&Period> {
    period_on(periods, d).filter(|p| !p.short_break_on(d) && p.on_a_stay(d))
}

/// Days in care as `in_care_on` counts them, within [from, to].
pub fn days_looked_after(periods: &[Period], from: NaiveDate, to: NaiveDate) -> i64 {
    let days = |s: NaiveDate, e: NaiveDate| if e >= s { (e - s).num_days() + 1 } else { 0 };
    periods
        .iter()
        .filter_map(|p| p.reg33_from.map(|r| (r.max(from), p)))
        .map(|(s, p)| {
            let end = |e: Option<NaiveDate>| e.unwrap_or(to).min(to);
            if p.stays.is_empty() {
                days(s, end(p.end))
            } else {
                p.stays.iter().map(|(a, b)| days(s.max(*a), end(*b))).sum()
            }
        })
        .sum()
}
