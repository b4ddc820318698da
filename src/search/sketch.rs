//! The filter before the index is ready: a sketch of every passage (the
//! characters it has, the pairs of letters that stand side by side in its
//! words, which common pairs begin its words, and whether the byte
//! prefilter can decide on it), built in one parallel pass and kept 64
//! passages to a block, bit by bit, so a keystroke rejects most passages
//! a block at a time with a few word operations and checks the rest with
//! the matcher's boolean fast path. A scan stops as soon as its caller says a
//! newer query has arrived, and the last complete one is remembered: the
//! next keystroke of a query being typed reads only the passages it left
//! possible.
//!
//! The answers are those of [`super::match_passage`] (a property test
//! checks it); only the work differs.

use rayon::prelude::*;

use super::matcher::{Passage, PlainNeedle, WINDOW_PART_MIN, char_bit_slow, char_mask, plain_text};
use super::passage_set::set_bits;
use super::query::{MatchKind, Query, Term};
use crate::text::fold_str;

/// Passages per unit of parallel work, and between two looks at whether
/// the scan is still wanted.
const CHUNK: usize = 256;

/// Bits in a passage's set of letter pairs (a one-hash Bloom filter).
const PAIR_BITS: usize = 512;
type Pairs = [u64; PAIR_BITS / 64];

/// Passages in a block of the sketch: one bit each in a word.
const BLOCK: usize = 64;
/// Where a passage's bits are in its block ([`Sketch::blocks`]): its
/// mask's 64, its pairs' [`PAIR_BITS`], its word starts' [`START_BITS`],
/// then whether it is plain (a copy of [`Sketch::plain`], a word a
/// block, so that deciding a block reads nothing else).
const MASK_AT: usize = 0;
const PAIRS_AT: usize = MASK_AT + 64;
const STARTS_AT: usize = PAIRS_AT + PAIR_BITS;
const PLAIN_AT: usize = STARTS_AT + START_BITS;
type Block = [u64; PLAIN_AT + 1];

/// Transposes 64 rows of 64 bits: bit `c` of row `r` becomes bit `r` of
/// row `c` (six rounds, each swapping the off-diagonal halves of
/// squares half as large as the last: Hacker's Delight, 7-3).
fn transpose(rows: &mut [u64; 64]) {
    let mut width = 32;
    let mut low: u64 = 0x0000_0000_FFFF_FFFF;
    while width != 0 {
        let mut r = 0;
        while r < 64 {
            if r & width == 0 {
                let t = ((rows[r] >> width) ^ rows[r + width]) & low;
                rows[r] ^= t << width;
                rows[r + width] ^= t;
            }
            r += 1;
        }
        width >>= 1;
        low ^= low << width;
    }
}

/// What a keystroke needs to know of each passage before reading it.
#[derive(Debug, Clone, Default)]
pub struct Sketch {
    /// The sketched passages, [`BLOCK`] to a block, transposed: word `b`
    /// of a block holds bit `b` of its passages' sketches, passage `j` of
    /// the block at bit `j`, so a term's test reads only the dozen words
    /// of its own bits and decides 64 passages at once. (Kept row by
    /// row, 80 bytes a passage were read and tested one passage at a
    /// time: a term no passage has took 12 ms at 50k articles, 1.5 times
    /// reading all their text with memchr; now 2 ms.)
    /// A passage's bits: [`char_mask`] of the case- and diacritic-folded
    /// passage (for ASCII text, of its lowercased bytes); the pairs of
    /// adjacent ASCII letters or digits (lowercased) inside its words (of
    /// the folded passage if it is not plain), as `pair_bits` places
    /// them, but for a word's first pair when the starts keep it, and
    /// which of the 64 commonest pairs a word begins with (exact, not
    /// hashed: on a plain passage, a word that begins with a two-letter
    /// term matches it, so this decides one on its own); whether it is
    /// plain. See [`MASK_AT`] and the others.
    blocks: Vec<Block>,
    /// How many passages are sketched.
    sketched: usize,
    /// [`plain_text`] of every passage, sketched or not (told by the
    /// story, [`Self::tell_plain`]; else found by the first piece for all
    /// at once, one quick pass, or kept from a keystroke's scan that asked
    /// it: the rest of the sketch takes a while, and every keystroke until
    /// then would ask it again).
    plain: Vec<bool>,
    /// Chosen before the first passages are sketched, from an evenly
    /// spaced sample of the plain ones ([`Self::rank_pairs`]; `ranked`
    /// once done).
    pair_bits: PairBits,
    ranked: bool,
    /// What the last complete [`Self::scan_remembering`] found.
    last: Option<LastScan>,
}

/// A complete scan's groups of terms and what they allowed. Typing changes
/// the last group of a query (or starts a new one); the passages the
/// others allow are then known, and only those are read again.
#[derive(Debug, Clone)]
struct LastScan {
    groups: Vec<Vec<Term>>,
    /// Passages every group but the last allows, ascending (None: all,
    /// for a query of one group).
    before_last: Option<Vec<u32>>,
    /// Passages all groups allow, ascending.
    hits: Vec<u32>,
}

/// ASCII letters and digits as codes 1..=36 (0: any other byte), and
/// the pairs of them as `first << 6 | second`: a table index that needs
/// no bounds check (codes masked to six bits).
const CODES: usize = 37;
const PAIR_INDEXES: usize = 64 * 64;

/// The code of a byte of plain text, lowercased: 1..=36 for a letter or
/// digit, else 0.
const fn code(b: u8) -> u8 {
    match b.to_ascii_lowercase() {
        l @ b'0'..=b'9' => l - b'0' + 1,
        l @ b'a'..=b'z' => l - b'a' + 11,
        _ => 0,
    }
}

/// Where each pair of letters or digits goes among a sketch's
/// [`PAIR_BITS`], chosen from the passages themselves: the pairs found in
/// most of them get a bit of their own, and the rarer ones share the rest.
/// A hash put common and rare pairs on one bit alike, so a term's rare
/// pair (the `dn` of `redn`) was often taken for present because a pair
/// in nearly every passage (`th`) had its bit: now a bit set for a rare
/// pair means a rare pair is there. Any assignment gives the same
/// answers; this one rejects more passages before they are read.
#[derive(Debug, Clone)]
struct PairBits {
    /// What the one-pass sketch sets per byte, by whether the byte before
    /// the pair ends a word and by the pair (`SLOT_WORD_START | index`): a
    /// kept word start's bit among the starts (from [`STARTS_SLOT`]), else
    /// the pair's bit, or [`NO_PAIR`]. One table read and one flag per
    /// byte; a pair kept as a word start is then there if either of its
    /// bits is set. The word starts kept are the [`START_BITS`] pairs most
    /// sampled passages begin a word with.
    slots: Box<[u16; 2 * PAIR_INDEXES]>,
}

/// [`PairBits::slots`]: the index bit for a pair at a word's start, and
/// the slots past the pairs' bits: the starts', then one for no pair.
const SLOT_WORD_START: usize = PAIR_INDEXES;
const STARTS_SLOT: usize = PAIR_BITS;
const NO_PAIR: usize = PAIR_BITS + START_BITS;

/// How many pairs that begin words each passage's sketch keeps, exactly.
const START_BITS: usize = 64;

/// Passages sampled (evenly spaced) to rank the pairs, and how many of
/// the most common pairs get a bit of their own: the others share what is
/// left, a few per bit.
const PAIR_SAMPLE: usize = 2_048;
const OWN_BITS: usize = 384;

impl Default for PairBits {
    /// The pairs ranked in code order (for a sketch of nothing yet).
    fn default() -> Self {
        let order: Vec<u16> = Self::pairs().collect();
        Self::ranked(&order, &order)
    }
}

/// How many passages have each pair of letters or digits, and how many
/// begin a word with it (indexed as [`PairBits::index`]).
struct PairCounts(Box<[u32; PAIR_INDEXES]>, Box<[u32; PAIR_INDEXES]>);

impl Default for PairCounts {
    fn default() -> Self {
        Self(Box::new([0; PAIR_INDEXES]), Box::new([0; PAIR_INDEXES]))
    }
}

impl PairCounts {
    /// Counts the pairs of plain `text`, each once.
    fn add(&mut self, text: &str) {
        // The pairs it has, and begins a word with: `[a]`, bit b. Set
        // without branches (a word's end is as likely as not); the code
        // 0 of other bytes lands on `[0]` and bit 0, never counted.
        let (mut seen, mut starting) = ([0u64; 64], [0u64; 64]);
        let (mut before, mut prev) = (0u8, 0u8);
        for &b in text.as_bytes() {
            let c = BYTE_CODES[usize::from(b)];
            let at = usize::from(prev % 64);
            seen[at] |= 1 << (c % 64);
            starting[at] |= u64::from(before == 0) << (c % 64);
            (before, prev) = (prev, c);
        }
        for (set, counts) in [(seen, &mut self.0), (starting, &mut self.1)] {
            for (a, seconds) in set.into_iter().enumerate().skip(1) {
                for b in set_bits(seconds & !1) {
                    counts[a << 6 | b] += 1;
                }
            }
        }
    }
}

