//! `Day`: an ISO `YYYY-MM-DD` date as written in records.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Marker prefix the loader uses to classify an error as a `date` problem.
pub const DATE_ERR: &str = "iro-date:";

/// Parse `YYYY-MM-DD` strictly. Returns a plain-English reason on failure
/// that never repeats the input.
pub fn parse_iso(s: &str) -> Result<NaiveDate, &'static str> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err("a date must be written YYYY-MM-DD, e.g. 2024-05-31");
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err("a date must be written YYYY-MM-DD, e.g. 2024-05-31");
    };
    if !(1..=12).contains(&m) {
        return Err("there is no such month (months run 01 to 12)");
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(
        "this day does not exist in that month (check the day, and 29 February in leap years)",
    )
}

/// Deserialize a `NaiveDate` from `YYYY-MM-DD` with a `date`-classified error.
pub fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = String::deserialize(d)?;
    parse_iso(s.trim()).map_err(|why| serde::de::Error::custom(format!("{DATE_ERR}{why}")))
}

/// A calendar date read from a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub NaiveDate);

impl Day {
    /// The underlying date.
    pub fn date(self) -> NaiveDate {
        self.0
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de_date(d).map(Day)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// "4 May 2025": the long form used in letters and messages.
pub fn long(d: NaiveDate) -> String {
    format!("{} {}", d.day(), d.format("%B %Y"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_iso() {
        assert!(parse_iso("2024-02-29").is_ok());
        assert!(parse_iso("2023-02-29").is_err());
        assert!(parse_iso("2017-02-30").is_err());
        assert!(parse_iso("2017-13-01").is_err());
        assert!(parse_iso("17-01-01").is_err());
        assert!(parse_iso("2017-1-01").is_err());
        assert!(parse_iso("2017-01-0a").is_err());
        assert!(parse_iso("２０１７-01-01").is_err());
        assert_eq!(
            long(NaiveDate::from_ymd_opt(2025, 5, 4).unwrap()),
            "4 May 2025"
        );
    }
}
