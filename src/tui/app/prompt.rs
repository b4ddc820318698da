//! Line editing for the `/` prompt and the speakers panel, as readline
//! does it: a cursor, Left/Right, Ctrl-a/Ctrl-e (Home/End), Ctrl-u (to the
//! start), Ctrl-w (the word before the cursor); and prompt histories,
//! Up/Down ([`Recall`]): the filter's, which the loop keeps in the user's
//! state directory, and the story list filter's.

use super::App;
use crate::tui::event::{Edit, Effect};
use crate::tui::keymap::Mode;

/// A line being typed: its text and the cursor (a byte offset on a char
/// boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub cursor: usize,
}

/// Queries kept in the history (the oldest go first).
pub const HISTORY_LEN: usize = 200;

impl Line {
    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.len();
    }

    pub fn clear(&mut self) {
        self.set("");
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Backspace: the char before the cursor.
    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    /// Applies an edit; returns whether the text changed.
    pub fn edit(&mut self, op: Edit) -> bool {
        let before = self.text.len();
        match op {
            Edit::Left => {
                if let Some(c) = self.text[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                }
            }
            Edit::Right => {
                if let Some(c) = self.text[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
            }
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::KillToStart => {
                self.text.drain(..self.cursor);
                self.cursor = 0;
            }
            Edit::KillWord => {
                // Spaces before the cursor, then the word before them.
                let head = &self.text[..self.cursor];
                let trimmed = head.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                self.text.drain(start..self.cursor);
                self.cursor = start;
            }
            Edit::Delete => {
                if self.cursor < self.text.len() {
                    self.text.remove(self.cursor);
                }
            }
        }
        self.text.len() != before
    }

    /// The text before the cursor (for placing the terminal cursor).
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }
}

impl App {
    /// An edit in the prompt of the current mode.
    pub(super) fn edit_prompt(&mut self, op: Edit) -> Vec<Effect> {
        match self.mode {
            Mode::Filter if self.filter.input.edit(op) => self.request_search(),
            Mode::Speakers if self.panel.query.edit(op) => {
                self.refresh_panel();
                vec![]
            }
            _ => vec![],
        }
    }

    /// Up/Down in the `/` prompt: older/newer queries; past the newest,
    /// what was being typed.
    pub(super) fn recall(&mut self, dir: i32) -> Vec<Effect> {
        match self
            .recall
            .step(&self.history, dir, &self.filter.input.text)
        {
            Some(text) => {
                self.filter.input.set(&text);
                self.request_search()
            }
            None => vec![],
        }
    }

    /// A query kept with Enter joins the history (once, as the newest);
    /// the loop saves it.
    pub(super) fn remember(&mut self, query: &str) -> Vec<Effect> {
        self.recall.reset();
        if remember(&mut self.history, query) {
            vec![Effect::SaveHistory(self.history.clone())]
        } else {
            vec![]
        }
    }
}

/// Where Up/Down are in a prompt's history, and what was typed before.
/// Each prompt that takes text has its own (the `/` filter's and the
/// story list's are kept between runs, each in its own file).
#[derive(Debug, Clone, Default)]
pub struct Recall {
    pos: Option<usize>,
    draft: String,
}

impl Recall {
    /// Back to what is typed (a prompt opens, a query is kept).
    pub fn reset(&mut self) {
        self.pos = None;
    }

    /// Up (dir < 0) or Down in `entries` (oldest first): the text to show,
    /// or None if nothing changes. Past the newest, what was `typed`.
    pub fn step(&mut self, entries: &[String], dir: i32, typed: &str) -> Option<String> {
        let n = entries.len();
        if n == 0 {
            return None;
        }
        let next = match (self.pos, dir < 0) {
            (None, true) => {
                self.draft = typed.to_string();
                Some(n - 1)
            }
            (None, false) => return None,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => None,
        };
        self.pos = next;
        Some(match next {
            Some(i) => entries[i].clone(),
            None => std::mem::take(&mut self.draft),
        })
    }
}

/// `query` joins `entries` as the newest (once; at most [`HISTORY_LEN`]);
/// false if it is blank.
pub fn remember(entries: &mut Vec<String>, query: &str) -> bool {
    let query = query.trim();
    if query.is_empty() {
        return false;
    }
    entries.retain(|q| q != query);
    entries.push(query.to_string());
    let excess = entries.len().saturating_sub(HISTORY_LEN);
    entries.drain(..excess);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, cursor: usize) -> Line {
        Line {
            text: text.into(),
            cursor,
        }
    }

    #[test]
    fn readline_edits() {
        let mut l = Line::default();
        for c in "sarah foth".chars() {
            l.insert(c);
        }
        assert!(!l.edit(Edit::Left));
        assert!(!l.edit(Edit::Left));
        l.insert('X');
        assert_eq!(l.text, "sarah foXth");
        assert!(l.edit(Edit::KillWord));
        assert_eq!((l.text.as_str(), l.cursor), ("sarah th", 6));
        l.edit(Edit::Home);
        l.insert('^');
        assert_eq!(l.text, "^sarah th");
        l.edit(Edit::End);
        l.backspace();
        assert_eq!(l.text, "^sarah t");
        l.edit(Edit::Left);
        l.edit(Edit::KillToStart);
        assert_eq!((l.text.as_str(), l.cursor), ("t", 0));
        l.edit(Edit::Delete);
        assert_eq!(l.text, "");
        // Never past either end, never inside a char.
        l.edit(Edit::Left);
        l.edit(Edit::Right);
        l.backspace();
        let mut w = line("小红书 app  ", "小红书 app  ".len());
        w.edit(Edit::KillWord);
        assert_eq!(w.text, "小红书 ");
        w.edit(Edit::Left);
        w.edit(Edit::Left);
        assert_eq!(w.before_cursor(), "小红");
        w.edit(Edit::KillWord);
        assert_eq!((w.text.as_str(), w.cursor), ("书 ", 0));
    }
}
