//! Lines → blocks → AST. The grammar says what each line *is*; this module
//! decides what it *means*, one pass per file:
//!
//! - `blocks`: which lines belong together (paragraphs, list items, labels
//!   that stand on their own line, comments cut off the end of a line);
//! - `sections`: which blocks open a category (headings, labels, merged and
//!   near headings, category lead-ins);
//! - `lead_in`: which paragraphs introduce a list and name the learner;
//! - `outcomes`: list items, sentences of prose and outcome ids;
//! - `diagnose`: section extents, language, kind and level from the text,
//!   and whether there is anything to read at all.
//!
//! A document that names no category at all is built a second time in
//! *flat* mode, in which every list item and sentence of prose is an
//! outcome, so that the rules still read it.

mod blocks;
mod diagnose;
mod lead_in;
mod outcomes;
mod sections;
#[cfg(test)]
mod tests;

pub use blocks::{Block, Item};

use super::Line;
use super::ast::*;
use super::front_matter;
use crate::lang::{self, Category, Lang, LangSource};
use crate::messages::Msg;
use crate::source::{SourceFile, Span};

/// A document that cannot be read at all: not text, or (a bug) rejected by
/// the grammar. `span` is where reading stopped.
pub(crate) fn unreadable(
    source: &SourceFile,
    message: crate::messages::Text,
    help: Option<crate::messages::Text>,
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
        inferred: Inferred::default(),
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
    let blocks = blocks::blocks(&source.text, lines);
    from_blocks(source, &blocks)
}

pub(crate) fn from_blocks(source: &SourceFile, blocks: &[Block]) -> Document {
    let text = &source.text;
    let mut doc = empty_document();
    Builder::new(text, blocks, &mut doc, false).run();
    if doc.categories().next().is_none() {
        doc = empty_document();
        Builder::new(text, blocks, &mut doc, true).run();
    }
    diagnose::finish(source, blocks, &mut doc);
    // The document is kept for the whole check: without the room its lists
    // grew into, a file of a million short outcomes needs a fifth less.
    for section in &mut doc.sections {
        section.outcomes.shrink_to_fit();
    }
    doc.sections.shrink_to_fit();
    doc
}

// ---------------------------------------------------------------------------
// Pass 2: blocks → AST

struct Builder<'a> {
    text: &'a str,
    blocks: &'a [Block],
    doc: &'a mut Document,
    /// Every list item and sentence is an outcome: the document names no
    /// category.
    flat: bool,
    /// Directives waiting for the block they apply to.
    pending: Vec<usize>,
    /// The outcomes the last block added, for a directive at its line's end.
    last_added: Option<DirectiveTarget>,
    /// Whether anything but front matter, directives and comments was seen.
    content_seen: bool,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, blocks: &'a [Block], doc: &'a mut Document, flat: bool) -> Self {
        Builder {
            text,
            blocks,
            doc,
            flat,
            pending: Vec::new(),
            last_added: None,
            content_seen: false,
        }
    }

    fn run(&mut self) {
        for (index, block) in self.blocks.iter().enumerate() {
            if !matches!(block, Block::Directive { trailing: true, .. }) {
                self.last_added = None;
            }
            match block {
                Block::FrontMatter { span, yaml } => {
                    self.doc.front_matter = Some(span.clone());
                    let yaml_text = self.text.get(yaml.clone()).unwrap_or("");
                    self.doc.meta =
                        front_matter::read(yaml_text, yaml.start, &mut self.doc.problems);
                }
                Block::Directive {
                    span,
                    body,
                    trailing,
                } => {
                    let target = if *trailing {
                        self.last_added.unwrap_or(DirectiveTarget::Nothing)
                    } else if self.content_seen {
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
                            message: Msg::FrontMatterUnclosed.text(|_| Vec::new()),
                            help: Some(Msg::FrontMatterUnclosedHelp.text(|_| Vec::new())),
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
        self.blocks
            .get(index + 1..)
            .unwrap_or_default()
            .iter()
            .find(|b| !matches!(b, Block::Directive { .. }))
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

    fn open_section(&mut self, category: Option<Category>, heading: Option<Heading>, start: usize) {
        let span = heading.as_ref().map_or(start..start, |h| h.span.clone());
        self.doc.sections.push(Section {
            category,
            also: Vec::new(),
            heading,
            lead_in: None,
            outcomes: Vec::new(),
            body: Vec::new(),
            span,
        });
        let section = self.doc.sections.len() - 1;
        self.attach_pending(DirectiveTarget::Section { section });
    }

    /// Outcomes were added: directives before them, and one at the end of
    /// their line, apply to them.
    fn added(&mut self, target: DirectiveTarget) {
        self.attach_pending(target);
        self.last_added = Some(target);
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
}
