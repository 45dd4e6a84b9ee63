use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = lub::cli::Cli::parse();
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let status = lub::cli::run(
        cli,
        lub::cli::Io {
            // Not locked for the whole run: `lub lsp` reads and writes them
            // from threads of its own.
            stdin: &mut std::io::stdin(),
            stdout: &mut std::io::stdout(),
            stderr: &mut std::io::stderr(),
            color,
        },
    );
    ExitCode::from(status.code())
}
