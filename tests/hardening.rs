#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The second round of hostile input (issue 13), one test per class of
//! defect, through the binary where a user meets it.

use std::path::Path;

mod support;
use support::{Run, lub_in as lub};

const DOC: &str = "---\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten kan\n- forstå hvordan et operativsystem fordeler prosessortid\n\n## Ferdigheter\nKandidaten kan\n- programmere med tråder og synkronisering i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere sikkerhetsrisiko ved deling av minne mellom prosesser\n";

/// Nothing a document or a name holds starts a line of its own, and no
/// escape sequence reaches the stream raw.
#[track_caller]
fn nothing_injected(stream: &str, what: &str) {
    assert!(
        !stream.contains('\u{1b}') && !stream.contains('\u{7}'),
        "raw escape in {what}:\n{stream}"
    );
    for line in stream.lines() {
        assert!(
            !line.trim_start().starts_with("::warning file=evil")
                && !line.trim_start().starts_with("::warning::INJECTED")
                && !line.starts_with("INJECTED"),
            "injected line in {what}: {line:?}\n{stream}"
        );
    }
}

#[cfg(unix)]
#[test]
fn names_and_text_that_hold_commands_or_escapes_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a\n::warning file=evil,line=1::INJECTED\nb:c.lub.md";
    let text = DOC.replace(
        "- forstå hvordan",
        "- forstå \u{1b}]0;owned\u{7}\u{1b}[2J hvordan",
    );
    std::fs::write(dir.path().join(name), &text).unwrap();
    let missing = "gone\n::warning::INJECTED.lub.md";
    for format in ["human", "compact", "github", "json", "sarif"] {
        let run = Run::of(lub(dir.path()).args(["check", "--format", format, ".", missing]));
        assert_eq!(run.status, 2, "{format}: {}", run.stderr);
        nothing_injected(&run.stdout, &format!("{format} stdout"));
        nothing_injected(&run.stderr, &format!("{format} stderr"));
        assert!(
            run.stderr.contains("gone\\n::warning::INJECTED.lub.md"),
            "{}",
            run.stderr
        );
    }
    // Compact: the name is one field, its own `:` written out.
    let run = Run::of(lub(dir.path()).args(["check", "--format", "compact", "."]));
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.starts_with(
            "a\\n\\x3a\\x3awarning file=evil,line=1\\x3a\\x3aINJECTED\\nb\\x3ac.lub.md:"
        ),
        "{first}"
    );
    // Human: the snippet shows the escape sequence written out.
    let run = Run::of(lub(dir.path()).args(["check", "."]));
    assert!(
        run.stdout
            .contains("forstå \\x1b]0;owned\\x07\\x1b[2J hvordan"),
        "{}",
        run.stdout
    );
    // Render, as text and as Markdown.
    for to in ["text", "markdown"] {
        let run = Run::of(lub(dir.path()).args(["render", "--force", "--to", to, name]));
        assert_eq!(run.status, 0, "{}", run.stderr);
        nothing_injected(&run.stdout, &format!("render {to}"));
        assert!(run.stdout.contains("\\x1b"), "{}", run.stdout);
    }
}

/// The steps `f` takes for an input of size `n` and of `2n`.
fn steps_for(n: usize, f: impl Fn(usize)) -> (u64, u64) {
    let ((), one) = lub::work::measure(|| f(n));
    let ((), two) = lub::work::measure(|| f(2 * n));
    (one, two)
}

#[track_caller]
fn about_doubles((one, two): (u64, u64), what: &str) {
    assert!(one > 0, "{what}: nothing was counted");
    assert!(
        two as f64 <= 2.5 * one as f64,
        "{what}: doubling the input took {one} → {two} steps"
    );
}

fn linter() -> lub::Linter {
    lub::Linter::new(&lub::config::Config::default(), &lub::Selection::default()).unwrap()
}

/// Every report of `text`, in the human and compact formats.
fn report_all(linter: &lub::Linter, text: String) {
    let report = lub::single::report(linter, "a.lub.md", text.into_bytes());
    for format in [lub::output::Format::Human, lub::output::Format::Compact] {
        let mut out = Vec::new();
        let mut reporter = lub::output::reporter(
            format,
            Box::new(&mut out),
            Box::new(std::io::sink()),
            lub::output::Style::plain(),
            linter.rules(),
        );
        reporter.file(&report).unwrap();
    }
}

