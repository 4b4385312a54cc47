//! SSDA903, the DfE's looked-after children return: the header, episodes and
//! reviews tables exported from the records (`export`), and an authority's
//! existing 903 files imported into records (`import`); the formats of its
//! text fields, UPN, postcodes and URN (`values`).
//!
//! The tables are the DfE's: the validator (PyPI `csc-validator-be-903`)
//! recognises each by its exact set of columns, so the column lists here are
//! the contract. Dates are `dd/mm/yyyy`.

pub mod export;
pub mod import;
pub mod values;

use chrono::NaiveDate;

/// The header table's columns.
pub const HEADER: &[&str] = &["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"];
/// The episodes table's columns.
pub const EPISODES: &[&str] = &[
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
];
/// The reviews table's columns.
pub const REVIEWS: &[&str] = &["CHILD", "DOB", "REVIEW", "REVIEW_CODE"];

/// The three tables and their file names, in the order they are written.
pub const TABLES: &[(&str, &[&str])] = &[
    ("header.csv", HEADER),
    ("episodes.csv", EPISODES),
    ("reviews.csv", REVIEWS),
];

/// A collection year: 1 April to 31 March, named by its first year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CollectionYear {
    /// The year it starts in (2025 for 2025-26).
    pub first: i32,
}

impl CollectionYear {
    /// 1 April of the first year.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.first, 4, 1).expect("1 April")
    }
    /// 31 March of the next year.
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.first + 1, 3, 31).expect("31 March")
    }
    /// `2025-26`.
    pub fn id(self) -> String {
        format!("{}-{:02}", self.first, (self.first + 1) % 100)
    }
    /// SEX is written `M`/`F` from 2024-25 (DfE rule 101), `1`/`2` before.
    pub fn letters_for_sex(self) -> bool {
        self.first >= 2024
    }
}

/// A date as the return writes it.
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A date as the return writes it, read back (`dd/mm/yyyy`, zero-padded or not).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut it = s.trim().split('/');
    let (d, m, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some()
        || y.len() != 4
        || d.is_empty()
        || m.is_empty()
        || d.len() > 2
        || m.len() > 2
    {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_both_ways() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(date(d), "29/02/2024");
        assert_eq!(parse_date("29/02/2024"), Some(d));
        assert_eq!(parse_date("9/3/2024"), NaiveDate::from_ymd_opt(2024, 3, 9));
        assert_eq!(parse_date("29/02/2023"), None);
        assert_eq!(parse_date("2024-02-29"), None);
        assert_eq!(parse_date("01/01/24"), None);
        let y = CollectionYear { first: 2025 };
        assert_eq!(
            (y.id(), y.start().to_string(), y.end().to_string()),
            ("2025-26".into(), "2025-04-01".into(), "2026-03-31".into())
        );
    }
}
