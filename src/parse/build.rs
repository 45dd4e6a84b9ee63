//! Lines → blocks → AST. The grammar says what each line *is*; this module
//! decides what it *means*: which paragraph is a lead-in, which line is a
//! category heading written without `#`, which prose is a list of outcomes.

use super::ast::*;
use super::{Line, LineKind, MarkerKind, front_matter, trim_span};
use crate::lang::{self, Category, Lang, LangSource};
use crate::source::{SourceFile, Span};

/// A document that cannot be read at all: not text, or (a bug) rejected by
/// the grammar. `span` is where reading stopped.
pub(crate) fn unreadable(
    source: &SourceFile,
    message: String,
    help: Option<String>,
    span: Span,
) -> Document {
    let mut doc = empty_document();
    doc.problems.push(Problem {
        kind: ProblemKind::Unreadable,
        span,
        message,
        help,
        replacement: None,
    });
    doc.lang = lang::detect(None, &source.name, &[], &source.text).0;
    doc
}

fn empty_document() -> Document {
    Document {
        meta: Meta::default(),
        front_matter: None,
        title: None,
        intro: Vec::new(),
        sections: Vec::new(),
        directives: Vec::new(),
        lang: Lang::Nb,
        lang_source: LangSource::Default,
        problems: Vec::new(),
    }
}

pub(crate) fn build(source: &SourceFile, lines: &[Line]) -> Document {
    let text = &source.text;
    let mut doc = empty_document();
    let blocks = blocks(text, lines);
    Builder::new(text, &blocks, &mut doc).run();
    finish(source, lines, &mut doc);
    doc
}

// ---------------------------------------------------------------------------
// Pass 1: lines → blocks

#[derive(Debug, Clone)]
enum Block {
    FrontMatter {
        span: Span,
        yaml: Span,
    },
    Heading {
        span: Span,
        text: Span,
        level: usize,
        style: HeadingStyle,
    },
    Paragraph {
        span: Span,
        lines: Vec<Span>,
    },
    Item(Item),
    Directive {
        span: Span,
        body: Span,
    },
    /// A `---` line; `first_line` when it opens the document (front matter
    /// that was never closed).
    Break {
        span: Span,
        first_line: bool,
    },
}

#[derive(Debug, Clone)]
struct Item {
    span: Span,
    indent: usize,
    marker: MarkerKind,
    lines: Vec<Span>,
}

fn blocks(text: &str, lines: &[Line]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut in_comment = false;
    // A blank line since the last line of the open paragraph or item.
    let mut blank_since = true;
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
        match &line.kind {
            LineKind::FrontMatter { yaml } => blocks.push(Block::FrontMatter {
                span: line.span.clone(),
                yaml: yaml.clone(),
            }),
            LineKind::Blank => {
                blank_since = true;
                continue;
            }
            LineKind::Comment => {}
            LineKind::CommentOpen => in_comment = true,
            LineKind::Directive { body } => blocks.push(Block::Directive {
                span: trim_span(text, line.span.clone()),
                body: body.clone(),
            }),
            LineKind::Heading {
                level,
                text: heading,
            } => blocks.push(Block::Heading {
                span: trim_span(text, line.span.clone()),
                text: heading.clone(),
                level: *level,
                style: HeadingStyle::Atx,
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
                            style: HeadingStyle::Setext,
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
                let nested = match blocks.last_mut() {
                    Some(Block::Item(open))
                        if *indent >= open.indent + 2 && !opens_list(text, open) =>
                    {
                        open.lines.push(item_text.clone());
                        open.span.end = line.span.end;
                        true
                    }
                    _ => false,
                };
                if !nested {
                    let start = line.span.start
                        + (line.span.len() - text[line.span.clone()].trim_start().len());
                    blocks.push(Block::Item(Item {
                        span: start..line.span.end,
                        indent: *indent,
                        marker: *marker,
                        lines: vec![item_text.clone()],
                    }));
                }
            }
            LineKind::Text { indent, text: body } => match blocks.last_mut() {
                // Lazy continuation, or an indented paragraph of the item.
                Some(Block::Item(open)) if !blank_since || *indent >= open.indent + 2 => {
                    open.lines.push(body.clone());
                    open.span.end = body.end;
                }
                Some(Block::Paragraph { span, lines: para }) if !blank_since => {
                    para.push(body.clone());
                    span.end = body.end;
                }
                _ => blocks.push(Block::Paragraph {
                    span: body.clone(),
                    lines: vec![body.clone()],
                }),
            },
        }
        blank_since = false;
    }
    blocks
}

