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

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::TextSpan;
use super::lexicon::*;
use super::text::{QuoteSpan, Token, ends_sentence, mark_of};

/// Registry key of a name: lowercase, `.` dropped, single spaces.
pub(super) fn key_of(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for w in name.split_whitespace() {
        let w = w.trim_end_matches('.');
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Name suffixes that are not a surname (`Jr`, `Sr`, `III`).
fn is_suffix(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Jr" | "Sr" | "II" | "III" | "IV" | "jr" | "sr"
    )
}

/// An initial (`J.`, `R.J.`) or a one-letter initial whose dot was split off.
pub(super) fn is_initial(w: &str) -> bool {
    let core = w.trim_end_matches('.');
    !core.is_empty()
        && core
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// Surname particles that stay lowercase inside a name.
pub(super) fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "van"
            | "von"
            | "der"
            | "den"
            | "da"
            | "di"
            | "du"
            | "le"
            | "la"
            | "bin"
            | "al"
            | "del"
            | "dos"
            | "das"
            | "ter"
            | "ibn"
    ) || w.starts_with("al-")
}

/// Words that make a capitalised run an organisation.
fn is_org_word(w: &str) -> bool {
    let l = w.trim_end_matches('.').to_lowercase();
    matches!(
        l.as_str(),
        "inc"
            | "co"
            | "corp"
            | "corporation"
            | "company"
            | "ltd"
            | "llc"
            | "plc"
            | "group"
            | "airlines"
            | "airways"
            | "association"
            | "union"
            | "bank"
            | "agency"
            | "department"
            | "ministry"
            | "party"
            | "committee"
            | "council"
            | "foundation"
            | "institute"
            | "university"
            | "administration"
            | "commission"
            | "bureau"
            | "motors"
            | "systems"
            | "technologies"
            | "industries"
            | "unified"
            | "district"
            | "police"
            | "reserve"
            | "federation"
            | "organization"
            | "organisation"
            | "society"
            | "network"
            | "institution"
    )
}

/// Grammatical gender a pronoun or honorific fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
}

pub(super) fn pronoun_gender(p: &str) -> Option<Gender> {
    match p.to_lowercase().as_str() {
        "he" | "him" | "his" => Some(Gender::Male),
        "she" | "her" | "hers" => Some(Gender::Female),
        _ => None,
    }
}

pub(super) fn honorific_gender(w: &str) -> Option<Gender> {
    match w.trim_end_matches('.').to_lowercase().as_str() {
        "mr" | "sir" | "lord" => Some(Gender::Male),
        "ms" | "mrs" | "miss" | "dame" | "lady" => Some(Gender::Female),
        "spokesman" | "chairman" | "businessman" | "actor" | "congressman" | "father"
        | "husband" | "son" | "king" | "prince" => Some(Gender::Male),
        "spokeswoman" | "chairwoman" | "businesswoman" | "actress" | "congresswoman"
        | "songstress" | "mother" | "wife" | "daughter" | "queen" | "princess" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

/// Titles that, before a single name word, are part of how the article
/// names the person (`Lady Gaga`, `Lord Sugar`): there is no other name.
pub(super) fn is_noble_title(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.').to_lowercase().as_str(),
        "lady" | "lord" | "sir" | "dame"
    )
}

/// Conjunctions that open a subordinate clause.
fn is_subordinator(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "though"
            | "although"
            | "while"
            | "whilst"
            | "if"
            | "when"
            | "because"
            | "since"
            | "unless"
            | "until"
            | "once"
            | "whereas"
    )
}

