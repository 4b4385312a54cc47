//! The regulations: every rule of rules.md, each with its id, severity and
//! source (see `diag::catalog`). Pure: rules read the typed records and the model
//! and return diagnostics.

pub mod alerts;
pub mod allocation;
pub mod arrangements;
pub mod ctx;
pub mod education;
pub mod health;
pub mod leavers;
pub mod participation;
pub mod plain_language;
pub mod plans;
pub mod sent;
pub mod timeliness;

use crate::diag::Diagnostic;
use crate::model::Analysis;
use crate::records::Repo;
use rayon::prelude::*;

/// Run every regulation rule over the analysis (its check date).
pub fn run(repo: &Repo, an: &Analysis) -> Vec<Diagnostic> {
    let (cal, facts, as_of) = (&an.cal, &an.facts, an.as_of);
    let plain = crate::model::plain_config(repo);
    let mut out: Vec<Diagnostic> = repo
        .children
        .par_iter()
        .flat_map_iter(|(id, child)| {
            let mut cx = ctx::Ctx {
                repo,
                child,
                facts: &facts[id],
                cal,
                as_of,
                out: Vec::new(),
            };
            timeliness::check(&mut cx);
            participation::check(&mut cx);
            arrangements::check(&mut cx);
            plans::check(&mut cx);
            education::check(&mut cx);
            leavers::check(&mut cx);
            allocation::check(&mut cx);
            sent::check(&mut cx);
            health::check(&mut cx);
            alerts::check(&mut cx);
            plain_language::check(&mut cx, &plain);
            cx.out
        })
        .collect();
    out.extend(allocation::check_caseloads(repo, facts, cal, as_of));
    out
}
