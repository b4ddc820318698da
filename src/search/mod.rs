//! Fuzzy filtering that means what a reader means, fast at news-cycle scale.
//!
//! [`Query`] parses fzf's extended syntax; [`matcher`] defines what a match
//! is (and computes highlights); [`SearchIndex`] answers queries over many
//! passages from the distinct words, agreeing with the matcher exactly.

mod fold;
mod index;
pub mod matcher;
mod query;

pub use fold::{Folded, fold};
pub use index::{Hit, PassageSet, SearchIndex, Searcher, rank, scan};
pub use matcher::{Matcher, highlights, match_passage};
pub use query::{Query, Term, TermKind};

use crate::corpus::Story;

/// A story flattened into passages (paragraphs) for searching.
#[derive(Debug, Clone, Default)]
pub struct StoryPassages {
    pub texts: Vec<String>,
    /// (article, paragraph) of each passage.
    pub origin: Vec<(usize, usize)>,
}

impl StoryPassages {
    pub fn new(story: &Story) -> Self {
        let mut out = Self::default();
        for (a, article) in story.articles.iter().enumerate() {
            for (p, text) in article.paragraphs.iter().enumerate() {
                out.texts.push(text.clone());
                out.origin.push((a, p));
            }
        }
        out
    }
}
