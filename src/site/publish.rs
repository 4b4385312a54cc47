//! The figures as published: every number, table and chart the site and
//! the PDFs show is made here, and every one goes through the
//! disclosure-control layer (`stats::disclosure`) first. Pure.

use super::words;
use crate::records::Config;
use crate::stats::disclosure::{self, Cell, Derived, MARKER, NO_DATA, Table};
use crate::stats::figure::{By, Figure, Figures, Value, fmt_num};
use serde::Serialize;

/// A published table (after disclosure control).
#[derive(Clone, Debug, Serialize)]
pub struct TableCtx {
    /// Unique id on its page (for captions, CSV names).
    pub id: String,
    /// Caption.
    pub caption: String,
    /// Column headings; the first heads the row labels.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<RowCtx>,
    /// The suppression note, when a cell is hidden.
    pub note: Option<String>,
    /// The CSV download (relative to the site root), when there is one.
    pub csv: Option<String>,
}

/// A row of a table.
#[derive(Clone, Debug, Serialize)]
pub struct RowCtx {
    /// Row label.
    pub head: String,
    /// Cells as shown (`12`, `45%`, `[c]`, `no data`).
    pub cells: Vec<String>,
}

/// One point of a chart.
#[derive(Clone, Debug, Serialize)]
pub struct PointCtx {
    /// The x label (a year, a category).
    pub label: String,
    /// The value, `None` when hidden (`[c]`) or there is no data.
    pub value: Option<f64>,
    /// As shown.
    pub text: String,
}

/// One series of a chart.
#[derive(Clone, Debug, Serialize)]
pub struct SeriesCtx {
    /// Its name (legend and direct label).
    pub name: String,
    /// Points in x order.
    pub points: Vec<PointCtx>,
}

/// A chart and the same data as a table.
#[derive(Clone, Debug, Serialize)]
pub struct ChartCtx {
    /// Unique id (SVG title/desc ids).
    pub id: String,
    /// `bars` (years) or `hbars` (categories).
    pub kind: &'static str,
    /// The message, as the SVG's title.
    pub title: String,
    /// The trend in words, as the SVG's description.
    pub desc: String,
    /// `%` or empty.
    pub unit: &'static str,
    /// The axis maximum.
    pub max: f64,
    /// The series.
    pub series: Vec<SeriesCtx>,
    /// The same data as a table.
    pub table: TableCtx,
}

/// A figure's headline value after disclosure control.
#[derive(Clone, Debug, Serialize)]
pub struct ValueCtx {
    /// As shown: `94%`, `1,234`, `13`, `7.9`, `[c]`, `no data` (the same
    /// text in tables, charts and CSVs; sentences use [`Published::words`]).
    pub text: String,
    /// The number, when shown.
    pub value: Option<f64>,
    /// Hidden by disclosure control.
    pub suppressed: bool,
}

/// `1234` -> `1,234`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Count(n) => thousands(*n),
        other => other.text(),
    }
}

fn cell_value(c: &Cell) -> Option<f64> {
    match c {
        Cell::Count(n) => Some(*n as f64),
        Cell::Percent { value, .. } => Some(*value as f64),
        _ => None,
    }
}

/// The figures of one year, with those of the years before, ready to publish.
pub struct Published<'a> {
    /// Every year up to this one: (id, figures), oldest first; this year last.
    pub years: Vec<(String, Vec<Figure>)>,
    /// `[publish] suppress_below`.
    pub k: u32,
    /// `iro.toml`.
    pub cfg: &'a Config,
    /// Each year's figure families as published (`stats::linked`), made once.
    /// The build-wide cache is keyed by the tables' content, which costs a
    /// hash of them per look-up; this map by (year, figure) spares the pages
    /// that cost (M: 2.8 s against 4.2 s without it).
    families: std::sync::Mutex<std::collections::HashMap<(usize, &'static str), Family>>,
}

/// A figure's tables as published (the year's, then its halves when they
/// are published), or the title of a table that could not be made safe.
type Family = std::sync::Arc<Result<Vec<disclosure::PublishedTable>, String>>;

