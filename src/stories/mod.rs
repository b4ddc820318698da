//! Story clustering: which of many articles cover the same event.
//!
//! Owns turning a pile of articles (a day of feeds, a cache, a folder) into
//! stories. Each article becomes a TF-IDF vector over what tells events
//! apart ([`features`]: names, rare words, numbers, the headline, with shared
//! site boilerplate removed); similar pairs come from an inverted index over
//! rare features, never all pairs ([`link`]); dates far apart weaken a pair;
//! average linkage merges clusters while they stay similar. The same text
//! from several sources is clustered once and is always one story.
//! Deterministic, parallel (rayon). Imports only `text` and `corpus`; no UI.
//! Siblings: [`sentences`] (tokens), [`stopwords`], [`hashing`], [`dates`].

mod dates;
mod features;
mod hashing;
mod link;
mod sentences;
mod stopwords;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use rayon::prelude::*;

use crate::corpus::Article;
use dates::{civil, parse_day};
use features::Kind;
use hashing::HashKeyed;

/// Tunable settings; the defaults are what the README's figures used.
#[derive(Debug, Clone)]
pub struct Options {
    /// Two clusters merge while their average pairwise similarity is at least this.
    pub threshold: f32,
    /// Weight multiplier for names (capitalised inside sentences) and name pairs.
    pub name_boost: f32,
    /// Weight multiplier for numbers.
    pub number_boost: f32,

    /// A headline word counts this many times a body word.
    pub title_weight: f32,
    /// A sentence found verbatim in at least this many articles (and, in a
    /// large cache, one in a thousand) is boilerplate.
    pub boilerplate_articles: usize,
    /// Dates further apart than this many days weaken a pair (halving per window).
    pub date_window_days: i64,
    /// Features in more articles than this are not used to find candidates.
    pub candidate_max_df: usize,
    /// How many of an article's heaviest rare features look for candidates.
    pub query_features: usize,
    /// How many best candidates per article get an exact similarity.
    pub candidates: usize,
    /// Only an article's heaviest features (this many) enter similarities.
    pub max_features: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            threshold: 0.13,
            name_boost: 1.0,
            number_boost: 1.0,

            title_weight: 3.0,
            boilerplate_articles: 4,
            date_window_days: 3,
            candidate_max_df: 50,
            query_features: 24,
            candidates: 12,
            max_features: 128,
        }
    }
}

/// An article with fewer words of its own than this (a headline and a
/// line, a feed item's summary, a page that is mostly furniture) is short:
/// it may join a story but never bridge two. Below it, the measured dev-set
/// pages are almost all furniture; a real report rarely is.
const SHORT_ARTICLE_WORDS: u32 = 60;

/// A short article joins its best story only if that story is at least
/// this many times as similar to it as the next best: clearly one story's.
const ATTACH_MARGIN: f32 = 1.5;

/// At most this many articles are read to find shared boilerplate.
const BOILERPLATE_SAMPLE: usize = 20_000;

/// One story: indices into the input articles, most central first.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub articles: Vec<usize>,
    /// The most central article's headline (or its opening words).
    pub title: String,
    /// Distinct sources (an article's `source`, else its URL's host, else its id).
    pub sources: usize,
    /// Earliest and latest known dates, `YYYY-MM-DD`.
    pub first: Option<String>,
    pub last: Option<String>,
}

impl Cluster {
    /// True for a story told by one source only (listed at the end).
    pub fn single_source(&self) -> bool {
        self.sources < 2
    }
}

/// Groups articles into stories: multi-source stories first (most sources,
/// then most articles), then single-source ones in input order. Every
/// article is in exactly one cluster.
pub fn cluster(articles: &[Article], opts: &Options) -> Vec<Cluster> {
    cluster_timed(articles, opts).0
}

