//! Word data per language (`rules/lexicon/*.yaml`) and the one function that
//! turns a word into the form rules match on: `Lexicon::normalise`.

use std::cell::RefCell;
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use serde::Deserialize;

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

pub(crate) use super::lexicon_tables::class;

/// The lexicon of one language, ready to use: its tables as build.rs wrote
/// them, every word in them normalised, and its stemmer.
pub struct Lexicon {
    pub lang: Lang,
    built: &'static Built,
    stemmer: Stemmer,
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

/// Words and their Snowball stems, sorted by word: `text` holds each word
/// followed by its stem, `table` says where (`(offset, word length, stem
/// length)`), and `slots` finds a word's entry (see `lexicon_tables::slots`).
pub(super) struct Stems {
    text: &'static str,
    table: &'static [(u32, u16, u16)],
    slots: &'static [u32],
}

impl Stems {
    /// The stem of `word`, if build.rs stemmed it.
    fn get(&self, word: &str) -> Option<&'static str> {
        let text = self.text;
        let entry = |index: usize| self.table.get(index);
        let word_at = |&(at, len, _): &(u32, u16, u16)| {
            let at = at as usize;
            text.get(at..at + usize::from(len))
        };
        let index = super::lexicon_tables::find(self.slots, word, |i| word_at(entry(i)?))?;
        let &(at, len, stem_len) = entry(index)?;
        let from = at as usize + usize::from(len);
        text.get(from..from + usize::from(stem_len))
    }
}

/// A lexicon's word tables as build.rs wrote them (see `lexicon_tables`):
/// each word an offset and a length into `text`, and each table's slots
/// (see `lexicon_tables::slots`), so that a start builds no map of them.
pub(super) struct Built {
    text: &'static str,
    /// Form → key.
    forms: &'static [(u32, u16, u32, u16)],
    form_slots: &'static [u32],
    /// Normalised word → `class` bits.
    classes: &'static [(u32, u16, u8)],
    class_slots: &'static [u32],
    infinitives: &'static [(u32, u16)],
    infinitive_slots: &'static [u32],
}

impl Built {
    fn word(&self, at: u32, len: u16) -> &'static str {
        self.text
            .get(at as usize..at as usize + usize::from(len))
            .unwrap_or_default()
    }

    /// The key `lower` is a form of, if the lexicon lists it.
    fn key(&self, lower: &str) -> Option<&'static str> {
        let form = |i: usize| self.forms.get(i);
        let index = super::lexicon_tables::find(self.form_slots, lower, |i| {
            form(i).map(|&(at, len, _, _)| self.word(at, len))
        })?;
        form(index).map(|&(_, _, at, len)| self.word(at, len))
    }

    fn class(&self, norm: &str) -> u8 {
        let class = |i: usize| self.classes.get(i);
        super::lexicon_tables::find(self.class_slots, norm, |i| {
            class(i).map(|&(at, len, _)| self.word(at, len))
        })
        .and_then(class)
        .map_or(0, |&(_, _, bits)| bits)
    }

    fn is_infinitive(&self, lower: &str) -> bool {
        super::lexicon_tables::find(self.infinitive_slots, lower, |i| {
            self.infinitives.get(i).map(|&(at, len)| self.word(at, len))
        })
        .is_some()
    }
}

/// The stems of every word of lub's data files, and each language's word
/// tables (see build.rs).
mod built {
    use super::{Built, Stems};
    include!(concat!(env!("OUT_DIR"), "/stems.rs"));
    include!(concat!(env!("OUT_DIR"), "/lexicons.rs"));
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
    /// The lexicon of `lang`, from the tables build.rs made of its file.
    pub(crate) fn new(lang: Lang) -> Lexicon {
        Lexicon {
            lang,
            built: Self::built(lang),
            stemmer: Stemmer::create(match lang {
                Lang::En => Algorithm::English,
                Lang::Nb | Lang::Nn => Algorithm::Norwegian,
            }),
        }
    }

