//! The regulations: every rule of rules.md, each with its id, severity and
//! source (see `registry`). Pure: rules read the typed records and the model
//! and return diagnostics.

pub mod alerts;
pub mod allocation;
pub mod ctx;
pub mod letters;
pub mod participation;
pub mod plans;
pub mod registry;
pub mod sent;
pub mod timeliness;

use crate::diag::Diagnostic;
use crate::model::ChildFacts;
use crate::records::Repo;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Derived facts of every child (computed in parallel).
pub fn all_facts(
    repo: &Repo,
    cal: &crate::calendar::Calendar,
    as_of: NaiveDate,
) -> BTreeMap<String, ChildFacts> {
    let v: Vec<(String, ChildFacts)> = repo
        .children
        .par_iter()
        .map(|(id, c)| (id.clone(), crate::model::facts(repo, c, cal, as_of)))
        .collect();
    v.into_iter().collect()
}

/// Run every regulation rule as of a date.
pub fn run(repo: &Repo, as_of: NaiveDate) -> Vec<Diagnostic> {
    let cal = crate::model::calendar(repo);
    let facts = all_facts(repo, &cal, as_of);
    let plain = letters::plain_config(repo);
    let mut out: Vec<Diagnostic> = repo
        .children
        .par_iter()
        .flat_map_iter(|(id, child)| {
            let mut cx = ctx::Ctx {
                repo,
                child,
                facts: &facts[id],
                cal: &cal,
                as_of,
                out: Vec::new(),
            };
            timeliness::check(&mut cx);
            participation::check(&mut cx);
            plans::check(&mut cx);
            allocation::check(&mut cx);
            sent::check(&mut cx);
            alerts::check(&mut cx);
            letters::check(&mut cx, &plain);
            cx.out
        })
        .collect();
    out.extend(allocation::check_caseloads(repo, &facts, &cal, as_of));
    out
}