/// Wall time of each stage of [`cluster`], in order, for benchmarks.
pub type StageTimes = Vec<(&'static str, std::time::Duration)>;

/// [`cluster`], also returning how long each stage took.
pub fn cluster_timed(articles: &[Article], opts: &Options) -> (Vec<Cluster>, StageTimes) {
    if articles.is_empty() {
        return (Vec::new(), StageTimes::new());
    }
    let mut times = StageTimes::new();
    let mut clock = std::time::Instant::now();
    let mut stage = |name: &'static str| {
        times.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    // 0. The same text from several sources is one unit (syndication):
    // clustered once, always in one story.
    let units = Units::of(articles);
    let reps: Vec<&Article> = units
        .members
        .iter()
        .map(|m| &articles[m[0] as usize])
        .collect();
    let n = reps.len();

    stage("same text");

    // 1. Boilerplate: long sentences repeated verbatim across many articles.
    // Counted on an even sample of at most BOILERPLATE_SAMPLE articles (site
    // furniture is everywhere, so a sample finds it); in a large cache a
    // sentence must be in one article per thousand as well, so a wire story
    // that a handful of outlets ran verbatim is not mistaken for furniture.
    let step = n.div_ceil(BOILERPLATE_SAMPLE).max(1);
    let sample: Vec<&Article> = reps.iter().copied().step_by(step).collect();
    let needed = opts.boilerplate_articles.max(2).max(n / 1000);
    let needed_in_sample = needed.div_ceil(step).max(2);
    // Sorted, a sentence's copies are one run: counted without a table
    // (nearly every sentence is distinct, so a table held them all).
    let mut keys: Vec<u64> = sample
        .par_iter()
        .map(|a| sentences::sentence_keys(a.paragraphs.iter()))
        .flatten_iter()
        .collect();
    keys.par_sort_unstable();
    let boilerplate: HashKeyed<()> = keys
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() >= needed_in_sample)
        .map(|run| (run[0], ()))
        .collect();
    drop(keys);

    stage("boilerplate");

    // 2. Document frequencies over all articles, then (3) each article's
    // vector. Features are extracted twice rather than all held between
    // the two: every article's raw features at once were the clustering's
    // peak (27 MB beside 10k articles' 42 MB of text, most of what the
    // reader held above twice its text). Reading twice makes the
    // clustering a quarter to a third slower.
    let extract = |scratch: &mut features::Scratch, a: &&Article| {
        features::extract_counted(
            a.title.as_deref(),
            a.paragraphs.iter(),
            &boilerplate,
            opts.title_weight,
            scratch,
        )
    };
    // Dense ids for features in two or more articles (the only ones that
    // can link articles); unique features still count in each norm.
    let (mut shared, own_words) = shared_keys(&reps, extract);
    shared.sort_unstable();
    let df: Vec<u32> = shared.iter().map(|&(_, c)| c).collect();
    let ids: HashKeyed<u32> = shared
        .iter()
        .enumerate()
        .map(|(i, &(h, _))| (h, i as u32))
        .collect();
    drop(shared);

    stage("features");

    // 3. Unit TF-IDF vectors with sublinear term frequency.
    let nf = n as f32;
    let vectors: Vec<link::Vector> = reps
        .par_iter()
        .map_init(Default::default, |(scratch, work), a| {
            let lookup = |key| {
                let id = ids.get(&key).copied();
                (id, id.map_or(1.0, |i| df[i as usize] as f32))
            };
            unit_vector(extract(scratch, a).0, opts, lookup, nf, work)
        })
        .collect();
    drop(ids);

    stage("vectors");

    // 4. Similar pairs, dates far apart weakened.
    let days: Vec<Option<i64>> = articles
        .iter()
        .map(|a| a.date.as_deref().and_then(parse_day))
        .collect();
    // A unit's date: its earliest copy's.
    let unit_days: Vec<Option<i64>> = units
        .members
        .iter()
        .map(|m| m.iter().filter_map(|&i| days[i as usize]).min())
        .collect();
    let window = opts.date_window_days.max(1);
    let adjust = |i: usize, j: usize, s: f32| match (unit_days[i], unit_days[j]) {
        (Some(a), Some(b)) if (a - b).abs() > window => {
            let over = ((a - b).abs() - window) as f32 / window as f32;
            s * 0.5f32.powf(over)
        }
        _ => s,
    };
    let postings = link::Postings::build(&vectors, &df, opts.candidate_max_df.max(2));
    let pairs = link::similar_pairs(
        &vectors,
        &postings,
        &link::PairOptions {
            query_features: opts.query_features,
            candidates: opts.candidates,
            min_similarity: opts.threshold * 0.25,
        },
        &adjust,
    );
    drop(postings);
    drop(vectors);

    stage("pairs");

    // 5. Average linkage, then presentation.
    // 5. Linkage: long articles first, then each short one joins its one
    // best story (it never bridges two), then the short ones left over.
    let short: Vec<bool> = own_words.iter().map(|&w| w < SHORT_ARTICLE_WORDS).collect();
    let groups = link::two_phase(
        n,
        &pairs,
        &short,
        &link::Bars {
            merge: opts.threshold,
            attach: opts.threshold,
            margin: ATTACH_MARGIN,
        },
    );
    stage("linkage");
    let mut out: Vec<Cluster> = groups
        .into_par_iter()
        .map(|g| describe(articles, &units, &g, &pairs, &days))
        .collect();
    // Stable: ties keep the order of each story's first article.
    out.sort_by_key(|c| {
        let multi = !c.single_source();
        (
            std::cmp::Reverse(multi),
            std::cmp::Reverse(if multi { c.sources } else { 0 }),
            std::cmp::Reverse(if multi { c.articles.len() } else { 0 }),
        )
    });
    stage("describe");
    (out, times)
}

