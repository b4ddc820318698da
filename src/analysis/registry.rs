//! The story-wide speaker registry: one speaker per person across the
//! sources (compatible names merge, different people never do), with their
//! roles, articles, quotes and mentions; then the quotes are grouped.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::article::ArticleFindings;
use super::{Analysis, Quote, QuotedTerm, Speaker};
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
        let lookup: Vec<Option<usize>> = f.mention_names.iter().map(|n| registry.get(n)).collect();
        for (name, span) in &f.mentions {
            if let Some(s) = lookup[*name as usize] {
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
    super::group::group_quotes(&mut an);
    an
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
}
