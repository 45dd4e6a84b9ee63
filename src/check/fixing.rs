//! `--fix`: the safe fixes of a document applied round after round, each
//! kept only if the document it gives holds.

use crate::finding::{AppliedFix, Finding, RefusedBecause, RefusedFix};
use crate::parse;
use crate::rules::DocSummary;
use crate::source::{SourceFile, SourceId};

use super::Linter;
use super::document::Checked;

impl Linter {
    /// A file's bytes with its safe fixes applied, round after round until
    /// none is left (or `fix::MAX_ROUNDS`), and the last round's findings,
    /// their directives not yet applied.
    ///
    /// Every fix is checked after it is applied: the document is checked
    /// again, and the fix is kept only if its finding is gone and no new
    /// finding came of it. Fixes are tried together first; when that fails,
    /// one at a time, and each that fails alone is refused.
    pub(super) fn fixing(&self, id: SourceId, name: &str, bytes: Vec<u8>) -> Fixing {
        let (source, doc) = self.document(id, name, bytes);
        let unreadable = doc
            .problems
            .iter()
            .any(|p| p.kind == parse::ProblemKind::Unreadable);
        let mut text = source.text.to_string();
        let (mut checked, mut summary) = self.check_parsed(source, &doc);
        let mut fixes = 0;
        let mut refused: Vec<(Finding, RefusedBecause)> = Vec::new();
        let mut changes = Vec::new();
        // Each round applies at least one fix or refuses at least one, so
        // this bounds the work by the number of fixes, not the rounds.
        let mut rounds = 0;
        while !unreadable && rounds < crate::fix::MAX_ROUNDS * 8 {
            rounds += 1;
            // A finding its directive allows is not fixed, nor one whose fix
            // was refused.
            let findings: Vec<Finding> = checked
                .allowed_out(&self.rules)
                .into_iter()
                .filter(|f| {
                    !refused
                        .iter()
                        .any(|(r, _)| r.rule == f.rule && r.message == f.message)
                })
                .collect();
            let Some((fixed, applied)) = crate::fix::apply_which(&text, &findings) else {
                break;
            };
            let attempt = self.recheck(id, name, &fixed);
            let applied_findings: Vec<&Finding> =
                applied.iter().filter_map(|&i| findings.get(i)).collect();
            if fix_holds(
                &findings,
                &applied_findings,
                &attempt.0.allowed_out(&self.rules),
            )
            .is_ok()
            {
                fixes += applied.len();
                let before = &checked.source;
                changes.extend(
                    applied_findings
                        .iter()
                        .flat_map(|f| AppliedFix::of(f, before)),
                );
                text = fixed;
                (checked, summary) = attempt;
                continue;
            }
            // Together they fail: the first that holds alone is kept, and
            // those tried before it that fail alone are refused.
            let mut progress = false;
            let refused_before = refused.len();
            for finding in applied_findings {
                let alone = std::slice::from_ref(finding);
                let Some((fixed, _)) = crate::fix::apply_which(&text, alone) else {
                    continue;
                };
                let attempt = self.recheck(id, name, &fixed);
                match fix_holds(&findings, &[finding], &attempt.0.allowed_out(&self.rules)) {
                    Ok(()) => {
                        fixes += 1;
                        changes.extend(AppliedFix::of(finding, &checked.source));
                        text = fixed;
                        (checked, summary) = attempt;
                        progress = true;
                        break;
                    }
                    Err(reason) => refused.push((finding.clone(), reason)),
                }
            }
            if !progress && refused.len() == refused_before {
                break;
            }
        }
        let refused = refused
            .into_iter()
            .map(|(finding, reason)| {
                // Placed where the finding stands in the fixed text.
                let standing = checked
                    .findings
                    .iter()
                    .find(|f| f.rule == finding.rule && f.message == finding.message)
                    .unwrap_or(&finding);
                let at = checked.source.position(standing.span.start);
                RefusedFix {
                    file: name.to_string(),
                    line: at.line,
                    column: at.column,
                    rule: finding.rule.to_string(),
                    reason,
                }
            })
            .collect();
        Fixing {
            checked,
            summary,
            text: (fixes > 0).then_some(text),
            fixes,
            refused,
            applied: changes,
        }
    }
    /// A fixed text, checked as a document of its own.
    fn recheck(&self, id: SourceId, name: &str, text: &str) -> (Checked, Option<DocSummary>) {
        let source = SourceFile::new(name, text).with_id(id);
        let doc = self.parse(&source);
        self.check_parsed(source, &doc)
    }
}

/// A document being fixed: the last round checked, and what was fixed.
pub(super) struct Fixing {
    pub(super) checked: Checked,
    pub(super) summary: Option<DocSummary>,
    pub(super) text: Option<String>,
    pub(super) fixes: usize,
    pub(super) refused: Vec<RefusedFix>,
    pub(super) applied: Vec<AppliedFix>,
}

/// Whether applying the fixes of `applied` to a document whose findings
/// were `before` gave a document whose findings are `after` as a fix must:
/// each fixed finding gone, and no finding that was not there before.
/// Findings are compared by how many of each rule there are, since a fix
/// moves the others and may change the words they quote.
fn fix_holds(
    before: &[Finding],
    applied: &[&Finding],
    after: &[Finding],
) -> Result<(), RefusedBecause> {
    let mut allowed: std::collections::BTreeMap<&str, isize> = std::collections::BTreeMap::new();
    for finding in before {
        *allowed.entry(&finding.rule).or_default() += 1;
    }
    for finding in applied {
        *allowed.entry(&finding.rule).or_default() -= 1;
    }
    let mut found: std::collections::BTreeMap<&str, isize> = std::collections::BTreeMap::new();
    for finding in after {
        *found.entry(&finding.rule).or_default() += 1;
    }
    for (rule, &count) in &found {
        let limit = allowed.get(rule).copied().unwrap_or(0);
        if count > limit {
            let fixed_here = applied.iter().any(|f| &*f.rule == *rule);
            let before = limit + applied.iter().filter(|f| &*f.rule == *rule).count() as isize;
            return Err(if fixed_here && count <= before {
                RefusedBecause::StillThere
            } else {
                RefusedBecause::NewFinding(rule.to_string())
            });
        }
    }
    Ok(())
}
