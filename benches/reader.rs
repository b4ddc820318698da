//! Reader benchmarks on ratatui's TestBackend.
//!
//! cargo bench --bench reader
//!
//! Targets: the first frame on the bundled story well under 20 ms (load,
//! analyse, wrap, draw); handling a key and drawing a 200x50 frame under 2 ms.

use std::hint::black_box;

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

criterion_group!(benches, reader);
criterion_main!(benches);
