#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! `lub render` and `lub new` as a user meets them: every format of every
//! corpus document, the words of the outcomes kept, HTML that a real parser
//! reads as intended, the safety checks, and the skeletons.

use std::path::Path;

mod support;
use support::{Run, lub, relative};

/// `lub ARGS…` from the project root: (status, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let run = Run::of(lub().args(args));
    (run.status, run.stdout, run.stderr)
}

#[test]
fn every_format_of_every_corpus_document() {
    insta::glob!("../corpus", "{nb,nn,en}/*.lub.md", |path| {
        let path = relative(path);
        for format in ["text", "markdown", "html", "json"] {
            let (status, stdout, stderr) = run(&["render", "--force", "--to", format, &path]);
            assert_eq!(status, 0, "{path} {format}: {stderr}");
            insta::assert_snapshot!(format, stdout);
        }
    });
}

#[test]
fn translation_pairs_render_together_norwegian_first() {
    for (path, expected) in [
        (
            "corpus/en/mtdt.en.lub.md",
            [
                "Master i datateknologi",
                "Master of Science in Computer Science",
            ],
        ),
        (
            "corpus/nn/bachelor-historie.nn.lub.md",
            [
                "Bachelorprogram i historie",
                "Bachelor's programme in history",
            ],
        ),
    ] {
        let (status, stdout, stderr) = run(&["render", "--lang", "all", "--to", "markdown", path]);
        assert_eq!(status, 0, "{stderr}");
        let first = stdout.find(expected[0]).expect("the Norwegian text");
        let second = stdout.find(expected[1]).expect("the English text");
        assert!(first < second, "Norwegian first");
        insta::assert_snapshot!(stdout);
    }
    let (status, stdout, _) = run(&["render", "--lang", "en", "corpus/nb/mtdt.nb.lub.md"]);
    assert_eq!(status, 0);
    assert!(
        stdout.starts_with("2.1 Name of qualification: Master of Science in Computer Science"),
        "{stdout}"
    );

    let (status, _, stderr) = run(&[
        "render",
        "--lang",
        "en",
        "corpus/nb/fagskole-elkraft.lub.md",
    ]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("no document in en with code FEL"),
        "{stderr}"
    );
}

