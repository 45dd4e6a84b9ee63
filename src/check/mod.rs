//! The engine: every front-end's one way in. Inputs (files, or texts in
//! memory) are read, checked and fixed in parallel, and each file's report
//! goes to a [`Reporter`] in the order of the inputs, with the findings
//! across documents merged into it before its directives apply.
//!
//! `setup` builds the [`Linter`] from the configuration, `document` takes
//! one document through parse, analyse and the rules, and `fixing` applies
//! the safe fixes; this module only runs them.

mod document;
mod fixing;
mod setup;

use std::path::PathBuf;

use rayon::prelude::*;

pub use setup::{Linter, Selection, Speak};

use crate::facts::DocFacts;
use crate::files::{PathError, display_path, read_file};
use crate::finding::{AppliedFix, FileReport, Finding, RefusedFix, Summary};
use crate::messages::Msg;
use crate::output::Reporter;
use crate::rules::{Catalogue, DocSummary, RuleSet};
use crate::source::{self, SourceFile};
use document::Checked;

/// What `Linter::check` does beyond checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Only report.
    #[default]
    Off,
    /// Apply the safe fixes and write each changed file.
    Write,
    /// Compute the safe fixes and report them as diffs; write nothing.
    Diff,
}

/// A document for a run: a file to read, or a text already in memory
/// (standard input, an editor's buffer, a rule's example). A text is never
/// written back: fixing it hands its fixed text to the reporter
/// (`Reporter::fixed_text`), and `FixMode::Diff` gives its diff.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Text { name: String, bytes: Vec<u8> },
}

impl Input {
    /// The input's name, as findings show it.
    fn name(&self) -> String {
        match self {
            Input::File(path) => display_path(path),
            Input::Text { name, .. } => name.clone(),
        }
    }

    /// Its bytes: read (at most `max` of them) for a file.
    fn bytes(&self, max: u64) -> Result<Vec<u8>, PathError> {
        match self {
            Input::File(path) => read_file(path, max),
            Input::Text { bytes, .. } => Ok(bytes.clone()),
        }
    }

    /// Its size, for batching; 0 for a file that cannot be read, which
    /// `bytes` then refuses cheaply.
    fn size(&self, max: u64) -> u64 {
        match self {
            Input::File(path) => std::fs::metadata(path).map_or(0, |m| m.len().min(max)),
            Input::Text { bytes, .. } => (bytes.len() as u64).min(max),
        }
    }
}

impl Linter {
    /// A parked file's report made whole again: its text read back, and
    /// the findings across documents with it. A file that changed since it
    /// was checked is checked again as it is now, without them, since they
    /// point into the text that was.
    fn unpark(
        &self,
        input: &Input,
        parked: Parked,
        across: Vec<Finding>,
    ) -> (Result<FileChecked, PathError>, Vec<Finding>) {
        let mut file = parked.file;
        let Some(hash) = parked.hash else {
            return (Ok(file), across);
        };
        let name = file.checked.source.name.clone();
        let bytes = match input.bytes(self.max_file_size) {
            Ok(bytes) => bytes,
            Err(error) => return (Err(error), Vec::new()),
        };
        let text = match source::decode(bytes.clone()) {
            Ok(text) => text,
            Err(undecodable) => undecodable.shown,
        };
        if text_hash(&text) == hash {
            file.checked.source = SourceFile::new(name, text);
            return (Ok(file), across);
        }
        let (source, doc) = self.document(&name, bytes);
        (file.checked, _) = self.check_parsed(source, &doc);
        (Ok(file), Vec::new())
    }

