//! Which documents to write: the reviews, children or IROs a command asked
//! for, each turned into a [`Job`] (its output name, typed data, photo and
//! plain-language findings).

use super::data;
use crate::load::read::{MAX_ASSET_BYTES, read_bytes};
use crate::model::Analysis;
use crate::records::Repo;
use crate::stats::Year;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What kind of document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters after reviews.
    Letters,
    /// Invite pages for the next review.
    Invites,
    /// IROs' introduction cards.
    Cards,
}

impl Kind {
    /// "letters", "invite pages", "cards".
    pub fn words(self) -> &'static str {
        match self {
            Kind::Letters => "letters",
            Kind::Invites => "invite pages",
            Kind::Cards => "cards",
        }
    }
    /// What one is called.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Letters => "letter",
            Kind::Invites => "invite page",
            Kind::Cards => "card",
        }
    }
}

/// A selection, from the command line (already parsed).
#[derive(Clone, Debug)]
pub struct Selection {
    /// What to write.
    pub kind: Kind,
    /// Review files, as given.
    pub reviews: Vec<PathBuf>,
    /// Children by id (their latest review; for invites, their next one).
    pub children: Vec<String>,
    /// One IRO's reviews (last 30 days by default), invites or card.
    pub iro: Option<String>,
    /// Reviews from this date.
    pub from: Option<NaiveDate>,
    /// Reviews up to this date.
    pub to: Option<NaiveDate>,
    /// Every review of a reporting year.
    pub year: Option<Year>,
    /// Every review.
    pub all: bool,
}

/// One document to write.
pub struct Job {
    /// Output path without extension, relative to the output folder
    /// (`C0042/2025-05-04`, `cards/pshah`).
    pub stem: String,
    /// The data.
    pub data: data::Data,
    /// The IRO's photo.
    pub photo: Option<Vec<u8>>,
    /// Plain-language findings on the letter (long sentences aside).
    pub findings: usize,
}

/// An IRO's photo (`iros/<photo>`), read under the safe-read policy; none
/// when there is none or it cannot be read.
pub fn photo(root: &Path, repo: &Repo, iro: Option<&str>) -> Option<Vec<u8>> {
    let iro = repo.iros.get(iro?)?;
    let name = iro.rec.photo.as_ref()?;
    if name.contains('/') || name.contains("..") || name.contains('\\') {
        return None;
    }
    read_bytes(
        root,
        &root.join("iros").join(name.as_str()),
        MAX_ASSET_BYTES,
    )
    .ok()
}

/// A review file given on the command line, as the loader names it.
fn rel_review(root: &Path, p: &Path) -> Option<String> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(p)
    };
    let canon = abs.canonicalize().ok();
    let rel = match canon.as_ref().and_then(|c| c.strip_prefix(root).ok()) {
        Some(r) => r.to_path_buf(),
        None => p.to_path_buf(),
    };
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// The jobs for a selection, as of the analysis's check date.
pub fn select(
    root: &Path,
    repo: &Repo,
    an: &Analysis,
    sel: &Selection,
) -> Result<Vec<Job>, String> {
    let as_of = an.as_of;
    let facts = &an.facts;
    let plain = crate::model::plain_config(repo);
    if let Some(i) = &sel.iro
        && !repo.iros.contains_key(i)
    {
        return Err(format!("no IRO `{i}` (the ids are the files in iros/)"));
    }
    for c in &sel.children {
        if !repo.children.contains_key(c) {
            return Err(format!(
                "no child `{c}` (the ids are the folders in children/)"
            ));
        }
    }
    let mut jobs = Vec::new();
    if sel.kind == Kind::Cards {
        for iro in repo.iros.values() {
            // The one definition of "in post" (started, not left).
            let in_post = crate::model::staff::in_post(iro, as_of);
            if sel.iro.as_ref().is_some_and(|i| i != &iro.id) || (!in_post && sel.iro.is_none()) {
                continue;
            }
            let photo = photo(root, repo, Some(&iro.id));
            jobs.push(Job {
                stem: format!("cards/{}", iro.id),
                data: data::card(repo, iro, photo.is_some()),
                photo,
                findings: 0,
            });
        }
        return Ok(jobs);
    }
    if sel.kind == Kind::Invites {
        for c in repo.children.values() {
            let wanted = sel.children.contains(&c.id)
                || (sel.children.is_empty()
                    && sel
                        .iro
                        .as_deref()
                        .is_some_and(|i| crate::model::staff::allocated_on(c, as_of) == Some(i)));
            if !wanted {
                continue;
            }
            let iro = crate::model::staff::allocated_on(c, as_of);
            let photo = photo(root, repo, iro);
            if let Some((due, data)) = data::invite(repo, c, &facts[&c.id], as_of, photo.is_some())
            {
                jobs.push(Job {
                    stem: format!("{}/invite-{due}", c.id),
                    data,
                    photo,
                    findings: 0,
                });
            }
        }
        return Ok(jobs);
    }
    let mut picked: Vec<(&str, usize)> = Vec::new();
    for p in &sel.reviews {
        let rel = rel_review(root, p).ok_or_else(|| format!("cannot find {}", p.display()))?;
        let found = repo.children.values().find_map(|c| {
            c.reviews
                .iter()
                .position(|r| r.file == rel)
                .map(|i| (c.id.as_str(), i))
        });
        match found {
            Some((c, i)) if repo.children[c].reviews[i].imported() => {
                return Err(format!(
                    "{rel} was imported from an SSDA903 return: it has no letter"
                ));
            }
            Some(x) => picked.push(x),
            None => return Err(format!("{rel} is not a review that loaded (run iro check)")),
        }
    }
    for id in &sel.children {
        let c = &repo.children[id];
        match c.reviews.iter().rposition(|r| !r.imported()) {
            Some(i) => picked.push((c.id.as_str(), i)),
            None => return Err(format!("child {id} has no review with a letter yet")),
        }
    }
    let range = match (sel.from, sel.to, sel.year) {
        (_, _, Some(y)) => Some((y.start, y.end)),
        (None, None, None) if sel.iro.is_some() => {
            Some((crate::calendar::add_days(as_of, -30), as_of))
        }
        (None, None, None) if sel.all => Some((NaiveDate::MIN, NaiveDate::MAX)),
        (None, None, None) => None,
        (f, t, None) => Some((f.unwrap_or(NaiveDate::MIN), t.unwrap_or(NaiveDate::MAX))),
    };
    if let Some((from, to)) = range {
        for c in repo.children.values() {
            for (i, r) in c.reviews.iter().enumerate() {
                if r.date >= from
                    && r.date <= to
                    && !r.imported()
                    && sel.iro.as_ref().is_none_or(|x| x == r.chair())
                {
                    picked.push((c.id.as_str(), i));
                }
            }
        }
    }
    picked.sort();
    picked.dedup();
    for (cid, i) in picked {
        let c = &repo.children[cid];
        let r = &c.reviews[i];
        let photo = photo(root, repo, Some(r.chair()));
        let data = data::letter(repo, c, &facts[cid], i, photo.is_some());
        let subject = crate::model::letter_subject(c, r);
        let (f, _) = crate::plain::check(&r.body, &subject, &plain);
        let findings = f
            .iter()
            .filter(|x| x.rule != "letter-long-sentence")
            .count();
        let name = r
            .file
            .rsplit('/')
            .next()
            .unwrap_or("letter")
            .trim_end_matches(".md")
            .to_string();
        jobs.push(Job {
            stem: format!("{cid}/{name}"),
            data,
            photo,
            findings,
        });
    }
    Ok(jobs)
}
