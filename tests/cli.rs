#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! The `lub` binary as a user meets it: exit statuses, formats, standard
//! input, and paths that are not there.

mod support;
use support::{lub, write};

/// A document no rule has anything to say about.
const CLEAN: &str = "---\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten kan\n- gjøre rede for hvordan et operativsystem fordeler prosessortid\n\n## Ferdigheter\nKandidaten kan\n- programmere med tråder og synkronisering i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere sikkerhetsrisiko ved deling av minne mellom prosesser\n";
/// One warning: a misspelt heading.
const WARNING_ONLY: &str = "---\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten kan\n- gjøre rede for hvordan et operativsystem fordeler prosessortid\n\n## Ferdigeter\nKandidaten kan\n- programmere med tråder og synkronisering i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere sikkerhetsrisiko ved deling av minne mellom prosesser\n";
/// One error: a level outside the framework.
const ERROR: &str = "---\nlevel: 9\n---\n## Kunnskap\nKandidaten kan\n- gjøre rede for hvordan et operativsystem fordeler prosessortid\n\n## Ferdigheter\nKandidaten kan\n- programmere med tråder og synkronisering i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere sikkerhetsrisiko ved deling av minne mellom prosesser\n";

#[test]
fn a_clean_folder_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", CLEAN);
    lub()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout("No findings in 1 file.\n");
}

#[test]
fn an_error_exits_1_and_a_warning_only_with_fail_on_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "warn.lub.md", WARNING_ONLY);
    lub().arg("check").arg(dir.path()).assert().code(0);
    lub()
        .args(["check", "--fail-on", "warning"])
        .arg(dir.path())
        .assert()
        .code(1);
    lub()
        .args(["check", "--fail-on", "info"])
        .arg(dir.path())
        .assert()
        .code(1);

    write(dir.path(), "err.lub.md", ERROR);
    lub().arg("check").arg(dir.path()).assert().code(1);
}

#[test]
fn folders_are_walked_for_lub_files_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "kept/a.lub.md", ERROR);
    write(dir.path(), "ignored/b.lub.md", ERROR);
    write(dir.path(), "notes.md", ERROR);
    write(dir.path(), ".gitignore", "ignored/\n");
    let output = lub()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let files: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("kept/a.lub.md"), "{files:?}");
}

#[test]
fn an_explicit_file_of_any_name_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.txt", ERROR);
    let run = support::Run::of(support::lub_in(dir.path()).args([
        "check",
        "--format",
        "json",
        "notes.txt",
    ]));
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(
        run.rules_and_texts(),
        vec![("front-matter".to_string(), "9".to_string())]
    );
    assert_eq!(run.findings[0].file, "notes.txt");
}

#[test]
fn a_folder_with_no_document_exits_2_and_says_what_it_saw() {
    let empty = tempfile::tempdir().unwrap();
    let assert = lub().arg("check").arg(empty.path()).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains(": no *.lub.md document here (nor any .md or .txt file)"),
        "{stderr}"
    );

    let dir = tempfile::tempdir().unwrap();
    for name in ["a.md", "b.md", "sub/c.md", "d.txt", "sub/e.txt", "f.json"] {
        write(dir.path(), name, ERROR);
    }
    // Ignored files are neither checked nor counted.
    write(dir.path(), ".gitignore", "ignored/\n");
    write(dir.path(), "ignored/g.txt", ERROR);
    // The folder is an error in the output as well, for a script.
    let assert = support::lub_in(dir.path())
        .args(["check", "--format", "json", "."])
        .assert()
        .code(2)
        .stdout(
            "[\n  {\"file\":\".\",\"error\":\"no *.lub.md document here (3 .md and 2 .txt files were not checked); \
             name them on the command line, or add them to lub.yaml: include: [\\\"**/*.md\\\", \\\"**/*.txt\\\"]\"}\n]\n",
        );
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(
        stderr,
        "error: .: no *.lub.md document here (3 .md and 2 .txt files were not checked); \
         name them on the command line, or add them to lub.yaml: include: [\"**/*.md\", \"**/*.txt\"]\n"
    );

    // The other paths are still checked, and the run still fails.
    write(dir.path(), "docs/a.lub.md", CLEAN);
    let assert = support::lub_in(dir.path())
        .args(["check", "sub", "docs"])
        .assert()
        .code(2);
    let output = assert.get_output();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: sub: no *.lub.md document here (1 .md and 1 .txt files were not checked); \
         name them on the command line, or add them to lub.yaml: include: [\"**/*.md\", \"**/*.txt\"]\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "No findings in 1 file.\n"
    );
}

#[test]
fn a_missing_path_exits_2_after_checking_the_others() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "err.lub.md", ERROR);
    let assert = lub()
        .args(["check", "--format", "json", "does-not-exist.lub.md"])
        .arg(dir.path())
        .assert()
        .code(2);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("does-not-exist.lub.md: no such file or folder"),
        "{stderr}"
    );
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    assert_eq!(findings.len(), 2, "the other file was still checked");
    assert_eq!(findings[0]["file"], "does-not-exist.lub.md");
    assert_eq!(findings[0]["error"], "no such file or folder");
}

