//! The report's words for each figure: a short phrase for a big number, and
//! "how we counted" in plain words (docs/report.md has the exact rules).

/// (id, words after the big number, how we counted).
pub const FIGURES: &[(&str, &str, &str)] = &[
    (
        "reviews.held",
        "reviews of children's plans were chaired by our IROs",
        "Every review held in the year, counted once even when it took more than one meeting. Reviews that were stood down are not counted.",
    ),
    (
        "reviews.initial",
        "first reviews for children who came into care",
        "Held reviews that were the first review after a child came into care.",
    ),
    (
        "reviews.series",
        "reviews held over more than one meeting",
        "Held reviews that took two or more meetings to finish.",
    ),
    (
        "reviews.stood_down",
        "reviews were stood down",
        "Reviews that were called off before they took place, by the reason given.",
    ),
    (
        "reviews.on_time",
        "of reviews were held on time",
        "Held reviews that took place on or before the date the law sets, out of all held reviews. Children in care and care leavers are also shown apart.",
    ),
    (
        "participation.4plus",
        "of reviews of children aged 4 or over had the child taking part",
        "Reviews of children aged 4 or over where the child took part in any way (in person, through someone else, or by sending their views), out of all reviews of children aged 4 or over.",
    ),
    (
        "participation.by_code",
        "reviews recorded how the child took part",
        "How each child took part in their review, using the codes the government asks for (PN0 to PN7).",
    ),
    (
        "pathway.attended",
        "of pathway plan reviews were attended by the young person",
        "Pathway plan reviews the young person came to, out of all pathway plan reviews held.",
    ),
    (
        "seen_before",
        "of reviews of children aged 4 or over came after the child saw their IRO",
        "Reviews of children aged 4 or over where the IRO met the child before the review, out of all those reviews.",
    ),
    (
        "chaired_by_child",
        "children chaired or helped to chair their own review",
        "Children who chaired their own review, or chaired it together with their IRO, at least once in the year.",
    ),
    (
        "consultations",
        "of consultation forms sent out came back",
        "Forms asking for views before a review, sent to the child, parents, carers and others, and how many were sent back.",
    ),
    (
        "decisions.on_time",
        "of review decisions were sent out on time",
        "Reviews whose decisions were sent out within the number of working days our policy sets, out of all held reviews (reviews not yet due are left out).",
    ),
    (
        "records.on_time",
        "of review records were finished on time",
        "Reviews whose full record was finished within the number of working days our policy sets, out of all held reviews (records not yet due are left out).",
    ),
    (
        "permanence.by_second",
        "of second reviews found a plan for a permanent home",
        "Second reviews held in the year where a plan for a permanent home had been recorded, out of all second reviews.",
    ),
    (
        "health.current",
        "of children in care for a year or more had an up to date health check",
        "Children in care on the last day of the year who had been in care for at least 12 months, whose latest health assessment was in date that day (every 6 months for children under 5, every 12 months after), out of all those children.",
    ),
    (
        "pep.current",
        "of school-age children had an up to date education plan",
        "Children of school age in care on the last day of the year whose personal education plan had been reviewed in the last school term (the number of months our policy sets), out of all those children.",
    ),
    (
        "alerts.raised",
        "practice alerts were raised by IROs",
        "Practice alerts IROs raised in the year when a child's plan was not being carried out. Each alert is counted once, in the year it was raised, by the furthest step it had reached when we counted: sorted out or still being worked on without a formal step, formal stage 1, or formal stage 2 or later. So the parts add up to all the alerts raised.",
    ),
    (
        "alerts.informal_or_stage1",
        "of alerts were sorted out early",
        "Alerts sorted out in the year either informally or at the first formal stage, out of all alerts sorted out in the year.",
    ),
    (
        "alerts.by_theme",
        "practice alerts, by what they were about",
        "Practice alerts raised in the year, by theme and by team. An alert about two themes is counted in both rows.",
    ),
    (
        "good_practice",
        "good practice notifications were sent",
        "Notes IROs sent to praise good work for a child, by theme and by team.",
    ),
    (
        "drp.days",
        "working days: the middle time taken to sort out a formal alert",
        "For formal alerts sorted out in the year: the middle value (median) of the working days from the first formal stage to the end.",
    ),
    (
        "meetings.disruption",
        "meetings held when a child's home was at risk",
        "Disruption, stability and missing-from-care meetings chaired by IROs in the year.",
    ),
    (
        "population",
        "children were looked after at the end of the year",
        "Children in care on the last day of the year, and how many came into care and left care during the year.",
    ),
    (
        "care_leavers",
        "care leavers were supported at the end of the year",
        "Young people who had left care, or were getting ready to, and were owed support on the last day of the year.",
    ),
    (
        "caseload",
        "children, on average, for each full-time IRO",
        "Children allocated to each IRO on the last day of the year, for each full-time post. National guidance suggests 50 to 70.",
    ),
];

/// The phrase after a figure's big number.
pub fn phrase(id: &str) -> &'static str {
    FIGURES
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, p, _)| *p)
        .unwrap_or("")
}

/// How a figure was counted, in plain words.
pub fn definition(id: &str) -> &'static str {
    FIGURES
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, _, d)| *d)
        .unwrap_or("")
}

/// A breakdown key as shown in a table.
pub fn key_label(key: &str) -> String {
    let s = match key {
        "cla" => "Children in care",
        "pathway" => "Care leavers (pathway plans)",
        "child" => "Children",
        "parent" => "Parents",
        "carer" => "Carers",
        "health" => "Health",
        "education" => "Education",
        "other" => "Others",
        "informal" => "Informal only",
        "drp1" => "Formal stage 1 (highest)",
        "drp2" => "Formal stage 2 (highest)",
        "drp3" => "Formal stage 3 (highest)",
        "cafcass" => "Referred to Cafcass",
        "raised" => "Raised",
        "resolved" => "Sorted out",
        "open" => "Still open",
        "chair" => "Chaired their review",
        "co-chair" => "Co-chaired their review",
        "pending" => "Not yet due",
        "eligible" => "Eligible (16-17, in care)",
        "relevant" => "Relevant (16-17, left care)",
        "former-relevant" => "Former relevant (18-25)",
        "disruption" => "Disruption meetings",
        "stability" => "Stability meetings",
        "missing-trigger" => "Missing-from-care meetings",
        "looked_after" => "Looked after at year end",
        "started" => "Came into care",
        "ceased" => "Left care",
        "PN0" => "PN0: under 4",
        "PN1" => "PN1: came and spoke for themselves",
        "PN2" => "PN2: came, an advocate spoke for them",
        "PN3" => "PN3: came, shared views another way",
        "PN4" => "PN4: came, did not share views",
        "PN5" => "PN5: did not come, an advocate spoke for them",
        "PN6" => "PN6: did not come, shared views another way",
        "PN7" => "PN7: did not come or share views",
        "missing" => "No code recorded",
        other => return other.replace(['-', '_'], " "),
    };
    s.to_string()
}
