//! Makes untrusted article text safe to write to a terminal.
//!
//! Runs once at load time, before any other part of crossread sees the text,
//! so the analysis, the search index and the renderer only ever handle clean
//! text. Whole escape sequences are removed (not just the ESC byte), so no
//! `[31m` residue is left behind.

use serde::Serialize;

/// Tab stops every this many columns when tabs are expanded.
const TAB_WIDTH: usize = 8;

/// What the sanitiser removed or rewrote, per article.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SanitizeReport {
    /// Whole escape sequences (CSI, OSC, DCS, APC, PM, SOS, ESC x), 7- or 8-bit.
    pub escape_sequences: usize,
    /// Other C0/C1 control characters and DEL.
    pub control_chars: usize,
    /// Bidirectional override and isolate characters.
    pub bidi_controls: usize,
    /// Tabs expanded to spaces.
    pub tabs_expanded: usize,
    /// CRLF or lone CR rewritten as LF.
    pub line_endings: usize,
}

impl SanitizeReport {
    /// True if the text needed no change at all.
    pub fn is_clean(&self) -> bool {
        self.removed() == 0 && self.tabs_expanded == 0 && self.line_endings == 0
    }

    /// Characters or sequences removed (rewrites such as tabs are not counted).
    pub fn removed(&self) -> usize {
        self.escape_sequences + self.control_chars + self.bidi_controls
    }

    pub fn add(&mut self, other: &SanitizeReport) {
        self.escape_sequences += other.escape_sequences;
        self.control_chars += other.control_chars;
        self.bidi_controls += other.bidi_controls;
        self.tabs_expanded += other.tabs_expanded;
        self.line_endings += other.line_endings;
    }
}

impl std::fmt::Display for SanitizeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts = [
            (self.escape_sequences, "escape sequence"),
            (self.control_chars, "control character"),
            (self.bidi_controls, "bidi control"),
            (self.tabs_expanded, "tab expanded"),
            (self.line_endings, "line ending normalised"),
        ];
        let mut first = true;
        for (n, what) in parts {
            if n == 0 {
                continue;
            }
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            let plural = if n == 1 {
                what.to_string()
            } else if let Some(rest) = what.strip_suffix(" expanded") {
                format!("{rest}s expanded")
            } else if let Some(rest) = what.strip_suffix(" normalised") {
                format!("{rest}s normalised")
            } else {
                format!("{what}s")
            };
            write!(f, "{n} {plural}")?;
        }
        if first {
            f.write_str("nothing")?;
        }
        Ok(())
    }
}

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// String Terminator (C1 form).
const ST: char = '\u{9c}';

