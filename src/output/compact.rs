//! `--format compact`: one line per finding, `path:line:col: severity rule:
//! message`, for editors' problem matchers and grep.

use std::io::{self, Write};

use super::{Ahead, Reporter};
use crate::files::PathError;
use crate::finding::FileReport;
use crate::finding::Summary;

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

/// Each finding as one line.
struct CompactFindings;

impl Ahead for CompactFindings {
    fn pieces(&self, report: &FileReport) -> io::Result<Vec<String>> {
        Ok(report
            .findings
            .iter()
            .map(|finding| {
                let at = report.source.position(finding.span.start);
                // One line each, whatever the message holds.
                let message = finding.message.replace(['\n', '\r'], " ");
                format!(
                    "{}:{}:{}: {} {}: {}",
                    crate::escape::visible_name_field(&report.source.name),
                    at.line,
                    at.column,
                    finding.severity,
                    finding.rule,
                    crate::escape::visible(&message)
                )
            })
            .collect())
    }
}

impl Reporter for CompactReporter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let pieces = CompactFindings.pieces(report)?;
        self.file_ahead(report, pieces)
    }

    fn ahead(&self) -> Option<Box<dyn Ahead>> {
        Some(Box::new(CompactFindings))
    }

    fn file_ahead(&mut self, _report: &FileReport, pieces: Vec<String>) -> io::Result<()> {
        for line in pieces {
            writeln!(self.out, "{line}")?;
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
