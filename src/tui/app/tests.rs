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
    assert_eq!(h.app.geometry.text_width, 100, "zoomed: the reading width");
    let mut narrow = Harness::bundled(80, 24);
    narrow.keys("z");
    assert_eq!(narrow.app.geometry.column_width, 80, "narrower: all of it");
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
            complete: true,
        },
    ));
    assert_eq!(h.app.filter.matches, before);
}

#[test]
fn the_complete_reply_after_the_early_one_moves_nothing() {
    let mut h = h();
    h.keys("/ivy");
    let generation = h.app.filter.generation;
    let reply = |hits: Vec<(usize, usize)>, complete| {
        crate::tui::event::Event::SearchDone(crate::session::SearchReply {
            generation,
            query: crate::search::Query::parse("ivy"),
            hits,
            complete,
        })
    };
    h.app.handle(reply(vec![(0, 1)], false));
    assert_eq!(
        h.app.filter.matches.as_ref().map(|m| m[0].clone()),
        Some(vec![1])
    );
    h.app.step(1);
    let current = h.app.filter.current;
    assert!(current.is_some());
    h.app.columns[0].scroll = 1;
    h.app.handle(reply(vec![(0, 1), (1, 0)], true));
    let m = h.app.filter.matches.clone().expect("matches");
    assert_eq!((m[0].clone(), m[1].clone()), (vec![1], vec![0]));
    assert_eq!(h.app.filter.current, current);
    assert_eq!(h.app.columns[0].scroll, 1);
    // A complete reply with no early one before it starts from the top.
    h.keys("y");
    let generation = h.app.filter.generation;
    h.app.handle(crate::tui::event::Event::SearchDone(
        crate::session::SearchReply {
            generation,
            query: crate::search::Query::parse("ivyy"),
            hits: vec![(1, 0)],
            complete: true,
        },
    ));
    assert_eq!(h.app.columns[0].scroll, 0);
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

/// Enter puts the reader on match 1; n visits 2, … T in order, then wraps
/// to 1; N walks back. At 120×40 and 80×24 (short filtered columns cannot
/// scroll, which used to freeze n).
#[test]
fn n_visits_every_match_in_order_and_wraps() {
    for (w, hgt) in [(120, 40), (80, 24)] {
        let mut h = Harness::bundled(w, hgt);
        h.keys("/refugee");
        h.key(KeyCode::Enter);
        let total: usize = h.app.filter.positions().len();
        assert!(total >= 5, "the bundled story mentions refugees often");
        let msg = |k: usize| Some(format!("match {k} of {total}"));
        assert_eq!(h.app.message, msg(1), "{w}x{hgt}: Enter");
        let mut seen = vec![h.app.filter.current_position().unwrap()];
        for i in 1..=total + 1 {
            h.keys("n");
            assert_eq!(
                h.app.message,
                msg(i % total + 1),
                "{w}x{hgt}: n pressed {i} times"
            );
            let (a, p) = h.app.filter.current_position().unwrap();
            assert_eq!(h.app.focus, a, "the match's column is focused");
            let rows = h.app.wrapped(a);
            let row = rows.row_of(p, 0).unwrap();
            let scroll = h.app.columns[a].scroll;
            assert!(
                row >= scroll && row < scroll + h.app.geometry.body_height,
                "in view"
            );
            seen.push((a, p));
        }
        let mut sorted = seen[..total].to_vec();
        sorted.sort_unstable();
        assert_eq!(seen[..total], sorted[..], "reading order, column by column");
        assert_eq!(seen[total], seen[0], "wraps to the first");
        // Now on match 2: N goes to 1, then wraps to the last, then back.
        h.keys("N");
        assert_eq!(h.app.message, msg(1));
        for k in (1..=total).rev() {
            h.keys("N");
            assert_eq!(h.app.message, msg(k), "{w}x{hgt}");
        }
    }
}

/// Whether paragraph `p` of column `a` starts on screen.
fn in_view(h: &mut Harness, a: usize, p: usize) -> bool {
    let row = h.app.wrapped(a).row_of(p, 0).unwrap();
    let scroll = h.app.columns[a].scroll;
    row >= scroll && row < scroll + h.app.geometry.body_height
}

#[test]
fn leaving_the_filter_keeps_the_focused_paragraph_in_view() {
    let mut h = Harness::bundled(80, 24);
    h.keys("/refugee");
    h.key(KeyCode::Enter);
    h.keys("N");
    let (a, p) = h.app.filter.current_position().unwrap();
    h.key(KeyCode::Esc);
    assert!(h.app.filter.matches.is_none());
    assert_eq!(h.app.focus, a);
    let row = h.app.wrapped(a).row_of(p, 0).unwrap();
    assert!(
        row >= h.app.geometry.body_height,
        "the last match is below the first screen"
    );
    assert!(
        in_view(&mut h, a, p),
        "Esc keeps the match's paragraph in view"
    );
}

#[test]
fn a_match_opens_in_its_article_and_n_keeps_walking() {
    let mut h = Harness::bundled(80, 24);
    h.keys("/refugee");
    h.key(KeyCode::Enter);
    let filtered_rows = h.app.wrapped(0).rows.len();
    h.keys("N");
    let (a, p) = h.app.filter.current_position().unwrap();
    h.keys("o");
    assert!(h.app.filter.expanded);
    assert!(h.app.filter.matches.is_some(), "the filter stays on");
    assert!(
        h.app.wrapped(0).rows.len() > filtered_rows,
        "whole articles"
    );
    assert_eq!(h.app.focus, a);
    assert!(in_view(&mut h, a, p));
    h.render();
    assert!(
        !h.app.highlights_of(a, p).is_empty(),
        "the match is highlighted"
    );
    h.keys("n");
    let (a1, p1) = h.app.filter.current_position().unwrap();
    assert_eq!(
        (a1, p1),
        h.app.filter.positions()[0],
        "wrapped to the first"
    );
    assert!(h.app.filter.expanded);
    assert!(in_view(&mut h, a1, p1));
    h.key(KeyCode::Enter);
    assert!(!h.app.filter.expanded, "back to the matches");
    assert_eq!(h.app.wrapped(0).rows.len(), filtered_rows);
    assert!(in_view(&mut h, a1, p1));
    h.keys("o");
    h.key(KeyCode::Esc);
    assert!(h.app.filter.matches.is_none() && !h.app.filter.expanded);
    assert!(in_view(&mut h, a1, p1));
    // Without a filter the key says what to do.
    h.keys("o");
    assert!(h.app.message.as_deref().unwrap().contains("to filter"));
}

#[test]
fn the_legend_is_hinted_once_when_marks_first_appear() {
    let mut h = h();
    let legend = crate::tui::keymap::legend_hint();
    assert_eq!(h.app.message.as_deref(), Some(legend.as_str()));
    assert!(h.screen().contains("▶ current quote · ≈ quoted elsewhere"));
    h.keys("j");
    assert_eq!(h.app.message, None, "gone at the next key");
    h.keys("lllg");
    assert_eq!(h.app.message, None, "once only");
}

/// `]` walks ▶ through every quote of the focused column in order, `[`
/// back; `}` only through quotes shared with another source; `y` copies
/// whichever quote ▶ is on.
#[test]
fn quote_keys_move_the_current_quote_through_the_column() {
    let mut h = Harness::bundled(80, 24);
    let doc = h.app.doc.as_ref().unwrap();
    let all: Vec<usize> = doc.analysis.quotes_in(0).map(|q| q.id).collect();
    let shared: Vec<usize> = doc
        .analysis
        .quotes_in(0)
        .filter(|q| q.group.is_some())
        .map(|q| q.id)
        .collect();
    assert!(all.len() >= 4 && !shared.is_empty() && shared.len() < all.len());
    assert_eq!(h.app.current_quote(), None, "no quote on the first screen");
    h.keys("]");
    let first = h.app.current_quote();
    let start = all.iter().position(|&q| Some(q) == first).unwrap();
    assert_eq!(start, 0, "] from no quote: the first one below");
    let mut visited = vec![all[start]];
    for _ in start + 1..all.len() {
        h.keys("]");
        let q = h.app.current_quote().unwrap();
        let quote = h.app.quote(q).clone();
        let row = h
            .app
            .wrapped(0)
            .row_of(quote.paragraph, quote.start)
            .unwrap();
        let scroll = h.app.columns[0].scroll;
        assert!(
            row >= scroll && row < scroll + h.app.geometry.body_height,
            "▶ in view"
        );
        visited.push(q);
        h.keys("y");
        let copied = h.copied.last().unwrap();
        assert!(
            copied.contains(quote.text.trim_end_matches(',')),
            "y copies ▶'s quote"
        );
    }
    assert_eq!(visited, all[start..], "every quote, in order");
    h.keys("]");
    assert_eq!(h.app.current_quote(), all.last().copied());
    assert!(
        h.app
            .message
            .as_deref()
            .unwrap()
            .contains("no more quotes below")
    );
    h.keys("[");
    assert_eq!(h.app.current_quote(), Some(all[all.len() - 2]));
    h.keys("g");
    let mut seen = Vec::new();
    for _ in 0..shared.len() + 1 {
        h.keys("}");
        seen.push(h.app.current_quote().unwrap());
    }
    seen.dedup();
    assert_eq!(seen, shared, "}} stops only on shared quotes");
    h.keys("{");
    if shared.len() > 1 {
        assert_eq!(h.app.current_quote(), Some(shared[shared.len() - 2]));
    }
    // Without a filter or speaker, n and N do what ] and [ do.
    h.keys("g");
    h.keys("n");
    assert_eq!(h.app.current_quote(), Some(all[0]));
    h.keys("n");
    assert_eq!(h.app.current_quote(), Some(all[1]));
    h.keys("N");
    assert_eq!(h.app.current_quote(), Some(all[0]));
}

/// The search thread answers after Enter (or Esc) when typing is fast.
#[test]
fn late_search_results_after_enter_go_to_the_first_match_and_after_esc_are_dropped() {
    use crate::session::SearchService;
    use crate::tui::event::{Effect, Event};
    let mut h = Harness::bundled(120, 40);
    let story = std::sync::Arc::clone(&h.app.doc.as_ref().unwrap().story);
    let mut search = SearchService::synchronous(story);
    let type_query = |h: &mut Harness| {
        h.app.update(Action::OpenFilter);
        let mut last = None;
        for c in "refugee".chars() {
            if let Some(Effect::Search(req)) = h.app.update(Action::FilterInsert(c)).pop() {
                last = Some(req);
            }
        }
        last.unwrap()
    };
    let pending = type_query(&mut h);
    h.key(KeyCode::Enter);
    assert!(h.app.filter.matches.is_none(), "no results yet");
    let reply = search.request(pending).unwrap();
    h.app.handle(Event::SearchDone(reply));
    let total = h.app.filter.positions().len();
    assert_eq!(h.app.message, Some(format!("match 1 of {total}")));
    h.keys("n");
    assert_eq!(h.app.message, Some(format!("match 2 of {total}")));

    h.key(KeyCode::Esc);
    let pending = type_query(&mut h);
    h.key(KeyCode::Esc);
    let reply = search.request(pending).unwrap();
    h.app.handle(Event::SearchDone(reply));
    assert!(
        h.app.filter.matches.is_none(),
        "Esc'd filter does not come back"
    );
}

#[test]
fn marks_remember_places_across_columns() {
    let mut h = Harness::bundled(80, 24);
    h.keys("l jj");
    let (col, scroll) = (h.app.focus, h.app.columns[1].scroll);
    assert!(scroll > 0);
    h.keys("ma");
    assert!(
        h.app
            .message
            .as_deref()
            .unwrap()
            .starts_with("mark a: column 2")
    );
    h.keys("4G");
    let bottom = h.app.columns[3].scroll;
    h.keys("'a");
    assert_eq!((h.app.focus, h.app.columns[1].scroll), (col, scroll));
    h.keys("''");
    assert_eq!(
        (h.app.focus, h.app.columns[3].scroll),
        (3, bottom),
        "'' goes back"
    );
    h.keys("''");
    assert_eq!(h.app.focus, col, "and forth");
    // A mark survives a resize: it is a place in the text, not a row.
    h.resize(120, 40);
    h.keys("4'a");
    assert_eq!(h.app.focus, col);
    h.keys("'z");
    assert_eq!(h.app.message.as_deref(), Some("no mark z"));
    h.keys("m1");
    assert!(h.app.message.as_deref().unwrap().contains("letters"));
    // m then Esc cancels; the next key is an ordinary key again.
    let before = h.app.columns[h.app.focus].scroll;
    h.keys("m");
    h.key(KeyCode::Esc);
    h.keys("j");
    assert_eq!(h.app.columns[h.app.focus].scroll, before + 1);
}

#[test]
fn the_prompts_edit_like_readline() {
    let mut h = h();
    h.keys("/sarah fothx");
    h.key(KeyCode::Left);
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.filter.input.text, "sarah fotx");
    h.key(KeyCode::Delete);
    assert_eq!(h.app.filter.input.text, "sarah fot");
    assert_eq!(
        h.app.filter.shown_text, "sarah fot",
        "each edit searches again"
    );
    h.ctrl('w');
    assert_eq!(h.app.filter.input.text, "sarah ");
    h.ctrl('a');
    h.keys("'");
    h.ctrl('e');
    h.keys("foth");
    assert_eq!(h.app.filter.input.text, "'sarah foth");
    h.key(KeyCode::Home);
    h.key(KeyCode::Right);
    h.ctrl('u');
    assert_eq!(h.app.filter.input.text, "sarah foth");
    assert_eq!(h.app.filter.input.cursor, 0);
    let total: usize = h.app.filter.positions().len();
    assert_eq!(total, 2, "the edited query's results are shown");
    h.key(KeyCode::Esc);
    // The same keys in the speakers panel.
    h.keys("pyangx");
    h.ctrl('w');
    assert_eq!(h.app.panel.query.text, "");
    h.keys("yang");
    h.key(KeyCode::Left);
    h.ctrl('u');
    assert_eq!(h.app.panel.query.text, "g");
    h.key(KeyCode::Esc);
    // While reading, Ctrl-u is still half a page up.
    h.keys("gjjjj");
    h.ctrl('u');
    assert_eq!(h.app.columns[0].scroll, 0);
}

