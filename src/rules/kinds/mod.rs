//! The checkers a rule's `kind` can name: one file per way of matching.

mod problem;

use super::{Checker, RuleFile};

/// Placeholders a rule's `message` and `help` may use.
pub const PLACEHOLDERS: &[&str] = &["detail"];

/// The checker for a rule file's `kind`, or why there is none.
pub(crate) fn checker(rule: &RuleFile) -> Result<Box<dyn Checker>, String> {
    match rule.kind.as_str() {
        "parse-error" | "front-matter" | "unknown-heading" => {
            Ok(Box::new(problem::ProblemChecker::new(&rule.kind)?))
        }
        other => {
            let known = ["parse-error", "front-matter", "unknown-heading"];
            Err(match crate::suggest::closest(other, known) {
                Some(s) => format!("unknown kind `{other}`; did you mean `{s}`?"),
                None => format!(
                    "unknown kind `{other}`; known kinds are {}",
                    known.join(", ")
                ),
            })
        }
    }
}
