//! Reader state and the update function: events in, state changes and
//! effects out. No terminal I/O and no analysis here: quotes, speakers and
//! matches come from the document and the search service. `update` only
//! delegates; each concern has its file: [`layout`], [`rows`] (wrapping and
//! highlights), [`columns`] (scrolling, current quotes, sync), [`filter`],
//! [`speakers`] (panel, compare, copy).

mod columns;
mod filter;
mod layout;
mod rows;
mod speakers;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind, MouseEventKind};

pub use super::document::{Decor, DecorKind, Document};
use super::event::{Action, Effect, Event, Quit};
use super::keymap::{Mode, action_for};
use super::wrap::Wrapped;
use crate::analysis::Quote;
pub use columns::Column;
pub use filter::Filter;
pub use layout::{GUTTER, Geometry, MIN_COLUMN, MIN_HEIGHT, MIN_WIDTH, SCROLLBAR};
pub use speakers::Panel;

pub struct App {
    pub doc: Option<Document>,
    pub loading: String,
    /// Why nothing loaded, once loading failed (the screen shows it whole).
    pub failed: Option<String>,
    pub mode: Mode,
    pub columns: Vec<Column>,
    pub focus: usize,
    first_visible: usize,
    /// Columns wanted (None: as many as fit).
    wanted_columns: Option<usize>,
    pub zoom: bool,
    pub sync: bool,
    pub filter: Filter,
    pub panel: Panel,
    pub active_speaker: Option<usize>,
    pub compare_scroll: usize,
    pub message: Option<String>,
    pub geometry: Geometry,
    pub clipboard: bool,
    pub mouse: bool,
    pub quit: Option<Quit>,
    pub spinner: usize,
    wrapped: HashMap<(usize, usize, u64), Arc<Wrapped>>,
    /// Filter highlights of displayed paragraphs, for `highlight_generation`.
    highlights: HashMap<(usize, usize), Vec<Range<usize>>>,
    highlight_generation: u64,
    dirty: bool,
}

impl App {
    pub fn new(loading: impl Into<String>) -> Self {
        Self {
            doc: None,
            loading: loading.into(),
            failed: None,
            mode: Mode::Reading,
            columns: Vec::new(),
            focus: 0,
            first_visible: 0,
            wanted_columns: None,
            zoom: false,
            sync: false,
            filter: Filter::default(),
            panel: Panel::default(),
            active_speaker: None,
            compare_scroll: 0,
            message: None,
            geometry: Geometry::default(),
            clipboard: true,
            mouse: false,
            quit: None,
            spinner: 0,
            wrapped: HashMap::new(),
            highlights: HashMap::new(),
            highlight_generation: 0,
            dirty: true,
        }
    }

    /// An app with the document already loaded (tests, small stories).
    pub fn with_document(doc: Document, width: u16, height: u16) -> Self {
        let mut app = Self::new("");
        // Size first, as in the real loop (a Resize arrives before Loaded):
        // the current quotes depend on how many rows are visible.
        app.resize(width, height);
        app.load(doc);
        app
    }

    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// Ticks are needed only while something animates (loading; not
    /// after it failed).
    pub fn needs_ticks(&self) -> bool {
        self.doc.is_none() && self.failed.is_none()
    }

    fn load(&mut self, doc: Document) {
        self.columns = vec![Column::default(); doc.story.articles.len()];
        let skipped = doc.diagnostics.iter().filter(|d| d.is_error()).count();
        let warned = doc.diagnostics.len() - skipped;
        if skipped > 0 {
            self.message = Some(format!(
                "⚠ {skipped} input problem(s): some input was skipped (crossread check)"
            ));
        } else if warned > 0 {
            self.message = Some(format!("⚠ {warned} warning(s) (crossread check)"));
        }
        self.doc = Some(doc);
        self.wrapped.clear();
        let (w, h) = (self.geometry.width, self.geometry.height);
        self.resize(w, h);
        self.mark_selections_stale();
    }

