//! Date arithmetic for England and Wales: bank holidays, working days, months and ages.
//!
//! This module implements the "Date arithmetic" section of the rules
//! specification:
//!
//! - **Working days** are Monday to Friday except Christmas Day, Good Friday and the
//!   bank holidays of England and Wales (Banking and Financial Dealings Act 1971),
//!   plus any extra non-working days configured in `iro.toml`.
//! - **N working days after X**: the day of X is not counted; the deadline is the Nth
//!   working day after X.
//! - **N months after X**: the same day of the month, or the last day of the target
//!   month when that day does not exist.
//! - **Ages** are reached on the birthday; a 29 February birthday falls on 28 February
//!   in other years.
//!
//! The module does no I/O. Working-day arithmetic is answered from tables that are
//! built once per [`Calendar`] for the years [`TABLE_FIRST_YEAR`] to
//! [`TABLE_LAST_YEAR`]: a prefix count of working days per day and the list of working
//! days, so [`Calendar::add_working_days`], [`Calendar::working_days_between`] and
//! [`Calendar::is_working_day`] are O(1) there. Dates outside that range are answered
//! by a slower path that computes each year's holidays on demand, with the same
//! results.
//!
//! The statutory pattern (including the early May bank holiday, which dates from 1978)
//! is applied to every year, and [`ONE_OFF_CHANGES`] starts in 2011: earlier
//! differences (the rules before 1978, the one-off changes of 1995, 1999 and 2002) are
//! not modelled; add them there if records that old ever matter.

use chrono::{Datelike, Months, NaiveDate, Weekday};
use std::fmt;
use std::sync::{Arc, OnceLock};

/// First year covered by the precomputed working-day tables.
pub const TABLE_FIRST_YEAR: i32 = 1900;
/// Last year covered by the precomputed working-day tables.
pub const TABLE_LAST_YEAR: i32 = 2200;

/// Name that [`Calendar::holiday_name`] gives a day added through [`Calendar::new`].
pub const EXTRA_NON_WORKING_DAY: &str = "Extra non-working day";

const NEW_YEARS_DAY: &str = "New Year's Day";
const NEW_YEARS_DAY_SUB: &str = "New Year's Day (substitute)";
const GOOD_FRIDAY: &str = "Good Friday";
const EASTER_MONDAY: &str = "Easter Monday";
const EARLY_MAY: &str = "Early May bank holiday";
const SPRING: &str = "Spring bank holiday";
const SUMMER: &str = "Summer bank holiday";
const CHRISTMAS_DAY: &str = "Christmas Day";
const CHRISTMAS_DAY_SUB: &str = "Christmas Day (substitute)";
const BOXING_DAY: &str = "Boxing Day";
const BOXING_DAY_SUB: &str = "Boxing Day (substitute)";

/// A one-off change to the bank holidays of England and Wales, made by royal
/// proclamation rather than by the standing rules of the 1971 Act.
///
/// Dates are `(year, month, day)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OneOffChange {
    /// An extra bank holiday on `date`.
    Added {
        /// The extra day.
        date: (i32, u32, u32),
        /// Its name, as published on GOV.UK.
        name: &'static str,
    },
    /// The bank holiday that the standing rules put on `from` is held on `to` instead.
    Moved {
        /// The date the standing rules give.
        from: (i32, u32, u32),
        /// The date it was held instead.
        to: (i32, u32, u32),
        /// The name of the moved holiday, as published on GOV.UK.
        name: &'static str,
    },
}

/// The one-off changes to the bank holidays of England and Wales applied on top of the
/// standing rules (as listed in the rules specification, "Date arithmetic").
///
/// | date | change |
/// |---|---|
/// | 2011-04-29 | added: royal wedding |
/// | 2012-05-28 -> 2012-06-04 | spring bank holiday moved |
/// | 2012-06-05 | added: Queen's Diamond Jubilee |
/// | 2020-05-04 -> 2020-05-08 | early May bank holiday moved (VE Day) |
/// | 2022-05-30 -> 2022-06-02 | spring bank holiday moved |
/// | 2022-06-03 | added: Platinum Jubilee |
/// | 2022-09-19 | added: state funeral of Queen Elizabeth II |
/// | 2023-05-08 | added: coronation of King Charles III |
///
/// Future proclamations are added here (or, until a release, as extra non-working days
/// in `iro.toml`).
pub const ONE_OFF_CHANGES: &[OneOffChange] = &[
    OneOffChange::Added {
        date: (2011, 4, 29),
        name: "Royal wedding (Prince William & Catherine Middleton)",
    },
    OneOffChange::Moved {
        from: (2012, 5, 28),
        to: (2012, 6, 4),
        name: "Spring bank holiday (moved)",
    },
    OneOffChange::Added {
        date: (2012, 6, 5),
        name: "Queen's Diamond Jubilee",
    },
    OneOffChange::Moved {
        from: (2020, 5, 4),
        to: (2020, 5, 8),
        name: "Early May bank holiday (VE Day, moved)",
    },
    OneOffChange::Moved {
        from: (2022, 5, 30),
        to: (2022, 6, 2),
        name: "Spring bank holiday (moved)",
    },
    OneOffChange::Added {
        date: (2022, 6, 3),
        name: "Platinum Jubilee",
    },
    OneOffChange::Added {
        date: (2022, 9, 19),
        name: "State funeral of Queen Elizabeth II",
    },
    OneOffChange::Added {
        date: (2023, 5, 8),
        name: "Coronation of King Charles III",
    },
];

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date in the one-off table")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date within chrono's range")
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The date of Easter Sunday in `year`, by the anonymous Gregorian algorithm
/// (Meeus/Jones/Butcher).
///
/// # Panics
/// If the date is outside chrono's supported range.
#[must_use]
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    // month is 3 or 4 and day 1..=31 by construction.
    date(year, month as u32, day as u32)
}

