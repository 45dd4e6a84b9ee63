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

use crate::lang::{Category, Lang};
use crate::learner::{
    is_determiner as is_learner_determiner, is_noun as is_learner_noun, written as candidate,
};
use crate::parse::{Document, Kind, Section, Text};
use crate::source::{SourceFile, one_line};

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
    pub fn new(doc: &Document, source: &SourceFile) -> Rendering {
        let lang = doc.lang;
        let meta = &doc.meta;
        let kind = meta.kind.as_ref().map(|k| k.value);
        let credits = meta.credits.as_ref().map(|c| c.value);
        let years = credits
            .filter(|c| kind == Some(Kind::Programme) && *c >= 60.0 && (c / 30.0).fract() == 0.0)
            .map(|c| c / 60.0);
        let level = meta.level.as_ref().map(|l| Level {
            nkr: l.value,
            eqf: l.value,
            cycle: cycle(l.value, lang).to_string(),
        });
        let categories = Category::ALL
            .into_iter()
            .filter_map(|category| {
                let sections: Vec<&Section> = doc
                    .sections
                    .iter()
                    .filter(|s| s.category == Some(category))
                    .collect();
                let outcomes = outcome_lines(&sections, source);
                if outcomes.is_empty() {
                    return None;
                }
                let lead_in = lead_in(&sections, source, lang);
                Some(RenderedCategory {
                    category: Some(category),
                    name: category.heading(lang).to_string(),
                    lead_in,
                    outcomes,
                })
            })
            .chain(uncategorised(doc, source, lang))
            .collect();
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
        }
    }
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

/// Every outcome of `sections`, each as one line.
fn outcome_lines(sections: &[&Section], source: &SourceFile) -> Vec<String> {
    sections
        .iter()
        .flat_map(|s| s.outcomes.iter())
        .map(|o| one_line(&o.text.text(source)))
        .collect()
}

/// The outcomes of lists whose category the text does not say, so that a
/// forced rendering loses none of the text.
fn uncategorised(doc: &Document, source: &SourceFile, lang: Lang) -> Option<RenderedCategory> {
    let sections: Vec<&Section> = doc
        .sections
        .iter()
        .filter(|s| s.category.is_none() && !s.outcomes.is_empty())
        .collect();
    let outcomes = outcome_lines(&sections, source);
    if outcomes.is_empty() {
        return None;
    }
    let name = if lang == Lang::En {
        "Learning outcomes"
    } else {
        "Læringsutbytte"
    };
    Some(RenderedCategory {
        category: None,
        name: name.to_string(),
        lead_in: lead_in(&sections, source, lang),
        outcomes,
    })
}

/// The lead-in of a category: the document's own, with whoever it names
/// ("Studenten", "Students") named as the candidate and its closing colon
/// or ellipsis dropped; "Kandidaten" / "The candidate" where the document
/// has none; none where every outcome names the learner itself.
fn lead_in(sections: &[&Section], source: &SourceFile, lang: Lang) -> Option<String> {
    let written = sections.iter().find_map(|s| s.lead_in.as_ref());
    let Some(written) = written else {
        let self_standing = sections
            .iter()
            .flat_map(|s| s.outcomes.iter())
            .all(|o| starts_with_learner(&o.text, source));
        return (!self_standing).then(|| candidate(lang).to_string());
    };
    let text = one_line(&written.text(source));
    let text = text
        .trim_end_matches([':', '…', '.', '-', '–'])
        .trim_end()
        .trim_end_matches("..")
        .trim_end();
    Some(with_candidate(text, lang))
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
