//! Command-line arguments and the non-interactive commands.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use serde_json::json;
use unicode_width::UnicodeWidthStr;

use crate::analysis::Analysis;
use crate::corpus::{self, LoadOptions, LoadOutcome, Story};

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

/// The widest of `cells` in terminal cells, clamped to `min..=max`.
fn widest<'a>(cells: impl Iterator<Item = &'a str>, min: usize, max: usize) -> usize {
    cells
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(min)
        .clamp(min, max)
}

/// SGR codes (bold, dim, reset), empty when stdout gets no colour.
fn sgr() -> (&'static str, &'static str, &'static str) {
    if stdout_color() {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
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
    let id_w = widest(story.articles.iter().map(|a| a.id.as_str()), 2, 28);
    let label_w = widest(story.articles.iter().map(|a| a.label.as_str()), 5, 20);
    let (b, _, r) = sgr();
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

/// The `--json` document of `quotes` and `speakers`: stable, scripts use it.
pub fn analysis_json(story: &Story, an: &Analysis, only: Option<&[usize]>) -> serde_json::Value {
    let article_id = |i: usize| story.articles[i].id.clone();
    let keep = |q: usize| only.is_none_or(|o| o.contains(&q));
    let quotes: Vec<_> = an
        .quotes
        .iter()
        .filter(|q| keep(q.id))
        .map(|q| {
            json!({
                "id": q.id,
                "article": article_id(q.article),
                "paragraph": q.paragraph,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": an.speaker_name(q),
                "descriptor": q.descriptor,
                "role": q.role,
                "group": q.group,
            })
        })
        .collect();
    let speakers: Vec<_> = an
        .speakers_by_reach()
        .into_iter()
        .map(|s| &an.speakers[s])
        .filter(|s| s.quotes.iter().any(|&q| keep(q)))
        .map(|s| {
            json!({
                "name": s.name,
                "roles": s.roles,
                "articles": s.articles.iter().map(|&a| article_id(a)).collect::<Vec<_>>(),
                "quotes": s.quotes,
                "organisation": s.organisation,
            })
        })
        .collect();
    let groups: Vec<_> = an
        .groups
        .iter()
        .filter(|g| g.quotes.iter().any(|&q| keep(q)))
        .map(|g| {
            json!({
                "id": g.id,
                "quotes": g.quotes,
                "kind": g.kind,
                "similarity": (g.similarity * 1000.0).round() / 1000.0,
                "attributions_differ": g.attributions_differ,
            })
        })
        .collect();
    let articles: Vec<_> = story
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            json!({
                "id": a.id,
                "label": a.label,
                "title": a.title,
                "people": an.people.get(i),
            })
        })
        .collect();
    let terms: Vec<_> = an
        .terms
        .iter()
        .map(|t| {
            json!({
                "article": article_id(t.article),
                "paragraph": t.paragraph,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "kind": t.kind,
            })
        })
        .collect();
    json!({
        "story": { "id": story.id, "title": story.title },
        "articles": articles,
        "quotes": quotes,
        "speakers": speakers,
        "groups": groups,
        "terms": terms,
    })
}

/// `crossread quotes`: quotes grouped by speaker, most-quoted-across-sources first.
pub fn quotes(
    out: &mut impl Write,
    story: &Story,
    an: &Analysis,
    speaker: Option<&str>,
    as_json: bool,
) -> io::Result<bool> {
    let speakers: Vec<usize> = match speaker {
        Some(q) => an.find_speakers(q),
        None => an.speakers_by_reach(),
    };
    if speaker.is_some() && speakers.is_empty() {
        return Ok(false);
    }
    let chosen: Vec<usize> = speakers
        .iter()
        .flat_map(|&s| an.speakers[s].quotes.iter().copied())
        .collect();
    if as_json {
        let only = speaker.map(|_| chosen.as_slice());
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&analysis_json(story, an, only)).unwrap_or_default()
        )?;
        return Ok(true);
    }
    let (b, d, r) = sgr();
    let print_quote = |out: &mut dyn Write, q: &crate::analysis::Quote| -> io::Result<()> {
        let a = &story.articles[q.article];
        let group = q.group.map(|g| format!(" [group {g}]")).unwrap_or_default();
        writeln!(
            out,
            "  {d}{} ¶{}{group}{r}  “{}”",
            a.label,
            q.paragraph + 1,
            q.text
        )
    };
    for &s in &speakers {
        let sp = &an.speakers[s];
        let sources = sp.articles.len();
        let roles = if sp.roles.is_empty() {
            String::new()
        } else {
            format!(" ({})", sp.roles.join("; "))
        };
        writeln!(
            out,
            "{b}{}{r}{roles} — {} quote(s), {sources} source(s)",
            sp.name,
            sp.quotes.len()
        )?;
        for &q in &sp.quotes {
            print_quote(out, &an.quotes[q])?;
        }
    }
    if speaker.is_none() {
        let anonymous: Vec<_> = an.quotes.iter().filter(|q| q.speaker.is_none()).collect();
        if !anonymous.is_empty() {
            writeln!(out, "{b}Unnamed speakers{r} — {} quote(s)", anonymous.len())?;
            for q in anonymous {
                let who = q.descriptor.as_deref().unwrap_or("unattributed");
                let a = &story.articles[q.article];
                writeln!(
                    out,
                    "  {d}{} ¶{} ({who}){r}  “{}”",
                    a.label,
                    q.paragraph + 1,
                    q.text
                )?;
            }
        }
    }
    Ok(true)
}

