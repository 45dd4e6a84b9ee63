//! `lub render`: check, refuse a document with errors (unless `--force`),
//! find the translations asked for, and print the diploma text.

use crate::messages::Msg;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{LangArg, RenderArgs, RenderTo, Status, write_out};
use crate::check::{self, Linter};
use crate::finding::{FileReport, Severity};
use crate::lang::Lang;
use crate::parse::Document;
use crate::render::{self, Rendering};
use crate::report::{HumanReporter, Reporter};

pub(super) fn run(
    linter: &Linter,
    args: &RenderArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Status {
    let Some(first) = load(linter, &args.path, stderr) else {
        return Status::Failure;
    };
    let documents = match args.lang {
        Some(lang) => match translations(linter, &args.path, first, lang, stderr) {
            Ok(found) => found,
            Err(status) => return status,
        },
        None => vec![first],
    };

    let mut refused = false;
    for (doc, report) in &documents {
        let unreadable = doc.categories().next().is_none();
        if report.count(Severity::Error) > 0 && (!args.force || unreadable) {
            let errors = FileReport::new(
                report.source.clone(),
                report
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .cloned()
                    .collect(),
            );
            let mut reporter = HumanReporter::new(
                Box::new(&mut *stderr),
                Box::new(std::io::sink()),
                crate::report::Style {
                    lang: linter.ui_lang(),
                    ..crate::report::Style::plain()
                },
            );
            let _ = reporter.file(&errors);
            drop(reporter);
            let ui = linter.ui_lang();
            let refusal = if unreadable {
                Msg::RenderNothing
            } else {
                Msg::RenderErrors
            };
            let _ = writeln!(
                stderr,
                "error: {}",
                refusal.say(
                    ui,
                    &[("file", &crate::escape::visible(&report.source.name))]
                )
            );
            refused = true;
        }
    }
    if refused {
        return Status::Findings;
    }

    let renderings: Vec<Rendering> = documents
        .iter()
        .map(|(doc, report)| Rendering::new(doc, &report.source, linter.data().lexicon(doc.lang)))
        .collect();
    // Outcomes that would not read as sentences on a diploma are refused as
    // errors are, with the findings that say why.
    let mut broken = false;
    for (rendering, (_, report)) in renderings.iter().zip(&documents) {
        if rendering.broken.is_empty() || args.force {
            continue;
        }
        // The lead-in rule's findings say why; other findings of the
        // outcome are for `lub check`.
        let said = FileReport::new(
            report.source.clone(),
            report
                .findings
                .iter()
                .filter(|f| {
                    &*f.rule == "lead-in"
                        && rendering
                            .broken
                            .iter()
                            .any(|o| o.start <= f.span.start && f.span.start <= o.end)
                })
                .cloned()
                .collect(),
        );
        let mut reporter = HumanReporter::new(
            Box::new(&mut *stderr),
            Box::new(std::io::sink()),
            crate::report::Style {
                lang: linter.ui_lang(),
                ..crate::report::Style::plain()
            },
        );
        let _ = reporter.file(&said);
        drop(reporter);
        let ui = linter.ui_lang();
        let message = if rendering.broken.len() == 1 {
            Msg::RenderBrokenOne
        } else {
            Msg::RenderBrokenMany
        };
        let _ = writeln!(
            stderr,
            "error: {}",
            message.say(ui, &[("file", &report.source.name)])
        );
        for outcome in &rendering.broken {
            let line = report.source.position(outcome.start).line.to_string();
            let text = crate::source::one_line(report.source.slice(outcome));
            let text: String = if text.chars().count() > 70 {
                text.chars().take(69).chain(['…']).collect()
            } else {
                text
            };
            let _ = writeln!(
                stderr,
                "{}",
                Msg::RenderBrokenLine.say(ui, &[("line", &line), ("text", &text)])
            );
        }
        broken = true;
    }
    if broken {
        return Status::Findings;
    }
    if let Some(max) = args.max_chars {
        let mut over = false;
        for (rendering, (_, report)) in renderings.iter().zip(&documents) {
            let count = render::outcomes_text(rendering, usize::MAX)
                .trim_end()
                .chars()
                .count();
            if count > max {
                let _ = writeln!(
                    stderr,
                    "error: {}",
                    Msg::RenderTooLong.say(
                        linter.ui_lang(),
                        &[
                            ("file", &crate::escape::visible(&report.source.name)),
                            ("count", &count.to_string()),
                            ("max", &max.to_string()),
                        ],
                    )
                );
                over = true;
            }
        }
        if over {
            return Status::Findings;
        }
    }
    let format = match args.to {
        RenderTo::Text => render::Format::Text,
        RenderTo::Markdown => render::Format::Markdown,
        RenderTo::Html => render::Format::Html,
        RenderTo::Json => render::Format::Json,
    };
    let text = render::render_all(&renderings, format, args.width, args.page);
    if format == render::Format::Json {
        return write_out(stderr, text.as_bytes(), stdout);
    }
    // A document's text reaches the terminal without a raw control
    // character; JSON escapes its own.
    write_out(
        stderr,
        text.as_bytes(),
        &mut crate::escape::VisibleWriter::new(stdout),
    )
}

/// Reads, parses and checks one document; `None` (after saying why) if it
/// cannot be read.
fn load(linter: &Linter, path: &Path, stderr: &mut dyn Write) -> Option<(Document, FileReport)> {
    match check::read_file(path, linter.max_file_size) {
        Ok(bytes) => Some(linter.check_document(&check::display_path(path), bytes)),
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            None
        }
    }
}

