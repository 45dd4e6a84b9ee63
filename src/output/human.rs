//! The default format: each finding as miette renders a diagnostic — rule,
//! message, `file:line:column`, the source line with the text underlined,
//! and what to write instead.

use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{Ahead, Reporter, Style};
use crate::files::PathError;
use crate::finding::{AppliedFix, Summary};
use crate::finding::{FileReport, Finding, Severity};
use crate::messages::{Msg, count, quote};
use crate::source::{SourceFile, Span};

pub struct HumanReporter<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
    findings: HumanFindings,
    style: Style,
    /// Whether a finding was printed, so the legend is said once, after
    /// them.
    printed: bool,
}

/// Each finding as miette draws it.
#[derive(Clone)]
struct HumanFindings {
    /// Draws a finding whose message and help `Wrap` has broken into lines.
    prewrapped: GraphicalReportHandler,
    /// Draws a finding as miette wraps it, for the texts `Wrap` leaves to it.
    handler: GraphicalReportHandler,
    wrap: Wrap,
}

/// The width miette is given, and the one its text is wrapped to.
const WIDTH: usize = 100;

/// Breaks a finding's message and help into lines exactly as miette would,
/// once per text and thread: a catalogue says the same help thousands of
/// times, and optimal-fit wrapping was a seventh of a run.
#[derive(Clone)]
struct Wrap {
    /// The first-line indent of a message, per severity (error, warning,
    /// advice), and of every line after it: the marks miette draws, without
    /// colour, which takes no room.
    message_first: [String; 3],
    message_rest: String,
}

const HELP_FIRST: &str = "  help: ";
const HELP_REST: &str = "        ";

thread_local! {
    static WRAPPED: std::cell::RefCell<rustc_hash::FxHashMap<(String, String), Option<String>>> =
        Default::default();
}

impl Wrap {
    fn new(theme: &GraphicalTheme) -> Wrap {
        let c = &theme.characters;
        Wrap {
            message_first: [&c.error, &c.warning, &c.advice].map(|mark| format!("  {mark} ")),
            message_rest: format!("  {} ", c.vbar),
        }
    }

    /// `text` broken into lines, joined by line breaks, as miette breaks it
    /// after `first` and `rest`; `None` for a text whose blank or edge
    /// white space miette's own wrapping treats in its own way.
    fn lines(first: &str, rest: &str, text: &str) -> Option<String> {
        if text.is_empty() || text.contains(['\n', '\r']) || text.trim() != text {
            return None;
        }
        WRAPPED.with(|cache| {
            let key = (first.to_string(), text.to_string());
            if let Some(found) = cache.borrow().get(&key) {
                return found.clone();
            }
            let options = textwrap::Options::new(WIDTH - 2)
                .initial_indent(first)
                .subsequent_indent(rest)
                .break_words(false)
                .word_separator(textwrap::WordSeparator::AsciiSpace)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            let mut out = String::with_capacity(text.len() + 8);
            for (i, line) in textwrap::wrap(text, options).iter().enumerate() {
                let indent = if i == 0 { first } else { rest };
                let line = line.strip_prefix(indent)?;
                if line.trim().is_empty() {
                    return None;
                }
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(line);
            }
            let wrapped = Some(out);
            let mut cache = cache.borrow_mut();
            if cache.len() >= 10_000 {
                cache.clear();
            }
            cache.insert(key, wrapped.clone());
            wrapped
        })
    }
}

impl<'a> HumanReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, err: Box<dyn Write + 'a>, style: Style) -> Self {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        // A path is one word: wrapped at a hyphen, a slash or mid-word, it
        // could not be copied or clicked. Lines break at spaces only.
        let wrap = Wrap::new(&theme);
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(WIDTH)
            .with_links(false)
            .with_break_words(false)
            .with_word_separator(textwrap::WordSeparator::AsciiSpace)
            .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
        HumanReporter {
            out,
            err,
            findings: HumanFindings {
                prewrapped: handler.clone().with_wrap_lines(false),
                handler,
                wrap,
            },
            style,
            printed: false,
        }
    }
}

impl Ahead for HumanFindings {
    fn pieces(&self, report: &FileReport) -> io::Result<Vec<String>> {
        report
            .findings
            .iter()
            .map(|finding| self.render(report, finding, true))
            .collect()
    }
}

