//! What a match means, passage by passage. This is the reference the index
//! must agree with (a proptest checks it), and it computes highlights.
//!
//! A fuzzy term matches a word when fuzzy-matcher finds it as a compact
//! subsequence of the word (matched span at most the term's length plus a
//! quarter), so `foth`, `fotheringam`, `tktok` and `rednot` match but letters
//! scattered across a paragraph do not. A term of 6+ characters may also
//! span two adjacent words, each taking 3+ of its characters (`sarahfoth`).

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::{MatchKind, Query, Term};
use crate::text::{Folded, fold, fold_str, is_word_char, words};

/// Minimum characters on each side of a two-word match.
pub const WINDOW_PART_MIN: usize = 3;

// Word matching with fuzzy-matcher's skim algorithm (stateless: no
// matcher value is passed around).
//
// A fresh `SkimMatcherV2` is made for every call. fuzzy-matcher 0.3.7
// reuses a score matrix between calls, and with that cache a score can
// depend on earlier calls (cargo fuzz found the index and the reference
// disagreeing; cf. skim-rs/skim#1071), while `use_cache(false)` panics
// (it replaces the matrix while still borrowing it). Scores must depend
// on the word and needle alone, so callers filter cheaply first (char
// masks, subsequence) and the one-shot scan memoises per word.

/// Bit mask of the characters in a string: a quick "can it match" filter.
pub fn char_mask(s: &str) -> u64 {
    s.chars().fold(0u64, |m, c| m | char_bit(c))
}

pub fn char_bit(c: char) -> u64 {
    if c.is_ascii() {
        return ASCII_BITS[c as usize];
    }
    char_bit_slow(c)
}

static ASCII_BITS: [u64; 128] = {
    let mut t = [0u64; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = char_bit_slow(i as u8 as char);
        i += 1;
    }
    t
};

const fn char_bit_slow(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        'A'..='Z' => 1 << (26 + (c as u32 - 'A' as u32) % 12),
        '0'..='9' => 1 << (38 + (c as u32 - '0' as u32)),
        _ => 1 << (48 + (c as u32 % 16)),
    }
}

/// Is `needle` a subsequence of `hay` (by chars)?
pub fn is_subsequence(hay: &str, needle: &str) -> bool {
    subsequence_of(hay.chars(), needle)
}

fn subsequence_of(hay: impl Iterator<Item = char>, needle: &str) -> bool {
    let mut n = needle.chars();
    let mut want = n.next();
    for c in hay {
        match want {
            None => return true,
            Some(w) if w == c => want = n.next(),
            _ => {}
        }
    }
    want.is_none()
}

/// Score and matched char indices if `needle` fuzzy-matches `word` compactly.
pub fn word_match(word: &str, needle: &str) -> Option<(i64, Vec<usize>)> {
    if !is_subsequence(word, needle) {
        return None;
    }
    // Folding is ours; the matcher compares exactly.
    let (score, idx) = SkimMatcherV2::default()
        .respect_case()
        .fuzzy_indices(word, needle)?;
    let n = needle.chars().count();
    let span = idx.last()? - idx.first()? + 1;
    (span <= n + n / 4).then_some((score, idx))
}

/// Score if `needle` matches `word` (no indices kept).
pub fn word_score(word: &str, needle: &str) -> Option<i64> {
    word_match(word, needle).map(|m| m.0)
}

/// A passage folded once per case mode, with its words.
pub struct PreparedPassage {
    pub folded: Folded,
    /// Word char ranges in `folded.text` (char indices).
    pub words: Vec<Range<usize>>,
    chars: Vec<char>,
}

impl PreparedPassage {
    pub fn new(text: &str, keep_case: bool) -> Self {
        let folded = fold(text, keep_case);
        let chars: Vec<char> = folded.text.chars().collect();
        let words = words(&folded.text).map(|w| w.chars).collect();
        Self {
            folded,
            words,
            chars,
        }
    }

    pub fn word(&self, r: &Range<usize>) -> String {
        self.chars[r.clone()].iter().collect()
    }
}

