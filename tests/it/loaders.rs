//! Loader tests: every format, every bad-input case, and the bundled story.

use std::fs;
use std::path::{Path, PathBuf};

use crossread::corpus::{LoadOptions, LoadOutcome, Severity, load_bundled, load_paths};
use crossread::session::{LoadStatus, Session};
use tempfile::TempDir;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn load(paths: &[PathBuf]) -> LoadOutcome {
    load_paths(paths, &LoadOptions::default())
}

/// How loading went, as the exit status sees it.
fn status(out: &LoadOutcome) -> LoadStatus {
    Session::from(out.clone()).status()
}

fn messages(out: &LoadOutcome) -> Vec<String> {
    out.diagnostics.iter().map(|d| d.to_string()).collect()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The seed cleaning, restated independently of the loader: blank-line
/// paragraphs; 003's title line and its repeats dropped; 004 split on
/// single newlines; lines of a block kept as separate paragraphs.
fn seed_paragraphs(text: &str) -> (Option<String>, Vec<String>) {
    if !text.contains("\n\n") {
        return (
            None,
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
        );
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let first = lines[0];
    if lines.iter().filter(|l| **l == first).count() > 1 {
        let rest = lines
            .iter()
            .filter(|l| **l != first)
            .map(|s| s.to_string())
            .collect();
        (Some(first.to_string()), rest)
    } else {
        (None, lines.iter().map(|s| s.to_string()).collect())
    }
}

#[test]
fn bundled_story_equals_seed_text_after_cleaning() {
    let story = load_bundled();
    assert_eq!(story.articles.len(), 5);
    let mut seeds: Vec<_> = fs::read_dir(fixture("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 5);
    for (article, seed) in story.articles.iter().zip(&seeds) {
        let text = fs::read_to_string(seed).unwrap();
        let (title, paragraphs) = seed_paragraphs(&text);
        assert_eq!(article.id, seed.file_stem().unwrap().to_str().unwrap());
        assert_eq!(article.title, title, "{}", article.id);
        assert_eq!(article.paragraphs, paragraphs, "{}", article.id);
        // Nothing invented: no outlet, date or url in the seeds.
        assert_eq!(
            (&article.source, &article.date, &article.url),
            (&None, &None, &None)
        );
        assert!(!article.label.is_empty());
    }
    // Typography kept exactly.
    let all: String = story
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter())
        .collect();
    assert!(all.contains("we’re moving to another Chinese app—RedNote."));
    assert!(all.contains("\"Little Red Book,\""));
}

#[test]
fn seed_folder_loads_like_the_bundled_story() {
    let out = load(&[fixture("seeds")]);
    assert!(out.diagnostics.is_empty(), "{:?}", messages(&out));
    let bundled = load_bundled();
    for (a, b) in out.story.articles.iter().zip(&bundled.articles) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.title, b.title);
        assert_eq!(a.paragraphs, b.paragraphs);
    }
}

#[test]
fn story_json_article_json_array_and_jsonl() {
    let dir = TempDir::new().unwrap();
    let story = write(
        dir.path(),
        "s.json",
        r#"{"id":"st","title":"A story","articles":[{"id":"one","source":"Daily","paragraphs":["Para one.","Para two."]}]}"#,
    );
    let article = write(
        dir.path(),
        "art.json",
        r#"{"title":"Solo","text":"First.\n\nSecond."}"#,
    );
    let array = write(
        dir.path(),
        "arr.json",
        r#"[{"paragraphs":["x y"]},{"id":"named","paragraphs":["z"]}]"#,
    );
    let jsonl = write(
        dir.path(),
        "l.jsonl",
        "{\"paragraphs\":[\"line one\"]}\n\n{\"paragraphs\":[\"line three\"]}\n",
    );
    let out = load(&[story, article, array, jsonl]);
    assert!(out.diagnostics.is_empty(), "{:?}", messages(&out));
    let ids: Vec<_> = out.story.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["one", "art", "arr-1", "named", "l-1", "l-3"]);
    let one = &out.story.articles[0];
    assert_eq!(one.label, "Daily");
    assert_eq!(out.story.articles[1].paragraphs, ["First.", "Second."]);
    assert_eq!(out.story.articles[1].title.as_deref(), Some("Solo"));
}

