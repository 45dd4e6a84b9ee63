//! What must hold for any input, whatever it is: shared by the property
//! tests (`tests/properties.rs`) and the fuzz target (`fuzz/`).

use std::sync::LazyLock;

use lub::render::{self, Rendering};
use lub::report::{self, Format};
use lub::{Linter, SourceFile};

static LINTER: LazyLock<Linter> = LazyLock::new(|| Linter::builtin().unwrap());

fn assert_span_inside(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} {start}..{end} is outside the text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} splits a character"
    );
}

/// Every `{start, end}` in the serialised AST: the AST holds only spans.
fn ast_spans(value: &serde_json::Value, spans: &mut Vec<(usize, usize)>) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(start), Some(end), 2) = (
                map.get("start").and_then(serde_json::Value::as_u64),
                map.get("end").and_then(serde_json::Value::as_u64),
                map.len(),
            ) {
                spans.push((start as usize, end as usize));
            }
            map.values().for_each(|v| ast_spans(v, spans));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| ast_spans(v, spans)),
        _ => {}
    }
}

/// Runs the whole of lub over `bytes`, asserting what must hold.
pub fn run_everything(bytes: &[u8]) {
    let linter = &*LINTER;
    let (doc, report) = linter.check_document("prop.lub.md", bytes.to_vec());
    let text = &*report.source.text;

    let mut spans = Vec::new();
    ast_spans(&serde_json::to_value(&doc).unwrap(), &mut spans);
    for (start, end) in spans {
        assert_span_inside(text, start, end, "an AST span");
    }
    for finding in &report.findings {
        assert_span_inside(text, finding.span.start, finding.span.end, &finding.rule);
        for edit in finding.fix.iter().flat_map(|f| &f.edits) {
            assert_span_inside(text, edit.span.start, edit.span.end, "a fix");
        }
    }

    for format in [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Compact,
    ] {
        let mut out = Vec::new();
        let mut err = Vec::new();
        {
            let mut reporter = report::reporter(
                format,
                Box::new(&mut out),
                Box::new(&mut err),
                false,
                linter.rules(),
            );
            reporter.file(&report).unwrap();
        }
        assert!(String::from_utf8(out).is_ok(), "{format:?} output is UTF-8");
    }

    let source = SourceFile::new("prop.lub.md", text.to_string());
    let rendering = Rendering::new(&doc, &source, linter.data().lexicon(doc.lang));
    for format in [
        render::Format::Text,
        render::Format::Markdown,
        render::Format::Html,
        render::Format::Json,
    ] {
        render::render_all(std::slice::from_ref(&rendering), format, 72, true);
    }

    let fixed = linter.fix_bytes("prop.lub.md", bytes.to_vec());
    if let Some(fixed_text) = &fixed.text {
        for finding in &fixed.report.findings {
            assert_span_inside(
                fixed_text,
                finding.span.start,
                finding.span.end,
                &finding.rule,
            );
        }
        fixes_hold(text, &report.findings, fixed_text, &fixed);
    }
}

/// What `--fix` promises of a fixed document: it reads as a document as the
/// original did, each fix took its finding with it, no finding is new, and
/// no lead-in mixes two languages that the original did not mix.
fn fixes_hold(text: &str, before: &[lub::Finding], fixed_text: &str, fixed: &lub::check::Fixed) {
    let count = |findings: &[lub::Finding], rule: &str| {
        findings.iter().filter(|f| &*f.rule == rule).count()
    };
    for finding in &fixed.report.findings {
        assert!(
            count(&fixed.report.findings, &finding.rule) <= count(before, &finding.rule),
            "the fix brought a new {} finding: {:?}\nin:\n{fixed_text}",
            finding.rule,
            finding.message
        );
    }
    assert!(
        before.len() >= fixed.report.findings.len() + fixed.fixes,
        "{} fixes, but {} findings before and {} after",
        fixed.fixes,
        before.len(),
        fixed.report.findings.len()
    );
    assert!(
        mixed_lead_ins(fixed_text) <= mixed_lead_ins(text),
        "a fix mixed two languages in a lead-in:\n{fixed_text}"
    );
}

/// How many times a learner of one language is followed by the modal of
/// another ("The candidate kan", "Kandidaten can").
fn mixed_lead_ins(text: &str) -> usize {
    use lub::lang::Lang;
    let words = lub::learner::words(text, 0);
    words
        .windows(2)
        .filter(|pair| {
            let (noun, modal) = (&pair[0].0, &pair[1].0);
            let norwegian = lub::learner::names_in(noun, Lang::Nb);
            let english = lub::learner::names_in(noun, Lang::En);
            (norwegian && !english && modal == "can") || (english && !norwegian && modal == "kan")
        })
        .count()
}
