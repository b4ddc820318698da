//! A session: one loaded story with what the engines make of it, shared by
//! both faces (the reader and the command line), so load → analyse → index
//! is written once.
//!
//! Owns: [`Session`] (story, analysis, stories, diagnostics, exit status),
//! the [`AnalysisLimits`] on what analysis gets of one article, the
//! story's passages for search ([`Passages`]), and the [`SearchService`]
//! that answers typed [`SearchRequest`]s with [`SearchReply`]s, on its own
//! thread for the reader or synchronously for tests, with one body.
//!
//! Imports `text`, `corpus`, `analysis`, `search` and `stories`; never `tui`
//! or `cli`.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};

use crate::analysis::{Analysis, analyze};
use crate::corpus::{self, Article, Diagnostic, LoadOptions, LoadOutcome, Story};
use crate::search::{Query, SearchIndex, Searcher, scan};
use crate::stories::{self, Cluster, Options};
use crate::text::fold_str;

mod story_list;
pub use story_list::{StoryPart, StorySummary};

/// What to load: paths (files, folders, `-` for stdin), or none for the
/// bundled story.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub paths: Vec<PathBuf>,
    pub options: LoadOptions,
    /// Only this story of the input (`--story N|TEXT`, see [`Session::select_story`]).
    pub story: Option<String>,
}

impl Inputs {
    /// A few words on what is being loaded, for the reader's loading screen.
    pub fn describe(&self) -> String {
        let urls = self
            .paths
            .iter()
            .filter(|p| p.to_str().is_some_and(corpus::is_url))
            .count();
        match self.paths.as_slice() {
            [] if self.options.newsboat.is_some() => "loading newsboat's cache".to_string(),
            [] => "loading the bundled story".to_string(),
            [one] if urls == 1 => format!("fetching {}", one.display()),
            [one] => format!("loading {}", one.display()),
            many if urls > 0 => format!("loading {} inputs, fetching {urls} URLs", many.len()),
            many => format!("loading {} paths", many.len()),
        }
    }
}

/// A loaded story, its diagnostics, and (computed on first use) its analysis.
#[derive(Debug)]
pub struct Session {
    pub story: Arc<Story>,
    pub diagnostics: Vec<Diagnostic>,
    analysis: OnceLock<Arc<Analysis>>,
    stories: OnceLock<Arc<Vec<Cluster>>>,
}

impl Session {
    /// Loads the inputs. Problems become diagnostics; nothing panics.
    pub fn load(inputs: &Inputs) -> Self {
        let session = if inputs.paths.is_empty() && inputs.options.newsboat.is_none() {
            Self::from_story(corpus::load_bundled())
        } else {
            Self::from(corpus::load_paths(&inputs.paths, &inputs.options))
        };
        match &inputs.story {
            Some(selector) => session.select_story(selector),
            None => session,
        }
    }

