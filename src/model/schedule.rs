//! The review schedule of a child: for every review, the deadline it was due
//! by and the rule it was due under, and the next deadline as of a date.
//!
//! - first cla review of a period: 20 working days after its start (reg33-first);
//! - second: 3 months after the first (reg33-second); later: 6 months after
//!   the previous (reg33-subsequent). Deadlines run from the previous review's
//!   last meeting; a review held as a series is judged on its first meeting
//!   (`series_timeliness = "first"`) or its last (`"last"`);
//! - placed for adoption (A3-A6): the first review after the placement within
//!   28 days of it, then 3 months, then 6 months (adoption-reviews);
//! - local policy: on a placement order (E1), every N months (local-po-months);
//! - short breaks only (V3/V4): 3 months after the start, then 6 months
//!   (short-breaks);
//! - a care leaver's pathway review: 6 months after the previous review of
//!   any kind (pathway-6m).
//!
//! Stood-down reviews do not meet a deadline: the next held review is tested
//! against the same one.

use super::period::{Period, period_on};
use crate::calendar::{Calendar, add_days, add_months, birthday};
use crate::codes::ReviewKind;
use crate::records::config::{Policy, SeriesTimeliness};
use crate::records::{Child, Review};
use chrono::NaiveDate;
use serde::Serialize;

/// A deadline and the rule that sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Due {
    /// Last day in time.
    pub by: NaiveDate,
    /// Rule id (`reg33-first`, `adoption-reviews`, ...).
    pub rule: &'static str,
    /// The date the deadline runs from (period start, previous review, placement).
    pub from: NaiveDate,
}

/// A held review placed in the schedule.
#[derive(Clone, Debug, Serialize)]
pub struct Scheduled {
    /// Index into `Child::reviews`.
    pub review: usize,
    /// cla or pathway.
    pub kind: ReviewKind,
    /// Index of the period of care (cla reviews in a period).
    pub period: Option<usize>,
    /// 1-based position among the held cla reviews of the period (0 for pathway).
    pub ordinal: usize,
    /// The statutory deadline (None: nothing to be late against).
    pub due: Option<Due>,
    /// The local placement-order deadline when stricter.
    pub local: Option<Due>,
    /// The date judged against the deadline (first or last meeting).
    pub judged: NaiveDate,
    /// Held on or before `due`.
    pub on_time: bool,
    /// Working days late (0 when on time).
    pub late_wd: i64,
    /// Short-break review (no participation code, not exported).
    pub short_break: bool,
}

/// What is next due for a child as of a date.
#[derive(Clone, Debug, Serialize)]
pub struct NextDue {
    /// The deadline.
    pub due: Due,
    /// cla or pathway.
    pub kind: ReviewKind,
    /// Index of the period, for cla reviews.
    pub period: Option<usize>,
    /// 1-based ordinal of the review that is due in its period.
    pub ordinal: usize,
    /// The review booked (`next_review:` of the last review), if any.
    pub booked: Option<NaiveDate>,
    /// The stricter local placement-order deadline, when there is one.
    pub local: Option<Due>,
}

/// A child's schedule.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Schedule {
    /// Every held review with a deadline, in date order.
    pub held: Vec<Scheduled>,
    /// cla reviews outside any period of care or on/after the 18th birthday.
    pub after_ceased: Vec<usize>,
    /// Stood-down reviews and the deadline that still stood.
    pub stood_down: Vec<(usize, Option<Due>)>,
    /// What is due next as of the date the schedule was built.
    pub next: Option<NextDue>,
    /// Reviews that fell due in a period of care that has since ended and
    /// were never held: (the deadline, the day care ended).
    pub missed: Vec<(NextDue, NaiveDate)>,
}

impl Schedule {
    /// Indexes of the held reviews of short-break-only care (no participation
    /// code, no health assessment rule).
    pub fn short_break_reviews(&self) -> std::collections::BTreeSet<usize> {
        self.held
            .iter()
            .filter(|h| h.short_break)
            .map(|h| h.review)
            .collect()
    }
}

