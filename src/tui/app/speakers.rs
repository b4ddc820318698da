//! Speakers: the panel (type to narrow, Enter to jump every column to the
//! speaker's quote), n/N through a speaker's quotes, the compare view,
//! copying a quote with its attribution, and the article's info and link.

use super::App;
use super::prompt::Line;
use crate::text::count;
use crate::tui::event::{Action, Effect};
use crate::tui::keymap::{Mode, hint};

#[derive(Debug, Clone, Default)]
pub struct Panel {
    pub query: Line,
    pub list: Vec<usize>,
    pub selected: usize,
}

impl App {
    pub(super) fn open_speakers(&mut self) {
        self.mode = Mode::Speakers;
        self.panel.query.clear();
        self.refresh_panel();
    }

    pub(super) fn panel_insert(&mut self, c: char) {
        self.panel.query.insert(c);
        self.refresh_panel();
    }

    pub(super) fn panel_backspace(&mut self) {
        self.panel.query.backspace();
        self.refresh_panel();
    }

    pub(super) fn panel_move(&mut self, d: i32) {
        let n = self.panel.list.len();
        if n > 0 {
            self.panel.selected =
                (self.panel.selected as i64 + d as i64).rem_euclid(n as i64) as usize;
        }
    }

    pub(super) fn panel_select(&mut self) {
        if let Some(&s) = self.panel.list.get(self.panel.selected) {
            self.select_speaker(s);
        }
        self.mode = Mode::Reading;
    }

    /// The speaker chosen in the panel, if any.
    fn panel_speaker(&self) -> Option<usize> {
        self.panel.list.get(self.panel.selected).copied()
    }

    /// Compare: the active speaker, else the current quote's speaker.
    pub(super) fn open_compare(&mut self) {
        let speaker = self
            .active_speaker
            .or_else(|| self.current_quote().and_then(|q| self.quote(q).speaker));
        self.compare(speaker);
    }

    pub(super) fn panel_compare(&mut self) {
        self.compare(self.panel_speaker());
    }

    fn compare(&mut self, speaker: Option<usize>) {
        match speaker {
            Some(s) => {
                self.active_speaker = Some(s);
                self.compare_scroll = 0;
                self.mode = Mode::Compare;
            }
            None => {
                self.message = Some(format!(
                    "no speaker: choose one with {}",
                    hint(Mode::Reading, Action::OpenSpeakers)
                ))
            }
        }
    }

    pub(super) fn compare_scroll(&mut self, n: i32) {
        self.compare_scroll = (self.compare_scroll as i64 + n as i64).max(0) as usize;
    }

    pub(super) fn refresh_panel(&mut self) {
        let Some(doc) = &self.doc else { return };
        let mut list = doc.analysis.find_speakers(&self.panel.query.text);
        list.retain(|&s| !doc.analysis.speakers[s].quotes.is_empty());
        self.panel.list = list;
        self.panel.selected = 0;
    }

    pub(super) fn select_speaker(&mut self, s: usize) {
        let Some(doc) = &self.doc else { return };
        let name = doc.analysis.speakers[s].name.clone();
        let firsts: Vec<Option<usize>> = (0..self.columns.len())
            .map(|a| {
                doc.analysis.speakers[s]
                    .quotes
                    .iter()
                    .copied()
                    .find(|&q| doc.analysis.quotes[q].article == a)
            })
            .collect();
        // A filter would hide quotes: drop it.
        self.clear_filter();
        self.active_speaker = Some(s);
        let mut first_col = None;
        for (a, q) in firsts.into_iter().enumerate() {
            match q {
                Some(q) => {
                    self.columns[a].note = None;
                    self.show_quote(a, q);
                    first_col.get_or_insert(a);
                }
                None => self.columns[a].note = Some(format!("no quote from {name}")),
            }
        }
        if let Some(a) = first_col {
            self.set_focus(a);
        }
        let n = self
            .doc
            .as_ref()
            .map_or(0, |d| d.analysis.speakers[s].articles.len());
        self.message = Some(format!(
            "{name}: quoted by {} — {}/{} next/previous quote, {} compare, {} clear",
            count(n, "source", "sources"),
            hint(Mode::Reading, Action::NextMatch),
            hint(Mode::Reading, Action::PrevMatch),
            hint(Mode::Reading, Action::OpenCompare),
            hint(Mode::Reading, Action::ClearFilter)
        ));
    }

    /// n/N with a speaker chosen: their next (previous) quote, any column.
    pub(super) fn step_quote(&mut self, dir: i32) {
        let (Some(doc), Some(s)) = (&self.doc, self.active_speaker) else {
            return;
        };
        let quotes = doc.analysis.speakers[s].quotes.clone();
        if quotes.is_empty() {
            return;
        }
        let cur = self
            .current_quote()
            .and_then(|q| quotes.iter().position(|&x| x == q));
        let next = match cur {
            Some(i) => (i as i64 + dir as i64).rem_euclid(quotes.len() as i64) as usize,
            None if dir > 0 => 0,
            None => quotes.len() - 1,
        };
        let q = quotes[next];
        let a = doc.analysis.quotes[q].article;
        self.set_focus(a);
        self.show_quote(a, q);
        self.message = Some(format!("quote {} of {}", next + 1, quotes.len()));
    }

    /// y: the current quote.
    pub(super) fn copy_current(&mut self) -> Vec<Effect> {
        self.copy(self.current_quote())
    }

    /// Ctrl-y in the panel: the chosen speaker's first quote.
    pub(super) fn copy_panel(&mut self) -> Vec<Effect> {
        self.copy(self.first_quote_of(self.panel_speaker()))
    }

    /// y in the compare view: the speaker's first quote.
    pub(super) fn copy_compared(&mut self) -> Vec<Effect> {
        self.copy(self.first_quote_of(self.active_speaker))
    }

    fn first_quote_of(&self, speaker: Option<usize>) -> Option<usize> {
        let doc = self.doc.as_ref()?;
        doc.analysis.speakers.get(speaker?)?.quotes.first().copied()
    }

    /// i: the focused article's label, source, date, title and URL.
    pub(super) fn show_info(&mut self) {
        let Some(doc) = &self.doc else { return };
        let a = self.focus;
        // The status line, less its leading space.
        let width = (self.geometry.width as usize).saturating_sub(1);
        self.message = Some(doc.info(a, width));
        self.message_link = doc.story.articles[a].url.clone();
    }

    /// u: the focused article's URL to the clipboard.
    pub(super) fn copy_url(&mut self) -> Vec<Effect> {
        let Some(doc) = &self.doc else { return vec![] };
        let Some(url) = doc.story.articles[self.focus].url.clone() else {
            self.message = Some("this article has no link (URL)".into());
            return vec![];
        };
        self.message_link = Some(url.clone());
        if self.clipboard {
            self.message = Some(format!("copied: {url}"));
            vec![Effect::Copy(url)]
        } else {
            self.message = Some(format!("clipboard off: {url}"));
            vec![]
        }
    }

    fn copy(&mut self, quote: Option<usize>) -> Vec<Effect> {
        let Some(q) = quote else {
            self.message = Some("no quote here to copy".into());
            return vec![];
        };
        let text = self
            .doc
            .as_ref()
            .map(|d| d.attribution(&d.analysis.quotes[q]))
            .unwrap_or_default();
        if self.clipboard {
            self.message = Some(format!("copied: {text}"));
            vec![Effect::Copy(text)]
        } else {
            self.message = Some(format!("clipboard off: {text}"));
            vec![]
        }
    }
}
