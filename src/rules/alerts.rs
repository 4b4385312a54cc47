//! Practice alerts: alert-stages and drp-20wd.

use super::ctx::{Ctx, wd};
use crate::codes::AlertKind;
use crate::diag::Diagnostic;

/// Check every alert of the child.
pub fn check(cx: &mut Ctx<'_>) {
    let mut found = Vec::new();
    let limit = cx.repo.config.policy.drp_stage_within_working_days;
    for a in &cx.child.alerts {
        let st = &a.rec.stages;
        if a.rec.kind.value == AlertKind::GoodPractice {
            if let Some(s) = st.first() {
                found.push((
                    a.file.clone(),
                    Diagnostic::new("alert-stages", "a good practice notification has no stages")
                        .at_sp(s)
                        .hint("remove `stages:`"),
                ));
            }
            continue;
        }
        for w in st.windows(2) {
            if w[1].stage.value <= w[0].stage.value {
                found.push((
                    a.file.clone(),
                    Diagnostic::new(
                        "alert-stages",
                        format!(
                            "stage {} follows {}: stages climb informal, drp1, drp2, drp3, cafcass",
                            w[1].stage.value, w[0].stage.value
                        ),
                    )
                    .at_sp(&w[1].stage),
                ));
            }
            if w[1].on.0 < w[0].on.0 {
                found.push((
                    a.file.clone(),
                    Diagnostic::new(
                        "alert-stages",
                        format!(
                            "stage dated {} is before the previous stage {}",
                            w[1].on.value, w[0].on.value
                        ),
                    )
                    .at_sp(&w[1].on),
                ));
            }
        }
        if let (Some(last), Some(res)) = (st.last(), &a.rec.resolved)
            && res.0 < last.on.0
        {
            found.push((
                a.file.clone(),
                Diagnostic::new(
                    "alert-stages",
                    format!(
                        "resolved {} before its last stage {}",
                        res.value, last.on.value
                    ),
                )
                .at_sp(res),
            ));
        }
        let Some(first_formal) = st.iter().find(|s| s.stage.is_formal()) else {
            continue;
        };
        let by = cx.cal.add_working_days(first_formal.on.0, limit);
        match &a.rec.resolved {
            Some(r) if r.0 > by => {
                let late = cx.cal.working_days_between(by, r.0);
                found.push((a.file.clone(), Diagnostic::new("drp-20wd", format!("formal dispute from {} resolved {}, due by {by} ({limit} working days): {} late", first_formal.on.value, r.value, wd(late))).at_sp(r)));
            }
            None if cx.as_of > by => {
                let open = cx.cal.working_days_between(first_formal.on.0, cx.as_of);
                found.push((a.file.clone(), Diagnostic::new("drp-20wd", format!("formal dispute from {} still open on {}: {} since the first formal stage, limit {limit}", first_formal.on.value, cx.as_of, wd(open))).at_sp(&first_formal.on).hint("escalate to the next stage, or record `resolved:`")));
            }
            _ => {}
        }
    }
    for (f, d) in found {
        cx.push(&f, d);
    }
}
