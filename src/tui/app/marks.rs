//! Marks, as in less and vim: `m` and a letter remembers the focused
//! column's place (its top paragraph and offset), `'` and the letter goes
//! back to it, in whichever column it was; `''` returns to where the last
//! jump left.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use crate::tui::event::{Action, Effect};
use crate::tui::wrap::Row;

/// A prefix key waiting for its letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Set,
    Jump,
}

/// A marked place: a column and the text at the top of its view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub column: usize,
    pub paragraph: usize,
    /// Char offset in the paragraph of the first row shown.
    pub offset: usize,
}

/// The mark `''` jumps back to.
const LAST_JUMP: char = '\'';

impl App {
    pub(super) fn await_letter(&mut self, pending: Pending) {
        self.pending = Some(pending);
        let mut known: Vec<char> = self
            .marks
            .keys()
            .copied()
            .filter(|c| *c != LAST_JUMP)
            .collect();
        known.sort_unstable();
        let known: String = known.into_iter().collect();
        self.message = Some(match pending {
            Pending::Set => "mark: press a letter".to_string(),
            Pending::Jump if known.is_empty() => {
                "jump to mark: press a letter (none set yet)".into()
            }
            Pending::Jump => format!("jump to mark: press a letter ({known})"),
        });
    }

    /// The key after `m` or `'`: a letter completes it, anything else
    /// (Esc) cancels.
    pub(super) fn complete_pending(&mut self, pending: Pending, key: KeyEvent) -> Vec<Effect> {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (pending, key.code) {
            (Pending::Set, KeyCode::Char(c)) if plain => self.update(Action::SetMark(c)),
            (Pending::Jump, KeyCode::Char(c)) if plain => self.update(Action::JumpMark(c)),
            _ => {
                self.message = None;
                self.dirty = true;
                vec![]
            }
        }
    }

    /// The focused column's place.
    fn here(&mut self) -> Option<Mark> {
        let column = self.focus;
        let scroll = self.columns.get(column)?.scroll;
        let rows = self.wrapped(column);
        let (paragraph, offset) = rows.rows.iter().skip(scroll).find_map(|r| match *r {
            Row::Text {
                paragraph, start, ..
            } => Some((paragraph, start)),
            Row::Gap => None,
        })?;
        Some(Mark {
            column,
            paragraph,
            offset,
        })
    }

    pub(super) fn set_mark(&mut self, c: char) {
        if !c.is_ascii_alphabetic() {
            self.message = Some(format!("marks are letters (not {c})"));
            return;
        }
        match self.here() {
            Some(mark) => {
                self.marks.insert(c, mark);
                self.message = Some(format!(
                    "mark {c}: column {}, ¶{}",
                    mark.column + 1,
                    mark.paragraph + 1
                ));
            }
            None => self.message = Some("nothing here to mark".into()),
        }
    }

    pub(super) fn jump_to_mark(&mut self, c: char) {
        let Some(&mark) = self.marks.get(&c) else {
            self.message = Some(format!("no mark {c}"));
            return;
        };
        let Some(row) = self
            .wrapped(mark.column)
            .row_of(mark.paragraph, mark.offset)
        else {
            self.message = Some(format!("mark {c} is hidden by the filter"));
            return;
        };
        if let Some(back) = self.here() {
            self.marks.insert(LAST_JUMP, back);
        }
        self.set_focus(mark.column);
        let max = self.max_scroll(mark.column);
        self.columns[mark.column].scroll = row.min(max);
        self.update_selection(mark.column);
        self.message = Some(format!("mark {c}: column {}", mark.column + 1));
    }
}
