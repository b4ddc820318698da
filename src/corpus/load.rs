//! Loaders for what users bring: story JSON, article JSON, arrays, JSONL,
//! plain text and Markdown, folders of those, and stdin.
//!
//! Every problem becomes a one-line [`Diagnostic`] naming the file (and line
//! and column where there is one); one bad file or line never stops the
//! others from loading.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::diagnostic::Diagnostic;
use super::model::{Article, Story};
use super::sanitize::{SanitizeReport, sanitize};

/// Default per-file size limit: 256 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// The bundled story, embedded so the binary works from any directory.
pub const BUNDLED_STORY_JSON: &str = include_str!("../../data/story.json");

/// Lines at most this long in a text block are taken as hard-wrapped prose
/// and joined into one paragraph; longer lines are each a paragraph.
const HARD_WRAP_MAX: usize = 100;

/// A first line longer than this is text, not a title.
const TITLE_MAX_CHARS: usize = 150;

#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Files (and stdin) larger than this are refused, not read.
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// A loaded story and everything that went wrong loading it.
#[derive(Debug, Clone, Default)]
pub struct LoadOutcome {
    pub story: Story,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadOutcome {
    /// True if some input was skipped (any error-level diagnostic).
    pub fn skipped_any(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Process exit status: 0 all loaded, 1 some input skipped, 2 nothing usable.
    pub fn exit_code(&self) -> i32 {
        if self.story.articles.is_empty() {
            2
        } else if self.skipped_any() {
            1
        } else {
            0
        }
    }
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

/// Reads a file (or stdin for `-`), refusing anything over the size limit
/// without reading it all; the error names the file.
pub fn read_limited(path: &Path, opts: &LoadOptions) -> Result<Vec<u8>, Diagnostic> {
    if path.as_os_str() == "-" {
        let input = Input {
            name: "<stdin>".into(),
            stem: "stdin".into(),
            format: Format::Sniff,
        };
        return read_input(&input, None, opts);
    }
    read_input(&input_for(path), Some(path), opts)
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
    finish(&mut out, parsed.articles);
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
    inputs.retain(|(_, p)| p.is_some() || !std::mem::replace(&mut seen_stdin, true));

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
    finish(&mut out, candidates);

    let (id, title) = match (stories.as_slice(), paths) {
        ([only], _) => only.clone(),
        (_, [single]) if single.is_dir() => {
            let name = single
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| single.display().to_string());
            (slug(&name), sanitize(&name).0)
        }
        _ => match out.story.articles.as_slice() {
            [one] => (
                one.id.clone(),
                one.title.clone().unwrap_or(one.label.clone()),
            ),
            many => ("story".into(), format!("{} articles", many.len())),
        },
    };
    out.story.id = id;
    out.story.title = title;
    out
}

/// How a file's bytes are to be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    JsonLines,
    Text,
    Markdown,
    /// Unknown extension or stdin: decided by looking at the content.
    Sniff,
}

#[derive(Debug, Clone)]
struct Input {
    /// Shown in diagnostics.
    name: String,
    /// Default article id: the file name without extension.
    stem: String,
    format: Format,
}

fn format_for(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "md" | "markdown" => Format::Markdown,
        "txt" | "text" => Format::Text,
        _ => return None,
    })
}

fn input_for(path: &Path) -> Input {
    Input {
        name: path.display().to_string(),
        stem: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "article".into()),
        format: format_for(path).unwrap_or(Format::Sniff),
    }
}

