//! The Typst engine: compiles a Typst template with virtual files into a tagged
//! PDF/UA-1, for every document iro prints (letters, invites, cards, the annual
//! report and its summary).
//!
//! Built once ([`PdfEngine::new`]) and shared by reference across threads (it is `Sync`).
//! Record data reaches Typst only as virtual files (`/data.json`, read in the template
//! with `json("/data.json")`), never spliced into Typst source.
//!
//! Reproducible output: `today()` and the PDF creation timestamp are fixed.
//! Memory stays flat in long runs: the comemo cache is evicted after each compile and the
//! virtual paths are a small fixed set (template names, `/data.json`, `/photo`).

pub mod text;

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// Stack size of the thread that runs a compilation (bytes; virtual memory, only the
/// pages used are committed).
const STACK_SIZE: usize = 64 << 20;

thread_local! {
    /// Each calling thread compiles inside its own one-thread rayon pool, so Typst's
    /// internal `par_iter`s run in order on that one worker and never steal another
    /// letter onto the stack (see [`PdfEngine::compile_named`]).
    static LOCAL_POOL: Option<rayon::ThreadPool> = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .stack_size(STACK_SIZE)
        .thread_name(|_| "iro-typst".into())
        .build()
        .ok();
}

/// Name of the main file when [`PdfEngine::compile`] is used without a name.
pub const DEFAULT_MAIN: &str = "main.typ";

/// How many compilations an unused memoised result survives (comemo's `max_age`).
/// Small: keeps the template's own work warm between letters, drops each child's data.
const CACHE_MAX_AGE: usize = 3;

/// An error from compiling a template or exporting the PDF.
///
/// It names the template file and line and carries Typst's message with any text from the
/// virtual data files redacted: it never holds a data value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError {
    /// The file the error points into (e.g. `letter-base.typ`, `data.json`), or the main
    /// template when Typst gave no location.
    pub template: String,
    /// 1-based line in that file, when known.
    pub line: Option<usize>,
    /// Typst's message (redacted).
    pub message: String,
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.template, line, self.message),
            None => write!(f, "{}: {}", self.template, self.message),
        }
    }
}

impl std::error::Error for PdfError {}

/// The Typst engine: standard library, font book and fonts, built once.
pub struct PdfEngine {
    /// Parsed templates by virtual path, reused while their text is unchanged.
    sources: Mutex<HashMap<FileId, Source>>,
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    today: Datetime,
    timestamp: Datetime,
}

impl PdfEngine {
    /// Typst's embedded fonts plus the default theme's sans family (Atkinson
    /// Hyperlegible, SIL OFL 1.1; licence in `themes/default/fonts/OFL.txt`).
    pub fn new() -> Self {
        Self::for_theme(&crate::theme::Theme::builtin())
    }

    /// The fonts of a theme (a service's own first, then the default's) plus
    /// Typst's embedded fonts.
    pub fn for_theme(theme: &crate::theme::Theme) -> Self {
        Self::with_fonts(theme.fonts())
    }

    /// Exactly these font files (TTF/OTF/TTC bytes), in order, plus Typst's
    /// embedded fonts. Files that are not fonts are skipped.
    pub fn with_fonts(extra: impl IntoIterator<Item = Vec<u8>>) -> Self {
        let mut book = FontBook::new();
        let mut fonts = Vec::new();
        let mut push = |font: Font| {
            book.push(font.info().clone());
            fonts.push(font);
        };
        for data in extra {
            for font in Font::iter(Bytes::new(data)) {
                push(font);
            }
        }
        for (font, _info) in typst_kit::fonts::embedded() {
            push(font);
        }
        // A fixed date: output must not depend on the day it was made.
        let today = Datetime::from_ymd(2000, 1, 1).expect("valid date");
        let timestamp = Datetime::from_ymd_hms(2000, 1, 1, 0, 0, 0).expect("valid date");
        Self {
            sources: Mutex::new(HashMap::new()),
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            today,
            timestamp,
        }
    }

    /// Whether some font in the engine has a glyph for `c`. With PDF/UA-1, Typst refuses
    /// to export text it cannot show, so callers replace such characters first (see
    /// `letters::render`). Control characters and whitespace count as covered.
    pub fn covers(&self, c: char) -> bool {
        // The theme's family comes first, so ordinary text is one lookup per character.
        c.is_control()
            || c.is_whitespace()
            || self
                .fonts
                .iter()
                .any(|f| f.info().coverage.contains(c as u32))
    }

