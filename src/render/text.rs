//! Plain text, wrapped, with hanging indents for the outcomes: what is
//! pasted into the student system's field.

use std::fmt::Write as _;

use super::{Rendering, labels, length_line, level_line};

pub fn text(rendering: &Rendering, width: usize) -> String {
    let width = width.max(20);
    let labels = labels(rendering.lang, rendering.kind);
    let mut out = String::new();
    let mut field = |label: &str, value: &str| {
        let _ = writeln!(
            out,
            "{}",
            fill(&format!("{label}: {value}"), width, "", "    ")
        );
    };
    if let Some(title) = &rendering.title {
        field(labels.name, title);
    }
    if let Some(level) = &rendering.level {
        field(labels.level, &level_line(level, rendering.lang));
    }
    if let Some(length) = length_line(rendering) {
        field(labels.length, &length);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "{}\n", labels.outcomes);
    out.push_str(&outcomes_text(rendering, width));
    out
}

/// Section 4.2 alone: the opening sentence and the categories. Its length
/// unwrapped is what `--max-chars` measures.
pub fn outcomes_text(rendering: &Rendering, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", fill(&rendering.opening, width, "", ""));
    for category in &rendering.categories {
        let _ = writeln!(out, "\n{}", category.name);
        if let Some(lead_in) = &category.lead_in {
            let _ = writeln!(out, "{}", fill(lead_in, width, "", ""));
        }
        for outcome in &category.outcomes {
            let _ = writeln!(out, "{}", fill(outcome, width, "  - ", "    "));
        }
    }
    out
}

/// Wraps at `width`; `usize::MAX` keeps each paragraph on one line.
fn fill(text: &str, width: usize, first: &str, rest: &str) -> String {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false);
    textwrap::fill(text, options)
}
