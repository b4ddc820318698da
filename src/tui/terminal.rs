//! The real terminal: enter (raw mode, alternate screen, optional mouse
//! capture) and always restore, from any path: quit, error (a drop guard),
//! panic (a hook restores before the message prints), signals, suspend.

use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// Ctrl-z: restore the terminal, stop like any job (`fg` continues here),
/// then enter again. True if the terminal is back in reader mode.
pub fn suspend(mouse: bool) -> bool {
    restore();
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    enter(mouse).is_ok()
}