/// Turns one command-line path into inputs; folders list their supported files.
fn expand_path(
    path: &Path,
    inputs: &mut Vec<(Input, Option<PathBuf>)>,
    diags: &mut Vec<Diagnostic>,
) {
    if path.as_os_str() == "-" {
        let input = Input {
            name: "<stdin>".into(),
            stem: "stdin".into(),
            format: Format::Sniff,
        };
        inputs.push((input, None));
        return;
    }
    let name = path.display().to_string();
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            diags.push(Diagnostic::error(&name, io_message(&e)));
            return;
        }
    };
    if !meta.is_dir() {
        inputs.push((input_for(path), Some(path.to_path_buf())));
        return;
    }
    let entries = match fs::read_dir(path) {
        Ok(rd) => rd,
        Err(e) => {
            diags.push(Diagnostic::error(&name, io_message(&e)));
            return;
        }
    };
    let mut files = Vec::new();
    let mut unsupported = 0usize;
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(&name, io_message(&e)));
                continue;
            }
        };
        let p = entry.path();
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden || p.is_dir() {
            continue;
        }
        // A FIFO or device in a folder would block or never end: regular
        // files only (an explicit path may still be a pipe, like <(cmd)).
        if !fs::metadata(&p).is_ok_and(|m| m.is_file()) {
            if format_for(&p).is_some() {
                diags.push(Diagnostic::warning(
                    p.display().to_string(),
                    "not a regular file; skipped",
                ));
            }
            continue;
        }
        if format_for(&p).is_some() {
            files.push(p);
        } else {
            unsupported += 1;
        }
    }
    files.sort();
    if files.is_empty() {
        diags.push(Diagnostic::error(
            &name,
            "folder has no supported files (.json, .jsonl, .ndjson, .txt, .md)",
        ));
    } else if unsupported > 0 {
        diags.push(Diagnostic::warning(
            &name,
            format!("ignored {unsupported} file(s) with unsupported extensions"),
        ));
    }
    inputs.extend(files.into_iter().map(|p| (input_for(&p), Some(p))));
}

fn io_message(e: &std::io::Error) -> String {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    format!("cannot read: {what}")
}

fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads a file or stdin, refusing anything over the size limit without
/// reading it all into memory.
fn read_input(
    input: &Input,
    path: Option<&Path>,
    opts: &LoadOptions,
) -> Result<Vec<u8>, Diagnostic> {
    let limit = opts.max_file_size;
    let too_big = |size: String| {
        Diagnostic::error(
            &input.name,
            format!(
                "{size}, over the {} limit; not read (raise it with --max-file-size)",
                human_size(limit)
            ),
        )
    };
    let reader: Box<dyn Read> = match path {
        Some(p) => {
            let file =
                fs::File::open(p).map_err(|e| Diagnostic::error(&input.name, io_message(&e)))?;
            if let Ok(meta) = file.metadata()
                && meta.is_file()
                && meta.len() > limit
            {
                return Err(too_big(format!("file is {}", human_size(meta.len()))));
            }
            Box::new(file)
        }
        None => Box::new(std::io::stdin().lock()),
    };
    let mut bytes = Vec::new();
    // The file may grow after the size check (or be a pipe): read at most limit+1.
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(&input.name, io_message(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(too_big("input is larger".to_string()));
    }
    Ok(bytes)
}

/// Declares the article fields once for both shapes that carry them:
/// a plain article, and a top-level document that may also hold `articles`.
/// (`#[serde(flatten)]` would lose error positions and field paths.)
macro_rules! article_struct {
    ($(#[$meta:meta])* $name:ident $(<$lt:lifetime>)? { $($extra:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Deserialize)]
        struct $name $(<$lt>)? {
            #[serde(default)]
            id: Option<String>,
            #[serde(default)]
            label: Option<String>,
            #[serde(default)]
            source: Option<String>,
            #[serde(default)]
            title: Option<String>,
            #[serde(default)]
            date: Option<String>,
            #[serde(default)]
            url: Option<String>,
            #[serde(default)]
            paragraphs: Option<Vec<String>>,
            /// Alternative to `paragraphs`: one string, paragraphs split on blank lines.
            #[serde(default)]
            text: Option<String>,
            $($extra)*
        }
    };
}

article_struct!(
    /// An article as parsed, before sanitising and validation.
    RawArticle {}
);

article_struct!(
    /// A top-level JSON object: a story (has `articles`) or a single article.
    RawDocument<'a> {
        #[serde(default, borrow)]
        articles: Option<Vec<&'a RawValue>>,
    }
);

impl RawDocument<'_> {
    fn into_article(self) -> RawArticle {
        RawArticle {
            id: self.id,
            label: self.label,
            source: self.source,
            title: self.title,
            date: self.date,
            url: self.url,
            paragraphs: self.paragraphs,
            text: self.text,
        }
    }
}

