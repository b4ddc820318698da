//! The one-shot scan's fast path: a byte-level prefilter ([`fuzzy_may_match`])
//! and a fuzzy score ([`fuzzy_score`]) equal to [`Passage::term_score`]'s
//! without folding whole passages.

use std::ops::ControlFlow;

use super::word::{WINDOW_PART_MIN, char_bit, char_mask, memo_score, subsequence_of, word_score};
use crate::corpus::is_unsafe_char;
use crate::text::{fold_str, is_word_char};

/// A non-ASCII char that is no word char and folds to no ASCII letter or
/// digit (punctuation, typographic quotes and dashes, spaces, currency): it
/// only ever separates words.
fn is_foldless_separator(c: char) -> bool {
    // General Punctuation (dashes, typographic quotes, spaces) holds no
    // word char: decided without the Unicode tables (a test checks it).
    if ('\u{2000}'..='\u{206f}').contains(&c) {
        return true;
    }
    matches!(c, '\u{80}'..='\u{bf}' | '\u{d7}' | '\u{f7}' | '\u{2070}'..='\u{20cf}')
        && !is_word_char(c)
}

/// A necessary condition for the fuzzy term `needle` to match `text`,
/// checked on bytes before any word is split or scored: some word holds
/// the needle's first characters (all of them under six characters, else
/// the first [`WINDOW_PART_MIN`], which a two-word match puts in its first
/// word) in order, starting at an occurrence of its first character and
/// within the span a match may take. True (undecided) whenever the text has
/// a non-ASCII character that could fold to an ASCII letter or digit.
pub fn fuzzy_may_match(text: &str, needle: &str, keep_case: bool) -> bool {
    fuzzy_may_match_in(text, needle, keep_case, None)
}

/// Whether `text` has only ASCII and characters that only ever separate
/// words (so the byte prefilter can decide on it). The one-shot scan keeps
/// it per passage instead of asking for every term.
pub fn plain_text(text: &str) -> bool {
    plain::<false>(text)
}

/// Whether [`plain_text`] holds for `text` and the sanitiser would leave
/// it as it is (no control, C1 or bidi control character): on such a line
/// the byte prefilter decides a fuzzy term alone. One pass instead of the
/// two, for the one-shot scan of a stream's lines.
pub fn plain_and_clean(text: &str) -> bool {
    plain::<true>(text)
}

/// One bit per byte of `chunk`: set for bytes beyond ASCII and, if
/// `CLEAN`, for ASCII other than printable (below a space, DEL).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn unusual_mask<const CLEAN: bool>(chunk: &[u8; PAIR_CHUNK]) -> u64 {
    use safe_arch::{cmp_eq_mask_i8_m128i, cmp_lt_mask_i8_m128i, set_splat_i8_m128i};
    // Signed bytes: from 0x80 up they are negative.
    let below = set_splat_i8_m128i(if CLEAN { 0x20 } else { 0 });
    let del = set_splat_i8_m128i(if CLEAN { 0x7f } else { -1 });
    lane_mask(chunk, |v| {
        cmp_lt_mask_i8_m128i(v, below) | cmp_eq_mask_i8_m128i(v, del)
    })
}

/// The 64 bytes of `chunk` as one bit each: the high bit of each byte of
/// `test` applied to every 16 bytes (an SSE2 compare, then a mask move).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn lane_mask(chunk: &[u8; PAIR_CHUNK], test: impl Fn(safe_arch::m128i) -> safe_arch::m128i) -> u64 {
    let mut m = 0u64;
    for (g, part) in chunk.chunks_exact(16).enumerate() {
        let v = safe_arch::m128i::from(<[u8; 16]>::try_from(part).unwrap_or_default());
        m |= u64::from(safe_arch::move_mask_i8_m128i(test(v)) as u16) << (16 * g);
    }
    m
}

/// [`unusual_mask`] byte by byte: used where SSE2 is not, and the
/// reference the SIMD one is tested against.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline(always)]
fn unusual_mask_scalar<const CLEAN: bool>(chunk: &[u8; PAIR_CHUNK]) -> u64 {
    let mut m = 0u64;
    for (k, &b) in chunk.iter().enumerate() {
        let odd = if CLEAN {
            !(0x20..0x7f).contains(&b)
        } else {
            b >= 0x80
        };
        m |= u64::from(odd) << k;
    }
    m
}