/// The first `weekday` of `month` in `year`.
fn first_weekday(year: i32, month: u32, weekday: Weekday) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, 1).expect("valid month")
}

/// The last `weekday` of `month` in `year`.
fn last_weekday(year: i32, month: u32, weekday: Weekday) -> NaiveDate {
    let last = last_day_of_month(year, month);
    let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    add_days(last, -i64::from(back))
}

fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    date(ny, nm, 1)
        .pred_opt()
        .expect("date within chrono's range")
}

/// The weekday non-working days of `year` in England and Wales, sorted by date, with
/// the names used by GOV.UK (and the bundled `holidays-england-wales.json`).
///
/// The standing rules (Banking and Financial Dealings Act 1971 and the annual royal
/// proclamations) give: New Year's Day (1 January, or the next Monday when it falls at
/// a weekend, as "New Year's Day (substitute)"), Good Friday, Easter Monday, the early
/// May bank holiday (first Monday in May), the spring bank holiday (last Monday in May),
/// the summer bank holiday (last Monday in August), Christmas Day and Boxing Day, with
/// weekend substitutes moving forward: 25 December on a Saturday gives "Christmas Day
/// (substitute)" on Monday 27 and "Boxing Day (substitute)" on Tuesday 28; on a Sunday,
/// "Boxing Day" on Monday 26 and "Christmas Day (substitute)" on Tuesday 27; on a
/// Friday, "Boxing Day (substitute)" on Monday 28. Then [`ONE_OFF_CHANGES`] are applied.
///
/// Only weekdays are listed: a Christmas Day that falls on a Saturday is not listed,
/// its substitute is.
///
/// # Panics
/// If the year is outside chrono's supported range.
#[must_use]
pub fn bank_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut days: Vec<(NaiveDate, &'static str)> = Vec::with_capacity(10);

    let new_year = date(year, 1, 1);
    match new_year.weekday() {
        Weekday::Sat => days.push((date(year, 1, 3), NEW_YEARS_DAY_SUB)),
        Weekday::Sun => days.push((date(year, 1, 2), NEW_YEARS_DAY_SUB)),
        _ => days.push((new_year, NEW_YEARS_DAY)),
    }

    let easter = easter_sunday(year);
    days.push((add_days(easter, -2), GOOD_FRIDAY));
    days.push((add_days(easter, 1), EASTER_MONDAY));
    days.push((first_weekday(year, 5, Weekday::Mon), EARLY_MAY));
    days.push((last_weekday(year, 5, Weekday::Mon), SPRING));
    days.push((last_weekday(year, 8, Weekday::Mon), SUMMER));

    let christmas = date(year, 12, 25);
    match christmas.weekday() {
        Weekday::Fri => {
            days.push((christmas, CHRISTMAS_DAY));
            days.push((date(year, 12, 28), BOXING_DAY_SUB));
        }
        Weekday::Sat => {
            days.push((date(year, 12, 27), CHRISTMAS_DAY_SUB));
            days.push((date(year, 12, 28), BOXING_DAY_SUB));
        }
        Weekday::Sun => {
            days.push((date(year, 12, 26), BOXING_DAY));
            days.push((date(year, 12, 27), CHRISTMAS_DAY_SUB));
        }
        _ => {
            days.push((christmas, CHRISTMAS_DAY));
            days.push((date(year, 12, 26), BOXING_DAY));
        }
    }

    for change in ONE_OFF_CHANGES {
        match *change {
            OneOffChange::Added { date: d, name } if d.0 == year => days.push((ymd(d), name)),
            OneOffChange::Moved { from, to, name } if from.0 == year => {
                let from = ymd(from);
                days.retain(|&(d, _)| d != from);
                days.push((ymd(to), name));
            }
            _ => {}
        }
    }

    days.sort_by_key(|&(d, _)| d);
    days.dedup_by_key(|&mut (d, _)| d);
    days
}

/// `d` plus `n` calendar days (`n` may be negative).
///
/// # Panics
/// If the result is outside chrono's supported range.
#[must_use]
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    i32::try_from(i64::from(d.num_days_from_ce()) + n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .expect("date arithmetic out of range")
}

/// `d` plus `n` calendar months: the same day of the month, or the last day of the
/// target month when that day does not exist (2023-11-30 + 3 = 2024-02-29;
/// 2024-08-31 + 6 = 2025-02-28).
///
/// # Panics
/// If the result is outside chrono's supported range.
#[must_use]
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .expect("date arithmetic out of range")
}