/// One article found in an input, with where it came from.
#[derive(Debug)]
struct Candidate {
    raw: RawArticle,
    origin: String,
    /// 1-based line of the article in its file, for diagnostics.
    line: Option<usize>,
    /// Id to use when the article has none.
    default_id: String,
    /// Sanitiser report for text already sanitised whole (text files).
    pre_sanitized: Option<SanitizeReport>,
}

#[derive(Debug, Default)]
struct Parsed {
    articles: Vec<Candidate>,
    diagnostics: Vec<Diagnostic>,
    /// (id, title) if the input was a story document.
    story: Option<(String, String)>,
}

fn parse_input(input: &Input, bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    let err = |msg: String| Diagnostic::error(&input.name, msg);
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
        Format::Sniff => sniff(bytes),
        f => f,
    };
    if format == Format::JsonLines {
        parse_json_lines(input, bytes, &mut parsed);
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
        Format::Json => parse_json_document(input, text, &mut parsed),
        Format::Markdown => parse_text_file(input, text, true, &mut parsed),
        _ => parse_text_file(input, text, false, &mut parsed),
    }
    parsed
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

/// What a JSON value is, if it is not an object (serde would otherwise read
/// an array positionally as a struct and report a confusing field error).
fn not_an_object(json: &str) -> Option<&'static str> {
    match json.trim_start().as_bytes().first() {
        Some(b'{') | None => None,
        Some(b'[') => Some("an array"),
        Some(b'"') => Some("a string"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(b'n') => Some("null"),
        Some(_) => Some("a number"),
    }
}

/// 1-based (line, column) of a byte offset; column counts chars.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Deserializes `text`, keeping the path of the field at fault (`articles[2].paragraphs`).
fn from_json<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, (serde_json::Error, String)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        (e.into_inner(), path)
    })?;
    de.end().map_err(|e| (e, String::new()))?;
    Ok(value)
}

fn json_error(
    input: &Input,
    (e, path): &(serde_json::Error, String),
    base: (usize, usize),
) -> Diagnostic {
    // serde_json's message ends with " at line L column C": we give those
    // as the diagnostic's position instead.
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let (line, col) = if e.line() == 0 {
        base
    } else if e.line() == 1 {
        (base.0, base.1 + e.column().saturating_sub(1))
    } else {
        (base.0 + e.line() - 1, e.column())
    };
    let what = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            "JSON syntax error"
        }
        serde_json::error::Category::Data => "schema error",
        serde_json::error::Category::Io => "read error",
    };
    let field = if path.is_empty() || path == "." {
        String::new()
    } else {
        format!(" in `{path}`")
    };
    Diagnostic::error(&input.name, format!("{what}{field}: {msg}")).at(line, Some(col))
}

