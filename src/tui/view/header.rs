//! The top line: story, sources, active filter or speaker, mode and the
//! help key. When the line is too narrow the story title gives way first,
//! then the long forms of the rest; mode, counts and `? help` stay.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::truncate;

use crate::text::count;
use crate::tui::app::{App, Document};
use crate::tui::event::Action;
use crate::tui::keymap::{Mode, hint};
use crate::tui::theme::Theme;

/// A part of the header in its forms, longest first: the next form is used
/// when the line does not fit (an empty form leaves the part out).
struct Part {
    forms: [String; 3],
    style: Style,
}

impl Part {
    fn new(long: String, short: String, tiny: String, style: Style) -> Self {
        Self {
            forms: [long, short, tiny],
            style,
        }
    }

    /// A part that never shortens.
    fn fixed(text: String, style: Style) -> Self {
        Self::new(text.clone(), text.clone(), text, style)
    }
}

pub fn render(frame: &mut Frame<'_>, app: &App, doc: &Document, theme: &Theme, area: Rect) {
    let width = area.width as usize;
    let n = doc.story.articles.len();
    let mut parts = Vec::new();
    if app.preview {
        // The first articles while the rest loads: what is going on, and
        // a spinner (the tick redraws it).
        let spin = super::status::SPIN[app.spinner % super::status::SPIN.len()];
        parts.push(Part::new(
            format!("{spin} {}", app.loading),
            format!("{spin} loading…"),
            spin.to_string(),
            theme.header,
        ));
    }
    parts.push(Part::new(
        count(n, "source", "sources"),
        format!("{n} src"),
        String::new(),
        theme.dim,
    ));
    if let Some(m) = &app.filter.matches {
        let total: usize = m.iter().map(Vec::len).sum();
        let q = &app.filter.shown_text;
        parts.push(Part::new(
            format!("filter “{q}”: {}", count(total, "passage", "passages")),
            format!("/{}: {total}", truncate(q, 10)),
            format!("/…: {total}"),
            theme.header,
        ));
    }
    if let Some(s) = app.active_speaker {
        let slot = doc.slot(Some(s));
        let badge = slot
            .map(|k| format!("[{}] ", Theme::badge(k)))
            .unwrap_or_default();
        let name = &doc.analysis.speakers[s].name;
        parts.push(Part::new(
            format!("{badge}{name}"),
            format!("{badge}{}", truncate(name, 12)),
            format!("{badge}{}", truncate(name, 4)),
            slot.map_or(theme.name, |k| theme.speaker(k)),
        ));
    }
    let mode = match app.mode {
        Mode::Reading if app.filter.expanded => "ARTICLE",
        Mode::Reading if app.zoom => "ZOOM",
        Mode::Reading => "READ",
        Mode::Filter => "FILTER",
        Mode::Speakers => "SPEAKERS",
        Mode::Compare => "COMPARE",
        Mode::Help => "HELP",
        Mode::Stories | Mode::StoryFilter => "STORIES",
    };
    let mode = format!("{mode}{}", if app.sync { " SYNC" } else { "" });
    parts.push(Part::fixed(mode, theme.dim));
    let help = format!("{} help", hint(Mode::Reading, Action::ToggleHelp));
    parts.push(Part::fixed(help, theme.dim));

    // Each part is "│ text "; the long forms while they fit, then the
    // shorter ones, part by part from the left.
    let cost = |t: &str| if t.is_empty() { 0 } else { t.width() + 3 };
    let mut level = vec![0; parts.len()];
    let used = |level: &[usize]| -> usize {
        parts
            .iter()
            .zip(level)
            .map(|(p, &l)| cost(&p.forms[l]))
            .sum()
    };
    'shrink: for l in 1..3 {
        for i in 0..parts.len() {
            if used(&level) <= width {
                break 'shrink;
            }
            level[i] = l;
        }
    }
    // The title takes what is left (" title "), cut with an ellipsis.
    let room = width.saturating_sub(used(&level));
    let mut spans = Vec::new();
    if room >= 8 {
        let title = truncate(&doc.story.title, room - 2);
        spans.push(Span::styled(format!(" {title} "), theme.header));
    }
    for (p, l) in parts.iter().zip(level) {
        let text = &p.forms[l];
        if !text.is_empty() {
            spans.push(Span::styled(format!("│ {text} "), p.style));
        }
    }
    frame.render_widget(Line::from(spans), area);
}
