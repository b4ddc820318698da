//! The real terminal: enter and always restore (quit, error, panic,
//! SIGTERM/SIGHUP/SIGINT), suspend with Ctrl-z, OSC 52 clipboard, and the
//! threads that feed the event loop.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, Once};

use crossterm::clipboard::CopyToClipboard;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};

use super::action::Effect;
use super::app::{App, Document, Event, Quit};
use super::theme::{ColorMode, Theme};
use super::{Runtime, event_loop};
use crate::session::{LoadStatus, SearchService, Session};

#[derive(Debug, Clone, Copy)]
pub struct ReaderOptions {
    pub mouse: bool,
    pub clipboard: bool,
}

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

fn enter(mouse: bool) -> io::Result<()> {
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
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

struct RealRuntime {
    mouse: bool,
}

impl Runtime for RealRuntime {
    fn perform(&mut self, effect: Effect) {
        match effect {
            // The event loop sends searches to the search service.
            Effect::Search(_) => {}
            Effect::Copy(text) => {
                // OSC 52: works over SSH and in tmux (set-clipboard on).
                // The text is base64-encoded, so nothing in it reaches the terminal raw.
                let _ = execute!(io::stdout(), CopyToClipboard::to_clipboard_from(text));
            }
            Effect::Suspend => {}
        }
    }

    fn begin_frame(&mut self) {
        let _ = execute!(io::stdout(), BeginSynchronizedUpdate);
        test_panic_trigger();
    }

    fn end_frame(&mut self) {
        let _ = execute!(io::stdout(), EndSynchronizedUpdate);
    }

    fn suspend(&mut self) -> bool {
        restore();
        // Stop like any job on Ctrl-z; `fg` continues here.
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        enter(self.mouse).is_ok()
    }
}

/// A panic on demand, for the end-to-end test of terminal restoration.
/// Only debug builds look at the variable; release builds ignore it.
fn test_panic_trigger() {
    if cfg!(debug_assertions) && std::env::var_os("CROSSREAD_TEST_PANIC").is_some() {
        panic!("CROSSREAD_TEST_PANIC: test-only panic");
    }
}

/// How the reader ended: why it quit, and how loading went (`None` if it
/// quit before loading finished).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderExit {
    pub quit: Quit,
    pub load: Option<LoadStatus>,
}

/// Opens the reader. `load` runs on a background thread (the screen shows
/// progress meanwhile).
pub fn run<F>(describe: String, load: F, opts: ReaderOptions) -> io::Result<ReaderExit>
where
    F: FnOnce() -> Session + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<Event>();
    let status: Arc<Mutex<Option<LoadStatus>>> = Arc::new(Mutex::new(None));

    // Loader: load, analyse, then start the search worker (index in the background).
    {
        let tx = tx.clone();
        let status = status.clone();
        std::thread::spawn(move || {
            let session = load();
            if let Ok(mut s) = status.lock() {
                *s = Some(session.status());
            }
            if session.is_empty() {
                let msg = session
                    .diagnostics
                    .first()
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "nothing to read".into());
                let _ = tx.send(Event::Progress(format!("nothing usable loaded: {msg}")));
                return;
            }
            let _ = tx.send(Event::Progress("analysing quotes and speakers…".into()));
            let replies = tx.clone();
            let search = SearchService::spawn(session.story.clone(), move |reply| {
                replies.send(Event::SearchDone(reply)).is_ok()
            });
            let document = Box::new(Document::new(session));
            let _ = tx.send(Event::Loaded {
                document,
                search: Some(search),
            });
        });
    }
    // Input: blocking reads, forwarded (the loop blocks too: no spinning).
    {
        let tx = tx.clone();
        std::thread::spawn(move || {
            while let Ok(e) = event::read() {
                if tx.send(Event::Input(e)).is_err() {
                    break;
                }
            }
        });
    }
    // Signals: quit cleanly (restoring the terminal) on TERM, HUP, INT, QUIT.
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let tx = tx.clone();
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _ = tx.send(Event::Signal(sig));
            }
        });
    }

    enter(opts.mouse)?;
    let _guard = Guard;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut app = App::new(describe);
    app.clipboard = opts.clipboard;
    app.mouse = opts.mouse;
    let theme = Theme::new(ColorMode::detect());
    let mut rt = RealRuntime { mouse: opts.mouse };
    let quit = event_loop(&mut terminal, &mut app, &theme, &rx, &mut rt)?;
    drop(terminal);
    restore();
    let load = status.lock().ok().and_then(|s| *s);
    Ok(ReaderExit { quit, load })
}
