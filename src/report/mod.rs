//! findings → **report**: one `Reporter` per output format. The library
//! never prints; a reporter writes to whatever the caller gives it.

mod human;
mod json;

use std::io;

use crate::check::{PathError, Summary};
use crate::finding::FileReport;
pub use human::HumanReporter;
pub use json::{JsonFinding, JsonReporter};

/// Receives each checked file, in order, then the run's summary.
pub trait Reporter {
    fn file(&mut self, report: &FileReport) -> io::Result<()>;
    /// A path that could not be read.
    fn error(&mut self, error: &PathError) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// Output formats of `lub check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// A reporter for `format` writing findings to `out` and read errors to
/// `err`. `color` is for the human format on a terminal.
pub fn reporter<'a>(
    format: Format,
    out: Box<dyn io::Write + 'a>,
    err: Box<dyn io::Write + 'a>,
    color: bool,
) -> Box<dyn Reporter + 'a> {
    match format {
        Format::Human => Box::new(HumanReporter::new(out, err, color)),
        Format::Json => Box::new(JsonReporter::new(out, err)),
    }
}
