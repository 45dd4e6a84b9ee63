//! The text of `lub rules` and `lub explain ID`, from the rules' own YAML,
//! in one of the three languages, as text for people or JSON for scripts
//! and editors.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::lang::Lang;
use crate::messages::{Msg, quote};
use crate::rules::{Example, Rule, RuleSet, Scope};

/// One line per rule: id, severity (as configured), languages, summary.
pub fn rules(rules: &RuleSet, lang: Lang) -> String {
    let width = rules.ids().map(str::len).max().unwrap_or(0);
    let mut out = String::new();
    for rule in rules.iter() {
        let _ = writeln!(
            out,
            "{:width$}  {:7}  {:8}  {}",
            rule.id,
            severity(rule),
            languages(rule),
            rule.meta.summary.get(lang).trim()
        );
    }
    out
}

/// Every rule as a JSON array: what `lub rules` prints, as fields.
pub fn rules_json(rules: &RuleSet, lang: Lang) -> String {
    let list: Vec<Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": &*rule.id,
                "severity": severity(rule),
                "default_severity": rule.meta.severity.as_str(),
                "languages": rule.meta.languages.iter().map(|l| l.code()).collect::<Vec<_>>(),
                "scope": rule.meta.scope.as_str(),
                "summary": rule.meta.summary.get(lang).trim(),
            })
        })
        .collect();
    format!("{}\n", Value::Array(list))
}

/// The configured severity, or "off".
fn severity(rule: &Rule) -> &'static str {
    if rule.enabled {
        rule.severity.as_str()
    } else {
        "off"
    }
}

fn languages(rule: &Rule) -> String {
    rule.meta
        .languages
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(",")
}

fn scope(scope: Scope, lang: Lang) -> &'static str {
    match scope {
        Scope::Outcome => Msg::ScopeOutcome,
        Scope::Section => Msg::ScopeSection,
        Scope::Document => Msg::ScopeDocument,
        Scope::Catalogue => Msg::ScopeCatalogue,
    }
    .get(lang)
}

/// The help as `lub explain` shows it: the placeholders a finding fills
/// are said in words.
fn help(rule: &Rule, lang: Lang) -> Option<String> {
    let help = rule.meta.help.as_ref()?.get(lang);
    let [(_, kind), (_, this_kind)] = crate::rules::kind_words(lang, None);
    Some(crate::messages::fill(
        help,
        &[
            ("suggestions", Msg::ExplainSuggestions.get(lang)),
            ("category", Msg::ExplainItsCategory.get(lang)),
            ("kind", kind),
            ("this-kind", this_kind),
        ],
    ))
}

/// The examples to show in `lang`: those written in it, or every one when
/// the rule has none in it.
fn examples(rule: &Rule, lang: Lang) -> Vec<&Example> {
    let own: Vec<&Example> = rule
        .meta
        .examples()
        .iter()
        .filter(|e| e.lang == lang)
        .collect();
    if own.is_empty() {
        rule.meta.examples().iter().collect()
    } else {
        own
    }
}

fn not_a_rule<'a>(rules: &'a RuleSet, id: &str, lang: Lang) -> Result<&'a Rule, String> {
    rules.get(id).ok_or_else(|| rules.not_a_rule(id, lang))
}

