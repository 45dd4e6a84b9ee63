//! `--format compact`: one line per finding, `path:line:col: severity rule:
//! message`, for editors' problem matchers and grep.

use std::io::{self, Write};

use super::Reporter;
use crate::check::{PathError, Summary};
use crate::finding::FileReport;

pub struct CompactReporter<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
    /// The language of the errors on standard error.
    lang: crate::lang::Lang,
}

impl<'a> CompactReporter<'a> {
    pub fn new(
        out: Box<dyn Write + 'a>,
        err: Box<dyn Write + 'a>,
        lang: crate::lang::Lang,
    ) -> Self {
        CompactReporter { out, err, lang }
    }
}

impl Reporter for CompactReporter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        for finding in &report.findings {
            let at = report.source.position(finding.span.start);
            // One line each, whatever the message holds.
            let message = finding.message.replace(['\n', '\r'], " ");
            writeln!(
                self.out,
                "{}:{}:{}: {} {}: {}",
                crate::escape::visible_name_field(&report.source.name),
                at.line,
                at.column,
                finding.severity,
                finding.rule,
                crate::escape::visible(&message)
            )?;
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        writeln!(self.err, "error: {}", error.in_lang(self.lang))
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
