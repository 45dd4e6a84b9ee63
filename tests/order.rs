#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every format in one stable order (file, then line and column, then
//! rule), with the findings across documents in their document's place;
//! directives that allow such a finding; SARIF that validates.

mod support;

use std::path::Path;

use support::{Run, lub_in, write};

/// A catalogue of three documents: `a` and `b` are the Norwegian text of a
/// programme and its English translation, which has one skill fewer (a
/// finding across documents, in `b`); `c` comes after both and has a vague
/// verb.
fn catalogue(dir: &Path, allow_in_translation: bool) {
    write(
        dir,
        "a.lub.md",
        "---\ncode: BKOR\nkind: programme\nlevel: 6\ncredits: 180\nlang: nb\n---\n\
         ## Kunnskap\nKandidaten\n\n- har bred kunnskap om korrosjon i stål og betong\n\n\
         ## Ferdigheter\nKandidaten kan\n\n- måle korrosjonshastighet i felt\n\
         - velge beskyttelse for en konstruksjon\n- skrive en tilstandsrapport\n\n\
         ## Generell kompetanse\nKandidaten kan\n\n- formidle funn til byggherrer\n",
    );
    let allow = if allow_in_translation {
        "<!-- lub: allow translation-mismatch -->\n"
    } else {
        ""
    };
    write(
        dir,
        "b.lub.md",
        &format!(
            "---\ncode: BKOR\nkind: programme\nlevel: 6\ncredits: 180\nlang: en\n---\n{allow}\
             ## Knowledge\nThe candidate\n\n- has broad knowledge of corrosion in steel and concrete\n\n\
             ## Skills\nThe candidate can\n\n- measure corrosion rates in the field\n\
             - choose protection for a structure\n\n\
             ## General competence\nThe candidate can\n\n- present findings to clients\n"
        ),
    );
    write(
        dir,
        "c.lub.md",
        "---\nkind: course\nlevel: 6\nlang: nb\n---\n## Kunnskap\nKandidaten\n\n\
         - skal forstå hvordan rust oppstår\n\n## Ferdigheter\nKandidaten kan\n\n\
         - måle tykkelsen på et malingslag\n\n## Generell kompetanse\nKandidaten kan\n\n\
         - samarbeide med andre fag om vedlikehold\n",
    );
}

