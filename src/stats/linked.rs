//! Disclosure control across linked tables, and its proof.
//!
//! A figure may be published as several tables that share cells: its
//! full-year table and the same table for each half of the year (every cell
//! of the year is the sum of the same cell in the two halves), each with its
//! row and column totals. Suppressing each table on its own (`disclosure`)
//! is not enough: a year of 7 and a first half of 6 give away a hidden
//! second half of 1. So the tables of a family are suppressed together:
//!
//! 1. each table as `disclosure::suppress` does (primary and secondary);
//! 2. then the **audit**: every published cell and every equation that links
//!    them (row and column totals, year = first half + second half) are an
//!    integer program in the hidden cells, each at least 1 (zero is always
//!    shown, so a hidden cell is known not to be zero). For each hidden cell
//!    the program is solved for its smallest and its largest value
//!    (`microlp`; the linear relaxation, whose bounds are whole numbers for
//!    tables that add up along rows and columns, rounded inwards). A cell whose smallest and largest values
//!    are equal can be worked out exactly from what is published;
//! 3. while the audit finds such a cell, one more cell is hidden in an
//!    equation that holds it (the smallest non-zero cell still shown there,
//!    a total last), and the family is audited again;
//! 4. if that does not make the family safe, less is published: the
//!    half-year tables are dropped and the year's table alone is made safe.
//!
//! The protection this gives (docs/report.md): no hidden cell's value can be
//! worked out exactly from everything published for the year; each could be
//! at least two different whole numbers.

use super::disclosure::{self, Cell, PublishedTable, Table};
use microlp::{ComparisonOp, OptimizationDirection, Problem};

/// The solver could not answer: nothing may be taken as safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SolverFailed;

/// A cell of a family: (table, row, column).
pub type Pos = (usize, usize, usize);

/// An equation: the cells that add up (`members`) and their total.
#[derive(Clone, Debug)]
struct Equation {
    members: Vec<Pos>,
    total: Pos,
}

fn count_cols(t: &Table) -> Vec<usize> {
    let ncols = t.cells.iter().map(Vec::len).max().unwrap_or(0);
    (0..ncols)
        .filter(|c| !t.derived.iter().any(|d| d.col == *c))
        .collect()
}

/// Every equation among the tables of a family: each table's totals, and
/// (with `halves`) table 0 = table 1 + table 2, cell by cell, by labels.
fn equations(tables: &[Table], halves: bool) -> Vec<Equation> {
    let mut eqs = Vec::new();
    for (ti, t) in tables.iter().enumerate() {
        let nrows = t.cells.len();
        let cols = count_cols(t);
        if t.total_col && cols.len() >= 2 {
            let tc = *cols.last().unwrap_or(&0);
            for r in 0..nrows {
                eqs.push(Equation {
                    members: cols
                        .iter()
                        .filter(|c| **c != tc)
                        .map(|c| (ti, r, *c))
                        .collect(),
                    total: (ti, r, tc),
                });
            }
        }
        if t.total_row && nrows >= 2 {
            for &c in &cols {
                eqs.push(Equation {
                    members: (0..nrows - 1).map(|r| (ti, r, c)).collect(),
                    total: (ti, nrows - 1, c),
                });
            }
        }
    }
    if halves && tables.len() == 3 {
        let year = &tables[0];
        for (r, rl) in year.rows.iter().enumerate() {
            for c in count_cols(year) {
                let cl = &year.cols[c];
                let mut members = Vec::new();
                for ti in [1, 2] {
                    let h = &tables[ti];
                    if let (Some(hr), Some(hc)) = (
                        h.rows.iter().position(|x| x == rl),
                        h.cols.iter().position(|x| x == cl),
                    ) {
                        members.push((ti, hr, hc));
                    }
                }
                eqs.push(Equation {
                    members,
                    total: (0, r, c),
                });
            }
        }
    }
    eqs
}

fn cell(p: &[PublishedTable], (t, r, c): Pos) -> Cell {
    p.get(t)
        .and_then(|x| x.cells.get(r))
        .and_then(|x| x.get(c))
        .copied()
        .unwrap_or(Cell::Empty)
}

fn raw(t: &[Table], (ti, r, c): Pos) -> u64 {
    match t
        .get(ti)
        .and_then(|x| x.cells.get(r))
        .and_then(|x| x.get(c))
    {
        Some(Cell::Count(n)) => *n,
        Some(Cell::Percent { num, .. }) => *num,
        _ => 0,
    }
}

