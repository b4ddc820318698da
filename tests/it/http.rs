//! URL inputs against a small HTTP server these tests start on 127.0.0.1
//! (a free port, one thread per connection, every wait bounded): pages,
//! feeds, 404, redirects, a slow endpoint, gzip, a legacy charset, an
//! oversized body, a 1 GB stream, a gzip bomb and a redirect loop.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use flate2::Compression;
use flate2::write::GzEncoder;
use tempfile::TempDir;

use super::common::assert_clean_output;
use super::pages::{PARAS, article_page};

/// A running test server; it stops when the test process ends (its
/// threads are detached and each connection is bounded in time).
struct Server {
    base: String,
    hits: Arc<AtomicUsize>,
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn rss(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback Ledger</title>
<item><title>River floods old town</title><link>{base}/page.html</link>
<description>Water rose overnight.</description></item>
<item><title>Gone story</title><link>{base}/missing</link>
<description>This one has only a summary and its page is gone.</description></item>
</channel></rss>"#
    )
}

fn handle(mut stream: TcpStream, base: &str, hits: &AtomicUsize) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    // Drain the headers.
    loop {
        let mut h = String::new();
        match reader.read_line(&mut h) {
            Ok(0) | Err(_) => break,
            Ok(_) if h == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let html = [("Content-Type", "text/html; charset=utf-8")];
    match path.as_str() {
        "/page.html" => respond(
            &mut stream,
            "200 OK",
            &html,
            article_page("River floods old town", "Loopback News", PARAS).as_bytes(),
        ),
        "/counted.html" => {
            hits.fetch_add(1, Ordering::SeqCst);
            respond(
                &mut stream,
                "200 OK",
                &html,
                article_page("Counted page", "Loopback News", PARAS).as_bytes(),
            )
        }
        "/feed.xml" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "application/rss+xml")],
            rss(base).as_bytes(),
        ),
        "/redirect" => respond(
            &mut stream,
            "301 Moved Permanently",
            &[("Location", "/page.html")],
            b"",
        ),
        "/loop" => respond(&mut stream, "302 Found", &[("Location", "/loop")], b""),
        "/slow" => {
            thread::sleep(Duration::from_secs(5));
            respond(&mut stream, "200 OK", &html, b"<p>too late</p>")
        }
        "/gzip.html" => {
            let body = gzip(article_page("Zipped page", "Loopback News", &PARAS[..3]).as_bytes());
            respond(
                &mut stream,
                "200 OK",
                &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                &body,
            )
        }
        "/latin1.html" => {
            let page = article_page("Caf\u{e9} au lait returns", "Loopback News", &PARAS[1..])
                .replace("<meta charset=\"utf-8\">", "");
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
            respond(
                &mut stream,
                "200 OK",
                &[("Content-Type", "text/html; charset=windows-1252")],
                &bytes,
            )
        }
        "/escapes.html" => {
            let evil: Vec<String> = PARAS
                .iter()
                .map(|p| format!("{p}\u{1b}]52;c;ZWNobyBQV05FRA==\u{7}\u{1b}[31;1mALERT"))
                .collect();
            let evil: Vec<&str> = evil.iter().map(String::as_str).collect();
            respond(
                &mut stream,
                "200 OK",
                &html,
                article_page("Evil\u{1b}]0;PWNED\u{7}", "Evil", &evil).as_bytes(),
            )
        }
        "/big-declared" => {
            // Says 1 GB up front: refused before reading.
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1073741824\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&[b'a'; 65536]);
        }
        "/stream-1g" => {
            // 1 GB with no length: read until the limit, then dropped.
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let chunk = "<p>padding padding padding padding</p>\n".repeat(1024);
            let mut sent = 0usize;
            while sent < 1 << 30 {
                if stream.write_all(chunk.as_bytes()).is_err() {
                    break;
                }
                sent += chunk.len();
            }
        }
        "/bomb" => {
            // 64 MiB of zeros in about 64 KiB of gzip.
            let body = gzip(&vec![0u8; 64 << 20]);
            respond(
                &mut stream,
                "200 OK",
                &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                &body,
            )
        }
        _ => respond(&mut stream, "404 Not Found", &html, b"<p>not here</p>"),
    }
}

fn server() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let (b, h) = (base.clone(), hits.clone());
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (b, h) = (b.clone(), h.clone());
            thread::spawn(move || handle(stream, &b, &h));
        }
    });
    Server { base, hits }
}

/// Runs crossread with a cache directory of its own (never the user's).
fn crossread(cache: &TempDir, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("crossread")
        .unwrap()
        .env("XDG_CACHE_HOME", cache.path())
        .env("HOME", cache.path())
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn pages_load_in_parallel_and_failures_are_one_line_each() {
    let s = server();
    let tmp = TempDir::new().unwrap();
    let u = |p: &str| format!("{}{p}", s.base);
    let (page, missing, redirect, gz, latin) = (
        u("/page.html"),
        u("/missing"),
        u("/redirect"),
        u("/gzip.html"),
        u("/latin1.html"),
    );
    let (code, out, err) = crossread(
        &tmp,
        &["list", "--json", &page, &missing, &redirect, &gz, &latin],
    );
    assert_eq!(code, 1, "one input failed: {err}");
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        vec![
            format!("crossread: {missing}: error: 404 Not Found"),
            format!(
                "crossread: {redirect}: error: article 'redirect' duplicates article 'page' (same text); skipped"
            ),
        ],
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let titles: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap_or(""))
        .collect();
    // The redirect lands on the same page as the first URL: a duplicate.
    assert_eq!(
        titles,
        vec![
            "River floods old town",
            "Zipped page",
            "Caf\u{e9} au lait returns"
        ],
        "{out}\n{err}"
    );
}

