//! `--fix` and `--diff`: the safe fixes of a document's findings, applied
//! back to front; repeated until nothing more changes; written atomically.

use std::io;
use std::path::Path;

use crate::finding::{Edit, Finding};
use crate::lang::Lang;
use crate::messages::{Msg, Said, Text};

/// How many rounds of fixing a document gets. A fix can make another
/// possible (a heading spelt right makes its section a category); none of
/// lub's fixes needs more than two.
pub const MAX_ROUNDS: usize = 4;

/// `text` with the safe fixes of `findings` applied, and how many were. A
/// fix whose edits overlap one already taken waits for the next round;
/// `None` when there is nothing to apply. A line a fix inserts ends as the
/// line it lands in does (LF, CRLF or CR), whatever the rule wrote, and
/// nothing is inserted before a byte-order mark.
pub fn apply(text: &str, findings: &[Finding]) -> Option<(String, usize)> {
    apply_which(text, findings).map(|(text, applied)| (text, applied.len()))
}

/// `apply`, saying which of `findings` (by index) had their fix applied.
pub fn apply_which(text: &str, findings: &[Finding]) -> Option<(String, Vec<usize>)> {
    let mut taken: Vec<Edit> = Vec::new();
    // The spans taken so far, by start (the furthest end of those that start
    // there): an overlap is found among neighbours, not by looking at every
    // edit taken, which is quadratic in a file of forty thousand fixes.
    let mut taken_spans: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut applied = Vec::new();
    for (index, fix) in findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, f.fix.as_ref()?)))
        .filter(|(_, f)| f.safe)
    {
        let edits: Vec<Edit> = fix.edits.iter().map(|e| fitted(text, e)).collect();
        let valid = edits.iter().all(|e| {
            e.span.start <= e.span.end
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let overlaps = edits.iter().any(|e| overlaps_taken(&taken_spans, &e.span));
        let changes = edits
            .iter()
            .any(|e| text.get(e.span.clone()) != Some(e.replacement.as_str()));
        if valid && !overlaps && changes {
            for edit in &edits {
                let end = taken_spans.entry(edit.span.start).or_insert(edit.span.end);
                *end = (*end).max(edit.span.end);
            }
            taken.extend(edits);
            applied.push(index);
        }
    }
    if applied.is_empty() {
        return None;
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    // Built front to back in one pass: replacing in place moves the rest of
    // the text once per edit.
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for edit in &taken {
        out.push_str(text.get(copied..edit.span.start).unwrap_or_default());
        out.push_str(&edit.replacement);
        copied = copied.max(edit.span.end);
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Some((out, applied))
}

/// Whether `span` overlaps one of the `taken` spans (by start, the furthest
/// end): those are apart, so only its neighbours can.
fn overlaps_taken(
    taken: &std::collections::BTreeMap<usize, usize>,
    span: &std::ops::Range<usize>,
) -> bool {
    let before = taken
        .range(..=span.start)
        .next_back()
        .is_some_and(|(&start, &end)| overlap(&(start..end), span));
    let after = taken
        .range(span.start + 1..)
        .next()
        .is_some_and(|(&start, &end)| overlap(&(start..end), span));
    before || after
}

/// `edit` as it applies to `text`: after the byte-order mark (which must
/// stay the file's first bytes for editors to see it), and with the line
/// breaks of its replacement those of the line it lands in, so that a rule
/// need not know the document's line endings and a CR or CRLF file never
/// gets a line of another kind.
fn fitted(text: &str, edit: &Edit) -> Edit {
    let mut span = edit.span.clone();
    let bom = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    span.start = span.start.max(bom);
    span.end = span.end.max(span.start);
    let replacement = if edit.replacement.contains(['\r', '\n']) {
        let newline = line_break_at(text, span.end);
        edit.replacement
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\n', newline)
    } else {
        edit.replacement.clone()
    };
    Edit { span, replacement }
}

/// The line break that ends the line holding byte `at` of `text`; on a last
/// line without one, the break before it; in a text of one line, LF.
fn line_break_at(text: &str, at: usize) -> &'static str {
    let bytes = text.as_bytes();
    let is_break = |b: &u8| matches!(b, b'\r' | b'\n');
    let after = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(is_break))
        .map(|i| at + i);
    let before = || {
        let i = bytes.get(..at)?.iter().rposition(is_break)?;
        // Seen from its end, a CRLF starts one byte earlier.
        Some(match i.checked_sub(1) {
            Some(cr) if bytes.get(cr..=i) == Some(b"\r\n") => cr,
            _ => i,
        })
    };
    match after.or_else(before).and_then(|i| bytes.get(i..)) {
        Some([b'\r', b'\n', ..]) => "\r\n",
        Some([b'\r', ..]) => "\r",
        _ => "\n",
    }
}

/// Two edits overlap if they touch the same bytes, or insert at the same
/// place (their order would be a guess).
fn overlap(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || (a.start == b.start)
}

/// Replaces the file at `path` with `text`, or changes nothing:
/// - a symbolic link (or a chain of them) stays as it is, and the file it
///   leads to is fixed, its temporary file in that file's folder; a link
///   that leads nowhere is refused;
/// - a file the system says this user may not write (`access(2)`), or
///   that has no write permission for anyone, is refused: renaming over it
///   would succeed in a writable folder;
/// - a file with more than one hard link is refused, since replacing it
///   would split the links and writing it in place could leave it
///   half-written;
/// - the new text is written to a temporary file beside it, given the
///   file's owner, group, mode and extended attributes (or it is refused),
///   flushed, and renamed into place, so the file is never half-written
///   and a failed write (a full disk) leaves it as it was;
/// - a file that no longer holds `original` (changed since it was read) is
///   refused, so nobody's edit is lost.
pub fn write_atomic(path: &Path, original: &[u8], text: &str) -> io::Result<()> {
    write_atomic_with(path, original, text, io::Write::write_all)
}

/// An error that says in lub's words why a file was not replaced.
fn refusal(kind: io::ErrorKind, text: Text) -> io::Error {
    io::Error::new(kind, Said(text))
}

/// An OS error as the end of one of lub's sentences: "permission denied".
/// In Norwegian lub's words where it has the kind, else (and in English)
/// the system's.
fn os_reason(error: &io::Error, lang: Lang) -> String {
    let said = crate::files::PathError::new(Path::new(""), error);
    if let (Some(text), Lang::Nb | Lang::Nn) = (said.text, lang) {
        return text.get(lang).to_string();
    }
    let shown = error.to_string();
    let reason = shown.split(" (os error").next().unwrap_or(&shown);
    let mut chars = reason.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => shown,
    }
}

