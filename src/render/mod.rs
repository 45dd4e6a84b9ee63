//! From the same AST as `check`, the text of the Diploma Supplement: 2.1
//! the qualification's name, 3.1 its level (NKR, EQF, Bologna cycle), 3.2
//! its length, and 4.2 the learning outcomes in the three categories, in
//! the framework's order, with a consistent lead-in. The outcomes' words are
//! never changed: only white space, bullet markers and outcome ids go.

mod html;
mod json;
mod markdown;
mod text;

use serde::Serialize;

use crate::analyse::Lexicon;
use crate::lang::{Category, Lang};
use crate::learner::{
    is_determiner as is_learner_determiner, is_noun as is_learner_noun, written as candidate,
};
use crate::parse::{Document, Kind, Outcome, Section, Text};
use crate::source::{SourceFile, Span, one_line};

pub use html::html;
pub use json::json;
pub use markdown::markdown;
pub use text::{outcomes_text, text};

/// What a document says, arranged for the diploma.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rendering {
    pub code: Option<String>,
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub lang: Lang,
    pub level: Option<Level>,
    pub credits: Option<f64>,
    /// Full-time years at 60 credits a year, for programmes of whole or half
    /// years.
    pub years: Option<f64>,
    /// The sentence that opens the learning outcomes.
    pub opening: String,
    pub categories: Vec<RenderedCategory>,
    /// Outcomes that do not read on from their lead-in, and that lub
    /// cannot make read as sentences from the text alone: `render` refuses
    /// the document for them unless forced, and then prints them as written.
    #[serde(skip)]
    pub broken: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level {
    pub nkr: u8,
    pub eqf: u8,
    /// The Bologna cycle, in the document's language.
    pub cycle: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenderedCategory {
    /// `None` for outcomes whose category the text does not say: rendered
    /// (with `--force`) under a plain heading rather than dropped.
    pub category: Option<Category>,
    /// The category's name in the document's language.
    pub name: String,
    /// "Kandidaten", "The candidate can": the document's lead-in with the
    /// learner named as the diploma names them; `None` when the outcomes
    /// name the learner themselves.
    pub lead_in: Option<String>,
    /// The outcomes, each as one line of text.
    pub outcomes: Vec<String>,
}

impl Rendering {
    /// The diploma text of `doc`; `lexicon` (of the document's language)
    /// tells which outcomes have a verb of their own.
    pub fn new(doc: &Document, source: &SourceFile, lexicon: &Lexicon) -> Rendering {
        let lang = doc.lang;
        let meta = &doc.meta;
        let kind = meta.kind.as_ref().map(|k| k.value);
        let credits = meta.credits.as_ref().map(|c| c.value);
        let years = credits
            .filter(|c| kind == Some(Kind::Programme) && *c >= 60.0 && (c / 30.0).fract() == 0.0)
            .map(|c| c / 60.0);
        let level = meta.level.as_ref().map(|l| Level {
            nkr: l.value.get(),
            eqf: l.value.get(),
            cycle: cycle(l.value.get(), lang).to_string(),
        });
        let mut broken = Vec::new();
        let mut categories: Vec<RenderedCategory> = Category::ALL
            .into_iter()
            .filter_map(|category| {
                let sections: Vec<&Section> = doc
                    .sections
                    .iter()
                    .filter(|s| s.category == Some(category))
                    .collect();
                rendered(
                    Some(category),
                    category.heading(lang),
                    &sections,
                    &doc.intro,
                    source,
                    lexicon,
                    &mut broken,
                )
            })
            .collect();
        categories.extend(uncategorised(doc, source, lexicon, &mut broken));
        Rendering {
            code: meta.code.as_ref().map(|c| c.value.clone()),
            title: doc.title(source).map(|t| t.trim().to_string()),
            kind,
            lang,
            level,
            credits,
            years,
            opening: opening(kind, lang).to_string(),
            categories,
            broken,
        }
    }
}

/// A category as the diploma prints it: its lead-in, and its outcomes
/// made to read as sentences with it (`sentences`); `None` when it has no
/// outcomes.
fn rendered(
    category: Option<Category>,
    name: &str,
    sections: &[&Section],
    intro: &[Text],
    source: &SourceFile,
    lexicon: &Lexicon,
    broken: &mut Vec<Span>,
) -> Option<RenderedCategory> {
    let outcomes: Vec<&Outcome> = sections.iter().flat_map(|s| s.outcomes.iter()).collect();
    if outcomes.is_empty() {
        return None;
    }
    let lines: Vec<String> = outcomes
        .iter()
        .map(|o| one_line(&o.text.text(source)))
        .collect();
    let lead_in = lead_in(sections, intro, source, lexicon.lang);
    let (lead_in, outcomes) = match sentences(lead_in.clone(), &lines, lexicon) {
        Ok(joined) => joined,
        Err(unjoinable) => {
            broken.extend(
                unjoinable
                    .into_iter()
                    .filter_map(|i| outcomes.get(i).map(|o| o.span.clone())),
            );
            (lead_in, lines)
        }
    };
    Some(RenderedCategory {
        category,
        name: name.to_string(),
        lead_in,
        outcomes,
    })
}

/// How an outcome opens, as far as reading on from a lead-in goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// With a verb of its own: "kan forklare …", "har bred kunnskap …".
    OwnVerb,
    /// Naming the learner: "Studenten kan …".
    Learner,
    /// With anything else, which continues the lead-in: "forklare …",
    /// "bred kunnskap om …".
    Continues,
}

