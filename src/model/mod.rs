//! The model: facts derived from the records that rules, stats and letters
//! share. Pure: no I/O.

pub mod leaver;
pub mod period;
pub mod schedule;

use crate::calendar::Calendar;
use crate::records::{Child, Repo};
use chrono::NaiveDate;
use period::Period;
use schedule::{NextDue, Schedule};

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
    let periods = period::periods(&child.rec);
    let schedule = schedule::schedule(child, &periods, cal, &repo.config.policy, as_of);
    let pathway_next = schedule::pathway_next(child, &periods, &repo.config.policy, as_of);
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
