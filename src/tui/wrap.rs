//! Wrapping paragraphs into screen rows with textwrap's lower-level API, so
//! every row keeps the character offsets of the text it shows (highlights
//! and quotes are ranges of those offsets).

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One screen row of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Characters `start..end` (bytes `byte_start..byte_end`) of a paragraph.
    Text {
        paragraph: usize,
        start: usize,
        end: usize,
        byte_start: usize,
        byte_end: usize,
    },
    /// The blank row between paragraphs.
    Gap,
}

/// An article (or the filtered part of it) wrapped at one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrapped {
    pub rows: Vec<Row>,
}

impl Wrapped {
    /// First row showing paragraph `p` at or after char `offset`.
    pub fn row_of(&self, paragraph: usize, offset: usize) -> Option<usize> {
        let mut best = None;
        for (i, r) in self.rows.iter().enumerate() {
            if let Row::Text {
                paragraph: p,
                start,
                end,
                ..
            } = *r
                && p == paragraph
            {
                best.get_or_insert(i);
                if offset >= start && offset < end.max(start + 1) {
                    return Some(i);
                }
            }
        }
        best
    }
}

/// Wraps `paragraphs` (index, text) at `width` cells, a blank row between
/// paragraphs. Words wider than the column are broken; hard line breaks
/// inside a paragraph start new rows.
pub fn wrap<'a>(paragraphs: impl IntoIterator<Item = (usize, &'a str)>, width: usize) -> Wrapped {
    let width = width.max(1);
    let mut rows = Vec::new();
    for (n, (pi, text)) in paragraphs.into_iter().enumerate() {
        if n > 0 {
            rows.push(Row::Gap);
        }
        let (mut char_base, mut byte_base) = (0, 0);
        for line in text.split('\n') {
            wrap_line(line, pi, width, (char_base, byte_base), &mut rows);
            char_base += line.chars().count() + 1;
            byte_base += line.len() + 1;
        }
    }
    Wrapped { rows }
}

fn wrap_line(
    line: &str,
    paragraph: usize,
    width: usize,
    (char_base, byte_base): (usize, usize),
    rows: &mut Vec<Row>,
) {
    let words: Vec<Word<'_>> = break_words(WordSeparator::AsciiSpace.find_words(line), width);
    if words.is_empty() {
        rows.push(Row::Text {
            paragraph,
            start: char_base,
            end: char_base,
            byte_start: byte_base,
            byte_end: byte_base,
        });
        return;
    }
    let lines = wrap_first_fit(&words, &[width as f64]);
    let base = line.as_ptr() as usize;
    // Byte offsets of words come from their position in `line`; convert
    // to char offsets with one forward walk.
    let mut byte_to_char = ByteToChar::new(line);
    for l in lines {
        let (Some(first), Some(last)) = (l.first(), l.last()) else {
            continue;
        };
        let start = first.word.as_ptr() as usize - base;
        let end = last.word.as_ptr() as usize - base + last.word.len();
        rows.push(Row::Text {
            paragraph,
            start: char_base + byte_to_char.at(start),
            end: char_base + byte_to_char.at(end),
            byte_start: byte_base + start,
            byte_end: byte_base + end,
        });
    }
}

/// Monotone byte → char offset conversion.
struct ByteToChar<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> ByteToChar<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// `s` cut to at most `width` cells, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn texts(w: &Wrapped, paras: &[&str]) -> Vec<String> {
        w.rows
            .iter()
            .map(|r| match *r {
                Row::Text {
                    paragraph,
                    start,
                    end,
                    byte_start,
                    byte_end,
                } => {
                    let by_chars: String = paras[paragraph]
                        .chars()
                        .skip(start)
                        .take(end - start)
                        .collect();
                    assert_eq!(by_chars, paras[paragraph][byte_start..byte_end]);
                    by_chars
                }
                Row::Gap => "·".into(),
            })
            .collect()
    }

    #[test]
    fn wraps_words_and_keeps_offsets() {
        let p = ["one two three four", "five"];
        let w = wrap(p.iter().copied().enumerate(), 9);
        assert_eq!(texts(&w, &p), ["one two", "three", "four", "·", "five"]);
    }

    #[test]
    fn long_words_are_broken() {
        let p = ["abcdefghij"];
        let w = wrap(p.iter().copied().enumerate(), 4);
        assert_eq!(texts(&w, &p), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_fit_the_width() {
        let p = ["小红书小红书小红书 “quote” 👩‍👩‍👧 e\u{301}e\u{301}"];
        for width in 1..12 {
            let w = wrap(p.iter().copied().enumerate(), width);
            for line in texts(&w, &p) {
                assert!(line.width() <= width.max(2), "{line:?} at {width}");
            }
        }
    }

    #[test]
    fn row_of_finds_offsets() {
        let p = ["one two three four"];
        let w = wrap(p.iter().copied().enumerate(), 9);
        assert_eq!(w.row_of(0, 9), Some(1));
        assert_eq!(w.row_of(0, 0), Some(0));
    }

    #[test]
    fn truncate_fits_and_marks_the_cut() {
        assert_eq!(truncate("RedNote", 10), "RedNote");
        assert_eq!(truncate("RedNote", 7), "RedNote");
        assert_eq!(truncate("RedNote", 5), "RedN…");
        assert_eq!(truncate("小红书小红书", 5), "小红…");
        assert_eq!(truncate("abc", 0), "");
        for w in 0..12 {
            assert!(truncate("小红书 RedNote", w).width() <= w);
        }
    }
}
