//! Pass 1: lines → blocks. Decides which lines belong together: a paragraph
//! runs until a blank line, a list item takes its continuation lines, and a
//! line that names a category ("Kunnskap", "Skills:", "Kompetanse: Studenten
//! kan …") always stands on its own, however it is surrounded: published
//! texts put headings, lead-ins and outcomes on consecutive lines. Comments
//! at the end of a line are cut off here, so they never reach an outcome.

use super::super::{Line, LineKind, MarkerKind, trim_span};
use super::sections;
use crate::source::Span;

/// The intermediate form between the grammar's lines and the AST: what a
/// front-end that reads another format (an FS export, an HTML page) produces
/// with spans into its own text.
#[derive(Debug, Clone)]
pub enum Block {
    FrontMatter {
        span: Span,
        yaml: Span,
    },
    Heading {
        span: Span,
        text: Span,
        level: usize,
        style: super::HeadingStyle,
    },
    Paragraph {
        span: Span,
        lines: Vec<Span>,
    },
    Item(Item),
    /// A `<!-- lub: … -->` directive; `trailing` when it ends the line of
    /// the outcome it applies to.
    Directive {
        span: Span,
        body: Span,
        trailing: bool,
    },
    /// A `---` line; `first_line` when it opens the document (front matter
    /// that was never closed).
    Break {
        span: Span,
        first_line: bool,
    },
}

#[derive(Debug, Clone)]
pub struct Item {
    pub span: Span,
    /// Columns before the marker.
    pub indent: usize,
    /// Columns before the item's text: where a continuation must start.
    pub content_indent: usize,
    pub marker: MarkerKind,
    pub lines: Vec<Span>,
}

pub(crate) fn blocks(text: &str, lines: &[Line]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut in_comment = false;
    // A blank line since the last line of the open paragraph or item.
    let mut blank_since = true;
    // The last line was a category label on its own: what follows it is
    // not its continuation.
    let mut after_label = false;
    for (index, line) in lines.iter().enumerate() {
        if in_comment {
            if text
                .get(line.span.clone())
                .is_some_and(|l| l.contains("-->"))
            {
                in_comment = false;
            }
            continue;
        }
        let mut label = None;
        match &line.kind {
            LineKind::FrontMatter { yaml } => blocks.push(Block::FrontMatter {
                span: line.span.clone(),
                yaml: yaml.clone(),
            }),
            LineKind::Blank => {
                blank_since = true;
                after_label = false;
                continue;
            }
            LineKind::Comment => {}
            LineKind::CommentOpen => in_comment = true,
            LineKind::Directive { body } => blocks.push(Block::Directive {
                span: trim_span(text, line.span.clone()),
                body: body.clone(),
                trailing: false,
            }),
            LineKind::Heading {
                level,
                text: heading,
            } => blocks.push(Block::Heading {
                span: trim_span(text, line.span.clone()),
                text: heading.clone(),
                level: *level,
                style: super::HeadingStyle::Atx,
            }),
            LineKind::SetextUnderline | LineKind::ThematicBreak => {
                let underline = matches!(line.kind, LineKind::SetextUnderline);
                match blocks.last() {
                    // A single line of text underlined: a setext heading.
                    Some(Block::Paragraph { lines: para, .. })
                        if !blank_since && para.len() == 1 =>
                    {
                        let heading = para[0].clone();
                        blocks.pop();
                        blocks.push(Block::Heading {
                            span: heading.start..line.span.end,
                            text: heading,
                            level: if underline { 1 } else { 2 },
                            style: super::HeadingStyle::Setext,
                        });
                    }
                    _ => blocks.push(Block::Break {
                        span: trim_span(text, line.span.clone()),
                        first_line: index == 0 && !underline,
                    }),
                }
            }
            LineKind::Bullet {
                indent,
                marker,
                text: item_text,
            } => {
                let (item_text, directive) = split_trailing_comment(text, item_text.clone());
                let nested = match blocks.last_mut() {
                    Some(Block::Item(open))
                        if *indent >= open.indent + 2 && !opens_list(text, open) =>
                    {
                        open.lines.push(item_text.clone());
                        open.span.end = item_text.end.max(open.span.end);
                        true
                    }
                    _ => false,
                };
                if !nested {
                    let start = line.span.start
                        + (line.span.len() - text[line.span.clone()].trim_start().len());
                    let content_indent = text
                        .get(line.span.start..item_text.start)
                        .map_or(*indent + 2, |before| before.chars().count());
                    blocks.push(Block::Item(Item {
                        span: start..item_text.end.max(start),
                        indent: *indent,
                        content_indent,
                        marker: *marker,
                        lines: vec![item_text],
                    }));
                }
                push_trailing(&mut blocks, directive);
            }
            LineKind::Text { indent, text: body } => {
                let (body, directive) = split_trailing_comment(text, body.clone());
                let line_text = text.get(body.clone()).unwrap_or("");
                // A line of no-break spaces is blank to a reader.
                if line_text.trim().is_empty() {
                    if directive.is_none() {
                        blank_since = true;
                        after_label = false;
                        continue;
                    }
                    push_trailing(&mut blocks, directive);
                    continue;
                }
                label = sections::label_line(line_text);
                let continues = label.is_none() && !after_label;
                match blocks.last_mut() {
                    // Lazy continuation, or an indented paragraph of the item.
                    Some(Block::Item(open))
                        if continues
                            && ((!blank_since && *indent >= open.indent)
                                || *indent >= open.content_indent.max(open.indent + 2)) =>
                    {
                        open.lines.push(body.clone());
                        open.span.end = body.end;
                    }
                    Some(Block::Paragraph { span, lines: para }) if continues && !blank_since => {
                        para.push(body.clone());
                        span.end = body.end;
                    }
                    _ => blocks.push(Block::Paragraph {
                        span: body.clone(),
                        lines: vec![body.clone()],
                    }),
                }
                push_trailing(&mut blocks, directive);
            }
        }
        blank_since = false;
        after_label = label == Some(sections::LabelLine::Bare);
    }
    blocks
}

