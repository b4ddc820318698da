//! Runs the quote engine over a synthetic corpus on one thread, for profiling.
//! cargo run --release --example profile_analysis -- [ARTICLES]
fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let story = crossread::synth::story(n, 7);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let t = std::time::Instant::now();
    let an = pool.install(|| crossread::analysis::analyze(&story));
    let secs = t.elapsed().as_secs_f64();
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