fn parse_json_document(input: &Input, text: &str, parsed: &mut Parsed) {
    let start = text.len() - text.trim_start().len();
    match text.as_bytes().get(start) {
        Some(b'[') => match from_json::<Vec<&RawValue>>(text) {
            Ok(items) => {
                for (i, raw) in items.into_iter().enumerate() {
                    parse_embedded_article(input, text, raw, i + 1, parsed);
                }
            }
            Err(e) => parsed.diagnostics.push(json_error(input, &e, (1, 1))),
        },
        Some(b'{') => match from_json::<RawDocument>(text) {
            Ok(mut doc) => match doc.articles.take() {
                Some(items) => {
                    let id = doc
                        .id
                        .map(|s| sanitize(&s).0)
                        .unwrap_or_else(|| input.stem.clone());
                    let title = doc.title.map(|s| sanitize(&s).0).unwrap_or_default();
                    parsed.story = Some((id, title));
                    if items.is_empty() {
                        parsed
                            .diagnostics
                            .push(Diagnostic::error(&input.name, "story has no articles"));
                    }
                    for (i, raw) in items.into_iter().enumerate() {
                        parse_embedded_article(input, text, raw, i + 1, parsed);
                    }
                }
                None => parsed.articles.push(Candidate {
                    raw: doc.into_article(),
                    origin: input.name.clone(),
                    line: Some(line_col(text, start).0),
                    default_id: input.stem.clone(),
                    pre_sanitized: None,
                }),
            },
            Err(e) => parsed.diagnostics.push(json_error(input, &e, (1, 1))),
        },
        _ => parsed.diagnostics.push(
            Diagnostic::error(
                &input.name,
                "schema error: expected a story object, an article object or an array of articles",
            )
            .at(line_col(text, start).0, Some(line_col(text, start).1)),
        ),
    }
}

/// Parses one article of a story or array; its errors are placed at its own
/// line in the file, and the other articles still load.
fn parse_embedded_article(
    input: &Input,
    text: &str,
    raw: &RawValue,
    index: usize,
    parsed: &mut Parsed,
) {
    let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let base = line_col(text, offset);
    match from_json::<RawArticle>(raw.get()) {
        Ok(article) => parsed.articles.push(Candidate {
            raw: article,
            origin: input.name.clone(),
            line: Some(base.0),
            default_id: format!("{}-{index}", input.stem),
            pre_sanitized: None,
        }),
        Err(e) => {
            let mut d = json_error(input, &e, base);
            d.message = format!("article {index}: {}", d.message);
            parsed.diagnostics.push(d);
        }
    }
}

fn parse_json_lines(input: &Input, bytes: &[u8], parsed: &mut Parsed) {
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = i + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let text = match std::str::from_utf8(line) {
            Ok(t) => t,
            Err(e) => {
                parsed.diagnostics.push(
                    Diagnostic::error(
                        &input.name,
                        format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                    )
                    .at(line_no, None),
                );
                continue;
            }
        };
        if let Some(found) = not_an_object(text) {
            parsed.diagnostics.push(
                Diagnostic::error(
                    &input.name,
                    format!("schema error: expected an article object, found {found}"),
                )
                .at(line_no, None),
            );
            continue;
        }
        match from_json::<RawArticle>(text) {
            Ok(raw) => parsed.articles.push(Candidate {
                raw,
                origin: input.name.clone(),
                line: Some(line_no),
                default_id: format!("{}-{line_no}", input.stem),
                pre_sanitized: None,
            }),
            Err(e) => parsed.diagnostics.push(json_error(input, &e, (line_no, 1))),
        }
    }
}

/// Plain text and Markdown. The first line is the title when it is a
/// `# heading` or reads as a headline (short, not ending like a sentence);
/// a first line that is a sentence stays a paragraph, so no text is lost.
/// Paragraphs are split on blank lines, or on every line break when the
/// file has no blank line at all. Lines repeating the title are dropped.
fn parse_text_file(input: &Input, text: &str, markdown: bool, parsed: &mut Parsed) {
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
        } else if headline && lines.iter().filter(|l| !l.is_empty()).count() > 1 {
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
            title,
            paragraphs: Some(paragraphs),
            ..RawArticle::default()
        },
        origin: input.name.clone(),
        line: None,
        default_id: input.stem.clone(),
        pre_sanitized: Some(report),
    });
}

fn sanitize_field(field: Option<String>, report: &mut SanitizeReport) -> Option<String> {
    let (clean, r) = sanitize(&field?);
    report.add(&r);
    // Metadata fields are single-line: line breaks become spaces.
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    (!clean.is_empty()).then_some(clean)
}

/// Splits a `text` field into paragraphs on blank lines.
fn split_text_field(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines
        .split(|l| l.is_empty())
        .filter(|b| !b.is_empty())
        .map(|b| b.join(" "))
        .collect()
}