/// Matches of one fuzzy term in a passage: per match, score and folded char
/// indices. Single words come first; two-word windows are tried only when
/// `all` is set or no single word matches.
fn fuzzy_matches(p: &PreparedPassage, needle: &str, all: bool) -> Vec<(i64, Vec<usize>)> {
    let mask = char_mask(needle);
    let n = needle.chars().count();
    let mut out = Vec::new();
    let words: Vec<(String, u64)> = p
        .words
        .iter()
        .map(|r| {
            let w = p.word(r);
            let mk = char_mask(&w);
            (w, mk)
        })
        .collect();
    for (i, r) in p.words.iter().enumerate() {
        let (w, mk) = &words[i];
        if mk & mask == mask
            && let Some((score, idx)) = word_match(w, needle)
        {
            out.push((score, idx.into_iter().map(|k| k + r.start).collect()));
        }
    }
    if n >= 2 * WINDOW_PART_MIN && (all || out.is_empty()) {
        let chars: Vec<char> = needle.chars().collect();
        for i in 0..p.words.len().saturating_sub(1) {
            let ((w1, m1), (w2, m2)) = (&words[i], &words[i + 1]);
            if (m1 | m2) & mask != mask {
                continue;
            }
            for k in WINDOW_PART_MIN..=n - WINDOW_PART_MIN {
                let a: String = chars[..k].iter().collect();
                let b: String = chars[k..].iter().collect();
                if let (Some((s1, i1)), Some((s2, i2))) = (word_match(w1, &a), word_match(w2, &b)) {
                    let (r1, r2) = (&p.words[i], &p.words[i + 1]);
                    let idx = i1
                        .into_iter()
                        .map(|x| x + r1.start)
                        .chain(i2.into_iter().map(|x| x + r2.start));
                    out.push((s1 + s2, idx.collect()));
                    break;
                }
            }
        }
    }
    out
}

/// Score of a positive exact/anchored term, from the needle's length.
fn exact_score(needle: &str) -> i64 {
    16 * needle.chars().count() as i64
}

/// Char ranges (in folded text) where a non-fuzzy term occurs.
fn exact_matches(p: &PreparedPassage, term: &Term) -> Vec<Range<usize>> {
    let text = &p.folded.text;
    let nlen = term.needle.chars().count();
    let to_char = |byte: usize| text[..byte].chars().count();
    // Anchored kinds match at most once.
    let once = |r: Range<usize>| std::iter::once(r).collect::<Vec<_>>();
    match term.kind {
        MatchKind::Exact | MatchKind::Fuzzy => text
            .match_indices(term.needle.as_str())
            .map(|(b, _)| {
                let s = to_char(b);
                s..s + nlen
            })
            .collect(),
        MatchKind::Prefix => {
            let lead = text.len() - text.trim_start().len();
            if text[lead..].starts_with(term.needle.as_str()) {
                let s = to_char(lead);
                once(s..s + nlen)
            } else {
                vec![]
            }
        }
        MatchKind::Suffix => {
            let trimmed = text.trim_end();
            if trimmed.ends_with(term.needle.as_str()) {
                let e = trimmed.chars().count();
                once(e - nlen..e)
            } else {
                vec![]
            }
        }
        MatchKind::Equal => {
            if text.trim() == term.needle {
                let lead = text.len() - text.trim_start().len();
                let s = to_char(lead);
                once(s..s + nlen)
            } else {
                vec![]
            }
        }
    }
}

/// Exact, prefix, suffix and whole-passage terms on ASCII text, without
/// folding: the same answers as [`exact_matches`] for ASCII.
fn ascii_exact(text: &str, term: &Term) -> bool {
    let eq = |a: &[u8], b: &[u8]| {
        if term.case_sensitive {
            a == b
        } else {
            a.eq_ignore_ascii_case(b)
        }
    };
    let needle = term.needle.as_bytes();
    match term.kind {
        MatchKind::Exact | MatchKind::Fuzzy => {
            let hay = text.as_bytes();
            let first = needle[0].to_ascii_lowercase();
            hay.len() >= needle.len()
                && hay.windows(needle.len()).any(|w| {
                    (if term.case_sensitive {
                        w[0] == needle[0]
                    } else {
                        w[0].to_ascii_lowercase() == first
                    }) && eq(w, needle)
                })
        }
        MatchKind::Prefix => {
            let t = text.trim_start().as_bytes();
            t.len() >= needle.len() && eq(&t[..needle.len()], needle)
        }
        MatchKind::Suffix => {
            let t = text.trim_end().as_bytes();
            t.len() >= needle.len() && eq(&t[t.len() - needle.len()..], needle)
        }
        MatchKind::Equal => eq(text.trim().as_bytes(), needle),
    }
}

/// Both case modes of a passage, prepared on demand.
pub struct Passage<'t> {
    text: &'t str,
    lower: Option<PreparedPassage>,
    cased: Option<PreparedPassage>,
}