/// A character the sanitiser never lets through: a C0/C1 control other
/// than LF, DEL, or a bidi override/isolate. Tests and fuzzers check output
/// with it.
pub fn is_unsafe_char(c: char) -> bool {
    (is_control(c) && c != '\n') || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_control(c: char) -> bool {
    matches!(c, '\u{00}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Whether the UTF-8 bytes are clean (no control other than LF, no C1
/// or bidi control character) and, if so,
/// whether they are [`super::is_ascii_typographic`] too: one pass for both
/// (false when not clean). Works on bytes: C0 and DEL are single bytes, C1
/// controls start with 0xC2 0x80..=0x9F, General Punctuation (bidi
/// controls among it) with 0xE2 0x80/0x81, and any other character beyond
/// ASCII with a byte from 0xC0 on.
fn classify(bytes: &[u8]) -> (bool, bool) {
    let mut typographic = true;
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII chunks (nearly all text) are skipped 16 bytes at
        // a time; the non-short-circuit fold lets the compiler vectorise
        // it. After a chunk with anything else, its bytes are looked at one
        // by one, then chunks again (a typographic quote does not make the
        // rest of the text slow).
        while i + 16 <= bytes.len() {
            let printable = bytes[i..i + 16]
                .iter()
                .fold(true, |ok, &b| ok & (b.wrapping_sub(0x20) < 0x5f));
            if !printable {
                break;
            }
            i += 16;
        }
        let end = (i + 16).min(bytes.len());
        while i < end {
            match bytes[i] {
                b'\n' => {}
                0..=0x1f | 0x7f => return (false, false),
                0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => return (false, false),
                0xe2 if matches!(bytes.get(i + 1), Some(0x80 | 0x81)) => {
                    let c = std::str::from_utf8(&bytes[i..(i + 3).min(bytes.len())])
                        .ok()
                        .and_then(|s| s.chars().next());
                    if c.is_some_and(is_bidi_control) {
                        return (false, false);
                    }
                    // Past General Punctuation: superscripts (U+2070..).
                    if c.is_some_and(|c| c > '\u{206f}') {
                        typographic = false;
                    }
                }
                // Any other character beyond ASCII starts here.
                0xc0.. => typographic = false,
                _ => {}
            }
            i += 1;
        }
    }
    (true, typographic)
}

/// [`sanitize_cow`], and whether `input` was clean and
/// [`super::is_ascii_typographic`] (false if not clean): one pass over
/// clean text finds both (the loader flags each paragraph so).
pub(super) fn sanitize_flagged(input: &str) -> (std::borrow::Cow<'_, str>, SanitizeReport, bool) {
    match classify(input.as_bytes()) {
        (true, typographic) => (
            std::borrow::Cow::Borrowed(input),
            SanitizeReport::default(),
            typographic,
        ),
        (false, _) => {
            let (clean, report) = rewrite(input);
            (std::borrow::Cow::Owned(clean), report, false)
        }
    }
}

/// Sanitises `input`, returning the clean text and what was removed.
pub fn sanitize(input: &str) -> (String, SanitizeReport) {
    let (clean, report) = sanitize_cow(input);
    (clean.into_owned(), report)
}

/// Like [`sanitize`], but borrows `input` when it is already clean (the
/// common case), so large inputs are not copied.
pub fn sanitize_cow(input: &str) -> (std::borrow::Cow<'_, str>, SanitizeReport) {
    let (clean, report, _) = sanitize_flagged(input);
    (clean, report)
}

/// The sanitised copy of `input`, which is not clean, and what was removed.
fn rewrite(input: &str) -> (String, SanitizeReport) {
    let mut report = SanitizeReport::default();
    let mut out = String::with_capacity(input.len());
    let mut column = 0usize; // chars since the last line break, for tab stops
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                report.line_endings += 1;
                out.push('\n');
                column = 0;
            }
            '\t' => {
                report.tabs_expanded += 1;
                let n = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            ESC => {
                report.escape_sequences += 1;
                skip_escape(&mut chars);
            }
            // 8-bit C1 introducers: CSI, and the string-type sequences.
            '\u{9b}' => {
                report.escape_sequences += 1;
                skip_csi_body(&mut chars);
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                report.escape_sequences += 1;
                skip_string_body(&mut chars);
            }
            c if is_control(c) => report.control_chars += 1,
            c if is_bidi_control(c) => report.bidi_controls += 1,
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    (out, report)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC, up to and including the sequence's final char.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi_body(chars);
        }
        // OSC, DCS, SOS, PM, APC: strings terminated by ST (or BEL for OSC).
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string_body(chars);
        }
        // nF sequences: intermediates 0x20-0x2F, then one final 0x30-0x7E.
        Some(' '..='/') => {
            while let Some(' '..='/') = chars.peek() {
                chars.next();
            }
            if let Some('0'..='~') = chars.peek() {
                chars.next();
            }
        }
        // Two-char sequences (ESC c, ESC 7, ESC =, ...).
        Some('0'..='~') => {
            chars.next();
        }
        // A lone ESC (or ESC before text): only the ESC goes.
        _ => {}
    }
}

