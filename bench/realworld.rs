//! The real published texts in `../shared/realworld/` (or
//! `$LUB_REALWORLD`), as the real-world test, the precision example and the
//! benchmarks read them. They are not ours, so they are never copied here.
#![allow(dead_code)] // each user reads some of these

use std::path::{Path, PathBuf};

/// Where the texts are, whether or not they are there.
pub(crate) fn dir() -> PathBuf {
    std::env::var_os("LUB_REALWORLD")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realworld"))
}

/// The 21,380 English learning objectives of the EDM 2022 data set, each
/// on one line.
pub(crate) fn objectives(dir: &Path) -> Result<Vec<String>, csv::Error> {
    let mut reader = csv::Reader::from_path(dir.join("edm2022-clo/learning_objectives.csv"))?;
    Ok(reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            r.get(0)
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .filter(|s| !s.is_empty())
        .collect())
}

/// An objective as the one outcome of an English course document: the
/// objectives were published without their documents.
pub(crate) fn objective_document(objective: &str) -> String {
    format!("---\nlang: en\nkind: course\n---\n## Knowledge\n- {objective}\n")
}
