//! Each of the three NKR categories present, with outcomes under it. A
//! document that has none with outcomes gets one finding that names them
//! all, rather than three that say the same.

use crate::finding::Finding;
use crate::lang::Category;
use crate::messages::Msg;
use crate::parse::ProblemKind;
use crate::rules::{Checker, Context, Rule};

#[derive(Default)]
pub(super) struct CategoriesChecker;

impl Checker for CategoriesChecker {
    fn check(&self, rule: &Rule, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let lang = cx.speech.lang;
        // A file that is not text, or holds nothing, is a parse-error.
        if doc
            .problems
            .iter()
            .any(|p| matches!(p.kind, ProblemKind::Unreadable | ProblemKind::Empty))
        {
            return;
        }
        let with_outcomes = |category: Category| {
            doc.sections
                .iter()
                .any(|s| s.covers(category) && !s.outcomes.is_empty())
        };
        let lacking: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|c| !with_outcomes(*c))
            .collect();
        if lacking.len() == Category::ALL.len() {
            let names = super::category_list(&lacking, doc.lang, lang);
            let detail = if doc.categories().next().is_none() {
                if doc.outcomes().next().is_some() {
                    Msg::CategoriesAllMissingUnlabelled
                } else {
                    Msg::CategoriesAllMissing
                }
            } else {
                Msg::CategoriesWithoutOutcomes
            };
            out.push(rule.finding(
                cx.speech,
                super::document_anchor(doc),
                &[("category", &names), ("detail", detail.get(lang))],
            ));
            return;
        }
        for category in lacking {
            let name = super::category_name(category, doc.lang, lang);
            if doc.has_category(category) {
                out.push(rule.finding(
                    cx.speech,
                    super::category_anchor(doc, category),
                    &[
                        ("category", &name),
                        ("detail", Msg::CategoryEmpty.get(lang)),
                    ],
                ));
            } else {
                out.push(rule.finding(
                    cx.speech,
                    super::document_anchor(doc),
                    &[
                        ("category", &name),
                        ("detail", Msg::CategoryMissing.get(lang)),
                    ],
                ));
            }
        }
    }
}
