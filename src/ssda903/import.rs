//! An authority's SSDA903 files read into records: a child's header row and
//! episodes become `child.yaml`, each review row a review file marked
//! `imported: ssda903` (its date and participation code, no IRO, an empty
//! letter).
//!
//! All or nothing: every row that cannot be mapped is reported (file, row,
//! column, why), and then nothing is written. The files it would write are
//! loaded and checked by the loader first. It never overwrites: a file that
//! is there with the same text is left alone (so a second import changes
//! nothing), and one with other text is reported.

use super::parse_date;
use super::values::Kind;
use crate::codes::{
    CodeList, Ethnicity, LegalStatus, Need, Participation, PlaceChange, Placement, Provider,
    ReasonEnded, ReasonNew,
};
use crate::diag::Diagnostic;
use crate::source::Sources;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// What an import would write, or why it cannot.
#[derive(Debug, Default)]
pub struct Plan {
    /// New files: path relative to the records root, and text.
    pub new: Vec<(String, String)>,
    /// Files already there with the same text.
    pub unchanged: usize,
    /// Every problem; non-empty means nothing may be written.
    pub problems: Vec<Diagnostic>,
    /// The CSV texts read, by the name shown in diagnostics (for excerpts).
    pub sources: Sources,
    /// Children in the files.
    pub children: usize,
    /// Review rows in the files.
    pub reviews: usize,
}

/// An SSDA903 file larger than this is refused before it is read (the
/// largest authority's return is a few MiB).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// No SSDA903 value or column name is longer than this many characters (the
/// longest, a UPN, has 13); a longer cell is refused, never quoted.
pub const MAX_CELL_CHARS: usize = 100;

/// One CSV table read: its rows' cells in column order, with the line each
/// row starts on and the byte where that line starts in `text`.
struct Table {
    file: String,
    head: Vec<String>,
    text: String,
    rows: Vec<TableRow>,
}

/// One row of a table.
struct TableRow {
    line: u32,
    at: usize,
    cells: Vec<String>,
}

