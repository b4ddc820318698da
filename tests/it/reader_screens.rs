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
    let panel = h.screen();
    insta::assert_snapshot!("speakers_panel", panel);
    // Counts in words: one source, two sources; never "source(s)".
    assert!(
        panel.contains("Heather Roberts  1 source, 1 quote"),
        "{panel}"
    );
    assert!(panel.contains("2 sources, 4 quotes"), "{panel}");
    assert!(!panel.contains("(s)"), "{panel}");
    h.keys("robinson");
    h.ctrl('o');
    let compare = h.screen();
    insta::assert_snapshot!("compare_robinson", compare);
    assert!(compare.contains("similarity"));
    assert!(compare.contains("Marcus Robinson — 2 quotes in 2 sources"));
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

/// The header keeps mode, counts and the help key at any width; the story
/// title gives way first.
#[test]
fn header_keeps_mode_and_counts_when_narrow() {
    let mut h = Harness::bundled(50, 30);
    let screen = h.screen();
    let header = screen.lines().next().unwrap().to_string();
    insta::assert_snapshot!("header_50x30", header);
    for part in ["5 sources", "READ", "? help"] {
        assert!(header.contains(part), "{part}: {header}");
    }
    for (w, hgt) in [(80, 24), (50, 30), (36, 10)] {
        let mut h = Harness::bundled(w, hgt);
        h.keys("/refugee");
        let total = h.app.filter.positions().len();
        for keys in ["", "\n", "p"] {
            match keys {
                "\n" => h.key(KeyCode::Enter),
                k => h.keys(k),
            }
            let header = h.screen().lines().next().unwrap().to_string();
            let mode = match keys {
                "" => "FILTER",
                "\n" => "READ",
                _ => "SPEAKERS",
            };
            assert!(header.contains(mode), "{w}x{hgt} {mode}: {header}");
            assert!(
                header.contains(&format!(": {total}")),
                "{w}x{hgt} count: {header}"
            );
            assert!(header.contains("? help"), "{w}x{hgt}: {header}");
            assert!(header.width() <= w as usize);
        }
    }
}

/// Each column says where it is: top paragraph out of the article's, and
/// how far down the view reaches (`all` when it all fits).
#[test]
fn columns_show_their_position() {
    let mut h = Harness::bundled(120, 40);
    let row2 = |h: &mut Harness| h.screen().lines().nth(2).unwrap().to_string();
    let first = row2(&mut h);
    assert!(first.contains("¶1/11 30%│"), "{first}");
    h.keys(" ");
    let paged = row2(&mut h);
    let col1 = paged.split('│').next().unwrap().to_string();
    assert!(!col1.contains("¶1/11") && col1.contains('%'), "{paged}");
    h.keys("G");
    assert!(row2(&mut h).split('│').next().unwrap().ends_with(" 100%"));
    h.keys("/fotheringham");
    assert!(row2(&mut h).contains("¶5/11 all│"), "{}", row2(&mut h));
}

/// Zoomed on a wide terminal, the text keeps a reading width, centred.
#[test]
fn zoom_keeps_a_centred_reading_width() {
    let mut h = Harness::bundled(200, 50);
    h.keys("z");
    let screen = h.screen();
    let header = screen.lines().nth(1).unwrap();
    let left = (200 - (100 + 4)) / 2;
    assert_eq!(header.find("1 Source 1"), Some(left), "{header}");
    for line in screen.lines().skip(3).take(40) {
        let text = line.trim_start();
        assert!(line.width() <= left + 104, "{line}");
        assert!(text.is_empty() || line.len() - text.len() >= left, "{line}");
    }
}

fn with_metadata(url: &str) -> Story {
    let article = |i: usize| Article {
        id: format!("a{i}"),
        label: format!("Paper {i}"),
        source: Some("The Daily Example".into()),
        date: Some("2025-01-14".into()),
        title: Some("A rather long headline about a ban that goes on and on".into()),
        url: Some(url.into()),
        paragraphs: vec![format!(
            "“We never expected this many people,” said Ann Lee, a spokesperson. Paper {i}."
        )]
        .into(),
        ..Article::default()
    };
    Story {
        id: "meta".into(),
        title: "Metadata".into(),
        articles: vec![article(1), article(2)],
    }
}

