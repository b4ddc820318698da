//! Attribution cues around one quote: the speech verb before or after it
//! (`“…,” said X`, `X said: “…”`, `according to X`), reported speech around
//! a quoted fragment (`X said the plan was “…”`, `X called it “…”`), and the
//! subject phrase each cue points at.

use super::Speaker;
use super::phrase::{is_name_word, parse_np};
use crate::analysis::lexicon::*;
use crate::analysis::text::{QuoteSpan, Token, ends_sentence, mark_of};

/// Words that may sit between a subject and its verb (`Yang also noted`).
pub(super) fn is_adverb(w: &str) -> bool {
    // Manner and stance adverbs (`famously`, `apparently`) by their form.
    let ly = w.len() > 4
        && w.ends_with("ly")
        && w.chars().all(|c| c.is_lowercase())
        && !matches!(
            w,
            "family" | "reply" | "supply" | "rally" | "assembly" | "belly" | "ally" | "italy"
        );
    ly || matches!(
        Lower::of(w).as_str(),
        "also"
            | "later"
            | "then"
            | "further"
            | "previously"
            | "once"
            | "recently"
            | "simply"
            | "flatly"
            | "quickly"
            | "firmly"
            | "bluntly"
            | "publicly"
            | "privately"
            | "earlier"
            | "jokingly"
            | "proudly"
            | "sadly"
            | "angrily"
            | "calmly"
            | "has"
            | "had"
            | "have"
            | "would"
            | "will"
            | "reportedly"
            | "even"
            | "only"
            | "softly"
    )
}

