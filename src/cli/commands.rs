//! The non-interactive commands, each over a [`Session`]: `list`, `check`,
//! `quotes`, `speakers`, `stories`, `search` (and `search --lines`). Each writes to
//! `out` and says how it went as an [`Exit`].

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use anstyle::Style;
use crossread::analysis::{Analysis, Quote};
use crossread::corpus::{self, LoadOptions};
use crossread::search::{Query, highlights, rank, scan, scan_lines};
use crossread::session::Session;
use crossread::text::count;
use rayon::prelude::*;

use super::Exit;
use super::json::{self, AnalysisDoc, ListDoc, SearchDoc, SearchHit, StoriesDoc};
use super::output::{self, Palette, fit, paint, report_diagnostics, widest};

/// `crossread list` (and the reader's stand-in when stdout is not a terminal).
pub fn list(
    out: &mut impl Write,
    session: &Session,
    as_json: bool,
    p: Palette,
) -> io::Result<Exit> {
    report_diagnostics(session);
    let story = &session.story;
    if as_json {
        json::write(out, &ListDoc::new(story))?;
        return Ok(session.status().into());
    }
    if story.articles.is_empty() {
        // Nothing loaded: the diagnostics said why; no empty table.
        return Ok(session.status().into());
    }
    let id_w = widest(story.articles.iter().map(|a| a.id.as_str()), 2, 28);
    let label_w = widest(story.articles.iter().map(|a| a.label.as_str()), 5, 20);
    let format_w = widest(story.articles.iter().map(|a| a.format), 6, 16);
    // Counted once, on both cores.
    let words: Vec<usize> = story.articles.par_iter().map(|a| a.word_count()).collect();
    let (b, r) = (p.strong.render(), p.strong.render_reset());
    writeln!(
        out,
        "{b}{} {} {} {:>5} {:>6}  TITLE{r}",
        fit("ID", id_w),
        fit("LABEL", label_w),
        fit("FORMAT", format_w),
        "PARAS",
        "WORDS"
    )?;
    for (a, words) in story.articles.iter().zip(words) {
        writeln!(
            out,
            "{} {} {} {:>5} {:>6}  {}",
            fit(&a.id, id_w),
            fit(&a.label, label_w),
            fit(a.format, format_w),
            a.paragraphs.len(),
            words,
            fit(a.title.as_deref().unwrap_or("-"), 60).trim_end()
        )?;
    }
    Ok(session.status().into())
}

/// `crossread stories`: one line per story (number, sources, date span,
/// headline, article ids), largest first; single-source articles last.
pub fn stories(
    out: &mut impl Write,
    session: &Session,
    as_json: bool,
    p: Palette,
) -> io::Result<Exit> {
    report_diagnostics(session);
    let story = &session.story;
    let clusters = session.stories();
    if as_json {
        json::write(out, &StoriesDoc::new(story, clusters))?;
        return Ok(session.status().into());
    }
    if clusters.is_empty() {
        return Ok(session.status().into());
    }
    let (b, r) = (p.strong.render(), p.strong.render_reset());
    let (f, fr) = (p.faint.render(), p.faint.render_reset());
    let num_w = clusters.len().to_string().len().max(1);
    writeln!(
        out,
        "{b}{:>num_w$} {:>3}  {}  {}  ARTICLES{r}",
        "#",
        "SRC",
        fit("DATES", 23),
        fit("TITLE", 60)
    )?;
    let mut single_heading = false;
    for (i, c) in clusters.iter().enumerate() {
        if c.single_source() && !single_heading {
            single_heading = true;
            writeln!(out, "{b}single-source{r}")?;
        }
        let dates = match (&c.first, &c.last) {
            (Some(a), Some(z)) if a == z => a.clone(),
            (Some(a), Some(z)) => format!("{a}..{z}"),
            _ => "-".to_string(),
        };
        let ids: Vec<&str> = c
            .articles
            .iter()
            .map(|&a| story.articles[a].id.as_str())
            .collect();
        writeln!(
            out,
            "{:>num_w$} {:>3}  {}  {}  {f}{}{fr}",
            i + 1,
            c.sources,
            fit(&dates, 23),
            fit(&c.title, 60),
            ids.join(" ")
        )?;
    }
    Ok(session.status().into())
}

