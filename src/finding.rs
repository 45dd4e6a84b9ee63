//! rules → **findings**: what a rule found, where, and what to write instead.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::source::{SourceFile, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "«{other}» is not a severity: error, warning or info"
            )),
        }
    }
}

/// One thing a rule found in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule's id, as in `rules/<id>.yaml`.
    pub rule: Arc<str>,
    pub severity: Severity,
    /// The exact text the finding is about (empty for a whole file that could
    /// not be read).
    pub span: Span,
    /// What is wrong, in one line.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
    /// A replacement for `span` that mends the finding.
    pub fix: Option<Fix>,
}

/// How to mend a finding: edits to the document, applied together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
    /// Whether `--fix` may apply it without a person reading it: it keeps
    /// the meaning, and applying it twice changes nothing more.
    pub safe: bool,
}

/// Replace the bytes of `span` with `replacement` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Fix {
    /// A fix that replaces one span.
    pub fn replace(span: Span, replacement: impl Into<String>, safe: bool) -> Fix {
        Fix {
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            safe,
        }
    }
}

/// A document and everything found in it, in the order of their positions.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: SourceFile,
    pub findings: Vec<Finding>,
}

impl FileReport {
    pub fn new(source: SourceFile, mut findings: Vec<Finding>) -> Self {
        // Line and column, then rule: the order every format promises.
        findings.sort_by(|a, b| {
            (a.span.start, &a.rule, a.span.end, &a.message).cmp(&(
                b.span.start,
                &b.rule,
                b.span.end,
                &b.message,
            ))
        });
        FileReport { source, findings }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}
