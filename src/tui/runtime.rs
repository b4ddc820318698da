//! The reader's runtime: the event loop (generic over the ratatui backend,
//! so tests run it on `TestBackend`), and for the real terminal the
//! threads that feed it (loader, input, signals) and the effects it
//! performs (clipboard, suspend, synchronized frames).

use std::collections::VecDeque;
use std::io::{self, Stdout};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::clipboard::CopyToClipboard;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use super::app::App;
use super::document::Document;
use super::event::{Action, Effect, Event, Quit};
use super::terminal;
use super::theme::{ColorMode, Theme};
use super::view;
use crate::session::{LoadStatus, SearchService, Session};

#[derive(Debug, Clone, Copy)]
pub struct ReaderOptions {
    pub mouse: bool,
    pub clipboard: bool,
}

/// How often the loading screen animates. Nothing ticks once loaded.
const TICK: Duration = Duration::from_millis(120);

/// What the loop needs from its surroundings: performing effects, and
/// bracketing frames (synchronized updates on a real terminal).
pub trait Runtime {
    fn perform(&mut self, effect: Effect);
    fn begin_frame(&mut self) {}
    fn end_frame(&mut self) {}
    /// Suspend to the shell; true if the screen must be redrawn whole.
    fn suspend(&mut self) -> bool {
        false
    }
}

/// Runs the reader until it quits. Draws only when something changed, and
/// handles every queued event before drawing again (a burst of 30 `j`s
/// makes a handful of frames, not 30). Filter searches go to the search
/// service that arrives with the story. Returns the exit status.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    events: &Receiver<Event>,
    rt: &mut dyn Runtime,
) -> Result<Quit, B::Error> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut redraw = true;
    let mut search: Option<SearchService> = None;
    loop {
        if redraw || app.take_dirty() {
            app.prepare();
            rt.begin_frame();
            terminal.draw(|f| view::render(f, app, theme))?;
            rt.end_frame();
            redraw = false;
        }
        if let Some(quit) = app.quit {
            return Ok(quit);
        }
        let first = if app.needs_ticks() {
            match events.recv_timeout(TICK) {
                Ok(e) => e,
                Err(RecvTimeoutError::Timeout) => Event::Tick,
                Err(RecvTimeoutError::Disconnected) => return Ok(app.quit.unwrap_or(Quit::User)),
            }
        } else {
            match events.recv() {
                Ok(e) => e,
                Err(_) => return Ok(app.quit.unwrap_or(Quit::User)),
            }
        };
        let mut queue = VecDeque::from([first]);
        while let Ok(e) = events.try_recv() {
            queue.push_back(e);
        }
        while let Some(mut e) = queue.pop_front() {
            if let Event::Loaded { search: s, .. } = &mut e {
                search = s.take().or(search);
            }
            for effect in app.handle(e) {
                if let Effect::Search(req) = effect {
                    // A synchronous service answers at once: handle it next.
                    if let Some(reply) = search.as_mut().and_then(|s| s.request(req)) {
                        queue.push_front(Event::SearchDone(reply));
                    }
                } else if effect == Effect::Suspend {
                    if rt.suspend() {
                        // Redraw everything. (Not `clear`: it asks the terminal for
                        // the cursor position, which the input thread would swallow.)
                        let size = terminal.size()?;
                        terminal.resize(ratatui::layout::Rect::new(
                            0,
                            0,
                            size.width,
                            size.height,
                        ))?;
                        redraw = true;
                    }
                } else {
                    rt.perform(effect);
                }
            }
            if app.quit.is_some() {
                break;
            }
        }
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
        terminal::suspend(self.mouse)
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

    terminal::enter(opts.mouse)?;
    let _guard = terminal::Guard;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut app = App::new(describe);
    app.clipboard = opts.clipboard;
    app.mouse = opts.mouse;
    let theme = Theme::new(ColorMode::detect());
    let mut rt = RealRuntime { mouse: opts.mouse };
    let quit = event_loop(&mut terminal, &mut app, &theme, &rx, &mut rt)?;
    drop(terminal);
    terminal::restore();
    let load = status.lock().ok().and_then(|s| *s);
    Ok(ReaderExit { quit, load })
}
