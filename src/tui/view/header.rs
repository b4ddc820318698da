//! The top line: story, sources, active filter or speaker, mode.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::{App, Document};
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame<'_>, app: &App, doc: &Document, theme: &Theme, area: Rect) {
    let mut spans = vec![
        Span::styled(format!(" {} ", doc.story.title), theme.header),
        Span::styled(
            format!("│ {} sources ", doc.story.articles.len()),
            theme.dim,
        ),
    ];
    if let Some(m) = &app.filter.matches {
        let total: usize = m.iter().map(Vec::len).sum();
        spans.push(Span::styled(
            format!("│ filter “{}”: {total} passages ", app.filter.shown_text),
            theme.header,
        ));
    }
    if let Some(s) = app.active_speaker {
        let slot = doc.slot(Some(s));
        let style = slot.map_or(theme.name, |k| theme.speaker(k));
        let badge = slot
            .map(|k| format!("[{}] ", Theme::badge(k)))
            .unwrap_or_default();
        spans.push(Span::styled(
            format!("│ {badge}{} ", doc.analysis.speakers[s].name),
            style,
        ));
    }
    let mode = match app.mode {
        Mode::Reading if app.zoom => "ZOOM",
        Mode::Reading => "READ",
        Mode::Filter => "FILTER",
        Mode::Speakers => "SPEAKERS",
        Mode::Compare => "COMPARE",
        Mode::Help => "HELP",
    };
    spans.push(Span::styled(
        format!("│ {mode}{} ", if app.sync { " SYNC" } else { "" }),
        theme.dim,
    ));
    frame.render_widget(Line::from(spans), area);
}