/// `members` of `articles` described as one story, without clustering (an
/// input already narrowed to one story stays one). None if empty.
pub fn one_story(articles: &[Article], members: &[usize]) -> Option<Cluster> {
    if members.is_empty() {
        return None;
    }
    let days: Vec<Option<i64>> = articles
        .iter()
        .map(|a| a.date.as_deref().and_then(parse_day))
        .collect();
    // Each article its own unit: no clustering, so no copies to fold.
    let units = Units {
        members: (0..articles.len() as u32).map(|i| vec![i]).collect(),
    };
    let group: Vec<u32> = members.iter().map(|&i| i as u32).collect();
    Some(describe(articles, &units, &group, &[], &days))
}

/// An article's unit TF-IDF vector with sublinear term frequency, over its
/// `max_features` heaviest shared features, sorted by feature id. `lookup`
/// gives a feature's dense id (None when it is in one article only: it
/// counts in the norm but can link nothing) and document frequency.
/// Sized to what it keeps: ten thousand vectors live side by side with the
/// reader's text and index, so room left over from the truncation is not.
/// Built in `work` (reused across articles) and copied out once: shrinking
/// each vector in place left a hole per article between the ones kept.
fn unit_vector(
    raw: features::RawFeatures,
    opts: &Options,
    lookup: impl Fn(u64) -> (Option<u32>, f32),
    articles: f32,
    work: &mut Vec<(u32, f32)>,
) -> link::Vector {
    let mut norm = 0.0f32;
    let v = work;
    v.clear();
    for f in raw {
        let (tf, kind) = (f.tf(), f.kind());
        let (id, df) = lookup(f.key());
        let idf = ((articles + 1.0) / (df + 1.0)).ln() + 1.0;
        let boost = match kind {
            Kind::Name => opts.name_boost,
            Kind::Number => opts.number_boost,
            Kind::Word => 1.0,
        };
        let w = (1.0 + tf.ln().max(0.0)) * idf * boost;
        norm += w * w;
        if let Some(i) = id {
            v.push((i, w));
        }
    }
    let norm = norm.sqrt();
    if norm > 0.0 {
        for x in v.iter_mut() {
            x.1 /= norm;
        }
    }
    // The heaviest features carry the similarity; the rest of a long
    // article adds little but time.
    if v.len() > opts.max_features {
        v.select_nth_unstable_by(opts.max_features, |a, b| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        });
        v.truncate(opts.max_features);
        let kept = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if kept > 0.0 {
            for x in v.iter_mut() {
                x.1 /= kept;
            }
        }
    }
    v.sort_unstable_by_key(|x| x.0);
    v.to_vec()
}

/// How many articles' raw features are held at once while document
/// frequencies are counted: enough to keep both cores busy between counts.
const COUNT_BATCH: usize = 1024;

/// The feature keys in two or more of `articles`, each with the number of
/// articles that have it, and each article's own word count; `extract`
/// reads one article's features.
///
/// Articles are read a batch at a time and their features counted and
/// dropped. The counts are sharded by key, one table per shard counted in
/// parallel, so each key is in exactly one table: memory is one entry per
/// distinct feature however the work is split (per-thread tables merged at
/// the end would hold many keys several times at once).
fn shared_keys<A: Sync>(
    articles: &[A],
    extract: impl Fn(&mut features::Scratch, &A) -> (features::RawFeatures, u32) + Sync,
) -> (Vec<(u64, u32)>, Vec<u32>) {
    let shards = (rayon::current_num_threads() * 2).max(1);
    let mut tables: Vec<HashKeyed<u32>> = (0..shards).map(|_| HashKeyed::default()).collect();
    let mut own_words = Vec::with_capacity(articles.len());
    for batch in articles.chunks(COUNT_BATCH) {
        let (raw, own): (Vec<features::RawFeatures>, Vec<u32>) = batch
            .par_iter()
            .map_init(features::Scratch::default, |scratch, a| extract(scratch, a))
            .unzip();
        own_words.extend(own);
        tables.par_iter_mut().enumerate().for_each(|(s, table)| {
            for f in raw.iter().flatten() {
                let k = f.key();
                if k % shards as u64 == s as u64 {
                    *table.entry(k).or_default() += 1;
                }
            }
        });
    }
    let shared = tables
        .into_par_iter()
        .flat_map_iter(|t| t.into_iter().filter(|&(_, c)| c >= 2))
        .collect();
    (shared, own_words)
}

