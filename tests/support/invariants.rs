//! What must hold for any input, whatever it is: shared by the property
//! tests (`tests/properties.rs`) and the fuzz target (`fuzz/`).

use std::sync::LazyLock;

use lub::output::{self, Format};
use lub::render::{self, Rendering};
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
pub(crate) fn run_everything(bytes: &[u8]) {
    let linter = &*LINTER;
    let (doc, report) = lub::single::document(linter, "prop.lub.md", bytes.to_vec());
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
            let mut reporter = output::reporter(
                format,
                Box::new(&mut out),
                Box::new(&mut err),
                output::Style::plain(),
                linter.rules(),
            );
            reporter.file(&report).unwrap();
        }
        let out = String::from_utf8(out).expect("the output is UTF-8");
        if matches!(format, Format::Human | Format::Compact | Format::Github) {
            assert_visible(&out, &format!("{format:?}"));
        }
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

    let fixed = lub::single::fix(linter, "prop.lub.md", bytes.to_vec());
    if fixed.fixes > 0 {
        let fixed_text = &String::from_utf8(fixed.bytes.clone()).expect("a fixed text is UTF-8");
        let diff = output::unified_diff("prop.lub.md", text, fixed_text);
        // A lone `\r` ends a line in the diff and not in `patched`.
        let lone_cr = |t: &str| t.split("\r\n").any(|part| part.contains('\r'));
        assert!(
            lone_cr(text) || lone_cr(fixed_text) || patched(text, &diff) == *fixed_text,
            "the diff turns the text into the fixed text:\n{diff}"
        );
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

/// What a text stream shows once through the escaping writer every text
/// format goes through: no control character but line breaks and tabs.
fn assert_visible(out: &str, what: &str) {
    use std::io::Write as _;
    let mut shown = Vec::new();
    {
        let mut writer = lub::escape::VisibleWriter::new(&mut shown);
        writer.write_all(out.as_bytes()).unwrap();
    }
    let shown = String::from_utf8(shown).expect("escaped output is UTF-8");
    let raw = shown.char_indices().find(|&(i, c)| {
        (c.is_control()
            && c != '\n'
            && c != '\t'
            && !(c == '\r' && shown[i + 1..].starts_with('\n')))
            || ('\u{202a}'..='\u{202e}').contains(&c)
    });
    assert!(
        raw.is_none(),
        "{what} shows a raw control character: {raw:?}"
    );
}

/// `text` with a unified diff applied: the check that `--diff` shows what
/// `--fix` writes.
fn patched(text: &str, diff: &str) -> String {
    let old: Vec<&str> = text.split_inclusive(['\n']).collect();
    let mut out = String::new();
    let mut at = 0;
    let lines = diff.split_inclusive('\n');
    let mut last_added: Option<usize> = None;
    for line in lines {
        if line.starts_with("--- ") || line.starts_with("+++ ") {
            continue;
        }
        if let Some(header) = line.strip_prefix("@@ -") {
            let start: usize = header
                .split([',', ' '])
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap();
            // An empty old range names the line before it.
            let count_zero = header.split(' ').next().is_some_and(|r| r.ends_with(",0"));
            let first = if count_zero {
                start
            } else {
                start.saturating_sub(1)
            };
            while at < first {
                out.push_str(old[at]);
                at += 1;
            }
            continue;
        }
        if line == "\\ No newline at end of file\n" {
            if let Some(from) = last_added.take()
                && out.ends_with('\n')
                && out.len() > from
            {
                out.pop();
            }
            continue;
        }
        last_added = None;
        match line.as_bytes().first() {
            Some(b' ') => {
                out.push_str(old[at]);
                at += 1;
            }
            Some(b'-') => at += 1,
            Some(b'+') => {
                let from = out.len();
                out.push_str(&line[1..]);
                last_added = Some(from);
            }
            _ => panic!("not a diff line: {line:?}"),
        }
    }
    while at < old.len() {
        out.push_str(old[at]);
        at += 1;
    }
    out
}

/// Any bytes as an FS export and as a saved course page: no panic, and
/// every document `import` makes is one lub reads as any other, with the
/// same invariants.
pub(crate) fn run_import(bytes: &[u8]) {
    if let Ok((documents, _)) = lub::import::convert_export(bytes) {
        for imported in documents.iter().take(4) {
            run_everything(imported.text.as_bytes());
        }
    }
    let text = String::from_utf8_lossy(bytes);
    if let Ok(page) = lub::import::html::page(&text) {
        let meta = lub::import::document::Meta {
            code: page.code.clone(),
            lang: page.lang,
            title: page.title.clone(),
            ..Default::default()
        };
        run_everything(lub::import::document::markdown(&meta, &page.blocks).as_bytes());
    }
}

/// What `--fix` promises of a fixed document: it reads as a document as the
/// original did, each fix took its finding with it, no finding is new, and
/// no lead-in mixes two languages that the original did not mix.
fn fixes_hold(text: &str, before: &[lub::Finding], fixed_text: &str, fixed: &lub::single::Fixed) {
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
    // A lead-in is on one line: a learner that ends one outcome and a modal
    // that opens the next are no pair.
    text.lines()
        .map(|line| {
            lub::learner::words(line, 0)
                .windows(2)
                .filter(|pair| {
                    let (noun, modal) = (&pair[0].0, &pair[1].0);
                    let norwegian = lub::learner::names_in(noun, Lang::Nb);
                    let english = lub::learner::names_in(noun, Lang::En);
                    (norwegian && !english && modal == "can")
                        || (english && !norwegian && modal == "kan")
                })
                .count()
        })
        .sum()
}