/// `crossread export`: what loaded, from any input, as story JSON (the
/// README's schema; `crossread -` reads it back) or one article per line.
pub fn export(out: &mut impl Write, session: &Session, jsonl: bool) -> io::Result<Exit> {
    report_diagnostics(session);
    if session.is_empty() {
        return Ok(session.status().into());
    }
    if jsonl {
        for a in &session.story.articles {
            serde_json::to_writer(&mut *out, a)?;
            writeln!(out)?;
        }
    } else {
        serde_json::to_writer_pretty(&mut *out, &*session.story)?;
        writeln!(out)?;
    }
    Ok(session.status().into())
}

/// No command and stdout is not a terminal (a pipe, a script): what loaded.
pub fn piped(out: &mut impl Write, session: &Session) -> io::Result<Exit> {
    if session.is_empty() {
        report_diagnostics(session);
        return Ok(session.status().into());
    }
    list(out, session, false, Palette::default())
}

/// A page whose extracted article has fewer words than this is worth a
/// look: a paywall, a page built by scripts, or the wrong block found.
const LITTLE_PAGE_TEXT_WORDS: usize = 100;

/// `crossread check`: every problem, what each input became (format,
/// fields found), and what the sanitiser removed.
pub fn check(out: &mut impl Write, session: &Session) -> io::Result<Exit> {
    let mut little = 0usize;
    for a in &session.story.articles {
        let removed = if a.sanitized.is_clean() {
            String::new()
        } else {
            format!("; sanitised: {}", a.sanitized)
        };
        let fields: Vec<&str> = [
            ("title", &a.title),
            ("source", &a.source),
            ("byline", &a.byline),
            ("date", &a.date),
            ("url", &a.url),
        ]
        .iter()
        .filter(|(_, v)| v.is_some())
        .map(|(k, _)| *k)
        .collect();
        let fields = if fields.is_empty() {
            "no fields".to_string()
        } else {
            fields.join(", ")
        };
        writeln!(
            out,
            "ok: {} [{}]: {}; {fields}; {} paragraphs, {} words{removed}",
            a.origin,
            a.id,
            a.format,
            a.paragraphs.len(),
            a.word_count()
        )?;
        let words = a.word_count();
        if a.format == "HTML page" && words < LITTLE_PAGE_TEXT_WORDS {
            little += 1;
            writeln!(
                out,
                "{}: warning: the page yielded only {words} words of article text \
                 (paywall, page built by scripts, or not an article?)",
                a.origin
            )?;
        }
    }
    for d in &session.diagnostics {
        writeln!(out, "{d}")?;
    }
    let errors = session.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = session.diagnostics.len() - errors + little;
    writeln!(
        out,
        "{} loaded, {}, {}",
        count(session.story.articles.len(), "article", "articles"),
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings")
    )?;
    Ok(if session.is_empty() {
        Exit::Failure
    } else if session.diagnostics.is_empty() && little == 0 {
        Exit::Success
    } else {
        Exit::Partial
    })
}