    /// The parsed source for a template, from the cache when its text is unchanged.
    fn parsed(&self, id: FileId, text: &str) -> Source {
        let mut cache = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(source) = cache.get(&id)
            && source.text() == text
        {
            return source.clone();
        }
        let source = Source::new(id, text.to_string());
        if cache.len() >= 256 {
            cache.clear();
        }
        cache.insert(id, source.clone());
        source
    }

    /// Number of font faces in the book (for diagnostics and tests).
    pub fn font_count(&self) -> usize {
        self.fonts.len()
    }

    /// Compile `main` (Typst source of the template, named [`DEFAULT_MAIN`]) with the given
    /// virtual files, e.g. `("/data.json", bytes)`, `("/photo", bytes)` or other template
    /// files it imports (`("/letter-base.typ", bytes)`), into a tagged PDF/UA-1.
    pub fn compile(&self, main: &str, files: &[(&str, Vec<u8>)]) -> Result<Vec<u8>, PdfError> {
        self.compile_named(DEFAULT_MAIN, main, files)
    }

    /// Like [`PdfEngine::compile`], with the template's file name (used in error
    /// messages and as its virtual path, so keep the set of names small and fixed).
    ///
    /// Safe to call from any thread, including inside rayon's `par_iter`. Typst itself
    /// uses rayon; a rayon worker that waits for part of that work picks up other queued
    /// jobs on the same stack, so letters compiled from `par_iter` would nest one inside
    /// another (seconds of latency, then a stack overflow). To prevent that, a call from a
    /// rayon worker moves to a plain thread, which blocks without stealing, and the
    /// compilation runs in that thread's own one-thread pool.
    pub fn compile_named(
        &self,
        name: &str,
        main: &str,
        files: &[(&str, Vec<u8>)],
    ) -> Result<Vec<u8>, PdfError> {
        self.compile_any(name, main, files, false)
            .map(|(pdf, _)| pdf)
    }

    /// Like [`PdfEngine::compile_named`], also giving the document's own
    /// text as laid out on its pages (and its title), for the publish guard.
    /// Text inside a box labelled `<iro-site-date>` (a date the report
    /// prints of its own accord) is left out when it holds dates alone.
    pub fn compile_with_text(
        &self,
        name: &str,
        main: &str,
        files: &[(&str, Vec<u8>)],
    ) -> Result<(Vec<u8>, String), PdfError> {
        self.compile_any(name, main, files, true)
    }

    fn compile_any(
        &self,
        name: &str,
        main: &str,
        files: &[(&str, Vec<u8>)],
        text: bool,
    ) -> Result<(Vec<u8>, String), PdfError> {
        let panicked = || PdfError {
            template: name.trim_start_matches('/').to_string(),
            line: None,
            message: "the Typst compiler stopped unexpectedly".into(),
        };
        if rayon::current_thread_index().is_some() {
            std::thread::scope(|scope| {
                std::thread::Builder::new()
                    .name("iro-pdf".into())
                    .spawn_scoped(scope, || self.compile_local(name, main, files, text))
                    .map_err(|_| panicked())?
                    .join()
                    .unwrap_or_else(|_| Err(panicked()))
            })
        } else {
            self.compile_local(name, main, files, text)
        }
    }

    fn compile_local(
        &self,
        name: &str,
        main: &str,
        files: &[(&str, Vec<u8>)],
        text: bool,
    ) -> Result<(Vec<u8>, String), PdfError> {
        let result = LOCAL_POOL.with(|pool| match pool {
            Some(pool) => pool.install(|| self.compile_inner(name, main, files, text)),
            None => self.compile_inner(name, main, files, text),
        });
        // Drop memoised results not used in the last few compilations: long runs
        // (1,000 letters, `serve`) keep a flat memory profile.
        comemo::evict(CACHE_MAX_AGE);
        result
    }

