//! One document held in memory, as `lub check --stdin`, `check --stdin
//! --fix` and `render --stdin` take it, and as `lub serve` and `lub lsp`
//! are given it: each call goes through the one pipeline,
//! [`Linter::check`], so that each answers exactly what the command line
//! prints.

use std::io;

use crate::check::{FixMode, Input, Linter};
use crate::diploma::{self, Refused};
use crate::finding::{FileReport, RefusedFix, Summary};
use crate::output::{self, Collected, Reporter};
use crate::parse::Document;
use crate::source::SourceFile;

fn input(name: &str, bytes: Vec<u8>) -> [Input; 1] {
    [Input::Text {
        name: name.to_string(),
        bytes,
    }]
}

/// Checks one document and hands its report to `reporter`, then the
/// summary.
pub fn check(
    linter: &Linter,
    name: &str,
    bytes: Vec<u8>,
    reporter: &mut dyn Reporter,
) -> io::Result<Summary> {
    let summary = linter.check(&input(name, bytes), reporter, FixMode::Off)?;
    reporter.finish(&summary)?;
    Ok(summary)
}

/// The report of one document, its directives applied.
pub fn report(linter: &Linter, name: &str, bytes: Vec<u8>) -> FileReport {
    document(linter, name, bytes).1
}

/// One document as parsed (the configuration's defaults applied), and its
/// report. A text that is not UTF-8 gives a document with no sections,
/// whose report says what it is.
pub fn document(linter: &Linter, name: &str, bytes: Vec<u8>) -> (Document, FileReport) {
    let mut collected = Collected::with_documents();
    // Nothing is read from disk and nothing is written but to memory: the
    // run cannot fail, and it gives one report and one document.
    let _ = linter.check(&input(name, bytes), &mut collected, FixMode::Off);
    let report = collected
        .reports
        .pop()
        .unwrap_or_else(|| FileReport::new(SourceFile::new(name, ""), Vec::new()));
    let doc = collected
        .documents
        .pop()
        .unwrap_or_else(|| crate::parse::parse(&report.source));
    (doc, report)
}

/// What `lub check --stdin --format json` prints for `text`.
pub fn check_json(linter: &Linter, name: &str, text: &str) -> String {
    let mut out: Vec<u8> = Vec::new();
    let mut reporter = output::reporter(
        output::Format::Json,
        Box::new(&mut out),
        Box::new(io::sink()),
        output::Style {
            lang: linter.ui_lang(),
            ..output::Style::plain()
        },
        linter.rules(),
    );
    // Writing to memory does not fail.
    let _ = check(linter, name, text.as_bytes().to_vec(), reporter.as_mut());
    drop(reporter);
    String::from_utf8_lossy(&out).into_owned()
}

/// A document after its safe fixes.
pub struct Fixed {
    /// The document: fixed, or as it was if nothing could be fixed (a file
    /// that is not text comes back byte for byte).
    pub bytes: Vec<u8>,
    /// What remains to be mended, positioned in `bytes`.
    pub report: FileReport,
    /// How many fixes were applied.
    pub fixes: usize,
    /// The safe fixes that were not applied, and why.
    pub refused: Vec<RefusedFix>,
}

/// The document with its safe fixes applied, as `lub check --stdin --fix`
/// prints it.
pub fn fix(linter: &Linter, name: &str, bytes: Vec<u8>) -> Fixed {
    let mut collected = Collected::default();
    let run = linter.check(&input(name, bytes.clone()), &mut collected, FixMode::Write);
    let summary = run.unwrap_or_default();
    let report = collected
        .reports
        .pop()
        .unwrap_or_else(|| FileReport::new(SourceFile::new(name, ""), Vec::new()));
    Fixed {
        bytes: collected
            .fixed
            .pop()
            .map_or(bytes, |(_, text)| text.into_bytes()),
        report,
        fixes: summary.fixes,
        refused: summary.refused,
    }
}

/// The diploma text of one document, as `lub render --stdin` prints it.
pub fn render(
    linter: &Linter,
    name: &str,
    bytes: Vec<u8>,
    options: &diploma::Options,
) -> Result<String, Refused> {
    let checked = document(linter, name, bytes);
    diploma::render(linter, std::slice::from_ref(&checked), options)
}
