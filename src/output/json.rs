//! `--format json`: one JSON array of findings, written as files are checked.
//!
//! The schema (documented in the README, stable across releases; new fields
//! may be added, none removed or renamed):
//! `file`, `rule`, `severity` (`error`|`warning`|`info`), `line`, `column`,
//! `end_line`, `end_column` (1-based; columns count characters, the end is
//! the position just after the finding), `byte_start`, `byte_end` (offsets
//! into the file), `text` (exactly the text found), `message`, `help`
//! (string or null), and `related`, only where the finding points to other
//! places: objects of `file`, `line`, `column`, `end_line`, `end_column`,
//! `byte_start`, `byte_end` and `label`; and `fix`, only where the finding
//! has a safe one: `edits`, each with the positions of the text it replaces
//! (as above) and its `replacement`. A file that could not be read is an
//! element of its own, with `file` and `error` and no `rule`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Ahead, Reporter};
use crate::files::PathError;
use crate::finding::Summary;
use crate::finding::{FileReport, Finding, Related};
use crate::source::SourceFile;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonFinding<'a> {
    pub file: &'a str,
    pub rule: &'a str,
    pub severity: &'static str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub text: &'a str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    /// Left out when empty, so that a finding without other places reads
    /// as it always has.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated<'a>>,
    /// The safe fix, as `--fix` would apply it; left out where there is
    /// none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix<'a>>,
}

/// A file that could not be read, and why, in lub's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonError<'a> {
    pub file: &'a str,
    pub error: &'a str,
}

/// A safe fix: edits applied together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonFix<'a> {
    pub edits: Vec<JsonEdit<'a>>,
}

/// Replace the text from `line`:`column` to `end_line`:`end_column`
/// (bytes `byte_start`..`byte_end`) with `replacement`; an empty range
/// inserts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonEdit<'a> {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub replacement: &'a str,
}

impl<'a> JsonFix<'a> {
    /// The finding's fix, if it has one `--fix` may apply.
    fn of(source: &SourceFile, finding: &'a Finding) -> Option<Self> {
        let fix = finding.fix.as_ref().filter(|f| f.safe)?;
        let edits = fix
            .edits
            .iter()
            .map(|edit| {
                let start = source.position(edit.span.start);
                let end = source.position(edit.span.end);
                JsonEdit {
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    byte_start: edit.span.start,
                    byte_end: edit.span.end,
                    replacement: &edit.replacement,
                }
            })
            .collect();
        Some(JsonFix { edits })
    }
}

/// Another place a finding is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonRelated<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub label: &'a str,
}

impl<'a> JsonRelated<'a> {
    pub fn new(related: &'a Related) -> Self {
        JsonRelated {
            file: &related.file,
            line: related.start.line,
            column: related.start.column,
            end_line: related.end.line,
            end_column: related.end.column,
            byte_start: related.span.start,
            byte_end: related.span.end,
            label: &related.label,
        }
    }
}

impl<'a> JsonFinding<'a> {
    pub fn new(source: &'a SourceFile, finding: &'a Finding) -> Self {
        let start = source.position(finding.span.start);
        let end = source.position(finding.span.end);
        JsonFinding {
            file: &source.name,
            rule: &finding.rule,
            severity: finding.severity.as_str(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_start: finding.span.start,
            byte_end: finding.span.end,
            text: source.slice(&finding.span),
            message: &finding.message,
            help: finding.help.as_deref(),
            related: finding.related.iter().map(JsonRelated::new).collect(),
            fix: JsonFix::of(source, finding),
        }
    }
}

pub struct JsonReporter<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
    written: usize,
    /// The language of the errors on standard error.
    lang: crate::lang::Lang,
}

impl<'a> JsonReporter<'a> {
    pub fn new(
        out: Box<dyn Write + 'a>,
        err: Box<dyn Write + 'a>,
        lang: crate::lang::Lang,
    ) -> Self {
        JsonReporter {
            out,
            err,
            written: 0,
            lang,
        }
    }
}

/// Each finding as one JSON object.
struct JsonFindings;

impl Ahead for JsonFindings {
    fn pieces(&self, report: &FileReport) -> io::Result<Vec<String>> {
        report
            .findings
            .iter()
            .map(|finding| {
                Ok(serde_json::to_string(&JsonFinding::new(
                    &report.source,
                    finding,
                ))?)
            })
            .collect()
    }
}

impl Reporter for JsonReporter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let pieces = JsonFindings.pieces(report)?;
        self.file_ahead(report, pieces)
    }

    fn ahead(&self) -> Option<Box<dyn Ahead>> {
        Some(Box::new(JsonFindings))
    }

    fn file_ahead(&mut self, _report: &FileReport, pieces: Vec<String>) -> io::Result<()> {
        for json in pieces {
            let separator = if self.written == 0 { "[\n  " } else { ",\n  " };
            write!(self.out, "{separator}{json}")?;
            self.written += 1;
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        writeln!(self.err, "error: {}", error.in_lang(self.lang))?;
        // A script reads the output, not standard error: the file is
        // there too, so that a run that read nothing does not pass as
        // clean.
        let said = error.message_in(self.lang);
        let json = serde_json::to_string(&JsonError {
            file: &error.path,
            error: said,
        })?;
        let separator = if self.written == 0 { "[\n  " } else { ",\n  " };
        write!(self.out, "{separator}{json}")?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        if self.written == 0 {
            writeln!(self.out, "[]")?;
        } else {
            writeln!(self.out, "\n]")?;
        }
        self.out.flush()
    }
}