#[test]
fn findings_on_one_line_directives_and_diffs_take_linear_work() {
    let linter = linter();
    // One paragraph of n sentences, each with a finding, on one line.
    let paragraph = |n: usize| {
        let sentences = vec!["Kandidaten kan forstå emnet."; n].join(" ");
        DOC.replace(
            "Kandidaten kan\n- forstå hvordan",
            &format!("{sentences}\n\n- forstå hvordan"),
        )
    };
    about_doubles(
        steps_for(2_000, |n| report_all(&linter, paragraph(n))),
        "findings on one line",
    );
    // One directive of n ids over n findings.
    let directive = |n: usize| {
        let ids = vec!["vague-verb, lead-in"; n].join(", ");
        format!("<!-- lub: allow {ids} -->\n\n{}", paragraph(n))
    };
    about_doubles(
        steps_for(2_000, |n| report_all(&linter, directive(n))),
        "a directive of many ids",
    );
    // A diff of n changed lines, every other line changed.
    let diff = |n: usize| {
        let before: String = (0..n).map(|i| format!("• kan {i}\n## Del {i}\n")).collect();
        let after = before.replace('•', "-");
        let shown = lub::output::unified_diff("a.lub.md", &before, &after);
        assert_eq!(shown.matches("\n+- kan").count(), n);
    };
    about_doubles(steps_for(5_000, diff), "a diff of many changed lines");
    // All changed, with no line in common to anchor on.
    let all_changed = |n: usize| {
        let before: String = (0..n).map(|i| format!("• kan {}\n", i % 7)).collect();
        let after = before.replace('•', "-");
        let shown = lub::output::unified_diff("a.lub.md", &before, &after);
        assert_eq!(shown.matches("\n+- kan").count(), n);
    };
    about_doubles(steps_for(5_000, all_changed), "a diff with no anchor");
}

