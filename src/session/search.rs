//! Search over a session's story: its paragraphs as [`Passages`], and the
//! [`SearchService`] answering typed [`SearchRequest`]s with
//! [`SearchReply`]s, on its own thread (the reader) or synchronously
//! (tests), with one body ([`Worker::answer`]).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};

use crate::corpus::Story;
use crate::search::{Query, SearchIndex, Searcher, Sketch};

/// A story's paragraphs as passages, borrowed (not copied), with the
/// (article, paragraph) each came from.
#[derive(Debug, Clone, Default)]
pub struct Passages<'a> {
    pub texts: Vec<&'a str>,
    /// Whether each passage is known plain to the search: its paragraph is
    /// ASCII and General Punctuation, as the story found when it was read
    /// (for the sketch, which takes it: see [`Sketch::tell_plain`]).
    pub known_plain: Vec<bool>,
    /// Each passage's (article, paragraph), in 32 bits each: the list
    /// lives beside the text in the reader (a story has nowhere near four
    /// billion articles or paragraphs; [`Self::place`] widens them).
    origin: Vec<(u32, u32)>,
}

impl<'a> Passages<'a> {
    /// The story's passages, listed in parallel (on the current rayon
    /// pool): at 50k articles the list is 400k passages, each a cache miss
    /// to slice out, and the first keystroke waits for it.
    pub fn of(story: &'a Story) -> Self {
        use rayon::prelude::*;
        let articles = &story.articles;
        // Counted first, so each list is allocated once at its size and
        // filled in place, runs of articles in parallel.
        let n = articles.iter().map(|a| a.paragraphs.len()).sum();
        let mut passages = Self {
            texts: vec![""; n],
            known_plain: vec![false; n],
            origin: vec![(0, 0); n],
        };
        // Runs of articles, each with the part of every list it fills.
        let mut runs = Vec::with_capacity(articles.len() / ARTICLES_PER_RUN + 1);
        let (mut texts, mut plain, mut origin) = (
            &mut passages.texts[..],
            &mut passages.known_plain[..],
            &mut passages.origin[..],
        );
        for (k, run) in articles.chunks(ARTICLES_PER_RUN).enumerate() {
            let start = k * ARTICLES_PER_RUN;
            let end = start + run.len();
            let len = run.iter().map(|a| a.paragraphs.len()).sum();
            let (t, rest_t) = std::mem::take(&mut texts).split_at_mut(len);
            let (p, rest_p) = std::mem::take(&mut plain).split_at_mut(len);
            let (o, rest_o) = std::mem::take(&mut origin).split_at_mut(len);
            (texts, plain, origin) = (rest_t, rest_p, rest_o);
            runs.push((start..end, t, p, o));
        }
        runs.into_par_iter()
            .for_each(|(run, texts, plain, origin)| {
                let mut k = 0;
                for a in run {
                    // Slicing out a paragraph reads its first byte, a cache
                    // miss in a large story: the next article's are fetched
                    // meanwhile.
                    if let Some(next) = articles.get(a + 1) {
                        next.paragraphs.prefetch();
                    }
                    for (p, (t, known)) in articles[a].paragraphs.iter_flagged().enumerate() {
                        texts[k] = t;
                        plain[k] = known;
                        origin[k] = (narrow(a), narrow(p));
                        k += 1;
                    }
                }
            });
        passages
    }
}

impl<'a> Passages<'a> {
    /// The passages of some of the story's articles (in document order,
    /// each once; numbers past the story's end skipped), with their places
    /// in the story: what a request for those articles reads, without
    /// listing the whole story.
    pub fn of_some(story: &'a Story, articles: &[usize]) -> Self {
        let mut articles = articles.to_vec();
        articles.sort_unstable();
        articles.dedup();
        let mut passages = Self::default();
        for a in articles {
            let Some(article) = story.articles.get(a) else {
                break;
            };
            for (p, (t, known)) in article.paragraphs.iter_flagged().enumerate() {
                passages.texts.push(t);
                passages.known_plain.push(known);
                passages.origin.push((narrow(a), narrow(p)));
            }
        }
        passages
    }
}

/// Articles listed by one parallel task of [`Passages::of`] (a few
/// thousand passages).
const ARTICLES_PER_RUN: usize = 512;

/// An article or paragraph number in 32 bits (saturating: never reached).
fn narrow(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Passages<'_> {
    /// Passage `i`'s (article, paragraph).
    pub fn place(&self, i: usize) -> (usize, usize) {
        let (a, p) = self.origin[i];
        (a as usize, p as usize)
    }

    /// The passages of `articles`, in document order.
    pub fn of_articles(&self, articles: &[usize]) -> Vec<u32> {
        let mut articles: Vec<u32> = articles.iter().map(|&a| narrow(a)).collect();
        articles.sort_unstable();
        articles.dedup();
        articles
            .iter()
            .flat_map(|&a| {
                // `origin` is in document order: each article's passages
                // are one run.
                let start = self.origin.partition_point(|&(x, _)| x < a);
                let end = self.origin.partition_point(|&(x, _)| x <= a);
                start as u32..end as u32
            })
            .collect()
    }
}

/// A filter query to answer; replies to older generations may be skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    /// Articles to answer first (those on screen): before the index is
    /// ready, their hits come in a reply of their own (unless they are all
    /// the answer is for), then all hits.
    pub first: Vec<usize>,
    /// The articles the answer is for, when not the whole input (the open
    /// story's, or the first articles a preview shows): only their
    /// passages are read, and only their hits sent. The reader shows one
    /// story of an input of thousands: a keystroke then reads a few
    /// hundred passages, not every one of the input's. Until the whole
    /// input's passages are listed (for its sketch or index), the articles
    /// named get a sketch of their own, built between requests while the
    /// same are named.
    pub within: Option<Vec<usize>>,
}

