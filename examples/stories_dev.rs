//! Development driver for story clustering: clusters a folder and prints
//! `{"stories": [{"articles": [ids]}]}` for the dev-set scorer. Options can
//! be overridden from the environment (STORIES_THRESHOLD, ...) to check
//! that results are stable across a range of settings.
//!
//! cargo run --release --example stories_dev -- FOLDER > out.json

use std::path::PathBuf;

use crossread::corpus::{LoadOptions, load_paths};
use crossread::stories::{Options, cluster};

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let outcome = load_paths(&paths, &LoadOptions::default());
    for d in &outcome.diagnostics {
        eprintln!("{d}");
    }
    let d = Options::default();
    let opts = Options {
        threshold: env("STORIES_THRESHOLD", d.threshold),
        name_boost: env("STORIES_NAME_BOOST", d.name_boost),
        number_boost: env("STORIES_NUMBER_BOOST", d.number_boost),
        title_weight: env("STORIES_TITLE_WEIGHT", d.title_weight),
        boilerplate_articles: env("STORIES_BOILERPLATE", d.boilerplate_articles),
        date_window_days: env("STORIES_DATE_WINDOW", d.date_window_days),
        candidate_max_df: env("STORIES_CANDIDATE_MAX_DF", d.candidate_max_df),
        query_features: env("STORIES_QUERY_FEATURES", d.query_features),
        candidates: env("STORIES_CANDIDATES", d.candidates),
        max_features: env("STORIES_MAX_FEATURES", d.max_features),
    };
    let articles = &outcome.story.articles;
    let clusters = cluster(articles, &opts);
    let stories: Vec<serde_json::Value> = clusters
        .iter()
        .map(|c| {
            serde_json::json!({
                "articles": c.articles.iter().map(|&i| &articles[i].id).collect::<Vec<_>>()
            })
        })
        .collect();
    println!("{}", serde_json::json!({ "stories": stories }));
}
