//! End-to-end: the real binary in a real terminal (tmux), driven with
//! send-keys and read with capture-pane. `.ci/run` installs tmux; without
//! it these tests fail with a message saying so (set CROSSREAD_SKIP_E2E=1
//! to skip them knowingly).

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common;

/// tmux on a server of the pane's own (socket `-S` in the temporary
/// directory, removed when the pane is dropped), without any user
/// configuration (`-f /dev/null`): the tests never touch the user's tmux,
/// and one test ending its server never races another starting a session.
fn tmux(session: &str) -> Command {
    let mut cmd = Command::new("tmux");
    cmd.arg("-S").arg(socket(session)).args(["-f", "/dev/null"]);
    cmd
}

fn socket(session: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("{session}.tmux"))
}

struct Pane {
    session: String,
}

fn tmux_available() -> bool {
    if std::env::var_os("CROSSREAD_SKIP_E2E").is_some() {
        return false;
    }
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "tmux is needed for the end-to-end tests: install it (.ci/run does) or set CROSSREAD_SKIP_E2E=1"
    );
    ok
}

impl Pane {
    /// A tmux session running `sh` in a `width`x`height` window.
    fn new(name: &str, width: u16, height: u16) -> Self {
        let session = format!("crossread-{name}-{}", std::process::id());
        let status = tmux(&session)
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .args(["env", "PS1=$ ", "TERM=xterm-256color"])
            // The reader keeps state (filter history): never in the user's home.
            .arg(format!(
                "XDG_STATE_HOME={}",
                std::env::temp_dir().join(&session).display()
            ))
            .arg(format!(
                "XDG_CONFIG_HOME={}",
                std::env::temp_dir().join(&session).display()
            ))
            .arg("sh")
            .status()
            .expect("tmux new-session");
        assert!(status.success());
        Pane { session }
    }

    /// tmux on this pane's server.
    fn tmux(&self) -> Command {
        tmux(&self.session)
    }

