//! Command-line arguments (clap). Every command and flag is defined once,
//! here, and nowhere else holds a clap type; the commands in `cmd/` turn
//! them into ready objects (`session::Session`, `letters::Selection`, ...).

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// iro: records, regulation checks, letters and the annual report for
/// Independent Reviewing Officers.
#[derive(Debug, Parser)]
#[command(name = "iro", version, about, long_about = None,
    after_help = "Examples:\n  iro check --root records\n  iro due --iro pshah\n  iro new review C0042\n\nRecord formats: `iro explain records`. A finding's id: `iro explain ID`.")]
pub struct Cli {
    /// The records repository (default: the current folder or the nearest
    /// parent holding iro.toml).
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people, in a terminal.
    Human,
    /// JSON on standard output.
    Json,
    /// CSV on standard output.
    Csv,
}

impl From<Format> for crate::format::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Human => crate::format::Format::Human,
            Format::Json => crate::format::Format::Json,
            Format::Csv => crate::format::Format::Csv,
        }
    }
}

/// A CI service for `iro init --ci`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ci {
    /// GitHub Actions (.github/workflows/iro.yml) and GitHub Pages.
    Github,
    /// GitLab CI (.gitlab-ci.yml) and GitLab Pages.
    Gitlab,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the records against the format and the regulations.
    #[command(
        after_help = "Exit status: 0 no errors, 1 errors found, 2 the check could not run.\n\nExamples:\n  iro check --root records\n  iro check --as-of 2026-03-31 --format json\n  iro check --notes     # also show information findings"
    )]
    Check(CheckArgs),
    /// Reviews due soon and overdue, decisions and records to send, disputes past their limit.
    #[command(
        after_help = "Examples:\n  iro due                    # everyone, next 20 working days\n  iro due --iro pshah --days 10\n  iro due --format csv > due.csv"
    )]
    Due(DueArgs),
    /// Annual report figures for a reporting year, compared with the year before (terminal, JSON, CSV).
    #[command(
        after_help = "Examples:\n  iro stats --root records                      # the current reporting year\n  iro stats --year 2024-25 --format json > figures.json\n  iro stats --year 2024-25 --format csv > figures.csv\n  iro stats --year 2024-25 --explain reviews.on_time\n\nFigure ids: see docs (report figures) or `iro stats --format json`.\nThe output is not disclosure-controlled: do not publish it as it is."
    )]
    Stats(StatsArgs),
    /// Export a DfE return from the records (child-level: written under private/ only).
    #[command(subcommand)]
    Export(ExportCommand),
    /// Import an authority's existing DfE files into records (never overwrites).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Letters to children after their reviews, invite pages and IRO cards (HTML and PDF).
    #[cfg(feature = "letters")]
    #[command(
        after_help = "Letters are written to private/letters/<child>/<date>.html and .pdf (never into public/).\n\nExamples:\n  iro letters children/C0042/reviews/2025-05-04.md   # one review\n  iro letters --child C0042                           # the child's latest review\n  iro letters --iro pshah --from 2026-03-01 --to 2026-03-31\n  iro letters --year 2025-26                          # every review of a reporting year\n  iro letters --invite --child C0042                  # the invite page for the next review\n  iro letters --cards                                 # every IRO's introduction card"
    )]
    Letters(LettersArgs),
    /// Build the annual report: the public website and its PDFs, for a reporting year.
    #[cfg(feature = "letters")]
    #[command(
        after_help = "The site is built in full, checked (no child's name, id or date of birth may appear in it), and only then swapped into place: a failed build leaves the previous site as it was.\n\nExamples:\n  iro build --root records                 # the latest complete year, into records/public/\n  iro build --year 2024-25 --out /tmp/site\n  iro build --no-pdf                       # the website only (faster)"
    )]
    Build(BuildArgs),
    /// Preview the report site (and letters) in a browser while you edit: rebuilt and reloaded on every save.
    #[cfg(feature = "letters")]
    #[command(
        after_help = "Nothing is written: the site is built in memory and served on this computer only.\n\nExamples:\n  iro serve --root records              # http://127.0.0.1:1111/\n  iro serve --letters                   # also /letters/<child>/<review date>\n  iro serve --port 8080 --open\n  iro serve --poll                      # network or virtual drives where change events do not arrive"
    )]
    Serve(ServeArgs),
    /// What a finding means and what to do, from iro's own documentation.
    #[command(
        after_help = "Examples:\n  iro explain reg33-second\n  iro explain records      # the format of every record file\n  iro explain              # every id"
    )]
    Explain {
        /// A rule or load-check id (as in `error[reg33-second]`), or `records`.
        id: Option<String>,
    },
    /// Make a new records repository in DIR.
    #[command(
        after_help = "Examples:\n  iro init northdale-records\n  iro init northdale-records --ci github"
    )]
    Init {
        /// Folder to create (must be empty or absent).
        dir: PathBuf,
        /// The service's name for iro.toml.
        #[arg(long, default_value = "Independent Reviewing Service")]
        name: String,
        /// Do not make a git repository (by default iro init runs `git init` and installs the pre-commit hook).
        #[arg(long)]
        no_git: bool,
        /// Also write a CI recipe: check every push, build and publish the report from the default branch.
        #[arg(long, value_enum, value_name = "SERVICE")]
        ci: Option<Ci>,
    },
    /// The git pre-commit hook.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Make a new record from a template (never overwrites).
    #[command(subcommand)]
    New(NewCommand),
    /// Generate a fictional records repository (deterministic).
    #[command(
        after_help = "Example:\n  iro generate --children 250 --years 4 --seed 2026 /tmp/example"
    )]
    Generate(GenerateArgs),
}

