//! The article model: a story is a set of articles about one event.
//! Imports nothing of the project.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::sanitize::SanitizeReport;

/// One story: several sources' articles about the same event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub articles: Vec<Article>,
}

/// One source's article. Text is already sanitised (see [`super::sanitize`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier; for a file input, the file name without extension.
    pub id: String,
    /// Short neutral name for column headers ("Source 1", a file stem, ...).
    #[serde(default)]
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Author(s), as the page or feed gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    pub paragraphs: Vec<String>,
    /// Where the article was loaded from (a path, `<stdin>` or `<bundled>`).
    #[serde(skip)]
    pub origin: Arc<str>,
    /// What the sanitiser removed from this article's text.
    #[serde(skip)]
    pub sanitized: SanitizeReport,
    /// What its input was read as: "JSON", "text", "HTML page", "RSS feed", ...
    #[serde(skip)]
    pub format: &'static str,
}

impl Article {
    /// Number of whitespace-separated words in the article's paragraphs.
    pub fn word_count(&self) -> usize {
        self.paragraphs.iter().map(|p| count_words(p)).sum()
    }

    /// Total bytes of paragraph text.
    pub fn text_len(&self) -> usize {
        self.paragraphs.iter().map(String::len).sum()
    }
}

impl Story {
    /// Total bytes of paragraph text in the story.
    pub fn text_len(&self) -> usize {
        self.articles.iter().map(Article::text_len).sum()
    }
}

/// True if `text` holds white space beyond ASCII (then only
/// [`char::is_whitespace`] splits it as [`str::split_whitespace`] does; else
/// the ASCII white space bytes do).
pub(super) fn has_wide_space(text: &str) -> bool {
    // Whitespace beyond ASCII starts with one of these bytes (U+0085,
    // U+00A0; U+1680; U+2000..U+205F; U+3000); typographic quotes and
    // dashes too, so each such character is decoded and looked at.
    let bytes = text.as_bytes();
    memchr::memchr3_iter(0xc2, 0xe2, 0xe3, bytes)
        .chain(memchr::memchr_iter(0xe1, bytes))
        .any(|i| text[i..].chars().next().is_some_and(char::is_whitespace))
}

/// True if `text` is words separated by single spaces and nothing else
/// (no other white space, none at either end, not empty): then its words
/// are what lies between its spaces. Most paragraphs are; checked with
/// SIMD searches, not a byte loop.
pub(super) fn single_spaced(text: &str) -> bool {
    let b = text.as_bytes();
    !b.is_empty()
        && b[0] != b' '
        && b[b.len() - 1] != b' '
        && memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
        && memchr::memchr2(0x0b, 0x0c, b).is_none()
        && memchr::memmem::find(b, b"  ").is_none()
        && !has_wide_space(text)
}

/// `text.split_whitespace().count()`, on bytes: ASCII is not decoded, and
/// only characters beyond ASCII are (a word count of every article is a
/// pass over all the text).
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    if single_spaced(text) {
        // The common case, counted on SIMD: one more word than spaces.
        return memchr::memchr_iter(b' ', bytes).count() + 1;
    }
    if !has_wide_space(text) {
        // Word starts: a non-space byte after a space (or first); other
        // bytes beyond ASCII are in words. Branch free, so the compiler
        // vectorises it.
        let space = |b: u8| b == b' ' || b.wrapping_sub(b'\t') < 5;
        let first = bytes.first().is_some_and(|&b| !space(b));
        return usize::from(first)
            + bytes
                .iter()
                .zip(&bytes[1.min(bytes.len())..])
                .map(|(&a, &b)| usize::from(space(a) & !space(b)))
                .sum::<usize>();
    }
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b < 0x80 {
            // As `char::is_whitespace` for ASCII (vertical tab included).
            (matches!(b, b' ' | b'\t'..=b'\r'), 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            }
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
        i += len;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::{count_words, single_spaced};

    #[test]
    fn single_spaced_is_words_and_single_spaces_only() {
        for (text, want) in [
            ("one", true),
            ("two words", true),
            ("“Quoted,” she said — twice…", true),
            ("", false),
            (" lead", false),
            ("trail ", false),
            ("two  spaces", false),
            ("tab\there", false),
            ("line\nbreak", false),
            ("vt\u{b}x", false),
            ("no\u{a0}break", false),
        ] {
            assert_eq!(single_spaced(text), want, "{text:?}");
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\nnewline\r\nand\x0bvertical\x0cfeed",
            "\x0e\x08 \x1f controls are no spaces ",
            "x",
            " x",
            "no\u{a0}break\u{2003}em\u{3000}ideographic\u{85}next",
            "“Quoted,” she said — twice…",
            "小红书 and émile\u{200b}zero-width",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }
}
