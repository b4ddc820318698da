//! Update tests: every key, the filter and the quote lookup, on the bundled story.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::event::{Action, Quit};
use crate::tui::harness::Harness;
use crate::tui::keymap::Mode;

fn h() -> Harness {
    Harness::bundled(120, 40)
}

fn speaker_id(h: &Harness, name: &str) -> usize {
    let an = &h.app.doc.as_ref().unwrap().analysis;
    an.speakers.iter().position(|s| s.name == name).unwrap()
}

#[test]
fn layout_fits_columns_of_readable_width() {
    let h = h();
    assert_eq!(h.app.geometry.visible, 3, "120 cells: three columns of 36+");
    assert!(h.app.geometry.column_width >= 36);
    let narrow = Harness::bundled(80, 24);
    assert_eq!(narrow.app.geometry.visible, 2);
}

#[test]
fn line_half_page_page_top_bottom() {
    let mut h = h();
    h.keys("j");
    assert_eq!(h.app.columns[0].scroll, 1);
    h.key(KeyCode::Down);
    assert_eq!(h.app.columns[0].scroll, 2);
    h.keys("k");
    h.key(KeyCode::Up);
    assert_eq!(h.app.columns[0].scroll, 0);
    h.keys("k");
    assert_eq!(h.app.columns[0].scroll, 0, "never above the top");
    let body = h.app.geometry.body_height;
    h.ctrl('d');
    assert_eq!(h.app.columns[0].scroll, body / 2);
    h.ctrl('u');
    assert_eq!(h.app.columns[0].scroll, 0);
    h.keys(" ");
    assert_eq!(h.app.columns[0].scroll, body - 1);
    h.keys("b");
    assert_eq!(h.app.columns[0].scroll, 0);
    h.key(KeyCode::PageDown);
    assert_eq!(h.app.columns[0].scroll, body - 1);
    h.key(KeyCode::PageUp);
    h.keys("G");
    let bottom = h.app.columns[0].scroll;
    assert!(bottom > 0);
    h.keys("j");
    assert_eq!(h.app.columns[0].scroll, bottom, "never below the bottom");
    h.keys("g");
    assert_eq!(h.app.columns[0].scroll, 0);
    // Other columns did not move (sync is off).
    assert_eq!(h.app.columns[1].scroll, 0);
}

#[test]
fn focus_moves_and_scrolls_columns_into_view() {
    let mut h = h();
    h.keys("l");
    assert_eq!(h.app.focus, 1);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right);
    assert_eq!(h.app.focus, 3);
    assert!(
        h.app.visible_columns().contains(&3),
        "focus past the edge shifts the view"
    );
    h.keys("l");
    h.keys("l");
    assert_eq!(h.app.focus, 4, "stops at the last column");
    h.keys("h");
    h.key(KeyCode::BackTab);
    h.key(KeyCode::Left);
    assert_eq!(h.app.focus, 1);
    h.keys("5");
    assert_eq!(h.app.focus, 4);
    h.keys("1");
    assert_eq!(h.app.focus, 0);
    h.keys("9");
    assert_eq!(h.app.focus, 0);
    assert!(
        h.app
            .message
            .as_deref()
            .unwrap_or("")
            .contains("no column 9")
    );
}

#[test]
fn more_fewer_and_zoom() {
    let mut h = h();
    h.keys("+");
    assert_eq!(h.app.geometry.visible, 4);
    h.keys("-");
    h.keys("-");
    assert_eq!(h.app.geometry.visible, 2);
    h.keys("z");
    assert!(h.app.zoom);
    assert_eq!(h.app.visible_columns(), 0..1);
    assert_eq!(h.app.geometry.column_width, 120);
    h.keys("z");
    assert!(!h.app.zoom);
    for _ in 0..10 {
        h.keys("-");
    }
    assert_eq!(h.app.geometry.visible, 1);
    for _ in 0..10 {
        h.keys("+");
    }
    assert_eq!(
        h.app.geometry.visible, 5,
        "never more than there are articles"
    );
}

#[test]
fn filter_narrows_live_and_esc_clears() {
    let mut h = h();
    h.keys("/");
    assert_eq!(h.app.mode, Mode::Filter);
    h.keys("fotheringham");
    let m = h.app.filter.matches.clone().unwrap();
    assert_eq!(m[0].len(), 1, "Source 1 mentions her in one paragraph");
    assert_eq!(m[1].len(), 0);
    assert_eq!(m[2].len(), 1);
    assert_eq!(h.app.match_count(0), Some(1));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Reading);
    assert!(h.app.filter.matches.is_some(), "Enter keeps the filter");
    h.key(KeyCode::Esc);
    assert!(h.app.filter.matches.is_none());
}

