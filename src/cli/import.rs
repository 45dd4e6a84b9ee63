//! `lub import`: what the library imported, said file by file.

use std::io::Write;

use super::{ImportArgs, Status};
use crate::files::display_path;
use crate::import::{self, Options};
use crate::lang::Lang;
use crate::messages::{Msg, count};

pub(super) fn run(
    args: &ImportArgs,
    lang: Lang,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Status {
    let options = Options {
        out: args.out.clone(),
        force: args.force,
    };
    let reports = match import::import(&args.paths, &options) {
        Ok(reports) => reports,
        Err(e) => {
            let error = e.in_lang(lang);
            let _ = writeln!(
                stderr,
                "error: {}",
                Msg::ImportCannotMakeFolder.say(lang, &[("error", &error)])
            );
            return Status::Failure;
        }
    };
    let mut status = Status::Clean;
    let (mut written, mut refused, mut failed) = (0, 0, 0);
    for report in &reports {
        let shown = display_path(&report.path);
        for note in &report.notes {
            let message = note.message.get(lang);
            let _ = match note.line {
                Some(line) => writeln!(stderr, "note: {shown}:{line}: {message}"),
                None => writeln!(stderr, "note: {shown}: {message}"),
            };
        }
        for refusal in &report.refused {
            let _ = writeln!(
                stderr,
                "error: {}: {}",
                display_path(&refusal.path),
                refusal.reason.get(lang)
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
                "error: {shown}{separator}{}{}",
                error.say(lang),
                Msg::ImportNothingImported.get(lang)
            );
            failed += 1;
            status = Status::Failure;
            continue;
        }
        let mut line = Msg::ImportFileLine.say(
            lang,
            &[
                ("file", &shown),
                (
                    "written",
                    &count(lang, report.written.len(), Msg::Documents),
                ),
            ],
        );
        if !report.refused.is_empty() {
            line.push_str(
                &Msg::ImportRefusedPart
                    .say(lang, &[("refused", &report.refused.len().to_string())]),
            );
        }
        if report.short_courses > 0 {
            line.push_str(&Msg::ImportSkippedPart.say(
                lang,
                &[(
                    "skipped",
                    &count(lang, report.short_courses, Msg::KursRecords),
                )],
            ));
        }
        let _ = writeln!(stdout, "{line}");
        written += report.written.len();
        refused += report.refused.len();
        if !report.refused.is_empty() && status == Status::Clean {
            status = Status::Findings;
        }
    }
    let summary = Msg::ImportSummary.say(
        lang,
        &[
            ("written", &count(lang, written, Msg::Documents)),
            ("out", &display_path(&options.out)),
            ("files", &count(lang, reports.len(), Msg::Files)),
            ("refused", &refused.to_string()),
            ("failed", &count(lang, failed, Msg::Files)),
        ],
    );
    let _ = writeln!(stdout, "{summary}");
    let _ = stdout.flush();
    status
}
