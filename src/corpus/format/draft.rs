//! The narrow interface between the input formats (HTML pages, feeds, front
//! matter, newsboat's cache) and the loader: an article as a format found it,
//! before sanitising, ids and labels (the loader does those for every input).

/// One article as found in an input. Text is raw (not yet sanitised).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Site or feed name.
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub label: Option<String>,
    pub paragraphs: Vec<String>,
}

/// `Some(trimmed)` unless the value is empty or only white space.
pub(crate) fn non_empty(s: impl AsRef<str>) -> Option<String> {
    let t = s.as_ref().trim();
    (!t.is_empty()).then(|| t.to_string())
}
