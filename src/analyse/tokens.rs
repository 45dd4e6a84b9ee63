//! Words of a text, found at Unicode word boundaries, each with its source
//! span and the facts rules need about it.

use std::rc::Rc;

use super::lexicon::Lexicon;
use crate::parse::Text;
use crate::source::{SourceFile, Span};

#[derive(Debug, Clone)]
pub struct Word {
    /// Where the word is in the document.
    pub span: Span,
    /// The word in lower case.
    pub lower: Rc<str>,
    /// The form rules match on (see `Lexicon::normalise`).
    pub norm: Rc<str>,
    /// What the word is, as `lexicon::class` bits.
    pub class: u8,
    /// Inside quotation marks: a word mentioned, not used ("begrepet
    /// «forståelse»"), which phrase rules leave alone.
    pub quoted: bool,
    /// Capitalised but not at the start of a sentence: a name ("the book
    /// Understanding Media"), which phrase rules leave alone too.
    pub proper: bool,
    /// The first word of a sentence within the text.
    pub sentence_start: bool,
    /// A number, such as "2" in "Eurokode 2".
    pub numeric: bool,
    /// The index of the first word after the opening of the word's
    /// sentence ("Studenten skal kunne", "describe and"): where the
    /// outcome's own verb or noun stands. Kept in the word rather than in a
    /// list of its own, one allocation fewer for each outcome.
    pub head_end: u32,
}

/// The words of `text`, in order.
pub fn words(text: &Text, source: &SourceFile, lexicon: &Lexicon) -> Vec<Word> {
    // About a word for every seven bytes of prose: room made once, rather
    // than grown a word at a time.
    let bytes: usize = text.segments.iter().map(ExactSizeIterator::len).sum();
    let mut words = Vec::with_capacity(bytes / 7 + 4);
    let mut quoted = false;
    let mut sentence_start = true;
    for segment in &text.segments {
        // Words are read from the cleaned text; their spans are the
        // document's (see `clean`).
        let cleaned = super::clean::clean(source.slice(segment));
        for (offset, token) in super::segment::word_bounds(&cleaned.text) {
            let Some(first) = token.chars().next() else {
                continue;
            };
            if !token.chars().any(char::is_alphanumeric) {
                match token {
                    "«" | "“" | "„" | "‘" => quoted = true,
                    "»" | "”" => quoted = false,
                    "\"" => quoted = !quoted,
                    "’" if quoted => quoted = false,
                    _ => {}
                }
                // A colon introduces what follows ("by applying: a thorough
                // understanding …"); it does not start a sentence.
                if token.chars().any(|c| matches!(c, '.' | '!' | '?' | ';')) {
                    sentence_start = true;
                }
                continue;
            }
            let (lower, norm, class) = lexicon.forms(token);
            let original = cleaned.original(offset..offset + token.len());
            words.push(Word {
                span: segment.start + original.start..segment.start + original.end,
                class,
                lower,
                norm,
                quoted,
                proper: first.is_uppercase() && !sentence_start,
                sentence_start,
                numeric: token
                    .chars()
                    .all(|c| c.is_numeric() || matches!(c, '.' | ',')),
                head_end: 0,
            });
            sentence_start = false;
        }
    }
    // An outcome is kept for the whole run: a 10 MB file of one-word
    // outcomes held three times the room its words need.
    words.shrink_to_fit();
    words
}

impl Word {
    pub fn is(&self, bits: u8) -> bool {
        self.class & bits != 0
    }
}
