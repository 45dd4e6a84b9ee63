//! The checkers a rule's `kind` can name: one file per way of finding
//! something. Each kind declares in [`RuleKind::def`] its scopes, the
//! placeholders it fills and whether its behaviour is code or data, and
//! has its own options struct with `deny_unknown_fields`: a rule file that
//! sets a field its kind does not read is refused, so nothing in YAML is
//! silently ignored.

mod categories;
mod directives;
mod duplicate;
mod lead_in;
mod level;
mod markers;
mod nkr;
mod parser;
mod phrase;
mod placeholder;
mod readability;
mod shape;
mod specificity;
mod translation;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{Checker, RuleFile, RuleOptions, Scope};
use crate::analyse::Data;
use crate::lang::Lang;
use crate::messages::{Msg, Text};
pub use translation::{Catalogue, DocSummary};

/// The kind of a rule: the checker that runs it. A rule file names it in
/// `kind:` by the kebab-case name of its variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    Parser,
    Phrase,
    Placeholder,
    LevelWording,
    Categories,
    Specificity,
    NkrSimilarity,
    NkrThemes,
    Innovation,
    LeadIn,
    ListMarkers,
    Compound,
    Length,
    Count,
    Similarity,
    Lix,
    Translation,
    Directives,
}

/// Where a kind's behaviour is: in lub's code, with its words and limits in
/// the rule file, or in the rule file itself (a list of phrases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Code,
    Data,
}

/// What a kind declares of itself.
pub struct KindDef {
    /// The scopes a rule of the kind may have; its checker looks at no
    /// other.
    pub scopes: &'static [Scope],
    /// The placeholders its checker fills in a rule's `message` and `help`,
    /// besides `{kind}` and `{this-kind}`, which every rule may use.
    pub placeholders: &'static [&'static str],
    pub behaviour: Behaviour,
    /// The fields of its options struct: the rule file's fields beyond the
    /// header.
    fields: fn() -> &'static [&'static str],
    /// The fields of its `limits`.
    limits: fn() -> &'static [&'static str],
    build: Build,
}

/// Placeholders every rule may use: how a finding names its document.
pub const EVERY_KIND_FILLS: &[&str] = &["kind", "this-kind"];

type Build = fn(&RuleFile, &RuleOptions, &Data) -> Result<Box<dyn Checker>, KindError>;

/// Why a kind could not build its checker: what serde or the kind said,
/// and the field it is about (`["limits", "max_words"]`) when known.
#[derive(Debug)]
pub(crate) struct KindError {
    pub field: Vec<String>,
    /// serde's words, in English.
    pub message: String,
    /// The kind's own words, in each language.
    pub text: Option<Text>,
}

impl KindError {
    /// What went wrong, in `lang` where the kind said it in words of its own.
    pub(crate) fn message_in(&self, lang: Lang) -> &str {
        self.text.as_ref().map_or(&*self.message, |t| t.get(lang))
    }
}

impl From<Text> for KindError {
    fn from(text: Text) -> Self {
        KindError {
            field: Vec::new(),
            message: text.en.clone(),
            text: Some(text),
        }
    }
}

/// A kind's own options: the second stage of reading a rule file. Each is a
/// struct with `deny_unknown_fields`, its thresholds typed fields of its
/// `Limits`.
pub(crate) trait KindOptions: DeserializeOwned {
    /// The struct of its `limits:` field, or [`NoLimits`].
    type Limits: DeserializeOwned;
    fn build(self, rule: &RuleFile, data: &Data) -> Result<Box<dyn Checker>, Text>;
}

/// The limits of a kind that has none.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoLimits {}

/// The options of a kind that has none: any field is an error, and the
/// checker is `C` as it is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound = "")]
pub(crate) struct NoOptions<C> {
    #[serde(skip)]
    checker: std::marker::PhantomData<C>,
}

impl<C: Checker + Default + 'static> KindOptions for NoOptions<C> {
    type Limits = NoLimits;
    fn build(self, _rule: &RuleFile, _data: &Data) -> Result<Box<dyn Checker>, Text> {
        Ok(Box::new(C::default()))
    }
}

