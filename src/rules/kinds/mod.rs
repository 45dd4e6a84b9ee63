//! The checkers a rule's `kind` can name: one file per way of finding
//! something. Each declares the optional rule-file fields it reads, and a
//! rule file that sets any other is refused, so nothing in YAML is silently
//! ignored.

mod categories;
mod directives;
mod duplicate;
mod lead_in;
mod level;
mod markers;
mod nkr;
mod parser;
mod phrase;
mod placeholder;
mod readability;
mod shape;
mod specificity;
mod translation;

use super::{Checker, RuleFile};
use crate::analyse::Data;
use crate::messages::{Msg, Text};
pub use translation::{Catalogue, DocSummary};

/// Placeholders a rule's `message` and `help` may use. Each checker fills
/// those that make sense for it.
pub const PLACEHOLDERS: &[&str] = &[
    "detail",
    "match",
    "suggestions",
    "level",
    "category",
    "count",
    "limit",
    "other",
    "theme",
    "kind",
    "this-kind",
];

/// The optional fields of a rule file a checker reads.
#[derive(Default)]
pub(crate) struct Uses {
    pub phrases: bool,
    pub position: bool,
    pub topic_lists: bool,
    pub suggestions: bool,
    pub problems: bool,
    /// Names of the `limits` the checker reads; all are required.
    pub limits: &'static [&'static str],
}

type Build = fn(&RuleFile, &Data) -> Result<Box<dyn Checker>, Text>;
type Kind = (&'static str, fn() -> Uses, Build);

/// Every kind: its name, the fields it reads, and how to build it.
const KINDS: &[Kind] = &[
    ("parser", parser::uses, parser::build),
    ("phrase", phrase::uses, phrase::build),
    ("placeholder", placeholder::uses, placeholder::build),
    ("level-wording", level::uses, level::build),
    ("categories", categories::uses, categories::build),
    ("specificity", specificity::uses, specificity::build),
    (
        "nkr-similarity",
        nkr::similarity_uses,
        nkr::similarity_build,
    ),
    ("nkr-themes", nkr::themes_uses, nkr::themes_build),
    ("innovation", nkr::innovation_uses, nkr::innovation_build),
    ("lead-in", lead_in::uses, lead_in::build),
    ("list-markers", markers::uses, markers::build),
    ("compound", shape::compound_uses, shape::compound_build),
    ("length", shape::length_uses, shape::length_build),
    ("count", shape::count_uses, shape::count_build),
    ("similarity", duplicate::uses, duplicate::build),
    ("lix", readability::uses, readability::build),
    ("translation", translation::uses, translation::build),
    ("directives", directives::uses, directives::build),
];

/// The kinds a rule file may name.
pub fn names() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|(name, _, _)| *name)
}

/// The checker for a rule file's `kind`, or why there is none.
pub(crate) fn checker(rule: &RuleFile, data: &Data) -> Result<Box<dyn Checker>, Text> {
    let kind = || ("kind", rule.kind.clone());
    let Some((_, uses, build)) = KINDS.iter().find(|(name, _, _)| *name == rule.kind) else {
        let known: Vec<&str> = names().collect();
        return Err(
            match crate::suggest::closest(&rule.kind, known.iter().copied()) {
                Some(s) => {
                    Msg::KindUnknownMeant.text(|_| vec![kind(), ("suggestion", s.to_string())])
                }
                None => Msg::KindUnknown.text(|_| vec![kind(), ("known", known.join(", "))]),
            },
        );
    };
    let uses = uses();
    let unread = |field: &str| Msg::KindUnread.text(|_| vec![("field", field.to_string()), kind()]);
    if !uses.phrases && !rule.phrases.is_empty() {
        return Err(unread("phrases"));
    }
    if uses.phrases && rule.phrases.is_empty() {
        return Err(Msg::KindNeeds.text(|_| vec![kind(), ("field", "phrases".to_string())]));
    }
    if !uses.position && rule.position.is_some() {
        return Err(unread("position"));
    }
    if !uses.topic_lists && rule.topic_lists {
        return Err(unread("topic_lists"));
    }
    if !uses.suggestions && !rule.suggestions.is_empty() {
        return Err(unread("suggestions"));
    }
    if !uses.problems && (!rule.problems.is_empty() || rule.safe_fix) {
        return Err(unread(if rule.problems.is_empty() {
            "safe_fix"
        } else {
            "problems"
        }));
    }
    for name in rule.limits.keys() {
        if !uses.limits.contains(&name.as_str()) {
            return Err(
                match crate::suggest::closest(name, uses.limits.iter().copied()) {
                    Some(s) => Msg::KindLimitMeant.text(|_| {
                        vec![
                            ("name", name.clone()),
                            kind(),
                            ("suggestion", s.to_string()),
                        ]
                    }),
                    None if uses.limits.is_empty() => unread("limits"),
                    None => Msg::KindLimitUnknown.text(|_| {
                        vec![
                            ("name", name.clone()),
                            kind(),
                            ("known", uses.limits.join(", ")),
                        ]
                    }),
                },
            );
        }
    }
    for name in uses.limits {
        match rule.limits.get(*name) {
            None => {
                return Err(
                    Msg::KindNeedsLimit.text(|_| vec![kind(), ("name", (*name).to_string())])
                );
            }
            Some(value) if !value.is_finite() || *value < 0.0 => {
                return Err(Msg::KindLimitNumber.text(|_| vec![("name", (*name).to_string())]));
            }
            Some(_) => {}
        }
    }
    build(rule, data)
}