    fn send(&self, keys: &[&str]) {
        let status = self
            .tmux()
            .args(["send-keys", "-t", &self.session])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn type_text(&self, text: &str) {
        let status = self
            .tmux()
            .args(["send-keys", "-l", "-t", &self.session, text])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn capture(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen satisfies `pred`, or fails with the screen.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    fn resize(&self, width: u16, height: u16) {
        self.tmux()
            .args([
                "resize-window",
                "-t",
                &self.session,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .status()
            .unwrap();
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
        let _ = std::fs::remove_file(socket(&self.session));
        let _ = std::fs::remove_dir_all(std::env::temp_dir().join(&self.session));
    }
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_crossread")
}

/// `stty -a` in the pane after the reader exits: canonical mode and echo on.
fn assert_terminal_restored(pane: &Pane, marker: &str) {
    pane.type_text(&format!(
        "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo {marker}-STTY"
    ));
    pane.send(&["Enter"]);
    let screen = pane.wait_for("stty output", |s| {
        s.contains(&format!("{marker}-STTY")) && s.contains("icanon echo")
    });
    assert!(
        !screen.contains("│ 5 sources"),
        "the alternate screen was left:\n{screen}"
    );
}

#[test]
fn reader_filter_speaker_lookup_and_quit() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::new("main", 120, 40);
    pane.type_text(&format!("cd / && '{}'; echo EXIT=$?", bin()));
    pane.send(&["Enter"]);
    // Starts from any directory with the bundled story: article headers.
    let screen = pane.wait_for("column headers", |s| {
        s.contains("1 Source 1") && s.contains("3 Source 3")
    });
    assert!(screen.contains("5 sources"));

    // `/fotheringham` narrows every column.
    pane.type_text("/fotheringham");
    let screen = pane.wait_for("filter counts", |s| {
        s.contains("1 match ") && s.contains("0 matches")
    });
    assert!(screen.contains("Sarah Fotheringham"), "{screen}");
    assert!(
        !screen.contains("The looming U.S. ban"),
        "non-matching passages are hidden:\n{screen}"
    );
    pane.send(&["Escape"]);
    // Esc ends the filter where the reader was: the match stays in view.
    pane.wait_for("filter cleared", |s| {
        !s.contains("filter “") && s.contains("Sarah Fotheringham")
    });

    // Speakers panel, Enter on Ivy Yang: her quote in two columns.
    pane.type_text("p");
    pane.wait_for("speakers panel", |s| s.contains("speakers:"));
    pane.type_text("ivy");
    pane.send(&["Enter"]);
    let screen = pane.wait_for("Ivy Yang's quotes", |s| {
        s.contains("rare moments") && s.contains("community building")
    });
    assert!(screen.contains("no quote from Ivy Yang"), "{screen}");

    // q exits; the shell is back with the terminal restored.
    pane.type_text("q");
    pane.wait_for("exit status", |s| s.contains("EXIT=0"));
    assert_terminal_restored(&pane, "MAIN");
}

/// `/refugee`, Enter, then `n` (matches + 2) times: every match in turn,
/// the last one reached, then back to the first (it used to stick).
#[test]
fn n_reaches_the_last_match_and_wraps_to_the_first() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::new("next", 120, 40);
    pane.type_text(&format!("'{}'; echo EXIT=$?", bin()));
    pane.send(&["Enter"]);
    pane.wait_for("column headers", |s| s.contains("1 Source 1"));
    pane.type_text("/refugee");
    pane.send(&["Enter"]);
    let screen = pane.wait_for("the first match", |s| s.contains("match 1 of "));
    let total: usize = screen
        .split("match 1 of ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("a match count");
    assert!(total >= 5, "{screen}");
    for pressed in 1..=total + 2 {
        pane.type_text("n");
        let want = format!("match {} of {total}", pressed % total + 1);
        pane.wait_for(&want, |s| s.lines().last_non_empty() == Some(want.as_str()));
    }
    pane.type_text("q");
    pane.wait_for("exit status", |s| s.contains("EXIT=0"));
}

/// The user's config: keys merged over the defaults (the help shows them),
/// and a bad file is one clear line while the reader starts with defaults.
#[test]
fn config_keys_show_in_help_and_a_bad_config_falls_back() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::new("config", 100, 30);
    let dir = std::env::temp_dir().join(&pane.session).join("crossread");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[keys]\nquit = \"x\"\nhelp = [\"H\", \"?\"]\n",
    )
    .unwrap();
    pane.type_text(&format!("'{}'; echo EXIT=$?", bin()));
    pane.send(&["Enter"]);
    pane.wait_for("reader", |s| s.contains("1 Source 1"));
    pane.type_text("H");
    pane.wait_for("help", |s| s.contains("keys (H or Esc closes)"));
    // Down, a line at a time, to the end of the reading keys (quit).
    let quit_row = |s: &str| s.lines().any(|l| l.contains("  x ") && l.contains("quit"));
    for _ in 0..60 {
        if quit_row(&pane.capture()) {
            break;
        }
        pane.type_text("j");
        sleep(Duration::from_millis(60));
    }
    pane.wait_for("help with the user's keys", quit_row);
    pane.type_text("q");
    pane.wait_for("help closed", |s| !s.contains("HELP"));
    pane.type_text("q");
    sleep(Duration::from_millis(300));
    assert!(pane.capture().contains("1 Source 1"), "q no longer quits");
    pane.type_text("x");
    pane.wait_for("exit status", |s| s.contains("EXIT=0"));

    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[reader]\nzoom_width = 5\n").unwrap();
    pane.type_text(&format!(
        "clear; '{}' --config '{}'; echo EXIT=$?",
        bin(),
        bad.display()
    ));
    pane.send(&["Enter"]);
    pane.wait_for("the config error on the status line", |s| {
        s.contains("1 Source 1") && s.contains("⚠ config ignored, using the defaults: /")
    });
    pane.type_text("q");
    // The same line stays on the shell's screen, whole.
    pane.wait_for("exit status and the error", |s| {
        s.contains("EXIT=0") && s.contains("bad.toml:2: reader.zoom_width: a width from 20")
    });
}

/// The last non-blank line of a screen, trimmed: the status line.
trait LastNonEmpty<'a> {
    fn last_non_empty(self) -> Option<&'a str>;
}

impl<'a, I: DoubleEndedIterator<Item = &'a str>> LastNonEmpty<'a> for I {
    fn last_non_empty(mut self) -> Option<&'a str> {
        self.rfind(|l| !l.trim().is_empty()).map(str::trim)
    }
}

