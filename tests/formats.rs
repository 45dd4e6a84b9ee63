#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! `--format sarif|github|compact` on the corpus: snapshots, and the
//! structure SARIF consumers rely on.

use assert_cmd::Command;

fn check(format: &str, path: &str) -> String {
    let output = Command::cargo_bin("lub")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", format, path])
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn github_and_compact_snapshots() {
    for path in [
        "corpus/nb/emne-statistikk-vague.lub.md",
        "corpus/edge/misspelt-headings.lub.md",
    ] {
        insta::assert_snapshot!(check("github", path));
        insta::assert_snapshot!(check("compact", path));
    }
}

#[test]
fn sarif_snapshot() {
    let sarif: serde_json::Value =
        serde_json::from_str(&check("sarif", "corpus/nb/emne-statistikk-vague.lub.md")).unwrap();
    // The driver's rule descriptions have their own snapshots (explain);
    // here the results.
    insta::assert_json_snapshot!(sarif["runs"][0]["results"]);
}

#[test]
fn sarif_is_structurally_sound_over_the_whole_corpus() {
    let sarif: serde_json::Value = serde_json::from_str(&check("sarif", "corpus")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let linter = lub::Linter::builtin().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        linter.rules().ids().collect::<Vec<_>>(),
        "every rule is described"
    );
    for rule in rules {
        for field in [
            "name",
            "shortDescription",
            "fullDescription",
            "defaultConfiguration",
        ] {
            assert!(!rule[field].is_null(), "{} has no {field}", rule["id"]);
        }
        assert!(
            ["error", "warning", "note"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap())
        );
    }
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 50);
    for result in results {
        let rule_id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[index], rule_id, "ruleIndex points at the rule");
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with('/'), "relative URI: {uri}");
        let region = &location["region"];
        let line = region["startLine"].as_u64().unwrap() as usize;
        let column = region["startColumn"].as_u64().unwrap() as usize;
        assert!(line >= 1 && column >= 1);
        // The region is where the finding's text is in the real file.
        let Some(snippet) = region["snippet"]["text"].as_str() else {
            continue;
        };
        let bytes =
            std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(uri)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let at_line: String = text
            .split('\n')
            .nth(line - 1)
            .unwrap()
            .chars()
            .skip(column - 1)
            .collect();
        let first_line = snippet.split('\n').next().unwrap();
        assert!(
            at_line.starts_with(first_line.trim_end_matches('\r')),
            "{uri}:{line}:{column}: {at_line:?} vs {snippet:?}"
        );
        if region["endLine"] == region["startLine"] {
            let end = region["endColumn"].as_u64().unwrap() as usize;
            assert_eq!(
                end - column,
                snippet.chars().count(),
                "{uri}:{line}: end column"
            );
        }
    }
}
