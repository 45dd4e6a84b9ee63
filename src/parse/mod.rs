//! read → **parse**: the pest grammar in `grammar/lub.pest` classifies each
//! line, `build` turns the lines into the AST. This is the only module that
//! names pest types.

pub mod ast;
mod build;
mod front_matter;
#[cfg(test)]
mod grammar_tests;
mod outline;

use pest::Parser as _;
use pest::iterators::Pair;

pub use self::MarkerKind as ListMarker;
use crate::source::{SourceFile, Span};
pub use ast::*;
/// The intermediate form between lines and the AST, with spans into the
/// text it was read from: what a reader of another format produces.
pub use build::{Block, Item};
pub use outline::outline;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/lub.pest"]
pub(crate) struct LubGrammar;

/// Parses a document. Never fails: what cannot be read as a learning-outcome
/// document is recorded in `Document::problems`.
pub fn parse(source: &SourceFile) -> Document {
    let lines = match lines(&source.text) {
        Ok(lines) => lines,
        Err(problem) => {
            return build::unreadable(source, crate::messages::Text::same(problem), None, 0..0);
        }
    };
    build::build(source, &lines)
}

/// What the start of a file says of the `code` its document will have, read
/// as `parse` reads it: for the engine, which must know before checking
/// which documents share a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeHint {
    /// The document will have no code.
    None,
    /// Its front matter's `code`, trimmed.
    Code(String),
    /// The front matter runs on past `head`.
    Unknown,
}

/// The code of the document whose bytes begin with `head`; `whole` says
/// whether `head` is all of them. Bytes that are not text give no code, as
/// they give no document.
pub fn code_hint(head: &[u8], whole: bool) -> CodeHint {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || head.contains(&0) {
        return CodeHint::None;
    }
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        // A character cut where the head ends is whole in the file.
        Err(e) if !whole && e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return CodeHint::None,
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !body.starts_with("---\n") && !body.starts_with("---\r") {
        // A head shorter than an opening fence may still begin one.
        let may_open = ["---\n", "---\r"].iter().any(|o| o.starts_with(body));
        return if !whole && may_open {
            CodeHint::Unknown
        } else {
            CodeHint::None
        };
    }
    // Only lines whose end the head holds are read: `---` may go on as
    // `---x` past it.
    let text = if whole {
        text
    } else {
        text.rfind(['\n', '\r']).map_or("", |i| &text[..=i])
    };
    let Some((yaml, _)) = front_matter_spans(text) else {
        return if whole {
            CodeHint::None
        } else {
            CodeHint::Unknown
        };
    };
    front_matter::code(&text[yaml]).map_or(CodeHint::None, |code| {
        CodeHint::Code(code.trim().to_string())
    })
}

/// The document of a file that is not text: no content, one problem.
pub fn unreadable(
    source: &SourceFile,
    message: crate::messages::Text,
    help: Option<crate::messages::Text>,
    span: Span,
) -> Document {
    build::unreadable(source, message, help, span)
}

/// One line of a document, classified by the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// The line without its line break.
    pub span: Span,
    pub kind: LineKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// The whole front matter block; `yaml` is the text between the fences.
    FrontMatter {
        yaml: Span,
    },
    Directive {
        body: Span,
    },
    Comment,
    CommentOpen,
    Heading {
        level: usize,
        text: Span,
    },
    SetextUnderline,
    ThematicBreak,
    Bullet {
        indent: usize,
        marker: MarkerKind,
        text: Span,
    },
    Blank,
    Text {
        indent: usize,
        text: Span,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    Symbol,
    Number,
    Letter,
}

/// Classifies every line of `text`. The grammar is total, so an error here is
/// a bug in it; it is reported as a problem of the document, not a panic.
///
/// The text is read in parts of about `PART` bytes, cut after a line break:
/// pest records every token of its input before handing back the first, and
/// for a file of 10 MB of short lines that record took 80 times the file.
/// Lines are read alone, so the parts give the same lines as the whole; only
/// the first part may hold front matter, and it runs to the closing fence.
pub(crate) fn lines(text: &str) -> Result<Vec<Line>, String> {
    let mut lines = Vec::new();
    let first_end = part_end(text, front_matter_end(text));
    lines_of_part(
        Rule::document,
        text.get(..first_end).unwrap_or(text),
        0,
        &mut lines,
    )?;
    let mut start = first_end;
    while start < text.len() {
        let end = part_end(text, start);
        let part = text.get(start..end).unwrap_or_default();
        lines_of_part(Rule::more_lines, part, start, &mut lines)?;
        start = end;
    }
    Ok(lines)
}

