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
    pub paragraphs: Paragraphs,
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
        self.paragraphs.iter().map(count_words).sum()
    }

    /// Total bytes of paragraph text.
    pub fn text_len(&self) -> usize {
        self.paragraphs.text_len()
    }
}

/// An article's paragraphs, kept as one text and where each paragraph
/// ends: one allocation per article, not one per paragraph. A 10k-article
/// story has 100k paragraphs, and a `String` each cost a 24-byte header
/// and the allocator's own overhead besides the text; read-only after
/// loading, the text needs neither. Read as a list of `&str`.
///
/// Each paragraph also knows whether it [`is_ascii_typographic`], found
/// as it is pushed (the text is in cache then): the search's first
/// keystrokes would otherwise read the whole story to find it out.
#[derive(Clone, Default)]
pub struct Paragraphs {
    text: String,
    /// The end of each paragraph in `text` (a paragraph starts where the
    /// one before it ends), with [`ASCII_TYPOGRAPHIC`] set for a paragraph
    /// that is: a bit no end needs (a `String` holds at most `isize::MAX`
    /// bytes), so the flag costs no memory.
    ends: Vec<usize>,
}

/// The bit of a paragraph's end that says it [`is_ascii_typographic`].
const ASCII_TYPOGRAPHIC: usize = 1 << (usize::BITS - 1);

/// Whether `text` is ASCII but for characters of Unicode's General
/// Punctuation block (U+2000..=U+206F: typographic quotes, dashes, spaces,
/// the ellipsis), which news text is full of. Such text needs no folding
/// to be searched: no character of it is a letter beyond ASCII.
pub fn is_ascii_typographic(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // ASCII 16 bytes at a time (a fold without early exit, so the
        // compiler vectorises it); the rest one character at a time.
        while let Some(chunk) = bytes.get(i..i + 16) {
            if chunk.iter().fold(0, |any, &b| any | b) >= 0x80 {
                break;
            }
            i += 16;
        }
        match bytes.get(i..) {
            None | Some([]) => return true,
            Some([b, ..]) if *b < 0x80 => i += 1,
            // U+2000..=U+206F in UTF-8: E2 80 xx and E2 81 80..=AF.
            Some([0xe2, 0x80, _, ..] | [0xe2, 0x81, 0x80..=0xaf, ..]) => i += 3,
            Some(_) => return false,
        }
    }
}

impl Paragraphs {
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for `paragraphs` paragraphs of `bytes` in all.
    pub fn with_capacity(paragraphs: usize, bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(paragraphs),
        }
    }

    pub fn push(&mut self, paragraph: &str) {
        self.push_flagged(paragraph, is_ascii_typographic(paragraph));
    }

    /// [`Self::push`] of a paragraph whose [`is_ascii_typographic`] is
    /// known (the sanitiser's pass finds it; false: not known).
    pub(super) fn push_flagged(&mut self, paragraph: &str, ascii_typographic: bool) {
        self.text.push_str(paragraph);
        let flag = if ascii_typographic {
            ASCII_TYPOGRAPHIC
        } else {
            0
        };
        self.ends.push(self.text.len() | flag);
    }

    /// Where paragraph `i` ends in `text` (its flag taken off).
    fn end(&self, i: usize) -> Option<usize> {
        self.ends.get(i).map(|e| e & !ASCII_TYPOGRAPHIC)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Bytes of paragraph text in all.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = self.end(i)?;
        let start = match i.checked_sub(1) {
            Some(before) => self.end(before)?,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// Whether paragraph `i` is known to be [`is_ascii_typographic`]
    /// (false past the last, and for paragraphs read from JSON as they
    /// are: the loader pushes them again once sanitised).
    pub fn is_ascii_typographic(&self, i: usize) -> bool {
        self.ends.get(i).is_some_and(|e| e & ASCII_TYPOGRAPHIC != 0)
    }

    /// The paragraphs, each with whether it [`is_ascii_typographic`].
    pub fn iter_flagged(&self) -> impl ExactSizeIterator<Item = (&str, bool)> + '_ {
        self.iter()
            .enumerate()
            .map(|(i, p)| (p, self.is_ascii_typographic(i)))
    }

    pub fn first(&self) -> Option<&str> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&str> {
        self.get(self.len().checked_sub(1)?)
    }

    pub fn iter(&self) -> ParagraphIter<'_> {
        ParagraphIter {
            paragraphs: self,
            front: 0,
            back: self.len(),
        }
    }

    /// Asks the processor to fetch, without waiting, the byte where each
    /// paragraph but the first starts: slicing a paragraph out reads it
    /// (to check it begins a character), and in a large story that read
    /// is a cache miss per paragraph. Fetched an article ahead, the misses
    /// overlap instead of following one another.
    pub fn prefetch(&self) {
        #[cfg(target_arch = "x86_64")]
        for &start in &self.ends[..self.ends.len().saturating_sub(1)] {
            if let Some(b) = self.text.as_bytes().get(start & !ASCII_TYPOGRAPHIC) {
                safe_arch::prefetch_t0(b);
            }
        }
    }

    /// The paragraphs joined with `sep` between them.
    pub fn join(&self, sep: &str) -> String {
        self.iter().collect::<Vec<_>>().join(sep)
    }

    /// The paragraphs as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }

    /// Gives back memory beyond the text (after building by pushes).
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// The paragraphs of a [`Paragraphs`], in order.
#[derive(Clone, Debug)]
pub struct ParagraphIter<'a> {
    paragraphs: &'a Paragraphs,
    front: usize,
    back: usize,
}