/// The category's name as the document's language writes it, in the
/// quotation marks of the message's language.
pub(crate) fn category_name(
    category: crate::lang::Category,
    lang: crate::lang::Lang,
    speak: crate::lang::Lang,
) -> String {
    crate::messages::quote(speak, category.heading(lang))
}

/// The name of an outcome's category, or what its outcomes are when the
/// text does not say.
pub(crate) fn category_name_of(
    category: Option<crate::lang::Category>,
    lang: crate::lang::Lang,
    speak: crate::lang::Lang,
) -> String {
    match category {
        Some(category) => category_name(category, lang, speak),
        None => Msg::TheOutcomes.get(speak).into(),
    }
}

/// Several categories' names: "«Kunnskap», «Ferdigheter» og «Generell
/// kompetanse»".
pub(crate) fn category_list(
    categories: &[crate::lang::Category],
    lang: crate::lang::Lang,
    speak: crate::lang::Lang,
) -> String {
    let names: Vec<String> = categories
        .iter()
        .map(|c| category_name(*c, lang, speak))
        .collect();
    crate::messages::list(speak, &names)
}

/// Where to point a finding about the document as a whole: its title, else
/// the heading of its text ("Læringsutbytte"), else its first heading, else
/// its first outcome, else its start.
pub(crate) fn document_anchor(doc: &crate::parse::Document) -> crate::source::Span {
    if let Some(title) = &doc.title {
        return title.span();
    }
    if let Some(intro) = doc.intro.first() {
        return intro.span();
    }
    if let Some(heading) = doc.sections.iter().find_map(|s| s.heading.as_ref()) {
        return heading.text.clone();
    }
    if let Some(outcome) = doc.outcomes().next() {
        return outcome.text.span();
    }
    doc.front_matter
        .clone()
        .map_or(0..0, |f| f.start..f.start + 3)
}

/// Where to point a finding about a category: its heading, else its
/// lead-in, else its first outcome; for a category the document lacks, the
/// document's anchor.
pub(crate) fn category_anchor(
    doc: &crate::parse::Document,
    category: crate::lang::Category,
) -> crate::source::Span {
    let Some(section) = doc.sections.iter().find(|s| s.covers(category)) else {
        return document_anchor(doc);
    };
    if let Some(heading) = &section.heading {
        return heading.text.clone();
    }
    if let Some(lead_in) = &section.lead_in {
        return lead_in.span();
    }
    section
        .outcomes
        .first()
        .map_or(section.span.clone(), |o| o.text.span())
}

/// From an outcome's first word to its last: where outcome findings point.
pub(crate) fn outcome_span(
    outcome: &crate::analyse::OutcomeAnalysis,
) -> Option<crate::source::Span> {
    Some(outcome.words.first()?.span.start..outcome.words.last()?.span.end)
}

/// Whether an outcome of the document matches one of `patterns`, which
/// match written forms ("etikk*").
pub(crate) fn any_outcome_matches(
    cx: &crate::rules::Context<'_>,
    patterns: &[crate::framework::Pattern],
) -> bool {
    cx.analysis
        .outcomes
        .iter()
        .any(|o| patterns.iter().any(|p| p.matches_anywhere(&o.words)))
}
