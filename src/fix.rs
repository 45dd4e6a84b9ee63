//! `--fix` and `--diff`: the safe fixes of a document's findings, applied
//! back to front; repeated until nothing more changes; written atomically.

use std::path::Path;

use crate::finding::{Edit, Finding};

/// How many rounds of fixing a document gets. A fix can make another
/// possible (a heading spelt right makes its section a category); none of
/// lub's fixes needs more than two.
pub const MAX_ROUNDS: usize = 4;

/// `text` with the safe fixes of `findings` applied, and how many were. A
/// fix whose edits overlap one already taken waits for the next round;
/// `None` when there is nothing to apply.
pub fn apply(text: &str, findings: &[Finding]) -> Option<(String, usize)> {
    let mut taken: Vec<&Edit> = Vec::new();
    // The spans taken so far, by start (the furthest end of those that start
    // there): an overlap is found among neighbours, not by looking at every
    // edit taken, which is quadratic in a file of forty thousand fixes.
    let mut taken_spans: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut fixes = 0;
    for fix in findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|f| f.safe)
    {
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let overlaps = fix
            .edits
            .iter()
            .any(|e| overlaps_taken(&taken_spans, &e.span));
        let changes = fix
            .edits
            .iter()
            .any(|e| text.get(e.span.clone()) != Some(e.replacement.as_str()));
        if valid && !overlaps && changes {
            taken.extend(&fix.edits);
            for edit in &fix.edits {
                let end = taken_spans.entry(edit.span.start).or_insert(edit.span.end);
                *end = (*end).max(edit.span.end);
            }
            fixes += 1;
        }
    }
    if fixes == 0 {
        return None;
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    // Built front to back in one pass: replacing in place moves the rest of
    // the text once per edit.
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for edit in taken {
        out.push_str(text.get(copied..edit.span.start).unwrap_or_default());
        out.push_str(&edit.replacement);
        copied = copied.max(edit.span.end);
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Some((out, fixes))
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

/// Two edits overlap if they touch the same bytes, or insert at the same
/// place (their order would be a guess).
fn overlap(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || (a.start == b.start)
}

/// Replaces the file at `path` with `text`, or changes nothing:
/// - a read-only file is refused (renaming over it would succeed);
/// - a file that no longer holds `original` (changed since it was read) is
///   refused, so nobody's edit is lost;
/// - the new text is written to a temporary file beside it, with the same
///   permissions, flushed, and renamed into place, so the file is never
///   half-written, and a failed write (a full disk) leaves it as it was.
pub fn write_atomic(path: &Path, original: &[u8], text: &str) -> std::io::Result<()> {
    write_atomic_with(path, original, text, std::io::Write::write_all)
}

/// `write_atomic`, with the writing of the new text given, so that a test
/// can make it fail halfway.
fn write_atomic_with(
    path: &Path,
    original: &[u8],
    text: &str,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let metadata = std::fs::metadata(path)?;
    if metadata.permissions().readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let temporary = written_beside(path, ".lub-fix-", text, write)?;
    std::fs::set_permissions(temporary.path(), metadata.permissions())?;
    // Two lubs fixing the same file (an editor's save hook and a pre-commit
    // run) take turns from here: each compares and replaces while holding
    // the lock, so neither replaces what the other just wrote unseen.
    let lock = std::fs::File::open(path)?;
    lock.lock()?;
    let current = std::fs::read(path)?;
    if current == text.as_bytes() {
        // The other run wrote the same fix.
        return Ok(());
    }
    if current != original {
        return Err(std::io::Error::other(
            "the file changed while lub was fixing it",
        ));
    }
    temporary.persist(path).map_err(|e| e.error)?;
    drop(lock);
    Ok(())
}

/// A new temporary file in the folder of `path`, holding `text` on disk,
/// ready to be renamed into place. Dropped unrenamed, it is removed.
pub(crate) fn written_beside(
    path: &Path,
    prefix: &str,
    text: &str,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut temporary = tempfile::Builder::new()
        .prefix(prefix)
        .tempfile_in(crate::check::folder_of(path))?;
    write(temporary.as_file_mut(), text.as_bytes())?;
    temporary.as_file().sync_all()?;
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
        }
    }

    #[test]
    fn a_failed_write_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.lub.md");
        std::fs::write(&path, "før\n").unwrap();
        let result = write_atomic_with(&path, "før\n".as_bytes(), "etter\n", |file, bytes| {
            file.write_all(&bytes[..2])?;
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        });
        assert_eq!(result.unwrap_err().kind(), std::io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "før\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the temporary file is removed");
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
