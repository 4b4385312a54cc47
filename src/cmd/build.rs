//! `iro build`: the annual report site and PDFs, built in memory, checked
//! by the publish guard, then staged and swapped into the output folder.

use crate::cli::BuildArgs;
use crate::diag::render;
use crate::session::{OpenError, Session};
use crate::typeset::PdfEngine;
use std::path::{Path, PathBuf};

/// The file that marks a folder as a site iro built (so a build never
/// replaces a folder it did not make, and nothing private is written in it).
pub const MARKER: &str = crate::out::SITE_MARKER;

/// Run `iro build`.
pub fn run(root: Option<PathBuf>, args: &BuildArgs) -> i32 {
    let started = std::time::Instant::now();
    let s = match Session::open(root.as_deref(), args.as_of) {
        Ok(s) => s,
        Err(OpenError::NoRoot(m)) => {
            eprintln!("error: {m}");
            return 2;
        }
        Err(OpenError::Config(f)) => {
            eprint!("{}", render::human(&f.sources, &f.diags, 1, &opts()));
            return 2;
        }
    };
    let fail = |m: String| {
        eprintln!("error: {m}");
        2
    };
    let year = match &args.year {
        Some(y) => match s.year(Some(y)) {
            Ok(y) => y,
            Err(e) => return fail(e),
        },
        None => crate::site::default_year(&s),
    };
    let dest = match &args.out {
        Some(o) => s.path(o),
        None => s.root.join("public"),
    };
    if let Err(e) = check_dest(&s.root, &dest, &private_dirs(&s)) {
        return fail(e);
    }
    let theme = match s.theme() {
        Ok(t) => t,
        Err(e) => {
            let d = vec![crate::site::theme_diag(e)];
            eprint!("{}", render::human(&s.repo.sources, &d, 1, &opts()));
            return fail("the site was not built; the output folder is as it was".into());
        }
    };
    let spinner = super::spinner("building the report");
    let an = s.analysis();
    let engine = (!args.no_pdf).then(|| PdfEngine::for_theme(&theme));
    let built = crate::site::build(&s, &an, &theme, engine.as_ref(), year);
    spinner.finish_and_clear();
    let built = match built {
        Ok(b) => b,
        Err(diags) => {
            eprint!(
                "{}",
                render::human(&s.repo.sources, &diags, s.repo.files, &opts())
            );
            eprintln!("error: the site was not built; the output folder is as it was");
            return 1;
        }
    };
    let stage = match crate::out::Stage::new(&dest) {
        Ok(st) => st,
        Err(e) => return fail(e),
    };
    for (p, b) in &built.files {
        if let Err(e) = stage.write(p, b) {
            return fail(e);
        }
    }
    if let Err(e) = stage
        .write(MARKER, b"Built by iro build; replaced by the next build.\n")
        .and_then(|_| stage.commit())
    {
        return fail(e);
    }
    let shown = dest
        .strip_prefix(&s.root)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| dest.display().to_string());
    println!(
        "built the {} report into {shown}/: {} over {}, {}, in {:.1} s",
        built.year,
        crate::diag::plural(built.pages, "page", "pages"),
        crate::diag::plural(built.years.len(), "year", "years"),
        crate::diag::plural(built.pdfs, "PDF", "PDFs"),
        started.elapsed().as_secs_f64()
    );
    println!(
        "children's page: reading ease {:.0} over {} words (plain enough for ages 8 to 12)",
        built.children_reading_ease, built.children_words
    );
    0
}

fn opts() -> render::HumanOptions {
    render::HumanOptions {
        color: false,
        show_info: false,
    }
}

/// The folders that hold children's details: `private/` and the letters'
/// output (`[letters] output`), as configured (resolved by `check_dest`).
fn private_dirs(s: &Session) -> Vec<(String, PathBuf)> {
    let mut v = vec![("private/".to_string(), s.root.join("private"))];
    if let Some(o) = &s.repo.config.letters.output {
        v.push((
            format!("[letters] output `{o}`"),
            s.path(Path::new(o.as_str())),
        ));
    }
    v
}

/// The output folder may not hold or be the records, nor hold or sit in a
/// folder of children's details (`private`: named, path), symbolic links
/// resolved; an existing folder is replaced only when an earlier build
/// made it.
fn check_dest(root: &Path, dest: &Path, private: &[(String, PathBuf)]) -> Result<(), String> {
    if dest
        .components()
        .any(|c| c == std::path::Component::ParentDir)
    {
        return Err("the output folder cannot use `..`".into());
    }
    let real = crate::out::resolve(dest)?;
    let root = crate::out::resolve(root)?;
    if root.starts_with(&real) {
        return Err("the output folder cannot be the records folder or hold it".into());
    }
    for inside in ["children", "iros", "report", "themes"] {
        if real.starts_with(crate::out::resolve(&root.join(inside))?) {
            return Err(format!("the output folder cannot be inside {inside}/"));
        }
    }
    for (name, p) in private {
        let p = crate::out::resolve(p)?;
        if real.starts_with(&p) {
            return Err(format!(
                "the output folder cannot be inside {name}, nor where it links to: it holds children's details"
            ));
        }
        if p.starts_with(&real) {
            return Err(format!(
                "the output folder would hold {name}, which holds children's details, and publish it: choose another --out (or move the letters' output)"
            ));
        }
    }
    if dest.exists() {
        let empty = std::fs::read_dir(dest)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !dest.join(MARKER).exists() {
            return Err(format!(
                "{} is not empty and was not made by iro build; choose an empty folder with --out",
                dest.display()
            ));
        }
    }
    Ok(())
}
