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
    /// Without colour: `draw_plain` may draw what miette would.
    plain: bool,
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
    /// Texts broken already, by first-line indent and text: looked up by
    /// borrowing both, so that a text said again costs no copy of it.
    static WRAPPED: std::cell::RefCell<
        rustc_hash::FxHashMap<String, rustc_hash::FxHashMap<String, Option<String>>>,
    > = Default::default();
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
    fn lines(first: &str, rest: &str, text: &str) -> Option<Broken> {
        if text.is_empty() || text.bytes().any(|b| b == b'\n' || b == b'\r') || text.trim() != text
        {
            return None;
        }
        // A text that fits on its first line, with room to spare for how
        // wide the indent's mark is taken to be, is that line.
        let room = (WIDTH - 4).checked_sub(first.chars().count());
        let fits = room.is_some_and(|room| {
            (text.len() <= room || text.chars().count() <= room) && all_one_column(text)
        });
        if fits {
            return Some(Broken::AsIs);
        }
        WRAPPED.with(|cache| {
            if let Some(found) = cache.borrow().get(first).and_then(|texts| texts.get(text)) {
                return found.clone().map(Broken::Into);
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
            let texts = cache.entry(first.to_string()).or_default();
            if texts.len() >= 10_000 {
                texts.clear();
            }
            texts.insert(text.to_string(), wrapped.clone());
            wrapped.map(Broken::Into)
        })
    }
}

/// How `Wrap::lines` broke a text.
enum Broken {
    /// It is one line, as it is.
    AsIs,
    /// Into these lines.
    Into(String),
}

impl Broken {
    fn of(self, text: String) -> String {
        match self {
            Broken::AsIs => text,
            Broken::Into(lines) => lines,
        }
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
                plain: !style.color,
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
            .map(|finding| self.render(report, finding, true, true))
            .collect()
    }
}

