//! Reader state and the update function: events in, state changes and
//! effects out. No terminal I/O and no analysis here: quotes, speakers and
//! matches come from the engine.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind, MouseEventKind};

use super::action::{Action, Effect};
use super::keymap::{Mode, action_for};
use super::wrap::{Row, Wrapped, wrap};
use crate::analysis::{Analysis, Quote};
use crate::corpus::{Diagnostic, Story};
use crate::search::Query;
use crate::session::{SearchReply, SearchRequest, SearchService, Session};

/// Narrowest column the automatic layout uses.
pub const MIN_COLUMN: usize = 36;
/// Below this the reader shows "terminal too small".
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Gutter (badge + group mark) and scrollbar (with a space before it) cells.
pub const GUTTER: usize = 2;
pub const SCROLLBAR: usize = 2;

/// What a range of article text is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecorKind {
    /// A direct quote; `slot` is the shared-speaker slot, if any.
    Quote { quote: usize, slot: Option<usize> },
    /// A speaker's name where it stands in the text.
    Name { slot: Option<usize> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decor {
    pub start: usize,
    pub end: usize,
    pub kind: DecorKind,
}

/// Everything loaded: the story, what the engine found, and how to draw it.
#[derive(Debug)]
pub struct Document {
    pub story: Arc<Story>,
    pub analysis: Arc<Analysis>,
    /// Shared speakers in slot order.
    pub shared: Vec<usize>,
    /// decor[article][paragraph], sorted by start.
    pub decor: Vec<Vec<Vec<Decor>>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// The view model of a loaded session (analysing it if not done yet).
    pub fn new(session: Session) -> Self {
        let analysis = session.analysis().clone();
        let Session {
            story, diagnostics, ..
        } = session;
        let shared = analysis.shared_speakers();
        let slot_of = |s: Option<usize>| s.and_then(|s| shared.iter().position(|&x| x == s));
        let mut decor: Vec<Vec<Vec<Decor>>> = story
            .articles
            .iter()
            .map(|a| vec![Vec::new(); a.paragraphs.len()])
            .collect();
        for q in &analysis.quotes {
            if let Some(p) = decor
                .get_mut(q.article)
                .and_then(|a| a.get_mut(q.paragraph))
            {
                p.push(Decor {
                    start: q.start,
                    end: q.end,
                    kind: DecorKind::Quote {
                        quote: q.id,
                        slot: slot_of(q.speaker),
                    },
                });
            }
        }
        for (si, sp) in analysis.speakers.iter().enumerate() {
            if sp.quotes.is_empty() {
                continue;
            }
            let slot = slot_of(Some(si));
            for (a, span) in &sp.mentions {
                if let Some(p) = decor.get_mut(*a).and_then(|x| x.get_mut(span.paragraph)) {
                    p.push(Decor {
                        start: span.start,
                        end: span.end,
                        kind: DecorKind::Name { slot },
                    });
                }
            }
        }
        for a in &mut decor {
            for p in a.iter_mut() {
                p.sort_by_key(|d| (d.start, d.end));
            }
        }
        Self {
            story,
            analysis,
            shared,
            decor,
            diagnostics,
        }
    }

    pub fn slot(&self, speaker: Option<usize>) -> Option<usize> {
        speaker.and_then(|s| self.shared.iter().position(|&x| x == s))
    }

    /// "“…” — Name, label" for copying.
    pub fn attribution(&self, q: &Quote) -> String {
        let who = self
            .analysis
            .speaker_name(q)
            .map(String::from)
            .or_else(|| q.descriptor.clone())
            .unwrap_or_else(|| "unattributed".into());
        let label = &self.story.articles[q.article].label;
        format!("“{}” — {who}, {label}", q.text.trim_end_matches(','))
    }
}

/// Per-column reading state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Column {
    pub scroll: usize,
    /// The current quote (for `y`, gutter marker), if any is in view.
    pub selected: Option<usize>,
    /// A note under the header ("no quote from …").
    pub note: Option<String>,
    /// `selected` needs recomputing when the column comes into view
    /// (computing it wraps the article, too costly for every column).
    pub selection_stale: bool,
}

