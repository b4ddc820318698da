//! Finding name mentions: the scan of each paragraph's capitalised runs,
//! the evidence that makes a run a person or an organisation, its role and
//! whether it is the subject of its sentence.

use std::borrow::Cow;

use super::words::*;
use super::{Gender, People};
use crate::analysis::lexicon::*;
use crate::analysis::text::{QuoteSpan, Token, ends_sentence, mark_of};

impl People<'_> {
    /// Finds name mentions in a paragraph (first scan), and keeps what it
    /// read of each capitalised run so that [`People::rescan`] replays them
    /// without reading the tokens again.
    pub fn scan(&mut self, pi: usize, toks: &[Token<'_>], spans: &[QuoteSpan]) {
        // Tokens inside quotes are not the article's own naming.
        let (mut inside, mut limits) = std::mem::take(&mut self.scratch);
        inside.clear();
        inside.resize(toks.len(), false);
        for s in spans {
            let end = s.close.unwrap_or(toks.len());
            for x in inside.iter_mut().take(end).skip(s.open + 1) {
                *x = true;
            }
        }
        // Where the stretch outside quotes that holds each token ends.
        limits.clear();
        limits.resize(toks.len(), toks.len());
        let mut next = toks.len();
        for k in (0..toks.len()).rev() {
            if inside[k] {
                next = k;
            }
            limits[k] = next;
        }
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if inside[i] || !t.is_word || !t.is_capitalized() || t.text.starts_with('#') {
                i += 1;
                continue;
            }
            let (j, words) = name_run(toks, i, limits[i]);
            if words.is_empty() {
                i += 1;
                continue;
            }
            if let Some(run) = self.read_run(toks, i, j, &words) {
                self.apply_run(pi, &run);
                self.read.push((pi, run));
            }
            i = j.max(i + 1);
        }
        self.scratch = (inside, limits);
    }

    /// The second scan: every run the first scan read, applied again now
    /// that more entities are known (same order, same effect as reading the
    /// paragraphs again).
    pub fn rescan(&mut self) {
        let read = std::mem::take(&mut self.read);
        for (pi, run) in &read {
            self.apply_run(*pi, run);
        }
        self.read = read;
    }

    /// What a capitalised run is, read from the tokens alone (the article's
    /// lower-case words aside): `None` when it names nobody.
    fn read_run(
        &self,
        toks: &[Token<'_>],
        i: usize,
        j: usize,
        words: &[Cow<'_, str>],
    ) -> Option<Run> {
        let sentence_start = i == 0
            || ends_sentence(toks, i - 1)
            || mark_of(&toks[i - 1]).is_some()
            || matches!(toks[i - 1].text, "(" | "—" | "–" | ":");
        // Token index of each word (a dotted initial spans two tokens).
        let tok_of = |s: usize| {
            let mut k = i;
            for w in &words[..s] {
                k += if w.ends_with('.') && !toks[k].text.ends_with('.') {
                    2
                } else {
                    1
                };
            }
            k
        };
        // Leading words that are not the name: sentence-initial ordinary
        // words (`Ask`, `But`), titles and role nouns.
        // An organisation's name may start with an adjective (`American
        // Airlines`): only determiners are dropped from it.
        let cls: smallvec::SmallVec<[Classes; 8]> = words.iter().map(|w| Classes::of(w)).collect();
        let org_run = cls.iter().any(|c| c.org_word());
        let dropped = |c: Classes| c.function_word() && (!org_run || c.determiner());
        let mut s = 0;
        let mut gender = None;
        while s < words.len() {
            let c = cls[s];
            let initial_ordinary =
                s == 0 && sentence_start && !c.given_name() && self.ordinary_word(&words[s], c);
            if c.honorific() || c.role_like() || initial_ordinary || dropped(c) {
                s += 1;
            } else {
                break;
            }
        }
        // A title inside the run (`Education Minister Claire Dubois`).
        if let Some(r) = (s..words.len())
            .rev()
            .find(|&r| cls[r].role_noun() || cls[r].honorific())
            && r + 1 < words.len()
        {
            s = r + 1;
        }
        for c in &cls[..s] {
            if let Some(g) = c.gender() {
                gender = Some(g);
            }
        }
        // `Lady Gaga`: a noble title before one name word is part of the name.
        let noble = s > 0 && s + 1 == words.len() && cls[s - 1].noble_title();
        if noble {
            s -= 1;
        }
        // The role is the title words before the name, when they end in a
        // role noun (`Technology analyst`, `Fire Chief`).
        let role_words: Vec<&str> = if !noble && s > 0 && cls[s - 1].role_like() {
            words[..s]
                .iter()
                .zip(&cls[..s])
                .skip_while(|(_, c)| c.function_word() || c.honorific())
                .filter(|(_, c)| !c.honorific())
                .map(|(w, _)| w.as_ref())
                .collect()
        } else {
            Vec::new()
        };
        let name_words = &words[s..];
        let name_cls = &cls[s..];
        if name_words.is_empty() {
            return None;
        }
        let first_tok = tok_of(s);
        let last_tok = j - 1;
        let span = (
            toks[first_tok].start,
            toks[last_tok].start + toks[last_tok].bare().chars().count(),
        );
        let org = name_cls.iter().any(|c| c.org_word());
        if org {
            if name_words.len() <= 6 {
                return Some(Run {
                    name: name_words.join(" "),
                    span,
                    person: None,
                });
            }
            return None;
        }
        let acronym = |w: &Cow<'_, str>, c: Classes| {
            w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase()) && !c.initial()
        };
        let given_first = name_words.len() >= 2 && name_cls[0].given_name();
        if name_words.len() > 5
            || name_words
                .iter()
                .zip(name_cls)
                .enumerate()
                .any(|(k, (w, &c))| {
                    c.not_person_word() && !(k == 0 && given_first)
                        || w.chars().any(|c| c.is_ascii_digit())
                        || acronym(w, c)
                        || w.contains('.') && !c.initial() && !c.suffix()
                })
            || name_cls.iter().all(|c| c.initial() || c.suffix())
        {
            return None;
        }
        let prev = first_tok.checked_sub(1).map(|k| &toks[k]);
        let prev2 = first_tok.checked_sub(2).map(|k| &toks[k]);
        let role_before = noble
            || !role_words.is_empty()
            || s > 0 && cls[s - 1].honorific()
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
        let given = name_words.len() >= 2 && name_cls[0].given_name();
        let verb_after = after.is_some_and(|t| is_speech_verb(t.text) && !t.text.ends_with("ing"));
        let indefinite = prev.is_some_and(|t| {
            matches!(
                Lower::of(t.text).as_str(),
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
        let subordinate = cls[..s].iter().any(|c| c.subordinator());
        let subject = !subordinate && sentence_start
            || starts_clause(toks, first_tok)
            || verb_after
            || appositive_after && self.verb_after_appositive(toks, j);
        let name = name_words.join(" ");
        let key = key_of(&name);
        let role = if appositive_after {
            crate::analysis::article::role_from_appositive(toks, (j + 1, toks.len()))
        } else if !role_words.is_empty() {
            Some(crate::analysis::article::lower_first(&role_words.join(" ")))
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
            (!role.is_empty()).then(|| crate::analysis::article::lower_first(&role.join(" ")))
        } else {
            None
        };
        let prev_verb = prev.is_some_and(|t| is_speech_verb(t.text) && !t.text.ends_with("ing"));
        Some(Run {
            name,
            span,
            person: Some(PersonRun {
                key,
                evidence,
                gender,
                subject,
                possessive,
                role,
                speaking: name_words.len() == 1 && (verb_after || prev_verb),
                words: if name_words.len() >= 2 && !indefinite {
                    name_words.iter().map(|w| w.to_string()).collect()
                } else {
                    Vec::new()
                },
            }),
        })
    }

    /// Records what a run read by [`People::read_run`] names: a mention of
    /// a known or newly evidenced person or organisation, else the
    /// repetition evidence it gives.
    fn apply_run(&mut self, pi: usize, run: &Run) {
        let span = run.span;
        let Some(p) = &run.person else {
            let e = self.entity(&run.name, true, false);
            self.mention(e, pi, span, false);
            return;
        };
        // A known person or organisation by part (`Varga`, `Ms. Varga`,
        // `Black Elk said` after `Linda Black Elk`).
        let key = &p.key;
        let known = self
            .by_key
            .get(key)
            .copied()
            .or_else(|| self.by_part.get(key).filter(|c| c.len() == 1).map(|c| c[0]));
        let known_or_new = match known {
            Some(e) => Some(e),
            None if p.evidence => Some(self.entity(&run.name, false, true)),
            None => None,
        };
        if let Some(e) = known_or_new {
            if let Some(g) = p.gender {
                self.entities[e].gender.get_or_insert(g);
            }
            self.mention(e, pi, span, p.subject);
            if p.possessive {
                self.possessive.insert((pi, span.0));
            }
            if self.entities[e].organisation {
                return;
            }
            if let Some(role) = &p.role {
                let name = self.entities[e].name.clone();
                if !self.entities[e].roles.contains(role) {
                    self.entities[e].roles.push(role.clone());
                }
                self.roles.push((name, role.clone()));
            }
            return;
        }
        if p.speaking {
            self.speaking.insert(key.clone());
        }
        // Remember the run for repetition evidence, by its surname(s).
        let n = p.words.len();
        for k in 1..n {
            let part = key_of(&p.words[k..].join(" "));
            let v = self.runs.entry(part).or_default();
            if !v.iter().any(|r| r.0 == run.name) {
                v.push((run.name.clone(), pi));
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

/// A capitalised run as the first scan read it.
#[derive(Debug, Clone)]
pub(super) struct Run {
    /// The name as written (without titles and role words).
    name: String,
    /// Char range of the name in its paragraph.
    span: (usize, usize),
    /// `None`: an organisation's name.
    person: Option<PersonRun>,
}

/// What a run that may name a person says about them.
#[derive(Debug, Clone)]
struct PersonRun {
    key: String,
    /// A title, role, appositive, known given name or speech verb backs it.
    evidence: bool,
    gender: Option<Gender>,
    subject: bool,
    possessive: bool,
    role: Option<String>,
    /// A single word next to a speech verb (`Roof said`).
    speaking: bool,
    /// The name's words, for repetition evidence (runs of two or more
    /// words not after an indefinite article); empty otherwise.
    words: Vec<String>,
}
