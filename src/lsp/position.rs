//! Byte offsets, as findings carry them, to the positions of the Language
//! Server Protocol and back: a line, and a column in UTF-16 code units, so
//! that a finding after «æøå» or an emoji lands where the editor's cursor
//! does.

use lsp_types::{Position, Range};

/// Where each line of a text starts.
pub(super) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// A line ends at `\n`, `\r\n` or a lone `\r`, as the protocol (and the
    /// grammar) count them.
    pub(super) fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        Lines { text, starts }
    }

    /// The position of a byte offset; an offset past the end or inside a
    /// character is taken back to the character's start.
    pub(super) fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character: usize = self
            .text
            .get(start..offset)
            .unwrap_or_default()
            .chars()
            .map(char::len_utf16)
            .sum();
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
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
        let Some(&start) = usize::try_from(position.line)
            .ok()
            .and_then(|line| self.starts.get(line))
        else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = self.text.get(start..end).unwrap_or_default();
        let line = line.trim_end_matches(['\n', '\r']);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units + c.len_utf16() > wanted {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line.len()
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
    }
}