/// Only a few lead words (`But`, `On Monday,`, titles) stand between the
/// sentence start and token `i`: a name there is the sentence's subject.
fn starts_clause(toks: &[Token<'_>], i: usize) -> bool {
    let mut n = 0;
    let mut k = i;
    while k > 0 {
        k -= 1;
        if ends_sentence(toks, k) {
            return true;
        }
        let t = &toks[k];
        if t.is_word && !(is_function_word(t.text) || t.is_capitalized()) {
            return false;
        }
        // `Though X's plan …, she said`: a subordinate clause's words are
        // not the sentence's subject.
        if t.is_word && is_subordinator(t.text) {
            return false;
        }
        n += 1;
        if n > 8 {
            return false;
        }
    }
    true
}

/// A role noun from the list, or a word built like one (`Volcanologist`,
/// `Pediatrician`, `Photographer`, `Auctioneer`).
pub(super) fn is_role_like(w: &str) -> bool {
    let l = w.to_lowercase();
    is_role_noun(w)
        || l.chars().count() > 5
            && ["ist", "ician", "grapher", "eer"]
                .iter()
                .any(|suf| l.ends_with(suf))
}

/// One person or organisation of the article.
#[derive(Debug, Clone)]
struct Entity {
    name: String,
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
pub(super) struct People {
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
    /// Mentions for the registry, each once.
    pub mentions: Vec<(String, TextSpan)>,
    mentioned_at: HashSet<(usize, usize, usize)>,
    pub roles: Vec<(String, String)>,
    /// Capitalised runs without evidence, by their last word(s): the full
    /// names a surname may stand for when it speaks (repetition evidence).
    runs: HashMap<String, Vec<(String, usize)>>,
    /// Single capitalised words that speak (`Roof said`, `said Roof`).
    speaking: HashSet<String>,
    /// Words the article uses in lower case (a sentence-initial `Ask` is
    /// not part of a name when `ask` is an ordinary word here).
    lower_words: HashSet<String>,
}

/// Name words of a capitalised run starting at `i`: (end token, words).
/// Initials keep their dot (`J.`), a possessive ends the run.
pub(super) fn name_run(toks: &[Token<'_>], i: usize, limit: usize) -> (usize, Vec<String>) {
    let mut words = Vec::new();
    let mut j = i;
    while j < limit {
        let t = &toks[j];
        let is_name = t.is_word
            && (t.is_capitalized() && !t.text.starts_with('#') && !t.text.starts_with('@')
                || is_particle(t.text) && !words.is_empty());
        if !is_name {
            break;
        }
        let mut w = t.bare().to_string();
        j += 1;
        let dotted = j < limit
            && toks[j].is(".")
            && !toks[j].space_before
            && (is_initial(t.text) || is_suffix(t.text) || is_honorific(t.text));
        if dotted {
            w.push('.');
            j += 1;
        }
        let possessive = t.bare().len() != t.text.len();
        words.push(w);
        if possessive || dotted && is_suffix(t.text) {
            break;
        }
    }
    // A trailing particle is not part of the name.
    while words.last().is_some_and(|w| is_particle(w)) {
        words.pop();
        j -= 1;
    }
    (j, words)
}

impl People {
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
                self.entities[e].name.clone(),
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
            && !key_of(&ent.name)
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
    pub fn learn_words(&mut self, toks: &[Token<'_>]) {
        for t in toks {
            if t.is_word
                && t.text.chars().next().is_some_and(char::is_lowercase)
                && !self.lower_words.contains(t.text)
            {
                self.lower_words.insert(t.text.to_string());
            }
        }
    }

    fn ordinary_word(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        is_function_word(&l)
            || is_speech_verb(&l)
            || self.lower_words.contains(&l)
            || ["s", "ed", "ing", "d"]
                .iter()
                .any(|suf| self.lower_words.contains(&format!("{l}{suf}")))
    }

    /// Finds name mentions in a paragraph.
    pub fn scan(&mut self, pi: usize, toks: &[Token<'_>], spans: &[QuoteSpan]) {
        // Tokens inside quotes are not the article's own naming.
        let mut inside = vec![false; toks.len()];
        for s in spans {
            let end = s.close.unwrap_or(toks.len());
            for x in inside.iter_mut().take(end).skip(s.open + 1) {
                *x = true;
            }
        }
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if inside[i] || !t.is_word || !t.is_capitalized() || t.text.starts_with('#') {
                i += 1;
                continue;
            }
            let mut limit = i;
            while limit < toks.len() && !inside[limit] {
                limit += 1;
            }
            let (j, words) = name_run(toks, i, limit);
            if words.is_empty() {
                i += 1;
                continue;
            }
            self.consider_run(pi, toks, i, j, &words);
            i = j.max(i + 1);
        }
    }

    fn consider_run(
        &mut self,
        pi: usize,
        toks: &[Token<'_>],
        i: usize,
        j: usize,
        words: &[String],
    ) {
        let sentence_start = i == 0
            || ends_sentence(toks, i - 1)
            || mark_of(&toks[i - 1]).is_some()
            || matches!(toks[i - 1].text, "(" | "—" | "–" | ":");
        // Token index of each word (a dotted initial spans two tokens).
        let mut tok_of = Vec::with_capacity(words.len());
        let mut k = i;
        for w in words {
            tok_of.push(k);
            k += if w.ends_with('.') && !toks[k].text.ends_with('.') {
                2
            } else {
                1
            };
        }
        // Leading words that are not the name: sentence-initial ordinary
        // words (`Ask`, `But`), titles and role nouns.
        // An organisation's name may start with an adjective (`American
        // Airlines`): only determiners are dropped from it.
        let org_run = words.iter().any(|w| is_org_word(w));
        let dropped = |w: &str| {
            is_function_word(w)
                && (!org_run
                    || matches!(
                        w.to_lowercase().as_str(),
                        "the"
                            | "a"
                            | "an"
                            | "his"
                            | "her"
                            | "its"
                            | "their"
                            | "our"
                            | "my"
                            | "your"
                    ))
        };
        let mut s = 0;
        let mut gender = None;
        while s < words.len() {
            let w = words[s].as_str();
            let initial_ordinary =
                s == 0 && sentence_start && !is_given_name(w) && self.ordinary_word(w);
            if is_honorific(w) || is_role_like(w) || initial_ordinary || dropped(w) {
                s += 1;
            } else {
                break;
            }
        }
        // A title inside the run (`Education Minister Claire Dubois`).
        if let Some(r) = (s..words.len())
            .rev()
            .find(|&r| is_role_noun(&words[r]) || is_honorific(&words[r]))
            && r + 1 < words.len()
        {
            s = r + 1;
        }
        for w in &words[..s] {
            if let Some(g) = honorific_gender(w) {
                gender = Some(g);
            }
        }
        // `Lady Gaga`: a noble title before one name word is part of the name.
        let noble = s > 0 && s + 1 == words.len() && is_noble_title(&words[s - 1]);
        if noble {
            s -= 1;
        }
        // The role is the title words before the name, when they end in a
        // role noun (`Technology analyst`, `Fire Chief`).
        let role_words: Vec<&str> = if !noble && s > 0 && is_role_like(&words[s - 1]) {
            words[..s]
                .iter()
                .map(String::as_str)
                .skip_while(|w| is_function_word(w) || is_honorific(w))
                .filter(|w| !is_honorific(w))
                .collect()
        } else {
            Vec::new()
        };
        let name_words = &words[s..];
        if name_words.is_empty() {
            return;
        }
        let first_tok = tok_of[s];
        let last_tok = j - 1;
        let span = (
            toks[first_tok].start,
            toks[last_tok].start + toks[last_tok].bare().chars().count(),
        );
        let org = name_words.iter().any(|w| is_org_word(w));
        if org {
            if name_words.len() <= 6 {
                let name = name_words.join(" ");
                let e = self.entity(&name, true, false);
                self.mention(e, pi, span, false);
            }
            return;
        }
        let acronym = |w: &String| {
            w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase()) && !is_initial(w)
        };
        let given_first = name_words.len() >= 2 && is_given_name(&name_words[0]);
        if name_words.len() > 5
            || name_words.iter().enumerate().any(|(k, w)| {
                is_not_person_word(w) && !(k == 0 && given_first)
                    || w.chars().any(|c| c.is_ascii_digit())
                    || acronym(w)
                    || w.contains('.') && !is_initial(w) && !is_suffix(w)
            })
            || name_words.iter().all(|w| is_initial(w) || is_suffix(w))
        {
            return;
        }
        let prev = first_tok.checked_sub(1).map(|k| &toks[k]);
        let prev2 = first_tok.checked_sub(2).map(|k| &toks[k]);
        let role_before = noble
            || !role_words.is_empty()
            || s > 0 && is_honorific(&words[s - 1])
            || prev.is_some_and(|t| is_role_noun(t.text) || is_honorific(t.text))
            || prev.is_some_and(|t| t.is(",")) && prev2.is_some_and(|t| is_role_noun(t.text));
        if let Some(g) = prev.and_then(|t| honorific_gender(t.text)) {
            gender = Some(g);
        }
        let after = toks.get(j);
        let after2 = toks.get(j + 1);
        let appositive_after = after.is_some_and(|t| t.is(","))
            && after2.is_some_and(|t| {
                matches!(t.text, "a" | "an" | "the" | "who" | "whose")
                    || is_role_noun(t.text)
                    || t.text.ends_with("-based")
                    || t.text.chars().all(|c| c.is_ascii_digit())
            })
            || after.is_some_and(|t| t.is(","))
                && toks[j + 1..]
                    .iter()
                    .take(8)
                    .take_while(|t| !t.is(",") && !t.is_sentence_end() && mark_of(t).is_none())
                    .any(|t| {
                        t.is_word && !t.is_capitalized() && is_role_like(t.text)
                            || t.is_word
                                && t.text.len() > 1
                                && t.text.chars().all(|c| c.is_uppercase())
                                && is_role_noun(t.text)
                    });
        // `Ana Ruiz, of Pine Hill, 83, said`: a place after `of`/`from` is
        // not the speaker of the verb after the appositive.
        let after_preposition = prev.is_some_and(|t| {
            matches!(
                t.text,
                "of" | "from" | "in" | "at" | "near" | "outside" | "inside"
            )
        });
        let appositive_after = appositive_after && !after_preposition;
        let named_single =
            name_words.len() == 1 && prev.is_some_and(|t| matches!(t.text, "named" | "called"));
        let given = name_words.len() >= 2 && is_given_name(&name_words[0]);
        let verb_after = after.is_some_and(|t| is_speech_verb(t.text) && !t.text.ends_with("ing"));
        let indefinite = prev.is_some_and(|t| {
            matches!(
                t.text.to_lowercase().as_str(),
                "a" | "an" | "another" | "every" | "each" | "some"
            )
        });
        let evidence = !indefinite
            && if name_words.len() == 1 {
                named_single || (role_before && verb_after)
            } else {
                role_before
                    || appositive_after
                    || given
                    || verb_after
                    || after.is_some_and(|t| t.is(","))
                        && !after_preposition
                        && self.verb_after_appositive(toks, j)
            };
        // Subject of its sentence: starts it, or speaks right after it.
        let possessive = toks[last_tok].bare().len() != toks[last_tok].text.len();
        let subordinate = words[..s].iter().any(|w| is_subordinator(w));
        let subject = !subordinate && sentence_start
            || starts_clause(toks, first_tok)
            || verb_after
            || appositive_after && self.verb_after_appositive(toks, j);
        let name = name_words.join(" ");
        // A known person or organisation by part (`Varga`, `Ms. Varga`,
        // `Black Elk said` after `Linda Black Elk`).
        let key = key_of(&name);
        let known = self.by_key.get(&key).copied().or_else(|| {
            self.by_part
                .get(&key)
                .filter(|c| c.len() == 1)
                .map(|c| c[0])
        });
        let known_or_new = match known {
            Some(e) => Some(e),
            None if evidence => Some(self.entity(&name, false, true)),
            None => None,
        };
        if let Some(e) = known_or_new {
            if let Some(g) = gender {
                self.entities[e].gender.get_or_insert(g);
            }
            self.mention(e, pi, span, subject);
            if possessive {
                self.possessive.insert((pi, span.0));
            }
            if self.entities[e].organisation {
                return;
            }
            let name = self.entities[e].name.clone();
            let role = if appositive_after {
                super::article::role_from_appositive(toks, (j + 1, toks.len()))
            } else if !role_words.is_empty() {
                Some(super::article::lower_first(&role_words.join(" ")))
            } else if prev.is_some_and(|t| t.is_word && is_role_noun(t.text)) {
                // `technology analyst Ivy Yang`: up to three words before.
                let mut k = first_tok;
                let mut role = Vec::new();
                while k > 0
                    && toks[k - 1].is_word
                    && !is_function_word(toks[k - 1].text)
                    && !matches!(toks[k - 1].text, "named" | "called" | "like")
                    && role.len() < 3
                {
                    k -= 1;
                    role.insert(0, toks[k].text);
                }
                (!role.is_empty()).then(|| super::article::lower_first(&role.join(" ")))
            } else {
                None
            };
            if let Some(role) = role {
                if !self.entities[e].roles.contains(&role) {
                    self.entities[e].roles.push(role.clone());
                }
                self.roles.push((name, role));
            }
            return;
        }
        let prev_verb = prev.is_some_and(|t| is_speech_verb(t.text) && !t.text.ends_with("ing"));
        if name_words.len() == 1 && (verb_after || prev_verb) {
            self.speaking.insert(key.clone());
        }
        if name_words.len() >= 2 && !indefinite {
            // Remember the run for repetition evidence, by its surname(s).
            let n = name_words.len();
            for k in 1..n {
                let part = key_of(&name_words[k..].join(" "));
                let v = self.runs.entry(part).or_default();
                if !v.iter().any(|r| r.0 == name) {
                    v.push((name.clone(), pi));
                }
            }
        }
    }

    /// `NAME, a long appositive, said`: a speech verb right after the
    /// appositive that follows the run ending at `j`.
    fn verb_after_appositive(&self, toks: &[Token<'_>], j: usize) -> bool {
        let mut k = j + 1;
        let mut n = 0;
        while k < toks.len() && n < 24 {
            if toks[k].is_sentence_end() || mark_of(&toks[k]).is_some() {
                return false;
            }
            // `NAME, 33, of Columbus, Ohio, said`: the verb after the last
            // comma of the appositive.
            if toks[k].is(",")
                && toks
                    .get(k + 1)
                    .is_some_and(|t| is_speech_verb(t.text) && !t.text.ends_with("ing"))
            {
                return true;
            }
            k += 1;
            n += 1;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::{quote_spans, tokenize};
    use super::*;

    fn people(paras: &[&str]) -> People {
        let mut p = People::default();
        let toks: Vec<Vec<Token<'_>>> = paras.iter().map(|s| tokenize(s)).collect();
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
