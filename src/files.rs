//! File access, at the bottom of the house: bounded reads that never block
//! on a FIFO, folder walks that honour `.gitignore`, how paths are shown,
//! and what lub says when a path cannot be read. Every front-end reads
//! documents and its own files through here.

use std::path::{Path, PathBuf};

use crate::error::FileError;
use crate::lang::Lang;
use crate::messages::{Msg, Text};

/// The `include:` patterns of a configuration: globs, relative to its
/// folder, of files that folder walks check besides `*.lub.md` (still
/// honouring `.gitignore`). `*` and `?` stay within one folder; `**`
/// crosses folders.
#[derive(Debug, Clone)]
pub struct Include {
    /// The folder the patterns start from: the configuration's, resolved
    /// (symbolic links followed) once the file is loaded.
    pub base: PathBuf,
    /// The patterns as written, for messages.
    pub patterns: Vec<String>,
    /// The configuration file, as messages name it.
    pub config: String,
    pub(crate) set: globset::GlobSet,
}

impl Include {
    /// Whether `path` (resolved, as `base` is) is one of the included files.
    pub fn matches(&self, path: &Path) -> bool {
        path.strip_prefix(&self.base)
            .is_ok_and(|relative| self.set.is_match(relative))
    }
}

/// The largest configuration, rule or framework file lub reads: far more
/// than any real one, and a bound on what a hostile one can cost.
const OWN_FILE_MAX: u64 = 4 * 1024 * 1024;

/// Reads a file lub needs for itself: `lub.yaml`, a rule or framework file.
pub fn read_own_file(path: &Path) -> Result<String, FileError> {
    let shown = display_path(path);
    let bytes = read_file(path, OWN_FILE_MAX).map_err(|e| FileError {
        file: shown.clone(),
        ..e.file_error()
    })?;
    String::from_utf8(bytes)
        .map_err(|_| FileError::said(&shown, Msg::NotUtf8Text.text(|_| Vec::new())))
}

/// The largest file lub reads unless `lub.yaml` says otherwise: a thousand
/// times a long programme description, and small enough that checking it
/// takes seconds and a few hundred megabytes at most.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Reads a file of at most `max` bytes, refusing what is not a regular file
/// (a FIFO would block the run forever) and never holding more than `max`
/// bytes of it, even if it grows while being read.
///
/// The file is opened first, without blocking, and its type and size are
/// read from the open handle: checked by name before opening, a file
/// swapped for a FIFO in between blocked the run forever.
pub fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, PathError> {
    let file = open_without_blocking(path).map_err(|e| PathError::new(path, &e))?;
    let meta = file.metadata().map_err(|e| PathError::new(path, &e))?;
    if !meta.is_file() {
        let said = if meta.is_dir() {
            Msg::IsAFolder
        } else {
            Msg::NotRegular
        };
        return Err(PathError::said(path, said.text(|_| Vec::new())));
    }
    if meta.len() > max {
        return Err(PathError::said(
            path,
            too_large_message(Some(meta.len()), max),
        ));
    }
    read_at_most(file, max, path, usize::try_from(meta.len()).unwrap_or(0))
}

