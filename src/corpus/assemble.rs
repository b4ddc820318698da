//! Assembly: candidate articles into the story. Sanitises every field,
//! drops articles with no text and repeats of the same article (same words
//! from the same source or URL), keeps the same text from another source
//! (syndication: a note, and the stories engine puts them in one story),
//! makes ids unique and chooses labels; names the story.
//!
//! Owns: what an article looks like after loading. Imports only `corpus`
//! siblings; nothing else of the project.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::path::PathBuf;

use rayon::prelude::*;

use super::diagnostic::{Diagnostic, Severity};
use super::format::Candidate;
use super::model::Article;
use super::sanitize::{SanitizeReport, sanitize};

fn sanitize_field(field: Option<String>, report: &mut SanitizeReport) -> Option<String> {
    let (clean, r) = sanitize(&field?);
    report.add(&r);
    // Metadata fields are single-line: line breaks become spaces.
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    (!clean.is_empty()).then_some(clean)
}

/// Splits a `text` field into paragraphs on blank lines.
fn split_text_field(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines
        .split(|l| l.is_empty())
        .filter(|b| !b.is_empty())
        .map(|b| b.join(" "))
        .collect()
}

/// The words of an article's text, in order: two articles are duplicates
/// when these are equal (whitespace does not count).
fn text_words(paragraphs: &[String]) -> impl Iterator<Item = &str> {
    paragraphs.iter().flat_map(|p| p.split_whitespace())
}

/// Hash of [`text_words`], for finding duplicates without keeping a
/// normalised copy of every text.
fn text_hash(paragraphs: &[String], state: &RandomState) -> u64 {
    let mut h = state.build_hasher();
    for w in text_words(paragraphs) {
        h.write(w.as_bytes());
        h.write_u8(0xff); // never in UTF-8: words stay apart
    }
    h.finish()
}

/// Who an article comes from, for telling a repeat of the same article
/// (dropped) from the same text published by another source (kept).
struct SourceKey {
    /// The `source` field, else the URL's host, else the input it came from.
    publisher: String,
    url: Option<String>,
}

impl SourceKey {
    fn of(source: Option<&str>, url: Option<&str>, origin: &str) -> Self {
        let host = url.and_then(|u| {
            let rest = u.split_once("://").map_or(u, |(_, r)| r);
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.strip_prefix("www.").unwrap_or(host);
            (!host.is_empty()).then(|| host.to_lowercase())
        });
        let publisher = match (source.map(str::trim).filter(|s| !s.is_empty()), host) {
            (Some(s), _) => format!("s:{}", s.to_lowercase()),
            (None, Some(h)) => format!("h:{h}"),
            (None, None) => format!("o:{origin}"),
        };
        Self {
            publisher,
            url: url.map(str::to_string),
        }
    }

    /// Same URL, or same publisher: the same article read twice.
    fn same_article(&self, other: &Self) -> bool {
        self.publisher == other.publisher || self.url.is_some() && self.url == other.url
    }
}

/// A candidate's text, sanitised and split into paragraphs (the per-article
/// work, done in parallel).
struct Prepared {
    candidate: Candidate,
    paragraphs: Vec<String>,
    report: SanitizeReport,
    hash: u64,
}

fn prepare(mut c: Candidate, state: &RandomState) -> Prepared {
    let mut report = c.pre_sanitized.unwrap_or_default();
    let mut paragraphs = Vec::new();
    for p in c.raw.paragraphs.take().unwrap_or_default() {
        let (clean, r) = sanitize(&p);
        report.add(&r);
        paragraphs.extend(split_text_field(&clean));
    }
    if let Some(t) = c.raw.text.take() {
        let (clean, r) = sanitize(&t);
        report.add(&r);
        paragraphs.extend(split_text_field(&clean));
    }
    let hash = text_hash(&paragraphs, state);
    Prepared {
        candidate: c,
        paragraphs,
        report,
        hash,
    }
}

