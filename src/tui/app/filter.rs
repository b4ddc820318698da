//! The live filter: typing sends search requests, replies for the current
//! generation become the matches shown, n/N walk them.

use super::App;
use crate::search::Query;
use crate::session::{SearchReply, SearchRequest};
use crate::tui::event::{Action, Effect};
use crate::tui::keymap::{Mode, hint};
use crate::tui::wrap::Row;

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

impl App {
    pub(super) fn open_filter(&mut self) {
        self.mode = Mode::Filter;
        self.filter.input = self.filter.shown_text.clone();
    }

    pub(super) fn accept_filter(&mut self) {
        self.mode = Mode::Reading;
        if self.filter.input.trim().is_empty() {
            self.clear_filter();
        }
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
        self.filter.input.push(c);
        self.request_search()
    }

    pub(super) fn filter_backspace(&mut self) -> Vec<Effect> {
        self.filter.input.pop();
        self.request_search()
    }

    pub(super) fn request_search(&mut self) -> Vec<Effect> {
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

    pub(super) fn clear_filter(&mut self) {
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

    pub(super) fn search_done(&mut self, reply: SearchReply) {
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

    /// n/N: the next speaker quote if a speaker is chosen, else the next
    /// filter match, across columns.
    pub(super) fn step(&mut self, dir: i32) {
        if self.active_speaker.is_some() {
            self.step_quote(dir);
        } else {
            self.step_match(dir);
        }
    }

    /// n/N: next speaker quote, or next filter match, across columns.
    fn step_match(&mut self, dir: i32) {
        let Some(matches) = self.filter.matches.clone() else {
            self.message = Some(format!(
                "no filter or speaker: {} to filter, {} for speakers",
                hint(Mode::Reading, Action::OpenFilter),
                hint(Mode::Reading, Action::OpenSpeakers)
            ));
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
}
