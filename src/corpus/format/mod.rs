//! Formats: bytes of one input into candidate articles. Binary and empty
//! inputs are refused here; the content decides the format when the
//! extension does not ([`sniff`]). One module per format family.
//!
//! Owns: [`Format`], the raw (unsanitised) article shape, [`Candidate`].
//! Imports only `corpus` siblings; nothing else of the project.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::diagnostic::Diagnostic;
use super::read::Input;
use super::sanitize::SanitizeReport;

/// How a file's bytes are to be parsed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Format {
    Json,
    JsonLines,
    Text,
    Markdown,
    /// An HTML page: its article is extracted.
    Html,
    /// RSS, Atom or JSON Feed: each item is an article.
    Feed,
    /// Unknown extension or stdin: decided by looking at the content.
    #[default]
    Sniff,
}

/// The format an extension names, if crossread reads it.
pub(super) fn format_for(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "md" | "markdown" => Format::Markdown,
        "txt" | "text" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "rss" | "atom" | "xml" => Format::Feed,
        _ => return None,
    })
}

/// Declares the article fields once for both shapes that carry them:
/// a plain article, and a top-level document that may also hold `articles`.
/// (`#[serde(flatten)]` would lose error positions and field paths.)
macro_rules! article_struct {
    ($(#[$meta:meta])* $name:ident $(<$lt:lifetime>)? { $($extra:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Deserialize)]
        pub(in crate::corpus) struct $name $(<$lt>)? {
            #[serde(default)]
            pub(in crate::corpus) id: Option<String>,
            #[serde(default)]
            pub(in crate::corpus) label: Option<String>,
            #[serde(default)]
            pub(in crate::corpus) source: Option<String>,
            #[serde(default)]
            pub(in crate::corpus) title: Option<String>,
            #[serde(default)]
            pub(in crate::corpus) date: Option<String>,
            #[serde(default)]
            pub(in crate::corpus) url: Option<String>,
            #[serde(default)]
            pub(in crate::corpus) byline: Option<String>,
            #[serde(default)]
            pub(in crate::corpus) paragraphs: Option<crate::corpus::Paragraphs>,
            /// Alternative to `paragraphs`: one string, paragraphs split on blank lines.
            #[serde(default)]
            pub(in crate::corpus) text: Option<String>,
            $($extra)*
        }
    };
}

article_struct!(
    /// An article as parsed, before sanitising and validation.
    RawArticle {}
);

// After the macro, which they use.
pub(super) mod draft;
pub(super) mod feed;
pub(super) mod frontmatter;
pub(super) mod html;
mod json;
mod text;

use draft::Draft;

/// One article found in an input, with where it came from.
#[derive(Debug)]
pub(super) struct Candidate {
    pub(super) raw: RawArticle,
    pub(super) origin: Arc<str>,
    /// 1-based line of the article in its file, for diagnostics.
    pub(super) line: Option<usize>,
    /// Id to use when the article has none.
    pub(super) default_id: String,
    /// Sanitiser report for text already sanitised whole (text files).
    pub(super) pre_sanitized: Option<SanitizeReport>,
    /// What the input was read as ("JSON", "HTML page", "RSS feed", ...).
    pub(super) format: &'static str,
}

impl Candidate {
    /// An article a format module found ([`Draft`]), for assembly.
    pub(super) fn from_draft(
        draft: Draft,
        input: &Input,
        default_id: String,
        format: &'static str,
    ) -> Self {
        Candidate {
            raw: RawArticle {
                label: draft.label,
                source: draft.source,
                title: draft.title,
                date: draft.date,
                url: draft.url,
                byline: draft.byline,
                paragraphs: Some(draft.paragraphs.into()),
                ..RawArticle::default()
            },
            origin: input.name.clone(),
            line: None,
            default_id,
            pre_sanitized: None,
            format,
        }
    }
}

#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub(super) articles: Vec<Candidate>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// (id, title) if the input was a story document.
    pub(super) story: Option<(String, String)>,
    /// Feed items with only a summary, by index in `articles`, and their
    /// links: `--full` fetches these pages.
    pub(super) summary_only: Vec<(usize, String)>,
}

