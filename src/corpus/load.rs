//! Loading, orchestrated: read each input (in parallel), parse it by its
//! format, assemble the candidates into one story. The steps live in
//! [`super::read`], [`super::format`] and [`super::assemble`].
//!
//! Every problem becomes a one-line [`Diagnostic`] naming the file (and line
//! and column where there is one); one bad file or line never stops the
//! others from loading.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::assemble::{assemble, story_name};
use super::diagnostic::Diagnostic;
use super::fetch::fetch_all;
use super::format::{Candidate, Format, Parsed, html, parse_input};
use super::model::Story;
use super::newsboat::{self, NewsboatOptions, default_cache_path};
use super::read::{Input, LoadOptions, expand_path, input_for, read_input};

/// The bundled story, embedded so the binary works from any directory.
const BUNDLED_STORY_JSON: &str = include_str!("../../data/story.json");

/// A loaded story and everything that went wrong loading it.
#[derive(Debug, Clone, Default)]
pub struct LoadOutcome {
    pub story: Story,
    pub diagnostics: Vec<Diagnostic>,
}

/// The bundled story. It is checked by the test suite, so failing to parse
/// it is a build defect; an empty story is returned rather than panicking.
pub fn load_bundled() -> Story {
    let input = Input {
        name: "<bundled>".into(),
        stem: "story".into(),
        format: Format::Json,
        ..Input::default()
    };
    load_input(&input, BUNDLED_STORY_JSON.as_bytes()).story
}

/// Loads one input from memory, named `name` in diagnostics, its format
/// from the name's extension (or the content). For fuzzing and embedding.
pub fn load_bytes(name: &str, bytes: &[u8]) -> LoadOutcome {
    let input = Input {
        name: name.to_string(),
        ..input_for(Path::new(name))
    };
    load_input(&input, bytes)
}

/// One input on its own: parsed, validated, with its story id and title.
fn load_input(input: &Input, bytes: &[u8]) -> LoadOutcome {
    let parsed = parse_input(input, bytes);
    let mut out = LoadOutcome {
        diagnostics: parsed.diagnostics,
        ..LoadOutcome::default()
    };
    let (articles, diagnostics) = assemble(parsed.articles);
    out.story.articles = articles;
    out.diagnostics.extend(diagnostics);
    if let Some((id, title)) = parsed.story {
        out.story.id = id;
        out.story.title = title;
    }
    out
}

/// Loads every path (files, folders, `-` for stdin, URLs) into one story.
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> LoadOutcome {
    let mut out = LoadOutcome::default();
    let mut inputs = Vec::new();
    for path in paths {
        expand_path(path, &mut inputs, &mut out.diagnostics);
    }

    let is_stdin = |(i, p): &(Input, Option<PathBuf>)| p.is_none() && !i.is_remote();
    let stdin_used = inputs.iter().filter(|x| is_stdin(x)).count() > 1;
    if stdin_used {
        out.diagnostics.push(Diagnostic::warning(
            "<stdin>",
            "stdin given more than once; read once",
        ));
    }
    let mut seen_stdin = false;
    inputs.retain(|x: &(Input, Option<PathBuf>)| {
        !is_stdin(x) || !std::mem::replace(&mut seen_stdin, true)
    });

    // URLs are fetched first, all at once (they wait on the network, not
    // the CPU); what the server said sets the input's format and charset.
    let fetch_opts = opts.fetch_options();
    let urls: Vec<String> = inputs.iter().filter_map(|(i, _)| i.url.clone()).collect();
    let mut fetched = fetch_all(&urls, &fetch_opts, opts.progress).into_iter();
    let mut bodies: Vec<Option<Result<Vec<u8>, Diagnostic>>> = Vec::new();
    for (input, _) in &mut inputs {
        if !input.is_remote() {
            bodies.push(None);
            continue;
        }
        bodies.push(Some(match fetched.next() {
            Some(Ok(f)) => {
                input.format = format_for_media_type(&f.media_type());
                input.charset = f.charset();
                input.url = Some(f.final_url.clone());
                Ok(f.bytes)
            }
            Some(Err(e)) => Err(Diagnostic::error(&input.name, e)),
            None => Err(Diagnostic::error(&input.name, "not fetched")),
        }));
    }

    // Reading and parsing are independent per input; order is kept by collect.
    let parsed: Vec<Parsed> = inputs
        .par_iter()
        .zip(bodies.into_par_iter())
        .map(|((input, path), body)| {
            let bytes = body.unwrap_or_else(|| read_input(input, path.as_deref(), opts));
            match bytes {
                Ok(bytes) => parse_input(input, &bytes),
                Err(d) => Parsed {
                    diagnostics: vec![d],
                    ..Parsed::default()
                },
            }
        })
        .collect();

    let mut stories = Vec::new();
    let mut candidates = Vec::new();
    let mut summary_only = Vec::new();
    for p in parsed {
        out.diagnostics.extend(p.diagnostics);
        if let Some(s) = p.story {
            stories.push(s);
        }
        let base = candidates.len();
        summary_only.extend(p.summary_only.into_iter().map(|(i, url)| (base + i, url)));
        candidates.extend(p.articles);
    }
    if opts.fetch.full {
        fetch_full_pages(&mut candidates, &summary_only, opts, &mut out.diagnostics);
    }
    if let Some(nb) = &opts.newsboat {
        load_newsboat(nb, &mut candidates, &mut out.diagnostics);
    }

    let (articles, diagnostics) = assemble(candidates);
    out.story.articles = articles;
    out.diagnostics.extend(diagnostics);
    let (id, title) = story_name(&stories, paths, &out.story.articles);
    out.story.id = id;
    out.story.title = title;
    out
}

