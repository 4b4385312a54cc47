//! The review schedule of a child: for every review, the deadline it was due
//! by and the rule it was due under, and the next deadline as of a date.
//!
//! A period of care runs through up to three review regimes, each with its
//! own timetable, in date order:
//! - **short breaks** (CPPCR 48, rule `short-breaks`): 3 months after the
//!   first short break of the arrangement, then 6 months, across the gaps
//!   between stays;
//! - **reg 33** (`reg33-first`, `-second`, `-subsequent`): 20 working days
//!   after care began (or after short breaks turned into full-time care or
//!   passed reg 48's limits), then 3 months after the first review, then 6
//!   months after the previous;
//! - **placed for adoption** (AAR 36(3), `adoption-reviews`): 4 weeks (28
//!   days) after the placement, then 3 months, then 6 months; reg 33's
//!   timetable stops from the placement and resumes if it ends in care.
//!
//! Beside them run the **authority to place** (AAR 36(1),
//! `placement-authority-3m`: 3 months after the placement order or consent,
//! then 6 months, until placed) and the service's local placement-order
//! policy (`local-po-months`). A reg 48 deadline that passed without a review
//! before reg 33 began is kept as missed, and reviews held under reg 48 are
//! never judged again under reg 33. A review already overdue when a child is
//! placed for adoption (or comes back from a placement) is still owed: the
//! next review held is late against it.
//!
//! Deadlines run from the previous review's last meeting; a review held as a
//! series is judged on its first meeting (`series_timeliness = "first"`) or
//! its last (`"last"`). Stood-down reviews do not meet a deadline: the next
//! held review is tested against the same one. A care leaver's pathway review
//! is due 6 months after the previous review of any kind (`pathway-6m`), or 6
//! months after care ended when no review is on file.

use super::period::{ArrangementEnd, Period, period_on};
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
    /// 1-based position among the held cla reviews of the period since its
    /// regime began (short breaks, or reg 33 and adoption); 0 for pathway.
    pub ordinal: usize,
    /// The statutory deadline (None: nothing to be late against).
    pub due: Option<Due>,
    /// The local placement-order deadline when stricter.
    pub local: Option<Due>,
    /// The AAR 36(1) deadline while authorised to place and not placed.
    pub authority: Option<Due>,
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

impl NextDue {
    /// The rule id of this deadline once it has passed: what `check`
    /// reports and `iro due` shows for an overdue review.
    pub fn overdue_rule(&self) -> &'static str {
        match (self.kind, self.due.rule) {
            (ReviewKind::Pathway, _) => "pathway-6m",
            (_, r @ ("short-breaks" | "adoption-reviews" | "placement-authority-3m")) => r,
            _ => "reg33-overdue",
        }
    }
    /// What is due, in words: "first review", "short-breaks review", ...
    pub fn what(&self) -> String {
        match (self.kind, self.due.rule) {
            (ReviewKind::Pathway, _) => "pathway review".into(),
            (_, "short-breaks") => "short-breaks review".into(),
            (_, "placement-authority-3m") => "adoption review (authority to place)".into(),
            (_, "adoption-reviews") => "adoption review".into(),
            (_, rule) => ordinal_word(rule, self.ordinal).into(),
        }
    }
}

/// "first review", "second review" or "review" for the nth review under a rule.
pub fn ordinal_word(rule: &str, n: usize) -> &'static str {
    match (rule, n) {
        (_, 1) => "first review",
        ("reg33-second", _) | (_, 2) => "second review",
        ("pathway-6m", _) => "pathway review",
        _ => "review",
    }
}

/// Why a deadline stopped being owed before a review was held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stopped {
    /// Care ended (or the short-break arrangement did).
    CareEnded,
    /// Short breaks turned into full-time care, or passed reg 48's limits.
    Reg33Began,
    /// The child was placed for adoption.
    PlacedForAdoption,
    /// The authority to place ended without a placement.
    AuthorityEnded,
    /// The placement for adoption ended with the child still in care.
    PlacementEnded,
    /// No short break began within `short_break_gap_months` of the last.
    Lapsed,
    /// Full-time care began as a new period after short breaks.
    FullTimeCare,
    /// A relevant child had lived at home six months (CLR 3): no longer a
    /// care leaver.
    SettledAtHome,
}

