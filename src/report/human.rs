//! The default format: each finding as miette renders a diagnostic — rule,
//! message, `file:line:column`, the source line with the text underlined,
//! and what to write instead.

use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::Reporter;
use crate::check::{PathError, Summary};
use crate::finding::{FileReport, Finding, Severity};

pub struct HumanReporter<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
    handler: GraphicalReportHandler,
}

impl<'a> HumanReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, err: Box<dyn Write + 'a>, color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false);
        HumanReporter { out, err, handler }
    }
}

impl Reporter for HumanReporter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        if report.findings.is_empty() {
            return Ok(());
        }
        let source = NamedSource::new(&report.source.name, report.source.text.clone());
        for finding in &report.findings {
            let diagnostic = FindingDiagnostic {
                finding,
                file: &report.source.name,
                source: (!report.source.text.is_empty()).then_some(&source),
            };
            let mut rendered = String::new();
            self.handler
                .render_report(&mut rendered, &diagnostic)
                .map_err(io::Error::other)?;
            writeln!(self.out, "{rendered}")?;
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        writeln!(self.err, "error: {error}")
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let files = plural(summary.files, "file", "files");
        if summary.fixes > 0 {
            writeln!(
                self.out,
                "Fixed {} in {}.",
                plural(summary.fixes, "finding", "findings"),
                plural(summary.files_fixed, "file", "files")
            )?;
        }
        if summary.worst().is_none() {
            writeln!(self.out, "No findings in {files}.")?;
        } else {
            writeln!(
                self.out,
                "Found {}, {} and {} in {} of {files}.",
                plural(summary.errors_found, "error", "errors"),
                plural(summary.warnings_found, "warning", "warnings"),
                plural(summary.infos_found, "info", "infos"),
                summary.files_with_findings,
            )?;
        }
        self.out.flush()
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A finding as a miette diagnostic, borrowing the shared source text.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    file: &'a str,
    /// `None` when there is no text to show (a binary file).
    source: Option<&'a NamedSource<Arc<str>>>,
}

impl std::fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FindingDiagnostic")
            .field("finding", self.finding)
            .finish()
    }
}

impl std::fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.source.is_none() {
            // Without a snippet miette names no file: name it here.
            write!(f, "{}: ", self.file)?;
        }
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(&*self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h.trim_end()) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source?;
        let span = &self.finding.span;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            None,
            (span.start, span.end.saturating_sub(span.start)),
        ))))
    }
}
