//! The user's keys (from the config file) merged over the defaults, in
//! every mode: the sections of a config file's `[keys]` (one per mode the
//! keymap knows), the action names each takes, which keys a section may
//! not take, and the labels the help shows for the keys in effect.

use ratatui::crossterm::event::KeyCode;

use super::Mode::{self, *};
use super::bindings::{BINDINGS, Binding};
use super::key::Key;
use super::{Bound, Keymap};
use crate::tui::event::{Action, Edit};

/// A part of the keymap a config file sets on its own: `[keys]` for
/// reading (and the scrolling keys the help shares), `[keys.NAME]` for
/// the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Reading,
    /// The `/` prompt's own keys (Enter, Esc, history).
    Filter,
    /// Line editing, in every prompt.
    Prompt,
    Speakers,
    Compare,
    Help,
    /// The story list.
    StoryList,
}

impl Section {
    /// Every section, in the order a config file is applied and printed.
    pub const ALL: &[Section] = &[
        Section::Reading,
        Section::Filter,
        Section::Prompt,
        Section::Speakers,
        Section::Compare,
        Section::Help,
        Section::StoryList,
    ];

    /// The section's table in a config file.
    pub fn table(self) -> &'static str {
        match self {
            Section::Reading => "keys",
            Section::Filter => "keys.filter_prompt",
            Section::Prompt => "keys.editing",
            Section::Speakers => "keys.speakers_panel",
            Section::Compare => "keys.compare_view",
            Section::Help => "keys.help_view",
            Section::StoryList => "keys.story_list",
        }
    }

    /// The section named `name` under `[keys]` (`filter_prompt`, `editing`, …).
    pub fn named(name: &str) -> Option<Section> {
        Section::ALL
            .iter()
            .copied()
            .find(|s| s.table().strip_prefix("keys.") == Some(name))
    }

    /// What the section's keys do, for the default config's comments.
    pub fn about(self) -> &'static str {
        match self {
            Section::Reading => {
                "Reading keys (the scrolling ones scroll the help too, unless [keys.help_view] says otherwise)"
            }
            Section::Filter => "The / prompt, in a story and in the story list",
            Section::Prompt => {
                "Line editing in every prompt (/, the speakers panel, the story list's /)"
            }
            Section::Speakers => "The speakers panel (p)",
            Section::Compare => "The compare view (c)",
            Section::Help => "The help (?)",
            Section::StoryList => "The story list (when the input holds several stories)",
        }
    }

    /// The actions a config file may rebind here, by name.
    pub fn actions(self) -> &'static [(&'static str, Action)] {
        match self {
            Section::Reading => NAMES,
            Section::Filter => &[
                ("accept", Action::AcceptFilter),
                ("clear", Action::ClearFilter),
                ("backspace", Action::FilterBackspace),
                ("earlier", Action::History(-1)),
                ("later", Action::History(1)),
            ],
            Section::Prompt => &[
                ("left", Action::Edit(Edit::Left)),
                ("right", Action::Edit(Edit::Right)),
                ("start", Action::Edit(Edit::Home)),
                ("end", Action::Edit(Edit::End)),
                ("delete_to_start", Action::Edit(Edit::KillToStart)),
                ("delete_word", Action::Edit(Edit::KillWord)),
                ("delete", Action::Edit(Edit::Delete)),
            ],
            Section::Speakers => &[
                ("backspace", Action::PanelBackspace),
                ("next", Action::PanelMove(1)),
                ("previous", Action::PanelMove(-1)),
                ("jump", Action::PanelSelect),
                ("compare", Action::PanelCompare),
                ("copy", Action::PanelCopy),
                ("close", Action::Close),
            ],
            Section::Compare => &[
                ("down", Action::CompareScroll(1)),
                ("up", Action::CompareScroll(-1)),
                ("copy", Action::CompareCopy),
                ("close", Action::Close),
            ],
            Section::Help => &[
                ("down", Action::ScrollLines(1)),
                ("up", Action::ScrollLines(-1)),
                ("half_page_down", Action::HalfPage(1)),
                ("half_page_up", Action::HalfPage(-1)),
                ("page_down", Action::Page(1)),
                ("page_up", Action::Page(-1)),
                ("top", Action::Top),
                ("bottom", Action::Bottom),
                ("close", Action::Close),
            ],
            Section::StoryList => &[
                ("down", Action::ScrollLines(1)),
                ("up", Action::ScrollLines(-1)),
                ("page_down", Action::Page(1)),
                ("page_up", Action::Page(-1)),
                ("top", Action::Top),
                ("bottom", Action::Bottom),
                ("open", Action::OpenStory),
                ("filter", Action::OpenFilter),
                ("clear", Action::ClearFilter),
                ("help", Action::ToggleHelp),
                ("quit", Action::Quit),
            ],
        }
    }

    /// The action named `name` here.
    pub fn action(self, name: &str) -> Option<Action> {
        self.actions()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, a)| a)
    }

    /// True if typing goes on in this section's modes: a plain character
    /// bound here could no longer be typed.
    pub fn types_text(self) -> bool {
        matches!(self, Section::Filter | Section::Prompt | Section::Speakers)
    }

    /// Whether this section sets binding `b` in `mode`.
    fn covers(self, mode: Mode, b: &Binding) -> bool {
        if global(b) {
            return false;
        }
        let editing = matches!(b.action, Action::Edit(_));
        match self {
            Section::Reading => mode == Reading || (mode == Help && b.modes.contains(&Reading)),
            Section::Filter => matches!(mode, Filter | StoryFilter) && !editing,
            Section::Prompt => editing,
            Section::Speakers => mode == Speakers && !editing,
            Section::Compare => mode == Compare,
            Section::Help => mode == Help,
            Section::StoryList => mode == Stories,
        }
    }
}

