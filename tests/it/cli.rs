//! Command-line tests: run the real binary on files, check output and exit codes.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn crossread() -> Command {
    let mut cmd = Command::cargo_bin("crossread").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds")
}

#[test]
fn list_bundled_story_from_any_directory() {
    let dir = TempDir::new().unwrap();
    crossread()
        .current_dir(dir.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("000_d72dfcbac493307b"))
        .stdout(predicate::str::contains("Source 5"))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn list_json_is_one_object_with_articles() {
    let out = crossread()
        .args(["list", "--json"])
        .arg(seeds())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    assert_eq!(articles[0]["id"], "000_d72dfcbac493307b");
    assert_eq!(articles[0]["paragraphs"], 11);
    assert_eq!(
        articles[3]["title"],
        "American TikTok Users Turn to RedNote Amid Ban Concerns and Protests"
    );
    assert!(articles[0]["words"].as_u64().unwrap() > 400);
}

#[test]
fn check_clean_input_exits_0() {
    crossread()
        .arg("check")
        .arg(seeds())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "5 articles loaded, 0 errors, 0 warnings",
        ));
}

#[test]
fn check_reports_problems_and_sanitiser_removals_and_exits_1() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("evil.txt"),
        "Evil\n\nred \x1b[31mtext\x1b[0m\u{202e}x",
    )
    .unwrap();
    fs::write(dir.path().join("bad.json"), "{\"paragraphs\": [1]}").unwrap();
    crossread()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "sanitised: 2 escape sequences, 1 bidi control",
        ))
        .stdout(predicate::str::contains(
            "bad.json:1:17: error: schema error in `paragraphs[0]`",
        ))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn some_input_skipped_exits_1_and_names_the_file() {
    let dir = TempDir::new().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, "Good\n\nText.").unwrap();
    crossread()
        .arg("list")
        .arg(&good)
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("good"))
        .stderr(predicate::str::contains(
            "missing.json: error: cannot read: no such file",
        ));
}

#[test]
fn nothing_usable_exits_2() {
    crossread()
        .args(["list", "/nonexistent/path.json"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("path.json"));
}

#[test]
fn a_mistyped_command_suggests_the_right_one() {
    crossread()
        .arg("speaker")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "a similar subcommand exists: 'speakers'",
        ))
        .stderr(predicate::str::contains("no such file").not());
}

#[test]
fn reader_flags_before_a_command_leave_it_a_command() {
    crossread()
        .arg("--mouse")
        .arg("list")
        .arg(seeds())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ID "))
        .stderr(predicate::str::contains("list").not());
}

/// One numbering everywhere: the ¶ and group numbers of `quotes` are the
/// `paragraph` and `group` numbers of its JSON, from 1 (the reader's
/// compare view says "group 1" for the first group, too).
#[test]
fn quotes_text_and_json_number_paragraphs_and_groups_alike() {
    let text = crossread().arg("quotes").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let json = crossread().args(["quotes", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let groups: Vec<u64> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_u64().unwrap())
        .collect();
    assert!(
        !groups.contains(&0),
        "groups are numbered from 1: {groups:?}"
    );
    assert!(!text.contains("[group 0]"), "{text}");
    let labels: std::collections::HashMap<&str, &str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["label"].as_str().unwrap()))
        .collect();
    for q in v["quotes"].as_array().unwrap() {
        let label = labels[q["article"].as_str().unwrap()];
        let para = q["paragraph"].as_u64().unwrap();
        assert!(para >= 1);
        let group = match q["group"].as_u64() {
            Some(g) => {
                assert!(groups.contains(&g), "{q}");
                format!(" [group {g}]")
            }
            None => String::new(),
        };
        let quoted = q["text"].as_str().unwrap();
        // Speakers found by coreference or turn-taking are marked as inferred.
        let inferred = match q["basis"].as_str().unwrap() {
            "coreference" | "turn" => " (inferred)",
            _ => "",
        };
        let line = format!("{label} ¶{para}{group}{inferred}  “{quoted}”");
        let anon = format!("{label} ¶{para} (");
        assert!(
            text.lines().any(|l| l.trim_start() == line
                || (l.trim_start().starts_with(&anon) && l.ends_with(&format!("“{quoted}”")))),
            "{line} not in the text output"
        );
    }
}

