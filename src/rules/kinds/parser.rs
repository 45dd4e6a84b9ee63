//! Rules about a document's structure, which the parser finds while it
//! reads: a file that is not a document, bad front matter, a misspelt
//! category heading. The rule's `problems` say which of the parser's
//! problems it reports.

use crate::analyse::Data;
use crate::finding::{Finding, Fix};
use crate::messages::Msg;
use crate::parse::ProblemKind;
use crate::rules::{Checker, Context, Rule, RuleFile};

/// The options of a `parser` rule.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// Which of the parser's problems the rule reports.
    #[serde(default)]
    problems: Vec<String>,
    /// Whether the parser's replacement may be applied by `--fix` without a
    /// person reading it.
    #[serde(default)]
    safe_fix: bool,
}

impl super::KindOptions for Options {
    type Limits = super::NoLimits;
    fn build(
        self,
        _rule: &RuleFile,
        _data: &Data,
    ) -> Result<Box<dyn Checker>, crate::messages::Text> {
        build(&self)
    }
}

fn build(rule: &Options) -> Result<Box<dyn Checker>, crate::messages::Text> {
    const NAMES: &[(&str, ProblemKind)] = &[
        ("unreadable", ProblemKind::Unreadable),
        ("empty", ProblemKind::Empty),
        ("front-matter", ProblemKind::FrontMatter),
        ("near-heading", ProblemKind::NearHeading),
        ("missing-metadata", ProblemKind::MissingMetadata),
    ];
    if rule.problems.is_empty() {
        return Err(Msg::KindNeeds.text(|_| {
            vec![
                ("kind", "parser".to_string()),
                ("field", "problems".to_string()),
            ]
        }));
    }
    let mut kinds = Vec::new();
    for name in &rule.problems {
        match NAMES.iter().find(|(n, _)| n == name) {
            Some((_, kind)) => kinds.push(*kind),
            None => {
                let known: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
                return Err(Msg::ParserNoProblem
                    .text(|_| vec![("name", name.clone()), ("known", known.join(", "))]));
            }
        }
    }
    Ok(Box::new(ParserChecker {
        kinds,
        safe_fix: rule.safe_fix,
    }))
}

struct ParserChecker {
    kinds: Vec<ProblemKind>,
    safe_fix: bool,
}

impl Checker for ParserChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for problem in cx
            .doc
            .problems
            .iter()
            .filter(|p| self.kinds.contains(&p.kind))
        {
            let lang = cx.speech.lang;
            let mut finding = rule.finding(
                cx.speech,
                problem.span.clone(),
                &[("detail", problem.message.get(lang))],
            );
            if let Some(help) = &problem.help {
                finding.help = Some(help.get(lang).to_string());
            }
            // Saying what did not run is information, not a fault.
            if problem.kind == ProblemKind::MissingMetadata {
                finding.severity = finding.severity.min(crate::finding::Severity::Info);
            }
            finding.fix = problem.replacement.as_ref().map(|replacement| {
                Fix::replace(problem.span.clone(), replacement.clone(), self.safe_fix)
            });
            out.push(finding);
        }
    }
}
