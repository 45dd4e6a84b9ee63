//! `lub serve`: one web page for editors and a JSON API, on the same calls
//! as the command line (`single`, `diploma`), so that each answer is what
//! `lub check --stdin --format json`, `lub render --stdin` and `lub check
//! --stdin --fix` print.
//!
//! Safe to host: it listens on loopback unless told otherwise; a body over
//! [`MAX_BODY`] is refused with 413; a request gets [`REQUEST_TIMEOUT`];
//! at most [`MAX_IN_FLIGHT`] requests are taken at once (more get 503) and
//! only as many documents are checked at a time as there are cores; nothing
//! is kept, logged or written but the counts it reports when it stops, and
//! no request reaches the file system: the rules and configuration are
//! read once, before the first request.

pub mod compose;
pub mod page;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use crate::check::Linter;
use crate::diploma;
use crate::lang::Lang;
use crate::render;
use crate::single;
use compose::Meta;

/// The largest request body taken: a thousand times a long description.
pub const MAX_BODY: usize = 1024 * 1024;
/// How long a request may take, from its first byte to its answer.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Requests taken at once; more are told to come back (503).
pub const MAX_IN_FLIGHT: usize = 256;
/// How long requests under way get to finish once the server is told to
/// stop.
const GRACE: Duration = Duration::from_secs(5);

/// What the server was asked, for the report when it stops: counts only.
#[derive(Debug, Default)]
pub struct Counts {
    pub page: AtomicU64,
    pub check: AtomicU64,
    pub render: AtomicU64,
    pub fix: AtomicU64,
    pub rules: AtomicU64,
    /// Any other path: answered 404 or 405.
    pub other: AtomicU64,
    /// Answered with a 4xx status: bad fields, bad JSON, too large.
    pub refused: AtomicU64,
    /// Turned away as busy, or cut off at the time limit.
    pub busy: AtomicU64,
}

impl Counts {
    fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// One line: how many requests of each kind were answered.
    pub fn summary(&self) -> String {
        let n = |c: &AtomicU64| c.load(Ordering::Relaxed);
        format!(
            "{} page, {} check, {} render, {} fix, {} rules, {} other; {} refused, {} busy or too slow",
            n(&self.page),
            n(&self.check),
            n(&self.render),
            n(&self.fix),
            n(&self.rules),
            n(&self.other),
            n(&self.refused),
            n(&self.busy)
        )
    }
}

struct Shared {
    linter: Linter,
    /// The page's linters, one per language it speaks: the findings on
    /// the page speak the user's language, as its own words do.
    speaking: [Linter; 3],
    /// Documents checked at once: the cores, no more.
    work: Arc<Semaphore>,
    in_flight: Semaphore,
    counts: Counts,
}

/// A server bound to its address, not yet answering.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    address: SocketAddr,
    linter: Linter,
    speaking: [Linter; 3],
    cores: usize,
}

/// Connections the system holds for the server before it accepts them.
/// The standard library's 128 is fewer than one burst of the load
/// benchmark (200 at once), and a refused connection is retried only after
/// a second.
const BACKLOG: u32 = 1024;

impl Server {
    /// Binds `address`; fails (in words for the user) if it is taken or not
    /// this machine's.
    /// `linter` answers the API as the command line does; `speaking` holds
    /// the page's linters, in `Lang::ALL` order, each with every message in
    /// its language.
    pub fn bind(
        address: SocketAddr,
        linter: Linter,
        speaking: [Linter; 3],
    ) -> Result<Server, String> {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(cores.min(4))
            .max_blocking_threads(cores)
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        let listener = {
            let _inside = runtime.enter();
            let socket = if address.is_ipv4() {
                tokio::net::TcpSocket::new_v4()
            } else {
                tokio::net::TcpSocket::new_v6()
            };
            socket
                .and_then(|socket| {
                    socket.set_reuseaddr(true)?;
                    socket.bind(address)?;
                    socket.listen(BACKLOG)
                })
                .map_err(|e| format!("cannot listen on {address}: {e}"))?
        };
        let address = listener.local_addr().unwrap_or(address);
        Ok(Server {
            runtime,
            listener,
            address,
            linter,
            speaking,
            cores,
        })
    }

