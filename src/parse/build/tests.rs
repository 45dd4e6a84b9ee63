//! Builder tests: what each shape of text turns into.

use super::outcomes::outcome_id_len;
use super::*;

fn doc(text: &str) -> (SourceFile, Document) {
    let source = SourceFile::new("test.lub.md", text);
    let doc = crate::parse::parse(&source);
    (source, doc)
}

fn outcomes(source: &SourceFile, doc: &Document) -> Vec<(Option<Category>, String)> {
    doc.sections
        .iter()
        .flat_map(|s| {
            s.outcomes
                .iter()
                .map(move |o| (s.category, o.text.text(source).into_owned()))
        })
        .collect()
}

#[test]
fn label_lines_lead_ins_and_continuations() {
    let (source, doc) = doc(
        "Læringsutbytte i emnet vil være:\n\n*Kunnskaper:*\n\nStudenten kan:\n- forklare A\n  og B\n- K2: beskrive C\n\nFerdigheter\n1. bruke D\n",
    );
    assert_eq!(doc.intro.len(), 1);
    assert_eq!(
        outcomes(&source, &doc),
        vec![
            (Some(Category::Knowledge), "forklare A og B".into()),
            (Some(Category::Knowledge), "beskrive C".into()),
            (Some(Category::Skills), "bruke D".into()),
        ]
    );
    let lead_in = doc.sections[0].lead_in.as_ref().unwrap();
    assert_eq!(lead_in.text(&source), "Studenten kan:");
    assert_eq!(
        source.slice(doc.sections[0].outcomes[1].id.as_ref().unwrap()),
        "K2:"
    );
}

#[test]
fn prose_is_split_into_sentences() {
    let (source, doc) = doc(
        "## Skills\nThe candidate can design experiments, e.g. A/B tests. The candidate\ncan analyse results.\n",
    );
    let got = outcomes(&source, &doc);
    assert_eq!(
        got,
        vec![
            (
                Some(Category::Skills),
                "The candidate can design experiments, e.g. A/B tests.".into()
            ),
            (
                Some(Category::Skills),
                "The candidate can analyse results.".into()
            ),
        ]
    );
    // The second sentence spans two lines: two segments.
    assert_eq!(doc.sections[0].outcomes[1].text.segments.len(), 2);
}

#[test]
fn a_lead_in_can_name_the_category() {
    let (source, doc) = doc("Studenten har kunnskap om:\n- A\n\nStudenten kan:\n- B\n");
    assert_eq!(
        outcomes(&source, &doc),
        vec![(Some(Category::Knowledge), "A".into()), (None, "B".into())]
    );
    assert!(doc.problems.is_empty());
    // The second lead-in names no category, and there is no heading to
    // continue: its list is outcomes whose category is not guessed.
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.sections[1].category, None);
    assert!(doc.sections[1].lead_in.is_some());
}

#[test]
fn near_headings_are_reported_and_still_read() {
    let (source, doc) = doc("# Ferdigeter\n- kan gjøre noe\n");
    assert_eq!(doc.problems.len(), 1);
    assert_eq!(doc.problems[0].kind, ProblemKind::NearHeading);
    assert_eq!(source.slice(&doc.problems[0].span), "Ferdigeter");
    assert_eq!(doc.problems[0].replacement.as_deref(), Some("Ferdigheter"));
    assert_eq!(outcomes(&source, &doc).len(), 1);
}

#[test]
fn directives_find_their_targets() {
    let (_, doc) = doc(
        "<!-- lub: allow a -->\n# T\n<!-- lub: allow b -->\n## Kunnskap\n<!-- lub: allow c -->\n- x\n- y\n<!-- lub: allow d -->\n",
    );
    let targets: Vec<DirectiveTarget> = doc.directives.iter().map(|d| d.target).collect();
    assert_eq!(
        targets,
        vec![
            DirectiveTarget::File,
            DirectiveTarget::Section { section: 0 },
            DirectiveTarget::Outcomes {
                section: 0,
                start: 0,
                end: 1
            },
            DirectiveTarget::Nothing,
        ]
    );
}

