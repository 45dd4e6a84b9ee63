#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! `lub.yaml`, `--select`/`--ignore` and `<!-- lub: allow … -->` as a user
//! meets them, through the binary.

use std::path::Path;

use assert_cmd::Command;

fn lub(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lub").expect("the lub binary is built");
    cmd.current_dir(dir);
    cmd
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// (rule, text) of every finding of a JSON run, and the exit status.
fn findings(cmd: &mut Command) -> (i32, Vec<(String, String)>, String) {
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    let found = json
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap().to_string(),
                        f["text"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (output.status.code().unwrap_or(-1), found, stderr)
}

/// Clean but for one vague verb (a warning) in the knowledge category.
const VAGUE: &str = "## Kunnskap\nKandidaten kan\n- forstå hvordan et operativsystem fordeler prosessortid\n\n## Ferdigheter\nKandidaten kan\n- programmere med tråder og synkronisering i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere sikkerhetsrisiko ved deling av minne mellom prosesser\n";

#[test]
fn lub_yaml_is_found_upward_and_changes_severities() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "lub.yaml", "rules:\n  vague-verb: error\n");
    write(dir.path(), "emner/a.lub.md", VAGUE);
    let (status, found, _) =
        findings(lub(&dir.path().join("emner")).args(["check", "--format", "json", "."]));
    assert_eq!(found, vec![("vague-verb".into(), "forstå".into())]);
    assert_eq!(status, 1, "vague-verb is an error now");
}

#[test]
fn a_rule_can_be_turned_off_in_lub_yaml_or_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", VAGUE);
    let (_, found, _) = findings(lub(dir.path()).args(["check", "--format", "json", "."]));
    assert_eq!(found.len(), 1);

    let (_, found, _) = findings(lub(dir.path()).args([
        "check",
        "--format",
        "json",
        "--ignore",
        "vague-verb",
        ".",
    ]));
    assert!(found.is_empty(), "{found:?}");
    let (_, found, _) = findings(lub(dir.path()).args([
        "check",
        "--format",
        "json",
        "--select",
        "lead-in,nkr-copy",
        ".",
    ]));
    assert!(found.is_empty(), "{found:?}");

    write(dir.path(), "lub.yaml", "rules:\n  vague-verb: off\n");
    let (status, found, _) = findings(lub(dir.path()).args(["check", "--format", "json", "."]));
    assert_eq!((status, found.len()), (0, 0));
}

#[test]
fn config_mistakes_exit_2_with_position_and_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", VAGUE);
    for (config, expected) in [
        (
            "rulez:\n  vague-verb: off\n",
            "lub.yaml:1:1: unknown key `rulez`; did you mean `rules`?",
        ),
        (
            "rules:\n  vage-verb: off\n",
            "lub.yaml:2:3: «vage-verb» is not a rule; did you mean «vague-verb»?",
        ),
        (
            "rules:\n  vague-verb: loud\n",
            "lub.yaml:2:15: `vague-verb` is «loud»; write error, warning, info or off",
        ),
        ("rules: {a: off, a: on}\n", "lub.yaml:1"),
        (
            "framework: nkr-2099\n",
            "no framework `nkr-2099`; lub has nkr-2014",
        ),
    ] {
        write(dir.path(), "lub.yaml", config);
        let (status, found, stderr) =
            findings(lub(dir.path()).args(["check", "--format", "json", "."]));
        assert_eq!(status, 2, "{config}: {stderr}");
        assert!(stderr.contains(expected), "{config}: {stderr}");
        assert!(found.is_empty());
    }
    std::fs::remove_file(dir.path().join("lub.yaml")).unwrap();
    let (status, _, stderr) =
        findings(lub(dir.path()).args(["check", "--select", "vage-verb", "."]));
    assert_eq!(status, 2);
    assert!(
        stderr.contains("--select: «vage-verb» is not a rule; did you mean «vague-verb»?"),
        "{stderr}"
    );
}

#[test]
fn config_given_with_flag_and_a_missing_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", VAGUE);
    write(dir.path(), "strict.yaml", "rules:\n  vague-verb: error\n");
    let (status, _, _) = findings(lub(dir.path()).args([
        "check",
        "--format",
        "json",
        "--config",
        "strict.yaml",
        ".",
    ]));
    assert_eq!(status, 1);
    let (status, _, stderr) =
        findings(lub(dir.path()).args(["check", "--config", "nope.yaml", "."]));
    assert_eq!(status, 2);
    assert!(
        stderr.contains("nope.yaml: no such file or folder"),
        "{stderr}"
    );
}

