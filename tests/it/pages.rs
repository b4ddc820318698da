//! Web inputs as files and stdin: HTML pages, RSS/Atom/JSON feeds, front
//! matter. The pages and feeds are made up here (see [`article_page`]).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use crossread::corpus::{LoadOptions, LoadOutcome, is_unsafe_char, load_paths};
use tempfile::TempDir;

use super::common::assert_clean_output;

pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn load(paths: &[PathBuf]) -> LoadOutcome {
    load_paths(paths, &LoadOptions::default())
}

/// A news page as sites make them: navigation, a share bar, the article
/// (with a block quote, a list and a captioned figure), related links and
/// a footer.
pub fn article_page(title: &str, site: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta name="author" content="Rhea Moss">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
<link rel="canonical" href="https://news.example/{slug}">
<script>window.tracking = {{"a": 1}};</script>
</head><body>
<header><nav class="site-nav"><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<main><article class="story">
<h1>{title}</h1>
{body}<blockquote><p>"The whole town came out to help," said volunteer Ada Frost.</p></blockquote>
<ul><li>Volunteers met at the school gym.</li><li>Supplies came from three villages.</li></ul>
<figure><img src="/img/a.jpg" alt=""><figcaption>Sandbags along the river. Photo: Wire Agency</figcaption></figure>
<p>Related: <a href="/older">Flood barriers approved last year</a></p>
</article></main>
<aside class="most-read"><h2>Most read</h2><ul><li><a href="/x">Celebrity chef opens a new bistro downtown</a></li></ul></aside>
<footer><p>Copyright News Example. All rights reserved.</p></footer>
</body></html>"##,
        slug = title.to_lowercase().replace(' ', "-"),
    )
}

pub const PARAS: &[&str] = &[
    "The river rose two metres overnight, and by dawn the lower streets of the old town were under water as residents moved furniture upstairs.",
    "Emergency crews worked through the morning to reinforce the embankment near the bridge, where the current was strongest.",
    "\"We have never seen it climb this fast,\" said harbour master Jonas Weller, who has watched the river for thirty years.",
    "By the afternoon the water had started to fall, and officials said the schools would reopen on Thursday if the weather held.",
];

