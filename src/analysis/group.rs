//! The story-wide speaker registry and cross-source quote groups.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::article::ArticleFindings;
use super::lexicon::is_stop_word;
use super::{Analysis, GroupKind, Quote, QuoteGroup, QuotedTerm, Speaker};
use crate::corpus::Story;
use crate::text::fold_name;

fn char_slice(s: &str, start: usize, end: usize) -> String {
    s.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// One entry per person across the story, keyed by folded full name.
struct Registry {
    /// First and last word of every folded full name → the full names:
    /// how a single name finds its full name without scanning them all.
    name_parts: HashMap<String, Vec<String>>,
    by_key: HashMap<String, usize>,
    /// Folded full name → the folded name of the person it is a variant
    /// of (`tim bird` for `con tim bird`, `donald trump` for `donald j trump`).
    canonical: HashMap<String, String>,
    /// Folded key → the name as written, for the canonical form.
    display: HashMap<String, String>,
}

/// Words of a folded name without dots and suffixes (`jr`, `sr`, `iii`).
fn name_words(key: &str) -> Vec<&str> {
    let mut w: Vec<&str> = key
        .split(' ')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    while w.len() > 2 && matches!(*w.last().unwrap_or(&""), "jr" | "sr" | "ii" | "iii" | "iv") {
        w.pop();
    }
    w
}

/// One edit (substitution, insertion or deletion) apart.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let p = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[p + 1.min(short.len() - p)..] == long[p + 1.min(long.len() - p)..]
    } else {
        short[p..] == long[p + 1..]
    }
}

/// Two full names that can be one person: the same surname (or one letter
/// apart when the given names agree and the surname is long), and the
/// shorter name's other words found in order in the longer one, an initial
/// standing for a word (`Donald Trump` ~ `Donald J. Trump` ~ `D. Trump`).
fn compatible(a: &str, b: &str) -> bool {
    let (wa, wb) = (name_words(a), name_words(b));
    if wa.len() < 2 || wb.len() < 2 || wa == wb {
        return wa == wb && wa.len() >= 2;
    }
    let (la, lb) = (wa[wa.len() - 1], wb[wb.len() - 1]);
    let same_surname = la == lb;
    let variant = !same_surname
        && la.chars().count() >= 5
        && one_edit(la, lb)
        && wa[..wa.len() - 1] == wb[..wb.len() - 1];
    if !(same_surname || variant) {
        return false;
    }
    let (short, long) = if wa.len() <= wb.len() {
        (&wa[..wa.len() - 1], &wb[..wb.len() - 1])
    } else {
        (&wb[..wb.len() - 1], &wa[..wa.len() - 1])
    };
    let word_fits = |s: &str, l: &str| {
        s == l
            || s.chars().count() == 1 && l.starts_with(s)
            || l.chars().count() == 1 && s.starts_with(l)
    };
    let mut it = long.iter();
    short.iter().all(|s| it.any(|l| word_fits(s, l)))
}

/// Groups compatible full names; each group's name is the form most
/// sources use (then the longest). A name joins a group only when it is
/// compatible with every member, so two different people never merge.
fn canonical_names(names: &[(String, usize)]) -> HashMap<String, String> {
    let mut order: Vec<&(String, usize)> = names.iter().collect();
    order.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(b.0.len().cmp(&a.0.len()))
            .then(a.0.cmp(&b.0))
    });
    let mut groups: Vec<Vec<&str>> = Vec::new();
    // Surname index keeps this near-linear on a large story.
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_given: HashMap<String, Vec<usize>> = HashMap::default();
    let mut out = HashMap::default();
    for (name, _) in order {
        let words = name_words(name);
        let Some(&surname) = words.last() else {
            continue;
        };
        let fits = by_surname.get(surname).and_then(|gs| {
            gs.iter()
                .copied()
                .find(|&g| groups[g].iter().all(|m| compatible(m, name)))
        });
        // A one-letter variant of the surname (same given names) files
        // under the other spelling.
        let given = words[..words.len() - 1].join(" ");
        let fits = fits.or_else(|| {
            by_given.get(&given).and_then(|gs| {
                gs.iter()
                    .copied()
                    .find(|&g| groups[g].iter().all(|m| compatible(m, name)))
            })
        });
        match fits {
            Some(g) => {
                out.insert(name.clone(), groups[g][0].to_string());
                groups[g].push(name);
            }
            None => {
                by_surname.entry(surname).or_default().push(groups.len());
                by_given.entry(given).or_default().push(groups.len());
                groups.push(vec![name]);
            }
        }
    }
    out
}

