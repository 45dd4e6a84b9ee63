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

/// A course whose only fixable finding is a misspelt heading: `--fix`
/// writes `FIXED`.
const FIXABLE: &str = "## Kunnskap\nKandidaten kan\n- gjøre rede for normalformer\n\n## Ferdigeter\nKandidaten kan\n- skrive SQL\n\n## Generell kompetanse\nKandidaten kan\n- vurdere personvern\n";
const FIXED: &str = "## Kunnskap\nKandidaten kan\n- gjøre rede for normalformer\n\n## Ferdigheter\nKandidaten kan\n- skrive SQL\n\n## Generell kompetanse\nKandidaten kan\n- vurdere personvern\n";

/// The names of lub's temporary files left under `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else if entry.file_name().to_string_lossy().contains(".lub-fix-") {
                found.push(entry.path().display().to_string());
            }
        }
    }
    found
}

/// Runs `lub check --fix --format json` on `path`: a file it will not fix
/// still has its findings reported, with the reason it was not fixed.
fn fix_refused(path: &Path, reason: &str) -> support::Run {
    let run = support::Run::of(lub().args(["check", "--fix", "--format", "json"]).arg(path));
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said(&format!("not fixed: {reason}"));
    assert!(
        run.findings
            .iter()
            .any(|f| f.rule == "unknown-heading" && f.text == "Ferdigeter"),
        "the findings of a file lub did not fix are reported: {}",
        run.stdout
    );
    run
}

/// Whether this run is CI's, where a test that cannot run fails.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Says, where the harness does not hide it, that a test did not run.
fn skip(why: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

/// The path of `tool` if it is installed; else `None` after saying why the
/// test is skipped, or, under CI, failing: .ci/run installs `package`.
fn tool_or_skip(tool: &str, package: &str, test: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|candidate| candidate.is_file());
    if found.is_none() {
        assert!(
            !in_ci(),
            "{tool} is not installed; .ci/run installs it (apt-get install {package})"
        );
        skip(&format!(
            "{test}: {tool} is not installed (apt-get install {package})"
        ));
    }
    found
}

