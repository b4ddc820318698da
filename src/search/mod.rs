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
