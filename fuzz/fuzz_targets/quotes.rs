//! Any paragraphs through the quote engine: offsets valid, text consistent.
#![no_main]
use crossread::corpus::{Article, Story};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let paragraphs: Vec<String> = text.split('\n').map(String::from).collect();
    let story = Story {
        id: "f".into(),
        title: "f".into(),
        articles: vec![
            Article { id: "a".into(), paragraphs: paragraphs.clone(), ..Article::default() },
            Article { id: "b".into(), paragraphs: paragraphs.iter().rev().cloned().collect(), ..Article::default() },
        ],
    };
    let an = crossread::analysis::analyze(&story);
    for q in &an.quotes {
        let p = &story.articles[q.article].paragraphs[q.paragraph];
        let n = p.chars().count();
        assert!(q.start < q.end && q.end <= n, "{q:?} in {n} chars");
        let inside: String = p.chars().skip(q.start).take(q.end - q.start).collect();
        assert!(inside.contains(q.text.as_str()), "{q:?}");
        if let Some(s) = q.speaker {
            assert!(an.speakers[s].quotes.contains(&q.id));
        }
    }
    for g in &an.groups {
        assert!(g.quotes.len() >= 2 && (0.0..=1.0).contains(&g.similarity));
    }
});
