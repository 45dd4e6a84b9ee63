//! Rules about a document's structure, which the parser finds while it
//! reads: a file that is not a document, bad front matter, a misspelt
//! category heading. The checker turns the parser's problems into findings.

use crate::finding::{Finding, Fix};
use crate::parse::ProblemKind;
use crate::rules::{Checker, Context, Rule};

pub(crate) struct ProblemChecker {
    kinds: &'static [ProblemKind],
    /// Whether the parser's replacement may be applied by `--fix` unread.
    safe_fix: bool,
}

impl ProblemChecker {
    pub(crate) fn new(kind: &str) -> Result<Self, String> {
        let (kinds, safe_fix): (&'static [ProblemKind], bool) = match kind {
            "parse-error" => (&[ProblemKind::Unreadable, ProblemKind::NoCategory], false),
            "front-matter" => (&[ProblemKind::FrontMatter], false),
            // A category name spelt right is what the author meant.
            "unknown-heading" => (&[ProblemKind::NearHeading], true),
            other => return Err(format!("no parser problem is called `{other}`")),
        };
        Ok(ProblemChecker { kinds, safe_fix })
    }
}

impl Checker for ProblemChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for problem in cx
            .doc
            .problems
            .iter()
            .filter(|p| self.kinds.contains(&p.kind))
        {
            let fix = problem.replacement.as_ref().map(|replacement| Fix {
                replacement: replacement.clone(),
                safe: self.safe_fix,
            });
            out.push(rule.finding(
                problem.span.clone(),
                &problem.message,
                problem.help.clone(),
                fix,
            ));
        }
    }
}
