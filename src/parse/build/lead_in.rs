//! Pass 2b: which paragraphs are lead-ins, the words that introduce a list
//! of outcomes and say who they are about: "Kandidaten", "Studenten skal
//! kunne:", "Etter fullført emne skal studenten kunne:", "Etter å ha tatt
//! emnet kan du:", "Students will be able to:", "After completing this
//! course, you will be able to".

use std::borrow::Cow;

use super::{Builder, Text};
use crate::learner;
use crate::source::Span;

impl Builder<'_> {
    /// A paragraph that introduces the list after it: short, and ending in a
    /// colon or ellipsis or opening with who the outcomes are about.
    pub(super) fn is_lead_in(&self, lines: &[Span]) -> bool {
        let text = self.joined(lines);
        let text = text.trim();
        lines.len() <= 3
            && text.split_whitespace().count() <= 40
            && (text.ends_with([':', '…', '-', '–'])
                || text.ends_with("...")
                || is_lead_in_phrase(text)
                || opens_with_time_and_learner(text))
    }

    /// "Kandidaten" or "The candidate can" on its own, before prose.
    pub(super) fn is_bare_lead_in(&self, lines: &[Span]) -> bool {
        let text = self.joined(lines);
        let text = text.trim().trim_end_matches([':', '…', '.']);
        text.split_whitespace().count() <= 4 && is_lead_in_phrase(text)
    }

    pub(super) fn set_lead_in(&mut self, lines: Vec<Span>) {
        if let Some(section) = self.doc.sections.last_mut() {
            if let Some(last) = lines.last() {
                section.span.end = section.span.end.max(last.end);
            }
            section.lead_in = Some(Text::new(lines));
        }
    }
}

/// Text that opens with who the outcomes are about, optionally after "Etter
/// fullført emne" / "On completion of the course": "Kandidaten kan",
/// "Studenten skal etter fullført emne kunne:", "The candidate …".
pub(crate) fn is_lead_in_phrase(text: &str) -> bool {
    let words = first_words(text, 12);
    let noun_at = words.iter().take(12).position(|w| is_learner(w));
    match noun_at {
        Some(0) => true,
        Some(1) => learner::is_determiner(&words[0]),
        Some(_) => opens_with_time(&words) && text.trim_end().ends_with([':', '…', '-', '–']),
        None => false,
    }
}

/// "After completing this course, you will be able to", "Ved bestått emne
/// skal studenten": a time phrase, then the learner, in a short text.
fn opens_with_time_and_learner(text: &str) -> bool {
    // One word more than the most it allows tells a text too long.
    let words = first_words(text, 26);
    words.len() <= 25 && opens_with_time(&words) && words.iter().take(12).any(|w| is_learner(w))
}

fn opens_with_time(words: &[Cow<'_, str>]) -> bool {
    words.first().is_some_and(|first| {
        matches!(
            &**first,
            "etter"
                | "ved"
                | "når"
                | "gjennom"
                | "after"
                | "on"
                | "upon"
                | "by"
                | "at"
                | "following"
                | "having"
                | "when"
        )
    })
}

/// The learner as a lead-in names them: a noun ("studenten", "the
/// candidate") or the pronoun of pages written to the reader ("du", "you").
fn is_learner(word: &str) -> bool {
    learner::is_noun(word) || learner::is_pronoun(word)
}

/// The words of a text, lower case: the one tokeniser of `crate::learner`.
/// The first `n` of `words`, without lowering the rest, nor copying a word
/// in lower case already.
fn first_words(text: &str, n: usize) -> Vec<Cow<'_, str>> {
    learner::words_of(text, 0).map(|(w, _)| w).take(n).collect()
}

pub(crate) fn words(text: &str) -> Vec<String> {
    learner::words(text, 0)
        .into_iter()
        .map(|(w, _)| w)
        .collect()
}
