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
//! language it claims, every word form a phrase lists reaches that phrase,
//! and the README's rule table lists exactly the rules that exist.

use libtest_mimic::{Arguments, Failed, Trial};
use lub::Linter;
use lub::check::{FixMode, Input};
use lub::lang::Lang;
use lub::rules::{Example, PhraseEntry, Rule};

fn main() {
    let args = Arguments::from_args();
    let linter = Linter::builtin().expect("the built-in rules load");
    let rules = linter.rules();
    let mut trials = Vec::new();
    for rule in rules.iter() {
        let mut counts = std::collections::HashMap::new();
        for example in rule.meta.examples() {
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
        if !phrases(rule).is_empty() {
            let id = rule.id.to_string();
            trials.push(Trial::test(format!("{id}::forms"), move || {
                forms_reach_their_phrase(&id)
            }));
        }
    }
    trials.push(Trial::test("readme::rule-table", readme_lists_every_rule));
    trials.push(Trial::test(
        "harness::refuses-a-placeholder-left-over",
        harness_refuses_a_placeholder_left_over,
    ));
    libtest_mimic::run(&args, trials).exit();
}

/// A rule's phrases, for the kinds that list them.
fn phrases(rule: &Rule) -> std::collections::BTreeMap<Lang, Vec<PhraseEntry>> {
    rule.option("phrases").unwrap_or_default()
}

/// A linter that runs only the rule `id`.
fn only(id: &str) -> Result<Linter, Failed> {
    let mut linter = Linter::builtin().map_err(|e| e.to_string())?;
    linter.rules_mut().enable_only(|r| &*r.id == id);
    Ok(linter)
}

fn run_example(id: &str, example: &Example) -> Result<(), Failed> {
    run_example_on(&|| only(id), example)
}

/// Runs one example with the linter `linter` makes: it must flag exactly the
/// example's `flags`, and no message or help may keep a `{placeholder}`
/// that its checker did not fill.
fn run_example_on(
    linter: &dyn Fn() -> Result<Linter, Failed>,
    example: &Example,
) -> Result<(), Failed> {
    let documents = example
        .to_documents()
        .ok_or("an example has exactly one of `bad`, `good`, `document` and `documents`")?;
    let shown: String = documents
        .iter()
        .map(|(name, text)| format!("{name}:\n{text}"))
        .collect();
    let inputs: Vec<Input> = documents
        .into_iter()
        .map(|(name, text)| Input::Text {
            name,
            bytes: text.into_bytes(),
        })
        .collect();
    // The harness runs the pipeline the binary runs, the rules that
    // compare documents included.
    let mut collected = lub::output::Collected::default();
    linter()?.check(&inputs, &mut collected, FixMode::Off)?;
    let reports = collected.reports;
    for finding in reports.iter().flat_map(|r| &r.findings) {
        for text in std::iter::once(&finding.message).chain(&finding.help) {
            if let Some(left) = lub::rules::leftover_placeholder(text) {
                return Err(
                    format!("{}: {{{left}}} was not filled in: {text}", finding.rule).into(),
                );
            }
        }
    }
    let found: Vec<&str> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| r.source.slice(&f.span)))
        .collect();
    let expected: Vec<&str> = example.flags.iter().map(String::as_str).collect();
    if let Some(fixed) = &example.fixed {
        let [(name, text)] = example
            .to_documents()
            .unwrap_or_default()
            .try_into()
            .map_err(|_| "`fixed` is for one document")?;
        let linter = linter()?;
        let once = lub::single::fix(&linter, &name, text.into_bytes());
        let result = String::from_utf8(once.bytes)?;
        if result != *fixed {
            return Err(format!("--fix gave\n{result}\nexpected\n{fixed}").into());
        }
        let twice = lub::single::fix(&linter, &name, result.into_bytes());
        if twice.fixes > 0 {
            return Err(format!(
                "a second --fix changed it again:\n{}",
                String::from_utf8_lossy(&twice.bytes)
            )
            .into());
        }
    }
    if found != expected {
        let messages: Vec<&str> = reports
            .iter()
            .flat_map(|r| r.findings.iter().map(|f| f.message.as_str()))
            .collect();
        return Err(format!(
            "flagged {found:?}, expected {expected:?}\nmessages: {messages:?}\ndocuments:\n{shown}"
        )
        .into());
    }
    Ok(())
}