/// [`plain_text`], and with `CLEAN` [`plain_and_clean`].
fn plain<const CLEAN: bool>(text: &str) -> bool {
    // The bytes beyond (printable) ASCII are found 64 at a time as a mask
    // ([`unusual_mask`]); only they are looked at one by one.
    let bytes = text.as_bytes();
    // Bytes before this belong to a character already accepted.
    let mut next = 0;
    for (k, chunk) in bytes.chunks(PAIR_CHUNK).enumerate() {
        let mut unusual = if let Ok(c) = <&[u8; PAIR_CHUNK]>::try_from(chunk) {
            unusual_mask::<CLEAN>(c)
        } else {
            let mut c = [b' '; PAIR_CHUNK];
            c[..chunk.len()].copy_from_slice(chunk);
            unusual_mask::<CLEAN>(&c)
        };
        while unusual != 0 {
            let i = k * PAIR_CHUNK + unusual.trailing_zeros() as usize;
            unusual &= unusual - 1;
            if i < next {
                continue;
            }
            // A control character (only unusual when CLEAN).
            if bytes[i] < 0x80 {
                return false;
            }
            // `i` starts a character: every earlier one was skipped whole.
            // General Punctuation (typographic quotes and dashes, most of
            // news text's non-ASCII) without decoding: U+2000..=U+206F,
            // all separators; unsafe only its bidi controls.
            if bytes[i] == 0xe2
                && let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2))
                && (b1 == 0x80 || (b1 == 0x81 && b2 < 0xb0))
            {
                let bidi = matches!((b1, b2), (0x80, 0xaa..=0xae) | (0x81, 0xa6..=0xa9));
                if CLEAN && bidi {
                    return false;
                }
                next = i + 3;
                continue;
            }
            match text.get(i..).and_then(|t| t.chars().next()) {
                Some(c) if is_foldless_separator(c) && !(CLEAN && is_unsafe_char(c)) => {
                    next = i + c.len_utf8()
                }
                _ => return false,
            }
        }
    }
    true
}

/// Finds where a fuzzy match of a needle of ASCII letters and digits may
/// start in plain text (see [`plain_text`]): the same starts the scorer
/// looks at, so text where there is none cannot match.
pub struct StartFinder<'n> {
    window: StartWindow,
    needle: &'n [u8],
    keep_case: bool,
}

impl<'n> StartFinder<'n> {
    /// None for a needle the byte prefilter cannot decide (empty, or with
    /// other characters than ASCII letters and digits).
    pub fn new(needle: &'n str, keep_case: bool) -> Option<Self> {
        let nb = needle.as_bytes();
        if !on_byte_path(nb) {
            return None;
        }
        Some(Self {
            window: StartWindow::of(nb, keep_case),
            needle: nb,
            keep_case,
        })
    }

    /// The first start in `hay`, if any.
    pub fn first(&self, hay: &[u8]) -> Option<usize> {
        let mut found = None;
        self.window
            .each_start(hay, self.needle, self.keep_case, |i| {
                found = Some(i);
                ControlFlow::Break(())
            });
        found
    }
}

/// Bytes [`StartWindow::each_anchor`] tests at a time: one bit each in a `u64`.
const PAIR_CHUNK: usize = 64;

/// Past this reach (a needle of about 28 bytes or more) anchors are
/// searched one by one; below it the chunk test is faster whatever the
/// anchor (measured: even a rare `x` or `u`). Under 64, the bits a mask holds.
const PAIR_REACH_MAX: usize = 32;

/// Where a fuzzy match of an ASCII needle can start, shared by the
/// prefilter and the plain-text scorer so they agree: the needle's first
/// `part` bytes must appear in order within `span` bytes of a start byte
/// (`first`, or `upper` when case is ignored).
///
/// Starts are found from the rarest of those `part` bytes (the anchor),
/// not from the first: every passing start has an anchor within `span`
/// bytes after it in the same word, so looking back from each anchor
/// finds them all, with far fewer stops than at every `t` or `r`.
#[derive(Debug, Clone)]
struct StartWindow {
    part: usize,
    span: usize,
    first: u8,
    upper: u8,
    /// The anchor byte, in both cases (the same when case is kept), and
    /// its place in the needle.
    anchor: u8,
    anchor_upper: u8,
    anchor_at: usize,
}

/// How common a lowercase ASCII letter or digit is in English text (lower
/// is rarer): only which byte anchors the search depends on it.
fn commonness(b: u8) -> usize {
    const BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    BY_FREQUENCY
        .iter()
        .position(|&c| c == b.to_ascii_lowercase())
        .map_or(0, |p| BY_FREQUENCY.len() - p)
}

/// How common the byte a fuzzy term's search is anchored on is (see
/// [`commonness`]): a query checks its rarest terms first.
pub fn anchor_commonness(needle: &str) -> usize {
    let nb = needle.as_bytes();
    if !on_byte_path(nb) {
        return usize::MAX;
    }
    commonness(StartWindow::of(nb, false).anchor)
}

