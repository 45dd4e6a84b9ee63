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

/// Whether UAX #29 keeps `before` and `after` in one segment, given the
/// character before `before` and the one after `after`.
fn joined(earlier: Option<Break>, before: Break, after: Break, later: Option<Break>) -> bool {
    use Break::*;
    let mid_letter = |b: Break| matches!(b, MidLetter | MidNumLet);
    let mid_num = |b: Break| matches!(b, MidNum | MidNumLet);
    match (before, after) {
        (Cr, Lf) => true,
        (Cr | Lf, _) | (_, Cr | Lf) => false,
        (Space, Space) => true,
        (Letter | Digit, Letter | Digit) => true,
        (Letter, m) if mid_letter(m) => later == Some(Letter),
        (m, Letter) if mid_letter(m) => earlier == Some(Letter),
        (Digit, m) if mid_num(m) => later == Some(Digit),
        (m, Digit) if mid_num(m) => earlier == Some(Digit),
        (Letter | Digit | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, Letter | Digit) => true,
        _ => false,
    }
}

/// The text cut at every word boundary, each piece with its byte offset:
/// what `split_word_bound_indices` gives. One pass, with the two characters
/// before each and the one after it in hand.
pub(crate) fn word_bounds(text: &str) -> Vec<(usize, &str)> {
    let tables = || text.split_word_bound_indices().collect();
    let bytes = text.as_bytes();
    // The class of the character at `at`, and where the next begins; an
    // ASCII byte is looked up in a table, any other character decoded.
    let class_at = |at: usize| -> Option<(Break, usize)> {
        let b = *bytes.get(at)?;
        if b < 0x80 {
            return Some((ASCII[usize::from(b)]?, at + 1));
        }
        let c = text.get(at..)?.chars().next()?;
        Some((property(c)?, at + c.len_utf8()))
    };
    if text.is_empty() {
        return Vec::new();
    }
    let Some(mut next) = class_at(0) else {
        return tables();
    };
    // About a word and a space for every six bytes of prose.
    let mut pieces = Vec::with_capacity(text.len() / 3 + 1);
    let mut earlier: Option<Break> = None;
    let mut before: Option<Break> = None;
    let mut start = 0;
    let mut at = 0;
    loop {
        let (current, after) = next;
        let following = if after < bytes.len() {
            match class_at(after) {
                Some(following) => Some(following),
                None => return tables(),
            }
        } else {
            None
        };
        if let Some(before) = before
            && !joined(earlier, before, current, following.map(|(b, _)| b))
        {
            pieces.push((start, &text[start..at]));
            start = at;
        }
        earlier = before;
        before = Some(current);
        match following {
            Some(following) => {
                next = following;
                at = after;
            }
            None => break,
        }
        // ASCII letters and digits join each other whatever stands around
        // them: a run of them is crossed to its last character, which is
        // then checked as any other.
        if matches!(current, Break::Letter | Break::Digit) {
            let mut end = at;
            while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                end += 1;
            }
            if end >= at + 2 {
                let class = |i: usize| ASCII[usize::from(bytes[i])];
                before = class(end - 2);
                next = (class(end - 1).unwrap_or(Break::Letter), end);
                at = end - 1;
            }
        }
    }
    pieces.push((start, &text[start..]));
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
