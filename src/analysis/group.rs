//! Cross-source quote groups: content words and similarity, the kind of
//! each pair (same, trimmed, paraphrase) and complete-link grouping, so a
//! group is a set of quotes that each match it, never a chain.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::lexicon::is_stop_word;
use super::{Analysis, GroupKind, QuoteGroup};

/// Content words of a quote: lowercase, apostrophes unified, `n't` split
/// off as `not`, a plural or possessive `s` dropped, stop words removed.
fn content_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_content_word(text, &mut String::new(), |w| out.push(w.to_string()));
    out
}

/// [`content_words`] one at a time, lowered into `buf` (reused) rather than
/// a new string each.
fn each_content_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        buf.clear();
        if raw.is_ascii() {
            buf.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            buf.push_str(&raw.to_lowercase().replace('’', "'"));
        }
        let w = buf.trim_matches('\'');
        if w.is_empty() {
            continue;
        }
        let w = if let Some(stem) = w.strip_suffix("n't") {
            f("not");
            stem
        } else {
            w.split('\'').next().unwrap_or(w)
        };
        let w = if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
            &w[..w.len() - 1]
        } else {
            w
        };
        if !is_stop_word(w) && !w.is_empty() {
            f(w);
        }
    }
}

/// Similarity of two quotes' wording, 0..=1: shared content words over the
/// shorter quote's, so a trimmed or reworded version of a longer quote still
/// scores high.
pub fn similarity(a: &str, b: &str) -> f32 {
    let wa: HashSet<String> = content_words(a).into_iter().collect();
    let wb: HashSet<String> = content_words(b).into_iter().collect();
    let shared = wa.intersection(&wb).count();
    let smaller = wa.len().min(wb.len());
    if smaller == 0 {
        return 0.0;
    }
    shared as f32 / smaller as f32
}

/// The words of a text as slices of it (no copies).
fn normalized_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Case-insensitive word equality without allocating.
fn same_word(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || !(a.is_ascii() && b.is_ascii())
            && a.chars()
                .flat_map(char::to_lowercase)
                .eq(b.chars().flat_map(char::to_lowercase))
}

fn same_words(a: &[&str], b: &[&str]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_word(x, y))
}

fn pair_kind(a: &str, b: &str) -> GroupKind {
    let (wa, wb) = (normalized_words(a), normalized_words(b));
    if same_words(&wa, &wb) {
        return GroupKind::Same;
    }
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if !short.is_empty() && long.windows(short.len()).any(|w| same_words(w, short)) {
        GroupKind::Trimmed
    } else {
        GroupKind::Paraphrase
    }
}

/// Minimum similarity for quotes given to the same speaker by two sources,
/// and for quotes whose attribution differs (a stricter bar).
const SAME_SPEAKER_MIN: f32 = 0.3;
const ANY_SPEAKER_MIN: f32 = 0.45;
/// Shared content words needed besides the ratio: for a paraphrase, and
/// for the same or trimmed words (never one word alone).
const MIN_SHARED: usize = 3;
const MIN_SHARED_ANY: usize = 2;

/// A content word shared by more quotes than this does not by itself make
/// two quotes candidates (it still counts toward their similarity). Keeps
/// pairing near-linear on a whole news cycle.
const CANDIDATE_DF_MAX: usize = 64;

pub(super) fn group_quotes(an: &mut Analysis) {
    let n = an.quotes.len();
    // Intern content words; each quote becomes a sorted list of word ids.
    let mut ids: HashMap<String, u32> = HashMap::default();
    let mut buf = String::new();
    let words: Vec<Vec<u32>> = an
        .quotes
        .iter()
        .map(|q| {
            let mut v: Vec<u32> = Vec::new();
            each_content_word(&q.text, &mut buf, |w| {
                let id = match ids.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = ids.len() as u32;
                        ids.insert(w.to_string(), id);
                        id
                    }
                };
                v.push(id);
            });
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
    for (q, ws) in words.iter().enumerate() {
        for &w in ws {
            postings[w as usize].push(q as u32);
        }
    }

    // Shared words of two sorted lists; stops (returning a lower count) as
    // soon as even sharing every remaining word could not reach `need`.
    let shared_count = |a: &[u32], b: &[u32], need: usize| {
        let (mut i, mut j, mut k) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            if k + (a.len() - i).min(b.len() - j) < need {
                break;
            }
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    k += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        k
    };
    let mut pairs: HashMap<(usize, usize), f32> = HashMap::default();
    // Cosine of each pair's content words: the strongest links group first.
    let mut strength: HashMap<(usize, usize), f32> = HashMap::default();
    // Rare words shared with quote j, counted while generating candidates.
    let mut rare_shared = vec![0u32; n];
    let mut touched: Vec<usize> = Vec::new();
    let article: Vec<usize> = an.quotes.iter().map(|q| q.article).collect();
    let common: Vec<usize> = words
        .iter()
        .map(|ws| {
            ws.iter()
                .filter(|&&w| postings[w as usize].len() > CANDIDATE_DF_MAX)
                .count()
        })
        .collect();
    for i in 0..n {
        // Candidates: later quotes from other articles sharing a not-too-common word.
        for &w in &words[i] {
            let list = &postings[w as usize];
            if list.len() > CANDIDATE_DF_MAX {
                continue;
            }
            for &j in list {
                let j = j as usize;
                if j > i && article[j] != article[i] {
                    if rare_shared[j] == 0 {
                        touched.push(j);
                    }
                    rare_shared[j] += 1;
                }
            }
        }
        for j in touched.drain(..) {
            let rare = std::mem::take(&mut rare_shared[j]) as usize;
            let smaller = words[i].len().min(words[j].len());
            // Upper bound before the exact count: rare words plus every common one.
            let bound = rare + common[i].min(common[j]);
            if smaller == 0
                || bound < MIN_SHARED_ANY
                || (bound as f32) < SAME_SPEAKER_MIN * smaller as f32
            {
                continue;
            }
            let (qi, qj) = (&an.quotes[i], &an.quotes[j]);
            let same_speaker = qi.speaker.is_some() && qi.speaker == qj.speaker;
            let min = if same_speaker {
                SAME_SPEAKER_MIN
            } else {
                ANY_SPEAKER_MIN
            };
            // The least count that can pass both tests below (the ratio
            // as the f32 test computes it), so the count may stop early.
            let mut need = ((min * smaller as f32) as usize).max(MIN_SHARED_ANY);
            while need <= smaller && (need as f32 / smaller as f32) < min {
                need += 1;
            }
            let shared = shared_count(&words[i], &words[j], need);
            // A real overlap: several content words, more for a paraphrase
            // than for the same words.
            let sim = shared as f32 / smaller as f32;
            // The cheap tests first: the word kinds only for pairs that pass.
            if sim < min
                || shared < MIN_SHARED_ANY
                || shared < MIN_SHARED && pair_kind(&qi.text, &qj.text) == GroupKind::Paraphrase
            {
                continue;
            }
            {
                pairs.insert((i, j), sim);
                let cosine = shared as f32 / ((words[i].len() * words[j].len()) as f32).sqrt();
                strength.insert((i, j), cosine);
            }
        }
    }
    for (members, kind, similarity) in complete_link(&pairs, &strength, &article, |i, j| {
        pair_kind(&an.quotes[i].text, &an.quotes[j].text)
    }) {
        let named: HashSet<usize> = members
            .iter()
            .filter_map(|&q| an.quotes[q].speaker)
            .collect();
        let unnamed = members.iter().any(|&q| an.quotes[q].speaker.is_none());
        let id = an.groups.len();
        for &q in &members {
            an.quotes[q].group = Some(id);
        }
        an.groups.push(QuoteGroup {
            id,
            quotes: members,
            kind,
            similarity,
            attributions_differ: named.len() > 1,
            named_in_one_only: unnamed && !named.is_empty(),
        });
    }
}

