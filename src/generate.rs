//! `iro generate`: a deterministic generator of fictional IRO service records.
//!
//! It writes a whole records repository (see `spec/records.md`): `iro.toml`, the IROs,
//! and for every child `child.yaml`, reviews, plans, alerts, contacts and meetings.
//! Everything is fictional: names are drawn from the generator's own lists, the
//! council is made up, e-mail addresses use the `.example` domain and phone numbers
//! are from Ofcom's drama range (01632 960000-960999).
//!
//! Determinism: every random choice comes from `ChaCha8Rng` seeded from
//! `GenOptions::seed`: stream 0 for the service (IROs, allocations), and for child
//! number `i` stream `4 * i + 1` (its life: periods of care, episodes) and stream
//! `4 * i + 2` (its records). Children are written in parallel, but each child's files
//! depend only on the seed, the options and the child's number, so the same options
//! give byte-identical output. No clock is read; no hash map order reaches the output.
//!
//! File names: a review is `reviews/<date>.md` (the last meeting of a series), a
//! plan `plans/<date>-<kind>.md`, an alert `alerts/<date>-<theme>.md`, a contact
//! `contacts/<date>.yaml`, a meeting `meetings/<date>.yaml`. The generator never
//! puts two records of one folder on the same date (it moves the later one to the
//! next working day); if it ever had to, the scheme is `<date>-2`, `<date>-3`, ...
//!
//! Fields beyond the examples in `records.md` that the generator writes:
//! `late_reason` on every review held after its due date, and `cover: true` on a
//! review chaired by an IRO other than the allocated one.

use crate::calendar::{self, Calendar};
use chrono::{Datelike, Duration, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;

type D = NaiveDate;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// Children to generate (each is involved with the service at some point in the years covered).
    pub children: usize,
    /// Reporting years of activity, ending with the one that contains `end`.
    pub years: u32,
    pub seed: u64,
    /// Last day covered: no date in the output is later.
    pub end: NaiveDate,
    /// e.g. "Northdale Council Independent Reviewing Service".
    pub service_name: String,
    /// e.g. "Northdale".
    pub short_name: String,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            children: 250,
            years: 4,
            seed: 2026,
            end: NaiveDate::from_ymd_opt(2026, 3, 31).expect("valid date"),
            service_name: "Northdale Council Independent Reviewing Service".to_string(),
            short_name: "Northdale".to_string(),
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenSummary {
    pub files: usize,
    pub children: usize,
    /// Review files (held and stood down, cla and pathway).
    pub reviews: usize,
}

/// Generate a records repository into `dir`, which must be missing or empty.
pub fn generate(opts: &GenOptions, dir: &std::path::Path) -> Result<GenSummary, String> {
    generate_with_stats(opts, dir).map(|(s, _)| s)
}

/// Per reporting year (start year, e.g. 2025 for 2025-26): held reviews and late ones.
#[derive(Debug, Clone, Default)]
pub(crate) struct GenStats {
    pub held: BTreeMap<i32, (usize, usize)>,
}

pub(crate) fn generate_with_stats(
    opts: &GenOptions,
    dir: &std::path::Path,
) -> Result<(GenSummary, GenStats), String> {
    if opts.children == 0 {
        return Err("--children must be at least 1".into());
    }
    if opts.years == 0 || opts.years > 40 {
        return Err("--years must be between 1 and 40".into());
    }
    if opts.end.year() < 1950 || opts.end.year() > 2200 {
        return Err(format!("end date {} is out of range", opts.end));
    }
    if opts.short_name.trim().is_empty() || opts.service_name.trim().is_empty() {
        return Err("the service name and short name must not be empty".into());
    }
    match std::fs::read_dir(dir) {
        Ok(mut it) => {
            if it.next().is_some() {
                return Err(format!(
                    "{} is not empty: generate writes only into a new or empty folder",
                    dir.display()
                ));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot read {}: {e}", dir.display())),
    }
    // Write into a staging folder beside `dir` and move it into place at the end, so
    // that a failure leaves no half-written repository behind.
    let staging = match (dir.parent(), dir.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                parent
            };
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            Some(parent.join(format!(
                ".{}.generating-{}",
                name.to_string_lossy(),
                std::process::id()
            )))
        }
        _ => None,
    };
    let target = staging.as_deref().unwrap_or(dir);
    if staging.is_some() && target.exists() {
        std::fs::remove_dir_all(target)
            .map_err(|e| format!("cannot clear {}: {e}", target.display()))?;
    }
    let result = write_all(opts, target);
    match (&result, &staging) {
        (Ok(_), Some(st)) => {
            if dir.exists() {
                std::fs::remove_dir(dir)
                    .map_err(|e| format!("cannot replace {}: {e}", dir.display()))?;
            }
            std::fs::rename(st, dir).map_err(|e| {
                let _ = std::fs::remove_dir_all(st);
                format!(
                    "cannot move the generated records into {}: {e}",
                    dir.display()
                )
            })?;
        }
        (Err(_), Some(st)) => {
            let _ = std::fs::remove_dir_all(st);
        }
        _ => {}
    }
    result
}

fn write_all(opts: &GenOptions, dir: &std::path::Path) -> Result<(GenSummary, GenStats), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let world = World::plan(opts);
    let mut files = 0usize;
    let mut top = vec![("iro.toml".to_string(), world.iro_toml())];
    for (i, iro) in world.iros.iter().enumerate() {
        top.push((format!("iros/{}.yaml", iro.id), world.iro_yaml(i)));
    }
    std::fs::create_dir_all(dir.join("iros"))
        .map_err(|e| format!("cannot create {}: {e}", dir.join("iros").display()))?;
    for (rel, text) in &top {
        write_file(dir, rel, text)?;
        files += 1;
    }
    std::fs::create_dir_all(dir.join("children"))
        .map_err(|e| format!("cannot create {}: {e}", dir.join("children").display()))?;
    let results: Vec<Result<(usize, usize, GenStats), String>> = (0..world.lives.len())
        .into_par_iter()
        .map(|i| {
            let out = world.render_child(i);
            let base = format!("children/{}", world.child_id(i));
            let mut made: Vec<&str> = Vec::new();
            for (rel, _) in &out.files {
                let sub = rel.rsplit_once('/').map(|(a, _)| a).unwrap_or("");
                if !made.contains(&sub) {
                    let p = if sub.is_empty() {
                        dir.join(&base)
                    } else {
                        dir.join(&base).join(sub)
                    };
                    std::fs::create_dir_all(&p)
                        .map_err(|e| format!("cannot create {}: {e}", p.display()))?;
                    made.push(sub);
                }
            }
            for (rel, text) in &out.files {
                write_file(dir, &format!("{base}/{rel}"), text)?;
            }
            Ok((out.files.len(), out.reviews, out.stats))
        })
        .collect();
    let mut summary = GenSummary {
        files,
        children: world.lives.len(),
        reviews: 0,
    };
    let mut stats = GenStats::default();
    for r in results {
        let (f, rv, st) = r?;
        summary.files += f;
        summary.reviews += rv;
        for (y, (h, l)) in st.held {
            let e = stats.held.entry(y).or_default();
            e.0 += h;
            e.1 += l;
        }
    }
    Ok((summary, stats))
}

fn write_file(dir: &std::path::Path, rel: &str, text: &str) -> Result<(), String> {
    let p = dir.join(rel);
    std::fs::write(&p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))
}

// ---------------------------------------------------------------------------------
// Randomness and dates

struct Rng(ChaCha8Rng);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = ChaCha8Rng::seed_from_u64(seed);
        r.set_stream(stream);
        Rng(r)
    }
    /// Uniform integer in lo..=hi (lo when hi < lo).
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            self.0.random_range(lo..=hi)
        }
    }
    fn unit(&mut self) -> f64 {
        self.0.random::<f64>()
    }
    fn p(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// One of a list of words.
    fn pk(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.int(0, xs.len() as i64 - 1) as usize]
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.int(0, xs.len() as i64 - 1) as usize]
    }
    fn w<T: Copy>(&mut self, xs: &[(T, u32)]) -> T {
        let total: u32 = xs.iter().map(|x| x.1).sum();
        let mut n = self.int(0, total as i64 - 1) as u32;
        for &(v, wt) in xs {
            if n < wt {
                return v;
            }
            n -= wt;
        }
        xs[xs.len() - 1].0
    }
    /// Pick `n` distinct items (order of the list kept).
    fn some<'a, T>(&mut self, xs: &'a [T], n: usize) -> Vec<&'a T> {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        for i in 0..idx.len() {
            let j = self.int(i as i64, idx.len() as i64 - 1) as usize;
            idx.swap(i, j);
        }
        let mut chosen: Vec<usize> = idx.into_iter().take(n.min(xs.len())).collect();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| &xs[i]).collect()
    }
    fn date_in(&mut self, a: D, b: D) -> D {
        a + days(self.int(0, (b - a).num_days()))
    }
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

fn ymd(y: i32, m: u32, d: u32) -> D {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Shared, read-only context: calendar and the reporting window.
struct Ctx {
    cal: Calendar,
    end: D,
    /// 1 April of the first reporting year covered.
    ry0: D,
    years: u32,
}

impl Ctx {
    fn new(opts: &GenOptions) -> Ctx {
        let e = opts.end;
        let cur = if e.month() >= 4 {
            e.year()
        } else {
            e.year() - 1
        };
        Ctx {
            cal: Calendar::england_and_wales(),
            end: e,
            ry0: ymd(cur - (opts.years as i32 - 1), 4, 1),
            years: opts.years,
        }
    }
    /// The `n`th working day after `d` (d itself when n <= 0).
    fn awd(&self, d: D, n: i64) -> D {
        if n <= 0 {
            d
        } else {
            self.cal.add_working_days(d, n as u32)
        }
    }
    fn wd_after(&self, mut d: D) -> D {
        while !self.cal.is_working_day(d) {
            d += days(1);
        }
        d
    }
    fn wd_before(&self, mut d: D) -> D {
        while !self.cal.is_working_day(d) {
            d -= days(1);
        }
        d
    }
    fn ryear(d: D) -> i32 {
        if d.month() >= 4 {
            d.year()
        } else {
            d.year() - 1
        }
    }
    /// 0 for the first reporting year covered, years-1 for the last; negative before.
    fn year_idx(&self, d: D) -> i32 {
        Self::ryear(d) - self.ry0.year()
    }
    /// 0.0 in the first reporting year (and before), 1.0 in the last.
    fn progress(&self, d: D) -> f64 {
        if self.years <= 1 {
            return 1.0;
        }
        (self.year_idx(d).max(0) as f64 / (self.years - 1) as f64).min(1.0)
    }
    /// Chance that a review due on `d` is held late (before stand-downs): the story is
    /// about 17% late in the oldest reporting year, improving to about 6% in the latest.
    fn late_p(&self, d: D) -> f64 {
        let t = self.progress(d);
        // reviews due late in the last year are partly still to be held at the end, which
        // would flatter that year; a little more lateness there keeps the story even
        let last = if self.year_idx(d) >= self.years as i32 - 1 {
            0.012
        } else {
            0.0
        };
        let target = 0.19 - 0.13 * t + last;
        (target - self.stand_down_p(d) * 0.7).max(0.01)
    }
    fn stand_down_p(&self, d: D) -> f64 {
        0.032 - 0.014 * self.progress(d)
    }
}

fn age_on(dob: D, on: D) -> i32 {
    calendar::age_on(dob, on)
}
fn bday(dob: D, age: i32) -> D {
    calendar::birthday(dob, age)
}
fn add_months(d: D, n: u32) -> D {
    calendar::add_months(d, n)
}

/// YAML double-quoted string.
fn q(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            _ => o.push(c),
        }
    }
    o.push('"');
    o
}

fn opt_date(d: Option<D>) -> String {
    match d {
        Some(d) => d.to_string(),
        None => "null".into(),
    }
}

/// Insert `d` into `taken`, moving it to the next working day (never past `cap`,
/// backwards then) while the day is taken. Returns the date used.
fn claim(ctx: &Ctx, taken: &mut Vec<D>, d: D, cap: D) -> Option<D> {
    let mut x = d;
    while taken.contains(&x) {
        x = ctx.wd_after(x + days(1));
    }
    if x > cap {
        x = d;
        while taken.contains(&x) || x > cap {
            x -= days(1);
        }
    }
    if taken.contains(&x) {
        return None;
    }
    taken.push(x);
    Some(x)
}

// ---------------------------------------------------------------------------------
// Name lists (fictional combinations; no real person is meant)

const BOYS: &[&str] = &[
    "Oliver",
    "Jack",
    "Harry",
    "George",
    "Noah",
    "Charlie",
    "Jacob",
    "Alfie",
    "Freddie",
    "Oscar",
    "Leo",
    "Logan",
    "Archie",
    "Theo",
    "Thomas",
    "James",
    "Joshua",
    "Henry",
    "William",
    "Max",
    "Lucas",
    "Ethan",
    "Arthur",
    "Mason",
    "Isaac",
    "Harrison",
    "Teddy",
    "Finley",
    "Daniel",
    "Riley",
    "Edward",
    "Joseph",
    "Samuel",
    "Alexander",
    "Dylan",
    "Reggie",
    "Tyler",
    "Kai",
    "Liam",
    "Jayden",
    "Callum",
    "Connor",
    "Kieran",
    "Lewis",
    "Ryan",
    "Jordan",
    "Bailey",
    "Ellis",
    "Rory",
    "Toby",
    "Benjamin",
    "Matthew",
    "Nathan",
    "Owen",
    "Caleb",
    "Jude",
    "Ronnie",
    "Frankie",
    "Louie",
    "Tommy",
    "Ibrahim",
    "Yusuf",
    "Zain",
    "Ayaan",
    "Hamza",
    "Rayyan",
    "Arjun",
    "Rohan",
    "Aarav",
    "Kabir",
    "Kwame",
    "Tobi",
    "Emeka",
    "Malachi",
    "Jaden",
    "Marcus",
    "Tyrese",
    "Andre",
    "Kofi",
    "Femi",
    "Jakub",
    "Filip",
    "Dawid",
    "Mateusz",
    "Luca",
    "Marius",
    "Andrei",
    "Tomas",
    "Darius",
    "Nico",
];
const GIRLS: &[&str] = &[
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Isabella",
    "Rosie",
    "Sophia",
    "Grace",
    "Freya",
    "Willow",
    "Florence",
    "Emily",
    "Ella",
    "Poppy",
    "Evie",
    "Elsie",
    "Charlotte",
    "Evelyn",
    "Sienna",
    "Daisy",
    "Phoebe",
    "Sophie",
    "Ruby",
    "Millie",
    "Harper",
    "Matilda",
    "Ellie",
    "Chloe",
    "Jessica",
    "Megan",
    "Holly",
    "Lacey",
    "Paige",
    "Courtney",
    "Kayla",
    "Leah",
    "Summer",
    "Abigail",
    "Madison",
    "Katie",
    "Lauren",
    "Niamh",
    "Erin",
    "Caitlin",
    "Keira",
    "Tia",
    "Amber",
    "Maisie",
    "Scarlett",
    "Lola",
    "Bella",
    "Esme",
    "Hallie",
    "Mollie",
    "Skye",
    "Zara",
    "Layla",
    "Amira",
    "Aisha",
    "Maryam",
    "Zainab",
    "Inaya",
    "Hafsa",
    "Anaya",
    "Priya",
    "Simran",
    "Riya",
    "Amara",
    "Zuri",
    "Nia",
    "Imani",
    "Adaeze",
    "Chioma",
    "Esi",
    "Kemi",
    "Ama",
    "Tiwa",
    "Zuzanna",
    "Maja",
    "Alicja",
    "Natalia",
    "Oliwia",
    "Elena",
    "Ioana",
    "Daria",
    "Emilia",
    "Lena",
];
/// Names for young people who came to the country alone (boys are most of them).
const UASC_BOYS: &[&str] = &[
    "Ahmad", "Mohammed", "Omid", "Farid", "Hamid", "Jawad", "Samir", "Karim", "Yonas", "Dawit",
    "Tesfay", "Filmon", "Abel", "Merhawi", "Aram", "Rebwar", "Soran", "Dilan", "Ali", "Reza",
    "Hassan", "Idris", "Mustafa", "Ardit", "Erion", "Klevis", "Besnik", "Abdi", "Yusuf", "Bilal",
];
const UASC_GIRLS: &[&str] = &[
    "Selam", "Helen", "Senait", "Meron", "Mahsa", "Zahra", "Shirin", "Nasrin", "Ayan", "Hodan",
];
const SURNAMES: &[&str] = &[
    "Ashworth",
    "Baxter",
    "Bramley",
    "Brennan",
    "Calloway",
    "Carver",
    "Chadwick",
    "Clegg",
    "Colville",
    "Crossley",
    "Dalby",
    "Denholm",
    "Dunmore",
    "Eastwood",
    "Ellery",
    "Fairbrother",
    "Farrow",
    "Fenwick",
    "Fletcher",
    "Garside",
    "Gledhill",
    "Goodwin",
    "Halliday",
    "Harker",
    "Haworth",
    "Hebden",
    "Holroyd",
    "Horsfall",
    "Ibbotson",
    "Kershaw",
    "Kirkby",
    "Lambert",
    "Lister",
    "Lockwood",
    "Marsden",
    "Midgley",
    "Naylor",
    "Nuttall",
    "Oldroyd",
    "Pickles",
    "Priestley",
    "Ramsden",
    "Redfern",
    "Rowntree",
    "Sagar",
    "Sedgwick",
    "Shackleton",
    "Stansfield",
    "Sutcliffe",
    "Thackray",
    "Tordoff",
    "Utley",
    "Wadsworth",
    "Walmsley",
    "Whiteley",
    "Wilkinson",
    "Womersley",
    "Yeadon",
    "Ackroyd",
    "Bentley",
    "Collins",
    "Murphy",
    "Kelly",
    "Doyle",
    "Quinn",
    "Byrne",
    "Walsh",
    "Gallagher",
    "Reilly",
    "Duffy",
    "Hussain",
    "Ahmed",
    "Begum",
    "Patel",
    "Iqbal",
    "Mahmood",
    "Akhtar",
    "Chaudhry",
    "Rahman",
    "Sharma",
    "Okafor",
    "Mensah",
    "Adeyemi",
    "Boateng",
    "Owusu",
    "Campbell",
    "Francis",
    "Grant",
    "Morgan",
    "Clarke",
    "Kowalczyk",
    "Nowak",
    "Wozniak",
    "Popescu",
    "Ionescu",
    "Petrov",
    "Novak",
    "Kaminski",
    "Horvat",
    "Varga",
];
const UASC_SURNAMES: &[&str] = &[
    "Ahmadzai",
    "Rahimi",
    "Karimi",
    "Haidari",
    "Tesfaye",
    "Gebremedhin",
    "Haile",
    "Tekle",
    "Mohammadi",
    "Rostami",
    "Hoxha",
    "Berisha",
    "Krasniqi",
    "Abdullahi",
    "Osman",
    "Warsame",
    "Salih",
    "Jaff",
    "Barzani",
    "Omar",
];
const ADULT_FIRST: &[&str] = &[
    "Sam",
    "Jo",
    "Chris",
    "Alex",
    "Nicola",
    "Gemma",
    "Rachel",
    "Claire",
    "Helen",
    "Sarah",
    "Joanne",
    "Lisa",
    "Kerry",
    "Donna",
    "Dawn",
    "Karen",
    "Angela",
    "Michelle",
    "Louise",
    "Emma",
    "Mark",
    "Paul",
    "Darren",
    "Lee",
    "Gary",
    "Martin",
    "Stuart",
    "Neil",
    "Craig",
    "Adam",
    "Farah",
    "Nadia",
    "Shabana",
    "Rukhsana",
    "Imran",
    "Tariq",
    "Asif",
    "Bilkis",
    "Sunita",
    "Deepa",
    "Grace",
    "Blessing",
    "Funmi",
    "Yaw",
    "Dele",
    "Marcia",
    "Desmond",
    "Paulette",
    "Winston",
    "Hyacinth",
    "Agnieszka",
    "Marta",
    "Piotr",
    "Ewa",
    "Tomasz",
    "Bogdan",
    "Irina",
    "Mirela",
    "Zoltan",
    "Katya",
];
const IRO_FIRST: &[&str] = &[
    "Priya",
    "Bernadette",
    "Caroline",
    "Deborah",
    "Fiona",
    "Gillian",
    "Hannah",
    "Judith",
    "Kathryn",
    "Lorraine",
    "Maureen",
    "Naomi",
    "Pauline",
    "Rosalind",
    "Sandra",
    "Tessa",
    "Yvonne",
    "Anthony",
    "Brian",
    "Clive",
    "Dominic",
    "Graham",
    "Hugh",
    "Ian",
    "Kevin",
    "Malcolm",
    "Nigel",
    "Raymond",
    "Simon",
    "Trevor",
    "Ayesha",
    "Jaswinder",
    "Kiran",
    "Nasreen",
    "Olu",
    "Ngozi",
    "Sylvia",
    "Monica",
    "Joyce",
    "Estelle",
];
const NICK: &[(&str, &str)] = &[
    ("Alexander", "Alex"),
    ("William", "Will"),
    ("Oliver", "Ollie"),
    ("Thomas", "Tom"),
    ("Joshua", "Josh"),
    ("Samuel", "Sammy"),
    ("Daniel", "Danny"),
    ("Jacob", "Jake"),
    ("Benjamin", "Ben"),
    ("Isabella", "Bella"),
    ("Olivia", "Liv"),
    ("Charlotte", "Lottie"),
    ("Jessica", "Jess"),
    ("Abigail", "Abi"),
    ("Madison", "Maddie"),
    ("Matthew", "Matty"),
    ("Edward", "Eddie"),
    ("Joseph", "Joe"),
    ("Nathan", "Nate"),
    ("Florence", "Flo"),
    ("Mohammed", "Mo"),
    ("Katie", "Kat"),
    ("Evelyn", "Evie"),
    ("Frankie", "Frankie"),
    ("Caitlin", "Cait"),
];
const HOBBIES: &[&str] = &[
    "football club",
    "swimming lessons",
    "dance class",
    "drama club",
    "gymnastics",
    "boxing club",
    "cricket club",
    "rugby club",
    "Scouts",
    "Brownies",
    "art club",
    "music lessons",
    "karate",
    "the youth club",
    "cooking club",
    "riding lessons",
    "climbing club",
    "basketball club",
];
const YOUNG_FUN: &[&str] = &[
    "playing in the park",
    "painting",
    "your bike",
    "building with blocks",
    "stories at bedtime",
    "the swings",
    "dinosaurs",
    "singing songs",
    "playing with your toy cars",
    "baking cakes",
    "dressing up",
    "bubbles",
];

