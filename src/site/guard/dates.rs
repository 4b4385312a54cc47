//! Dates as people write them, read out of text the guard has normalised
//! (`norm::normalize`): ISO (`2004-10-09`, `2004/10/09`, `2004.10.09`,
//! `20041009`), day-month-year with and without leading zeros and with
//! slashes, dots, dashes or spaces (`9/10/2004`, `09.10.2004`, `09-10-04`,
//! `9 10 2004`), and in words in any case (`9 October 2004`,
//! `9th of Oct 2004`, `October 9, 2004`, `9-Oct-2004`, `Sept 9th 2004`).
//! A two-digit year is read only between slashes, dots or dashes, and a
//! day-month-year only with one kind of separator, so runs of numbers in a
//! table ("19 10 12") are not taken for dates.

use super::norm::normalize;
use chrono::NaiveDate;

/// A date found: where it is in the normalised text, and which date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
}

fn months() -> &'static [(String, u32)] {
    static M: std::sync::OnceLock<Vec<(String, u32)>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let names = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        let mut v = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let m = i as u32 + 1;
            v.push((normalize(n), m));
            v.push((normalize(&n[..3]), m));
            if m == 9 {
                v.push((normalize("sept"), 9));
            }
        }
        v
    })
}

fn month_of(tok: &str) -> Option<u32> {
    months().iter().find(|(n, _)| n == tok).map(|(_, m)| *m)
}

fn digits(tok: &str, lens: &[usize]) -> Option<u32> {
    (lens.contains(&tok.len()) && tok.bytes().all(|b| b.is_ascii_digit()))
        .then(|| tok.parse().ok())
        .flatten()
}

/// A day of the month, with or without `st`, `nd`, `rd` or `th`.
fn day_of(tok: &str) -> Option<u32> {
    let n = tok.bytes().take_while(u8::is_ascii_digit).count();
    let (d, suffix) = tok.split_at(n);
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits(d, &[1, 2]).filter(|d| (1..=31).contains(d))
}

fn year4(tok: &str) -> Option<i32> {
    digits(tok, &[4]).map(|y| y as i32)
}

/// The full year of a two-digit one: `00`-`60` are 2000-2060, the rest
/// 1961-1999 (a date of birth written `09/10/04` is 2004, `98` is 1998).
fn year2(tok: &str) -> Option<i32> {
    digits(tok, &[2]).map(|y| {
        if y <= 60 {
            2000 + y as i32
        } else {
            1900 + y as i32
        }
    })
}

/// A separator between the parts of a date written in words.
fn soft(sep: &str) -> bool {
    !sep.is_empty()
        && sep.len() <= 3
        && sep
            .bytes()
            .all(|b| matches!(b, b' ' | b',' | b'-' | b'.' | b'/'))
}

/// Every date in `text` (normalised).
pub fn find(text: &str) -> Vec<Found> {
    // Alphanumeric runs (words and numbers) with their byte ranges.
    let mut toks: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric();
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                toks.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        toks.push((s, text.len()));
    }
    let tok = |i: usize| &text[toks[i].0..toks[i].1];
    let sep = |i: usize| &text[toks[i - 1].1..toks[i].0];
    let mut out = Vec::new();
    let mut push = |a: usize, b: usize, y: i32, m: u32, d: u32| {
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            out.push(Found {
                start: toks[a].0,
                end: toks[b].1,
                date,
            });
        }
    };
    for i in 0..toks.len() {
        let t0 = tok(i);
        // 20041009
        if let Some(n) = digits(t0, &[8]) {
            push(i, i, (n / 10000) as i32, n / 100 % 100, n % 100);
        }
        if i + 2 < toks.len() {
            let (t1, t2, s1, s2) = (tok(i + 1), tok(i + 2), sep(i + 1), sep(i + 2));
            let numeric = s1 == s2 && matches!(s1, "/" | "." | "-" | " ");
            // 9/10/2004, 09-10-04
            if numeric && let (Some(d), Some(m)) = (digits(t0, &[1, 2]), digits(t1, &[1, 2])) {
                let y = year4(t2).or_else(|| (s1 != " ").then(|| year2(t2)).flatten());
                if let Some(y) = y {
                    push(i, i + 2, y, m, d);
                }
            }
            // 2004-10-09
            if numeric
                && let (Some(y), Some(m), Some(d)) =
                    (year4(t0), digits(t1, &[1, 2]), digits(t2, &[1, 2]))
            {
                push(i, i + 2, y, m, d);
            }
            // 9 October 2004, 9th of Oct 2004
            if let Some(d) = day_of(t0) {
                let (mi, ok) = if t1 == "of" && i + 3 < toks.len() {
                    (i + 2, soft(s1))
                } else {
                    (i + 1, true)
                };
                if ok
                    && mi + 1 < toks.len()
                    && soft(sep(mi))
                    && soft(sep(mi + 1))
                    && let (Some(m), Some(y)) = (month_of(tok(mi)), year4(tok(mi + 1)))
                {
                    push(i, mi + 1, y, m, d);
                }
            }
            // October 9, 2004
            if let (Some(m), Some(d), Some(y)) = (month_of(t0), day_of(t1), year4(t2))
                && soft(s1)
                && soft(s2)
            {
                push(i, i + 2, y, m, d);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(t: &str) -> Vec<NaiveDate> {
        find(&normalize(t)).into_iter().map(|f| f.date).collect()
    }

    #[test]
    fn every_common_form() {
        let d = NaiveDate::from_ymd_opt(2004, 10, 9).unwrap();
        for t in [
            "2004-10-09",
            "2004/10/09",
            "2004.10.09",
            "20041009",
            "9/10/2004",
            "09/10/2004",
            "9.10.2004",
            "09-10-2004",
            "09/10/04",
            "9-10-04",
            "9 10 2004",
            "9 October 2004",
            "09 October 2004",
            "9th October 2004",
            "9th of October 2004",
            "October 9, 2004",
            "october 9th 2004",
            "9 Oct 2004",
            "9 OCT. 2004",
            "9-Oct-2004",
            "Oct 9 2004",
            "９ Ｏｃｔｏｂｅｒ ２００４",
            "9 Oct\u{00AD}ober 2004",
        ] {
            assert_eq!(dates(&format!("born on {t}.")), vec![d], "{t}");
        }
        let sept = NaiveDate::from_ymd_opt(2010, 9, 1).unwrap();
        assert_eq!(dates("1st Sept 2010"), vec![sept]);
        assert_eq!(
            dates("on 12 March 1998"),
            vec![NaiveDate::from_ymd_opt(1998, 3, 12).unwrap()]
        );
        assert_eq!(
            dates("12/03/98"),
            vec![NaiveDate::from_ymd_opt(1998, 3, 12).unwrap()]
        );
    }

    #[test]
    fn numbers_that_are_not_dates() {
        // Counts side by side in a table, a two-digit year with spaces, mixed
        // separators, impossible dates.
        for t in [
            "19 10 12",
            "19, 10, 12",
            "9/10-2004",
            "31/02/2004",
            "2004 10",
            "13/13/2004",
            "1 2 3 4",
        ] {
            assert_eq!(dates(t), vec![], "{t}");
        }
        // A line break is not a separator of a date.
        assert_eq!(dates("9\n10\n2004"), vec![]);
    }
}
