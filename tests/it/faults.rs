//! Faults a real session meets (issue 15): a terminal that goes away
//! without a SIGHUP, stop and continue signals from outside, idling after a
//! failed load. The real binary on a real pseudo-terminal or in tmux.

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::sleep;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fs::OFlags;
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_crossread")
}

/// User + system CPU time of a process so far, in clock ticks
/// (`/proc/PID/stat` fields 14 and 15); `None` once it is gone.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces: count from its ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // rest starts at field 3 (state): utime is field 14, stime 15.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// The process's state letter (`R`, `S`, `Z`…), `None` once reaped.
fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 2..].chars().next()
}

/// A pseudo-terminal pair: the master (ours) and the slave's path.
struct Pty {
    master: std::os::fd::OwnedFd,
    slave: std::fs::File,
}

fn open_pty(cols: u16, rows: u16) -> Pty {
    // Close-on-exec: the reader must not hold its own terminal open.
    let master =
        openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).expect("openpt");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    let slave = OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(OFlags::NOCTTY.bits() as i32)
        .open(name.to_str().expect("pty name"))
        .expect("open the pty slave");
    tcsetwinsize(
        &master,
        Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .expect("window size");
    Pty { master, slave }
}

/// Starts the reader on the slave side of `pty`, in its own process group
/// and not with the pty as its controlling terminal: when the master
/// closes, no SIGHUP reaches it (as under `setsid`, or a wrapper that eats
/// the signal).
fn spawn_on(pty: &Pty, args: &[&str]) -> Child {
    Command::new(bin())
        .args(args)
        .env("TERM", "xterm-256color")
        .stdin(Stdio::from(pty.slave.try_clone().unwrap()))
        .stdout(Stdio::from(pty.slave.try_clone().unwrap()))
        .stderr(Stdio::from(pty.slave.try_clone().unwrap()))
        .process_group(0)
        .spawn()
        .expect("start crossread")
}

/// Kills the child if a test fails while it runs.
struct Reaper(Child);

impl Drop for Reaper {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

#[test]
fn a_lost_terminal_ends_the_reader_quickly_and_quietly() {
    let Pty { master, slave } = open_pty(100, 30);
    let pty_for_spawn = Pty {
        master: master.try_clone().unwrap(),
        slave,
    };
    let mut child = Reaper(spawn_on(&pty_for_spawn, &[]));
    // Only the master below may keep the pty open.
    drop(pty_for_spawn);
    let pid = child.0.id();

    // Read the screen until the first frame (column headers) is drawn and
    // the reader has gone quiet (idle, waiting for keys); then close the
    // master, as when a terminal window goes away.
    let (closed_tx, closed_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut screen = Vec::new();
        let mut buf = [0u8; 4096];
        let start = Instant::now();
        let mut quiet_since = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            let mut fds = [PollFd::new(&master, PollFlags::IN)];
            let timeout = Timespec {
                tv_sec: 0,
                tv_nsec: 50_000_000,
            };
            if poll(&mut fds, Some(&timeout)).unwrap_or(0) > 0 {
                match rustix::io::read(&master, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        screen.extend_from_slice(&buf[..n]);
                        quiet_since = Instant::now();
                    }
                }
            }
            let drawn = String::from_utf8_lossy(&screen).contains("Source 2");
            if drawn && quiet_since.elapsed() > Duration::from_millis(500) {
                drop(master);
                let _ = closed_tx.send(Instant::now());
                return;
            }
        }
    });
    let closed = closed_rx
        .recv_timeout(Duration::from_secs(25))
        .expect("the reader drew its first frame");
    let ticks_at_close = cpu_ticks(pid).expect("the reader is running");

    // It must end within 2 s, not spinning meanwhile.
    let mut last_ticks = ticks_at_close;
    loop {
        match state(pid) {
            Some('Z') | None => break,
            _ => {}
        }
        if let Some(t) = cpu_ticks(pid) {
            last_ticks = t;
        }
        assert!(
            closed.elapsed() < Duration::from_secs(2),
            "the reader still runs 2 s after its terminal closed, having used {} ticks of CPU",
            last_ticks - ticks_at_close
        );
        sleep(Duration::from_millis(20));
    }
    let elapsed = closed.elapsed();
    let status = child.0.wait().expect("wait");
    let used = last_ticks - ticks_at_close;
    assert!(
        used <= 20,
        "the reader used {used} ticks of CPU in the {elapsed:?} before it exited"
    );
    // 2, as for an I/O error; not a panic (101), not success.
    assert_eq!(status.code(), Some(2), "{status:?}");
}