#[test]
fn html_page_becomes_an_article_without_boilerplate() {
    let dir = TempDir::new().unwrap();
    let p = write(
        dir.path(),
        "flood.html",
        article_page("River floods old town", "Valley Times", PARAS),
    );
    let out = load(&[p]);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let a = &out.story.articles[0];
    assert_eq!(a.id, "flood");
    assert_eq!(a.title.as_deref(), Some("River floods old town"));
    assert_eq!(a.source.as_deref(), Some("Valley Times"));
    assert_eq!(a.label, "Valley Times");
    assert_eq!(a.byline.as_deref(), Some("Rhea Moss"));
    assert_eq!(a.date.as_deref(), Some("2024-03-05T09:00:00Z"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example/river-floods-old-town")
    );
    assert_eq!(a.format, "HTML page");
    for p in PARAS {
        assert!(a.paragraphs.iter().any(|q| q == *p), "missing {p}");
    }
    let all = a.paragraphs.join("\n");
    assert!(
        all.contains("said volunteer Ada Frost"),
        "block quote: {all}"
    );
    assert!(
        all.contains("Supplies came from three villages."),
        "list: {all}"
    );
    for gone in [
        "Home",
        "Share on",
        "Photo: Wire Agency",
        "Flood barriers",
        "Celebrity chef",
        "Copyright",
        "tracking",
    ] {
        assert!(!all.contains(gone), "{gone} kept: {all}");
    }
}

#[test]
fn html_on_stdin_is_detected() {
    let page = article_page("River floods old town", "Valley Times", PARAS);
    let out = Command::cargo_bin("crossread")
        .unwrap()
        .args(["list", "--json", "-"])
        .write_stdin(page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = v.to_string();
    assert!(text.contains("River floods old town"), "{text}");
    assert!(!text.contains("DOCTYPE"), "{text}");
    assert!(!text.contains("<p>"), "{text}");
}

#[test]
fn page_in_a_legacy_charset_is_decoded() {
    let dir = TempDir::new().unwrap();
    let page = article_page("Caf\u{e9} reopens", "Gazette", PARAS)
        .replace("charset=\"utf-8\"", "charset=\"iso-8859-1\"");
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(&page);
    assert!(!bad);
    let p = write(dir.path(), "cafe.html", &bytes);
    let out = load(&[p]);
    assert_eq!(
        out.story.articles[0].title.as_deref(),
        Some("Caf\u{e9} reopens")
    );
}

#[test]
fn escape_sequences_in_a_page_are_removed() {
    let dir = TempDir::new().unwrap();
    let hostile: Vec<String> = PARAS
        .iter()
        .map(|p| format!("{p} \u{1b}]52;c;ZWNobyBQV05FRA==\u{7}\u{1b}[31;1mALERT\u{9b}2J \u{202e}"))
        .collect();
    let hostile: Vec<&str> = hostile.iter().map(String::as_str).collect();
    let p = write(
        dir.path(),
        "evil.html",
        article_page(
            "Evil \u{1b}]0;PWNED\u{7}title",
            "Evil \u{1b}[5i site",
            &hostile,
        ),
    );
    for args in [&["list", "--json"][..], &["list"], &["quotes"], &["check"]] {
        let out = Command::cargo_bin("crossread")
            .unwrap()
            .args(args)
            .arg(&p)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_clean_output(&format!("{args:?} of a hostile page"), &out.stdout);
        assert_clean_output(&format!("{args:?} of a hostile page (stderr)"), &out.stderr);
    }
    let loaded = load(&[p]);
    let a = &loaded.story.articles[0];
    assert!(
        a.paragraphs[0].starts_with("The river rose two metres"),
        "{a:?}"
    );
    assert!(
        !a.sanitized.is_clean(),
        "the sanitiser reports what it removed"
    );
    let fields = [&a.title, &a.source, &a.byline].map(|f| f.clone().unwrap_or_default());
    for text in a.paragraphs.iter().chain(fields.iter().map(String::as_str)) {
        assert!(!text.chars().any(is_unsafe_char), "{text:?}");
        assert_clean_output("loaded hostile page", text.as_bytes());
    }
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Valley Courier</title>
<item><title>Bridge reopens</title><link>https://courier.example/bridge</link>
<pubDate>Wed, 06 Mar 2024 07:00:00 GMT</pubDate>
<description><![CDATA[<p>The bridge reopened after repairs.</p><p>"It feels solid," said driver Paul Eng.</p>]]></description></item>
<item><title>Market moves indoors</title><link>https://courier.example/market</link>
<description>The Saturday market moves into the old hall for winter.</description></item>
</channel></rss>"#;

#[test]
fn rss_feed_items_are_articles_with_the_feed_as_source() {
    let dir = TempDir::new().unwrap();
    let p = write(dir.path(), "courier.rss", RSS);
    let out = load(&[p]);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(out.story.title, "Valley Courier");
    let a = &out.story.articles;
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].id, "courier-1");
    assert_eq!(a[0].source.as_deref(), Some("Valley Courier"));
    assert_eq!(a[0].title.as_deref(), Some("Bridge reopens"));
    assert_eq!(a[0].url.as_deref(), Some("https://courier.example/bridge"));
    assert_eq!(a[0].format, "RSS feed");
    assert_eq!(
        a[0].paragraphs,
        vec![
            "The bridge reopened after repairs.",
            "\"It feels solid,\" said driver Paul Eng."
        ]
    );
    assert_eq!(
        a[1].paragraphs,
        vec!["The Saturday market moves into the old hall for winter."]
    );
}

#[test]
fn feeds_are_detected_on_stdin_and_in_json_files() {
    let out = Command::cargo_bin("crossread")
        .unwrap()
        .args(["list", "-"])
        .write_stdin(RSS)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Bridge reopens") && text.contains("Market moves"),
        "{text}"
    );

    let dir = TempDir::new().unwrap();
    let p = write(
        dir.path(),
        "feed.json",
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Hill Post",
            "items": [{"id": "a", "title": "Snow", "content_html": "<p>Snow fell all night.</p>"}]}"#,
    );
    let out = load(&[p]);
    assert_eq!(
        out.story.articles[0].paragraphs,
        vec!["Snow fell all night."]
    );
    assert_eq!(out.story.articles[0].format, "JSON Feed");
}

