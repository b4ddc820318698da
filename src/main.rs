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

/// Tunes glibc's allocator for a process whose working set is mostly a
/// few long-lived, large structures built by several threads at once.
/// glibc gives each thread that allocates its own arena (up to eight per
/// core), and memory freed in one is not reused by another; and after a
/// large block is freed it raises the size above which blocks are mapped
/// on their own, so later large blocks land in the arenas and stay there.
/// On 10,000 articles the reader's peak resident memory was a third above
/// its heap; one arena per core and a fixed 128 KiB mapping threshold
/// (glibc's default starting point) bring it close, and measured no slower
/// (`list`, `stories`, `search --lines` on 10k articles).
// The one unsafe call in the project: a libc tuning knob with no safe wrapper.
#[allow(unsafe_code)]
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let arenas = libc::c_int::try_from(cores).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only sets tuning parameters; it is called before
        // any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas);
            libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        }
    }
}

fn main() -> ExitCode {
    tune_malloc();
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
