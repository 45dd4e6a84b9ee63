//! Outcomes that are still placeholders: a marker such as "TODO" where the
//! outcome should be (as `lub new` writes them), or an outcome of no words
//! at all ("- …").

use std::collections::BTreeMap;

use crate::analyse::Data;
use crate::finding::Finding;
use crate::messages::{Msg, quote};
use crate::rules::{Checker, Context, Rule, RuleFile};

/// The options of a `placeholder` rule: its markers.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// The markers, per language: one word each.
    phrases: BTreeMap<crate::lang::Lang, Vec<crate::rules::PhraseEntry>>,
}

impl super::KindOptions for Options {
    type Limits = super::NoLimits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        build(&self)
    }
}

fn build(options: &Options) -> Result<Box<dyn Checker>, crate::messages::Text> {
    if options.phrases.is_empty() {
        return Err(Msg::KindNeeds.text(|_| {
            vec![
                ("kind", "placeholder".to_string()),
                ("field", "phrases".to_string()),
            ]
        }));
    }
    let mut markers = rustc_hash::FxHashSet::default();
    for entries in options.phrases.values() {
        for entry in entries {
            if entry.phrase.split_whitespace().count() != 1 {
                return Err(Msg::PlaceholderOneWord
                    .text(|lang| vec![("phrase", quote(lang, &entry.phrase))]));
            }
            markers.insert(entry.phrase.to_lowercase());
        }
    }
    Ok(Box::new(PlaceholderChecker { markers }))
}

struct PlaceholderChecker {
    /// Lower-case words, matched as written (a name or capitals do not hide
    /// them, as they would a phrase). A set: every word of every outcome is
    /// looked up.
    markers: rustc_hash::FxHashSet<String>,
}

impl Checker for PlaceholderChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for analysed in &cx.analysis.outcomes {
            let Some(outcome) = cx
                .doc
                .sections
                .get(analysed.section)
                .and_then(|s| s.outcomes.get(analysed.index))
            else {
                continue;
            };
            if analysed.words.is_empty() {
                let span = outcome.text.span();
                let matched = cx.source.slice(&span).to_string();
                out.push(rule.finding(cx.speech, span, &[("match", &matched)]));
                continue;
            }
            for word in &analysed.words {
                if self.markers.contains(&*word.lower) {
                    let written = cx.source.slice(&word.span);
                    out.push(rule.finding(cx.speech, word.span.clone(), &[("match", written)]));
                }
            }
        }
    }
}