#[test]
fn billion_laughs_feed_is_a_clear_error_or_unexpanded() {
    let dir = TempDir::new().unwrap();
    let mut x = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"lol\">\n");
    let mut prev = String::from("a");
    for i in 0..10 {
        let name = format!("e{i}");
        x.push_str(&format!(
            "<!ENTITY {name} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
        prev = name;
    }
    x.push_str(&format!(
        "]>\n<rss version=\"2.0\"><channel><title>T</title><item><title>x</title>\
         <description>&{prev};</description></item></channel></rss>"
    ));
    let p = write(dir.path(), "laughs.xml", x);
    let out = load(&[p]);
    let size: usize = out.story.articles.iter().map(|a| a.text_len()).sum();
    assert!(size < 10_000, "entity expanded to {size} bytes");
    if out.story.articles.is_empty() {
        let d = out.diagnostics[0].to_string();
        assert!(d.contains("laughs.xml"), "{d}");
    }
}

#[test]
fn front_matter_sets_fields_and_is_not_text() {
    let dir = TempDir::new().unwrap();
    let p = write(
        dir.path(),
        "note.md",
        "---\nsource: Hill Post\ntitle: Snow closes pass\ndate: 2024-02-03\n\
         url: https://hill.example/snow\nlabel: HP\n---\n\nSnow closed the pass overnight.\n\n\
         Crews expect to clear it by noon.\n",
    );
    let bad = write(
        dir.path(),
        "bad.md",
        "---\ntitle: [unclosed\n---\nText stays.\n",
    );
    let out = load(&[p, bad]);
    let a = &out.story.articles[0];
    assert_eq!(a.source.as_deref(), Some("Hill Post"));
    assert_eq!(a.title.as_deref(), Some("Snow closes pass"));
    assert_eq!(a.date.as_deref(), Some("2024-02-03"));
    assert_eq!(a.url.as_deref(), Some("https://hill.example/snow"));
    assert_eq!(a.label, "HP");
    assert_eq!(
        a.paragraphs,
        vec![
            "Snow closed the pass overnight.",
            "Crews expect to clear it by noon."
        ]
    );
    // Bad front matter: one warning naming file and line; the text loads.
    assert_eq!(out.story.articles[1].paragraphs, vec!["Text stays."]);
    let d: Vec<String> = out.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].starts_with(&format!("{}:", dir.path().join("bad.md").display())),
        "{d:?}"
    );
    assert!(
        d[0].contains("warning: front matter is not valid YAML"),
        "{d:?}"
    );
}

#[test]
fn page_with_no_text_is_one_error_naming_it() {
    let dir = TempDir::new().unwrap();
    let p = write(
        dir.path(),
        "empty.html",
        "<!DOCTYPE html><html><head><title>x</title></head><body><script>1</script></body></html>",
    );
    let ok = write(dir.path(), "ok.txt", "Some text.\n");
    let out = load(&[p, ok]);
    assert_eq!(out.story.articles.len(), 1);
    assert_eq!(out.diagnostics.len(), 1);
    let d = out.diagnostics[0].to_string();
    assert!(
        d.contains("empty.html") && d.contains("no article text"),
        "{d}"
    );
}

#[test]
fn export_round_trips_through_stdin() {
    let dir = TempDir::new().unwrap();
    let page = write(
        dir.path(),
        "flood.html",
        article_page("River floods old town", "Valley Times", PARAS),
    );
    let feed = write(dir.path(), "courier.rss", RSS);
    let note = write(
        dir.path(),
        "note.md",
        "---\nsource: Hill Post\ntitle: Snow closes pass\n---\nSnow closed the pass.\n",
    );
    let export = |args: &[&str], stdin: Option<Vec<u8>>| {
        let mut cmd = Command::cargo_bin("crossread").unwrap();
        cmd.args(args);
        if let Some(s) = stdin {
            cmd.write_stdin(s);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let paths = [&page, &feed, &note].map(|p| p.to_str().unwrap().to_string());
    let mut args = vec!["export"];
    args.extend(paths.iter().map(String::as_str));
    let first = export(&args, None);
    let again = export(&["export", "-"], Some(first.clone()));
    assert_eq!(
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&again)
    );
    let v: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 4);
    assert_eq!(v["articles"][0]["byline"], "Rhea Moss");
    assert_eq!(v["articles"][3]["label"], "Hill Post");

    // JSONL: one article per line, read back as the same articles.
    args.push("--jsonl");
    let lines = export(&args, None);
    assert_eq!(String::from_utf8_lossy(&lines).lines().count(), 4);
    let back = export(&["export", "--jsonl", "-"], Some(lines.clone()));
    assert_eq!(
        String::from_utf8_lossy(&lines),
        String::from_utf8_lossy(&back)
    );
}