/// `(file, line, column, rule)` of every finding, as each format prints
/// them.
fn positions(dir: &Path, format: &str) -> Vec<(String, u64, u64, String)> {
    let run = Run::of(lub_in(dir).args(["check", "--format", format, "--fail-on", "error", "."]));
    assert_eq!(run.status, 0, "{format}: {}", run.stderr);
    let out = &run.stdout;
    match format {
        "json" => serde_json::from_str::<serde_json::Value>(out)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                    f["rule"].as_str().unwrap().to_string(),
                )
            })
            .collect(),
        "sarif" => {
            let sarif: serde_json::Value = serde_json::from_str(out).unwrap();
            sarif["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let location = &r["locations"][0]["physicalLocation"];
                    (
                        location["artifactLocation"]["uri"]
                            .as_str()
                            .unwrap()
                            .to_string(),
                        location["region"]["startLine"].as_u64().unwrap(),
                        location["region"]["startColumn"].as_u64().unwrap(),
                        r["ruleId"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        }
        // `file:line:column: severity rule: message`
        "compact" => out
            .lines()
            .map(|line| {
                let mut parts = line.splitn(4, ':');
                let file = parts.next().unwrap().to_string();
                let line_no = parts.next().unwrap().parse().unwrap();
                let column = parts.next().unwrap().parse().unwrap();
                let rule = parts.next().unwrap().split_whitespace().nth(1).unwrap();
                let rule = rule.trim_end_matches(':');
                (file, line_no, column, rule.to_string())
            })
            .collect(),
        // `::warning file=F,line=L,col=C,…,title=lub RULE::message`
        "github" => out
            .lines()
            .filter(|line| line.starts_with("::"))
            .map(|line| {
                let field = |name: &str| {
                    line.split([',', ' ', ':'])
                        .find_map(|part| part.strip_prefix(&format!("{name}=")))
                        .unwrap()
                        .to_string()
                };
                let rule = line
                    .split("title=lub ")
                    .nth(1)
                    .unwrap()
                    .split("::")
                    .next()
                    .unwrap();
                (
                    field("file"),
                    field("line").parse().unwrap(),
                    field("col").parse().unwrap(),
                    rule.to_string(),
                )
            })
            .collect(),
        // The human format names each place as `╭─[file:line:column]`
        // under a line with the rule id.
        "human" => {
            let lines: Vec<&str> = out.lines().collect();
            let mut found = Vec::new();
            let mut rule = String::new();
            for line in lines {
                if let Some(place) = line.trim().strip_prefix("╭─[") {
                    let place = place.trim_end_matches(']');
                    let mut parts = place.rsplitn(3, ':');
                    let column = parts.next().unwrap().parse().unwrap();
                    let line_no = parts.next().unwrap().parse().unwrap();
                    let file = parts.next().unwrap().to_string();
                    found.push((file, line_no, column, rule.clone()));
                } else if !line.starts_with(' ') && !line.is_empty() && !line.contains(' ') {
                    rule = line.to_string();
                }
            }
            found
        }
        other => panic!("no reader for {other}"),
    }
}

#[test]
fn every_format_sorts_by_file_then_place_then_rule_with_findings_across_documents_in_place() {
    let dir = tempfile::tempdir().unwrap();
    catalogue(dir.path(), false);
    for format in ["json", "compact", "github", "sarif", "human"] {
        let found = positions(dir.path(), format);
        assert!(
            found
                .iter()
                .any(|(file, _, _, rule)| file.ends_with("b.lub.md")
                    && rule == "translation-mismatch"),
            "{format}: the translation is found to differ: {found:?}"
        );
        assert!(
            found.iter().any(|(file, ..)| file.ends_with("c.lub.md")),
            "{format}: {found:?}"
        );
        let mut sorted = found.clone();
        sorted.sort();
        assert_eq!(found, sorted, "{format} is in order");
    }
}

#[test]
fn a_directive_allows_a_finding_across_documents_and_is_not_reported_as_allowing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    catalogue(dir.path(), true);
    let run = Run::of(lub_in(dir.path()).args(["check", "--format", "json", "."]));
    let rules: Vec<(&str, &str)> = run
        .findings
        .iter()
        .map(|f| (f.file.as_str(), f.rule.as_str()))
        .collect();
    assert!(
        !rules
            .iter()
            .any(|(_, rule)| *rule == "translation-mismatch"),
        "{rules:?}"
    );
    assert!(
        !rules.iter().any(|(_, rule)| *rule == "bad-directive"),
        "the directive allows what is found: {rules:?}"
    );
    // Without the finding to allow, the same directive is reported.
    write(
        dir.path(),
        "b.lub.md",
        &std::fs::read_to_string(dir.path().join("b.lub.md"))
            .unwrap()
            .replace(
                "- choose protection for a structure\n",
                "- choose protection for a structure\n- write a condition report\n",
            ),
    );
    let run = Run::of(lub_in(dir.path()).args(["check", "--format", "json", "."]));
    assert_eq!(
        run.finding("b.lub.md", "bad-directive"),
        Some("allows “translation-mismatch”, which finds nothing here"),
        "{:?}",
        run.rules_and_texts()
    );
}

fn sarif_schema() -> jsonschema::Validator {
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif/sarif-2.1.0-rtm.5.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // The published schema's pattern for `language` (of a run and of a tool
    // component) has a stray `]`, and a validator that checks the schema
    // itself refuses it; lub writes no `language`, so the pattern is
    // replaced by what it means to say.
    fn mend(value: &mut serde_json::Value) -> usize {
        match value {
            serde_json::Value::String(s) if s == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_string();
                1
            }
            serde_json::Value::Object(map) => map.values_mut().map(mend).sum(),
            serde_json::Value::Array(items) => items.iter_mut().map(mend).sum(),
            _ => 0,
        }
    }
    assert!(
        mend(&mut schema) > 0,
        "the stray `]` is still in the schema"
    );
    jsonschema::draft4::new(&schema).expect("the SARIF schema compiles")
}

/// SARIF1004 is not in the JSON schema: a URI with `uriBaseId` must be
/// relative, and an absolute one must not have it.
fn uri_rules_hold(sarif: &serde_json::Value) {
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        let uri = location["uri"].as_str().unwrap();
        let absolute = uri.starts_with("file://");
        assert_eq!(location.get("uriBaseId").is_some(), !absolute, "{location}");
        assert!(!uri.starts_with('/'), "{location}");
    }
}

