#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! The report as a person sees it: the page of the bundled corpus opened in
//! headless Chromium (Debian's `chromium`, which `.ci/run` installs). A
//! screenshot must show the charts drawn in their colours, not a blank
//! page, and the DOM after the page's script has run must hold every
//! section. Skipped, with a message, where Chromium is not installed; under
//! `CI=true` its absence fails the test.

mod support;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use scraper::{Html, Selector};

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Chromium, or `None` after saying why the test is skipped.
fn browser_or_skip() -> Option<PathBuf> {
    match chromium() {
        Some(path) => Some(path),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("chromium is not installed; .ci/run installs it (apt-get install chromium)")
        }
        None => {
            // Straight to stderr: the test harness hides what `eprintln!`
            // says in a test that passes, and a skip must be seen.
            let _ = writeln!(
                std::io::stderr(),
                "skipped: the browser test of lub report; chromium is not installed (apt-get install chromium)"
            );
            None
        }
    }
}

/// Runs Chromium headless on `page` (a file or a URL) with `args`; its
/// standard output.
fn run_chromium(browser: &Path, profile: &Path, args: &[String], page: &str) -> Vec<u8> {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(page)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).unwrap();
        bytes
    });
    // A browser that hangs must not hang the test suite.
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

/// Pixels of the PNG close to `rgb`.
fn pixels_near(image: &[u8], channels: usize, rgb: [u8; 3]) -> usize {
    image
        .chunks_exact(channels)
        .filter(|px| px.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 12))
        .count()
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The pixels of a PNG screenshot and how many channels each has.
fn screenshot_pixels(shot: &Path) -> (Vec<u8>, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut image = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut image).unwrap();
    let channels = info.color_type.samples();
    assert!(
        channels >= 3,
        "an RGB screenshot, not {:?}",
        info.color_type
    );
    image.truncate(info.buffer_size());
    (image, channels)
}

#[test]
fn the_report_draws_in_a_real_browser() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let run = support::Run::of(
        support::lub()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["report", "corpus", "--output"])
            .arg(&page),
    );
    assert_eq!(run.status, 0, "{}", run.stderr);

    // The screenshot: the top of the page, totals to the per-unit charts.
    let shot = dir.path().join("report.png");
    run_chromium(
        &browser,
        &dir.path().join("profile-1"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".to_string(),
        ],
        &file_url(&page),
    );
    let (image, channels) = screenshot_pixels(&shot);
    let image = &image[..];
    let total = image.len() / channels;
    let white = pixels_near(image, channels, [255, 255, 255]);
    assert!(
        total - white > total / 20,
        "the page is nearly blank: {white} of {total} pixels are white"
    );
    // The bars of each severity are drawn in their colours (the CSS
    // variables --e, --w, --i of the page).
    for (name, rgb) in [
        ("error", [0xb3, 0x26, 0x1e]),
        ("warning", [0xa1, 0x5c, 0x00]),
        ("info", [0x2f, 0x5f, 0xb3]),
    ] {
        let n = pixels_near(image, channels, rgb);
        assert!(n > 500, "{name} bars: only {n} pixels of their colour");
    }
    if let Ok(keep) = std::env::var("LUB_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }

    // The DOM after the script ran.
    let dom = run_chromium(
        &browser,
        &dir.path().join("profile-2"),
        &["--dump-dom".to_string()],
        &file_url(&page),
    );
    let dom = Html::parse_document(&String::from_utf8(dom).unwrap());
    let select = |s: &str| Selector::parse(s).unwrap();
    for id in [
        "totals",
        "rules",
        "faculties",
        "departments",
        "kinds",
        "languages",
        "outcomes",
        "themes",
        "documents",
    ] {
        let section = dom
            .select(&select(&format!("section#{id}")))
            .next()
            .unwrap_or_else(|| panic!("the browser's DOM has no section {id}"));
        assert!(section.select(&select("h2")).next().is_some(), "{id}");
        assert!(section.select(&select("table")).next().is_some(), "{id}");
    }
    let bars = dom.select(&select("svg.chart rect")).count();
    assert!(bars > 30, "only {bars} bars in the charts");
    // The script ran: the columns sort and the documents can be filtered.
    assert!(dom.select(&select("th[aria-sort]")).next().is_some());
    assert!(
        dom.select(&select("#documents input[type=search]"))
            .next()
            .is_some()
    );
}