#[test]
fn bad_arguments_exit_2() {
    crossread().arg("--no-such-flag").assert().code(2);
    crossread()
        .args(["list", "--max-file-size", "lots"])
        .assert()
        .code(2);
}

#[test]
fn stdin_is_read_with_dash() {
    crossread()
        .args(["list", "--json", "-"])
        .write_stdin("{\"id\":\"piped\",\"paragraphs\":[\"From a pipe.\"]}")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"piped\""));
    crossread()
        .args(["list", "-"])
        .write_stdin("Piped Title\n\nPlain text from a pipe.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Piped Title"));
}

#[test]
fn max_file_size_flag_refuses_large_files() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("big.txt");
    fs::write(&f, "Big\n\n".to_string() + &"word ".repeat(1000)).unwrap();
    crossread()
        .args(["list", "--max-file-size", "1K"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("over the 1024 bytes limit"));
}

#[test]
fn help_has_examples_and_version_works() {
    crossread()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("Exit status"));
    crossread()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn closed_pipe_exits_quietly() {
    // Many articles so the output is larger than a pipe buffer.
    let dir = TempDir::new().unwrap();
    let lines: String = (0..5000)
        .map(|i| format!("{{\"paragraphs\":[\"Article number {i} text.\"]}}\n"))
        .collect();
    fs::write(dir.path().join("many.jsonl"), lines).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("crossread");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' list '{}' | head -1",
            bin.display(),
            dir.path().join("many.jsonl").display()
        ))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn quotes_json_has_the_documented_shape() {
    let out = crossread()
        .args(["quotes", "--json"])
        .arg(seeds())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"][0]["id"], "000_d72dfcbac493307b");
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 17);
    for q in quotes {
        for key in [
            "article",
            "paragraph",
            "start",
            "end",
            "text",
            "speaker",
            "descriptor",
            "role",
            "group",
        ] {
            assert!(q.get(key).is_some(), "{key} missing in {q}");
        }
    }
    let sarah = quotes
        .iter()
        .find(|q| q["text"] == "I’m learning so much about Chinese culture through this app,")
        .unwrap();
    assert_eq!(sarah["speaker"], "Sarah Fotheringham");
    assert_eq!(sarah["article"], "000_d72dfcbac493307b");
    // start/end are char offsets of the marks in the paragraph.
    assert_eq!(
        sarah["end"].as_u64().unwrap() - sarah["start"].as_u64().unwrap(),
        62
    );
    assert!(!v["groups"].as_array().unwrap().is_empty());
    assert!(v["speakers"].as_array().unwrap().len() >= 6);
}