// ---------------------------------------------------------------------------------
// A child's life with the service: periods of care (SSDA903 episodes), care leaving

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Route {
    ReturnHome,
    Adoption,
    Sgo,
    LongTerm,
    Teen,
    Remand,
    ShortBreaks,
}

#[derive(Clone, Debug)]
struct Ep {
    start: D,
    rne: &'static str,
    ls: &'static str,
    place: &'static str,
    prov: &'static str,
    end: Option<D>,
    rec: Option<&'static str>,
    rpc: Option<&'static str>,
}

#[derive(Clone, Debug)]
struct Period {
    start: D,
    end: Option<D>,
    eps: Vec<Ep>,
    need: &'static str,
    path: Route,
    perm: &'static str,
    contingency: &'static str,
    /// Dates of unplanned moves (disruption meetings may follow).
    unplanned: Vec<D>,
}

impl Period {
    fn ep_at(&self, d: D) -> &Ep {
        let mut cur = &self.eps[0];
        for e in &self.eps {
            if e.start <= d {
                cur = e;
            }
        }
        cur
    }
    /// Starts of placements for adoption (A3-A6 after a placement that was not).
    fn adoption_anchors(&self) -> Vec<D> {
        let mut out = Vec::new();
        let mut prev_adopt = false;
        for e in &self.eps {
            let a = matches!(e.place, "A3" | "A4" | "A5" | "A6");
            if a && !prev_adopt {
                out.push(e.start);
            }
            prev_adopt = a;
        }
        out
    }
    /// Days the agency gains authority to place for adoption (a placement
    /// order, E1, after another legal status) while the child is not placed.
    fn authority_anchors(&self) -> Vec<D> {
        let mut out = Vec::new();
        let mut prev_e1 = false;
        for e in &self.eps {
            let e1 = e.ls == "E1";
            if e1 && !prev_e1 && !matches!(e.place, "A3" | "A4" | "A5" | "A6") {
                out.push(e.start);
            }
            prev_e1 = e1;
        }
        out
    }
    fn short_breaks(&self) -> bool {
        self.path == Route::ShortBreaks
    }
}

#[derive(Clone, Debug)]
struct Life {
    dob: D,
    sex: char,
    uasc: bool,
    periods: Vec<Period>,
    /// Date the young person left care as an eligible child: pathway reviews follow to 21.
    leaver: Option<D>,
    /// Date an eligible young person of 16 or 17 went home to a parent (E4A,
    /// E4B): relevant, with pathway reviews, for six months at home (CLR 3).
    home_leaver: Option<D>,
    /// Eligible (16+, 13 weeks looked after since 14) while still looked after, from this date.
    eligible_from: Option<D>,
    /// Whether the service also holds separate pathway plan reviews for eligible 16/17s.
    pathway_in_care: bool,
    /// Allocation segments: involvement with the IRO service (None: still at the end).
    segs: Vec<(D, Option<D>)>,
    service: &'static str,
}

impl Life {
    fn involved_at(&self, d: D) -> bool {
        self.segs
            .iter()
            .any(|&(a, b)| a <= d && b.is_none_or(|b| d < b))
    }
    fn period_at(&self, d: D) -> Option<&Period> {
        self.periods
            .iter()
            .find(|p| p.start <= d && p.end.is_none_or(|e| d < e))
    }
}

enum Ev {
    Legal(&'static str),
    Move {
        place: &'static str,
        prov: &'static str,
        same: bool,
        rpc: &'static str,
    },
}

fn foster_prov(r: &mut Rng) -> &'static str {
    r.w(&[("PR1", 72), ("PR4", 22), ("PR5", 4), ("PR2", 2)])
}
fn res_prov(r: &mut Rng) -> &'static str {
    r.w(&[("PR4", 62), ("PR1", 28), ("PR5", 10)])
}
fn prov_for(r: &mut Rng, place: &'static str) -> &'static str {
    match place {
        "P1" => "PR0",
        "K2" | "H5" => res_prov(r),
        "R1" | "S1" => r.w(&[("PR3", 30), ("PR4", 50), ("PR5", 20)]),
        "K1" => r.w(&[("PR1", 50), ("PR2", 50)]),
        "A5" | "A6" | "A3" | "A4" => r.w(&[("PR1", 65), ("PR5", 25), ("PR2", 10)]),
        _ => foster_prov(r),
    }
}
fn first_place(r: &mut Rng, age: i32) -> &'static str {
    if age < 11 {
        r.w(&[("U6", 72), ("U3", 26), ("K2", 2)])
    } else if age < 16 {
        r.w(&[("U6", 58), ("U3", 14), ("K2", 28)])
    } else {
        r.w(&[("U6", 40), ("K2", 20), ("H5", 35), ("U3", 5)])
    }
}
fn next_place(r: &mut Rng, age: i32, cur: &str) -> &'static str {
    loop {
        let p = if age < 11 {
            r.w(&[("U6", 80), ("U3", 12), ("U4", 6), ("K2", 2)])
        } else if age < 16 {
            r.w(&[("U6", 50), ("K2", 35), ("U3", 8), ("U4", 7)])
        } else {
            r.w(&[("U6", 25), ("K2", 25), ("H5", 45), ("U3", 5)])
        };
        // a move to the same type is fine (new carers), except kin to kin
        if !(p == cur && p == "U3") {
            return p;
        }
    }
}
fn unplanned_reason(r: &mut Rng) -> &'static str {
    r.w(&[
        ("CREQB", 26),
        ("CREQO", 20),
        ("CHILD", 16),
        ("LAREQ", 9),
        ("PLACE", 8),
        ("CLOSE", 6),
        ("ALLEG", 6),
        ("STAND", 4),
        ("APPRR", 2),
        ("OTHER", 3),
    ])
}
fn leaving_rec(r: &mut Rng, place: &str, need: &str) -> &'static str {
    if need == "N2" && r.p(0.3) {
        return "E7";
    }
    if place.starts_with('U') {
        r.w(&[("E17", 36), ("E5", 34), ("E8", 20), ("E6", 10)])
    } else {
        r.w(&[("E5", 58), ("E8", 28), ("E6", 14)])
    }
}

/// Days looked after (not short breaks) from the 14th birthday up to `upto`, over `periods`.
/// The first day a young person who went home on `end` (the episode's last
/// day in care) has lived there six months: no longer relevant (CLR 3).
fn home_settled(end: D) -> D {
    add_months(end + days(1), 6)
}

fn days_since_14(periods: &[Period], dob: D, upto: D) -> i64 {
    let b14 = bday(dob, 14);
    let mut n = 0;
    for p in periods {
        if p.short_breaks() {
            continue;
        }
        let a = p.start.max(b14);
        let b = p.end.unwrap_or(upto).min(upto);
        if b > a {
            n += (b - a).num_days();
        }
    }
    n
}

fn choose_path(r: &mut Rng, age: i32) -> Route {
    if (5..=15).contains(&age) && r.p(0.035) {
        return Route::ShortBreaks;
    }
    if (12..=17).contains(&age) && r.p(0.025) {
        return Route::Remand;
    }
    match age {
        0 => r.w(&[
            (Route::Adoption, 40),
            (Route::ReturnHome, 28),
            (Route::Sgo, 20),
            (Route::LongTerm, 12),
        ]),
        1..=4 => r.w(&[
            (Route::Adoption, 24),
            (Route::ReturnHome, 34),
            (Route::Sgo, 20),
            (Route::LongTerm, 22),
        ]),
        5..=9 => r.w(&[
            (Route::ReturnHome, 52),
            (Route::Sgo, 16),
            (Route::LongTerm, 32),
        ]),
        10..=15 => r.w(&[
            (Route::ReturnHome, 60),
            (Route::Sgo, 5),
            (Route::LongTerm, 35),
        ]),
        _ => Route::Teen,
    }
}

/// Simulate one period of care from `start`; `prior` are the child's earlier periods.
fn sim_period(
    ctx: &Ctx,
    r: &mut Rng,
    start: D,
    dob: D,
    mut path: Route,
    uasc: bool,
    prior: &[Period],
) -> Period {
    let age = age_on(dob, start);
    let b16 = bday(dob, 16);
    let b18 = bday(dob, 18);
    let b14 = bday(dob, 14);
    let prior14 = days_since_14(prior, dob, start);
    // Last day a child can go home without having become eligible for leaving-care support.
    let home_cutoff = (b16 - days(1)).max(start.max(b14) + days(89 - prior14));
    if matches!(path, Route::ReturnHome) && home_cutoff < start + days(21) {
        path = Route::Teen;
    }
    let mut ev: Vec<(D, Ev)> = Vec::new();
    let need: &'static str;
    let ls0: &'static str;
    let place0: &'static str;
    let mut end: D;
    let mut rec: &'static str;
    let mut perm: &'static str;
    let cont: &'static str;
    let mut unplanned_rate = 0.45;
    match path {
        Route::ReturnHome => {
            need = r.w(&[
                ("N1", 45),
                ("N4", 15),
                ("N5", 20),
                ("N3", 6),
                ("N6", 6),
                ("N2", 2),
                // Not N9: the SSDA903 list is N1-N8 (DfE rule 145).
                ("N8", 3),
                ("N7", 1),
            ]);
            let main = if age < 16 && r.p(0.3) { "C1" } else { "V2" };
            let pp = age < 16 && r.p(0.07);
            ls0 = if pp {
                r.w(&[("L1", 70), ("L2", 30)])
            } else {
                main
            };
            if pp {
                // L1 (police protection) lasts at most 3 days (DfE rule 361).
                let k = r.int(1, 4);
                let k = if ls0 == "L1" { k.min(3) } else { k };
                ev.push((start + days(k), Ev::Legal(main)));
            }
            place0 = first_place(r, age);
            let dur = match r.w(&[(0, 30), (1, 40), (2, 30)]) {
                0 => r.int(25, 90),
                1 => r.int(90, 270),
                _ => r.int(270, 720),
            };
            end = (start + days(dur)).min(home_cutoff);
            let mut legal = main;
            if main == "C1" && dur > 300 && r.p(0.5) {
                let d = start + days(r.int(190, 300));
                if d < end - days(60) {
                    ev.push((d, Ev::Legal("C2")));
                    legal = "C2";
                    if r.p(0.45) {
                        let p1 = end - days(r.int(30, 150).min((end - d).num_days() - 10));
                        ev.push((
                            p1,
                            Ev::Move {
                                place: "P1",
                                prov: "PR0",
                                same: false,
                                rpc: "CARPL",
                            },
                        ));
                    }
                }
            }
            rec = if legal != "V2" {
                r.w(&[("E4A", 48), ("E13", 20), ("E41", 28), ("E3", 4)])
            } else {
                r.w(&[
                    ("E4A", 60),
                    ("E13", 20),
                    ("E4B", 12),
                    ("E3", 4),
                    ("E16", 2),
                    ("E8", 2),
                ])
            };
            perm = if rec == "E41" {
                "child-arrangements"
            } else {
                "return-home"
            };
            cont = r.w(&[("long-term-fostering", 60), ("kinship", 25), ("sgo", 15)]);
        }
        Route::Adoption => {
            need = r.w(&[("N1", 85), ("N4", 8), ("N3", 7)]);
            ls0 = r.w(&[("C1", 60), ("V2", 28), ("L2", 12)]);
            place0 = r.w(&[("U6", 55), ("U5", 30), ("U3", 15)]);
            if ls0 == "L2" {
                ev.push((start + days(r.int(2, 8)), Ev::Legal("C1")));
            } else if ls0 == "V2" {
                ev.push((start + days(r.int(20, 100)), Ev::Legal("C1")));
            }
            let mut cur_place = place0;
            if place0 == "U3" {
                let p = r.w(&[("U6", 70), ("U5", 30)]);
                let fp = foster_prov(r);
                ev.push((
                    start + days(r.int(30, 120)),
                    Ev::Move {
                        place: p,
                        prov: fp,
                        same: false,
                        rpc: "CARPL",
                    },
                ));
                cur_place = p;
            }
            let f = start + days(r.int(200, 380));
            let e1 = if r.p(0.8) {
                ev.push((f, Ev::Legal("E1")));
                f
            } else {
                let e1 = f + days(r.int(40, 160));
                ev.push((f, Ev::Legal("C2")));
                ev.push((e1, Ev::Legal("E1")));
                e1
            };
            let mut placed = e1 + days(r.int(50, 240));
            let (ap, same) = if cur_place == "U5" {
                ("A5", true)
            } else {
                ("A6", false)
            };
            let prov = prov_for(r, ap);
            ev.push((
                placed,
                Ev::Move {
                    place: ap,
                    prov,
                    same,
                    rpc: "CARPL",
                },
            ));
            if r.p(0.07) {
                let dis = placed + days(r.int(40, 150));
                let fp = foster_prov(r);
                let why = r.w(&[("OTHER", 50), ("CREQB", 30), ("CREQO", 20)]);
                ev.push((
                    dis,
                    Ev::Move {
                        place: "U6",
                        prov: fp,
                        same: false,
                        rpc: why,
                    },
                ));
                placed = dis + days(r.int(150, 300));
                let prov = prov_for(r, "A6");
                ev.push((
                    placed,
                    Ev::Move {
                        place: "A6",
                        prov,
                        same: false,
                        rpc: "CARPL",
                    },
                ));
            }
            end = placed + days(r.int(140, 360));
            rec = r.w(&[("E11", 55), ("E12", 45)]);
            perm = "adoption";
            cont = r.w(&[("long-term-fostering", 70), ("sgo", 30)]);
            unplanned_rate = 0.12;
        }
        Route::Sgo => {
            need = r.w(&[("N1", 70), ("N4", 15), ("N5", 10), ("N3", 5)]);
            ls0 = if r.p(0.7) { "C1" } else { "V2" };
            place0 = if r.p(0.55) { "U3" } else { "U6" };
            let mut kin = place0 == "U3";
            if !kin && r.p(0.55) {
                let fp = foster_prov(r);
                ev.push((
                    start + days(r.int(40, 150)),
                    Ev::Move {
                        place: "U3",
                        prov: fp,
                        same: false,
                        rpc: "CARPL",
                    },
                ));
                kin = true;
            }
            if ls0 == "V2" && r.p(0.5) {
                ev.push((start + days(r.int(30, 120)), Ev::Legal("C1")));
            }
            end = start + days(r.int(240, 600));
            rec = if kin {
                r.w(&[("E45", 80), ("E47", 20)])
            } else {
                r.w(&[("E46", 75), ("E48", 25)])
            };
            perm = "sgo";
            cont = "long-term-fostering";
            unplanned_rate = 0.2;
        }
        Route::LongTerm | Route::Teen => {
            if uasc {
                need = "N8";
            } else if path == Route::Teen {
                need = r.w(&[("N5", 35), ("N4", 30), ("N1", 25), ("N6", 10)]);
            } else {
                need = r.w(&[
                    ("N1", 60),
                    ("N5", 14),
                    ("N4", 10),
                    ("N6", 8),
                    ("N3", 5),
                    ("N2", 3),
                ]);
            }
            let main = if !uasc && age < 16 && r.p(if path == Route::Teen { 0.15 } else { 0.6 }) {
                "C1"
            } else {
                "V2"
            };
            let pp = !uasc && age < 16 && r.p(0.05);
            ls0 = if pp { "L1" } else { main };
            if pp {
                ev.push((start + days(r.int(1, 3)), Ev::Legal(main)));
            }
            let drawn = if uasc {
                r.w(&[("H5", 45), ("U6", 40), ("K2", 15)])
            } else if need == "N2" && age >= 8 && r.p(0.5) {
                r.w(&[("S1", 50), ("R1", 50)])
            } else {
                first_place(r, age)
            };
            // Semi-independent living (H5; K3 from 2025-26) is for 16 and 17
            // year olds (DfE rule 371).
            place0 = if drawn == "H5" && age < 16 {
                "U6"
            } else {
                drawn
            };
            if main == "C1" {
                ev.push((start + days(r.int(200, 380)), Ev::Legal("C2")));
            }
            end = b18;
            rec = "E8";
            perm = if path == Route::Teen {
                "independence"
            } else {
                "long-term-fostering"
            };
            cont = if path == Route::Teen {
                "return-home"
            } else {
                r.w(&[("kinship", 40), ("residential", 20), ("sgo", 40)])
            };
            // long-term match
            let mut cur = place0;
            let m = start + days(r.int(300, 700));
            if path == Route::LongTerm && m < b18 - days(200) {
                match cur {
                    "U6" => {
                        let same = r.p(0.5);
                        let prov = foster_prov(r);
                        ev.push((
                            m,
                            Ev::Move {
                                place: "U4",
                                prov,
                                same,
                                rpc: "CARPL",
                            },
                        ));
                        cur = "U4";
                    }
                    "U3" => {
                        let prov = foster_prov(r);
                        ev.push((
                            m,
                            Ev::Move {
                                place: "U1",
                                prov,
                                same: true,
                                rpc: "CARPL",
                            },
                        ));
                        cur = "U1";
                        perm = "kinship";
                    }
                    _ => perm = "residential",
                }
            }
            if cur == "K2" && path == Route::LongTerm {
                perm = "residential";
            }
            if path == Route::LongTerm && r.p(0.4) {
                // many long-term plans end before 18: home again, or an order to the carers
                let home = start + days(r.int(420, 1500));
                if home < home_cutoff && home < b16 - days(30) {
                    end = home;
                    rec = r.w(&[
                        ("E13", 30),
                        ("E4A", 30),
                        ("E41", 10),
                        ("E45", 15),
                        ("E46", 15),
                    ]);
                    perm = match rec {
                        "E41" => "child-arrangements",
                        "E45" | "E46" => "sgo",
                        _ => "return-home",
                    };
                }
            }
            if path == Route::Teen && !uasc && r.p(0.3) {
                let home_by = home_cutoff.min(start + days(89 - prior14.min(60)));
                // some go home after 16 having qualified (13 weeks since
                // 14): relevant children for their first six months at home
                let settled_home = b16.max(start + days(r.int(100, 300)));
                if r.p(0.3) && settled_home < end.min(b18 - days(60)).min(ctx.end - days(30)) {
                    end = settled_home;
                    rec = r.w(&[("E4A", 80), ("E4B", 20)]);
                    perm = "return-home";
                } else if home_by > start + days(20) {
                    end = start + days(r.int(20, (home_by - start).num_days()));
                    rec = r.w(&[("E13", 50), ("E4A", 50)]);
                    perm = "return-home";
                }
            }
            // semi-independent move at 16-17
            if end == b18 && !matches!(cur, "U4" | "U1" | "H5") && r.p(0.45) {
                let d = b16.max(start + days(60)) + days(r.int(60, 500));
                if d < b18 - days(60) {
                    let prov = res_prov(r);
                    ev.push((
                        d,
                        Ev::Move {
                            place: "H5",
                            prov,
                            same: false,
                            rpc: "CARPL",
                        },
                    ));
                    cur = "H5";
                }
            }
            if end == b18 {
                rec = leaving_rec(r, cur, need);
            }
            if need == "N2" && r.p(0.01) {
                let d = start + days(r.int(200, 1500));
                if d < end {
                    end = d;
                    rec = "E2";
                }
            }
            unplanned_rate = if place0 == "K2" || path == Route::Teen {
                0.6
            } else {
                0.3
            };
        }
        Route::Remand => {
            need = "N6";
            ls0 = r.w(&[("J1", 80), ("J2", 10), ("J3", 10)]);
            place0 = r.w(&[("K1", 20), ("K2", 40), ("U6", 40)]);
            let mut dur = if ls0 == "J2" {
                r.int(1, 3)
            } else {
                r.int(14, 85)
            };
            if age >= 16 && prior14 > 0 {
                dur = dur.min((89 - prior14).max(10));
            }
            end = start + days(dur);
            rec = if ls0 == "J3" {
                r.w(&[("E13", 60), ("E9", 40)])
            } else {
                r.w(&[("E14", 65), ("E9", 35)])
            };
            perm = "return-home";
            cont = "long-term-fostering";
            unplanned_rate = 0.0;
        }
        Route::ShortBreaks => {
            need = "N2";
            ls0 = "V4";
            place0 = r.w(&[("K2", 45), ("U6", 55)]);
            end = start + days(r.int(365, 6 * 365));
            rec = "E8";
            if end >= b18 {
                end = b18;
                rec = r.w(&[("E8", 60), ("E7", 40)]);
            }
            perm = "return-home";
            cont = "long-term-fostering";
            unplanned_rate = 0.0;
        }
    }
    // a child's care ends at 18 at the latest
    if end > b18 {
        end = b18;
        rec = leaving_rec(r, place0, need);
    }
    let end = end.max(start + days(1));
    // unplanned and planned moves along the way
    let years = (end - start).num_days() as f64 / 365.25;
    let mut n_moves = 0;
    let mut lambda = years * unplanned_rate;
    while lambda > 0.0 {
        if r.unit() < lambda.min(1.0) {
            n_moves += 1;
        }
        lambda -= 1.0;
    }
    let mut move_dates: Vec<D> = Vec::new();
    for _ in 0..n_moves {
        let lo = start + days(21);
        let hi = end - days(21);
        if hi > lo {
            move_dates.push(r.date_in(lo, hi));
        }
    }
    // build episodes
    ev.sort_by_key(|e| e.0);
    let mut eps = vec![Ep {
        start,
        rne: "S",
        ls: ls0,
        place: place0,
        prov: prov_for(r, place0),
        end: None,
        rec: None,
        rpc: None,
    }];
    let mut unplanned = Vec::new();
    // merge scripted events and random moves in date order
    let mut moves_iter: Vec<(D, Ev)> = Vec::new();
    for d in move_dates {
        moves_iter.push((
            d,
            Ev::Move {
                place: "",
                prov: "",
                same: false,
                rpc: "",
            },
        ));
    }
    let mut all: Vec<(D, Ev)> = ev;
    all.extend(moves_iter);
    all.sort_by_key(|e| e.0);
    for (d, e) in all {
        let cur = eps.last().expect("one episode").clone();
        if d <= cur.start || d >= end || d > ctx.end {
            continue;
        }
        let age_d = age_on(dob, d);
        let (ls, place, prov, same, rpc) = match e {
            Ev::Legal(l) => (l, cur.place, cur.prov, true, None),
            Ev::Move { place: "", .. } => {
                // random move: skip for adoptive placements and placements with parents
                if matches!(cur.place, "A5" | "A6" | "P1" | "K1") || cur.ls == "V4" {
                    continue;
                }
                let np = next_place(r, age_d, cur.place);
                let np = if np == "H5" && age_d < 16 { "U6" } else { np };
                let why = unplanned_reason(r);
                unplanned.push(d);
                (cur.ls, np, prov_for(r, np), false, Some(why))
            }
            Ev::Move {
                place,
                prov,
                same,
                rpc,
            } => (cur.ls, place, prov, same, Some(rpc)),
        };
        let lchg = ls != cur.ls;
        let pchg = rpc.is_some();
        if !lchg && !pchg {
            continue;
        }
        let rne = match (lchg, pchg, same) {
            (true, false, _) => "L",
            // The DfE's definitions (and its validator, rules 435/436):
            // P and T keep the legal status (T: same carers); B and U
            // change it with the placement (U: same carers).
            (false, true, false) => "P",
            (false, true, true) => "T",
            (true, true, false) => "B",
            (true, true, true) => "U",
            _ => unreachable!(),
        };
        let last = eps.last_mut().expect("one episode");
        last.end = Some(d);
        last.rec = Some("X1");
        last.rpc = rpc;
        eps.push(Ep {
            start: d,
            rne,
            ls,
            place,
            prov,
            end: None,
            rec: None,
            rpc: None,
        });
    }
    // adoption ends only from an adoptive placement
    let last_place = eps.last().expect("one episode").place;
    if matches!(rec, "E11" | "E12") && !matches!(last_place, "A3" | "A4" | "A5" | "A6") {
        rec = "E8";
    }
    let closed = end <= ctx.end;
    if closed {
        let last = eps.last_mut().expect("one episode");
        last.end = Some(end);
        last.rec = Some(rec);
    }
    // Half the short-break arrangements are recorded stay by stay (V3): each
    // short break is its own episode, 1-3 nights every 2-5 weeks (well inside
    // reg 48's 17 days a stay and 75 a year). An arrangement still running
    // stays open (`end: None`) though its last stay has ended.
    let mut end = if closed { Some(end) } else { None };
    if path == Route::ShortBreaks && r.p(0.5) {
        let (place, prov) = (eps[0].place, eps[0].prov);
        let last_day = end.unwrap_or(ctx.end);
        let mut stays: Vec<Ep> = Vec::new();
        let mut d = start;
        loop {
            let e = d + days(r.int(1, 3));
            if e > last_day {
                break;
            }
            stays.push(Ep {
                start: d,
                rne: "S",
                ls: "V3",
                place,
                prov,
                end: Some(e),
                rec: Some("E8"),
                rpc: None,
            });
            d = e + days(r.int(14, 35));
        }
        if let Some(last) = stays.last_mut() {
            if closed {
                last.rec = Some(rec);
                end = last.end;
            }
            eps = stays;
        }
    }
    if perm == "residential" && !matches!(eps.last().map(|e| e.place), Some("K2")) {
        perm = "long-term-fostering";
    }
    Period {
        start,
        end,
        eps,
        need,
        path,
        perm,
        contingency: if cont == perm {
            "long-term-fostering"
        } else {
            cont
        },
        unplanned,
    }
}