#[test]
fn outcome_ids_are_recognised_narrowly() {
    assert_eq!(outcome_id_len("K1: har"), Some(3));
    assert_eq!(outcome_id_len("GK2 - kan"), Some(5));
    assert_eq!(outcome_id_len("k2 kan"), Some(2));
    assert_eq!(outcome_id_len("IPv6 adresser"), None);
    assert_eq!(outcome_id_len("MP3 filer"), None);
    assert_eq!(outcome_id_len("K1:"), None);
}

#[test]
fn an_empty_document_has_no_category() {
    let (_, doc) = doc("");
    assert_eq!(doc.problems.len(), 1);
    assert_eq!(doc.problems[0].kind, ProblemKind::Empty);
}

/// Categories each section stands for, and the section's outcomes.
fn shape(text: &str) -> Vec<(Vec<Category>, Option<String>, Vec<String>)> {
    let (source, doc) = doc(text);
    doc.sections
        .iter()
        .map(|s| {
            let mut categories: Vec<Category> = s.category.into_iter().collect();
            categories.extend(s.also.iter().copied());
            (
                categories,
                s.lead_in.as_ref().map(|l| l.text(&source).into_owned()),
                s.outcomes
                    .iter()
                    .map(|o| o.text.text(&source).into_owned())
                    .collect(),
            )
        })
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

#[test]
fn a_heading_line_is_followed_at_once_by_its_lead_in_or_outcomes() {
    use Category::*;
    assert_eq!(
        shape(
            "Læringsutbytte\nKunnskap\nStudenten\n- kan forklare A\nSkills:\n- Be able to map B\n"
        ),
        vec![
            (
                vec![Knowledge],
                Some("Studenten".into()),
                strings(&["kan forklare A"])
            ),
            (vec![Skills], None, strings(&["Be able to map B"])),
        ]
    );
    // Headings on consecutive lines: empty categories, each its own.
    let got = shape(
        "Kunnskaper og forståelse: Studenten\nFerdigheter: Studenten skal\nKompetanse:\nStudenten skal kunne\n",
    );
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[1],
        (vec![Skills], Some("Studenten skal".into()), vec![])
    );
    assert_eq!(
        got[2],
        (
            vec![GeneralCompetence],
            Some("Studenten skal kunne".into()),
            vec![]
        )
    );
}

#[test]
fn merged_and_loose_headings() {
    use Category::*;
    let (_, doc) =
        doc("## Kunnskap og ferdigheter\n- kan forklare A\n## Kompetanse\n- kan formidle B\n");
    assert!(doc.has_category(Knowledge) && doc.has_category(Skills));
    assert!(doc.has_category(GeneralCompetence));
    // "Kompetanse" is read as general competence and reported.
    assert_eq!(doc.problems.len(), 1);
    assert_eq!(
        doc.problems[0].replacement.as_deref(),
        Some("Generell kompetanse")
    );
    let (_, nn) = doc_nn("Dugleik\n- kan kartleggje A\n");
    assert!(nn.has_category(Skills));
}

fn doc_nn(text: &str) -> (SourceFile, Document) {
    let source = SourceFile::new("test.nn.lub.md", text);
    let doc = crate::parse::parse(&source);
    (source, doc)
}

#[test]
fn category_lead_ins_open_their_category() {
    use Category::*;
    assert_eq!(
        shape(
            "Kva lærer du?\n\nEtter fullført emne har du tileigna deg:\n\nkunnskapar om\n\n • A\n\nferdigheiter i å\n\n • skrive B\n"
        ),
        vec![
            (
                vec![Knowledge],
                Some("kunnskapar om".into()),
                strings(&["A"])
            ),
            (
                vec![Skills],
                Some("ferdigheiter i å".into()),
                strings(&["skrive B"])
            ),
        ]
    );
}