impl<'a> Iterator for ParagraphIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.front >= self.back {
            return None;
        }
        self.front += 1;
        self.paragraphs.get(self.front - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for ParagraphIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front >= self.back {
            return None;
        }
        self.back -= 1;
        self.paragraphs.get(self.back)
    }
}

impl ExactSizeIterator for ParagraphIter<'_> {}

impl<'a> IntoIterator for &'a Paragraphs {
    type Item = &'a str;
    type IntoIter = ParagraphIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::ops::Index<usize> for Paragraphs {
    type Output = str;

    /// Panics past the last paragraph, as a slice does.
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(p) => p,
            None => panic!("paragraph {i} of {}", self.len()),
        }
    }
}

impl<S: AsRef<str>> FromIterator<S> for Paragraphs {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut out = Self::new();
        out.extend(iter);
        out
    }
}

impl<S: AsRef<str>> Extend<S> for Paragraphs {
    fn extend<I: IntoIterator<Item = S>>(&mut self, iter: I) {
        for p in iter {
            self.push(p.as_ref());
        }
    }
}

impl<S: AsRef<str>> From<Vec<S>> for Paragraphs {
    /// Packed at their exact size.
    fn from(paragraphs: Vec<S>) -> Self {
        let bytes = paragraphs.iter().map(|p| p.as_ref().len()).sum();
        let mut out = Self::with_capacity(paragraphs.len(), bytes);
        out.extend(paragraphs);
        out
    }
}

/// The same paragraphs, whatever is known of them.
impl PartialEq for Paragraphs {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
            && self.len() == other.len()
            && (0..self.len()).all(|i| self.end(i) == other.end(i))
    }
}

impl Eq for Paragraphs {}

