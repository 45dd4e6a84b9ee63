//! A document's text as read from disk, and the mapping from byte offsets to
//! the line and column a person sees.

use std::ops::Range;
use std::sync::Arc;

/// Byte range into a document's text. Every node of the AST and every finding
/// carries one, so a finding can always point at the exact words.
pub type Span = Range<usize>;

/// The text of one document, shared by the AST, the findings and the reports.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Which input of its run the document is. Two inputs may be shown by
    /// one name (a file given twice, texts of one `--stdin-filename`); the
    /// id tells them apart.
    pub id: SourceId,
    /// The name under which findings are reported: the path as the user gave
    /// it, or the `--stdin-filename`.
    pub name: String,
    pub text: Arc<str>,
    line_starts: Vec<usize>,
    /// Characters before each `CHAR_BLOCK`-byte block of the text, so that
    /// a column is counted from the block it falls in, not from its line's
    /// start: on a line of a megabyte, with a finding every few words,
    /// counting from the line's start is quadratic.
    block_chars: std::sync::OnceLock<Vec<usize>>,
}

const CHAR_BLOCK: usize = 64;

/// A document's place among the inputs of its run, from 0; a document
/// checked alone is the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct SourceId(pub usize);

/// A 0-based line and a 0-based column in UTF-16 code units: a position as
/// the Language Server Protocol gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Utf16Position {
    pub line: usize,
    pub character: usize,
}

/// A 1-based line and column; the column counts Unicode characters, so a
/// finding after "æøå" points where an editor's cursor would be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    /// The bytes it holds: its text and its tables of positions.
    pub fn held_bytes(&self) -> usize {
        let blocks = self.block_chars.get().map_or(0, Vec::len);
        self.text.len() + size_of::<usize>() * (self.line_starts.len() + blocks)
    }

    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let line_starts = line_starts(&text);
        SourceFile {
            id: SourceId::default(),
            name: name.into(),
            text,
            line_starts,
            block_chars: std::sync::OnceLock::new(),
        }
    }

    /// The same document as input `id` of its run.
    pub fn with_id(mut self, id: SourceId) -> Self {
        self.id = id;
        self
    }

    /// Line and column of a byte offset. Offsets past the end, or inside a
    /// multi-byte character, are clamped to the nearest character boundary
    /// before it, so a bad span can never panic here.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset);
        let (line_index, line_start) = self.line_at(offset);
        Position {
            line: line_index + 1,
            column: self.chars_between(line_start, offset) + 1,
        }
    }

    /// The 0-based line that holds byte `offset`, and where it starts.
    fn line_at(&self, offset: usize) -> (usize, usize) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        (line, self.line_starts.get(line).copied().unwrap_or(0))
    }

    /// How many characters the text has from `start` to `end`, character
    /// boundaries: counted where they are near, and from the blocks (read
    /// the first time a line needs them) where they are far apart.
    fn chars_between(&self, start: usize, end: usize) -> usize {
        const NEAR: usize = 4 * CHAR_BLOCK;
        if end.saturating_sub(start) <= NEAR {
            let between = self.text.as_bytes().get(start..end).unwrap_or_default();
            return between.iter().filter(|&&b| !is_continuation(b)).count();
        }
        self.chars_before(end) - self.chars_before(start)
    }

    /// How many characters the text has before `offset`, a character
    /// boundary.
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / CHAR_BLOCK;
        let blocks = self.block_chars.get_or_init(|| block_chars(&self.text));
        let counted = blocks.get(block).copied().unwrap_or(0);
        let tail = self
            .text
            .as_bytes()
            .get(block * CHAR_BLOCK..offset)
            .unwrap_or_default();
        crate::work::add(tail.len());
        counted + tail.iter().filter(|&&b| !is_continuation(b)).count()
    }

    /// How many lines the text has; a final line break starts an empty last
    /// line, as editors count.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of a 1-based line, without its line break; `None` for
    /// a line the text does not have.
    pub fn line_span(&self, line: usize) -> Option<Span> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let next = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let body = self.text.get(start..next)?;
        Some(start..start + body.trim_end_matches(['\n', '\r']).len())
    }

    /// Where a byte offset is as the Language Server Protocol counts:
    /// editors count columns in UTF-16 code units, so «æ» is one and an
    /// emoji two. Clamped as `position` is.
    pub fn utf16_position(&self, offset: usize) -> Utf16Position {
        let offset = floor_char_boundary(&self.text, offset);
        let (line, start) = self.line_at(offset);
        let character = self
            .text
            .get(start..offset)
            .unwrap_or_default()
            .chars()
            .map(char::len_utf16)
            .sum();
        Utf16Position { line, character }
    }

    /// The byte offset of an editor's position: a line past the end is the
    /// end of the text, a column past the end of its line is the line's
    /// end (before its line break), and a column inside a character's pair
    /// of units is the character's start.
    pub fn utf16_offset(&self, position: Utf16Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line) else {
            return self.text.len();
        };
        let end = self
            .line_starts
            .get(position.line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = self.text.get(start..end).unwrap_or_default();
        let line = line.trim_end_matches(['\n', '\r']);
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units + c.len_utf16() > position.character {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line.len()
    }

    /// The text of a span, or "" if the span does not lie on character
    /// boundaries inside the text.
    pub fn slice(&self, span: &Span) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }
}

