//! Property tests: the index, the one-shot scan and the slow reference
//! definition agree on random corpora and queries; highlights lie on char
//! boundaries inside their passage; nothing panics on arbitrary queries.

use std::sync::Arc;

use crossread::search::matcher::Passage;
use crossread::search::{
    Query, SearchIndex, Searcher, Sketch, highlights, match_passage, scan, scan_lines,
};
use proptest::prelude::*;

/// Words from a small alphabet so random queries often hit, with case,
/// diacritics, CJK and emoji mixed in.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-eA-E]{1,7}",
        1 => Just("Sánchez".to_string()),
        1 => Just("émile".to_string()),
        1 => Just("小红书".to_string()),
        1 => Just("👩‍👧".to_string()),
        1 => Just("e\u{301}b".to_string()),
        // Fold to ASCII (the Kelvin sign to k) or sit inside a word (²):
        // the byte prefilter must not reject on them.
        1 => Just("\u{212a}abe".to_string()),
        1 => Just("a²bc".to_string()),
    ]
}

fn passage() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            word(),
            prop_oneof![
                Just(" "),
                Just(", "),
                Just(". "),
                Just("-"),
                Just("” "),
                Just(" — ")
            ],
        ),
        // Up to about 300 bytes: several of the matcher's 64-byte chunks.
        0..30,
    )
    .prop_map(|ws| ws.into_iter().map(|(w, s)| w + s).collect::<String>())
}