/// A tmux server of our own (`-L`, no configuration) with one pane running
/// an interactive bash (which, unlike dash, puts its terminal settings
/// back when a job stops, as a user's shell does).
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(name: &str, width: u16, height: u16) -> Option<Self> {
        if std::env::var_os("CROSSREAD_SKIP_E2E").is_some() {
            return None;
        }
        let tmux = Tmux {
            socket: format!("crossread-{name}-{}", std::process::id()),
        };
        let ok = tmux
            .cmd()
            .args(["new-session", "-d", "-x", &width.to_string()])
            .args(["-y", &height.to_string()])
            .args([
                "env",
                "PS1=$ ",
                "TERM=xterm-256color",
                "bash",
                "--norc",
                "--noprofile",
            ])
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            ok,
            "tmux is needed for this test: install it (.ci/run does) or set CROSSREAD_SKIP_E2E=1"
        );
        Some(tmux)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]);
        c
    }

    fn out(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("tmux");
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    }

    fn type_text(&self, text: &str) {
        assert!(
            self.cmd()
                .args(["send-keys", "-l", text])
                .status()
                .unwrap()
                .success()
        );
    }

    fn enter(&self) {
        assert!(
            self.cmd()
                .args(["send-keys", "Enter"])
                .status()
                .unwrap()
                .success()
        );
    }

    fn screen(&self) -> String {
        self.out(&["capture-pane", "-p"])
    }

    /// Whether the pane shows the alternate screen.
    fn alternate(&self) -> bool {
        self.out(&["display-message", "-p", "#{alternate_on}"]) == "1"
    }

    /// The pane's terminal settings, as `stty -g` prints them.
    fn stty(&self) -> String {
        let tty = self.out(&["display-message", "-p", "#{pane_tty}"]);
        let out = Command::new("stty")
            .args(["-F", &tty, "-g"])
            .output()
            .expect("stty");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn shell_pid(&self) -> u32 {
        self.out(&["display-message", "-p", "#{pane_pid}"])
            .parse()
            .expect("pane pid")
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&Self) -> bool) {
        let start = Instant::now();
        while !pred(self) {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// The first child process of `pid`.
fn child_of(pid: u32) -> Option<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[test]
fn stop_and_continue_from_outside_give_back_the_terminal_and_take_it_again() {
    let Some(tmux) = Tmux::new("stop", 100, 30) else {
        return;
    };
    tmux.wait_for("the shell", |t| t.screen().contains('$'));
    let cooked = tmux.stty();
    // Alone on its line: bash would run what follows when it stops.
    tmux.type_text(&format!("'{}'", bin()));
    tmux.enter();
    tmux.wait_for("the reader", |t| t.screen().contains("Source 2"));
    let raw = tmux.stty();
    assert_ne!(raw, cooked, "the reader runs in raw mode");
    let pid = child_of(tmux.shell_pid()).expect("the reader's pid");

    // `kill -TSTP`: the terminal comes back to the shell while stopped.
    // `kill -STOP` cannot be caught: the reader takes the terminal back on
    // SIGCONT however the shell left it.
    for (signal, letter) in [("-TSTP", 'T'), ("-STOP", 'T')] {
        assert!(
            Command::new("kill")
                .args([signal, &pid.to_string()])
                .status()
                .unwrap()
                .success()
        );
        tmux.wait_for("the reader to stop", |_| state(pid) == Some(letter));
        if signal == "-TSTP" {
            tmux.wait_for("the main screen", |t| !t.alternate());
            tmux.wait_for("cooked mode", |t| t.stty() == cooked);
        }
        // bash says so and prompts (wherever the reader left the cursor).
        tmux.wait_for("the shell prompt", |t| {
            let screen = t.screen();
            screen.contains("Stopped") && screen.lines().any(|l| l.trim_end() == "$")
        });
        tmux.type_text("fg");
        tmux.enter();
        tmux.wait_for("the frame redrawn", |t| {
            let screen = t.screen();
            t.alternate() && screen.contains("Source 2") && !screen.contains("Stopped")
        });
        tmux.wait_for("raw mode again", |t| t.stty() == raw);
        // Keys work without Enter: the filter narrows the columns.
        tmux.type_text("/ivy");
        tmux.wait_for("the filter", |t| t.screen().contains("1 match"));
        tmux.type_text("\x1b");
        tmux.wait_for("the filter cleared", |t| !t.screen().contains("1 match"));
    }
    tmux.type_text("q");
    tmux.wait_for("the shell", |t| !t.alternate());
    tmux.type_text("echo EXIT=$?");
    tmux.enter();
    tmux.wait_for("the exit status", |t| t.screen().contains("EXIT=0"));
    assert_eq!(tmux.stty(), cooked, "the terminal settings are restored");
}

/// A JSON file cut short: nothing in it loads.
fn broken_story() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cut.json"),
        "{\"articles\": [{\"label\": \"Cut\", \"paragraphs\": [\"A sentence that",
    )
    .unwrap();
    dir
}

