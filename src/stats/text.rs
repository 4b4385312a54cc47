//! The figures as text: the terminal table (this year, last year, change),
//! CSV of every figure and breakdown for every year, and `--explain`'s list
//! of the record files behind one figure. Pure: strings out.
//!
//! Not disclosure-controlled: this is for the IRO manager. Anything
//! published goes through `stats::disclosure` (`iro build`).

use crate::format::Format;
use crate::stats::{self, By, ByMap, Figure, Figures, Value};
use std::fmt::Write as _;

// ------------------------------------------------------------------ explain

/// A file's last commit (hash, author, date), from `git::last_commits`.
pub type Commits = std::collections::BTreeMap<String, (String, String, String)>;

/// The record files behind a figure, by part (numerator, denominator, ...).
pub fn explain(figs: &Figures, id: &str, format: Format) -> String {
    explain_with(figs, id, format, None)
}

/// `explain`, with each file's last commit when `commits` is given.
pub fn explain_with(figs: &Figures, id: &str, format: Format, commits: Option<&Commits>) -> String {
    let commit = |file: &str| -> Option<(String, String, String)> { commits?.get(file).cloned() };
    let mut out = String::new();
    let Some(f) = figs.get(id) else { return out };
    if id == "trend" {
        let _ = writeln!(
            out,
            "trend: every figure for each year the records cover; explain one figure with --year YEAR --explain ID"
        );
        return out;
    }
    match format {
        Format::Json => {
            let mut groups = serde_json::Map::new();
            for g in &f.files {
                let files = match commits {
                    None => serde_json::json!(g.files),
                    Some(_) => serde_json::Value::Array(
                        g.files
                            .iter()
                            .map(|file| {
                                let c = commit(file).map(|(h, a, d)| serde_json::json!({"hash": h, "author": a, "date": d}));
                                serde_json::json!({"file": file, "commit": c})
                            })
                            .collect(),
                    ),
                };
                groups.insert(g.name.to_string(), files);
            }
            let v = serde_json::json!({"year": figs.year_id(), "figure": id, "value": f, "files": groups});
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            );
        }
        Format::Csv => {
            let mut w = crate::format::Csv::new();
            if commits.is_some() {
                w.row([
                    "year", "figure", "group", "file", "commit", "author", "date",
                ]);
            } else {
                w.row(["year", "figure", "group", "file"]);
            }
            for g in &f.files {
                for file in &g.files {
                    let mut rec = vec![
                        figs.year_id(),
                        id.to_string(),
                        g.name.to_string(),
                        file.clone(),
                    ];
                    if commits.is_some() {
                        let (h, a, d) = commit(file).unwrap_or_default();
                        rec.extend([h, a, d]);
                    }
                    w.row(&rec);
                }
            }
            out.push_str(&w.finish());
        }
        Format::Human => {
            let _ = writeln!(
                out,
                "{} ({}), {}: {}",
                f.label(),
                id,
                figs.year_id(),
                main_text(f)
            );
            for g in &f.files {
                let n = g.files.len();
                let _ = writeln!(
                    out,
                    "\n{}: {n} file{}",
                    g.name,
                    if n == 1 { "" } else { "s" }
                );
                for file in &g.files {
                    match commit(file) {
                        Some((h, a, d)) => {
                            let _ = writeln!(out, "  {file}  ({h} {a}, {d})");
                        }
                        None => {
                            let _ = writeln!(out, "  {file}");
                        }
                    }
                }
            }
        }
    }
    out
}

fn main_text(f: &Figure) -> String {
    match f.rate {
        Some(r) => format!(
            "{} ({} of {})",
            f.value.display(),
            r.numerator,
            r.denominator
        ),
        None => f.value.display(),
    }
}

// ------------------------------------------------------------------ csv

/// One row per figure and breakdown, for every year of the trend (the
/// selected year first): `year,figure,breakdown,value,numerator,denominator`.
pub fn csv(figs: &Figures) -> String {
    let mut w = crate::format::Csv::new();
    w.row([
        "year",
        "figure",
        "breakdown",
        "value",
        "numerator",
        "denominator",
    ]);
    let mut years: Vec<(String, Vec<Figure>)> = vec![(
        figs.year_id(),
        figs.figures
            .iter()
            .filter(|f| f.id != "trend")
            .cloned()
            .collect(),
    )];
    if let Some(t) = figs.get("trend") {
        for (y, v) in t.by.0.iter().rev() {
            if let By::Figures(fs) = v
                && *y != figs.year_id()
            {
                years.push((y.clone(), fs.clone()));
            }
        }
    }
    for (y, fs) in &years {
        for f in fs {
            let (n, d) = f
                .rate
                .map(|r| (r.numerator.to_string(), r.denominator.to_string()))
                .unwrap_or_default();
            w.row([y.as_str(), f.id, "", &csv_value(&f.value), &n, &d]);
            let mut rows = Vec::new();
            leaves(&f.by, String::new(), &mut rows);
            for (path, v, n, d) in rows {
                w.row([y.as_str(), f.id, &path, &v, &n, &d]);
            }
        }
    }
    w.finish()
}

