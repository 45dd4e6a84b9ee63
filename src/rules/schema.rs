//! The YAML contract of a rule file, `rules/<id>.yaml`. Unknown fields are
//! errors, so a typo in a rule file fails loudly instead of being ignored.
//! Fields beyond the common ones are read by the checker the `kind` names,
//! which refuses fields it does not use.

use serde::Deserialize;

use crate::finding::Severity;
use crate::lang::{Category, Lang};
use crate::messages::Text;
use crate::parse::Kind;

/// The common header of a rule file: what every kind has. It is the first
/// of two stages: the fields it does not name are the options of the rule's
/// kind, which the kind decodes in the second stage into its own typed
/// struct (`src/rules/kinds/`), refusing any field it does not know. So a
/// header is read without `deny_unknown_fields`; the second stage refuses
/// what neither knows.
#[derive(Debug, Clone, Deserialize)]
pub struct RuleFile {
    /// Stable public id; equal to the file stem.
    pub id: String,
    /// The kind's name as written: the checker that runs the rule (see
    /// `src/rules/kinds/`). A loaded rule has it as a [`RuleKind`] in
    /// `Rule::kind`.
    ///
    /// [`RuleKind`]: crate::rules::RuleKind
    #[serde(rename = "kind")]
    pub kind_name: String,
    pub severity: Severity,
    pub languages: Vec<Lang>,
    /// What the rule looks at; one of the scopes its kind declares.
    pub scope: Scope,
    /// One line for `lub rules`, in each language.
    pub summary: Text,
    /// The finding's message, with placeholders such as `{match}`, in each
    /// language; only those its kind fills.
    pub message: Text,
    /// The message when `{count}` is 1, for a rule whose words change
    /// with the number ("the only outcome", not "none of the 1 outcomes").
    #[serde(default)]
    pub message_one: Option<Text>,
    /// Why this matters, for `lub explain` and SARIF, in each language:
    /// see `why`.
    #[serde(default, rename = "why")]
    pub(crate) written_why: Option<Text>,
    /// A built-in rule's why, as build.rs stored it apart from its header,
    /// and once read.
    #[serde(skip)]
    pub(crate) built_why: Option<&'static str>,
    #[serde(skip)]
    read_why: std::sync::OnceLock<Text>,
    /// What to write instead, in each language.
    pub help: Option<Text>,
    /// The examples a user's rule file holds; a built-in rule's are read
    /// only when asked for (`examples`).
    #[serde(default, rename = "examples")]
    pub(crate) written_examples: Vec<Example>,
    /// A built-in rule's examples, as build.rs stored them apart from its
    /// header, and once read.
    #[serde(skip)]
    pub(crate) built_examples: Option<&'static str>,
    #[serde(skip)]
    read_examples: std::sync::OnceLock<Vec<Example>>,

    /// Document kinds the rule applies to; a document whose kind is not
    /// known is not checked. Default: all documents.
    pub applies_to: Option<Vec<Kind>>,
    /// NKR levels the rule applies to; a document whose level is not known
    /// is not checked. Default: all documents.
    pub levels: Option<Vec<u8>>,
    /// Rules whose finding on the same text makes this rule's finding
    /// redundant (generic-outcome defers to nkr-copy).
    #[serde(default)]
    pub defers_to: Vec<String>,
}

use super::header::HEADER_FIELDS;

impl RuleFile {
    /// Why the rule matters: a check needs it only for SARIF, so a built-in
    /// rule's is read the first time it is asked for. A file without one
    /// is refused when its rule is compiled.
    pub fn why(&self) -> &Text {
        static NONE: Text = Text {
            nb: String::new(),
            nn: String::new(),
            en: String::new(),
        };
        match self.built_why {
            Some(json) => self
                .read_why
                .get_or_init(|| serde_json::from_str(json).unwrap_or_else(|_| NONE.clone())),
            None => self.written_why.as_ref().unwrap_or(&NONE),
        }
    }

    /// Whether the rule is one of lub's own, as build.rs split it.
    pub(crate) fn is_built_in(&self) -> bool {
        self.built_why.is_some()
    }