fn sim_life(ctx: &Ctx, r: &mut Rng, pre: bool) -> Life {
    let mut tries = 0;
    loop {
        tries += 1;
        let age_band = r.w(&[(0, 20), (1, 15), (2, 17), (3, 33), (4, 15)]);
        let (lo, hi) = match age_band {
            0 => (0, 364),
            1 => (365, 5 * 365 - 1),
            2 => (5 * 365, 10 * 365 - 1),
            3 => (10 * 365, 16 * 365 - 1),
            _ => (16 * 365, 18 * 365 - 40),
        };
        let age_days = r.int(lo, hi);
        let start = if pre {
            r.date_in(ymd(ctx.ry0.year() - 6, 4, 1), ctx.ry0 - days(1))
        } else {
            r.date_in(ctx.ry0, ctx.end - days(4))
        };
        let dob = start - days(age_days);
        let age = age_on(dob, start);
        let uasc = age >= 14 && r.p(if age >= 16 { 0.42 } else { 0.12 });
        let sex = if uasc {
            if r.p(0.93) { 'M' } else { 'F' }
        } else if r.p(0.55) {
            'M'
        } else {
            'F'
        };
        let path = if uasc {
            if age >= 16 {
                Route::Teen
            } else {
                Route::LongTerm
            }
        } else {
            choose_path(r, age)
        };
        let mut periods = vec![sim_period(ctx, r, start, dob, path, uasc, &[])];
        // re-entries after going home
        loop {
            let last = periods.last().expect("a period");
            let Some(e) = last.end else { break };
            let rec = last.eps.last().and_then(|x| x.rec).unwrap_or("E8");
            if !matches!(rec, "E4A" | "E4B" | "E13") || !r.p(0.12) {
                break;
            }
            let s2 = e + days(r.int(60, 720));
            if s2 > ctx.end - days(4) || age_on(dob, s2) >= 16 {
                break;
            }
            let p2 = choose_path(r, age_on(dob, s2));
            let p2 = if p2 == Route::ShortBreaks {
                Route::ReturnHome
            } else {
                p2
            };
            let per = sim_period(ctx, r, s2, dob, p2, false, &periods);
            periods.push(per);
        }
        let last = periods.last().expect("a period");
        let b21 = bday(dob, 21);
        let mut leaver = None;
        if let Some(e) = last.end {
            let rec = last.eps.last().and_then(|x| x.rec).unwrap_or("E8");
            let eligible = !last.short_breaks()
                && age_on(dob, e) >= 16
                && days_since_14(&periods, dob, e) >= 91
                && !matches!(
                    rec,
                    "E11"
                        | "E12"
                        | "E41"
                        | "E45"
                        | "E46"
                        | "E47"
                        | "E48"
                        | "E2"
                        | "E3"
                        | "E16"
                        | "E4A"
                        | "E4B"
                        | "E13"
                );
            if eligible && b21 > e + days(30) {
                leaver = Some(e);
            }
        }
        let home_leaver = last.end.filter(|&e| {
            let rec = last.eps.last().and_then(|x| x.rec).unwrap_or("E8");
            !last.short_breaks()
                && (16..18).contains(&age_on(dob, e))
                && days_since_14(&periods, dob, e) >= 91
                && matches!(rec, "E4A" | "E4B")
        });
        // eligibility while still looked after (last period)
        let mut eligible_from = None;
        if !last.short_breaks() {
            let b16 = bday(dob, 16);
            let mut d = b16.max(last.start);
            let until = last.end.unwrap_or(ctx.end);
            while d < until {
                if days_since_14(&periods, dob, d) >= 91 {
                    eligible_from = Some(d);
                    break;
                }
                d += days(7);
            }
        }
        // involvement segments
        let mut segs: Vec<(D, Option<D>)> = Vec::new();
        for (i, p) in periods.iter().enumerate() {
            let mut e = p.end;
            if i + 1 == periods.len() && leaver.is_some() {
                e = if b21 > ctx.end { None } else { Some(b21) };
            }
            if i + 1 == periods.len()
                && let Some(h) = home_leaver
            {
                let settled = home_settled(h);
                e = if settled > ctx.end {
                    None
                } else {
                    Some(settled)
                };
            }
            segs.push((p.start, e));
        }
        let inv_end = segs.last().expect("a segment").1;
        if pre && inv_end.is_some_and(|e| e < ctx.ry0 + days(1)) && tries < 80 {
            continue;
        }
        // separate pathway reviews while looked after only where pathway reviews go on after care
        let pathway_in_care =
            eligible_from.is_some() && (leaver.is_some() || last.end.is_none()) && r.p(0.18);
        let last_path = last.path;
        let long = last.end.unwrap_or(ctx.end) - last.start > days(300);
        let age_end = age_on(dob, inv_end.unwrap_or(ctx.end));
        let service = if last_path == Route::ShortBreaks {
            "disabled-children"
        } else if leaver.is_some() || (age_end >= 16 && inv_end.is_none()) {
            "leaving-care"
        } else if long && matches!(last_path, Route::Adoption | Route::LongTerm | Route::Sgo) {
            "permanence"
        } else if r.p(0.5) {
            "cin-cp-north"
        } else {
            "cin-cp-south"
        };
        return Life {
            dob,
            sex,
            uasc,
            periods,
            leaver,
            home_leaver,
            eligible_from,
            pathway_in_care,
            segs,
            service,
        };
    }
}

// ---------------------------------------------------------------------------------
// The service: IROs and allocations

struct Iro {
    id: String,
    first: &'static str,
    last: &'static str,
    fte: f64,
    started: D,
    left: Option<D>,
    /// Children are reallocated from this date when the IRO leaves.
    handover: Option<D>,
    card: String,
    phone: String,
}

impl Iro {
    fn active(&self, d: D) -> bool {
        self.started <= d && self.handover.is_none_or(|h| d < h)
    }
}

const SERVICES: &[(&str, &str)] = &[
    (
        "cin-cp-north",
        "Children in Need and Child Protection (North)",
    ),
    (
        "cin-cp-south",
        "Children in Need and Child Protection (South)",
    ),
    ("permanence", "Permanence and Through Care"),
    ("leaving-care", "Leaving Care (16-25)"),
    ("disabled-children", "Children with Disabilities"),
];

const ALERT_THEMES: &[(&str, &str)] = &[
    (
        "no-plan-stood-down",
        "No plan or plan not updated: review stood down",
    ),
    (
        "permanence-drift",
        "No permanence plan by the second review, or drift in achieving it",
    ),
    (
        "visits-not-done",
        "Statutory visits not done or not recorded",
    ),
    (
        "documents-not-shared",
        "Plans and reports not shared with the child, parents or carers",
    ),
    ("health-assessment-overdue", "Health assessment overdue"),
    (
        "pep-overdue",
        "Personal education plan overdue or not of good quality",
    ),
    (
        "decisions-not-progressed",
        "Review decisions not carried out",
    ),
    (
        "placement-stability",
        "Stability of the child's home: moves without planning",
    ),
    (
        "contact-arrangements",
        "Family time arrangements not in place or not reviewed",
    ),
    (
        "care-leaver-accommodation",
        "Care leaver without suitable accommodation",
    ),
    ("iro-not-informed", "IRO not told of a significant change"),
];
const ALERT_WEIGHTS: &[u32] = &[16, 12, 10, 14, 8, 7, 12, 8, 8, 3, 6];

const GOOD_THEMES: &[(&str, &str)] = &[
    (
        "relationship-with-child",
        "Good working relationship with the child",
    ),
    ("good-assessment", "Good assessment or plan"),
    ("advocating-for-child", "Advocating for the child"),
    ("timely-permanence", "Permanence achieved without delay"),
    ("family-time", "Family time arranged thoughtfully"),
    ("child-voice", "The child's views at the heart of the plan"),
];
const GOOD_WEIGHTS: &[u32] = &[30, 18, 16, 10, 12, 14];

const CARDS: &[&str] = &[
    "I love walking my dog on the hills and baking cakes when it rains.",
    "I have two cats and I grow tomatoes in my garden.",
    "I like running, reading and telling really bad jokes.",
    "I sing in a choir and I am learning to play the ukulele.",
    "I love a good pizza and I support {short} Rovers.",
    "I like swimming in the sea, even when it is cold.",
    "I enjoy painting and going to the cinema with my family.",
    "I play the drums and I love board games.",
    "I go camping in the summer and I am learning to knit.",
    "I like cycling, gardening and trying new food.",
    "I have a tortoise called Speedy and I love football.",
    "I dance salsa on Fridays and I make very good pancakes.",
];

struct World {
    opts: GenOptions,
    ctx: Ctx,
    lives: Vec<Life>,
    iros: Vec<Iro>,
    alloc: Vec<Vec<(D, usize)>>,
    overdue_child: Option<usize>,
    stale_ha_child: Option<usize>,
    /// The one child on an interim care order whose first care plan came
    /// after 10 working days (CPPCR 4(2) does not apply: s.31A): (child, period).
    late_plan_court: Option<(usize, usize)>,
    /// The one child whose health assessment lapsed after the last review,
    /// overdue at the end with no review since (health-overdue).
    lapsed_ha_child: Option<usize>,
    /// The one eligible child with no pathway plan 3 months after becoming
    /// eligible (`pathway-plan`, CPPCR 42-43).
    no_pathway_plan: Option<usize>,
    /// The one s.20 young person who left care without a review first.
    unreviewed_leaver: Option<usize>,
    id_width: usize,
    domain: String,
}

impl World {
    fn plan(opts: &GenOptions) -> World {
        let ctx = Ctx::new(opts);
        let p_pre = 2.2 / (2.2 + opts.years as f64);
        let lives: Vec<Life> = (0..opts.children)
            .into_par_iter()
            .map(|i| {
                let mut r = Rng::new(opts.seed, 4 * i as u64 + 1);
                let pre = r.p(p_pre);
                sim_life(&ctx, &mut r, pre)
            })
            .collect();
        let mut g = Rng::new(opts.seed, 0);
        let domain: String = opts
            .short_name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect::<String>();
        let domain = if domain.is_empty() {
            "council".to_string()
        } else {
            domain
        } + ".example";

        // how many IROs: caseloads of about 60 per full-time IRO at the end
        let open_end = lives
            .iter()
            .filter(|l| {
                l.involved_at(ctx.end)
                    && !l
                        .periods
                        .last()
                        .is_some_and(|p| p.short_breaks() && p.end.is_none())
            })
            .count();
        let earliest = lives.iter().map(|l| l.segs[0].0).min().unwrap_or(ctx.ry0);
        let mut ftes: Vec<f64> = Vec::new();
        loop {
            let sum: f64 = ftes.iter().sum();
            if ftes.len() >= 3 && open_end as f64 / sum <= 64.0 {
                break;
            }
            ftes.push(g.w(&[(10, 62), (8, 16), (6, 12), (5, 10)]) as f64 / 10.0);
        }
        // part-time posts where a minimum team of three would be under-loaded
        while open_end as f64 / ftes.iter().sum::<f64>() < 54.0 && ftes.iter().any(|&f| f > 0.55) {
            let k = (0..ftes.len())
                .max_by(|&a, &b| ftes[a].total_cmp(&ftes[b]).then(b.cmp(&a)))
                .expect("an IRO");
            ftes[k] = ((ftes[k] * 10.0).round() - 1.0) / 10.0;
        }
        let n_active = ftes.len();
        let n_leavers = if n_active <= 6 { 1 } else { 2 };
        let mut iros: Vec<Iro> = Vec::new();
        let mut used_ids: Vec<String> = Vec::new();
        let mut used_first: Vec<&str> = Vec::new();
        let mut make = |g: &mut Rng, fte: f64, started: D, left: Option<D>| -> Iro {
            // distinct first names while they last (letters are signed with the first name)
            let first = loop {
                let f = *g.pick(IRO_FIRST);
                if !used_first.contains(&f) || used_first.len() >= IRO_FIRST.len() {
                    used_first.push(f);
                    break f;
                }
            };
            let last = *g.pick(SURNAMES);
            let base: String = format!("{}{}", &first[..1], last).to_ascii_lowercase();
            let mut id = base.clone();
            let mut k = 2;
            while used_ids.contains(&id) {
                id = format!("{base}{k}");
                k += 1;
            }
            used_ids.push(id.clone());
            let card = g.pick(CARDS).replace("{short}", &opts.short_name);
            let phone = format!("01632 960{:03}", g.int(0, 999));
            let handover = left.map(|l| l - days(g.int(0, 7)));
            Iro {
                id,
                first,
                last,
                fte,
                started,
                left,
                handover,
                card,
                phone,
            }
        };
        let found_lo = earliest - days(8 * 365);
        let found_hi = earliest - days(30);
        // leavers first (they were there from the start), then the team at the end
        let mut leave_dates: Vec<D> = (0..n_leavers)
            .map(|_| g.date_in(ctx.ry0 + days(90), ctx.end - days(75)))
            .collect();
        leave_dates.sort();
        for (k, &ld) in leave_dates.iter().enumerate() {
            // the post keeps its hours when it changes hands
            let fte = ftes[k];
            let st = g.date_in(found_lo, found_hi);
            iros.push(make(&mut g, fte, st, Some(ld)));
        }
        for (k, &fte) in ftes.iter().enumerate() {
            let st = if k < n_leavers {
                // the successor of leaver k starts before the handover and takes the caseload
                leave_dates[k] - days(g.int(8, 40))
            } else {
                g.date_in(found_lo, found_hi)
            };
            iros.push(make(&mut g, fte, st, None));
        }
        // allocations, in date order across the service, to the IRO with the lowest caseload per FTE
        #[derive(PartialEq, Eq, PartialOrd, Ord)]
        enum Kind {
            Release,
            Leave,
            Alloc,
        }
        let mut events: Vec<(D, Kind, usize, usize)> = Vec::new();
        for (c, l) in lives.iter().enumerate() {
            for (s, seg) in l.segs.iter().enumerate() {
                events.push((seg.0, Kind::Alloc, c, s));
                if let Some(e) = seg.1 {
                    events.push((e, Kind::Release, c, s));
                }
            }
        }
        for (k, iro) in iros.iter().enumerate() {
            if let Some(h) = iro.handover {
                events.push((h, Kind::Leave, k, 0));
            }
        }
        events.sort();
        let mut load = vec![0usize; iros.len()];
        let mut current: Vec<Option<usize>> = vec![None; lives.len()];
        // short breaks only do not count on a caseload
        let mut weight: Vec<usize> = vec![0; lives.len()];
        let mut alloc: Vec<Vec<(D, usize)>> = vec![Vec::new(); lives.len()];
        let best = |g: &mut Rng, load: &[usize], d: D, not: Option<usize>| -> usize {
            let mut best = None;
            let mut best_score = f64::MAX;
            for (k, iro) in iros.iter().enumerate() {
                if !iro.active(d) || Some(k) == not {
                    continue;
                }
                let s = (load[k] as f64 + 1.0) / iro.fte * (1.0 + 0.03 * g.unit());
                if s < best_score {
                    best_score = s;
                    best = Some(k);
                }
            }
            best.unwrap_or(iros.len() - 1)
        };
        for (d, kind, a, seg) in events {
            match kind {
                Kind::Release => {
                    if let Some(k) = current[a].take() {
                        load[k] -= weight[a];
                    }
                }
                Kind::Leave => {
                    let successor = n_leavers + a;
                    for c in 0..lives.len() {
                        if current[c] == Some(a) {
                            let k = if successor < iros.len() && iros[successor].active(d) {
                                successor
                            } else {
                                best(&mut g, &load, d, Some(a))
                            };
                            load[a] -= weight[c];
                            load[k] += weight[c];
                            current[c] = Some(k);
                            alloc[c].push((d, k));
                        }
                    }
                }
                Kind::Alloc => {
                    let start = d;
                    let lag = g.w(&[(0, 5), (1, 40), (2, 30), (3, 17), (4, 5), (5, 3)]);
                    let on = ctx.awd(start, lag).min(ctx.end);
                    let prev = alloc[a].last().map(|x| x.1);
                    let k = match prev {
                        Some(p) if iros[p].active(on) && g.p(0.5) => p,
                        _ => best(&mut g, &load, on, None),
                    };
                    weight[a] = usize::from(!lives[a].periods[seg].short_breaks());
                    load[k] += weight[a];
                    current[a] = Some(k);
                    if prev != Some(k) {
                        alloc[a].push((on, k));
                    }
                }
            }
        }
        // the one child whose review is overdue at the end, and the one stale health assessment
        let cur_year = ymd(Ctx::ryear(ctx.end), 4, 1);
        let cands: Vec<usize> = (0..lives.len())
            .filter(|&i| {
                let l = &lives[i];
                let p = l.periods.last().expect("a period");
                p.end.is_none()
                    && matches!(p.path, Route::LongTerm | Route::Sgo | Route::ReturnHome)
                    && p.start < ctx.end - days(400)
                    && (5..=16).contains(&age_on(l.dob, ctx.end))
                    && !l.pathway_in_care
            })
            .collect();
        let overdue_child = if cands.is_empty() {
            None
        } else {
            Some(*g.pick(&cands))
        };
        let cands: Vec<usize> = (0..lives.len())
            .filter(|&i| {
                let l = &lives[i];
                let p = l.periods.last().expect("a period");
                Some(i) != overdue_child
                    && p.end.is_none()
                    && !p.short_breaks()
                    && p.start < cur_year - days(400)
                    && age_on(l.dob, cur_year) >= 6
                    && age_on(l.dob, ctx.end) <= 16
            })
            .collect();
        let stale_ha_child = if cands.is_empty() {
            None
        } else {
            Some(*g.pick(&cands))
        };
        // the one young person accommodated under s.20 who left care this
        // year other than to a parent without a review first (CPPCR 33(3)(e))
        let cands: Vec<usize> = (0..lives.len())
            .filter(|&i| {
                let l = &lives[i];
                l.periods.iter().any(|p| {
                    let last = p.eps.last().expect("an episode");
                    p.end.is_some_and(|e| {
                        e >= cur_year && e <= ctx.end && e + days(1) < bday(l.dob, 18)
                    }) && last.ls == "V2"
                        && matches!(last.rec, Some("E5" | "E13" | "E8"))
                })
            })
            .collect();
        let unreviewed_leaver = if cands.is_empty() {
            None
        } else {
            Some(*g.pick(&cands))
        };
        // Chosen in order, not at random, so the draws above stay as they were.
        let late_plan_court = (0..lives.len())
            .filter(|i| Some(*i) != overdue_child && Some(*i) != stale_ha_child)
            .find_map(|i| {
                lives[i]
                    .periods
                    .iter()
                    .position(|p| {
                        p.eps[0].ls == "C1" && p.start > cur_year && p.start < ctx.end - days(60)
                    })
                    .map(|pi| (i, pi))
            });
        let lapsed_ha_child = (0..lives.len()).find(|&i| {
            let l = &lives[i];
            let p = l.periods.last().expect("a period");
            Some(i) != overdue_child
                && Some(i) != stale_ha_child
                && late_plan_court.map(|x| x.0) != Some(i)
                && p.end.is_none()
                && !p.short_breaks()
                && p.start < ctx.end - days(800)
                && (7..=16).contains(&age_on(l.dob, ctx.end))
        });
        // the one young person in care, eligible this year, whose pathway
        // plan was never made
        let cands: Vec<usize> = (0..lives.len())
            .filter(|&i| {
                let l = &lives[i];
                l.periods.last().expect("a period").end.is_none()
                    && !l.pathway_in_care
                    && Some(i) != overdue_child
                    && Some(i) != stale_ha_child
                    && l.eligible_from.is_some_and(|e| {
                        e >= cur_year && e + days(100) < ctx.end && ctx.end < bday(l.dob, 18)
                    })
            })
            .collect();
        let no_pathway_plan = if cands.is_empty() {
            None
        } else {
            Some(*g.pick(&cands))
        };
        let id_width = opts.children.to_string().len().max(4);
        World {
            late_plan_court,
            lapsed_ha_child,
            unreviewed_leaver,
            opts: opts.clone(),
            ctx,
            lives,
            iros,
            alloc,
            overdue_child,
            stale_ha_child,
            no_pathway_plan,
            id_width,
            domain,
        }
    }

