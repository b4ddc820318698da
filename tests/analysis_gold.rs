//! The bundled story against `quotes.gold.json`: every quote with its
//! speaker, none of the quoted terms, the people named, the shared speakers
//! and the required cross-source groups.

use std::collections::BTreeSet;
use std::path::Path;

use crossread::analysis::{Analysis, analyze};
use crossread::corpus::{Story, load_bundled};
use serde_json::Value;

fn gold() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quotes.gold.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn setup() -> (Story, Analysis, Value) {
    let story = load_bundled();
    let an = analyze(&story);
    (story, an, gold())
}

fn article_index(story: &Story, file: &str) -> usize {
    let stem = file.trim_end_matches(".txt");
    story.articles.iter().position(|a| a.id == stem).unwrap()
}

#[test]
fn every_gold_quote_with_its_speaker_and_nothing_else() {
    let (story, an, gold) = setup();
    let mut expected = Vec::new();
    for (file, art) in gold["articles"].as_object().unwrap() {
        let ai = article_index(&story, file);
        for q in art["quotes"].as_array().unwrap() {
            expected.push((
                ai,
                q["text"].as_str().unwrap().to_string(),
                q["speaker"].as_str().map(String::from),
            ));
        }
    }
    let found: Vec<_> = an
        .quotes
        .iter()
        .map(|q| {
            (
                q.article,
                q.text.clone(),
                an.speaker_name(q).map(String::from),
            )
        })
        .collect();
    let e: BTreeSet<_> = expected.iter().cloned().collect();
    let f: BTreeSet<_> = found.iter().cloned().collect();
    let missing: Vec<_> = e.difference(&f).collect();
    let extra: Vec<_> = f.difference(&e).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nextra: {extra:#?}"
    );
    assert_eq!(an.quotes.len(), 17);
}

#[test]
fn anonymous_quotes_keep_their_descriptor() {
    let (story, an, gold) = setup();
    for (file, art) in gold["articles"].as_object().unwrap() {
        let ai = article_index(&story, file);
        for q in art["quotes"].as_array().unwrap() {
            let Some(want) = q["descriptor"].as_str() else {
                continue;
            };
            let got = an
                .quotes
                .iter()
                .find(|x| x.article == ai && x.text == q["text"].as_str().unwrap())
                .and_then(|x| x.descriptor.clone())
                .unwrap_or_default();
            assert_eq!(got, want, "{}", q["text"]);
        }
    }
}

#[test]
fn quoted_terms_are_not_speech() {
    let (story, an, gold) = setup();
    for (file, art) in gold["articles"].as_object().unwrap() {
        let ai = article_index(&story, file);
        for t in art["not_quotes"].as_array().unwrap() {
            let t = t.as_str().unwrap();
            assert!(
                an.terms
                    .iter()
                    .any(|x| x.article == ai && x.text.trim_end_matches(',') == t),
                "{file}: {t} not found as a term: {:?}",
                an.terms
            );
            assert!(
                !an.quotes
                    .iter()
                    .any(|q| q.article == ai && q.text.contains(t) && q.text.len() < t.len() + 3)
            );
        }
    }
}

#[test]
fn people_named_in_each_article() {
    let (story, an, gold) = setup();
    for (file, art) in gold["articles"].as_object().unwrap() {
        let ai = article_index(&story, file);
        let want: BTreeSet<&str> = art["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let got: BTreeSet<&str> = an.people[ai].iter().map(String::as_str).collect();
        assert_eq!(got, want, "{file}");
    }
}

#[test]
fn three_shared_speakers() {
    let (story, an, gold) = setup();
    let shared: BTreeSet<(String, Vec<String>)> = an
        .speakers
        .iter()
        .filter(|s| s.is_shared())
        .map(|s| {
            (
                s.name.clone(),
                s.articles
                    .iter()
                    .map(|&a| format!("{}.txt", story.articles[a].id))
                    .collect(),
            )
        })
        .collect();
    let want: BTreeSet<(String, Vec<String>)> = gold["shared_speakers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(shared, want);
}

#[test]
fn paraphrases_across_sources_are_grouped() {
    let (_, an, gold) = setup();
    for pair in gold["paraphrased_across_sources"].as_array().unwrap() {
        let texts: Vec<&str> = pair["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let groups: Vec<Option<usize>> = texts
            .iter()
            .map(|t| {
                an.quotes
                    .iter()
                    .find(|q| q.text == *t)
                    .and_then(|q| q.group)
            })
            .collect();
        assert!(
            groups[0].is_some() && groups[0] == groups[1],
            "{texts:?} not grouped: {groups:?}"
        );
        let g = &an.groups[groups[0].unwrap()];
        assert!(g.similarity > 0.0 && g.similarity <= 1.0);
        // The unnamed user vs Heather Roberts: named in one source only,
        // which is not "attributed differently" (that needs two names).
        assert_eq!(g.named_in_one_only, pair["speaker"].is_null(), "{texts:?}");
        assert!(!g.attributions_differ, "{texts:?}");
    }
}

#[test]
fn roles_are_kept_apart_from_names() {
    let (_, an, _) = setup();
    let ivy = an.speakers.iter().find(|s| s.name == "Ivy Yang").unwrap();
    assert!(
        ivy.roles.iter().any(|r| r == "technology analyst"),
        "{:?}",
        ivy.roles
    );
    assert!(
        ivy.roles
            .iter()
            .any(|r| r == "founder of the consulting firm Wavelet Strategy"),
        "{:?}",
        ivy.roles
    );
}
