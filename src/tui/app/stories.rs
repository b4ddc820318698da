//! The story list: when the input holds several stories the reader opens
//! on it. Moving through it, its live filter (the `/` syntax, matched on
//! each story's headline, titles and sources), its own query history,
//! opening a story into the columns and coming back with the list's
//! position and filter (and the story's place) kept. The list's data is
//! the session's ([`StorySummary`]); nothing is counted here: the
//! shared-speaker counts arrive from elsewhere while the list is shown,
//! and the list asks for ticks (a redraw as each arrives) until all have.

use super::App;
use super::columns::Column;
use super::prompt::{Line, Recall, remember};
use crate::search::{Query, scan};
use crate::session::StorySummary;
use crate::tui::document::{Stories, StoryEntry};
use crate::tui::event::{Action, Effect};
use crate::tui::keymap::{Mode, hint};

/// The list's state: the stories, the filter, the selection.
#[derive(Debug)]
pub struct StoryList {
    pub entries: Vec<StoryEntry>,
    /// The filter being typed (or last kept).
    pub input: Line,
    /// The filter applied, as parsed (for highlighting), and its text.
    pub shown: Option<Query>,
    pub shown_text: String,
    /// Entries shown, in list order (all when no filter).
    pub visible: Vec<usize>,
    /// The selected entry: an index into `visible`.
    pub selected: usize,
    /// First screen row of the list shown.
    pub scroll: usize,
    /// The entry open in the columns, if one is.
    pub open: Option<usize>,
    /// Filter queries kept with Enter, oldest first (kept between runs
    /// like the `/` filter's, in a file of their own), and where Up/Down
    /// are in them.
    pub history: Vec<String>,
    recall: Recall,
    /// Where each story was left: columns and focus.
    places: Vec<Option<(Vec<Column>, usize)>>,
    /// How many shared-speaker counts were known when last looked at.
    counted: usize,
}

/// A row of the list on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRow {
    /// The heading above the single-source stories.
    SingleSource,
    /// An entry (an index into `entries`) and whether it is selected.
    Story(usize, bool),
}

impl StoryList {
    pub fn new(stories: Stories) -> Self {
        let n = stories.entries.len();
        Self {
            entries: stories.entries,
            input: Line::default(),
            shown: None,
            shown_text: String::new(),
            visible: (0..n).collect(),
            selected: 0,
            scroll: 0,
            open: None,
            history: Vec::new(),
            recall: Recall::default(),
            places: vec![None; n],
            counted: 0,
        }
    }

    /// True while some story's shared speakers are still being counted.
    pub fn counting(&self) -> bool {
        self.entries
            .iter()
            .any(|e| e.summary.shared_speakers.get().is_none())
    }

    /// True if more counts are known than when last asked (time to redraw).
    pub fn counts_arrived(&mut self) -> bool {
        let now = self
            .entries
            .iter()
            .filter(|e| e.summary.shared_speakers.get().is_some())
            .count();
        std::mem::replace(&mut self.counted, now) != now
    }

    pub fn summary(&self, e: usize) -> &StorySummary {
        &self.entries[e].summary
    }

    /// The story open in the columns, if one is.
    pub fn open_entry(&self) -> Option<&StoryEntry> {
        self.open.and_then(|e| self.entries.get(e))
    }

