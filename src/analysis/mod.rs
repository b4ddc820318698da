//! Quote extraction, speaker attribution and cross-source grouping.
//!
//! Rule-based and deterministic: [`analyze`] turns a [`Story`] into every
//! direct quote with its speaker, a speaker registry for the whole story,
//! and groups of quotes that repeat or paraphrase each other across sources.

mod article;
mod entities;
mod group;
mod lexicon;
mod registry;
mod text;

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::Story;
pub use crate::text::fold_name;
pub use group::similarity;

/// A character range in one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextSpan {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

/// What a quoted term that is not speech is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// A hashtag, a so-called phrase, a scare quote.
    Term,
    Translation,
    /// The title of a show, book, song ...
    Title,
    Nickname,
}

/// How the engine knows who said a quote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// A speech verb next to the quote names the speaker (or the anonymous
    /// descriptor) in full.
    Cue,
    /// A surname, role, pronoun, organisation's short name or the speaker
    /// of the surrounding run of quotes, resolved to the full name.
    Coreference,
    /// No cue: inferred from a back-and-forth between two parties.
    Turn,
    /// Nobody identified.
    #[default]
    None,
}

impl Basis {
    /// Shown as inferred: the speaker was not named by a cue.
    pub fn is_inferred(self) -> bool {
        matches!(self, Basis::Coreference | Basis::Turn)
    }
}

/// A direct quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Index in [`Analysis::quotes`].
    pub id: usize,
    /// Index of the article in the story.
    pub article: usize,
    pub paragraph: usize,
    /// Character offsets in the paragraph, quotation marks included.
    pub start: usize,
    pub end: usize,
    /// The words inside the marks.
    pub text: String,
    /// Index in [`Analysis::speakers`]; `None` for anonymous speakers.
    pub speaker: Option<usize>,
    /// Who spoke when the article names nobody (`one user`).
    pub descriptor: Option<String>,
    /// The speaker's role as this article gives it.
    pub role: Option<String>,
    /// Index in [`Analysis::groups`].
    pub group: Option<usize>,
    /// This part continues the previous paragraph's quote.
    pub continued: bool,
    /// How the speaker was found.
    pub basis: Basis,
}

/// Quoted words that are not speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotedTerm {
    pub article: usize,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: TermKind,
}

/// One person (or organisation) across the whole story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    pub name: String,
    pub roles: Vec<String>,
    /// Articles quoting them, in story order.
    pub articles: Vec<usize>,
    /// Their quotes, in story order.
    pub quotes: Vec<usize>,
    pub organisation: bool,
    /// Where their name stands in the text (full name, surname, first name).
    #[serde(skip)]
    pub mentions: Vec<(usize, TextSpan)>,
}

impl Speaker {
    /// Quoted by two or more sources.
    pub fn is_shared(&self) -> bool {
        self.articles.len() >= 2
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    /// The same words.
    Same,
    /// One quote is a cut-down version of the other.
    Trimmed,
    Paraphrase,
}

/// Quotes from different sources that repeat or paraphrase each other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteGroup {
    pub id: usize,
    pub quotes: Vec<usize>,
    pub kind: GroupKind,
    /// Lowest pairwise similarity in the group, 0..=1.
    pub similarity: f32,
    /// The sources give the words to two different named speakers.
    pub attributions_differ: bool,
    /// One source names the speaker, another names nobody.
    pub named_in_one_only: bool,
}

/// Everything the engine found in a story.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Analysis {
    pub quotes: Vec<Quote>,
    pub terms: Vec<QuotedTerm>,
    pub speakers: Vec<Speaker>,
    pub groups: Vec<QuoteGroup>,
    /// People named in each article (quoted or not), in order of first mention.
    pub people: Vec<Vec<String>>,
}

impl Analysis {
    pub fn speaker_name(&self, q: &Quote) -> Option<&str> {
        q.speaker.map(|s| self.speakers[s].name.as_str())
    }

    /// Quotes in one article, in document order.
    pub fn quotes_in(&self, article: usize) -> impl Iterator<Item = &Quote> {
        // Quotes are stored in article order: find the run, don't scan.
        let start = self.quotes.partition_point(|q| q.article < article);
        let end = self.quotes.partition_point(|q| q.article <= article);
        self.quotes[start..end].iter()
    }

    /// Speakers whose name fuzzily matches `query` (case and diacritics
    /// folded), best first. Scattered-letter matches, which score far below
    /// real ones, are dropped.
    pub fn find_speakers(&self, query: &str) -> Vec<usize> {
        use fuzzy_matcher::FuzzyMatcher;
        let q = fold_name(query);
        if q.is_empty() {
            return self.speakers_by_reach();
        }
        // A fresh matcher per call: fuzzy-matcher's reused matrix can make a
        // score depend on earlier calls (see search::matcher::Matcher).
        let mut hits: Vec<(i64, usize)> = self
            .speakers
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                fuzzy_matcher::skim::SkimMatcherV2::default()
                    .fuzzy_match(&fold_name(&s.name), &q)
                    .map(|score| (score, i))
            })
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let best = hits.first().map_or(0, |h| h.0);
        hits.into_iter()
            .filter(|h| h.0 * 2 >= best)
            .map(|(_, i)| i)
            .collect()
    }

    /// Speakers quoted by two or more sources, in order of reach: their
    /// index in this list is their colour/badge slot.
    pub fn shared_speakers(&self) -> Vec<usize> {
        self.speakers_by_reach()
            .into_iter()
            .filter(|&s| self.speakers[s].is_shared())
            .collect()
    }

    /// Speakers ordered for lookup: most sources, then most quotes, then name.
    pub fn speakers_by_reach(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.speakers.len()).collect();
        order.sort_by(|&a, &b| {
            let (sa, sb) = (&self.speakers[a], &self.speakers[b]);
            sb.articles
                .len()
                .cmp(&sa.articles.len())
                .then(sb.quotes.len().cmp(&sa.quotes.len()))
                .then(sa.name.cmp(&sb.name))
        });
        order
    }
}

/// Analyses a whole story. Articles are independent until the registry is
/// built, so they are analysed in parallel.
pub fn analyze(story: &Story) -> Analysis {
    let findings: Vec<article::ArticleFindings> = story
        .articles
        .par_iter()
        .map(|a| article::analyze_article(&a.paragraphs.iter().collect::<Vec<_>>()))
        .collect();
    registry::build(story, findings)
}

#[cfg(test)]
mod tests;
