#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! Real published learning-outcome texts, read from `../shared/realworld/`
//! (they are not ours, so they are never copied into the project). Every
//! document listed in its `index.json` must parse with no `parse-error`,
//! with exactly the categories and the language the index says the text
//! has, and with no warning or error on a line its annotation (`NAME.json`
//! beside `NAME.txt`) marks `ok`: lub must never cry wolf on a good
//! outcome. What lub should find there (`expect`) is measured by
//! `../shared/tools/real-score`, not asserted here.
//!
//! Set `LUB_REALWORLD` to read them from elsewhere. When the folder is not
//! there the test says so and passes, so that a contributor without it can
//! still run the suite; under `CI=true` it fails instead, so that a CI job
//! cannot pass without having looked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use lub::lang::Category;

#[path = "../bench/realworld.rs"]
mod texts;

/// Whether this run is CI's (`CI=true`), where a skipped guard is a failure.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true"))
}

/// The texts are not there: a failure in CI, else a skip that says so.
fn absent(why: &str) {
    assert!(
        !in_ci(),
        "{why}: under CI=true the real-world texts must be there (set LUB_REALWORLD)"
    );
    eprintln!("skipped: {why} (set LUB_REALWORLD)");
}

fn realworld() -> Option<PathBuf> {
    let dir = texts::dir();
    if dir.is_dir() {
        Some(dir)
    } else {
        absent(&format!("no real-world texts at {}", dir.display()));
        None
    }
}

#[derive(serde::Deserialize)]
struct Entry {
    file: String,
    lang: String,
    categories: Vec<String>,
}

/// A reviewer's annotation of one text (`NAME.json`), as
/// `../shared/tools/real-score` reads it.
#[derive(serde::Deserialize)]
struct Annotation {
    #[serde(default)]
    expect: Vec<Expectation>,
    #[serde(default)]
    ok: Vec<OkLine>,
}

/// A finding a good linter makes: of `rule`, on a line containing
/// `contains` (or anywhere, for `""`). A `doubtful` one is a judgement
/// call: a finding there is neither right nor wrong.
#[derive(serde::Deserialize)]
struct Expectation {
    rule: String,
    contains: String,
    #[serde(default)]
    doubtful: bool,
}

/// Every line containing `contains` must get no warning or error.
#[derive(serde::Deserialize)]
struct OkLine {
    contains: String,
}

/// Collects what a run of the linter reports, as the binary's reporters
/// receive it.
#[derive(Default)]
struct Collect {
    reports: Vec<lub::FileReport>,
    errors: Vec<String>,
}

impl lub::output::Reporter for Collect {
    fn file(&mut self, report: &lub::FileReport) -> std::io::Result<()> {
        self.reports.push(report.clone());
        Ok(())
    }
    fn error(&mut self, error: &lub::files::PathError) -> std::io::Result<()> {
        self.errors.push(error.to_string());
        Ok(())
    }
    fn finish(&mut self, _summary: &lub::Summary) -> std::io::Result<()> {
        Ok(())
    }
}

/// The 1-based numbers of the lines (split at `\n`, as real-score splits
/// them) that contain `part`.
fn lines_with(text: &str, part: &str) -> BTreeSet<usize> {
    text.split('\n')
        .enumerate()
        .filter(|(_, line)| line.contains(part))
        .map(|(i, _)| i + 1)
        .collect()
}

/// A finding as `--format json` gives it: rule, severity, first and last
/// line, and what it says.
struct Seen {
    rule: String,
    judged: bool,
    lines: BTreeSet<usize>,
    shown: String,
}

/// The findings `lub check` makes on the file at `path`: the same entry
/// the binary uses (`Linter::check`, so the rules that compare documents
/// run too), with the built-in rules and no configuration.
fn findings(linter: &lub::Linter, path: &Path) -> Result<Vec<Seen>, String> {
    let mut collect = Collect::default();
    linter
        .check(
            &[lub::check::Input::File(path.to_path_buf())],
            &mut collect,
            lub::check::FixMode::Off,
        )
        .map_err(|e| e.to_string())?;
    if !collect.errors.is_empty() {
        return Err(collect.errors.join("; "));
    }
    let mut seen = Vec::new();
    for report in &collect.reports {
        for finding in &report.findings {
            let start = report.source.position(finding.span.start).line;
            let end = report.source.position(finding.span.end).line.max(start);
            seen.push(Seen {
                rule: finding.rule.to_string(),
                judged: finding.severity >= lub::Severity::Warning,
                lines: (start..=end).collect(),
                shown: format!(
                    "{} [{}] «{}»: {}",
                    finding.rule,
                    finding.severity.as_str(),
                    report.source.slice(&finding.span),
                    finding.message
                ),
            });
        }
    }
    Ok(seen)
}

