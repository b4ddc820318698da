//! The real terminal: enter (raw mode, alternate screen, optional mouse
//! capture) and always restore, from any path: quit, error (a drop guard),
//! panic (a hook restores before the message prints), signals, suspend;
//! take it again after a stop from outside ([`resume`]); notice when it
//! goes away ([`watch_hangup`]).

use std::io::{self, IsTerminal, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use rustix::event::{PollFd, PollFlags, poll};
use rustix::io::Errno;

use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode,
    enable_raw_mode,
};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
/// Set when [`suspend`] has taken the terminal again after `fg`: the
/// SIGCONT that follows needs no [`resume`].
static RESUMED: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back: raw mode off, main screen, cursor shown, mouse
/// capture off. Safe to call any number of times, from any path.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = disable_raw_mode();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, EndSynchronizedUpdate, LeaveAlternateScreen, Show);
    let _ = out.flush();
}

pub fn enter(mouse: bool) -> io::Result<()> {
    // Restore before the panic message is printed, so it is readable.
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
        MOUSE.store(true, Ordering::SeqCst);
    }
    Ok(())
}

/// Restores the terminal when dropped: covers `?` error returns.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Ctrl-z, or SIGTSTP from outside: restore the terminal, stop like any
/// job (`fg` continues here), then enter again. True if the terminal is
/// back in reader mode.
pub fn suspend(mouse: bool) -> bool {
    restore();
    // SIGTSTP is caught (it brings us here), so stop as its default
    // action would: with SIGSTOP.
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    let entered = enter(mouse).is_ok();
    RESUMED.store(entered, Ordering::SeqCst);
    entered
}

/// SIGCONT: after a stop the reader did not make (SIGSTOP from outside),
/// the shell may have put the terminal back in cooked mode and drawn on
/// the screen. Takes it again: raw mode (re-applied: crossterm would
/// otherwise think it still on), alternate screen, hidden cursor, mouse.
/// True if the screen must be redrawn whole; false after [`suspend`],
/// which has done all this already.
pub fn resume(mouse: bool) -> bool {
    if RESUMED.swap(false, Ordering::SeqCst) {
        return false;
    }
    if !ACTIVE.load(Ordering::SeqCst) {
        return enter(mouse).is_ok();
    }
    let _ = disable_raw_mode();
    if enable_raw_mode().is_err() {
        return false;
    }
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, Hide).is_ok()
        && (!mouse || execute!(out, EnableMouseCapture).is_ok())
}

/// Watches the terminal (stdout, and stdin when it is one) on a thread of
/// its own and calls `lost` once if it goes away: a hang-up, an error, a
/// closed descriptor. It asks `poll(2)` for no events, so only those are
/// reported; nothing is read (crossterm's reader loses no key) and the
/// thread sleeps in the kernel until then. This does not rely on SIGHUP,
/// which does not come when the reader is not the terminal's controlling
/// process (`setsid`, a wrapper that eats it), nor on crossterm noticing
/// the end of its input (it retries reads at EOF, spinning).
pub fn watch_hangup(lost: impl FnOnce() + Send + 'static) -> io::Result<()> {
    std::thread::Builder::new()
        .name("terminal-watch".into())
        .spawn(move || {
            let (stdin, stdout) = (io::stdin(), io::stdout());
            let watch_stdin = stdin.is_terminal();
            let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
            loop {
                let mut fds = vec![PollFd::new(&stdout, PollFlags::empty())];
                if watch_stdin {
                    fds.push(PollFd::new(&stdin, PollFlags::empty()));
                }
                match poll(&mut fds, None) {
                    Ok(_) if fds.iter().any(|f| f.revents().intersects(gone)) => break,
                    Ok(_) | Err(Errno::INTR) => continue,
                    // poll itself failing (out of memory): nothing to watch with.
                    Err(_) => return,
                }
            }
            lost();
        })?;
    Ok(())
}