/// Finds an attribution cue next to the quote: after it first when it
/// starts right after the closing mark, otherwise the nearest on either side.
pub(super) fn find_cue(
    toks: &[Token<'_>],
    before: (usize, usize),
    after: (usize, usize),
) -> Option<Speaker> {
    let after_cue = cue_after(toks, after);
    let before_cue = cue_before(toks, before);
    match (after_cue, before_cue) {
        (Some((da, a)), Some((db, b))) => Some(if da <= db { a } else { b }),
        (Some((_, a)), None) => Some(a),
        (None, Some((_, b))) => Some(b),
        (None, None) => None,
    }
}

/// `…,” said NAME` / `…,” NAME said` / `…,” according to NAME`.
/// Returns the distance (in tokens) of the verb from the quote.
pub(super) fn cue_after(
    toks: &[Token<'_>],
    (start, end): (usize, usize),
) -> Option<(usize, Speaker)> {
    let mut i = start;
    while i < end && !toks[i].is_word {
        if !matches!(toks[i].text, "," | "—" | "–" | "-") {
            return None;
        }
        i += 1;
    }
    if i >= end {
        return None;
    }
    let first = &toks[i];
    if matches!(
        first.text,
        "and" | "but" | "or" | "while" | "as" | "because" | "so"
    ) {
        return None;
    }
    if first.text.eq_ignore_ascii_case("according") && toks.get(i + 1).is_some_and(|t| t.is("to")) {
        return parse_np(toks, i + 2, end, false).map(|s| (i - start, s));
    }
    if is_speech_verb(first.text) && !is_participle(first.text) {
        // Inverted: said Sarah Fotheringham, a Utah resident.
        return parse_np(toks, i + 1, end, false).map(|s| (i - start, s));
    }
    // Inverted with any past-tense verb right after the quote's comma
    // (`…,” described witness Ana Ruiz.`): an attribution when a name follows.
    let comma_before = if i == start {
        start >= 2 && toks[start - 2].is(",")
    } else {
        toks[i - 1].is(",")
    };
    if comma_before
        && first.text.len() > 4
        && first.text.ends_with("ed")
        && first.text.chars().all(|c| c.is_lowercase())
        && let Some(s) = parse_np(toks, i + 1, end, false)
            .filter(|s| s.name.is_some() && !s.pronoun && !s.org_only)
    {
        return Some((i - start, s));
    }
    // NAME said: the verb within a few words.
    let limit = (i + 12).min(end);
    let Some(v) = (i..limit).find(|&k| {
        toks[k].is_word
            && is_speech_verb(toks[k].text)
            && !is_participle(toks[k].text)
            && !after_determiner(toks, k)
    }) else {
        return verbless_cue(toks, i, end).map(|s| (end - start, s));
    };
    if negated(toks, v) {
        return None;
    }
    if toks[v].text.eq_ignore_ascii_case("put") && !toks.get(v + 1).is_some_and(|t| t.is("it")) {
        return None;
    }
    let np = parse_np(toks, i, v, first.is_capitalized() && i == start)?;
    Some((v - start, np))
}

/// `did not respond`, `never said`, `declined to comment`: no speech.
pub(super) fn negated(toks: &[Token<'_>], k: usize) -> bool {
    let prev = |n: usize| {
        k.checked_sub(n)
            .map(|i| toks[i].text.to_lowercase())
            .unwrap_or_default()
    };
    let p1 = prev(1);
    matches!(p1.as_str(), "not" | "never")
        || p1.ends_with("n't")
        || p1.ends_with("n’t")
        || p1 == "to" && matches!(prev(2).as_str(), "declined" | "refused" | "failed")
}

/// A "verb" right after a determiner is a noun (`the report`, `his comments`).
pub(super) fn after_determiner(toks: &[Token<'_>], k: usize) -> bool {
    k > 0
        && matches!(
            Lower::of(toks[k - 1].text).as_str(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "this"
                | "that"
                | "our"
                | "my"
                | "your"
                | "these"
                | "those"
                | "no"
                | "any"
                | "every"
        )
}

/// `“…,” Mark Ruiz, senior adviser for the agency.`: a full name with an
/// appositive role right after the quote and no verb.
pub(super) fn verbless_cue(toks: &[Token<'_>], i: usize, end: usize) -> Option<Speaker> {
    let (j, words) = crate::analysis::entities::name_run(toks, i, end);
    if words.len() < 2
        || words
            .iter()
            .any(|w| is_function_word(w) || is_not_person_word(w))
    {
        return None;
    }
    let comma = toks.get(j).is_some_and(|t| t.is(","));
    let role = comma
        && toks[j + 1..end]
            .iter()
            .take(6)
            .any(|t| t.is_word && crate::analysis::entities::is_role_like(t.text));
    if !role {
        return None;
    }
    parse_np(toks, i, end, false).filter(|s| s.name.is_some())
}

/// `NAME said: “…”`, `NAME, an analyst, noted, “…”`, `…, saying “…”`,
/// `As one user put it, “…”`, `On X, one user wrote: “…”`, `NAME: “…”`.
pub(super) fn cue_before(
    toks: &[Token<'_>],
    (start, end): (usize, usize),
) -> Option<(usize, Speaker)> {
    if start >= end {
        return None;
    }
    // The speech verb nearest the quote.
    let verb = (start..end).rev().find(|&k| {
        toks[k].is_word
            && is_speech_verb(toks[k].text)
            && !after_determiner(toks, k)
            && !negated(toks, k)
            && (!toks[k].text.eq_ignore_ascii_case("put")
                || toks.get(k + 1).is_some_and(|t| t.is("it")))
    });
    let Some(v) = verb else {
        // Transcript style: NAME: “…”
        if toks[end - 1].is(":") && end - start <= 5 {
            return parse_np(toks, start, end - 1, true)
                .filter(|s| s.name.is_some())
                .map(|s| (1, s));
        }
        return None;
    };
    // A speech introduction ends at the mark: `said, “`, `wrote: “`, `said “`.
    let last = &toks[end - 1];
    let introduces = last.is(",") || last.is(":") || last.is("that") || Some(end - 1) == Some(v);
    // The verb must be close to the quote: only a few tokens between ...
    let gap = toks[v + 1..end].iter().filter(|t| t.is_word).count();
    // ... unless the quote is a fragment of the reporter's sentence whose
    // subject said it: `Okafor said the rebuild would take “years”`.
    let reported = !introduces && gap <= 25 && !is_participle(toks[v].text);
    if !(introduces && gap <= 6 || reported) {
        return None;
    }
    let dist = end - v;
    if reported {
        return None;
    }
    if toks[v].text.eq_ignore_ascii_case("according") {
        return parse_np(toks, v + 2, end, false).map(|s| (dist, s));
    }
    let participle = is_participle(toks[v].text) || v > start && toks[v - 1].is(",");
    let (mut np_start, platform) = skip_lead(toks, start, v);
    if participle {
        // The subject of the sentence said it.
        let s = parse_np(toks, np_start, v, np_start == start)?;
        return Some((dist, with_platform(s, platform)));
    }
    // Main verb: the phrase right before it is the subject.
    let mut np_end = v;
    while np_end > np_start && toks[np_end - 1].is_word && is_adverb(toks[np_end - 1].text) {
        np_end -= 1;
    }
    if let Some(s) = parse_np(toks, np_start, np_end, np_start == start) {
        return Some((dist, with_platform(s, platform)));
    }
    // Fall back to the name or pronoun right before the verb (`..., and Yang said:`).
    np_start = np_end.saturating_sub(3).max(start);
    while np_start < np_end
        && !(toks[np_start].is_capitalized() || is_person_pronoun(toks[np_start].text))
    {
        np_start += 1;
    }
    parse_np(toks, np_start, np_end, false).map(|s| (dist, with_platform(s, platform)))
}

/// How far back (in tokens) reported speech looks for its verb.
pub(super) const REPORTED_WINDOW: usize = 120;

/// Reported speech around a quoted fragment: the sentence's first main
/// speech verb outside quotes, and its subject (`Okafor, 52, said the
/// rebuild would take “years, not months.”`).
pub(super) fn cue_reported(toks: &[Token<'_>], spans: &[QuoteSpan], si: usize) -> Option<Speaker> {
    let open = spans[si].open;
    // A sentence, but never more than a bounded window: linear on any input.
    let floor = open.saturating_sub(REPORTED_WINDOW);
    let mut start = open;
    while start > floor && !ends_sentence(toks, start - 1) {
        start -= 1;
    }
    // Earlier quotes that reach into the window (spans are in order).
    let first = spans[..si].partition_point(|s| s.close.is_some_and(|c| c < start));
    let near = &spans[first..si];
    let inside = |k: usize| {
        near.iter()
            .any(|s| k > s.open && s.close.is_none_or(|c| k <= c))
    };
    // The closing mark of a quote that ended the last sentence (`.”`) is
    // not part of this one.
    while start < open && inside(start) && mark_of(&toks[start]).is_some() {
        start += 1;
    }
    // `X called it “…”`: naming in X's words, when the quote follows.
    // `X called it “…”`, `X called the loss a “…”`: the words follow within
    // a short object phrase.
    let calls = |k: usize| {
        matches!(toks[k].text, "called" | "calls" | "call")
            && k < open
            && open - k <= 7
            && toks[k + 1..open].iter().all(|t| t.is_word)
    };
    let verbs = (start..open).filter(|&k| {
        toks[k].is_word
            && !inside(k)
            && (is_speech_verb(toks[k].text) || calls(k))
            && !is_participle(toks[k].text)
            && !after_determiner(toks, k)
            && !negated(toks, k)
            && !matches!(
                Lower::of(toks[k].text).as_str(),
                "put" | "according" | "report" | "reports" | "post" | "posts" | "share" | "shares"
            )
    });
    for v in verbs {
        if (start..v).any(inside) {
            return None;
        }
        if let Some(mut s) = reported_subject(toks, start, v)
            && (!calls(v) || s.name.is_some())
        {
            s.reported = true;
            return Some(s);
        }
    }
    None
}

/// The subject of a main speech verb at `v` in a sentence starting at
/// `start`: the phrase right before the verb (`…, Mr. Trump said`), else the
/// sentence's opening phrase with its appositive (`Jim Cantrell, a founder,
/// told`). Only names, pronouns and roles count, never a description.
pub(super) fn reported_subject(toks: &[Token<'_>], start: usize, v: usize) -> Option<Speaker> {
    let (np_start, _) = skip_lead(toks, start, v);
    let mut np_end = v;
    while np_end > np_start && toks[np_end - 1].is_word && is_adverb(toks[np_end - 1].text) {
        np_end -= 1;
    }
    let useful = |s: &Speaker| {
        s.name.is_some()
            || s.pronoun
            || s.descriptor
                .as_deref()
                .is_some_and(|d| d.starts_with("the ") && d.split(' ').count() <= 5)
    };
    // The clause right before the verb.
    // A spaced hyphen ends a dateline (`SPRINGVILLE, Utah - The ...`).
    let comma = (np_start..np_end).rev().find(|&k| {
        toks[k].is(",")
            || toks[k].is("—")
            || toks[k].is("–")
            || toks[k].is("-") && toks[k].space_before
    });
    let mut clause = comma.map_or(np_start, |c| c + 1);
    // A relative clause (`NAME, who confirmed that …`): its own subject
    // (`which he called`) or else the phrase it attaches to.
    if clause < np_end
        && toks[clause].is_word
        && matches!(toks[clause].text, "who" | "which" | "that")
    {
        // The comma may sit before the lead phrase `skip_lead` passed over.
        let comma = comma.or_else(|| (start..clause).rev().find(|&k| toks[k].is(",")));
        if clause + 1 < np_end {
            clause += 1;
        } else if let Some(c) = comma {
            // The name right before the comma, else a short phrase
            // (`the Halden administration`).
            let mut k = c;
            while k > start && is_name_word(&toks[k - 1]) {
                k -= 1;
            }
            if k == c {
                while k > start && k + 3 > c && toks[k - 1].is_word {
                    k -= 1;
                }
            }
            return parse_np(toks, k, c, k == start).filter(|s| s.name.is_some());
        } else {
            return None;
        }
    }
    if clause < np_end
        && np_end - clause <= 6
        && let Some(s) = parse_np(toks, clause, np_end, clause == start).filter(useful)
    {
        return Some(s);
    }
    // The sentence's subject with an appositive: `NAME, …, said`; after a
    // description the name in its appositives (`The town's police chief,
    // Ana Ruiz, has said`).
    if clause == np_end
        && np_end - np_start <= 30
        && toks[np_start].text.eq_ignore_ascii_case("the")
    {
        let mut k = np_start;
        while let Some(c) = (k..np_end).find(|&x| toks[x].is(",")) {
            let stop = (c + 1..np_end).find(|&x| toks[x].is(",")).unwrap_or(np_end);
            let after_role = toks[k..c]
                .iter()
                .rev()
                .find(|t| t.is_word)
                .is_some_and(|t| crate::analysis::entities::is_role_like(t.text));
            if let Some(s) = parse_np(toks, c + 1, stop, false).filter(|s| {
                after_role && !s.organisation && s.name.as_deref().is_some_and(|n| n.contains(' '))
            }) {
                return Some(s);
            }
            k = c + 1;
        }
    }
    if clause == np_end && np_end - np_start <= 30 {
        return parse_np(toks, np_start, np_end, np_start == start).filter(useful);
    }
    None
}

pub(super) fn with_platform(mut s: Speaker, platform: Option<String>) -> Speaker {
    if let (None, Some(d), Some(p)) = (&s.name, &s.descriptor, platform) {
        s.descriptor = Some(format!("{d} on {p}"));
    }
    s
}

/// Skips a leading conjunction (`As`, `Whilst`) or introductory phrase
/// (`On X,`), returning where the subject starts and the platform named by
/// an `On X,` phrase.
pub(super) fn skip_lead(toks: &[Token<'_>], start: usize, limit: usize) -> (usize, Option<String>) {
    let mut i = start;
    let lower = |t: &Token<'_>| t.text.to_lowercase();
    while i < limit
        && toks[i].is_word
        && matches!(
            lower(&toks[i]).as_str(),
            "as" | "whilst"
                | "while"
                | "and"
                | "but"
                | "meanwhile"
                | "so"
                | "then"
                | "also"
                | "still"
                | "yet"
                | "however"
        )
    {
        i += 1;
        if i < limit && toks[i].is(",") {
            i += 1;
        }
    }
    if i < limit
        && toks[i].is_word
        && matches!(
            lower(&toks[i]).as_str(),
            "on" | "in"
                | "at"
                | "during"
                | "after"
                | "before"
                | "speaking"
                | "writing"
                | "online"
                | "later"
                | "earlier"
        )
        && let Some(c) = (i..limit).find(|&k| toks[k].is(","))
    {
        let platform = (lower(&toks[i]) == "on" && c == i + 2 && toks[i + 1].is_capitalized())
            .then(|| toks[i + 1].text.to_string());
        return (c + 1, platform);
    }
    (i, None)
}