/// `iro check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check as of this date (YYYY-MM-DD); default [check] as_of in iro.toml, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Output format (human or json).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also show information findings (late reviews with a recorded reason, ...).
    #[arg(long)]
    pub notes: bool,
    /// Only these children (ids).
    #[arg(long, value_name = "ID")]
    pub child: Vec<String>,
    /// Only what changed since REF (default: the staged and unstaged changes
    /// against HEAD, and new files): the changed children, and service-wide
    /// findings when iro.toml or iros/ changed. Needs git.
    #[arg(long, value_name = "REF", num_args = 0..=1, default_missing_value = "HEAD")]
    pub changed: Option<String>,
    /// With --format json: add each file's last commit (hash, author, date). Needs git.
    #[arg(long)]
    pub git: bool,
}

/// `iro hook ...`.
#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Install the pre-commit hook that refuses a commit whose changed records have errors.
    #[command(
        after_help = "Example:\n  iro hook install\n\nAn existing hook from another tool is never replaced: iro says how to add its check to it."
    )]
    Install,
    /// Remove iro's pre-commit hook (never another tool's).
    #[command(after_help = "Example:\n  iro hook uninstall")]
    Uninstall,
    /// What the hook runs: check the changed records; exit 1 on errors.
    #[command(after_help = "Example:\n  iro hook run")]
    Run,
}

/// `iro due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// Only this IRO's children (an id from iros/).
    #[arg(long, value_name = "ID")]
    pub iro: Option<String>,
    /// How far ahead, in working days.
    #[arg(long, default_value_t = 20)]
    pub days: u32,
    /// As of this date (default [check] as_of in iro.toml, else today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// `iro export` subcommands.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The SSDA903 header, episodes and reviews tables of a collection year, as CSV.
    #[command(
        after_help = "Writes header.csv, episodes.csv and reviews.csv to private/ssda903/<year>/ (or --out,\nwhich must not be inside public/). The year runs 1 April to 31 March.\n\nExamples:\n  iro export ssda903 --year 2025-26\n  iro export ssda903 --year 2025-26 --out private/return"
    )]
    Ssda903 {
        /// Collection year, like 2025-26.
        #[arg(long)]
        year: String,
        /// Output folder (default private/ssda903/<year>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Check date (YYYY-MM-DD): default `as_of` under `[check]` in iro.toml, else today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
    },
}

/// `iro import` subcommands.
#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// An SSDA903 return's CSV files (header, episodes, reviews) into children's records.
    #[command(
        after_help = "Every row that cannot be mapped is listed (file, row, column, why) and then nothing is\nwritten. Files already there with the same text are left alone, so a second import\nchanges nothing; a file there with other text is reported, never overwritten.\n\nExample:\n  iro import ssda903 ~/returns/2024-25"
    )]
    Ssda903 {
        /// The folder holding the CSV files.
        dir: PathBuf,
    },
}

