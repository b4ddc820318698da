//! Name mentions and entities of one article: who the article names, as what
//! (person or organisation), where, and which full name a surname, first
//! name, role or pronoun stands for.
//!
//! Evidence, not a gate: a capitalised run is a person when its context says
//! so (a title or role noun before it, an appositive or a speech verb after
//! it, an honorific, a known given name), and a run the article never backs
//! up still becomes the full name of a surname that speaks later
//! (repetition). Every lookup goes through per-article maps, so the work is
//! linear in the article's length.
//!
//! This module owns the entities and their lookups (full name, role,
//! pronoun and epithet targets); `scan` finds the mentions and `words`
//! holds the name-word helpers.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::TextSpan;
use super::lexicon::*;
use super::text::Token;

mod scan;
mod words;

pub(super) use words::*;

/// One person or organisation of the article.
#[derive(Debug, Clone)]
struct Entity {
    name: String,
    /// [`key_of`] the name.
    key: String,
    organisation: bool,
    /// Backed by evidence at its first mention (listed in `people`).
    listed: bool,
    gender: Option<Gender>,
    roles: Vec<String>,
    /// Where it is mentioned: (paragraph, char start).
    at: BTreeSet<(usize, usize)>,
}

/// The entities of one article with their mentions.
#[derive(Default)]
pub(super) struct People<'a> {
    entities: Vec<Entity>,
    by_key: HashMap<String, usize>,
    /// Surname, given name and multi-word surname keys → entities.
    by_part: HashMap<String, Vec<usize>>,
    /// Every mention in document order: position → entity.
    timeline: BTreeMap<(usize, usize), usize>,
    /// Mentions that are the subject of their sentence.
    subjects: BTreeMap<(usize, usize), usize>,
    /// Possessive mentions (`Trump's inauguration`): a modifier, not an
    /// antecedent a later pronoun prefers.
    possessive: HashSet<(usize, usize)>,
    /// Mentions for the registry, each once: (entity, where).
    mentions: Vec<(u32, TextSpan)>,
    mentioned_at: HashSet<(usize, usize, usize)>,
    pub roles: Vec<(String, String)>,
    /// Capitalised runs without evidence, by their last word(s): the full
    /// names a surname may stand for when it speaks (repetition evidence).
    runs: HashMap<String, Vec<(String, usize)>>,
    /// Single capitalised words that speak (`Roof said`, `said Roof`).
    speaking: HashSet<String>,
    /// Words the article uses in lower case (a sentence-initial `Ask` is
    /// not part of a name when `ask` is an ordinary word here).
    lower_words: HashSet<&'a str>,
    /// The capitalised runs the first scan read, by paragraph, for the second.
    read: Vec<(usize, scan::Run)>,
    /// Per-token buffers of [`People::scan`], reused from paragraph to
    /// paragraph: inside a quote, and where the stretch outside quotes ends.
    scratch: (Vec<bool>, Vec<usize>),
}

impl<'a> People<'a> {
    /// Empty, with room for the lower-case vocabulary of an article of
    /// `bytes` bytes (distinct words grow far slower than the text).
    pub fn with_capacity(bytes: usize) -> Self {
        let mut p = Self::default();
        p.lower_words.reserve((bytes / 12).min(1 << 14));
        p
    }

    /// Every mention for the registry, each once, as an index into the
    /// names (one per entity) returned with them.
    pub fn take_mentions(&mut self) -> (Vec<String>, Vec<(u32, TextSpan)>) {
        let names = self.entities.iter().map(|e| e.name.clone()).collect();
        (names, std::mem::take(&mut self.mentions))
    }

    /// Named people in order of first mention (organisations left out).
    pub fn names(&self) -> Vec<String> {
        self.entities
            .iter()
            .filter(|e| e.listed && !e.organisation)
            .map(|e| e.name.clone())
            .collect()
    }

    pub fn is_organisation(&self, name: &str) -> bool {
        self.by_key
            .get(&key_of(name))
            .is_some_and(|&e| self.entities[e].organisation)
    }

