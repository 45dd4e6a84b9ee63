#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! `lub report`: the figures agree with `lub check --format json` on the
//! same files, each format holds what the issue asks, user text is escaped,
//! and the exit status says whether the report could be written.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use scraper::{Html, Selector};
use serde_json::Value;
use support::{Run, lub, lub_in, write};

/// `lub report ARGS…` run in the project root; the report's text.
fn report(args: &[&str]) -> (Run, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.out");
    let out = out.to_str().unwrap();
    let mut cmd = lub();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("report")
        .args(args)
        .args(["--output", out]);
    let run = Run::of(&mut cmd);
    let text = std::fs::read_to_string(out).unwrap_or_default();
    (run, text)
}

fn check_json(path: &str) -> Vec<Value> {
    let output = lub()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "json", path])
        .output()
        .unwrap();
    serde_json::from_slice::<Value>(&output.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn select(selector: &str) -> Selector {
    Selector::parse(selector).unwrap()
}

/// The number in a table cell as the page writes it ("1,234").
fn number(text: &str) -> usize {
    text.trim().replace([',', '\u{a0}'], "").parse().unwrap()
}

#[test]
fn the_figures_are_those_of_check_on_the_same_files() {
    let found = check_json("corpus");
    let (run, json) = report(&["corpus", "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let figures: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(figures["version"], 1);

    let by_severity = |severity: &str| found.iter().filter(|f| f["severity"] == severity).count();
    let totals = &figures["totals"];
    assert_eq!(totals["findings"], found.len());
    assert_eq!(totals["errors"], by_severity("error"));
    assert_eq!(totals["warnings"], by_severity("warning"));
    assert_eq!(totals["infos"], by_severity("info"));
    let files: std::collections::BTreeSet<&str> =
        found.iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(totals["documents_with_findings"], files.len());
    let (documents, _) =
        lub::collect_files(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")]);
    assert_eq!(totals["documents"], documents.len());

    // Per rule, and per document and rule.
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_doc: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in &found {
        *per_rule.entry(f["rule"].as_str().unwrap()).or_default() += 1;
        *per_doc
            .entry((f["file"].as_str().unwrap(), f["rule"].as_str().unwrap()))
            .or_default() += 1;
    }
    for rule in figures["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        assert_eq!(
            rule["findings"],
            per_rule.get(id).copied().unwrap_or(0),
            "{id}"
        );
        assert!(
            !rule["summary"].as_str().unwrap().is_empty(),
            "{id} has its summary"
        );
    }
    let mut seen = 0;
    for doc in figures["documents"].as_array().unwrap() {
        let path = doc["path"].as_str().unwrap();
        for (rule, n) in doc["rules"].as_object().unwrap() {
            assert_eq!(
                per_doc.get(&(path, rule.as_str())),
                Some(&(n.as_u64().unwrap() as usize))
            );
            seen += n.as_u64().unwrap() as usize;
        }
    }
    assert_eq!(seen, found.len(), "every finding is in its document's row");

    // The themes least covered add up to the coverage findings.
    let missing: u64 = figures["nkr_themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["missing"].as_u64().unwrap())
        .sum();
    assert!(missing > 0);
    assert_eq!(
        missing as usize,
        per_rule.get("nkr-coverage").copied().unwrap_or(0)
    );
}

#[test]
fn the_page_shows_the_totals_of_check() {
    let found = check_json("corpus");
    let (run, page) = report(&["corpus"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let html = Html::parse_document(&page);
    let rows: BTreeMap<String, usize> = html
        .select(&select("#totals table tbody tr"))
        .map(|row| {
            let head = row
                .select(&select("th"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            let cell = row
                .select(&select("td"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            (head, number(&cell))
        })
        .collect();
    let by_severity = |severity: &str| found.iter().filter(|f| f["severity"] == severity).count();
    assert_eq!(rows["Findings"], found.len());
    assert_eq!(rows["Errors"], by_severity("error"));
    assert_eq!(rows["Warnings"], by_severity("warning"));
    assert_eq!(rows["Notes"], by_severity("info"));
    let (documents, _) =
        lub::collect_files(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")]);
    assert_eq!(rows["Documents"], documents.len());
}

#[test]
fn the_page_has_every_section_each_chart_with_its_table() {
    let (_, page) = report(&["corpus"]);
    let html = Html::parse_document(&page);
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
        let section = html
            .select(&select(&format!("section#{id}")))
            .next()
            .unwrap_or_else(|| panic!("no section {id}"));
        assert!(
            section.select(&select("h2")).next().is_some(),
            "{id} has a heading"
        );
        assert!(
            section.select(&select("table caption")).next().is_some(),
            "{id} has a table"
        );
        for figure in section.select(&select(".fig")) {
            let chart = figure.select(&select("svg")).next();
            let table = figure.select(&select("table")).next();
            if let Some(chart) = chart {
                assert!(table.is_some(), "the chart of {id} has its table beside it");
                assert!(
                    chart.select(&select("rect")).next().is_some(),
                    "the chart of {id} has bars"
                );
            }
        }
    }
    // The worst documents name their path and top findings.
    let first = html
        .select(&select("#documents tbody tr"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(first.contains("corpus/"), "{first}");
    assert!(first.contains('×'), "{first}");
    assert!(html.select(&select("section#baseline")).next().is_none());
}

#[test]
fn csv_and_json_of_the_corpus() {
    let (run, csv) = report(&["corpus", "--format", "csv"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let head: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &head[..11],
        [
            "path",
            "code",
            "kind",
            "level",
            "lang",
            "faculty",
            "department",
            "outcomes",
            "errors",
            "warnings",
            "infos"
        ]
    );
    let linter = lub::Linter::builtin().unwrap();
    assert_eq!(
        head[11..],
        linter.rules().ids().collect::<Vec<_>>()[..],
        "one column per rule"
    );
    let rows = reader.records().count();
    let (documents, _) =
        lub::collect_files(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")]);
    assert_eq!(rows, documents.len());
    insta::assert_snapshot!("corpus_csv", csv);

    let (_, json) = report(&["corpus", "--format", "json"]);
    insta::assert_snapshot!("corpus_json", json);
}

/// A small catalogue in `dir`: two faculties named in front matter and one
/// folder without.
fn catalogue(dir: &Path) {
    write(
        dir,
        "realfag/fysikk/fys1.lub.md",
        "---\ncode: FYS1\nkind: course\nlevel: 6\nlang: nb\nfaculty: Det matematisk-naturvitenskapelige fakultet\ndepartment: Fysisk institutt\n---\n## Kunnskap\n- kan forstå mekanikk\n## Ferdigheter\n- kan beregne bevegelse i mekaniske systemer\n## Generell kompetanse\n- kan formidle resultater om mekanikk\n",
    );
    write(
        dir,
        "hf/hist1.lub.md",
        "---\ncode: HIST1\nkind: course\nlevel: 6\nlang: nb\nfaculty: Det humanistiske fakultet\ndepartment: Institutt for arkeologi, konservering og historie\n---\n## Kunnskap\n- kan gjøre rede for kildekritikk i norsk historie\n## Ferdigheter\n- kan analysere kilder fra middelalderen\n## Generell kompetanse\n- kan formidle historiske resultater til allmennheten\n",
    );
    write(
        dir,
        "andre/emne.en.lub.md",
        "---\ncode: X1\nkind: course\nlevel: 7\n---\n## Knowledge\n- understand the basic concepts of fluid mechanics\n## Skills\n- can model turbulent flow in pipes\n",
    );
}

#[test]
fn units_come_from_front_matter_or_else_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    catalogue(dir.path());
    let run = Run::of(lub_in(dir.path()).args(["report", ".", "--format", "json", "-o", "r.json"]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    let figures: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    let faculties: Vec<(&str, bool)> = figures["faculties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap(),
                f["from_folder"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(faculties.contains(&("Det matematisk-naturvitenskapelige fakultet", false)));
    assert!(faculties.contains(&("Det humanistiske fakultet", false)));
    assert!(faculties.contains(&("./", true)), "{faculties:?}");
    let departments: Vec<&str> = figures["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert!(departments.contains(&"Fysisk institutt"));
    assert!(departments.contains(&"andre/"), "{departments:?}");
    let languages: Vec<&str> = figures["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["lang"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["nb", "en"]);
}

#[test]
fn the_page_escapes_what_documents_say_and_fetches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a&b/<i>.lub.md",
        "---\ncode: \"<script>alert(1)</script>\"\nkind: course\nlevel: 6\nlang: nb\ntitle: \"</td><script>alert(2)</script>\"\nfaculty: \"<img src=x onerror=alert(3)>\"\ndepartment: \"\\\"><svg onload=alert(4)>\"\n---\n## Kunnskap\n- kan forstå alt\n",
    );
    let run = Run::of(lub_in(dir.path()).args(["report", ".", "-o", "r.html"]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(!page.contains("<script>alert"), "a script from a document");
    assert!(!page.contains("<img"), "an element from a document");
    assert!(!page.contains("<svg onload"), "an element from a document");
    assert!(!page.contains("<i>.lub"), "a path is escaped");
    assert!(page.contains("&lt;img src=x onerror=alert(3)&gt;"));
    assert!(page.contains("a&amp;b/&lt;i&gt;.lub.md"));
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    for outside in ["http:", "https:", "@import", "url(", "//fonts"] {
        assert!(!page.contains(outside), "the page refers to {outside}");
    }
    // Well-formed: the parser sees the one script and the whole document,
    // and nothing that loads from elsewhere.
    let html = Html::parse_document(&page);
    assert_eq!(html.select(&select("script")).count(), 1);
    for outside in [
        "[src]",
        "link",
        "img",
        "iframe",
        "object",
        "[onload]",
        "[onerror]",
    ] {
        assert_eq!(html.select(&select(outside)).count(), 0, "{outside}");
    }
    for link in html.select(&select("a[href]")) {
        let href = link.value().attr("href").unwrap();
        assert!(href.starts_with('#'), "a link out of the page: {href}");
    }
    assert!(
        html.select(&select("section#documents td.path"))
            .next()
            .is_some()
    );
}

#[test]
fn the_page_speaks_the_message_language() {
    for (lang, heading, worst) in [
        (
            "nb",
            "Funn per regel",
            "Dokumentene som trenger mest arbeid",
        ),
        (
            "nn",
            "Funn per regel",
            "Dei dokumenta som treng mest arbeid",
        ),
        (
            "en",
            "Findings per rule",
            "The documents most in need of work",
        ),
    ] {
        let (run, page) = report(&["corpus", "--message-lang", lang]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        assert!(page.contains(&format!("<html lang=\"{lang}\">")));
        let html = Html::parse_document(&page);
        let headings: Vec<String> = html
            .select(&select("h2"))
            .map(|h| h.text().collect())
            .collect();
        assert!(
            headings.iter().any(|h| h == heading),
            "{lang}: {headings:?}"
        );
        assert!(headings.iter().any(|h| h == worst), "{lang}: {headings:?}");
    }
    let (_, page) = report(&["corpus", "--message-lang", "nb"]);
    assert!(page.contains("Læringsutbytter"));
    assert!(page.contains("Fakultet"));
    assert!(page.contains("Institutt"));
}

#[test]
fn the_same_selection_as_check() {
    let (run, csv) = report(&[
        "corpus",
        "--format",
        "csv",
        "--select",
        "vague-verb,nkr-copy",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let head = csv.lines().next().unwrap();
    assert!(head.ends_with(",infos,nkr-copy,vague-verb"), "{head}");
    let (run, _) = report(&["corpus", "--select", "no-such-rule"]);
    assert_eq!(run.status, 2);
}

#[test]
fn the_baseline_shows_what_got_better_and_worse() {
    let dir = tempfile::tempdir().unwrap();
    catalogue(dir.path());
    let run =
        Run::of(lub_in(dir.path()).args(["report", ".", "--format", "json", "-o", "old.json"]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    // The physics course is mended; the history course gets a vague verb.
    let physics = dir.path().join("realfag/fysikk/fys1.lub.md");
    let text = std::fs::read_to_string(&physics).unwrap();
    std::fs::write(
        &physics,
        text.replace("kan forstå mekanikk", "kan forklare Newtons lover"),
    )
    .unwrap();
    let history = dir.path().join("hf/hist1.lub.md");
    let text = std::fs::read_to_string(&history).unwrap();
    std::fs::write(
        &history,
        text.replace(
            "- kan analysere kilder fra middelalderen",
            "- kan forstå kilder\n- kan kjenne til arkiver",
        ),
    )
    .unwrap();

    let run = Run::of(lub_in(dir.path()).args([
        "report",
        ".",
        "--format",
        "json",
        "-o",
        "new.json",
        "--baseline",
        "old.json",
    ]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    let figures: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("new.json")).unwrap())
            .unwrap();
    let verdict = |list: &str, name: &str| {
        figures["baseline"][list]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| c["verdict"].as_str().unwrap().to_string())
    };
    assert_eq!(
        verdict("faculties", "Det matematisk-naturvitenskapelige fakultet").as_deref(),
        Some("better")
    );
    assert_eq!(
        verdict("faculties", "Det humanistiske fakultet").as_deref(),
        Some("worse")
    );
    assert_eq!(
        verdict("departments", "Fysisk institutt").as_deref(),
        Some("better")
    );
    assert_eq!(verdict("rules", "vague-verb").as_deref(), Some("worse"));

    let run = Run::of(lub_in(dir.path()).args([
        "report",
        ".",
        "-o",
        "new.html",
        "--baseline",
        "old.json",
    ]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(dir.path().join("new.html")).unwrap();
    let html = Html::parse_document(&page);
    let section = html
        .select(&select("section#baseline"))
        .next()
        .expect("a baseline section");
    let text: String = section.text().collect();
    assert!(text.contains("better") && text.contains("worse"), "{text}");
    assert!(
        section.select(&select("svg rect")).next().is_some(),
        "the change is charted"
    );
    assert!(section.select(&select("table")).count() >= 3);
}

#[test]
fn a_bad_baseline_is_refused_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    catalogue(dir.path());
    write(dir.path(), "not-json.json", "<html>");
    write(dir.path(), "findings.json", "[]");
    write(dir.path(), "future.json", "{\"version\": 99}");
    write(dir.path(), "broken.json", "{\"version\": 1, \"totals\": 3}");
    for (file, says) in [
        ("not-json.json", "is not JSON"),
        ("findings.json", "it has no `version`"),
        ("future.json", "version 99"),
        ("broken.json", "is not a report"),
        ("missing.json", "no such file or folder"),
    ] {
        let run =
            Run::of(lub_in(dir.path()).args(["report", ".", "-o", "r.html", "--baseline", file]));
        assert_eq!(run.status, 2, "{file}");
        run.said(says);
        assert!(
            !dir.path().join("r.html").exists(),
            "{file}: nothing written"
        );
    }
}

#[test]
fn findings_do_not_fail_a_report_but_what_cannot_be_read_does() {
    let (run, page) = report(&["corpus"]);
    assert_eq!(
        run.status, 0,
        "a catalogue with findings reports with status 0"
    );
    assert!(!page.is_empty());

    // An unreadable path: the report is written, lists it, and exits 2.
    let (run, page) = report(&["corpus", "no-such-folder"]);
    assert_eq!(run.status, 2);
    run.said("no-such-folder: no such file or folder");
    assert!(page.contains("id=\"unread\""));

    let dir = tempfile::tempdir().unwrap();
    let run = Run::of(lub_in(dir.path()).args(["report", ".", "-o", "r.html"]));
    assert_eq!(run.status, 2, "a folder with no document");
    run.said("no *.lub.md document here");
    assert!(!dir.path().join("r.html").exists(), "no report of nothing");

    let run = Run::of(lub().args(["report", "corpus", "-o", "/no/such/folder/r.html"]));
    assert_eq!(run.status, 2);
    run.said("cannot write the report");

    let run = Run::of(lub().args(["report", "corpus"]));
    assert_eq!(run.status, 2, "--output is required");
}

#[test]
fn standard_output_takes_the_report_with_a_dash() {
    let run = Run::of(lub().current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "report",
        "corpus/nb",
        "--format",
        "csv",
        "-o",
        "-",
    ]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("path,code,kind,"));
    assert_eq!(run.stdout.lines().count(), 1 + 7);
}

#[test]
fn the_configuration_of_check_holds_for_the_report() {
    let dir = tempfile::tempdir().unwrap();
    catalogue(dir.path());
    write(
        dir.path(),
        "lub.yaml",
        "rules:\n  vague-verb: error\n  compound-outcome: off\n",
    );
    let run = Run::of(lub_in(dir.path()).args(["report", ".", "--format", "json", "-o", "r.json"]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    let figures: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    let rules = figures["rules"].as_array().unwrap();
    let vague = rules.iter().find(|r| r["id"] == "vague-verb").unwrap();
    assert_eq!(vague["severity"], "error");
    assert!(vague["findings"].as_u64().unwrap() > 0);
    assert!(
        rules.iter().all(|r| r["id"] != "compound-outcome"),
        "a rule turned off is left out"
    );
    let errors: u64 = rules
        .iter()
        .filter(|r| r["severity"] == "error")
        .map(|r| r["findings"].as_u64().unwrap())
        .sum();
    assert_eq!(figures["totals"]["errors"], errors);
}
