//! The reader's instant start (issue 14) on ratatui's TestBackend: the
//! first articles show as soon as they load (a preview, marked as loading),
//! and what the analysis makes of the input replaces them without losing
//! the reader's place: one story keeps every column's position, the focus
//! and the filter typed; several stories open on the list unless the
//! preview is being read (then the list is one key away).

use std::path::Path;

use crossread::corpus::{Story, load_bundled};
use crossread::session::{Inputs, Session};
use crossread::tui::app::Library;
use crossread::tui::event::Event;
use crossread::tui::harness::Harness;
use crossread::tui::keymap::Mode;
use ratatui::crossterm::event::KeyCode;

/// The first `n` articles of `story`, as the loader sends them.
fn first(story: &Story, n: usize) -> Event {
    Event::Preview(Box::new(Story {
        articles: story.articles[..n].to_vec(),
        ..Story::default()
    }))
}

fn one_story(story: &Story) -> Library {
    Library::new(Session::from_story(story.clone()))
}

#[test]
fn the_first_articles_show_before_the_analysis_and_are_marked_loading() {
    let story = load_bundled();
    let mut h = Harness::loading(story.clone(), 120, 30);
    assert!(h.screen().contains("loading"), "the loading screen first");
    h.event(first(&story, 2));
    h.event(Event::Progress("loading: 2 articles…".into()));
    assert!(h.app.preview);
    let screen = h.screen();
    let header = screen.lines().next().unwrap();
    assert!(header.contains("loading: 2 articles…"), "{screen}");
    assert!(
        screen.contains(&format!("1 {}", story.articles[0].label)),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("2 {}", story.articles[1].label)),
        "{screen}"
    );
    let opening: String = story.articles[0].paragraphs[0]
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(screen.contains(&opening), "article text at once: {screen}");
    assert!(screen.contains("…q"), "quotes not counted yet: {screen}");
    // Ticks animate the loading mark while the preview shows.
    assert!(h.app.needs_ticks());

    // More of the first batch arrives: the columns grow, nothing moves.
    h.keys("jj");
    h.event(first(&story, 5));
    assert_eq!(h.app.columns.len(), 5);
    assert_eq!(h.app.columns[0].scroll, 2);
}

