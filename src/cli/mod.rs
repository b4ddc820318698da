//! The command line, on the binary side (the library does not export it):
//! [`args`] (clap), [`commands`] over a `Session`, [`output`] (styles,
//! widths) and [`json`] (the `--json` wire types). [`Exit`] is the one
//! place exit statuses are decided.
//!
//! Imports the library's `session`, `corpus`, `analysis` and `search`;
//! never `tui` (the binary's `main` chooses between the two faces).

pub mod args;
mod commands;
mod json;
mod output;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use crossread::session::{LoadStatus, Session};

use args::{Cli, Command};
use output::Palette;

/// How a run ended; converted to the process exit status in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: everything loaded (and, for `check`, no problem).
    Success,
    /// 1: some input was skipped, `check` found a problem, or a search or
    /// speaker lookup found nothing.
    Partial,
    /// 2: nothing usable loaded, bad arguments, or an I/O error.
    Failure,
    /// 128 + N: the reader was stopped by signal N.
    Signal(i32),
}

impl Exit {
    fn code(self) -> i32 {
        match self {
            Exit::Success => 0,
            Exit::Partial => 1,
            Exit::Failure => 2,
            Exit::Signal(n) => 128 + n,
        }
    }

    /// The worse of two outcomes.
    pub fn worst(self, other: Exit) -> Exit {
        if other.code() > self.code() {
            other
        } else {
            self
        }
    }

    /// An I/O error ends the run with a message; a closed pipe
    /// (`crossread list | head -1`) is not an error.
    pub fn from_io(result: io::Result<Exit>) -> Exit {
        match result {
            Ok(exit) => exit,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Success,
            Err(e) => {
                output::warn(format_args!("{e}"));
                Exit::Failure
            }
        }
    }

    /// What clap stopped on: `--help` or `--version` (printed on stdout,
    /// 0) or a usage error (stderr, 2). Failing to print them is an output
    /// error like any other (clap itself would ignore it).
    pub fn from_clap(e: clap::Error) -> Exit {
        let exit = if e.use_stderr() {
            Exit::Failure
        } else {
            Exit::Success
        };
        Exit::from_io(e.print().map(|()| exit).map_err(output_error))
    }
}

impl From<LoadStatus> for Exit {
    fn from(status: LoadStatus) -> Self {
        match status {
            LoadStatus::Complete => Exit::Success,
            LoadStatus::Partial => Exit::Partial,
            LoadStatus::Nothing => Exit::Failure,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(u8::try_from(exit.code()).unwrap_or(2))
    }
}

/// Runs a command (or, with none, lists what loaded: stdout is not a
/// terminal). Output is buffered and flushed before returning.
pub fn run(cli: Cli) -> Exit {
    let palette = Palette::new(crossread::color::stdout_has_color());
    let stdout = io::stdout();
    // 64 KiB: a search can print megabytes of matching lines.
    let mut out = BufWriter::with_capacity(1 << 16, output::Output::new(stdout.lock()));
    let result = dispatch(&mut out, cli, palette).and_then(|exit| {
        out.flush()?;
        Ok(exit)
    });
    // Only writes fail here (inputs report problems as diagnostics).
    Exit::from_io(result.map_err(output_error))
}

/// An error writing the output, saying so (`crossread: cannot write the
/// output: No space left on device`).
fn output_error(e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return e;
    }
    io::Error::new(e.kind(), format!("cannot write the output: {e}"))
}

/// Loads a command's inputs; URLs show a progress line on a terminal.
fn load(input: &args::InputArgs) -> Session {
    let mut inputs = input.inputs();
    if io::stderr().is_terminal() {
        inputs.options.progress = Some(output::fetch_progress);
    }
    Session::load(&inputs)
}

fn dispatch(out: &mut impl Write, cli: Cli, p: Palette) -> io::Result<Exit> {
    let Some(command) = cli.command else {
        return commands::piped(out, &load(&cli.input));
    };
    match command {
        Command::List { input, json } => commands::list(out, &load(&input), json, p),
        Command::Check { input } => commands::check(out, &load(&input)),
        Command::Export { input, jsonl } => commands::export(out, &load(&input), jsonl),
        Command::Quotes {
            input,
            speaker,
            json,
        } => commands::quotes(out, &load(&input), speaker.as_deref(), json, p),
        Command::Stories { input, json } => commands::stories(out, &load(&input), json, p),
        Command::Speakers { input, json } => commands::speakers(out, &load(&input), json, p),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            // Into memory first: clap_complete panics on a failed write
            // (`crossread completions bash | head`); ours reports it.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "crossread", &mut script);
            out.write_all(&script)?;
            Ok(Exit::Success)
        }
        Command::Man => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(out)?;
            Ok(Exit::Success)
        }
        // The reader's settings are the reader's: the binary's main runs
        // `config` before the command line is handed here.
        Command::Config { .. } => unreachable!("main runs `crossread config`"),
        Command::Search {
            query,
            input,
            lines: Some(file),
            limit,
            json,
        } => commands::search_lines(out, &file, &input.options(), &query, limit, json, p),
        Command::Search {
            query,
            input,
            lines: None,
            limit,
            json,
        } => commands::search(out, &load(&input), &query, limit, json, p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::from(LoadStatus::Partial).code(), 1);
        assert_eq!(Exit::from(LoadStatus::Nothing).code(), 2);
        assert_eq!(Exit::Signal(15).code(), 143);
        assert_eq!(Exit::Failure.worst(Exit::Partial), Exit::Failure);
        assert_eq!(Exit::Success.worst(Exit::Partial), Exit::Partial);
    }

    #[test]
    fn a_closed_pipe_is_not_an_error() {
        let broken = io::Error::from(io::ErrorKind::BrokenPipe);
        assert_eq!(Exit::from_io(Err(broken)), Exit::Success);
    }
}