/// The answer to a [`SearchRequest`]: the query as parsed (so nobody parses
/// it again) and the matching (article, paragraph)s in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchReply {
    pub generation: u64,
    pub query: Query,
    pub hits: Vec<(usize, usize)>,
    /// False for the early reply holding only the hits in the request's
    /// `first` articles; the complete reply follows.
    pub complete: bool,
}

/// What the worker thread is told.
enum Job {
    Search(SearchRequest),
    /// The index is built (it waits on the index channel): taken at once
    /// rather than at the next keystroke, so the sketch it replaces is
    /// freed even if nobody types (5.8 MB on 10k articles).
    IndexReady,
    /// Whether requests over the whole input will come ([`IndexStart`]).
    WholeInput(bool),
}

/// When a deferred service ([`SearchService::spawn_deferred`]) begins to
/// sketch the input's passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SketchStart {
    /// At once: requests over the whole input may come at any time.
    AtOnce,
    /// With the index ([`IndexStart::now`]); before, requests read their
    /// own articles' passages ([`SearchRequest::within`]), and one over the
    /// whole input sketches it all at once.
    WithIndex,
}

/// Starts, or forgoes, what a deferred service builds for requests over
/// the whole input ([`SearchService::spawn_deferred`]): its index, and its
/// sketch if that waits too. Dropped unused, the index is built (a sketch
/// that waits is not built between requests: a request over the whole
/// input builds it at once).
pub struct IndexStart {
    index: Sender<bool>,
    worker: Sender<Job>,
}

impl IndexStart {
    /// Requests over the whole input will come: build for them now.
    pub fn now(self) {
        self.tell(true);
    }

    /// Every request will name its articles ([`SearchRequest::within`]):
    /// neither an index nor a sketch of the whole input is built (a sketch
    /// begun is freed), their time and memory saved. (A request over the
    /// whole input is still answered: the sketch is then built at once.)
    pub fn never(self) {
        self.tell(false);
    }

    fn tell(self, wanted: bool) {
        let _ = self.index.send(wanted);
        let _ = self.worker.send(Job::WholeInput(wanted));
    }
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
    Thread(Sender<Job>, Arc<AtomicU64>),
    Sync(Arc<Story>, Box<Worker>),
}

impl SearchService {
    /// Starts the worker thread. `on_reply` returns false once nobody
    /// listens any more, which ends the thread.
    ///
    /// Keystrokes come first: their scans run on a pool of their own (not
    /// rayon's global pool, which the analysis and other background work
    /// share), the index build pauses while one runs, and the sketch is
    /// built piece by piece with the newest request answered in between.
    pub fn spawn<F>(story: Arc<Story>, on_reply: F) -> Self
    where
        F: FnMut(SearchReply) -> bool + Send + 'static,
    {
        Self::spawn_deferred(story, SketchStart::AtOnce, on_reply).0
    }

