//! Benchmark: the report site and its PDF, measured in one run (quality.md).
//!
//! 1. The HTML site for size M (2,000 children over 10 years, every year it
//!    covers, no PDFs) against `iro stats --format json` on the same records
//!    (load, model, figures, JSON): bar under 2 s and within 1.3x.
//! 2. The annual report PDF of the shipped example (`records/`): iro's Typst
//!    compile against PyPI's `typst` 0.15 (the same compiler) on the same
//!    template, data and charts (`benches/typst_ref/compile.py`, cold mode):
//!    bar within 1.2x. Both sides: fonts loaded and a warm-up compile first,
//!    then each sample with an empty memo cache.
//!
//! Prints medians and ratios; never a timed assertion.
//! Run: `cargo bench --bench site` (the Python reference needs
//! `pip install 'typst>=0.15,<0.16'`; without it that ratio is skipped).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn size_m() -> PathBuf {
    let dir = std::env::var_os("IRO_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("iro-bench-M"));
    if !dir.join("iro.toml").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("generating size M into {}", dir.display());
        let opts = iro::generate::GenOptions {
            children: 2_000,
            years: 10,
            seed: 903,
            ..iro::generate::GenOptions::default()
        };
        iro::generate::generate(&opts, &dir).expect("generate size M");
    }
    dir
}

