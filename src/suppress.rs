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

/// `(rule id, scope)` for every rule a directive of the document allows.
pub fn allowed(doc: &Document, source: &SourceFile) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for directive in &doc.directives {
        if let Read::Allow(Allowance {
            ids,
            scope: Some(scope),
        }) = read(directive, doc, source)
        {
            out.extend(ids.into_iter().map(|(id, _)| (id, scope.clone())));
        }
    }
    out
}

/// Drops the findings the document's directives allow, and adds a finding
/// for each directive that is wrong or allows nothing.
pub fn apply(
    doc: &Document,
    source: &SourceFile,
    mut findings: Vec<Finding>,
    rules: &RuleSet,
    speech: crate::rules::Speech,
) -> Vec<Finding> {
    use crate::messages::{Msg, quote};
    let speak = speech.lang;
    if doc.directives.is_empty() {
        return findings;
    }
    let reporter = rules
        .iter()
        .find(|r| r.meta.kind == "directives" && r.enabled);
    let mut reports = Vec::new();
    let mut report = |span: Span, detail: String| {
        if let Some(rule) = reporter {
            reports.push(rule.finding(speech, span, &[("detail", &detail)]));
        }
    };
    let reads: Vec<Read> = doc
        .directives
        .iter()
        .map(|d| read(d, doc, source))
        .collect();
    let mut used: Vec<Vec<bool>> = reads
        .iter()
        .map(|r| match r {
            Read::Allow(a) => vec![false; a.ids.len()],
            Read::Unknown(_) => Vec::new(),
        })
        .collect();

    findings.retain(|finding| {
        let mut allowed = false;
        for (d, read) in reads.iter().enumerate() {
            let Read::Allow(Allowance {
                ids,
                scope: Some(scope),
            }) = read
            else {
                continue;
            };
            if !(scope.start <= finding.span.start && finding.span.start <= scope.end) {
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

    for ((directive, read), used) in doc.directives.iter().zip(&reads).zip(&used) {
        match read {
            Read::Unknown(span) => {
                let written = source.slice(span);
                report(
                    span.clone(),
                    Msg::UnknownDirective.say(
                        speak,
                        &[
                            ("written", &quote(speak, written)),
                            ("allow", &quote(speak, "allow RULE, …")),
                        ],
                    ),
                );
            }
            Read::Allow(allowance) if allowance.ids.is_empty() => {
                report(
                    directive.body.clone(),
                    Msg::AllowNamesNothing.say(speak, &[("allow", &quote(speak, "allow"))]),
                );
            }
            Read::Allow(allowance) => {
                for ((id, span), used) in allowance.ids.iter().zip(used) {
                    match rules.get(id) {
                        None => report(span.clone(), rules.not_a_rule(id, speak)),
                        Some(_) if allowance.scope.is_none() => {
                            report(
                                span.clone(),
                                Msg::AllowsBeforeNothing.say(speak, &[("id", &quote(speak, id))]),
                            );
                        }
                        Some(rule) if rule.enabled && !used => {
                            report(
                                span.clone(),
                                Msg::AllowsUnused.say(speak, &[("id", &quote(speak, id))]),
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