    /// Where the page is.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Answers requests until SIGINT (Ctrl+C) or SIGTERM, lets those under
    /// way finish, and returns what it answered, in counts.
    pub fn run(self) -> Result<String, String> {
        let Server {
            runtime,
            listener,
            linter,
            speaking,
            cores,
            ..
        } = self;
        let shared = Arc::new(Shared {
            linter,
            speaking,
            work: Arc::new(Semaphore::new(cores)),
            in_flight: Semaphore::new(MAX_IN_FLIGHT),
            counts: Counts::default(),
        });
        let app = router(Arc::clone(&shared));
        runtime.block_on(async move {
            let stop = Arc::new(tokio::sync::Notify::new());
            let stopped = Arc::clone(&stop);
            let mut serving = tokio::spawn(
                axum::serve(listener, app)
                    .with_graceful_shutdown(async move { stopped.notified().await })
                    .into_future(),
            );
            tokio::select! {
                ended = &mut serving => {
                    return match ended {
                        Ok(Ok(())) => Ok(()),
                        Ok(Err(e)) => Err(format!("the server stopped: {e}")),
                        Err(e) => Err(format!("the server stopped: {e}")),
                    };
                }
                () = interrupted() => {}
            }
            // `notify_one` keeps the wake-up for a server not yet waiting.
            stop.notify_one();
            if tokio::time::timeout(GRACE, &mut serving).await.is_err() {
                serving.abort();
            }
            Ok::<(), String>(())
        })?;
        // Dropping the runtime waits for checks still under way.
        drop(runtime);
        Ok(shared.counts.summary())
    }
}

/// SIGINT, or SIGTERM where there is one.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(page_get).post(page_post))
        .route("/api/page", post(api_page))
        .route("/api/check", post(api_check))
        .route("/api/render", post(api_render))
        .route("/api/fix", post(api_fix))
        .route("/api/rules", get(api_rules))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), guard))
        .with_state(shared)
}

/// Every request: turned away when too many are under way, cut off at the
/// time limit, counted when refused, and answered with headers that keep
/// the page to itself.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let counts = &shared.counts;
    Counts::bump(match request.uri().path() {
        "/api/check" => &counts.check,
        "/api/render" => &counts.render,
        "/api/fix" => &counts.fix,
        "/api/rules" => &counts.rules,
        "/" | "/api/page" => &counts.page,
        _ => &counts.other,
    });
    let Ok(_permit) = shared.in_flight.try_acquire() else {
        Counts::bump(&shared.counts.busy);
        return busy();
    };
    let mut response = match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            Counts::bump(&shared.counts.busy);
            return busy();
        }
    };
    if response.status().is_client_error() {
        Counts::bump(&shared.counts.refused);
    }
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn busy() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "1")],
        "lub is busy or the request took too long; try again\n",
    )
        .into_response()
}

/// Runs `work` on the blocking pool once a core is free, with the linter
/// of the API.
async fn on_a_core<T: Send + 'static>(
    shared: &Arc<Shared>,
    work: impl FnOnce(&Linter) -> T + Send + 'static,
) -> Result<T, Response> {
    on_a_core_speaking(shared, None, work).await
}

/// `on_a_core`, with the page's linter for `ui` when one is given.
async fn on_a_core_speaking<T: Send + 'static>(
    shared: &Arc<Shared>,
    ui: Option<Lang>,
    work: impl FnOnce(&Linter) -> T + Send + 'static,
) -> Result<T, Response> {
    let shared = Arc::clone(shared);
    let Ok(permit) = Arc::clone(&shared.work).acquire_owned().await else {
        return Err(busy());
    };
    let joined = tokio::task::spawn_blocking(move || {
        let linter = match ui {
            Some(lang) => shared.speaking.get(lang.index()).unwrap_or(&shared.linter),
            None => &shared.linter,
        };
        let answer = work(linter);
        drop(permit);
        answer
    })
    .await;
    joined.map_err(|_| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            "lub failed on this text; please report it\n",
        )
            .into_response()
    })
}

/// A JSON request: the text and, optionally, its name and metadata; for
/// `/api/render` also the format and width.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    pub text: String,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub level: Option<LevelField>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    /// `/api/render`: text (default), markdown, html or json.
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub width: Option<usize>,
    /// `/api/page`: the language of the page's own words.
    #[serde(default)]
    pub ui: Option<String>,
}

/// A level as a number (`7`) or as the form sends it (`"7"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum LevelField {
    Number(i64),
    Text(String),
}

impl Input {
    fn meta(&self) -> Result<Meta, String> {
        let level = self.level.as_ref().map(|l| match l {
            LevelField::Number(n) => n.to_string(),
            LevelField::Text(t) => t.clone(),
        });
        // The API answers in English, as the command line's machine
        // formats do.
        Meta::from_fields(
            self.kind.as_deref(),
            level.as_deref(),
            self.lang.as_deref(),
            self.code.as_deref(),
        )
        .map_err(|text| text.en)
    }

