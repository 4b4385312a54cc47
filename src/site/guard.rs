//! The publish guard: after everything public is rendered and before it is
//! swapped into place, every output (HTML, SVG, CSV, and all the text and
//! data that goes into the PDFs) is scanned for every child's name,
//! preferred name, id and date of birth (in the formats the site prints
//! dates in). A hit fails the build, naming the output file and which
//! child's which field, never the value.

use crate::records::Repo;
use aho_corasick::{AhoCorasick, MatchKind};

/// What was found where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The child's id (shown to the manager running the build, never published).
    pub child: String,
    /// `name`, `preferred name`, `id` or `date of birth`.
    pub field: &'static str,
}

/// Every child's identifiers, ready to search for (cheap to clone).
#[derive(Clone)]
pub struct Guard {
    ac: Option<AhoCorasick>,
    what: std::sync::Arc<Vec<Hit>>,
    /// The date of birth a pattern is, for dates of birth.
    dob: std::sync::Arc<Vec<Option<chrono::NaiveDate>>>,
    /// Dates the site prints of its own accord: not searched for.
    site_dates: Vec<chrono::NaiveDate>,
}

impl Guard {
    /// The identifiers of every child in the records. `site_dates` are the
    /// dates the site prints of its own accord (reporting years' first and
    /// last days, the check date): a child born on 31 March is not disclosed
    /// by "1 April 2025 to 31 March 2026", so those dates are not searched
    /// for as dates of birth.
    pub fn new(repo: &Repo, site_dates: &[chrono::NaiveDate]) -> Guard {
        let mut pats: Vec<String> = Vec::new();
        let mut what = Vec::new();
        let mut dobs = Vec::new();
        let mut add =
            |p: String, child: &str, field: &'static str, dob: Option<chrono::NaiveDate>| {
                // One or two letters would match everywhere and identify no one.
                if p.trim().chars().count() >= 3 {
                    pats.push(p);
                    what.push(Hit {
                        child: child.to_string(),
                        field,
                    });
                    dobs.push(dob);
                }
            };
        for c in repo.children.values() {
            add(c.id.clone(), &c.id, "id", None);
            add(c.rec.name.value.trim().to_string(), &c.id, "name", None);
            if let Some(p) = &c.rec.preferred_name {
                add(p.value.trim().to_string(), &c.id, "preferred name", None);
            }
            let dob = c.rec.dob.0;
            add(dob.to_string(), &c.id, "date of birth", Some(dob));
            add(crate::day::long(dob), &c.id, "date of birth", Some(dob));
            add(
                dob.format("%d/%m/%Y").to_string(),
                &c.id,
                "date of birth",
                Some(dob),
            );
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .ok();
        Guard {
            ac,
            what: std::sync::Arc::new(what),
            dob: std::sync::Arc::new(dobs),
            site_dates: site_dates.to_vec(),
        }
    }

    /// The same identifiers, with other dates the site prints itself.
    pub fn with_site_dates(mut self, site_dates: &[chrono::NaiveDate]) -> Guard {
        self.site_dates = site_dates.to_vec();
        self
    }

    /// The first child identifier in `text`, matched as a whole word (so
    /// "Mayfield" does not match a child called "May").
    pub fn scan(&self, text: &str) -> Option<Hit> {
        let ac = self.ac.as_ref()?;
        for m in ac.find_overlapping_iter(text) {
            let before = text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            let after = text[m.end()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric());
            let i = m.pattern().as_usize();
            if !before && !after && !self.dob[i].is_some_and(|d| self.site_dates.contains(&d)) {
                return Some(self.what[i].clone());
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> Repo {
        let child = "name: Amira Khan\npreferred_name: Mira\ndob: 2015-03-04\nsex: F\nethnicity: WBRI\nservice: a\nsocial_worker: Sam\niro:\n  - { iro: x, from: 2024-01-01 }\nepisodes:\n  - { start: 2024-01-01, reason_new: S, legal_status: C2, need: N1, placement: U1, provider: PR1 }\n";
        let (repo, _) = crate::load::load_texts(
            "[service]\nname = \"S\"\n[services]\na = \"A\"\n",
            &[("children/C0042/child.yaml", child)],
        )
        .unwrap();
        repo
    }

    #[test]
    fn finds_every_identifier_as_a_word() {
        let g = Guard::new(&repo(), &[]);
        let hit = |t: &str| g.scan(t).map(|h| h.field);
        assert_eq!(hit("<p>Amira Khan said</p>"), Some("name"));
        assert_eq!(hit("thanks, Mira!"), Some("preferred name"));
        assert_eq!(hit("child C0042"), Some("id"));
        assert_eq!(hit("born 2015-03-04"), Some("date of birth"));
        assert_eq!(hit("born 4 March 2015."), Some("date of birth"));
        assert_eq!(hit("04/03/2015"), Some("date of birth"));
        assert_eq!(hit("Miranda and C00421 and Amira Khanum"), None);
        assert_eq!(g.scan("Mira").unwrap().child, "C0042");
        // A date the site prints itself (a year's last day) is not a date of birth.
        let d = chrono::NaiveDate::from_ymd_opt(2015, 3, 4).unwrap();
        let g = Guard::new(&repo(), &[d]);
        assert_eq!(g.scan("to 4 March 2015"), None);
        assert_eq!(g.scan("Mira").map(|h| h.field), Some("preferred name"));
    }
}
