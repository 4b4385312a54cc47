//! `iro export ssda903` and `iro import ssda903`: flags -> `ssda903`.

use crate::cli::{ExportCommand, ImportCommand};
use crate::diag::Severity;
use crate::ssda903::{CollectionYear, TABLES, export, import};
use chrono::Datelike;
use std::path::PathBuf;

/// Run `iro export ...`.
pub fn export(root: Option<PathBuf>, cmd: ExportCommand) -> i32 {
    let ExportCommand::Ssda903 { year, out, as_of } = cmd;
    let s = match super::open_for(root, as_of, "the return") {
        Ok(s) => s,
        Err(code) => return code,
    };
    let errors = s
        .load_diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        eprintln!(
            "error: {} not load, so the return would leave children out; `iro check` lists them",
            crate::diag::plural(errors, "record file did", "record files did")
        );
        return 1;
    }
    // A value not in its format never reaches the return (the writer would
    // neutralise one that looked like a formula, but the DfE would refuse it).
    let bad = crate::load::validate::ssda903_formats(&s.repo).len();
    if bad > 0 {
        eprintln!(
            "error: {} not in the format the return needs; `iro check` lists them",
            crate::diag::plural(
                bad,
                "UPN, postcode or URN is",
                "UPNs, postcodes or URNs are"
            )
        );
        return 1;
    }
    let y = match crate::stats::year::Year::parse(&year, (4, 1)) {
        Ok(y) => CollectionYear {
            first: y.start.year(),
        },
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if y.start() > s.as_of {
        eprintln!(
            "error: the collection year {} starts after the check date {}",
            y.id(),
            s.as_of
        );
        return 2;
    }
    let default = format!("private/ssda903/{}", y.id());
    let dest = match s.private_dir(out.as_deref(), &default) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    // The folder is replaced whole: never one holding anything but a return.
    if let Ok(rd) = std::fs::read_dir(&dest) {
        let foreign: Vec<String> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !TABLES.iter().any(|(t, _)| t == n))
            .collect();
        if !foreign.is_empty() {
            eprintln!(
                "error: {} holds other files ({}); choose an empty folder with --out",
                dest.display(),
                foreign.join(", ")
            );
            return 2;
        }
    }
    let t = export::export(&s.repo, &s.analysis(), y);
    let stage = match crate::out::Stage::new(&dest) {
        Ok(st) => st,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    for (name, _) in TABLES {
        if let Err(e) = stage.write(name, t.csv(name).as_bytes()) {
            eprintln!("error: {e}");
            return 2;
        }
    }
    if let Err(e) = stage.commit() {
        eprintln!("error: {e}");
        return 2;
    }
    println!(
        "SSDA903 {}: {} children, {} episodes, {} reviews written to {}",
        y.id(),
        t.header.len(),
        t.episodes.len(),
        t.reviews.len(),
        super::shown(&s.root, &dest)
    );
    0
}

/// Run `iro import ...`.
pub fn import(root: Option<PathBuf>, cmd: ImportCommand) -> i32 {
    let ImportCommand::Ssda903 { dir } = cmd;
    let root = match super::root_dir(root) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {}", e.0);
            return 2;
        }
    };
    let plan = import::plan(&root, &dir, crate::session::today());
    if !plan.problems.is_empty() {
        let opts = crate::diag::render::HumanOptions {
            color: super::color_stderr(),
            show_info: false,
        };
        let mut ds = plan.problems.clone();
        ds.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        eprint!(
            "{}",
            crate::diag::render::human(&plan.sources, &ds, plan.sources.len(), &opts)
        );
        eprintln!("not imported: nothing was written");
        return 1;
    }
    if let Err(e) = import::write(&root, &plan) {
        eprintln!("error: {e}");
        return 2;
    }
    if plan.new.is_empty() {
        println!(
            "nothing to import: the {} children and {} reviews are in the records already",
            plan.children, plan.reviews
        );
    } else {
        println!(
            "imported {} children and {} reviews: {} new files ({} already there). Next: write each child's name in place of the id, then `iro check`.",
            plan.children,
            plan.reviews,
            plan.new.len(),
            plan.unchanged
        );
    }
    0
}