impl Registry {
    /// The key for a name; a single name joins a full name only when
    /// exactly one full name in the story matches it.
    fn key(&self, name: &str) -> String {
        let key = fold_name(name);
        if key.contains(' ') {
            return self.canonical.get(&key).cloned().unwrap_or(key);
        }
        match self.name_parts.get(&key).map(Vec::as_slice) {
            Some([only]) => self.canonical.get(only).cloned().unwrap_or(only.clone()),
            _ => key,
        }
    }

    fn get(&self, name: &str) -> Option<usize> {
        self.by_key.get(&self.key(name)).copied()
    }

    fn intern(&mut self, speakers: &mut Vec<Speaker>, name: &str, organisation: bool) -> usize {
        let key = self.key(name);
        let shown = self.display.get(&key).cloned();
        *self.by_key.entry(key).or_insert_with(|| {
            speakers.push(Speaker {
                name: shown.unwrap_or_else(|| name.to_string()),
                roles: Vec::new(),
                articles: Vec::new(),
                quotes: Vec::new(),
                organisation,
                mentions: Vec::new(),
            });
            speakers.len() - 1
        })
    }
}

pub(super) fn build(story: &Story, findings: Vec<ArticleFindings>) -> Analysis {
    let mut an = Analysis::default();
    // Full names first, so surname-only speakers can join them.
    let full_names: HashSet<String> = findings
        .iter()
        .flat_map(|f| f.quotes.iter().filter_map(|q| q.speaker.clone()))
        .chain(findings.iter().flat_map(|f| f.people.iter().cloned()))
        .filter(|n| n.contains(' '))
        .map(|n| fold_name(&n))
        .collect();
    // How many sources use each full speaker name.
    let mut sources: HashMap<String, HashSet<usize>> = HashMap::default();
    let mut display: HashMap<String, String> = HashMap::default();
    for (ai, f) in findings.iter().enumerate() {
        for q in &f.quotes {
            if let Some(n) = &q.speaker
                && n.contains(' ')
                && !q.organisation
            {
                let k = fold_name(n);
                display.entry(k.clone()).or_insert_with(|| n.clone());
                sources.entry(k).or_default().insert(ai);
            }
        }
    }
    let mut counted: Vec<(String, usize)> =
        sources.into_iter().map(|(k, a)| (k, a.len())).collect();
    counted.sort_unstable();
    let canonical = canonical_names(&counted);
    let mut name_parts: HashMap<String, Vec<String>> = HashMap::default();
    let mut sorted: Vec<&String> = full_names.iter().collect();
    sorted.sort_unstable();
    for full in sorted {
        let mut words = full.split(' ');
        let (first, last) = (words.next(), words.next_back());
        for part in [first, last].into_iter().flatten() {
            let v = name_parts.entry(part.to_string()).or_default();
            if !v.contains(full) {
                v.push(full.clone());
            }
        }
    }
    let mut registry = Registry {
        name_parts,
        by_key: HashMap::default(),
        canonical,
        display,
    };
    for (ai, f) in findings.into_iter().enumerate() {
        let paragraphs = &story.articles[ai].paragraphs;
        for q in &f.quotes {
            let speaker = q
                .speaker
                .as_deref()
                .map(|n| registry.intern(&mut an.speakers, n, q.organisation));
            let id = an.quotes.len();
            if let Some(s) = speaker {
                let sp = &mut an.speakers[s];
                if !sp.articles.contains(&ai) {
                    sp.articles.push(ai);
                }
                sp.quotes.push(id);
            }
            an.quotes.push(Quote {
                id,
                article: ai,
                paragraph: q.paragraph,
                start: q.start,
                end: q.end,
                text: char_slice(&paragraphs[q.paragraph], q.inner_start, q.inner_end),
                speaker,
                descriptor: q.descriptor.clone(),
                role: q.role.clone(),
                group: None,
                continued: q.continued,
                basis: q.basis,
            });
        }
        for (name, role) in &f.roles {
            if let Some(s) = registry.get(name) {
                let roles = &mut an.speakers[s].roles;
                if !roles.iter().any(|r| r.eq_ignore_ascii_case(role)) {
                    roles.push(role.clone());
                }
            }
        }
        // Few distinct names, many mentions: look each name up once.
        let mut lookup: HashMap<&str, Option<usize>> = HashMap::default();
        for (name, span) in &f.mentions {
            let s = *lookup
                .entry(name.as_str())
                .or_insert_with(|| registry.get(name));
            if let Some(s) = s {
                an.speakers[s].mentions.push((ai, *span));
            }
        }
        for t in &f.terms {
            an.terms.push(QuotedTerm {
                article: ai,
                paragraph: t.paragraph,
                start: t.start,
                end: t.end,
                text: char_slice(&paragraphs[t.paragraph], t.inner_start, t.inner_end),
                kind: t.kind,
            });
        }
        an.people.push(f.people);
    }
    for sp in &mut an.speakers {
        sp.mentions.sort_by_key(|(a, s)| (*a, s.paragraph, s.start));
        sp.mentions.dedup();
    }
    group_quotes(&mut an);
    an
}

