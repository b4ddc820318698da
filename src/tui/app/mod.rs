//! Reader state and the update function: events in, state changes and
//! effects out. No terminal I/O and no analysis here: quotes, speakers and
//! matches come from the document and the search service. `update` only
//! delegates; each concern has its file: [`layout`], [`rows`] (wrapping and
//! highlights), [`columns`] (scrolling, current quotes, sync), [`filter`],
//! [`speakers`] (panel, compare, copy), [`marks`], [`prompt`] (line
//! editing, history), [`stories`] (the story list).

mod columns;
mod filter;
mod layout;
mod marks;
mod prompt;
mod rows;
mod speakers;
mod stories;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind, MouseEventKind};

pub use super::document::{Decor, DecorKind, Document, Library};
use super::event::{Action, Effect, Event, Quit};
use super::keymap::{Mode, action_for, help_lines, hint};
use super::wrap::Wrapped;
use crate::analysis::Quote;
use crate::corpus::Story;
use crate::text::count;
pub use columns::Column;
pub use filter::Filter;
pub use layout::{GUTTER, Geometry, MIN_COLUMN, MIN_HEIGHT, MIN_WIDTH, SCROLLBAR};
pub use prompt::{HISTORY_LEN, Line};

/// Widest text when a column is zoomed: lines past ~100 cells are hard to read.
pub const DEFAULT_ZOOM_WIDTH: usize = 100;

/// Widest the help overlay gets (border included).
pub const HELP_WIDTH: usize = 76;
pub use speakers::Panel;
pub use stories::{ListRow, StoryList};

pub struct App {
    pub doc: Option<Document>,
    /// What loading is doing (the loading screen, and the header while a
    /// preview shows).
    pub loading: String,
    /// `doc` is a preview: the input's first articles, shown while the
    /// rest loads and is analysed (see [`App::loaded`]).
    pub preview: bool,
    /// The reader acted on a key while the preview showed: it is being
    /// read, so a story list arriving waits behind its key.
    touched: bool,
    /// Why nothing loaded, once loading failed (the screen shows it whole).
    pub failed: Option<String>,
    pub mode: Mode,
    pub columns: Vec<Column>,
    pub focus: usize,
    first_visible: usize,
    /// Columns wanted (None: as many as fit).
    wanted_columns: Option<usize>,
    pub zoom: bool,
    /// Widest text when zoomed (cells); the column is centred.
    pub zoom_width: usize,
    pub sync: bool,
    pub filter: Filter,
    pub panel: Panel,
    pub active_speaker: Option<usize>,
    pub compare_scroll: usize,
    /// First line of the help shown.
    pub help_scroll: usize,
    pub message: Option<String>,
    /// A URL in `message`, drawn as a hyperlink (OSC 8) where supported.
    pub message_link: Option<String>,
    /// Write OSC 8 hyperlinks (terminals that lack them show plain text).
    pub hyperlinks: bool,
    pub geometry: Geometry,
    pub clipboard: bool,
    pub mouse: bool,
    pub quit: Option<Quit>,
    pub spinner: usize,
    /// Filter queries kept with Enter, oldest first (the loop loads and
    /// saves them).
    pub history: Vec<String>,
    /// The story list's filter queries (the loop loads them before the
    /// list exists; the list takes them when it opens).
    pub story_history: Vec<String>,
    /// Where Up/Down are in the filter history.
    recall: prompt::Recall,
    /// The story list, when the input holds several stories.
    pub list: Option<StoryList>,
    /// Marks by letter (`m`, `'`).
    marks: HashMap<char, marks::Mark>,
    /// A prefix key (`m`, `'`) waits for its letter.
    pending: Option<marks::Pending>,
    /// The gutter legend was hinted (once, when marks first appear).
    legend_shown: bool,
    wrapped: HashMap<(usize, usize, u64), Arc<Wrapped>>,
    /// Filter highlights of displayed paragraphs, for `highlight_generation`.
    highlights: HashMap<(usize, usize), Vec<Range<usize>>>,
    highlight_generation: u64,
    dirty: bool,
    /// The zoomed column as the last frame showed it (for
    /// [`App::take_text_moved`]).
    last_zoom: Option<columns::ZoomFrame>,
}

impl App {
    pub fn new(loading: impl Into<String>) -> Self {
        Self {
            doc: None,
            loading: loading.into(),
            preview: false,
            touched: false,
            failed: None,
            mode: Mode::Reading,
            columns: Vec::new(),
            focus: 0,
            first_visible: 0,
            wanted_columns: None,
            zoom: false,
            zoom_width: DEFAULT_ZOOM_WIDTH,
            sync: false,
            filter: Filter::default(),
            panel: Panel::default(),
            active_speaker: None,
            compare_scroll: 0,
            help_scroll: 0,
            message: None,
            message_link: None,
            hyperlinks: true,
            geometry: Geometry::default(),
            clipboard: true,
            mouse: false,
            quit: None,
            spinner: 0,
            legend_shown: false,
            marks: HashMap::new(),
            history: Vec::new(),
            story_history: Vec::new(),
            recall: prompt::Recall::default(),
            list: None,
            pending: None,
            wrapped: HashMap::new(),
            highlights: HashMap::new(),
            highlight_generation: 0,
            dirty: true,
            last_zoom: None,
        }
    }