/// The episode fields read from a row.
struct Ep {
    line: u32,
    start: NaiveDate,
    fields: Vec<(&'static str, String)>,
}

/// A child as the files describe it.
#[derive(Default)]
struct Kid {
    header: Option<(u32, Vec<(&'static str, String)>)>,
    dob: Option<NaiveDate>,
    episodes: Vec<Ep>,
    reviews: BTreeMap<NaiveDate, (u32, String)>,
}

/// Read the tables in `dir` and plan the files for the records at `root`.
pub fn plan(root: &Path, dir: &Path, as_of: NaiveDate) -> Plan {
    let mut p = Plan::default();
    let mut tables: BTreeMap<&'static str, Table> = BTreeMap::new();
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(e) => {
            p.problems.push(Diagnostic::new(
                "io",
                format!("cannot read the folder {}: {}", dir.display(), e.kind()),
            ));
            return p;
        }
    };
    entries.sort();
    // The safe-read policy, with the folder as its root: regular files
    // only, no link out of the folder, the size limit.
    let base = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    for path in entries {
        let is_csv = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("csv"));
        if !is_csv || !path.is_file() {
            continue;
        }
        let shown = path.display().to_string();
        // The size limit is checked before anything is read (and while
        // reading, should the file grow): a 100 MB line is never read whole.
        let bytes = match crate::load::read::read_bytes(&base, &path, MAX_FILE_BYTES) {
            Ok(b) => b,
            Err(d) => {
                let d = if d.message.starts_with("file is too large") {
                    d.hint(format!(
                        "an SSDA903 file is at most {} MiB; check this is the return's file",
                        MAX_FILE_BYTES / (1024 * 1024)
                    ))
                } else {
                    d
                };
                p.problems.push(d.file(&shown));
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = upto.iter().filter(|b| **b == b'\n').count() as u32 + 1;
                p.problems.push(
                    Diagnostic::new("io", "not UTF-8 text")
                        .file(&shown)
                        .at(line, 1)
                        .hint("save the file as CSV UTF-8 (Excel: Save As, CSV UTF-8)"),
                );
                continue;
            }
        };
        let text = match text.strip_prefix('\u{feff}') {
            Some(t) => t.to_string(),
            None => text,
        };
        let text = one_line_end(text);
        let (name, t) = match read_table(&shown, text, &mut p.problems) {
            Ok(t) => t,
            Err(text) => {
                p.sources.insert(shown, text);
                continue;
            }
        };
        {
            if let Some(prev) = tables.get(name) {
                p.problems.push(
                    Diagnostic::new(
                        "duplicate",
                        format!("a second {name} table (the first is {})", prev.file),
                    )
                    .file(&shown)
                    .at(1, 1)
                    .hint("keep one file of each table in the folder"),
                );
            } else {
                tables.insert(name, t);
            }
        }
    }
    for need in ["header", "episodes"] {
        if !tables.contains_key(need) && p.problems.is_empty() {
            p.problems.push(
                Diagnostic::new("io", format!("no {need} table in {}", dir.display()))
                    .hint("the folder needs header and episodes CSV files (reviews too, if any), with the DfE's column names in the first row"),
            );
        }
    }
    let files = if p.problems.is_empty() {
        files_of(&tables, &mut p)
    } else {
        None
    };
    // The texts read, for the excerpts of the problems (moved, not copied).
    for t in tables.into_values() {
        p.sources.insert(t.file, t.text);
    }
    let Some(files) = files else { return p };
    let config = match std::fs::read_to_string(root.join("iro.toml")) {
        Ok(c) => c,
        Err(e) => {
            p.problems.push(
                Diagnostic::new("io", format!("cannot read iro.toml: {}", e.kind()))
                    .file("iro.toml"),
            );
            return p;
        }
    };
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    match crate::load::load_texts(&config, &refs) {
        Ok((repo, mut diags)) => {
            diags.extend(crate::load::validate::validate(&repo, as_of));
            for d in diags {
                if d.severity == crate::diag::Severity::Error {
                    p.problems.push(d);
                }
            }
        }
        Err(ds) => p.problems.extend(ds),
    }
    if !p.problems.is_empty() {
        return p;
    }
    for (rel, text) in files {
        match std::fs::read(root.join(&rel)) {
            Ok(old) if old == text.as_bytes() => p.unchanged += 1,
            Ok(_) => p.problems.push(
                Diagnostic::new(
                    "duplicate",
                    "this file is already in the records, with other content: not changed",
                )
                .file(&rel)
                .hint("iro import never overwrites; move the file aside to import it again"),
            ),
            Err(_) if root.join(&rel).exists() => p.problems.push(
                Diagnostic::new(
                    "io",
                    "a folder or unreadable file is where this record would go",
                )
                .file(&rel),
            ),
            Err(_) => p.new.push((rel, text)),
        }
    }
    p
}

/// The rows of the tables as children, checked, and the files they make
/// (`None` when a row or a child has a problem).
fn files_of(tables: &BTreeMap<&'static str, Table>, p: &mut Plan) -> Option<Vec<(String, String)>> {
    let mut kids: BTreeMap<String, Kid> = BTreeMap::new();
    read_header(&tables["header"], &mut kids, &mut p.problems);
    read_episodes(&tables["episodes"], &mut kids, &mut p.problems);
    if let Some(t) = tables.get("reviews") {
        read_reviews(t, &mut kids, &mut p.problems);
    }
    for (id, k) in &kids {
        if k.header.is_none() {
            let (file, line) = k
                .episodes
                .first()
                .map(|e| (tables["episodes"].file.clone(), e.line))
                .unwrap_or_else(|| (tables["reviews"].file.clone(), 0));
            p.problems.push(
                Diagnostic::new("ref", format!("child {id} has no row in the header table"))
                    .file(file)
                    .at(line, 1)
                    .hint("every CHILD in episodes and reviews needs a header row"),
            );
        } else if k.episodes.is_empty() {
            p.problems.push(
                Diagnostic::new("schema", format!("child {id} has no episodes"))
                    .file(&tables["header"].file)
                    .at(k.header.as_ref().map_or(0, |h| h.0), 1)
                    .hint("every child in the header needs at least one episode"),
            );
        }
    }
    if !p.problems.is_empty() {
        return None;
    }
    p.children = kids.len();
    p.reviews = kids.values().map(|k| k.reviews.len()).sum();
    let mut files: Vec<(String, String)> = Vec::new();
    for (id, k) in &kids {
        files.push((format!("children/{id}/child.yaml"), child_yaml(id, k)));
        for (d, (_, code)) in &k.reviews {
            files.push((format!("children/{id}/reviews/{d}.md"), review_md(code)));
        }
    }
    Some(files)
}

/// Write the planned files (none when there are problems). All or nothing:
/// a failure removes the files this call made.
pub fn write(root: &Path, plan: &Plan) -> Result<(), String> {
    if !plan.problems.is_empty() {
        return Err("not imported: the problems above must be fixed first".into());
    }
    // Nothing is written through a symbolic link that leads out of the
    // records (`children/` linked elsewhere): every file checked first.
    for (rel, _) in &plan.new {
        crate::out::inside_root(root, &root.join(rel))
            .map_err(|e| format!("{e}; not imported: nothing was written"))?;
    }
    let mut made: Vec<std::path::PathBuf> = Vec::new();
    for (rel, text) in &plan.new {
        let path = root.join(rel);
        if let Err(e) = crate::out::create_new(&path, text.as_bytes()) {
            for m in made.iter().rev() {
                let _ = std::fs::remove_file(m);
            }
            return Err(match e {
                crate::out::CreateError::Exists => {
                    format!("{rel} appeared while importing: nothing written")
                }
                crate::out::CreateError::Io(s) => format!("{s}: nothing written"),
            });
        }
        made.push(path);
    }
    Ok(())
}

/// `text` with every line ended by `\n` or `\r\n`: a lone `\r` (old Mac
/// files) becomes `\n`, so that lines are counted the same whatever the
/// line ends and excerpts show the right line.
fn one_line_end(text: String) -> String {
    let b = text.as_bytes();
    let lone_cr = (0..b.len()).any(|i| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'));
    if !lone_cr {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\r' && it.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Names for a message: at most five, each at most 24 characters, never
/// a long value quoted whole.
fn names(list: &[&str]) -> String {
    let mut shown: Vec<String> = list
        .iter()
        .take(5)
        .map(|n| {
            if n.chars().count() <= 24 {
                (*n).to_string()
            } else {
                "(a long name)".to_string()
            }
        })
        .collect();
    if list.len() > 5 {
        shown.push(format!("and {} more", list.len() - 5));
    }
    shown.join(", ")
}

/// Read one table. `Err` gives the text back when the table cannot be
/// read (the problem is in `problems`); rows with a cell too long to be a
/// value are reported and left out.
fn read_table(
    shown: &str,
    text: String,
    problems: &mut Vec<Diagnostic>,
) -> Result<(&'static str, Table), String> {
    match table_of(shown, &text, problems) {
        Ok((name, head, rows)) => Ok((
            name,
            Table {
                file: shown.to_string(),
                head,
                text,
                rows,
            },
        )),
        Err(d) => {
            problems.push(d);
            Err(text)
        }
    }
}

/// Which table `head` is: the one whose columns it shares most of, as the
/// DfE's validator knows tables by their exact set of columns.
fn which_table(shown: &str, text: &str, head: &[String]) -> Result<&'static str, Diagnostic> {
    let named = [
        ("header", super::HEADER),
        ("episodes", super::EPISODES),
        ("reviews", super::REVIEWS),
    ];
    let mut best: Option<(&'static str, &[&str], usize)> = None;
    for (name, cols) in named {
        let overlap = cols.iter().filter(|c| head.iter().any(|h| h == *c)).count();
        if best.is_none_or(|b| overlap > b.2) {
            best = Some((name, cols, overlap));
        }
    }
    let (name, cols, overlap) = best.expect("three tables");
    let mut seen = std::collections::BTreeSet::new();
    for (i, h) in head.iter().enumerate() {
        if !seen.insert(h.as_str()) {
            return Err(Diagnostic::new(
                "duplicate",
                format!("the column {} is there twice", names(&[h])),
            )
            .file(shown)
            .at(1, head_column(text, i)));
        }
    }
    let missing: Vec<&str> = cols
        .iter()
        .filter(|c| !head.iter().any(|h| h == *c))
        .copied()
        .collect();
    let extra: Vec<&str> = head
        .iter()
        .filter(|h| !cols.contains(&h.as_str()))
        .map(String::as_str)
        .collect();
    if overlap == 0 {
        return Err(Diagnostic::new("schema", "not an SSDA903 header, episodes or reviews table: none of its columns is one of theirs")
            .file(shown)
            .at(1, 1)
            .hint(format!("the header table's columns are {}", super::HEADER.join(","))));
    }
    if !missing.is_empty() || !extra.is_empty() {
        let mut why = format!("the {name} table");
        if !missing.is_empty() {
            why.push_str(&format!(
                " lacks the column{} {}",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", ")
            ));
        }
        if !extra.is_empty() {
            if !missing.is_empty() {
                why.push_str(" and");
            }
            why.push_str(&format!(
                " has the unknown column{} {}",
                if extra.len() > 1 { "s" } else { "" },
                names(&extra)
            ));
        }
        return Err(Diagnostic::new("schema", why)
            .file(shown)
            .at(1, 1)
            .hint(format!("its columns are exactly {}", cols.join(","))));
    }
    Ok(name)
}

/// The table's name, its columns and its rows. Lines are counted as the
/// reader goes (each row's start from the last one's), so reading is linear
/// in the size of the file.
fn table_of(
    shown: &str,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Result<(&'static str, Vec<String>, Vec<TableRow>), Diagnostic> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let raw = r.headers().map_err(|e| {
        Diagnostic::new(
            "parse",
            format!("not a CSV table: {}", first_line(&e.to_string())),
        )
        .file(shown)
        .at(1, 1)
    })?;
    if let Some(i) = raw.iter().position(|h| h.chars().count() > MAX_CELL_CHARS) {
        return Err(Diagnostic::new(
            "schema",
            format!("a column name of more than {MAX_CELL_CHARS} characters: not an SSDA903 table"),
        )
        .file(shown)
        .at(1, head_column(text, i))
        .hint("the first row holds the DfE's column names (CHILD, SEX, DOB, ...)"));
    }
    let head: Vec<String> = raw.iter().map(|h| h.trim().to_ascii_uppercase()).collect();
    let name = which_table(shown, text, &head)?;
    let bytes = text.as_bytes();
    // Where counting stopped: a byte offset and the line it is on.
    let (mut at, mut line) = (0usize, 1u32);
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as u32);
            Diagnostic::new(
                "parse",
                format!("this row could not be read: {}", first_line(&e.to_string())),
            )
            .file(shown)
            .at(line, 1)
        })?;
        // The row starts where the reader began it, after any blank lines.
        let start = rec
            .position()
            .map_or(at, |p| (p.byte() as usize).min(bytes.len()));
        if start > at {
            line += bytes[at..start].iter().filter(|b| **b == b'\n').count() as u32;
            at = start;
        }
        while at < bytes.len() && (bytes[at] == b'\r' || bytes[at] == b'\n') {
            line += (bytes[at] == b'\n') as u32;
            at += 1;
        }
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rec.len() != head.len() {
            return Err(Diagnostic::new(
                "parse",
                format!(
                    "this row has {} cells; the table has {} columns",
                    rec.len(),
                    head.len()
                ),
            )
            .file(shown)
            .at(line, 1)
            .hint("a value holding a comma needs double quotes"));
        }
        if let Some(i) = rec.iter().position(|c| c.chars().count() > MAX_CELL_CHARS) {
            let row = TableRow {
                line,
                at,
                cells: Vec::new(),
            };
            problems.push(
                Diagnostic::new(
                    "schema",
                    format!(
                        "{}: a cell of more than {MAX_CELL_CHARS} characters; no SSDA903 value is that long",
                        head[i]
                    ),
                )
                .file(shown)
                .at(line, cell_column(text, &row, i))
                .hint("check the row: a quote may be missing, joining cells and rows into one"),
            );
            continue;
        }
        rows.push(TableRow {
            line,
            at,
            cells: rec.iter().map(|c| c.trim().to_string()).collect(),
        });
    }
    Ok((name, head, rows))
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").chars().take(120).collect()
}

