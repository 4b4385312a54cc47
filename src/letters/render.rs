//! Rendering letters, invite pages and IRO cards: HTML (minijinja) and PDF
//! (Typst, PDF/UA-1) from the typed [`Data`], with the templates of the
//! theme's `letters/` folder (the default theme's, or a service's override
//! of any file). Record text reaches HTML only through autoescaping and
//! Typst only as `/data.json`. Errors name the template, line and kind; they
//! never carry data values.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value;

use super::data::Data;
use crate::theme::{Theme, ThemeError};
use crate::typeset::{PdfEngine, PdfError, redact_data};

/// Virtual path of the photo in Typst (no extension: the format is read from the bytes).
pub const PHOTO_PATH: &str = "/photo";

/// An error while loading templates or rendering a letter. Never holds a data value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// A template failed to parse or to render (HTML or Typst).
    Template {
        /// Template file name, e.g. `letter-8-12.html`.
        template: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What went wrong (kind and detail, data values redacted).
        message: String,
    },
    /// The data does not follow the contract (names the field, never its value).
    Data { field: String, message: String },
    /// A theme file could not be read.
    Theme { path: String, message: String },
}

impl From<ThemeError> for RenderError {
    fn from(e: ThemeError) -> Self {
        match e.line {
            Some(_) if e.message.contains("not UTF-8") => RenderError::Theme {
                path: e.path,
                message: e.message,
            },
            Some(line) => RenderError::Template {
                template: e.path,
                line: Some(line),
                message: e.message,
            },
            None => RenderError::Theme {
                path: e.path,
                message: e.message,
            },
        }
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Template {
                template,
                line: Some(line),
                message,
            } => {
                write!(f, "template {template}, line {line}: {message}")
            }
            RenderError::Template {
                template,
                line: None,
                message,
            } => {
                write!(f, "template {template}: {message}")
            }
            RenderError::Data { field, message } => {
                write!(f, "letter data, field `{field}`: {message}")
            }
            RenderError::Theme { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<PdfError> for RenderError {
    fn from(e: PdfError) -> Self {
        RenderError::Template {
            template: e.template,
            line: e.line,
            message: e.message,
        }
    }
}

/// The letter templates of a theme: the HTML environment and the Typst sources.
pub struct LetterTheme {
    env: minijinja::Environment<'static>,
    typst: BTreeMap<String, String>,
}

impl Default for LetterTheme {
    fn default() -> Self {
        Self::from_theme(&Theme::builtin()).expect("the default letter templates are valid")
    }
}

impl LetterTheme {
    /// The default theme's letter templates, compiled into the binary.
    pub fn new() -> Self {
        Self::default()
    }

    /// The `letters/` templates of a theme (a service's files override the
    /// default's one by one, or add files templates include or import).
    pub fn from_theme(theme: &Theme) -> Result<Self, RenderError> {
        let env = theme.jinja("letters").map_err(|e| {
            // Template names in letter errors are the file names in `letters/`.
            let mut e: RenderError = e.into();
            if let RenderError::Template { template, .. } = &mut e
                && let Some(n) = template.rsplit('/').next()
            {
                *template = n.to_string();
            }
            e
        })?;
        let mut typst = BTreeMap::new();
        let names: Vec<String> = theme
            .under("letters")
            .filter(|(p, _)| p.ends_with(".typ") && !p.contains('/'))
            .map(|(p, _)| p.to_string())
            .collect();
        for name in names {
            let text = theme.text(&format!("letters/{name}"))?;
            typst.insert(name, text.to_string());
        }
        Ok(Self { env, typst })
    }

    /// The default templates with `overrides` (file name in `letters/` -> source) on top.
    pub fn from_files(overrides: BTreeMap<String, String>) -> Result<Self, RenderError> {
        let files = overrides
            .into_iter()
            .map(|(n, s)| (format!("letters/{n}"), s.into_bytes()))
            .collect();
        Self::from_theme(&Theme::with_overrides(files))
    }

    /// The letter, invite page or card as a standalone HTML page (no photo).
    pub fn render_html(&self, data: &Data) -> Result<String, RenderError> {
        self.render_html_with_photo(data, None)
    }

    /// Like [`LetterTheme::render_html`], with the IRO's photo embedded as a `data:` URI
    /// (PNG, JPEG, GIF or WebP), so the page needs no other file.
    pub fn render_html_with_photo(
        &self,
        data: &Data,
        photo: Option<&[u8]>,
    ) -> Result<String, RenderError> {
        let photo_src = match photo {
            Some(bytes) => {
                let mime = image_mime(bytes).ok_or_else(not_an_image)?;
                Value::String(format!("data:{mime};base64,{}", base64(bytes)))
            }
            None => Value::Null,
        };
        let mut ctx = context(data, photo.is_some());
        if let Value::Object(m) = &mut ctx {
            m.insert("photo_src".into(), photo_src);
        }
        let name = format!("{}.html", data.template());
        let template = self
            .env
            .get_template(&name)
            .map_err(|e| template_error(&e, &name, Some(&ctx)))?;
        template
            .render(minijinja::value::Serde(&ctx))
            .map_err(|e| template_error(&e, &name, Some(&ctx)))
    }

    /// The letter, invite page or card as a tagged PDF (PDF/UA-1), A4.
    /// `photo` is the IRO's photo (PNG, JPEG, GIF or WebP); without it no photo is shown.
    pub fn render_pdf(
        &self,
        engine: &PdfEngine,
        data: &Data,
        photo: Option<Vec<u8>>,
    ) -> Result<Vec<u8>, RenderError> {
        if let Some(bytes) = &photo {
            image_mime(bytes).ok_or_else(not_an_image)?;
        }
        let mut ctx = context(data, photo.is_some());
        fit_to_fonts(engine, &mut ctx);
        let name = format!("{}.typ", data.template());
        let main = self.typst.get(&name).ok_or_else(|| RenderError::Template {
            template: name.clone(),
            line: None,
            message: "no such template in the theme".into(),
        })?;
        let json = serde_json::to_vec(&ctx).map_err(|_| RenderError::Data {
            field: "(root)".into(),
            message: "cannot be written as JSON".into(),
        })?;
        let mut paths: Vec<String> = Vec::with_capacity(self.typst.len() + 2);
        let mut contents: Vec<Vec<u8>> = Vec::with_capacity(self.typst.len() + 2);
        for (n, source) in self.typst.iter().filter(|(n, _)| **n != name) {
            paths.push(format!("/{n}"));
            contents.push(source.as_bytes().to_vec());
        }
        paths.push("/data.json".into());
        contents.push(json);
        if let Some(bytes) = photo {
            paths.push(PHOTO_PATH.into());
            contents.push(bytes);
        }
        let files: Vec<(&str, Vec<u8>)> = paths.iter().map(String::as_str).zip(contents).collect();
        Ok(engine.compile_named(&name, main, &files)?)
    }
}

/// The data as the templates read it: JSON, with `iro.photo` pointing at the
/// photo's virtual path when there is a photo, `null` otherwise.
fn context(data: &Data, has_photo: bool) -> Value {
    let mut d = data.clone();
    d.iro_mut().photo = has_photo.then(|| PHOTO_PATH.to_string());
    serde_json::to_value(&d).unwrap_or(Value::Null)
}

/// A minijinja error as template, line and kind (plus its detail, redacted). Never the
/// debug form, which prints the variables in scope.
fn template_error(err: &minijinja::Error, fallback: &str, data: Option<&Value>) -> RenderError {
    let mut message = err.kind().to_string();
    if let Some(detail) = err.detail() {
        let data: Vec<Value> = data.into_iter().cloned().collect();
        message = format!("{message}: {}", redact_data(detail, &data));
    }
    RenderError::Template {
        template: err.name().unwrap_or(fallback).to_string(),
        line: err.line().filter(|&l| l > 0),
        message,
    }
}

/// Characters in the data's text that no font in the PDF engine can show (emoji, and
/// scripts such as Chinese, Bengali, Gurmukhi or Ethiopic that the bundled fonts lack).
/// [`LetterTheme::render_pdf`] leaves emoji out and shows the others as `□`; the HTML letter
/// shows them all. Use this to warn the IRO before the letter is sent.
pub fn pdf_unsupported_chars(engine: &PdfEngine, data: &Data) -> BTreeSet<char> {
    let mut out = BTreeSet::new();
    let data = context(data, false);
    visit_strings(&data, &mut |s| {
        out.extend(s.chars().filter(|c| !engine.covers(*c)))
    });
    out
}

fn visit_strings(value: &Value, f: &mut impl FnMut(&str)) {
    match value {
        Value::String(s) => f(s),
        Value::Array(items) => items.iter().for_each(|v| visit_strings(v, f)),
        Value::Object(map) => map.values().for_each(|v| visit_strings(v, f)),
        _ => {}
    }
}

/// Emoji and the invisible characters that build emoji sequences.
fn is_emoji_part(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xE0020..=0xE007F
        | 0xFE00..=0xFE0F | 0x200D | 0x20E3)
}

/// Replace characters no font can show (PDF/UA-1 export refuses them): emoji are left
/// out, anything else becomes `□`.
pub fn fit_to_fonts(engine: &PdfEngine, value: &mut Value) {
    match value {
        Value::String(s) => {
            if s.chars().all(|c| engine.covers(c)) {
                return;
            }
            let fallback = if engine.covers('□') { '□' } else { '?' };
            *s = s
                .chars()
                .filter_map(|c| match (engine.covers(c), is_emoji_part(c)) {
                    (true, _) => Some(c),
                    (false, true) => None,
                    (false, false) => Some(fallback),
                })
                .collect();
        }
        Value::Array(items) => items.iter_mut().for_each(|v| fit_to_fonts(engine, v)),
        Value::Object(map) => map.values_mut().for_each(|v| fit_to_fonts(engine, v)),
        _ => {}
    }
}

fn not_an_image() -> RenderError {
    RenderError::Data {
        field: "photo".into(),
        message: "is not a PNG, JPEG, GIF or WebP image".into(),
    }
}

/// MIME type of a raster image, from its first bytes.
fn image_mime(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if b.len() > 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letters::data::Data;
    use serde_json::json;
    use std::process::Command;

    /// Band names, as the data writes them.
    const BANDS: [&str; 4] = ["under8", "8-12", "13plus", "young-adult"];

    /// The typed data of a JSON sample (tests edit the JSON, then render it).
    fn typed(v: &Value) -> Data {
        serde_json::from_value(v.clone()).expect("sample data follows the contract")
    }
    use std::sync::OnceLock;

    /// A 1x1 PNG.
    const PNG: &[u8] = &[
        137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 4,
        0, 0, 0, 181, 28, 12, 2, 0, 0, 0, 11, 73, 68, 65, 84, 120, 218, 99, 100, 96, 0, 0, 0, 6, 0,
        2, 48, 129, 208, 47, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
    ];

    /// Typst markup characters and a script, as an IRO might type them.
    const TRICKY: &str =
        r"Symbols: # $ [ ] \ @ < and <script>alert(1)</script> #let x = 1 $x$ @ref <lbl>";

    fn engine() -> &'static PdfEngine {
        static ENGINE: OnceLock<PdfEngine> = OnceLock::new();
        ENGINE.get_or_init(PdfEngine::new)
    }

    const BODY: &str = "\
## What is going well

You told me you are *really enjoying* football at school, and that **Jo makes the best \
pancakes**. Your carers said you have been kind to the new puppy.

## What we are worried about

Sometimes you feel sad when family time with your mum ends. We talked about what \
might help.

## What you told me

> I want to see my brother Kai more, and I want my own bike.

- You would like to go to drama club on Tuesdays.
- You want to stay at the same school.
";

    pub(super) fn sample_letter(band: &str, body_md: &str) -> Value {
        let (title, kind) = if band == "young-adult" {
            ("Your pathway plan review on 4 May 2025", "pathway")
        } else if band == "13plus" {
            (
                "Letter from your IRO after your review on 4 May 2025",
                "cla",
            )
        } else {
            ("A letter about your meeting on 4 May 2025", "cla")
        };
        json!({
            "kind": "letter",
            "band": band,
            "title": title,
            "child": { "preferred_name": "Amira" },
            "iro": {
                "name": "Priya Shah",
                "phone": "01234 567890",
                "email": "priya.shah@northdale.example",
                "card": "I love walking my dog, Biscuit, by the sea.",
                "photo": null
            },
            "service": {
                "name": "Northdale Council Independent Reviewing Service",
                "short_name": "Northdale",
                "advocacy": "An advocate is someone who helps you say what you want and makes sure people listen. Ask me or your social worker, or ring Voices for Children on 0800 000 0000. It is free.",
                "complaints": "If you are unhappy about something, you can tell me or your social worker. You can also ring the complaints team on 01234 000000 and they will help you."
            },
            "review": { "date": "2025-05-04", "date_long": "4 May 2025", "kind": kind, "first_letter": true },
            "body": crate::markdown::to_blocks(body_md),
            "decisions": [
                { "text": "ask the school about a laptop for your homework", "who": "Sam, your social worker", "by": "2025-06-30", "by_long": "30 June 2025" },
                { "text": "find out about drama club on Tuesdays.", "who": "Jo, your carer", "by": "2025-05-31", "by_long": "31 May 2025" },
                { "text": "plan more time with Kai over the summer", "who": "Everyone", "by": null, "by_long": null }
            ],
            "next_review": { "due": "2025-11-03", "due_long": "3 November 2025" },
            "rights": true
        })
    }

    fn sample_invite(band: &str) -> Value {
        json!({
            "kind": "invite", "band": band, "title": "My meeting: what I want",
            "child": { "preferred_name": "Amira" },
            "iro": { "name": "Priya Shah", "phone": "01234 567890", "email": "priya.shah@northdale.example", "card": null, "photo": null },
            "review": { "date_long": "due by 3 November 2025" }
        })
    }

    fn sample_card() -> Value {
        json!({
            "kind": "card", "title": "Hello! I am Priya",
            "iro": { "name": "Priya Shah", "phone": "01234 567890", "email": "priya.shah@northdale.example", "card": "I love walking my dog, Biscuit, by the sea.", "photo": null },
            "service": { "name": "Northdale Council Independent Reviewing Service", "short_name": "Northdale", "advocacy": "", "complaints": "" }
        })
    }

    fn tool(name: &str) -> bool {
        let ok = Command::new(name).arg("-v").output().is_ok();
        if !ok {
            // Under CI (.ci/run sets IRO_CI) a missing tool fails: nothing is skipped silently.
            assert!(
                std::env::var_os("IRO_CI").is_none(),
                "`{name}` (poppler-utils) is needed under CI"
            );
            eprintln!("note: `{name}` (poppler-utils) not installed; skipping that check");
        }
        ok
    }

    fn write_tmp(bytes: &[u8], name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("iro-letter-tests-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn pdfinfo(pdf: &[u8], name: &str) -> Option<String> {
        if !tool("pdfinfo") {
            return None;
        }
        let path = write_tmp(pdf, name);
        let out = Command::new("pdfinfo").arg(&path).output().unwrap();
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// The value of a `pdfinfo` field ("Tagged", "Title", ...).
    fn info_field<'a>(info: &'a str, key: &str) -> Option<&'a str> {
        info.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
            .map(str::trim)
    }

    fn pdftotext(pdf: &[u8], name: &str) -> Option<String> {
        if !tool("pdftotext") {
            return None;
        }
        let path = write_tmp(pdf, name);
        let out = Command::new("pdftotext")
            .arg("-layout")
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let md = format!("{}deep\n", "> ".repeat(500));
        let blocks = crate::markdown::to_blocks(&md);
        let mut data = sample_letter("8-12", "");
        data["body"] = serde_json::to_value(blocks).unwrap();
        LetterTheme::new()
            .render_pdf(engine(), &typed(&data), None)
            .expect("renders");
    }

    #[test]
    fn every_band_renders_html_and_tagged_pdf() {
        let theme = LetterTheme::new();
        for band in BANDS {
            let data = sample_letter(band, BODY);
            let html = theme
                .render_html(&typed(&data))
                .unwrap_or_else(|e| panic!("{band}: {e}"));
            assert!(html.contains("<html lang=\"en-GB\">"), "{band}");
            assert!(html.contains("<title>"), "{band}");
            assert!(html.contains("<main"), "{band}");
            assert!(html.contains("Sam, your social worker will ask the school about a laptop for your homework by 30 June 2025.")
                || html.contains("Sam, your social worker, will"), "{band}");
            assert!(html.contains("3 November 2025"), "{band}");
            assert!(!html.contains("<script"), "{band}");
            assert!(
                !html.contains("http://") && !html.contains("https://"),
                "{band}: no external resources"
            );

            let pdf = theme
                .render_pdf(engine(), &typed(&data), Some(PNG.to_vec()))
                .unwrap_or_else(|e| panic!("{band}: {e}"));
            assert!(pdf.starts_with(b"%PDF"), "{band}");
            if let Some(info) = pdfinfo(&pdf, &format!("{band}.pdf")) {
                assert_eq!(info_field(&info, "Tagged"), Some("yes"), "{band}: {info}");
                assert!(
                    info_field(&info, "Title").is_some_and(|t| t.contains("4 May 2025")),
                    "{band}: {info}"
                );
                assert_eq!(
                    info_field(&info, "Page size"),
                    Some("595.276 x 841.89 pts (A4)"),
                    "{band}: {info}"
                );
            }
            if let Some(text) = pdftotext(&pdf, &format!("{band}.pdf")) {
                let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(flat.contains("Amira"), "{band}: {flat}");
                assert!(flat.contains("30 June 2025"), "{band}");
                assert!(flat.contains("Priya Shah"), "{band}");
                assert!(flat.contains("01234 567890"), "{band}");
            }
        }
    }

    #[test]
    fn decisions_read_as_sentences() {
        let theme = LetterTheme::new();
        let data = sample_letter("8-12", "Hi.");
        let html = theme.render_html(&typed(&data)).unwrap();
        assert!(html.contains("<li>Sam, your social worker, will ask the school about a laptop for your homework by 30 June 2025.</li>"), "{html}");
        assert!(html.contains("<li>Jo, your carer, will find out about drama club on Tuesdays by 31 May 2025.</li>"), "{html}");
        assert!(
            html.contains("<li>Everyone will plan more time with Kai over the summer.</li>"),
            "{html}"
        );
        if let Some(text) = pdftotext(
            &theme.render_pdf(engine(), &typed(&data), None).unwrap(),
            "decisions.pdf",
        ) {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(
                    "Jo, your carer, will find out about drama club on Tuesdays by 31 May 2025."
                ),
                "{flat}"
            );
            assert!(
                flat.contains("Everyone will plan more time with Kai over the summer."),
                "{flat}"
            );
        }
    }