/// The date on which someone born on `dob` reaches `age`; a 29 February birthday falls
/// on 28 February in years that are not leap years. `birthday(dob, 0)` is `dob`.
///
/// # Panics
/// If the result is outside chrono's supported range.
#[must_use]
pub fn birthday(dob: NaiveDate, age: i32) -> NaiveDate {
    let year = dob.year() + age;
    NaiveDate::from_ymd_opt(year, dob.month(), dob.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28).filter(|_| dob.month() == 2))
        .expect("birthday out of range")
}

/// The days a child born on `dob` is of compulsory school age, first and
/// last (Education Act 1996 s.8): from their fifth birthday when it falls on
/// a prescribed day (31 March, 31 August, 31 December), otherwise from the
/// next prescribed day; to the school leaving date (the last Friday in June)
/// of the school year in which they turn 16.
#[must_use]
pub fn compulsory_school_age(dob: NaiveDate) -> (NaiveDate, NaiveDate) {
    let b5 = birthday(dob, 5);
    let prescribed = |y: i32| {
        [(3, 31), (8, 31), (12, 31)]
            .map(|(m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a prescribed day"))
    };
    let start = prescribed(b5.year())
        .into_iter()
        .chain(prescribed(b5.year() + 1))
        .find(|d| *d >= b5)
        .expect("a prescribed day follows");
    let b16 = birthday(dob, 16);
    let september = NaiveDate::from_ymd_opt(b16.year(), 9, 1).expect("1 September");
    let year = if b16 < september {
        b16.year()
    } else {
        b16.year() + 1
    };
    let june30 = NaiveDate::from_ymd_opt(year, 6, 30).expect("30 June");
    let back = (june30.weekday().num_days_from_monday() + 7 - 4) % 7;
    (start, add_days(june30, -i64::from(back)))
}

/// Age in whole years on `on` of someone born on `dob`. The age is reached on the
/// birthday itself (see [`birthday`] for 29 February). Negative when `on` is before
/// `dob` (-1 for the year before birth).
#[must_use]
pub fn age_on(dob: NaiveDate, on: NaiveDate) -> i32 {
    let years = on.year() - dob.year();
    if on < birthday(dob, years) {
        years - 1
    } else {
        years
    }
}

/// Precomputed working-day tables for [`TABLE_FIRST_YEAR`]..=[`TABLE_LAST_YEAR`].
struct Tables {
    /// `num_days_from_ce` of 1 January [`TABLE_FIRST_YEAR`] (day index 0).
    start: i32,
    /// `cum[i]` is the number of working days among day indices `0..i`; its length is
    /// the number of days in the range plus one.
    cum: Vec<u32>,
    /// Day indices of the working days, in order: `wd[k]` is the (k+1)th working day.
    wd: Vec<u32>,
    /// Extra non-working days (sorted, deduplicated), any date.
    extras: Vec<NaiveDate>,
}

impl Tables {
    fn build(extras: Vec<NaiveDate>) -> Tables {
        let first = date(TABLE_FIRST_YEAR, 1, 1);
        let last = date(TABLE_LAST_YEAR, 12, 31);
        let start = first.num_days_from_ce();
        let len = usize::try_from(last.num_days_from_ce() - start + 1).expect("positive");

        let mut working: Vec<bool> = (0..len)
            .map(|i| {
                let wd = (first.weekday().num_days_from_monday() as usize + i) % 7;
                wd < 5
            })
            .collect();
        let index = |d: NaiveDate| usize::try_from(d.num_days_from_ce() - start).ok();
        for year in TABLE_FIRST_YEAR..=TABLE_LAST_YEAR {
            for (d, _) in bank_holidays(year) {
                working[index(d).expect("in range")] = false;
            }
        }
        for &d in &extras {
            if let Some(i) = index(d).filter(|&i| i < len) {
                working[i] = false;
            }
        }

        let mut cum = Vec::with_capacity(len + 1);
        let mut wd = Vec::with_capacity(len * 5 / 7 + 1);
        let mut count = 0u32;
        cum.push(0);
        for (i, &w) in working.iter().enumerate() {
            if w {
                wd.push(u32::try_from(i).expect("fits"));
                count += 1;
            }
            cum.push(count);
        }
        Tables {
            start,
            cum,
            wd,
            extras,
        }
    }

    /// Day index of `d` in the tables, if it is in range.
    #[inline]
    fn index(&self, d: NaiveDate) -> Option<usize> {
        let i = usize::try_from(d.num_days_from_ce().wrapping_sub(self.start)).ok()?;
        (i + 1 < self.cum.len()).then_some(i)
    }
}

/// Holiday names for the table range, sorted by day number, shared by all calendars.
fn base_names() -> &'static [(i32, &'static str)] {
    static NAMES: OnceLock<Vec<(i32, &'static str)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        (TABLE_FIRST_YEAR..=TABLE_LAST_YEAR)
            .flat_map(bank_holidays)
            .map(|(d, name)| (d.num_days_from_ce(), name))
            .collect()
    })
}

fn base_tables() -> Arc<Tables> {
    static BASE: OnceLock<Arc<Tables>> = OnceLock::new();
    BASE.get_or_init(|| Arc::new(Tables::build(Vec::new())))
        .clone()
}

