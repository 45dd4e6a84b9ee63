//! Pass 2c: outcomes. A list item under a category (or under a lead-in, or
//! anywhere in a document that names no category) is one outcome; a
//! paragraph of prose is split into sentences, each an outcome; an id such
//! as `K1:` or `**F2**)` before an outcome is kept apart from its words.

use super::super::MarkerKind;
use super::blocks::Item;
use super::lead_in::is_lead_in_phrase;
use super::sections::category_label;
use super::{Builder, DirectiveTarget, Marker, Outcome, Text};
use crate::lang;
use crate::source::Span;

impl Builder<'_> {
    /// A paragraph under a category: its lead-in, or prose whose sentences
    /// are outcomes.
    pub(super) fn category_paragraph(&mut self, followed_by_items: bool, lines: Vec<Span>) {
        if lines.iter().all(std::ops::Range::is_empty) {
            return;
        }
        // A lead-in whose list is missing ("The candidate is able to:" and
        // then nothing) is still a lead-in, not an outcome.
        let dangling = self.joined(&lines).trim_end().ends_with(':');
        let is_lead_in = self.section_is_fresh()
            && (((followed_by_items || dangling) && self.is_lead_in(&lines))
                || self.is_bare_lead_in(&lines));
        let Some(section) = self.doc.sections.last_mut() else {
            return;
        };
        let end = lines.last().map_or(section.span.end, |l| l.end);
        section.span.end = section.span.end.max(end);
        if is_lead_in {
            section.lead_in = Some(Text::new(lines));
            return;
        }
        // Prose after a list is a note on it ("Emnet bygger på …"), not
        // more outcomes.
        if section
            .outcomes
            .iter()
            .any(|o| o.marker != Marker::Sentence)
        {
            section.body.push(Text::new(lines));
            return;
        }
        let paragraph = Text::new(lines);
        let first_outcome = section.outcomes.len();
        for sentence in sentences(self.text, &paragraph) {
            let (id, text) = split_outcome_id(self.text, sentence);
            section.outcomes.push(Outcome {
                span: text.span(),
                marker: Marker::Sentence,
                marker_span: text.span().start..text.span().start,
                id,
                text,
            });
        }
        let section_index = self.doc.sections.len() - 1;
        let count = self.doc.sections[section_index].outcomes.len();
        if count > first_outcome {
            self.added(DirectiveTarget::Outcomes {
                section: section_index,
                start: first_outcome,
                end: count,
            });
        }
    }

    pub(super) fn item(&mut self, item: &Item) {
        let first = self.slice(&item.lines[0]);
        // "- Kunnskap" as a list item: a heading.
        if item.lines.len() == 1
            && let Some(found) = category_label(&lang::normalise_label(first))
        {
            self.label_section(&found, item.span.clone(), item.lines[0].clone());
            return;
        }
        if self.flat && self.doc.sections.is_empty() {
            self.open_section(None, None, item.span.start);
        }
        let takes_outcomes = self.flat
            || self
                .doc
                .sections
                .last()
                .is_some_and(|s| s.category.is_some() || s.lead_in.is_some());
        if !takes_outcomes {
            // Items under a free heading, or before any heading in a
            // document that has categories elsewhere.
            if self.doc.sections.is_empty() {
                self.open_section(None, None, item.span.start);
            }
            if let Some(section) = self.doc.sections.last_mut() {
                section.body.push(Text::new(item.lines.clone()));
                section.span.end = item.span.end;
            }
            return;
        }
        // "- Kandidaten kan:" as the first item: a lead-in written as a bullet.
        if item.lines.len() == 1
            && self.section_is_fresh()
            && is_lead_in_phrase(first)
            && first.trim_end().ends_with(':')
        {
            if let Some(section) = self.doc.sections.last_mut() {
                section.lead_in = Some(Text::new(item.lines.clone()));
                section.span.end = item.span.end;
            }
            return;
        }
        let (id, text) = split_outcome_id(self.text, Text::new(item.lines.clone()));
        let marker = match item.marker {
            MarkerKind::Symbol => Marker::Bullet,
            MarkerKind::Number => Marker::Numbered,
            MarkerKind::Letter => Marker::Lettered,
        };
        let Some(section_index) = self.doc.sections.len().checked_sub(1) else {
            return;
        };
        let section = &mut self.doc.sections[section_index];
        let marker_len = first_line_of(self.text, &item.span)
            .find(char::is_whitespace)
            .unwrap_or(0);
        section.outcomes.push(Outcome {
            span: item.span.clone(),
            marker,
            marker_span: item.span.start..item.span.start + marker_len,
            id,
            text,
        });
        section.span.end = section.span.end.max(item.span.end);
        let index = section.outcomes.len() - 1;
        self.added(DirectiveTarget::Outcomes {
            section: section_index,
            start: index,
            end: index + 1,
        });
    }
}

/// The text of a span up to its first line break.
fn first_line_of<'t>(text: &'t str, span: &Span) -> &'t str {
    let slice = text.get(span.clone()).unwrap_or("");
    // Both breaks are ASCII, so the cut falls on a character boundary.
    let end = memchr::memchr2(b'\n', b'\r', slice.as_bytes()).unwrap_or(slice.len());
    slice.get(..end).unwrap_or(slice)
}

