//! Command-line arguments (clap). Every flag is defined once, here; the
//! commands in `cmd/` receive them already parsed.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// iro: records, regulation checks, letters and the annual report for
/// Independent Reviewing Officers.
#[derive(Debug, Parser)]
#[command(name = "iro", version, about, long_about = None,
    after_help = "Examples:\n  iro check --root records\n  iro due --iro pshah\n  iro new review C0042\n\nRecords format: docs/records.md. Rules: docs/rules.md.")]
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
    Stats(crate::cmd::stats::StatsArgs),
    /// Letters to children after their reviews, invite pages and IRO cards (HTML and PDF).
    #[cfg(feature = "letters")]
    Letters(crate::cmd::letters::LettersArgs),
    /// Make a new records repository in DIR.
    #[command(after_help = "Example:\n  iro init northdale-records")]
    Init {
        /// Folder to create (must be empty or absent).
        dir: PathBuf,
        /// The service's name for iro.toml.
        #[arg(long, default_value = "Independent Reviewing Service")]
        name: String,
    },
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

/// `iro new ...`.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
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

/// Parse `YYYY-MM-DD` for clap.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::day::parse_iso(s).map_err(|e| e.to_string())
}
