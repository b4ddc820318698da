//! Tokens with character offsets, sentence bounds and quote-mark spans.

/// A word or a punctuation mark, with its character range in the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub is_word: bool,
    /// Character (Unicode scalar) offsets in the paragraph: `start..end`.
    pub start: usize,
    pub end: usize,
    /// Byte offset in the paragraph.
    pub byte: usize,
    /// White space precedes this token (or it starts the paragraph).
    pub space_before: bool,
}

impl<'a> Token<'a> {
    pub fn is(&self, s: &str) -> bool {
        self.text == s
    }

    pub fn is_capitalized(&self) -> bool {
        self.is_word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The word without a possessive `’s` / `'s`.
    pub fn bare(&self) -> &'a str {
        self.text
            .strip_suffix("’s")
            .or_else(|| self.text.strip_suffix("'s"))
            .unwrap_or(self.text)
    }

    pub fn is_sentence_end(&self) -> bool {
        matches!(self.text, "." | "!" | "?" | "…")
    }
}

#[inline]
fn is_joiner(c: char) -> bool {
    matches!(c, '’' | '\'' | '-' | '.' | '&' | '‐' | '_')
}

/// Word characters are the crate's ([`crate::text::is_word_char`]); other
/// symbols that are not punctuation (emoji, `°`) also stay inside a token.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    crate::text::is_word_char(c) || !(c.is_whitespace() || is_unicode_punct(c))
}

fn is_unicode_punct(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‘'
            | '’'
            | '‚'
            | '‹'
            | '›'
            | '—'
            | '–'
            | '…'
            | '•'
            | '·'
            | '、'
            | '。'
            | '，'
            | '！'
            | '？'
            | '：'
            | '；'
            | '（'
            | '）'
            | '「'
            | '」'
            | '『'
            | '』'
            | '\u{a0}'
            | '\u{2009}'
            | '\u{200b}'
    )
}

/// The char at byte `pos` of `p` and its length in bytes (ASCII without
/// decoding).
#[inline]
fn char_at(p: &str, pos: usize) -> Option<(char, usize)> {
    let b = *p.as_bytes().get(pos)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    p.get(pos..)?.chars().next().map(|c| (c, c.len_utf8()))
}