impl PairBits {
    /// Ranks the pairs by how many of a sample of `texts` (the plain ones:
    /// `plain` is [`plain_text`] of each, known by then) have them, most
    /// first.
    fn sampled<S: AsRef<str> + Sync>(texts: &[S], plain: &[bool]) -> Self {
        let step = texts.len().div_ceil(PAIR_SAMPLE).max(1);
        let sample: Vec<&str> = texts
            .iter()
            .zip(plain)
            .step_by(step)
            .filter(|&(_, &plain)| plain)
            .map(|(t, _)| t.as_ref())
            .collect();
        // How many sampled passages have each pair, and begin a word with
        // it: counted in parallel (a keystroke may wait for it), the
        // counts added up.
        let PairCounts(passages_with, passages_starting) = sample
            .par_iter()
            .fold(PairCounts::default, |mut counts, t| {
                counts.add(t);
                counts
            })
            .reduce(PairCounts::default, |mut a, b| {
                for (mine, theirs) in [(&mut a.0, &b.0), (&mut a.1, &b.1)] {
                    for (x, y) in mine.iter_mut().zip(theirs.iter()) {
                        *x += y;
                    }
                }
                a
            });
        // Ties (pairs no sampled passage has) in code order: deterministic.
        let by = |counts: &[u32; PAIR_INDEXES]| {
            let mut order: Vec<u16> = Self::pairs().collect();
            order.sort_by_key(|&i| std::cmp::Reverse(counts[usize::from(i)]));
            order
        };
        Self::ranked(&by(&passages_with), &by(&passages_starting))
    }

    /// Every pair of two letters or digits, as `first << 6 | second`.
    fn pairs() -> impl Iterator<Item = u16> {
        (1..CODES as u16).flat_map(|a| (1..CODES as u16).map(move |b| a << 6 | b))
    }

    /// The pairs `order`, most common first: the first [`OWN_BITS`] on a
    /// bit each, the others dealt in turn over the remaining bits (so each
    /// shared bit gets pairs of every rank below, not all the commonest).
    /// Codes with a 0 (no pair) go to [`NO_PAIR`]. The word starts kept
    /// are the first [`START_BITS`] of `starting`.
    fn ranked(order: &[u16], starting: &[u16]) -> Self {
        let mut slots = Box::new([NO_PAIR as u16; 2 * PAIR_INDEXES]);
        for (rank, &pair) in order.iter().enumerate() {
            let bit = if rank < OWN_BITS {
                rank
            } else {
                OWN_BITS + (rank - OWN_BITS) % (PAIR_BITS - OWN_BITS)
            };
            slots[usize::from(pair)] = bit as u16;
            slots[SLOT_WORD_START | usize::from(pair)] = bit as u16;
        }
        for (rank, &pair) in starting.iter().take(START_BITS).enumerate() {
            slots[SLOT_WORD_START | usize::from(pair)] = (STARTS_SLOT + rank) as u16;
        }
        Self { slots }
    }

    /// The bit of the pair of codes `a`, `b` (both non-zero).
    fn bit(&self, a: u8, b: u8) -> usize {
        usize::from(self.slots[Self::index(a, b)])
    }

    /// The bit among word starts of the pair of codes `a`, `b`, if kept.
    fn start_bit(&self, a: u8, b: u8) -> Option<usize> {
        let slot = usize::from(self.slots[SLOT_WORD_START | Self::index(a, b)]);
        (STARTS_SLOT..NO_PAIR)
            .contains(&slot)
            .then(|| slot - STARTS_SLOT)
    }

    fn index(a: u8, b: u8) -> usize {
        usize::from(a & 63) << 6 | usize::from(b & 63)
    }

    /// Mask, letter pairs and word starts of ASCII-only or plain text, in
    /// one pass: per byte three table reads (its bit in the mask, its
    /// entry, its pair's slot) and one flag stored, without branches (a
    /// word's end is as likely as not, so a branch on it would often be
    /// mispredicted). A slot's flag is a byte of its own, stored without
    /// reading it: setting a bit in a word read and wrote memory, and a
    /// byte had to wait for the last to set a bit in the same word; the
    /// flags become bits once, at the end. The two halves of the text are
    /// read side by side, so that neither the mask nor the carried codes
    /// wait byte by byte. (30% faster than bits set in words, measured.)
    fn sketch(&self, text: &str) -> (u64, Pairs, u64) {
        let bytes = text.as_bytes();
        let half = bytes.len() / 2;
        let (first, second) = bytes.split_at(half);
        let code_at = |i: Option<usize>| {
            i.and_then(|i| bytes.get(i))
                .map_or(0, |&b| BYTE_CODES[usize::from(b)])
        };
        let mut flags = [0u8; SLOT_FLAGS];
        // The second half goes on from the two bytes that end the first.
        let mut a = SketchRun::after(0, 0);
        let mut b = SketchRun::after(code_at(half.checked_sub(2)), code_at(half.checked_sub(1)));
        for (&x, &y) in first.iter().zip(second) {
            self.step(&mut a, &mut flags, x);
            self.step(&mut b, &mut flags, y);
        }
        // The second half's last byte, when the length is odd.
        if let Some(&y) = second.get(first.len()) {
            self.step(&mut b, &mut flags, y);
        }
        let word = |w: usize| flag_bits(&flags[w * 64..][..64]);
        let pairs: Pairs = std::array::from_fn(word);
        (a.mask | b.mask, pairs, word(STARTS_SLOT / 64))
    }

    /// [`Self::sketch`] of one more byte.
    #[inline(always)]
    fn step(&self, run: &mut SketchRun, flags: &mut [u8; SLOT_FLAGS], byte: u8) {
        let entry = BYTE_ENTRIES[usize::from(byte)] as usize;
        run.mask |= ASCII_BITS[usize::from(byte)];
        // The slot's index: the carry's word start and first code, this
        // byte's code (the entry's bits past an index masked off).
        let slot = usize::from(self.slots[(run.carry | entry) % (2 * PAIR_INDEXES)]);
        flags[slot % SLOT_FLAGS] = 1;
        run.carry = (run.carry >> 1 & SLOT_WORD_START) | entry >> 16;
    }
}

/// What [`PairBits::sketch`] has found of a run of bytes: the mask, and
/// what the last two bytes carry to the next: the bits of a slot index
/// they give (`SLOT_WORD_START` if the one before the last ends a word;
/// the last's code as a pair's first), and at twice `SLOT_WORD_START`
/// whether the last ends a word (shifted right once, the next byte's
/// word start).
struct SketchRun {
    mask: u64,
    carry: usize,
}

impl SketchRun {
    /// Nothing found yet, after bytes of codes `before` and `prev`.
    fn after(before: u8, prev: u8) -> Self {
        let carry = (usize::from(before == 0) * SLOT_WORD_START) | (as_first(prev) >> 16);
        Self { mask: 0, carry }
    }
}

/// What a byte of code `code` carries as a pair's first, at bit 16 up:
/// the code at its place in a slot index, and at twice `SLOT_WORD_START`
/// whether it ends a word.
const fn as_first(code: u8) -> usize {
    (((code as usize) << 6) | ((code == 0) as usize * 2 * SLOT_WORD_START)) << 16
}

/// Per byte of plain text, what [`PairBits::step`] needs of it: its code
/// as a pair's second (bits 0–5), and [`as_first`]. Built at compile
/// time.
static BYTE_ENTRIES: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut b = 0;
    while b < 256 {
        let code = BYTE_CODES[b];
        t[b] = (code as usize | as_first(code)) as u32;
        b += 1;
    }
    t
};

/// Flags [`PairBits::sketch`] stores, one byte per slot: the pairs', the
/// starts', one for no pair, rounded up to a power of two so that a slot
/// taken modulo it needs no bounds check.
const SLOT_FLAGS: usize = (NO_PAIR + 1).next_power_of_two();

/// 64 flags (each 0 or 1) as the bits of a word, flag `k` at bit `k`:
/// eight at a time, a multiplication gathering the low bit of each byte
/// into the top byte (each byte's bit lands on a bit of its own, so no
/// sum carries).
fn flag_bits(flags: &[u8]) -> u64 {
    flags
        .chunks_exact(8)
        .enumerate()
        .fold(0, |bits, (k, eight)| {
            let eight = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            bits | (eight.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k)
        })
}

/// Per byte of plain text, its [`code`] (0 for the bytes of non-ASCII
/// characters, which in plain text only separate words). Built at compile
/// time.
static BYTE_CODES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = code(b as u8);
        b += 1;
    }
    t
};

