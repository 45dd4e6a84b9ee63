//! Wording of another NKR level: "forskningsfronten" below level 8,
//! "avansert kunnskap" below level 7, "grunnleggende" at 7 and 8. The
//! phrases come from the framework file, so a revised framework brings its
//! own.

use crate::analyse::Data;
use crate::finding::Finding;
use crate::lang::Lang;
use crate::rules::{Checker, Context, Rule, RuleFile};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {}

impl super::KindOptions for Options {
    type Limits = super::NoLimits;
    fn build(
        self,
        _rule: &RuleFile,
        data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        let mut entries = Vec::new();
        for (wording, level_wording) in data.framework.level_wording.iter().enumerate() {
            for (lang, phrases) in &level_wording.phrases {
                entries.extend(phrases.iter().map(|p| Entry {
                    wording,
                    lang: *lang,
                    phrase: p.clone(),
                    exception: false,
                }));
            }
            for (lang, phrases) in &level_wording.except {
                entries.extend(phrases.iter().map(|p| Entry {
                    wording,
                    lang: *lang,
                    phrase: p.clone(),
                    exception: true,
                }));
            }
        }
        Ok(Box::new(LevelChecker { entries }))
    }
}

struct Entry {
    wording: usize,
    lang: Lang,
    phrase: String,
    exception: bool,
}

struct LevelChecker {
    entries: Vec<Entry>,
}

impl Checker for LevelChecker {
    fn phrases(&self, _data: &Data) -> Vec<(Lang, String, usize)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.lang, e.phrase.clone(), i))
            .collect()
    }

    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(level) = cx.doc.meta.level.as_ref().map(|l| l.value.get()) else {
            return;
        };
        let wordings = &cx.data.framework.level_wording;
        for outcome in &cx.analysis.outcomes {
            let mine: Vec<_> = outcome
                .matches
                .iter()
                .filter(|m| m.id.owner == rule.index)
                .collect();
            let exceptions: Vec<_> = mine
                .iter()
                .filter(|m| self.entries.get(m.id.entry).is_some_and(|e| e.exception))
                .collect();
            for m in super::phrase::own_matches(outcome, rule.index, |m| {
                self.entries.get(m.id.entry).is_some_and(|e| !e.exception)
                    && !exceptions
                        .iter()
                        .any(|x| x.start <= m.start && m.end <= x.end)
            }) {
                let Some(entry) = self.entries.get(m.id.entry) else {
                    continue;
                };
                let Some(wording) = wordings.get(entry.wording) else {
                    continue;
                };
                if !wording.out_of_place_at.contains(&level) {
                    continue;
                }
                let span = outcome.words[m.start].span.start..outcome.words[m.end - 1].span.end;
                let matched = cx.source.slice(&span).to_string();
                let belongs = wording
                    .belongs_to
                    .get(&cx.speech.lang)
                    .or_else(|| wording.belongs_to.get(&cx.doc.lang))
                    .cloned()
                    .unwrap_or_default();
                out.push(rule.finding(
                    cx.speech,
                    span,
                    &[
                        ("match", &matched),
                        ("detail", &belongs),
                        ("level", &level.to_string()),
                    ],
                ));
            }
        }
    }
}