/// Bytes of a part, at least; it ends at the next line break.
const PART: usize = 64 * 1024;

/// Where the part that begins before `from` ends: after the first `\n` at
/// least `PART` bytes past `from`, or at the end of the text.
fn part_end(text: &str, from: usize) -> usize {
    let Some(after) = text.as_bytes().get(from.saturating_add(PART)..) else {
        return text.len();
    };
    after
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| from + PART + i + 1)
}

/// The end of the front matter's closing fence line, as the grammar reads
/// front matter (an opening `---` line, then the first line of `---` and
/// blanks), or 0 when there is none.
fn front_matter_end(text: &str) -> usize {
    front_matter_spans(text).map_or(0, |(_, end)| end)
}

/// The front matter's YAML (the lines between its fences) and the end of
/// its closing fence line, as the grammar reads them.
fn front_matter_spans(text: &str) -> Option<(Span, usize)> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let after_open = body
        .strip_prefix("---\r\n")
        .or_else(|| body.strip_prefix("---\n"))
        .or_else(|| body.strip_prefix("---\r"))?;
    let yaml_start = text.len() - after_open.len();
    let mut at = yaml_start;
    while at < text.len() {
        let rest = &text[at..];
        let line_len = memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len());
        let line = &rest[..line_len];
        let break_len = if rest[line_len..].starts_with("\r\n") {
            2
        } else {
            usize::from(line_len < rest.len())
        };
        if line
            .strip_prefix("---")
            .is_some_and(|r| r.chars().all(|c| c == ' ' || c == '\t'))
        {
            return Some((yaml_start..at, at + line_len + break_len));
        }
        at += line_len + break_len;
    }
    None
}

/// Classifies the lines of `part`, which starts at byte `offset` of the
/// document, into `lines`.
fn lines_of_part(
    rule: Rule,
    part: &str,
    offset: usize,
    lines: &mut Vec<Line>,
) -> Result<(), String> {
    let mut pairs = LubGrammar::parse(rule, part).map_err(|e| {
        format!(
            "lub could not read this document (please report this as a bug): {}",
            e.variant.message()
        )
    })?;
    let Some(document) = pairs.next() else {
        return Ok(());
    };
    for pair in document.into_inner() {
        if let Some(line) = line(pair, part) {
            lines.push(line.shifted(offset));
        }
    }
    Ok(())
}

impl Line {
    /// The line of a part, with its spans made offsets of the document.
    fn shifted(self, by: usize) -> Line {
        let shift = |span: Span| span.start + by..span.end + by;
        let kind = match self.kind {
            LineKind::FrontMatter { yaml } => LineKind::FrontMatter { yaml: shift(yaml) },
            LineKind::Directive { body } => LineKind::Directive { body: shift(body) },
            LineKind::Heading { level, text } => LineKind::Heading {
                level,
                text: shift(text),
            },
            LineKind::Bullet {
                indent,
                marker,
                text,
            } => LineKind::Bullet {
                indent,
                marker,
                text: shift(text),
            },
            LineKind::Text { indent, text } => LineKind::Text {
                indent,
                text: shift(text),
            },
            kind @ (LineKind::Comment
            | LineKind::CommentOpen
            | LineKind::SetextUnderline
            | LineKind::ThematicBreak
            | LineKind::Blank) => kind,
        };
        Line {
            span: shift(self.span),
            kind,
        }
    }
}

