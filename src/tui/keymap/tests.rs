//! The keymap's tests: every binding reachable, overrides, parsing, help.

use super::help::KEYS_WIDTH;
use super::key::{code, ctrl, k};
use super::*;
use ratatui::crossterm::event::KeyEventKind;

fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
    KeyEvent {
        code,
        modifiers: m,
        kind: KeyEventKind::Press,
        state: ratatui::crossterm::event::KeyEventState::NONE,
    }
}

#[test]
fn every_binding_is_reachable() {
    for b in BINDINGS {
        for bk in b.keys {
            let m = if bk.ctrl {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::NONE
            };
            for mode in b.modes {
                assert!(
                    action_for(*mode, key(bk.code, m)).is_some(),
                    "{} in {mode:?}",
                    b.label
                );
            }
        }
    }
}

#[test]
fn esc_never_quits_and_alt_q_does_nothing() {
    for &mode in Mode::ALL {
        assert_ne!(
            action_for(mode, key(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::Quit)
        );
    }
    assert_eq!(
        action_for(Reading, key(KeyCode::Char('q'), KeyModifiers::ALT)),
        None
    );
}

#[test]
fn digits_jump_and_type() {
    assert_eq!(
        action_for(Reading, key(KeyCode::Char('3'), KeyModifiers::NONE)),
        Some(Action::FocusColumn(2))
    );
    assert_eq!(
        action_for(Filter, key(KeyCode::Char('q'), KeyModifiers::NONE)),
        Some(Action::FilterInsert('q'))
    );
}

#[test]
fn hints_name_the_first_key_of_the_binding() {
    assert_eq!(hint(Reading, Action::Quit), "q");
    assert_eq!(hint(Reading, Action::NextMatch), "n");
    assert_eq!(hint(Reading, Action::PrevMatch), "N");
    assert_eq!(hint(Speakers, Action::PanelCompare), "Ctrl-o");
    assert_eq!(hint(Speakers, Action::Close), "Esc");
    assert_eq!(hint(Compare, Action::CompareScroll(1)), "j");
    assert_eq!(hint(Reading, Action::PanelSelect), "", "not a reading key");
}

#[test]
fn help_wraps_to_its_width_and_ends_with_the_legend() {
    for width in [20, 40, 74] {
        let lines = help_lines(width, false);
        for (_, keys, text) in lines.iter().filter(|l| l.0 != HelpKind::Title) {
            assert!(keys.chars().count() <= KEYS_WIDTH, "{keys}");
            let w = 2 + KEYS_WIDTH + text.chars().count();
            assert!(w <= width.max(2 + KEYS_WIDTH + 8), "{width}: {text}");
        }
        let title = lines.iter().rposition(|l| l.0 == HelpKind::Title).unwrap();
        assert_eq!(lines[title].2, "Gutter marks");
        let legend = &lines[title + 1..];
        let entries = legend.iter().filter(|l| l.0 == HelpKind::Entry).count();
        assert_eq!(entries, LEGEND.len(), "the whole legend, wrapped");
    }
    assert!(
        help_lines(20, false).len() > help_lines(74, false).len(),
        "narrow: more lines"
    );
}

#[test]
fn keys_parse_as_config_files_write_them() {
    assert_eq!(Key::parse("j"), Some(k('j')));
    assert_eq!(Key::parse("Ctrl-d"), Some(ctrl('d')));
    assert_eq!(Key::parse("C-D"), Some(ctrl('d')));
    assert_eq!(Key::parse("space"), Some(k(' ')));
    assert_eq!(Key::parse("PgDn"), Some(code(KeyCode::PageDown)));
    assert_eq!(Key::parse("esc"), Some(code(KeyCode::Esc)));
    for bad in ["", "jj", "Ctrl-", "Hyper-x", "\u{1b}", "F13"] {
        assert_eq!(Key::parse(bad), None, "{bad:?}");
    }
    // Every key's name parses back to it.
    for b in BINDINGS {
        for key in b.keys {
            assert_eq!(Key::parse(&key.name()), Some(*key), "{}", key.name());
        }
    }
}

#[test]
fn overrides_merge_over_the_defaults() {
    let reading = |action, keys| Override {
        section: Section::Reading,
        action,
        keys,
    };
    let map = Keymap::with_overrides(&[
        reading(Action::Quit, vec![k('x')]),
        reading(Action::ScrollLines(1), vec![k('j'), k('e')]),
        reading(
            Action::StepQuote {
                dir: 1,
                shared: false,
            },
            vec![k('>')],
        ),
        // `o` taken from open-match for zoom: open-match keeps Enter.
        reading(Action::ToggleZoom, vec![k('o')]),
    ]);
    let press = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(map.action_for(Reading, press('x')), Some(Action::Quit));
    assert_eq!(
        map.action_for(Reading, press('q')),
        None,
        "q no longer quits"
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        map.action_for(Reading, ctrl_c),
        Some(Action::Quit),
        "Ctrl-c stays"
    );
    assert_eq!(
        map.action_for(Help, press('e')),
        Some(Action::ScrollLines(1))
    );
    assert_eq!(
        map.action_for(Reading, press('o')),
        Some(Action::ToggleZoom)
    );
    assert_eq!(map.action_for(Reading, press('z')), None);
    assert_eq!(map.hint(Reading, Action::OpenMatch), "Enter");
    assert_eq!(map.hint(Reading, Action::Quit), "x");
    let rows = map.help_rows(Reading);
    let row = |help: &str| rows.iter().find(|r| r.1 == help).map(|r| r.0.clone());
    assert_eq!(row("quit").as_deref(), Some("x"));
    assert_eq!(row("down a line").as_deref(), Some("j e"));
    assert_eq!(
        row("next / previous quote in the column (moves ▶)").as_deref(),
        Some("> ["),
        "a pair shows each one's key"
    );
    assert_eq!(
        row("open the match in its article / back to the matches").as_deref(),
        Some("Enter"),
        "a key taken by another action leaves its label"
    );
    assert_eq!(
        row("synchronised scrolling").as_deref(),
        Some("s"),
        "untouched"
    );
}

#[test]
fn help_lists_reading_keys() {
    let rows = help_rows(Reading);
    assert!(rows.iter().any(|(l, _)| l == "/"));
    assert!(rows.iter().any(|(l, _)| l == "1-9"));
}