/// An item that introduces a nested list of its own ("- Kunnskap:" or
/// "- Kandidaten kan:"): its nested bullets are items, not its continuation.
fn opens_list(text: &str, item: &Item) -> bool {
    let [only] = item.lines.as_slice() else {
        return false;
    };
    let line = text.get(only.clone()).unwrap_or("");
    lang::category_name(&lang::normalise_label(line)).is_some() || is_lead_in_phrase(line)
}

// ---------------------------------------------------------------------------
// Pass 2: blocks → AST

struct Builder<'a> {
    text: &'a str,
    blocks: &'a [Block],
    doc: &'a mut Document,
    /// Directives waiting for the block they apply to.
    pending: Vec<usize>,
    /// Whether anything but front matter, directives and comments was seen.
    content_seen: bool,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, blocks: &'a [Block], doc: &'a mut Document) -> Self {
        Builder {
            text,
            blocks,
            doc,
            pending: Vec::new(),
            content_seen: false,
        }
    }

    fn run(&mut self) {
        for (index, block) in self.blocks.iter().enumerate() {
            match block {
                Block::FrontMatter { span, yaml } => {
                    self.doc.front_matter = Some(span.clone());
                    let yaml_text = self.text.get(yaml.clone()).unwrap_or("");
                    self.doc.meta =
                        front_matter::read(yaml_text, yaml.start, &mut self.doc.problems);
                }
                Block::Directive { span, body } => {
                    let target = if self.content_seen {
                        self.pending.push(self.doc.directives.len());
                        DirectiveTarget::Nothing
                    } else {
                        DirectiveTarget::File
                    };
                    self.doc.directives.push(Directive {
                        span: span.clone(),
                        body: body.clone(),
                        target,
                    });
                }
                Block::Break { span, first_line } => {
                    self.content_seen = true;
                    if *first_line && self.looks_like_unclosed_front_matter() {
                        self.doc.problems.push(Problem {
                            kind: ProblemKind::FrontMatter,
                            span: span.clone(),
                            message: "the front matter that starts here is never closed".into(),
                            help: Some("end the front matter with a line of its own: `---`".into()),
                            replacement: None,
                        });
                    }
                    // Sections run to the next heading; a directive before
                    // a break applies to nothing.
                    self.pending.clear();
                }
                Block::Heading {
                    span,
                    text,
                    level,
                    style,
                } => {
                    self.content_seen = true;
                    self.heading(span.clone(), text.clone(), *level, *style);
                }
                Block::Paragraph { span, lines } => {
                    self.content_seen = true;
                    self.paragraph(index, span.clone(), lines);
                }
                Block::Item(item) => {
                    self.content_seen = true;
                    self.item(item);
                }
            }
        }
        // Directives at the end of the document apply to nothing.
        self.pending.clear();
    }

    fn looks_like_unclosed_front_matter(&self) -> bool {
        matches!(self.blocks.get(1), Some(Block::Paragraph { lines, .. })
            if lines.iter().any(|l| self.slice(l).split_once(':').is_some_and(|(k, _)| front_matter::KEYS.contains(&k.trim()))))
    }

    fn slice(&self, span: &Span) -> &'a str {
        self.text.get(span.clone()).unwrap_or("")
    }

    /// The block after `index`, skipping directives.
    fn next_block(&self, index: usize) -> Option<&'a Block> {
        self.blocks[index + 1..]
            .iter()
            .find(|b| !matches!(b, Block::Directive { .. }))
    }

    fn heading(&mut self, span: Span, text: Span, level: usize, style: HeadingStyle) {
        let label = lang::normalise_label(self.slice(&text));
        let category = match lang::category_name(&label) {
            Some(name) => Some(name.category),
            None => self.near_heading(&text, &label),
        };
        if category.is_none()
            && level == 1
            && self.doc.title.is_none()
            && self.doc.sections.is_empty()
        {
            self.doc.title = Some(Text::new(vec![text]));
            return;
        }
        let text = self.label_words(text);
        let start = span.start;
        self.open_section(category, Some(Heading { span, text, style }), start);
    }

    /// Reports a heading that is nearly a category name and returns the
    /// category it was meant to be.
    fn near_heading(&mut self, text: &Span, label: &str) -> Option<Category> {
        let name = lang::near_category_name(label)?;
        let words = self.label_words(text.clone());
        let written = self.slice(&words);
        let canonical = canonical_spelling(written, name.name);
        self.doc.problems.push(Problem {
            kind: ProblemKind::NearHeading,
            span: words,
            message: format!("«{written}» is not a category heading"),
            help: Some(format!("did you mean «{canonical}»?")),
            replacement: Some(canonical),
        });
        Some(name.category)
    }

    /// The words of a heading or label, without emphasis or a trailing colon.
    fn label_words(&self, span: Span) -> Span {
        let text = self.slice(&span);
        let start_trim = text.len()
            - text
                .trim_start_matches(|c: char| matches!(c, '*' | '_') || c.is_whitespace())
                .len();
        let end_trim = text.len()
            - text
                .trim_end_matches(|c: char| matches!(c, '*' | '_' | ':' | '.') || c.is_whitespace())
                .len();
        if start_trim + end_trim >= text.len() {
            return span;
        }
        span.start + start_trim..span.end - end_trim
    }

    fn paragraph(&mut self, index: usize, span: Span, lines: &[Span]) {
        let first = self.slice(&lines[0]);
        let followed_by_items = matches!(self.next_block(index), Some(Block::Item(_)));

        // "Kunnskap:" or "*Kunnskaper:*" on a line of its own.
        if lines.len() == 1 {
            let label = lang::normalise_label(first);
            if let Some(name) = lang::category_name(&label) {
                let text = self.label_words(lines[0].clone());
                self.open_section(
                    Some(name.category),
                    Some(Heading {
                        span: lines[0].clone(),
                        text,
                        style: HeadingStyle::Label,
                    }),
                    span.start,
                );
                return;
            }
            let decorated = first.trim_end().ends_with(':') || first.starts_with(['*', '_']);
            // A lead-in ("Kandidaten kan:") is not a misspelt heading.
            if (decorated || followed_by_items)
                && label.split(' ').count() <= 3
                && !is_lead_in_phrase(first)
                && let Some(category) = self.near_heading(&lines[0], &label)
            {
                let text = self.label_words(lines[0].clone());
                self.open_section(
                    Some(category),
                    Some(Heading {
                        span: lines[0].clone(),
                        text,
                        style: HeadingStyle::Label,
                    }),
                    span.start,
                );
                return;
            }
        }

        // "Kunnskap: Kandidaten har …" — a label and its text on one line.
        if let Some((label, rest)) = first.split_once(':')
            && let Some(name) = lang::category_name(&lang::normalise_label(label))
            && !rest.trim().is_empty()
        {
            let label_span = lines[0].start..lines[0].start + label.len() + 1;
            let text = self.label_words(label_span.clone());
            self.open_section(
                Some(name.category),
                Some(Heading {
                    span: label_span.clone(),
                    text,
                    style: HeadingStyle::Label,
                }),
                span.start,
            );
            let mut rest_lines = lines.to_vec();
            rest_lines[0] = trim_span(self.text, label_span.end..lines[0].end);
            self.category_paragraph(followed_by_items, rest_lines);
            return;
        }

        let lead_in = followed_by_items && self.is_lead_in(lines);
        let named = if lead_in {
            lang::category_named_in(&words(&self.joined(lines)))
        } else {
            None
        };
        let current = self.doc.sections.last().and_then(|s| s.category);

        match (current, named) {
            (Some(c), Some(n)) if c == n && self.section_is_fresh() => {
                self.category_paragraph(true, lines.to_vec());
            }
            // "Studenten har kunnskap om:" opens the category it names.
            (_, Some(n)) => {
                self.open_section(Some(n), None, span.start);
                self.category_paragraph(true, lines.to_vec());
            }
            (Some(c), None) if lead_in && !self.section_is_fresh() => {
                // A second lead-in in a category. Under a heading it
                // continues that category; in a document whose categories
                // are named only by lead-ins, one that names none cannot be
                // placed, and its list is kept as free text.
                let has_heading = self
                    .doc
                    .sections
                    .last()
                    .is_some_and(|s| s.heading.is_some());
                self.open_section(has_heading.then_some(c), None, span.start);
                if has_heading {
                    self.category_paragraph(true, lines.to_vec());
                } else {
                    self.free_text(lines.to_vec(), span);
                }
            }
            (Some(_), None) => self.category_paragraph(followed_by_items, lines.to_vec()),
            (None, None) => match self.doc.sections.last() {
                Some(_) => self.free_text(lines.to_vec(), span),
                None => self.doc.intro.push(Text::new(lines.to_vec())),
            },
        }
    }

    fn free_text(&mut self, lines: Vec<Span>, span: Span) {
        if let Some(section) = self.doc.sections.last_mut() {
            section.body.push(Text::new(lines));
            section.span.end = section.span.end.max(span.end);
        }
    }

    fn section_is_fresh(&self) -> bool {
        self.doc
            .sections
            .last()
            .is_some_and(|s| s.lead_in.is_none() && s.outcomes.is_empty() && s.body.is_empty())
    }

    /// A paragraph under a category: its lead-in, or prose whose sentences
    /// are outcomes.
    fn category_paragraph(&mut self, followed_by_items: bool, lines: Vec<Span>) {
        if lines.iter().all(std::ops::Range::is_empty) {
            return;
        }
        let is_lead_in = self.section_is_fresh()
            && ((followed_by_items && self.is_lead_in(&lines)) || self.is_bare_lead_in(&lines));
        let Some(section) = self.doc.sections.last_mut() else {
            return;
        };
        let end = lines.last().map_or(section.span.end, |l| l.end);
        section.span.end = section.span.end.max(end);
        if is_lead_in {
            section.lead_in = Some(Text::new(lines));
            return;
        }
        let paragraph = Text::new(lines);
        let first_outcome = section.outcomes.len();
        for sentence in sentences(self.text, &paragraph) {
            let (id, text) = split_outcome_id(self.text, sentence);
            section.outcomes.push(Outcome {
                span: text.span(),
                marker: Marker::Sentence,
                marker_span: text.span().start..text.span().start,
                id,
                text,
            });
        }
        let section_index = self.doc.sections.len() - 1;
        let count = self.doc.sections[section_index].outcomes.len();
        if count > first_outcome {
            self.attach_pending(DirectiveTarget::Outcomes {
                section: section_index,
                start: first_outcome,
                end: count,
            });
        }
    }

    fn item(&mut self, item: &Item) {
        let first = self.slice(&item.lines[0]);
        // "- Kunnskap" as a list item: a heading.
        if item.lines.len() == 1
            && let Some(name) = lang::category_name(&lang::normalise_label(first))
        {
            let text = self.label_words(item.lines[0].clone());
            self.open_section(
                Some(name.category),
                Some(Heading {
                    span: item.span.clone(),
                    text,
                    style: HeadingStyle::Label,
                }),
                item.span.start,
            );
            return;
        }
        let is_category = self
            .doc
            .sections
            .last()
            .is_some_and(|s| s.category.is_some());
        if !is_category {
            // Items before any heading, or under a free heading.
            if self.doc.sections.is_empty() {
                self.open_section(None, None, item.span.start);
            }
            if let Some(section) = self.doc.sections.last_mut() {
                section.body.push(Text::new(item.lines.clone()));
                section.span.end = item.span.end;
            }
            return;
        }
        // "- Kandidaten kan:" as the first item: a lead-in written as a bullet.
        if item.lines.len() == 1
            && self.section_is_fresh()
            && is_lead_in_phrase(first)
            && first.trim_end().ends_with(':')
        {
            if let Some(section) = self.doc.sections.last_mut() {
                section.lead_in = Some(Text::new(item.lines.clone()));
                section.span.end = item.span.end;
            }
            return;
        }
        let (id, text) = split_outcome_id(self.text, Text::new(item.lines.clone()));
        let marker = match item.marker {
            MarkerKind::Symbol => Marker::Bullet,
            MarkerKind::Number => Marker::Numbered,
            MarkerKind::Letter => Marker::Lettered,
        };
        let section_index = self.doc.sections.len() - 1;
        let section = &mut self.doc.sections[section_index];
        let marker_len = first_line_of(self.text, &item.span)
            .find(char::is_whitespace)
            .unwrap_or(0);
        section.outcomes.push(Outcome {
            span: item.span.clone(),
            marker,
            marker_span: item.span.start..item.span.start + marker_len,
            id,
            text,
        });
        section.span.end = item.span.end;
        let index = section.outcomes.len() - 1;
        self.attach_pending(DirectiveTarget::Outcomes {
            section: section_index,
            start: index,
            end: index + 1,
        });
    }

    fn open_section(&mut self, category: Option<Category>, heading: Option<Heading>, start: usize) {
        let span = heading.as_ref().map_or(start..start, |h| h.span.clone());
        self.doc.sections.push(Section {
            category,
            heading,
            lead_in: None,
            outcomes: Vec::new(),
            body: Vec::new(),
            span,
        });
        let section = self.doc.sections.len() - 1;
        self.attach_pending(DirectiveTarget::Section { section });
    }

    fn attach_pending(&mut self, target: DirectiveTarget) {
        for index in self.pending.drain(..) {
            if let Some(directive) = self.doc.directives.get_mut(index) {
                directive.target = target;
            }
        }
    }

    fn joined(&self, lines: &[Span]) -> String {
        Text::new(lines.to_vec())
            .segments
            .iter()
            .map(|s| self.slice(s))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A paragraph that introduces the list after it: short, and ending in a
    /// colon or ellipsis or opening with who the outcomes are about.
    fn is_lead_in(&self, lines: &[Span]) -> bool {
        let text = self.joined(lines);
        let text = text.trim();
        lines.len() <= 3
            && text.split_whitespace().count() <= 40
            && (text.ends_with([':', '…', '-', '–'])
                || text.ends_with("...")
                || is_lead_in_phrase(text))
    }

    /// "Kandidaten" or "The candidate can" on its own, before prose.
    fn is_bare_lead_in(&self, lines: &[Span]) -> bool {
        let text = self.joined(lines);
        let text = text.trim().trim_end_matches([':', '…', '.']);
        text.split_whitespace().count() <= 4 && is_lead_in_phrase(text)
    }
}

