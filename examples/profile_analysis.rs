//! Runs the quote engine on one thread, for profiling and for the scaling
//! measurement of issue 14 (one huge article).
//!
//! cargo run --release --example profile_analysis -- [ARTICLES]
//!     a synthetic corpus of ARTICLES articles (default 2000); REPEAT=N in
//!     the environment analyses it N times and prints the mean
//! cargo run --release --example profile_analysis -- --one-article MB [MB ...]
//!     for each MB: one article made of the synthetic corpus's paragraphs,
//!     about MB megabytes, analysed whole (no analysis limits); prints the
//!     time, MB/s and the peak heap over the text size (counting allocator)
//!
//! `scripts/measure-analysis-scaling.sh` runs the second form at 4, 8, 16
//! and 40 MB and prints peak RSS too.

use std::sync::atomic::Ordering;

use crossread::corpus::{Article, Story};

// The benchmarks' counting allocator (live heap bytes and their peak).
#[path = "../benches/common/mod.rs"]
mod common;
use common::{LIVE, PEAK};

fn one_core<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool")
        .install(f)
}

/// One article of about `bytes` bytes: the synthetic corpus's paragraphs
/// in order, as many as it takes.
fn one_article(bytes: usize) -> Story {
    let source = crossread::synth::story(2_000, 7);
    let mut paragraphs = crossread::corpus::Paragraphs::new();
    let mut len = 0;
    'fill: loop {
        for a in &source.articles {
            for p in &a.paragraphs {
                if len >= bytes {
                    break 'fill;
                }
                len += p.len();
                paragraphs.push(p);
            }
        }
    }
    Story {
        id: "one".into(),
        title: "one article".into(),
        articles: vec![Article {
            id: "one".into(),
            paragraphs,
            ..Article::default()
        }],
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--one-article") {
        for mb in &args[1..] {
            let mb: f64 = mb.parse().expect("MB as a number");
            let story = one_article((mb * 1e6) as usize);
            let text = story.text_len();
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            let t = std::time::Instant::now();
            let an = one_core(|| crossread::analysis::analyze(&story));
            let secs = t.elapsed().as_secs_f64();
            let peak = PEAK.load(Ordering::Relaxed) - base;
            println!(
                "one article {:.1} MB ({} paragraphs): {} quotes, {} speakers in {:.3} s = {:.1} MB/s; \
                 analysis peak heap {:.2}x the text",
                text as f64 / 1e6,
                story.articles[0].paragraphs.len(),
                an.quotes.len(),
                an.speakers.len(),
                secs,
                text as f64 / 1e6 / secs,
                peak as f64 / text as f64
            );
        }
        return;
    }
    let n = args.first().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let story = crossread::synth::story(n, 7);
    // REPEAT=N analyses the same corpus N times (a profile then shows the
    // engine, not the generator); the figure is the mean.
    let repeat: u32 = std::env::var("REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1)
        .max(1);
    let t = std::time::Instant::now();
    let mut an = one_core(|| crossread::analysis::analyze(&story));
    for _ in 1..repeat {
        an = one_core(|| crossread::analysis::analyze(&story));
    }
    let secs = t.elapsed().as_secs_f64() / f64::from(repeat);
    eprintln!(
        "{} quotes, {} speakers, {} groups; {:.1} MB in {:.3} s = {:.1} MB/s on one core",
        an.quotes.len(),
        an.speakers.len(),
        an.groups.len(),
        story.text_len() as f64 / 1e6,
        secs,
        story.text_len() as f64 / 1e6 / secs
    );
}
