//! The live filter: typing sends search requests, replies for the current
//! generation become the matches shown, n/N walk them.

use super::prompt::Line;
use super::{App, StoryList};
use crate::search::Query;
use crate::session::{SearchReply, SearchRequest};
use crate::tui::event::{Action, Effect};
use crate::tui::keymap::{Mode, hint};
use crate::tui::wrap::Row;

/// Columns in view the search answers for first, when every input is a
/// column (no story list).
const EARLY_COLUMNS: usize = 16;

/// The live filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub input: Line,
    /// The query whose results are shown.
    pub shown: Option<Query>,
    pub shown_text: String,
    /// Matching paragraphs per article, for the shown query.
    pub matches: Option<Vec<Vec<usize>>>,
    /// The current match: an index into [`Filter::positions`]. State, not
    /// derived from the view, so n/N visit every match whatever can scroll.
    pub current: Option<usize>,
    /// The current match is open in its full article (columns show whole
    /// articles, matches still highlighted and walked by n/N).
    pub expanded: bool,
    /// Latest request; results for older ones are dropped.
    pub generation: u64,
    /// The early reply (the hits on screen) of this generation is shown;
    /// the complete one then updates the matches without moving anything.
    pub early_shown: Option<u64>,
}

impl Filter {
    /// The matching paragraphs per article when the columns show only
    /// them (a filter on and not opened in the full articles).
    pub fn narrowing(&self) -> Option<&Vec<Vec<usize>>> {
        self.matches.as_ref().filter(|_| !self.expanded)
    }

    /// Every match in reading order: (article, paragraph), column by column.
    pub fn positions(&self) -> Vec<(usize, usize)> {
        self.matches
            .iter()
            .flatten()
            .enumerate()
            .flat_map(|(a, ps)| ps.iter().map(move |&p| (a, p)))
            .collect()
    }

    /// The current match, if any: (article, paragraph).
    pub fn current_position(&self) -> Option<(usize, usize)> {
        self.current.and_then(|i| self.positions().get(i).copied())
    }
}

/// Where a column is: a paragraph and its screen row (row minus scroll),
/// kept when the rows change (a filter ends or opens in the article).
#[derive(Debug, Clone, Copy)]
struct Anchor {
    paragraph: usize,
    offset: i64,
}

impl App {
    pub(super) fn open_filter(&mut self) {
        self.mode = Mode::Filter;
        let shown = self.filter.shown_text.clone();
        self.filter.input.set(&shown);
        self.recall.reset();
    }

    /// Enter: back to reading with the filter on, on the first match from
    /// the focused column (as vim's search puts the cursor on a match).
    pub(super) fn accept_filter(&mut self) -> Vec<Effect> {
        self.mode = Mode::Reading;
        if self.filter.input.text.trim().is_empty() {
            self.clear_filter();
            return vec![];
        }
        let query = self.filter.input.text.clone();
        if self.filter.matches.is_some() {
            match self.first_match_from_focus() {
                Some(i) => self.go_to_match(i),
                None => self.message = Some("no matches".into()),
            }
        }
        self.remember(&query)
    }

    /// The first match in the focused column or after it (else the first).
    fn first_match_from_focus(&self) -> Option<usize> {
        let positions = self.filter.positions();
        if positions.is_empty() {
            return None;
        }
        Some(
            positions
                .iter()
                .position(|&(a, _)| a >= self.focus)
                .unwrap_or(0),
        )
    }

