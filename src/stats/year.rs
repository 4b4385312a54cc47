//! Reporting years: `[service] year_starts` (default 1 April), ids such as
//! `2025-26`, the half-years H1/H2, and the years a records repository covers.
//!
//! A `Year` also carries the check date: the figures of a year that is still
//! running (or of any year when `--as-of` falls inside it) count events up to
//! the check date and take the year-end snapshots (children looked after, care
//! leavers, caseloads, open alerts) on the check date.

use crate::calendar::{add_days, add_months};
use crate::records::Repo;
use chrono::{Datelike, NaiveDate};

/// One reporting year, and the check date its figures are taken as of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year {
    /// First day of the year (e.g. 1 April 2025).
    pub start: NaiveDate,
    /// Last day of the year (e.g. 31 March 2026).
    pub end: NaiveDate,
    /// The check date (defaults to `end`): nothing after it is counted.
    pub as_of: NaiveDate,
}

/// First or second half of a reporting year (six months each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Half {
    /// The first six months (April - September by default).
    H1,
    /// The last six months (October - March by default).
    H2,
}

impl Half {
    /// `H1` or `H2`: the key used in `by`.
    pub fn key(self) -> &'static str {
        match self {
            Half::H1 => "H1",
            Half::H2 => "H2",
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

impl Year {
    /// The year starting on `start` = (month, day) of calendar year `year`.
    /// `None` outside chrono's range or for an impossible start.
    pub fn starting(year: i32, start: (u32, u32)) -> Option<Year> {
        let s = ymd(year, start.0, start.1)?;
        let next = ymd(year.checked_add(1)?, start.0, start.1)?;
        let end = next.pred_opt()?;
        Some(Year {
            start: s,
            end,
            as_of: end,
        })
    }

    /// The reporting year that contains `d`. Its check date is its last day;
    /// set another with [`Year::as_of`].
    pub fn containing(d: NaiveDate, start: (u32, u32)) -> Year {
        let y = d.year();
        let this = Year::starting(y, start);
        match this {
            Some(t) if d >= t.start => t,
            _ => Year::starting(y - 1, start).unwrap_or(Year {
                start: d,
                end: d,
                as_of: d,
            }),
        }
    }

    /// Parse `2017-18` (or `2017/18`): the year starting in 2017.
    pub fn parse(s: &str, start: (u32, u32)) -> Result<Year, String> {
        let bad = || {
            format!(
                "`{s}` is not a reporting year: write it like 2025-26 (the year starting in 2025)"
            )
        };
        let t = s.trim();
        let b = t.as_bytes();
        if b.len() != 7 || !(b[4] == b'-' || b[4] == b'/') {
            return Err(bad());
        }
        let (a, z) = (&t[..4], &t[5..]);
        if !a.bytes().all(|c| c.is_ascii_digit()) || !z.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let y: i32 = a.parse().map_err(|_| bad())?;
        let n: i32 = z.parse().map_err(|_| bad())?;
        if (y + 1) % 100 != n {
            return Err(format!(
                "`{s}`: the second part must be the next year ({y}-{:02})",
                (y + 1) % 100
            ));
        }
        Year::starting(y, start).ok_or_else(bad)
    }

    /// The same year with figures taken as of `d` (events after `d` are not
    /// counted; year-end snapshots are taken on `d` when it is inside the year).
    #[must_use]
    pub fn as_of(self, d: NaiveDate) -> Year {
        Year { as_of: d, ..self }
    }

    /// The id: `2025-26`.
    pub fn id(&self) -> String {
        let y = self.start.year();
        format!("{y}-{:02}", (y + 1).rem_euclid(100))
    }

    /// The last day counted: the year's end, or the check date when earlier.
    pub fn until(&self) -> NaiveDate {
        self.end.min(self.as_of)
    }

    /// The date of the year-end snapshot (`until`).
    pub fn snapshot(&self) -> NaiveDate {
        self.until()
    }

    /// Whether `d` is counted in this year: from the start to `until`.
    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.start && d <= self.until()
    }

    /// The whole year has passed by the check date.
    pub fn complete(&self) -> bool {
        self.as_of >= self.end
    }

    /// The year before (same check date).
    #[must_use]
    pub fn prev(&self) -> Year {
        let start = add_months_back_12(self.start);
        Year {
            start,
            end: self.start.pred_opt().unwrap_or(self.start),
            as_of: self.as_of,
        }
    }

    /// The year after (same check date).
    #[must_use]
    pub fn next(&self) -> Year {
        let end = add_months(self.end.succ_opt().unwrap_or(self.end), 12)
            .pred_opt()
            .unwrap_or(self.end);
        Year {
            start: self.end.succ_opt().unwrap_or(self.end),
            end,
            as_of: self.as_of,
        }
    }

    /// Which half of the year `d` falls in (the first six months are H1).
    pub fn half(&self, d: NaiveDate) -> Half {
        if d < add_months(self.start, 6) {
            Half::H1
        } else {
            Half::H2
        }
    }

    /// "1 April 2025 to 31 March 2026".
    pub fn span_words(&self) -> String {
        format!(
            "{} to {}",
            crate::day::long(self.start),
            crate::day::long(self.end)
        )
    }
}

fn add_months_back_12(d: NaiveDate) -> NaiveDate {
    // Year starts are day 1-28, so the same day a year earlier always exists.
    ymd(d.year() - 1, d.month(), d.day()).unwrap_or_else(|| add_days(d, -365))
}

/// The default year for `iro stats`: the reporting year containing the check
/// date (the current year, or the year just completed when the check date is
/// its last day), taken as of the check date.
pub fn default_year(start: (u32, u32), as_of: NaiveDate) -> Year {
    Year::containing(as_of, start).as_of(as_of)
}

/// The earliest date in the records: the first episode start or review date.
pub fn earliest(repo: &Repo) -> Option<NaiveDate> {
    repo.children
        .values()
        .flat_map(|c| {
            c.rec
                .episodes
                .iter()
                .map(|e| e.start.0)
                .chain(c.reviews.iter().map(|r| r.date))
        })
        .min()
}

/// The reporting years the records cover, oldest first: from the year of the
/// earliest episode or review to the year containing `as_of`, each taken as
/// of `as_of`. Empty when there are no records on or before `as_of`.
pub fn covered(repo: &Repo, start: (u32, u32), as_of: NaiveDate) -> Vec<Year> {
    match earliest(repo) {
        Some(first) if first <= as_of => years_between(
            Year::containing(first, start),
            Year::containing(as_of, start),
            as_of,
        ),
        _ => Vec::new(),
    }
}

/// Every year from `first` to `last` inclusive, taken as of `as_of`.
pub fn years_between(first: Year, last: Year, as_of: NaiveDate) -> Vec<Year> {
    let mut out = Vec::new();
    let mut y = first.as_of(as_of);
    while y.start <= last.start {
        out.push(y);
        y = y.next();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::day::parse_iso(s).expect("test date")
    }

    #[test]
    fn april_years() {
        let y = Year::parse("2017-18", (4, 1)).expect("parses");
        assert_eq!((y.start, y.end), (d("2017-04-01"), d("2018-03-31")));
        assert_eq!(y.id(), "2017-18");
        assert_eq!(
            Year::parse("2017/18", (4, 1)).expect("slash").id(),
            "2017-18"
        );
        assert_eq!(
            Year::parse("1999-00", (4, 1)).expect("century").end,
            d("2000-03-31")
        );
        assert!(Year::parse("2017-19", (4, 1)).is_err());
        assert!(Year::parse("17-18", (4, 1)).is_err());
        assert!(Year::parse("2017-1x", (4, 1)).is_err());
        assert!(Year::parse("", (4, 1)).is_err());
        assert_eq!(Year::containing(d("2018-03-31"), (4, 1)).id(), "2017-18");
        assert_eq!(Year::containing(d("2018-04-01"), (4, 1)).id(), "2018-19");
        assert_eq!(Year::containing(d("2018-01-15"), (4, 1)).id(), "2017-18");
    }

    #[test]
    fn other_starts() {
        let y = Year::containing(d("2024-09-01"), (9, 1));
        assert_eq!((y.start, y.end), (d("2024-09-01"), d("2025-08-31")));
        let y = Year::containing(d("2024-06-30"), (1, 1));
        assert_eq!(
            (y.start, y.end, y.id()),
            (d("2024-01-01"), d("2024-12-31"), "2024-25".to_string())
        );
    }

    #[test]
    fn prev_next_half_until() {
        let y = Year::parse("2024-25", (4, 1)).expect("parses");
        assert_eq!(y.prev().id(), "2023-24");
        assert_eq!(y.prev().end, d("2024-03-31"));
        assert_eq!(y.next().id(), "2025-26");
        assert_eq!(y.next().end, d("2026-03-31"));
        assert_eq!(y.half(d("2024-09-30")), Half::H1);
        assert_eq!(y.half(d("2024-10-01")), Half::H2);
        assert_eq!(y.half(d("2025-03-31")), Half::H2);
        let cur = y.as_of(d("2024-12-01"));
        assert_eq!(cur.until(), d("2024-12-01"));
        assert!(cur.contains(d("2024-12-01")) && !cur.contains(d("2024-12-02")));
        assert!(!cur.complete() && y.complete());
        assert_eq!(default_year((4, 1), d("2026-03-31")).id(), "2025-26");
        assert_eq!(default_year((4, 1), d("2026-04-01")).id(), "2026-27");
        let ys = years_between(Year::parse("2020-21", (4, 1)).unwrap(), y, d("2025-01-01"));
        let ids: Vec<String> = ys.iter().map(Year::id).collect();
        assert_eq!(ids, ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]);
    }
}
