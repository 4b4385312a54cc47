//! Ready objects, made once per command (ripgrep's high-level arguments):
//! the records root, the loaded repository with the text of every file, the
//! check date, and the one way a reporting year is read from the command
//! line. Commands build a [`Session`] and an [`Analysis`] and hand them to
//! the library; nothing below takes raw flags.

use crate::diag::{Diagnostic, Severity};
use crate::load::Failed;
use crate::model::Analysis;
use crate::records::Repo;
use crate::stats::Year;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Today, for defaults (the one place iro reads the clock).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Why a session could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// No records repository at or above the folder.
    NoRoot(String),
    /// `iro.toml` is unusable: its diagnostics and text.
    Config(Failed),
}

/// A loaded records repository and the check date.
#[derive(Debug)]
pub struct Session {
    /// The records root (canonical).
    pub root: PathBuf,
    /// The records, with the text of every file read (`repo.sources`).
    pub repo: Repo,
    /// What went wrong loading (files that did not load, misnamed files).
    pub load_diags: Vec<Diagnostic>,
    /// The check date: `--as-of`, else `[check] as_of`, else today.
    pub as_of: NaiveDate,
}

impl Session {
    /// Find the root (`dir`, or the nearest parent holding `iro.toml`;
    /// default the current folder) and load it.
    pub fn open(dir: Option<&Path>, as_of: Option<NaiveDate>) -> Result<Session, OpenError> {
        let start = dir.unwrap_or(Path::new("."));
        let root = crate::load::find_root(start).map_err(|e| OpenError::NoRoot(e.0))?;
        Session::load(&root, as_of)
    }

    /// Load the repository at `root` (no search upwards).
    pub fn load(root: &Path, as_of: Option<NaiveDate>) -> Result<Session, OpenError> {
        let (repo, load_diags) = crate::load::load(root).map_err(OpenError::Config)?;
        Ok(Session::from_repo(repo, load_diags, as_of))
    }

    /// A session over records already loaded (tests load from memory).
    pub fn from_repo(repo: Repo, load_diags: Vec<Diagnostic>, as_of: Option<NaiveDate>) -> Session {
        let as_of = as_of.or(repo.config.check.as_of).unwrap_or_else(today);
        Session {
            root: repo.root.clone(),
            repo,
            load_diags,
            as_of,
        }
    }

    /// The model as of the check date.
    pub fn analysis(&self) -> Analysis {
        Analysis::new(&self.repo, self.as_of)
    }

    /// The reporting year named on the command line (`2025-26` or
    /// `2025/26`), or by default the year containing the check date; its
    /// figures are taken as of the check date. The one year parser of every
    /// command.
    pub fn year(&self, arg: Option<&str>) -> Result<Year, String> {
        let start = self.repo.config.year_start();
        let year = match arg {
            Some(s) => Year::parse(s, start)?.as_of(self.as_of),
            None => crate::stats::year::default_year(start, self.as_of),
        };
        if year.start > self.as_of {
            return Err(format!(
                "the reporting year {} starts after the check date {}; use --as-of or an earlier --year",
                year.id(),
                self.as_of
            ));
        }
        Ok(year)
    }

    /// Files that did not load (an error while loading): the commands that
    /// work on what loaded say how many were left out.
    pub fn unread_files(&self) -> BTreeSet<&str> {
        self.load_diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter_map(|d| d.file.as_deref())
            .collect()
    }

    /// The theme `[service] theme` names: the default theme compiled in,
    /// with the service's `themes/<name>/` files on top.
    #[cfg(feature = "letters")]
    pub fn theme(&self) -> Result<crate::theme::Theme, crate::theme::ThemeError> {
        crate::theme::Theme::load(&self.root, self.repo.config.service.theme.as_deref())
    }

    /// A folder for child-level output (letters, SSDA903 extracts):
    /// `configured` or `default` under the root, symbolic links resolved;
    /// refused outside the root or inside a published folder
    /// (`out::private_dir`).
    pub fn private_dir(&self, configured: Option<&Path>, default: &str) -> Result<PathBuf, String> {
        crate::out::private_dir(&self.root, configured, default)
    }

    /// A folder named in `iro.toml` or on the command line, relative to the
    /// root unless absolute.
    pub fn path(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.root.join(p)
        }
    }
}
