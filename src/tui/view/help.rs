//! The `?` overlay, generated from the keymap table: scrolls (its lines
//! and position come from the app), wraps to its width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::tui::app::{App, HELP_WIDTH};
use crate::tui::event::Action;
use crate::tui::keymap::{HelpKind, Mode, help_lines, hint};
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let rect = centered(area, HELP_WIDTH as u16, area.height);
    let (width, height) = (
        rect.width.saturating_sub(2) as usize,
        rect.height.saturating_sub(2) as usize,
    );
    let all = help_lines(width, app.list.is_some());
    let max = all.len().saturating_sub(height.max(1));
    let scroll = app.help_scroll.min(max);
    let lines: Vec<Line<'_>> = all
        .into_iter()
        .skip(scroll)
        .take(height)
        .map(|(kind, keys, text)| match kind {
            HelpKind::Title => Line::styled(text, theme.header),
            HelpKind::Blank => Line::raw(""),
            HelpKind::Entry | HelpKind::More => Line::from(vec![
                Span::styled(format!("  {keys:<12}"), theme.name),
                Span::raw(text),
            ]),
        })
        .collect();
    frame.render_widget(Clear, rect);
    let key = |a| hint(Mode::Help, a);
    let position = if max == 0 {
        String::new()
    } else {
        let last = (scroll + height).min(max + height);
        format!(
            " {}/{} {}/{} {} {}/{} scroll ",
            last,
            max + height,
            key(Action::ScrollLines(1)),
            key(Action::ScrollLines(-1)),
            key(Action::Page(1)),
            key(Action::Top),
            key(Action::Bottom),
        )
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " keys ({} or {} closes) ",
            hint(Mode::Reading, Action::ToggleHelp),
            key(Action::Close)
        ))
        .title_bottom(Line::from(position).right_aligned())
        .border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
