//! An inverted index from distinct words to passages.
//!
//! The vocabulary of a corpus grows far more slowly than its text, so a
//! keystroke matches the term against distinct words (with a character-mask
//! pre-filter) and unions their postings, instead of re-scanning every
//! passage. Terms the index cannot answer exactly (case-sensitive, anchored,
//! multi-word exact, two-word windows) narrow the candidates first and are
//! then verified passage by passage with the reference [`matcher`].
//!
//! Postings are kept as gaps between passage numbers in variable-length
//! bytes: a common word's gaps take one byte each instead of four (the
//! index lives beside the whole text in the reader).
//!
//! [`matcher`]: super::matcher

use std::collections::HashMap;
use std::sync::Arc;

use hashbrown::HashTable;
use integer_encoding::VarInt;
use rayon::prelude::*;

use super::matcher::{Passage, WINDOW_PART_MIN, char_mask, is_subsequence, word_score};
use super::passage_set::PassageSet;
use super::query::{MatchKind, Query, Term};
use crate::text::{fold_str, is_word_char, words};

struct VocabWord {
    /// Diacritic- and case-folded.
    text: Box<str>,
    mask: u64,
    /// Its passages in increasing order, as gaps (the first from zero) in
    /// varints. Each word's own allocation: one buffer for all would be
    /// copied into at the end of the build, doubling its peak.
    postings: Box<[u8]>,
}

/// The index over a fixed list of passages.
pub struct SearchIndex {
    vocab: Vec<VocabWord>,
    passages: usize,
    /// Passages with a word containing each ASCII letter or digit: the
    /// answer to a one-character term (the first keystroke), precomputed.
    char_sets: HashMap<char, PassageSet>,
}

/// One search hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub passage: u32,
    pub score: i64,
}

/// Passages per parallel build chunk.
const BUILD_CHUNK: usize = 2048;

/// Passages between two calls of the build's `pause`.
const PAUSE_EVERY: usize = 128;

/// Below this many candidates, the remaining terms are checked passage by
/// passage instead of through the index (cheaper than a large union).
const VERIFY_MAX: usize = 4096;

/// The vocabulary of one chunk of passages, the first numbered
/// `first_id`; `pause` is called every [`PAUSE_EVERY`] passages (a chunk
/// is tens of milliseconds of work, longer than a keystroke should share
/// the processor with it).
fn chunk_vocab<S: AsRef<str>>(
    first_id: usize,
    chunk: &[S],
    pause: &(dyn Fn() + Sync),
) -> BuildVocab {
    let mut vocab = BuildVocab::default();
    for (k, t) in chunk.iter().enumerate() {
        if k % PAUSE_EVERY == 0 {
            pause();
        }
        let id = (first_id + k) as u32;
        for w in words(t.as_ref()) {
            let key = fold_str(w.text, false);
            let hash = word_hash(&key);
            match vocab.find(hash, &key) {
                Some(i) => vocab.words[i].1.push(id),
                None => {
                    let mut e = Encoder::default();
                    e.push(id);
                    vocab.add(hash, key.into_boxed_str(), e);
                }
            }
        }
    }
    vocab
}

