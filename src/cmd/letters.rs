//! `iro letters`: write letters to children (and invite pages and IRO cards)
//! as HTML and tagged PDF, in parallel, only under the private output folder.

use crate::letters;
use crate::pdf::PdfEngine;
use crate::records::Repo;
use crate::render_letter::Theme;
use chrono::NaiveDate;
use clap::Args;
use rayon::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `iro letters`.
#[derive(Debug, Args)]
#[command(
    after_help = "Letters are written to private/letters/<child>/<date>.html and .pdf (never into public/).\n\nExamples:\n  iro letters children/C0042/reviews/2025-05-04.md   # one review\n  iro letters --child C0042                           # the child's latest review\n  iro letters --iro pshah --from 2026-03-01 --to 2026-03-31\n  iro letters --year 2025-26                          # every review of a reporting year\n  iro letters --invite --child C0042                  # the invite page for the next review\n  iro letters --cards                                 # every IRO's introduction card"
)]
pub struct LettersArgs {
    /// Review files (children/<id>/reviews/<date>.md).
    pub reviews: Vec<PathBuf>,
    /// The latest review of these children (or, with --invite, their next one).
    #[arg(long, value_name = "ID")]
    pub child: Vec<String>,
    /// Reviews chaired by this IRO (with --from/--to, default the last 30 days).
    #[arg(long, value_name = "ID")]
    pub iro: Option<String>,
    /// First review date to include.
    #[arg(long, value_parser = crate::cli::parse_date)]
    pub from: Option<NaiveDate>,
    /// Last review date to include.
    #[arg(long, value_parser = crate::cli::parse_date)]
    pub to: Option<NaiveDate>,
    /// Every review of a reporting year, e.g. 2025-26.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Every held review in the records.
    #[arg(long)]
    pub all: bool,
    /// Invite pages "from the child" for the next review, instead of letters.
    #[arg(long)]
    pub invite: bool,
    /// IRO introduction cards (every IRO in post, or --iro).
    #[arg(long)]
    pub cards: bool,
    /// Only HTML (no PDF).
    #[arg(long)]
    pub html_only: bool,
    /// Output folder (default [letters] output, else private/letters).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// As of this date (next reviews, IROs in post).
    #[arg(long, value_parser = crate::cli::parse_date)]
    pub as_of: Option<NaiveDate>,
}

struct Job {
    /// Output path without extension, relative to the output folder.
    stem: String,
    data: Value,
    photo: Option<Vec<u8>>,
    /// (file, plain-language findings) for letters.
    findings: usize,
}

