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
use super::format::{Format, Parsed, parse_input};
use super::model::Story;
use super::read::{Input, LoadOptions, expand_path, input_for, read_input};

/// The bundled story, embedded so the binary works from any directory.
pub const BUNDLED_STORY_JSON: &str = include_str!("../../data/story.json");

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

/// Loads every path (files, folders, `-` for stdin) into one story.
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> LoadOutcome {
    let mut out = LoadOutcome::default();
    let mut inputs = Vec::new();
    for path in paths {
        expand_path(path, &mut inputs, &mut out.diagnostics);
    }

    // Reading and parsing are independent per file; order is kept by collect.
    let stdin_used = inputs.iter().filter(|(_, p)| p.is_none()).count() > 1;
    if stdin_used {
        out.diagnostics.push(Diagnostic::warning(
            "<stdin>",
            "stdin given more than once; read once",
        ));
    }
    let mut seen_stdin = false;
    inputs.retain(|(_, p): &(Input, Option<PathBuf>)| {
        p.is_some() || !std::mem::replace(&mut seen_stdin, true)
    });

    let parsed: Vec<Parsed> = inputs
        .par_iter()
        .map(
            |(input, path)| match read_input(input, path.as_deref(), opts) {
                Ok(bytes) => parse_input(input, &bytes),
                Err(d) => Parsed {
                    diagnostics: vec![d],
                    ..Parsed::default()
                },
            },
        )
        .collect();

    let mut stories = Vec::new();
    let mut candidates = Vec::new();
    for p in parsed {
        out.diagnostics.extend(p.diagnostics);
        if let Some(s) = p.story {
            stories.push(s);
        }
        candidates.extend(p.articles);
    }

    let (articles, diagnostics) = assemble(candidates);
    out.story.articles = articles;
    out.diagnostics.extend(diagnostics);
    let (id, title) = story_name(&stories, paths, &out.story.articles);
    out.story.id = id;
    out.story.title = title;
    out
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