/// The words of the text output, punctuation and wrapping aside.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_word_of_every_outcome_appears_in_order() {
    let linter = lub::Linter::builtin().unwrap();
    let (files, _) = lub::collect_files(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")]);
    let mut checked = 0;
    for file in files {
        let Ok(text) = String::from_utf8(std::fs::read(&file).unwrap()) else {
            continue;
        };
        let source = lub::SourceFile::new(file.display().to_string(), text);
        let doc = linter.parse(&source);
        let rendering = lub::render::Rendering::new(&doc, &source);
        for width in [30, 80, usize::MAX] {
            let output = words(&lub::render::text(&rendering, width));
            let mut at = 0;
            for outcome in doc.outcomes() {
                for word in words(&outcome.text.text(&source)) {
                    match output[at..].iter().position(|w| *w == word) {
                        Some(found) => at += found + 1,
                        None => panic!(
                            "{}: «{word}» of «{}» is missing",
                            file.display(),
                            outcome.text.text(&source)
                        ),
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} words checked");
}

const TRICKY: &str = "---\nlang: en\nkind: programme\nlevel: 7\ntitle: \"Law & <Order>\"\n---\n## Knowledge\nThe candidate can\n- explain why 2 < 3 && 5 > 4 in \"quotes\" and 'single quotes'\n- describe <script>alert(1)</script> attacks & their defences\n\n## Skills\nThe candidate can\n- write `code` with *stars* and _underscores_ and [links](http://x)\n\n## General competence\nThe candidate can\n- assess the ethics of <b>bold</b> claims about AI innovation\n";

#[test]
fn html_is_valid_and_escapes_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tricky.lub.md");
    std::fs::write(&path, TRICKY).unwrap();
    for page in [false, true] {
        let mut args = vec!["render", "--force", "--to", "html"];
        if page {
            args.push("--page");
        }
        let output = lub().args(&args).arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        let html = String::from_utf8(output.stdout).unwrap();
        let parsed = if page {
            scraper::Html::parse_document(&html)
        } else {
            scraper::Html::parse_fragment(&html)
        };
        assert!(
            parsed.errors.is_empty(),
            "HTML5 parse errors: {:?}\n{html}",
            parsed.errors
        );
        let items: Vec<String> = parsed
            .select(&scraper::Selector::parse("li").unwrap())
            .map(|li| li.text().collect())
            .collect();
        assert_eq!(
            items,
            vec![
                "explain why 2 < 3 && 5 > 4 in \"quotes\" and 'single quotes'",
                "describe <script>alert(1)</script> attacks & their defences",
                "write `code` with *stars* and _underscores_ and [links](http://x)",
                "assess the ethics of <b>bold</b> claims about AI innovation",
            ]
        );
        for tag in ["script", "b", "a"] {
            let found = parsed
                .select(&scraper::Selector::parse(tag).unwrap())
                .count();
            assert_eq!(found, 0, "a <{tag}> element came through");
        }
        let h1: String = parsed
            .select(&scraper::Selector::parse("h1").unwrap())
            .flat_map(|e| e.text())
            .collect();
        assert_eq!(h1, "Law & <Order>");
    }
}

#[test]
fn a_document_with_errors_is_refused_unless_forced() {
    let (status, stdout, stderr) = run(&["render", "corpus/nb/bachelor-okonomi-missing-gc.lub.md"]);
    assert_eq!(status, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("missing-category"),
        "the errors are shown as check shows them: {stderr}"
    );
    assert!(
        stderr.contains("use --force to render it anyway"),
        "{stderr}"
    );

    let (status, stdout, _) = run(&[
        "render",
        "--force",
        "corpus/nb/bachelor-okonomi-missing-gc.lub.md",
    ]);
    assert_eq!(status, 0);
    assert!(stdout.contains("Ferdigheter"));

    // Not text at all: nothing to render, forced or not.
    let (status, stdout, _) = run(&["render", "--force", "corpus/edge/binary.lub.md"]);
    assert_eq!((status, stdout.is_empty()), (1, true));
}

#[test]
fn max_chars_fails_with_the_actual_count() {
    let (status, stdout, _) = run(&["render", "--to", "json", "corpus/nb/mtdt.nb.lub.md"]);
    assert_eq!(status, 0);
    let rendering: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rendering["level"]["cycle"], "andre syklus");

    let (status, stdout, stderr) =
        run(&["render", "--max-chars", "1000", "corpus/nb/mtdt.nb.lub.md"]);
    assert_eq!(status, 1);
    assert!(stdout.is_empty());
    let count: usize = stderr
        .split("are ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the count is given");
    assert!(stderr.ends_with("the limit is 1000\n"), "{stderr}");
    let (status, _, _) = run(&[
        "render",
        "--max-chars",
        &count.to_string(),
        "corpus/nb/mtdt.nb.lub.md",
    ]);
    assert_eq!(status, 0, "exactly the count fits");
    let (status, _, _) = run(&[
        "render",
        "--max-chars",
        &(count - 1).to_string(),
        "corpus/nb/mtdt.nb.lub.md",
    ]);
    assert_eq!(status, 1, "one less does not");
}

#[test]
fn new_prints_a_skeleton_for_every_kind_level_and_language() {
    let linter = lub::Linter::builtin().unwrap();
    for kind in ["programme", "course"] {
        for level in ["5", "6", "7", "8"] {
            for lang in ["nb", "nn", "en"] {
                let (status, stdout, stderr) = run(&[
                    "new", "--kind", kind, "--level", level, "--lang", lang, "--code", "KODE",
                    "--title", "Tittel",
                ]);
                assert_eq!(status, 0, "{stderr}");
                // It parses, in its language, with the three categories, and
                // only its placeholders are errors.
                let report =
                    linter.check_source(lub::SourceFile::new("new.lub.md", stdout.clone()));
                let errors: Vec<&str> = report
                    .findings
                    .iter()
                    .filter(|f| f.severity == lub::Severity::Error)
                    .map(|f| &*f.rule)
                    .collect();
                assert_eq!(
                    errors,
                    vec!["placeholder"; 3],
                    "{kind} {level} {lang}:\n{stdout}"
                );
                let doc = linter.parse(&report.source);
                assert_eq!(doc.lang.code(), lang);
                assert_eq!(doc.categories().count(), 3);
                insta::assert_snapshot!(format!("new-{kind}-{level}-{lang}"), stdout);
            }
        }
    }
}

#[test]
fn new_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ny.lub.md");
    let args = [
        "new", "--kind", "course", "--level", "6", "--lang", "nb", "--output",
    ];
    let (status, _, stderr) = run(&[&args[..], &[path.to_str().unwrap()]].concat());
    assert_eq!(status, 0, "{stderr}");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("## Ferdigheter"));

    std::fs::write(&path, "mine").unwrap();
    let (status, _, stderr) = run(&[&args[..], &[path.to_str().unwrap()]].concat());
    assert_eq!(status, 2);
    assert!(
        stderr.contains("exists already; lub new never overwrites a file"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    // Nothing else was left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let (status, _, _) = run(&["new", "--kind", "course", "--level", "9", "--lang", "nb"]);
    assert_eq!(status, 2, "level outside 5..8 is a usage error");
}