    /// [`Self::spawn`], with the index built only once the returned
    /// [`IndexStart`] says so or is dropped, and the sketch at once or then
    /// too (`sketch`); requests are answered by scanning meanwhile. The
    /// reader groups a large input into stories first: the story list is
    /// what it shows, and the two builds at once would hold their working
    /// memory at the same time. Only an input of one story is then read
    /// whole; one of many is read a story at a time, and needs neither.
    pub fn spawn_deferred<F>(
        story: Arc<Story>,
        sketch: SketchStart,
        mut on_reply: F,
    ) -> (Self, IndexStart)
    where
        F: FnMut(SearchReply) -> bool + Send + 'static,
    {
        let (start_tx, start_rx) = mpsc::channel::<bool>();
        let (tx, rx) = mpsc::channel::<Job>();
        let told = tx.clone();
        let index_ready = tx.clone();
        let latest = Arc::new(AtomicU64::new(0));
        let newest_gen = latest.clone();
        let scanning = Arc::new(AtomicBool::new(false));
        let (index_tx, index_rx) = mpsc::channel::<Arc<SearchIndex>>();
        let wait_for_scan = scanning.clone();
        std::thread::spawn(move || {
            // Keystroke work runs on a pool of its own from the start.
            let pool = own_pool("crossread-scan", false).map(Arc::new);
            // The whole story's passages, listed when first needed: at
            // once if the sketch starts at once, else for the index or a
            // request over the whole input. (A request for some articles
            // reads theirs alone meanwhile: at 50k articles the list takes
            // 13-24 ms, which the first keystroke would wait for.)
            let whole = OnceLock::new();
            if sketch == SketchStart::AtOnce {
                whole_list(&whole, &story, &pool);
            }
            // The index is built from the same passage list, beside the
            // worker (one list, not a copy each).
            std::thread::scope(|scope| {
                let (whole, story) = (&whole, &story);
                let scan_pool = pool.clone();
                scope.spawn(move || {
                    // Told to start, or the handle dropped: either way,
                    // build; told it is not wanted, not.
                    if start_rx.recv() == Ok(false) {
                        return;
                    }
                    // The passages first, if nobody has listed them: on the
                    // keystrokes' pool (a keystroke may be waiting for them).
                    let texts = &whole_list(whole, story, &scan_pool).texts;
                    // The index is background work: keystroke scans come first.
                    super::priority::background_thread();
                    let pause = || {
                        while wait_for_scan.load(Ordering::Acquire) {
                            std::thread::sleep(std::time::Duration::from_millis(1));
                        }
                    };
                    let build = || SearchIndex::build_yielding(texts, &pause);
                    let index = match own_pool("crossread-index", true) {
                        Some(pool) => pool.install(build),
                        None => build(),
                    };
                    let _ = index_tx.send(Arc::new(index));
                    let _ = index_ready.send(Job::IndexReady);
                });
                let mut worker = Worker::new(Some(index_rx));
                worker.pool = pool;
                worker.scanning = Some(scanning);
                // Does a job; for a request, answers the newest of those
                // waiting from it on. False once nobody listens.
                let mut serve = |worker: &mut Worker, named: &mut Option<_>, job: Job| {
                    let req = match job {
                        Job::Search(req) => {
                            // Taken first: once the index answers, its passage
                            // numbers are the whole list's, which then exists.
                            worker.take_index();
                            newest(&rx, req, worker)
                        }
                        Job::IndexReady => {
                            worker.take_index();
                            return true;
                        }
                        Job::WholeInput(wanted) => {
                            worker.whole_input(wanted);
                            return true;
                        }
                    };
                    // The named articles' passages (the scope's, kept while
                    // requests name the same) before the whole list is
                    // needed, else the whole list.
                    let (passages, scoped) = match (&req.within, whole.get()) {
                        (Some(articles), None) => {
                            if worker.scope_for(articles) {
                                *named = None;
                            }
                            let list =
                                named.get_or_insert_with(|| Passages::of_some(story, articles));
                            (&*list, true)
                        }
                        _ => {
                            (worker.scope, *named) = (None, None);
                            (whole_list(whole, story, &worker.pool), false)
                        }
                    };
                    // None: a newer request came during the scan; it is next.
                    let reply = worker.answer(passages, scoped, req, &newest_gen, &mut |r| {
                        on_reply(r);
                    });
                    reply.is_none_or(&mut on_reply)
                };
                // The passages of the scope's articles.
                let mut named: Option<Passages<'_>> = None;
                // The sketch, piece by piece (from the start, or once told
                // the whole input will be searched), its first piece which
                // passages are plain (the story's flags, the few others
                // asked); a request waiting is answered first and between
                // pieces (over what is sketched so far: at first nothing,
                // so a keystroke typed at once does not wait for a piece).
                if sketch == SketchStart::AtOnce {
                    worker.sketch = Some(Sketch::default());
                    worker.sketching = true;
                }
                loop {
                    let job = if worker.sketching || worker.scope_sketching() {
                        match rx.try_recv() {
                            Ok(job) => Some(job),
                            Err(mpsc::TryRecvError::Empty) => None,
                            // Nobody will ask again: no more sketching.
                            Err(mpsc::TryRecvError::Disconnected) => return,
                        }
                    } else {
                        match rx.recv() {
                            Ok(job) => Some(job),
                            Err(_) => return,
                        }
                    };
                    if let Some(job) = job
                        && !serve(&mut worker, &mut named, job)
                    {
                        return;
                    }
                    if worker.sketching {
                        let passages = whole_list(whole, story, &worker.pool);
                        worker.sketching = worker.sketch_more(passages);
                    } else if whole.get().is_some() {
                        // Named articles are read in the whole list from
                        // now on (the next request would drop the scope).
                        (worker.scope, named) = (None, None);
                    } else if let Some(passages) = &named {
                        worker.scope_more(passages);
                    }
                }
            });
        });
        (
            Self {
                mode: Mode::Thread(tx, latest),
            },
            IndexStart {
                index: start_tx,
                worker: told,
            },
        )
    }

    /// A service that answers on the caller's thread, by scanning.
    pub fn synchronous(story: Arc<Story>) -> Self {
        Self {
            mode: Mode::Sync(story, Box::new(Worker::new(None))),
        }
    }

