//! The integration tests: one binary (as mdBook and just do), a module per
//! area, so Typst and the rest are linked once.
//!
//! - `bad_input`: every malformed input of quality.md, run through the binary;
//! - `commands`: each command as a user runs it;
//! - `examples`: `records/` and `examples/` check as their stories intend;
//! - `first_hour`: a new service, its scaffolds and the README guide `iro init` writes;
//! - `golden`: one reproducer per rule id and documented load check, exact output checked in;
//! - `private`: nothing private published: serve's Host gate, private output folders, symbolic links;
//! - `rules_*`: each rule group at its boundaries (`common` builds records in memory);
//! - `stats_known`: the annual report figures on records with known answers.

mod bad_input;
mod build;
mod commands;
#[allow(dead_code)]
mod common;
mod contracts;
mod examples;
mod first_hour;
mod git;
mod golden;
mod guard;
mod private;
mod rules_alerts;
mod rules_allocation;
mod rules_grading;
mod rules_health;
mod rules_law;
mod rules_leavers;
mod rules_participation;
mod rules_plans;
mod rules_sent;
mod rules_timeliness;
mod serve;
mod ssda903;
mod stats_known;
