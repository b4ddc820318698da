//! The keymap as data: one table maps keys to actions per mode and is the
//! source of the `?` help overlay and of every key named in a hint
//! ([`hint`]), so help and hints can never drift from behaviour.

use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::event::{Action, Edit};

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
/// Scrolling keys work in the help, too.
const READ_HELP: &[Mode] = &[Reading, Help];
const PANEL: &[Mode] = &[Speakers];
/// Line editing works in both prompts.
const PROMPTS: &[Mode] = &[Filter, Speakers];

/// Every key crossread knows. Digits 1-9 (jump to column N) are handled
/// as a family below the table but listed here for help.
pub static BINDINGS: &[Binding] = &[
    Binding {
        modes: READ_HELP,
        keys: &[k('j'), code(KeyCode::Down)],
        label: "j ↓",
        action: Action::ScrollLines(1),
        help: "down a line",
    },
    Binding {
        modes: READ_HELP,
        keys: &[k('k'), code(KeyCode::Up)],
        label: "k ↑",
        action: Action::ScrollLines(-1),
        help: "up a line",
    },
    Binding {
        modes: READ_HELP,
        keys: &[ctrl('d')],
        label: "Ctrl-d",
        action: Action::HalfPage(1),
        help: "down half a page",
    },
    Binding {
        modes: READ_HELP,
        keys: &[ctrl('u')],
        label: "Ctrl-u",
        action: Action::HalfPage(-1),
        help: "up half a page",
    },
    Binding {
        modes: READ_HELP,
        keys: &[code(KeyCode::PageDown), k(' ')],
        label: "PgDn space",
        action: Action::Page(1),
        help: "down a page",
    },
    Binding {
        modes: READ_HELP,
        keys: &[code(KeyCode::PageUp), k('b')],
        label: "PgUp b",
        action: Action::Page(-1),
        help: "up a page",
    },
    Binding {
        modes: READ_HELP,
        keys: &[k('g'), code(KeyCode::Home)],
        label: "g Home",
        action: Action::Top,
        help: "top",
    },
    Binding {
        modes: READ_HELP,
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
        keys: &[k(']')],
        label: "] [",
        action: Action::StepQuote {
            dir: 1,
            shared: false,
        },
        help: "next / previous quote in the column (moves ▶)",
    },
    Binding {
        modes: READ,
        keys: &[k('[')],
        label: "] [",
        action: Action::StepQuote {
            dir: -1,
            shared: false,
        },
        help: "next / previous quote in the column (moves ▶)",
    },
    Binding {
        modes: READ,
        keys: &[k('}')],
        label: "} {",
        action: Action::StepQuote {
            dir: 1,
            shared: true,
        },
        help: "next / previous quote shared with another source (≈ ≠)",
    },
    Binding {
        modes: READ,
        keys: &[k('{')],
        label: "} {",
        action: Action::StepQuote {
            dir: -1,
            shared: true,
        },
        help: "next / previous quote shared with another source (≈ ≠)",
    },
    Binding {
        modes: READ,
        keys: &[k('o'), code(KeyCode::Enter)],
        label: "o Enter",
        action: Action::OpenMatch,
        help: "open the match in its article / back to the matches",
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
        keys: &[k('m')],
        label: "m a-z",
        action: Action::MarkPrefix,
        help: "mark the place (column and paragraph) as a letter",
    },
    Binding {
        modes: READ,
        keys: &[k('\'')],
        label: "' a-z",
        action: Action::JumpPrefix,
        help: "back to a marked place ('' where the last jump left)",
    },
    Binding {
        modes: READ,
        keys: &[k('i')],
        label: "i",
        action: Action::ShowInfo,
        help: "the article's source, date, title and link",
    },
    Binding {
        modes: READ,
        keys: &[k('u')],
        label: "u",
        action: Action::CopyUrl,
        help: "copy the article's link (URL)",
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
        modes: PROMPTS,
        keys: &[code(KeyCode::Left), ctrl('b')],
        label: "← Ctrl-b",
        action: Action::Edit(Edit::Left),
        help: "cursor left",
    },
    Binding {
        modes: PROMPTS,
        keys: &[code(KeyCode::Right), ctrl('f')],
        label: "→ Ctrl-f",
        action: Action::Edit(Edit::Right),
        help: "cursor right",
    },
    Binding {
        modes: PROMPTS,
        keys: &[ctrl('a'), code(KeyCode::Home)],
        label: "Ctrl-a Home",
        action: Action::Edit(Edit::Home),
        help: "to the start",
    },
    Binding {
        modes: PROMPTS,
        keys: &[ctrl('e'), code(KeyCode::End)],
        label: "Ctrl-e End",
        action: Action::Edit(Edit::End),
        help: "to the end",
    },
    Binding {
        modes: PROMPTS,
        keys: &[ctrl('u')],
        label: "Ctrl-u",
        action: Action::Edit(Edit::KillToStart),
        help: "delete to the start",
    },
    Binding {
        modes: PROMPTS,
        keys: &[ctrl('w')],
        label: "Ctrl-w",
        action: Action::Edit(Edit::KillWord),
        help: "delete the word before the cursor",
    },
    Binding {
        modes: PROMPTS,
        keys: &[code(KeyCode::Delete), ctrl('d')],
        label: "Del Ctrl-d",
        action: Action::Edit(Edit::Delete),
        help: "delete the character under the cursor",
    },
    Binding {
        modes: &[Filter],
        keys: &[code(KeyCode::Up)],
        label: "↑ ↓",
        action: Action::History(-1),
        help: "earlier / later filters (kept between runs)",
    },
    Binding {
        modes: &[Filter],
        keys: &[code(KeyCode::Down)],
        label: "↑ ↓",
        action: Action::History(1),
        help: "earlier / later filters (kept between runs)",
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

/// The keymap in effect: the table's bindings with the user's keys (from
/// the config file) merged over them. Installed once at start; without
/// that, the table as it is.
#[derive(Debug, Clone)]
pub struct Keymap {
    bound: Vec<Bound>,
}

/// A binding as in effect.
#[derive(Debug, Clone)]
struct Bound {
    modes: &'static [Mode],
    keys: Vec<Key>,
    label: String,
    action: Action,
    help: &'static str,
}

/// The names of the reading actions a config file may rebind.
pub const NAMES: &[(&str, Action)] = &[
    ("down", Action::ScrollLines(1)),
    ("up", Action::ScrollLines(-1)),
    ("half_page_down", Action::HalfPage(1)),
    ("half_page_up", Action::HalfPage(-1)),
    ("page_down", Action::Page(1)),
    ("page_up", Action::Page(-1)),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("next_column", Action::FocusNext),
    ("previous_column", Action::FocusPrev),
    ("more_columns", Action::MoreColumns),
    ("fewer_columns", Action::FewerColumns),
    ("zoom", Action::ToggleZoom),
    ("sync", Action::ToggleSync),
    ("filter", Action::OpenFilter),
    ("next_match", Action::NextMatch),
    ("previous_match", Action::PrevMatch),
    (
        "next_quote",
        Action::StepQuote {
            dir: 1,
            shared: false,
        },
    ),
    (
        "previous_quote",
        Action::StepQuote {
            dir: -1,
            shared: false,
        },
    ),
    (
        "next_shared_quote",
        Action::StepQuote {
            dir: 1,
            shared: true,
        },
    ),
    (
        "previous_shared_quote",
        Action::StepQuote {
            dir: -1,
            shared: true,
        },
    ),
    ("open_match", Action::OpenMatch),
    ("clear", Action::ClearFilter),
    ("speakers", Action::OpenSpeakers),
    ("compare", Action::OpenCompare),
    ("copy_quote", Action::CopyQuote),
    ("mark", Action::MarkPrefix),
    ("jump_to_mark", Action::JumpPrefix),
    ("info", Action::ShowInfo),
    ("copy_url", Action::CopyUrl),
    ("help", Action::ToggleHelp),
    ("quit", Action::Quit),
];

/// Bindings a config file changes: the reading ones (and the scrolling
/// keys they share with the help), never the keys of every mode (Ctrl-c).
fn rebindable(b: &Bound) -> bool {
    b.modes.contains(&Reading) && !b.modes.contains(&Filter)
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bound: BINDINGS
                .iter()
                .map(|b| Bound {
                    modes: b.modes,
                    keys: b.keys.to_vec(),
                    label: b.label.to_string(),
                    action: b.action,
                    help: b.help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The defaults with `overrides` (action, its new keys) merged over
    /// them: an overridden action has exactly those keys, and another
    /// reading action that had one of them loses it.
    pub fn with_overrides(overrides: &[(Action, Vec<Key>)]) -> Self {
        let mut map = Self::default();
        for (action, keys) in overrides {
            for b in map.bound.iter_mut().filter(|b| rebindable(b)) {
                if b.action == *action {
                    b.keys = keys.clone();
                } else {
                    b.keys.retain(|k| !keys.contains(k));
                }
            }
        }
        // Labels from the keys in effect; pairs that share a help row
        // (`] [`) show the first key of each.
        // (`bound` is the table, in order: index i is BINDINGS[i].)
        for (i, table) in BINDINGS.iter().enumerate() {
            if map.bound[i].keys == table.keys {
                continue;
            }
            let group: Vec<usize> = BINDINGS
                .iter()
                .enumerate()
                .filter(|(_, b)| {
                    b.label == table.label && b.help == table.help && b.modes == table.modes
                })
                .map(|(j, _)| j)
                .collect();
            let names: Vec<String> = if group.len() > 1 {
                group
                    .iter()
                    .filter_map(|&j| map.bound[j].keys.first().map(|k| k.name()))
                    .collect()
            } else {
                map.bound[i].keys.iter().map(|k| k.name()).collect()
            };
            for j in group {
                map.bound[j].label = names.join(" ");
            }
        }
        map
    }

    /// The action for a key press in `mode`. Typing in the filter prompt or
    /// the speakers panel inserts characters.
    pub fn action_for(&self, mode: Mode, key: KeyEvent) -> Option<Action> {
        let is_ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // Alt+key arrives for Esc then key over slow links: never act on it
        // destructively; treat it as the plain key except Esc-q, which is ignored.
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        for b in self.bound.iter().filter(|b| b.modes.contains(&mode)) {
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
            (Filter, KeyCode::Char(c)) if !is_ctrl => Some(Action::FilterInsert(c)),
            (Speakers, KeyCode::Char(c)) if !is_ctrl => Some(Action::PanelInsert(c)),
            _ => None,
        }
    }

    /// The key that does `action` in `mode`; empty if none does.
    pub fn hint(&self, mode: Mode, action: Action) -> String {
        self.bound
            .iter()
            .filter(|b| b.modes.contains(&mode) && b.action == action)
            .find_map(|b| b.keys.first())
            .map_or_else(String::new, |k| k.name())
    }

    /// Every key that does `action` in `mode`.
    pub fn keys_of(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.bound
            .iter()
            .filter(|b| b.modes.contains(&mode) && b.action == action && rebindable(b))
            .flat_map(|b| b.keys.iter().copied())
            .collect()
    }

    /// Help rows (keys, description) for a mode. An action left without
    /// keys is left out.
    pub fn help_rows(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        for b in self.bound.iter().filter(|b| b.modes.contains(&mode)) {
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

/// The key that does `action` in `mode`, for hints in the status line,
/// panel titles and messages (so they cannot drift from the keymap).
/// Empty if no key does it.
pub fn hint(mode: Mode, action: Action) -> String {
    current().hint(mode, action)
}

/// The gutter marks, for the help legend and the first-use hint.
pub const LEGEND: &[(&str, &str)] = &[
    (
        "▶",
        "the current quote: y copies it, c compares its speaker",
    ),
    ("≈", "the same words are quoted in another source"),
    ("≠", "the same words, attributed differently elsewhere"),
    (
        "A–L",
        "a speaker quoted by several sources (same colour everywhere)",
    ),
];

/// What a line of the help is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpKind {
    Title,
    /// Keys (the first line of an entry), then the description.
    Entry,
    /// A wrapped continuation of an entry's description.
    More,
    Blank,
}

/// One line of the help at a given width: (kind, keys column, text).
pub type HelpLine = (HelpKind, String, String);

/// Width of the keys column in the help.
const KEYS_WIDTH: usize = 12;

/// The `?` help as lines fitting `width` cells: every mode's keys from the
/// table, then the gutter legend; descriptions wrap under themselves.
pub fn help_lines(width: usize) -> Vec<HelpLine> {
    let indent = 2 + KEYS_WIDTH;
    let text_width = width.saturating_sub(indent).max(8);
    let mut lines = Vec::new();
    let entry = |lines: &mut Vec<HelpLine>, keys: &str, text: &str| {
        for (i, part) in textwrap::wrap(text, text_width).into_iter().enumerate() {
            let kind = if i == 0 {
                HelpKind::Entry
            } else {
                HelpKind::More
            };
            let keys = if i == 0 { keys } else { "" };
            lines.push((kind, keys.to_string(), part.into_owned()));
        }
    };
    let sections = [
        ("Reading", Reading),
        ("Filter prompt", Filter),
        ("Speakers panel", Speakers),
        ("Compare view", Compare),
    ];
    for (title, mode) in sections {
        lines.push((HelpKind::Title, String::new(), title.to_string()));
        for (keys, text) in help_rows(mode) {
            entry(&mut lines, &keys, text);
        }
        lines.push((HelpKind::Blank, String::new(), String::new()));
    }
    lines.push((HelpKind::Title, String::new(), "Gutter marks".to_string()));
    for (mark, text) in LEGEND {
        entry(&mut lines, mark, text);
    }
    lines
}

/// The legend in one line, for the status line where marks first appear.
pub fn legend_hint() -> String {
    let short = [
        "current quote",
        "quoted elsewhere",
        "attributed differently",
        "shared speaker",
    ];
    let marks: Vec<String> = LEGEND
        .iter()
        .zip(short)
        .map(|((mark, _), s)| format!("{mark} {s}"))
        .collect();
    format!(
        "{} · {} help",
        marks.join(" · "),
        hint(Reading, Action::ToggleHelp)
    )
}

/// Help rows (keys, description) for a mode, from the keymap in effect.
pub fn help_rows(mode: Mode) -> Vec<(String, &'static str)> {
    current().help_rows(mode)
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
    fn help_wraps_to_its_width_and_ends_with_the_legend() {
        for width in [20, 40, 74] {
            let lines = help_lines(width);
            for (_, keys, text) in lines.iter().filter(|l| l.0 != HelpKind::Title) {
                assert!(keys.chars().count() <= KEYS_WIDTH, "{keys}");
                let w = 2 + KEYS_WIDTH + text.chars().count();
                assert!(w <= width.max(2 + KEYS_WIDTH + 8), "{width}: {text}");
            }
            let title = lines.iter().rposition(|l| l.0 == HelpKind::Title).unwrap();
            assert_eq!(lines[title].2, "Gutter marks");
            let legend = &lines[title + 1..];
            let entries = legend.iter().filter(|l| l.0 == HelpKind::Entry).count();
            assert_eq!(entries, LEGEND.len(), "the whole legend, wrapped");
        }
        assert!(
            help_lines(20).len() > help_lines(74).len(),
            "narrow: more lines"
        );
    }

    #[test]
    fn keys_parse_as_config_files_write_them() {
        assert_eq!(Key::parse("j"), Some(k('j')));
        assert_eq!(Key::parse("Ctrl-d"), Some(ctrl('d')));
        assert_eq!(Key::parse("C-D"), Some(ctrl('d')));
        assert_eq!(Key::parse("space"), Some(k(' ')));
        assert_eq!(Key::parse("PgDn"), Some(code(KeyCode::PageDown)));
        assert_eq!(Key::parse("esc"), Some(code(KeyCode::Esc)));
        for bad in ["", "jj", "Ctrl-", "Hyper-x", "\u{1b}", "F13"] {
            assert_eq!(Key::parse(bad), None, "{bad:?}");
        }
        // Every key's name parses back to it.
        for b in BINDINGS {
            for key in b.keys {
                assert_eq!(Key::parse(&key.name()), Some(*key), "{}", key.name());
            }
        }
    }

    #[test]
    fn overrides_merge_over_the_defaults() {
        let map = Keymap::with_overrides(&[
            (Action::Quit, vec![k('x')]),
            (Action::ScrollLines(1), vec![k('j'), k('e')]),
            (
                Action::StepQuote {
                    dir: 1,
                    shared: false,
                },
                vec![k('>')],
            ),
            // `o` taken from open-match for zoom: open-match keeps Enter.
            (Action::ToggleZoom, vec![k('o')]),
        ]);
        let press = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action_for(Reading, press('x')), Some(Action::Quit));
        assert_eq!(
            map.action_for(Reading, press('q')),
            None,
            "q no longer quits"
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            map.action_for(Reading, ctrl_c),
            Some(Action::Quit),
            "Ctrl-c stays"
        );
        assert_eq!(
            map.action_for(Help, press('e')),
            Some(Action::ScrollLines(1))
        );
        assert_eq!(
            map.action_for(Reading, press('o')),
            Some(Action::ToggleZoom)
        );
        assert_eq!(map.action_for(Reading, press('z')), None);
        assert_eq!(map.hint(Reading, Action::OpenMatch), "Enter");
        assert_eq!(map.hint(Reading, Action::Quit), "x");
        let rows = map.help_rows(Reading);
        let row = |help: &str| rows.iter().find(|r| r.1 == help).map(|r| r.0.clone());
        assert_eq!(row("quit").as_deref(), Some("x"));
        assert_eq!(row("down a line").as_deref(), Some("j e"));
        assert_eq!(
            row("next / previous quote in the column (moves ▶)").as_deref(),
            Some("> ["),
            "a pair shows each one's key"
        );
        assert_eq!(
            row("open the match in its article / back to the matches").as_deref(),
            Some("Enter"),
            "a key taken by another action leaves its label"
        );
        assert_eq!(
            row("synchronised scrolling").as_deref(),
            Some("s"),
            "untouched"
        );
    }

    #[test]
    fn help_lists_reading_keys() {
        let rows = help_rows(Reading);
        assert!(rows.iter().any(|(l, _)| l == "/"));
        assert!(rows.iter().any(|(l, _)| l == "1-9"));
    }
}
