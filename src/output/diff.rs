//! `--diff`: what `--fix` would change, as unified diffs, and nothing else.
//!
//! The diff is computed here rather than by `similar::TextDiff`, whose
//! Myers search takes time in the product of the lines and the changes: a
//! fix that touches 40,000 lines took ten times as long to show as to make.
//! Lines that occur once on each side anchor the diff (their longest
//! increasing run, found in n·log n), and Myers only runs between anchors,
//! on stretches cut to at most `STRETCH` lines a side; a longer stretch
//! with no anchor is diffed piece by piece. The result is always a correct
//! diff, and the smallest one wherever a fix leaves lines in place, as
//! lub's fixes do.

use std::collections::HashMap;
use std::io::{self, Write};

use similar::{Algorithm, DiffOp, DiffTag};

use super::Reporter;
use crate::files::PathError;
use crate::finding::FileReport;
use crate::finding::Summary;
use crate::messages::{Msg, count};

pub struct DiffReporter<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
    /// The language of the errors and of the closing line.
    lang: crate::lang::Lang,
}

impl<'a> DiffReporter<'a> {
    pub fn new(
        out: Box<dyn Write + 'a>,
        err: Box<dyn Write + 'a>,
        lang: crate::lang::Lang,
    ) -> Self {
        DiffReporter { out, err, lang }
    }
}

impl Reporter for DiffReporter<'_> {
    fn file(&mut self, _report: &FileReport) -> io::Result<()> {
        Ok(())
    }

    fn fixed(&mut self, _name: &str, _fixes: usize, diff: Option<&str>) -> io::Result<()> {
        if let Some(diff) = diff {
            self.out.write_all(diff.as_bytes())?;
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        writeln!(self.err, "error: {}", error.in_lang(self.lang))
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let lang = self.lang;
        let text = Msg::DiffWould.say(
            lang,
            &[
                ("fixes", &count(lang, summary.fixes, Msg::SafeFixes)),
                ("changed", &summary.files_fixed.to_string()),
                ("files", &count(lang, summary.files, Msg::Files)),
            ],
        );
        writeln!(self.err, "{text}")?;
        self.out.flush()
    }
}

/// Lines of context around each change.
const CONTEXT: usize = 2;
/// The most lines a side that one Myers search is given.
const STRETCH: usize = 256;

/// A unified diff from `before` to `after`, both named `name`; empty when
/// they are the same.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    let old = lines(before);
    let new = lines(after);
    let ops = line_ops(&old, &new);
    let mut out = String::new();
    for (number, group) in similar::group_diff_ops(ops, CONTEXT).iter().enumerate() {
        if group.is_empty() {
            continue;
        }
        if number == 0 {
            out.push_str(&format!("--- {name}\n+++ {name}\n"));
        }
        out.push_str(&format!(
            "{}\n",
            similar::udiff::UnifiedHunkHeader::new(group)
        ));
        for op in group {
            for change in op.iter_changes(&old, &new) {
                let line = change.value();
                out.push(match change.tag() {
                    similar::ChangeTag::Equal => ' ',
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                });
                out.push_str(line.0);
                if !line.0.ends_with(['\n', '\r']) {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// A line, its line break included, whose comparisons are counted.
#[derive(Debug, Clone, Copy, Hash, PartialOrd, Ord)]
struct Line<'a>(&'a str);

impl PartialEq for Line<'_> {
    fn eq(&self, other: &Self) -> bool {
        crate::work::add(1);
        self.0 == other.0
    }
}

impl Eq for Line<'_> {}

/// The lines of `text` as `similar` splits them: after `\n`, `\r\n` or a
/// lone `\r`.
fn lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let end = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => i + 2,
            b'\r' | b'\n' => i + 1,
            _ => {
                i += 1;
                continue;
            }
        };
        out.push(Line(&text[start..end]));
        start = end;
        i = end;
    }
    if start < text.len() {
        out.push(Line(&text[start..]));
    }
    out
}

/// The operations that turn `old` into `new`.
fn line_ops(old: &[Line<'_>], new: &[Line<'_>]) -> Vec<DiffOp> {
    let mut ops = Vec::new();
    let mut at = (0, 0);
    for (o, n) in anchors(old, new)
        .into_iter()
        .chain([(old.len(), new.len())])
    {
        stretch_ops(old, at.0..o, new, at.1..n, &mut ops);
        if o < old.len() {
            ops.push(DiffOp::Equal {
                old_index: o,
                new_index: n,
                len: 1,
            });
        }
        at = (o + 1, n + 1);
    }
    merge_equal(ops)
}

