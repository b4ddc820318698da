//! Engine benchmarks: quote analysis and search at news-cycle scale.
//!
//! cargo bench --bench engine
//!
//! Besides criterion's timings, this prints per-keystroke latency (median
//! and worst while typing a query one character at a time) and the peak
//! heap used by the search index relative to the text size, measured with
//! a counting allocator. Targets (2-core machine): keystroke median < 16 ms,
//! worst < 50 ms; index build < 1 s; peak < 3x text; analysis of the bundled
//! story well under 1 ms; analysis >= 50 MB/s on one core.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use crossread::analysis::analyze;
use crossread::corpus::{Story, load_bundled};
use crossread::search::{Query, SearchIndex, Searcher};

mod common;
use common::{LIVE, PEAK};

const ARTICLES: usize = 10_000;

/// The corpus as passages: the story's paragraphs, moved (not copied), so
/// memory figures count the text once.
fn corpus() -> Vec<String> {
    let story: Story = crossread::synth::story(ARTICLES, 42);
    story
        .articles
        .into_iter()
        .flat_map(|a| a.paragraphs)
        .collect()
}

fn analysis(c: &mut Criterion) {
    let bundled = load_bundled();
    c.bench_function("analysis/bundled_story", |b| {
        b.iter(|| analyze(black_box(&bundled)))
    });

    let story = crossread::synth::story(1_000, 7);
    let one_core = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    let mut g = c.benchmark_group("analysis");
    g.throughput(Throughput::Bytes(story.text_len() as u64));
    g.sample_size(10);
    g.bench_function("synthetic_1000_articles_one_core", |b| {
        b.iter(|| one_core.install(|| analyze(black_box(&story))))
    });
    g.finish();
}

/// Median and worst per-keystroke latency while typing `query`, as the
/// reader does it (document order, no ranking).
fn keystrokes(
    index: &Arc<SearchIndex>,
    texts: &[String],
    query: &str,
    rounds: usize,
) -> (Duration, Duration) {
    let mut times = Vec::new();
    for _ in 0..rounds {
        let mut searcher = Searcher::unranked(index.clone());
        for end in 1..=query.len() {
            let q = Query::parse(&query[..end]);
            let t = Instant::now();
            black_box(searcher.search(&q, texts));
            times.push(t.elapsed());
        }
    }
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

fn search(c: &mut Criterion) {
    let texts = &corpus();
    let text_bytes: usize = texts.iter().map(String::len).sum();

    let mut g = c.benchmark_group("search");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.bench_function("index_build_10k_articles", |b| {
        b.iter(|| SearchIndex::build(black_box(texts)))
    });

    // Peak heap of building the index (on top of the text already loaded).
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let index = Arc::new(SearchIndex::build(texts));
    let mut searcher = Searcher::unranked(index.clone());
    black_box(searcher.search(&Query::parse("refugee ban court"), texts));
    let peak = PEAK.load(Ordering::Relaxed);
    eprintln!(
        "memory: text {:.1} MB, peak with index {:.1} MB ({:.2}x text), index {:.1} MB; {} passages, {} distinct words",
        text_bytes as f64 / 1e6,
        peak as f64 / 1e6,
        peak as f64 / text_bytes as f64,
        (peak - before) as f64 / 1e6,
        index.passages(),
        index.vocabulary()
    );

    for query in ["sarah foth", "refugee ban court"] {
        let (median, worst) = keystrokes(&index, texts, query, 15);
        eprintln!("keystrokes '{query}': median {median:?}, worst {worst:?}");
        g.bench_with_input(BenchmarkId::new("typing", query), &query, |b, q| {
            b.iter(|| {
                let mut s = Searcher::unranked(index.clone());
                for end in 1..=q.len() {
                    black_box(s.search(&Query::parse(&q[..end]), texts));
                }
            })
        });
    }
    g.bench_function("cold_query_refugee_ban_court", |b| {
        let q = Query::parse("refugee ban court");
        b.iter(|| Searcher::unranked(index.clone()).search(black_box(&q), texts))
    });
    g.bench_function("one_shot_scan_tiktok", |b| {
        let q = Query::parse("tiktok");
        b.iter(|| crossread::search::scan(black_box(&q), texts))
    });
    g.finish();
}

criterion_group!(benches, analysis, search);
criterion_main!(benches);
