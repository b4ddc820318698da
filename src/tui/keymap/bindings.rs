//! The default bindings as data: which keys do which action in which
//! mode, with the label and description the help shows. Everything else
//! (lookup, the user's overrides, hints, help) reads this table.

use ratatui::crossterm::event::KeyCode;

use super::Mode;
use super::key::{Key, code, ctrl, k};
use crate::tui::event::{Action, Edit};

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
const PROMPTS: &[Mode] = &[Filter, Speakers, StoryFilter];
/// The `/` prompt's own keys, in the reader and in the story list.
const FILTERS: &[Mode] = &[Filter, StoryFilter];
/// Keys of every mode.
const ALL: &[Mode] = Mode::ALL;
const LIST: &[Mode] = &[Stories];

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
        // space first: the key hints name (a pager's key).
        keys: &[k(' '), code(KeyCode::PageDown)],
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
        keys: &[code(KeyCode::Backspace)],
        label: "Backspace",
        action: Action::StoryList,
        help: "back to the story list (several stories in the input)",
    },
    Binding {
        modes: READ,
        keys: &[k('q')],
        label: "q",
        action: Action::Quit,
        help: "quit",
    },
    // The story list's keys (before the global ones: hints name `q`).
    Binding {
        modes: LIST,
        keys: &[k('j'), code(KeyCode::Down)],
        label: "j ↓",
        action: Action::ScrollLines(1),
        help: "next story",
    },
    Binding {
        modes: LIST,
        keys: &[k('k'), code(KeyCode::Up)],
        label: "k ↑",
        action: Action::ScrollLines(-1),
        help: "previous story",
    },
    Binding {
        modes: LIST,
        keys: &[k(' '), code(KeyCode::PageDown)],
        label: "PgDn space",
        action: Action::Page(1),
        help: "a page down",
    },
    Binding {
        modes: LIST,
        keys: &[code(KeyCode::PageUp), k('b')],
        label: "PgUp b",
        action: Action::Page(-1),
        help: "a page up",
    },
    Binding {
        modes: LIST,
        keys: &[k('g'), code(KeyCode::Home)],
        label: "g Home",
        action: Action::Top,
        help: "first story",
    },
    Binding {
        modes: LIST,
        keys: &[k('G'), code(KeyCode::End)],
        label: "G End",
        action: Action::Bottom,
        help: "last story",
    },
    Binding {
        modes: LIST,
        keys: &[code(KeyCode::Enter), k('o'), k('l')],
        label: "Enter o l",
        action: Action::OpenStory,
        help: "read the story side by side",
    },
    Binding {
        modes: LIST,
        keys: &[k('/')],
        label: "/",
        action: Action::OpenFilter,
        help: "filter the stories (the same syntax as / in a story)",
    },
    Binding {
        modes: LIST,
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        action: Action::ClearFilter,
        help: "clear the filter",
    },
    Binding {
        modes: LIST,
        keys: &[k('?')],
        label: "?",
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        modes: LIST,
        keys: &[k('q')],
        label: "q",
        action: Action::Quit,
        help: "quit",
    },
    Binding {
        modes: ALL,
        keys: &[ctrl('c')],
        label: "Ctrl-c",
        action: Action::Quit,
        help: "quit",
    },
    Binding {
        modes: ALL,
        keys: &[ctrl('z')],
        label: "Ctrl-z",
        action: Action::Suspend,
        help: "suspend to the shell (fg to return)",
    },
    Binding {
        modes: FILTERS,
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        action: Action::AcceptFilter,
        help: "keep the filter, back to reading",
    },
    Binding {
        modes: FILTERS,
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        action: Action::ClearFilter,
        help: "clear the filter",
    },
    Binding {
        modes: FILTERS,
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
        modes: FILTERS,
        keys: &[code(KeyCode::Up)],
        label: "↑ ↓",
        action: Action::History(-1),
        help: "earlier / later filters (kept between runs)",
    },
    Binding {
        modes: FILTERS,
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