    /// Keeps one story's articles (in input order): `N` is the story
    /// numbered N by `crossread stories`; any other text picks the first
    /// (largest) story whose headline, or one of whose articles' titles,
    /// contains it (case and diacritics folded). No such story: an error
    /// diagnostic and no articles.
    pub fn select_story(self, selector: &str) -> Self {
        let clusters = self.stories().clone();
        let wanted = fold_str(selector.trim(), false);
        let number = wanted.parse::<usize>().ok();
        let by_number = number
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| clusters.get(i).map(|c| (i, c)));
        // A number is only ever a story number.
        let found = by_number.or_else(|| {
            (number.is_none() && !wanted.is_empty())
                .then(|| {
                    clusters.iter().enumerate().find(|(_, c)| {
                        std::iter::once(c.title.as_str())
                            .chain(
                                c.articles
                                    .iter()
                                    .filter_map(|&a| self.story.articles[a].title.as_deref()),
                            )
                            .any(|t| fold_str(t, false).contains(&wanted))
                    })
                })
                .flatten()
        });
        let mut diagnostics = self.diagnostics.clone();
        let story = match found {
            Some((i, c)) => {
                let mut keep = c.articles.clone();
                keep.sort_unstable();
                Story {
                    id: format!("{}-story-{}", self.story.id, i + 1),
                    title: c.title.clone(),
                    articles: keep
                        .into_iter()
                        .map(|a| self.story.articles[a].clone())
                        .collect(),
                }
            }
            None => {
                diagnostics.push(Diagnostic::error(
                    "--story",
                    format!(
                        "no story matches '{}' ({} stories; `crossread stories` lists them)",
                        corpus::sanitize(selector).0,
                        clusters.len()
                    ),
                ));
                Story {
                    articles: Vec::new(),
                    ..(*self.story).clone()
                }
            }
        };
        let narrowed = Self::from(LoadOutcome { story, diagnostics });
        // The story picked stays one story (the reader opens it at once).
        if found.is_some() {
            narrowed.into_one_story()
        } else {
            narrowed
        }
    }

    /// A session over a story already in memory (tests, benchmarks).
    pub fn from_story(story: Story) -> Self {
        Self::from(LoadOutcome {
            story,
            diagnostics: Vec::new(),
        })
    }

    /// Quotes, speakers and groups, analysed on first use, within the
    /// [`AnalysisLimits`] (the diagnostics name the articles cut).
    pub fn analysis(&self) -> &Arc<Analysis> {
        self.analysis.get_or_init(|| {
            let (within, _) = AnalysisLimits::DEFAULT.apply(&self.story);
            Arc::new(analyze(&within))
        })
    }

    /// The articles grouped into stories (multi-source first, then
    /// single-source), computed on first use.
    pub fn stories(&self) -> &Arc<Vec<Cluster>> {
        self.stories
            .get_or_init(|| Arc::new(stories::cluster(&self.story.articles, &Options::default())))
    }

    /// True if nothing usable loaded.
    pub fn is_empty(&self) -> bool {
        self.story.articles.is_empty()
    }

    /// True if some input was skipped (any error-level diagnostic).
    pub fn skipped_any(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// How loading went.
    pub fn status(&self) -> LoadStatus {
        if self.is_empty() {
            LoadStatus::Nothing
        } else if self.skipped_any() {
            LoadStatus::Partial
        } else {
            LoadStatus::Complete
        }
    }

    /// The story's paragraphs as passages for searching.
    pub fn passages(&self) -> Passages<'_> {
        Passages::of(&self.story)
    }
}

/// How loading went: everything, some input skipped, or nothing usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStatus {
    Complete,
    Partial,
    Nothing,
}

impl From<LoadOutcome> for Session {
    fn from(outcome: LoadOutcome) -> Self {
        let mut diagnostics = outcome.diagnostics;
        diagnostics.extend(AnalysisLimits::DEFAULT.exceeded(&outcome.story));
        Self {
            story: Arc::new(outcome.story),
            diagnostics,
            analysis: OnceLock::new(),
            stories: OnceLock::new(),
        }
    }
}

/// What analysis (quotes, speakers, groups) gets of one article at most,
/// so that time and memory stay bounded whatever the input: the first
/// `max_paragraphs` paragraphs, each cut to `max_paragraph_bytes`, until
/// `max_article_bytes` in all. Beyond that the article is still shown,
/// listed and searched whole; a warning names it. Cuts fall on character
/// boundaries and keep paragraph numbers, so what analysis finds is
/// where it is in the whole article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalysisLimits {
    pub max_article_bytes: usize,
    pub max_paragraphs: usize,
    pub max_paragraph_bytes: usize,
}

impl AnalysisLimits {
    /// 4 MiB of text (a long book chapter, a hundred times a long news
    /// article), 20,000 paragraphs, 64 KiB per paragraph (analysis time
    /// grows faster than linearly with a paragraph's length).
    pub const DEFAULT: Self = Self {
        max_article_bytes: 4 << 20,
        max_paragraphs: 20_000,
        max_paragraph_bytes: 64 << 10,
    };

