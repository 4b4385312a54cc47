//! Loading a records repository: walk the layout, read and parse every file
//! in parallel, type it, and collect load diagnostics. No rule logic here.
//!
//! Safety: nothing outside the root is read (symlinks are resolved and
//! checked), files over `MAX_FILE_BYTES` are refused, text must be UTF-8.

pub mod fields;
pub mod parse;
pub mod read;
pub mod settings;
pub mod shape;
pub mod validate;

pub use read::{MAX_FILE_BYTES, read_text};

use crate::diag::Diagnostic;
use crate::records::*;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A failure that stops loading altogether (exit 2).
#[derive(Debug)]
pub struct Fatal(pub String);

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Find the records root: `dir` or the nearest parent holding `iro.toml`.
pub fn find_root(dir: &Path) -> Result<PathBuf, Fatal> {
    let start = dir
        .canonicalize()
        .map_err(|e| Fatal(format!("cannot open {}: {e}", dir.display())))?;
    let mut cur = Some(start.as_path());
    while let Some(d) = cur {
        if d.join("iro.toml").is_file() {
            return Ok(d.to_path_buf());
        }
        cur = d.parent();
    }
    Err(Fatal(format!(
        "{} is not inside a records repository (no iro.toml here or above); use --root DIR or run `iro init DIR`",
        dir.display()
    )))
}

/// What a path in the layout is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Iro(String),
    Child(String),
    Review(String, NaiveDate),
    Plan(String, NaiveDate, String),
    Alert(String, NaiveDate, String),
    Contact(String, NaiveDate),
    Meeting(String, NaiveDate),
    Section(String, u32, String),
}

/// One parsed file.
enum Parsed {
    Iro(Iro),
    Child(Box<ChildRec>, String),
    Review(Review),
    Plan(Plan),
    Alert(Alert),
    Contact(Dated<ContactRec>),
    Meeting(Dated<MeetingRec>),
    Section(Section),
}

impl Parsed {
    /// The file's path relative to the root.
    fn file(&self) -> &str {
        match self {
            Parsed::Iro(r) => &r.file,
            Parsed::Child(_, f) => f,
            Parsed::Review(r) => &r.file,
            Parsed::Plan(r) => &r.file,
            Parsed::Alert(r) => &r.file,
            Parsed::Contact(r) => &r.file,
            Parsed::Meeting(r) => &r.file,
            Parsed::Section(r) => &r.file,
        }
    }
}

/// Valid id: `[A-Za-z0-9][A-Za-z0-9_-]{0,31}`.
pub fn valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 32
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
}

fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

/// `2024-05-02`, `2024-05-02-2` (same-day suffix) -> date.
fn date_stem(stem: &str) -> Option<NaiveDate> {
    let (d, rest) = (stem.get(..10)?, &stem[10..]);
    let date = crate::day::parse_iso(d).ok()?;
    if rest.is_empty()
        || (rest.starts_with('-')
            && rest[1..].bytes().all(|c| c.is_ascii_digit())
            && rest.len() > 1)
    {
        Some(date)
    } else {
        None
    }
}

/// `2024-02-30...`: shaped like a date but not a real one.
fn looks_dated(f: &str) -> bool {
    let b = f.as_bytes();
    b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && f.get(..10)
            .is_some_and(|d| crate::day::parse_iso(d).is_err())
}

fn impossible_name() -> Diagnostic {
    Diagnostic::new("date", "the date in the file name is not a real date")
        .hint("file names start with the event's date, YYYY-MM-DD; check the day exists")
}