/// Run `iro letters`.
pub fn run(root: Option<PathBuf>, args: &LettersArgs) -> i32 {
    let (root, repo) = match super::load_for(root, "the letters") {
        Ok(x) => x,
        Err(code) => return code,
    };
    let as_of = args
        .as_of
        .or(repo.config.check.as_of)
        .unwrap_or_else(super::today);
    let out = match output_dir(&root, &repo, args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let jobs = match select(&root, &repo, args, as_of) {
        Ok(j) if j.is_empty() => {
            eprintln!(
                "nothing to write: {}",
                if args.invite {
                    "no review is due for these children (they may have left care)"
                } else if args.cards {
                    "no IRO in post"
                } else {
                    "no review matches (see iro letters --help)"
                }
            );
            return 2;
        }
        Ok(j) => j,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let theme = match repo.config.service.theme.as_deref() {
        Some(name) if crate::load::valid_id(name) => Theme::load(&root.join("themes").join(name)),
        Some(_) => {
            eprintln!("error: [service] theme must be a folder name under themes/");
            return 2;
        }
        None => Ok(Theme::new()),
    };
    let theme = match theme {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let engine = if args.html_only {
        None
    } else {
        Some(PdfEngine::new())
    };
    let started = std::time::Instant::now();
    let bar = indicatif::ProgressBar::new(jobs.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} writing {pos}/{len} {wide_bar} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let failed = AtomicUsize::new(0);
    let errors: Vec<String> = jobs
        .par_iter()
        .filter_map(|job| {
            let r = render_one(&theme, engine.as_ref(), job, &out);
            bar.inc(1);
            r.err().map(|e| {
                failed.fetch_add(1, Ordering::Relaxed);
                format!("{}: {e}", job.stem)
            })
        })
        .collect();
    bar.finish_and_clear();
    for e in &errors {
        eprintln!("error: {e}");
    }
    let done = jobs.len() - failed.load(Ordering::Relaxed);
    let what = if args.cards {
        "cards"
    } else if args.invite {
        "invite pages"
    } else {
        "letters"
    };
    let formats = if args.html_only {
        "HTML"
    } else {
        "HTML and PDF"
    };
    let rel_out = out
        .strip_prefix(&root)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| out.display().to_string());
    println!(
        "wrote {done} {what} ({formats}) to {rel_out} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let flagged: Vec<&Job> = jobs.iter().filter(|j| j.findings > 0).collect();
    if !flagged.is_empty() {
        println!(
            "{} letters have plain-language findings (jargon, acronyms, reading ease); `iro check --child ID --notes` lists them:",
            flagged.len()
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
    if errors.is_empty() { 0 } else { 1 }
}

fn output_dir(root: &Path, repo: &Repo, args: &LettersArgs) -> Result<PathBuf, String> {
    let rel = args
        .out
        .clone()
        .or_else(|| repo.config.letters.output.as_ref().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("private/letters"));
    let out = if rel.is_absolute() {
        rel
    } else {
        root.join(rel)
    };
    // Letters hold children's details: never into the public site.
    let public = root.join("public");
    let norm: PathBuf = out.components().collect();
    if norm.starts_with(&public) || norm.components().any(|c| c.as_os_str() == "..") {
        return Err(
            "letters are private: the output folder cannot be inside public/ or use `..`".into(),
        );
    }
    Ok(out)
}

fn read_photo(root: &Path, repo: &Repo, iro: Option<&str>) -> Option<Vec<u8>> {
    let iro = repo.iros.get(iro?)?;
    let name = iro.rec.photo.as_ref()?;
    if name.contains('/') || name.contains("..") || name.contains('\\') {
        return None;
    }
    let path = root.join("iros").join(name.as_str());
    let canon = path.canonicalize().ok()?;
    if !canon.starts_with(root) {
        return None;
    }
    let meta = std::fs::metadata(&canon).ok()?;
    if meta.len() > 5 * 1024 * 1024 {
        return None;
    }
    std::fs::read(canon).ok()
}

fn rel_review(root: &Path, p: &Path) -> Option<String> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(p)
    };
    let canon = abs.canonicalize().ok();
    let rel = match canon.as_ref().and_then(|c| c.strip_prefix(root).ok()) {
        Some(r) => r.to_path_buf(),
        None => p.to_path_buf(),
    };
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

fn select(
    root: &Path,
    repo: &Repo,
    args: &LettersArgs,
    as_of: NaiveDate,
) -> Result<Vec<Job>, String> {
    let cal = crate::model::calendar(repo);
    let facts = crate::rules::all_facts(repo, &cal, as_of);
    let plain = crate::rules::letters::plain_config(repo);
    if let Some(i) = &args.iro
        && !repo.iros.contains_key(i)
    {
        return Err(format!("no IRO `{i}` (the ids are the files in iros/)"));
    }
    for c in &args.child {
        if !repo.children.contains_key(c) {
            return Err(format!(
                "no child `{c}` (the ids are the folders in children/)"
            ));
        }
    }
    let mut jobs = Vec::new();
    if args.cards {
        for iro in repo.iros.values() {
            let in_post = iro.rec.left.as_ref().is_none_or(|l| l.0 >= as_of);
            if args.iro.as_ref().is_some_and(|i| i != &iro.id) || (!in_post && args.iro.is_none()) {
                continue;
            }
            let photo = read_photo(root, repo, Some(&iro.id));
            jobs.push(Job {
                stem: format!("cards/{}", iro.id),
                data: letters::card(repo, iro, photo.is_some()),
                photo,
                findings: 0,
            });
        }
        return Ok(jobs);
    }
    if args.invite {
        for c in repo.children.values() {
            let wanted = args.child.contains(&c.id)
                || (args.child.is_empty()
                    && args.iro.as_deref().is_some_and(|i| {
                        crate::rules::allocation::allocated_on(c, as_of) == Some(i)
                    }));
            if !wanted {
                continue;
            }
            let iro = crate::rules::allocation::allocated_on(c, as_of);
            let photo = read_photo(root, repo, iro);
            if let Some((due, data)) =
                letters::invite(repo, c, &facts[&c.id], as_of, photo.is_some())
            {
                jobs.push(Job {
                    stem: format!("{}/invite-{due}", c.id),
                    data,
                    photo,
                    findings: 0,
                });
            }
        }
        return Ok(jobs);
    }
    let mut picked: Vec<(&str, usize)> = Vec::new();
    for p in &args.reviews {
        let rel = rel_review(root, p).ok_or_else(|| format!("cannot find {}", p.display()))?;
        let found = repo.children.values().find_map(|c| {
            c.reviews
                .iter()
                .position(|r| r.file == rel)
                .map(|i| (c.id.as_str(), i))
        });
        match found {
            Some(x) => picked.push(x),
            None => return Err(format!("{rel} is not a review that loaded (run iro check)")),
        }
    }
    for id in &args.child {
        let c = &repo.children[id];
        match c.reviews.len().checked_sub(1) {
            Some(i) => picked.push((c.id.as_str(), i)),
            None => return Err(format!("child {id} has no review yet")),
        }
    }
    let year = match &args.year {
        Some(y) => Some(year_range(repo, y)?),
        None => None,
    };
    let range = match (args.from, args.to, year) {
        (_, _, Some(r)) => Some(r),
        (None, None, None) if args.iro.is_some() => {
            Some((crate::calendar::add_days(as_of, -30), as_of))
        }
        (None, None, None) if args.all => Some((NaiveDate::MIN, NaiveDate::MAX)),
        (None, None, None) => None,
        (f, t, None) => Some((f.unwrap_or(NaiveDate::MIN), t.unwrap_or(NaiveDate::MAX))),
    };
    if let Some((from, to)) = range {
        for c in repo.children.values() {
            for (i, r) in c.reviews.iter().enumerate() {
                if r.date >= from
                    && r.date <= to
                    && args.iro.as_ref().is_none_or(|x| x == &r.rec.iro.value)
                {
                    picked.push((c.id.as_str(), i));
                }
            }
        }
    }
    picked.sort();
    picked.dedup();
    for (cid, i) in picked {
        let c = &repo.children[cid];
        let r = &c.reviews[i];
        let photo = read_photo(root, repo, Some(r.rec.iro.as_str()));
        let data = letters::letter(repo, c, &facts[cid], i, photo.is_some());
        let names: Vec<&str> = c
            .rec
            .name
            .split_whitespace()
            .chain(c.rec.preferred_name.as_ref().map(|p| p.as_str()))
            .collect();
        let subject = crate::plain::Subject {
            names,
            band: crate::rules::letters::band(c, r),
        };
        let (f, _) = crate::plain::check(&r.body, &subject, &plain);
        let findings = f
            .iter()
            .filter(|x| x.rule != "letter-long-sentence")
            .count();
        let name = r
            .file
            .rsplit('/')
            .next()
            .unwrap_or("letter")
            .trim_end_matches(".md")
            .to_string();
        jobs.push(Job {
            stem: format!("{cid}/{name}"),
            data,
            photo,
            findings,
        });
    }
    Ok(jobs)
}

/// `2025-26` -> the reporting year's first and last day.
pub fn year_range(repo: &Repo, y: &str) -> Result<(NaiveDate, NaiveDate), String> {
    if !crate::load::is_year_folder(y) {
        return Err(format!(
            "`{y}` is not a reporting year: write it like 2025-26"
        ));
    }
    let start: i32 = y[..4].parse().map_err(|_| "bad year")?;
    let (m, d) = repo.config.year_start();
    let from = NaiveDate::from_ymd_opt(start, m, d).ok_or("bad year start")?;
    let to = NaiveDate::from_ymd_opt(start + 1, m, d)
        .and_then(|x| x.pred_opt())
        .ok_or("bad year start")?;
    Ok((from, to))
}

fn render_one(
    theme: &Theme,
    engine: Option<&PdfEngine>,
    job: &Job,
    out: &Path,
) -> Result<(), String> {
    let html = theme
        .render_html_with_photo(&job.data, job.photo.as_deref())
        .map_err(|e| e.to_string())?;
    let pdf = match engine {
        Some(e) => Some(
            theme
                .render_pdf(e, &job.data, job.photo.clone())
                .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    let base = out.join(&job.stem);
    let dir = base.parent().ok_or("bad output path")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    write_atomic(&base.with_extension("html"), html.as_bytes())?;
    if let Some(p) = pdf {
        write_atomic(&base.with_extension("pdf"), &p)?;
    }
    Ok(())
}

/// Write through a temporary file in the same folder, then rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let dir = path.parent().ok_or("bad path")?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".iro-")
        .tempfile_in(dir)
        .map_err(|e| e.to_string())?;
    tmp.write_all(bytes).map_err(|e| e.to_string())?;
    tmp.persist(path).map_err(|e| e.error.to_string())?;
    Ok(())
}