    /// The paragraphs analysis gets of `paragraphs` (borrowed if all).
    fn cut<'a>(&self, paragraphs: &'a [String]) -> Option<Vec<&'a str>> {
        let over = paragraphs.len() > self.max_paragraphs
            || paragraphs
                .iter()
                .any(|p| p.len() > self.max_paragraph_bytes)
            || paragraphs.iter().map(String::len).sum::<usize>() > self.max_article_bytes;
        if !over {
            return None;
        }
        let mut budget = self.max_article_bytes;
        let mut kept = Vec::new();
        for p in paragraphs.iter().take(self.max_paragraphs) {
            if budget == 0 {
                break;
            }
            let mut end = p.len().min(self.max_paragraph_bytes).min(budget);
            while !p.is_char_boundary(end) {
                end -= 1;
            }
            kept.push(&p[..end]);
            budget -= end;
        }
        Some(kept)
    }

    /// The story as analysis gets it: `story` itself when every article is
    /// within the limits, else a copy with the articles over them cut.
    /// Also says which articles were cut (their indices).
    pub fn apply<'a>(&self, story: &'a Story) -> (Cow<'a, Story>, Vec<usize>) {
        let cuts: Vec<(usize, Vec<&str>)> = story
            .articles
            .iter()
            .enumerate()
            .filter_map(|(i, a)| self.cut(&a.paragraphs).map(|kept| (i, kept)))
            .collect();
        if cuts.is_empty() {
            return (Cow::Borrowed(story), Vec::new());
        }
        let which = cuts.iter().map(|(i, _)| *i).collect();
        let mut within = Story {
            id: story.id.clone(),
            title: story.title.clone(),
            articles: Vec::with_capacity(story.articles.len()),
        };
        let mut cuts = cuts.into_iter().peekable();
        for (i, article) in story.articles.iter().enumerate() {
            let paragraphs = match cuts.next_if(|(c, _)| *c == i) {
                Some((_, kept)) => kept.into_iter().map(String::from).collect(),
                None => article.paragraphs.clone(),
            };
            // Field by field: `..article.clone()` would copy the whole text.
            within.articles.push(Article {
                id: article.id.clone(),
                label: article.label.clone(),
                source: article.source.clone(),
                title: article.title.clone(),
                date: article.date.clone(),
                url: article.url.clone(),
                byline: article.byline.clone(),
                paragraphs,
                format: article.format,
                origin: article.origin.clone(),
                sanitized: article.sanitized,
            });
        }
        (Cow::Owned(within), which)
    }

    /// A warning for each article over the limits, naming it and what it
    /// exceeds.
    pub fn exceeded(&self, story: &Story) -> Vec<Diagnostic> {
        let kib = |n: usize| format!("{} KiB", n.div_ceil(1024));
        story
            .articles
            .iter()
            .filter(|a| self.cut(&a.paragraphs).is_some())
            .map(|a| {
                let mut over = Vec::new();
                if a.paragraphs.len() > self.max_paragraphs {
                    over.push(format!(
                        "{} paragraphs (limit {})",
                        a.paragraphs.len(),
                        self.max_paragraphs
                    ));
                }
                if let Some((i, p)) = a
                    .paragraphs
                    .iter()
                    .enumerate()
                    .find(|(_, p)| p.len() > self.max_paragraph_bytes)
                {
                    over.push(format!(
                        "paragraph {} has {} (limit {} each)",
                        i + 1,
                        kib(p.len()),
                        kib(self.max_paragraph_bytes)
                    ));
                }
                if a.text_len() > self.max_article_bytes {
                    over.push(format!(
                        "{} of text (limit {})",
                        kib(a.text_len()),
                        kib(self.max_article_bytes)
                    ));
                }
                Diagnostic::warning(
                    &a.origin,
                    format!(
                        "article {} ({}): {}; quotes and speakers are looked for in \
                         the part within the limits only (the whole article is shown \
                         and searched)",
                        a.label,
                        a.id,
                        over.join(", ")
                    ),
                )
            })
            .collect()
    }
}

