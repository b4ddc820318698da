//! One column per article: header, gutter marks, styled text, scrollbar.

use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::text::count;
use crate::tui::app::{App, Decor, DecorKind, Document, GUTTER, SCROLLBAR};
use crate::tui::theme::Theme;
use crate::tui::wrap::{Row, Wrapped};
use unicode_width::UnicodeWidthStr;

use super::truncate;

pub fn render_all(frame: &mut Frame<'_>, app: &App, doc: &Document, theme: &Theme, area: Rect) {
    let g = app.geometry;
    let visible = app.visible_columns();
    let cw = g.column_width.min(area.width as usize);
    // Zoomed: one column at the reading width, centred.
    let left = if app.zoom {
        (area.width as usize - cw) / 2
    } else {
        0
    };
    for (k, a) in visible.enumerate() {
        let x = area.x as usize + left + k * (cw + 1);
        if x >= area.right() as usize {
            break;
        }
        let width = cw.min(area.right() as usize - x) as u16;
        let col = Rect {
            x: x as u16,
            y: area.y,
            width,
            height: area.height,
        };
        render_column(frame, app, doc, theme, a, col);
        // Separator to the right, unless this is the last drawn column.
        let sep_x = x + cw;
        if sep_x < area.right() as usize && !app.zoom {
            for y in area.top()..area.bottom() {
                frame.buffer_mut()[(sep_x as u16, y)]
                    .set_symbol("│")
                    .set_style(theme.border);
            }
        }
    }
}

fn render_column(
    frame: &mut Frame<'_>,
    app: &App,
    doc: &Document,
    theme: &Theme,
    a: usize,
    area: Rect,
) {
    if area.width == 0 || area.height < 3 {
        return;
    }
    let article = &doc.story.articles[a];
    let focused = a == app.focus;
    let buf = frame.buffer_mut();

    // Header row 1: number, label, counts, badges of shared speakers quoted here.
    let hstyle = if focused {
        theme.header_focused
    } else {
        theme.header
    };
    let facts = doc.header(a);
    let mut spans = vec![Span::styled(
        format!("{} {} ", a + 1, article.label),
        hstyle,
    )];
    // Quotes are not counted before the analysis arrives.
    let quotes = if doc.analysed {
        facts.quotes.to_string()
    } else {
        "…".to_string()
    };
    spans.push(Span::styled(
        format!("{}w {quotes}q ", facts.words),
        if focused { hstyle } else { theme.dim },
    ));
    if let Some(n) = app.match_count(a) {
        spans.push(Span::styled(
            format!("{} ", count(n, "match", "matches")),
            theme.matched,
        ));
    }
    for (slot, &s) in doc.shared.iter().enumerate() {
        if doc.analysis.speakers[s].articles.contains(&a) {
            spans.push(Span::styled(
                format!("[{}]", Theme::badge(slot)),
                theme.speaker(slot),
            ));
        }
    }
    buf.set_style(Rect { height: 1, ..area }, hstyle);
    write_spans(buf, area.x, area.y, area.width, &spans);

    // Header row 2: a note, or the title (cut with …); where the column
    // is on the right.
    let rows = app.cached_rows(a);
    let scroll = app.columns[a].scroll;
    let body_h = area.height.saturating_sub(2) as usize;
    let place = rows
        .map(|r| position(r, scroll, body_h, article.paragraphs.len()))
        .unwrap_or_default();
    let place_w = if place.width() + 12 <= area.width as usize {
        place.width() + 1
    } else {
        0
    };
    let room = (area.width as usize).saturating_sub(place_w);
    let (line2, style2) = match &app.columns[a].note {
        Some(n) => (truncate(n, room), theme.warning),
        None => (truncate(&facts.about, room), theme.dim),
    };
    write_spans(
        buf,
        area.x,
        area.y + 1,
        area.width,
        &[Span::styled(line2, style2)],
    );
    if place_w > 0 {
        let x = area.right() - place.width() as u16;
        write_spans(
            buf,
            x,
            area.y + 1,
            place.width() as u16,
            &[Span::styled(place, theme.dim)],
        );
    }

    let (Some(body), Some(rows)) = (text_area(area), rows) else {
        return;
    };
    let selected = app.columns[a].selected;
    // The current filter match stands out from the other matches.
    let current = app
        .filter
        .current_position()
        .and_then(|(ca, p)| (ca == a).then_some(p));
    let text_x = body.x + GUTTER as u16;
    let text_w = body.width.saturating_sub((GUTTER + SCROLLBAR) as u16);
    for (i, row) in rows
        .rows
        .iter()
        .skip(scroll)
        .take(body.height as usize)
        .enumerate()
    {
        let y = body.y + i as u16;
        let Row::Text {
            paragraph,
            start,
            end,
            byte_start,
            byte_end,
        } = *row
        else {
            continue;
        };
        let Some(text) = article.paragraphs.get(paragraph) else {
            continue;
        };
        let decor = &doc.decor[a][paragraph];
        let here: Vec<&Decor> = decor
            .iter()
            .filter(|d| d.start < end.max(start + 1) && d.end > start)
            .collect();
        gutter(buf, doc, theme, body.x, y, &here, start, selected);
        let line = &text[byte_start.min(text.len())..byte_end.min(text.len())];
        let matched = if current == Some(paragraph) {
            theme
                .matched
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            theme.matched
        };
        let highlights = app.highlights_of(a, paragraph);
        let spans = styled(line, start, &here, highlights, matched, theme);
        write_spans(buf, text_x, y, text_w, &spans);
    }
    // Scrollbar in the last cell.
    if rows.rows.len() > body.height as usize && body.width > GUTTER as u16 {
        let mut state = ScrollbarState::new(rows.rows.len().saturating_sub(body.height as usize))
            .position(scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some(" "))
            .thumb_symbol("┃")
            .style(theme.scrollbar);
        frame.render_stateful_widget(bar, body, &mut state);
    }
}

