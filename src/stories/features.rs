//! What an article says about its event, as hashed features: content words
//! (lower-cased, lightly stemmed, stop words dropped), names (capitalised
//! words inside a sentence, and pairs of them), numbers, and the headline
//! counted extra. Sentences that many articles share verbatim (site
//! furniture: "Tweet with a location", archive notices) are found first and
//! left out, since they say nothing about the event. Words and folding are
//! `text`'s.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::text::{fold_str, is_word_char};

/// 64-bit FNV-1a: deterministic on every machine and run, unlike the
/// standard library's randomly keyed hasher.
pub(crate) fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // Separator so ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // One multiply spreads any key's bits to the top, which the table's
        // probing uses.
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(crate) type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// What kind of evidence a feature is; names count more than plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Name,
    Number,
}

/// One raw feature in 64 bits (memory matters at 100,000 articles): a
/// 46-bit feature hash, the kind, and the term count in quarters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Raw(u64);

impl Raw {
    fn new(hash: u64, tf: f32, kind: Kind) -> Self {
        let count = (tf * 4.0).round().clamp(1.0, 65_535.0) as u64;
        let kind = match kind {
            Kind::Word => 0,
            Kind::Name => 1,
            Kind::Number => 2,
        };
        Self((hash >> 18) << 18 | kind << 16 | count)
    }

    /// The feature's identity (the same whatever its kind in this article).
    pub(crate) fn key(self) -> u64 {
        self.0 >> 18
    }

    pub(crate) fn tf(self) -> f32 {
        (self.0 & 0xffff) as f32 / 4.0
    }

    pub(crate) fn kind(self) -> Kind {
        match (self.0 >> 16) & 3 {
            1 => Kind::Name,
            2 => Kind::Number,
            _ => Kind::Word,
        }
    }
}

/// One article's raw features, sorted by key.
pub(crate) type RawFeatures = Vec<Raw>;

/// A token as the scanner sees it.
struct Token<'a> {
    text: &'a str,
    /// First in its sentence (or after an opening quote or colon), where a
    /// capital letter says nothing about being a name.
    at_start: bool,
}

/// Words too common to tell events apart, plus reporting verbs.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "told",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "according",
    "told",
    "mr",
    "mrs",
    "ms",
    "dr",
    "re",
    "ll",
    "ve",
    "don",
    "didn",
    "doesn",
    "isn",
    "wasn",
    "won",
    "t",
    "s",
    "d",
    "m",
    "it's",
    "first",
    "time",
    "people",
    "three",
    "told",
    "week",
    "day",
    "days",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "news",
    "report",
    "reported",
    "reports",
    "via",
    "well",
    "back",
    "made",
    "make",
    "way",
    "think",
    "know",
    "going",
    "want",
    "see",
    "go",
    "use",
    "used",
    "around",
    "another",
    "told",
    "including",
    "around",
    "among",
    "every",
    "something",
    "take",
    "including",
];

/// True for a stop word; `key` is `fnv(&[lower])`, computed once per word.
fn is_stop_key(lower: &str, key: u64) -> bool {
    // Hashed once on first use (a 64-bit hash: no false hits in practice).
    use std::sync::OnceLock;
    static SET: OnceLock<HashKeyed<()>> = OnceLock::new();
    let set = SET.get_or_init(|| STOP.iter().map(|w| (fnv(&[w.as_bytes()]), ())).collect());
    lower.len() <= 10 && set.contains_key(&key)
}

/// Light suffix stripping so "charges"/"charged"/"charge" meet; names are
/// never stemmed (they are matched as written).
pub(crate) fn stem(w: &str) -> &str {
    let n = w.len();
    if n > 5 && w.ends_with("ies") {
        return &w[..n - 3];
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if n > suffix.len() + 3 && w.ends_with(suffix) && !w.ends_with("ss") {
            return &w[..n - suffix.len()];
        }
    }
    w
}

