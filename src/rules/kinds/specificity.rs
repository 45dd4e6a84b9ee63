//! Outcomes that name nothing of their subject: only framework words,
//! verbs and function words ("kan anvende faglig kunnskap på relevante
//! problemstillinger"). At outcome scope each such outcome is flagged; at
//! document scope, a document none of whose outcomes names its subject.

use crate::analyse::Data;
use crate::finding::Finding;
use crate::rules::{Checker, Context, Rule, RuleFile, Scope};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {}

impl super::KindOptions for Options {
    type Limits = super::NoLimits;
    fn build(
        self,
        rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        match rule.scope {
            Scope::Outcome | Scope::Document => {
                Ok(Box::new(SpecificityChecker { scope: rule.scope }))
            }
            other => Err(crate::messages::Msg::SpecificityScope
                .text(|_| vec![("scope", other.as_str().to_string())])),
        }
    }
}

struct SpecificityChecker {
    scope: Scope,
}

impl Checker for SpecificityChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let generic =
            |o: &&crate::analyse::OutcomeAnalysis| !o.words.is_empty() && o.specific.is_empty();
        if self.scope == Scope::Document {
            let outcomes = &cx.analysis.outcomes;
            if !outcomes.is_empty() && outcomes.iter().all(|o| generic(&o)) {
                let count = outcomes.len().to_string();
                out.push(rule.finding(
                    cx.speech,
                    super::document_anchor(cx.doc),
                    &[("count", &count)],
                ));
            }
            return;
        }
        for outcome in cx.analysis.outcomes.iter().filter(generic) {
            let Some(span) = super::outcome_span(outcome) else {
                continue;
            };
            let matched = cx.source.slice(&span).to_string();
            let category = super::category_name_of(outcome.category, cx.doc.lang, cx.speech.lang);
            out.push(rule.finding(
                cx.speech,
                span,
                &[("match", &matched), ("category", &category)],
            ));
        }
    }
}
