//! What the tests that run the `lub` binary share: starting it, writing the
//! files it reads, and reading what it printed.
#![allow(dead_code)] // each test file uses some of these

use std::path::Path;

use assert_cmd::Command;

pub(crate) mod served;

/// The `lub` binary, started from the project root, with no locale and
/// no colour settings of the machine it runs on: what it prints is what a
/// test says.
pub(crate) fn lub() -> Command {
    let mut cmd = Command::cargo_bin("lub").expect("the lub binary is built");
    for name in [
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "NO_COLOR",
        "CLICOLOR_FORCE",
    ] {
        cmd.env_remove(name);
    }
    cmd
}

/// The `lub` binary, started in `dir`.
pub(crate) fn lub_in(dir: &Path) -> Command {
    let mut cmd = lub();
    cmd.current_dir(dir);
    cmd
}

/// Writes `dir/name`, creating the folders it needs.
pub(crate) fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("test folder is writable");
    }
    std::fs::write(path, text).expect("test file is writable");
}

/// A path under the project root as a user would type it there.
pub(crate) fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// A finding of a `--format json` run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub file: String,
    pub rule: String,
    pub severity: String,
    pub text: String,
    pub message: String,
}

/// What a run of the binary did.
pub(crate) struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    /// The findings, when the run printed JSON; else none.
    pub findings: Vec<Found>,
}

impl Run {
    pub(crate) fn of(cmd: &mut Command) -> Run {
        let output = cmd.output().expect("the lub binary starts");
        let json: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
        let findings = json
            .as_array()
            .map(|all| {
                all.iter()
                    .map(|f| {
                        let field = |name: &str| f[name].as_str().unwrap_or_default().to_string();
                        Found {
                            file: field("file"),
                            rule: field("rule"),
                            severity: field("severity"),
                            text: field("text"),
                            message: field("message"),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            findings,
        }
    }

    /// The message of the first finding of `rule` in a file whose path ends
    /// with `file`.
    pub(crate) fn finding(&self, file: &str, rule: &str) -> Option<&str> {
        self.findings
            .iter()
            .find(|f| f.file.ends_with(file) && f.rule == rule)
            .map(|f| f.message.as_str())
    }

    /// `(rule, text)` of every finding.
    pub(crate) fn rules_and_texts(&self) -> Vec<(String, String)> {
        self.findings
            .iter()
            .map(|f| (f.rule.clone(), f.text.clone()))
            .collect()
    }

    /// The run said `message` on standard error.
    #[track_caller]
    pub(crate) fn said(&self, message: &str) {
        assert!(
            self.stderr.contains(message),
            "expected «{message}» in:\n{}",
            self.stderr
        );
    }
}