#[test]
fn filter_history_with_up_and_down_is_saved() {
    let mut h = h();
    h.app.history = vec!["older".into()];
    h.keys("/ivy");
    h.key(KeyCode::Enter);
    h.keys("/");
    h.ctrl('u');
    h.keys("foth");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.saved_history.as_deref(),
        Some(&["older".to_string(), "ivy".into(), "foth".into()][..])
    );
    h.key(KeyCode::Esc);
    h.keys("/x");
    for want in ["foth", "ivy", "older", "older"] {
        h.key(KeyCode::Up);
        assert_eq!(h.app.filter.input.text, want);
    }
    assert_eq!(h.app.filter.shown_text, "older", "recalled queries filter");
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    assert_eq!(h.app.filter.input.text, "foth");
    h.key(KeyCode::Down);
    assert_eq!(h.app.filter.input.text, "x", "back to what was typed");
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    h.key(KeyCode::Enter);
    assert_eq!(
        h.saved_history.as_deref(),
        Some(&["older".to_string(), "foth".into(), "ivy".into()][..]),
        "a reused query moves to the newest, once"
    );
}

#[test]
fn messages_name_the_keys_of_the_keymap() {
    let mut h = h();
    // (Without a filter or speaker n walks the column's quotes: see
    // quote_keys_move_the_current_quote_through_the_column.)
    h.keys("o");
    assert_eq!(h.app.message.as_deref(), Some("no filter: / to filter"));
    h.keys("pivy");
    h.key(KeyCode::Enter);
    let m = h.app.message.clone().unwrap_or_default();
    assert!(
        m.starts_with("Ivy Yang: quoted by 2 sources —")
            && m.ends_with("— n/N next/previous quote, c compare, Esc clear"),
        "{m}"
    );
}
