//! The pages of the site, rendered from the theme's `site/` templates with
//! contexts made from the published figures. Each reporting year is a
//! self-contained set of pages: the year built sits at the root, earlier
//! years under `years/<id>/`; every link is relative, so the site works from
//! any folder or web address.

use super::publish::{self, ChartCtx, Published, TableCtx, ValueCtx};
use super::shortcode::{self, Kind};
use super::{Built, theme_diag, words};
use crate::diag::Diagnostic;
use crate::records::Section;
use crate::session::Session;
use crate::stats::{Figures, Year};
use crate::theme::Theme;
use minijinja::Environment;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The key figures of the summary, in order.
pub const KEY: &[&str] = &[
    "reviews.held",
    "reviews.on_time",
    "participation.4plus",
    "seen_before",
    "chaired_by_child",
    "alerts.raised",
];

/// The multi-year comparisons on the figures page.
pub const CHARTS: &[&str] = &[
    "reviews.on_time",
    "participation.4plus",
    "reviews.held",
    "alerts.raised",
    "consultations",
];

/// What a page set shares: the environment, the session, its root.
pub struct Ctx<'a> {
    /// Templates.
    pub env: &'a Environment<'static>,
    /// The theme (assets).
    pub theme: &'a Theme,
    /// The session.
    pub s: &'a Session,
    /// The year's figures, published.
    pub p: Published<'a>,
    /// The year.
    pub year: Year,
    /// This page set's folder: "" or "years/2024-25/".
    pub root: String,
    /// Every year with pages: (id, root).
    pub all: Vec<(String, String)>,
    /// PDFs of this year (relative to the set's root).
    pub pdf: (Option<String>, Option<String>),
}

/// `../` for each folder in `path`.
fn base_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A path from one set's root to another's (`from`, `to` are "" or "years/x/").
fn cross(from: &str, to: &str) -> String {
    format!("{}{to}", "../".repeat(from.matches('/').count()))
}

fn render(
    env: &Environment<'static>,
    theme: &Theme,
    name: &str,
    ctx: &Value,
) -> Result<String, Diagnostic> {
    let t = env
        .get_template(name)
        .map_err(|e| theme_diag(theme.template_error("site", &e)))?;
    t.render(minijinja::value::Serde(ctx))
        .map_err(|e| theme_diag(theme.template_error("site", &e)))
}