fn coverage(id: &str) -> Result<(), Failed> {
    let linter = Linter::builtin().map_err(|e| e.to_string())?;
    let rule: &Rule = linter.rules().get(id).ok_or("rule vanished")?;
    let mut missing = Vec::new();
    for lang in &rule.meta.languages {
        let of_lang = || rule.meta.examples().iter().filter(move |e| e.lang == *lang);
        if !of_lang().any(Example::must_flag) {
            missing.push(format!("a bad example in {lang}"));
        }
        if !of_lang().any(|e| !e.must_flag()) {
            missing.push(format!("a good example in {lang}"));
        }
    }
    let unclaimed: Vec<Lang> = rule
        .meta
        .examples()
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
    let linter = Linter::builtin().map_err(|e| e.to_string())?;
    let expected: Vec<(String, String)> = linter
        .rules()
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

/// Each word form a phrase lists ("forstår", "forståelse") normalises to
/// the phrase itself, so the phrase catches it. This is where Snowball alone
/// would fail for Norwegian, and why the lexicon exists.
fn forms_reach_their_phrase(id: &str) -> Result<(), Failed> {
    let linter = Linter::builtin().map_err(|e| e.to_string())?;
    let rule = linter.rules().get(id).ok_or("rule vanished")?;
    let mut failures = Vec::new();
    for (lang, entries) in &phrases(rule) {
        let lexicon = linter.data().lexicon(*lang);
        let normalise = |words: &[String]| -> Vec<String> {
            words
                .iter()
                .map(|w| lexicon.normalise(&w.to_lowercase()).to_string())
                .collect()
        };
        for entry in entries {
            let variants: Vec<Vec<String>> = lub::analyse::expand(&entry.phrase)
                .iter()
                .map(|v| normalise(v))
                .collect();
            for form in &entry.forms {
                let words: Vec<String> = form.split_whitespace().map(String::from).collect();
                let normalised = normalise(&words);
                if !variants.contains(&normalised) {
                    failures.push(format!(
                        "{lang}: «{form}» becomes {normalised:?}, but «{}» is {variants:?}",
                        entry.phrase
                    ));
                }
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

/// A kind may declare a placeholder that it fills only at one of its
/// scopes: `specificity` fills `{count}` for a document, not for an outcome.
/// Loading accepts such a rule; the harness is what catches the `{count}`
/// printed as written.
fn harness_refuses_a_placeholder_left_over() -> Result<(), Failed> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::create_dir(dir.path().join("own")).map_err(|e| e.to_string())?;
    std::fs::write(dir.path().join("lub.yaml"), "rule-folders: [own]\n")
        .map_err(|e| e.to_string())?;
    std::fs::write(
        dir.path().join("own/empty-outcome.yaml"),
        "id: empty-outcome\nkind: specificity\nseverity: warning\nlanguages: [en]\nscope: outcome\n\
         summary: Generic.\nmessage: \"{count} outcomes say nothing\"\nwhy: Readers learn nothing.\n",
    )
    .map_err(|e| e.to_string())?;
    let config =
        lub::config::Config::load(&dir.path().join("lub.yaml")).map_err(|e| e.to_string())?;
    let linter = || -> Result<Linter, Failed> {
        let mut linter =
            Linter::new(&config, &lub::Selection::default()).map_err(|e| e.to_string())?;
        if !linter.setup_errors().is_empty() {
            return Err(format!("{:?}", linter.setup_errors()).into());
        }
        linter
            .rules_mut()
            .enable_only(|r| &*r.id == "empty-outcome");
        Ok(linter)
    };
    let example: Example = serde_json::from_value(serde_json::json!({
        "lang": "en",
        "bad": "can apply professional knowledge to relevant problems",
        "flags": ["can apply professional knowledge to relevant problems"],
    }))
    .map_err(|e| e.to_string())?;
    match run_example_on(&linter, &example) {
        Err(failed) if format!("{failed:?}").contains("{count} was not filled in") => Ok(()),
        Err(failed) => Err(format!("failed for another reason: {failed:?}").into()),
        Ok(()) => Err("the harness let `{count}` through".into()),
    }
}