/// Classify a relative path. `Ok(None)`: not a record (ignored). `Err`: in the
/// layout but misnamed.
fn classify(parts: &[&str]) -> Result<Option<Kind>, Diagnostic> {
    let bad = |what: &str| {
        Err(Diagnostic::new(
            "schema",
            format!("file name does not follow the layout: {what}"),
        ))
    };
    match parts {
        ["iros", f] => {
            if let Some(id) = f.strip_suffix(".yaml") {
                if valid_id(id) {
                    return Ok(Some(Kind::Iro(id.into())));
                }
                return Err(Diagnostic::new("schema", "invalid IRO id in the file name")
                    .hint("ids are letters, digits, `-` and `_`, up to 32, starting with a letter or digit"));
            }
            if is_image(f) {
                return Ok(None); // IROs' photos, beside their records
            }
            Err(not_read(
                f,
                "iros/ holds one `<id>.yaml` per IRO and their photos",
            ))
        }
        ["children", id, rest @ ..] => {
            if !valid_id(id) {
                return Err(Diagnostic::new("schema", "invalid child id in the folder name")
                    .hint("ids are letters, digits, `-` and `_`, up to 32, starting with a letter or digit"));
            }
            let id = id.to_string();
            match rest {
                ["child.yaml"] => Ok(Some(Kind::Child(id))),
                ["reviews", f] => match f.strip_suffix(".md").and_then(date_stem) {
                    Some(d) => Ok(Some(Kind::Review(id, d))),
                    None if looks_dated(f) => Err(impossible_name()),
                    None => bad("reviews are named `YYYY-MM-DD.md`"),
                },
                ["plans", f] => {
                    let stem = f.strip_suffix(".md");
                    match stem.and_then(|s| Some((crate::day::parse_iso(s.get(..10)?).ok()?, s.get(11..)?, s.as_bytes().get(10)))) {
                        Some((d, kind, Some(b'-'))) if valid_slug(kind) => Ok(Some(Kind::Plan(id, d, kind.into()))),
                        _ if looks_dated(f) => Err(impossible_name()),
                        _ => bad("plans are named `YYYY-MM-DD-<kind>.md`"),
                    }
                }
                ["alerts", f] => {
                    let stem = f.strip_suffix(".md");
                    match stem.and_then(|s| Some((crate::day::parse_iso(s.get(..10)?).ok()?, s.get(11..)?, s.as_bytes().get(10)))) {
                        Some((d, slug, Some(b'-'))) if valid_slug(slug) => Ok(Some(Kind::Alert(id, d, slug.into()))),
                        _ if looks_dated(f) => Err(impossible_name()),
                        _ => bad("alerts are named `YYYY-MM-DD-<slug>.md` (slug: letters, digits, `-`)"),
                    }
                }
                ["contacts", f] => match f.strip_suffix(".yaml").and_then(date_stem) {
                    Some(d) => Ok(Some(Kind::Contact(id, d))),
                    None if looks_dated(f) => Err(impossible_name()),
                    None => bad("contacts are named `YYYY-MM-DD.yaml` (or `YYYY-MM-DD-2.yaml` for a second on the same day)"),
                },
                ["meetings", f] => match f.strip_suffix(".yaml").and_then(date_stem) {
                    Some(d) => Ok(Some(Kind::Meeting(id, d))),
                    None if looks_dated(f) => Err(impossible_name()),
                    None => bad("meetings are named `YYYY-MM-DD.yaml` (or `YYYY-MM-DD-2.yaml`)"),
                },
                ["child.yml"] => Err(not_read("child.yml", "a child's record is `child.yaml`")),
                _ => Err(Diagnostic::new("schema", "unexpected file in a child's folder")
                    .severity(crate::diag::Severity::Warning)
                    .hint("a child's folder holds child.yaml and reviews/, plans/, alerts/, contacts/, meetings/")),
            }
        }
        ["report", year, f] => {
            if !is_year_folder(year) {
                return bad("report folders are named like `2025-26`");
            }
            let Some(stem) = f.strip_suffix(".md") else {
                if is_image(f) {
                    return Ok(None); // pictures a section may show
                }
                return Err(not_read(
                    f,
                    "a report folder holds `<nn>-<slug>.md` sections and pictures",
                ));
            };
            match stem.split_once('-') {
                Some((n, slug))
                    if !n.is_empty()
                        && n.len() <= 3
                        && n.bytes().all(|c| c.is_ascii_digit())
                        && valid_slug(slug) =>
                {
                    Ok(Some(Kind::Section(
                        year.to_string(),
                        n.parse().unwrap_or(0),
                        slug.into(),
                    )))
                }
                _ => bad("report sections are named `<nn>-<slug>.md`, e.g. `01-introduction.md`"),
            }
        }
        _ => Ok(None),
    }
}

/// A picture (an IRO's photo, a report's image): kept beside records, not read as one.
fn is_image(f: &str) -> bool {
    let lower = f.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// A file in the layout that iro does not read: a warning, so that a
/// record saved under the wrong name never vanishes without a word. `.yml`
/// is not accepted: every record kind has one extension (docs/records.md).
fn not_read(f: &str, layout: &str) -> Diagnostic {
    let hint = match f.strip_suffix(".yml") {
        Some(stem) => format!("records end in `.yaml`: rename it to `{stem}.yaml`"),
        None => format!("{layout}; move or remove this file"),
    };
    Diagnostic::new(
        "schema",
        "this file is not read: its name does not follow the layout",
    )
    .severity(crate::diag::Severity::Warning)
    .hint(hint)
}

/// `2025-26`.
pub fn is_year_folder(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && s[..4].bytes().all(|c| c.is_ascii_digit())
        && s[5..].bytes().all(|c| c.is_ascii_digit())
        && {
            let y: u32 = s[..4].parse().unwrap_or(0);
            let n: u32 = s[5..].parse().unwrap_or(99);
            (y + 1) % 100 == n
        }
}

fn rel(root: &Path, p: &Path) -> String {
    // The walk's paths are the root joined with plain names: then the path
    // relative to the root is its text after the root and a `/`.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (root, p) = (root.as_os_str().as_bytes(), p.as_os_str().as_bytes());
        if let Some(r) = p.strip_prefix(root).and_then(|r| r.strip_prefix(b"/"))
            && !root.ends_with(b"/")
            && !r.is_empty()
            && r.split(|b| *b == b'/')
                .all(|name| !name.is_empty() && name != b".")
        {
            return String::from_utf8_lossy(r).into_owned();
        }
    }
    rel_components(root, p)
}

