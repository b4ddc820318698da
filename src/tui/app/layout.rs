//! Layout: how many columns fit, which are visible, where the focus is,
//! and which column a screen x falls in.

use std::ops::Range;

use super::App;

/// Narrowest column the automatic layout uses.
pub const MIN_COLUMN: usize = 36;
/// Below this the reader shows "terminal too small".
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Gutter (badge + group mark) and scrollbar (with a space before it) cells.
pub const GUTTER: usize = 2;
pub const SCROLLBAR: usize = 2;

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

impl App {
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

    pub(super) fn relayout(&mut self) {
        let (w, h) = (self.geometry.width, self.geometry.height);
        self.resize(w, h);
    }

    pub(super) fn keep_focus_visible(&mut self) {
        let v = self.geometry.visible.max(1);
        if self.focus < self.first_visible {
            self.first_visible = self.focus;
        } else if self.focus >= self.first_visible + v {
            self.first_visible = self.focus + 1 - v;
        }
        let n = self.columns.len();
        self.first_visible = self.first_visible.min(n.saturating_sub(v));
    }

    pub fn visible_columns(&self) -> Range<usize> {
        let n = self.columns.len();
        if self.zoom {
            return self.focus.min(n)..(self.focus + 1).min(n);
        }
        self.first_visible..(self.first_visible + self.geometry.visible).min(n)
    }

    pub(super) fn column_at(&self, x: u16) -> Option<usize> {
        let w = self.geometry.column_width + 1;
        let i = x as usize / w.max(1);
        let a = self.visible_columns().start + i;
        (a < self.visible_columns().end).then_some(a)
    }

    pub(super) fn set_focus(&mut self, a: usize) {
        self.focus = a.min(self.columns.len().saturating_sub(1));
        self.keep_focus_visible();
        self.refresh_visible_selections();
    }

    pub(super) fn more_columns(&mut self) {
        let v = self.geometry.visible + 1;
        self.wanted_columns = Some(v.min(self.columns.len()).max(1));
        self.zoom = false;
        self.relayout();
    }

    pub(super) fn fewer_columns(&mut self) {
        self.wanted_columns = Some(self.geometry.visible.saturating_sub(1).max(1));
        self.zoom = false;
        self.relayout();
    }

    pub(super) fn toggle_zoom(&mut self) {
        self.zoom = !self.zoom;
        self.relayout();
    }

    pub(super) fn focus_column(&mut self, n: usize) {
        if n < self.columns.len() {
            self.set_focus(n);
        } else {
            self.message = Some(format!("no column {}", n + 1));
        }
    }
}
