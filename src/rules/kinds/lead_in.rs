//! The lead-in ("Kandidaten", "The candidate can") and the outcomes that
//! continue it: one subject throughout, no word of the lead-in repeated, no
//! bare infinitive after a bare subject, and a lead-in at all when the
//! outcomes do not name their subject themselves.

use std::borrow::Cow;

use crate::analyse::Lexicon;
use crate::finding::{Edit, Finding, Fix};
use crate::lang::Lang;
use crate::learner::{
    is_determiner as is_learner_determiner, is_noun as is_learner_noun,
    names_in as learner_names_in, written as candidate,
};
use crate::messages::{Msg, quote};
use crate::parse::{Section, Text};
use crate::rules::{Checker, Context, Rule, Speech};
use crate::source::{SourceFile, Span};

#[derive(Default)]
pub(super) struct LeadInChecker;

/// The learner named at the start of a text ("Studenten", "The
/// candidate"), and where.
fn subject(text: &Text, source: &SourceFile) -> Option<(String, Span)> {
    let mut words = first_words(text, source);
    subject_of(words.next().as_ref(), words.next().as_ref())
}

/// The learner named by a text's first two words.
fn subject_of(
    first: Option<&(Cow<'_, str>, Span)>,
    second: Option<&(Cow<'_, str>, Span)>,
) -> Option<(String, Span)> {
    let (first, first_span) = first?;
    if is_learner_noun(first) {
        return Some((first.to_string(), first_span.clone()));
    }
    let (second, second_span) = second?;
    (is_learner_determiner(first) && is_learner_noun(second)).then(|| {
        (
            format!("{first} {second}"),
            first_span.start..second_span.end,
        )
    })
}

/// The learner most of `named` use, counting only those named in `lang`
/// when any is (the first of them on a tie); `None` when all are one.
fn usual_subject(named: &[(String, Span)], lang: Lang) -> Option<String> {
    let in_lang: Vec<&String> = named
        .iter()
        .map(|(noun, _)| noun)
        .filter(|noun| learner_names_in(noun, lang))
        .collect();
    let candidates: Vec<&String> = if in_lang.is_empty() {
        named.iter().map(|(noun, _)| noun).collect()
    } else {
        in_lang
    };
    // Counted once each: counting every noun's repeats again for each
    // noun was quadratic in a paragraph of thousands of sentences.
    let mut counts: std::collections::HashMap<&String, usize> = std::collections::HashMap::new();
    for noun in &candidates {
        *counts.entry(noun).or_default() += 1;
    }
    crate::work::add(candidates.len());
    let count = |noun: &String| counts.get(noun).copied().unwrap_or(0);
    let mut usual: Option<&String> = None;
    for noun in &candidates {
        if usual.is_none_or(|u| count(noun) > count(u)) {
            usual = Some(noun);
        }
    }
    let usual = usual?;
    named
        .iter()
        .any(|(noun, _)| noun != usual)
        .then(|| usual.clone())
}

/// The words of a text, lower case, with their spans, read only as far
/// as they are asked for.
fn first_words<'t, 's>(
    text: &'t Text,
    source: &'s SourceFile,
) -> impl Iterator<Item = (Cow<'s, str>, Span)> + use<'t, 's> {
    text.segments
        .iter()
        .flat_map(|segment| crate::learner::words_of(source.slice(segment), segment.start))
}

/// The last word of a lead-in, lower case ("kan" of "Kandidaten kan:").
fn last_word(text: &Text, source: &SourceFile) -> Option<String> {
    let segment = text.segments.last()?;
    crate::learner::words(source.slice(segment), segment.start)
        .pop()
        .map(|(w, _)| w)
}

impl Checker for LeadInChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let source = cx.source;
        let lexicon = cx.data.lexicon(doc.lang);
        // Every list of outcomes, also one whose category the text does
        // not say.
        let sections: Vec<&Section> = doc
            .sections
            .iter()
            .filter(|s| !s.outcomes.is_empty())
            .collect();

        // The first two words of every outcome, read once for all that
        // follows.
        let openings: Vec<Vec<Opening<'_>>> = sections
            .iter()
            .map(|section| {
                section
                    .outcomes
                    .iter()
                    .map(|o| {
                        let mut words = first_words(&o.text, source);
                        let first = words.next();
                        Opening {
                            subject: subject_of(first.as_ref(), words.next().as_ref()),
                            first,
                        }
                    })
                    .collect()
            })
            .collect();
        // One subject throughout: the one most of the text uses, of those
        // in the document's language (the first of them on a tie).
        let mut named: Vec<(String, Span)> = Vec::new();
        for (section, openings) in sections.iter().zip(&openings) {
            named.extend(
                section
                    .lead_in
                    .iter()
                    .filter_map(|text| subject(text, source)),
            );
            named.extend(openings.iter().filter_map(|o| o.subject.clone()));
        }
        if let Some(usual) = usual_subject(&named, doc.lang) {
            for (noun, span) in named.iter().filter(|(noun, _)| *noun != usual) {
                let written = source.slice(span).to_string();
                let speak = cx.speech.lang;
                let detail = Msg::LearnerChanges.say(
                    speak,
                    &[
                        ("written", &quote(speak, &written)),
                        ("first", &quote(speak, &usual)),
                    ],
                );
                let mut finding = rule.finding(cx.speech, span.clone(), &[("detail", &detail)]);
                // Norwegian verbs do not agree with the subject, so the
                // other word can simply take its place; a learner named in
                // another language stands in words of that language, which
                // one word cannot mend.
                if doc.lang.is_norwegian()
                    && learner_names_in(noun, doc.lang)
                    && learner_names_in(&usual, doc.lang)
                {
                    finding.fix = Some(Fix::replace(
                        span.clone(),
                        same_case(&usual, &written),
                        true,
                    ));
                }
                out.push(finding);
            }
        }

        let any_lead_in = sections.iter().any(|s| s.lead_in.is_some())
            || doc.intro.iter().any(|t| subject_anywhere(t, source));
        for (section, openings) in sections.iter().zip(&openings) {
            if let Some(lead_in) = &section.lead_in {
                continues(
                    rule, cx.speech, lead_in, openings, source, lexicon, doc.lang, out,
                );
            }
        }
        if !any_lead_in {
            missing(
                rule, cx.speech, &sections, &openings, source, lexicon, doc.lang, out,
            );
        }
    }
}

