//! `lub import`: what the library imported, said file by file.

use std::io::Write;

use super::{ImportArgs, Status};
use crate::files::display_path;
use crate::import::{self, Options};

pub(super) fn run(args: &ImportArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Status {
    let options = Options {
        out: args.out.clone(),
        force: args.force,
    };
    let reports = match import::import(&args.paths, &options) {
        Ok(reports) => reports,
        Err(e) => {
            let _ = writeln!(stderr, "error: cannot make the output folder {e}");
            return Status::Failure;
        }
    };
    let mut status = Status::Clean;
    let (mut written, mut refused, mut failed) = (0, 0, 0);
    for report in &reports {
        let shown = display_path(&report.path);
        for note in &report.notes {
            let _ = match note.line {
                Some(line) => writeln!(stderr, "note: {shown}:{line}: {}", note.message),
                None => writeln!(stderr, "note: {shown}: {}", note.message),
            };
        }
        for refusal in &report.refused {
            let _ = writeln!(
                stderr,
                "error: {}: {}",
                display_path(&refusal.path),
                refusal.reason
            );
        }
        if let Some(error) = &report.error {
            // A position is part of the path (`export.xml:3:14:`), as
            // compilers write it; other errors follow it as a sentence.
            let separator = if matches!(error, import::ImportError::Xml { .. }) {
                ":"
            } else {
                ": "
            };
            let _ = writeln!(
                stderr,
                "error: {shown}{separator}{error}; nothing was imported from it"
            );
            failed += 1;
            status = Status::Failure;
            continue;
        }
        let mut line = format!(
            "{shown}: {} {} written",
            report.written.len(),
            if report.written.len() == 1 {
                "document"
            } else {
                "documents"
            }
        );
        if !report.refused.is_empty() {
            line.push_str(&format!(", {} refused", report.refused.len()));
        }
        if report.short_courses > 0 {
            line.push_str(&format!(
                ", {} kurs {} skipped (kurs records have no learning outcomes)",
                report.short_courses,
                if report.short_courses == 1 {
                    "record"
                } else {
                    "records"
                }
            ));
        }
        let _ = writeln!(stdout, "{line}");
        written += report.written.len();
        refused += report.refused.len();
        if !report.refused.is_empty() && status == Status::Clean {
            status = Status::Findings;
        }
    }
    let _ = writeln!(
        stdout,
        "Imported {written} {} into {} from {} {}; {refused} refused; {failed} {} could not be read.",
        if written == 1 {
            "document"
        } else {
            "documents"
        },
        display_path(&options.out),
        reports.len(),
        if reports.len() == 1 { "file" } else { "files" },
        if failed == 1 { "file" } else { "files" },
    );
    let _ = stdout.flush();
    status
}
