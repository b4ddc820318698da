//! The `?` help and the gutter legend as lines of text, from the keymap in
//! effect: every mode's keys, descriptions wrapped to the help's width.

use super::Mode::*;
use super::{current, hint};
use crate::tui::event::Action;

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
pub(super) const KEYS_WIDTH: usize = 12;

/// The `?` help as lines fitting `width` cells: every mode's keys from the
/// table, then the gutter legend; descriptions wrap under themselves. The
/// story list's keys (and the key back to it) only when the input holds
/// several `stories`.
pub fn help_lines(width: usize, stories: bool) -> Vec<HelpLine> {
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
    // The story list's keys first: the reader opens on it.
    let list = if stories {
        Some(("Story list", Stories))
    } else {
        None
    };
    let sections = list.into_iter().chain([
        ("Reading", Reading),
        ("Filter prompt", Filter),
        ("Speakers panel", Speakers),
        ("Compare view", Compare),
    ]);
    let shown = |a: Action| stories || a != Action::StoryList;
    for (title, mode) in sections {
        lines.push((HelpKind::Title, String::new(), title.to_string()));
        for (keys, text) in current().help_rows_where(mode, shown) {
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
