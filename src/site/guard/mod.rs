//! The publish guard: after everything public is rendered and before it is
//! swapped into place, the text of every output (HTML and SVG as text, CSV,
//! any text file in any encoding, the text strings inside images and fonts,
//! the PDFs' own laid-out text) is read as a reader sees it (`norm`) and
//! searched for every child's name (each order, with and without middle
//! names), preferred name, id (any case, any separator), UPN, postcodes and
//! date of birth in every common written form (`dates`). A hit fails the
//! build, naming the output file, the child's id and which field, never the
//! value. Files the guard cannot read (`extract`) are not published.
//!
//! The site's own dates (the reporting year, the day the figures were taken)
//! are exempt by where they are printed, not by their value: the themes mark
//! them (`data-iro-date` in HTML, the `iro-site-date` label in Typst) and
//! the text of a marked element is dropped only when it holds dates alone.
//! A preferred name that is also an ordinary word ("Will") is allowed where
//! it stands inside a phrase listed in `[publish] allow` after a person has
//! looked; nothing else turns the guard off.

pub mod dates;
pub mod extract;
pub mod meta;
pub mod norm;

use crate::records::Repo;
use aho_corasick::{AhoCorasick, MatchKind};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// What was found where.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// The child's id (shown to the manager running the build, never published).
    pub child: String,
    /// `name`, `preferred name`, `id`, `UPN`, `postcode`, `date of birth`.
    pub field: &'static str,
}

/// Every child's identifiers, ready to search for (cheap to clone).
#[derive(Clone)]
pub struct Guard {
    ac: Option<Arc<AhoCorasick>>,
    what: Arc<Vec<Hit>>,
    /// Dates of birth: the date -> the children born on it.
    dobs: Arc<HashMap<NaiveDate, Vec<Hit>>>,
    /// `[publish] allow`, normalised.
    allow: Option<Arc<AhoCorasick>>,
    /// UPNs, searched for in the text with everything but letters and
    /// digits taken out (`A123 4567 8901 2`, `A-1234-5678-9012`): thirteen
    /// characters in that order are no accident.
    upns: Option<(Arc<AhoCorasick>, Arc<Vec<Hit>>)>,
}

/// A problem with `[publish] allow`: which entry, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowError {
    /// 1-based position of the phrase in the list.
    pub entry: usize,
    pub message: String,
}

/// The words of a name with any punctuation inside them written three ways
/// (`O'Brien`, `O Brien`, `OBrien`).
fn spellings(word: &str) -> Vec<String> {
    let mut v = vec![word.to_string()];
    if word.chars().any(|c| !c.is_alphanumeric()) {
        v.push(word.replace(|c: char| !c.is_alphanumeric(), " "));
        v.push(word.replace(|c: char| !c.is_alphanumeric(), ""));
    }
    v
}

/// Normalised text as its words: every run of characters that are not
/// letters or digits becomes one space (a line break stays a line break),
/// so `Gallagher, Daniel`, `daniel.gallagher@` and `C-0096` read as words.
pub fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = 2u8;
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            gap = 0;
        } else if c == '\n' {
            if gap == 1 {
                out.pop();
            }
            if gap != 2 {
                out.push('\n');
            }
            gap = 2;
        } else if gap == 0 {
            out.push(' ');
            gap = 1;
        }
    }
    if gap == 1 {
        out.pop();
    }
    out
}

/// Every order a name is written in: in full; first and last; last, first
/// (with and without the comma and the middle names).
fn name_forms(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((first, rest)) = words.split_first() else {
        return vec![];
    };
    let mut forms = vec![words.join(" ")];
    if let Some((last, middle)) = rest.split_last() {
        forms.push(format!("{first} {last}"));
        forms.push(format!("{last} {first}"));
        forms.push(format!("{last}, {first}"));
        if !middle.is_empty() {
            let m = middle.join(" ");
            forms.push(format!("{last} {first} {m}"));
            forms.push(format!("{last}, {first} {m}"));
        }
    }
    // Punctuation inside words, every way.
    let mut out = Vec::new();
    for f in forms {
        let ws: Vec<Vec<String>> = f.split(' ').map(spellings).collect();
        let mut acc = vec![String::new()];
        for alts in ws {
            acc = acc
                .iter()
                .flat_map(|a| {
                    alts.iter().map(move |w| {
                        if a.is_empty() {
                            w.clone()
                        } else {
                            format!("{a} {w}")
                        }
                    })
                })
                .collect();
        }
        out.extend(acc);
    }
    out
}