/// `--full`: feed items that carry only a summary get their page's article
/// text instead. A page that fails keeps the summary (with a warning).
fn fetch_full_pages(
    candidates: &mut [Candidate],
    summary_only: &[(usize, String)],
    opts: &LoadOptions,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let urls: Vec<String> = summary_only.iter().map(|(_, u)| u.clone()).collect();
    let results = fetch_all(&urls, &opts.fetch_options(), opts.progress);
    for ((i, url), result) in summary_only.iter().zip(results) {
        let page = result.and_then(|f| {
            html::extract_article(&f.bytes, Some(&f.final_url), f.charset().as_deref())
        });
        match (page, candidates.get_mut(*i)) {
            (Ok(draft), Some(c)) => {
                c.raw.paragraphs = Some(draft.paragraphs);
                c.raw.text = None;
                c.raw.byline = c.raw.byline.take().or(draft.byline);
                c.format = "feed item + page";
            }
            (Err(e), _) => diagnostics.push(Diagnostic::warning(
                url,
                format!("{e}; kept the feed's summary"),
            )),
            (Ok(_), None) => {}
        }
    }
}

/// newsboat's cached items, newest first, as candidates.
fn load_newsboat(
    nb: &NewsboatOptions,
    candidates: &mut Vec<Candidate>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(path) = nb.cache.clone().or_else(default_cache_path) else {
        diagnostics.push(Diagnostic::error(
            "newsboat",
            "no home folder to find the cache in; give its path: --newsboat PATH",
        ));
        return;
    };
    let input = Input {
        name: path.display().to_string(),
        ..Input::default()
    };
    match newsboat::read_cache(&path, nb.since) {
        Ok(read) => {
            if read.items.is_empty() {
                let when = if nb.since.is_some() {
                    " in that time (--since)"
                } else {
                    ""
                };
                diagnostics.push(Diagnostic::error(&input.name, format!("no items{when}")));
            } else if read.matched > read.items.len() {
                diagnostics.push(Diagnostic::warning(
                    &input.name,
                    format!(
                        "read the newest {} of {} items; narrow with --since",
                        read.items.len(),
                        read.matched
                    ),
                ));
            }
            for item in read.items {
                candidates.push(Candidate::from_draft(
                    item.draft,
                    &input,
                    format!("newsboat-{}", item.rowid),
                    "newsboat item",
                ));
            }
        }
        Err(e) => diagnostics.push(Diagnostic::error(&input.name, e)),
    }
}

