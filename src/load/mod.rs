//! Loading a records repository: walk the layout, read and parse every file
//! in parallel, type it, and collect load diagnostics. No rule logic here.
//!
//! Safety: nothing outside the root is read (symlinks are resolved and
//! checked), files over `MAX_FILE_BYTES` are refused, text must be UTF-8.

pub mod parse;
pub mod validate;

use crate::diag::Diagnostic;
use crate::records::*;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Records are small text files; anything bigger is refused.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

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
    Child(Box<ChildRec>, String, String),
    Review(String, Review),
    Plan(String, Plan),
    Alert(String, Alert),
    Contact(String, Dated<ContactRec>),
    Meeting(String, Dated<MeetingRec>),
    Section(String, Section),
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
            Ok(None) // photos and other files beside the IRO files
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
                return Ok(None);
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

/// Read a file inside the root as UTF-8 text, with `io` diagnostics.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    read_text_known(root, path, None)
}

/// `read_text` when the walker already knows whether the entry is a
/// symbolic link (saves a `stat` per file on large repositories).
pub fn read_text_known(
    root: &Path,
    path: &Path,
    is_symlink: Option<bool>,
) -> Result<String, Diagnostic> {
    use std::io::Read;
    let cannot =
        |e: std::io::Error| Diagnostic::new("io", format!("cannot read the file: {}", e.kind()));
    let is_link = match is_symlink {
        Some(b) => b,
        None => std::fs::symlink_metadata(path)
            .map_err(cannot)?
            .file_type()
            .is_symlink(),
    };
    if is_link {
        let target = path.canonicalize().map_err(|_| {
            Diagnostic::new("io", "broken symbolic link")
                .hint("remove the link or restore its target")
        })?;
        if !target.starts_with(root) {
            return Err(Diagnostic::new(
                "io",
                "symbolic link points outside the repository: not read",
            )
            .hint("copy the file into the repository instead of linking to it"));
        }
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let len = file.metadata().map_err(cannot)?.len();
    let too_large = |len: u64| {
        Diagnostic::new(
            "io",
            format!(
                "file is too large ({:.1} MB; records are at most 1 MiB)",
                len as f64 / 1e6
            ),
        )
        .hint("a record is a short text file; check this is the right file")
    };
    if len > MAX_FILE_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    // `take` guards against a file that grows while it is read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let col = good.iter().rev().take_while(|b| **b != b'\n').count() as u32 + 1;
            Err(Diagnostic::new("io", "the file is not UTF-8 text")
                .at(line, col)
                .hint("save the file as UTF-8 (most editors: File > Save with encoding)"))
        }
    }
}

fn rel(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Load `iro.toml`.
pub fn load_config(root: &Path) -> Result<Config, Diagnostic> {
    let path = root.join("iro.toml");
    let text = read_text(root, &path).map_err(|d| d.file("iro.toml"))?;
    toml::from_str::<Config>(&text).map_err(|e| {
        let (line, col) = e.span().map(|s| line_col(&text, s.start)).unwrap_or((0, 0));
        let msg = e.message().to_string();
        let d = if msg.contains("unknown field") || msg.contains("missing field") {
            parse::classify(&msg, true, &[])
        } else {
            Diagnostic::new(
                "parse",
                format!("iro.toml: {}", msg.lines().next().unwrap_or("")),
            )
            .hint("see docs/configuration.md for every setting")
        };
        d.file("iro.toml").at(line, col)
    })
}

/// 1-based line and column (chars) of a byte offset.
pub fn line_col(text: &str, byte: usize) -> (u32, u32) {
    let byte = byte.min(text.len());
    let before = &text[..text.floor_char_boundary(byte)];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    (line, col)
}

/// Load everything under `root`. Returns the repository (what could be
/// typed) and the load diagnostics. `Err` only when `iro.toml` is unusable.
pub fn load(root: &Path) -> Result<(Repo, Vec<Diagnostic>), Vec<Diagnostic>> {
    let root = root.canonicalize().map_err(|e| {
        vec![Diagnostic::new(
            "io",
            format!("cannot open the records root: {}", e.kind()),
        )]
    })?;
    let config = load_config(&root).map_err(|d| vec![d])?;
    let mut diags = Vec::new();

    // Walk: collect paths (cheap), then read and parse in parallel.
    let mut paths: Vec<(PathBuf, String, Kind, bool)> = Vec::new();
    let walker = walkdir::WalkDir::new(&root).follow_links(false).into_iter();
    for entry in walker.filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0
            || !(name.starts_with('.')
                || (e.depth() == 1
                    && matches!(
                        name.as_ref(),
                        "public" | "private" | "themes" | "target" | "node_modules"
                    )))
    }) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let f = e.path().map(|p| rel(&root, p)).unwrap_or_default();
                diags.push(Diagnostic::new("io", "cannot read this folder").file(f));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let r = rel(&root, entry.path());
        let parts: Vec<&str> = r.split('/').collect();
        match classify(&parts) {
            Ok(Some(k)) => paths.push((entry.path().to_path_buf(), r, k, entry.path_is_symlink())),
            Ok(None) => {}
            Err(d) => {
                let child = if parts.first() == Some(&"children") {
                    parts.get(1).map(|s| s.to_string())
                } else {
                    None
                };
                let mut d = d.file(r);
                d.child = child.filter(|c| valid_id(c));
                diags.push(d);
            }
        }
    }
    let files = paths.len() + 1;

    let results: Vec<Result<Parsed, Diagnostic>> = paths
        .par_iter()
        .map(|(path, r, kind, link)| {
            parse_one(&root, path, r, kind, *link).map_err(|d| tag(d, r, kind))
        })
        .collect();
    let kinds: Vec<(String, Kind)> = paths.into_iter().map(|(_, r, k, _)| (r, k)).collect();
    let (repo, more) = assemble(root, config, results, kinds, files);
    diags.extend(more);
    Ok((repo, diags))
}