#[test]
fn idle_after_a_failed_load_writes_nothing_and_q_quits() {
    let dir = broken_story();
    let file = dir.path().join("cut.json");
    let pty = open_pty(60, 20);
    let mut child = Reaper(spawn_on(&pty, &[file.to_str().unwrap()]));
    let Pty { master, slave } = pty;
    drop(slave);

    let mut buf = [0u8; 4096];
    // Reads what arrives within `window`: (bytes, screen text so far).
    let mut screen = Vec::new();
    let mut read_for = |window: Duration, screen: &mut Vec<u8>| -> usize {
        let start = Instant::now();
        let mut got = 0;
        while start.elapsed() < window {
            let mut fds = [PollFd::new(&master, PollFlags::IN)];
            let timeout = Timespec {
                tv_sec: 0,
                tv_nsec: 20_000_000,
            };
            if poll(&mut fds, Some(&timeout)).unwrap_or(0) > 0 {
                match rustix::io::read(&master, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        got += n;
                        screen.extend_from_slice(&buf[..n]);
                    }
                }
            }
        }
        got
    };
    let start = Instant::now();
    while !String::from_utf8_lossy(&screen).contains("usable loaded") {
        let text = String::from_utf8_lossy(&screen);
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no failure message; the end of the output: {:?}",
            text.chars()
                .rev()
                .take(300)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
        );
        read_for(Duration::from_millis(100), &mut screen);
    }
    // The rest of that frame, then nothing: no spinner, no redraws.
    read_for(Duration::from_millis(300), &mut screen);
    let idle = read_for(Duration::from_secs(3), &mut screen);
    assert_eq!(idle, 0, "bytes written in 3 s of idling");
    // The end of the message is there (wrapped, not cut at 60 cells).
    let text = String::from_utf8_lossy(&screen);
    assert!(text.contains("quits)"), "{text:?}");

    rustix::io::write(&master, b"q").unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "q did not quit");
        read_for(Duration::from_millis(20), &mut screen);
    };
    assert_eq!(status.code(), Some(2), "nothing usable loaded: {status:?}");
}

#[test]
fn a_failed_load_shows_the_whole_message_wrapped() {
    use crossread::tui::app::App;
    use crossread::tui::event::Event;
    use crossread::tui::harness::buffer_text;
    use crossread::tui::theme::{ColorMode, Theme};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let why = "nothing usable loaded: stories/a-rather-long-name/cut.json:1:70: \
               JSON syntax error: EOF while parsing a string (and 2 more: crossread check)";
    let mut app = App::new("loading");
    assert!(app.needs_ticks(), "the loading screen animates");
    app.handle(Event::LoadFailed(why.into()));
    assert!(!app.needs_ticks(), "nothing animates after a failure");
    let theme = Theme::new(ColorMode::Indexed);
    let mut terminal = Terminal::new(TestBackend::new(40, 12)).unwrap();
    terminal
        .draw(|f| crossread::tui::view::render(f, &app, &theme))
        .unwrap();
    let screen = buffer_text(terminal.backend().buffer());
    // Every character, in order (a word too long for a line is split).
    let shown: String = screen.split_whitespace().collect();
    let wanted: String = why.split_whitespace().chain(["(q", "quits)"]).collect();
    assert_eq!(shown, wanted, "{screen}");
}

