//! Assembly: candidate articles into the story. Sanitises every field,
//! drops articles with no text and duplicates (same words), makes ids
//! unique and chooses labels; names the story.
//!
//! Owns: what an article looks like after loading. Imports only `corpus`
//! siblings; nothing else of the project.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

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

/// Sanitises, validates and de-duplicates candidates into the story.
pub(super) fn assemble(candidates: Vec<Candidate>) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut articles = Vec::new();
    let mut diagnostics = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut by_text: HashMap<String, String> = HashMap::new();
    let mut number = 0usize;
    for c in candidates {
        let mut report = c.pre_sanitized.unwrap_or_default();
        let raw = c.raw;
        let mut paragraphs = Vec::new();
        for p in raw.paragraphs.unwrap_or_default() {
            let (clean, r) = sanitize(&p);
            report.add(&r);
            paragraphs.extend(split_text_field(&clean));
        }
        if let Some(t) = raw.text {
            let (clean, r) = sanitize(&t);
            report.add(&r);
            paragraphs.extend(split_text_field(&clean));
        }
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
        let key = paragraphs
            .iter()
            .flat_map(|p| p.split_whitespace())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(first) = by_text.get(&key) {
            diagnostics.push(diag(format!(
                "article '{shown_id}' duplicates article '{first}' (same text); skipped"
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
        ids.insert(id.clone());
        by_text.insert(key, id.clone());
        number += 1;
        let source = sanitize_field(raw.source, &mut report);
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
            url: sanitize_field(raw.url, &mut report),
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

    #[test]
    fn slug_is_ascii_dashes() {
        assert_eq!(slug("My Story: Part 2"), "my-story-part-2");
        assert_eq!(slug("!!!"), "story");
    }
}
