//! A deterministic synthetic news corpus for benchmarks, scale tests and
//! comparisons with other tools. Same seed, same corpus, on every machine.
//!
//! Articles have quotes with speakers (typographic quote marks), names with
//! diacritics, numbers, dashes and a Zipf-like vocabulary, so the search
//! index and the quote engine meet realistic text.
//!
//! Test support: built only with the `testing` feature. Imports `corpus`
//! and `search`.

use crate::corpus::{Article, Story};
use crate::search::matcher::word_score;

/// SplitMix64: tiny, fast, and stable across versions (unlike library RNGs
/// whose streams may change), which is what a reproducible corpus needs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Zipf-ish index into `n` items: small indices far more often.
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0) as usize % n.max(1)
    }
}

const FIRST: &[&str] = &[
    "Sarah", "Ivy", "Marcus", "Jacob", "Heather", "Liu", "José", "Émile", "Amanda", "Omar",
    "Priya", "Kenji", "Grace", "Daniel", "Nadia", "Lucas", "Mei", "Ahmed", "Olga", "Tom",
];
const LAST: &[&str] = &[
    "Fotheringham",
    "Yang",
    "Robinson",
    "Hui",
    "Roberts",
    "Xingliang",
    "Sánchez",
    "Zola",
    "Okafor",
    "Haddad",
    "Natarajan",
    "Watanabe",
    "Kim",
    "Reyes",
    "Rahman",
    "Silva",
    "Chen",
    "Saleh",
    "Petrova",
    "Baker",
];
const ROLES: &[&str] = &[
    "a technology analyst",
    "a school worker",
    "a fashion designer",
    "an industry analyst",
    "a translator",
    "a local resident",
    "a spokesperson",
    "a small-business owner",
    "a student",
    "a policy researcher",
];
const VERBS: &[&str] = &[
    "said",
    "noted",
    "added",
    "told reporters",
    "wrote",
    "explained",
    "warned",
];
const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "for",
    "on",
    "with",
    "as",
    "was",
    "users",
    "app",
    "platform",
    "TikTok",
    "RedNote",
    "Xiaohongshu",
    "ban",
    "court",
    "refugee",
    "refugees",
    "government",
    "Chinese",
    "American",
    "social",
    "media",
    "video",
    "content",
    "data",
    "privacy",
    "security",
    "law",
    "Supreme",
    "Court",
    "deadline",
    "January",
    "millions",
    "downloads",
    "community",
    "culture",
    "exchange",
    "policy",
    "officials",
    "company",
    "market",
    "growth",
    "week",
    "day",
    "new",
    "more",
    "their",
    "have",
    "has",
    "been",
    "by",
    "from",
    "at",
    "it",
    "its",
    "this",
    "are",
    "were",
    "not",
    "but",
    "or",
    "an",
    "moderation",
    "censorship",
    "influencers",
    "creators",
    "followers",
    "posts",
    "comments",
    "translation",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "ren", "vi", "sta", "mor", "quel", "den", "bri", "sol", "nax", "pe", "gor", "li",
    "an", "tor", "es", "mi", "dal", "ven", "o", "ra", "zin", "cel", "ho", "pla", "ner", "fi", "gu",
    "wen",
];

/// The corpus vocabulary: common words plus pseudo-words, excluding any a
/// reference query must not find (so "trump" stays absent, as in real tests).
fn vocabulary(rng: &mut Rng, size: usize, absent: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = COMMON.iter().map(|s| s.to_string()).collect();
    while words.len() < size {
        let n = 2 + rng.below(3);
        let w: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
        if absent.iter().all(|a| word_score(&w, a).is_none()) {
            words.push(w);
        }
    }
    words
}

/// Words no synthetic text contains.
pub const ABSENT_WORDS: &[&str] = &["trump"];

/// Generates `articles` articles, deterministic for a given seed.
pub fn story(articles: usize, seed: u64) -> Story {
    let mut rng = Rng::new(seed);
    let vocab = vocabulary(&mut rng, 20_000, ABSENT_WORDS);
    let mut out = Vec::with_capacity(articles);
    for a in 0..articles {
        let paragraphs = 6 + rng.below(5);
        let mut paras = Vec::with_capacity(paragraphs);
        let speaker = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        let surname = speaker.split(' ').nth(1).unwrap_or("").to_string();
        for p in 0..paragraphs {
            let mut text = String::with_capacity(560);
            if p % 3 == 1 {
                text.push('“');
                let words = 12 + rng.below(10);
                sentence(&mut rng, &vocab, &mut text, words);
                text.pop(); // the full stop: the quote ends with a comma
                text.push_str(",” ");
                if p == 1 {
                    text.push_str(&format!("said {speaker}, {}. ", rng.pick(ROLES)));
                } else {
                    text.push_str(&format!("{surname} {}. ", rng.pick(VERBS)));
                }
            }
            while text.len() < 460 {
                let words = 10 + rng.below(14);
                sentence(&mut rng, &vocab, &mut text, words);
                text.push(' ');
                if rng.below(6) == 0 {
                    text.push_str(&format!(
                        "About {},{:03} people — ",
                        1 + rng.below(900),
                        rng.below(1000)
                    ));
                }
            }
            paras.push(text.trim_end().to_string());
        }
        out.push(Article {
            id: format!("synthetic-{a:05}"),
            label: format!("S{a}"),
            title: Some(format!("Synthetic report {a}")),
            paragraphs: paras,
            ..Article::default()
        });
    }
    Story {
        id: "synthetic".into(),
        title: format!("Synthetic corpus ({articles} articles, seed {seed})"),
        articles: out,
    }
}

fn sentence(rng: &mut Rng, vocab: &[String], out: &mut String, words: usize) {
    for i in 0..words {
        let w = &vocab[rng.zipf(vocab.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
        if i + 1 < words && rng.below(12) == 0 {
            out.push(',');
        }
    }
    out.push('.');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(story(3, 7), story(3, 7));
        assert_ne!(story(3, 7), story(3, 8));
    }

    #[test]
    fn paragraphs_are_about_500_bytes() {
        let s = story(20, 1);
        let paras: Vec<&String> = s.articles.iter().flat_map(|a| &a.paragraphs).collect();
        let avg = paras.iter().map(|p| p.len()).sum::<usize>() / paras.len();
        assert!((400..650).contains(&avg), "{avg}");
    }
}