fn word_hash(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// The vocabulary while the index is built: each word once with its
/// postings so far, in the order first seen, found through a table of
/// places. (A map from word to postings held a table of 48-byte entries,
/// up to half of it empty after growing, beside the word list made from
/// it at the end; this table holds 4-byte places.)
#[derive(Default)]
struct BuildVocab {
    words: Vec<(Box<str>, Encoder)>,
    places: HashTable<u32>,
}

impl BuildVocab {
    fn find(&self, hash: u64, word: &str) -> Option<usize> {
        self.places
            .find(hash, |&i| *self.words[i as usize].0 == *word)
            .map(|&i| i as usize)
    }

    /// Adds a word not in the vocabulary.
    fn add(&mut self, hash: u64, word: Box<str>, postings: Encoder) {
        let words = &self.words;
        self.places.insert_unique(hash, words.len() as u32, |&i| {
            word_hash(&words[i as usize].0)
        });
        self.words.push((word, postings));
    }
}

/// One word's postings while the index is built: gaps as varints.
#[derive(Default)]
struct Encoder {
    bytes: Vec<u8>,
    /// The last passage added (gaps are counted from it).
    last: u32,
}

impl Encoder {
    /// Adds a passage no smaller than any before (the same one again is
    /// ignored: a word is posted once per passage).
    fn push(&mut self, passage: u32) {
        if !self.bytes.is_empty() && passage == self.last {
            return;
        }
        self.put(passage - self.last);
        self.last = passage;
    }

    fn put(&mut self, gap: u32) {
        let mut buf = [0u8; 5];
        let n = gap.encode_var(&mut buf);
        self.bytes.extend_from_slice(&buf[..n]);
    }

    /// Appends the postings of a later chunk: only its first gap (counted
    /// from zero there) is encoded again, the rest are copied.
    fn append(&mut self, later: Encoder) {
        let Some((first, n)) = u32::decode_var(&later.bytes) else {
            return;
        };
        // Grown by a quarter rather than doubled: the merged postings are
        // most of the build's peak, and a common word grows at every batch.
        let need = 5 + later.bytes.len() - n;
        if self.bytes.capacity() - self.bytes.len() < need {
            self.bytes.reserve_exact(need.max(self.bytes.len() / 4));
        }
        self.put(first - self.last);
        self.bytes.extend_from_slice(&later.bytes[n..]);
        self.last = later.last;
    }
}

/// Decodes one word's postings.
struct Postings<'a> {
    bytes: &'a [u8],
    last: u32,
}

impl<'a> Postings<'a> {
    fn of(word: &'a VocabWord) -> Self {
        Self {
            bytes: &word.postings,
            last: 0,
        }
    }
}

impl Iterator for Postings<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        // Most gaps (a common word's) fit in one byte.
        let gap = match *self.bytes.first()? {
            b if b < 0x80 => {
                self.bytes = &self.bytes[1..];
                u32::from(b)
            }
            _ => {
                let (gap, n) = u32::decode_var(self.bytes)?;
                self.bytes = &self.bytes[n..];
                gap
            }
        };
        self.last += gap;
        Some(self.last)
    }
}

impl SearchIndex {
    /// Builds the index: chunks of passages in parallel, merged batch by
    /// batch so only a few partial maps are alive at once.
    pub fn build<S: AsRef<str> + Sync>(texts: &[S]) -> Self {
        Self::build_yielding(texts, &|| {})
    }

    /// [`Self::build`], calling `pause` before each chunk of work (it may
    /// block: the build then waits, e.g. while a keystroke is answered).
    pub fn build_yielding<S: AsRef<str> + Sync>(texts: &[S], pause: &(dyn Fn() + Sync)) -> Self {
        let batch = BUILD_CHUNK * rayon::current_num_threads().max(1);
        let mut merged = BuildVocab::default();
        for (bi, group) in texts.chunks(batch).enumerate() {
            let partials: Vec<BuildVocab> = group
                .par_chunks(BUILD_CHUNK)
                .enumerate()
                .map(|(ci, chunk)| chunk_vocab(bi * batch + ci * BUILD_CHUNK, chunk, pause))
                .collect();
            // Chunks are in passage order, so appending keeps postings sorted.
            for part in partials {
                pause();
                for (w, p) in part.words {
                    let hash = word_hash(&w);
                    match merged.find(hash, &w) {
                        Some(i) => merged.words[i].1.append(p),
                        None => merged.add(hash, w, p),
                    }
                }
            }
        }
        drop(merged.places);
        let mut vocab: Vec<VocabWord> = merged
            .words
            .into_iter()
            .map(|(text, encoded)| VocabWord {
                mask: char_mask(&text),
                text,
                postings: encoded.bytes.into_boxed_slice(),
            })
            .collect();
        vocab.sort_unstable_by(|a, b| a.text.cmp(&b.text));
        let char_sets = ('a'..='z')
            .chain('0'..='9')
            .collect::<Vec<char>>()
            .into_par_iter()
            .map(|c| {
                pause();
                let mut set = PassageSet::empty(texts.len());
                let bit = super::matcher::char_bit(c);
                for w in vocab
                    .iter()
                    .filter(|w| w.mask & bit != 0 && w.text.contains(c))
                {
                    Postings::of(w).for_each(|p| set.insert(p));
                }
                (c, set)
            })
            .collect();
        Self {
            vocab,
            passages: texts.len(),
            char_sets,
        }
    }