impl StartWindow {
    fn of(nb: &[u8], keep_case: bool) -> Self {
        let n = nb.len();
        let first = nb[0];
        let part = if n >= 2 * WINDOW_PART_MIN {
            WINDOW_PART_MIN
        } else {
            n
        };
        let other_case = |b: u8| {
            if keep_case { b } else { b.to_ascii_uppercase() }
        };
        let anchor_at = (0..part).min_by_key(|&k| commonness(nb[k])).unwrap_or(0);
        let anchor = nb[anchor_at];
        Self {
            part,
            // A match has at most n/4 letters between its own (its span is
            // at most n + n/4), and a two-word match's first part, of k
            // letters, at most k/4: either way the first `part` letters lie
            // within `part + n/4` bytes (for `part` = n, the whole span).
            span: part + n / 4,
            first,
            upper: other_case(first),
            anchor,
            anchor_upper: other_case(anchor),
            anchor_at,
        }
    }

    /// Whether the anchor at `a` can be the needle's byte `anchor_at` of
    /// a passing window: its neighbours in the needle stand near it (in a
    /// window of `span` bytes, two matched bytes in a row are at most
    /// `span - part + 1` apart). An anchor that fails may still be a
    /// needle byte of another window; that window's own anchor passes.
    fn near(&self, hay: &[u8], nb: &[u8], a: usize, keep_case: bool) -> bool {
        let reach = self.span - self.part + 1;
        let j = self.anchor_at;
        let before =
            j == 0 || (1..=reach.min(a)).any(|d| byte_matches(hay[a - d], nb[j - 1], keep_case));
        before
            && (j + 1 >= self.part
                || (1..=reach).any(|d| {
                    hay.get(a + d)
                        .is_some_and(|&b| byte_matches(b, nb[j + 1], keep_case))
                }))
    }

    /// Calls `f` with every start in `hay` that [`Self::passes_at`], in
    /// increasing order, until `f` breaks.
    fn each_start(
        &self,
        hay: &[u8],
        nb: &[u8],
        keep_case: bool,
        mut f: impl FnMut(usize) -> ControlFlow<()>,
    ) {
        // Starts before this were tried (or cannot pass).
        let mut tried = 0;
        // Anchors that are not the needle's anchor byte of any window here
        // are not passed: the starts they would look back to stay untried,
        // for a later anchor.
        let _ = self.each_anchor(hay, nb, keep_case, &mut |a| {
            let lo = (a + 1).saturating_sub(self.span).max(tried);
            let mut s = a;
            while s > lo && hay[s - 1].is_ascii_alphanumeric() {
                s -= 1;
            }
            for i in s..=a {
                let b = hay[i];
                if (b == self.first || b == self.upper)
                    && self.passes_at(hay, nb, i, keep_case)
                    && f(i).is_break()
                {
                    return ControlFlow::Break(());
                }
            }
            tried = a + 1;
            ControlFlow::Continue(())
        });
    }

