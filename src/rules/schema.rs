//! The YAML contract of a rule file, `rules/<id>.yaml`. Unknown fields are
//! errors, so a typo in a rule file fails loudly instead of being ignored.
//! Fields beyond the common ones are read by the checker the `kind` names,
//! which refuses fields it does not use.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::finding::Severity;
use crate::lang::{Category, Lang};
use crate::messages::Text;
use crate::parse::Kind;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Stable public id; equal to the file stem.
    pub id: String,
    /// The checker that runs the rule (see `src/rules/kinds/`).
    pub kind: String,
    pub severity: Severity,
    pub languages: Vec<Lang>,
    pub scope: Scope,
    /// One line for `lub rules`, in each language.
    pub summary: Text,
    /// The finding's message, with placeholders such as `{match}`, in each
    /// language.
    pub message: Text,
    /// The message when `{count}` is 1, for a rule whose words change
    /// with the number ("the only outcome", not "none of the 1 outcomes").
    #[serde(default)]
    pub message_one: Option<Text>,
    /// Why this matters, for `lub explain`, in each language.
    pub why: Text,
    /// What to write instead, in each language.
    pub help: Option<Text>,
    #[serde(default)]
    pub examples: Vec<Example>,

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

    /// `phrase` rules: the phrases to find, per language.
    #[serde(default)]
    pub phrases: BTreeMap<Lang, Vec<PhraseEntry>>,
    /// `phrase` rules: where in an outcome a phrase counts.
    pub position: Option<Position>,
    /// `phrase` rules: also report a list item that is a topic, with no
    /// verb, under no lead-in that has one ("Resource management.").
    #[serde(default)]
    pub topic_lists: bool,
    /// Replacements to suggest, per language and category, for `{suggestions}`.
    #[serde(default)]
    pub suggestions: BTreeMap<Lang, BTreeMap<Category, Vec<String>>>,
    /// Numeric thresholds, by name; each checker lists the names it reads.
    #[serde(default)]
    pub limits: BTreeMap<String, f64>,
    /// `parser` rules: which of the parser's problems the rule reports.
    #[serde(default)]
    pub problems: Vec<String>,
    /// `parser` rules: whether the parser's replacement may be applied by
    /// `--fix` without a person reading it.
    #[serde(default)]
    pub safe_fix: bool,
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