/// Runs the binary with stdout (and maybe stderr) on `/dev/full`:
/// (status, stderr).
fn to_full_disk(args: &[&str], stderr_too: bool) -> (std::process::ExitStatus, String) {
    let full = || std::fs::File::create("/dev/full").expect("/dev/full");
    let mut cmd = Command::new(bin());
    cmd.args(args).stdin(Stdio::null()).stdout(full());
    if stderr_too {
        cmd.stderr(full());
    } else {
        cmd.stderr(Stdio::piped());
    }
    let out = cmd.output().expect("run crossread");
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_full_disk_gives_one_line_and_status_2_never_a_panic() {
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["quotes"],
        &["search", "ivy"],
        &["--help"],
        &["--version"],
        &["quotes", "--help"],
    ] {
        let (status, stderr) = to_full_disk(args, false);
        assert_eq!(status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(
            stderr, "crossread: cannot write the output: No space left on device (os error 28)\n",
            "{args:?}"
        );
        // With stderr full too there is nowhere to say it: the status does.
        let (status, _) = to_full_disk(args, true);
        assert_eq!(status.code(), Some(2), "{args:?} with stderr full too");
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_run_s_status() {
    let dir = broken_story();
    let cut = dir.path().join("cut.json");
    for (args, code) in [
        (vec!["quotes".to_string()], 0),
        (vec!["--help".into()], 0),
        // Loading went wrong: that status stands.
        (vec!["list".into(), cut.display().to_string()], 2),
    ] {
        let mut child = Command::new(bin())
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run crossread");
        // Nobody reads the output.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}

mod analysis_limits {
    use crossread::corpus::{Article, Story};
    use crossread::session::{AnalysisLimits, Session};

    fn article(label: &str, paragraphs: Vec<String>) -> Article {
        Article {
            id: label.to_lowercase(),
            label: label.into(),
            origin: format!("{label}.txt").into(),
            paragraphs: paragraphs.into(),
            ..Article::default()
        }
    }

    fn story(articles: Vec<Article>) -> Story {
        Story {
            id: "limits".into(),
            title: "Limits".into(),
            articles,
        }
    }

    const QUOTED: &str = "“The bridge will open in spring,” said Mayor Hana Ruiz.";

    #[test]
    fn an_article_within_the_limits_is_analysed_as_it_is() {
        let s = story(vec![article("Small", vec![QUOTED.into(); 3])]);
        let (within, cut) = AnalysisLimits::DEFAULT.apply(&s);
        assert!(cut.is_empty());
        assert!(matches!(within, std::borrow::Cow::Borrowed(_)), "no copy");
        assert!(AnalysisLimits::DEFAULT.exceeded(&s).is_empty());
    }

    #[test]
    fn a_paragraph_over_the_limit_is_analysed_up_to_it_and_named() {
        // A quote at the start and one past 64 KiB, in one paragraph; a
        // multi-byte character straddles the cut.
        let mut long = String::from(QUOTED);
        while long.len() < (64 << 10) - 2 {
            long.push_str(" filler words");
        }
        long.push_str("é “Past the limit, nobody looks,” said Omar Diallo.");
        let s = story(vec![
            article("Long", vec![long.clone()]),
            article("Fine", vec![QUOTED.into()]),
        ]);
        let session = Session::from_story(s);
        let warnings: Vec<String> = session.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with(
                "Long.txt: warning: article Long (long): paragraph 1 has 65 KiB (limit 64 KiB each)"
            ),
            "{warnings:?}"
        );
        assert!(!session.skipped_any(), "a warning, not a skipped input");
        let an = session.analysis();
        let texts: Vec<&str> = an.quotes.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The bridge will open in spring,",
                "The bridge will open in spring,"
            ],
            "both first quotes, nothing past the cut"
        );
        // Positions are in the whole paragraph, as shown.
        let q = &an.quotes[0];
        let shown: String = long.chars().skip(q.start).take(q.end - q.start).collect();
        assert!(shown.contains("bridge will open"), "{shown}");
    }

    #[test]
    fn too_many_paragraphs_or_bytes_keep_a_prefix_with_its_numbers() {
        let limits = AnalysisLimits {
            max_article_bytes: 100,
            max_paragraphs: 3,
            max_paragraph_bytes: 40,
        };
        let paras: Vec<String> = (1..=5)
            .map(|i| format!("Paragraph {i} ünïcode text"))
            .collect();
        let s = story(vec![
            article("Many", paras.clone()),
            article("Few", vec!["x".into()]),
        ]);
        let (within, cut) = limits.apply(&s);
        assert_eq!(cut, [0]);
        assert_eq!(within.articles[0].paragraphs, paras[..3], "the first three");
        assert_eq!(within.articles[1].paragraphs, ["x"]);
        let msg = limits.exceeded(&s)[0].to_string();
        assert!(
            msg.contains("article Many (many): 5 paragraphs (limit 3)"),
            "{msg}"
        );

        // Bytes: 30 + 30 + 30 = 90, then 10 of the fourth paragraph (not
        // cutting a character), never more than the limit in all.
        let limits = AnalysisLimits {
            max_article_bytes: 100,
            max_paragraphs: 10,
            max_paragraph_bytes: 40,
        };
        let (within, _) = limits.apply(&s);
        let kept = &within.articles[0].paragraphs;
        assert!(kept.text_len() <= 100);
        for (k, p) in kept.iter().zip(&paras) {
            assert!(p.starts_with(k), "a prefix: {k:?} of {p:?}");
        }
        assert!(kept.len() >= 4 && kept.len() <= 5, "{kept:?}");
        assert!(
            limits.exceeded(&s)[0]
                .to_string()
                .contains("of text (limit")
        );
    }
}