    fn entity(&mut self, name: &str, organisation: bool, listed: bool) -> usize {
        let key = key_of(name);
        if let Some(&e) = self.by_key.get(&key) {
            if listed && !self.entities[e].listed {
                self.entities[e].listed = true;
            }
            return e;
        }
        let e = self.entities.len();
        self.entities.push(Entity {
            name: name.to_string(),
            key: key.clone(),
            organisation,
            listed,
            gender: None,
            roles: Vec::new(),
            at: BTreeSet::new(),
        });
        self.by_key.insert(key.clone(), e);
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() >= 2 {
            let mut parts: Vec<String> = Vec::new();
            // Given name, unless an initial.
            if !is_initial(words[0]) {
                parts.push(words[0].to_string());
            }
            // Surname: every proper suffix without a Jr/Sr, so `Black Elk`,
            // `De Iesu` and `Elk` all find `Linda Black Elk`.
            let end = if words.len() > 2 && is_suffix(words[words.len() - 1]) {
                words.len() - 1
            } else {
                words.len()
            };
            for k in 1..end {
                if !is_initial(words[k]) && !is_particle(words[k]) || k + 1 < end {
                    parts.push(words[k..end].join(" "));
                }
            }
            if end >= 3 && !is_initial(words[0]) {
                // `Donald Trump` for `Donald J. Trump`.
                parts.push(format!("{} {}", words[0], words[end - 1]));
            }
            if organisation {
                // `Boeing` for `Boeing Co`, `American` for `American Airlines`.
                parts.push(words[..end.max(2) - 1].join(" "));
            }
            for p in parts {
                let v = self.by_part.entry(p).or_default();
                if !v.contains(&e) {
                    v.push(e);
                }
            }
        }
        e
    }

    /// Records a mention of entity `e`.
    fn mention(&mut self, e: usize, pi: usize, (start, end): (usize, usize), subject: bool) {
        self.timeline.insert((pi, start), e);
        if subject {
            self.subjects.insert((pi, start), e);
        }
        self.entities[e].at.insert((pi, start));
        if self.mentioned_at.insert((pi, start, e)) {
            self.mentions.push((
                e as u32,
                TextSpan {
                    paragraph: pi,
                    start,
                    end,
                },
            ));
        }
    }

    /// A speaker the attribution found at `span` of paragraph `pi`.
    pub fn note_mention(&mut self, name: &str, pi: usize, span: (usize, usize)) {
        if let Some(&e) = self.by_key.get(&key_of(name)) {
            self.mention(e, pi, span, true);
        }
    }

    /// The full name `name` (a full name, surname or given name) refers to:
    /// the unique match, the one mentioned last before `at`, or the fullest
    /// capitalised run ending in it.
    pub fn full_name(&mut self, name: &str, at: (usize, usize)) -> Option<String> {
        let key = key_of(name);
        if let Some(&e) = self.by_key.get(&key) {
            return Some(self.entities[e].name.clone());
        }
        // `Ask Priya Raman`: a sentence-initial word glued to a known name.
        if let Some((_, rest)) = key.split_once(' ')
            && rest.contains(' ')
            && let Some(&e) = self.by_key.get(rest)
        {
            return Some(self.entities[e].name.clone());
        }
        if let Some(c) = self.by_part.get(&key) {
            let pick = match c.as_slice() {
                [] => None,
                [one] => Some(*one),
                many => many
                    .iter()
                    .filter_map(|&e| self.entities[e].at.range(..at).next_back().map(|p| (*p, e)))
                    .max()
                    .map(|(_, e)| e)
                    .or_else(|| many.first().copied()),
            };
            if let Some(e) = pick {
                return Some(self.entities[e].name.clone());
            }
        }
        // Repetition: `Putin said` after `Vladimir Putin's` somewhere.
        let runs = self.runs.get(&key)?;
        let mut best: Option<&(String, usize)> = None;
        for r in runs {
            if best.is_none_or(|b| r.1 < b.1 || r.1 == b.1 && r.0.len() > b.0.len()) {
                best = Some(r);
            }
        }
        let (full, _) = best?.clone();
        let e = self.entity(&full, false, false);
        Some(self.entities[e].name.clone())
    }

    /// The organisation a single capitalised word names (`Boeing`,
    /// `American`), if the article names it in full.
    pub fn organisation_for(&self, name: &str) -> Option<String> {
        let key = key_of(name);
        let e = self
            .by_key
            .get(&key)
            .copied()
            .filter(|&e| self.entities[e].organisation)
            .or_else(|| {
                self.by_part.get(&key).and_then(|c| {
                    let orgs: Vec<usize> = c
                        .iter()
                        .copied()
                        .filter(|&e| self.entities[e].organisation)
                        .collect();
                    (orgs.len() == 1).then(|| orgs[0])
                })
            })?;
        Some(self.entities[e].name.clone())
    }

    /// The organisation mentioned last before `at` (`the company said`).
    pub fn last_organisation(&self, at: (usize, usize), paragraphs: usize) -> Option<String> {
        self.timeline
            .range((at.0.saturating_sub(paragraphs), 0)..at)
            .rev()
            .take(64)
            .find(|(_, e)| self.entities[**e].organisation)
            .map(|(_, &e)| self.entities[e].name.clone())
    }

