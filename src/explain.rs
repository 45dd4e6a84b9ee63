//! The text of `lub rules` and `lub explain ID`, from the rules' own YAML.

use std::fmt::Write as _;

use crate::rules::{Rule, RuleSet};

/// One line per rule: id, severity (as configured), languages, summary.
pub fn rules(rules: &RuleSet) -> String {
    let width = rules.ids().map(str::len).max().unwrap_or(0);
    let mut out = String::new();
    for rule in rules.iter() {
        let severity = if rule.enabled {
            rule.severity.as_str()
        } else {
            "off"
        };
        let _ = writeln!(
            out,
            "{:width$}  {:7}  {:8}  {}",
            rule.id,
            severity,
            languages(rule),
            rule.meta.summary.trim()
        );
    }
    out
}

fn languages(rule: &Rule) -> String {
    rule.meta
        .languages
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// Everything about one rule: summary, why, help and examples.
pub fn explain(rules: &RuleSet, id: &str) -> Result<String, String> {
    let Some(rule) = rules.get(id) else {
        return Err(rules.not_a_rule(id));
    };
    let meta = &rule.meta;
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", rule.id, meta.summary.trim());
    let scope = match meta.scope {
        crate::rules::Scope::Catalogue => "documents together (translations)".to_string(),
        other => format!("each {}", other.as_str()),
    };
    let _ = writeln!(
        out,
        "default severity {}, languages {}, looks at {scope}",
        meta.severity,
        languages(rule)
    );
    if let Some(kinds) = &meta.applies_to {
        let kinds: Vec<&str> = kinds.iter().map(|k| k.key()).collect();
        let _ = writeln!(out, "applies to: {}", kinds.join(", "));
    }
    if let Some(levels) = &meta.levels {
        let levels: Vec<String> = levels.iter().map(u8::to_string).collect();
        let _ = writeln!(out, "applies at NKR levels: {}", levels.join(", "));
    }
    let _ = writeln!(out, "\nWhy\n{}", indent(meta.why.trim()));
    if let Some(help) = &meta.help {
        let help = help
            .replace("{suggestions}", "the verbs below")
            .replace("{category}", "its category");
        let _ = writeln!(out, "\nWhat to write instead\n{}", indent(help.trim()));
    }
    for (lang, by_category) in &meta.suggestions {
        for (category, words) in by_category {
            let _ = writeln!(out, "  {lang}, {}: {}", category.key(), words.join(", "));
        }
    }
    if !meta.limits.is_empty() {
        let _ = writeln!(out, "\nLimits");
        for (name, value) in &meta.limits {
            let _ = writeln!(out, "  {name}: {value}");
        }
    }
    if !meta.examples.is_empty() {
        let _ = writeln!(out, "\nExamples (✗ flagged, ✓ passes)");
        for example in &meta.examples {
            let mark = if example.must_flag() { '✗' } else { '✓' };
            let flags: Vec<String> = example.flags.iter().map(|f| format!("«{f}»")).collect();
            match (&example.bad, &example.good) {
                (Some(text), _) | (_, Some(text)) => {
                    let _ = writeln!(out, "  {mark} {}: {}", example.lang, text.trim());
                    if example.flags.len() > 1
                        || example
                            .flags
                            .first()
                            .is_some_and(|f| f.trim() != text.trim())
                    {
                        let _ = writeln!(out, "      at {}", flags.join(", "));
                    }
                }
                _ => {
                    let at = if flags.is_empty() {
                        String::new()
                    } else {
                        format!(", at {}", flags.join(", "))
                    };
                    let _ = writeln!(out, "  {mark} {}{at}:", example.lang);
                    for (name, text) in example.to_documents().unwrap_or_default() {
                        if example.documents.len() > 1 {
                            let _ = writeln!(out, "    {name}:");
                        }
                        for line in text.lines() {
                            let _ = writeln!(out, "    | {line}");
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                format!("  {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
