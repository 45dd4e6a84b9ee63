//! `lub import`: FS studieinfo exports and saved course pages turned into
//! `*.lub.md` documents, one per course or programme and language.
//!
//! An export is read twice, as a stream: once to find out that it is whole
//! and which codes it holds in more than one version (those get the
//! version in their code), and once to write each document to a temporary
//! file beside its place. Only when the whole export has been read are the
//! files renamed into place, so a broken export leaves nothing behind, and
//! memory stays that of one record (and the list of names) however big the
//! export is.

pub mod document;
pub mod fs_xml;
pub mod html;

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::files::{PathError, display_path};
use crate::lang::Lang;
use crate::messages::{Msg, Text, quote};
use crate::parse::Kind;
use document::{Meta, markdown};
use fs_xml::{ReadError, Record, RecordKind};

/// The largest saved page lub reads: pages are read whole.
const PAGE_MAX: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Options {
    /// The folder the documents are written to; made if missing.
    pub out: PathBuf,
    /// Replace documents that exist already.
    pub force: bool,
}

/// A document made from a record or a page, not yet written.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// `CODE.LANG.lub.md`, safe on every file system.
    pub file_name: String,
    pub text: String,
    /// What the reader should know: a level it could not tell, a record
    /// with no learning outcomes.
    pub notes: Vec<Text>,
}

/// Something said about one record of an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The line of the record in the export; none for a page.
    pub line: Option<usize>,
    pub message: Text,
}

/// A document that was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub path: PathBuf,
    pub reason: Text,
}

/// Why an input file gave nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file could not be read.
    Read(PathError),
    /// Not well-formed XML.
    Xml {
        line: usize,
        column: usize,
        message: String,
    },
    /// XML whose root is not `fs-studieinfo`.
    NotAnExport { root: String },
    /// A page with no learning-outcome section.
    NoSection,
    /// A page whose elements nest deeper than any real page.
    TooDeep(usize),
    /// Neither XML nor HTML.
    UnknownKind,
    /// A page that is not UTF-8.
    NotUtf8,
    /// A document could not be written.
    Write(PathError),
}

impl ImportError {
    /// What went wrong, in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        let path_message = |e: &PathError| {
            e.text
                .as_ref()
                .map_or_else(|| e.message.clone(), |t| t.get(lang).to_string())
        };
        match self {
            ImportError::Read(e) => path_message(e),
            ImportError::Xml {
                line,
                column,
                message,
            } => Msg::ImportNotXml.say(
                lang,
                &[
                    ("line", &line.to_string()),
                    ("column", &column.to_string()),
                    ("message", message),
                ],
            ),
            ImportError::NotAnExport { root } => {
                Msg::ImportNotAnExport.say(lang, &[("root", root)])
            }
            ImportError::NoSection => Msg::ImportNoSection.say(
                lang,
                &[
                    ("nb", &quote(lang, "Læringsutbytte")),
                    ("en", &quote(lang, "Learning outcomes")),
                ],
            ),
            ImportError::TooDeep(depth) => {
                Msg::ImportTooDeep.say(lang, &[("depth", &depth.to_string())])
            }
            ImportError::UnknownKind => Msg::ImportUnknownKind.say(lang, &[]),
            ImportError::NotUtf8 => Msg::NotUtf8Text.say(lang, &[]),
            ImportError::Write(e) => {
                Msg::ImportCannotWrite.say(lang, &[("path", &e.path), ("error", &path_message(e))])
            }
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// What became of one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub path: PathBuf,
    pub written: Vec<PathBuf>,
    pub refused: Vec<Refusal>,
    pub notes: Vec<Note>,
    /// `kurs` records, which have no learning outcomes, skipped.
    pub short_courses: usize,
    /// Set when nothing was imported from the file.
    pub error: Option<ImportError>,
}

impl FileReport {
    fn new(path: &Path) -> Self {
        FileReport {
            path: path.to_path_buf(),
            written: Vec::new(),
            refused: Vec::new(),
            notes: Vec::new(),
            short_courses: 0,
            error: None,
        }
    }
}

