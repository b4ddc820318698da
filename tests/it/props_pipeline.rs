//! Property tests through the whole pipeline: arbitrary text through loader,
//! sanitiser, analysis, wrapping and rendering at arbitrary sizes; arbitrary
//! key sequences through the app. Invariants, not just "no panic".

use crossread::analysis::analyze;
use crossread::corpus::{Story, is_unsafe_char, load_bundled, load_bytes};
use crossread::tui::harness::Harness;
use crossread::tui::theme::ColorMode;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use unicode_width::UnicodeWidthStr;

/// Text with the characters that cause trouble mixed into ordinary words.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => "[A-Za-z]{1,8}",
        2 => Just(" ".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("“".to_string()),
        1 => Just("”".to_string()),
        1 => Just("\"".to_string()),
        1 => Just(", said Ann Lee. ".to_string()),
        1 => Just("\x1b[31m".to_string()),
        1 => Just("\x1b]52;c;AAAA\x07".to_string()),
        1 => Just("\u{9b}2J".to_string()),
        1 => Just("\u{202e}".to_string()),
        1 => Just("\t\r\0\x7f".to_string()),
        1 => Just("小红书".to_string()),
        1 => Just("👩‍👩‍👧".to_string()),
        1 => Just("e\u{301}\u{302}".to_string()),
        1 => "\\PC{1,5}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn lines_fit(screen: &str, width: u16) -> bool {
    screen.lines().all(|l| l.width() <= width as usize)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn text_to_screen_at_any_size(a in hostile_text(), b in hostile_text(), w in 0u16..300, h in 0u16..100) {
        let mut articles = Vec::new();
        for (name, text) in [("a.txt", &a), ("b.md", &b)] {
            articles.extend(load_bytes(name, text.as_bytes()).story.articles);
        }
        let story = Story { id: "p".into(), title: "p".into(), articles };
        // Sanitised: nothing forbidden anywhere.
        for art in &story.articles {
            for p in &art.paragraphs {
                let bad = p.chars().any(is_unsafe_char);
                prop_assert!(!bad, "forbidden char in {:?}", p);
            }
        }
        // Analysis: quote offsets are char ranges inside their paragraph.
        let an = analyze(&story);
        for q in &an.quotes {
            let n = story.articles[q.article].paragraphs[q.paragraph].chars().count();
            prop_assert!(q.start < q.end && q.end <= n);
        }
        if story.articles.is_empty() {
            return Ok(());
        }
        let mut harness = Harness::new(story, w, h, ColorMode::Indexed);
        let screen = harness.screen();
        prop_assert!(lines_fit(&screen, w));
        prop_assert_eq!(screen.lines().count(), h as usize);
        for (i, c) in harness.app.columns.clone().iter().enumerate() {
            let rows = harness.app.wrapped(i).rows.len();
            prop_assert!(c.scroll <= rows);
        }
    }

    #[test]
    fn any_keys_keep_the_app_consistent(keys in prop::collection::vec((0usize..40, any::<bool>()), 0..80), w in 0u16..250, h in 0u16..70) {
        const CODES: &[KeyCode] = &[
            KeyCode::Char('j'), KeyCode::Char('k'), KeyCode::Char('G'), KeyCode::Char('g'), KeyCode::Char(' '),
            KeyCode::Char('b'), KeyCode::Char('h'), KeyCode::Char('l'), KeyCode::Char('+'), KeyCode::Char('-'),
            KeyCode::Char('z'), KeyCode::Char('s'), KeyCode::Char('/'), KeyCode::Char('n'), KeyCode::Char('N'),
            KeyCode::Char('p'), KeyCode::Char('c'), KeyCode::Char('y'), KeyCode::Char('?'), KeyCode::Char('a'),
            KeyCode::Char('r'), KeyCode::Char('3'), KeyCode::Char('9'), KeyCode::Esc, KeyCode::Enter,
            KeyCode::Backspace, KeyCode::Tab, KeyCode::BackTab, KeyCode::Up, KeyCode::Down, KeyCode::Left,
            KeyCode::Right, KeyCode::PageUp, KeyCode::PageDown, KeyCode::Home, KeyCode::End, KeyCode::Char('d'),
            KeyCode::Char('u'), KeyCode::Char('o'), KeyCode::Char('x'),
        ];
        let mut harness = Harness::new(load_bundled(), w, h, ColorMode::None);
        for (k, ctrl) in keys {
            let code = CODES[k % CODES.len()];
            // Never send the quit keys: the sequence would end early.
            if matches!(code, KeyCode::Char('q')) || (ctrl && matches!(code, KeyCode::Char('c') | KeyCode::Char('z'))) {
                continue;
            }
            let m = if ctrl { KeyModifiers::CONTROL } else { KeyModifiers::NONE };
            harness.press(code, m);
            let n = harness.app.columns.len();
            prop_assert!(harness.app.focus < n);
            prop_assert!(harness.app.visible_columns().end <= n);
            prop_assert!(harness.app.visible_columns().contains(&harness.app.focus) || w == 0);
            for i in 0..n {
                let c = harness.app.columns[i].clone();
                let rows = harness.app.wrapped(i).rows.len();
                // Never past the last page.
                prop_assert!(c.scroll <= rows.saturating_sub(harness.app.geometry.body_height.max(1)));
            }
            let screen = harness.screen();
            prop_assert!(lines_fit(&screen, w));
        }
        prop_assert!(harness.app.quit.is_none());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Story clustering on arbitrary loaded text: no panic, every article in
    /// exactly one story, the same result every run, and headlines free of
    /// anything the sanitiser forbids.
    #[test]
    fn stories_partition_any_articles(texts in prop::collection::vec(hostile_text(), 0..8)) {
        use crossread::stories::{Options, cluster};
        let mut articles = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            articles.extend(load_bytes(&format!("t{i}.txt"), t.as_bytes()).story.articles);
        }
        let clusters = cluster(&articles, &Options::default());
        let mut seen: Vec<usize> = clusters.iter().flat_map(|c| c.articles.iter().copied()).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..articles.len()).collect::<Vec<_>>());
        for c in &clusters {
            prop_assert!(!c.title.chars().any(is_unsafe_char), "{:?}", c.title);
            prop_assert!(c.sources >= 1 && c.sources <= c.articles.len());
        }
        // Deterministic: the same input, the same stories.
        prop_assert_eq!(&clusters, &cluster(&articles, &Options::default()));
    }
}