/// `rel` for any path: its components after the root, joined with `/`.
fn rel_components(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Load `iro.toml`.
pub fn load_config(root: &Path) -> Result<Config, Diagnostic> {
    load_config_text(root).map(|(c, _)| c).map_err(|(d, _)| d)
}

/// Load `iro.toml`, with its text (for excerpts) whenever it could be read.
pub fn load_config_text(root: &Path) -> Result<(Config, String), (Diagnostic, Option<String>)> {
    let path = root.join("iro.toml");
    let text = read_text(root, &path).map_err(|d| (d.file("iro.toml"), None))?;
    parse_config(&text)
        .map(|c| (c, text.clone()))
        .map_err(|d| (d, Some(text)))
}

/// Parse the text of `iro.toml`.
pub fn parse_config(text: &str) -> Result<Config, Diagnostic> {
    let config = toml::from_str::<Config>(text).map_err(|e| {
        let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
        let msg = e.message().to_string();
        let d = if msg.contains("unknown field") || msg.contains("missing field") {
            parse::classify(&msg, true, &[], "the settings: `iro explain iro.toml`")
        } else {
            let first = msg.lines().next().unwrap_or("");
            let words = match first.split_once("expected ") {
                Some((_, want)) if first.starts_with("invalid type") => {
                    let want = want.replace("a string", "text in quotes");
                    format!("this setting should be {}", parse::plain_words(&want))
                }
                _ => parse::plain_words(first),
            };
            Diagnostic::new("parse", format!("iro.toml: {words}"))
                .hint("every setting: `iro explain iro.toml`")
        };
        d.file("iro.toml").at(line, col)
    })?;
    settings::check(text)?;
    Ok(config)
}

/// 1-based line and column (chars) of a byte offset.
pub fn line_col(text: &str, byte: usize) -> (u32, u32) {
    let byte = byte.min(text.len());
    let before = &text[..text.floor_char_boundary(byte)];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    (line, col)
}

/// Loading could not start: `iro.toml` is unusable (or the root cannot be
/// opened). `sources` holds `iro.toml`'s text when it could be read.
#[derive(Debug)]
pub struct Failed {
    /// Why.
    pub diags: Vec<Diagnostic>,
    /// Texts for the excerpts.
    pub sources: crate::source::Sources,
}

/// Load everything under `root`. Returns the repository (what could be
/// typed, and the text of every file read) and the load diagnostics. `Err`
/// only when `iro.toml` is unusable.
pub fn load(root: &Path) -> Result<(Repo, Vec<Diagnostic>), Failed> {
    load_filtered(root, None)
}

/// `load`, reading only the given children's folders (and everything that
/// is not a child's: `iro.toml`, `iros/`, `report/`). For `iro check
/// --changed` on a large repository.
pub fn load_children(
    root: &Path,
    ids: &std::collections::BTreeSet<String>,
) -> Result<(Repo, Vec<Diagnostic>), Failed> {
    load_filtered(root, Some(ids))
}

fn load_filtered(
    root: &Path,
    only: Option<&std::collections::BTreeSet<String>>,
) -> Result<(Repo, Vec<Diagnostic>), Failed> {
    let root = root.canonicalize().map_err(|e| Failed {
        diags: vec![Diagnostic::new(
            "io",
            format!("cannot open the records root: {}", e.kind()),
        )],
        sources: Default::default(),
    })?;
    let (config, config_text) = load_config_text(&root).map_err(|(d, text)| {
        let mut sources = crate::source::Sources::new();
        if let Some(t) = text {
            sources.insert("iro.toml", t);
        }
        Failed {
            diags: vec![d],
            sources,
        }
    })?;

    // Walk the top of the tree (cheap); each child's folder is a task of its
    // own: walked, read, parsed and assembled in parallel with the others.
    let mut slots: Vec<Slot> = Vec::new();
    walk_layout(&root, &root, true, &mut |step| {
        let entry = match step {
            Step::Refused(d) => {
                slots.push(Slot::Found(Found::Diag(d)));
                return false;
            }
            Step::Entry(e) => e,
        };
        // A child's folder, or a link to one inside the root (checked by
        // the walk).
        if let Ok(e) = &entry
            && (e.file_type().is_dir() || (e.path_is_symlink() && e.path().is_dir()))
            && is_child_dir(&rel(&root, e.path()))
        {
            let wanted =
                only.is_none_or(|ids| e.file_name().to_str().is_some_and(|n| ids.contains(n)));
            if wanted {
                slots.push(Slot::Child(e.path().to_path_buf()));
            }
            return false;
        }
        if let Some(found) = visit(&root, entry) {
            slots.push(Slot::Found(found));
        }
        true
    });

    let outs: Vec<SlotOut> = slots
        .into_par_iter()
        .enumerate()
        .map(|(i, slot)| {
            let at = (i as u64) << 32;
            match slot {
                Slot::Found(Found::Diag(d)) => SlotOut::Diag(at, d),
                Slot::Found(Found::File(f)) => SlotOut::Loaded(f.load(&root, at)),
                Slot::Child(dir) => SlotOut::Child(load_child_dir(&root, &dir, at)),
            }
        })
        .collect();

    let mut walk_diags = Vec::new();
    let mut loose = Vec::new();
    let mut kids = Vec::new();
    let mut files = 1;
    for out in outs {
        match out {
            SlotOut::Diag(at, d) => walk_diags.push((at, d)),
            SlotOut::Loaded(l) => {
                files += 1;
                loose.push(l);
            }
            SlotOut::Child((found, kid)) => {
                files += found.files;
                walk_diags.extend(found.diags);
                kids.push(kid);
            }
        }
    }
    // Child-folder records outside a child task: none from the walk, but
    // keep the assembly independent of how the files were grouped.
    let (loose, more) = group_children(loose);
    kids.extend(more);
    let (mut repo, diags) = assemble(root, config, walk_diags, loose, kids, files);
    repo.sources.insert("iro.toml", config_text);
    Ok((repo, diags))
}

/// `children/<id>`: a child's folder, loaded as one task.
fn is_child_dir(rel: &str) -> bool {
    rel.split_once('/')
        .is_some_and(|(top, id)| top == "children" && !id.contains('/'))
}

/// The folders of the layout a symbolic link may stand for: `children`, a
/// child's folder and the folders in it, `iros`, `report` and a year's
/// folder in it. Links elsewhere are not followed (nothing there is read).
fn is_layout_dir(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    matches!(
        parts.as_slice(),
        ["children"] | ["children", _] | ["children", _, _] | ["iros"] | ["report"] | ["report", _]
    )
}

/// One step of [`walk_layout`].
enum Step {
    /// An entry, as walkdir gives it.
    Entry(walkdir::Result<walkdir::DirEntry>),
    /// A folder of the layout that is a link leading outside the root.
    Refused(Diagnostic),
}

/// Walk `dir` without following symbolic links, hidden entries left out
/// (and, at the top, the output and tool folders), calling `on` at each
/// step; `on` returns false to leave a folder's contents out. A link to a
/// folder of the layout is walked in place when its target is inside the
/// root, and is one `io` diagnostic when it is not: never left out
/// silently. Every folder a file is read through is checked here, so the
/// reads that follow need not resolve each file's path again.
fn walk_layout(root: &Path, dir: &Path, top: bool, on: &mut dyn FnMut(Step) -> bool) {
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| keep_entry(e, top));
    while let Some(entry) = walker.next() {
        // A linked folder walked in place: its contents, not the link again.
        if let Ok(e) = &entry
            && e.depth() == 0
            && e.path_is_symlink()
        {
            continue;
        }
        if let Ok(e) = &entry
            && e.depth() > 0
            && e.path_is_symlink()
            && std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir())
        {
            let r = rel(root, e.path());
            if !is_layout_dir(&r) {
                continue;
            }
            match read::linked_dir(root, e.path()) {
                // A child's folder is one task: the caller walks it.
                Ok(()) if is_child_dir(&r) => {
                    on(Step::Entry(entry));
                }
                Ok(()) => walk_layout(root, e.path(), false, on),
                Err(d) => {
                    let mut d = d.file(r.clone());
                    d.child = r
                        .strip_prefix("children/")
                        .and_then(|c| c.split('/').next())
                        .filter(|c| valid_id(c))
                        .map(str::to_string);
                    on(Step::Refused(d));
                }
            }
            continue;
        }
        let is_dir = entry.as_ref().is_ok_and(|e| e.file_type().is_dir());
        if !on(Step::Entry(entry)) && is_dir {
            walker.skip_current_dir();
        }
    }
}

