#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! Snapshots over every document in `corpus/`: what the parser understood
//! (the AST outline), and what `lub check` prints in the human and JSON
//! formats. A new corpus document is a new set of snapshots, with no Rust
//! to write.

mod support;
use support::relative;

use clap::Parser as _;
use lub::cli::{Cli, Io, run};

/// `lub ARGS…` run in-process, as the binary would: (exit status, stdout).
fn lub(args: &[&str]) -> (u8, String) {
    let cli = Cli::try_parse_from(std::iter::once("lub").chain(args.iter().copied()))
        .expect("valid arguments");
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let status = run(
        cli,
        Io {
            stdin: &mut std::io::empty(),
            stdout: &mut stdout,
            stderr: &mut stderr,
            stdout_terminal: false,
            stderr_terminal: false,
            env: &Io::no_env,
        },
    );
    assert!(
        stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&stderr)
    );
    (
        status.code(),
        String::from_utf8(stdout).expect("output is UTF-8"),
    )
}

#[test]
fn ast() {
    insta::glob!("../corpus", "**/*.lub.md", |path| {
        let bytes = std::fs::read(path).expect("corpus file is readable");
        let name = relative(path);
        let outline = match lub::source::decode(bytes) {
            Ok(text) => {
                let source = lub::SourceFile::new(name, text);
                lub::parse::outline(&lub::parse(&source), &source)
            }
            Err(undecodable) => format!("not text: {}\n", undecodable.error),
        };
        insta::assert_snapshot!(outline);
    });
}

#[test]
fn check_human() {
    insta::glob!("../corpus", "**/*.lub.md", |path| {
        let (status, stdout) = lub(&["check", &relative(path)]);
        insta::assert_snapshot!(format!("exit status: {status}\n\n{stdout}"));
    });
}

#[test]
fn check_json() {
    insta::glob!("../corpus", "**/*.lub.md", |path| {
        let (status, stdout) = lub(&["check", "--format", "json", &relative(path)]);
        let findings: serde_json::Value =
            serde_json::from_str(&stdout).expect("--format json prints JSON");
        assert_eq!(
            status == 1,
            findings
                .as_array()
                .is_some_and(|a| a.iter().any(|f| f["severity"] == "error"))
        );
        insta::assert_snapshot!(stdout);
    });
}

/// The whole corpus at once: what only a run over several documents finds
/// (translations that disagree) stands in its document's place.
#[test]
fn check_whole_corpus_json() {
    let (status, stdout) = lub(&["check", "--format", "json", "corpus"]);
    assert_eq!(status, 1);
    let findings: serde_json::Value =
        serde_json::from_str(&stdout).expect("--format json prints JSON");
    let catalogue: Vec<String> = findings
        .as_array()
        .expect("an array")
        .iter()
        .filter(|f| f["rule"] == "translation-mismatch")
        .map(|f| {
            format!(
                "{}:{}: {}",
                f["file"].as_str().unwrap_or(""),
                f["line"],
                f["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    insta::assert_snapshot!(catalogue.join("\n"));
}

/// The README's "run it" command: the whole corpus at once, in order.
#[test]
fn check_whole_corpus() {
    let (status, stdout) = lub(&["check", "corpus"]);
    assert_eq!(status, 1, "the corpus has documents with errors on purpose");
    let summary = stdout.lines().last().unwrap_or_default().to_string();
    let files = std::fs::read_dir("corpus")
        .expect("corpus/ exists")
        .flat_map(|d| std::fs::read_dir(d.expect("readable").path()).expect("readable"))
        .count();
    assert!(
        summary.ends_with(&format!("of {files} files.")),
        "{summary}"
    );
}

/// The whole corpus as `lub check` prints it in each message language:
/// every finding, and lub's own words, in bokmål, nynorsk and English.
#[test]
fn check_whole_corpus_in_each_language() {
    for lang in ["nb", "nn", "en"] {
        let (status, stdout) = lub(&["check", "--message-lang", lang, "corpus"]);
        assert_eq!(status, 1);
        insta::assert_snapshot!(format!("check_human_corpus_{lang}"), stdout);
    }
}
