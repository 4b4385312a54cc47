//! Output formats a command can print in, and the one CSV writer every CSV
//! iro writes goes through.
//!
//! CSV formula injection (OWASP): a spreadsheet runs a cell that begins with
//! `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula.
//! [`Csv`] writes such a cell with a single quote in front (`'=1+2`), which a
//! spreadsheet shows as text. Two kinds of cell are left as they are, being
//! data no spreadsheet runs: a plain number (`-3`, `-0.5`), so the figures'
//! CSVs keep their negative numbers, and a lone `-`, the tables' mark for
//! "nothing to show". No writer can forget the
//! rule: `csv::Writer` is used here and nowhere else (a test checks).

use std::borrow::Cow;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people, in a terminal.
    Human,
    /// JSON on standard output.
    Json,
    /// CSV on standard output.
    Csv,
}

/// Whether `s` begins as a spreadsheet formula would: with `=`, `+`, `-`, `@`,
/// a tab or a carriage return (OWASP's list).
pub fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `-3`, `-0.5`, `12`: a number as iro writes one (optional minus, digits,
/// optional decimal part). A spreadsheet reads it as a number.
fn plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// A cell as iro writes it to CSV: one that a spreadsheet would run as a
/// formula gets a leading `'`; anything else (plain numbers and a lone `-`
/// included) is unchanged.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    if formula_like(s) && !plain_number(s) && s != "-" {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// A CSV table being written: every cell through [`csv_cell`].
pub struct Csv {
    w: csv::Writer<Vec<u8>>,
}

impl Default for Csv {
    fn default() -> Self {
        Csv::new()
    }
}

impl Csv {
    /// Rows ended by `\n`.
    pub fn new() -> Csv {
        Csv {
            w: csv::Writer::from_writer(Vec::new()),
        }
    }
    /// Rows ended by `\r\n` (the SSDA903 return, as the DfE's files and
    /// spreadsheets write them).
    pub fn crlf() -> Csv {
        Csv {
            w: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
        }
    }
    /// Write one row.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Writing to a Vec cannot fail.
        let _ = self
            .w
            .write_record(cells.into_iter().map(|c| csv_cell(c.as_ref()).into_owned()));
    }
    /// The text written.
    pub fn finish(self) -> String {
        String::from_utf8(self.w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_numbers_kept() {
        for (cell, want) in [
            ("=1+2", "'=1+2"),
            ("+1+1", "'+1+1"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "-"),
            ("--", "'--"),
            ("+", "'+"),
            ("-.5", "'-.5"),
            ("-3.", "'-3."),
            ("-3", "-3"),
            ("-0.5", "-0.5"),
            ("12", "12"),
            ("North team", "North team"),
            ("a=1", "a=1"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn rows_are_written_through_the_rule() {
        let mut w = Csv::new();
        w.row(["label", "value"]);
        w.row(["=HYPERLINK(\"x\")", "-3"]);
        assert_eq!(w.finish(), "label,value\n\"'=HYPERLINK(\"\"x\"\")\",-3\n");
        let mut w = Csv::crlf();
        w.row(["@a", "b"]);
        assert_eq!(w.finish(), "'@a,b\r\n");
    }

    /// Every CSV is written here: no other file of `src/` makes a CSV writer
    /// of its own (which could forget the rule).
    #[test]
    fn no_other_csv_writer() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut others = Vec::new();
        for e in walkdir::WalkDir::new(&src)
            .into_iter()
            .filter_map(|e| e.ok())
        {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "rs") || p.ends_with("src/format.rs") {
                continue;
            }
            let text = std::fs::read_to_string(p).unwrap_or_default();
            for needle in ["csv::Writer", "WriterBuilder", "write_record"] {
                if text.contains(needle) {
                    others.push(format!("{}: {needle}", p.display()));
                }
            }
        }
        assert!(
            others.is_empty(),
            "CSV written outside format.rs: {others:?}"
        );
    }
}
