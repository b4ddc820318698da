//! JSON inputs: a story document, one article, an array of articles, and
//! JSON Lines. Errors carry the file's line and column and the field path
//! (`articles[2].paragraphs`); one bad article never stops the others, and
//! a file cut short or damaged keeps every complete article before the
//! damage ([`salvage`]).

use std::borrow::Cow;
use std::fmt;

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{Candidate, Parsed, RawArticle};
use crate::corpus::diagnostic::Diagnostic;
use crate::corpus::read::Input;
use crate::corpus::sanitize::sanitize;

article_struct!(
    /// A top-level JSON object: a story (has `articles`) or a single article.
    RawDocument<'a> {
        #[serde(default, borrow)]
        articles: Option<Vec<&'a RawValue>>,
    }
);

impl RawDocument<'_> {
    fn into_article(self) -> RawArticle {
        RawArticle {
            id: self.id,
            label: self.label,
            source: self.source,
            title: self.title,
            date: self.date,
            url: self.url,
            byline: self.byline,
            paragraphs: self.paragraphs,
            text: self.text,
        }
    }
}

/// What a JSON value is, if it is not an object (serde would otherwise read
/// an array positionally as a struct and report a confusing field error).
fn not_an_object(json: &str) -> Option<&'static str> {
    match json.trim_start().as_bytes().first() {
        Some(b'{') | None => None,
        Some(b'[') => Some("an array"),
        Some(b'"') => Some("a string"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(b'n') => Some("null"),
        Some(_) => Some("a number"),
    }
}

/// 1-based (line, column) of a byte offset; column counts chars.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Deserializes `text`, keeping the path of the field at fault (`articles[2].paragraphs`).
fn from_json<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, (serde_json::Error, String)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        (e.into_inner(), path)
    })?;
    de.end().map_err(|e| (e, String::new()))?;
    Ok(value)
}

fn json_error(
    input: &Input,
    (e, path): &(serde_json::Error, String),
    base: (usize, usize),
) -> Diagnostic {
    // serde_json's message ends with " at line L column C": we give those
    // as the diagnostic's position instead.
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let (line, col) = if e.line() == 0 {
        base
    } else if e.line() == 1 {
        (base.0, base.1 + e.column().saturating_sub(1))
    } else {
        (base.0 + e.line() - 1, e.column())
    };
    let what = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            "JSON syntax error"
        }
        serde_json::error::Category::Data => "schema error",
        serde_json::error::Category::Io => "read error",
    };
    // `?`: serde_path_to_error knows of no field (an error before any).
    let field = if path.is_empty() || path == "." || path == "?" {
        String::new()
    } else {
        format!(" in `{path}`")
    };
    Diagnostic::error(&*input.name, format!("{what}{field}: {msg}")).at(line, Some(col))
}

pub(super) fn parse_document(input: &Input, text: &str, parsed: &mut Parsed) {
    let start = text.len() - text.trim_start().len();
    match text.as_bytes().get(start) {
        Some(b'[') => match from_json::<Vec<&RawValue>>(text) {
            Ok(items) => {
                for (i, raw) in items.into_iter().enumerate() {
                    parse_embedded_article(input, text, raw, i + 1, parsed);
                }
            }
            Err(e) if !salvage(input, text, &e.0, parsed) => {
                parsed.diagnostics.push(json_error(input, &e, (1, 1)))
            }
            Err(_) => {}
        },
        Some(b'{') => match from_json::<RawDocument>(text) {
            Ok(mut doc) => match doc.articles.take() {
                Some(items) => {
                    let id = doc
                        .id
                        .map(|s| sanitize(&s).0)
                        .unwrap_or_else(|| input.stem.clone());
                    let title = doc.title.map(|s| sanitize(&s).0).unwrap_or_default();
                    parsed.story = Some((id, title));
                    if items.is_empty() {
                        parsed
                            .diagnostics
                            .push(Diagnostic::error(&*input.name, "story has no articles"));
                    }
                    for (i, raw) in items.into_iter().enumerate() {
                        parse_embedded_article(input, text, raw, i + 1, parsed);
                    }
                }
                None => parsed.articles.push(Candidate {
                    raw: doc.into_article(),
                    origin: input.name.clone(),
                    line: Some(line_col(text, start).0),
                    default_id: input.stem.clone(),
                    pre_sanitized: None,
                    format: "JSON",
                }),
            },
            Err(e) if !salvage(input, text, &e.0, parsed) => {
                parsed.diagnostics.push(json_error(input, &e, (1, 1)))
            }
            Err(_) => {}
        },
        _ => parsed.diagnostics.push(
            Diagnostic::error(
                &*input.name,
                "schema error: expected a story object, an article object or an array of articles",
            )
            .at(line_col(text, start).0, Some(line_col(text, start).1)),
        ),
    }
}

/// What a damaged story or array still holds: the complete articles before
/// the damage, and the story's `id` and `title` if they came first.
#[derive(Default)]
struct Salvaged<'a> {
    articles: Vec<&'a RawValue>,
    id: Option<String>,
    title: Option<String>,
}

/// Visits a story object or an array of articles, keeping each article (a
/// raw value) as soon as it is complete: when the parser then fails, what
/// came before stays in `self.0`.
struct Salvager<'s, 'a>(&'s mut Salvaged<'a>);

/// The `articles` array of a story, visited the same way.
struct ArticlesSeed<'s, 'a>(&'s mut Vec<&'a RawValue>);

