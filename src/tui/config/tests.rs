//! Tests of the config file: parsing, key overrides per mode, errors with
//! file, line and key.

use super::*;
use crate::tui::event::{Action, Edit};
use crate::tui::keymap::Mode;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn the_defaults_parse_to_the_defaults() {
    assert_eq!(parse_text(&default_text()), Ok(Settings::default()));
    // Uncommented, too: every documented key is accepted as written.
    let uncommented: String = default_text()
        .lines()
        .map(|l| {
            l.strip_prefix("# ")
                .filter(|r| {
                    r.split_once(" = ")
                        .is_some_and(|(k, _)| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
                })
                .unwrap_or(l)
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let s = parse_text(&uncommented).unwrap();
    assert_eq!(s.zoom_width, DEFAULT_ZOOM_WIDTH);
    assert_eq!(s.colors.speakers.len(), 8);
    let actions: usize = Section::ALL.iter().map(|s| s.actions().len()).sum();
    assert_eq!(s.keys.len(), actions, "every action of every mode");
    let map = s.keymap();
    for mode in Mode::ALL {
        assert_eq!(
            map.help_rows(*mode),
            Keymap::default().help_rows(*mode),
            "{mode:?}: the defaults written out are the defaults"
        );
    }
}

#[test]
fn a_file_lists_only_what_it_changes() {
    let s = parse_text(
        "[reader]\nzoom_width = 80\nmouse = true\n[keys]\nquit = \"x\"\ndown = [\"j\", \"e\"]\n[theme]\nquote = \"#ff8800\"\n",
    )
    .unwrap();
    assert_eq!(s.zoom_width, 80);
    assert!(s.mouse && s.clipboard);
    assert_eq!(s.colors.quote, Some(Color::Rgb(0xff, 0x88, 0)));
    assert_eq!(s.keys.len(), 2);
    assert_eq!(s.keymap().hint(Mode::Reading, Action::Quit), "x");
}

/// Every mode the keymap knows takes overrides, and the help and
/// hints show them (issue 11: only reading keys could be changed).
#[test]
fn every_mode_takes_overrides_and_the_help_shows_them() {
    let s = parse_text(
        "[keys]\nquit = \"x\"\n\
         [keys.filter_prompt]\naccept = \"Tab\"\nearlier = \"Ctrl-p\"\n\
         [keys.editing]\ndelete_word = \"Ctrl-h\"\n\
         [keys.speakers_panel]\ncompare = \"Ctrl-k\"\nclose = [\"Esc\", \"Ctrl-g\"]\n\
         [keys.compare_view]\ndown = [\"Ctrl-n\", \"Down\"]\n\
         [keys.help_view]\nclose = \"Ctrl-g\"\n",
    )
    .unwrap();
    assert_eq!(s.keys.len(), 8);
    let map = s.keymap();
    let press = |code: KeyCode, ctrl: bool| {
        let m = if ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(code, m)
    };
    let c = |ch: char| press(KeyCode::Char(ch), true);
    assert_eq!(
        map.action_for(Mode::Filter, press(KeyCode::Tab, false)),
        Some(Action::AcceptFilter)
    );
    assert_eq!(
        map.action_for(Mode::Filter, c('p')),
        Some(Action::History(-1))
    );
    assert_eq!(
        map.action_for(Mode::Filter, press(KeyCode::Up, false)),
        None,
        "Up no longer recalls"
    );
    for mode in [Mode::Filter, Mode::Speakers] {
        assert_eq!(
            map.action_for(mode, c('h')),
            Some(Action::Edit(Edit::KillWord))
        );
        assert_eq!(map.action_for(mode, c('w')), None, "Ctrl-w given up");
    }
    assert_eq!(
        map.action_for(Mode::Speakers, c('k')),
        Some(Action::PanelCompare)
    );
    assert_eq!(map.action_for(Mode::Speakers, c('g')), Some(Action::Close));
    assert_eq!(map.action_for(Mode::Speakers, c('o')), None);
    assert_eq!(
        map.action_for(Mode::Compare, c('n')),
        Some(Action::CompareScroll(1))
    );
    assert_eq!(
        map.action_for(Mode::Compare, press(KeyCode::Char('j'), false)),
        None
    );
    assert_eq!(map.action_for(Mode::Help, c('g')), Some(Action::Close));
    assert_eq!(
        map.action_for(Mode::Help, press(KeyCode::Esc, false)),
        None,
        "the help closes with Ctrl-g only"
    );
    assert_eq!(
        map.action_for(Mode::Compare, press(KeyCode::Esc, false)),
        Some(Action::Close),
        "the compare view keeps Esc"
    );
    // Hints and help show the keys in effect.
    assert_eq!(map.hint(Mode::Speakers, Action::PanelCompare), "Ctrl-k");
    assert_eq!(map.hint(Mode::Filter, Action::AcceptFilter), "Tab");
    let row = |mode: Mode, help: &str| {
        map.help_rows(mode)
            .into_iter()
            .find(|r| r.1 == help)
            .map(|r| r.0)
    };
    assert_eq!(
        row(Mode::Speakers, "compare the speaker's quotes").as_deref(),
        Some("Ctrl-k")
    );
    assert_eq!(
        row(Mode::Filter, "delete the word before the cursor").as_deref(),
        Some("Ctrl-h")
    );
    assert_eq!(
        row(Mode::Filter, "keep the filter, back to reading").as_deref(),
        Some("Tab")
    );
    assert_eq!(
        row(Mode::Compare, "down a line").as_deref(),
        Some("Ctrl-n ↓")
    );
    assert_eq!(row(Mode::Reading, "quit").as_deref(), Some("x"));
}

#[test]
fn keys_a_mode_cannot_take_are_refused() {
    for (text, want) in [
        (
            "[keys.filter_prompt]\naccept = \"a\"\n",
            "line 2: keys.filter_prompt.accept: a is typed",
        ),
        (
            "[keys.speakers_panel]\n\njump = \"space\"\n",
            "line 3: keys.speakers_panel.jump: space is typed",
        ),
        (
            "[keys]\nzoom = \"Ctrl-c\"\n",
            "line 2: keys.zoom: Ctrl-c is kept for \"quit\"",
        ),
        (
            "[keys.compare_view]\nfly = \"f\"\n",
            "line 2: keys.compare_view.fly: no such action (actions: down, up, copy, close)",
        ),
        (
            "[keys.panel]\nnext = \"Down\"\n",
            "line 1: keys.panel: no such section",
        ),
    ] {
        let err = parse_text(text).unwrap_err();
        assert!(err.starts_with(want), "{text:?}: {err}");
    }
}

#[test]
fn errors_name_the_line_and_key() {
    let cases = [
        ("[reader]\nzoom = 3\n", "line 2: reader.zoom: unknown field"),
        (
            "[reader]\n\nzoom_width = 5\n",
            "line 3: reader.zoom_width: a width",
        ),
        (
            "[keys]\nquit = \"x\"\nfly = \"f\"\n",
            "line 3: keys.fly: no such action",
        ),
        (
            "[keys]\n\nquit = \"Hyper-q\"\n",
            "line 3: keys.quit: \"Hyper-q\" is not a key",
        ),
        ("[keys]\nquit = [\"q\", 3]\n", "line 2: keys.quit:"),
        (
            "[theme]\nquote = \"mauve-ish\"\n",
            "line 2: theme.quote: 'mauve-ish' is not a colour",
        ),
        ("[reader\n", "line 1: "),
        ("[reader]\nmouse = \"yes\"\n", "line 2: "),
    ];
    for (text, want) in cases {
        let err = parse_text(text).unwrap_err();
        assert!(err.starts_with(want), "{text:?}: {err}");
    }
}

#[test]
fn a_missing_default_file_is_the_defaults_a_missing_given_file_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.toml");
    let err = load(Some(&path)).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot read", path.display()))
    );
    std::fs::write(&path, "[keys]\nquit = 1\n").unwrap();
    let err = load(Some(&path)).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert_eq!(err.key.as_deref(), Some("keys.quit"));
    assert!(
        err.to_string()
            .starts_with(&format!("{}:2: keys.quit: ", path.display()))
    );
}
