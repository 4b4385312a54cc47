//! `iro letters`: letters to children (and invite pages and IRO cards) as
//! HTML and tagged PDF, written in parallel, only under the private output
//! folder. Selection, data and rendering live in `crate::letters`.

use crate::cli::LettersArgs;
use crate::letters::{self, Job, Kind, LetterTheme, Selection};
use crate::typeset::PdfEngine;
use std::path::PathBuf;

/// Run `iro letters`.
pub fn run(root: Option<PathBuf>, args: &LettersArgs) -> i32 {
    let s = match super::open_for(root, args.as_of, "the letters") {
        Ok(s) => s,
        Err(code) => return code,
    };
    let fail = |e: String| {
        eprintln!("error: {e}");
        2
    };
    let configured = args
        .out
        .clone()
        .or_else(|| s.repo.config.letters.output.as_ref().map(PathBuf::from));
    // Letters hold children's details: never into the public site.
    let out = match s.private_dir(configured.as_deref(), "private/letters") {
        Ok(o) => o,
        Err(e) => return fail(e.replace("this output holds", "letters hold")),
    };
    let year = match args.year.as_deref().map(|y| s.year(Some(y))).transpose() {
        Ok(y) => y,
        Err(e) => return fail(e),
    };
    let kind = if args.cards {
        Kind::Cards
    } else if args.invite {
        Kind::Invites
    } else {
        Kind::Letters
    };
    let sel = Selection {
        kind,
        reviews: args.reviews.clone(),
        children: args.child.clone(),
        iro: args.iro.clone(),
        from: args.from,
        to: args.to,
        year,
        all: args.all,
    };
    let an = s.analysis();
    let jobs = match letters::select::select(&s.root, &s.repo, &an, &sel) {
        Ok(j) if j.is_empty() => {
            eprintln!(
                "nothing to write: {}",
                match kind {
                    Kind::Invites =>
                        "no review is due for these children (they may have left care)",
                    Kind::Cards => "no IRO in post",
                    Kind::Letters => "no review matches (see iro letters --help)",
                }
            );
            return 2;
        }
        Ok(j) => j,
        Err(e) => return fail(e),
    };
    let theme = match s.theme() {
        Ok(t) => t,
        Err(e) => return fail(e.to_string()),
    };
    let letter_theme = match LetterTheme::from_theme(&theme) {
        Ok(t) => t,
        Err(e) => return fail(e.to_string()),
    };
    let engine = (!args.html_only).then(|| PdfEngine::for_theme(&theme));
    let started = std::time::Instant::now();
    let bar = indicatif::ProgressBar::new(jobs.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} writing {pos}/{len} {wide_bar} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let errors = letters::write_all(&letter_theme, engine.as_ref(), &jobs, &out, &|| bar.inc(1));
    bar.finish_and_clear();
    for e in &errors {
        eprintln!("error: {e}");
    }
    let done = jobs.len() - errors.len();
    let formats = if args.html_only {
        "HTML"
    } else {
        "HTML and PDF"
    };
    println!(
        "wrote {done} {} ({formats}) to {} in {:.1} s",
        if done == 1 { kind.word() } else { kind.words() },
        super::shown(&s.root, &out),
        started.elapsed().as_secs_f64()
    );
    report_findings(&jobs);
    if errors.is_empty() { 0 } else { 1 }
}

fn report_findings(jobs: &[Job]) {
    let flagged: Vec<&Job> = jobs.iter().filter(|j| j.findings > 0).collect();
    if flagged.is_empty() {
        return;
    }
    println!(
        "{} plain-language findings (jargon, acronyms, reading ease); `iro check --child ID --notes` lists them:",
        crate::diag::plural(flagged.len(), "letter has", "letters have")
    );
    for j in flagged.iter().take(10) {
        println!(
            "  {} ({})",
            j.stem,
            crate::diag::plural(j.findings, "finding", "findings")
        );
    }
    if flagged.len() > 10 {
        println!("  ... and {} more", flagged.len() - 10);
    }
}
