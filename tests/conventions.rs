#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! The conventions users of ruff, Vale and typos reach for first, through
//! the binary: `--statistics`, `-q`, `--min-severity`, `--output-file`,
//! `--color` with `NO_COLOR` and `CLICOLOR_FORCE`, what `--fix` says it
//! fixed, `lub new` with the defaults of `lub.yaml`, and the progress bar.

mod support;
use support::{Run, lub, lub_in, write};

/// One warning (a lead-in word repeated, with a safe fix) and one info (the
/// framework's own "kjenner til", at its level) and nothing else.
const DOC: &str = "---\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten\n- kjenner til hvordan et operativsystem fordeler prosessortid\n\n## Ferdigheter\nKandidaten kan\n- kan programmere med tråder i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere sikkerhetsrisiko ved deling av minne\n";
/// An error: a level outside the framework.
const ERROR: &str = "---\nkind: course\nlevel: 9\n---\n## Kunnskap\nKandidaten kan\n- gjøre rede for hvordan et operativsystem fordeler prosessortid\n\n## Ferdigheter\nKandidaten kan\n- programmere med tråder i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere sikkerhetsrisiko ved deling av minne\n";

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", DOC);
    write(dir.path(), "b.lub.md", DOC);
    write(dir.path(), "c.lub.md", ERROR);
    dir
}

#[test]
fn statistics_count_each_rule_most_first_with_its_summary() {
    let dir = folder();
    let run = Run::of(lub().args(["check", "--statistics"]).arg(dir.path()));
    assert_eq!(run.status, 1, "the errors still fail the run");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(lines[0].starts_with("2  lead-in"), "{}", run.stdout);
    assert!(
        lines[0].contains("Missing or inconsistent"),
        "{}",
        run.stdout
    );
    assert!(lines[1].starts_with("2  vague-verb"), "{}", run.stdout);
    assert!(lines[2].starts_with("1  front-matter"), "{}", run.stdout);
    assert!(!run.stdout.contains("╭─"), "no finding is printed");

    let run = Run::of(
        lub()
            .args([
                "check",
                "--statistics",
                "--format",
                "json",
                "--message-lang",
                "nb",
            ])
            .arg(dir.path()),
    );
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(rows[0]["rule"], "lead-in");
    assert_eq!(rows[0]["count"], 2);
    assert_eq!(rows[2]["rule"], "front-matter");
    assert!(
        rows[2]["summary"]
            .as_str()
            .unwrap()
            .starts_with("Feil i metadataene")
    );
}

#[test]
fn quiet_prints_the_findings_only() {
    let dir = folder();
    let loud = Run::of(lub().arg("check").arg(dir.path()));
    let quiet = Run::of(lub().args(["check", "-q"]).arg(dir.path()));
    assert_eq!(quiet.status, 1);
    assert!(loud.stdout.contains("Found 1 error"), "{}", loud.stdout);
    assert!(!quiet.stdout.contains("Found"), "{}", quiet.stdout);
    assert!(
        !quiet.stdout.contains("× error  ⚠ warning"),
        "{}",
        quiet.stdout
    );
    assert!(quiet.stdout.contains("lead-in"), "{}", quiet.stdout);
    let clean = tempfile::tempdir().unwrap();
    write(
        clean.path(),
        "ok.lub.md",
        &ERROR.replace("level: 9", "level: 6"),
    );
    lub()
        .args(["check", "--quiet"])
        .arg(clean.path())
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn min_severity_hides_what_is_below_it_and_fail_on_still_decides() {
    let dir = folder();
    let run = Run::of(
        lub()
            .args(["check", "--format", "json", "--min-severity", "warning"])
            .arg(dir.path()),
    );
    let rules: Vec<&str> = run.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["lead-in", "lead-in", "front-matter"], "{rules:?}");
    let run = Run::of(
        lub()
            .args(["check", "--min-severity", "error", "--fail-on", "warning"])
            .arg(dir.path().join("a.lub.md")),
    );
    assert_eq!(
        run.status, 1,
        "a hidden warning still fails --fail-on warning"
    );
    assert!(!run.stdout.contains("lead-in"), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("No findings in 1 file.\n"),
        "the summary counts what is shown: {}",
        run.stdout
    );
}

#[test]
fn output_file_holds_the_report_and_replaces_the_old_one_whole() {
    let dir = folder();
    let out = dir.path().join("report.json");
    std::fs::write(&out, "the last report\n").unwrap();
    let run = Run::of(
        lub()
            .args(["check", "--format", "json", "--output-file"])
            .arg(&out)
            .arg(dir.path().join("a.lub.md")),
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "nothing on standard output");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written.as_array().unwrap().len(), 2);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".lub-report"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left");

    let run = Run::of(
        lub()
            .args(["check", "--output-file"])
            .arg(dir.path().join("no-such-folder/report.txt"))
            .arg(dir.path()),
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no-such-folder"), "{}", run.stderr);
}