#[test]
fn a_paragraph_of_findings_on_one_line_has_the_right_columns() {
    let dir = tempfile::tempdir().unwrap();
    let sentences = vec!["Kandidaten kan forstå æøå."; 300].join(" ");
    let text = DOC.replace(
        "Kandidaten kan\n- forstå hvordan",
        &format!("{sentences}\n\n- forstå hvordan"),
    );
    support::write(dir.path(), "a.lub.md", &text);
    let run = Run::of(lub(dir.path()).args(["check", "--format", "compact", "a.lub.md"]));
    let line = text
        .lines()
        .position(|l| l.starts_with("Kandidaten kan forstå æøå."))
        .unwrap()
        + 1;
    let sentence = "Kandidaten kan forstå æøå. ".chars().count();
    let columns: Vec<usize> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with(&format!("a.lub.md:{line}:")) && l.contains("vague-verb"))
        .map(|l| l.split(':').nth(2).unwrap().parse().unwrap())
        .collect();
    assert_eq!(columns.len(), 300, "{}", run.stdout);
    for (i, column) in columns.iter().enumerate() {
        assert_eq!(*column, i * sentence + "Kandidaten kan ".len() + 1);
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    support::write(dir.path(), "witness.lub.md", DOC);
    let fifo = dir.path().join("pipe.lub.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    // Named on the command line, the FIFO is opened (without blocking)
    // and refused by what the open handle is.
    let mut cmd = lub(dir.path());
    cmd.args(["check", "--format", "json", "pipe.lub.md", "witness.lub.md"])
        .timeout(std::time::Duration::from_secs(60));
    let run = Run::of(&mut cmd);
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said("pipe.lub.md: is not a regular file");
    assert!(run.finding("witness.lub.md", "vague-verb").is_some());
}

#[cfg(target_os = "linux")]
#[test]
fn a_name_that_is_not_utf8_is_checked_and_shown_escaped() {
    use std::os::unix::ffi::OsStrExt as _;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"kurs-\xe6.lub.md");
    if std::fs::write(dir.path().join(name), DOC).is_err() {
        return; // a file system that takes only UTF-8 names
    }
    let run = Run::of(lub(dir.path()).args(["check", "--format", "compact", "."]));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("kurs-\\xe6.lub.md:7:3: warning vague-verb"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn a_config_that_is_not_a_file_and_rules_that_lead_out_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("catalogue");
    support::write(&inner, "a.lub.md", DOC);
    // A folder named lub.yaml is not skipped for a parent's.
    support::write(dir.path(), "lub.yaml", "rules:\n  vague-verb: off\n");
    std::fs::create_dir(inner.join("lub.yaml")).unwrap();
    let run = Run::of(lub(&inner).args(["check", "a.lub.md"]));
    assert_eq!(run.status, 2, "{}{}", run.stdout, run.stderr);
    run.said("lub.yaml: is a folder");
    // Nor a dangling link.
    std::fs::remove_dir(inner.join("lub.yaml")).unwrap();
    std::os::unix::fs::symlink("nowhere.yaml", inner.join("lub.yaml")).unwrap();
    let run = Run::of(lub(&inner).args(["check", "a.lub.md"]));
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said("lub.yaml: no such file or folder");
    // A rule file linked from outside the configuration's folder.
    std::fs::remove_file(inner.join("lub.yaml")).unwrap();
    support::write(&inner, "lub.yaml", "rule-folders: [own-rules]\n");
    std::fs::create_dir(inner.join("own-rules")).unwrap();
    let outside = dir.path().join("outside.yaml");
    std::fs::write(&outside, "id: x\n").unwrap();
    std::os::unix::fs::symlink(&outside, inner.join("own-rules/x.yaml")).unwrap();
    let run = Run::of(lub(&inner).args(["check", "a.lub.md"]));
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said("own-rules/x.yaml: is a link that leads outside the folder of the configuration");
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_read_is_said_in_plain_words() {
    use std::os::unix::fs::PermissionsExt as _;
    if unsafe_is_root() {
        return; // root reads every folder
    }
    let dir = tempfile::tempdir().unwrap();
    support::write(dir.path(), "a.lub.md", DOC);
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = Run::of(lub(dir.path()).args(["check", "."]));
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    run.said("error: sub: permission denied");
}

/// Whether the tests run as root, read from the home folder's owner
/// rather than by a system call, which `unsafe` would need.
fn unsafe_is_root() -> bool {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[allow(dead_code)]
fn unused(_: &Path) {}

#[test]
fn a_vague_verb_hidden_by_invisible_or_decomposed_letters_is_found_and_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let hidden = [
        "for\u{ad}stå",           // soft hyphen
        "forsta\u{30a}",          // decomposed å, as pasted from macOS
        "for\u{200b}st\u{200d}å", // zero-width space and joiner
    ];
    for (i, word) in hidden.iter().enumerate() {
        let text = DOC.replace("- forstå hvordan", &format!("- {word} hvordan"));
        support::write(dir.path(), &format!("d{i}.lub.md"), &text);
    }
    let run = Run::of(lub(dir.path()).args(["check", "--format", "json", "."]));
    for (i, word) in hidden.iter().enumerate() {
        let found: Vec<&support::Found> = run
            .findings
            .iter()
            .filter(|f| f.file.ends_with(&format!("d{i}.lub.md")) && f.rule == "vague-verb")
            .collect();
        assert_eq!(found.len(), 1, "{word:?}: {:?}", run.findings);
        // The finding quotes the document's own bytes.
        assert_eq!(found[0].text, *word);
    }
}

#[test]
fn messages_quote_values_as_written_and_cut_long_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let with = |front: &str| DOC.replace("kind: course\nlevel: 6\n", front);
    support::write(
        dir.path(),
        "tiny.lub.md",
        &with("kind: course\nlevel: 6\ncredits: 1e-400\n"),
    );
    support::write(
        dir.path(),
        "huge.lub.md",
        &with("kind: course\nlevel: 6\ncredits: 123456789012345678901234567\n"),
    );
    let dots = "…".repeat(100_000);
    support::write(
        dir.path(),
        "dots.lub.md",
        &DOC.replace("- programmere med", &format!("- {dots}\n- programmere med")),
    );
    let run = Run::of(lub(dir.path()).args(["check", "--format", "json", "."]));
    assert_eq!(
        run.finding("tiny.lub.md", "front-matter"),
        Some("`credits` er 1e-400; studiepoeng ligger mellom 0 og 600")
    );
    assert_eq!(
        run.finding("huge.lub.md", "front-matter"),
        Some("`credits` er 123456789012345678901234567; studiepoeng ligger mellom 0 og 600")
    );
    let placeholder = run.finding("dots.lub.md", "placeholder").unwrap();
    assert!(
        placeholder.chars().count() < 300,
        "{} characters",
        placeholder.chars().count()
    );
    assert!(placeholder.contains("……"), "{placeholder}");
}

#[cfg(target_os = "linux")]
#[test]
fn help_that_cannot_be_written_is_a_failure() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("lub"))
        .arg("--help")
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: cannot write: the disk is full\n"
    );
}

#[test]
fn a_rule_phrase_that_could_never_match_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    support::write(dir.path(), "a.lub.md", DOC);
    support::write(dir.path(), "lub.yaml", "rule-folders: [own]\n");
    let rule = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/vague-verb.yaml"),
    )
    .unwrap()
    .replacen("id: vague-verb", "id: own-phrases", 1);
    for (name, phrase) in [("dots", "\"...\""), ("invisible", "\"\u{200b}\u{ad}\"")] {
        let text = rule.replacen(
            "- phrase: ",
            &format!("- phrase: {phrase}\n    - phrase: "),
            1,
        );
        support::write(dir.path(), "own/own-phrases.yaml", &text);
        let run = Run::of(lub(dir.path()).args(["check", "a.lub.md"]));
        assert_eq!(run.status, 2, "{name}: {}", run.stderr);
        run.said("which has no letter or digit: a phrase matches words, so it would never match");
    }
}