#[test]
fn works_with_screen_and_linux_terminal_types() {
    if !tmux_available() {
        return;
    }
    for term in ["screen-256color", "linux", "xterm-256color"] {
        let pane = Pane::new(&format!("term-{term}"), 100, 30);
        pane.type_text(&format!("TERM={term} '{}'; echo EXIT=$?", bin()));
        pane.send(&["Enter"]);
        pane.wait_for(term, |s| {
            s.contains("1 Source 1") && s.contains("2 Source 2")
        });
        pane.type_text("jjl/ivy");
        pane.wait_for("filter under {term}", |s| s.contains("1 match"));
        pane.send(&["Escape"]);
        // Esc and q read together are Alt-q, which does nothing: let the
        // reader take the Esc first (it did not, under load).
        // Both the header and the column counts change when the filter ends.
        pane.wait_for("filter closed", |s| {
            !s.contains("FILTER") && !s.contains("filter “") && !s.contains("1 match")
        });
        pane.type_text("q");
        pane.wait_for("exit", |s| s.contains("EXIT=0"));
        assert_terminal_restored(&pane, &format!("T{}", term.len()));
    }
}

#[test]
fn resize_storm_keeps_running_and_ends_correct() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::new("resize", 100, 30);
    pane.type_text(&format!("'{}'; echo EXIT=$?", bin()));
    pane.send(&["Enter"]);
    pane.wait_for("reader", |s| s.contains("1 Source 1"));
    for i in 0..200u16 {
        let (w, h) = (20 + (i * 37) % 180, 5 + (i * 13) % 45);
        pane.resize(w, h);
        if i % 10 == 0 {
            pane.type_text(if i % 20 == 0 { "j" } else { "/a" });
            pane.send(&["Escape"]);
        }
    }
    pane.resize(120, 40);
    // The final screen is laid out for 120x40: three columns.
    let screen = pane.wait_for("final layout", |s| {
        s.contains("1 Source 1") && s.contains("3 Source 3") && !s.contains("4 Source 4")
    });
    assert_eq!(screen.lines().count(), 40);
    pane.type_text("q");
    pane.wait_for("exit status", |s| s.contains("EXIT=0"));
    assert_terminal_restored(&pane, "RESIZE");
}