    fn child_id(&self, i: usize) -> String {
        format!("C{:0w$}", i + 1, w = self.id_width)
    }

    fn iro_yaml(&self, k: usize) -> String {
        let i = &self.iros[k];
        let mut s = String::new();
        let _ = writeln!(s, "name: {} {}", i.first, i.last);
        let _ = writeln!(s, "fte: {:.1}", i.fte);
        let _ = writeln!(s, "started: {}", i.started);
        let _ = writeln!(s, "left: {}", opt_date(i.left));
        let _ = writeln!(
            s,
            "email: {}.{}@{}",
            i.first.to_ascii_lowercase(),
            i.last.to_ascii_lowercase(),
            self.domain
        );
        let _ = writeln!(s, "phone: {}", q(&i.phone));
        let _ = writeln!(s, "card: {}", q(&i.card));
        s
    }

    fn iro_toml(&self) -> String {
        let o = &self.opts;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Fictional example service made by `iro generate` (seed {}).",
            o.seed
        );
        let _ = writeln!(
            s,
            "# Every name, date and event in these records is made up.\n"
        );
        let _ = writeln!(s, "[service]");
        let _ = writeln!(s, "name = {}", q(&o.service_name));
        let _ = writeln!(s, "short_name = {}", q(&o.short_name));
        let _ = writeln!(s, "year_starts = \"04-01\"");
        let _ = writeln!(s, "phone = \"01632 960000\"");
        let _ = writeln!(s, "email = \"iro.service@{}\"", self.domain);
        let _ = writeln!(
            s,
            "address = \"{} Independent Reviewing Service, Town Hall, Market Street\"",
            o.short_name
        );
        let _ = writeln!(s, "web = \"https://www.{}/iro\"\n", self.domain);
        let _ = writeln!(s, "[services]");
        for (k, v) in SERVICES {
            let _ = writeln!(s, "{k} = {}", q(v));
        }
        let _ = writeln!(s, "\n[themes.alert]");
        for (k, v) in ALERT_THEMES {
            let _ = writeln!(s, "{k} = {}", q(v));
        }
        let _ = writeln!(s, "\n[themes.good_practice]");
        for (k, v) in GOOD_THEMES {
            let _ = writeln!(s, "{k} = {}", q(v));
        }
        s.push_str(
            "\n[policy]
decisions_within_working_days = 5
record_within_working_days = 20
drp_stage_within_working_days = 20
placement_order_review_months = 0
caseload_per_fte = [50, 70]
series_timeliness = \"first\"
short_break_gap_months = 12
ceasing_review_weeks = 8
pep_within_months = 4
caseload_counts_care_leavers = false

[calendar]
extra_non_working_days = []

[rules]
# The service manages overdue reviews day to day from `iro due`, so a review that is
# due and not yet held is a warning here rather than an error.
reg33-overdue = \"warning\"

[letters]
# jargon = { \"LAC\" = \"children in care\" }

[publish]
suppress_below = 6
# Looked at by a person: a child's preferred name here is also an ordinary word
# (\"Will\"), which the default theme prints in \"we will\". The publish guard lets
# it through inside that phrase only; a child's name, id or date never can be.
allow = [\"we will\"]

[scorecard]
# The report's scorecard: a target for a figure (by its id) and which way is better.
\"reviews.on_time\" = { target = 95, polarity = \"higher\" }
\"participation.4plus\" = { target = 90, polarity = \"higher\" }
\"seen_before\" = { target = 90, polarity = \"higher\" }
\"decisions.on_time\" = { target = 95, polarity = \"higher\" }
\"records.on_time\" = { target = 90, polarity = \"higher\" }
\"permanence.by_second\" = { target = 100, polarity = \"higher\" }
\"alerts.informal_or_stage1\" = { target = 90, polarity = \"higher\" }
\"drp.days\" = { target = 20, polarity = \"lower\" }

[check]
",
        );
        let _ = writeln!(s, "as_of = \"{}\"", self.ctx.end);
        s
    }
}

// ---------------------------------------------------------------------------------
// Text banks for letters (plain words, "you", no jargon) and records

/// Age bands of the letters: under 8, 8-12, 13 and over, and young adults (pathway).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Band {
    Small,
    Middle,
    Teen,
    Adult,
}

const INTRO: [&[&str]; 4] = [
    &[
        "My name is {iro}. My job is to check that you are safe and happy. I also check that the grown-ups do what they say they will do. I will write to you after each of your meetings.",
    ],
    &[
        "My name is {iro}. I will be at all of your meetings. My job is to make sure your plan is right for you, and that the adults do what they promise.",
    ],
    &[
        "I am {iro}, and I will run your meetings while you are in care. My job is to check that your plan is right for you and that people do what they say.",
    ],
    &[
        "I am {iro}. I will run your pathway plan meetings and check that you get the help you need as you move on.",
    ],
];
const HELLO_SEEN: [&[&str]; 4] = [
    &[
        "Thank you for showing me your room when I came to see you.",
        "It was lovely to see you at home before your meeting.",
        "Thank you for playing with me before your meeting.",
        "I liked seeing you before your meeting. You told me all about {fun}.",
        "Thank you for the picture you drew for me. I have put it on my wall.",
    ],
    &[
        "Thank you for talking to me before your meeting.",
        "It was good to see you at home last week. Thank you for making me feel welcome.",
        "Thank you for meeting me at school before your meeting.",
        "It was nice to chat with you before your meeting. You made me laugh.",
        "Thank you for showing me round your home before your meeting.",
    ],
    &[
        "Thanks for meeting me before your meeting. I know you are busy.",
        "It was good to catch up with you before your meeting.",
        "Thanks for talking to me on the phone before your meeting.",
        "Thank you for meeting me for a hot chocolate before your meeting.",
        "Thanks for taking the time to talk to me. It really helps.",
    ],
    &[
        "Thanks for meeting up with me.",
        "It was good to see you and hear how things are going.",
        "Thanks for talking to me on the phone before your meeting.",
        "Thanks for making time to see me. I know you have a lot on.",
    ],
];
const HELLO_BABY: &[&str] = &[
    "I came to see you at home. You gave me a big smile.",
    "I came to see you. You were busy playing, and you showed me your toys.",
    "I saw you at home before your meeting. You love {fun}.",
    "I came to see you at home. You were having your lunch and it was very messy.",
];
const HELLO_NOT_SEEN: &[&str] = &[
    "I am sorry I did not get to see you before your meeting. I hope we can talk next time.",
    "We did not get to talk before your meeting this time. That is OK. I would still like to hear from you.",
    "I did not see you before your meeting this time, but I would still like to hear from you.",
];
const WHY_LETTER: [&[&str]; 4] = [
    &[
        "This letter tells you about your meeting on {date}.",
        "Here is what we talked about at your meeting on {date}.",
    ],
    &[
        "I am writing to tell you what we talked about at your meeting on {date}.",
        "This letter tells you what we talked about and what we decided at your meeting on {date}.",
    ],
    &[
        "This letter sets out what we talked about at your meeting on {date}, and what we decided.",
        "Here is what we talked about at your meeting on {date}.",
    ],
    &[
        "This letter sums up your meeting on {date} and what we agreed.",
        "Here is what we talked about at your meeting on {date}.",
    ],
];
const CHAIRED: &[&str] = &[
    "Thank you for helping me run your meeting. You did a great job.",
    "You ran your meeting with me this time, and you did it really well.",
];

const WELL: [&[&str]; 4] = [
    &[
        "You are happy at home with {carer}.",
        "{Carer} told me that you are kind and funny.",
        "You are growing well and you are healthy.",
        "You went to the dentist and your teeth are strong.",
        "You love {fun}.",
        "You sleep well and you eat all your tea.",
        "You are a very good helper at home.",
        "You have fun with your {sib} when you see each other.",
    ],
    &[
        "You are settled at home with {carer}, and you told me you feel safe there.",
        "You are doing well at school, and your teacher is proud of you.",
        "You have started going to {hobby}, and you really enjoy it.",
        "Your family time with your mum is going well.",
        "You have made some good friends.",
        "You had your health check and you are fit and well.",
        "{Carer} told me how kind you are to the younger children at home.",
        "You went on a trip in the holidays and had a great time.",
        "You are trying hard with your maths, and it is paying off.",
    ],
    &[
        "You have settled well at home and you get on with {carer}.",
        "You are going to school most days, and your teachers can see how hard you are trying.",
        "You keep going to {hobby}, which is great.",
        "You have a good group of friends and you are doing things you enjoy.",
        "You are thinking about what you want to do after school, and it is great to hear your ideas.",
        "You see your family, and you told me this is going better.",
        "You have been honest with {sw} about how you feel, and that takes courage.",
        "You are learning to cook and to look after your money.",
        "You have stayed out of trouble, and people have noticed.",
    ],
    &[
        "You have kept your flat clean and paid your bills on time.",
        "You are going to college and you like your course.",
        "You have a part-time job and you are saving some money.",
        "You still see {pa} every month, and you told me this helps.",
        "You have been looking after your health and you went to the doctor when you needed to.",
        "You have kept in touch with your family and friends.",
        "You passed your driving theory test. Well done!",
    ],
];
const WELL_SCHOOL_SMALL: &[&str] = &[
    "You like school. You have lots of friends in your class.",
    "Your teacher told me you are trying hard with your reading.",
];
const WELL_BABY: &[&str] = &[
    "You are eating well and sleeping well.",
    "You have started to walk and you are into everything.",
    "You love bath time and stories.",
    "You are saying lots of new words.",
    "You are growing fast and you are very healthy.",
];
const WELL_ADOPT: &[&str] = &[
    "You are settled with your new family, and you love your new bedroom.",
    "Your new family told me you have lots of fun together.",
];
const WELL_RES: &[&str] = &[
    "The staff at your home told me you help out a lot.",
    "You get on well with {kw}, your key worker.",
];
const WELL_SHORT: &[&str] = &[
    "You enjoy your short breaks, and you have made friends there.",
    "You like the staff at your short break house, and they like you too.",
];

const WORRY: [&[&str]; 4] = [
    &[
        "Sometimes you feel sad when family time ends.",
        "Some family time did not happen, and that made you sad.",
        "You find it hard to go to sleep at night.",
        "Sometimes you get very cross, and it is hard to calm down.",
        "You need a bit of help with your reading.",
        "You miss your {sib}.",
    ],
    &[
        "Sometimes family time with your dad does not happen, and I know that is upsetting.",
        "You have been finding some lessons hard, and you have missed some days at school.",
        "You told me you sometimes feel worried and find it hard to stop thinking about home.",
        "You have been getting into arguments at school.",
        "You do not see your {sib} as much as you would like.",
    ],
    &[
        "You have been staying out late, and sometimes no one knows where you are. We worry about your safety when this happens.",
        "You have missed a lot of school this term.",
        "You told me you feel low some days. It is important that you get help with this.",
        "Some people you talk to online may not be safe.",
        "Family time has been hard, and you do not always want to go.",
        "You have been smoking, and we are worried about your health.",
    ],
    &[
        "You have some debts, and they are making you worried.",
        "You are not in work or college at the moment.",
        "Your flat is a long way from your friends, and you feel lonely sometimes.",
        "Your money was stopped for a while and things have been tight.",
        "You have been feeling low, and you have not been sleeping well.",
    ],
];
const WORRY_MOVED: [&str; 4] = [
    "You had to move to a new home. That is a big change.",
    "You had to move home since your last meeting. I know that was hard.",
    "You had to move home, and I know it felt like nobody asked you first. I am sorry about that.",
    "You had to move, and it has been hard to settle.",
];
const WORRY_COURT: [&str; 4] = [
    "A judge still needs to decide where you will live when you are big.",
    "The court has not decided yet where you will live, and waiting is hard.",
    "The court has not made its decision yet, and I know the waiting is hard.",
    "",
];
const WORRY_NONE: [&str; 4] = [
    "We are not worried about much right now.",
    "We are not very worried about anything at the moment.",
    "There is not much we are worried about right now, which is great.",
    "There is not much to worry about right now.",
];
const WORRY_EIGHTEEN: &str =
    "You will be 18 soon, and we need to make sure you have a safe place to live.";
const WORRY_BABY: &[&str] = &[
    "Sometimes you are poorly with colds, and you need lots of cuddles.",
    "We need to keep an eye on your speech, so that you get help if you need it.",
    "You are still waiting to know where you will grow up.",
];

const TOLD: [&[&str]; 4] = [
    &[
        "You told me you like your bedroom.",
        "You told me you want to see your mum more.",
        "You told me your best food is pizza.",
        "You told me you want to keep going to your school.",
        "You told me you like it when {carer} reads to you.",
    ],
    &[
        "You told me you want more say in when you see your family.",
        "You told me you want to stay at your school.",
        "You told me you would like to go to {hobby} more often.",
        "You told me you feel listened to at home.",
        "You told me you want to see your {sib} in the holidays.",
        "You told me you would like a phone of your own.",
    ],
    &[
        "You told me you want more say in when you see your family.",
        "You told me you want to stay at your school until you finish.",
        "You told me you want to learn to cook before you move on.",
        "You told me you want to see your friends at weekends.",
        "You told me you want to be treated like other people your age.",
        "You told me you want to choose who comes to your meetings.",
    ],
    &[
        "You told me you want to find a job you enjoy.",
        "You told me you would like help with your money.",
        "You told me you want to live nearer to your friends.",
        "You told me you are proud of how far you have come.",
    ],
];
const TOLD_SHOWED: &[&str] = &[
    "You showed me a drawing of your home. Everyone in it was smiling.",
    "You used the face cards to show me that you are happy most days.",
    "You showed me your best toys and you smiled a lot.",
];
const TOLD_ADVOCATE: &[&str] = &[
    "Your advocate told me that you want to see your {sib} more.",
    "Your advocate told me that you want to stay where you are.",
    "Your advocate told me that you want to know more about the plan for you.",
];
const TOLD_FORM: &[&str] = &[
    "You filled in your form before the meeting. You wrote that you like your school.",
    "You sent me a message on the app to tell me how you feel. Thank you.",
    "You wrote me a letter before the meeting. Thank you for telling me what you think.",
];
const TOLD_QUIET: &str = "You came to your meeting, which was good to see. You did not want to talk this time, and that is OK.";
const TOLD_NONE: &str = "I did not hear from you this time. I would like to know what you think. Please tell {carer} or {sw}, or call me.";

const NEEDS_LEAD: [&[&str]; 4] = [
    &["This is what will happen next:", "Here is what we decided:"],
    &["Here is what we decided:", "This is what will happen next:"],
    &["This is what we agreed:", "Here is what we decided:"],
    &["This is what we agreed:", "Here is what happens next:"],
];
const NEEDS_TAIL: &[&str] = &[
    "I will check that these things happen.",
    "I will check on these things before your next meeting.",
    "",
];

const CLOSE: [&[&str]; 4] = [
    &[
        "I will see you again soon.",
        "Your next meeting is in a few months. You can help choose where it is.",
        "If you are sad or worried, you can tell {carer} or {sw}.",
    ],
    &[
        "Your next meeting will be in about {next} months. You can choose where we meet and who comes.",
        "If you want to talk to me before then, ask {carer} or {sw} to call me.",
        "You can have an advocate. An advocate is someone who helps you say what you think.",
    ],
    &[
        "Your next meeting will be in about {next} months. You can choose where it is and who comes, and you can run it yourself if you like.",
        "You can call or text me at any time. My number is on my card.",
        "If something is not right, you can ask for an advocate or make a complaint. I will help you do that.",
    ],
    &[
        "Your next meeting will be in about six months. Let me know if you want it somewhere else.",
        "You can call or text me at any time.",
        "If something goes wrong, get in touch with me or {pa} straight away.",
    ],
];

const STOOD_REASON: &[(&str, &str)] = &[
    (
        "no-care-plan",
        "Your plan was not ready, and your meeting needs an up to date plan.",
    ),
    (
        "documents-not-shared",
        "Some papers had not been shared with you and your family in time.",
    ),
    (
        "child-unwell",
        "You were not well, and we wanted you to be able to come.",
    ),
    (
        "parent-unavailable",
        "Your mum could not come, and it is important that she is there.",
    ),
    ("other", "Some important people could not come."),
];