/// Calls `f` for each sentence (as its tokens) of `text`. Sentences end at
/// `.`, `!`, `?` and line breaks; `:` and quote marks only reset the
/// "sentence start" flag. A digit group keeps its `,` and `.` ("1,200").
fn sentences<'a>(text: &'a str, mut f: impl FnMut(&[Token<'a>])) {
    let mut tokens: Vec<Token<'a>> = Vec::new();
    let mut start_next = true;
    let mut word_start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII without decoding; other characters decoded one at a time.
        let (c, len) = if bytes[i] < 0x80 {
            (char::from(bytes[i]), 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        let at = i;
        i += len;
        let in_word = is_word_char(c)
            || (matches!(c, ',' | '.')
                && word_start.is_some_and(|s| bytes[s].is_ascii_digit())
                && bytes.get(i).is_some_and(u8::is_ascii_digit));
        if in_word {
            if word_start.is_none() {
                word_start = Some(at);
            }
            continue;
        }
        if let Some(s) = word_start.take() {
            tokens.push(Token {
                text: &text[s..at],
                at_start: std::mem::replace(&mut start_next, false),
            });
        }
        match c {
            '.' | '!' | '?' | '\n' | '\r' => {
                if !tokens.is_empty() {
                    f(&tokens);
                    tokens.clear();
                }
                start_next = true;
            }
            ':' | '"' | '“' | '”' | '‘' | '(' | '[' => {
                start_next = true;
            }
            _ => {}
        }
    }
    if let Some(s) = word_start {
        tokens.push(Token {
            text: &text[s..],
            at_start: start_next,
        });
    }
    if !tokens.is_empty() {
        f(&tokens);
    }
}

/// Sentences shorter than this are never treated as shared boilerplate.
const BOILERPLATE_MIN_WORDS: usize = 6;

fn sentence_key(tokens: &[Token<'_>]) -> Option<u64> {
    if tokens.len() < BOILERPLATE_MIN_WORDS {
        return None;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for t in tokens {
        for b in t.text.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0x20;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    Some(h)
}

/// The distinct long-sentence keys of one article (for finding boilerplate).
pub(crate) fn sentence_keys<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut keys = Vec::new();
    for t in texts {
        sentences(t, |toks| keys.extend(sentence_key(toks)));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_number(w: &str) -> bool {
    w.bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

#[derive(Default)]
struct Counts {
    tf: f32,
    /// Occurrences written with a capital inside a sentence.
    capital_inside: u32,
    /// Occurrences inside a sentence (where capitalisation means something).
    inside: u32,
    kind_number: bool,
}

/// What [`extract`] gathers while reading an article.
#[derive(Default)]
struct Acc {
    counts: HashKeyed<Counts>,
    /// Adjacent capitalised words (name pairs).
    pairs: HashKeyed<f32>,
    /// Scratch: the current word folded.
    lower: String,
    /// Body words, and those in furniture sentences.
    words: usize,
    furniture: usize,
}

/// Extracts one article's features. `title` counts `title_weight` times per
/// occurrence; sentences whose key is in `boilerplate` are skipped.
pub(crate) fn extract<'a>(
    title: Option<&'a str>,
    body: impl Iterator<Item = &'a str>,
    boilerplate: &HashKeyed<()>,
    title_weight: f32,
) -> RawFeatures {
    let mut acc = Acc::default();
    let add_sentence = |acc: &mut Acc, toks: &[Token<'_>], weight: f32, check: bool| {
        let Acc {
            counts,
            pairs,
            lower,
            words,
            furniture,
        } = acc;
        if check {
            *words += toks.len();
            if !boilerplate.is_empty()
                && sentence_key(toks).is_some_and(|k| boilerplate.contains_key(&k))
            {
                *furniture += toks.len();
                return;
            }
        }
        let mut prev_name: Option<&str> = None;
        for t in toks {
            let w = t.text;
            let short = if w.is_ascii() {
                w.len() < 2
            } else {
                w.chars().nth(1).is_none()
            };
            if short && !w.bytes().all(|b| b.is_ascii_digit()) {
                prev_name = None;
                continue;
            }
            // Case and diacritics folded, as everywhere in crossread (ASCII
            // without allocating).
            if w.is_ascii() {
                lower.clear();
                lower.push_str(w);
                lower.make_ascii_lowercase();
            } else {
                *lower = fold_str(w, false);
            }
            let number = is_number(w);
            let folded_key = fnv(&[lower.as_bytes()]);
            if number {
                // Single digits and bare years-of-one-digit say little.
                if w.len() < 2 {
                    prev_name = None;
                    continue;
                }
            } else if is_stop_key(lower, folded_key) {
                prev_name = None;
                continue;
            }
            let cap = !number && is_capitalised(w);
            // Stemmed everywhere (names too) so a word at a sentence start
            // and inside one meet.
            let key_text = if number { lower.as_str() } else { stem(lower) };
            let key = if key_text.len() == lower.len() {
                folded_key
            } else {
                fnv(&[key_text.as_bytes()])
            };
            let c = counts.entry(key).or_default();
            c.tf += weight;
            c.kind_number |= number;
            if !t.at_start {
                c.inside += 1;
                if cap {
                    c.capital_inside += 1;
                }
            }
            // Adjacent capitalised words inside a sentence: a full name
            // ("Tim Medlin", "Johnston County").
            if cap {
                if let Some(p) = prev_name {
                    let pk = fnv(&[b"n", p.as_bytes(), lower.as_bytes()]);
                    *pairs.entry(pk).or_default() += weight;
                }
                prev_name = Some(w);
            } else {
                prev_name = None;
            }
        }
    };
    for text in body {
        sentences(text, |toks| add_sentence(&mut acc, toks, 1.0, true));
    }
    // A body that is mostly furniture (a scraped archive notice, a "page
    // not found") has little of its own: what is left of it would only
    // join it to other such pages. Its headline, if any, still counts.
    if acc.furniture * 2 > acc.words {
        acc.counts.clear();
        acc.pairs.clear();
    }
    if let Some(t) = title {
        sentences(t, |toks| add_sentence(&mut acc, toks, title_weight, false));
    }
    let Acc { counts, pairs, .. } = acc;
    let mut out: RawFeatures = counts
        .into_iter()
        .map(|(k, c)| {
            let kind = if c.kind_number {
                Kind::Number
            } else if c.inside > 0 && c.capital_inside * 2 > c.inside {
                Kind::Name
            } else {
                Kind::Word
            };
            Raw::new(k, c.tf, kind)
        })
        .chain(pairs.into_iter().map(|(k, tf)| Raw::new(k, tf, Kind::Name)))
        .collect();
    out.sort_unstable_by_key(|r| r.key());
    out
}

/// Days since 1970-01-01 for dates written `YYYY-MM-DD…` (ISO 8601 / RFC
/// 3339) or `[Day, ]DD Mon YYYY…` (RFC 2822, as in RSS); None otherwise.
pub(crate) fn parse_day(date: &str) -> Option<i64> {
    let d = date.trim();
    let iso = || -> Option<(i64, u32, u32)> {
        let b = d.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Some((
            d.get(0..4)?.parse().ok()?,
            d.get(5..7)?.parse().ok()?,
            d.get(8..10)?.parse().ok()?,
        ))
    };
    let rfc = || -> Option<(i64, u32, u32)> {
        let rest = d.split_once(',').map_or(d, |(_, r)| r);
        let mut it = rest.split_whitespace();
        let day: u32 = it.next()?.parse().ok()?;
        let mon = it.next()?.get(0..3)?.to_ascii_lowercase();
        let months = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let m = months.iter().position(|&x| x == mon)? as u32 + 1;
        let y: i64 = it.next()?.parse().ok()?;
        Some((y, m, day))
    };
    let (y, m, day) = iso().or_else(rfc)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || !(1000..=9999).contains(&y) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Vec<(String, bool)>> {
        let mut out = Vec::new();
        sentences(text, |t| {
            out.push(t.iter().map(|t| (t.text.to_string(), t.at_start)).collect())
        });
        out
    }

    #[test]
    fn sentences_split_and_mark_starts() {
        let s = toks("The mayor of Brindle spoke. \"Rain came\": Paul Ovid, 1,200 people.");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0][0], ("The".into(), true));
        assert_eq!(s[0][3], ("Brindle".into(), false));
        assert_eq!(s[1][0], ("Rain".into(), true));
        assert_eq!(s[1][2], ("Paul".into(), true));
        assert_eq!(s[1][3], ("Ovid".into(), false));
        assert_eq!(s[1][4], ("1,200".into(), false));
    }

    #[test]
    fn names_numbers_and_words_are_told_apart() {
        let f = extract(
            Some("Flood in Brindle"),
            ["Officials in Brindle counted 4,500 homes. The river flooded Brindle."].into_iter(),
            &HashKeyed::default(),
            2.0,
        );
        let get = |w: &str| {
            let k = fnv(&[w.as_bytes()]) >> 18;
            f.iter().find(|x| x.key() == k).map(|x| (x.tf(), x.kind()))
        };
        assert_eq!(get("brindle"), Some((4.0, Kind::Name)));
        assert_eq!(get("4,500"), Some((1.0, Kind::Number)));
        assert_eq!(get("flood"), Some((2.0 + 1.0, Kind::Word)));
        assert_eq!(get("the"), None);
    }

    #[test]
    fn boilerplate_sentences_are_skipped() {
        let text = "Share this story with your friends on every network. Brindle flooded when the river rose in the night and swept through its low streets.";
        let mut keys = HashKeyed::default();
        for k in sentence_keys([text].into_iter()) {
            keys.insert(k, ());
        }
        let f = extract(None, [text].into_iter(), &keys, 2.0);
        assert!(f.iter().all(|x| x.key() != fnv(&[b"friend"]) >> 18));
        assert!(f.iter().any(|x| x.key() == fnv(&[b"brindle"]) >> 18));
    }

    #[test]
    fn dates_parse() {
        assert_eq!(parse_day("1970-01-02"), Some(1));
        assert_eq!(
            parse_day("2024-03-01T10:00:00Z"),
            parse_day("Fri, 01 Mar 2024 10:00 GMT")
        );
        assert_eq!(
            parse_day("2024-03-01")
                .zip(parse_day("2024-02-28"))
                .map(|(a, b)| a - b),
            Some(2)
        );
        assert_eq!(parse_day("yesterday"), None);
        assert_eq!(parse_day("2024-13-01"), None);
    }
}