/// The first `most` bytes of the file at `path`, whether they are all of
/// it, and its size; `None` for what is not a file that can be read.
pub fn read_head(path: &Path, most: usize) -> Option<(Vec<u8>, bool, u64)> {
    let mut file = open_without_blocking(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let len = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    let bytes = read_sized(&mut file, len, most).ok()?;
    let whole = bytes.len() < most || len <= most;
    Some((bytes, whole, meta.len()))
}

/// Reads `reader` to its end, or to `limit` bytes. Where the size is known
/// (`expected`, from the file's metadata), the first read is given room for
/// one byte more, and a read that stops at exactly that size is the end:
/// the call that would read nothing to say so is saved, one of four for
/// each file of a catalogue. A file that grew fills that byte and is read
/// on to its end. (Only a file system that answers a read short while
/// more is there, as a regular file never is, could stop it at the old
/// size; a fix of such a text is refused, since the file no longer holds
/// it.)
fn read_sized(
    reader: &mut impl std::io::Read,
    expected: usize,
    limit: usize,
) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled >= limit {
                break;
            }
            let room = if filled == 0 && expected > 0 {
                expected.saturating_add(1)
            } else {
                filled.max(8 * 1024)
            };
            bytes.resize(filled + room.min(limit - filled), 0);
        }
        match reader.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(read) => {
                filled += read;
                if filled == expected && filled < bytes.len() {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Opens `path` for reading; on Unix with `O_NONBLOCK`, so that opening a
/// FIFO with no writer returns at once instead of waiting for one.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // `OFlags` bits are the C `int` flags, which `custom_flags` takes.
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

/// Reads at most `max` bytes from `reader`, refusing more, so that a file
/// that grows while it is read, or standard input, is never held whole.
pub fn read_at_most(
    mut reader: impl std::io::Read,
    max: u64,
    shown: &Path,
    expected: usize,
) -> Result<Vec<u8>, PathError> {
    let limit = usize::try_from(max.saturating_add(1)).unwrap_or(usize::MAX);
    let bytes = read_sized(&mut reader, expected, limit).map_err(|e| PathError::new(shown, &e))?;
    if bytes.len() as u64 > max {
        return Err(PathError::said(shown, too_large_message(None, max)));
    }
    Ok(bytes)
}

/// Why a file over the limit was refused; `size` is unknown for a stream.
pub fn too_large_message(size: Option<u64>, max: u64) -> Text {
    match size {
        Some(size) => Msg::TooLargeFile.text(|lang| {
            vec![
                ("size", megabytes(lang, size)),
                ("max", megabytes(lang, max)),
            ]
        }),
        None => Msg::TooLargeStream.text(|lang| vec![("max", megabytes(lang, max))]),
    }
}

/// "4.0 MB", "4,0 MB": Norwegian writes a decimal comma.
fn megabytes(lang: Lang, bytes: u64) -> String {
    let text = format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0));
    match lang {
        Lang::En => text,
        Lang::Nb | Lang::Nn => text.replace('.', ","),
    }
}

/// A path given on the command line, or found while walking, that could
/// not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    /// What is wrong, in English.
    pub message: String,
    /// The message in each language, where lub wrote it itself (not the
    /// system's own words).
    pub text: Option<Text>,
}

impl PathError {
    pub fn new(path: &Path, error: &std::io::Error) -> Self {
        if let Some(said) = error
            .get_ref()
            .and_then(|e| e.downcast_ref::<crate::messages::Said>())
        {
            return PathError::said(path, said.0.clone());
        }
        let said = match error.kind() {
            // A message lub wrote itself ("the file is read-only") says more
            // than the name of its kind.
            _ if error.get_ref().is_some() => None,
            std::io::ErrorKind::NotFound => Some(Msg::NoSuchFile),
            std::io::ErrorKind::PermissionDenied => Some(Msg::PermissionDenied),
            std::io::ErrorKind::IsADirectory => Some(Msg::IsAFolder),
            std::io::ErrorKind::NotADirectory => Some(Msg::NotAFolder),
            std::io::ErrorKind::StorageFull => Some(Msg::DiskFull),
            std::io::ErrorKind::ReadOnlyFilesystem => Some(Msg::ReadOnlyFileSystem),
            // `ErrorKind::FilesystemLoop` is not stable yet; its name is.
            kind if format!("{kind:?}") == "FilesystemLoop" => Some(Msg::LinkLoop),
            _ => None,
        };
        match said {
            Some(said) => PathError::said(path, said.text(|_| Vec::new())),
            None => PathError {
                path: display_path(path),
                message: without_os_code(&error.to_string()),
                text: None,
            },
        }
    }

    /// The error as one in a file lub reads for itself.
    pub fn file_error(&self) -> FileError {
        match &self.text {
            Some(text) => FileError::said(&self.path, text.clone()),
            None => FileError::new(&self.path, &self.message),
        }
    }

    /// An error in lub's own words, in each language.
    fn said(path: &Path, text: Text) -> Self {
        PathError {
            path: display_path(path),
            message: text.en.clone(),
            text: Some(text),
        }
    }

