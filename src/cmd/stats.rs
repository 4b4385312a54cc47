//! `iro stats`: the annual report figures for a reporting year, compared with
//! the year before, as a terminal table, JSON or CSV; `--explain ID` lists the
//! record files behind one figure.

use crate::cli::StatsArgs;
use crate::format::Format;
use crate::stats::{self, text};
use std::path::PathBuf;

/// Run `iro stats`.
pub fn run(root: Option<PathBuf>, args: &StatsArgs) -> i32 {
    let s = match super::open_for(root, args.as_of, "the figures") {
        Ok(s) => s,
        Err(code) => return code,
    };
    let year = match s.year(args.year.as_deref()) {
        Ok(y) => y,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if let Some(id) = &args.explain
        && !stats::IDS.iter().any(|(i, _)| i == id)
    {
        let ids: Vec<&str> = stats::IDS.iter().map(|(i, _)| *i).collect();
        eprintln!("error: no figure `{id}`; the ids are: {}", ids.join(", "));
        return 2;
    }
    let an = s.analysis();
    let figs = stats::compute(&s.repo, &an.facts, &an.cal, &year);
    let name = s.repo.config.service.display_name();
    let format: Format = args.format.into();
    let commits = if args.git && args.explain.is_some() {
        match crate::git::last_commits(&s.root) {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        }
    } else {
        None
    };
    let out = match (&args.explain, format) {
        (Some(id), f) => text::explain_with(&figs, id, f, commits.as_ref()),
        (None, Format::Json) => format!("{}\n", figs.to_json()),
        (None, Format::Csv) => text::csv(&figs),
        (None, Format::Human) => text::human(&figs, name, super::color_stdout()),
    };
    super::print(&out);
    0
}
