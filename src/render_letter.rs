//! Letters to children, the invite page and the IRO card: HTML (minijinja) and PDF
//! (Typst) from the JSON data contract in `themes/default/letters/README.md`.
//!
//! Templates come from the theme (`themes/<name>/letters/<file>`); any file a service
//! does not override falls back to the default theme compiled into the binary.
//! Record text reaches HTML only through autoescaping and Typst only as `/data.json`.
//! Errors name the template, line and kind; they never carry data values.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{Arena, Options, parse_document};
use serde_json::{Map, Value, json};

use crate::pdf::{PdfEngine, PdfError, redact_data};

/// The default theme's letter templates, compiled into the binary.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/letters/base.html"),
    ),
    (
        "letter-under8.html",
        include_str!("../themes/default/letters/letter-under8.html"),
    ),
    (
        "letter-8-12.html",
        include_str!("../themes/default/letters/letter-8-12.html"),
    ),
    (
        "letter-13plus.html",
        include_str!("../themes/default/letters/letter-13plus.html"),
    ),
    (
        "letter-young-adult.html",
        include_str!("../themes/default/letters/letter-young-adult.html"),
    ),
    (
        "invite.html",
        include_str!("../themes/default/letters/invite.html"),
    ),
    (
        "card.html",
        include_str!("../themes/default/letters/card.html"),
    ),
    (
        "letter-base.typ",
        include_str!("../themes/default/letters/letter-base.typ"),
    ),
    (
        "letter-under8.typ",
        include_str!("../themes/default/letters/letter-under8.typ"),
    ),
    (
        "letter-8-12.typ",
        include_str!("../themes/default/letters/letter-8-12.typ"),
    ),
    (
        "letter-13plus.typ",
        include_str!("../themes/default/letters/letter-13plus.typ"),
    ),
    (
        "letter-young-adult.typ",
        include_str!("../themes/default/letters/letter-young-adult.typ"),
    ),
    (
        "invite.typ",
        include_str!("../themes/default/letters/invite.typ"),
    ),
    (
        "card.typ",
        include_str!("../themes/default/letters/card.typ"),
    ),
];

/// Age bands, as written in the data's `band` field.
pub const BANDS: [&str; 4] = ["under8", "8-12", "13plus", "young-adult"];

/// Virtual path of the photo in Typst (no extension: the format is read from the bytes).
pub const PHOTO_PATH: &str = "/photo";

/// Largest template file a theme may hold.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// Deepest nesting of lists and quotes kept from Markdown; deeper content is flattened.
const MAX_BLOCK_DEPTH: usize = 6;

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

/// A theme's letter templates: HTML environment and Typst sources.
pub struct Theme {
    env: minijinja::Environment<'static>,
    typst: BTreeMap<String, String>,
}

impl Default for Theme {
    fn default() -> Self {
        Self::from_files(BTreeMap::new()).expect("the default letter templates are valid")
    }
}

impl Theme {
    /// The default theme, compiled into the binary.
    pub fn new() -> Self {
        Self::default()
    }

    /// A theme directory (`themes/<name>`): every `letters/*.html` and `letters/*.typ`
    /// in it replaces the default file of the same name (or adds a file templates may
    /// include or import). A missing `letters/` folder means the default theme.
    pub fn load(theme_dir: &Path) -> Result<Self, RenderError> {
        let dir = theme_dir.join("letters");
        let mut files = BTreeMap::new();
        if dir.is_dir() {
            let entries = std::fs::read_dir(&dir).map_err(|e| theme_err(&dir, e))?;
            for entry in entries {
                let entry = entry.map_err(|e| theme_err(&dir, e))?;
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                if !(name.ends_with(".html") || name.ends_with(".typ")) {
                    continue;
                }
                if !valid_template_name(name) {
                    return Err(RenderError::Theme {
                        path: path.display().to_string(),
                        message: "template names may hold only letters, digits, `-`, `_` and `.`"
                            .into(),
                    });
                }
                let meta = std::fs::symlink_metadata(&path).map_err(|e| theme_err(&path, e))?;
                if meta.file_type().is_symlink() {
                    return Err(RenderError::Theme {
                        path: path.display().to_string(),
                        message: "is a symbolic link; copy the template into the theme instead"
                            .into(),
                    });
                }
                if !meta.is_file() {
                    continue;
                }
                if meta.len() > MAX_TEMPLATE_BYTES {
                    return Err(RenderError::Theme {
                        path: path.display().to_string(),
                        message: "is larger than 1 MiB".into(),
                    });
                }
                let bytes = std::fs::read(&path).map_err(|e| theme_err(&path, e))?;
                let text = String::from_utf8(bytes).map_err(|_| RenderError::Theme {
                    path: path.display().to_string(),
                    message: "is not UTF-8 text".into(),
                })?;
                files.insert(name.to_string(), text);
            }
        }
        Self::from_files(files)
    }

