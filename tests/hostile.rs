#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! Bad input, through the binary: for each kind, the exit status, the
//! message, that the other files were still checked, and the budget that
//! keeps time and memory bounded. The README's table "What lub does with bad
//! input" lists the same cases.

use std::path::{Path, PathBuf};
use std::process::Stdio;

mod support;
use support::{Run, lub_in as lub};

/// Clean but for one vague verb, a warning: alone it exits 0, and its
/// finding shows that it was checked.
const WITNESS: &str = "---\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten kan\n- forstå hvordan et operativsystem fordeler prosessortid\n\n## Ferdigheter\nKandidaten kan\n- programmere med tråder og synkronisering i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere sikkerhetsrisiko ved deling av minne mellom prosesser\n";

/// The witness beside the bad file was checked.
fn witness_checked(run: &Run) -> bool {
    run.finding("witness.lub.md", "vague-verb").is_some()
}

/// A folder holding the witness and `name` with `bytes`.
fn folder_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("witness.lub.md"), WITNESS).unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

/// `lub check --format json FILE witness.lub.md` in `dir`.
fn check_beside_witness(dir: &Path, file: &str) -> Run {
    Run::of(lub(dir).args(["check", "--format", "json", file, "witness.lub.md"]))
}

/// A document with front matter `front` and the witness's outcomes.
fn with_front_matter(front: &str) -> String {
    format!("---\n{front}---\n{WITNESS}")
}

#[test]
fn text_that_is_not_utf8_is_a_finding_and_the_rest_are_checked() {
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "latin1.lub.md",
            b"## Kunnskap\n- kan gj\xF8re rede for normalformer\n".to_vec(),
            "the file is not valid UTF-8 (line 2, byte 20); it is probably Latin-1 or Windows-1252",
        ),
        (
            "utf16.lub.md",
            [
                &[0xFF, 0xFE][..],
                &"## Kunnskap\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>(),
            ]
            .concat(),
            "the file is UTF-16 text; lub reads UTF-8",
        ),
        (
            "image.lub.md",
            [&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], &[0u8; 4096]].concat(),
            "this is a binary file, not text (a NUL byte at byte 8)",
        ),
        (
            "empty.lub.md",
            Vec::new(),
            "the document is empty: it has no learning outcomes",
        ),
        (
            "blank.lub.md",
            b" \n\t\n   \r\n".to_vec(),
            "the document is empty: it has no learning outcomes",
        ),
    ];
    for (name, bytes, message) in cases {
        let dir = folder_with(name, &bytes);
        let run = check_beside_witness(dir.path(), name);
        assert_eq!(run.status, 1, "{name}: {}", run.stderr);
        assert_eq!(run.finding(name, "parse-error"), Some(message), "{name}");
        assert!(witness_checked(&run), "{name}");
    }
}

