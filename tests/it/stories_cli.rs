//! `crossread stories`: which articles cover the same story, on a folder of
//! hand-written articles (tests/fixtures/stories: three stories told by
//! several outlets and one article only one outlet carried).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn crossread() -> Command {
    let mut cmd = Command::cargo_bin("crossread").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories")
}

fn stories_json(args: &[&Path]) -> (serde_json::Value, i32) {
    let out = crossread()
        .args(["stories", "--json"])
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap();
    (v, out.status.code().unwrap_or(-1))
}

fn sorted_ids(story: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = story["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn json_groups_the_folder_into_stories_largest_first() {
    let (v, code) = stories_json(&[&fixture()]);
    assert_eq!(code, 0);
    let stories = v["stories"].as_array().unwrap();
    let groups: Vec<Vec<String>> = stories.iter().map(sorted_ids).collect();
    assert_eq!(
        groups,
        vec![
            vec!["flood-herald", "flood-radio", "flood-wire"],
            vec!["budget-post", "budget-wire"],
            vec!["quake-times", "quake-wire"],
            vec!["zoo-herald"],
        ]
    );
    let flood = &stories[0];
    assert_eq!(flood["id"], 1);
    assert_eq!(flood["sources"], 3);
    assert_eq!(flood["first"], "2025-04-02");
    assert_eq!(flood["last"], "2025-04-03");
    assert!(flood["title"].as_str().unwrap().contains("Amsel"));
    let zoo = &stories[3];
    assert_eq!(zoo["sources"], 1);
    assert_eq!(zoo["title"], "Tarnow zoo welcomes twin snow leopard cubs");
}

#[test]
fn one_line_per_story_and_single_source_last() {
    let out = crossread()
        .arg("stories")
        .arg(fixture())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\x1b[").not())
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(lines[0].contains("SRC") && lines[0].contains("TITLE"));
    assert!(
        lines[1].starts_with("1   3  2025-04-02..2025-04-03"),
        "{}",
        lines[1]
    );
    for id in ["flood-wire", "flood-herald", "flood-radio"] {
        assert!(lines[1].contains(id), "{}", lines[1]);
    }
    assert_eq!(lines[4], "single-source");
    assert!(lines[5].contains("zoo-herald"));
}

#[test]
fn a_bad_file_is_named_and_the_rest_still_grouped() {
    let dir = TempDir::new().unwrap();
    for entry in fs::read_dir(fixture()).unwrap() {
        let p = entry.unwrap().path();
        fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    fs::write(dir.path().join("broken.json"), "{\"title\": ").unwrap();
    let out = crossread()
        .args(["stories", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("broken.json"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["stories"].as_array().unwrap().len(), 4);
}

#[test]
fn the_same_text_in_two_files_is_one_story_with_a_note() {
    // Two outlets ran one wire report word for word: both files are kept
    // (a note, exit 0) and form one story with the fixture's stories intact.
    // Before, the second file was an error and dropped (exit 1).
    let dir = TempDir::new().unwrap();
    for entry in fs::read_dir(fixture()).unwrap() {
        let p = entry.unwrap().path();
        fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let report = [
        "The Calder Valley water board voted on Thursday to raise the Morrow reservoir dam by four metres, a project it says will cost 86 million and take three years.",
        "Board chair Ines Halloway said the higher dam would store enough water for 40,000 more homes and protect the villages of Upper Fenn and Sallow from spring floods.",
        "Farmers below the dam objected that the work would close the old valley road for two summers, and a petition with 2,300 signatures was handed to the board before the vote.",
        "Engineers plan to start on the spillway in March, when the reservoir is lowest, and to finish the new crest before the autumn rains of the third year.",
        "The board will borrow half of the money from the regional development bank and raise the rest through a water charge of about nine a year per household.",
        "Walkers' groups asked that the footpath over the dam stay open during the work, and the board promised a temporary bridge below the spillway by next summer.",
    ]
    .join("\n\n");
    fs::write(dir.path().join("dam-post.txt"), &report).unwrap();
    fs::write(dir.path().join("dam-gazette.txt"), &report).unwrap();
    let out = crossread()
        .args(["stories", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("warning") && err.contains("same text"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let groups: Vec<Vec<String>> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(sorted_ids)
        .collect();
    assert!(
        groups.contains(&vec!["dam-gazette".to_string(), "dam-post".to_string()]),
        "{groups:?}"
    );
    assert_eq!(groups.len(), 5, "{groups:?}");
}

#[test]
fn nothing_usable_exits_2_with_no_stories() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let (v, code) = stories_json(&[dir.path()]);
    assert_eq!(code, 2);
    assert_eq!(v["stories"].as_array().unwrap().len(), 0);
}

#[test]
fn headlines_are_sanitised() {
    let dir = TempDir::new().unwrap();
    let files = [
        (
            "a",
            "Ferry \u{1b}[31mstrike\u{7} halts Skerry",
            "Crews of the Aldis ferry line walked out, halting all Skerry island crossings.",
        ),
        (
            "b",
            "Skerry ferry strike",
            "The Aldis ferry crews walked out and Skerry island crossings stopped.",
        ),
    ];
    for (name, title, body) in files {
        fs::write(
            dir.path().join(format!("{name}.txt")),
            format!("{title}\n\n{body}\n"),
        )
        .unwrap();
    }
    crossread()
        .arg("stories")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\u{1b}").not())
        .stdout(predicate::str::contains("\u{7}").not())
        .stdout(predicate::str::contains("a b").or(predicate::str::contains("b a")));
}

fn listed_ids(args: &[&str]) -> (Vec<String>, i32, String) {
    let out = crossread().args(args).arg(fixture()).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let mut ids: Vec<String> = v["articles"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    (ids, code, err)
}

#[test]
fn story_option_picks_one_story_by_number_or_headline_text() {
    let (ids, code, _) = listed_ids(&["list", "--json", "--story", "2"]);
    assert_eq!(
        (ids, code),
        (vec!["budget-post".into(), "budget-wire".into()], 0)
    );
    // Headline text, case and diacritics folded; also after the paths.
    let (ids, code, _) = listed_ids(&["quotes", "--json", "--story", "AMSEL"]);
    assert_eq!(code, 0);
    assert_eq!(ids, vec!["flood-herald", "flood-radio", "flood-wire"]);
    // Diacritics folded: found (exit 0), where no match would exit 2.
    let (_, code, err) = listed_ids(&["speakers", "--json", "--story", "pórt selva"]);
    assert_eq!(code, 0, "{err}");
    // `search` prints labels (as every command); its JSON has the ids.
    let out = crossread()
        .args(["search", "--json", "lighthouse", "--story", "Port Selva"])
        .arg(fixture())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(
        !hits.is_empty()
            && hits
                .iter()
                .all(|h| h["article"].as_str().unwrap().starts_with("quake-")),
        "{v}"
    );
}

#[test]
fn story_option_with_no_such_story_exits_2_naming_the_option() {
    // "9" is a story number only, never text (a headline contains "190").
    for selector in ["9", "0", "no such headline"] {
        let (ids, code, err) = listed_ids(&["list", "--json", "--story", selector]);
        assert!(ids.is_empty());
        assert_eq!(code, 2, "{selector}");
        assert!(
            err.contains("--story") && err.contains("no story matches"),
            "{err}"
        );
    }
}
