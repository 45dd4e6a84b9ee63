//! Word data per language (`rules/lexicon/*.yaml`) and the one function that
//! turns a word into the form rules match on: `Lexicon::normalise`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::inflect::FRAMEWORK_ENDINGS;
use crate::lang::Lang;

/// The Bloom levels of the revised taxonomy, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bloom {
    Remember,
    Understand,
    Apply,
    Analyse,
    Evaluate,
    Create,
}

/// A lexicon file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LexiconFile {
    pub lang: Lang,
    pub forms: BTreeMap<String, Vec<String>>,
    pub conjunctions: Vec<String>,
    pub stopwords: Vec<String>,
    pub lead: Vec<String>,
    pub framework: Vec<String>,
    pub verbs: BTreeMap<Bloom, Vec<String>>,
    /// Read by `crate::learner`, which every stage asks who the learner is.
    #[allow(dead_code)]
    pub learner: serde::de::IgnoredAny,
}

/// What a normalised word is, as bits: one lookup answers every question a
/// rule asks of a word.
pub mod class {
    /// A function word ("og", "the").
    pub const STOP: u8 = 1;
    /// A word that opens an outcome before its verb ("skal", "kunne").
    pub const LEAD: u8 = 2;
    /// A word of the framework that names no subject ("relevante").
    pub const FRAMEWORK: u8 = 4;
    /// One of the listed verbs, by its normalised form.
    pub const VERB: u8 = 8;
    /// "og", "and": joins two verbs of one outcome.
    pub const CONJUNCTION: u8 = 16;
    /// Who the outcomes are about ("studenten", "candidates").
    pub const LEARNER: u8 = 32;
}

