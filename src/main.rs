//! crossread binary: parse the arguments, then run a command ([`cli`]) or,
//! with none on a terminal, open the reader (the library's `tui`). This is
//! the only place that knows both faces.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use std::path::Path;

use clap::Parser;
use cli::Exit;
use cli::args::{Cli, Command};
use crossread::session::Session;
use crossread::tui::config::{self as tui_config, Settings};
use crossread::tui::event::Quit;
use crossread::tui::keymap;
use crossread::tui::runtime::{self, ReaderExit, ReaderOptions};

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return Exit::from_clap(e).into(),
    };
    if let Some(err) = args.mistyped_command() {
        return Exit::from_clap(err).into();
    }
    if let Some(Command::Config { default }) = args.command {
        return config(args.reader.config.as_deref(), default).into();
    }
    let exit = if args.command.is_none() && io::stdout().is_terminal() {
        reader(&args)
    } else {
        cli::run(args)
    };
    exit.into()
}

/// OSC 8 hyperlinks: terminals without them ignore the sequence, except
/// the Linux console and dumb terminals, which would show it.
fn terminal_has_hyperlinks() -> bool {
    let term = std::env::var("TERM").unwrap_or_default();
    !matches!(term.as_str(), "linux" | "dumb" | "")
}

/// `crossread config`: the defaults (`--default`), or which file the
/// reader reads and whether it is good.
fn config(path: Option<&Path>, default: bool) -> Exit {
    if default {
        print!("{}", tui_config::default_text());
        return Exit::Success;
    }
    let shown = path
        .map(Path::to_path_buf)
        .or_else(tui_config::default_path);
    match (tui_config::load(path), shown) {
        (Err(e), _) => {
            eprintln!("crossread: {e}");
            Exit::Partial
        }
        (Ok(_), Some(p)) if p.exists() => {
            println!("{}: ok", p.display());
            Exit::Success
        }
        (Ok(_), Some(p)) => {
            println!(
                "{}: none (the defaults; crossread config --default prints them)",
                p.display()
            );
            Exit::Success
        }
        (Ok(_), None) => {
            println!("no config directory (HOME and XDG_CONFIG_HOME unset): the defaults");
            Exit::Success
        }
    }
}

/// The reader: loads in the background while the screen shows progress.
/// A bad config file is reported (here, and on the reader's status line)
/// and the reader starts with the defaults.
fn reader(args: &Cli) -> Exit {
    let inputs = args.input.inputs();
    let (settings, notice) = match tui_config::load(args.reader.config.as_deref()) {
        Ok(s) => (s, None),
        Err(e) => {
            eprintln!("crossread: {e} (using the defaults)");
            let notice = format!("⚠ config ignored, using the defaults: {e}");
            (Settings::default(), Some(notice))
        }
    };
    keymap::install(settings.keymap());
    let opts = ReaderOptions {
        mouse: args.reader.mouse || settings.mouse,
        clipboard: !args.reader.no_clipboard && settings.clipboard,
        hyperlinks: settings.hyperlinks && terminal_has_hyperlinks(),
        history: crossread::tui::history::default_path(),
        columns: settings.columns,
        zoom_width: settings.zoom_width,
        colors: settings.colors.clone(),
        notice,
    };
    let ended = runtime::run(
        inputs.describe(),
        move |on_articles| Session::load_with(&inputs, on_articles),
        opts,
    );
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
