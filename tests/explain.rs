#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! `lub rules` and `lub explain ID` for every rule, snapshotted, so that a
//! change in a rule's wording shows up in review.

mod support;
use support::Run;

/// `lub ARGS…`: (status, stdout, stderr).
fn lub(args: &[&str]) -> (i32, String, String) {
    let run = Run::of(support::lub().args(args));
    (run.status, run.stdout, run.stderr)
}

#[test]
fn rules_lists_every_rule() {
    let (status, stdout, _) = lub(&["rules"]);
    assert_eq!(status, 0);
    insta::assert_snapshot!(stdout);
}

#[test]
fn explain_prints_each_rule() {
    let linter = lub::Linter::builtin().unwrap();
    for id in linter.rules().ids() {
        let (status, stdout, stderr) = lub(&["explain", id]);
        assert_eq!(status, 0, "{stderr}");
        insta::assert_snapshot!(id, stdout);
    }
}

#[test]
fn explain_suggests_a_rule_for_a_typo() {
    let (status, _, stderr) = lub(&["explain", "vage-verb"]);
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "error: «vage-verb» is not a rule; did you mean «vague-verb»?\n"
    );
}