/// `write_atomic`, with the writing of the new text given, so that a test
/// can make it fail halfway.
fn write_atomic_with(
    path: &Path,
    original: &[u8],
    text: &str,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    let target = resolved(path)?;
    let file = std::fs::File::open(&target)?;
    let metadata = file.metadata()?;
    may_replace(&target, &metadata)?;
    let temporary = written_beside(&target, ".lub-fix-", text, write)?;
    keep_owner_and_mode(temporary.as_file(), &file, &metadata)?;
    // Two lubs fixing the same file (an editor's save hook and a pre-commit
    // run) take turns from here: each compares and replaces while holding
    // the lock, so neither replaces what the other just wrote unseen.
    file.lock()?;
    let mut now = std::fs::File::open(&target)?;
    let mut current = Vec::new();
    io::Read::read_to_end(&mut now, &mut current)?;
    if current == text.as_bytes() {
        // The other run wrote the same fix.
        return Ok(());
    }
    let now = now.metadata()?;
    // An editor that saves by renaming a new file into place leaves the
    // content as it was only by chance: the file is another one.
    let same_file = now.dev() == metadata.dev() && now.ino() == metadata.ino();
    if current != original || !same_file {
        return Err(refusal(
            io::ErrorKind::Other,
            Msg::FixFileChanged.text(|_| Vec::new()),
        ));
    }
    // A hard link made while lub was fixing would be split all the same.
    if now.nlink() > 1 {
        return Err(hard_links(now.nlink()));
    }
    temporary.persist(&target)?;
    // The rename is on disk only when the folder is: without this a crash
    // could bring back the old text after lub said it fixed the file.
    if let Ok(folder) = std::fs::File::open(crate::files::folder_of(&target)) {
        let _ = folder.sync_all();
    }
    drop(file);
    Ok(())
}

