//! Disclosure control: the layer between the figures and anything published
//! (report.md, "Publishing rules"). A table goes in; a `PublishedTable` comes
//! out in which no small number about children can be seen or worked out:
//!
//! 1. **primary**: a count from 1 to `suppress_below - 1` is suppressed;
//! 2. a **percentage** whose numerator or denominator is such a count is
//!    suppressed, and so is one derived from a count cell that is suppressed;
//! 3. **secondary**: in a row or column that adds up to a total, one hidden
//!    cell could be worked out from the total and the others, so another is
//!    hidden too: the smallest non-zero cell still shown in that line, or the
//!    total when every other cell is zero. Repeated until no line has exactly
//!    one hidden entry;
//! 4. **zero** is shown as zero (it is never suppressed).
//!
//! Suppressed cells are shown as [`MARKER`] with a note under the table;
//! cells with nothing to count as [`NO_DATA`]. These, with [`hidden_words`],
//! are the only words for a missing number in anything published.

/// How a suppressed cell is shown (the UK Government Statistical Service's
/// marker for "confidential").
pub const MARKER: &str = "[c]";

/// How a value is shown where there was nothing to count (a rate of no
/// reviews, a year before the records begin): never [`MARKER`], which
/// means something was counted and hidden.
pub const NO_DATA: &str = "no data";

/// [`MARKER`] in words, where a sentence or a status reads it.
pub const TOO_FEW: &str = "too few to publish";

/// A hidden value as a sentence reads it. Only a count may read "fewer
/// than 6"; a hidden rate, mean, median or duration is "[c] (too few to
/// publish)", never "fewer than 6 days" or "fewer than 6%".
pub fn hidden_words(count: bool, suppress_below: u32, start: bool) -> String {
    match (count, start) {
        (true, true) => format!("Fewer than {suppress_below}"),
        (true, false) => format!("fewer than {suppress_below}"),
        (false, _) => format!("{MARKER} ({TOO_FEW})"),
    }
}

/// One cell of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// A count of children, reviews, forms...
    Count(u64),
    /// A percentage with its numerator and denominator.
    Percent {
        /// The rounded percentage.
        value: u64,
        /// Numerator.
        num: u64,
        /// Denominator.
        den: u64,
    },
    /// Nothing to show (a rate with nothing measured).
    Empty,
    /// Hidden by disclosure control.
    Suppressed,
}

impl Cell {
    /// A percentage cell from a numerator and denominator (`Empty` when the
    /// denominator is 0).
    pub fn percent(num: u64, den: u64) -> Cell {
        match super::figure::percent(num, den) {
            Some(value) => Cell::Percent { value, num, den },
            None => Cell::Empty,
        }
    }
    /// As shown: `12`, `45%`, `0`, `no data` or `[c]`.
    pub fn text(&self) -> String {
        match self {
            Cell::Count(n) => n.to_string(),
            Cell::Percent { value, .. } => format!("{value}%"),
            Cell::Empty => NO_DATA.into(),
            Cell::Suppressed => MARKER.into(),
        }
    }
}

/// A percentage column worked out from count columns of the same row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Derived {
    /// The percentage column.
    pub col: usize,
    /// The numerator's column, if in the table.
    pub num: Option<usize>,
    /// The denominator's column, if in the table.
    pub den: Option<usize>,
}

/// A table of figures before disclosure control.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Title (also the chart's title).
    pub title: String,
    /// Heading of the row labels.
    pub row_header: String,
    /// Row labels.
    pub rows: Vec<String>,
    /// Column labels.
    pub cols: Vec<String>,
    /// `cells[row][col]`.
    pub cells: Vec<Vec<Cell>>,
    /// The last row is the column totals of the rows above.
    pub total_row: bool,
    /// The last column is the row total of the other count columns.
    pub total_col: bool,
    /// Percentage columns worked out from count columns.
    pub derived: Vec<Derived>,
}

