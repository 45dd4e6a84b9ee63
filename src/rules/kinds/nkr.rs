//! Rules that compare a document with the qualifications framework: an
//! outcome copied from an NKR descriptor, a theme the level expects that no
//! outcome addresses, a programme with no innovation outcome.

use crate::analyse::Data;
use crate::finding::Finding;
use crate::lang::Category;
use crate::rules::{Checker, Context, Rule, RuleFile};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SimilarityOptions {
    limits: SimilarityLimits,
}

/// The thresholds of `nkr-similarity`.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SimilarityLimits {
    /// Word-level similarity at which an outcome is a copy.
    min_similarity: f64,
    /// Or: this share of the outcome's words taken from one descriptor …
    min_containment: f64,
    /// … when the outcome has at least this many words to compare.
    min_words: u32,
}

impl super::KindOptions for SimilarityOptions {
    type Limits = SimilarityLimits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        super::check_share("min_similarity", self.limits.min_similarity)?;
        super::check_share("min_containment", self.limits.min_containment)?;
        Ok(Box::new(SimilarityChecker {
            limits: self.limits,
        }))
    }
}

/// An outcome that is an NKR descriptor, verbatim or nearly: close to one
/// word for word, and naming nothing of its own subject. Filling in the
/// subject ("avansert kunnskap om distribuerte databasesystemer") makes it
/// the writer's own.
struct SimilarityChecker {
    limits: SimilarityLimits,
}

impl Checker for SimilarityChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let descriptors = cx.data.descriptors(cx.doc.lang);
        for outcome in &cx.analysis.outcomes {
            let Some(nkr) = outcome.nkr.as_deref().copied() else {
                continue;
            };
            let close = nkr.similarity >= self.limits.min_similarity
                || (nkr.containment >= self.limits.min_containment
                    && nkr.words as f64 >= f64::from(self.limits.min_words));
            if !close {
                continue;
            }
            let Some(descriptor) = descriptors.get(nkr.descriptor) else {
                continue;
            };
            // Every word that could name a subject is the descriptor's own.
            let own_words = outcome.specific.iter().any(|&i| {
                !descriptor
                    .content
                    .iter()
                    .any(|d| *d == *outcome.words[i].norm)
            });
            if own_words {
                continue;
            }
            let Some(span) = super::outcome_span(outcome) else {
                continue;
            };
            let category = super::category_name(descriptor.category, cx.doc.lang, cx.speech.lang);
            out.push(rule.finding(
                cx.speech,
                span,
                &[
                    ("detail", &descriptor.text),
                    ("level", &descriptor.level.to_string()),
                    ("category", &category),
                ],
            ));
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ThemesOptions {}

impl super::KindOptions for ThemesOptions {
    type Limits = super::NoLimits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        Ok(Box::new(ThemesChecker))
    }
}

/// Each theme the framework's descriptors of the document's level expect,
/// addressed by at least one outcome of the document in its own words.
struct ThemesChecker;

impl Checker for ThemesChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(level) = cx.doc.meta.level.as_ref().map(|l| l.value.get()) else {
            return;
        };
        let lang = cx.doc.lang;
        let words = super::OutcomeWords::of(cx);
        for theme in cx.data.framework.themes.iter().filter(|t| t.level == level) {
            let Some(patterns) = theme.patterns(lang) else {
                continue;
            };
            let addressed = super::any_outcome_matches_in(cx, words, patterns);
            if addressed {
                continue;
            }
            // The theme's name in the message's language, where the
            // framework has it.
            let name = theme
                .name
                .get(&cx.speech.lang)
                .or_else(|| theme.name.get(&lang))
                .cloned()
                .unwrap_or_default();
            let category = super::category_name(theme.category, lang, cx.speech.lang);
            out.push(rule.finding(
                cx.speech,
                super::category_anchor(cx.doc, theme.category),
                &[
                    ("theme", &name),
                    ("category", &category),
                    ("level", &level.to_string()),
                ],
            ));
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct InnovationOptions {}

impl super::KindOptions for InnovationOptions {
    type Limits = super::NoLimits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        Ok(Box::new(InnovationChecker))
    }
}

/// At least one outcome about innovation, new thinking or entrepreneurship.
struct InnovationChecker;

impl Checker for InnovationChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // A programme with no outcomes at all lacks this one too: the
        // finding says what to write first.
        let Some(patterns) = cx.data.framework.innovation(cx.doc.lang) else {
            return;
        };
        if super::any_outcome_matches(cx, patterns) {
            return;
        }
        let category =
            super::category_name(Category::GeneralCompetence, cx.doc.lang, cx.speech.lang);
        out.push(rule.finding(
            cx.speech,
            super::category_anchor(cx.doc, Category::GeneralCompetence),
            &[("category", &category)],
        ));
    }
}
