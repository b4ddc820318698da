//! The bottom line: the filter prompt, a transient message, or key hints.

use std::num::NonZeroU16;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::corpus::sanitize;
use crate::tui::app::App;
use crate::tui::event::Action;
use crate::tui::keymap::{Mode, hint};
use crate::tui::theme::Theme;

/// The reading hints, keys from the keymap: ` q quit  / filter  …`; with
/// a story list, the key back to it first.
fn hints(app: &App) -> String {
    let key = |a| hint(Mode::Reading, a);
    let back = key(Action::StoryList);
    let back = if app.list.is_some() && !back.is_empty() {
        format!(" {back} stories ")
    } else {
        String::new()
    };
    format!(
        "{back} {} quit  {} filter  {} speakers  {}/{} next  {} sync  {} zoom  {} copy  {} help",
        key(Action::Quit),
        key(Action::OpenFilter),
        key(Action::OpenSpeakers),
        key(Action::NextMatch),
        key(Action::PrevMatch),
        key(Action::ToggleSync),
        key(Action::ToggleZoom),
        key(Action::CopyQuote),
        key(Action::ToggleHelp),
    )
}

pub fn render(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    if app.mode == Mode::Filter {
        let input = &app.filter.input;
        let prompt = format!("/{}", input.text);
        let searching = app.filter.shown_text != input.text && !input.text.is_empty();
        let tail = if searching { "  …" } else { "" };
        frame.render_widget(
            Line::from(vec![
                Span::raw(prompt.clone()),
                Span::styled(tail, theme.dim),
            ]),
            area,
        );
        let before = 1 + input.before_cursor().width();
        let x = area.x + (before as u16).min(area.width.saturating_sub(1));
        frame.set_cursor_position(Position { x, y: area.y });
        return;
    }
    let (text, style) = match &app.message {
        Some(m) if m.starts_with('⚠') => (format!(" {m}"), theme.warning),
        Some(m) => (format!(" {m}"), theme.status),
        None => (hints(app), theme.status),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(text.clone(), style)).style(theme.status),
        area,
    );
    if let (true, Some(url)) = (app.hyperlinks, &app.message_link)
        && let Some(at) = text.find(url.as_str())
    {
        let x = area.x + text[..at].width() as u16;
        hyperlink(frame.buffer_mut(), x, area.y, area.right(), url);
    }
}

/// Makes the cells from `x` showing `url` an OSC 8 hyperlink to it: the
/// first cell carries the whole link with its width forced, the others are
/// covered by it. Only plain printable ASCII URLs (the sanitiser already
/// removed every control character): anything else stays plain text.
fn hyperlink(buf: &mut Buffer, x: u16, y: u16, right: u16, url: &str) {
    if url.is_empty() || !url.bytes().all(|b| b.is_ascii_graphic()) || x >= right {
        return;
    }
    let shown = &url[..url.len().min((right - x) as usize)];
    let Some(width) = NonZeroU16::new(shown.len() as u16) else {
        return;
    };
    let style = buf[(x, y)].style();
    buf[(x, y)]
        .set_symbol(&format!("\x1b]8;;{url}\x1b\\{shown}\x1b]8;;\x1b\\"))
        .set_style(style)
        .set_diff_option(CellDiffOption::ForcedWidth(width));
}

/// Loading failed: the whole message, wrapped and centred vertically
/// (sanitised: it quotes file names and contents), and how to quit.
pub fn failed(frame: &mut Frame<'_>, why: &str, theme: &Theme) {
    let area = frame.area();
    let text = format!(
        "{}  ({} quits)",
        sanitize(why).0,
        hint(Mode::Reading, Action::Quit)
    );
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    // Paths hold hyphens: break only at spaces (and inside words too long
    // for a line).
    let options =
        textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation);
    let lines: Vec<Line> = textwrap::wrap(&text, options)
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.warning))
        .collect();
    let height = (lines.len() as u16).min(area.height);
    let y = area.y + (area.height - height) / 2;
    frame.render_widget(Paragraph::new(lines), Rect { y, height, ..area });
}

/// The loading spinner's frames.
pub(super) const SPIN: [char; 4] = ['|', '/', '-', '\\'];

pub fn loading(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = frame.area();
    let msg = format!(
        " {} {}  ({} quits)",
        SPIN[app.spinner % 4],
        app.loading,
        hint(Mode::Reading, Action::Quit)
    );
    let y = area.y + area.height / 2;
    frame.render_widget(
        Line::styled(msg, theme.header),
        Rect {
            y,
            height: 1,
            ..area
        },
    );
}
