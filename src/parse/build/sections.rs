//! Pass 2a: which blocks open a section. A category is named by a heading
//! (`## Kunnskap`), a label on a line of its own (`*Kunnskaper:*`,
//! `Skills`), a label before text (`Kunnskap: Studenten kan …`), a lead-in
//! that names it (`Studenten har kunnskap om:`, `ferdigheiter i å`) or a
//! merged heading (`Kunnskap og ferdigheter`, which stands for both). A
//! heading that is nearly a category name is read as that category and
//! reported; so is a loose name such as `Kompetanse`.

use super::super::trim_span;
use super::blocks::Block;
use super::lead_in::{is_lead_in_phrase, words};
use super::{Builder, Category, Heading, HeadingStyle, Problem, ProblemKind, Text};
use crate::lang::{self, CategoryName};
use crate::messages::Msg;
use crate::source::Span;

/// A label that names one or more categories.
pub(crate) struct Label {
    pub category: Category,
    /// The other categories a merged heading names.
    pub also: Vec<Category>,
    /// The name a loose label should have ("Kompetanse" → "Generell
    /// kompetanse").
    pub canonical: Option<&'static str>,
}

/// Reads a normalised label as category names: one name, or several joined
/// by "og", "and", "&" or commas.
pub(crate) fn category_label(label: &str) -> Option<Label> {
    if let Some(name) = lang::category_name(label) {
        return Some(Label {
            category: name.category,
            also: Vec::new(),
            canonical: loose_canonical(name),
        });
    }
    if !label.contains([' ', ',', '&']) {
        return None;
    }
    // One name alone was answered above: more need a separator.
    if !label.contains([',', '&', '/']) && !label.split(' ').any(|w| w == "og" || w == "and") {
        return None;
    }
    let mut categories: Vec<Category> = Vec::new();
    for part in label
        .split([',', '&', '/'])
        .flat_map(|p| p.split(" og "))
        .flat_map(|p| p.split(" and "))
    {
        let part = part.trim();
        let part = part
            .strip_prefix("og ")
            .or_else(|| part.strip_prefix("and "))
            .unwrap_or(part);
        if part.is_empty() {
            continue;
        }
        let name = lang::category_name(part)?;
        if !categories.contains(&name.category) {
            categories.push(name.category);
        }
    }
    let (&first, rest) = categories.split_first()?;
    (!rest.is_empty()).then(|| Label {
        category: first,
        also: rest.to_vec(),
        canonical: None,
    })
}

fn loose_canonical(name: &CategoryName) -> Option<&'static str> {
    name.loose.then(|| {
        let lang = name.langs.first().copied().unwrap_or(lang::Lang::Nb);
        name.category.heading(lang)
    })
}

/// A line of text that stands on its own, whatever surrounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelLine {
    /// "Kunnskap", "*Skills:*", or the document's own heading
    /// ("Læringsutbytte", "Learning outcomes"): the next line starts afresh.
    Bare,
    /// "Kompetanse: Studenten kan …": a label and its text.
    WithText,
}

/// Whether a line of text names a category (or is the text's own heading)
/// and so stands on its own.
pub(crate) fn label_line(line: &str) -> Option<LabelLine> {
    if category_label(&lang::normalise_label(line)).is_some() || is_document_heading(line) {
        return Some(LabelLine::Bare);
    }
    let with_text = line.split_once(':').is_some_and(|(before, rest)| {
        !rest.trim().is_empty() && category_label(&lang::normalise_label(before)).is_some()
    });
    with_text.then_some(LabelLine::WithText)
}

/// The heading of the learning-outcome text itself, as course pages write
/// it: "Læringsutbytte", "Learning outcomes", "Kva lærer du?", "Expected
/// learning outcomes", "Learning outcomes for the programme of study:".
pub(crate) fn is_document_heading(line: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "læringsutbytte",
        "læringsutbyte",
        "forventet læringsutbytte",
        "forventa læringsutbyte",
        "mål for læringsutbytte",
        "kva lærer du",
        "hva lærer du",
        "hva lærer jeg",
        "learning outcome",
        "expected learning outcome",
        "intended learning outcome",
        "what you will learn",
    ];
    // The longest of them, with its decoration, is far shorter: a line of
    // prose is not copied to find that out.
    if line.len() > 120 {
        return false;
    }
    let trimmed = line
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '#'))
        .trim_end_matches([':', '?', '.', ' '])
        .to_lowercase();
    trimmed.split_whitespace().count() <= 8
        && OPENINGS.iter().any(|o| {
            trimmed == *o
                || trimmed
                    .strip_prefix(o)
                    .is_some_and(|rest| rest.starts_with([' ', 's']))
        })
        && !trimmed.contains(':')
}