/// The text of a span up to its first line break.
fn first_line_of<'t>(text: &'t str, span: &Span) -> &'t str {
    let slice = text.get(span.clone()).unwrap_or("");
    slice.split(['\n', '\r']).next().unwrap_or(slice)
}

/// Text that opens with who the outcomes are about, optionally after "Etter
/// fullført emne" / "On completion of the course": "Kandidaten kan",
/// "Studenten skal etter fullført emne kunne:", "The candidate …".
pub(crate) fn is_lead_in_phrase(text: &str) -> bool {
    let words = words(text);
    let noun_at = words.iter().take(12).position(|w| lang::is_learner_noun(w));
    match noun_at {
        Some(0) => true,
        Some(1) => lang::is_learner_determiner(&words[0]),
        Some(_) => {
            matches!(
                words[0].as_str(),
                "etter"
                    | "ved"
                    | "når"
                    | "after"
                    | "on"
                    | "upon"
                    | "by"
                    | "at"
                    | "following"
                    | "having"
            ) && text.trim_end().ends_with([':', '…', '-', '–'])
        }
        None => false,
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Keeps the writer's capitalisation style: "FERDIGEHTER" → "FERDIGHETER",
/// "ferdigeter" → "ferdigheter", otherwise sentence case.
fn canonical_spelling(written: &str, name: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        name.to_uppercase()
    } else if letters.first().is_some_and(|c| c.is_lowercase()) {
        name.to_string()
    } else {
        let mut chars = name.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }
}

/// Splits a paragraph into sentences, each a `Text` of source spans.
pub(crate) fn sentences(text: &str, paragraph: &Text) -> Vec<Text> {
    use unicode_segmentation::UnicodeSegmentation;

    // The paragraph as one string, and where each of its pieces came from.
    let mut joined = String::new();
    let mut pieces: Vec<(usize, Span)> = Vec::new();
    for segment in &paragraph.segments {
        if !joined.is_empty() {
            joined.push(' ');
        }
        pieces.push((joined.len(), segment.clone()));
        joined.push_str(text.get(segment.clone()).unwrap_or(""));
    }

    let mut bounds: Vec<(usize, usize)> = Vec::new();
    for (start, sentence) in joined.split_sentence_bound_indices() {
        let end = start + sentence.len();
        match bounds.last_mut() {
            Some(last) if ends_with_abbreviation(&joined[last.0..last.1]) => last.1 = end,
            _ => bounds.push((start, end)),
        }
    }

    bounds
        .into_iter()
        .filter_map(|(start, end)| {
            let sentence = &joined[start..end];
            let start = start + (sentence.len() - sentence.trim_start().len());
            let end = start + sentence.trim().len();
            if start >= end {
                return None;
            }
            let segments: Vec<Span> = pieces
                .iter()
                .filter_map(|(at, span)| {
                    let piece_end = at + span.len();
                    let from = start.max(*at);
                    let to = end.min(piece_end);
                    (from < to).then(|| span.start + (from - at)..span.start + (to - at))
                })
                .collect();
            (!segments.is_empty()).then(|| Text::new(segments))
        })
        .collect()
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "f.eks.", "bl.a.", "m.m.", "dvs.", "osv.", "ca.", "jf.", "evt.", "inkl.", "mht.", "iht.",
    "pkt.", "nr.", "ev.", "t.d.", "mv.", "e.g.", "i.e.", "etc.", "incl.", "vs.", "cf.", "approx.",
    "no.", "dr.", "prof.",
];

fn ends_with_abbreviation(sentence: &str) -> bool {
    let last = sentence
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    ABBREVIATIONS.iter().any(|a| {
        last.ends_with(a) && (last.len() == a.len() || last[..last.len() - a.len()].ends_with('('))
    })
}

/// Splits an id such as `K1:` or `GK2 -` off the start of an outcome.
fn split_outcome_id(text: &str, outcome: Text) -> (Option<Span>, Text) {
    let Some(first) = outcome.segments.first() else {
        return (None, outcome);
    };
    let line = text.get(first.clone()).unwrap_or("");
    let Some(id_len) = outcome_id_len(line) else {
        return (None, outcome);
    };
    let rest = line[id_len..].trim_start();
    if rest.is_empty() {
        return (None, outcome);
    }
    let id_span = trim_span(text, first.start..first.start + id_len);
    let mut segments = outcome.segments.clone();
    segments[0] = first.end - rest.len()..first.end;
    (Some(id_span), Text::new(segments))
}

/// Length in bytes of an outcome id and what follows it, if the line opens
/// with one: one to three letters, one or two digits, then `:`, `.`, `)` or
/// ` -`. Bare ids ("K1 har …") only with the letters lub knows are ids, so
/// that "IPv6 adresser" keeps its first word.
fn outcome_id_len(line: &str) -> Option<usize> {
    const BARE_IDS: &[&str] = &[
        "k", "f", "g", "gk", "s", "gc", "lo", "lu", "lub", "kn", "sk",
    ];
    let letters = line.chars().take_while(char::is_ascii_alphabetic).count();
    if !(1..=3).contains(&letters) {
        return None;
    }
    let digits = line[letters..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let after = &line[letters + digits..];
    let punctuated = after.starts_with([':', '.', ')']) && after[1..].starts_with([' ', '\t']);
    if punctuated {
        return Some(letters + digits + 1);
    }
    if let Some(rest) = after
        .strip_prefix(" -")
        .or_else(|| after.strip_prefix(" –"))
        && rest.starts_with(' ')
    {
        return Some(line.len() - rest.len());
    }
    let bare = after.starts_with([' ', '\t'])
        && BARE_IDS.contains(&line[..letters].to_lowercase().as_str());
    bare.then_some(letters + digits)
}

// ---------------------------------------------------------------------------
// After building: what the document as a whole lacks, and its language.

fn finish(source: &SourceFile, lines: &[Line], doc: &mut Document) {
    // A section runs to the next one (or the end of the document), so that
    // a directive before a section covers all of it.
    let starts: Vec<usize> = doc.sections.iter().map(|s| s.span.start).collect();
    for (i, section) in doc.sections.iter_mut().enumerate() {
        let next = starts.get(i + 1).copied().unwrap_or(source.text.len());
        section.span = trim_span(
            &source.text,
            section.span.start..next.max(section.span.start),
        );
    }

    let heading_words: Vec<&str> = doc
        .sections
        .iter()
        .filter_map(|s| s.heading.as_ref())
        .map(|h| source.slice(&h.text))
        .collect();
    let (lang, lang_source) = lang::detect(
        doc.meta.lang.as_ref().map(|f| f.value),
        &source.name,
        &heading_words,
        &source.text,
    );
    doc.lang = lang;
    doc.lang_source = lang_source;

    if doc.categories().next().is_none()
        && !doc
            .problems
            .iter()
            .any(|p| p.kind == ProblemKind::Unreadable)
    {
        let loose_items: usize = doc.sections.iter().map(|s| s.body.len()).sum();
        let first_line = lines
            .iter()
            .find(|l| !matches!(l.kind, LineKind::Blank | LineKind::FrontMatter { .. }))
            .map(|l| trim_span(&source.text, l.span.clone()));
        let (span, message) = match first_line {
            None => (
                doc.front_matter.clone().map_or(0..0, |f| f.end..f.end),
                "the document is empty: it has no learning outcomes".to_string(),
            ),
            Some(span) if loose_items > 0 => (
                span,
                format!(
                    "no category of learning outcomes: {loose_items} list items or paragraphs, but no heading \
                     Kunnskap, Ferdigheter or Generell kompetanse (Knowledge, Skills, General competence)"
                ),
            ),
            Some(span) => (
                span,
                "no category of learning outcomes: no heading Kunnskap, Ferdigheter or Generell kompetanse \
                 (Knowledge, Skills, General competence)"
                    .to_string(),
            ),
        };
        doc.problems.push(Problem {
            kind: ProblemKind::NoCategory,
            span,
            message,
            help: Some(
                "write the outcomes under the three NKR categories, each with its heading".into(),
            ),
            replacement: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> (SourceFile, Document) {
        let source = SourceFile::new("test.lub.md", text);
        let doc = super::super::parse(&source);
        (source, doc)
    }

    fn outcomes(source: &SourceFile, doc: &Document) -> Vec<(Option<Category>, String)> {
        doc.sections
            .iter()
            .flat_map(|s| {
                s.outcomes
                    .iter()
                    .map(move |o| (s.category, o.text.text(source).into_owned()))
            })
            .collect()
    }

    #[test]
    fn label_lines_lead_ins_and_continuations() {
        let (source, doc) = doc(
            "Læringsutbytte i emnet vil være:\n\n*Kunnskaper:*\n\nStudenten kan:\n- forklare A\n  og B\n- K2: beskrive C\n\nFerdigheter\n1. bruke D\n",
        );
        assert_eq!(doc.intro.len(), 1);
        assert_eq!(
            outcomes(&source, &doc),
            vec![
                (Some(Category::Knowledge), "forklare A og B".into()),
                (Some(Category::Knowledge), "beskrive C".into()),
                (Some(Category::Skills), "bruke D".into()),
            ]
        );
        let lead_in = doc.sections[0].lead_in.as_ref().unwrap();
        assert_eq!(lead_in.text(&source), "Studenten kan:");
        assert_eq!(
            source.slice(doc.sections[0].outcomes[1].id.as_ref().unwrap()),
            "K2:"
        );
    }

    #[test]
    fn prose_is_split_into_sentences() {
        let (source, doc) = doc(
            "## Skills\nThe candidate can design experiments, e.g. A/B tests. The candidate\ncan analyse results.\n",
        );
        let got = outcomes(&source, &doc);
        assert_eq!(
            got,
            vec![
                (
                    Some(Category::Skills),
                    "The candidate can design experiments, e.g. A/B tests.".into()
                ),
                (
                    Some(Category::Skills),
                    "The candidate can analyse results.".into()
                ),
            ]
        );
        // The second sentence spans two lines: two segments.
        assert_eq!(doc.sections[0].outcomes[1].text.segments.len(), 2);
    }

    #[test]
    fn a_lead_in_can_name_the_category() {
        let (source, doc) = doc("Studenten har kunnskap om:\n- A\n\nStudenten kan:\n- B\n");
        assert_eq!(
            outcomes(&source, &doc),
            vec![(Some(Category::Knowledge), "A".into())]
        );
        assert!(doc.problems.is_empty());
        // The second lead-in names no category, and there is no heading to
        // continue: its list is kept as free text, not guessed into one.
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[1].category, None);
        assert_eq!(doc.sections[1].body.len(), 2);
    }

    #[test]
    fn near_headings_are_reported_and_still_read() {
        let (source, doc) = doc("# Ferdigeter\n- kan gjøre noe\n");
        assert_eq!(doc.problems.len(), 1);
        assert_eq!(doc.problems[0].kind, ProblemKind::NearHeading);
        assert_eq!(source.slice(&doc.problems[0].span), "Ferdigeter");
        assert_eq!(doc.problems[0].replacement.as_deref(), Some("Ferdigheter"));
        assert_eq!(outcomes(&source, &doc).len(), 1);
    }

    #[test]
    fn directives_find_their_targets() {
        let (_, doc) = doc(
            "<!-- lub: allow a -->\n# T\n<!-- lub: allow b -->\n## Kunnskap\n<!-- lub: allow c -->\n- x\n- y\n<!-- lub: allow d -->\n",
        );
        let targets: Vec<DirectiveTarget> = doc.directives.iter().map(|d| d.target).collect();
        assert_eq!(
            targets,
            vec![
                DirectiveTarget::File,
                DirectiveTarget::Section { section: 0 },
                DirectiveTarget::Outcomes {
                    section: 0,
                    start: 0,
                    end: 1
                },
                DirectiveTarget::Nothing,
            ]
        );
    }

    #[test]
    fn outcome_ids_are_recognised_narrowly() {
        assert_eq!(outcome_id_len("K1: har"), Some(3));
        assert_eq!(outcome_id_len("GK2 - kan"), Some(5));
        assert_eq!(outcome_id_len("k2 kan"), Some(2));
        assert_eq!(outcome_id_len("IPv6 adresser"), None);
        assert_eq!(outcome_id_len("MP3 filer"), None);
        assert_eq!(outcome_id_len("K1:"), None);
    }

    #[test]
    fn an_empty_document_has_no_category() {
        let (_, doc) = doc("");
        assert_eq!(doc.problems.len(), 1);
        assert_eq!(doc.problems[0].kind, ProblemKind::NoCategory);
    }
}
