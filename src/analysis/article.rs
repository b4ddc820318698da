//! Per-article analysis: quotes, terms, people and who said what.

use super::entities::{People, pronoun_gender};
use super::lexicon::*;
use super::text::{
    QuoteSpan, Token, ends_sentence, has_double_marks, mark_of, opens_with_quote, quote_spans,
    single_quote_spans, tokenize,
};
use super::{Basis, TermKind, TextSpan};

/// A quotation found in one article, before cross-source registry work.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalQuote {
    pub paragraph: usize,
    /// Character offsets, marks included.
    pub start: usize,
    pub end: usize,
    /// Character offsets of the text inside the marks.
    pub inner_start: usize,
    pub inner_end: usize,
    pub speaker: Option<String>,
    pub descriptor: Option<String>,
    pub role: Option<String>,
    /// True when this part continues a quote from the previous paragraph.
    pub continued: bool,
    /// True when the speaker is an organisation rather than a person.
    pub organisation: bool,
    pub basis: Basis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LocalTerm {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub inner_start: usize,
    pub inner_end: usize,
    pub kind: TermKind,
}

/// One article's findings.
#[derive(Debug, Clone, Default)]
pub struct ArticleFindings {
    pub quotes: Vec<LocalQuote>,
    pub terms: Vec<LocalTerm>,
    /// Named people in order of first mention.
    pub people: Vec<String>,
    /// Where each person's name (full, surname or first name) stands.
    pub mentions: Vec<(String, TextSpan)>,
    /// Roles seen for people.
    pub roles: Vec<(String, String)>,
}

/// A parsed noun phrase naming (or describing) a speaker.
#[derive(Debug, Clone, Default, PartialEq)]
struct Speaker {
    name: Option<String>,
    name_span: Option<(usize, usize)>,
    pronoun: bool,
    descriptor: Option<String>,
    role: Option<String>,
    organisation: bool,
    /// The name came from a surname, role or pronoun, not the cue itself.
    coreference: bool,
    /// Found as the subject of reported speech around a quoted fragment:
    /// weaker than a cue that introduces the quote.
    reported: bool,
    /// Inferred without a cue: from the run of quotes, or the other party
    /// of a back-and-forth.
    inferred: Option<Basis>,
    /// A capitalised adjective (`American said`) that speaks only as the
    /// short name of an organisation the article names in full.
    org_only: bool,
}

struct Para<'a> {
    tokens: Vec<Token<'a>>,
    spans: Vec<QuoteSpan>,
}