    /// Whether a rule that compares documents is on, so that every
    /// document's report waits for the others.
    fn wants_summaries(&self) -> bool {
        self.rules
            .iter()
            .any(|r| r.enabled && r.kind.compares_documents())
    }
    /// The findings of the rules that compare documents, one list for each
    /// of `summaries` (empty for a document with no summary).
    fn across_documents<'s>(
        &self,
        summaries: impl Iterator<Item = Option<&'s DocSummary>>,
    ) -> Vec<Vec<Finding>> {
        let mut catalogue = Catalogue::default();
        // The index of each summarised document among all of them.
        let mut index = Vec::new();
        let mut count = 0;
        for (i, summary) in summaries.enumerate() {
            if let Some(summary) = summary {
                catalogue.docs.push(summary.clone());
                index.push(i);
            }
            count = i + 1;
        }
        let mut found = vec![Vec::new(); count];
        if catalogue.docs.is_empty() {
            return found;
        }
        for (doc, finding) in self.rules.check_catalogue(&catalogue) {
            if let Some(list) = index.get(doc).and_then(|&i| found.get_mut(i)) {
                list.push(finding);
            }
        }
        found
    }

    /// The pipeline every front-end runs: checks every input and hands
    /// each report to `reporter`, in the order of `inputs`, fixing or
    /// diffing as `mode` says. Inputs are read and checked in parallel, a
    /// batch at a time, and each file's findings are written on the thread
    /// that checked it where the format can. When no rule compares
    /// documents, each batch is reported while the next is checked, so
    /// memory stays flat however many files there are; otherwise every
    /// report waits for the findings across documents, which join their
    /// document's report in its place, before its directives apply.
    pub fn check(
        &self,
        inputs: &[Input],
        reporter: &mut dyn Reporter,
        mode: FixMode,
    ) -> std::io::Result<Summary> {
        const BATCH: usize = 512;
        // Only the catalogue report asks, and it never fixes.
        let wants_facts = mode == FixMode::Off && reporter.wants_facts();
        let wants_documents = mode == FixMode::Off && reporter.wants_documents();
        let check_one = |input: &Input| -> Result<FileChecked, PathError> {
            let bytes = input.bytes(self.max_file_size)?;
            let name = input.name();
            if mode == FixMode::Off {
                let (source, doc) = self.document(&name, bytes);
                let facts = wants_facts.then(|| DocFacts::new(&doc, &source, &self.rules));
                let (checked, summary) = self.check_parsed(source, &doc);
                return Ok(FileChecked {
                    checked,
                    summary,
                    more: More {
                        facts,
                        document: wants_documents.then_some(doc),
                        ..More::default()
                    },
                });
            }
            let fixing = self.fixing(&name, bytes.clone());
            let mut fixed_text = None;
            let diff = match (fixing.text, mode, input) {
                (Some(text), FixMode::Write, Input::File(path)) => {
                    if let Err(e) = crate::fix::write_atomic(path, &bytes, &text) {
                        let error = PathError::new(path, &e);
                        let text = Msg::NotFixed.text(|lang| {
                            let why = error.message_in(lang);
                            vec![("error", why.to_string())]
                        });
                        let error = PathError {
                            message: format!("not fixed: {}", error.message),
                            text: Some(text),
                            ..error
                        };
                        // The file is as it was: so are its findings, all of
                        // them, where they stand in it.
                        let (source, doc) = self.document(&name, bytes);
                        let (checked, summary) = self.check_parsed(source, &doc);
                        return Ok(FileChecked {
                            checked,
                            summary,
                            more: More {
                                not_fixed: Some(error),
                                ..More::default()
                            },
                        });
                    }
                    None
                }
                // A text has nowhere to be written: its fixed text goes to
                // the reporter, for the caller to put where it belongs.
                (Some(text), FixMode::Write, Input::Text { .. }) => {
                    fixed_text = Some(text);
                    None
                }
                (Some(text), _, _) => Some(crate::output::unified_diff(
                    &name,
                    &String::from_utf8_lossy(&bytes),
                    &text,
                )),
                (None, _, _) => None,
            };
            Ok(FileChecked {
                checked: fixing.checked,
                summary: fixing.summary,
                more: More {
                    fixed: Some((fixing.fixes, diff)),
                    fixed_text,
                    refused: fixing.refused,
                    // What was written is listed; a diff shows itself.
                    applied: if mode == FixMode::Write && matches!(input, Input::File(_)) {
                        fixing.applied
                    } else {
                        Vec::new()
                    },
                    ..More::default()
                },
            })
        };
        let ahead = reporter.ahead();
        let ahead = ahead.as_deref();
        let complete = |result: Result<FileChecked, PathError>, across: Vec<Finding>| {
            result.map(|file| Done::of(file, across, &self.rules, ahead))
        };
        let check_batch = |batch: &[Input]| -> Vec<Result<FileChecked, PathError>> {
            // One file (a pre-commit hook, an editor) is checked on this
            // thread: starting the pool would cost more than the check.
            if batch.len() == 1 {
                batch.iter().map(check_one).collect()
            } else {
                batch.par_iter().map(check_one).collect()
            }
        };
        let mut summary = Summary::default();
        let mut report_one = |result: Result<Done, PathError>| -> std::io::Result<()> {
            match result {
                Ok(file) => {
                    let report = &file.report;
                    let more = file.more;
                    if let Some((fixes, diff)) = more.fixed
                        && fixes > 0
                    {
                        summary.fixes += fixes;
                        summary.files_fixed += 1;
                        reporter.fixed(&report.source.name, fixes, diff.as_deref())?;
                        if let Some(text) = &more.fixed_text {
                            reporter.fixed_text(&report.source.name, text)?;
                        }
                        if !more.applied.is_empty() {
                            reporter.applied(&report.source.name, &more.applied)?;
                        }
                    }
                    summary.add(report);
                    summary.refused.extend(more.refused);
                    if let Some(facts) = &more.facts {
                        reporter.facts(facts)?;
                    }
                    if let Some(doc) = &more.document {
                        reporter.document(doc)?;
                    }
                    match file.pieces {
                        Some(pieces) => reporter.file_ahead(report, pieces)?,
                        None => reporter.file(report)?,
                    }
                    if let Some(error) = more.not_fixed {
                        reporter.error(&error)?;
                        summary.errors.push(error);
                    }
                    Ok(())
                }
                Err(error) => {
                    reporter.error(&error)?;
                    summary.errors.push(error);
                    Ok(())
                }
            }
        };
        if self.wants_summaries() {
            // Every report waits for the findings across documents. Past
            // `KEPT_TEXTS`, the texts are not kept meanwhile: each is read
            // again when its report is written, and memory holds the
            // findings and small summaries of the run, not its documents.
            let mut parked = Vec::with_capacity(inputs.len());
            let mut kept = 0;
            for batch in inputs.chunks(BATCH) {
                parked.extend(
                    check_batch(batch)
                        .into_iter()
                        .map(|r| r.map(|file| Parked::of(file, &mut kept, self.kept_texts))),
                );
            }
            let across = self.across_documents(
                parked
                    .iter()
                    .map(|r| r.as_ref().ok().and_then(|p| p.file.summary.as_ref())),
            );
            let mut across = across.into_iter();
            for (batch, results) in inputs.chunks(BATCH).zip(chunks_of(parked, BATCH)) {
                let found: Vec<Vec<Finding>> = across.by_ref().take(results.len()).collect();
                let restore = |(input, (result, found)): (
                    &Input,
                    (Result<Parked, PathError>, Vec<Finding>),
                )| match result {
                    Ok(parked) => {
                        let (result, found) = self.unpark(input, parked, found);
                        complete(result, found)
                    }
                    Err(error) => Err(error),
                };
                let restored: Vec<Result<Done, PathError>> = if batch.len() == 1 {
                    batch
                        .iter()
                        .zip(results.into_iter().zip(found))
                        .map(restore)
                        .collect()
                } else {
                    batch
                        .par_iter()
                        .zip(results.into_par_iter().zip(found))
                        .map(restore)
                        .collect()
                };
                for result in restored {
                    report_one(result)?;
                }
            }
            return Ok(summary);
        }
        // While one batch is reported here, the next is checked on the pool:
        // the report never waits for the whole run, and memory holds at most
        // two batches.
        let check_batch = |batch: &[Input]| -> Vec<Result<Done, PathError>> {
            batch
                .par_iter()
                .map(|path| complete(check_one(path), Vec::new()))
                .collect()
        };
        let batches = batches(inputs, BATCH, self.max_file_size);
        // One batch (a document in memory, a few staged files) has nothing
        // to overlap with: it is checked without a thread of its own.
        if let [only] = batches.as_slice() {
            for result in check_batch(&inputs[only.files.clone()]) {
                report_one(result)?;
            }
            return Ok(summary);
        }
        std::thread::scope(|scope| -> std::io::Result<()> {
            let mut previous: Option<Vec<Result<Done, PathError>>> = None;
            for batch in batches {
                if batch.alone
                    && let Some(results) = previous.take()
                {
                    for result in results {
                        report_one(result)?;
                    }
                }
                let range = batch.files.clone();
                let next = scope.spawn(|| check_batch(&inputs[range]));
                if let Some(results) = previous.take() {
                    for result in results {
                        report_one(result)?;
                    }
                }
                let results = next
                    .join()
                    .map_err(|_| std::io::Error::other("a checking thread failed"))?;
                previous = Some(results);
            }
            for result in previous.into_iter().flatten() {
                report_one(result)?;
            }
            Ok(())
        })?;
        Ok(summary)
    }
}