/// The character column where cell `idx` of `row` starts on its line.
fn cell_column(text: &str, row: &TableRow, idx: usize) -> u32 {
    let line = text[row.at.min(text.len())..]
        .split('\n')
        .next()
        .unwrap_or("");
    let (mut cell, mut quoted) = (0, false);
    for (i, ch) in line.chars().enumerate() {
        if cell == idx {
            return i as u32 + 1;
        }
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => cell += 1,
            _ => {}
        }
    }
    line.chars().count() as u32 + 1
}

/// The character column where column `idx`'s name starts on the first line.
fn head_column(text: &str, idx: usize) -> u32 {
    let first = TableRow {
        line: 1,
        at: 0,
        cells: Vec::new(),
    };
    cell_column(text, &first, idx)
}

/// Problems in one row, by column.
struct Row<'a> {
    t: &'a Table,
    row: &'a TableRow,
    problems: &'a mut Vec<Diagnostic>,
}

impl Row<'_> {
    /// The character column where cell `c` starts on the row's line.
    fn col(&self, c: &str) -> u32 {
        match self.t.head.iter().position(|h| h == c) {
            Some(idx) => cell_column(&self.t.text, self.row, idx),
            None => 1,
        }
    }
    fn bad(&mut self, rule: &str, col: &str, why: String, hint: &str) {
        let d = Diagnostic::new(rule, format!("{col}: {why}"))
            .file(&self.t.file)
            .at(self.row.line, self.col(col))
            .hint(hint.to_string());
        self.problems.push(d);
    }
    fn get(&self, c: &str) -> &str {
        self.t
            .head
            .iter()
            .position(|h| h == c)
            .and_then(|i| self.row.cells.get(i))
            .map_or("", String::as_str)
    }
    fn id(&mut self) -> Option<String> {
        let v = self.get("CHILD").to_string();
        if crate::load::valid_id(&v) {
            Some(v)
        } else {
            self.bad(
                "schema",
                "CHILD",
                if v.is_empty() {
                    "empty".into()
                } else {
                    "not an id iro can use as a folder name".into()
                },
                "ids are letters, digits, - and _ (up to 32), starting with a letter or digit",
            );
            None
        }
    }
    fn date(&mut self, c: &str, required: bool) -> Option<NaiveDate> {
        let v = self.get(c).to_string();
        if v.is_empty() {
            if required {
                self.bad("date", c, "empty".into(), "write the date as dd/mm/yyyy");
            }
            return None;
        }
        let d = parse_date(&v);
        if d.is_none() {
            self.bad(
                "date",
                c,
                "not a date written dd/mm/yyyy".into(),
                "write the date as dd/mm/yyyy, e.g. 31/03/2026",
            );
        }
        d
    }
    /// A UPN, postcode or URN cell in its format (`values`), never quoted.
    fn value(&mut self, c: &str, kind: Kind) -> Option<String> {
        let v = self.get(c).to_string();
        if v.is_empty() {
            return Some(v);
        }
        match kind.check(&v) {
            Ok(()) => Some(v),
            Err(bad) => {
                self.bad("code", c, kind.message("the value", bad), kind.expected());
                None
            }
        }
    }
    fn code<T: CodeList>(&mut self, c: &str, required: bool) -> Option<Option<T>> {
        let valid = T::codes().join(" ");
        let list = T::NAME;
        let v = self.get(c).to_string();
        if v.is_empty() {
            if required {
                self.bad("code", c, "empty".into(), &format!("the codes: {valid}"));
                return None;
            }
            return Some(None);
        }
        match T::from_code(&v.to_ascii_uppercase()) {
            Some(x) => Some(Some(x)),
            None => {
                let shown = if v.chars().count() <= 12 && !crate::format::formula_like(&v) {
                    format!("`{v}`")
                } else {
                    "this value".into()
                };
                self.bad(
                    "code",
                    c,
                    format!("{shown} is not a valid {list}"),
                    &format!("the codes: {valid}"),
                );
                None
            }
        }
    }
}

