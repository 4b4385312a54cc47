//! `iro serve`: a live preview of the report site (and, with `--letters`,
//! of letters while they are written), built in memory and served on
//! 127.0.0.1. File events are debounced (notify-debouncer-full), sorted into
//! `ChangeKind`s, and only what they need is rebuilt (`live`). The browser
//! reloads after every rebuild (server-sent events, tower-livereload); while
//! the files do not build, the last good site is served with the
//! diagnostics over every page (`overlay`). Nothing is written to disk.
//!
//! Every request passes one gate first (`host_allowed`): the `Host` header
//! must name this computer (`localhost`, `127.0.0.1`, `[::1]`) or the
//! address iro listens on, with the port, so that a web page whose name is
//! made to point at 127.0.0.1 (DNS rebinding) cannot read the preview.
//! Request headers must arrive within [`HEADER_TIMEOUT`]; a letter that is
//! not there gets the same answer whatever the reason.

pub mod change;
pub mod live;
pub mod overlay;
pub mod preview;

use axum::Router;
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use change::ChangeKind;
use live::Live;
use std::collections::{BTreeSet, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// What `iro serve` was asked for.
#[derive(Clone, Debug)]
pub struct Options {
    /// The records root.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port.
    pub port: u16,
    /// Poll for changes instead of native events.
    pub poll: bool,
    /// Open the browser.
    pub open: bool,
    /// Build the PDFs too.
    pub pdf: bool,
    /// Serve letters at /letters/.
    pub letters: bool,
    /// The reporting year.
    pub year: Option<String>,
    /// The check date.
    pub as_of: Option<chrono::NaiveDate>,
}

type Shared = Arc<RwLock<Live>>;

#[derive(Clone)]
struct App {
    live: Shared,
    letters: bool,
    audience: overlay::Audience,
}

/// How long a client has to send a request's headers before the
/// connection is closed (a half-sent request holds nothing open for long).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// The one answer to a letter that is not there, whatever the reason (no
/// such child, no review that day, an id of the wrong form, records that do
/// not load): the answer tells nothing about which ids exist.
pub const NO_LETTER: &str = "no letter at this address";

/// Whether a request's `Host` header names this server: `localhost`,
/// `127.0.0.1` or `[::1]`, or the address it listens on, each with the
/// port. Listening on every address (`0.0.0.0`, `::`), any IP address with
/// the port is accepted: DNS rebinding needs a name, and a name other than
/// `localhost` is always refused.
pub fn host_allowed(host: &str, bind: IpAddr, port: u16) -> bool {
    let Some((name, p)) = host.rsplit_once(':') else {
        return false;
    };
    if p.parse::<u16>() != Ok(port) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let ip = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4),
    };
    let Some(ip) = ip else {
        return false;
    };
    ip == IpAddr::from([127, 0, 0, 1])
        || ip == IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)
        || ip == bind
        || bind.is_unspecified()
}

/// The gate in front of every route (pages, letters, the reload events).
async fn check_host(
    State((bind, port)): State<(IpAddr, u16)>,
    req: Request,
    next: Next,
) -> Response {
    let ok = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| host_allowed(h, bind, port));
    if !ok {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "this preview answers only to the address iro serve printed\n",
        )
            .into_response();
    }
    next.run(req).await
}

/// The media type of a file by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A file of the site as last built, with the overlay when the files do
/// not build now (without file paths for other computers).
pub fn respond(
    live: &Live,
    url_path: &str,
    audience: overlay::Audience,
) -> (StatusCode, &'static str, Vec<u8>) {
    let mut p = url_path.trim_start_matches('/').to_string();
    if p.is_empty() || p.ends_with('/') {
        p.push_str("index.html");
    }
    let overlay = (!live.errors.is_empty()).then(|| overlay::html(&live.errors, audience));
    match live.site.files.get(&p) {
        Some(bytes) => {
            let ct = content_type(&p);
            match (&overlay, ct.starts_with("text/html")) {
                (Some(o), true) => {
                    let page = String::from_utf8_lossy(bytes);
                    (StatusCode::OK, ct, overlay::inject(&page, o).into_bytes())
                }
                _ => (StatusCode::OK, ct, bytes.clone()),
            }
        }
        None => {
            let body = format!(
                "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><main><h1>Not found</h1><p>No page at this address. <a href=\"/\">The summary</a>.</p></main>{}</body></html>",
                overlay.unwrap_or_default()
            );
            (
                StatusCode::NOT_FOUND,
                "text/html; charset=utf-8",
                body.into_bytes(),
            )
        }
    }
}