impl<'a> Builder<'a> {
    pub(super) fn heading(&mut self, span: Span, text: Span, level: usize, style: HeadingStyle) {
        let raw = self.slice(&text);
        let normalised = lang::normalise_label(raw);
        let label = category_label(&normalised);
        let category = match &label {
            Some(found) => {
                self.loose_label(found, &text);
                Some(found.category)
            }
            None => self.near_heading(&text, &normalised),
        };
        if category.is_none()
            && level == 1
            && self.doc.title.is_none()
            && self.doc.sections.is_empty()
            && !is_document_heading(raw)
        {
            self.doc.title = Some(Text::new(vec![text]));
            return;
        }
        if category.is_none() && is_document_heading(raw) && self.doc.sections.is_empty() {
            self.doc.intro.push(Text::new(vec![text]));
            return;
        }
        let words = self.label_words(text);
        let start = span.start;
        self.open_section(
            category,
            Some(Heading {
                span,
                text: words,
                style,
            }),
            start,
        );
        if let Some(found) = label {
            self.merge(&found);
        }
    }

    /// A merged heading stands for every category it names.
    fn merge(&mut self, label: &Label) {
        if let Some(section) = self.doc.sections.last_mut() {
            section.also = label.also.clone();
        }
    }

    /// "Kompetanse" is read as general competence, and reported with the
    /// name the framework uses.
    fn loose_label(&mut self, label: &Label, text: &Span) {
        let Some(canonical) = label.canonical else {
            return;
        };
        let words = self.label_words(text.clone());
        let written = self.slice(&words);
        let replacement = canonical_spelling(written, canonical);
        self.doc.problems.push(Problem {
            kind: ProblemKind::NearHeading,
            span: words,
            message: Msg::NotACategoryName
                .text(|lang| vec![("written", crate::messages::quote(lang, written))]),
            help: Some(
                Msg::FrameworkCallsIt
                    .text(|lang| vec![("name", crate::messages::quote(lang, &replacement))]),
            ),
            replacement: Some(replacement),
        });
    }

    /// Reports a heading that is nearly a category name and returns the
    /// category it was meant to be.
    pub(super) fn near_heading(&mut self, text: &Span, label: &str) -> Option<Category> {
        let name = lang::near_category_name(label)?;
        let words = self.label_words(text.clone());
        let written = self.slice(&words);
        let canonical = canonical_spelling(written, name.name);
        self.doc.problems.push(Problem {
            kind: ProblemKind::NearHeading,
            span: words,
            message: Msg::NotACategoryHeading
                .text(|lang| vec![("written", crate::messages::quote(lang, written))]),
            help: Some(
                Msg::DidYouMean
                    .text(|lang| vec![("suggestion", crate::messages::quote(lang, &canonical))]),
            ),
            replacement: Some(canonical),
        });
        Some(name.category)
    }

