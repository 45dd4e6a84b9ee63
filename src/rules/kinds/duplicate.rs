//! Two outcomes of one document that say nearly the same: most of their
//! words (function words and the learner aside) are shared.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analyse::{Data, class};
use crate::finding::{Finding, Related};
use crate::messages::{Msg, quote};
use crate::rules::{Checker, Context, Rule, RuleFile};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    limits: Limits,
}

/// The thresholds of `similarity`.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Limits {
    /// Share of the two outcomes' words that are the same (Jaccard) at
    /// which they say nearly the same.
    min_similarity: f64,
    /// Outcomes with fewer words are not compared.
    min_words: u32,
    /// Beyond this many outcomes only exact repeats are found.
    max_pairwise: u32,
}

impl super::KindOptions for Options {
    type Limits = Limits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        super::check_share("min_similarity", self.limits.min_similarity)?;
        Ok(Box::new(DuplicateChecker {
            limits: self.limits,
        }))
    }
}

struct DuplicateChecker {
    limits: Limits,
}

impl Checker for DuplicateChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let min_words = self.limits.min_words as usize;
        // The outcomes long enough to compare, by their index, each with
        // its words. Only those keep a table: in a file of a million
        // one-word lines, a table for each was much of its memory.
        let sets: Vec<(usize, HashSet<&str>)> = cx
            .analysis
            .outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let set: HashSet<&str> = o
                    .words
                    .iter()
                    .filter(|w| !w.is(class::STOP | class::LEAD))
                    .map(|w| &*w.norm)
                    .collect();
                (set.len() >= min_words).then_some((i, set))
            })
            .collect();
        // Comparing every pair is quadratic; past `max_pairwise` outcomes
        // (no real document, but a generated one) only exact repeats are
        // found, by hashing.
        let pairwise = cx.analysis.outcomes.len() <= self.limits.max_pairwise as usize;
        let mut exact: HashMap<Vec<&str>, usize> = HashMap::default();
        for (p, (i, set)) in sets.iter().enumerate() {
            let i = *i;
            let earlier = if pairwise {
                sets[..p]
                    .iter()
                    .find(|(_, other)| jaccard(other, set) >= self.limits.min_similarity)
                    .map(|(j, _)| *j)
            } else {
                let mut key: Vec<&str> = set.iter().copied().collect();
                key.sort_unstable();
                match exact.get(&key) {
                    Some(&j) => Some(j),
                    None => {
                        exact.insert(key, i);
                        None
                    }
                }
            };
            let Some(j) = earlier else { continue };
            let (Some(span), Some(other)) = (
                super::outcome_span(&cx.analysis.outcomes[i]),
                super::outcome_span(&cx.analysis.outcomes[j]),
            ) else {
                continue;
            };
            let other_span = other.clone();
            let line = cx.source.position(other.start).line;
            let other_text = cx.source.slice(&other).to_string();
            let speak = cx.speech.lang;
            let other = format!(
                "{}: {}",
                Msg::Line.say(speak, &[("line", &line.to_string())]),
                quote(speak, &other_text)
            );
            let mut finding = rule.finding(cx.speech, span, &[("other", &other)]);
            let label = Msg::RelatedRepeated.get(speak);
            finding.related = vec![Related::at(cx.source, other_span, label)];
            out.push(finding);
        }
    }
}

fn jaccard(a: &HashSet<&str>, b: &HashSet<&str>) -> f64 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}
