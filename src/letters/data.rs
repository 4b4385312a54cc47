//! The data of a child's letter, invite page and IRO card, as typed values
//! built from the records (the contract in `themes/default/letters/README.md`;
//! its JSON form is what the HTML and Typst templates read). Pure: photos are
//! read and files written by the caller.

use crate::calendar::{age_on, birthday};
use crate::codes::ReviewKind;
use crate::day::long;
use crate::markdown::{Block, to_blocks};
use crate::model::ChildFacts;
use crate::plain::AgeBand;
use crate::records::{Child, Iro, Repo, Review};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One document: a letter, an invite page or an IRO card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Data {
    /// A letter after a review.
    Letter(Letter),
    /// The "my meeting" invite page.
    Invite(Invite),
    /// An IRO's introduction card.
    Card(Card),
}

/// The age band a letter or invite is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Band {
    /// Under 8.
    #[serde(rename = "under8")]
    Under8,
    /// 8 to 12.
    #[serde(rename = "8-12")]
    From8To12,
    /// 13 and over.
    #[serde(rename = "13plus")]
    From13,
    /// A young adult (16+ pathway reviews).
    #[serde(rename = "young-adult")]
    YoungAdult,
}

impl Band {
    /// Every band.
    pub const ALL: [Band; 4] = [
        Band::Under8,
        Band::From8To12,
        Band::From13,
        Band::YoungAdult,
    ];
    /// The band's name in file names and the data (`8-12`).
    pub fn name(self) -> &'static str {
        match self {
            Band::Under8 => "under8",
            Band::From8To12 => "8-12",
            Band::From13 => "13plus",
            Band::YoungAdult => "young-adult",
        }
    }
}

impl From<AgeBand> for Band {
    fn from(b: AgeBand) -> Band {
        match b {
            AgeBand::Under8 => Band::Under8,
            AgeBand::From8To12 => Band::From8To12,
            AgeBand::From13 => Band::From13,
            AgeBand::YoungAdult => Band::YoungAdult,
        }
    }
}

/// The contract's band name for an age band.
pub fn band_name(b: AgeBand) -> &'static str {
    Band::from(b).name()
}

/// The IRO, as the child sees them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IroData {
    /// Full name.
    pub name: String,
    /// Work phone ("" when not recorded).
    pub phone: String,
    /// Work email ("" when not recorded).
    pub email: String,
    /// A sentence about the IRO.
    #[serde(default)]
    pub card: Option<String>,
    /// The photo's virtual path: set when rendering, from the photo given.
    #[serde(default)]
    pub photo: Option<String>,
}

/// The service, as letters name it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceData {
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// The "you can have an advocate" paragraph.
    pub advocacy: String,
    /// The "how to complain" paragraph.
    pub complaints: String,
}

/// The child, as letters greet them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChildData {
    /// The name they like to be called.
    pub preferred_name: String,
}

/// The kind of review, as the contract writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewKindName {
    /// A looked-after child review.
    Cla,
    /// A pathway plan review.
    Pathway,
}

/// The review a letter is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LetterReview {
    /// ISO date.
    pub date: String,
    /// "4 May 2025".
    pub date_long: String,
    /// cla or pathway.
    pub kind: ReviewKindName,
    /// The IRO's first letter to this child: adds "Who I am".
    #[serde(default)]
    pub first_letter: bool,
    /// Stood down: no "What we decided".
    #[serde(default)]
    pub stood_down: bool,
}

/// One decision, as a sentence: "<who> will <text> by <by_long>."
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionData {
    /// The words after "will".
    pub text: String,
    /// Who will do it.
    pub who: String,
    /// ISO date.
    #[serde(default)]
    pub by: Option<String>,
    /// The date as shown.
    #[serde(default)]
    pub by_long: Option<String>,
}

/// When the next review is due.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextReview {
    /// ISO date.
    pub due: String,
    /// The date as shown.
    pub due_long: String,
}

fn yes() -> bool {
    true
}

