//! Phrases that should not be in an outcome, matched on word forms: a verb
//! nobody can assess, course content where an outcome belongs. Each match
//! says what to write instead: the phrase's own suggestions, else the
//! rule's suggestions for the outcome's category.

use std::collections::BTreeMap;

use crate::analyse::{Data, OutcomeAnalysis, PhraseMatch};
use crate::finding::{Finding, Fix, Severity};
use crate::lang::{Category, Lang};
use crate::messages::{Msg, quote};
use crate::rules::{Checker, Context, PhraseEntry, Position, Rule, RuleFile};

/// The options of a `phrase` rule: the rule is its data.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// The phrases to find, per language.
    phrases: BTreeMap<Lang, Vec<PhraseEntry>>,
    /// Where in an outcome a phrase counts (default: anywhere).
    position: Option<Position>,
    /// Also report a list item that is a topic, with no verb, under no
    /// lead-in that has one ("Resource management.").
    #[serde(default)]
    topic_lists: bool,
    /// Replacements to suggest, per language and category, for
    /// `{suggestions}`.
    #[serde(default)]
    suggestions: Suggestions,
}

/// Replacements per language and category.
pub(crate) type Suggestions = BTreeMap<Lang, BTreeMap<Category, Vec<String>>>;

impl super::KindOptions for Options {
    type Limits = super::NoLimits;
    fn build(
        self,
        rule: &RuleFile,
        data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        build(rule, self, data)
    }
}

fn build(
    rule: &RuleFile,
    options: Options,
    _data: &Data,
) -> Result<Box<dyn Checker>, crate::messages::Text> {
    if options.phrases.is_empty() {
        return Err(Msg::KindNeeds.text(|_| {
            vec![
                ("kind", "phrase".to_string()),
                ("field", "phrases".to_string()),
            ]
        }));
    }
    let mut entries = Vec::new();
    for (lang, list) in &options.phrases {
        if !rule.languages.contains(lang) {
            return Err(Msg::PhraseLangUnlisted.text(|_| vec![("lang", lang.to_string())]));
        }
        for entry in list {
            // The words a phrase may take, alternatives and optional ones
            // alike, read as `expand` reads them, without writing out every
            // combination.
            let mut choices = entry.phrase.split_whitespace().flat_map(|word| {
                let inner = word
                    .strip_prefix('(')
                    .and_then(|w| w.strip_suffix(')'))
                    .unwrap_or(word);
                inner.split('|').filter(|c| !c.is_empty())
            });
            let Some(first) = choices.next() else {
                return Err(Msg::PhraseEmpty.text(|_| Vec::new()));
            };
            // Words are letters and digits; a word of only punctuation or
            // invisible characters is in no text lub reads, so the phrase
            // would never match.
            let wordless = std::iter::once(first).chain(choices).find(|word| {
                !crate::analyse::clean::clean(word)
                    .text
                    .chars()
                    .any(char::is_alphanumeric)
            });
            if let Some(word) = wordless {
                return Err(Msg::PhraseWordless.text(|lang| {
                    vec![
                        (
                            "phrase",
                            quote(lang, &crate::escape::visible(&entry.phrase)),
                        ),
                        (
                            "word",
                            quote(lang, &crate::escape::visible(&word.to_lowercase())),
                        ),
                    ]
                }));
            }
            if entry.safe && entry.replace.is_none() {
                return Err(Msg::PhraseSafeNoReplace
                    .text(|lang| vec![("phrase", quote(lang, &entry.phrase))]));
            }
            entries.push((*lang, entry.clone()));
        }
    }
    Ok(Box::new(PhraseChecker {
        entries,
        position: options.position.unwrap_or(Position::Anywhere),
        topic_lists: options.topic_lists,
        suggestions: options.suggestions,
    }))
}

struct PhraseChecker {
    /// Every phrase of every language; a phrase's number is its position.
    entries: Vec<(Lang, PhraseEntry)>,
    position: Position,
    topic_lists: bool,
    suggestions: Suggestions,
}