    /// The entry selected, if any is shown.
    pub fn selected_entry(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Every row: the shown entries, a heading before the first
    /// single-source one.
    pub fn rows(&self) -> Vec<ListRow> {
        let mut rows = Vec::with_capacity(self.visible.len() + 1);
        let mut heading = false;
        for (i, &e) in self.visible.iter().enumerate() {
            if self.summary(e).single_source && !heading {
                heading = true;
                rows.push(ListRow::SingleSource);
            }
            rows.push(ListRow::Story(e, i == self.selected));
        }
        rows
    }

    /// Applies the filter being typed: the entries whose headline, titles
    /// or sources match, in list order; the selection stays on its story
    /// when it is still shown.
    fn refilter(&mut self) {
        let before = self.selected_entry();
        let text = self.input.text.trim();
        if text.is_empty() {
            self.shown = None;
            self.shown_text.clear();
            self.visible = (0..self.entries.len()).collect();
        } else {
            let query = Query::parse(text);
            let texts: Vec<&str> = self
                .entries
                .iter()
                .map(|e| e.summary.text.as_str())
                .collect();
            let mut hits: Vec<usize> = scan(&query, &texts)
                .iter()
                .map(|h| h.passage as usize)
                .collect();
            hits.sort_unstable();
            hits.dedup();
            self.visible = hits;
            self.shown = Some(query);
            self.shown_text = text.to_string();
        }
        self.selected = before
            .and_then(|b| self.visible.iter().position(|&e| e == b))
            .unwrap_or(0);
    }
}

impl App {
    /// Opens the reader on the story list.
    pub(super) fn load_stories(&mut self, stories: Stories) {
        let skipped = stories.diagnostics.iter().filter(|d| d.is_error()).count();
        let warned = stories.diagnostics.len() - skipped;
        let mut list = StoryList::new(stories);
        list.history = std::mem::take(&mut self.story_history);
        self.list = Some(list);
        self.mode = Mode::Stories;
        self.input_warnings(skipped, warned);
    }

    /// True when the list (or the help over it) is on screen.
    pub fn in_story_list(&self) -> bool {
        self.list.is_some()
            && (matches!(self.mode, Mode::Stories | Mode::StoryFilter)
                || (self.mode == Mode::Help && self.doc.is_none()))
    }

    /// An action while the list is on screen.
    pub(super) fn update_list(&mut self, action: Action) -> Vec<Effect> {
        let page = self.geometry.height.saturating_sub(3).max(1) as i64;
        match action {
            Action::ScrollLines(n) => self.move_selection(n as i64),
            Action::HalfPage(n) => self.move_selection(n as i64 * (page / 2).max(1)),
            Action::Page(n) => self.move_selection(n as i64 * page),
            Action::Top => self.move_selection(i64::MIN / 2),
            Action::Bottom => self.move_selection(i64::MAX / 2),
            Action::OpenStory => self.open_story(),
            Action::OpenFilter => {
                if let Some(list) = &mut self.list {
                    let shown = list.shown_text.clone();
                    list.input.set(&shown);
                    list.recall.reset();
                }
                self.mode = Mode::StoryFilter;
            }
            Action::FilterInsert(c) => self.edit_list_filter(|l| l.insert(c)),
            Action::FilterBackspace => self.edit_list_filter(Line::backspace),
            Action::Edit(op) => self.edit_list_filter(|l| {
                l.edit(op);
            }),
            Action::History(dir) => {
                if let Some(list) = &mut self.list
                    && let Some(text) = list.recall.step(&list.history, dir, &list.input.text)
                {
                    list.input.set(&text);
                    list.refilter();
                    self.scroll_list_to_selection();
                }
            }
            Action::AcceptFilter => {
                self.mode = Mode::Stories;
                if let Some(list) = &mut self.list {
                    list.recall.reset();
                    let kept = remember(&mut list.history, &list.input.text);
                    if list.visible.is_empty() {
                        self.message = Some("no story matches".into());
                    }
                    if kept {
                        return vec![Effect::SaveStoryHistory(list.history.clone())];
                    }
                }
            }
            Action::ClearFilter => {
                self.mode = Mode::Stories;
                self.edit_list_filter(Line::clear);
            }
            Action::ToggleHelp => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            Action::Close => self.mode = Mode::Stories,
            Action::Quit => self.quit = Some(super::Quit::User),
            Action::Suspend => return vec![Effect::Suspend],
            Action::Resize { width, height } => {
                self.resize(width, height);
                self.scroll_list_to_selection();
            }
            _ => {}
        }
        vec![]
    }

