//! The user's keys (from the config file) merged over the defaults: the
//! action names a config file uses, which bindings it may change, and
//! the labels the help shows for the keys in effect.

use super::Mode::{self, *};
use super::bindings::BINDINGS;
use super::key::Key;
use super::{Bound, Keymap};
use crate::tui::event::Action;

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

    /// Every key that does `action` in `mode`.
    pub fn keys_of(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.bound
            .iter()
            .filter(|b| b.modes.contains(&mode) && b.action == action && rebindable(b))
            .flat_map(|b| b.keys.iter().copied())
            .collect()
    }
}