    /// Calls `f` with the anchor bytes of `hay` that pass [`Self::near`],
    /// in increasing order, until it breaks. Read [`PAIR_CHUNK`] bytes at a
    /// time as bit masks ([`eq_mask`]: which bytes are the anchor, which
    /// the needle's byte before it, which the one after); a neighbour mask
    /// shifted by 1 to `reach` places marks the bytes that have that
    /// neighbour within reach, on its side. An anchor letter, however
    /// common, costs a few word operations per chunk where the needle is
    /// absent, and only anchors that pass are looked at.
    fn each_anchor(
        &self,
        hay: &[u8],
        nb: &[u8],
        keep_case: bool,
        f: &mut impl FnMut(usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let (lower, upper) = (self.anchor, self.anchor_upper);
        let j = self.anchor_at;
        let reach = self.span - self.part + 1;
        if reach > PAIR_REACH_MAX || self.part < 2 {
            // One by one: a long needle, or one without neighbours.
            for a in memchr::memchr2_iter(lower, upper, hay) {
                if self.near(hay, nb, a, keep_case) {
                    f(a)?;
                }
            }
            return ControlFlow::Continue(());
        }
        // The neighbours `near` requires, both cases of a letter when case
        // is ignored (as `byte_matches` compares): the needle's byte before
        // the anchor, and the one after it (None: not required). As
        // [`eq_mask`] takes them: the byte, and the case bit a byte may
        // differ in (a lower-case letter's, when case is ignored).
        let wanted = |b: u8| {
            let fold = if !keep_case && b.is_ascii_lowercase() {
                0x20
            } else {
                0
            };
            (b, fold)
        };
        let anchor = wanted(lower);
        let before = (j > 0).then(|| wanted(nb[j - 1]));
        let after = (j + 1 < self.part).then(|| wanted(nb[j + 1]));
        // A chunk's mask of the bytes equal to `want` (either case); beyond
        // `hay` there is nothing: bytes outside it never count, as in
        // `near`. The last chunk, short, is read as the last 64 bytes of
        // `hay`, its mask shifted down (a passage's tail, copied into a
        // padded chunk, cost a call to copy per mask); a passage shorter
        // than a chunk is padded with zeros (never a letter or digit).
        let mask_of = |from: usize, want: Option<(u8, u8)>| -> u64 {
            let Some((x, fold)) = want else {
                return u64::MAX;
            };
            let chunk = |c: &[u8]| eq_mask(c.try_into().unwrap_or(&[0; PAIR_CHUNK]), x, fold);
            if let Some(c) = hay.get(from..from + PAIR_CHUNK) {
                chunk(c)
            } else if let Some(rest) = hay.get(from..).filter(|r| !r.is_empty()) {
                match hay.len().checked_sub(PAIR_CHUNK) {
                    Some(last) => chunk(&hay[last..]) >> (PAIR_CHUNK - rest.len()),
                    None => {
                        let mut c = [0u8; PAIR_CHUNK];
                        c[..rest.len()].copy_from_slice(rest);
                        chunk(&c)
                    }
                }
            } else {
                0
            }
        };
        // The neighbour masks of the chunk before this one, this one and
        // the next.
        let (mut prev_before, mut cur_before) = (0, mask_of(0, before));
        // The same byte on both sides (the `a`s of `sara`): one mask.
        let after_mask = |from: usize, before_mask: u64| {
            if after == before {
                before_mask
            } else {
                mask_of(from, after)
            }
        };
        let mut cur_after = after_mask(0, cur_before);
        let mut at = 0;
        while at < hay.len() {
            let next_before = mask_of(at + PAIR_CHUNK, before);
            let next_after = after_mask(at + PAIR_CHUNK, next_before);
            let mut near = mask_of(at, Some(anchor));
            if near != 0 {
                // Bit k: the neighbour is within `reach` bytes of byte k
                // on its side (reach < 64, so every shift is defined).
                if before.is_some() {
                    near &= (1..=reach).fold(0u64, |m, d| {
                        m | cur_before << d | prev_before >> (PAIR_CHUNK - d)
                    });
                }
                if after.is_some() {
                    near &= (1..=reach).fold(0u64, |m, d| {
                        m | cur_after >> d | next_after << (PAIR_CHUNK - d)
                    });
                }
                while near != 0 {
                    f(at + near.trailing_zeros() as usize)?;
                    near &= near - 1;
                }
            }
            (prev_before, cur_before) = (cur_before, next_before);
            cur_after = next_after;
            at += PAIR_CHUNK;
        }
        ControlFlow::Continue(())
    }

    /// True if the needle's first `part` bytes follow in order from the
    /// start byte at `i`, within `span` bytes and inside one word (every
    /// non-ASCII byte here belongs to a separator).
    fn passes_at(&self, hay: &[u8], nb: &[u8], i: usize, keep_case: bool) -> bool {
        let (mut k, mut j) = (1, i + 1);
        while k < self.part {
            match hay.get(j) {
                Some(&b) if j - i < self.span && b.is_ascii_alphanumeric() => {
                    if byte_matches(b, nb[k], keep_case) {
                        k += 1;
                    }
                    j += 1;
                }
                _ => return false,
            }
        }
        true
    }
}

/// One bit per byte of `chunk`: bit k is set when `chunk[k] | fold` is
/// `x` (`fold` 0x20 and `x` a lower-case letter: either case of it; 0:
/// `x` only). Sixteen bytes per SSE2 or, compare and mask move (one
/// compare where two, a letter's cases, took one more instruction and one
/// more register: the start search's loop is bound by them); a plain loop
/// elsewhere.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn eq_mask(chunk: &[u8; PAIR_CHUNK], x: u8, fold: u8) -> u64 {
    use safe_arch::{cmp_eq_mask_i8_m128i, set_splat_i8_m128i};
    let (x, fold) = (set_splat_i8_m128i(x as i8), set_splat_i8_m128i(fold as i8));
    lane_mask(chunk, |v| cmp_eq_mask_i8_m128i(v | fold, x))
}

/// [`eq_mask`] byte by byte: used where SSE2 is not, and the reference the
/// SIMD one is tested against.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline(always)]
fn eq_mask_scalar(chunk: &[u8; PAIR_CHUNK], x: u8, fold: u8) -> u64 {
    let mut m = 0u64;
    for (k, &b) in chunk.iter().enumerate() {
        m |= u64::from(b | fold == x) << k;
    }
    m
}

#[cfg(not(target_arch = "x86_64"))]
use self::{eq_mask_scalar as eq_mask, unusual_mask_scalar as unusual_mask};

/// A text byte against a needle byte (the needle is lower case when case
/// is ignored).
fn byte_matches(b: u8, want: u8, keep_case: bool) -> bool {
    if keep_case {
        b == want
    } else {
        b.to_ascii_lowercase() == want
    }
}

/// [`fuzzy_may_match`], with [`plain_text`] of `text` when known.
fn fuzzy_may_match_in(text: &str, needle: &str, keep_case: bool, plain: Option<bool>) -> bool {
    let Some(finder) = StartFinder::new(needle, keep_case) else {
        return true;
    };
    !plain.unwrap_or_else(|| plain_text(text)) || finder.first(text.as_bytes()).is_some()
}

