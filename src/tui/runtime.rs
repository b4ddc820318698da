//! The reader's runtime: the event loop (generic over the ratatui backend,
//! so tests run it on `TestBackend`), and for the real terminal the
//! threads that feed it (loader, input, signals) and the effects it
//! performs (clipboard, suspend, synchronized frames).

use std::collections::VecDeque;
use std::io::{self, Stdout};
use std::path::PathBuf;
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
use super::app::HISTORY_LEN;
use super::config::Colors;
use super::document::Library;
use super::event::{Action, Effect, Event, Quit};
use super::history;
use super::scroll_region::{self, Announce, ScrollRegion};
use super::terminal;
use super::theme::{ColorMode, Theme};
use super::view;
use crate::corpus::{Article, Story};
use crate::session::{LoadStatus, SearchService, Session, SketchStart};

#[derive(Debug, Clone)]
pub struct ReaderOptions {
    pub mouse: bool,
    pub clipboard: bool,
    /// Write URLs as OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// Where the filter history is kept (None: not kept).
    pub history: Option<PathBuf>,
    /// Columns at start (None: as many as fit) and the zoomed width.
    pub columns: Option<usize>,
    pub zoom_width: usize,
    /// The config file's colours.
    pub colors: Colors,
    /// A first message for the status line (a bad config file).
    pub notice: Option<String>,
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
    /// Take the terminal again after a stop from outside; true if the
    /// screen must be redrawn whole.
    fn resume(&mut self) -> bool {
        false
    }
}

/// The status a lost terminal ends the process with (as `main` maps
/// [`Quit::TerminalLost`]) if the loop has not ended it in time.
const LOST_EXIT_STATUS: i32 = 2;

/// How long the loop has to end the process after the terminal went away.
const LOST_GRACE: Duration = Duration::from_secs(1);

/// Makes the terminal redraw every cell on the next draw. (Not `clear`: it
/// asks the terminal for the cursor position, which the input thread
/// would swallow.)
fn invalidate<B: Backend>(terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Draws a frame, telling the backend first if the zoomed column's text
/// moved by whole lines (it may then use the terminal's scroll region).
pub fn draw<B: Backend + Announce>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
) -> Result<(), B::Error> {
    app.prepare();
    let moved = app.take_text_moved();
    let scroll = moved.and_then(|lines| view::text_scroll(app, lines));
    terminal.backend_mut().announce(scroll);
    terminal.draw(|f| view::render(f, app, theme))?;
    Ok(())
}