async fn file(State(app): State<App>, method: axum::http::Method, uri: Uri) -> Response {
    // A preview: read-only.
    if method != axum::http::Method::GET && method != axum::http::Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "",
        )
            .into_response();
    }
    if uri.path().split('/').any(|p| p == ".." || p.contains('\\')) {
        return (StatusCode::BAD_REQUEST, "no such path").into_response();
    }
    let live = app.live.read().unwrap_or_else(|e| e.into_inner());
    let (status, ct, body) = respond(&live, uri.path(), app.audience);
    (
        status,
        [
            (header::CONTENT_TYPE, ct),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// `/letters/<child>/<date>`: that review's letter, as the IRO writes it
/// (`?pdf` for the PDF). Only with `--letters`, only on this computer. A
/// letter that is not there is [`NO_LETTER`] with 404, whatever the reason.
pub fn letter(
    live: &Live,
    child: &str,
    date: &str,
    pdf: bool,
) -> Result<(&'static str, Vec<u8>), (StatusCode, String)> {
    let miss = || (StatusCode::NOT_FOUND, NO_LETTER.to_string());
    let (Some(s), Some(an)) = (&live.session, &live.analysis) else {
        return Err(miss());
    };
    let c = s.repo.children.get(child).ok_or_else(miss)?;
    let i = c
        .reviews
        .iter()
        .position(|r| r.date.to_string() == date)
        .ok_or_else(miss)?;
    let iro = c.reviews[i].chair();
    let photo = crate::letters::select::photo(&s.root, &s.repo, Some(iro));
    let data = crate::letters::data::letter(&s.repo, c, &an.facts[child], i, photo.is_some());
    let theme = crate::letters::LetterTheme::from_theme(&live.theme)
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    if pdf {
        let engine;
        let e = match &live.engine {
            Some(e) => e,
            None => {
                engine = crate::typeset::PdfEngine::for_theme(&live.theme);
                &engine
            }
        };
        let b = theme
            .render_pdf(e, &data, photo)
            .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        Ok(("application/pdf", b))
    } else {
        let h = theme
            .render_html_with_photo(&data, photo.as_deref())
            .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        // The plain-language check beside it, as `iro check` runs it.
        let r = &c.reviews[i];
        let subject = crate::model::letter_subject(c, r);
        let band = subject.band;
        let (found, scores) =
            crate::plain::check(&r.body, &subject, &crate::model::plain_config(&s.repo));
        let mut page = overlay::inject_top(&h, &preview::panel(&r.body, band, &found, &scores));
        if !live.errors.is_empty() {
            // Letters are served on this computer only.
            page = overlay::inject(
                &page,
                &overlay::html(&live.errors, overlay::Audience::ThisComputer),
            );
        }
        Ok(("text/html; charset=utf-8", page.into_bytes()))
    }
}

async fn letter_route(
    State(app): State<App>,
    ids: Result<UrlPath<(String, String)>, axum::extract::rejection::PathRejection>,
    q: Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>,
) -> Response {
    if !app.letters {
        return (
            StatusCode::NOT_FOUND,
            "letters are shown with iro serve --letters",
        )
            .into_response();
    }
    // Ids that are not text at all get the same answer as any other miss.
    let (child, date) = ids.map(|UrlPath(p)| p).unwrap_or_default();
    let pdf = q.is_ok_and(|Query(q)| q.contains_key("pdf")) || date.ends_with(".pdf");
    let live = app.live.read().unwrap_or_else(|e| e.into_inner());
    match letter(&live, &child, date.trim_end_matches(".pdf"), pdf) {
        Ok((ct, b)) => (
            [
                (header::CONTENT_TYPE, ct),
                (header::CACHE_CONTROL, "no-store"),
            ],
            b,
        )
            .into_response(),
        Err((st, m)) => (
            st,
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            m,
        )
            .into_response(),
    }
}

/// Run `iro serve` until Ctrl-C. Returns the exit status.
pub fn run(o: Options) -> i32 {
    if o.letters && !o.bind.is_loopback() {
        eprintln!(
            "error: letters hold children's details: --letters only listens on this computer (leave out --bind)"
        );
        return 2;
    }
    let audience = if o.bind.is_loopback() {
        overlay::Audience::ThisComputer
    } else {
        eprintln!(
            "warning: listening on {}: the preview is visible to other computers on the network (problems are listed here, without file names on the page)",
            o.bind
        );
        overlay::Audience::Network
    };
    let addr = SocketAddr::new(o.bind, o.port);
    let listener = match std::net::TcpListener::bind(addr) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            eprintln!(
                "error: port {} is in use (another iro serve?); choose another with --port {}",
                o.port,
                o.port.wrapping_add(1)
            );
            return 2;
        }
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e}");
            return 2;
        }
    };
    let addr = listener.local_addr().unwrap_or(addr);
    let t = Instant::now();
    let live = Live::new(&o.root, o.as_of, o.year.clone(), o.pdf);
    let built_ms = t.elapsed().as_millis();
    if live.errors.is_empty() {
        eprintln!(
            "built the {} report in memory: {} pages in {built_ms} ms",
            live.site.year, live.site.pages
        );
    } else {
        print_problems(&live);
        eprintln!(
            "the report does not build yet ({}): the page shows them",
            crate::diag::plural(live.errors.len(), "problem", "problems")
        );
    }
    let shared: Shared = Arc::new(RwLock::new(live));
    let reload = tower_livereload::LiveReloadLayer::new();
    let reloader = reload.reloader();
    let _watcher = match watch(&o.root, o.poll, &shared, reloader) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}; try --poll", o.root.display());
            return 2;
        }
    };
    let app = App {
        live: shared,
        letters: o.letters,
        audience,
    };
    // The Host gate is the outermost layer: it sees every request first,
    // the reload events' included.
    let router = Router::new()
        .route("/letters/{child}/{date}", get(letter_route))
        .fallback(file)
        .with_state(app)
        .layer(reload)
        .layer(axum::middleware::from_fn_with_state(
            (addr.ip(), addr.port()),
            check_host,
        ));
    let url = format!("http://{addr}/");
    println!("serving the report at {url} (Ctrl-C to stop)");
    if o.letters {
        println!("letters: {url}letters/<child>/<review date> (add ?pdf for the PDF)");
    }
    if o.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let result = rt.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        tokio::select! {
            r = accept_loop(listener, router) => r,
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    });
    rt.shutdown_timeout(Duration::from_secs(1));
    match result {
        Ok(()) => {
            eprintln!("stopped");
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

/// Serve connections until the listener fails. Each connection is HTTP/1
/// with [`HEADER_TIMEOUT`] on request headers (hyper's own timer: axum's
/// `serve` sets none, so a half-sent request would hold a connection open).
async fn accept_loop(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(s) => s,
            // A connection that failed before it was accepted (reset,
            // too many open files): wait a moment, keep serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let mut b = hyper::server::conn::http1::Builder::new();
            b.timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT);
            let _ = b
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Print every problem of a failed build in full (files, lines, excerpts)
/// in the terminal: the page may show less.
fn print_problems(live: &Live) {
    let empty = crate::source::Sources::new();
    let sources = live.session.as_ref().map_or(&empty, |s| &s.repo.sources);
    let opts = crate::diag::render::HumanOptions {
        color: crate::cmd::color_stderr(),
        show_info: false,
    };
    eprint!(
        "{}",
        crate::diag::render::human(sources, &live.errors, sources.len(), &opts)
    );
}

/// Watch the root (native events, or polling), debounced, feeding
/// `watch_loop` on a thread of its own. The watcher stops when dropped.
fn watch(
    root: &Path,
    poll: bool,
    shared: &Shared,
    reloader: tower_livereload::Reloader,
) -> Result<Box<dyn std::any::Any + Send>, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let timeout = Duration::from_millis(10);
    let watcher: Box<dyn std::any::Any + Send> = if poll {
        notify_debouncer_full::new_debouncer_opt::<_, notify::PollWatcher, _>(
            timeout,
            None,
            tx,
            notify_debouncer_full::NoCache,
            notify::Config::default().with_poll_interval(Duration::from_millis(500)),
        )
        .and_then(|mut d| {
            d.watch(root, notify::RecursiveMode::Recursive)?;
            Ok(Box::new(d) as Box<dyn std::any::Any + Send>)
        })
        .map_err(|e| e.to_string())?
    } else {
        notify_debouncer_full::new_debouncer(timeout, None, tx)
            .and_then(|mut d| {
                d.watch(root, notify::RecursiveMode::Recursive)?;
                Ok(Box::new(d) as Box<dyn std::any::Any + Send>)
            })
            .map_err(|e| e.to_string())?
    };
    let shared = shared.clone();
    let root = root.to_path_buf();
    std::thread::spawn(move || watch_loop(&root, rx, &shared, &reloader));
    Ok(watcher)
}

fn watch_loop(
    root: &Path,
    rx: std::sync::mpsc::Receiver<notify_debouncer_full::DebounceEventResult>,
    shared: &Shared,
    reloader: &tower_livereload::Reloader,
) {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    while let Ok(res) = rx.recv() {
        let Ok(events) = res else { continue };
        let mut changes: BTreeSet<ChangeKind> = BTreeSet::new();
        for ev in &events {
            // Reading files (the rebuild's own reads) is not a change.
            use notify::EventKind;
            use notify::event::ModifyKind;
            let changed = matches!(
                ev.kind,
                EventKind::Create(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(
                        ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any
                    )
                    | EventKind::Any
            );
            if !changed {
                continue;
            }
            for p in &ev.paths {
                let p = p.canonicalize().unwrap_or_else(|_| p.clone());
                if let Some(k) = change::classify(&root, &p) {
                    changes.insert(k);
                }
            }
        }
        if changes.is_empty() {
            continue;
        }
        let t = Instant::now();
        let ok = {
            let mut live = shared.write().unwrap_or_else(|e| e.into_inner());
            let ok = live.apply(&changes);
            if !ok {
                print_problems(&live);
                eprintln!(
                    "not built: {} (shown on the page)",
                    crate::diag::plural(live.errors.len(), "problem", "problems")
                );
            }
            ok
        };
        if ok {
            let what: Vec<String> = changes
                .iter()
                .map(|c| match c {
                    ChangeKind::Child(id) => format!("child {id}"),
                    other => format!("{other:?}").to_lowercase(),
                })
                .collect();
            eprintln!(
                "rebuilt ({}) in {} ms",
                what.join(", "),
                t.elapsed().as_millis()
            );
        }
        reloader.reload();
    }
}