fn tag(d: Diagnostic, r: &str, kind: &Kind) -> Diagnostic {
    let mut d = d.file(r.to_string());
    if let Kind::Child(c)
    | Kind::Review(c, _)
    | Kind::Plan(c, ..)
    | Kind::Alert(c, ..)
    | Kind::Contact(c, _)
    | Kind::Meeting(c, _) = kind
    {
        d.child = Some(c.clone());
    }
    d
}

/// Load records held in memory: `iro.toml` text and (relative path, text)
/// pairs laid out as on disk. Used by tests and the fuzzer; no I/O.
pub fn load_texts(
    config: &str,
    files: &[(&str, &str)],
) -> Result<(Repo, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config = toml::from_str::<Config>(config).map_err(|e| {
        vec![Diagnostic::new("parse", format!("iro.toml: {}", e.message())).file("iro.toml")]
    })?;
    let mut diags = Vec::new();
    let mut kinds = Vec::new();
    let mut results = Vec::new();
    for (r, text) in files {
        let parts: Vec<&str> = r.split('/').collect();
        match classify(&parts) {
            Ok(Some(k)) => {
                results.push(parse_text(text, r, &k).map_err(|d| tag(d, r, &k)));
                kinds.push((r.to_string(), k));
            }
            Ok(None) => {}
            Err(d) => diags.push(d.file(r.to_string())),
        }
    }
    let n = kinds.len() + 1;
    let (repo, more) = assemble(PathBuf::from("."), config, results, kinds, n);
    diags.extend(more);
    Ok((repo, diags))
}