#[test]
fn sarif_validates_for_relative_absolute_and_outside_paths() {
    let validator = sarif_schema();
    let dir = tempfile::tempdir().unwrap();
    let inside = dir.path().join("inside");
    let outside = dir.path().join("outside");
    catalogue(&inside, false);
    write(
        &outside,
        "d.lub.md",
        "## Kunnskap\nKandidaten\n\n- skal forstå hvordan maling herder\n",
    );
    let absolute_inside = inside.join("c.lub.md");
    let absolute_outside = outside.join("d.lub.md");
    for args in [
        vec!["."],
        vec![absolute_inside.to_str().unwrap()],
        vec![absolute_outside.to_str().unwrap()],
        vec!["../outside/d.lub.md", "a.lub.md"],
    ] {
        let run = Run::of(
            lub_in(&inside)
                .args(["check", "--format", "sarif", "--fail-on", "error"])
                .args(&args),
        );
        let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        uri_rules_hold(&sarif);
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty(), "{args:?}");
        if args == [absolute_outside.to_str().unwrap()] {
            let uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(
                uri.starts_with("file:///") && uri.ends_with("/outside/d.lub.md"),
                "{uri}"
            );
        }
        if args == [absolute_inside.to_str().unwrap()] {
            assert_eq!(
                results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                "c.lub.md"
            );
        }
    }
}

#[test]
fn every_sarif_rule_carries_its_help_as_text_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    catalogue(dir.path(), false);
    let run =
        Run::of(lub_in(dir.path()).args(["check", "--format", "sarif", "--fail-on", "error", "."]));
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let linter = lub::Linter::builtin().unwrap();
    for rule in sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
    {
        let id = rule["id"].as_str().unwrap();
        let help = linter.rules().get(id).unwrap().meta.help.clone();
        let Some(help) = help else { continue };
        // Without a locale, SARIF describes the rules in English.
        let first = help.en.split_whitespace().next().unwrap();
        for field in ["text", "markdown"] {
            let written = rule["help"][field].as_str().unwrap_or_default();
            assert!(written.contains(first), "{id}: help.{field} = {written:?}");
        }
    }
}

#[test]
fn sarif_gives_the_other_places_of_a_finding_as_related_locations() {
    let validator = sarif_schema();
    let dir = tempfile::tempdir().unwrap();
    catalogue(dir.path(), false);
    write(
        dir.path(),
        "d.lub.md",
        "## Kunnskap\n- kan gjøre rede for normalformer i relasjonsdatabaser\n## Ferdigheter\n- kan gjøre rede for normalformene i relasjonsdatabaser\n",
    );
    let run =
        Run::of(lub_in(dir.path()).args(["check", "--format", "sarif", "--fail-on", "error", "."]));
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let related = |rule: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule)
            .unwrap_or_else(|| panic!("a {rule} result"))["relatedLocations"][0]
            .clone()
    };
    let translation = related("translation-mismatch");
    assert_eq!(translation["id"], 0);
    assert_eq!(
        translation["physicalLocation"]["artifactLocation"],
        serde_json::json!({ "uri": "a.lub.md", "uriBaseId": "%SRCROOT%" })
    );
    assert_eq!(translation["physicalLocation"]["region"]["startLine"], 13);
    assert_eq!(
        translation["message"]["text"],
        "what the other language version says"
    );
    let duplicate = related("duplicate-outcome");
    assert_eq!(
        duplicate["physicalLocation"]["artifactLocation"]["uri"],
        "d.lub.md"
    );
    assert_eq!(duplicate["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(duplicate["physicalLocation"]["region"]["startColumn"], 3);
    assert_eq!(duplicate["message"]["text"], "utbyttet det gjentar");
    for result in results
        .iter()
        .filter(|r| r["ruleId"] != "translation-mismatch" && r["ruleId"] != "duplicate-outcome")
    {
        assert!(result.get("relatedLocations").is_none(), "{result}");
    }
}

#[test]
fn sarif_gives_safe_fixes_and_the_files_that_could_not_be_read() {
    let validator = sarif_schema();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.lub.md",
        "## Ferdigheter\nKandidaten kan\n- kan bruke SQL til å hente ut data fra en relasjonsdatabase\n",
    );
    let run = Run::of(lub_in(dir.path()).args([
        "check",
        "--format",
        "sarif",
        "a.lub.md",
        "missing.lub.md",
    ]));
    assert_eq!(run.status, 2, "{}", run.stderr);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &sarif["runs"][0];
    let lead_in = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "lead-in")
        .unwrap();
    let change = &lead_in["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "a.lub.md");
    let replacement = &change["replacements"][0];
    assert_eq!(
        replacement["deletedRegion"],
        serde_json::json!({ "startLine": 3, "startColumn": 3, "endLine": 3, "endColumn": 7 })
    );
    assert_eq!(replacement["insertedContent"]["text"], "");
    let invocation = &run0["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "missing.lub.md"
    );
    assert!(!notification["message"]["text"].as_str().unwrap().is_empty());
    // A run that read everything says nothing of its invocation.
    let run = Run::of(lub_in(dir.path()).args(["check", "--format", "sarif", "a.lub.md"]));
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(sarif["runs"][0].get("invocations").is_none());
}