impl Ctx<'_> {
    /// The `site` object for a page at `path` (relative to the set's root).
    fn site(&self, path: &str) -> Value {
        let cfg = &self.s.repo.config;
        let years: Vec<Value> = self
            .all
            .iter()
            .rev()
            .map(|(id, r)| {
                json!({
                    "id": id,
                    "href": format!("{}index.html", cross(&self.root, r)),
                    "current": *r == self.root,
                })
            })
            .collect();
        json!({
            "name": cfg.service.name,
            "short_name": cfg.service.display_name(),
            "year": self.year.id(),
            "year_words": self.year.span_words(),
            "complete": self.year.complete(),
            // The day the figures were taken: every year's figures (past
            // years' too) count the records as they stood on the check date.
            "generated": crate::day::long(self.year.as_of),
            "base": base_of(path),
            // The site's assets are once, at its root: past years link there.
            "assets": format!("{}assets/", cross(&self.root, "")),
            "logo": cfg
                .publish
                .logo
                .as_ref()
                .map(|l| format!("{}{}", cross(&self.root, ""), logo_name(l))),
            "contact": {
                "email": cfg.service.email,
                "phone": cfg.service.phone,
                "address": cfg.service.address,
                "web": cfg.service.web,
            },
            "suppress_below": cfg.publish.suppress_below,
            "suppression_note": self.p.note(),
            // The words for a missing number, for templates that compare.
            "marker": crate::stats::disclosure::MARKER,
            "no_data": crate::stats::disclosure::NO_DATA,
            "years": years,
            "pdf": { "report": self.pdf.0, "summary": self.pdf.1 },
        })
    }

    /// The navigation, with the page at `path` current.
    fn nav(&self, path: &str) -> Value {
        let items = [
            ("Summary", "index.html"),
            ("For children and young people", "children/index.html"),
            ("Full report", "report/index.html"),
            ("Figures", "figures/index.html"),
            ("Scorecard", "scorecard/index.html"),
            ("Past years", "years/index.html"),
        ];
        let top = path.split('/').next().unwrap_or("");
        Value::Array(
            items
                .iter()
                .map(|(t, h)| {
                    let current = h.split('/').next() == Some(top)
                        || (*h == "index.html" && path == "index.html");
                    let href = if *h == "years/index.html" {
                        format!("{}years/index.html", cross(&self.root, ""))
                    } else {
                        h.to_string()
                    };
                    json!({"title": t, "href": href, "current": current && (*h != "index.html" || path == "index.html")})
                })
                .collect(),
        )
    }

    fn page(&self, path: &str, title: &str, description: &str, mut extra: Value) -> Value {
        let obj = extra.as_object_mut().expect("an object");
        obj.insert("site".into(), self.site(path));
        obj.insert("nav".into(), self.nav(path));
        obj.insert(
            "page".into(),
            json!({"title": title, "description": description, "path": path}),
        );
        extra
    }

    fn value(&self, id: &str) -> ValueCtx {
        match self.p.get(id) {
            Some(f) => self.p.value(f),
            None => ValueCtx {
                text: crate::stats::disclosure::NO_DATA.into(),
                value: None,
                suppressed: false,
            },
        }
    }

    /// A figure's value with its count, for "how we counted": `94% (260 of 277)`.
    pub fn value_long(&self, id: &str) -> String {
        let v = self.value(id);
        match self.p.get(id).and_then(|f| f.rate) {
            Some(r) if !v.suppressed && v.value.is_some() => format!(
                "{} ({} of {})",
                v.text,
                publish::thousands(r.numerator),
                publish::thousands(r.denominator)
            ),
            _ => v.text,
        }
    }

    /// "up 4 points on last year (90%)".
    pub fn change(&self, id: &str) -> (Option<String>, Option<String>) {
        let (Some(this), Some(last)) = (self.p.get(id), self.p.earlier(id, 1)) else {
            return (None, None);
        };
        let (a, b) = (self.p.value(this), self.p.value(last));
        let prev = self
            .p
            .years
            .len()
            .checked_sub(2)
            .map(|i| self.p.years[i].0.clone());
        let last_text = prev.as_ref().map(|y| format!("{y}: {}", b.text));
        let words = match (a.value, b.value) {
            (Some(x), Some(y)) => {
                let d = x - y;
                let pts = match (this.rate.is_some(), (d.abs() - 1.0).abs() < 1e-9) {
                    (true, true) => " point",
                    (true, false) => " points",
                    _ => "",
                };
                let mag = crate::stats::figure::fmt_num(crate::stats::figure::round1(d.abs()));
                Some(if d.abs() < 1e-9 {
                    "The same as last year".to_string()
                } else if d > 0.0 {
                    format!("Up {mag}{pts} on last year")
                } else {
                    format!("Down {mag}{pts} on last year")
                })
            }
            _ => None,
        };
        (words, last_text)
    }
}

/// The logo's name in the site (`assets/logo.png`).
fn logo_name(l: &str) -> String {
    let ext = l.rsplit('.').next().unwrap_or("png").to_ascii_lowercase();
    format!("assets/logo.{ext}")
}

/// A section's body with its short codes placed: HTML for the site.
pub fn section_html(cx: &Ctx<'_>, sec: &Section, path: &str) -> Result<String, Vec<Diagnostic>> {
    section_html_with(cx, sec, path, true)
}

