//! Hostile input: nothing from it reaches the output, nothing panics,
//! resources stay bounded, and bad files are reported while the rest loads.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crossread::analysis::analyze;
use crossread::corpus::{LoadOptions, is_unsafe_char, load_bytes, load_paths};
use crossread::tui::harness::Harness;
use crossread::tui::theme::ColorMode;
use tempfile::TempDir;

use crate::common::assert_clean_output;

fn hostile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_crossread")
}

#[test]
fn every_fixture_loads_or_is_reported_and_the_text_is_clean() {
    let out = load_paths(&[hostile()], &LoadOptions::default());
    let names: Vec<String> = out.diagnostics.iter().map(|d| d.to_string()).collect();
    // The bad ones are reported, naming the file (and line).
    for (file, needle) in [
        ("c1-raw-bytes.txt", "invalid UTF-8"),
        ("escapes.jsonl:3", "hex escape"),
        ("escapes.jsonl:6", "invalid UTF-8"),
        ("escapes.jsonl:7", "expected an article object"),
        ("wrong-types.json:1", "schema error"),
        ("huge-number.json:1", "number out of range"),
    ] {
        assert!(
            names.iter().any(|n| n.contains(file) && n.contains(needle)),
            "{file} / {needle}: {names:#?}"
        );
    }
    // The rest loaded, with every forbidden character removed everywhere.
    assert!(
        out.story.articles.len() >= 10,
        "{}",
        out.story.articles.len()
    );
    for a in &out.story.articles {
        let fields = [
            Some(&a.id),
            Some(&a.label),
            a.title.as_ref(),
            a.source.as_ref(),
            a.date.as_ref(),
            a.url.as_ref(),
        ];
        for f in fields
            .into_iter()
            .flatten()
            .map(String::as_str)
            .chain(a.paragraphs.iter())
        {
            assert!(!f.chars().any(is_unsafe_char), "{}: {f:?}", a.id);
            assert!(
                !f.contains("[31;1mALERT") && !f.contains("PWNED"),
                "{}: residue in {f:?}",
                a.id
            );
        }
    }
    let esc = out
        .story
        .articles
        .iter()
        .find(|a| a.id == "esc-json")
        .unwrap();
    assert!(esc.sanitized.escape_sequences >= 10);
    assert!(
        esc.paragraphs[0].contains("before ALERT after"),
        "visible text kept: {}",
        &esc.paragraphs[0]
    );
    // Tabs expanded, CR made LF.
    let tabs = out
        .story
        .articles
        .iter()
        .find(|a| a.id == "tabs-cr")
        .unwrap();
    assert!(
        tabs.paragraphs.iter().any(|p| p.contains("col1    col2")),
        "{:?}",
        tabs.paragraphs
    );
}

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap()
}

#[test]
fn cli_output_to_a_pipe_carries_nothing_from_the_input() {
    let dir = hostile();
    let dir = dir.to_str().unwrap();
    for args in [
        vec!["list", dir],
        vec!["list", "--json", dir],
        vec!["check", dir],
        vec!["quotes", dir],
        vec!["quotes", "--json", dir],
        vec!["speakers", dir],
        vec!["search", "alert", dir],
        vec!["search", "--json", "before", dir],
        vec![dir],
    ] {
        let out = run(&args);
        assert!(out.status.code().is_some_and(|c| c <= 2), "{args:?}");
        assert_clean_output(&format!("{args:?} stdout"), &out.stdout);
        assert_clean_output(&format!("{args:?} stderr"), &out.stderr);
        assert!(
            !out.stdout.contains(&0x1b),
            "{args:?}: no escape at all in a pipe"
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

#[test]
fn cli_output_to_a_terminal_carries_nothing_from_the_input() {
    // `script` gives the process a pty; its typescript holds every byte written.
    if Command::new("script").arg("--version").output().is_err() {
        panic!("`script` (util-linux) is needed for this test");
    }
    let tmp = TempDir::new().unwrap();
    let log = tmp.path().join("typescript");
    let dir = hostile();
    for sub in ["list", "quotes", "search alert", "check"] {
        let cmd = format!("'{}' {sub} '{}'", bin(), dir.display());
        // The typescript holds the output; script's own copy of it (its
        // stdout) would print the expected diagnostics into the test run.
        let status = Command::new("script")
            .args(["-qec", &cmd])
            .arg(&log)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.code().is_some());
        let bytes = fs::read(&log).unwrap();
        assert_clean_output(&format!("{sub} on a terminal"), &bytes);
    }
}

#[test]
fn extremes_load_analyse_and_render_without_panic() {
    let tmp = TempDir::new().unwrap();
    // A 5 MB paragraph with no spaces.
    let long = tmp.path().join("long.txt");
    fs::write(&long, format!("Long\n\n{}\n", "abcdefghij".repeat(500_000))).unwrap();
    // 100,000 one-word paragraphs.
    let many = tmp.path().join("many.txt");
    let words: String = (0..100_000).map(|i| format!("word{i}\n\n")).collect();
    fs::write(&many, format!("Many\n\n{words}")).unwrap();
    let out = load_paths(
        &[
            long,
            many,
            hostile().join("combining.txt"),
            hostile().join("cjk-wide.txt"),
        ],
        &LoadOptions::default(),
    );
    assert_eq!(out.story.articles.len(), 4, "{:?}", out.diagnostics);
    assert_eq!(out.story.articles[1].paragraphs.len(), 100_000);
    let an = analyze(&out.story);
    assert!(an.quotes.iter().all(|q| q.start < q.end));
    let mut h = Harness::new(out.story, 120, 40, ColorMode::Indexed);
    h.render();
    for keys in ["G", "l", "G", "l", "G", "l", "jjj", "/abc"] {
        h.keys(keys);
        let screen = h.screen();
        for line in screen.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 120);
        }
    }
}

