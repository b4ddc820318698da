//! The filter history on disk: one query a line in the user's state
//! directory (`$XDG_STATE_HOME/crossread/history`, else
//! `~/.local/state/crossread/history`), and the story list's filter history
//! beside it (`story-history`). Read at start, written whole (to a
//! temporary file, then renamed) when a query is kept.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::corpus::sanitize;

/// Where the history lives, if a home or state directory is known.
pub fn default_path() -> Option<PathBuf> {
    // `$XDG_STATE_HOME` (absolute) or its default under `$HOME` on Linux.
    let state = dirs::state_dir()?;
    Some(state.join("crossread").join("history"))
}

/// Where the story list's filter history lives, beside the `/` one's.
pub fn story_list_path(history: &Path) -> PathBuf {
    history.with_file_name("story-history")
}

/// The saved queries, oldest first; none if the file is missing or
/// unreadable. Each is sanitised: the file is text anyone could edit.
pub fn load(path: &Path, keep: usize) -> Vec<String> {
    let Ok(text) = fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut queries: Vec<String> = text
        .lines()
        .map(|l| sanitize(l).0.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let excess = queries.len().saturating_sub(keep);
    queries.drain(..excess);
    queries
}

/// Writes the queries, replacing the file in one step.
pub fn save(path: &Path, queries: &[String]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut text = String::new();
    for q in queries {
        // One query a line: a line break inside one cannot be typed, but
        // never let it split the file.
        text.push_str(&q.replace(['\n', '\r'], " "));
        text.push('\n');
    }
    let tmp = path.with_extension("tmp");
    fs::write(&tmp, text)?;
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_loads_the_newest_queries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/crossread/history");
        assert!(load(&path, 10).is_empty(), "no file yet");
        let queries: Vec<String> = ["ivy", "sarah foth", "a\nb", "'exact"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        save(&path, &queries).unwrap();
        assert_eq!(load(&path, 10), ["ivy", "sarah foth", "a b", "'exact"]);
        assert_eq!(load(&path, 2), ["a b", "'exact"], "the newest kept");
        fs::write(&path, "ok\n\x1b[31mred\n\n").unwrap();
        assert_eq!(load(&path, 10), ["ok", "red"], "sanitised, blanks dropped");
    }

    #[test]
    fn the_story_list_history_is_a_file_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crossread/history");
        let stories = story_list_path(&path);
        assert_eq!(stories, dir.path().join("crossread/story-history"));
        save(&path, &["slash".to_string()]).unwrap();
        save(&stories, &["kestrel".to_string()]).unwrap();
        assert_eq!(load(&path, 10), ["slash"]);
        assert_eq!(load(&stories, 10), ["kestrel"]);
    }
}
