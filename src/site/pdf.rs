//! The report and its summary as tagged PDFs (PDF/UA-1), compiled by the
//! Typst engine from the theme's `report/` templates with the same published
//! figures the site shows, passed as data (`/data.json`) and charts as SVG
//! files: never record text spliced into Typst source. The data and charts
//! go through the publish guard before they are compiled.

use super::pages::{self, Ctx};
use super::publish::{self, Published, TableCtx};
use super::shortcode::{self, Kind};
use super::{Built, guard, words};
use crate::diag::Diagnostic;
use crate::session::Session;
use crate::stats::{Figures, Year};
use crate::theme::Theme;
use crate::typeset::PdfEngine;
use serde_json::{Value, json};

/// The `<svg>` element of a rendered chart partial, standalone.
pub fn svg_of(html: &str) -> Option<String> {
    let start = html.find("<svg")?;
    let end = html[start..].find("</svg>")? + start + "</svg>".len();
    let mut svg = html[start..end].to_string();
    if !svg.contains("xmlns=") {
        svg = svg.replacen("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"", 1);
    }
    Some(svg)
}

fn table_block(t: &TableCtx) -> Value {
    // The template reads `site::publish::TableCtx` as it is (columns[0]
    // heads the row labels); a total row is the one headed "Total".
    let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
    v["type"] = json!("table");
    v
}

/// Everything the PDFs need besides the templates: data and chart files.
struct Inputs {
    data: Value,
    charts: Vec<(String, Vec<u8>)>,
}

/// The blocks of a section's Markdown with its short codes placed.
fn blocks(
    cx: &Ctx<'_>,
    body: &str,
    charts: &mut Vec<(String, Vec<u8>)>,
) -> Result<Vec<Value>, String> {
    let ids: Vec<&str> = crate::stats::IDS
        .iter()
        .map(|(i, _)| *i)
        .filter(|i| *i != "trend")
        .collect();
    let (md, codes) = shortcode::expand(body, &ids).map_err(|_| "short codes".to_string())?;
    let bs = serde_json::to_value(crate::markdown::to_blocks(&md)).unwrap_or(Value::Null);
    let mut out = Vec::new();
    for b in bs.as_array().cloned().unwrap_or_default() {
        let text: String = b["inlines"]
            .as_array()
            .map(|v| v.iter().filter_map(|i| i["text"].as_str()).collect())
            .unwrap_or_default();
        if b["type"] == "paragraph"
            && let Some(c) = codes.iter().find(|c| text.trim() == c.placeholder)
        {
            match c.kind {
                Kind::Figure => {
                    out.push(json!({
                        "type": "figure",
                        "id": c.id,
                        "text": cx.p.words(&c.id, true),
                        "label": words::phrase(&c.id),
                    }));
                }
                Kind::Table => {
                    if let Some(f) = cx.p.get(&c.id) {
                        for t in cx.p.tables(f) {
                            out.push(table_block(&t));
                        }
                    }
                }
                Kind::Chart => {
                    if let Some(ch) = cx.p.chart(&c.id) {
                        let site = json!({
                            "base": "",
                            "year": cx.year.id(),
                            "marker": crate::stats::disclosure::MARKER,
                            "no_data": crate::stats::disclosure::NO_DATA,
                        });
                        let html = cx
                            .env
                            .get_template("partials/chart.html")
                            .and_then(|t| {
                                t.render(minijinja::value::Serde(&json!({"site": site, "c": ch})))
                            })
                            .map_err(|e| format!("partials/chart.html: {}", e.kind()))?;
                        let svg = svg_of(&html).ok_or("partials/chart.html made no <svg>")?;
                        let path = format!("/charts/{}.svg", publish::slug(&c.id));
                        if !charts.iter().any(|(p, _)| *p == path) {
                            charts.push((path.clone(), svg.into_bytes()));
                        }
                        let values: Vec<String> = ch
                            .series
                            .iter()
                            .map(|s| {
                                let pts: Vec<String> = s
                                    .points
                                    .iter()
                                    .map(|p| format!("{} in {}", p.text, p.label))
                                    .collect();
                                format!("{}: {}", s.name, pts.join(", "))
                            })
                            .collect();
                        out.push(json!({
                            "type": "chart",
                            "id": c.id,
                            "path": path,
                            "title": ch.title,
                            "alt": format!("Bar chart. {} {} {}", ch.title, ch.desc, values.join("; ")),
                        }));
                        out.push(table_block(&ch.table));
                    }
                }
            }
            continue;
        }
        out.push(replace_inline(cx, b, &codes));
    }
    Ok(out)
}

/// Placeholders inside sentences become the figure's value, in bold.
fn replace_inline(cx: &Ctx<'_>, mut b: Value, codes: &[shortcode::Code]) -> Value {
    match b["type"].as_str() {
        Some("paragraph") | Some("heading") => {
            let runs = b["inlines"].as_array().cloned().unwrap_or_default();
            let mut out = Vec::new();
            for r in runs {
                let mut text = r["text"].as_str().unwrap_or("").to_string();
                let mut split = false;
                for c in codes {
                    if let Some(i) = text.find(&c.placeholder) {
                        // In words a reader understands when hidden, as
                        // the site says it.
                        let start = i == 0 && out.is_empty();
                        let v = cx.p.words(&c.id, start);
                        let (a, rest) = text.split_at(i);
                        let rest = rest[c.placeholder.len()..].to_string();
                        if !a.is_empty() {
                            out.push(json!({"text": a, "strong": r["strong"], "emph": r["emph"]}));
                        }
                        out.push(
                            json!({"text": v, "strong": true, "emph": r["emph"], "figure": c.id}),
                        );
                        text = rest;
                        split = true;
                    }
                }
                if split {
                    if !text.is_empty() {
                        out.push(json!({"text": text, "strong": r["strong"], "emph": r["emph"]}));
                    }
                } else {
                    out.push(r);
                }
            }
            b["inlines"] = Value::Array(out);
            b
        }
        Some("list") => {
            let items = b["items"].as_array().cloned().unwrap_or_default();
            b["items"] = Value::Array(
                items
                    .into_iter()
                    .map(|item| {
                        Value::Array(
                            item.as_array()
                                .cloned()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|x| replace_inline(cx, x, codes))
                                .collect(),
                        )
                    })
                    .collect(),
            );
            b
        }
        Some("quote") => {
            let bs = b["blocks"].as_array().cloned().unwrap_or_default();
            b["blocks"] = Value::Array(
                bs.into_iter()
                    .map(|x| replace_inline(cx, x, codes))
                    .collect(),
            );
            b
        }
        _ => b,
    }
}