    /// The words of a heading or label, without emphasis or a trailing colon.
    pub(super) fn label_words(&self, span: Span) -> Span {
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

    /// Opens the section of a label: `heading` is the whole label (a line,
    /// or a list item "- Kunnskap"), `written` the text that names it.
    pub(super) fn label_section(&mut self, label: &Label, heading: Span, written: Span) {
        let words = self.label_words(written);
        self.loose_label(label, &words);
        let start = heading.start;
        self.open_section(
            Some(label.category),
            Some(Heading {
                span: heading,
                text: words,
                style: HeadingStyle::Label,
            }),
            start,
        );
        self.merge(label);
    }

    pub(super) fn paragraph(&mut self, index: usize, span: Span, lines: &[Span]) {
        let first = self.slice(&lines[0]);
        let followed_by_items = matches!(self.next_block(index), Some(Block::Item(_)));

        // "Kunnskap:" or "*Kunnskaper:*" on a line of its own.
        if lines.len() == 1 {
            let label = lang::normalise_label(first);
            if let Some(found) = category_label(&label) {
                self.label_section(&found, lines[0].clone(), lines[0].clone());
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
            && let Some(found) = category_label(&lang::normalise_label(label))
            && !rest.trim().is_empty()
        {
            let label_span = lines[0].start..lines[0].start + label.len() + 1;
            self.label_section(&found, label_span.clone(), label_span.clone());
            let mut rest_lines = lines.to_vec();
            rest_lines[0] = trim_span(self.text, label_span.end..lines[0].end);
            self.category_paragraph(followed_by_items, rest_lines);
            return;
        }

        // "kunnskapar om" / "ferdigheiter i å" before a list: a lead-in
        // that is the category's name.
        if followed_by_items && let Some(category) = self.category_lead_in(lines) {
            self.open_section(Some(category), None, span.start);
            self.set_lead_in(lines.to_vec());
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
                // are named only by lead-ins, one that names none starts a
                // list of outcomes whose category is not said.
                let has_heading = self
                    .doc
                    .sections
                    .last()
                    .is_some_and(|s| s.heading.is_some());
                if has_heading {
                    self.open_section(Some(c), None, span.start);
                    self.category_paragraph(true, lines.to_vec());
                } else {
                    self.outcome_list(lines, span);
                }
            }
            (Some(_), None) => self.category_paragraph(followed_by_items, lines.to_vec()),
            (None, None) if lead_in => self.outcome_list(lines, span),
            (None, None) if self.flat => self.flat_paragraph(lines, span),
            (None, None) => match self.doc.sections.last() {
                Some(_) => self.free_text(lines.to_vec(), span),
                None => self.doc.intro.push(Text::new(lines.to_vec())),
            },
        }
    }

    /// A lead-in before a list that names no category ("The candidate",
    /// "Studenten kan:"): its items are outcomes whose category the text
    /// does not say.
    fn outcome_list(&mut self, lines: &[Span], span: Span) {
        self.open_section(None, None, span.start);
        self.set_lead_in(lines.to_vec());
    }

    /// A paragraph of a document that names no category at all: the
    /// document's heading or an introduction stays one; prose is outcomes.
    fn flat_paragraph(&mut self, lines: &[Span], span: Span) {
        let joined = self.joined(lines);
        let introduces =
            lines.len() == 1 && is_document_heading(&joined) || joined.trim_end().ends_with(':');
        if introduces {
            match self.doc.sections.last() {
                Some(_) => self.free_text(lines.to_vec(), span),
                None => self.doc.intro.push(Text::new(lines.to_vec())),
            }
            return;
        }
        if self.doc.sections.is_empty() {
            self.open_section(None, None, span.start);
        }
        self.category_paragraph(false, lines.to_vec());
    }

    /// "kunnskapar om", "ferdigheiter i å", "Knowledge of:": a short
    /// paragraph that opens with a category's name.
    fn category_lead_in(&self, lines: &[Span]) -> Option<Category> {
        if lines.len() != 1 {
            return None;
        }
        let words = words(self.slice(&lines[0]));
        if words.is_empty() || words.len() > 4 {
            return None;
        }
        let name = lang::category_name(&words[0])?;
        if name.loose {
            return None;
        }
        let rest_is_glue = words[1..].iter().all(|w| {
            matches!(
                w.as_str(),
                "om" | "i" | "å" | "til" | "innan" | "innen" | "of" | "in" | "to" | "about" | "on"
            )
        });
        rest_is_glue.then_some(name.category)
    }
}

/// Keeps the writer's capitalisation style: "FERDIGEHTER" → "FERDIGHETER",
/// "ferdigeter" → "ferdigheter", otherwise sentence case.
pub(super) fn canonical_spelling(written: &str, name: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        name.to_uppercase()
    } else if letters.first().is_some_and(|c| c.is_lowercase()) {
        name.to_lowercase()
    } else {
        let mut chars = name.chars();
        chars
            .next()
            .map(|c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
            .unwrap_or_default()
    }
}