/// The walk's filter: no hidden files or folders, and not the output and
/// tool folders at the top.
fn keep_entry(e: &walkdir::DirEntry, top: bool) -> bool {
    let name = e.file_name().to_string_lossy();
    e.depth() == 0
        || !(name.starts_with('.')
            || (top
                && e.depth() == 1
                && matches!(
                    name.as_ref(),
                    "public" | "private" | "themes" | "target" | "node_modules"
                )))
}

/// A record file found by the walk.
struct FileToLoad {
    path: PathBuf,
    rel: String,
    kind: Kind,
    link: bool,
}

/// What the walk found at one entry.
enum Found {
    /// A record file to read and parse.
    File(FileToLoad),
    /// A misnamed file or an unreadable folder.
    Diag(Diagnostic),
}

/// One step of the top-level walk, in walk order.
enum Slot {
    Found(Found),
    /// A folder `children/<id>`, loaded as one task.
    Child(PathBuf),
}

/// What a slot gave, in walk order.
enum SlotOut {
    Diag(u64, Diagnostic),
    Loaded(Loaded),
    Child((ChildWalk, ChildOut)),
}

/// What the walk of one child's folder found besides records.
struct ChildWalk {
    /// Walk diagnostics, with where they sort.
    diags: Vec<(u64, Diagnostic)>,
    /// Record files read.
    files: usize,
}

