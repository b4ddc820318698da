//! Pure rendering: `render` draws the app into a frame and changes nothing.
//! One module per part of the screen. Reads the app and the document; key
//! names come from the keymap.

mod column;
mod compare;
mod header;
mod help;
mod panel;
mod status;
mod stories;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::app::{App, MIN_HEIGHT, MIN_WIDTH};
use super::keymap::Mode;
use super::theme::Theme;
pub(super) use super::wrap::truncate;

pub fn render(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "terminal too small ({}x{}, need {MIN_WIDTH}x{MIN_HEIGHT})",
            area.width, area.height
        );
        frame.render_widget(Line::styled(msg, theme.warning), Rect { height: 1, ..area });
        return;
    }
    if let (true, Some(list)) = (app.in_story_list(), &app.list) {
        stories::render(frame, app, list, theme, area);
        if app.mode == Mode::Help {
            let body = Rect {
                y: area.y + 1,
                height: area.height - 2,
                ..area
            };
            help::render(frame, app, theme, body);
        }
        return;
    }
    let Some(doc) = &app.doc else {
        match &app.failed {
            Some(why) => status::failed(frame, why, theme),
            None => status::loading(frame, app, theme),
        }
        return;
    };
    header::render(frame, app, doc, theme, Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    };
    column::render_all(frame, app, doc, theme, body);
    status::render(
        frame,
        app,
        theme,
        Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        },
    );
    match app.mode {
        Mode::Speakers => panel::render(frame, app, doc, theme, body),
        Mode::Compare => compare::render(frame, app, doc, theme, body),
        Mode::Help => help::render(frame, app, theme, body),
        Mode::Reading | Mode::Filter | Mode::Stories | Mode::StoryFilter => {}
    }
}

/// A centred rectangle of at most `w`×`h` inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
