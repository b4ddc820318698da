//! The `--json` wire types: the schema README.md documents, as structs.
//! Scripts depend on it, so it changes only on purpose. Fields are declared
//! in alphabetical order, the order they are written in.

use std::io::{self, Write};

use crossread::analysis::{Analysis, Basis, GroupKind, TermKind};
use crossread::corpus::Story;
use crossread::stories::Cluster;
use serde::Serialize;

/// Writes `value` as pretty JSON and a newline.
pub fn write(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

#[derive(Serialize)]
pub struct StoryRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

impl<'a> StoryRef<'a> {
    fn of(story: &'a Story) -> Self {
        Self {
            id: &story.id,
            title: &story.title,
        }
    }
}

/// `list --json`.
#[derive(Serialize)]
pub struct ListDoc<'a> {
    pub articles: Vec<ListArticle<'a>>,
    pub story: StoryRef<'a>,
}

#[derive(Serialize)]
pub struct ListArticle<'a> {
    pub byline: Option<&'a str>,
    pub date: Option<&'a str>,
    /// What the input was read as: "JSON", "text", "HTML page", "RSS feed", ...
    pub format: &'a str,
    pub id: &'a str,
    pub label: &'a str,
    pub origin: &'a str,
    pub paragraphs: usize,
    pub source: Option<&'a str>,
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
    pub words: usize,
}

impl<'a> ListDoc<'a> {
    pub fn new(story: &'a Story) -> Self {
        let articles = story
            .articles
            .iter()
            .map(|a| ListArticle {
                byline: a.byline.as_deref(),
                date: a.date.as_deref(),
                format: a.format,
                id: &a.id,
                label: &a.label,
                origin: &a.origin,
                paragraphs: a.paragraphs.len(),
                source: a.source.as_deref(),
                title: a.title.as_deref(),
                url: a.url.as_deref(),
                words: a.word_count(),
            })
            .collect();
        Self {
            articles,
            story: StoryRef::of(story),
        }
    }
}

/// An index as people count it. One convention everywhere, text and JSON:
/// paragraphs (`¶`), quotes, groups and lines are numbered from 1; only
/// character offsets (`start`, `end`, `highlights`) count from 0.
pub fn number(index: usize) -> usize {
    index + 1
}

/// `stories --json`.
#[derive(Serialize)]
pub struct StoriesDoc<'a> {
    pub stories: Vec<StoryOut<'a>>,
}

#[derive(Serialize)]
pub struct StoryOut<'a> {
    /// Article ids, most central first.
    pub articles: Vec<&'a str>,
    pub first: Option<&'a str>,
    /// 1-based position in the list.
    pub id: usize,
    pub last: Option<&'a str>,
    pub sources: usize,
    pub title: &'a str,
}

impl<'a> StoriesDoc<'a> {
    pub fn new(story: &'a Story, clusters: &'a [Cluster]) -> Self {
        let stories = clusters
            .iter()
            .enumerate()
            .map(|(i, c)| StoryOut {
                articles: c
                    .articles
                    .iter()
                    .map(|&a| story.articles[a].id.as_str())
                    .collect(),
                first: c.first.as_deref(),
                id: number(i),
                last: c.last.as_deref(),
                sources: c.sources,
                title: &c.title,
            })
            .collect();
        Self { stories }
    }
}

/// `quotes --json` (and, its `speakers` part, `speakers --json`).
#[derive(Serialize)]
pub struct AnalysisDoc<'a> {
    pub articles: Vec<AnalysisArticle<'a>>,
    pub groups: Vec<GroupOut>,
    pub quotes: Vec<QuoteOut<'a>>,
    pub speakers: Vec<SpeakerOut<'a>>,
    pub story: StoryRef<'a>,
    pub terms: Vec<TermOut<'a>>,
}

#[derive(Serialize)]
pub struct AnalysisArticle<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub people: Option<&'a Vec<String>>,
    pub title: Option<&'a str>,
}

#[derive(Serialize)]
pub struct QuoteOut<'a> {
    pub article: &'a str,
    /// How the speaker was found: cue, coreference, turn or none.
    pub basis: Basis,
    pub descriptor: Option<&'a str>,
    pub end: usize,
    pub group: Option<usize>,
    pub id: usize,
    pub paragraph: usize,
    pub role: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub start: usize,
    pub text: &'a str,
}