fn read_header(t: &Table, kids: &mut BTreeMap<String, Kid>, problems: &mut Vec<Diagnostic>) {
    for row in &t.rows {
        let line = &row.line;
        let mut r = Row { t, row, problems };
        let Some(id) = r.id() else { continue };
        let sex = match r.get("SEX") {
            "1" | "M" | "m" => Some("M"),
            "2" | "F" | "f" => Some("F"),
            _ => {
                r.bad("code", "SEX", "not a sex iro records (1 or M, 2 or F)".into(), "iro records sex as M or F; a child recorded as U (unknown) cannot be imported yet");
                None
            }
        };
        let dob = r.date("DOB", true);
        let eth = r.code::<Ethnicity>("ETHNIC", true);
        let mother = match r.get("MOTHER") {
            "" => Some(None),
            "1" => Some(Some(true)),
            "0" => Some(Some(false)),
            _ => {
                r.bad(
                    "code",
                    "MOTHER",
                    "not 0, 1 or empty".into(),
                    "MOTHER is 1 when the young person is a mother, 0 when not",
                );
                None
            }
        };
        let mc = r.date("MC_DOB", false);
        let upn = r.value("UPN", Kind::Upn);
        let (Some(sex), Some(dob), Some(Some(eth)), Some(mother), Some(upn)) =
            (sex, dob, eth, mother, upn)
        else {
            continue;
        };
        if !r.get("MC_DOB").is_empty() && mc.is_none() {
            continue;
        }
        let k = kids.entry(id.clone()).or_default();
        if k.header.is_some() {
            r.bad(
                "duplicate",
                "CHILD",
                format!("child {id} has a second header row"),
                "keep one header row per child",
            );
            continue;
        }
        let mut f: Vec<(&'static str, String)> = vec![
            ("name", id.clone()),
            ("dob", dob.to_string()),
            ("sex", sex.to_string()),
            ("ethnicity", eth.code().to_string()),
        ];
        if !upn.is_empty() {
            f.push(("upn", quoted(&upn)));
        }
        if let Some(m) = mother {
            f.push(("mother", m.to_string()));
        }
        if let Some(d) = mc {
            f.push(("mother_child_dob", d.to_string()));
        }
        k.dob = Some(dob);
        k.header = Some((*line, f));
    }
}

