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
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::session::SearchService;
use action::Effect;
use app::{App, Event, Quit};
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
    app.update(action::Action::Resize {
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
