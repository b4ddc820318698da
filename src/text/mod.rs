//! Text basics shared by the engines: what a word is ([`words`], with char
//! offsets), case and diacritic folding with a map back ([`fold`]), name
//! folding ([`fold_name`]) and weekday/month names ([`calendar`]). One
//! definition each, so search, analysis and stories agree on them. And
//! counts in words ([`count`]: `1 source`, `2 sources`) for both faces'
//! messages.
//!
//! Imports nothing of the project.

pub mod calendar;
mod count;
mod fold;
mod words;

pub use count::count;
pub use fold::{Folded, fold, fold_name, fold_str};
pub use words::{Word, Words, is_word_char, words};
