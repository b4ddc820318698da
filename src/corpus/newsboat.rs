//! newsboat's cache (its SQLite `cache.db`, read with `rusqlite`'s bundled
//! SQLite, opened read-only): items as articles, their feed's title as the
//! source, newest first, optionally only those published since a time.
//!
//! Owns: [`NewsboatOptions`], the default cache path and the query.
//! Interface: cache path + options -> article drafts or a message.
//! Imports only `corpus` siblings.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::format::draft::{Draft, non_empty};
use super::format::html::fragment_paragraphs;

/// At most this many items are read (newest first) unless `--since` bounds
/// them further; a cache can hold years of items.
pub const MAX_NEWSBOAT_ITEMS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsboatOptions {
    /// The cache file; `None`: newsboat's default place.
    pub cache: Option<PathBuf>,
    /// Only items published at or after this Unix time.
    pub since: Option<i64>,
}

/// An item from the cache: its draft and its row id (for the article id).
#[derive(Debug, Clone)]
pub(super) struct NewsboatItem {
    pub(super) draft: Draft,
    pub(super) rowid: i64,
}

/// Items read, and how many matched in all (more than read when capped).
#[derive(Debug, Clone, Default)]
pub(super) struct NewsboatRead {
    pub(super) items: Vec<NewsboatItem>,
    pub(super) matched: usize,
}

/// newsboat's default cache: `~/.newsboat/cache.db` when that folder
/// exists (newsboat's own rule), else `$XDG_DATA_HOME/newsboat/cache.db`.
pub fn default_cache_path() -> Option<PathBuf> {
    let home = dirs::home_dir()?;
    let dotdir = home.join(".newsboat");
    if dotdir.is_dir() {
        return Some(dotdir.join("cache.db"));
    }
    Some(
        dirs::data_dir()
            .unwrap_or_else(|| home.join(".local/share"))
            .join("newsboat")
            .join("cache.db"),
    )
}

/// Reads the cache's items, newest first.
pub(super) fn read_cache(path: &Path, since: Option<i64>) -> Result<NewsboatRead, String> {
    if !path.is_file() {
        return Err("no newsboat cache here (give its path: --newsboat PATH)".into());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| format!("cannot open the newsboat cache: {e}"))?;
    let query_err = |e: rusqlite::Error| format!("not a newsboat cache ({e})");
    let since = since.unwrap_or(i64::MIN);
    let matched: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM rss_item WHERE deleted = 0 AND pubDate >= ?1",
            [since],
            |r| r.get(0),
        )
        .map_err(query_err)?;
    let mut stmt = conn
        .prepare(
            "SELECT i.id, i.title, i.author, i.url, i.pubDate, i.content, \
                    COALESCE(NULLIF(f.title, ''), i.feedurl) \
             FROM rss_item i LEFT JOIN rss_feed f ON f.rssurl = i.feedurl \
             WHERE i.deleted = 0 AND i.pubDate >= ?1 \
             ORDER BY i.pubDate DESC, i.id DESC LIMIT ?2",
        )
        .map_err(query_err)?;
    let rows = stmt
        .query_map(rusqlite::params![since, MAX_NEWSBOAT_ITEMS as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                text(r, 1)?,
                text(r, 2)?,
                text(r, 3)?,
                r.get::<_, Option<i64>>(4)?,
                text(r, 5)?,
                text(r, 6)?,
            ))
        })
        .map_err(query_err)?;
    let mut items = Vec::new();
    for row in rows {
        let (rowid, title, author, url, date, content, feed) = row.map_err(query_err)?;
        items.push(NewsboatItem {
            draft: Draft {
                title: non_empty(&title),
                byline: non_empty(&author),
                source: non_empty(&feed),
                date: date.and_then(rfc3339),
                url: non_empty(&url),
                label: None,
                paragraphs: fragment_paragraphs(&content),
            },
            rowid,
        });
    }
    Ok(NewsboatRead {
        items,
        matched: usize::try_from(matched).unwrap_or(0),
    })
}