/// One walk entry: nothing for folders and files outside the layout.
fn visit(root: &Path, entry: walkdir::Result<walkdir::DirEntry>) -> Option<Found> {
    let entry = match entry {
        Ok(e) => e,
        Err(e) => {
            let f = e.path().map(|p| rel(root, p)).unwrap_or_default();
            return Some(Found::Diag(
                Diagnostic::new("io", "cannot read this folder").file(f),
            ));
        }
    };
    let ft = entry.file_type();
    let r = rel(root, entry.path());
    let parts: Vec<&str> = r.split('/').collect();
    let classified = classify(&parts);
    // Only regular files (and links to them) are read: a folder named like
    // a record, a named pipe, a socket or a device in the layout is reported.
    if !ft.is_file() && !ft.is_symlink() {
        let in_layout = match &classified {
            Ok(Some(_)) => true,
            Ok(None) => false,
            Err(_) => !ft.is_dir(),
        };
        if !in_layout {
            return None;
        }
        let mut d = read::not_regular(read::kind_words(ft)).file(r.clone());
        if parts.first() == Some(&"children") {
            d.child = parts.get(1).filter(|c| valid_id(c)).map(|c| c.to_string());
        }
        return Some(Found::Diag(d));
    }
    match classified {
        Ok(Some(kind)) => {
            let link = entry.path_is_symlink();
            Some(Found::File(FileToLoad {
                path: entry.into_path(),
                rel: r,
                kind,
                link,
            }))
        }
        Ok(None) => None,
        Err(d) => {
            let child = if parts.first() == Some(&"children") {
                parts.get(1).map(|s| s.to_string())
            } else {
                None
            };
            let mut d = d.file(r);
            d.child = child.filter(|c| valid_id(c));
            Some(Found::Diag(d))
        }
    }
}

impl FileToLoad {
    /// Read and parse the file; `at`: where its diagnostics sort.
    fn load(self, root: &Path, at: u64) -> Loaded {
        let FileToLoad {
            path,
            rel,
            kind,
            link,
        } = self;
        let (res, source) = match read::read_text_known(root, &path, Some(link)) {
            Ok(text) => {
                let res = parse_text(&text, &rel, &kind);
                (res, Some((rel.clone(), text)))
            }
            Err(d) => (Err(vec![d]), None),
        };
        Loaded {
            at,
            res: res.map_err(|ds| ds.into_iter().map(|d| tag(d, &rel, &kind)).collect()),
            kind,
            source,
        }
    }
}

/// Walk, read, parse and assemble one folder `children/<id>`.
fn load_child_dir(root: &Path, dir: &Path, at: u64) -> (ChildWalk, ChildOut) {
    let mut walk = ChildWalk {
        diags: Vec::new(),
        files: 0,
    };
    let mut loaded = Vec::new();
    // The folder passed the top-level filter; below it, hidden entries are
    // left out as in the top-level walk.
    let mut n = 0u64;
    walk_layout(root, dir, false, &mut |step| {
        n += 1;
        let at = at | n;
        let found = match step {
            Step::Refused(d) => Some(Found::Diag(d)),
            Step::Entry(entry) => visit(root, entry),
        };
        match found {
            Some(Found::File(f)) => {
                walk.files += 1;
                loaded.push(f.load(root, at));
            }
            Some(Found::Diag(d)) => walk.diags.push((at, d)),
            None => {}
        }
        true
    });
    let id = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (walk, build_child(id, loaded))
}

fn tag(d: Diagnostic, r: &str, kind: &Kind) -> Diagnostic {
    let mut d = d.file(r.to_string());
    if let Some(c) = kind.child() {
        d.child = Some(c.to_string());
    }
    d
}

impl Kind {
    /// The child whose folder holds the file, for the child's records.
    fn child(&self) -> Option<&str> {
        match self {
            Kind::Child(c)
            | Kind::Review(c, _)
            | Kind::Plan(c, ..)
            | Kind::Alert(c, ..)
            | Kind::Contact(c, _)
            | Kind::Meeting(c, _) => Some(c),
            Kind::Iro(_) | Kind::Section(..) => None,
        }
    }
}

