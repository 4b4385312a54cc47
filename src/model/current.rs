//! Whether a child's health assessment and personal education plan are in
//! date on a day: one definition, shared by the rules `health-assessment` and
//! `pep-termly` and the figures `health.current` and `pep.current`.

use crate::calendar::{add_months, age_on, compulsory_school_age};
use crate::day::Day;
use crate::span::Sp;
use chrono::NaiveDate;

/// The latest dated item on or before a day, and whether it is in date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Latest {
    /// None on or before the day.
    Missing,
    /// The latest, `on`, was due again by `due`, on or after the day.
    Current { on: NaiveDate, due: NaiveDate },
    /// The latest, `on`, was due again by `due`, before the day.
    Stale {
        on: NaiveDate,
        due: NaiveDate,
        months: u32,
    },
}

impl Latest {
    /// In date.
    pub fn current(self) -> bool {
        matches!(self, Latest::Current { .. })
    }
}

fn latest(dates: &[Sp<Day>], day: NaiveDate, months: impl Fn(NaiveDate) -> u32) -> Latest {
    let Some(on) = dates.iter().map(|d| d.0).filter(|d| *d <= day).max() else {
        return Latest::Missing;
    };
    let m = months(on);
    let due = add_months(on, m);
    if due >= day {
        Latest::Current { on, due }
    } else {
        Latest::Stale { on, due, months: m }
    }
}

/// The health assessment on `day` (CPPCR 7): due again 6 months after the
/// last while the child is under 5 on that day, 12 months otherwise.
pub fn health_assessment(dob: NaiveDate, dates: &[Sp<Day>], day: NaiveDate) -> Latest {
    latest(dates, day, |h| health_interval(dob, h))
}

/// Months to the next health assessment after one on `h`: 6 when the child
/// is still under 5 on the day 6 months later, 12 otherwise (one at 4 years
/// 11 months is next due at 5 years 11 months).
pub fn health_interval(dob: NaiveDate, h: NaiveDate) -> u32 {
    if age_on(dob, add_months(h, 6)) < 5 {
        6
    } else {
        12
    }
}

/// The personal education plan on `day`: reviewed within `months`.
pub fn pep(dates: &[Sp<Day>], day: NaiveDate, months: u32) -> Latest {
    latest(dates, day, |_| months)
}

/// Whether the child is of compulsory school age on `day` (a PEP is needed).
pub fn school_age_on(dob: NaiveDate, day: NaiveDate) -> bool {
    let (from, to) = compulsory_school_age(dob);
    day >= from && day <= to
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::compulsory_school_age;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn sp(s: &str) -> Sp<Day> {
        Sp::bare(Day(d(s)))
    }

    #[test]
    fn compulsory_school_age_from_the_prescribed_day_to_the_last_friday_in_june() {
        // 5 on a prescribed day (31 Aug 2020): from that day. 16 on 31 Aug
        // 2031, in the school year ending 2031: to Fri 27 Jun 2031.
        assert_eq!(
            compulsory_school_age(d("2015-08-31")),
            (d("2020-08-31"), d("2031-06-27"))
        );
        // 5 on 1 Sep 2020: from 31 Dec 2020. 16 on 1 Sep 2031, in the school
        // year ending 2032: to Fri 25 Jun 2032.
        assert_eq!(
            compulsory_school_age(d("2015-09-01")),
            (d("2020-12-31"), d("2032-06-25"))
        );
        // 29 February: 5 on 28 Feb 2021, from 31 Mar 2021.
        assert_eq!(compulsory_school_age(d("2016-02-29")).0, d("2021-03-31"));
        assert!(!school_age_on(d("2015-09-01"), d("2020-12-30")));
        assert!(school_age_on(d("2015-09-01"), d("2020-12-31")));
        assert!(school_age_on(d("2015-09-01"), d("2032-06-25")));
        assert!(!school_age_on(d("2015-09-01"), d("2032-06-26")));
    }

    #[test]
    fn health_assessment_by_age_when_the_next_fell_due() {
        // Born 29 Feb 2016 (5 on 28 Feb 2021).
        let dob = d("2016-02-29");
        let h = |x: &str, on: &str| health_assessment(dob, &[sp(x)], d(on));
        assert_eq!(
            h("2020-08-27", "2021-03-01"),
            Latest::Stale {
                on: d("2020-08-27"),
                due: d("2021-02-27"),
                months: 6
            }
        );
        assert!(h("2020-08-28", "2021-03-01").current());
        assert!(h("2020-08-28", "2021-08-28").current());
        assert!(!h("2020-08-28", "2021-08-29").current());
        assert_eq!(h("2020-08-28", "2020-08-27"), Latest::Missing);
    }

    #[test]
    fn pep_within_the_window() {
        let p = [sp("2025-03-30")];
        assert!(pep(&p, d("2025-07-30"), 4).current());
        assert!(!pep(&p, d("2025-07-31"), 4).current());
        assert!(pep(&p, d("2025-07-31"), 5).current());
    }
}
