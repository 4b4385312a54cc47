//! Benchmark: 1,000 letters to children (HTML + tagged PDF) in parallel, and
//! one letter after the first (quality.md: under 10 s, under 100 ms).
//!
//! Uses the shipped example service `records/`, cycling through its held
//! reviews until 1,000 letters are made. Nothing is written to disk.
//! Run: `cargo bench --bench letters`.

use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    let (repo, _) = iro::load::load(&root).expect("records/ loads");
    let as_of = repo.config.check.as_of.expect("records/ pins as_of");
    let an = iro::model::Analysis::new(&repo, as_of);
    let facts = &an.facts;
    let mut data = Vec::new();
    'outer: loop {
        for c in repo.children.values() {
            for (i, r) in c.reviews.iter().enumerate() {
                if r.held() {
                    data.push(iro::letters::data::letter(
                        &repo,
                        c,
                        &facts[&c.id],
                        i,
                        false,
                    ));
                    if data.len() == 1000 {
                        break 'outer;
                    }
                }
            }
        }
        assert!(!data.is_empty(), "no held reviews in records/");
    }
    let t = Instant::now();
    let engine = iro::typeset::PdfEngine::new();
    let theme = iro::letters::LetterTheme::new();
    let setup = t.elapsed();
    let t = Instant::now();
    let first = theme
        .render_pdf(&engine, &data[0], None)
        .expect("first letter");
    let first_t = t.elapsed();
    let t = Instant::now();
    let one = theme
        .render_pdf(&engine, &data[1], None)
        .expect("second letter");
    let second_t = t.elapsed();
    let t = Instant::now();
    let bytes: usize = data
        .par_iter()
        .map(|d| {
            let html = theme.render_html(d).expect("html");
            let pdf = theme.render_pdf(&engine, d, None).expect("pdf");
            html.len() + pdf.len()
        })
        .sum();
    let all = t.elapsed();
    println!(
        "letters: engine and theme {:.1} ms; first PDF {:.1} ms ({} KB); next PDF {:.1} ms ({} KB)",
        setup.as_secs_f64() * 1e3,
        first_t.as_secs_f64() * 1e3,
        first.len() / 1024,
        second_t.as_secs_f64() * 1e3,
        one.len() / 1024
    );
    println!(
        "1,000 letters (HTML + PDF, {} threads): {:.2} s, {:.1} ms per letter, {} MB   (bars: 10 s; 100 ms)",
        rayon::current_num_threads(),
        all.as_secs_f64(),
        all.as_secs_f64(),
        bytes / 1_000_000
    );
}