/// The false alarms of one annotated text, as real-score counts them: a
/// warning or error on a line marked `ok`, unless it is what an
/// expectation asks for (or a doubtful expectation allows). Also every
/// `ok` text that is no longer in the file, for then it guards nothing.
fn false_alarms(name: &str, text: &str, annotation: &Annotation, seen: &[Seen]) -> Vec<String> {
    let mut failures = Vec::new();
    let mut excused = vec![false; seen.len()];
    for expectation in &annotation.expect {
        let lines = lines_with(text, &expectation.contains);
        if !expectation.doubtful && !expectation.contains.is_empty() && lines.is_empty() {
            failures.push(format!(
                "{name}: the annotation expects «{}», which is not in the text",
                expectation.contains
            ));
        }
        for (i, finding) in seen.iter().enumerate() {
            if finding.rule == expectation.rule
                && (expectation.contains.is_empty() || !finding.lines.is_disjoint(&lines))
            {
                excused[i] = true;
            }
        }
    }
    for ok in &annotation.ok {
        let lines = lines_with(text, &ok.contains);
        if ok.contains.is_empty() || lines.is_empty() {
            failures.push(format!(
                "{name}: the annotation's ok text «{}» is not in the text",
                ok.contains
            ));
            continue;
        }
        for (finding, excused) in seen.iter().zip(&excused) {
            if finding.judged && !excused && !finding.lines.is_disjoint(&lines) {
                let line = finding.lines.first().copied().unwrap_or(0);
                failures.push(format!(
                    "{name}:{line}: false alarm on an ok line («{}»): {}",
                    ok.contains, finding.shown
                ));
            }
        }
    }
    failures
}

#[test]
fn every_real_document_parses_with_its_categories_and_no_false_alarm() {
    let Some(dir) = realworld() else { return };
    let linter = lub::Linter::builtin().expect("built-in rules load");
    let mut checked = 0;
    let mut annotated = 0;
    let mut indexes = 0;
    let mut failures = Vec::new();
    for lang_dir in ["nb", "nn", "en"] {
        let index_path = dir.join(lang_dir).join("index.json");
        let Ok(index) = std::fs::read_to_string(&index_path) else {
            continue;
        };
        indexes += 1;
        let entries: Vec<Entry> = serde_json::from_str(&index).expect("index.json is valid");
        for entry in entries {
            let path = dir.join(lang_dir).join(&entry.file);
            let bytes = std::fs::read(&path).expect("indexed file exists");
            let text = String::from_utf8(bytes).expect("UTF-8");
            let seen = match findings(&linter, &path) {
                Ok(seen) => seen,
                Err(e) => {
                    failures.push(format!("{}: not checked: {e}", entry.file));
                    continue;
                }
            };
            let parse_errors: Vec<&str> = seen
                .iter()
                .filter(|f| f.rule == "parse-error")
                .map(|f| f.shown.as_str())
                .collect();
            if !parse_errors.is_empty() {
                failures.push(format!("{}: {parse_errors:?}", entry.file));
            }
            let source = lub::SourceFile::new(entry.file.clone(), text.clone());
            let doc = lub::parse(&source);
            // The categories the text has, as the index lists them: a
            // heading whose list was lost still names its category (the
            // `-empty` texts), and a merged heading names each of its own.
            let found: BTreeSet<&str> = Category::ALL
                .into_iter()
                .filter(|c| doc.has_category(*c))
                .map(Category::key)
                .collect();
            let expected: BTreeSet<&str> = entry.categories.iter().map(String::as_str).collect();
            if found != expected {
                failures.push(format!(
                    "{}: categories {found:?}, expected {expected:?}",
                    entry.file
                ));
            }
            if doc.lang.code() != entry.lang {
                failures.push(format!(
                    "{}: language {}, expected {}",
                    entry.file, doc.lang, entry.lang
                ));
            }
            let annotation_path = path.with_extension("json");
            match std::fs::read_to_string(&annotation_path) {
                Ok(json) => match serde_json::from_str::<Annotation>(&json) {
                    Ok(annotation) => {
                        failures.extend(false_alarms(&entry.file, &text, &annotation, &seen));
                        annotated += 1;
                    }
                    Err(e) => failures.push(format!("{}: bad annotation: {e}", entry.file)),
                },
                Err(e) => failures.push(format!(
                    "{}: no annotation {}: {e}",
                    entry.file,
                    annotation_path.display()
                )),
            }
            checked += 1;
        }
    }
    if indexes == 0 {
        absent(&format!(
            "{} has no nb/, nn/ or en/ index.json",
            dir.display()
        ));
        return;
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) in the real-world texts:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        checked > 0,
        "an index.json was found but listed no documents"
    );
    eprintln!(
        "{checked} real documents parsed with their categories; {annotated} annotated, with no false alarm on an ok line"
    );
}

/// The guard itself: a warning on an ok line is caught, one an expectation
/// asks for is not, and an ok text that left the file is reported.
#[test]
fn the_false_alarm_guard_catches_what_it_should() {
    let text = "Kunnskap\n- forstå operativsystemer\n- gjøre rede for tråder\n";
    let annotation: Annotation = serde_json::from_str(
        r#"{"expect": [{"rule": "vague-verb", "contains": "forstå", "why": ""}],
            "ok": [{"contains": "gjøre rede for tråder"}, {"contains": "forstå oper"},
                   {"contains": "not there"}]}"#,
    )
    .unwrap();
    let seen = |rule: &str, line: usize, judged: bool| Seen {
        rule: rule.into(),
        judged,
        lines: BTreeSet::from([line]),
        shown: rule.into(),
    };
    let failures = false_alarms(
        "x.txt",
        text,
        &annotation,
        &[
            seen("vague-verb", 2, true),
            seen("generic-outcome", 3, true),
            seen("long-outcome", 3, false),
        ],
    );
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(
        failures[0].starts_with("x.txt:3: false alarm"),
        "{failures:?}"
    );
    assert!(failures[1].contains("«not there» is not in the text"));
}