fn earlier(a: Option<Due>, b: Option<Due>) -> Option<Due> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.by < x.by { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Build the schedule of a child as of `as_of`.
pub fn schedule(
    child: &Child,
    periods: &[Period],
    cal: &Calendar,
    policy: &Policy,
    as_of: NaiveDate,
) -> Schedule {
    let mut s = Schedule::default();
    let dob = child.rec.dob.0;
    let b18 = birthday(dob, 18);
    let judged = |r: &Review| match policy.series_timeliness {
        SeriesTimeliness::First => r.first_meeting(),
        SeriesTimeliness::Last => r.date,
    };

    // cla reviews, period by period.
    let mut in_period: Vec<Vec<usize>> = vec![Vec::new(); periods.len()];
    for (i, r) in child.reviews.iter().enumerate() {
        if r.rec.kind.value != ReviewKind::Cla {
            continue;
        }
        match period_on(periods, r.date) {
            Some(p) if r.date < b18 => in_period[p.index].push(i),
            _ => {
                if r.held() {
                    s.after_ceased.push(i);
                }
            }
        }
    }
    for p in periods {
        let end = p
            .end
            .map(|e| e.min(b18.pred_opt().unwrap_or(b18)))
            .unwrap_or(b18.pred_opt().unwrap_or(b18));
        if p.start >= b18 {
            continue;
        }
        let first_due = if p.short_breaks_only {
            Due {
                by: add_months(p.start, 3),
                rule: "short-breaks",
                from: p.start,
            }
        } else {
            Due {
                by: cal.add_working_days(p.start, 20),
                rule: "reg33-first",
                from: p.start,
            }
        };
        // Care that began before the records: the first review on file is
        // not the first of the period, and no deadline is known until it.
        let mut due = (!p.before_records).then_some(first_due);
        let mut local: Option<Due> = None;
        let mut ordinal = usize::from(p.before_records);
        let mut adoption_seen: Option<NaiveDate> = None;
        let mut adoption_n = 0usize;
        let mut last_anchor: Option<NaiveDate> = None;
        // Adoption placements that start before a given date trigger the 28-day rule.
        let adoption_due =
            |after: NaiveDate, upto: NaiveDate, seen: Option<NaiveDate>| -> Option<NaiveDate> {
                p.adoption
                    .iter()
                    .map(|(st, _)| *st)
                    .find(|st| *st > after && *st <= upto && Some(*st) != seen)
            };
        for &i in &in_period[p.index] {
            let r = &child.reviews[i];
            // A placement for adoption between the previous review and this one
            // brings the deadline forward to 28 days after the placement (also
            // the deadline a stood-down review reports as still standing).
            if !p.short_breaks_only {
                let after = last_anchor.unwrap_or(p.start.pred_opt().unwrap_or(p.start));
                if let Some(pl) = adoption_due(after, r.date, adoption_seen) {
                    let d = Due {
                        by: add_days(pl, 28),
                        rule: "adoption-reviews",
                        from: pl,
                    };
                    due = earlier(due, Some(d));
                    adoption_seen = Some(pl);
                    adoption_n = 1;
                }
            }
            if !r.held() {
                s.stood_down.push((i, earlier(due, local)));
                continue;
            }
            ordinal += 1;
            let j = judged(r);
            let (on_time, late_wd) = match due {
                Some(d) if j > d.by => (false, cal.working_days_between(d.by, j)),
                _ => (true, 0),
            };
            s.held.push(Scheduled {
                review: i,
                kind: ReviewKind::Cla,
                period: Some(p.index),
                ordinal,
                due,
                local,
                judged: j,
                on_time,
                late_wd,
                short_break: p.short_breaks_only,
            });
            // The next deadline runs from this review's last meeting.
            let anchor = r.date;
            last_anchor = Some(anchor);
            let statutory = if p.short_breaks_only {
                Due {
                    by: add_months(anchor, 6),
                    rule: "short-breaks",
                    from: anchor,
                }
            } else if adoption_n > 0 && p.placed_for_adoption_on(anchor) {
                adoption_n += 1;
                let months = if adoption_n == 2 { 3 } else { 6 };
                Due {
                    by: add_months(anchor, months),
                    rule: "adoption-reviews",
                    from: anchor,
                }
            } else if ordinal == 1 {
                Due {
                    by: add_months(anchor, 3),
                    rule: "reg33-second",
                    from: anchor,
                }
            } else {
                Due {
                    by: add_months(anchor, 6),
                    rule: "reg33-subsequent",
                    from: anchor,
                }
            };
            due = Some(statutory);
            local = if policy.placement_order_review_months > 0
                && p.placement_order_on(anchor)
                && !p.short_breaks_only
            {
                let by = add_months(anchor, policy.placement_order_review_months);
                (by < statutory.by).then_some(Due {
                    by,
                    rule: "local-po-months",
                    from: anchor,
                })
            } else {
                None
            };
        }
        // Still due as of the check date?
        if let (Some(end), Some(d)) = (p.end, due)
            && end < as_of
            && d.by < end.min(b18)
        {
            let booked = in_period[p.index]
                .last()
                .and_then(|&i| child.reviews[i].rec.next_review.as_ref())
                .map(|d| d.0);
            s.missed.push((
                NextDue {
                    due: d,
                    kind: ReviewKind::Cla,
                    period: Some(p.index),
                    ordinal: ordinal + 1,
                    booked,
                    local: None,
                },
                end,
            ));
        }
        let open_on_as_of = p.start <= as_of && (p.end.is_none_or(|e| e >= as_of)) && as_of < b18;
        if open_on_as_of && let Some(mut d) = due {
            // A placement for adoption since the last review.
            if !p.short_breaks_only {
                let after = last_anchor.unwrap_or(p.start.pred_opt().unwrap_or(p.start));
                if let Some(pl) = adoption_due(after, as_of, adoption_seen) {
                    let ad = Due {
                        by: add_days(pl, 28),
                        rule: "adoption-reviews",
                        from: pl,
                    };
                    if ad.by < d.by {
                        d = ad;
                    }
                }
            }
            let _ = end;
            let booked = in_period[p.index]
                .last()
                .and_then(|&i| child.reviews[i].rec.next_review.as_ref())
                .map(|d| d.0);
            s.next = Some(NextDue {
                due: d,
                kind: ReviewKind::Cla,
                period: Some(p.index),
                ordinal: ordinal + 1,
                booked,
                local: local.filter(|l| l.by < d.by),
            });
        }
    }

    // Pathway reviews: 6 months after the previous review of any kind.
    let mut prev: Option<NaiveDate> = None;
    for (i, r) in child.reviews.iter().enumerate() {
        if !r.held() {
            if r.rec.kind.value == ReviewKind::Pathway {
                let d = prev.map(|p| Due {
                    by: add_months(p, policy.pathway_review_months),
                    rule: "pathway-6m",
                    from: p,
                });
                s.stood_down.push((i, d));
            }
            continue;
        }
        if r.rec.kind.value == ReviewKind::Pathway {
            let due = prev.map(|p| Due {
                by: add_months(p, policy.pathway_review_months),
                rule: "pathway-6m",
                from: p,
            });
            let j = judged(r);
            let (on_time, late_wd) = match due {
                Some(d) if j > d.by => (false, cal.working_days_between(d.by, j)),
                _ => (true, 0),
            };
            s.held.push(Scheduled {
                review: i,
                kind: ReviewKind::Pathway,
                period: None,
                ordinal: 0,
                due,
                local: None,
                judged: j,
                on_time,
                late_wd,
                short_break: false,
            });
        }
        prev = Some(r.date);
    }
    s.held
        .sort_by_key(|h| (child.reviews[h.review].date, h.review));
    s
}

/// When a care leaver's next pathway review is due as of `as_of`: for young
/// people aged 16-20 who have had a pathway review and are not looked after
/// (looked-after 16-17s are on the cla schedule).
pub fn pathway_next(
    child: &Child,
    periods: &[Period],
    policy: &Policy,
    as_of: NaiveDate,
) -> Option<NextDue> {
    let dob = child.rec.dob.0;
    if crate::calendar::age_on(dob, as_of) >= 21 {
        return None;
    }
    let had_pathway = child
        .reviews
        .iter()
        .any(|r| r.held() && r.rec.kind.value == ReviewKind::Pathway && r.date <= as_of);
    // A care leaver (relevant or former relevant) is owed a pathway review
    // 6 months after their last review, even before their first pathway
    // review: the last cla review counts when they turn 18 (CLR 7).
    let leaver = matches!(
        super::leaver::status(dob, periods, as_of),
        Some(super::leaver::LeaverStatus::Relevant | super::leaver::LeaverStatus::FormerRelevant)
    );
    if !had_pathway && !leaver {
        return None;
    }
    let looked_after_cla = period_on(periods, as_of).is_some() && as_of < birthday(dob, 18);
    if looked_after_cla {
        return None;
    }
    let last = child
        .reviews
        .iter()
        .rfind(|r| r.held() && r.date <= as_of)?;
    let by = add_months(last.date, policy.pathway_review_months);
    Some(NextDue {
        due: Due {
            by,
            rule: "pathway-6m",
            from: last.date,
        },
        kind: ReviewKind::Pathway,
        period: None,
        ordinal: 0,
        booked: last.rec.next_review.as_ref().map(|d| d.0),
        local: None,
    })
}