/// The lexicon of one language, ready to use: every set holds normalised
/// forms.
pub struct Lexicon {
    pub lang: Lang,
    /// Word form → key, for the forms Snowball does not join.
    forms: FxHashMap<String, String>,
    stemmer: Stemmer,
    /// Normalised word → its `class` bits.
    classes: FxHashMap<String, u8>,
    pub verbs: FxHashMap<String, Bloom>,
    /// The verbs as listed (infinitives), lower case, unnormalised: "forklare"
    /// but not "forklarer".
    pub infinitives: FxHashSet<String>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

/// A word as rules see it: lower case, normalised, and its `class` bits.
pub(super) type Forms = (Rc<str>, Rc<str>, u8);

/// Refuses a lexicon file that lists one form under two keys: which would
/// win is a guess.
pub(crate) fn check_forms(file: &LexiconFile) -> Result<(), String> {
    let mut seen: FxHashMap<String, &str> = FxHashMap::default();
    for (key, forms) in &file.forms {
        for form in forms.iter().chain(std::iter::once(key)) {
            match seen.insert(form.to_lowercase(), key) {
                Some(other) if other != key => {
                    return Err(format!(
                        "the form «{form}» is listed under both «{other}» and «{key}»"
                    ));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Words and their Snowball stems, sorted by word: `text` holds each word
/// followed by its stem, and `table` says where (`(offset, word length,
/// stem length)`).
pub(super) struct Stems {
    text: &'static str,
    table: &'static [(u32, u16, u16)],
}

impl Stems {
    /// The stem of `word`, if build.rs stemmed it.
    fn get(&self, word: &str) -> Option<&'static str> {
        let text = self.text;
        let word_at = |&(at, len, _): &(u32, u16, u16)| {
            let at = at as usize;
            text.get(at..at + usize::from(len)).unwrap_or_default()
        };
        let found = self.table.binary_search_by(|e| word_at(e).cmp(word)).ok()?;
        let &(at, len, stem_len) = self.table.get(found)?;
        let from = at as usize + usize::from(len);
        text.get(from..from + usize::from(stem_len))
    }
}

/// The stems of every word of lub's data files (see build.rs).
mod built {
    use super::Stems;
    include!(concat!(env!("OUT_DIR"), "/stems.rs"));
}

thread_local! {
    /// Each written word's forms, per thread and language: a catalogue
    /// repeats the same few thousand words, and stemming is the costly step.
    static WORDS: RefCell<[FxHashMap<Box<str>, Forms>; 3]> = RefCell::new(Default::default());
}

/// A cache is dropped when it grows past this, so memory stays bounded
/// whatever the input.
const CACHE_LIMIT: usize = 100_000;

impl Lexicon {
    /// Builds a lexicon; `check_forms` has refused a file whose forms are
    /// ambiguous, so where a form is listed twice the first key stands.
    pub(crate) fn new(file: &LexiconFile) -> Lexicon {
        let stemmer = Stemmer::create(match file.lang {
            Lang::En => Algorithm::English,
            Lang::Nb | Lang::Nn => Algorithm::Norwegian,
        });
        let mut lexicon = Lexicon {
            lang: file.lang,
            forms: FxHashMap::default(),
            stemmer,
            classes: FxHashMap::default(),
            verbs: FxHashMap::default(),
            infinitives: FxHashSet::default(),
        };
        for (key, forms) in &file.forms {
            for form in forms.iter().chain(std::iter::once(key)) {
                lexicon
                    .forms
                    .entry(form.to_lowercase())
                    .or_insert_with(|| key.clone());
            }
        }
        // Framework words are listed in one form; their regular inflections
        // ("sentralt", "effectively") must not pass for subject words.
        let inflected: Vec<String> = file
            .framework
            .iter()
            .flat_map(|w| FRAMEWORK_ENDINGS.map(|suffix| format!("{w}{suffix}")))
            .collect();
        let learners: Vec<String> = crate::learner::nouns(file.lang).to_vec();
        let mut verbs: Vec<String> = Vec::new();
        for (level, listed) in &file.verbs {
            for verb in listed {
                let lower = verb.to_lowercase();
                let norm = lexicon.normalise_uncached(&lower).into_owned();
                lexicon.verbs.entry(norm).or_insert(*level);
                verbs.push(lower.clone());
                lexicon.infinitives.insert(lower);
            }
        }
        for (words, bit) in [
            (&file.stopwords, class::STOP),
            (&file.lead, class::LEAD),
            (&inflected, class::FRAMEWORK),
            (&verbs, class::VERB),
            (&file.conjunctions, class::CONJUNCTION),
            (&learners, class::LEARNER),
        ] {
            for word in words {
                let lower = word.to_lowercase();
                let norm = lexicon.normalise_uncached(&lower).into_owned();
                *lexicon.classes.entry(norm).or_default() |= bit;
            }
        }
        lexicon
    }

    /// The form a rule matches `lower` (a lower-case word) on: its key in
    /// `forms`, else its Snowball stem.
    pub fn normalise(&self, lower: &str) -> Rc<str> {
        self.forms(lower).1
    }

    /// `normalise` for a word of lub's own data, read once at start: not
    /// kept in the cache of a text's words.
    pub(super) fn normalise_uncached<'a>(&'a self, lower: &'a str) -> std::borrow::Cow<'a, str> {
        use std::borrow::Cow;
        match self.forms.get(lower) {
            Some(key) => Cow::Borrowed(key.as_str()),
            None => match self.built_stems().get(lower) {
                Some(stem) => Cow::Borrowed(stem),
                None => self.stemmer.stem(lower),
            },
        }
    }

    /// The lower-case and normalised forms of a written word.
    pub fn forms(&self, written: &str) -> Forms {
        WORDS.with(|caches| {
            if let Some(found) = caches.borrow()[self.lang.index()].get(written) {
                return found.clone();
            }
            let lower = written.to_lowercase();
            let forms = self.forms_of_lower(&lower);
            let mut caches = caches.borrow_mut();
            let cache = &mut caches[self.lang.index()];
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(written.into(), forms.clone());
            forms
        })
    }

    fn forms_of_lower(&self, lower: &str) -> Forms {
        let written: Rc<str> = Rc::from(lower);
        let norm = self.normalise_uncached(lower);
        let norm = &*norm;
        // A word that is its own stem (a name, a number, a code) shares one
        // allocation: a file of a million such words held two of each.
        let norm = if norm == lower {
            Rc::clone(&written)
        } else {
            Rc::from(norm)
        };
        let class = self.class(&norm);
        (written, norm, class)
    }

    /// The stems build.rs computed for this language's algorithm.
    fn built_stems(&self) -> &'static Stems {
        match self.lang {
            Lang::En => &built::ENGLISH,
            Lang::Nb | Lang::Nn => &built::NORWEGIAN,
        }
    }

    /// The `class` bits of a normalised word.
    pub fn class(&self, norm: &str) -> u8 {
        self.classes.get(norm).copied().unwrap_or(0)
    }

    pub fn is(&self, norm: &str, bits: u8) -> bool {
        self.class(norm) & bits != 0
    }

    /// Whether a lower-case written word is one of the listed verbs, or a
    /// regular inflection of one ("forklarer", "forklarte"; "explains",
    /// "planned", "designing").
    pub fn is_verb_form(&self, lower: &str) -> bool {
        if self.infinitives.contains(lower) {
            return true;
        }
        let suffixes: &[&str] = match self.lang {
            Lang::En => &["s", "es", "d", "ed", "ing"],
            Lang::Nb | Lang::Nn => &["r", "er", "te", "t", "de", "dd", "et", "s"],
        };
        for suffix in suffixes {
            let Some(stem) = lower.strip_suffix(suffix) else {
                continue;
            };
            if self.infinitives.contains(stem) || self.infinitives.contains(&format!("{stem}e")) {
                return true;
            }
            // "planned", "planning": the final consonant doubled.
            let mut last = stem.chars().rev();
            if let (Some(a), Some(b)) = (last.next(), last.next())
                && a == b
                && self
                    .infinitives
                    .contains(&stem[..stem.len() - a.len_utf8()])
            {
                return true;
            }
        }
        false
    }
    /// Whether a lower-case word is a modal an outcome or a lead-in ends or
    /// opens with ("kan", "skal", "can", "will").
    pub fn is_modal(&self, lower: &str) -> bool {
        Self::modal_of(lower, self.lang)
    }

    /// `is_modal`, for the modals of `lang`.
    pub fn modal_of(lower: &str, lang: Lang) -> bool {
        let modals: &[&str] = match lang {
            Lang::En => &["can", "will", "should", "must", "may"],
            Lang::Nb | Lang::Nn => &["kan", "skal", "kunne", "vil", "må", "bør"],
        };
        modals.contains(&lower)
    }

    /// Whether a lower-case word is a verb in the present tense, which
    /// cannot follow a modal: "har", "er", "forklarer", "has", "is",
    /// "explains".
    pub fn is_present_tense(&self, lower: &str) -> bool {
        let common: &[&str] = match self.lang {
            Lang::En => &[
                "has",
                "is",
                "are",
                "knows",
                "understands",
                "possesses",
                "shows",
                "demonstrates",
            ],
            Lang::Nb | Lang::Nn => &[
                "har",
                "er",
                "kjenner",
                "viser",
                "forstår",
                "behersker",
                "innehar",
            ],
        };
        if common.contains(&lower) {
            return true;
        }
        let ending = if self.lang == Lang::En { 's' } else { 'r' };
        lower.ends_with(ending) && !self.infinitives.contains(lower) && self.is_verb_form(lower)
    }

    /// Whether an outcome that opens with `lower` has a verb of its own
    /// ("kan forklare …", "har bred kunnskap …"), rather than continuing a
    /// lead-in that ends in one.
    pub fn opens_with_own_verb(&self, lower: &str) -> bool {
        self.is_modal(lower) || self.is_present_tense(lower)
    }
}

#[cfg(test)]
mod tests {
    use super::{Stems, built};
    use rust_stemmers::{Algorithm, Stemmer};

    fn entries(stems: &Stems) -> Vec<(&'static str, &'static str)> {
        stems
            .table
            .iter()
            .map(|&(at, len, stem_len)| {
                let (at, len, stem_len) = (at as usize, usize::from(len), usize::from(stem_len));
                (
                    &stems.text[at..at + len],
                    &stems.text[at + len..at + len + stem_len],
                )
            })
            .collect()
    }

    /// A table stemmed by another version of the stemmer would make a word
    /// of the data files match differently from the same word in a text.
    #[test]
    fn the_stems_built_in_are_the_stemmers_own() {
        for (stems, algorithm) in [
            (&built::ENGLISH, Algorithm::English),
            (&built::NORWEGIAN, Algorithm::Norwegian),
        ] {
            let stemmer = Stemmer::create(algorithm);
            let entries = entries(stems);
            assert!(entries.len() > 1000, "{} words", entries.len());
            for (word, stem) in entries {
                assert_eq!(stems.get(word), Some(stem));
                assert_eq!(&*stemmer.stem(word), stem, "{word}");
            }
        }
        assert_eq!(built::NORWEGIAN.get("forklare"), Some("forklar"));
        assert_eq!(built::ENGLISH.get("not-a-word-of-the-data"), None);
    }
}
