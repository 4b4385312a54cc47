//! SSDA903 code lists (the DfE's looked-after children return) and the record
//! format's own closed vocabularies, as enums.
//!
//! Every enum deserializes from its code string; an unknown code is a `code`
//! diagnostic that lists the valid codes.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Marker prefix the loader uses to classify a deserialization error as a
/// `code` problem (see `load::classify`).
pub const CODE_ERR: &str = "iro-code:";

/// What every code list offers generic code: its name, parsing, and its codes.
pub trait CodeList: Sized {
    /// Name of the code list (for messages).
    const NAME: &'static str;
    /// Parse a code exactly as written.
    fn from_code(s: &str) -> Option<Self>;
    /// Every code, in list order.
    fn codes() -> Vec<&'static str>;
}

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $list:literal, { $($var:ident = $code:literal : $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $( #[doc = $label] $var ),+ }

        impl $name {
            /// Every code, in list order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// Name of the code list (for messages).
            pub const LIST: &'static str = $list;
            /// The code as written in records and SSDA903 files.
            pub fn code(self) -> &'static str { match self { $($name::$var => $code),+ } }
            /// A short plain-English meaning of the code.
            pub fn label(self) -> &'static str { match self { $($name::$var => $label),+ } }
            /// Parse a code exactly as written.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$var),)+ _ => None }
            }
        }

        impl CodeList for $name {
            const NAME: &'static str = $list;
            fn from_code(s: &str) -> Option<Self> { $name::parse(s) }
            fn codes() -> Vec<&'static str> { $name::ALL.iter().map(|c| c.code()).collect() }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.code()) }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.code()) }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(s.trim()).ok_or_else(|| {
                    let valid: Vec<&str> = $name::ALL.iter().map(|c| c.code()).collect();
                    serde::de::Error::custom(format!(
                        "{}{}|{}|{}", CODE_ERR, $list, s.trim(), valid.join(" ")
                    ))
                })
            }
        }
    };
}

code_enum!(
    /// SSDA903 LS: legal status.
    LegalStatus, "SSDA903 legal status (LS)", {
    C1 = "C1": "interim care order",
    C2 = "C2": "full care order",
    D1 = "D1": "freeing order granted",
    E1 = "E1": "placement order granted",
    J1 = "J1": "remanded to local authority accommodation or youth detention",
    J2 = "J2": "placed in local authority accommodation under PACE",
    J3 = "J3": "sentenced to a youth rehabilitation order with residence requirement",
    L1 = "L1": "under police protection and in local authority accommodation",
    L2 = "L2": "emergency protection order",
    L3 = "L3": "under child assessment order and in local authority accommodation",
    V2 = "V2": "single period of accommodation under section 20",
    V3 = "V3": "accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded",
    V4 = "V4": "accommodated under an agreed series of short-term breaks, when agreements are recorded (not individual episodes of care)",
});

impl LegalStatus {
    /// Agreed series of short breaks (reviewed on their own timescale).
    pub fn is_short_break(self) -> bool {
        matches!(self, LegalStatus::V3 | LegalStatus::V4)
    }
}

code_enum!(
    /// SSDA903 RNE: reason for new episode.
    ReasonNew, "SSDA903 reason for new episode (RNE)", {
    S = "S": "started to be looked after",
    L = "L": "change of legal status only",
    P = "P": "change of placement and carer(s) only",
    T = "T": "change of placement (but same carer(s)) only",
    U = "U": "change of legal status and change of placement (but same carer(s)) at the same time",
    B = "B": "change of legal status and placement and carer(s) at the same time",
});

code_enum!(
    /// SSDA903 REC: reason episode ceased.
    ReasonEnded, "SSDA903 reason episode ceased (REC)", {
    X1 = "X1": "episode ceases, child remains looked after",
    E11 = "E11": "adopted: application for an adoption order unopposed",
    E12 = "E12": "adopted: consent dispensed with by the court",
    E13 = "E13": "left care to live with parent(s), relative(s) or other person(s) with no parental responsibility",
    E14 = "E14": "accommodation on remand ended",
    E15 = "E15": "age assessment determined child is aged 18 or over (and E5, E6 do not apply)",
    E16 = "E16": "child moved abroad",
    E17 = "E17": "aged 18 or over and remained with current carers (including staying put)",
    E2 = "E2": "died",
    E3 = "E3": "care taken over by another local authority in the UK",
    E41 = "E41": "residence order or child arrangements order granted",
    E45 = "E45": "special guardianship order made to former foster carer(s) who are relatives or friends",
    E46 = "E46": "special guardianship order made to former foster carer(s) other than relatives or friends",
    E47 = "E47": "special guardianship order made to carer(s) other than former foster carers, who are relatives or friends",
    E48 = "E48": "special guardianship order made to carer(s) other than former foster carers, other than relatives or friends",
    E4A = "E4A": "returned home to live with parent(s), relative(s) or other person(s) with parental responsibility as part of the care planning process",
    E4B = "E4B": "returned home to live with parent(s), relative(s) or other person(s) with parental responsibility, not as part of the care planning process",
    E5 = "E5": "moved into independent living with formalised advice and support (e.g. hostels, foyers, care leavers projects)",
    E6 = "E6": "moved into independent living with no formalised advice or support (e.g. bedsit, own flat, with friends)",
    E7 = "E7": "transferred to residential care funded by adult social care services",
    E8 = "E8": "period of being looked after ceased for any other reason",
    E9 = "E9": "sentenced to custody",
});