fn opening_of(line: &str, lexicon: &Lexicon) -> Opening {
    let words = crate::learner::words(line, 0);
    let first = words.first().map(|(w, _)| w.as_str()).unwrap_or_default();
    let second = words.get(1).map(|(w, _)| w.as_str()).unwrap_or_default();
    if is_learner_noun(first) || (is_learner_determiner(first) && is_learner_noun(second)) {
        Opening::Learner
    } else if lexicon.opens_with_own_verb(first) {
        Opening::OwnVerb
    } else {
        Opening::Continues
    }
}

/// The lead-in and outcomes of a category, made to read as sentences: when
/// every outcome continues the lead-in, as they are; when some have a verb
/// of their own, the lead-in loses its verb ("Kandidaten kan" →
/// "Kandidaten") and each outcome that continued it takes that verb ("kan
/// forklare …"), so every pair reads "Kandidaten … kan forklare …",
/// "Kandidaten … har bred kunnskap …". The outcomes' own words are not
/// changed. `Err` with the outcomes that cannot be made to read so from the
/// text alone.
fn sentences(
    lead_in: Option<String>,
    outcomes: &[String],
    lexicon: &Lexicon,
) -> Result<(Option<String>, Vec<String>), Vec<usize>> {
    let Some(lead_in) = lead_in else {
        return Ok((None, outcomes.to_vec()));
    };
    let openings: Vec<Opening> = outcomes.iter().map(|o| opening_of(o, lexicon)).collect();
    let (subject, verb) = split_lead_in(&lead_in);
    let refuse = |bad: &dyn Fn(Opening) -> bool| -> Vec<usize> {
        openings
            .iter()
            .enumerate()
            .filter(|(_, o)| bad(**o))
            .map(|(i, _)| i)
            .collect()
    };
    if verb.is_empty() {
        // "Kandidaten" + "forklare …": no verb in the text to give it; and
        // "Kandidaten" + "Studenten kan …" names the learner twice.
        let broken = refuse(&|o| o != Opening::OwnVerb);
        return if broken.is_empty() {
            Ok((Some(lead_in), outcomes.to_vec()))
        } else {
            Err(broken)
        };
    }
    let twice = refuse(&|o| o == Opening::Learner);
    if !twice.is_empty() {
        return Err(twice);
    }
    if openings.iter().all(|o| *o == Opening::Continues) {
        return Ok((Some(lead_in), outcomes.to_vec()));
    }
    // Some outcomes bring their own verb; the lead-in gives its verb to the
    // others. That needs a lead-in that is the learner and a verb, nothing
    // before them.
    let Some(subject) = subject else {
        return Err(refuse(&|o| o == Opening::OwnVerb));
    };
    let lines = outcomes
        .iter()
        .zip(&openings)
        .map(|(line, opening)| match opening {
            Opening::Continues => format!("{verb} {line}"),
            _ => line.clone(),
        })
        .collect();
    Ok((Some(subject), lines))
}

