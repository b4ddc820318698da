//! The keymap as data: one table maps keys to actions per mode and is the
//! source of the `?` help overlay and of every key named in a hint
//! ([`hint`]), so help and hints can never drift from behaviour.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::event::Action;

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
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    /// How the keys are shown in help.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

use Mode::*;

const READ: &[Mode] = &[Reading];
const PANEL: &[Mode] = &[Speakers];

/// Every key crossread knows. Digits 1-9 (jump to column N) are handled
/// as a family below the table but listed here for help.
pub static BINDINGS: &[Binding] = &[
    Binding {
        modes: READ,
        keys: &[k('j'), code(KeyCode::Down)],
        label: "j ↓",
        action: Action::ScrollLines(1),
        help: "down a line",
    },
    Binding {
        modes: READ,
        keys: &[k('k'), code(KeyCode::Up)],
        label: "k ↑",
        action: Action::ScrollLines(-1),
        help: "up a line",
    },
    Binding {
        modes: READ,
        keys: &[ctrl('d')],
        label: "Ctrl-d",
        action: Action::HalfPage(1),
        help: "down half a page",
    },
    Binding {
        modes: READ,
        keys: &[ctrl('u')],
        label: "Ctrl-u",
        action: Action::HalfPage(-1),
        help: "up half a page",
    },
    Binding {
        modes: READ,
        keys: &[code(KeyCode::PageDown), k(' ')],
        label: "PgDn space",
        action: Action::Page(1),
        help: "down a page",
    },
    Binding {
        modes: READ,
        keys: &[code(KeyCode::PageUp), k('b')],
        label: "PgUp b",
        action: Action::Page(-1),
        help: "up a page",
    },
    Binding {
        modes: READ,
        keys: &[k('g'), code(KeyCode::Home)],
        label: "g Home",
        action: Action::Top,
        help: "top",
    },
    Binding {
        modes: READ,
        keys: &[k('G'), code(KeyCode::End)],
        label: "G End",
        action: Action::Bottom,
        help: "bottom",
    },
    Binding {
        modes: READ,
        keys: &[k('l'), code(KeyCode::Right), code(KeyCode::Tab)],
        label: "l → Tab",
        action: Action::FocusNext,
        help: "next column",
    },
    Binding {
        modes: READ,
        keys: &[k('h'), code(KeyCode::Left), code(KeyCode::BackTab)],
        label: "h ← S-Tab",
        action: Action::FocusPrev,
        help: "previous column",
    },
    Binding {
        modes: READ,
        keys: &[],
        label: "1-9",
        action: Action::FocusColumn(0),
        help: "jump to column N",
    },
    Binding {
        modes: READ,
        keys: &[k('+'), k('=')],
        label: "+",
        action: Action::MoreColumns,
        help: "show more columns",
    },
    Binding {
        modes: READ,
        keys: &[k('-')],
        label: "-",
        action: Action::FewerColumns,
        help: "show fewer columns",
    },
    Binding {
        modes: READ,
        keys: &[k('z')],
        label: "z",
        action: Action::ToggleZoom,
        help: "zoom the focused column",
    },
    Binding {
        modes: READ,
        keys: &[k('s')],
        label: "s",
        action: Action::ToggleSync,
        help: "synchronised scrolling",
    },
    Binding {
        modes: READ,
        keys: &[k('/')],
        label: "/",
        action: Action::OpenFilter,
        help: "filter (fuzzy; 'exact ^start end$ !not a|b)",
    },
    Binding {
        modes: READ,
        keys: &[k('n')],
        label: "n",
        action: Action::NextMatch,
        help: "next match or quote",
    },
    Binding {
        modes: READ,
        keys: &[k('N')],
        label: "N",
        action: Action::PrevMatch,
        help: "previous match or quote",
    },
    Binding {
        modes: READ,
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        action: Action::ClearFilter,
        help: "clear filter / speaker",
    },
    Binding {
        modes: READ,
        keys: &[k('p')],
        label: "p",
        action: Action::OpenSpeakers,
        help: "speakers panel",
    },
    Binding {
        modes: READ,
        keys: &[k('c')],
        label: "c",
        action: Action::OpenCompare,
        help: "compare the current speaker's quotes",
    },
    Binding {
        modes: READ,
        keys: &[k('y')],
        label: "y",
        action: Action::CopyQuote,
        help: "copy the current quote with attribution",
    },
    Binding {
        modes: READ,
        keys: &[k('?')],
        label: "?",
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        modes: READ,
        keys: &[k('q')],
        label: "q",
        action: Action::Quit,
        help: "quit",
    },
    Binding {
        modes: &[Reading, Filter, Speakers, Compare, Help],
        keys: &[ctrl('c')],
        label: "Ctrl-c",
        action: Action::Quit,
        help: "quit",
    },
    Binding {
        modes: &[Reading, Filter, Speakers, Compare, Help],
        keys: &[ctrl('z')],
        label: "Ctrl-z",
        action: Action::Suspend,
        help: "suspend to the shell (fg to return)",
    },
    Binding {
        modes: &[Filter],
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        action: Action::AcceptFilter,
        help: "keep the filter, back to reading",
    },
    Binding {
        modes: &[Filter],
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        action: Action::ClearFilter,
        help: "clear the filter",
    },
    Binding {
        modes: &[Filter],
        keys: &[code(KeyCode::Backspace)],
        label: "Backspace",
        action: Action::FilterBackspace,
        help: "delete a character",
    },
    Binding {
        modes: PANEL,
        keys: &[code(KeyCode::Backspace)],
        label: "Backspace",
        action: Action::PanelBackspace,
        help: "delete a character",
    },
    Binding {
        modes: PANEL,
        keys: &[code(KeyCode::Down), ctrl('n')],
        label: "↓ Ctrl-n",
        action: Action::PanelMove(1),
        help: "next speaker",
    },
    Binding {
        modes: PANEL,
        keys: &[code(KeyCode::Up), ctrl('p')],
        label: "↑ Ctrl-p",
        action: Action::PanelMove(-1),
        help: "previous speaker",
    },
    Binding {
        modes: PANEL,
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        action: Action::PanelSelect,
        help: "jump every column to the speaker's quote",
    },
    Binding {
        modes: PANEL,
        keys: &[ctrl('o')],
        label: "Ctrl-o",
        action: Action::PanelCompare,
        help: "compare the speaker's quotes",
    },
    Binding {
        modes: PANEL,
        keys: &[ctrl('y')],
        label: "Ctrl-y",
        action: Action::PanelCopy,
        help: "copy the speaker's first quote",
    },
    Binding {
        modes: &[Speakers, Compare, Help],
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        action: Action::Close,
        help: "close",
    },
    Binding {
        modes: &[Compare, Help],
        keys: &[k('q'), k('?')],
        label: "q ?",
        action: Action::Close,
        help: "close",
    },
    Binding {
        modes: &[Compare],
        keys: &[k('j'), code(KeyCode::Down)],
        label: "j ↓",
        action: Action::CompareScroll(1),
        help: "down a line",
    },
    Binding {
        modes: &[Compare],
        keys: &[k('k'), code(KeyCode::Up)],
        label: "k ↑",
        action: Action::CompareScroll(-1),
        help: "up a line",
    },
    Binding {
        modes: &[Compare],
        keys: &[k('y')],
        label: "y",
        action: Action::CompareCopy,
        help: "copy the first quote",
    },
];

