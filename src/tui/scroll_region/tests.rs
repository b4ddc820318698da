//! The wrapper on a recording backend: the bytes it writes, replayed in a
//! terminal model (the `vt100` crate), must leave exactly the frame on
//! screen; a scroll must cost a fraction of a full redraw; off, it must
//! write what the bare backend writes.

use std::io::{self, Write};

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::*;

/// A terminal of a fixed size that records the bytes crossterm writes.
struct Recorder {
    out: Vec<u8>,
    size: Size,
}

impl Recorder {
    fn new(width: u16, height: u16) -> Self {
        Self {
            out: Vec::new(),
            size: Size::new(width, height),
        }
    }

    fn crossterm(&mut self) -> CrosstermBackend<&mut Vec<u8>> {
        CrosstermBackend::new(&mut self.out)
    }
}

impl Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Backend for Recorder {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.crossterm().draw(content)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.crossterm().hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.crossterm().show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.crossterm().set_cursor_position(position)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.crossterm().clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.crossterm().clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The screen as rows of text (a wide character once), each cell's
/// colours and boldness after it.
fn buffer_screen(buf: &Buffer) -> Vec<String> {
    let mut rows = Vec::new();
    for y in 0..buf.area.height {
        let mut row = String::new();
        let mut covered = 0;
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let bold = cell.modifier.contains(Modifier::BOLD);
            let (fg, bg) = (indexed(cell.fg), indexed(cell.bg));
            row += &format!("{}[{fg:?}/{bg:?}{bold}]", cell.symbol());
            covered = cell.symbol().width().saturating_sub(1);
        }
        rows.push(row);
    }
    rows
}

/// A named colour as the terminal gets it (crossterm writes them as
/// palette indexes).
fn indexed(c: Color) -> Color {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match named.iter().position(|&n| n == c) {
        Some(i) => Color::Indexed(i as u8),
        None => c,
    }
}

/// Fails on the first row where the model terminal differs from the frame.
fn assert_screen(model: &vt100::Parser, wanted: &Buffer, context: &str) {
    let shown = model_screen(model.screen());
    let wanted = buffer_screen(wanted);
    assert_eq!(shown.len(), wanted.len(), "{context}: rows");
    if let Some(y) = (0..shown.len()).find(|&y| shown[y] != wanted[y]) {
        panic!(
            "{context}: row {y} differs\n shown: {}\nwanted: {}\n(screen: {:?})",
            shown[y],
            wanted[y],
            model.screen().contents()
        );
    }
}

/// The model terminal's screen, in [`buffer_screen`]'s terms.
fn model_screen(screen: &vt100::Screen) -> Vec<String> {
    let (height, width) = screen.size();
    let color = |c: vt100::Color| match c {
        vt100::Color::Default => Color::Reset,
        vt100::Color::Idx(i) => Color::Indexed(i),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    };
    let mut rows = Vec::new();
    for y in 0..height.get() {
        let mut row = String::new();
        for x in 0..width.get() {
            let Some(cell) = screen.cell(y, x) else {
                continue;
            };
            if cell.is_wide_continuation() {
                continue;
            }
            let symbol = if cell.has_contents() {
                cell.contents()
            } else {
                " "
            };
            row += &format!(
                "{symbol}[{:?}/{:?}{}]",
                color(cell.fgcolor()),
                color(cell.bgcolor()),
                cell.bold()
            );
        }
        rows.push(row);
    }
    rows
}

/// Replays everything written so far in a fresh model terminal.
fn replay(bytes: &[u8], width: u16, height: u16) -> vt100::Parser {
    let nz = |n: u16| std::num::NonZeroU16::new(n).expect("a screen has rows and columns");
    let mut parser = vt100::Parser::new(nz(height), nz(width), 0);
    parser.process(bytes);
    parser
}

/// Lines of an article of sorts: some styled, some with wide characters.
fn line(i: usize) -> String {
    match i % 5 {
        0 => format!("{i:03} The council met on Tuesday to discuss the harbour plan."),
        1 => format!("{i:03} 港口计划 was debated at length"),
        2 => format!("{i:03} \"We will not wait,\" the mayor said."),
        3 => String::new(),
        _ => format!("{i:03} Residents asked for a second vote on the scheme."),
    }
}

const LINES: usize = 120;

