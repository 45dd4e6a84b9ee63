//! Markdown: the outcomes as lists under their category headings, with
//! Markdown's special characters escaped so that the words stay words.

use std::fmt::Write as _;

use super::{Rendering, labels, length_line, level_line};

pub fn markdown(rendering: &Rendering) -> String {
    let labels = labels(rendering.lang, rendering.kind);
    let mut out = String::new();
    if let Some(title) = &rendering.title {
        let _ = writeln!(out, "# {}\n", escape(title));
    }
    let mut fields = Vec::new();
    if let Some(title) = &rendering.title {
        fields.push(format!("**{}:** {}", labels.name, escape(title)));
    }
    if let Some(level) = &rendering.level {
        fields.push(format!(
            "**{}:** {}",
            labels.level,
            escape(&level_line(level, rendering.lang))
        ));
    }
    if let Some(length) = length_line(rendering) {
        fields.push(format!("**{}:** {}", labels.length, escape(&length)));
    }
    if !fields.is_empty() {
        // Two spaces end a line without ending the paragraph.
        let _ = writeln!(out, "{}\n", fields.join("  \n"));
    }
    let _ = writeln!(out, "## {}\n", labels.outcomes);
    let _ = writeln!(out, "{}", escape(&rendering.opening));
    for category in &rendering.categories {
        let _ = writeln!(out, "\n### {}\n", category.name);
        if let Some(lead_in) = &category.lead_in {
            let _ = writeln!(out, "{}\n", escape(lead_in));
        }
        for outcome in &category.outcomes {
            let _ = writeln!(out, "- {}", escape(outcome));
        }
    }
    out
}

/// Backslash before every character Markdown could read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_is_escaped() {
        assert_eq!(super::escape("a*b_c <d> [e]"), "a\\*b\\_c \\<d\\> \\[e\\]");
    }
}