/// Per byte of plain text, the [`char_bit`](super::matcher::char_bit) of
/// its lowercase (none for the bytes of non-ASCII characters). Built at
/// compile time.
static ASCII_BITS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = char_bit_slow((b as u8).to_ascii_lowercase() as char);
        b += 1;
    }
    t
};

/// What the sketch can tell of one term on one passage.
struct TermTest {
    /// Characters the passage must have (folded, lowercased).
    need: u64,
    /// For a fuzzy term of ASCII letters and digits: its letter pairs
    /// (each one's bit, and its bit among word starts if kept there), and
    /// how many of them any match puts side by side in a word.
    pairs: Vec<(usize, Option<usize>)>,
    min_pairs: usize,
    /// Whether the pairs may reject passages that are not plain too: the
    /// term ignores case, so the matcher reads them folded as the sketch
    /// did (a case-sensitive term is matched on them folded otherwise).
    pairs_on_folded: bool,
    /// A one-letter case-insensitive fuzzy term: on a plain passage the
    /// mask decides it exactly.
    one_letter: bool,
    /// A two-letter case-insensitive fuzzy term kept among word starts:
    /// its bit there. A word that begins with the term matches it (a
    /// matcher test checks every prefix of random words).
    start: Option<usize>,
    /// A fuzzy term of ASCII letters and digits, made ready for the
    /// matcher on plain passages once, not per passage.
    plain_needle: Option<PlainNeedle>,
}

impl TermTest {
    fn new(term: &Term, pair_bits: &PairBits) -> Self {
        let need = char_mask(&fold_str(&term.needle, false));
        let plain_needle = (term.kind == MatchKind::Fuzzy)
            .then(|| PlainNeedle::new(&term.needle, term.case_sensitive))
            .flatten();
        // A fuzzy term of ASCII letters and digits.
        let fuzzy_ascii = plain_needle.is_some();
        let (pairs, min_pairs) = if fuzzy_ascii {
            let lower = term.needle.to_ascii_lowercase();
            let n = lower.len();
            let pairs: Vec<(usize, Option<usize>)> = lower
                .as_bytes()
                .windows(2)
                .map(|w| {
                    let (a, b) = (code(w[0]), code(w[1]));
                    (pair_bits.bit(a, b), pair_bits.start_bit(a, b))
                })
                .collect();
            // A word match spans at most n + n/4 characters, so at most
            // n/4 of the needle's adjacent pairs are split by others. A
            // two-word match (n >= 6) splits the pair between its words,
            // and each part (k >= 3 characters) at most k/4 inside its
            // word: for six letters, parts of three, one pair in all.
            let two_words = (WINDOW_PART_MIN..=n.saturating_sub(WINDOW_PART_MIN))
                .map(|k| k / 4 + (n - k) / 4 + 1)
                .max()
                .unwrap_or(0);
            let split = (n / 4).max(two_words);
            let min = pairs.len().saturating_sub(split);
            (pairs, min)
        } else {
            (Vec::new(), 0)
        };
        let ignoring_case = fuzzy_ascii && !term.case_sensitive;
        Self {
            need,
            // A two-letter term's one pair, if kept among word starts.
            start: match pairs.as_slice() {
                [(_, start)] if ignoring_case => *start,
                _ => None,
            },
            pairs,
            min_pairs,
            pairs_on_folded: ignoring_case,
            one_letter: ignoring_case && term.needle.len() == 1,
            plain_needle,
        }
    }

    /// What the sketch decides of the term on a block's 64 passages at
    /// once: (found, not found), a bit for each passage; where neither is
    /// set the matcher must look. (A passage not sketched yet has its
    /// bits clear in the block, which reads as "not found" for a term
    /// that needs a letter: callers must mask those passages out.)
    fn decide(&self, block: &Block) -> (u64, u64) {
        let has_letters = set_bits(self.need).fold(u64::MAX, |has, l| has & block[MASK_AT + l]);
        let plain = has_letters & block[PLAIN_AT];
        let found = if self.one_letter {
            plain
        } else if let Some(bit) = self.start {
            plain & block[STARTS_AT + bit]
        } else {
            0
        };
        let mut not_found = !has_letters;
        // Fewer than `min_pairs` of the pairs there: more than `allowed`
        // missing, counted for all 64 passages at once (bit by bit,
        // `missing[k]`: at least k missing, saturating past `allowed`).
        let allowed = self.pairs.len() - self.min_pairs;
        if self.min_pairs > 0 && allowed < MISSING_COUNTED {
            let mut missing = [0u64; MISSING_COUNTED + 1];
            missing[0] = u64::MAX;
            for &(bit, start) in &self.pairs {
                let present = block[PAIRS_AT + bit] | start.map_or(0, |s| block[STARTS_AT + s]);
                for k in (1..=allowed + 1).rev() {
                    missing[k] |= missing[k - 1] & !present;
                }
            }
            let paired = if self.pairs_on_folded {
                has_letters
            } else {
                plain
            };
            not_found |= paired & !found & missing[allowed + 1];
        }
        (found, not_found)
    }
}

/// How many missing pairs [`TermTest::decide`] counts: a term that
/// allows more (over 50 letters) is left to the matcher.
const MISSING_COUNTED: usize = 14;

impl Sketch {
    /// One parallel pass over the passages.
    pub fn build<S: AsRef<str> + Sync>(texts: &[S]) -> Self {
        let mut sketch = Self::default();
        sketch.extend(texts, texts.len());
        sketch
    }

    /// Takes which of `texts` are plain from `known`, for those not known
    /// yet (true: plain; false or missing: not known, asked now in one
    /// parallel pass over them alone), as the story found it when it was
    /// read (text that [`crate::corpus::is_ascii_typographic`] is plain).
    /// [`Self::extend`] then goes straight to sketching, and no scan asks.
    pub fn tell_plain<S: AsRef<str> + Sync>(&mut self, texts: &[S], mut known: Vec<bool>) {
        let from = self.plain.len().min(texts.len());
        known.resize(texts.len(), false);
        known[..from].copy_from_slice(&self.plain[..from]);
        known[from..]
            .par_iter_mut()
            .zip(&texts[from..])
            .with_min_len(CHUNK)
            .filter(|(plain, _)| !**plain)
            .for_each(|(plain, t)| *plain = plain_text(t.as_ref()));
        self.plain = known;
    }

    /// Sketches up to `count` more of `texts` (the passages after those
    /// already sketched), in one parallel pass, so a large story can be
    /// sketched piece by piece with keystrokes answered in between (a scan
    /// reads the passages not yet sketched in full). Whether each passage
    /// is plain comes first, for all at once if not told
    /// ([`Self::tell_plain`], as the reader does: the story knows most of
    /// it): a quick pass, and it spares every scan until then asking it of
    /// every passage. Returns how many of `texts` are still not sketched.
    pub fn extend<S: AsRef<str> + Sync>(&mut self, texts: &[S], count: usize) -> usize {
        let from = self.sketched.min(texts.len());
        if self.plain.len() < texts.len() {
            self.tell_plain(texts, Vec::new());
        }
        let to = from.saturating_add(count).min(texts.len());
        if to > from {
            self.rank_pairs(texts);
        }
        // Room for every passage at once, exactly: grown piece by piece,
        // doubling would leave up to as much again unused.
        let Self {
            blocks,
            plain,
            pair_bits,
            ..
        } = self;
        blocks.reserve_exact(texts.len().div_ceil(BLOCK).saturating_sub(blocks.len()));
        if blocks.len() < to.div_ceil(BLOCK) {
            blocks.resize(to.div_ceil(BLOCK), [0; PLAIN_AT + 1]);
        }
        // Block by block: its passages sketched, each a row of words, the
        // rows turned into the block's words.
        let first_block = from / BLOCK;
        blocks[first_block..]
            .par_iter_mut()
            .with_min_len(CHUNK / BLOCK)
            .enumerate()
            .for_each(|(k, block)| {
                let start = (first_block + k) * BLOCK;
                let passages = start.max(from)..(start + BLOCK).min(to);
                // Word `w` of the rows, passage by passage.
                let mut columns = [[0u64; BLOCK]; PLAIN_AT / 64];
                for i in passages {
                    let j = i - start;
                    let text = texts[i].as_ref();
                    let (mask, pairs, starts) = if plain[i] {
                        pair_bits.sketch(text)
                    } else {
                        // Folded as the matcher reads it for a term that
                        // ignores case: its letter pairs are those of the
                        // folded text (the word starts only count them:
                        // words may hold other characters).
                        let folded = fold_str(text, false);
                        let (_, pairs, starts) = pair_bits.sketch(&folded);
                        (char_mask(&folded), pairs, starts)
                    };
                    columns[MASK_AT / 64][j] = mask;
                    for (w, bits) in pairs.into_iter().enumerate() {
                        columns[PAIRS_AT / 64 + w][j] = bits;
                    }
                    columns[STARTS_AT / 64][j] = starts;
                    block[PLAIN_AT] |= u64::from(plain[i]) << j;
                }
                for (w, column) in columns.iter_mut().enumerate() {
                    transpose(column);
                    for (to, bits) in block[w * 64..][..64].iter_mut().zip(*column) {
                        *to |= bits;
                    }
                }
            });
        self.sketched = self.sketched.max(to);
        texts.len() - to
    }

