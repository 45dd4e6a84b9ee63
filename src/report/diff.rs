//! `--diff`: what `--fix` would change, as unified diffs, and nothing else.

use std::io::{self, Write};

use super::Reporter;
use crate::check::{PathError, Summary};
use crate::finding::FileReport;

pub struct DiffReporter<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
}

impl<'a> DiffReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, err: Box<dyn Write + 'a>) -> Self {
        DiffReporter { out, err }
    }
}

impl Reporter for DiffReporter<'_> {
    fn file(&mut self, _report: &FileReport) -> io::Result<()> {
        Ok(())
    }

    fn fixed(&mut self, _name: &str, _fixes: usize, diff: Option<&str>) -> io::Result<()> {
        if let Some(diff) = diff {
            self.out.write_all(diff.as_bytes())?;
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        writeln!(self.err, "error: {error}")
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        writeln!(
            self.err,
            "{} safe fixes would change {} of {} files",
            summary.fixes, summary.files_fixed, summary.files
        )?;
        self.out.flush()
    }
}