impl ReasonEnded {
    /// Care ended in a way CPPCR 33(3)(e) asks no review before: home to a
    /// parent or a person with parental responsibility (E4A, E4B); an
    /// adoption, child arrangements or special guardianship order, which
    /// leaves a person with parental responsibility to provide the home
    /// (E11, E12, E41, E45-E48); death (E2); another authority taking the
    /// care over (E3); an age assessment finding an adult (E15).
    pub fn no_review_before_ceasing(self) -> bool {
        use ReasonEnded::*;
        matches!(
            self,
            E4A | E4B | E11 | E12 | E41 | E45 | E46 | E47 | E48 | E2 | E3 | E15
        )
    }
}

code_enum!(
    /// SSDA903 CIN: category of need.
    Need, "SSDA903 category of need (CIN)", {
    N1 = "N1": "abuse or neglect",
    N2 = "N2": "child's disability",
    N3 = "N3": "parental illness or disability",
    N4 = "N4": "family in acute stress",
    N5 = "N5": "family dysfunction",
    N6 = "N6": "socially unacceptable behaviour",
    N7 = "N7": "low income",
    N8 = "N8": "absent parenting",
    N9 = "N9": "cases other than children in need",
});

code_enum!(
    /// SSDA903 PLACE: placement type.
    Placement, "SSDA903 placement type (PLACE)", {
    A3 = "A3": "placed for adoption with parental consent with current foster carer(s)",
    A4 = "A4": "placed for adoption with parental consent not with current foster carer(s)",
    A5 = "A5": "placed for adoption with placement order with current foster carer(s)",
    A6 = "A6": "placed for adoption with placement order not with current foster carer(s)",
    H5 = "H5": "semi-independent living accommodation not subject to children's homes regulations",
    K1 = "K1": "secure children's home",
    K2 = "K2": "children's home subject to children's homes regulations",
    K3 = "K3": "registered supported accommodation (from 2025-26; 16 and 17 year olds)",
    P1 = "P1": "placed with own parent(s) or other person(s) with parental responsibility",
    P2 = "P2": "independent living, e.g. flat or lodgings",
    P3 = "P3": "residential employment",
    R1 = "R1": "residential care home",
    R2 = "R2": "NHS or health trust or other establishment providing medical or nursing care",
    R3 = "R3": "family centre or mother and baby unit",
    R5 = "R5": "young offender institution or prison",
    S1 = "S1": "all residential schools, except where dual-registered as a school and children's home",
    T0 = "T0": "temporary placement: all types",
    T1 = "T1": "temporary periods in hospital",
    T2 = "T2": "temporary absences of the child on holiday",
    T3 = "T3": "temporary accommodation whilst normal foster carer(s) is/are on holiday",
    T4 = "T4": "temporary accommodation of seven days or less",
    U1 = "U1": "foster placement with relative or friend, long term fostering",
    U2 = "U2": "foster placement with relative or friend who is also an approved adopter",
    U3 = "U3": "foster placement with relative or friend, not long term or FFA",
    U4 = "U4": "foster placement with other foster carer, long term fostering",
    U5 = "U5": "foster placement with other foster carer who is also an approved adopter (FFA)",
    U6 = "U6": "foster placement with other foster carer, not long term or FFA",
    Z1 = "Z1": "other placements",
    Z11 = "Z11": "other placements: unregistered children's home (from 2025-26)",
    Z12 = "Z12": "other placements: unregistered supported accommodation (from 2025-26)",
    Z13 = "Z13": "other placements: unregulated setting (from 2025-26)",
    Z14 = "Z14": "other placements: any other placement (from 2025-26)",
});

impl Placement {
    /// Placed for adoption (A3-A6): the adoption review timescale applies.
    pub fn is_adoption(self) -> bool {
        matches!(
            self,
            Placement::A3 | Placement::A4 | Placement::A5 | Placement::A6
        )
    }
}

