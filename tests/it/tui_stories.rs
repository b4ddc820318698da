//! The reader's story list (issue 13) on ratatui's TestBackend: a folder of
//! several stories opens on the list (snapshot); Enter opens a story side
//! by side, the back key returns with the list's position and filter kept;
//! the list's filter takes the `/` syntax and has its own history, saved
//! and restored like the `/` one's; the list shows before any story is
//! analysed, the shared-speaker counts arriving afterwards; a story
//! picked with `--story` or an input of one story opens straight on the
//! columns. Fixture: tests/fixtures/reader-stories (our own texts: a
//! ferry story told by three outlets, a library story by two, a choir
//! story by one).

use std::path::{Path, PathBuf};

use crossread::corpus::Story;
use crossread::session::{Inputs, Session};
use crossread::tui::app::{App, Library};
use crossread::tui::event::Event;
use crossread::tui::harness::Harness;
use crossread::tui::keymap::Mode;
use ratatui::crossterm::event::KeyCode;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader-stories")
}

fn input() -> Story {
    let session = Session::load(&Inputs {
        paths: vec![fixture()],
        ..Inputs::default()
    });
    assert!(session.diagnostics.is_empty(), "{:?}", session.diagnostics);
    (*session.story).clone()
}

fn list_titles(h: &Harness) -> Vec<String> {
    let list = h.app.list.as_ref().expect("a story list");
    list.visible
        .iter()
        .map(|&e| list.summary(e).title.clone())
        .collect()
}

#[test]
fn several_stories_open_on_the_list() {
    let mut h = Harness::input(input(), 100, 14);
    assert_eq!(h.app.mode, Mode::Stories);
    assert!(h.app.doc.is_none(), "no story open yet");
    let screen = h.screen();
    insta::assert_snapshot!("story_list_100x14", screen);
    assert!(screen.contains("3 stories from 6 articles"), "{screen}");
    assert!(
        screen.contains("3 sources · 2026-03-09..2026-03-10 · 1 shared speaker"),
        "sources, dates, shared speakers: {screen}"
    );
    let single = screen.find("single-source").expect("heading");
    assert!(screen.find("Linden").unwrap() > single, "one source: last");
    assert!(screen.find("Hallow Green").unwrap() < single);
}

#[test]
fn enter_opens_the_story_and_back_keeps_the_list() {
    let mut h = Harness::input(input(), 120, 30);
    h.keys("j");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Reading);
    let screen = h.screen();
    assert!(
        screen.contains("1 Valley Echo") && screen.contains("2 County Times"),
        "the library story's two columns:\n{screen}"
    );
    assert!(!screen.contains("Kestrel"), "{screen}");
    // Read a little, then back: the list where it was.
    h.keys("jjl");
    let screen = h.screen();
    assert!(screen.contains(" Backspace stories "), "the hint: {screen}");
    assert_eq!(h.app.focus, 1);
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.mode, Mode::Stories);
    let list = h.app.list.as_ref().unwrap();
    assert_eq!(list.selected, 1, "position kept");
    assert!(h.screen().contains("▶ 2  Hallow Green"));
    // The story opens again where it was left.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.focus, 1, "the story's place kept");
    // Another story: its own columns, nothing of the last one.
    h.key(KeyCode::Backspace);
    h.keys("k");
    h.key(KeyCode::Enter);
    let screen = h.screen();
    assert!(
        screen.contains("1 Coast Post")
            && screen.contains("2 Harbour Radio")
            && screen.contains("3 Northern Wire"),
        "{screen}"
    );
    assert_eq!(h.app.focus, 0);
}

#[test]
fn the_list_filter_takes_the_slash_syntax_and_keeps_its_place() {
    let mut h = Harness::input(input(), 100, 20);
    h.keys("/kestrel");
    assert_eq!(h.app.mode, Mode::StoryFilter);
    assert_eq!(
        list_titles(&h),
        ["Kestrel ferry returns to the Orwin crossing on Monday"]
    );
    assert!(h.screen().lines().last().unwrap().starts_with("/kestrel"));
    h.key(KeyCode::Backspace);
    h.keys("l");
    // Negation: every story that is not the ferry's.
    h.ctrl('u');
    h.keys("!kestrel");
    assert_eq!(list_titles(&h).len(), 2);
    // Sources match too: only the library and choir ran in the Valley Echo.
    h.ctrl('u');
    h.keys("'valley echo");
    assert_eq!(
        list_titles(&h),
        [
            "Hallow Green library reopens after roof repairs",
            "Linden children's choir wins Bracefield contest"
        ]
    );
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Stories);
    h.keys("j");
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("1 Valley Echo"));
    assert!(h.screen().contains("Linden children's choir"));
    h.key(KeyCode::Backspace);
    let screen = h.screen();
    assert!(screen.contains("/'valley echo: 2"), "filter kept: {screen}");
    assert!(screen.contains("▶ 3  Linden"), "selection kept: {screen}");
    // Esc clears the filter; the selection stays on its story.
    h.key(KeyCode::Esc);
    assert_eq!(list_titles(&h).len(), 3);
    assert!(h.screen().contains("▶ 3  Linden"));
    // The list filter has its own history.
    h.keys("/");
    h.key(KeyCode::Up);
    assert_eq!(h.app.list.as_ref().unwrap().input.text, "'valley echo");
    assert_eq!(list_titles(&h).len(), 2);
    assert!(h.app.history.is_empty(), "not the / filter's history");
}