#[test]
fn a_50_mb_document_is_refused_unread_and_the_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("witness.lub.md"), WITNESS).unwrap();
    // Sparse: 50 MB that costs the test nothing to write.
    let big = std::fs::File::create(dir.path().join("big.lub.md")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    let run = check_beside_witness(dir.path(), "big.lub.md");
    assert_eq!(run.status, 2);
    run.said(
        "big.lub.md: is 50.0 MB; lub reads files of up to 10.0 MB (`max-file-size-mb` in lub.yaml)",
    );
    assert!(witness_checked(&run));

    // `render` refuses it the same way, and prints nothing.
    let render = Run::of(lub(dir.path()).args(["render", "big.lub.md"]));
    assert_eq!(
        (render.status, render.stdout.len()),
        (2, 0),
        "{}",
        render.stderr
    );
    render.said("is 50.0 MB");

    // A document of 2 MB is read under a limit of 3 MB and refused under 1.
    let outcome = "- forklare hvordan et operativsystem fordeler prosessortid\n";
    let two_mb = format!(
        "## Kunnskap\nKandidaten kan\n{}",
        outcome.repeat(2 * 1024 * 1024 / outcome.len())
    );
    std::fs::write(dir.path().join("two.lub.md"), two_mb).unwrap();
    std::fs::write(dir.path().join("lub.yaml"), "max-file-size-mb: 1\n").unwrap();
    let run = check_beside_witness(dir.path(), "two.lub.md");
    assert_eq!(run.status, 2);
    run.said("two.lub.md: is 2.0 MB; lub reads files of up to 1.0 MB");
    std::fs::write(dir.path().join("lub.yaml"), "max-file-size-mb: 3\n").unwrap();
    let run = check_beside_witness(dir.path(), "two.lub.md");
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.finding("two.lub.md", "missing-category").is_some());

    // So is standard input, which has no size to look at first.
    let mut stdin = std::fs::File::open(dir.path().join("two.lub.md")).unwrap();
    let mut input = Vec::new();
    std::io::Read::read_to_end(&mut stdin, &mut input).unwrap();
    std::fs::write(dir.path().join("lub.yaml"), "max-file-size-mb: 1\n").unwrap();
    let output = lub(dir.path())
        .args(["check", "--stdin", "--stdin-filename", "piped.lub.md"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("piped.lub.md: is larger than 1.0 MB; lub reads files of up to 1.0 MB")
    );

    for bad in ["0", "-3", "5000", "lots"] {
        std::fs::write(
            dir.path().join("lub.yaml"),
            format!("max-file-size-mb: {bad}\n"),
        )
        .unwrap();
        let run = check_beside_witness(dir.path(), "two.lub.md");
        assert_eq!(run.status, 2, "max-file-size-mb: {bad}");
        run.said("lub.yaml:1:");
    }
}

#[test]
fn a_line_of_one_megabyte_is_checked_and_shown_cut_short() {
    let line = format!("- forstå {}\n", "databaser og ".repeat(80_000));
    let doc = format!("## Kunnskap\nKandidaten kan\n{line}");
    assert!(doc.len() > 1_000_000);
    let dir = folder_with("long.lub.md", doc.as_bytes());
    let run = check_beside_witness(dir.path(), "long.lub.md");
    assert_eq!(run.status, 1);
    assert_eq!(
        run.finding("long.lub.md", "vague-verb"),
        Some("«forstå» kan ikke vurderes: si hva kandidaten kan gjøre")
    );
    assert!(witness_checked(&run));

    // The human format shows the part of the line around each finding,
    // not the megabyte once per finding.
    let output = lub(dir.path())
        .args(["check", "long.lub.md"])
        .output()
        .unwrap();
    let human = String::from_utf8(output.stdout).unwrap();
    assert!(human.len() < 10_000, "{} bytes of output", human.len());
    assert!(
        human.contains(" 3 │ - forstå databaser og databaser og "),
        "{human}"
    );
    assert!(human.contains("og…\n"), "{human}");
}

#[test]
fn a_hundred_thousand_outcomes_in_one_section_are_checked() {
    // A few repeats among them; past `max_pairwise` outcomes only exact
    // repeats are compared, by hashing, so the run stays linear.
    let mut doc = String::from("---\nkind: course\nlevel: 7\n---\n## Kunnskap\nKandidaten kan\n");
    for i in 0..100_000 {
        doc.push_str(&format!(
            "- forklare hvordan prosess {} fordeler tid\n",
            i % 99_990
        ));
    }
    let dir = folder_with("many.lub.md", doc.as_bytes());
    let run = check_beside_witness(dir.path(), "many.lub.md");
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(
        run.finding("many.lub.md", "outcome-count"),
        Some("100000 læringsutbytter; rådet er 3–8 for et emne")
    );
    let repeats = run
        .findings
        .iter()
        .filter(|f| f.file == "many.lub.md" && f.rule == "duplicate-outcome")
        .count();
    assert_eq!(repeats, 10);
    assert!(witness_checked(&run));
}