impl Checker for PhraseChecker {
    fn phrases(&self, _data: &Data) -> Vec<(Lang, String, usize)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, (lang, entry))| (*lang, entry.phrase.clone(), i))
            .collect()
    }

    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let before = out.len();
        for outcome in cx.analysis.outcomes.iter().chain(&cx.analysis.lead_ins) {
            let matches = own_matches(outcome, rule.index, |m| {
                match self
                    .entries
                    .get(m.id.entry)
                    .and_then(|(_, e)| e.position)
                    .unwrap_or(self.position)
                {
                    Position::Anywhere => true,
                    Position::Head => outcome.at_head(m.start),
                    Position::Start => outcome.words.get(m.start).is_some_and(|w| w.sentence_start),
                }
            });
            for m in matches {
                let Some((_, entry)) = self.entries.get(m.id.entry) else {
                    continue;
                };
                // A phrase that is fine where a shorter one is not ("knows
                // how to" against "know").
                if entry.allow {
                    continue;
                }
                let span = outcome.words[m.start].span.start..outcome.words[m.end - 1].span.end;
                let suggestions = if entry.suggest.is_empty() {
                    self.suggestions
                        .get(&cx.doc.lang)
                        .and_then(|by_category| {
                            // An outcome of no known category gets the
                            // verbs of skills, the broadest list.
                            by_category.get(&outcome.category.unwrap_or(Category::Skills))
                        })
                        .cloned()
                        .unwrap_or_default()
                } else {
                    entry.suggest.clone()
                };
                let suggestions = suggestions
                    .iter()
                    .map(|s| quote(cx.speech.lang, s))
                    .collect::<Vec<_>>()
                    .join(", ");
                let matched = cx.source.slice(&span).to_string();
                let category =
                    super::category_name_of(outcome.category, cx.doc.lang, cx.speech.lang);
                let mut finding = rule.finding(
                    cx.speech,
                    span,
                    &[
                        ("match", &matched),
                        ("suggestions", &suggestions),
                        ("category", &category),
                    ],
                );
                if let Some(weaker) = entry.severity {
                    finding.severity = finding.severity.min(weaker);
                }
                if entry.framework && framework_wording(cx, outcome, &m) {
                    finding.severity = finding.severity.min(Severity::Info);
                }
                if let Some(replacement) = &entry.replace {
                    finding.fix = Some(Fix::replace(
                        finding.span.clone(),
                        replacement.clone(),
                        entry.safe,
                    ));
                }
                out.push(finding);
            }
        }
        if self.topic_lists {
            // An item a phrase was found in is reported once.
            let found: Vec<crate::source::Span> =
                out[before..].iter().map(|f| f.span.clone()).collect();
            topics(rule, cx, &found, out);
        }
    }
}

/// The rule's matches in an outcome that `keep` accepts, longest first
/// where they overlap, in order of position.
/// List items that name a topic and nothing the candidate does: no verb in
/// the item, and none in its lead-in ("Studenten har kunnskap om:" gives
/// its noun phrases a verb). An item that opens with a framework noun
/// ("Knowledge of …", "Kunnskap om …") says what the candidate has, and is
/// left to the rules about wording.
fn topics(rule: &Rule, cx: &Context<'_>, found: &[crate::source::Span], out: &mut Vec<Finding>) {
    use crate::analyse::class;
    use crate::parse::Marker;
    let lexicon = cx.data.lexicon(cx.doc.lang);
    let has_verb = |words: &[crate::analyse::Word]| {
        words
            .iter()
            .any(|w| w.is(class::VERB) || lexicon.is_infinitive(&w.lower))
            || words.iter().any(|w| {
                matches!(
                    &*w.lower,
                    "har"
                        | "er"
                        | "kan"
                        | "skal"
                        | "vil"
                        | "innehar"
                        | "være"
                        | "vere"
                        | "ha"
                        | "bli"
                        | "verte"
                        | "possess"
                        | "possesses"
                        | "has"
                        | "have"
                        | "is"
                        | "are"
                        | "can"
                        | "will"
                        | "be"
                )
            })
    };
    for outcome in &cx.analysis.outcomes {
        let Some(section) = cx.doc.sections.get(outcome.section) else {
            continue;
        };
        let marked = section
            .outcomes
            .get(outcome.index)
            .is_some_and(|o| o.marker != Marker::Sentence);
        // A lead-in that says more than who ("kunnskapar om", "ferdigheiter
        // i å", "Studenten har kunnskap om:") makes its items outcomes.
        let lead_in_says_more = cx.analysis.lead_ins.iter().any(|l| {
            l.section == outcome.section
                && (has_verb(&l.words)
                    || l.words.iter().any(|w| !w.is(class::LEARNER | class::STOP)))
        });
        let Some(first) = outcome.words.first() else {
            continue;
        };
        // "An understanding of …", "The ability to …": what the candidate
        // has, in a noun phrase, which the rules about wording judge.
        let competence_phrase = outcome
            .words
            .iter()
            .take(4)
            .any(|w| is_competence_noun(&w.lower));
        if !marked
            || lead_in_says_more
            || competence_phrase
            || has_verb(&outcome.words)
            || !looks_like_a_topic(cx, first)
        {
            continue;
        }
        let Some(span) = super::outcome_span(outcome) else {
            continue;
        };
        if found
            .iter()
            .any(|f| f.start < span.end && span.start < f.end)
        {
            continue;
        }
        let matched = cx.source.slice(&span).to_string();
        out.push(rule.finding(
            cx.speech,
            span,
            &[("match", &matched), ("suggestions", ""), ("category", "")],
        ));
    }
}

