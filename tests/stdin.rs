#![allow(clippy::unwrap_used, clippy::expect_used)]
//! One document on standard input, as an editor's save hook or a script
//! hands it over: `lub check --stdin --fix` prints the fixed document and
//! nothing else on standard output, what remains on standard error;
//! `lub render --stdin` renders as `lub render FILE` does.

mod support;

use support::{Run, lub};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A course whose heading is misspelt (a safe fix) and whose first outcome
/// has a vague verb (no fix).
const FIXABLE: &str = "## Kunnskap\nKandidaten\n- forstår normalformer\n\n## Ferdigeter\nKandidaten kan\n- skrive SQL\n\n## Generell kompetanse\nKandidaten kan\n- vurdere personvern\n";

#[test]
fn fix_prints_the_fixed_document_and_reports_the_rest_on_stderr() {
    let run = Run::of(
        lub()
            .args(["check", "--stdin", "--fix", "--fail-on", "warning"])
            .write_stdin(FIXABLE),
    );
    assert_eq!(run.stdout, FIXABLE.replace("Ferdigeter", "Ferdigheter"));
    assert!(
        run.stderr.contains("Fixed 1 finding in 1 file."),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("vague-verb"), "{}", run.stderr);
    assert!(!run.stderr.contains("unknown-heading"), "{}", run.stderr);
    assert_eq!(run.status, 1, "the vague verb is left, a warning");

    // In the format asked for, still on standard error.
    let run = Run::of(
        lub()
            .args([
                "check",
                "--stdin",
                "--fix",
                "--format",
                "compact",
                "--stdin-filename",
                "sql.lub.md",
            ])
            .write_stdin(FIXABLE),
    );
    assert_eq!(run.status, 0, "no error is left");
    assert!(
        run.stderr.contains("sql.lub.md:3:3: warning vague-verb"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, FIXABLE.replace("Ferdigeter", "Ferdigheter"));
}

#[test]
fn fix_with_nothing_to_fix_gives_the_document_back_byte_for_byte() {
    for name in ["crlf-bom.lub.md", "latin1-not-utf8.lub.md", "empty.lub.md"] {
        let bytes = std::fs::read(format!("{ROOT}/corpus/edge/{name}")).unwrap();
        let output = lub()
            .args(["check", "--stdin", "--fix"])
            .write_stdin(bytes.clone())
            .output()
            .unwrap();
        assert_eq!(output.stdout, bytes, "{name} comes back as it went in");
    }
    // A second run changes nothing.
    let once = Run::of(
        lub()
            .args(["check", "--stdin", "--fix"])
            .write_stdin(FIXABLE),
    );
    let twice = Run::of(
        lub()
            .args(["check", "--stdin", "--fix"])
            .write_stdin(once.stdout.as_bytes()),
    );
    assert_eq!(twice.stdout, once.stdout);
}

#[test]
fn render_stdin_renders_as_render_file_does() {
    for path in [
        "corpus/nb/mtdt.nb.lub.md",
        "corpus/en/mtdt.en.lub.md",
        "corpus/nn/bachelor-historie.nn.lub.md",
    ] {
        let text = std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap();
        for to in ["text", "markdown", "html", "json"] {
            let file = Run::of(lub().args(["render", path, "--to", to]).current_dir(ROOT));
            let stdin = Run::of(
                lub()
                    .args(["render", "--stdin", "--to", to, "--stdin-filename", path])
                    .write_stdin(text.as_bytes()),
            );
            assert_eq!(file.status, 0, "{path}: {}", file.stderr);
            assert_eq!(stdin.status, 0, "{path}");
            assert_eq!(stdin.stdout, file.stdout, "{path} --to {to}");
        }
    }
}

#[test]
fn render_stdin_refuses_errors_under_the_name_given() {
    let text = std::fs::read_to_string(format!(
        "{ROOT}/corpus/nb/bachelor-okonomi-missing-gc.lub.md"
    ))
    .unwrap();
    let run = Run::of(
        lub()
            .args(["render", "--stdin", "--stdin-filename", "oko.lub.md"])
            .write_stdin(text.as_bytes()),
    );
    assert_eq!(run.status, 1);
    assert!(run.stdout.is_empty());
    run.said("error: oko.lub.md has errors; use --force to render it anyway");
    let forced = Run::of(
        lub()
            .args(["render", "--stdin", "--force"])
            .write_stdin(text.as_bytes()),
    );
    assert_eq!(forced.status, 0, "{}", forced.stderr);
    assert!(
        forced
            .stdout
            .contains("Bachelor i økonomi og administrasjon")
    );

    // A translation needs a file beside which to look.
    let run = Run::of(
        lub()
            .args(["render", "--stdin", "--lang", "en"])
            .write_stdin(""),
    );
    assert_eq!(run.status, 2);
    let run = Run::of(lub().arg("render"));
    assert_eq!(run.status, 2, "a path or --stdin");
}

#[test]
fn render_stdin_refuses_outcomes_that_do_not_read_on_as_render_file_does() {
    let dir = tempfile::tempdir().unwrap();
    support::write(dir.path(), "bro.lub.md", UNREADABLE_ON);
    let file = Run::of(support::lub_in(dir.path()).args(["render", "bro.lub.md"]));
    let stdin = Run::of(
        lub()
            .args(["render", "--stdin", "--stdin-filename", "bro.lub.md"])
            .write_stdin(UNREADABLE_ON),
    );
    assert_eq!(file.status, 1);
    assert_eq!(stdin.status, 1);
    assert_eq!(stdin.stderr, file.stderr);
    stdin.said("this outcome does not read on from its lead-in");
}

/// An outcome that does not continue its lead-in «Kandidaten».
const UNREADABLE_ON: &str = "---\nlang: nb\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten\n\n\
- har bred kunnskap om bærende konstruksjoner\n- forklare hvordan en bro bærer last\n\n\
## Ferdigheter\nKandidaten kan\n\n- beregne krefter i et fagverk\n\n\
## Generell kompetanse\nKandidaten kan\n\n- formidle beregninger til byggherren\n";