    /// Esc: the active speaker goes first (if no filter is on), else both.
    pub(super) fn clear_filter_or_speaker(&mut self) {
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

    pub(super) fn filter_insert(&mut self, c: char) -> Vec<Effect> {
        self.filter.input.insert(c);
        self.request_search()
    }

    pub(super) fn filter_backspace(&mut self) -> Vec<Effect> {
        self.filter.input.backspace();
        self.request_search()
    }

    pub(super) fn request_search(&mut self) -> Vec<Effect> {
        self.filter.generation += 1;
        if self.filter.input.text.trim().is_empty() {
            self.clear_filter();
            return vec![];
        }
        vec![Effect::Search(SearchRequest {
            generation: self.filter.generation,
            query: self.filter.input.text.clone(),
            first: self.inputs_on_screen(),
            within: self.inputs_shown(),
        })]
    }

    /// The input articles of the columns in view: the search answers for
    /// them first.
    fn inputs_on_screen(&self) -> Vec<usize> {
        let in_view = self.first_visible..self.columns.len();
        match self.list.as_ref().and_then(StoryList::open_entry) {
            Some(story) => story
                .members
                .get(in_view)
                .unwrap_or_default()
                .iter()
                .take(EARLY_COLUMNS)
                .copied()
                .collect(),
            // Every input a column, or the preview still read (its columns
            // are the input's first articles).
            None => in_view.take(EARLY_COLUMNS).collect(),
        }
    }

    /// The input articles of the document read, unless it is the whole
    /// input: the open story's, or a preview's (still read once the story
    /// list has come). The search reads only their passages.
    fn inputs_shown(&self) -> Option<Vec<usize>> {
        match self.list.as_ref().and_then(StoryList::open_entry) {
            Some(story) => Some(story.members.clone()),
            None if self.preview || self.list.is_some() => Some((0..self.columns.len()).collect()),
            None => None,
        }
    }

    /// Ends the filter; every column keeps the paragraph it showed (the
    /// focused one the current match, when it is in view) where it was.
    pub(super) fn clear_filter(&mut self) {
        // Results still on their way are for a filter that is gone.
        self.filter.generation += 1;
        self.filter.input.clear();
        self.filter.shown = None;
        self.filter.shown_text.clear();
        if self.filter.matches.is_some() {
            let anchors = self.anchors();
            self.filter.matches = None;
            self.filter.current = None;
            self.filter.expanded = false;
            self.restore(anchors);
        }
    }

    /// Each column's anchor: the focused column's current match if it is in
    /// view, else each column's first paragraph on screen.
    fn anchors(&mut self) -> Vec<Option<Anchor>> {
        let body = self.geometry.body_height.max(1);
        let current = self.filter.current_position();
        (0..self.columns.len())
            .map(|a| {
                let rows = self.wrapped(a);
                let scroll = self.columns[a].scroll;
                let at = |p: usize| {
                    rows.row_of(p, 0).map(|r| Anchor {
                        paragraph: p,
                        offset: r as i64 - scroll as i64,
                    })
                };
                let in_view = |x: &Anchor| x.offset >= 0 && (x.offset as usize) < body;
                let matched = current
                    .filter(|&(ca, _)| ca == a && a == self.focus)
                    .and_then(|(_, p)| at(p))
                    .filter(in_view);
                matched.or_else(|| {
                    let top = rows.rows.iter().skip(scroll).find_map(|r| match *r {
                        Row::Text { paragraph, .. } => Some(paragraph),
                        Row::Gap => None,
                    })?;
                    at(top)
                })
            })
            .collect()
    }

    /// Puts each anchored paragraph back on its screen row (as near as the
    /// scroll range allows) in the current rows.
    fn restore(&mut self, anchors: Vec<Option<Anchor>>) {
        for (a, anchor) in anchors.into_iter().enumerate() {
            let row = anchor.and_then(|x| {
                let r = self.wrapped(a).row_of(x.paragraph, 0)? as i64;
                Some(r - x.offset)
            });
            let max = self.max_scroll(a) as i64;
            self.columns[a].scroll = row.unwrap_or(0).clamp(0, max) as usize;
        }
        self.mark_selections_stale();
    }

    /// o / Enter: open the current match in its full article, or go back
    /// to the matches.
    pub(super) fn toggle_open_match(&mut self) {
        if self.filter.matches.is_none() {
            self.message = Some(format!(
                "no filter: {} to filter",
                hint(Mode::Reading, Action::OpenFilter)
            ));
            return;
        }
        if self.filter.current.is_none() {
            self.filter.current = self.first_match_from_focus();
        }
        let anchors = self.anchors();
        self.filter.expanded = !self.filter.expanded;
        self.restore(anchors);
        match self.filter.current {
            Some(i) => self.go_to_match(i),
            None => self.message = Some("no matches".into()),
        }
        if self.filter.expanded {
            let note = format!(
                "{} — {} back to the matches, {}/{} next/previous",
                self.message.take().unwrap_or_default(),
                hint(Mode::Reading, Action::OpenMatch),
                hint(Mode::Reading, Action::NextMatch),
                hint(Mode::Reading, Action::PrevMatch),
            );
            self.message = Some(note);
        }
    }

    pub(super) fn search_done(&mut self, reply: SearchReply) {
        if reply.generation != self.filter.generation {
            return; // a stale query: typing has moved on
        }
        // The complete reply after the early one: the same hits on screen,
        // the rest added; nothing is moved again.
        let settled = reply.complete && self.filter.early_shown == Some(reply.generation);
        self.filter.early_shown = (!reply.complete).then_some(reply.generation);
        let mut matches = vec![Vec::new(); self.columns.len()];
        // Hits are by input article: each to its column (the open
        // story's articles are some of the input's).
        for (a, p) in reply.hits {
            if let Some(m) = self.column_of_input(a).and_then(|c| matches.get_mut(c)) {
                m.push(p);
            }
        }
        for m in &mut matches {
            m.sort_unstable();
            m.dedup();
        }
        if settled {
            // Columns past the early ones gain their hits; the current
            // match keeps its place (it is among the early hits).
            let current = self
                .filter
                .current
                .and_then(|i| self.filter.positions().get(i).copied());
            self.filter.matches = Some(matches);
            self.filter.current =
                current.and_then(|c| self.filter.positions().iter().position(|&p| p == c));
            self.mark_selections_stale();
            self.dirty = true;
            return;
        }
        self.filter.shown = Some(reply.query);
        self.filter.shown_text = self.filter.input.text.clone();
        self.filter.matches = Some(matches);
        self.filter.current = None;
        self.filter.expanded = false;
        for c in &mut self.columns {
            c.scroll = 0;
        }
        self.mark_selections_stale();
        // Enter came before these results: go to the first match now.
        if self.mode != Mode::Filter {
            match self.first_match_from_focus() {
                Some(i) => self.go_to_match(i),
                None => self.message = Some("no matches".into()),
            }
        }
        self.dirty = true;
    }

    /// Matching paragraphs in article `a` (filter on), else None.
    pub fn match_count(&self, a: usize) -> Option<usize> {
        self.filter.matches.as_ref().map(|m| m[a].len())
    }

    /// n/N: the next speaker quote if a speaker is chosen, else the next
    /// filter match, across columns.
    pub(super) fn step(&mut self, dir: i32) {
        if self.active_speaker.is_some() {
            self.step_quote(dir);
        } else {
            self.step_match(dir);
        }
    }

    /// n/N: the next (previous) filter match after the current one, in
    /// reading order across columns, wrapping at either end; without a
    /// filter, the column's next (previous) quote.
    fn step_match(&mut self, dir: i32) {
        if self.filter.matches.is_none() {
            // Nothing to walk: n/N walk the column's quotes, as ] and [ do.
            self.step_column_quote(dir, false);
            return;
        }
        let total = self.filter.positions().len();
        if total == 0 {
            self.message = Some("no matches".into());
            return;
        }
        let idx = match self.filter.current {
            Some(i) => (i as i64 + dir as i64).rem_euclid(total as i64) as usize,
            None if dir > 0 => self.first_match_from_focus().unwrap_or(0),
            None => total - 1,
        };
        self.go_to_match(idx);
    }

    /// Makes match `idx` current: focuses its column and scrolls it into
    /// view (at the top of the matches, with a line of context when the
    /// whole article is shown).
    fn go_to_match(&mut self, idx: usize) {
        let positions = self.filter.positions();
        let Some(&(ta, tp)) = positions.get(idx) else {
            return;
        };
        self.filter.current = Some(idx);
        self.set_focus(ta);
        if let Some(r) = self.wrapped(ta).row_of(tp, 0) {
            let context = if self.filter.expanded { 1 } else { 0 };
            let max = self.max_scroll(ta);
            self.columns[ta].scroll = r.saturating_sub(context).min(max);
        }
        self.update_selection(ta);
        self.message = Some(format!("match {} of {}", idx + 1, positions.len()));
    }
}
