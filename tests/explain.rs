#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! `lub rules` and `lub explain ID` for every rule, in each of the three
//! message languages, snapshotted, so that a change in a rule's wording
//! shows up in review; and their JSON, for scripts and editors.

mod support;
use support::Run;

const LANGS: [&str; 3] = ["nb", "nn", "en"];

/// `lub ARGS…`: (status, stdout, stderr).
fn lub(args: &[&str]) -> (i32, String, String) {
    let run = Run::of(support::lub().args(args));
    (run.status, run.stdout, run.stderr)
}

#[test]
fn rules_lists_every_rule_in_each_language() {
    for lang in LANGS {
        let (status, stdout, _) = lub(&["rules", "--message-lang", lang]);
        assert_eq!(status, 0);
        insta::assert_snapshot!(format!("rules_{lang}"), stdout);
    }
}

#[test]
fn explain_prints_each_rule_in_each_language() {
    let linter = lub::Linter::builtin().unwrap();
    for id in linter.rules().ids() {
        for lang in LANGS {
            let (status, stdout, stderr) = lub(&["explain", id, "--message-lang", lang]);
            assert_eq!(status, 0, "{stderr}");
            insta::assert_snapshot!(format!("{lang}__{id}"), stdout);
        }
    }
}

#[test]
fn without_a_language_explain_follows_the_locale() {
    let run = |locale: Option<&str>| {
        let mut cmd = support::lub();
        cmd.args(["explain", "vague-verb"]);
        if let Some(locale) = locale {
            cmd.env("LANG", locale);
        }
        Run::of(&mut cmd).stdout
    };
    assert!(run(None).contains("\nWhy\n"), "English without a locale");
    assert!(run(Some("nb_NO.UTF-8")).contains("\nHvorfor\n"));
    assert!(
        run(Some("no_NO.UTF-8")).contains("\nHvorfor\n"),
        "`no` is bokmål"
    );
    assert!(run(Some("nn_NO.UTF-8")).contains("\nKvifor\n"));
    assert!(run(Some("de_DE.UTF-8")).contains("\nWhy\n"), "else English");
}

#[test]
fn explain_suggests_a_rule_for_a_typo() {
    let (status, _, stderr) = lub(&["explain", "vage-verb"]);
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "error: “vage-verb” is not a rule; did you mean “vague-verb”?\n"
    );
    let (_, _, stderr) = lub(&["explain", "vage-verb", "--message-lang", "nn"]);
    assert_eq!(
        stderr,
        "error: «vage-verb» er ikkje ein regel; meinte du «vague-verb»?\n"
    );
}

#[test]
fn rules_and_explain_speak_json() {
    let (status, stdout, _) = lub(&["rules", "--format", "json", "--message-lang", "nn"]);
    assert_eq!(status, 0);
    let rules: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let rules = rules.as_array().expect("an array of rules");
    let linter = lub::Linter::builtin().unwrap();
    assert_eq!(rules.len(), linter.rules().ids().count());
    let vague = rules
        .iter()
        .find(|r| r["id"] == "vague-verb")
        .expect("vague-verb is listed");
    assert_eq!(vague["severity"], "warning");
    assert_eq!(vague["languages"], serde_json::json!(["nb", "nn", "en"]));
    assert!(
        vague["summary"].as_str().unwrap().contains("ikkje"),
        "{vague}"
    );

    let (status, stdout, _) = lub(&["explain", "vague-verb", "--format", "json"]);
    assert_eq!(status, 0);
    let explained: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(explained["id"], "vague-verb");
    assert_eq!(explained["lang"], "en");
    assert!(explained["why"].as_str().unwrap().contains("examiner"));
    assert!(
        explained["help"]
            .as_str()
            .unwrap()
            .contains("the verbs below")
    );
    assert_eq!(explained["suggestions"]["nn"]["skills"][0], "nytte");
    let examples = explained["examples"].as_array().unwrap();
    assert!(examples.iter().any(|e| e["flagged"] == true));
    assert!(examples.iter().any(|e| e["flagged"] == false));

    let (status, _, stderr) = lub(&["explain", "vage-verb", "--format", "json"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("did you mean"), "{stderr}");
}