/// A letter after a review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Letter {
    /// Picks the template.
    pub band: Band,
    /// Document title (no child's name).
    pub title: String,
    /// The child.
    pub child: ChildData,
    /// The IRO who writes.
    pub iro: IroData,
    /// The service.
    pub service: ServiceData,
    /// The review.
    pub review: LetterReview,
    /// The IRO's words.
    pub body: Vec<Block>,
    /// What was decided.
    pub decisions: Vec<DecisionData>,
    /// The next review, when known.
    pub next_review: Option<NextReview>,
    /// Show "People who can help you".
    #[serde(default = "yes")]
    pub rights: bool,
}

/// What the invite says about the review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InviteReview {
    /// "on 3 November 2025" or "due by 3 November 2025".
    pub date_long: String,
}

/// The "my meeting" invite page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invite {
    /// Sizes the page.
    pub band: Band,
    /// Document title.
    pub title: String,
    /// The child.
    pub child: ChildData,
    /// The IRO who will chair.
    pub iro: IroData,
    /// The service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceData>,
    /// The review.
    pub review: InviteReview,
}

/// An IRO's introduction card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// Document title.
    pub title: String,
    /// The IRO.
    pub iro: IroData,
    /// The service.
    pub service: ServiceData,
}

impl Data {
    /// The IRO the document is from or about.
    pub fn iro_mut(&mut self) -> &mut IroData {
        match self {
            Data::Letter(l) => &mut l.iro,
            Data::Invite(i) => &mut i.iro,
            Data::Card(c) => &mut c.iro,
        }
    }
    /// The template's file name without extension: `letter-8-12`, `invite`, `card`.
    pub fn template(&self) -> String {
        match self {
            Data::Letter(l) => format!("letter-{}", l.band.name()),
            Data::Invite(_) => "invite".into(),
            Data::Card(_) => "card".into(),
        }
    }
    /// The document title.
    pub fn title(&self) -> &str {
        match self {
            Data::Letter(l) => &l.title,
            Data::Invite(i) => &i.title,
            Data::Card(c) => &c.title,
        }
    }
}

fn iro_data(iro: Option<&Iro>, has_photo: bool) -> IroData {
    match iro {
        Some(i) => IroData {
            name: i.rec.name.value.clone(),
            phone: i
                .rec
                .phone
                .as_ref()
                .map(|p| p.value.clone())
                .unwrap_or_default(),
            email: i
                .rec
                .email
                .as_ref()
                .map(|p| p.value.clone())
                .unwrap_or_default(),
            card: i.rec.card.as_ref().map(|c| c.value.clone()),
            photo: has_photo.then(|| super::render::PHOTO_PATH.to_string()),
        },
        None => IroData {
            name: "your Independent Reviewing Officer".into(),
            phone: String::new(),
            email: String::new(),
            card: None,
            photo: None,
        },
    }
}

fn service_data(repo: &Repo) -> ServiceData {
    let s = &repo.config.service;
    let phone = s.phone.clone().unwrap_or_default();
    let contact = if phone.is_empty() {
        String::new()
    } else {
        format!(" on {phone}")
    };
    ServiceData {
        name: s.name.clone(),
        short_name: s.display_name().to_string(),
        advocacy: s.advocacy.clone().unwrap_or_else(|| format!("You can have an advocate: someone who helps you say what you think and makes sure you are listened to. Ask me, your social worker or the service{contact}, and we will arrange it.")),
        complaints: s.complaints.clone().unwrap_or_else(|| format!("If you are unhappy about something, you can tell me, your social worker, or the service{contact}. You can make a complaint, and someone will help you do it.")),
    }
}