    /// The passages holding vocabulary word `id`, in increasing order.
    fn postings(&self, id: u32) -> Postings<'_> {
        Postings::of(&self.vocab[id as usize])
    }

    /// Bytes the postings take (all words).
    #[cfg(test)]
    fn postings_bytes(&self) -> usize {
        self.vocab.iter().map(|w| w.postings.len()).sum()
    }

    pub fn passages(&self) -> usize {
        self.passages
    }

    pub fn vocabulary(&self) -> usize {
        self.vocab.len()
    }

    /// Union of the postings of vocabulary words `ids`, in parallel halves.
    fn union(&self, ids: &[u32]) -> PassageSet {
        const SERIAL: usize = 256;
        if ids.len() <= SERIAL {
            let mut set = PassageSet::empty(self.passages);
            for &i in ids {
                self.postings(i).for_each(|p| set.insert(p));
            }
            return set;
        }
        let (a, b) = ids.split_at(ids.len() / 2);
        let (mut x, y) = rayon::join(|| self.union(a), || self.union(b));
        x.or(&y);
        x
    }
}

/// Per-term cache: vocabulary ids where a needle is a subsequence. A longer
/// needle that extends it can only match among those (typing narrows).
type SubseqCache = HashMap<String, Arc<Vec<u32>>>;

/// Searches one index, remembering the last query so typing stays cheap.
pub struct Searcher {
    index: Arc<SearchIndex>,
    cache: SubseqCache,
    last: Option<(Query, Vec<Hit>)>,
    /// Compute scores (for ranked lists). The reader shows matches in
    /// document order and turns this off.
    ranked: bool,
}

/// What the index knows about one term.
enum TermResult {
    /// Exactly the passages where the term matches, with scores if ranked.
    Exact(PassageSet, HashMap<u32, i64>),
    /// A superset: candidates to verify.
    Superset(PassageSet),
    /// No help: every passage is a candidate.
    All,
}

impl Searcher {
    pub fn new(index: Arc<SearchIndex>) -> Self {
        Self {
            index,
            cache: HashMap::new(),
            last: None,
            ranked: true,
        }
    }

