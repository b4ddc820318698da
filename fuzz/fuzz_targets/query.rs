//! Any query against any passage: no panic, highlights inside the passage,
//! and the index agrees with the reference matcher.
#![no_main]
use std::sync::Arc;

use crossread::search::{Query, SearchIndex, Searcher, highlights, match_passage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (query, passage) = text.split_once('\n').unwrap_or((&text, "Sarah Fotheringham joined RedNote"));
    let q = Query::parse(query);
    let brute = match_passage(passage, &q);
    let n = passage.chars().count();
    for r in highlights(passage, &q) {
        assert!(r.start < r.end && r.end <= n);
    }
    let texts = [passage];
    let index = Arc::new(SearchIndex::build(&texts));
    let hits = Searcher::new(index).search(&q, &texts);
    assert_eq!(hits.first().map(|h| h.score), brute, "query {query:?}");
});