fn query() -> impl Strategy<Value = String> {
    let term = prop_oneof![
        4 => "[a-eA-E]{1,7}",
        1 => "'[a-e]{1,4}",
        1 => "\\^[a-e]{1,3}",
        1 => "[a-e]{1,3}\\$",
        1 => "![a-e]{1,3}",
        1 => Just("sanchez".to_string()),
        1 => Just("Émile".to_string()),
        1 => Just("红书".to_string()),
        1 => Just("|".to_string()),
    ];
    prop::collection::vec(term, 1..4).prop_map(|t| t.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn index_scan_and_brute_force_agree(texts in prop::collection::vec(passage(), 1..40), queries in prop::collection::vec(query(), 1..5)) {
        let idx = Arc::new(SearchIndex::build(&texts));
        let mut searcher = Searcher::new(idx.clone());
        let mut unranked = Searcher::unranked(idx);
        let mut remembering = Sketch::build(&texts);
        for q in &queries {
            let q = Query::parse(q);
            let brute: Vec<(u32, i64)> = texts
                .iter()
                .enumerate()
                .filter_map(|(i, t)| match_passage(t, &q).map(|s| (i as u32, s)))
                .collect();
            let via_index: Vec<(u32, i64)> = searcher.search(&q, &texts).iter().map(|h| (h.passage, h.score)).collect();
            let mut via_scan: Vec<(u32, i64)> = scan(&q, &texts).iter().map(|h| (h.passage, h.score)).collect();
            via_scan.sort_unstable();
            prop_assert_eq!(&via_index, &brute, "index, query {:?}", q);
            let ids: Vec<u32> = unranked.search(&q, &texts).iter().map(|h| h.passage).collect();
            let want: Vec<u32> = brute.iter().map(|h| h.0).collect();
            prop_assert_eq!(ids, want, "unranked index, query {:?}", q);
            prop_assert_eq!(&via_scan, &brute, "scan, query {:?}", q);
            let sketched = Sketch::build(&texts).scan(&q, &texts, &|| false);
            let want: Vec<u32> = brute.iter().map(|h| h.0).collect();
            prop_assert_eq!(sketched, Some(want.clone()), "sketch scan, query {:?}", q);
            let remembered = remembering.scan_remembering(&q, &texts, &|| false);
            prop_assert_eq!(remembered, Some(want), "remembering sketch scan, query {:?}", q);
        }
    }

    #[test]
    fn typing_one_char_at_a_time_agrees(texts in prop::collection::vec(passage(), 1..30), typed in "[a-e |!]{1,12}") {
        let idx = Arc::new(SearchIndex::build(&texts));
        let mut searcher = Searcher::unranked(idx);
        let sketch = Sketch::build(&texts);
        // Typed, then erased a character at a time: the remembering scan
        // sees groups added, changed and dropped.
        let mut remembering = sketch.clone();
        let ends = (1..=typed.len()).chain((1..typed.len()).rev());
        for end in ends {
            let q = Query::parse(&typed[..end]);
            let brute: Vec<u32> = texts.iter().enumerate().filter(|(_, t)| match_passage(t, &q).is_some()).map(|(i, _)| i as u32).collect();
            let got: Vec<u32> = searcher.search(&q, &texts).iter().map(|h| h.passage).collect();
            prop_assert_eq!(got, brute.clone(), "prefix {:?}", &typed[..end]);
            prop_assert_eq!(sketch.scan(&q, &texts, &|| false), Some(brute.clone()), "sketch, prefix {:?}", &typed[..end]);
            prop_assert_eq!(remembering.scan_remembering(&q, &texts, &|| false), Some(brute), "remembering sketch, prefix {:?}", &typed[..end]);
        }
    }

    /// The reader's state while the sketch is built: some passages known
    /// plain or not, some of those sketched, the rest read by the matcher.
    #[test]
    fn a_sketch_in_pieces_scans_as_brute_force(texts in prop::collection::vec(passage(), 1..40), pieces in prop::collection::vec(0usize..6, 0..4), queries in prop::collection::vec(query(), 1..4)) {
        let mut sketch = Sketch::default();
        for count in pieces {
            sketch.extend(&texts, count);
        }
        for q in &queries {
            let q = Query::parse(q);
            let brute: Vec<u32> = texts.iter().enumerate().filter(|(_, t)| match_passage(t, &q).is_some()).map(|(i, _)| i as u32).collect();
            prop_assert_eq!(sketch.scan(&q, &texts, &|| false), Some(brute.clone()), "query {:?}", q);
            prop_assert_eq!(sketch.clone().scan_remembering(&q, &texts, &|| false), Some(brute), "remembering, query {:?}", q);
        }
    }

    #[test]
    fn fast_term_scores_equal_the_reference(text in passage(), q in query()) {
        for term in Query::parse(&q).terms() {
            let fast = Passage::new(&text).term_score(term);
            let slow = Passage::new(&text).term_score_reference(term);
            prop_assert_eq!(fast, slow, "term {:?} in {:?}", term, text);
        }
    }

    #[test]
    fn line_scan_equals_scanning_the_whole_decoded_input(
        lines in prop::collection::vec((passage(), prop_oneof![Just(&b"\n"[..]), Just(&b"\r\n"[..]), Just(&b"\xe2\x82\n"[..]), Just(&b"\x1b[1m\n"[..])]), 0..30),
        q in query(),
    ) {
        let input: Vec<u8> = lines.iter().flat_map(|(l, end)| l.bytes().chain(end.iter().copied())).collect();
        let q = Query::parse(&q);
        let text = String::from_utf8_lossy(&input);
        let clean: Vec<String> = text.lines().map(|l| crossread::corpus::sanitize_cow(l).0.into_owned()).collect();
        let want: Vec<(usize, i64, String)> = scan(&q, &clean).iter().map(|h| (h.passage as usize, h.score, clean[h.passage as usize].clone())).collect();
        let got: Vec<(usize, i64, String)> = scan_lines(&input[..], &q).expect("in memory").hits.into_iter().map(|h| (h.line, h.score, h.text)).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn highlights_are_char_ranges_inside_the_passage(text in passage(), q in query()) {
        let n = text.chars().count();
        let ranges = highlights(&text, &Query::parse(&q));
        let mut last_end = 0;
        for r in &ranges {
            prop_assert!(r.start < r.end && r.end <= n, "{:?} of {}", r, n);
            prop_assert!(r.start >= last_end, "overlapping or unsorted: {:?}", ranges);
            last_end = r.end;
        }
    }

    #[test]
    fn arbitrary_queries_never_panic(text in "\\PC{0,80}", q in "\\PC{0,30}") {
        let query = Query::parse(&q);
        let _ = match_passage(&text, &query);
        let _ = highlights(&text, &query);
        let idx = Arc::new(SearchIndex::build(&[text.as_str()]));
        let _ = Searcher::new(idx).search(&query, &[text.as_str()]);
        let _ = Sketch::build(&[text.as_str()]).scan(&query, &[text.as_str()], &|| false);
    }
}

#[test]
fn matched_characters_are_exactly_highlighted() {
    let text = "Sarah Fotheringham said “hi”";
    let q = Query::parse("foth");
    let chars: Vec<char> = text.chars().collect();
    let hl: String = highlights(text, &q)
        .into_iter()
        .flat_map(|r| chars[r].to_vec())
        .collect();
    assert_eq!(hl, "Foth");
    let q = Query::parse("'said");
    let hl: String = highlights(text, &q)
        .into_iter()
        .flat_map(|r| chars[r].to_vec())
        .collect();
    assert_eq!(hl, "said");
}

#[test]
fn synthetic_corpus_matches_what_a_reader_means() {
    let story = crossread::synth::story(200, 3);
    let texts: Vec<&str> = story
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter())
        .collect();
    let count = |q: &str| scan(&Query::parse(q), &texts).len();
    assert_eq!(count("trump"), 0, "a word that is nowhere matches nothing");
    let tiktok = count("tiktok");
    assert!(
        tiktok > 0 && tiktok * 2 < texts.len(),
        "{tiktok} of {}",
        texts.len()
    );
    assert!(count("sarah foth") < texts.len() / 10);
}

/// Inputs cargo fuzz found where the index and the reference disagreed.
#[test]
fn fuzz_regressions_index_agrees_with_reference() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("query-")
        {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&data);
        let (query, passage) = text.split_once('\n').unwrap();
        let q = Query::parse(query);
        let brute = match_passage(passage, &q);
        let texts = [passage];
        let hits = Searcher::new(Arc::new(SearchIndex::build(&texts))).search(&q, &texts);
        assert_eq!(
            hits.first().map(|h| h.score),
            brute,
            "{}: query {query:?} passage {passage:?}",
            path.display()
        );
    }
}