/// The file `path` names, through any symbolic links: the file to replace,
/// so that the link stays a link.
fn resolved(path: &Path) -> io::Result<std::path::PathBuf> {
    let link = std::fs::symlink_metadata(path)?;
    if !link.file_type().is_symlink() {
        return Ok(path.to_path_buf());
    }
    std::fs::canonicalize(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => refusal(
            io::ErrorKind::NotFound,
            match std::fs::read_link(path) {
                Ok(to) => {
                    let to = to.display().to_string();
                    Msg::FixLinkTo.text(|_| vec![("target", to.clone())])
                }
                Err(_) => Msg::FixLinkNowhere.text(|_| Vec::new()),
            },
        ),
        _ => e,
    })
}

fn hard_links(count: u64) -> io::Error {
    refusal(
        io::ErrorKind::Other,
        Msg::FixHardLinks.text(|_| vec![("count", count.to_string())]),
    )
}

/// Refuses a file that is not lub's to replace: see `write_atomic`.
fn may_replace(target: &Path, metadata: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    if !metadata.is_file() {
        return Err(refusal(
            io::ErrorKind::Other,
            Msg::NotRegular.text(|_| Vec::new()),
        ));
    }
    // A file nobody may write was made so on purpose; root may, but lub
    // does not take that as leave.
    if metadata.permissions().readonly() {
        return Err(refusal(
            io::ErrorKind::PermissionDenied,
            Msg::FixReadOnly.text(|_| Vec::new()),
        ));
    }
    // The mode bits do not say it all: another owner, ACLs, the immutable
    // attribute, a read-only mount. The system does.
    rustix::fs::access(target, rustix::fs::Access::WRITE_OK).map_err(|errno| {
        let error = io::Error::from(errno);
        refusal(
            error.kind(),
            Msg::FixMayNotWrite.text(|lang| vec![("reason", os_reason(&error, lang))]),
        )
    })?;
    if metadata.nlink() > 1 {
        return Err(hard_links(metadata.nlink()));
    }
    Ok(())
}

/// Gives `temporary` the owner, group, mode and extended attributes of
/// `file`, or says why it cannot: a fixed file that changed hands, lost
/// its setgid bit or its ACL would have changed in a way nobody asked for.
fn keep_owner_and_mode(
    temporary: &std::fs::File,
    file: &std::fs::File,
    metadata: &std::fs::Metadata,
) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    let (uid, gid) = (metadata.uid(), metadata.gid());
    let made = temporary.metadata()?;
    if (made.uid(), made.gid()) != (uid, gid) {
        rustix::fs::fchown(
            temporary,
            (made.uid() != uid).then(|| rustix::fs::Uid::from_raw(uid)),
            (made.gid() != gid).then(|| rustix::fs::Gid::from_raw(gid)),
        )
        .map_err(|errno| {
            refusal(
                io::ErrorKind::PermissionDenied,
                Msg::FixOwner.text(|lang| {
                    vec![
                        ("uid", uid.to_string()),
                        ("gid", gid.to_string()),
                        ("reason", os_reason(&io::Error::from(errno), lang)),
                    ]
                }),
            )
        })?;
    }
    copy_extended_attributes(file, temporary)?;
    // After the owner: changing it clears the setuid and setgid bits.
    let mode = metadata.mode() & 0o7777;
    rustix::fs::fchmod(temporary, rustix::fs::Mode::from_raw_mode(mode))?;
    let made = temporary.metadata()?;
    if made.mode() & 0o7777 != mode || (made.uid(), made.gid()) != (uid, gid) {
        return Err(refusal(
            io::ErrorKind::PermissionDenied,
            Msg::FixMode.text(|_| vec![("mode", format!("{mode:o}"))]),
        ));
    }
    Ok(())
}

