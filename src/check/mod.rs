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

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;

use rayon::prelude::*;

pub use setup::{Linter, Selection, Speak};

use crate::facts::DocFacts;
use crate::files::{PathError, display_path, read_file, read_head};
use crate::finding::{AppliedFix, FileReport, Finding, RefusedFix, Summary};
use crate::messages::Msg;
use crate::output::Reporter;
use crate::parse::{self, CodeHint};
use crate::rules::{Catalogue, DocSummary, RuleSet};
use crate::source::{self, SourceFile, SourceId};
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
        let (id, name) = (file.checked.source.id, file.checked.source.name.clone());
        let bytes = match input.bytes(self.max_file_size) {
            Ok(bytes) => bytes,
            Err(error) => return (Err(error), Vec::new()),
        };
        let text = match source::decode(bytes.clone()) {
            Ok(text) => text,
            Err(undecodable) => undecodable.shown,
        };
        if text_hash(&text) == hash {
            file.checked.source = SourceFile::new(name, text).with_id(id);
            return (Ok(file), across);
        }
        let (source, doc) = self.document(id, &name, bytes);
        (file.checked, _) = self.check_parsed(source, &doc);
        (Ok(file), Vec::new())
    }

    /// Whether a rule that compares documents is on, so that documents of
    /// one code wait for each other.
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
    /// that checked it where the format can. Each batch is reported while
    /// the next is checked, so memory stays flat however many files there
    /// are. When a rule compares documents, the start of every file is
    /// read first for its code: a document that shares its code with
    /// another waits until all of them are checked, and the findings across
    /// them join its report in its place, before its directives apply.
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
        let check_one = |id: SourceId,
                         input: &Input,
                         read: Option<Vec<u8>>|
         -> Result<FileChecked, PathError> {
            let bytes = match read {
                Some(bytes) => bytes,
                None => input.bytes(self.max_file_size)?,
            };
            let name = input.name();
            if mode == FixMode::Off {
                let (source, doc) = self.document(id, &name, bytes);
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
            let fixing = self.fixing(id, &name, bytes.clone());
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
                        let (source, doc) = self.document(id, &name, bytes);
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
        // One input shares its code with none.
        let (sharing, sizes, mut read) = match self.wants_summaries() && inputs.len() > 1 {
            true => {
                let ahead = read_ahead(inputs, self.max_file_size);
                (Some(ahead.sharing), Some(ahead.sizes), ahead.read)
            }
            false => (None, None, Vec::new()),
        };
        // The bytes read ahead for the files of `range`, handed to its batch.
        let mut read_for = |range: &std::ops::Range<usize>| -> Vec<Option<Vec<u8>>> {
            match read.get_mut(range.clone()) {
                Some(bytes) => bytes.iter_mut().map(Option::take).collect(),
                None => Vec::new(),
            }
        };
        // A document no other shares a code with is finished on the thread
        // that checked it; one that does waits for the others.
        let step =
            |index: usize, input: &Input, read: Option<Vec<u8>>| -> Result<Step, PathError> {
                let mut file = check_one(SourceId(index), input, read)?;
                let expected = sharing.as_ref().and_then(|sharing| {
                    let code = file.summary.as_ref()?.code.as_deref()?;
                    sharing.waits_for(code)
                });
                Ok(match (expected, file.summary.take()) {
                    (Some(expected), Some(summary)) => Step::Waits {
                        file: Box::new(file),
                        summary,
                        expected,
                    },
                    _ => Step::Done(Done::of(file, Vec::new(), &self.rules, ahead)),
                })
            };
        let check_batch = |range: std::ops::Range<usize>,
                           mut read: Vec<Option<Vec<u8>>>|
         -> Vec<Result<Step, PathError>> {
            let start = range.start;
            let batch = &inputs[range];
            read.resize_with(batch.len(), || None);
            // One file (a pre-commit hook, an editor) is checked on this
            // thread: starting the pool would cost more than the check.
            if batch.len() == 1 {
                batch
                    .iter()
                    .zip(read)
                    .enumerate()
                    .map(|(i, (input, read))| step(start + i, input, read))
                    .collect()
            } else {
                batch
                    .par_iter()
                    .zip(read)
                    .enumerate()
                    .map(|(i, (input, read))| step(start + i, input, read))
                    .collect()
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
        let mut queue = Queue::new(self.kept_texts);
        // The reports at the head of the queue that nothing waits for any
        // more, in order; a parked one is made whole on the pool.
        let mut report_ready = |queue: &mut Queue| -> std::io::Result<()> {
            let ready = queue.take_ready();
            let restore = |(index, slot): (usize, Slot)| match slot {
                Slot::Ready(result) => result,
                Slot::Waiting { parked, across } => {
                    let (result, across) =
                        self.unpark(&inputs[index], *parked, across.unwrap_or_default());
                    complete(result, across)
                }
            };
            let restored: Vec<Result<Done, PathError>> = if ready
                .iter()
                .filter(|(_, slot)| !matches!(slot, Slot::Ready(_)))
                .count()
                > 1
            {
                ready.into_par_iter().map(restore).collect()
            } else {
                ready.into_iter().map(restore).collect()
            };
            restored.into_iter().try_for_each(&mut report_one)
        };
        let take = |queue: &mut Queue, start: usize, results: Vec<Result<Step, PathError>>| {
            for (offset, result) in results.into_iter().enumerate() {
                if let Some(group) = queue.accept(start + offset, result) {
                    self.settle(queue, group);
                }
            }
        };
        let batches = batches(inputs, BATCH, self.max_file_size, sizes.as_deref());
        // One batch (a document in memory, a few staged files) has nothing
        // to overlap with: it is checked without a thread of its own.
        if let [only] = batches.as_slice() {
            let results = check_batch(only.files.clone(), read_for(&only.files));
            take(&mut queue, only.files.start, results);
        } else {
            // While one batch is reported here, the next two are checked on
            // the pool, so that its threads, when one runs out of the first
            // batch's files, go on with the second's rather than wait for the
            // other to finish: the report never waits for the whole run, and
            // memory holds three batches and the documents that wait for
            // another. A batch of one large file is checked with none beside.
            std::thread::scope(|scope| -> std::io::Result<()> {
                // The batches on the pool, oldest first: where each starts,
                // whether it is alone, and the thread that waits for it.
                let mut checking = VecDeque::new();
                let mut batches = batches.into_iter().peekable();
                loop {
                    let room = batches.peek().is_some_and(|next| {
                        checking.is_empty()
                            || checking.len() < 2
                                && !next.alone
                                && !checking.iter().any(|&(_, alone, _)| alone)
                    });
                    if room && let Some(batch) = batches.next() {
                        if batch.alone {
                            report_ready(&mut queue)?;
                        }
                        let range = batch.files.clone();
                        let start = range.start;
                        let read = read_for(&range);
                        let check_batch = &check_batch;
                        let checked = scope.spawn(move || check_batch(range, read));
                        checking.push_back((start, batch.alone, checked));
                        continue;
                    }
                    let Some((start, _, checked)) = checking.pop_front() else {
                        break;
                    };
                    report_ready(&mut queue)?;
                    let results = checked
                        .join()
                        .map_err(|_| std::io::Error::other("a checking thread failed"))?;
                    take(&mut queue, start, results);
                }
                Ok(())
            })?;
        }
        // Codes that fewer documents had than their starts said: the
        // groups are as complete as they will be.
        for group in queue.open_groups() {
            self.settle(&mut queue, group);
        }
        report_ready(&mut queue)?;
        debug_assert!(queue.pending.is_empty());
        Ok(summary)
    }

    /// The findings across the documents of `group`, each given to its
    /// waiting document.
    fn settle(&self, queue: &mut Queue, group: Group) {
        let found = self.across_documents(group.summaries.iter().map(Some));
        for (index, found) in group.members.into_iter().zip(found) {
            queue.settled(index, found);
        }
    }
}

/// What a document's check gave the engine: its finished report, or its
/// check waiting for the other documents of its code, `expected` of them
/// with it.
// Nearly every document is `Done`, and moved once: boxing it would cost an
// allocation each for nothing.
#[allow(clippy::large_enum_variant)]
enum Step {
    Done(Done),
    Waits {
        file: Box<FileChecked>,
        summary: DocSummary,
        expected: usize,
    },
}

/// Which codes more than one input has, read from the start of each before
/// the run: a document with such a code waits for the others with it, and
/// every other document is reported as soon as those before it are.
enum Sharing {
    /// The codes more than one input has, and how many have each.
    Known(HashMap<String, usize>),
    /// A start did not tell its code: every document with a code waits for
    /// the end of the run.
    Unknown,
}

impl Sharing {
    /// How many documents one with `code` waits for, itself among them;
    /// `None` when it waits for none.
    fn waits_for(&self, code: &str) -> Option<usize> {
        match self {
            Sharing::Known(counts) => counts.get(code).copied(),
            Sharing::Unknown => Some(usize::MAX),
        }
    }
}

/// The bytes of a file's start read for its code: front matter longer than
/// this makes every document with a code wait for the end of the run.
const HEAD: usize = 16 * 1024;

/// What reading the start of every input gives the run.
struct Ahead {
    sharing: Sharing,
    /// Each input's size, at most `max`, for `batches`.
    sizes: Vec<u64>,
    /// The whole bytes of the files read whole, so far as `READ_AHEAD`
    /// allows: their check reads nothing again.
    read: Vec<Option<Vec<u8>>>,
}

/// The most bytes of whole files the start's reading keeps for their check:
/// a catalogue of ten thousand documents is read once, and memory stays
/// bounded however many there are.
const READ_AHEAD: usize = 16 * 1024 * 1024;

/// Which codes the inputs share, their sizes, and the files read whole.
fn read_ahead(inputs: &[Input], max: u64) -> Ahead {
    let budget = std::sync::atomic::AtomicUsize::new(READ_AHEAD);
    let take_budget = |len: usize| {
        use std::sync::atomic::Ordering::Relaxed;
        budget
            .fetch_update(Relaxed, Relaxed, |left| left.checked_sub(len))
            .is_ok()
    };
    let hint = |input: &Input| match input {
        Input::File(path) => {
            read_head(path, HEAD).map_or((CodeHint::None, 0, None), |(bytes, whole, size)| {
                let hint = parse::code_hint(&bytes, whole);
                // Kept only what `read_file` would read: the whole regular
                // file, of the size it says, within the limit.
                let keep =
                    whole && bytes.len() as u64 == size && size <= max && take_budget(bytes.len());
                (hint, size.min(max), keep.then_some(bytes))
            })
        }
        Input::Text { bytes, .. } => (
            parse::code_hint(bytes, true),
            (bytes.len() as u64).min(max),
            None,
        ),
    };
    let hints: Vec<(CodeHint, u64, Option<Vec<u8>>)> = inputs.par_iter().map(hint).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut unknown = false;
    let mut sizes = Vec::with_capacity(hints.len());
    let mut read = Vec::with_capacity(hints.len());
    for (hint, size, bytes) in hints {
        sizes.push(size);
        read.push(bytes);
        match hint {
            CodeHint::Unknown => unknown = true,
            CodeHint::Code(code) => *counts.entry(code).or_default() += 1,
            CodeHint::None => {}
        }
    }
    let sharing = if unknown {
        Sharing::Unknown
    } else {
        counts.retain(|_, count| *count > 1);
        Sharing::Known(counts)
    };
    Ahead {
        sharing,
        sizes,
        read,
    }
}

/// The documents checked and not yet reported, in the order of the inputs.
struct Queue {
    /// The input index of `pending`'s first.
    first: usize,
    pending: VecDeque<Slot>,
    /// The documents waiting for others of their code, by code.
    groups: HashMap<String, Group>,
    /// The bytes of text the parked documents keep, and the most they may.
    kept: usize,
    most_kept: usize,
}

#[allow(clippy::large_enum_variant)]
enum Slot {
    Ready(Result<Done, PathError>),
    /// `across` is set once the documents it waits for are checked.
    Waiting {
        parked: Box<Parked>,
        across: Option<Vec<Finding>>,
    },
}

/// The documents of one code checked so far.
struct Group {
    expected: usize,
    /// Their input indexes, and their summaries in the same order.
    members: Vec<usize>,
    summaries: Vec<DocSummary>,
}

impl Queue {
    fn new(most_kept: usize) -> Queue {
        Queue {
            first: 0,
            pending: VecDeque::new(),
            groups: HashMap::new(),
            kept: 0,
            most_kept,
        }
    }

    /// Takes the result of input `index`, the next in order; gives back its
    /// group when it was the last the group waited for.
    fn accept(&mut self, index: usize, result: Result<Step, PathError>) -> Option<Group> {
        debug_assert_eq!(index, self.first + self.pending.len());
        let (file, summary, expected) = match result {
            Err(error) => {
                self.pending.push_back(Slot::Ready(Err(error)));
                return None;
            }
            Ok(Step::Done(done)) => {
                self.pending.push_back(Slot::Ready(Ok(done)));
                return None;
            }
            Ok(Step::Waits {
                file,
                summary,
                expected,
            }) => (file, summary, expected),
        };
        let code = summary.code.clone().unwrap_or_default();
        let parked = Box::new(Parked::of(*file, &mut self.kept, self.most_kept));
        self.pending.push_back(Slot::Waiting {
            parked,
            across: None,
        });
        let group = self.groups.entry(code.clone()).or_insert_with(|| Group {
            expected,
            members: Vec::new(),
            summaries: Vec::new(),
        });
        group.members.push(index);
        group.summaries.push(summary);
        if group.members.len() >= group.expected {
            return self.groups.remove(&code);
        }
        None
    }

    fn settled(&mut self, index: usize, found: Vec<Finding>) {
        if let Some(Slot::Waiting { across, .. }) = index
            .checked_sub(self.first)
            .and_then(|i| self.pending.get_mut(i))
        {
            *across = Some(found);
        }
    }

    /// The groups still waiting, taken out.
    fn open_groups(&mut self) -> Vec<Group> {
        self.groups.drain().map(|(_, group)| group).collect()
    }

    /// The slots at the head that wait for nothing, with their input
    /// indexes, taken out.
    fn take_ready(&mut self) -> Vec<(usize, Slot)> {
        let mut ready = Vec::new();
        while let Some(slot) = self.pending.front() {
            if matches!(slot, Slot::Waiting { across: None, .. }) {
                break;
            }
            let Some(slot) = self.pending.pop_front() else {
                break;
            };
            if let Slot::Waiting { parked, .. } = &slot {
                self.kept -= parked.kept;
            }
            ready.push((self.first, slot));
            self.first += 1;
        }
        ready
    }
}

/// Files checked together, by their place in the list.
struct Batch {
    files: std::ops::Range<usize>,
    /// Checked while no other batch is held: a file of more than a quarter
    /// of the size limit.
    alone: bool,
}

/// `files` cut into batches of at most `most` files and, together, a third
/// of `max_file_size` bytes, and every file of more than a quarter of it in
/// a batch of its own. Checking takes up to 40 times a file's size while it
/// runs, and three batches are held at a time (two checked, one reported), so
/// memory stays within 40 times the limit, whatever the files: five hundred
/// files of 10 MB checked side by side took many gigabytes.
fn batches(files: &[Input], most: usize, max_file_size: u64, sizes: Option<&[u64]>) -> Vec<Batch> {
    let budget = max_file_size / 3;
    let large = max_file_size / 4;
    let mut out: Vec<Batch> = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, path) in files.iter().enumerate() {
        let size = match sizes.and_then(|sizes| sizes.get(i)) {
            Some(&size) => size,
            None => path.size(max_file_size),
        };
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
    /// The bytes of its text it keeps.
    kept: usize,
}

/// The most bytes of text the documents that wait for others keep: past
/// it, a waiting document's text is read again when it is reported, so a
/// run whose documents all wait (a file's start did not tell its code)
/// still holds no more than this of their texts.
const KEPT_TEXTS: usize = 64 * 1024 * 1024;

impl Parked {
    fn of(mut file: FileChecked, kept: &mut usize, most: usize) -> Parked {
        let size = file.checked.source.held_bytes();
        if *kept + size <= most {
            *kept += size;
            return Parked {
                file,
                hash: None,
                kept: size,
            };
        }
        let hash = text_hash(&file.checked.source.text);
        file.checked.source =
            SourceFile::new(file.checked.source.name.clone(), "").with_id(file.checked.source.id);
        Parked {
            file,
            hash: Some(hash),
            kept: 0,
        }
    }
}

fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
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
    document: Option<parse::Document>,
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

    /// A course text for the tests below, in `lang`, with `code`.
    fn course(code: &str, lang: &str, credits: u32, padding: usize) -> String {
        format!(
            "---\ncode: {code}\nkind: course\nlevel: 6\ncredits: {credits}\nlang: {lang}\n{}---\n## Ferdigheter\nKandidaten kan\n- bruke SQL til å hente ut data fra en relasjonsdatabase\n",
            "note: x\n".repeat(padding)
        )
    }

    fn json_of(linter: &Linter, inputs: &[Input]) -> String {
        let mut out = Vec::new();
        let mut reporter = crate::output::JsonReporter::new(
            Box::new(&mut out),
            Box::new(std::io::sink()),
            Lang::En,
        );
        let summary = linter.check(inputs, &mut reporter, FixMode::Off).unwrap();
        reporter.finish(&summary).unwrap();
        drop(reporter);
        String::from_utf8(out).unwrap()
    }

    /// Documents of one code are compared however far apart they stand,
    /// in a run of many batches; and when a file's start does not tell its
    /// code, so that every document with a code waits for the end, the
    /// report is the same.
    #[test]
    fn a_translation_far_from_its_original_is_compared_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for i in 0..1_300 {
            let text = match i {
                0 => course("X1", "en", 10, 0),
                1_100 => course("X1", "nb", 20, 0),
                _ => course(&format!("U{i}"), "nb", 10, 0),
            };
            let path = dir.path().join(format!("d{i:04}.lub.md"));
            std::fs::write(&path, text).unwrap();
            inputs.push(Input::File(path));
        }
        let linter = Linter::builtin().unwrap();
        let told = json_of(&linter, &inputs);
        let findings: Vec<serde_json::Value> = serde_json::from_str(&told).unwrap();
        let mismatches: Vec<&serde_json::Value> = findings
            .iter()
            .filter(|f| f["rule"] == "translation-mismatch")
            .collect();
        assert_eq!(mismatches.len(), 1, "{mismatches:?}");
        assert!(
            mismatches[0]["file"]
                .as_str()
                .unwrap()
                .ends_with("d0000.lub.md")
        );
        assert!(
            mismatches[0]["related"][0]["file"]
                .as_str()
                .unwrap()
                .ends_with("d1100.lub.md")
        );

        // Front matter longer than the start read of it.
        let long = dir.path().join("d0500.lub.md");
        std::fs::write(&long, course("U500", "nb", 10, HEAD / 8)).unwrap();
        assert!(matches!(
            read_ahead(&inputs, u64::MAX).sharing,
            Sharing::Unknown
        ));
        let unknown = json_of(&linter, &inputs);
        let without_long = |json: &str| -> Vec<serde_json::Value> {
            let all: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
            all.into_iter()
                .filter(|f| !f["file"].as_str().unwrap().ends_with("d0500.lub.md"))
                .collect()
        };
        assert_eq!(without_long(&told), without_long(&unknown));
    }

    /// Batches of a few small files, with files of more than a quarter of
    /// the size limit among them, each checked alone: every document is
    /// reported in its place, with what it has checked by itself, and the
    /// two of one code, one of them large, are compared.
    #[test]
    fn a_large_file_among_many_batches_is_reported_in_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let mut linter = Linter::builtin().unwrap();
        // Small files are about 250 bytes: a batch holds five of them.
        linter.max_file_size = 4_000;
        let mut inputs = Vec::new();
        let more = "- tolke en SQL-spørring og forklare hva den henter ut\n".repeat(25);
        for i in 0..400 {
            let mut text = match i {
                3 => course("X1", "en", 10, 0),
                301 => course("X1", "nb", 20, 0),
                _ => course(&format!("U{i}"), "nb", 10 + i % 3, 0),
            };
            if i % 37 == 5 || i == 301 {
                text.push_str(&more);
            }
            let path = dir.path().join(format!("d{i:04}.lub.md"));
            std::fs::write(&path, text).unwrap();
            inputs.push(Input::File(path));
        }
        let sizes: Vec<u64> = inputs.iter().map(|i| i.size(u64::MAX)).collect();
        let batches = batches(&inputs, 512, linter.max_file_size, Some(&sizes));
        assert!(batches.len() > 60, "{}", batches.len());
        assert!(batches.iter().filter(|b| b.alone).count() >= 10);
        assert!(batches.iter().any(|b| b.alone && b.files.contains(&301)));
        let parse = |json: &str| -> Vec<serde_json::Value> { serde_json::from_str(json).unwrap() };
        let all = parse(&json_of(&linter, &inputs));
        let (across, own): (Vec<_>, Vec<_>) = all
            .into_iter()
            .partition(|f| f["rule"] == "translation-mismatch");
        let one_by_one: Vec<serde_json::Value> = inputs
            .iter()
            .flat_map(|input| parse(&json_of(&linter, std::slice::from_ref(input))))
            .collect();
        assert!(own.len() >= inputs.len(), "{}", own.len());
        assert_eq!(own, one_by_one);
        assert!(!across.is_empty());
        for finding in &across {
            assert!(finding["file"].as_str().unwrap().ends_with("d0003.lub.md"));
            assert!(
                finding["message"]
                    .as_str()
                    .unwrap()
                    .contains("d0301.lub.md")
            );
        }
    }

    /// A document waits only for those of its code: the others before and
    /// after it are reported as soon as they are checked.
    #[test]
    fn only_documents_of_a_shared_code_wait() {
        let linter = Linter::builtin().unwrap();
        let step = |code: &str, lang: &str, credits: u32, expected: Option<usize>| {
            let (source, doc) = linter.document(
                SourceId::default(),
                "a.lub.md",
                course(code, lang, credits, 0).into_bytes(),
            );
            let (checked, summary) = linter.check_parsed(source, &doc);
            let file = FileChecked {
                checked,
                summary: None,
                more: More::default(),
            };
            Ok(match (expected, summary) {
                (Some(expected), Some(summary)) => Step::Waits {
                    file: Box::new(file),
                    summary,
                    expected,
                },
                _ => Step::Done(Done::of(file, Vec::new(), &linter.rules, None)),
            })
        };
        let mut queue = Queue::new(KEPT_TEXTS);
        assert!(queue.accept(0, step("A", "nb", 10, None)).is_none());
        assert_eq!(queue.take_ready().len(), 1);
        assert!(queue.accept(1, step("X", "en", 10, Some(2))).is_none());
        assert!(queue.accept(2, step("B", "nb", 10, None)).is_none());
        // The third waits behind the second.
        assert!(queue.take_ready().is_empty());
        let group = queue.accept(3, step("X", "nb", 20, Some(2))).unwrap();
        linter.settle(&mut queue, group);
        let ready = queue.take_ready();
        assert_eq!(ready.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [1, 2, 3]);
        let Some((
            _,
            Slot::Waiting {
                across: Some(found),
                ..
            },
        )) = ready.first()
        else {
            panic!("the translation is not settled");
        };
        assert_eq!(found.len(), 1);
        assert_eq!(&*found[0].rule, "translation-mismatch");
        assert!(queue.pending.is_empty() && queue.groups.is_empty());
        assert_eq!(queue.kept, 0);
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
