//! The catalogue-wide view, `lub report`: the same check as `lub check`,
//! gathered into figures for a quality office (totals, findings per rule,
//! per faculty and department, per kind, level and language, the NKR
//! themes least covered, the documents most in need of work, and the
//! change since an earlier report), written as one self-contained HTML
//! page, a CSV with a row per document, or JSON.
//!
//! Not to be confused with `crate::output`, the per-finding output formats
//! of `lub check`.

pub mod baseline;
mod figures;
pub mod html;
mod spreadsheet;
mod words;

pub use crate::facts::{DocFacts, Unit};
pub use baseline::{Baseline, Change, Comparison, Verdict};
pub use figures::{
    Bin, Collector, Counts, DocumentFigures, Figures, KindFigures, LangFigures, RuleFigures,
    ThemeFigures, UnitFigures, Unread, VERSION,
};
pub use spreadsheet::csv;
pub use words::{Words, words};

use crate::lang::Lang;

/// The formats of `lub report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Csv,
    Json,
}

/// The report of `figures` in `format`, its words (HTML only) in `lang`.
pub fn render(figures: &Figures, format: Format, lang: Lang) -> Result<Vec<u8>, String> {
    match format {
        Format::Html => Ok(html::page(figures, lang).into_bytes()),
        Format::Csv => csv(figures).map_err(|e| format!("cannot write the CSV: {e}")),
        Format::Json => serde_json::to_vec_pretty(figures)
            .map(|mut bytes| {
                bytes.push(b'\n');
                bytes
            })
            .map_err(|e| format!("cannot write the JSON: {e}")),
    }
}