/// A story's paragraphs as passages, borrowed (not copied), with the
/// (article, paragraph) each came from.
#[derive(Debug, Clone, Default)]
pub struct Passages<'a> {
    pub texts: Vec<&'a str>,
    pub origin: Vec<(usize, usize)>,
}

impl<'a> Passages<'a> {
    pub fn of(story: &'a Story) -> Self {
        let (texts, origin) = story
            .articles
            .iter()
            .enumerate()
            .flat_map(|(a, art)| {
                art.paragraphs
                    .iter()
                    .enumerate()
                    .map(move |(p, t)| (t.as_str(), (a, p)))
            })
            .unzip();
        Self { texts, origin }
    }
}

/// A filter query to answer; replies to older generations may be skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
}

/// The answer to a [`SearchRequest`]: the query as parsed (so nobody parses
/// it again) and the matching (article, paragraph)s in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchReply {
    pub generation: u64,
    pub query: Query,
    pub hits: Vec<(usize, usize)>,
}

/// Answers filter queries over one story. Threaded: the index is built in
/// the background (scanning until it is ready), superseded requests are
/// skipped, replies go to a callback. Synchronous (tests): each request is
/// answered at once by scanning. Both run [`Worker::answer`].
pub struct SearchService {
    mode: Mode,
}

enum Mode {
    Thread(Sender<SearchRequest>),
    Sync(Arc<Story>, Worker),
}

impl SearchService {
    /// Starts the worker thread. `on_reply` returns false once nobody
    /// listens any more, which ends the thread.
    pub fn spawn<F>(story: Arc<Story>, mut on_reply: F) -> Self
    where
        F: FnMut(SearchReply) -> bool + Send + 'static,
    {
        let (tx, rx) = mpsc::channel::<SearchRequest>();
        let (index_tx, index_rx) = mpsc::channel::<Arc<SearchIndex>>();
        let for_build = story.clone();
        std::thread::spawn(move || {
            let texts = Passages::of(&for_build).texts;
            let _ = index_tx.send(Arc::new(SearchIndex::build(&texts)));
        });
        std::thread::spawn(move || {
            let passages = Passages::of(&story);
            let mut worker = Worker::new(Some(index_rx));
            while let Ok(mut req) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    req = newer;
                }
                if !on_reply(worker.answer(&passages, req)) {
                    break;
                }
            }
        });
        Self {
            mode: Mode::Thread(tx),
        }
    }

    /// A service that answers on the caller's thread, by scanning.
    pub fn synchronous(story: Arc<Story>) -> Self {
        Self {
            mode: Mode::Sync(story, Worker::new(None)),
        }
    }

    /// Asks for a search. Synchronous: the reply, now. Threaded: `None`;
    /// the reply goes to the callback.
    pub fn request(&mut self, req: SearchRequest) -> Option<SearchReply> {
        match &mut self.mode {
            Mode::Thread(tx) => {
                let _ = tx.send(req);
                None
            }
            Mode::Sync(story, worker) => Some(worker.answer(&Passages::of(story), req)),
        }
    }
}

impl std::fmt::Debug for SearchService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mode = match self.mode {
            Mode::Thread(_) => "thread",
            Mode::Sync(..) => "synchronous",
        };
        f.debug_struct("SearchService")
            .field("mode", &mode)
            .finish()
    }
}

/// The search body, the same in both modes.
struct Worker {
    index: Option<Receiver<Arc<SearchIndex>>>,
    searcher: Option<Searcher>,
}

