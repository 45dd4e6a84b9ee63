//! A readable dump of the AST: every node with its position and text. The
//! corpus snapshots use it, so a change in what the parser understands shows
//! up in review as a change in words, not in byte offsets.

use std::fmt::Write as _;

use super::ast::*;
use crate::source::{SourceFile, Span};

pub fn outline(doc: &Document, source: &SourceFile) -> String {
    let mut out = String::new();
    let at = |span: &Span| {
        let p = source.position(span.start);
        format!("{}:{}", p.line, p.column)
    };
    let quote = |span: &Span| format!("{:?}", source.slice(span));

    let _ = writeln!(out, "lang: {} (from {:?})", doc.lang, doc.lang_source);
    let meta = &doc.meta;
    let mut fields = Vec::new();
    if let Some(f) = &meta.code {
        fields.push(format!("code={}", f.value));
    }
    if let Some(f) = &meta.kind {
        fields.push(format!("kind={}", f.value.key()));
    }
    if let Some(f) = &meta.level {
        fields.push(format!("level={}", f.value));
    }
    if let Some(f) = &meta.credits {
        fields.push(format!("credits={}", f.value));
    }
    if let Some(f) = &meta.lang {
        fields.push(format!("lang={}", f.value));
    }
    if let Some(f) = &meta.title {
        fields.push(format!("title={:?}", f.value));
    }
    if let Some(span) = &doc.front_matter {
        let _ = writeln!(
            out,
            "front matter @{}:{}",
            at(span),
            fields.iter().map(|f| format!(" {f}")).collect::<String>()
        );
    }
    if let Some(title) = &doc.title {
        let _ = writeln!(
            out,
            "title @{}: {:?}",
            at(&title.span()),
            title.text(source)
        );
    }
    for intro in &doc.intro {
        let _ = writeln!(
            out,
            "intro @{}: {:?}",
            at(&intro.span()),
            intro.text(source)
        );
    }
    for (index, section) in doc.sections.iter().enumerate() {
        let mut name = match section.category {
            Some(category) => category.key().to_string(),
            None if section.outcomes.is_empty() => "free".to_string(),
            None => "outcomes of no category".to_string(),
        };
        for also in &section.also {
            name.push('+');
            name.push_str(also.key());
        }
        let heading = match &section.heading {
            Some(h) => format!("{:?} heading {} @{}", h.style, quote(&h.text), at(&h.text)),
            None => "no heading".to_string(),
        };
        let _ = writeln!(
            out,
            "section {index} {name}: {heading}, span {}",
            at(&section.span)
        );
        if let Some(lead_in) = &section.lead_in {
            let _ = writeln!(
                out,
                "  lead-in @{}: {:?}",
                at(&lead_in.span()),
                lead_in.text(source)
            );
        }
        for outcome in &section.outcomes {
            let id = outcome
                .id
                .as_ref()
                .map(|id| format!(" id {}", quote(id)))
                .unwrap_or_default();
            let lines = match outcome.text.segments.len() {
                1 => String::new(),
                n => format!(" ({n} lines)"),
            };
            let _ = writeln!(
                out,
                "  - {:?}{id} @{}{lines}: {:?}",
                outcome.marker,
                at(&outcome.text.span()),
                outcome.text.text(source)
            );
        }
        for body in &section.body {
            let _ = writeln!(out, "  text @{}: {:?}", at(&body.span()), body.text(source));
        }
    }
    for directive in &doc.directives {
        let _ = writeln!(
            out,
            "directive @{}: {} -> {:?}",
            at(&directive.span),
            quote(&directive.body),
            directive.target
        );
    }
    for problem in &doc.problems {
        let _ = writeln!(
            out,
            "problem {:?} @{} {}: {}",
            problem.kind,
            at(&problem.span),
            quote(&problem.span),
            problem.message.en
        );
    }
    out
}
