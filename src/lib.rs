//! lub lints and renders learning-outcome descriptions
//! ("læringsutbyttebeskrivelser") in bokmål, nynorsk and English.
//!
//! One pipeline: read → [`parse`] (grammar → AST with spans) → [`rules`]
//! (YAML rules, loaded once) → [`finding`]s → [`output`]. The `lub` binary is
//! a thin shell over [`cli::run`].

// pest's derived parser names `alloc` when pest is built without `std`,
// which lub does to leave out its stack probe: lub's grammar has no
// recursive rule, so the parser's depth is bounded by the grammar itself.
extern crate alloc;

pub mod analyse;
pub mod catalogue;
pub mod check;
pub mod cli;
pub mod config;
pub mod diploma;
pub mod embedded;
pub mod error;
pub mod escape;
pub mod explain;
pub mod facts;
pub mod files;
pub mod finding;
pub mod fix;
pub mod import;
pub mod lang;
pub mod learner;
pub mod lsp;
pub mod messages;
pub mod new;
pub mod output;
pub mod parse;
pub mod render;
pub mod rules;
pub mod serve;
pub mod single;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod work;
pub mod yaml;

pub use analyse::framework;
pub use check::{Linter, Selection};
pub use files::collect_files;
pub use finding::Summary;
pub use finding::{FileReport, Finding, Severity};
pub use parse::{Document, parse};
pub use source::SourceFile;
