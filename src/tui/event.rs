//! Every message of the reader: [`Event`]s the loop feeds in, [`Action`]s
//! the keymap (or the mouse, or a resize) makes of them, [`Effect`]s the
//! update asks the loop to perform, and why it [`Quit`].

use ratatui::crossterm::event::Event as TermEvent;

use super::document::Library;
use crate::corpus::Story;
use crate::session::{SearchReply, SearchRequest, SearchService};

/// Events the loop feeds in.
#[derive(Debug)]
pub enum Event {
    Input(TermEvent),
    /// The input finished loading and analysing. The event loop keeps the
    /// search service (it performs [`Effect::Search`]; it searches the
    /// whole input); the app the story or the story list.
    Loaded {
        document: Box<Library>,
        search: Option<SearchService>,
    },
    /// The first articles, while the rest loads and is analysed: the
    /// reader shows them at once (sent again, longer, while the first
    /// batches were short).
    Preview(Box<Story>),
    /// The search service, started as soon as the input loaded (before
    /// grouping and analysis): the loop keeps it, the app searches the
    /// filter typed so far.
    SearchReady(Option<SearchService>),
    /// How loading is going, in a few words.
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
    /// Move the focused column's current quote (▶) by one: any quote, or
    /// only quotes shared with another source.
    StepQuote {
        dir: i32,
        shared: bool,
    },
    /// Open the current match in its full article, or back to the matches.
    OpenMatch,
    /// Esc while reading or filtering: the filter (or speaker) goes.
    ClearFilter,
    OpenFilter,
    OpenSpeakers,
    /// Compare the active speaker's (or the current quote's) quotes.
    OpenCompare,
    CopyQuote,
    /// `m`: the next letter sets a mark (the focused column's place).
    MarkPrefix,
    /// `'`: the next letter jumps to its mark.
    JumpPrefix,
    SetMark(char),
    JumpMark(char),
    /// Show what is known about the focused article (source, date, title, URL).
    ShowInfo,
    /// Copy the focused article's URL.
    CopyUrl,
    ToggleHelp,
    /// Back to the story list (the input holds several stories).
    StoryList,
    /// Open the story chosen in the list side by side.
    OpenStory,
    // The filter prompt.
    FilterInsert(char),
    FilterBackspace,
    AcceptFilter,
    /// Line editing in the filter prompt or the panel.
    Edit(Edit),
    /// Up/Down in the filter prompt: older/newer queries.
    History(i32),
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
                | Action::Edit(_)
                | Action::History(_)
                | Action::MarkPrefix
                | Action::JumpPrefix
                | Action::FilterBackspace
                | Action::PanelInsert(_)
                | Action::PanelBackspace
                | Action::Resize { .. }
        )
    }
}

/// Readline-style edits of the prompt being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    Home,
    End,
    /// Ctrl-u: everything before the cursor.
    KillToStart,
    /// Ctrl-w: the word before the cursor.
    KillWord,
    /// Delete: the char under the cursor.
    Delete,
}

/// Side effects the loop performs for the update function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Search passages for a query; the reply comes back as an event.
    Search(SearchRequest),
    /// Write text to the clipboard (OSC 52).
    Copy(String),
    /// Keep the filter history (oldest first) in the user's state directory.
    SaveHistory(Vec<String>),
    /// Keep the story list's filter history (oldest first), likewise.
    SaveStoryHistory(Vec<String>),
    Suspend,
    /// Take the terminal again (raw mode, alternate screen) and redraw
    /// everything: it was continued after a stop the reader did not make.
    Resume,
}