/// `crossread quotes`: quotes grouped by speaker, most-quoted-across-sources first.
pub fn quotes(
    out: &mut impl Write,
    session: &Session,
    speaker: Option<&str>,
    as_json: bool,
    p: Palette,
) -> io::Result<Exit> {
    report_diagnostics(session);
    let (story, an) = (&session.story, session.analysis());
    let speakers: Vec<usize> = match speaker {
        Some(q) => an.find_speakers(q),
        None => an.speakers_by_reach(),
    };
    if let Some(name) = speaker
        && speakers.is_empty()
    {
        output::warn(format_args!("no speaker matches '{name}'"));
        return Ok(Exit::Partial);
    }
    if as_json {
        let chosen: Vec<usize> = speakers
            .iter()
            .flat_map(|&s| an.speakers[s].quotes.iter().copied())
            .collect();
        let only = speaker.map(|_| chosen.as_slice());
        json::write(out, &AnalysisDoc::new(story, an, only))?;
        return Ok(session.status().into());
    }
    let (b, r) = (p.strong.render(), p.strong.render_reset());
    let (d, dr) = (p.faint.render(), p.faint.render_reset());
    let print_quote = |out: &mut dyn Write, q: &Quote| -> io::Result<()> {
        let a = &story.articles[q.article];
        let group = q
            .group
            .map(|g| format!(" [group {}]", json::number(g)))
            .unwrap_or_default();
        // The speaker was not named by a cue next to the quote.
        let inferred = if q.basis.is_inferred() {
            " (inferred)"
        } else {
            ""
        };
        writeln!(
            out,
            "  {d}{} ¶{}{group}{inferred}{dr}  “{}”",
            a.label,
            json::number(q.paragraph),
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
            "{b}{}{r}{roles} — {}, {}",
            sp.name,
            count(sp.quotes.len(), "quote", "quotes"),
            count(sources, "source", "sources")
        )?;
        for &q in &sp.quotes {
            print_quote(out, &an.quotes[q])?;
        }
    }
    if speaker.is_none() {
        let anonymous: Vec<_> = an.quotes.iter().filter(|q| q.speaker.is_none()).collect();
        if !anonymous.is_empty() {
            writeln!(
                out,
                "{b}Unnamed speakers{r} — {}",
                count(anonymous.len(), "quote", "quotes")
            )?;
            for q in anonymous {
                let who = q.descriptor.as_deref().unwrap_or("unattributed");
                let a = &story.articles[q.article];
                writeln!(
                    out,
                    "  {d}{} ¶{} ({who}){dr}  “{}”",
                    a.label,
                    json::number(q.paragraph),
                    q.text
                )?;
            }
        }
    }
    Ok(session.status().into())
}

/// `crossread speakers`: the registry.
pub fn speakers(
    out: &mut impl Write,
    session: &Session,
    as_json: bool,
    p: Palette,
) -> io::Result<Exit> {
    report_diagnostics(session);
    let (story, an) = (&session.story, session.analysis());
    if as_json {
        json::write(out, &AnalysisDoc::new(story, an, None).speakers)?;
        return Ok(session.status().into());
    }
    speaker_table(out, session, an, p)?;
    Ok(session.status().into())
}

fn speaker_table(
    out: &mut impl Write,
    session: &Session,
    an: &Analysis,
    p: Palette,
) -> io::Result<()> {
    let name_w = widest(an.speakers.iter().map(|s| s.name.as_str()), 4, 30);
    let (b, r) = (p.strong.render(), p.strong.render_reset());
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
            .map(|&a| session.story.articles[a].label.as_str())
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

/// Where a passage of `search` came from: article (id, label) and
/// paragraph index, or nothing for `--lines`.
type Place<'a> = Option<((&'a str, &'a str), usize)>;

/// `crossread search` over a story.
pub fn search(
    out: &mut impl Write,
    session: &Session,
    query: &str,
    limit: Option<usize>,
    as_json: bool,
    p: Palette,
) -> io::Result<Exit> {
    report_diagnostics(session);
    let story = &session.story;
    let passages = session.passages();
    let place = |i: usize| {
        let (a, para) = passages.place(i);
        let article = &story.articles[a];
        Some(((article.id.as_str(), article.label.as_str()), para))
    };
    let found = ranked(out, query, &passages.texts, &place, limit, as_json, p)?;
    let status = Exit::from(session.status());
    Ok(if found == 0 {
        status.worst(Exit::Partial)
    } else {
        status
    })
}

/// `crossread search --lines FILE`: each line of the file is a passage.
/// A regular file within the size limit is read block by block (only the
/// matching lines are kept); anything else (stdin, a file over the limit,
/// one that cannot be read) goes through the same size-limited reader as
/// every other input, which names the problem.
pub fn search_lines(
    out: &mut impl Write,
    file: &Path,
    options: &LoadOptions,
    query: &str,
    limit: Option<usize>,
    as_json: bool,
    p: Palette,
) -> io::Result<Exit> {
    let q = Query::parse(query);
    let streamed = (file.as_os_str() != "-")
        .then(|| std::fs::File::open(file).ok())
        .flatten()
        .filter(|f| {
            f.metadata()
                .is_ok_and(|m| m.is_file() && m.len() <= options.max_file_size)
        })
        .and_then(|f| scan_lines(f, &q).ok())
        // Grown past the limit while being read: the reader says so.
        .filter(|scan| scan.bytes <= options.max_file_size);
    let scan = match streamed {
        Some(scan) => scan,
        None => match corpus::read_text(file, options) {
            Ok(text) => scan_lines(text.as_bytes(), &q)?,
            Err(d) => {
                output::warn(format_args!("{d}"));
                return Ok(Exit::Failure);
            }
        },
    };
    let mut hits = scan.hits;
    // Best first, then shorter, then earlier (as `rank` orders passages):
    // a total order (lines are distinct), so sorted unstably on both cores.
    hits.par_sort_unstable_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.text.len().cmp(&b.text.len()))
            .then(a.line.cmp(&b.line))
    });
    let found: Vec<Found<'_>> = hits
        .iter()
        .map(|h| Found {
            index: h.line,
            score: h.score,
            text: &h.text,
        })
        .collect();
    write_hits(out, query, &q, &found, &|_| None, limit, as_json, p)?;
    Ok(if found.is_empty() {
        Exit::Partial
    } else {
        Exit::Success
    })
}

