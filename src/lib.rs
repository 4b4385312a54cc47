//! iro: records, rules, letters and the annual report for Independent
//! Reviewing Officers. See ARCHITECTURE.md for the map.
//!
//! Data flows one way: `load` (files -> typed records with spans) ->
//! `model` (periods of care, due dates) -> `rules` / `stats` -> render.

// Diagnostics are the loader's error type: one per failed file, never on a hot
// path, so their size in `Result` does not matter.
#![allow(clippy::result_large_err)]

pub mod calendar;
pub mod cli;
pub mod cmd;
pub mod codes;
pub mod day;
pub mod diag;
pub mod diag_render;
pub mod due;
pub mod generate;
#[cfg(feature = "letters")]
pub mod letters;
pub mod load;
pub mod model;
#[cfg(feature = "letters")]
pub mod pdf;
pub mod plain;
pub mod records;
#[cfg(feature = "letters")]
pub mod render_letter;
pub mod rules;
pub mod span;
pub mod stats;