/// Decodes a kind's options from the rule file's other fields and builds
/// its checker.
fn build<O: KindOptions>(
    rule: &RuleFile,
    options: &RuleOptions,
    data: &Data,
) -> Result<Box<dyn Checker>, KindError> {
    let written = match options {
        RuleOptions::Written(written) => written,
        RuleOptions::Built(json) => {
            // A test compiles every built-in rule, so serde's words, which
            // say where in the JSON, are enough here.
            let options: O = serde_json::from_str(json).map_err(|e| KindError {
                field: Vec::new(),
                message: e.to_string(),
                text: None,
            })?;
            return Ok(options.build(rule, data)?);
        }
    };
    let options: O = serde_path_to_error::deserialize(written).map_err(|e| {
        let field = e
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
                _ => None,
            })
            .collect();
        KindError {
            field,
            message: e.into_inner().to_string(),
            text: None,
        }
    })?;
    Ok(options.build(rule, data)?)
}

const fn def<O: KindOptions>(
    scopes: &'static [Scope],
    placeholders: &'static [&'static str],
    behaviour: Behaviour,
) -> KindDef {
    KindDef {
        scopes,
        placeholders,
        behaviour,
        fields: fields_of::<O>,
        limits: fields_of::<O::Limits>,
        build: build::<O>,
    }
}

use Behaviour::{Code, Data as Listed};
use Scope::{Catalogue as AcrossDocuments, Document, Outcome, Section};

impl RuleKind {
    /// Every kind.
    pub const ALL: [RuleKind; 18] = [
        RuleKind::Parser,
        RuleKind::Phrase,
        RuleKind::Placeholder,
        RuleKind::LevelWording,
        RuleKind::Categories,
        RuleKind::Specificity,
        RuleKind::NkrSimilarity,
        RuleKind::NkrThemes,
        RuleKind::Innovation,
        RuleKind::LeadIn,
        RuleKind::ListMarkers,
        RuleKind::Compound,
        RuleKind::Length,
        RuleKind::Count,
        RuleKind::Similarity,
        RuleKind::Lix,
        RuleKind::Translation,
        RuleKind::Directives,
    ];

    /// The kind a rule file names, if there is one of that name.
    pub fn from_name(name: &str) -> Option<RuleKind> {
        use serde::de::IntoDeserializer;
        let name: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            name.into_deserializer();
        RuleKind::deserialize(name).ok()
    }

    /// Its name in a rule file.
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Parser => "parser",
            RuleKind::Phrase => "phrase",
            RuleKind::Placeholder => "placeholder",
            RuleKind::LevelWording => "level-wording",
            RuleKind::Categories => "categories",
            RuleKind::Specificity => "specificity",
            RuleKind::NkrSimilarity => "nkr-similarity",
            RuleKind::NkrThemes => "nkr-themes",
            RuleKind::Innovation => "innovation",
            RuleKind::LeadIn => "lead-in",
            RuleKind::ListMarkers => "list-markers",
            RuleKind::Compound => "compound",
            RuleKind::Length => "length",
            RuleKind::Count => "count",
            RuleKind::Similarity => "similarity",
            RuleKind::Lix => "lix",
            RuleKind::Translation => "translation",
            RuleKind::Directives => "directives",
        }
    }

    /// What the kind declares of itself: its scopes, the placeholders it
    /// fills, where its behaviour is, and its options.
    pub fn def(self) -> &'static KindDef {
        const PARSER: KindDef = def::<parser::Options>(&[Document, Section], &["detail"], Code);
        const PHRASE: KindDef =
            def::<phrase::Options>(&[Outcome], &["match", "suggestions", "category"], Listed);
        const PLACEHOLDER: KindDef = def::<placeholder::Options>(&[Outcome], &["match"], Code);
        const LEVEL_WORDING: KindDef =
            def::<level::Options>(&[Outcome], &["match", "detail", "level"], Code);
        const CATEGORIES: KindDef = def::<NoOptions<categories::CategoriesChecker>>(
            &[Document],
            &["category", "detail"],
            Code,
        );
        const SPECIFICITY: KindDef = def::<specificity::Options>(
            &[Outcome, Document],
            &["match", "category", "count"],
            Code,
        );
        const NKR_SIMILARITY: KindDef =
            def::<nkr::SimilarityOptions>(&[Outcome], &["detail", "level", "category"], Code);
        const NKR_THEMES: KindDef =
            def::<nkr::ThemesOptions>(&[Document], &["theme", "category", "level"], Code);
        const INNOVATION: KindDef = def::<nkr::InnovationOptions>(&[Document], &["category"], Code);
        const LEAD_IN: KindDef =
            def::<NoOptions<lead_in::LeadInChecker>>(&[Section], &["detail"], Code);
        const LIST_MARKERS: KindDef =
            def::<NoOptions<markers::MarkersChecker>>(&[Document], &["detail"], Code);
        const COMPOUND: KindDef =
            def::<shape::CompoundOptions>(&[Outcome], &["detail", "count"], Code);
        const LENGTH: KindDef = def::<shape::LengthOptions>(&[Outcome], &["count", "limit"], Code);
        const COUNT: KindDef =
            def::<shape::CountOptions>(&[Document], &["count", "limit", "detail"], Code);
        const SIMILARITY: KindDef = def::<duplicate::Options>(&[Document], &["other"], Code);
        const LIX: KindDef =
            def::<readability::Options>(&[Document], &["count", "limit", "detail"], Code);
        const TRANSLATION: KindDef = def::<NoOptions<translation::TranslationChecker>>(
            &[AcrossDocuments],
            &["detail", "other"],
            Code,
        );
        const DIRECTIVES: KindDef =
            def::<NoOptions<directives::DirectivesChecker>>(&[Document], &["detail"], Code);
        match self {
            RuleKind::Parser => &PARSER,
            RuleKind::Phrase => &PHRASE,
            RuleKind::Placeholder => &PLACEHOLDER,
            RuleKind::LevelWording => &LEVEL_WORDING,
            RuleKind::Categories => &CATEGORIES,
            RuleKind::Specificity => &SPECIFICITY,
            RuleKind::NkrSimilarity => &NKR_SIMILARITY,
            RuleKind::NkrThemes => &NKR_THEMES,
            RuleKind::Innovation => &INNOVATION,
            RuleKind::LeadIn => &LEAD_IN,
            RuleKind::ListMarkers => &LIST_MARKERS,
            RuleKind::Compound => &COMPOUND,
            RuleKind::Length => &LENGTH,
            RuleKind::Count => &COUNT,
            RuleKind::Similarity => &SIMILARITY,
            RuleKind::Lix => &LIX,
            RuleKind::Translation => &TRANSLATION,
            RuleKind::Directives => &DIRECTIVES,
        }
    }

    /// Whether its rules compare documents, so that every document's
    /// summary must be kept for them.
    pub fn compares_documents(self) -> bool {
        self.def().scopes.contains(&Scope::Catalogue)
    }
}