/// The hidden cells of `published` that can be worked out exactly from the
/// published cells and the equations. `Err` when the solver cannot answer
/// (then nothing may be taken as safe).
fn determined(
    tables: &[Table],
    published: &[PublishedTable],
    eqs: &[Equation],
) -> Result<Vec<Pos>, ()> {
    // Only equations with a hidden cell say anything about hidden cells.
    let hidden = |p: Pos| cell(published, p) == Cell::Suppressed;
    let live: Vec<&Equation> = eqs
        .iter()
        .filter(|e| e.members.iter().chain([&e.total]).any(|p| hidden(*p)))
        .collect();
    let mut vars: Vec<Pos> = Vec::new();
    for e in &live {
        for p in e.members.iter().chain([&e.total]) {
            if hidden(*p) && !vars.contains(p) {
                vars.push(*p);
            }
        }
    }
    // The linear relaxation: for tables that add up along rows and columns
    // its corners are whole numbers, so its bounds are the integer bounds.
    // Every hidden cell lies in [1, BOX]: BOX stands for "no upper bound"
    // (no published total is near it), so every program has an optimum.
    const BOX: f64 = 1e7;
    // One program per objective (weights on the hidden cells): the values
    // of its optimal corner.
    let solve =
        |dir: OptimizationDirection, weights: &dyn Fn(usize) -> f64| -> Result<Vec<f64>, ()> {
            let mut pb = Problem::new(dir);
            let vs: Vec<_> = (0..vars.len())
                .map(|i| pb.add_var(weights(i), (1.0, BOX)))
                .collect();
            for e in &live {
                // members - total = 0, known cells moved to the right.
                let mut terms = Vec::new();
                let mut rhs = 0.0;
                for (p, coef) in e.members.iter().map(|p| (p, 1.0)).chain([(&e.total, -1.0)]) {
                    match vars.iter().position(|v| v == p) {
                        Some(i) => terms.push((vs[i], coef)),
                        None => rhs -= coef * raw(tables, *p) as f64,
                    }
                }
                pb.add_constraint(terms, ComparisonOp::Eq, rhs);
            }
            match pb.solve() {
                Ok(microlp::SolveOutcome::Solution(s)) => Ok(vs.iter().map(|v| s[*v]).collect()),
                // The published numbers themselves satisfy the equations, so
                // anything else means the solver cannot answer: fail safe.
                _ => Err(()),
            }
        };
    // The least and greatest value seen for each cell in some solution:
    // a cell seen at two whole numbers apart is not worked out. A few
    // programs with every cell in the objective settle most cells at
    // once; each cell left is then pushed to its own least and greatest.
    let n = vars.len();
    let mut lo = vec![f64::INFINITY; n];
    let mut hi = vec![f64::NEG_INFINITY; n];
    let see = |x: &[f64], lo: &mut Vec<f64>, hi: &mut Vec<f64>| {
        for i in 0..n {
            lo[i] = lo[i].min(x[i]);
            hi[i] = hi[i].max(x[i]);
        }
    };
    let open = |i: usize, lo: &[f64], hi: &[f64]| hi[i] - lo[i] < 1.0 - 1e-6;
    use OptimizationDirection::{Maximize, Minimize};
    for dir in [Maximize, Minimize] {
        let x = solve(dir, &|_| 1.0)?;
        see(&x, &mut lo, &mut hi);
        let x = solve(dir, &|i| if i % 2 == 0 { 1.0 } else { -1.0 })?;
        see(&x, &mut lo, &mut hi);
    }
    for i in 0..n {
        if !open(i, &lo, &hi) {
            continue;
        }
        for dir in [Maximize, Minimize] {
            let x = solve(dir, &|j| if j == i { 1.0 } else { 0.0 })?;
            see(&x, &mut lo, &mut hi);
        }
    }
    let out: Vec<Pos> = (0..n)
        .filter(|i| open(*i, &lo, &hi))
        .map(|i| vars[i])
        .collect();
    Ok(out)
}

