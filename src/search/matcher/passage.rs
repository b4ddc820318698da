//! A passage folded once per case mode ([`PreparedPassage`], [`Passage`]) and
//! every kind of term matched on it: the reference the index agrees with.

use std::ops::Range;

use super::super::query::{MatchKind, Query, Term};
use super::fast::{fuzzy_matches_text, fuzzy_score_in, plain_text};
use super::word::{WINDOW_PART_MIN, char_mask, word_match};
use crate::text::{Folded, fold, words};

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
pub(super) fn fuzzy_matches(
    p: &PreparedPassage,
    needle: &str,
    all: bool,
) -> Vec<(i64, Vec<usize>)> {
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
pub(super) fn exact_matches(p: &PreparedPassage, term: &Term) -> Vec<Range<usize>> {
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

/// Exact, prefix, suffix and whole-passage terms on ASCII text (or plain
/// text, for a needle of ASCII letters and digits), without folding: the
/// same answers as [`exact_matches`] there.
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
    /// [`plain_text`] of the text, once asked.
    plain: Option<bool>,
    lower: Option<PreparedPassage>,
    cased: Option<PreparedPassage>,
}

impl<'t> Passage<'t> {
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            plain: None,
            lower: None,
            cased: None,
        }
    }

    /// A passage whose [`plain_text`] is already known.
    pub fn with_plain(text: &'t str, plain: bool) -> Self {
        Self {
            plain: Some(plain),
            ..Self::new(text)
        }
    }

    pub(super) fn prepared(&mut self, keep_case: bool) -> &PreparedPassage {
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
            let plain = *self.plain.get_or_insert_with(|| plain_text(self.text));
            return fuzzy_score_in(
                self.text,
                &term.needle,
                term.case_sensitive,
                Some(plain),
                false,
            );
        }
        // On plain text (ASCII and characters that only separate words,
        // folding to no letter or digit) a needle of ASCII letters and
        // digits matches the folded text exactly where it matches the
        // bytes, ignoring ASCII case: no need to fold.
        let bytes_decide = term.needle.is_ascii()
            && (self.text.is_ascii()
                || (term.needle.bytes().all(|b| b.is_ascii_alphanumeric())
                    && *self.plain.get_or_insert_with(|| plain_text(self.text))));
        if bytes_decide {
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

    /// Whether the passage matches the whole query: [`Self::query_score`]
    /// is some, decided without looking for the best score (a fuzzy term
    /// stops at its first matching word). `plain` is
    /// [`super::plain_text`] of the passage if known.
    pub fn query_matches(&mut self, q: &Query, plain: Option<bool>) -> bool {
        q.groups.iter().all(|group| {
            group
                .iter()
                .any(|term| self.term_matches(term, plain) != term.negated)
        })
    }

    /// Whether one term occurs here ([`Self::term_score`] is some; negation
    /// not applied), a fuzzy term decided at its first matching word.
    pub fn term_matches(&mut self, term: &Term, plain: Option<bool>) -> bool {
        if term.kind == MatchKind::Fuzzy {
            let plain =
                plain.unwrap_or_else(|| *self.plain.get_or_insert_with(|| plain_text(self.text)));
            fuzzy_matches_text(self.text, &term.needle, term.case_sensitive, Some(plain))
        } else {
            self.term_score(term).is_some()
        }
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