/// A text column that may hold invalid UTF-8 or NULL: read lossily.
fn text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Text(b) | ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Null => String::new(),
    })
}

/// Unix seconds as an RFC 3339 UTC date-time (`2024-03-06T07:00:00Z`).
fn rfc3339(secs: i64) -> Option<String> {
    if secs <= 0 {
        return None;
    }
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339(0), None);
        assert_eq!(
            rfc3339(1_709_708_400).as_deref(),
            Some("2024-03-06T07:00:00Z")
        );
        assert_eq!(
            rfc3339(951_782_400).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
    }

    fn cache(dir: &Path) -> PathBuf {
        let path = dir.join("cache.db");
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TABLE rss_feed (rssurl TEXT PRIMARY KEY, url TEXT, title TEXT);
             CREATE TABLE rss_item (id INTEGER PRIMARY KEY, guid TEXT, title TEXT, author TEXT,
               url TEXT, feedurl TEXT, pubDate INTEGER, content TEXT, unread INTEGER,
               deleted INTEGER DEFAULT 0);
             INSERT INTO rss_feed VALUES ('https://a.example/rss', 'https://a.example/', 'Alpha Post');
             INSERT INTO rss_item VALUES (1, 'g1', 'Old', '', 'https://a.example/1',
               'https://a.example/rss', 1000000000, '<p>Old news.</p>', 1, 0);
             INSERT INTO rss_item VALUES (2, 'g2', 'New', 'Bo Li', 'https://a.example/2',
               'https://a.example/rss', 1700000000, '<p>New news.</p><p>More.</p>', 1, 0);
             INSERT INTO rss_item VALUES (3, 'g3', 'Gone', '', 'https://a.example/3',
               'https://a.example/rss', 1700000001, '<p>Deleted.</p>', 1, 1);
             INSERT INTO rss_item VALUES (4, 'g4', 'Orphan', '', 'https://b.example/4',
               'https://b.example/rss', 1600000000, 'Plain text.', 1, 0);",
        )
        .unwrap();
        path
    }

    #[test]
    fn items_newest_first_without_deleted() {
        let dir = tempfile::TempDir::new().unwrap();
        let read = read_cache(&cache(dir.path()), None).unwrap();
        let titles: Vec<_> = read
            .items
            .iter()
            .map(|i| i.draft.title.clone().unwrap())
            .collect();
        assert_eq!(titles, ["New", "Orphan", "Old"]);
        let new = &read.items[0].draft;
        assert_eq!(new.source.as_deref(), Some("Alpha Post"));
        assert_eq!(new.byline.as_deref(), Some("Bo Li"));
        assert_eq!(new.paragraphs, ["New news.", "More."]);
        assert_eq!(new.date.as_deref(), Some("2023-11-14T22:13:20Z"));
        // No feed row: the feed URL is the source.
        assert_eq!(
            read.items[1].draft.source.as_deref(),
            Some("https://b.example/rss")
        );
        assert_eq!(read.matched, 3);
    }

    #[test]
    fn since_bounds_the_items() {
        let dir = tempfile::TempDir::new().unwrap();
        let read = read_cache(&cache(dir.path()), Some(1_650_000_000)).unwrap();
        assert_eq!(read.items.len(), 1);
        assert_eq!(read.items[0].rowid, 2);
    }

    #[test]
    fn not_a_cache_is_a_clear_error() {
        let dir = tempfile::TempDir::new().unwrap();
        let e = read_cache(&dir.path().join("nope.db"), None).unwrap_err();
        assert!(e.contains("no newsboat cache"), "{e}");
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"this is not sqlite at all, just text").unwrap();
        let e = read_cache(&junk, None).unwrap_err();
        assert!(e.contains("newsboat cache"), "{e}");
        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x INTEGER);")
            .unwrap();
        let e = read_cache(&other, None).unwrap_err();
        assert!(e.contains("not a newsboat cache"), "{e}");
    }
}