fn read_episodes(t: &Table, kids: &mut BTreeMap<String, Kid>, problems: &mut Vec<Diagnostic>) {
    for row in &t.rows {
        let line = &row.line;
        let mut r = Row { t, row, problems };
        let Some(id) = r.id() else { continue };
        let start = r.date("DECOM", true);
        let rne = r.code::<ReasonNew>("RNE", true);
        let ls = r.code::<LegalStatus>("LS", true);
        let cin = r.code::<Need>("CIN", true);
        let place = r.code::<Placement>("PLACE", true);
        let prov = r.code::<Provider>("PLACE_PROVIDER", false);
        let end = r.date("DEC", false);
        let rec = r.code::<ReasonEnded>("REC", false);
        let why = r.code::<PlaceChange>("REASON_PLACE_CHANGE", false);
        let posts: Vec<(&'static str, Option<String>)> = [
            ("HOME_POST", "home_postcode", Kind::Postcode),
            ("PL_POST", "placement_postcode", Kind::Postcode),
            ("URN", "urn", Kind::Urn),
        ]
        .into_iter()
        .map(|(col, field, kind)| (field, r.value(col, kind)))
        .collect();
        if posts.iter().any(|(_, v)| v.is_none()) {
            continue;
        }
        let (
            Some(start),
            Some(Some(rne)),
            Some(Some(ls)),
            Some(Some(cin)),
            Some(Some(place)),
            Some(prov),
            Some(rec),
            Some(why),
        ) = (start, rne, ls, cin, place, prov, rec, why)
        else {
            continue;
        };
        if !r.get("DEC").is_empty() && end.is_none() {
            continue;
        }
        let mut f: Vec<(&'static str, String)> = vec![
            ("start", start.to_string()),
            ("reason_new", rne.code().to_string()),
            ("legal_status", ls.code().to_string()),
            ("need", cin.code().to_string()),
            ("placement", place.code().to_string()),
        ];
        if let Some(p) = prov {
            f.push(("provider", p.code().to_string()));
        }
        if let Some(e) = end {
            f.push(("end", e.to_string()));
        }
        if let Some(x) = rec {
            f.push(("reason_ended", x.code().to_string()));
        }
        if let Some(w) = why {
            f.push(("reason_place_change", w.code().to_string()));
        }
        for (field, v) in posts {
            match v {
                Some(v) if !v.is_empty() => f.push((field, quoted(&v))),
                _ => {}
            }
        }
        let k = kids.entry(id.clone()).or_default();
        if k.episodes.iter().any(|e| e.start == start) {
            r.bad(
                "duplicate",
                "DECOM",
                format!("child {id} has two episodes starting on this day"),
                "keep one row per episode",
            );
            continue;
        }
        k.episodes.push(Ep {
            line: *line,
            start,
            fields: f,
        });
    }
    for k in kids.values_mut() {
        k.episodes.sort_by_key(|e| e.start);
    }
}