/// Skips CSI parameters (0x30-0x3F), intermediates (0x20-0x2F) and the final
/// byte (0x40-0x7E). A char outside those ranges aborts the sequence and is
/// left for normal processing, so a malformed sequence never eats text.
fn skip_csi_body(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            '0'..='?' | ' '..='/' => {
                chars.next();
            }
            '@'..='~' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// Skips the body of a string sequence up to ST (ESC \ or 0x9C) or BEL.
/// An unterminated string ends at the next line break, so a stray OSC
/// cannot swallow the rest of an article.
fn skip_string_body(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            BEL | ST => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        sanitize(s).0
    }

    /// One pass finds what the two definitions say: clean (no unsafe
    /// character) and ASCII with General Punctuation, whatever surrounds
    /// each character and wherever it falls against the 16-byte chunks.
    #[test]
    fn classify_is_clean_and_ascii_typographic_at_once() {
        let chars = [
            'a',
            '\n',
            '\t',
            '\r',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{9b}',
            '\u{a0}',
            '\u{e9}',
            '\u{2019}',
            '\u{2014}',
            '\u{2026}',
            '\u{200b}',
            '\u{202a}',
            '\u{202e}',
            '\u{2066}',
            '\u{2069}',
            '\u{206f}',
            '\u{2070}',
            '\u{20ac}',
            '\u{300}',
            '\u{1f600}',
        ];
        for pad in 0..34 {
            for &c in &chars {
                for &d in &chars {
                    let text = format!("{}{c}{}{d}", "x".repeat(pad), "y".repeat(pad % 5));
                    let clean = !text.chars().any(is_unsafe_char);
                    let typographic = clean && crate::corpus::is_ascii_typographic(&text);
                    assert_eq!(classify(text.as_bytes()), (clean, typographic), "{text:?}");
                    let (out, report, flag) = sanitize_flagged(&text);
                    assert_eq!((out, report), sanitize_cow(&text), "{text:?}");
                    assert_eq!(flag, typographic, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn clean_text_is_unchanged() {
        let s = "Plain “quoted” text — CJK 小红书, emoji 👩‍👩‍👧, e\u{301}.";
        let (out, report) = sanitize(s);
        assert_eq!(out, s);
        assert!(report.is_clean());
    }

    #[test]
    fn csi_colour_is_removed_whole() {
        let (out, r) = sanitize("red \x1b[31mALERT\x1b[0m done");
        assert_eq!(out, "red ALERT done");
        assert_eq!(r.escape_sequences, 2);
    }

    #[test]
    fn cursor_movement_and_clear_removed() {
        assert_eq!(clean("a\x1b[2J\x1b[H\x1b[10;20Hb\x1b[?25l"), "ab");
    }

    #[test]
    fn osc52_clipboard_write_removed() {
        assert_eq!(
            clean("before\x1b]52;c;ZWNobyBwd25lZA==\x07after"),
            "beforeafter"
        );
        assert_eq!(clean("x\x1b]52;c;ZWNobw==\x1b\\y"), "xy");
    }

    #[test]
    fn osc8_hyperlink_keeps_visible_text() {
        let s = "see \x1b]8;;https://evil.example/\x1b\\this link\x1b]8;;\x1b\\ now";
        assert_eq!(clean(s), "see this link now");
    }

    #[test]
    fn osc_title_dcs_apc_pm_sos_removed() {
        assert_eq!(clean("a\x1b]0;pwned title\x07b"), "ab");
        assert_eq!(clean("a\x1bP1$r0m\x1b\\b"), "ab");
        assert_eq!(clean("a\x1b_apc payload\x1b\\b"), "ab");
        assert_eq!(clean("a\x1b^pm\x1b\\b"), "ab");
        assert_eq!(clean("a\x1bXsos\x1b\\b"), "ab");
    }

    #[test]
    fn c1_eight_bit_forms_removed() {
        assert_eq!(clean("a\u{9b}31mb"), "ab");
        assert_eq!(clean("a\u{9d}0;title\u{9c}b"), "ab");
        assert_eq!(clean("a\u{90}dcs\u{9c}b"), "ab");
        assert_eq!(clean("a\u{85}b"), "ab");
    }

    #[test]
    fn nul_del_and_other_controls_removed() {
        let (out, r) = sanitize("a\0b\x7fc\x08d\x07e");
        assert_eq!(out, "abcde");
        assert_eq!(r.control_chars, 4);
    }

    #[test]
    fn bidi_overrides_and_isolates_removed() {
        let (out, r) = sanitize("abc\u{202E}fed\u{202C} \u{2066}x\u{2069}");
        assert_eq!(out, "abcfed x");
        assert_eq!(r.bidi_controls, 4);
    }

    #[test]
    fn tabs_expand_to_tab_stops_and_line_endings_normalise() {
        assert_eq!(clean("a\tb"), "a       b");
        assert_eq!(clean("abcdefgh\tx"), "abcdefgh        x");
        assert_eq!(clean("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn unterminated_string_stops_at_line_break() {
        assert_eq!(clean("a\x1b]52;c;AAAA\nvisible"), "a\nvisible");
    }

    #[test]
    fn malformed_csi_does_not_eat_text() {
        assert_eq!(clean("a\x1b[31;é text"), "aé text");
    }

    #[test]
    fn report_display_is_readable() {
        let (_, r) = sanitize("\x1b[1m\x1b[0m\0\t");
        assert_eq!(
            r.to_string(),
            "2 escape sequences, 1 control character, 1 tab expanded"
        );
    }
}