#[test]
fn filter_backspace_and_empty_query() {
    let mut h = h();
    h.keys("/zzzz");
    assert_eq!(
        h.app
            .filter
            .matches
            .as_ref()
            .unwrap()
            .iter()
            .map(Vec::len)
            .sum::<usize>(),
        0
    );
    for _ in 0..4 {
        h.key(KeyCode::Backspace);
    }
    assert!(
        h.app.filter.matches.is_none(),
        "an empty query shows everything"
    );
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.mode, Mode::Filter);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.mode, Mode::Reading);
}

#[test]
fn stale_search_results_are_dropped() {
    let mut h = h();
    h.keys("/ivy");
    let generation = h.app.filter.generation;
    let before = h.app.filter.matches.clone();
    h.app.handle(crate::tui::event::Event::SearchDone(
        crate::session::SearchReply {
            generation: generation - 1,
            query: crate::search::Query::parse("ivy"),
            hits: vec![(1, 0)],
        },
    ));
    assert_eq!(h.app.filter.matches, before);
}

#[test]
fn n_and_shift_n_walk_matches_across_columns() {
    let mut h = h();
    h.keys("/robinson");
    h.key(KeyCode::Enter);
    h.keys("n");
    let first = (h.app.focus, h.app.message.clone());
    h.keys("n");
    assert_ne!(h.app.focus, first.0, "the next match is in another column");
    h.keys("N");
    assert_eq!(h.app.focus, first.0);
}

#[test]
fn speakers_panel_jumps_every_column_to_the_speaker() {
    let mut h = h();
    h.keys("p");
    assert_eq!(h.app.mode, Mode::Speakers);
    h.keys("yang");
    let ivy = speaker_id(&h, "Ivy Yang");
    assert_eq!(h.app.panel.list.first(), Some(&ivy));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Reading);
    assert_eq!(h.app.active_speaker, Some(ivy));
    let doc = h.app.doc.as_ref().unwrap();
    for (a, col) in h.app.columns.iter().enumerate() {
        let quotes_her = doc.analysis.speakers[ivy].articles.contains(&a);
        if quotes_her {
            let q = col.selected.expect("a quote selected");
            assert_eq!(doc.analysis.quotes[q].speaker, Some(ivy));
            assert!(col.note.is_none());
        } else {
            assert_eq!(col.note.as_deref(), Some("no quote from Ivy Yang"));
        }
    }
    // n/N cycle through her quotes across sources.
    let start = h.app.current_quote();
    h.keys("n");
    let next = h.app.current_quote();
    assert_ne!(start, next);
    h.keys("n");
    assert_eq!(h.app.current_quote(), start, "two quotes: n wraps around");
    h.keys("N");
    assert_eq!(h.app.current_quote(), next);
}

#[test]
fn panel_keys_move_and_close() {
    let mut h = h();
    h.keys("p");
    let n = h.app.panel.list.len();
    assert!(n >= 6, "every quoted speaker is listed");
    h.key(KeyCode::Down);
    assert_eq!(h.app.panel.selected, 1);
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    assert_eq!(h.app.panel.selected, n - 1, "wraps");
    h.ctrl('n');
    assert_eq!(h.app.panel.selected, 0);
    // Sorted by sources, then quotes: the shared speakers first.
    let doc = h.app.doc.as_ref().unwrap();
    assert!(doc.analysis.speakers[h.app.panel.list[0]].is_shared());
    h.key(KeyCode::Esc);
    assert_eq!(h.app.mode, Mode::Reading);
}

#[test]
fn compare_view_and_copy() {
    let mut h = h();
    h.keys("p");
    h.keys("robinson");
    h.ctrl('o');
    assert_eq!(h.app.mode, Mode::Compare);
    h.keys("j");
    assert_eq!(h.app.compare_scroll, 1);
    h.keys("y");
    assert_eq!(h.copied.len(), 1);
    assert!(
        h.copied[0].starts_with("“I couldn’t read the terms"),
        "{}",
        h.copied[0]
    );
    assert!(
        h.copied[0].ends_with("— Marcus Robinson, Source 1"),
        "{}",
        h.copied[0]
    );
    h.keys("q");
    assert_eq!(h.app.mode, Mode::Reading);
    assert!(h.app.quit.is_none(), "q closes the overlay, does not quit");
}

