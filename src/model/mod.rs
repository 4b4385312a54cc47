//! The model: facts derived from the records that rules, stats, the due
//! list and letters share. Pure: no I/O.
//!
//! [`Analysis`] is the model of a whole repository as of a date: the
//! calendar and every child's facts, computed once per command and shared.
//! A child's facts depend only on that child's records and the service's
//! settings, so one child can be recomputed alone after an edit.

pub mod current;
pub mod health;
pub mod leaver;
pub mod period;
pub mod schedule;
pub mod staff;

use crate::calendar::{Calendar, age_on};
use crate::codes::ReviewKind;
use crate::plain::{AgeBand, PlainConfig};
use crate::records::{Child, Repo, Review};
use chrono::NaiveDate;
use period::Period;
use rayon::prelude::*;
use schedule::{NextDue, Schedule};
use std::collections::BTreeMap;

/// Derived facts about one child.
#[derive(Debug)]
pub struct ChildFacts {
    /// Periods of care.
    pub periods: Vec<Period>,
    /// Review schedule.
    pub schedule: Schedule,
    /// Next pathway review for a care leaver out of care.
    pub pathway_next: Option<NextDue>,
}

/// Compute the facts of a child.
pub fn facts(repo: &Repo, child: &Child, cal: &Calendar, as_of: NaiveDate) -> ChildFacts {
    let periods = period::periods(
        &child.rec,
        period::PeriodOpts {
            as_of,
            gap_months: repo.config.policy.short_break_gap_months,
        },
    );
    let mut schedule = schedule::schedule(child, &periods, cal, &repo.config.policy, as_of);
    let pathway_next = schedule::pathway_next(child, &periods, &repo.config.policy, as_of);
    schedule.missed.extend(schedule::pathway_missed_at_home(
        child,
        &periods,
        &repo.config.policy,
        as_of,
    ));
    ChildFacts {
        periods,
        schedule,
        pathway_next,
    }
}

/// The service's calendar (bank holidays plus `[calendar]` extras).
pub fn calendar(repo: &Repo) -> Calendar {
    Calendar::new(&repo.config.calendar.extra_non_working_days)
}

/// The model of a repository as of a date: calendar and per-child facts.
#[derive(Debug)]
pub struct Analysis {
    /// Working days (bank holidays plus `[calendar]` extras).
    pub cal: Calendar,
    /// The check date the facts are taken as of.
    pub as_of: NaiveDate,
    /// Every child's facts, by id.
    pub facts: BTreeMap<String, ChildFacts>,
}

impl Analysis {
    /// The facts of every child (computed in parallel).
    pub fn new(repo: &Repo, as_of: NaiveDate) -> Analysis {
        let cal = calendar(repo);
        let facts = all_facts(repo, &cal, as_of);
        Analysis { cal, as_of, facts }
    }
    /// Recompute one child's facts after its records changed (or forget
    /// them when the child is gone).
    pub fn refresh_child(&mut self, repo: &Repo, id: &str) {
        match repo.children.get(id) {
            Some(c) => {
                let f = facts(repo, c, &self.cal, self.as_of);
                self.facts.insert(id.to_string(), f);
            }
            None => {
                self.facts.remove(id);
            }
        }
    }
}

/// Derived facts of every child (computed in parallel).
pub fn all_facts(repo: &Repo, cal: &Calendar, as_of: NaiveDate) -> BTreeMap<String, ChildFacts> {
    let v: Vec<(String, ChildFacts)> = repo
        .children
        .par_iter()
        .map(|(id, c)| (id.clone(), facts(repo, c, cal, as_of)))
        .collect();
    v.into_iter().collect()
}

/// The age band of the letter for a review: the child's age on the review
/// date, and whether it is a pathway review.
pub fn letter_band(child: &Child, r: &Review) -> AgeBand {
    AgeBand::for_age(
        age_on(child.rec.dob.0, r.date),
        r.rec.kind.value == ReviewKind::Pathway,
    )
}

/// Who a review's letter is written to, for the plain-language check: the
/// child's name parts and preferred name (to spot writing about them), and
/// the age band of the letter.
pub fn letter_subject<'a>(child: &'a Child, r: &Review) -> crate::plain::Subject<'a> {
    crate::plain::Subject {
        names: child
            .rec
            .name
            .split_whitespace()
            .chain(child.rec.preferred_name.as_ref().map(|p| p.as_str()))
            .collect(),
        band: letter_band(child, r),
    }
}

/// The plain-language settings from `[letters]`.
pub fn plain_config(repo: &Repo) -> PlainConfig {
    PlainConfig {
        extra_jargon: repo
            .config
            .letters
            .jargon
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        ..PlainConfig::default()
    }
}