/// A flawed course description: vague verbs, a misspelt heading, content
/// where outcomes belong, and no general competence.
const FLAWED: &str = "## Kunnskap\nKandidaten\n- forstår grunnleggende begreper i økologi\n\
- har kjennskap til næringskjeder i ferskvann\n- Emnet gir en innføring i limnologi.\n\n\
## Ferdigeter\n- kan måle biomasse i felt\n";

#[test]
fn the_editor_page_marks_findings_in_a_real_browser() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let server = support::served::Served::start(dir.path());
    let url = format!(
        "{}?ui=nb&kind=course&level=6&lang=nb&code=BIO100&text={}",
        server.url,
        support::served::query_escape(FLAWED)
    );

    let shot = dir.path().join("serve.png");
    run_chromium(
        &browser,
        &dir.path().join("profile-1"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1100".to_string(),
        ],
        &url,
    );
    if let Ok(keep) = std::env::var("LUB_KEEP_SERVE_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
    let (image, channels) = screenshot_pixels(&shot);
    // The marks' backgrounds (--eb, --wb, --ib of the page) are drawn.
    for (name, rgb) in [
        ("warning", [0xfd, 0xe3, 0xb0]),
        ("info", [0xd5, 0xe2, 0xf8]),
    ] {
        let n = pixels_near(&image, channels, rgb);
        assert!(n > 300, "{name} marks: only {n} pixels of their colour");
    }
    // The severities' own colours: the list's borders and the marks' lines.
    let n = pixels_near(&image, channels, [0xa1, 0x5c, 0x00]);
    assert!(n > 100, "warning lines: only {n} pixels");

    let dom = run_chromium(
        &browser,
        &dir.path().join("profile-2"),
        &[
            "--dump-dom".to_string(),
            "--virtual-time-budget=3000".to_string(),
        ],
        &url,
    );
    let dom = Html::parse_document(&String::from_utf8(dom).unwrap());
    let select = |s: &str| Selector::parse(s).unwrap();
    let composed =
        format!("---\ncode: \"BIO100\"\nkind: course\nlevel: 6\nlang: nb\n---\n{FLAWED}");
    let run = support::Run::of(
        support::lub()
            .args(["check", "--stdin", "--format", "json"])
            .write_stdin(composed.as_bytes()),
    );
    let listed = dom.select(&select("#findings-body li.finding")).count();
    assert_eq!(listed, run.findings.len(), "one list item per finding");
    let titles: Vec<String> = dom
        .select(&select("#marked-body mark"))
        .filter_map(|m| m.value().attr("title").map(str::to_string))
        .collect();
    for rule in ["vague-verb", "unknown-heading", "content-not-outcome"] {
        let message = run
            .finding("", rule)
            .unwrap_or_else(|| panic!("lub check finds {rule}"));
        assert!(
            titles.iter().any(|t| t.contains(message)),
            "a mark in the text says «{message}»"
        );
    }
    let marked: String = dom
        .select(&select("#marked-body mark.sev-warning"))
        .flat_map(|m| m.text())
        .collect();
    assert!(
        marked.contains("forstår"),
        "the vague verb is marked: {marked}"
    );
    // The page's script ran, so that it follows the user's typing.
    let html = dom.select(&select("html")).next().unwrap();
    assert!(
        html.value()
            .attr("class")
            .is_some_and(|c| c.contains("live")),
        "the script ran"
    );
    assert!(
        dom.select(&select("#diploma-body p.refused"))
            .next()
            .is_some(),
        "a text with errors gets no diploma text"
    );
}
