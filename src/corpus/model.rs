//! The article model: a story is a set of articles about one event.
//! Imports nothing of the project.

use serde::{Deserialize, Serialize};

use super::sanitize::SanitizeReport;

/// One story: several sources' articles about the same event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub articles: Vec<Article>,
}

/// One source's article. Text is already sanitised (see [`super::sanitize`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier; for a file input, the file name without extension.
    pub id: String,
    /// Short neutral name for column headers ("Source 1", a file stem, ...).
    #[serde(default)]
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Author(s), as the page or feed gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    pub paragraphs: Vec<String>,
    /// Where the article was loaded from (a path, `<stdin>` or `<bundled>`).
    #[serde(skip)]
    pub origin: String,
    /// What the sanitiser removed from this article's text.
    #[serde(skip)]
    pub sanitized: SanitizeReport,
    /// What its input was read as: "JSON", "text", "HTML page", "RSS feed", ...
    #[serde(skip)]
    pub format: &'static str,
}

impl Article {
    /// Number of whitespace-separated words in the article's paragraphs.
    pub fn word_count(&self) -> usize {
        self.paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum()
    }

    /// Total bytes of paragraph text.
    pub fn text_len(&self) -> usize {
        self.paragraphs.iter().map(String::len).sum()
    }
}

impl Story {
    /// Total bytes of paragraph text in the story.
    pub fn text_len(&self) -> usize {
        self.articles.iter().map(Article::text_len).sum()
    }
}
