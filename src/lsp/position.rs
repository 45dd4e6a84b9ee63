//! Byte offsets, as findings carry them, to the positions of the Language
//! Server Protocol and back, in the protocol's types: the counting is
//! `SourceFile`'s (`utf16_position`, `utf16_offset`), which the rest of lub
//! shares.

use std::borrow::Cow;

use lsp_types::{Position, Range};

use crate::source::{SourceFile, Utf16Position};

/// A text with the table of where its lines start, as the protocol (and
/// the grammar) count lines: at `\n`, `\r\n` or a lone `\r`.
pub(super) struct Lines<'a> {
    source: Cow<'a, SourceFile>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &str) -> Self {
        Lines {
            source: Cow::Owned(SourceFile::new(String::new(), text)),
        }
    }

    /// The positions of a document already read, without reading it again.
    pub(super) fn of(source: &'a SourceFile) -> Self {
        Lines {
            source: Cow::Borrowed(source),
        }
    }

    /// The position of a byte offset; an offset past the end or inside a
    /// character is taken back to the character's start.
    pub(super) fn position(&self, offset: usize) -> Position {
        let at = self.source.utf16_position(offset);
        Position {
            line: u32::try_from(at.line).unwrap_or(u32::MAX),
            character: u32::try_from(at.character).unwrap_or(u32::MAX),
        }
    }

    pub(super) fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }

    /// The byte offset of a position; a line past the end is the end of
    /// the text, a column past the end of its line is the line's end, and a
    /// column inside a character pair is the character's start.
    pub(super) fn offset(&self, position: Position) -> usize {
        self.source.utf16_offset(Utf16Position {
            line: usize::try_from(position.line).unwrap_or(usize::MAX),
            character: usize::try_from(position.character).unwrap_or(usize::MAX),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        let text = "æøå 😀 x\r\nny\rlinje";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        // æ ø å space (4) + emoji (2 units) + space = 7
        assert_eq!(lines.position(x), Position::new(0, 7));
        assert_eq!(lines.offset(Position::new(0, 7)), x);
        let ny = text.find("ny").unwrap();
        assert_eq!(lines.position(ny), Position::new(1, 0));
        assert_eq!(
            lines.position(text.find("linje").unwrap()),
            Position::new(2, 0)
        );
        // Inside the emoji's pair: its start.
        assert_eq!(lines.offset(Position::new(0, 5)), text.find('😀').unwrap());
        assert_eq!(lines.offset(Position::new(0, 99)), text.find('\r').unwrap());
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
        assert_eq!(lines.offset(Position::new(u32::MAX, 0)), text.len());
    }
}
