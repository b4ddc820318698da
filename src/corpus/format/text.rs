//! Plain text and Markdown inputs: a title line when there is one, and
//! paragraphs split on blank lines (hard-wrapped prose joined).

use super::frontmatter;
use super::{Candidate, Parsed, RawArticle};
use crate::corpus::diagnostic::Diagnostic;
use crate::corpus::read::Input;
use crate::corpus::sanitize::sanitize;

/// Lines at most this long in a text block are taken as hard-wrapped prose
/// and joined into one paragraph; longer lines are each a paragraph.
const HARD_WRAP_MAX: usize = 100;

/// A first line longer than this is text, not a title.
const TITLE_MAX_CHARS: usize = 150;

/// Plain text and Markdown. The first line is the title when it is a
/// `# heading` or reads as a headline (short, not ending like a sentence);
/// a first line that is a sentence stays a paragraph, so no text is lost.
/// Paragraphs are split on blank lines, or on every line break when the
/// file has no blank line at all. Lines repeating the title are dropped
/// (a file of one line repeated has no title: the line is its text).
/// A leading `---` YAML block (front matter) sets the fields and is not text.
pub(super) fn parse(input: &Input, text: &str, markdown: bool, parsed: &mut Parsed) {
    let mut fields = frontmatter::FrontMatter::default();
    let text = match frontmatter::split(text) {
        Some(split) => {
            match split.fields {
                Ok(f) => fields = f,
                Err(e) => parsed.diagnostics.push(
                    Diagnostic::warning(&*input.name, format!("{}; fields ignored", e.message))
                        .at(e.line, None),
                ),
            }
            split.body
        }
        None => text,
    };
    let (clean, report) = sanitize(text);
    let lines: Vec<&str> = clean.lines().map(str::trim).collect();
    // A blank line between the first and last non-empty lines. (The text
    // can be empty here: sanitising may remove everything.)
    let has_blank = match (
        lines.iter().position(|l| !l.is_empty()),
        lines.iter().rposition(|l| !l.is_empty()),
    ) {
        (Some(first), Some(last)) => lines[first..=last].iter().any(|l| l.is_empty()),
        _ => false,
    };
    let mut title = None;
    let mut body_start = 0;
    if let Some(first) = lines.iter().position(|l| !l.is_empty()) {
        let line = lines[first];
        let heading = line
            .strip_prefix('#')
            .filter(|_| markdown || line.starts_with("# "))
            .map(|h| h.trim_start_matches('#').trim());
        let next_blank = lines.get(first + 1).is_none_or(|l| l.is_empty());
        let headline = line.chars().count() <= TITLE_MAX_CHARS
            && !line.ends_with(['.', ',', ';', ':'])
            && (next_blank || !has_blank);
        if let Some(h) = heading.filter(|h| !h.is_empty()) {
            title = Some(h.to_string());
            body_start = first + 1;
        } else if headline && lines.iter().any(|l| !l.is_empty() && *l != line) {
            // A title needs text under it: a file that only repeats its
            // first line keeps the line as text.
            title = Some(line.to_string());
            body_start = first + 1;
        }
    }
    let body: Vec<&str> = lines[body_start..]
        .iter()
        .copied()
        .filter(|l| title.as_deref() != Some(*l))
        .collect();
    let paragraphs = if has_blank {
        body.split(|l| l.is_empty())
            .filter(|block| !block.is_empty())
            .flat_map(|block| {
                if block.iter().all(|l| l.chars().count() <= HARD_WRAP_MAX) {
                    vec![block.join(" ")]
                } else {
                    block.iter().map(|l| l.to_string()).collect()
                }
            })
            .collect()
    } else {
        body.iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.to_string())
            .collect()
    };
    parsed.articles.push(Candidate {
        raw: RawArticle {
            title: fields.title.or(title),
            source: fields.source,
            date: fields.date,
            url: fields.url,
            label: fields.label,
            byline: fields.byline,
            paragraphs: Some(paragraphs),
            ..RawArticle::default()
        },
        origin: input.name.clone(),
        line: None,
        default_id: input.stem.clone(),
        pre_sanitized: Some(report),
        format: if markdown { "Markdown" } else { "text" },
    });
}
