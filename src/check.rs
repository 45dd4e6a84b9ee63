//! The pipeline of `lub check`: find the files, read each, parse, run the
//! rules, and hand each file's findings to a reporter in a stable order.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::finding::{FileReport, Severity};
use crate::parse;
use crate::report::Reporter;
use crate::rules::{Context, RuleError, RuleSet};
use crate::source::{self, SourceFile};

/// The rules of a run, ready to check any number of documents.
pub struct Linter {
    rules: RuleSet,
}

impl Linter {
    pub fn new(rules: RuleSet) -> Self {
        Linter { rules }
    }

    /// A linter with lub's built-in rules.
    pub fn builtin() -> Result<Self, RuleError> {
        Ok(Linter::new(RuleSet::builtin()?))
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Checks a file's bytes. `name` is what findings are reported under.
    pub fn check_bytes(&self, name: &str, bytes: Vec<u8>) -> FileReport {
        match source::decode(bytes) {
            Ok(text) => self.check_source(SourceFile::new(name, text)),
            Err(undecodable) => {
                // Point at the first bad byte, shown as U+FFFD in the line
                // around it.
                let span = match undecodable.error {
                    source::DecodeError::NotUtf8 { offset, .. } => {
                        offset..offset + '\u{FFFD}'.len_utf8()
                    }
                    _ => 0..0,
                };
                let source = SourceFile::new(name, undecodable.shown);
                let doc = parse::unreadable(
                    &source,
                    undecodable.error.to_string(),
                    Some(undecodable.error.help().to_string()),
                    span,
                );
                self.report(source, &doc)
            }
        }
    }

    pub fn check_source(&self, source: SourceFile) -> FileReport {
        let doc = parse(&source);
        self.report(source, &doc)
    }

    fn report(&self, source: SourceFile, doc: &parse::Document) -> FileReport {
        let findings = self.rules.check(&Context {
            source: &source,
            doc,
        });
        FileReport::new(source, findings)
    }

    /// Checks every file and hands each report to `reporter`, in the order
    /// of `files`. Files are read and checked in parallel, a batch at a
    /// time, so memory stays flat however many files there are.
    pub fn check_files(
        &self,
        files: &[PathBuf],
        reporter: &mut dyn Reporter,
    ) -> std::io::Result<Summary> {
        const BATCH: usize = 256;
        let mut summary = Summary::default();
        for batch in files.chunks(BATCH) {
            let results: Vec<Result<FileReport, PathError>> = batch
                .par_iter()
                .map(|path| {
                    let bytes = std::fs::read(path).map_err(|e| PathError::new(path, &e))?;
                    Ok(self.check_bytes(&display_path(path), bytes))
                })
                .collect();
            for result in results {
                match result {
                    Ok(report) => {
                        summary.add(&report);
                        reporter.file(&report)?;
                    }
                    Err(error) => {
                        reporter.error(&error)?;
                        summary.errors.push(error);
                    }
                }
            }
        }
        Ok(summary)
    }
}

/// What a whole run found.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub errors_found: usize,
    pub warnings_found: usize,
    pub infos_found: usize,
    /// Paths that could not be read.
    pub errors: Vec<PathError>,
}

impl Summary {
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        if !report.findings.is_empty() {
            self.files_with_findings += 1;
        }
        self.errors_found += report.count(Severity::Error);
        self.warnings_found += report.count(Severity::Warning);
        self.infos_found += report.count(Severity::Info);
    }

    /// The most severe finding of the run.
    pub fn worst(&self) -> Option<Severity> {
        if self.errors_found > 0 {
            Some(Severity::Error)
        } else if self.warnings_found > 0 {
            Some(Severity::Warning)
        } else if self.infos_found > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}

/// A path given on the command line, or found while walking, that could
/// not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    pub message: String,
}

impl PathError {
    pub fn new(path: &Path, error: &std::io::Error) -> Self {
        let message = match error.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            std::io::ErrorKind::IsADirectory => "is a folder".to_string(),
            _ => error.to_string(),
        };
        PathError {
            path: display_path(path),
            message,
        }
    }
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// How a path is shown in findings: as given, without a leading `./`, with
/// `/` separators.
pub fn display_path(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    match shown.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => shown,
    }
}

/// The files to check: explicit files as given (any name), and the
/// `*.lub.md` files below each folder, honouring `.gitignore`. Sorted and
/// without duplicates, so output is the same on every run and machine.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(PathError::new(path, &e)),
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut errors),
            Ok(_) => files.push(path.clone()),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<PathError>) {
    let walker = ignore::WalkBuilder::new(dir)
        // Honour .gitignore even outside a git repository: a catalogue
        // checked out as a tarball behaves like its clone.
        .require_git(false)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && is_lub_file(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            Err(e) => errors.push(walk_error(dir, e)),
        }
    }
}

pub fn is_lub_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".lub.md") && n.len() > ".lub.md".len())
}

/// A walking error as path and message, without the path repeated inside
/// the message.
fn walk_error(dir: &Path, error: ignore::Error) -> PathError {
    let mut path = display_path(dir);
    let mut error = error;
    loop {
        error = match error {
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                *err
            }
            ignore::Error::WithPath { path: p, err } => {
                path = display_path(&p);
                *err
            }
            ignore::Error::Io(io) => return PathError::new(Path::new(&path), &io),
            other => {
                return PathError {
                    path,
                    message: other.to_string(),
                };
            }
        }
    }
}