/// Files checked together, by their place in the list.
struct Batch {
    files: std::ops::Range<usize>,
    /// Checked while no other batch is held: a file of more than a quarter
    /// of the size limit.
    alone: bool,
}

/// `files` cut into batches of at most `most` files and, together, half of
/// `max_file_size` bytes, and every file of more than a quarter of it in a
/// batch of its own. Checking takes up to 40 times a file's size while it
/// runs, and two batches are held at a time (one checked, one reported), so
/// memory stays within 40 times the limit, whatever the files: five hundred
/// files of 10 MB checked side by side took many gigabytes.
fn batches(files: &[Input], most: usize, max_file_size: u64) -> Vec<Batch> {
    let budget = max_file_size / 2;
    let large = max_file_size / 4;
    let mut out: Vec<Batch> = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, path) in files.iter().enumerate() {
        let size = path.size(max_file_size);
        if size > large {
            if start < i {
                out.push(Batch {
                    files: start..i,
                    alone: false,
                });
            }
            out.push(Batch {
                files: i..i + 1,
                alone: true,
            });
            start = i + 1;
            bytes = 0;
            continue;
        }
        if start < i && (i - start >= most || bytes + size > budget) {
            out.push(Batch {
                files: start..i,
                alone: false,
            });
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < files.len() {
        out.push(Batch {
            files: start..files.len(),
            alone: false,
        });
    }
    out
}
/// A file's result while the run waits for the findings across documents:
/// with its text while the texts kept stay within `most` bytes, else
/// without it, and `hash` tells whether the text read back is the one
/// checked.
struct Parked {
    file: FileChecked,
    hash: Option<u64>,
}

/// The most bytes of text a run keeps while it waits for the findings
/// across documents: a catalogue of ordinary size is read once, and a huge
/// one still holds no more than this of its texts.
const KEPT_TEXTS: usize = 64 * 1024 * 1024;

impl Parked {
    fn of(mut file: FileChecked, kept: &mut usize, most: usize) -> Parked {
        let size = file.checked.source.held_bytes();
        if *kept + size <= most {
            *kept += size;
            return Parked { file, hash: None };
        }
        let hash = text_hash(&file.checked.source.text);
        file.checked.source = SourceFile::new(file.checked.source.name.clone(), "");
        Parked {
            file,
            hash: Some(hash),
        }
    }
}

fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// `items` in runs of `size`, taken apart rather than borrowed.
fn chunks_of<T>(items: Vec<T>, size: usize) -> Vec<Vec<T>> {
    let mut out = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        out.push(items.by_ref().take(size).collect());
    }
    out
}