impl KindDef {
    /// The fields of the kind's options.
    pub fn fields(&self) -> &'static [&'static str] {
        (self.fields)()
    }

    /// The fields of the kind's `limits`.
    pub fn limits(&self) -> &'static [&'static str] {
        (self.limits)()
    }

    /// Whether a rule's `message` or `help` may use `{name}`.
    pub fn fills(&self, name: &str) -> bool {
        self.placeholders.contains(&name) || EVERY_KIND_FILLS.contains(&name)
    }

    /// The placeholders a rule of the kind may use.
    pub fn filled(&self) -> Vec<&'static str> {
        self.placeholders
            .iter()
            .chain(EVERY_KIND_FILLS)
            .copied()
            .collect()
    }
}

/// The kinds a rule file may name.
pub fn names() -> impl Iterator<Item = &'static str> {
    RuleKind::ALL.iter().map(|k| k.name())
}

/// The checker for a rule of `kind`, its options decoded from `options`
/// (the rule file's fields beyond the header, already checked against the
/// kind's fields), or why there is none.
pub(crate) fn checker(
    kind: RuleKind,
    rule: &RuleFile,
    options: &RuleOptions,
    data: &Data,
) -> Result<Box<dyn Checker>, KindError> {
    (kind.def().build)(rule, options, data)
}

/// A limit of at least 0 that is a finite number, for the `f64` fields of
/// a kind's limits.
pub(crate) fn check_share(name: &str, value: f64) -> Result<f64, Text> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(Msg::KindLimitNumber.text(|_| vec![("name", name.to_string())]))
    }
}

/// The field names of a struct that derives `Deserialize`, as serde knows
/// them: what a kind's options and limits accept.
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> de::Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probed"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// The category's name as the document's language writes it, in the
/// quotation marks of the message's language.
pub(crate) fn category_name(category: crate::lang::Category, lang: Lang, speak: Lang) -> String {
    crate::messages::quote(speak, category.heading(lang))
}