#[test]
fn folder_loads_supported_files_sorted_by_name() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "b.txt", "Bee\n\nText b.");
    write(dir.path(), "a.md", "# Ay\n\nText a.");
    write(dir.path(), "c.jsonl", "{\"paragraphs\":[\"Text c.\"]}");
    write(dir.path(), "image.png", [0u8, 1, 2]);
    write(dir.path(), ".hidden.txt", "hidden");
    let out = load(&[dir.path().to_path_buf()]);
    let ids: Vec<_> = out.story.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c-1"]);
    assert_eq!(
        status(&out),
        LoadStatus::Complete,
        "a warning is not a skip: {:?}",
        messages(&out)
    );
    assert!(messages(&out).iter().any(|m| m.contains("ignored 1 file")));
}

#[test]
fn json_syntax_error_names_file_line_and_column() {
    let dir = TempDir::new().unwrap();
    let bad = write(
        dir.path(),
        "bad.json",
        "{\n  \"title\": \"x\",\n  \"paragraphs\": [\"a\" \"b\"]\n}",
    );
    let good = write(dir.path(), "good.txt", "Fine\n\nStill loads.");
    let out = load(&[bad.clone(), good]);
    assert_eq!(out.story.articles.len(), 1, "the good file still loads");
    assert_eq!(status(&out), LoadStatus::Partial);
    let d = &out.diagnostics[0];
    assert_eq!(d.path, bad.display().to_string());
    assert_eq!(d.line, Some(3));
    assert_eq!(d.column, Some(22), "the unexpected `\"b\"`");
    assert!(
        d.message.contains("syntax") && d.message.contains("expected"),
        "{d}"
    );
}

#[test]
fn schema_error_names_the_field_and_what_was_expected() {
    let dir = TempDir::new().unwrap();
    let bad = write(
        dir.path(),
        "s.json",
        "{\"title\": 5, \"paragraphs\": [\"a\"]}",
    );
    let out = load(&[bad]);
    let d = &out.diagnostics[0];
    assert!(
        d.message.contains("`title`") && d.message.contains("expected a string"),
        "{d}"
    );
    assert_eq!(d.line, Some(1));
}

#[test]
fn jsonl_error_names_line_and_other_lines_load() {
    let dir = TempDir::new().unwrap();
    let f = write(
        dir.path(),
        "feed.jsonl",
        "{\"paragraphs\":[\"one\"]}\n{\"paragraphs\":[\"two\"\n{\"paragraphs\":[\"three\"]}\n",
    );
    let out = load(&[f]);
    assert_eq!(out.story.articles.len(), 2);
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].line, Some(2));
    assert!(out.diagnostics[0].to_string().contains("feed.jsonl:2:"));
}

#[test]
fn each_bad_input_gets_a_one_line_diagnostic_naming_the_file() {
    let dir = TempDir::new().unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write(dir.path(), "latin1.txt", b"Caf\xe9 au lait\n\nmore"),
            "invalid UTF-8",
        ),
        (
            write(dir.path(), "blob.txt", [0u8, 159, 146, 150, 0, 0, 1, 2, 3]),
            "binary",
        ),
        (write(dir.path(), "empty.txt", ""), "empty file"),
        (write(dir.path(), "blank.md", "  \n\n \n"), "white space"),
        (
            write(
                dir.path(),
                "notext.json",
                r#"{"title":"t","paragraphs":["  "]}"#,
            ),
            "no text",
        ),
        (dir.path().join("missing.txt"), "no such file"),
        (
            write(dir.path(), "scalar.json", "42"),
            "expected a story object",
        ),
    ];
    let keep = write(dir.path(), "keep.txt", "Keeper\n\nThis one loads.");
    let mut paths: Vec<PathBuf> = cases.iter().map(|(p, _)| p.clone()).collect();
    paths.push(keep);
    let out = load(&paths);
    assert_eq!(out.story.articles.len(), 1);
    assert_eq!(status(&out), LoadStatus::Partial);
    for (path, needle) in &cases {
        let name = path.display().to_string();
        let d = out
            .diagnostics
            .iter()
            .find(|d| d.path == name)
            .unwrap_or_else(|| panic!("no diagnostic for {name}: {:?}", messages(&out)));
        assert!(d.message.contains(needle), "{d}");
        assert_eq!(d.severity, Severity::Error);
        assert!(!d.to_string().contains('\n'));
    }
}

