#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! `lub check --fix` and `--diff` through the binary: what is fixed, that a
//! second run changes nothing, and that nothing a user wrote is lost.

use std::path::Path;

mod support;
use support::lub;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir`, with its bytes, sorted.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn fix_is_idempotent_over_the_whole_corpus() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .as_path(),
        dir.path(),
    );
    let before = snapshot(dir.path());

    let diff = lub()
        .args(["check", "--diff"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        diff.status.code(),
        Some(1),
        "the corpus has fixable findings"
    );
    assert_eq!(snapshot(dir.path()), before, "--diff writes nothing");
    let diff = String::from_utf8(diff.stdout).unwrap();
    assert!(diff.contains("-## Ferdigeter\n+## Ferdigheter"), "{diff}");

    let first = lub()
        .args(["check", "--fix"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(first.stdout).unwrap();
    assert!(stdout.contains("Fixed "), "{stdout}");
    let after = snapshot(dir.path());
    assert_ne!(after, before);
    // Exactly the files the diff named changed.
    let changed: Vec<&String> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| &b.0)
        .collect();
    for name in &changed {
        assert!(
            diff.contains(&format!("+++ {name}")),
            "{name} changed without a diff"
        );
    }

    let second = lub()
        .args(["check", "--fix"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!String::from_utf8(second.stdout).unwrap().contains("Fixed "));
    assert_eq!(
        snapshot(dir.path()),
        after,
        "a second --fix changes nothing"
    );
    let again = lub()
        .args(["check", "--diff"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert!(again.stdout.is_empty());
}

#[test]
fn fixes_keep_the_words_line_endings_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emne.lub.md");
    let text = "## Kunnskap\r\n•\tkan gjøre rede for normalformer\r\n\r\n## Ferdigeter\r\n•\tkan skrive SQL\r\n\r\n## Generell kompetanse\r\n•\tkan vurdere personvern\r\n";
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    lub().args(["check", "--fix"]).arg(&path).assert().code(0);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        "## Kunnskap\r\nKandidaten\r\n- kan gjøre rede for normalformer\r\n\r\n## Ferdigheter\r\nKandidaten\r\n- kan skrive SQL\r\n\r\n## Generell kompetanse\r\nKandidaten\r\n- kan vurdere personvern\r\n"
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // Nothing else was left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_read_only_file_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emne.lub.md");
    let text = "## Kunnskap\nKandidaten kan\n- gjøre rede for normalformer\n\n## Ferdigeter\nKandidaten kan\n- skrive SQL\n\n## Generell kompetanse\nKandidaten kan\n- vurdere personvern\n";
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = lub().args(["check", "--fix"]).arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not fixed: the file is read-only"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn a_file_that_changed_after_it_was_read_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emne.lub.md");
    std::fs::write(&path, "what lub read").unwrap();
    // Someone saves the file while lub is fixing what it read.
    std::fs::write(&path, "what the user saved since").unwrap();
    let error = lub::fix::write_atomic(&path, b"what lub read", "lub's fix").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the file changed while lub was fixing it"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "what the user saved since"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn a_phrase_substitution_is_applied_only_when_its_rule_marks_it_safe() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lub.yaml"), "rule-folders: [regler]\n").unwrap();
    std::fs::create_dir(dir.path().join("regler")).unwrap();
    std::fs::write(
        dir.path().join("regler/studiepoeng.yaml"),
        "id: studiepoeng\nkind: phrase\nseverity: info\nlanguages: [nb]\nscope: outcome\nsummary: Old spelling.\nmessage: \"«{match}»\"\nwhy: Spelling.\nphrases:\n  nb:\n    - phrase: vekttall\n      replace: studiepoeng\n      safe: true\n    - phrase: kjapt\n      replace: raskt\n",
    )
    .unwrap();
    let path = dir.path().join("a.lub.md");
    std::fs::write(
        &path,
        "## Kunnskap\nKandidaten kan\n- regne om vekttall og forklare kjapt hvorfor\n\n## Ferdigheter\nKandidaten kan\n- skrive SQL\n\n## Generell kompetanse\nKandidaten kan\n- vurdere personvern\n",
    )
    .unwrap();
    lub()
        .current_dir(dir.path())
        .args(["check", "--fix", "a.lub.md"])
        .assert()
        .code(0);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(
        fixed.contains("regne om studiepoeng og forklare kjapt hvorfor"),
        "{fixed}"
    );
}

#[test]
fn fix_and_diff_do_not_take_stdin() {
    lub().args(["check", "--fix", "--stdin"]).assert().code(2);
    lub()
        .args(["check", "--fix", "--diff", "."])
        .assert()
        .code(2);
}