/// A reader-like frame: header, `top`.. of the text, a scrollbar-like
/// mark, status line.
fn frame(buf: &mut Buffer, top: usize) {
    let area = buf.area;
    let header = Style::default()
        .fg(Color::Indexed(15))
        .bg(Color::Indexed(4))
        .add_modifier(Modifier::BOLD);
    buf.set_style(Rect { height: 1, ..area }, header);
    buf.set_string(0, 0, format!("story · line {top}"), header);
    let body = area.height.saturating_sub(2);
    for r in 0..body {
        let i = top + r as usize;
        if i >= LINES {
            break;
        }
        let style = match i % 5 {
            2 => Style::default().fg(Color::Indexed(3)),
            4 => Style::default().fg(Color::Indexed(6)).bg(Color::Indexed(0)),
            _ => Style::default(),
        };
        buf.set_stringn(1, 1 + r, line(i), area.width as usize - 3, style);
    }
    let thumb = 1 + (top * body as usize / LINES) as u16;
    buf.set_string(area.width - 1, thumb.min(body), "┃", Style::default());
    buf.set_string(
        0,
        area.height - 1,
        format!("{top}/{LINES}"),
        Style::default().fg(Color::Indexed(8)),
    );
}

/// The text band of [`frame`].
fn text_rows(height: u16) -> Range<u16> {
    1..height - 1
}

/// Draws `tops` in turn (announcing each move when `announce`), checking
/// the model screen after every frame; the bytes of each frame.
fn run(enabled: bool, announce: bool, width: u16, height: u16, tops: &[usize]) -> Vec<usize> {
    let backend = ScrollRegion::new(Recorder::new(width, height), enabled).unwrap();
    let mut terminal = Terminal::new(backend).unwrap();
    let mut sizes = Vec::new();
    let mut last = None;
    for &top in tops {
        let moved = last.map(|l: usize| top as i32 - l as i32);
        let scroll = moved.filter(|_| announce).map(|lines| Scroll {
            rows: text_rows(height),
            lines,
        });
        terminal.backend_mut().announce(scroll);
        let before = terminal.backend().inner().out.len();
        let done = terminal
            .draw(|f| frame(f.buffer_mut(), top))
            .unwrap()
            .buffer
            .clone();
        let out = &terminal.backend().inner().out;
        sizes.push(out.len() - before);
        let model = replay(out, width, height);
        assert_screen(&model, &done, &format!("{width}x{height}, top {top}"));
        last = Some(top);
    }
    sizes
}

#[test]
fn a_one_line_scroll_moves_the_region_and_leaves_the_frame_on_screen() {
    for (w, h) in [(80, 24), (200, 50)] {
        let with = run(true, true, w, h, &[0, 1, 0]);
        let without = run(false, false, w, h, &[0, 1, 0]);
        assert!(with[0] <= without[0], "the first frame costs no more");
        for k in [1, 2] {
            assert!(
                with[k] * 4 < without[k],
                "{w}x{h}: a line scroll takes {} bytes, a redraw {}",
                with[k],
                without[k]
            );
        }
    }
    // The bytes: the band's region, then delete (down) or insert (up).
    let backend = ScrollRegion::new(Recorder::new(80, 24), true).unwrap();
    let mut terminal = Terminal::new(backend).unwrap();
    terminal.draw(|f| frame(f.buffer_mut(), 0)).unwrap();
    for (top, lines, op) in [(1, 1, "\x1b[2;23r\x1b[2H\x1b[M\x1b[r"), (0, -1, "[L")] {
        let at = terminal.backend().inner().out.len();
        terminal.backend_mut().announce(Some(Scroll {
            rows: text_rows(24),
            lines,
        }));
        terminal.draw(|f| frame(f.buffer_mut(), top)).unwrap();
        let written = String::from_utf8_lossy(&terminal.backend().inner().out[at..]).into_owned();
        assert!(written.contains(op), "{written:?}");
    }
}

#[test]
fn several_lines_and_pages_both_ways() {
    let tops = [0, 3, 25, 47, 46, 24, 2, 0, 10, 11, 12, 13, 60];
    let with = run(true, true, 80, 24, &tops);
    let without = run(false, false, 80, 24, &tops);
    let total = |s: &[usize]| s[1..].iter().sum::<usize>();
    assert!(total(&with) < total(&without), "{with:?} vs {without:?}");
    // A jump past the band: nothing to keep, plain updates (joined).
    assert!(with[12] <= without[12]);
}

#[test]
fn off_it_writes_what_the_bare_backend_writes() {
    let tops = [0, 1, 2, 30, 29];
    let mut bare = Terminal::new(Recorder::new(80, 24)).unwrap();
    let backend = ScrollRegion::new(Recorder::new(80, 24), false).unwrap();
    let mut off = Terminal::new(backend).unwrap();
    let mut last = 0;
    for top in tops {
        off.backend_mut().announce(Some(Scroll {
            rows: text_rows(24),
            lines: top as i32 - last,
        }));
        off.draw(|f| frame(f.buffer_mut(), top)).unwrap();
        bare.draw(|f| frame(f.buffer_mut(), top)).unwrap();
        last = top as i32;
    }
    assert_eq!(off.backend().inner().out, bare.backend().out);
}