/// Load one child's folder again after an edit (`iro serve`): the child is
/// replaced (or removed when its folder or `child.yaml` is gone), its texts
/// replace the old ones, and the load diagnostics of its folder are returned.
pub fn reload_child(repo: &mut Repo, id: &str) -> Vec<Diagnostic> {
    let root = repo.root.clone();
    let old: Vec<String> = repo
        .children
        .get(id)
        .map(|c| {
            std::iter::once(c.file.clone())
                .chain(c.reviews.iter().map(|r| r.file.clone()))
                .chain(c.plans.iter().map(|r| r.file.clone()))
                .chain(c.alerts.iter().map(|r| r.file.clone()))
                .chain(c.contacts.iter().map(|r| r.file.clone()))
                .chain(c.meetings.iter().map(|r| r.file.clone()))
                .collect()
        })
        .unwrap_or_default();
    for f in &old {
        repo.sources.remove(f);
    }
    repo.files = repo.files.saturating_sub(old.len());
    repo.children.remove(id);
    let dir = root.join("children").join(id);
    if !valid_id(id) || !dir.is_dir() {
        return Vec::new();
    }
    // `children/` or the child's folder linked out of the root: reported,
    // as the full load does.
    if let Err(d) = read::linked_dir(&root, &dir) {
        return vec![d.file(format!("children/{id}")).child(id)];
    }
    let (walk, kid) = load_child_dir(&root, &dir, 0);
    repo.files += walk.files;
    let mut diags: Vec<(u64, Diagnostic)> = walk.diags;
    diags.extend(kid.errors);
    diags.sort_by_key(|(at, _)| *at);
    let mut diags: Vec<Diagnostic> = diags.into_iter().map(|(_, d)| d).collect();
    for (f, t) in kid.sources {
        repo.sources.insert(f, t);
    }
    match kid.child {
        Some(ch) => {
            repo.children.insert(id.to_string(), ch);
        }
        None => {
            if let Some(first_file) = kid.first_file
                && !kid.failed
            {
                diags.push(
                    Diagnostic::new("schema", "this child's folder has no child.yaml")
                        .file(first_file)
                        .child(id.to_string())
                        .hint(format!("add children/{id}/child.yaml (iro new child {id})")),
                );
            }
        }
    }
    diags
}

/// Load the `report/` folder again after an edit (`iro serve`): the
/// sections are replaced and their load diagnostics returned.
pub fn reload_report(repo: &mut Repo) -> Vec<Diagnostic> {
    let root = repo.root.clone();
    let old: Vec<String> = repo
        .sections
        .values()
        .flatten()
        .map(|s| s.file.clone())
        .collect();
    for f in &old {
        repo.sources.remove(f);
    }
    repo.files = repo.files.saturating_sub(old.len());
    repo.sections.clear();
    let mut diags = Vec::new();
    let dir = root.join("report");
    if !dir.is_dir() {
        return diags;
    }
    let walker = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for (n, entry) in walker.enumerate() {
        match visit(&root, entry) {
            Some(Found::File(f)) => {
                repo.files += 1;
                let mut l = f.load(&root, n as u64);
                if let Some((file, text)) = l.source.take() {
                    repo.sources.insert(file, text);
                }
                match (l.res, l.kind) {
                    (Ok(Parsed::Section(sec)), Kind::Section(y, ..)) => {
                        repo.sections.entry(y).or_default().push(sec)
                    }
                    (Err(ds), _) => diags.extend(ds),
                    _ => {}
                }
            }
            Some(Found::Diag(d)) => diags.push(d),
            None => {}
        }
    }
    for v in repo.sections.values_mut() {
        v.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    }
    diags
}

/// Load records held in memory: `iro.toml` text and (relative path, text)
/// pairs laid out as on disk. Used by tests and the fuzzer; no I/O.
pub fn load_texts(
    config: &str,
    files: &[(&str, &str)],
) -> Result<(Repo, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config_text = config;
    let config = toml::from_str::<Config>(config).map_err(|e| {
        vec![Diagnostic::new("parse", format!("iro.toml: {}", e.message())).file("iro.toml")]
    })?;
    settings::check(config_text).map_err(|d| vec![d])?;
    let mut walk_diags = Vec::new();
    let mut loaded = Vec::new();
    for (i, (r, text)) in files.iter().enumerate() {
        let at = i as u64;
        let parts: Vec<&str> = r.split('/').collect();
        match classify(&parts) {
            Ok(Some(kind)) => loaded.push(Loaded {
                at,
                res: parse_text(text, r, &kind)
                    .map_err(|ds| ds.into_iter().map(|d| tag(d, r, &kind)).collect()),
                kind,
                source: Some((r.to_string(), text.to_string())),
            }),
            Ok(None) => {}
            Err(d) => walk_diags.push((at, d.file(r.to_string()))),
        }
    }
    let n = loaded.len() + 1;
    let (loose, kids) = group_children(loaded);
    let (mut repo, diags) = assemble(PathBuf::from("."), config, walk_diags, loose, kids, n);
    repo.sources.insert("iro.toml", config_text);
    Ok((repo, diags))
}

/// A file read and parsed (or not), with where its diagnostic sorts.
struct Loaded {
    /// Walk order.
    at: u64,
    kind: Kind,
    res: Result<Parsed, Vec<Diagnostic>>,
    /// The path and text read, when the file could be read.
    source: Option<(String, String)>,
}

impl Loaded {
    /// The file's path relative to the root.
    fn file(&self) -> &str {
        match &self.res {
            Ok(p) => p.file(),
            Err(ds) => ds.first().and_then(|d| d.file.as_deref()).unwrap_or(""),
        }
    }
}