#[test]
fn deep_nesting_huge_numbers_and_wrong_types_are_errors() {
    // Nesting inside an ignored field is skipped without recursion: it loads.
    let deep = format!(
        "{{\"extra\": {}1{}, \"paragraphs\": [\"x\"]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let out = load_bytes("deep.json", deep.as_bytes());
    assert_eq!(out.story.articles.len(), 1, "{:?}", out.diagnostics);
    // Nested objects where an article is read: the parser stops at its limit.
    let deep = format!(
        "{{\"paragraphs\": [\"x\"], \"title\": {}1{}}}",
        "{\"a\":".repeat(100_000),
        "}".repeat(100_000)
    );
    let out = load_bytes("deep0.json", deep.as_bytes());
    assert!(out.story.articles.is_empty());
    assert!(!out.diagnostics.is_empty());
    // Nesting where a string is expected: a type error, found at once.
    let deep = format!(
        "{{\"paragraphs\": {}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(
        load_bytes("deep1.json", deep.as_bytes()).diagnostics[0]
            .message
            .contains("expected a string")
    );
    let deep_array = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(
        !load_bytes("deep2.json", deep_array.as_bytes())
            .diagnostics
            .is_empty()
    );
    let deep_lines = format!(
        "{}\n{{\"paragraphs\":[\"ok\"]}}\n",
        "{\"a\":".repeat(50_000)
    );
    let out = load_bytes("deep.jsonl", deep_lines.as_bytes());
    assert_eq!(out.story.articles.len(), 1, "the good line still loads");
}

#[test]
fn a_one_gigabyte_input_is_refused_without_reading_it() {
    let tmp = TempDir::new().unwrap();
    let big = tmp.path().join("big.txt");
    let f = fs::File::create(&big).unwrap();
    f.set_len(1 << 30).unwrap(); // sparse: no disk used
    let small = tmp.path().join("small.txt");
    fs::write(&small, "Small\n\nStill loads.").unwrap();
    let out = load_paths(&[big, small], &LoadOptions::default());
    assert_eq!(out.story.articles.len(), 1);
    assert!(
        out.diagnostics[0]
            .message
            .contains("1024.0 MiB, over the 256.0 MiB limit"),
        "{}",
        out.diagnostics[0]
    );
}

#[test]
fn a_folder_of_ten_thousand_files_loads() {
    let tmp = TempDir::new().unwrap();
    for i in 0..10_000 {
        fs::write(
            tmp.path().join(format!("{i:05}.txt")),
            format!("Title {i}\n\nArticle number {i} text."),
        )
        .unwrap();
    }
    fs::write(tmp.path().join("bad.json"), "{").unwrap();
    let out = load_paths(&[tmp.path().to_path_buf()], &LoadOptions::default());
    assert_eq!(out.story.articles.len(), 10_000);
    assert_eq!(out.diagnostics.len(), 1);
}

#[test]
fn vanished_and_special_files_are_reported() {
    let tmp = TempDir::new().unwrap();
    std::os::unix::fs::symlink(tmp.path().join("gone.txt"), tmp.path().join("dangling.txt"))
        .unwrap();
    let fifo = tmp.path().join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    fs::write(tmp.path().join("ok.txt"), "Ok\n\nFine.").unwrap();
    let out = load_paths(
        &[tmp.path().to_path_buf(), tmp.path().join("missing.md")],
        &LoadOptions::default(),
    );
    assert_eq!(out.story.articles.len(), 1);
    let all: Vec<String> = out.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        all.iter()
            .any(|d| d.contains("pipe.txt") && d.contains("not a regular file")),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|d| d.contains("missing.md") && d.contains("no such file")),
        "{all:#?}"
    );
}

#[test]
fn unreadable_file_is_reported() {
    // Root reads anything; the check is meaningful only for other users.
    if unsafe_is_root() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new().unwrap();
    let f = tmp.path().join("secret.txt");
    fs::write(&f, "Secret\n\nText.").unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o000)).unwrap();
    let out = load_paths(&[f], &LoadOptions::default());
    assert!(out.diagnostics[0].message.contains("permission denied"));
}

fn unsafe_is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