fn main() {
    let dir = size_m();
    let theme = iro::theme::Theme::builtin();
    let rounds = 5;
    let (mut st, mut si) = (vec![], vec![]);
    let mut pages = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let s = iro::session::Session::load(&dir, None).expect("loads");
        let an = s.analysis();
        let year = s.year(None).expect("year");
        let figs = iro::stats::compute(&s.repo, &an.facts, &an.cal, &year);
        std::hint::black_box(figs.to_json().len());
        st.push(t.elapsed());

        let t = Instant::now();
        let s = iro::session::Session::load(&dir, None).expect("loads");
        let an = s.analysis();
        let year = iro::site::default_year(&s);
        let built = iro::site::build(&s, &an, &theme, None, year).expect("site builds");
        pages = built.pages;
        std::hint::black_box(built.files.len());
        si.push(t.elapsed());
    }
    let (st, si) = (median(st), median(si));
    println!("size M, median of {rounds} runs");
    println!("  iro stats --format json        {}", ms(st));
    println!(
        "  site, HTML ({pages} pages, all years) {}   ratio {:.2}   (bars: under 2 s, within 1.3x)",
        ms(si),
        si.as_secs_f64() / st.as_secs_f64()
    );

    // One record edited under `iro serve`: that child again, then figures and
    // pages, against a full build (load, model, figures, pages).
    let t = Instant::now();
    let mut live = iro::serve::live::Live::new(&dir, None, None, false);
    let full = t.elapsed();
    // The review held last in the service: what an IRO edits after a review.
    let (child, review) = live
        .session
        .as_ref()
        .and_then(|s| {
            s.repo
                .children
                .values()
                .filter_map(|c| {
                    c.reviews
                        .last()
                        .map(|r| (r.date, c.id.clone(), dir.join(&r.file)))
                })
                .max()
                .map(|(_, c, f)| (c, f))
        })
        .expect("a review");
    let original = std::fs::read_to_string(&review).expect("review");
    let set = std::collections::BTreeSet::from([iro::serve::change::ChangeKind::Child(child)]);
    let mut inc = Vec::new();
    for i in 0..rounds {
        std::fs::write(&review, format!("{original}{}", "\n".repeat(i % 2 + 1))).expect("edit");
        let t = Instant::now();
        assert!(live.apply(&set), "rebuilds");
        inc.push(t.elapsed());
    }
    std::fs::write(&review, &original).expect("restore");
    assert!(live.apply(&set));
    let inc = median(inc);
    // Where an incremental rebuild's time goes.
    if let (Some(s), Some(an)) = (&live.session, &live.analysis) {
        let year = iro::site::default_year(s);
        let t = Instant::now();
        let _ = iro::site::load_errors(s);
        let v = t.elapsed();
        let t = Instant::now();
        let figs = iro::stats::compute(&s.repo, &an.facts, &an.cal, &year);
        let c = t.elapsed();
        let t = Instant::now();
        let b = iro::site::pages::build_pages(s, &theme, &figs, None).expect("pages");
        let p = t.elapsed();
        let t = Instant::now();
        let g = iro::site::guard::Guard::new(&s.repo);
        let n = iro::site::scan_files(&g, &b, false).len();
        let gt = t.elapsed();
        println!(
            "    of which: validation {}, figures {}, pages {}, guard {} ({n} hits)",
            ms(v),
            ms(c),
            ms(p),
            ms(gt)
        );
    }
    println!(
        "  serve: one child's record rebuilt {}   vs full build {}   ratio {:.3}   (bar: under 0.05)",
        ms(inc),
        ms(full),
        inc.as_secs_f64() / full.as_secs_f64()
    );

    // From saving a review file to the reload event, with the real watcher
    // and server; and memory over 500 edits.
    serve_latency(&dir, &review, full);
    memory_over_edits(&mut live);

    // The report PDF of records/.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    let s = iro::session::Session::load(&root, None).expect("records/ loads");
    let an = s.analysis();
    let year = iro::site::default_year(&s);
    let figs = iro::stats::compute(&s.repo, &an.facts, &an.cal, &year);
    let engine = iro::typeset::PdfEngine::for_theme(&theme);
    let files = iro::site::pdf::report_files(&s, &theme, &engine, &figs).expect("inputs");
    let main = files
        .iter()
        .find(|(p, _)| p == "/report.typ")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("report.typ");
    let rest: Vec<(&str, Vec<u8>)> = files
        .iter()
        .filter(|(p, _)| p != "/report.typ")
        .map(|(p, b)| (p.as_str(), b.clone()))
        .collect();
    let tiny = "#set document(title: \"warm-up\")\n#set text(lang: \"en\", region: \"gb\")\n= Warm-up\nA *b* _c_ 1%.\n";
    engine.compile(tiny, &[]).expect("warm-up");
    let n = 9;
    let mut rs = Vec::new();
    let mut bytes = 0;
    for _ in 0..n {
        comemo::evict(0);
        let t = Instant::now();
        bytes = engine
            .compile_named("report.typ", &main, &rest)
            .expect("report compiles")
            .len();
        rs.push(t.elapsed());
    }
    let rust = median(rs);
    println!(
        "annual report PDF of records/ ({} KB), median of {n}",
        bytes / 1024
    );
    println!("  iro (Typst as a library)       {}", ms(rust));
    // The same files for the reference compiler.
    let tmp = std::env::temp_dir().join(format!("iro-typst-ref-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    for (p, b) in &files {
        let path = tmp.join(p.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b).unwrap();
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/typst_ref/compile.py");
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(&tmp)
        .args(["-n", &n.to_string()])
        .output();
    let _ = std::fs::remove_dir_all(&tmp);
    let reference = out.ok().and_then(|o| {
        String::from_utf8_lossy(&o.stdout).lines().find_map(|l| {
            l.strip_prefix("python_typst_ms=")?
                .trim()
                .parse::<f64>()
                .ok()
        })
    });
    match reference {
        Some(py) => println!(
            "  PyPI typst 0.15 (reference)    {py:.1} ms   ratio {:.2}   (bar: within 1.2x)",
            rust.as_secs_f64() * 1e3 / py
        ),
        None => println!(
            "  PyPI typst 0.15 (reference)    not available: pip install 'typst>=0.15,<0.16'"
        ),
    }
}

/// Time from writing a review file to the server-sent reload event.
fn serve_latency(dir: &Path, review: &Path, full: Duration) {
    use std::io::{BufRead, BufReader, Write};
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = free.local_addr().expect("addr").port();
    drop(free);
    let opts = iro::serve::Options {
        root: dir.to_path_buf(),
        bind: "127.0.0.1".parse().expect("ip"),
        port,
        poll: false,
        open: false,
        pdf: false,
        letters: false,
        year: None,
        as_of: None,
    };
    std::thread::spawn(move || iro::serve::run(opts));
    // Wait for the first build.
    for _ in 0..400 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }

    let original = std::fs::read_to_string(review).expect("review");
    let mut times = Vec::new();
    for i in 0..7 {
        let mut sse = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
        sse.write_all(
            format!(
                "GET /_tower-livereload/event-stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
            )
            .as_bytes(),
        )
        .expect("request");
        let mut r = BufReader::new(sse);
        let mut line = String::new();
        // The response head.
        while r.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
            line.clear();
        }
        std::thread::sleep(Duration::from_millis(200));
        let t = Instant::now();
        std::fs::write(review, format!("{original}{}", "\n".repeat(i % 2 + 1))).expect("write");
        line.clear();
        while r.read_line(&mut line).unwrap_or(0) > 0 {
            if line.starts_with("event: reload") {
                break;
            }
            line.clear();
        }
        times.push(t.elapsed());
    }
    std::fs::write(review, original).expect("restore");
    let m = median(times);
    println!(
        "  serve: saving a review to the reload event {}   vs full build {}   ratio {:.3}   (bar: under 0.05; includes the watcher's 10 ms debounce)",
        ms(m),
        ms(full),
        m.as_secs_f64() / full.as_secs_f64()
    );
}

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Resident memory after 50 and after 500 rebuilds of one child.
fn memory_over_edits(live: &mut iro::serve::live::Live) {
    let child = live
        .session
        .as_ref()
        .and_then(|s| s.repo.children.keys().nth(1).cloned())
        .expect("a child");
    let set = std::collections::BTreeSet::from([iro::serve::change::ChangeKind::Child(child)]);
    for _ in 0..50 {
        live.apply(&set);
    }
    let a = rss_kb();
    for _ in 0..450 {
        live.apply(&set);
    }
    let b = rss_kb();
    println!(
        "  serve: memory after 50 edits {} MB, after 500 {} MB (flat: no growth per edit)",
        a / 1024,
        b / 1024
    );
}
