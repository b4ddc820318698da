//! Command-line arguments (clap derive): the commands, their options and
//! `--help`. Turning them into work is [`super::commands`]' job.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use crossread::corpus::{self, FetchOptions, LoadOptions, NewsboatOptions};
use crossread::session::Inputs;

const EXAMPLES: &str = "\
Examples:
  crossread                          open the reader on the bundled story
  crossread articles/                every .json/.jsonl/.txt/.md file in a folder, as one story
  crossread a.txt b.md c.json        several files make one story
  crossread https://a.example/x https://b.example/y
                                     fetch pages (in parallel) and extract their articles
  crossread feed.xml                 every item of an RSS/Atom/JSON feed (file or URL)
  crossread --newsboat --since 2d    newsboat's items of the last two days
  curl -s URL | crossread -          read a page, feed, article or story from stdin
  crossread list --json              one JSON object describing the articles
  crossread export URL... > s.json   pages and feeds as story JSON (crossread s.json reads it)
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
    /// Files, folders, URLs, or - for stdin. None: the bundled story.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Refuse files larger than this many bytes (suffixes K, M, G allowed).
    /// URLs are refused over 32M or this, whichever is smaller.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size, global = true)]
    pub max_file_size: u64,

    /// Give up on a URL after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = corpus::DEFAULT_TIMEOUT_SECS, global = true)]
    pub timeout: u64,

    /// Keep fetched pages in the user's cache directory
    /// (~/.cache/crossread/http) and reuse them instead of fetching again.
    #[arg(long, global = true)]
    pub cache: bool,

    /// For feed items that carry only a summary, fetch and extract the item's page.
    #[arg(long, global = true)]
    pub full: bool,

    /// Also read newsboat's cache: its items, newest first (default cache:
    /// ~/.newsboat/cache.db, else ~/.local/share/newsboat/cache.db).
    #[arg(long, value_name = "CACHE_DB", num_args = 0..=1, global = true)]
    pub newsboat: Option<Option<PathBuf>>,

    /// With --newsboat: only items published in this last while (30m, 12h, 2d, 1w).
    #[arg(long, value_name = "AGE", value_parser = parse_age, requires = "newsboat", global = true)]
    pub since: Option<u64>,

    /// Only one story of the input: its number in `crossread stories`, or
    /// text from its headline.
    #[arg(long, value_name = "N|TEXT", global = true)]
    pub story: Option<String>,
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
    /// Validate input: what each input became, every problem, what the sanitiser removed.
    Check {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Write what loaded (pages, feeds, files) as story JSON; `crossread -` reads it back.
    Export {
        #[command(flatten)]
        input: InputArgs,
        /// One article object per line (JSONL) instead of one story object.
        #[arg(long)]
        jsonl: bool,
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
    /// Which articles cover the same story: one line per story, largest first.
    #[command(
        after_help = "Each line: number, sources, date span, headline, article ids. Articles no\n\
        other source covers are listed last, under 'single-source'."
    )]
    Stories {
        #[command(flatten)]
        input: InputArgs,
        /// Print one JSON object: {\"stories\": [{id, title, articles, sources, first, last}]}.
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

/// Parses `90s`, `30m`, `12h`, `2d`, `1w` (a bare number is seconds) into seconds.
fn parse_age(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 's')) => (&s[..i], 1u64),
        Some((i, 'm')) => (&s[..i], 60),
        Some((i, 'h')) => (&s[..i], 3600),
        Some((i, 'd')) => (&s[..i], 86_400),
        Some((i, 'w')) => (&s[..i], 7 * 86_400),
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("'{s}' is not an age (e.g. 30m, 12h, 2d, 1w)"))
}

impl InputArgs {
    /// What to load: these paths (none: the bundled story) under this limit.
    pub fn inputs(&self) -> Inputs {
        Inputs {
            paths: self.paths.clone(),
            options: self.options(),
            story: self.story.clone(),
        }
    }

    pub fn options(&self) -> LoadOptions {
        LoadOptions {
            max_file_size: self.max_file_size,
            fetch: FetchOptions {
                timeout_secs: self.timeout,
                cache: self.cache,
                full: self.full,
                ..FetchOptions::default()
            },
            progress: None,
            newsboat: self.newsboat.clone().map(|cache| NewsboatOptions {
                cache,
                since: self.since.map(|age| {
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs());
                    i64::try_from(now.saturating_sub(age)).unwrap_or(i64::MAX)
                }),
            }),
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
    fn ages_parse() {
        assert_eq!(parse_age("90"), Ok(90));
        assert_eq!(parse_age("30m"), Ok(1800));
        assert_eq!(parse_age("2d"), Ok(172_800));
        assert_eq!(parse_age("1w"), Ok(604_800));
        assert!(parse_age("soon").is_err());
        assert!(parse_age("99999999999999999w").is_err());
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