#[derive(Serialize)]
pub struct SpeakerOut<'a> {
    pub articles: Vec<&'a str>,
    pub name: &'a str,
    pub organisation: bool,
    pub quotes: Vec<usize>,
    pub roles: &'a [String],
}

#[derive(Serialize)]
pub struct GroupOut {
    pub attributions_differ: bool,
    pub id: usize,
    pub kind: GroupKind,
    /// One source names the speaker, another names nobody.
    pub named_in_one_only: bool,
    pub quotes: Vec<usize>,
    /// Rounded to three decimals (as an `f32`, then widened, as it always was).
    pub similarity: f64,
}

#[derive(Serialize)]
pub struct TermOut<'a> {
    pub article: &'a str,
    pub end: usize,
    pub kind: TermKind,
    pub paragraph: usize,
    pub start: usize,
    pub text: &'a str,
}

impl<'a> AnalysisDoc<'a> {
    /// The document, keeping only quotes in `only` (all if `None`), and the
    /// speakers and groups that have one of them.
    pub fn new(story: &'a Story, an: &'a Analysis, only: Option<&[usize]>) -> Self {
        let article_id = |i: usize| story.articles[i].id.as_str();
        let keep = |q: usize| only.is_none_or(|o| o.contains(&q));
        let quotes = an
            .quotes
            .iter()
            .filter(|q| keep(q.id))
            .map(|q| QuoteOut {
                article: article_id(q.article),
                basis: q.basis,
                descriptor: q.descriptor.as_deref(),
                end: q.end,
                group: q.group.map(number),
                id: number(q.id),
                paragraph: number(q.paragraph),
                role: q.role.as_deref(),
                speaker: an.speaker_name(q),
                start: q.start,
                text: &q.text,
            })
            .collect();
        let speakers = an
            .speakers_by_reach()
            .into_iter()
            .map(|s| &an.speakers[s])
            .filter(|s| s.quotes.iter().any(|&q| keep(q)))
            .map(|s| SpeakerOut {
                articles: s.articles.iter().map(|&a| article_id(a)).collect(),
                name: &s.name,
                organisation: s.organisation,
                quotes: s.quotes.iter().copied().map(number).collect(),
                roles: &s.roles,
            })
            .collect();
        let groups = an
            .groups
            .iter()
            .filter(|g| g.quotes.iter().any(|&q| keep(q)))
            .map(|g| GroupOut {
                attributions_differ: g.attributions_differ,
                id: number(g.id),
                kind: g.kind,
                named_in_one_only: g.named_in_one_only,
                quotes: g.quotes.iter().copied().map(number).collect(),
                similarity: f64::from((g.similarity * 1000.0).round() / 1000.0),
            })
            .collect();
        let articles = story
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| AnalysisArticle {
                id: &a.id,
                label: &a.label,
                people: an.people.get(i),
                title: a.title.as_deref(),
            })
            .collect();
        let terms = an
            .terms
            .iter()
            .map(|t| TermOut {
                article: article_id(t.article),
                end: t.end,
                kind: t.kind,
                paragraph: number(t.paragraph),
                start: t.start,
                text: &t.text,
            })
            .collect();
        Self {
            articles,
            groups,
            quotes,
            speakers,
            story: StoryRef::of(story),
            terms,
        }
    }
}

/// `search --json`.
#[derive(Serialize)]
pub struct SearchDoc<'a> {
    pub hits: Vec<SearchHit<'a>>,
    pub query: &'a str,
    pub total: usize,
}

#[derive(Serialize)]
pub struct SearchHit<'a> {
    /// Article id (`None` for `--lines`).
    pub article: Option<&'a str>,
    /// Article label, as the text output shows it (`None` for `--lines`).
    pub label: Option<&'a str>,
    /// Char ranges `[start, end)` of the matched characters.
    pub highlights: Vec<[usize; 2]>,
    /// Line number, from 1 (`--lines` only).
    pub line: Option<usize>,
    /// Paragraph number in the article, from 1 (as `¶`).
    pub paragraph: Option<usize>,
    pub score: i64,
    pub text: &'a str,
}
