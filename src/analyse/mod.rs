//! parse → **analyse**: the words of every outcome, normalised once, with
//! what every rule asks of them — where the outcome's verb is, which words
//! name the subject, which phrases occur, which NKR descriptor it is closest
//! to. Rules read this; none of them tokenises or stems again.

pub mod clean;
pub mod framework;
// build.rs makes the lexicons' tables with these; lub itself runs them
// only in the test that holds the tables built in to them.
#[cfg_attr(not(test), allow(dead_code))]
mod inflect;
mod lexicon;
#[cfg_attr(not(test), allow(dead_code))]
mod lexicon_tables;
mod phrase;
pub(crate) mod segment;
mod tokens;

pub(crate) use lexicon::class;
pub use lexicon::{Bloom, Lexicon};
pub use phrase::{PhraseId, PhraseIndex, PhraseMatch, expand};
pub use tokens::{Word, words};

use std::sync::OnceLock;

use crate::error::FileError;
use crate::lang::{Category, Lang};
use crate::parse::Document;
use crate::source::SourceFile;
use framework::{Framework, FrameworkFile};

/// The shared word data of a run: a lexicon per language and the chosen
/// framework version. build.rs checked the lexicons and made their tables;
/// a language's lexicon is set up when a document in it comes, so a run on
/// one bokmål file pays for bokmål only.
#[derive(Debug)]
pub struct Data {
    lexicons: [OnceLock<Lexicon>; 3],
    pub framework: Framework,
}

/// The framework version used when `lub.yaml` names none.
pub const DEFAULT_FRAMEWORK: &str = "nkr-2014";

impl Data {
    /// Lexicons and framework from the files compiled into lub; `framework`
    /// is the name of a file in `rules/nkr/`, or the YAML text of one.
    pub fn load(framework: &FrameworkSource<'_>) -> Result<Data, FileError> {
        let file: FrameworkFile = match framework {
            FrameworkSource::Builtin(name) => {
                let path = format!("nkr/{name}.yaml");
                if crate::embedded::file(&path).is_none() {
                    let known = crate::embedded::FILES
                        .iter()
                        .filter_map(|(p, _)| p.strip_prefix("nkr/")?.strip_suffix(".yaml"))
                        .collect::<Vec<_>>();
                    let known = known.join(", ");
                    return Err(FileError::said(
                        "lub.yaml",
                        crate::messages::Msg::NoFramework
                            .text(|_| vec![("name", name.to_string()), ("known", known.clone())]),
                    ));
                }
                crate::embedded::data(&path)?
            }
            FrameworkSource::File { path, yaml } => {
                crate::yaml::from_str(yaml).map_err(|e| FileError::from_yaml(path, &e))?
            }
        };
        Ok(Data {
            lexicons: Default::default(),
            framework: Framework::new(file),
        })
    }

    pub fn lexicon(&self, lang: Lang) -> &Lexicon {
        let slot = lang.index();
        self.lexicons[slot].get_or_init(|| Lexicon::new(lang))
    }

    /// The framework's descriptors in `lang`.
    pub fn descriptors(&self, lang: Lang) -> &[framework::Descriptor] {
        self.framework.descriptors(lang, self.lexicon(lang))
    }
}

/// Where the framework comes from: a version compiled into lub, or a file
/// the user named.
pub enum FrameworkSource<'a> {
    Builtin(&'a str),
    File { path: &'a str, yaml: &'a str },
}

/// What the rules read of a document.
#[derive(Debug, Default)]
pub struct Analysis {
    pub outcomes: Vec<OutcomeAnalysis>,
    /// The lead-ins, read as outcomes are, for the rules about wording: a
    /// lead-in such as "Studenten skal forstå:" weakens every outcome after
    /// it. `index` is `usize::MAX`.
    pub lead_ins: Vec<OutcomeAnalysis>,
}

#[derive(Debug)]
pub struct OutcomeAnalysis {
    /// Where the outcome is: `doc.sections[section].outcomes[index]`.
    pub section: usize,
    pub index: usize,
    /// `None` for an outcome whose category the text does not say.
    pub category: Option<Category>,
    pub words: Box<[Word]>,
    /// Indices of the words that name something of the subject.
    pub specific: Box<[usize]>,
    /// Every phrase of every phrase rule found in the outcome.
    pub matches: Box<[PhraseMatch]>,
    /// The NKR descriptor the outcome is closest to, if it shares enough
    /// words with one to compare.
    /// Boxed: one outcome in many has one, and an outcome's analysis is
    /// kept for the whole check.
    pub nkr: Option<Box<NkrMatch>>,
}

