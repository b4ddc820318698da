//! The keymap as data: one table maps keys to actions per mode and is the
//! source of the `?` help overlay and of every key named in a hint
//! ([`hint`]), so help and hints can never drift from behaviour.
//!
//! Split by concern: [`key`] (keys, parsing and naming them), [`bindings`]
//! (the default table), [`overrides`] (a config file's keys merged over
//! it), [`help`] (the help overlay's lines and the gutter legend). This
//! file holds the modes and the keymap in effect.

mod bindings;
mod help;
mod key;
mod overrides;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::event::Action;

pub use bindings::{BINDINGS, Binding};
pub use help::{HelpKind, HelpLine, LEGEND, help_lines, legend_hint};
pub use key::Key;
pub use overrides::{NAMES, Override, Section, refused};

/// Which keymap applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Reading,
    /// Typing a filter query.
    Filter,
    /// The speakers panel (typing filters names).
    Speakers,
    /// One speaker's quotes from every source.
    Compare,
    Help,
    /// The story list (several stories in the input).
    Stories,
    /// Typing the story list's filter.
    StoryFilter,
}

impl Mode {
    /// Every mode (a binding listed in all of them is global: Ctrl-c).
    pub const ALL: &[Mode] = &[
        Reading,
        Filter,
        Speakers,
        Compare,
        Help,
        Stories,
        StoryFilter,
    ];
}

use Mode::*;

/// The keymap in effect: the table's bindings with the user's keys (from
/// the config file) merged over them. Installed once at start; without
/// that, the table as it is.
#[derive(Debug, Clone)]
pub struct Keymap {
    bound: Vec<Bound>,
}

/// A binding as in effect, in one mode (a table binding listed in several
/// modes is one of these per mode, so a config file can change one mode's
/// keys and leave another's).
#[derive(Debug, Clone)]
struct Bound {
    mode: Mode,
    /// Its binding in [`BINDINGS`].
    table: usize,
    keys: Vec<Key>,
    label: String,
    action: Action,
    help: &'static str,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bound: BINDINGS
                .iter()
                .enumerate()
                .flat_map(|(table, b)| {
                    b.modes.iter().map(move |&mode| Bound {
                        mode,
                        table,
                        keys: b.keys.to_vec(),
                        label: b.label.to_string(),
                        action: b.action,
                        help: b.help,
                    })
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The action for a key press in `mode`. Typing in the filter prompt or
    /// the speakers panel inserts characters.
    pub fn action_for(&self, mode: Mode, key: KeyEvent) -> Option<Action> {
        let is_ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // Alt+key arrives for Esc then key over slow links: never act on it
        // destructively; treat it as the plain key except Esc-q, which is ignored.
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        for b in self.bound.iter().filter(|b| b.mode == mode) {
            for bk in &b.keys {
                let code_matches = match (bk.code, key.code) {
                    // Shifted letters arrive as uppercase chars with SHIFT.
                    (KeyCode::Char(a), KeyCode::Char(c)) => a == c,
                    (a, c) => a == c,
                };
                if code_matches && bk.ctrl == is_ctrl {
                    if alt && matches!(b.action, Action::Quit) {
                        return None;
                    }
                    return Some(b.action);
                }
            }
        }
        match (mode, key.code) {
            (Reading, KeyCode::Char(c @ '1'..='9')) if !is_ctrl => {
                Some(Action::FocusColumn(c as usize - '1' as usize))
            }
            (Filter | StoryFilter, KeyCode::Char(c)) if !is_ctrl => Some(Action::FilterInsert(c)),
            (Speakers, KeyCode::Char(c)) if !is_ctrl => Some(Action::PanelInsert(c)),
            _ => None,
        }
    }

    /// The key that does `action` in `mode`; empty if none does.
    pub fn hint(&self, mode: Mode, action: Action) -> String {
        self.bound
            .iter()
            .filter(|b| b.mode == mode && b.action == action)
            .find_map(|b| b.keys.first())
            .map_or_else(String::new, |k| k.name())
    }

    /// Help rows (keys, description) for a mode. An action left without
    /// keys is left out.
    pub fn help_rows(&self, mode: Mode) -> Vec<(String, &'static str)> {
        self.help_rows_where(mode, |_| true)
    }

    /// Help rows for a mode, of the actions `shown` keeps.
    pub fn help_rows_where(
        &self,
        mode: Mode,
        shown: impl Fn(Action) -> bool,
    ) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        for b in self
            .bound
            .iter()
            .filter(|b| b.mode == mode && shown(b.action))
        {
            let unbound = b.keys.is_empty() && b.action != Action::FocusColumn(0);
            if !unbound && !rows.iter().any(|(l, h)| *l == b.label && *h == b.help) {
                rows.push((b.label.clone(), b.help));
            }
        }
        rows
    }
}

static INSTALLED: OnceLock<Keymap> = OnceLock::new();

/// Makes `keymap` the one in effect (once, at start); false if one already is.
pub fn install(keymap: Keymap) -> bool {
    INSTALLED.set(keymap).is_ok()
}

fn current() -> &'static Keymap {
    INSTALLED.get_or_init(Keymap::default)
}

/// The action for a key press in `mode`, in the keymap in effect.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    current().action_for(mode, key)
}

/// The key that does `action` in `mode`, for hints in the status line,
/// panel titles and messages (so they cannot drift from the keymap).
/// Empty if no key does it.
pub fn hint(mode: Mode, action: Action) -> String {
    current().hint(mode, action)
}

/// Help rows (keys, description) for a mode, from the keymap in effect.
pub fn help_rows(mode: Mode) -> Vec<(String, &'static str)> {
    current().help_rows(mode)
}