/// Hide one more cell near `p`: the smallest non-zero cell still shown in
/// an equation holding `p` (a total last); when every cell of those is
/// hidden already, in the equations around them, and so on outwards.
/// `false` if no cell is left to hide.
fn widen(published: &mut [PublishedTable], eqs: &[Equation], p: Pos) -> bool {
    let mut frontier = vec![p];
    let mut seen = vec![false; eqs.len()];
    loop {
        let mut best: Option<(bool, u64, Pos)> = None;
        let mut next = Vec::new();
        for (i, e) in eqs.iter().enumerate() {
            if seen[i]
                || !frontier
                    .iter()
                    .any(|f| e.total == *f || e.members.contains(f))
            {
                continue;
            }
            seen[i] = true;
            for (q, is_total) in e
                .members
                .iter()
                .map(|q| (q, false))
                .chain([(&e.total, true)])
            {
                match cell(published, *q) {
                    Cell::Count(n) if n > 0 => {
                        let key = (is_total, n, *q);
                        if best.is_none_or(|b| key < b) {
                            best = Some(key);
                        }
                    }
                    Cell::Suppressed => next.push(*q),
                    _ => {}
                }
            }
        }
        if let Some((_, _, (t, r, c))) = best {
            published[t].cells[r][c] = Cell::Suppressed;
            return true;
        }
        if next.is_empty() {
            return false;
        }
        frontier = next;
    }
}

/// Percentages worked out from a hidden count are hidden too; the count of
/// hidden cells and the note follow.
pub fn finish(t: &Table, p: &mut PublishedTable, k: u32) {
    for d in &t.derived {
        for row in &mut p.cells {
            let hidden = |c: Option<usize>| {
                c.and_then(|c| row.get(c))
                    .is_some_and(|x| *x == Cell::Suppressed)
            };
            if (hidden(d.num) || hidden(d.den)) && d.col < row.len() {
                row[d.col] = Cell::Suppressed;
            }
        }
    }
    p.suppressed = p
        .cells
        .iter()
        .flatten()
        .filter(|c| **c == Cell::Suppressed)
        .count();
    p.notes = if p.suppressed > 0 {
        vec![disclosure::note(k)]
    } else {
        vec![]
    };
}

/// Make a family safe by widening until the audit finds nothing; `None`
/// when it cannot be (no cell left to hide, or the solver cannot answer).
fn make_safe(tables: &[Table], halves: bool, k: u32) -> Option<Vec<PublishedTable>> {
    let eqs = equations(tables, halves);
    let mut published: Vec<PublishedTable> =
        tables.iter().map(|t| disclosure::suppress(t, k)).collect();
    for _ in 0..200 {
        let det = determined(tables, &published, &eqs).ok()?;
        if det.is_empty() {
            for (t, p) in tables.iter().zip(published.iter_mut()) {
                finish(t, p, k);
            }
            return Some(published);
        }
        // Widen around every cell found, but once per equation in a pass:
        // a cell hidden for one may already protect the next.
        let mut touched: Vec<usize> = Vec::new();
        let mut widened = false;
        for p in &det {
            let holding: Vec<usize> = (0..eqs.len())
                .filter(|i| eqs[*i].total == *p || eqs[*i].members.contains(p))
                .collect();
            if holding.iter().any(|i| touched.contains(i)) {
                continue;
            }
            if widen(&mut published, &eqs, *p) {
                widened = true;
                touched.extend(holding);
            }
        }
        if !widened {
            return None;
        }
        for (t, p) in tables.iter().zip(published.iter_mut()) {
            finish(t, p, k);
        }
    }
    None
}

/// The tables of one figure, published together: `tables[0]` the year's,
/// and (when given) `tables[1]` and `tables[2]` its halves. Returns the
/// published tables (the halves left out when they cannot be published
/// safely) or, when not even the year's table can be made safe, `Err` with
/// its title.
pub fn suppress_family(tables: &[Table], k: u32) -> Result<Vec<PublishedTable>, String> {
    if tables.len() == 3
        && let Some(p) = make_safe(tables, true, k)
    {
        return Ok(p);
    }
    match tables.first() {
        Some(t) => make_safe(std::slice::from_ref(t), false, k).ok_or_else(|| t.title.clone()),
        None => Ok(vec![]),
    }
}

/// `suppress_family`, remembered: every page, chart, CSV and PDF of every
/// year asks for the same families, and each is made safe once (keyed by
/// the tables themselves, so a changed figure is made safe again).
pub fn suppress_family_cached(
    tables: &[Table],
    k: u32,
) -> std::sync::Arc<Result<Vec<PublishedTable>, String>> {
    use std::hash::{Hash, Hasher};
    type Cache =
        std::collections::HashMap<u64, std::sync::Arc<Result<Vec<PublishedTable>, String>>>;
    static CACHE: std::sync::OnceLock<std::sync::Mutex<Cache>> = std::sync::OnceLock::new();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    k.hash(&mut h);
    format!("{tables:?}").hash(&mut h);
    let key = h.finish();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(v) = cache.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return v;
    }
    let v = std::sync::Arc::new(suppress_family(tables, k));
    if let Ok(mut m) = cache.lock() {
        // A long `iro serve` session: forget old families now and then.
        if m.len() > 20_000 {
            m.clear();
        }
        m.insert(key, v.clone());
    }
    v
}