#[test]
fn a_list_under_a_lead_in_that_names_no_category_is_outcomes() {
    let got = shape(
        "The student knows about\n\n  • A\n\nGeneral competence\n\nThe student can\n\n  • work with B\n",
    );
    assert_eq!(
        got[0],
        (
            vec![],
            Some("The student knows about".into()),
            strings(&["A"])
        )
    );
    assert_eq!(got[1].2, strings(&["work with B"]));
}

#[test]
fn a_document_without_categories_is_read_flat() {
    // A flat list under the text's own heading.
    let got = shape("Expected learning outcomes\n\n  • Be able to carry out A.\n  • Find B.\n");
    assert_eq!(
        got,
        vec![(
            vec![],
            None,
            strings(&["Be able to carry out A.", "Find B."])
        )]
    );
    // Prose, split into sentences; the heading stays out.
    let got = shape(
        "Learning outcomes for the programme of study:\nThe aim is A. The programme gives B.\n",
    );
    assert_eq!(
        got[0].2,
        strings(&["The aim is A.", "The programme gives B."])
    );
    // A du-form lead-in.
    let got = shape(
        "Learning outcome\n\nAfter completing this course, you will be able to\n\n  • use maps\n",
    );
    assert_eq!(
        got[0].1.as_deref(),
        Some("After completing this course, you will be able to")
    );
    assert_eq!(got[0].2, strings(&["use maps"]));
}

#[test]
fn pasted_lists_keep_their_closing_paragraph_and_lose_their_comments() {
    let (source, doc) = doc(
        "    Kunnskap\n\n    • har kunnskap om A <!-- lub: allow vague-verb -->\n    • har kunnskap om B\n\n    Teksten gjelder fra 2024.\n",
    );
    let section = &doc.sections[0];
    let texts: Vec<String> = section
        .outcomes
        .iter()
        .map(|o| o.text.text(&source).into_owned())
        .collect();
    assert_eq!(texts, strings(&["har kunnskap om A", "har kunnskap om B"]));
    assert_eq!(section.body.len(), 1, "the closing paragraph is kept apart");
    assert_eq!(
        doc.directives[0].target,
        DirectiveTarget::Outcomes {
            section: 0,
            start: 0,
            end: 1
        }
    );
    // A line of no-break spaces is blank.
    let got = shape("Kunnskap:\n\u{a0}\nStudenten\n\n • kan A\n");
    assert_eq!(got[0].1.as_deref(), Some("Studenten"));
}

#[test]
fn emphasised_ids_are_ids() {
    assert_eq!(outcome_id_len("**K1**: har"), Some(7));
    assert_eq!(outcome_id_len("F3) kan"), Some(3));
    assert_eq!(outcome_id_len("k2 – kan"), Some(6));
}

#[test]
fn kind_and_level_come_from_the_text_when_the_front_matter_is_silent() {
    let (_, master) = doc(
        "Upon the completion of the Master's programme the candidate will have:\n\nGeneral competence\n- can A\n",
    );
    assert_eq!(
        master.meta.kind.as_ref().map(|k| k.value),
        Some(Kind::Programme)
    );
    assert_eq!(master.meta.level.as_ref().map(|l| l.value.get()), Some(7));
    assert!(master.inferred.kind && master.inferred.level);
    let (_, doc) = doc("Ved fullført emne skal studenten:\n\n## Kunnskap\n- kan A\n");
    assert_eq!(doc.meta.kind.as_ref().map(|k| k.value), Some(Kind::Course));
    assert!(doc.meta.level.is_none(), "a course does not say its level");
}

#[test]
fn a_comment_that_closes_where_it_opens_is_text() {
    // "<!-->" both opens and closes a comment in the same characters.
    let got = shape("## Kunnskap\n- kan forklare A <!-->\n");
    assert_eq!(got[0].2, strings(&["kan forklare A <!-->"]));
}
