//! Loading, orchestrated: read each input (in parallel), parse it by its
//! format, assemble the candidates into one story. The steps live in
//! [`super::read`], [`super::format`] and [`super::assemble`].
//!
//! Every problem becomes a one-line [`Diagnostic`] naming the file (and line
//! and column where there is one); one bad file or line never stops the
//! others from loading.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::assemble::{Assembler, assemble, story_name};
use super::diagnostic::Diagnostic;
use super::fetch::fetch_all;
use super::format::{Candidate, Format, Parsed, html, parse_input, parse_lines, streams_as_lines};
use super::model::{Article, Story};
use super::newsboat::{self, NewsboatOptions, default_cache_path};
use super::read::{Input, LoadOptions, Opened, expand_path, input_for};

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
        name: name.into(),
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
    load_paths_with(paths, opts, &mut |_| {})
}

/// [`load_paths`], telling `on_articles` every article assembled so far
/// each time more are (in input order, the first ones at once): a reader
/// shows them while the rest loads. The outcome is the same.
pub fn load_paths_with(
    paths: &[PathBuf],
    opts: &LoadOptions,
    on_articles: &mut dyn FnMut(&[Article]),
) -> LoadOutcome {
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
            Some(Err(e)) => Err(Diagnostic::error(&*input.name, e)),
            None => Err(Diagnostic::error(&*input.name, "not fetched")),
        }));
    }

    // Inputs are read and parsed in groups (in parallel within a group,
    // order kept), the first group one input so its first articles show
    // at once; each group's candidates are assembled as soon as it is
    // parsed. `--full` must see every feed item before assembly.
    let stream = !opts.fetch.full;
    let mut asm = Assembler::default();
    let mut stories = Vec::new();
    let mut candidates = Vec::new();
    let mut summary_only = Vec::new();
    let mut sink = |p: Parsed| {
        out.diagnostics.extend(p.diagnostics);
        if let Some(s) = p.story {
            stories.push(s);
        }
        if stream {
            let before = asm.articles().len();
            asm.push(p.articles);
            if asm.articles().len() > before {
                on_articles(asm.articles());
            }
        } else {
            let base = candidates.len();
            summary_only.extend(p.summary_only.into_iter().map(|(i, url)| (base + i, url)));
            candidates.extend(p.articles);
        }
    };
    let mut work: Vec<_> = inputs.into_iter().zip(bodies).collect();
    let mut group = 1;
    while !work.is_empty() {
        let rest = work.split_off(group.min(work.len()));
        let this = std::mem::replace(&mut work, rest);
        if let [((input, path), body)] = this.as_slice() {
            parse_streamed(input, path.as_deref(), body.as_ref(), opts, &mut sink);
        } else {
            let parsed: Vec<Parsed> = this
                .par_iter()
                .map(|((input, path), body)| {
                    let mut all = Parsed::default();
                    parse_streamed(input, path.as_deref(), body.as_ref(), opts, &mut |p| {
                        all.diagnostics.extend(p.diagnostics);
                        all.story = all.story.take().or(p.story);
                        let base = all.articles.len();
                        all.summary_only
                            .extend(p.summary_only.into_iter().map(|(i, url)| (base + i, url)));
                        all.articles.extend(p.articles);
                    });
                    all
                })
                .collect();
            for p in parsed {
                sink(p);
            }
        }
        group = (group * 4).min(256);
    }
    if opts.fetch.full {
        fetch_full_pages(&mut candidates, &summary_only, opts, &mut out.diagnostics);
    }
    if let Some(nb) = &opts.newsboat {
        load_newsboat(nb, &mut candidates, &mut out.diagnostics);
    }

    asm.push(candidates);
    let (articles, diagnostics) = asm.finish();
    out.story.articles = articles;
    out.diagnostics.extend(diagnostics);
    let (id, title) = story_name(&stories, paths, &out.story.articles);
    out.story.id = id;
    out.story.title = title;
    out
}

/// The first block read of an input: enough for the format checks, and
/// small so the first articles are parsed at once.
const FIRST_BLOCK: usize = 64 * 1024;

/// Later blocks of a streamed input: big enough to keep both cores busy.
const BLOCK: usize = 4 * 1024 * 1024;