#[test]
fn a_wrong_announcement_costs_no_more_than_a_redraw_and_shows_the_frame() {
    // Announced moves the text did not make: the wrong way, too far, a
    // band past the screen, a move with no change at all.
    let backend = ScrollRegion::new(Recorder::new(80, 24), true).unwrap();
    let mut with = Terminal::new(backend).unwrap();
    let mut bare = Terminal::new(Recorder::new(80, 24)).unwrap();
    let lies = [
        (5, 1..23, -5),
        (6, 1..23, 40),
        (7, 10..30, 1),
        (7, 1..23, 1),
        (8, 0..24, 3),
    ];
    with.draw(|f| frame(f.buffer_mut(), 0)).unwrap();
    bare.draw(|f| frame(f.buffer_mut(), 0)).unwrap();
    for (top, rows, lines) in lies {
        let (a, b) = (with.backend().inner().out.len(), bare.backend().out.len());
        with.backend_mut().announce(Some(Scroll { rows, lines }));
        let done = with
            .draw(|f| frame(f.buffer_mut(), top))
            .unwrap()
            .buffer
            .clone();
        let model = replay(&with.backend().inner().out, 80, 24);
        assert_screen(&model, &done, &format!("top {top}"));
        bare.draw(|f| frame(f.buffer_mut(), top)).unwrap();
        let out = &with.backend().inner().out;
        assert!(out.len() - a <= bare.backend().out.len() - b, "top {top}");
    }
}

#[test]
fn after_a_clear_the_shadow_is_blank_again() {
    let backend = ScrollRegion::new(Recorder::new(80, 24), true).unwrap();
    let mut terminal = Terminal::new(backend).unwrap();
    terminal.draw(|f| frame(f.buffer_mut(), 0)).unwrap();
    // As the loop redraws whole after a suspend.
    terminal.resize(Rect::new(0, 0, 80, 24)).unwrap();
    for top in [1, 2] {
        terminal.backend_mut().announce(Some(Scroll {
            rows: text_rows(24),
            lines: 1,
        }));
        let done = terminal
            .draw(|f| frame(f.buffer_mut(), top))
            .unwrap()
            .buffer
            .clone();
        let model = replay(&terminal.backend().inner().out, 80, 24);
        assert_screen(&model, &done, &format!("top {top}"));
    }
    // A partial clear is not modelled: no scrolling until a full one.
    terminal
        .backend_mut()
        .clear_region(ClearType::AfterCursor)
        .unwrap();
    terminal.backend_mut().announce(Some(Scroll {
        rows: text_rows(24),
        lines: 1,
    }));
    let at = terminal.backend().inner().out.len();
    terminal.draw(|f| frame(f.buffer_mut(), 3)).unwrap();
    let written = &terminal.backend().inner().out[at..];
    assert!(!written.windows(2).any(|w| w == b"[M"), "no region scroll");
}