/// Imports every file, and every `*.xml`, `*.html` and `*.htm` file below
/// each folder, in order. An error in one file stops only that file.
/// `Err` only when the output folder cannot be made.
pub fn import(paths: &[PathBuf], options: &Options) -> Result<Vec<FileReport>, PathError> {
    std::fs::create_dir_all(&options.out).map_err(|e| PathError::new(&options.out, &e))?;
    let mut run = Run {
        options,
        taken: HashMap::new(),
        inputs: Vec::new(),
    };
    let mut reports = Vec::new();
    for input in inputs(paths) {
        match input {
            Ok(path) => reports.push(run.file(&path)),
            Err((path, error)) => {
                let mut report = FileReport::new(&path);
                report.error = Some(ImportError::Read(error));
                reports.push(report);
            }
        }
    }
    Ok(reports)
}

type Input = Result<PathBuf, (PathBuf, PathError)>;

fn inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => inputs.push(Err((path.clone(), PathError::new(path, &e)))),
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                let walker = ignore::WalkBuilder::new(path)
                    .standard_filters(false)
                    .follow_links(false)
                    .build();
                for entry in walker.flatten() {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    let wanted = entry
                        .path()
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| {
                            matches!(e.to_lowercase().as_str(), "xml" | "html" | "htm" | "xhtml")
                        });
                    if is_file && wanted {
                        found.push(entry.into_path());
                    }
                }
                found.sort();
                inputs.extend(found.into_iter().map(Ok));
            }
            Ok(_) => inputs.push(Ok(path.clone())),
        }
    }
    inputs
}

/// The state of one `lub import`: the file names given out so far, so that
/// two records never write the same file.
struct Run<'a> {
    options: &'a Options,
    /// Lower-cased file name → where it came from, since some file systems
    /// do not tell `DAT200` from `dat200`. Small, since an export may hold
    /// a hundred thousand records.
    taken: HashMap<String, Origin>,
    /// The inputs read so far, which an `Origin` names by index.
    inputs: Vec<String>,
}

/// The input file (by index) and the record in it that a document came
/// from; record 0 is a page.
#[derive(Debug, Clone, Copy)]
struct Origin {
    input: usize,
    record: usize,
}

impl Run<'_> {
    fn origin(&self, origin: Origin, lang: Lang) -> String {
        let input = self.inputs.get(origin.input).map_or("?", String::as_str);
        if origin.record == 0 {
            input.to_string()
        } else {
            Msg::ImportRecord.say(
                lang,
                &[("input", input), ("record", &origin.record.to_string())],
            )
        }
    }
}

/// A document written to a temporary file, waiting for the rest of its
/// export to be read.
struct Staged {
    temporary: crate::fix::Temporary,
    path: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputKind {
    Export,
    Page,
}

impl Run<'_> {
    fn file(&mut self, path: &Path) -> FileReport {
        let mut report = FileReport::new(path);
        self.inputs.push(display_path(path));
        let kind = match input_kind(path) {
            Ok(kind) => kind,
            Err(error) => {
                report.error = Some(error);
                return report;
            }
        };
        let result = match kind {
            InputKind::Export => self.export(path, &mut report),
            InputKind::Page => self.page(path, &mut report),
        };
        if let Err(error) = result {
            report.error = Some(error);
            report.written.clear();
        }
        report
    }

    fn export(&mut self, path: &Path, report: &mut FileReport) -> Result<(), ImportError> {
        let input = self.inputs.len().saturating_sub(1);
        // First pass: is it whole, and which codes come in several versions?
        let mut versions = Versions::default();
        read_export(path, &self.options.out, |record| {
            versions.add(&record);
            Ok(())
        })?;

        // Second pass: each document to a temporary file beside its place.
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut staged = Vec::new();
        let mut names = HashMap::new();
        let mut ordinal = 0;
        let mut offsets = Vec::new();
        let counts = read_export(path, &self.options.out, |record| {
            ordinal += 1;
            let mut imported = record_document(&record, versions.several(&record));
            if record.code.is_none() {
                imported.file_name = format!(
                    "{}-{}-{ordinal}.{}",
                    safe_stem(&stem),
                    record_name(record.kind),
                    imported.file_name
                );
            }
            let from = record.offset;
            for note in std::mem::take(&mut imported.notes) {
                offsets.push((from, note));
            }
            let at = Origin {
                input,
                record: ordinal,
            };
            if let Some(staged_one) = self.stage(&imported, at, &mut names, report)? {
                staged.push(staged_one);
            }
            Ok(())
        })?;
        report.short_courses = counts.short_courses;
        let lines = lines_of(path, offsets.iter().map(|(o, _)| *o))?;
        report.notes = offsets
            .into_iter()
            .zip(lines)
            .map(|((_, message), (line, _))| Note {
                line: Some(line),
                message,
            })
            .collect();
        self.taken.extend(names);
        self.persist(staged, report);
        Ok(())
    }