/// Sanitises, validates and de-duplicates candidates into the story.
pub(super) fn assemble(candidates: Vec<Candidate>) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut articles: Vec<Article> = Vec::new();
    let mut diagnostics = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    // Text hash -> indices in `articles` (equal hashes are compared word by word).
    let mut by_text: HashMap<u64, Vec<usize>> = HashMap::new();
    // Who published each kept article, to tell a repeat from syndication.
    let mut keys: Vec<SourceKey> = Vec::new();
    let mut number = 0usize;
    let state = RandomState::new();
    let prepared: Vec<Prepared> = candidates
        .into_par_iter()
        .map(|c| prepare(c, &state))
        .collect();
    for Prepared {
        candidate: c,
        paragraphs,
        mut report,
        hash,
    } in prepared
    {
        let raw = c.raw;
        let diag = |msg: String| {
            let d = Diagnostic::error(&c.origin, msg);
            match c.line {
                Some(l) => d.at(l, None),
                None => d,
            }
        };
        let id_given = sanitize_field(raw.id, &mut report);
        let shown_id = id_given.clone().unwrap_or_else(|| c.default_id.clone());
        if paragraphs.is_empty() {
            diagnostics.push(diag(format!(
                "article '{shown_id}' has no text (no non-empty `paragraphs` or `text`)"
            )));
            continue;
        }
        let same: Vec<usize> = by_text.get(&hash).map_or_else(Vec::new, |found| {
            found
                .iter()
                .copied()
                .filter(|&a| text_words(&articles[a].paragraphs).eq(text_words(&paragraphs)))
                .collect()
        });
        let source = sanitize_field(raw.source, &mut report);
        let url = sanitize_field(raw.url, &mut report);
        let key = SourceKey::of(source.as_deref(), url.as_deref(), &c.origin);
        if let Some(&first) = same.iter().find(|&&a| key.same_article(&keys[a])) {
            diagnostics.push(diag(format!(
                "article '{shown_id}' duplicates article '{}' (same text); skipped",
                articles[first].id
            )));
            continue;
        }
        let mut id = sanitize(&shown_id).0;
        if ids.contains(&id) {
            let mut n = 2;
            while ids.contains(&format!("{id}-{n}")) {
                n += 1;
            }
            let mut d = diag(format!(
                "article id '{id}' is already used; renamed to '{id}-{n}'"
            ));
            d.severity = Severity::Warning;
            diagnostics.push(d);
            id = format!("{id}-{n}");
        }
        if let Some(&first) = same.first() {
            // Syndication: the same text from another source is kept (it
            // is part of the story); one note, nothing skipped.
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                ..diag(format!(
                    "article '{id}' has the same text as article '{}' from another source; kept",
                    articles[first].id
                ))
            });
        }
        ids.insert(id.clone());
        by_text.entry(hash).or_default().push(articles.len());
        keys.push(key);
        number += 1;
        let label = sanitize_field(raw.label, &mut report)
            .or_else(|| source.clone())
            .unwrap_or_else(|| {
                if id.chars().count() <= 24 {
                    id.clone()
                } else {
                    format!("Article {number}")
                }
            });
        articles.push(Article {
            id,
            label,
            source,
            title: sanitize_field(raw.title, &mut report),
            date: sanitize_field(raw.date, &mut report),
            url,
            byline: sanitize_field(raw.byline, &mut report),
            paragraphs,
            origin: c.origin.clone(),
            sanitized: report,
            format: c.format,
        });
    }
    (articles, diagnostics)
}

/// The story's (id, title): the story document's if exactly one input was
/// one; a folder's name when the only path is a folder; else from the
/// articles.
pub(super) fn story_name(
    stories: &[(String, String)],
    paths: &[PathBuf],
    articles: &[Article],
) -> (String, String) {
    match (stories, paths) {
        ([only], _) => only.clone(),
        (_, [single]) if single.is_dir() => {
            let name = single
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| single.display().to_string());
            (slug(&name), sanitize(&name).0)
        }
        _ => match articles {
            [one] => (
                one.id.clone(),
                one.title.clone().unwrap_or(one.label.clone()),
            ),
            many => ("story".into(), format!("{} articles", many.len())),
        },
    }
}

/// A lowercase ASCII identifier from a name.
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "story".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_jsonl(lines: &[&str]) -> (Vec<String>, Vec<String>) {
        let out = crate::corpus::load_bytes("t.jsonl", lines.join("\n").as_bytes());
        let ids = out.story.articles.iter().map(|a| a.id.clone()).collect();
        let diags = out.diagnostics.iter().map(|d| d.to_string()).collect();
        (ids, diags)
    }

    #[test]
    fn duplicates_are_the_same_words_whatever_the_spacing() {
        let (ids, diags) = load_jsonl(&[
            r#"{"id":"a","text":"The mayor  spoke.\n\nThen left."}"#,
            r#"{"id":"b","paragraphs":["The mayor spoke.", " Then\tleft. "]}"#,
            r#"{"id":"c","text":"The may orspoke. Then left."}"#,
            r#"{"id":"d","text":"Themayor spoke. Then left."}"#,
        ]);
        assert_eq!(ids, ["a", "c", "d"]);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].contains("'b' duplicates article 'a'"), "{diags:?}");
    }

    #[test]
    fn parallel_jsonl_keeps_file_order_and_lines() {
        let mut lines: Vec<String> = (0..300)
            .map(|i| format!(r#"{{"id":"n{i}","text":"Story number {i} here."}}"#))
            .collect();
        lines[7] = "[1]".into();
        lines[200] = "{broken".into();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (ids, diags) = load_jsonl(&refs);
        let want: Vec<String> = (0..300)
            .filter(|&i| i != 7 && i != 200)
            .map(|i| format!("n{i}"))
            .collect();
        assert_eq!(ids, want);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags[0].starts_with("t.jsonl:8:"), "{diags:?}");
        assert!(diags[1].starts_with("t.jsonl:201:"), "{diags:?}");
    }

    #[test]
    fn slug_is_ascii_dashes() {
        assert_eq!(slug("My Story: Part 2"), "my-story-part-2");
        assert_eq!(slug("!!!"), "story");
    }
}