#[test]
fn terminals_with_scroll_regions() {
    for term in [
        "xterm",
        "xterm-256color",
        "tmux-256color",
        "screen",
        "screen.xterm-256color",
        "linux",
        "rxvt-unicode-256color",
        "alacritty",
        "foot",
        "xterm-kitty",
        "st-256color",
    ] {
        assert!(supported(Some(term), None), "{term}");
    }
    for term in [
        "",
        "dumb",
        "vt100",
        "unknown",
        "emacs",
        "sterm",
        "screenish",
    ] {
        assert!(!supported(Some(term), None), "{term:?}");
    }
    assert!(!supported(None, None));
    assert!(supported(Some("dumb"), Some("on")));
    assert!(supported(None, Some("1")));
    assert!(!supported(Some("xterm-256color"), Some("off")));
    assert!(!supported(Some("tmux"), Some("0")));
    assert!(
        supported(Some("tmux"), Some("maybe")),
        "unknown switch: TERM decides"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any run of moves, announced or not, leaves each frame on screen,
    /// at sizes from tiny to wide.
    #[test]
    fn any_moves_leave_the_frame_on_screen(
        moves in proptest::collection::vec(-30i32..30, 1..12),
        width in 8u16..120,
        height in 4u16..40,
        announce in any::<bool>(),
    ) {
        let mut top = 0i32;
        let mut tops = vec![0usize];
        for m in moves {
            top = (top + m).clamp(0, LINES as i32);
            tops.push(top as usize);
        }
        run(true, announce, width, height, &tops);
    }
}

/// A wide character leaves its covered cell blank in ratatui's buffer,
/// which sends no update for it: the shadow must not keep what was there
/// before (here `i`), or a later scroll brings it back on screen.
#[test]
fn a_cell_under_a_wide_character_does_not_come_back_after_a_scroll() {
    // Found by the property below: at 11 columns the covered cell of `口`
    // is where a styled `i` was two frames before.
    run(true, true, 11, 13, &[0, 7, 16]);
}

/// The reader itself, zoomed, through the loop's draw: every frame on
/// screen as drawn; a line scroll a fraction of what it costs without the
/// region; side by side, the same bytes as without it.
#[test]
fn the_zoomed_reader_scrolls_with_the_region_and_shows_every_frame() {
    use crate::tui::harness::Harness;
    use crate::tui::runtime::draw;

    for (width, height) in [(80, 24), (200, 50)] {
        let mut h = Harness::bundled(width, height);
        let mut with =
            Terminal::new(ScrollRegion::new(Recorder::new(width, height), true).unwrap()).unwrap();
        let mut without =
            Terminal::new(ScrollRegion::new(Recorder::new(width, height), false).unwrap()).unwrap();
        for keys in [
            "", "j", "j", "k", "l", "z", "j", "j", "k", " ", "b", "d", "u", "J", "j",
        ] {
            h.keys(keys);
            let at = (
                with.backend().inner().out.len(),
                without.backend().inner().out.len(),
            );
            draw(&mut with, &mut h.app, &h.theme).unwrap();
            let done = without
                .draw(|f| crate::tui::view::render(f, &h.app, &h.theme))
                .unwrap()
                .buffer
                .clone();
            let out = &with.backend().inner().out;
            let bytes = (out.len() - at.0, without.backend().inner().out.len() - at.1);
            let model = replay(out, width, height);
            assert_screen(&model, &done, &format!("{width}x{height} after {keys:?}"));
            if h.app.zoom && (keys == "j" || keys == "k") {
                assert!(
                    bytes.0 * 3 < bytes.1,
                    "{width}x{height} {keys:?}: {bytes:?}"
                );
                // The new row goes out as one run, not a cursor move per
                // word (one more for the scrollbar cell).
                let written = String::from_utf8_lossy(&out[at.0..]).into_owned();
                let row = if keys == "j" { height - 1 } else { 4 };
                let moves = written
                    .split("\x1b[")
                    .filter_map(|seq| seq.strip_prefix(&format!("{row};")))
                    .filter(|rest| {
                        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                        digits.len() < rest.len() && digits.starts_with('H')
                    })
                    .count();
                assert!(
                    moves <= 2,
                    "{keys:?}: {moves} moves on row {row}: {written:?}"
                );
            }
            if !h.app.zoom {
                assert!(bytes.0 <= bytes.1, "side by side, {keys:?}: {bytes:?}");
            }
        }
    }
}

/// What the app announces: only the zoomed column's scroll, only when
/// nothing else about its text changed.
#[test]
fn the_app_announces_only_a_zoomed_text_moved_by_whole_lines() {
    use crate::tui::harness::Harness;
    use crate::tui::view::text_scroll;
    use ratatui::crossterm::event::KeyCode;

    let mut h = Harness::bundled(80, 24);
    let step = |h: &mut Harness, keys: &str| {
        h.keys(keys);
        h.app.take_text_moved()
    };
    assert_eq!(step(&mut h, ""), None);
    assert_eq!(step(&mut h, "j"), None, "side by side: columns share rows");
    assert_eq!(step(&mut h, "z"), None, "zooming changes the whole screen");
    assert_eq!(step(&mut h, "j"), Some(1));
    assert_eq!(step(&mut h, "jj"), Some(2), "keys between frames add up");
    assert_eq!(step(&mut h, "k"), Some(-1));
    assert_eq!(step(&mut h, ""), None, "nothing moved");
    let page = h.app.geometry.body_height as i64 - 1;
    assert_eq!(step(&mut h, " "), Some(page));
    assert_eq!(
        text_scroll(&h.app, 1),
        Some(Scroll {
            rows: 3..23,
            lines: 1
        }),
        "the column's text rows: below the header line and the column's two"
    );
    assert_eq!(step(&mut h, "l"), None, "another article");
    assert_eq!(step(&mut h, "?"), None, "help covers the text");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.take_text_moved(), None, "the first frame after help");
    assert_eq!(step(&mut h, "j"), Some(1));
    h.resize(100, 30);
    assert_eq!(h.app.take_text_moved(), None, "another size");
    assert_eq!(step(&mut h, "z"), None);
    assert_eq!(text_scroll(&h.app, 1), None, "not zoomed");
}
