//! Per-article analysis: quotes, terms, people and who said what. This
//! module runs the article's pipeline (tokens, quote spans, entities, then
//! each quote's cue, coreference and fallback speaker) and owns the quote
//! and term findings; cues, speaker phrases and coreference are submodules.

use std::borrow::Cow;

use super::entities::People;
use super::lexicon::*;
use super::text::{
    QuoteSpan, Token, ends_sentence, has_double_marks, opens_with_quote, quote_spans,
    single_quote_spans, tokenize,
};
use super::{Basis, TermKind, TextSpan};

mod cues;
mod phrase;
mod resolve;

use cues::{cue_reported, find_cue};
pub(super) use phrase::{lower_first, role_from_appositive};
use resolve::resolve;

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
    /// Where each person's name (full, surname or first name) stands: an
    /// index into `mention_names` and the span.
    pub mentions: Vec<(u32, TextSpan)>,
    pub mention_names: Vec<String>,
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

/// Articles up to this many bytes keep their tokens between passes; longer
/// ones tokenise each paragraph again in each pass (three times in all), so
/// the memory analysis needs stays near the text's size however long the
/// article is (a token takes about ten times the bytes of its text).
const KEEP_TOKENS_BYTES: usize = 256 << 10;

struct Para<'a> {
    /// Kept for articles up to [`KEEP_TOKENS_BYTES`].
    tokens: Option<Vec<Token<'a>>>,
    spans: Vec<QuoteSpan>,
}

impl<'a> Para<'a> {
    /// The paragraph's tokens: the kept ones, or `text` tokenised again.
    fn tokens<'p>(&'p self, text: &'a str) -> Cow<'p, [Token<'a>]> {
        match &self.tokens {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(tokenize(text)),
        }
    }
}

/// Analyses one article's paragraphs.
pub fn analyze_article<P: AsRef<str>>(paragraphs: &[P]) -> ArticleFindings {
    let bytes: usize = paragraphs.iter().map(|p| p.as_ref().len()).sum();
    analyze_paragraphs(paragraphs, bytes <= KEEP_TOKENS_BYTES)
}

/// [`analyze_article`], keeping every paragraph's tokens between passes or
/// tokenising again in each (the same findings either way).
fn analyze_paragraphs<P: AsRef<str>>(paragraphs: &[P], keep: bool) -> ArticleFindings {
    let bytes: usize = paragraphs.iter().map(|p| p.as_ref().len()).sum();
    // Single marks are the primary quotation marks only in an article that
    // has no double ones.
    let single = !paragraphs.iter().any(|p| has_double_marks(p.as_ref()));
    let mut people = People::with_capacity(bytes);
    let mut opens = Vec::with_capacity(paragraphs.len());
    let mut paras: Vec<Para<'_>> = paragraphs
        .iter()
        .map(|p| {
            let tokens = tokenize(p.as_ref());
            people.learn_words(&tokens);
            opens.push(opens_with_quote(&tokens));
            let spans = if single {
                single_quote_spans(&tokens)
            } else {
                quote_spans(&tokens)
            };
            Para {
                tokens: keep.then_some(tokens),
                spans,
            }
        })
        .collect();
    // An unclosed quote continues only if the next paragraph opens with a mark.
    for (i, para) in paras.iter_mut().enumerate() {
        if !opens.get(i + 1).copied().unwrap_or(false) {
            para.spans.retain(|s| s.close.is_some());
        }
    }

    let mut f = ArticleFindings::default();
    for (pi, para) in paras.iter().enumerate() {
        people.scan(pi, &para.tokens(paragraphs[pi].as_ref()), &para.spans);
    }
    people.promote_speaking_surnames();
    people.rescan();

    // Classify every span, then attribute the speech in document order.
    let mut last_speaker: Vec<(usize, Speaker)> = Vec::new(); // (paragraph, who)
    let mut last_anonymous: Option<String> = None;
    let mut carry: Option<Speaker> = None; // open multi-paragraph quote
    for (pi, para) in paras.iter().enumerate() {
        let toks = &*para.tokens(paragraphs[pi].as_ref());
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
    (f.mention_names, f.mentions) = people.take_mentions();
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

/// No cue: continue the speaker of an earlier quote in the same paragraph,
/// or in a back-and-forth the other party, or the speaker introduced by the
/// previous paragraph.
fn fallback_speaker(
    pi: usize,
    last: &[(usize, Speaker)],
    paras: &[Para<'_>],
    people: &People<'_>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_kept_or_tokenised_again_give_the_same_findings() {
        let paragraphs: Vec<String> = [
            "Fire Chief Bob Diaz, 52, arrived at noon. “We are holding the line,” Diaz said.",
            "“The wind is the problem. It turns every hour,” he added, “and the crews are tired.",
            "“We need another day.”",
            "Mayor Ann Lee said the rebuild would take “years, not months.” The mayor left.",
            "Orbital Freight Co. said in a statement that trains would run. “We will be back,” the company said.",
            "“Probably,” she said.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let kept = analyze_paragraphs(&paragraphs, true);
        let again = analyze_paragraphs(&paragraphs, false);
        assert!(kept.quotes.len() >= 5, "{:?}", kept.quotes);
        assert_eq!(kept.quotes, again.quotes);
        assert_eq!(kept.terms, again.terms);
        assert_eq!(kept.people, again.people);
        assert_eq!(kept.mentions, again.mentions);
        assert_eq!(kept.mention_names, again.mention_names);
        assert_eq!(kept.roles, again.roles);
    }
}