/// Analyses one article's paragraphs.
pub fn analyze_article(paragraphs: &[String]) -> ArticleFindings {
    let tokens: Vec<Vec<Token<'_>>> = paragraphs.iter().map(|p| tokenize(p)).collect();
    // Single marks are the primary quotation marks only in an article that
    // has no double ones.
    let single = !tokens.iter().any(|t| has_double_marks(t));
    let mut paras: Vec<Para<'_>> = tokens
        .into_iter()
        .map(|tokens| {
            let spans = if single {
                single_quote_spans(&tokens)
            } else {
                quote_spans(&tokens)
            };
            Para { tokens, spans }
        })
        .collect();
    // An unclosed quote continues only if the next paragraph opens with a mark.
    for i in 0..paras.len() {
        let next_opens = paras
            .get(i + 1)
            .is_some_and(|n| opens_with_quote(&n.tokens));
        if !next_opens {
            paras[i].spans.retain(|s| s.close.is_some());
        }
    }

    let mut f = ArticleFindings::default();
    let mut people = People::default();
    for para in &paras {
        people.learn_words(&para.tokens);
    }
    for (pi, para) in paras.iter().enumerate() {
        people.scan(pi, &para.tokens, &para.spans);
    }
    people.promote_speaking_surnames();
    for (pi, para) in paras.iter().enumerate() {
        people.scan(pi, &para.tokens, &para.spans);
    }

    // Classify every span, then attribute the speech in document order.
    let mut last_speaker: Vec<(usize, Speaker)> = Vec::new(); // (paragraph, who)
    let mut last_anonymous: Option<String> = None;
    let mut carry: Option<Speaker> = None; // open multi-paragraph quote
    for (pi, para) in paras.iter().enumerate() {
        let toks = &para.tokens;
        for (si, span) in para.spans.iter().enumerate() {
            let continued = si == 0 && carry.is_some() && span.open == 0;
            let inner = &toks[span.inner.min(toks.len())
                ..span
                    .close
                    .unwrap_or(toks.len())
                    .max(span.inner.min(toks.len()))];
            let before = before_context(toks, &para.spans, si);
            let after = after_context(toks, &para.spans, si);
            let cue = find_cue(toks, before, after).or_else(|| cue_reported(toks, &para.spans, si));
            if !continued
                && cue.as_ref().is_none_or(|c| c.reported)
                && let Some(kind) = term_kind(toks, span, inner, before)
            {
                {
                    let (start, end, is, ie) = span_offsets(toks, span);
                    f.terms.push(LocalTerm {
                        paragraph: pi,
                        start,
                        end,
                        inner_start: is,
                        inner_end: ie,
                        kind,
                    });
                    continue;
                }
            }
            let mut who = match cue {
                Some(s) => s,
                None if continued => carry.clone().unwrap_or_default(),
                None => fallback_speaker(pi, &last_speaker, &paras, &people),
            };
            // Resolve names and pronouns to full names inside the article.
            let at = (pi, toks[span.open].start);
            resolve(&mut who, &mut people, at, &names_in(inner));
            if who.name.is_none() && who.descriptor.is_some() {
                if who.descriptor.as_deref() == Some("another")
                    && let Some(prev) = &last_anonymous
                    && let Some(rest) = prev.strip_prefix("one ")
                {
                    who.descriptor = Some(format!("another {rest}"));
                }
                last_anonymous.clone_from(&who.descriptor);
            }
            if let (Some(name), Some(span)) = (&who.name, who.name_span) {
                people.note_mention(name, pi, span);
            }
            if let (Some(name), Some(role)) = (&who.name, &who.role) {
                f.roles.push((name.clone(), role.clone()));
            }
            let (start, end, is, ie) = span_offsets(toks, span);
            let basis = if who.name.is_none() && who.descriptor.is_none() {
                Basis::None
            } else if let Some(b) = who.inferred {
                b
            } else if who.coreference {
                Basis::Coreference
            } else {
                Basis::Cue
            };
            who.inferred = Some(basis);
            f.quotes.push(LocalQuote {
                paragraph: pi,
                start,
                end,
                inner_start: is,
                inner_end: ie,
                speaker: who.name.clone(),
                descriptor: if who.name.is_some() {
                    None
                } else {
                    who.descriptor.clone()
                },
                role: who.role.clone(),
                continued,
                organisation: who.organisation,
                basis,
            });
            carry = if span.close.is_none() {
                Some(who.clone())
            } else {
                None
            };
            if who.name.is_some() || who.descriptor.is_some() {
                last_speaker.push((pi, who));
            }
        }
    }
    for (name, role) in &people.roles {
        f.roles.push((name.clone(), role.clone()));
    }
    f.people = people.names();
    f.mentions = people.mentions;
    f
}