    /// The document to check: the text with the metadata in its front
    /// matter, and the name to report it under.
    fn document(&self) -> Result<(String, String), String> {
        let meta = self.meta()?;
        let name = self
            .filename
            .clone()
            .unwrap_or_else(|| "<stdin>".to_string());
        Ok((name, compose::compose(&self.text, &meta)))
    }
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, format!("error: {message}\n")).into_response()
}

fn json_body(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn api_check(
    State(shared): State<Arc<Shared>>,
    axum::Json(input): axum::Json<Input>,
) -> Response {
    let (name, text) = match input.document() {
        Ok(document) => document,
        Err(message) => return bad_request(&message),
    };
    match on_a_core(&shared, move |linter| {
        single::check_json(linter, &name, &text)
    })
    .await
    {
        Ok(body) => json_body(body),
        Err(response) => response,
    }
}

async fn api_fix(
    State(shared): State<Arc<Shared>>,
    axum::Json(input): axum::Json<Input>,
) -> Response {
    let (name, text) = match input.document() {
        Ok(document) => document,
        Err(message) => return bad_request(&message),
    };
    match on_a_core(&shared, move |linter| {
        single::fix(linter, &name, text.into_bytes())
    })
    .await
    {
        Ok(fixed) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/markdown; charset=utf-8".to_string(),
                ),
                (
                    header::HeaderName::from_static("x-lub-fixes"),
                    fixed.fixes.to_string(),
                ),
            ],
            fixed.bytes,
        )
            .into_response(),
        Err(response) => response,
    }
}

async fn api_render(
    State(shared): State<Arc<Shared>>,
    axum::Json(input): axum::Json<Input>,
) -> Response {
    let (format, content_type) = match input.to.as_deref().unwrap_or("text") {
        "text" => (render::Format::Text, "text/plain; charset=utf-8"),
        "markdown" => (render::Format::Markdown, "text/markdown; charset=utf-8"),
        "html" => (render::Format::Html, "text/html; charset=utf-8"),
        "json" => (render::Format::Json, "application/json"),
        other => {
            return bad_request(&format!(
                "«{other}» is not a format: text, markdown, html or json"
            ));
        }
    };
    let options = diploma::Options {
        format,
        // As wide as anyone reads, and no wider: the width is the user's.
        width: input.width.unwrap_or(80).clamp(20, 1000),
        ..diploma::Options::default()
    };
    let (name, text) = match input.document() {
        Ok(document) => document,
        Err(message) => return bad_request(&message),
    };
    match on_a_core(&shared, move |linter| {
        single::render(linter, &name, text.into_bytes(), &options)
    })
    .await
    {
        Ok(Ok(text)) => ([(header::CONTENT_TYPE, content_type)], text).into_response(),
        Ok(Err(refused)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            refused.message,
        )
            .into_response(),
        Err(response) => response,
    }
}

#[derive(Serialize)]
struct RuleEntry<'a> {
    id: &'a str,
    severity: &'static str,
    enabled: bool,
    languages: Vec<&'static str>,
    summary: &'a str,
}

