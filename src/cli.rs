//! Command-line arguments and the non-interactive commands.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use serde_json::json;
use unicode_width::UnicodeWidthStr;

use crate::corpus::{self, LoadOptions, LoadOutcome, Story};

const EXAMPLES: &str = "\
Examples:
  crossread                          open the reader on the bundled story
  crossread articles/                every .json/.jsonl/.txt/.md file in a folder, as one story
  crossread a.txt b.md c.json        several files make one story
  curl -s URL | crossread -          read an article or story from stdin
  crossread list --json              one JSON object describing the articles
  crossread check articles/          validate input, show what the sanitiser removed

Exit status: 0 everything loaded, 1 some input was skipped, 2 nothing usable
loaded or the arguments are wrong.";

#[derive(Debug, Parser)]
#[command(
    name = "crossread",
    version,
    about = "Read how several news sources cover one story, side by side",
    long_about = "Read how several news sources cover one story, side by side.\n\n\
        With no PATH, opens the bundled story (US TikTok users moving to RedNote).",
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub reader: ReaderArgs,
}

#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Files, folders, or - for stdin. None: the bundled story.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Refuse files larger than this many bytes (suffixes K, M, G allowed).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size, global = true)]
    pub max_file_size: u64,
}

#[derive(Debug, Clone, Args)]
pub struct ReaderArgs {
    /// Turn on mouse capture: wheel scrolling and click-to-focus.
    #[arg(long)]
    pub mouse: bool,

    /// Never write to the clipboard (OSC 52); `y` then only shows the quote.
    #[arg(long)]
    pub no_clipboard: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One row per article: id, label, title, paragraphs, words.
    List {
        #[command(flatten)]
        input: InputArgs,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate input: print every problem and what the sanitiser removed.
    Check {
        #[command(flatten)]
        input: InputArgs,
    },
}

/// Parses `1024`, `64K`, `256M`, `1G` (binary units).
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&s[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("'{s}' is not a size (e.g. 1048576, 64K, 256M, 1G)"))
}

impl InputArgs {
    pub fn load(&self) -> LoadOutcome {
        if self.paths.is_empty() {
            LoadOutcome {
                story: corpus::load_bundled(),
                diagnostics: Vec::new(),
            }
        } else {
            corpus::load_paths(
                &self.paths,
                &LoadOptions {
                    max_file_size: self.max_file_size,
                },
            )
        }
    }
}

/// Whether to colour output written to stdout.
pub fn stdout_color() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints load diagnostics to stderr, one per line.
pub fn report_diagnostics(outcome: &LoadOutcome) {
    let mut err = io::stderr().lock();
    for d in &outcome.diagnostics {
        let _ = writeln!(err, "crossread: {d}");
    }
    if outcome.story.articles.is_empty() && !outcome.diagnostics.is_empty() {
        let _ = writeln!(err, "crossread: nothing usable loaded");
    }
}

/// Pads or truncates `s` to exactly `width` terminal cells.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total = s.width();
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        let room = if total > width {
            width.saturating_sub(1)
        } else {
            width
        };
        if used + w > room {
            out.push('…');
            used += 1;
            break;
        }
        out.push(c);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

pub fn list(out: &mut impl Write, story: &Story, as_json: bool) -> io::Result<()> {
    if as_json {
        let articles: Vec<_> = story
            .articles
            .iter()
            .map(|a| {
                json!({
                    "id": a.id,
                    "label": a.label,
                    "title": a.title,
                    "source": a.source,
                    "date": a.date,
                    "url": a.url,
                    "paragraphs": a.paragraphs.len(),
                    "words": a.word_count(),
                    "origin": a.origin,
                })
            })
            .collect();
        let doc =
            json!({ "story": { "id": story.id, "title": story.title }, "articles": articles });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        )?;
        return Ok(());
    }
    let id_w = story
        .articles
        .iter()
        .map(|a| a.id.width())
        .max()
        .unwrap_or(2)
        .clamp(2, 28);
    let label_w = story
        .articles
        .iter()
        .map(|a| a.label.width())
        .max()
        .unwrap_or(5)
        .clamp(5, 20);
    let bold = stdout_color();
    let (b, r) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    writeln!(
        out,
        "{b}{} {} {:>5} {:>6}  TITLE{r}",
        fit("ID", id_w),
        fit("LABEL", label_w),
        "PARAS",
        "WORDS"
    )?;
    for a in &story.articles {
        writeln!(
            out,
            "{} {} {:>5} {:>6}  {}",
            fit(&a.id, id_w),
            fit(&a.label, label_w),
            a.paragraphs.len(),
            a.word_count(),
            fit(a.title.as_deref().unwrap_or("-"), 60).trim_end()
        )?;
    }
    Ok(())
}

/// `crossread check`: every problem, and what the sanitiser removed.
/// Returns true if there was any problem.
pub fn check(out: &mut impl Write, outcome: &LoadOutcome) -> io::Result<bool> {
    for a in &outcome.story.articles {
        let removed = if a.sanitized.is_clean() {
            String::new()
        } else {
            format!("; sanitised: {}", a.sanitized)
        };
        writeln!(
            out,
            "ok: {} [{}]: {} paragraphs, {} words{removed}",
            a.origin,
            a.id,
            a.paragraphs.len(),
            a.word_count()
        )?;
    }
    for d in &outcome.diagnostics {
        writeln!(out, "{d}")?;
    }
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    writeln!(
        out,
        "{} article(s) loaded, {errors} error(s), {warnings} warning(s)",
        outcome.story.articles.len()
    )?;
    Ok(!outcome.diagnostics.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("64K"), Ok(64 * 1024));
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }

    #[test]
    fn fit_counts_cells_not_bytes() {
        assert_eq!(fit("小红书", 6), "小红书");
        assert_eq!(fit("小红书", 5), "小红…");
        assert_eq!(fit("ab", 4), "ab  ");
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