    /// An app with the document already loaded (tests, small stories).
    pub fn with_document(doc: Document, width: u16, height: u16) -> Self {
        Self::with_library(Library::One(Box::new(doc)), width, height)
    }

    /// An app with the input loaded: one story, or the story list.
    pub fn with_library(library: Library, width: u16, height: u16) -> Self {
        let mut app = Self::new("");
        // Size first, as in the real loop (a Resize arrives before Loaded):
        // the current quotes depend on how many rows are visible.
        app.resize(width, height);
        app.load_library(library);
        app
    }

    fn load_library(&mut self, library: Library) {
        match library {
            Library::One(doc) => self.load(*doc),
            Library::Many(stories) => self.load_stories(stories),
        }
    }

    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// Ticks are needed only while something animates (loading; not
    /// after it failed) or arrives (the story list's speaker counts).
    pub fn needs_ticks(&self) -> bool {
        self.preview
            || match &self.list {
                Some(list) => list.counting(),
                None => self.doc.is_none() && self.failed.is_none(),
            }
    }

    /// The first articles arrived: shown at once (or, sent again longer,
    /// put in place keeping where each column is).
    fn show_preview(&mut self, story: Story) {
        if story.articles.is_empty() || self.failed.is_some() || self.list.is_some() {
            return;
        }
        let doc = Document::preview(story);
        match &self.doc {
            None => {
                self.load(doc);
                self.preview = true;
            }
            Some(_) if self.preview => self.swap_document(doc),
            Some(_) => {}
        }
    }

    /// Loading and analysis are done. Without a preview the library opens
    /// as it is. Over a preview: one story takes its place with every
    /// column's position, the focus, the mode and the typed filter kept
    /// (and searched again, now that the search service is there);
    /// several stories open on the story list, unless the preview is being
    /// read: then it stays, and the list is one key away.
    fn loaded(&mut self, library: Library) -> Vec<Effect> {
        self.dirty = true;
        if !std::mem::take(&mut self.preview) {
            self.load_library(library);
            return vec![];
        }
        match library {
            Library::One(doc) => {
                self.swap_document(*doc);
                self.search_again()
            }
            Library::Many(stories) if !self.touched => {
                self.doc = None;
                self.columns.clear();
                self.focus = 0;
                self.first_visible = 0;
                self.clear_filter();
                self.load_stories(stories);
                vec![]
            }
            Library::Many(stories) => {
                let n = stories.entries.len();
                self.list = Some(StoryList::new(stories));
                let back = hint(Mode::Reading, Action::StoryList);
                self.message = Some(format!(
                    "{n} stories found: {back} for the story list (these are the input's first articles)"
                ));
                self.search_again()
            }
        }
    }

    /// Puts `doc` in place of the document shown, keeping every column's
    /// state (scroll, note) when the articles are the same ones in the
    /// same order (a preview and what replaces it), the focus, the mode
    /// and the filter typed.
    fn swap_document(&mut self, doc: Document) {
        let same = self.doc.as_ref().is_some_and(|old| {
            old.story
                .articles
                .iter()
                .zip(&doc.story.articles)
                .all(|(a, b)| a.id == b.id)
        });
        if !same {
            return self.load(doc);
        }
        let n = doc.story.articles.len();
        self.columns.resize(n, Column::default());
        // Matches found on the preview stay, for its articles (searched
        // again for all of them by the caller).
        if let Some(m) = &mut self.filter.matches {
            m.resize(n, Vec::new());
        }
        let skipped = doc.diagnostics.iter().filter(|d| d.is_error()).count();
        self.input_warnings(skipped, doc.diagnostics.len() - skipped);
        self.doc = Some(doc);
        self.wrapped.clear();
        self.highlights.clear();
        self.relayout();
        self.mark_selections_stale();
    }

    /// The filter typed, searched again (the search service just arrived,
    /// or the articles changed).
    fn search_again(&mut self) -> Vec<Effect> {
        if self.filter.input.text.trim().is_empty() {
            return vec![];
        }
        self.request_search()
    }