/// The audit alone: the hidden cells of published `tables` (a family, as
/// `suppress_family` takes it) that can be worked out exactly, as (table,
/// row label, column label); `Err` when the solver cannot answer.
pub fn audit(
    tables: &[Table],
    published: &[PublishedTable],
) -> Result<Vec<(usize, String, String)>, SolverFailed> {
    let halves = published.len() == 3;
    let eqs = equations(&tables[..published.len().min(tables.len())], halves);
    Ok(determined(tables, published, &eqs)
        .map_err(|_| SolverFailed)?
        .into_iter()
        .map(|(t, r, c)| {
            (
                t,
                published[t].rows[r].clone(),
                published[t].cols[c].clone(),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(cells: &[&[u64]]) -> Table {
        // Rows of counts, then a total row and a total column are added.
        let ncols = cells[0].len();
        let mut rows: Vec<Vec<Cell>> = cells
            .iter()
            .map(|r| {
                let mut v: Vec<Cell> = r.iter().map(|n| Cell::Count(*n)).collect();
                v.push(Cell::Count(r.iter().sum()));
                v
            })
            .collect();
        let mut total: Vec<Cell> = (0..ncols)
            .map(|c| Cell::Count(cells.iter().map(|r| r[c]).sum()))
            .collect();
        total.push(Cell::Count(cells.iter().flat_map(|r| r.iter()).sum()));
        rows.push(total);
        Table {
            title: "t".into(),
            row_header: String::new(),
            rows: (0..cells.len())
                .map(|i| format!("r{i}"))
                .chain(["Total".into()])
                .collect(),
            cols: (0..ncols)
                .map(|i| format!("c{i}"))
                .chain(["Total".into()])
                .collect(),
            cells: rows,
            total_row: true,
            total_col: true,
            derived: vec![],
        }
    }

    #[test]
    fn a_hidden_half_worked_out_from_the_year_is_protected() {
        // The case: 7 in the year, 6 in the first half, 1 in the second.
        let year = theme(&[&[7, 20], &[30, 40]]);
        let h1 = theme(&[&[6, 10], &[15, 20]]);
        let h2 = theme(&[&[1, 10], &[15, 20]]);
        // Each on its own: the second half hides 1 (and its row and column
        // partners), the year shows 7, the first half shows 6.
        let alone: Vec<PublishedTable> = [&year, &h1, &h2]
            .iter()
            .map(|t| disclosure::suppress(t, 6))
            .collect();
        let tables = vec![year.clone(), h1.clone(), h2.clone()];
        let found = audit(&tables, &alone).unwrap();
        assert!(found.contains(&(2, "r0".into(), "c0".into())), "{found:?}");
        // Together: nothing can be worked out.
        let p = suppress_family(&tables, 6).unwrap();
        assert_eq!(audit(&tables, &p).unwrap(), vec![]);
        assert!(
            p.iter()
                .flat_map(|t| t.cells.iter().flatten())
                .any(|c| *c == Cell::Suppressed)
        );
        // And the second half's 1 is still hidden.
        assert_eq!(p.last().map(|t| t.cells[0][0]), Some(Cell::Suppressed));
    }

    #[test]
    fn a_safe_family_is_left_as_it_is() {
        let year = theme(&[&[10, 20], &[30, 40]]);
        let h = theme(&[&[5, 10], &[15, 20]]);
        let tables = vec![year.clone(), h.clone(), h.clone()];
        let p = suppress_family(&tables, 6).unwrap();
        // The halves' 5s are hidden with partners; the year is untouched.
        assert_eq!(p[0].suppressed, 0);
        assert_eq!(audit(&tables, &p).unwrap(), vec![]);
    }

    #[test]
    fn a_single_table_whose_hidden_cells_form_a_chain_is_widened() {
        // Row and column rules alone (each line with two hidden cells) can
        // leave a cell worked out when the hidden cells of a line are all
        // pinned by others; the audit finds none after widening.
        let t = theme(&[&[1, 9, 8], &[9, 2, 8], &[8, 8, 8]]);
        let p = suppress_family(std::slice::from_ref(&t), 6).unwrap();
        assert_eq!(audit(std::slice::from_ref(&t), &p).unwrap(), vec![]);
    }
}
