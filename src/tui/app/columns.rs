//! Columns: per-column reading state, scrolling (one column or all, in
//! sync), and each column's current quote.

use super::{App, Geometry};
use crate::analysis::Quote;
use crate::tui::keymap::{Mode, legend_hint};

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

/// What the zoomed column shows in a frame, but for where it is scrolled
/// to: while all of it stays the same, a new scroll moves the text by
/// whole lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ZoomFrame {
    /// Which story (its address: another story loaded is another text).
    story: usize,
    article: usize,
    geometry: Geometry,
    /// The filter's rows (the wrap cache key).
    filter: u64,
    scroll: usize,
}

impl App {
    fn zoom_frame(&self) -> Option<ZoomFrame> {
        // Overlays cover the text; the story list shows none.
        let plain = matches!(self.mode, Mode::Reading | Mode::Filter);
        let doc = self.doc.as_ref().filter(|_| self.zoom && plain)?;
        let column = self.columns.get(self.focus)?;
        if self.in_story_list() {
            return None;
        }
        Some(ZoomFrame {
            story: std::sync::Arc::as_ptr(&doc.story) as usize,
            article: self.focus,
            geometry: self.geometry,
            filter: self.filter_key(),
            scroll: column.scroll,
        })
    }

    /// For the frame about to be drawn: how many rows the zoomed column's
    /// text moved since the last frame (positive: up, as `j` moves it),
    /// when only its scroll changed: same article, size, wrapping and
    /// filter, no overlay. None otherwise, and always when not zoomed.
    /// Call it once per frame drawn.
    pub fn take_text_moved(&mut self) -> Option<i64> {
        let now = self.zoom_frame();
        let last = std::mem::replace(&mut self.last_zoom, now)?;
        let now = now?;
        let same = ZoomFrame {
            scroll: last.scroll,
            ..now
        } == last;
        let moved = now.scroll as i64 - last.scroll as i64;
        (same && moved != 0).then_some(moved)
    }

    /// Every column's current quote is out of date: refresh the visible
    /// ones now, the others when they come into view.
    pub(super) fn mark_selections_stale(&mut self) {
        for c in &mut self.columns {
            c.selection_stale = true;
        }
        self.refresh_visible_selections();
    }

    pub(super) fn refresh_visible_selections(&mut self) {
        for a in self.visible_columns() {
            if self.columns[a].selection_stale {
                self.update_selection(a);
            }
        }
    }

    pub(super) fn scroll_by(&mut self, a: usize, delta: i64) {
        let max = self.max_scroll(a) as i64;
        if let Some(c) = self.columns.get_mut(a) {
            c.scroll = (c.scroll as i64 + delta).clamp(0, max) as usize;
        }
        self.update_selection(a);
    }

    /// Scrolls the focused column by a number of pages (whole or half).
    pub(super) fn scroll_pages(&mut self, pages: i32, half: bool) {
        let body = self.geometry.body_height.max(1) as i64;
        let page = if half {
            (body / 2).max(1)
        } else {
            (body - 1).max(1)
        };
        self.scroll_focused(pages as i64 * page);
    }

    pub(super) fn scroll_focused(&mut self, delta: i64) {
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

    /// The current quote of a column: kept while it starts in view, else
    /// the first quote starting in view.
    pub(super) fn update_selection(&mut self, a: usize) {
        let Some(doc) = &self.doc else { return };
        let body = self.geometry.body_height.max(1);
        let scroll = self.columns[a].scroll;
        let quotes: Vec<(usize, usize, usize)> = doc
            .analysis
            .quotes_in(a)
            .map(|q| (q.id, q.paragraph, q.start))
            .collect();
        let kept = self.columns[a].selected;
        let wrapped = self.wrapped(a);
        let in_view = |&(_, p, start): &(usize, usize, usize)| {
            wrapped
                .row_of(p, start)
                .is_some_and(|r| r >= scroll && r < scroll + body)
        };
        let selected = quotes
            .iter()
            .find(|q| Some(q.0) == kept && in_view(q))
            .or_else(|| quotes.iter().find(|q| in_view(q)));
        self.columns[a].selected = selected.map(|q| q.0);
        self.columns[a].selection_stale = false;
        self.hint_legend(a);
    }

    /// The first time gutter marks are on screen, the status line says
    /// what they mean (unless it already says something).
    fn hint_legend(&mut self, a: usize) {
        if !self.legend_shown && self.message.is_none() && self.columns[a].selected.is_some() {
            self.legend_shown = true;
            self.message = Some(legend_hint());
        }
    }

    /// Scrolls column `a` so quote `q` starts on the second row.
    pub(super) fn show_quote(&mut self, a: usize, q: usize) {
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

    /// `]`/`[` (any quote) and `}`/`{` (quotes shared with another
    /// source): moves the focused column's `▶` to the next (previous)
    /// quote shown, scrolling it into view, so `y` and `c` reach any quote.
    pub(super) fn step_column_quote(&mut self, dir: i32, shared_only: bool) {
        let a = self.focus;
        let Some(doc) = &self.doc else { return };
        let quotes: Vec<(usize, usize, usize)> = doc
            .analysis
            .quotes_in(a)
            .filter(|q| !shared_only || q.group.is_some())
            .map(|q| (q.id, q.paragraph, q.start))
            .collect();
        let rows = self.wrapped(a);
        // (row, quote) of the quotes shown (a filter hides some), in order.
        let mut shown: Vec<(usize, usize)> = quotes
            .iter()
            .filter_map(|&(id, p, start)| Some((rows.row_of(p, start)?, id)))
            .collect();
        shown.sort_unstable();
        let scroll = self.columns[a].scroll;
        let body = self.geometry.body_height.max(1);
        let current = self.columns[a]
            .selected
            .and_then(|q| shown.iter().position(|&(_, id)| id == q));
        let target = match (current, dir > 0) {
            (Some(i), true) => shown.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| shown.get(i)),
            (None, true) => shown.iter().find(|&&(r, _)| r >= scroll),
            (None, false) => shown.iter().rev().find(|&&(r, _)| r < scroll + body),
        };
        let Some(&(row, q)) = target else {
            let which = if shared_only {
                "shared quotes"
            } else {
                "quotes"
            };
            let place = if dir > 0 { "below" } else { "above" };
            self.message = Some(format!("no more {which} {place} in this column"));
            return;
        };
        self.columns[a].selected = Some(q);
        if row < scroll || row >= scroll + body {
            let max = self.max_scroll(a);
            self.columns[a].scroll = row.saturating_sub(1).min(max);
        }
        if self.sync {
            self.align_to_focus();
        }
    }

    pub(super) fn toggle_sync(&mut self) {
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

    /// Synchronised scrolling: columns quoting the same words (a group) as
    /// the focused column's current quote put it on the same screen row,
    /// the row nearest the focused one's that every column can reach.
    pub(super) fn align_to_focus(&mut self) {
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
}