/// Runs the reader until it quits. Draws only when something changed, and
/// handles every queued event before drawing again (a burst of 30 `j`s
/// makes a handful of frames, not 30). Filter searches go to the search
/// service that arrives with the story. Returns the exit status.
pub fn event_loop<B: Backend + Announce>(
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
        // Before drawing: a lost terminal takes no more frames.
        if let Some(quit) = app.quit {
            return Ok(quit);
        }
        if redraw || app.take_dirty() {
            rt.begin_frame();
            draw(terminal, app, theme)?;
            rt.end_frame();
            redraw = false;
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
            if let Event::Loaded { search: s, .. } | Event::SearchReady(s) = &mut e {
                search = s.take().or(search);
            }
            for effect in app.handle(e) {
                if let Effect::Search(req) = effect {
                    // A synchronous service answers at once: handle it next.
                    if let Some(reply) = search.as_mut().and_then(|s| s.request(req)) {
                        queue.push_front(Event::SearchDone(reply));
                    }
                } else if effect == Effect::Suspend || effect == Effect::Resume {
                    let again = if effect == Effect::Suspend {
                        rt.suspend()
                    } else {
                        rt.resume()
                    };
                    if again {
                        invalidate(terminal)?;
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
    history: Option<PathBuf>,
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
            Effect::Suspend | Effect::Resume => {}
            // Best effort: a history that cannot be saved is not worth
            // interrupting the reading for.
            Effect::SaveHistory(queries) => {
                if let Some(path) = &self.history {
                    let _ = history::save(path, &queries);
                }
            }
            Effect::SaveStoryHistory(queries) => {
                if let Some(path) = &self.history {
                    let _ = history::save(&history::story_list_path(path), &queries);
                }
            }
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

    fn resume(&mut self) -> bool {
        terminal::resume(self.mouse)
    }
}

/// A panic on demand, for the end-to-end test of terminal restoration.
/// Only debug builds look at the variable; release builds ignore it.
fn test_panic_trigger() {
    if cfg!(debug_assertions) && std::env::var_os("CROSSREAD_TEST_PANIC").is_some() {
        panic!("CROSSREAD_TEST_PANIC: test-only panic");
    }
}

/// The loader thread's work: loading (previews and progress sent as the
/// articles come), the search service ([`Event::SearchReady`]), then the
/// story list's grouping and the analysis: the library, sent as
/// [`Event::Loaded`].
fn load_in_background<F>(load: F, tx: &mpsc::Sender<Event>, status: &Mutex<Option<LoadStatus>>)
where
    F: FnOnce(&mut dyn FnMut(&[Article])) -> Session + Send,
{
    let (mut shown, mut told) = (0, 0);
    // Loading on a thread lowered for it: this one stays at the reader's
    // priority until it has started the search service, whose threads
    // inherit it (keystroke scans must run above the background work).
    let loading = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("crossread-load".into())
            .spawn_scoped(scope, || {
                crate::session::priority::background_thread();
                load(&mut |articles: &[Article]| {
                    let want = articles.len().min(PREVIEW_ARTICLES);
                    if want > shown {
                        shown = want;
                        let story = Story {
                            articles: articles[..want].to_vec(),
                            ..Story::default()
                        };
                        let _ = tx.send(Event::Preview(Box::new(story)));
                    }
                    if articles.len() > told {
                        told = articles.len();
                        let _ = tx.send(Event::Progress(format!("loading: {told} articles…")));
                    }
                })
            })
            .expect("a thread to load on")
            .join()
    });
    let session = loading.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    if let Ok(mut s) = status.lock() {
        *s = Some(session.status());
    }
    if session.is_empty() {
        let msg = match session.diagnostics.as_slice() {
            [] => "nothing to read".to_string(),
            [one] => one.to_string(),
            [first, rest @ ..] => {
                format!("{first} (and {} more: crossread check)", rest.len())
            }
        };
        let _ = tx.send(Event::LoadFailed(format!("nothing usable loaded: {msg}")));
        return;
    }
    // The search service first, so filtering works at once: until the
    // stories are grouped, what is read is a preview of the first articles,
    // and a keystroke reads their passages alone. An input of one story is
    // then read whole: the sketch of its passages and its index are built
    // (not before: the grouping needs its working memory first). An input
    // of many is read a story at a time, and needs neither.
    let replies = tx.clone();
    let (search, index_start) = SearchService::spawn_deferred(
        session.story.clone(),
        SketchStart::WithIndex,
        move |reply| replies.send(Event::SearchDone(reply)).is_ok(),
    );
    let _ = tx.send(Event::SearchReady(Some(search)));
    // The grouping and the analysis: background work.
    crate::session::priority::background_thread();
    let n = session.story.articles.len();
    if n > 1 {
        let _ = tx.send(Event::Progress(format!(
            "grouping {n} articles into stories…"
        )));
    }
    let stories = session.stories();
    // (Several stories: the library opens on the list.)
    let many = stories.len() > 1;
    if many {
        index_start.never();
    } else {
        index_start.now();
    }
    let several = stories.iter().filter(|c| !c.single_source()).count();
    let _ = tx.send(Event::Progress(if many {
        format!(
            "analysing {several} of {} stories (those with several sources)…",
            stories.len()
        )
    } else {
        "analysing quotes and speakers…".into()
    }));
    let document = Box::new(Library::new(session));
    if let Library::Many(stories) = &*document {
        stories.count_in_background();
    }
    let _ = tx.send(Event::Loaded {
        document,
        search: None,
    });
}

/// Starts the loader thread ([`load_in_background`]) at the caller's
/// priority, which the search service's threads inherit from it.
fn spawn_loader<F>(
    load: F,
    tx: mpsc::Sender<Event>,
    status: Arc<Mutex<Option<LoadStatus>>>,
) -> std::thread::JoinHandle<()>
where
    F: FnOnce(&mut dyn FnMut(&[Article])) -> Session + Send + 'static,
{
    std::thread::Builder::new()
        .name("crossread-loader".into())
        .spawn(move || load_in_background(load, &tx, &status))
        .expect("a loader thread")
}

/// How the reader ended: why it quit, and how loading went (`None` if it
/// quit before loading finished).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderExit {
    pub quit: Quit,
    pub load: Option<LoadStatus>,
}

/// Articles a preview shows at most: more columns than fit on a screen.
const PREVIEW_ARTICLES: usize = 16;

/// Opens the reader. `load` runs on a background thread and tells the
/// articles loaded so far as it goes: the first ones show at once (a
/// preview, marked as loading), the story or the story list replaces them
/// when analysed.
pub fn run<F>(describe: String, load: F, opts: ReaderOptions) -> io::Result<ReaderExit>
where
    F: FnOnce(&mut dyn FnMut(&[Article])) -> Session + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<Event>();
    let status: Arc<Mutex<Option<LoadStatus>>> = Arc::new(Mutex::new(None));

    // Loader: load (the first articles sent at once), start the search
    // worker, then group and analyse. Loading and analysis (on rayon's
    // global pool) run below keystrokes and drawing.
    crate::session::priority::init_background_pool();
    spawn_loader(load, tx.clone(), status.clone());
    // Input: blocking reads, forwarded (the loop blocks too: no spinning).
    // A read error means the terminal is gone.
    {
        let tx = tx.clone();
        std::thread::spawn(move || {
            loop {
                let e = match event::read() {
                    Ok(e) => Event::Input(e),
                    Err(_) => Event::TerminalLost,
                };
                let lost = matches!(e, Event::TerminalLost);
                if tx.send(e).is_err() || lost {
                    break;
                }
            }
        });
    }
    // The terminal going away: the loop quits; if it has not ended the
    // process after a grace period (stuck), end it from here.
    {
        let tx = tx.clone();
        terminal::watch_hangup(move || {
            let _ = tx.send(Event::TerminalLost);
            std::thread::sleep(LOST_GRACE);
            terminal::restore();
            std::process::exit(LOST_EXIT_STATUS);
        })?;
    }
    // Signals: quit cleanly (restoring the terminal) on TERM, HUP, INT,
    // QUIT; stop (restoring it) on TSTP; take it again on CONT.
    {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        let tx = tx.clone();
        let mut signals = signal_hook::iterator::Signals::new([
            SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT,
        ])?;
        std::thread::spawn(move || {
            for sig in signals.forever() {
                let (e, last) = match sig {
                    SIGTSTP => (Event::Stop, false),
                    SIGCONT => (Event::Continue, false),
                    _ => (Event::Signal(sig), true),
                };
                if tx.send(e).is_err() || last {
                    break;
                }
            }
        });
    }

    terminal::enter(opts.mouse)?;
    let _guard = terminal::Guard;
    let backend = CrosstermBackend::new(io::stdout());
    let mut terminal: Terminal<ScrollRegion<CrosstermBackend<Stdout>>> =
        Terminal::new(ScrollRegion::new(backend, scroll_region::supported_here())?)?;
    let mut app = App::new(describe);
    app.clipboard = opts.clipboard;
    app.mouse = opts.mouse;
    app.hyperlinks = opts.hyperlinks;
    app.set_wanted_columns(opts.columns);
    app.zoom_width = opts.zoom_width;
    app.message = opts.notice.clone();
    if let Some(path) = &opts.history {
        app.history = history::load(path, HISTORY_LEN);
        app.story_history = history::load(&history::story_list_path(path), HISTORY_LEN);
    }
    let theme = Theme::new(ColorMode::detect()).with_colors(&opts.colors);
    let mut rt = RealRuntime {
        mouse: opts.mouse,
        history: opts.history.clone(),
    };
    let ended = event_loop(&mut terminal, &mut app, &theme, &rx, &mut rt);
    // ratatui's drop shows the cursor and reports failing to on stderr,
    // which panics when stderr is the lost terminal too: show it here, and
    // if that fails, leave the terminal value to the process exit.
    if terminal.show_cursor().is_ok() {
        drop(terminal);
    } else {
        std::mem::forget(terminal);
    }
    terminal::restore();
    let quit = ended?;
    let load = status.lock().ok().and_then(|s| *s);
    Ok(ReaderExit { quit, load })
}

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;

    use super::*;

    /// Counts what the loop asks of the terminal.
    #[derive(Default)]
    struct Counting {
        suspends: usize,
        resumes: usize,
        frames: usize,
    }

    impl Runtime for Counting {
        fn perform(&mut self, _: Effect) {}
        fn begin_frame(&mut self) {
            self.frames += 1;
        }
        fn suspend(&mut self) -> bool {
            self.suspends += 1;
            true
        }
        fn resume(&mut self) -> bool {
            self.resumes += 1;
            true
        }
    }

    /// The nice value of thread `tid` of this process.
    #[cfg(target_os = "linux")]
    fn nice_of(tid: &str) -> Option<i32> {
        let tid = rustix::process::Pid::from_raw(tid.parse().ok()?)?;
        rustix::process::getpriority_process(Some(tid)).ok()
    }

    /// The ids of this process's search scan threads.
    #[cfg(target_os = "linux")]
    fn scan_threads() -> Vec<String> {
        let tasks = std::fs::read_dir("/proc/self/task").expect("/proc/self/task");
        tasks
            .flatten()
            .filter_map(|task| {
                let comm = std::fs::read_to_string(task.path().join("comm")).ok()?;
                let tid = task.file_name().into_string().ok()?;
                comm.starts_with("crossread-scan").then_some(tid)
            })
            .collect()
    }

    /// Loading and analysis run below keystrokes: the loading on a lowered
    /// thread, and the search service's scans at the reader's own
    /// priority, although the loader starts it (a thread is created at its
    /// creator's priority).
    #[cfg(target_os = "linux")]
    #[test]
    fn the_loader_lowers_loading_and_starts_the_search_at_the_readers_priority() {
        use std::sync::atomic::{AtomicI32, Ordering};
        let own = nice_of(&rustix::thread::gettid().as_raw_nonzero().to_string()).expect("own");
        let main = nice_of(&rustix::process::getpid().as_raw_nonzero().to_string()).expect("main");
        // Scan threads other tests' services have now.
        let before = scan_threads();
        let loading_nice = Arc::new(AtomicI32::new(i32::MIN));
        let seen = loading_nice.clone();
        let (tx, rx) = mpsc::channel();
        let loader = spawn_loader(
            move |_: &mut dyn FnMut(&[Article])| {
                let tid = rustix::thread::gettid().as_raw_nonzero().to_string();
                seen.store(nice_of(&tid).expect("loader's nice"), Ordering::Relaxed);
                Session::from_story(crate::corpus::load_bundled())
            },
            tx,
            Arc::new(Mutex::new(None)),
        );
        let mut search = loop {
            match rx.recv().expect("the loader's events") {
                Event::SearchReady(Some(search)) => break search,
                _ => continue,
            }
        };
        // Answered: the service's threads are all there.
        search.request(crate::session::SearchRequest {
            generation: 1,
            query: "tiktok".into(),
            first: Vec::new(),
            within: None,
        });
        while !matches!(rx.recv().expect("a reply"), Event::SearchDone(r) if r.complete) {}
        let scans: Vec<i32> = scan_threads()
            .into_iter()
            .filter(|t| !before.contains(t))
            .filter_map(|t| nice_of(&t))
            .collect();
        assert!(!scans.is_empty(), "the service's scan threads are found");
        assert!(
            scans.iter().all(|&nice| nice == own),
            "scan threads at the reader's priority {own}: {scans:?}"
        );
        assert_eq!(
            loading_nice.load(Ordering::Relaxed),
            (main + 10).min(19),
            "loading at the background's priority"
        );
        drop(search);
        while rx.recv().is_ok() {}
        loader.join().expect("the loader ends");
    }

    #[test]
    fn stop_continue_and_a_lost_terminal_reach_the_terminal_side() {
        let (tx, rx) = mpsc::channel();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut app = App::new("loading");
        let theme = Theme::new(ColorMode::Indexed);
        let mut rt = Counting::default();
        for e in [Event::Stop, Event::Continue, Event::TerminalLost] {
            tx.send(e).unwrap();
        }
        let quit = event_loop(&mut terminal, &mut app, &theme, &rx, &mut rt).unwrap();
        assert_eq!(quit, Quit::TerminalLost);
        assert_eq!((rt.suspends, rt.resumes), (1, 1));
        // The first frame only: events queued together make no frame each,
        // and a lost terminal gets none.
        assert_eq!(rt.frames, 1);
    }
}
