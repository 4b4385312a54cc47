//! Figures as tables, ready for disclosure control (`disclosure::suppress`)
//! and publishing: the theme x service tables of alerts and good practice
//! notifications, and the one-level breakdowns (counts and rates).

use super::disclosure::{Cell, Derived, Table};
use super::figure::{By, Figure};
use super::year::Half;
use crate::records::Config;

/// The theme x service table of `alerts.by_theme` or `good_practice` for the
/// year (`None`) or one half-year: theme rows (labels from `iro.toml`) and a
/// total row, service columns and a total column.
pub fn theme_table(fig: &Figure, cfg: &Config, half: Option<Half>) -> Option<Table> {
    let by = match half {
        None => &fig.by,
        Some(h) => fig.by.get(h.key())?.map()?,
    };
    let themes = if fig.id == "good_practice" {
        &cfg.themes.good_practice
    } else {
        &cfg.themes.alert
    };
    let total = by.get("total")?.map()?;
    let cols: Vec<String> = total.iter().map(|(k, _)| k.clone()).collect();
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    for (k, v) in by
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "H1" | "H2"))
    {
        let Some(m) = v.map() else { continue };
        let label = if k == "total" {
            "Total".to_string()
        } else {
            themes.get(k).cloned().unwrap_or_else(|| k.clone())
        };
        rows.push(label);
        cells.push(
            cols.iter()
                .map(|c| Cell::Count(m.get(c).and_then(By::count).unwrap_or(0)))
                .collect(),
        );
    }
    let col_labels = cols
        .iter()
        .map(|c| {
            if c == "total" {
                "Total".to_string()
            } else {
                cfg.services.get(c).cloned().unwrap_or_else(|| c.clone())
            }
        })
        .collect();
    let what = if fig.id == "good_practice" {
        "Good practice notifications"
    } else {
        "Practice alerts"
    };
    let when = match half {
        None => String::new(),
        Some(Half::H1) => " (first half of the year)".into(),
        Some(Half::H2) => " (second half of the year)".into(),
    };
    Some(Table {
        title: format!("{what} by theme and service{when}"),
        row_header: "Theme".into(),
        rows,
        cols: col_labels,
        cells,
        total_row: true,
        total_col: true,
        derived: vec![],
    })
}

/// A one-level breakdown as a table: counts (one column and a total row when
/// the parts add up to the figure) or rates (numerator, denominator and %
/// columns with a total row). `None` for figures that are not tables
/// (caseloads, days, the trend).
pub fn table(fig: &Figure, cfg: &Config) -> Option<Table> {
    if matches!(fig.id, "alerts.by_theme" | "good_practice") {
        return theme_table(fig, cfg, None);
    }
    let entries: Vec<&(String, By)> = fig.by.iter().collect();
    if entries.is_empty() {
        return None;
    }
    if let Some(total) = fig.rate {
        if entries.iter().all(|(_, v)| v.rate().is_some()) {
            let (nl, dl) = if fig.id == "consultations" {
                ("Returned", "Sent")
            } else {
                ("Yes", "Of")
            };
            let mut rows: Vec<String> = Vec::new();
            let mut cells = Vec::new();
            for (k, v) in &entries {
                let r = v.rate()?;
                rows.push(k.clone());
                cells.push(vec![
                    Cell::Count(r.numerator),
                    Cell::Count(r.denominator),
                    Cell::percent(r.numerator, r.denominator),
                ]);
            }
            rows.push("Total".into());
            cells.push(vec![
                Cell::Count(total.numerator),
                Cell::Count(total.denominator),
                Cell::percent(total.numerator, total.denominator),
            ]);
            return Some(Table {
                title: fig.label().to_string(),
                row_header: String::new(),
                rows,
                cols: vec![nl.into(), dl.into(), "%".into()],
                cells,
                total_row: true,
                total_col: false,
                derived: vec![Derived {
                    col: 2,
                    num: Some(0),
                    den: Some(1),
                }],
            });
        }
        return None;
    }
    if entries.iter().all(|(_, v)| v.count().is_some()) {
        let mut rows: Vec<String> = entries.iter().map(|(k, _)| k.clone()).collect();
        let mut cells: Vec<Vec<Cell>> = entries
            .iter()
            .map(|(_, v)| vec![Cell::Count(v.count().unwrap_or(0))])
            .collect();
        let sum: u64 = entries.iter().filter_map(|(_, v)| v.count()).sum();
        let adds_up = matches!(fig.value, super::figure::Value::Count(n) if n == sum);
        if adds_up {
            rows.push("Total".into());
            cells.push(vec![Cell::Count(sum)]);
        }
        return Some(Table {
            title: fig.label().to_string(),
            row_header: String::new(),
            rows,
            cols: vec!["Number".into()],
            cells,
            total_row: adds_up,
            total_col: false,
            derived: vec![],
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::disclosure::suppress;
    use crate::stats::figure::{ByMap, Rate};

    fn cfg() -> Config {
        toml::from_str("[service]\nname = \"S\"\n[services]\na = \"Team A\"\nb = \"Team B\"\n[themes.alert]\nx = \"Drift\"\n").expect("config")
    }

    #[test]
    fn rate_table_with_totals_and_suppression() {
        let f = Figure::rate("consultations", Rate::new(13, 90)).by(ByMap::new()
            .with("child", By::Rate(Rate::new(3, 40)))
            .with("parent", By::Rate(Rate::new(10, 50))));
        let t = table(&f, &cfg()).expect("a table");
        assert_eq!(t.rows, ["child", "parent", "Total"]);
        assert_eq!(
            t.cells[2],
            vec![Cell::Count(13), Cell::Count(90), Cell::percent(13, 90)]
        );
        let p = suppress(&t, 6);
        assert_eq!(p.text(0, 0), "[c]");
        assert_eq!(p.text(0, 2), "[c]");
        assert_eq!(p.text(1, 0), "[c]"); // would give the 3 away from the total
        assert_eq!(p.text(2, 0), "13");
    }

    #[test]
    fn theme_table_shape() {
        let row = |a: u64, b: u64| {
            By::Map(
                ByMap::new()
                    .with("a", By::Count(a))
                    .with("b", By::Count(b))
                    .with("total", By::Count(a + b)),
            )
        };
        let f = Figure::count("alerts.by_theme", 9)
            .by(ByMap::new().with("x", row(2, 7)).with("total", row(2, 7)));
        let t = theme_table(&f, &cfg(), None).expect("table");
        assert_eq!(t.rows, ["Drift", "Total"]);
        assert_eq!(t.cols, ["Team A", "Team B", "Total"]);
        assert_eq!(
            t.cells[0],
            vec![Cell::Count(2), Cell::Count(7), Cell::Count(9)]
        );
        assert!(t.total_row && t.total_col);
    }
}
