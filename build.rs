#![allow(clippy::expect_used, clippy::unwrap_used)] // a build script that cannot read rules/ must stop the build

//! Embeds every YAML file under `rules/` into the binary, sorted by path, so
//! that adding a rule is adding a file (and its examples become tests).
//! Files directly in `rules/` are rules; those in sub-folders (`lexicon/`,
//! `nkr/`) are the data they share.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
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
        writeln!(
            out,
            "    ({relative:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("embedded_rules.rs"), out)
        .expect("OUT_DIR is writable");
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