impl<S: AsRef<str>> PartialEq<[S]> for Paragraphs {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Paragraphs {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Paragraphs {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl std::fmt::Debug for Paragraphs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Paragraphs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Paragraphs {
    /// A list of strings, each pushed as it is read: no allocation per
    /// paragraph (a JSON input's 100k paragraphs were as many short-lived
    /// strings). The same errors as a `Vec<String>`.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{DeserializeSeed, SeqAccess, Visitor};
        struct List;
        struct Item<'p>(&'p mut Paragraphs);
        impl<'de> Visitor<'de> for List {
            type Value = Paragraphs;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Paragraphs, A::Error> {
                let mut out = Paragraphs::with_capacity(seq.size_hint().unwrap_or(0).min(4096), 0);
                while seq.next_element_seed(Item(&mut out))?.is_some() {}
                Ok(out)
            }
        }
        impl<'de> DeserializeSeed<'de> for Item<'_> {
            type Value = ();
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_str(self)
            }
        }
        impl<'de> Visitor<'de> for Item<'_> {
            type Value = ();
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
                // Not flagged: raw text, sanitised and flagged later.
                self.0.push_flagged(v, false);
                Ok(())
            }
        }
        deserializer.deserialize_seq(List)
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
    use super::{Paragraphs, count_words, is_ascii_typographic, single_spaced};

    /// ASCII and General Punctuation only, wherever the characters fall
    /// against the 16-byte chunks: a letter beyond ASCII, a character just
    /// past the block (superscript zero, U+2070) or the euro sign is not.
    #[test]
    fn ascii_typographic_is_ascii_and_general_punctuation_only() {
        let yes = [
            "",
            "plain words",
            "\u{201c}Quoted,\u{201d} she said \u{2014} twice\u{2026}",
            "\u{2000}\u{200b}\u{2028}\u{202e}\u{206f}",
            "\u{2060} word joiner",
        ];
        let no = [
            "caf\u{e9}",
            "x\u{2070}",
            "\u{20ac}5",
            "\u{a0}",
            "\u{300}",
            "\u{1f600}",
        ];
        for pad in 0..40 {
            let a = "a".repeat(pad);
            for t in yes {
                for text in [format!("{a}{t}"), format!("{t}{a}"), format!("{a}{t}{a}")] {
                    assert!(is_ascii_typographic(&text), "{text:?}");
                }
            }
            for t in no {
                for text in [format!("{a}{t}"), format!("{t}{a}"), format!("{a}{t}{a}")] {
                    assert!(!is_ascii_typographic(&text), "{text:?}");
                }
            }
        }
    }

    /// Every way of making paragraphs from text flags each one as it is,
    /// and reads the text back unchanged.
    #[test]
    fn paragraphs_know_which_are_ascii_typographic() {
        let list = ["one", "Z\u{fc}rich", "\u{201c}two\u{201d}", "", "\u{e9}"];
        let json: Paragraphs =
            serde_json::from_str(&serde_json::to_string(&list).unwrap()).unwrap();
        let from_vec = Paragraphs::from(list.to_vec());
        // Read from JSON, nothing is known; the same paragraphs still.
        assert_eq!(json.iter_flagged().filter(|(_, f)| *f).count(), 0);
        assert_eq!(json, from_vec);
        for p in [from_vec.clone(), list.iter().collect()] {
            assert_eq!(p, list);
            let flags: Vec<bool> = p.iter_flagged().map(|(_, f)| f).collect();
            assert_eq!(flags, [true, false, true, true, false]);
            assert_eq!(
                (0..6)
                    .map(|i| p.is_ascii_typographic(i))
                    .collect::<Vec<_>>(),
                [true, false, true, true, false, false]
            );
        }
    }

    /// Fetching ahead reads nothing and slices nothing: any paragraphs,
    /// empty ones at the end included (their start is the text's end).
    #[test]
    fn prefetching_any_paragraphs_is_harmless() {
        for paragraphs in [
            &[][..],
            &["one"],
            &["one", "two"],
            &["a", "", ""],
            &["", ""],
        ] {
            let mut p = Paragraphs::new();
            for t in paragraphs {
                p.push(t);
            }
            p.prefetch();
            assert_eq!(p.iter().collect::<Vec<_>>(), paragraphs.to_vec());
        }
    }

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

    #[test]
    fn paragraphs_read_as_the_list_they_were_made_from() {
        let list = ["“We will rebuild,” she said.", "", "小红书 é", "Last."];
        let p = Paragraphs::from(list.to_vec());
        assert_eq!(p.len(), 4);
        assert_eq!(p, list);
        assert_eq!(p.iter().collect::<Vec<_>>(), list);
        assert_eq!(
            p.iter().rev().collect::<Vec<_>>(),
            [list[3], list[2], list[1], list[0]]
        );
        // From both ends at once, as far as they meet.
        let mut it = p.iter();
        assert_eq!((it.next(), it.next_back()), (Some(list[0]), Some(list[3])));
        assert_eq!(it.len(), 2);
        assert_eq!((it.next(), it.next_back()), (Some(list[1]), Some(list[2])));
        assert_eq!((it.next(), it.next_back()), (None, None));
        assert_eq!((&p[2], p.get(4)), ("小红书 é", None));
        assert_eq!((p.first(), p.last()), (Some(list[0]), Some(list[3])));
        assert_eq!(p.text_len(), list.iter().map(|l| l.len()).sum::<usize>());
        assert_eq!(p.join("|"), list.join("|"));
        assert_eq!(format!("{p:?}"), format!("{list:?}"));
        let empty = Paragraphs::new();
        assert!(empty.is_empty() && empty.first().is_none() && empty.last().is_none());
        assert_eq!(empty.iter().count(), 0);
    }

    #[test]
    fn paragraphs_are_json_lists_of_strings() {
        let p: Paragraphs = ["One.", "Two \"quoted\"."].iter().collect();
        let json = serde_json::to_string(&p).expect("serialised");
        assert_eq!(json, r#"["One.","Two \"quoted\"."]"#);
        let back: Paragraphs = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, p);
        assert!(serde_json::from_str::<Paragraphs>("[1]").is_err());
    }

    #[test]
    fn paragraphs_read_from_json_fail_as_a_list_of_strings_would() {
        for bad in [
            "5",
            "[1]",
            r#"["a", 2]"#,
            r#"["a""#,
            "{}",
            r#"["\ud800"]"#,
            "null",
        ] {
            let ours = serde_json::from_str::<Paragraphs>(bad).map(|p| p.to_vec());
            let list = serde_json::from_str::<Vec<String>>(bad);
            assert_eq!(
                ours.map_err(|e| e.to_string()),
                list.map_err(|e| e.to_string()),
                "{bad}"
            );
        }
        let escaped: Paragraphs =
            serde_json::from_str(r#"["tab\there", "\u00e9t\u00e9", ""]"#).unwrap();
        assert_eq!(escaped, ["tab\there", "été", ""]);
    }
}
