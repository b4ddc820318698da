//! Finding name mentions: the scan of each paragraph's capitalised runs,
//! the evidence that makes a run a person or an organisation, its role and
//! whether it is the subject of its sentence.

use super::People;
use super::words::*;
use crate::analysis::lexicon::*;
use crate::analysis::text::{QuoteSpan, Token, ends_sentence, mark_of};

impl People<'_> {
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
                        Lower::of(w).as_str(),
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