/// How an outcome opens: its first word, and the learner its first two
/// name.
struct Opening<'s> {
    first: Option<(Cow<'s, str>, Span)>,
    subject: Option<(String, Span)>,
}

/// No lead-in anywhere, and outcomes that do not name the learner: one
/// finding, at the first such outcome, whose fix adds the lead-in to every
/// category that lacks it.
#[allow(clippy::too_many_arguments)]
fn missing(
    rule: &Rule,
    speech: Speech,
    sections: &[&Section],
    openings: &[Vec<Opening<'_>>],
    source: &SourceFile,
    lexicon: &Lexicon,
    lang: Lang,
    out: &mut Vec<Finding>,
) {
    let learner = candidate(lang);
    let mut edits = Vec::new();
    let mut at = None;
    for (section, openings) in sections.iter().zip(openings) {
        let named = openings.iter().any(|o| o.subject.is_some());
        let (Some(first), Some(opening)) = (section.outcomes.first(), openings.first()) else {
            continue;
        };
        if named || first.marker == crate::parse::Marker::Sentence {
            continue;
        }
        let opening = opening.first.clone();
        if at.is_none() {
            at = opening.as_ref().map(|(_, span)| span.clone());
        }
        // The lead-in is written in the document's language, so only above
        // outcomes that open in it: «The candidate» above «kan forklare …»
        // would mix two.
        if !opening
            .as_ref()
            .is_some_and(|(word, _)| opens_in(word, lexicon, lang))
        {
            continue;
        }
        let line_start = source.text[..first.span.start]
            .rfind(['\n', '\r'])
            .map_or(0, |i| i + 1);
        edits.push(Edit {
            span: line_start..line_start,
            // `fix::apply` gives the line the document's line break.
            replacement: format!("{learner}\n"),
        });
    }
    let Some(span) = at else { return };
    let detail = Msg::LeadInMissing.say(speech.lang, &[("learner", &quote(speech.lang, learner))]);
    let mut finding = rule.finding(speech, span, &[("detail", &detail)]);
    if !edits.is_empty() {
        finding.fix = Some(Fix { edits, safe: true });
    }
    out.push(finding);
}

/// Whether an outcome whose first word is `word` is written in `lang`: it
/// opens with a modal or a verb of that language, and not with a modal of
/// another.
fn opens_in(word: &str, lexicon: &Lexicon, lang: Lang) -> bool {
    let elsewhere = Lang::ALL
        .iter()
        .filter(|other| other.is_norwegian() != lang.is_norwegian())
        .any(|other| Lexicon::modal_of(word, *other));
    lexicon.opens_with_own_verb(word) || (!elsewhere && lexicon.is_verb_form(word))
}

/// A lead-in that ends in a modal: what follows must be an infinitive.
fn ends_in_modal(last: Option<&str>) -> bool {
    matches!(
        last,
        Some("kan" | "kunne" | "skal" | "can" | "will" | "should" | "must" | "to")
    )
}

/// `word` written with the case of `like`'s first letter.
fn same_case(word: &str, like: &str) -> String {
    let upper = like.chars().next().is_some_and(char::is_uppercase);
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if upper => first.to_uppercase().chain(chars).collect(),
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether a learner is named anywhere in an intro paragraph ("Etter
/// fullført program har kandidaten følgende læringsutbytte:").
fn subject_anywhere(text: &Text, source: &SourceFile) -> bool {
    text.segments.iter().any(|s| {
        crate::learner::words_of(source.slice(s), s.start).any(|(w, _)| is_learner_noun(&w))
    })
}

/// The outcomes after a lead-in continue it.
#[allow(clippy::too_many_arguments)]
fn continues(
    rule: &Rule,
    speech: Speech,
    lead_in: &Text,
    openings: &[Opening<'_>],
    source: &SourceFile,
    lexicon: &Lexicon,
    lang: Lang,
    out: &mut Vec<Finding>,
) {
    let lead_subject = subject(lead_in, source);
    let last = last_word(lead_in, source);
    // "Kandidaten" or "The candidate" and nothing more.
    let bare = lead_subject.as_ref().is_some_and(|(noun, _)| {
        first_words(lead_in, source).take(3).count() == noun.split(' ').count()
    });
    let lead_text = lead_in
        .text(source)
        .trim_end_matches([':', '…', '.'])
        .trim()
        .to_string();
    let speak = speech.lang;
    for opening in openings {
        let Some((first, span)) = opening.first.clone() else {
            continue;
        };
        if lead_subject.is_some()
            && let Some((_, subject_span)) = opening.subject.clone()
        {
            let detail =
                Msg::LeadInNamesLearner.say(speak, &[("lead-in", &quote(speak, &lead_text))]);
            out.push(rule.finding(speech, subject_span, &[("detail", &detail)]));
        } else if last.as_deref() == Some(&*first) && !bare {
            let written = source.slice(&span).to_string();
            let detail = Msg::LeadInRepeated.say(
                speak,
                &[
                    ("written", &quote(speak, &written)),
                    ("lead-in", &quote(speak, &lead_text)),
                ],
            );
            // The word goes, with the space after it.
            let rest = source.text.get(span.end..).unwrap_or("");
            let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let mut finding = rule.finding(speech, span.clone(), &[("detail", &detail)]);
            finding.fix = Some(Fix::replace(span.start..span.end + gap, "", true));
            out.push(finding);
        } else if ends_in_modal(last.as_deref()) && lexicon.is_present_tense(&first) {
            // "Kandidaten kan" above "har bred kunnskap om …": the
            // sentence reads "Kandidaten kan har …".
            let written = source.slice(&span).to_string();
            let detail = Msg::LeadInNotASentence.say(
                speak,
                &[
                    (
                        "sentence",
                        &quote(speak, &format!("{lead_text} {written} …")),
                    ),
                    ("last", &quote(speak, last.as_deref().unwrap_or(""))),
                ],
            );
            out.push(rule.finding(speech, span, &[("detail", &detail)]));
        } else if bare && lexicon.is_infinitive(&first) {
            let written = source.slice(&span).to_string();
            let modal = if lang == Lang::En { "can" } else { "kan" };
            let detail = Msg::LeadInNotContinued.say(
                speak,
                &[
                    ("written", &quote(speak, &written)),
                    ("lead-in", &quote(speak, &lead_text)),
                    ("fixed", &quote(speak, &format!("{modal} {written}"))),
                ],
            );
            let mut finding = rule.finding(speech, span.clone(), &[("detail", &detail)]);
            // The modal is written in the document's language, so only
            // where the lead-in is in it too.
            if lead_subject
                .as_ref()
                .is_some_and(|(noun, _)| learner_names_in(noun, lang))
            {
                finding.fix = Some(Fix::replace(span, format!("{modal} {written}"), true));
            }
            out.push(finding);
        }
    }
}