    /// What went wrong, without the path, in `lang` where lub has it in
    /// that language.
    pub fn message_in(&self, lang: Lang) -> &str {
        self.text.as_ref().map_or(&*self.message, |t| t.get(lang))
    }

    /// The error in `lang`, where lub has it in that language.
    pub fn in_lang(&self, lang: Lang) -> String {
        let message = self.message_in(lang);
        // Both on one line, whatever the name holds.
        format!(
            "{}: {}",
            crate::escape::visible(&self.path),
            crate::escape::visible(message)
        )
    }
}

/// What went wrong, in lub's plain words: "the disk is full", not "No space
/// left on device (os error 28)".
pub fn io_message(error: &std::io::Error) -> String {
    PathError::new(Path::new(""), error).message
}

/// An OS message as a sentence of ours: "Broken pipe (os error 32)" reads
/// "broken pipe".
fn without_os_code(message: &str) -> String {
    let message = match message.rfind(" (os error ") {
        Some(i) => message.get(..i).unwrap_or(message),
        None => message,
    };
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Both on one line, whatever the name holds.
        write!(
            f,
            "{}: {}",
            crate::escape::visible(&self.path),
            crate::escape::visible(&self.message)
        )
    }
}

/// The folder a path is in; `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// How a path is shown in findings: as given, without a leading `./`, with
/// `/` separators.
pub fn display_path(path: &Path) -> String {
    let shown = lossless_name(path.as_os_str());
    match shown.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => shown,
    }
}

/// The files to check: explicit files as given (any name), and the
/// `*.lub.md` files below each folder, honouring `.gitignore`. Sorted and
/// without duplicates, so output is the same on every run and machine. A
/// folder with no document in it is an error: a check that looked at
/// nothing must not pass.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathError>) {
    collect_files_including(paths, None)
}

/// `collect_files`, with the files `include:` in `lub.yaml` names found in
/// folders too.
pub fn collect_files_including(
    paths: &[PathBuf],
    include: Option<&Include>,
) -> (Vec<PathBuf>, Vec<PathError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(PathError::new(path, &e)),
            Ok(meta) if meta.is_dir() => {
                let (found, failed) = (files.len(), errors.len());
                let unchecked = walk(path, include, &mut files, &mut errors);
                // A folder that could not be read says so already.
                if files.len() == found && errors.len() == failed {
                    errors.push(PathError::said(
                        path,
                        Text::each(|lang| no_document_message(&unchecked, include, lang)),
                    ));
                }
            }
            Ok(_) => files.push(path.clone()),
        }
    }
    sort_paths(&mut files);
    files.dedup();
    (files, errors)
}

/// Sorts paths in the order of `Path`'s `Ord`, component by component,
/// without splitting them into components where every path is plain: a
/// walk's paths nearly always are, and sorting 10,000 of them by
/// components took some 50 million instructions, before any file was read.
fn sort_paths(paths: &mut [PathBuf]) {
    if !paths.iter().all(|path| is_plain(path)) {
        paths.sort();
        return;
    }
    // Every component is a name, after a root or not, so the order is that
    // of the bytes with the separator below any byte a name holds (a name
    // holds no NUL). Equal paths are equal bytes: the order among them
    // does not matter.
    let key = |byte: u8| if byte == b'/' { 0 } else { byte };
    paths.sort_unstable_by(|a, b| {
        let (a, b) = (
            a.as_os_str().as_encoded_bytes(),
            b.as_os_str().as_encoded_bytes(),
        );
        let at = common_prefix(a, b);
        a.get(at).map(|&x| key(x)).cmp(&b.get(at).map(|&y| key(y)))
    });
}

/// How many bytes `a` and `b` share at their start, compared eight at a
/// time: the paths of one folder share most of theirs.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let mut at = a
        .chunks_exact(8)
        .zip(b.chunks_exact(8))
        .take_while(|(x, y)| x == y)
        .count()
        * 8;
    while a.get(at).is_some_and(|x| b.get(at) == Some(x)) {
        at += 1;
    }
    at
}

