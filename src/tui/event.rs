//! Every message of the reader: [`Event`]s the loop feeds in, [`Action`]s
//! the keymap (or the mouse, or a resize) makes of them, [`Effect`]s the
//! update asks the loop to perform, and why it [`Quit`].

use ratatui::crossterm::event::Event as TermEvent;

use super::document::Document;
use crate::session::{SearchReply, SearchRequest, SearchService};

/// Events the loop feeds in.
#[derive(Debug)]
pub enum Event {
    Input(TermEvent),
    /// The story finished loading and analysing. The event loop keeps the
    /// search service (it performs [`Effect::Search`]); the app the document.
    Loaded {
        document: Box<Document>,
        search: Option<SearchService>,
    },
    Progress(String),
    /// Nothing usable loaded: why. The reader shows it and waits for `q`,
    /// drawing nothing more.
    LoadFailed(String),
    /// Results for a filter request.
    SearchDone(SearchReply),
    Signal(i32),
    /// SIGTSTP from outside (`kill -TSTP`): suspend as for `Ctrl-z`.
    Stop,
    /// SIGCONT: the terminal may have been changed while the reader was
    /// stopped (an external SIGSTOP, then `fg`): take it again and redraw.
    Continue,
    /// The terminal hung up, or input or output failed: nobody is there.
    TerminalLost,
    Tick,
}

/// Why the reader stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quit {
    /// The reader asked to quit (`q`, Ctrl-c).
    User,
    /// A signal (TERM, HUP, INT, QUIT) arrived.
    Signal(i32),
    /// The terminal went away (hang-up without a SIGHUP, EOF or an I/O
    /// error on it).
    TerminalLost,
}

/// What the reader is asked to do. The keymap knows the mode, so each
/// action means one thing (typing in the filter is not typing in the panel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    // Reading.
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
    NextMatch,
    PrevMatch,
    /// Esc while reading or filtering: the filter (or speaker) goes.
    ClearFilter,
    OpenFilter,
    OpenSpeakers,
    /// Compare the active speaker's (or the current quote's) quotes.
    OpenCompare,
    CopyQuote,
    ToggleHelp,
    // The filter prompt.
    FilterInsert(char),
    FilterBackspace,
    AcceptFilter,
    // The speakers panel.
    PanelInsert(char),
    PanelBackspace,
    PanelMove(i32),
    PanelSelect,
    PanelCompare,
    PanelCopy,
    // The compare view.
    CompareScroll(i32),
    CompareCopy,
    /// Close the panel, compare view or help.
    Close,
    // Anywhere.
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

impl Action {
    /// Typing and resizing keep the status message; everything else clears it.
    pub fn keeps_message(self) -> bool {
        matches!(
            self,
            Action::FilterInsert(_)
                | Action::FilterBackspace
                | Action::PanelInsert(_)
                | Action::PanelBackspace
                | Action::Resize { .. }
        )
    }
}

/// Side effects the loop performs for the update function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Search passages for a query; the reply comes back as an event.
    Search(SearchRequest),
    /// Write text to the clipboard (OSC 52).
    Copy(String),
    Suspend,
    /// Take the terminal again (raw mode, alternate screen) and redraw
    /// everything: it was continued after a stop the reader did not make.
    Resume,
}