fn line(pair: Pair<'_, Rule>, text: &str) -> Option<Line> {
    let span = pair.as_span().start()..pair.as_span().end();
    let kind = match pair.as_rule() {
        Rule::front_matter => {
            let yaml = pair.into_inner().find(|p| p.as_rule() == Rule::yaml)?;
            LineKind::FrontMatter {
                yaml: yaml.as_span().start()..yaml.as_span().end(),
            }
        }
        Rule::directive => {
            let body = pair
                .into_inner()
                .find(|p| p.as_rule() == Rule::directive_body)?;
            LineKind::Directive {
                body: trim_span(text, body.as_span().start()..body.as_span().end()),
            }
        }
        Rule::comment => LineKind::Comment,
        Rule::comment_open => LineKind::CommentOpen,
        Rule::heading => {
            let mut level = 0;
            let mut heading_text = span.end..span.end;
            for inner in pair.into_inner() {
                match inner.as_rule() {
                    Rule::heading_mark => level = inner.as_str().len(),
                    Rule::heading_text => {
                        heading_text =
                            trim_span(text, inner.as_span().start()..inner.as_span().end());
                    }
                    _ => {}
                }
            }
            LineKind::Heading {
                level,
                text: strip_closing_hashes(text, heading_text),
            }
        }
        Rule::setext_underline => LineKind::SetextUnderline,
        Rule::thematic_break => LineKind::ThematicBreak,
        Rule::bullet => {
            let line = text.get(span.clone()).unwrap_or_default();
            let marker_start = line.len() - line.trim_start_matches([' ', '\t']).len();
            let rest = &line[marker_start..];
            // The grammar's markers: digits or `(` and digits, a lower-case
            // letter or `(` and one, else a symbol; none holds white space,
            // and white space or the line's end follows each.
            let mut chars = rest.chars();
            let marker = match (chars.next(), chars.next()) {
                (Some(c), _) if c.is_ascii_digit() => MarkerKind::Number,
                (Some('('), Some(c)) if c.is_ascii_digit() => MarkerKind::Number,
                (Some('('), _) => MarkerKind::Letter,
                (Some(c), _) if c.is_ascii_lowercase() => MarkerKind::Letter,
                _ => MarkerKind::Symbol,
            };
            let marker_end = marker_start + rest.find([' ', '\t']).unwrap_or(rest.len());
            LineKind::Bullet {
                indent: indent_width(&line[..marker_start]),
                marker,
                text: trim_span(text, span.start + marker_end..span.end),
            }
        }
        Rule::blank => LineKind::Blank,
        Rule::text => {
            let line = text.get(span.clone()).unwrap_or_default();
            let body = line.trim_start_matches([' ', '\t']);
            LineKind::Text {
                indent: indent_width(&line[..line.len() - body.len()]),
                text: trim_span(text, span.clone()),
            }
        }
        // The byte-order mark and the end of input are not lines.
        _ => return None,
    };
    Some(Line { span, kind })
}

/// Columns of indentation; a tab counts as four, as in Markdown.
fn indent_width(indent: &str) -> usize {
    indent.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// The span without the white space at either end.
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    let Some(slice) = text.get(span.clone()) else {
        return span;
    };
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.start + slice.trim_end().len();
    start..end.max(start)
}