/// Screen geometry derived from the terminal size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Geometry {
    pub width: u16,
    pub height: u16,
    pub visible: usize,
    pub column_width: usize,
    pub text_width: usize,
    pub body_height: usize,
}

/// The live filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub input: String,
    /// The query whose results are shown.
    pub shown: Option<Query>,
    pub shown_text: String,
    /// Matching paragraphs per article, for the shown query.
    pub matches: Option<Vec<Vec<usize>>>,
    /// Latest request; results for older ones are dropped.
    pub generation: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Panel {
    pub query: String,
    pub list: Vec<usize>,
    pub selected: usize,
}

/// Events the loop feeds in.
#[derive(Debug)]
pub enum Event {
    Input(TermEvent),
    /// The story finished loading and analysing. The event loop keeps the
    /// search service (it performs [`Effect::Search`]); the app the document.
    Loaded {
        document: Box<Document>,
        search: Option<SearchService>,
    },
    Progress(String),
    /// Results for a filter request.
    SearchDone(SearchReply),
    Signal(i32),
    Tick,
}

/// Why the reader stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quit {
    /// The reader asked to quit (`q`, Ctrl-c).
    User,
    /// A signal (TERM, HUP, INT, QUIT) arrived.
    Signal(i32),
}

pub struct App {
    pub doc: Option<Document>,
    pub loading: String,
    pub mode: Mode,
    pub columns: Vec<Column>,
    pub focus: usize,
    pub first_visible: usize,
    /// Columns wanted (None: as many as fit).
    pub wanted_columns: Option<usize>,
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

    /// Ticks are needed only while something animates (loading).
    pub fn needs_ticks(&self) -> bool {
        self.doc.is_none()
    }

    fn load(&mut self, doc: Document) {
        self.columns = vec![Column::default(); doc.story.articles.len()];
        let skipped = doc.diagnostics.iter().filter(|d| d.is_error()).count();
        if skipped > 0 {
            self.message = Some(format!(
                "⚠ {skipped} input problem(s): some input was skipped (crossread check)"
            ));
        }
        self.doc = Some(doc);
        self.wrapped.clear();
        let (w, h) = (self.geometry.width, self.geometry.height);
        self.resize(w, h);
        self.mark_selections_stale();
    }

    /// Every column's current quote is out of date: refresh the visible
    /// ones now, the others when they come into view.
    fn mark_selections_stale(&mut self) {
        for c in &mut self.columns {
            c.selection_stale = true;
        }
        self.refresh_visible_selections();
    }

