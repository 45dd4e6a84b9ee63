//! Builder tests: what each shape of text turns into.

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
        vec![(Some(Category::Knowledge), "A".into())]
    );
    assert!(doc.problems.is_empty());
    // The second lead-in names no category, and there is no heading to
    // continue: its list is kept as free text, not guessed into one.
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.sections[1].category, None);
    assert_eq!(doc.sections[1].body.len(), 2);
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