#[test]
fn list_and_check_show_format_fields_and_thin_pages() {
    let dir = TempDir::new().unwrap();
    let page = write(
        dir.path(),
        "flood.html",
        article_page("River floods old town", "Valley Times", PARAS),
    );
    let thin = write(
        dir.path(),
        "thin.html",
        "<!DOCTYPE html><html><head><title>Subscribe</title></head>\
         <body><p>Subscribe to read this article.</p></body></html>",
    );
    let feed = write(dir.path(), "courier.rss", RSS);
    let out = Command::cargo_bin("crossread")
        .unwrap()
        .arg("check")
        .args([&page, &thin, &feed])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "ok: {} [flood]: HTML page; title, source, byline, date, url; ",
            page.display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}: warning: the page yielded only 5 words of article text",
            thin.display()
        )),
        "{text}"
    );
    assert!(
        text.contains("[courier-1]: RSS feed; title, source, date, url; 2 paragraphs"),
        "{text}"
    );
    assert!(text.contains("0 errors, 1 warning\n"), "{text}");
    assert_eq!(out.status.code(), Some(1), "a warning makes check exit 1");

    let out = Command::cargo_bin("crossread")
        .unwrap()
        .args(["list", "--json"])
        .arg(&feed)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"][0]["format"], "RSS feed");
}

mod props {
    use crossread::corpus::{is_unsafe_char, load_bytes};
    use proptest::prelude::*;

    /// Markup pieces: tags (balanced or not), entities, CDATA, front matter
    /// fences, controls and ordinary words, in any order.
    fn markup() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            6 => "[A-Za-z]{1,8}",
            2 => Just(" ".to_string()),
            1 => Just("<p>".to_string()),
            1 => Just("</p>".to_string()),
            1 => Just("<div class=\"share\">".to_string()),
            1 => Just("</div>".to_string()),
            1 => Just("<br>".to_string()),
            1 => Just("<li>".to_string()),
            1 => Just("<blockquote>".to_string()),
            1 => Just("<a href=\"/x\">".to_string()),
            1 => Just("<script>".to_string()),
            1 => Just("<!--".to_string()),
            1 => Just("<meta charset=\"windows-1252\">".to_string()),
            1 => Just("<item><title>".to_string()),
            1 => Just("</title><description>".to_string()),
            1 => Just("</description></item>".to_string()),
            1 => Just("<![CDATA[".to_string()),
            1 => Just("]]>".to_string()),
            1 => Just("&amp;&#8220;&lol;&#xD800;".to_string()),
            1 => Just("\n---\n".to_string()),
            1 => Just("title: [x".to_string()),
            1 => Just("\x1b]52;c;AAAA\x07\u{9b}2J\u{202e}".to_string()),
            1 => "\\PC{1,5}",
        ];
        prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn any_markup_loads_clean_or_fails_in_one_line(
            body in markup(),
            head in prop_oneof![
                Just("<!DOCTYPE html><html><body>"),
                Just("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"),
                Just("<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
                Just("---\n"),
                Just(""),
            ],
            name in prop_oneof![Just("a.html"), Just("a.rss"), Just("a.md"), Just("stdin")],
        ) {
            let out = load_bytes(name, format!("{head}{body}").as_bytes());
            for a in &out.story.articles {
                prop_assert!(!a.paragraphs.is_empty());
                let fields = [&a.title, &a.source, &a.byline, &a.date, &a.url];
                for t in a.paragraphs.iter().chain(fields.into_iter().flatten().map(String::as_str)) {
                    prop_assert!(!t.chars().any(is_unsafe_char), "{:?}", t);
                }
            }
            for d in &out.diagnostics {
                prop_assert!(!d.to_string().contains('\n'), "{}", d);
            }
        }
    }
}