    /// The rule's examples: a check needs none of them, so a built-in
    /// rule's are read the first time `lub explain` or a test asks. The
    /// build checked they are YAML; the rule harness, that each reads.
    pub fn examples(&self) -> &[Example] {
        match self.built_examples {
            Some(json) => self
                .read_examples
                .get_or_init(|| serde_json::from_str(json).unwrap_or_default()),
            None => &self.written_examples,
        }
    }
}

/// A rule file as read, before its kind decodes its options: the header,
/// the other fields as they were written, and, for a user's YAML file, its
/// text, to say where a field is.
#[derive(Debug, Clone)]
pub struct RawRule {
    pub meta: RuleFile,
    pub options: RuleOptions,
    pub text: Option<String>,
}

/// A rule file's fields beyond the header.
#[derive(Debug, Clone)]
pub enum RuleOptions {
    /// As a user's file wrote them, to be checked field by field.
    Written(serde_json::Map<String, serde_json::Value>),
    /// A built-in rule's, as build.rs stored them: JSON that its kind
    /// decodes straight into its options struct, without a tree between.
    Built(&'static str),
}

impl RuleOptions {
    /// The fields as a JSON object, for what shows a rule.
    pub fn value(&self) -> serde_json::Value {
        match self {
            RuleOptions::Written(map) => serde_json::Value::Object(map.clone()),
            // build.rs wrote it from an object, and a test reads it back.
            RuleOptions::Built(json) => serde_json::from_str(json)
                .unwrap_or_else(|_| serde_json::Value::Object(serde_json::Map::new())),
        }
    }
}

impl RawRule {
    /// Splits a rule file's fields into the header and the options.
    pub fn split(
        meta: RuleFile,
        mut all: serde_json::Map<String, serde_json::Value>,
        text: Option<String>,
    ) -> RawRule {
        all.retain(|key, _| !HEADER_FIELDS.contains(&key.as_str()));
        RawRule {
            meta,
            options: RuleOptions::Written(all),
            text,
        }
    }

    /// The 1-based line and column of the field `key`, at the top level of
    /// the file or, with `under`, in the mapping of that top-level field;
    /// `(0, 0)` when the file has no text or the field is not found.
    pub fn position(&self, under: Option<&str>, key: &str) -> (u64, u64) {
        let Some(text) = &self.text else {
            return (0, 0);
        };
        let starts = |line: &str, key: &str| {
            line.strip_prefix(key)
                .or_else(|| {
                    line.strip_prefix('"')
                        .and_then(|l| l.strip_prefix(key))
                        .and_then(|l| l.strip_prefix('"'))
                })
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        };
        let mut inside = under.is_none();
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            let at = (i as u64 + 1, indent as u64 + 1);
            match under {
                None if indent == 0 && starts(trimmed, key) => return at,
                Some(parent) if indent == 0 && !trimmed.is_empty() && !trimmed.starts_with('#') => {
                    inside = starts(trimmed, parent);
                    if inside && let Some(col) = line.find(&format!("{key}:")) {
                        return (i as u64 + 1, col as u64 + 1);
                    }
                }
                Some(_) if inside && indent > 0 && starts(trimmed, key) => return at,
                _ => {}
            }
        }
        (0, 0)
    }
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Outcome,
    Section,
    Document,
    Catalogue,
}

impl Scope {
    pub const ALL: [Scope; 4] = [
        Scope::Outcome,
        Scope::Section,
        Scope::Document,
        Scope::Catalogue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Outcome => "outcome",
            Scope::Section => "section",
            Scope::Document => "document",
            Scope::Catalogue => "catalogue",
        }
    }
}

/// Where in an outcome a phrase counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// Where the outcome says what the candidate does: after only its
    /// lead-in words ("Studenten skal kunne …"). "Explain how users
    /// understand …" does not have "understand" there.
    Head,
    /// At the start of a sentence: "Emnet gir …", "The course covers …";
    /// not "Students completing the unit will …".
    Start,
    /// Anywhere.
    Anywhere,
}