/// Split loaded files into those of no child (IROs, report sections) and
/// one assembled child per child folder, files kept in walk order.
fn group_children(loaded: Vec<Loaded>) -> (Vec<Loaded>, Vec<ChildOut>) {
    let mut loose = Vec::new();
    let mut by_child: BTreeMap<String, Vec<Loaded>> = BTreeMap::new();
    for l in loaded {
        match l.kind.child() {
            Some(c) => by_child.entry(c.to_string()).or_default().push(l),
            None => loose.push(l),
        }
    }
    let kids = by_child
        .into_iter()
        .map(|(id, files)| build_child(id, files))
        .collect();
    (loose, kids)
}

/// What one child's folder gave.
struct ChildOut {
    id: String,
    /// The child, when child.yaml loaded.
    child: Option<Child>,
    /// child.yaml is there but did not load.
    failed: bool,
    /// The first of the child's record files in walk order.
    first_file: Option<String>,
    /// Files that did not load, with where they sort.
    errors: Vec<(u64, Diagnostic)>,
    /// The texts read.
    sources: Vec<(String, String)>,
}

/// Assemble one child from the files of its folder, in walk order.
fn build_child(id: String, files: Vec<Loaded>) -> ChildOut {
    let mut out = ChildOut {
        id,
        child: None,
        failed: false,
        first_file: files.first().map(|l| l.file().to_string()),
        errors: Vec::new(),
        sources: Vec::with_capacity(files.len()),
    };
    let mut reviews = Vec::new();
    let mut plans = Vec::new();
    let mut alerts = Vec::new();
    let mut contacts = Vec::new();
    let mut meetings = Vec::new();
    let mut rec = None;
    for mut l in files {
        if let Some(src) = l.source.take() {
            out.sources.push(src);
        }
        match l.res {
            Ok(Parsed::Child(r, file)) => rec = Some((r, file)),
            Ok(Parsed::Review(r)) => reviews.push(r),
            Ok(Parsed::Plan(r)) => plans.push(r),
            Ok(Parsed::Alert(r)) => alerts.push(r),
            Ok(Parsed::Contact(r)) => contacts.push(r),
            Ok(Parsed::Meeting(r)) => meetings.push(r),
            Ok(Parsed::Iro(_) | Parsed::Section(..)) => {}
            Err(ds) => {
                if matches!(l.kind, Kind::Child(_)) {
                    out.failed = true;
                }
                out.errors.extend(ds.into_iter().map(|d| (l.at, d)));
            }
        }
    }
    if let Some((rec, file)) = rec {
        reviews.sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        plans.sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        alerts.sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        contacts.sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        meetings.sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        out.child = Some(Child {
            id: out.id.clone(),
            file,
            rec: *rec,
            reviews,
            plans,
            alerts,
            contacts,
            meetings,
        });
    }
    out
}

/// Put the repository together. Diagnostics come in the order of a
/// one-by-one load: the walk's in walk order, then files that did not load in
/// walk order, then children with no child.yaml by id.
fn assemble(
    root: PathBuf,
    config: Config,
    mut walk_diags: Vec<(u64, Diagnostic)>,
    loose: Vec<Loaded>,
    mut kids: Vec<ChildOut>,
    files: usize,
) -> (Repo, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut iros = BTreeMap::new();
    let mut sections: BTreeMap<String, Vec<Section>> = BTreeMap::new();
    let mut sources = crate::source::Sources::new();
    for mut l in loose {
        if let Some((f, t)) = l.source.take() {
            sources.insert(f, t);
        }
        match l.res {
            Ok(Parsed::Iro(i)) => {
                iros.insert(i.id.clone(), i);
            }
            Ok(Parsed::Section(s)) => {
                if let Kind::Section(y, ..) = l.kind {
                    sections.entry(y).or_default().push(s);
                }
            }
            Ok(_) => {}
            Err(ds) => errors.extend(ds.into_iter().map(|d| (l.at, d))),
        }
    }
    kids.sort_by(|a, b| a.id.cmp(&b.id));
    let mut missing = Vec::new();
    let mut children = BTreeMap::new();
    for k in kids {
        errors.extend(k.errors);
        for (f, t) in k.sources {
            sources.insert(f, t);
        }
        match k.child {
            Some(ch) => {
                children.insert(k.id, ch);
            }
            None => {
                if let Some(first_file) = k.first_file
                    && !k.failed
                {
                    let c = k.id;
                    let hint = format!("add children/{c}/child.yaml (iro new child {c})");
                    missing.push(
                        Diagnostic::new("schema", "this child's folder has no child.yaml")
                            .file(first_file)
                            .child(c)
                            .hint(hint),
                    );
                }
            }
        }
    }
    walk_diags.sort_by_key(|(at, _)| *at);
    errors.sort_by_key(|(at, _)| *at);
    let mut diags: Vec<Diagnostic> = walk_diags.into_iter().map(|(_, d)| d).collect();
    diags.extend(errors.into_iter().map(|(_, d)| d));
    diags.extend(missing);
    for v in sections.values_mut() {
        v.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    }
    (
        Repo {
            root,
            config,
            iros,
            children,
            sections,
            files,
            sources,
        },
        diags,
    )
}

