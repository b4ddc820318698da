//! crossread binary: parse arguments, load the story, dispatch.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use crossread::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`crossread list | head -1`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crossread: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> io::Result<u8> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match cli.command {
        Some(Command::List { input, json }) => {
            let outcome = input.load();
            cli::report_diagnostics(&outcome);
            cli::list(&mut out, &outcome.story, json)?;
            outcome.exit_code()
        }
        Some(Command::Check { input }) => {
            let outcome = input.load();
            let problems = cli::check(&mut out, &outcome)?;
            if outcome.story.articles.is_empty() {
                2
            } else {
                i32::from(problems)
            }
        }
        None => {
            let outcome = cli.input.load();
            cli::report_diagnostics(&outcome);
            if !outcome.story.articles.is_empty() {
                cli::list(&mut out, &outcome.story, false)?;
            }
            outcome.exit_code()
        }
    };
    out.flush()?;
    Ok(u8::try_from(code).unwrap_or(2))
}