    fn compile_inner(
        &self,
        name: &str,
        main: &str,
        files: &[(&str, Vec<u8>)],
        want_text: bool,
    ) -> Result<(Vec<u8>, String), PdfError> {
        let plain_error = |message: String| PdfError {
            template: name.trim_start_matches('/').to_string(),
            line: None,
            message,
        };
        let main_id = file_id(name).map_err(|_| plain_error("invalid template name".into()))?;
        let mut entries = Vec::with_capacity(files.len());
        for (path, data) in files {
            let id =
                file_id(path).map_err(|_| plain_error(format!("invalid virtual path {path:?}")))?;
            let bytes = Bytes::new(data.clone());
            entries.push(VirtualFile {
                id,
                bytes,
                typst: path.ends_with(".typ"),
            });
        }
        let world = DocWorld {
            engine: self,
            main: self.parsed(main_id, main),
            files: entries,
        };

        let warned = typst::compile::<PagedDocument>(&world);
        let document = warned
            .output
            .map_err(|diags| world.to_error(&diags, files))?;

        let standards = PdfStandards::new(&[PdfStandard::Ua_1])
            .map_err(|e| plain_error(format!("pdf standard: {}", e.message())))?;
        let options = PdfOptions {
            // Derived from the title: stable between runs.
            ident: Smart::Auto,
            creator: Smart::Custom(Some("iro".into())),
            timestamp: Some(Timestamp::new_utc(self.timestamp)),
            page_ranges: None,
            standards,
            tagged: true,
            pretty: false,
        };
        let text = if want_text {
            text::document_text(&document)
        } else {
            String::new()
        };
        let pdf =
            typst_pdf::pdf(&document, &options).map_err(|diags| world.to_error(&diags, files))?;
        Ok((pdf, text))
    }
}

impl Default for PdfEngine {
    fn default() -> Self {
        Self::new()
    }
}

fn file_id(path: &str) -> Result<FileId, ()> {
    let vpath = VirtualPath::new(path).map_err(|_| ())?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

struct VirtualFile {
    id: FileId,
    bytes: Bytes,
    /// A Typst file (`.typ`), which may be imported.
    typst: bool,
}

/// One compilation's world: the engine's fonts and library plus this document's
/// virtual files (a letter, an invite, a card, the annual report).
struct DocWorld<'a> {
    engine: &'a PdfEngine,
    main: Source,
    files: Vec<VirtualFile>,
}

impl DocWorld<'_> {
    fn find(&self, id: FileId) -> Option<&VirtualFile> {
        self.files.iter().find(|f| f.id == id)
    }

    fn file_name(&self, id: FileId) -> String {
        let path = id.vpath();
        let s = format!("{path:?}");
        s.trim_matches('"').trim_start_matches('/').to_string()
    }

    /// First error as a [`PdfError`]: file, line, message with data values redacted.
    fn to_error(&self, diags: &[SourceDiagnostic], files: &[(&str, Vec<u8>)]) -> PdfError {
        let diag = diags
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(diags.first());
        let main_name = self.file_name(self.main.id());
        let Some(diag) = diag else {
            return PdfError {
                template: main_name,
                line: None,
                message: "unknown error".into(),
            };
        };
        // Prefer the diagnostic's own location; if it is detached (e.g. an export
        // error), fall back to the innermost call site in a template.
        let mut spans = vec![diag.span];
        spans.extend(
            diag.trace
                .iter()
                .rev()
                .map(|t| typst::syntax::DiagSpan::from(t.span)),
        );
        let mut template = main_name;
        let mut line = None;
        for span in spans {
            let Some(id) = span.id() else { continue };
            template = self.file_name(id);
            if let Some(range) = self.range(span) {
                line = self.line_of(id, range.start);
            }
            break;
        }
        let message = redact(diag.message.as_str(), files);
        PdfError {
            template,
            line,
            message,
        }
    }

    fn line_of(&self, id: FileId, byte: usize) -> Option<usize> {
        if let Ok(source) = self.source(id) {
            return source.lines().byte_to_line(byte).map(|l| l + 1);
        }
        let bytes = self.file(id).ok()?;
        let data = bytes.as_slice();
        let end = byte.min(data.len());
        Some(data[..end].iter().filter(|&&b| b == b'\n').count() + 1)
    }
}

/// Typst's message with any text from the JSON data files redacted.
fn redact(message: &str, files: &[(&str, Vec<u8>)]) -> String {
    let data: Vec<serde_json::Value> = files
        .iter()
        .filter(|(path, _)| !path.ends_with(".typ"))
        .filter_map(|(_, bytes)| serde_json::from_slice(bytes).ok())
        .collect();
    redact_data(message, &data)
}

