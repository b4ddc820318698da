//! Our own varied case set (`tests/fixtures/quote_cases.json`): every cue
//! pattern and trap, scored as precision / recall / F1 for quotes and for
//! quotes with the right full speaker. Each case is one article.

use std::path::Path;

use crossread::analysis::analyze;
use crossread::corpus::{Article, Story};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    p: Vec<String>,
    q: Vec<(String, Option<String>)>,
    #[serde(default)]
    t: Vec<String>,
    #[serde(default)]
    people: Option<Vec<String>>,
}

fn cases() -> Vec<Case> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quote_cases.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn story(paragraphs: &[String]) -> Story {
    Story {
        id: "case".into(),
        title: "case".into(),
        articles: vec![Article {
            id: "a".into(),
            label: "A".into(),
            paragraphs: paragraphs.to_vec().into(),
            ..Article::default()
        }],
    }
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    if tp == 0 {
        return 0.0;
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    2.0 * p * r / (p + r)
}

#[test]
fn case_set_is_large_and_varied() {
    assert!(cases().len() >= 60);
}

#[test]
fn quote_and_speaker_f1_on_our_case_set() {
    let (mut qtp, mut qfp, mut qfn) = (0, 0, 0);
    let (mut stp, mut sfp, mut sfn) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in cases() {
        let an = analyze(&story(&case.p));
        let found: Vec<(String, Option<String>)> = an
            .quotes
            .iter()
            .map(|q| (q.text.clone(), an.speaker_name(q).map(String::from)))
            .collect();
        for (text, speaker) in &case.q {
            match found.iter().find(|(t, _)| t == text) {
                Some((_, s)) => {
                    qtp += 1;
                    if s == speaker {
                        stp += 1;
                    } else {
                        sfn += 1;
                        sfp += 1;
                        failures.push(format!("{}: speaker {s:?}, want {speaker:?}", case.name));
                    }
                }
                None => {
                    qfn += 1;
                    sfn += 1;
                    failures.push(format!("{}: missed {text:?}", case.name));
                }
            }
        }
        for (text, _) in &found {
            if !case.q.iter().any(|(t, _)| t == text) {
                qfp += 1;
                sfp += 1;
                failures.push(format!("{}: extra quote {text:?}", case.name));
            }
        }
        for term in &case.t {
            if !an.terms.iter().any(|t| &t.text == term) {
                failures.push(format!(
                    "{}: term {term:?} not found ({:?})",
                    case.name, an.terms
                ));
            }
        }
        if let Some(people) = &case.people
            && &an.people[0] != people
        {
            failures.push(format!(
                "{}: people {:?}, want {people:?}",
                case.name, an.people[0]
            ));
        }
    }
    let quote_f1 = f1(qtp, qfp, qfn);
    let speaker_f1 = f1(stp, sfp, sfn);
    eprintln!("quote F1 {quote_f1:.3} (tp {qtp} fp {qfp} fn {qfn}); speaker F1 {speaker_f1:.3}");
    for f in &failures {
        eprintln!("  {f}");
    }
    assert!(quote_f1 >= 0.95, "quote F1 {quote_f1:.3}");
    assert!(speaker_f1 >= 0.93, "speaker F1 {speaker_f1:.3}");
    assert!(
        failures.len() <= 3,
        "{} failures: {failures:#?}",
        failures.len()
    );
}