impl HumanFindings {
    /// One finding as miette draws it; `prewrap` lets `Wrap` break its
    /// lines, which draws the same.
    fn render(&self, report: &FileReport, finding: &Finding, prewrap: bool) -> io::Result<String> {
        let snippet = (!report.source.text.is_empty())
            .then(|| Snippet::around(&report.source, &finding.span));
        let mut diagnostic = FindingDiagnostic {
            finding,
            file: &report.source.name,
            source: snippet.as_ref(),
            message: None,
            help: None,
        };
        let message = diagnostic.to_string();
        let help = diagnostic.help().map(|h| h.to_string());
        let severity = match finding.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        let first = &self.wrap.message_first[severity];
        let message = Wrap::lines(first, &self.wrap.message_rest, &message);
        let help = match &help {
            Some(help) => Wrap::lines(HELP_FIRST, HELP_REST, help).map(Some),
            None => Some(None),
        };
        let handler = match (message, help) {
            (Some(message), Some(help)) if prewrap => {
                diagnostic.message = Some(message);
                diagnostic.help = help;
                &self.prewrapped
            }
            _ => &self.handler,
        };
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, &diagnostic)
            .map_err(io::Error::other)?;
        for related in &finding.related {
            rendered.push_str(&format!(
                "  note: {}: {}:{}:{}\n",
                crate::escape::visible(&related.label),
                crate::escape::visible(&related.file),
                related.start.line,
                related.start.column
            ));
        }
        Ok(rendered)
    }
}

impl Reporter for HumanReporter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let pieces = self.findings.pieces(report)?;
        self.file_ahead(report, pieces)
    }

    fn ahead(&self) -> Option<Box<dyn Ahead>> {
        Some(Box::new(self.findings.clone()))
    }

    fn file_ahead(&mut self, _report: &FileReport, pieces: Vec<String>) -> io::Result<()> {
        for rendered in pieces {
            writeln!(self.out, "{rendered}")?;
            self.printed = true;
        }
        Ok(())
    }

    fn applied(&mut self, name: &str, fixes: &[AppliedFix]) -> io::Result<()> {
        if self.style.quiet {
            return Ok(());
        }
        let lang = self.style.lang;
        for fix in fixes {
            writeln!(
                self.out,
                "{}",
                Msg::FixedLine.say(
                    lang,
                    &[
                        ("file", name),
                        ("line", &fix.line.to_string()),
                        ("rule", &fix.rule),
                        ("before", &quote(lang, &fix.before)),
                        ("after", &quote(lang, &fix.after)),
                    ],
                )
            )?;
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        writeln!(self.err, "error: {}", error.in_lang(self.style.lang))
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.style.quiet {
            return self.out.flush();
        }
        let lang = self.style.lang;
        let files = count(lang, summary.files, Msg::Files);
        if self.printed {
            writeln!(self.out, "{}", Msg::Legend.get(lang))?;
        }
        if summary.fixes > 0 {
            writeln!(
                self.out,
                "{}",
                Msg::SummaryFixed.say(
                    lang,
                    &[
                        ("findings", &count(lang, summary.fixes, Msg::Findings)),
                        ("files", &count(lang, summary.files_fixed, Msg::Files)),
                    ],
                )
            )?;
        }
        if summary.worst().is_none() {
            writeln!(
                self.out,
                "{}",
                Msg::SummaryClean.say(lang, &[("files", &files)])
            )?;
        } else {
            writeln!(
                self.out,
                "{}",
                Msg::SummaryFound.say(
                    lang,
                    &[
                        ("errors", &count(lang, summary.errors_found, Msg::Errors)),
                        (
                            "warnings",
                            &count(lang, summary.warnings_found, Msg::Warnings)
                        ),
                        ("infos", &count(lang, summary.infos_found, Msg::Infos)),
                        ("with", &summary.files_with_findings.to_string()),
                        ("files", &files),
                    ],
                )
            )?;
            if summary.fixes > 0 {
                let remain = summary.errors_found + summary.warnings_found + summary.infos_found;
                writeln!(
                    self.out,
                    "{}",
                    if remain == 1 {
                        Msg::SummaryRemainsOne
                    } else {
                        Msg::SummaryRemainMany
                    }
                    .say(lang, &[("findings", &count(lang, remain, Msg::Findings))])
                )?;
            }
        }
        self.out.flush()
    }
}

