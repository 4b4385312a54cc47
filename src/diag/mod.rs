//! Diagnostics: one finding of `check` (a load problem or a broken rule), and
//! how they are printed (compiler style with excerpt and caret, or JSON).

pub mod catalog;
pub mod render;

use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the law or the format: `check` exits 1.
    Error,
    /// Should be looked at.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    /// Rule id (`reg33-first`, `schema`, ...).
    pub rule: String,
    /// Severity after `[rules]` in `iro.toml` is applied.
    pub severity: Severity,
    /// File relative to the records root (`/` separators), if any.
    pub file: Option<String>,
    /// 1-based line (0 when the finding is about the whole file).
    pub line: u32,
    /// 1-based column (0 when unknown).
    pub column: u32,
    /// The child the finding is about, if any.
    pub child: Option<String>,
    /// One line, with the dates that prove it. Never carries a name or
    /// free text from a record.
    pub message: String,
    /// Where the rule comes from (`CPPCR 33(1)(a)`, `records.md`, ...).
    pub source: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Explained by the record (e.g. `late_reason`): reported as information
    /// whatever the rule's grade.
    #[serde(skip)]
    pub downgraded: bool,
}

impl Diagnostic {
    /// A new finding with the rule's default severity and source.
    pub fn new(rule: &str, message: impl Into<String>) -> Diagnostic {
        let info = crate::diag::catalog::info(rule);
        Diagnostic {
            rule: rule.to_string(),
            severity: info.map(|i| i.severity).unwrap_or(Severity::Error),
            file: None,
            line: 0,
            column: 0,
            child: None,
            message: message.into(),
            source: info.map(|i| i.source.to_string()).unwrap_or_default(),
            hint: None,
            downgraded: false,
        }
    }
    /// Set the file.
    pub fn file(mut self, f: impl Into<String>) -> Self {
        self.file = Some(f.into());
        self
    }
    /// Set line and column.
    pub fn at(mut self, line: u32, col: u32) -> Self {
        self.line = line;
        self.column = col;
        self
    }
    /// Set line and column from a spanned value.
    pub fn at_sp<T>(self, sp: &crate::span::Sp<T>) -> Self {
        self.at(sp.line, sp.col)
    }
    /// Set the child.
    pub fn child(mut self, c: impl Into<String>) -> Self {
        self.child = Some(c.into());
        self
    }
    /// Set the hint.
    pub fn hint(mut self, h: impl Into<String>) -> Self {
        self.hint = Some(h.into());
        self
    }
    /// Override the severity.
    pub fn severity(mut self, s: Severity) -> Self {
        self.severity = s;
        self
    }
    /// Sort key: child, file, line, column, rule.
    pub fn sort_key(&self) -> (Option<&str>, Option<&str>, u32, u32, &str) {
        (
            self.child.as_deref(),
            self.file.as_deref(),
            self.line,
            self.column,
            &self.rule,
        )
    }
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Information.
    pub infos: usize,
}

impl Counts {
    /// Count a list.
    pub fn of(diags: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diags {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

/// Plural helper: `1 error`, `2 errors`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
