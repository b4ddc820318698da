//! Name words of one article: registry keys, initials, suffixes and
//! particles, organisation words, gender from pronouns and titles, clause
//! position, and the capitalised runs a name is read from.

use std::borrow::Cow;

use crate::analysis::lexicon::*;
use crate::analysis::text::{Token, ends_sentence};

/// Registry key of a name: lowercase, `.` dropped, single spaces.
pub(crate) fn key_of(name: &str) -> String {
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
pub(crate) fn is_suffix(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Jr" | "Sr" | "II" | "III" | "IV" | "jr" | "sr"
    )
}

/// An initial (`J.`, `R.J.`) or a one-letter initial whose dot was split off.
pub(crate) fn is_initial(w: &str) -> bool {
    let core = w.trim_end_matches('.');
    !core.is_empty()
        && core
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// Surname particles that stay lowercase inside a name.
pub(crate) fn is_particle(w: &str) -> bool {
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
pub(crate) fn is_org_word(w: &str) -> bool {
    let l = Lower::of(w.trim_end_matches('.'));
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
pub(crate) enum Gender {
    Male,
    Female,
}

pub(crate) fn pronoun_gender(p: &str) -> Option<Gender> {
    match Lower::of(p).as_str() {
        "he" | "him" | "his" => Some(Gender::Male),
        "she" | "her" | "hers" => Some(Gender::Female),
        _ => None,
    }
}

pub(crate) fn honorific_gender(w: &str) -> Option<Gender> {
    match Lower::of(w.trim_end_matches('.')).as_str() {
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
pub(crate) fn is_noble_title(w: &str) -> bool {
    matches!(
        Lower::of(w.trim_end_matches('.')).as_str(),
        "lady" | "lord" | "sir" | "dame"
    )
}

/// Conjunctions that open a subordinate clause.
pub(crate) fn is_subordinator(w: &str) -> bool {
    matches!(
        Lower::of(w).as_str(),
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
pub(crate) fn starts_clause(toks: &[Token<'_>], i: usize) -> bool {
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
pub(crate) fn is_role_like(w: &str) -> bool {
    if is_role_noun(w) {
        return true;
    }
    let l = Lower::of(w);
    let l = l.as_str();
    l.chars().count() > 5
        && ["ist", "ician", "grapher", "eer"]
            .iter()
            .any(|suf| l.ends_with(suf))
}

/// The words of a capitalised run (few: kept on the stack).
pub(crate) type NameWords<'a> = smallvec::SmallVec<[Cow<'a, str>; 6]>;

/// Name words of a capitalised run starting at `i`: (end token, words).
/// Initials keep their dot (`J.`), a possessive ends the run.
/// Words borrow the text; only a dotted initial is a new string.
pub(crate) fn name_run<'a>(toks: &[Token<'a>], i: usize, limit: usize) -> (usize, NameWords<'a>) {
    let mut words = NameWords::new();
    let mut j = i;
    while j < limit {
        let t = &toks[j];
        let is_name = t.is_word
            && (t.is_capitalized() && !t.text.starts_with('#') && !t.text.starts_with('@')
                || is_particle(t.text) && !words.is_empty());
        if !is_name {
            break;
        }
        let mut w = Cow::Borrowed(t.bare());
        j += 1;
        let dotted = j < limit
            && toks[j].is(".")
            && !toks[j].space_before
            && (is_initial(t.text) || is_suffix(t.text) || is_honorific(t.text));
        if dotted {
            w.to_mut().push('.');
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

/// What the word lists say of one name word, every list asked once. Reading
/// a capitalised run asks up to ten of them about each word (honorific? role
/// noun? given name? organisation word? ...); a run reads its words' classes
/// from here instead, and a word seen before costs one lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Classes(u32);

impl Classes {
    /// The classes of `w` (as written: case and a trailing `.` matter as
    /// they do to each list's own function).
    pub fn of(w: &str) -> Self {
        // Distinct name words are few next to their uses; the memo is
        // dropped when it grows past this (a bound, not a tuning).
        const MEMO_MAX: usize = 1 << 16;
        thread_local! {
            static MEMO: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Classes>> =
                std::cell::RefCell::new(rustc_hash::FxHashMap::default());
        }
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            if let Some(&c) = memo.get(w) {
                return c;
            }
            let c = Self::compute(w);
            if memo.len() >= MEMO_MAX {
                memo.clear();
            }
            memo.insert(w.into(), c);
            c
        })
    }

    pub fn gender(self) -> Option<Gender> {
        if self.male() {
            Some(Gender::Male)
        } else if self.female() {
            Some(Gender::Female)
        } else {
            None
        }
    }
}

/// Declares the classes: one bit each, how it is computed (the list's own
/// function, so the two cannot disagree) and the accessor that reads it.
macro_rules! word_classes {
    ($($(#[$doc:meta])* $name:ident: $test:expr;)*) => {
        #[allow(non_camel_case_types)]
        enum Bit {
            $($name),*
        }

        impl Classes {
            fn compute(w: &str) -> Self {
                let mut bits = 0;
                $(
                    if ($test)(w) {
                        bits |= 1 << Bit::$name as u32;
                    }
                )*
                Classes(bits)
            }

            $(
                $(#[$doc])*
                pub fn $name(self) -> bool {
                    self.0 & (1 << Bit::$name as u32) != 0
                }
            )*
        }
    };
}

word_classes! {
    function_word: is_function_word;
    given_name: is_given_name;
    honorific: is_honorific;
    role_noun: is_role_noun;
    role_like: is_role_like;
    org_word: is_org_word;
    not_person_word: is_not_person_word;
    noble_title: is_noble_title;
    subordinator: is_subordinator;
    male: |w| honorific_gender(w) == Some(Gender::Male);
    female: |w| honorific_gender(w) == Some(Gender::Female);
    initial: is_initial;
    suffix: is_suffix;
    /// `the`, `a`, possessive determiners: the only leading words an
    /// organisation's name drops.
    determiner: |w: &str| matches!(
        Lower::of(w).as_str(),
        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
    );
    speech_verb: is_speech_verb;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every class answers exactly as the list's own function, for words of
    /// every kind, in several cases and with a trailing dot, asked twice
    /// (computed, then from the memo).
    #[test]
    fn classes_answer_as_each_list_does() {
        let words = [
            "The",
            "the",
            "A",
            "Her",
            "Mr",
            "Mr.",
            "MR",
            "Dr.",
            "Ms",
            "Lady",
            "Sir",
            "Dame",
            "Minister",
            "minister",
            "Chief",
            "Volcanologist",
            "Pediatrician",
            "Inc",
            "Inc.",
            "Airlines",
            "University",
            "Monday",
            "March",
            "May",
            "Though",
            "While",
            "J.",
            "R.J.",
            "Jr",
            "Jr.",
            "III",
            "Ana",
            "Ines",
            "Varga",
            "Spokeswoman",
            "Actor",
            "Queen",
            "Émile",
            "ÉMILE",
            "Straße",
            "",
            ".",
            "X",
            "NASA",
            "said",
            "Says",
            "told",
            "saying",
        ];
        type Check = (&'static str, fn(Classes) -> bool, fn(&str) -> bool);
        let checks: [Check; 12] = [
            ("function word", Classes::function_word, is_function_word),
            ("given name", Classes::given_name, is_given_name),
            ("honorific", Classes::honorific, is_honorific),
            ("role noun", Classes::role_noun, is_role_noun),
            ("role-like", Classes::role_like, is_role_like),
            ("organisation", Classes::org_word, is_org_word),
            ("not a person", Classes::not_person_word, is_not_person_word),
            ("noble title", Classes::noble_title, is_noble_title),
            ("subordinator", Classes::subordinator, is_subordinator),
            ("initial", Classes::initial, is_initial),
            ("suffix", Classes::suffix, is_suffix),
            ("speech verb", Classes::speech_verb, is_speech_verb),
        ];
        for _ in 0..2 {
            for w in words {
                let c = Classes::of(w);
                for (what, class, list) in checks {
                    assert_eq!(class(c), list(w), "{what}: {w}");
                }
                assert_eq!(c.gender(), honorific_gender(w), "gender: {w}");
            }
        }
        assert!(Classes::of("Her").determiner() && !Classes::of("Hers").determiner());
    }
}