    fn load(&mut self, doc: Document) {
        self.columns = vec![Column::default(); doc.story.articles.len()];
        let skipped = doc.diagnostics.iter().filter(|d| d.is_error()).count();
        let warned = doc.diagnostics.len() - skipped;
        self.input_warnings(skipped, warned);
        self.doc = Some(doc);
        self.wrapped.clear();
        let (w, h) = (self.geometry.width, self.geometry.height);
        self.resize(w, h);
        self.mark_selections_stale();
    }

    /// A status message for what loading skipped or warned about.
    fn input_warnings(&mut self, skipped: usize, warned: usize) {
        if skipped > 0 {
            self.message = Some(format!(
                "⚠ {}: some input was skipped (crossread check)",
                count(skipped, "input problem", "input problems")
            ));
        } else if warned > 0 {
            self.message = Some(format!(
                "⚠ {} (crossread check)",
                count(warned, "warning", "warnings")
            ));
        }
    }

    /// Handles one event; returns effects for the loop to perform.
    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Input(TermEvent::Key(key)) => {
                // Windows also reports releases: act on presses only.
                if key.kind != KeyEventKind::Press {
                    return vec![];
                }
                if let Some(pending) = self.pending.take() {
                    return self.complete_pending(pending, key);
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
            Event::Loaded { document, .. } => self.loaded(*document),
            Event::SearchReady(_) => self.search_again(),
            Event::Preview(story) => {
                self.show_preview(*story);
                self.dirty = true;
                self.search_again()
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
                let counts = self.list.as_mut().is_some_and(|l| l.counts_arrived());
                self.dirty = counts || (self.list.is_none() && self.needs_ticks());
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
            self.message_link = None;
        }
        if self.mode == Mode::Help && self.scroll_help(action) {
            return vec![];
        }
        if self.in_story_list() {
            return self.update_list(action);
        }
        if self.doc.is_none() {
            return self.update_loading(action);
        }
        if self.preview {
            if !matches!(action, Action::Resize { .. }) {
                self.touched = true;
            }
            if let Some(why) = Self::waits_for_analysis(action) {
                self.message = Some(why.into());
                return vec![];
            }
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
            Action::OpenMatch => self.toggle_open_match(),
            Action::StepQuote { dir, shared } => self.step_column_quote(dir, shared),
            Action::ClearFilter => self.clear_filter_or_speaker(),
            Action::OpenFilter => self.open_filter(),
            Action::OpenSpeakers => self.open_speakers(),
            Action::OpenCompare => self.open_compare(),
            Action::CopyQuote => return self.copy_current(),
            Action::ShowInfo => self.show_info(),
            Action::MarkPrefix => self.await_letter(marks::Pending::Set),
            Action::JumpPrefix => self.await_letter(marks::Pending::Jump),
            Action::SetMark(c) => self.set_mark(c),
            Action::JumpMark(c) => self.jump_to_mark(c),
            Action::CopyUrl => return self.copy_url(),
            Action::ToggleHelp => self.toggle_help(),
            Action::StoryList => self.back_to_list(),
            Action::OpenStory => {}
            Action::FilterInsert(c) => return self.filter_insert(c),
            Action::FilterBackspace => return self.filter_backspace(),
            Action::AcceptFilter => return self.accept_filter(),
            Action::Edit(op) => return self.edit_prompt(op),
            Action::History(dir) => return self.recall(dir),
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

    /// What `action` waits for while a preview shows, if it needs the
    /// analysis or the story list.
    fn waits_for_analysis(action: Action) -> Option<&'static str> {
        match action {
            Action::OpenSpeakers
            | Action::OpenCompare
            | Action::CopyQuote
            | Action::StepQuote { .. } => Some("quotes and speakers: still analysing…"),
            Action::StoryList => Some("stories: still loading and grouping…"),
            _ => None,
        }
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
            self.help_scroll = 0;
            Mode::Help
        };
    }

    /// The help's inner size (inside its border): (width, lines shown).
    pub fn help_size(&self) -> (usize, usize) {
        let g = self.geometry;
        let width = (g.width as usize).min(HELP_WIDTH).saturating_sub(2);
        // The body (all but header and status line) minus the border.
        let height = (g.height as usize).saturating_sub(4);
        (width, height)
    }

    /// Scrolling keys in the help move it; returns whether `action` was one.
    fn scroll_help(&mut self, action: Action) -> bool {
        let (width, height) = self.help_size();
        let max = help_lines(width, self.list.is_some())
            .len()
            .saturating_sub(height.max(1)) as i64;
        let page = height.max(2) as i64 - 1;
        let delta = match action {
            Action::ScrollLines(n) => n as i64,
            Action::HalfPage(n) => n as i64 * (page / 2).max(1),
            Action::Page(n) => n as i64 * page,
            Action::Top => -max,
            Action::Bottom => max,
            _ => return false,
        };
        self.help_scroll = (self.help_scroll as i64 + delta).clamp(0, max) as usize;
        true
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
