//! What a changed file means for the preview (Zola's `ChangeKind`): the
//! least that must be rebuilt.

use std::path::Path;

/// The kinds of change, from the least work to the most.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// A theme file: render again with the same figures.
    Theme,
    /// A report section: the sections again, then that year's pages
    /// (`None`: a file outside a year folder, every page).
    Report(Option<String>),
    /// One child's records: that child again, then figures and pages.
    Child(String),
    /// An IRO's record (allocations, caseloads): everything.
    Iros,
    /// `iro.toml`: everything, from the settings up.
    Config,
}

/// Editor and tool files that are never records: swap files, backups,
/// temporary saves.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// What a change at `path` (inside `root`) needs; `None` for files the
/// preview does not depend on (outputs, `.git`, editor files).
pub fn classify(root: &Path, path: &Path) -> Option<ChangeKind> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let name = parts.last()?;
    if parts.iter().any(|p| p.starts_with('.')) || is_temporary(name) {
        return None;
    }
    match parts.first().map(String::as_str)? {
        "iro.toml" if parts.len() == 1 => Some(ChangeKind::Config),
        "children" => match parts.get(1) {
            Some(id) if parts.len() >= 2 => Some(ChangeKind::Child(id.clone())),
            _ => None,
        },
        "iros" => Some(ChangeKind::Iros),
        "report" => Some(ChangeKind::Report(
            parts
                .get(1)
                .filter(|y| parts.len() > 2 && crate::load::is_year_folder(y))
                .cloned(),
        )),
        "themes" => Some(ChangeKind::Theme),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let r = Path::new("/r");
        let c = |p: &str| classify(r, &r.join(p));
        assert_eq!(c("iro.toml"), Some(ChangeKind::Config));
        assert_eq!(
            c("children/C1/reviews/2024-01-01.md"),
            Some(ChangeKind::Child("C1".into()))
        );
        assert_eq!(c("children/C1"), Some(ChangeKind::Child("C1".into())));
        assert_eq!(c("iros/a.yaml"), Some(ChangeKind::Iros));
        assert_eq!(
            c("report/2025-26/01-intro.md"),
            Some(ChangeKind::Report(Some("2025-26".into())))
        );
        assert_eq!(c("report/2025-26"), Some(ChangeKind::Report(None)));
        assert_eq!(c("themes/mine/site/index.html"), Some(ChangeKind::Theme));
        for ignored in [
            "public/index.html",
            "private/letters/C1/x.html",
            ".git/index",
            "children/C1/reviews/.2024-01-01.md.swp",
            "children/C1/reviews/2024-01-01.md~",
            "children/C1/reviews/#2024-01-01.md#",
            "report/2025-26/4913",
            "README.md",
            "target/x",
        ] {
            assert_eq!(c(ignored), None, "{ignored}");
        }
        assert_eq!(classify(r, Path::new("/elsewhere/iro.toml")), None);
    }
}
