//! LIX, the Scandinavian readability index, over a document's outcomes:
//! words per sentence plus the percentage of words longer than six letters.
//! Each outcome counts as a sentence.

use crate::analyse::Data;
use crate::finding::Finding;
use crate::messages::Msg;
use crate::rules::{Checker, Context, Rule, RuleFile};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    limits: Limits,
}

/// The thresholds of `lix`.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Limits {
    /// A document whose rounded LIX is above this is flagged.
    max_lix: u32,
    /// Documents with fewer words are too short to measure.
    min_words: u32,
}

impl super::KindOptions for Options {
    type Limits = Limits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        Ok(Box::new(LixChecker {
            limits: self.limits,
        }))
    }
}

struct LixChecker {
    limits: Limits,
}

/// LIX of a text of `words` words in `sentences` sentences, `long` of them
/// longer than six letters.
pub(crate) fn lix(words: usize, sentences: usize, long: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 0.0;
    }
    words as f64 / sentences as f64 + 100.0 * long as f64 / words as f64
}

impl Checker for LixChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut words = 0;
        let mut long = 0;
        let mut sentences = 0;
        for outcome in &cx.analysis.outcomes {
            sentences += outcome
                .words
                .iter()
                .filter(|w| w.sentence_start)
                .count()
                .max(1);
            for word in &outcome.words {
                let text = cx.source.slice(&word.span);
                let letters = if text.is_ascii() {
                    text.bytes().filter(u8::is_ascii_alphabetic).count()
                } else {
                    text.chars().filter(|c| c.is_alphabetic()).count()
                };
                if letters == 0 {
                    continue;
                }
                words += 1;
                if letters > 6 {
                    long += 1;
                }
            }
        }
        if words < self.limits.min_words as usize {
            return;
        }
        let index = lix(words, sentences, long);
        // Compared as shown, so "65 is above 65" cannot happen.
        if index.round() > f64::from(self.limits.max_lix) {
            let count = format!("{index:.0}");
            let limit = self.limits.max_lix.to_string();
            let share = Msg::LongWords.say(
                cx.speech.lang,
                &[(
                    "share",
                    &format!("{:.0}", 100.0 * long as f64 / words as f64),
                )],
            );
            let anchor = cx
                .doc
                .categories()
                .find_map(|s| s.heading.as_ref().map(|h| h.text.clone()))
                .unwrap_or_else(|| super::document_anchor(cx.doc));
            out.push(rule.finding(
                cx.speech,
                anchor,
                &[("count", &count), ("limit", &limit), ("detail", &share)],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lix_is_words_per_sentence_plus_share_of_long_words() {
        assert_eq!(super::lix(20, 2, 5), 10.0 + 25.0);
        assert_eq!(super::lix(0, 0, 0), 0.0);
    }
}