#[test]
fn a_symbolic_link_stays_a_link_and_the_file_it_leads_to_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    let links = dir.path().join("links");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::create_dir_all(&links).unwrap();
    std::fs::write(real.join("emne.lub.md"), FIXABLE).unwrap();
    // A chain: b → a → ../real/emne.lub.md.
    std::os::unix::fs::symlink("../real/emne.lub.md", links.join("a.lub.md")).unwrap();
    std::os::unix::fs::symlink("a.lub.md", links.join("b.lub.md")).unwrap();

    lub()
        .args(["check", "--fix"])
        .arg(links.join("b.lub.md"))
        .assert()
        .code(0);
    for (link, to) in [
        ("a.lub.md", "../real/emne.lub.md"),
        ("b.lub.md", "a.lub.md"),
    ] {
        assert_eq!(
            std::fs::read_link(links.join(link)).unwrap(),
            Path::new(to),
            "{link} is still a link to {to}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(real.join("emne.lub.md")).unwrap(),
        FIXED
    );
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());

    // A link that leads nowhere is an error, and nothing is made there.
    std::os::unix::fs::symlink("../real/borte.lub.md", links.join("c.lub.md")).unwrap();
    let run = support::Run::of(lub().args(["check", "--fix"]).arg(links.join("c.lub.md")));
    assert_eq!(run.status, 2);
    run.said("no such file or folder");
    assert!(!real.join("borte.lub.md").exists());
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[test]
fn a_file_with_hard_links_is_not_fixed_and_stays_one_file() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emne.lub.md");
    let other = dir.path().join("kopi.lub.md");
    std::fs::write(&path, FIXABLE).unwrap();
    std::fs::hard_link(&path, &other).unwrap();
    let inode = std::fs::metadata(&path).unwrap().ino();

    fix_refused(&path, "the file has 2 hard links");
    for name in [&path, &other] {
        assert_eq!(std::fs::read_to_string(name).unwrap(), FIXABLE);
        assert_eq!(std::fs::metadata(name).unwrap().ino(), inode);
    }
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[test]
fn the_owner_group_mode_and_extended_attributes_are_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emne.lub.md");
    std::fs::write(&path, FIXABLE).unwrap();
    // Another user's file, as a coordinator's checkout is when root runs
    // the hook; only root may give a file away.
    match std::os::unix::fs::chown(&path, Some(65534), Some(65534)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            assert!(!in_ci(), "CI runs as root");
            return skip("the owner test: only root may give a file to another user");
        }
        Err(e) => panic!("{e}"),
    }
    // The setgid bit after chown, which clears it.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o2660)).unwrap();
    let attribute = rustix::fs::setxattr(
        &path,
        "user.lub-test",
        b"kept",
        rustix::fs::XattrFlags::empty(),
    );
    let has_attribute = match attribute {
        Ok(()) => true,
        Err(rustix::io::Errno::NOTSUP) => {
            skip("the extended attribute half: this file system has none");
            false
        }
        Err(e) => panic!("{e}"),
    };

    lub().args(["check", "--fix"]).arg(&path).assert().code(0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    let metadata = std::fs::metadata(&path).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
    assert_eq!(metadata.mode() & 0o7777, 0o2660);
    if has_attribute {
        let mut value = [0; 16];
        let n = rustix::fs::getxattr(&path, "user.lub-test", &mut value[..]).unwrap();
        assert_eq!(&value[..n], b"kept");
    }
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[test]
fn a_file_the_user_may_not_write_is_not_fixed_though_its_folder_is_writable() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Some(setpriv) = tool_or_skip("setpriv", "util-linux", "the access test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Anyone may make and rename files in the folder, but the file is
    // root's, and only root may write it: the mode bits say "writable".
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let path = dir.path().join("emne.lub.md");
    std::fs::write(&path, FIXABLE).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let owner = std::fs::metadata(&path).unwrap().uid();
    if owner == 65534 {
        return skip("the access test: it runs lub as nobody, who owns the file");
    }
    let probe = std::process::Command::new(&setpriv)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .status()
        .unwrap();
    if !probe.success() {
        assert!(!in_ci(), "CI runs as root, who may run lub as nobody");
        return skip("the access test: only root may run lub as another user");
    }

    let as_nobody = || {
        support::Run::of(
            assert_cmd::Command::new(&setpriv)
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(assert_cmd::cargo::cargo_bin("lub"))
                .args(["check", "--fix", "--format", "json"])
                .arg(&path),
        )
    };
    let run = as_nobody();
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said("not fixed: you may not write this file (permission denied)");
    assert!(run.findings.iter().any(|f| f.rule == "unknown-heading"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
    assert_eq!(std::fs::metadata(&path).unwrap().uid(), owner);
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());

    // Writable for anyone, but a fixed copy could not be given back to its
    // owner: it stays root's, unfixed.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    let run = as_nobody();
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said("not fixed: the fixed file could not be given the owner and group this one has");
    assert!(run.findings.iter().any(|f| f.rule == "unknown-heading"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
    assert_eq!(std::fs::metadata(&path).unwrap().uid(), owner);
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

/// Takes the immutable attribute off a file again, also when the test
/// fails, so that its folder can be removed.
struct Immutable<'a>(&'a Path, &'a Path);

impl Drop for Immutable<'_> {
    fn drop(&mut self) {
        let _ = std::process::Command::new(self.0)
            .arg("-i")
            .arg(self.1)
            .status();
    }
}

#[test]
fn an_immutable_file_is_not_fixed_even_by_root() {
    let Some(chattr) = tool_or_skip("chattr", "e2fsprogs", "the immutable-file test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emne.lub.md");
    std::fs::write(&path, FIXABLE).unwrap();
    let made = std::process::Command::new(&chattr)
        .arg("+i")
        .arg(&path)
        .output()
        .unwrap();
    if !made.status.success() {
        // Not root, or a file system without the attribute (tmpfs).
        return skip(&format!(
            "the immutable-file test: chattr +i failed: {}",
            String::from_utf8_lossy(&made.stderr).trim()
        ));
    }
    let _guard = Immutable(&chattr, &path);

    fix_refused(
        &path,
        "you may not write this file (operation not permitted)",
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[test]
fn line_endings_and_the_byte_order_mark_are_kept_in_inserted_lines() {
    for newline in ["\n", "\r\n", "\r"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("emne.lub.md");
        // No lead-in: the fix inserts «Kandidaten» as a line of its own.
        let text = "\u{FEFF}## Kunnskap\n- kan gjøre rede for normalformer\n\n## Ferdigheter\n- kan skrive SQL\n\n## Generell kompetanse\n- kan vurdere personvern\n";
        std::fs::write(&path, text.replace('\n', newline)).unwrap();
        lub().args(["check", "--fix"]).arg(&path).assert().code(0);
        let expected = "\u{FEFF}## Kunnskap\nKandidaten\n- kan gjøre rede for normalformer\n\n## Ferdigheter\nKandidaten\n- kan skrive SQL\n\n## Generell kompetanse\nKandidaten\n- kan vurdere personvern\n";
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            expected.replace('\n', newline),
            "{newline:?}"
        );
    }
    // A document whose first line is an outcome: the lead-in goes after the
    // byte-order mark, which stays the file's first bytes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emne.lub.md");
    std::fs::write(&path, "\u{FEFF}- kan gjøre rede for normalformer\r").unwrap();
    lub().args(["check", "--fix"]).arg(&path).assert().code(1);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "\u{FEFF}Kandidaten\r- kan gjøre rede for normalformer\r"
    );
}

#[test]
fn a_read_only_file_keeps_its_findings_in_the_report() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emne.lub.md");
    std::fs::write(&path, FIXABLE).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let human = support::Run::of(lub().args(["check", "--fix"]).arg(&path));
    assert_eq!(human.status, 2);
    assert!(!human.stdout.contains("No findings"), "{}", human.stdout);
    assert!(human.stdout.contains("Ferdigeter"), "{}", human.stdout);
    fix_refused(&path, "the file is read-only");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
}

/// Starts `lub check --fix` on `path` while the test holds the lock lub
/// takes before it replaces a file, lets `meddle` change the file once lub
/// has written its fix beside it, and returns the run.
fn fix_while(path: &Path, meddle: impl FnOnce()) -> support::Run {
    let lock = std::fs::File::open(path).unwrap();
    lock.lock().unwrap();
    let folder = path.parent().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("lub"))
        .args(["check", "--fix", "--format", "json"])
        .arg(path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // lub writes the temporary file before it waits for the lock.
    while temporaries(folder).is_empty() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("lub ended ({status}) before it wrote a fix beside the file");
        }
        std::thread::yield_now();
    }
    meddle();
    drop(lock);
    let output = child.wait_with_output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = support::Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        findings: Vec::new(),
    };
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "unknown-heading"),
        "{}",
        run.stdout
    );
    run
}

