//! `<!-- lub: allow … -->` directives that are wrong: an unknown rule, an
//! unknown instruction, or an allowance that applies to nothing or
//! suppresses nothing. The work is done where directives are applied
//! (`crate::suppress`); this checker only gives the rule its kind.

use crate::finding::Finding;
use crate::rules::{Checker, Context, Rule};

#[derive(Default)]
pub(crate) struct DirectivesChecker;

impl Checker for DirectivesChecker {
    fn check(&self, _rule: &Rule, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
