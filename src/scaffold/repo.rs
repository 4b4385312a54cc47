//! `iro init DIR`: a new records repository.

use std::path::Path;

/// The default `iro.toml` (the defaults from the records format).
pub fn default_config(name: &str) -> String {
    let name = name.replace(['"', '\\'], "");
    format!(
        r#"# iro settings. `iro explain iro.toml` documents every setting.

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
short_break_gap_months = 12            # short breaks more than this apart are separate arrangements
ceasing_review_weeks = 8               # s.20 care ending other than to a parent: a review in the weeks before
pep_within_months = 4                  # a PEP reviewed within this many months of each review (a school term)
caseload_counts_care_leavers = false   # true: care leavers out of care count on caseloads

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

/// No trailing `/`: `private/` matches only a folder, and a symbolic link
/// named `private` (or `public`) must be left out of commits too.
const GITIGNORE: &str = "# Outputs: never commit them. private holds letters with children's details.\n# No trailing slash, so that a symbolic link of that name is left out too.\n/public\n/private\n";

/// The README of a new repository, with the first-run guide (tested
/// command by command in tests/it/first_hour.rs).
pub const README: &str = include_str!("init-README.md");

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