/// Content words of a quote: lowercase, apostrophes unified, `n't` split
/// off as `not`, a plural or possessive `s` dropped, stop words removed.
fn content_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let w = raw.to_lowercase().replace('’', "'");
        let w = w.trim_matches('\'');
        if w.is_empty() {
            continue;
        }
        let w = if let Some(stem) = w.strip_suffix("n't") {
            out.push("not".to_string());
            stem.to_string()
        } else {
            w.split('\'').next().unwrap_or(w).to_string()
        };
        let w = if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
            w[..w.len() - 1].to_string()
        } else {
            w
        };
        if !is_stop_word(&w) && !w.is_empty() {
            out.push(w);
        }
    }
    out
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

fn group_quotes(an: &mut Analysis) {
    let n = an.quotes.len();
    // Intern content words; each quote becomes a sorted list of word ids.
    let mut ids: HashMap<String, u32> = HashMap::default();
    let words: Vec<Vec<u32>> = an
        .quotes
        .iter()
        .map(|q| {
            let mut v: Vec<u32> = content_words(&q.text)
                .into_iter()
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w).or_insert(next)
                })
                .collect();
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

    let shared_count = |a: &[u32], b: &[u32]| {
        let (mut i, mut j, mut k) = (0, 0, 0);
        while i < a.len() && j < b.len() {
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
                if j > i && an.quotes[j].article != an.quotes[i].article {
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
            let shared = shared_count(&words[i], &words[j]);
            let (qi, qj) = (&an.quotes[i], &an.quotes[j]);
            // A real overlap: several content words, more for a paraphrase
            // than for the same words.
            if shared < MIN_SHARED_ANY
                || shared < MIN_SHARED && pair_kind(&qi.text, &qj.text) == GroupKind::Paraphrase
            {
                continue;
            }
            let sim = shared as f32 / smaller as f32;
            let same_speaker = qi.speaker.is_some() && qi.speaker == qj.speaker;
            let min = if same_speaker {
                SAME_SPEAKER_MIN
            } else {
                ANY_SPEAKER_MIN
            };
            if sim >= min {
                pairs.insert((i, j), sim);
                let cosine = shared as f32 / ((words[i].len() * words[j].len()) as f32).sqrt();
                strength.insert((i, j), cosine);
            }
        }
    }
    let article: Vec<usize> = an.quotes.iter().map(|q| q.article).collect();
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
    fn compatible_names_are_one_person_and_different_people_are_not() {
        assert!(compatible("donald trump", "donald j. trump"));
        assert!(compatible("d. trump", "donald trump"));
        assert!(compatible("tim bird", "con tim bird"));
        assert!(compatible("ines varga", "ines vargas"));
        assert!(!compatible("ines varga", "anna varga"));
        assert!(!compatible("ines varga", "ines vega"));
        assert!(!compatible("bob diaz", "bob ruiz"));
    }

    #[test]
    fn canonical_form_is_the_one_most_sources_use() {
        let names = vec![
            ("con tim bird".to_string(), 1),
            ("tim bird".to_string(), 2),
            ("jane bird".to_string(), 1),
        ];
        let c = canonical_names(&names);
        assert_eq!(c.get("con tim bird").map(String::as_str), Some("tim bird"));
        assert_eq!(c.get("jane bird"), None);
    }

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