/// The documents to render for `--lang`: `first`, read from `path`, and
/// those beside it (in its folder, or in the folders next to it, as in `nb/`
/// and `en/`) with the same code, in the languages asked for, Norwegian
/// first.
fn translations(
    linter: &Linter,
    path: &Path,
    first: (Document, FileReport),
    lang: LangArg,
    stderr: &mut dyn Write,
) -> Result<Vec<(Document, FileReport)>, Status> {
    let wanted: Vec<Lang> = match lang {
        LangArg::All => Lang::ALL.to_vec(),
        LangArg::Nb => vec![Lang::Nb],
        LangArg::Nn => vec![Lang::Nn],
        LangArg::En => vec![Lang::En],
    };
    let Some(code) = first
        .0
        .meta
        .code
        .as_ref()
        .map(|c| c.value.trim().to_string())
    else {
        let _ = writeln!(
            stderr,
            "error: {}",
            Msg::RenderNoCode.say(
                linter.ui_lang(),
                &[("file", &crate::escape::visible(&check::display_path(path)))]
            )
        );
        return Err(Status::Failure);
    };
    let itself = std::fs::canonicalize(path).ok();
    let mut found: Vec<(Document, FileReport)> = Vec::new();
    if wanted.contains(&first.0.lang) {
        found.push(first);
    }
    for candidate in neighbours(path) {
        if candidate == path || std::fs::canonicalize(&candidate).ok() == itself {
            continue;
        }
        // A neighbour that cannot be read is not a translation.
        let Some((other, report)) = load(linter, &candidate, &mut std::io::sink()) else {
            continue;
        };
        let same_code = other
            .meta
            .code
            .as_ref()
            .is_some_and(|c| c.value.trim() == code);
        if same_code
            && wanted.contains(&other.lang)
            && !found.iter().any(|(d, _)| d.lang == other.lang)
        {
            found.push((other, report));
        }
    }
    if lang != LangArg::All
        && let Some(missing) = wanted
            .iter()
            .find(|l| !found.iter().any(|(d, _)| d.lang == **l))
    {
        let _ = writeln!(
            stderr,
            "error: {}",
            Msg::RenderNoTranslation.say(
                linter.ui_lang(),
                &[
                    ("lang", missing.code()),
                    ("code", &crate::escape::visible(&code)),
                    ("file", &crate::escape::visible(&check::display_path(path))),
                ],
            )
        );
        return Err(Status::Failure);
    }
    found.sort_by_key(|(d, _)| d.lang);
    Ok(found)
}

/// `*.lub.md` files in the folder of `path` and in the folders beside it,
/// sorted: where a catalogue keeps a programme's translations.
fn neighbours(path: &Path) -> Vec<PathBuf> {
    let folder = check::folder_of(path);
    let mut folders = vec![folder.to_path_buf()];
    if let Some(parent) = std::fs::canonicalize(folder)
        .ok()
        .and_then(|f| f.parent().map(Path::to_path_buf))
        && let Ok(entries) = std::fs::read_dir(&parent)
    {
        folders.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir()),
        );
    }
    let mut files: Vec<PathBuf> = folders
        .iter()
        .filter_map(|f| std::fs::read_dir(f).ok())
        .flat_map(|entries| entries.filter_map(Result::ok).map(|e| e.path()))
        .filter(|p| p.is_file() && check::is_lub_file(p))
        .collect();
    files.sort();
    files.dedup();
    files
}