/// Copies every extended attribute (ACLs, SELinux labels, `user.*`) of
/// `from` to `to`; one that cannot be set refuses the fix.
fn copy_extended_attributes(from: &std::fs::File, to: &std::fs::File) -> io::Result<()> {
    let names = match list_attributes(from) {
        Ok(names) => names,
        // A file system without extended attributes has none to lose.
        Err(rustix::io::Errno::NOTSUP) => return Ok(()),
        Err(errno) => return Err(errno.into()),
    };
    for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let Ok(name) = std::ffi::CString::new(name) else {
            continue;
        };
        let value = match attribute(from, &name) {
            Ok(value) => value,
            // Removed since it was listed.
            Err(rustix::io::Errno::NODATA) => continue,
            Err(errno) => return Err(errno.into()),
        };
        // The system may have given the new file the same (an SELinux
        // label), which this user could not set.
        if attribute(to, &name).is_ok_and(|made| made == value) {
            continue;
        }
        rustix::fs::fsetxattr(to, &name, &value, rustix::fs::XattrFlags::empty()).map_err(
            |errno| {
                refusal(
                    io::ErrorKind::PermissionDenied,
                    Msg::FixXattr.text(|lang| {
                        vec![
                            ("name", name.to_string_lossy().into_owned()),
                            ("reason", os_reason(&io::Error::from(errno), lang)),
                        ]
                    }),
                )
            },
        )?;
    }
    Ok(())
}

/// The names of `file`'s extended attributes, each ending in a NUL.
fn list_attributes(file: &std::fs::File) -> Result<Vec<u8>, rustix::io::Errno> {
    loop {
        let size = rustix::fs::flistxattr_query(file)?;
        let mut names = vec![0; size];
        match rustix::fs::flistxattr(file, names.as_mut_slice()) {
            Ok(n) => {
                names.truncate(n);
                return Ok(names);
            }
            // One was added between the two calls.
            Err(rustix::io::Errno::RANGE) => {}
            Err(errno) => return Err(errno),
        }
    }
}

fn attribute(file: &std::fs::File, name: &std::ffi::CStr) -> Result<Vec<u8>, rustix::io::Errno> {
    loop {
        let size = rustix::fs::fgetxattr_query(file, name)?;
        let mut value = vec![0; size];
        match rustix::fs::fgetxattr(file, name, value.as_mut_slice()) {
            Ok(n) => {
                value.truncate(n);
                return Ok(value);
            }
            Err(rustix::io::Errno::RANGE) => {}
            Err(errno) => return Err(errno),
        }
    }
}

/// The temporary files lub has made and not yet renamed or removed, so that
/// an interrupted run (Ctrl-C, SIGTERM) removes them before it ends. A
/// file is made and entered under this lock, and the thread that removes
/// them on a signal keeps holding it until the process ends, so no
/// temporary file is made behind its back. A file leaves the set only after
/// it was renamed or removed: the thread may then try to remove a path that
/// is gone, which does no harm, but never misses one that is there.
static TEMPORARIES: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

fn temporaries() -> std::sync::MutexGuard<'static, Vec<std::path::PathBuf>> {
    // A thread that panicked while holding the lock left the set as it was
    // before or after its change, both of which are true of the disk.
    TEMPORARIES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts, once, the thread that removes the temporary files when lub is
/// interrupted and then ends the process as the signal would have.
fn remove_temporaries_on_signal() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        use signal_hook::consts::{SIGINT, SIGTERM};
        // Without the handler a signal ends lub as it always would; the
        // temporary files are then left, which is all that is lost.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("lub-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let held = temporaries();
                    for path in held.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    signal_hook::low_level::exit(128 + signal);
                }
            });
    });
}

/// The entry of a temporary file in `TEMPORARIES`, left when it is dropped.
struct Entered(std::path::PathBuf);