/// The action for a key press in `mode`. Typing in the filter prompt or the
/// speakers panel inserts characters.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    let is_ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // Alt+key arrives for Esc then key over slow links: never act on it
    // destructively; treat it as the plain key except Esc-q, which is ignored.
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    for b in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
        for bk in b.keys {
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
        (Filter, KeyCode::Char(c)) if !is_ctrl => Some(Action::FilterInsert(c)),
        (Speakers, KeyCode::Char(c)) if !is_ctrl => Some(Action::PanelInsert(c)),
        _ => None,
    }
}

impl Key {
    /// How the key is written in hints: `q`, `Ctrl-o`, `Esc`, `↓`.
    pub fn name(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// The key that does `action` in `mode`, for hints in the status line,
/// panel titles and messages (so they cannot drift from the keymap).
/// Empty if no key does it.
pub fn hint(mode: Mode, action: Action) -> String {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode) && b.action == action)
        .find_map(|b| b.keys.first())
        .map_or_else(String::new, |k| k.name())
}

/// Help rows (keys, description) for a mode, generated from the table.
pub fn help_rows(mode: Mode) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&str, &str)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
        if !rows.iter().any(|(l, h)| *l == b.label && *h == b.help) {
            rows.push((b.label, b.help));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: m,
            kind: KeyEventKind::Press,
            state: ratatui::crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn every_binding_is_reachable() {
        for b in BINDINGS {
            for bk in b.keys {
                let m = if bk.ctrl {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                for mode in b.modes {
                    assert!(
                        action_for(*mode, key(bk.code, m)).is_some(),
                        "{} in {mode:?}",
                        b.label
                    );
                }
            }
        }
    }

    #[test]
    fn esc_never_quits_and_alt_q_does_nothing() {
        for mode in [Reading, Filter, Speakers, Compare, Help] {
            assert_ne!(
                action_for(mode, key(KeyCode::Esc, KeyModifiers::NONE)),
                Some(Action::Quit)
            );
        }
        assert_eq!(
            action_for(Reading, key(KeyCode::Char('q'), KeyModifiers::ALT)),
            None
        );
    }

    #[test]
    fn digits_jump_and_type() {
        assert_eq!(
            action_for(Reading, key(KeyCode::Char('3'), KeyModifiers::NONE)),
            Some(Action::FocusColumn(2))
        );
        assert_eq!(
            action_for(Filter, key(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::FilterInsert('q'))
        );
    }

    #[test]
    fn hints_name_the_first_key_of_the_binding() {
        assert_eq!(hint(Reading, Action::Quit), "q");
        assert_eq!(hint(Reading, Action::NextMatch), "n");
        assert_eq!(hint(Reading, Action::PrevMatch), "N");
        assert_eq!(hint(Speakers, Action::PanelCompare), "Ctrl-o");
        assert_eq!(hint(Speakers, Action::Close), "Esc");
        assert_eq!(hint(Compare, Action::CompareScroll(1)), "j");
        assert_eq!(hint(Reading, Action::PanelSelect), "", "not a reading key");
    }

    #[test]
    fn help_lists_reading_keys() {
        let rows = help_rows(Reading);
        assert!(rows.iter().any(|(l, _)| *l == "/"));
        assert!(rows.iter().any(|(l, _)| *l == "1-9"));
    }
}