/// Parses one input's bytes.
pub(super) fn parse_input(input: &Input, bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    let err = |msg: String| Diagnostic::error(&*input.name, msg);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        parsed.diagnostics.push(err(if bytes.is_empty() {
            "empty file".into()
        } else {
            "file has only white space".into()
        }));
        return parsed;
    }
    if looks_binary(bytes) {
        parsed.diagnostics.push(err(
            "binary file (NUL bytes or mostly control characters); not text".into(),
        ));
        return parsed;
    }
    let format = match input.format {
        // A JSON Feed is a .json file; a saved feed may be a .txt.
        Format::Sniff | Format::Json | Format::Text if feed::looks_like_feed(bytes) => Format::Feed,
        Format::Sniff if html::looks_like_html(bytes) => Format::Html,
        Format::Sniff => sniff(bytes),
        f => f,
    };
    match format {
        Format::Html => {
            match html::extract_article(bytes, input.url.as_deref(), input.charset.as_deref()) {
                Ok(draft) => parsed.articles.push(Candidate::from_draft(
                    draft,
                    input,
                    input.stem.clone(),
                    "HTML page",
                )),
                Err(e) => parsed.diagnostics.push(err(e)),
            }
            return parsed;
        }
        Format::Feed => {
            parse_feed(input, bytes, &mut parsed);
            return parsed;
        }
        _ => {}
    }
    if format == Format::JsonLines {
        json::parse_lines(input, bytes, 1, &mut parsed);
        return parsed;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.strip_prefix('\u{feff}').unwrap_or(t),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            parsed.diagnostics.push(
                err(format!(
                    "invalid UTF-8 at byte {}; convert the file to UTF-8",
                    e.valid_up_to()
                ))
                .at(line, None),
            );
            return parsed;
        }
    };
    match format {
        Format::Json => json::parse_document(input, text, &mut parsed),
        Format::Markdown => text::parse(input, text, true, &mut parsed),
        _ => text::parse(input, text, false, &mut parsed),
    }
    parsed
}

/// True when `prefix`, the start of a longer input, decides that the
/// whole input is JSON Lines exactly as [`parse_input`] would decide it
/// from all of it: then the input can be parsed as it is read
/// ([`parse_lines`]). False for any other format, or when the prefix
/// cannot tell (shorter than the samples the checks look at, only white
/// space, no second line).
pub(super) fn streams_as_lines(input: &Input, prefix: &[u8]) -> bool {
    // The binary and feed checks look at the first 8 KiB, the HTML check
    // at less; `sniff` at the first line and what follows it.
    if prefix.len() < 8192 || prefix.iter().all(u8::is_ascii_whitespace) || looks_binary(prefix) {
        return false;
    }
    match input.format {
        Format::JsonLines => true,
        Format::Sniff => {
            !feed::looks_like_feed(prefix)
                && !html::looks_like_html(prefix)
                && sniff(prefix) == Format::JsonLines
        }
        _ => false,
    }
}

/// JSON Lines from line `first_line` on: the lines of `bytes` (a block of
/// an input [`streams_as_lines`] said yes to, cut at a line break).
pub(super) fn parse_lines(input: &Input, bytes: &[u8], first_line: usize) -> Parsed {
    let mut parsed = Parsed::default();
    json::parse_lines(input, bytes, first_line, &mut parsed);
    parsed
}

fn parse_feed(input: &Input, bytes: &[u8], parsed: &mut Parsed) {
    let doc = match feed::parse_feed(bytes, input.url.as_deref()) {
        Ok(doc) => doc,
        Err(e) => {
            parsed.diagnostics.push(Diagnostic::error(&*input.name, e));
            return;
        }
    };
    if let Some(title) = &doc.title {
        let title = super::sanitize::sanitize(title).0;
        parsed.story = Some((input.stem.clone(), title));
    }
    if doc.items.is_empty() {
        parsed
            .diagnostics
            .push(Diagnostic::error(&*input.name, "feed has no items"));
    }
    let format = match doc.kind {
        "Atom" => "Atom feed",
        "JSON Feed" => "JSON Feed",
        _ => "RSS feed",
    };
    for (i, item) in doc.items.into_iter().enumerate() {
        if item.summary_only
            && let Some(url) = &item.draft.url
        {
            parsed
                .summary_only
                .push((parsed.articles.len(), url.clone()));
        }
        parsed.articles.push(Candidate::from_draft(
            item.draft,
            input,
            format!("{}-{}", input.stem, i + 1),
            format,
        ));
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    if nuls == 0 {
        return false;
    }
    // A sample cut mid-character is not invalid: only a real bad sequence
    // counts. Many NULs with valid UTF-8 is UTF-16 or similar. A few NULs
    // in text are controls for the sanitiser.
    let invalid = matches!(std::str::from_utf8(sample), Err(e) if e.error_len().is_some());
    invalid || nuls * 10 >= sample.len()
}

/// Decides the format of stdin or an unknown extension from the content.
fn sniff(bytes: &[u8]) -> Format {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    match bytes.get(start) {
        Some(b'[') => Format::Json,
        Some(b'{') => {
            // Several top-level objects, one per line, is JSONL.
            let first_line_end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|i| start + i);
            match first_line_end {
                Some(end) => {
                    let first = &bytes[start..end];
                    let rest_has_object = bytes[end..]
                        .iter()
                        .find(|b| !b.is_ascii_whitespace())
                        .is_some_and(|&b| b == b'{');
                    if rest_has_object && serde_json::from_slice::<&RawValue>(first).is_ok() {
                        Format::JsonLines
                    } else {
                        Format::Json
                    }
                }
                None => Format::Json,
            }
        }
        _ => Format::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_tells_jsonl_from_json() {
        assert_eq!(sniff(b"{\"a\":1}\n{\"a\":2}\n"), Format::JsonLines);
        assert_eq!(sniff(b"{\n \"a\": 1\n}\n"), Format::Json);
        assert_eq!(sniff(b"[1]"), Format::Json);
        assert_eq!(sniff(b"hello"), Format::Text);
    }
}
