//! Rows: each article wrapped at the column width (cached per width and
//! filter), scroll bounds, and the filter highlights of what is on screen.

use std::ops::Range;
use std::sync::Arc;

use super::App;
use crate::tui::wrap::{Row, Wrapped, wrap};

impl App {
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
        let w = match self.filter.narrowing() {
            Some(m) => wrap(
                m[a].iter().map(|&p| (p, &paras[p])),
                self.geometry.text_width,
            ),
            None => wrap(paras.iter().enumerate(), self.geometry.text_width),
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

    pub(super) fn filter_key(&self) -> u64 {
        if self.filter.narrowing().is_some() {
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

    pub(super) fn max_scroll(&mut self, a: usize) -> usize {
        let rows = self.wrapped(a).rows.len();
        rows.saturating_sub(self.geometry.body_height.max(1))
    }

    pub(super) fn clamp_scroll(&mut self, a: usize) {
        let max = self.max_scroll(a);
        if let Some(c) = self.columns.get_mut(a) {
            c.scroll = c.scroll.min(max);
        }
    }
}
