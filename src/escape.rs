//! Escaping: HTML for every page and fragment lub writes (the Diploma text,
//! the catalogue report, the HTML that `import` rebuilds from raw FS
//! markup), and what every stream a person or a CI log reads needs: no
//! control character or escape sequence printed raw.

/// Escapes `text` for element content and quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    html_into(&mut out, text);
    out
}

/// `html`, appended to `out`.
pub fn html_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// How a character that must not reach a terminal or a CI log raw is
/// written instead, or `None` for one that may. Control characters move
/// the cursor, end a line (and so start a workflow command GitHub obeys)
/// or begin an escape sequence that sets the window title or clears the
/// screen; the bidirectional overrides make a line read in another order
/// than it is; the line and paragraph separators end a line in some
/// viewers. `keep_lines` lets line breaks and tabs through, for blocks of
/// text whose lines are meant.
fn visible_form(c: char, keep_lines: bool) -> Option<String> {
    match c {
        '\n' | '\t' if keep_lines => None,
        '\n' => Some("\\n".to_string()),
        '\r' => Some("\\r".to_string()),
        '\t' => Some("\\t".to_string()),
        '\u{0}'..='\u{1f}' | '\u{7f}' => Some(format!("\\x{:02x}", u32::from(c))),
        '\u{80}'..='\u{9f}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(format!("\\u{{{:x}}}", u32::from(c))),
        _ => None,
    }
}

/// Where the first character `visible_form` writes out starts, found on the
/// bytes: every such character is a control byte or starts with 0xC2 (C1
/// codes) or 0xE2 (line separators, bidi controls), which most text has
/// few of, while a search by characters costs every run its whole output.
fn first_escaped(text: &str, keep_lines: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    // The bytes that can start such a character; every other is skipped
    // with one look in the table. 0xC2 and 0xE2 are never the middle of a
    // character in UTF-8, nor is a byte below 0x80.
    static LEADS: [bool; 256] = {
        let mut leads = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            leads[b] = true;
            b += 1;
        }
        leads[0x7f] = true;
        leads[0xc2] = true;
        leads[0xe2] = true;
        leads
    };
    let at = |i: usize| bytes.get(i).copied();
    let escaped = |i: usize| {
        let b = bytes[i];
        LEADS[usize::from(b)]
            && match b {
                b'\n' | b'\t' => !keep_lines,
                b'\r' => !(keep_lines && at(i + 1) == Some(b'\n')),
                // C1 controls.
                0xc2 => matches!(at(i + 1), Some(0x80..=0x9f)),
                // U+2028 to U+202E, U+2066 to U+2069.
                0xe2 => matches!(
                    (at(i + 1), at(i + 2)),
                    (Some(0x80), Some(0xa8..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
                ),
                _ => true,
            }
    };
    // Eight bytes at a time: each byte that may begin such a character (a
    // control byte, DEL, 0xC2 or 0xE2) sets the top bit of its own byte of
    // `leads`, and only those are looked at. A byte above one that is set
    // may be set too, which `escaped` then refuses; none is ever missed.
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES * 0x80;
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut start = 0;
    for chunk in chunks.by_ref() {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let mut leads = (x.wrapping_sub(ONES * 0x20) & !x & HIGHS)
            | zero_bytes(x ^ (ONES * 0x7f))
            | zero_bytes(x ^ (ONES * 0xc2))
            | zero_bytes(x ^ (ONES * 0xe2));
        while leads != 0 {
            let at = start + (leads.trailing_zeros() / 8) as usize;
            if escaped(at) {
                return Some(at);
            }
            leads &= leads - 1;
        }
        start += 8;
    }
    (start..bytes.len()).find(|&i| escaped(i))
}

fn visible_with(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    // A CRLF line break is a line break, in a block of lines.
    let shown_raw = |i: usize, c: char| {
        visible_form(c, keep_lines).is_none()
            || (keep_lines && c == '\r' && text.as_bytes().get(i + 1) == Some(&b'\n'))
    };
    let Some(first) = first_escaped(text, keep_lines) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for (i, c) in text[first..].char_indices() {
        match visible_form(c, keep_lines) {
            Some(form) if !shown_raw(first + i, c) => out.push_str(&form),
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `text` as one line that is safe to print: a name or a quote from a
/// document, with every control character written out (`\n`, `\x1b`).
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    visible_with(text, false)
}

/// `visible`, keeping line breaks and tabs: for a block of lines.
pub fn visible_lines(text: &str) -> std::borrow::Cow<'_, str> {
    visible_with(text, true)
}

/// A name as a `path:line:col:` line shows it: visible, and with its own
/// `:` written `\x3a`, so that a problem matcher splitting on `:` finds the
/// whole name.
pub fn visible_name_field(name: &str) -> String {
    visible(name).replace(':', "\\x3a")
}

/// Everything written through it reaches `inner` as `visible_lines` makes
/// it: the last guard of every stream that a person or a CI log reads, so
/// that no printer can let an escape sequence through. Bytes that are not
/// UTF-8 are written `\xNN`; a character cut between two writes is held
/// until its end arrives.
pub struct VisibleWriter<W: std::io::Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: std::io::Write> VisibleWriter<W> {
    pub fn new(inner: W) -> Self {
        VisibleWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn write_visible(&mut self, text: &str) -> std::io::Result<()> {
        self.inner.write_all(visible_lines(text).as_bytes())
    }
}

impl<W: std::io::Write> std::io::Write for VisibleWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Nearly every write is whole characters: it goes through without
        // being gathered first.
        if self.pending.is_empty()
            && let Ok(text) = std::str::from_utf8(buf)
            && !text.ends_with('\r')
        {
            self.write_visible(text)?;
            return Ok(buf.len());
        }
        self.pending.extend_from_slice(buf);
        let mut pending = std::mem::take(&mut self.pending);
        let mut rest = pending.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    // A `\r` at the end may be the first half of a CRLF.
                    let whole = text.strip_suffix('\r').unwrap_or(text);
                    self.write_visible(whole)?;
                    rest = &rest[whole.len()..];
                    break;
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    // `valid` is UTF-8 by the error's own account.
                    self.write_visible(std::str::from_utf8(valid).unwrap_or_default())?;
                    match error.error_len() {
                        Some(bad) => {
                            for byte in after.iter().take(bad) {
                                write!(self.inner, "\\x{byte:02x}")?;
                            }
                            rest = after.get(bad..).unwrap_or_default();
                        }
                        None => {
                            // A character cut short: wait for its end.
                            rest = after;
                            break;
                        }
                    }
                }
            }
        }
        let kept = rest.to_vec();
        pending.clear();
        pending.extend_from_slice(&kept);
        self.pending = pending;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }

    /// Text that comes formatted is whole characters already: it goes
    /// through without being checked to be UTF-8 first.
    fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) -> std::io::Result<()> {
        struct Formatted<'a, W: std::io::Write> {
            writer: &'a mut VisibleWriter<W>,
            error: std::io::Result<()>,
        }
        impl<W: std::io::Write> std::fmt::Write for Formatted<'_, W> {
            fn write_str(&mut self, text: &str) -> std::fmt::Result {
                use std::io::Write as _;
                let written = if self.writer.pending.is_empty() && !text.ends_with('\r') {
                    self.writer.write_visible(text)
                } else {
                    self.writer.write_all(text.as_bytes())
                };
                written.map_err(|error| {
                    self.error = Err(error);
                    std::fmt::Error
                })
            }
        }
        let mut formatted = Formatted {
            writer: self,
            error: Ok(()),
        };
        match std::fmt::write(&mut formatted, args) {
            Ok(()) => Ok(()),
            Err(_) => formatted
                .error
                .and(Err(std::io::Error::other("a value could not be formatted"))),
        }
    }
}