    fn refresh_visible_selections(&mut self) {
        for a in self.visible_columns() {
            if self.columns[a].selection_stale {
                self.update_selection(a);
            }
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        let n = self.doc.as_ref().map_or(0, |d| d.story.articles.len());
        let w = width as usize;
        let fit = ((w + 1) / (MIN_COLUMN + 1)).max(1);
        let visible = if self.zoom {
            1
        } else {
            self.wanted_columns.unwrap_or(fit)
        }
        .clamp(1, n.max(1));
        let column_width = (w.saturating_sub(visible - 1)) / visible;
        self.geometry = Geometry {
            width,
            height,
            visible,
            column_width,
            text_width: column_width.saturating_sub(GUTTER + SCROLLBAR).max(1),
            // Header line, two column-header rows, status line.
            body_height: (height as usize).saturating_sub(4),
        };
        self.keep_focus_visible();
        // Scroll 0 is always in range: only scrolled columns need wrapping.
        for c in 0..self.columns.len() {
            if self.columns[c].scroll > 0 {
                self.clamp_scroll(c);
            }
        }
        self.refresh_visible_selections();
        self.dirty = true;
    }

    fn keep_focus_visible(&mut self) {
        let v = self.geometry.visible.max(1);
        if self.focus < self.first_visible {
            self.first_visible = self.focus;
        } else if self.focus >= self.first_visible + v {
            self.first_visible = self.focus + 1 - v;
        }
        let n = self.columns.len();
        self.first_visible = self.first_visible.min(n.saturating_sub(v));
    }

    /// The rows of article `a` at the current width and filter.
    pub fn wrapped(&mut self, a: usize) -> Arc<Wrapped> {
        let key = (a, self.geometry.text_width, self.filter_key());
        if let Some(w) = self.wrapped.get(&key) {
            return w.clone();
        }
        let Some(doc) = &self.doc else {
            return Arc::default();
        };
        let paras = &doc.story.articles[a].paragraphs;
        let w = match &self.filter.matches {
            Some(m) => wrap(
                m[a].iter().map(|&p| (p, paras[p].as_str())),
                self.geometry.text_width,
            ),
            None => wrap(
                paras.iter().map(String::as_str).enumerate(),
                self.geometry.text_width,
            ),
        };
        // Keep the cache small: other widths and filters are rebuilt on demand.
        if self.wrapped.len() > 4 * self.geometry.visible.max(16) {
            self.wrapped.clear();
        }
        let w = Arc::new(w);
        self.wrapped.insert(key, w.clone());
        w
    }

    /// Cached rows for drawing (filled by [`App::prepare`]).
    pub fn cached_rows(&self, a: usize) -> Option<&Arc<Wrapped>> {
        self.wrapped
            .get(&(a, self.geometry.text_width, self.filter_key()))
    }

    fn filter_key(&self) -> u64 {
        if self.filter.matches.is_some() {
            self.filter.generation.max(1)
        } else {
            0
        }
    }

    /// Wraps the visible columns and computes filter highlights for the
    /// paragraphs on screen (only those), so drawing, which borrows
    /// immutably, finds everything ready.
    pub fn prepare(&mut self) {
        if self.highlight_generation != self.filter.generation {
            self.highlights.clear();
            self.highlight_generation = self.filter.generation;
        }
        let body = self.geometry.body_height;
        for a in self.visible_columns() {
            let rows = self.wrapped(a);
            let (Some(q), Some(doc)) = (&self.filter.shown, &self.doc) else {
                continue;
            };
            let scroll = self.columns[a].scroll;
            for r in rows.rows.iter().skip(scroll).take(body) {
                if let Row::Text { paragraph, .. } = *r {
                    self.highlights.entry((a, paragraph)).or_insert_with(|| {
                        let text = &doc.story.articles[a].paragraphs[paragraph];
                        crate::search::highlights(text, q)
                    });
                }
            }
        }
    }

    /// Filter highlights (char ranges) of a displayed paragraph.
    pub fn highlights_of(&self, a: usize, p: usize) -> &[Range<usize>] {
        self.highlights.get(&(a, p)).map_or(&[], Vec::as_slice)
    }

    pub fn visible_columns(&self) -> Range<usize> {
        let n = self.columns.len();
        if self.zoom {
            return self.focus.min(n)..(self.focus + 1).min(n);
        }
        self.first_visible..(self.first_visible + self.geometry.visible).min(n)
    }

    fn max_scroll(&mut self, a: usize) -> usize {
        let rows = self.wrapped(a).rows.len();
        rows.saturating_sub(self.geometry.body_height.max(1))
    }

    fn clamp_scroll(&mut self, a: usize) {
        let max = self.max_scroll(a);
        if let Some(c) = self.columns.get_mut(a) {
            c.scroll = c.scroll.min(max);
        }
    }

    fn scroll_by(&mut self, a: usize, delta: i64) {
        let max = self.max_scroll(a) as i64;
        if let Some(c) = self.columns.get_mut(a) {
            c.scroll = (c.scroll as i64 + delta).clamp(0, max) as usize;
        }
        self.update_selection(a);
    }

    /// The current quote of a column: the first quote starting in view.
    fn update_selection(&mut self, a: usize) {
        let Some(doc) = &self.doc else { return };
        let body = self.geometry.body_height.max(1);
        let scroll = self.columns[a].scroll;
        let quotes: Vec<(usize, usize, usize)> = doc
            .analysis
            .quotes_in(a)
            .map(|q| (q.id, q.paragraph, q.start))
            .collect();
        let wrapped = self.wrapped(a);
        let selected = quotes.into_iter().find(|&(_, p, start)| {
            wrapped
                .row_of(p, start)
                .is_some_and(|r| r >= scroll && r < scroll + body)
        });
        self.columns[a].selected = selected.map(|q| q.0);
        self.columns[a].selection_stale = false;
    }

    /// Scrolls column `a` so quote `q` starts on the second row.
    fn show_quote(&mut self, a: usize, q: usize) {
        let Some(doc) = &self.doc else { return };
        let quote = &doc.analysis.quotes[q];
        let (p, start) = (quote.paragraph, quote.start);
        let row = self.wrapped(a).row_of(p, start);
        if let Some(row) = row {
            let max = self.max_scroll(a);
            self.columns[a].scroll = row.saturating_sub(1).min(max);
        }
        self.columns[a].selected = Some(q);
        self.columns[a].selection_stale = false;
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
            Event::SearchDone(reply) => {
                self.search_done(reply);
                vec![]
            }
            Event::Signal(sig) => {
                self.quit = Some(Quit::Signal(sig));
                vec![]
            }
            Event::Tick => {
                self.spinner = self.spinner.wrapping_add(1);
                self.dirty = self.doc.is_none();
                vec![]
            }
        }
    }

