//! Search over a session's story: its paragraphs as [`Passages`], and the
//! [`SearchService`] answering typed [`SearchRequest`]s with
//! [`SearchReply`]s, on its own thread (the reader) or synchronously
//! (tests), with one body ([`Worker::answer`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::corpus::Story;
use crate::search::{Query, SearchIndex, Searcher, Sketch};

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
/// the background (until it is ready, a scan over a [`Sketch`] of the
/// passages answers, and stops when a newer request arrives), superseded
/// requests are skipped, replies go to a callback. Synchronous (tests): each request is
/// answered at once by scanning. Both run [`Worker::answer`].
pub struct SearchService {
    mode: Mode,
}

enum Mode {
    /// The requests, and the newest generation asked for (a scan for an
    /// older one stops).
    Thread(Sender<SearchRequest>, Arc<AtomicU64>),
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
        let latest = Arc::new(AtomicU64::new(0));
        let newest = latest.clone();
        let (index_tx, index_rx) = mpsc::channel::<Arc<SearchIndex>>();
        let for_build = story.clone();
        std::thread::spawn(move || {
            let texts = Passages::of(&for_build).texts;
            let _ = index_tx.send(Arc::new(SearchIndex::build(&texts)));
        });
        std::thread::spawn(move || {
            let passages = Passages::of(&story);
            let mut worker = Worker::new(Some(index_rx));
            // Ready before the first keystroke, as a rule: one pass.
            worker.sketch(&passages);
            while let Ok(mut req) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    req = newer;
                }
                // None: a newer request came during the scan; it is next.
                let Some(reply) = worker.answer(&passages, req, &newest) else {
                    continue;
                };
                if !on_reply(reply) {
                    break;
                }
            }
        });
        Self {
            mode: Mode::Thread(tx, latest),
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
            Mode::Thread(tx, latest) => {
                latest.store(req.generation, Ordering::Relaxed);
                let _ = tx.send(req);
                None
            }
            Mode::Sync(story, worker) => {
                let latest = AtomicU64::new(req.generation);
                worker.answer(&Passages::of(story), req, &latest)
            }
        }
    }
}

impl std::fmt::Debug for SearchService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mode = match self.mode {
            Mode::Thread(..) => "thread",
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
    sketch: Option<Sketch>,
}

impl Worker {
    fn new(index: Option<Receiver<Arc<SearchIndex>>>) -> Self {
        Self {
            index,
            searcher: None,
            sketch: None,
        }
    }

    /// The passages' sketch for scanning, built on first use.
    fn sketch(&mut self, passages: &Passages<'_>) -> &Sketch {
        self.sketch
            .get_or_insert_with(|| Sketch::build(&passages.texts))
    }

    /// Parses the query once and matches it: through the index when it is
    /// ready, else by scanning the sketch. Hits come back in document
    /// order. `None`: `latest` moved past the request's generation during
    /// the scan (a newer request supersedes it).
    fn answer(
        &mut self,
        passages: &Passages<'_>,
        req: SearchRequest,
        latest: &AtomicU64,
    ) -> Option<SearchReply> {
        if self.searcher.is_none()
            && let Some(index) = self.index.as_ref().and_then(|rx| rx.try_recv().ok())
        {
            self.searcher = Some(Searcher::unranked(index));
            // The index answers from now on.
            self.sketch = None;
        }
        let query = Query::parse(&req.query);
        let hits: Vec<u32> = match &mut self.searcher {
            Some(s) => s
                .search(&query, &passages.texts)
                .iter()
                .map(|h| h.passage)
                .collect(),
            None => {
                let generation = req.generation;
                let stale = move || latest.load(Ordering::Relaxed) != generation;
                self.sketch(passages)
                    .scan(&query, &passages.texts, &stale)?
            }
        };
        Some(SearchReply {
            generation: req.generation,
            query,
            hits: hits.iter().map(|&p| passages.origin[p as usize]).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

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
    fn a_superseded_scan_sends_no_reply() {
        let story = story();
        let passages = Passages::of(&story);
        let mut worker = Worker::new(None);
        // A newer request (generation 2) came while 1 was being answered.
        let latest = AtomicU64::new(2);
        assert_eq!(worker.answer(&passages, request(1, "mayor"), &latest), None);
        let reply = worker.answer(&passages, request(2, "mayor"), &latest);
        assert_eq!(reply.map(|r| r.hits), Some(vec![(0, 0), (1, 1)]));
    }

    #[test]
    fn passages_know_their_places() {
        let story = story();
        let p = Passages::of(&story);
        assert_eq!(p.texts.len(), 4);
        assert_eq!(p.origin[3], (1, 1));
        assert_eq!(p.texts[3], "A mayoral race began.");
    }
}
