//! One document held in memory, as `lub check --stdin`, `check --stdin
//! --fix` and `render --stdin` take it, and as `lub serve` and `lub lsp`
//! are given it: the same calls, so that each answers exactly what the
//! command line prints.

use std::io;

use crate::check::Linter;
use crate::diploma::{self, Refused};
use crate::finding::FileReport;
use crate::finding::Summary;
use crate::output::{self, Reporter};

/// Checks one document and hands its report to `reporter`, then the
/// summary.
pub fn check(
    linter: &Linter,
    name: &str,
    bytes: Vec<u8>,
    reporter: &mut dyn Reporter,
) -> io::Result<Summary> {
    let report = linter.check_bytes(name, bytes);
    let mut summary = Summary::default();
    summary.add(&report);
    reporter.file(&report)?;
    reporter.finish(&summary)?;
    Ok(summary)
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
    pub refused: Vec<crate::finding::RefusedFix>,
}

/// The document with its safe fixes applied, as `lub check --stdin --fix`
/// prints it.
pub fn fix(linter: &Linter, name: &str, bytes: Vec<u8>) -> Fixed {
    let fixed = linter.fix_bytes(name, bytes.clone());
    Fixed {
        bytes: fixed.text.map_or(bytes, String::into_bytes),
        report: fixed.report,
        fixes: fixed.fixes,
        refused: fixed.refused,
    }
}

/// The diploma text of one document, as `lub render --stdin` prints it.
pub fn render(
    linter: &Linter,
    name: &str,
    bytes: Vec<u8>,
    options: &diploma::Options,
) -> Result<String, Refused> {
    let checked = linter.check_document(name, bytes);
    diploma::render(linter, std::slice::from_ref(&checked), options)
}