fn csv_value(v: &Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Percent(Some(p)) => p.to_string(),
        Value::Number(Some(x)) => stats::figure::fmt_num(*x),
        _ => String::new(),
    }
}

/// (path, value, numerator, denominator) for every leaf of a breakdown.
fn leaves(by: &ByMap, prefix: String, out: &mut Vec<(String, String, String, String)>) {
    for (k, v) in by.iter() {
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}/{k}")
        };
        match v {
            By::Count(n) => out.push((path, n.to_string(), String::new(), String::new())),
            By::Rate(r) => out.push((
                path,
                r.percent().map(|p| p.to_string()).unwrap_or_default(),
                r.numerator.to_string(),
                r.denominator.to_string(),
            )),
            By::Number(x) => out.push((
                path,
                x.map(stats::figure::fmt_num).unwrap_or_default(),
                String::new(),
                String::new(),
            )),
            By::Map(m) => leaves(m, path, out),
            By::Figures(_) => {}
        }
    }
}

// ------------------------------------------------------------------ human

/// A breakdown entry as one value: counts, rates, numbers, and a nested
/// table's total.
fn scalar(v: &By) -> Option<(Value, Option<(u64, u64)>)> {
    match v {
        By::Count(n) => Some((Value::Count(*n), None)),
        By::Rate(r) => Some((
            Value::Percent(r.percent()),
            Some((r.numerator, r.denominator)),
        )),
        By::Number(x) => Some((Value::Number(*x), None)),
        By::Map(m) => match m.get("total")? {
            By::Count(n) => Some((Value::Count(*n), None)),
            By::Map(t) => t.get("total")?.count().map(|n| (Value::Count(n), None)),
            _ => None,
        },
        By::Figures(_) => None,
    }
}

fn shown(v: &Value, nd: Option<(u64, u64)>) -> String {
    match nd {
        Some((0, 0)) => "-".into(),
        Some((n, d)) => format!("{} ({n}/{d})", v.display()),
        None => v.display(),
    }
}

/// "↑ 12", "↓ 3 pts", "=" or "".
pub fn change(this: &Value, last: Option<&Value>) -> String {
    let Some(last) = last else {
        return String::new();
    };
    let (Some(a), Some(b)) = (this.as_f64(), last.as_f64()) else {
        return String::new();
    };
    let d = a - b;
    if d.abs() < 1e-9 {
        return "=".into();
    }
    let arrow = if d > 0.0 { "↑" } else { "↓" };
    let mag = stats::figure::fmt_num(stats::figure::round1(d.abs()));
    match this {
        Value::Percent(_) => format!("{arrow} {mag} pts"),
        _ => format!("{arrow} {mag}"),
    }
}