code_enum!(
    /// SSDA903 PLACE_PROVIDER.
    Provider, "SSDA903 placement provider (PLACE_PROVIDER)", {
    PR0 = "PR0": "parent(s) or other person(s) with parental responsibility",
    PR1 = "PR1": "own provision by the local authority",
    PR2 = "PR2": "other local authority provision",
    PR3 = "PR3": "other public provision",
    PR4 = "PR4": "private provision",
    PR5 = "PR5": "voluntary or third sector provision",
});

code_enum!(
    /// SSDA903 REASON_PLACE_CHANGE.
    PlaceChange, "SSDA903 reason for placement change (REASON_PLACE_CHANGE)", {
    CARPL = "CARPL": "change to the care plan",
    CLOSE = "CLOSE": "provider closed or deregistered",
    ALLEG = "ALLEG": "allegation against the carer",
    STAND = "STAND": "standards of care concern",
    APPRR = "APPRR": "approval of carer removed",
    CREQB = "CREQB": "carer requests the placement ends due to the child's behaviour",
    CREQO = "CREQO": "carer requests the placement ends for other reasons",
    CHILD = "CHILD": "child requests the placement ends",
    LAREQ = "LAREQ": "responsible authority requests the placement ends",
    PLACE = "PLACE": "change in the status of the placement only",
    CUSTOD = "CUSTOD": "custody arrangement",
    OTHER = "OTHER": "other",
});

code_enum!(
    /// SSDA903 REVIEW_CODE: the child's participation in a review.
    Participation, "SSDA903 participation code (REVIEW_CODE)", {
    PN0 = "PN0": "child under 4 at the time of the review",
    PN1 = "PN1": "attended and spoke for themselves",
    PN2 = "PN2": "attended, an advocate spoke for them",
    PN3 = "PN3": "attended, conveyed views non-verbally",
    PN4 = "PN4": "attended, did not convey views",
    PN5 = "PN5": "did not attend, briefed an advocate",
    PN6 = "PN6": "did not attend, views conveyed by a facilitative medium",
    PN7 = "PN7": "did not attend, views not conveyed",
});

impl Participation {
    /// PN1-PN6: the child participated.
    pub fn participated(self) -> bool {
        !matches!(self, Participation::PN0 | Participation::PN7)
    }
}

code_enum!(
    /// SSDA903 ETHNIC.
    Ethnicity, "SSDA903 ethnicity (ETHNIC)", {
    WBRI = "WBRI": "White British",
    WIRI = "WIRI": "White Irish",
    WIRT = "WIRT": "Traveller of Irish heritage",
    WOTH = "WOTH": "any other White background",
    WROM = "WROM": "Gypsy/Roma",
    MWBC = "MWBC": "White and Black Caribbean",
    MWBA = "MWBA": "White and Black African",
    MWAS = "MWAS": "White and Asian",
    MOTH = "MOTH": "any other mixed background",
    AIND = "AIND": "Indian",
    APKN = "APKN": "Pakistani",
    ABAN = "ABAN": "Bangladeshi",
    AOTH = "AOTH": "any other Asian background",
    BCRB = "BCRB": "Caribbean",
    BAFR = "BAFR": "African",
    BOTH = "BOTH": "any other Black background",
    CHNE = "CHNE": "Chinese",
    OOTH = "OOTH": "any other ethnic group",
    REFU = "REFU": "refused",
    NOBT = "NOBT": "information not yet obtained",
});

code_enum!(
    /// Sex as recorded (SSDA903 SEX 1 = M, 2 = F).
    Sex, "sex (M or F)", {
    M = "M": "male (SSDA903 1)",
    F = "F": "female (SSDA903 2)",
});

impl Sex {
    /// The SSDA903 SEX value.
    pub fn ssda903(self) -> u8 {
        match self {
            Sex::M => 1,
            Sex::F => 2,
        }
    }
}

code_enum!(
    /// Kind of review.
    ReviewKind, "review kind", {
    Cla = "cla": "looked-after child review (CPPCR reg 33)",
    Pathway = "pathway": "pathway plan review for a care leaver",
});

code_enum!(
    /// Whether the child chaired their own review.
    ChairedBy, "chaired_by_child", {
    None = "none": "the IRO chaired",
    CoChair = "co-chair": "the child co-chaired",
    Chair = "chair": "the child chaired",
});

code_enum!(
    /// Parties sent consultation forms.
    Party, "consultation party", {
    Child = "child": "the child or young person",
    Parent = "parent": "parents",
    Carer = "carer": "carers",
    Health = "health": "health professionals",
    Education = "education": "education professionals",
    Other = "other": "other professionals (e.g. Cafcass guardian)",
});