/// Source, date and title in the column header (cut with …); `i` shows
/// everything with the URL as an OSC 8 hyperlink; `u` copies the URL; `y`
/// copies the quote with the source and URL.
#[test]
fn article_metadata_info_line_and_links() {
    let url = "https://news.example/2025/01/ban";
    let mut h = Harness::new(with_metadata(url), 80, 24, ColorMode::Indexed);
    let screen = h.screen();
    let row2 = screen.lines().nth(2).unwrap();
    assert!(row2.starts_with("The Daily Example · 2025-01-1…"), "{row2}");
    assert!(row2.split('│').next().unwrap().contains('…'), "{row2}");
    h.keys("li");
    let buf = h.render();
    let status = buffer_text(&buf).lines().last().unwrap().to_string();
    assert!(
        status.starts_with(" 2 Paper 2 · The Daily Example · 2025-01-14 · "),
        "{status}"
    );
    let at = status.find("\x1b]8;;").expect("an OSC 8 link");
    let x = status[..at].width() as u16;
    let cell = &buf[(x, 23)];
    assert_eq!(
        cell.symbol(),
        format!("\x1b]8;;{url}\x1b\\{url}\x1b]8;;\x1b\\"),
        "the whole URL shows: the title gave way"
    );
    // Wider: the title too, cut with … before the URL.
    h.resize(120, 30);
    h.keys("i");
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(status.contains("· A rather long headline"), "{status}");
    h.keys("u");
    assert_eq!(h.copied.last().map(String::as_str), Some(url));
    h.keys("y");
    let copied = h.copied.last().unwrap();
    assert!(
        copied.ends_with(&format!("— Ann Lee, The Daily Example, {url}")),
        "{copied}"
    );
    // Links off (a terminal without them): plain text.
    h.app.hyperlinks = false;
    h.keys("i");
    assert!(!h.screen().contains('\x1b'));
}

/// A URL that is not plain ASCII is never written inside an escape.
#[test]
fn odd_urls_are_plain_text() {
    let mut h = Harness::new(
        with_metadata("https://bad.example/ü space"),
        80,
        24,
        ColorMode::Indexed,
    );
    h.keys("i");
    let screen = h.screen();
    assert!(screen.contains("https://bad.example/ü space"), "{screen}");
    assert!(!screen.contains('\x1b'));
    let mut none = Harness::new(with_metadata(""), 80, 24, ColorMode::Indexed);
    none.keys("i");
    assert!(!none.screen().contains('\x1b'));
}

#[test]
fn one_article_is_one_source() {
    let story = Story {
        id: "one".into(),
        title: "A story told once".into(),
        articles: vec![Article {
            id: "a".into(),
            label: "Only".into(),
            paragraphs: vec!["A single paragraph of a single source."].into(),
            ..Article::default()
        }],
    };
    let mut h = Harness::new(story, 80, 24, ColorMode::Indexed);
    let header = h.screen().lines().next().unwrap().to_string();
    assert!(header.contains("│ 1 source │"), "{header}");
}

/// At 80×24 the help scrolls: every reading key and the whole gutter
/// legend are reachable, the legend wrapped inside the overlay.
#[test]
fn help_at_80x24_scrolls_to_its_end() {
    let mut h = Harness::bundled(80, 24);
    h.keys("?");
    let mut seen = h.screen();
    assert!(seen.contains("j/k space g/G scroll"), "{seen}");
    for _ in 0..80 {
        h.keys("j");
        seen.push_str(&h.screen());
    }
    for key in ["  p ", "  c ", "  y ", "  q ", "Ctrl-o", "Gutter marks"] {
        assert!(seen.contains(key), "{key} reachable by scrolling");
    }
    h.keys("g");
    assert_eq!(h.app.help_scroll, 0);
    h.keys("G");
    let end = h.screen();
    insta::assert_snapshot!("help_80x24_end", end);
    for mark in ["▶", "≈", "≠", "A–L"] {
        assert!(
            end.lines().any(|l| l.contains(&format!("  {mark} "))),
            "{mark}"
        );
    }
    assert!(
        end.contains("attributed differently elsewhere"),
        "the legend is not cut"
    );
    h.keys(" ");
    assert_eq!(h.screen(), end, "nothing below the end");
    h.keys("b");
    assert_ne!(h.screen(), end, "space/b page");
    h.keys("?");
    h.keys("?");
    assert_eq!(h.app.help_scroll, 0, "the help opens at its top");
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
                ]
                .into(),
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
