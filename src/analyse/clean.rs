//! The text the analysis reads: NFC-normalised, without the characters that
//! show nothing, and mapped back to the document's own bytes.
//!
//! Text pasted from macOS is often decomposed ("å" as "a" and a ring), and
//! text from the web and from word processors carries soft hyphens and
//! zero-width characters. Both hide a word from a rule: "for\u{ad}stå" and
//! "forsta\u{30a}" are "forstå" to a reader and not to a comparison of
//! bytes. The analysis reads the cleaned text; every span it makes is
//! mapped back, so that a finding points at, and quotes, what the document
//! holds.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Characters that show nothing and change no word: soft hyphen,
/// Mongolian vowel separator, zero-width space, non-joiner and joiner, word
/// joiner, the invisible operators and the zero-width no-break space.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    )
}

/// A piece of a document's text as the analysis reads it.
pub struct Cleaned<'a> {
    pub text: Cow<'a, str>,
    /// For each byte of `text`, the bytes of the document it stands for,
    /// relative to the piece; `None` when `text` is the piece itself.
    origins: Option<Vec<Range<usize>>>,
}

impl Cleaned<'_> {
    /// The bytes of the piece that `range` of the cleaned text stands for:
    /// always on the piece's character boundaries.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        let Some(origins) = &self.origins else {
            return range;
        };
        let start = origins.get(range.start).map_or(usize::MAX, |o| o.start);
        let end = range
            .end
            .checked_sub(1)
            .and_then(|last| origins.get(last))
            .map_or(start, |o| o.end);
        let start = start.min(end);
        start..end
    }
}

/// `piece` cleaned; borrowed, with no map, when it needs no change, as
/// nearly every text does.
pub fn clean(piece: &str) -> Cleaned<'_> {
    // Below U+0300 (every byte under 0xCC) no character combines or
    // decomposes, and the soft hyphen is the one invisible: Norwegian and
    // English text is decided without a lookup per character.
    let latin = || piece.bytes().all(|b| b < 0xCC) && !piece.contains('\u{ad}');
    let unchanged = piece.is_ascii()
        || latin()
        || (!piece.chars().any(is_invisible) && is_nfc_quick(piece.chars()) == IsNormalized::Yes);
    if unchanged {
        return Cleaned {
            text: Cow::Borrowed(piece),
            origins: None,
        };
    }
    let mut text = String::with_capacity(piece.len());
    let mut origins = Vec::with_capacity(piece.len());
    // A cluster is a character that combines with nothing before it and
    // the marks that follow it: NFC composes within it. (Hangul jamo and a
    // few scripts compose across such clusters; Norwegian and English text
    // does not.)
    let mut cluster = String::new();
    let mut cluster_span = 0..0;
    let mut flush = |cluster: &mut String, span: &Range<usize>| {
        for c in cluster.nfc() {
            text.push(c);
            origins.extend(std::iter::repeat_n(span.clone(), c.len_utf8()));
        }
        cluster.clear();
    };
    for (i, c) in piece.char_indices() {
        if is_invisible(c) {
            continue;
        }
        if canonical_combining_class(c) == 0 && !cluster.is_empty() {
            flush(&mut cluster, &cluster_span);
        }
        if cluster.is_empty() {
            cluster_span = i..i;
        }
        cluster.push(c);
        cluster_span.end = i + c.len_utf8();
    }
    flush(&mut cluster, &cluster_span);
    Cleaned {
        text: Cow::Owned(text),
        origins: Some(origins),
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    proptest::proptest! {
        /// The text read is the piece without its invisible characters,
        /// NFC-normalised, whichever way `clean` decides it needs no change:
        /// Latin letters, composed and decomposed, soft hyphens beside
        /// letters whose last byte is a soft hyphen's (í), and the edges of
        /// the combining range.
        #[test]
        fn the_cleaned_text_is_the_visible_text_normalised(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Z", " ", "æ", "ø", "å", "í", "\u{ad}", "\u{2ff}", "\u{300}", "\u{30a}",
                    "\u{301}", "\u{200b}", "\u{212b}", "\u{c5}", "–", "«", "\u{feff}",
                ]),
                0..10,
            )
        ) {
            use unicode_normalization::UnicodeNormalization;
            let piece = parts.concat();
            let visible: String = piece.chars().filter(|c| !super::is_invisible(*c)).collect();
            let expected: String = visible.nfc().collect();
            let cleaned = clean(&piece);
            proptest::prop_assert_eq!(cleaned.text.as_ref(), expected.as_str());
        }
    }

    #[test]
    fn hidden_and_decomposed_letters_read_as_the_word_they_show() {
        let piece = "kan for\u{ad}sta\u{30a} og\u{200b} x";
        let cleaned = clean(piece);
        assert_eq!(cleaned.text, "kan forstå og x");
        let word = cleaned.text.find("forstå").unwrap();
        let span = cleaned.original(word..word + "forstå".len());
        assert_eq!(&piece[span], "for\u{ad}sta\u{30a}");
        let og = cleaned.text.find("og").unwrap();
        assert_eq!(&piece[cleaned.original(og..og + 2)], "og");
        assert!(matches!(
            clean("forstå").text,
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