fn is_competence_noun(lower: &str) -> bool {
    matches!(
        lower,
        "understanding"
            | "knowledge"
            | "ability"
            | "abilities"
            | "awareness"
            | "appreciation"
            | "familiarity"
            | "skill"
            | "skills"
            | "competence"
            | "competences"
            | "insight"
            | "kunnskap"
            | "kunnskaper"
            | "kunnskapar"
            | "forståelse"
            | "forståing"
            | "innsikt"
            | "evne"
            | "ferdigheter"
            | "ferdigheiter"
            | "kompetanse"
            | "kjennskap"
    )
}

/// A list of verbs can never show that a text has none, so a topic is
/// recognised by its own shape instead: a label and a colon
/// ("Databasesystemer: generelle egenskaper"), or a first word with the
/// ending of a noun ("Ressursforvaltning", "Transaksjoner", "Sediment
/// transport"), not a verb of the lexicon.
fn looks_like_a_topic(cx: &Context<'_>, first: &crate::analyse::Word) -> bool {
    use crate::analyse::class;
    let labelled = cx
        .source
        .text
        .get(first.span.end..)
        .is_some_and(|rest| rest.starts_with(':'));
    if labelled {
        return true;
    }
    let lower = &*first.lower;
    let lexicon = cx.data.lexicon(cx.doc.lang);
    if first.is(class::VERB) || lexicon.is_infinitive(lower) {
        return false;
    }
    let endings: &[&str] = match cx.doc.lang {
        Lang::En => &[
            "tion", "tions", "sion", "sions", "ment", "ments", "ity", "ities", "ics", "ism", "ogy",
            "ness", "ship",
        ],
        Lang::Nb | Lang::Nn => &[
            "ing", "inger", "ingar", "het", "heter", "heiter", "else", "elser", "sjon", "sjoner",
            "sjonar", "itet", "iteter", "ikk", "skap", "ment", "isme", "logi",
        ],
    };
    // English verbs that end like nouns.
    const VERBS: &[&str] = &[
        "implement",
        "document",
        "complement",
        "supplement",
        "experiment",
        "comment",
        "augment",
        "segment",
        "orient",
        "position",
        "question",
        "mention",
        "function",
        "partition",
        "commission",
        "caution",
    ];
    endings
        .iter()
        .any(|e| lower.ends_with(e) && lower.len() > e.len() + 2)
        && !VERBS.contains(&lower)
}

/// Whether the NKR descriptors of the document's level, in the outcome's
/// category, use the matched words: then the outcome speaks the framework's
/// language, which is a matter of judgement. A document whose level is not
/// known gets the benefit of the doubt.
fn framework_wording(cx: &Context<'_>, outcome: &OutcomeAnalysis, m: &PhraseMatch) -> bool {
    let Some(level) = cx.doc.meta.level.as_ref().map(|l| l.value.get()) else {
        return true;
    };
    let key: Vec<&str> = outcome
        .words
        .get(m.start..m.end)
        .unwrap_or_default()
        .iter()
        .filter(|w| !w.is(crate::analyse::class::STOP))
        .map(|w| &*w.norm)
        .collect();
    cx.data.descriptors(cx.doc.lang).iter().any(|d| {
        d.level == level
            && outcome.category.is_none_or(|c| c == d.category)
            && key.iter().all(|k| d.content.iter().any(|c| c == k))
    })
}

pub(super) fn own_matches(
    outcome: &OutcomeAnalysis,
    owner: usize,
    keep: impl Fn(&PhraseMatch) -> bool,
) -> Vec<PhraseMatch> {
    let mut mine: Vec<PhraseMatch> = outcome
        .matches
        .iter()
        .filter(|m| m.id.owner == owner && keep(m))
        .copied()
        .collect();
    mine.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut chosen: Vec<PhraseMatch> = Vec::new();
    for m in mine {
        if chosen.last().is_none_or(|last| m.start >= last.end) {
            chosen.push(m);
        }
    }
    chosen
}