impl HumanFindings {
    /// One finding as miette draws it; `prewrap` lets `Wrap` break its
    /// lines, which draws the same.
    /// `draw` lets `draw_plain` draw what it can, as miette would.
    fn render(
        &self,
        report: &FileReport,
        finding: &Finding,
        prewrap: bool,
        draw: bool,
    ) -> io::Result<String> {
        let snippet = (!report.source.text.is_empty())
            .then(|| Snippet::around(&report.source, &finding.span));
        let mut diagnostic = FindingDiagnostic {
            finding,
            file: &report.source.name,
            source: snippet.as_ref(),
            message: None,
            help: None,
        };
        let message = match snippet {
            Some(_) => crate::escape::visible(&finding.message).into_owned(),
            None => diagnostic.to_string(),
        };
        let help = finding
            .help
            .as_ref()
            .map(|h| crate::escape::visible_lines(h.trim_end()).into_owned());
        let severity = match finding.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        let first = &self.wrap.message_first[severity];
        let message =
            Wrap::lines(first, &self.wrap.message_rest, &message).map(|broken| broken.of(message));
        let help = match help {
            Some(help) => Wrap::lines(HELP_FIRST, HELP_REST, &help).map(|b| Some(b.of(help))),
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
        let drawn = match (&diagnostic.message, snippet.as_ref()) {
            (Some(message), Some(snippet)) if draw && self.plain && prewrap => draw_plain(
                &finding.rule,
                &self.wrap.message_first[severity],
                message,
                diagnostic.help.as_deref(),
                snippet,
            ),
            _ => None,
        };
        let mut rendered = match drawn {
            Some(drawn) => drawn,
            None => {
                let mut rendered = String::new();
                handler
                    .render_report(&mut rendered, &diagnostic)
                    .map_err(io::Error::other)?;
                rendered
            }
        };
        for related in &finding.related {
            use std::fmt::Write as _;
            let _ = writeln!(
                rendered,
                "  note: {}: {}:{}:{}",
                crate::escape::visible(&related.label),
                crate::escape::visible(&related.file),
                related.start.line,
                related.start.column
            );
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
        // A text with nothing to write out and no `\r` (which a cut between
        // pieces could part from its `\n`) is its own visible form.
        if !self.text.contains('\r')
            && self.label.start <= self.label.end
            && self.text.is_char_boundary(self.label.start)
            && self.text.is_char_boundary(self.label.end)
            && matches!(
                crate::escape::visible_lines(&self.text),
                std::borrow::Cow::Borrowed(_)
            )
            && matches!(
                crate::escape::visible(&self.name),
                std::borrow::Cow::Borrowed(_)
            )
        {
            return self;
        }
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

/// A finding drawn without colour exactly as miette draws it, for the
/// shape nearly every finding has: its message and help broken into lines
/// ahead, and one span on one line of a snippet whose characters are each
/// one column wide. `None` for any other, which miette draws. Miette spent
/// some 20,000 instructions on each finding; this spends a tenth of that.
fn draw_plain(
    code: &str,
    message_first: &str,
    message: &str,
    help: Option<&str>,
    snippet: &Snippet,
) -> Option<String> {
    use std::fmt::Write as _;
    const VBAR: char = '│';
    let span = SourceSpan::from((
        snippet.label.start,
        snippet.label.end.saturating_sub(snippet.label.start),
    ));
    let (start, len) = (span.offset(), span.len());
    let contents = snippet.read_span(&span, 1, 1).ok()?;
    let lines = snippet_lines(&*contents)?;
    if !lines.iter().all(|line| all_one_column(line.text)) {
        return None;
    }
    // The line the finding starts on: the line breaks before it, as
    // miette counts them (`snippet_lines` has refused a lone `\r`).
    let primary_line = contents.line()
        + lines
            .iter()
            .filter(|line| line.length > line.text.len() && line.offset + line.length <= start)
            .count();
    let name = &snippet.name;
    let width = lines.last().map_or(0, |line| line.number).to_string().len();
    let mut out = String::with_capacity(256 + contents.data().len() * 2);
    out.push_str(code);
    out.push_str("\n\n");
    unwrapped(&mut out, message_first, "  │ ", message);
    out.push('\n');
    push_spaces(&mut out, width + 2);
    out.push_str("╭─[");
    out.push_str(name);
    writeln!(out, ":{}:{}]", primary_line + 1, snippet.column + 1).ok()?;
    // Miette's tests, for the one span: where it shows, and whether it is
    // the line's alone.
    let spread = len.max(1);
    for line in &lines {
        let end = line.offset + line.length;
        let applies = (start >= line.offset && start < end)
            || (start < line.offset && start + spread > end)
            || (start + spread > line.offset && start + spread <= end);
        let line_only = start >= line.offset && start + len <= end;
        if applies && !line_only {
            return None;
        }
        write!(out, " {:width$} {VBAR} ", line.number).ok()?;
        out.push_str(line.text);
        out.push('\n');
        if applies {
            write!(out, " {:width$} · ", "").ok()?;
            let from = visual_offset(line, start, true)?;
            let to = if len == 0 {
                from + 1
            } else {
                visual_offset(line, start + len, false)?.max(from + 1)
            };
            push_spaces(&mut out, from);
            if len == 0 {
                out.push('▲');
            } else {
                out.push_str(&"─".repeat(to - from));
            }
            out.push('\n');
        }
    }
    push_spaces(&mut out, width + 2);
    out.push_str("╰────\n");
    if let Some(help) = help {
        unwrapped(&mut out, HELP_FIRST, HELP_REST, help);
        out.push('\n');
    }
    Some(out)
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// Whether miette draws every character of `text` as itself, one column
/// wide: told on the bytes for ASCII, which nearly every text is mostly.
fn all_one_column(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if !(b' '..=b'~').contains(&b) {
                return false;
            }
            i += 1;
            continue;
        }
        match text.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) if one_column(c) => i += c.len_utf8(),
            _ => return false,
        }
    }
    true
}

/// A character miette draws as itself, one column wide.
fn one_column(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{ff}')
        || matches!(
            c,
            '–' | '—' | '‘' | '’' | '“' | '”' | '„' | '…' | '•' | '€' | '″' | '′'
        )
}

/// `text`, already broken into lines, behind the indents, as miette writes
/// it when it does not wrap.
fn unwrapped(out: &mut String, first: &str, rest: &str, text: &str) {
    for (i, line) in text.split_terminator('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let indent = if i == 0 { first } else { rest };
        if line.trim().is_empty() {
            out.push_str(indent.trim_end());
        } else {
            out.push_str(indent);
        }
        out.push_str(line);
    }
    if text.ends_with('\n') {
        out.push('\n');
    }
}

/// A line of a snippet, as miette cuts them.
struct SnippetLine<'a> {
    number: usize,
    offset: usize,
    /// With its line break.
    length: usize,
    text: &'a str,
}

/// The lines of what `read_span` gave, numbered from the line after the
/// one it starts on, each with its offset and its length with its break;
/// `None` for a snippet with a lone `\r`, which miette draws its own way.
fn snippet_lines<'a>(contents: &'a dyn SpanContents<'_>) -> Option<Vec<SnippetLine<'a>>> {
    let mut rest = std::str::from_utf8(contents.data()).ok()?;
    let mut number = contents.line();
    let mut offset = contents.span().offset();
    let mut lines = Vec::with_capacity(3);
    while !rest.is_empty() {
        let (body, after) = rest
            .split_once('\n')
            .map_or((rest, ""), |(body, after)| (body, after));
        let length = rest.len() - after.len();
        let text = body
            .strip_suffix('\r')
            .filter(|_| length > body.len())
            .unwrap_or(body);
        if text.contains('\r') {
            return None;
        }
        number += 1;
        lines.push(SnippetLine {
            number,
            offset,
            length,
            text,
        });
        offset += length;
        rest = after;
    }
    Some(lines)
}

