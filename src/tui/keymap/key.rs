//! Keys as the keymap writes them: [`Key`] (a code and whether Ctrl is
//! held), the table's constructors, parsing a key as a config file writes
//! it and naming it as hints and the help show it.

use ratatui::crossterm::event::KeyCode;

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

pub(super) const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

pub(super) const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

impl Key {
    /// A key as a config file writes it: a character (`j`, `?`), `space`,
    /// `Ctrl-x` (or `C-x`), or a name (`Esc`, `Enter`, `Tab`, `S-Tab`,
    /// `Up`, `Down`, `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End`, `Del`,
    /// `Backspace`; case does not matter for names).
    pub fn parse(s: &str) -> Option<Key> {
        let (ctrl, rest) = match s
            .strip_prefix("Ctrl-")
            .or_else(|| s.strip_prefix("ctrl-"))
            .or_else(|| s.strip_prefix("C-"))
        {
            Some(r) if !r.is_empty() => (true, r),
            _ => (false, s),
        };
        let code = match rest.to_ascii_lowercase().as_str() {
            "space" => KeyCode::Char(' '),
            "esc" | "escape" => KeyCode::Esc,
            "enter" | "return" => KeyCode::Enter,
            "tab" => KeyCode::Tab,
            "s-tab" | "backtab" | "shift-tab" => KeyCode::BackTab,
            "up" | "↑" => KeyCode::Up,
            "down" | "↓" => KeyCode::Down,
            "left" | "←" => KeyCode::Left,
            "right" | "→" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "del" | "delete" => KeyCode::Delete,
            "backspace" => KeyCode::Backspace,
            _ => {
                let mut chars = rest.chars();
                if let (Some(c), None) = (chars.next(), chars.clone().next()) {
                    if c.is_control() {
                        return None;
                    }
                    let c = if ctrl { c.to_ascii_lowercase() } else { c };
                    return Some(Key {
                        code: KeyCode::Char(c),
                        ctrl,
                    });
                }
                return None;
            }
        };
        Some(Key { code, ctrl })
    }

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
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}