fn push_trailing(blocks: &mut Vec<Block>, directive: Option<(Span, Span)>) {
    if let Some((span, body)) = directive {
        blocks.push(Block::Directive {
            span,
            body,
            trailing: true,
        });
    }
}

/// Cuts an HTML comment off the end of a line: `… <!-- lub: allow x -->`.
/// Returns the text before it and, for a `lub:` directive, the directive's
/// span and body.
fn split_trailing_comment(text: &str, span: Span) -> (Span, Option<(Span, Span)>) {
    let Some(line) = text.get(span.clone()) else {
        return (span, None);
    };
    if !line.ends_with("-->") {
        return (span, None);
    }
    let Some(open) = line.rfind("<!--") else {
        return (span, None);
    };
    // "<!-->" opens and closes in the same characters: not a comment.
    let Some(comment) = line.get(open + 4..line.len() - 3) else {
        return (span, None);
    };
    if comment.contains("-->") {
        return (span, None);
    }
    let before = trim_span(text, span.start..span.start + open);
    let directive = comment.trim_start().strip_prefix("lub").and_then(|rest| {
        let rest = rest.trim_start().strip_prefix(':')?;
        let body_start = span.end - 3 - rest.len();
        Some((
            span.start + open..span.end,
            trim_span(text, body_start..span.end - 3),
        ))
    });
    (before, directive)
}

/// An item that introduces a nested list of its own ("- Kunnskap:" or
/// "- Kandidaten kan:"): its nested bullets are items, not its continuation.
fn opens_list(text: &str, item: &Item) -> bool {
    let [only] = item.lines.as_slice() else {
        return false;
    };
    let line = text.get(only.clone()).unwrap_or("");
    sections::category_label(&crate::lang::normalise_label(line)).is_some()
        || super::lead_in::is_lead_in_phrase(line)
}
