//! The YAML contract of a rule file, `rules/<id>.yaml`. Unknown fields are
//! errors, so a typo in a rule file fails loudly instead of being ignored.

use serde::Deserialize;

use crate::finding::Severity;
use crate::lang::{Category, Lang};

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
    /// One line for `lub rules`.
    pub summary: String,
    /// The finding's message. `{detail}` is what the checker found.
    pub message: String,
    /// Why this matters, for `lub explain`.
    pub why: String,
    /// What to write instead.
    pub help: Option<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
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

/// A text the rule must flag or must pass. `bad` and `good` are one outcome,
/// which the test harness wraps in a minimal document; `document` is a whole
/// document, for rules about structure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub lang: Lang,
    pub bad: Option<String>,
    pub good: Option<String>,
    pub document: Option<String>,
    /// The exact texts a `bad` or `document` example must be flagged at, in
    /// order; empty for a document that must pass.
    #[serde(default)]
    pub flags: Vec<String>,
    /// The category a `bad` or `good` outcome is placed in (default:
    /// knowledge).
    pub category: Option<Category>,
    /// The NKR level of the wrapping document (default: 7).
    pub level: Option<u8>,
}

impl Example {
    /// "bad", "good" or "document", for test names.
    pub fn label(&self) -> &'static str {
        match (&self.bad, &self.good) {
            (Some(_), _) => "bad",
            (_, Some(_)) => "good",
            _ if self.flags.is_empty() => "good-document",
            _ => "bad-document",
        }
    }

    pub fn must_flag(&self) -> bool {
        self.bad.is_some() || (self.document.is_some() && !self.flags.is_empty())
    }
}