/// The working-day calendar of England and Wales, optionally with extra non-working
/// days (from `iro.toml`).
///
/// Cloning is cheap (the tables are shared). The tables of
/// [`Calendar::england_and_wales`] are built once per process, on first use; a
/// calendar with extra days builds its own (about a millisecond, under 1 MB).
#[derive(Clone)]
pub struct Calendar {
    t: Arc<Tables>,
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("extra_non_working", &self.t.extras)
            .finish_non_exhaustive()
    }
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::england_and_wales()
    }
}

impl Calendar {
    /// The calendar of England and Wales plus `extra_non_working` days (any order;
    /// duplicates, weekends and days that are already bank holidays are harmless).
    #[must_use]
    pub fn new(extra_non_working: &[NaiveDate]) -> Calendar {
        if extra_non_working.is_empty() {
            return Calendar::england_and_wales();
        }
        let mut extras = extra_non_working.to_vec();
        extras.sort_unstable();
        extras.dedup();
        Calendar {
            t: Arc::new(Tables::build(extras)),
        }
    }

    /// The calendar of England and Wales with no extra non-working days.
    #[must_use]
    pub fn england_and_wales() -> Calendar {
        Calendar { t: base_tables() }
    }

    /// Whether `d` is a working day: Monday to Friday, not a bank holiday (see
    /// [`bank_holidays`]) and not an extra non-working day.
    #[inline]
    #[must_use]
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.t.index(d) {
            Some(i) => self.t.cum[i + 1] != self.t.cum[i],
            None => self.is_working_day_slow(d),
        }
    }

    /// The name of the holiday that makes `d` a non-working day, as listed by
    /// [`bank_holidays`] (e.g. "Good Friday", "Christmas Day (substitute)"), or
    /// [`EXTRA_NON_WORKING_DAY`] ("Extra non-working day") for a day added through
    /// [`Calendar::new`]. `None` for working days and ordinary weekends.
    #[must_use]
    pub fn holiday_name(&self, d: NaiveDate) -> Option<&'static str> {
        let n = d.num_days_from_ce();
        let bank = if self.t.index(d).is_some() {
            let names = base_names();
            names
                .binary_search_by_key(&n, |&(day, _)| day)
                .ok()
                .map(|i| names[i].1)
        } else {
            bank_holidays(d.year())
                .into_iter()
                .find(|&(h, _)| h == d)
                .map(|(_, name)| name)
        };
        bank.or_else(|| {
            self.t
                .extras
                .binary_search(&d)
                .ok()
                .map(|_| EXTRA_NON_WORKING_DAY)
        })
    }

    /// The `n`th working day after `from` (the day of `from` is not counted, whether or
    /// not it is a working day). `n = 0` gives `from` itself.
    ///
    /// Mon 2 Dec 2024 + 20 = Thu 2 Jan 2025; Fri 28 Apr 2023 + 20 = Wed 31 May 2023.
    ///
    /// # Panics
    /// If the result is outside chrono's supported range.
    #[inline]
    #[must_use]
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return from;
        }
        if let Some(i) = self.t.index(from) {
            let k = self.t.cum[i + 1] as usize + n as usize - 1;
            if let Some(&w) = self.t.wd.get(k) {
                return NaiveDate::from_num_days_from_ce_opt(self.t.start + w as i32)
                    .expect("table day in range");
            }
        }
        self.add_working_days_slow(from, n)
    }

    /// The number of working days in `(from, to]` (so `from` itself is not counted and
    /// `to` is); when `to` is before `from`, minus the number in `(to, from]`; 0 when
    /// they are equal. `working_days_between(x, add_working_days(x, n)) == n`.
    #[inline]
    #[must_use]
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if let (Some(a), Some(b)) = (self.t.index(from), self.t.index(to)) {
            return i64::from(self.t.cum[b + 1]) - i64::from(self.t.cum[a + 1]);
        }
        self.working_days_between_slow(from, to)
    }

    // ----- slow paths, valid for any date; used outside the table range -----

    /// The weekday non-working days of `year`: bank holidays and weekday extras.
    fn closures(&self, year: i32) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = bank_holidays(year).into_iter().map(|(d, _)| d).collect();
        let lo = self.t.extras.partition_point(|d| d.year() < year);
        let hi = self.t.extras.partition_point(|d| d.year() <= year);
        days.extend(
            self.t.extras[lo..hi]
                .iter()
                .copied()
                .filter(|&d| !is_weekend(d)),
        );
        days.sort_unstable();
        days.dedup();
        days
    }

    fn is_working_day_slow(&self, d: NaiveDate) -> bool {
        !is_weekend(d) && self.t.extras.binary_search(&d).is_err() && {
            !bank_holidays(d.year()).iter().any(|&(h, _)| h == d)
        }
    }

    /// Working days in `(a, b]` for `a <= b`, any dates.
    fn working_in_slow(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        debug_assert!(a <= b);
        let mut total = weekdays_in(a, b);
        for year in a.year()..=b.year() {
            total -= self
                .closures(year)
                .iter()
                .filter(|&&d| a < d && d <= b)
                .count() as i64;
        }
        total
    }

    fn working_days_between_slow(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if from <= to {
            self.working_in_slow(from, to)
        } else {
            -self.working_in_slow(to, from)
        }
    }

    fn add_working_days_slow(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut cur = from;
        let mut remaining = i64::from(n);
        if remaining == 0 {
            return from;
        }
        loop {
            // The year of the next day: `cur` itself is not counted.
            let year = cur.succ_opt().expect("date arithmetic out of range").year();
            let year_end = date(year, 12, 31);
            let available = self.working_in_slow(cur, year_end);
            if available < remaining {
                remaining -= available;
                cur = year_end;
                continue;
            }
            let closures = self.closures(year);
            loop {
                cur = cur.succ_opt().expect("date arithmetic out of range");
                if !is_weekend(cur) && closures.binary_search(&cur).is_err() {
                    remaining -= 1;
                    if remaining == 0 {
                        return cur;
                    }
                }
            }
        }
    }
}