/// One phrase of a `phrase` rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseEntry {
    /// The phrase; words in parentheses are optional. Matched on word forms.
    pub phrase: String,
    /// Word forms the phrase must catch; a test checks that each reaches
    /// the phrase.
    #[serde(default)]
    pub forms: Vec<String>,
    /// What to write instead, when it differs from the rule's suggestions.
    #[serde(default)]
    pub suggest: Vec<String>,
    /// A weaker severity for this phrase (never stronger than the rule's).
    pub severity: Option<Severity>,
    /// Text that replaces the phrase, offered as a fix.
    pub replace: Option<String>,
    /// Whether `--fix` may apply `replace` unread: only for a replacement
    /// that keeps the meaning in every context.
    #[serde(default)]
    pub safe: bool,
    /// A phrase that is fine: it shadows the shorter phrases it contains
    /// ("knows how to" is a skill; "knows" alone is not) and reports
    /// nothing.
    #[serde(default)]
    pub allow: bool,
    /// Where this phrase is looked for, when not where the rule's others
    /// are: "Kunnskap om …" as an outcome's first words, not "har kunnskap
    /// om" at its head.
    pub position: Option<Position>,
    /// The framework's own wording ("kjenner til", "is familiar with"):
    /// only info where a descriptor of the document's level and the
    /// outcome's category uses it, the rule's severity elsewhere.
    #[serde(default)]
    pub framework: bool,
}

/// A text the rule must flag or must pass. `bad` and `good` are one outcome,
/// which the test harness wraps in a minimal document; `document` is a whole
/// document, for rules about structure; `documents` are several, for rules
/// that compare documents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub lang: Lang,
    pub bad: Option<String>,
    pub good: Option<String>,
    pub document: Option<String>,
    #[serde(default)]
    pub documents: Vec<ExampleDocument>,
    /// The exact texts a `bad` or `document` example must be flagged at, in
    /// order; empty for a document that must pass.
    #[serde(default)]
    pub flags: Vec<String>,
    /// The category a `bad` or `good` outcome is placed in (default:
    /// knowledge).
    pub category: Option<Category>,
    /// The NKR level of the wrapping document (default: 7).
    pub level: Option<u8>,
    /// The kind of the wrapping document (default: programme).
    pub kind: Option<Kind>,
    /// For a `document` whose findings have safe fixes: the document after
    /// `--fix` (which a second `--fix` must leave as it is).
    pub fixed: Option<String>,
}

/// One of the documents of a multi-document example.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDocument {
    /// Its file name, which may carry a language code (`x.en.lub.md`).
    pub name: String,
    pub text: String,
}

impl Example {
    /// "bad", "good", "bad-document" or "good-document", for test names.
    pub fn label(&self) -> &'static str {
        match (&self.bad, &self.good) {
            (Some(_), _) => "bad",
            (_, Some(_)) => "good",
            _ if self.flags.is_empty() => "good-document",
            _ => "bad-document",
        }
    }

    pub fn must_flag(&self) -> bool {
        !self.flags.is_empty()
    }

    /// The example as `(file name, text)` documents: `document(s)` as they
    /// are, or the one outcome of `bad`/`good` under its category in a
    /// minimal document of its language. `None` unless exactly one of
    /// `bad`, `good`, `document` and `documents` is given.
    pub fn to_documents(&self) -> Option<Vec<(String, String)>> {
        let name = format!("example.{}.lub.md", self.lang);
        match (
            &self.bad,
            &self.good,
            &self.document,
            self.documents.is_empty(),
        ) {
            (Some(text), None, None, true) | (None, Some(text), None, true) => {
                let category = self.category.unwrap_or(Category::Knowledge);
                let document = format!(
                    "---\nlang: {}\nlevel: {}\nkind: {}\n---\n## {}\n- {}\n",
                    self.lang,
                    self.level.unwrap_or(7),
                    self.kind.unwrap_or(Kind::Programme).key(),
                    category.heading(self.lang),
                    text.trim()
                );
                Some(vec![(name, document)])
            }
            (None, None, Some(document), true) => Some(vec![(name, document.clone())]),
            (None, None, None, false) => Some(
                self.documents
                    .iter()
                    .map(|d| (d.name.clone(), d.text.clone()))
                    .collect(),
            ),
            _ => None,
        }
    }
}