/// A finding as a miette diagnostic, borrowing the shared source text.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    file: &'a str,
    /// `None` when there is no text to show (a binary file).
    source: Option<&'a Snippet>,
    /// The message and help as `Wrap` broke them into lines, when it did.
    message: Option<String>,
    help: Option<String>,
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
        if let Some(message) = &self.message {
            return f.write_str(message);
        }
        if self.source.is_none() {
            // Without a snippet miette names no file: name it here.
            write!(f, "{}: ", crate::escape::visible(self.file))?;
        }
        f.write_str(&crate::escape::visible(&self.finding.message))
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
        if let Some(help) = &self.help {
            return Some(Box::new(help));
        }
        self.finding.help.as_ref().map(|h| {
            Box::new(crate::escape::visible_lines(h.trim_end()).into_owned())
                as Box<dyn std::fmt::Display>
        })
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = self.source?.label.clone();
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            None,
            (label.start, label.end.saturating_sub(label.start)),
        ))))
    }
}

/// A line longer than this is shown cut down to the part around the finding:
/// a document with a megabyte on one line must not print it once per finding.
const LONG_LINE: usize = 400;
/// Characters of a long line shown on each side of the finding, and the most
/// of the finding itself that is underlined.
const CUT_CONTEXT: usize = 40;
const CUT_FINDING: usize = 80;
/// A finding spanning more text than this is shown by its first line only.
const MAX_SNIPPET: usize = 4000;

/// The part of a document that a finding's snippet shows: the finding's
/// lines and one line either side, as miette would show them from the whole
/// text. Rendering from the whole text would scan it from the start for
/// every finding, which is quadratic in a large file with many findings.
struct Snippet {
    name: String,
    text: String,
    /// The finding in `text`.
    label: std::ops::Range<usize>,
    /// The 0-based line of the document at which `text` starts.
    first_line: usize,
    /// Characters of the first line left out before `text`, less the
    /// ellipsis that stands for them.
    first_column: usize,
    /// The 0-based column of the finding in the document, in characters,
    /// for the header: the text shown may be cut or escaped.
    column: usize,
}

impl Snippet {
    /// The snippet for a finding, with its name and text safe to print.
    fn around(source: &SourceFile, span: &Span) -> Snippet {
        Snippet::raw_around(source, span).made_visible()
    }

    /// The name and text with every control character written out, and
    /// the label moved to where its text now is.
    fn made_visible(self) -> Snippet {
        let piece = |range: std::ops::Range<usize>| {
            crate::escape::visible_lines(self.text.get(range).unwrap_or_default()).into_owned()
        };
        let before = piece(0..self.label.start);
        let label = piece(self.label.clone());
        let after = piece(self.label.end..self.text.len());
        Snippet {
            name: crate::escape::visible(&self.name).into_owned(),
            label: before.len()..before.len() + label.len(),
            text: before + &label + &after,
            ..self
        }
    }

    fn raw_around(source: &SourceFile, span: &Span) -> Snippet {
        let text = &*source.text;
        let start = source.position(span.start);
        let end = source.position(span.end.max(span.start));
        // The whole text, should a line be missing: too large to show whole,
        // so the finding is shown cut short.
        let context = |line: usize| source.line_span(line).unwrap_or(0..text.len());
        let first_line = start.line.saturating_sub(1).max(1);
        let last_line = (end.line + 1).min(source.line_count());
        let first = context(first_line);
        let last = context(last_line);
        let lines_fit = first.start <= last.end
            && (first.start..last.end).len() <= MAX_SNIPPET
            && (first_line..=last_line)
                .map(context)
                .all(|line| line.len() <= LONG_LINE);
        if lines_fit {
            // Up to the line after the last, so that an empty last line of
            // context is shown as miette shows it from the whole text.
            let window_end = source
                .line_span(end.line + 2)
                .map_or(text.len(), |line| line.start)
                .max(last.end);
            let window = first.start..window_end.max(span.end).min(text.len());
            return Snippet {
                name: source.name.clone(),
                text: text.get(window.clone()).unwrap_or_default().to_string(),
                label: span.start.saturating_sub(window.start)
                    ..span.end.min(window.end).saturating_sub(window.start),
                first_line: start.line.saturating_sub(2),
                first_column: 0,
                column: start.column - 1,
            };
        }
        // The finding's own line only, cut around the finding.
        let line = context(start.line);
        let cut_start = back_chars(text, span.start, CUT_CONTEXT).max(line.start);
        let label_end = forward_chars(text, span.start, CUT_FINDING)
            .min(span.end.max(span.start))
            .min(line.end.max(span.start));
        let cut_end = forward_chars(text, label_end, CUT_CONTEXT).min(line.end.max(label_end));
        let before = if cut_start > line.start { "…" } else { "" };
        let after = if cut_end < line.end { "…" } else { "" };
        let mut excerpt = text.get(cut_start..cut_end).unwrap_or_default();
        if !after.is_empty() {
            excerpt = excerpt.trim_end();
        }
        let label_start = before.len() + (span.start - cut_start);
        let skipped = source.position(cut_start).column - 1;
        Snippet {
            name: source.name.clone(),
            text: format!("{before}{excerpt}{after}"),
            label: label_start..label_start + (label_end - span.start),
            first_line: start.line - 1,
            first_column: skipped.saturating_sub(before.chars().count()),
            column: start.column - 1,
        }
    }
}