fn assemble(
    root: PathBuf,
    config: Config,
    results: Vec<Result<Parsed, Diagnostic>>,
    paths: Vec<(String, Kind)>,
    files: usize,
) -> (Repo, Vec<Diagnostic>) {
    let mut diags = Vec::new();

    let mut iros = BTreeMap::new();
    let mut children: BTreeMap<String, Child> = BTreeMap::new();
    let mut pending: Vec<Parsed> = Vec::new();
    let mut sections: BTreeMap<String, Vec<Section>> = BTreeMap::new();
    let mut child_dirs: BTreeMap<String, String> = BTreeMap::new();
    for (r, kind) in &paths {
        if let Kind::Child(c)
        | Kind::Review(c, _)
        | Kind::Plan(c, ..)
        | Kind::Alert(c, ..)
        | Kind::Contact(c, _)
        | Kind::Meeting(c, _) = kind
        {
            child_dirs.entry(c.clone()).or_insert_with(|| r.clone());
        }
    }
    let mut failed_children = std::collections::BTreeSet::new();
    for (res, (_, kind)) in results.into_iter().zip(&paths) {
        match res {
            Ok(Parsed::Iro(i)) => {
                iros.insert(i.id.clone(), i);
            }
            Ok(Parsed::Child(rec, id, file)) => {
                children.insert(
                    id.clone(),
                    Child {
                        id,
                        file,
                        rec: *rec,
                        reviews: vec![],
                        plans: vec![],
                        alerts: vec![],
                        contacts: vec![],
                        meetings: vec![],
                    },
                );
            }
            Ok(Parsed::Section(y, s)) => sections.entry(y).or_default().push(s),
            Ok(p) => pending.push(p),
            Err(d) => {
                if let Kind::Child(c) = kind {
                    failed_children.insert(c.clone());
                }
                diags.push(d);
            }
        }
    }
    type Attach = Box<dyn FnOnce(&mut Child)>;
    for p in pending {
        let (cid, attach): (String, Attach) = match p {
            Parsed::Review(c, r) => (c, Box::new(move |ch: &mut Child| ch.reviews.push(r))),
            Parsed::Plan(c, r) => (c, Box::new(move |ch: &mut Child| ch.plans.push(r))),
            Parsed::Alert(c, r) => (c, Box::new(move |ch: &mut Child| ch.alerts.push(r))),
            Parsed::Contact(c, r) => (c, Box::new(move |ch: &mut Child| ch.contacts.push(r))),
            Parsed::Meeting(c, r) => (c, Box::new(move |ch: &mut Child| ch.meetings.push(r))),
            _ => continue,
        };
        if let Some(ch) = children.get_mut(&cid) {
            attach(ch);
        }
    }
    for (c, first_file) in &child_dirs {
        if !children.contains_key(c) && !failed_children.contains(c) {
            diags.push(
                Diagnostic::new("schema", "this child's folder has no child.yaml")
                    .file(first_file.clone())
                    .child(c.clone())
                    .hint(format!("add children/{c}/child.yaml (iro new child {c})")),
            );
        }
    }
    for ch in children.values_mut() {
        ch.reviews
            .sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        ch.plans
            .sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        ch.alerts
            .sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        ch.contacts
            .sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        ch.meetings
            .sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
    }
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
        },
        diags,
    )
}

fn parse_one(
    root: &Path,
    path: &Path,
    r: &str,
    kind: &Kind,
    link: bool,
) -> Result<Parsed, Diagnostic> {
    let text = read_text_known(root, path, Some(link))?;
    parse_text(&text, r, kind)
}

fn parse_text(text: &str, r: &str, kind: &Kind) -> Result<Parsed, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::new("schema", "empty file").at(1, 1).hint(
            "fill in the record's fields (iro new ... makes a template), or delete the file",
        ));
    }
    fn md(text: &str) -> Result<(&str, String, u32, u32), Diagnostic> {
        let s = parse::split_front_matter(text)?;
        Ok((s.front, s.body.to_string(), s.front_line, s.body_line))
    }
    Ok(match kind {
        Kind::Iro(id) => Parsed::Iro(Iro {
            id: id.clone(),
            file: r.into(),
            rec: parse::yaml(text, 1, &[])?,
        }),
        Kind::Child(id) => {
            Parsed::Child(Box::new(parse::yaml(text, 1, &[])?), id.clone(), r.into())
        }
        Kind::Review(c, date) => {
            let (fm, body, fl, bl) = md(text)?;
            Parsed::Review(
                c.clone(),
                Review {
                    file: r.into(),
                    date: *date,
                    rec: parse::yaml(fm, fl, &[])?,
                    body,
                    body_line: bl,
                },
            )
        }
        Kind::Plan(c, date, _) => {
            let (fm, body, fl, _) = md(text)?;
            Parsed::Plan(
                c.clone(),
                Plan {
                    file: r.into(),
                    date: *date,
                    rec: parse::yaml(fm, fl, &[])?,
                    body,
                },
            )
        }
        Kind::Alert(c, date, slug) => {
            let (fm, body, fl, _) = md(text)?;
            Parsed::Alert(
                c.clone(),
                Alert {
                    file: r.into(),
                    date: *date,
                    slug: slug.clone(),
                    rec: parse::yaml(fm, fl, &[])?,
                    body,
                },
            )
        }
        Kind::Contact(c, date) => Parsed::Contact(
            c.clone(),
            Dated {
                file: r.into(),
                date: *date,
                rec: parse::yaml(text, 1, &[])?,
            },
        ),
        Kind::Meeting(c, date) => Parsed::Meeting(
            c.clone(),
            Dated {
                file: r.into(),
                date: *date,
                rec: parse::yaml(text, 1, &[])?,
            },
        ),
        Kind::Section(y, order, slug) => {
            let (fm, body, fl, bl) = md(text)?;
            Parsed::Section(
                y.clone(),
                Section {
                    file: r.into(),
                    order: *order,
                    slug: slug.clone(),
                    rec: parse::yaml(fm, fl, &[])?,
                    body,
                    body_line: bl,
                },
            )
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
    fn line_col_of_offset() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }
}
