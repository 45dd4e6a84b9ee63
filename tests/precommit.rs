#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! The pre-commit hook, for real: pre-commit from PyPI, a throwaway
//! catalogue repository whose `.pre-commit-config.yaml` uses this checkout
//! as its hook repository, and a commit of a flawed and of a clean
//! document. pre-commit builds lub with cargo, as it would for a user.
//!
//! It needs python3 with venv, git and the package registries, and takes a
//! few minutes the first time. `LUB_SKIP_PRECOMMIT=1` skips it (say so when
//! you do); CI runs it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(cmd: &mut Command) -> std::process::Output {
    cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"))
}

fn ok(cmd: &mut Command) -> String {
    let output = run(cmd);
    assert!(
        output.status.success(),
        "{cmd:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args([
            "-c",
            "user.name=lub test",
            "-c",
            "user.email=lub@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .env("GIT_CONFIG_NOSYSTEM", "1");
    cmd
}

/// A git repository holding this working tree as it is (committed or not),
/// so the hook tested is the hook in this checkout.
fn hook_repository(into: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed = ok(git(root).args([
        "ls-files",
        "--cached",
        "--others",
        "--exclude-standard",
        "-z",
    ]));
    for name in listed.split('\0').filter(|n| !n.is_empty()) {
        let from = root.join(name);
        if !from.is_file() {
            continue;
        }
        let to = into.join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
    }
    ok(git(into).args(["init", "-q"]));
    ok(git(into).args(["add", "-A"]));
    ok(git(into).args(["commit", "-q", "-m", "lub"]));
    ok(git(into).args(["rev-parse", "HEAD"])).trim().to_string()
}

#[test]
fn the_hook_fails_a_flawed_document_and_passes_a_clean_one() {
    if std::env::var_os("LUB_SKIP_PRECOMMIT").is_some() {
        eprintln!("skipped: LUB_SKIP_PRECOMMIT is set");
        return;
    }
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("precommit");
    let _ = std::fs::remove_dir_all(work.join("hooks"));
    let _ = std::fs::remove_dir_all(work.join("catalogue"));
    std::fs::create_dir_all(work.join("hooks")).unwrap();
    std::fs::create_dir_all(work.join("catalogue")).unwrap();

    // pre-commit itself, from PyPI, in a virtual environment of its own.
    let venv = work.join("venv");
    let pre_commit = venv.join("bin/pre-commit");
    if !pre_commit.exists() {
        ok(Command::new("python3").args(["-m", "venv"]).arg(&venv));
        ok(Command::new(venv.join("bin/pip")).args(["install", "--quiet", "pre-commit"]));
    }

    let rev = hook_repository(&work.join("hooks"));
    let catalogue = work.join("catalogue");
    ok(git(&catalogue).args(["init", "-q"]));
    std::fs::write(
        catalogue.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: lub\n      - id: lub-catalogue\n",
            work.join("hooks").display()
        ),
    )
    .unwrap();
    let flawed = "## Kunnskap\nKandidaten\n- har bred kunnskap om regnskap\n\n## Ferdigheter\nKandidaten kan\n- utarbeide budsjett for en mindre bedrift\n";
    // No error; one warning ("forstår" cannot be assessed).
    let clean = "---\ncode: REG100\nlevel: 6\n---\n## Kunnskap\nKandidaten\n- forstår regnskapsloven\n\n## Ferdigheter\nKandidaten kan\n- utarbeide budsjett for en mindre bedrift\n\n## Generell kompetanse\nKandidaten kan\n- vurdere etiske sider ved regnskapsføring\n";
    // Its translation, which says another level.
    let translation = "---\ncode: REG100\nlevel: 7\n---\n## Knowledge\nThe candidate\n- can explain the Accounting Act\n\n## Skills\nThe candidate can\n- draw up a budget for a small business\n\n## General competence\nThe candidate can\n- assess ethical aspects of bookkeeping\n";
    std::fs::write(catalogue.join("emne.lub.md"), flawed).unwrap();
    std::fs::write(
        catalogue.join("notes.md"),
        "not checked: not a *.lub.md file\n",
    )
    .unwrap();
    ok(git(&catalogue).args(["add", "-A"]));

    let hook = |id: &str, files: &[&str]| {
        let mut cmd = Command::new(&pre_commit);
        cmd.current_dir(&catalogue)
            .env("PRE_COMMIT_HOME", work.join("cache"))
            // Reuse lub's build between runs of this test.
            .env("CARGO_TARGET_DIR", work.join("cargo-target"))
            .args(["run", id, "--files"])
            .args(files);
        run(&mut cmd)
    };
    let failed = hook("lub", &["emne.lub.md", "notes.md"]);
    let output = String::from_utf8_lossy(&failed.stdout);
    assert_eq!(
        failed.status.code(),
        Some(1),
        "the flawed document fails the hook:\n{output}"
    );
    assert!(output.contains("missing-category"), "{output}");
    assert!(
        !output.contains("notes.md"),
        "only *.lub.md files are checked:\n{output}"
    );

    std::fs::remove_file(catalogue.join("emne.lub.md")).unwrap();
    std::fs::write(catalogue.join("emne.nb.lub.md"), clean).unwrap();
    std::fs::write(catalogue.join("emne.en.lub.md"), translation).unwrap();
    ok(git(&catalogue).args(["add", "-A"]));
    let passed = hook("lub", &["emne.nb.lub.md"]);
    let output = String::from_utf8_lossy(&passed.stdout);
    assert_eq!(
        passed.status.code(),
        Some(0),
        "the document without errors passes:\n{output}"
    );
    assert!(
        output.contains("vague-verb"),
        "verbose: a passing run shows its warnings:\n{output}"
    );
    assert!(
        !output.contains("translation-mismatch"),
        "one staged file has no translation beside it:\n{output}"
    );

    // The whole catalogue, whatever is staged: the translations are paired.
    let whole = hook("lub-catalogue", &["emne.nb.lub.md"]);
    let output = String::from_utf8_lossy(&whole.stdout);
    assert_eq!(whole.status.code(), Some(0), "{output}");
    assert!(output.contains("translation-mismatch"), "{output}");
    assert!(output.contains("emne.en.lub.md"), "{output}");
}