#[test]
fn slash_in_a_story_matches_only_its_columns() {
    let mut h = Harness::input(input(), 120, 30);
    h.keys("j");
    h.key(KeyCode::Enter);
    // Ilse Marrow is in the ferry story only: nothing here.
    h.keys("/ilse marrow");
    let matches = h.app.filter.matches.clone().unwrap();
    assert_eq!(matches, vec![Vec::<usize>::new(), Vec::new()]);
    h.key(KeyCode::Esc);
    h.keys("/wenna colby");
    let matches = h.app.filter.matches.clone().unwrap();
    assert_eq!(matches, vec![vec![1], vec![1]], "both library columns");
    // The search read the open story's articles alone.
    let members = h
        .app
        .list
        .as_ref()
        .and_then(|l| l.open_entry())
        .unwrap()
        .members
        .clone();
    assert_eq!(members.len(), 2);
    assert!(
        h.requests
            .iter()
            .all(|r| r.within.as_ref() == Some(&members))
    );
    // First the members in view: here both columns.
    assert!(h.requests.iter().all(|r| r.first == members));
}

#[test]
fn help_over_the_list_lists_its_keys() {
    let mut h = Harness::input(input(), 100, 40);
    h.keys("?");
    assert_eq!(h.app.mode, Mode::Help);
    let mut seen = h.screen();
    assert!(seen.contains("Story list"), "first: {seen}");
    for _ in 0..60 {
        h.keys("j");
        seen.push_str(&h.screen());
    }
    assert!(seen.contains("back to the story list"), "{seen}");
    h.keys("g");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.mode, Mode::Stories);
    assert!(h.screen().contains("3 stories from 6 articles"));
}

#[test]
fn one_story_or_story_n_opens_the_columns() {
    let picked = Session::load(&Inputs {
        paths: vec![fixture()],
        story: Some("2".into()),
        ..Inputs::default()
    });
    assert_eq!(picked.story.articles.len(), 2);
    assert!(
        matches!(Library::new(picked), Library::One(_)),
        "--story 2: straight to its columns"
    );
    let mut h = Harness::bundled(120, 40);
    assert_eq!(h.app.mode, Mode::Reading);
    assert!(h.app.list.is_none());
    h.key(KeyCode::Backspace);
    assert_eq!(
        h.app.message.as_deref(),
        Some("one story in the input: no story list")
    );
}

#[test]
fn the_list_shows_before_any_story_is_analysed() {
    // Before, building the list analysed every multi-source story first
    // (for its shared-speaker count): the list waited on all of them.
    let mut h = Harness::input_uncounted(input(), 100, 14);
    assert_eq!(h.app.mode, Mode::Stories);
    let screen = h.screen();
    assert!(
        screen.contains("3 sources · 2026-03-09..2026-03-10 · … shared speakers"),
        "the list at once, the count to come: {screen}"
    );
    assert!(h.app.needs_ticks(), "ticks while counts are due");
    // The counts land (here on this thread; in the reader on its own);
    // the next tick redraws with them and the ticking stops.
    let list = h.app.list.as_ref().unwrap();
    list.entries.iter().for_each(|e| e.count_now());
    assert!(h.app.handle(Event::Tick).is_empty());
    assert!(h.app.take_dirty(), "a redraw for the counts");
    assert!(!h.app.needs_ticks(), "nothing left to wait for");
    let screen = h.screen();
    assert!(
        screen.contains("3 sources · 2026-03-09..2026-03-10 · 1 shared speaker"),
        "{screen}"
    );
    // A story opened before its count is counted on opening.
    let mut h = Harness::input_uncounted(input(), 120, 30);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode, Mode::Reading);
    let list = h.app.list.as_ref().unwrap();
    assert_eq!(list.entries[0].summary.shared_speakers.get(), Some(1));
}

#[test]
fn the_list_filter_history_is_saved_and_restored() {
    // Before, the list's filter history lived for the session only: Enter
    // asked for no save, and a new reader started with none.
    let mut h = Harness::input(input(), 100, 20);
    h.keys("/kestrel");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.saved_story_history.as_deref(),
        Some(&["kestrel".to_string()][..])
    );
    assert_eq!(h.saved_history, None, "not the / filter's history");
    // The reader loads it before the input arrives; the list takes it.
    let mut app = App::new("loading");
    app.story_history = vec!["'valley echo".into()];
    let session = Session::from_story(input());
    app.handle(Event::Loaded {
        document: Box::new(Library::new(session)),
        search: None,
    });
    let list = app.list.as_ref().expect("a story list");
    assert_eq!(list.history, ["'valley echo"]);
    assert!(app.story_history.is_empty());
}
