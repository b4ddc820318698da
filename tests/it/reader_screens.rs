//! Whole screens on ratatui's TestBackend: insta snapshots for layout (text
//! only), and buffer assertions for styles.

use crossread::corpus::{Article, Story};
use crossread::tui::harness::{Harness, buffer_text};
use crossread::tui::theme::ColorMode;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

#[test]
fn screen_80x24() {
    insta::assert_snapshot!(Harness::bundled(80, 24).screen());
}

#[test]
fn screen_120x40() {
    insta::assert_snapshot!(Harness::bundled(120, 40).screen());
}

#[test]
fn screen_200x50() {
    insta::assert_snapshot!(Harness::bundled(200, 50).screen());
}

#[test]
fn screen_20x5_is_too_small() {
    let screen = Harness::bundled(20, 5).screen();
    insta::assert_snapshot!(screen);
    let mut h = Harness::bundled(19, 5);
    assert!(h.screen().starts_with("terminal too small"));
}

#[test]
fn screen_0x0_draws_nothing_and_does_not_panic() {
    let mut h = Harness::bundled(0, 0);
    assert_eq!(h.screen(), "");
    h.keys("jjGg/ab");
    h.key(KeyCode::Esc);
    h.keys("lz+-");
    assert_eq!(h.screen(), "");
}

#[test]
fn filter_screen_shows_counts_and_matches() {
    let mut h = Harness::bundled(120, 40);
    h.keys("/fotheringham");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("1 match "));
    assert!(screen.contains("0 matches"));
    assert!(screen.lines().last().unwrap().starts_with("/fotheringham"));
}

#[test]
fn speakers_panel_and_compare_screens() {
    let mut h = Harness::bundled(120, 40);
    h.keys("p");
    insta::assert_snapshot!("speakers_panel", h.screen());
    h.keys("robinson");
    h.ctrl('o');
    let compare = h.screen();
    insta::assert_snapshot!("compare_robinson", compare);
    assert!(compare.contains("similarity"));
}

#[test]
fn help_overlay_lists_keys_from_the_keymap() {
    let mut h = Harness::bundled(120, 40);
    h.keys("?");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    for key in ["Ctrl-d", "PgDn space", "1-9", "Ctrl-z", "Enter"] {
        assert!(screen.contains(key), "{key}");
    }
}

/// Cells (x, y) whose symbols spell `needle` on one row, the first match.
fn find(buf: &Buffer, needle: &str, min_x: u16, max_x: u16) -> Option<Vec<(u16, u16)>> {
    let chars: Vec<char> = needle.chars().collect();
    for y in 0..buf.area.height {
        for x in min_x..max_x.min(buf.area.width) {
            let ok = chars.iter().enumerate().all(|(i, c)| {
                let xi = x + i as u16;
                xi < max_x && buf[(xi, y)].symbol() == c.to_string()
            });
            if ok {
                return Some((0..chars.len() as u16).map(|i| (x + i, y)).collect());
            }
        }
    }
    None
}

fn style_of(buf: &Buffer, cells: &[(u16, u16)]) -> Style {
    let c = &buf[cells[0]];
    Style::default().fg(c.fg).bg(c.bg).add_modifier(c.modifier)
}

#[test]
fn a_shared_speaker_has_one_style_in_every_column() {
    // 200x50 shows three columns; Ivy Yang is quoted in Source 1 and 3.
    let mut h = Harness::bundled(200, 50);
    h.keys("p");
    h.keys("yang");
    h.key(KeyCode::Enter);
    let buf = h.render();
    let col_w = h.app.geometry.column_width as u16 + 1;
    let in_1 = find(&buf, "rare moments", 0, col_w).expect("Source 1 quote on screen");
    let in_3 =
        find(&buf, "community building", 2 * col_w, 3 * col_w).expect("Source 3 quote on screen");
    let (s1, s3) = (style_of(&buf, &in_1), style_of(&buf, &in_3));
    assert_eq!(s1, s3, "the same colour in both columns");
    // And it differs from the neutral quote style and from plain text.
    let plain = find(&buf, "Despite its newfound", 0, col_w).expect("plain text");
    assert_ne!(s1, style_of(&buf, &plain));
    assert_ne!(s1, h.theme.quote);
    // Her name in the text carries her style (plus underline).
    let name = find(&buf, "Yang noted", 0, col_w).expect("name in text");
    let name_style = style_of(&buf, &name[..4]);
    assert_eq!(name_style.fg, s1.fg);
    // The header badge uses it too.
    let badge = find(&buf, "[B]", 0, col_w).expect("badge");
    assert_eq!(style_of(&buf, &badge).fg, s1.fg);
}

