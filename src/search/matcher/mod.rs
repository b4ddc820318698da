//! What a match means, passage by passage. This is the reference the index
//! must agree with (a proptest checks it), and it computes highlights.
//!
//! A fuzzy term matches a word when fuzzy-matcher finds it as a compact
//! subsequence of the word (matched span at most the term's length plus a
//! quarter), so `foth`, `fotheringam`, `tktok` and `rednot` match but letters
//! scattered across a paragraph do not. A term of 6+ characters may also
//! span two adjacent words, each taking 3+ of its characters (`sarahfoth`).

//!
//! Parts: `word` (one word against one needle: character masks,
//! subsequences, fuzzy-matcher's score, the per-thread memo), `passage`
//! (a passage folded once per case mode, every kind of term on it: the
//! reference), `fast` (the one-shot scan's byte-level prefilter and
//! fuzzy score, equal to the reference without folding whole passages),
//! and here the whole-query reference and highlights.

mod fast;
mod passage;
mod word;

pub use fast::{
    PlainNeedle, StartFinder, anchor_commonness, fuzzy_matches_text, fuzzy_may_match, fuzzy_score,
    plain_and_clean, plain_text,
};
pub use passage::{Passage, PreparedPassage};
pub(crate) use word::char_bit_slow;
pub use word::{WINDOW_PART_MIN, char_bit, char_mask, is_subsequence, word_match, word_score};

use std::ops::Range;

use super::query::{MatchKind, Query};
use passage::{exact_matches, fuzzy_matches};

/// Brute-force reference: does `text` match `q`, and with what score?
pub fn match_passage(text: &str, q: &Query) -> Option<i64> {
    if q.is_empty() {
        return Some(0);
    }
    Passage::new(text).query_score(q)
}

/// Character ranges of `text` to highlight for `q`: every occurrence of every
/// positive term, on the original characters.
pub fn highlights(text: &str, q: &Query) -> Vec<Range<usize>> {
    let mut passage = Passage::new(text);
    let mut chars: Vec<usize> = Vec::new();
    for term in q.terms().filter(|t| !t.negated) {
        let p = passage.prepared(term.case_sensitive);
        let map = &p.folded.map;
        match term.kind {
            MatchKind::Fuzzy => {
                for (_, idx) in fuzzy_matches(p, &term.needle, true) {
                    chars.extend(
                        idx.into_iter()
                            .filter_map(|i| map.get(i).map(|&o| o as usize)),
                    );
                }
            }
            _ => {
                for r in exact_matches(p, term) {
                    chars.extend(r.filter_map(|i| map.get(i).map(|&o| o as usize)));
                }
            }
        }
    }
    chars.sort_unstable();
    chars.dedup();
    // A highlighted letter takes its combining marks along (é as e + ◌́).
    let original: Vec<char> = text.chars().collect();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for c in chars {
        let mut end = c + 1;
        while original
            .get(end)
            .is_some_and(|&ch| unicode_normalization::char::is_combining_mark(ch))
        {
            end += 1;
        }
        match ranges.last_mut() {
            Some(r) if r.end >= c => r.end = r.end.max(end),
            _ => ranges.push(c..end),
        }
    }
    ranges
}

#[cfg(test)]
mod tests;