/// Every year of `figs`' trend up to its own year, oldest first, with the
/// year's own figures (their files too) last.
pub fn all_years(figs: &Figures) -> Vec<(String, Vec<Figure>)> {
    let me = figs.year_id();
    let mut years: Vec<(String, Vec<Figure>)> = Vec::new();
    if let Some(t) = figs.get("trend") {
        for (y, v) in t.by.iter() {
            if let By::Figures(fs) = v
                && y.as_str() < me.as_str()
            {
                years.push((y.clone(), fs.clone()));
            }
        }
    }
    years.push((
        me,
        figs.figures
            .iter()
            .filter(|f| f.id != "trend")
            .cloned()
            .collect(),
    ));
    years
}

impl<'a> Published<'a> {
    /// The published view of the last year of `years` (the earlier ones
    /// are compared with it).
    pub fn new(years: Vec<(String, Vec<Figure>)>, cfg: &'a Config) -> Published<'a> {
        Published {
            years,
            k: cfg.publish.suppress_below,
            cfg,
            families: Default::default(),
        }
    }

    /// This year's id.
    pub fn year_id(&self) -> String {
        self.years
            .last()
            .map(|(y, _)| y.clone())
            .unwrap_or_default()
    }

    /// A figure of this year.
    pub fn get(&self, id: &str) -> Option<&Figure> {
        self.years.last()?.1.iter().find(|f| f.id == id)
    }

    /// This year's figures, in report order.
    pub fn figures(&self) -> &[Figure] {
        self.years.last().map(|(_, f)| f.as_slice()).unwrap_or(&[])
    }

    /// A figure of an earlier year (`back` = 1 for last year).
    pub fn earlier(&self, id: &str, back: usize) -> Option<&Figure> {
        let n = self.years.len();
        let (_, fs) = self.years.get(n.checked_sub(1 + back)?)?;
        fs.iter().find(|f| f.id == id)
    }

    /// The raw tables of a figure, published together: the year's and, for
    /// the theme tables, its two halves.
    fn raw_family(&self, f: &Figure) -> Vec<Table> {
        let Some(t) = crate::stats::tables::table(f, self.cfg) else {
            return vec![];
        };
        let mut v = vec![t];
        if matches!(f.id, "alerts.by_theme" | "good_practice") {
            let halves: Vec<Table> = [crate::stats::year::Half::H1, crate::stats::year::Half::H2]
                .iter()
                .filter_map(|h| crate::stats::tables::theme_table(f, self.cfg, Some(*h)))
                .collect();
            if halves.len() == 2 {
                v.extend(halves);
            }
        }
        v
    }

    /// The year (index in `years`) a figure belongs to.
    fn year_of(&self, f: &Figure) -> Option<usize> {
        self.years
            .iter()
            .position(|(_, fs)| fs.iter().any(|x| std::ptr::eq(x, f)))
    }

    /// A figure's family as published, made once per year and figure: every
    /// page, chart, CSV and PDF of every year reads the same decision.
    fn family(&self, year: usize, f: &Figure) -> Family {
        let key = (year, f.id);
        if let Some(v) = self.families.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return v;
        }
        let raw = self.raw_family(f);
        let v = crate::stats::linked::suppress_family_cached(&raw, self.k);
        if let Ok(mut m) = self.families.lock() {
            m.insert(key, v.clone());
        }
        v
    }

    /// A published cell of a figure's year table by its row (raw key) and
    /// column: `None` when the figure has no such table or cell.
    fn year_cell(&self, year: usize, f: &Figure, row: &str, col: usize) -> Option<Cell> {
        let fam = self.family(year, f);
        match fam.as_ref() {
            Ok(ts) => {
                let t = ts.first()?;
                let r = t.rows.iter().position(|x| x == row)?;
                t.cells.get(r)?.get(col).copied()
            }
            // Not safe to publish: nothing of it is shown.
            Err(_) => Some(Cell::Suppressed),
        }
    }

    /// Every figure family of every year that could not be made safe:
    /// (year, table title). The build fails on any.
    pub fn unsafe_tables(&self) -> Vec<(String, String)> {
        use rayon::prelude::*;
        // Every family made safe here, side by side (pages then read them
        // from the cache).
        let all: Vec<(usize, &Figure)> = self
            .years
            .iter()
            .enumerate()
            .flat_map(|(yi, (_, fs))| fs.iter().map(move |f| (yi, f)))
            .collect();
        let mut out: Vec<(String, String)> = all
            .par_iter()
            .filter_map(|(yi, f)| match self.family(*yi, f).as_ref() {
                Err(title) => Some((self.years[*yi].0.clone(), title.clone())),
                Ok(_) => None,
            })
            .collect();
        out.sort();
        out
    }

