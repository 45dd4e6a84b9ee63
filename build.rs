#![allow(clippy::expect_used, clippy::unwrap_used)] // a build script that cannot read rules/ must stop the build
//! Embeds every rule file in `rules/` into the binary, sorted by name, so
//! that adding a rule is adding a file (and its examples become tests).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut stems = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the rules/ folder is part of the source") {
        let path = entry.expect("rules/ is readable").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            println!("cargo:rerun-if-changed={}", path.display());
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("rule file names are UTF-8");
            stems.push((stem.to_string(), path.clone()));
        }
    }
    stems.sort();
    let mut out = String::from("&[\n");
    for (stem, path) in &stems {
        writeln!(
            out,
            "    ({stem:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("embedded_rules.rs"), out)
        .expect("OUT_DIR is writable");
}