/// `section_html`; without tables and charts (`full` false) for the summary,
/// which must stay one or two screens.
fn section_html_with(
    cx: &Ctx<'_>,
    sec: &Section,
    path: &str,
    full: bool,
) -> Result<String, Vec<Diagnostic>> {
    let ids: Vec<&str> = crate::stats::IDS
        .iter()
        .map(|(i, _)| *i)
        .filter(|i| *i != "trend")
        .collect();
    let diags = |es: Vec<shortcode::CodeError>| {
        es.into_iter()
            .map(|e| {
                Diagnostic::new("site", e.message)
                    .file(sec.file.clone())
                    .at(sec.body_line + e.line - 1, e.column)
                    .hint(e.hint)
            })
            .collect::<Vec<_>>()
    };
    let (md, codes) = shortcode::expand(&sec.body, &ids).map_err(diags)?;
    // A target the narrative states is the scorecard's.
    let card = &cx.s.repo.config.scorecard;
    let wrong = shortcode::stated_targets(&sec.body, |id| card.get(id).map(|t| t.target));
    if !wrong.is_empty() {
        return Err(diags(wrong));
    }
    let mut html = crate::markdown::to_html(&md);
    let site = cx.site(path);
    for c in codes {
        let (rendered, block) = match c.kind {
            Kind::Figure => {
                let standalone = html.contains(&format!("<p>{}</p>", c.placeholder));
                // A number opening a sentence reads "Fewer than 6".
                let start = html.contains(&format!("<p>{}", c.placeholder));
                let f = figure_ctx(cx, &c.id, !standalone, start);
                let r = render(
                    cx.env,
                    cx.theme,
                    "partials/figure.html",
                    &json!({"site": site, "f": f}),
                )
                .map_err(|d| vec![d])?;
                (r, false)
            }
            Kind::Table | Kind::Chart if !full => (String::new(), true),
            Kind::Table => {
                let f = cx.p.get(&c.id);
                let mut out = String::new();
                for t in f.map(|f| cx.p.tables(f)).unwrap_or_default() {
                    out.push_str(
                        &render(
                            cx.env,
                            cx.theme,
                            "partials/table.html",
                            &json!({"site": site, "t": t}),
                        )
                        .map_err(|d| vec![d])?,
                    );
                }
                (out, true)
            }
            Kind::Chart => {
                let r = match cx.p.chart(&c.id) {
                    Some(ch) => render(
                        cx.env,
                        cx.theme,
                        "partials/chart.html",
                        &json!({"site": site, "c": ch}),
                    )
                    .map_err(|d| vec![d])?,
                    None => String::new(),
                };
                (r, true)
            }
        };
        let para = format!("<p>{}</p>", c.placeholder);
        if html.contains(&para) {
            html = html.replace(&para, &rendered);
        } else if block {
            // A table or chart inside a sentence: close the paragraph around it.
            html = html.replace(&c.placeholder, &format!("</p>{rendered}<p>"));
        } else {
            html = html.replace(&c.placeholder, &rendered);
        }
    }
    Ok(html)
}

/// The context of a figure placed by a short code.
fn figure_ctx(cx: &Ctx<'_>, id: &str, inline: bool, start: bool) -> Value {
    let v = cx.value(id);
    // A hidden figure in words a reader understands: a count "fewer than
    // 6", anything else "[c] (too few to publish)".
    let text = cx.p.words(id, start);
    json!({
        "id": id,
        "inline": inline,
        "value_text": text,
        "suppressed": v.suppressed,
        "anchor": publish::slug(id),
        "words": words::phrase(id),
        "label": crate::stats::label(id),
        "href": format!("figures/index.html#{}", publish::slug(id)),
    })
}

/// The title of a section's part of the summary (`went-well`, `next-year`, `voices`).
pub fn part_of(sec: &Section) -> Option<&'static str> {
    let p = sec.rec.part.as_ref().map(|p| p.value.as_str());
    match p {
        Some("went-well") => Some("went-well"),
        Some("next-year") => Some("next-year"),
        Some("voices") => Some("voices"),
        Some(_) => None,
        None if sec.slug.contains("went-well") => Some("went-well"),
        None if sec.slug.contains("priorities") || sec.slug.contains("next-year") => {
            Some("next-year")
        }
        None if sec.slug.contains("voices") => Some("voices"),
        None => None,
    }
}

/// Split a section's HTML at its `<h2>` headings: (title, html) parts.
fn parts(title: &str, html: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = html;
    let mut current = (title.to_string(), String::new());
    while let Some(i) = rest.find("<h2>") {
        current.1.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        let end = after.find("</h2>").unwrap_or(after.len());
        if !current.1.trim().is_empty() {
            out.push(json!({"title": current.0, "html": current.1}));
        }
        current = (strip_tags(&after[..end]), String::new());
        rest = after.get(end + 5..).unwrap_or("");
    }
    current.1.push_str(rest);
    if !current.1.trim().is_empty() {
        out.push(json!({"title": current.0, "html": current.1}));
    }
    out
}

