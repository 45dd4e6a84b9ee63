//! `<!-- lub: allow ID[, ID] -->`: a directive before an outcome or a
//! section allows those rules there; at the top of a file, in the whole
//! file. A directive that names an unknown rule, applies to nothing or
//! allows what was never found is itself reported, by the rule whose kind
//! is `directives`, so that stale allowances do not pile up.

use crate::finding::Finding;
use crate::parse::{Directive, DirectiveTarget, Document};
use crate::rules::RuleSet;
use crate::source::{SourceFile, Span};

/// A directive, read.
struct Allowance {
    /// The rule ids, each with its span.
    ids: Vec<(String, Span)>,
    /// What it applies to; `None` when it is followed by nothing.
    scope: Option<Span>,
}

enum Read {
    Allow(Allowance),
    /// An instruction lub does not know, with its span.
    Unknown(Span),
}

fn read(directive: &Directive, doc: &Document, source: &SourceFile) -> Read {
    let body = source.slice(&directive.body);
    let verb_len = body.find(char::is_whitespace).unwrap_or(body.len());
    if &body[..verb_len] != "allow" {
        return Read::Unknown(directive.body.start..directive.body.start + verb_len);
    }
    let mut ids = Vec::new();
    let mut word_start = None;
    for (i, c) in body
        .char_indices()
        .skip_while(|(i, _)| *i < verb_len)
        .chain([(body.len(), ' ')])
    {
        let separator = c.is_whitespace() || c == ',';
        match (word_start, separator) {
            (None, false) => word_start = Some(i),
            (Some(start), true) => {
                let span = directive.body.start + start..directive.body.start + i;
                ids.push((body[start..i].to_string(), span));
                word_start = None;
            }
            _ => {}
        }
    }
    Read::Allow(Allowance {
        ids,
        scope: scope(directive.target, doc, source),
    })
}

fn scope(target: DirectiveTarget, doc: &Document, source: &SourceFile) -> Option<Span> {
    match target {
        DirectiveTarget::File => Some(0..source.text.len()),
        DirectiveTarget::Section { section } => doc.sections.get(section).map(|s| s.span.clone()),
        DirectiveTarget::Outcomes {
            section,
            start,
            end,
        } => {
            let outcomes = doc.sections.get(section)?.outcomes.get(start..end)?;
            Some(outcomes.first()?.span.start..outcomes.last()?.span.end)
        }
        DirectiveTarget::Nothing => None,
    }
}

/// The directives of one document, read once. Suppression is applied
/// when every finding of the document is known, those of the rules that
/// compare documents included, so that a directive allowing one of those
/// is neither ignored nor reported as allowing nothing.
pub struct Allowances {
    directives: Vec<ReadDirective>,
}

struct ReadDirective {
    body: Span,
    read: Read,
    /// The text of an instruction lub does not know.
    unknown: String,
}

/// Whether a finding at `span` lies within `scope`: the one test of where a
/// directive applies.
fn covers(scope: &Span, span: &Span) -> bool {
    scope.start <= span.start && span.start <= scope.end
}

impl Allowances {
    pub fn read(doc: &Document, source: &SourceFile) -> Allowances {
        let directives = doc
            .directives
            .iter()
            .map(|directive| {
                let read = read(directive, doc, source);
                let unknown = match &read {
                    Read::Unknown(span) => source.slice(span).to_string(),
                    Read::Allow(_) => String::new(),
                };
                ReadDirective {
                    body: directive.body.clone(),
                    read,
                    unknown,
                }
            })
            .collect();
        Allowances { directives }
    }

    /// Drops the findings the directives allow, and adds a finding for each
    /// directive that is wrong or allows nothing.
    pub fn apply(&self, mut findings: Vec<Finding>, rules: &RuleSet) -> Vec<Finding> {
        if self.directives.is_empty() {
            return findings;
        }
        let reporter = rules
            .iter()
            .find(|r| r.meta.kind == "directives" && r.enabled);
        let mut reports = Vec::new();
        let mut report = |span: Span, detail: String| {
            if let Some(rule) = reporter {
                reports.push(rule.finding(span, &[("detail", &detail)]));
            }
        };
        let mut used: Vec<Vec<bool>> = self
            .directives
            .iter()
            .map(|d| match &d.read {
                Read::Allow(a) => vec![false; a.ids.len()],
                Read::Unknown(_) => Vec::new(),
            })
            .collect();

        findings.retain(|finding| {
            let mut allowed = false;
            for (d, directive) in self.directives.iter().enumerate() {
                let Read::Allow(Allowance {
                    ids,
                    scope: Some(scope),
                }) = &directive.read
                else {
                    continue;
                };
                if !covers(scope, &finding.span) {
                    continue;
                }
                for (i, (id, _)) in ids.iter().enumerate() {
                    if **id == *finding.rule {
                        used[d][i] = true;
                        allowed = true;
                    }
                }
            }
            !allowed
        });

        for (directive, used) in self.directives.iter().zip(&used) {
            match &directive.read {
                Read::Unknown(span) => {
                    let written = &directive.unknown;
                    report(
                        span.clone(),
                        format!("«{written}» is not a directive lub knows: write «allow RULE, …»"),
                    );
                }
                Read::Allow(allowance) if allowance.ids.is_empty() => {
                    report(directive.body.clone(), "«allow» names no rule".to_string());
                }
                Read::Allow(allowance) => {
                    for ((id, span), used) in allowance.ids.iter().zip(used) {
                        match rules.get(id) {
                            None => report(span.clone(), rules.not_a_rule(id)),
                            Some(_) if allowance.scope.is_none() => {
                                report(
                                    span.clone(),
                                    format!("allows «{id}» before nothing it could apply to"),
                                );
                            }
                            Some(rule) if rule.enabled && !used => {
                                report(
                                    span.clone(),
                                    format!("allows «{id}», which finds nothing here"),
                                );
                            }
                            Some(_) => {}
                        }
                    }
                }
            }
        }
        findings.extend(reports);
        findings
    }
}