    /// The suppression note.
    pub fn note(&self) -> String {
        disclosure::note(self.k)
    }

    /// A figure's headline value, through disclosure control: hidden too
    /// when the year's table hides its total (the same number, one decision).
    pub fn value(&self, f: &Figure) -> ValueCtx {
        let v = self.value_alone(f);
        let total_col = match (&f.value, f.rate) {
            (Value::Percent(_), Some(_)) => Some(2),
            (Value::Count(_), _) => Some(0),
            _ => None,
        };
        let hidden = total_col
            .zip(self.year_of(f))
            .is_some_and(|(c, y)| self.year_cell(y, f, "Total", c) == Some(Cell::Suppressed));
        if hidden && !v.suppressed {
            return ValueCtx {
                text: cell_text(&Cell::Suppressed),
                value: None,
                suppressed: true,
            };
        }
        v
    }

    /// A figure's headline value on its own, through disclosure control.
    fn value_alone(&self, f: &Figure) -> ValueCtx {
        let one = |cells: Vec<Cell>, derived: Vec<Derived>, show: usize| {
            let t = Table {
                title: f.label().to_string(),
                row_header: String::new(),
                rows: vec![String::new()],
                cols: (0..cells.len()).map(|i| i.to_string()).collect(),
                cells: vec![cells],
                total_row: false,
                total_col: false,
                derived,
            };
            let p = disclosure::suppress(&t, self.k);
            let c = p.cells[0][show];
            ValueCtx {
                text: cell_text(&c),
                value: cell_value(&c),
                suppressed: c == Cell::Suppressed,
            }
        };
        match (&f.value, f.rate) {
            (Value::Percent(_), Some(r)) => one(
                vec![
                    Cell::Count(r.numerator),
                    Cell::Count(r.denominator),
                    Cell::percent(r.numerator, r.denominator),
                ],
                vec![Derived {
                    col: 2,
                    num: Some(0),
                    den: Some(1),
                }],
                2,
            ),
            (Value::Count(n), _) => one(vec![Cell::Count(*n)], vec![], 0),
            (Value::Number(x), _) => {
                // A median of a handful of alerts tells about those few.
                let few =
                    f.by.get("count")
                        .and_then(By::count)
                        .is_some_and(|n| n >= 1 && n < u64::from(self.k));
                match x {
                    _ if few => ValueCtx {
                        text: MARKER.into(),
                        value: None,
                        suppressed: true,
                    },
                    Some(x) => ValueCtx {
                        text: fmt_num(*x),
                        value: Some(*x),
                        suppressed: false,
                    },
                    None => ValueCtx {
                        text: NO_DATA.into(),
                        value: None,
                        suppressed: false,
                    },
                }
            }
            _ => ValueCtx {
                text: NO_DATA.into(),
                value: None,
                suppressed: false,
            },
        }
    }

    /// A figure's value as a sentence or a big number reads it: the number
    /// as tables show it; a hidden count "fewer than 6"; any other hidden
    /// value (a rate, mean, median, duration) "[c] (too few to publish)";
    /// "no data" when there was nothing to count. `start`: it begins a
    /// sentence.
    pub fn words(&self, id: &str, start: bool) -> String {
        let text = match self.get(id) {
            Some(f) => {
                let v = self.value(f);
                if v.suppressed {
                    let count = matches!(f.value, Value::Count(_));
                    return disclosure::hidden_words(count, self.k, start);
                }
                v.text
            }
            None => NO_DATA.to_string(),
        };
        if start { capital(&text) } else { text }
    }

    /// The published tables of a figure (one, or the theme table and its
    /// half-years, suppressed together: `stats::linked`), each with a CSV
    /// name. A half-year split that would give away a hidden cell is not
    /// published.
    pub fn tables(&self, f: &Figure) -> Vec<TableCtx> {
        // A figure of no year here (a test's) is its own family.
        let fam = match self.year_of(f) {
            Some(year) => self.family(year, f),
            None => crate::stats::linked::suppress_family_cached(&self.raw_family(f), self.k),
        };
        let Ok(published) = fam.as_ref() else {
            return vec![];
        };
        let ids = [
            slug(f.id),
            format!("{}-h1", slug(f.id)),
            format!("{}-h2", slug(f.id)),
        ];
        published
            .iter()
            .zip(ids)
            .map(|(p, id)| {
                let mut columns = vec![if p.row_header.is_empty() {
                    String::new()
                } else {
                    p.row_header.clone()
                }];
                columns.extend(p.cols.iter().cloned());
                let rows = p
                    .rows
                    .iter()
                    .zip(&p.cells)
                    .map(|(h, cs)| RowCtx {
                        head: words::key_label(h),
                        cells: cs.iter().map(cell_text).collect(),
                    })
                    .collect();
                TableCtx {
                    csv: Some(format!("figures/{id}.csv")),
                    id,
                    caption: capital(&p.title),
                    columns,
                    rows,
                    note: (p.suppressed > 0).then(|| self.note()),
                }
            })
            .collect()
    }