async fn api_rules(State(shared): State<Arc<Shared>>) -> Response {
    let rules: Vec<RuleEntry<'_>> = shared
        .linter
        .rules()
        .iter()
        .map(|rule| RuleEntry {
            id: &rule.id,
            severity: rule.severity.as_str(),
            enabled: rule.enabled,
            languages: rule.meta.languages.iter().map(|l| l.code()).collect(),
            summary: rule.meta.summary.get(shared.linter.ui_lang()).trim(),
        })
        .collect();
    match serde_json::to_string_pretty(&rules) {
        Ok(body) => json_body(body + "\n"),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// The page's fields, as the form posts them and as its script sends them.
#[derive(Debug, Default, Deserialize)]
pub struct PageForm {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub ui: Option<String>,
    /// Which button: check (default), fix or download.
    #[serde(default)]
    pub action: Option<String>,
}

/// The language of the page: asked for, else the browser's first of
/// bokmål, nynorsk and English, else bokmål.
fn page_language(asked: Option<&str>, headers: &HeaderMap) -> Lang {
    if let Some(lang) = asked.and_then(Lang::from_code) {
        return lang;
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    for tag in accepted.split(',') {
        let tag = tag.split(';').next().unwrap_or_default().trim();
        let primary = tag
            .split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "nb" | "no" => return Lang::Nb,
            "nn" => return Lang::Nn,
            "en" => return Lang::En,
            _ => {}
        }
    }
    Lang::Nb
}

/// What the page shows for a form: the parts, and the text area's text.
struct Answer {
    html: String,
    parts: page::Parts,
    status: StatusCode,
    /// For a download: the file's name and text.
    download: Option<(String, String)>,
}

fn answer(linter: &Linter, form: &PageForm, ui: Lang, whole_page: bool) -> Answer {
    let words = page::words(ui);
    let (meta, mut notice, mut status) = match Meta::from_fields(
        Some(&form.kind),
        Some(&form.level),
        Some(&form.lang),
        Some(&form.code),
    ) {
        Ok(meta) => (meta, None, StatusCode::OK),
        // The fields come from the page's own lists; a bad one is a
        // hand-made request, told so in lub's words.
        Err(message) => (
            Meta::default(),
            Some(message.get(ui).to_string()),
            StatusCode::BAD_REQUEST,
        ),
    };
    let mut text = compose::compose(&form.text, &meta);
    let mut shown = form.text.clone();
    let name = file_name(&meta);
    match form.action.as_deref() {
        Some("fix") if status == StatusCode::OK => {
            let fixed = single::fix(linter, &name, text.clone().into_bytes());
            if fixed.fixes > 0 {
                text = String::from_utf8_lossy(&fixed.bytes).into_owned();
                shown.clone_from(&text);
                notice = Some(format!("{} {}", words.fixed, fixed.fixes));
            } else {
                notice = Some(words.nothing_to_fix.to_string());
            }
        }
        Some("download") if status == StatusCode::OK => {
            return Answer {
                html: String::new(),
                parts: page::Parts {
                    notice: String::new(),
                    marked: String::new(),
                    findings: String::new(),
                    diploma: String::new(),
                },
                status,
                download: Some((name, text)),
            };
        }
        Some("check" | "fix" | "download") | None => {}
        Some(other) => {
            notice = Some(format!(
                "«{other}» is not an action: check, fix or download"
            ));
            status = StatusCode::BAD_REQUEST;
        }
    }
    let (doc, report) = single::document(linter, &name, text.into_bytes());
    let diploma = diploma::render(
        linter,
        &[(doc, report.clone())],
        &diploma::Options::default(),
    );
    let view = page::View {
        ui,
        text: &shown,
        meta: &meta,
        report: &report,
        diploma: &diploma,
        notice,
    };
    Answer {
        html: if whole_page {
            page::page(&view)
        } else {
            String::new()
        },
        parts: page::parts(&view),
        status,
        download: None,
    }
}

/// The name a download gets: `CODE.LANG.lub.md` from the fields where they
/// say, with only the letters, digits and dashes of the code.
fn file_name(meta: &Meta) -> String {
    let code: String = meta
        .code
        .as_deref()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    let stem = if code.is_empty() {
        "beskrivelse".to_string()
    } else {
        code
    };
    match meta.lang {
        Some(lang) => format!("{stem}.{}.lub.md", lang.code()),
        None => format!("{stem}.lub.md"),
    }
}

async fn page_get(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(form): Query<PageForm>,
) -> Response {
    page_answer(shared, headers, form).await
}

async fn page_post(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<PageForm>,
) -> Response {
    page_answer(shared, headers, form).await
}

async fn page_answer(shared: Arc<Shared>, headers: HeaderMap, form: PageForm) -> Response {
    let ui = page_language(form.ui.as_deref(), &headers);
    let answered = on_a_core_speaking(&shared, Some(ui), move |linter| {
        answer(linter, &form, ui, true)
    })
    .await;
    match answered {
        Ok(Answer {
            download: Some((name, text)),
            ..
        }) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/markdown; charset=utf-8".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
            ],
            text,
        )
            .into_response(),
        Ok(answer) => (
            answer.status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            answer.html,
        )
            .into_response(),
        Err(response) => response,
    }
}

#[derive(Serialize)]
struct PartsBody {
    notice: String,
    marked: String,
    findings: String,
    diploma: String,
}

async fn api_page(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    axum::Json(input): axum::Json<PageForm>,
) -> Response {
    let ui = page_language(input.ui.as_deref(), &headers);
    match on_a_core_speaking(&shared, Some(ui), move |linter| {
        answer(linter, &input, ui, false)
    })
    .await
    {
        Ok(answer) => {
            let body = PartsBody {
                notice: answer.parts.notice,
                marked: answer.parts.marked,
                findings: answer.parts.findings,
                diploma: answer.parts.diploma,
            };
            match serde_json::to_string(&body) {
                Ok(body) => (answer.status, json_body(body)).into_response(),
                Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
            }
        }
        Err(response) => response,
    }
}