/// Identical texts of at least this many words (a few paragraphs: an
/// article, not a notice) are one article that several sources published
/// (syndication) and always share a story. Shorter identical texts are
/// more often page furniture a scraper kept ("Tweet with a location",
/// archive notices of a hundred-odd words) than a story: they are
/// clustered by their words like any other article, so that furniture
/// repeated on many pages is recognised as such.
const SAME_TEXT_MIN_WORDS: usize = 150;

/// Articles grouped by identical text (the same words, whatever the
/// spacing): each unit is clustered once.
struct Units {
    /// Each unit's articles, ascending; units in order of their first.
    members: Vec<Vec<u32>>,
}

impl Units {
    fn of(articles: &[Article]) -> Self {
        fn words(a: &Article) -> impl Iterator<Item = &str> {
            a.paragraphs.iter().flat_map(|p| p.split_whitespace())
        }
        // A hash of the words for texts long enough, in parallel; no copy.
        // Fx (several bytes a step) rather than FNV (one): only which texts
        // are equal matters here, and equal hashes are compared word by word.
        let keys: Vec<Option<u64>> = articles
            .par_iter()
            .map(|a| {
                use std::hash::Hasher;
                let mut h = rustc_hash::FxHasher::default();
                let mut count = 0usize;
                for w in words(a) {
                    h.write(w.as_bytes());
                    h.write_u8(0xff);
                    count += 1;
                }
                (count >= SAME_TEXT_MIN_WORDS).then(|| h.finish())
            })
            .collect();
        let mut members: Vec<Vec<u32>> = Vec::with_capacity(articles.len());
        let mut by_hash: HashKeyed<Vec<u32>> = HashKeyed::default();
        for (i, key) in keys.into_iter().enumerate() {
            if let Some(k) = key {
                let found = by_hash.entry(k).or_default();
                let same = found.iter().copied().find(|&u| {
                    words(&articles[members[u as usize][0] as usize]).eq(words(&articles[i]))
                });
                if let Some(u) = same {
                    members[u as usize].push(i as u32);
                    continue;
                }
                found.push(members.len() as u32);
            }
            members.push(vec![i as u32]);
        }
        Self { members }
    }
}

/// A cluster's presentation: members by centrality (copies of one text
/// together), headline, sources, dates. `group` and `pairs` are in units.
fn describe(
    articles: &[Article],
    units: &Units,
    group: &[u32],
    pairs: &[(u32, u32, f32)],
    days: &[Option<i64>],
) -> Cluster {
    // Centrality: summed similarity to the other members.
    let mut centrality: Vec<(usize, f32)> = group.iter().map(|&i| (i as usize, 0.0)).collect();
    if group.len() > 1 {
        for (slot, &i) in group.iter().enumerate() {
            let start = pairs.partition_point(|p| p.0 < i);
            for p in pairs[start..].iter().take_while(|p| p.0 == i) {
                if let Ok(k) = group.binary_search(&p.1) {
                    centrality[slot].1 += p.2;
                    centrality[k].1 += p.2;
                }
            }
        }
    }
    centrality.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let members: Vec<usize> = centrality
        .iter()
        .flat_map(|x| units.members[x.0].iter().map(|&i| i as usize))
        .collect();
    let title = members
        .iter()
        .find_map(|&i| articles[i].title.clone().filter(|t| !t.trim().is_empty()))
        .unwrap_or_else(|| opening_words(&articles[members[0]], 12));
    let sources: HashSet<String> = members.iter().map(|&i| source_of(&articles[i])).collect();
    let known: Vec<i64> = members.iter().filter_map(|&i| days[i]).collect();
    Cluster {
        title,
        sources: sources.len(),
        first: known.iter().min().map(|&d| civil(d)),
        last: known.iter().max().map(|&d| civil(d)),
        articles: members,
    }
}

/// Who published an article: its source, else its URL's host, else its id
/// (so separate files count as separate sources).
fn source_of(a: &Article) -> String {
    if let Some(s) = a.source.as_deref().filter(|s| !s.trim().is_empty()) {
        return s.trim().to_lowercase();
    }
    if let Some(url) = a.url.as_deref() {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.strip_prefix("www.").unwrap_or(host);
        if !host.is_empty() {
            return host.to_lowercase();
        }
    }
    format!("\u{0}{}", a.id)
}

/// The first `n` words of an article, for one without a headline.
fn opening_words(a: &Article, n: usize) -> String {
    let words: Vec<&str> = a
        .paragraphs
        .iter()
        .flat_map(|p| p.split_whitespace())
        .take(n + 1)
        .collect();
    if words.len() > n {
        format!("{}…", words[..n].join(" "))
    } else if words.is_empty() {
        a.label.clone()
    } else {
        words.join(" ")
    }
}