fn read_reviews(t: &Table, kids: &mut BTreeMap<String, Kid>, problems: &mut Vec<Diagnostic>) {
    for row in &t.rows {
        let line = &row.line;
        let mut r = Row { t, row, problems };
        let Some(id) = r.id() else { continue };
        let on = r.date("REVIEW", true);
        let dob = r.date("DOB", false);
        let pn = r.code::<Participation>("REVIEW_CODE", true);
        let (Some(on), Some(Some(pn))) = (on, pn) else {
            continue;
        };
        let k = kids.entry(id.clone()).or_default();
        if let (Some(a), Some(b)) = (dob, k.dob)
            && a != b
        {
            r.bad(
                "date",
                "DOB",
                format!("not the date of birth in child {id}'s header row"),
                "the DOB of a review row must be the child's date of birth",
            );
            continue;
        }
        if k.reviews.contains_key(&on) {
            r.bad(
                "duplicate",
                "REVIEW",
                format!("child {id} has two reviews on this day"),
                "keep one row per review",
            );
            continue;
        }
        k.reviews.insert(on, (*line, pn.code().to_string()));
    }
}

/// Text as a YAML string: JSON's quoting is valid YAML and safe for any text.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn child_yaml(_id: &str, k: &Kid) -> String {
    let mut out = String::from(
        "# Imported from an SSDA903 return by `iro import ssda903`. The return has no\n# names: write the child's name in place of the id.\n",
    );
    if let Some((_, fields)) = &k.header {
        for (f, v) in fields {
            out.push_str(&format!("{f}: {v}\n"));
        }
    }
    out.push_str("imported: ssda903\n");
    out.push_str("episodes:\n");
    for e in &k.episodes {
        for (i, (f, v)) in e.fields.iter().enumerate() {
            let lead = if i == 0 { "  - " } else { "    " };
            out.push_str(&format!("{lead}{f}: {v}\n"));
        }
    }
    out
}

fn review_md(code: &str) -> String {
    format!("---\nkind: cla\nimported: ssda903\nparticipation: {code}\n---\n")
}
