//! A report written to a file the user names (`check --output-file`,
//! `report --output`). A regular file gets the report through a temporary
//! file beside it, which takes its place only when the report is whole, so
//! a failed or interrupted run never leaves half a report where the last
//! whole one was. What is not a regular file (`/dev/stdout`, `/dev/null`,
//! a named pipe) is written as it is: there is nothing there to keep, and
//! putting a file in its place would change what the user did not ask for.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub(super) struct Pending {
    target: Target,
}

enum Target {
    /// The temporary file, and the path it is to take the place of.
    Replacing(io::BufWriter<tempfile::NamedTempFile>, PathBuf),
    InPlace(io::BufWriter<std::fs::File>),
}

impl Pending {
    pub(super) fn new(path: &Path) -> io::Result<Pending> {
        let existing = std::fs::metadata(path).ok();
        if let Some(meta) = &existing
            && !meta.is_file()
            && !meta.is_dir()
        {
            let file = std::fs::OpenOptions::new().write(true).open(path)?;
            return Ok(Pending {
                target: Target::InPlace(io::BufWriter::new(file)),
            });
        }
        // A link keeps leading where it led: the file it names gets the
        // report, not a file in the link's place.
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let path = match is_link {
            true => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            false => path.to_path_buf(),
        };
        let folder = crate::files::folder_of(&path);
        let mut builder = tempfile::Builder::new();
        builder.prefix(".lub-report");
        // A temporary file is private; the report is for reading and
        // forwarding, so it gets the permissions of the one it replaces, or
        // those of an ordinary new file.
        if let Some(permissions) = existing
            .map(|meta| meta.permissions())
            .or_else(ordinary_permissions)
        {
            builder.permissions(permissions);
        }
        let file = builder
            .tempfile_in(folder)
            // In lub's words ("no such file or folder"), not the temporary
            // file's, whose name the user never gave.
            .map_err(|e| io::Error::from(e.kind()))?;
        Ok(Pending {
            target: Target::Replacing(io::BufWriter::new(file), path),
        })
    }

    pub(super) fn writer(&mut self) -> &mut dyn Write {
        match &mut self.target {
            Target::Replacing(file, _) => file,
            Target::InPlace(file) => file,
        }
    }

    /// Puts the report in place; on an error the temporary file is removed
    /// and whatever was at the path is left as it was.
    pub(super) fn finish(self) -> io::Result<()> {
        match self.target {
            Target::Replacing(file, path) => {
                let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.as_file().sync_all()?;
                file.persist(&path).map_err(|e| e.error)?;
                Ok(())
            }
            Target::InPlace(mut file) => file.flush(),
        }
    }
}

/// Writes `bytes` whole to `path`, as [`Pending`] does.
pub(super) fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut pending = Pending::new(path)?;
    pending.writer().write_all(bytes)?;
    pending.finish()
}

#[cfg(unix)]
fn ordinary_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn ordinary_permissions() -> Option<std::fs::Permissions> {
    None
}