/// Text without tags, entities decoded (for titles and the plain-language check).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The children's quotes of the `voices` section: each quoted paragraph,
/// with who said it when it ends "(who)".
fn quotes(sec: &Section) -> Vec<Value> {
    let mut out = Vec::new();
    fn text_of(b: &crate::markdown::Block, out: &mut String) {
        use crate::markdown::Block;
        match b {
            Block::Paragraph { inlines } | Block::Heading { inlines, .. } => {
                for i in inlines {
                    out.push_str(if i.text == "\n" { " " } else { &i.text });
                }
                out.push(' ');
            }
            Block::List { items, .. } => items.iter().flatten().for_each(|b| text_of(b, out)),
            Block::Quote { blocks } => blocks.iter().for_each(|b| text_of(b, out)),
        }
    }
    for b in crate::markdown::to_blocks(&sec.body) {
        if let crate::markdown::Block::Quote { blocks } = &b {
            let mut t = String::new();
            blocks.iter().for_each(|b| text_of(b, &mut t));
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            let (text, who) = match (t.rfind('('), t.ends_with(')')) {
                (Some(i), true) if i > 0 => (
                    t[..i].trim().to_string(),
                    Some(t[i + 1..t.len() - 1].to_string()),
                ),
                _ => (t.clone(), None),
            };
            out.push(json!({"text": text.trim_matches('"').trim_matches('“').trim_matches('”'), "who": who}));
        }
    }
    out
}

/// The year's sections (empty when it has no `report/<year>/` folder); a
/// folder without sections is an error.
fn sections<'a>(s: &'a Session, year: &str) -> Result<&'a [Section], Diagnostic> {
    match s.repo.sections.get(year) {
        Some(v) if !v.is_empty() => Ok(v),
        _ if s.root.join("report").join(year).is_dir() => Err(Diagnostic::new(
            "site",
            format!("report/{year}/ holds no sections"),
        )
        .file(format!("report/{year}"))
        .hint("add sections named like 01-introduction.md (a title in front matter, then Markdown), or remove the folder")),
        _ => Ok(&[]),
    }
}