    /// Ranks the letter pairs by how many of a sample of `texts` have
    /// them, once, before any passage is sketched
    /// (the first [`Self::extend`] does it if nobody has). Done apart, it
    /// keeps the first piece as short as the others: a keystroke waits for
    /// one step of the sketch at most. Whether it ranked them.
    pub fn rank_pairs<S: AsRef<str> + Sync>(&mut self, texts: &[S]) -> bool {
        if self.ranked || texts.is_empty() {
            return false;
        }
        if self.plain.len() < texts.len() {
            self.tell_plain(texts, Vec::new());
        }
        self.pair_bits = PairBits::sampled(texts, &self.plain);
        self.ranked = true;
        true
    }

    /// How many passages it describes.
    pub fn len(&self) -> usize {
        self.sketched
    }

    pub fn is_empty(&self) -> bool {
        self.sketched == 0
    }

    /// The passages (indices, in order) that match `q`, the same as
    /// [`super::scan`] finds; `None` if `cancelled` returned true first (it
    /// is asked between chunks of passages). `texts` are the passages the
    /// sketch was built from.
    pub fn scan<S: AsRef<str> + Sync>(
        &self,
        q: &Query,
        texts: &[S],
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<u32>> {
        self.scan_learning(q, texts, cancelled)
            .map(|(hits, _)| hits)
    }

    /// [`Self::scan`], and what it found of whether the passages from
    /// `self.plain.len()` on are plain (None where nothing asked).
    fn scan_learning<S: AsRef<str> + Sync>(
        &self,
        q: &Query,
        texts: &[S],
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<ScanFound> {
        let tests = term_tests(q, &self.pair_bits);
        let known = self.plain.len();
        let chunks: Option<Vec<ScanFound>> = texts
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                if cancelled() {
                    return None;
                }
                let first = c * CHUNK;
                let end = first + chunk.len();
                // The sketched passages: decided 64 at a time, the rest
                // read.
                let sketched = first..self.sketched.clamp(first, end);
                let mut hits = self.scan_list(q, &tests, Ids::Range(sketched.clone()), texts);
                // The others, each read. Passages read so far, and matches
                // among them.
                let (mut read, mut found) = (0, 0);
                let mut learned = Vec::new();
                let unsketched = (sketched.end..end).filter(|&i| {
                    // Read through, the processor fetches what follows on
                    // its own, and fetching ahead only costs; but when
                    // most passages so far matched, the matcher stops in
                    // their first words, and the cache misses of passage
                    // starts come one after another unless fetched ahead.
                    if 4 * found >= 3 * read {
                        prefetch(texts.get(i + FETCH_AHEAD));
                    }
                    let (hit, plain) = self.matches(q, &tests, i, texts[i].as_ref(), &|_, _| None);
                    if i >= known {
                        learned.push(plain);
                    }
                    read += 1;
                    found += usize::from(hit);
                    hit
                });
                hits.extend(unsketched.map(|i| i as u32));
                Some((hits, learned))
            })
            .collect();
        let (hits, learned): (Vec<Vec<u32>>, Vec<Vec<Option<bool>>>) = chunks?.into_iter().unzip();
        Some((hits.concat(), learned.concat()))
    }

    /// Keeps what a scan found of whether the passages not yet known to be
    /// plain or not are (up to the first it did not ask of): the next
    /// keystrokes and the sketch's pieces need not ask again. A term of
    /// two letters or more asks it of every passage the sketch does not
    /// decide, so after the second keystroke typed at once, it is known.
    fn learn_plainness(&mut self, learned: &[Option<bool>], passages: usize) {
        let known = learned.iter().take_while(|p| p.is_some()).count();
        if known == 0 {
            return;
        }
        // Room for every passage at once, exactly (as `extend` reserves).
        self.plain
            .reserve_exact(passages.saturating_sub(self.plain.len()));
        self.plain.extend(learned[..known].iter().flatten());
    }

