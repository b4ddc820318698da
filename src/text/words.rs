//! Words: what a word character is, and one iterator over the words of a
//! text with their char offsets (what highlights and spans are measured
//! in) and byte offsets (for slicing without copying).

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

/// Characters that make up words: letters and digits of any script, and
/// combining marks (so `é` written as `e` + `◌́` stays one word).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    /// Char offsets in the text.
    pub chars: Range<usize>,
    /// Byte offsets in the text.
    pub bytes: Range<usize>,
}

/// The words of `text`: maximal runs of [`is_word_char`], in order.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        rest: text.char_indices(),
        char_pos: 0,
    }
}

/// Iterator returned by [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    rest: std::str::CharIndices<'a>,
    char_pos: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let (start_byte, start_char) = loop {
            let (b, c) = self.rest.next()?;
            self.char_pos += 1;
            if is_word_char(c) {
                break (b, self.char_pos - 1);
            }
        };
        let mut end_byte = self.text.len();
        let mut end_char = self.char_pos;
        for (b, c) in self.rest.by_ref() {
            self.char_pos += 1;
            if !is_word_char(c) {
                end_byte = b;
                end_char = self.char_pos - 1;
                break;
            }
            end_char = self.char_pos;
        }
        Some(Word {
            text: &self.text[start_byte..end_byte],
            chars: start_char..end_char,
            bytes: start_byte..end_byte,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).map(|w| w.text).collect()
    }

    #[test]
    fn splits_on_anything_but_letters_digits_and_marks() {
        assert_eq!(texts("Hi, it's 2025!"), ["Hi", "it", "s", "2025"]);
        assert_eq!(texts("  "), Vec::<&str>::new());
        assert_eq!(texts("e\u{301}mile—zola"), ["e\u{301}mile", "zola"]);
        assert_eq!(texts("小红书 app"), ["小红书", "app"]);
    }

    #[test]
    fn offsets_are_chars_and_bytes() {
        let w: Vec<Word> = words("¿Qué pasó?").collect();
        assert_eq!(w[0].chars, 1..4);
        assert_eq!(w[0].bytes, 2..6);
        assert_eq!(w[1].chars, 5..9);
        assert_eq!(&"¿Qué pasó?"[w[1].bytes.clone()], "pasó");
    }
}