    /// The default templates with `overrides` (file name → source) on top.
    pub fn from_files(overrides: BTreeMap<String, String>) -> Result<Self, RenderError> {
        let mut all: BTreeMap<String, String> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        all.extend(overrides);

        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_debug(false);
        // Autoescape by extension (`.html`) is minijinja's default; keep it explicit.
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        let mut typst = BTreeMap::new();
        for (name, source) in all {
            if name.ends_with(".html") {
                env.add_template_owned(name.clone(), source)
                    .map_err(|e| template_error(&e, &name, None))?;
            } else if name.ends_with(".typ") {
                typst.insert(name, source);
            }
        }
        Ok(Self { env, typst })
    }

    /// The letter, invite page or card as a standalone HTML page (no photo).
    pub fn render_html(&self, data: &Value) -> Result<String, RenderError> {
        self.render_html_with_photo(data, None)
    }

    /// Like [`Theme::render_html`], with the IRO's photo embedded as a `data:` URI
    /// (PNG, JPEG, GIF or WebP), so the page needs no other file.
    pub fn render_html_with_photo(
        &self,
        data: &Value,
        photo: Option<&[u8]>,
    ) -> Result<String, RenderError> {
        let (kind, band) = check_contract(data)?;
        let photo_src = match photo {
            Some(bytes) => {
                let mime = image_mime(bytes).ok_or_else(not_an_image)?;
                Value::String(format!("data:{mime};base64,{}", base64(bytes)))
            }
            None => Value::Null,
        };
        let mut ctx = normalise(data, photo.is_some());
        ctx.as_object_mut()
            .expect("checked to be an object")
            .insert("photo_src".into(), photo_src);
        let name = template_name(kind, band, "html");
        let template = self
            .env
            .get_template(&name)
            .map_err(|e| template_error(&e, &name, Some(data)))?;
        template
            .render(minijinja::value::Serde(&ctx))
            .map_err(|e| template_error(&e, &name, Some(data)))
    }