fn inputs(cx: &Ctx<'_>, s: &Session) -> Result<Inputs, Vec<Diagnostic>> {
    let cfg = &s.repo.config;
    let year_id = cx.year.id();
    let secs: &[crate::records::Section] = s
        .repo
        .sections
        .get(&year_id)
        .map(|v| v.as_slice())
        .unwrap_or(&[]);
    let mut charts = Vec::new();
    let mut sections = Vec::new();
    let mut went_well = Vec::new();
    let mut next_year = Vec::new();
    for sec in secs {
        let bs = blocks(cx, &sec.body, &mut charts).map_err(|m| {
            vec![
                Diagnostic::new("site", format!("cannot make the PDF of this section: {m}"))
                    .file(sec.file.clone()),
            ]
        })?;
        // The summary keeps to words and big numbers: no charts or tables.
        let words_only = |bs: &[Value]| -> Vec<Value> {
            bs.iter()
                .filter(|b| b["type"] != "chart" && b["type"] != "table")
                .cloned()
                .collect()
        };
        match pages::part_of(sec) {
            Some("went-well") => went_well.extend(words_only(&bs)),
            Some("next-year") => next_year.extend(words_only(&bs)),
            _ => {}
        }
        sections.push(json!({"title": sec.rec.title.value, "blocks": bs}));
    }
    let key: Vec<Value> = pages::KEY
        .iter()
        .filter(|id| cx.p.get(id).is_some())
        .map(|id| {
            let (change, last) = cx.change(id);
            json!({
                "id": id,
                "big": cx.p.words(id, true),
                "words": words::phrase(id),
                "last": last,
                "change_words": change,
            })
        })
        .collect();
    let figures: Vec<Value> =
        cx.p.figures()
            .iter()
            .filter(|f| f.id != "trend")
            .map(|f| {
                json!({
                    "id": f.id,
                    "label": publish::capital(f.label()),
                    "definition": words::definition(f.id),
                    "value_text": cx.value_long(f.id),
                })
            })
            .collect();
    let contact = json!({
        "email": cfg.service.email,
        "phone": cfg.service.phone,
        "address": cfg.service.address,
        "web": cfg.service.web,
    });
    let data = json!({
        "title": Value::Null,
        "summary_title": Value::Null,
        "service": {
            "name": cfg.service.name,
            "short_name": cfg.service.display_name(),
            "contact": contact,
        },
        "year": year_id,
        "year_words": cx.year.span_words(),
        // The day the figures were taken (as on the site).
        "generated": crate::day::long(cx.year.as_of),
        "report_url": cfg.service.web,
        "suppression_note": cx.p.note(),
        "key": key,
        "went_well": went_well,
        "next_year": next_year,
        "sections": sections,
        "figures": figures,
    });
    Ok(Inputs { data, charts })
}

