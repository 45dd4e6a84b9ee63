//! After building: the extent of each section, the document's language,
//! what kind and level the text says it is when the front matter does not,
//! and whether there is anything to check at all.

use super::super::trim_span;
use super::blocks::Block;
use super::{Document, Field, Kind, Problem, ProblemKind};
use crate::lang;
use crate::source::{SourceFile, Span};

pub(super) fn finish(source: &SourceFile, blocks: &[Block], doc: &mut Document) {
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

    infer_kind_and_level(source, doc);

    let unreadable = doc
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::Unreadable);
    let has_text = blocks.iter().any(|b| {
        matches!(
            b,
            Block::Heading { .. } | Block::Paragraph { .. } | Block::Item(_) | Block::Break { .. }
        )
    });
    if !unreadable && !has_text {
        doc.problems.push(Problem {
            kind: ProblemKind::Empty,
            span: doc.front_matter.clone().map_or(0..0, |f| f.end..f.end),
            message: crate::messages::Msg::DocumentEmpty.text(|_| Vec::new()),
            help: Some(crate::messages::Msg::DocumentEmptyHelp.text(|_| Vec::new())),
            replacement: None,
        });
    }
}

/// Kind and level from the words of a document without front matter: "Master
/// i …", "bachelor's degree", "ph.d.-programmet", "Etter fullført emne".
/// The first match in the text decides; a document that says nothing keeps
/// both unknown.
fn infer_kind_and_level(source: &SourceFile, doc: &mut Document) {
    if doc.meta.kind.is_some() && doc.meta.level.is_some() {
        return;
    }
    // The title and the opening paragraphs say what the text is about; an
    // outcome that mentions "master" says nothing of the document.
    let mut spans: Vec<Span> = Vec::new();
    if let Some(title) = &doc.meta.title {
        spans.push(title.span.clone());
    }
    if let Some(title) = &doc.title {
        spans.push(title.span());
    }
    spans.extend(doc.intro.iter().map(super::Text::span));
    spans.extend(
        doc.sections
            .iter()
            .filter_map(|s| s.lead_in.as_ref().map(super::Text::span)),
    );
    // Prose in a document without categories often describes the
    // programme itself ("The objective of a PhD programme …").
    spans.extend(
        doc.sections
            .iter()
            .filter(|s| s.category.is_none())
            .flat_map(|s| s.outcomes.iter())
            .filter(|o| o.marker == super::Marker::Sentence)
            .take(3)
            .map(|o| o.text.span()),
    );
    let mut kind: Option<(Kind, Span)> = None;
    let mut level: Option<(u8, Span)> = None;
    for span in spans {
        // Each word is lowered on its own: a letter whose lower case is
        // longer in UTF-8 ("Ⱥ") would move every offset after it.
        for (at, written) in word_positions(source.slice(&span)) {
            let lower = written.to_lowercase();
            let word = lower.as_str();
            let here = span.start + at..span.start + at + written.len();
            let said_level = match word {
                "master" | "master's" | "masters" | "masterprogram" | "masterprogrammet"
                | "mastergrad" | "masterstudiet" | "msc" => Some(7),
                "bachelor" | "bachelor's" | "bachelorprogram" | "bachelorprogrammet"
                | "bachelorgrad" | "bachelorstudiet" | "bachelorstudium" | "bsc" => Some(6),
                "ph.d" | "phd" | "doctoral" | "ph.d.-programmet" | "ph.d.-program"
                | "doktorgrad" | "doktorgradsprogram" => Some(8),
                "fagskole" | "fagskoleutdanning" | "fagskuleutdanning" => Some(5),
                _ => None,
            };
            let said_kind = match word {
                "programme" | "program" | "programmet" | "studieprogram" | "studieprogrammet"
                | "degree" | "utdanningen" | "utdanninga" => Some(Kind::Programme),
                "emne" | "emnet" | "course" | "kurset" | "module" => Some(Kind::Course),
                _ if said_level.is_some() && word.ends_with("program") => Some(Kind::Programme),
                _ => None,
            };
            if level.is_none()
                && let Some(value) = said_level
            {
                level = Some((value, here.clone()));
            }
            if kind.is_none()
                && let Some(value) = said_kind
            {
                kind = Some((value, here));
            }
        }
    }
    // "bachelor" or "master" alone names a degree, which is a programme,
    // unless the text also says it is a course of one.
    if kind.is_none()
        && let Some((_, span)) = &level
    {
        kind = Some((Kind::Programme, span.clone()));
    }
    if doc.meta.kind.is_none()
        && let Some((value, span)) = kind
    {
        doc.meta.kind = Some(Field { value, span });
        doc.inferred.kind = true;
    }
    // A course's level is the level of the degree it belongs to only when
    // it says so; "master" in a course's text is too weak to go on.
    let is_programme = doc
        .meta
        .kind
        .as_ref()
        .is_some_and(|k| k.value == Kind::Programme);
    if doc.meta.level.is_none()
        && is_programme
        && let Some((value, span)) = level
        && let Ok(value) = lang::Level::try_from(value)
    {
        doc.meta.level = Some(Field { value, span });
        doc.inferred.level = true;
    }
}

/// The words of a lower-case text with their byte offsets; a word keeps
/// inner dots, hyphens and apostrophes ("ph.d", "master's") and loses a
/// trailing dot or hyphen.
fn word_positions(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inner = c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-');
        match (start, inner) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, text[s..i].trim_end_matches(['.', '-'])));
                start = None;
            }
            _ => {}
        }
    }
    out
}