/// The column at which byte `offset` of the snippet shows on `line`, for
/// text of one-column characters; past the line's end, one column past it.
fn visual_offset(line: &SnippetLine<'_>, offset: usize, start: bool) -> Option<usize> {
    if offset < line.offset || offset > line.offset + line.length {
        return None;
    }
    let mut index = offset - line.offset;
    while index <= line.text.len() && !line.text.is_char_boundary(index) {
        if start {
            index -= 1;
        } else {
            index += 1;
        }
    }
    let shown = line.text.get(..index.min(line.text.len()))?.chars().count();
    Some(if index > line.text.len() {
        shown + 1
    } else {
        shown
    })
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
            let ahead = reporter.findings.render(&report, finding, true, false).unwrap();
            let miette = reporter.findings.render(&report, finding, false, false).unwrap();
            prop_assert_eq!(ahead, miette);
        }

        /// What `draw_plain` draws is what miette draws: any text of a few
        /// lines, any span in it, at every severity, with or without help.
        #[test]
        fn a_finding_drawn_plain_is_drawn_as_miette_draws_it(
            lines in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "- ", "forklare", " ", "begreper", "Kandidaten", "kan", "æøå", "«", "»",
                        "–", "…", ":", ".", "", "  ", "\t", "é", "e\u{301}", "漢", "\u{ad}", "\r",
                        "x", "1", "#", "’", "\u{a0}",
                    ]),
                    0..8,
                ),
                1..7,
            ),
            ends in proptest::collection::vec(
                proptest::sample::select(vec!["\n", "\n", "\n", "\r\n", ""]),
                7,
            ),
            at in 0usize..400,
            width in proptest::sample::select(vec![0usize, 0, 1, 2, 3, 5, 12, 300]),
            severity in proptest::sample::select(vec![Severity::Error, Severity::Warning, Severity::Info]),
            help in proptest::option::of("[a-z]{1,10}( [a-z]{1,10}){0,30}"),
        ) {
            let mut text = String::new();
            for (words, end) in lines.iter().zip(&ends) {
                text.push_str(&words.concat());
                text.push_str(end);
            }
            let floor = |i: usize| crate::source::floor_char_boundary(&text, i.min(text.len()));
            let start = floor(at);
            let span = start..floor(start + width).max(start);
            let source = SourceFile::new("emne.lub.md", text.clone());
            let finding = Finding {
                rule: "regel".into(),
                severity,
                span,
                message: "Ordet gjentas i samme læringsutbytte".to_string(),
                help,
                fix: None,
                related: Vec::new(),
            };
            let report = FileReport { source, findings: vec![finding] };
            let reporter =
                HumanReporter::new(Box::new(io::sink()), Box::new(io::sink()), Style::plain());
            let finding = &report.findings[0];
            let drawn = reporter.findings.render(&report, finding, true, true).unwrap();
            let miette = reporter.findings.render(&report, finding, true, false).unwrap();
            prop_assert_eq!(drawn, miette, "{:?}", text);
        }
    }

    proptest! {
        /// Told on the bytes as on the characters.
        #[test]
        fn a_text_is_one_column_wide_as_its_characters_are(text in "[a-z ~«»–é\u{a0}]{0,12}[\u{7f}\t漢\u{301}\u{ad}\u{9f}\u{1f}]?[a-z ~]{0,4}") {
            prop_assert_eq!(all_one_column(&text), text.chars().all(one_column));
        }
    }

    /// The shapes that nearly every finding has are drawn without miette.
    #[test]
    fn the_usual_findings_are_drawn_plain() {
        let text = "## Ferdigheter\nKandidaten kan\n- forklare «begreper» – og mer\n- x\n";
        let snippet =
            |span: Span| Snippet::around(&SourceFile::new("a.lub.md", text.to_string()), &span);
        for span in [15..25, 31..40, 0..2, 58..58, 59..60, 24..24] {
            assert!(
                draw_plain(
                    "regel",
                    "  ⚠ ",
                    "melding",
                    Some("hjelp"),
                    &snippet(span.clone())
                )
                .is_some(),
                "{span:?}"
            );
        }
        // Across two lines, miette draws it.
        assert!(draw_plain("regel", "  ⚠ ", "melding", None, &snippet(20..35)).is_none());
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