/// A lead-in as its learner and what follows it: "Kandidaten kan" →
/// ("Kandidaten", "kan"); "The candidate will be able to" → ("The
/// candidate", "will be able to"). The learner is `None` when words stand
/// before it ("Etter emnet skal kandidaten kunne").
fn split_lead_in(lead_in: &str) -> (Option<String>, String) {
    let words = crate::learner::words(lead_in, 0);
    let Some(at) = words.iter().position(|(w, _)| is_learner_noun(w)) else {
        return (None, lead_in.to_string());
    };
    let noun_end = words[at].1.end;
    let verb = lead_in
        .get(noun_end..)
        .unwrap_or_default()
        .trim()
        .to_string();
    let starts_at_learner =
        at == 0 || (at == 1 && words.first().is_some_and(|(w, _)| is_learner_determiner(w)));
    let subject = starts_at_learner.then(|| lead_in[..noun_end].trim().to_string());
    (subject, verb)
}

/// The Bologna cycle of an NKR level.
fn cycle(level: u8, lang: Lang) -> &'static str {
    match (level, lang) {
        (5, Lang::En) => "short cycle",
        (6, Lang::En) => "first cycle",
        (7, Lang::En) => "second cycle",
        (8, Lang::En) => "third cycle",
        (5, _) => "kort syklus",
        (6, _) => "første syklus",
        (7, _) => "andre syklus",
        (8, _) => "tredje syklus",
        _ => "",
    }
}

/// The sentence that opens the learning outcomes.
pub(crate) fn opening(kind: Option<Kind>, lang: Lang) -> &'static str {
    match (kind, lang) {
        (Some(Kind::Course), Lang::En) => {
            "On completion of the course the candidate has the following learning outcomes, defined as knowledge, skills and general competence:"
        }
        (Some(Kind::Programme), Lang::En) => {
            "On completion of the programme the candidate has the following learning outcomes, defined as knowledge, skills and general competence:"
        }
        // A document that does not say what it is is not called a
        // programme on a diploma.
        (None, Lang::En) => {
            "The candidate has the following learning outcomes, defined as knowledge, skills and general competence:"
        }
        (Some(Kind::Course), Lang::Nb) => {
            "Etter fullført emne har kandidaten følgende læringsutbytte, definert som kunnskap, ferdigheter og generell kompetanse:"
        }
        (Some(Kind::Programme), Lang::Nb) => {
            "Etter fullført program har kandidaten følgende læringsutbytte, definert som kunnskap, ferdigheter og generell kompetanse:"
        }
        (None, Lang::Nb) => {
            "Kandidaten har følgende læringsutbytte, definert som kunnskap, ferdigheter og generell kompetanse:"
        }
        (Some(Kind::Course), Lang::Nn) => {
            "Etter fullført emne har kandidaten følgjande læringsutbytte, definert som kunnskap, ferdigheiter og generell kompetanse:"
        }
        (Some(Kind::Programme), Lang::Nn) => {
            "Etter fullført program har kandidaten følgjande læringsutbytte, definert som kunnskap, ferdigheiter og generell kompetanse:"
        }
        (None, Lang::Nn) => {
            "Kandidaten har følgjande læringsutbytte, definert som kunnskap, ferdigheiter og generell kompetanse:"
        }
    }
}

/// The outcomes of lists whose category the text does not say, so that a
/// forced rendering loses none of the text.
fn uncategorised(
    doc: &Document,
    source: &SourceFile,
    lexicon: &Lexicon,
    broken: &mut Vec<Span>,
) -> Option<RenderedCategory> {
    let sections: Vec<&Section> = doc
        .sections
        .iter()
        .filter(|s| s.category.is_none() && !s.outcomes.is_empty())
        .collect();
    let name = if lexicon.lang == Lang::En {
        "Learning outcomes"
    } else {
        "Læringsutbytte"
    };
    rendered(None, name, &sections, &doc.intro, source, lexicon, broken)
}