/// A passage that matched: its index, score and text.
struct Found<'a> {
    index: usize,
    score: i64,
    text: &'a str,
}

/// Ranked passages matching `query`, best first; returns how many matched.
fn ranked<'a>(
    out: &mut impl Write,
    query: &str,
    texts: &[&str],
    place: &dyn Fn(usize) -> Place<'a>,
    limit: Option<usize>,
    as_json: bool,
    p: Palette,
) -> io::Result<usize> {
    let q = Query::parse(query);
    // One query: scanning beats building an index first.
    let mut hits = scan(&q, texts);
    rank(&mut hits, texts);
    let found: Vec<Found<'_>> = hits
        .iter()
        .map(|h| Found {
            index: h.passage as usize,
            score: h.score,
            text: texts[h.passage as usize],
        })
        .collect();
    write_hits(out, query, &q, &found, place, limit, as_json, p)?;
    Ok(found.len())
}

/// Writes ranked hits (the first `limit`), as text or JSON.
#[allow(clippy::too_many_arguments)]
fn write_hits<'a>(
    out: &mut impl Write,
    query: &str,
    q: &Query,
    found: &[Found<'_>],
    place: &dyn Fn(usize) -> Place<'a>,
    limit: Option<usize>,
    as_json: bool,
    p: Palette,
) -> io::Result<()> {
    let total = found.len();
    let shown = &found[..limit.unwrap_or(total).min(total)];
    if as_json {
        let hits = shown
            .iter()
            .map(|h| {
                let i = h.index;
                let (article, paragraph) = place(i).unzip();
                let (article, label) = article.unzip();
                SearchHit {
                    article,
                    label,
                    highlights: highlights(h.text, q)
                        .into_iter()
                        .map(|r| [r.start, r.end])
                        .collect(),
                    line: article.is_none().then_some(json::number(i)),
                    paragraph: paragraph.map(json::number),
                    score: h.score,
                    text: h.text,
                }
            })
            .collect();
        json::write(out, &SearchDoc { hits, query, total })?;
        return Ok(());
    }
    let (d, dr) = (p.faint.render(), p.faint.render_reset());
    let painted = p.hit != Style::new();
    for h in shown {
        let text = if painted {
            Cow::Owned(paint(h.text, &highlights(h.text, q), p.hit))
        } else {
            Cow::Borrowed(h.text)
        };
        match place(h.index) {
            Some(((_, label), para)) => {
                writeln!(out, "{d}{label} ¶{}{dr}  {text}", json::number(para))?
            }
            None => {
                out.write_all(text.as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}