/// The offset `n` characters before `offset`, or the start of the text.
fn back_chars(text: &str, offset: usize, n: usize) -> usize {
    let offset = crate::source::floor_char_boundary(text, offset);
    text.get(..offset)
        .and_then(|head| head.char_indices().rev().nth(n.saturating_sub(1)))
        .map_or(0, |(i, _)| i)
}

/// The offset `n` characters after `offset`, or the end of the text.
fn forward_chars(text: &str, offset: usize, n: usize) -> usize {
    let offset = crate::source::floor_char_boundary(text, offset);
    text.get(offset..)
        .and_then(|tail| tail.char_indices().nth(n))
        .map_or(text.len(), |(i, _)| offset + i)
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self.text.as_str().read_span(span, before, after)?;
        let column = if before == 0 {
            // The column in the header: miette counts bytes of the text
            // shown, lub counts characters of the document, as the other
            // formats and editors do.
            self.column
        } else if contents.line() == 0 {
            contents.column() + self.first_column
        } else {
            contents.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            contents.line() + self.first_line,
            column,
            contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]
        /// Lines broken ahead are the lines miette breaks: any message and
        /// help, in colour or not, at every severity.
        #[test]
        fn a_finding_wrapped_ahead_is_drawn_as_miette_draws_it(
            message in "[a-zæøå«»“”:,.'\\-]{1,14}( {1,2}[a-zA-Z0-9æøå⚠×«»“”:,.'/\\-]{1,40}){0,24}",
            help in proptest::option::of("[ a-zæøå«»\n]{0,30}( [a-zA-Z0-9æøå/\\-]{1,60}){0,20}"),
            severity in proptest::sample::select(vec![Severity::Error, Severity::Warning, Severity::Info]),
            color in any::<bool>(),
        ) {
            let source = SourceFile::new("emne.lub.md", "- forklare begreper\n".to_string());
            let finding = Finding {
                rule: "regel".into(),
                severity,
                span: 2..10,
                message,
                help,
                fix: None,
                related: Vec::new(),
            };
            let report = FileReport { source, findings: vec![finding] };
            let style = Style { color, ..Style::plain() };
            let reporter = HumanReporter::new(Box::new(io::sink()), Box::new(io::sink()), style);
            let finding = &report.findings[0];
            let ahead = reporter.findings.render(&report, finding, true).unwrap();
            let miette = reporter.findings.render(&report, finding, false).unwrap();
            prop_assert_eq!(ahead, miette);
        }
    }

    /// What keeps the human format linear: a snippet is a few lines of the
    /// text, never the text, however large the file or the finding.
    #[test]
    fn a_snippet_is_bounded_by_its_lines_not_by_the_file() {
        let lines: String = (0..100_000).map(|i| format!("- linje {i}\n")).collect();
        let source = SourceFile::new("a.lub.md", lines);
        let middle = source.line_span(50_000).unwrap();
        let one = Snippet::around(&source, &middle);
        assert_eq!(one.text, "- linje 49998\n- linje 49999\n- linje 50000\n");
        assert_eq!((one.first_line, one.label.clone()), (49_998, 14..27));

        let whole = 0..source.text.len();
        let all = Snippet::around(&source, &whole);
        assert!(all.text.len() < 200, "{}", all.text.len());

        let long = format!(
            "ab\n{}ø{}\ncd\n",
            "x".repeat(1_000_000),
            "y".repeat(1_000_000)
        );
        let source = SourceFile::new("b.lub.md", long);
        let at = 3 + 1_000_000;
        let cut = Snippet::around(&source, &(at..at + "ø".len()));
        assert_eq!(cut.text, format!("…{}ø{}…", "x".repeat(40), "y".repeat(40)));
        // Column 1,000,001 in the header: the ellipsis stands for 999,960.
        assert_eq!(cut.first_column, 1_000_000 - 40 - 1);
        assert_eq!(&cut.text[cut.label.clone()], "ø");
    }
}
