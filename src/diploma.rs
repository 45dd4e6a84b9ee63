//! `lub render` as the library does it, for the command line and the
//! servers alike: check, refuse a document with errors (unless forced),
//! find the translations asked for, and render the diploma text.

use std::path::{Path, PathBuf};

use crate::check::Linter;
use crate::finding::{FileReport, Severity};
use crate::lang::Lang;
use crate::messages::Msg;
use crate::output::{HumanReporter, Reporter, Style};
use crate::parse::Document;
use crate::render::{self, Rendering};

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: render::Format,
    /// Line width of the text format.
    pub width: usize,
    /// With HTML: a whole page rather than a fragment.
    pub page: bool,
    /// The longest the learning outcomes may be, in characters.
    pub max_chars: Option<usize>,
    /// Render even a document with errors.
    pub force: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: render::Format::Text,
            width: 80,
            page: false,
            max_chars: None,
            force: false,
        }
    }
}

/// Why nothing was rendered: `message` is what `lub render` prints on
/// standard error, the document's errors included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub message: String,
}

/// The diploma text of `documents` (one, or a translation pair), or why it
/// is refused: a document has errors (and `force` is off, or there are no
/// outcomes at all), outcomes that cannot be made to read on from their
/// lead-in (unless `force`), or outcomes longer than `max_chars`.
pub fn render(
    linter: &Linter,
    documents: &[(Document, FileReport)],
    options: &Options,
) -> Result<String, Refused> {
    let ui = linter.ui_lang();
    // Findings quoted in a refusal are in their documents' language; what
    // lub says of them, in lub's own.
    let style = Style {
        lang: ui,
        ..Style::plain()
    };
    let mut message: Vec<u8> = Vec::new();
    for (doc, report) in documents {
        let unreadable = doc.categories().next().is_none();
        if report.count(Severity::Error) > 0 && (!options.force || unreadable) {
            let errors = FileReport::new(
                report.source.clone(),
                report
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .cloned()
                    .collect(),
            );
            let mut reporter =
                HumanReporter::new(Box::new(&mut message), Box::new(std::io::sink()), style);
            // Writing to memory does not fail.
            let _ = reporter.file(&errors);
            drop(reporter);
            let refusal = if unreadable {
                Msg::RenderNothing
            } else {
                Msg::RenderErrors
            };
            let said = refusal.say(
                ui,
                &[("file", &crate::escape::visible(&report.source.name))],
            );
            message.extend_from_slice(format!("error: {said}\n").as_bytes());
        }
    }
    if !message.is_empty() {
        return Err(Refused {
            message: String::from_utf8_lossy(&message).into_owned(),
        });
    }

    let renderings: Vec<Rendering> = documents
        .iter()
        .map(|(doc, report)| Rendering::new(doc, &report.source, linter.data().lexicon(doc.lang)))
        .collect();
    // Outcomes that would not read as sentences on a diploma are refused as
    // errors are, with the findings that say why.
    for (rendering, (_, report)) in renderings.iter().zip(documents) {
        if rendering.broken.is_empty() || options.force {
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
        let mut reporter =
            HumanReporter::new(Box::new(&mut message), Box::new(std::io::sink()), style);
        let _ = reporter.file(&said);
        drop(reporter);
        let refusal = if rendering.broken.len() == 1 {
            Msg::RenderBrokenOne
        } else {
            Msg::RenderBrokenMany
        };
        let said = refusal.say(
            ui,
            &[("file", &crate::escape::visible(&report.source.name))],
        );
        message.extend_from_slice(format!("error: {said}\n").as_bytes());
        for outcome in &rendering.broken {
            let line = report.source.position(outcome.start).line.to_string();
            let text =
                crate::escape::visible(&crate::source::one_line(report.source.slice(outcome)))
                    .into_owned();
            let text: String = if text.chars().count() > 70 {
                text.chars().take(69).chain(['…']).collect()
            } else {
                text
            };
            let said = Msg::RenderBrokenLine.say(ui, &[("line", &line), ("text", &text)]);
            message.extend_from_slice(format!("{said}\n").as_bytes());
        }
    }
    if !message.is_empty() {
        return Err(Refused {
            message: String::from_utf8_lossy(&message).into_owned(),
        });
    }
    if let Some(max) = options.max_chars {
        let mut over = String::new();
        for (rendering, (_, report)) in renderings.iter().zip(documents) {
            let count = render::outcomes_text(rendering, usize::MAX)
                .trim_end()
                .chars()
                .count();
            if count > max {
                let said = Msg::RenderTooLong.say(
                    ui,
                    &[
                        ("file", &crate::escape::visible(&report.source.name)),
                        ("count", &count.to_string()),
                        ("max", &max.to_string()),
                    ],
                );
                over.push_str(&format!("error: {said}\n"));
            }
        }
        if !over.is_empty() {
            return Err(Refused { message: over });
        }
    }
    Ok(render::render_all(
        &renderings,
        options.format,
        options.width,
        options.page,
    ))
}

/// Reads, parses and checks the document at `path`.
pub fn load(
    linter: &Linter,
    path: &Path,
) -> Result<(Document, FileReport), crate::files::PathError> {
    let mut collected = crate::output::Collected::with_documents();
    let input = [crate::check::Input::File(path.to_path_buf())];
    linter
        .check(&input, &mut collected, crate::check::FixMode::Off)
        .map_err(|e| crate::files::PathError::new(path, &e))?;
    if let Some(error) = collected.errors.pop() {
        return Err(error);
    }
    match (collected.documents.pop(), collected.reports.pop()) {
        (Some(doc), Some(report)) => Ok((doc, report)),
        _ => Err(crate::files::PathError::new(
            path,
            &std::io::Error::other("the document could not be checked"),
        )),
    }
}

/// The documents to render in the languages `wanted`: `first`, read from
/// `path`, and those beside it (in its folder, or in the folders next to
/// it, as in `nb/` and `en/`) with the same code, Norwegian first. With
/// `every_one`, a language with no document is an error.
pub fn translations(
    linter: &Linter,
    path: &Path,
    first: (Document, FileReport),
    wanted: &[Lang],
    every_one: bool,
) -> Result<Vec<(Document, FileReport)>, String> {
    let Some(code) = first
        .0
        .meta
        .code
        .as_ref()
        .map(|c| c.value.trim().to_string())
    else {
        return Err(Msg::RenderNoCode.say(
            linter.ui_lang(),
            &[("file", &crate::files::display_path(path))],
        ));
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
        let Ok((other, report)) = load(linter, &candidate) else {
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
    if every_one
        && let Some(missing) = wanted
            .iter()
            .find(|l| !found.iter().any(|(d, _)| d.lang == **l))
    {
        return Err(Msg::RenderNoTranslation.say(
            linter.ui_lang(),
            &[
                ("lang", missing.code()),
                ("code", &crate::escape::visible(&code)),
                (
                    "file",
                    &crate::escape::visible(&crate::files::display_path(path)),
                ),
            ],
        ));
    }
    found.sort_by_key(|(d, _)| d.lang);
    Ok(found)
}

/// `*.lub.md` files in the folder of `path` and in the folders beside it,
/// sorted: where a catalogue keeps a programme's translations.
fn neighbours(path: &Path) -> Vec<PathBuf> {
    let folder = crate::files::folder_of(path);
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
        .filter(|p| p.is_file() && crate::files::is_lub_file(p))
        .collect();
    files.sort();
    files.dedup();
    files
}