#[test]
fn the_analysed_story_takes_the_previews_place_with_position_and_focus_kept() {
    let story = load_bundled();
    let mut h = Harness::loading(story.clone(), 120, 30);
    h.event(first(&story, 5));
    h.keys("ll");
    h.keys("jjjj");
    let (focus, scroll) = (h.app.focus, h.app.columns[2].scroll);
    assert_eq!((focus, scroll), (2, 4));
    let before = h.screen();

    h.loaded(one_story(&story));
    assert!(!h.app.preview);
    assert!(!h.app.needs_ticks(), "nothing animates once loaded");
    assert!(h.app.doc.as_ref().unwrap().analysed);
    assert_eq!(h.app.focus, 2);
    assert_eq!(h.app.columns[2].scroll, 4);
    let after = h.screen();
    // The same text in the same rows (the body: the header changes).
    let body = |s: &str| {
        s.lines()
            .skip(3)
            .take(20)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let strip = |lines: Vec<String>| -> Vec<String> {
        // Gutter marks (quotes, badges) appear with the analysis: compare
        // the words only.
        lines
            .iter()
            .map(|l| {
                l.split_whitespace()
                    .filter(|w| w.chars().count() > 1)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    assert_eq!(
        strip(body(&before)),
        strip(body(&after)),
        "{before}\n{after}"
    );
    assert!(!after.contains("…q"), "quotes counted: {after}");
}

#[test]
fn a_filter_typed_in_the_preview_is_searched_when_the_service_arrives() {
    let story = load_bundled();
    let mut h = Harness::loading(story.clone(), 120, 30);
    h.event(first(&story, 5));
    h.keys("/tiktok");
    assert_eq!(h.app.mode, Mode::Filter);
    assert!(h.app.filter.matches.is_none(), "no search service yet");
    h.loaded(one_story(&story));
    assert_eq!(h.app.mode, Mode::Filter, "still typing");
    assert_eq!(h.app.filter.input.text, "tiktok");
    let matches = h.app.filter.matches.as_ref().expect("searched on arrival");
    assert!(matches.iter().map(Vec::len).sum::<usize>() > 0);
}

#[test]
fn the_filter_works_on_the_preview_once_the_search_service_is_ready() {
    let story = load_bundled();
    let mut h = Harness::loading(story.clone(), 120, 30);
    h.event(first(&story, 2));
    h.keys("/tiktok");
    h.search_ready();
    let m = h.app.filter.matches.clone().expect("searched when ready");
    assert_eq!(m.len(), 2, "the preview's articles only");
    assert!(m.iter().map(Vec::len).sum::<usize>() > 0);
    h.screen();
    // More articles, the new search's reply not in yet (the real service
    // answers from its thread): drawing never reads past the matches.
    let _pending = h.app.handle(first(&story, 5));
    assert_eq!(h.app.filter.matches.as_ref().map(Vec::len), Some(5));
    h.screen();
    // The reply: the matches cover the new articles too.
    h.event(first(&story, 5));
    let grown = h.app.filter.matches.clone().expect("matches");
    assert_eq!(grown.len(), 5);
    assert_eq!(grown[..2], m[..]);
    assert!(h.screen().contains("tiktok"));
    h.loaded(one_story(&story));
    assert_eq!(h.app.filter.matches.as_ref().map(Vec::len), Some(5));
    h.screen();
}

#[test]
fn a_filter_on_the_preview_reads_the_previews_articles_alone() {
    let story = load_bundled();
    let mut h = Harness::loading(story.clone(), 120, 30);
    h.event(first(&story, 2));
    h.search_ready();
    h.keys("/ti");
    let asked = h.requests.last().expect("searched").clone();
    assert_eq!(asked.query, "ti");
    assert_eq!(asked.within, Some(vec![0, 1]), "the preview's articles");
    let m = h.app.filter.matches.clone().expect("matches");
    assert!(m.iter().map(Vec::len).sum::<usize>() > 0);
    // Grown, it asks for all it shows.
    h.event(first(&story, 5));
    assert_eq!(h.requests.last().unwrap().within, Some(vec![0, 1, 2, 3, 4]));
    // The whole input as one story: every article is shown.
    h.loaded(one_story(&story));
    assert_eq!(h.requests.last().unwrap().within, None);
    assert_eq!(h.app.filter.matches.as_ref().map(Vec::len), Some(5));
}

#[test]
fn the_preview_says_what_waits_for_the_analysis() {
    let story = load_bundled();
    let mut h = Harness::loading(story.clone(), 120, 30);
    h.event(first(&story, 3));
    for keys in ["p", "c", "y", "]", "}"] {
        h.keys(keys);
        assert_eq!(h.app.mode, Mode::Reading, "{keys}");
        let msg = h.app.message.clone().unwrap_or_default();
        assert!(msg.contains("still analysing"), "{keys}: {msg}");
    }
    assert!(h.copied.is_empty());
    h.key(KeyCode::Backspace);
    let msg = h.app.message.clone().unwrap_or_default();
    assert!(msg.contains("still loading"), "{msg}");
}

fn stories_input() -> Story {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader-stories");
    let session = Session::load(&Inputs {
        paths: vec![dir],
        ..Inputs::default()
    });
    (*session.story).clone()
}

#[test]
fn several_stories_open_on_the_list_when_the_preview_was_not_touched() {
    let input = stories_input();
    let mut h = Harness::loading(input.clone(), 120, 30);
    h.event(first(&input, 2));
    h.resize(110, 30);
    h.loaded(Library::new(Session::from_story(input)));
    assert_eq!(h.app.mode, Mode::Stories);
    assert!(h.app.doc.is_none());
    assert!(h.screen().contains("3 stories from 6 articles"));
}

#[test]
fn several_stories_wait_behind_their_key_while_the_preview_is_read() {
    let input = stories_input();
    let mut h = Harness::loading(input.clone(), 120, 10);
    h.event(first(&input, 3));
    h.keys("lj");
    let place = (h.app.focus, h.app.columns[1].scroll);
    assert_eq!(place, (1, 1), "scrolled in a short window");
    h.loaded(Library::new(Session::from_story(input)));
    assert_eq!(h.app.mode, Mode::Reading, "still reading the preview");
    assert_eq!((h.app.focus, h.app.columns[1].scroll), place);
    let msg = h.app.message.clone().unwrap_or_default();
    assert!(msg.contains("3 stories found"), "{msg}");
    // A filter searches the preview's articles (the input's first ones).
    h.keys("/the");
    h.key(KeyCode::Enter);
    let m = h.app.filter.matches.as_ref().expect("matches");
    assert_eq!(m.len(), 3);
    assert_eq!(h.requests.last().unwrap().within, Some(vec![0, 1, 2]));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.mode, Mode::Stories);
    assert!(h.app.doc.is_none(), "the preview is gone");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Reading);
    assert!(h.app.doc.as_ref().unwrap().analysed);
}
