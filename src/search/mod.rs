//! Fuzzy filtering that means what a reader means, fast at news-cycle scale.
//!
//! [`Query`] parses fzf's extended syntax; [`matcher`] defines what a match
//! is (and computes highlights); [`SearchIndex`] answers queries over many
//! passages from the distinct words, agreeing with the matcher exactly;
//! until it is built, a [`Sketch`] of each passage lets a keystroke's scan
//! skip most passages (and stop when a newer keystroke comes).
//!
//! Owns: what a query means and how it is answered. Imports only `text`
//! (and may import `corpus`); never `analysis`.

mod index;
mod lines;
pub mod matcher;
mod passage_set;
mod query;
mod sketch;

pub use index::{Hit, SearchIndex, Searcher, rank, scan};
pub use lines::{LineHit, LineScan, scan_lines};
pub use matcher::{highlights, match_passage};
pub use passage_set::PassageSet;
pub use query::{MatchKind, Query, Term};
pub use sketch::Sketch;

/// A seeded xorshift sequence for tests that need many varied inputs, the
/// same every run, without a dependency.
#[cfg(test)]
fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