/// Pairs `(old, new)` of lines that occur once in each, in an order both
/// sides agree on: the longest such run, by patience sorting.
fn anchors(old: &[Line<'_>], new: &[Line<'_>]) -> Vec<(usize, usize)> {
    // For each text: its count in old, in new, and its index in old.
    let mut seen: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (i, line) in old.iter().enumerate() {
        let entry = seen.entry(line.0).or_insert((0, 0, i));
        entry.0 += 1;
    }
    for line in new {
        if let Some(entry) = seen.get_mut(line.0) {
            entry.1 += 1;
        }
    }
    crate::work::add(old.len() + new.len());
    let pairs: Vec<(usize, usize)> = new
        .iter()
        .enumerate()
        .filter_map(|(n, line)| match seen.get(line.0) {
            Some(&(1, 1, o)) => Some((o, n)),
            _ => None,
        })
        .collect();
    // Longest run increasing in `old`, over pairs in `new` order.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(o, _)) in pairs.iter().enumerate() {
        let place = tails.partition_point(|&t| pairs[t].0 < o);
        crate::work::add(usize::BITS as usize - tails.len().leading_zeros() as usize);
        before[p] = place.checked_sub(1).map(|i| tails[i]);
        if place == tails.len() {
            tails.push(p);
        } else {
            tails[place] = p;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut next = tails.last().copied();
    while let Some(p) = next {
        run.push(pairs[p]);
        next = before[p];
    }
    run.reverse();
    run
}

/// The operations for a stretch between anchors: Myers on pieces of at
/// most `STRETCH` lines a side, so that the work is bounded by the
/// stretch's length times `STRETCH`.
fn stretch_ops(
    old: &[Line<'_>],
    old_range: std::ops::Range<usize>,
    new: &[Line<'_>],
    new_range: std::ops::Range<usize>,
    ops: &mut Vec<DiffOp>,
) {
    let pieces = old_range
        .len()
        .max(new_range.len())
        .div_ceil(STRETCH)
        .max(1);
    let cut = |range: &std::ops::Range<usize>, k: usize| range.start + range.len() * k / pieces;
    for k in 0..pieces {
        let o = cut(&old_range, k)..cut(&old_range, k + 1);
        let n = cut(&new_range, k)..cut(&new_range, k + 1);
        if o.is_empty() && n.is_empty() {
            continue;
        }
        ops.extend(similar::capture_diff(Algorithm::Myers, old, o, new, n));
    }
}

/// Neighbouring `Equal` operations as one, as `similar` gives them.
fn merge_equal(ops: Vec<DiffOp>) -> Vec<DiffOp> {
    let mut merged: Vec<DiffOp> = Vec::with_capacity(ops.len());
    for op in ops {
        if let (
            Some(DiffOp::Equal {
                old_index,
                new_index,
                len,
            }),
            DiffOp::Equal { len: more, .. },
        ) = (merged.last().copied(), op)
            && op.tag() == DiffTag::Equal
        {
            if let Some(last) = merged.last_mut() {
                *last = DiffOp::Equal {
                    old_index,
                    new_index,
                    len: len + more,
                };
            }
            continue;
        }
        merged.push(op);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::unified_diff;

    #[test]
    fn the_diff_is_the_one_similar_gives_where_lines_stay_in_place() {
        let before = "# T\n\n## Kunnskap\n• a\n• b\nx\ny\nz\nw\n• c\n";
        let after = "# T\n\n## Kunnskap\n- a\n- b\nx\ny\nz\nw\n- c\n";
        let expected = similar::TextDiff::from_lines(before, after)
            .unified_diff()
            .context_radius(2)
            .header("a.lub.md", "a.lub.md")
            .to_string();
        assert_eq!(unified_diff("a.lub.md", before, after), expected);
        assert_eq!(unified_diff("a.lub.md", "x", "x"), "");
        let no_newline = unified_diff("a", "a\n• b", "a\n- b");
        assert!(
            no_newline.ends_with("+- b\n\\ No newline at end of file\n"),
            "{no_newline}"
        );
    }
}