/// Everything about one rule: summary, why, help and examples.
pub fn explain(rules: &RuleSet, id: &str, lang: Lang) -> Result<String, String> {
    let rule = not_a_rule(rules, id, lang)?;
    let meta = &rule.meta;
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", rule.id, meta.summary.get(lang).trim());
    let severity_word = match meta.severity {
        crate::finding::Severity::Error => Msg::SeverityError,
        crate::finding::Severity::Warning => Msg::SeverityWarning,
        crate::finding::Severity::Info => Msg::SeverityInfo,
    };
    let _ = writeln!(
        out,
        "{}",
        Msg::ExplainDefaults.say(
            lang,
            &[
                ("severity", severity_word.get(lang)),
                ("languages", &languages(rule)),
                ("scope", scope(meta.scope, lang)),
            ],
        )
    );
    if let Some(kinds) = &meta.applies_to {
        let kinds: Vec<&str> = kinds.iter().map(|k| k.key()).collect();
        let _ = writeln!(
            out,
            "{}",
            Msg::ExplainAppliesTo.say(lang, &[("kinds", &kinds.join(", "))])
        );
    }
    if let Some(levels) = &meta.levels {
        let levels: Vec<String> = levels.iter().map(u8::to_string).collect();
        let _ = writeln!(
            out,
            "{}",
            Msg::ExplainLevels.say(lang, &[("levels", &levels.join(", "))])
        );
    }
    let behaviour = match rule.kind.def().behaviour {
        crate::rules::Behaviour::Code => Msg::ExplainCode,
        crate::rules::Behaviour::Data => Msg::ExplainData,
    };
    let _ = writeln!(out, "{}", behaviour.get(lang));
    let _ = writeln!(
        out,
        "\n{}\n{}",
        Msg::ExplainWhy.get(lang),
        indent(meta.why().get(lang).trim())
    );
    if let Some(help) = help(rule, lang) {
        let _ = writeln!(
            out,
            "\n{}\n{}",
            Msg::ExplainHelp.get(lang),
            indent(help.trim())
        );
    }
    for (suggested, by_category) in &rule.suggestions() {
        for (category, words) in by_category {
            let _ = writeln!(
                out,
                "  {suggested}, {}: {}",
                category.key(),
                words.join(", ")
            );
        }
    }
    let limits = rule.limits();
    if !limits.is_empty() {
        let _ = writeln!(out, "\n{}", Msg::ExplainLimits.get(lang));
        for (name, value) in &limits {
            let _ = writeln!(out, "  {name}: {value}");
        }
    }
    let shown = examples(rule, lang);
    if !shown.is_empty() {
        let _ = writeln!(out, "\n{}", Msg::ExplainExamples.get(lang));
        let at_word = Msg::ExplainAt.get(lang);
        for example in shown {
            let mark = if example.must_flag() { '✗' } else { '✓' };
            let flags: Vec<String> = example.flags.iter().map(|f| quote(lang, f)).collect();
            match (&example.bad, &example.good) {
                (Some(text), _) | (_, Some(text)) => {
                    let _ = writeln!(out, "  {mark} {}: {}", example.lang, text.trim());
                    if example.flags.len() > 1
                        || example
                            .flags
                            .first()
                            .is_some_and(|f| f.trim() != text.trim())
                    {
                        let _ = writeln!(out, "      {at_word} {}", flags.join(", "));
                    }
                }
                _ => {
                    let at = if flags.is_empty() {
                        String::new()
                    } else {
                        format!(", {at_word} {}", flags.join(", "))
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

/// `lub explain ID --format json`: the same, as one JSON object.
pub fn explain_json(rules: &RuleSet, id: &str, lang: Lang) -> Result<String, String> {
    let rule = not_a_rule(rules, id, lang)?;
    let meta = &rule.meta;
    let examples: Vec<Value> = meta
        .examples()
        .iter()
        .map(|example| {
            let documents: Vec<Value> = example
                .to_documents()
                .unwrap_or_default()
                .into_iter()
                .map(|(name, text)| json!({ "name": name, "text": text }))
                .collect();
            json!({
                "lang": example.lang.code(),
                "flagged": example.must_flag(),
                "outcome": example.bad.as_ref().or(example.good.as_ref()).map(|t| t.trim()),
                "documents": documents,
                "flags": example.flags,
            })
        })
        .collect();
    let value = json!({
        "id": &*rule.id,
        "lang": lang.code(),
        "severity": severity(rule),
        "default_severity": meta.severity.as_str(),
        "languages": meta.languages.iter().map(|l| l.code()).collect::<Vec<_>>(),
        "scope": meta.scope.as_str(),
        "applies_to": meta.applies_to.as_ref().map(|k| k.iter().map(|k| k.key()).collect::<Vec<_>>()),
        "levels": meta.levels,
        "summary": meta.summary.get(lang).trim(),
        "why": meta.why().get(lang).trim(),
        "help": help(rule, lang),
        "suggestions": rule.suggestions(),
        "limits": rule.limits(),
        "examples": examples,
    });
    Ok(format!("{value}\n"))
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