    /// Handles one event; returns effects for the loop to perform.
    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Input(TermEvent::Key(key)) => {
                // Windows also reports releases: act on presses only.
                if key.kind != KeyEventKind::Press {
                    return vec![];
                }
                match action_for(self.mode, key) {
                    Some(a) => self.update(a),
                    None => vec![],
                }
            }
            Event::Input(TermEvent::Resize(w, h)) => self.update(Action::Resize {
                width: w,
                height: h,
            }),
            Event::Input(TermEvent::Mouse(m)) if self.mouse => {
                let Some(column) = self.column_at(m.column) else {
                    return vec![];
                };
                match m.kind {
                    MouseEventKind::ScrollDown => self.update(Action::Wheel { column, lines: 3 }),
                    MouseEventKind::ScrollUp => self.update(Action::Wheel { column, lines: -3 }),
                    MouseEventKind::Down(_) => self.update(Action::Click { column }),
                    _ => vec![],
                }
            }
            Event::Input(_) => vec![],
            Event::Loaded { document, .. } => {
                self.load(*document);
                self.dirty = true;
                vec![]
            }
            Event::Progress(p) => {
                self.loading = p;
                self.dirty = true;
                vec![]
            }
            Event::LoadFailed(why) => {
                self.failed = Some(why);
                self.dirty = true;
                vec![]
            }
            Event::SearchDone(reply) => {
                self.search_done(reply);
                vec![]
            }
            Event::Signal(sig) => {
                self.quit = Some(Quit::Signal(sig));
                vec![]
            }
            Event::Stop => vec![Effect::Suspend],
            Event::Continue => vec![Effect::Resume],
            Event::TerminalLost => {
                self.quit = Some(Quit::TerminalLost);
                vec![]
            }
            Event::Tick => {
                self.spinner = self.spinner.wrapping_add(1);
                self.dirty = self.needs_ticks();
                vec![]
            }
        }
    }

    /// Applies an action: each arm hands it to the part of the reader it
    /// concerns. Returns effects for the loop to perform.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.dirty = true;
        if !action.keeps_message() {
            self.message = None;
        }
        if self.doc.is_none() {
            return self.update_loading(action);
        }
        match action {
            Action::ScrollLines(n) => self.scroll_focused(n as i64),
            Action::HalfPage(n) => self.scroll_pages(n, true),
            Action::Page(n) => self.scroll_pages(n, false),
            Action::Top => self.scroll_focused(i64::MIN / 2),
            Action::Bottom => self.scroll_focused(i64::MAX / 2),
            Action::FocusNext => {
                self.set_focus((self.focus + 1).min(self.columns.len().saturating_sub(1)))
            }
            Action::FocusPrev => self.set_focus(self.focus.saturating_sub(1)),
            Action::FocusColumn(n) => self.focus_column(n),
            Action::MoreColumns => self.more_columns(),
            Action::FewerColumns => self.fewer_columns(),
            Action::ToggleZoom => self.toggle_zoom(),
            Action::ToggleSync => self.toggle_sync(),
            Action::NextMatch => self.step(1),
            Action::PrevMatch => self.step(-1),
            Action::ClearFilter => self.clear_filter_or_speaker(),
            Action::OpenFilter => self.open_filter(),
            Action::OpenSpeakers => self.open_speakers(),
            Action::OpenCompare => self.open_compare(),
            Action::CopyQuote => return self.copy_current(),
            Action::ToggleHelp => self.toggle_help(),
            Action::FilterInsert(c) => return self.filter_insert(c),
            Action::FilterBackspace => return self.filter_backspace(),
            Action::AcceptFilter => self.accept_filter(),
            Action::PanelInsert(c) => self.panel_insert(c),
            Action::PanelBackspace => self.panel_backspace(),
            Action::PanelMove(d) => self.panel_move(d),
            Action::PanelSelect => self.panel_select(),
            Action::PanelCompare => self.panel_compare(),
            Action::PanelCopy => return self.copy_panel(),
            Action::CompareScroll(n) => self.compare_scroll(n),
            Action::CompareCopy => return self.copy_compared(),
            Action::Close => self.mode = Mode::Reading,
            Action::Suspend => return vec![Effect::Suspend],
            Action::Quit => self.quit = Some(Quit::User),
            Action::Wheel { column, lines } => self.scroll_by(column, lines as i64),
            Action::Click { column } => self.set_focus(column),
            Action::Resize { width, height } => self.resize(width, height),
        }
        vec![]
    }

    /// While loading only quitting, suspending and resizing work.
    fn update_loading(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => self.quit = Some(Quit::User),
            Action::Suspend => return vec![Effect::Suspend],
            Action::Resize { width, height } => self.resize(width, height),
            _ => {}
        }
        vec![]
    }

    fn toggle_help(&mut self) {
        self.mode = if self.mode == Mode::Help {
            Mode::Reading
        } else {
            Mode::Help
        };
    }

    pub(super) fn quote(&self, q: usize) -> &Quote {
        &self.doc.as_ref().expect("document loaded").analysis.quotes[q]
    }

    pub fn current_quote(&self) -> Option<usize> {
        self.columns.get(self.focus).and_then(|c| c.selected)
    }
}

#[cfg(test)]
mod tests;
