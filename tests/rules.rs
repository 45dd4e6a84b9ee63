#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! Every rule's own examples, as tests. The harness loads the same embedded
//! rules the binary uses, so a rule file that exists is a rule that is
//! tested: each `bad` example must be flagged at exactly its `flags`, each
//! `good` one not at all. Test names read `vague-verb::nb::bad::1`, so
//! `cargo test --test rules vague-verb` runs one rule.
//!
//! Beside the examples: each rule has a bad and a good example in every
//! language it claims, and the README's rule table lists exactly the rules
//! that exist.

use libtest_mimic::{Arguments, Failed, Trial};
use lub::lang::{Category, Lang};
use lub::rules::{Example, Rule, RuleSet};
use lub::{Linter, SourceFile};

fn main() {
    let args = Arguments::from_args();
    let rules = RuleSet::builtin().expect("the built-in rules load");
    let mut trials = Vec::new();
    for rule in rules.iter() {
        let mut counts = std::collections::HashMap::new();
        for example in &rule.meta.examples {
            let n = counts.entry((example.lang, example.label())).or_insert(0);
            *n += 1;
            let name = format!("{}::{}::{}::{}", rule.id, example.lang, example.label(), n);
            let id = rule.id.to_string();
            let example = example.clone();
            trials.push(Trial::test(name, move || run_example(&id, &example)));
        }
        let id = rule.id.to_string();
        trials.push(Trial::test(format!("{id}::coverage"), move || {
            coverage(&id)
        }));
    }
    trials.push(Trial::test("readme::rule-table", readme_lists_every_rule));
    libtest_mimic::run(&args, trials).exit();
}

fn only(id: &str) -> Result<Linter, Failed> {
    let mut rules = RuleSet::builtin().map_err(|e| e.to_string())?;
    rules.retain(|r| &*r.id == id);
    Ok(Linter::new(rules))
}

/// A one-outcome example placed in a minimal document of its language.
fn wrap(text: &str, example: &Example) -> String {
    let category = example.category.unwrap_or(Category::Knowledge);
    format!(
        "---\nlang: {}\nlevel: {}\nkind: programme\n---\n## {}\n- {}\n",
        example.lang,
        example.level.unwrap_or(7),
        category.heading(example.lang),
        text.trim()
    )
}

fn run_example(id: &str, example: &Example) -> Result<(), Failed> {
    let text = match (&example.bad, &example.good, &example.document) {
        (Some(text), None, None) | (None, Some(text), None) => wrap(text, example),
        (None, None, Some(document)) => document.clone(),
        _ => return Err("an example has exactly one of `bad`, `good` and `document`".into()),
    };
    let name = format!("example.{}.lub.md", example.lang);
    let report = only(id)?.check_source(SourceFile::new(name, text.clone()));
    let found: Vec<&str> = report
        .findings
        .iter()
        .map(|f| report.source.slice(&f.span))
        .collect();
    let expected: Vec<&str> = if example.good.is_some() {
        Vec::new()
    } else {
        example.flags.iter().map(String::as_str).collect()
    };
    if example.bad.is_some() && expected.is_empty() {
        return Err("a `bad` example lists the texts it must be flagged at in `flags`".into());
    }
    if found != expected {
        let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
        return Err(format!(
            "flagged {found:?}, expected {expected:?}\nmessages: {messages:?}\ndocument:\n{text}"
        )
        .into());
    }
    Ok(())
}

fn coverage(id: &str) -> Result<(), Failed> {
    let rules = RuleSet::builtin().map_err(|e| e.to_string())?;
    let rule: &Rule = rules.get(id).ok_or("rule vanished")?;
    let mut missing = Vec::new();
    for lang in &rule.meta.languages {
        let of_lang = || rule.meta.examples.iter().filter(move |e| e.lang == *lang);
        if !of_lang().any(Example::must_flag) {
            missing.push(format!("a bad example in {lang}"));
        }
        if !of_lang().any(|e| !e.must_flag()) {
            missing.push(format!("a good example in {lang}"));
        }
    }
    let unclaimed: Vec<Lang> = rule
        .meta
        .examples
        .iter()
        .map(|e| e.lang)
        .filter(|l| !rule.meta.languages.contains(l))
        .collect();
    if !unclaimed.is_empty() {
        missing.push(format!(
            "examples in {unclaimed:?}, which `languages` does not list"
        ));
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("{id} needs {}", missing.join(", ")).into())
    }
}

/// The table in the README's "## Rules" section lists exactly the rules that
/// exist, with their default severity.
fn readme_lists_every_rule() -> Result<(), Failed> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .map_err(|e| e.to_string())?;
    let rows: Vec<(String, String)> = readme
        .lines()
        .skip_while(|line| line.trim() != "## Rules")
        .skip(1)
        .take_while(|line| !line.starts_with("## "))
        .filter_map(|line| {
            let mut cells = line.split('|').map(str::trim).skip(1);
            let id = cells
                .next()?
                .strip_prefix('`')?
                .strip_suffix('`')?
                .to_string();
            let severity = cells.next()?.to_string();
            Some((id, severity))
        })
        .collect();
    let rules = RuleSet::builtin().map_err(|e| e.to_string())?;
    let expected: Vec<(String, String)> = rules
        .iter()
        .map(|r| (r.id.to_string(), r.meta.severity.to_string()))
        .collect();
    let mut rows_sorted = rows.clone();
    rows_sorted.sort();
    if rows_sorted != expected {
        return Err(format!("README rule table {rows:?}\nrules {expected:?}").into());
    }
    Ok(())
}
