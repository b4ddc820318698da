//! The story list: a header (how many stories, the filter), one row per
//! story (number, headline with the filter's matches marked, sources,
//! dates, shared speakers), a "single-source" heading above the stories
//! only one source told, and the status line (the filter prompt or hints).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::truncate;
use crate::search::highlights;
use crate::session::StorySummary;
use crate::text::count;
use crate::tui::app::{App, ListRow, StoryList};
use crate::tui::event::Action;
use crate::tui::keymap::{Mode, hint};
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame<'_>, app: &App, list: &StoryList, theme: &Theme, area: Rect) {
    header(frame, app, list, theme, Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    };
    let rows = list.rows();
    for (i, row) in rows
        .iter()
        .skip(list.scroll)
        .take(body.height as usize)
        .enumerate()
    {
        let y = body.y + i as u16;
        let line = match *row {
            ListRow::SingleSource => Line::styled(" single-source", theme.header),
            ListRow::Story(e, selected) => story_row(list, e, selected, body.width, theme),
        };
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..body
            },
        );
    }
    if rows.is_empty() {
        frame.render_widget(
            Line::styled("  no story matches", theme.dim),
            Rect {
                y: body.y,
                height: 1,
                ..body
            },
        );
    }
    status(
        frame,
        app,
        list,
        theme,
        Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        },
    );
}

fn header(frame: &mut Frame<'_>, app: &App, list: &StoryList, theme: &Theme, area: Rect) {
    let width = area.width as usize;
    let articles: usize = list.entries.iter().map(|e| e.summary.articles).sum();
    let mut parts = vec![format!(
        "{} from {}",
        count(list.entries.len(), "story", "stories"),
        count(articles, "article", "articles")
    )];
    if list.shown.is_some() {
        parts.push(format!(
            "/{}: {}",
            truncate(&list.shown_text, 16),
            list.visible.len()
        ));
    }
    let mode = if app.mode == Mode::StoryFilter {
        "FILTER"
    } else {
        "STORIES"
    };
    let tail = format!(
        "│ {mode} │ {} help ",
        hint(Mode::Stories, Action::ToggleHelp)
    );
    let room = width.saturating_sub(tail.width() + 1);
    let head = truncate(&format!(" {}", parts.join(" │ ")), room);
    let gap = width.saturating_sub(head.width() + tail.width());
    frame.render_widget(
        Line::from(vec![
            Span::styled(head, theme.header),
            Span::styled(" ".repeat(gap), theme.header),
            Span::styled(tail, theme.dim),
        ]),
        area,
    );
}

/// `▶  1  Headline…   3 sources · 2025-04-02..2025-04-03 · 2 shared speakers`:
/// the facts on the right in their long form while the headline keeps 24
/// cells, then short (`3 src · 04-02..04-03 · 2 spk`), then none.
fn story_row<'a>(
    list: &StoryList,
    e: usize,
    selected: bool,
    width: u16,
    theme: &Theme,
) -> Line<'a> {
    let s = list.summary(e);
    let width = width as usize;
    let number_w = list.entries.len().to_string().len();
    let lead = format!(
        "{} {:>number_w$}  ",
        if selected { "▶" } else { " " },
        s.number
    );
    let facts = [facts(s, false), facts(s, true), String::new()]
        .into_iter()
        .find(|f| lead.width() + 24 + f.width() + 2 <= width || f.is_empty())
        .unwrap_or_default();
    let room = width.saturating_sub(lead.width() + facts.width() + 2);
    let title = truncate(&s.title, room);
    let gap = width.saturating_sub(lead.width() + title.width() + facts.width());
    let base = if selected {
        theme.header_focused
    } else {
        theme.text
    };
    let mut spans = vec![Span::styled(lead, base)];
    spans.extend(marked(&title, list, base, theme));
    spans.push(Span::styled(" ".repeat(gap), base));
    spans.push(Span::styled(facts, if selected { base } else { theme.dim }));
    Line::from(spans)
}

/// The right-hand facts: sources, dates, shared speakers.
fn facts(s: &StorySummary, short: bool) -> String {
    let mut parts = Vec::new();
    if short {
        parts.push(format!("{} src", s.sources));
        let dates = s.dates();
        // Month and day only: the year is rarely what tells stories apart.
        let short_date = |d: &str| d.get(5..).unwrap_or(d).to_string();
        if let (Some(a), Some(z)) = (&s.first, &s.last) {
            parts.push(if a == z {
                short_date(a)
            } else {
                format!("{}..{}", short_date(a), short_date(z))
            });
        } else if !dates.is_empty() {
            parts.push(short_date(&dates));
        }
        match s.shared_speakers.get() {
            Some(0) => {}
            Some(n) => parts.push(format!("{n} spk")),
            None => parts.push("… spk".into()),
        }
    } else {
        parts.push(count(s.sources, "source", "sources"));
        let dates = s.dates();
        if !dates.is_empty() {
            parts.push(dates);
        }
        if !s.single_source {
            // Still being counted: said so, never waited for.
            parts.push(match s.shared_speakers.get() {
                Some(n) => count(n, "shared speaker", "shared speakers"),
                None => "… shared speakers".into(),
            });
        }
    }
    parts.join(" · ")
}

/// The headline with the list filter's matches in the match style.
fn marked<'a>(title: &str, list: &StoryList, base: Style, theme: &Theme) -> Vec<Span<'a>> {
    let Some(q) = &list.shown else {
        return vec![Span::styled(title.to_string(), base)];
    };
    let ranges = highlights(title, q);
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in title.chars().enumerate() {
        let hit = ranges.iter().any(|r| r.contains(&i));
        if hit != run_hit && !run.is_empty() {
            let style = if run_hit {
                base.patch(theme.matched)
            } else {
                base
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hit = hit;
        run.push(c);
    }
    if !run.is_empty() {
        let style = if run_hit {
            base.patch(theme.matched)
        } else {
            base
        };
        spans.push(Span::styled(run, style));
    }
    spans
}

fn status(frame: &mut Frame<'_>, app: &App, list: &StoryList, theme: &Theme, area: Rect) {
    if app.mode == Mode::StoryFilter {
        let input = &list.input;
        frame.render_widget(Line::raw(format!("/{}", input.text)), area);
        let before = 1 + input.before_cursor().width();
        let x = area.x + (before as u16).min(area.width.saturating_sub(1));
        frame.set_cursor_position(Position { x, y: area.y });
        return;
    }
    let key = |a| hint(Mode::Stories, a);
    let text = match &app.message {
        Some(m) => format!(" {m}"),
        None => format!(
            " {} read side by side  {}/{} move  {} filter  {} quit  {} help",
            key(Action::OpenStory),
            key(Action::ScrollLines(1)),
            key(Action::ScrollLines(-1)),
            key(Action::OpenFilter),
            key(Action::Quit),
            key(Action::ToggleHelp),
        ),
    };
    let style = if text.starts_with(" ⚠") {
        theme.warning
    } else {
        theme.status
    };
    frame.render_widget(
        Paragraph::new(Line::styled(text, style)).style(theme.status),
        area,
    );
}
