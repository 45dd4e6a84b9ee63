//! `lub report`: the check of `lub check`, gathered into one report of the
//! whole catalogue, written to a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{ReportArgs, ReportFormatArg, Status};
use crate::catalogue::{self, Baseline, Collector, Format};
use crate::check::{self, Linter};
use crate::files::PathError;

pub(super) fn run(
    linter: &Linter,
    args: &ReportArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Status {
    // Read before checking: a bad baseline should not cost a whole run.
    let baseline = match &args.baseline {
        None => None,
        Some(path) => match Baseline::read(path) {
            Ok(baseline) => Some(baseline),
            Err(message) => {
                let _ = writeln!(
                    stderr,
                    "error: --baseline {}",
                    message.get(linter.ui_lang())
                );
                return Status::Failure;
            }
        },
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (files, errors) = crate::files::collect_files_including(&paths, linter.include());
    // A report of nothing would read as a clean catalogue.
    if files.is_empty() {
        for error in &errors {
            let _ = writeln!(stderr, "error: {}", error.in_lang(linter.ui_lang()));
        }
        if errors.is_empty() {
            let _ = writeln!(
                stderr,
                "error: {}",
                crate::messages::Msg::ReportNothing.get(linter.ui_lang())
            );
        }
        return Status::Failure;
    }
    let mut collector = Collector::new(linter);
    for error in &errors {
        let _ = crate::output::Reporter::error(&mut collector, error);
    }
    let inputs: Vec<check::Input> = files.into_iter().map(check::Input::File).collect();
    if let Err(e) = linter.check(&inputs, &mut collector, check::FixMode::Off) {
        let _ = writeln!(stderr, "error: {e}");
        return Status::Failure;
    }
    let mut figures = collector.figures();
    if let Some(baseline) = &baseline {
        figures.baseline = Some(catalogue::baseline::compare(baseline, &figures));
    }
    let format = match args.format {
        ReportFormatArg::Html => Format::Html,
        ReportFormatArg::Csv => Format::Csv,
        ReportFormatArg::Json => Format::Json,
    };
    let bytes = match catalogue::render(&figures, format, linter.ui_lang()) {
        Ok(bytes) => bytes,
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            return Status::Failure;
        }
    };
    if let Err(error) = write_report(&args.output, &bytes, stdout) {
        let _ = writeln!(
            stderr,
            "error: {}",
            crate::messages::Msg::CannotWriteReport
                .say(linter.ui_lang(), &[("error", &error.to_string())])
        );
        return Status::Failure;
    }
    for unread in &figures.unread {
        let message = unread
            .text
            .as_ref()
            .map_or(&*unread.message, |t| t.get(linter.ui_lang()));
        let _ = writeln!(stderr, "error: {}: {message}", unread.path);
    }
    // Findings do not fail a report; a file that could not be read does,
    // since the figures then leave it out.
    if figures.unread.is_empty() {
        Status::Clean
    } else {
        Status::Failure
    }
}

/// Writes the report to `path` (`-`: standard output) whole or not at all,
/// as `output_file` writes: a reader never sees half a report, and a failed
/// run leaves the earlier one.
fn write_report(path: &Path, bytes: &[u8], stdout: &mut dyn Write) -> Result<(), PathError> {
    if path == Path::new("-") {
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| PathError::new(Path::new("<stdout>"), &e));
    }
    super::output_file::write_whole(path, bytes).map_err(|e| PathError::new(path, &e))
}