#[test]
fn an_edit_made_while_lub_fixes_the_file_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emne.lub.md");
    std::fs::write(&path, FIXABLE).unwrap();
    let edited = FIXABLE.replace("SQL", "SQL og Datalog");
    let run = fix_while(&path, || {
        use std::io::Write as _;
        // In place, as an editor that keeps the inode saves.
        let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.write_all(edited.as_bytes()).unwrap();
    });
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said("not fixed: the file changed while lub was fixing it");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());

    // A hard link made meanwhile is not split.
    std::fs::write(&path, FIXABLE).unwrap();
    let other = dir.path().join("kopi.lub.md");
    let run = fix_while(&path, || std::fs::hard_link(&path, &other).unwrap());
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said("not fixed: the file has 2 hard links");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), FIXABLE);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[test]
fn an_interrupted_fix_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let mut interrupted = 0;
    for signal in ["TERM", "INT"] {
        for _ in 0..3 {
            let dir = tempfile::tempdir().unwrap();
            for i in 0..600 {
                std::fs::write(dir.path().join(format!("emne{i:03}.lub.md")), FIXABLE).unwrap();
            }
            let first = dir.path().join("emne000.lub.md");
            let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("lub"))
                .args(["check", "--fix"])
                .arg(dir.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            // The signal is sent once a fix is being written, so that it
            // meets lub with a temporary file on disk, or at the latest once
            // the first file is fixed, with hundreds still to do.
            let finished = loop {
                if let Some(status) = child.try_wait().unwrap() {
                    break Some(status);
                }
                if !temporaries(dir.path()).is_empty()
                    || std::fs::read(&first).unwrap() == FIXED.as_bytes()
                {
                    break None;
                }
                std::thread::yield_now();
            };
            let status = match finished {
                Some(status) => status,
                None => {
                    std::process::Command::new("kill")
                        .arg(format!("-{signal}"))
                        .arg(child.id().to_string())
                        .status()
                        .unwrap();
                    child.wait().unwrap()
                }
            };
            if !status.success() && status.code() != Some(1) {
                interrupted += 1;
                assert!(
                    status.signal().is_some() || matches!(status.code(), Some(130 | 143)),
                    "{status:?}"
                );
            }
            assert_eq!(temporaries(dir.path()), Vec::<String>::new(), "SIG{signal}");
            for (name, bytes) in snapshot(dir.path()) {
                assert!(
                    bytes == FIXABLE.as_bytes() || bytes == FIXED.as_bytes(),
                    "{name} is whole, fixed or not"
                );
            }
        }
    }
    assert!(interrupted > 0, "no run was interrupted while fixing");
}

