//! A session: one loaded story with what the engines make of it, shared by
//! both faces (the reader and the command line), so load → analyse → index
//! is written once.
//!
//! Owns: [`Session`] (story, analysis, stories, diagnostics, exit status), the
//! story's passages for search ([`Passages`]), and the [`SearchService`]
//! that answers typed [`SearchRequest`]s with [`SearchReply`]s, on its own
//! thread for the reader or synchronously for tests, with one body.
//!
//! Imports `corpus`, `analysis`, `search` and `stories`; never `tui` or `cli`.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};

use crate::analysis::{Analysis, analyze};
use crate::corpus::{self, Diagnostic, LoadOptions, LoadOutcome, Story};
use crate::search::{Query, SearchIndex, Searcher, scan};
use crate::stories::{self, Cluster, Options};

/// What to load: paths (files, folders, `-` for stdin), or none for the
/// bundled story.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub paths: Vec<PathBuf>,
    pub options: LoadOptions,
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
        if inputs.paths.is_empty() && inputs.options.newsboat.is_none() {
            return Self::from_story(corpus::load_bundled());
        }
        Self::from(corpus::load_paths(&inputs.paths, &inputs.options))
    }

    /// A session over a story already in memory (tests, benchmarks).
    pub fn from_story(story: Story) -> Self {
        Self::from(LoadOutcome {
            story,
            diagnostics: Vec::new(),
        })
    }

    /// Quotes, speakers and groups, analysed on first use.
    pub fn analysis(&self) -> &Arc<Analysis> {
        self.analysis.get_or_init(|| Arc::new(analyze(&self.story)))
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
        Self {
            story: Arc::new(outcome.story),
            diagnostics: outcome.diagnostics,
            analysis: OnceLock::new(),
            stories: OnceLock::new(),
        }
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
