//! crossread binary: parse the arguments, then run a command ([`cli`]) or,
//! with none on a terminal, open the reader (the library's `tui`). This is
//! the only place that knows both faces.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use cli::Exit;
use cli::args::Cli;
use crossread::session::Session;
use crossread::tui::event::Quit;
use crossread::tui::runtime::{self, ReaderExit, ReaderOptions};

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return Exit::from_clap(e).into(),
    };
    let exit = if args.command.is_none() && io::stdout().is_terminal() {
        reader(&args)
    } else {
        cli::run(args)
    };
    exit.into()
}

/// The reader: loads in the background while the screen shows progress.
fn reader(args: &Cli) -> Exit {
    let inputs = args.input.inputs();
    let opts = ReaderOptions {
        mouse: args.reader.mouse,
        clipboard: !args.reader.no_clipboard,
    };
    let ended = runtime::run(inputs.describe(), move || Session::load(&inputs), opts);
    Exit::from_io(ended.map(|ReaderExit { quit, load }| match quit {
        Quit::Signal(n) => Exit::Signal(n),
        Quit::TerminalLost => {
            // Likely unseen (stderr is often that terminal), but logged if not.
            let _ = writeln!(io::stderr(), "crossread: the terminal went away");
            Exit::Failure
        }
        Quit::User => load.map_or(Exit::Success, Exit::from),
    }))
}
