//! `--output-file`: the report is written to a temporary file beside the
//! one named, which replaces it only when the report is complete, so a
//! failed or interrupted run never leaves half a report where the last
//! whole one was.

use std::io::{self, Write};
use std::path::Path;

pub(super) struct Pending {
    file: io::BufWriter<tempfile::NamedTempFile>,
    path: std::path::PathBuf,
}

impl Pending {
    pub(super) fn new(path: &Path) -> io::Result<Pending> {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let file = tempfile::Builder::new()
            .prefix(".lub-report")
            .tempfile_in(folder)?;
        Ok(Pending {
            file: io::BufWriter::new(file),
            path: path.to_path_buf(),
        })
    }

    pub(super) fn writer(&mut self) -> &mut dyn Write {
        &mut self.file
    }

    /// Puts the report in place; on an error the temporary file is removed
    /// and whatever was at the path is left as it was.
    pub(super) fn finish(self) -> io::Result<()> {
        let file = self
            .file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.as_file().sync_all()?;
        file.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}