/// The name of an outcome's category, or what its outcomes are when the
/// text does not say.
pub(crate) fn category_name_of(
    category: Option<crate::lang::Category>,
    lang: Lang,
    speak: Lang,
) -> String {
    match category {
        Some(category) => category_name(category, lang, speak),
        None => Msg::TheOutcomes.get(speak).into(),
    }
}

/// Several categories' names: "«Kunnskap», «Ferdigheter» og «Generell
/// kompetanse»".
pub(crate) fn category_list(
    categories: &[crate::lang::Category],
    lang: Lang,
    speak: Lang,
) -> String {
    let names: Vec<String> = categories
        .iter()
        .map(|c| category_name(*c, lang, speak))
        .collect();
    crate::messages::list(speak, &names)
}

/// Where to point a finding about the document as a whole: its title, else
/// the heading of its text ("Læringsutbytte"), else its first heading, else
/// its first outcome, else its start.
pub(crate) fn document_anchor(doc: &crate::parse::Document) -> crate::source::Span {
    if let Some(title) = &doc.title {
        return title.span();
    }
    if let Some(intro) = doc.intro.first() {
        return intro.span();
    }
    if let Some(heading) = doc.sections.iter().find_map(|s| s.heading.as_ref()) {
        return heading.text.clone();
    }
    if let Some(outcome) = doc.outcomes().next() {
        return outcome.text.span();
    }
    doc.front_matter
        .clone()
        .map_or(0..0, |f| f.start..f.start + 3)
}

/// Where to point a finding about a category: its heading, else its
/// lead-in, else its first outcome; for a category the document lacks, the
/// document's anchor.
pub(crate) fn category_anchor(
    doc: &crate::parse::Document,
    category: crate::lang::Category,
) -> crate::source::Span {
    let Some(section) = doc.sections.iter().find(|s| s.covers(category)) else {
        return document_anchor(doc);
    };
    if let Some(heading) = &section.heading {
        return heading.text.clone();
    }
    if let Some(lead_in) = &section.lead_in {
        return lead_in.span();
    }
    section
        .outcomes
        .first()
        .map_or(section.span.clone(), |o| o.text.span())
}

/// From an outcome's first word to its last: where outcome findings point.
pub(crate) fn outcome_span(
    outcome: &crate::analyse::OutcomeAnalysis,
) -> Option<crate::source::Span> {
    Some(outcome.words.first()?.span.start..outcome.words.last()?.span.end)
}

/// Whether an outcome of the document matches one of `patterns`, which
/// match written forms ("etikk*").
pub(crate) fn any_outcome_matches(
    cx: &crate::rules::Context<'_>,
    patterns: &[crate::framework::Pattern],
) -> bool {
    any_outcome_matches_in(cx, OutcomeWords::of(cx), patterns)
}

/// The words of every outcome of a document, lower case, grouped by their
/// first byte: a pattern whose first word or prefix is not among them is
/// not looked for word by word, and one of a single part is answered here.
/// Grouping is one pass over the words, where sorting or hashing them cost
/// more than all the patterns' lookups.
pub(crate) struct OutcomeWords<'c> {
    words: Vec<&'c str>,
    /// The words of group `g` are `words[starts[g]..starts[g + 1]]`; group
    /// 0 is the empty word, group `b + 1` the words that begin with byte `b`.
    starts: Vec<usize>,
}

fn group_of(word: &str) -> usize {
    word.as_bytes().first().map_or(0, |&b| usize::from(b) + 1)
}

impl<'c> OutcomeWords<'c> {
    /// The document's words, gathered once for all its rules.
    pub(crate) fn of<'x>(cx: &'x crate::rules::Context<'c>) -> &'x OutcomeWords<'c> {
        cx.outcome_words
            .get_or_init(|| OutcomeWords::in_outcomes(cx.analysis.outcomes.as_slice()))
    }

    fn in_outcomes(outcomes: &'c [crate::analyse::OutcomeAnalysis]) -> OutcomeWords<'c> {
        let all = || {
            outcomes
                .iter()
                .flat_map(|o| o.words.iter().map(|w| &*w.lower))
        };
        let mut starts = vec![0usize; 258];
        for word in all() {
            starts[group_of(word) + 1] += 1;
        }
        for group in 1..starts.len() {
            starts[group] += starts[group - 1];
        }
        let mut next = starts.clone();
        let mut words = vec![""; starts[257]];
        for word in all() {
            let at = &mut next[group_of(word)];
            words[*at] = word;
            *at += 1;
        }
        OutcomeWords { words, starts }
    }

    /// Whether a word is `part`, or with `prefix` begins with it.
    fn has(&self, part: &str, prefix: bool) -> bool {
        if prefix && part.is_empty() {
            return !self.words.is_empty();
        }
        let group = group_of(part);
        self.words[self.starts[group]..self.starts[group + 1]]
            .iter()
            .any(|word| {
                if prefix {
                    word.starts_with(part)
                } else {
                    *word == part
                }
            })
    }
}