/// A table safe to publish.
#[derive(Clone, Debug, PartialEq)]
pub struct PublishedTable {
    /// Title.
    pub title: String,
    /// Heading of the row labels.
    pub row_header: String,
    /// Row labels.
    pub rows: Vec<String>,
    /// Column labels.
    pub cols: Vec<String>,
    /// `cells[row][col]`, small numbers suppressed.
    pub cells: Vec<Vec<Cell>>,
    /// Notes to print under the table (why cells are hidden).
    pub notes: Vec<String>,
    /// How many cells are suppressed.
    pub suppressed: usize,
}

impl PublishedTable {
    /// The text of a cell.
    pub fn text(&self, row: usize, col: usize) -> String {
        self.cells
            .get(row)
            .and_then(|r| r.get(col))
            .map(Cell::text)
            .unwrap_or_default()
    }
}

/// The note printed under a table with suppressed cells.
pub fn note(suppress_below: u32) -> String {
    format!(
        "{MARKER}: not shown to protect children's privacy. Numbers from 1 to {} are hidden, and so are other figures that would let them be worked out.",
        suppress_below.saturating_sub(1)
    )
}

/// Apply disclosure control to a table: see the module documentation.
pub fn suppress(table: &Table, suppress_below: u32) -> PublishedTable {
    let k = u64::from(suppress_below);
    let small = |n: u64| n >= 1 && n < k;
    let mut cells = table.cells.clone();
    let nrows = cells.len();
    let ncols = cells.iter().map(Vec::len).max().unwrap_or(0);

    // 1-2. Primary suppression.
    for row in &mut cells {
        for c in row.iter_mut() {
            *c = match *c {
                Cell::Count(n) if small(n) => Cell::Suppressed,
                Cell::Percent { num, den, .. } if small(num) || small(den) => Cell::Suppressed,
                other => other,
            };
        }
    }

    // 3. Secondary suppression over the lines that add up to a total.
    let derived_cols: Vec<usize> = table.derived.iter().map(|d| d.col).collect();
    let count_col = |c: usize| !derived_cols.contains(&c);
    // A line: (member cells, total cell), as (row, col) positions.
    type Pos = (usize, usize);
    let mut lines: Vec<(Vec<Pos>, Pos)> = Vec::new();
    if table.total_col && ncols >= 2 {
        let tc = ncols - 1;
        for r in 0..nrows {
            let members = (0..tc).filter(|&c| count_col(c)).map(|c| (r, c)).collect();
            lines.push((members, (r, tc)));
        }
    }
    if table.total_row && nrows >= 2 {
        let tr = nrows - 1;
        for c in (0..ncols).filter(|&c| count_col(c)) {
            let members = (0..tr).map(|r| (r, c)).collect();
            lines.push((members, (tr, c)));
        }
    }
    let get = |cells: &Vec<Vec<Cell>>, (r, c): Pos| {
        cells
            .get(r)
            .and_then(|row| row.get(c))
            .copied()
            .unwrap_or(Cell::Empty)
    };
    loop {
        let mut changed = false;
        for (members, total) in &lines {
            let hidden = members
                .iter()
                .chain(std::iter::once(total))
                .filter(|p| get(&cells, **p) == Cell::Suppressed)
                .count();
            if hidden != 1 {
                continue;
            }
            let next = members
                .iter()
                .filter_map(|p| match get(&cells, *p) {
                    Cell::Count(n) if n > 0 => Some((n, *p)),
                    _ => None,
                })
                .min_by_key(|(n, p)| (*n, *p));
            let target = match next {
                Some((_, p)) => Some(p),
                None => matches!(get(&cells, *total), Cell::Count(n) if n > 0).then_some(*total),
            };
            if let Some((r, c)) = target {
                cells[r][c] = Cell::Suppressed;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    // Percentages worked out from a hidden count are hidden too.
    for d in &table.derived {
        for row in &mut cells {
            let hidden = |c: Option<usize>| {
                c.and_then(|c| row.get(c))
                    .is_some_and(|x| *x == Cell::Suppressed)
            };
            if (hidden(d.num) || hidden(d.den)) && d.col < row.len() {
                row[d.col] = Cell::Suppressed;
            }
        }
    }

    let suppressed = cells
        .iter()
        .flatten()
        .filter(|c| **c == Cell::Suppressed)
        .count();
    let notes = if suppressed > 0 {
        vec![note(suppress_below)]
    } else {
        Vec::new()
    };
    PublishedTable {
        title: table.title.clone(),
        row_header: table.row_header.clone(),
        rows: table.rows.clone(),
        cols: table.cols.clone(),
        cells,
        notes,
        suppressed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Cell::{Count as N, Suppressed as S};

    fn table(cells: Vec<Vec<Cell>>, total_row: bool, total_col: bool) -> Table {
        let rows = (0..cells.len()).map(|i| format!("r{i}")).collect();
        let cols = (0..cells.first().map_or(0, Vec::len))
            .map(|i| format!("c{i}"))
            .collect();
        Table {
            title: "t".into(),
            row_header: "theme".into(),
            rows,
            cols,
            cells,
            total_row,
            total_col,
            derived: vec![],
        }
    }

    #[test]
    fn small_counts_suppressed_with_a_note() {
        let p = suppress(&table(vec![vec![N(1), N(5), N(6), N(40)]], false, false), 6);
        assert_eq!(p.cells, vec![vec![S, S, N(6), N(40)]]);
        assert_eq!(p.text(0, 0), "[c]");
        assert_eq!(p.suppressed, 2);
        assert_eq!(p.notes.len(), 1);
        assert!(p.notes[0].contains("1 to 5"), "{}", p.notes[0]);
    }

    #[test]
    fn zero_is_shown_as_zero() {
        let p = suppress(&table(vec![vec![N(0), N(9)]], false, false), 6);
        assert_eq!(p.cells, vec![vec![N(0), N(9)]]);
        assert_eq!(p.text(0, 0), "0");
        assert!(p.notes.is_empty());
        assert_eq!(p.suppressed, 0);
    }

    #[test]
    fn percentages_with_a_small_numerator_or_denominator() {
        let t = table(
            vec![vec![
                Cell::percent(3, 40),
                Cell::percent(20, 4),
                Cell::percent(30, 40),
                Cell::percent(0, 40),
                Cell::percent(0, 0),
            ]],
            false,
            false,
        );
        let p = suppress(&t, 6);
        assert_eq!(p.cells[0][0], S); // numerator 3
        assert_eq!(p.cells[0][1], S); // denominator 4
        assert_eq!(
            p.cells[0][2],
            Cell::Percent {
                value: 75,
                num: 30,
                den: 40
            }
        );
        assert_eq!(
            p.cells[0][3],
            Cell::Percent {
                value: 0,
                num: 0,
                den: 40
            }
        ); // 0%: zero shown
        assert_eq!(p.text(0, 4), NO_DATA);
    }

    #[test]
    fn percentage_derived_from_a_secondary_suppressed_count() {
        // sent, returned, %: returned 3 is suppressed (primary); the row has
        // no total, but column totals make the 10 hidden too (secondary), and
        // each % built on a hidden count goes.
        let t = Table {
            cells: vec![
                vec![N(40), N(3), Cell::percent(3, 40)],
                vec![N(50), N(10), Cell::percent(10, 50)],
                vec![N(90), N(13), Cell::percent(13, 90)],
            ],
            total_row: true,
            derived: vec![Derived {
                col: 2,
                num: Some(1),
                den: Some(0),
            }],
            ..table(vec![], false, false)
        };
        let p = suppress(&t, 6);
        assert_eq!(p.cells[0], vec![N(40), S, S]);
        // returned column: 3 hidden, then 10 hidden so 13 - 10 cannot give 3.
        assert_eq!(p.cells[1], vec![N(50), S, S]);
        assert_eq!(p.cells[2], vec![N(90), N(13), Cell::percent(13, 90)]);
    }

    #[test]
    fn secondary_in_a_row_hides_the_next_smallest() {
        // 2 is hidden; total 30 and 8 would give it away: 8 goes too (not 20).
        let p = suppress(&table(vec![vec![N(2), N(8), N(20), N(30)]], false, true), 6);
        assert_eq!(p.cells, vec![vec![S, S, N(20), N(30)]]);
    }

    #[test]
    fn secondary_hides_the_total_when_the_rest_are_zero() {
        //            c0  c1 | total
        // row0        2   7 |  9
        // row1        6   0 |  6
        // total       8   7 | 15
        // Lines are checked rows first (the total row last), then columns.
        // Pass 1: primary hides the 2. Row0 has one hidden -> 7 at (0,1).
        // Column c0 [hidden, 6 | 8] -> 6 at (1,0). Column c1 [hidden, 0 | 7]:
        // no non-zero cell left, so its total 7 at (2,1) goes.
        // Pass 2: row1 [hidden, 0 | 6]: the same, its total 6 goes. The total
        // row [8, hidden | 15] -> 8 goes. The total column [9, hidden | 15]
        // -> 9 goes. Pass 3: every line has 0 or at least 2 hidden entries.
        let t = table(
            vec![
                vec![N(2), N(7), N(9)],
                vec![N(6), N(0), N(6)],
                vec![N(8), N(7), N(15)],
            ],
            true,
            true,
        );
        let p = suppress(&t, 6);
        assert_eq!(p.cells[0], vec![S, S, S]);
        assert_eq!(p.cells[1], vec![S, N(0), S]);
        assert_eq!(p.cells[2], vec![S, S, N(15)]);
    }

    #[test]
    fn secondary_runs_until_rows_and_columns_are_safe() {
        // theme x service with totals. Only (0,0)=4 is small.
        let t = table(
            vec![
                vec![N(4), N(10), N(12), N(26)],
                vec![N(7), N(9), N(20), N(36)],
                vec![N(11), N(19), N(32), N(62)],
            ],
            true,
            true,
        );
        let p = suppress(&t, 6);
        // Row 0: 4 hidden -> 10 hidden. Column 0: 4 hidden -> 7 hidden.
        // Column 1: 10 hidden -> 9 hidden. Row 1: 7 and 9 hidden: fine.
        assert_eq!(p.cells[0], vec![S, S, N(12), N(26)]);
        assert_eq!(p.cells[1], vec![S, S, N(20), N(36)]);
        assert_eq!(p.cells[2], vec![N(11), N(19), N(32), N(62)]);
        for (members, total) in [([4u64, 10, 12], 26u64), ([7, 9, 20], 36)] {
            assert_eq!(members.iter().sum::<u64>(), total);
        }
        // No line has exactly one hidden entry.
        for r in 0..3 {
            assert_ne!(p.cells[r].iter().filter(|c| **c == S).count(), 1);
        }
        for c in 0..4 {
            assert_ne!((0..3).filter(|r| p.cells[*r][c] == S).count(), 1);
        }
    }

    #[test]
    fn nothing_suppressed_below_one() {
        let p = suppress(&table(vec![vec![N(1), N(2)]], false, false), 1);
        assert_eq!(p.cells, vec![vec![N(1), N(2)]]);
    }

    #[test]
    fn small_total_hidden_with_its_cells() {
        let p = suppress(&table(vec![vec![N(2), N(1), N(3)]], false, true), 6);
        assert_eq!(p.cells, vec![vec![S, S, S]]);
    }

    #[test]
    fn only_a_hidden_count_reads_fewer_than() {
        assert_eq!(hidden_words(true, 6, true), "Fewer than 6");
        assert_eq!(hidden_words(true, 10, false), "fewer than 10");
        // A rate, mean, median or duration is hidden, never "fewer than".
        assert_eq!(hidden_words(false, 6, true), "[c] (too few to publish)");
        assert_eq!(Cell::Empty.text(), "no data");
        assert_eq!(Cell::Suppressed.text(), MARKER);
    }
}