/// Decisions: who, text, youngest age, oldest age, condition.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cond {
    Any,
    Sib,
    Court,
    Foster,
    School,
    NotAdopt,
}
const DECISIONS: &[(&str, &str, i32, i32, Cond)] = &[
    (
        "social-worker",
        "{Sw} will arrange for you to see your {sib} every month.",
        0,
        17,
        Cond::Sib,
    ),
    (
        "social-worker",
        "{Sw} will visit you at home every six weeks.",
        0,
        17,
        Cond::Any,
    ),
    (
        "social-worker",
        "{Sw} will make a life story book with you.",
        4,
        12,
        Cond::Any,
    ),
    (
        "social-worker",
        "{Sw} will tell you what the court decides as soon as it decides.",
        5,
        17,
        Cond::Court,
    ),
    (
        "social-worker",
        "{Sw} will ask if you can stay with {carer} until you are grown up.",
        5,
        15,
        Cond::Foster,
    ),
    (
        "social-worker",
        "{Sw} will share your plan with you and your family.",
        8,
        17,
        Cond::Any,
    ),
    (
        "social-worker",
        "{Sw} will help you get your passport.",
        14,
        17,
        Cond::Any,
    ),
    (
        "social-worker",
        "{Sw} will find out about a mentor for you.",
        10,
        17,
        Cond::Any,
    ),
    (
        "social-worker",
        "{Sw} will set up family time with your dad.",
        0,
        17,
        Cond::NotAdopt,
    ),
    (
        "carer",
        "{Carer} will take you to the dentist.",
        0,
        17,
        Cond::Any,
    ),
    (
        "carer",
        "{Carer} will help you join {hobby}.",
        6,
        15,
        Cond::Any,
    ),
    (
        "carer",
        "{Carer} will keep a memory box with photos for you.",
        0,
        10,
        Cond::Any,
    ),
    (
        "carer",
        "{Carer} will help you learn to cook three meals.",
        14,
        17,
        Cond::Any,
    ),
    (
        "carer",
        "{Carer} will read with you every night.",
        4,
        8,
        Cond::Any,
    ),
    (
        "iro",
        "I will visit you before your next meeting.",
        4,
        21,
        Cond::Any,
    ),
    (
        "iro",
        "I will check that your family time is happening.",
        0,
        17,
        Cond::NotAdopt,
    ),
    (
        "iro",
        "I will talk to {sw}'s manager to make sure this happens quickly.",
        8,
        17,
        Cond::Any,
    ),
    (
        "child",
        "You will tell {carer} or {sw} if you are worried about anything.",
        6,
        17,
        Cond::Any,
    ),
    (
        "child",
        "You will try to go to school every day.",
        8,
        16,
        Cond::School,
    ),
    (
        "child",
        "You will let {carer} know where you are when you go out.",
        12,
        17,
        Cond::Any,
    ),
    (
        "child",
        "You will think about who you want at your next meeting.",
        8,
        21,
        Cond::Any,
    ),
    (
        "parent",
        "Your mum will come to family time on time.",
        0,
        17,
        Cond::NotAdopt,
    ),
    (
        "parent",
        "Your dad will go to his parenting course.",
        0,
        12,
        Cond::NotAdopt,
    ),
    (
        "health",
        "The nurse will see you for your health check.",
        0,
        17,
        Cond::Any,
    ),
    (
        "health",
        "A nurse will talk with you about how you feel and who can help.",
        10,
        21,
        Cond::Any,
    ),
    (
        "health",
        "The health visitor will check how you are growing.",
        0,
        4,
        Cond::Any,
    ),
    (
        "school",
        "Your school will make a plan to help you with reading.",
        5,
        11,
        Cond::School,
    ),
    (
        "school",
        "Your teacher will meet {sw} to talk about your school plan.",
        5,
        16,
        Cond::School,
    ),
    (
        "school",
        "Your school will find you a quiet place to go when you feel upset.",
        5,
        16,
        Cond::School,
    ),
];
const PATHWAY_DECISIONS: &[(&str, &str)] = &[
    (
        "personal-adviser",
        "{Pa}, your personal adviser, will help you apply for college.",
    ),
    (
        "personal-adviser",
        "{Pa} will help you make a plan for your money.",
    ),
    (
        "personal-adviser",
        "{Pa} will help you look for a flat near your friends.",
    ),
    (
        "personal-adviser",
        "{Pa} will help you apply for your driving licence.",
    ),
    ("personal-adviser", "{Pa} will meet you every month."),
    ("child", "You will go to the job centre with {pa}."),
    ("child", "You will let {pa} know if your money stops."),
    (
        "iro",
        "I will check that your new flat is ready before you move.",
    ),
    ("iro", "I will meet you again before your next meeting."),
    (
        "health",
        "A nurse will talk with you about how you feel and who can help.",
    ),
];

const LATE_REASONS: &[&str] = &[
    "Meeting moved at your mum's request",
    "IRO unwell on the booked day",
    "Care plan not ready",
    "Social worker on leave; meeting rebooked",
    "Meeting moved to fit around a court hearing",
    "Carer unwell on the booked day",
    "Young person asked to move the date",
    "Interpreter not available on the booked day",
    "Due date worked out wrongly when booking",
    "Meeting moved to join up with a brother's or sister's review",
    "Severe weather: the meeting could not go ahead",
    "IRO vacancy: review rebooked with a new IRO",
    "Key reports not ready in time",
];
const LATE_INITIAL: &[&str] = &[
    "Service told late that the child had come into care",
    "Care plan not ready for the first review",
    "Meeting moved at a parent's request",
];
const LATE_STOOD: &[&str] = &[
    "Review stood down on the booked day and rebooked",
    "Stood down: no up to date plan; rebooked",
];

const ALERT_BODIES: &[(&str, &str, &str)] = &[
    (
        "no-plan-stood-down",
        "The review was stood down because the care plan had not been updated since the last review.",
        "The child waited longer for decisions about their future.",
    ),
    (
        "permanence-drift",
        "There was no clear permanence plan at the second review, and the timetable for assessments had slipped.",
        "Delay in planning for where the child will grow up.",
    ),
    (
        "visits-not-done",
        "Statutory visits had not happened within the timescale, and two were not recorded.",
        "No one had checked that the child was safe and well at home for too long.",
    ),
    (
        "documents-not-shared",
        "The care plan and reports were not shared with the child, parents and carers before the review.",
        "The family could not take a proper part in the review.",
    ),
    (
        "health-assessment-overdue",
        "The review health assessment was overdue and had not been requested.",
        "Health needs might not be picked up in time.",
    ),
    (
        "pep-overdue",
        "The personal education plan was out of date and did not set clear targets.",
        "Support at school was not planned.",
    ),
    (
        "decisions-not-progressed",
        "Decisions made at the last review had not been carried out.",
        "Drift in the plan and the child was let down.",
    ),
    (
        "placement-stability",
        "The child moved home without a planning meeting and without the IRO being told.",
        "The move was unsettling and could have been planned better.",
    ),
    (
        "contact-arrangements",
        "Family time agreed at the review had not been set up.",
        "The child had not seen their brother for two months.",
    ),
    (
        "care-leaver-accommodation",
        "No suitable accommodation had been identified three months before the young person's 18th birthday.",
        "Worry and uncertainty for the young person.",
    ),
    (
        "iro-not-informed",
        "The IRO was not told about a significant change in the child's circumstances.",
        "The plan could not be reviewed when it needed to be.",
    ),
];
const ALERT_RESOLUTIONS: &[&str] = &[
    "The team manager agreed a date for the work and it was completed.",
    "The social worker updated the plan and shared it with everyone.",
    "A meeting was held with the team manager and the actions were agreed and done.",
    "The service manager allocated extra time and the task was completed.",
    "The matter was resolved after a discussion with the team manager.",
];
const GOOD_BODIES: &[(&str, &str)] = &[
    (
        "relationship-with-child",
        "The social worker has built a warm, trusting relationship with the child, who now talks openly about their worries.",
    ),
    (
        "good-assessment",
        "A thorough, well written assessment that gave the child's history and wishes real weight.",
    ),
    (
        "advocating-for-child",
        "The social worker pressed hard for a school place near the child's home and got it.",
    ),
    (
        "timely-permanence",
        "The plan for permanence was achieved without delay, keeping the child's needs at the centre.",
    ),
    (
        "family-time",
        "Family time was arranged creatively around school so the child could see both parents.",
    ),
    (
        "child-voice",
        "The child's own words were used throughout the plan, and the child chose who came to the review.",
    ),
];

// ---------------------------------------------------------------------------------
// Rendering one child's records

struct ChildOut {
    files: Vec<(String, String)>,
    reviews: usize,
    stats: GenStats,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Cla,
    Pathway,
}

#[derive(Clone)]
struct Rv {
    kind: Kind,
    first: D,
    last: D,
    due: D,
    stood: Option<&'static str>,
    /// Held reviews of the period before this one (0: the initial review).
    seq: usize,
    period: usize,
    /// The date it was booked for.
    planned: D,
    short: bool,
}

impl Rv {
    fn late(&self) -> bool {
        self.stood.is_none() && self.first > self.due
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Setting {
    Foster,
    Kin,
    Res,
    Semi,
    Adopt,
    Parents,
    Short,
    Own,
}

struct Persona {
    first: &'static str,
    last: &'static str,
    preferred: String,
    pronouns: &'static str,
    eth: &'static str,
    sw_first: &'static str,
    sw_last: &'static str,
    pa: &'static str,
    kw: &'static str,
    sib: &'static str,
    has_sib: bool,
    hobby: &'static str,
    fun: &'static str,
    mum: bool,
    dad: bool,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn date_words(d: D) -> String {
    format!("{} {}", d.day(), MONTHS[d.month0() as usize])
}

fn cap_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

struct Vars<'a> {
    iro: &'a str,
    carer: String,
    carer_cap: String,
    sw: &'a str,
    pa: &'a str,
    kw: &'a str,
    sib: &'a str,
    hobby: &'a str,
    fun: &'a str,
    date: String,
    next: &'a str,
    name: &'a str,
}

fn fill(t: &str, v: &Vars) -> String {
    if !t.contains('{') {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len() + 24);
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let j = match rest[i..].find('}') {
            Some(j) => i + j,
            None => break,
        };
        let key = &rest[i + 1..j];
        out.push_str(match key {
            "iro" => v.iro,
            "carer" => &v.carer,
            "Carer" => &v.carer_cap,
            "sw" | "Sw" => v.sw,
            "pa" | "Pa" => v.pa,
            "kw" => v.kw,
            "sib" => v.sib,
            "hobby" => v.hobby,
            "fun" => v.fun,
            "date" => &v.date,
            "next" => v.next,
            "name" => v.name,
            _ => "",
        });
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    out
}

fn poisson(r: &mut Rng, lambda: f64) -> usize {
    let l = (-lambda).exp();
    let mut k = 0;
    let mut p = 1.0;
    loop {
        p *= r.unit();
        if p <= l || k > 50 {
            return k;
        }
        k += 1;
    }
}

fn ethnicity(r: &mut Rng, uasc: bool) -> &'static str {
    if uasc {
        return r.w(&[("AOTH", 38), ("BAFR", 30), ("OOTH", 20), ("WOTH", 12)]);
    }
    r.w(&[
        ("WBRI", 660),
        ("WIRI", 4),
        ("WIRT", 6),
        ("WOTH", 35),
        ("WROM", 6),
        ("MWBC", 45),
        ("MWBA", 12),
        ("MWAS", 14),
        ("MOTH", 35),
        ("AIND", 6),
        ("APKN", 12),
        ("ABAN", 6),
        ("AOTH", 10),
        ("BCRB", 12),
        ("BAFR", 30),
        ("BOTH", 15),
        ("CHNE", 2),
        ("OOTH", 20),
        ("REFU", 3),
        ("NOBT", 4),
    ])
}

fn persona(r: &mut Rng, life: &Life) -> Persona {
    let eth = ethnicity(r, life.uasc);
    let boy = life.sex == 'M';
    // name pools by background: 0 British/Irish, 1 South Asian, 2 Black African/Caribbean, 3 Eastern European
    let pool = match eth {
        "AIND" | "APKN" | "ABAN" | "AOTH" => 1,
        "MWAS" if r.p(0.5) => 1,
        "BAFR" | "BOTH" => 2,
        "MWBA" | "BCRB" if r.p(0.4) => 2,
        "WOTH" | "WROM" if r.p(0.7) => 3,
        _ => 0,
    };
    let (first, last) = if life.uasc {
        let f = if boy {
            r.pk(UASC_BOYS)
        } else {
            r.pk(UASC_GIRLS)
        };
        (f, r.pk(UASC_SURNAMES))
    } else {
        let names = if boy { BOYS } else { GIRLS };
        let f = match pool {
            1 => names[60 + r.int(0, 9) as usize],
            2 => names[70 + r.int(0, 9) as usize],
            3 => names[80 + r.int(0, 9) as usize],
            _ => names[r.int(0, 59) as usize],
        };
        let l = match (pool, eth) {
            (_, "CHNE") => *r.pick(&["Chen", "Wong", "Li", "Zhang", "Liu", "Lam"]),
            (0, "WIRI" | "WIRT") => SURNAMES[60 + r.int(0, 9) as usize],
            (0, "BCRB") => SURNAMES[85 + r.int(0, 4) as usize],
            (0, _) => SURNAMES[r.int(0, 69) as usize],
            (1, _) => SURNAMES[70 + r.int(0, 9) as usize],
            (2, _) => SURNAMES[80 + r.int(0, 9) as usize],
            _ => SURNAMES[90 + r.int(0, 9) as usize],
        };
        (f, l)
    };
    let preferred = match NICK.iter().find(|(n, _)| *n == first) {
        Some((_, nick)) if r.p(0.35) => nick.to_string(),
        _ => first.to_string(),
    };
    let pronouns = if r.p(0.012) {
        "they/them"
    } else if boy {
        "he/him"
    } else {
        "she/her"
    };
    let avoid = |n: &str| n == first || n == preferred;
    let adult = |r: &mut Rng, not: &[&str]| loop {
        let n = r.pk(ADULT_FIRST);
        if !avoid(n) && !not.contains(&n) {
            break n;
        }
    };
    let sw_first = adult(r, &[]);
    let sw_last = r.pk(SURNAMES);
    let pa = adult(r, &[sw_first]);
    let kw = adult(r, &[sw_first, pa]);
    let sib = *r.pick(&[
        "brother",
        "sister",
        "brothers",
        "sisters",
        "little brother",
        "big sister",
        "baby sister",
    ]);
    Persona {
        first,
        last,
        preferred,
        pronouns,
        eth,
        sw_first,
        sw_last,
        pa,
        kw,
        sib,
        has_sib: r.p(0.7),
        hobby: r.pk(HOBBIES),
        fun: r.pk(YOUNG_FUN),
        mum: !life.uasc && r.p(0.85),
        dad: !life.uasc && r.p(0.5),
    }
}

/// A short, neutral care or pathway plan.
fn plan_body(
    r: &mut Rng,
    per: &Persona,
    life: &Life,
    p: &Period,
    d: D,
    kind: &str,
    perm: Option<&str>,
) -> String {
    let name = per.preferred.as_str();
    let age = age_on(life.dob, d);
    let option = |x: &str| match x {
        "return-home" => "a return home to family",
        "adoption" => "adoption",
        "sgo" => "special guardianship with family members",
        "child-arrangements" => "a child arrangements order to a relative",
        "long-term-fostering" => "long-term fostering",
        "kinship" => "long-term care with relatives",
        "residential" => "residential care",
        "independence" => "a planned move to independence",
        _ => "to be decided",
    };
    let mut s = String::with_capacity(700);
    if kind == "pathway" {
        let _ = writeln!(
            s,
            "Pathway plan for {name}, written with {name} and {}, the personal adviser.\n",
            per.pa
        );
        let home = match p.eps.last().and_then(|e| e.rec) {
            Some("E17") => "Staying put with former foster carers.",
            Some("E6") => "Own tenancy with floating support.",
            _ if p.end.is_none_or(|e| d < e) => "Looked after; planning for the move on at 18.",
            _ => *r.pick(&[
                "Supported lodgings.",
                "Supported accommodation with staff on site.",
                "Own tenancy with floating support.",
            ]),
        };
        let _ = writeln!(s, "- Accommodation: {home}");
        let work = if life.uasc && r.p(0.6) {
            "English classes and a college course"
        } else {
            r.pk(&[
                "college course, level 2",
                "apprenticeship",
                "looking for work with the job centre's help",
                "part-time job and a college course",
            ])
        };
        let _ = writeln!(s, "- Education, training or work: {work}");
        let _ = writeln!(
            s,
            "- Money: {}",
            r.pick(&[
                "budgeting plan agreed; bank account open",
                "benefits claim in progress",
                "setting-up-home allowance partly used"
            ])
        );
        let _ = writeln!(
            s,
            "- Health and wellbeing: {}",
            r.pick(&[
                "registered with a GP and dentist",
                "health passport given",
                "referred for emotional health support"
            ])
        );
        let rel: &[&str] = if life.uasc {
            &[
                "in touch with friends and a community group",
                "keeps in touch with former carers",
                "trying to trace family through the Red Cross",
            ]
        } else {
            &[
                "in touch with family and friends",
                "rebuilding contact with mother",
                "keeps in touch with former carers",
            ]
        };
        let _ = writeln!(s, "- Relationships: {}", r.pick(rel));
        return s;
    }
    let ep = p.ep_at(d);
    match perm {
        Some(x) => {
            let _ = writeln!(
                s,
                "Care plan for {name}. The plan for permanence is {}; the contingency is {}.\n",
                option(x),
                option(p.contingency)
            );
        }
        None => {
            let _ = writeln!(
                s,
                "Care plan for {name}. Assessments are under way and the plan for permanence is not yet settled; parallel planning is in place.\n"
            );
        }
    }
    let home = match ep.place {
        "U1" | "U2" | "U3" => "with relatives (family and friends foster care)",
        "U4" => "with long-term foster carers",
        "U5" => "with foster carers who are also approved adopters",
        "U6" => "with foster carers",
        "A3" | "A4" | "A5" | "A6" => "with prospective adopters",
        "K1" => "in a secure children's home",
        "K2" => "in a children's home",
        "R1" => "in a residential care home",
        "S1" => "at a residential school",
        "H5" => "in supported accommodation",
        "P1" => "at home with parents, under a care order",
        _ => "in short breaks away from home",
    };
    let _ = writeln!(s, "- Home: lives {home}.");
    let family = if matches!(ep.place, "A3" | "A4" | "A5" | "A6") {
        "letterbox contact with birth family twice a year".to_string()
    } else if p.short_breaks() {
        "lives at home; short breaks as agreed".to_string()
    } else {
        format!(
            "{} with {}",
            r.pick(&["weekly", "fortnightly", "monthly"]),
            if per.mum { "mother" } else { "family" }
        ) + if per.has_sib { " and siblings" } else { "" }
    };
    let _ = writeln!(s, "- Family time: {family}.");
    let _ = writeln!(
        s,
        "- Health: {}.",
        r.pick(&[
            "health assessment up to date; dentist every six months",
            "health needs met; immunisations up to date",
            "referred for emotional health support"
        ])
    );
    let edu = match age {
        0..=2 => "stay and play sessions with the carer",
        3..=4 => "nursery, 15 hours a week",
        5..=15 => *r.pick(&[
            "attends local primary school; education plan reviewed each term",
            "attends secondary school; education plan reviewed each term",
            "special school placement; education plan reviewed each term",
        ]),
        _ => *r.pick(&["college course", "sixth form", "training provider"]),
    };
    let edu = if (5..=15).contains(&age) {
        if age < 11 {
            edu.replace("secondary", "primary")
        } else {
            edu.replace("primary", "secondary")
        }
    } else {
        edu.to_string()
    };
    let _ = writeln!(s, "- Education: {edu}.");
    if age >= 4 {
        let _ = writeln!(
            s,
            "- {name}'s views: {}",
            r.pick(&[
                "wants to stay in this home.",
                "wants to see family more often.",
                "wants to stay at the same school.",
                "would like more say in decisions."
            ])
        );
    }
    s
}

fn late_days(r: &mut Rng) -> i64 {
    match r.w(&[(0, 45), (1, 30), (2, 18), (3, 7)]) {
        0 => r.int(1, 3),
        1 => r.int(4, 8),
        2 => r.int(9, 15),
        _ => r.int(16, 30),
    }
}

fn stood_reason(r: &mut Rng) -> &'static str {
    r.w(&[
        ("no-care-plan", 45),
        ("documents-not-shared", 15),
        ("child-unwell", 12),
        ("parent-unavailable", 18),
        ("other", 10),
    ])
}

impl World {
    fn iro_at(&self, ci: usize, d: D) -> usize {
        let a = &self.alloc[ci];
        let mut k = a[0].1;
        for &(f, i) in a {
            if f <= d {
                k = i;
            }
        }
        k
    }