impl Stopped {
    /// "care ended 2025-03-01" and the like.
    pub fn phrase(self, on: NaiveDate) -> String {
        match self {
            Stopped::CareEnded => format!("care ended {on}"),
            Stopped::Reg33Began => format!("reg 33 applied from {on}"),
            Stopped::PlacedForAdoption => format!("placed for adoption {on}"),
            Stopped::AuthorityEnded => format!("the authority to place ended {on}"),
            Stopped::PlacementEnded => format!("the placement for adoption ended {on}"),
            Stopped::Lapsed => format!(
                "the last short break ended {on}, with none in the short_break_gap_months after it"
            ),
            Stopped::FullTimeCare => format!("full-time care began {on}"),
            Stopped::SettledAtHome => format!(
                "the young person had lived at home for six months on {on} and was no longer a relevant child"
            ),
        }
    }
}

/// A deadline that fell due while it was owed and was never met.
#[derive(Clone, Debug, Serialize)]
pub struct Missed {
    /// The deadline.
    pub next: NextDue,
    /// The day it stopped being owed.
    pub on: NaiveDate,
    /// Why.
    pub why: Stopped,
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
    /// Stood-down reviews whose deadline a change of regime replaced before
    /// the next review was held: the day, and the change.
    pub stood_down_replaced: std::collections::BTreeMap<usize, (NaiveDate, Stopped)>,
    /// What is due next as of the date the schedule was built.
    pub next: Option<NextDue>,
    /// The AAR 36(1) deadline as of that date, while authorised to place
    /// and not placed, when it comes before `next`.
    pub next_authority: Option<NextDue>,
    /// Reviews that fell due and were never held before they stopped being owed.
    pub missed: Vec<Missed>,
}

impl Schedule {
    /// Indexes of the held reviews of short-break care (no participation
    /// code, no health assessment rule).
    pub fn short_break_reviews(&self) -> std::collections::BTreeSet<usize> {
        self.held
            .iter()
            .filter(|h| h.short_break)
            .map(|h| h.review)
            .collect()
    }
}

/// The review regime on a day of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Regime {
    ShortBreaks,
    Reg33,
    Adoption,
}

fn regime_on(p: &Period, d: NaiveDate) -> Regime {
    if p.short_break_on(d) {
        Regime::ShortBreaks
    } else if p.placed_for_adoption_on(d) {
        Regime::Adoption
    } else {
        Regime::Reg33
    }
}

/// The days a period's regime changes, with the new regime, from its start.
fn timeline(p: &Period) -> Vec<(NaiveDate, Regime)> {
    let mut days: Vec<NaiveDate> = vec![p.start];
    days.extend(p.reg33_from);
    for (s, e) in &p.adoption {
        days.push(*s);
        days.extend(*e);
    }
    days.sort();
    days.dedup();
    let mut out: Vec<(NaiveDate, Regime)> = Vec::new();
    for d in days {
        if d < p.start || p.end.is_some_and(|e| d > e) {
            continue;
        }
        let r = regime_on(p, d);
        if out.last().is_none_or(|(_, last)| *last != r) {
            out.push((d, r));
        }
    }
    out
}

/// The timetable of one period, walked forward in date order.
struct Walk<'a> {
    p: &'a Period,
    cal: &'a Calendar,
    events: Vec<(NaiveDate, Regime)>,
    next_event: usize,
    regime: Option<Regime>,
    due: Option<Due>,
    /// Held reviews since the regime (short breaks, or reg 33 with adoption) began.
    ordinal: usize,
    /// Held reviews since the current placement for adoption.
    adoption_n: usize,
    last_anchor: Option<NaiveDate>,
    missed: Vec<Missed>,
    /// The last change of regime: its day and what it was.
    last_change: Option<(NaiveDate, Stopped)>,
    /// Stood-down reviews since the last held one.
    stood_down: Vec<usize>,
    /// Those whose deadline a change of regime replaced before the next
    /// held review.
    replaced: std::collections::BTreeMap<usize, (NaiveDate, Stopped)>,
}