/// The format a server's media type names; the content decides otherwise.
fn format_for_media_type(media: &str) -> Format {
    match media {
        "text/html" | "application/xhtml+xml" => Format::Html,
        "application/rss+xml" | "application/atom+xml" | "application/rdf+xml" => Format::Feed,
        "text/markdown" => Format::Markdown,
        "application/x-ndjson" | "application/jsonl" => Format::JsonLines,
        _ => Format::Sniff,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::format::Format;

    fn parse(name: &str, format: Format, text: &str) -> LoadOutcome {
        let input = Input {
            name: name.into(),
            stem: name.rsplit_once('.').map_or(name, |(s, _)| s).into(),
            format,
            ..Input::default()
        };
        load_input(&input, text.as_bytes())
    }

    #[test]
    fn bundled_story_loads() {
        let story = load_bundled();
        assert_eq!(story.articles.len(), 5);
        assert!(!story.title.is_empty());
    }

    #[test]
    fn text_title_and_blank_line_paragraphs() {
        let out = parse(
            "a.txt",
            Format::Text,
            "My Title\n\nFirst para\nwrapped.\n\nSecond.\n",
        );
        let a = &out.story.articles[0];
        assert_eq!(a.title.as_deref(), Some("My Title"));
        assert_eq!(a.paragraphs, vec!["First para wrapped.", "Second."]);
        assert_eq!(a.id, "a");
    }

    #[test]
    fn text_without_blank_lines_splits_on_newlines() {
        let out = parse("b.txt", Format::Text, "Headline\nOne.\nTwo.\n");
        let a = &out.story.articles[0];
        assert_eq!(a.title.as_deref(), Some("Headline"));
        assert_eq!(a.paragraphs, vec!["One.", "Two."]);
    }

    #[test]
    fn sentence_first_line_is_not_a_title() {
        let out = parse(
            "c.txt",
            Format::Text,
            "This is a sentence.\n\nAnother one.\n",
        );
        let a = &out.story.articles[0];
        assert_eq!(a.title, None);
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn markdown_heading_is_title() {
        let out = parse("d.md", Format::Markdown, "# The *Big* News\n\nBody text.\n");
        assert_eq!(
            out.story.articles[0].title.as_deref(),
            Some("The *Big* News")
        );
    }

    #[test]
    fn repeated_title_lines_are_dropped() {
        let out = parse("e.txt", Format::Text, "T\n\nDek.\n\nT\nT\n\nBody.\n");
        assert_eq!(out.story.articles[0].paragraphs, vec!["Dek.", "Body."]);
    }

    #[test]
    fn a_file_of_one_line_repeated_keeps_it_as_text() {
        // Scraped pages sometimes hold only their headline, several times:
        // the line is the text, not a title with nothing under it.
        let line = "Who met the campaign in June?";
        let out = parse(
            "f.txt",
            Format::Text,
            &format!("{line}\n\n{line}\n\n{line}\n"),
        );
        let a = &out.story.articles[0];
        assert_eq!(a.paragraphs, vec![line; 3]);
        assert_eq!(a.title, None);
    }

    #[test]
    fn embedded_article_error_has_file_line() {
        let text = "{\"id\":\"s\",\"title\":\"t\",\"articles\":[\n{\"paragraphs\":[\"ok\"]},\n{\"paragraphs\": 5}\n]}";
        let out = parse("s.json", Format::Json, text);
        assert_eq!(out.story.articles.len(), 1);
        let d = &out.diagnostics[0];
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("article 2"), "{d}");
        assert!(d.message.contains("expected a sequence"), "{d}");
    }

    #[test]
    fn text_of_only_controls_is_an_article_with_no_text_not_a_panic() {
        // Found by the pipeline property test.
        let out = parse("c.txt", Format::Text, "\u{1b}[31m\u{7}\u{9b}2J");
        assert!(out.story.articles.is_empty());
        assert!(
            out.diagnostics[0].message.contains("no text"),
            "{}",
            out.diagnostics[0]
        );
    }
}