    fn page(&mut self, path: &Path, report: &mut FileReport) -> Result<(), ImportError> {
        let input = self.inputs.len().saturating_sub(1);
        let bytes = crate::files::read_file(path, PAGE_MAX).map_err(ImportError::Read)?;
        let text = String::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let page = html::page(text).map_err(|e| match e {
            html::PageError::NoSection => ImportError::NoSection,
            html::PageError::TooDeep(depth) => ImportError::TooDeep(depth),
        })?;
        let stem = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = stem.split('.').next().unwrap_or_default().to_string();
        let code = page
            .code
            .clone()
            .or_else(|| html::is_course_code(&stem).then(|| stem.clone()));
        let meta = Meta {
            code: code.clone(),
            lang: page.lang,
            title: page.title.clone(),
            ..Meta::default()
        };
        let file_name = file_name(code.as_deref().unwrap_or(&stem), page.lang);
        if page.lang.is_none() {
            report.notes.push(Note {
                line: None,
                message: Msg::ImportPageNoLang.text(|_| Vec::new()),
            });
        }
        let imported = Imported {
            file_name,
            text: markdown(&meta, &page.blocks),
            notes: Vec::new(),
        };
        let mut names = HashMap::new();
        let staged = self
            .stage(&imported, Origin { input, record: 0 }, &mut names, report)
            .map_err(|e| ImportError::Write(PathError::new(&self.options.out, &e)))?;
        self.taken.extend(names);
        self.persist(staged.into_iter().collect(), report);
        Ok(())
    }

    /// Writes a document to a temporary file beside its place, or refuses
    /// it: a name given out already in this run, or a file that exists
    /// (without `--force`).
    fn stage(
        &self,
        imported: &Imported,
        from: Origin,
        names: &mut HashMap<String, Origin>,
        report: &mut FileReport,
    ) -> std::io::Result<Option<Staged>> {
        let path = self.options.out.join(&imported.file_name);
        let key = imported.file_name.to_lowercase();
        if let Some(first) = self.taken.get(&key).or_else(|| names.get(&key)) {
            report.refused.push(Refusal {
                path,
                reason: Msg::ImportSameCode.text(|lang| {
                    vec![
                        ("this", self.origin(from, lang)),
                        ("first", self.origin(*first, lang)),
                    ]
                }),
            });
            return Ok(None);
        }
        names.insert(key, from);
        if !self.options.force && std::fs::symlink_metadata(&path).is_ok() {
            report.refused.push(Refusal {
                path,
                reason: Msg::ImportExists.text(|_| Vec::new()),
            });
            return Ok(None);
        }
        let temporary = crate::fix::written_beside(
            &path,
            ".lub-import-",
            &imported.text,
            std::io::Write::write_all,
        )?;
        Ok(Some(Staged { temporary, path }))
    }

    fn persist(&self, staged: Vec<Staged>, report: &mut FileReport) {
        for Staged { temporary, path } in staged {
            let result = if self.options.force {
                temporary.persist(&path)
            } else {
                temporary.persist_noclobber(&path)
            };
            match result {
                Ok(()) => report.written.push(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    report.refused.push(Refusal {
                        path,
                        reason: Msg::ImportExists.text(|_| Vec::new()),
                    });
                }
                Err(e) => {
                    let error = PathError::new(&path, &e);
                    report.refused.push(Refusal {
                        reason: error.text.unwrap_or_else(|| Text::same(error.message)),
                        path,
                    });
                }
            }
        }
    }
}

fn input_kind(path: &Path) -> Result<InputKind, ImportError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    match extension.as_deref() {
        Some("xml") => return Ok(InputKind::Export),
        Some("html" | "htm" | "xhtml") => return Ok(InputKind::Page),
        _ => {}
    }
    let mut start = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(1024).read_to_end(&mut start))
        .map_err(|e| ImportError::Read(PathError::new(path, &e)))?;
    let text = String::from_utf8_lossy(&start).to_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("<?xml") || text.starts_with("<fs-studieinfo") {
        Ok(InputKind::Export)
    } else if text.contains("<html") || text.starts_with("<!doctype html") || text.starts_with('<')
    {
        Ok(InputKind::Page)
    } else {
        Err(ImportError::UnknownKind)
    }
}