/// Byte offsets at which lines start. A line ends at `\n`, `\r\n` or a lone
/// `\r`, matching the grammar's `newline`.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    // Line breaks are found a vector at a time: every file is scanned.
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes.get(i) == Some(&b'\n') || bytes.get(i + 1) != Some(&b'\n') {
            starts.push(i + 1);
        }
    }
    starts
}

/// Characters before each `CHAR_BLOCK`-byte block.
fn block_chars(text: &str) -> Vec<usize> {
    let mut counts = Vec::with_capacity(text.len() / CHAR_BLOCK + 1);
    let mut chars = 0;
    for block in text.as_bytes().chunks(CHAR_BLOCK) {
        counts.push(chars);
        chars += block.iter().filter(|&&b| !is_continuation(b)).count();
    }
    // The end of a text of whole blocks starts a block of its own.
    if text.len().is_multiple_of(CHAR_BLOCK) {
        counts.push(chars);
    }
    counts
}

/// A byte that continues a UTF-8 character rather than starting one.
fn is_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

/// `text` cut to `max` characters, with "…" where it was cut: a quote from
/// a document in a message, which must not carry a line of megabytes.
pub(crate) fn cut(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    // No more bytes than that, no more characters.
    if text.len() <= max {
        return text.into();
    }
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// The text on one line, its runs of white space each one space: how a
/// YAML block or a wrapped outcome reads in a message or a diploma.
pub(crate) fn one_line(text: &str) -> String {
    if is_one_line(text) {
        return text.to_string();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `one_line` would give `text` back as it is.
pub(crate) fn is_one_line(text: &str) -> bool {
    // White space other than a space is an ASCII control, or a character
    // whose first byte is that of U+0085, U+00A0, U+1680, U+2000–U+205F or
    // U+3000 («, – and ’ share those bytes, so those are decoded). A text
    // with none, no double space and no space at either end is one line
    // already, as most are.
    let breaks = |(at, byte): (usize, &u8)| match byte {
        b'\t'..=b'\r' => true,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_whitespace),
        _ => false,
    };
    !text.as_bytes().iter().enumerate().any(breaks)
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
}

pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Why the bytes of a file cannot be read as a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte: an image, a PDF, a compiled file.
    Binary { offset: usize },
    /// UTF-16 text, recognised by its byte-order mark.
    Utf16,
    /// Not UTF-8: most often Latin-1 or Windows-1252 text.
    NotUtf8 { offset: usize, line: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary { offset } => {
                write!(
                    f,
                    "this is a binary file, not text (a NUL byte at byte {offset})"
                )
            }
            DecodeError::Utf16 => write!(f, "the file is UTF-16 text; lub reads UTF-8"),
            DecodeError::NotUtf8 { offset, line } => write!(
                f,
                "the file is not valid UTF-8 (line {line}, byte {offset}); it is probably Latin-1 or Windows-1252"
            ),
        }
    }
}

impl DecodeError {
    /// What to do about it.
    pub fn help(&self) -> &'static str {
        match self {
            DecodeError::Binary { .. } => {
                "check only the text files of learning outcomes (`*.lub.md`)"
            }
            DecodeError::Utf16 | DecodeError::NotUtf8 { .. } => {
                "save the file as UTF-8: in most editors, Save as… and choose the encoding UTF-8"
            }
        }
    }
}

/// A file that is not UTF-8 text: why, and as much of it as can be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecodable {
    pub error: DecodeError,
    /// The text with bad bytes replaced by U+FFFD, for text in another
    /// encoding; empty for binary and UTF-16 files. Up to the first bad byte
    /// it is the file's own text, so offsets there are the file's offsets.
    pub shown: String,
}