/// Groups from matching pairs without chaining: a quote joins a group only
/// when it matches every member from another source (complete linkage),
/// strongest pairs first. Returns (members in story order, kind, lowest
/// pairwise similarity).
fn complete_link(
    pairs: &HashMap<(usize, usize), f32>,
    strength: &HashMap<(usize, usize), f32>,
    article: &[usize],
    kind_of: impl Fn(usize, usize) -> GroupKind,
) -> Vec<(Vec<usize>, GroupKind, f32)> {
    let mut order: Vec<(&(usize, usize), &f32)> = pairs.iter().collect();
    // Closest wording first (cosine, which a long unrelated remainder
    // lowers), then the ratio, then story order.
    order.sort_by(|a, b| {
        strength[b.0]
            .total_cmp(&strength[a.0])
            .then(b.1.total_cmp(a.1))
            .then(a.0.cmp(b.0))
    });
    let sim = |a: usize, b: usize| pairs.get(&(a.min(b), a.max(b))).copied();
    // Parts of one source's quote need not match each other.
    let fits = |a: usize, b: usize| article[a] == article[b] || sim(a, b).is_some();
    let mut group_of: HashMap<usize, usize> = HashMap::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (&(i, j), _) in order {
        match (group_of.get(&i).copied(), group_of.get(&j).copied()) {
            (None, None) => {
                group_of.insert(i, groups.len());
                group_of.insert(j, groups.len());
                groups.push(vec![i, j]);
            }
            (Some(g), None) | (None, Some(g)) => {
                let new = if group_of.contains_key(&i) { j } else { i };
                if groups[g].iter().all(|&m| fits(m, new)) {
                    groups[g].push(new);
                    group_of.insert(new, g);
                }
            }
            (Some(a), Some(b)) if a != b => {
                let fits = groups[a]
                    .iter()
                    .all(|&x| groups[b].iter().all(|&y| fits(x, y)));
                if fits {
                    let moved = std::mem::take(&mut groups[b]);
                    for &m in &moved {
                        group_of.insert(m, a);
                    }
                    groups[a].extend(moved);
                }
            }
            _ => {}
        }
    }
    let mut out: Vec<(Vec<usize>, GroupKind, f32)> = groups
        .into_iter()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort_unstable();
            let mut low = 1.0f32;
            let mut kind = GroupKind::Same;
            for (x, &a) in g.iter().enumerate() {
                for &b in &g[x + 1..] {
                    if let Some(s) = sim(a, b) {
                        low = low.min(s);
                        kind = weaker(kind, kind_of(a, b));
                    }
                }
            }
            (g, kind, low)
        })
        .collect();
    out.sort_by_key(|g| g.0[0]);
    out
}

fn weaker(a: GroupKind, b: GroupKind) -> GroupKind {
    let rank = |k: GroupKind| match k {
        GroupKind::Same => 0,
        GroupKind::Trimmed => 1,
        GroupKind::Paraphrase => 2,
    };
    if rank(b) > rank(a) { b } else { a }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_normalise_contractions() {
        assert_eq!(
            content_words("I couldn’t read the terms"),
            ["not", "read", "term"]
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(pair_kind("A b, c.", "a B c"), GroupKind::Same);
        assert_eq!(pair_kind("we are here now", "here now"), GroupKind::Trimmed);
        assert_eq!(
            pair_kind("we are here", "they went away"),
            GroupKind::Paraphrase
        );
    }
}
