//! Printing diagnostics: compiler style (excerpt, caret, source, hint) grouped
//! by child with a summary line, or JSON.
//!
//! The excerpt is the line of the file the user owns, as it was loaded; messages never carry
//! record contents (see `Diagnostic::message`).

use crate::diag::{Counts, Diagnostic, Severity, plural};
use crate::source::Sources;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Human output options.
pub struct HumanOptions {
    /// Colour (a terminal, and NO_COLOR unset).
    pub color: bool,
    /// Show `info` findings.
    pub show_info: bool,
}

/// Render findings for a terminal. `diags` must be sorted by `sort_key`;
/// excerpts come from `sources`, the texts as they were loaded.
pub fn human(
    sources: &Sources,
    diags: &[Diagnostic],
    files_checked: usize,
    opts: &HumanOptions,
) -> String {
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    // Where each line starts, per file, found once: the excerpt of every
    // finding is then a lookup, however many findings a long file has.
    let mut starts: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    let mut last_child: Option<Option<&str>> = None;
    let shown: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| opts.show_info || d.severity != Severity::Info)
        .collect();
    for d in &shown {
        if last_child != Some(d.child.as_deref()) {
            let head = match &d.child {
                Some(c) => format!("── child {c} "),
                None => "── service ".to_string(),
            };
            out.push_str(&format!("{head:─<60}\n"));
            last_child = Some(d.child.as_deref());
        }
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let title = level.primary_title(d.message.as_str()).id(d.rule.as_str());
        let mut line_text = None;
        if let (Some(file), true) = (&d.file, d.line > 0)
            && let Some(t) = sources.get(file)
        {
            let at = starts
                .entry(file.as_str())
                .or_insert_with(|| line_starts(t));
            if let Some(&from) = at.get(d.line as usize - 1) {
                let to = at.get(d.line as usize).map_or(t.len(), |n| n - 1);
                let l = &t[from..to.max(from)];
                let l = l.strip_suffix('\n').unwrap_or(l);
                line_text = window(l.strip_suffix('\r').unwrap_or(l), d.column);
            }
        }
        let mut groups: Vec<Group> = Vec::new();
        let source_note = source_note(d);
        match (&d.file, line_text) {
            (Some(file), Some(lt)) => {
                let (start, end) = caret_range(&lt, d.column);
                groups.push(
                    title.element(
                        Snippet::source(lt)
                            .line_start(d.line as usize)
                            .path(file.as_str())
                            .annotation(AnnotationKind::Primary.span(start..end)),
                    ),
                );
            }
            (Some(file), None) => {
                let at = match (d.line, d.column) {
                    (0, _) => file.clone(),
                    (l, 0) => format!("{file}:{l}"),
                    (l, c) => format!("{file}:{l}:{c}"),
                };
                groups.push(title.element(Level::NOTE.message(format!("in {at}"))));
            }
            (None, _) => groups.push(Group::with_title(title)),
        }
        let mut notes = vec![Level::NOTE.message(source_note)];
        if let Some(h) = &d.hint {
            notes.push(Level::HELP.message(h.as_str()));
        }
        let last = groups.pop().expect("one group");
        let last = notes.into_iter().fold(last, |g, n| g.element(n));
        groups.push(last);
        out.push_str(&renderer.render(&groups).to_string());
        out.push_str("\n\n");
    }
    let c = Counts::of(diags);
    if c.errors + c.warnings + c.infos > 0 {
        let children = {
            let mut v: Vec<&str> = shown.iter().filter_map(|d| d.child.as_deref()).collect();
            v.dedup();
            v.len()
        };
        let mut s = format!(
            "{}, {}",
            plural(c.errors, "error", "errors"),
            plural(c.warnings, "warning", "warnings"),
        );
        if opts.show_info {
            s.push_str(&format!(", {}", plural(c.infos, "note", "notes")));
        } else if c.infos > 0 {
            s.push_str(&format!(
                " ({} hidden; --notes shows them)",
                plural(c.infos, "note", "notes")
            ));
        }
        s.push_str(&format!(
            " about {} in {} checked",
            plural(children, "child", "children"),
            plural(files_checked, "file", "files")
        ));
        if c.errors + c.warnings > 0 || opts.show_info {
            out.push_str(&s);
            out.push('\n');
        }
    }
    out
}

/// The note under a finding: the legal source, where there is one, and the
/// `iro explain` id that says more (never a file the user does not have).
pub fn source_note(d: &Diagnostic) -> String {
    if d.source.ends_with(".md") {
        format!("more: `iro explain {}`", d.rule)
    } else {
        format!("source: {}; more: `iro explain {}`", d.source, d.rule)
    }
}

/// The byte offset where each line of `t` starts (lines end with `\n`).
fn line_starts(t: &str) -> Vec<usize> {
    if t.is_empty() {
        return Vec::new();
    }
    let mut v = vec![0];
    v.extend(
        t.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1)
            .filter(|i| *i < t.len()),
    );
    v
}

