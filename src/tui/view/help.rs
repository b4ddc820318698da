//! The `?` overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::tui::event::Action;
use crate::tui::keymap::{Mode, help_rows, hint};
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame<'_>, theme: &Theme, area: Rect) {
    let mut lines: Vec<Line<'_>> = Vec::new();
    for (title, mode) in [
        ("Reading", Mode::Reading),
        ("Filter prompt", Mode::Filter),
        ("Speakers panel", Mode::Speakers),
        ("Compare view", Mode::Compare),
    ] {
        lines.push(Line::styled(title, theme.header));
        for (keys, help) in help_rows(mode) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<12}"), theme.name),
                Span::raw(help),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("Gutter: A-L shared speaker · ≈ same words in another source · ≠ attributed differently · ▶ current quote", theme.dim));
    let rect = centered(area, 76, area.height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " keys ({} or {} closes) ",
            hint(Mode::Reading, Action::ToggleHelp),
            hint(Mode::Help, Action::Close)
        ))
        .border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
