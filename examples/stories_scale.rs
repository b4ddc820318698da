//! Story clustering at scale on the synthetic corpus: generates N articles
//! with story structure, clusters them, and prints the text size, the time
//! and the pairwise F1 against the generator's events. Used by
//! `scripts/measure-stories.sh` (which adds peak memory via /usr/bin/time).
//!
//! cargo run --release --example stories_scale -- 100000 [--generate-only]

use std::collections::HashMap;
use std::time::Instant;

use crossread::stories::{Options, cluster_timed};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let (story, labels) = crossread::synth::stories(n, 42);
    let text: usize = story.articles.iter().map(|a| a.text_len()).sum();
    if std::env::args().nth(2).as_deref() == Some("--generate-only") {
        // For subtracting generation from whole-process CPU time.
        println!("articles={n} text_mb={:.1}", text as f64 / 1e6);
        return;
    }
    let start = Instant::now();
    let (clusters, stages) = cluster_timed(&story.articles, &Options::default());
    let secs = start.elapsed().as_secs_f64();
    let stages: Vec<String> = stages
        .iter()
        .map(|(name, d)| format!("{name} {:.2}", d.as_secs_f64()))
        .collect();
    eprintln!("stages (s): {}", stages.join(", "));

    // Pairwise precision and recall against the generator's events.
    let pairs = |sizes: &mut dyn Iterator<Item = usize>| -> u64 {
        sizes.map(|s| (s * (s - 1) / 2) as u64).sum()
    };
    let mut by_event: HashMap<u32, usize> = HashMap::new();
    for &l in &labels {
        *by_event.entry(l).or_default() += 1;
    }
    let mut both: HashMap<(u32, usize), usize> = HashMap::new();
    for (k, c) in clusters.iter().enumerate() {
        for &a in &c.articles {
            *both.entry((labels[a], k)).or_default() += 1;
        }
    }
    let tp = pairs(&mut both.values().copied());
    let ps = pairs(&mut clusters.iter().map(|c| c.articles.len()));
    let gs = pairs(&mut by_event.values().copied());
    let p = tp as f64 / ps.max(1) as f64;
    let r = tp as f64 / gs.max(1) as f64;
    println!(
        "articles={n} text_mb={:.1} cluster_s={secs:.2} stories={} pairwise P={p:.3} R={r:.3} F1={:.3}",
        text as f64 / 1e6,
        clusters.len(),
        2.0 * p * r / (p + r).max(f64::MIN_POSITIVE)
    );
}
