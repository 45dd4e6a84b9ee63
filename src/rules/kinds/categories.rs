//! Each of the three NKR categories present, with outcomes under it.

use super::Uses;
use crate::analyse::Data;
use crate::finding::Finding;
use crate::lang::Category;
use crate::parse::ProblemKind;
use crate::rules::{Checker, Context, Rule, RuleFile};

pub(super) fn uses() -> Uses {
    Uses::default()
}

pub(super) fn build(_rule: &RuleFile, _data: &Data) -> Result<Box<dyn Checker>, String> {
    Ok(Box::new(CategoriesChecker))
}

struct CategoriesChecker;

impl Checker for CategoriesChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        // A document with no category at all is a parse-error already.
        if doc.categories().next().is_none()
            || doc
                .problems
                .iter()
                .any(|p| matches!(p.kind, ProblemKind::Unreadable | ProblemKind::NoCategory))
        {
            return;
        }
        for category in Category::ALL {
            let sections: Vec<_> = doc
                .sections
                .iter()
                .filter(|s| s.category == Some(category))
                .collect();
            let name = super::category_name(category, doc.lang);
            if sections.is_empty() {
                out.push(rule.finding(
                    super::document_anchor(doc),
                    &[("category", &name), ("detail", "missing")],
                ));
            } else if sections.iter().all(|s| s.outcomes.is_empty()) {
                out.push(rule.finding(
                    super::category_anchor(doc, category),
                    &[("category", &name), ("detail", "empty: it has no outcomes")],
                ));
            }
        }
    }
}