    /// Asks for a search. Synchronous: the reply, now. Threaded: `None`;
    /// the reply goes to the callback.
    pub fn request(&mut self, req: SearchRequest) -> Option<SearchReply> {
        match &mut self.mode {
            Mode::Thread(tx, latest) => {
                latest.store(req.generation, Ordering::Relaxed);
                let _ = tx.send(Job::Search(req));
                None
            }
            Mode::Sync(story, worker) => {
                let latest = AtomicU64::new(req.generation);
                // As the thread's (but nothing is sketched between
                // requests): the named articles' passages, else the
                // whole list.
                let (passages, scoped) = match &req.within {
                    Some(articles) => {
                        worker.scope_for(articles);
                        (Passages::of_some(story, articles), true)
                    }
                    None => (Passages::of(story), false),
                };
                worker.answer(&passages, scoped, req, &latest, &mut |_| {})
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

/// The whole story's passages in `whole`, listed now (on `pool`) if they
/// are not yet.
fn whole_list<'w, 'a>(
    whole: &'w OnceLock<Passages<'a>>,
    story: &'a Story,
    pool: &Option<Arc<rayon::ThreadPool>>,
) -> &'w Passages<'a> {
    whole.get_or_init(|| foreground(pool, &None, || Passages::of(story)))
}

/// The newest request: `req`, or one waiting after it. (An index ready
/// meanwhile is taken by the answer; what is told of the whole input, by
/// `worker` now.)
fn newest(rx: &Receiver<Job>, mut req: SearchRequest, worker: &mut Worker) -> SearchRequest {
    while let Ok(job) = rx.try_recv() {
        match job {
            Job::Search(newer) => req = newer,
            Job::IndexReady => {}
            Job::WholeInput(wanted) => worker.whole_input(wanted),
        }
    }
    req
}

/// A rayon pool of its own for one kind of search work, sized like the
/// global one, its threads `background` or not (`None` if the system
/// refuses threads: the global pool then).
fn own_pool(name: &'static str, background: bool) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(move |i| format!("{name}-{i}"))
        .start_handler(move |_| {
            if background {
                super::priority::background_thread();
            }
        })
        .build()
        .ok()
}

/// Runs keystroke work: on `pool` if there is one, with `busy` raised
/// meanwhile (the index build pauses for it).
fn foreground<T: Send>(
    pool: &Option<Arc<rayon::ThreadPool>>,
    busy: &Option<Arc<AtomicBool>>,
    work: impl FnOnce() -> T + Send,
) -> T {
    if let Some(flag) = busy {
        flag.store(true, Ordering::Release);
    }
    let out = match pool {
        Some(pool) => pool.install(work),
        None => work(),
    };
    if let Some(flag) = busy {
        flag.store(false, Ordering::Release);
    }
    out
}

/// Passages sketched per piece while the sketch is built in the
/// background (a keystroke waits for at most one piece: 2.5–4.5 ms on
/// two cores at 50k, as the host goes, and keystrokes typed without a
/// pause get one piece each).
const SKETCH_PIECE: usize = 6_144;

/// The articles requests name ([`SearchRequest::within`]: the reader's
/// open story, or its preview) while the whole input's passages are not
/// listed, with the sketch of their passages, built between requests as
/// the whole input's is: a story of thousands of articles opened from the
/// list of an input of many is read through a sketch too, and each
/// keystroke reads only what the last one left possible.
struct Scope {
    /// Ascending, each once.
    articles: Vec<usize>,
    sketch: Sketch,
    /// Whether the sketch has taken which passages are plain.
    told_plain: bool,
    /// Whether it is still being built.
    sketching: bool,
}

/// The next step of building `sketch` over `passages`: first which are
/// plain (from the story's flags) and how common the letter pairs are, two
/// quick passes in a step of their own (so the first piece is no longer
/// than the others; `told_plain` then set), then a piece of the passages;
/// false once all are sketched.
fn sketch_step(sketch: &mut Sketch, told_plain: &mut bool, passages: &Passages<'_>) -> bool {
    if !std::mem::replace(told_plain, true) {
        sketch.tell_plain(&passages.texts, passages.known_plain.clone());
        sketch.rank_pairs(&passages.texts);
        true
    } else {
        sketch.extend(&passages.texts, SKETCH_PIECE) > 0
    }
}

/// The search body, the same in both modes.
struct Worker {
    index: Option<Receiver<Arc<SearchIndex>>>,
    searcher: Option<Searcher>,
    sketch: Option<Sketch>,
    /// Whether the sketch has taken which passages the story knows are
    /// plain (its first step).
    told_plain: bool,
    /// Whether the sketch is being built between requests (from the
    /// start, or once the whole input is wanted), until it is done.
    sketching: bool,
    /// The sketch of the articles requests name, while the whole input's
    /// passages are not listed.
    scope: Option<Scope>,
    /// Where scans run (threaded mode); else the caller's pool.
    pool: Option<Arc<rayon::ThreadPool>>,
    /// Raised while a scan runs, so the index build pauses.
    scanning: Option<Arc<AtomicBool>>,
}

impl Worker {
    fn new(index: Option<Receiver<Arc<SearchIndex>>>) -> Self {
        Self {
            index,
            searcher: None,
            sketch: None,
            told_plain: false,
            sketching: false,
            scope: None,
            pool: None,
            scanning: None,
        }
    }

    /// Does the next step of the whole input's sketch ([`sketch_step`]);
    /// false once all is sketched (or the index has made the sketch
    /// unneeded).
    fn sketch_more(&mut self, passages: &Passages<'_>) -> bool {
        if self.searcher.is_some() {
            return false;
        }
        let sketch = self.sketch.get_or_insert_with(Sketch::default);
        let (pool, scanning) = (&self.pool, &self.scanning);
        foreground(pool, scanning, || {
            sketch_step(sketch, &mut self.told_plain, passages)
        })
    }

    /// The scope for a request naming `articles` (the reader's open story,
    /// or its preview): true if it is new (its passages are then to be
    /// listed, [`Passages::of_some`]), its sketch begun from nothing.
    fn scope_for(&mut self, articles: &[usize]) -> bool {
        let mut articles = articles.to_vec();
        articles.sort_unstable();
        articles.dedup();
        if self.scope.as_ref().is_some_and(|s| s.articles == articles) {
            return false;
        }
        self.scope = Some(Scope {
            articles,
            sketch: Sketch::default(),
            told_plain: false,
            sketching: true,
        });
        true
    }

    /// Whether the scope's sketch is still to be built between requests.
    fn scope_sketching(&self) -> bool {
        self.scope.as_ref().is_some_and(|s| s.sketching)
    }

    /// The next step of the scope's sketch ([`Self::sketch_more`]), over
    /// its passages.
    fn scope_more(&mut self, passages: &Passages<'_>) {
        if let Some(scope) = &mut self.scope {
            let Scope {
                sketch, told_plain, ..
            } = scope;
            scope.sketching = foreground(&self.pool, &self.scanning, || {
                sketch_step(sketch, told_plain, passages)
            });
        }
    }

    /// Told whether requests over the whole input will come: if so, the
    /// sketch is built between requests from now on (unless the index is
    /// there); if not, never, and what there is of it is freed.
    fn whole_input(&mut self, wanted: bool) {
        self.sketching = wanted && self.searcher.is_none();
        if !wanted {
            self.sketch = None;
            self.told_plain = false;
        }
    }

    /// Answers through the index from now on if it is ready, freeing the
    /// sketch.
    fn take_index(&mut self) {
        if self.searcher.is_none()
            && let Some(index) = self.index.as_ref().and_then(|rx| rx.try_recv().ok())
        {
            self.searcher = Some(Searcher::unranked(index));
            self.sketch = None;
            self.scope = None;
        }
    }

    /// Parses the query once and matches it: through the index once taken
    /// ([`Self::take_index`], which the caller does before it picks the
    /// passages: the index's numbers are the whole list's), else by
    /// scanning the sketch: the scope's if `passages` are the scope's (the
    /// passages of the articles the request names, [`Self::scope_for`]),
    /// else the whole input's. Hits come back in document
    /// order. `None`: `latest` moved past the request's generation during
    /// the scan (a newer request supersedes it).
    fn answer(
        &mut self,
        passages: &Passages<'_>,
        scoped: bool,
        req: SearchRequest,
        latest: &AtomicU64,
        early: &mut dyn FnMut(SearchReply),
    ) -> Option<SearchReply> {
        let query = Query::parse(&req.query);
        // The passages the answer is for (None: all), ascending: all of
        // the scope's.
        let within = match req.within.as_deref() {
            Some(articles) if !scoped => Some(passages.of_articles(articles)),
            _ => None,
        };
        let hits: Vec<u32> = match &mut self.searcher {
            Some(s) if !scoped => foreground(&self.pool, &None, || {
                s.search(&query, &passages.texts)
                    .iter()
                    .map(|h| h.passage)
                    .filter(|p| within.as_ref().is_none_or(|w| w.binary_search(p).is_ok()))
                    .collect()
            }),
            _ => {
                let generation = req.generation;
                let stale = move || latest.load(Ordering::Relaxed) != generation;
                if !scoped && self.sketch.is_none() && within.is_none() {
                    // Over the whole input, no sketch begun (the
                    // synchronous service, one whose sketch waits for the
                    // index, or one told it would not be asked this): all
                    // of it, now, as keystroke work.
                    let sketch = foreground(&self.pool, &self.scanning, || {
                        Sketch::build(&passages.texts)
                    });
                    self.sketch = Some(sketch);
                }
                // The scope's sketch, the whole input's, or (some
                // articles' passages in a whole list not sketched) a
                // sketch of none: then the matcher reads them all.
                let mut none = None;
                let sketch = match (scoped, &mut self.scope, self.sketch.as_mut()) {
                    (true, Some(scope), _) => &mut scope.sketch,
                    (false, _, Some(sketch)) => sketch,
                    _ => none.insert(Sketch::default()),
                };
                // What the screen shows first: a small scan of its own,
                // unless the whole answer is known already or is no more
                // than that.
                let mut first = passages.of_articles(&req.first);
                if let Some(w) = &within {
                    first.retain(|p| w.binary_search(p).is_ok());
                }
                let all = within.as_ref().map_or(passages.texts.len(), Vec::len);
                if !first.is_empty()
                    && first.len() < all
                    && (within.is_some() || sketch.known(&query).is_none())
                {
                    let hits = foreground(&self.pool, &self.scanning, || {
                        sketch.scan_ids(&query, &passages.texts, &first, &stale)
                    })?;
                    early(SearchReply {
                        generation: req.generation,
                        query: query.clone(),
                        hits: hits.iter().map(|&p| passages.place(p as usize)).collect(),
                        complete: false,
                    });
                }
                foreground(&self.pool, &self.scanning, || match &within {
                    Some(ids) => sketch.scan_ids(&query, &passages.texts, ids, &stale),
                    // Typing a query, each keystroke reads only what the
                    // last one left possible.
                    None => sketch.scan_remembering(&query, &passages.texts, &stale),
                })?
            }
        };
        Some(SearchReply {
            generation: req.generation,
            query,
            hits: hits.iter().map(|&p| passages.place(p as usize)).collect(),
            complete: true,
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
            ..SearchRequest::default()
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
        assert_threaded_answers_as_synchronous(
            story(),
            &["rain", "'mayor", "!mayor", "nothing | race"],
        );
    }

    /// A deferred service over [`story`], its start, and a check that it
    /// answers a request as the synchronous service does.
    fn deferred(sketch: SketchStart) -> (IndexStart, impl FnMut(SearchRequest)) {
        let story = story();
        let (tx, rx) = mpsc::channel();
        let (mut threaded, start) =
            SearchService::spawn_deferred(story.clone(), sketch, move |r| tx.send(r).is_ok());
        let mut sync = SearchService::synchronous(story);
        let ask = move |req: SearchRequest| {
            assert_eq!(threaded.request(req.clone()), None);
            let got = rx
                .recv_timeout(std::time::Duration::from_secs(20))
                .expect("a reply while the index waits");
            assert_eq!(Some(got), sync.request(req.clone()), "{req:?}");
        };
        (start, ask)
    }

    #[test]
    fn a_deferred_index_service_answers_before_its_start_and_the_same_after() {
        let (start, mut ask) = deferred(SketchStart::AtOnce);
        ask(request(1, "mayor"));
        ask(request(2, "'rain"));
        start.now();
        ask(request(3, "mayor"));
        ask(request(4, "!mayor"));
    }

    #[test]
    fn a_service_whose_sketch_waits_answers_before_and_after_either_word() {
        let within = |g: u64, q: &str, a: Vec<usize>| SearchRequest {
            within: Some(a),
            ..request(g, q)
        };
        for wanted in [true, false] {
            let (start, mut ask) = deferred(SketchStart::WithIndex);
            ask(within(1, "mayor", vec![1]));
            ask(within(2, "mayor", vec![0, 1]));
            if wanted {
                start.now();
            } else {
                start.never();
            }
            ask(within(3, "rain", vec![0]));
            // Over the whole input, whichever was said.
            ask(request(4, "mayor"));
            ask(request(5, "!mayor"));
        }
    }

    #[test]
    fn told_the_whole_input_is_not_wanted_the_worker_frees_its_sketch_and_reads_named_articles() {
        let story = story();
        let passages = Passages::of(&story);
        let mut worker = Worker::new(None);
        worker.sketch = Some(Sketch::default());
        worker.told_plain = true;
        worker.sketching = true;
        worker.whole_input(false);
        assert!(worker.sketch.is_none() && !worker.told_plain && !worker.sketching);
        let req = SearchRequest {
            within: Some(vec![1]),
            ..request(1, "mayor")
        };
        let reply = worker.answer(&passages, false, req, &AtomicU64::new(1), &mut |_| {});
        assert_eq!(reply.map(|r| r.hits), Some(vec![(1, 1)]));
        assert!(
            worker.sketch.is_none(),
            "nothing sketched for named articles"
        );
        // Wanted after all: sketched between requests from then on.
        worker.whole_input(true);
        assert!(worker.sketching);
        while worker.sketch_more(&passages) {}
        assert_eq!(worker.sketch.as_ref().map(Sketch::len), Some(4));
    }

    /// A story of `n` articles of a few varied paragraphs each.
    fn varied_story(n: usize) -> Story {
        let words = [
            "mayor",
            "rain",
            "council",
            "Zoë",
            "budget",
            "vote",
            "«court»",
        ];
        let articles = (0..n)
            .map(|a| Article {
                id: format!("a{a}"),
                label: format!("a{a}"),
                paragraphs: (0..3)
                    .map(|p| {
                        let pick = |k: usize| words[(a * 7 + p * 3 + k * 5) % words.len()];
                        format!("The {} and the {} ({a}.{p}).", pick(0), pick(1))
                    })
                    .collect(),
                ..Article::default()
            })
            .collect();
        Story {
            id: "v".into(),
            title: "v".into(),
            articles,
        }
    }

    /// The hits of `query` among `articles`' passages, by the reference scan
    /// of the whole story's.
    fn reference_within(story: &Story, query: &str, articles: &[usize]) -> Vec<(usize, usize)> {
        let whole = Passages::of(story);
        let ids = whole.of_articles(articles);
        crate::search::scan(&Query::parse(query), &whole.texts)
            .iter()
            .map(|h| h.passage)
            .filter(|p| ids.binary_search(p).is_ok())
            .map(|p| whole.place(p as usize))
            .collect()
    }

    #[test]
    fn named_articles_are_sketched_between_requests_and_each_keystroke_reads_what_the_last_left() {
        // A story opened from the list of an input of many: the index and
        // the whole input's sketch are never built, yet its keystrokes go
        // through a sketch of its own articles and remember the last one.
        let story = varied_story(300);
        let members: Vec<usize> = (0..300).filter(|a| a % 3 != 1).collect();
        let mut worker = Worker::new(None);
        worker.whole_input(false);
        assert!(worker.scope_for(&members), "a new scope");
        let mut shuffled = members.clone();
        shuffled.reverse();
        shuffled.push(members[0]);
        assert!(
            !worker.scope_for(&shuffled),
            "the same articles, the same scope"
        );
        let passages = Passages::of_some(&story, &members);
        let latest = AtomicU64::new(0);
        let ask = |worker: &mut Worker, generation: u64, query: &str| {
            latest.store(generation, Ordering::Relaxed);
            let req = SearchRequest {
                first: members[..4].to_vec(),
                within: Some(members.clone()),
                ..request(generation, query)
            };
            let reply = worker.answer(&passages, true, req, &latest, &mut |_| {});
            let hits = reply.expect("answered").hits;
            assert_eq!(hits, reference_within(&story, query, &members), "{query}");
        };
        // Typed before anything is sketched: each keystroke remembered.
        for (g, query) in ["m", "ma", "may", "mayo", "mayor"].iter().enumerate() {
            ask(&mut worker, g as u64, query);
            let scope = worker.scope.as_ref().expect("the scope");
            assert!(
                scope.sketch.known(&Query::parse(query)).is_some(),
                "{query}"
            );
        }
        // Sketched between requests, a step at a time, until done.
        assert!(worker.scope_sketching());
        let mut steps = 0;
        while worker.scope_sketching() {
            worker.scope_more(&passages);
            steps += 1;
        }
        let scope = worker.scope.as_ref().expect("the scope");
        assert_eq!(scope.sketch.len(), passages.texts.len());
        assert!(steps >= 2, "which passages are plain first, then pieces");
        for (g, query) in ["mayor rain", "'budget !vote", "zoe | court", "«court»"]
            .iter()
            .enumerate()
        {
            ask(&mut worker, 10 + g as u64, query);
        }
        // Other articles named: a scope of their own, begun from nothing.
        assert!(worker.scope_for(&[1, 4]));
        assert!(worker.scope_sketching());
        assert!(worker.scope.as_ref().is_some_and(|s| s.sketch.is_empty()));
    }

    #[test]
    fn a_service_told_never_answers_named_articles_as_the_reference_while_it_sketches_them() {
        let story = Arc::new(varied_story(2_000));
        let (tx, rx) = mpsc::channel();
        let (mut threaded, start) =
            SearchService::spawn_deferred(story.clone(), SketchStart::WithIndex, move |r| {
                tx.send(r).is_ok()
            });
        start.never();
        let mut generation = 0;
        let stories: [Vec<usize>; 3] = [
            (0..16).collect(),
            (0..2_000).filter(|a| a % 2 == 0).collect(),
            vec![3, 1_999],
        ];
        for members in &stories {
            for query in ["c", "co", "cou", "coun", "council !rain", "zoë | vote"] {
                generation += 1;
                threaded.request(SearchRequest {
                    generation,
                    query: query.into(),
                    first: members[..1].to_vec(),
                    within: Some(members.clone()),
                });
                let reply = loop {
                    let r = rx
                        .recv_timeout(std::time::Duration::from_secs(20))
                        .expect("a reply");
                    if r.complete {
                        break r;
                    }
                };
                assert_eq!(reply.generation, generation);
                assert_eq!(
                    reply.hits,
                    reference_within(&story, query, members),
                    "{query}"
                );
            }
        }
    }

    /// The threaded service (replies over a channel) answers each query
    /// exactly as the synchronous one does.
    fn assert_threaded_answers_as_synchronous(story: Arc<Story>, queries: &[&str]) {
        let (tx, rx) = mpsc::channel();
        let mut threaded = SearchService::spawn(story.clone(), move |r| tx.send(r).is_ok());
        let mut sync = SearchService::synchronous(story);
        for (g, q) in queries.iter().enumerate() {
            assert_eq!(threaded.request(request(g as u64, q)), None);
            let got = rx.recv().expect("a reply");
            assert_eq!(Some(got), sync.request(request(g as u64, q)), "{q}");
        }
    }

    #[test]
    fn a_ready_index_frees_the_sketch_without_a_keystroke() {
        let story = story();
        let passages = Passages::of(&story);
        let (index_tx, index_rx) = mpsc::channel();
        let mut worker = Worker::new(Some(index_rx));
        while worker.sketch_more(&passages) {}
        assert!(worker.sketch.is_some());
        index_tx
            .send(Arc::new(SearchIndex::build(&passages.texts)))
            .expect("the worker listens");
        worker.take_index();
        assert!(worker.sketch.is_none() && worker.searcher.is_some());
        // And answers through the index as it did by scanning.
        let reply = worker.answer(
            &passages,
            false,
            request(1, "mayor"),
            &AtomicU64::new(1),
            &mut |_| {},
        );
        assert_eq!(reply.map(|r| r.hits), Some(vec![(0, 0), (1, 1)]));
    }

    #[test]
    fn a_superseded_scan_sends_no_reply() {
        let story = story();
        let passages = Passages::of(&story);
        let mut worker = Worker::new(None);
        // A newer request (generation 2) came while 1 was being answered.
        let latest = AtomicU64::new(2);
        assert_eq!(
            worker.answer(&passages, false, request(1, "mayor"), &latest, &mut |_| {}),
            None
        );
        let reply = worker.answer(&passages, false, request(2, "mayor"), &latest, &mut |_| {});
        assert_eq!(reply.map(|r| r.hits), Some(vec![(0, 0), (1, 1)]));
    }

    #[test]
    fn keystroke_work_raises_the_flag_the_index_build_waits_on() {
        let busy = Some(Arc::new(AtomicBool::new(false)));
        let flag = busy.clone().expect("set");
        let pool = own_pool("test-scan", false).map(Arc::new);
        let during = foreground(&pool, &busy, || flag.load(Ordering::Acquire));
        assert!(during);
        assert!(!flag.load(Ordering::Acquire));
    }

    #[test]
    fn a_story_sketched_piece_by_piece_answers_as_the_synchronous_service() {
        // More passages than one sketch piece, so requests may be answered
        // over a partial sketch.
        let paragraphs: Vec<String> = (0..SKETCH_PIECE + 500)
            .map(|i| match i % 3 {
                0 => format!("The mayor spoke at noon, item {i}."),
                1 => "Rain all week.".to_string(),
                _ => "A mayoral race began.".to_string(),
            })
            .collect();
        let story = Arc::new(Story {
            id: "s".into(),
            title: "t".into(),
            articles: vec![Article {
                id: "a".into(),
                label: "a".into(),
                paragraphs: paragraphs.into(),
                ..Article::default()
            }],
        });
        assert_threaded_answers_as_synchronous(
            story,
            &["m", "ma", "may", "mayor", "rain", "'race"],
        );
    }

    #[test]
    fn the_articles_on_screen_are_answered_first() {
        let story = story();
        let passages = Passages::of(&story);
        let mut worker = Worker::new(None);
        let latest = AtomicU64::new(3);
        let mut early = Vec::new();
        let req = SearchRequest {
            first: vec![1],
            ..request(3, "mayor")
        };
        let reply = worker
            .answer(&passages, false, req, &latest, &mut |r| early.push(r))
            .expect("answered");
        assert_eq!(early.len(), 1);
        assert_eq!(early[0].hits, vec![(1, 1)]);
        assert!(!early[0].complete);
        assert_eq!(reply.hits, vec![(0, 0), (1, 1)]);
        assert!(reply.complete);
        // Nothing asked first: one reply.
        early.clear();
        worker.answer(&passages, false, request(3, "mayor"), &latest, &mut |r| {
            early.push(r)
        });
        assert!(early.is_empty());
        assert_eq!(passages.of_articles(&[1, 0, 1]), vec![0, 1, 2, 3]);
        assert_eq!(passages.of_articles(&[7]), Vec::<u32>::new());
    }

    #[test]
    fn a_request_within_some_articles_reads_and_answers_for_them_alone() {
        let story = story();
        let passages = Passages::of(&story);
        let within = |first: Vec<usize>, within: Vec<usize>| SearchRequest {
            first,
            within: Some(within),
            ..request(5, "mayor")
        };
        let mut worker = Worker::new(None);
        let latest = AtomicU64::new(5);
        let mut early = Vec::new();
        // The articles on screen are all it is for: one reply, theirs.
        let reply = worker
            .answer(
                &passages,
                false,
                within(vec![1], vec![1]),
                &latest,
                &mut |r| early.push(r),
            )
            .expect("answered");
        assert!(early.is_empty());
        assert_eq!(reply.hits, vec![(1, 1)]);
        assert!(reply.complete);
        // More than the screen: the screen's first, then the rest of
        // them, and nothing beyond.
        let reply = worker
            .answer(
                &passages,
                false,
                within(vec![1], vec![0, 1]),
                &latest,
                &mut |r| early.push(r),
            )
            .expect("answered");
        assert_eq!(early.len(), 1);
        assert_eq!(early[0].hits, vec![(1, 1)]);
        assert_eq!(reply.hits, vec![(0, 0), (1, 1)]);
        let reply = worker.answer(
            &passages,
            false,
            within(vec![], vec![0]),
            &latest,
            &mut |_| {},
        );
        assert_eq!(reply.map(|r| r.hits), Some(vec![(0, 0)]));
        // Through the index, the same.
        let (index_tx, index_rx) = mpsc::channel();
        let mut worker = Worker::new(Some(index_rx));
        index_tx
            .send(Arc::new(SearchIndex::build(&passages.texts)))
            .expect("the worker listens");
        worker.take_index();
        let reply = worker.answer(
            &passages,
            false,
            within(vec![1], vec![1]),
            &latest,
            &mut |_| {},
        );
        assert_eq!(reply.map(|r| r.hits), Some(vec![(1, 1)]));
        // And the threaded service.
        let (tx, rx) = mpsc::channel();
        let mut threaded = SearchService::spawn(story.clone(), move |r| tx.send(r).is_ok());
        assert_eq!(threaded.request(within(vec![0], vec![0])), None);
        let got = rx.recv().expect("a reply");
        assert_eq!((got.hits, got.complete), (vec![(0, 0)], true));
    }

    #[test]
    fn a_query_parsed_as_the_last_is_answered_whole_at_once() {
        let story = story();
        let passages = Passages::of(&story);
        let mut worker = Worker::new(None);
        let latest = AtomicU64::new(4);
        let mut early = Vec::new();
        worker.answer(&passages, false, request(4, "mayor"), &latest, &mut |_| {});
        // A space after the word: the screen's own scan is not needed.
        let req = SearchRequest {
            first: vec![1],
            ..request(4, "mayor ")
        };
        let reply = worker
            .answer(&passages, false, req, &latest, &mut |r| early.push(r))
            .expect("answered");
        assert!(early.is_empty());
        assert_eq!(reply.hits, vec![(0, 0), (1, 1)]);
        assert!(reply.complete);
    }

    #[test]
    fn an_index_arriving_meanwhile_is_not_used_with_some_articles_passages() {
        // The threaded worker picks a request's passages, then answers: an
        // index that arrived in between (its numbers the whole list's)
        // must wait for the next request, not search the small list.
        // (A first article long enough that the index's numbers are far
        // from the small list's.)
        let mut story = (*story()).clone();
        story.articles[0].paragraphs = (0..5_000).map(|i| format!("Filler {i}.")).collect();
        let whole = Passages::of(&story);
        let (index_tx, index_rx) = mpsc::channel();
        let mut worker = Worker::new(Some(index_rx));
        index_tx
            .send(Arc::new(SearchIndex::build(&whole.texts)))
            .expect("the worker listens");
        let some = Passages::of_some(&story, &[1]);
        let req = SearchRequest {
            within: Some(vec![1]),
            ..request(1, "mayor")
        };
        let reply = worker.answer(&some, false, req, &AtomicU64::new(1), &mut |_| {});
        assert_eq!(reply.map(|r| r.hits), Some(vec![(1, 1)]));
    }

    #[test]
    fn some_articles_passages_are_the_whole_lists_for_them() {
        let story = story();
        let whole = Passages::of(&story);
        for articles in [vec![1], vec![0, 1], vec![1, 0, 1], vec![], vec![0, 7]] {
            let some = Passages::of_some(&story, &articles);
            let ids = whole.of_articles(&articles);
            let texts: Vec<&str> = ids.iter().map(|&i| whole.texts[i as usize]).collect();
            let places: Vec<_> = ids.iter().map(|&i| whole.place(i as usize)).collect();
            let plain: Vec<bool> = ids.iter().map(|&i| whole.known_plain[i as usize]).collect();
            assert_eq!(some.texts, texts, "{articles:?}");
            assert_eq!(some.known_plain, plain);
            let some_places: Vec<_> = (0..some.texts.len()).map(|i| some.place(i)).collect();
            assert_eq!(some_places, places);
            // And it answers for them: all its passages.
            assert_eq!(some.of_articles(&articles).len(), some.texts.len());
        }
    }

    #[test]
    fn passages_know_their_places() {
        let story = story();
        let p = Passages::of(&story);
        assert_eq!(p.texts.len(), 4);
        assert_eq!(p.place(3), (1, 1));
        assert_eq!(p.texts[3], "A mayoral race began.");
        // And which are plain, as the story knows it.
        let mut accented = (*story).clone();
        accented.articles[1].paragraphs = ["Z\u{fc}rich", "\u{201c}Race\u{201d}"]
            .into_iter()
            .collect();
        let p = Passages::of(&accented);
        assert_eq!(p.known_plain, [true, true, false, true]);
    }

    /// Listed in parallel, runs of articles at a time: the passages in
    /// document order, each with its place and flag, whatever the runs'
    /// edges (articles without paragraphs among them).
    #[test]
    fn passages_of_many_articles_are_listed_in_order() {
        let articles: Vec<Article> = (0..3 * ARTICLES_PER_RUN + 7)
            .map(|a| Article {
                id: a.to_string(),
                paragraphs: (0..a % 4)
                    .map(|p| {
                        if p == 1 {
                            format!("\u{e9}{a}")
                        } else {
                            format!("{a}.{p}")
                        }
                    })
                    .collect(),
                ..Article::default()
            })
            .collect();
        let story = Story {
            articles,
            ..Story::default()
        };
        let passages = Passages::of(&story);
        let mut i = 0;
        for (a, art) in story.articles.iter().enumerate() {
            for (p, text) in art.paragraphs.iter().enumerate() {
                assert_eq!(passages.texts[i], text);
                assert_eq!(passages.place(i), (a, p));
                assert_eq!(passages.known_plain[i], p != 1);
                i += 1;
            }
        }
        assert_eq!((passages.texts.len(), passages.known_plain.len()), (i, i));
    }
}