/// "Sam, your social worker" for a decision's `who`.
pub fn who_phrase(child: &Child, who: Option<&str>) -> String {
    let sw = child
        .rec
        .social_worker
        .as_ref()
        .and_then(|s| s.split_whitespace().next().map(str::to_string));
    match who.unwrap_or("") {
        "social-worker" => match sw {
            Some(n) => format!("{n}, your social worker"),
            None => "Your social worker".into(),
        },
        "carer" => "Your carer".into(),
        "iro" => "I".into(),
        "child" => "You".into(),
        "parent" => "Your mum or dad".into(),
        "health" => "Your nurse or doctor".into(),
        "school" | "education" => "Your school".into(),
        "personal-adviser" => "Your personal adviser".into(),
        "" => "We".into(),
        other => {
            let mut c = other.replace('-', " ");
            if let Some(f) = c.get(..1) {
                c = f.to_uppercase() + &c[1..];
            }
            c
        }
    }
}

/// Split "Sam will arrange ..." into the words after "will"; other texts are
/// used as they are, with a lower-case first letter.
pub fn decision_what(text: &str) -> String {
    let t = text.trim();
    if let Some(i) = t.find(" will ")
        && t[..i].split_whitespace().count() <= 4
    {
        return t[i + 6..].trim().to_string();
    }
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The body without the greeting line and the sign-off, which the template writes.
pub fn letter_body(body: &str) -> String {
    let mut lines: Vec<&str> = body.lines().collect();
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.first().is_some_and(|l| {
        let w = l.trim().to_ascii_lowercase();
        (w.starts_with("dear ") || w.starts_with("hello ") || w.starts_with("hi "))
            && w.split_whitespace().count() <= 4
    }) {
        lines.remove(0);
        while lines.first().is_some_and(|l| l.trim().is_empty()) {
            lines.remove(0);
        }
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let signoffs = [
        "from ",
        "best wishes",
        "love ",
        "love,",
        "kind regards",
        "take care",
        "with best wishes",
        "see you soon",
    ];
    for _ in 0..2 {
        if lines.last().is_some_and(|l| {
            let w = l.trim().to_ascii_lowercase();
            w.split_whitespace().count() <= 4 && signoffs.iter().any(|s| w.starts_with(s))
        }) {
            lines.pop();
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
        }
    }
    lines.join("\n")
}

/// The due date of the review after review `i`: the deadline that runs
/// from it in the schedule (whatever kind the next review is), else the one
/// computed from it. For a stood-down review, the deadline that still stands.
pub fn next_due_after(child: &Child, facts: &ChildFacts, i: usize) -> Option<NaiveDate> {
    let r = &child.reviews[i];
    if !r.held() {
        return facts
            .schedule
            .stood_down
            .iter()
            .find(|(j, _)| *j == i)
            .and_then(|(_, d)| d.map(|d| d.by));
    }
    let held = &facts.schedule.held;
    let pos = held.iter().position(|h| h.review == i)?;
    let me = &held[pos];
    let from_this = |d: &crate::model::schedule::Due| d.from == r.date;
    if let Some(d) = held[pos + 1..]
        .iter()
        .filter_map(|h| h.due)
        .find(|d| from_this(d))
    {
        return Some(d.by);
    }
    let nexts = [facts.schedule.next.as_ref(), facts.pathway_next.as_ref()];
    if let Some(n) = nexts.into_iter().flatten().find(|n| from_this(&n.due)) {
        return Some(n.due.by);
    }
    // The last review of a period that has since ended, or before turning 18.
    let b18 = birthday(child.rec.dob.0, 18);
    let by = match (me.kind, me.ordinal) {
        (ReviewKind::Cla, 1) => crate::calendar::add_months(r.date, 3),
        _ => crate::calendar::add_months(r.date, 6),
    };
    (me.kind == ReviewKind::Pathway || by < b18).then_some(by)
}

/// Whether the IRO already introduces themselves in the body.
fn body_introduces(body: &str, iro_name: Option<&str>) -> bool {
    let first = iro_name
        .and_then(|n| n.split_whitespace().next())
        .unwrap_or("");
    body.contains("My name is") || (!first.is_empty() && body.contains(&format!("I am {first}")))
}

/// The letter data for review `i` of `child`.
pub fn letter(repo: &Repo, child: &Child, facts: &ChildFacts, i: usize, has_photo: bool) -> Data {
    let r: &Review = &child.reviews[i];
    let band = crate::model::letter_band(child, r);
    let iro = repo.iros.get(r.chair());
    let first_letter = !child.reviews[..i]
        .iter()
        .any(|p| p.held() && p.chair() == r.chair())
        && !body_introduces(&r.body, iro.map(|x| x.rec.name.as_str()));
    let decisions = r
        .rec
        .decisions
        .iter()
        .map(|d| DecisionData {
            text: decision_what(&d.text),
            who: who_phrase(child, d.who.as_ref().map(|w| w.as_str())),
            by: d.by.as_ref().map(|b| b.value.to_string()),
            by_long: d.by.as_ref().map(|b| long(b.0)),
        })
        .collect();
    let next_review = next_due_after(child, facts, i).map(|d| NextReview {
        due: d.to_string(),
        due_long: long(d),
    });
    let pathway = r.rec.kind.value == ReviewKind::Pathway;
    let what = if pathway {
        "pathway plan review"
    } else {
        "meeting"
    };
    Data::Letter(Letter {
        band: band.into(),
        title: format!("A letter about your {what} on {}", long(r.date)),
        child: ChildData {
            preferred_name: child.rec.greeting_name().to_string(),
        },
        iro: iro_data(iro, has_photo),
        service: service_data(repo),
        review: LetterReview {
            date: r.date.to_string(),
            date_long: long(r.date),
            kind: if pathway {
                ReviewKindName::Pathway
            } else {
                ReviewKindName::Cla
            },
            first_letter,
            stood_down: !r.held(),
        },
        body: to_blocks(&letter_body(&r.body)),
        decisions,
        next_review,
        rights: true,
    })
}

/// The invite page ("from the child") for the next review due, as of a date.
pub fn invite(
    repo: &Repo,
    child: &Child,
    facts: &ChildFacts,
    as_of: NaiveDate,
    has_photo: bool,
) -> Option<(NaiveDate, Data)> {
    let next = facts
        .schedule
        .next
        .as_ref()
        .or(facts.pathway_next.as_ref())?;
    let pathway = next.kind == ReviewKind::Pathway;
    let band = AgeBand::for_age(age_on(child.rec.dob.0, as_of), pathway);
    let iro = crate::model::staff::allocated_on(child, as_of).and_then(|i| repo.iros.get(i));
    let when = match next.booked {
        Some(b) if b >= as_of => format!("on {}", long(b)),
        _ => format!("due by {}", long(next.due.by)),
    };
    Some((
        next.due.by,
        Data::Invite(Invite {
            band: band.into(),
            title: "My meeting: what I want".into(),
            child: ChildData {
                preferred_name: child.rec.greeting_name().to_string(),
            },
            iro: iro_data(iro, has_photo),
            service: Some(service_data(repo)),
            review: InviteReview { date_long: when },
        }),
    ))
}

/// An IRO's introduction card.
pub fn card(repo: &Repo, iro: &Iro, has_photo: bool) -> Data {
    Data::Card(Card {
        title: format!("{}: your Independent Reviewing Officer", iro.rec.name.value),
        iro: iro_data(Some(iro), has_photo),
        service: service_data(repo),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_in_plain_words() {
        assert_eq!(
            decision_what("Sam will arrange for you to see your brother."),
            "arrange for you to see your brother."
        );
        assert_eq!(decision_what("Arrange a visit"), "arrange a visit");
        assert_eq!(
            decision_what("The people who look after you every day will help"),
            "the people who look after you every day will help"
        );
    }

    #[test]
    fn greeting_and_signoff_are_the_template_s() {
        let b =
            "Dear Amira,\n\nThank you.\n\n## What is going well\nYou are happy.\n\nFrom Priya\n";
        assert_eq!(
            letter_body(b),
            "Thank you.\n\n## What is going well\nYou are happy."
        );
        assert_eq!(
            letter_body("Hello.\nFrom the start you were brave and kind to everyone."),
            "Hello.\nFrom the start you were brave and kind to everyone."
        );
    }
}