impl<'de> DeserializeSeed<'de> for ArticlesSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ArticlesSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of articles")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            self.0.push(raw);
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Salvager<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a story object or an array of articles")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        ArticlesSeed(&mut self.0.articles).visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "articles" => map.next_value_seed(ArticlesSeed(&mut self.0.articles))?,
                "id" => self.0.id = map.next_value()?,
                "title" => self.0.title = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// After a syntax error in a story or an array (a file cut short, a
/// damaged article): keeps the complete articles before the damage and
/// reports where it starts. False if there is nothing to keep (the caller
/// reports the error as it is).
fn salvage(input: &Input, text: &str, error: &serde_json::Error, parsed: &mut Parsed) -> bool {
    use serde_json::error::Category;
    if !matches!(error.classify(), Category::Syntax | Category::Eof) {
        return false;
    }
    let mut kept = Salvaged::default();
    let mut de = serde_json::Deserializer::from_str(text);
    if serde::Deserializer::deserialize_any(&mut de, Salvager(&mut kept)).is_ok()
        || kept.articles.is_empty()
    {
        return false;
    }
    // The damage starts after the last complete article and its comma.
    let last = kept.articles[kept.articles.len() - 1].get();
    let end = (last.as_ptr() as usize - text.as_ptr() as usize) + last.len();
    let rest = text[end..].trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    let (line, col) = line_col(text, text.len() - rest.len());
    let n = kept.articles.len();
    let what = if error.classify() == Category::Eof {
        "the file is cut short"
    } else {
        "JSON syntax error"
    };
    let msg = error.to_string();
    let msg = msg.rfind(" at line ").map_or(msg.as_str(), |i| &msg[..i]);
    let (place, kept_what) = if rest.starts_with(']') {
        ("after the articles".to_string(), "all")
    } else {
        (
            format!("article {}", n + 1),
            "the complete articles before it:",
        )
    };
    parsed.diagnostics.push(
        Diagnostic::error(
            &*input.name,
            format!(
                "{place}: {what} from here ({msg} at line {} column {}); \
                 loaded {kept_what} {n}",
                error.line(),
                error.column()
            ),
        )
        .at(line, Some(col)),
    );
    if kept.id.is_some() || kept.title.is_some() || text.trim_start().starts_with('{') {
        let id = kept
            .id
            .map(|s| sanitize(&s).0)
            .unwrap_or_else(|| input.stem.clone());
        let title = kept.title.map(|s| sanitize(&s).0).unwrap_or_default();
        parsed.story = Some((id, title));
    }
    for (i, raw) in kept.articles.into_iter().enumerate() {
        parse_embedded_article(input, text, raw, i + 1, parsed);
    }
    true
}

/// Parses one article of a story or array; its errors are placed at its own
/// line in the file, and the other articles still load.
fn parse_embedded_article(
    input: &Input,
    text: &str,
    raw: &RawValue,
    index: usize,
    parsed: &mut Parsed,
) {
    let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let base = line_col(text, offset);
    match from_json::<RawArticle>(raw.get()) {
        Ok(article) => parsed.articles.push(Candidate {
            raw: article,
            origin: input.name.clone(),
            line: Some(base.0),
            default_id: format!("{}-{index}", input.stem),
            pre_sanitized: None,
            format: "JSON",
        }),
        Err(e) => {
            let mut d = json_error(input, &e, base);
            d.message = format!("article {index}: {}", d.message);
            parsed.diagnostics.push(d);
        }
    }
}

/// JSON Lines: each line parsed on its own, lines in parallel (both cores);
/// articles and diagnostics keep the file's order. `bytes` starts at line
/// `first_line` of the file (a streaming load parses it block by block).
pub(super) fn parse_lines(input: &Input, bytes: &[u8], first_line: usize, parsed: &mut Parsed) {
    let mut lines = Vec::with_capacity(bytes.len() / 1024 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        lines.push((first_line + lines.len(), &bytes[start..end]));
        start = end + 1;
    }
    let results: Vec<Option<Result<Candidate, Diagnostic>>> = lines
        .par_iter()
        .map(|&(line_no, line)| parse_line(input, line_no, line))
        .collect();
    parsed.articles.reserve(results.len());
    for r in results.into_iter().flatten() {
        match r {
            Ok(c) => parsed.articles.push(c),
            Err(d) => parsed.diagnostics.push(d),
        }
    }
}

/// One JSONL line: an article, a diagnostic at its line, or nothing (blank).
fn parse_line(input: &Input, line_no: usize, line: &[u8]) -> Option<Result<Candidate, Diagnostic>> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => {
            return Some(Err(Diagnostic::error(
                &*input.name,
                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
            )
            .at(line_no, None)));
        }
    };
    if let Some(found) = not_an_object(text) {
        return Some(Err(Diagnostic::error(
            &*input.name,
            format!("schema error: expected an article object, found {found}"),
        )
        .at(line_no, None)));
    }
    Some(match from_json::<RawArticle>(text) {
        Ok(raw) => Ok(Candidate {
            raw,
            origin: input.name.clone(),
            line: Some(line_no),
            default_id: format!("{}-{line_no}", input.stem),
            pre_sanitized: None,
            format: "JSONL",
        }),
        Err(e) => Err(json_error(input, &e, (line_no, 1))),
    })
}