impl Drop for Entered {
    fn drop(&mut self) {
        let mut held = temporaries();
        if let Some(at) = held.iter().rposition(|p| p == &self.0) {
            held.swap_remove(at);
        }
    }
}

/// A temporary file beside the file it is to become, removed unless it is
/// renamed into place, also when lub is interrupted.
pub(crate) struct Temporary {
    // Dropped in this order: the file is removed before it leaves the set.
    file: tempfile::NamedTempFile,
    _entered: Entered,
}

impl Temporary {
    pub(crate) fn as_file(&self) -> &std::fs::File {
        self.file.as_file()
    }

    /// Renames it to `path`, replacing what is there.
    pub(crate) fn persist(self, path: &Path) -> io::Result<()> {
        let Temporary { file, _entered } = self;
        file.persist(path).map(drop).map_err(|e| e.error)
    }

    /// Renames it to `path` unless something is there already.
    pub(crate) fn persist_noclobber(self, path: &Path) -> io::Result<()> {
        let Temporary { file, _entered } = self;
        file.persist_noclobber(path).map(drop).map_err(|e| e.error)
    }
}

/// A temporary file in the folder of `path`, holding `text` on disk, ready
/// to be renamed into place. Dropped unrenamed, it is removed.
pub(crate) fn written_beside(
    path: &Path,
    prefix: &str,
    text: &str,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> io::Result<()>,
) -> io::Result<Temporary> {
    remove_temporaries_on_signal();
    let mut temporary = {
        let mut held = temporaries();
        let file = tempfile::Builder::new()
            .prefix(prefix)
            .tempfile_in(crate::files::folder_of(path))?;
        held.push(file.path().to_path_buf());
        Temporary {
            _entered: Entered(file.path().to_path_buf()),
            file,
        }
    };
    write(temporary.file.as_file_mut(), text.as_bytes())?;
    temporary.file.as_file().sync_all()?;
    Ok(temporary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Fix, Severity};
    use std::io::Write as _;

    fn finding(span: std::ops::Range<usize>, replacement: &str, safe: bool) -> Finding {
        Finding {
            rule: "r".into(),
            severity: Severity::Info,
            span: span.clone(),
            message: String::new(),
            help: None,
            fix: Some(Fix::replace(span, replacement, safe)),
            related: Vec::new(),
        }
    }

    #[test]
    fn a_failed_write_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.lub.md");
        std::fs::write(&path, "før\n").unwrap();
        let result = write_atomic_with(&path, "før\n".as_bytes(), "etter\n", |file, bytes| {
            file.write_all(&bytes[..2])?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "før\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the temporary file is removed");
    }

    #[test]
    fn an_inserted_line_ends_as_the_line_it_lands_in() {
        // Mixed endings: each inserted line takes its neighbour's.
        let text = "\u{FEFF}a\r\nb\rc";
        let findings = vec![
            finding(3..3, "x\n", true),
            finding(6..6, "y\r\n", true),
            finding(8..8, "z\r", true),
        ];
        assert_eq!(
            apply(text, &findings),
            Some(("\u{FEFF}x\r\na\r\ny\rb\rz\rc".into(), 3))
        );
        // Nothing goes before the byte-order mark.
        assert_eq!(
            apply("\u{FEFF}a\n", &[finding(0..0, "x\r\n", true)]),
            Some(("\u{FEFF}x\na\n".into(), 1))
        );
    }

    #[test]
    fn safe_fixes_apply_back_to_front_and_overlaps_wait() {
        let text = "aaa bbb ccc";
        let findings = vec![
            finding(0..3, "A", true),
            finding(8..11, "C", true),
            finding(4..7, "B", false),
            finding(1..2, "x", true),
        ];
        assert_eq!(apply(text, &findings), Some(("A bbb C".into(), 2)));
        assert_eq!(
            apply("A bbb C", &[finding(0..1, "A", true)]),
            None,
            "a no-op is not a fix"
        );
    }
}