    /// [`Self::scan`], reading only the passages the last call's answer
    /// leaves possible when `q` keeps all but the last of its groups of
    /// terms (the next keystroke of a query being typed or edited): when
    /// `q` adds a group, the last hits; when it changes the last one, the
    /// passages the others allowed. Each group decides on its own, so the
    /// answer is exactly [`Self::scan`]'s; for the same groups as the
    /// last, [`Self::known`]. A cancelled scan leaves what was remembered
    /// as it was (fast typing is when it helps most).
    pub fn scan_remembering<S: AsRef<str> + Sync>(
        &mut self,
        q: &Query,
        texts: &[S],
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<u32>> {
        if let Some(hits) = self.known(q) {
            return Some(hits.to_vec());
        }
        let Some((last, rest)) = q.groups.split_last() else {
            return self.scan(q, texts, cancelled);
        };
        // The passages the groups but the last allow: known from the last
        // scan (copied: cheap beside a scan), else scanned for (None: all).
        let before_last = match self.bound(rest, q.groups.len()) {
            Some(ids) => ids.map(<[u32]>::to_vec),
            None if rest.is_empty() => None,
            None => {
                let others = Query {
                    groups: rest.to_vec(),
                };
                let (hits, learned) = self.scan_learning(&others, texts, cancelled)?;
                self.learn_plainness(&learned, texts.len());
                Some(hits)
            }
        };
        let only_last = Query {
            groups: vec![last.clone()],
        };
        let hits = match &before_last {
            Some(ids) => self.scan_ids(&only_last, texts, ids, cancelled)?,
            None => {
                let (hits, learned) = self.scan_learning(&only_last, texts, cancelled)?;
                self.learn_plainness(&learned, texts.len());
                hits
            }
        };
        self.last = Some(LastScan {
            groups: q.groups.clone(),
            before_last,
            hits: hits.clone(),
        });
        Some(hits)
    }

    /// The passages matching `q` if the last complete scan's query had the
    /// same groups of terms (a space typed after a word, or anything else
    /// that parses the same): nothing needs reading.
    pub fn known(&self, q: &Query) -> Option<&[u32]> {
        self.last
            .as_ref()
            .filter(|last| last.groups == q.groups)
            .map(|last| last.hits.as_slice())
    }

    /// What the last complete scan knows of a query whose groups but the
    /// last are `rest` (of `groups` in all): Some(Some(ids)) if only `ids`
    /// can match it, Some(None) if all can, None if it knows nothing.
    fn bound(&self, rest: &[Vec<Term>], groups: usize) -> Option<Option<&[u32]>> {
        let last = self.last.as_ref()?;
        if last.groups == rest {
            Some(Some(&last.hits))
        } else if last.groups.len() == groups && last.groups[..rest.len()] == *rest {
            Some(last.before_last.as_deref())
        } else {
            None
        }
    }

    /// [`Self::scan`] of only the passages `ids` (in the order given; the
    /// hits keep it): the answer for what the screen shows first.
    pub fn scan_ids<S: AsRef<str> + Sync>(
        &self,
        q: &Query,
        texts: &[S],
        ids: &[u32],
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<u32>> {
        let tests = term_tests(q, &self.pair_bits);
        let chunks: Option<Vec<Vec<u32>>> = ids
            .par_chunks(CHUNK)
            .map(|chunk| {
                if cancelled() {
                    return None;
                }
                Some(self.scan_list(q, &tests, Ids::List(chunk), texts))
            })
            .collect();
        chunks.map(|c| c.concat())
    }

    /// The passages among `ids` that match `q` (whose terms' tests are
    /// `tests`), in the order given: the sketch decides what it can of
    /// those it holds, a block of 64 at a time, and the matcher reads the
    /// rest, each fetched ahead (passages apart: each start a cache miss,
    /// and the processor does not follow reads that skip).
    fn scan_list<S: AsRef<str>>(
        &self,
        q: &Query,
        tests: &[Vec<TermTest>],
        ids: Ids<'_>,
        texts: &[S],
    ) -> Vec<u32> {
        // Where each group's terms are among a block's decisions.
        let mut terms = 0;
        let offsets: Vec<usize> = tests
            .iter()
            .map(|group| {
                terms += group.len();
                terms - group.len()
            })
            .collect();
        // Every block decided: its terms' (found, not found), in order.
        let mut decided: Vec<(u64, u64)> = Vec::new();
        // The passages the sketch finds, and those to read, with their
        // place among the ids (and where the decisions of their block
        // start, if it was decided), each in the order of the ids.
        let mut found: Vec<(usize, u32)> = Vec::new();
        let mut to_read: Vec<(usize, usize, Option<usize>)> = Vec::new();
        match ids {
            Ids::Range(range) => {
                let sketched = range.start..range.end.min(self.sketched).max(range.start);
                let mut i = sketched.start;
                while i < sketched.end {
                    let b = i / BLOCK;
                    let end = ((b + 1) * BLOCK).min(sketched.end);
                    let at = decided.len();
                    let (yes, no) = decide_query(q, tests, &self.blocks[b], &mut decided);
                    // This block's passages from i to end.
                    let these = (u64::MAX >> (BLOCK - (end - i))) << (i % BLOCK);
                    for p in set_bits(yes & these).map(|j| b * BLOCK + j) {
                        found.push((p - range.start, p as u32));
                    }
                    for p in set_bits(!(yes | no) & these).map(|j| b * BLOCK + j) {
                        to_read.push((p - range.start, p, Some(at)));
                    }
                    i = end;
                }
                to_read.extend((sketched.end..range.end).map(|p| (p - range.start, p, None)));
            }
            Ids::List(ids) => {
                // The block decided last: its number, where its terms'
                // decisions start, and the query's (found, not found).
                let mut last: Option<(usize, usize, u64, u64)> = None;
                for (k, &i) in ids.iter().enumerate() {
                    let i = i as usize;
                    let b = i / BLOCK;
                    let Some(block) = self.blocks.get(b).filter(|_| i < self.sketched) else {
                        to_read.push((k, i, None));
                        continue;
                    };
                    let (at, yes, no) = match last {
                        Some((lb, at, yes, no)) if lb == b => (at, yes, no),
                        _ => {
                            let at = decided.len();
                            let (yes, no) = decide_query(q, tests, block, &mut decided);
                            last = Some((b, at, yes, no));
                            (at, yes, no)
                        }
                    };
                    match decision((yes, no), i) {
                        Some(true) => found.push((k, i as u32)),
                        Some(false) => {}
                        None => to_read.push((k, i, Some(at))),
                    }
                }
            }
        }
        let mut read = Vec::new();
        for (r, &(k, i, at)) in to_read.iter().enumerate() {
            if let Some(&(_, ahead, _)) = to_read.get(r + FETCH_AHEAD) {
                prefetch(texts.get(ahead));
            }
            let Some(text) = texts.get(i) else {
                continue;
            };
            // The term's decision on this passage, if its block was.
            let term_decided = |g: usize, t: usize| decision(decided[at? + offsets[g] + t], i);
            if self.matches(q, tests, i, text.as_ref(), &term_decided).0 {
                read.push((k, i as u32));
            }
        }
        // The two in the order of the ids.
        if read.is_empty() {
            return found.into_iter().map(|(_, i)| i).collect();
        }
        let mut hits = Vec::with_capacity(found.len() + read.len());
        let (mut a, mut b) = (found.into_iter().peekable(), read.into_iter().peekable());
        while let (Some(&(ka, _)), Some(&(kb, _))) = (a.peek(), b.peek()) {
            let next = if ka < kb { a.next() } else { b.next() };
            hits.extend(next.map(|(_, i)| i));
        }
        hits.extend(a.chain(b).map(|(_, i)| i));
        hits
    }

    /// Whether passage `i` (`text`) matches `q`, whose terms' tests are
    /// `tests` and which the sketch decided as `decided` (by group and
    /// term; None: the matcher decides). And whether the passage is plain,
    /// if known or asked.
    fn matches(
        &self,
        q: &Query,
        tests: &[Vec<TermTest>],
        i: usize,
        text: &str,
        decided: &dyn Fn(usize, usize) -> Option<bool>,
    ) -> (bool, Option<bool>) {
        let sketched = i < self.sketched;
        let mut passage = Passage::new(text);
        // Whether the text is plain: known once the sketch has begun, else
        // found once a term asks.
        let mut plain = self.plain.get(i).copied();
        let hit = q
            .groups
            .iter()
            .zip(tests)
            .enumerate()
            .all(|(g, (group, tests))| {
                group
                    .iter()
                    .zip(tests)
                    .enumerate()
                    .any(|(t, (term, test))| {
                        let found = match decided(g, t) {
                            Some(found) => found,
                            // The first keystroke comes before the sketch is done:
                            // an ASCII letter or digit is a word char whatever
                            // surrounds it, and folds to itself (lowercased), so a
                            // one-letter term matches wherever its byte is found,
                            // without the matcher reading words; where it is not,
                            // only text that is not plain may hold it (folded).
                            None if !sketched && test.one_letter => {
                                let b = term.needle.as_bytes()[0];
                                let (lower, upper) =
                                    (b.to_ascii_lowercase(), b.to_ascii_uppercase());
                                memchr::memchr2(lower, upper, text.as_bytes()).is_some()
                                    || (!*plain.get_or_insert_with(|| plain_text(text))
                                        && passage.term_matches(term, Some(false)))
                            }
                            // The matcher asks a fuzzy term's plainness at once.
                            None if term.kind == MatchKind::Fuzzy => {
                                let known = *plain.get_or_insert_with(|| plain_text(text));
                                match &test.plain_needle {
                                    Some(needle) if known => needle.matches(text),
                                    _ => passage.term_matches(term, Some(known)),
                                }
                            }
                            None => passage.term_matches(term, plain),
                        };
                        found != term.negated
                    })
            });
        (hit, plain)
    }
}

/// What a scan found: the passages that match, and whether those from
/// the first not known to be plain or not on are (None: nobody asked).
type ScanFound = (Vec<u32>, Vec<Option<bool>>);

/// How many passages ahead a scan fetches those it will read (where the
/// processor would not: a list of passages is not a run of memory), and
/// how many of their first 64-byte lines.
const FETCH_AHEAD: usize = 6;
const FETCH_LINES: usize = 8;

/// Asks the processor to fetch the first [`FETCH_LINES`] lines of `text`,
/// if any, without waiting for them.
fn prefetch<S: AsRef<str>>(text: Option<&S>) {
    #[cfg(target_arch = "x86_64")]
    if let Some(t) = text {
        for b in t.as_ref().as_bytes().iter().step_by(64).take(FETCH_LINES) {
            safe_arch::prefetch_t0(b);
        }
    }
}

/// What a block's (found, not found) bits say of passage `i`: Some(found),
/// or None if the matcher must look.
fn decision((found, not_found): (u64, u64), i: usize) -> Option<bool> {
    let bit = 1u64 << (i % BLOCK);
    (found & bit != 0 || not_found & bit != 0).then_some(found & bit != 0)
}

/// Passages for [`Sketch::scan_list`]: a run of them, or a list.
enum Ids<'a> {
    Range(std::ops::Range<usize>),
    List(&'a [u32]),
}

/// What the sketch decides of `q` (its terms' tests `tests`) on a
/// block's 64 passages: (matches, does not), a bit for each passage, and
/// each term's (found, not found) added to `decided`, group by group.
fn decide_query(
    q: &Query,
    tests: &[Vec<TermTest>],
    block: &Block,
    decided: &mut Vec<(u64, u64)>,
) -> (u64, u64) {
    let (mut matches, mut not) = (u64::MAX, 0);
    for (group, tests) in q.groups.iter().zip(tests) {
        // A group matches if any of its terms does (a negated term: if
        // it is not found), and does not if none does.
        let (mut any, mut none) = (0, u64::MAX);
        for (term, test) in group.iter().zip(tests) {
            let (found, not_found) = test.decide(block);
            decided.push((found, not_found));
            let (yes, no) = if term.negated {
                (not_found, found)
            } else {
                (found, not_found)
            };
            any |= yes;
            none &= no;
        }
        matches &= any;
        not |= none;
    }
    (matches, not)
}

/// The sketch's test of every term of `q`, group by group.
fn term_tests(q: &Query, pair_bits: &PairBits) -> Vec<Vec<TermTest>> {
    q.groups
        .iter()
        .map(|g| g.iter().map(|t| TermTest::new(t, pair_bits)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matcher::char_bit;
    use crate::search::scan;

    const TEXTS: [&str; 5] = [
        "The mayor spoke at noon.",
        "Rain all week in Zürich.",
        "“Nothing here,” she said — again.",
        "A mayoral race began.",
        "",
    ];

    fn both(query: &str) -> (Vec<u32>, Vec<u32>) {
        let q = Query::parse(query);
        let sketch = Sketch::build(&TEXTS);
        let fast = sketch.scan(&q, &TEXTS, &|| false).expect("not cancelled");
        let reference = scan(&q, &TEXTS).iter().map(|h| h.passage).collect();
        (fast, reference)
    }

    #[test]
    fn a_remembered_scan_reads_only_what_the_last_one_left_possible() {
        // Nothing sketched: without what it remembers, the scan reads
        // every passage.
        let mut sketch = Sketch::default();
        let mayor = Query::parse("mayor");
        assert_eq!(
            sketch.scan_remembering(&mayor, &TEXTS, &|| false),
            Some(vec![0, 3])
        );
        // The passages change behind its back (they never do in use): a
        // passage the first query ruled out is not read again.
        let mut changed = TEXTS;
        changed[1] = "The mayor spoke of rain.";
        let both = Query::parse("mayor rain");
        assert_eq!(
            sketch.clone().scan_remembering(&both, &changed, &|| false),
            Some(vec![])
        );
        assert_eq!(sketch.scan(&both, &changed, &|| false), Some(vec![1]));
        // Changing the last group reads what the groups before it allowed
        // (passage 1 would match now but was not allowed then).
        let mut typed = Sketch::default();
        typed.scan_remembering(&Query::parse("mayor r"), &TEXTS, &|| false);
        assert_eq!(
            typed.scan_remembering(&Query::parse("mayor ra"), &changed, &|| false),
            Some(vec![3])
        );
        // A query sharing no groups with the last reads everything.
        assert_eq!(
            typed.scan_remembering(&Query::parse("rain"), &changed, &|| false),
            Some(vec![1])
        );
    }

    #[test]
    fn a_query_parsed_the_same_as_the_last_reads_nothing() {
        let mut sketch = Sketch::default();
        sketch.scan_remembering(&Query::parse("mayor"), &TEXTS, &|| false);
        // Passage 1 would match now, but the answer is known.
        let mut changed = TEXTS;
        changed[1] = "The mayor spoke of rain.";
        for same in ["mayor ", " mayor", "mayor  "] {
            assert_eq!(
                sketch.scan_remembering(&Query::parse(same), &changed, &|| false),
                Some(vec![0, 3]),
                "{same:?}"
            );
        }
    }

    #[test]
    fn a_cancelled_scan_keeps_what_was_remembered() {
        let mut sketch = Sketch::default();
        sketch.scan_remembering(&Query::parse("mayor"), &TEXTS, &|| false);
        let both = Query::parse("mayor rain");
        assert_eq!(sketch.scan_remembering(&both, &TEXTS, &|| true), None);
        // Still narrowed by "mayor" (passage 1 now matches but is not read).
        let mut changed = TEXTS;
        changed[1] = "The mayor spoke of rain.";
        assert_eq!(
            sketch.scan_remembering(&both, &changed, &|| false),
            Some(vec![])
        );
    }

    /// What the sketch decides of `query` on passage `i`: the query's
    /// decision on the passage's block, and that of each term.
    fn decided(sketch: &Sketch, query: &str, i: usize) -> (Option<bool>, Vec<Option<bool>>) {
        let q = Query::parse(query);
        let tests = term_tests(&q, &sketch.pair_bits);
        let mut terms = Vec::new();
        let (found, not_found) = decide_query(&q, &tests, &sketch.blocks[i / BLOCK], &mut terms);
        let bit = |(found, not_found): (u64, u64)| {
            assert_eq!(found & not_found & 1 << (i % BLOCK), 0, "{query} on {i}");
            decision((found, not_found), i)
        };
        (
            bit((found, not_found)),
            terms.into_iter().map(bit).collect(),
        )
    }

    /// What the sketch decides of a one-term query on passage `i`.
    fn decided_term(sketch: &Sketch, query: &str, i: usize) -> Option<bool> {
        decided(sketch, query, i).1[0]
    }

    #[test]
    fn a_block_decides_each_passage_by_its_own_bits() {
        let sketch = Sketch::build(&TEXTS);
        // No `y` in passage 1: rejected; passage 0 has the letters and
        // pairs of `mayor`: the matcher reads it.
        assert_eq!(decided(&sketch, "mayor", 1).0, Some(false));
        assert_eq!(decided(&sketch, "mayor", 0).0, None);
        // Decided by the sketch alone (a one-letter term on plain text).
        assert_eq!(decided(&sketch, "m", 0).0, Some(true));
        assert_eq!(decided(&sketch, "m", 1).0, Some(false));
        // A group: one term decides it, or the matcher reads the other.
        assert_eq!(
            decided(&sketch, "m | zzz", 0),
            (Some(true), vec![Some(true), Some(false)])
        );
        assert_eq!(
            decided(&sketch, "zzz | mayor", 0),
            (None, vec![Some(false), None])
        );
        // Groups: one that does not match decides the query.
        assert_eq!(decided(&sketch, "mayor zzz", 0).0, Some(false));
        // A negated term (exact): one not there is a match, and one that
        // may be there is for the matcher.
        assert_eq!(decided(&sketch, "!zzz", 0).0, Some(true));
        assert_eq!(decided(&sketch, "!zzz", 1).0, None);
        assert_eq!(decided(&sketch, "!mayor", 1).0, Some(true));
        // No terms: everything matches.
        assert_eq!(decided(&sketch, "", 4).0, Some(true));
    }

    /// Passages spread over blocks, sketched in pieces that end inside
    /// them: each passage's bits are its own, wherever it is.
    #[test]
    fn blocks_hold_each_passage_at_its_place() {
        let texts: Vec<String> = (0..300)
            .map(|i| {
                if i % 7 == 0 {
                    format!("The mayor spoke, item {i}.")
                } else {
                    format!("Rain all week, {i}.")
                }
            })
            .collect();
        let mut pieces = Sketch::default();
        for count in [1, 62, 3, 64, 100, 70] {
            pieces.extend(&texts, count);
        }
        assert_eq!(pieces.len(), 300);
        assert_same_sketch(&pieces, &Sketch::build(&texts));
        for i in 0..texts.len() {
            let want = (i % 7 != 0).then_some(false);
            assert_eq!(decided(&pieces, "mayor", i).0, want, "{i}");
        }
        let mayor = Query::parse("mayor");
        assert_eq!(
            pieces.scan(&mayor, &texts, &|| false),
            Some((0..300).step_by(7).collect())
        );
        // Runs that begin and end inside blocks, and past the sketch.
        let mut short = Sketch::default();
        short.extend(&texts, 250);
        let tests = term_tests(&mayor, &short.pair_bits);
        for run in [3..130, 64..65, 70..70, 200..300, 0..300] {
            let want: Vec<u32> = run
                .clone()
                .filter(|i| i % 7 == 0)
                .map(|i| i as u32)
                .collect();
            assert_eq!(
                short.scan_list(&mayor, &tests, Ids::Range(run.clone()), &texts),
                want,
                "{run:?}"
            );
        }
    }

    #[test]
    fn flags_become_the_bits_at_their_places() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..64 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let flags: Vec<u8> = (0..64).map(|k| (state >> k & 1) as u8).collect();
            assert_eq!(flag_bits(&flags), state);
        }
        let mut one = [0u8; 64];
        one[63] = 1;
        assert_eq!(flag_bits(&one), 1 << 63);
    }

    #[test]
    fn a_transposed_block_is_the_rows_turned() {
        let mut next = crate::search::xorshift(0x9E37_79B9_7F4A_7C15u64);
        let rows: [u64; 64] = std::array::from_fn(|_| next());
        let mut turned = rows;
        transpose(&mut turned);
        for (r, row) in rows.iter().enumerate() {
            for (c, column) in turned.iter().enumerate() {
                assert_eq!(row >> c & 1, column >> r & 1, "row {r}, bit {c}");
            }
        }
    }

    #[test]
    fn agrees_with_the_scan() {
        for query in [
            "mayor",
            "zurich",
            "Zür",
            "rain !week",
            "'here,",
            "^a",
            "again.$",
            "nthng",
            "xyz",
            "mayor | rain",
            "",
            "z",
        ] {
            let (fast, reference) = both(query);
            assert_eq!(fast, reference, "{query}");
        }
    }

    #[test]
    fn the_mask_rejects_passages_without_the_letters() {
        let sketch = Sketch::build(&TEXTS);
        // 'z' only occurs (folded from "Zürich") in the second passage.
        let z = char_bit('z').trailing_zeros() as usize;
        assert_eq!(sketch.blocks[0][MASK_AT + z], 0b10);
        assert_eq!(sketch.plain, [true, false, true, true, true]);
    }

    /// The one-pass sketch of plain text is its definition: the bits of
    /// its ASCII characters, lowercased, and the pairs of letters or digits
    /// side by side in each word. Every ASCII byte and a non-ASCII
    /// separator, in pseudo-random texts (fixed seed) of every length up to
    /// 96 characters (so the two halves the pass reads side by side meet
    /// inside words and between them), with the pairs placed as by default
    /// and as ranked from the texts.
    #[test]
    fn the_one_pass_sketch_is_its_definition() {
        let definition = |text: &str, pair_bits: &PairBits| {
            let mask = text
                .chars()
                .filter(char::is_ascii)
                .fold(0, |m, c| m | char_bit(c.to_ascii_lowercase()));
            let mut pairs: Pairs = [0; PAIR_BITS / 64];
            let mut starts = 0u64;
            // A word's first pair, if kept among word starts, is there;
            // any other pair among the pairs.
            for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
                let word = word.to_ascii_lowercase();
                for (p, w) in word.as_bytes().windows(2).enumerate() {
                    let (a, b) = (code(w[0]), code(w[1]));
                    match pair_bits.start_bit(a, b) {
                        Some(bit) if p == 0 => starts |= 1 << bit,
                        _ => {
                            let bit = pair_bits.bit(a, b);
                            pairs[bit / 64] |= 1 << (bit % 64);
                        }
                    }
                }
            }
            (mask, pairs, starts)
        };
        let mut next = crate::search::xorshift(0x2545_F491_4F6C_DD1Du64);
        let texts: Vec<String> = (0..2_000)
            .map(|round| {
                (0..round % 97)
                    .map(|_| match next() % 10 {
                        0 => '\u{2019}',
                        1 => ' ',
                        _ => char::from((next() % 128) as u8),
                    })
                    .collect()
            })
            .collect();
        let plain: Vec<bool> = texts.iter().map(|t| plain_text(t)).collect();
        for pair_bits in [PairBits::default(), PairBits::sampled(&texts, &plain)] {
            for text in &texts {
                assert_eq!(
                    pair_bits.sketch(text),
                    definition(text, &pair_bits),
                    "{text:?}"
                );
            }
        }
    }

    /// Every pair of letters or digits has a bit, the commonest in the
    /// sampled passages one of its own, and the rarer ones share the rest
    /// evenly.
    #[test]
    fn common_pairs_get_a_bit_of_their_own() {
        let texts = ["The theme", "then the", "thin"];
        let pair_bits = PairBits::sampled(&texts, &[true; 3]);
        let codes = (b'0'..=b'9').chain(b'a'..=b'z').map(code);
        let mut holders = vec![0usize; PAIR_BITS];
        for a in codes.clone() {
            for b in codes.clone() {
                holders[pair_bits.bit(a, b)] += 1;
            }
        }
        // "th" is in every text, "he" in two, any other pair in one at
        // most: the first two bits.
        assert_eq!(pair_bits.bit(code(b't'), code(b'h')), 0);
        assert_eq!(pair_bits.bit(code(b'h'), code(b'e')), 1);
        assert!(holders[..OWN_BITS].iter().all(|&h| h == 1));
        let shared = &holders[OWN_BITS..];
        let (least, most) = (shared.iter().min(), shared.iter().max());
        assert!(
            least.zip(most).is_some_and(|(l, m)| m - l <= 1),
            "{shared:?}"
        );
        assert_eq!(holders.iter().sum::<usize>(), 36 * 36);
    }

    #[test]
    fn letter_pairs_reject_what_cannot_match_and_keep_what_can() {
        let sketch = Sketch::build(&["The mayor spoke."]);
        let decide = |q: &str| decided_term(&sketch, q, 0);
        // "meyor": letters all there, but only "yo", "or" side by side (2
        // of 4, and a 5-letter match splits at most one).
        assert_eq!(decide("meyor"), Some(false));
        // "myor": one letter between m and y, which a 4-letter match allows.
        assert_eq!(decide("myor"), None);
        assert_eq!(decide("k"), Some(true));
        // Six letters: a match leaves at most one pair apart (a letter in
        // between, or the space of a two-word match, whose three-letter
        // parts have none), so four of the five must be there.
        for (text, needle, want) in [
            // All the letters, three of the pairs.
            ("A red sot, on.", "rednot", Some(false)),
            ("A tik toxk.", "tiktok", Some(false)),
            ("A red not.", "rednot", None),
            ("A tik tok.", "tiktok", None),
            ("A tiktXok.", "tiktok", None),
        ] {
            let sketch = Sketch::build(&[text]);
            let q = Query::parse(needle);
            let got = decided_term(&sketch, needle, 0);
            assert_eq!(got, want, "{needle} in {text}");
            let matches = crate::search::match_passage(text, &q).is_some();
            assert!(want.is_none_or(|w| w == matches), "{needle} in {text}");
        }
        assert_eq!(decide("q"), Some(false));
        // Case-sensitive: the mask cannot tell an "M" from an "m".
        assert_eq!(decide("M"), None);
        // A passage that is not plain: its folded pairs reject a term
        // that ignores case ("mayor": only "or" side by side), as the
        // matcher reads it folded; not one that keeps case.
        let texts = ["Sánchez was a my orator.", "Sánchez, the máyor."];
        let sketch = Sketch::build(&texts);
        assert_eq!(decided_term(&sketch, "mayor", 0), Some(false));
        assert_eq!(decided_term(&sketch, "Mayor", 0), None);
        assert_eq!(decided_term(&sketch, "mayor", 1), None);
        assert_eq!(
            sketch.scan(&Query::parse("mayor"), &texts, &|| false),
            Some(vec![1])
        );
    }

    /// A two-letter term that begins a word is there, without reading the
    /// passage; one only inside words is left to the matcher (`ab` is no
    /// match in `aab`: fuzzy-matcher aligns it from the word's first `a`,
    /// too wide).
    #[test]
    fn two_letter_terms_are_decided_by_the_words_they_begin() {
        let cases = [
            ("A report came.", "re", Some(true)),
            ("A REPORT came.", "re", Some(true)),
            ("They are there.", "re", None),
            // An apostrophe separates words, as for the matcher.
            ("They're here.", "re", Some(true)),
            ("An aab, a bab.", "ab", None),
            ("An abab.", "ab", Some(true)),
            ("No such pair.", "qz", Some(false)),
        ];
        // One sketch of them all: `re` and `ab` begin words in some.
        let sketch = Sketch::build(&cases.map(|c| c.0));
        for (i, (text, needle, want)) in cases.into_iter().enumerate() {
            let q = Query::parse(needle);
            let got = decided_term(&sketch, needle, i);
            assert_eq!(got, want, "{needle} in {text}");
            let matches = crate::search::match_passage(text, &q).is_some();
            assert!(want.is_none_or(|w| w == matches), "{needle} in {text}");
        }
        // Case-sensitive: left to the matcher.
        let sketch = Sketch::build(&["A Report"]);
        let q = Query::parse("Re");
        let test = TermTest::new(&q.groups[0][0], &sketch.pair_bits);
        assert_eq!(test.start, None);
    }

    /// The letter-pair bound against the reference where it is tightest:
    /// texts of a few words made of the needle's own letters (and one
    /// other), so gaps, swaps and splits between words all occur, for
    /// needles of six to nine letters (fixed seed).
    #[test]
    fn letter_pairs_never_reject_a_match() {
        let mut next = crate::search::xorshift(0x0123_4567_89AB_CDEFu64);
        // With letters that fold to the needle's, or to none (`ı`) and a
        // separator that is not plain (`·`): passages read folded.
        let accented = ['é', 'Ö', 'ü', 'á', 'ı', '·'];
        for (needle, folded) in ["rednot", "tiktok", "refugee", "sarahfot", "courtbans"]
            .into_iter()
            .flat_map(|n| [(n, false), (n, true)])
        {
            let q = Query::parse(needle);
            let extra = if folded { &accented[..] } else { &[] };
            let letters: Vec<char> = needle
                .chars()
                .chain(['x', ' ', ' '])
                .chain(extra.iter().copied())
                .collect();
            let texts: Vec<String> = (0..4_000)
                .map(|_| {
                    let len = 6 + (next() % 12) as usize;
                    (0..len)
                        .map(|_| letters[(next() % letters.len() as u64) as usize])
                        .collect()
                })
                .chain(std::iter::once(format!(
                    "{} {}",
                    &needle[..3],
                    &needle[3..]
                )))
                // The needle with its vowels accented: a match once folded.
                .chain(folded.then(|| {
                    let accent = |c| match c {
                        'a' => 'á',
                        'e' => 'é',
                        'o' => 'Ö',
                        'u' => 'ü',
                        c => c,
                    };
                    format!("{} ı", needle.chars().map(accent).collect::<String>())
                }))
                .collect();
            let sketch = Sketch::build(&texts);
            let reference: Vec<u32> = scan(&q, &texts).iter().map(|h| h.passage).collect();
            assert!(!reference.is_empty(), "{needle}");
            assert_eq!(
                sketch.scan(&q, &texts, &|| false),
                Some(reference),
                "{needle}"
            );
        }
    }

    #[test]
    fn a_sketch_built_piece_by_piece_is_the_same_and_scans_the_same_before_it_is_done() {
        let whole = Sketch::build(&TEXTS);
        let mut pieces = Sketch::default();
        let q = Query::parse("mayor");
        let want = whole.scan(&q, &TEXTS, &|| false);
        assert_eq!(pieces.scan(&q, &TEXTS, &|| false), want);
        assert_eq!(pieces.extend(&TEXTS, 2), 3);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces.scan(&q, &TEXTS, &|| false), want);
        assert_eq!(pieces.extend(&TEXTS, 10), 0);
        assert_eq!(pieces.extend(&TEXTS, 10), 0);
        assert_same_sketch(&pieces, &whole);
        // The pairs ranked in a step of their own first: once, and the
        // same sketch after it.
        let mut ranked = Sketch::default();
        assert!(ranked.rank_pairs(&TEXTS));
        assert!(!ranked.rank_pairs(&TEXTS));
        assert_eq!(ranked.len(), 0);
        assert_eq!(ranked.scan(&q, &TEXTS, &|| false), want);
        assert_eq!(ranked.extend(&TEXTS, 5), 0);
        assert_same_sketch(&ranked, &whole);
        // Once passages are sketched, their ranking stays.
        assert!(!pieces.rank_pairs(&TEXTS));
        assert!(!Sketch::default().rank_pairs(&[""; 0]));
    }

