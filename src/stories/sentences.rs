//! Sentences and tokens as the story features see them: sentence ends,
//! which words start a sentence (where a capital says nothing), digit
//! groups kept whole; and sentence keys for finding shared furniture.

use crate::text::is_word_char;

/// A token as the scanner sees it.
pub(crate) struct Token<'a> {
    pub(crate) text: &'a str,
    /// First in its sentence (or after an opening quote or colon), where a
    /// capital letter says nothing about being a name.
    pub(crate) at_start: bool,
}

/// Calls `f` for each sentence (as its tokens) of `text`. Sentences end at
/// `.`, `!`, `?` and line breaks; `:` and quote marks only reset the
/// "sentence start" flag. A digit group keeps its `,` and `.` ("1,200").
pub(crate) fn sentences<'a>(text: &'a str, mut f: impl FnMut(&[Token<'a>])) {
    let mut tokens: Vec<Token<'a>> = Vec::new();
    let mut start_next = true;
    let mut word_start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII without decoding; other characters decoded one at a time.
        let (c, len) = if bytes[i] < 0x80 {
            (char::from(bytes[i]), 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        let at = i;
        i += len;
        let in_word = is_word_char(c)
            || (matches!(c, ',' | '.')
                && word_start.is_some_and(|s| bytes[s].is_ascii_digit())
                && bytes.get(i).is_some_and(u8::is_ascii_digit));
        if in_word {
            if word_start.is_none() {
                word_start = Some(at);
            }
            continue;
        }
        if let Some(s) = word_start.take() {
            tokens.push(Token {
                text: &text[s..at],
                at_start: std::mem::replace(&mut start_next, false),
            });
        }
        match c {
            '.' | '!' | '?' | '\n' | '\r' => {
                if !tokens.is_empty() {
                    f(&tokens);
                    tokens.clear();
                }
                start_next = true;
            }
            ':' | '"' | '“' | '”' | '‘' | '(' | '[' => {
                start_next = true;
            }
            _ => {}
        }
    }
    if let Some(s) = word_start {
        tokens.push(Token {
            text: &text[s..],
            at_start: start_next,
        });
    }
    if !tokens.is_empty() {
        f(&tokens);
    }
}

/// Sentences shorter than this are never treated as shared boilerplate.
const BOILERPLATE_MIN_WORDS: usize = 6;

pub(crate) fn sentence_key(tokens: &[Token<'_>]) -> Option<u64> {
    if tokens.len() < BOILERPLATE_MIN_WORDS {
        return None;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for t in tokens {
        for b in t.text.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0x20;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    Some(h)
}

/// The distinct long-sentence keys of one article (for finding boilerplate).
pub(crate) fn sentence_keys<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut keys = Vec::new();
    for t in texts {
        sentences(t, |toks| keys.extend(sentence_key(toks)));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Vec<(String, bool)>> {
        let mut out = Vec::new();
        sentences(text, |t| {
            out.push(t.iter().map(|t| (t.text.to_string(), t.at_start)).collect())
        });
        out
    }

    #[test]
    fn sentences_split_and_mark_starts() {
        let s = toks("The mayor of Brindle spoke. \"Rain came\": Paul Ovid, 1,200 people.");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0][0], ("The".into(), true));
        assert_eq!(s[0][3], ("Brindle".into(), false));
        assert_eq!(s[1][0], ("Rain".into(), true));
        assert_eq!(s[1][2], ("Paul".into(), true));
        assert_eq!(s[1][3], ("Ovid".into(), false));
        assert_eq!(s[1][4], ("1,200".into(), false));
    }
}
