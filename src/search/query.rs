//! Query syntax (fzf's extended syntax, so fzf users feel at home):
//!
//! | syntax    | meaning                                        |
//! |-----------|------------------------------------------------|
//! | `a b`     | both terms must match (AND)                    |
//! | `a \| b`  | either term (OR)                               |
//! | `term`    | fuzzy within a word or two adjacent words      |
//! | `'term`   | exact substring                                |
//! | `^term`   | passage starts with term                       |
//! | `term$`   | passage ends with term                         |
//! | `!term`   | passage does not contain term (exact)          |
//! | `\ `      | a literal space inside a term                  |
//!
//! Smart case: a capital letter in a term makes that term case-sensitive.

use crate::text::{fold, is_word_char};

/// How a term matches (the operator typed with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchKind {
    Fuzzy,
    Exact,
    Prefix,
    Suffix,
    /// `^term$`: the whole passage.
    Equal,
}

/// One term of a query, already folded for matching.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub kind: MatchKind,
    pub negated: bool,
    pub case_sensitive: bool,
    /// The term as typed (without operators).
    pub raw: String,
    /// Diacritics folded, lowercased unless case-sensitive. For fuzzy terms,
    /// only word characters are kept.
    pub needle: String,
}

/// A parsed query: AND of OR-groups of terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut or_next = false;
        for token in split_terms(input) {
            if token == "|" {
                or_next = !groups.is_empty();
                continue;
            }
            let Some(term) = Term::parse(&token) else {
                continue;
            };
            match groups.last_mut() {
                Some(group) if or_next => group.push(term),
                _ => groups.push(vec![term]),
            }
            or_next = false;
        }
        Query { groups }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// All terms, in order.
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.groups.iter().flatten()
    }
}

/// Splits on unescaped spaces; `\ ` is a literal space.
fn split_terms(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                cur.push(' ');
                chars.next();
            }
            c if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

impl Term {
    fn parse(token: &str) -> Option<Term> {
        let mut s = token;
        let negated = s.starts_with('!') && s.len() > 1;
        if negated {
            s = &s[1..];
        }
        let mut kind = MatchKind::Fuzzy;
        if let Some(rest) = s.strip_prefix('\'').filter(|r| !r.is_empty()) {
            s = rest;
            kind = MatchKind::Exact;
        } else if let Some(rest) = s.strip_prefix('^').filter(|r| !r.is_empty()) {
            s = rest;
            kind = MatchKind::Prefix;
        }
        if let Some(rest) = s.strip_suffix('$').filter(|r| !r.is_empty()) {
            s = rest;
            kind = if kind == MatchKind::Prefix {
                MatchKind::Equal
            } else {
                MatchKind::Suffix
            };
        }
        // fzf: an inverse term is an exact match.
        if negated && kind == MatchKind::Fuzzy {
            kind = MatchKind::Exact;
        }
        let case_sensitive = s.chars().any(char::is_uppercase);
        let folded = fold(s, case_sensitive).text;
        let needle = if kind == MatchKind::Fuzzy {
            folded.chars().filter(|c| is_word_char(*c)).collect()
        } else {
            folded
        };
        if needle.is_empty() {
            return None;
        }
        Some(Term {
            kind,
            negated,
            case_sensitive,
            raw: s.to_string(),
            needle,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(q: &str) -> Vec<Vec<(MatchKind, bool, String)>> {
        Query::parse(q)
            .groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|t| (t.kind, t.negated, t.needle.clone()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn and_terms() {
        assert_eq!(
            kinds("sarah foth"),
            vec![
                vec![(MatchKind::Fuzzy, false, "sarah".into())],
                vec![(MatchKind::Fuzzy, false, "foth".into())]
            ]
        );
    }

    #[test]
    fn operators() {
        assert_eq!(
            kinds("'exact")[0][0],
            (MatchKind::Exact, false, "exact".into())
        );
        assert_eq!(
            kinds("^start")[0][0],
            (MatchKind::Prefix, false, "start".into())
        );
        assert_eq!(
            kinds("end$")[0][0],
            (MatchKind::Suffix, false, "end".into())
        );
        assert_eq!(
            kinds("^whole$")[0][0],
            (MatchKind::Equal, false, "whole".into())
        );
        assert_eq!(
            kinds("!nope")[0][0],
            (MatchKind::Exact, true, "nope".into())
        );
        assert_eq!(
            kinds("!^nope")[0][0],
            (MatchKind::Prefix, true, "nope".into())
        );
    }

    #[test]
    fn or_groups() {
        let q = kinds("ban | court refugee");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].len(), 2);
        assert_eq!(q[1][0].2, "refugee");
        // A leading or dangling | is ignored.
        assert_eq!(kinds("| a |").len(), 1);
    }

    #[test]
    fn escaped_space_is_literal() {
        assert_eq!(kinds("'red\\ book")[0][0].2, "red book");
    }

    #[test]
    fn smart_case_and_folding() {
        let q = Query::parse("RedNote émile");
        let t: Vec<&Term> = q.terms().collect();
        assert!(t[0].case_sensitive);
        assert_eq!(t[0].needle, "RedNote");
        assert!(!t[1].case_sensitive);
        assert_eq!(t[1].needle, "emile");
    }

    #[test]
    fn lone_operators_are_not_terms() {
        // Operators with nothing to apply to are not terms.
        assert!(Query::parse("! ' ^ $").is_empty());
        assert!(Query::parse("   ").is_empty());
        // Punctuation alone has no word characters to match fuzzily.
        assert!(Query::parse("...").is_empty());
        assert_eq!(
            Query::parse("'...").terms().count(),
            1,
            "but can be matched exactly"
        );
    }
}