impl<'t> Passage<'t> {
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            lower: None,
            cased: None,
        }
    }

    fn prepared(&mut self, keep_case: bool) -> &PreparedPassage {
        let slot = if keep_case {
            &mut self.cased
        } else {
            &mut self.lower
        };
        slot.get_or_insert_with(|| PreparedPassage::new(self.text, keep_case))
    }

    /// Score of one term here (`None`: does not match). Negation is not applied.
    pub fn term_score(&mut self, term: &Term) -> Option<i64> {
        if term.kind == MatchKind::Fuzzy {
            // The best word (or, failing any word, the best two-word window).
            return fuzzy_score(self.text, &term.needle, term.case_sensitive);
        }
        if self.text.is_ascii() && term.needle.is_ascii() {
            return ascii_exact(self.text, term).then(|| exact_score(&term.needle));
        }
        let p = self.prepared(term.case_sensitive);
        (!exact_matches(p, term).is_empty()).then(|| exact_score(&term.needle))
    }

    /// The slow path over the folded passage: the definition the fast path
    /// must equal (checked by tests).
    pub fn term_score_reference(&mut self, term: &Term) -> Option<i64> {
        let p = self.prepared(term.case_sensitive);
        match term.kind {
            MatchKind::Fuzzy => fuzzy_matches(p, &term.needle, false)
                .iter()
                .map(|x| x.0)
                .max(),
            _ => (!exact_matches(p, term).is_empty()).then(|| exact_score(&term.needle)),
        }
    }

    /// Score of a group (OR of terms): the best matching term.
    pub fn group_score(&mut self, group: &[Term]) -> Option<i64> {
        let mut best = None;
        for term in group {
            let s = self.term_score(term);
            let s = if term.negated {
                if s.is_some() { None } else { Some(0) }
            } else {
                s
            };
            if let Some(s) = s {
                best = Some(best.map_or(s, |b: i64| b.max(s)));
            }
        }
        best
    }

    /// Score if the passage matches the whole query.
    pub fn query_score(&mut self, q: &Query) -> Option<i64> {
        let mut total = 0;
        for group in &q.groups {
            total += self.group_score(group)?;
        }
        Some(total)
    }
}

/// Word scores for one needle.
#[derive(Default)]
struct Memo {
    needle: String,
    scores: std::collections::HashMap<Box<str>, Option<i64>>,
}

thread_local! {
    /// Word scores for the current needle on this thread: news text repeats
    /// its words, so most lookups skip the matcher.
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// Bound on memoised words per thread (the memo is cleared past it).
const MEMO_MAX: usize = 200_000;

fn memo_score(word: &str, needle: &str) -> Option<i64> {
    MEMO.with(|cell| {
        let mut memo = cell.borrow_mut();
        if memo.needle != needle || memo.scores.len() >= MEMO_MAX {
            memo.needle.clear();
            memo.needle.push_str(needle);
            memo.scores.clear();
        }
        if let Some(&s) = memo.scores.get(word) {
            return s;
        }
        let s = word_score(word, needle);
        memo.scores.insert(word.into(), s);
        s
    })
}

/// Fast score of a fuzzy term in a passage: the same result as
/// [`Passage::term_score`], without folding the whole passage. Words are
/// folded only when their character mask can contain the needle.
pub fn fuzzy_score<'a>(text: &'a str, needle: &str, keep_case: bool) -> Option<i64> {
    let nmask = char_mask(needle);
    let n = needle.chars().count();
    let mut words: Vec<(&'a str, u64)> = Vec::new();
    let mut best: Option<i64> = None;
    // Split into words on bytes: ASCII is the common case and needs no
    // decoding; other characters are decoded one at a time. The same words
    // as `crate::text::words` (the same `is_word_char`), without decoding
    // ASCII: the hot path of the one-shot scan.
    let bytes = text.as_bytes();
    let (mut i, mut start, mut mask, mut ascii) = (0, None::<usize>, 0u64, true);
    let fold_word = |w: &str| fold_str(w, keep_case);
    // Words are kept only if a two-word window may be needed later.
    let windows = n >= 2 * WINDOW_PART_MIN;
    let mut finish =
        |s: usize, e: usize, mask: u64, ascii: bool, words: &mut Vec<(&'a str, u64)>| {
            let w = &text[s..e];
            let mask = if ascii {
                mask
            } else {
                char_mask(&fold_word(w))
            };
            // A word of only combining marks folds away.
            if mask == 0 {
                return;
            }
            if mask & nmask == nmask {
                let score = if ascii && !keep_case && w.bytes().all(|b| !b.is_ascii_uppercase()) {
                    memo_score(w, needle)
                } else {
                    memo_score(&fold_word(w), needle)
                };
                if let Some(s) = score {
                    best = Some(best.map_or(s, |b: i64| b.max(s)));
                }
            }
            if windows {
                words.push((w, mask));
            }
        };
    while i < bytes.len() {
        let b = bytes[i];
        let (is_word, len) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (is_word_char(c), c.len_utf8())
        };
        if is_word {
            if start.is_none() {
                start = Some(i);
                mask = 0;
                ascii = true;
            }
            if b < 0x80 {
                mask |= char_bit(if keep_case { b } else { b.to_ascii_lowercase() } as char);
            } else {
                ascii = false;
            }
        } else if let Some(s) = start.take() {
            finish(s, i, mask, ascii, &mut words);
        }
        i += len;
    }
    if let Some(s) = start {
        finish(s, bytes.len(), mask, ascii, &mut words);
    }
    if best.is_some() || !windows {
        return best;
    }
    let chars: Vec<char> = needle.chars().collect();
    for pair in words.windows(2) {
        let ((w1, m1), (w2, m2)) = (pair[0], pair[1]);
        if (m1 | m2) & nmask != nmask {
            continue;
        }
        // Cheap check first: the needle must be a subsequence of the pair.
        let joined = || w1.chars().chain(w2.chars()).flat_map(|c| c.to_lowercase());
        if !keep_case && w1.is_ascii() && w2.is_ascii() && !subsequence_of(joined(), needle) {
            continue;
        }
        let (f1, f2) = (fold_word(w1), fold_word(w2));
        for k in WINDOW_PART_MIN..=n - WINDOW_PART_MIN {
            let a: String = chars[..k].iter().collect();
            let b: String = chars[k..].iter().collect();
            if let (Some(s1), Some(s2)) = (word_score(&f1, &a), word_score(&f2, &b)) {
                best = Some(best.map_or(s1 + s2, |x| x.max(s1 + s2)));
                break;
            }
        }
    }
    best
}

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
mod tests {
    use super::*;