/// The names of the reading actions a config file may rebind (`[keys]`).
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
    ("stories", Action::StoryList),
    ("quit", Action::Quit),
];

/// The keys of every mode (Ctrl-c quits, Ctrl-z suspends): never rebound.
fn global(b: &Binding) -> bool {
    b.modes.len() == Mode::ALL.len()
}

/// Why `key` cannot be given to an action in `section`, if it cannot.
pub fn refused(section: Section, key: Key) -> Option<String> {
    let taken = BINDINGS.iter().find(|b| global(b) && b.keys.contains(&key));
    if let Some(b) = taken {
        return Some(format!(
            "{} is kept for \"{}\" everywhere",
            key.name(),
            b.help
        ));
    }
    if section.types_text() && !key.ctrl && matches!(key.code, KeyCode::Char(_)) {
        return Some(format!(
            "{} is typed in the prompt: use Ctrl- or a named key",
            key.name()
        ));
    }
    None
}

/// One override: in `section`, `action` has exactly `keys`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub section: Section,
    pub action: Action,
    pub keys: Vec<Key>,
}

impl Keymap {
    /// The defaults with `overrides` merged over them, in order: an
    /// overridden action has exactly those keys in the modes its section
    /// covers, and another action there that had one of them loses it.
    pub fn with_overrides(overrides: &[Override]) -> Self {
        let mut map = Self::default();
        for o in overrides {
            let targets: Vec<usize> = (0..map.bound.len())
                .filter(|&i| {
                    let b = &map.bound[i];
                    b.action == o.action && o.section.covers(b.mode, &BINDINGS[b.table])
                })
                .collect();
            // One row per mode: the first binding of the action there takes
            // the keys, others (Esc and q both close) none. A mode whose
            // keys are already those is left as it is.
            let mut modes: Vec<Mode> = Vec::new();
            for &i in &targets {
                let mode = map.bound[i].mode;
                let current: Vec<Key> = targets
                    .iter()
                    .filter(|&&t| map.bound[t].mode == mode)
                    .flat_map(|&t| map.bound[t].keys.iter().copied())
                    .collect();
                if current == o.keys {
                    continue;
                }
                let b = &mut map.bound[i];
                b.keys = if modes.contains(&mode) {
                    Vec::new()
                } else {
                    modes.push(mode);
                    o.keys.clone()
                };
            }
            for (i, b) in map.bound.iter_mut().enumerate() {
                if !targets.contains(&i) && modes.contains(&b.mode) && !global(&BINDINGS[b.table]) {
                    b.keys.retain(|k| !o.keys.contains(k));
                }
            }
        }
        map.relabel();
        map
    }

    /// Labels from the keys in effect; pairs that share a help row
    /// (`] [`) show the first key of each.
    fn relabel(&mut self) {
        for i in 0..self.bound.len() {
            let (mode, table) = (self.bound[i].mode, &BINDINGS[self.bound[i].table]);
            if self.bound[i].keys == table.keys {
                continue;
            }
            let group: Vec<usize> = (0..self.bound.len())
                .filter(|&j| {
                    let other = &BINDINGS[self.bound[j].table];
                    self.bound[j].mode == mode
                        && other.label == table.label
                        && other.help == table.help
                })
                .collect();
            let names: Vec<String> = if group.len() > 1 {
                group
                    .iter()
                    .filter_map(|&j| self.bound[j].keys.first().map(|k| k.name()))
                    .collect()
            } else {
                self.bound[i].keys.iter().map(|k| k.name()).collect()
            };
            for j in group {
                self.bound[j].label = names.join(" ");
            }
        }
    }

    /// Every key that does `action` where `section` sets it (in its first
    /// mode that has the action).
    pub fn keys_of(&self, section: Section, action: Action) -> Vec<Key> {
        let covered = |b: &&Bound| b.action == action && section.covers(b.mode, &BINDINGS[b.table]);
        let Some(mode) = self.bound.iter().find(covered).map(|b| b.mode) else {
            return Vec::new();
        };
        self.bound
            .iter()
            .filter(covered)
            .filter(|b| b.mode == mode)
            .flat_map(|b| b.keys.iter().copied())
            .collect()
    }
}