    /// `n` passages, plain (ASCII; curly quotes and a dash) and not (an
    /// accented name) in turn.
    fn plain_and_not(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| match i % 4 {
                0 => format!("The mayor spoke, item {i}."),
                1 => format!("Zürich and the mayoral race, {i}"),
                2 => format!("“Nothing,” she said — {i}"),
                _ => format!("rain {i}"),
            })
            .collect()
    }

    /// The passages the reference scan finds for `q`.
    fn reference(texts: &[String], q: &Query) -> Vec<u32> {
        scan(q, texts).iter().map(|h| h.passage).collect()
    }

    /// `sketch` answers each of `queries` as the reference does.
    fn assert_scans_as_reference(sketch: &Sketch, texts: &[String], queries: &[&str]) {
        for query in queries {
            let q = Query::parse(query);
            let found = sketch.scan(&q, texts, &|| false);
            assert_eq!(found, Some(reference(texts, &q)), "{query}");
        }
    }

    /// Two sketches that hold the same.
    fn assert_same_sketch(a: &Sketch, b: &Sketch) {
        assert_eq!((a.sketched, &a.plain), (b.sketched, &b.plain));
        assert_eq!(a.blocks, b.blocks);
        assert_eq!(a.pair_bits.slots, b.pair_bits.slots);
    }

    /// Whether each passage is plain is found first, for every passage at
    /// once (keeping what a scan found), and used by the scans before their
    /// passages are sketched; the sketch is then built as at once.
    #[test]
    fn plainness_comes_first_and_scans_use_it_before_the_sketch() {
        let texts = plain_and_not(40);
        let whole = Sketch::build(&texts);
        let queries = ["mayor", "zur", "m", "ra", "said !rain", "'race"];
        let mut pieces = Sketch::default();
        // One passage to sketch: every passage found plain or not first.
        assert_eq!(pieces.extend(&texts, 1), 39);
        assert_eq!((pieces.plain.len(), pieces.len()), (40, 1));
        assert_eq!(pieces.plain, whole.plain);
        assert_scans_as_reference(&pieces, &texts, &queries);
        // Some found by a scan first: those kept, the rest found.
        let mut learned = Sketch::default();
        learned.scan_remembering(&Query::parse("ma"), &texts[..10], &|| false);
        assert_eq!(learned.plain.len(), 10);
        assert_eq!(learned.extend(&texts, 1), 39);
        assert_eq!(learned.plain, whole.plain);
        assert_eq!(pieces.extend(&texts, 40), 0);
        assert_same_sketch(&pieces, &whole);
    }

    /// A sketch told which passages are plain (as the story knows it of
    /// text that is ASCII and General Punctuation) asks the others, and
    /// only them; its pieces then sketch at once, to the sketch built at
    /// once.
    #[test]
    fn a_sketch_told_what_is_plain_finds_the_rest_and_sketches_at_once() {
        let mut texts = plain_and_not(600);
        // Plain, though not ASCII and General Punctuation: found plain.
        texts[3] = "\u{a3}5 \u{ab}quoted\u{bb}".into();
        let whole = Sketch::build(&texts);
        let known: Vec<bool> = texts
            .iter()
            .map(|t| crate::corpus::is_ascii_typographic(t))
            .collect();
        assert!(!known[3] && whole.plain[3]);
        assert!(known.iter().filter(|&&k| k).count() < whole.plain.iter().filter(|&&p| p).count());
        let mut told = Sketch::default();
        told.tell_plain(&texts, known.clone());
        assert_eq!(told.plain, whole.plain);
        assert_scans_as_reference(&told, &texts, &["ma", "zur", "quoted"]);
        assert_eq!(told.extend(&texts, 100), 500);
        assert_eq!(told.extend(&texts, 600), 0);
        assert_same_sketch(&told, &whole);
        // Told of fewer passages than there are: the rest are asked too.
        let mut short = Sketch::default();
        short.tell_plain(&texts, known[..10].to_vec());
        assert_eq!(short.plain, whole.plain);
        // Told after a scan learned some: what it learned stays (and told
        // wrongly of those, nothing changes).
        let mut learned = Sketch::default();
        learned.scan_remembering(&Query::parse("ma"), &texts[..300], &|| false);
        assert_eq!(learned.plain.len(), 300);
        let mut wrong = known.clone();
        wrong[..300].fill(true);
        learned.tell_plain(&texts, wrong);
        assert_eq!(learned.plain, whole.plain);
    }

    /// A keystroke's scan keeps what it found of whether passages are
    /// plain (a term of two letters asks it of every passage it reads),
    /// so the sketch's pieces and the next scans need not ask again; the
    /// sketch completed after it is the one built at once.
    #[test]
    fn a_scan_keeps_what_it_found_of_plainness() {
        let texts = plain_and_not(600);
        let whole = Sketch::build(&texts);
        let mut typed = Sketch::default();
        // A one-letter term found by its byte asks nothing.
        let m = Query::parse("m");
        assert_eq!(
            typed.scan_remembering(&m, &texts, &|| false),
            Some(reference(&texts, &m))
        );
        // Two letters: every passage's plainness is known after it.
        let ma = Query::parse("ma");
        assert_eq!(
            typed.scan_remembering(&ma, &texts, &|| false),
            Some(reference(&texts, &ma))
        );
        assert_eq!(typed.plain, whole.plain);
        assert_eq!(typed.len(), 0);
        // The pieces then sketch at once, to the same sketch.
        assert_eq!(typed.extend(&texts, 100), 500);
        assert_eq!(typed.extend(&texts, 600), 0);
        assert_same_sketch(&typed, &whole);
        // A cancelled scan keeps nothing.
        let mut cancelled = Sketch::default();
        assert_eq!(cancelled.scan_remembering(&ma, &texts, &|| true), None);
        assert!(cancelled.plain.is_empty());
    }

    /// One-letter terms on passages not sketched yet (the first keystroke
    /// comes early) are decided without the matcher on plain text, and
    /// still by it on the rest: the same answers as the reference.
    #[test]
    fn one_letter_terms_before_the_sketch_answer_as_the_reference() {
        let texts = [
            "Rain all week.",
            "Zürich",
            "ZÜRICH in caps",
            "“Quoted,” she said — twice",
            "x-ray 42",
            "",
            "no such letter",
        ];
        let unsketched = Sketch::default();
        let half = {
            let mut s = Sketch::default();
            s.extend(&texts, 3);
            s
        };
        for query in [
            "r", "z", "u", "q", "4", "x", "!r", "w", "k", "e r", "z | q", "y",
        ] {
            let q = Query::parse(query);
            let reference: Vec<u32> = scan(&q, &texts).iter().map(|h| h.passage).collect();
            for sketch in [&unsketched, &half] {
                assert_eq!(
                    sketch.scan(&q, &texts, &|| false),
                    Some(reference.clone()),
                    "{query}"
                );
            }
        }
    }

    #[test]
    fn a_scan_of_some_passages_finds_the_hits_among_them() {
        let sketch = Sketch::build(&TEXTS);
        let q = Query::parse("mayor");
        assert_eq!(sketch.scan(&q, &TEXTS, &|| false), Some(vec![0, 3]));
        assert_eq!(
            sketch.scan_ids(&q, &TEXTS, &[3, 1, 9], &|| false),
            Some(vec![3])
        );
        assert_eq!(sketch.scan_ids(&q, &TEXTS, &[3], &|| true), None);
    }

    #[test]
    fn a_cancelled_scan_answers_nothing() {
        let sketch = Sketch::build(&TEXTS);
        let q = Query::parse("mayor");
        assert_eq!(sketch.scan(&q, &TEXTS, &|| true), None);
    }
}