    /// The last four years (up to this one), oldest first.
    fn recent(&self) -> &[(String, Vec<Figure>)] {
        let n = self.years.len();
        &self.years[n.saturating_sub(4)..]
    }

    /// The series a chart of `id` compares over the years: (key, name).
    fn series_of(id: &str) -> Vec<(&'static str, &'static str)> {
        match id {
            "reviews.held" => vec![("cla", "Children in care"), ("pathway", "Care leavers")],
            "alerts.raised" => vec![
                // The alerts raised in the year by the furthest stage each
                // reached: each alert once, so the series add up to the year's.
                ("informal", "Informal only"),
                ("drp1", "Formal stage 1 (highest)"),
                ("later", "Formal stage 2 or later"),
            ],
            _ => vec![("", "")],
        }
    }

    /// A chart comparing `id` over the last years (3-4 where the records
    /// reach back), with the same data as a table. `None` for an unknown id.
    pub fn chart(&self, id: &str) -> Option<ChartCtx> {
        let this = self.get(id)?;
        let years = self.recent();
        let series = Self::series_of(id);
        let rate = this.rate.is_some() && series.len() == 1;
        let number = matches!(this.value, Value::Number(_)) && series.len() == 1;
        let name_of = |s: &str| {
            if s.is_empty() {
                words::key_label(this.label())
            } else {
                s.to_string()
            }
        };
        // Rows: years. Columns: per series, a count (or numerator,
        // denominator and percentage for rates).
        let mut cols = Vec::new();
        let mut derived = Vec::new();
        for (_, name) in &series {
            if rate {
                let c = cols.len();
                cols.push(format!("{} (number)", name_of(name)));
                cols.push(format!("{} (of)", name_of(name)));
                cols.push(name_of(name));
                derived.push(Derived {
                    col: c + 2,
                    num: Some(c),
                    den: Some(c + 1),
                });
            } else {
                cols.push(name_of(name));
            }
        }
        let mut rows = Vec::new();
        let mut cells = Vec::new();
        // Cells the year's own tables hide: hidden here too (a chart never
        // shows a number a table of that year hides).
        let mut forced: Vec<(usize, usize)> = Vec::new();
        let first = self.years.len() - years.len();
        for (i, (y, fs)) in years.iter().enumerate() {
            let f = fs.iter().find(|f| f.id == id);
            if let Some(f) = f {
                let hidden = |row: &str, col: usize| {
                    self.year_cell(first + i, f, row, col) == Some(Cell::Suppressed)
                };
                let mut col = 0;
                for (key, _) in &series {
                    let keys: Vec<&str> = match *key {
                        "" => vec!["Total"],
                        "later" => vec!["drp2", "drp3", "cafcass"],
                        k => vec![k],
                    };
                    let width = if rate { 3 } else { 1 };
                    for c in 0..width {
                        // Rates: the year's Total row holds number, of and %.
                        let tc = if rate { c } else { 0 };
                        if keys.iter().any(|k| hidden(k, tc)) {
                            forced.push((i, col + c));
                        }
                    }
                    col += width;
                }
            }
            let mut row = Vec::new();
            for (key, _) in &series {
                match f {
                    None => {
                        if rate {
                            row.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
                        } else {
                            row.push(Cell::Empty);
                        }
                    }
                    Some(f) if rate => {
                        let r = f.rate.unwrap_or(crate::stats::figure::Rate::new(0, 0));
                        row.extend([
                            Cell::Count(r.numerator),
                            Cell::Count(r.denominator),
                            Cell::percent(r.numerator, r.denominator),
                        ]);
                    }
                    Some(f) => {
                        let n = if key.is_empty() {
                            match f.value {
                                Value::Count(n) => Some(n),
                                // A mean or median is not a count: its points
                                // are its published values (below).
                                _ => None,
                            }
                        } else if *key == "later" {
                            // Stage 2, 3 and Cafcass together: few, and one step.
                            Some(
                                ["drp2", "drp3", "cafcass"]
                                    .iter()
                                    .filter_map(|k| f.by.get(k).and_then(By::count))
                                    .sum(),
                            )
                        } else {
                            f.by.get(key).and_then(By::count)
                        };
                        row.push(n.map(Cell::Count).unwrap_or(Cell::Empty));
                    }
                }
            }
            rows.push(y.clone());
            cells.push(row);
        }
        let t = Table {
            title: this.label().to_string(),
            row_header: "Year".into(),
            rows,
            cols,
            cells,
            total_row: false,
            total_col: false,
            derived,
        };
        let mut p = disclosure::suppress(&t, self.k);
        for (r, c) in forced {
            if let Some(x) = p.cells.get_mut(r).and_then(|row| row.get_mut(c)) {
                *x = Cell::Suppressed;
            }
        }
        // A percentage of a hidden count is hidden too.
        crate::stats::linked::finish(&t, &mut p, self.k);
        let shown: Vec<usize> = if rate {
            (0..series.len()).map(|i| i * 3 + 2).collect()
        } else {
            (0..series.len()).collect()
        };
        let mut out_series = Vec::new();
        for (si, (_, name)) in series.iter().enumerate() {
            let col = shown[si];
            let points = p
                .rows
                .iter()
                .zip(&p.cells)
                .zip(years)
                .map(|((y, cs), (_, fs))| {
                    let c = cs[col];
                    match fs.iter().find(|f| f.id == id) {
                        // As tables and sentences show it (7.9, not 8),
                        // hidden by its own rule, never as a count.
                        Some(f) if number => {
                            let v = self.value(f);
                            PointCtx {
                                label: y.clone(),
                                value: v.value,
                                text: v.text,
                            }
                        }
                        _ => PointCtx {
                            label: y.clone(),
                            value: cell_value(&c),
                            text: cell_text(&c),
                        },
                    }
                })
                .collect();
            out_series.push(SeriesCtx {
                name: name_of(name),
                points,
            });
        }
        let unit = if rate { "%" } else { "" };
        let max = if rate {
            100.0
        } else {
            nice_max(
                out_series
                    .iter()
                    .flat_map(|s| s.points.iter().filter_map(|p| p.value))
                    .fold(0.0, f64::max),
            )
        };
        let mut columns = vec!["Year".to_string()];
        columns.extend(out_series.iter().map(|s| s.name.clone()));
        let table = TableCtx {
            id: format!("chart-{}", slug(id)),
            caption: format!("{} by year", capital(this.label())),
            columns,
            rows: p
                .rows
                .iter()
                .enumerate()
                .map(|(ri, y)| RowCtx {
                    head: y.clone(),
                    cells: out_series
                        .iter()
                        .map(|s| s.points[ri].text.clone())
                        .collect(),
                })
                .collect(),
            note: (p.suppressed > 0
                || out_series
                    .iter()
                    .any(|s| s.points.iter().any(|p| p.text == MARKER)))
            .then(|| self.note()),
            csv: None,
        };
        let v = self.value(this);
        let title = format!(
            "{} {} in {}",
            self.words(id, true),
            words::phrase(id).trim(),
            self.year_id()
        );
        Some(ChartCtx {
            id: format!("chart-{}", slug(id)),
            kind: "bars",
            title: if words::phrase(id).is_empty() {
                format!("{}: {} in {}", this.label(), v.text, self.year_id())
            } else {
                title
            },
            desc: describe(&out_series, unit),
            unit,
            max,
            series: out_series,
            table,
        })
    }
}