/// What checking one file gave.
struct FileChecked {
    checked: Checked,
    summary: Option<DocSummary>,
    more: More,
}

/// What a file's check gave beyond its findings, for the reporter.
#[derive(Default)]
struct More {
    /// How many fixes, and the diff, when fixing.
    fixed: Option<(usize, Option<String>)>,
    /// The fixed text of a text input, when fixing it.
    fixed_text: Option<String>,
    refused: Vec<RefusedFix>,
    /// What the fixes changed, when they were written.
    applied: Vec<AppliedFix>,
    facts: Option<DocFacts>,
    /// The parsed document, for a reporter that wants it.
    document: Option<crate::parse::Document>,
    /// Why the fixed text could not be written; the findings are then
    /// those of the file as it is.
    not_fixed: Option<PathError>,
}

/// A file's report, its directives applied, and its findings written ahead
/// where the format can.
struct Done {
    report: FileReport,
    pieces: Option<Vec<String>>,
    more: More,
}

impl Done {
    fn of(
        file: FileChecked,
        across: Vec<Finding>,
        rules: &RuleSet,
        ahead: Option<&dyn crate::output::Ahead>,
    ) -> Done {
        let report = file.checked.finish(rules, across);
        // Written again on the printing thread if this fails, which then
        // says why.
        let pieces = ahead.and_then(|ahead| ahead.pieces(&report).ok());
        Done {
            report,
            pieces,
            more: file.more,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    /// Texts kept or read back, a catalogue's report is the same.
    #[test]
    fn a_run_that_reads_its_texts_back_reports_what_one_that_keeps_them_does() {
        let mut files = Vec::new();
        for entry in ignore::Walk::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")) {
            let path = entry.unwrap().into_path();
            if crate::files::is_lub_file(&path) {
                files.push(path);
            }
        }
        files.sort();
        assert!(files.len() > 20);
        let report = |kept_texts: usize| {
            let mut linter = Linter::builtin().unwrap();
            linter.kept_texts = kept_texts;
            assert!(linter.wants_summaries());
            let mut out = Vec::new();
            let mut reporter = crate::output::JsonReporter::new(
                Box::new(&mut out),
                Box::new(std::io::sink()),
                Lang::En,
            );
            let inputs: Vec<Input> = files.iter().cloned().map(Input::File).collect();
            let summary = linter.check(&inputs, &mut reporter, FixMode::Off).unwrap();
            reporter.finish(&summary).unwrap();
            drop(reporter);
            String::from_utf8(out).unwrap()
        };
        let kept = report(KEPT_TEXTS);
        assert!(kept.contains("translation-mismatch"));
        assert_eq!(kept, report(0));
        assert_eq!(kept, report(4096));
    }

    /// A text in memory has no file to write: fixing it gives the reporter
    /// its fixed text, and `Collected` the parsed documents when asked.
    #[test]
    fn fixing_a_text_hands_its_fixed_text_to_the_reporter() {
        let linter = Linter::builtin().unwrap();
        let text = "## Ferdigheter\nKandidaten kan\n- kan bruke SQL til å hente ut data fra en relasjonsdatabase\n";
        let input = [Input::Text {
            name: "a.lub.md".to_string(),
            bytes: text.as_bytes().to_vec(),
        }];
        let mut collected = crate::output::Collected::default();
        let summary = linter
            .check(&input, &mut collected, FixMode::Write)
            .unwrap();
        assert_eq!(summary.fixes, 1);
        assert_eq!(
            collected.fixed,
            vec![(
                "a.lub.md".to_string(),
                "## Ferdigheter\nKandidaten kan\n- bruke SQL til å hente ut data fra en relasjonsdatabase\n".to_string()
            )]
        );
        assert!(collected.documents.is_empty());

        let mut collected = crate::output::Collected::with_documents();
        linter.check(&input, &mut collected, FixMode::Off).unwrap();
        assert!(collected.fixed.is_empty());
        assert_eq!(collected.documents.len(), 1);
        assert_eq!(collected.reports.len(), 1);
        assert_eq!(collected.documents[0].sections.len(), 1);
    }
}
