//! `iro due`: the weekly list.

use crate::cli::{DueArgs, Format};
use crate::due::{Item, list};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

/// Run `iro due`.
pub fn run(root: Option<PathBuf>, args: &DueArgs) -> i32 {
    let (_root, repo) = match super::load_for(root, "the list") {
        Ok(x) => x,
        Err(code) => return code,
    };
    if let Some(i) = &args.iro
        && !repo.iros.contains_key(i)
    {
        eprintln!("error: no IRO `{i}` (the ids are the files in iros/)");
        return 2;
    }
    let as_of = args
        .as_of
        .or(repo.config.check.as_of)
        .unwrap_or_else(super::today);
    let cal = crate::model::calendar(&repo);
    let facts = crate::rules::all_facts(&repo, &cal, as_of);
    let mut items = list(&repo, &facts, &cal, as_of, args.days);
    if let Some(i) = &args.iro {
        items.retain(|it| it.iro.as_deref() == Some(i.as_str()));
    }
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        ),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            let _ = w.write_record([
                "due",
                "working_days",
                "what",
                "detail",
                "rule",
                "child",
                "iro",
                "booked",
                "file",
            ]);
            for it in &items {
                let _ = w.write_record([
                    it.due.to_string(),
                    it.working_days.to_string(),
                    it.what.label().to_string(),
                    it.detail.clone(),
                    it.rule.to_string(),
                    it.child.clone(),
                    it.iro.clone().unwrap_or_default(),
                    it.booked.map(|b| b.to_string()).unwrap_or_default(),
                    it.file.clone(),
                ]);
            }
            let _ = w.flush();
        }
        Format::Human => print!(
            "{}",
            human(
                &repo,
                &items,
                as_of,
                args.days,
                super::color_stdout(),
                args.iro.is_some()
            )
        ),
    }
    0
}

fn when(it: &Item) -> String {
    match it.working_days {
        n if n < -1 => format!("{} working days overdue", -n),
        -1 => "1 working day overdue".into(),
        0 => "due today".into(),
        1 => "in 1 working day".into(),
        n => format!("in {n} working days"),
    }
}

/// The terminal view: per IRO, overdue first, then due soon.
pub fn human(
    repo: &crate::records::Repo,
    items: &[Item],
    as_of: chrono::NaiveDate,
    days: u32,
    color: bool,
    one_iro: bool,
) -> String {
    let (red, bold, dim, reset) = if color {
        ("\x1b[31m", "\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let mut out = String::new();
    let mut by_iro: BTreeMap<Option<&str>, Vec<&Item>> = BTreeMap::new();
    for it in items {
        by_iro.entry(it.iro.as_deref()).or_default().push(it);
    }
    let overdue = items.iter().filter(|i| i.overdue()).count();
    let _ = writeln!(
        out,
        "{bold}Due as of {} ({}), next {days} working days{reset}: {} items, {overdue} overdue",
        as_of,
        as_of.format("%A"),
        items.len()
    );
    if items.is_empty() {
        let _ = writeln!(out, "Nothing due. ");
        return out;
    }
    for (iro, list) in by_iro {
        let name = iro
            .and_then(|i| repo.iros.get(i))
            .map(|i| i.rec.name.value.as_str())
            .unwrap_or("no IRO allocated");
        if !one_iro || by_iro_len_gt1(items) {
            let _ = writeln!(
                out,
                "\n{bold}{name}{reset} {dim}({}){reset}",
                iro.unwrap_or("-")
            );
        } else {
            let _ = writeln!(out, "\n{bold}{name}{reset}");
        }
        for it in list {
            let mark = if it.overdue() {
                format!("{red}!{reset}")
            } else {
                " ".into()
            };
            let booked = it
                .booked
                .map(|b| format!("  {dim}booked {b}{reset}"))
                .unwrap_or_default();
            let w = when(it);
            let w = if it.overdue() {
                format!("{red}{w:<24}{reset}")
            } else {
                format!("{w:<24}")
            };
            let _ = writeln!(
                out,
                " {mark} {} {}  {w} {:<7} {:<16} {:<28} {dim}[{}]{reset}{booked}",
                it.due,
                it.due.format("%a"),
                it.child,
                it.what.label(),
                it.detail,
                it.rule
            );
        }
    }
    out
}

fn by_iro_len_gt1(items: &[Item]) -> bool {
    let first = items.first().map(|i| i.iro.as_deref());
    items.iter().any(|i| Some(i.iro.as_deref()) != first)
}