/// Fast score of a fuzzy term in a passage: the same result as
/// [`Passage::term_score`], without folding the whole passage. Words are
/// folded only when their character mask can contain the needle.
pub fn fuzzy_score(text: &str, needle: &str, keep_case: bool) -> Option<i64> {
    fuzzy_score_in(text, needle, keep_case, None, false)
}

/// Whether the fuzzy term `needle` matches `text`: [`fuzzy_score`] is some,
/// decided at the first matching word (no best score looked for). `plain`
/// is [`plain_text`] of `text` if known.
pub fn fuzzy_matches_text(text: &str, needle: &str, keep_case: bool, plain: Option<bool>) -> bool {
    fuzzy_score_in(text, needle, keep_case, plain, true).is_some()
}

/// The longest passage [`fuzzy_score_in`] folds whole to take the byte
/// path (paragraphs are far shorter; a longer one is read word by word).
const FOLDED_COPY_MAX: usize = 64 * 1024;

/// [`fuzzy_score`]; with `first`, any score once a word matches.
pub(super) fn fuzzy_score_in<'a>(
    text: &'a str,
    needle: &str,
    keep_case: bool,
    plain: Option<bool>,
    first: bool,
) -> Option<i64> {
    let nb = needle.as_bytes();
    let plain = plain.unwrap_or_else(|| plain_text(text));
    if on_byte_path(nb) {
        if plain {
            return fuzzy_score_plain(text, needle, keep_case, first);
        }
        // Most other passages are plain once folded (a name's é, a
        // combining accent): the same words, folded as the word by word
        // path folds them (char by char, a word char to letters and digits
        // or nothing, a separator to no letter or digit: a test checks
        // every char), so the byte path answers on the folded copy, at a
        // tenth of the cost of splitting and folding word by word. (A
        // one-letter needle is found in the first words either way: the
        // copy would cost more than it saves; an outsized passage, say one
        // huge line, is not copied whole.)
        if nb.len() > 1 && text.len() <= FOLDED_COPY_MAX {
            let folded = fold_str(text, keep_case);
            if plain_text(&folded) {
                return fuzzy_score_plain(&folded, needle, keep_case, first);
            }
        }
    }
    if !fuzzy_may_match_in(text, needle, keep_case, Some(plain)) {
        return None;
    }
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
    // Scores the word text[s..e]; returns the best score so far.
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
                return best;
            }
            if mask & nmask == nmask {
                let score = if ascii {
                    memo_score(&fold_ascii(w, keep_case), needle)
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
            best
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
            let so_far = finish(s, i, mask, ascii, &mut words);
            if first && so_far.is_some() {
                return so_far;
            }
        }
        i += len;
    }
    if let Some(s) = start {
        finish(s, bytes.len(), mask, ascii, &mut words);
    }
    if best.is_some() || !windows {
        return best;
    }
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
        if let Some(pair) = split_score(&f1, &f2, needle) {
            best = Some(best.map_or(pair, |x| x.max(pair)));
        }
    }
    best
}

/// [`fuzzy_score_in`] on plain text (ASCII words between separators) for
/// a needle of ASCII letters and digits: only the words holding a start
/// that passes the byte prefilter are scored (no other word can match, nor
/// start a two-word match), found with `memchr` instead of splitting the
/// whole passage into words.
fn fuzzy_score_plain(text: &str, needle: &str, keep_case: bool, first: bool) -> Option<i64> {
    let window = StartWindow::of(needle.as_bytes(), keep_case);
    fuzzy_score_plain_with(text, needle, keep_case, &window, char_mask(needle), first)
}

/// Whether a fuzzy term's needle can be matched on the bytes of plain
/// text: it is ASCII letters and digits, one or more.
fn on_byte_path(nb: &[u8]) -> bool {
    !nb.is_empty() && nb.iter().all(u8::is_ascii_alphanumeric)
}

/// A fuzzy term of ASCII letters and digits made ready for plain text
/// once, for a scan of many passages: where its matches may start, and
/// its characters (worked out for each passage, they were 7–14% of an
/// unsketched scan's instructions).
#[derive(Debug, Clone)]
pub struct PlainNeedle {
    needle: String,
    keep_case: bool,
    window: StartWindow,
    nmask: u64,
}

impl PlainNeedle {
    /// None for a needle the byte path cannot take (empty, or with other
    /// characters than ASCII letters and digits).
    pub fn new(needle: &str, keep_case: bool) -> Option<Self> {
        let nb = needle.as_bytes();
        on_byte_path(nb).then(|| Self {
            needle: needle.to_string(),
            keep_case,
            window: StartWindow::of(nb, keep_case),
            nmask: char_mask(needle),
        })
    }