fn run_and_kill(name: &str, signal: &str, want_exit: &str) {
    let pane = Pane::new(name, 100, 30);
    pane.type_text(&format!("'{}'; echo EXIT=$?", bin()));
    pane.send(&["Enter"]);
    pane.wait_for("reader", |s| s.contains("1 Source 1"));
    // The reader is the child of this pane's shell.
    let shell = pane
        .tmux()
        .args(["display", "-p", "-t", &pane.session, "#{pane_pid}"])
        .output()
        .unwrap();
    let shell = String::from_utf8_lossy(&shell.stdout).trim().to_string();
    let child = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    let pid = String::from_utf8_lossy(&child.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    assert!(!pid.is_empty(), "reader pid under shell {shell}");
    Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .unwrap();
    pane.wait_for("exit status", |s| s.contains(want_exit));
    assert_terminal_restored(&pane, name);
}

#[test]
fn terminal_restored_on_signals() {
    if !tmux_available() {
        return;
    }
    run_and_kill("term", "TERM", "EXIT=143");
    run_and_kill("hup", "HUP", "EXIT=129");
    run_and_kill("int", "INT", "EXIT=130");
}

#[test]
// The binary under test is built with the tests' profile: only debug
// builds have the trigger (`cargo test --release` would see no panic).
#[cfg_attr(
    not(debug_assertions),
    ignore = "the panic trigger is compiled only into debug builds"
)]
fn terminal_restored_on_panic() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::new("panic", 100, 30);
    pane.type_text(&format!("CROSSREAD_TEST_PANIC=1 '{}'; echo EXIT=$?", bin()));
    pane.send(&["Enter"]);
    let screen = pane.wait_for("panic exit", |s| s.contains("EXIT=101"));
    assert!(
        screen.contains("test-only panic"),
        "the panic message is readable:\n{screen}"
    );
    assert_terminal_restored(&pane, "PANIC");
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::new("suspend", 100, 30);
    // An interactive shell with job control.
    pane.type_text("set -m");
    pane.send(&["Enter"]);
    pane.type_text(&format!("'{}'", bin()));
    pane.send(&["Enter"]);
    pane.wait_for("reader", |s| s.contains("1 Source 1"));
    pane.send(&["C-z"]);
    pane.wait_for("shell after suspend", |s| {
        !s.contains("1 Source 1")
            && (s.contains("Stopped") || s.contains("stopped") || s.contains("Suspended"))
    });
    pane.type_text("stty -a | tr ' ' '\\n' | grep -x icanon; echo SUSPENDED-OK");
    pane.send(&["Enter"]);
    pane.wait_for("cooked terminal while suspended", |s| {
        s.contains("icanon\n") && s.contains("SUSPENDED-OK")
    });
    pane.type_text("fg");
    pane.send(&["Enter"]);
    pane.wait_for("redrawn reader", |s| {
        s.contains("1 Source 1") && s.contains("5 sources")
    });
    pane.type_text("q");
    pane.wait_for("prompt", |s| s.contains("$ ") && !s.contains("5 sources"));
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    if !tmux_available() {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let raw = tempfile::NamedTempFile::new().unwrap();
    let pane = Pane::new("hostile", 120, 40);
    // Capture every byte the pane's programs write.
    let status = pane
        .tmux()
        .args([
            "pipe-pane",
            "-o",
            "-t",
            &pane.session,
            &format!("cat >> '{}'", raw.path().display()),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    pane.type_text(&format!("'{}' '{}'; echo EXIT=$?", bin(), dir.display()));
    pane.send(&["Enter"]);
    // The folder holds several stories: the list (its hostile titles drawn
    // too), then the first story side by side, whichever the clustering
    // makes it (the escapes are in titles and texts throughout).
    pane.wait_for("story list", |s| s.contains("stories from"));
    pane.send(&["Enter"]);
    pane.wait_for("reader", |s| s.contains(" sources │ READ"));
    for keys in [
        "j", "G", " ", "l", "G", "l", "z", "g", "z", "/", "alert", "Escape", "/", "pwned",
        "Escape", "p", "Escape", "?", "Escape",
    ] {
        if keys == "Escape" {
            pane.send(&["Escape"]);
        } else {
            pane.type_text(keys);
        }
        sleep(Duration::from_millis(60));
    }
    // Esc and q read together are Alt-q, which does nothing.
    pane.wait_for("help closed", |s| s.contains("? help"));
    pane.type_text("q");
    pane.wait_for("exit", |s| s.contains("EXIT=1"));
    sleep(Duration::from_millis(200));
    let bytes = std::fs::read(raw.path()).unwrap();
    assert!(bytes.len() > 1000, "captured {} bytes", bytes.len());
    // The hostile articles were drawn: their visible text is in the capture.
    assert!(
        bytes.windows(5).any(|w| w == b"ALERT"),
        "the reader drew the hostile text"
    );
    // Only the reader's own drawing: none of the injected sequences or payloads.
    let start = bytes
        .windows(8)
        .position(|w| w == b"\x1b[?1049h")
        .unwrap_or(0);
    common::assert_clean_output("reader on hostile input", &bytes[start..]);
}

/// A folder of several stories (our own fixture texts) opens on the story
/// list; picking one shows its columns side by side; Backspace goes back
/// to the list with the same story selected (issue 13).
#[test]
fn a_folder_of_stories_opens_on_the_list_and_a_pick_shows_its_columns() {
    if !tmux_available() {
        return;
    }
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader-stories");
    let pane = Pane::new("stories", 120, 30);
    pane.type_text(&format!(
        "'{}' '{}'; echo EXIT=$?",
        bin(),
        fixture.display()
    ));
    pane.send(&["Enter"]);
    let screen = pane.wait_for("the story list", |s| {
        s.contains("3 stories from 6 articles") && s.contains("single-source")
    });
    assert!(screen.contains("▶ 1  Kestrel ferry"), "{screen}");
    // The library story: down one, Enter.
    pane.type_text("j");
    pane.wait_for("the second story selected", |s| {
        s.contains("▶ 2  Hallow Green")
    });
    pane.send(&["Enter"]);
    // The whole frame, text included: a capture can land between the
    // headers and the text of one frame under load.
    let screen = pane.wait_for("the story's columns", |s| {
        s.contains("1 Valley Echo") && s.contains("2 County Times") && s.contains("Wenna Colby")
    });
    assert!(
        !screen.contains("Kestrel"),
        "only the story picked:\n{screen}"
    );
    // Back to the list, the same story selected; q quits.
    pane.send(&["BSpace"]);
    pane.wait_for("the list again", |s| {
        s.contains("3 stories from 6 articles") && s.contains("▶ 2  Hallow Green")
    });
    pane.type_text("q");
    pane.wait_for("exit status", |s| s.contains("EXIT=0"));
    assert_terminal_restored(&pane, "STORIES");
}