    #[test]
    fn markup_characters_and_script_are_literal() {
        let theme = LetterTheme::new();
        let md = format!(
            "## Heading with # and $\n\n{TRICKY}\n\n- item with [brackets] and \\\\ backslash\n\nfirst line\\\nsecond line\n"
        );
        let mut data = sample_letter("13plus", &md);
        data["child"]["preferred_name"] = json!("Am#ira $x$ [b]");
        data["decisions"][0]["text"] = json!("check #emph[x] and $1 + 1$ @label <tag>");
        data["iro"]["card"] = json!("<script>alert('card')</script> #panic()");

        let html = theme.render_html(&typed(&data)).unwrap();
        assert!(!html.contains("<script>"), "script must be escaped");
        assert!(!html.contains("<tag>"), "tags must be escaped");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("Am#ira $x$ [b]"));
        assert!(html.contains("first line<br>second line"), "{html}");

        let pdf = theme.render_pdf(engine(), &typed(&data), None).unwrap();
        if let Some(text) = pdftotext(&pdf, "tricky.pdf") {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for needle in [
                "Symbols: # $ [ ] \\ @ < and <script>alert(1)</script> #let x = 1 $x$ @ref <lbl>",
                "Am#ira $x$ [b]",
                "check #emph[x] and $1 + 1$ @label <tag>",
                "<script>alert('card')</script> #panic()",
                "Heading with # and $",
                "[brackets] and \\ backslash",
                "first line second line",
            ] {
                assert!(flat.contains(needle), "missing {needle:?} in {flat}");
            }
        }
    }

    #[test]
    fn characters_without_a_font_do_not_break_the_pdf() {
        let theme = LetterTheme::new();
        let mut data = sample_letter("8-12", "Well done! 🎉👍🏽 你好 নাম Łódź أميرة");
        data["child"]["preferred_name"] = json!("Amira 😀");
        let missing = pdf_unsupported_chars(engine(), &typed(&data));
        assert!(
            missing.contains(&'😀') && missing.contains(&'你'),
            "{missing:?}"
        );
        assert!(!missing.contains(&'Ł'));
        let pdf = theme
            .render_pdf(engine(), &typed(&data), None)
            .expect("renders without emoji font");
        if let Some(text) = pdftotext(&pdf, "glyphs.pdf") {
            assert!(text.contains("Łódź"), "{text}");
            assert!(text.contains("□□"), "{text}");
        }
        let html = theme.render_html(&typed(&data)).unwrap();
        assert!(html.contains("🎉👍🏽 你好"));
    }

    #[test]
    fn invite_and_card_render() {
        let theme = LetterTheme::new();
        for band in BANDS {
            let data = sample_invite(band);
            let html = theme
                .render_html(&typed(&data))
                .unwrap_or_else(|e| panic!("{band}: {e}"));
            assert!(html.contains("Who I want to be there"));
            let pdf = theme
                .render_pdf(engine(), &typed(&data), None)
                .unwrap_or_else(|e| panic!("{band}: {e}"));
            if let Some(info) = pdfinfo(&pdf, "invite.pdf") {
                assert_eq!(info_field(&info, "Tagged"), Some("yes"), "{info}");
                assert_eq!(
                    info_field(&info, "Pages"),
                    Some("1"),
                    "{band}: invite fits one page: {info}"
                );
            }
        }
        let card = sample_card();
        let html = theme
            .render_html_with_photo(&typed(&card), Some(PNG))
            .unwrap();
        assert!(
            html.contains("src=\"data:image&#x2f;png;base64,")
                || html.contains("src=\"data:image/png;base64,"),
            "{html}"
        );
        assert!(html.contains("alt=\"Photo of Priya Shah\""));
        let pdf = theme
            .render_pdf(engine(), &typed(&card), Some(PNG.to_vec()))
            .unwrap();
        if let Some(info) = pdfinfo(&pdf, "card.pdf") {
            assert_eq!(info_field(&info, "Tagged"), Some("yes"), "{info}");
            assert_eq!(
                info_field(&info, "Title"),
                Some("Hello! I am Priya"),
                "{info}"
            );
        }
    }

    #[test]
    fn html_template_syntax_error_names_template_and_line() {
        let mut files = BTreeMap::new();
        files.insert("letter-8-12.html".to_string(), "{% extends \"base.html\" %}\n{% block greeting %}\nHi {{ child.preferred_name \n{% endblock %}".to_string());
        let err = LetterTheme::from_files(files).err().expect("syntax error");
        eprintln!("shown: {err}");
        match &err {
            RenderError::Template {
                template,
                line,
                message,
            } => {
                assert_eq!(template, "letter-8-12.html");
                assert!(line.is_some(), "{err}");
                assert!(message.contains("syntax error"), "{err}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn html_runtime_error_has_no_data_values() {
        let mut files = BTreeMap::new();
        files.insert(
            "letter-8-12.html".to_string(),
            "{% extends \"base.html\" %}\n{% block greeting %}\n{{ child.preferred_name ~ child.preferred_name.nope }}\n{{ child.preferred_name + 1 }}{% endblock %}".to_string(),
        );
        let theme = LetterTheme::from_files(files).unwrap();
        let mut data = sample_letter("8-12", "Secret body text");
        data["child"]["preferred_name"] = json!("Zanzibar");
        let err = theme.render_html(&typed(&data)).unwrap_err();
        let shown = err.to_string();
        eprintln!("shown: {shown}");
        assert!(shown.contains("letter-8-12.html"), "{shown}");
        assert!(
            matches!(err, RenderError::Template { line: Some(3), .. }),
            "{shown}"
        );
        assert!(
            !shown.contains("Zanzibar") && !shown.contains("Secret"),
            "{shown}"
        );
        let debug = format!("{err:?}");
        assert!(!debug.contains("Zanzibar"), "{debug}");
    }

    #[test]
    fn typst_template_error_names_template_and_line_without_values() {
        let mut files = BTreeMap::new();
        files.insert(
            "letter-13plus.typ".to_string(),
            "#import \"/letter-base.typ\": letter\n#let data = json(\"/data.json\")\n#panic(data.child.preferred_name)\n".to_string(),
        );
        files.insert(
            "letter-8-12.typ".to_string(),
            "#let data = json(\"/data.json\")\n\n#let x = (\n".to_string(),
        );
        let theme = LetterTheme::from_files(files).unwrap();
        let mut data = sample_letter("13plus", "Hi.");
        data["child"]["preferred_name"] = json!("Zanzibar Quill");
        let err = theme.render_pdf(engine(), &typed(&data), None).unwrap_err();
        let shown = err.to_string();
        eprintln!("shown: {shown}");
        assert!(
            matches!(&err, RenderError::Template { template, line: Some(3), .. } if template == "letter-13plus.typ"),
            "{shown}"
        );
        assert!(
            !shown.contains("Zanzibar") && !shown.contains("Quill"),
            "{shown}"
        );

        data["band"] = json!("8-12");
        data["child"]["preferred_name"] = json!("Zanzibar Quill");
        let err = theme.render_pdf(engine(), &typed(&data), None).unwrap_err();
        let shown = err.to_string();
        eprintln!("shown: {shown}");
        assert!(
            matches!(&err, RenderError::Template { template, line: Some(_), .. } if template == "letter-8-12.typ"),
            "{shown}"
        );
        assert!(!shown.contains("Zanzibar"), "{shown}");
    }

    #[test]
    fn typed_data_optional_fields_and_bad_photos() {
        let theme = LetterTheme::new();
        // The types make a wrong band or a missing field unrepresentable.
        let mut data = sample_letter("8-12", "Hi");
        data["band"] = json!("Zanzibar");
        assert!(serde_json::from_value::<Data>(data).is_err());
        let mut data = sample_letter("8-12", "Hi");
        data["decisions"][1].as_object_mut().unwrap().remove("who");
        assert!(serde_json::from_value::<Data>(data).is_err());

        let mut data = sample_letter("8-12", "Hi");
        data["iro"].as_object_mut().unwrap().remove("card");
        data["iro"].as_object_mut().unwrap().remove("photo");
        data["next_review"] = Value::Null;
        data["decisions"] = json!([]);
        theme
            .render_html(&typed(&data))
            .expect("optional fields may be left out");
        theme
            .render_pdf(engine(), &typed(&data), None)
            .expect("optional fields may be left out");

        let err = theme
            .render_pdf(
                engine(),
                &typed(&sample_card()),
                Some(b"GIF8 not really".to_vec()),
            )
            .unwrap_err();
        assert!(matches!(err, RenderError::Data { ref field, .. } if field == "photo"));
    }

    #[test]
    fn override_directory_replaces_one_template() {
        let dir = std::env::temp_dir().join(format!("iro-theme-test-{}", std::process::id()));
        let letters = dir.join("themes/mine/letters");
        std::fs::create_dir_all(&letters).unwrap();
        std::fs::write(
            letters.join("letter-under8.html"),
            "{% extends \"base.html\" %}{% block greeting %}Hiya {{ child.preferred_name }}!{% endblock %}",
        )
        .unwrap();
        let theme = LetterTheme::from_theme(&Theme::load(&dir, Some("mine")).unwrap()).unwrap();
        let html = theme
            .render_html(&typed(&sample_letter("under8", "Hi")))
            .unwrap();
        assert!(html.contains("Hiya Amira!"));
        // Other templates still come from the default theme.
        let html = theme
            .render_html(&typed(&sample_letter("8-12", "Hi")))
            .unwrap();
        assert!(html.contains("Hello Amira,"));
        assert!(
            Theme::load(&dir, Some("missing")).is_err(),
            "a theme named in iro.toml must exist"
        );
        assert!(Theme::load(&dir, None).is_ok());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn pdf_is_reproducible() {
        let theme = LetterTheme::new();
        let data = sample_letter("under8", BODY);
        let a = theme
            .render_pdf(engine(), &typed(&data), Some(PNG.to_vec()))
            .unwrap();
        let b = theme
            .render_pdf(engine(), &typed(&data), Some(PNG.to_vec()))
            .unwrap();
        assert_eq!(a, b);
    }

    /// Every sample document (each letter band, the invites, the card)
    /// renders to a PDF whose text holds its greeting and to HTML in British
    /// English. With $IRO_SAMPLES set, they are written there to look at (and
    /// turned into PNGs where poppler is installed):
    /// `IRO_SAMPLES=/tmp/iro-samples cargo test --release write_samples`.
    #[test]
    fn write_samples() {
        let keep = std::env::var_os("IRO_SAMPLES").map(std::path::PathBuf::from);
        let tmp = tempfile::tempdir().unwrap();
        let out = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
        std::fs::create_dir_all(&out).unwrap();
        let photo = std::env::var("IRO_SAMPLE_PHOTO")
            .ok()
            .map(|p| std::fs::read(p).unwrap());
        let theme = LetterTheme::new();
        let mut docs: Vec<(String, Value)> = BANDS
            .iter()
            .map(|b| (format!("letter-{b}"), sample_letter(b, BODY)))
            .collect();
        docs.push(("invite-8-12".into(), sample_invite("8-12")));
        docs.push(("invite-under8".into(), sample_invite("under8")));
        docs.push(("card".into(), sample_card()));
        for (name, data) in docs {
            let pdf = theme
                .render_pdf(engine(), &typed(&data), photo.clone())
                .unwrap();
            assert!(pdf.len() > 10_000, "{name}: {} bytes", pdf.len());
            std::fs::write(out.join(format!("{name}.pdf")), &pdf).unwrap();
            let html = theme
                .render_html_with_photo(&typed(&data), photo.as_deref())
                .unwrap();
            assert!(html.contains("<html lang=\"en-GB\">"), "{name}");
            std::fs::write(out.join(format!("{name}.html")), html).unwrap();
            if keep.is_some() {
                let _ = Command::new("pdftoppm")
                    .args(["-png", "-r", "60"])
                    .arg(out.join(format!("{name}.pdf")))
                    .arg(out.join(&name))
                    .status();
            }
        }
    }
}