/// Replace text from `data` in an error message with `…`: every string value found
/// anywhere in the message, and every quoted part (`"…"` or `` `…` ``) that shares a
/// word with the data (Typst quotes values it complains about).
pub(crate) fn redact_data(message: &str, data: &[serde_json::Value]) -> String {
    use std::collections::HashSet;
    let mut strings = Vec::new();
    for value in data {
        collect_strings(value, &mut strings);
    }
    let words: HashSet<String> = strings.iter().flat_map(|s| words_of(s)).collect();
    strings.retain(|v| v.chars().count() >= 2);
    strings.sort_by_key(|v| std::cmp::Reverse(v.len()));
    strings.dedup();

    // Quoted parts first, while the quotes are intact.
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(['"', '`']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        out.push_str(&rest[..=start]);
        let after = &rest[start + 1..];
        match after.find(quote) {
            Some(end) => {
                let inner = &after[..end];
                let leaks = words_of(inner).any(|w| words.contains(&w))
                    || inner
                        .chars()
                        .any(|c| !c.is_ascii() && strings.iter().any(|s| s.contains(c)));
                out.push_str(if leaks { "…" } else { inner });
                out.push(quote);
                rest = &after[end + 1..];
            }
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    for v in &strings {
        if out.contains(v.as_str()) {
            out = out.replace(v.as_str(), "…");
        }
    }
    out
}

/// Lower-cased words of three or more letters or digits.
fn words_of(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
}

/// Every string value in a JSON value, and numbers as text.
fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        Value::Bool(_) | Value::Null => {}
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        match self.find(id) {
            Some(file) if file.typst => {
                let text = std::str::from_utf8(file.bytes.as_slice())
                    .map_err(|_| FileError::InvalidUtf8)?;
                Ok(self.engine.parsed(id, text))
            }
            Some(_) => Err(FileError::NotSource),
            None => Err(FileError::AccessDenied),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        match self.find(id) {
            Some(file) => Ok(file.bytes.clone()),
            None => Err(FileError::AccessDenied),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.engine.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELLO: &str = r#"
#set document(title: "Test")
#set text(font: "Atkinson Hyperlegible", lang: "en")
#let data = json("/data.json")
= Hello #data.name
"#;

    #[test]
    fn engine_is_sync_and_send() {
        fn check<T: Sync + Send>() {}
        check::<PdfEngine>();
    }

    #[test]
    fn compiles_a_pdf_from_data() {
        let engine = PdfEngine::new();
        let pdf = engine
            .compile(
                HELLO,
                &[("/data.json", br##"{"name": "#[x] $y$"}"##.to_vec())],
            )
            .expect("compiles");
        assert!(pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn output_is_reproducible() {
        let engine = PdfEngine::new();
        let files = [("/data.json", br#"{"name": "Amira"}"#.to_vec())];
        let a = engine.compile(HELLO, &files).unwrap();
        let b = engine.compile(HELLO, &files).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn errors_name_file_and_line_without_values() {
        let engine = PdfEngine::new();
        let src =
            "#set document(title: \"T\")\n#let data = json(\"/data.json\")\n#panic(data.name)\n";
        let err = engine
            .compile_named(
                "letter-x.typ",
                src,
                &[("/data.json", br#"{"name": "Amira Secret"}"#.to_vec())],
            )
            .unwrap_err();
        assert_eq!(err.template, "letter-x.typ");
        assert_eq!(err.line, Some(3));
        assert!(!err.message.contains("Amira"), "{err}");
        assert!(!err.to_string().contains("Secret"), "{err}");
    }

    #[test]
    fn redaction_keeps_template_words() {
        let data =
            serde_json::json!({ "name": "Zanzibar Quill", "note": "with my help", "n": 12345 });
        let r = redact_data(
            "panicked with: \"Zanzibar Quill\"",
            std::slice::from_ref(&data),
        );
        assert_eq!(r, "panicked with: \"…\"");
        let r = redact_data(
            "dictionary does not contain key \"nope\"",
            std::slice::from_ref(&data),
        );
        assert_eq!(r, "dictionary does not contain key \"nope\"");
        let r = redact_data("the text `\"quill\"` could not be shown; 12345", &[data]);
        assert_eq!(r, "the text `…` could not be shown; …");
    }

    #[test]
    fn missing_title_fails_ua1() {
        let engine = PdfEngine::new();
        let err = engine.compile("Hello", &[]).unwrap_err();
        assert!(err.message.to_lowercase().contains("title"), "{err}");
    }
}