    fn built(lang: Lang) -> &'static Built {
        match lang {
            Lang::Nb => &built::NB,
            Lang::Nn => &built::NN,
            Lang::En => &built::EN,
        }
    }

    /// Whether a lower-case word is one of the verbs as listed.
    pub fn is_infinitive(&self, lower: &str) -> bool {
        self.built.is_infinitive(lower)
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
        match self.built.key(lower) {
            Some(key) => Cow::Borrowed(key),
            None => match self.built_stems().get(lower) {
                Some(stem) => Cow::Borrowed(stem),
                None => self.stemmer.stem(lower),
            },
        }
    }

    /// `word` in lower case, borrowed where it is ASCII without a capital,
    /// as most words of lub's own data are.
    pub(super) fn lower_case(word: &str) -> std::borrow::Cow<'_, str> {
        if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            std::borrow::Cow::Borrowed(word)
        } else {
            std::borrow::Cow::Owned(word.to_lowercase())
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
        self.built.class(norm)
    }

    pub fn is(&self, norm: &str, bits: u8) -> bool {
        self.class(norm) & bits != 0
    }

    /// Whether a lower-case written word is one of the listed verbs, or a
    /// regular inflection of one ("forklarer", "forklarte"; "explains",
    /// "planned", "designing").
    pub fn is_verb_form(&self, lower: &str) -> bool {
        if self.is_infinitive(lower) {
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
            if self.is_infinitive(stem) || self.is_infinitive(&format!("{stem}e")) {
                return true;
            }
            // "planned", "planning": the final consonant doubled.
            let mut last = stem.chars().rev();
            if let (Some(a), Some(b)) = (last.next(), last.next())
                && a == b
                && self.is_infinitive(&stem[..stem.len() - a.len_utf8()])
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
        lower.ends_with(ending) && !self.is_infinitive(lower) && self.is_verb_form(lower)
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
    use super::super::lexicon_tables::{Lists, Tables};
    use super::{Lexicon, Stems, built};
    use crate::lang::Lang;
    use rust_stemmers::{Algorithm, Stemmer};
    use serde::Deserialize;
    use std::collections::BTreeMap;

    /// A lexicon file as written.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct LexiconFile {
        lang: Lang,
        forms: BTreeMap<String, Vec<String>>,
        conjunctions: Vec<String>,
        stopwords: Vec<String>,
        lead: Vec<String>,
        framework: Vec<String>,
        verbs: BTreeMap<super::Bloom, Vec<String>>,
        learner: Learner,
    }

    #[derive(Deserialize)]
    struct Learner {
        nouns: Vec<String>,
    }

    /// The tables build.rs wrote for each language are those its file gives
    /// with the stemmer lub runs, and a form listed under two keys is
    /// refused.
    #[test]
    fn the_tables_built_in_are_those_of_the_lexicon_files() {
        for lang in Lang::ALL {
            let json = crate::embedded::file(&format!("lexicon/{}.yaml", lang.code())).unwrap();
            let file: LexiconFile = serde_json::from_str(json).unwrap();
            assert_eq!(file.lang, lang);
            let forms: Vec<(String, Vec<String>)> = file.forms.into_iter().collect();
            let verbs: Vec<Vec<String>> = file.verbs.into_values().collect();
            let mut lists = Lists {
                forms: &forms,
                conjunctions: &file.conjunctions,
                stopwords: &file.stopwords,
                lead: &file.lead,
                framework: &file.framework,
                verbs: &verbs,
                learners: &file.learner.nouns,
            };
            let lexicon = Lexicon::new(lang);
            let expected = lists
                .tables(&|word| lexicon.stemmer.stem(word).into_owned())
                .unwrap();
            let built = Lexicon::built(lang);
            let word = |at, len| built.word(at, len).to_string();
            let found = Tables {
                forms: built
                    .forms
                    .iter()
                    .map(|&(a, l, b, m)| (word(a, l), word(b, m)))
                    .collect(),
                classes: built
                    .classes
                    .iter()
                    .map(|&(a, l, bits)| (word(a, l), bits))
                    .collect(),
                infinitives: built.infinitives.iter().map(|&(a, l)| word(a, l)).collect(),
            };
            assert_eq!(found, expected, "{lang}");
            assert!(expected.classes.len() > 100 && expected.infinitives.len() > 50);
            // A lookup finds every word of a table through its slots, and
            // only those.
            use super::super::lexicon_tables::slots;
            assert_eq!(
                built.form_slots,
                slots(expected.forms.iter().map(|(f, _)| f.as_str()))
            );
            assert_eq!(
                built.class_slots,
                slots(expected.classes.iter().map(|(w, _)| w.as_str()))
            );
            assert_eq!(
                built.infinitive_slots,
                slots(expected.infinitives.iter().map(String::as_str))
            );
            for (form, key) in &expected.forms {
                assert_eq!(built.key(form), Some(key.as_str()), "{lang}: {form}");
            }
            for (word, bits) in &expected.classes {
                assert_eq!(built.class(word), *bits, "{lang}: {word}");
            }
            for word in &expected.infinitives {
                assert!(built.is_infinitive(word), "{lang}: {word}");
            }
            for unlisted in ["", "zzqx", "forklar zzqx"] {
                assert_eq!(built.key(unlisted), None);
                assert_eq!(built.class(unlisted), 0);
                assert!(!built.is_infinitive(unlisted));
            }

            let twice = [
                ("a".to_string(), vec!["x".to_string()]),
                ("b".to_string(), vec!["X".to_string()]),
            ];
            lists.forms = &twice;
            let refused = lists.tables(&|w| w.to_string()).unwrap_err();
            assert!(
                refused.contains("«a»") && refused.contains("«b»"),
                "{refused}"
            );
        }
    }

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
            let words = entries.iter().map(|(word, _)| *word);
            assert_eq!(stems.slots, super::super::lexicon_tables::slots(words));
            for word in ["", "vegbyggingsteknikkar", "zzz"] {
                assert_eq!(stems.get(word), None, "{word}");
            }
            for (word, stem) in entries {
                assert_eq!(stems.get(word), Some(stem));
                assert_eq!(&*stemmer.stem(word), stem, "{word}");
            }
        }
        assert_eq!(built::NORWEGIAN.get("forklare"), Some("forklar"));
        assert_eq!(built::ENGLISH.get("not-a-word-of-the-data"), None);
    }
}