/// `## Kunnskap ##` → `Kunnskap`: Markdown allows closing hashes.
fn strip_closing_hashes(text: &str, span: Span) -> Span {
    let Some(slice) = text.get(span.clone()) else {
        return span;
    };
    let without = slice.trim_end_matches('#');
    if without.len() < slice.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        trim_span(text, span.start..span.start + without.len())
    } else {
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code the whole document has, as the engine's summary reads it.
    fn parsed_code(bytes: &[u8]) -> CodeHint {
        let Ok(text) = crate::source::decode(bytes.to_vec()) else {
            return CodeHint::None;
        };
        let doc = parse(&SourceFile::new("a.lub.md", text));
        doc.meta.code.map_or(CodeHint::None, |c| {
            CodeHint::Code(c.value.trim().to_string())
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3_000))]
        /// The start of a file tells its code as parsing all of it does, or
        /// says it cannot tell; never another code.
        #[test]
        fn a_code_hint_is_the_code_the_document_has(
            bom in proptest::bool::weighted(0.1),
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "---", "---", "--- ", "---x", "----", "code: A1", "code: A1", "code:  B2 ",
                    "code: 'C 3'", "code: \"D4\"", "code:", "code: [x]", "code: A1\ncode: B2",
                    "kind: course", "level: 7", "title: Emne: x", "lang: en", "  code: E5",
                    "a: {b: c}", "- x", "# Kunnskap", "", " ", "tekst", "<!-- lub: allow x -->",
                    "\u{feff}", "ø", "\u{0}", "\u{2028}",
                ]),
                0..10,
            ),
            ends in proptest::collection::vec(
                proptest::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r"]),
                10,
            ),
            bad in proptest::option::weighted(0.05, 0usize..200),
        ) {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            for (part, end) in parts.iter().zip(&ends) {
                text.push_str(part);
                text.push_str(end);
            }
            let mut bytes = text.into_bytes();
            if let Some(at) = bad {
                bytes.insert(at.min(bytes.len()), 0xFF);
            }
            let whole = code_hint(&bytes, true);
            proptest::prop_assert_eq!(&whole, &parsed_code(&bytes), "{:?}", String::from_utf8_lossy(&bytes));
            for cut in 0..bytes.len() {
                let head = code_hint(&bytes[..cut], false);
                // A byte that is not text past the head makes a document of
                // no code, which the head cannot know: its hint may name a
                // code, and a document that waits for nothing costs only
                // time.
                let after_bad = crate::source::decode(bytes.clone()).is_err();
                proptest::prop_assert!(
                    head == CodeHint::Unknown || head == whole || after_bad,
                    "{:?} cut at {}: {:?}, whole {:?}", String::from_utf8_lossy(&bytes), cut, head, whole
                );
            }
        }
    }

    fn kinds(text: &str) -> Vec<LineKind> {
        lines(text).unwrap().into_iter().map(|l| l.kind).collect()
    }

    /// The lines of `text` read in one piece, as `lines` did before it read
    /// parts.
    fn whole(text: &str) -> Vec<Line> {
        let mut out = Vec::new();
        lines_of_part(Rule::document, text, 0, &mut out).unwrap();
        out
    }

    #[test]
    fn a_document_read_in_parts_has_the_lines_it_has_whole() {
        let kinds = "# Tittel\r\n\n- har kunnskap\n  om ting\n1. kan\r<!-- lub: allow x -->\n<!-- open\n---\n***\n===\nTekst æøå\n\n";
        let long_yaml: String = (0..20_000).map(|i| format!("k{i}: v\n")).collect();
        for text in [
            format!("---\nlevel: 7\n---\n{}", kinds.repeat(4_000)),
            format!("\u{feff}---\r\n{long_yaml}---  \r\n{}", kinds.repeat(4_000)),
            format!("---\nno: close\n{}", kinds.repeat(4_000)),
            kinds.repeat(4_000),
            format!("{}\nlast", "x".repeat(200_000)),
            String::new(),
        ] {
            assert!(text.is_empty() || text.len() > 2 * PART || text.len() > 200_000);
            assert_eq!(lines(&text).unwrap(), whole(&text));
        }
    }

    #[test]
    fn every_line_is_something() {
        let text = "---\nlevel: 7\n---\n# Tittel\n\nKunnskap:\n- har kunnskap\n  om ting\n1. kan\n<!-- lub: allow x -->\n<!-- c -->\n<!-- open\n***\n===\n";
        assert_eq!(
            kinds(text),
            vec![
                LineKind::FrontMatter { yaml: 4..13 },
                LineKind::Heading {
                    level: 1,
                    text: 19..25
                },
                LineKind::Blank,
                LineKind::Text {
                    indent: 0,
                    text: 27..36
                },
                LineKind::Bullet {
                    indent: 0,
                    marker: MarkerKind::Symbol,
                    text: 39..51
                },
                LineKind::Text {
                    indent: 2,
                    text: 54..61
                },
                LineKind::Bullet {
                    indent: 0,
                    marker: MarkerKind::Number,
                    text: 65..68
                },
                LineKind::Directive { body: 79..86 },
                LineKind::Comment,
                LineKind::CommentOpen,
                LineKind::ThematicBreak,
                LineKind::SetextUnderline,
            ]
        );
    }

    #[test]
    fn crlf_and_bom_are_not_part_of_any_line() {
        let text = "\u{FEFF}## Skills\r\n- can do\r\n";
        let lines = lines(text).unwrap();
        assert_eq!(&text[lines[0].span.clone()], "## Skills");
        assert_eq!(&text[lines[1].span.clone()], "- can do");
    }

    #[test]
    fn closing_hashes_are_not_heading_text() {
        let text = "## Kunnskap ##";
        let LineKind::Heading { text: span, .. } = &kinds(text)[0] else {
            panic!("not a heading");
        };
        assert_eq!(&text[span.clone()], "Kunnskap");
    }
}