#[test]
fn same_text_in_two_files_is_kept_with_a_note() {
    // Two files are two sources: the same text is syndication, not an error.
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", "Same\n\nBody text here.");
    let b = write(dir.path(), "b.txt", "Same\n\nBody   text here.");
    let out = load(&[a, b.clone()]);
    let ids: Vec<&str> = out.story.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(out.diagnostics.len(), 1, "{:?}", messages(&out));
    let d = &out.diagnostics[0];
    assert_eq!(d.path, b.display().to_string());
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("same text as article 'a'"), "{d}");
}

#[test]
fn same_text_from_the_same_source_is_skipped_with_a_diagnostic() {
    let dir = TempDir::new().unwrap();
    let f = write(
        dir.path(),
        "s.jsonl",
        concat!(
            r#"{"id":"a","source":"Herald","text":"Body text here."}"#,
            "\n",
            r#"{"id":"b","source":"herald","text":"Body  text here."}"#,
            "\n",
            r#"{"id":"c","source":"Gazette","url":"https://x.example/1","text":"Body text here."}"#,
            "\n",
            r#"{"id":"d","source":"Wire","url":"https://x.example/1","text":"Body text here."}"#,
        ),
    );
    let out = load(&[f]);
    let ids: Vec<&str> = out.story.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"], "{:?}", messages(&out));
    let errors: Vec<String> = out
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("'b' duplicates article 'a'"),
        "{errors:?}"
    );
    assert!(
        errors[1].contains("'d' duplicates article 'c'"),
        "{errors:?}"
    );
}

#[test]
fn oversized_file_is_refused_without_reading() {
    let dir = TempDir::new().unwrap();
    let big = write(dir.path(), "big.txt", "x".repeat(5000));
    let small = write(dir.path(), "small.txt", "Small\n\nok");
    let out = load_paths(
        &[big, small],
        &LoadOptions {
            max_file_size: 1024,
            ..LoadOptions::default()
        },
    );
    assert_eq!(out.story.articles.len(), 1);
    assert!(
        out.diagnostics[0]
            .message
            .contains("over the 1024 bytes limit"),
        "{}",
        out.diagnostics[0]
    );
}

#[test]
fn nothing_usable_is_exit_code_2() {
    let dir = TempDir::new().unwrap();
    let out = load(&[dir.path().join("nope.json")]);
    assert_eq!(status(&out), LoadStatus::Nothing);
}

#[test]
fn same_stem_in_two_folders_gets_unique_ids() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("x")).unwrap();
    fs::create_dir(dir.path().join("y")).unwrap();
    let a = write(&dir.path().join("x"), "news.txt", "A\n\nOne text.");
    let b = write(&dir.path().join("y"), "news.txt", "B\n\nAnother text.");
    let out = load(&[a, b]);
    let ids: Vec<_> = out.story.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["news", "news-2"]);
}

#[test]
fn hostile_text_is_sanitised_at_load_and_counted() {
    let dir = TempDir::new().unwrap();
    let f = write(
        dir.path(),
        "evil.json",
        r#"{"title":"\u001b]0;pwned\u0007Title","paragraphs":["red \u001b[31mALERT\u001b[0m \u009b2J \u202eoverride","tab\there"]}"#,
    );
    let out = load(&[f]);
    let a = &out.story.articles[0];
    assert_eq!(a.title.as_deref(), Some("Title"));
    assert_eq!(&a.paragraphs[0], "red ALERT  override");
    assert_eq!(&a.paragraphs[1], "tab     here");
    assert_eq!(a.sanitized.escape_sequences, 4);
    assert_eq!(a.sanitized.bidi_controls, 1);
    assert_eq!(a.sanitized.tabs_expanded, 1);
}

#[test]
fn crlf_text_file_splits_like_lf() {
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "win.txt", "Title\r\n\r\nOne.\r\n\r\nTwo.\r\n");
    let out = load(&[f]);
    assert_eq!(out.story.articles[0].paragraphs, ["One.", "Two."]);
}

