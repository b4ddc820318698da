//! Reading inputs: command-line paths into inputs (folders list their
//! supported files, `-` is stdin), and bytes under a size limit that is
//! checked before anything is read. Also the `search --lines` reader.
//!
//! Owns: [`LoadOptions`], size limits, stdin, I/O error wording.
//! Imports only `corpus` siblings; nothing else of the project.

use std::borrow::Cow;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::diagnostic::Diagnostic;
use super::fetch::{FetchOptions, Progress, is_url};
use super::format::{Format, format_for};
use super::newsboat::NewsboatOptions;
use super::sanitize::sanitize_cow;

/// Default per-file size limit: 256 MiB.
const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files (and stdin) larger than this are refused, not read.
    pub max_file_size: u64,
    /// How URLs are fetched (their size limit is the smaller of the two).
    pub fetch: FetchOptions,
    /// Told as URLs finish loading: for a progress line on a terminal.
    pub progress: Option<Progress>,
    /// Also load newsboat's cached items.
    pub newsboat: Option<NewsboatOptions>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            fetch: FetchOptions::default(),
            progress: None,
            newsboat: None,
        }
    }
}

impl LoadOptions {
    /// The fetch options with the size limit no larger than `max_file_size`.
    pub(super) fn fetch_options(&self) -> FetchOptions {
        FetchOptions {
            max_bytes: self.fetch.max_bytes.min(self.max_file_size),
            ..self.fetch
        }
    }
}

/// One input to read: a named file or stdin, and how to parse it.
#[derive(Debug, Clone, Default)]
pub(super) struct Input {
    /// Shown in diagnostics; every article read from the input shares it.
    pub(super) name: Arc<str>,
    /// Default article id: the file name without extension.
    pub(super) stem: String,
    pub(super) format: Format,
    /// Where a fetched page came from (after redirects): relative links
    /// and the article's URL.
    pub(super) url: Option<String>,
    /// The charset the HTTP response declared.
    pub(super) charset: Option<String>,
}

impl Input {
    /// A URL to fetch: named by the URL, its id from the last path segment.
    pub(super) fn url(url: &str) -> Self {
        let path = url
            .split_once("://")
            .map_or(url, |(_, rest)| rest)
            .split(['?', '#'])
            .next()
            .unwrap_or("");
        let segment = path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("page");
        let stem = segment.rsplit_once('.').map_or(segment, |(s, _)| s);
        Self {
            name: url.into(),
            stem: if stem.is_empty() { "page" } else { stem }.to_string(),
            url: Some(url.to_string()),
            ..Self::default()
        }
    }

    /// True for a URL input (fetched, not read).
    pub(super) fn is_remote(&self) -> bool {
        self.url.is_some()
    }

    pub(super) fn stdin() -> Self {
        Self {
            name: "<stdin>".into(),
            stem: "stdin".into(),
            ..Self::default()
        }
    }
}

/// Reads a file (or stdin for `-`), refusing anything over the size limit
/// without reading it all; the error names the file.
fn read_limited(path: &Path, opts: &LoadOptions) -> Result<Vec<u8>, Diagnostic> {
    if path.as_os_str() == "-" {
        return read_input(&Input::stdin(), None, opts);
    }
    read_input(&input_for(path), Some(path), opts)
}

/// `search --lines`: a file (or stdin) read as text under the size limit,
/// invalid UTF-8 replaced. Split it into passages with [`sanitized_lines`].
pub fn read_text(path: &Path, opts: &LoadOptions) -> Result<String, Diagnostic> {
    let bytes = read_limited(path, opts)?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Each line of `text` (as [`str::lines`] splits them), sanitised in
/// parallel, borrowed when already clean: only lines holding control or
/// bidi characters are copied.
pub fn sanitized_lines(text: &str) -> Vec<Cow<'_, str>> {
    split_lines(text)
        .par_iter()
        .map(|l| sanitize_cow(l).0)
        .collect()
}

/// The lines of `text` exactly as [`str::lines`] gives them (a final line
/// break ends the last line; `\r\n` counts as one), found with `memchr`.
fn split_lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        // Both ends sit on ASCII bytes, so the slices are on char boundaries.
        let line = &text[start..end];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < bytes.len() {
        lines.push(&text[start..]);
    }
    lines
}

pub(super) fn input_for(path: &Path) -> Input {
    Input {
        name: path.display().to_string().into(),
        stem: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "article".into()),
        format: format_for(path).unwrap_or(Format::Sniff),
        ..Input::default()
    }
}

