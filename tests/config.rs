#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! `lub.yaml`, `--select`/`--ignore` and `<!-- lub: allow … -->` as a user
//! meets them, through the binary.

mod support;
use support::{Run, lub_in as lub, write};

/// (rule, text) of every finding of a JSON run, the exit status and what
/// the run said on standard error.
fn findings(cmd: &mut assert_cmd::Command) -> (i32, Vec<(String, String)>, String) {
    let run = Run::of(cmd);
    (run.status, run.rules_and_texts(), run.stderr)
}

/// Clean but for one vague verb (a warning) in the knowledge category.
const VAGUE: &str = "---\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten kan\n- forstå hvordan et operativsystem fordeler prosessortid\n\n## Ferdigheter\nKandidaten kan\n- programmere med tråder og synkronisering i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere sikkerhetsrisiko ved deling av minne mellom prosesser\n";

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
            "lub.yaml:2:3: “vage-verb” is not a rule; did you mean “vague-verb”?",
        ),
        (
            "rules:\n  vague-verb: loud\n",
            "lub.yaml:2:15: `vague-verb` is “loud”; write error, warning, info or off",
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
    let run = Run::of(lub(dir.path()).args(["check", "--select", "vage-verb", "."]));
    assert_eq!(run.status, 2);
    run.said("--select: “vage-verb” is not a rule; did you mean “vague-verb”?");
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
    let run = Run::of(lub(dir.path()).args(["check", "--config", "nope.yaml", "."]));
    assert_eq!(run.status, 2);
    run.said("nope.yaml: no such file or folder");
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
    let run = Run::of(lub(dir.path()).args(["check", "."]));
    assert_eq!(run.status, 2);
    run.said("regler/no-jargon.yaml:3:11");

    write(dir.path(), "lub.yaml", "rule-folders: [../elsewhere]\n");
    let run = Run::of(lub(dir.path()).args(["check", "."]));
    assert_eq!(run.status, 2);
    run.said("must be a path inside the folder of the configuration");
}

/// An own rule file, `regler/own.yaml`, with `body` after its header.
fn own_rule(kind: &str, scope: &str, message: &str, body: &str) -> String {
    format!(
        "id: own\nkind: {kind}\nseverity: warning\nlanguages: [nb]\nscope: {scope}\nsummary: Eget.\nmessage: \"{message}\"\nwhy: Fordi.\n{body}"
    )
}

#[test]
fn an_own_rule_file_is_typed_by_its_kind_and_its_mistakes_are_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", VAGUE);
    write(dir.path(), "lub.yaml", "rule-folders: [regler]\n");
    let limits = "limits:\n  max_words: 5\n";
    // Right, it runs: a limit is a typed field of its kind.
    write(
        dir.path(),
        "regler/own.yaml",
        &own_rule("length", "outcome", "{count} ord er over {limit}", limits),
    );
    let (status, found, stderr) =
        findings(lub(dir.path()).args(["check", "--format", "json", "."]));
    assert!(status != 2, "{stderr}");
    assert!(
        found.iter().any(|(rule, _)| rule == "own"),
        "{found:?} {stderr}"
    );

    let cases: &[(&str, String, &str)] = &[
        (
            "en",
            own_rule("length", "outcome", "{count}", "limits:\n  max_word: 5\n"),
            "regler/own.yaml:10:3: kind “length” has no limit “max_word”; did you mean “max_words”?",
        ),
        (
            "nb",
            own_rule("length", "outcome", "{count}", "limits:\n  max_word: 5\n"),
            "regler/own.yaml:10:3: regeltypen «length» har ingen grense «max_word»; mente du «max_words»?",
        ),
        (
            "en",
            own_rule(
                "length",
                "outcome",
                "{count}",
                &format!("{limits}phrases: {{}}\n"),
            ),
            "regler/own.yaml:11:1: the field “phrases” is not read by kind “length”",
        ),
        (
            "en",
            own_rule("lenght", "outcome", "{count}", limits),
            "regler/own.yaml:2:1: there is no kind “lenght”; did you mean “length”? The kinds are: “parser”, “phrase”,",
        ),
        (
            "en",
            own_rule("length", "document", "{count}", limits),
            "regler/own.yaml:5:1: `scope` cannot be “document” for kind “length”, which looks at “outcome”",
        ),
        (
            "nn",
            own_rule("length", "outcome", "{match} er for langt", limits),
            "regler/own.yaml:7:1: `message.nb` bruker {match}, som regeltypen «length» ikkje fyller ut; han fyller ut {count}, {limit}, {kind} og {this-kind}",
        ),
    ];
    for (lang, rule, said) in cases {
        write(dir.path(), "regler/own.yaml", rule);
        let run = Run::of(lub(dir.path()).args(["check", "--message-lang", lang, "."]));
        assert_eq!(run.status, 2, "{rule}\n{}", run.stderr);
        run.said(said);
    }
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
    let allowed_file = VAGUE.replacen(
        "---\n## Kunnskap",
        "---\n<!-- lub: allow vague-verb -->\n## Kunnskap",
        1,
    );
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

