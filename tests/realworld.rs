#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! Real published learning-outcome texts, read from `../shared/realworld/`
//! (they are not ours, so they are never copied into the project). Every
//! document listed in its `index.json` must parse with no `parse-error`,
//! and with exactly the categories the index says the text has.
//!
//! Set `LUB_REALWORLD` to read them from elsewhere. When the folder is not
//! there the test says so and passes: a contributor without it can still
//! run the suite.

use std::collections::BTreeSet;
use std::path::PathBuf;

use lub::lang::Category;

#[path = "../bench/realworld.rs"]
mod texts;

fn realworld() -> Option<PathBuf> {
    let dir = texts::dir();
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: no real-world texts at {} (set LUB_REALWORLD)",
            dir.display()
        );
        None
    }
}

#[derive(serde::Deserialize)]
struct Entry {
    file: String,
    lang: String,
    categories: Vec<String>,
}

#[test]
fn every_real_document_parses_with_its_categories() {
    let Some(dir) = realworld() else { return };
    let mut checked = 0;
    let mut indexes = 0;
    for lang_dir in ["nb", "nn", "en"] {
        let index_path = dir.join(lang_dir).join("index.json");
        let Ok(index) = std::fs::read_to_string(&index_path) else {
            continue;
        };
        indexes += 1;
        let entries: Vec<Entry> = serde_json::from_str(&index).expect("index.json is valid");
        let linter = lub::Linter::builtin().expect("built-in rules load");
        let mut failures = Vec::new();
        for entry in entries {
            let path = dir.join(lang_dir).join(&entry.file);
            let bytes = std::fs::read(&path).expect("indexed file exists");
            let report = linter.check_bytes(&entry.file, bytes.clone());
            let parse_errors: Vec<&str> = report
                .findings
                .iter()
                .filter(|f| &*f.rule == "parse-error")
                .map(|f| f.message.as_str())
                .collect();
            if !parse_errors.is_empty() {
                failures.push(format!("{}: parse-error: {parse_errors:?}", entry.file));
            }
            let source =
                lub::SourceFile::new(entry.file.clone(), String::from_utf8(bytes).expect("UTF-8"));
            let doc = lub::parse(&source);
            // The categories the text names, with outcomes or not (the
            // index lists a heading whose list the page lost).
            let found: BTreeSet<&str> = Category::ALL
                .into_iter()
                .filter(|c| doc.has_category(*c))
                .map(Category::key)
                .collect();
            let expected: BTreeSet<&str> = entry.categories.iter().map(String::as_str).collect();
            if found != expected {
                failures.push(format!(
                    "{}: categories {found:?}, expected {expected:?}",
                    entry.file
                ));
            }
            if doc.lang.code() != entry.lang {
                failures.push(format!(
                    "{}: language {}, expected {}",
                    entry.file, doc.lang, entry.lang
                ));
            }
            checked += 1;
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
    if indexes == 0 {
        eprintln!(
            "skipped: {} has no nb/, nn/ or en/ index.json",
            dir.display()
        );
        return;
    }
    eprintln!("{checked} real documents parsed with their categories");
    assert!(
        checked > 0,
        "an index.json was found but listed no documents"
    );
}
