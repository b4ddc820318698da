//! Drives the reader without a terminal: a `TestBackend`, keys in, screens
//! out, filter searches run synchronously (the session's search service in
//! its synchronous mode). Test support: built only with the `testing`
//! feature, for the tests and benches.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::document::{Document, Library};
use super::event::{Action, Effect, Event};
use super::theme::{ColorMode, Theme};
use super::view;
use crate::corpus::{Story, load_bundled};
use crate::session::{SearchRequest, SearchService, Session};

pub struct Harness {
    pub app: App,
    pub theme: Theme,
    pub terminal: Terminal<TestBackend>,
    /// Answers filter searches synchronously (the same body as the reader's).
    search: SearchService,
    /// Text copied with `y` (what OSC 52 would carry).
    pub copied: Vec<String>,
    pub suspended: usize,
    /// The history the loop was last asked to save.
    pub saved_history: Option<Vec<String>>,
    /// The story-list history the loop was last asked to save.
    pub saved_story_history: Option<Vec<String>>,
    /// Resume effects asked for (SIGCONT).
    pub resumed: usize,
    /// The filter searches asked for, oldest first.
    pub requests: Vec<SearchRequest>,
    /// False while the input "loads" ([`Harness::loading`]): as in the
    /// real loop, there is no search service before [`Event::Loaded`].
    search_ready: bool,
}

impl Harness {
    pub fn bundled(width: u16, height: u16) -> Self {
        Self::new(load_bundled(), width, height, ColorMode::Indexed)
    }

    /// The reader on `story` shown as one story, whatever its articles.
    pub fn new(story: Story, width: u16, height: u16, colors: ColorMode) -> Self {
        let doc = Document::new(Session::from_story(story));
        let search = SearchService::synchronous(Arc::clone(&doc.story));
        let app = App::with_document(doc, width, height);
        Self::with(app, search, width, height, colors)
    }

    /// The reader on an input as the real one opens it: the story list
    /// when the articles hold several stories, else the columns.
    /// The story list's shared-speaker counts are done before the first
    /// frame, so screens do not depend on when a count lands.
    pub fn input(articles: Story, width: u16, height: u16) -> Self {
        let h = Self::input_uncounted(articles, width, height);
        if let Some(list) = &h.app.list {
            list.entries.iter().for_each(|e| e.count_now());
        }
        h
    }

    /// [`Harness::input`] with the story list's counts left undone (as
    /// the real reader shows the list before its background count ends).
    pub fn input_uncounted(articles: Story, width: u16, height: u16) -> Self {
        let session = Session::from_story(articles);
        let search = SearchService::synchronous(Arc::clone(&session.story));
        let app = App::with_library(Library::new(session), width, height);
        Self::with(app, search, width, height, ColorMode::Indexed)
    }

    fn with(app: App, search: SearchService, width: u16, height: u16, colors: ColorMode) -> Self {
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
        Self {
            app,
            theme: Theme::new(colors),
            terminal,
            search,
            copied: Vec::new(),
            suspended: 0,
            saved_history: None,
            saved_story_history: None,
            resumed: 0,
            requests: Vec::new(),
            search_ready: true,
        }
    }

    /// The reader while `input` loads: nothing shown yet; feed it
    /// [`Event::Preview`]s with [`Harness::event`], then [`Harness::loaded`].
    pub fn loading(input: Story, width: u16, height: u16) -> Self {
        let search = SearchService::synchronous(Arc::new(input));
        let mut app = App::new("loading");
        app.resize(width, height);
        let mut h = Self::with(app, search, width, height, ColorMode::Indexed);
        h.search_ready = false;
        h
    }

    /// Feeds the app one event, performing its effects.
    pub fn event(&mut self, event: Event) {
        let effects = self.app.handle(event);
        self.run(effects);
    }

    /// The search service arrives (before the library, as in the real
    /// loop).
    pub fn search_ready(&mut self) {
        self.search_ready = true;
        self.event(Event::SearchReady(None));
    }

    /// Loading ends: the library arrives (the search service with it, if
    /// it has not yet).
    pub fn loaded(&mut self, library: Library) {
        self.search_ready = true;
        self.event(Event::Loaded {
            document: Box::new(library),
            search: None,
        });
    }

    /// A key press (with modifiers).
    pub fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        let effects = self
            .app
            .handle(Event::Input(TermEvent::Key(KeyEvent::new(code, modifiers))));
        self.run(effects);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.press(code, KeyModifiers::NONE);
    }

    pub fn ctrl(&mut self, c: char) {
        self.press(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    /// Types each character as a key press.
    pub fn keys(&mut self, s: &str) {
        for c in s.chars() {
            let m = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.press(KeyCode::Char(c), m);
        }
    }

    pub fn action(&mut self, a: Action) {
        let effects = self.app.update(a);
        self.run(effects);
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.action(Action::Resize { width, height });
    }

    fn run(&mut self, effects: Vec<Effect>) {
        for e in effects {
            match e {
                // Before the service arrives the loop has nowhere to send it.
                Effect::Search(_) if !self.search_ready => {}
                Effect::Search(req) => {
                    self.requests.push(req.clone());
                    if let Some(reply) = self.search.request(req) {
                        let more = self.app.handle(Event::SearchDone(reply));
                        self.run(more);
                    }
                }
                Effect::Copy(text) => self.copied.push(text),
                Effect::SaveHistory(h) => self.saved_history = Some(h),
                Effect::SaveStoryHistory(h) => self.saved_story_history = Some(h),
                Effect::Suspend => self.suspended += 1,
                Effect::Resume => self.resumed += 1,
            }
        }
    }

    /// Draws and returns the buffer.
    pub fn render(&mut self) -> Buffer {
        self.app.prepare();
        let (app, theme) = (&self.app, &self.theme);
        self.terminal
            .draw(|f| view::render(f, app, theme))
            .expect("draw");
        self.terminal.backend().buffer().clone()
    }

    /// Draws and returns the screen as text, one line per row.
    pub fn screen(&mut self) -> String {
        let buf = self.render();
        buffer_text(&buf)
    }
}

/// A buffer's symbols as lines (wide characters' trailing cells skipped).
pub fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            let sym = cell.symbol();
            // A cell's width, forced (a hyperlink) or its symbol's.
            skip = (cell.cell_width() as usize).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