/// `--fix` on `text` as `a.lub.md` in a folder of its own: the fixed text
/// and what the run said on stderr.
fn fixed(text: &str, rule_files: &[(&str, &str)]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    if !rule_files.is_empty() {
        std::fs::write(dir.path().join("lub.yaml"), "rule-folders: [regler]\n").unwrap();
        std::fs::create_dir(dir.path().join("regler")).unwrap();
        for (name, yaml) in rule_files {
            std::fs::write(dir.path().join("regler").join(name), yaml).unwrap();
        }
    }
    let path = dir.path().join("a.lub.md");
    std::fs::write(&path, text).unwrap();
    let output = lub()
        .current_dir(dir.path())
        .args(["check", "--fix", "--fail-on", "error", "a.lub.md"])
        .output()
        .unwrap();
    (
        std::fs::read_to_string(&path).unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_lead_in_fix_writes_the_documents_language_and_the_learner_most_lead_ins_use() {
    // A bokmål text whose first lead-in was pasted in English.
    let (text, _) = fixed(
        "---\nlang: nb\nkind: course\nlevel: 6\n---\n## Kunnskap\nThe candidate can\n\n\
         - forklare hvordan en bro bærer last\n\n## Ferdigheter\nKandidaten kan\n\n\
         - beregne krefter i et fagverk\n\n## Generell kompetanse\nStudenten kan\n\n\
         - formidle beregninger til byggherren\n\n\
         <!-- lub: allow lead-in -->\nKandidaten kan også lese tegninger.\n",
        &[],
    );
    assert!(!text.contains("The candidate kan"), "{text}");
    assert!(
        text.contains("The candidate can\n"),
        "left for a person: {text}"
    );
    assert!(
        text.contains("## Generell kompetanse\nKandidaten kan\n"),
        "the learner most lead-ins use: {text}"
    );
    // An English text with a Norwegian lead-in gets no English word in it.
    let (text, _) = fixed(
        "---\nlang: en\nkind: course\nlevel: 6\n---\n## Knowledge\nKandidaten\n\n\
         - explain how a bridge carries load\n\n## Skills\nThe candidate\n\n\
         - calculate forces in a truss\n\n## General competence\nThe candidate\n\n\
         - communicate calculations to the client\n",
        &[],
    );
    assert!(
        text.contains("## Knowledge\nKandidaten\n\n- explain how"),
        "{text}"
    );
    assert!(text.contains("- can calculate forces"), "{text}");
}

#[test]
fn a_fix_that_would_bring_a_new_finding_is_not_applied_and_says_so() {
    // A house rule whose "safe" replacement is a verb lub flags as vague.
    let rule = "id: ordvalg\nkind: phrase\nseverity: info\nlanguages: [nb]\nscope: outcome\n\
                summary: House style.\nmessage: \"«{match}»\"\nwhy: House style.\nphrases:\n  nb:\n    \
                - phrase: vekttall\n      replace: studiepoeng\n      safe: true\n    \
                - phrase: gjengi\n      replace: forstå\n      safe: true\n";
    let (text, stderr) = fixed(
        "---\nlang: nb\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten kan\n\n\
         - gjengi hvordan vekttall regnes om\n\n## Ferdigheter\nKandidaten kan\n\n- skrive SQL\n\n\
         ## Generell kompetanse\nKandidaten kan\n\n- vurdere personvern\n",
        &[("ordvalg.yaml", rule)],
    );
    assert!(
        text.contains("- gjengi hvordan studiepoeng regnes om"),
        "the fix that holds is applied, the other not: {text}"
    );
    assert!(
        stderr.contains("a.lub.md:9:3: the safe fix of ordvalg was not applied: it would bring a new finding of vague-verb"),
        "{stderr}"
    );
}