#[test]
fn copy_current_quote_with_attribution() {
    let mut h = h();
    h.keys("p");
    h.keys("foth");
    h.key(KeyCode::Enter);
    h.keys("y");
    let copied = h.copied.last().unwrap();
    assert!(
        copied.contains("— Sarah Fotheringham, Source 1"),
        "{copied}"
    );
    assert!(h.app.message.as_deref().unwrap().starts_with("copied"));
    // Anonymous speakers are copied with their description.
    let mut h2 = Harness::bundled(120, 40);
    h2.app.clipboard = false;
    h2.keys("y");
    assert!(h2.copied.is_empty(), "clipboard off: nothing written");
}

#[test]
fn c_in_reading_compares_the_active_speaker() {
    let mut h = h();
    h.keys("c");
    // The first column's current quote is an anonymous user's: no speaker.
    assert_eq!(h.app.mode, Mode::Reading);
    h.keys("p");
    h.keys("yang");
    h.key(KeyCode::Enter);
    h.keys("c");
    assert_eq!(h.app.mode, Mode::Compare);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.mode, Mode::Reading);
}

#[test]
fn sync_scrolls_all_columns_together() {
    let mut h = h();
    h.keys("s");
    assert!(h.app.sync);
    h.keys("jjj");
    for c in 0..3 {
        assert!(h.app.columns[c].scroll > 0, "column {c}");
    }
    h.keys("s");
    assert!(!h.app.sync);
}

#[test]
fn sync_aligns_shared_quotes() {
    let mut h = h();
    // Bring Marcus Robinson's quote (grouped across Source 1 and 3) into view.
    h.keys("p");
    h.keys("robinson");
    h.key(KeyCode::Enter);
    h.keys("1s");
    h.render();
    let row = |h: &Harness, a: usize| {
        let doc = h.app.doc.as_ref().unwrap();
        let q = h.app.columns[a].selected.unwrap();
        let quote = &doc.analysis.quotes[q];
        let w = h.app.cached_rows(a).cloned().unwrap_or_default();
        w.row_of(quote.paragraph, quote.start).unwrap() as i64 - h.app.columns[a].scroll as i64
    };
    assert_eq!(
        row(&h, 0),
        row(&h, 2),
        "the grouped quotes sit on the same screen row"
    );
}

#[test]
fn help_toggles_and_esc_never_quits() {
    let mut h = h();
    h.keys("?");
    assert_eq!(h.app.mode, Mode::Help);
    h.keys("?");
    assert_eq!(h.app.mode, Mode::Reading);
    for mode_key in ["", "/", "p", "?"] {
        h.keys(mode_key);
        h.key(KeyCode::Esc);
        h.key(KeyCode::Esc);
        assert!(h.app.quit.is_none());
    }
    h.press(KeyCode::Char('q'), KeyModifiers::ALT);
    assert!(h.app.quit.is_none(), "Alt-q (Esc q over SSH) does not quit");
}

#[test]
fn quit_and_ctrl_c_and_suspend() {
    let mut h = h();
    h.ctrl('z');
    assert_eq!(h.suspended, 1);
    h.keys("q");
    assert_eq!(h.app.quit, Some(Quit::User));
    let mut h = Harness::bundled(80, 24);
    h.keys("/abc");
    h.ctrl('c');
    assert_eq!(
        h.app.quit,
        Some(Quit::User),
        "Ctrl-c quits even while typing a filter"
    );
}

#[test]
fn resize_keeps_scroll_in_range() {
    let mut h = h();
    h.keys("G");
    h.resize(200, 50);
    h.resize(20, 5);
    h.resize(0, 0);
    h.resize(1, 1);
    h.resize(80, 24);
    for (a, c) in h.app.columns.clone().iter().enumerate() {
        let rows = h.app.wrapped(a).rows.len();
        assert!(c.scroll <= rows, "column {a}");
    }
    h.action(Action::Wheel {
        column: 0,
        lines: 3,
    });
}

#[test]
fn messages_name_the_keys_of_the_keymap() {
    let mut h = h();
    h.keys("n");
    assert_eq!(
        h.app.message.as_deref(),
        Some("no filter or speaker: / to filter, p for speakers")
    );
    h.keys("pivy");
    h.key(KeyCode::Enter);
    let m = h.app.message.clone().unwrap_or_default();
    assert!(
        m.starts_with("Ivy Yang: quoted by 2 source(s)")
            && m.ends_with("— n/N next/previous quote, c compare, Esc clear"),
        "{m}"
    );
}