#[test]
fn usage_errors_exit_2() {
    lub().args(["check", "--format", "xml"]).assert().code(2);
    lub()
        .args(["check", "--stdin-filename", "x.lub.md"])
        .assert()
        .code(2);
    lub().arg("frobnicate").assert().code(2);
}

#[test]
fn stdin_is_checked_under_its_given_name() {
    let assert = lub()
        .args(["check", "--stdin", "--stdin-filename", "staged/kurs.en.lub.md", "--format", "json"])
        .write_stdin(
            "---\nkind: course\nlevel: 6\n---\n## Knowledge\nThe candidate can\n- explain how a compiler parses a program\n\n## Skils\nThe candidate can\n- write a recursive descent parser\n\n## General competence\nThe candidate can\n- assess the security of a parser that reads untrusted input\n",
        )
        .assert()
        .code(0);
    let findings: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let finding = &findings[0];
    assert_eq!(finding["file"], "staged/kurs.en.lub.md");
    assert_eq!(finding["rule"], "unknown-heading");
    assert_eq!(finding["text"], "Skils");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(9), Some(4))
    );

    let assert = lub()
        .args(["check", "--stdin"])
        .write_stdin(ERROR)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout);
    assert!(stdout.contains("[<stdin>:2:8]"), "{stdout}");
}

#[test]
fn json_is_one_array_with_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.lub.md", ERROR);
    write(dir.path(), "b.lub.md", WARNING_ONLY);
    let output = lub()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    assert_eq!(findings.len(), 2);
    let keys: Vec<&str> = findings[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "file",
        "rule",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "text",
        "message",
        "help",
    ];
    expected.sort();
    let mut keys = keys;
    keys.sort();
    assert_eq!(keys, expected);
    assert!(
        findings[0]["file"].as_str().unwrap().ends_with("a.lub.md"),
        "sorted by file"
    );
    assert_eq!(findings[0]["text"], "9");

    let clean = tempfile::tempdir().unwrap();
    write(clean.path(), "a.lub.md", CLEAN);
    lub()
        .args(["check", "--format", "json"])
        .arg(clean.path())
        .assert()
        .code(0)
        .stdout("[]\n");
}

#[test]
fn output_is_the_same_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(
            dir.path(),
            &format!("f{i:02}.lub.md"),
            if i % 2 == 0 { ERROR } else { WARNING_ONLY },
        );
    }
    let first = lub()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap()
        .stdout;
    for _ in 0..3 {
        let again = lub()
            .args(["check", "--format", "json"])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout;
        assert_eq!(first, again);
    }
}

/// The header of a human finding and the compact line give the same column,
/// in characters, whether the line has letters beyond ASCII before the
/// finding or is so long that it is shown cut short.
#[test]
fn human_and_compact_formats_agree_on_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let prose = |before: &str| {
        format!(
            "---\nlevel: 7\nkind: course\nlang: en\n---\n## Knowledge\nThe candidate has knowledge of {before}. The candidate understands indexing in relational databases.\n"
        )
    };
    write(dir.path(), "letters.lub.md", &prose("æøå in Ørsta"));
    write(dir.path(), "long.lub.md", &prose(&"ørret ".repeat(200)));
    for name in ["letters.lub.md", "long.lub.md"] {
        let path = dir.path().join(name);
        let output = |format: &str| {
            let out = lub()
                .args(["check", "--select", "vague-verb", "--format", format])
                .arg(&path)
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap()
        };
        let compact = output("compact");
        let place = compact
            .split(": warning vague-verb")
            .next()
            .and_then(|head| head.strip_prefix(path.to_str().unwrap()))
            .unwrap_or_else(|| panic!("one vague-verb finding in:\n{compact}"))
            .to_string();
        let human = output("human");
        assert!(
            human.contains(&format!("{}{place}]", path.display())),
            "{name}: compact says {place}, human says:\n{human}"
        );
    }
}

/// The command line, `lub.yaml` and front matter refuse the same levels,
/// and take the same: one type reads them all.
#[test]
fn every_way_of_giving_a_level_takes_5_to_8_and_nothing_else() {
    for (level, good) in [
        ("5", true),
        ("8", true),
        ("07", false),
        ("4", false),
        ("9", false),
        ("7.5", false),
    ] {
        let new = lub()
            .args(["new", "--kind", "course", "--lang", "nb", "--level", level])
            .output()
            .unwrap();
        assert_eq!(new.status.success(), good, "lub new --level {level}");

        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "lub.yaml",
            &format!("defaults:\n  level: {level}\n"),
        );
        write(dir.path(), "a.lub.md", CLEAN);
        let check = support::lub_in(dir.path())
            .args(["check", "a.lub.md"])
            .output()
            .unwrap();
        assert_eq!(
            check.status.code() != Some(2),
            good,
            "lub.yaml level: {level}"
        );

        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a.lub.md",
            &format!(
                "---\nkind: course\nlevel: {level}\n---\n{}",
                &CLEAN[CLEAN.find("## Kunnskap").unwrap()..]
            ),
        );
        let check = support::lub_in(dir.path())
            .args(["check", "--format", "json", "a.lub.md"])
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&check.stdout);
        assert_eq!(
            !out.contains("\"rule\":\"front-matter\""),
            good,
            "front matter level: {level}\n{out}"
        );
    }
}
