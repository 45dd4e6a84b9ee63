//! Translations of one programme or course (documents that share a `code`
//! in different languages) that disagree: in kind, level or credits, or in
//! how many outcomes each category has. Checked across the whole run, from
//! a small summary of each document, so no document is held in memory.

use crate::analyse::Data;
use crate::finding::Finding;
use crate::lang::{Category, Lang};
use crate::messages::Msg;
use crate::parse::{Document, Kind};
use crate::rules::Speech;
use crate::rules::{Checker, Context, Rule, RuleFile};
use crate::source::{SourceFile, Span};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {}

impl super::KindOptions for Options {
    type Limits = super::NoLimits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        Ok(Box::new(TranslationChecker))
    }
}

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
        DocSummary {
            name: source.name.clone(),
            code: meta.code.as_ref().map(|c| c.value.trim().to_string()),
            lang: doc.lang,
            kind: meta.kind.as_ref().map(|f| (f.value, f.span.clone())),
            level: meta.level.as_ref().map(|f| (f.value, f.span.clone())),
            credits: meta.credits.as_ref().map(|f| (f.value, f.span.clone())),
            counts: Category::ALL.map(count),
            anchors: Category::ALL.map(|c| super::category_anchor(doc, c)),
            speech,
        }
    }
}

/// The summaries of every document of a run, in the order they were
/// checked.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub docs: Vec<DocSummary>,
}

struct TranslationChecker;

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
    let mut differ = |span: Span, detail: String| {
        findings.push(rule.finding(doc.speech, span, &[("detail", &detail), ("other", there)]));
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
    if let (Some((ours, span)), Some((theirs, _))) = (&doc.kind, &reference.kind)
        && ours != theirs
    {
        differ(
            span.clone(),
            field("kind", ours.key().into(), theirs.key().into()),
        );
    }
    if let (Some((ours, span)), Some((theirs, _))) = (&doc.level, &reference.level)
        && ours != theirs
    {
        differ(
            span.clone(),
            field("level", ours.to_string(), theirs.to_string()),
        );
    }
    if let (Some((ours, span)), Some((theirs, _))) = (&doc.credits, &reference.credits)
        && (ours - theirs).abs() > f64::EPSILON
    {
        differ(
            span.clone(),
            field("credits", ours.to_string(), theirs.to_string()),
        );
    }
    for (i, category) in Category::ALL.into_iter().enumerate() {
        let (ours, theirs) = (doc.counts[i], reference.counts[i]);
        if ours != theirs && ours + theirs > 0 {
            differ(
                doc.anchors[i].clone(),
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
