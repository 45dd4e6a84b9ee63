use std::io::{IsTerminal, Write as _};
use std::process::ExitCode;

// A catalogue is tens of thousands of small strings made and dropped on
// every core, which mimalloc's thread-local heaps do for far less (10,000
// documents: a fifth less time). Its version 2: version 3 starts about a
// millisecond slower, which a pre-commit run on one file feels.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    lub::cli::pages::hold_back_huge_pages();
    let env = |name: &str| std::env::var(name).ok();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = lub::cli::help::ui_lang(&args, &env);
    let cli = match lub::cli::help::parse_from(args, lang) {
        Ok(cli) => cli,
        // `--help`, `--version` or a usage error. Printed here rather than
        // by clap's `exit`, so that help that cannot be written (a full
        // disk, a closed pipe) is a failure, not a silent success.
        Err(error) => {
            let written = error.print().and_then(|()| std::io::stdout().flush());
            return match written {
                Ok(()) => ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2)),
                Err(e) => {
                    let error = lub::files::PathError::new(std::path::Path::new(""), &e);
                    let why = error.message_in(lang);
                    let _ = writeln!(
                        std::io::stderr(),
                        "error: {}",
                        lub::messages::Msg::CannotWrite.say(lang, &[("error", why)])
                    );
                    ExitCode::from(2)
                }
            };
        }
    };
    let status = lub::cli::run(
        cli,
        lub::cli::Io {
            // Not locked for the whole run: `lub lsp` reads and writes them
            // from threads of its own.
            stdin: &mut std::io::stdin(),
            stdout: &mut std::io::stdout(),
            stderr: &mut std::io::stderr(),
            stdout_terminal: std::io::stdout().is_terminal(),
            stderr_terminal: std::io::stderr().is_terminal(),
            env: &env,
        },
    );
    ExitCode::from(status.code())
}