    /// The letter, invite page or card as a tagged PDF (PDF/UA-1), A4.
    /// `photo` is the IRO's photo (PNG, JPEG, GIF or WebP); without it no photo is shown.
    pub fn render_pdf(
        &self,
        engine: &PdfEngine,
        data: &Value,
        photo: Option<Vec<u8>>,
    ) -> Result<Vec<u8>, RenderError> {
        let (kind, band) = check_contract(data)?;
        if let Some(bytes) = &photo {
            image_mime(bytes).ok_or_else(not_an_image)?;
        }
        let mut data = normalise(data, photo.is_some());
        fit_to_fonts(engine, &mut data);
        let name = template_name(kind, band, "typ");
        let main = self.typst.get(&name).ok_or_else(|| RenderError::Template {
            template: name.clone(),
            line: None,
            message: "no such template in the theme".into(),
        })?;
        let json = serde_json::to_vec(&data).map_err(|_| RenderError::Data {
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

/// Characters in the data's text that no font in the PDF engine can show (emoji, and
/// scripts such as Chinese, Bengali, Gurmukhi or Ethiopic that the bundled fonts lack).
/// [`Theme::render_pdf`] leaves emoji out and shows the others as `□`; the HTML letter
/// shows them all. Use this to warn the IRO before the letter is sent.
pub fn pdf_unsupported_chars(engine: &PdfEngine, data: &Value) -> BTreeSet<char> {
    let mut out = BTreeSet::new();
    visit_strings(data, &mut |s| {
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
fn fit_to_fonts(engine: &PdfEngine, value: &mut Value) {
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

fn theme_err(path: &Path, e: std::io::Error) -> RenderError {
    RenderError::Theme {
        path: path.display().to_string(),
        message: e.kind().to_string(),
    }
}

fn valid_template_name(name: &str) -> bool {
    !name.starts_with('.')
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.contains("..")
}

fn template_name(kind: &str, band: Option<&str>, ext: &str) -> String {
    match (kind, band) {
        ("letter", Some(band)) => format!("letter-{band}.{ext}"),
        (kind, _) => format!("{kind}.{ext}"),
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

/// A copy of the data with optional fields filled in (`null`) and `iro.photo` pointing
/// at the photo's virtual path when there is one, `null` otherwise.
fn normalise(data: &Value, has_photo: bool) -> Value {
    let mut data = data.clone();
    if let Some(iro) = data.get_mut("iro").and_then(Value::as_object_mut) {
        iro.entry("card").or_insert(Value::Null);
        iro.insert(
            "photo".into(),
            if has_photo {
                Value::String(PHOTO_PATH.into())
            } else {
                Value::Null
            },
        );
    }
    if let Some(root) = data.as_object_mut()
        && root.get("kind").and_then(Value::as_str) == Some("letter")
    {
        root.entry("rights").or_insert(Value::Bool(true));
        if let Some(decisions) = root.get_mut("decisions").and_then(Value::as_array_mut) {
            for d in decisions.iter_mut().filter_map(Value::as_object_mut) {
                d.entry("by").or_insert(Value::Null);
                d.entry("by_long").or_insert(Value::Null);
            }
        }
        if let Some(review) = root.get_mut("review").and_then(Value::as_object_mut) {
            review.entry("first_letter").or_insert(Value::Bool(false));
        }
    }
    data
}

// ---------------------------------------------------------------------------------
// Contract check: names the field and what was expected, never the value.

enum Want {
    Str,
    OptStr,
    Bool,
    OptBool,
}

fn field(obj: &Map<String, Value>, path: &str, key: &str, want: Want) -> Result<(), RenderError> {
    let v = obj.get(key);
    let ok = match want {
        Want::Str => matches!(v, Some(Value::String(_))),
        Want::OptStr => matches!(v, None | Some(Value::Null) | Some(Value::String(_))),
        Want::Bool => matches!(v, Some(Value::Bool(_))),
        Want::OptBool => matches!(v, None | Some(Value::Null) | Some(Value::Bool(_))),
    };
    if ok {
        Ok(())
    } else {
        let expected = match want {
            Want::Str => "must be a string",
            Want::OptStr => "must be a string or null",
            Want::Bool => "must be true or false",
            Want::OptBool => "must be true, false or left out",
        };
        Err(data_err(
            &join(path, key),
            if v.is_none() && matches!(want, Want::Str | Want::Bool) {
                "is missing"
            } else {
                expected
            },
        ))
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn data_err(field: &str, message: &str) -> RenderError {
    RenderError::Data {
        field: field.to_string(),
        message: message.to_string(),
    }
}

fn object<'a>(
    obj: &'a Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<&'a Map<String, Value>, RenderError> {
    match obj.get(key) {
        Some(Value::Object(m)) => Ok(m),
        None => Err(data_err(&join(path, key), "is missing")),
        Some(_) => Err(data_err(&join(path, key), "must be an object")),
    }
}

fn array<'a>(
    obj: &'a Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<&'a Vec<Value>, RenderError> {
    match obj.get(key) {
        Some(Value::Array(a)) => Ok(a),
        None => Err(data_err(&join(path, key), "is missing")),
        Some(_) => Err(data_err(&join(path, key), "must be a list")),
    }
}

fn check_iro(root: &Map<String, Value>) -> Result<(), RenderError> {
    let iro = object(root, "", "iro")?;
    for key in ["name", "phone", "email"] {
        field(iro, "iro", key, Want::Str)?;
    }
    field(iro, "iro", "card", Want::OptStr)?;
    field(iro, "iro", "photo", Want::OptStr)
}

fn check_service(root: &Map<String, Value>, keys: &[&str]) -> Result<(), RenderError> {
    let service = object(root, "", "service")?;
    keys.iter()
        .try_for_each(|k| field(service, "service", k, Want::Str))
}

fn check_band(root: &Map<String, Value>) -> Result<&str, RenderError> {
    match root.get("band").and_then(Value::as_str) {
        Some(b) if BANDS.contains(&b) => Ok(BANDS.iter().find(|x| **x == b).unwrap()),
        None if !root.contains_key("band") => Err(data_err("band", "is missing")),
        _ => Err(data_err(
            "band",
            "must be one of under8, 8-12, 13plus, young-adult",
        )),
    }
}

/// Check `data` against the contract; returns its kind and, for letters and invites,
/// its band.
pub fn check_contract(data: &Value) -> Result<(&str, Option<&str>), RenderError> {
    let root = data
        .as_object()
        .ok_or_else(|| data_err("(root)", "must be an object"))?;
    let kind = match root.get("kind").and_then(Value::as_str) {
        Some(k @ ("letter" | "invite" | "card")) => k,
        _ => return Err(data_err("kind", "must be one of letter, invite, card")),
    };
    field(root, "", "title", Want::Str)?;
    check_iro(root)?;
    match kind {
        "letter" => {
            let band = check_band(root)?;
            let child = object(root, "", "child")?;
            field(child, "child", "preferred_name", Want::Str)?;
            check_service(root, &["name", "short_name", "advocacy", "complaints"])?;
            let review = object(root, "", "review")?;
            field(review, "review", "date", Want::Str)?;
            field(review, "review", "date_long", Want::Str)?;
            match review.get("kind").and_then(Value::as_str) {
                Some("cla" | "pathway") => {}
                _ => return Err(data_err("review.kind", "must be cla or pathway")),
            }
            field(review, "review", "first_letter", Want::OptBool)?;
            check_blocks(array(root, "", "body")?, "body", 0)?;
            for (i, d) in array(root, "", "decisions")?.iter().enumerate() {
                let path = format!("decisions[{i}]");
                let d = d
                    .as_object()
                    .ok_or_else(|| data_err(&path, "must be an object"))?;
                field(d, &path, "text", Want::Str)?;
                field(d, &path, "who", Want::Str)?;
                field(d, &path, "by", Want::OptStr)?;
                field(d, &path, "by_long", Want::OptStr)?;
            }
            match root.get("next_review") {
                Some(Value::Null) => {}
                Some(Value::Object(next)) => {
                    field(next, "next_review", "due", Want::Str)?;
                    field(next, "next_review", "due_long", Want::Str)?;
                }
                None => {
                    return Err(data_err(
                        "next_review",
                        "is missing (use null when unknown)",
                    ));
                }
                Some(_) => return Err(data_err("next_review", "must be an object or null")),
            }
            field(root, "", "rights", Want::OptBool)?;
            Ok((kind, Some(band)))
        }
        "invite" => {
            let band = check_band(root)?;
            let child = object(root, "", "child")?;
            field(child, "child", "preferred_name", Want::Str)?;
            let review = object(root, "", "review")?;
            field(review, "review", "date_long", Want::Str)?;
            Ok((kind, Some(band)))
        }
        _ => {
            check_service(root, &["name"])?;
            Ok((kind, None))
        }
    }
}

fn check_blocks(blocks: &[Value], path: &str, depth: usize) -> Result<(), RenderError> {
    if depth > MAX_BLOCK_DEPTH + 1 {
        return Err(data_err(path, "is nested too deeply"));
    }
    for (i, b) in blocks.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let obj = b
            .as_object()
            .ok_or_else(|| data_err(&path, "must be an object"))?;
        match obj.get("type").and_then(Value::as_str) {
            Some("heading") => {
                if !obj.get("level").is_some_and(Value::is_u64) {
                    return Err(data_err(&join(&path, "level"), "must be a whole number"));
                }
                check_inlines(array(obj, &path, "inlines")?, &join(&path, "inlines"))?;
            }
            Some("paragraph") => {
                check_inlines(array(obj, &path, "inlines")?, &join(&path, "inlines"))?
            }
            Some("list") => {
                field(obj, &path, "ordered", Want::Bool)?;
                for (j, item) in array(obj, &path, "items")?.iter().enumerate() {
                    let p = format!("{path}.items[{j}]");
                    let item = item
                        .as_array()
                        .ok_or_else(|| data_err(&p, "must be a list of blocks"))?;
                    check_blocks(item, &p, depth + 1)?;
                }
            }
            Some("quote") => check_blocks(
                array(obj, &path, "blocks")?,
                &join(&path, "blocks"),
                depth + 1,
            )?,
            _ => {
                return Err(data_err(
                    &join(&path, "type"),
                    "must be heading, paragraph, list or quote",
                ));
            }
        }
    }
    Ok(())
}

fn check_inlines(inlines: &[Value], path: &str) -> Result<(), RenderError> {
    for (i, x) in inlines.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let obj = x
            .as_object()
            .ok_or_else(|| data_err(&path, "must be an object"))?;
        field(obj, &path, "text", Want::Str)?;
        field(obj, &path, "strong", Want::Bool)?;
        field(obj, &path, "emph", Want::Bool)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// Markdown → blocks

/// The IRO's Markdown as body blocks (see the README for their shapes), from comrak's
/// AST. Raw HTML is kept as literal text (it is never passed through as markup, so a
/// `<script>` shows as text and never runs). Links become their text, images their alt
/// text, code its text. Heading levels are fitted under the letter's own headings (2–4,
/// never skipping a level). Lists and quotes nested deeper than 6 are flattened.
pub fn markdown_to_blocks(md: &str) -> Value {
    let arena = Arena::new();
    let options = Options::default();
    let root = parse_document(&arena, md, &options);
    let mut st = MdState { last_heading: 1 };
    Value::Array(child_blocks(root, 0, &mut st))
}

struct MdState {
    last_heading: u64,
}

fn child_blocks<'a>(node: &'a AstNode<'a>, depth: usize, st: &mut MdState) -> Vec<Value> {
    let mut out = Vec::new();
    for child in node.children() {
        block(child, depth, st, &mut out);
    }
    out
}

fn paragraph(inlines: Vec<Value>) -> Option<Value> {
    if inlines.is_empty() {
        None
    } else {
        Some(json!({ "type": "paragraph", "inlines": inlines }))
    }
}

fn block<'a>(node: &'a AstNode<'a>, depth: usize, st: &mut MdState, out: &mut Vec<Value>) {
    let ast = node.data();
    match &ast.value {
        NodeValue::Paragraph => out.extend(paragraph(inline_runs_of(node))),
        NodeValue::Heading(h) => {
            let level = (h.level as u64).clamp(2, 4).min(st.last_heading + 1);
            st.last_heading = level;
            let inlines = inline_runs_of(node);
            if !inlines.is_empty() {
                out.push(json!({ "type": "heading", "level": level, "inlines": inlines }));
            }
        }
        NodeValue::List(list) => {
            if depth >= MAX_BLOCK_DEPTH {
                flatten(node, out);
                return;
            }
            let items: Vec<Value> = node
                .children()
                .map(|item| Value::Array(child_blocks(item, depth + 1, st)))
                .collect();
            let ordered = list.list_type == ListType::Ordered;
            out.push(json!({ "type": "list", "ordered": ordered, "items": items }));
        }
        NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) | NodeValue::Alert(_) => {
            if depth >= MAX_BLOCK_DEPTH {
                flatten(node, out);
                return;
            }
            let blocks = child_blocks(node, depth + 1, st);
            if !blocks.is_empty() {
                out.push(json!({ "type": "quote", "blocks": blocks }));
            }
        }
        NodeValue::CodeBlock(code) => out.extend(paragraph(literal_runs(&code.literal))),
        NodeValue::HtmlBlock(html) => out.extend(paragraph(literal_runs(&html.literal))),
        NodeValue::ThematicBreak | NodeValue::FrontMatter(_) => {}
        NodeValue::Table(_) => {
            for row in node.children() {
                let cells: Vec<String> = row.children().map(plain_text).collect();
                let line = cells.join(" – ");
                if !line.trim().is_empty() {
                    out.extend(paragraph(vec![run(&line, false, false)]));
                }
            }
        }
        _ => {
            // Other containers (items, footnotes, description lists...): their blocks.
            drop(ast);
            for child in node.children() {
                if is_block(child) {
                    block(child, depth, st, out);
                } else {
                    out.extend(paragraph(inline_runs_of(child)));
                }
            }
        }
    }
}

fn is_block<'a>(node: &'a AstNode<'a>) -> bool {
    node.data().value.block()
}

/// Everything under `node` as plain paragraphs (for over-deep nesting).
fn flatten<'a>(node: &'a AstNode<'a>, out: &mut Vec<Value>) {
    for d in node.descendants() {
        let is_leaf_block = matches!(
            d.data().value,
            NodeValue::Paragraph
                | NodeValue::Heading(_)
                | NodeValue::CodeBlock(_)
                | NodeValue::HtmlBlock(_)
        );
        if is_leaf_block {
            let text = plain_text(d);
            if !text.trim().is_empty() {
                out.extend(paragraph(vec![run(&text, false, false)]));
            }
        }
    }
}

fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut s = String::new();
    for x in inline_runs_of(node) {
        s.push_str(x["text"].as_str().unwrap_or(""));
    }
    match &node.data().value {
        NodeValue::CodeBlock(c) => c.literal.trim_end().to_string(),
        NodeValue::HtmlBlock(h) => h.literal.trim_end().to_string(),
        _ => s,
    }
}

fn run(text: &str, strong: bool, emph: bool) -> Value {
    json!({ "text": text, "strong": strong, "emph": emph })
}

/// Literal text (code, raw HTML) with its line breaks kept.
fn literal_runs(text: &str) -> Vec<Value> {
    let mut runs = Vec::new();
    for (i, line) in text.trim_end().lines().enumerate() {
        if i > 0 {
            runs.push(run("\n", false, false));
        }
        if !line.is_empty() {
            runs.push(run(line, false, false));
        }
    }
    runs
}

fn inline_runs_of<'a>(node: &'a AstNode<'a>) -> Vec<Value> {
    let mut runs: Vec<(String, bool, bool)> = Vec::new();
    for child in node.children() {
        collect_inline(child, false, false, &mut runs);
    }
    // Trim leading/trailing whitespace-only breaks, merge runs of the same style.
    let mut merged: Vec<(String, bool, bool)> = Vec::new();
    for (text, strong, emph) in runs {
        if text.is_empty() {
            continue;
        }
        match merged.last_mut() {
            Some(last) if last.1 == strong && last.2 == emph && text != "\n" && last.0 != "\n" => {
                last.0.push_str(&text)
            }
            _ => merged.push((text, strong, emph)),
        }
    }
    merged.into_iter().map(|(t, s, e)| run(&t, s, e)).collect()
}

fn collect_inline<'a>(
    node: &'a AstNode<'a>,
    strong: bool,
    emph: bool,
    out: &mut Vec<(String, bool, bool)>,
) {
    let ast = node.data();
    match &ast.value {
        NodeValue::Text(t) => out.push((t.to_string(), strong, emph)),
        NodeValue::Code(c) => out.push((c.literal.clone(), strong, emph)),
        NodeValue::HtmlInline(h) | NodeValue::Raw(h) => out.push((h.clone(), strong, emph)),
        NodeValue::SoftBreak => out.push((" ".into(), strong, emph)),
        NodeValue::LineBreak => out.push(("\n".into(), strong, emph)),
        NodeValue::Math(m) => out.push((m.literal.clone(), strong, emph)),
        NodeValue::Strong => {
            drop(ast);
            node.children()
                .for_each(|c| collect_inline(c, true, emph, out));
        }
        NodeValue::Emph => {
            drop(ast);
            node.children()
                .for_each(|c| collect_inline(c, strong, true, out));
        }
        _ => {
            // Links, images (alt text), strikethrough and the rest: their text.
            drop(ast);
            node.children()
                .for_each(|c| collect_inline(c, strong, emph, out));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;
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
            "body": markdown_to_blocks(body_md),
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
    fn markdown_blocks_have_the_contract_shapes() {
        let blocks = markdown_to_blocks(
            "# Big\n\nHello *you* and **me** [link](http://x.example).\n\n#### Deep\n\n- a\n- b\n\n1. one\n\n> quoted\n",
        );
        let b = blocks.as_array().unwrap();
        assert_eq!(
            b[0],
            json!({"type": "heading", "level": 2, "inlines": [{"text": "Big", "strong": false, "emph": false}]})
        );
        assert_eq!(
            b[1]["inlines"],
            json!([
                {"text": "Hello ", "strong": false, "emph": false},
                {"text": "you", "strong": false, "emph": true},
                {"text": " and ", "strong": false, "emph": false},
                {"text": "me", "strong": true, "emph": false},
                {"text": " link.", "strong": false, "emph": false}
            ])
        );
        // #### after ## becomes 3: levels never skip.
        assert_eq!(b[2]["level"], 3);
        assert_eq!(b[3]["type"], "list");
        assert_eq!(b[3]["ordered"], false);
        assert_eq!(b[3]["items"][1][0]["inlines"][0]["text"], "b");
        assert_eq!(b[4]["ordered"], true);
        assert_eq!(b[5]["type"], "quote");
        assert_eq!(b[5]["blocks"][0]["inlines"][0]["text"], "quoted");
    }

    #[test]
    fn raw_html_is_literal_text() {
        let blocks = markdown_to_blocks("<script>alert(1)</script>\n\nHi <b>there</b>\n");
        let text = blocks.to_string();
        assert!(text.contains("<script>alert(1)</script>"), "{text}");
        assert!(text.contains("<b>"), "{text}");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let md = format!("{}deep\n", "> ".repeat(500));
        let blocks = markdown_to_blocks(&md);
        let mut data = sample_letter("8-12", "");
        data["body"] = blocks;
        assert!(check_contract(&data).is_ok());
        Theme::new()
            .render_pdf(engine(), &data, None)
            .expect("renders");
    }

    #[test]
    fn every_band_renders_html_and_tagged_pdf() {
        let theme = Theme::new();
        for band in BANDS {
            let data = sample_letter(band, BODY);
            let html = theme
                .render_html(&data)
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
                .render_pdf(engine(), &data, Some(PNG.to_vec()))
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
        let theme = Theme::new();
        let data = sample_letter("8-12", "Hi.");
        let html = theme.render_html(&data).unwrap();
        assert!(html.contains("<li>Sam, your social worker, will ask the school about a laptop for your homework by 30 June 2025.</li>"), "{html}");
        assert!(html.contains("<li>Jo, your carer, will find out about drama club on Tuesdays by 31 May 2025.</li>"), "{html}");
        assert!(
            html.contains("<li>Everyone will plan more time with Kai over the summer.</li>"),
            "{html}"
        );
        if let Some(text) = pdftotext(
            &theme.render_pdf(engine(), &data, None).unwrap(),
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
        let theme = Theme::new();
        let md = format!(
            "## Heading with # and $\n\n{TRICKY}\n\n- item with [brackets] and \\\\ backslash\n\nfirst line\\\nsecond line\n"
        );
        let mut data = sample_letter("13plus", &md);
        data["child"]["preferred_name"] = json!("Am#ira $x$ [b]");
        data["decisions"][0]["text"] = json!("check #emph[x] and $1 + 1$ @label <tag>");
        data["iro"]["card"] = json!("<script>alert('card')</script> #panic()");

        let html = theme.render_html(&data).unwrap();
        assert!(!html.contains("<script>"), "script must be escaped");
        assert!(!html.contains("<tag>"), "tags must be escaped");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("Am#ira $x$ [b]"));
        assert!(html.contains("first line<br>second line"), "{html}");

        let pdf = theme.render_pdf(engine(), &data, None).unwrap();
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
        let theme = Theme::new();
        let mut data = sample_letter("8-12", "Well done! 🎉👍🏽 你好 নাম Łódź أميرة");
        data["child"]["preferred_name"] = json!("Amira 😀");
        let missing = pdf_unsupported_chars(engine(), &data);
        assert!(
            missing.contains(&'😀') && missing.contains(&'你'),
            "{missing:?}"
        );
        assert!(!missing.contains(&'Ł'));
        let pdf = theme
            .render_pdf(engine(), &data, None)
            .expect("renders without emoji font");
        if let Some(text) = pdftotext(&pdf, "glyphs.pdf") {
            assert!(text.contains("Łódź"), "{text}");
            assert!(text.contains("□□"), "{text}");
        }
        let html = theme.render_html(&data).unwrap();
        assert!(html.contains("🎉👍🏽 你好"));
    }

    #[test]
    fn invite_and_card_render() {
        let theme = Theme::new();
        for band in BANDS {
            let data = sample_invite(band);
            let html = theme
                .render_html(&data)
                .unwrap_or_else(|e| panic!("{band}: {e}"));
            assert!(html.contains("Who I want to be there"));
            let pdf = theme
                .render_pdf(engine(), &data, None)
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
        let html = theme.render_html_with_photo(&card, Some(PNG)).unwrap();
        assert!(
            html.contains("src=\"data:image&#x2f;png;base64,")
                || html.contains("src=\"data:image/png;base64,"),
            "{html}"
        );
        assert!(html.contains("alt=\"Photo of Priya Shah\""));
        let pdf = theme
            .render_pdf(engine(), &card, Some(PNG.to_vec()))
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
        let err = Theme::from_files(files).err().expect("syntax error");
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
        let theme = Theme::from_files(files).unwrap();
        let mut data = sample_letter("8-12", "Secret body text");
        data["child"]["preferred_name"] = json!("Zanzibar");
        let err = theme.render_html(&data).unwrap_err();
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
        let theme = Theme::from_files(files).unwrap();
        let mut data = sample_letter("13plus", "Hi.");
        data["child"]["preferred_name"] = json!("Zanzibar Quill");
        let err = theme.render_pdf(engine(), &data, None).unwrap_err();
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
        let err = theme.render_pdf(engine(), &data, None).unwrap_err();
        let shown = err.to_string();
        eprintln!("shown: {shown}");
        assert!(
            matches!(&err, RenderError::Template { template, line: Some(_), .. } if template == "letter-8-12.typ"),
            "{shown}"
        );
        assert!(!shown.contains("Zanzibar"), "{shown}");
    }

    #[test]
    fn contract_errors_name_the_field_not_the_value() {
        let theme = Theme::new();
        let mut data = sample_letter("8-12", "Hi");
        data["band"] = json!("Zanzibar");
        let err = theme.render_html(&data).unwrap_err();
        assert_eq!(
            err,
            RenderError::Data {
                field: "band".into(),
                message: "must be one of under8, 8-12, 13plus, young-adult".into()
            }
        );

        let mut data = sample_letter("8-12", "Hi");
        data["decisions"][1].as_object_mut().unwrap().remove("who");
        let err = theme.render_pdf(engine(), &data, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "letter data, field `decisions[1].who`: is missing"
        );

        let mut data = sample_letter("8-12", "Hi");
        data["iro"].as_object_mut().unwrap().remove("card");
        data["iro"].as_object_mut().unwrap().remove("photo");
        data["next_review"] = Value::Null;
        data["decisions"] = json!([]);
        theme
            .render_html(&data)
            .expect("optional fields may be left out");
        theme
            .render_pdf(engine(), &data, None)
            .expect("optional fields may be left out");

        let err = theme
            .render_pdf(engine(), &sample_card(), Some(b"GIF8 not really".to_vec()))
            .unwrap_err();
        assert!(matches!(err, RenderError::Data { ref field, .. } if field == "photo"));
    }

    #[test]
    fn override_directory_replaces_one_template() {
        let dir = std::env::temp_dir().join(format!("iro-theme-test-{}", std::process::id()));
        let letters = dir.join("letters");
        std::fs::create_dir_all(&letters).unwrap();
        std::fs::write(
            letters.join("letter-under8.html"),
            "{% extends \"base.html\" %}{% block greeting %}Hiya {{ child.preferred_name }}!{% endblock %}",
        )
        .unwrap();
        let theme = Theme::load(&dir).unwrap();
        let html = theme.render_html(&sample_letter("under8", "Hi")).unwrap();
        assert!(html.contains("Hiya Amira!"));
        // Other templates still come from the default theme.
        let html = theme.render_html(&sample_letter("8-12", "Hi")).unwrap();
        assert!(html.contains("Hello Amira,"));
        assert!(Theme::load(&dir.join("missing")).is_ok());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn pdf_is_reproducible() {
        let theme = Theme::new();
        let data = sample_letter("under8", BODY);
        let a = theme
            .render_pdf(engine(), &data, Some(PNG.to_vec()))
            .unwrap();
        let b = theme
            .render_pdf(engine(), &data, Some(PNG.to_vec()))
            .unwrap();
        assert_eq!(a, b);
    }

    /// Writes sample letters (PDF, HTML, PNG) to $IRO_SAMPLES (default /tmp/iro-samples).
    /// `cargo test --release -- --ignored write_samples`
    #[test]
    #[ignore]
    fn write_samples() {
        let out = std::path::PathBuf::from(
            std::env::var("IRO_SAMPLES").unwrap_or("/tmp/iro-samples".into()),
        );
        std::fs::create_dir_all(&out).unwrap();
        let photo = std::env::var("IRO_SAMPLE_PHOTO")
            .ok()
            .map(|p| std::fs::read(p).unwrap());
        let theme = Theme::new();
        let mut docs: Vec<(String, Value)> = BANDS
            .iter()
            .map(|b| (format!("letter-{b}"), sample_letter(b, BODY)))
            .collect();
        docs.push(("invite-8-12".into(), sample_invite("8-12")));
        docs.push(("invite-under8".into(), sample_invite("under8")));
        docs.push(("card".into(), sample_card()));
        for (name, data) in docs {
            let pdf = theme.render_pdf(engine(), &data, photo.clone()).unwrap();
            std::fs::write(out.join(format!("{name}.pdf")), &pdf).unwrap();
            let html = theme
                .render_html_with_photo(&data, photo.as_deref())
                .unwrap();
            std::fs::write(out.join(format!("{name}.html")), html).unwrap();
            let _ = Command::new("pdftoppm")
                .args(["-png", "-r", "60"])
                .arg(out.join(format!("{name}.pdf")))
                .arg(out.join(&name))
                .status();
        }
    }

    /// Timing of the letter pipeline (prints; no timed assertions).
    /// `cargo test --release -- --ignored --nocapture bench_letters`
    #[test]
    #[ignore]
    fn bench_letters() {
        use rayon::prelude::*;
        use std::time::Instant;
        let t = Instant::now();
        let engine = PdfEngine::new();
        let cold_engine = t.elapsed();
        let t = Instant::now();
        let theme = Theme::new();
        let theme_time = t.elapsed();
        let letters: Vec<Value> = (0..1000)
            .map(|i| {
                let mut d = sample_letter(BANDS[i % 4], BODY);
                d["child"]["preferred_name"] = json!(format!("Child {i}"));
                d
            })
            .collect();
        let t = Instant::now();
        theme
            .render_pdf(&engine, &letters[0], Some(PNG.to_vec()))
            .unwrap();
        let first = t.elapsed();
        let rss = || {
            std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmRSS:"))
                        .map(|l| l[6..].trim().to_string())
                })
                .unwrap_or_default()
        };
        let rss_before = rss();
        let t = Instant::now();
        let mut bytes = 0;
        for d in &letters {
            bytes += theme
                .render_pdf(&engine, d, Some(PNG.to_vec()))
                .unwrap()
                .len();
        }
        let serial = t.elapsed();
        let rss_after_1000 = rss();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let t = Instant::now();
        let n: usize = pool.install(|| {
            letters
                .par_iter()
                .map(|d| {
                    theme
                        .render_pdf(&engine, d, Some(PNG.to_vec()))
                        .unwrap()
                        .len()
                })
                .sum()
        });
        let parallel = t.elapsed();
        // Two plain threads sharing a counter (no rayon at the letter level).
        let t = Instant::now();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let m: usize = std::thread::scope(|s| {
            let workers: Vec<_> = (0..2)
                .map(|_| {
                    s.spawn(|| {
                        let mut bytes = 0;
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(d) = letters.get(i) else { break bytes };
                            bytes += theme
                                .render_pdf(&engine, d, Some(PNG.to_vec()))
                                .unwrap()
                                .len();
                        }
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap()).sum()
        });
        let threads = t.elapsed();
        let t = Instant::now();
        for d in &letters {
            theme.render_html(d).unwrap();
        }
        let html = t.elapsed();
        println!(
            "memory (RSS) before the 1,000: {rss_before}; after: {rss_after_1000}; at the end: {}",
            rss()
        );
        println!("engine creation (cold): {cold_engine:?}");
        println!("theme creation: {theme_time:?}");
        println!("first letter PDF: {first:?}");
        println!(
            "1,000 letter PDFs, 1 thread: {serial:?} ({:?}/letter, {} KiB avg)",
            serial / 1000,
            bytes / 1000 / 1024
        );
        println!(
            "1,000 letter PDFs, rayon 2 threads: {parallel:?} ({:?}/letter) [{n}]",
            parallel / 1000
        );
        println!(
            "1,000 letter PDFs, 2 plain threads: {threads:?} ({:?}/letter) [{m}]",
            threads / 1000
        );
        println!("1,000 letter HTML pages, 1 thread: {html:?}");
    }
}
