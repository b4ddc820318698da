//! Assembly: candidate articles into the story. Sanitises every field,
//! drops articles with no text and repeats of the same article (same words
//! from the same source or URL), keeps the same text from another source
//! (syndication: a note, and the stories engine puts them in one story),
//! makes ids unique and chooses labels; names the story.
//!
//! Owns: what an article looks like after loading. Imports only `corpus`
//! siblings; nothing else of the project.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;

use super::diagnostic::{Diagnostic, Severity};
use super::format::Candidate;
use super::model::{Article, Paragraphs, has_wide_space, single_spaced};
use super::sanitize::{SanitizeReport, sanitize, sanitize_cow, sanitize_flagged};

fn sanitize_field(field: Option<String>, report: &mut SanitizeReport) -> Option<String> {
    let field = field?;
    let (clean, r) = sanitize_cow(&field);
    report.add(&r);
    // Metadata fields are single-line: line breaks become spaces (runs of
    // white space one space). Most already are: kept as they are.
    let single = |t: &str| {
        !t.starts_with(' ')
            && !t.ends_with(' ')
            && !t.contains("  ")
            && !t.bytes().any(|b| b.wrapping_sub(b'\t') < 5)
            && !has_wide_space(t)
    };
    let clean = match clean {
        Cow::Borrowed(t) if single(t) => field,
        c => c.split_whitespace().collect::<Vec<_>>().join(" "),
    };
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

/// A `paragraphs` entry, sanitised, into paragraphs as [`split_text_field`]
/// splits it. Most are one clean line: kept as they are.
fn add_paragraph(p: &str, paragraphs: &mut Paragraphs, report: &mut SanitizeReport) {
    // Flagged as the sanitiser's pass finds it (trimmed, still so).
    let (clean, r, ascii_typographic) = sanitize_flagged(p);
    report.add(&r);
    match clean {
        Cow::Borrowed(t) if !t.contains('\n') => {
            if t.trim().len() == t.len() {
                if !t.is_empty() {
                    paragraphs.push_flagged(p, ascii_typographic);
                }
            } else if !t.trim().is_empty() {
                paragraphs.push_flagged(t.trim(), ascii_typographic);
            }
        }
        clean => paragraphs.extend(split_text_field(&clean)),
    }
}

/// Calls `f` with each word of `text` as [`str::split_whitespace`] gives
/// them, splitting ASCII text on bytes.
fn for_each_word<'a>(text: &'a str, mut f: impl FnMut(&'a [u8])) {
    if has_wide_space(text) {
        text.split_whitespace().for_each(|w| f(w.as_bytes()));
    } else {
        text.as_bytes()
            .split(|&b| b == b' ' || b.wrapping_sub(b'\t') < 5)
            .filter(|w| !w.is_empty())
            .for_each(f);
    }
}

/// The words of an article's text, in order: two articles are duplicates
/// when these are equal (whitespace does not count).
fn text_words(paragraphs: &Paragraphs) -> impl Iterator<Item = &str> {
    paragraphs.iter().flat_map(|p| p.split_whitespace())
}

/// Hash of [`text_words`] joined by single spaces, for finding duplicates
/// without keeping a normalised copy of every text. Single-spaced
/// paragraphs (most) are hashed whole; the hash is the same however the
/// words are cut into writes. Not collision-resistant: equal hashes are
/// compared word by word.
fn text_hash(paragraphs: &Paragraphs) -> u64 {
    let mut h = StreamHash::default();
    let mut first = true;
    let mut word = |w: &[u8]| {
        if !std::mem::take(&mut first) {
            h.write(b" ");
        }
        h.write(w);
    };
    for p in paragraphs {
        if single_spaced(p) {
            word(p.as_bytes());
        } else {
            for_each_word(p, &mut word);
        }
    }
    h.finish()
}

/// A fast hash of a byte stream, eight bytes at a step (as `FxHasher`
/// mixes), that depends only on the bytes, not on how they were cut into
/// writes (`FxHasher` and most fast hashers do).
#[derive(Default)]
struct StreamHash {
    hash: u64,
    /// Bytes waiting for a whole word of eight, and how many.
    tail: u64,
    tail_len: u32,
    len: u64,
}

impl StreamHash {
    fn mix(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }

    fn write(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        while self.tail_len > 0 && !bytes.is_empty() {
            self.push(bytes[0]);
            bytes = &bytes[1..];
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.mix(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        }
        for &b in words.remainder() {
            self.push(b);
        }
    }

    fn push(&mut self, b: u8) {
        self.tail |= u64::from(b) << (8 * self.tail_len);
        self.tail_len += 1;
        if self.tail_len == 8 {
            let w = std::mem::take(&mut self.tail);
            self.tail_len = 0;
            self.mix(w);
        }
    }

    fn finish(mut self) -> u64 {
        let (tail, len) = (self.tail, self.len);
        self.mix(tail);
        self.mix(len);
        self.hash
    }
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
    paragraphs: Paragraphs,
    report: SanitizeReport,
    hash: u64,
}

fn prepare(mut c: Candidate) -> Prepared {
    let mut report = c.pre_sanitized.unwrap_or_default();
    let raw = c.raw.paragraphs.take().unwrap_or_default();
    let mut paragraphs = Paragraphs::with_capacity(raw.len(), raw.text_len());
    for p in &raw {
        add_paragraph(p, &mut paragraphs, &mut report);
    }
    if let Some(t) = c.raw.text.take() {
        let (clean, r) = sanitize(&t);
        report.add(&r);
        paragraphs.extend(split_text_field(&clean));
    }
    // Kept for the session's life: no room beyond the text.
    paragraphs.shrink_to_fit();
    let hash = text_hash(&paragraphs);
    Prepared {
        candidate: c,
        paragraphs,
        report,
        hash,
    }
}

/// Sanitises, validates and de-duplicates candidates into the story.
pub(super) fn assemble(candidates: Vec<Candidate>) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut asm = Assembler::default();
    asm.push(candidates);
    asm.finish()
}

/// Assembly in steps: candidates pushed batch by batch (in input order)
/// give exactly the articles and diagnostics one [`assemble`] of them all
/// gives, and the articles so far can be read between batches (a
/// streaming load shows them at once).
#[derive(Default)]
pub(super) struct Assembler {
    articles: Vec<Article>,
    diagnostics: Vec<Diagnostic>,
    ids: HashSet<String>,
    /// Text hash -> indices in `articles` (equal hashes are compared word by word).
    by_text: HashMap<u64, Vec<usize>>,
    /// Who published each kept article, to tell a repeat from syndication.
    keys: Vec<SourceKey>,
    number: usize,
}

impl Assembler {
    /// The articles assembled so far, in input order.
    pub(super) fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Every article and diagnostic, in input order.
    pub(super) fn finish(mut self) -> (Vec<Article>, Vec<Diagnostic>) {
        // Grown batch by batch; the list lives as long as the reader.
        self.articles.shrink_to_fit();
        (self.articles, self.diagnostics)
    }

    /// Assembles the next candidates (their text prepared in parallel).
    pub(super) fn push(&mut self, candidates: Vec<Candidate>) {
        let prepared: Vec<Prepared> = candidates.into_par_iter().map(prepare).collect();
        self.articles.reserve(prepared.len());
        for p in prepared {
            self.add(p);
        }
    }

    fn add(&mut self, prepared: Prepared) {
        let Prepared {
            candidate: c,
            paragraphs,
            mut report,
            hash,
        } = prepared;
        let raw = c.raw;
        let diag = |msg: String| {
            let d = Diagnostic::error(&*c.origin, msg);
            match c.line {
                Some(l) => d.at(l, None),
                None => d,
            }
        };
        let id_given = sanitize_field(raw.id, &mut report);
        let shown_id = id_given.clone().unwrap_or_else(|| c.default_id.clone());
        if paragraphs.is_empty() {
            self.diagnostics.push(diag(format!(
                "article '{shown_id}' has no text (no non-empty `paragraphs` or `text`)"
            )));
            return;
        }
        let articles = &self.articles;
        let same: Vec<usize> = self.by_text.get(&hash).map_or_else(Vec::new, |found| {
            found
                .iter()
                .copied()
                .filter(|&a| text_words(&articles[a].paragraphs).eq(text_words(&paragraphs)))
                .collect()
        });
        let source = sanitize_field(raw.source, &mut report);
        let url = sanitize_field(raw.url, &mut report);
        let key = SourceKey::of(source.as_deref(), url.as_deref(), &c.origin);
        if let Some(&first) = same.iter().find(|&&a| key.same_article(&self.keys[a])) {
            self.diagnostics.push(diag(format!(
                "article '{shown_id}' duplicates article '{}' (same text); skipped",
                self.articles[first].id
            )));
            return;
        }
        let mut id = sanitize_cow(&shown_id).0.into_owned();
        if self.ids.contains(&id) {
            let mut n = 2;
            while self.ids.contains(&format!("{id}-{n}")) {
                n += 1;
            }
            let mut d = diag(format!(
                "article id '{id}' is already used; renamed to '{id}-{n}'"
            ));
            d.severity = Severity::Warning;
            self.diagnostics.push(d);
            id = format!("{id}-{n}");
        }
        if let Some(&first) = same.first() {
            // Syndication: the same text from another source is kept (it
            // is part of the story); one note, nothing skipped.
            self.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                ..diag(format!(
                    "article '{id}' has the same text as article '{}' from another source; kept",
                    self.articles[first].id
                ))
            });
        }
        self.ids.insert(id.clone());
        self.by_text
            .entry(hash)
            .or_default()
            .push(self.articles.len());
        self.keys.push(key);
        self.number += 1;
        let number = self.number;
        let label = sanitize_field(raw.label, &mut report)
            .or_else(|| source.clone())
            .unwrap_or_else(|| {
                if id.chars().count() <= 24 {
                    id.clone()
                } else {
                    format!("Article {number}")
                }
            });
        self.articles.push(Article {
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

    /// Loaded paragraphs know whether they are ASCII and General
    /// Punctuation, as the text they kept is, however they came: clean,
    /// trimmed, sanitised, split from a text field.
    #[test]
    fn loaded_paragraphs_are_flagged_as_their_text_is() {
        let line = serde_json::json!({
            "id": "a",
            "paragraphs": [
                "Plain \u{201c}quoted\u{201d} \u{2014} text.",
                "  Padded \u{2019}s  ",
                "Z\u{fc}rich",
                "Tab\there \u{1b}[31mred",
                "one\ntwo",
            ],
            "text": "Text field.\n\nSecond \u{e9}l\u{e8}ve."
        })
        .to_string();
        let out = crate::corpus::load_bytes("t.jsonl", line.as_bytes());
        let paragraphs = &out.story.articles[0].paragraphs;
        assert_eq!(paragraphs.len(), 7, "{paragraphs:?}");
        let flags: Vec<bool> = paragraphs.iter_flagged().map(|(_, f)| f).collect();
        let want: Vec<bool> = paragraphs
            .iter()
            .map(crate::corpus::is_ascii_typographic)
            .collect();
        assert_eq!(want, [true, true, false, true, true, true, false]);
        assert_eq!(flags, want);
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

    const TEXTS: &[&str] = &[
        "",
        " ",
        "one",
        "  padded  ",
        "two  spaces",
        "tab\there",
        "line\nbreak",
        "blank\n\nline",
        "cr\r\nlf",
        "no\u{a0}break",
        "em\u{2003}space and\u{3000}ideographic",
        "“Quoted,” she said — twice…",
        "esc\u{1b}[31mred",
        "\u{202e}bidi",
        "vt\u{b}ff\u{c}",
        "\u{85}next line",
    ];

    #[test]
    fn clean_paragraphs_are_kept_as_the_general_path_splits_them() {
        for &t in TEXTS {
            let mut fast = Paragraphs::new();
            let mut report = SanitizeReport::default();
            add_paragraph(t, &mut fast, &mut report);
            let (clean, want_report) = sanitize(t);
            assert_eq!(fast, split_text_field(&clean), "{t:?}");
            assert_eq!(report, want_report, "{t:?}");
        }
    }

    #[test]
    fn clean_fields_are_kept_as_the_general_path_joins_them() {
        for &t in TEXTS {
            let got = sanitize_field(Some(t.to_string()), &mut SanitizeReport::default());
            let joined = sanitize(t)
                .0
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(got, (!joined.is_empty()).then_some(joined), "{t:?}");
        }
    }

    #[test]
    fn words_are_split_as_split_whitespace_splits_them() {
        for &t in TEXTS {
            let mut words = Vec::new();
            for_each_word(t, |w| words.push(std::str::from_utf8(w).unwrap()));
            assert_eq!(words, t.split_whitespace().collect::<Vec<_>>(), "{t:?}");
        }
    }

    #[test]
    fn the_text_hash_is_the_words_whatever_the_paragraphs_and_spacing() {
        let p = |v: &[&str]| v.iter().collect::<Paragraphs>();
        let a = p(&["The mayor spoke at noon.", "Then she left town."]);
        for same in [
            p(&["The mayor  spoke at noon.", " Then she\tleft town."]),
            p(&["The mayor spoke", "at noon. Then she left town."]),
            p(&["The\u{a0}mayor spoke at noon. Then she left town."]),
        ] {
            assert_eq!(text_hash(&a), text_hash(&same), "{same:?}");
        }
        for other in [
            p(&["The mayor spoke at noon.", "Then she left town"]),
            p(&["The mayor spoke at noon.Then she left town."]),
            p(&["Themayor spoke at noon.", "Then she left town."]),
        ] {
            assert_ne!(text_hash(&a), text_hash(&other), "{other:?}");
        }
        // However the stream is cut into writes.
        let mut one = StreamHash::default();
        one.write(b"abcdefghijklmnopqrs");
        let mut parts = StreamHash::default();
        for part in [&b"abc"[..], b"defghijkl", b"", b"mnopqrs"] {
            parts.write(part);
        }
        assert_eq!(one.finish(), parts.finish());
    }

    #[test]
    fn slug_is_ascii_dashes() {
        assert_eq!(slug("My Story: Part 2"), "my-story-part-2");
        assert_eq!(slug("!!!"), "story");
    }
}
