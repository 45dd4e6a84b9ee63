//! The shape of outcomes and of the whole list: several outcomes packed
//! into one, an outcome too long to read at a glance, far fewer or more
//! outcomes than guidance for the kind of document.

use rustc_hash::FxHashSet as HashSet;

use crate::analyse::{Data, class};
use crate::finding::Finding;
use crate::lang::Category;
use crate::messages::Msg;
use crate::parse::{Kind, Marker};
use crate::rules::{Checker, Context, Rule, RuleFile};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CompoundOptions {
    limits: CompoundLimits,
}

/// The thresholds of `compound`.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CompoundLimits {
    /// More distinct verbs than this is a compound outcome.
    max_verbs: u32,
    /// More predicates joined on after an object than this is one.
    max_predicates: u32,
    /// A join with a bare "og"/"and" counts in an outcome of at least this
    /// many words.
    min_words_for_joined: u32,
}

impl super::KindOptions for CompoundOptions {
    type Limits = CompoundLimits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        Ok(Box::new(CompoundChecker {
            limits: self.limits,
        }))
    }
}

/// An outcome with more than `max_verbs` distinct verbs in verb position
/// (its opening, or right after "og"/"and" or a comma), or a list item of
/// more than one sentence.
struct CompoundChecker {
    limits: CompoundLimits,
}

impl Checker for CompoundChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let lexicon = cx.data.lexicon(cx.doc.lang);
        let min_words_for_joined = f64::from(self.limits.min_words_for_joined);
        let speak = cx.speech.lang;
        for outcome in &cx.analysis.outcomes {
            let (verbs, predicates) =
                count_verbs(outcome, cx.source, lexicon, min_words_for_joined);
            let is_sentence = cx
                .doc
                .sections
                .get(outcome.section)
                .and_then(|s| s.outcomes.get(outcome.index))
                .is_some_and(|o| o.marker == Marker::Sentence);
            let Some(span) = super::outcome_span(outcome) else {
                continue;
            };
            let sentences = ends_sentences(cx, outcome);
            if verbs > self.limits.max_verbs as usize {
                let detail = crate::messages::count(speak, verbs, Msg::Verbs);
                out.push(rule.finding(
                    cx.speech,
                    span,
                    &[("detail", &detail), ("count", &verbs.to_string())],
                ));
            } else if predicates > self.limits.max_predicates as usize {
                let detail = Msg::Predicates.say(speak, &[("count", &predicates.to_string())]);
                out.push(rule.finding(
                    cx.speech,
                    span,
                    &[("detail", &detail), ("count", &predicates.to_string())],
                ));
            } else if !is_sentence && sentences > 1 {
                let detail = crate::messages::count(speak, sentences, Msg::Sentences);
                out.push(rule.finding(
                    cx.speech,
                    span,
                    &[("detail", &detail), ("count", &sentences.to_string())],
                ));
            }
        }
    }
}

/// The distinct verbs where an outcome says what the candidate does, and
/// its predicates: a verb joined on with "og"/"and" after the first verb's
/// object ("kan bruke X og vurdere Y", ", og kan framstille …") starts
/// another outcome. A short outcome joined with a bare "og" ("analyse data
/// and present it") is one; so are verbs joined inside an infinitive clause
/// ("the elements required to design and operate a mine").
fn count_verbs(
    outcome: &crate::analyse::OutcomeAnalysis,
    source: &crate::source::SourceFile,
    lexicon: &crate::analyse::Lexicon,
    min_words_for_joined: f64,
) -> (usize, usize) {
    let words = &outcome.words;
    let long = words.len() as f64 >= min_words_for_joined;
    let mut verbs = HashSet::default();
    let mut predicates = 1;
    let mut past_head = false;
    let mut in_infinitive = false;
    for (i, word) in words.iter().enumerate() {
        if past_head && matches!(&*word.lower, "to" | "å") {
            in_infinitive = true;
        }
        let join = join_before(words, i);
        let verb = word.is(class::VERB) && (outcome.in_verb_position(i, source) || join.is_some());
        if !verb {
            if !outcome.at_head(i) && !word.is(class::STOP | class::CONJUNCTION | class::LEAD) {
                past_head = true;
            }
            continue;
        }
        verbs.insert(&*word.norm);
        let Some(join) = join else { continue };
        // "X, og Y": a comma before the join; a comma alone more often
        // lists nouns ("precision, recall and …").
        let after_comma = join > 0
            && source
                .text
                .get(words[join - 1].span.end..words[join].span.start)
                .is_some_and(|gap| gap.contains(','));
        // A comma, or a modal after the join, ends an infinitive clause.
        if after_comma || join + 1 < i {
            in_infinitive = false;
        }
        // Written as a verb, not a noun of the same stem ("documentation",
        // "planning").
        let after_modal = i > 0
            && matches!(
                &*words[i - 1].lower,
                "kan" | "skal" | "å" | "can" | "to" | "will" | "should"
            );
        let written_as_verb = after_modal
            || lexicon.is_infinitive(&word.lower)
            || lexicon.is_verb_form(&word.lower) && !word.lower.ends_with("ing");
        if past_head
            && !outcome.at_head(i)
            && written_as_verb
            && (after_comma || long)
            && !in_infinitive
        {
            predicates += 1;
            past_head = false;
        }
    }
    (verbs.len(), predicates)
}