#[test]
fn hostile_front_matter_is_a_finding_and_the_rest_are_checked() {
    let deep = format!("x: {}{}\n", "[".repeat(5_000), "]".repeat(5_000));
    let huge: String = (0..200_001).map(|i| format!("k{i}: v\n")).collect();
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(", ")));
    }
    let cases = [
        (
            "deep.lub.md",
            deep,
            "YAML-en er nestet mer enn 32 nivåer dypt",
        ),
        ("huge.lub.md", huge, "YAML-en har mer enn 200000 verdier"),
        ("bomb.lub.md", bomb, "YAML-en har mer enn 200000 verdier"),
        (
            "twice.lub.md",
            "level: 7\nlang: nb\nlevel: 6\n".to_string(),
            "nøkkelen `level` står to ganger; behold én",
        ),
    ];
    for (name, front, message) in cases {
        let dir = folder_with(name, with_front_matter(&front).as_bytes());
        let run = check_beside_witness(dir.path(), name);
        assert_eq!(run.status, 1, "{name}: {}", run.stderr);
        assert_eq!(
            run.finding(name, "front-matter"),
            Some(format!("front matter er ikke gyldig YAML: {message}").as_str()),
            "{name}"
        );
        assert!(witness_checked(&run), "{name}");
    }
}

/// The classic "billion laughs": nine levels of nine aliases each.
fn alias_bomb(key: &str) -> String {
    let mut bomb = format!("{key}: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        bomb.push_str(&format!(
            "{key}{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    bomb
}

#[test]
fn a_hostile_lub_yaml_stops_the_run_before_anything_is_checked() {
    // A run under a configuration lub could not read would report rules the
    // user turned off and pass what they made errors: it does not start.
    let cases = [
        (
            "rules:\n  vague-verb: error\n  vague-verb: off\n".to_string(),
            "lub.yaml:3:3: the key `vague-verb` appears twice; keep one",
        ),
        (alias_bomb("x"), "lub.yaml:1:1: unknown key `x`"),
        (
            "rule-folders: [../elsewhere]\n".to_string(),
            "must be a path inside the folder of the configuration",
        ),
    ];
    for (config, message) in cases {
        let dir = folder_with("lub.yaml", config.as_bytes());
        let run = Run::of(lub(dir.path()).args(["check", "--format", "json", "witness.lub.md"]));
        assert_eq!(run.status, 2, "{config}");
        assert!(run.stderr.contains(message), "{config}\n{}", run.stderr);
        assert!(run.findings.is_empty(), "nothing is checked");
    }
    let big = format!("# {}\nrules: {{}}\n", "x".repeat(5 * 1024 * 1024));
    let dir = folder_with("lub.yaml", big.as_bytes());
    let run = Run::of(lub(dir.path()).args(["check", "witness.lub.md"]));
    assert_eq!(run.status, 2);
    run.said("lub.yaml: is 5.0 MB; lub reads files of up to 4.0 MB");
}

#[test]
fn a_hostile_rule_file_is_left_out_and_the_other_rules_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("regler");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(dir.path().join("lub.yaml"), "rule-folders: [regler]\n").unwrap();
    std::fs::write(dir.path().join("witness.lub.md"), WITNESS).unwrap();
    let rule = |id: &str, extra: &str| {
        format!(
            "id: {id}\nkind: phrase\nseverity: warning\nlanguages: [nb]\nscope: outcome\nsummary: A word the department avoids.\nmessage: \"«{{match}}»\"\nwhy: House style.\n{extra}phrases:\n  nb:\n    - phrase: prosessortid\n"
        )
    };
    std::fs::write(rules.join("husstil.yaml"), rule("husstil", "")).unwrap();
    std::fs::write(
        rules.join("bomb.yaml"),
        format!("{}{}", rule("bomb", ""), alias_bomb("x")),
    )
    .unwrap();
    std::fs::write(rules.join("twice.yaml"), rule("twice", "severity: error\n")).unwrap();
    // Rule files carry literal phrases, never regular expressions, so a
    // pathological pattern has nowhere to go.
    std::fs::write(
        rules.join("pattern.yaml"),
        rule("pattern", "pattern: '(a+)+$'\n"),
    )
    .unwrap();
    let big = format!("{}# {}\n", rule("big", ""), "x".repeat(5 * 1024 * 1024));
    std::fs::write(rules.join("big.yaml"), big).unwrap();

    let run = Run::of(lub(dir.path()).args(["check", "--format", "json", "witness.lub.md"]));
    assert_eq!(run.status, 2);
    for message in [
        "regler/big.yaml: is 5.0 MB; lub reads files of up to 4.0 MB",
        // The header is read first, and a field it does not know is left to
        // the kind; the YAML's budget refuses the bomb before that.
        "regler/bomb.yaml:17:15: the YAML has more than 200000 values",
        "regler/pattern.yaml:9:1: the field “pattern” is not read by kind “phrase”",
        "regler/twice.yaml:9:1: the key `severity` appears twice; keep one",
    ] {
        run.said(message);
    }
    assert!(witness_checked(&run), "the built-in rules ran");
    assert!(
        run.finding("witness.lub.md", "husstil").is_some(),
        "the good rule file ran"
    );
}

