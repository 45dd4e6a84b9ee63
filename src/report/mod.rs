//! findings → **report**: one `Reporter` per output format. The library
//! never prints; a reporter writes to whatever the caller gives it.

mod compact;
mod diff;
mod github;
mod human;
mod json;
mod sarif;

use std::io;

use crate::catalogue::DocFacts;
use crate::check::{PathError, Summary};
use crate::finding::FileReport;
use crate::rules::RuleSet;
pub use compact::CompactReporter;
pub use diff::{DiffReporter, unified_diff};
pub use github::GithubReporter;
pub use human::HumanReporter;
pub use json::{JsonFinding, JsonReporter};
pub use sarif::SarifReporter;

/// Receives each checked file, in order, then the run's summary.
pub trait Reporter {
    fn file(&mut self, report: &FileReport) -> io::Result<()>;
    /// `fixes` safe fixes were applied to the file `name` (or, with a
    /// `diff`, would be).
    fn fixed(&mut self, _name: &str, _fixes: usize, _diff: Option<&str>) -> io::Result<()> {
        Ok(())
    }
    /// Whether `facts` should be called: what the catalogue report needs
    /// to know of each document beyond its findings. Only asked when not
    /// fixing.
    fn wants_facts(&self) -> bool {
        false
    }
    /// A document's metadata and size, given just before its `file`.
    fn facts(&mut self, _facts: &DocFacts) -> io::Result<()> {
        Ok(())
    }
    /// A path that could not be read.
    fn error(&mut self, error: &PathError) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// Output formats of `lub check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Compact,
}

/// A reporter for `format` writing findings to `out` and read errors to
/// `err`. `color` is for the human format on a terminal; `rules` describe
/// themselves in SARIF.
pub fn reporter<'a>(
    format: Format,
    out: Box<dyn io::Write + 'a>,
    err: Box<dyn io::Write + 'a>,
    color: bool,
    rules: &RuleSet,
) -> Box<dyn Reporter + 'a> {
    match format {
        Format::Human => Box::new(HumanReporter::new(out, err, color)),
        Format::Json => Box::new(JsonReporter::new(out, err)),
        Format::Sarif => Box::new(SarifReporter::new(out, err, rules)),
        Format::Github => Box::new(GithubReporter::new(out, err)),
        Format::Compact => Box::new(CompactReporter::new(out, err)),
    }
}