/// How many bytes at the start of `bytes` are ASCII letters or digits,
/// eight at a time (a word usually ends inside its first eight bytes, so
/// this replaces a branch per byte with a little arithmetic).
#[inline]
fn ascii_alnum_run(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn rep(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    // High bit of each byte lane set when the (7-bit) lane is in lo..=hi.
    #[inline]
    fn in_range(h: u64, lo: u8, hi: u8) -> u64 {
        let ge_lo = h + rep(0x80 - lo);
        let gt_hi = h + rep(0x7f - hi);
        ge_lo & !gt_hi & HIGH
    }
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let h = x & LOW7;
        let alnum = (in_range(h, b'0', b'9') | in_range(h, b'A', b'Z') | in_range(h, b'a', b'z'))
            & !(x & HIGH);
        let stop = !alnum & HIGH;
        if stop != 0 {
            return n + (stop.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

/// Splits a paragraph into words and punctuation marks.
pub fn tokenize(p: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(p.len() / 5);
    let mut pos = 0usize; // byte offset
    let mut char_idx = 0usize;
    let mut space_before = true;
    while let Some((c, len)) = char_at(p, pos) {
        let byte = pos;
        let start = char_idx;
        pos += len;
        char_idx += 1;
        if c.is_whitespace() {
            space_before = true;
            continue;
        }
        if is_word_char(c)
            || ((c == '#' || c == '@' || c == '$')
                && char_at(p, pos).is_some_and(|(n, _)| n.is_alphanumeric()))
        {
            let mut end_byte = pos;
            loop {
                // ASCII letters and digits: no decoding, no lookups.
                let run = ascii_alnum_run(&p.as_bytes()[pos..]);
                pos += run;
                char_idx += run;
                if run > 0 {
                    end_byte = pos;
                }
                let Some((n, nlen)) = char_at(p, pos) else {
                    break;
                };
                if is_word_char(n) {
                    pos += nlen;
                    char_idx += 1;
                    end_byte = pos;
                    continue;
                }
                // A joiner stays in the word only between word characters
                // (it’s, U.S, ByteDance-owned), so a closing ’ is punctuation.
                if is_joiner(n) {
                    let ahead = char_at(p, pos + nlen).map(|(m, _)| m);
                    // A full stop glued to a capital after a long word is a
                    // missing space (`said.The`), not an abbreviation (`U.S`).
                    let missing_space = n == '.'
                        && ahead.is_some_and(char::is_uppercase)
                        && p[byte..pos]
                            .rsplit('.')
                            .next()
                            .map_or(0, |s| s.chars().count())
                            > 2;
                    if !missing_space && ahead.is_some_and(char::is_alphanumeric) {
                        pos += nlen;
                        char_idx += 1;
                        end_byte = pos;
                        continue;
                    }
                }
                break;
            }
            tokens.push(Token {
                text: &p[byte..end_byte],
                is_word: true,
                start,
                end: char_idx,
                byte,
                space_before,
            });
        } else {
            tokens.push(Token {
                text: &p[byte..pos],
                is_word: false,
                start,
                end: char_idx,
                byte,
                space_before,
            });
        }
        space_before = false;
    }
    tokens
}

/// Abbreviations whose full stop does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    word.contains('.')
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Jr"
                | "Sr"
                | "Inc"
                | "Co"
                | "Ltd"
                | "vs"
                | "etc"
                | "Gov"
                | "Sen"
                | "Rep"
                | "No"
                | "Prof"
                | "Gen"
                | "Lt"
                | "Col"
                | "Sgt"
                | "Capt"
                | "Cpl"
                | "Det"
                | "Supt"
                | "Insp"
                | "Maj"
                | "Adm"
                | "Cmdr"
                | "Rev"
                | "Fr"
                | "Atty"
                | "Mt"
                | "approx"
        )
}

/// Is token `i` a sentence end (not the dot of an abbreviation)?
pub fn ends_sentence(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    if !t.is_sentence_end() {
        return false;
    }
    if t.is(".") && i > 0 && tokens[i - 1].is_word && is_abbreviation(tokens[i - 1].text) {
        // "in the U.S. As ..." still ends when a capitalised word follows a space.
        return tokens
            .get(i + 1)
            .is_some_and(|n| n.space_before && n.is_capitalized())
            && tokens[i - 1].text.len() > 3;
    }
    true
}

/// How a quotation mark behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Open(char),
    Close(char),
    /// A straight `"`: its role depends on context.
    Straight,
}

pub fn mark_of(t: &Token<'_>) -> Option<Mark> {
    if t.is_word {
        return None;
    }
    match t.text {
        "“" | "«" | "„" => Some(Mark::Open(t.text.chars().next().unwrap_or('“'))),
        "”" | "»" => Some(Mark::Close(t.text.chars().next().unwrap_or('”'))),
        "\"" => Some(Mark::Straight),
        _ => None,
    }
}

fn closes(open: char, close: char) -> bool {
    matches!(
        (open, close),
        ('“', '”') | ('«', '»') | ('„', '“') | ('„', '”') | ('"', '"')
    )
}

/// Single quotation marks as an article's primary marks (`‘We lost 40
/// homes,’ he told the crowd.`), for articles with no double marks at all.
/// An opening mark follows a space (or starts the paragraph) and is glued to
/// the next word; anything else that is not inside a word is a closing mark.
pub fn single_quote_spans(tokens: &[Token<'_>]) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.is_word || !matches!(t.text, "‘" | "’" | "'") {
            continue;
        }
        let glued_to_next = tokens
            .get(i + 1)
            .is_some_and(|n| !n.space_before && (n.is_word || n.text == "…"));
        let opens = t.text != "’" && (t.space_before || i == 0) && glued_to_next;
        match open {
            None if opens => open = Some(i),
            Some(o) if !opens && t.text != "‘" && i > o + 1 => {
                spans.push(QuoteSpan {
                    open: o,
                    inner: o + 1,
                    close: Some(i),
                });
                open = None;
            }
            Some(_) if opens => open = Some(i),
            _ => {}
        }
    }
    if let Some(o) = open {
        spans.push(QuoteSpan {
            open: o,
            inner: o + 1,
            close: None,
        });
    }
    spans
}