/// Reads and parses one input, handing what it finds to `sink` in input
/// order: JSON Lines from a file or stdin block by block as it is read
/// (a large file shows its first articles at once, and is never held
/// whole), every other input whole. A fetched input comes as `body`.
fn parse_streamed(
    input: &Input,
    path: Option<&Path>,
    body: Option<&Result<Vec<u8>, Diagnostic>>,
    opts: &LoadOptions,
    sink: &mut dyn FnMut(Parsed),
) {
    let failed = |d: Diagnostic| Parsed {
        diagnostics: vec![d],
        ..Parsed::default()
    };
    if let Some(body) = body {
        sink(match body {
            Ok(bytes) => parse_input(input, bytes),
            Err(d) => failed(d.clone()),
        });
        return;
    }
    let mut opened = match Opened::new(input, path, opts) {
        Ok(o) => o,
        Err(d) => return sink(failed(d)),
    };
    let mut bytes = Vec::new();
    let first = opened.read_block(&mut bytes, FIRST_BLOCK);
    let more = matches!(first, Ok(n) if n == FIRST_BLOCK);
    if !more || !streams_as_lines(input, &bytes) {
        let whole = first.and_then(|_| {
            bytes.reserve(opened.capacity().saturating_sub(bytes.len()));
            opened.read_rest(&mut bytes)
        });
        return sink(match whole {
            Ok(()) => parse_input(input, &bytes),
            Err(d) => failed(d),
        });
    }
    // JSON Lines: parse every complete line read so far, keep the partial
    // last one for the next block. A read error (or a pipe past the size
    // limit) ends the input there; the lines before it are kept.
    let mut line = 1;
    let mut read = first;
    loop {
        match read {
            Ok(0) => return sink(parse_lines(input, &bytes, line)),
            Err(d) => return sink(failed(d)),
            Ok(_) => {
                if let Some(cut) = memchr::memrchr(b'\n', &bytes) {
                    let block = &bytes[..cut];
                    sink(parse_lines(input, block, line));
                    line += memchr::memchr_iter(b'\n', block).count() + 1;
                    bytes.drain(..=cut);
                }
            }
        }
        read = opened.read_block(&mut bytes, BLOCK);
    }
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
                c.raw.paragraphs = Some(draft.paragraphs.into());
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
        name: path.display().to_string().into(),
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
                diagnostics.push(Diagnostic::error(&*input.name, format!("no items{when}")));
            } else if read.matched > read.items.len() {
                diagnostics.push(Diagnostic::warning(
                    &*input.name,
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
        Err(e) => diagnostics.push(Diagnostic::error(&*input.name, e)),
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

    /// A JSON Lines file over several blocks: good lines, a bad one in the
    /// first block, a bad one later, an article repeated across blocks.
    fn big_jsonl(lines: usize, first_line_len: usize) -> String {
        let mut text = String::new();
        for i in 0..lines {
            let line = match i {
                0 => format!(
                    r#"{{"id":"a0","text":"{}"}}"#,
                    "long ".repeat(first_line_len / 5)
                ),
                5 => "{broken".to_string(),
                700 => "[1]".to_string(),
                900 => r#"{"id":"again","text":"Article number 3 says 3 things."}"#.to_string(),
                _ => format!(r#"{{"id":"a{i}","text":"Article number {i} says {i} things."}}"#),
            };
            text.push_str(&line);
            text.push('\n');
        }
        text
    }

    fn streamed(text: &str, name: &str) -> (LoadOutcome, Vec<usize>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let mut told = Vec::new();
        let out = load_paths_with(
            std::slice::from_ref(&path),
            &LoadOptions::default(),
            &mut |a| told.push(a.len()),
        );
        // The same outcome as reading it whole, names aside.
        let whole = load_bytes(&path.display().to_string(), text.as_bytes());
        assert_eq!(out.story.articles, whole.story.articles);
        let msgs = |o: &LoadOutcome| {
            o.diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(msgs(&out), msgs(&whole));
        (out, told)
    }

    #[test]
    fn jsonl_streams_in_blocks_with_the_same_outcome() {
        let text = big_jsonl(3000, 40);
        assert!(text.len() > 2 * FIRST_BLOCK);
        let (out, told) = streamed(&text, "big.jsonl");
        assert_eq!(out.story.articles.len(), 2997);
        assert_eq!(out.diagnostics.len(), 3, "{:?}", out.diagnostics);
        assert!(out.diagnostics[0].to_string().contains(":6:"));
        assert!(out.diagnostics[1].to_string().contains(":701:"));
        assert!(out.diagnostics[2].to_string().contains(":901:"));
        assert!(told.len() >= 2, "told as it loads: {told:?}");
        assert!(told[0] < 2997, "the first block first: {told:?}");
        assert!(told.windows(2).all(|w| w[0] < w[1]), "{told:?}");
    }

    #[test]
    fn jsonl_without_a_final_line_break_or_sniffed_streams_too() {
        let text = big_jsonl(3000, 40);
        let (out, _) = streamed(text.trim_end(), "big.jsonl");
        assert_eq!(out.story.articles.len(), 2997);
        // No extension: the content says JSON Lines.
        let (out, told) = streamed(&text, "big.data");
        assert_eq!(out.story.articles.len(), 2997);
        assert!(told.len() >= 2, "{told:?}");
    }

    #[test]
    fn a_first_line_longer_than_the_first_block_is_read_whole() {
        let text = big_jsonl(200, FIRST_BLOCK * 2);
        let (out, told) = streamed(&text, "long.data");
        assert_eq!(out.story.articles.len(), 199);
        assert_eq!(told, vec![199], "not streamed: {told:?}");
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