    /// How a review due on `due` and booked for `planned` goes: an optional
    /// stand-down on the booked day, then the held review's first and last meetings
    /// (None: not held on or before `cap`, which ends this chain of reviews).
    #[allow(clippy::too_many_arguments)]
    fn hold(
        &self,
        r: &mut Rng,
        planned: D,
        due: D,
        cap: D,
        prev: Option<D>,
        initial: bool,
        sd_scale: f64,
    ) -> (Option<D>, Option<(D, D)>) {
        let ctx = &self.ctx;
        let must = due <= cap;
        if planned > cap && !must {
            return (None, None);
        }
        let stood = r.p(ctx.stand_down_p(due) * sd_scale);
        let late = !stood && r.p(ctx.late_p(due) * if initial { 1.15 } else { 1.0 });
        let mut sd = None;
        let mut first = planned;
        if stood {
            sd = Some(planned);
            first = ctx.awd(planned, r.int(4, 20));
        } else if late {
            first = ctx.awd(due, late_days(r));
        }
        if first > cap {
            if !must {
                return (sd.filter(|&s| s <= cap), None);
            }
            let c = ctx.wd_before(cap);
            let floor = sd.or(prev).unwrap_or(c - days(1));
            first = if c > floor { c } else { cap };
            if sd.is_some_and(|s| s >= first) {
                sd = None;
            }
            if prev.is_some_and(|p| first <= p) {
                first = cap;
            }
        }
        let last = if r.p(0.03) {
            let l = ctx.awd(first, r.int(1, 5));
            if l <= cap { l } else { first }
        } else {
            first
        };
        (sd, Some((first, last)))
    }

    fn schedule_cla(&self, r: &mut Rng, life: &Life, pi: usize, force: bool, out: &mut Vec<Rv>) {
        let ctx = &self.ctx;
        let p = &life.periods[pi];
        let b18 = bday(life.dob, 18);
        let mut cap = ctx.end.min(b18 - days(1));
        if let Some(e) = p.end {
            cap = cap.min(e - days(1));
        }
        let short = p.short_breaks();
        let force = force && pi + 1 == life.periods.len();
        let mut prev: Option<D> = None;
        let mut held = 0usize;
        let mut anchor: Option<D> = None;
        let mut since_anchor = 0usize;
        let anchors = p.adoption_anchors();
        let mut forced_early = false;
        for _ in 0..500 {
            let regular = match (short, held, prev) {
                (true, 0, _) | (true, _, None) => add_months(p.start, 3),
                (true, _, Some(pv)) => add_months(pv, 6),
                (false, 0, _) | (false, _, None) => ctx.awd(p.start, 20),
                (false, 1, Some(pv)) => add_months(pv, 3),
                (false, _, Some(pv)) => add_months(pv, 6),
            };
            let mut due = regular;
            let after = prev.unwrap_or(p.start - days(1));
            // authority to place (AAR 36(1)): a review within 3 months of it
            if let Some(a) = p
                .authority_anchors()
                .into_iter()
                .find(|&a| a > after && a <= regular)
            {
                due = due.min(add_months(a, 3));
            }
            let mut planned_at: Option<D> = None;
            // placed for adoption since the last review: 28 days, then 3 months (kept
            // after a disruption too, which is the stricter reading)
            // (when the placement is too close to the regular deadline, the regular review
            // is held before it and the placement's review comes next)
            let mut before_placement: Option<D> = None;
            if let Some(a) = anchors.iter().copied().find(|&a| a > after && a <= regular)
                && anchor != Some(a)
            {
                if a + days(12) <= due {
                    anchor = Some(a);
                    since_anchor = 0;
                } else {
                    before_placement = Some(a);
                }
            }
            if let Some(a) = anchor {
                if since_anchor == 0 {
                    due = due.min(a + days(28));
                    planned_at = Some(a + days(r.int(12, 26)));
                } else if since_anchor == 1
                    && let Some(pv) = prev
                {
                    due = due.min(add_months(pv, 3));
                }
            }
            let mut planned = if let Some(x) = planned_at {
                ctx.wd_after(x)
            } else if !short && held == 0 {
                ctx.awd(p.start, r.int(10, 19))
            } else {
                let before = if short && held == 0 {
                    r.int(5, 40)
                } else if held == 1 {
                    r.int(3, 25)
                } else {
                    r.w(&[(0, 20), (1, 60), (2, 20)]) * 12 + r.int(5, 12)
                };
                ctx.wd_before(due - days(before))
            };
            let lower = match prev {
                Some(pv) => pv + days(14),
                None => ctx.awd(p.start, 5),
            };
            if planned < lower {
                planned = ctx.wd_after(lower);
            }
            if planned > due {
                let w = ctx.wd_before(due);
                planned = if w > after { w } else { due };
            }
            if let Some(a) = before_placement
                && planned >= a
            {
                let w = ctx.wd_before(a - days(1));
                planned = if w > after { w } else { a - days(1) };
            }
            if force
                && held >= 2
                && due <= ctx.end - days(3)
                && add_months(due, 6) > ctx.end - days(3)
            {
                if due >= ctx.end - days(45) || forced_early {
                    // the one overdue review at the end: stood down for want of a plan, not yet rebooked
                    if planned <= cap {
                        out.push(Rv {
                            kind: Kind::Cla,
                            first: planned,
                            last: planned,
                            due,
                            stood: Some("no-care-plan"),
                            seq: held,
                            period: pi,
                            planned,
                            short,
                        });
                    }
                    return;
                }
                // hold this one early enough that the next falls due a few weeks before the end
                let target = ctx.end - days(r.int(8, 40));
                if let Some(h) = target
                    .checked_sub_months(chrono::Months::new(6))
                    .map(|h| ctx.wd_before(h))
                    && h > lower
                    && h <= due
                {
                    out.push(Rv {
                        kind: Kind::Cla,
                        first: h,
                        last: h,
                        due,
                        stood: None,
                        seq: held,
                        period: pi,
                        planned: h,
                        short,
                    });
                    prev = Some(h);
                    held += 1;
                    forced_early = true;
                    continue;
                }
                forced_early = true;
                continue;
            }
            let (sd, heldd) = self.hold(r, planned, due, cap, prev, held == 0, 1.0);
            if let Some(s) = sd {
                out.push(Rv {
                    kind: Kind::Cla,
                    first: s,
                    last: s,
                    due,
                    stood: Some(stood_reason(r)),
                    seq: held,
                    period: pi,
                    planned: s,
                    short,
                });
            }
            let Some((first, last)) = heldd else { return };
            out.push(Rv {
                kind: Kind::Cla,
                first,
                last,
                due,
                stood: None,
                seq: held,
                period: pi,
                planned,
                short,
            });
            // a placement for adoption that began before this review (booked before it) makes
            // this the first review of the placement
            if let Some(a) = anchors.iter().copied().rfind(|&a| a > after && a <= last)
                && anchor != Some(a)
            {
                anchor = Some(a);
                since_anchor = 0;
            }
            prev = Some(last);
            held += 1;
            if anchor.is_some() {
                since_anchor += 1;
            }
        }
    }

    /// CPPCR 33(3)(e): a child accommodated under s.20 (V2) whose care ends
    /// other than by going home is reviewed before it ends. All are but one
    /// (`skip`, the rule at work): a review in the 8 weeks before the end,
    /// when the last one was earlier.
    #[allow(clippy::too_many_arguments)]
    fn review_before_ceasing(
        &self,
        r: &mut Rng,
        life: &Life,
        pi: usize,
        n0: usize,
        skip: bool,
        out: &mut Vec<Rv>,
    ) {
        let ctx = &self.ctx;
        let p = &life.periods[pi];
        let (Some(end), Some(last)) = (p.end, p.eps.last()) else {
            return;
        };
        let home = crate::codes::ReasonEnded::parse(last.rec.unwrap_or("E8"))
            .is_some_and(|r| r.no_review_before_ceasing());
        if last.ls != "V2" || home || end + days(1) >= bday(life.dob, 18) || end > ctx.end {
            return;
        }
        let held: Vec<D> = out[n0..]
            .iter()
            .filter(|v| v.stood.is_none() && v.kind == Kind::Cla)
            .map(|v| v.last)
            .collect();
        let prev = held.iter().copied().max();
        if prev.is_some_and(|pv| pv >= end - days(56)) || skip {
            return;
        }
        let d = ctx.wd_before(end - days(r.int(3, 30)));
        let lower = prev.map_or(ctx.awd(p.start, 5), |pv| pv + days(14));
        if d < lower || d >= end {
            return;
        }
        let due = match (held.len(), prev) {
            (_, None) => ctx.awd(p.start, 20),
            (1, Some(pv)) => add_months(pv, 3),
            (_, Some(pv)) => add_months(pv, 6),
        };
        out.push(Rv {
            kind: Kind::Cla,
            first: d,
            last: d,
            due,
            stood: None,
            seq: held.len(),
            period: pi,
            planned: d,
            short: false,
        });
    }

    fn schedule_pathway(&self, r: &mut Rng, life: &Life, out: &mut Vec<Rv>) {
        let ctx = &self.ctx;
        let lp = life.periods.len() - 1;
        let mut taken: Vec<D> = out.iter().map(|v| v.last).collect();
        let mut last_pw: Option<D> = None;
        if let (true, Some(ef)) = (life.pathway_in_care, life.eligible_from) {
            let p = &life.periods[lp];
            let mut cap = ctx.end.min(bday(life.dob, 18) - days(1));
            if let Some(e) = p.end {
                cap = cap.min(e - days(1));
            }
            let mut dates: Vec<D> = out
                .iter()
                .filter(|v| v.period == lp)
                .map(|v| v.first)
                .collect();
            dates.sort();
            let cla: Vec<D> = out
                .iter()
                .filter(|v| {
                    v.period == lp && v.stood.is_none() && v.last >= ef && v.kind == Kind::Cla
                })
                .map(|v| v.last)
                .collect();
            for cl in cla {
                let next = dates.iter().find(|&&d| d > cl).copied();
                let limit = next.map(|n| n - days(1)).unwrap_or(cap).min(cap);
                // due 6 months after the previous review of any kind: the cla review just held
                let due = add_months(cl, 6);
                let mut d = ctx.awd(cl, r.int(1, 4));
                if d > due && ctx.wd_before(due) > cl {
                    d = ctx.wd_before(due);
                }
                if d > limit {
                    continue;
                }
                let Some(d) = claim(ctx, &mut taken, d, limit) else {
                    continue;
                };
                if d <= cl {
                    continue;
                }
                out.push(Rv {
                    kind: Kind::Pathway,
                    first: d,
                    last: d,
                    due,
                    stood: None,
                    seq: 0,
                    period: lp,
                    planned: d,
                    short: false,
                });
                last_pw = Some(d);
            }
        }
        // To 21 after leaving care; to the end of the six months at home
        // after going home (CLR 3).
        let (left, cap) = match (life.leaver, life.home_leaver) {
            (Some(l), _) => (l, ctx.end.min(bday(life.dob, 21) - days(1))),
            (None, Some(h)) => (h, ctx.end.min(home_settled(h) - days(1))),
            (None, None) => return,
        };
        let mut prev_any = out
            .iter()
            .filter(|v| v.stood.is_none())
            .map(|v| v.last)
            .max()
            .unwrap_or(left);
        for _ in 0..100 {
            let mut due = add_months(prev_any, 6);
            if let Some(x) = last_pw {
                due = due.min(add_months(x, 6));
            }
            let mut planned = ctx.wd_before(due - days(r.int(5, 35)));
            let lower = (prev_any + days(14)).max(left);
            if planned < lower {
                planned = ctx.wd_after(lower);
            }
            let (sd, heldd) = self.hold(r, planned, due, cap, Some(prev_any), false, 0.5);
            if let Some(s) = sd
                && claim(ctx, &mut taken, s, cap).is_some()
            {
                out.push(Rv {
                    kind: Kind::Pathway,
                    first: s,
                    last: s,
                    due,
                    stood: Some(stood_reason(r)),
                    seq: 0,
                    period: lp,
                    planned: s,
                    short: false,
                });
            }
            let Some((first, last)) = heldd else { return };
            if taken.contains(&last) {
                return;
            }
            taken.push(last);
            out.push(Rv {
                kind: Kind::Pathway,
                first,
                last,
                due,
                stood: None,
                seq: 0,
                period: lp,
                planned,
                short: false,
            });
            prev_any = last;
            last_pw = Some(last);
        }
    }
}

/// Real postcodes of one local authority (E09000027), which the DfE
/// validator's reference data places, for homes and most placements.
const POSTCODES_IN: &[&str] = &[
    "TW9 1DN", "TW9 3AA", "TW10 6UA", "TW1 3SX", "TW2 5PJ", "TW11 8AA", "SW14 8SN", "TW1 1EH",
];
/// Real postcodes in other English authorities, for placements out of area.
const POSTCODES_OUT: &[&str] = &[
    "W6 9JU", "W6 7BT", "KT1 1EU", "M1 1AE", "BS1 5TR", "LS1 1UR", "B1 1BB", "OX1 1BX", "GU1 4RR",
];

/// A unique pupil number for child `ci`: the DfE's check letter, then 12
/// digits (`ssda903::values::check_letter`, the one home of the algorithm).
pub fn upn(ci: usize) -> String {
    let body = format!("318{:09}", ci + 1);
    let letter = crate::ssda903::values::check_letter(&body).unwrap_or('A');
    format!("{letter}{body}")
}

