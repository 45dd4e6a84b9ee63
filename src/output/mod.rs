//! findings → **output**: one `Reporter` per output format of `lub check`. The library
//! never prints; a reporter writes to whatever the caller gives it.

mod compact;
mod diff;
mod github;
mod human;
mod json;
mod sarif;
mod statistics;

use std::io;

use crate::facts::DocFacts;
use crate::files::PathError;
use crate::finding::{AppliedFix, Summary};
use crate::finding::{FileReport, Severity};
use crate::lang::Lang;
use crate::parse::Document;
use crate::rules::RuleSet;
pub use compact::CompactReporter;
pub use diff::{DiffReporter, unified_diff};
pub use github::GithubReporter;
pub use human::HumanReporter;
pub use json::{JsonEdit, JsonError, JsonFinding, JsonFix, JsonRelated, JsonReporter};
pub use sarif::SarifReporter;
pub use statistics::StatisticsReporter;

/// Receives each checked file, in order, then the run's summary.
pub trait Reporter {
    fn file(&mut self, report: &FileReport) -> io::Result<()>;
    /// The format's writer of findings for the threads that check the
    /// files, when it has one: each file's findings are then written there,
    /// and the thread that prints only copies them (`file_ahead`).
    fn ahead(&self) -> Option<Box<dyn Ahead>> {
        None
    }
    /// A file's report with what [`Ahead::pieces`] wrote of it.
    fn file_ahead(&mut self, report: &FileReport, pieces: Vec<String>) -> io::Result<()> {
        let _ = pieces;
        self.file(report)
    }
    /// `fixes` safe fixes were applied to the file `name` (or, with a
    /// `diff`, would be).
    fn fixed(&mut self, _name: &str, _fixes: usize, _diff: Option<&str>) -> io::Result<()> {
        Ok(())
    }
    /// The fixes `--fix` applied to the file `name` and wrote, each with
    /// its line, rule and text before and after.
    fn applied(&mut self, _name: &str, _fixes: &[AppliedFix]) -> io::Result<()> {
        Ok(())
    }
    /// Whether `facts` should be called: what the catalogue report needs
    /// to know of each document beyond its findings. Only asked when not
    /// fixing.
    fn wants_facts(&self) -> bool {
        false
    }
    /// A document's metadata and size, given just before its `file`.
    fn facts(&mut self, _facts: &DocFacts) -> io::Result<()> {
        Ok(())
    }
    /// Whether `document` should be called: the parsed document, for a
    /// caller that goes on to use it (`render`). Only asked when not
    /// fixing.
    fn wants_documents(&self) -> bool {
        false
    }
    /// A document as parsed, given just before its `file`.
    fn document(&mut self, _doc: &Document) -> io::Result<()> {
        Ok(())
    }
    /// The text `name` became with its safe fixes, when it is a text in
    /// memory that `FixMode::Write` fixed (a file is written instead);
    /// given just after its `fixed`.
    fn fixed_text(&mut self, _name: &str, _text: &str) -> io::Result<()> {
        Ok(())
    }
    /// A path that could not be read.
    fn error(&mut self, error: &PathError) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// Keeps every report and error of a run, for callers that hold documents
/// in memory and want the reports back.
#[derive(Debug, Default)]
pub struct Collected {
    pub reports: Vec<FileReport>,
    pub errors: Vec<PathError>,
    /// Each document as parsed, in the order of `reports`, when made
    /// `with_documents`.
    pub documents: Vec<Document>,
    /// The fixed text of each text in memory that fixing changed, by name.
    pub fixed: Vec<(String, String)>,
    keep_documents: bool,
}

impl Collected {
    /// A collector that keeps the parsed documents as well.
    pub fn with_documents() -> Collected {
        Collected {
            keep_documents: true,
            ..Collected::default()
        }
    }
}

impl Reporter for Collected {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        self.reports.push(report.clone());
        Ok(())
    }
    fn wants_documents(&self) -> bool {
        self.keep_documents
    }
    fn document(&mut self, doc: &Document) -> io::Result<()> {
        self.documents.push(doc.clone());
        Ok(())
    }
    fn fixed_text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.fixed.push((name.to_string(), text.to_string()));
        Ok(())
    }
    fn error(&mut self, error: &PathError) -> io::Result<()> {
        self.errors.push(error.clone());
        Ok(())
    }
    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// Writes a file's findings as its format prints them, one piece each, on