#[test]
fn redirected_page_takes_the_final_url() {
    let s = server();
    let tmp = TempDir::new().unwrap();
    let (code, out, err) = crossread(&tmp, &["export", &format!("{}/redirect", s.base)]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let a = &v["articles"][0];
    assert_eq!(a["id"], "redirect");
    // The page names its canonical URL; the fetch ended at /page.html.
    assert_eq!(a["url"], "https://news.example/river-floods-old-town");
    assert_eq!(a["source"], "Loopback News");
}

#[test]
fn slow_endpoint_times_out_with_a_clear_line() {
    let s = server();
    let tmp = TempDir::new().unwrap();
    let slow = format!("{}/slow", s.base);
    let page = format!("{}/page.html", s.base);
    let start = Instant::now();
    let (code, out, err) = crossread(&tmp, &["list", "--timeout", "1", &slow, &page]);
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!("{slow}: error: timed out after 1 s")),
        "{err}"
    );
    assert!(
        out.contains("River floods old town"),
        "the other URL loads: {out}"
    );
}

#[test]
fn hostile_responses_are_bounded_clear_errors() {
    let s = server();
    let tmp = TempDir::new().unwrap();
    let u = |p: &str| format!("{}{p}", s.base);
    let (declared, stream, bomb, looping, page) = (
        u("/big-declared"),
        u("/stream-1g"),
        u("/bomb"),
        u("/loop"),
        u("/page.html"),
    );
    let start = Instant::now();
    let (code, out, err) = crossread(
        &tmp,
        &[
            "list",
            "--max-file-size",
            "4M",
            &declared,
            &stream,
            &bomb,
            &looping,
            &page,
        ],
    );
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(code, 1, "{err}");
    for url in [&declared, &stream, &bomb] {
        assert!(
            err.contains(&format!("{url}: error: response is larger than 4.0 MiB")),
            "{url}: {err}"
        );
    }
    assert!(
        err.contains(&format!("{looping}: error: too many redirects")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 4, "{err}");
    assert!(out.contains("River floods old town"), "{out}");
}

#[test]
fn escape_sequences_from_the_network_never_reach_the_terminal() {
    let s = server();
    let tmp = TempDir::new().unwrap();
    let url = format!("{}/escapes.html", s.base);
    for args in [&["list"][..], &["export"], &["quotes"], &["check"]] {
        let mut a = args.to_vec();
        a.push(&url);
        let (code, out, err) = crossread(&tmp, &a);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_clean_output(&format!("{args:?}"), out.as_bytes());
        assert_clean_output(&format!("{args:?} stderr"), err.as_bytes());
    }
}

#[test]
fn feed_url_items_and_full_pages() {
    let s = server();
    let tmp = TempDir::new().unwrap();
    let feed = format!("{}/feed.xml", s.base);
    let (code, out, err) = crossread(&tmp, &["export", &feed]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["title"], "Loopback Ledger");
    assert_eq!(v["articles"][0]["paragraphs"][0], "Water rose overnight.");
    assert_eq!(v["articles"][0]["source"], "Loopback Ledger");

    // --full: the first item's page replaces its summary; the second's page
    // is gone, so it keeps its summary with a warning naming the link.
    let (code, out, err) = crossread(&tmp, &["export", "--full", &feed]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first: Vec<&str> = v["articles"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert_eq!(first[0], PARAS[0], "{out}");
    assert_eq!(v["articles"][0]["title"], "River floods old town");
    assert_eq!(
        v["articles"][1]["paragraphs"][0],
        "This one has only a summary and its page is gone."
    );
    assert!(
        err.contains(&format!(
            "{}/missing: warning: 404 Not Found; kept the feed's summary",
            s.base
        )),
        "{err}"
    );
}

#[test]
fn cache_serves_a_second_load_without_fetching() {
    let s = server();
    let tmp = TempDir::new().unwrap();
    let url = format!("{}/counted.html", s.base);
    let (code, first, _) = crossread(&tmp, &["list", "--cache", &url]);
    assert_eq!(code, 0);
    assert_eq!(s.hits.load(Ordering::SeqCst), 1);
    let (code, second, _) = crossread(&tmp, &["list", "--cache", &url]);
    assert_eq!(code, 0);
    assert_eq!(first, second);
    assert_eq!(s.hits.load(Ordering::SeqCst), 1, "served from the cache");
    assert!(tmp.path().join("crossread/http").is_dir());
    // Without --cache it is fetched again.
    crossread(&tmp, &["list", &url]);
    assert_eq!(s.hits.load(Ordering::SeqCst), 2);
}

#[test]
fn progress_line_on_a_terminal_only() {
    // `script` gives crossread a pty; its typescript holds every byte written.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        panic!("`script` (util-linux) is needed for this test");
    }
    let s = server();
    let tmp = TempDir::new().unwrap();
    let log = tmp.path().join("typescript");
    let bin = assert_cmd::cargo::cargo_bin("crossread");
    let cmd = format!(
        "'{}' list '{}/page.html' '{}/gzip.html'",
        bin.display(),
        s.base,
        s.base
    );
    let status = std::process::Command::new("script")
        .args(["-qec", &cmd])
        .arg(&log)
        .env("XDG_CACHE_HOME", tmp.path())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let typescript = String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned();
    assert!(
        typescript.contains("fetching: 1/2 URLs done"),
        "{typescript}"
    );
    // The line is erased when the last URL is done, before the table.
    let erased = typescript.rfind("\r\x1b[2K").unwrap();
    assert!(erased < typescript.find("River floods old town").unwrap());

    // In a pipe, no progress line.
    let (_, _, err) = crossread(&tmp, &["list", &format!("{}/page.html", s.base)]);
    assert!(!err.contains("fetching"), "{err}");
}
