//! Fuzzy filtering that means what a reader means, fast at news-cycle scale.
//!
//! [`Query`] parses fzf's extended syntax; [`matcher`] defines what a match
//! is (and computes highlights); [`SearchIndex`] answers queries over many
//! passages from the distinct words, agreeing with the matcher exactly.

mod index;
pub mod matcher;
mod query;

pub use index::{Hit, PassageSet, SearchIndex, Searcher, rank, scan};
pub use matcher::{highlights, match_passage};
pub use query::{MatchKind, Query, Term};

use crate::corpus::Story;

/// A story's paragraphs as passages for searching, borrowed (not copied),
/// with the (article, paragraph) each came from.
pub fn story_passages(story: &Story) -> (Vec<&str>, Vec<(usize, usize)>) {
    story
        .articles
        .iter()
        .enumerate()
        .flat_map(|(a, art)| {
            art.paragraphs
                .iter()
                .enumerate()
                .map(move |(p, t)| (t.as_str(), (a, p)))
        })
        .unzip()
}
