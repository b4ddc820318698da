//! Story clustering benchmark on the synthetic corpus with story structure.
//!
//! cargo bench --bench stories
//!
//! Criterion times clustering 10,000 articles; then one timed run each at
//! 10k, 30k and 100k articles prints seconds and peak heap during
//! clustering relative to the text (a counting allocator; the articles
//! themselves are counted in the peak) and the wall time of each stage.
//! Targets (2-core machine): 100,000 articles in < 10 s, peak < 3x the text. `scripts/measure-stories.sh`
//! measures the same with /usr/bin/time (peak RSS of a whole process).

use std::hint::black_box;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crossread::stories::{Options, cluster, cluster_timed};

mod common;
use common::{LIVE, PEAK};

fn bench(c: &mut Criterion) {
    let (story, _) = crossread::synth::stories(10_000, 42);
    let bytes: usize = story.articles.iter().map(|a| a.text_len()).sum();
    let mut g = c.benchmark_group("stories");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("cluster_10000_articles", |b| {
        b.iter(|| black_box(cluster(&story.articles, &Options::default())))
    });
    g.finish();
    drop(story);

    println!("\nstory clustering, one run each (synthetic, seed 42):");
    let mut first: Option<f64> = None;
    for n in [10_000, 30_000, 100_000] {
        let (story, _) = crossread::synth::stories(n, 42);
        let text: usize = story.articles.iter().map(|a| a.text_len()).sum();
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let start = Instant::now();
        let (stories, stages) = black_box(cluster_timed(&story.articles, &Options::default()));
        let secs = start.elapsed().as_secs_f64();
        let peak = PEAK.load(Ordering::Relaxed);
        let growth = first.map_or(String::new(), |t| {
            format!(", {:.1}x the 10k time", secs / t)
        });
        first.get_or_insert(secs);
        println!(
            "  {n:>7} articles ({:.0} MB text): {secs:.2} s, {} stories, peak heap {:.2}x text \
             ({:.2}x besides the articles){growth}",
            text as f64 / 1e6,
            stories.len(),
            peak as f64 / text as f64,
            (peak - before) as f64 / text as f64,
        );
        let stages: Vec<String> = stages
            .iter()
            .map(|(name, d)| format!("{name} {:.2}", d.as_secs_f64()))
            .collect();
        println!("           stages (s): {}", stages.join(", "));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