/// The lead-in of a category: the document's own, with whoever it names
/// ("Studenten", "Students") named as the candidate and its closing colon
/// or ellipsis dropped; "Kandidaten" / "The candidate" where the document
/// has none; none where every outcome names the learner itself.
fn lead_in(
    sections: &[&Section],
    intro: &[Text],
    source: &SourceFile,
    lang: Lang,
) -> Option<String> {
    let written = sections.iter().find_map(|s| s.lead_in.as_ref());
    let Some(written) = written else {
        let self_standing = sections
            .iter()
            .flat_map(|s| s.outcomes.iter())
            .all(|o| starts_with_learner(&o.text, source));
        if self_standing {
            return None;
        }
        return Some(
            intro_lead_in(intro, source, lang).unwrap_or_else(|| candidate(lang).to_string()),
        );
    };
    let text = one_line(&written.text(source));
    let text = text
        .trim_end_matches([':', '…', '.', '-', '–'])
        .trim_end()
        .trim_end_matches("..")
        .trim_end();
    Some(with_candidate(text, lang))
}

/// The lead-in an introduction ends with, for the categories that have
/// none of their own: "On completion of the course the student should:"
/// gives "The candidate should". Only an introduction whose last paragraph
/// ends with a colon after naming the learner leads into the lists.
fn intro_lead_in(intro: &[Text], source: &SourceFile, lang: Lang) -> Option<String> {
    let last = one_line(&intro.last()?.text(source));
    let body = last.trim_end().strip_suffix(':')?.trim_end();
    let words = crate::learner::words(body, 0);
    let at = words.iter().position(|(w, _)| is_learner_noun(w))?;
    let start = match at.checked_sub(1).and_then(|i| words.get(i)) {
        Some((w, span)) if is_learner_determiner(w) => span.start,
        _ => words[at].1.start,
    };
    let from_learner = with_candidate(body.get(start..)?, lang);
    let mut chars = from_learner.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

fn starts_with_learner(text: &Text, source: &SourceFile) -> bool {
    text.segments.first().is_some_and(|s| {
        crate::learner::words(source.slice(s), 0)
            .iter()
            .take(2)
            .any(|(w, _)| is_learner_noun(w))
    })
}

/// `text` with its first learner noun (and an English article before it)
/// replaced by the candidate, keeping the case of a sentence start.
fn with_candidate(text: &str, lang: Lang) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
    let Some(at) = words
        .iter()
        .position(|(_, w)| is_learner_noun(&w.to_lowercase()))
    else {
        // A lead-in that names no learner ("Etter fullført emne kan man:")
        // is kept as it is.
        return text.to_string();
    };
    let (mut start, noun) = words[at];
    if at > 0 && is_learner_determiner(&words[at - 1].1.to_lowercase()) {
        start = words[at - 1].0;
    }
    let mut end = words[at].0 + noun.len();
    let mut replacement = if start == 0 {
        candidate(lang).to_string()
    } else {
        candidate(lang).to_lowercase()
    };
    // "Students have" → "The candidate has": the verb follows the noun.
    if lang == Lang::En
        && noun.ends_with('s')
        && let Some((verb_at, verb)) = words.get(at + 1)
        && let Some(singular) = match verb.to_lowercase().as_str() {
            "have" => Some("has"),
            "are" => Some("is"),
            _ => None,
        }
    {
        replacement = format!("{replacement}{}{singular}", &text[end..*verb_at]);
        end = verb_at + verb.len();
    }
    format!("{}{replacement}{}", &text[..start], &text[end..])
}

/// Labels of the Diploma Supplement's sections, per language.
pub(crate) struct Labels {
    pub name: &'static str,
    pub level: &'static str,
    pub length: &'static str,
    pub outcomes: &'static str,
}

pub(crate) fn labels(lang: Lang, kind: Option<Kind>) -> Labels {
    // Only a programme has the template's section numbers; a document that
    // does not say what it is gets the plain labels.
    let [name, level, length, outcomes] = match (lang, kind) {
        (Lang::En, Some(Kind::Programme)) => [
            "2.1 Name of qualification",
            "3.1 Level of qualification",
            "3.2 Official length of programme",
            "4.2 Programme learning outcomes",
        ],
        (Lang::En, Some(Kind::Course)) => ["Course", "Level", "Credits", "Learning outcomes"],
        (Lang::En, None) => ["Title", "Level", "Credits", "Learning outcomes"],
        (Lang::Nb, Some(Kind::Programme)) => [
            "2.1 Navn på kvalifikasjonen",
            "3.1 Kvalifikasjonens nivå",
            "3.2 Normert studietid",
            "4.2 Læringsutbytte for programmet",
        ],
        (Lang::Nn, Some(Kind::Programme)) => [
            "2.1 Namn på kvalifikasjonen",
            "3.1 Nivået på kvalifikasjonen",
            "3.2 Normert studietid",
            "4.2 Læringsutbytte for programmet",
        ],
        (Lang::Nb | Lang::Nn, Some(Kind::Course)) => {
            ["Emne", "Nivå", "Studiepoeng", "Læringsutbytte"]
        }
        (Lang::Nb, None) => ["Tittel", "Nivå", "Studiepoeng", "Læringsutbytte"],
        (Lang::Nn, None) => ["Tittel", "Nivå", "Studiepoeng", "Læringsutbytte"],
    };
    Labels {
        name,
        level,
        length,
        outcomes,
    }
}