impl OutcomeAnalysis {
    /// Whether word `at` stands where the outcome says what the candidate
    /// does: after only the lead-in words of its sentence.
    pub fn at_head(&self, at: usize) -> bool {
        at_head(&self.words, at)
    }

    /// Whether word `at` stands where a verb of the outcome would: at its
    /// head, or joined by "og"/"and" or a comma to the word before.
    pub fn in_verb_position(&self, at: usize, source: &SourceFile) -> bool {
        in_verb_position(&self.words, at, source)
    }
}

fn at_head(words: &[Word], at: usize) -> bool {
    words
        .get(at)
        .is_some_and(|word| at <= word.head_end as usize)
}

fn in_verb_position(words: &[Word], at: usize, source: &SourceFile) -> bool {
    let joined_to_previous = at
        .checked_sub(1)
        .and_then(|before| words.get(before))
        .zip(words.get(at))
        .is_some_and(|(first, second)| joined(first, second, source));
    at_head(words, at) || joined_to_previous
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NkrMatch {
    /// Index into `Framework::descriptors(lang)`.
    pub descriptor: usize,
    /// 1 − the word-level edit distance over the longer length.
    pub similarity: f64,
    /// Share of the outcome's words that occur in the descriptor.
    pub containment: f64,
    /// Number of the outcome's words compared.
    pub words: usize,
}

pub fn analyse(
    doc: &Document,
    source: &SourceFile,
    data: &Data,
    phrases: &PhraseIndex,
) -> Analysis {
    let lang = doc.lang;
    let lexicon = data.lexicon(lang);
    let mut analysis = Analysis::default();
    // Sized once: grown by doubling, the list of a file of short outcomes
    // held up to twice its room, and three times while it moved.
    analysis
        .outcomes
        .reserve_exact(doc.sections.iter().map(|s| s.outcomes.len()).sum());
    for (section_index, section) in doc.sections.iter().enumerate() {
        // Free sections hold no outcomes; lists under a lead-in that names
        // no category do, and are read like any other.
        let category = section.category;
        if let Some(lead_in) = &section.lead_in {
            let words = with_head_ends(words(lead_in, source, lexicon), source);
            let matches = phrases.find(lang, &words, lexicon);
            analysis.lead_ins.push(OutcomeAnalysis {
                section: section_index,
                index: usize::MAX,
                category,
                words: words.into_boxed_slice(),
                specific: Box::default(),
                matches: matches.into_boxed_slice(),
                nkr: None,
            });
        }
        for (index, outcome) in section.outcomes.iter().enumerate() {
            let words = with_head_ends(words(&outcome.text, source, lexicon), source);
            let specific = (0..words.len())
                .filter(|&i| names_subject(&words, i, source, lexicon))
                .collect();
            let matches = phrases.find(lang, &words, lexicon);
            let nkr = nkr_match(&words, lang, data).map(Box::new);
            // Boxed slices: an outcome's analysis lives for the whole
            // check, and a list's spare room, kept for each of a million
            // outcomes, was much of a large file's memory.
            analysis.outcomes.push(OutcomeAnalysis {
                section: section_index,
                index,
                category,
                words: words.into_boxed_slice(),
                specific,
                matches: matches.into_boxed_slice(),
                nkr,
            });
        }
    }
    analysis
}

/// Whether word `at` says something about the subject: a number, an
/// acronym ("GIS", "SQL"), or a word that is not a function word, lead-in
/// word, framework word or the learner, nor a verb where the outcome says
/// what the candidate does. The same word may be a verb at the head and a
/// subject elsewhere: "design a bridge", "theories of design".
fn names_subject(words: &[Word], at: usize, source: &SourceFile, lexicon: &Lexicon) -> bool {
    let word = &words[at];
    if word.numeric {
        return true;
    }
    let written = source.slice(&word.span);
    // Tested in this order since nearly every word fails the first test at
    // its first or second letter.
    let acronym = written
        .chars()
        .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && written.chars().nth(1).is_some()
        && written.chars().any(char::is_alphabetic);
    // A capital letter alone inside a sentence is a name: "programming in
    // R", "vitamin D". The English "I" is not.
    let letter_name = word.proper && written.chars().count() == 1 && written != "I";
    if acronym || letter_name {
        return true;
    }
    // "theories of reflection", "teorier om kommunikasjon": a framework
    // word that is what is studied names the subject.
    let studied = word.is(class::FRAMEWORK)
        && at >= 2
        && matches!(&*words[at - 1].lower, "of" | "om" | "av" | "on")
        && matches!(
            &*words[at - 2].lower,
            "theory"
                | "theories"
                | "concept"
                | "concepts"
                | "principles"
                | "teori"
                | "teorier"
                | "teoriar"
                | "begreper"
                | "omgrep"
        );
    if studied {
        return true;
    }
    if word.norm.chars().nth(1).is_none()
        || word.is(class::STOP | class::LEAD | class::FRAMEWORK | class::LEARNER)
    {
        return false;
    }
    !(in_verb_position(words, at, source) && lexicon.is_verb_form(&word.lower))
}

/// Whether `second` follows `first` after "og"/"and" or a comma: a second
/// verb in a row is in verb position too.
fn joined(first: &Word, second: &Word, source: &SourceFile) -> bool {
    first.is(class::CONJUNCTION) || comma_between(first, second, source)
}

fn comma_between(first: &Word, second: &Word, source: &SourceFile) -> bool {
    source
        .text
        .get(first.span.end..second.span.start)
        .is_some_and(|gap| gap.contains([',', ';']))
}

/// `words`, each with where its sentence's opening ends (`head_ends`).
fn with_head_ends(mut words: Vec<Word>, source: &SourceFile) -> Vec<Word> {
    let ends = head_ends(&words, source);
    for (word, end) in words.iter_mut().zip(ends) {
        word.head_end = u32::try_from(end).unwrap_or(u32::MAX);
    }
    words
}

/// For each word, where its sentence's opening ends: past the lead-in
/// words, and past verbs joined by "og"/"and" or a comma to the next
/// ("describe and understand", "forklare, forstå").
fn head_ends(words: &[Word], source: &SourceFile) -> Vec<usize> {
    let mut ends = vec![0; words.len()];
    let mut start = 0;
    while start < words.len() {
        let sentence_end = (start + 1..words.len())
            .find(|&i| words[i].sentence_start)
            .unwrap_or(words.len());
        let mut end = start;
        loop {
            while end < sentence_end && words[end].is(class::LEAD) {
                end += 1;
            }
            let is_verb = end < sentence_end && words[end].is(class::VERB);
            let followed = end + 1 < sentence_end
                && (words[end + 1].is(class::CONJUNCTION)
                    || comma_between(&words[end], &words[end + 1], source));
            if is_verb && followed {
                end += 1;
            } else {
                break;
            }
        }
        for slot in &mut ends[start..sentence_end] {
            *slot = end;
        }
        start = sentence_end;
    }
    ends
}

/// The NKR descriptor closest to the outcome, compared word by word on the
/// normalised words that are not function words or the learner.
/// The framework's nouns for what a candidate has are interchangeable in a
/// copied descriptor: "faglig kompetanse" for "faglig kunnskap" is the same
/// copy with a word swapped.
fn names_the_field(lower: &str) -> bool {
    matches!(
        lower,
        "fagområdet"
            | "fagområde"
            | "fagfeltet"
            | "fagfelt"
            | "faget"
            | "fag"
            | "feltet"
            | "field"
            | "academic"
            | "discipline"
            | "his"
            | "her"
            | "his/her"
            | "their"
            | "own"
    )
}

fn nkr_match(words: &[Word], lang: Lang, data: &Data) -> Option<NkrMatch> {
    let content: Vec<&str> = words
        .iter()
        .filter(|w| !w.is(class::STOP | class::LEARNER))
        .map(|w| &*w.norm)
        .collect();
    // Words that stand in for the field ("innen fagområdet", "within
    // his/her academic field") do not make a copy the writer's own.
    let framework: Vec<bool> = words
        .iter()
        .filter(|w| !w.is(class::STOP | class::LEARNER))
        .map(|w| names_the_field(&w.lower))
        .collect();
    if content.len() < 2 {
        return None;
    }
    let descriptors = data.descriptors(lang);
    let mut best: Option<NkrMatch> = None;
    let matching = data
        .framework
        .matching(lang, data.lexicon(lang), &content, 2);
    let ours = &matching.nouns;
    for id in matching.candidates {
        let theirs = &descriptors[id].nouns;
        let distance = strsim::generic_levenshtein(ours, theirs);
        let longer = ours.len().max(theirs.len()).max(1);
        let similarity = 1.0 - distance as f64 / longer as f64;
        let shared = ours.iter().filter(|w| theirs.contains(w)).count();
        let counted = ours
            .iter()
            .zip(&framework)
            .filter(|(w, is_framework)| !**is_framework || theirs.contains(w))
            .count()
            .max(1);
        let containment = shared as f64 / counted as f64;
        let score = similarity.max(containment);
        if best.is_none_or(|b| score > b.similarity.max(b.containment)) {
            best = Some(NkrMatch {
                descriptor: id,
                similarity,
                containment,
                words: content.len(),
            });
        }
    }
    best
}