/// A figure id as a file name: `reviews.on_time` -> `reviews-on-time`.
pub fn slug(id: &str) -> String {
    id.replace(['.', '_'], "-")
}

/// The first letter in capitals.
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A round axis maximum at or above `x`.
fn nice_max(x: f64) -> f64 {
    if x <= 0.0 {
        return 10.0;
    }
    let p = 10f64.powf(x.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * p >= x {
            return m * p;
        }
    }
    10.0 * p
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(xs: &[&str]) -> String {
    match xs {
        [] => String::new(),
        [a] => a.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The trend in words: each series from its first shown value to its last.
pub fn describe(series: &[SeriesCtx], unit: &str) -> String {
    let mut parts = Vec::new();
    for s in series {
        let shown: Vec<&PointCtx> = s.points.iter().filter(|p| p.value.is_some()).collect();
        let name = if series.len() > 1 {
            format!("{}: ", s.name)
        } else {
            String::new()
        };
        // The points not shown, in the words tables use: hidden ([c]) apart
        // from those with nothing to count.
        let missing = |hidden: bool| -> Vec<&str> {
            s.points
                .iter()
                .filter(|p| p.value.is_none() && (p.text == MARKER) == hidden)
                .map(|p| p.label.as_str())
                .collect()
        };
        let mut why = Vec::new();
        let hidden = missing(true);
        if !hidden.is_empty() {
            why.push(format!(
                "{}: {}",
                disclosure::hidden_words(false, 0, false),
                and_list(&hidden)
            ));
        }
        let empty = missing(false);
        if !empty.is_empty() {
            why.push(format!("{NO_DATA}: {}", and_list(&empty)));
        }
        let tail = if why.is_empty() {
            String::new()
        } else {
            format!(" ({})", why.join("; "))
        };
        match (shown.first(), shown.last()) {
            (Some(a), Some(b)) if shown.len() > 1 => {
                let (x, y) = (a.value.unwrap_or(0.0), b.value.unwrap_or(0.0));
                let verb = if (y - x).abs() < 1e-9 {
                    format!("stayed at {}", b.text)
                } else if y > x {
                    format!("went up from {} to {}", a.text, b.text)
                } else {
                    format!("went down from {} to {}", a.text, b.text)
                };
                parts.push(format!(
                    "{name}from {} to {} it {verb}{tail}.",
                    a.label, b.label
                ));
            }
            (Some(a), _) => parts.push(format!("{name}{} in {}{tail}.", a.text, a.label)),
            _ => parts.push(format!("{name}no figures can be shown{tail}.")),
        }
    }
    let _ = unit;
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_axes() {
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(nice_max(83.0), 100.0);
        assert_eq!(nice_max(17.0), 20.0);
        assert_eq!(nice_max(230.0), 250.0);
        assert_eq!(slug("reviews.on_time"), "reviews-on-time");
    }

    fn cfg() -> Config {
        toml::from_str("[service]\nname = \"S\"\n").expect("config")
    }

    /// Years of figures: (year, figures).
    fn years(ys: &[(&str, Vec<Figure>)]) -> Vec<(String, Vec<Figure>)> {
        ys.iter().map(|(y, f)| (y.to_string(), f.clone())).collect()
    }

    #[test]
    fn missing_numbers_have_one_vocabulary() {
        use crate::stats::figure::{ByMap, Rate};
        let cfg = cfg();
        let p = Published::new(
            years(&[(
                "2025-26",
                vec![
                    Figure::count("reviews.stood_down", 3),
                    Figure::rate("alerts.informal_or_stage1", Rate::new(3, 4)),
                    Figure::rate("reviews.on_time", Rate::new(0, 0)),
                    Figure::number("drp.days", Some(13.0))
                        .by(ByMap::new().with("count", By::Count(3))),
                    Figure::number("caseload", Some(42.9)),
                ],
            )]),
            &cfg,
        );
        // Only a hidden count reads "fewer than"; a hidden rate or median
        // is [c], in tables and in sentences.
        assert_eq!(p.words("reviews.stood_down", true), "Fewer than 6");
        assert_eq!(p.words("reviews.stood_down", false), "fewer than 6");
        let f = p.get("alerts.informal_or_stage1").unwrap();
        assert_eq!(p.value(f).text, MARKER);
        assert_eq!(
            p.words("alerts.informal_or_stage1", true),
            "[c] (too few to publish)"
        );
        let f = p.get("drp.days").unwrap();
        assert_eq!(p.value(f).text, MARKER);
        assert_eq!(p.words("drp.days", false), "[c] (too few to publish)");
        // Nothing to count is "no data", never [c] or "-".
        let f = p.get("reviews.on_time").unwrap();
        assert_eq!(p.value(f).text, NO_DATA);
        assert!(!p.value(f).suppressed);
        assert_eq!(p.words("reviews.on_time", false), NO_DATA);
        assert_eq!(p.words("pep.current", true), "No data");
        assert_eq!(p.words("caseload", false), "42.9");
        // A rate table's empty cell is "no data" too.
        let t = p.tables(
            &Figure::rate("consultations", Rate::new(7, 10)).by(ByMap::new()
                .with("child", By::Rate(Rate::new(7, 10)))
                .with("parent", By::Rate(Rate::new(0, 0)))),
        );
        assert_eq!(t[0].rows[1].cells, ["0", "0", NO_DATA]);
    }

    /// The case: 2018-19's reviews chaired table hides 64 children
    /// in care to protect 1 care-leaver review beside a total of 65; the
    /// trend chart of a later year must not show 64 for 2018-19.
    #[test]
    fn a_chart_never_shows_a_number_its_years_table_hides() {
        use crate::stats::figure::ByMap;
        let cfg = cfg();
        let held = |cla: u64, pathway: u64| {
            Figure::count("reviews.held", cla + pathway).by(ByMap::new()
                .with("cla", By::Count(cla))
                .with("pathway", By::Count(pathway)))
        };
        let p = Published::new(
            years(&[
                ("2018-19", vec![held(64, 1)]),
                ("2019-20", vec![held(70, 9)]),
            ]),
            &cfg,
        );
        let t = p.tables(p.earlier("reviews.held", 1).unwrap());
        assert_eq!(t[0].rows[0].cells, [MARKER]);
        assert_eq!(t[0].rows[2].cells, ["65"]);
        let c = p.chart("reviews.held").unwrap();
        let cla = &c.series[0].points;
        assert_eq!(cla[0].label, "2018-19");
        assert_eq!(cla[0].text, MARKER, "{cla:?}");
        assert_eq!(cla[1].text, "70");
        assert_eq!(c.table.rows[0].cells[0], MARKER);
    }

    #[test]
    fn a_chart_shows_numbers_as_tables_do() {
        use crate::stats::figure::ByMap;
        let cfg = cfg();
        let many = |x: f64| {
            Figure::number("drp.days", Some(x)).by(ByMap::new().with("count", By::Count(9)))
        };
        let p = Published::new(
            years(&[
                ("2022-23", vec![]),
                (
                    "2023-24",
                    vec![
                        Figure::number("drp.days", Some(3.0))
                            .by(ByMap::new().with("count", By::Count(2))),
                    ],
                ),
                ("2024-25", vec![many(7.9)]),
                ("2025-26", vec![many(14.5)]),
            ]),
            &cfg,
        );
        let c = p.chart("drp.days").expect("a chart");
        let texts: Vec<&str> = c.series[0].points.iter().map(|p| p.text.as_str()).collect();
        // Not rounded to 8 and 15; a median of 2 alerts hidden as [c],
        // not shown as 3 nor hidden as a count; a year with none: no data.
        assert_eq!(texts, [NO_DATA, MARKER, "7.9", "14.5"]);
        assert_eq!(c.series[0].points[3].value, Some(14.5));
        let cells: Vec<&str> = c.table.rows.iter().map(|r| r.cells[0].as_str()).collect();
        assert_eq!(cells, texts);
        assert!(c.table.note.is_some(), "the [c] is explained");
        assert!(
            c.desc
                .contains("[c] (too few to publish): 2023-24; no data: 2022-23"),
            "{}",
            c.desc
        );
        let f = p.get("drp.days").unwrap();
        assert_eq!(p.value(f).text, "14.5");
    }

    #[test]
    fn trend_in_words() {
        let p = |l: &str, v: Option<f64>, t: &str| PointCtx {
            label: l.into(),
            value: v,
            text: t.into(),
        };
        let s = SeriesCtx {
            name: "All".into(),
            points: vec![
                p("2022-23", Some(83.0), "83%"),
                p("2023-24", None, "[c]"),
                p("2024-25", Some(94.0), "94%"),
            ],
        };
        let d = describe(&[s], "%");
        assert_eq!(
            d,
            "from 2022-23 to 2024-25 it went up from 83% to 94% ([c] (too few to publish): 2023-24)."
        );
        let s = SeriesCtx {
            name: "All".into(),
            points: vec![
                p("2021-22", None, "no data"),
                p("2022-23", None, "[c]"),
                p("2023-24", None, "[c]"),
                p("2024-25", Some(94.0), "94%"),
            ],
        };
        assert_eq!(
            describe(&[s], "%"),
            "94% in 2024-25 ([c] (too few to publish): 2022-23 and 2023-24; no data: 2021-22)."
        );
    }
}
