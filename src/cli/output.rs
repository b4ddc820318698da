//! Human-readable output: styles (anstyle, plain when stdout gets no
//! colour), cell-width padding, highlighted matches, diagnostics on stderr.

use std::io::{self, Write};
use std::ops::Range;

use anstyle::Style;
use crossread::session::Session;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The styles of the table and listing output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Palette {
    /// Headings and names.
    pub strong: Style,
    /// Places (label ¶n).
    pub faint: Style,
    /// Matched characters in `search`.
    pub hit: Style,
}

impl Palette {
    /// Styled when `color`, else every style is plain (writes nothing).
    pub fn new(color: bool) -> Self {
        if !color {
            return Self::default();
        }
        Self {
            strong: Style::new().bold(),
            faint: Style::new().dimmed(),
            hit: Style::new().bold().invert(),
        }
    }
}

/// Stdout for commands: once the reader of a pipe has gone
/// (`crossread list | head -1`), the rest of the output is dropped quietly
/// and the command still ends with its own status (a failed load stays 2).
pub struct Output<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> Output<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            closed: false,
        }
    }

    fn absorb<T>(&mut self, result: io::Result<T>, quiet: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(quiet)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.absorb(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.absorb(result, ())
    }
}

/// One line on stderr, `crossread: ` first. Never panics (`eprintln!`
/// does when stderr fails: a full disk, a closed pipe).
pub fn warn(message: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "crossread: {message}");
}

/// Prints load diagnostics to stderr, one per line.
pub fn report_diagnostics(session: &Session) {
    let mut err = io::stderr().lock();
    for d in &session.diagnostics {
        let _ = writeln!(err, "crossread: {d}");
    }
    if session.is_empty() && !session.diagnostics.is_empty() {
        let _ = writeln!(err, "crossread: nothing usable loaded");
    }
}

/// The widest of `cells` in terminal cells, clamped to `min..=max`.
pub fn widest<'a>(cells: impl Iterator<Item = &'a str>, min: usize, max: usize) -> usize {
    cells
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(min)
        .clamp(min, max)
}

/// Pads or truncates `s` to exactly `width` terminal cells.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total = s.width();
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
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

/// `text` with the char ranges in `style`.
pub fn paint(text: &str, ranges: &[Range<usize>], style: Style) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 12);
    let mut r = ranges.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        if r.peek().is_some_and(|x| x.start == i) {
            out.push_str(&style.render().to_string());
        }
        out.push(c);
        if r.peek().is_some_and(|x| x.end == i + 1) {
            out.push_str(&style.render_reset().to_string());
            r.next();
        }
    }
    out
}

/// The progress line while URLs load (stderr is a terminal): rewritten in
/// place, erased when the last one is done.
pub fn fetch_progress(done: usize, total: usize) {
    let mut err = std::io::stderr().lock();
    let _ = if done < total {
        write!(err, "\r\x1b[2Kfetching: {done}/{total} URLs done")
    } else {
        write!(err, "\r\x1b[2K")
    };
    let _ = err.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_cells_not_bytes() {
        assert_eq!(fit("小红书", 6), "小红书");
        assert_eq!(fit("小红书", 5), "小红…");
        assert_eq!(fit("ab", 4), "ab  ");
    }

    #[test]
    fn paint_wraps_ranges() {
        let hit = Palette::new(true).hit;
        let painted = paint("abcd", &[1..3, 3..4], hit);
        assert_eq!(
            painted,
            format!("a{0}bc{1}{0}d{1}", hit.render(), hit.render_reset())
        );
        assert!(painted.contains("\x1b["));
    }

    #[test]
    fn no_colour_is_no_escape() {
        let p = Palette::new(false);
        for s in [p.strong, p.faint, p.hit] {
            assert_eq!(format!("{}{}", s.render(), s.render_reset()), "");
        }
    }
}