#[test]
fn a_symbolic_link_loop_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("emner/a");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(inner.join("witness.lub.md"), WITNESS).unwrap();
    std::os::unix::fs::symlink("..", inner.join("opp")).unwrap();
    std::os::unix::fs::symlink("sirkel.lub.md", dir.path().join("sirkel.lub.md")).unwrap();

    let run = Run::of(lub(dir.path()).args(["check", "--format", "json", "emner"]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.findings.len(), 1, "the document was checked once");

    let run =
        Run::of(lub(dir.path()).args(["check", "--format", "json", "sirkel.lub.md", "emner"]));
    assert_eq!(run.status, 2);
    run.said("sirkel.lub.md: is a symbolic link that leads back to itself");
    assert!(witness_checked(&run));
}

/// Whether this process runs as root, who may read any file.
fn running_as_root(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "").unwrap();
    let root = std::fs::metadata(&probe).unwrap().uid() == 0;
    std::fs::remove_file(probe).unwrap();
    root
}

#[test]
fn a_file_that_cannot_be_read_is_an_error_and_the_rest_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with("locked.lub.md", WITNESS.as_bytes());
    let locked = dir.path().join("locked.lub.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = running_as_root(dir.path());
    if root
        && std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
    {
        eprintln!("skipped: running as root, who reads any file, and no setpriv to drop that");
        return;
    }
    let mut cmd = if root {
        // Root reads any file: run lub as nobody, from a copy of the binary
        // that nobody may run, in a folder nobody may enter.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let binary = dir.path().join("lub");
        std::fs::copy(assert_cmd::cargo::cargo_bin("lub"), &binary).unwrap();
        let mut cmd = assert_cmd::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&binary)
            .current_dir(dir.path());
        cmd
    } else {
        lub(dir.path())
    };
    let run = Run::of(cmd.args([
        "check",
        "--format",
        "json",
        "locked.lub.md",
        "witness.lub.md",
    ]));
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said("locked.lub.md: permission denied");
    assert!(witness_checked(&run));
}

#[test]
fn a_fifo_is_refused_rather_than_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("witness.lub.md"), WITNESS).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.lub.md"))
        .status()
        .unwrap();
    assert!(status.success());
    // Named: an error. Met while walking a folder: not a document, skipped.
    let run = check_beside_witness(dir.path(), "pipe.lub.md");
    assert_eq!(run.status, 2);
    run.said("pipe.lub.md: is not a regular file");
    assert!(witness_checked(&run));
    let run = Run::of(lub(dir.path()).args(["check", "--format", "json", "."]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(witness_checked(&run));
}

#[test]
fn lub_yaml_cannot_lead_lub_outside_its_folder() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.yaml"), "id: secret\n").unwrap();
    let dir = folder_with("lub.yaml", b"rule-folders: [lenke]\n");
    std::os::unix::fs::symlink(outside.path(), dir.path().join("lenke")).unwrap();
    let run = Run::of(lub(dir.path()).args(["check", "witness.lub.md"]));
    assert_eq!(run.status, 2);
    run.said("lub.yaml: “lenke” leads outside the folder of the configuration");
    for config in [
        "framework: /etc/passwd\n",
        "rule-folders: [/etc]\n",
        "framework: ../../x.yaml\n",
    ] {
        std::fs::write(dir.path().join("lub.yaml"), config).unwrap();
        let run = Run::of(lub(dir.path()).args(["check", "witness.lub.md"]));
        assert_eq!(run.status, 2, "{config}");
        assert!(
            run.stderr
                .contains("must be a path inside the folder of the configuration"),
            "{config}: {}",
            run.stderr
        );
    }
}