    /// Whether the term matches plain `text` (see [`plain_text`]): the
    /// same as [`fuzzy_matches_text`] there.
    pub fn matches(&self, text: &str) -> bool {
        let Self {
            needle,
            keep_case,
            window,
            nmask,
        } = self;
        fuzzy_score_plain_with(text, needle, *keep_case, window, *nmask, true).is_some()
    }
}

/// [`fuzzy_score_plain`] with the needle's start window and character
/// mask worked out.
fn fuzzy_score_plain_with(
    text: &str,
    needle: &str,
    keep_case: bool,
    window: &StartWindow,
    nmask: u64,
    first: bool,
) -> Option<i64> {
    let nb = needle.as_bytes();
    let hay = text.as_bytes();
    let n = nb.len();
    let word_mask = |w: &[u8]| {
        w.iter().fold(0u64, |m, &b| {
            m | char_bit(if keep_case { b } else { b.to_ascii_lowercase() } as char)
        })
    };
    let score = |w: &str| memo_score(&fold_ascii(w, keep_case), needle);
    let windows = n >= 2 * WINDOW_PART_MIN;
    // Words holding a start (byte ranges and character masks), each once.
    let mut candidates: smallvec::SmallVec<[(usize, usize, u64); 16]> = smallvec::SmallVec::new();
    let mut best: Option<i64> = None;
    let mut scored_to = 0;
    window.each_start(hay, nb, keep_case, |i| {
        if i < scored_to {
            return ControlFlow::Continue(());
        }
        let s = hay[..i]
            .iter()
            .rposition(|b| !b.is_ascii_alphanumeric())
            .map_or(0, |p| p + 1);
        // A word that begins with the needle matches it (fuzzy-matcher's
        // best alignment is that prefix, as a test checks): when only
        // whether matters, that is decided without the memo. (Most words
        // a news query is typed for begin with it: names, `refugee…`.)
        if first
            && s == i
            && hay.get(i..i + n).is_some_and(|w| {
                w.iter()
                    .zip(nb)
                    .all(|(&b, &c)| byte_matches(b, c, keep_case))
            })
        {
            best = Some(0);
            return ControlFlow::Break(());
        }
        let e = hay[i..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(hay.len(), |p| i + p);
        scored_to = e;
        // Under two window parts the start passed with the whole needle in
        // order inside this word: its letters are there, no mask needed.
        let mask = if windows {
            word_mask(&hay[s..e])
        } else {
            nmask
        };
        if mask & nmask == nmask
            && let Some(sc) = score(&text[s..e])
        {
            best = Some(best.map_or(sc, |b: i64| b.max(sc)));
            if first {
                return ControlFlow::Break(());
            }
        }
        if windows {
            candidates.push((s, e, mask));
        }
        ControlFlow::Continue(())
    });
    if best.is_some() || !windows {
        return best;
    }
    for (s1, e1, m1) in candidates {
        // The next word: the next run of ASCII letters and digits.
        let Some(s2) = hay[e1..]
            .iter()
            .position(u8::is_ascii_alphanumeric)
            .map(|p| e1 + p)
        else {
            continue;
        };
        let e2 = hay[s2..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(hay.len(), |p| s2 + p);
        let (w1, w2) = (&text[s1..e1], &text[s2..e2]);
        if (m1 | word_mask(w2.as_bytes())) & nmask != nmask {
            continue;
        }
        // Cheap check first: the needle must be a subsequence of the pair.
        let joined = w1
            .bytes()
            .chain(w2.bytes())
            .map(|b| char::from(b.to_ascii_lowercase()));
        if !keep_case && !subsequence_of(joined, needle) {
            continue;
        }
        let fold = |w| fold_ascii(w, keep_case);
        if let Some(pair) = split_score(&fold(w1), &fold(w2), needle) {
            best = Some(best.map_or(pair, |x| x.max(pair)));
        }
    }
    best
}

/// A needle split across two folded words: the score of the first split
/// (each part at least [`WINDOW_PART_MIN`] characters) that both words match.
fn split_score(f1: &str, f2: &str, needle: &str) -> Option<i64> {
    let n = needle.chars().count();
    // The needle's splits at char boundaries, by byte offset.
    needle
        .char_indices()
        .map(|(at, _)| at)
        .skip(WINDOW_PART_MIN)
        .take((n + 1).saturating_sub(2 * WINDOW_PART_MIN))
        .find_map(|at| Some(word_score(f1, &needle[..at])? + word_score(f2, &needle[at..])?))
}

/// An ASCII word folded for the matcher: borrowed unless a capital must be
/// lowered.
fn fold_ascii(w: &str, keep_case: bool) -> std::borrow::Cow<'_, str> {
    if keep_case || !w.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(w.to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_are_found_past_anchors_that_are_not_the_matched_byte() {
        // "sarah" is anchored on its 'r' (the rarest of its bytes in
        // English): the first 'r' after the start is not the matched one.
        for (text, needle) in [
            ("srarah", "sarah"),
            ("a srarah b", "sarah"),
            ("rr sarah", "sarah"),
            ("sarrah", "sarah"),
            ("xtikktok", "tiktok"),
            ("tikok", "tiktok"),
        ] {
            let reference = crate::search::matcher::Passage::new(text)
                .term_score_reference(&crate::search::Query::parse(needle).groups[0][0]);
            assert_eq!(
                fuzzy_score(text, needle, false),
                reference,
                "{needle} in {text}"
            );
            if reference.is_some() {
                assert!(fuzzy_may_match(text, needle, false), "{needle} in {text}");
            }
        }
    }

    /// A long needle may have letters between its first ones: up to n/4
    /// in a one-word match, k/4 in a two-word match's first part of k.
    /// Each is found (the start search allows for them), wherever they sit
    /// among the first letters.
    #[test]
    fn letters_between_a_long_needles_first_ones_are_allowed_for() {
        let reference = |text: &str, needle: &str| {
            crate::search::matcher::Passage::new(text)
                .term_score_reference(&crate::search::Query::parse(needle).groups[0][0])
        };
        for needle in ["rednot", "tiktoker", "refugeeban", "sarahfothergill"] {
            let n = needle.len();
            for at in 1..=3 {
                let gap = "x".repeat(n / 4);
                let words = [
                    format!("a {}{gap}{} b", &needle[..at], &needle[at..]),
                    // Two words: the last three letters in the second,
                    // the first's k letters with k/4 others among them.
                    format!(
                        "a {}{} {} b",
                        &needle[..at],
                        "x".repeat((n - 3) / 4) + &needle[at..n - 3],
                        &needle[n - 3..]
                    ),
                ];
                for text in &words {
                    let want = reference(text, needle);
                    assert!(want.is_some(), "{needle} in {text}");
                    assert_eq!(fuzzy_score(text, needle, false), want, "{needle} in {text}");
                    assert!(fuzzy_may_match(text, needle, false), "{needle} in {text}");
                }
            }
        }
    }

    /// The SIMD masks equal their byte-by-byte references on every byte
    /// value, in every lane (pseudo-random chunks, fixed seed).
    #[test]
    #[cfg(target_arch = "x86_64")]
    fn simd_masks_equal_the_byte_by_byte_ones() {
        let mut next = crate::search::xorshift(0x9E37_79B9_7F4A_7C15u64);
        for round in 0..4096 {
            let mut chunk = [0u8; PAIR_CHUNK];
            for b in &mut chunk {
                *b = next() as u8;
            }
            // Every byte value in some lane, and the edges of the classes.
            chunk[round % PAIR_CHUNK] = (round % 256) as u8;
            chunk[(round + 7) % PAIR_CHUNK] =
                [0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff, b'\n'][round % 7];
            let (x, fold) = ((round % 256) as u8, [0, 0x20][round % 2]);
            assert_eq!(eq_mask(&chunk, x, fold), eq_mask_scalar(&chunk, x, fold));
            // A lower-case letter folded: either of its cases, nothing else.
            let letter = b'a' + (round % 26) as u8;
            let cases = chunk.iter().enumerate().fold(0u64, |m, (k, &b)| {
                m | u64::from(b == letter || b == letter.to_ascii_uppercase()) << k
            });
            assert_eq!(eq_mask(&chunk, letter, 0x20), cases);
            assert_eq!(
                unusual_mask::<true>(&chunk),
                unusual_mask_scalar::<true>(&chunk)
            );
            assert_eq!(
                unusual_mask::<false>(&chunk),
                unusual_mask_scalar::<false>(&chunk)
            );
        }
    }

    /// The chunked anchor search ([`PAIR_CHUNK`] bytes per mask) finds a
    /// match wherever it sits against the chunk edges, its neighbour byte
    /// in the chunk before or after: every offset over three chunks, for
    /// needles anchored with the neighbour before (`rednot`, `tiktok`),
    /// after (`zebra`) and on both sides (`boxes`), case kept or not.
    #[test]
    fn matches_are_found_at_every_offset_across_chunk_edges() {
        for (word, needle, keep_case) in [
            ("redo nothing", "rednot", false),
            ("tikitok", "tiktok", false),
            ("ZEbras", "zebra", false),
            ("RedNote", "RedNote", true),
            // Anchored in the middle: a neighbour needed on both sides.
            ("inboxes", "boxes", false),
            ("OXEN", "oxen", false),
            // The same neighbour on both sides of the anchor.
            ("Sarah", "sara", false),
            ("tattoo", "tat", true),
        ] {
            for offset in 0..3 * PAIR_CHUNK {
                // Filler words holding the anchor without its neighbour,
                // before and after (so the match is in whole chunks).
                // And at the very end: in the last chunk, short, read
                // as the text's last 64 bytes.
                let filler = |n| "dd kz ".chars().cycle().take(n).collect::<String>();
                let inside = format!("{} {word} {}", filler(offset), filler(2 * PAIR_CHUNK));
                let at_end = format!("{} {word}", filler(offset));
                for text in [inside, at_end] {
                    let reference = crate::search::matcher::Passage::new(&text)
                        .term_score_reference(&crate::search::Query::parse(needle).groups[0][0]);
                    assert!(reference.is_some(), "{needle} in {text}");
                    assert_eq!(
                        fuzzy_score(&text, needle, keep_case),
                        reference,
                        "{needle} at {offset}"
                    );
                    assert!(
                        fuzzy_may_match(&text, needle, keep_case),
                        "{needle} at {offset}"
                    );
                }
            }
        }
    }

    /// Every character from U+0080 to U+2FFF, alone, among words and
    /// across a chunk edge: `plain_text` is its definition, and
    /// `plain_and_clean` is `plain_text` and "the sanitiser changes nothing".
    #[test]
    fn plain_and_clean_is_plain_and_left_as_it_is() {
        for c in ('\u{80}'..='\u{2fff}').chain(['\t', '\r', '\u{1b}', '\u{7f}', 'a']) {
            for text in [
                c.to_string(),
                format!("some words {c}and more"),
                format!("sixteen bytes of{c}"),
                // Across the 64-byte chunks the mask is read in.
                format!("{}{c} and on", "w".repeat(62)),
                format!("{}{c}{c}", "w".repeat(63)),
            ] {
                // The definition, char by char.
                let plain = text
                    .chars()
                    .all(|c| c.is_ascii() || is_foldless_separator(c));
                assert_eq!(plain_text(&text), plain, "U+{:04X} in {text:?}", c as u32);
                let want = plain
                    && matches!(
                        crate::corpus::sanitize_cow(&text).0,
                        std::borrow::Cow::Borrowed(_)
                    );
                assert_eq!(
                    plain_and_clean(&text),
                    want,
                    "U+{:04X} in {text:?}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn general_punctuation_only_separates_words() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!is_word_char(c), "{c:?}");
            assert!(is_foldless_separator(c), "{c:?}");
        }
        // Beyond it, superscripts and subscripts are word chars.
        assert!(!is_foldless_separator('\u{2070}'));
        assert!(!is_foldless_separator('\u{2090}'));
        assert!(is_foldless_separator('\u{20ac}'));
    }

    #[test]
    fn folding_keeps_word_bounds_where_the_folded_text_is_plain() {
        // What answering a passage on its folded copy rests on: wherever a
        // char's folding is plain, a word char folds to ASCII letters and
        // digits (or to nothing: a combining mark) and any other char to
        // no letter or digit, so the folded copy has the same words.
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            for keep_case in [false, true] {
                let f = fold_str(c.encode_utf8(&mut [0; 4]), keep_case);
                if !plain_text(&f) {
                    continue;
                }
                if is_word_char(c) {
                    assert!(
                        f.bytes().all(|b| b.is_ascii_alphanumeric()),
                        "{c:?} -> {f:?}"
                    );
                } else {
                    assert!(
                        !f.bytes().any(|b| b.is_ascii_alphanumeric()),
                        "{c:?} -> {f:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_passage_plain_once_folded_scores_as_word_by_word() {
        // Lower-case needles ignore case, others keep it (smart case).
        let cases = [
            ("Émile Zola wrote", "emile"),
            ("Émile Zola wrote", "Emile"),
            ("Émile Zola wrote", "emile zola"),
            ("José Sánchez said", "Sanchez"),
            ("José Sánchez said", "josesanchez"),
            ("cafe\u{301} society", "cafe"),
            ("a \u{301} bc", "abc"),
            ("\u{212a}elvin scale", "Kelvin"),
            ("\u{212a}elvin scale", "kelvin"),
            ("Zürich rain “all week”", "zurich"),
            ("Zürich rain", "rainy"),
            ("小红书 rain", "rain"),
        ];
        for (text, query) in cases {
            for term in crate::search::Query::parse(query).terms() {
                let reference =
                    crate::search::matcher::Passage::new(text).term_score_reference(term);
                let fast = fuzzy_score(text, &term.needle, term.case_sensitive);
                assert_eq!(fast, reference, "{text:?} {term:?}");
                assert!(!plain_text(text));
            }
        }
        // Past the copy's bound: word by word, the same answer.
        let long = format!("{}Zola", "Émile ".repeat(FOLDED_COPY_MAX / 6));
        assert!(long.len() > FOLDED_COPY_MAX);
        for needle in ["zola", "emilezola", "xyz"] {
            let term = crate::search::Query::parse(needle);
            let term = term.terms().next().expect("a term");
            let reference = crate::search::matcher::Passage::new(&long).term_score_reference(term);
            assert_eq!(fuzzy_score(&long, needle, false), reference, "{needle}");
        }
    }
}