/// `crossread speakers`: the registry.
pub fn speakers(
    out: &mut impl Write,
    story: &Story,
    an: &Analysis,
    as_json: bool,
) -> io::Result<()> {
    if as_json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&analysis_json(story, an, None)["speakers"])
                .unwrap_or_default()
        )?;
        return Ok(());
    }
    let name_w = widest(an.speakers.iter().map(|s| s.name.as_str()), 4, 30);
    let (b, _, r) = sgr();
    writeln!(
        out,
        "{b}{} {:>7} {:>6}  SOURCES / ROLES{r}",
        fit("NAME", name_w),
        "QUOTES",
        "SHARED"
    )?;
    for s in an.speakers_by_reach() {
        let sp = &an.speakers[s];
        let labels: Vec<&str> = sp
            .articles
            .iter()
            .map(|&a| story.articles[a].label.as_str())
            .collect();
        let roles = if sp.roles.is_empty() {
            String::new()
        } else {
            format!(" — {}", sp.roles.join("; "))
        };
        writeln!(
            out,
            "{} {:>7} {:>6}  {}{roles}",
            fit(&sp.name, name_w),
            sp.quotes.len(),
            if sp.is_shared() { "yes" } else { "" },
            labels.join(", ")
        )?;
    }
    Ok(())
}

/// Wraps highlighted char ranges of `text` in bold/reverse for a terminal.
fn paint(text: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut r = ranges.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        if r.peek().is_some_and(|x| x.start == i) {
            out.push_str("\x1b[1;7m");
        }
        out.push(c);
        if r.peek().is_some_and(|x| x.end == i + 1) {
            out.push_str("\x1b[0m");
            r.next();
        }
    }
    out
}

/// `crossread search`: ranked passages. `labels[i]` names passage i's place
/// (empty for `--lines`). Returns the number of matches.
pub fn search(
    out: &mut impl Write,
    query: &str,
    texts: &[&str],
    labels: &dyn Fn(usize) -> Option<(String, usize)>,
    limit: Option<usize>,
    as_json: bool,
) -> io::Result<usize> {
    use crate::search::{Query, highlights, rank, scan};
    let q = Query::parse(query);
    // One query: scanning beats building an index first.
    let mut hits = scan(&q, texts);
    rank(&mut hits, texts);
    let total = hits.len();
    let shown = &hits[..limit.unwrap_or(total).min(total)];
    if as_json {
        let list: Vec<_> = shown
            .iter()
            .map(|h| {
                let p = h.passage as usize;
                let hl: Vec<[usize; 2]> = highlights(texts[p], &q).into_iter().map(|r| [r.start, r.end]).collect();
                let (article, paragraph) = labels(p).map_or((None, None), |(a, pa)| (Some(a), Some(pa)));
                json!({ "article": article, "paragraph": paragraph, "line": article.is_none().then_some(p + 1), "score": h.score, "text": texts[p], "highlights": hl })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({ "query": query, "total": total, "hits": list }))
                .unwrap_or_default()
        )?;
        return Ok(total);
    }
    let color = stdout_color();
    for h in shown {
        let p = h.passage as usize;
        let text = if color {
            paint(texts[p], &highlights(texts[p], &q))
        } else {
            texts[p].to_string()
        };
        match labels(p) {
            Some((label, para)) if color => {
                writeln!(out, "\x1b[2m{label} ¶{}\x1b[0m  {text}", para + 1)?
            }
            Some((label, para)) => writeln!(out, "{label} ¶{}  {text}", para + 1)?,
            None => writeln!(out, "{text}")?,
        }
    }
    Ok(total)
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
