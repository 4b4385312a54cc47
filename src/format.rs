//! Output formats a command can print in.

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people, in a terminal.
    Human,
    /// JSON on standard output.
    Json,
    /// CSV on standard output.
    Csv,
}
