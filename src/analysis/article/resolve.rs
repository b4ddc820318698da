//! Coreference for one quote: a cue's surname, role (`the mayor`), epithet
//! (`the actress`), pronoun, `it` or short organisation name resolved to the
//! full name the article gives.

use super::Speaker;
use crate::analysis::entities::{People, pronoun_gender};
use crate::analysis::lexicon::*;

/// Turns a surname, first name, pronoun, role (`the mayor`) or an
/// organisation's short name into the full name it refers to.
pub(super) fn resolve(
    who: &mut Speaker,
    people: &mut People<'_>,
    at: (usize, usize),
    named_in_quote: &[String],
) {
    let Some(name) = who.name.clone() else {
        // `the mayor said` when the article has exactly one mayor;
        // `the company said` after the company was named.
        if let Some(d) = who.descriptor.clone()
            && let Some(rest) = d.strip_prefix("the ")
            && !rest.is_empty()
            && rest.split(' ').count() <= 5
        {
            let noun = rest.rsplit(' ').next().unwrap_or(rest);
            // A document speaks for its organisation only right after the
            // organisation is named; a company noun within a few paragraphs.
            let window = match noun {
                "report" | "statement" | "letter" | "filing" => Some(0),
                "company" | "firm" | "airline" | "carrier" | "agency" | "department"
                | "district" | "administration" | "organization" | "organisation" | "bank"
                | "university" | "union" | "committee" | "council" | "ministry" => Some(3),
                _ => None,
            };
            // Modifiers a role holder must share (`the former adviser`).
            let modifiers: Vec<&str> = rest
                .split(' ')
                .rev()
                .skip(1)
                .filter(|w| {
                    w.chars().all(|c| c.is_lowercase() || c == '-')
                        && !w.ends_with("’s")
                        && !w.ends_with("'s")
                })
                .collect();
            if let Some(window) = window {
                if let Some(org) = people.last_organisation(at, window) {
                    who.name = Some(org);
                    who.organisation = true;
                    who.descriptor = None;
                }
            } else if is_role_noun(noun)
                && let Some(full) = people.by_role(noun, &modifiers)
            {
                who.name = Some(full);
                who.descriptor = None;
                who.coreference = true;
            } else if is_epithet_noun(noun)
                && !people.has_role_noun(noun)
                && let Some(full) = people.epithet_target(
                    at,
                    crate::analysis::entities::honorific_gender(noun),
                    named_in_quote,
                )
            {
                // `the actress says`, `the “Hello” singer wrote`: an epithet
                // for the person the text is about, not a new anonymous one.
                who.name = Some(full);
                who.descriptor = None;
                who.coreference = true;
            }
        }
        return;
    };
    if who.org_only {
        who.org_only = false;
        who.name = people.organisation_for(&name);
        who.organisation = who.name.is_some();
        return;
    }
    if who.pronoun {
        who.name = match name.as_str() {
            "they" => None,
            "it" => people.document_author(at),
            _ => people.pronoun_target(at, pronoun_gender(&name), named_in_quote),
        };
        if who.name.is_none() && name != "it" {
            who.descriptor = Some(name);
        }
        who.organisation = who
            .name
            .as_deref()
            .is_some_and(|n| people.is_organisation(n));
        who.pronoun = false;
        who.coreference = who.name.is_some();
        return;
    }
    if let Some(org) = people.organisation_for(&name) {
        who.name = Some(org);
        who.organisation = true;
        return;
    }
    if who.organisation || people.is_organisation(&name) {
        who.organisation = true;
        return;
    }
    if let Some(full) = people.full_name(&name, at) {
        if full != name {
            who.coreference = true;
        }
        who.name = Some(full);
    }
}

/// Nouns of fame that, with `the`, are an epithet for a person the
/// article is about (`the actress`, `the “Hello” singer`). Functional
/// titles (`the prosecutor`, `the spokesman`, `the official`) are not:
/// they refer to someone introduced with that title, or stay anonymous.
pub(super) fn is_epithet_noun(noun: &str) -> bool {
    matches!(
        noun,
        "singer"
            | "songstress"
            | "songwriter"
            | "actress"
            | "actor"
            | "star"
            | "superstar"
            | "rapper"
            | "musician"
            | "comedian"
            | "composer"
            | "filmmaker"
            | "novelist"
            | "poet"
            | "entertainer"
            | "celebrity"
            | "billionaire"
            | "mogul"
            | "frontman"
            | "frontwoman"
    )
}
