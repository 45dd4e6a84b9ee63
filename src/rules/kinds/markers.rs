//! List items that Markdown does not read as a list: bullets pasted from a
//! word processor ("•", "–", "▪"). Fixed safely to "- ", the outcome's
//! words untouched.

use crate::finding::{Edit, Finding, Fix};
use crate::messages::{Msg, quote};
use crate::parse::Marker;
use crate::rules::{Checker, Context, Rule};

#[derive(Default)]
pub(super) struct MarkersChecker;

/// Bullets Markdown reads as list items.
const MARKDOWN_BULLETS: &[&str] = &["-", "*", "+"];

impl Checker for MarkersChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut edits = Vec::new();
        let mut symbols: Vec<&str> = Vec::new();
        for outcome in cx.doc.outcomes().filter(|o| o.marker == Marker::Bullet) {
            let marker = cx.source.slice(&outcome.marker_span);
            let text_start = outcome
                .id
                .as_ref()
                .map(|id| id.start)
                .or_else(|| outcome.text.segments.first().map(|s| s.start))
                .unwrap_or(outcome.marker_span.end);
            // A tab after "-" is a list item to CommonMark: only the symbol
            // matters.
            if MARKDOWN_BULLETS.contains(&marker) {
                continue;
            }
            if !symbols.contains(&marker) {
                symbols.push(marker);
            }
            edits.push(Edit {
                span: outcome.marker_span.start..text_start,
                replacement: "- ".into(),
            });
        }
        let Some(first) = edits.first() else { return };
        let span =
            first.span.start..first.span.start + cx.source.slice(&first.span).trim_end().len();
        let speak = cx.speech.lang;
        let written: Vec<String> = symbols.iter().map(|s| quote(speak, s)).collect();
        let count = edits.len();
        let marked = if count == 1 {
            Msg::MarkedOne
        } else {
            Msg::MarkedMany
        };
        let detail = marked.say(
            speak,
            &[
                (
                    "outcomes",
                    &crate::messages::count(speak, count, Msg::Outcomes),
                ),
                ("markers", &crate::messages::list(speak, &written)),
            ],
        );
        let mut finding = rule.finding(cx.speech, span, &[("detail", &detail)]);
        finding.fix = Some(Fix { edits, safe: true });
        out.push(finding);
    }
}