fn read_export(
    path: &Path,
    out: &Path,
    each: impl FnMut(Record) -> std::io::Result<()>,
) -> Result<fs_xml::Counts, ImportError> {
    let file =
        std::fs::File::open(path).map_err(|e| ImportError::Read(PathError::new(path, &e)))?;
    match fs_xml::read(BufReader::with_capacity(64 * 1024, file), each) {
        Ok(counts) => Ok(counts),
        Err(ReadError::Xml { offset, message }) => {
            let (line, column) = lines_of(path, [offset])?.first().copied().unwrap_or((1, 1));
            Err(ImportError::Xml {
                line,
                column,
                message,
            })
        }
        Err(ReadError::NotAnExport { root }) => Err(ImportError::NotAnExport { root }),
        Err(ReadError::NotUtf8) => {
            let offset = first_invalid_utf8(path)?;
            let (line, column) = lines_of(path, [offset])?.first().copied().unwrap_or((1, 1));
            Err(ImportError::Xml {
                line,
                column,
                message: "the file is not UTF-8; it is probably Latin-1 or Windows-1252".into(),
            })
        }
        Err(ReadError::Consumer(e)) => Err(ImportError::Write(PathError::new(out, &e))),
    }
}

/// The offset of the first byte that is not UTF-8, after the byte-order
/// mark as quick-xml counts; the end of the file if all of it is.
fn first_invalid_utf8(path: &Path) -> Result<u64, ImportError> {
    let file =
        std::fs::File::open(path).map_err(|e| ImportError::Read(PathError::new(path, &e)))?;
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let mut chunk = vec![0u8; 64 * 1024];
    // Bytes of a character cut by the end of the previous chunk.
    let mut carried: Vec<u8> = Vec::new();
    let mut at = 0u64;
    let mut first = true;
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(at),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ImportError::Read(PathError::new(path, &e))),
        };
        let mut bytes = std::mem::take(&mut carried);
        bytes.extend_from_slice(chunk.get(..n).unwrap_or_default());
        let mut text: &[u8] = &bytes;
        if first {
            first = false;
            text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        }
        match std::str::from_utf8(text) {
            Ok(_) => at += text.len() as u64,
            Err(e) if e.error_len().is_some() => return Ok(at + e.valid_up_to() as u64),
            Err(e) => {
                at += e.valid_up_to() as u64;
                carried = text.get(e.valid_up_to()..).unwrap_or_default().to_vec();
            }
        }
    }
}

/// 1-based line and column (in characters) of byte offsets into a file,
/// found in one pass over it. Offsets must come in order.
fn lines_of(
    path: &Path,
    offsets: impl IntoIterator<Item = u64>,
) -> Result<Vec<(usize, usize)>, ImportError> {
    let file =
        std::fs::File::open(path).map_err(|e| ImportError::Read(PathError::new(path, &e)))?;
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let mut out = Vec::new();
    let mut offsets = offsets.into_iter().peekable();
    let (mut at, mut line, mut column) = (0u64, 1usize, 1usize);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut first = true;
    'read: loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ImportError::Read(PathError::new(path, &e))),
        };
        let mut bytes = chunk.get(..n).unwrap_or_default();
        if first {
            first = false;
            // quick-xml counts its offsets after the byte-order mark.
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        for &byte in bytes {
            while offsets.peek().is_some_and(|&o| o <= at) {
                offsets.next();
                out.push((line, column));
            }
            if offsets.peek().is_none() {
                break 'read;
            }
            at += 1;
            if byte == b'\n' {
                line += 1;
                column = 1;
            } else if byte & 0xC0 != 0x80 && byte != b'\r' {
                column += 1;
            }
        }
    }
    out.extend(offsets.map(|_| (line, column)));
    Ok(out)
}

