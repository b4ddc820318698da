//! The speakers panel: sorted by sources then quotes, filtered as you type.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

use super::centered;
use crate::text::count;
use crate::tui::app::{App, Document};
use crate::tui::event::Action;
use crate::tui::keymap::{Mode, hint};
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame<'_>, app: &App, doc: &Document, theme: &Theme, area: Rect) {
    let rect = centered(area, 72, area.height.saturating_sub(2).max(3));
    frame.render_widget(Clear, rect);
    let key = |a| hint(Mode::Speakers, a);
    let title = format!(
        " speakers: {}▏{} ({} jump · {} compare · {} copy · {}) ",
        app.panel.query.before_cursor(),
        &app.panel.query.text[app.panel.query.cursor..],
        key(Action::PanelSelect),
        key(Action::PanelCompare),
        key(Action::PanelCopy),
        key(Action::Close),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_style(theme.border);
    let items: Vec<ListItem<'_>> = app
        .panel
        .list
        .iter()
        .map(|&s| {
            let sp = &doc.analysis.speakers[s];
            let slot = doc.slot(Some(s));
            let badge = slot.map_or("   ".to_string(), |k| format!("[{}]", Theme::badge(k)));
            let style = slot.map_or(theme.name, |k| theme.speaker(k));
            let roles = if sp.roles.is_empty() {
                String::new()
            } else {
                format!(" — {}", sp.roles.join("; "))
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!("{badge} {}", sp.name), style),
                Span::styled(
                    format!(
                        "  {}, {}{roles}",
                        count(sp.articles.len(), "source", "sources"),
                        count(sp.quotes.len(), "quote", "quotes")
                    ),
                    theme.dim,
                ),
            ]))
        })
        .collect();
    let empty = items.is_empty();
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.header_focused)
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected((!empty).then_some(app.panel.selected));
    frame.render_stateful_widget(list, rect, &mut state);
    if empty && rect.height > 2 {
        let inner = Rect {
            x: rect.x + 2,
            y: rect.y + 1,
            width: rect.width.saturating_sub(4),
            height: 1,
        };
        frame.render_widget(Line::styled("no speaker matches", theme.dim), inner);
    }
}
