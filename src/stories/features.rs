//! What an article says about its event, as hashed features: content words
//! (lower-cased, lightly stemmed, stop words dropped), names (capitalised
//! words inside a sentence, and pairs of them), numbers, and the headline
//! counted extra. Sentences that many articles share verbatim (site
//! furniture: "Tweet with a location", archive notices) are found first and
//! left out, since they say nothing about the event. Words and folding are
//! `text`'s; sentences, stop words and hashing are this module's siblings.

use super::hashing::{HashKeyed, fnv};
use super::sentences::{Token, sentence_key, sentences};
use super::stopwords::{is_stop_key, stem};
use crate::text::fold_str;

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
    pub(crate) fn new(hash: u64, tf: f32, kind: Kind) -> Self {
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

/// A body with fewer words than this outside furniture sentences, and
/// more furniture than that, is a furniture page (see [`extract`]).
const FURNITURE_PAGE_MAX_OWN_WORDS: usize = 20;

/// What [`extract`] gathers while reading an article; kept from one
/// article to the next on a thread ([`Scratch`]) so its tables keep their
/// room instead of growing again for every article.
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
#[cfg(test)]
pub(crate) fn extract<'a>(
    title: Option<&'a str>,
    body: impl Iterator<Item = &'a str>,
    boilerplate: &HashKeyed<()>,
    title_weight: f32,
) -> RawFeatures {
    extract_counted(
        title,
        body,
        boilerplate,
        title_weight,
        &mut Scratch::default(),
    )
    .0
}

/// Tables larger than this many entries are not kept for the next article.
const SCRATCH_KEEP: usize = 8192;

/// Working space for [`extract_counted`], reused across articles.
#[derive(Default)]
pub(crate) struct Scratch(Acc);

/// [`extract`], also returning how many words of its own the article has
/// (its headline's and its body's outside furniture; none for a furniture
/// page).
pub(crate) fn extract_counted<'a>(
    title: Option<&'a str>,
    body: impl Iterator<Item = &'a str>,
    boilerplate: &HashKeyed<()>,
    title_weight: f32,
    scratch: &mut Scratch,
) -> (RawFeatures, u32) {
    let acc = &mut scratch.0;
    // An outsized article's room is not kept for all the ordinary ones
    // after it (clearing costs the table's size).
    if acc.counts.capacity() > SCRATCH_KEEP {
        acc.counts = HashKeyed::default();
    }
    if acc.pairs.capacity() > SCRATCH_KEEP {
        acc.pairs = HashKeyed::default();
    }
    acc.counts.clear();
    acc.pairs.clear();
    acc.words = 0;
    acc.furniture = 0;
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
        sentences(text, |toks| add_sentence(acc, toks, 1.0, true));
    }
    // A body that is mostly furniture with only a few words of its own (a
    // scraped archive notice, a "page not found") has nothing to cluster
    // by: what is left would only join it to other such pages. A real
    // article under a long footer keeps its text; the headline, if any,
    // always counts.
    let mut own = acc.words - acc.furniture;
    if acc.furniture > own && own < FURNITURE_PAGE_MAX_OWN_WORDS {
        acc.counts.clear();
        acc.pairs.clear();
        own = 0;
    }
    if let Some(t) = title {
        sentences(t, |toks| own += toks.len());
        sentences(t, |toks| add_sentence(acc, toks, title_weight, false));
    }
    let mut out: RawFeatures = Vec::with_capacity(acc.counts.len() + acc.pairs.len());
    out.extend(
        acc.counts
            .drain()
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
            .chain(acc.pairs.drain().map(|(k, tf)| Raw::new(k, tf, Kind::Name))),
    );
    out.sort_unstable_by_key(|r| r.key());
    (out, u32::try_from(own).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::super::sentences::sentence_keys;
    use super::*;

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
        let footer = "Share this story with your friends on every network.";
        let text = format!(
            "{footer} Brindle flooded when the river rose in the night and swept through its low streets."
        );
        let keys: HashKeyed<()> = sentence_keys([footer].into_iter())
            .into_iter()
            .map(|k| (k, ()))
            .collect();
        let f = extract(None, [text.as_str()].into_iter(), &keys, 2.0);
        assert!(f.iter().all(|x| x.key() != fnv(&[b"friend"]) >> 18));
        assert!(f.iter().any(|x| x.key() == fnv(&[b"brindle"]) >> 18));
    }

    #[test]
    fn an_article_under_a_long_footer_keeps_its_text() {
        let footer = [
            "Sign up for our newsletter to get the best stories every morning.",
            "Share this story with your friends on every network you use.",
            "Read our privacy policy to learn how we use your information.",
        ]
        .join(" ");
        let text = format!(
            "Brindle flooded when the river rose in the night and swept through its low streets. \
             Volunteers filled sandbags at the school until dawn. {footer}"
        );
        let keys: HashKeyed<()> = sentence_keys([footer.as_str()].into_iter())
            .into_iter()
            .map(|k| (k, ()))
            .collect();
        let f = extract(None, [text.as_str()].into_iter(), &keys, 2.0);
        assert!(f.iter().any(|x| x.key() == fnv(&[b"brindle"]) >> 18));
    }

    #[test]
    fn a_body_mostly_furniture_keeps_only_its_headline() {
        let notice = "Sign in to see the whole of this page and everything else on it.";
        let text = format!("{notice} Brindle flooded.");
        let keys: HashKeyed<()> = sentence_keys([notice].into_iter())
            .into_iter()
            .map(|k| (k, ()))
            .collect();
        let f = extract(
            Some("Harbour fire"),
            [text.as_str()].into_iter(),
            &keys,
            2.0,
        );
        assert!(f.iter().all(|x| x.key() != fnv(&[b"brindle"]) >> 18));
        assert!(f.iter().any(|x| x.key() == fnv(&[b"harbour"]) >> 18));
    }
}