/// The versions of each code (and language and kind) an export holds.
#[derive(Default)]
struct Versions(HashMap<(&'static str, String, Option<String>), HashSet<String>>);

impl Versions {
    fn key(record: &Record) -> Option<(&'static str, String, Option<String>)> {
        let code = record.code.clone()?;
        Some((record_name(record.kind), code, record.sprak.clone()))
    }

    fn add(&mut self, record: &Record) {
        if let Some(key) = Self::key(record) {
            self.0
                .entry(key)
                .or_default()
                .insert(record.version.clone().unwrap_or_default());
        }
    }

    fn several(&self, record: &Record) -> bool {
        Self::key(record)
            .and_then(|key| self.0.get(&key))
            .is_some_and(|versions| versions.len() > 1)
    }
}

fn kind_of(kind: RecordKind) -> Option<Kind> {
    match kind {
        RecordKind::Course => Some(Kind::Course),
        RecordKind::Programme => Some(Kind::Programme),
        RecordKind::ShortCourse => None,
    }
}

fn record_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Course => "emne",
        RecordKind::Programme => "studieprogram",
        RecordKind::ShortCourse => "kurs",
    }
}

/// A record as a document. `with_version`: the export holds this code in
/// more than one version, so the version is part of the code
/// (`DAT200_1`, as UiS writes it).
pub fn record_document(record: &Record, with_version: bool) -> Imported {
    let mut notes = Vec::new();
    let code = record.code.as_ref().map(|code| match &record.version {
        Some(version) if with_version => format!("{code}_{version}"),
        _ => code.clone(),
    });
    if record.code.is_none() {
        notes.push(
            Msg::ImportNoCode.text(|_| vec![("record", record_name(record.kind).to_string())]),
        );
    }
    let lang = record.sprak.as_deref().and_then(lang_of_sprak);
    match (&record.sprak, lang) {
        (Some(sprak), None) => {
            notes.push(Msg::ImportUnknownSprak.text(|lang| vec![("sprak", quote(lang, sprak))]));
        }
        (None, _) => notes.push(Msg::ImportNoSprak.text(|_| Vec::new())),
        _ => {}
    }
    let (level, level_note) = level(record.studieniva.as_deref(), record.nuskode.as_deref());
    notes.extend(level_note);
    let credits = record.credits.as_deref().and_then(|c| {
        let n: Option<f64> = c.trim().replace(',', ".").parse().ok();
        let n = n.filter(|n| n.is_finite() && *n > 0.0);
        if n.is_none() {
            notes.push(Msg::ImportBadCredits.text(|lang| vec![("credits", quote(lang, c))]));
        }
        n
    });
    let meta = Meta {
        code: code.clone(),
        kind: kind_of(record.kind),
        level,
        credits,
        lang,
        title: record.title.clone(),
        faculty: record
            .subject_unit
            .division
            .clone()
            .or_else(|| record.admin_unit.division.clone()),
        department: record
            .subject_unit
            .name
            .clone()
            .or_else(|| record.admin_unit.name.clone()),
    };
    let blocks = match &record.outcomes {
        Some(html) => html::fragment_blocks(html),
        None => Vec::new(),
    };
    if blocks.is_empty() {
        notes.push(Msg::ImportNoOutcomes.text(|_| Vec::new()));
    }
    Imported {
        file_name: file_name(code.as_deref().unwrap_or_default(), lang),
        text: markdown(&meta, &blocks),
        notes,
    }
}

fn lang_of_sprak(sprak: &str) -> Option<Lang> {
    match sprak.trim().to_uppercase().as_str() {
        "BOKMÅL" | "BOKMAL" | "B" => Some(Lang::Nb),
        "NYNORSK" | "N" => Some(Lang::Nn),
        "ENGELSK" | "E" => Some(Lang::En),
        _ => None,
    }
}

