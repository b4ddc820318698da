//! Reader benchmarks on ratatui's TestBackend.
//!
//! cargo bench --bench reader
//!
//! Targets: the first frame on the bundled story well under 20 ms (load,
//! analyse, wrap, draw); handling a key and drawing a 200x50 frame under 2 ms;
//! a keystroke in the story list's filter of 10k and 50k stories, and its
//! frame, under 50 ms at worst (printed: `story list filter`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossread::corpus::load_bundled;
use crossread::session::Session;
use crossread::tui::document::Document;
use crossread::tui::harness::Harness;
use ratatui::crossterm::event::KeyCode;

fn reader(c: &mut Criterion) {
    c.bench_function("reader/first_frame_bundled_120x40", |b| {
        b.iter(|| {
            let mut h = Harness::bundled(120, 40);
            black_box(h.render());
        })
    });
    // The first frame's parts: load and analyse (the document), then lay
    // out, wrap and draw (a width change rewraps every visible column).
    c.bench_function("reader/document_bundled", |b| {
        b.iter(|| black_box(Document::new(Session::from_story(load_bundled()))))
    });
    let mut w = Harness::bundled(120, 40);
    w.render();
    c.bench_function("reader/rewrap_and_draw_120x40", |b| {
        b.iter(|| {
            w.resize(121, 40);
            black_box(w.render());
            w.resize(120, 40);
            black_box(w.render());
        })
    });
    let mut h = Harness::bundled(200, 50);
    h.render();
    c.bench_function("reader/key_j_and_draw_200x50", |b| {
        b.iter(|| {
            // Down then up, so every iteration scrolls and redraws.
            h.key(KeyCode::Char('j'));
            black_box(h.render());
            h.key(KeyCode::Char('k'));
            black_box(h.render());
        })
    });
    let mut f = Harness::bundled(200, 50);
    f.render();
    c.bench_function("reader/filter_keystroke_and_draw_200x50", |b| {
        b.iter(|| {
            f.keys("/foth");
            black_box(f.render());
            f.key(KeyCode::Esc);
        })
    });
}

/// The story list's filter over an input of 10k and 50k single-article
/// stories (the synthetic corpus groups that way): the anchor queries typed
/// and erased one key at a time, each key and its 200x50 frame timed.
/// Printed, not criterion-timed (the list is built once, seconds at 50k).
fn story_list_filter(c: &mut Criterion) {
    for articles in [10_000, 50_000] {
        let mut h = Harness::input_uncounted(crossread::synth::story(articles, 42), 200, 50);
        h.render();
        let mut times: Vec<Duration> = Vec::new();
        for query in [
            "tiktok",
            "sarah foth",
            "trump",
            "refugee ban court",
            "rednot",
        ] {
            h.key(KeyCode::Char('/'));
            let keys = query.chars().map(KeyCode::Char);
            for key in keys.chain(std::iter::repeat_n(KeyCode::Backspace, query.len())) {
                let start = Instant::now();
                h.key(key);
                black_box(h.render());
                times.push(start.elapsed());
            }
            h.key(KeyCode::Esc);
        }
        times.sort_unstable();
        eprintln!(
            "story list filter, {articles} stories: {} keystrokes, median {:?}, worst {:?}",
            times.len(),
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
    let _ = c;
}

criterion_group!(benches, reader, story_list_filter);
criterion_main!(benches);
