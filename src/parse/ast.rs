//! The AST of a learning-outcome document. It owns no text: every node holds
//! byte spans into the `SourceFile` it was parsed from, so rules and reports
//! point at exactly what the author wrote.

use serde::Serialize;

use crate::lang::{Category, Lang, LangSource, Level};
use crate::source::{SourceFile, Span};

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub meta: Meta,
    /// Which of `meta`'s fields were read from the text rather than the
    /// front matter ("Master i …", "Etter fullført emne").
    pub inferred: Inferred,
    /// The front matter block, fences included.
    pub front_matter: Option<Span>,
    /// A level-1 heading before the first category, when it is not one.
    pub title: Option<Text>,
    /// Paragraphs before the first section ("Etter fullført program har …").
    pub intro: Vec<Text>,
    pub sections: Vec<Section>,
    pub directives: Vec<Directive>,
    pub lang: Lang,
    pub lang_source: LangSource,
    /// What the parser found wrong with the document's structure; rules turn
    /// these into findings.
    pub problems: Vec<Problem>,
}

impl Document {
    pub fn categories(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|s| s.category.is_some())
    }

    /// Every outcome, also those of a list whose category the text does
    /// not say.
    pub fn outcomes(&self) -> impl Iterator<Item = &Outcome> {
        self.sections.iter().flat_map(|s| s.outcomes.iter())
    }

    /// Whether a section stands for `category`, alone or in a merged
    /// heading ("Kunnskap og ferdigheter").
    pub fn has_category(&self, category: Category) -> bool {
        self.sections.iter().any(|s| s.covers(category))
    }

    /// The title from the front matter, else from the document's heading.
    pub fn title<'a>(&'a self, source: &'a SourceFile) -> Option<std::borrow::Cow<'a, str>> {
        match &self.meta.title {
            Some(field) => Some(std::borrow::Cow::Borrowed(field.value.as_str())),
            None => self.title.as_ref().map(|t| t.text(source)),
        }
    }
}

/// Fields of `Meta` that the text said rather than the front matter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Inferred {
    pub kind: bool,
    pub level: bool,
}

/// Typed front matter. Each field keeps the span of its value, so a rule can
/// point at `level: 9` rather than at the document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Meta {
    pub code: Option<Field<String>>,
    pub kind: Option<Field<Kind>>,
    pub level: Option<Field<Level>>,
    pub credits: Option<Field<f64>>,
    pub lang: Option<Field<Lang>>,
    pub title: Option<Field<String>>,
    /// The responsible faculty and department, for the catalogue report.
    pub faculty: Option<Field<String>>,
    pub department: Option<Field<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field<T> {
    pub value: T,
    pub span: Span,
}

pub use crate::lang::Kind;

/// A run of text that may span several lines. `segments` are the pieces of
/// the source that make it up, in order; the text a rule reads is the
/// segments joined by single spaces, so line breaks, indentation and bullet
/// markers never reach a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    /// A boxed slice, exactly as long as it is: a document holds one for
    /// each of its outcomes for the whole check.
    pub segments: Box<[Span]>,
}

impl Text {
    pub fn new(segments: Vec<Span>) -> Self {
        Text {
            segments: segments.into_boxed_slice(),
        }
    }

    /// From the first byte of the first segment to the last of the last.
    pub fn span(&self) -> Span {
        match (self.segments.first(), self.segments.last()) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => 0..0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.segments.iter().all(std::ops::Range::is_empty)
    }

    /// The text with its segments joined by single spaces.
    pub fn text<'a>(&self, source: &'a SourceFile) -> std::borrow::Cow<'a, str> {
        match &*self.segments {
            [only] => std::borrow::Cow::Borrowed(source.slice(only)),
            segments => {
                let mut out = String::new();
                for segment in segments {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(source.slice(segment));
                }
                std::borrow::Cow::Owned(out)
            }
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// `None` for a free section ("Praksis"), and for a list of outcomes
    /// whose category the text does not say (then `lead_in` or the
    /// document's lack of categories tells that they are outcomes).
    pub category: Option<Category>,
    /// The other categories of a merged heading ("Kunnskap og
    /// ferdigheter").
    pub also: Vec<Category>,
    /// `None` when the category was named by the lead-in ("Studenten har
    /// kunnskap om:"), or for list items before any heading.
    pub heading: Option<Heading>,
    pub lead_in: Option<Text>,
    pub outcomes: Vec<Outcome>,
    /// Text in the section that is not an outcome: the paragraphs and list
    /// items of a free section, or notes under a category.
    pub body: Vec<Text>,
    /// From the heading (or first line) to the end of the last line.
    pub span: Span,
}

impl Section {
    pub fn covers(&self, category: Category) -> bool {
        self.category == Some(category) || self.also.contains(&category)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    /// The whole line.
    pub span: Span,
    /// The heading's words, without `#`s, emphasis or a trailing colon.
    pub text: Span,
    pub style: HeadingStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingStyle {
    /// `## Kunnskap`
    Atx,
    /// `Kunnskap` underlined with `===` or `---`.
    Setext,
    /// A line of its own such as `Kunnskap:` or `*Kunnskaper:*`.
    Label,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The whole outcome: bullet marker to the end of its last line.
    pub span: Span,
    pub marker: Marker,
    /// The bullet or number ("-", "•", "1."); empty for a sentence of prose.
    pub marker_span: Span,
    /// An outcome id such as `K1:`, which is not part of the outcome's text.
    pub id: Option<Span>,
    pub text: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Marker {
    /// `-`, `*`, `•`, `–` and the other bullet symbols.
    Bullet,
    /// `1.`, `1)`, `(1)`
    Numbered,
    /// `a)`, `(a)`
    Lettered,
    /// A sentence of a prose paragraph.
    Sentence,
}

/// A `<!-- lub: … -->` comment and what it applies to.
#[derive(Debug, Clone, Serialize)]
pub struct Directive {
    pub span: Span,
    /// The text after `lub:`, trimmed.
    pub body: Span,
    pub target: DirectiveTarget,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum DirectiveTarget {
    /// Before anything else in the document: applies to all of it.
    File,
    /// Right before a section heading.
    Section { section: usize },
    /// Right before an outcome, or a paragraph of outcomes: outcomes
    /// `start..end` of the section.
    Outcomes {
        section: usize,
        start: usize,
        end: usize,
    },
    /// Followed by nothing it could apply to.
    Nothing,
}

/// Something the parser found wrong with the document's structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    pub span: Span,
    /// What is wrong, in each language lub speaks.
    pub message: crate::messages::Text,
    pub help: Option<crate::messages::Text>,
    /// Text that may replace `span` to mend the problem.
    pub replacement: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The file cannot be read as a document at all.
    Unreadable,
    /// The document holds no text at all.
    Empty,
    /// Neither the front matter nor the text says the document's level or
    /// kind, so the rules that need them did not run.
    MissingMetadata,
    /// The front matter is not valid YAML or has a bad key or value.
    FrontMatter,
    /// A heading that is nearly a category name.
    NearHeading,
}