#[test]
fn rule_folders_add_rules_and_a_broken_rule_file_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", VAGUE);
    write(dir.path(), "lub.yaml", "rule-folders: [regler]\n");
    write(
        dir.path(),
        "regler/no-jargon.yaml",
        "id: no-jargon\nkind: phrase\nseverity: warning\nlanguages: [nb]\nscope: outcome\nsummary: Jargon.\nmessage: \"«{match}» is jargon\"\nwhy: Readers do not know it.\nphrases:\n  nb:\n    - phrase: prosessortid\n",
    );
    let (_, found, stderr) = findings(lub(dir.path()).args(["check", "--format", "json", "."]));
    assert!(
        found.contains(&("no-jargon".into(), "prosessortid".into())),
        "{found:?} {stderr}"
    );

    write(
        dir.path(),
        "regler/no-jargon.yaml",
        "id: no-jargon\nkind: phrase\nseverity: loud\n",
    );
    let (status, _, stderr) = findings(lub(dir.path()).args(["check", "."]));
    assert_eq!(status, 2);
    assert!(stderr.contains("regler/no-jargon.yaml:3:11"), "{stderr}");

    write(dir.path(), "lub.yaml", "rule-folders: [../elsewhere]\n");
    let (status, _, stderr) = findings(lub(dir.path()).args(["check", "."]));
    assert_eq!(status, 2);
    assert!(
        stderr.contains("must be a path inside the folder of the configuration"),
        "{stderr}"
    );
}

#[test]
fn defaults_supply_level_and_kind() {
    let dir = tempfile::tempdir().unwrap();
    // A bachelor's wording in a document that does not say its level.
    write(
        dir.path(),
        "a.lub.md",
        "## Kunnskap\nKandidaten\n- har avansert kunnskap om relasjonsdatabaser\n\n## Ferdigheter\nKandidaten kan\n- skrive SQL-spørringer\n\n## Generell kompetanse\nKandidaten kan\n- vurdere personvernet i en database\n",
    );
    let (_, found, _) = findings(lub(dir.path()).args([
        "check",
        "--format",
        "json",
        "--select",
        "level-mismatch",
        ".",
    ]));
    assert!(found.is_empty(), "no level, no level-mismatch");
    write(dir.path(), "lub.yaml", "defaults:\n  level: 6\n");
    let (_, found, _) = findings(lub(dir.path()).args([
        "check",
        "--format",
        "json",
        "--select",
        "level-mismatch",
        ".",
    ]));
    assert_eq!(
        found,
        vec![("level-mismatch".into(), "avansert kunnskap".into())]
    );
}

#[test]
fn directives_allow_findings_where_they_stand() {
    let dir = tempfile::tempdir().unwrap();
    let allowed_outcome = VAGUE.replace("- forstå", "<!-- lub: allow vague-verb -->\n- forstå");
    write(dir.path(), "outcome.lub.md", &allowed_outcome);
    let allowed_section =
        VAGUE.replace("## Kunnskap", "<!-- lub: allow vague-verb -->\n## Kunnskap");
    write(dir.path(), "section.lub.md", &allowed_section);
    let allowed_file = format!("<!-- lub: allow vague-verb -->\n{VAGUE}");
    write(dir.path(), "file.lub.md", &allowed_file);
    let (status, found, _) =
        findings(lub(dir.path()).args(["check", "--format", "json", "--fail-on", "info", "."]));
    assert_eq!((status, found.len()), (0, 0), "{found:?}");

    // An allowance for the wrong outcome allows nothing, and says so.
    let misplaced = VAGUE.replace(
        "- programmere",
        "<!-- lub: allow vague-verb -->\n- programmere",
    );
    write(dir.path(), "misplaced.lub.md", &misplaced);
    let (_, found, _) =
        findings(lub(dir.path()).args(["check", "--format", "json", "misplaced.lub.md"]));
    assert_eq!(
        found,
        vec![
            ("vague-verb".into(), "forstå".into()),
            ("bad-directive".into(), "vague-verb".into())
        ]
    );
}
