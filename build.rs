#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // a build script that cannot read rules/ must stop the build

//! Compiles every YAML file under `rules/` into the binary, sorted by path,
//! so that adding a rule is adding a file (and its examples become tests).
//! Files directly in `rules/` are rules; those in sub-folders (`lexicon/`,
//! `nkr/`) are the data they share.
//!
//! Each file is read here, through the same `yaml.rs` lub reads YAML with
//! (strict booleans, duplicate keys refused, budgets), and embedded as JSON:
//! a broken rule file stops the build with its line and column, and lub
//! reads its rules several times faster at every start.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/yaml.rs"]
#[allow(dead_code, unused_imports, unreachable_pub)]
mod yaml;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for path in &files {
        let relative = path
            .strip_prefix(&root)
            .unwrap()
            .to_str()
            .expect("rule paths are UTF-8")
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).expect("rule files are UTF-8 text");
        let value: serde_json::Value = yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("rules/{relative}:{}:{}: {}", e.line, e.column, e.message));
        let json_path = out_dir.join("rules").join(format!("{relative}.json"));
        std::fs::create_dir_all(json_path.parent().unwrap()).unwrap();
        std::fs::write(&json_path, value.to_string()).unwrap();
        writeln!(
            out,
            "    ({relative:?}, include_str!({:?})),",
            json_path.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    std::fs::write(out_dir.join("embedded_rules.rs"), out).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=src/yaml.rs");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in std::fs::read_dir(dir).expect("the rules/ folder is part of the source") {
        let path = entry.expect("rules/ is readable").path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            println!("cargo:rerun-if-changed={}", path.display());
            files.push(path);
        }
    }
}