/// Build every page of every year.
pub fn build_pages(
    s: &Session,
    theme: &Theme,
    figs: &Figures,
    reuse: Option<&super::Reuse<'_>>,
) -> Result<Built, Vec<Diagnostic>> {
    let env = theme.jinja("site").map_err(|e| vec![theme_diag(e)])?;
    let cfg = &s.repo.config;
    let years = publish::all_years(figs);
    let n = years.len();
    let all: Vec<(String, String)> = years
        .iter()
        .enumerate()
        .map(|(i, (y, _))| {
            let r = if i + 1 == n {
                String::new()
            } else {
                format!("years/{y}/")
            };
            (y.clone(), r)
        })
        .collect();
    let mut built = Built {
        year: figs.year_id(),
        years: years.iter().map(|(y, _)| y.clone()).collect(),
        ..Built::default()
    };
    let assets = assets(s, theme)?;
    let ctx_for = |i: usize| {
        let id = &all[i].0;
        // Taken as of the day the figures were (`figs.year.as_of`).
        let year = Year::parse(id, cfg.year_start())
            .map(|y| y.as_of(figs.year.as_of))
            .unwrap_or(figs.year);
        let pdf = if i + 1 == n {
            (
                Some(format!("pdf/report-{id}.pdf")),
                Some(format!("pdf/summary-{id}.pdf")),
            )
        } else {
            (None, None)
        };
        Ctx {
            env: &env,
            theme,
            s,
            p: Published::new(years[..=i].to_vec(), cfg),
            year,
            root: all[i].1.clone(),
            all: all.clone(),
            pdf,
        }
    };
    // Each year's pages are independent: rendered in parallel.
    use rayon::prelude::*;
    type YearOut = (
        usize,
        Built,
        Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>>,
    );
    let from = reuse
        .map(|r| r.from_set.min(n.saturating_sub(1)))
        .unwrap_or(0);
    // Years before `from` are as they were: their files are copied.
    if let Some(r) = reuse {
        for (root, _) in all[..from].iter().map(|(_, r)| (r, ())) {
            for (p, b) in r.previous.files.range(root.clone()..) {
                if !p.starts_with(root.as_str()) {
                    break;
                }
                built.files.insert(p.clone(), b.clone());
                built.reused.insert(p.clone());
                if p.ends_with(".html") {
                    built.pages += 1;
                }
            }
        }
    }
    let outs: Vec<YearOut> = (from..n)
        .into_par_iter()
        .map(|i| {
            let cx = ctx_for(i);
            let mut local = Built::default();
            let r = year_pages(&cx, &mut local);
            (i, local, r)
        })
        .collect();
    let mut errors = Vec::new();
    for (i, local, r) in outs {
        let root = &all[i].1;
        built.pages += local.pages;
        if i + 1 == n {
            built.children_reading_ease = local.children_reading_ease;
            built.children_words = local.children_words;
        }
        match r {
            Ok(files) => {
                for (p, b) in files {
                    built.files.insert(format!("{root}{p}"), b);
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    // The assets, once, at the root.
    for (p, b) in assets {
        built.files.insert(p, b);
    }
    if errors.is_empty() && n > 0 {
        // The index of years, once, at the root.
        let cx = ctx_for(n - 1);
        let list: Vec<Value> = all
            .iter()
            .rev()
            .map(|(y, r)| json!({"id": y, "href": format!("{r}index.html"), "current": r.is_empty()}))
            .collect();
        let path = "years/index.html";
        let ctx = cx.page(
            path,
            "Reports for every year",
            "The annual report for each year our records cover.",
            json!({"years": list}),
        );
        match render(&env, theme, "years.html", &ctx) {
            Ok(h) => {
                built.files.insert(path.into(), h.into_bytes());
                built.pages += 1;
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(built)
}

/// The theme's assets, the brand colours and the logo.
fn assets(s: &Session, theme: &Theme) -> Result<BTreeMap<String, Vec<u8>>, Vec<Diagnostic>> {
    let mut out: BTreeMap<String, Vec<u8>> = theme
        .under("site/assets")
        .map(|(p, b)| (format!("assets/{p}"), b.to_vec()))
        .collect();
    // The theme's fonts (and their licence) for the site's CSS.
    for (p, b) in theme.under("fonts") {
        let l = p.to_ascii_lowercase();
        if l.ends_with(".ttf")
            || l.ends_with(".otf")
            || l.ends_with(".woff2")
            || l.ends_with(".txt")
        {
            out.insert(format!("assets/fonts/{p}"), b.to_vec());
        }
    }
    let publish = &s.repo.config.publish;
    let mut css = String::new();
    for (name, v) in [
        ("--brand", &publish.brand),
        ("--brand-text", &publish.brand_text),
    ] {
        if let Some(c) = v {
            if !is_hex_colour(c) {
                return Err(vec![
                    Diagnostic::new(
                        "site",
                        format!("[publish] {}: not a colour like #0b5563", &name[2..]),
                    )
                    .file("iro.toml")
                    .hint("write colours as # and six hex digits"),
                ]);
            }
            css.push_str(&format!("{name}: {c}; "));
        }
    }
    if let (Some(b), Some(t)) = (&publish.brand, &publish.brand_text) {
        let r = contrast(b, t);
        if r < 4.5 {
            return Err(vec![
                Diagnostic::new(
                    "site",
                    format!("[publish] brand and brand_text contrast {r:.1}:1; the site needs at least 4.5:1"),
                )
                .file("iro.toml")
                .hint("choose a darker brand colour or a lighter text colour (WCAG 2.2 AA)"),
            ]);
        }
    }
    if !css.is_empty() {
        let base = out.remove("assets/site.css").unwrap_or_default();
        let mut v = base;
        v.extend_from_slice(format!("\n:root {{ {css}}}\n").as_bytes());
        out.insert("assets/site.css".into(), v);
    }
    if let Some(logo) = &publish.logo {
        let bad = |m: &str| {
            vec![
                Diagnostic::new("site", format!("[publish] logo `{logo}`: {m}"))
                    .file("iro.toml")
                    .hint("give the path of a PNG, JPEG or SVG file inside the records folder"),
            ]
        };
        if logo.contains("..") || std::path::Path::new(logo).is_absolute() {
            return Err(bad("must be a path inside the records folder"));
        }
        let bytes = crate::load::read::read_bytes(
            &s.root,
            &s.root.join(logo),
            crate::load::read::MAX_ASSET_BYTES,
        )
        .map_err(|d| bad(&d.message))?;
        // Published as it is: never through a link (a child's photo linked
        // as the logo would be published).
        let mut at = s.root.clone();
        for part in std::path::Path::new(logo).components() {
            at.push(part);
            if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(bad(
                    "is reached through a symbolic link: copy the image into the records folder",
                ));
            }
        }
        let ok = bytes.starts_with(b"\x89PNG")
            || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
            || (logo.to_ascii_lowercase().ends_with(".svg")
                && std::str::from_utf8(&bytes).is_ok_and(|t| t.contains("<svg")));
        if !ok {
            return Err(bad("is not a PNG, JPEG or SVG image"));
        }
        out.insert(logo_name(logo), bytes);
    }
    Ok(out)
}

fn is_hex_colour(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// WCAG contrast ratio of two `#rrggbb` colours.
pub fn contrast(a: &str, b: &str) -> f64 {
    fn lum(c: &str) -> f64 {
        let ch = |i: usize| {
            let v = u8::from_str_radix(&c[i..i + 2], 16).unwrap_or(0) as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(1) + 0.7152 * ch(3) + 0.0722 * ch(5)
    }
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Render one page into `files`; a template error is collected.
fn emit(
    cx: &Ctx<'_>,
    path: &str,
    template: &str,
    ctx: Value,
    files: &mut Vec<(String, Vec<u8>)>,
    errors: &mut Vec<Diagnostic>,
    built: &mut Built,
) -> bool {
    match render(cx.env, cx.theme, template, &ctx) {
        Ok(h) => {
            files.push((path.to_string(), h.into_bytes()));
            built.pages += 1;
            true
        }
        Err(d) => {
            errors.push(d);
            false
        }
    }
}

/// The pages of one year (paths relative to its set's root).
fn year_pages(cx: &Ctx<'_>, built: &mut Built) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let year_id = cx.year.id();
    let name = cx.s.repo.config.service.display_name().to_string();
    let secs = sections(cx.s, &year_id).map_err(|d| vec![d])?;

    // Sections: the full report, and the parts the summary takes.
    let mut went_well = Vec::new();
    let mut next_year = Vec::new();
    let mut voices = Vec::new();
    let mut sec_list = Vec::new();
    let mut sec_html = Vec::new();
    for sec in secs {
        let path = format!("report/{}/index.html", sec.slug);
        match section_html(cx, sec, &path) {
            Ok(h) => {
                match part_of(sec) {
                    Some("went-well") => {
                        // The summary places its parts at the root.
                        if let Ok(h0) = section_html_with(cx, sec, "index.html", false) {
                            went_well.extend(parts(&sec.rec.title.value, &h0));
                        }
                    }
                    Some("next-year") => {
                        if let Ok(h0) = section_html_with(cx, sec, "index.html", false) {
                            next_year.extend(parts(&sec.rec.title.value, &h0));
                        }
                    }
                    Some("voices") => voices.extend(quotes(sec)),
                    _ => {}
                }
                sec_list
                    .push(json!({"title": sec.rec.title.value, "href": path, "slug": sec.slug}));
                sec_html.push((sec, path, h));
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Summary.
    let key: Vec<Value> = KEY
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
    let ctx = cx.page(
        "index.html",
        &format!("Annual report {year_id}: summary"),
        &format!(
            "What {name}'s Independent Reviewing Officers did in {year_id}, in short: the key figures, what went well and what we will do next."
        ),
        json!({"key": key, "went_well": went_well, "next_year": next_year, "quotes": voices}),
    );
    emit(
        cx,
        "index.html",
        "index.html",
        ctx,
        &mut files,
        &mut errors,
        built,
    );

    // Children and young people.
    // A suppressed number is left out of the children's page (null).
    let pct = |id: &str| {
        let v = cx.value(id);
        (!v.suppressed && v.value.is_some()).then_some(v.text)
    };
    let children = json!({
        "reviews_held": pct("reviews.held"),
        "on_time_percent": pct("reviews.on_time"),
        "took_part_percent": pct("participation.4plus"),
        "seen_before_percent": pct("seen_before"),
        "chaired": pct("chaired_by_child"),
        "alerts": pct("alerts.raised"),
    });
    let ctx = cx.page(
        "children/index.html",
        "Our report for children and young people",
        "What we did this year, in simple words.",
        json!({"children": children, "quotes": voices}),
    );
    if emit(
        cx,
        "children/index.html",
        "children.html",
        ctx,
        &mut files,
        &mut errors,
        built,
    ) {
        // The children's version must be plain enough for 8 to 12.
        if let Some((_, html)) = files.iter().find(|(p, _)| p == "children/index.html") {
            let html = String::from_utf8_lossy(html);
            let main = html
                .split_once("<main")
                .and_then(|(_, r)| r.split_once('>'))
                .map(|(_, r)| r.split("</main>").next().unwrap_or(r))
                .unwrap_or(&html);
            let text = strip_tags(main);
            let subject = crate::plain::Subject {
                names: vec![],
                band: crate::plain::AgeBand::From8To12,
            };
            let (found, scores) =
                crate::plain::check(&text, &subject, &crate::model::plain_config(&cx.s.repo));
            let serious: Vec<&str> = found
                .iter()
                .filter(|f| f.rule != "letter-long-sentence" && f.rule != "letter-third-person")
                .map(|f| f.rule)
                .collect();
            if cx.root.is_empty() {
                built.children_reading_ease = scores.reading_ease;
                built.children_words = scores.words;
            }
            if !serious.is_empty() {
                errors.push(
                    Diagnostic::new(
                        "site",
                        format!(
                            "the children's page is not plain enough for ages 8 to 12 (reading ease {:.0}; {})",
                            scores.reading_ease,
                            serious.join(", ")
                        ),
                    )
                    .file(cx.theme.shown("site/children.html"))
                    .hint("use short sentences and everyday words (`iro explain letter-readability`)"),
                );
            }
        }
    }

    // The full report: contents and one page per section.
    let ctx = cx.page(
        "report/index.html",
        &format!("Full report {year_id}"),
        &format!("The annual report of {name}'s Independent Reviewing Service for {year_id}, section by section."),
        json!({"sections": sec_list}),
    );
    emit(
        cx,
        "report/index.html",
        "report.html",
        ctx,
        &mut files,
        &mut errors,
        built,
    );
    for (i, (sec, path, html)) in sec_html.iter().enumerate() {
        let link = |j: Option<usize>| {
            j.and_then(|j| sec_html.get(j))
                .map(|(s, p, _)| json!({"title": s.rec.title.value, "href": p}))
        };
        let ctx = cx.page(
            path,
            &sec.rec.title.value,
            &format!(
                "{}: part of the annual report {year_id}.",
                sec.rec.title.value
            ),
            json!({
                "section": {
                    "title": sec.rec.title.value,
                    "slug": sec.slug,
                    "html": html,
                    "prev": link(i.checked_sub(1)),
                    "next": link(Some(i + 1)),
                },
                "sections": sec_list,
            }),
        );
        emit(
            cx,
            path,
            "section.html",
            ctx,
            &mut files,
            &mut errors,
            built,
        );
    }

    // Figures and how we counted, with CSV downloads.
    let mut figures = Vec::new();
    for f in cx.p.figures().iter().filter(|f| f.id != "trend") {
        let tables: Vec<TableCtx> = cx.p.tables(f);
        for t in &tables {
            if let Some(csv) = &t.csv {
                files.push((csv.clone(), table_csv(t).into_bytes()));
            }
        }
        let charts: Vec<ChartCtx> = if CHARTS.contains(&f.id) {
            cx.p.chart(f.id).into_iter().collect()
        } else {
            vec![]
        };
        figures.push(json!({
            "id": f.id,
            "anchor": publish::slug(f.id),
            "label": publish::capital(f.label()),
            "definition": words::definition(f.id),
            "value_text": cx.value_long(f.id),
            "tables": tables,
            "charts": charts,
        }));
    }
    let ctx = cx.page(
        "figures/index.html",
        &format!("Figures {year_id} and how we counted them"),
        "Every figure in the report, how it was counted, and its tables to download.",
        json!({"figures": figures}),
    );
    emit(
        cx,
        "figures/index.html",
        "figures.html",
        ctx,
        &mut files,
        &mut errors,
        built,
    );

    // Scorecard.
    let card = scorecard(cx);
    let ctx = cx.page(
        "scorecard/index.html",
        &format!("Scorecard {year_id}"),
        "Our results against the targets we set, and whether they are better or worse than last year.",
        json!({"scorecard": card}),
    );
    emit(
        cx,
        "scorecard/index.html",
        "scorecard.html",
        ctx,
        &mut files,
        &mut errors,
        built,
    );

    // Accessibility statement.
    let ctx = cx.page(
        "accessibility/index.html",
        "Accessibility statement",
        "How accessible this report is, and how to get it in another format.",
        json!({}),
    );
    emit(
        cx,
        "accessibility/index.html",
        "accessibility.html",
        ctx,
        &mut files,
        &mut errors,
        built,
    );

    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// A published table as CSV (aggregates only, suppressed cells as `[c]`).
pub fn table_csv(t: &TableCtx) -> String {
    let mut w = crate::format::Csv::new();
    let mut head = t.columns.clone();
    if head.first().is_some_and(|h| h.is_empty()) {
        head[0] = "".into();
    }
    w.row(&head);
    for r in &t.rows {
        let mut rec = vec![r.head.clone()];
        rec.extend(r.cells.iter().cloned());
        w.row(&rec);
    }
    w.finish()
}

/// The scorecard: each figure `[scorecard]` sets a target for.
fn scorecard(cx: &Ctx<'_>) -> Vec<Value> {
    use crate::records::config::Polarity;
    let mut out = Vec::new();
    for (id, t) in &cx.s.repo.config.scorecard {
        let Some(f) = cx.p.get(id) else { continue };
        let v = cx.p.value(f);
        let pct = f.rate.is_some();
        let unit = if pct { "%" } else { "" };
        let target_text = format!("{}{unit}", crate::stats::figure::fmt_num(t.target));
        let tol = t.tolerance.unwrap_or(5.0);
        let better = |a: f64, b: f64| match t.polarity {
            Polarity::Higher => a > b,
            Polarity::Lower => a < b,
        };
        // Every row here has a target: a row without a number to compare
        // says why (hidden, or nothing to count), never "no target".
        let (status, status_words) = match v.value {
            None if v.suppressed => (
                "hidden",
                format!("Not compared: {}", crate::stats::disclosure::TOO_FEW),
            ),
            None => (
                "no_data",
                format!("Not compared: {}", crate::stats::disclosure::NO_DATA),
            ),
            Some(x) if !better(t.target, x) => ("on_target", "On target".to_string()),
            Some(x) if (x - t.target).abs() <= tol => ("near", "Close to target".to_string()),
            Some(_) => ("off_target", "Off target".to_string()),
        };
        let last = cx.p.earlier(id, 1).map(|l| cx.p.value(l));
        let (direction, direction_words) = match (v.value, last.as_ref().and_then(|l| l.value)) {
            (Some(a), Some(b)) if (a - b).abs() < 1e-9 => {
                ("same", "The same as last year".to_string())
            }
            (Some(a), Some(b)) if better(a, b) => (
                "better",
                format!(
                    "Better than last year ({})",
                    last.as_ref().map(|l| l.text.as_str()).unwrap_or("")
                ),
            ),
            (Some(_), Some(_)) => (
                "worse",
                format!(
                    "Worse than last year ({})",
                    last.as_ref().map(|l| l.text.as_str()).unwrap_or("")
                ),
            ),
            _ => ("none", "No figure for last year to compare".to_string()),
        };
        out.push(json!({
            "id": id,
            "anchor": publish::slug(id),
            "label": publish::capital(crate::stats::label(id)),
            "value_text": v.text,
            "target_text": target_text,
            "polarity": match t.polarity { Polarity::Higher => "higher", Polarity::Lower => "lower" },
            "status": status,
            "status_words": status_words,
            "direction": direction,
            "direction_words": direction_words,
            "last_text": last.map(|l| l.text),
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_parts() {
        assert_eq!(base_of("index.html"), "");
        assert_eq!(base_of("report/intro/index.html"), "../../");
        assert_eq!(cross("years/2024-25/", ""), "../../");
        assert_eq!(cross("", "years/2024-25/"), "years/2024-25/");
        let p = parts("What went well", "<p>a</p><h2>More on time</h2><p>b</p>");
        assert_eq!(p.len(), 2);
        assert_eq!(p[1]["title"], "More on time");
        assert_eq!(strip_tags("<p>A &amp; <b>b</b></p>"), "A & b");
        assert!(contrast("#ffffff", "#0b5563") > 7.0);
        assert!(contrast("#ffffff", "#eeeeee") < 4.5);
    }

    #[test]
    fn a_table_csv_neutralises_labels_and_keeps_numbers() {
        let t = TableCtx {
            id: "t".into(),
            caption: "c".into(),
            columns: vec!["".into(), "=1+2".into()],
            rows: vec![crate::site::publish::RowCtx {
                head: "@SUM(A1)".into(),
                cells: vec!["-3".into()],
            }],
            note: None,
            csv: None,
        };
        assert_eq!(table_csv(&t), ",'=1+2\n'@SUM(A1),-3\n");
    }
}