/// The shell of a private mount namespace in which `/mnt` is a tmpfs of
/// 64 KiB, or `None` where this machine does not allow one.
fn tiny_disk() -> Option<std::process::Command> {
    let probe = std::process::Command::new("unshare")
        .args(["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"])
        .stderr(Stdio::null())
        .status()
        .ok()?;
    if !probe.success() {
        return None;
    }
    let mut shell = std::process::Command::new("unshare");
    shell.args(["-rm", "sh", "-c"]);
    Some(shell)
}

#[test]
fn a_full_disk_leaves_every_file_as_it_was() {
    let Some(mut shell) = tiny_disk() else {
        eprintln!(
            "skipped: no tmpfs in a mount namespace here; \
             src/fix.rs tests a failed write by injection"
        );
        return;
    };
    let binary: PathBuf = assert_cmd::cargo::cargo_bin("lub");
    let fixable = "## Kunnskap\n•\tkan gjøre rede for normalformer\n\n## Ferdigheter\n•\tkan skrive SQL\n\n## Generell kompetanse\n•\tkan vurdere personvern\n";
    // Fill the disk, then ask lub to fix a file on it and to write a new one.
    let script = format!(
        r#"set -u
mount -t tmpfs -o size=64k tmpfs /mnt
printf '%s' '{fixable}' > /mnt/emne.lub.md
cp /mnt/emne.lub.md /tmp/lub-before-$$
dd if=/dev/zero of=/mnt/fill bs=1k 2>/dev/null
'{lub}' check --fix /mnt/emne.lub.md >/dev/null 2>/tmp/lub-fix-err-$$; echo "fix=$?"
cat /tmp/lub-fix-err-$$
cmp -s /mnt/emne.lub.md /tmp/lub-before-$$ && echo unchanged
'{lub}' new --kind course --level 7 --lang nb --output /mnt/ny.lub.md 2>&1; echo "new=$?"
ls -a /mnt
rm -f /tmp/lub-before-$$ /tmp/lub-fix-err-$$
"#,
        lub = binary.display()
    );
    let output = shell.arg(script).output().unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("fix=2"), "{said}");
    assert!(
        said.contains("emne.lub.md: not fixed: the disk is full"),
        "{said}"
    );
    assert!(said.contains("unchanged"), "{said}");
    assert!(said.contains("new=2"), "{said}");
    assert!(said.contains("ny.lub.md: the disk is full"), "{said}");
    let listing: Vec<&str> = said
        .lines()
        .skip_while(|l| !l.starts_with("new="))
        .skip(1)
        .collect();
    assert_eq!(
        listing,
        [".", "..", "emne.lub.md", "fill"],
        "nothing half-written is left"
    );
}

#[test]
fn runs_fixing_the_same_files_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let fixable = "## Kunnskap\n•\tkan gjøre rede for normalformer\n\n## Ferdigeter\n•\tkan skrive SQL\n\n## Generell kompetanse\n•\tkan vurdere personvern\n";
    for i in 0..20 {
        std::fs::write(dir.path().join(format!("emne{i:02}.lub.md")), fixable).unwrap();
    }
    let expected = {
        let single = tempfile::tempdir().unwrap();
        let path = single.path().join("emne.lub.md");
        std::fs::write(&path, fixable).unwrap();
        lub(single.path())
            .args(["check", "--fix", "emne.lub.md"])
            .assert()
            .code(0);
        std::fs::read_to_string(path).unwrap()
    };
    assert_ne!(expected, fixable);

    let binary = assert_cmd::cargo::cargo_bin("lub");
    let runs: Vec<_> = (0..6)
        .map(|_| {
            std::process::Command::new(&binary)
                .args(["check", "--fix", "."])
                .current_dir(dir.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for run in runs {
        let output = run.wait_with_output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        assert_eq!(std::fs::read_to_string(entry.path()).unwrap(), expected);
        names.push(entry.file_name());
    }
    assert_eq!(names.len(), 20, "no temporary file left: {names:?}");
}