impl Worker {
    fn new(index: Option<Receiver<Arc<SearchIndex>>>) -> Self {
        Self {
            index,
            searcher: None,
        }
    }

    /// Parses the query once and matches it: through the index when it is
    /// ready, else by scanning. Hits come back in document order.
    fn answer(&mut self, passages: &Passages<'_>, req: SearchRequest) -> SearchReply {
        if self.searcher.is_none()
            && let Some(index) = self.index.as_ref().and_then(|rx| rx.try_recv().ok())
        {
            self.searcher = Some(Searcher::unranked(index));
        }
        let query = Query::parse(&req.query);
        let hits = match &mut self.searcher {
            Some(s) => s.search(&query, &passages.texts),
            None => scan(&query, &passages.texts),
        };
        SearchReply {
            generation: req.generation,
            query,
            hits: hits
                .iter()
                .map(|h| passages.origin[h.passage as usize])
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

    #[test]
    fn describe_says_what_loads() {
        let inputs = |paths: &[&str]| Inputs {
            paths: paths.iter().map(PathBuf::from).collect(),
            options: LoadOptions::default(),
            story: None,
        };
        assert_eq!(inputs(&[]).describe(), "loading the bundled story");
        assert_eq!(inputs(&["a.txt"]).describe(), "loading a.txt");
        assert_eq!(
            inputs(&["https://a.example/x"]).describe(),
            "fetching https://a.example/x"
        );
        assert_eq!(
            inputs(&["a.txt", "https://a.example/x", "https://b.example/y"]).describe(),
            "loading 3 inputs, fetching 2 URLs"
        );
        let mut nb = inputs(&[]);
        nb.options.newsboat = Some(crate::corpus::NewsboatOptions {
            cache: None,
            since: None,
        });
        assert_eq!(nb.describe(), "loading newsboat's cache");
    }

    fn story() -> Arc<Story> {
        let article = |id: &str, paragraphs: &[&str]| Article {
            id: id.into(),
            label: id.into(),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        };
        Arc::new(Story {
            id: "s".into(),
            title: "t".into(),
            articles: vec![
                article("a", &["The mayor spoke at noon.", "Rain all week."]),
                article("b", &["Nothing here.", "A mayoral race began."]),
            ],
        })
    }

    fn request(generation: u64, query: &str) -> SearchRequest {
        SearchRequest {
            generation,
            query: query.into(),
        }
    }

    #[test]
    fn synchronous_reply_carries_the_parsed_query_and_places() {
        let mut s = SearchService::synchronous(story());
        let reply = s.request(request(7, "mayor")).expect("answered now");
        assert_eq!(reply.generation, 7);
        assert_eq!(reply.query, Query::parse("mayor"));
        assert_eq!(reply.hits, vec![(0, 0), (1, 1)]);
    }

    #[test]
    fn threaded_and_synchronous_agree() {
        let (tx, rx) = mpsc::channel();
        let mut threaded = SearchService::spawn(story(), move |r| tx.send(r).is_ok());
        let mut sync = SearchService::synchronous(story());
        for (g, q) in ["rain", "'mayor", "!mayor", "nothing | race"]
            .into_iter()
            .enumerate()
        {
            assert_eq!(threaded.request(request(g as u64, q)), None);
            let got = rx.recv().expect("a reply");
            assert_eq!(Some(got), sync.request(request(g as u64, q)), "{q}");
        }
    }

    #[test]
    fn passages_know_their_places() {
        let story = story();
        let p = Passages::of(&story);
        assert_eq!(p.texts.len(), 4);
        assert_eq!(p.origin[3], (1, 1));
        assert_eq!(p.texts[3], "A mayoral race began.");
    }

    #[test]
    fn analysis_is_computed_once_on_demand() {
        let s = Session::from_story((*story()).clone());
        let a = s.analysis().clone();
        assert!(Arc::ptr_eq(&a, s.analysis()));
    }
}
