//! Translations of one programme or course (documents that share a `code`
//! in different languages) that disagree: in kind, level or credits, or in
//! how many outcomes each category has. Checked across the whole run, from
//! a small summary of each document, so no document is held in memory.

use crate::finding::{Finding, Related};
use crate::lang::{Category, Lang};
use crate::messages::Msg;
use crate::parse::{Document, Kind};
use crate::rules::Speech;
use crate::rules::{Checker, Context, Rule};
use crate::source::{Position, SourceFile, Span};

/// What the catalogue rules need to know of one document.
#[derive(Debug, Clone)]
pub struct DocSummary {
    /// The name the document is reported under.
    pub name: String,
    pub code: Option<String>,
    pub lang: Lang,
    pub kind: Option<(Kind, Span)>,
    pub level: Option<(u8, Span)>,
    pub credits: Option<(f64, Span)>,
    /// Outcomes per category, in `Category::ALL` order.
    pub counts: [usize; 3],
    /// Where to point a finding about each category.
    pub anchors: [Span; 3],
    /// How findings about the document speak.
    pub speech: Speech,
    /// The line and column of each offset above that starts or ends a
    /// span, for the findings of other documents that point here.
    places: Vec<(usize, Position)>,
}

impl DocSummary {
    pub fn new(doc: &Document, source: &SourceFile, speech: Speech) -> DocSummary {
        let meta = &doc.meta;
        let count = |c: Category| {
            doc.sections
                .iter()
                .filter(|s| s.category == Some(c))
                .map(|s| s.outcomes.len())
                .sum()
        };
        let kind = meta.kind.as_ref().map(|f| (f.value, f.span.clone()));
        let level = meta.level.as_ref().map(|f| (f.value.get(), f.span.clone()));
        let credits = meta.credits.as_ref().map(|f| (f.value, f.span.clone()));
        let anchors = Category::ALL.map(|c| super::category_anchor(doc, c));
        let spans = (kind.iter().map(|k| &k.1))
            .chain(level.iter().map(|l| &l.1))
            .chain(credits.iter().map(|c| &c.1))
            .chain(&anchors);
        let places = spans
            .flat_map(|span| [span.start, span.end])
            .map(|offset| (offset, source.position(offset)))
            .collect();
        DocSummary {
            name: source.name.clone(),
            code: meta.code.as_ref().map(|c| c.value.trim().to_string()),
            lang: doc.lang,
            kind,
            level,
            credits,
            counts: Category::ALL.map(count),
            anchors,
            speech,
            places,
        }
    }

    /// `span`, one of the document's own, as a place a finding of another
    /// document points to.
    fn related(&self, span: &Span, label: &str) -> Related {
        let at = |offset: usize| {
            self.places
                .iter()
                .find(|(o, _)| *o == offset)
                .map_or(Position { line: 1, column: 1 }, |(_, p)| *p)
        };
        Related {
            file: self.name.clone(),
            span: span.clone(),
            start: at(span.start),
            end: at(span.end),
            label: label.to_string(),
        }
    }
}

/// The summaries of every document of a run, in the order they were
/// checked.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub docs: Vec<DocSummary>,
}

#[derive(Default)]
pub(super) struct TranslationChecker;

impl Checker for TranslationChecker {
    fn check(&self, _rule: &Rule, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}

    fn check_catalogue(&self, rule: &Rule, catalogue: &Catalogue, out: &mut Vec<(usize, Finding)>) {
        let docs = &catalogue.docs;
        // Documents by code, in the order they were checked.
        let mut groups: std::collections::BTreeMap<&str, Vec<usize>> =
            std::collections::BTreeMap::new();
        for (i, doc) in docs.iter().enumerate() {
            if let Some(code) = doc.code.as_deref() {
                groups.entry(code).or_default().push(i);
            }
        }
        for group in groups.into_values().filter(|g| g.len() > 1) {
            // The Norwegian text is the original; translations follow it.
            let Some(&reference) = group
                .iter()
                .find(|&&i| docs[i].lang.is_norwegian())
                .or_else(|| group.first())
            else {
                continue;
            };
            for &i in &group {
                if docs[i].lang == docs[reference].lang {
                    continue;
                }
                for finding in compare(rule, &docs[reference], &docs[i]) {
                    out.push((i, finding));
                }
            }
        }
    }
}

/// What `doc` says differently from `reference`.
fn compare(rule: &Rule, reference: &DocSummary, doc: &DocSummary) -> Vec<Finding> {
    let mut findings = Vec::new();
    let speak = doc.speech.lang;
    let there = reference.name.as_str();
    let label = Msg::RelatedOtherVersion.get(speak);
    let mut differ = |span: Span, theirs: &Span, detail: String| {
        let mut finding = rule.finding(doc.speech, span, &[("detail", &detail), ("other", there)]);
        finding.related = vec![reference.related(theirs, label)];
        findings.push(finding);
    };
    let field = |key: &str, ours: String, theirs: String| {
        Msg::FieldDiffers.say(
            speak,
            &[
                ("key", key),
                ("ours", &ours),
                ("theirs", &theirs),
                ("there", there),
            ],
        )
    };
    if let (Some((ours, span)), Some((theirs, their_span))) = (&doc.kind, &reference.kind)
        && ours != theirs
    {
        differ(
            span.clone(),
            their_span,
            field("kind", ours.key().into(), theirs.key().into()),
        );
    }
    if let (Some((ours, span)), Some((theirs, their_span))) = (&doc.level, &reference.level)
        && ours != theirs
    {
        differ(
            span.clone(),
            their_span,
            field("level", ours.to_string(), theirs.to_string()),
        );
    }
    if let (Some((ours, span)), Some((theirs, their_span))) = (&doc.credits, &reference.credits)
        && (ours - theirs).abs() > f64::EPSILON
    {
        differ(
            span.clone(),
            their_span,
            field("credits", ours.to_string(), theirs.to_string()),
        );
    }
    for (i, category) in Category::ALL.into_iter().enumerate() {
        let (ours, theirs) = (doc.counts[i], reference.counts[i]);
        if ours != theirs && ours + theirs > 0 {
            differ(
                doc.anchors[i].clone(),
                &reference.anchors[i],
                Msg::CountsDiffer.say(
                    speak,
                    &[
                        ("ours", &crate::messages::count(speak, ours, Msg::Outcomes)),
                        ("theirs", &theirs.to_string()),
                        ("category", &super::category_name(category, doc.lang, speak)),
                        (
                            "their-category",
                            &super::category_name(category, reference.lang, speak),
                        ),
                        ("there", there),
                    ],
                ),
            );
        }
    }
    findings
}
