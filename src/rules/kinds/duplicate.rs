//! Two outcomes of one document that say nearly the same: most of their
//! words (function words and the learner aside) are shared.

use rustc_hash::FxHashMap as HashMap;

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
        // Each word a number of its own, in the order first met: two
        // outcomes are compared as sorted lists of numbers, not as tables
        // of words hashed again for every pair.
        // Room for an ordinary document's words, so that the table is not
        // grown again and again; a huge one grows it as it must.
        let words: usize = cx.analysis.outcomes.iter().map(|o| o.words.len()).sum();
        let mut ids: HashMap<&str, u32> =
            HashMap::with_capacity_and_hasher(words.min(4096), Default::default());
        // The outcomes long enough to compare, by their index, each with
        // its words. Only those keep a list: in a file of a million
        // one-word lines, a table for each was much of its memory.
        let sets: Vec<(usize, Vec<u32>)> = cx
            .analysis
            .outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let mut set: Vec<u32> = o
                    .words
                    .iter()
                    .filter(|w| !w.is(class::STOP | class::LEAD))
                    .map(|w| {
                        let next = ids.len() as u32;
                        *ids.entry(&*w.norm).or_insert(next)
                    })
                    .collect();
                set.sort_unstable();
                set.dedup();
                (set.len() >= min_words).then_some((i, set))
            })
            .collect();
        // Comparing every pair is quadratic; past `max_pairwise` outcomes
        // (no real document, but a generated one) only exact repeats are
        // found, by hashing.
        let pairwise = cx.analysis.outcomes.len() <= self.limits.max_pairwise as usize;
        let min_similarity = self.limits.min_similarity;
        let mut exact: HashMap<&[u32], usize> = HashMap::default();
        for (p, (i, set)) in sets.iter().enumerate() {
            let i = *i;
            let earlier = if pairwise {
                sets[..p]
                    .iter()
                    .find(|(_, other)| shares_at_least(other, set, min_similarity))
                    .map(|(j, _)| *j)
            } else {
                match exact.get(set.as_slice()) {
                    Some(&j) => Some(j),
                    None => {
                        exact.insert(set, i);
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

/// Whether the share of words two sorted lists have in common (Jaccard)
/// is at least `min`. Lists whose lengths alone keep it below are not
/// walked: the share is at most the shorter's length over the longer's.
fn shares_at_least(a: &[u32], b: &[u32], min: f64) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if (short.len() as f64) / (long.len() as f64) < min {
        return false;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    let share = if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    };
    share >= min
}