    fn matches(text: &str, q: &str) -> bool {
        match_passage(text, &Query::parse(q)).is_some()
    }

    const P: &str = "“I’m learning so much,” said Sarah Fotheringham, a Utah resident who joined RedNote and TikTok.";

    #[test]
    fn fuzzy_within_a_word() {
        for q in [
            "foth",
            "fotheringam",
            "rednot",
            "tktok",
            "sarah foth",
            "Sarah",
        ] {
            assert!(matches(P, q), "{q}");
        }
        // Smart case: capitals must match capitals.
        assert!(!matches(P, "SARAH"));
    }

    #[test]
    fn scattered_letters_and_absent_words_do_not_match() {
        for q in ["trump", "zebra", "slgm", "rdntk"] {
            assert!(!matches(P, q), "{q}");
        }
    }

    #[test]
    fn two_adjacent_words() {
        assert!(matches(P, "sarahfoth"));
        assert!(matches(P, "utahresid"));
        assert!(!matches(P, "sarahjoined"));
    }

    #[test]
    fn smart_case() {
        assert!(matches(P, "RedNote"));
        assert!(!matches(P, "Rednote"));
        assert!(matches(P, "rednote"));
    }

    #[test]
    fn diacritics_both_ways() {
        assert!(matches("José Sánchez spoke.", "sanchez"));
        assert!(matches("Emile Zola wrote.", "émile"));
    }

    #[test]
    fn operators() {
        assert!(matches(P, "'said sarah"));
        assert!(!matches(P, "'sarah\\ said"));
        assert!(matches(P, "^“i’m"));
        assert!(matches(P, "tiktok.$"));
        assert!(!matches(P, "!utah"));
        assert!(matches(P, "!texas"));
        assert!(matches(P, "texas | utah"));
        assert!(!matches(P, "texas | ohio"));
        assert!(matches(P, "'utah\\ resident"));
    }

    #[test]
    fn cjk_and_emoji() {
        assert!(matches("用户在小红书上 👩‍👧 分享", "小红书"));
        assert!(matches("Party time 🎉 tonight", "'🎉"));
    }

    #[test]
    fn highlights_land_on_original_chars() {
        let text = "Ask José Sánchez now";
        let h = highlights(text, &Query::parse("sanchez"));
        let chars: Vec<char> = text.chars().collect();
        let got: String = h.iter().flat_map(|r| chars[r.clone()].iter()).collect();
        assert_eq!(got, "Sánchez");
        let h = highlights("e\u{301}mile", &Query::parse("emile"));
        assert_eq!(h, vec![0..6]);
    }
}