    /// A searcher for document-order display: no scores, fewer costs.
    pub fn unranked(index: Arc<SearchIndex>) -> Self {
        Self {
            ranked: false,
            ..Self::new(index)
        }
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Vocabulary ids whose words contain `needle` as a subsequence.
    fn subsequence_words(&mut self, needle: &str) -> Arc<Vec<u32>> {
        if let Some(hit) = self.cache.get(needle) {
            return hit.clone();
        }
        let mask = char_mask(needle);
        let base = self
            .cache
            .iter()
            .filter(|(k, _)| needle.starts_with(k.as_str()))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, v)| v.clone());
        let vocab = &self.index.vocab;
        let test = |&i: &u32| {
            let w = &vocab[i as usize];
            w.mask & mask == mask && is_subsequence(&w.text, needle)
        };
        let ids: Vec<u32> = match base {
            Some(b) => b.par_iter().copied().filter(|i| test(i)).collect(),
            None => (0..vocab.len() as u32)
                .into_par_iter()
                .filter(|i| test(i))
                .collect(),
        };
        let ids = Arc::new(ids);
        self.cache.insert(needle.to_string(), ids.clone());
        ids
    }

    /// Passages with a word the needle matches, with best scores if ranked.
    fn fuzzy_postings(&mut self, needle: &str) -> (PassageSet, HashMap<u32, i64>) {
        let mut chars = needle.chars();
        if let (Some(c), None, false) = (chars.next(), chars.next(), self.ranked)
            && let Some(set) = self.index.char_sets.get(&c)
        {
            return (set.clone(), HashMap::new());
        }
        let ids = self.subsequence_words(needle);
        let vocab = &self.index.vocab;
        let scored: Vec<(u32, i64)> = ids
            .par_iter()
            .filter_map(|&i| {
                let w = &vocab[i as usize];
                word_score(&w.text, needle).map(|s| (i, s))
            })
            .collect();
        if !self.ranked {
            let ids: Vec<u32> = scored.into_iter().map(|(i, _)| i).collect();
            return (self.index.union(&ids), HashMap::new());
        }
        let mut set = PassageSet::empty(self.index.passages);
        let mut scores: HashMap<u32, i64> = HashMap::new();
        for (i, s) in scored {
            for p in self.index.postings(i) {
                set.insert(p);
                let e = scores.entry(p).or_insert(s);
                *e = (*e).max(s);
            }
        }
        (set, scores)
    }

    fn term_result(&mut self, term: &Term) -> TermResult {
        match term.kind {
            MatchKind::Fuzzy if term.case_sensitive => {
                // A case-sensitive match may align differently from the
                // lowercase one, so the safe superset is every word holding
                // the lowercase needle (its first part, for two-word
                // windows) as a subsequence. Verified afterwards.
                let lower = term.needle.to_lowercase();
                let chars: Vec<char> = lower.chars().collect();
                let head: String = if chars.len() >= 2 * WINDOW_PART_MIN {
                    chars[..WINDOW_PART_MIN].iter().collect()
                } else {
                    lower.clone()
                };
                let ids = self.subsequence_words(&head);
                TermResult::Superset(self.index.union(&ids))
            }
            MatchKind::Fuzzy => {
                let needle = term.needle.clone();
                let (mut set, scores) = self.fuzzy_postings(&needle);
                let len = needle.chars().count();
                let mut exact = true;
                if len >= 2 * WINDOW_PART_MIN {
                    // Two-word windows: both halves must be in the passage.
                    let chars: Vec<char> = needle.chars().collect();
                    for k in WINDOW_PART_MIN..=len - WINDOW_PART_MIN {
                        let a: String = chars[..k].iter().collect();
                        let b: String = chars[k..].iter().collect();
                        let (mut sa, _) = self.fuzzy_postings(&a);
                        let (sb, _) = self.fuzzy_postings(&b);
                        sa.and(&sb);
                        sa.and_not(&set);
                        if !sa.is_empty() {
                            exact = false;
                            set.or(&sa);
                        }
                    }
                }
                if exact {
                    TermResult::Exact(set, scores)
                } else {
                    TermResult::Superset(set)
                }
            }
            MatchKind::Exact => {
                let needle = if term.case_sensitive {
                    term.needle.to_lowercase()
                } else {
                    term.needle.clone()
                };
                let one_word = needle.chars().all(is_word_char);
                // The longest run of word chars must be inside one word.
                let piece = needle
                    .split(|c: char| !is_word_char(c))
                    .max_by_key(|p| p.chars().count())
                    .unwrap_or("");
                if piece.is_empty() {
                    return TermResult::All;
                }
                let vocab = &self.index.vocab;
                let ids: Vec<u32> = (0..vocab.len() as u32)
                    .into_par_iter()
                    .filter(|&i| vocab[i as usize].text.contains(piece))
                    .collect();
                let set = self.index.union(&ids);
                if one_word && !term.case_sensitive {
                    let scores = if self.ranked {
                        let score = 16 * needle.chars().count() as i64;
                        set.iter().map(|p| (p, score)).collect()
                    } else {
                        HashMap::new()
                    };
                    TermResult::Exact(set, scores)
                } else {
                    TermResult::Superset(set)
                }
            }
            _ => TermResult::All,
        }
    }

    /// Passages matching `q`, in document order, with scores (zero when
    /// unranked). `texts` must be the passages the index was built from.
    pub fn search<S: AsRef<str> + Sync>(&mut self, q: &Query, texts: &[S]) -> Vec<Hit> {
        let n = self.index.passages.min(texts.len());
        if q.is_empty() {
            return (0..n as u32)
                .map(|passage| Hit { passage, score: 0 })
                .collect();
        }
        // Keep the cache to the terms of this query and their prefixes.
        let needles: Vec<String> = q.terms().map(|t| t.needle.to_lowercase()).collect();
        self.cache
            .retain(|k, _| needles.iter().any(|n| n.starts_with(k.as_str())));

        // Adding terms to the previous query can only narrow its hits.
        let narrowing = self.last.as_ref().and_then(|(lq, hits)| {
            (lq.groups.len() < q.groups.len() && q.groups.starts_with(&lq.groups)).then(|| {
                let mut s = PassageSet::empty(self.index.passages);
                hits.iter().for_each(|h| s.insert(h.passage));
                s
            })
        });

        let mut candidates = narrowing.unwrap_or_else(|| PassageSet::full(self.index.passages));
        let mut scores: HashMap<u32, i64> = HashMap::new();
        let mut verify: Vec<&[Term]> = Vec::new();
        for group in &q.groups {
            // Few candidates left: checking them directly beats a big union.
            if candidates.len() <= VERIFY_MAX {
                verify.push(group);
                continue;
            }
            let mut group_set = PassageSet::empty(self.index.passages);
            let mut group_scores: HashMap<u32, i64> = HashMap::new();
            let mut exact = true;
            for term in group {
                match (self.term_result(term), term.negated) {
                    (TermResult::Exact(set, sc), false) => {
                        group_set.or(&set);
                        for (p, s) in sc {
                            let e = group_scores.entry(p).or_insert(s);
                            *e = (*e).max(s);
                        }
                    }
                    (TermResult::Exact(set, _), true) => {
                        let mut inv = PassageSet::full(self.index.passages);
                        inv.and_not(&set);
                        group_set.or(&inv);
                    }
                    (TermResult::Superset(set), false) => {
                        exact = false;
                        group_set.or(&set);
                    }
                    (_, _) => {
                        exact = false;
                        group_set = PassageSet::full(self.index.passages);
                    }
                }
            }
            candidates.and(&group_set);
            if exact {
                if self.ranked {
                    for p in candidates.iter() {
                        *scores.entry(p).or_insert(0) += group_scores.get(&p).copied().unwrap_or(0);
                    }
                }
            } else {
                verify.push(group);
            }
        }
        let ids: Vec<u32> = candidates.iter().filter(|&p| (p as usize) < n).collect();
        let ranked = self.ranked;
        let hits: Vec<Hit> = if verify.is_empty() {
            ids.iter()
                .map(|&p| Hit {
                    passage: p,
                    score: scores.get(&p).copied().unwrap_or(0),
                })
                .collect()
        } else {
            ids.par_iter()
                .filter_map(|&p| {
                    let mut passage = Passage::new(texts[p as usize].as_ref());
                    let mut total = scores.get(&p).copied().unwrap_or(0);
                    for g in &verify {
                        total += passage.group_score(g)?;
                    }
                    Some(Hit {
                        passage: p,
                        score: if ranked { total } else { 0 },
                    })
                })
                .collect()
        };
        self.last = Some((q.clone(), hits.clone()));
        hits
    }
}