    fn edit_list_filter(&mut self, edit: impl FnOnce(&mut Line)) {
        if let Some(list) = &mut self.list {
            edit(&mut list.input);
            list.refilter();
        }
        self.scroll_list_to_selection();
    }

    fn move_selection(&mut self, delta: i64) {
        if let Some(list) = &mut self.list {
            let n = list.visible.len() as i64;
            if n > 0 {
                list.selected = (list.selected as i64 + delta).clamp(0, n - 1) as usize;
            }
        }
        self.scroll_list_to_selection();
    }

    /// Rows of the list on screen (all but the header and status line).
    pub fn list_height(&self) -> usize {
        (self.geometry.height as usize).saturating_sub(2).max(1)
    }

    /// Scrolls so the selected story (and the heading just above it) is
    /// on screen.
    fn scroll_list_to_selection(&mut self) {
        let height = self.list_height();
        let Some(list) = &mut self.list else { return };
        let rows = list.rows();
        let Some(at) = rows
            .iter()
            .position(|r| matches!(r, ListRow::Story(_, true)))
        else {
            list.scroll = 0;
            return;
        };
        let top = if at > 0 && rows[at - 1] == ListRow::SingleSource {
            at - 1
        } else {
            at
        };
        if top < list.scroll {
            list.scroll = top;
        } else if at >= list.scroll + height {
            list.scroll = at + 1 - height;
        }
        list.scroll = list.scroll.min(rows.len().saturating_sub(height));
    }

    /// Enter: the selected story side by side, where it was left.
    fn open_story(&mut self) {
        let Some(list) = &mut self.list else { return };
        let Some(e) = list.selected_entry() else {
            self.message = Some("no story matches".into());
            return;
        };
        let Some(doc) = list.entries[e].take_document() else {
            return;
        };
        let place = list.places[e].take();
        list.open = Some(e);
        self.mode = Mode::Reading;
        self.clear_story_state();
        self.load(doc);
        if let Some((columns, focus)) = place
            && columns.len() == self.columns.len()
        {
            self.columns = columns;
            self.set_focus(focus);
            for a in 0..self.columns.len() {
                self.clamp_scroll(a);
            }
            self.mark_selections_stale();
        }
        let back = hint(Mode::Reading, Action::StoryList);
        if self.message.is_none() && !back.is_empty() {
            self.message = Some(format!("{back}: back to the story list"));
        }
    }

    /// Back to the list (the key from the columns): the list as it was
    /// left, the story's place kept for its next opening.
    pub(super) fn back_to_list(&mut self) {
        let Some(list) = &mut self.list else {
            self.message = Some("one story in the input: no story list".into());
            return;
        };
        if let (Some(e), Some(doc)) = (list.open.take(), self.doc.take()) {
            list.places[e] = Some((std::mem::take(&mut self.columns), self.focus));
            list.entries[e].put_back(doc);
        }
        self.clear_story_state();
        self.columns.clear();
        self.focus = 0;
        self.mode = Mode::Stories;
        self.scroll_list_to_selection();
    }

    /// What belongs to one story: its filter, speaker, marks, caches.
    fn clear_story_state(&mut self) {
        self.clear_filter();
        self.active_speaker = None;
        self.marks.clear();
        self.pending = None;
        self.wrapped.clear();
        self.highlights.clear();
    }

    /// The column of the open story that shows input article `article`
    /// (search hits are by input article).
    pub(super) fn column_of_input(&self, article: usize) -> Option<usize> {
        match &self.list {
            Some(list) => match list.open_entry() {
                Some(story) => story.members.binary_search(&article).ok(),
                // The preview still read: the input's first articles.
                None => (self.doc.is_some() && article < self.columns.len()).then_some(article),
            },
            None => Some(article),
        }
    }
}
