//! `lub render`: the arguments to the library's `diploma`, and what it
//! answers to the terminal.

use std::io::{Read, Write};
use std::path::Path;

use super::{LangArg, RenderArgs, RenderTo, Status, write_out};
use crate::check::Linter;
use crate::diploma;
use crate::lang::Lang;
use crate::render;

pub(super) fn run(
    linter: &Linter,
    args: &RenderArgs,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Status {
    let first = match &args.path {
        Some(path) => diploma::load(linter, path),
        None => {
            let name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
            crate::files::read_at_most(stdin, linter.max_file_size, Path::new(name), 0)
                .map(|bytes| crate::single::document(linter, name, bytes))
        }
    };
    let first = match first {
        Ok(first) => first,
        Err(e) => {
            let _ = writeln!(stderr, "error: {}", e.in_lang(linter.ui_lang()));
            return Status::Failure;
        }
    };
    let documents = match (args.lang, &args.path) {
        (Some(lang), Some(path)) => {
            let wanted: Vec<Lang> = match lang {
                LangArg::All => Lang::ALL.to_vec(),
                LangArg::Nb => vec![Lang::Nb],
                LangArg::Nn => vec![Lang::Nn],
                LangArg::En => vec![Lang::En],
            };
            match diploma::translations(linter, path, first, &wanted, lang != LangArg::All) {
                Ok(found) => found,
                Err(message) => {
                    let _ = writeln!(stderr, "error: {message}");
                    return Status::Failure;
                }
            }
        }
        _ => vec![first],
    };
    let options = diploma::Options {
        format: match args.to {
            RenderTo::Text => render::Format::Text,
            RenderTo::Markdown => render::Format::Markdown,
            RenderTo::Html => render::Format::Html,
            RenderTo::Json => render::Format::Json,
        },
        width: args.width,
        page: args.page,
        max_chars: args.max_chars,
        force: args.force,
    };
    match diploma::render(linter, &documents, &options) {
        Ok(text) if options.format == render::Format::Json => {
            write_out(stderr, text.as_bytes(), stdout, linter.ui_lang())
        }
        // A document's text reaches the terminal without a raw control
        // character; JSON escapes its own.
        Ok(text) => write_out(
            stderr,
            text.as_bytes(),
            &mut crate::escape::VisibleWriter::new(stdout),
            linter.ui_lang(),
        ),
        Err(refused) => {
            let _ = stderr.write_all(refused.message.as_bytes());
            Status::Findings
        }
    }
}