/// The "og"/"and" that joins word `at` on: right before it, or before a
/// modal right before it (", og kan framstille").
fn join_before(words: &[crate::analyse::Word], at: usize) -> Option<usize> {
    let conjunction = |i: usize| words.get(i).is_some_and(|w| w.is(class::CONJUNCTION));
    if at >= 1 && conjunction(at - 1) {
        return Some(at - 1);
    }
    let modal = at >= 1 && matches!(&*words[at - 1].lower, "kan" | "can" | "skal" | "will");
    (modal && at >= 2 && conjunction(at - 2)).then(|| at - 2)
}

/// Full stops, question and exclamation marks that end a sentence inside
/// the outcome, counting its end.
fn ends_sentences(cx: &Context<'_>, outcome: &crate::analyse::OutcomeAnalysis) -> usize {
    let mut count = 1;
    for pair in outcome.words.windows(2) {
        let gap = cx
            .source
            .text
            .get(pair[0].span.end..pair[1].span.start)
            .unwrap_or("");
        if pair[1].sentence_start && gap.contains(['.', '!', '?']) {
            count += 1;
        }
    }
    count
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LengthOptions {
    limits: LengthLimits,
}

/// The threshold of `length`.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LengthLimits {
    /// An outcome of more words than this is too long.
    max_words: u32,
}

impl super::KindOptions for LengthOptions {
    type Limits = LengthLimits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        Ok(Box::new(LengthChecker {
            limits: self.limits,
        }))
    }
}

/// An outcome of more than `max_words` words.
struct LengthChecker {
    limits: LengthLimits,
}

impl Checker for LengthChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for outcome in &cx.analysis.outcomes {
            let count = outcome.words.len();
            if count > self.limits.max_words as usize
                && let Some(span) = super::outcome_span(outcome)
            {
                let limit = self.limits.max_words.to_string();
                out.push(rule.finding(
                    cx.speech,
                    span,
                    &[("count", &count.to_string()), ("limit", &limit)],
                ));
            }
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CountOptions {
    limits: CountLimits,
}

/// The guidance of `count`: how many outcomes a course and a programme have.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CountLimits {
    course_min: u32,
    course_max: u32,
    programme_min: u32,
    programme_max: u32,
    /// A programme's category with outcomes, but fewer than this.
    programme_min_per_category: u32,
}

impl super::KindOptions for CountOptions {
    type Limits = CountLimits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        Ok(Box::new(CountChecker {
            limits: self.limits,
        }))
    }
}

/// The number of outcomes against common guidance: a course roughly 3–8,
/// a programme roughly 8–20 with at least two per category.
struct CountChecker {
    limits: CountLimits,
}

impl Checker for CountChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(kind) = cx.doc.meta.kind.as_ref().map(|k| k.value) else {
            return;
        };
        let total = cx.analysis.outcomes.len();
        if total == 0 {
            return;
        }
        let speak = cx.speech.lang;
        let (min, max, guidance) = match kind {
            Kind::Course => (
                self.limits.course_min as usize,
                self.limits.course_max as usize,
                Msg::GuidanceCourse,
            ),
            Kind::Programme => (
                self.limits.programme_min as usize,
                self.limits.programme_max as usize,
                Msg::GuidanceProgramme,
            ),
        };
        if total < min || total > max {
            let limit = guidance.say(
                speak,
                &[("min", &min.to_string()), ("max", &max.to_string())],
            );
            let detail = if total < min { "few" } else { "many" };
            out.push(rule.finding(
                cx.speech,
                super::document_anchor(cx.doc),
                &[
                    (
                        "count",
                        &crate::messages::count(speak, total, Msg::Outcomes),
                    ),
                    ("limit", &limit),
                    ("detail", detail),
                ],
            ));
        }
        if kind == Kind::Programme {
            let per_category = self.limits.programme_min_per_category as usize;
            for category in Category::ALL {
                let n = cx
                    .analysis
                    .outcomes
                    .iter()
                    .filter(|o| o.category == Some(category))
                    .count();
                if n > 0 && n < per_category {
                    let limit = Msg::GuidancePerCategory.say(
                        speak,
                        &[
                            ("min", &per_category.to_string()),
                            (
                                "category",
                                &super::category_name(category, cx.doc.lang, speak),
                            ),
                        ],
                    );
                    out.push(rule.finding(
                        cx.speech,
                        super::category_anchor(cx.doc, category),
                        &[
                            ("count", &crate::messages::count(speak, n, Msg::Outcomes)),
                            ("limit", &limit),
                            ("detail", "few"),
                        ],
                    ));
                }
            }
        }
    }
}