/// Number of Mondays to Fridays in `(a, b]`, `a <= b`.
fn weekdays_in(a: NaiveDate, b: NaiveDate) -> i64 {
    let days = i64::from(b.num_days_from_ce() - a.num_days_from_ce());
    let weeks = days / 7;
    let mut count = weeks * 5;
    let mut d = add_days(a, weeks * 7);
    for _ in 0..days % 7 {
        d = d.succ_opt().expect("within (a, b]");
        if !is_weekend(d) {
            count += 1;
        }
    }
    count
}

/// Whole months from `from` to `to` as used in messages ("6 months after").
pub fn months_between_hint(from: NaiveDate, to: NaiveDate) -> i32 {
    use chrono::Datelike;
    (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = include_str!("../tests/data/holidays-england-wales.json");

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn iso(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Reference implementation: the weekday closures of 1840-2360 in a set, and
    /// counting by stepping one day at a time.
    struct Reference {
        closed: std::collections::HashSet<NaiveDate>,
    }

    impl Reference {
        fn new(cal: &Calendar) -> Reference {
            let mut closed = std::collections::HashSet::new();
            for year in 1840..=2360 {
                for (day, _) in bank_holidays(year) {
                    closed.insert(day);
                }
            }
            closed.extend(cal.t.extras.iter().copied());
            Reference { closed }
        }

        fn working(&self, d: NaiveDate) -> bool {
            !is_weekend(d) && !self.closed.contains(&d)
        }

        fn add(&self, from: NaiveDate, n: u32) -> NaiveDate {
            let mut cur = from;
            let mut left = n;
            while left > 0 {
                cur = cur.succ_opt().unwrap();
                if self.working(cur) {
                    left -= 1;
                }
            }
            cur
        }

        fn between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
            let (lo, hi, sign) = if from <= to {
                (from, to, 1)
            } else {
                (to, from, -1)
            };
            let mut n = 0;
            let mut cur = lo;
            while cur < hi {
                cur = cur.succ_opt().unwrap();
                if self.working(cur) {
                    n += 1;
                }
            }
            sign * n
        }
    }

    /// A small deterministic pseudo-random generator (xorshift) for property tests.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn date_between(&mut self, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
            let span = (hi - lo).num_days() as u64 + 1;
            add_days(lo, self.below(span) as i64)
        }
    }

    #[test]
    fn bank_holidays_match_the_json_file_for_every_year_in_it() {
        let json: serde_json::Value = serde_json::from_str(JSON).unwrap();
        let years = json.as_object().unwrap();
        assert!(years.len() >= 21, "the file covers 2010-2030");
        for year in 2010..=2030 {
            let listed = years
                .get(&year.to_string())
                .unwrap_or_else(|| panic!("{year} missing from the JSON file"));
            let expected: Vec<(NaiveDate, String)> = listed
                .as_array()
                .unwrap()
                .iter()
                .map(|pair| {
                    let pair = pair.as_array().unwrap();
                    (
                        iso(pair[0].as_str().unwrap()),
                        pair[1].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            let computed: Vec<(NaiveDate, String)> = bank_holidays(year)
                .into_iter()
                .map(|(d, n)| (d, n.to_string()))
                .collect();
            assert_eq!(computed, expected, "bank holidays of {year}");
        }
        // And every year in the file, whatever its range.
        for (year, listed) in years {
            let year: i32 = year.parse().unwrap();
            assert_eq!(
                bank_holidays(year).len(),
                listed.as_array().unwrap().len(),
                "{year}"
            );
        }
    }

    #[test]
    fn bank_holidays_are_sorted_weekdays_within_the_year() {
        for year in 1800..=2400 {
            let days = bank_holidays(year);
            assert!(days.len() >= 8, "{year}");
            for w in days.windows(2) {
                assert!(w[0].0 < w[1].0, "{year} not strictly sorted");
            }
            for (day, name) in &days {
                assert_eq!(day.year(), year);
                assert!(!is_weekend(*day), "{day} {name} is a weekend");
            }
        }
    }

    #[test]
    fn one_off_moves_replace_a_day_the_rules_give() {
        for change in ONE_OFF_CHANGES {
            if let OneOffChange::Moved { from, to, name } = *change {
                let days = bank_holidays(from.0);
                assert!(!days.iter().any(|&(d, _)| d == ymd(from)));
                assert!(days.contains(&(ymd(to), name)));
            }
        }
        // The standing rules would have given the "from" dates.
        assert_eq!(last_weekday(2012, 5, Weekday::Mon), d(2012, 5, 28));
        assert_eq!(first_weekday(2020, 5, Weekday::Mon), d(2020, 5, 4));
        assert_eq!(last_weekday(2022, 5, Weekday::Mon), d(2022, 5, 30));
    }

    #[test]
    fn christmas_substitutes() {
        // 25 Dec on a Saturday (2021), Sunday (2022), Friday (2026), weekday (2024).
        let xmas = |y| -> Vec<(NaiveDate, &str)> {
            bank_holidays(y)
                .into_iter()
                .filter(|(d, _)| d.month() == 12)
                .collect()
        };
        assert_eq!(
            xmas(2021),
            vec![
                (d(2021, 12, 27), "Christmas Day (substitute)"),
                (d(2021, 12, 28), "Boxing Day (substitute)")
            ]
        );
        assert_eq!(
            xmas(2022),
            vec![
                (d(2022, 12, 26), "Boxing Day"),
                (d(2022, 12, 27), "Christmas Day (substitute)")
            ]
        );
        assert_eq!(
            xmas(2026),
            vec![
                (d(2026, 12, 25), "Christmas Day"),
                (d(2026, 12, 28), "Boxing Day (substitute)")
            ]
        );
        assert_eq!(
            xmas(2024),
            vec![
                (d(2024, 12, 25), "Christmas Day"),
                (d(2024, 12, 26), "Boxing Day")
            ]
        );
    }

    #[test]
    fn easter_dates() {
        let known = [
            (1818, d(1818, 3, 22)),
            (1900, d(1900, 4, 15)),
            (1943, d(1943, 4, 25)),
            (1961, d(1961, 4, 2)),
            (2000, d(2000, 4, 23)),
            (2008, d(2008, 3, 23)),
            (2011, d(2011, 4, 24)),
            (2019, d(2019, 4, 21)),
            (2024, d(2024, 3, 31)),
            (2025, d(2025, 4, 20)),
            (2026, d(2026, 4, 5)),
            (2038, d(2038, 4, 25)),
            (2100, d(2100, 3, 28)),
            (2200, d(2200, 4, 6)),
            (2285, d(2285, 3, 22)),
        ];
        for (year, easter) in known {
            assert_eq!(easter_sunday(year), easter, "{year}");
        }
        for year in 1583..=3000 {
            let e = easter_sunday(year);
            assert_eq!(e.weekday(), Weekday::Sun, "{year}");
            assert!(d(year, 3, 22) <= e && e <= d(year, 4, 25), "{year}");
        }
    }

    #[test]
    fn worked_examples_from_the_spec() {
        let cal = Calendar::england_and_wales();
        assert_eq!(cal.add_working_days(d(2024, 12, 2), 20), d(2025, 1, 2));
        assert_eq!(d(2025, 1, 2).weekday(), Weekday::Thu);
        assert_eq!(cal.add_working_days(d(2023, 4, 28), 20), d(2023, 5, 31));
        assert_eq!(d(2023, 5, 31).weekday(), Weekday::Wed);
        assert_eq!(cal.working_days_between(d(2024, 12, 2), d(2025, 1, 2)), 20);
        assert_eq!(cal.working_days_between(d(2023, 4, 28), d(2023, 5, 31)), 20);

        assert_eq!(add_months(d(2023, 11, 30), 3), d(2024, 2, 29));
        assert_eq!(add_months(d(2024, 2, 28), 3), d(2024, 5, 28));
        assert_eq!(add_months(d(2024, 8, 31), 6), d(2025, 2, 28));
        assert_eq!(add_months(d(2024, 1, 31), 1), d(2024, 2, 29));
        assert_eq!(add_months(d(2023, 1, 31), 1), d(2023, 2, 28));
        assert_eq!(add_months(d(2024, 5, 15), 0), d(2024, 5, 15));
        assert_eq!(add_months(d(2024, 10, 31), 14), d(2025, 12, 31));
    }

    #[test]
    fn add_days_both_ways() {
        assert_eq!(add_days(d(2024, 2, 28), 1), d(2024, 2, 29));
        assert_eq!(add_days(d(2024, 3, 1), -1), d(2024, 2, 29));
        assert_eq!(add_days(d(2024, 1, 1), 366), d(2025, 1, 1));
        assert_eq!(add_days(d(2024, 1, 1), 0), d(2024, 1, 1));
        assert_eq!(add_days(d(2024, 1, 1), -365), d(2023, 1, 1));
        // 4 weeks, as in the adoption review rule.
        assert_eq!(add_days(d(2024, 12, 20), 28), d(2025, 1, 17));
    }

    #[test]
    fn ages_and_birthdays() {
        let dob = d(2010, 6, 15);
        assert_eq!(age_on(dob, d(2028, 6, 14)), 17);
        assert_eq!(age_on(dob, d(2028, 6, 15)), 18);
        assert_eq!(age_on(dob, d(2028, 6, 16)), 18);
        assert_eq!(age_on(dob, d(2014, 6, 14)), 3);
        assert_eq!(age_on(dob, d(2014, 6, 15)), 4);
        assert_eq!(age_on(dob, dob), 0);
        assert_eq!(age_on(dob, d(2010, 6, 14)), -1);
        assert_eq!(age_on(dob, d(2011, 1, 1)), 0);
        assert_eq!(birthday(dob, 18), d(2028, 6, 15));

        // 29 February birthday: 28 February in common years, 29 in leap years.
        let leap = d(2008, 2, 29);
        assert_eq!(birthday(leap, 4), d(2012, 2, 29));
        assert_eq!(birthday(leap, 5), d(2013, 2, 28));
        assert_eq!(birthday(leap, 18), d(2026, 2, 28));
        assert_eq!(age_on(leap, d(2026, 2, 27)), 17);
        assert_eq!(age_on(leap, d(2026, 2, 28)), 18);
        assert_eq!(age_on(leap, d(2026, 3, 1)), 18);
        assert_eq!(age_on(leap, d(2012, 2, 28)), 3);
        assert_eq!(age_on(leap, d(2012, 2, 29)), 4);
        assert_eq!(age_on(leap, d(2013, 2, 27)), 4);
        assert_eq!(age_on(leap, d(2013, 2, 28)), 5);
        // Century years: 2100 is not a leap year.
        assert_eq!(birthday(d(2000, 2, 29), 100), d(2100, 2, 28));

        // Consistency: the age changes exactly on `birthday`.
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let dob = rng.date_between(d(1990, 1, 1), d(2030, 12, 31));
            let age = rng.below(25) as i32;
            let b = birthday(dob, age);
            assert_eq!(age_on(dob, b), age, "{dob} {age}");
            assert_eq!(age_on(dob, b.pred_opt().unwrap()), age - 1, "{dob} {age}");
        }
    }

    #[test]
    fn working_days_basics() {
        let cal = Calendar::england_and_wales();
        assert!(cal.is_working_day(d(2024, 12, 24)));
        assert!(!cal.is_working_day(d(2024, 12, 25)));
        assert!(!cal.is_working_day(d(2024, 12, 28))); // Saturday
        assert!(!cal.is_working_day(d(2022, 9, 19)));
        assert!(cal.is_working_day(d(2022, 5, 30))); // moved away
        assert_eq!(cal.holiday_name(d(2024, 3, 29)), Some("Good Friday"));
        assert_eq!(
            cal.holiday_name(d(2021, 12, 27)),
            Some("Christmas Day (substitute)")
        );
        assert_eq!(cal.holiday_name(d(2021, 12, 25)), None); // Saturday
        assert_eq!(cal.holiday_name(d(2024, 12, 24)), None);
        assert_eq!(
            cal.holiday_name(d(2250, 12, 25)),
            Some("Christmas Day"),
            "outside the tables"
        );

        // Friday before the Easter weekend: next working day is the Tuesday.
        assert_eq!(cal.add_working_days(d(2024, 3, 28), 1), d(2024, 4, 2));
        assert_eq!(cal.add_working_days(d(2024, 3, 28), 0), d(2024, 3, 28));
        // From a non-working day the count starts on the next working day.
        assert_eq!(cal.add_working_days(d(2024, 3, 30), 1), d(2024, 4, 2));
        assert_eq!(cal.working_days_between(d(2024, 3, 28), d(2024, 4, 2)), 1);
        assert_eq!(cal.working_days_between(d(2024, 4, 2), d(2024, 3, 28)), -1);
        assert_eq!(cal.working_days_between(d(2024, 4, 2), d(2024, 4, 2)), 0);
        // Whole year 2024: 262 weekdays, 8 bank holidays.
        assert_eq!(
            cal.working_days_between(d(2023, 12, 31), d(2024, 12, 31)),
            254
        );
    }

    #[test]
    fn add_and_between_agree_with_stepping_and_each_other() {
        let cals = [
            Calendar::england_and_wales(),
            Calendar::new(&[
                d(2024, 12, 24),
                d(2024, 12, 27),
                d(2025, 1, 2),
                d(2019, 7, 1),
            ]),
        ];
        let mut rng = Rng(0x1234_5678_9ABC_DEF1);
        for cal in &cals {
            let reference = Reference::new(cal);
            for _ in 0..4_000 {
                let from = rng.date_between(d(2008, 1, 1), d(2032, 12, 31));
                // The reference's first 59 working days after `from`, in one pass.
                let mut expected = vec![from];
                let mut cur = from;
                while expected.len() < 60 {
                    cur = cur.succ_opt().unwrap();
                    if reference.working(cur) {
                        expected.push(cur);
                    }
                }
                for n in 0..60 {
                    let to = cal.add_working_days(from, n);
                    assert_eq!(to, expected[n as usize], "{from} + {n}");
                    assert_eq!(cal.working_days_between(from, to), i64::from(n));
                    assert_eq!(cal.working_days_between(to, from), -i64::from(n));
                    if n > 0 {
                        assert!(cal.is_working_day(to), "{to}");
                        // `to` is the first date with that count.
                        let before = to.pred_opt().unwrap();
                        assert_eq!(cal.working_days_between(from, before), i64::from(n) - 1);
                    }
                }
                let other = rng.date_between(d(2008, 1, 1), d(2032, 12, 31));
                assert_eq!(
                    cal.working_days_between(from, other),
                    reference.between(from, other),
                    "{from} .. {other}"
                );
            }
        }
    }

    #[test]
    fn fast_and_slow_paths_agree() {
        let cal = Calendar::new(&[d(1950, 3, 1), d(2100, 6, 1), d(2300, 3, 1), d(1850, 3, 1)]);
        let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
        for i in 0..5_000 {
            let from = rng.date_between(d(1900, 1, 1), d(2200, 12, 31));
            // Mostly spans of up to 3 years either way; every 25th across the range.
            let to = if i % 25 == 0 {
                rng.date_between(d(1900, 1, 1), d(2200, 12, 31))
            } else {
                let to = add_days(from, rng.below(2 * 1096) as i64 - 1096);
                to.clamp(d(1900, 1, 1), d(2200, 12, 31))
            };
            assert_eq!(cal.is_working_day(from), cal.is_working_day_slow(from));
            assert_eq!(
                cal.working_days_between(from, to),
                cal.working_days_between_slow(from, to),
                "{from} .. {to}"
            );
            let n = rng.below(2_000) as u32;
            assert_eq!(
                cal.add_working_days(from, n),
                cal.add_working_days_slow(from, n),
                "{from} + {n}"
            );
        }
    }

    #[test]
    fn dates_outside_and_across_the_table_range() {
        let cal = Calendar::new(&[d(1899, 12, 1), d(2201, 1, 2), d(1900, 1, 2)]);
        let starts = [
            d(1850, 6, 1),
            d(1899, 11, 20),
            d(1899, 12, 29),
            d(1900, 1, 1),
            d(2200, 12, 1),
            d(2200, 12, 31),
            d(2201, 1, 1),
            d(2300, 12, 20),
        ];
        let reference = Reference::new(&cal);
        for from in starts {
            for n in [0, 1, 2, 5, 20, 40, 300] {
                let to = cal.add_working_days(from, n);
                assert_eq!(to, reference.add(from, n), "{from} + {n}");
                assert_eq!(cal.working_days_between(from, to), i64::from(n));
                assert_eq!(cal.working_days_between(to, from), -i64::from(n));
                assert_eq!(reference.between(from, to), i64::from(n));
            }
        }
        assert!(!cal.is_working_day(d(1899, 12, 1)));
        assert!(!cal.is_working_day(d(2201, 1, 2)));
        assert!(!cal.is_working_day(d(1900, 1, 2)));
        assert_eq!(cal.holiday_name(d(2201, 1, 2)), Some(EXTRA_NON_WORKING_DAY));
        // Long jumps across the range in one call.
        let from = d(1890, 1, 1);
        let to = cal.add_working_days(from, 100_000);
        assert_eq!(cal.working_days_between(from, to), 100_000);
        assert_eq!(cal.working_days_between_slow(from, to), 100_000);
        assert!(cal.is_working_day(to));
    }

    #[test]
    fn extra_non_working_days_shift_deadlines() {
        let base = Calendar::england_and_wales();
        // Council closure days between Christmas and New Year.
        let extras = [d(2024, 12, 27), d(2024, 12, 30), d(2024, 12, 31)];
        let cal = Calendar::new(&extras);
        assert_eq!(base.add_working_days(d(2024, 12, 2), 20), d(2025, 1, 2));
        assert_eq!(cal.add_working_days(d(2024, 12, 2), 20), d(2025, 1, 7));
        assert_eq!(base.working_days_between(d(2024, 12, 2), d(2025, 1, 7)), 23);
        assert_eq!(cal.working_days_between(d(2024, 12, 2), d(2025, 1, 7)), 20);
        for e in extras {
            assert!(base.is_working_day(e));
            assert!(!cal.is_working_day(e));
            assert_eq!(cal.holiday_name(e), Some("Extra non-working day"));
            assert_eq!(base.holiday_name(e), None);
        }
        // A bank holiday keeps its own name; a weekend extra changes no count.
        let cal2 = Calendar::new(&[d(2024, 12, 25), d(2024, 12, 28), d(2024, 12, 28)]);
        assert_eq!(cal2.holiday_name(d(2024, 12, 25)), Some("Christmas Day"));
        assert_eq!(
            cal2.holiday_name(d(2024, 12, 28)),
            Some(EXTRA_NON_WORKING_DAY)
        );
        assert_eq!(
            cal2.add_working_days(d(2024, 12, 2), 20),
            base.add_working_days(d(2024, 12, 2), 20)
        );
        // new(&[]) is the plain calendar.
        let plain = Calendar::new(&[]);
        assert_eq!(plain.add_working_days(d(2024, 12, 2), 20), d(2025, 1, 2));
        assert!(format!("{cal:?}").contains("2024-12-27"));
    }

    #[test]
    fn calendar_is_send_sync_clone_debug() {
        fn check<T: Send + Sync + Clone + std::fmt::Debug>() {}
        check::<Calendar>();
        let cal = Calendar::new(&[d(2024, 1, 2)]);
        let copy = cal.clone();
        let handle = std::thread::spawn(move || copy.add_working_days(d(2024, 1, 1), 1));
        assert_eq!(handle.join().unwrap(), d(2024, 1, 3));
    }
}