/// A column's text: below its two header rows (None if it has no room).
pub(super) fn text_area(column: Rect) -> Option<Rect> {
    (column.height >= 3).then(|| Rect {
        y: column.y + 2,
        height: column.height - 2,
        ..column
    })
}

/// Where a column is, as a pager says it: the paragraph at the top of the
/// view out of the article's (`¶3/11`) and how far down the view's last
/// row is (`27%`; `all` when everything is in view).
fn position(rows: &Wrapped, scroll: usize, body: usize, paragraphs: usize) -> String {
    let total = rows.rows.len();
    let top = rows.rows.iter().skip(scroll).find_map(|r| match *r {
        Row::Text { paragraph, .. } => Some(paragraph + 1),
        Row::Gap => None,
    });
    let Some(top) = top else {
        return String::new();
    };
    let shown = (scroll + body).min(total);
    let how_far = if scroll == 0 && shown >= total {
        "all".to_string()
    } else {
        format!("{}%", shown * 100 / total.max(1))
    };
    format!("¶{top}/{paragraphs} {how_far}")
}

/// Gutter: a ▶ on the current quote's first row, the shared speaker's badge
/// on a quote's first row, and ≈ (or ≠ when sources attribute the words
/// differently) beside quotes that repeat across sources.
#[allow(clippy::too_many_arguments)]
fn gutter(
    buf: &mut Buffer,
    doc: &Document,
    theme: &Theme,
    x: u16,
    y: u16,
    here: &[&Decor],
    row_start: usize,
    selected: Option<usize>,
) {
    for d in here {
        let DecorKind::Quote { quote, slot } = d.kind else {
            continue;
        };
        let q = &doc.analysis.quotes[quote];
        let starts_here = d.start >= row_start;
        if starts_here {
            let (sym, style) = if selected == Some(quote) {
                ("▶".to_string(), theme.selected_gutter)
            } else if let Some(k) = slot {
                (Theme::badge(k).to_string(), theme.speaker(k))
            } else {
                (" ".to_string(), theme.text)
            };
            buf[(x, y)].set_symbol(&sym).set_style(style);
        }
        if let Some(g) = q.group {
            let group = &doc.analysis.groups[g];
            let style = slot.map_or(theme.quote, |k| theme.speaker(k));
            // ≠ two named people; ≃ named in one source only; ≈ the same.
            let mark = if group.attributions_differ {
                "≠"
            } else if group.named_in_one_only {
                "≃"
            } else {
                "≈"
            };
            buf[(x + 1, y)].set_symbol(mark).set_style(style);
        }
    }
}

/// Splits a row into spans styled by quotes, names and filter matches.
fn styled<'a>(
    line: &'a str,
    first_char: usize,
    here: &[&Decor],
    highlights: &[Range<usize>],
    matched: Style,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let style_at = |c: usize| -> Style {
        let mut style = theme.text;
        for d in here.iter().filter(|d| c >= d.start && c < d.end) {
            style = match d.kind {
                DecorKind::Quote { slot: Some(k), .. } => theme.speaker(k),
                DecorKind::Quote { slot: None, .. } => theme.quote,
                DecorKind::Name { slot: Some(k) } => {
                    theme.speaker(k).add_modifier(Modifier::UNDERLINED)
                }
                DecorKind::Name { slot: None } => style.patch(theme.name),
            };
        }
        if highlights.iter().any(|r| r.contains(&c)) {
            style = style.patch(matched);
        }
        style
    };
    let mut spans = Vec::new();
    let mut run_start = 0;
    let mut run_style = None;
    for (i, (b, _)) in line.char_indices().enumerate() {
        let s = style_at(first_char + i);
        if run_style != Some(s) {
            if let Some(prev) = run_style {
                spans.push(Span::styled(&line[run_start..b], prev));
            }
            run_start = b;
            run_style = Some(s);
        }
    }
    if let Some(s) = run_style {
        spans.push(Span::styled(&line[run_start..], s));
    }
    spans
}

/// Writes spans left to right, never past `width` cells.
fn write_spans(buf: &mut Buffer, x: u16, y: u16, width: u16, spans: &[Span<'_>]) {
    let area = buf.area;
    if y >= area.bottom() {
        return;
    }
    let right = (x as u32 + width as u32).min(area.right() as u32) as u16;
    let mut cx = x;
    for span in spans {
        if cx >= right {
            break;
        }
        let (nx, _) = buf.set_stringn(
            cx,
            y,
            span.content.as_ref(),
            (right - cx) as usize,
            span.style,
        );
        cx = nx;
    }
}
