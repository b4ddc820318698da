//! What can happen to the reader: user intents and background results.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ScrollLines(i32),
    HalfPage(i32),
    Page(i32),
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    FocusColumn(usize),
    MoreColumns,
    FewerColumns,
    ToggleZoom,
    ToggleSync,
    OpenFilter,
    AcceptFilter,
    ClearFilter,
    NextMatch,
    PrevMatch,
    OpenSpeakers,
    PanelMove(i32),
    PanelSelect,
    OpenCompare,
    CopyQuote,
    ToggleHelp,
    Close,
    Insert(char),
    Backspace,
    Suspend,
    Quit,
    /// Mouse wheel over column N (when --mouse is on).
    Wheel {
        column: usize,
        lines: i32,
    },
    /// Click on column N.
    Click {
        column: usize,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

use crate::session::SearchRequest;

/// Side effects the loop performs for the update function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Search passages for a query; the reply comes back as an event.
    Search(SearchRequest),
    /// Write text to the clipboard (OSC 52).
    Copy(String),
    Suspend,
}
