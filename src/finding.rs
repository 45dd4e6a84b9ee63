//! rules → **findings**: what a rule found, where, and what to write instead.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::files::PathError;
use crate::lang::Lang;
use crate::messages::Msg;
use crate::source::{Position, SourceFile, Span};

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
    /// The other places it is about: the outcome a duplicate repeats, what
    /// the other language version says. The message names them too.
    pub related: Vec<Related>,
}

/// Another place a finding is about, in its own document or another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The document, by the name its findings are reported under.
    pub file: String,
    /// The bytes, in that document.
    pub span: Span,
    /// Where `span` starts and ends in that document: the rule that found
    /// it holds that document's text, the formats may not.
    pub start: Position,
    pub end: Position,
    /// What the place is, in a few words, in the finding's language.
    pub label: String,
}

impl Related {
    /// `span` of `source`.
    pub fn at(source: &SourceFile, span: Span, label: impl Into<String>) -> Related {
        Related {
            file: source.name.clone(),
            start: source.position(span.start),
            end: source.position(span.end),
            span,
            label: label.into(),
        }
    }
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

/// What a whole run found.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub errors_found: usize,
    pub warnings_found: usize,
    pub infos_found: usize,
    /// Safe fixes applied (or, with `--diff`, that would be).
    pub fixes: usize,
    pub files_fixed: usize,
    /// Paths that could not be read (or fixed).
    pub errors: Vec<PathError>,
    /// Safe fixes that were not applied, because the document they gave
    /// did not hold.
    pub refused: Vec<RefusedFix>,
}

impl Summary {
    /// Counts a checked file and its findings.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        if !report.findings.is_empty() {
            self.files_with_findings += 1;
        }
        self.add_findings(report);
    }

    /// Counts findings of a file already counted.
    pub fn add_findings(&mut self, report: &FileReport) {
        self.errors_found += report.count(Severity::Error);
        self.warnings_found += report.count(Severity::Warning);
        self.infos_found += report.count(Severity::Info);
    }

    /// The most severe finding of the run.
    pub fn worst(&self) -> Option<Severity> {
        if self.errors_found > 0 {
            Some(Severity::Error)
        } else if self.warnings_found > 0 {
            Some(Severity::Warning)
        } else if self.infos_found > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}

/// One change `--fix` made: where, by which rule, the text before and
/// after (an insertion has no text before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    /// 1-based, in the text as it was before the fix.
    pub line: usize,
    pub rule: String,
    pub before: String,
    pub after: String,
}

impl AppliedFix {
    /// The changes of `finding`'s fix to `source`.
    pub(crate) fn of(finding: &Finding, source: &SourceFile) -> Vec<AppliedFix> {
        finding
            .fix
            .iter()
            .flat_map(|f| &f.edits)
            .map(|edit| AppliedFix {
                line: source.position(edit.span.start).line,
                rule: finding.rule.to_string(),
                before: source
                    .text
                    .get(edit.span.clone())
                    .unwrap_or("")
                    .trim()
                    .to_string(),
                after: edit.replacement.trim().to_string(),
            })
            .collect()
    }
}

/// A safe fix lub did not apply, because the document it gave did not
/// hold (`fix_holds`), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedFix {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub rule: String,
    pub reason: RefusedBecause,
}

/// Why a safe fix was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusedBecause {
    /// Its finding was found again in the fixed text.
    StillThere,
    /// The fixed text had a finding of this rule that the text before did
    /// not.
    NewFinding(String),
}

impl RefusedFix {
    /// What lub says of it, in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        let place = format!(
            "{}:{}:{}",
            crate::escape::visible(&self.file),
            self.line,
            self.column
        );
        match &self.reason {
            RefusedBecause::StillThere => {
                Msg::FixRefusedStillThere.say(lang, &[("place", &place), ("rule", &self.rule)])
            }
            RefusedBecause::NewFinding(other) => Msg::FixRefusedNewFinding.say(
                lang,
                &[("place", &place), ("rule", &self.rule), ("other", other)],
            ),
        }
    }
}
