//! Word boundaries as Unicode defines them (UAX #29), found fast for the
//! text lub nearly always reads: letters of the Latin-1 range, digits,
//! spaces and common punctuation. Any other character sends the whole text
//! to `unicode-segmentation`, whose tables know every script; a test holds
//! the two to the same boundaries.

use unicode_segmentation::UnicodeSegmentation;

/// The word-break property of a character, for the characters the fast
/// path knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    Letter,
    Digit,
    /// `:`: joins letters ("a:b").
    MidLetter,
    /// `,` `;`: join digits ("1,5").
    MidNum,
    /// `.` `'` `‘` `’`: join letters and digits alike ("don't", "2.5").
    MidNumLet,
    /// `_`: joins whatever letters and digits stand on either side.
    ExtendNumLet,
    Space,
    Cr,
    Lf,
    Other,
}

const fn property(c: char) -> Option<Break> {
    Some(match c {
        'a'..='z' | 'A'..='Z' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ' => Break::Letter,
        '0'..='9' => Break::Digit,
        ':' => Break::MidLetter,
        ',' | ';' => Break::MidNum,
        '.' | '\'' | '‘' | '’' => Break::MidNumLet,
        '_' => Break::ExtendNumLet,
        ' ' => Break::Space,
        '\r' => Break::Cr,
        '\n' => Break::Lf,
        '\t' | '!' | '"' | '#' | '$' | '%' | '&' | '(' | ')' | '*' | '+' | '-' | '/' | '<'
        | '=' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '`' | '{' | '|' | '}' | '~' | '«'
        | '»' | '§' | '°' | '“' | '”' | '„' | '–' | '—' | '•' => Break::Other,
        _ => return None,
    })
}

/// The text cut at every word boundary, each piece with its byte offset:
/// what `split_word_bound_indices` gives. A piece at a time: a run of
/// spaces, a line break, a word (letters, digits and `_`, and the marks
/// UAX #29 lets stand between two letters or two digits), or any other
/// character alone.
pub(crate) fn word_bounds(text: &str) -> Vec<(usize, &str)> {
    let tables = || text.split_word_bound_indices().collect();
    let bytes = text.as_bytes();
    // The class of the character at `at` (`None` for one the fast path
    // does not know), and where the next begins; an ASCII byte is looked
    // up in a table, any other character decoded.
    let class_at = |at: usize| -> (Option<Break>, usize) {
        match bytes.get(at) {
            Some(&b) if b < 0x80 => (ASCII[usize::from(b)], at + 1),
            _ => match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (property(c), at + c.len_utf8()),
                None => (None, at),
            },
        }
    };
    // About a word and a space for every six bytes of prose.
    let mut pieces = Vec::with_capacity(text.len() / 3 + 1);
    let mut start = 0;
    while start < bytes.len() {
        let (Some(class), mut end) = class_at(start) else {
            return tables();
        };
        match class {
            Break::Space => {
                while bytes.get(end) == Some(&b' ') {
                    end += 1;
                }
            }
            Break::Cr if bytes.get(end) == Some(&b'\n') => end += 1,
            Break::Letter | Break::Digit | Break::ExtendNumLet => {
                let mut last = class;
                loop {
                    // ASCII letters and digits join whatever stands around
                    // them: a run of them is crossed at once.
                    let run = end;
                    while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                        end += 1;
                    }
                    if end > run {
                        last = if bytes.get(end - 1).is_some_and(u8::is_ascii_digit) {
                            Break::Digit
                        } else {
                            Break::Letter
                        };
                    }
                    if end >= bytes.len() {
                        break;
                    }
                    let (next, after) = class_at(end);
                    let Some(next) = next else {
                        return tables();
                    };
                    match next {
                        Break::Letter | Break::Digit | Break::ExtendNumLet => {
                            last = next;
                            end = after;
                        }
                        Break::MidLetter | Break::MidNum | Break::MidNumLet => {
                            // Joined only between two letters or two digits.
                            let following = match class_at(after) {
                                (Some(following), _) => following,
                                (None, _) if after >= bytes.len() => break,
                                (None, _) => return tables(),
                            };
                            let between_letters = last == Break::Letter
                                && following == Break::Letter
                                && matches!(next, Break::MidLetter | Break::MidNumLet);
                            let between_digits = last == Break::Digit
                                && following == Break::Digit
                                && matches!(next, Break::MidNum | Break::MidNumLet);
                            if !(between_letters || between_digits) {
                                break;
                            }
                            end = after;
                        }
                        _ => break,
                    }
                }
            }
            _ => {}
        }
        // Both ends stand between characters; were one not to, the tables
        // cut the text rather than a slice panic.
        let Some(piece) = text.get(start..end) else {
            return tables();
        };
        pieces.push((start, piece));
        start = end;
    }
    pieces
}

/// `property` of every ASCII character, looked up.
static ASCII: [Option<Break>; 128] = {
    let mut table = [None; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = property(b as u8 as char);
        b += 1;
    }
    table
};

/// The words among the pieces: what `unicode_words` gives.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    word_bounds(text)
        .into_iter()
        .map(|(_, piece)| piece)
        .filter(|piece| piece.chars().any(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn unicode(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    #[test]
    fn cuts_where_unicode_does() {
        for text in [
            "",
            "Studenten kan forklare sentrale begreper.",
            "don't stop: a:b e.g. 2.5 1,5 3;4 v2 x_y _a a_ 12.a a.1",
            "«forståelse» – “word” ‘x’ don’t • § 3 °C",
            "a  b\t\tc\r\nd\n\re",
            "...a..b::c,,1,,2",
            "Æøå ÆØÅ æøå ß ÿ",
        ] {
            assert_eq!(word_bounds(text), unicode(text), "{text:?}");
        }
    }

    #[test]
    fn other_scripts_go_to_the_tables() {
        let text = "Greek λόγος and a soft\u{ad}hyphen, e\u{301}";
        assert_eq!(word_bounds(text), unicode(text));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Every arrangement of the characters the fast path knows, and a
        /// few it does not, cut as the tables cut it.
        #[test]
        fn the_fast_path_agrees_with_the_tables(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "B", "å", "Ø", "é", "ß", "1", "9", ":", ",", ";", ".", "'", "‘",
                    "’", "_", " ", "\r", "\n", "\t", "-", "\"", "«", "»", "“", "”", "–",
                    "(", ")", "/", "•", "§", "°", "\u{ad}", "λ", "\u{301}", "\u{a0}",
                ]),
                0..24,
            ).prop_map(|pieces| pieces.concat())
        ) {
            prop_assert_eq!(word_bounds(&text), unicode(&text));
            let words: Vec<&str> = words(&text).collect();
            let theirs: Vec<&str> = text.unicode_words().collect();
            prop_assert_eq!(words, theirs);
        }
    }
}