/// Splits a paragraph into sentences, each a `Text` of source spans.
pub(crate) fn sentences(text: &str, paragraph: &Text) -> Vec<Text> {
    use unicode_segmentation::UnicodeSegmentation;

    // The paragraph as one string, and where each of its pieces came from.
    let mut joined = String::new();
    let mut pieces: Vec<(usize, Span)> = Vec::new();
    for segment in &paragraph.segments {
        if !joined.is_empty() {
            joined.push(' ');
        }
        pieces.push((joined.len(), segment.clone()));
        joined.push_str(text.get(segment.clone()).unwrap_or(""));
    }

    let mut bounds: Vec<(usize, usize)> = Vec::new();
    for (start, sentence) in joined.split_sentence_bound_indices() {
        let end = start + sentence.len();
        match bounds.last_mut() {
            Some(last) if ends_with_abbreviation(&joined[last.0..last.1]) => last.1 = end,
            _ => bounds.push((start, end)),
        }
    }

    bounds
        .into_iter()
        .filter_map(|(start, end)| {
            let sentence = &joined[start..end];
            let start = start + (sentence.len() - sentence.trim_start().len());
            let end = start + sentence.trim().len();
            if start >= end {
                return None;
            }
            let segments: Vec<Span> = pieces
                .iter()
                .filter_map(|(at, span)| {
                    let piece_end = at + span.len();
                    let from = start.max(*at);
                    let to = end.min(piece_end);
                    (from < to).then(|| span.start + (from - at)..span.start + (to - at))
                })
                .collect();
            (!segments.is_empty()).then(|| Text::new(segments))
        })
        .collect()
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "f.eks.", "bl.a.", "m.m.", "dvs.", "osv.", "ca.", "jf.", "evt.", "inkl.", "mht.", "iht.",
    "pkt.", "nr.", "ev.", "t.d.", "mv.", "e.g.", "i.e.", "etc.", "incl.", "vs.", "cf.", "approx.",
    "no.", "dr.", "prof.", "ph.d.", "m.a.", "b.a.",
];

fn ends_with_abbreviation(sentence: &str) -> bool {
    let last = sentence
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    ABBREVIATIONS.iter().any(|a| {
        last.ends_with(a) && (last.len() == a.len() || last[..last.len() - a.len()].ends_with('('))
    })
}

/// Splits an id such as `K1:` or `GK2 -` off the start of an outcome.
pub(super) fn split_outcome_id(text: &str, outcome: Text) -> (Option<Span>, Text) {
    let Some(first) = outcome.segments.first() else {
        return (None, outcome);
    };
    let line = text.get(first.clone()).unwrap_or("");
    let Some(id_len) = outcome_id_len(line) else {
        return (None, outcome);
    };
    let rest = line[id_len..].trim_start();
    if rest.is_empty() {
        return (None, outcome);
    }
    let id_span = super::super::trim_span(text, first.start..first.start + id_len);
    let mut segments = outcome.segments.to_vec();
    segments[0] = first.end - rest.len()..first.end;
    (Some(id_span), Text::new(segments))
}

/// Length in bytes of an outcome id and what follows it, if the line opens
/// with one: one to three letters, one or two digits, then `:`, `.`, `)` or
/// ` -`, optionally in emphasis (`**K1**:`). Bare ids ("K1 har …") only with
/// the letters lub knows are ids, so that "IPv6 adresser" keeps its first
/// word.
pub(super) fn outcome_id_len(line: &str) -> Option<usize> {
    const BARE_IDS: &[&str] = &[
        "k", "f", "g", "gk", "s", "gc", "lo", "lu", "lub", "kn", "sk",
    ];
    let emphasis = line.len() - line.trim_start_matches(['*', '_']).len();
    let body = &line[emphasis..];
    let letters = body.chars().take_while(char::is_ascii_alphabetic).count();
    if !(1..=3).contains(&letters) {
        return None;
    }
    let digits = body[letters..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let id_end = emphasis + letters + digits;
    let closing = line[id_end..].len() - line[id_end..].trim_start_matches(['*', '_']).len();
    if closing != emphasis {
        return None;
    }
    let after = &line[id_end + closing..];
    let punctuated = after.starts_with([':', '.', ')'])
        && (after[1..].starts_with([' ', '\t']) || after[1..].starts_with(['*', '_']));
    if punctuated {
        let extra = after[1..].len() - after[1..].trim_start_matches(['*', '_']).len();
        return Some(id_end + closing + 1 + extra);
    }
    if let Some(rest) = after
        .strip_prefix(" -")
        .or_else(|| after.strip_prefix(" –"))
        && rest.starts_with(' ')
    {
        return Some(line.len() - rest.len());
    }
    let bare = emphasis > 0 && after.starts_with([' ', '\t'])
        || after.starts_with([' ', '\t'])
            && BARE_IDS.contains(&body[..letters].to_lowercase().as_str());
    bare.then_some(id_end + closing)
}
