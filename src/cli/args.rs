//! Command-line arguments (clap derive): the commands, their options and
//! `--help`. Turning them into work is [`super::commands`]' job.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use crossread::corpus::LoadOptions;
use crossread::session::Inputs;

const EXAMPLES: &str = "\
Examples:
  crossread                          open the reader on the bundled story
  crossread articles/                every .json/.jsonl/.txt/.md file in a folder, as one story
  crossread a.txt b.md c.json        several files make one story
  curl -s URL | crossread -          read an article or story from stdin
  crossread list --json              one JSON object describing the articles
  crossread check articles/          validate input, show what the sanitiser removed
  crossread quotes --speaker yang    Ivy Yang's quotes in every source (fuzzy name)
  crossread search 'sarah foth'      passages matching a query, best first

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
    /// Direct quotes grouped by speaker; speakers quoted by several sources first.
    Quotes {
        #[command(flatten)]
        input: InputArgs,
        /// Only this speaker (fuzzy: `yang`, `foth`).
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
        /// Print one JSON object (schema in README.md).
        #[arg(long)]
        json: bool,
    },
    /// Passages matching QUERY, best first (like `fzf --filter`).
    #[command(
        after_help = "Query syntax: terms are ANDed; a | b is OR; 'exact, ^start, end$, !exclude;\n\
        \\<space> is a literal space. A capital letter makes a term case-sensitive."
    )]
    Search {
        /// The query (fzf extended syntax).
        query: String,
        #[command(flatten)]
        input: InputArgs,
        /// Treat each line of FILE as a passage (the same file fzf would read).
        #[arg(long, value_name = "FILE", conflicts_with = "paths")]
        lines: Option<PathBuf>,
        /// Print at most N matches.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// The speaker registry: name, roles, sources quoting them, quote count.
    Speakers {
        #[command(flatten)]
        input: InputArgs,
        /// Print one JSON object (schema in README.md).
        #[arg(long)]
        json: bool,
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
    /// What to load: these paths (none: the bundled story) under this limit.
    pub fn inputs(&self) -> Inputs {
        Inputs {
            paths: self.paths.clone(),
            options: self.options(),
        }
    }

    pub fn options(&self) -> LoadOptions {
        LoadOptions {
            max_file_size: self.max_file_size,
        }
    }
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
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