/// The terminal table: figure, this year, last year, change. Breakdown lines
/// with nothing in either year are left out.
pub fn human(figs: &Figures, service: &str, color: bool) -> String {
    let (bold, dim, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let y = figs.year;
    let prev_id = y.prev().id();
    let last: Option<&[Figure]> = figs.trend_year(&prev_id);
    let mut rows: Vec<[String; 5]> = Vec::new();
    for f in figs.figures.iter().filter(|f| f.id != "trend") {
        let lf = last.and_then(|l| l.iter().find(|x| x.id == f.id));
        let nd = f.rate.map(|r| (r.numerator, r.denominator));
        let lnd = lf.and_then(|l| l.rate.map(|r| (r.numerator, r.denominator)));
        rows.push([
            f.label().to_string(),
            shown(&f.value, nd),
            lf.map(|l| shown(&l.value, lnd)).unwrap_or_default(),
            change(&f.value, lf.map(|l| &l.value)),
            f.id.to_string(),
        ]);
        sub_rows(&f.by, lf.map(|l| &l.by), 1, &mut rows);
    }
    let w: Vec<usize> = (0..4)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let head = [
        "figure".to_string(),
        y.id(),
        prev_id.clone(),
        "change".into(),
    ];
    let w: Vec<usize> = w
        .iter()
        .zip(&head)
        .map(|(a, h)| (*a).max(h.chars().count()))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{bold}{service}: annual report figures {}{reset} ({})",
        y.id(),
        y.span_words()
    );
    if y.complete() {
        let _ = writeln!(out, "{dim}as of {}{reset}\n", y.as_of);
    } else {
        let _ = writeln!(
            out,
            "{dim}as of {}: the year is not over; counted to this date{reset}\n",
            y.as_of
        );
    }
    let pad = |s: &str, n: usize| format!("{s}{}", " ".repeat(n.saturating_sub(s.chars().count())));
    let lpad =
        |s: &str, n: usize| format!("{}{s}", " ".repeat(n.saturating_sub(s.chars().count())));
    let _ = writeln!(
        out,
        "{bold}{}  {}  {}  {}{reset}",
        pad(&head[0], w[0]),
        lpad(&head[1], w[1]),
        lpad(&head[2], w[2]),
        head[3]
    );
    for r in &rows {
        let id = if r[4].is_empty() {
            String::new()
        } else {
            format!("  {dim}{}{reset}", r[4])
        };
        let line = format!(
            "{}  {}  {}  {}{id}",
            pad(&r[0], w[0]),
            lpad(&r[1], w[1]),
            lpad(&r[2], w[2]),
            pad(&r[3], w[3])
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if let Some(t) = figs.get("trend") {
        let ids: Vec<&String> = t.by.iter().map(|(k, _)| k).collect();
        if let (Some(a), Some(b)) = (ids.first(), ids.last()) {
            let _ = writeln!(
                out,
                "\n{dim}trend: {} year{} ({a} to {b}); --format json or csv gives every year{reset}",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" }
            );
        }
    }
    let _ = writeln!(
        out,
        "{dim}Not disclosure-controlled: small numbers are shown. Publish through `iro build`.{reset}"
    );
    out
}

fn sub_rows(by: &ByMap, last: Option<&ByMap>, depth: usize, rows: &mut Vec<[String; 5]>) {
    for (k, v) in by.iter() {
        let lv = last.and_then(|l| l.get(k));
        let indent = "  ".repeat(depth);
        match scalar(v) {
            Some((val, nd)) => {
                let lval = lv.and_then(scalar);
                // Nothing this year or last: leave the line out.
                let nothing = |x: &Value| {
                    matches!(
                        x,
                        Value::Count(0) | Value::Percent(None) | Value::Number(None)
                    )
                };
                if nothing(&val) && lval.as_ref().is_none_or(|(l, _)| nothing(l)) {
                    continue;
                }
                rows.push([
                    format!("{indent}{k}"),
                    shown(&val, nd),
                    lval.map(|(l, lnd)| shown(&l, lnd)).unwrap_or_default(),
                    change(&val, lval.as_ref().map(|(l, _)| l)),
                    String::new(),
                ]);
            }
            None => {
                // A nested breakdown without a total: one more level, scalars only.
                if let (By::Map(m), 1) = (v, depth)
                    && m.iter().any(|(_, x)| scalar(x).is_some())
                {
                    rows.push([
                        format!("{indent}{k}"),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ]);
                    sub_rows(m, lv.and_then(By::map), depth + 1, rows);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::figure::{FileGroup, Rate};

    fn figs() -> Figures {
        let mut f = Figure::rate("reviews.on_time", Rate::new(1, 8)).by(ByMap::new()
            .with("=1+2", By::Count(3))
            .with("north", By::Count(5)));
        f.files = vec![FileGroup {
            name: "numerator",
            files: vec!["children/C1/reviews/2025-05-01.md".into()],
        }];
        Figures {
            year: stats::year::Year::parse("2025-26", (4, 1)).expect("year"),
            figures: vec![f, Figure::number("drp.days", Some(-3.0))],
        }
    }

    #[test]
    fn the_figures_csv_neutralises_labels_and_keeps_numbers() {
        let text = csv(&figs());
        assert!(
            text.contains("2025-26,reviews.on_time,'=1+2,3,,\n"),
            "{text}"
        );
        assert!(text.contains("2025-26,drp.days,,-3,,\n"), "{text}");
    }

    #[test]
    fn the_explain_csv_neutralises_commit_authors() {
        let mut commits = Commits::new();
        commits.insert(
            "children/C1/reviews/2025-05-01.md".into(),
            ("abc123".into(), "@SUM(A1:A9)".into(), "2025-05-02".into()),
        );
        let text = explain_with(&figs(), "reviews.on_time", Format::Csv, Some(&commits));
        assert!(text.contains(",abc123,'@SUM(A1:A9),2025-05-02\n"), "{text}");
    }
}
