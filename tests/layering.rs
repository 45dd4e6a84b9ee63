//! The house has no circles: each module of `src/` may use only the modules
//! below it in `ORDER`, the order README's "How it is built" shows. A `use`
//! of a module above (or a new module not placed in the order) fails here,
//! naming the file and the line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

/// Bottom first. A module may use any module before it, none after it.
const ORDER: &[&str] = &[
    // Foundations, which know nothing of documents.
    "work",
    "escape",
    "suggest",
    "yaml",
    "lang",
    "source",
    "messages",
    "error",
    "embedded",
    // File access, and the words of the learner every stage reads.
    "files",
    "learner",
    // What a rule found.
    "finding",
    // parse → analyse → rules.
    "parse",
    "analyse",
    "suppress",
    "rules",
    // What stands on the rules: the facts a catalogue report needs, fixes,
    // configuration, explanations, the Diploma text.
    "facts",
    "fix",
    "config",
    "explain",
    "render",
    // The formats of findings.
    "output",
    // The engine.
    "check",
    // Calls the front-ends share.
    "diploma",
    "import",
    "new",
    "single",
    // Front-ends.
    "catalogue",
    "serve",
    "lsp",
    "cli",
];

/// Names that lead to a module under another name (`lib.rs` re-exports
/// them).
const ALIASES: &[(&str, &str)] = &[("framework", "analyse")];

fn rank(module: &str) -> Option<usize> {
    let module = ALIASES
        .iter()
        .find(|(alias, _)| *alias == module)
        .map_or(module, |(_, real)| real);
    ORDER.iter().position(|m| *m == module)
}

/// The modules a line of code names as `crate::name`, or inside
/// `use crate::{a, b::c}`.
fn named(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let inside = group.split('}').next().unwrap_or("");
            for item in inside.split(',') {
                let head = item.trim().split("::").next().unwrap_or("").trim();
                if !head.is_empty() {
                    out.push(head.to_string());
                }
            }
        } else {
            let head: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push(head);
        }
        rest = after;
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_the_modules_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut modules = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let Some(own) = rank(&top) else {
            wrong.push(format!(
                "src/{}: the module `{top}` has no place in ORDER",
                relative.display()
            ));
            continue;
        };
        modules += 1;
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for used in named(code) {
                match rank(&used) {
                    Some(r) if r < own || used == top => {}
                    Some(_) => wrong.push(format!(
                        "src/{}:{}: `{top}` uses `{used}`, which stands above it",
                        relative.display(),
                        number + 1
                    )),
                    None => {}
                }
            }
        }
    }
    assert!(modules > 50, "the walk found only {modules} files");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Inside a module that is a folder, the same rule among its files: each
/// may use (as `super::name`) only the files before it; `mod.rs` uses them
/// all.
const INNER: &[(&str, &[&str])] = &[("check", &["setup", "document", "fixing"])];

#[test]
fn the_files_of_a_module_use_only_those_before_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (folder, order) in INNER {
        let dir = src.join(folder);
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|name| name != "mod.rs")
            .map(|name| name.trim_end_matches(".rs").to_string())
            .collect();
        on_disk.sort();
        let mut ordered: Vec<String> = order.iter().map(ToString::to_string).collect();
        ordered.sort();
        assert_eq!(on_disk, ordered, "the files of src/{folder}/");
        for (own, file) in order.iter().enumerate() {
            let text = std::fs::read_to_string(dir.join(format!("{file}.rs"))).unwrap();
            for (number, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                for used in named(&code.replace("super::", "crate::")) {
                    if let Some(r) = order.iter().position(|m| *m == used)
                        && r >= own
                    {
                        wrong.push(format!(
                            "src/{folder}/{file}.rs:{}: uses `{used}`, which stands after it",
                            number + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_order_names_each_module_of_src_once() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut on_disk: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .filter(|m| m != "lib" && m != "main")
        .collect();
    on_disk.sort();
    let mut ordered: Vec<String> = ORDER.iter().map(ToString::to_string).collect();
    ordered.sort();
    assert_eq!(on_disk, ordered);
}