/// Turns one command-line path into inputs; folders list their supported files.
pub(super) fn expand_path(
    path: &Path,
    inputs: &mut Vec<(Input, Option<PathBuf>)>,
    diags: &mut Vec<Diagnostic>,
) {
    if path.as_os_str() == "-" {
        inputs.push((Input::stdin(), None));
        return;
    }
    if let Some(url) = path.to_str().filter(|p| is_url(p)) {
        inputs.push((Input::url(url), None));
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
            "folder has no supported files (.json, .jsonl, .ndjson, .txt, .md, .html, .rss, .atom, .xml)",
        ));
    } else if unsupported > 0 {
        diags.push(Diagnostic::warning(
            &name,
            format!(
                "ignored {unsupported} {} with unsupported extensions",
                if unsupported == 1 { "file" } else { "files" }
            ),
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

pub(super) fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads a file or stdin, refusing anything over the size limit without
/// reading it all into memory.
pub(super) fn read_input(
    input: &Input,
    path: Option<&Path>,
    opts: &LoadOptions,
) -> Result<Vec<u8>, Diagnostic> {
    let mut opened = Opened::new(input, path, opts)?;
    // Sized from the file, so a large file is read without regrowing.
    let mut bytes = Vec::with_capacity(opened.capacity);
    opened.read_rest(&mut bytes)?;
    Ok(bytes)
}

/// An input opened for reading under the size limit (a file over it is
/// refused before anything is read), read whole or block by block.
pub(super) struct Opened {
    name: String,
    reader: Box<dyn Read>,
    /// The file's size (+1), when known: room for reading it whole.
    capacity: usize,
    limit: u64,
    /// Bytes read so far.
    read: u64,
}

impl Opened {
    pub(super) fn new(
        input: &Input,
        path: Option<&Path>,
        opts: &LoadOptions,
    ) -> Result<Self, Diagnostic> {
        let limit = opts.max_file_size;
        let mut capacity = 0usize;
        let reader: Box<dyn Read> = match path {
            Some(p) => {
                let file = fs::File::open(p)
                    .map_err(|e| Diagnostic::error(&*input.name, io_message(&e)))?;
                if let Ok(meta) = file.metadata()
                    && meta.is_file()
                {
                    if meta.len() > limit {
                        return Err(too_big(
                            &input.name,
                            &format!("file is {}", human_size(meta.len())),
                            limit,
                        ));
                    }
                    // +1: reading to the end probes one byte past the last.
                    capacity = usize::try_from(meta.len()).unwrap_or(0).saturating_add(1);
                }
                Box::new(file)
            }
            None => Box::new(std::io::stdin().lock()),
        };
        Ok(Self {
            name: input.name.to_string(),
            reader,
            capacity,
            limit,
            read: 0,
        })
    }

    /// The file's size (+1) when known, else 0: room to read it whole.
    pub(super) fn capacity(&self) -> usize {
        self.capacity
    }

    /// Appends at most `n` more bytes to `bytes` (fewer only at the end);
    /// the number appended, 0 at the end. An error past the size limit (the
    /// file grew after it was checked, or a pipe): read at most limit+1.
    pub(super) fn read_block(
        &mut self,
        bytes: &mut Vec<u8>,
        n: usize,
    ) -> Result<usize, Diagnostic> {
        let room = (self.limit.saturating_add(1) - self.read.min(self.limit.saturating_add(1)))
            .min(n as u64);
        let got = (&mut self.reader)
            .take(room)
            .read_to_end(bytes)
            .map_err(|e| Diagnostic::error(&self.name, io_message(&e)))?;
        self.read += got as u64;
        if self.read > self.limit {
            return Err(too_big(&self.name, "input is larger", self.limit));
        }
        Ok(got)
    }

    /// Appends the rest of the input to `bytes`.
    pub(super) fn read_rest(&mut self, bytes: &mut Vec<u8>) -> Result<(), Diagnostic> {
        self.read_block(bytes, usize::MAX).map(|_| ())
    }
}

fn too_big(name: &str, size: &str, limit: u64) -> Diagnostic {
    Diagnostic::error(
        name,
        format!(
            "{size}, over the {} limit; not read (raise it with --max-file-size)",
            human_size(limit)
        ),
    )
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn lines_split_like_str_lines() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r\n\r\nb",
            "a\rb\n",
            "trailing cr\r",
            "\n\nx\n\n",
            "é\n€\r\n日本",
        ] {
            let want: Vec<&str> = text.lines().collect();
            assert_eq!(split_lines(text), want, "{text:?}");
        }
    }

    #[test]
    fn only_unclean_lines_are_copied() {
        let lines = sanitized_lines("plain\nbad\u{1b}[31mred\nrtl \u{202e}x\n");
        assert!(matches!(lines[0], Cow::Borrowed("plain")));
        assert_eq!(lines[1], "badred");
        assert_eq!(lines[2], "rtl x");
        assert!(matches!(lines[1], Cow::Owned(_)));
    }
}
