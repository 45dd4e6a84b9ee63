//! `--format github`: GitHub Actions workflow commands, which GitHub shows
//! as annotations on the pull request's changed lines.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`,
//! with `%`, `\r` and `\n` escaped in the message, and also `:` and `,` in
//! the properties, as GitHub's runner expects.

use std::io::{self, Write};

use super::Reporter;
use crate::files::PathError;
use crate::finding::Summary;
use crate::finding::{FileReport, Severity};

pub struct GithubReporter<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
    /// The language of the errors.
    lang: crate::lang::Lang,
}

impl<'a> GithubReporter<'a> {
    pub fn new(
        out: Box<dyn Write + 'a>,
        err: Box<dyn Write + 'a>,
        lang: crate::lang::Lang,
    ) -> Self {
        GithubReporter { out, err, lang }
    }
}

/// Escapes a command's message.
pub(super) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for GithubReporter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        for finding in &report.findings {
            let level = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let start = report.source.position(finding.span.start);
            let end = report.source.position(finding.span.end);
            let mut message = finding.message.clone();
            if let Some(help) = &finding.help {
                message.push('\n');
                message.push_str(help);
            }
            writeln!(
                self.out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&report.source.name),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("lub {}", finding.rule)),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        // On stderr for the log, and as an annotation so the run shows it.
        writeln!(self.err, "error: {}", error.in_lang(self.lang))?;
        writeln!(
            self.out,
            "::error file={},title=lub::{}",
            escape_property(&error.path),
            escape_data(error.message_in(self.lang))
        )
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(
            super::escape_data("50% a\r\nb: c, d"),
            "50%25 a%0D%0Ab: c, d"
        );
        assert_eq!(super::escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