impl Walk<'_> {
    /// Apply the regime changes on or before `upto`, noting the stood-down
    /// reviews whose deadline they replace.
    fn advance(&mut self, upto: NaiveDate) {
        let before = self.due;
        self.apply_changes(upto);
        if self.due != before
            && let Some(change) = self.last_change
        {
            for i in self.stood_down.drain(..) {
                self.replaced.insert(i, change);
            }
        }
    }

    /// The regime changes on or before `upto`.
    fn apply_changes(&mut self, upto: NaiveDate) {
        while let Some(&(day, new)) = self.events.get(self.next_event) {
            if day > upto {
                break;
            }
            self.next_event += 1;
            let old = self.regime.replace(new);
            let Some(old) = old else {
                // The period's first regime.
                self.due = match new {
                    _ if self.p.before_records => None,
                    Regime::ShortBreaks => Some(Due {
                        by: add_months(day, 3),
                        rule: "short-breaks",
                        from: day,
                    }),
                    Regime::Reg33 => Some(Due {
                        by: self.cal.add_working_days(day, 20),
                        rule: "reg33-first",
                        from: day,
                    }),
                    Regime::Adoption => Some(Due {
                        by: add_days(day, 28),
                        rule: "adoption-reviews",
                        from: day,
                    }),
                };
                continue;
            };
            self.last_change = Some((
                day,
                match (old, new) {
                    (_, Regime::Adoption) => Stopped::PlacedForAdoption,
                    (Regime::Adoption, _) => Stopped::PlacementEnded,
                    _ => Stopped::Reg33Began,
                },
            ));
            let passed = self.due.filter(|d| d.by < day);
            // Placed for adoption, or back from a placement, with a review
            // already overdue: that review is still owed, and the next one
            // held is late against it (and may say why in `late_reason`).
            if passed.is_some() && old != Regime::ShortBreaks {
                if new == Regime::Adoption {
                    self.adoption_n = 0;
                }
                continue;
            }
            // Short breaks that turn full-time: a reg 48 review that fell due
            // before is never judged again under reg 33; it was missed.
            if let Some(d) = passed {
                let why = Stopped::Reg33Began;
                self.missed.push(Missed {
                    next: NextDue {
                        due: d,
                        kind: ReviewKind::Cla,
                        period: Some(self.p.index),
                        ordinal: self.ordinal + 1,
                        booked: None,
                        local: None,
                    },
                    on: day,
                    why,
                });
            }
            match new {
                Regime::Adoption => {
                    self.adoption_n = 0;
                    self.due = Some(Due {
                        by: add_days(day, 28),
                        rule: "adoption-reviews",
                        from: day,
                    });
                }
                Regime::Reg33 if old == Regime::ShortBreaks => {
                    self.ordinal = 0;
                    self.due = Some(Due {
                        by: self.cal.add_working_days(day, 20),
                        rule: "reg33-first",
                        from: day,
                    });
                }
                // The placement for adoption ended and the child is still in
                // care: reg 33 again, 6 months from the last review.
                Regime::Reg33 => {
                    self.due = Some(match self.last_anchor {
                        Some(a) => Due {
                            by: add_months(a, 6),
                            rule: "reg33-subsequent",
                            from: a,
                        },
                        None => Due {
                            by: self.cal.add_working_days(day, 20),
                            rule: "reg33-first",
                            from: day,
                        },
                    });
                }
                Regime::ShortBreaks => {}
            }
        }
    }

    /// A review held with its last meeting on `anchor`: the next deadline.
    fn held(&mut self, anchor: NaiveDate) {
        self.ordinal += 1;
        self.last_anchor = Some(anchor);
        let (months, rule) = match self.regime.unwrap_or(Regime::Reg33) {
            Regime::ShortBreaks => (6, "short-breaks"),
            Regime::Adoption => {
                self.adoption_n += 1;
                (if self.adoption_n == 1 { 3 } else { 6 }, "adoption-reviews")
            }
            Regime::Reg33 if self.ordinal == 1 => (3, "reg33-second"),
            Regime::Reg33 => (6, "reg33-subsequent"),
        };
        self.due = Some(Due {
            by: add_months(anchor, months),
            rule,
            from: anchor,
        });
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
    let day_before_18 = b18.pred_opt().unwrap_or(b18);
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
        match periods.iter().rev().find(|p| p.reviews_on(r.date)) {
            Some(p) if r.date < b18 => in_period[p.index].push(i),
            _ => {
                if r.held() {
                    s.after_ceased.push(i);
                }
            }
        }
    }
    for p in periods {
        if p.start >= b18 {
            continue;
        }
        let reviews = &in_period[p.index];
        let booked = reviews
            .last()
            .and_then(|&i| child.reviews[i].rec.next_review.as_ref())
            .map(|d| d.0);
        let mut w = Walk {
            p,
            cal,
            events: timeline(p),
            next_event: 0,
            regime: None,
            due: None,
            ordinal: 0,
            adoption_n: 0,
            last_anchor: None,
            missed: Vec::new(),
            last_change: None,
            stood_down: Vec::new(),
            replaced: Default::default(),
        };
        let mut local: Option<Due> = None;
        let first_held = s.held.len();
        for &i in reviews {
            let r = &child.reviews[i];
            w.advance(r.date);
            if !r.held() {
                s.stood_down.push((i, earlier(w.due, local)));
                w.stood_down.push(i);
                continue;
            }
            w.stood_down.clear();
            let j = judged(r);
            let (on_time, late_wd) = match w.due {
                Some(d) if j > d.by => (false, cal.working_days_between(d.by, j)),
                _ => (true, 0),
            };
            let short_break = w.regime == Some(Regime::ShortBreaks);
            let due = w.due;
            w.held(r.date);
            s.held.push(Scheduled {
                review: i,
                kind: ReviewKind::Cla,
                period: Some(p.index),
                ordinal: w.ordinal,
                due,
                local,
                authority: None,
                judged: j,
                on_time,
                late_wd,
                short_break,
            });
            let statutory = w.due.expect("a held review sets the next deadline");
            local = if policy.placement_order_review_months > 0
                && p.placement_order_on(r.date)
                && w.regime == Some(Regime::Reg33)
            {
                let by = add_months(r.date, policy.placement_order_review_months);
                (by < statutory.by).then_some(Due {
                    by,
                    rule: "local-po-months",
                    from: r.date,
                })
            } else {
                None
            };
        }
        // Up to the check date, or the day reviews stopped being owed.
        let stop = p.review_end.map(|e| e.min(day_before_18));
        let until = stop.map_or(as_of, |e| e.min(as_of));
        w.advance(until);
        let next_of = |due: Due, ordinal: usize, local: Option<Due>| NextDue {
            due,
            kind: ReviewKind::Cla,
            period: Some(p.index),
            ordinal,
            booked,
            local: local.filter(|l| l.by < due.by),
        };
        let ended = stop.is_some_and(|e| e < as_of);
        // Why reviews stopped being owed, and from which day: an arrangement
        // of stays that lapsed (no stay for the gap) was, in hindsight, over
        // when its last stay ended; one followed by full-time care, the day
        // that began.
        let (why, on) = match (p.arrangement_end, stop) {
            (Some(ArrangementEnd::FullTime(n)), Some(s)) if add_days(s, 1) >= n => {
                (Stopped::FullTimeCare, n)
            }
            (Some(ArrangementEnd::Lapsed), Some(s)) if Some(s) == p.review_end => {
                (Stopped::Lapsed, p.end.unwrap_or(s))
            }
            (_, s) => (Stopped::CareEnded, s.unwrap_or(as_of)),
        };
        if let Some(d) = w.due {
            match stop {
                Some(_) if ended && d.by < on => w.missed.push(Missed {
                    next: next_of(d, w.ordinal + 1, None),
                    on,
                    why,
                }),
                _ if !ended && p.start <= as_of && as_of < b18 => {
                    s.next = Some(next_of(d, w.ordinal + 1, local));
                }
                _ => {}
            }
        }
        s.missed.append(&mut w.missed);
        s.stood_down_replaced.append(&mut w.replaced);
        authority_to_place(
            p,
            child,
            &in_period[p.index],
            &mut s,
            first_held,
            stop,
            as_of,
            b18,
        );
    }

    // Pathway reviews: 6 months after the previous review of any kind. A
    // review held after six months at home (CLR 3) has no deadline from a
    // review before then: none was owed once the six months were up (one
    // that fell due within them is reported as never held).
    let mut prev: Option<NaiveDate> = None;
    for (i, r) in child.reviews.iter().enumerate() {
        let settled = super::leaver::home_six_months(periods, r.date).filter(|s| r.date >= *s);
        let owed_from = prev.filter(|p| settled.is_none_or(|s| *p >= s));
        if !r.held() {
            if r.rec.kind.value == ReviewKind::Pathway {
                let d = owed_from.map(|p| Due {
                    by: add_months(p, policy.pathway_review_months),
                    rule: "pathway-6m",
                    from: p,
                });
                s.stood_down.push((i, d));
            }
            continue;
        }
        if r.rec.kind.value == ReviewKind::Pathway {
            let due = owed_from.map(|p| Due {
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
                authority: None,
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

/// AAR 36(1): while the agency may place the child for adoption (placement
/// order or consent) and has not placed them, a review within 3 months of
/// the authority, then at most every 6 months. Any held cla review in that
/// time counts. Sets `authority` on the period's held reviews, and the
/// deadline as of the check date or the one missed.
#[allow(clippy::too_many_arguments)]
fn authority_to_place(
    p: &Period,
    child: &Child,
    reviews: &[usize],
    s: &mut Schedule,
    first_held: usize,
    stop: Option<NaiveDate>,
    as_of: NaiveDate,
    b18: NaiveDate,
) {
    for &(a, e) in &p.authority {
        if p.placed_for_adoption_on(a) || p.short_break_on(a) {
            continue;
        }
        let placed = p.adoption.iter().map(|x| x.0).filter(|x| *x > a).min();
        let (end, why) = [
            (e, Stopped::AuthorityEnded),
            (placed, Stopped::PlacedForAdoption),
            (stop, Stopped::CareEnded),
        ]
        .into_iter()
        .filter_map(|(d, w)| d.map(|d| (d, w)))
        .min_by_key(|(d, _)| *d)
        .map_or((None, Stopped::CareEnded), |(d, w)| (Some(d), w));
        let mut due = Due {
            by: add_months(a, 3),
            rule: "placement-authority-3m",
            from: a,
        };
        let mut n = 0;
        for &i in reviews {
            let r = &child.reviews[i];
            if !r.held() || r.date < a || end.is_some_and(|e| r.date >= e) {
                continue;
            }
            if let Some(h) = s.held[first_held..].iter_mut().find(|h| h.review == i) {
                h.authority = Some(due);
            }
            n += 1;
            due = Due {
                by: add_months(r.date, 6),
                rule: "placement-authority-3m",
                from: r.date,
            };
        }
        let next = NextDue {
            due,
            kind: ReviewKind::Cla,
            period: Some(p.index),
            ordinal: n + 1,
            booked: None,
            local: None,
        };
        let ended = end.is_some_and(|e| e <= as_of);
        // After a review, AAR 36(1)(b)'s 6 months is reg 33's deadline too
        // (or later than it): a review missed then is reg 33's finding.
        match end {
            Some(end) if ended && n == 0 && due.by < end => {
                s.missed.push(Missed { next, on: end, why });
            }
            _ if !ended
                && a <= as_of
                && as_of < b18
                && s.next.as_ref().is_none_or(|x| due.by < x.due.by) =>
            {
                s.next_authority = Some(next);
            }
            _ => {}
        }
    }
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
    // After six months at home (CLR 3) only a pathway review held since
    // then keeps them owed: the service treats them as relevant again (the
    // return home broke down without a return to care).
    let settled = super::leaver::home_six_months(periods, as_of).filter(|s| as_of >= *s);
    let had_pathway = child.reviews.iter().any(|r| {
        r.held()
            && r.rec.kind.value == ReviewKind::Pathway
            && r.date <= as_of
            && settled.is_none_or(|s| r.date >= s)
    });
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
    // From the last review; with none on file (a history imported without
    // its reviews), from the day care ended.
    let last = child.reviews.iter().rfind(|r| r.held() && r.date <= as_of);
    let (from, booked) = match last {
        Some(r) => (r.date, r.rec.next_review.as_ref().map(|d| d.0)),
        None => (
            periods
                .iter()
                .rfind(|p| !p.short_breaks_only && p.end.is_some_and(|e| e <= as_of))?
                .end?,
            None,
        ),
    };
    Some(NextDue {
        due: Due {
            by: add_months(from, policy.pathway_review_months),
            rule: "pathway-6m",
            from,
        },
        kind: ReviewKind::Pathway,
        period: None,
        ordinal: 0,
        booked,
        local: None,
    })
}

/// A pathway review that fell due while a young person who went home was
/// still relevant (the first six months at home, CLR 3) and was not held
/// before the six months were up.
pub fn pathway_missed_at_home(
    child: &Child,
    periods: &[Period],
    policy: &Policy,
    as_of: NaiveDate,
) -> Option<Missed> {
    let settled = super::leaver::home_six_months(periods, as_of).filter(|s| as_of >= *s)?;
    let next = pathway_next(child, periods, policy, settled.pred_opt()?)?;
    (next.due.by < settled).then_some(Missed {
        next,
        on: settled,
        why: Stopped::SettledAtHome,
    })
}