/// Turns a file's bytes into text. A UTF-8 byte-order mark is kept in the
/// text (the grammar skips it) so that every byte offset is an offset into
/// the file as it is on disk.
pub fn decode(bytes: Vec<u8>) -> Result<String, Undecodable> {
    let opaque = |error| Undecodable {
        error,
        shown: String::new(),
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(opaque(DecodeError::Utf16));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(opaque(DecodeError::Binary { offset }));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        Undecodable {
            error: DecodeError::NotUtf8 { offset, line },
            shown: String::from_utf8_lossy(&bytes).into_owned(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The shortcut for a text on one line already gives what joining
        /// its words gives, whatever white space the text holds.
        #[test]
        fn one_line_is_the_words_joined_by_one_space(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "æ", "–", "«", "’", "漢", " ", "  ", "\t", "\n", "\u{85}", "\u{a0}", "\u{1680}",
                    "\u{2009}", "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{1f}", "\u{200b}",
                ]),
                0..12,
            )
        ) {
            let text = parts.concat();
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(one_line(&text), joined);
        }
    }

    proptest::proptest! {
        /// A column is the characters from its line's start, however long
        /// the line: counted near, or from the blocks far off.
        #[test]
        fn a_column_counts_the_characters_of_its_line(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "æ", "漢", "\n", "\r\n", "\r", " ", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]),
                0..60,
            ),
            at in 0usize..5000,
        ) {
            let text: String = parts.concat();
            let file = SourceFile::new("x", text.as_str());
            let offset = floor_char_boundary(&text, at.min(text.len()));
            // Inside a CRLF is no place a finding starts.
            proptest::prop_assume!(!(text[..offset].ends_with('\r') && text[offset..].starts_with('\n')));
            let before = &text[..offset];
            let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let expected_line = before.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1;
            let position = file.position(offset);
            proptest::prop_assert_eq!(position.line, expected_line);
            proptest::prop_assert_eq!(position.column, text[line_start..offset].chars().count() + 1);
        }
    }

    #[test]
    fn positions_count_characters_and_all_line_endings() {
        let file = SourceFile::new("x", "æø\r\nå\rb\nc");
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        assert_eq!(file.position(2), Position { line: 1, column: 2 });
        assert_eq!(file.position(6), Position { line: 2, column: 1 });
        assert_eq!(file.position(9), Position { line: 3, column: 1 });
        assert_eq!(file.position(11), Position { line: 4, column: 1 });
        // Inside a multi-byte character and past the end: clamped, no panic.
        assert_eq!(file.position(1), Position { line: 1, column: 1 });
        assert_eq!(file.position(999), Position { line: 4, column: 2 });
    }

    #[test]
    fn columns_agree_with_counting_from_the_line_start() {
        let text = format!("{}\n{}", "æx".repeat(100), "ø".repeat(64));
        let file = SourceFile::new("x", text.as_str());
        for offset in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..offset].chars().count() + 1;
            assert_eq!(file.position(offset).column, column, "at {offset}");
        }
    }

    #[test]
    fn decode_names_what_the_bytes_are() {
        let error = |bytes: &[u8]| decode(bytes.to_vec()).unwrap_err().error;
        assert_eq!(error(&[0xFF, 0xFE, b'a', 0]), DecodeError::Utf16);
        assert_eq!(error(b"ab\0c"), DecodeError::Binary { offset: 2 });
        assert_eq!(
            error(b"a\nb\xE6"),
            DecodeError::NotUtf8 { offset: 3, line: 2 }
        );
        assert_eq!(decode(b"a\xE6b".to_vec()).unwrap_err().shown, "a\u{FFFD}b");
        assert_eq!(decode("\u{FEFF}ok".into()).as_deref(), Ok("\u{FEFF}ok"));
    }

    #[test]
    fn utf16_positions_count_what_an_editor_counts() {
        let text = "æøå 😀 x\r\nny\rlinje";
        let source = SourceFile::new("a.lub.md", text);
        let at = |line, character| Utf16Position { line, character };
        let x = text.find('x').unwrap();
        // æ ø å space (4) + emoji (2 units) + space = 7 units before it,
        // where 6 characters are.
        assert_eq!(source.utf16_position(x), at(0, 7));
        assert_eq!(source.position(x).column, 6 + 1);
        assert_eq!(source.utf16_offset(at(0, 7)), x);
        assert_eq!(source.utf16_position(text.find("ny").unwrap()), at(1, 0));
        assert_eq!(source.utf16_position(text.find("linje").unwrap()), at(2, 0));
        // Inside the emoji's pair: its start.
        assert_eq!(source.utf16_offset(at(0, 5)), text.find('😀').unwrap());
        assert_eq!(source.utf16_offset(at(0, 99)), text.find('\r').unwrap());
        assert_eq!(source.utf16_offset(at(9, 0)), text.len());
        // Inside a character, or past the end: clamped back.
        assert_eq!(source.utf16_position(1), at(0, 0));
        assert_eq!(source.utf16_position(999), at(2, 5));
    }
}