/// Capitalised words inside a quote, lowercased: people the speaker talks
/// about in the third person, so not the speaker.
fn names_in(inner: &[Token<'_>]) -> Vec<String> {
    inner
        .iter()
        .filter(|t| t.is_capitalized() && t.text != "I")
        .map(|t| t.bare().to_lowercase())
        .collect()
}

fn span_offsets(toks: &[Token<'_>], span: &QuoteSpan) -> (usize, usize, usize, usize) {
    let open = &toks[span.open];
    let (end, inner_end) = match span.close {
        Some(c) => (toks[c].end, toks[c].start),
        None => {
            let last = toks.last().map_or(open.end, |t| t.end);
            (last, last)
        }
    };
    let inner_start = toks
        .get(span.inner.wrapping_sub(1))
        .map_or(open.end, |t| t.end);
    (open.start, end, inner_start, inner_end.max(inner_start))
}

/// Token range before the quote within its sentence (and after any earlier quote).
fn before_context(toks: &[Token<'_>], spans: &[QuoteSpan], si: usize) -> (usize, usize) {
    let open = spans[si].open;
    let floor = if si > 0 {
        spans[si - 1].close.map_or(0, |c| c + 1)
    } else {
        0
    };
    let mut start = open;
    while start > floor {
        if ends_sentence(toks, start - 1) {
            break;
        }
        start -= 1;
    }
    (start, open)
}

/// Token range after the quote up to the end of its sentence or the next quote.
fn after_context(toks: &[Token<'_>], spans: &[QuoteSpan], si: usize) -> (usize, usize) {
    let Some(close) = spans[si].close else {
        return (toks.len(), toks.len());
    };
    let ceiling = spans.get(si + 1).map_or(toks.len(), |s| s.open);
    let mut end = close + 1;
    while end < ceiling {
        if ends_sentence(toks, end) {
            break;
        }
        end += 1;
    }
    (close + 1, end)
}

/// Decides whether a quote with no speech cue is a term rather than speech.
fn term_kind(
    toks: &[Token<'_>],
    span: &QuoteSpan,
    inner: &[Token<'_>],
    before: (usize, usize),
) -> Option<TermKind> {
    let inner_words: Vec<&Token<'_>> = inner.iter().filter(|t| t.is_word).collect();
    let n = inner_words.len();
    // The few words before the mark name what the quote is.
    let prev_words: Vec<&Token<'_>> = toks[..span.open]
        .iter()
        .rev()
        .filter(|t| t.is_word)
        .take(3)
        .collect();
    let prev = prev_words
        .first()
        .map(|t| t.text.to_lowercase())
        .unwrap_or_default();
    let prev2 = prev_words
        .get(1)
        .map(|t| t.text.to_lowercase())
        .unwrap_or_default();
    if prev == "to" && (prev2 == "translates" || prev2 == "translated")
        || prev == "as" && prev2 == "translated"
        || prev == "means"
        || prev == "meaning"
        || prev == "literally"
    {
        return Some(TermKind::Translation);
    }
    if prev_words.iter().any(|t| is_term_cue(t.text)) && n <= 8 {
        return Some(TermKind::Term);
    }
    if prev_words.iter().take(2).any(|t| is_title_cue(t.text)) && n <= 10 {
        return Some(TermKind::Title);
    }
    // Nickname between a given name and a surname: Lee “Faker” Sang-hyeok.
    let next = span.close.and_then(|c| toks.get(c + 1));
    let prev_tok = span.open.checked_sub(1).map(|i| &toks[i]);
    if n <= 3
        && prev_tok.is_some_and(|t| t.is_capitalized() && !is_function_word(t.text))
        && next.is_some_and(|t| t.is_capitalized())
    {
        return Some(TermKind::Nickname);
    }
    // Short scare quotes: a few words, no sentence inside, no colon before.
    let has_sentence = inner.iter().any(|t| t.is_sentence_end());
    let colon_before = before.1 > before.0 && toks[before.1 - 1].is(":");
    if n <= 4 && !has_sentence && !colon_before {
        return Some(TermKind::Term);
    }
    None
}

/// Words that may sit between a subject and its verb (`Yang also noted`).
fn is_adverb(w: &str) -> bool {
    // Manner and stance adverbs (`famously`, `apparently`) by their form.
    let ly = w.len() > 4
        && w.ends_with("ly")
        && w.chars().all(|c| c.is_lowercase())
        && !matches!(
            w,
            "family" | "reply" | "supply" | "rally" | "assembly" | "belly" | "ally" | "italy"
        );
    ly || matches!(
        w.to_lowercase().as_str(),
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
fn find_cue(toks: &[Token<'_>], before: (usize, usize), after: (usize, usize)) -> Option<Speaker> {
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
fn cue_after(toks: &[Token<'_>], (start, end): (usize, usize)) -> Option<(usize, Speaker)> {
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
fn negated(toks: &[Token<'_>], k: usize) -> bool {
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
fn after_determiner(toks: &[Token<'_>], k: usize) -> bool {
    k > 0
        && matches!(
            toks[k - 1].text.to_lowercase().as_str(),
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
fn verbless_cue(toks: &[Token<'_>], i: usize, end: usize) -> Option<Speaker> {
    let (j, words) = super::entities::name_run(toks, i, end);
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
            .any(|t| t.is_word && super::entities::is_role_like(t.text));
    if !role {
        return None;
    }
    parse_np(toks, i, end, false).filter(|s| s.name.is_some())
}

/// `NAME said: “…”`, `NAME, an analyst, noted, “…”`, `…, saying “…”`,
/// `As one user put it, “…”`, `On X, one user wrote: “…”`, `NAME: “…”`.
fn cue_before(toks: &[Token<'_>], (start, end): (usize, usize)) -> Option<(usize, Speaker)> {
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
const REPORTED_WINDOW: usize = 120;

/// Reported speech around a quoted fragment: the sentence's first main
/// speech verb outside quotes, and its subject (`Okafor, 52, said the
/// rebuild would take “years, not months.”`).
fn cue_reported(toks: &[Token<'_>], spans: &[QuoteSpan], si: usize) -> Option<Speaker> {
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
                toks[k].text.to_lowercase().as_str(),
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
fn reported_subject(toks: &[Token<'_>], start: usize, v: usize) -> Option<Speaker> {
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
                .is_some_and(|t| super::entities::is_role_like(t.text));
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

fn with_platform(mut s: Speaker, platform: Option<String>) -> Speaker {
    if let (None, Some(d), Some(p)) = (&s.name, &s.descriptor, platform) {
        s.descriptor = Some(format!("{d} on {p}"));
    }
    s
}

/// Skips a leading conjunction (`As`, `Whilst`) or introductory phrase
/// (`On X,`), returning where the subject starts and the platform named by
/// an `On X,` phrase.
fn skip_lead(toks: &[Token<'_>], start: usize, limit: usize) -> (usize, Option<String>) {
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

/// Parses a speaker phrase in `toks[start..end]`:
/// a name (with role words before it or an appositive after it), a pronoun,
/// or an anonymous description. `initial`: the phrase starts a sentence.
fn parse_np(toks: &[Token<'_>], start: usize, end: usize, initial: bool) -> Option<Speaker> {
    let end = end.min(toks.len());
    let mut i = start;
    while i < end && !toks[i].is_word {
        i += 1;
    }
    if i >= end {
        return None;
    }
    // Head: up to the first comma, or a place or circumstance phrase after
    // the name (`Mayor Linda Okafor at a press conference outside City Hall`).
    let comma = (i..end).find(|&k| toks[k].is(","));
    let mut head_end = comma.unwrap_or(end);
    let mut seen_name = false;
    for (k, t) in toks.iter().enumerate().take(head_end).skip(i) {
        if seen_name && t.is_word && is_place_preposition(t.text) {
            head_end = k;
            break;
        }
        if t.is_capitalized()
            && !is_role_noun(t.text)
            && !is_honorific(t.text)
            && !is_function_word(t.text)
        {
            seen_name = true;
        }
    }
    let head: Vec<&Token<'_>> = toks[i..head_end]
        .iter()
        .filter(|t| t.is_word || t.is("’"))
        .collect();
    let head: Vec<&Token<'_>> = head.into_iter().filter(|t| t.is_word).collect();
    if head.is_empty() {
        return None;
    }
    let mut sp = Speaker::default();
    let appositive = comma.map(|c| {
        let stop = (c + 1..end)
            .find(|&k| toks[k].is(",") || toks[k].is_sentence_end())
            .unwrap_or(end);
        (c + 1, stop)
    });

    // The writer (`I wrote to them`) is not a source.
    if head.len() == 1 && matches!(head[0].text, "I" | "We" | "we") {
        return None;
    }
    // `it says`: a post or statement, resolved to its author.
    if head.len() == 1
        && (is_person_pronoun(head[0].text) || head[0].text.eq_ignore_ascii_case("it"))
    {
        sp.pronoun = true;
        sp.name = Some(head[0].text.to_lowercase());
        sp.name_span = Some((head[0].start, head[0].end));
        return Some(sp);
    }
    // `American said`: an adjective that may be an organisation's short name.
    if head.len() == 1
        && head[0].is_capitalized()
        && is_function_word(head[0].text)
        && !is_descriptor_start(head[0].text)
        && head[0].text.chars().skip(1).all(char::is_lowercase)
    {
        sp.name = Some(head[0].text.to_string());
        sp.org_only = true;
        return Some(sp);
    }
    // The last run of capitalised words is the name.
    let mut run_end = head.len();
    while run_end > 0 && !is_name_word(head[run_end - 1]) {
        run_end -= 1;
    }
    let mut run_start = run_end;
    while run_start > 0
        && is_name_word(head[run_start - 1])
        && !(initial && run_start - 1 == 0 && is_function_word(head[0].text))
    {
        run_start -= 1;
    }
    // `Texas - The Bexar County Sheriff`: a determiner inside the run
    // starts a new phrase.
    if let Some(k) = (run_start..run_end)
        .rev()
        .find(|&k| matches!(head[k].text, "The" | "A" | "An"))
        && k + 1 < run_end
    {
        run_start = k + 1;
    }
    // `the Bexar County Sheriff`: a capitalised run ending in a role noun
    // after `the` describes someone; it is not a name.
    if run_start > 0
        && run_start < run_end
        && run_end == head.len()
        && head[run_start - 1].text.eq_ignore_ascii_case("the")
        && is_role_noun(head[run_end - 1].text)
        && !is_honorific(head[run_end - 1].text)
    {
        let words: Vec<&str> = head[run_start - 1..run_end]
            .iter()
            .map(|t| t.text)
            .collect();
        sp.descriptor = Some(lower_first(&words.join(" ")));
        return Some(sp);
    }
    // Titles inside the run (`Education Minister Claire Dubois`) are role.
    if let Some(k) = (run_start..run_end)
        .rev()
        .find(|&k| is_role_noun(head[k].text) || is_honorific(head[k].text))
        && k + 1 < run_end
    {
        // `Lady Gaga`: a noble title before one name word stays in the name.
        run_start = if k + 2 == run_end && super::entities::is_noble_title(head[k].text) {
            k
        } else {
            k + 1
        };
    }
    // `a New Hampshire Republican`, `another state Democrat`: an indefinite
    // article makes the capitalised words a description, not a name.
    let is_indefinite = |t: &Token<'_>| {
        matches!(
            t.text.to_lowercase().as_str(),
            "a" | "an" | "another" | "one" | "some" | "every" | "each"
        )
    };
    let indefinite =
        run_start > 0 && (is_indefinite(head[run_start - 1]) || is_indefinite(head[0]));
    if indefinite && run_start < run_end && head.len() <= 8 {
        let text: Vec<&str> = head.iter().map(|t| t.text).collect();
        sp.descriptor = Some(lower_first(&text.join(" ")));
        return Some(sp);
    }
    // `the Obama administration`: a name and a government noun.
    let government = run_start < run_end
        && head.len() == run_end + 1
        && matches!(
            head[run_end].text,
            "administration" | "government" | "campaign"
        );
    if government
        && head[run_start..run_end]
            .iter()
            .all(|t| !is_function_word(t.text))
    {
        let words: Vec<&str> = head[run_start..=run_end].iter().map(|t| t.bare()).collect();
        sp.name = Some(words.join(" "));
        sp.organisation = true;
        return Some(sp);
    }
    // Words after the name in the head (other than adverbs) mean this is not a speaker phrase.
    let trailing_ok = head[run_end..].iter().all(|t| is_adverb(t.text));
    let real_name = head[run_start..run_end]
        .iter()
        .any(|t| !is_function_word(t.bare()) && !is_role_noun(t.text));
    if run_start < run_end && trailing_ok && real_name {
        let words: Vec<&str> = head[run_start..run_end].iter().map(|t| t.bare()).collect();
        let name = words.join(" ");
        let prefix: Vec<&str> = head[..run_start]
            .iter()
            .map(|t| t.text)
            .filter(|w| {
                !is_honorific(w)
                    && !matches!(
                        w.to_lowercase().as_str(),
                        "a" | "an" | "the" | "like" | "as"
                    )
            })
            .collect();
        // Dates, weekdays, months, places and sentence adverbs never speak.
        if words.last().is_some_and(|w| never_speaks(w)) {
            return None;
        }
        sp.organisation = words.iter().any(|w| is_not_person_word(w))
            || words
                .iter()
                .all(|w| w.chars().all(|c| !c.is_lowercase()) && w.chars().count() > 1);
        sp.name = Some(name);
        sp.name_span = Some((
            head[run_start].start,
            head[run_end - 1].start + head[run_end - 1].bare().chars().count(),
        ));
        if !prefix.is_empty() && prefix.iter().all(|w| !is_speech_verb(w)) {
            let role = prefix.join(" ");
            sp.role = Some(if initial { lower_first(&role) } else { role });
        }
        if let Some(role) = appositive.and_then(|app| role_from_appositive(toks, app)) {
            sp.role = Some(role);
        }
        return Some(sp);
    }
    // Anonymous: "one user", "another", "a resident who asked not to be named".
    if head.iter().enumerate().any(|(k, t)| {
        is_speech_verb(t.text)
            && !is_role_noun(t.text)
            && !(k > 0
                && matches!(
                    head[k - 1].text.to_lowercase().as_str(),
                    "the" | "a" | "an" | "its" | "their"
                ))
    }) {
        return None;
    }
    if let Some(app) = appositive {
        // "One user, Alexis Garman from Oklahoma," / "A user, Ren Yi"
        if let Some(named) =
            parse_np(toks, app.0, app.1, false).filter(|s| s.name.is_some() && !s.pronoun)
        {
            let mut named = named;
            named.role = named.role.or_else(|| {
                Some(
                    head.iter()
                        .map(|t| t.text)
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase(),
                )
            });
            return Some(named);
        }
    }
    if !is_descriptor_start(head[0].text) || head.len() > 8 {
        return None;
    }
    // The description ends at its noun (`one user`), unless a relative
    // clause follows (`a resident who asked not to be named`).
    let noun = head
        .iter()
        .position(|t| is_role_noun(t.text) || t.text.ends_with("ers") || t.text.ends_with("ist"));
    let cut = match noun {
        Some(k)
            if head
                .get(k + 1)
                .is_some_and(|t| matches!(t.text, "who" | "that")) =>
        {
            head.len()
        }
        Some(k) => k + 1,
        None if head.len() <= 3 && head.iter().all(|t| !t.text.ends_with("ed")) => head.len(),
        None => return None,
    };
    let text: Vec<&str> = head[..cut].iter().map(|t| t.text).collect();
    sp.descriptor = Some(lower_first(&text.join(" ")));
    Some(sp)
}

fn is_name_word(t: &Token<'_>) -> bool {
    t.is_capitalized() && !t.text.starts_with('#')
        || matches!(
            t.text,
            "de" | "van" | "von" | "der" | "da" | "di" | "le" | "la" | "bin" | "al" | "del"
        )
}

pub(super) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep acronyms (CEO) and names intact: only lower a capital followed by lowercase.
        Some(f) if f.is_uppercase() && c.clone().next().is_some_and(char::is_lowercase) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_string(),
    }
}

/// `a Utah resident who joined ...` → `Utah resident`;
/// `founder of the consulting firm Wavelet Strategy` stays whole.
pub(super) fn role_from_appositive(
    toks: &[Token<'_>],
    (start, end): (usize, usize),
) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for t in &toks[start..end] {
        if !t.is_word {
            if t.is("-") || t.is("’") {
                continue;
            }
            break;
        }
        if matches!(t.text, "who" | "which" | "that" | "whose") || is_speech_verb(t.text) {
            break;
        }
        words.push(t.text);
    }
    if matches!(
        words.first().map(|w| w.to_lowercase()).as_deref(),
        Some("a" | "an" | "the")
    ) {
        words.remove(0);
    }
    let has_role = words.iter().any(|w| is_role_noun(w));
    (!words.is_empty() && words.len() <= 12 && has_role).then(|| words.join(" "))
}

/// No cue: continue the speaker of an earlier quote in the same paragraph,
/// or in a back-and-forth the other party, or the speaker introduced by the
/// previous paragraph.
fn fallback_speaker(
    pi: usize,
    last: &[(usize, Speaker)],
    paras: &[Para<'_>],
    people: &People,
) -> Speaker {
    let inferred = |who: &Speaker, b: Basis| Speaker {
        inferred: Some(if who.inferred == Some(Basis::Turn) {
            Basis::Turn
        } else {
            b
        }),
        ..who.clone()
    };
    // The next part of a quote the paragraph already attributed: the same
    // speaker on the same basis (`“A,” she said. “B.”`).
    if let Some((p, who)) = last.last()
        && *p == pi
    {
        return who.clone();
    }
    // Back-and-forth: quotes alternating between two parties in consecutive paragraphs.
    if last.len() >= 2 {
        let (p1, b) = &last[last.len() - 1];
        let (p0, a) = &last[last.len() - 2];
        if *p1 + 1 == pi
            && *p0 + 1 == *p1
            && a.name != b.name
            && paras[pi].spans.first().is_some_and(|s| s.open == 0)
        {
            return inferred(a, Basis::Turn);
        }
    }
    let opens_paragraph = paras[pi].spans.first().is_some_and(|s| s.open == 0);
    if !opens_paragraph || pi == 0 {
        return Speaker::default();
    }
    // A paragraph that is all quote continues the previous paragraph's speaker ...
    if let Some((p, who)) = last.last()
        && *p + 1 == pi
    {
        return inferred(who, Basis::Coreference);
    }
    // ... or belongs to the person the previous paragraph introduced.
    Speaker {
        name: people.last_in_paragraph(pi - 1),
        inferred: Some(Basis::Coreference),
        ..Speaker::default()
    }
}

/// Turns a surname, first name, pronoun, role (`the mayor`) or an
/// organisation's short name into the full name it refers to.
fn resolve(who: &mut Speaker, people: &mut People, at: (usize, usize), named_in_quote: &[String]) {
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
                    super::entities::honorific_gender(noun),
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
fn is_epithet_noun(noun: &str) -> bool {
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

/// Is `part` (lowercase) the first or last word of the multi-word name
/// `full`? How a surname or given name alone refers to a full name.
pub(super) fn is_name_part(full: &str, part: &str) -> bool {
    let mut words = full.split(' ');
    let (first, last) = (words.next(), words.next_back());
    last.is_some()
        && (first.is_some_and(|w| w.to_lowercase() == part)
            || last.is_some_and(|w| w.to_lowercase() == part))
}
