#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A finding that is about two places names the other one as a place of
//! its own: `related` in JSON, a `note:` line in the human format (SARIF's
//! `relatedLocations` are validated in `tests/order.rs`, the language
//! server's `relatedInformation` in `tests/lsp.rs`).

mod support;

use serde_json::Value;
use support::{Run, lub_in, write};

const DUPLICATE: &str = "## Kunnskap\n- kan gjøre rede for normalformer i relasjonsdatabaser\n## Ferdigheter\n- kan gjøre rede for normalformene i relasjonsdatabaser\n";

/// A programme in bokmål and its English translation, which gives other
/// credits.
fn translated(dir: &std::path::Path) {
    write(
        dir,
        "nb/mtdt.nb.lub.md",
        "---\ncode: MTDT\nkind: programme\nlevel: 7\ncredits: 120\nlang: nb\n---\n## Kunnskap\nKandidaten\n- kan forklare relasjonsdatabaser\n",
    );
    write(
        dir,
        "en/mtdt.en.lub.md",
        "---\ncode: MTDT\nkind: programme\nlevel: 7\ncredits: 90\nlang: en\n---\n## Knowledge\nThe candidate\n- can explain relational databases\n",
    );
}

fn findings(run: &Run) -> Vec<Value> {
    serde_json::from_str::<Value>(&run.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn json_gives_the_outcome_a_duplicate_repeats() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "db.lub.md", DUPLICATE);
    let run = Run::of(lub_in(dir.path()).args(["check", "--format", "json", "db.lub.md"]));
    let found = findings(&run);
    let duplicate = found
        .iter()
        .find(|f| f["rule"] == "duplicate-outcome")
        .unwrap_or_else(|| panic!("{found:#?}"));
    let related = duplicate["related"].as_array().unwrap();
    assert_eq!(related.len(), 1, "{related:#?}");
    let place = &related[0];
    assert_eq!(place["file"], "db.lub.md");
    assert_eq!(place["line"], 2);
    assert_eq!(place["column"], 3);
    assert_eq!(place["end_line"], 2);
    let (start, end) = (
        place["byte_start"].as_u64().unwrap() as usize,
        place["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &DUPLICATE[start..end],
        "kan gjøre rede for normalformer i relasjonsdatabaser"
    );
    assert_eq!(place["label"], "utbyttet det gjentar");
    // The message says where as well, as it did.
    assert!(
        duplicate["message"].as_str().unwrap().contains("linje 2"),
        "{duplicate}"
    );
    // A finding with no other place has no `related` key.
    for finding in found.iter().filter(|f| f["rule"] != "duplicate-outcome") {
        assert!(finding.get("related").is_none(), "{finding}");
    }
}

#[test]
fn json_gives_what_the_other_language_version_says() {
    let dir = tempfile::tempdir().unwrap();
    translated(dir.path());
    let run = Run::of(lub_in(dir.path()).args(["check", "--format", "json", "."]));
    let found = findings(&run);
    let mismatch = found
        .iter()
        .find(|f| f["rule"] == "translation-mismatch" && f["text"] == "90")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(mismatch["file"], "en/mtdt.en.lub.md");
    let place = &mismatch["related"][0];
    assert_eq!(place["file"], "nb/mtdt.nb.lub.md");
    assert_eq!(place["line"], 5);
    assert_eq!(place["column"], 10);
    assert_eq!(place["end_column"], 13);
    assert_eq!(place["label"], "what the other language version says");
}

#[test]
fn the_human_format_notes_the_other_place_under_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    translated(dir.path());
    let run = Run::of(lub_in(dir.path()).args(["check", "."]));
    assert!(
        run.stdout
            .contains("  note: what the other language version says: nb/mtdt.nb.lub.md:5:10\n"),
        "{}",
        run.stdout
    );
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "db.lub.md", DUPLICATE);
    let run = Run::of(lub_in(dir.path()).args(["check", "db.lub.md"]));
    assert!(
        run.stdout
            .contains("  note: utbyttet det gjentar: db.lub.md:2:3\n"),
        "{}",
        run.stdout
    );
}

/// A document whose outcome repeats the end of its lead-in, which a safe
/// fix removes.
const FIXABLE: &str = "## Ferdigheter\nKandidaten kan\n- kan bruke SQL til å hente ut data fra en relasjonsdatabase\n";

#[test]
fn json_carries_the_safe_fix_and_the_files_that_could_not_be_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", FIXABLE);
    let run = Run::of(lub_in(dir.path()).args([
        "check",
        "--format",
        "json",
        "a.lub.md",
        "missing.lub.md",
    ]));
    assert_eq!(run.status, 2, "{}", run.stderr);
    // Standard error says it, as it did.
    assert!(
        run.stderr.contains("error: missing.lub.md: "),
        "{}",
        run.stderr
    );
    let found = findings(&run);
    let missing = found
        .iter()
        .find(|f| f["file"] == "missing.lub.md")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(missing.get("rule").is_none(), "{missing}");
    assert!(!missing["error"].as_str().unwrap().is_empty(), "{missing}");

    let lead_in = found
        .iter()
        .find(|f| f["rule"] == "lead-in")
        .unwrap_or_else(|| panic!("{found:#?}"));
    let edits = lead_in["fix"]["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    let edit = &edits[0];
    let (start, end) = (
        edit["byte_start"].as_u64().unwrap() as usize,
        edit["byte_end"].as_u64().unwrap() as usize,
    );
    let mut fixed = FIXABLE.to_string();
    fixed.replace_range(start..end, edit["replacement"].as_str().unwrap());
    // What the edits give is what `--fix` writes.
    let run_fix = Run::of(lub_in(dir.path()).args(["check", "--fix", "a.lub.md"]));
    assert_eq!(run_fix.status, 1, "{}", run_fix.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.lub.md")).unwrap(),
        fixed
    );
    assert_eq!(
        (edit["line"].clone(), edit["column"].clone()),
        (3.into(), 3.into())
    );
    // A finding without a safe fix has no `fix`.
    for finding in found.iter().filter(|f| f["rule"] != "lead-in") {
        assert!(finding.get("fix").is_none(), "{finding}");
    }
}