/// The NKR level of a record: from `studieniva` where the code is known
/// (see `../shared/reference/fs-studieinfo.md`), else from the first digit
/// of the NUS code (6 lower and 7 higher degree level, 8 research), with a
/// note when neither tells, or they disagree.
pub fn level(studieniva: Option<&str>, nuskode: Option<&str>) -> (Option<u8>, Option<Text>) {
    let from_code = studieniva.and_then(|code| match code.trim().to_uppercase().as_str() {
        "LN" => Some(6),
        "HN" | "M5" => Some(7),
        "FU" => Some(8),
        _ => None,
    });
    let from_nus = nuskode.and_then(|nus| {
        let nus = nus.trim();
        if nus.len() != 6 || !nus.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match nus.as_bytes().first() {
            Some(b'6') => Some(6),
            Some(b'7') => Some(7),
            Some(b'8') => Some(8),
            _ => None,
        }
    });
    let nus = nuskode.unwrap_or_default();
    match (studieniva, from_code, from_nus) {
        (_, Some(level), Some(other)) if other != level => (
            Some(level),
            Some(Msg::ImportLevelsDisagree.text(|_| {
                vec![
                    ("code", studieniva.unwrap_or_default().to_string()),
                    ("level", level.to_string()),
                    ("nus", nus.to_string()),
                    ("other", other.to_string()),
                ]
            })),
        ),
        (_, Some(level), _) => (Some(level), None),
        (Some(code), None, Some(level)) => (
            Some(level),
            Some(Msg::ImportLevelFromNus.text(|lang| {
                vec![
                    ("code", quote(lang, code)),
                    ("level", level.to_string()),
                    ("nus", nus.to_string()),
                ]
            })),
        ),
        (None, None, Some(level)) => (Some(level), None),
        (Some(code), None, None) => (
            None,
            Some(
                Msg::ImportNoLevelCode
                    .text(|lang| vec![("code", quote(lang, code)), ("nus", quote(lang, nus))]),
            ),
        ),
        (None, None, None) => (None, Some(Msg::ImportNoLevel.text(|_| Vec::new()))),
    }
}

/// `CODE.LANG.lub.md`, or `CODE.lub.md` when the language is unknown.
pub fn file_name(code: &str, lang: Option<Lang>) -> String {
    let stem = safe_stem(code);
    match lang {
        Some(lang) => format!("{stem}.{lang}.lub.md"),
        None => format!("{stem}.lub.md"),
    }
}

/// A code as a file name every file system takes: letters, digits, `-` and
/// `_`; everything else (`/`, `:`, `.`, spaces, control characters) is `_`;
/// never a name Windows reserves (`CON`, `AUX`, `COM1`), never empty, never
/// longer than 100 characters.
pub fn safe_stem(code: &str) -> String {
    let mut stem: String = code
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if stem.is_empty() || stem.starts_with('-') {
        stem.insert(0, '_');
    }
    let upper = stem.to_uppercase();
    let reserved = matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes().get(3).is_some_and(u8::is_ascii_digit));
    if reserved {
        stem.push('_');
    }
    stem
}

/// The documents of an export held in memory, in order: what `import`
/// writes, for tests and for callers that do not write files.
pub fn convert_export(bytes: &[u8]) -> Result<(Vec<Imported>, fs_xml::Counts), ReadError> {
    let mut records = Vec::new();
    let counts = fs_xml::read(bytes, |record| {
        records.push(record);
        Ok(())
    })?;
    let mut versions = Versions::default();
    for record in &records {
        versions.add(record);
    }
    let documents = records
        .iter()
        .map(|record| record_document(record, versions.several(record)))
        .collect();
    Ok((documents, counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_everywhere() {
        assert_eq!(file_name("DAT200", Some(Lang::Nb)), "DAT200.nb.lub.md");
        assert_eq!(file_name("BØK225", Some(Lang::En)), "BØK225.en.lub.md");
        assert_eq!(file_name("A/B:C.D", None), "A_B_C_D.lub.md");
        assert_eq!(file_name("../../etc", None), "______etc.lub.md");
        assert_eq!(file_name("con", Some(Lang::Nn)), "con_.nn.lub.md");
        assert_eq!(file_name("-x", None), "_-x.lub.md");
        assert_eq!(file_name("", None), "_.lub.md");
        assert_eq!(safe_stem(&"X".repeat(500)).len(), 100);
    }

    #[test]
    fn level_from_code_then_nus() {
        assert_eq!(level(Some("LN"), Some("654122")), (Some(6), None));
        assert_eq!(level(Some("HN"), None), (Some(7), None));
        assert_eq!(level(None, Some("756199")), (Some(7), None));
        let (level_yu, note) = level(Some("YU"), Some("623102"));
        assert_eq!(level_yu, Some(6));
        assert!(note.is_some_and(|n| n.en.contains("YU")));
        let (none, note) = level(Some("VS"), Some("xx"));
        assert_eq!(none, None);
        assert!(note.is_some_and(|n| n.en.contains("left out")));
        assert!(
            level(Some("LN"), Some("754199")).1.is_some(),
            "a disagreement is said"
        );
    }
}