fn parse_text(text: &str, r: &str, kind: &Kind) -> Result<Parsed, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::new("schema", "empty file").at(1, 1).hint(
            "fill in the record's fields (iro new ... makes a template), or delete the file",
        )]);
    }
    // Front matter, parsed in place, then the body.
    fn md<T: serde::de::DeserializeOwned>(
        text: &str,
        kind: &str,
    ) -> Result<(T, String, u32), Vec<Diagnostic>> {
        let s = parse::split_front_matter(text).map_err(|d| vec![d])?;
        let rec = parse::front_matter(&s, kind)?;
        Ok((rec, s.body.to_string(), s.body_line))
    }
    Ok(match kind {
        Kind::Iro(id) => Parsed::Iro(Iro {
            id: id.clone(),
            file: r.into(),
            rec: parse::yaml(text, 1, "iros")?,
        }),
        Kind::Child(_) => Parsed::Child(Box::new(parse::yaml(text, 1, "child")?), r.into()),
        Kind::Review(_, date) => {
            let (rec, body, body_line) = md::<crate::records::review::ReviewRec>(text, "review")?;
            // `iro` is required, except on an imported review.
            match (&rec.iro, &rec.imported) {
                (Some(sp), _) if sp.value.is_none() => {
                    return Err(vec![shape::empty("review", "iro", sp.line, sp.col)]);
                }
                (None, None) => return Err(vec![shape::missing("review", "iro")]),
                _ => {}
            }
            Parsed::Review(Review {
                file: r.into(),
                date: *date,
                rec,
                body,
                body_line,
            })
        }
        Kind::Plan(_, date, _) => {
            let (rec, body, _) = md(text, "plan")?;
            Parsed::Plan(Plan {
                file: r.into(),
                date: *date,
                rec,
                body,
            })
        }
        Kind::Alert(_, date, slug) => {
            let (rec, body, _) = md(text, "alert")?;
            Parsed::Alert(Alert {
                file: r.into(),
                date: *date,
                slug: slug.clone(),
                rec,
                body,
            })
        }
        Kind::Contact(_, date) => Parsed::Contact(Dated {
            file: r.into(),
            date: *date,
            rec: parse::yaml(text, 1, "contact")?,
        }),
        Kind::Meeting(_, date) => Parsed::Meeting(Dated {
            file: r.into(),
            date: *date,
            rec: parse::yaml(text, 1, "meeting")?,
        }),
        Kind::Section(_, order, slug) => {
            let (rec, body, body_line) = md(text, "report-section")?;
            Parsed::Section(Section {
                file: r.into(),
                order: *order,
                slug: slug.clone(),
                rec,
                body,
                body_line,
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        assert_eq!(
            classify(&["iros", "pshah.yaml"]).ok().flatten(),
            Some(Kind::Iro("pshah".into()))
        );
        assert_eq!(classify(&["iros", "pshah.jpg"]).ok().flatten(), None);
        assert!(classify(&["iros", "..yaml"]).is_err());
        assert!(matches!(
            classify(&["children", "C1", "reviews", "2024-05-02.md"]),
            Ok(Some(Kind::Review(..)))
        ));
        assert!(matches!(
            classify(&["children", "C1", "contacts", "2024-05-02-2.yaml"]),
            Ok(Some(Kind::Contact(..)))
        ));
        assert!(classify(&["children", "C1", "reviews", "2024-02-30.md"]).is_err());
        assert!(classify(&["children", "C1", "alerts", "2024-02-03-..md"]).is_err());
        assert!(matches!(
            classify(&["children", "C1", "plans", "2024-02-03-care.md"]),
            Ok(Some(Kind::Plan(..)))
        ));
        assert!(matches!(
            classify(&["report", "2025-26", "01-intro.md"]),
            Ok(Some(Kind::Section(..)))
        ));
        assert!(classify(&["report", "2025-27", "01-intro.md"]).is_err());
        assert!(valid_id("C0042") && !valid_id("-x") && !valid_id("a/b") && !valid_id(".."));
    }

    #[test]
    fn relative_paths() {
        let root = Path::new("/r/records");
        assert_eq!(
            rel(
                root,
                Path::new("/r/records/children/C1/reviews/2024-05-02.md")
            ),
            "children/C1/reviews/2024-05-02.md"
        );
        for p in [
            "/r/records/iros/a.yaml",
            "/r/records/iros/\u{e9}.yaml",
            "/r/records",
            "/r/records/",
            "/r/records//iros/./a.yaml",
            "/r/records/iros/a.yaml/",
            "/r/records/../x",
            "/r/recordsX/a",
            "/elsewhere/a",
        ] {
            assert_eq!(
                rel(root, Path::new(p)),
                rel_components(root, Path::new(p)),
                "{p}"
            );
        }
        let top = Path::new("/");
        let p = Path::new("/iros/a.yaml");
        assert_eq!(rel(top, p), rel_components(top, p));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let p = Path::new(std::ffi::OsStr::from_bytes(
                b"/r/records/a\xe2\x82/\xffb\xc3",
            ));
            assert_eq!(rel(root, p), rel_components(root, p));
        }
    }

    #[test]
    fn line_col_of_offset() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }
}