code_enum!(
    /// Permanence options.
    Permanence, "permanence option", {
    ReturnHome = "return-home": "return home",
    Adoption = "adoption": "adoption",
    Sgo = "sgo": "special guardianship",
    ChildArrangements = "child-arrangements": "child arrangements order",
    LongTermFostering = "long-term-fostering": "long-term fostering",
    Kinship = "kinship": "kinship care",
    Residential = "residential": "residential care",
    Independence = "independence": "independence",
});

code_enum!(
    /// Kinds of plan.
    PlanKind, "plan kind", {
    Care = "care": "care plan",
    Pathway = "pathway": "pathway plan",
    Placement = "placement": "placement plan",
    Permanence = "permanence": "permanence plan",
});

code_enum!(
    /// Kinds of alert.
    AlertKind, "alert kind", {
    PracticeAlert = "practice-alert": "practice alert",
    GoodPractice = "good-practice": "good practice notification",
});

code_enum!(
    /// Escalation stages, in order.
    Stage, "alert stage", {
    Informal = "informal": "informal resolution with the team manager",
    Drp1 = "drp1": "dispute resolution stage 1 (team or service manager)",
    Drp2 = "drp2": "dispute resolution stage 2 (head of service)",
    Drp3 = "drp3": "dispute resolution stage 3 (director)",
    Cafcass = "cafcass": "referral to Cafcass",
});

impl Stage {
    /// A formal stage of the dispute resolution process (drp1 or higher).
    pub fn is_formal(self) -> bool {
        self != Stage::Informal
    }
}

code_enum!(
    /// How the IRO was in touch between reviews.
    ContactHow, "contact method", {
    Visit = "visit": "visit",
    Phone = "phone": "phone call",
    Text = "text": "text message",
    Video = "video": "video call",
    Letter = "letter": "letter",
    MidwayCheck = "midway-check": "midway check",
});

code_enum!(
    /// Who the IRO was in touch with.
    ContactWith, "contact with", {
    Child = "child": "the child",
    SocialWorker = "social-worker": "the social worker",
    Carer = "carer": "the carer",
    Parent = "parent": "a parent",
});

code_enum!(
    /// Meetings an IRO chairs besides reviews.
    MeetingKind, "meeting kind", {
    Disruption = "disruption": "disruption meeting",
    Stability = "stability": "stability meeting",
    MissingTrigger = "missing-trigger": "missing-from-care trigger meeting",
});

/// A code list by the anchor of its section in docs/records.md (as the field
/// tables link to it): its name and its codes. The test
/// `fields::tests::every_link_resolves` checks every link has one.
pub fn by_anchor(anchor: &str) -> Option<(&'static str, Vec<&'static str>)> {
    fn list<T: CodeList>() -> (&'static str, Vec<&'static str>) {
        (T::NAME, T::codes())
    }
    Some(match anchor {
        "ls-legal-status" => list::<LegalStatus>(),
        "rne-reason-for-new-episode" => list::<ReasonNew>(),
        "rec-reason-episode-ceased" => list::<ReasonEnded>(),
        "cin-category-of-need" => list::<Need>(),
        "place-placement-type" => list::<Placement>(),
        "place_provider-placement-provider" => list::<Provider>(),
        "reason_place_change-reason-for-placement-change" => list::<PlaceChange>(),
        "review_code-participation-in-a-review" => list::<Participation>(),
        "ethnic-ethnicity" => list::<Ethnicity>(),
        "sex" => list::<Sex>(),
        "review-kind" => list::<ReviewKind>(),
        "chaired-by-the-child" => list::<ChairedBy>(),
        "consultation-party" => list::<Party>(),
        "permanence-option" => list::<Permanence>(),
        "plan-kind" => list::<PlanKind>(),
        "alert-kind" => list::<AlertKind>(),
        "alert-stage" => list::<Stage>(),
        "contact-method" => list::<ContactHow>(),
        "contact-with" => list::<ContactWith>(),
        "meeting-kind" => list::<MeetingKind>(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_every_code() {
        for c in LegalStatus::ALL {
            assert_eq!(LegalStatus::parse(c.code()), Some(*c));
        }
        for c in ReasonEnded::ALL {
            assert_eq!(ReasonEnded::parse(c.code()), Some(*c));
        }
        assert_eq!(Participation::parse("PN8"), None);
        assert!(Participation::PN3.participated());
        assert!(!Participation::PN7.participated());
        assert!(Placement::A5.is_adoption());
        assert!(!Placement::U4.is_adoption());
        assert!(Stage::Drp1 > Stage::Informal && Stage::Cafcass > Stage::Drp3);
    }
}