/// The virtual files the report and summary compile from: the theme's
/// `report/*.typ`, `/data.json` and `/charts/*.svg` (checked by the publish
/// guard). For `build_pdfs` and the benchmark against the reference compiler.
pub fn report_files(
    s: &Session,
    theme: &Theme,
    engine: &PdfEngine,
    figs: &Figures,
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let env = theme
        .jinja("site")
        .map_err(|e| vec![super::theme_diag(e)])?;
    let cfg = &s.repo.config;
    let year: Year = figs.year;
    let cx = Ctx {
        env: &env,
        theme,
        s,
        p: Published::new(publish::all_years(figs), cfg),
        year,
        root: String::new(),
        all: vec![],
        pdf: (None, None),
    };
    let mut inp = inputs(&cx, s)?;
    // Characters no font can show (emoji in a quote) would fail PDF/UA-1.
    crate::letters::render::fit_to_fonts(engine, &mut inp.data);
    let json = serde_json::to_vec(&inp.data).unwrap_or_default();
    // The guard, on what goes into the PDFs besides their text (the data
    // holds alt text, the charts are pictures): the report's own dates are
    // exempt where the templates print them (`year_words`, `generated`).
    let g = guard::Guard::new(&s.repo);
    let year_id = year.id();
    let mut scanned = inp.data.clone();
    if let Some(o) = scanned.as_object_mut() {
        o.remove("year_words");
        o.remove("generated");
    }
    // The data's text is its string values (its keys are the template's).
    let mut strings = String::new();
    json_strings(&scanned, &mut strings);
    let data_text = vec![guard::extract::Text::hard(strings)];
    for (what, texts) in std::iter::once(("data.json".to_string(), data_text)).chain(
        inp.charts
            .iter()
            .map(|(p, b)| (p.clone(), guard::extract::html(&String::from_utf8_lossy(b)))),
    ) {
        if let Some(h) = texts.iter().flat_map(|t| g.scan_text(t)).next() {
            return Err(vec![super::guard_diag(
                &format!("pdf/report-{year_id}.pdf ({what})"),
                &h,
            )]);
        }
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (p, b) in theme.under("report") {
        if p.ends_with(".typ") && !p.contains('/') {
            files.push((format!("/{p}"), b.to_vec()));
        }
    }
    files.push(("/data.json".into(), json));
    files.extend(inp.charts);
    Ok(files)
}

/// Every string value in `v`, a line each.
fn json_strings(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|x| json_strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| json_strings(x, out)),
        _ => {}
    }
}

/// Compile the report and the summary of the year built into `built`
/// (`pdf/report-<year>.pdf`, `pdf/summary-<year>.pdf`).
pub fn build_pdfs(
    s: &Session,
    theme: &Theme,
    engine: &PdfEngine,
    figs: &Figures,
    built: &mut Built,
) -> Result<(), Vec<Diagnostic>> {
    let all = report_files(s, theme, engine, figs)?;
    let year_id = figs.year.id();
    for (main, out) in [
        ("report.typ", format!("pdf/report-{year_id}.pdf")),
        ("summary.typ", format!("pdf/summary-{year_id}.pdf")),
    ] {
        let source = theme
            .text(&format!("report/{main}"))
            .map_err(|e| vec![super::theme_diag(e)])?;
        let files: Vec<(&str, Vec<u8>)> = all
            .iter()
            .filter(|(p, _)| p.trim_start_matches('/') != main)
            .map(|(p, b)| (p.as_str(), b.clone()))
            .collect();
        let (pdf, text) = engine.compile_with_text(main, source, &files).map_err(|e| {
            let mut d = Diagnostic::new("site", format!("the PDF cannot be made: {}", e.message))
                .file(theme.shown(&format!("report/{}", e.template)));
            if let Some(l) = e.line {
                d = d.at(l as u32, 1);
            }
            vec![d.hint("a PDF/UA-1 error (missing title, alt text, heading order) is a template error: fix the theme's report/ files")]
        })?;
        built.pdf_texts.insert(out.clone(), text);
        built.files.insert(out, pdf);
        built.pdfs += 1;
    }
    Ok(())
}
