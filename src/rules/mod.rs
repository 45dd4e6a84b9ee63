//! **rules**: YAML files in `rules/`, compiled into the binary (plus any
//! folders `lub.yaml` adds) and loaded once per run, each run by the checker
//! its `kind` names.

pub mod kinds;
pub mod schema;

use std::sync::Arc;

use crate::analyse::{Analysis, Data, PhraseId, PhraseIndex};
pub use crate::error::FileError;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::messages::{Msg, Text};
use crate::parse::Document;
use crate::source::{SourceFile, Span};
pub use kinds::{Catalogue, DocSummary};
pub use schema::{Example, ExampleDocument, PhraseEntry, Position, RuleFile, Scope};

pub use crate::embedded::FILES as EMBEDDED;
pub use crate::embedded::file as embedded;

/// What a checker sees of one document.
pub struct Context<'a> {
    pub source: &'a SourceFile,
    pub doc: &'a Document,
    pub analysis: &'a Analysis,
    pub data: &'a Data,
    /// How its findings speak.
    pub speech: Speech,
}

/// How a finding speaks: in which language, and whether it names a course
/// or a programme ("dette emnet", "this programme").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Speech {
    pub lang: Lang,
    pub kind: Option<crate::parse::Kind>,
}

/// Runs one kind of rule. Rules that need code name their checker in `kind`;
/// their documentation, thresholds and examples stay in YAML.
pub trait Checker: Send + Sync {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>);

    /// Phrases to find in every outcome: `(language, phrase, entry)`. They
    /// are compiled into the run's one phrase index, and the matches come
    /// back in `Analysis` with this rule as their owner.
    fn phrases(&self, _data: &Data) -> Vec<(Lang, String, usize)> {
        Vec::new()
    }

    /// Checks across documents; `out` gets `(document index, finding)`.
    fn check_catalogue(
        &self,
        _rule: &Rule,
        _catalogue: &Catalogue,
        _out: &mut Vec<(usize, Finding)>,
    ) {
    }
}

/// A loaded rule: its metadata and the checker that runs it.
pub struct Rule {
    pub id: Arc<str>,
    pub meta: RuleFile,
    /// Where the rule came from: `rules/<id>.yaml` or a user's file.
    pub file: String,
    /// The severity findings get: the rule's default unless configured.
    pub severity: Severity,
    /// Off by configuration, `--select` or `--ignore`.
    pub enabled: bool,
    /// The rule's position in its set: the owner of its phrases.
    pub index: usize,
    checker: Box<dyn Checker>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("severity", &self.severity)
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

impl Rule {
    /// A finding of this rule at `span`, in the language of `speech`.
    /// `values` fill the placeholders of the rule's message and help;
    /// `{kind}` and `{this-kind}` name the document as `speech` says.
    pub fn finding(&self, speech: Speech, span: Span, values: &[(&str, &str)]) -> Finding {
        let lang = speech.lang;
        // The document's words first: a value is the user's text, and
        // whatever braces it holds are not placeholders.
        let mut all: Vec<(&str, &str)> = kind_words(lang, speech.kind).to_vec();
        all.extend_from_slice(values);
        Finding {
            rule: self.id.clone(),
            severity: self.severity,
            span,
            message: fill(self.message(values).get(lang), &all),
            help: self
                .meta
                .help
                .as_ref()
                .map(|help| fill(help.get(lang), &all)),
            fix: None,
        }
    }

    /// The rule's message for these values: `message_one` where `{count}`
    /// is 1 and the rule has one.
    fn message(&self, values: &[(&str, &str)]) -> &Text {
        match &self.meta.message_one {
            Some(one) if values.contains(&("count", "1")) => one,
            _ => &self.meta.message,
        }
    }

    /// Whether the rule applies to this document at all.
    pub fn applies(&self, doc: &Document) -> bool {
        self.enabled
            && self.meta.languages.contains(&doc.lang)
            && self.meta.applies_to.as_ref().is_none_or(|kinds| {
                doc.meta
                    .kind
                    .as_ref()
                    .is_some_and(|k| kinds.contains(&k.value))
            })
            && self.meta.levels.as_ref().is_none_or(|levels| {
                doc.meta
                    .level
                    .as_ref()
                    .is_some_and(|l| levels.contains(&l.value))
            })
    }

    /// A numeric threshold from the rule's `limits`.
    pub fn limit(&self, name: &str) -> f64 {
        self.meta.limits.get(name).copied().unwrap_or(f64::NAN)
    }