    /// People whose role contains `noun` and every word of `modifiers`
    /// (`the former adviser` is not the current adviser).
    fn role_holders<'s>(
        &'s self,
        noun: &'s str,
        modifiers: &'s [&'s str],
    ) -> impl Iterator<Item = &'s Entity> + 's {
        let has = |r: &str, w: &str| {
            r.split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|x| x.eq_ignore_ascii_case(w))
        };
        self.entities.iter().filter(move |e| {
            !e.organisation
                && e.roles
                    .iter()
                    .any(|r| has(r, noun) && modifiers.iter().all(|m| has(r, m)))
        })
    }

    /// The one person whose role contains `noun` and its `modifiers`
    /// (`the mayor`, `the fire chief`), if exactly one.
    pub fn by_role(&self, noun: &str, modifiers: &[&str]) -> Option<String> {
        let mut found = self.role_holders(noun, modifiers);
        match (found.next(), found.next()) {
            (Some(e), None) => Some(e.name.clone()),
            _ => None,
        }
    }

    /// Does anyone in the article hold a role with `noun`?
    pub fn has_role_noun(&self, noun: &str) -> bool {
        self.role_holders(noun, &[]).next().is_some()
    }

    /// An epithet (`the actress`, `the “Hello” singer`) nobody holds as a
    /// role: the latest sentence subject within a few paragraphs that
    /// agrees with the noun's gender and is not named inside the quote.
    pub fn epithet_target(
        &self,
        at: (usize, usize),
        g: Option<Gender>,
        named_in_quote: &[String],
    ) -> Option<String> {
        let window = (at.0.saturating_sub(3), 0);
        self.subjects
            .range(window..at)
            .rev()
            .map(|(_, &e)| e)
            .find(|&e| self.agrees(e, g, named_in_quote))
            .map(|e| self.entities[e].name.clone())
    }

    /// What `it says` / `it reads` stands for: the latest sentence subject
    /// (a person who posted, an organisation that issued a statement) in
    /// this paragraph or the one before.
    pub fn document_author(&self, at: (usize, usize)) -> Option<String> {
        self.subjects
            .range((at.0.saturating_sub(1), 0)..at)
            .next_back()
            .map(|(_, &e)| self.entities[e].name.clone())
    }

    /// Entity `e` can be the referent: a person of gender `g` (or unknown),
    /// not named in the third person inside the quote itself.
    fn agrees(&self, e: usize, g: Option<Gender>, named_in_quote: &[String]) -> bool {
        let ent = &self.entities[e];
        !ent.organisation
            && (g.is_none() || ent.gender.is_none() || ent.gender == g)
            && !ent
                .key
                .split(' ')
                .any(|w| w.chars().count() > 1 && named_in_quote.iter().any(|n| n == w))
    }

    /// The last person mentioned in paragraph `pi`.
    pub fn last_in_paragraph(&self, pi: usize) -> Option<String> {
        self.timeline
            .range((pi, 0)..(pi + 1, 0))
            .rev()
            .find(|(_, e)| !self.entities[**e].organisation)
            .map(|(_, &e)| self.entities[e].name.clone())
    }

    /// The person a pronoun at `at` refers to: the latest sentence subject
    /// that agrees, else the latest mention that agrees.
    /// People named inside the quote (`“Taylor and I …,” she wrote`) are
    /// not who speaks it.
    pub fn pronoun_target(
        &self,
        at: (usize, usize),
        g: Option<Gender>,
        named_in_quote: &[String],
    ) -> Option<String> {
        let agrees = |e: usize| self.agrees(e, g, named_in_quote);
        let window = (at.0.saturating_sub(3), 0);
        let subject = self
            .subjects
            .range(window..at)
            .rev()
            .find(|(_, e)| agrees(**e))
            .map(|(p, e)| (*p, *e));
        let any = self
            .timeline
            .range(..at)
            .rev()
            .take(256)
            .find(|(p, e)| agrees(**e) && !self.possessive.contains(p))
            .map(|(p, e)| (*p, *e));
        let pick = match (subject, any) {
            // A later non-subject mention in the same sentence area does not
            // beat the subject of the previous sentence unless it is in the
            // same paragraph as the pronoun and the subject is not.
            (Some((ps, s)), Some((pa, a))) => {
                if pa.0 == at.0 && ps.0 != at.0 {
                    a
                } else {
                    s
                }
            }
            (Some((_, s)), None) => s,
            (None, Some((_, a))) => a,
            (None, None) => return None,
        };
        Some(self.entities[pick].name.clone())
    }

    /// Between the two scans: a surname that speaks on its own makes the
    /// fullest capitalised run ending in it a person (repetition evidence),
    /// so the second scan records all of that person's mentions.
    pub fn promote_speaking_surnames(&mut self) {
        let mut speaking: Vec<String> = self.speaking.iter().cloned().collect();
        speaking.sort_unstable();
        for key in speaking {
            if self.by_key.contains_key(&key) || self.by_part.contains_key(&key) {
                continue;
            }
            let Some(runs) = self.runs.get(&key) else {
                continue;
            };
            let mut best: Option<&(String, usize)> = None;
            for r in runs {
                if best.is_none_or(|b| r.1 < b.1 || r.1 == b.1 && r.0.len() > b.0.len()) {
                    best = Some(r);
                }
            }
            if let Some((full, _)) = best.cloned() {
                self.entity(&full, false, true);
            }
        }
    }

    /// Collects the lower-case vocabulary of a paragraph (first pass).
    pub fn learn_words(&mut self, toks: &[Token<'a>]) {
        for t in toks {
            if t.is_word && t.text.chars().next().is_some_and(char::is_lowercase) {
                self.lower_words.insert(t.text);
            }
        }
    }

    /// `w` (with its word-list classes `c`) is an ordinary word of this
    /// article: a function word or speech verb, or used here in lower case
    /// (as it is or inflected). The lists ignore case, so `c` answers for
    /// the lowered word too.
    fn ordinary_word(&self, w: &str, c: words::Classes) -> bool {
        if c.function_word() || c.speech_verb() {
            return true;
        }
        let l = Lower::of(w);
        let l = l.as_str();
        if self.lower_words.contains(l) {
            return true;
        }
        let mut inflected = String::with_capacity(l.len() + 3);
        ["s", "ed", "ing", "d"].iter().any(|suf| {
            inflected.clear();
            inflected.push_str(l);
            inflected.push_str(suf);
            self.lower_words.contains(inflected.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::{quote_spans, tokenize};
    use super::*;

    fn people<'a>(paras: &[&'a str]) -> People<'a> {
        let mut p = People::default();
        let toks: Vec<Vec<Token<'a>>> = paras.iter().map(|&s| tokenize(s)).collect();
        for t in &toks {
            p.learn_words(t);
        }
        for (i, t) in toks.iter().enumerate() {
            p.scan(i, t, &quote_spans(t));
        }
        p
    }

    #[test]
    fn role_nouns_make_people_without_a_names_list() {
        let p = people(&["Volcanologist Ines Varga measured the flow."]);
        assert_eq!(p.names(), ["Ines Varga"]);
    }

    #[test]
    fn initials_suffixes_and_particles_stay_in_names() {
        let p = people(&[
            "Engineer R.J. Moreno and analyst Alan T. Price met lawyer J. Ruth Ames Jr. and mayor Anna de la Cruz.",
        ]);
        assert_eq!(
            p.names(),
            [
                "R.J. Moreno",
                "Alan T. Price",
                "J. Ruth Ames Jr.",
                "Anna de la Cruz"
            ]
        );
    }

    #[test]
    fn surname_and_multiword_surname_find_the_full_name() {
        let mut p = people(&["Activist Marta Black Elk spoke first. Later, Black Elk left."]);
        assert_eq!(
            p.full_name("Black Elk", (1, 0)).as_deref(),
            Some("Marta Black Elk")
        );
        assert_eq!(
            p.full_name("Elk", (1, 0)).as_deref(),
            Some("Marta Black Elk")
        );
    }

    #[test]
    fn repetition_gives_a_surname_its_full_name() {
        // No title, no appositive, no known given name: only the later
        // surname use makes `Oskar Wendt` a person.
        let mut p = people(&["They met Oskar Wendt’s envoy.", "Wendt said little."]);
        assert_eq!(p.full_name("Wendt", (1, 0)).as_deref(), Some("Oskar Wendt"));
    }

    #[test]
    fn sentence_initial_ordinary_word_is_not_a_given_name() {
        let p = people(&[
            "Ask Priya Raman, the director, about it.",
            "Nobody will ask twice.",
        ]);
        assert_eq!(p.names(), ["Priya Raman"]);
    }

    #[test]
    fn indefinite_descriptions_are_not_names() {
        let p = people(&["A Nevada Republican said it was close."]);
        assert!(p.names().is_empty());
    }

    #[test]
    fn organisations_are_typed_and_found_by_short_name() {
        let p = people(&["Orbital Freight Co. won the bid; Orbital Freight said nothing else."]);
        assert!(p.names().is_empty());
        assert_eq!(
            p.organisation_for("Orbital").as_deref(),
            Some("Orbital Freight Co")
        );
    }

    #[test]
    fn pronouns_agree_with_honorifics() {
        let p = people(&["Mr. Tarn Ulvik met Ms. Hedda Brun, who smiled."]);
        assert_eq!(
            p.pronoun_target((1, 0), Some(Gender::Male), &[]).as_deref(),
            Some("Tarn Ulvik")
        );
        assert_eq!(
            p.pronoun_target((1, 0), Some(Gender::Female), &[])
                .as_deref(),
            Some("Hedda Brun")
        );
    }
}