/// A story of four articles, each on its own lines.
fn four_article_story() -> String {
    let mut s = String::from(
        "{\n  \"id\": \"cut-story\",\n  \"title\": \"A story cut short\",\n  \"articles\": [\n",
    );
    for i in 1..=4 {
        if i > 1 {
            s.push_str(",\n");
        }
        s.push_str(&format!(
            "    {{\"label\": \"Paper {i}\", \"paragraphs\": [\"Paper {i} says the bridge opened on time.\", \"A second paragraph from paper {i}.\"]}}"
        ));
    }
    s.push_str("\n  ]\n}\n");
    s
}

#[test]
fn a_story_cut_short_keeps_the_complete_articles_before_the_cut() {
    let dir = TempDir::new().unwrap();
    let full = four_article_story();
    // Cut inside the third article's second paragraph.
    let cut_at = full.find("A second paragraph from paper 3").unwrap() + 10;
    let path = write(dir.path(), "cut.json", &full[..cut_at]);
    let out = load(std::slice::from_ref(&path));
    let labels: Vec<&str> = out
        .story
        .articles
        .iter()
        .map(|a| a.label.as_str())
        .collect();
    assert_eq!(labels, ["Paper 1", "Paper 2"]);
    assert_eq!(out.story.id, "cut-story");
    assert_eq!(out.story.title, "A story cut short");
    assert_eq!(status(&out), LoadStatus::Partial, "exit 1, not 2");
    assert_eq!(out.diagnostics.len(), 1, "{:?}", messages(&out));
    let d = &out.diagnostics[0];
    assert_eq!(d.path, path.display().to_string());
    // Where the damaged (third) article starts: line 7, after the indent.
    assert_eq!((d.line, d.column), (Some(7), Some(5)), "{d}");
    assert!(
        d.message.contains("article 3") && d.message.contains("cut short"),
        "{d}"
    );
}

#[test]
fn an_array_cut_short_or_damaged_keeps_what_precedes_the_damage() {
    let dir = TempDir::new().unwrap();
    let a = |i: usize| format!("{{\"label\": \"P{i}\", \"text\": \"Paper {i} reports rain.\"}}");
    // Cut inside the third element.
    let cut = format!("[{}, {},\n {}", a(1), a(2), a(3));
    let cut = write(dir.path(), "cut.json", &cut[..cut.len() - 5]);
    // A missing comma between the second and third elements.
    let bad = write(
        dir.path(),
        "bad.json",
        format!("[\n{},\n{}\n{},\n{}\n]", a(4), a(5), a(6), a(7)),
    );
    let out = load(&[cut]);
    let labels: Vec<&str> = out
        .story
        .articles
        .iter()
        .map(|a| a.label.as_str())
        .collect();
    assert_eq!(labels, ["P1", "P2"]);
    let d = &out.diagnostics[0];
    assert_eq!((d.line, d.column), (Some(2), Some(2)), "{d}");
    assert_eq!(status(&out), LoadStatus::Partial);

    let out = load(&[bad]);
    let labels: Vec<&str> = out
        .story
        .articles
        .iter()
        .map(|a| a.label.as_str())
        .collect();
    assert_eq!(labels, ["P4", "P5"], "nothing after the damage");
    let d = &out.diagnostics[0];
    assert_eq!((d.line, d.column), (Some(4), Some(1)), "{d}");
    assert!(d.message.contains("syntax"), "{d}");
}

#[test]
fn a_story_cut_before_its_first_article_completes_still_says_why() {
    let dir = TempDir::new().unwrap();
    let full = four_article_story();
    let cut_at = full.find("Paper 1 says").unwrap();
    let path = write(dir.path(), "early.json", &full[..cut_at]);
    let out = load(&[path]);
    assert!(out.story.articles.is_empty());
    assert_eq!(status(&out), LoadStatus::Nothing);
    assert!(
        messages(&out)[0].contains("EOF while parsing"),
        "{:?}",
        messages(&out)
    );
    // Cut before any field: no unknown field path (it was "in `?`").
    let out = load(&[write(dir.path(), "brace.json", "{")]);
    let msg = &messages(&out)[0];
    assert!(
        msg.ends_with("JSON syntax error: EOF while parsing an object"),
        "{msg}"
    );
}
