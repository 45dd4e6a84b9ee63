//! **rules**: YAML files in `rules/`, compiled into the binary (plus any
//! folders `lub.yaml` adds) and loaded once per run, each run by the checker
//! its `kind` names.

mod header;
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
pub(crate) use header::HEADER_FIELDS;
pub use kinds::{Behaviour, Catalogue, DocSummary, KindDef, RuleKind};
pub use schema::{
    Example, ExampleDocument, PhraseEntry, Position, RawRule, RuleFile, RuleOptions, Scope,
};

/// What a checker sees of one document.
pub struct Context<'a> {
    pub source: &'a SourceFile,
    pub doc: &'a Document,
    pub analysis: &'a Analysis,
    pub data: &'a Data,
    /// How its findings speak.
    pub speech: Speech,
    /// The words of every outcome, gathered for the first rule that looks
    /// patterns up in them and kept for the others.
    pub(crate) outcome_words: std::cell::OnceCell<kinds::OutcomeWords<'a>>,
}

pub use crate::lang::Speech;

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
    /// The checker that runs it, as `meta.kind_name` names it.
    pub kind: RuleKind,
    /// The rule file's fields beyond the header: what the kind decoded
    /// into its options.
    options: RuleOptions,
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
            related: Vec::new(),
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
                    .is_some_and(|l| levels.contains(&l.value.get()))
            })
    }

    /// An option of the rule's kind, as a `T`, if the rule file sets it:
    /// for what shows a rule (`lub explain`) and for tests. The checker has
    /// its options typed.
    pub fn option<T: serde::de::DeserializeOwned>(&self, name: &str) -> Option<T> {
        T::deserialize(self.options.value().get(name)?).ok()
    }

    /// The rule's `limits`, by name, as numbers: to show them.
    pub fn limits(&self) -> std::collections::BTreeMap<String, f64> {
        self.options
            .value()
            .get("limits")
            .and_then(serde_json::Value::as_object)
            .map(|limits| {
                limits
                    .iter()
                    .filter_map(|(name, value)| Some((name.clone(), value.as_f64()?)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A `phrase` rule's `suggestions`; empty for other rules.
    pub fn suggestions(
        &self,
    ) -> std::collections::BTreeMap<
        Lang,
        std::collections::BTreeMap<crate::lang::Category, Vec<String>>,
    > {
        self.option("suggestions").unwrap_or_default()
    }

    /// What the rule looks at, one of the scopes its kind declares.
    pub fn scope(&self) -> Scope {
        self.meta.scope
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

/// Validates one rule file and builds its checker: the header first, then
/// the kind's options, every error in `lang`.
fn compile_one(
    path: String,
    raw: RawRule,
    data: &Data,
    earlier: &[Rule],
    lang: Lang,
) -> Result<Rule, FileError> {
    let RawRule {
        meta,
        options,
        text,
    } = raw;
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
    let raw = RawRule {
        meta,
        options,
        text,
    };
    let kind = kind_of(&path, &raw, lang)?;
    let def = kind.def();
    if !def.scopes.contains(&raw.meta.scope) {
        let (line, column) = raw.position(None, "scope");
        let scopes: Vec<String> = def
            .scopes
            .iter()
            .map(|s| crate::messages::quote(lang, s.as_str()))
            .collect::<Vec<_>>();
        return Err(FileError::at(
            path,
            line,
            column,
            Msg::RuleWrongScope.say(
                lang,
                &[
                    (
                        "scope",
                        &crate::messages::quote(lang, raw.meta.scope.as_str()),
                    ),
                    ("kind", &crate::messages::quote(lang, kind.name())),
                    ("scopes", &scopes.join(", ")),
                ],
            ),
        ));
    }
    check_placeholders(&path, &raw, def, kind, lang)?;
    if let RuleOptions::Written(written) = &raw.options {
        check_fields(&path, &raw, written, def, kind, lang)?;
    }
    let checker = kinds::checker(kind, &raw.meta, &raw.options, data).map_err(|e| {
        // The field a value is wrong in, where the file has it.
        let Some(top) = e.field.first() else {
            return match e.text {
                Some(text) => FileError::said(path.clone(), text),
                None => FileError::new(path.clone(), e.message),
            };
        };
        let (line, column) = match e.field.get(1) {
            Some(inner) => raw.position(Some(top), inner),
            None => raw.position(None, top),
        };
        let field = format!("`{}`", e.field.join("."));
        FileError::at(
            path.clone(),
            line,
            column,
            Msg::RuleBadValue.say(lang, &[("field", &field), ("error", e.message_in(lang))]),
        )
    })?;
    let RawRule { meta, options, .. } = raw;
    Ok(Rule {
        id: Arc::from(meta.id.as_str()),
        kind,
        options,
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
        let (rules, mut errors) = RuleSet::compile(builtin_files()?, data, Lang::En);
        match errors.pop() {
            Some(error) => Err(error),
            None => Ok(rules),
        }
    }

    /// Validates and compiles rule files as read: `(path, rule)`; lub's own
    /// errors about them are in `lang`.
    ///
    /// A file that is not a valid rule is left out and its error returned,
    /// so that one broken rule file does not stop the others from running.
    pub fn compile(
        files: Vec<(String, RawRule)>,
        data: &Data,
        lang: Lang,
    ) -> (RuleSet, Vec<FileError>) {
        let mut rules = Vec::with_capacity(files.len());
        let mut errors = Vec::new();
        for (path, raw) in files {
            match compile_one(path, raw, data, &rules, lang) {
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
pub fn builtin_files() -> Result<Vec<(String, RawRule)>, FileError> {
    crate::embedded::RULES
        .iter()
        .map(|(path, header, options, examples, why)| {
            let shown = format!("rules/{path}");
            let error = |e: serde_json::Error| FileError::new(&shown, e.to_string());
            let mut meta: RuleFile = serde_json::from_str(header).map_err(error)?;
            meta.built_examples = Some(examples);
            meta.built_why = Some(why);
            Ok((
                shown,
                RawRule {
                    meta,
                    options: RuleOptions::Built(options),
                    text: None,
                },
            ))
        })
        .collect()
}

/// Reads a rule file of the user's: its header, with the position of what
/// is wrong in it, and its other fields, which its kind decodes when the
/// rule is compiled.
pub fn read(file: &str, yaml: &str) -> Result<RawRule, FileError> {
    let meta: RuleFile = crate::yaml::from_str(yaml).map_err(|e| FileError::from_yaml(file, &e))?;
    let all: serde_json::Map<String, serde_json::Value> =
        crate::yaml::from_str(yaml).map_err(|e| FileError::from_yaml(file, &e))?;
    Ok(RawRule::split(meta, all, Some(yaml.to_string())))
}

/// The kind a rule file names, or an error that lists the kinds.
fn kind_of(file: &str, raw: &RawRule, lang: Lang) -> Result<RuleKind, FileError> {
    let name = &raw.meta.kind_name;
    if let Some(kind) = RuleKind::from_name(name) {
        return Ok(kind);
    }
    let quote = |s: &str| crate::messages::quote(lang, s);
    let kinds: Vec<String> = kinds::names().map(quote).collect();
    let kinds = crate::messages::list(lang, &kinds);
    // The list follows the message whole: a value filled in is cut short.
    let message = match crate::suggest::closest(name, kinds::names()) {
        Some(s) => {
            Msg::RuleUnknownKind.say(lang, &[("kind", &quote(name)), ("suggestion", &quote(s))])
        }
        None => Msg::RuleUnknownKindList.say(lang, &[("kind", &quote(name))]),
    };
    let message = format!("{message} {kinds}");
    let (line, column) = raw.position(None, "kind");
    Err(FileError::at(file, line, column, message))
}

/// Refuses a `message` or `help` that uses a placeholder its kind does not
/// fill, which would be printed as written.
fn check_placeholders(
    file: &str,
    raw: &RawRule,
    def: &KindDef,
    kind: RuleKind,
    lang: Lang,
) -> Result<(), FileError> {
    let quote = |s: &str| crate::messages::quote(lang, s);
    for (field, text) in [
        ("message", Some(&raw.meta.message)),
        ("message_one", raw.meta.message_one.as_ref()),
        ("help", raw.meta.help.as_ref()),
    ] {
        for (in_lang, text) in text.iter().flat_map(|t| t.iter()) {
            let Some(unknown) = unknown_placeholder(text, |name| def.fills(name)) else {
                continue;
            };
            let known: Vec<String> = def
                .filled()
                .iter()
                .map(|name| format!("{{{name}}}"))
                .collect();
            let (line, column) = raw.position(None, field);
            return Err(FileError::at(
                file,
                line,
                column,
                Msg::RuleUnknownPlaceholder.say(
                    lang,
                    &[
                        ("field", &format!("`{field}.{in_lang}`")),
                        ("placeholder", &format!("{{{unknown}}}")),
                        ("kind", &quote(kind.name())),
                        ("known", &crate::messages::list(lang, &known)),
                    ],
                ),
            ));
        }
    }
    Ok(())
}

/// Refuses a field the kind does not read, and a limit it does not have,
/// with the one probably meant: the kind's options struct would refuse
/// them too, but without the position or the suggestion.
fn check_fields(
    file: &str,
    raw: &RawRule,
    options: &serde_json::Map<String, serde_json::Value>,
    def: &KindDef,
    kind: RuleKind,
    lang: Lang,
) -> Result<(), FileError> {
    let quote = |s: &str| crate::messages::quote(lang, s);
    let fields = def.fields();
    let unknown = |name: &str, under: Option<&str>, known: &[&str], candidates: Vec<&str>| {
        let (line, column) = raw.position(under, name);
        let values = |known_msg: Msg, suggestion: Option<&str>| {
            let known: Vec<String> = known.iter().map(|k| quote(k)).collect();
            let mut values = vec![
                ("field", quote(name)),
                ("kind", quote(kind.name())),
                ("known", crate::messages::list(lang, &known)),
            ];
            if let Some(s) = suggestion {
                values.push(("suggestion", quote(s)));
            }
            let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            known_msg.say(lang, &values)
        };
        let message = match (crate::suggest::closest(name, candidates), under) {
            (Some(s), None) => values(Msg::RuleUnknownField, Some(s)),
            (Some(s), Some(_)) => values(Msg::RuleUnknownLimit, Some(s)),
            (None, None) if known.is_empty() => values(Msg::RuleUnknownFieldNone, None),
            (None, None) => values(Msg::RuleUnknownFieldList, None),
            (None, Some(_)) => values(Msg::RuleUnknownLimitList, None),
        };
        FileError::at(file, line, column, message)
    };
    for name in options.keys() {
        if !fields.contains(&name.as_str()) {
            let candidates = fields.iter().chain(HEADER_FIELDS).copied().collect();
            return Err(unknown(name, None, fields, candidates));
        }
    }
    let limits = def.limits();
    if let Some(serde_json::Value::Object(written)) = options.get("limits") {
        for name in written.keys() {
            if !limits.contains(&name.as_str()) {
                return Err(unknown(name, Some("limits"), limits, limits.to_vec()));
            }
        }
    }
    Ok(())
}

/// Checks one rule file's metadata.
fn validate(file: &str, stem: &str, mut meta: RuleFile) -> Result<RuleFile, FileError> {
    let error = |message: Text| FileError::said(file, message);
    // A message and its help are one line each, however the YAML wraps
    // them; build.rs made a built-in rule's so.
    if !meta.is_built_in() {
        one_line(&mut meta.message);
        meta.message_one.iter_mut().for_each(one_line);
        meta.help.iter_mut().for_each(one_line);
    }
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
    if meta.written_why.is_none() && !meta.is_built_in() {
        return Err(error(
            Msg::RuleFieldMissing.text(|_| vec![("field", "why".to_string())]),
        ));
    }
    // A built-in rule's why is read only when asked for; tests/wording.rs
    // reads every one.
    for (field, value) in [
        ("summary", Some(&meta.summary)),
        ("message", Some(&meta.message)),
        ("why", meta.written_why.as_ref()),
    ] {
        for (lang, text) in value.iter().flat_map(|value| value.iter()) {
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
    // A built-in rule's examples are checked by the test of that name.
    check_examples(&meta.written_examples).map_err(|msg| error(msg.text(|_| Vec::new())))?;
    Ok(meta)
}

/// What is wrong with the first example of `examples` that is not of a
/// shape the harness can run.
fn check_examples(examples: &[Example]) -> Result<(), Msg> {
    for example in examples {
        if example.to_documents().is_none() {
            return Err(Msg::RuleExampleShape);
        }
        if example.good.is_some() && !example.flags.is_empty() {
            return Err(Msg::RuleGoodFlags);
        }
        if example.bad.is_some() && example.flags.is_empty() {
            return Err(Msg::RuleBadFlags);
        }
    }
    Ok(())
}

/// The first `{name}` left in a message or help as printed: a placeholder
/// that was not filled in. A name is lower-case letters, digits and `-`, as
/// placeholders are; other braces are the document's own text.
pub fn leftover_placeholder(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Some(name);
        }
        rest = after;
    }
    None
}

/// Each language's text on one line.
fn one_line(text: &mut Text) {
    for t in [&mut text.nb, &mut text.nn, &mut text.en] {
        if !crate::source::is_one_line(t) {
            *t = crate::source::one_line(t);
        }
    }
}

/// The first `{name}` in `text` that `known` refuses.
fn unknown_placeholder(text: &str, known: impl Fn(&str) -> bool) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        if !known(name) {
            return Some(name);
        }
        rest = &after[close + 1..];
    }
    None
}

impl crate::suppress::KnownRules for RuleSet {
    fn is_on(&self, id: &str) -> Option<bool> {
        self.get(id).map(|rule| rule.enabled)
    }

    fn not_a_rule(&self, id: &str, lang: Lang) -> String {
        RuleSet::not_a_rule(self, id, lang)
    }

    fn directive_finding(&self, speech: Speech, span: Span, detail: &str) -> Option<Finding> {
        self.iter()
            .find(|r| r.kind == RuleKind::Directives && r.enabled)
            .map(|rule| rule.finding(speech, span, &[("detail", detail)]))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// Every built-in rule's examples, which a start leaves unread, are of a
    /// shape the harness runs, and a broken one would be refused.
    #[test]
    fn the_built_in_examples_are_of_a_shape_the_harness_runs() {
        let linter = crate::Linter::builtin().unwrap();
        for rule in linter.rules().iter() {
            assert!(!rule.meta.examples().is_empty(), "{}", rule.id);
            assert!(check_examples(rule.meta.examples()).is_ok(), "{}", rule.id);
        }
        let mut broken = linter
            .rules()
            .get("vague-verb")
            .unwrap()
            .meta
            .examples()
            .to_vec();
        broken[0].flags.clear();
        broken[0].good = None;
        assert!(check_examples(&broken).is_err());
    }

    /// A built-in rule's why, which a start leaves unread, reads back as its
    /// file gives it; a user's rule file without one is refused.
    #[test]
    fn the_why_read_on_demand_is_the_files_own() {
        for (rule, file) in built_in_rules_and_files() {
            let why: Text = serde_json::from_value(file["why"].clone()).unwrap();
            assert_eq!(rule.meta.why(), &why, "{}", rule.id);
            assert!(!why.en.is_empty(), "{}", rule.id);
        }
        let without = own(
            "phrase",
            "outcome",
            "«{match}»",
            "phrases:\n  nb:\n    - phrase: prosessortid\n",
        )
        .replace("why: Fordi.\n", "");
        let refused = error(&without, Lang::En).in_lang(Lang::En);
        assert!(refused.contains("`why` is missing"), "{refused}");
    }

    /// A built-in rule's message and help, which build.rs put on one line,
    /// are as a user's file's would be made at its start.
    #[test]
    fn the_built_texts_are_on_one_line() {
        for (rule, file) in built_in_rules_and_files() {
            for (field, built) in [
                ("message", Some(&rule.meta.message)),
                ("message_one", rule.meta.message_one.as_ref()),
                ("help", rule.meta.help.as_ref()),
            ] {
                let mut written: Option<Text> =
                    serde_json::from_value(file[field].clone()).unwrap();
                written.iter_mut().for_each(one_line);
                assert_eq!(built, written.as_ref(), "{}: {field}", rule.id);
            }
        }
    }

    /// A built-in rule's options, which its kind decodes from build.rs's
    /// JSON without the field checks a user's file gets, are its file's
    /// fields beyond the header, every one, as `lub explain` shows them.
    #[test]
    fn the_built_options_are_the_files_fields_beyond_the_header() {
        for (rule, file) in built_in_rules_and_files() {
            let serde_json::Value::Object(mut file) = file else {
                panic!("{}: a rule file is a mapping", rule.id)
            };
            file.retain(|key, _| !HEADER_FIELDS.contains(&key.as_str()));
            assert!(matches!(rule.options, RuleOptions::Built(_)), "{}", rule.id);
            assert_eq!(
                rule.options.value(),
                serde_json::Value::Object(file),
                "{}",
                rule.id
            );
        }
        // A field its kind does not know fails the decoding, as a user's
        // file would, only in serde's words.
        let data = Data::load(&crate::analyse::FrameworkSource::Builtin(
            crate::analyse::DEFAULT_FRAMEWORK,
        ))
        .unwrap();
        let mut files = builtin_files().unwrap();
        let (_, long) = files
            .iter_mut()
            .find(|(path, _)| path.ends_with("/long-outcome.yaml"))
            .unwrap();
        long.options = RuleOptions::Built(r#"{"no_such_field": 1}"#);
        let (_, errors) = RuleSet::compile(files, &data, Lang::En);
        let [error] = &errors[..] else {
            panic!("{errors:?}")
        };
        assert!(
            error.in_lang(Lang::En).contains("no_such_field"),
            "{error:?}"
        );
    }

    /// Every built-in rule as compiled, with its whole file as build.rs
    /// embedded it.
    fn built_in_rules_and_files() -> Vec<(Rule, serde_json::Value)> {
        let data = Data::load(&crate::analyse::FrameworkSource::Builtin(
            crate::analyse::DEFAULT_FRAMEWORK,
        ))
        .unwrap();
        RuleSet::builtin(&data)
            .unwrap()
            .rules
            .into_iter()
            .map(|rule| {
                let path = format!("{}.yaml", rule.id);
                let file = serde_json::from_str(crate::embedded::file(&path).unwrap()).unwrap();
                (rule, file)
            })
            .collect()
    }

    /// A rule file of a user's, with `body` after its common header.
    fn own(kind: &str, scope: &str, message: &str, body: &str) -> String {
        format!(
            "id: own\nkind: {kind}\nseverity: warning\nlanguages: [nb]\nscope: {scope}\n\
             summary: Eget.\nmessage: \"{message}\"\nwhy: Fordi.\n{body}"
        )
    }

    /// The error of compiling one own rule file, in `lang`.
    fn error(yaml: &str, lang: Lang) -> FileError {
        let linter = crate::Linter::builtin().unwrap();
        let raw = read("regler/own.yaml", yaml).unwrap();
        let (rules, mut errors) =
            RuleSet::compile(vec![("regler/own.yaml".into(), raw)], linter.data(), lang);
        assert!(rules.get("own").is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.pop().unwrap()
    }

    fn compiles(yaml: &str) -> Rule {
        let linter = crate::Linter::builtin().unwrap();
        let raw = read("regler/own.yaml", yaml).unwrap();
        let (mut rules, errors) = RuleSet::compile(
            vec![("regler/own.yaml".into(), raw)],
            linter.data(),
            Lang::En,
        );
        assert!(errors.is_empty(), "{errors:?}");
        let index = rules.rules.iter().position(|r| &*r.id == "own").unwrap();
        rules.rules.remove(index)
    }

    const LIX_LIMITS: &str = "limits:\n  max_lix: 65\n  min_words: 40\n";

    #[test]
    fn an_own_rule_with_typed_limits_compiles_and_shows_them() {
        let rule = compiles(&own("lix", "document", "LIX {count}", LIX_LIMITS));
        assert_eq!(rule.kind, RuleKind::Lix);
        assert_eq!(
            rule.limits().into_iter().collect::<Vec<_>>(),
            vec![
                ("max_lix".to_string(), 65.0),
                ("min_words".to_string(), 40.0)
            ]
        );
    }

    #[test]
    fn a_misspelt_limit_is_an_error_naming_it_where_it_is() {
        let yaml = own(
            "lix",
            "document",
            "LIX {count}",
            "limits:\n  max_lixx: 65\n  min_words: 40\n",
        );
        let e = error(&yaml, Lang::En);
        assert_eq!(e.file, "regler/own.yaml");
        assert_eq!((e.line, e.column), (10, 3));
        assert_eq!(
            e.message,
            "kind “lix” has no limit “max_lixx”; did you mean “max_lix”? The limits are “max_lix” and “min_words”"
        );
        let e = error(&yaml, Lang::Nb);
        assert!(
            e.message
                .starts_with("regeltypen «lix» har ingen grense «max_lixx»; mente du «max_lix»?"),
            "{}",
            e.message
        );
        // A limit far from any is listed with the kind's limits.
        let e = error(
            &own(
                "lix",
                "document",
                "LIX",
                "limits:\n  tallet: 65\n  min_words: 40\n",
            ),
            Lang::En,
        );
        assert_eq!(
            e.message,
            "kind “lix” has no limit “tallet”; the limits are “max_lix” and “min_words”"
        );
    }

    #[test]
    fn a_missing_or_mistyped_limit_is_an_error_not_a_rule_that_never_fires() {
        let e = error(
            &own("lix", "document", "LIX", "limits:\n  max_lix: 65\n"),
            Lang::En,
        );
        assert!(e.message.contains("min_words"), "{}", e.message);
        let e = error(
            &own(
                "lix",
                "document",
                "LIX",
                "limits:\n  max_lix: many\n  min_words: 40\n",
            ),
            Lang::En,
        );
        assert_eq!((e.line, e.column), (10, 3));
        assert_eq!(
            e.message,
            "wrong value in `limits.max_lix`: invalid type: string \"many\", expected u32"
        );
        let e = error(
            &own(
                "lix",
                "document",
                "LIX",
                "limits:\n  max_lix: 65.5\n  min_words: 40\n",
            ),
            Lang::Nb,
        );
        assert!(
            e.message.starts_with("feil verdi i `limits.max_lix`"),
            "{}",
            e.message
        );
        let e = error(&own("lix", "document", "LIX", ""), Lang::En);
        assert!(e.message.contains("`limits`"), "{}", e.message);
    }

    #[test]
    fn a_field_the_kind_does_not_read_is_an_error_with_the_field_meant() {
        let e = error(
            &own(
                "phrase",
                "outcome",
                "{match}",
                "phrases:\n  nb:\n    - phrase: x\nsugestions: {}\n",
            ),
            Lang::En,
        );
        assert_eq!((e.line, e.column), (12, 1));
        assert!(
            e.message.starts_with(
                "the field “sugestions” is not read by kind “phrase”; did you mean “suggestions”?"
            ),
            "{}",
            e.message
        );
        // A header field misspelt is suggested too.
        let e = error(
            &own(
                "lix",
                "document",
                "LIX",
                &format!("{LIX_LIMITS}defer_to: [x]\n"),
            ),
            Lang::En,
        );
        assert!(
            e.message.contains("did you mean “defers_to”?"),
            "{}",
            e.message
        );
        // A kind with no options of its own.
        let e = error(&own("lead-in", "section", "{detail}", LIX_LIMITS), Lang::En);
        assert_eq!(
            e.message,
            "the field “limits” is not read by kind “lead-in”, which reads only the common fields"
        );
    }

    #[test]
    fn an_unknown_kind_is_an_error_that_lists_the_kinds() {
        let e = error(&own("phrse", "outcome", "x", ""), Lang::En);
        assert_eq!((e.line, e.column), (2, 1));
        assert!(
            e.message.starts_with(
                "there is no kind “phrse”; did you mean “phrase”? The kinds are: “parser”, “phrase”"
            ),
            "{}",
            e.message
        );
        for kind in kinds::names() {
            assert!(
                e.message.contains(&format!("“{kind}”")),
                "{kind}: {}",
                e.message
            );
        }
        let e = error(&own("zzzzzzzz", "outcome", "x", ""), Lang::Nn);
        assert!(
            e.message
                .starts_with("regeltypen «zzzzzzzz» finst ikkje; typane er: «parser»"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_scope_the_kind_does_not_look_at_is_an_error() {
        let e = error(&own("lix", "outcome", "LIX", LIX_LIMITS), Lang::En);
        assert_eq!((e.line, e.column), (5, 1));
        assert_eq!(
            e.message,
            "`scope` cannot be “outcome” for kind “lix”, which looks at “document”"
        );
        let e = error(&own("specificity", "catalogue", "x", ""), Lang::En);
        assert_eq!(
            e.message,
            "`scope` cannot be “catalogue” for kind “specificity”, which looks at “outcome”, “document”"
        );
    }

    #[test]
    fn a_placeholder_the_kind_does_not_fill_is_an_error() {
        let e = error(&own("lix", "document", "LIX {match}", LIX_LIMITS), Lang::En);
        assert_eq!((e.line, e.column), (7, 1));
        assert_eq!(
            e.message,
            "`message.nb` uses {match}, which kind “lix” does not fill in; it fills in {count}, {limit}, {detail}, {kind} and {this-kind}"
        );
        let e = error(
            &own(
                "lix",
                "document",
                "LIX",
                &format!("{LIX_LIMITS}help: \"skriv {{suggestions}}\"\n"),
            ),
            Lang::En,
        );
        assert!(
            e.message.starts_with("`help.nb` uses {suggestions}"),
            "{}",
            e.message
        );
        // `{kind}` and `{this-kind}` every rule may use.
        compiles(&own(
            "lix",
            "document",
            "{this-kind}: LIX {count} of {kind}",
            LIX_LIMITS,
        ));
    }

    #[test]
    fn only_a_rule_that_compares_documents_wants_their_summaries() {
        for kind in RuleKind::ALL {
            assert_eq!(
                kind.compares_documents(),
                kind == RuleKind::Translation,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn a_leftover_placeholder_is_found_and_other_braces_are_not() {
        assert_eq!(leftover_placeholder("«x» {count} words"), Some("count"));
        assert_eq!(leftover_placeholder("a { {this-kind}"), Some("this-kind"));
        assert_eq!(leftover_placeholder("{Topic} {} { x }"), None);
        assert_eq!(leftover_placeholder("no braces"), None);
    }
}