impl World {
    fn render_child(&self, ci: usize) -> ChildOut {
        let ctx = &self.ctx;
        let life = &self.lives[ci];
        let mut r = Rng::new(self.opts.seed, 4 * ci as u64 + 2);
        let per = persona(&mut r, life);
        let end = ctx.end;
        let dob = life.dob;

        // ---- reviews
        let mut revs: Vec<Rv> = Vec::new();
        for pi in 0..life.periods.len() {
            let n0 = revs.len();
            self.schedule_cla(&mut r, life, pi, self.overdue_child == Some(ci), &mut revs);
            let skip = self.unreviewed_leaver == Some(ci);
            self.review_before_ceasing(&mut r, life, pi, n0, skip, &mut revs);
        }
        self.schedule_pathway(&mut r, life, &mut revs);
        revs.sort_by_key(|v| v.last);

        // ---- carers, one phrase per episode (same carers keep the phrase)
        let mut ep_carer: Vec<Vec<(String, Setting)>> = Vec::new();
        let mut prev_phrase: Option<(String, Setting)> = None;
        for p in &life.periods {
            let mut v = Vec::new();
            for e in &p.eps {
                let same = matches!(e.rne, "L" | "T" | "U");
                let ph = match (same, &prev_phrase) {
                    (true, Some(x)) if !matches!(e.place, "A5" | "A6") => x.clone(),
                    _ => self.carer_phrase(&mut r, e.place, p.short_breaks(), &per),
                };
                prev_phrase = Some(ph.clone());
                v.push(ph);
            }
            ep_carer.push(v);
        }
        let carer_at = |pi: usize, d: D| -> (String, Setting) {
            let p = &life.periods[pi];
            let mut idx = 0;
            for (k, e) in p.eps.iter().enumerate() {
                if e.start <= d {
                    idx = k;
                }
            }
            ep_carer[pi][idx].clone()
        };

        // ---- plans: care plans per period and before each review; pathway plans
        let mut plans: Vec<(D, &'static str, Option<&'static str>, Option<D>)> = Vec::new(); // date, kind, permanence, endorsed
        let mut plan_taken: Vec<(D, &'static str)> = Vec::new();
        let mut review_plan: Vec<Option<D>> = vec![None; revs.len()];
        let mut review_perm: Vec<Option<&'static str>> = vec![None; revs.len()];
        for (k, v) in revs.iter().enumerate() {
            if v.stood.is_some() {
                continue;
            }
            let p = &life.periods[v.period];
            review_perm[k] = match v.kind {
                Kind::Pathway => Some("independence"),
                Kind::Cla => {
                    let chance = if v.seq == 0 { 0.5 } else { 0.985 };
                    if r.p(chance) {
                        Some(if p.path == Route::Teen && age_on(dob, v.last) >= 16 {
                            "independence"
                        } else {
                            p.perm
                        })
                    } else {
                        None
                    }
                }
            };
        }
        for (pi, p) in life.periods.iter().enumerate() {
            let mut d = ctx.awd(p.start, r.int(1, 8));
            if d > end {
                continue;
            }
            let first_held = revs.iter().position(|v| {
                v.period == pi && v.kind == Kind::Cla && v.stood.is_none() && v.seq == 0
            });
            // One interim care order whose plan, made for the court (s.31A),
            // came after 10 working days: not a finding.
            let late = ctx.awd(p.start, 13);
            if self.late_plan_court == Some((ci, pi))
                && late <= end
                && first_held.is_some_and(|k| revs[k].first > late)
            {
                d = late;
            }
            let perm = first_held.and_then(|k| review_perm[k]).or(if r.p(0.5) {
                Some(p.perm)
            } else {
                None
            });
            let endorsed = first_held.map(|k| revs[k].last);
            plans.push((d, "care", perm, endorsed));
            plan_taken.push((d, "care"));
            if let Some(k) = first_held {
                review_plan[k] = Some(d);
            }
        }
        for k in 0..revs.len() {
            let v = &revs[k];
            if v.stood.is_some() || review_plan[k].is_some() {
                continue;
            }
            let kind = if v.kind == Kind::Cla {
                "care"
            } else {
                "pathway"
            };
            // after the previous review of the same kind (held or stood down)
            let lower = revs[..k]
                .iter()
                .filter(|w| w.kind == v.kind || v.kind == Kind::Pathway)
                .map(|w| w.last)
                .max()
                .map(|x| x + days(1))
                .unwrap_or(v.first - days(20));
            let mut d = v.first - days(r.int(1, 10));
            if d < lower {
                d = lower.min(v.first);
            }
            while plan_taken.contains(&(d, kind)) && d < v.first {
                d += days(1);
            }
            if plan_taken.contains(&(d, kind)) {
                continue;
            }
            plan_taken.push((d, kind));
            review_plan[k] = Some(d);
            plans.push((d, kind, review_perm[k], Some(v.last)));
        }
        // an eligible child's pathway plan, made within 3 months of becoming
        // eligible (CPPCR 42-43), unless one already was
        if let Some(ef) = life.eligible_from
            && self.no_pathway_plan != Some(ci)
        {
            let d = ef + days(r.int(7, 60));
            let by = add_months(ef - days(7), 3);
            let has = plan_taken.iter().any(|&(x, k)| k == "pathway" && x <= by);
            if !has && d <= end {
                plan_taken.push((d, "pathway"));
                plans.push((d, "pathway", Some("independence"), None));
            }
        }

        // ---- health assessments and education plans
        let mut has: Vec<D> = Vec::new();
        let mut peps: Vec<D> = Vec::new();
        for (pi, p) in life.periods.iter().enumerate() {
            let pend = p.end.unwrap_or(end + days(1)).min(end + days(1));
            let first_rev = revs
                .iter()
                .filter(|v| v.period == pi && v.kind == Kind::Cla)
                .map(|v| v.first)
                .min();
            let mut d = p.start + days(r.int(3, 12));
            if let Some(f) = first_rev
                && d >= f
            {
                d = p.start.max(f - days(1));
            }
            while d < pend && d < bday(dob, 18) {
                has.push(d);
                let step = if age_on(dob, d) < 5 {
                    r.int(150, 176)
                } else {
                    r.int(290, 355)
                };
                d += days(step);
            }
            if !p.short_breaks() {
                let mut y = Ctx::ryear(p.start);
                while ymd(y, 4, 1) < pend {
                    let sep = ymd(y, 9, 1);
                    let age_sep = age_on(dob, sep);
                    if (4..=15).contains(&age_sep) {
                        for (a, b) in [
                            ((y, 10, 1), (y, 11, 28)),
                            ((y + 1, 1, 12), (y + 1, 3, 14)),
                            ((y + 1, 4, 24), (y + 1, 6, 28)),
                        ] {
                            let x = r.date_in(ymd(a.0, a.1, a.2), ymd(b.0, b.1, b.2));
                            let x = ctx.wd_before(x);
                            if x >= p.start + days(15) && x < pend && x <= end {
                                peps.push(x);
                            }
                        }
                    }
                    y += 1;
                }
            }
        }
        // A PEP meeting shortly before each review of a child of compulsory
        // school age, besides the termly ones.
        let (school_from, school_to) = crate::calendar::compulsory_school_age(dob);
        for v in revs.iter().filter(|v| v.kind == Kind::Cla && !v.short) {
            let p = &life.periods[v.period];
            if v.first < school_from || v.first > school_to {
                continue;
            }
            let x = ctx.wd_before(v.first - days(r.int(3, 12)));
            if x > p.start && x <= end {
                peps.push(x);
            }
        }
        if self.stale_ha_child == Some(ci) {
            // one intended gap: the health assessment slipped past a review this year
            let cur = ymd(Ctx::ryear(end), 4, 1);
            if let Some(rv) = revs.iter().find(|v| {
                v.kind == Kind::Cla
                    && v.stood.is_none()
                    && v.first >= cur
                    && age_on(dob, v.first) >= 5
            }) {
                let rd = rv.first;
                let prev = revs
                    .iter()
                    .filter(|w| w.kind == Kind::Cla && w.stood.is_none() && w.last < rd)
                    .map(|w| w.last)
                    .max()
                    .unwrap_or(rd - days(30));
                has.retain(|&h| !(h >= rd - days(366) && h <= rd));
                let span = ((rd - prev).num_days() - 2).clamp(0, 20);
                has.push(rd - days(367 + r.int(0, span)));
                let catch_up = rd + days(r.int(10, 40));
                if catch_up <= end {
                    has.push(catch_up);
                }
            }
        }
        if self.lapsed_ha_child == Some(ci) {
            // one lapse between reviews: the assessment due 12 months after
            // one made 370 days before the end was not done, and no review
            // has been held since it fell due
            let last_rev = revs
                .iter()
                .filter(|v| v.kind == Kind::Cla && v.stood.is_none() && v.last <= end)
                .map(|v| v.last)
                .max();
            let a = end - days(370);
            if last_rev.is_some_and(|l| l < end - days(6) && l > a) {
                has.retain(|&h| h < a);
                has.push(a);
            }
        }
        has.sort();
        has.dedup();
        peps.sort();
        peps.dedup();

        // ---- files
        let mut files: Vec<(String, String)> = Vec::new();
        let mut stats = GenStats::default();
        let mut n_reviews = 0;
        let mut written_by: Vec<usize> = Vec::new();
        let b4 = bday(dob, 4);
        for (k, v) in revs.iter().enumerate() {
            let iro = self.iro_at(ci, v.last);
            let mut chair = iro;
            let mut cover = false;
            if v.stood.is_none() && r.p(0.015) {
                let others: Vec<usize> = (0..self.iros.len())
                    .filter(|&j| {
                        j != iro && self.iros[j].active(v.first) && self.iros[j].active(v.last)
                    })
                    .collect();
                if !others.is_empty() {
                    chair = *r.pick(&others);
                    cover = true;
                }
            }
            let pi = v.period;
            let p = &life.periods[pi];
            let age = age_on(dob, v.last);
            let after_care = v.kind == Kind::Pathway && p.end.is_some_and(|e| v.last >= e);
            let (carer, setting) = if after_care {
                let rec = p.eps.last().and_then(|e| e.rec).unwrap_or("E8");
                if rec == "E17" {
                    (
                        carer_at(pi, p.end.expect("ended") - days(1)).0,
                        Setting::Foster,
                    )
                } else {
                    ("your support worker".to_string(), Setting::Own)
                }
            } else {
                carer_at(pi, v.last)
            };
            let ep = p.ep_at(v.last);
            let in_court = !after_care && matches!(ep.ls, "C1" | "L1" | "L2")
                || (ep.ls == "E1" && !matches!(ep.place, "A5" | "A6"));
            let band = if v.kind == Kind::Pathway {
                Band::Adult
            } else if age < 8 {
                Band::Small
            } else if age < 13 {
                Band::Middle
            } else {
                Band::Teen
            };
            let iro_first = self.iros[chair].first;
            let mut fm = String::with_capacity(1200);
            fm.push_str("---\n");
            let _ = writeln!(
                fm,
                "kind: {}",
                if v.kind == Kind::Cla {
                    "cla"
                } else {
                    "pathway"
                }
            );
            let _ = writeln!(fm, "iro: {}", self.iros[chair].id);
            if cover {
                fm.push_str("cover: true\n");
            }
            let vars = Vars {
                iro: iro_first,
                carer_cap: cap_first(&carer),
                carer,
                sw: per.sw_first,
                pa: per.pa,
                kw: per.kw,
                sib: per.sib,
                hobby: per.hobby,
                fun: per.fun,
                date: date_words(v.last),
                next: if v.kind == Kind::Cla && v.seq == 0 && !v.short {
                    "three"
                } else {
                    "six"
                },
                name: &per.preferred,
            };
            n_reviews += 1;
            if let Some(reason) = v.stood {
                let _ = writeln!(fm, "stood_down: {{ reason: {reason} }}");
                fm.push_str("---\n");
                let why = STOOD_REASON
                    .iter()
                    .find(|x| x.0 == reason)
                    .map(|x| x.1)
                    .unwrap_or(STOOD_REASON[4].1);
                let _ = write!(
                    fm,
                    "Dear {},\n\nWe planned to have your meeting today, but we have moved it to a new day. {} I am sorry about this. We will meet again soon, and {} will tell you the new date.\n\nFrom {}\n",
                    per.preferred, why, per.sw_first, iro_first
                );
                files.push((format!("reviews/{}.md", v.last), fm));
                continue;
            }
            let yr = Ctx::ryear(v.last);
            let e = stats.held.entry(yr).or_default();
            e.0 += 1;
            if v.late() {
                e.1 += 1;
            }
            if v.first != v.last {
                let _ = writeln!(fm, "meetings: [{}, {}]", v.first, v.last);
            }
            // participation
            let prog = ctx.progress(v.last);
            let pn: Option<&str> = if v.kind == Kind::Cla && !v.short {
                Some(if v.last < b4 {
                    "PN0"
                } else if age < 8 {
                    r.w(&[
                        ("PN1", 40),
                        ("PN3", 25),
                        ("PN6", 20),
                        ("PN2", 4),
                        ("PN5", 3),
                        ("PN4", 3),
                        ("PN7", 5),
                    ])
                } else if age < 13 {
                    r.w(&[
                        ("PN1", 62),
                        ("PN3", 8),
                        ("PN6", 14),
                        ("PN2", 5),
                        ("PN5", 5),
                        ("PN4", 2),
                        ("PN7", 4),
                    ])
                } else {
                    r.w(&[
                        ("PN1", 62),
                        ("PN6", 12),
                        ("PN2", 6),
                        ("PN5", 9),
                        ("PN4", 3),
                        ("PN7", 8),
                    ])
                })
            } else {
                None
            };
            if let Some(pn) = pn {
                let _ = writeln!(fm, "participation: {pn}");
            }
            let attended_child = match (v.kind, pn) {
                (Kind::Pathway, _) => r.p(0.72 + 0.1 * prog),
                (_, Some(c)) => {
                    matches!(c, "PN1" | "PN2" | "PN3" | "PN4") || (c == "PN0" && r.p(0.3))
                }
                (_, None) => r.p(0.5),
            };
            let seen = if matches!(pn, Some("PN7")) {
                r.p(0.35)
            } else if matches!(pn, Some("PN0")) {
                r.p(0.75)
            } else {
                r.p(0.86 + 0.08 * prog)
            };
            let _ = writeln!(fm, "seen_before: {seen}");
            let chaired = if age >= 12 && attended_child && matches!(pn, None | Some("PN1")) {
                let x = r.unit();
                if x < 0.012 + 0.035 * prog {
                    "chair"
                } else if x < 0.04 + 0.12 * prog {
                    "co-chair"
                } else {
                    "none"
                }
            } else {
                "none"
            };
            let _ = writeln!(fm, "chaired_by_child: {chaired}");
            // attended
            let mut att: Vec<&str> = Vec::new();
            if attended_child {
                att.push("child");
            }
            let has_carer = !matches!(setting, Setting::Parents | Setting::Own | Setting::Short);
            if has_carer && r.p(0.93) {
                att.push("carer");
            }
            if (v.kind == Kind::Cla || !after_care) && r.p(0.97) {
                att.push("social-worker");
            }
            let adopt = p.path == Route::Adoption && ep.ls == "E1";
            if per.mum && !adopt && !after_care && r.p(0.45) {
                att.push("mother");
            }
            if per.dad && !adopt && !after_care && r.p(0.3) {
                att.push("father");
            }
            if matches!(pn, Some("PN2" | "PN5")) {
                att.push("advocate");
            }
            if (v.kind == Kind::Pathway || age >= 16)
                && r.p(if v.kind == Kind::Pathway { 0.92 } else { 0.55 })
            {
                att.push("personal-adviser");
            }
            if (5..=16).contains(&age) && v.kind == Kind::Cla && r.p(0.22) {
                att.push("teacher");
            }
            if in_court && r.p(0.3) {
                att.push("childrens-guardian");
            }
            if life.uasc && r.p(0.5) {
                att.push("interpreter");
            }
            if att.is_empty() {
                att.push("social-worker");
            }
            let _ = writeln!(fm, "attended: [{}]", att.join(", "));
            // consultation forms
            fm.push_str("consultations:\n");
            let lift = 0.05 * prog;
            let party = |fm: &mut String, r: &mut Rng, name: &str, sent: i64, rate: f64| {
                if sent > 0 {
                    let mut back = 0;
                    for _ in 0..sent {
                        if r.p(rate + lift) {
                            back += 1;
                        }
                    }
                    let _ = writeln!(fm, "  {name}: [{sent}, {back}]");
                }
            };
            party(&mut fm, &mut r, "child", if age >= 5 { 1 } else { 0 }, 0.11);
            let parents = if after_care || adopt {
                0
            } else {
                per.mum as i64 + (per.dad && r.p(0.6)) as i64
            };
            party(&mut fm, &mut r, "parent", parents, 0.09);
            party(
                &mut fm,
                &mut r,
                "carer",
                if has_carer { 1 } else { 0 },
                0.27,
            );
            let n = if v.kind == Kind::Cla || r.p(0.3) {
                1
            } else {
                0
            };
            party(&mut fm, &mut r, "health", n, 0.26);
            let n = if (5..=16).contains(&age) || (v.kind == Kind::Pathway && r.p(0.4)) {
                1
            } else {
                0
            };
            party(&mut fm, &mut r, "education", n, 0.3);
            let n = if in_court || r.p(0.35) { 1 } else { 0 };
            party(&mut fm, &mut r, "other", n, 0.07);
            if let Some(pd) = review_plan[k] {
                let _ = writeln!(fm, "care_plan: {pd}");
            }
            let _ = writeln!(fm, "permanence: {}", review_perm[k].unwrap_or("null"));
            // decisions
            let n_dec = if age < 4 {
                r.int(2, 3) as usize
            } else {
                r.w(&[(2, 25), (3, 40), (4, 25), (5, 10)])
            };
            let mut decs: Vec<(&str, String)> = Vec::new();
            if v.kind == Kind::Pathway {
                for (who, t) in r.some(PATHWAY_DECISIONS, n_dec) {
                    decs.push((who, fill(t, &vars)));
                }
            } else {
                let school = (5..=16).contains(&age);
                let foster = matches!(setting, Setting::Foster | Setting::Kin);
                let cands: Vec<&(&str, &str, i32, i32, Cond)> = DECISIONS
                    .iter()
                    .filter(|d| age >= d.2 && age <= d.3)
                    .filter(|d| match d.4 {
                        Cond::Any => true,
                        Cond::Sib => per.has_sib,
                        Cond::Court => in_court,
                        Cond::Foster => foster && p.path != Route::Adoption,
                        Cond::School => school,
                        Cond::NotAdopt => p.path != Route::Adoption && !life.uasc,
                    })
                    .filter(|d| d.0 != "carer" || has_carer)
                    .filter(|d| d.0 != "parent" || (per.mum && per.dad))
                    .collect();
                for d in r.some(&cands, n_dec) {
                    decs.push((d.0, fill(d.1, &vars)));
                }
            }
            fm.push_str("decisions:\n");
            for (who, text) in &decs {
                let hi = (v.last + days(120)).min(end);
                let lo = (v.last + days(14)).min(hi);
                let by = r.date_in(lo, hi);
                let _ = writeln!(fm, "  - {{ text: {}, who: {who}, by: {by} }}", q(text));
            }
            let sent = if r.p(0.99) {
                ctx.awd(v.last, r.w(&[(1, 30), (2, 30), (3, 20), (4, 12), (5, 8)]))
            } else {
                ctx.awd(v.last, r.int(6, 12))
            };
            if sent <= end {
                let _ = writeln!(fm, "decisions_sent: {sent}");
            }
            let done = if r.p(0.99) {
                ctx.awd(v.last, r.int(5, 20)).max(sent)
            } else {
                ctx.awd(v.last, r.int(21, 35))
            };
            if done <= end {
                let _ = writeln!(fm, "record_completed: {done}");
            }
            let next = revs[k + 1..]
                .iter()
                .find(|w| w.kind == v.kind && w.period == v.period)
                .map(|w| w.planned);
            if let Some(nx) = next
                && nx <= end
                && nx > v.last
                && r.p(0.85)
            {
                let _ = writeln!(fm, "next_review: {nx}");
            }
            if v.late() {
                let reason = if revs[..k]
                    .last()
                    .is_some_and(|w| w.stood.is_some() && w.kind == v.kind)
                {
                    r.pk(LATE_STOOD)
                } else if v.kind == Kind::Cla && v.seq == 0 && !v.short {
                    r.pk(LATE_INITIAL)
                } else {
                    r.pk(LATE_REASONS)
                };
                let _ = writeln!(fm, "late_reason: {}", q(reason));
            }
            fm.push_str("---\n");
            // the letter
            let first_letter = !written_by.contains(&chair);
            written_by.push(chair);
            let moved = revs[..k]
                .iter()
                .rev()
                .find(|w| w.stood.is_none() && w.period == pi)
                .is_some_and(|w| {
                    p.eps.iter().any(|e| {
                        e.start > w.last && e.start <= v.last && matches!(e.rne, "P" | "B")
                    })
                });
            let body = self.letter(
                &mut r,
                &per,
                &vars,
                band,
                age,
                pn,
                seen,
                chaired,
                first_letter,
                moved,
                in_court,
                setting,
                v.kind == Kind::Cla && age >= 17 && !after_care,
            );
            fm.push_str(&body);
            files.push((format!("reviews/{}.md", v.last), fm));
        }

        // ---- plans files
        for (d, kind, perm, endorsed) in &plans {
            let p = life
                .period_at(*d)
                .unwrap_or(&life.periods[life.periods.len() - 1]);
            let mut s = String::with_capacity(600);
            s.push_str("---\n");
            let _ = writeln!(s, "kind: {kind}");
            let _ = writeln!(s, "permanence: {}", perm.unwrap_or("null"));
            let cont = if *kind == "pathway" {
                "null"
            } else {
                p.contingency
            };
            let _ = writeln!(s, "contingency: {cont}");
            let mut shared: Vec<&str> = Vec::new();
            if age_on(dob, *d) >= 8 {
                shared.push("child");
            }
            if *kind == "care" && !matches!(p.ep_at(*d).place, "P1") && !p.short_breaks() {
                shared.push("carer");
            }
            if per.mum && *kind == "care" {
                shared.push("mother");
            }
            if per.dad && *kind == "care" && r.p(0.6) {
                shared.push("father");
            }
            if *kind == "pathway" {
                shared.push("personal-adviser");
            }
            if shared.is_empty() {
                shared.push("carer");
            }
            let _ = writeln!(s, "shared_with: [{}]", shared.join(", "));
            let _ = writeln!(
                s,
                "endorsed_by_iro: {}",
                opt_date(endorsed.filter(|&e| e <= end && e >= *d))
            );
            s.push_str("---\n");
            s.push_str(&plan_body(&mut r, &per, life, p, *d, kind, *perm));
            files.push((format!("plans/{d}-{kind}.md"), s));
        }

        // ---- alerts and good practice notifications
        let mut alert_names: Vec<String> = Vec::new();
        let mut alerts: Vec<(D, bool, &'static str)> = Vec::new(); // date, practice alert?, theme
        for v in &revs {
            if let Some(reason) = v.stood {
                let theme = match reason {
                    "no-care-plan" if r.p(0.6) => Some("no-plan-stood-down"),
                    "documents-not-shared" if r.p(0.4) => Some("documents-not-shared"),
                    _ => None,
                };
                if let Some(t) = theme {
                    let d = v.last + days(r.int(0, 2));
                    if d <= end {
                        alerts.push((d, true, t));
                    }
                }
            }
        }
        for &(a, b) in &life.segs {
            let lo = a + days(15);
            let hi = b.unwrap_or(end).min(end);
            if hi <= lo {
                continue;
            }
            let yrs = (hi - lo).num_days() as f64 / 365.25;
            let n = poisson(&mut r, 0.35 * yrs);
            for _ in 0..n {
                let d = r.date_in(lo, hi);
                let age = age_on(dob, d);
                let weights: Vec<(usize, u32)> = ALERT_WEIGHTS
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| match ALERT_THEMES[*i].0 {
                        "care-leaver-accommodation" => age >= 16,
                        "pep-overdue" => (5..=16).contains(&age),
                        "permanence-drift" => age < 16,
                        _ => true,
                    })
                    .map(|(i, w)| (i, *w))
                    .collect();
                let t = r.w(&weights);
                alerts.push((d, true, ALERT_THEMES[t].0));
            }
        }
        // good practice notifications follow reviews, where IROs see the work
        let weights: Vec<(usize, u32)> = GOOD_WEIGHTS
            .iter()
            .enumerate()
            .map(|(i, w)| (i, *w))
            .collect();
        for v in revs.iter().filter(|v| v.stood.is_none()) {
            if r.p(0.065) {
                let d = v.last + days(r.int(0, 10));
                if d <= end {
                    let t = r.w(&weights);
                    alerts.push((d, false, GOOD_THEMES[t].0));
                }
            }
        }
        alerts.sort();
        for (d, practice, theme) in alerts {
            let iro = self.iro_at(ci, d);
            let mut s = String::with_capacity(700);
            s.push_str("---\n");
            let _ = writeln!(
                s,
                "kind: {}",
                if practice {
                    "practice-alert"
                } else {
                    "good-practice"
                }
            );
            let _ = writeln!(s, "iro: {}", self.iros[iro].id);
            let _ = writeln!(s, "service: {}", life.service);
            let _ = writeln!(s, "themes: [{theme}]");
            s.push_str("children: []\n");
            if practice {
                let mut stages: Vec<(&str, D)> = vec![("informal", d)];
                let resolved;
                if r.p(0.83) {
                    resolved = ctx.awd(d, r.int(2, 25));
                } else {
                    let d1 = ctx.awd(d, r.int(5, 15));
                    stages.push(("drp1", d1));
                    if r.p(0.72) {
                        resolved = ctx.awd(
                            d1,
                            if r.p(0.9) {
                                r.int(3, 19)
                            } else {
                                r.int(21, 35)
                            },
                        );
                    } else {
                        let d2 = ctx.awd(d1, r.int(6, 12));
                        stages.push(("drp2", d2));
                        if r.p(0.85) {
                            resolved = ctx.awd(d2, r.int(2, 7));
                        } else {
                            let d3 = ctx.awd(d2, r.int(8, 15));
                            stages.push(("drp3", d3));
                            if r.p(0.9) {
                                resolved = ctx.awd(d3, r.int(2, 10));
                            } else {
                                let d4 = ctx.awd(d3, r.int(5, 15));
                                stages.push(("cafcass", d4));
                                resolved = ctx.awd(d4, r.int(10, 40));
                            }
                        }
                    }
                }
                s.push_str("stages:\n");
                for (st, on) in &stages {
                    if *on <= end {
                        let _ = writeln!(s, "  - {{ stage: {st}, on: {on} }}");
                    }
                }
                let _ = writeln!(
                    s,
                    "resolved: {}",
                    if resolved <= end {
                        resolved.to_string()
                    } else {
                        "null".into()
                    }
                );
                s.push_str("---\n");
                let (_, issue, impact) = ALERT_BODIES
                    .iter()
                    .find(|x| x.0 == theme)
                    .copied()
                    .unwrap_or(ALERT_BODIES[0]);
                let _ = writeln!(
                    s,
                    "**Issue:** {issue} (Child: {}; social worker: {}.)\n",
                    per.preferred, per.sw_first
                );
                let _ = writeln!(s, "**Impact:** {impact}\n");
                if resolved <= end {
                    let _ = writeln!(s, "**Resolution:** {}", r.pick(ALERT_RESOLUTIONS));
                } else {
                    let _ = writeln!(
                        s,
                        "**Resolution:** Still open: the IRO is following this up with the team manager."
                    );
                }
            } else {
                s.push_str("---\n");
                let body = GOOD_BODIES
                    .iter()
                    .find(|x| x.0 == theme)
                    .map(|x| x.1)
                    .unwrap_or(GOOD_BODIES[0].1);
                let _ = writeln!(
                    s,
                    "{body} (Child: {}; social worker: {}.)",
                    per.preferred, per.sw_first
                );
            }
            let mut name = format!("{d}-{theme}");
            let mut n = 2;
            while alert_names.contains(&name) {
                name = format!("{d}-{theme}-{n}");
                n += 1;
            }
            alert_names.push(name.clone());
            files.push((format!("alerts/{name}.md"), s));
        }

        // ---- contacts between reviews
        let mut held_dates: Vec<D> = revs
            .iter()
            .filter(|v| v.stood.is_none())
            .map(|v| v.last)
            .collect();
        let mut contact_taken: Vec<D> = Vec::new();
        for &(a, b) in &life.segs {
            let hi = b.unwrap_or(end).min(end);
            held_dates.push(hi);
            let _ = a;
        }
        held_dates.sort();
        held_dates.dedup();
        for w in held_dates.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (b - a).num_days() < 60 || !life.involved_at(a) {
                continue;
            }
            let n = if r.p(0.42) { 1 } else { 0 } + if r.p(0.06) { 1 } else { 0 };
            for j in 0..n {
                let mid = a
                    + days((b - a).num_days() * (j as i64 + 1) / (n as i64 + 1))
                    + days(r.int(-15, 15));
                let mid = ctx.wd_before(mid);
                if mid <= a || mid >= b || mid > end || !life.involved_at(mid) {
                    continue;
                }
                let Some(d) = claim(ctx, &mut contact_taken, mid, b - days(1)) else {
                    continue;
                };
                let age = age_on(dob, d);
                let with = if age >= 5 {
                    r.w(&[
                        ("child", 60),
                        ("social-worker", 20),
                        ("carer", 15),
                        ("parent", 5),
                    ])
                } else {
                    r.w(&[("carer", 60), ("social-worker", 35), ("parent", 5)])
                };
                let how = if with == "child" {
                    if age >= 11 {
                        r.w(&[
                            ("visit", 35),
                            ("midway-check", 20),
                            ("phone", 15),
                            ("video", 10),
                            ("text", 15),
                            ("letter", 5),
                        ])
                    } else {
                        r.w(&[
                            ("visit", 55),
                            ("midway-check", 25),
                            ("video", 12),
                            ("letter", 8),
                        ])
                    }
                } else {
                    r.w(&[
                        ("midway-check", 45),
                        ("phone", 35),
                        ("video", 12),
                        ("visit", 8),
                    ])
                };
                let iro = self.iro_at(ci, d);
                files.push((
                    format!("contacts/{d}.yaml"),
                    format!("iro: {}\nhow: {how}\nwith: {with}\n", self.iros[iro].id),
                ));
            }
        }

        // ---- disruption, stability and missing meetings
        let mut meet_taken: Vec<D> = Vec::new();
        let mut meets: Vec<(D, &str)> = Vec::new();
        for p in &life.periods {
            for &u in &p.unplanned {
                if r.p(0.3) {
                    let d = ctx.awd(u, r.int(10, 40));
                    if d <= end && life.involved_at(d) {
                        meets.push((d, "disruption"));
                    }
                } else if r.p(0.1) {
                    let d = ctx.wd_before(u - days(r.int(5, 20)));
                    if d > p.start && d <= end {
                        meets.push((d, "stability"));
                    }
                }
            }
            if matches!(p.path, Route::Teen | Route::LongTerm) {
                let lo = p.start.max(bday(dob, 13));
                let hi = p.end.unwrap_or(end).min(end);
                if hi > lo {
                    let n = poisson(&mut r, 0.06 * (hi - lo).num_days() as f64 / 365.25);
                    for _ in 0..n {
                        meets.push((ctx.wd_before(r.date_in(lo, hi)), "missing-trigger"));
                    }
                }
            }
        }
        meets.sort();
        for (d, kind) in meets {
            if d > end {
                continue;
            }
            let Some(d) = claim(ctx, &mut meet_taken, d, end) else {
                continue;
            };
            let iro = self.iro_at(ci, d);
            files.push((
                format!("meetings/{d}.yaml"),
                format!("kind: {kind}\nchaired_by: {}\n", self.iros[iro].id),
            ));
        }

        // ---- child.yaml
        let mut s = String::with_capacity(1500);
        let _ = writeln!(s, "name: {} {}", per.first, per.last);
        let _ = writeln!(s, "preferred_name: {}", per.preferred);
        let _ = writeln!(s, "pronouns: {}", per.pronouns);
        let _ = writeln!(s, "dob: {dob}");
        let _ = writeln!(s, "sex: {}", life.sex);
        let _ = writeln!(s, "ethnicity: {}", per.eth);
        // The SSDA903-only facts, from their own stream (the story is unchanged).
        let mut r903 = Rng::new(self.opts.seed, 4 * ci as u64 + 3);
        let _ = writeln!(s, "upn: {}", upn(ci));
        if life.sex == 'F' {
            s.push_str("mother: false\n");
        }
        let home = *r903.pick(POSTCODES_IN);
        let _ = writeln!(s, "service: {}", life.service);
        let _ = writeln!(s, "social_worker: {} {}", per.sw_first, per.sw_last);
        s.push_str("iro:\n");
        for &(from, k) in &self.alloc[ci] {
            let _ = writeln!(s, "  - {{ iro: {}, from: {from} }}", self.iros[k].id);
        }
        s.push_str("episodes:\n");
        let (mut pl_post, mut urn) = (String::new(), String::new());
        for p in &life.periods {
            for e in &p.eps {
                // A new placement (not a change of legal status alone) gets its
                // own postcode and URN, different from the one before.
                if e.rne != "L" {
                    let own = e.prov == "PR1" || !e.place.starts_with('U');
                    let list = if own || r903.p(0.8) {
                        POSTCODES_IN
                    } else {
                        POSTCODES_OUT
                    };
                    let mut next = r903.pick(list).to_string();
                    if next == pl_post || next == home {
                        let i = list.iter().position(|x| *x == next).unwrap_or(0);
                        next = list[(i + 1) % list.len()].to_string();
                        if next == home {
                            next = list[(i + 2) % list.len()].to_string();
                        }
                    }
                    pl_post = next;
                    urn = format!("SC{:06}", r903.int(100_000, 999_999));
                }
                let _ = writeln!(s, "  - start: {}", e.start);
                let _ = writeln!(s, "    reason_new: {}", e.rne);
                let _ = writeln!(s, "    legal_status: {}", e.ls);
                let _ = writeln!(s, "    need: {}", p.need);
                let _ = writeln!(s, "    placement: {}", e.place);
                let _ = writeln!(s, "    provider: {}", e.prov);
                if let Some(x) = e.end {
                    let _ = writeln!(s, "    end: {x}");
                    let _ = writeln!(s, "    reason_ended: {}", e.rec.unwrap_or("X1"));
                    let _ = writeln!(s, "    reason_place_change: {}", e.rpc.unwrap_or("null"));
                }
                // Short breaks (V3/V4) carry no postcodes or URN (DfE rules 214, 398).
                if !matches!(e.ls, "V3" | "V4") {
                    let _ = writeln!(s, "    home_postcode: {home}");
                    let _ = writeln!(s, "    placement_postcode: {pl_post}");
                    if !matches!(e.place, "P1" | "P3" | "R1" | "R2" | "R5" | "Z1")
                        && !e.place.starts_with('T')
                    {
                        let _ = writeln!(s, "    urn: {urn}");
                    }
                }
            }
        }
        let list = |xs: &[D]| {
            xs.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(s, "health_assessments: [{}]", list(&has));
        let _ = writeln!(s, "peps: [{}]", list(&peps));
        files.push(("child.yaml".to_string(), s));
        files.sort_by(|a, b| a.0.cmp(&b.0));
        ChildOut {
            files,
            reviews: n_reviews,
            stats,
        }
    }

    fn carer_phrase(
        &self,
        r: &mut Rng,
        place: &str,
        short: bool,
        per: &Persona,
    ) -> (String, Setting) {
        let other = |r: &mut Rng, not: &[&str]| loop {
            let n = r.pk(ADULT_FIRST);
            if n != per.first
                && n != per.preferred
                && n != per.sw_first
                && n != per.pa
                && !not.contains(&n)
            {
                break n;
            }
        };
        if short {
            return ("your mum".to_string(), Setting::Short);
        }
        match place {
            "U1" | "U2" | "U3" => {
                let a = other(r, &[]);
                let s = match r.int(0, 5) {
                    0 => "your nan".to_string(),
                    1 => "your nan and grandad".to_string(),
                    2 => format!("your aunt {a}"),
                    3 => format!("your uncle {a}"),
                    4 => format!("your big sister {a}"),
                    _ => "your grandad".to_string(),
                };
                (s, Setting::Kin)
            }
            "A3" | "A4" | "A5" | "A6" => ("your new family".to_string(), Setting::Adopt),
            "K1" | "K2" | "R1" => ("the staff at your home".to_string(), Setting::Res),
            "H5" | "S1" => ("the staff where you live".to_string(), Setting::Semi),
            "P1" => ("your mum".to_string(), Setting::Parents),
            _ => {
                let a = other(r, &[]);
                if r.p(0.6) {
                    let b = other(r, &[a]);
                    (format!("{a} and {b}"), Setting::Foster)
                } else {
                    (a.to_string(), Setting::Foster)
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn letter(
        &self,
        r: &mut Rng,
        per: &Persona,
        v: &Vars,
        band: Band,
        age: i32,
        pn: Option<&str>,
        seen: bool,
        chaired: &str,
        first_letter: bool,
        moved: bool,
        in_court: bool,
        setting: Setting,
        nearly_18: bool,
    ) -> String {
        let b = band as usize;
        let baby = pn == Some("PN0") || (age < 4 && band == Band::Small);
        let mut s = String::with_capacity(1400);
        let _ = writeln!(s, "Dear {},\n", per.preferred);
        let mut open: Vec<String> = Vec::new();
        if first_letter {
            open.push(fill(INTRO[b][0], v));
        }
        if baby {
            open.push(fill(r.pk(HELLO_BABY), v));
        } else if seen && pn != Some("PN7") {
            open.push(fill(r.pk(HELLO_SEEN[b]), v));
        } else {
            open.push(fill(r.pk(HELLO_NOT_SEEN), v));
        }
        open.push(fill(r.pk(WHY_LETTER[b]), v));
        let _ = writeln!(s, "{}\n", open.join(" "));
        if chaired != "none" {
            let _ = writeln!(s, "{}\n", r.pick(CHAIRED));
        }
        // going well
        let mut well: Vec<String> = Vec::new();
        if baby {
            for t in r.some(WELL_BABY, 2) {
                well.push(fill(t, v));
            }
            well.push(fill("You are happy at home with {carer}.", v));
        } else {
            let extra: &[&str] = match setting {
                Setting::Adopt => WELL_ADOPT,
                Setting::Res => WELL_RES,
                Setting::Short => WELL_SHORT,
                _ => &[],
            };
            if !extra.is_empty() {
                well.push(fill(r.pk(extra), v));
            }
            if band == Band::Small && age >= 5 && r.p(0.6) {
                well.push(fill(r.pk(WELL_SCHOOL_SMALL), v));
            }
            let no_carer = !extra.is_empty()
                || matches!(setting, Setting::Own | Setting::Short | Setting::Parents);
            let pool: Vec<&&str> = WELL[b]
                .iter()
                .filter(|t| !(t.contains("{carer}") || t.contains("{Carer}")) || !no_carer)
                .filter(|t| !t.contains("{sib}") || per.has_sib)
                .filter(|t| !t.contains("family time") || setting != Setting::Adopt)
                .collect();
            let want = 3usize.saturating_sub(well.len()).max(1);
            for t in r.some(&pool, want) {
                well.push(fill(t, v));
            }
        }
        let _ = writeln!(s, "## What is going well\n\n{}\n", well.join(" "));
        // worries
        let mut worry: Vec<String> = Vec::new();
        if moved {
            worry.push(WORRY_MOVED[b].to_string());
        }
        if in_court && !WORRY_COURT[b].is_empty() && r.p(0.7) {
            worry.push(WORRY_COURT[b].to_string());
        }
        if nearly_18 {
            worry.push(WORRY_EIGHTEEN.to_string());
        }
        if worry.is_empty() {
            if r.p(0.15) {
                worry.push(WORRY_NONE[b].to_string());
            } else if baby {
                worry.push(r.pick(WORRY_BABY).to_string());
            } else {
                let pool: Vec<&&str> = WORRY[b]
                    .iter()
                    .filter(|t| !t.contains("{sib}") || per.has_sib)
                    .filter(|t| !t.contains("family time") || setting != Setting::Adopt)
                    .collect();
                let n = r.int(1, 2) as usize;
                for t in r.some(&pool, n) {
                    worry.push(fill(t, v));
                }
            }
        }
        let _ = writeln!(s, "## What we are worried about\n\n{}\n", worry.join(" "));
        // what needs to happen
        let needs: &[&str] = match band {
            Band::Small => &[
                "We need to help you feel safe and happy at home.",
                "The grown-ups need to keep making plans for you.",
                "We need to help you with school and with your feelings.",
                "We need to make sure you see the people who matter to you.",
            ],
            Band::Middle => &[
                "We need to make sure family time happens when it should.",
                "We need a plan that helps you at school.",
                "We need to keep you safe and help you with your feelings.",
                "We need to tell you about the plan for where you will grow up.",
            ],
            Band::Teen => &[
                "We need to make sure you are safe when you go out.",
                "We need to plan with you for when you are 18.",
                "We need to get you the right help with your feelings.",
                "We need to help you get back on track at school.",
            ],
            Band::Adult => &[
                "We need to make sure you have enough money each week.",
                "We need to help you find work or a course you enjoy.",
                "We need to make sure your home is safe and right for you.",
            ],
        };
        let mut need: Vec<String> = r
            .some(needs, if baby { 1 } else { 2 })
            .into_iter()
            .map(|t| t.to_string())
            .collect();
        need.push(
            r.pick(NEEDS_LEAD[b]).replace(':', "").to_string()
                + " is set out at the end of this letter.",
        );
        let tail = r.pick(NEEDS_TAIL);
        if !tail.is_empty() {
            need.push(tail.to_string());
        }
        let need = need
            .join(" ")
            .replace(
                "Here is what we decided is set out",
                "What we decided is set out",
            )
            .replace(
                "This is what will happen next is set out",
                "What will happen next is set out",
            )
            .replace(
                "This is what we agreed is set out",
                "What we agreed is set out",
            )
            .replace(
                "Here is what happens next is set out",
                "What happens next is set out",
            );
        let _ = writeln!(s, "## What needs to happen\n\n{need}\n");
        // what you told me
        let told: Option<String> = if baby {
            None
        } else {
            match pn {
                Some("PN1") | None if seen || band == Band::Adult => {
                    let pool: Vec<&&str> = TOLD[b]
                        .iter()
                        .filter(|t| !t.contains("{sib}") || per.has_sib)
                        .filter(|t| {
                            !t.contains("{carer}")
                                || !matches!(
                                    setting,
                                    Setting::Own | Setting::Short | Setting::Parents
                                )
                        })
                        .collect();
                    let n = r.int(1, 2) as usize;
                    Some(
                        r.some(&pool, n)
                            .into_iter()
                            .map(|t| fill(t, v))
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                }
                Some("PN3") => Some(fill(r.pk(TOLD_SHOWED), v)),
                Some("PN2") | Some("PN5") => Some(fill(r.pk(TOLD_ADVOCATE), v)),
                Some("PN6") => Some(fill(r.pk(TOLD_FORM), v)),
                Some("PN4") => Some(TOLD_QUIET.to_string()),
                Some("PN7") => Some(fill(TOLD_NONE, v)),
                _ => None,
            }
        };
        if let Some(t) = told {
            let _ = writeln!(s, "## What you told me\n\n{t}\n");
        }
        let close: Vec<String> = r
            .some(CLOSE[b], 1)
            .into_iter()
            .map(|t| fill(t, v))
            .collect();
        let _ = writeln!(s, "{}\n", close.join(" "));
        let _ = writeln!(s, "From {}", v.iro);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn small(seed: u64) -> GenOptions {
        GenOptions {
            children: 40,
            years: 2,
            seed,
            ..GenOptions::default()
        }
    }

    /// Every file under `root`, relative path -> contents, in order.
    fn tree(root: &Path) -> BTreeMap<String, String> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            entries.sort();
            for p in entries {
                if p.is_dir() {
                    walk(root, &p, out);
                } else {
                    let rel = p
                        .strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    out.insert(rel, std::fs::read_to_string(&p).unwrap());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(root, root, &mut out);
        out
    }

    fn hash(s: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        s.hash(&mut h);
        h.finish()
    }

    #[test]
    fn same_seed_same_tree() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let sa = generate(&small(7), &a.path().join("r")).unwrap();
        let sb = generate(&small(7), &b.path().join("r")).unwrap();
        assert_eq!(sa, sb);
        let ta = tree(&a.path().join("r"));
        let tb = tree(&b.path().join("r"));
        assert_eq!(ta.len(), sa.files);
        let la: Vec<(&String, u64)> = ta.iter().map(|(k, v)| (k, hash(v))).collect();
        let lb: Vec<(&String, u64)> = tb.iter().map(|(k, v)| (k, hash(v))).collect();
        assert_eq!(la, lb);
        assert_eq!(ta, tb);
        assert_eq!(sa.children, 40);
        assert!(sa.reviews > 40, "{sa:?}");
    }

    #[test]
    fn different_seeds_differ() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        generate(&small(1), a.path()).unwrap();
        generate(&small(2), b.path()).unwrap();
        let ta = tree(a.path());
        let tb = tree(b.path());
        assert_ne!(ta, tb);
        assert_ne!(
            ta["children/C0001/child.yaml"],
            tb["children/C0001/child.yaml"]
        );
    }

    #[test]
    fn no_date_after_the_end_and_all_dates_valid() {
        let d = tempfile::tempdir().unwrap();
        let opts = GenOptions {
            children: 60,
            years: 3,
            seed: 11,
            end: ymd(2025, 9, 30),
            ..GenOptions::default()
        };
        generate(&opts, d.path()).unwrap();
        let mut n = 0;
        for (path, text) in tree(d.path()) {
            let b = text.as_bytes();
            for i in 0..b.len().saturating_sub(9) {
                let w = &b[i..i + 10];
                let digits =
                    |r: std::ops::Range<usize>| r.into_iter().all(|k| w[k].is_ascii_digit());
                let boundary = (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                    && (i + 10 == b.len() || !b[i + 10].is_ascii_digit());
                if boundary
                    && digits(0..4)
                    && w[4] == b'-'
                    && digits(5..7)
                    && w[7] == b'-'
                    && digits(8..10)
                {
                    let s = std::str::from_utf8(w).unwrap();
                    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d")
                        .unwrap_or_else(|_| panic!("{path}: invalid date {s}"));
                    assert!(
                        date <= opts.end,
                        "{path}: {date} is after the end {}",
                        opts.end
                    );
                    n += 1;
                }
            }
            // file names carry dates too
            if let Some(name) = path.rsplit('/').next()
                && name.len() >= 10
                && name.as_bytes()[4] == b'-'
                && name.as_bytes()[7] == b'-'
            {
                let date = NaiveDate::parse_from_str(&name[..10], "%Y-%m-%d").unwrap();
                assert!(date <= opts.end, "{path}");
            }
        }
        assert!(n > 1000, "only {n} dates seen");
    }

    #[test]
    fn refuses_a_non_empty_folder() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("keep.txt"), "mine").unwrap();
        let err = generate(&small(3), d.path()).unwrap_err();
        assert!(err.contains("not empty"), "{err}");
        assert_eq!(
            std::fs::read_to_string(d.path().join("keep.txt")).unwrap(),
            "mine"
        );
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
        // an empty folder is fine
        let e = tempfile::tempdir().unwrap();
        generate(&small(3), e.path()).unwrap();
        assert!(e.path().join("iro.toml").is_file());
        assert_eq!(
            std::fs::read_dir(e.path().parent().unwrap())
                .unwrap()
                .filter(|x| x
                    .as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(&format!(
                        ".{}.generating-",
                        e.path().file_name().unwrap().to_string_lossy()
                    )))
                .count(),
            0
        );
    }

    #[test]
    fn records_hang_together() {
        let d = tempfile::tempdir().unwrap();
        let opts = GenOptions {
            children: 120,
            years: 4,
            seed: 5,
            ..GenOptions::default()
        };
        let (_, stats) = generate_with_stats(&opts, d.path()).unwrap();
        let t = tree(d.path());
        // front matter on every Markdown record; late reviews say why
        let mut late_reasons = 0;
        for (path, text) in &t {
            if path.ends_with(".md") {
                assert!(
                    text.starts_with("---\n") && text[4..].contains("\n---\n"),
                    "{path}"
                );
            }
            if path.contains("/reviews/") && !text.contains("stood_down:") {
                assert!(text.contains("\nDear "), "{path}: no letter");
                assert!(
                    text.trim_end().lines().last().unwrap().starts_with("From "),
                    "{path}: no sign-off"
                );
                late_reasons += text.contains("\nlate_reason: ") as usize;
            }
        }
        // Every review the rule engine finds late carries its reason, so
        // each is information, and there is one for each reason written.
        let checked = crate::check::check_repo(d.path(), None);
        let late_ids = [
            "reg33-first",
            "reg33-second",
            "reg33-subsequent",
            "adoption-reviews",
            "short-breaks",
            "pathway-6m",
        ];
        let engine_late: Vec<&crate::diag::Diagnostic> = checked
            .diags
            .iter()
            .filter(|x| late_ids.contains(&x.rule.as_str()))
            .collect();
        assert!(
            engine_late
                .iter()
                .all(|x| x.severity == crate::diag::Severity::Info),
            "{:#?}",
            engine_late
                .iter()
                .filter(|x| x.severity != crate::diag::Severity::Info)
                .collect::<Vec<_>>()
        );
        assert_eq!(engine_late.len(), late_reasons);
        // the story: the first reporting year is later than the last
        let ys: Vec<(i32, (usize, usize))> = stats
            .held
            .iter()
            .map(|(y, v)| (*y, *v))
            .filter(|(y, _)| *y >= 2022)
            .collect();
        let rate = |v: (usize, usize)| v.1 as f64 / v.0 as f64;
        assert!(rate(ys[0].1) > rate(ys[ys.len() - 1].1), "{ys:?}");
        // letters: no jargon words a child should not meet
        for (path, text) in t.iter().filter(|(p, _)| p.contains("/reviews/")) {
            let body = &text[text[4..].find("\n---\n").unwrap() + 9..];
            for w in [
                " contact",
                "placement",
                "care plan",
                " LAC",
                " IRO",
                " PEP",
                "respite",
                "looked after",
            ] {
                assert!(!body.contains(w), "{path}: `{w}` in the letter");
            }
        }
        // one IRO file per id named in the records
        let iros: Vec<&String> = t.keys().filter(|k| k.starts_with("iros/")).collect();
        assert!(iros.len() >= 3);
    }
}
