use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = lub::cli::Cli::parse();
    let env = |name: &str| std::env::var(name).ok();
    let status = lub::cli::run(
        cli,
        lub::cli::Io {
            stdin: &mut std::io::stdin().lock(),
            stdout: &mut std::io::stdout().lock(),
            stderr: &mut std::io::stderr().lock(),
            stdout_terminal: std::io::stdout().is_terminal(),
            stderr_terminal: std::io::stderr().is_terminal(),
            env: &env,
        },
    );
    ExitCode::from(status.code())
}