impl<W: std::io::Write> Drop for VisibleWriter<W> {
    fn drop(&mut self) {
        // A stream that ended inside a character: its bytes, shown.
        for byte in std::mem::take(&mut self.pending) {
            let _ = write!(self.inner, "\\x{byte:02x}");
        }
        let _ = self.inner.flush();
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    proptest::proptest! {
        /// The search on bytes finds what a search by characters finds.
        #[test]
        fn the_first_escaped_character_is_found_on_the_bytes(
            text in "[a-zæøå «»“”\n\r\t\u{1b}\u{7f}\u{80}\u{85}\u{9f}\u{a0}\u{c0}\u{2027}\u{2028}\u{2029}\u{202a}\u{202e}\u{202f}\u{2065}\u{2066}\u{2069}\u{206a}\u{2013}\u{20ac}\u{2500}]{0,40}(ab~ {0,9}[a-z\n\t\u{1b}\u{1f}\u{7f}]){0,9}",
            keep_lines: bool,
        ) {
            let by_chars = text.char_indices().find(|&(i, c)| {
                super::visible_form(c, keep_lines).is_some()
                    && !(keep_lines && c == '\r' && text.as_bytes().get(i + 1) == Some(&b'\n'))
            });
            proptest::prop_assert_eq!(super::first_escaped(&text, keep_lines), by_chars.map(|(i, _)| i));
        }
    }

    #[test]
    fn control_characters_are_written_out() {
        assert_eq!(
            super::visible("a\n::warning::x\u{1b}]0;t\u{7}\u{202e}b"),
            "a\\n::warning::x\\x1b]0;t\\x07\\u{202e}b"
        );
        assert_eq!(super::visible_lines("a\r\n\tb\r"), "a\r\n\tb\\r");
        assert_eq!(super::visible("a\r\n"), "a\\r\\n");
        assert_eq!(
            super::visible_name_field("c:\\a.lub.md"),
            "c\\x3a\\a.lub.md"
        );
    }

    #[test]
    fn the_writer_holds_a_character_cut_between_writes() {
        let mut out = Vec::new();
        {
            let mut writer = super::VisibleWriter::new(&mut out);
            let bytes = "æ\u{1b}[2J\u{85}".as_bytes();
            for byte in bytes {
                writer.write_all(std::slice::from_ref(byte)).unwrap();
            }
            writer.write_all(b"\xff\r").unwrap();
            writer.write_all(b"\n\r").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "æ\\x1b[2J\\u{85}\\xff\r\n\\x0d"
        );
    }

    proptest::proptest! {
        /// Formatted text reaches the stream as the same text written as
        /// bytes does, whatever was cut between the writes before it.
        #[test]
        fn formatted_text_is_shown_as_its_bytes_are(
            writes in proptest::collection::vec(
                (proptest::bool::ANY, "[a-zæ\r\n\t\u{1b}\u{85}\u{2028}│]{0,12}", 0usize..4),
                0..8,
            ),
        ) {
            let shown = |formatted: bool| {
                let mut out = Vec::new();
                {
                    let mut writer = super::VisibleWriter::new(&mut out);
                    for (as_text, text, cut) in &writes {
                        // A write of bytes may end inside a character.
                        let bytes = text.as_bytes();
                        let cut = bytes.len().saturating_sub(*cut);
                        if formatted && *as_text {
                            write!(writer, "{text}").unwrap();
                        } else {
                            writer.write_all(&bytes[..cut]).unwrap();
                            writer.write_all(&bytes[cut..]).unwrap();
                        }
                    }
                }
                out
            };
            proptest::prop_assert_eq!(shown(true), shown(false));
        }
    }
}