    fn column_at(&self, x: u16) -> Option<usize> {
        let w = self.geometry.column_width + 1;
        let i = x as usize / w.max(1);
        let a = self.visible_columns().start + i;
        (a < self.visible_columns().end).then_some(a)
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.dirty = true;
        if !matches!(
            action,
            Action::Insert(_) | Action::Backspace | Action::Resize { .. }
        ) {
            self.message = None;
        }
        if self.doc.is_none() {
            // While loading only quitting, suspending and resizing work.
            return match action {
                Action::Quit => {
                    self.quit = Some(Quit::User);
                    vec![]
                }
                Action::Suspend => vec![Effect::Suspend],
                Action::Resize { width, height } => {
                    self.resize(width, height);
                    vec![]
                }
                _ => vec![],
            };
        }
        let body = self.geometry.body_height.max(1) as i64;
        match action {
            Action::ScrollLines(n) if self.mode == Mode::Compare => {
                self.compare_scroll = (self.compare_scroll as i64 + n as i64).max(0) as usize;
            }
            Action::ScrollLines(n) => self.scroll_focused(n as i64),
            Action::HalfPage(n) => self.scroll_focused(n as i64 * (body / 2).max(1)),
            Action::Page(n) => self.scroll_focused(n as i64 * (body - 1).max(1)),
            Action::Top => self.scroll_focused(i64::MIN / 2),
            Action::Bottom => self.scroll_focused(i64::MAX / 2),
            Action::FocusNext => {
                self.set_focus((self.focus + 1).min(self.columns.len().saturating_sub(1)))
            }
            Action::FocusPrev => self.set_focus(self.focus.saturating_sub(1)),
            Action::FocusColumn(n) => {
                if n < self.columns.len() {
                    self.set_focus(n);
                } else {
                    self.message = Some(format!("no column {}", n + 1));
                }
            }
            Action::MoreColumns => {
                let v = self.geometry.visible + 1;
                self.wanted_columns = Some(v.min(self.columns.len()).max(1));
                self.zoom = false;
                self.relayout();
            }
            Action::FewerColumns => {
                self.wanted_columns = Some(self.geometry.visible.saturating_sub(1).max(1));
                self.zoom = false;
                self.relayout();
            }
            Action::ToggleZoom => {
                self.zoom = !self.zoom;
                self.relayout();
            }
            Action::ToggleSync => {
                self.sync = !self.sync;
                self.message = Some(
                    if self.sync {
                        "synchronised scrolling on"
                    } else {
                        "synchronised scrolling off"
                    }
                    .into(),
                );
                if self.sync {
                    self.align_to_focus();
                }
            }
            Action::OpenFilter => {
                self.mode = Mode::Filter;
                self.filter.input = self.filter.shown_text.clone();
            }
            Action::AcceptFilter => {
                self.mode = Mode::Reading;
                if self.filter.input.trim().is_empty() {
                    self.clear_filter();
                }
            }
            Action::ClearFilter => {
                self.mode = Mode::Reading;
                if self.active_speaker.take().is_some() && self.filter.matches.is_none() {
                    for c in &mut self.columns {
                        c.note = None;
                    }
                    self.message = Some("speaker cleared".into());
                } else {
                    self.active_speaker = None;
                    for c in &mut self.columns {
                        c.note = None;
                    }
                    self.clear_filter();
                }
            }
            Action::Insert(c) if self.mode == Mode::Filter => {
                self.filter.input.push(c);
                return self.request_search();
            }
            Action::Backspace if self.mode == Mode::Filter => {
                self.filter.input.pop();
                return self.request_search();
            }
            Action::Insert(c) if self.mode == Mode::Speakers => {
                self.panel.query.push(c);
                self.refresh_panel();
            }
            Action::Backspace if self.mode == Mode::Speakers => {
                self.panel.query.pop();
                self.refresh_panel();
            }
            Action::Insert(_) | Action::Backspace => {}
            Action::NextMatch => self.step(1),
            Action::PrevMatch => self.step(-1),
            Action::OpenSpeakers => {
                self.mode = Mode::Speakers;
                self.panel.query.clear();
                self.refresh_panel();
            }
            Action::PanelMove(d) => {
                let n = self.panel.list.len();
                if n > 0 {
                    self.panel.selected =
                        (self.panel.selected as i64 + d as i64).rem_euclid(n as i64) as usize;
                }
            }
            Action::PanelSelect => {
                if let Some(&s) = self.panel.list.get(self.panel.selected) {
                    self.select_speaker(s);
                }
                self.mode = Mode::Reading;
            }
            Action::OpenCompare => {
                let speaker = if self.mode == Mode::Speakers {
                    self.panel.list.get(self.panel.selected).copied()
                } else {
                    self.active_speaker
                        .or_else(|| self.current_quote().and_then(|q| self.quote(q).speaker))
                };
                match speaker {
                    Some(s) => {
                        self.active_speaker = Some(s);
                        self.compare_scroll = 0;
                        self.mode = Mode::Compare;
                    }
                    None => self.message = Some("no speaker: choose one with p".into()),
                }
            }
            Action::CopyQuote => return self.copy_quote(),
            Action::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Reading
                } else {
                    Mode::Help
                };
            }
            Action::Close => self.mode = Mode::Reading,
            Action::Suspend => return vec![Effect::Suspend],
            Action::Quit => self.quit = Some(Quit::User),
            Action::Wheel { column, lines } => {
                self.scroll_by(column, lines as i64);
            }
            Action::Click { column } => self.set_focus(column),
            Action::Resize { width, height } => self.resize(width, height),
        }
        vec![]
    }

    fn relayout(&mut self) {
        let (w, h) = (self.geometry.width, self.geometry.height);
        self.resize(w, h);
    }

    fn set_focus(&mut self, a: usize) {
        self.focus = a.min(self.columns.len().saturating_sub(1));
        self.keep_focus_visible();
        self.refresh_visible_selections();
    }

    fn scroll_focused(&mut self, delta: i64) {
        let a = self.focus;
        let before = self.columns.get(a).map_or(0, |c| c.scroll) as i64;
        self.scroll_by(a, delta);
        if self.sync {
            let moved = self.columns[a].scroll as i64 - before;
            for c in 0..self.columns.len() {
                if c != a {
                    self.scroll_by(c, moved);
                }
            }
            self.align_to_focus();
        }
    }

    /// Synchronised scrolling: columns quoting the same words (a group) as
    /// the focused column's current quote put it on the same screen row,
    /// the row nearest the focused one's that every column can reach.
    fn align_to_focus(&mut self) {
        let a = self.focus;
        let Some(q) = self.columns.get(a).and_then(|c| c.selected) else {
            return;
        };
        let Some(group) = self.quote(q).group else {
            return;
        };
        let members: Vec<Quote> = self
            .doc
            .as_ref()
            .map(|d| {
                d.analysis.groups[group]
                    .quotes
                    .iter()
                    .map(|&i| d.analysis.quotes[i].clone())
                    .collect()
            })
            .unwrap_or_default();
        // One quote per column: the focused column's own, else the first.
        let mut placed: Vec<(usize, usize, i64, i64)> = Vec::new(); // (article, quote, row, max scroll)
        for m in members
            .iter()
            .filter(|m| m.article == a && m.id == q)
            .chain(members.iter().filter(|m| m.article != a))
        {
            if placed.iter().any(|p| p.0 == m.article) {
                continue;
            }
            if let Some(r) = self.wrapped(m.article).row_of(m.paragraph, m.start) {
                let max = self.max_scroll(m.article) as i64;
                placed.push((m.article, m.id, r as i64, max));
            }
        }
        let Some(&(_, _, focus_row, _)) = placed.first() else {
            return;
        };
        let want = focus_row - self.columns[a].scroll as i64;
        let lo = placed.iter().map(|p| p.2 - p.3).max().unwrap_or(0);
        let hi = placed.iter().map(|p| p.2).min().unwrap_or(0);
        let offset = if lo <= hi { want.clamp(lo, hi) } else { want };
        for (article, quote, row, max) in placed {
            self.columns[article].scroll = (row - offset).clamp(0, max) as usize;
            self.columns[article].selected = Some(quote);
        }
    }

    fn quote(&self, q: usize) -> &Quote {
        &self.doc.as_ref().expect("document loaded").analysis.quotes[q]
    }

    pub fn current_quote(&self) -> Option<usize> {
        self.columns.get(self.focus).and_then(|c| c.selected)
    }

    fn request_search(&mut self) -> Vec<Effect> {
        self.filter.generation += 1;
        if self.filter.input.trim().is_empty() {
            self.clear_filter();
            return vec![];
        }
        vec![Effect::Search(SearchRequest {
            generation: self.filter.generation,
            query: self.filter.input.clone(),
        })]
    }

    fn clear_filter(&mut self) {
        self.filter.input.clear();
        self.filter.shown = None;
        self.filter.shown_text.clear();
        if self.filter.matches.take().is_some() {
            for c in &mut self.columns {
                c.scroll = 0;
            }
            self.mark_selections_stale();
        }
    }

    fn search_done(&mut self, reply: SearchReply) {
        if reply.generation != self.filter.generation {
            return; // a stale query: typing has moved on
        }
        let mut matches = vec![Vec::new(); self.columns.len()];
        for (a, p) in reply.hits {
            if let Some(m) = matches.get_mut(a) {
                m.push(p);
            }
        }
        for m in &mut matches {
            m.sort_unstable();
            m.dedup();
        }
        self.filter.shown = Some(reply.query);
        self.filter.shown_text = self.filter.input.clone();
        self.filter.matches = Some(matches);
        for c in &mut self.columns {
            c.scroll = 0;
        }
        self.mark_selections_stale();
        self.dirty = true;
    }

    /// Matching paragraphs in article `a` (filter on), else None.
    pub fn match_count(&self, a: usize) -> Option<usize> {
        self.filter.matches.as_ref().map(|m| m[a].len())
    }

    fn refresh_panel(&mut self) {
        let Some(doc) = &self.doc else { return };
        let mut list = doc.analysis.find_speakers(&self.panel.query);
        list.retain(|&s| !doc.analysis.speakers[s].quotes.is_empty());
        self.panel.list = list;
        self.panel.selected = 0;
    }

    fn select_speaker(&mut self, s: usize) {
        let Some(doc) = &self.doc else { return };
        let name = doc.analysis.speakers[s].name.clone();
        let firsts: Vec<Option<usize>> = (0..self.columns.len())
            .map(|a| {
                doc.analysis.speakers[s]
                    .quotes
                    .iter()
                    .copied()
                    .find(|&q| doc.analysis.quotes[q].article == a)
            })
            .collect();
        // A filter would hide quotes: drop it.
        self.clear_filter();
        self.active_speaker = Some(s);
        let mut first_col = None;
        for (a, q) in firsts.into_iter().enumerate() {
            match q {
                Some(q) => {
                    self.columns[a].note = None;
                    self.show_quote(a, q);
                    first_col.get_or_insert(a);
                }
                None => self.columns[a].note = Some(format!("no quote from {name}")),
            }
        }
        if let Some(a) = first_col {
            self.set_focus(a);
        }
        let n = self
            .doc
            .as_ref()
            .map_or(0, |d| d.analysis.speakers[s].articles.len());
        self.message = Some(format!(
            "{name}: quoted by {n} source(s) — n/N next/previous quote, c compare, Esc clear"
        ));
    }

    /// n/N: next speaker quote, or next filter match, across columns.
    fn step(&mut self, dir: i32) {
        let Some(doc) = &self.doc else { return };
        if let Some(s) = self.active_speaker {
            let quotes = doc.analysis.speakers[s].quotes.clone();
            if quotes.is_empty() {
                return;
            }
            let cur = self
                .current_quote()
                .and_then(|q| quotes.iter().position(|&x| x == q));
            let next = match cur {
                Some(i) => (i as i64 + dir as i64).rem_euclid(quotes.len() as i64) as usize,
                None if dir > 0 => 0,
                None => quotes.len() - 1,
            };
            let q = quotes[next];
            let a = doc.analysis.quotes[q].article;
            self.set_focus(a);
            self.show_quote(a, q);
            self.message = Some(format!("quote {} of {}", next + 1, quotes.len()));
            return;
        }
        let Some(matches) = self.filter.matches.clone() else {
            self.message = Some("no filter or speaker: / to filter, p for speakers".into());
            return;
        };
        // Walk (column, match) positions from the focused column's view.
        let positions: Vec<(usize, usize)> = matches
            .iter()
            .enumerate()
            .flat_map(|(a, ps)| ps.iter().map(move |&p| (a, p)))
            .collect();
        if positions.is_empty() {
            self.message = Some("no matches".into());
            return;
        }
        let a = self.focus;
        let scroll = self.columns[a].scroll;
        let rows = self.wrapped(a);
        let top_para = rows.rows.iter().skip(scroll).find_map(|r| match r {
            Row::Text { paragraph, .. } => Some(*paragraph),
            Row::Gap => None,
        });
        let here = positions
            .iter()
            .position(|&(x, p)| x == a && Some(p) == top_para);
        let idx = match here {
            Some(i) => (i as i64 + dir as i64).rem_euclid(positions.len() as i64) as usize,
            None => positions.iter().position(|&(x, _)| x >= a).unwrap_or(0),
        };
        let (ta, tp) = positions[idx];
        self.set_focus(ta);
        if let Some(r) = self.wrapped(ta).row_of(tp, 0) {
            let max = self.max_scroll(ta);
            self.columns[ta].scroll = r.min(max);
        }
        self.update_selection(ta);
        self.message = Some(format!("match {} of {}", idx + 1, positions.len()));
    }

    fn copy_quote(&mut self) -> Vec<Effect> {
        let q = match self.mode {
            Mode::Speakers | Mode::Compare => {
                let s = if self.mode == Mode::Speakers {
                    self.panel.list.get(self.panel.selected).copied()
                } else {
                    self.active_speaker
                };
                s.and_then(|s| {
                    self.doc
                        .as_ref()
                        .and_then(|d| d.analysis.speakers[s].quotes.first().copied())
                })
            }
            _ => self.current_quote(),
        };
        let Some(q) = q else {
            self.message = Some("no quote here to copy".into());
            return vec![];
        };
        let text = self
            .doc
            .as_ref()
            .map(|d| d.attribution(&d.analysis.quotes[q]))
            .unwrap_or_default();
        if self.clipboard {
            self.message = Some(format!("copied: {text}"));
            vec![Effect::Copy(text)]
        } else {
            self.message = Some(format!("clipboard off: {text}"));
            vec![]
        }
    }
}

#[cfg(test)]
mod tests;
