use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = lub::cli::Cli::parse();
    let env = |name: &str| std::env::var(name).ok();
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