/// `iro new ...`.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// An IRO: iros/<ID>.yaml.
    #[command(
        after_help = "Example:\n  iro new iro pshah --name \"Priya Shah\" --started 2026-01-05"
    )]
    Iro {
        /// The IRO's id (letters, digits, - and _), e.g. initial and surname.
        id: String,
        /// Full name, as children will see it.
        #[arg(long)]
        name: Option<String>,
        /// First day in post (default today).
        #[arg(long, value_parser = parse_date)]
        started: Option<chrono::NaiveDate>,
    },
    /// A child: children/<ID>/child.yaml.
    #[command(after_help = "Example:\n  iro new child C0251 --iro pshah --start 2026-03-02")]
    Child {
        /// The child's id (letters, digits, - and _).
        id: String,
        /// The allocated IRO's id.
        #[arg(long)]
        iro: Option<String>,
        /// Start of the period of care (default today).
        #[arg(long, value_parser = parse_date)]
        start: Option<chrono::NaiveDate>,
    },
    /// A review: children/<CHILD>/reviews/<date>.md.
    #[command(after_help = "Example:\n  iro new review C0042 --date 2026-03-20")]
    Review {
        /// The child's id.
        child: String,
        /// Review date (default today).
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        /// cla or pathway.
        #[arg(long, default_value = "cla")]
        kind: String,
    },
    /// A plan: children/<CHILD>/plans/<date>-<kind>.md.
    #[command(after_help = "Example:\n  iro new plan C0042 --kind care")]
    Plan {
        /// The child's id.
        child: String,
        /// care, pathway, placement or permanence.
        #[arg(long, default_value = "care")]
        kind: String,
        /// Plan date (default today).
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
    },
    /// A practice alert or good practice notification.
    #[command(
        after_help = "Example:\n  iro new alert C0042 --slug no-plan --theme no-plan-stood-down"
    )]
    Alert {
        /// The child's id.
        child: String,
        /// Short name for the file (letters, digits, -).
        #[arg(long)]
        slug: String,
        /// A theme key from iro.toml.
        #[arg(long)]
        theme: Option<String>,
        /// A good practice notification instead of a practice alert.
        #[arg(long)]
        good_practice: bool,
        /// Date raised (default today).
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
    },
}

/// `iro generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of children.
    #[arg(long, default_value_t = 250)]
    pub children: usize,
    /// Reporting years of activity.
    #[arg(long, default_value_t = 4)]
    pub years: u32,
    /// Random seed (the same seed gives the same files).
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Last day covered (default 2026-03-31).
    #[arg(long, value_parser = parse_date)]
    pub end: Option<chrono::NaiveDate>,
    /// Folder to create (must be empty or absent).
    pub dir: PathBuf,
}

/// `iro stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Reporting year, like 2025-26 (default: the year containing the check
    /// date, counted up to that date).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Check date (YYYY-MM-DD): nothing after it is counted; default: `as_of`
    /// under `[check]` in iro.toml, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// List the record files behind one figure (an id such as reviews.on_time).
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
    /// With --explain: each file's last commit (hash, author, date). Needs git.
    #[arg(long)]
    pub git: bool,
}

/// `iro letters`.
#[derive(Debug, Args)]
pub struct LettersArgs {
    /// Review files (children/<id>/reviews/<date>.md).
    pub reviews: Vec<PathBuf>,
    /// The latest review of these children (or, with --invite, their next one).
    #[arg(long, value_name = "ID")]
    pub child: Vec<String>,
    /// Reviews chaired by this IRO (with --from/--to, default the last 30 days).
    #[arg(long, value_name = "ID")]
    pub iro: Option<String>,
    /// First review date to include.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last review date to include.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Every review of a reporting year, e.g. 2025-26.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Every held review in the records.
    #[arg(long)]
    pub all: bool,
    /// Invite pages "from the child" for the next review, instead of letters.
    #[arg(long)]
    pub invite: bool,
    /// IRO introduction cards (every IRO in post, or --iro).
    #[arg(long)]
    pub cards: bool,
    /// Only HTML (no PDF).
    #[arg(long)]
    pub html_only: bool,
    /// Output folder (default [letters] output, else private/letters).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// As of this date (next reviews, IROs in post).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// `iro build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Reporting year, like 2025-26 (default: the latest year complete by the check date).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Output folder (default: public/ in the records folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Only the website, no PDFs.
    #[arg(long)]
    pub no_pdf: bool,
    /// Check date (YYYY-MM-DD); default: `as_of` under `[check]` in iro.toml, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// `iro serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on (default this computer only).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Poll for changes every half second instead of waiting for change events.
    #[arg(long)]
    pub poll: bool,
    /// Open the browser.
    #[arg(long)]
    pub open: bool,
    /// Build the report PDFs too (slower).
    #[arg(long)]
    pub pdf: bool,
    /// Also preview letters at /letters/<child>/<review date> (this computer only).
    #[arg(long)]
    pub letters: bool,
    /// Reporting year, like 2025-26 (default: the latest year complete by the check date).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Check date (YYYY-MM-DD); default: `as_of` under `[check]` in iro.toml, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// Parse `YYYY-MM-DD` for clap.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::day::parse_iso(s).map_err(|e| e.to_string())
}