/// whichever thread checked the file.
pub trait Ahead: Send + Sync {
    fn pieces(&self, report: &FileReport) -> io::Result<Vec<String>>;
}

/// Output formats of `lub check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Compact,
}

/// How a reporter writes, beyond its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Colour, for the human format on a terminal.
    pub color: bool,
    /// The language of lub's own words: the summary, the legend, the
    /// rules' descriptions in SARIF.
    pub lang: Lang,
    /// Findings only: no summary, no legend, no list of fixes.
    pub quiet: bool,
}

impl Style {
    /// Plain English, with the summary: what tests and scripts get.
    pub fn plain() -> Style {
        Style {
            color: false,
            lang: Lang::En,
            quiet: false,
        }
    }
}

/// A reporter for `format` writing findings to `out` and read errors to
/// `err`, as `style` says; `rules` describe themselves in SARIF.
pub fn reporter<'a>(
    format: Format,
    out: Box<dyn io::Write + 'a>,
    err: Box<dyn io::Write + 'a>,
    style: Style,
    rules: &RuleSet,
) -> Box<dyn Reporter + 'a> {
    match format {
        Format::Human => Box::new(HumanReporter::new(out, err, style)),
        Format::Json => Box::new(JsonReporter::new(out, err, style.lang)),
        Format::Sarif => Box::new(SarifReporter::new(out, err, rules, style.lang)),
        Format::Github => Box::new(GithubReporter::new(out, err, style.lang)),
        Format::Compact => Box::new(CompactReporter::new(out, err, style.lang)),
    }
}

/// Passes on only the findings at or above a severity (`--min-severity`):
/// what is shown, not what fails the run.
pub struct MinSeverity<'a> {
    inner: Box<dyn Reporter + 'a>,
    min: Severity,
    /// The findings passed on, which the summary then counts.
    shown: Summary,
}

impl<'a> MinSeverity<'a> {
    pub fn new(inner: Box<dyn Reporter + 'a>, min: Severity) -> Self {
        MinSeverity {
            inner,
            min,
            shown: Summary::default(),
        }
    }
}

impl Reporter for MinSeverity<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        if report.findings.iter().all(|f| f.severity >= self.min) {
            self.shown.add(report);
            return self.inner.file(report);
        }
        let shown = FileReport {
            source: report.source.clone(),
            findings: report
                .findings
                .iter()
                .filter(|f| f.severity >= self.min)
                .cloned()
                .collect(),
        };
        self.shown.add(&shown);
        self.inner.file(&shown)
    }
    fn fixed(&mut self, name: &str, fixes: usize, diff: Option<&str>) -> io::Result<()> {
        self.inner.fixed(name, fixes, diff)
    }
    fn applied(&mut self, name: &str, fixes: &[AppliedFix]) -> io::Result<()> {
        self.inner.applied(name, fixes)
    }
    fn wants_facts(&self) -> bool {
        self.inner.wants_facts()
    }
    fn facts(&mut self, facts: &DocFacts) -> io::Result<()> {
        self.inner.facts(facts)
    }
    fn wants_documents(&self) -> bool {
        self.inner.wants_documents()
    }
    fn document(&mut self, doc: &Document) -> io::Result<()> {
        self.inner.document(doc)
    }
    fn fixed_text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.inner.fixed_text(name, text)
    }
    fn error(&mut self, error: &PathError) -> io::Result<()> {
        self.inner.error(error)
    }
    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        // The files and fixes of the run, the findings that were shown.
        let shown = Summary {
            files: summary.files,
            fixes: summary.fixes,
            files_fixed: summary.files_fixed,
            errors: summary.errors.clone(),
            ..std::mem::take(&mut self.shown)
        };
        self.inner.finish(&shown)
    }
}
