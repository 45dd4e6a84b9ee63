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
        let rendering = lub::render::Rendering::new(&doc, &source, linter.data().lexicon(doc.lang));
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
                    lub::single::report(&linter, "new.lub.md", stdout.clone().into_bytes());
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

/// Each category of a rendering as `(lead-in, outcomes)`, read back from
/// the output of one format.
fn pairs(format: &str, out: &str) -> Vec<(String, Vec<String>)> {
    let mut found: Vec<(String, Vec<String>)> = Vec::new();
    match format {
        "json" => {
            let value: serde_json::Value = serde_json::from_str(out).unwrap();
            let documents = match value.as_array() {
                Some(all) => all.clone(),
                None => vec![value],
            };
            for document in documents {
                for category in document["categories"].as_array().unwrap() {
                    found.push((
                        category["lead_in"].as_str().unwrap_or_default().to_string(),
                        category["outcomes"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|o| o.as_str().unwrap().to_string())
                            .collect(),
                    ));
                }
            }
        }
        "html" => {
            let page = scraper::Html::parse_fragment(out);
            let list = scraper::Selector::parse("ul").unwrap();
            let item = scraper::Selector::parse("li").unwrap();
            for ul in page.select(&list) {
                let lead = ul
                    .prev_siblings()
                    .filter_map(scraper::ElementRef::wrap)
                    .next()
                    .filter(|e| e.value().name() == "p")
                    .map(|e| e.text().collect::<String>())
                    .unwrap_or_default();
                let items = ul.select(&item).map(|li| li.text().collect()).collect();
                found.push((lead, items));
            }
        }
        // Text and Markdown: a line that is not an item, then its items.
        _ => {
            let mut lead = String::new();
            for line in out.lines() {
                let trimmed = line.trim_start();
                if let Some(item) = trimmed.strip_prefix("- ") {
                    match found.last_mut() {
                        Some((l, items)) if *l == lead => items.push(item.to_string()),
                        _ => found.push((lead.clone(), vec![item.to_string()])),
                    }
                } else if !trimmed.is_empty() {
                    lead = trimmed.to_string();
                }
            }
        }
    }
    found
}

/// Whether "LEAD-IN OUTCOME" reads as a sentence, by the words a reader
/// would stumble on: after a modal, no verb of the outcome's own; after a
/// bare learner, a verb of the outcome's own; never the learner twice.
fn reads_on(lead: &str, outcome: &str) -> bool {
    const MODALS: &[&str] = &["kan", "can", "kunne", "should", "to", "skal", "will"];
    const OWN: &[&str] = &[
        "kan", "can", "har", "has", "er", "is", "are", "kjenner", "knows", "skal", "will",
        "should", "must", "vil",
    ];
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let learner = |w: &str| lub::learner::is_noun(w);
    let lead = words(lead);
    let outcome = words(outcome);
    let (Some(last), Some(first)) = (lead.last(), outcome.first()) else {
        return true;
    };
    let second = outcome.get(1).map(String::as_str).unwrap_or_default();
    if learner(first) || learner(second) && first == "the" {
        // Self-standing, which is fine only where no lead-in names the
        // learner already.
        return !lead.iter().any(|w| learner(w));
    }
    if MODALS.contains(&last.as_str()) {
        !OWN.contains(&first.as_str())
    } else if learner(last) {
        OWN.contains(&first.as_str()) || first.ends_with('r') || first.ends_with('s')
    } else {
        true
    }
}

#[test]
fn every_lead_in_and_outcome_of_every_corpus_document_reads_as_a_sentence() {
    let (files, _) = lub::collect_files(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")]);
    let mut rendered = 0;
    let mut refused = 0;
    for file in files {
        let path = relative(&file);
        for format in ["text", "markdown", "html", "json"] {
            let (status, stdout, stderr) =
                run(&["render", "--width", "100000", "--to", format, &path]);
            if status != 0 {
                assert!(
                    stderr.contains("has errors") || stderr.contains("not read on from"),
                    "{path} {format}: refused for a reason it gives: {stderr}"
                );
                refused += 1;
                continue;
            }
            rendered += 1;
            for (lead, outcomes) in pairs(format, &stdout) {
                for outcome in outcomes {
                    assert!(
                        reads_on(&lead, &outcome),
                        "{path} {format}: «{lead}» + «{outcome}» does not read as a sentence"
                    );
                }
            }
            for hidden in ["<!--", "&lt;!--", "lub: allow"] {
                assert!(
                    !stdout.contains(hidden),
                    "{path} {format}: {hidden} in\n{stdout}"
                );
            }
        }
    }
    assert!(
        rendered > 60 && refused > 0,
        "{rendered} rendered, {refused} refused"
    );
}

#[test]
fn outcomes_with_a_verb_of_their_own_take_it_and_the_lead_in_gives_its_verb_to_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.lub.md");
    std::fs::write(
        &path,
        "---\nlang: nb\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten kan\n\n\
         - har bred kunnskap om bærende konstruksjoner <!-- lub: allow lead-in -->\n\
         - forklare hvordan en bro bærer last\n\n## Ferdigheter\nKandidaten kan\n\n\
         - beregne krefter i et fagverk\n\n## Generell kompetanse\nKandidaten kan\n\n\
         - formidle beregninger til byggherren\n",
    )
    .unwrap();
    let run = Run::of(lub().args(["render", "--to", "json", path.to_str().unwrap()]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let knowledge = &json["categories"][0];
    assert_eq!(knowledge["lead_in"], "Kandidaten");
    assert_eq!(
        knowledge["outcomes"],
        serde_json::json!([
            "har bred kunnskap om bærende konstruksjoner",
            "kan forklare hvordan en bro bærer last"
        ])
    );
    assert_eq!(json["categories"][1]["lead_in"], "Kandidaten kan");
}

#[test]
fn an_outcome_that_cannot_be_made_to_read_on_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.lub.md");
    std::fs::write(
        &path,
        "---\nlang: nb\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten\n\n\
         - har bred kunnskap om bærende konstruksjoner\n- forklare hvordan en bro bærer last\n\n\
         ## Ferdigheter\nKandidaten kan\n\n- beregne krefter i et fagverk\n\n\
         ## Generell kompetanse\nKandidaten kan\n\n- formidle beregninger til byggherren\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let run = Run::of(lub().args(["render", path]));
    assert_eq!(run.status, 1, "{}", run.stdout);
    run.said("this outcome does not read on from its lead-in");
    run.said("line 10: - forklare hvordan en bro bærer last");
    run.said("«forklare» fører ikke innledningen «Kandidaten» videre");
    let norwegian = Run::of(lub().args(["render", "--message-lang", "nb", path]));
    norwegian.said("dette utfallet leser ikke videre fra innledningen sin");
    norwegian.said("linje 10: - forklare hvordan en bro bærer last");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let forced = Run::of(lub().args(["render", "--force", path]));
    assert_eq!(forced.status, 0, "{}", forced.stderr);
    assert!(
        forced
            .stdout
            .contains("- forklare hvordan en bro bærer last")
    );
}
