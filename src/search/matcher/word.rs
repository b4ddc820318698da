//! One word against one needle: character masks, subsequences, fuzzy-matcher's
//! score (stateless), and the per-thread memo of word scores.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

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

/// [`char_bit`] by computing it: what its table holds, and usable where a
/// table of its own is built at compile time.
pub(crate) const fn char_bit_slow(c: char) -> u64 {
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

pub(super) fn subsequence_of(hay: impl Iterator<Item = char>, needle: &str) -> bool {
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

/// Word scores for one needle.
#[derive(Default)]
struct Memo {
    needle: String,
    /// Fx-hashed: the words are the passage's own, short, and looked up
    /// once per candidate word of every passage scanned.
    scores: rustc_hash::FxHashMap<Box<str>, Option<i64>>,
}

thread_local! {
    /// Word scores for the current needle on this thread: news text repeats
    /// its words, so most lookups skip the matcher.
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// Bound on memoised words per thread (the memo is cleared past it).
const MEMO_MAX: usize = 200_000;

pub(super) fn memo_score(word: &str, needle: &str) -> Option<i64> {
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
