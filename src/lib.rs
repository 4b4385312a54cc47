//! iro: records, rules, letters and the annual report for Independent
//! Reviewing Officers. See ARCHITECTURE.md for the map.
//!
//! Data flows one way: `load` (files -> typed records with spans and their
//! texts) -> `model` (periods of care, due dates: an `Analysis`) -> `rules` /
//! `check` / `due` / `stats` -> render (terminal, letters, site, PDFs).
//! `session` builds the ready objects once; `cmd` is thin glue over them.

// Diagnostics are the loader's error type: one per failed file, never on a hot
// path, so their size in `Result` does not matter.
#![allow(clippy::result_large_err)]

pub mod calendar;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod codes;
pub mod day;
pub mod diag;
pub mod due;
pub mod explain;
pub mod format;
pub mod generate;
pub mod git;
#[cfg(feature = "letters")]
pub mod letters;
pub mod load;
#[cfg(feature = "letters")]
pub mod markdown;
pub mod model;
pub mod out;
pub mod plain;
pub mod records;
pub mod rules;
pub mod scaffold;
#[cfg(feature = "letters")]
pub mod serve;
pub mod session;
#[cfg(feature = "letters")]
pub mod site;
pub mod source;
pub mod span;
pub mod ssda903;
pub mod stats;
#[cfg(feature = "letters")]
pub mod theme;
#[cfg(feature = "letters")]
pub mod typeset;
