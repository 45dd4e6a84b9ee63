//! `<!-- lub: allow ID[, ID] -->`: a directive before an outcome or a
//! section allows those rules there; at the top of a file, in the whole
//! file. A directive that names an unknown rule, applies to nothing or
//! allows what was never found is itself reported, by the rule whose kind
//! is `directives`, so that stale allowances do not pile up.

use crate::finding::Finding;
use crate::messages::{Msg, quote};
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
    /// How the findings about the directives speak.
    speech: crate::rules::Speech,
}

struct ReadDirective {
    body: Span,
    read: Read,
    /// The text of an instruction lub does not know.
    unknown: String,
}

/// Which of `findings` the directives allow, marking in `used` each id
/// that allows one. Per rule, the findings and the scopes are swept once in
/// order of position, so the work grows with the number of findings and of
/// ids, not with their product: a directive of ten thousand ids over ten
/// thousand findings is twenty thousand steps, not a hundred million.
fn allowed_findings(
    findings: &[Finding],
    directives: &[ReadDirective],
    used: &mut [Vec<bool>],
) -> Vec<bool> {
    use std::cmp::Reverse;
    use std::collections::{BinaryHeap, HashMap};

    struct Scope {
        start: usize,
        end: usize,
        directive: usize,
        id: usize,
    }
    let mut scopes: HashMap<&str, Vec<Scope>> = HashMap::new();
    for (directive, read) in directives.iter().enumerate() {
        let Read::Allow(Allowance {
            ids,
            scope: Some(scope),
        }) = &read.read
        else {
            continue;
        };
        for (id, (name, _)) in ids.iter().enumerate() {
            scopes.entry(name.as_str()).or_default().push(Scope {
                start: scope.start,
                end: scope.end,
                directive,
                id,
            });
        }
    }
    let mut at: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (index, finding) in findings.iter().enumerate() {
        if scopes.contains_key(&*finding.rule) {
            at.entry(&finding.rule)
                .or_default()
                .push((finding.span.start, index));
        }
    }
    let mut allowed = vec![false; findings.len()];
    for (rule, mut points) in at {
        let Some(scopes) = scopes.get_mut(rule) else {
            continue;
        };
        scopes.sort_by_key(|s| s.start);
        points.sort_unstable();
        crate::work::add(points.len() + scopes.len());
        let mut next = 0;
        // Ends of the scopes begun so far, soonest first.
        let mut open = BinaryHeap::new();
        // Scopes begun and not yet known to allow anything.
        let mut unused = Vec::new();
        for (position, index) in points {
            while let Some(scope) = scopes.get(next).filter(|s| s.start <= position) {
                open.push(Reverse(scope.end));
                unused.push(next);
                next += 1;
            }
            while open.peek().is_some_and(|Reverse(end)| *end < position) {
                open.pop();
            }
            allowed[index] = !open.is_empty();
            // A scope that ended before this finding allows no later one
            // either: each is looked at here once.
            for scope in unused.drain(..).filter_map(|s| scopes.get(s)) {
                if covers(&(scope.start..scope.end), &(position..position))
                    && let Some(mark) = used
                        .get_mut(scope.directive)
                        .and_then(|d| d.get_mut(scope.id))
                {
                    *mark = true;
                }
            }
        }
    }
    allowed
}

/// Whether a finding at `span` lies within `scope`: the one test of where a
/// directive applies.
fn covers(scope: &Span, span: &Span) -> bool {
    scope.start <= span.start && span.start <= scope.end
}

impl Allowances {
    pub fn read(doc: &Document, source: &SourceFile, speech: crate::rules::Speech) -> Allowances {
        let directives = doc
            .directives
            .iter()
            .map(|directive| {
                let read = read(directive, doc, source);
                let unknown = match &read {
                    Read::Unknown(span) => crate::source::cut(source.slice(span), 60).into_owned(),
                    Read::Allow(_) => String::new(),
                };
                ReadDirective {
                    body: directive.body.clone(),
                    read,
                    unknown,
                }
            })
            .collect();
        Allowances { directives, speech }
    }

    /// Drops the findings the directives allow, and adds a finding for each
    /// directive that is wrong or allows nothing.
    pub fn apply(&self, mut findings: Vec<Finding>, rules: &RuleSet) -> Vec<Finding> {
        if self.directives.is_empty() {
            return findings;
        }
        let reporter = rules
            .iter()
            .find(|r| r.kind == crate::rules::RuleKind::Directives && r.enabled);
        let speech = self.speech;
        let speak = speech.lang;
        let mut reports = Vec::new();
        let mut report = |span: Span, detail: String| {
            if let Some(rule) = reporter {
                reports.push(rule.finding(speech, span, &[("detail", &detail)]));
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

        let allowed = allowed_findings(&findings, &self.directives, &mut used);
        let mut index = 0;
        findings.retain(|_| {
            index += 1;
            !allowed[index - 1]
        });

        for (directive, used) in self.directives.iter().zip(&used) {
            match &directive.read {
                Read::Unknown(span) => {
                    let written = &directive.unknown;
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
                                    Msg::AllowsBeforeNothing
                                        .say(speak, &[("id", &quote(speak, id))]),
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
}