/// Lines up to this many characters are given to the renderer whole (it
/// shows a long line cut around the caret, at most 140 columns wide).
const EXCERPT_CHARS: usize = 2_000;

/// The line an excerpt is made from: the line itself; the first
/// `EXCERPT_CHARS` characters of a longer one when the column is among its
/// first three quarters (the renderer then cuts it for the terminal); else
/// `None`, and the finding names its line and column without an excerpt. A
/// long value is never printed whole, and the column shown stays the
/// column in the file.
fn window(line: &str, col: u32) -> Option<String> {
    match line.char_indices().nth(EXCERPT_CHARS) {
        None => Some(line.to_string()),
        Some(_) if col as usize > EXCERPT_CHARS * 3 / 4 => None,
        Some((cut, _)) => Some(format!("{}…", &line[..cut])),
    }
}

/// The byte range under the caret: the token starting at the 1-based char column.
fn caret_range(line: &str, col: u32) -> (usize, usize) {
    if col == 0 || line.is_empty() {
        return (0, line.len().min(1));
    }
    let start = line
        .char_indices()
        .nth(col as usize - 1)
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    let rest = &line[start..];
    // The token, or its first 40 characters (a long value is not
    // underlined whole, so the renderer can cut the line around it).
    let len = rest
        .char_indices()
        .enumerate()
        .find(|(n, (_, c))| *n == 40 || c.is_whitespace() || *c == ',' || *c == ']' || *c == '}')
        .map_or(rest.len(), |(_, (i, _))| i);
    if len == 0 {
        let l = rest.chars().next().map(|c| c.len_utf8()).unwrap_or(0);
        (start, start + l)
    } else {
        (start, start + len)
    }
}

/// JSON output with each finding's file's last commit (`"commit": {hash,
/// author, date}`, or null for a file not committed yet).
pub fn json_with_commits(
    diags: &[Diagnostic],
    commits: &std::collections::BTreeMap<String, (String, String, String)>,
) -> String {
    let v: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let mut v = serde_json::to_value(d).unwrap_or(serde_json::Value::Null);
            let c = d
                .file
                .as_ref()
                .and_then(|f| commits.get(f))
                .map(|(h, a, t)| serde_json::json!({"hash": h, "author": a, "date": t}));
            v["commit"] = c.unwrap_or(serde_json::Value::Null);
            v
        })
        .collect();
    serde_json::to_string_pretty(&v).unwrap_or_else(|_| "[]".into())
}

/// JSON output: an array, one object per finding.
pub fn json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_and_never_shown_whole() {
        let long = format!("UPN,{}", "9".repeat(10_000));
        let w = window(&long, 5).expect("an excerpt");
        assert_eq!(w.chars().count(), EXCERPT_CHARS + 1);
        assert!(w.starts_with("UPN,9") && w.ends_with('…'));
        assert_eq!(window(&long, 5_000), None);
        assert_eq!(window("short", 3), Some("short".to_string()));
        assert_eq!(line_starts("a\nb\r\nc\n"), vec![0, 2, 5]);
        assert_eq!(line_starts(""), Vec::<usize>::new());
        // The caret marks at most 40 characters of a long token.
        assert_eq!(caret_range(&long, 5), (4, 44));
    }

    #[test]
    fn a_finding_on_a_long_line_quotes_a_window_of_it() {
        let mut sources = Sources::new();
        let secret = format!("x{}y", "s".repeat(10_000));
        sources.insert("a.csv", format!("CHILD,UPN\r\nC1,{secret}\r\n"));
        let d = Diagnostic::new("code", "UPN is not a unique pupil number")
            .file("a.csv")
            .at(2, 4);
        let opts = HumanOptions {
            color: false,
            show_info: false,
        };
        let out = human(&sources, std::slice::from_ref(&d), 1, &opts);
        assert!(out.contains(" --> a.csv:2:4\n"), "{out}");
        assert!(out.contains("2 | C1,xsss"), "{out}");
        assert!(out.len() < 1_000, "{} bytes", out.len());
        assert!(!out.contains(&secret[..200]));
        // Deep in a long line: no excerpt, the place only.
        let out = human(&sources, &[d.at(2, 9_000)], 1, &opts);
        assert!(out.contains("in a.csv:2:9000"), "{out}");
        assert!(out.len() < 1_000, "{} bytes", out.len());
    }

    #[test]
    fn caret_covers_token() {
        assert_eq!(caret_range("participation: PN9", 16), (15, 18));
        assert_eq!(caret_range("  - { stage: drp9, on: x }", 14), (13, 17));
        assert_eq!(caret_range("", 3), (0, 0));
        assert_eq!(caret_range("ab", 9), (2, 2));
    }
}
