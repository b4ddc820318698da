//! newsboat's cache, filled by the real newsboat (`newsboat -x reload` on
//! a `urls` file of `exec:cat FEED.xml` entries, with its own config, cache
//! and home), then read by crossread. `.ci/run` installs newsboat; without
//! it these tests say so and pass.

use std::fs;
use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use assert_cmd::Command;
use tempfile::TempDir;

fn have_newsboat() -> bool {
    let found = Process::new("newsboat")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("SKIPPED: newsboat is not installed (.ci/run installs it with apt-get)");
    }
    found
}

/// RFC 822 date `days` days ago (RSS pubDate).
fn days_ago(days: u64) -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        - days * 86_400;
    // 1970-01-01 was a Thursday.
    let names = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = secs / 86_400;
    let (mut y, mut rest) = (1970u64, day);
    loop {
        let len = if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
            366
        } else {
            365
        };
        if rest < len {
            break;
        }
        rest -= len;
        y += 1;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let lens = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while rest >= lens[m] {
        rest -= lens[m];
        m += 1;
    }
    format!(
        "{}, {:02} {} {y} 12:00:00 GMT",
        names[(day % 7) as usize],
        rest + 1,
        months[m]
    )
}

fn feed(title: &str, items: &[(&str, u64, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(t, age, body)| {
            format!(
                "<item><title>{t}</title><link>https://{slug}.example/</link>\
                 <guid>{slug}</guid><pubDate>{}</pubDate>\
                 <description><![CDATA[{body}]]></description></item>\n",
                days_ago(*age),
                slug = t.to_lowercase().replace(' ', "-"),
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>{title}</title><link>https://{title}.example/</link>\n{items}</channel></rss>\n"
    )
}

/// Writes two feeds, has newsboat reload them into `home/.newsboat/cache.db`.
fn newsboat_cache(home: &Path) -> std::path::PathBuf {
    let dir = home.join(".newsboat");
    fs::create_dir_all(&dir).unwrap();
    let a = home.join("a.xml");
    let b = home.join("b.xml");
    fs::write(
        &a,
        feed(
            "Harbour Herald",
            &[
                ("Ferry strike ends", 0, "<p>The ferry strike ended at noon.</p><p>\"We are back,\" said captain Ines Roy.</p>"),
                ("Pier repairs begin", 5, "<p>Work on the north pier began on Monday.</p>"),
            ],
        ),
    )
    .unwrap();
    fs::write(
        &b,
        feed(
            "Upland Daily",
            &[(
                "Ferry returns to the island",
                1,
                "<p>Boats ran again after the strike.</p>",
            )],
        ),
    )
    .unwrap();
    let urls = dir.join("urls");
    fs::write(
        &urls,
        format!(
            "\"exec:cat {}\"\n\"exec:cat {}\"\n",
            a.display(),
            b.display()
        ),
    )
    .unwrap();
    let config = dir.join("config");
    fs::write(&config, "").unwrap();
    let cache = dir.join("cache.db");
    let out = Process::new("newsboat")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .arg("-u")
        .arg(&urls)
        .arg("-C")
        .arg(&config)
        .arg("-c")
        .arg(&cache)
        .args(["-x", "reload"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "newsboat -x reload: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(cache.is_file());
    cache
}

fn crossread(home: &Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = Command::cargo_bin("crossread")
        .unwrap()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), json, err)
}

fn titles(v: &serde_json::Value) -> Vec<String> {
    v["articles"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| x["title"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn reads_the_cache_newsboat_wrote() {
    if !have_newsboat() {
        return;
    }
    let home = TempDir::new().unwrap();
    let cache = newsboat_cache(home.path());
    let cache = cache.to_str().unwrap();

    let (code, v, err) = crossread(home.path(), &["export", "--newsboat", cache]);
    assert_eq!(code, 0, "{err}");
    // Newest first, across feeds; each feed's title is the source.
    assert_eq!(
        titles(&v),
        [
            "Ferry strike ends",
            "Ferry returns to the island",
            "Pier repairs begin"
        ]
    );
    let first = &v["articles"][0];
    assert_eq!(first["source"], "Harbour Herald");
    assert_eq!(first["url"], "https://ferry-strike-ends.example/");
    assert_eq!(
        first["paragraphs"],
        serde_json::json!([
            "The ferry strike ended at noon.",
            "\"We are back,\" said captain Ines Roy."
        ])
    );
    assert_eq!(v["articles"][1]["source"], "Upland Daily");

    // --since bounds it.
    let (code, v, err) = crossread(
        home.path(),
        &["export", "--newsboat", cache, "--since", "2d"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        titles(&v),
        ["Ferry strike ends", "Ferry returns to the island"]
    );

    // The default place: ~/.newsboat/cache.db (the folder exists).
    let (code, v, err) = crossread(home.path(), &["export", "--newsboat"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(titles(&v).len(), 3);

    // Quotes across the feeds work on newsboat items like on any article.
    let out = Command::cargo_bin("crossread")
        .unwrap()
        .env("HOME", home.path())
        .args(["quotes", "--newsboat", cache])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ines Roy"));
}

#[test]
fn missing_or_foreign_cache_is_one_clear_line() {
    let home = TempDir::new().unwrap();
    let missing = home.path().join("nope.db");
    let (code, _, err) = crossread(
        home.path(),
        &["list", "--newsboat", missing.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert_eq!(
        err.lines().next().unwrap_or(""),
        format!(
            "crossread: {}: error: no newsboat cache here (give its path: --newsboat PATH)",
            missing.display()
        )
    );
    let junk = home.path().join("junk.db");
    fs::write(&junk, "not a database").unwrap();
    let (code, _, err) = crossread(home.path(), &["list", "--newsboat", junk.to_str().unwrap()]);
    assert_eq!(code, 2);
    let first = err.lines().next().unwrap_or("");
    assert!(
        first.contains("junk.db: error:") && first.contains("newsboat cache"),
        "{err}"
    );
    assert_eq!(
        err.lines().nth(1),
        Some("crossread: nothing usable loaded"),
        "{err}"
    );
}