    /// The phrase id of this rule's entry `entry`.
    pub fn phrase_id(&self, entry: usize) -> PhraseId {
        PhraseId {
            owner: self.index,
            entry,
        }
    }
}

use crate::messages::fill;

/// How a finding may name the document it is about: "this course", "dette
/// emnet", or, when the document does not say, words that fit both.
pub(crate) fn kind_words(
    lang: Lang,
    kind: Option<crate::parse::Kind>,
) -> [(&'static str, &'static str); 2] {
    let (noun, this) = match kind {
        Some(crate::parse::Kind::Course) => (Msg::KindCourse, Msg::ThisCourse),
        Some(crate::parse::Kind::Programme) => (Msg::KindProgramme, Msg::ThisProgramme),
        None => (Msg::KindEither, Msg::ThisEither),
    };
    [("kind", noun.get(lang)), ("this-kind", this.get(lang))]
}

/// Every rule of a run, sorted by id, and the phrase index compiled from
/// them.
pub struct RuleSet {
    rules: Vec<Rule>,
    phrases: PhraseIndex,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.rules).finish()
    }
}

/// Validates one rule file and builds its checker.
fn compile_one(
    path: String,
    meta: RuleFile,
    data: &Data,
    earlier: &[Rule],
) -> Result<Rule, FileError> {
    let stem = std::path::Path::new(&path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let meta = validate(&path, &stem, meta)?;
    if earlier.iter().any(|r| r.meta.id == meta.id) {
        return Err(FileError::said(
            path,
            Msg::RuleExists.text(|_| vec![("id", meta.id.clone())]),
        ));
    }
    let checker =
        kinds::checker(&meta, data).map_err(|message| FileError::said(path.clone(), message))?;
    Ok(Rule {
        id: Arc::from(meta.id.as_str()),
        severity: meta.severity,
        enabled: true,
        index: 0,
        file: path,
        meta,
        checker,
    })
}

impl RuleSet {
    /// The rules compiled into lub.
    pub fn builtin(data: &Data) -> Result<RuleSet, FileError> {
        let (rules, mut errors) = RuleSet::compile(builtin_files()?, data);
        match errors.pop() {
            Some(error) => Err(error),
            None => Ok(rules),
        }
    }

    /// Reads, validates and compiles rule files: `(path, YAML)`.
    ///
    /// A file that is not a valid rule is left out and its error returned,
    /// so that one broken rule file does not stop the others from running.
    pub fn compile(files: Vec<(String, RuleFile)>, data: &Data) -> (RuleSet, Vec<FileError>) {
        let mut rules = Vec::with_capacity(files.len());
        let mut errors = Vec::new();
        for (path, meta) in files {
            match compile_one(path, meta, data, &rules) {
                Ok(rule) => rules.push(rule),
                Err(error) => errors.push(error),
            }
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        // A rule may defer to one that was left out; it then runs alone.
        let ids: Vec<Arc<str>> = rules.iter().map(|r| r.id.clone()).collect();
        for rule in &mut rules {
            let unknown: Vec<String> = rule
                .meta
                .defers_to
                .iter()
                .filter(|known| !ids.iter().any(|id| &**id == known.as_str()))
                .cloned()
                .collect();
            for known in unknown {
                errors.push(FileError::said(
                    rule.file.clone(),
                    Msg::RuleDefersTo.text(|_| vec![("id", known.clone())]),
                ));
                rule.meta.defers_to.retain(|k| *k != known);
            }
        }
        for (i, rule) in rules.iter_mut().enumerate() {
            rule.index = i;
        }
        let mut phrases = PhraseIndex::default();
        for rule in &rules {
            for (lang, phrase, entry) in rule.checker.phrases(data) {
                phrases.add(lang, &phrase, rule.phrase_id(entry));
            }
        }
        (RuleSet { rules, phrases }, errors)
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Rule> {
        self.rules.iter_mut().find(|r| &*r.id == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter()
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| &*r.id)
    }

    /// Why `id` names no rule, with the rule probably meant, in `lang`.
    pub fn not_a_rule(&self, id: &str, lang: Lang) -> String {
        let quote = |s: &str| crate::messages::quote(lang, s);
        match crate::suggest::closest(id, self.ids()) {
            Some(s) => Msg::NotARule.say(lang, &[("id", &quote(id)), ("suggestion", &quote(s))]),
            None => Msg::NotARuleList.say(lang, &[("id", &quote(id))]),
        }
    }

    /// Turns off every rule `keep` refuses.
    pub fn enable_only(&mut self, mut keep: impl FnMut(&Rule) -> bool) {
        for rule in &mut self.rules {
            rule.enabled = rule.enabled && keep(rule);
        }
    }

    pub fn phrases(&self) -> &PhraseIndex {
        &self.phrases
    }

    /// Runs every enabled rule on one document, then drops the findings a
    /// more specific rule made redundant. What its directives allow is
    /// dropped later, once the findings across documents are known too
    /// (`crate::suppress::Allowances`).
    pub fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for rule in &self.rules {
            if rule.applies(cx.doc) {
                rule.checker.check(rule, cx, &mut findings);
            }
        }
        let deferring: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| r.enabled && !r.meta.defers_to.is_empty())
            .collect();
        if !deferring.is_empty() && !findings.is_empty() {
            let flagged: rustc_hash::FxHashSet<(usize, usize, &str)> = findings
                .iter()
                .map(|f| (f.span.start, f.span.end, &*f.rule))
                .collect();
            let redundant: Vec<bool> = findings
                .iter()
                .map(|f| {
                    deferring.iter().any(|rule| {
                        rule.id == f.rule
                            && rule.meta.defers_to.iter().any(|other| {
                                flagged.contains(&(f.span.start, f.span.end, other.as_str()))
                            })
                    })
                })
                .collect();
            let mut kept = redundant.iter();
            findings.retain(|_| !kept.next().copied().unwrap_or(false));
        }
        findings
    }

    /// Runs the catalogue rules over the summaries of every checked
    /// document.
    pub fn check_catalogue(&self, catalogue: &Catalogue) -> Vec<(usize, Finding)> {
        let mut out = Vec::new();
        for rule in self.rules.iter().filter(|r| r.enabled) {
            rule.checker.check_catalogue(rule, catalogue, &mut out);
        }
        out
    }
}

/// The rule files compiled into lub: the YAML files directly in `rules/`.
pub fn builtin_files() -> Result<Vec<(String, RuleFile)>, FileError> {
    EMBEDDED
        .iter()
        .filter(|(path, _)| !path.contains('/'))
        .map(|(path, _)| Ok((format!("rules/{path}"), embedded_data(path)?)))
        .collect()
}

/// An embedded file, as `build.rs` compiled it: read as YAML (through
/// `crate::yaml`, so with its strictness) when lub was built, and stored as
/// JSON, which reads many times faster at every start.
pub fn embedded_data<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, FileError> {
    let shown = format!("rules/{path}");
    let json = embedded(path).ok_or_else(|| FileError::new(&shown, "is not compiled into lub"))?;
    serde_json::from_str(json).map_err(|e| FileError::new(&shown, e.to_string()))
}

/// Reads a rule file of the user's.
pub fn read(file: &str, yaml: &str) -> Result<RuleFile, FileError> {
    crate::yaml::from_str(yaml).map_err(|e| FileError::from_yaml(file, &e))
}

/// Checks one rule file's metadata.
fn validate(file: &str, stem: &str, mut meta: RuleFile) -> Result<RuleFile, FileError> {
    let error = |message: Text| FileError::said(file, message);
    // A message and its help are one line each, however the YAML wraps them.
    meta.message = one_line(&meta.message);
    meta.message_one = meta.message_one.as_ref().map(one_line);
    meta.help = meta.help.as_ref().map(one_line);
    if meta.id != stem {
        return Err(error(Msg::RuleIdNotFileName.text(|_| {
            vec![("id", meta.id.clone()), ("stem", stem.to_string())]
        })));
    }
    if !meta
        .id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(error(
            Msg::RuleIdKebab.text(|_| vec![("id", meta.id.clone())]),
        ));
    }
    for (field, value) in [
        ("summary", &meta.summary),
        ("message", &meta.message),
        ("why", &meta.why),
    ] {
        for (lang, text) in value.iter() {
            if text.trim().is_empty() {
                return Err(error(
                    Msg::RuleFieldEmpty.text(|_| vec![("field", format!("{field}.{lang}"))]),
                ));
            }
        }
    }
    if meta.languages.is_empty() {
        return Err(error(
            Msg::RuleFieldEmpty.text(|_| vec![("field", "languages".to_string())]),
        ));
    }
    for (field, text) in [
        ("message", Some(&meta.message)),
        ("message_one", meta.message_one.as_ref()),
        ("help", meta.help.as_ref()),
    ] {
        for (lang, text) in text.iter().flat_map(|t| t.iter()) {
            if let Some(unknown) = unknown_placeholder(text, kinds::PLACEHOLDERS) {
                return Err(error(Msg::RulePlaceholder.text(|_| {
                    vec![
                        ("field", format!("{field}.{lang}")),
                        ("placeholder", format!("{{{unknown}}}")),
                        ("known", kinds::PLACEHOLDERS.join(", ")),
                    ]
                })));
            }
        }
    }
    for example in &meta.examples {
        if example.to_documents().is_none() {
            return Err(error(Msg::RuleExampleShape.text(|_| Vec::new())));
        }
        if example.good.is_some() && !example.flags.is_empty() {
            return Err(error(Msg::RuleGoodFlags.text(|_| Vec::new())));
        }
        if example.bad.is_some() && example.flags.is_empty() {
            return Err(error(Msg::RuleBadFlags.text(|_| Vec::new())));
        }
    }
    Ok(meta)
}

/// Each language's text on one line.
fn one_line(text: &Text) -> Text {
    text.map(|_, t| crate::source::one_line(t))
}

/// The first `{name}` in `text` that is not in `known`.
fn unknown_placeholder<'a>(text: &'a str, known: &[&str]) -> Option<&'a str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        if !known.contains(&name) {
            return Some(name);
        }
        rest = &after[close + 1..];
    }
    None
}
