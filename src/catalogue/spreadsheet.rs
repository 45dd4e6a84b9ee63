//! `--format csv`: one row per document, for a spreadsheet, with a column
//! per rule that ran.

use super::figures::Figures;
use crate::parse::Kind;

/// The CSV of `figures`.
pub fn csv(figures: &Figures) -> Result<Vec<u8>, csv::Error> {
    let mut rule_ids: Vec<&str> = figures.rules.iter().map(|r| r.id.as_str()).collect();
    rule_ids.sort_unstable();
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut head = vec![
        "path",
        "code",
        "kind",
        "level",
        "lang",
        "faculty",
        "department",
        "outcomes",
        "errors",
        "warnings",
        "infos",
    ];
    head.extend(&rule_ids);
    out.write_record(&head)?;
    for doc in &figures.documents {
        let mut row = vec![
            cell(&doc.path),
            cell(doc.code.as_deref().unwrap_or("")),
            doc.kind.map_or("", Kind::key).to_string(),
            doc.level.map(|l| l.to_string()).unwrap_or_default(),
            doc.lang.code().to_string(),
            cell(&doc.faculty),
            cell(&doc.department),
            doc.outcomes.to_string(),
            doc.errors.to_string(),
            doc.warnings.to_string(),
            doc.infos.to_string(),
        ];
        row.extend(
            rule_ids
                .iter()
                .map(|id| doc.rules.get(*id).copied().unwrap_or(0).to_string()),
        );
        out.write_record(&row)?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// A text cell that a spreadsheet cannot take for a formula: one that
/// starts with `=`, `+`, `-`, `@` or a control character gets a leading
/// apostrophe, which spreadsheets show as text and hide. Names and codes
/// come from the documents, so they are the authors' input.
fn cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cell_that_a_spreadsheet_would_run_is_kept_as_text() {
        assert_eq!(super::cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::cell("Institutt for fysikk"), "Institutt for fysikk");
    }
}