#[test]
fn include_adds_files_to_folder_walks_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "lub.yaml",
        "include: [\"outcomes/**/*.md\", \"*.txt\"]\n",
    );
    write(dir.path(), "outcomes/a.md", VAGUE);
    write(dir.path(), "outcomes/deep/b.md", VAGUE);
    write(dir.path(), "top.txt", VAGUE);
    // `*` stays in its folder: only `top.txt` of the .txt files matches.
    write(dir.path(), "outcomes/c.txt", VAGUE);
    write(dir.path(), "notes.md", VAGUE);
    write(dir.path(), ".gitignore", "outcomes/drafts/\n");
    write(dir.path(), "outcomes/drafts/d.md", VAGUE);
    let run = Run::of(lub(dir.path()).args(["check", "--format", "json", "."]));
    let mut files: Vec<&str> = run.findings.iter().map(|f| f.file.as_str()).collect();
    files.sort_unstable();
    assert_eq!(
        files,
        vec!["outcomes/a.md", "outcomes/deep/b.md", "top.txt"],
        "{}",
        run.stderr
    );
    assert_eq!(run.status, 0, "warnings only: {}", run.stderr);

    // Patterns are relative to lub.yaml's folder, wherever lub runs.
    let run = Run::of(lub(&dir.path().join("outcomes")).args(["check", "--format", "json", "."]));
    let mut files: Vec<&str> = run.findings.iter().map(|f| f.file.as_str()).collect();
    files.sort_unstable();
    assert_eq!(files, vec!["a.md", "deep/b.md"], "{}", run.stderr);

    // A folder where the patterns match nothing is still a folder with no
    // document.
    write(dir.path(), "other/e.txt", VAGUE);
    let run = Run::of(lub(dir.path()).args(["check", "other"]));
    assert_eq!(run.status, 2);
    run.said(
        "other: no *.lub.md document here, nor any file matching `include:` in lub.yaml \
         (1 .txt file was not checked); name them on the command line, or add them to lub.yaml: \
         include: [\"**/*.txt\"]",
    );
}

#[test]
fn include_mistakes_exit_2_with_position_and_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", VAGUE);
    for (config, expected) in [
        (
            "includ: [\"*.txt\"]\n",
            "lub.yaml:1:1: unknown key `includ`; did you mean `include`?",
        ),
        (
            "include: [\"outcomes/[a.md\"]\n",
            "lub.yaml:1:11: the `include` pattern “outcomes/[a.md” is not a glob: unclosed character class",
        ),
        (
            "include:\n  - \"../elsewhere/*.md\"\n",
            "lub.yaml:2:5: “../elsewhere/*.md” must be a path inside the folder of the configuration",
        ),
        ("include: \"*.txt\"\n", "lub.yaml:1:10"),
    ] {
        write(dir.path(), "lub.yaml", config);
        let (status, found, stderr) =
            findings(lub(dir.path()).args(["check", "--format", "json", "."]));
        assert_eq!(status, 2, "{config}: {stderr}");
        assert!(stderr.contains(expected), "{config}: {stderr}");
        assert!(found.is_empty());
    }
}