#[test]
fn quoted_terms_get_no_quote_style() {
    let mut h = Harness::bundled(120, 40);
    let buf = h.render();
    // Source 1: the hashtag “TikTok refugee” is a term, not speech.
    let term = find(&buf, "refugee”", 0, 40).expect("hashtag term in view");
    for c in &term {
        assert_eq!(
            (buf[*c].fg, buf[*c].modifier),
            (ratatui::style::Color::Reset, Modifier::empty())
        );
    }
    // While the quote after it is styled.
    let quote = find(&buf, "government wants", 0, 40).expect("quote in view");
    assert_eq!(
        style_of(&buf, &quote),
        h.theme.quote.bg(ratatui::style::Color::Reset)
    );
}

#[test]
fn without_colour_everything_is_still_distinguishable() {
    let mut h = Harness::new(crossread::corpus::load_bundled(), 200, 50, ColorMode::None);
    h.keys("p");
    h.keys("yang");
    h.key(KeyCode::Enter);
    let buf = h.render();
    for cell in buf.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (ratatui::style::Color::Reset, ratatui::style::Color::Reset),
            "no colour at all"
        );
    }
    let col_w = h.app.geometry.column_width as u16 + 1;
    let quote = find(&buf, "rare moments", 0, col_w).unwrap();
    let plain = find(&buf, "Despite its newfound", 0, col_w).unwrap();
    assert_ne!(buf[quote[0]].modifier, buf[plain[0]].modifier);
    assert!(
        buf[quote[0]].modifier.contains(Modifier::BOLD)
            || buf[quote[0]].modifier.contains(Modifier::UNDERLINED)
    );
    // Gutter marks carry meaning without colour: ▶ current quote, ≈/≠ groups, badges.
    let screen = buffer_text(&buf);
    assert!(screen.contains('▶'));
    assert!(screen.contains("[B]"));
}

#[test]
fn filter_matches_are_highlighted_on_exactly_the_matched_characters() {
    let mut h = Harness::bundled(120, 40);
    h.keys("/foth");
    let buf = h.render();
    let cells = find(&buf, "Fotheringham", 0, 40).expect("match in column 1");
    let m = h.theme.matched;
    for (i, c) in cells.iter().enumerate() {
        let styled = buf[*c].bg == m.bg.unwrap();
        assert_eq!(styled, i < 4, "char {i} of Fotheringham");
    }
}

#[test]
fn every_rendered_line_fits_its_column_with_wide_text() {
    let story = Story {
        id: "w".into(),
        title: "wide".into(),
        articles: (0..3)
            .map(|i| Article {
                id: format!("a{i}"),
                label: format!("L{i}"),
                paragraphs: vec![
                    "小红书".repeat(40),
                    "👩‍👩‍👧 emoji 🎉 and e\u{301}\u{301}\u{301} combining “quoted words here,” said Ann Lee.".into(),
                    "x".repeat(500),
                ],
                ..Article::default()
            })
            .collect(),
    };
    for (w, hgt) in [(80, 24), (45, 10), (121, 30), (37, 8)] {
        let mut h = Harness::new(story.clone(), w, hgt, ColorMode::Indexed);
        let buf = h.render();
        let g = h.app.geometry;
        // Each text row lies inside its column: the separators stay in place.
        for y in 3..hgt - 1 {
            for k in 1..g.visible {
                let x = (k * (g.column_width + 1) - 1) as u16;
                assert_eq!(
                    buf[(x, y)].symbol(),
                    "│",
                    "separator at {x},{y} in {w}x{hgt}"
                );
            }
        }
        for line in buffer_text(&buf).lines() {
            assert!(line.width() <= w as usize);
        }
    }
}
