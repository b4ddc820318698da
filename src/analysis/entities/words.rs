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
pub(crate) struct Classes(u16);

impl Classes {
    const FUNCTION: u16 = 1;
    const GIVEN: u16 = 1 << 1;
    const HONORIFIC: u16 = 1 << 2;
    const ROLE_NOUN: u16 = 1 << 3;
    const ROLE_LIKE: u16 = 1 << 4;
    const ORG: u16 = 1 << 5;
    const NOT_PERSON: u16 = 1 << 6;
    const NOBLE: u16 = 1 << 7;
    const SUBORDINATOR: u16 = 1 << 8;
    const MALE: u16 = 1 << 9;
    const FEMALE: u16 = 1 << 10;
    const INITIAL: u16 = 1 << 11;
    const SUFFIX: u16 = 1 << 12;
    const DETERMINER: u16 = 1 << 13;
    const SPEECH_VERB: u16 = 1 << 14;

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

    fn compute(w: &str) -> Self {
        let mut bits = 0;
        let mut set = |yes: bool, bit: u16| {
            if yes {
                bits |= bit;
            }
        };
        set(is_function_word(w), Self::FUNCTION);
        set(is_given_name(w), Self::GIVEN);
        set(is_honorific(w), Self::HONORIFIC);
        set(is_role_noun(w), Self::ROLE_NOUN);
        set(is_role_like(w), Self::ROLE_LIKE);
        set(is_org_word(w), Self::ORG);
        set(is_not_person_word(w), Self::NOT_PERSON);
        set(is_noble_title(w), Self::NOBLE);
        set(is_subordinator(w), Self::SUBORDINATOR);
        let gender = honorific_gender(w);
        set(gender == Some(Gender::Male), Self::MALE);
        set(gender == Some(Gender::Female), Self::FEMALE);
        set(is_initial(w), Self::INITIAL);
        set(is_suffix(w), Self::SUFFIX);
        set(
            matches!(
                Lower::of(w).as_str(),
                "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
            ),
            Self::DETERMINER,
        );
        set(is_speech_verb(w), Self::SPEECH_VERB);
        Classes(bits)
    }

    fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }
    pub fn function_word(self) -> bool {
        self.has(Self::FUNCTION)
    }
    pub fn given_name(self) -> bool {
        self.has(Self::GIVEN)
    }
    pub fn honorific(self) -> bool {
        self.has(Self::HONORIFIC)
    }
    pub fn role_noun(self) -> bool {
        self.has(Self::ROLE_NOUN)
    }
    pub fn role_like(self) -> bool {
        self.has(Self::ROLE_LIKE)
    }
    pub fn org_word(self) -> bool {
        self.has(Self::ORG)
    }
    pub fn not_person_word(self) -> bool {
        self.has(Self::NOT_PERSON)
    }
    pub fn noble_title(self) -> bool {
        self.has(Self::NOBLE)
    }
    pub fn subordinator(self) -> bool {
        self.has(Self::SUBORDINATOR)
    }
    pub fn gender(self) -> Option<Gender> {
        if self.has(Self::MALE) {
            Some(Gender::Male)
        } else if self.has(Self::FEMALE) {
            Some(Gender::Female)
        } else {
            None
        }
    }
    pub fn initial(self) -> bool {
        self.has(Self::INITIAL)
    }
    pub fn suffix(self) -> bool {
        self.has(Self::SUFFIX)
    }
    /// `the`, `a`, possessive determiners: the only leading words an
    /// organisation's name drops.
    pub fn determiner(self) -> bool {
        self.has(Self::DETERMINER)
    }
    pub fn speech_verb(self) -> bool {
        self.has(Self::SPEECH_VERB)
    }
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
        for _ in 0..2 {
            for w in words {
                let c = Classes::of(w);
                assert_eq!(c.function_word(), is_function_word(w), "{w}");
                assert_eq!(c.given_name(), is_given_name(w), "{w}");
                assert_eq!(c.honorific(), is_honorific(w), "{w}");
                assert_eq!(c.role_noun(), is_role_noun(w), "{w}");
                assert_eq!(c.role_like(), is_role_like(w), "{w}");
                assert_eq!(c.org_word(), is_org_word(w), "{w}");
                assert_eq!(c.not_person_word(), is_not_person_word(w), "{w}");
                assert_eq!(c.noble_title(), is_noble_title(w), "{w}");
                assert_eq!(c.subordinator(), is_subordinator(w), "{w}");
                assert_eq!(c.gender(), honorific_gender(w), "{w}");
                assert_eq!(c.initial(), is_initial(w), "{w}");
                assert_eq!(c.suffix(), is_suffix(w), "{w}");
                assert_eq!(c.speech_verb(), is_speech_verb(w), "{w}");
            }
        }
        assert!(Classes::of("Her").determiner() && !Classes::of("Hers").determiner());
    }
}
