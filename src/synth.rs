//! A deterministic synthetic news corpus for benchmarks, scale tests and
//! comparisons with other tools. Same seed, same corpus, on every machine.
//!
//! Articles have quotes with speakers (typographic quote marks), names with
//! diacritics, numbers, dashes and a Zipf-like vocabulary, so the search
//! index and the quote engine meet realistic text. [`stories`] adds story
//! structure (events covered by several outlets) for story clustering.
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
            paragraphs: paras.into(),
            ..Article::default()
        });
    }
    Story {
        id: "synthetic".into(),
        title: format!("Synthetic corpus ({articles} articles, seed {seed})"),
        articles: out,
    }
}

/// Outlets for [`stories`].
const OUTLETS: &[&str] = &[
    "Daily Lantern",
    "Harbour Radio",
    "National Wire",
    "Valley Herald",
    "Capital Post",
    "Morning Ledger",
    "Evening Courier",
    "Coastal Times",
    "Metro Bulletin",
    "Northern Star",
    "River Gazette",
    "Plains Journal",
    "Summit Review",
    "City Desk",
    "Island Voice",
];

/// A capitalised pseudo-word of `n` syllables (names of people and places).
fn proper(rng: &mut Rng, n: usize) -> String {
    let w: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
    proper_case(&w)
}

/// One synthetic event: who, where, what (its own rare words), numbers, when.
struct Event {
    people: Vec<String>,
    place: String,
    keywords: Vec<String>,
    numbers: Vec<String>,
    day: u32,
}

/// A corpus with story structure: `articles` articles about events covered
/// by 1 to 8 outlets each (most events by 2 to 4), written over the same
/// Zipf background as [`story`], each mentioning its event's people, place,
/// rare words and numbers, with a headline and a date within two days of
/// the event. Some people (a pool of public figures) appear in several
/// unrelated events. Returns the articles and each one's event number.
/// Deterministic for a given seed.
pub fn stories(articles: usize, seed: u64) -> (Story, Vec<u32>) {
    let mut rng = Rng::new(seed);
    let vocab = vocabulary(&mut rng, 20_000, ABSENT_WORDS);
    let figures: Vec<String> = (0..60)
        .map(|_| format!("{} {}", rng.pick(FIRST), proper(&mut rng, 3)))
        .collect();
    let mut out = Vec::with_capacity(articles);
    let mut labels = Vec::with_capacity(articles);
    let mut event_no = 0u32;
    while out.len() < articles {
        // Sizes 1..=8, mostly 2..=4.
        let size = [1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 8][rng.below(12)].min(articles - out.len());
        let mut people = vec![format!("{} {}", rng.pick(FIRST), proper(&mut rng, 3))];
        if rng.below(3) == 0 {
            people.push(rng.pick(&figures).clone());
        } else {
            people.push(format!("{} {}", rng.pick(FIRST), proper(&mut rng, 2)));
        }
        let place_len = 2 + rng.below(2);
        let event = Event {
            people,
            place: proper(&mut rng, place_len),
            keywords: (0..8)
                .map(|_| {
                    let n = 3 + rng.below(2);
                    (0..n).map(|_| *rng.pick(SYLLABLES)).collect()
                })
                .collect(),
            numbers: (0..3)
                .map(|_| (10 + rng.below(9_990)).to_string())
                .collect(),
            day: rng.below(365) as u32,
        };
        let first_outlet = rng.below(OUTLETS.len());
        for k in 0..size {
            let a = out.len();
            let outlet = OUTLETS[(first_outlet + k) % OUTLETS.len()];
            out.push(event_article(&mut rng, &vocab, &event, a, outlet));
            labels.push(event_no);
        }
        event_no += 1;
    }
    let story = Story {
        id: "synthetic-stories".into(),
        title: format!("Synthetic stories ({articles} articles, seed {seed})"),
        articles: out,
    };
    (story, labels)
}

fn event_article(rng: &mut Rng, vocab: &[String], e: &Event, a: usize, outlet: &str) -> Article {
    let kw = |rng: &mut Rng| e.keywords[rng.below(e.keywords.len())].clone();
    let title = format!(
        "{} {} in {} as {} {}",
        proper_case(&kw(rng)),
        kw(rng),
        e.place,
        e.people[0].split(' ').nth(1).unwrap_or(""),
        kw(rng)
    );
    let paragraphs = 4 + rng.below(4);
    let mut paras = Vec::with_capacity(paragraphs);
    for p in 0..paragraphs {
        let mut text = String::with_capacity(560);
        if p == 0 {
            text.push_str(&format!(
                "{} {} {} in {} on day {}, {} said. ",
                proper_case(&kw(rng)),
                kw(rng),
                kw(rng),
                e.place,
                e.day,
                e.people[0]
            ));
        }
        while text.len() < 420 {
            let words = 10 + rng.below(14);
            sentence(rng, vocab, &mut text, words);
            text.pop();
            // Event evidence sprinkled into the background.
            match rng.below(5) {
                0 => text.push_str(&format!(" {} {}.", kw(rng), kw(rng))),
                1 => text.push_str(&format!(", said {}.", e.people[rng.below(e.people.len())])),
                2 => text.push_str(&format!(" near {}.", e.place)),
                3 => text.push_str(&format!(" {} {}.", e.numbers[rng.below(3)], kw(rng))),
                _ => text.push('.'),
            }
            text.push(' ');
        }
        paras.push(text.trim_end().to_string());
    }
    let day = e.day + rng.below(3) as u32;
    Article {
        id: format!("story-{a:06}"),
        label: outlet.to_string(),
        source: Some(outlet.to_string()),
        title: Some(title),
        date: Some(format!(
            "2025-{:02}-{:02}",
            1 + (day / 28) % 12,
            1 + day % 28
        )),
        paragraphs: paras.into(),
        ..Article::default()
    }
}

fn proper_case(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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
    fn stories_are_deterministic_and_labelled() {
        let (a, la) = stories(200, 3);
        let (b, lb) = stories(200, 3);
        assert_eq!(a, b);
        assert_eq!(la, lb);
        assert_eq!(a.articles.len(), 200);
        assert_eq!(la.len(), 200);
        let events = la.iter().max().map_or(0, |&m| m + 1);
        assert!((40..120).contains(&events), "{events}");
        assert!(
            a.articles
                .iter()
                .all(|x| x.date.is_some() && x.source.is_some())
        );
    }

    #[test]
    fn deterministic() {
        assert_eq!(story(3, 7), story(3, 7));
        assert_ne!(story(3, 7), story(3, 8));
    }

    #[test]
    fn paragraphs_are_about_500_bytes() {
        let s = story(20, 1);
        let paras: Vec<&str> = s.articles.iter().flat_map(|a| &a.paragraphs).collect();
        let avg = paras.iter().map(|p| p.len()).sum::<usize>() / paras.len();
        assert!((400..650).contains(&avg), "{avg}");
    }
}