/// Whether every component of a path is a name, after a root or not: no
/// `.` or `..`, no empty component, no separator at the end.
fn is_plain(path: &Path) -> bool {
    if !cfg!(unix) {
        return false;
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    let names = bytes.strip_prefix(b"/").unwrap_or(bytes);
    names
        .split(|byte| *byte == b'/')
        .all(|name| !matches!(name, b"" | b"." | b".."))
}

/// Text files a folder walk saw and did not check.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Unchecked {
    md: usize,
    txt: usize,
}

impl Unchecked {
    fn count(&mut self, path: &Path) {
        let extension = path.extension().and_then(|e| e.to_str());
        if extension.is_some_and(|e| e.eq_ignore_ascii_case("md")) {
            self.md += 1;
        } else if extension.is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            self.txt += 1;
        }
    }
}

/// Why a folder gave nothing to check, and how to have its text files
/// checked.
fn no_document_message(unchecked: &Unchecked, include: Option<&Include>, lang: Lang) -> String {
    let mut message = Msg::NoDocumentHere.get(lang).to_string();
    if let Some(include) = include {
        message.push_str(&Msg::NorIncluded.say(lang, &[("config", &include.config)]));
    }
    let (seen, patterns) = match (unchecked.md, unchecked.txt) {
        (0, 0) => {
            message.push_str(Msg::NorMdTxt.get(lang));
            return message;
        }
        (md, 0) => (
            crate::messages::count(lang, md, Msg::MdFiles),
            r#"["**/*.md"]"#,
        ),
        (0, txt) => (
            crate::messages::count(lang, txt, Msg::TxtFiles),
            r#"["**/*.txt"]"#,
        ),
        (md, txt) => (
            Msg::MdAndTxtFiles.say(lang, &[("md", &md.to_string()), ("txt", &txt.to_string())]),
            r#"["**/*.md", "**/*.txt"]"#,
        ),
    };
    let unchecked_files = if unchecked.md + unchecked.txt == 1 {
        Msg::UncheckedOne
    } else {
        Msg::UncheckedMany
    };
    message.push_str(&unchecked_files.say(lang, &[("seen", &seen), ("patterns", patterns)]));
    message
}

/// Walks `dir` for documents, and returns the text files it left out.
fn walk(
    dir: &Path,
    include: Option<&Include>,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<PathError>,
) -> Unchecked {
    let walker = ignore::WalkBuilder::new(dir)
        // Honour .gitignore even outside a git repository: a catalogue
        // checked out as a tarball behaves like its clone.
        .require_git(false)
        .follow_links(false)
        .build();
    // `include:` patterns are relative to the configuration's folder,
    // resolved; entries below `dir` are resolved by resolving `dir` once
    // (the walk follows no links).
    let resolved = include.and_then(|_| std::fs::canonicalize(dir).ok());
    let included = |path: &Path| match (include, &resolved) {
        (Some(include), Some(resolved)) => path
            .strip_prefix(dir)
            .is_ok_and(|below| include.matches(&resolved.join(below))),
        _ => false,
    };
    let mut unchecked = Unchecked::default();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                if is_lub_file(entry.path()) || included(entry.path()) {
                    files.push(entry.into_path());
                } else {
                    unchecked.count(entry.path());
                }
            }
            Err(e) => errors.push(walk_error(dir, e)),
        }
    }
    unchecked
}

/// A name as text: bytes that are not UTF-8 are written `\xNN`, so that two
/// names that differ only there are still shown apart.
fn lossless_name(name: &std::ffi::OsStr) -> String {
    let mut shown = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        shown.push_str(&chunk.valid().replace('\\', "/"));
        for byte in chunk.invalid() {
            shown.push_str(&format!("\\x{byte:02x}"));
        }
    }
    shown
}