/// "NKR level 7, EQF level 7, second cycle".
pub(crate) fn level_line(level: &Level, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "NKR level {}, EQF level {}, {}",
            level.nkr, level.eqf, level.cycle
        ),
        _ => format!(
            "NKR-nivå {}, EQF-nivå {}, {}",
            level.nkr, level.eqf, level.cycle
        ),
    }
}

/// "120 ECTS credits, 2 years of full-time study".
pub(crate) fn length_line(rendering: &Rendering) -> Option<String> {
    let credits = rendering.credits?;
    let number = |n: f64| {
        let shown = if n.fract() == 0.0 {
            format!("{n:.0}")
        } else {
            format!("{n}")
        };
        if rendering.lang == Lang::En {
            shown
        } else {
            shown.replace('.', ",")
        }
    };
    let years = rendering.years.map(|y| {
        let unit = match (rendering.lang, y == 1.0) {
            (Lang::En, true) => "year",
            (Lang::En, false) => "years",
            _ => "år",
        };
        (number(y), unit)
    });
    Some(match (rendering.lang, years) {
        (Lang::En, Some((y, unit))) => format!(
            "{} ECTS credits, {y} {unit} of full-time study",
            number(credits)
        ),
        (Lang::En, None) => format!("{} ECTS credits", number(credits)),
        (_, Some((y, unit))) => format!("{} studiepoeng, {y} {unit} på fulltid", number(credits)),
        (_, None) => format!("{} studiepoeng", number(credits)),
    })
}

/// Output formats of `lub render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

/// Renders several documents (a translation pair) in one output.
pub fn render_all(renderings: &[Rendering], format: Format, width: usize, page: bool) -> String {
    match format {
        Format::Text => renderings
            .iter()
            .map(|r| text(r, width))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Markdown => renderings
            .iter()
            .map(markdown)
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Html => html(renderings, page),
        Format::Json => json(renderings),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_learner_is_named_as_the_candidate() {
        assert_eq!(with_candidate("Studenten kan", Lang::Nb), "Kandidaten kan");
        assert_eq!(
            with_candidate("Etter fullført emne skal studenten kunne", Lang::Nb),
            "Etter fullført emne skal kandidaten kunne"
        );
        assert_eq!(
            with_candidate("Students will be able to", Lang::En),
            "The candidate will be able to"
        );
        assert_eq!(
            with_candidate("The student can", Lang::En),
            "The candidate can"
        );
        assert_eq!(
            with_candidate("Students have", Lang::En),
            "The candidate has"
        );
        assert_eq!(with_candidate("Man kan", Lang::Nb), "Man kan");
    }

    #[test]
    fn level_and_length_lines() {
        let level = Level {
            nkr: 7,
            eqf: 7,
            cycle: cycle(7, Lang::En).into(),
        };
        assert_eq!(
            level_line(&level, Lang::En),
            "NKR level 7, EQF level 7, second cycle"
        );
        let mut rendering = Rendering {
            code: None,
            title: None,
            kind: Some(Kind::Programme),
            lang: Lang::Nb,
            level: None,
            credits: Some(90.0),
            years: Some(1.5),
            opening: String::new(),
            categories: Vec::new(),
            broken: Vec::new(),
        };
        assert_eq!(
            length_line(&rendering).unwrap(),
            "90 studiepoeng, 1,5 år på fulltid"
        );
        rendering.lang = Lang::En;
        rendering.credits = Some(7.5);
        rendering.years = None;
        assert_eq!(length_line(&rendering).unwrap(), "7.5 ECTS credits");
    }
}
