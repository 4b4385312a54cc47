//! `iro init DIR`: a new records repository.

use std::path::Path;

/// The default `iro.toml` (the defaults from the records format).
pub fn default_config(name: &str) -> String {
    let name = name.replace(['"', '\\'], "");
    format!(
        r#"# iro settings. Every setting is documented in docs/configuration.md.

[service]
name = "{name}"
short_name = ""
year_starts = "04-01"            # reporting year 1 April - 31 March
# phone = ""
# email = ""
# advocacy = "Call the advocacy service on ..."   # shown in letters
# complaints = "..."                               # shown in letters

[services]                        # teams an alert or child can belong to (key = label)
# permanence = "Permanence and Through Care"

[themes.alert]                    # practice alert themes (key = label)
no-plan-stood-down = "No plan / plan not updated: review stood down"

[themes.good_practice]
relationship-with-child = "Good working relationship with the child"

[policy]                          # local policy; these are the defaults
decisions_within_working_days = 5
record_within_working_days = 20
drp_stage_within_working_days = 20
placement_order_review_months = 0      # 0 = off; 3 where the service reviews POs 3-monthly
caseload_per_fte = [50, 70]
series_timeliness = "first"            # a series is timely if its first meeting is ("last": its last)

[calendar]
extra_non_working_days = []            # proclaimed one-off bank holidays not yet known to iro

[rules]                           # re-grade or switch off a rule by id
# drp-20wd = "off"                # error | warning | info | off

[letters]
# jargon = {{ "LAC" = "children in care" }}   # the service's own additions

[publish]
suppress_below = 6                # counts 1..5 in public tables shown as suppressed

[check]
# as_of = "2026-03-31"            # optional: a fixed check date
"#
    )
}

const GITIGNORE: &str = "# Outputs: never commit them. private/ holds letters with children's details.\npublic/\nprivate/\n";

const README: &str = r#"# Records of the Independent Reviewing Service

These files are our records: one file per event, kept in git. `iro` checks them
against the regulations, writes letters to children, and builds the annual report.

## Every day
- `iro due` — reviews due in the next 20 working days, and overdue ones.
- `iro new review C0042` — start the record of a review you have just held.
- `iro check` — check everything; fix what it reports, then commit.

## Where things are
- `iro.toml` — service settings and local policy.
- `iros/<id>.yaml` — one file per IRO.
- `children/<id>/child.yaml` — the child, their episodes of care and their IRO.
- `children/<id>/reviews/<date>.md` — one review; the text under the fields is the
  letter to the child, written to them ("Dear Amira, ...").
- `children/<id>/plans/`, `alerts/`, `contacts/`, `meetings/` — plans, practice alerts,
  contacts between reviews, meetings chaired.
- `report/<year>/` — the narrative of the annual report.

Never commit `private/` (letters) or `public/` (the built report): `.gitignore`
keeps them out. Keep this repository private: it holds children's records.

## Committing
`iro init` made this folder a git repository with a pre-commit hook: a commit whose
changed records have errors is refused, with the errors and where they are (warnings
never block). `iro check --changed` checks just what you changed. In an emergency,
`git commit --no-verify` commits anyway. `iro hook uninstall` removes the hook;
`iro hook install` puts it back.

## The annual report
- `iro build` — the report website and PDFs in `public/`.
- `iro serve` — a live preview while you write `report/<year>/`.
"#;

/// Make the repository: staged in a sibling folder, then moved into place.
pub fn init(dir: &Path, name: &str) -> Result<(), String> {
    init_with(dir, name, None)
}

/// `init`, with a CI recipe.
pub fn init_with(dir: &Path, name: &str, ci: Option<super::ci::CiKind>) -> Result<(), String> {
    if dir.exists() {
        let mut it =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if it.next().is_some() {
            return Err(format!(
                "{} is not empty; iro init only creates new repositories",
                dir.display()
            ));
        }
    }
    let stage = crate::out::Stage::new(dir)?;
    stage.write("iro.toml", default_config(name).as_bytes())?;
    stage.write(".gitignore", GITIGNORE.as_bytes())?;
    stage.write("README.md", README.as_bytes())?;
    for keep in ["iros/.gitkeep", "children/.gitkeep", "report/.gitkeep"] {
        std::fs::create_dir_all(stage.path().join(keep).parent().unwrap_or(stage.path()))
            .map_err(|e| e.to_string())?;
        std::fs::write(stage.path().join(keep), "").map_err(|e| e.to_string())?;
    }
    if let Some(ci) = ci {
        let (path, text) = ci.recipe();
        stage.write(path, text.as_bytes())?;
    }
    stage
        .commit()
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(())
}
