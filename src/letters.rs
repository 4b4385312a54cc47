//! Building the data of a child's letter, invite page and IRO card from the
//! records (the JSON contract in `themes/default/letters/README.md`). Pure:
//! the command reads photos and writes files.

use crate::calendar::{age_on, birthday};
use crate::codes::ReviewKind;
use crate::day::long;
use crate::model::ChildFacts;
use crate::plain::AgeBand;
use crate::records::{Child, Iro, Repo, Review};
use crate::render_letter::markdown_to_blocks;
use chrono::NaiveDate;
use serde_json::{Value, json};

/// The contract's band name for an age band.
pub fn band_name(b: AgeBand) -> &'static str {
    match b {
        AgeBand::Under8 => "under8",
        AgeBand::From8To12 => "8-12",
        AgeBand::From13 => "13plus",
        AgeBand::YoungAdult => "young-adult",
    }
}

fn iro_json(iro: Option<&Iro>, has_photo: bool) -> Value {
    match iro {
        Some(i) => json!({
            "name": i.rec.name.value,
            "phone": i.rec.phone.as_ref().map(|p| p.value.clone()).unwrap_or_default(),
            "email": i.rec.email.as_ref().map(|p| p.value.clone()).unwrap_or_default(),
            "card": i.rec.card.as_ref().map(|c| c.value.clone()),
            "photo": if has_photo { Value::from("/photo") } else { Value::Null },
        }),
        None => {
            json!({ "name": "your Independent Reviewing Officer", "phone": "", "email": "", "card": null, "photo": null })
        }
    }
}

fn service_json(repo: &Repo) -> Value {
    let s = &repo.config.service;
    let phone = s.phone.clone().unwrap_or_default();
    let contact = if phone.is_empty() {
        String::new()
    } else {
        format!(" on {phone}")
    };
    json!({
        "name": s.name,
        "short_name": s.short_name.clone().unwrap_or_else(|| s.name.clone()),
        "advocacy": s.advocacy.clone().unwrap_or_else(|| format!("You can have an advocate: someone who helps you say what you think and makes sure you are listened to. Ask me, your social worker or the service{contact}, and we will arrange it.")),
        "complaints": s.complaints.clone().unwrap_or_else(|| format!("If you are unhappy about something, you can tell me, your social worker, or the service{contact}. You can make a complaint, and someone will help you do it.")),
    })
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
pub fn letter(repo: &Repo, child: &Child, facts: &ChildFacts, i: usize, has_photo: bool) -> Value {
    let r: &Review = &child.reviews[i];
    let band = crate::rules::letters::band(child, r);
    let iro = repo.iros.get(r.rec.iro.as_str());
    let first_letter = !child.reviews[..i]
        .iter()
        .any(|p| p.held() && p.rec.iro.value == r.rec.iro.value)
        && !body_introduces(&r.body, iro.map(|x| x.rec.name.as_str()));
    let decisions: Vec<Value> = r
        .rec
        .decisions
        .iter()
        .map(|d| {
            json!({
                "text": decision_what(&d.text),
                "who": who_phrase(child, d.who.as_ref().map(|w| w.as_str())),
                "by": d.by.as_ref().map(|b| b.value.to_string()),
                "by_long": d.by.as_ref().map(|b| long(b.0)),
            })
        })
        .collect();
    let next = next_due_after(child, facts, i)
        .map(|d| json!({ "due": d.to_string(), "due_long": long(d) }));
    let what = if r.rec.kind.value == ReviewKind::Pathway {
        "pathway plan review"
    } else {
        "meeting"
    };
    json!({
        "kind": "letter",
        "band": band_name(band),
        "title": format!("A letter about your {what} on {}", long(r.date)),
        "child": { "preferred_name": child.rec.greeting_name() },
        "iro": iro_json(iro, has_photo),
        "service": service_json(repo),
        "review": { "date": r.date.to_string(), "date_long": long(r.date), "kind": r.rec.kind.value.code(), "first_letter": first_letter, "stood_down": !r.held() },
        "body": markdown_to_blocks(&letter_body(&r.body)),
        "decisions": decisions,
        "next_review": next.unwrap_or(Value::Null),
        "rights": true,
    })
}

/// The invite page ("from the child") for the next review due, as of a date.
pub fn invite(
    repo: &Repo,
    child: &Child,
    facts: &ChildFacts,
    as_of: NaiveDate,
    has_photo: bool,
) -> Option<(NaiveDate, Value)> {
    let next = facts
        .schedule
        .next
        .as_ref()
        .or(facts.pathway_next.as_ref())?;
    let pathway = next.kind == ReviewKind::Pathway;
    let band = AgeBand::for_age(age_on(child.rec.dob.0, as_of), pathway);
    let iro = crate::rules::allocation::allocated_on(child, as_of).and_then(|i| repo.iros.get(i));
    let when = match next.booked {
        Some(b) if b >= as_of => format!("on {}", long(b)),
        _ => format!("due by {}", long(next.due.by)),
    };
    Some((
        next.due.by,
        json!({
            "kind": "invite",
            "band": band_name(band),
            "title": "My meeting: what I want",
            "child": { "preferred_name": child.rec.greeting_name() },
            "iro": iro_json(iro, has_photo),
            "service": service_json(repo),
            "review": { "date_long": when },
        }),
    ))
}

/// An IRO's introduction card.
pub fn card(repo: &Repo, iro: &Iro, has_photo: bool) -> Value {
    json!({
        "kind": "card",
        "title": format!("{}: your Independent Reviewing Officer", iro.rec.name.value),
        "iro": iro_json(Some(iro), has_photo),
        "service": service_json(repo),
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
