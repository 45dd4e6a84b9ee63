//! A progress bar on standard error, for a long run at a terminal: it is
//! drawn only when standard error is one (never into a log or a pipe) and
//! the run has many files, and it is cleared before lub says anything
//! else, so that it never mixes with the findings.

use std::io;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::facts::DocFacts;
use crate::files::PathError;
use crate::finding::FileReport;
use crate::finding::{AppliedFix, Summary};
use crate::lang::Lang;
use crate::messages::Msg;
use crate::output::Reporter;

/// Fewer files than this are checked before a bar would be seen.
pub(super) const MIN_FILES: usize = 200;

pub(super) struct Progress<'a> {
    inner: Box<dyn Reporter + 'a>,
    bar: ProgressBar,
}

impl<'a> Progress<'a> {
    pub(super) fn new(inner: Box<dyn Reporter + 'a>, files: usize, lang: Lang) -> Self {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
        let template = format!(
            "{} {{pos}}/{{len}} {{wide_bar}} {{eta}}",
            Msg::Progress.get(lang)
        );
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        Progress { inner, bar }
    }
}

impl Reporter for Progress<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let Progress { inner, bar } = self;
        let result = bar.suspend(|| inner.file(report));
        bar.inc(1);
        result
    }
    fn ahead(&self) -> Option<Box<dyn crate::output::Ahead>> {
        self.inner.ahead()
    }
    fn file_ahead(&mut self, report: &FileReport, pieces: Vec<String>) -> io::Result<()> {
        let Progress { inner, bar } = self;
        let result = bar.suspend(|| inner.file_ahead(report, pieces));
        bar.inc(1);
        result
    }
    fn fixed(&mut self, name: &str, fixes: usize, diff: Option<&str>) -> io::Result<()> {
        let Progress { inner, bar } = self;
        bar.suspend(|| inner.fixed(name, fixes, diff))
    }
    fn applied(&mut self, name: &str, fixes: &[AppliedFix]) -> io::Result<()> {
        let Progress { inner, bar } = self;
        bar.suspend(|| inner.applied(name, fixes))
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
    fn document(&mut self, doc: &crate::parse::Document) -> io::Result<()> {
        self.inner.document(doc)
    }
    fn fixed_text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.inner.fixed_text(name, text)
    }
    fn error(&mut self, error: &PathError) -> io::Result<()> {
        let Progress { inner, bar } = self;
        let result = bar.suspend(|| inner.error(error));
        bar.inc(1);
        result
    }
    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.bar.finish_and_clear();
        self.inner.finish(summary)
    }
}