/// Sanitises, validates and de-duplicates candidates into the story.
fn finish(out: &mut LoadOutcome, candidates: Vec<Candidate>) {
    let mut ids: HashSet<String> = HashSet::new();
    let mut by_text: HashMap<String, String> = HashMap::new();
    let mut number = 0usize;
    for c in candidates {
        let mut report = c.pre_sanitized.unwrap_or_default();
        let raw = c.raw;
        let mut paragraphs = Vec::new();
        for p in raw.paragraphs.unwrap_or_default() {
            let (clean, r) = sanitize(&p);
            report.add(&r);
            paragraphs.extend(split_text_field(&clean));
        }
        if let Some(t) = raw.text {
            let (clean, r) = sanitize(&t);
            report.add(&r);
            paragraphs.extend(split_text_field(&clean));
        }
        let diag = |msg: String| {
            let d = Diagnostic::error(&c.origin, msg);
            match c.line {
                Some(l) => d.at(l, None),
                None => d,
            }
        };
        let id_given = sanitize_field(raw.id, &mut report);
        let shown_id = id_given.clone().unwrap_or_else(|| c.default_id.clone());
        if paragraphs.is_empty() {
            out.diagnostics.push(diag(format!(
                "article '{shown_id}' has no text (no non-empty `paragraphs` or `text`)"
            )));
            continue;
        }
        let key = paragraphs
            .iter()
            .flat_map(|p| p.split_whitespace())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(first) = by_text.get(&key) {
            out.diagnostics.push(diag(format!(
                "article '{shown_id}' duplicates article '{first}' (same text); skipped"
            )));
            continue;
        }
        let mut id = sanitize(&shown_id).0;
        if ids.contains(&id) {
            let mut n = 2;
            while ids.contains(&format!("{id}-{n}")) {
                n += 1;
            }
            let mut d = diag(format!(
                "article id '{id}' is already used; renamed to '{id}-{n}'"
            ));
            d.severity = super::diagnostic::Severity::Warning;
            out.diagnostics.push(d);
            id = format!("{id}-{n}");
        }
        ids.insert(id.clone());
        by_text.insert(key, id.clone());
        number += 1;
        let source = sanitize_field(raw.source, &mut report);
        let label = sanitize_field(raw.label, &mut report)
            .or_else(|| source.clone())
            .unwrap_or_else(|| {
                if id.chars().count() <= 24 {
                    id.clone()
                } else {
                    format!("Article {number}")
                }
            });
        out.story.articles.push(Article {
            id,
            label,
            source,
            title: sanitize_field(raw.title, &mut report),
            date: sanitize_field(raw.date, &mut report),
            url: sanitize_field(raw.url, &mut report),
            paragraphs,
            origin: c.origin.clone(),
            sanitized: report,
        });
    }
}

/// A lowercase ASCII identifier from a name.
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "story".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, format: Format, text: &str) -> LoadOutcome {
        let input = Input {
            name: name.into(),
            stem: name.rsplit_once('.').map_or(name, |(s, _)| s).into(),
            format,
        };
        let parsed = parse_input(&input, text.as_bytes());
        let mut out = LoadOutcome {
            diagnostics: parsed.diagnostics,
            ..Default::default()
        };
        finish(&mut out, parsed.articles);
        out
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
    fn sniff_tells_jsonl_from_json() {
        assert_eq!(sniff(b"{\"a\":1}\n{\"a\":2}\n"), Format::JsonLines);
        assert_eq!(sniff(b"{\n \"a\": 1\n}\n"), Format::Json);
        assert_eq!(sniff(b"[1]"), Format::Json);
        assert_eq!(sniff(b"hello"), Format::Text);
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

    #[test]
    fn slug_is_ascii_dashes() {
        assert_eq!(slug("My Story: Part 2"), "my-story-part-2");
        assert_eq!(slug("!!!"), "story");
    }
}
