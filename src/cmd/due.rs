//! `iro due`: the weekly list.

use crate::cli::{DueArgs, Format};
use std::path::PathBuf;

/// Run `iro due`.
pub fn run(root: Option<PathBuf>, args: &DueArgs) -> i32 {
    let s = match super::open_for(root, args.as_of, "the list") {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Some(i) = &args.iro
        && !s.repo.iros.contains_key(i)
    {
        eprintln!("error: no IRO `{i}` (the ids are the files in iros/)");
        return 2;
    }
    let an = s.analysis();
    let mut items = crate::due::list(&s.repo, &an.facts, &an.cal, s.as_of, args.days);
    if let Some(i) = &args.iro {
        items.retain(|it| it.iro.as_deref() == Some(i.as_str()));
    }
    let text = match args.format {
        Format::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        ),
        Format::Csv => crate::due::csv(&items),
        Format::Human => crate::due::human(
            &s.repo,
            &items,
            s.as_of,
            args.days,
            super::color_stdout(),
            args.iro.is_some(),
        ),
    };
    super::print(&text);
    0
}
