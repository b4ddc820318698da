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
use super::scroll_region::Scroll;
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
    let body = body_of(area);
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

/// Between the header line and the status line.
fn body_of(area: Rect) -> Rect {
    Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    }
}

/// The zoomed column's text moved `lines` rows (positive: up) since the
/// last frame ([`App::take_text_moved`]): the screen rows it moved in, as
/// [`render`] lays them out on the app's screen. None when the screen
/// shows something else.
pub fn text_scroll(app: &App, lines: i64) -> Option<Scroll> {
    let g = app.geometry;
    let area = Rect::new(0, 0, g.width, g.height);
    let shown = app.zoom && app.doc.is_some() && !app.in_story_list();
    if !shown || lines == 0 || area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let text = column::text_area(body_of(area))?;
    Some(Scroll {
        rows: text.top()..text.bottom(),
        lines: lines.clamp(-i64::from(u16::MAX), i64::from(u16::MAX)) as i32,
    })
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
