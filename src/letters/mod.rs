//! Letters to children after their reviews, the "my meeting" invite page
//! and IROs' introduction cards, in one module:
//!
//! - `select`: which documents a command asked for, as jobs;
//! - `data`: the typed data of each document, built from the records;
//! - `render`: HTML and tagged PDF from the theme's `letters/` templates;
//! - [`write_all`]: every job rendered in parallel and written atomically
//!   under the private output folder.

pub mod data;
pub mod render;
pub mod select;

pub use data::Data;
pub use render::{LetterTheme, RenderError};
pub use select::{Job, Kind, Selection};

use crate::typeset::PdfEngine;
use rayon::prelude::*;
use std::path::Path;

/// Render every job (HTML, and PDF when an engine is given) and write it
/// under `out` (which `out::private_dir` chose). Calls `tick` after each
/// job. Returns one message per job that failed (named by its output path,
/// never by a data value).
pub fn write_all(
    theme: &LetterTheme,
    engine: Option<&PdfEngine>,
    jobs: &[Job],
    out: &Path,
    tick: &(dyn Fn() + Sync),
) -> Vec<String> {
    jobs.par_iter()
        .filter_map(|job| {
            let r = write_one(theme, engine, job, out);
            tick();
            r.err().map(|e| format!("{}: {e}", job.stem))
        })
        .collect()
}

fn write_one(
    theme: &LetterTheme,
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
    let base = out.join(crate::out::safe_rel(&job.stem)?);
    // A child's folder in the output linked elsewhere is not written through.
    crate::out::inside_root(out, &base).map_err(|_| {
        "a folder on the way is a symbolic link that leads out of the letters' folder: not written"
            .to_string()
    })?;
    crate::out::write_atomic(&base.with_extension("html"), html.as_bytes())?;
    if let Some(p) = pdf {
        crate::out::write_atomic(&base.with_extension("pdf"), &p)?;
    }
    Ok(())
}