#[test]
fn quotes_speaker_filter_is_fuzzy() {
    crossread()
        .args(["quotes", "--speaker", "foth"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Sarah Fotheringham"))
        .stdout(predicate::str::contains("opened my world up to China"))
        .stdout(predicate::str::contains("Ivy Yang").not());
    crossread()
        .args(["quotes", "--speaker", "yang"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Ivy Yang"))
        .stdout(predicate::str::contains("Fotheringham").not());
    crossread()
        .args(["quotes", "--speaker", "zzzqqq"])
        .assert()
        .code(1);
}

#[test]
fn speakers_lists_the_registry_shared_first() {
    let out = crossread().arg("speakers").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("NAME"));
    for shared in &lines[1..4] {
        assert!(shared.contains("yes"), "{shared}");
    }
    assert!(text.contains("Ivy Yang") && text.contains("technology analyst"));
}

#[test]
fn quotes_to_a_closed_pipe_exits_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("crossread");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' quotes | head -1", bin.display()))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn search_ranks_limits_and_prints_plain_text_in_a_pipe() {
    let out = crossread().args(["search", "foth"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().all(|l| l.contains("Fotheringham")));
    assert!(lines[0].starts_with("Source 1 ¶5  "), "{}", lines[0]);
    assert!(!text.contains('\x1b'));
    let out = crossread()
        .args(["search", "rednote", "--limit", "3"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 3);
    crossread()
        .args(["search", "trump"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn search_json_has_scores_and_highlights() {
    let out = crossread()
        .args(["search", "--json", "sarah foth"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 2);
    let hit = &v["hits"][0];
    assert_eq!(hit["article"], "000_d72dfcbac493307b");
    assert_eq!(hit["label"], "Source 1", "labels, as the text output");
    assert_eq!(hit["paragraph"], 5, "numbered from 1, as ¶5 in the text");
    let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
    let marked: Vec<String> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize]
                .iter()
                .collect()
        })
        .collect();
    assert_eq!(marked, ["Sarah", "Foth"]);
    assert!(v["hits"][0]["score"].as_i64().unwrap() >= v["hits"][1]["score"].as_i64().unwrap());
}

#[test]
fn search_lines_treats_each_line_as_a_passage() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("lines.txt");
    fs::write(
        &f,
        "the court will rule\nrefugees flock to the app\nnothing here\nthe court ban on refugees\n",
    )
    .unwrap();
    let out = crossread()
        .args(["search", "court refugee", "--lines"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "the court ban on refugees\n"
    );
    let out = crossread()
        .args(["search", "court | flock", "--lines"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 3);
}

#[test]
fn search_lines_honours_the_size_limit() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("lines.txt");
    fs::write(&f, "a line of text\n".repeat(200)).unwrap();
    crossread()
        .args(["search", "line", "--max-file-size", "1K", "--lines"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "lines.txt: error: file is 3000 bytes, over the 1024 bytes limit",
        ));
    crossread()
        .args(["search", "nothing", "--lines"])
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2);
}

#[test]
fn colour_follows_no_color_and_clicolor_force() {
    // A pipe gets no colour, unless forced; NO_COLOR wins over forcing.
    let forced = crossread()
        .args(["search", "tiktok"])
        .env("CLICOLOR_FORCE", "1")
        .assert()
        .success();
    let out = String::from_utf8_lossy(&forced.get_output().stdout).into_owned();
    assert!(out.contains("\x1b["), "forced colour: {out}");
    crossread()
        .args(["search", "tiktok"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn completions_for_bash_zsh_and_fish_know_the_commands() {
    for (shell, marker) in [
        ("bash", "complete -F _crossread"),
        ("zsh", "#compdef crossread"),
        ("fish", "complete -c crossread"),
    ] {
        let out = crossread().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {marker}");
        for sub in ["list", "check", "quotes", "speakers", "search", "config"] {
            assert!(script.contains(sub), "{shell} completes {sub}");
        }
        assert!(
            script.contains("max-file-size"),
            "{shell} completes options"
        );
    }
    crossread()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn man_page_is_roff_with_every_command() {
    let out = crossread().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains(".TH crossread 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for part in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        "speakers",
        "search",
        "\\-\\-mouse",
    ] {
        assert!(page.contains(part), "{part}");
    }
}

#[test]
fn config_prints_defaults_and_checks_a_file() {
    let defaults = crossread().args(["config", "--default"]).output().unwrap();
    assert!(defaults.status.success());
    let text = String::from_utf8(defaults.stdout).unwrap();
    for part in [
        "[reader]",
        "zoom_width = 100",
        "[theme]",
        "[keys]",
        "# quit = [\"q\"]",
    ] {
        assert!(text.contains(part), "{part}");
    }
    let dir = TempDir::new().unwrap();
    let good = dir.path().join("good.toml");
    fs::write(&good, &text).unwrap();
    crossread()
        .args(["config", "--config"])
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::ends_with(": ok\n"));
    let bad = dir.path().join("bad.toml");
    fs::write(
        &bad,
        "[reader]\nmouse = true\n\n[keys]\nquit = \"Hyper-q\"\n",
    )
    .unwrap();
    crossread()
        .args(["config", "--config"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.toml:5: keys.quit: \"Hyper-q\" is not a key",
        ));
    // No file at the default place: the defaults, said plainly.
    crossread()
        .arg("config")
        .env("XDG_CONFIG_HOME", dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("none (the defaults"));
}

/// Counts read as words: "1 article", "1 quote, 1 source", never "(s)".
#[test]
fn counts_are_singular_for_one_and_never_say_s_in_brackets() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("harbour.txt");
    std::fs::write(
        &file,
        "Harbour repairs begin\n\n\"We will reopen the pier by spring,\" said Maren Olsk, the harbour master.\n",
    )
    .unwrap();
    let out = crossread().arg("check").arg(&file).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1 article loaded, 0 errors, 0 warnings"),
        "{text}"
    );
    let out = crossread().arg("quotes").arg(&file).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Maren Olsk"), "{text}");
    assert!(text.contains("1 quote, 1 source"), "{text}");
    assert!(!text.contains("(s)"), "{text}");
}