/// What is not a regular file is written as it is, a link keeps leading
/// where it led, and a new report can be read by others, as a file made by
/// a shell's `>` can: for `check --output-file` and `report --output` alike.
#[cfg(unix)]
#[test]
fn an_output_path_that_is_a_device_or_a_link_stays_one() {
    use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
    let dir = folder();
    let doc = dir.path().join("a.lub.md");
    let commands: [(&str, &[&str]); 2] = [
        ("check", &["--format", "json", "--output-file"]),
        ("report", &["--format", "json", "--output"]),
    ];
    for (command, flags) in commands {
        let run = Run::of(lub().arg(command).args(flags).arg("/dev/null").arg(&doc));
        assert_eq!(run.status, 0, "{command}: {}", run.stderr);
        let null = std::fs::symlink_metadata("/dev/null").unwrap();
        assert!(null.file_type().is_char_device(), "{command}: /dev/null");

        let target = dir.path().join(format!("{command}-target.json"));
        let link = dir.path().join(format!("{command}-link.json"));
        std::fs::write(&target, "the last report\n").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let run = Run::of(lub().arg(command).args(flags).arg(&link).arg(&doc));
        assert_eq!(run.status, 0, "{command}: {}", run.stderr);
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(meta.file_type().is_symlink(), "{command}: the link stays");
        let written = std::fs::read_to_string(&target).unwrap();
        assert!(written.starts_with(['[', '{']), "{command}: {written}");

        let new = dir.path().join(format!("{command}-new.json"));
        let run = Run::of(lub().arg(command).args(flags).arg(&new).arg(&doc));
        assert_eq!(run.status, 0, "{command}: {}", run.stderr);
        let mode = std::fs::metadata(&new).unwrap().permissions().mode();
        let by_shell = dir.path().join(format!("{command}-shell.json"));
        std::fs::write(&by_shell, "").unwrap();
        let shell_mode = std::fs::metadata(&by_shell).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, shell_mode & 0o077, "{command}: {mode:o}");
    }
}

#[test]
fn colour_follows_the_flag_no_color_and_clicolor_force() {
    let dir = folder();
    let file = dir.path().join("a.lub.md");
    let coloured =
        |cmd: &mut assert_cmd::Command| Run::of(cmd.arg(&file)).stdout.contains("\u{1b}[");
    assert!(!coloured(lub().arg("check")), "not a terminal: no colour");
    assert!(coloured(lub().args(["check", "--color", "always"])));
    assert!(coloured(
        lub()
            .args(["check", "--color", "always"])
            .env("NO_COLOR", "1")
    ));
    assert!(coloured(lub().arg("check").env("CLICOLOR_FORCE", "1")));
    assert!(!coloured(lub().arg("check").env("CLICOLOR_FORCE", "0")));
    assert!(!coloured(
        lub()
            .arg("check")
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1")
    ));
    assert!(!coloured(
        lub()
            .args(["check", "--color", "never"])
            .env("CLICOLOR_FORCE", "1")
    ));
}

#[test]
fn fix_says_what_it_fixed_and_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", DOC);
    let run = Run::of(lub_in(dir.path()).args(["check", "--fix", "a.lub.md"]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("fixed a.lub.md:11: lead-in: “kan” → “”"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Fixed 1 finding in 1 file."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("1 finding remains; lub cannot fix it itself."),
        "{}",
        run.stdout
    );
    assert!(
        std::fs::read_to_string(dir.path().join("a.lub.md"))
            .unwrap()
            .contains("- programmere med tråder")
    );

    write(dir.path(), "b.lub.md", DOC);
    let run =
        Run::of(lub_in(dir.path()).args(["check", "--fix", "--message-lang", "nn", "b.lub.md"]));
    assert!(
        run.stdout
            .contains("retta b.lub.md:11: lead-in: «kan» → «»"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Retta 1 funn i 1 fil."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 funn står att"), "{}", run.stdout);
    let again = Run::of(lub_in(dir.path()).args(["check", "--fix", "b.lub.md"]));
    assert!(
        !again.stdout.contains("fixed "),
        "a second run fixes nothing: {}",
        again.stdout
    );
}

#[test]
fn new_takes_its_defaults_from_lub_yaml() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "lub.yaml",
        "defaults:\n  lang: nn\n  level: 7\n  kind: course\n",
    );
    let run = Run::of(lub_in(dir.path()).arg("new"));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("kind: course\nlevel: 7\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("lang: nn"), "{}", run.stdout);
    assert!(run.stdout.contains("## Ferdigheiter"), "{}", run.stdout);
    let run = Run::of(lub_in(dir.path()).args(["new", "--kind", "programme", "--lang", "en"]));
    assert!(
        run.stdout.contains("kind: programme\nlevel: 7\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("## Skills"), "{}", run.stdout);

    let bare = tempfile::tempdir().unwrap();
    let run = Run::of(lub_in(bare.path()).args(["new", "--kind", "course"]));
    assert_eq!(run.status, 2);
    run.said("`lub new` needs --level and --lang (or `defaults:` in lub.yaml)");
}

#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..250 {
        write(
            dir.path(),
            &format!("d{i:03}.lub.md"),
            &ERROR.replace("level: 9", "level: 6"),
        );
    }
    let piped = Run::of(lub().arg("check").arg(dir.path()));
    assert_eq!(piped.status, 0);
    assert_eq!(piped.stderr, "", "no bar into a pipe or a log");
    // `script` runs lub at a terminal; where there is none, the rest of
    // the test cannot be run.
    let binary = assert_cmd::cargo::cargo_bin("lub");
    let command = format!(
        "{} check --message-lang nb {}",
        binary.display(),
        dir.path().display()
    );
    let Ok(at_terminal) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("LANG")
        .output()
    else {
        eprintln!("skipped the terminal half: no `script`");
        return;
    };
    let shown = String::from_utf8_lossy(&at_terminal.stdout);
    assert!(shown.contains("sjekker"), "the bar at a terminal: {shown}");
    assert!(shown.contains("Ingen funn i 250 filer."), "{shown}");
}