/// A document's name ends in `.lub.md`; the rest of it may be any bytes,
/// UTF-8 or not.
pub fn is_lub_file(path: &Path) -> bool {
    path.file_name()
        .map(std::ffi::OsStr::as_encoded_bytes)
        .is_some_and(|n| n.ends_with(b".lub.md") && n.len() > ".lub.md".len())
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
            // The walker's own text repeats the path ("IO error for
            // operation on ./sub: …"); the kind says it in lub's words.
            ignore::Error::Io(io) if io.kind() != std::io::ErrorKind::Other => {
                return PathError::new(Path::new(&path), &std::io::Error::from(io.kind()));
            }
            ignore::Error::Io(io) => return PathError::new(Path::new(&path), &io),
            other => {
                return PathError {
                    path,
                    message: other.to_string(),
                    text: None,
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes a call, and counts its
    /// calls.
    struct Trickle<'a> {
        rest: &'a [u8],
        step: usize,
        calls: usize,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            self.calls += 1;
            let n = self.rest.len().min(self.step).min(out.len());
            out[..n].copy_from_slice(&self.rest[..n]);
            self.rest = &self.rest[n..];
            Ok(n)
        }
    }

    /// Whatever the size the metadata said, the step of the reads and the
    /// limit, what is read is the start of the text up to the limit; a
    /// file of the size it said is read in one call.
    #[test]
    fn a_text_is_read_whole_or_to_the_limit_in_as_few_calls_as_its_size_allows() {
        let text: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        for len in [0, 1, 2, 7, 100, 8191, 8192, 8193, 20_000] {
            let text = &text[..len];
            for expected in [0, 1, len.saturating_sub(1), len, len + 1, 3 * len] {
                for step in [1, 3, 4096, usize::MAX] {
                    for limit in [1, len / 2 + 1, len, len + 1, usize::MAX] {
                        let mut reader = Trickle {
                            rest: text,
                            step,
                            calls: 0,
                        };
                        let read = read_sized(&mut reader, expected, limit).unwrap();
                        let want = &text[..len.min(limit)];
                        // Only a short read at exactly the announced size is
                        // taken for the end.
                        let early = step < len && expected < len && expected % step.max(1) == 0;
                        if !early {
                            assert_eq!(
                                read, want,
                                "len {len} expected {expected} step {step} limit {limit}"
                            );
                        }
                        if expected == len && step >= len && limit > len && len > 0 {
                            assert_eq!(reader.calls, 1, "len {len}");
                        }
                    }
                }
            }
        }
    }

    /// A FIFO with no writer: opened the usual way, the open waits for a
    /// writer forever. The answer is awaited on another thread so that a
    /// regression fails here instead of hanging the suite.
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_opened_without_waiting_and_refused_by_its_handle() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.lub.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let (send, receive) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let opened = open_without_blocking(&path).is_ok();
            let read = read_file(&path, DEFAULT_MAX_FILE_SIZE);
            let _ = send.send((opened, read));
        });
        let (opened, read) = receive
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("opening a FIFO returned");
        assert!(opened);
        assert_eq!(read.unwrap_err().message, "is not a regular file");
    }

    #[test]
    fn a_walking_error_is_said_in_plain_words() {
        let walker_text = std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "IO error for operation on ./sub: Permission denied (os error 13)",
        );
        let error = ignore::Error::WithPath {
            path: PathBuf::from("./sub"),
            err: Box::new(ignore::Error::Io(walker_text)),
        };
        let shown = walk_error(Path::new("."), error);
        assert_eq!(shown.to_string(), "sub: permission denied");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Sorted by bytes where every path is plain, and by components
        /// where one is not, the paths are in the order `Path` gives them.
        #[test]
        fn paths_sort_as_path_orders_them(
            paths in proptest::collection::vec(
                (
                    proptest::bool::ANY,
                    proptest::collection::vec(
                        proptest::prop_oneof![
                            30 => proptest::sample::select(vec![
                                "a", "b", "ab", "a-b", "a.b", "a b", "A", "æ", "a~", "0",
                            ]),
                            1 => proptest::sample::select(vec![".", "..", ""]),
                        ],
                        1..4,
                    ),
                    proptest::bool::weighted(0.05),
                ),
                0..12,
            )
        ) {
            let mut ours: Vec<PathBuf> = paths
                .iter()
                .map(|(rooted, names, trailing)| {
                    let mut text = if *rooted { "/".to_string() } else { String::new() };
                    text.push_str(&names.join("/"));
                    if *trailing {
                        text.push('/');
                    }
                    PathBuf::from(text)
                })
                .collect();
            let mut theirs = ours.clone();
            theirs.sort();
            sort_paths(&mut ours);
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
