//! Who the outcomes are about. Whether a word names the learner ("Studenten",
//! "the candidate", "du") and how lub writes the learner itself are answered
//! here, once, from the `learner:` lists of `rules/lexicon/*.yaml`: the
//! parser (is this paragraph a lead-in?), the lead-in rule (one learner
//! throughout?) and render (the diploma's "Kandidaten") all ask this module,
//! and a new wording is a change to the data. The one tokeniser they share,
//! `words`, is here too.

use crate::lang::Lang;
use crate::source::Span;

/// The `learner:` words of one lexicon file.
struct Words {
    nouns: &'static [&'static str],
    determiners: &'static [&'static str],
    pronouns: &'static [&'static str],
    write: &'static str,
}

/// The learner words of each language, in `Lang::ALL` order, as build.rs
/// read them from the lexicons (and refused a lexicon without them).
const ALL: [Words; 3] = include!(concat!(env!("OUT_DIR"), "/learners.rs"));

fn any(word: &str, list: impl Fn(&Words) -> &'static [&'static str]) -> bool {
    ALL.iter().any(|w| list(w).contains(&word))
}

/// Whether a lower-case word names the learner, in any of the languages (a
/// pasted text may mix them).
pub fn is_noun(word: &str) -> bool {
    any(word, |w| w.nouns)
}

/// Whether a lower-case word is the pronoun of a page written to its reader
/// ("Etter å ha tatt emnet kan du:", "you will be able to").
pub fn is_pronoun(word: &str) -> bool {
    any(word, |w| w.pronouns)
}

/// Whether a lower-case word may stand before the learner noun: "the
/// candidate", "each student".
pub fn is_determiner(word: &str) -> bool {
    any(word, |w| w.determiners)
}

/// Whether a learner named `subject` ("studenten", "the candidate") is
/// named in the words of `lang`: the noun is one of that language's, and so
/// is its determiner. Bokmål and nynorsk count as one here, since a
/// learner word of either reads in both.
pub fn names_in(subject: &str, lang: Lang) -> bool {
    let fits = |words: &Words| {
        let mut parts = subject.split(' ').rev();
        let noun = parts.next().unwrap_or_default();
        words.nouns.contains(&noun) && parts.all(|d| words.determiners.contains(&d))
    };
    Lang::ALL
        .iter()
        .filter(|other| **other == lang || (other.is_norwegian() && lang.is_norwegian()))
        .any(|other| fits(&ALL[other.index()]))
}

/// The learner as lub names them where it writes a lead-in: in a skeleton,
/// a fix, a diploma.
pub fn written(lang: Lang) -> &'static str {
    let write = ALL[lang.index()].write;
    if write.is_empty() {
        if lang == Lang::En {
            "The candidate"
        } else {
            "Kandidaten"
        }
    } else {
        write
    }
}

/// The words of a text, lower case, with their byte spans: the one way the
/// parser, the lead-in rule and render split a lead-in or an outcome's
/// opening into words. A word is letters and digits, with inner hyphens.
pub fn words(text: &str, offset: usize) -> Vec<(String, Span)> {
    words_of(text, offset)
        .map(|(word, span)| (word.into_owned(), span))
        .collect()
}

/// The words of [`words`], one at a time: a lead-in's first word is found
/// without lowering the rest of its line, and a word in lower case already
/// is not copied.
pub fn words_of(
    text: &str,
    offset: usize,
) -> impl Iterator<Item = (std::borrow::Cow<'_, str>, Span)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    // The character at `i` and where the next begins: an ASCII byte is
    // taken as it is, any other character decoded. Lead-ins and openings
    // are nearly all ASCII, and are read for every outcome.
    let char_at = move |i: usize| -> Option<(char, usize)> {
        let byte = *bytes.get(i)?;
        if byte.is_ascii() {
            return Some((char::from(byte), i + 1));
        }
        let c = text.get(i..)?.chars().next()?;
        Some((c, i + c.len_utf8()))
    };
    std::iter::from_fn(move || {
        // To the first letter or digit: a hyphen there opens no word.
        let start = loop {
            let (c, next) = char_at(at)?;
            if c.is_alphanumeric() {
                break at;
            }
            at = next;
        };
        let mut end = start;
        let mut lower = true;
        while let Some((c, next)) = char_at(end) {
            if !(c.is_alphanumeric() || c == '-') {
                break;
            }
            lower &= is_own_lower_case(c);
            end = next;
        }
        // Past the character that ended the word, as the scan goes on from
        // there.
        at = char_at(end).map_or(end, |(_, next)| next);
        let word = text.get(start..end)?.trim_end_matches('-');
        let lower = if lower {
            std::borrow::Cow::Borrowed(word)
        } else {
            std::borrow::Cow::Owned(word.to_lowercase())
        };
        Some((lower, offset + start..offset + start + word.len()))
    })
}

/// Whether a character is its own lower case: not only capitals have
/// another ("ǅ" is "ǆ").
fn is_own_lower_case(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_uppercase();
    }
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_learner_comes_from_the_lexicons() {
        assert!(is_noun("studentane") && is_noun("kandidatene") && is_noun("students"));
        assert!(is_pronoun("du") && is_pronoun("you"));
        assert!(is_determiner("the") && !is_noun("the"));
        assert_eq!(written(Lang::Nn), "Kandidaten");
        assert_eq!(written(Lang::En), "The candidate");
        assert!(names_in("studentane", Lang::Nb) && names_in("kandidaten", Lang::Nn));
        assert!(names_in("the candidate", Lang::En) && !names_in("the candidate", Lang::Nb));
        assert!(!names_in("kandidaten", Lang::En));
    }

    #[test]
    fn words_keep_inner_hyphens_and_their_spans() {
        let text = "Kandidaten kan: IPv6-adresser, og – mer";
        let got = words(text, 10);
        let texts: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(texts, ["kandidaten", "kan", "ipv6-adresser", "og", "mer"]);
        assert_eq!(
            &text[got[2].1.start - 10..got[2].1.end - 10],
            "IPv6-adresser"
        );
    }

    /// The words as lub read them before it read ASCII a byte at a time:
    /// one character at a time, a hyphen inside a word only.
    fn words_by_characters(text: &str) -> Vec<(String, Span)> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            let inner = c.is_alphanumeric() || c == '-' && start.is_some();
            match (start, inner) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    let word = text[s..i].trim_end_matches('-');
                    out.push((word.to_lowercase(), s..s + word.len()));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    proptest::proptest! {
        /// The same words, spans and lower case as read one character at a
        /// time, whatever the mix of ASCII and other letters.
        #[test]
        fn words_are_those_read_character_by_character(
            text in "[aZ09 ,.:;'æÆøØé–İẞⅠ\\t-]{0,40}"
        ) {
            let ours: Vec<(String, Span)> = words(&text, 0);
            proptest::prop_assert_eq!(ours, words_by_characters(&text));
        }

        /// A word is its text in lower case, whether or not it was copied.
        #[test]
        fn a_word_is_its_text_in_lower_case(text in "[aZæÆøØ ΣσςǅǆİıẞßⅠⅰ-]{0,30}") {
            for (word, span) in words_of(&text, 0) {
                proptest::prop_assert_eq!(&*word, text[span].to_lowercase());
            }
        }
    }
}
