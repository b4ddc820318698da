//! The full-screen reader: state ([`app`]), actions ([`action`], [`keymap`])
//! and pure rendering ([`view`]), driven by a loop generic over the ratatui
//! backend so tests run it on `TestBackend`.

pub mod action;
pub mod app;
pub mod harness;
pub mod keymap;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::analysis::analyze;
use crate::corpus::{LoadOutcome, Story};
use crate::search::{Query, SearchIndex, Searcher, scan, story_passages};
use action::Effect;
use app::{App, Document, Event};
use theme::Theme;

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
/// makes a handful of frames, not 30). Returns the exit status.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    events: &Receiver<Event>,
    rt: &mut dyn Runtime,
) -> Result<i32, B::Error> {
    let size = terminal.size()?;
    app.update(action::Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut redraw = true;
    loop {
        if redraw || app.take_dirty() {
            app.prepare();
            rt.begin_frame();
            terminal.draw(|f| view::render(f, app, theme))?;
            rt.end_frame();
            redraw = false;
        }
        if let Some(code) = app.quit {
            return Ok(code);
        }
        let first = if app.needs_ticks() {
            match events.recv_timeout(TICK) {
                Ok(e) => e,
                Err(RecvTimeoutError::Timeout) => Event::Tick,
                Err(RecvTimeoutError::Disconnected) => return Ok(app.quit.unwrap_or(0)),
            }
        } else {
            match events.recv() {
                Ok(e) => e,
                Err(_) => return Ok(app.quit.unwrap_or(0)),
            }
        };
        let mut queue = VecDeque::from([first]);
        while let Ok(e) = events.try_recv() {
            queue.push_back(e);
        }
        for e in queue {
            for effect in app.handle(e) {
                if effect == Effect::Suspend {
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

/// Search worker: builds the index in the background, then answers
/// requests, skipping any already superseded by a newer one. Until the index
/// is ready it scans. Passages borrow the story's text (no copy).
pub fn spawn_search_worker(story: Arc<Story>, events: Sender<Event>) -> Sender<(u64, String)> {
    let (tx, rx) = mpsc::channel::<(u64, String)>();
    let (index_tx, index_rx) = mpsc::channel::<Arc<SearchIndex>>();
    let for_build = story.clone();
    std::thread::spawn(move || {
        let texts = story_passages(&for_build).0;
        let index = Arc::new(SearchIndex::build(&texts));
        let _ = index_tx.send(index);
    });
    std::thread::spawn(move || {
        let (texts, origin) = story_passages(&story);
        let mut searcher: Option<Searcher> = None;
        while let Ok(mut req) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                req = newer;
            }
            if searcher.is_none()
                && let Ok(index) = index_rx.try_recv()
            {
                searcher = Some(Searcher::unranked(index));
            }
            let q = Query::parse(&req.1);
            let hits = match &mut searcher {
                Some(s) => s.search(&q, &texts),
                None => scan(&q, &texts),
            };
            let found = hits.iter().map(|h| origin[h.passage as usize]).collect();
            if events
                .send(Event::SearchDone {
                    generation: req.0,
                    passages: found,
                })
                .is_err()
            {
                break;
            }
        }
    });
    tx
}

/// Builds the document (analysis) for a loaded story.
pub fn document(outcome: LoadOutcome) -> Document {
    let story = Arc::new(outcome.story);
    let analysis = Arc::new(analyze(&story));
    Document::new(story, analysis, outcome.diagnostics)
}