/// `any_outcome_matches`, with the document's words gathered once.
pub(crate) fn any_outcome_matches_in(
    cx: &crate::rules::Context<'_>,
    words: &OutcomeWords<'_>,
    patterns: &[crate::framework::Pattern],
) -> bool {
    any_matches(&cx.analysis.outcomes, words, patterns)
}

fn any_matches(
    outcomes: &[crate::analyse::OutcomeAnalysis],
    words: &OutcomeWords<'_>,
    patterns: &[crate::framework::Pattern],
) -> bool {
    patterns.iter().any(|p| match p.first_part() {
        Some((part, prefix)) if !words.has(part, prefix) => false,
        Some(_) if p.is_one_part() => true,
        _ => outcomes.iter().any(|o| p.matches_anywhere(&o.words)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The words gathered answer as the search word by word of every
        /// outcome does: words, prefixes, patterns of one part and more.
        #[test]
        fn a_pattern_matches_the_gathered_words_as_it_matches_each_outcome(
            outcomes in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec!["etikk", "etikken", "etisk", "innovasjon", "nye", "ideer", "e", "", "æra"]),
                    0..6,
                ),
                0..4,
            ),
            patterns in proptest::collection::vec(
                proptest::sample::select(vec![
                    "etikk", "etikk*", "eti*", "etikken", "nye ideer", "nye idé*", "innovasjon*", "e*", "*", "æ*", "ideer nye", "x",
                ]),
                0..4,
            ),
        ) {
            let outcomes: Vec<crate::analyse::OutcomeAnalysis> = outcomes
                .iter()
                .map(|words| crate::analyse::OutcomeAnalysis {
                    section: 0,
                    index: 0,
                    category: None,
                    words: words
                        .iter()
                        .map(|w| crate::analyse::Word {
                            span: 0..0,
                            lower: (*w).into(),
                            norm: (*w).into(),
                            class: 0,
                            quoted: false,
                            proper: false,
                            sentence_start: false,
                            numeric: false,
                            head_end: 0,
                        })
                        .collect(),
                    specific: Box::default(),
                    matches: Box::default(),
                    nkr: None,
                })
                .collect();
            let patterns: Vec<crate::framework::Pattern> =
                patterns.iter().map(|p| crate::framework::Pattern::parse(p)).collect();
            let word_by_word = patterns
                .iter()
                .any(|p| outcomes.iter().any(|o| p.matches_anywhere(&o.words)));
            let words = OutcomeWords::in_outcomes(&outcomes);
            prop_assert_eq!(any_matches(&outcomes, &words, &patterns), word_by_word);
        }
    }

    #[test]
    fn every_kind_is_named_as_serde_names_it() {
        for kind in RuleKind::ALL {
            assert_eq!(RuleKind::from_name(kind.name()), Some(kind));
        }
        let mut names: Vec<&str> = names().collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RuleKind::ALL.len());
        assert_eq!(RuleKind::from_name("Phrase"), None);
    }

    #[test]
    fn a_kind_with_limits_reads_them_and_only_such_a_kind() {
        for kind in RuleKind::ALL {
            let def = kind.def();
            assert_eq!(
                def.fields().contains(&"limits"),
                !def.limits().is_empty(),
                "{kind:?}"
            );
            assert!(!def.scopes.is_empty(), "{kind:?}");
            for field in def.fields() {
                assert!(
                    !crate::rules::HEADER_FIELDS.contains(field),
                    "{kind:?}: {field}"
                );
            }
        }
        assert_eq!(RuleKind::Lix.def().limits(), &["max_lix", "min_words"]);
        assert_eq!(
            RuleKind::Phrase.def().fields(),
            &["phrases", "position", "topic_lists", "suggestions"]
        );
    }

    #[test]
    fn only_phrase_rules_are_data() {
        for kind in RuleKind::ALL {
            assert_eq!(
                kind.def().behaviour == Behaviour::Data,
                kind == RuleKind::Phrase,
                "{kind:?}"
            );
        }
    }
}