/// Does the paragraph use double quotation marks anywhere? The same as
/// asking whether any of its tokens is a [`mark_of`] one: these marks are
/// never part of a word, so each is a token of its own.
pub fn has_double_marks(p: &str) -> bool {
    p.contains(['“', '«', '„', '”', '»', '"'])
}

/// A quotation span in one paragraph, as token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub open: usize,
    /// First token inside the quote (after a glued stray mark in `“”This`).
    pub inner: usize,
    /// The closing mark, or `None` when the quote runs on into the next paragraph.
    pub close: Option<usize>,
}

/// Finds quotation spans in a paragraph. An unclosed quote at the end is
/// returned with `close: None`; the caller keeps it only when the next
/// paragraph opens with a quotation mark (news style), so a stray mark never
/// misparses anything beyond its own paragraph.
pub fn quote_spans(tokens: &[Token<'_>]) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut inner = 0;
    for (i, t) in tokens.iter().enumerate() {
        let Some(mark) = mark_of(t) else { continue };
        match (open, mark) {
            (None, Mark::Open(c)) => {
                open = Some((i, c));
                inner = i + 1;
            }
            (None, Mark::Straight) => {
                // Opening if it starts the paragraph or follows a space or bracket.
                let after_space = t.space_before
                    || i == 0
                    || tokens[i - 1].text.chars().all(|c| "([{—–/".contains(c));
                // Scraped text loses the space after a sentence: `said."He`.
                let after_sentence = i > 0
                    && tokens[i - 1].is_sentence_end()
                    && tokens
                        .get(i + 1)
                        .is_some_and(|n| !n.space_before && n.is_capitalized());
                if after_space || after_sentence {
                    open = Some((i, '"'));
                    inner = i + 1;
                }
            }
            (None, Mark::Close(_)) => {} // stray closer: ignore
            (Some((o, oc)), Mark::Close(c) | Mark::Open(c)) if closes(oc, c) => {
                // `“”This`: an empty pair glued to a word is a typo, not a quote.
                let glued = i == o + 1
                    && tokens
                        .get(i + 1)
                        .is_some_and(|n| !n.space_before && n.is_word);
                if glued {
                    inner = i + 1;
                } else {
                    spans.push(QuoteSpan {
                        open: o,
                        inner,
                        close: Some(i),
                    });
                    open = None;
                }
            }
            (Some((o, '"')), Mark::Straight) => {
                spans.push(QuoteSpan {
                    open: o,
                    inner,
                    close: Some(i),
                });
                open = None;
            }
            // A new opening mark inside an open quote: the earlier one was
            // never closed; restart here.
            (Some(_), Mark::Open(c)) => {
                open = Some((i, c));
                inner = i + 1;
            }
            _ => {}
        }
    }
    if let Some((o, _)) = open {
        spans.push(QuoteSpan {
            open: o,
            inner,
            close: None,
        });
    }
    spans
}

/// Does the paragraph open with a quotation mark?
pub fn opens_with_quote(tokens: &[Token<'_>]) -> bool {
    tokens
        .first()
        .and_then(mark_of)
        .is_some_and(|m| !matches!(m, Mark::Close(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-at-a-time run length equals the byte-by-byte one for
    /// every byte value at every position of a run.
    #[test]
    fn ascii_alnum_run_matches_the_plain_count() {
        let plain = |b: &[u8]| b.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        for len in 0..20 {
            for stop_at in 0..=len {
                for stop in 0..=255u8 {
                    let mut v = vec![b'a'; len];
                    for (k, b) in v.iter_mut().enumerate() {
                        *b = b"Az09mQ"[k % 6];
                    }
                    if stop_at < len {
                        v[stop_at] = stop;
                    }
                    assert_eq!(ascii_alnum_run(&v), plain(&v), "{v:?}");
                }
            }
        }
    }

    fn words(p: &str) -> Vec<&str> {
        tokenize(p).iter().map(|t| t.text).collect()
    }

    #[test]
    fn apostrophes_and_abbreviations_stay_in_words() {
        assert_eq!(
            words("it’s the U.S. App"),
            ["it’s", "the", "U.S", ".", "App"]
        );
        assert_eq!(words("Americans’ app"), ["Americans", "’", "app"]);
        assert_eq!(
            words("ByteDance-owned #tiktokrefugee"),
            ["ByteDance-owned", "#tiktokrefugee"]
        );
    }

    #[test]
    fn a_full_stop_glued_to_a_capital_ends_the_word() {
        assert_eq!(
            words("officials.LASD Lt. Ross said.The end of U.S.A"),
            [
                "officials",
                ".",
                "LASD",
                "Lt",
                ".",
                "Ross",
                "said",
                ".",
                "The",
                "end",
                "of",
                "U.S.A"
            ]
        );
    }

    #[test]
    fn char_offsets_count_scalars() {
        let t = tokenize("“Hé” said");
        assert_eq!((t[1].text, t[1].start, t[1].end), ("Hé", 1, 3));
        assert_eq!((t[3].start, t[3].end), (5, 9));
    }

    #[test]
    fn spans_for_curly_straight_and_guillemets() {
        let t = tokenize("“A,” he said. \"B\" and «C» and „D“");
        let spans = quote_spans(&t);
        assert_eq!(spans.len(), 4);
        assert!(spans.iter().all(|s| s.close.is_some()));
    }

    #[test]
    fn single_marks_as_primary_quotes() {
        let t = tokenize(
            "‘We lost 40 homes,’ he told the crowd. The Smiths’ barn and 'the old mill' burned.",
        );
        let spans = single_quote_spans(&t);
        assert_eq!(spans.len(), 2);
        assert_eq!(t[spans[0].close.unwrap()].text, "’");
        assert_eq!(t[spans[1].inner].text, "the");
    }

    #[test]
    fn a_straight_quote_glued_after_a_full_stop_opens() {
        let t = tokenize("Ray Low said.\"We got out,\" said Ana Ruiz.Later \"it rained.\"");
        let spans = quote_spans(&t);
        assert_eq!(spans.len(), 2);
        assert_eq!(t[spans[0].inner].text, "We");
        assert_eq!(t[spans[1].inner].text, "it");
    }

    #[test]
    fn double_marks_in_the_text_are_double_mark_tokens() {
        for p in [
            "plain text, ‘single’ marks and 'straight' ones",
            "“curly”",
            "a«b»c",
            "#\"tag\" @“x” $„y“",
            "it’s \"",
            "\u{a0}”",
        ] {
            let tokens = tokenize(p);
            assert_eq!(
                has_double_marks(p),
                tokens.iter().any(|t| mark_of(t).is_some()),
                "{p}"
            );
        }
    }

    #[test]
    fn glued_empty_pair_is_a_typo() {
        let t = tokenize("“”This is it,” she said.");
        let spans = quote_spans(&t);
        assert_eq!(spans.len(), 1);
        assert_eq!(t[spans[0].close.unwrap()].text, "”");
        assert_eq!((spans[0].open, spans[0].inner), (0, 2));
    }

    #[test]
    fn unclosed_quote_is_reported_open() {
        let t = tokenize("He said, “This runs on");
        assert_eq!(
            quote_spans(&t),
            vec![QuoteSpan {
                open: 3,
                inner: 4,
                close: None
            }]
        );
    }
}