/// An id in every spelling: any case (the normaliser folds it), and its
/// letter and digit runs joined directly or by anything else (`C0096`,
/// `c 0096`, `C-0096`: the guard compares words, see [`words`]).
fn id_forms(id: &str) -> Vec<String> {
    let mut runs: Vec<String> = Vec::new();
    let mut last: Option<bool> = None;
    for c in id.chars().filter(|c| c.is_alphanumeric()) {
        let digit = c.is_ascii_digit();
        match runs.last_mut() {
            Some(r) if last == Some(digit) => r.push(c),
            _ => runs.push(c.to_string()),
        }
        last = Some(digit);
    }
    vec![runs.concat(), runs.join(" "), id.to_string()]
}

/// A postcode with and without its space (`SW1A 1AA`, `sw1a1aa`).
fn postcode_forms(p: &str) -> Vec<String> {
    let compact: String = p.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut v = vec![compact.clone()];
    if compact.len() > 3 && compact.is_ascii() {
        let (out, inw) = compact.split_at(compact.len() - 3);
        v.push(format!("{out} {inw}"));
    }
    v
}

impl Guard {
    /// The identifiers of every child in the records, and the phrases
    /// `[publish] allow` lets through.
    pub fn new(repo: &Repo) -> Guard {
        let mut pats: Vec<String> = Vec::new();
        let mut what = Vec::new();
        let mut dobs: HashMap<NaiveDate, Vec<Hit>> = HashMap::new();
        let mut add = |forms: Vec<String>, child: &str, field: &'static str| {
            let mut seen = std::collections::HashSet::new();
            for f in forms {
                let n = words(&norm::normalize(f.trim()));
                // One or two letters would match everywhere and identify no one.
                if n.chars().filter(|c| c.is_alphanumeric()).count() >= 3 && seen.insert(n.clone())
                {
                    pats.push(n);
                    what.push(Hit {
                        child: child.to_string(),
                        field,
                    });
                }
            }
        };
        for c in repo.children.values() {
            let r = &c.rec;
            add(id_forms(&c.id), &c.id, "id");
            add(name_forms(&r.name.value), &c.id, "name");
            if let Some(p) = &r.preferred_name {
                add(vec![p.value.clone()], &c.id, "preferred name");
            }
            if let Some(u) = &r.upn {
                add(vec![u.value.clone()], &c.id, "UPN");
            }
            for e in &r.episodes {
                for p in [&e.home_postcode, &e.placement_postcode]
                    .into_iter()
                    .flatten()
                {
                    add(postcode_forms(&p.value), &c.id, "postcode");
                }
            }
            let mut born = |d: NaiveDate, field: &'static str| {
                let v = dobs.entry(d).or_default();
                let h = Hit {
                    child: c.id.clone(),
                    field,
                };
                if !v.contains(&h) {
                    v.push(h);
                }
            };
            born(r.dob.0, "date of birth");
            if let Some(d) = &r.mother_child_dob {
                born(d.0, "date of birth of their own child");
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .ok()
            .map(Arc::new);
        let (upn_pats, upn_what): (Vec<String>, Vec<Hit>) = repo
            .children
            .values()
            .filter_map(|c| {
                let u = c.rec.upn.as_ref()?;
                let n: String = norm::normalize(&u.value)
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                (n.len() >= 8).then(|| {
                    (
                        n,
                        Hit {
                            child: c.id.clone(),
                            field: "UPN",
                        },
                    )
                })
            })
            .unzip();
        let upns = AhoCorasick::new(&upn_pats)
            .ok()
            .filter(|_| !upn_pats.is_empty())
            .map(|a| (Arc::new(a), Arc::new(upn_what)));
        let allow: Vec<String> = repo
            .config
            .publish
            .allow
            .iter()
            .map(|p| words(&norm::normalize_soft(p)))
            .filter(|p| !p.is_empty())
            .collect();
        let allow = (!allow.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&allow)
                    .ok()
            })
            .flatten()
            .map(Arc::new);
        Guard {
            ac,
            what: Arc::new(what),
            dobs: Arc::new(dobs),
            allow,
            upns,
        }
    }

    /// `[publish] allow` may let an ordinary word through, never a child:
    /// a phrase that is a child's name, id, UPN, postcode or a date of
    /// birth on its own is refused.
    pub fn check_allow(&self, repo: &Repo) -> Vec<AllowError> {
        let mut errs = Vec::new();
        for (i, p) in repo.config.publish.allow.iter().enumerate() {
            let n = norm::normalize_soft(p);
            let w = words(&n);
            let alnum = n.chars().filter(|c| c.is_alphanumeric()).count();
            let (hits, born) = self.raw_hits(&n, &w);
            let whole = !born.is_empty()
                || hits
                    .iter()
                    .any(|(s, e, h)| *s == 0 && *e == w.len() && h.field != "preferred name");
            let message = if alnum < 3 {
                Some("is too short to be a phrase: write the words around the word to allow")
            } else if whole {
                Some("is a child's identifier on its own: the guard cannot allow it")
            } else {
                None
            };
            if let Some(m) = message {
                errs.push(AllowError {
                    entry: i + 1,
                    message: m.into(),
                });
            }
        }
        errs
    }

    /// Every identifier in normalised `text`: names, ids, UPNs and
    /// postcodes by their words (positions in `words(text)`, the form
    /// `[publish] allow` is matched in), dates of birth by their dates.
    fn raw_hits(&self, text: &str, w: &str) -> (Vec<(usize, usize, Hit)>, Vec<Hit>) {
        let whole = |t: &str, s: usize, e: usize| {
            let before = t[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            let after = t[e..].chars().next().is_some_and(|c| c.is_alphanumeric());
            !before && !after
        };
        let mut out = Vec::new();
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(w) {
                if whole(w, m.start(), m.end()) {
                    out.push((
                        m.start(),
                        m.end(),
                        self.what[m.pattern().as_usize()].clone(),
                    ));
                }
            }
        }
        let mut born = Vec::new();
        if let Some((ac, what)) = &self.upns {
            let compact: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
            born.extend(
                ac.find_iter(&compact)
                    .map(|m| what[m.pattern().as_usize()].clone()),
            );
        }
        if !self.dobs.is_empty() {
            for f in dates::find(text) {
                if let Some(hs) = self.dobs.get(&f.date)
                    && whole(text, f.start, f.end)
                {
                    born.extend(hs.iter().cloned());
                }
            }
        }
        (out, born)
    }

    /// Every child identifier in normalised `text` (see [`norm::normalize`]),
    /// matched as whole words (so "Mayfield" does not match a child called
    /// "May"), except where it stands inside an allowed phrase. Sorted,
    /// without repeats.
    pub fn scan_normalized(&self, text: &str) -> Vec<Hit> {
        let w = words(text);
        let (mut hits, born) = self.raw_hits(text, &w);
        if let Some(allow) = &self.allow
            && !hits.is_empty()
        {
            let spans: Vec<(usize, usize)> = allow
                .find_overlapping_iter(&w)
                .map(|m| (m.start(), m.end()))
                .collect();
            hits.retain(|(s, e, _)| !spans.iter().any(|(a, b)| a <= s && e <= b));
        }
        let mut v: Vec<Hit> = hits.into_iter().map(|(_, _, h)| h).chain(born).collect();
        v.sort();
        v.dedup();
        v
    }

    /// `scan_normalized` of any text (normalised here).
    pub fn scan(&self, text: &str) -> Option<Hit> {
        self.scan_normalized(&norm::normalize(text))
            .into_iter()
            .next()
    }

    /// Every identifier in the text of one output file (see
    /// [`extract::Text`]).
    pub fn scan_text(&self, t: &extract::Text) -> Vec<Hit> {
        let n = if t.hard_lines {
            norm::normalize(&t.text)
        } else {
            norm::normalize_soft(&t.text)
        };
        let mut hits = self.scan_normalized(&n);
        if t.metadata {
            hits.retain(|h| h.field != "preferred name");
        }
        hits
    }
}

/// Whether `text` holds dates alone (and the words of a range, "1 April
/// 2025 to 31 March 2026"): the only text a site-date mark may exempt.
pub fn dates_only(text: &str) -> bool {
    let n = norm::normalize_soft(text);
    let found = dates::find(&n);
    if found.is_empty() {
        return false;
    }
    let mut rest = String::new();
    let mut at = 0;
    for f in &found {
        if f.start < at {
            continue;
        }
        rest.push_str(&n[at..f.start]);
        rest.push(' ');
        at = f.end;
    }
    rest.push_str(&n[at..]);
    rest.split(|c: char| !c.is_alphanumeric())
        .all(|w| matches!(w, "" | "to" | "and" | "from" | "until"))
}

#[cfg(test)]
mod tests;