/// One-shot search without an index: every passage checked in parallel with
/// the matcher's fast path. For a single query this beats building an index.
pub fn scan<S: AsRef<str> + Sync>(q: &Query, texts: &[S]) -> Vec<Hit> {
    texts
        .par_iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let score = super::matcher::match_passage(t.as_ref(), q)?;
            Some(Hit {
                passage: i as u32,
                score,
            })
        })
        .collect()
}

/// Sorts hits for a ranked list: score, then shorter passage, then earlier.
pub fn rank<S: AsRef<str>>(hits: &mut [Hit], texts: &[S]) {
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| {
                texts[a.passage as usize]
                    .as_ref()
                    .len()
                    .cmp(&texts[b.passage as usize].as_ref().len())
            })
            .then(a.passage.cmp(&b.passage))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matcher::match_passage;

    fn brute(texts: &[&str], q: &Query) -> Vec<Hit> {
        texts
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                match_passage(t, q).map(|score| Hit {
                    passage: i as u32,
                    score,
                })
            })
            .collect()
    }

    const TEXTS: &[&str] = &[
        "Sarah Fotheringham joined RedNote.",
        "TikTok refugees flock to Xiaohongshu.",
        "The Supreme Court will rule on the ban.",
        "José Sánchez said nothing about TikTok.",
        "Utah resident Sarah says hello",
    ];

    #[test]
    fn postings_round_trip_and_a_common_word_costs_about_a_byte_a_passage() {
        // Passage numbers past one, two and three varint bytes, across
        // build chunks, and a word in every passage.
        let n = 3 * BUILD_CHUNK + 20_000;
        let texts: Vec<String> = (0..n)
            .map(|i| {
                let mut t = String::from("common");
                if i % 7 == 0 {
                    t.push_str(" seventh");
                }
                if i == 0 || i == 127 || i == 128 || i == 16_383 || i == n - 1 {
                    t.push_str(" edge");
                }
                t
            })
            .collect();
        let index = SearchIndex::build(&texts);
        let word = |w: &str| {
            let id = index.vocab.iter().position(|v| &*v.text == w).unwrap() as u32;
            index.postings(id).collect::<Vec<u32>>()
        };
        assert_eq!(word("common"), (0..n as u32).collect::<Vec<_>>());
        assert_eq!(
            word("seventh"),
            (0..n as u32).step_by(7).collect::<Vec<_>>()
        );
        assert_eq!(word("edge"), vec![0, 127, 128, 16_383, n as u32 - 1]);
        // Plain u32 postings took 4 bytes a passage for "common" alone.
        let postings = n + n / 7 + 6;
        assert!(
            index.postings_bytes() <= postings + 16,
            "{} bytes for {postings} postings",
            index.postings_bytes()
        );
    }

    #[test]
    fn a_build_that_yields_is_paused_within_chunks_and_builds_the_same() {
        let texts: Vec<&str> = TEXTS
            .iter()
            .cycle()
            .take(3 * BUILD_CHUNK)
            .copied()
            .collect();
        let pauses = std::sync::atomic::AtomicUsize::new(0);
        let yielding = SearchIndex::build_yielding(&texts, &|| {
            pauses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        // Within chunks too: a keystroke waits for no whole chunk.
        assert!(pauses.into_inner() >= texts.len() / PAUSE_EVERY);
        let plain = Arc::new(SearchIndex::build(&texts));
        let yielding = Arc::new(yielding);
        assert_eq!(yielding.vocabulary(), plain.vocabulary());
        for q in ["sarah", "t", "'court", "sarahfoth"] {
            let q = Query::parse(q);
            assert_eq!(
                Searcher::new(yielding.clone()).search(&q, &texts),
                Searcher::new(plain.clone()).search(&q, &texts)
            );
        }
    }

    #[test]
    fn index_agrees_with_brute_force_on_typed_queries() {
        let idx = Arc::new(SearchIndex::build(TEXTS));
        let mut s = Searcher::new(idx);
        for q in [
            "s",
            "sa",
            "sar",
            "sarah",
            "sarah f",
            "sarah foth",
            "tktok",
            "sanchez",
            "'court",
            "^the",
            "ban.$",
            "!tiktok",
            "ban | rednote",
            "RedNote",
            "sarahfoth",
            "'utah resident",
            "zzz",
            "Sarah !utah",
        ] {
            let q = Query::parse(q);
            assert_eq!(s.search(&q, TEXTS), brute(TEXTS, &q), "{q:?}");
        }
    }
}
