//! Case and diacritic folding: with a map back to the original characters
//! (so highlights land on the characters the reader sees), without one
//! (vocabulary words), and for names (registry keys).

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folded text and, for each folded char, the index of the original char.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    pub map: Vec<u32>,
}

/// Folds diacritics (é → e) and, unless `keep_case`, case. ASCII stays a
/// fast path. fuzzy-matcher folds only ASCII case, so all folding is done
/// here and the matcher runs case-sensitively on folded text.
pub fn fold(s: &str, keep_case: bool) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let i = i as u32;
        if c.is_ascii() {
            text.push(if keep_case { c } else { c.to_ascii_lowercase() });
            map.push(i);
            continue;
        }
        fold_char(c, keep_case, |f| {
            text.push(f);
            map.push(i);
        });
    }
    Folded { text, map }
}

/// Folds one char (which may expand to several: a Hangul syllable
/// decomposes into its letters).
fn fold_char(c: char, keep_case: bool, mut out: impl FnMut(char)) {
    // ASCII (which the callers fold themselves) and news text's other
    // chars (accented letters, curly quotes, dashes) are in the table: a
    // decomposition per char costs several times a whole ASCII word.
    match fold_table(keep_case).get(c as usize) {
        Some(&FOLDS_TO_NOTHING) => {}
        Some(&one) if one != FOLDS_TO_SEVERAL => out(char::from_u32(one).unwrap_or(c)),
        _ => fold_char_slow(c, keep_case, out),
    }
}

/// Chars below this fold through a table, built once by
/// [`fold_char_slow`]: Latin, Greek, Cyrillic and the rest up to the
/// general punctuation (quotes, dashes). Two tables of 33 KB.
const FOLD_TABLE_END: u32 = 0x2070;

/// A table entry: the one char a char folds to, or one of these (not
/// chars: past `char::MAX`).
const FOLDS_TO_NOTHING: u32 = u32::MAX;
const FOLDS_TO_SEVERAL: u32 = u32::MAX - 1;

fn fold_table(keep_case: bool) -> &'static [u32] {
    static LOWERED: OnceLock<Box<[u32]>> = OnceLock::new();
    static KEPT: OnceLock<Box<[u32]>> = OnceLock::new();
    let cell = if keep_case { &KEPT } else { &LOWERED };
    cell.get_or_init(|| {
        (0..FOLD_TABLE_END)
            .map(|u| {
                let Some(c) = char::from_u32(u) else {
                    return FOLDS_TO_SEVERAL;
                };
                let (mut first, mut n) = (FOLDS_TO_NOTHING, 0);
                fold_char_slow(c, keep_case, |f| {
                    if n == 0 {
                        first = u32::from(f);
                    }
                    n += 1;
                });
                if n > 1 { FOLDS_TO_SEVERAL } else { first }
            })
            .collect()
    })
}

/// [`fold_char`] by decomposing: what the table holds.
fn fold_char_slow(c: char, keep_case: bool, mut out: impl FnMut(char)) {
    if c.is_ascii() {
        out(if keep_case { c } else { c.to_ascii_lowercase() });
        return;
    }
    // Diacritics are combining marks after NFD: they fold away.
    for d in std::iter::once(c).nfd() {
        if is_combining_mark(d) {
            continue;
        }
        if keep_case {
            out(d);
        } else {
            d.to_lowercase().for_each(&mut out);
        }
    }
}

/// Folds without the map (for vocabulary words).
pub fn fold_str(s: &str, keep_case: bool) -> String {
    // ASCII runs are copied whole (a passage with one accented name is
    // otherwise ASCII; ASCII text is one run); only the other chars are
    // folded one by one.
    let mut out = String::with_capacity(s.len());
    let push_ascii = |out: &mut String, run: &str| {
        let from = out.len();
        out.push_str(run);
        if !keep_case {
            out[from..].make_ascii_lowercase();
        }
    };
    let mut rest = s;
    while let Some(at) = first_non_ascii(rest.as_bytes()) {
        let (run, tail) = rest.split_at(at);
        push_ascii(&mut out, run);
        let mut tail = tail.chars();
        if let Some(c) = tail.next() {
            fold_char(c, keep_case, |f| out.push(f));
        }
        rest = tail.as_str();
    }
    push_ascii(&mut out, rest);
    out
}

/// Where the first byte beyond ASCII is, if any: eight bytes at a time
/// (a byte-by-byte search was most of folding a passage).
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    for (k, word) in words.by_ref().enumerate() {
        let high = u64::from_le_bytes(word.try_into().unwrap_or([0; 8])) & HIGH_BITS;
        if high != 0 {
            return Some(8 * k + high.trailing_zeros() as usize / 8);
        }
    }
    let tail = words.remainder();
    tail.iter()
        .position(|b| !b.is_ascii())
        .map(|p| bytes.len() - tail.len() + p)
}

/// A name folded for comparing names: case and diacritics folded, runs of
/// white space one space (`José  Sánchez` → `jose sanchez`).
pub fn fold_name(name: &str) -> String {
    fold_str(name, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_and_case_with_map() {
        let f = fold("Sánchez", false);
        assert_eq!(f.text, "sanchez");
        assert_eq!(f.map, [0, 1, 2, 3, 4, 5, 6]);
        let f = fold("e\u{301}mile", false);
        assert_eq!(f.text, "emile");
        assert_eq!(f.map, [0, 2, 3, 4, 5]);
    }

    #[test]
    fn the_first_byte_beyond_ascii_is_found_wherever_it_is() {
        for len in 0..20 {
            let ascii = vec![b'a'; len];
            assert_eq!(first_non_ascii(&ascii), None);
            for at in 0..len {
                let mut bytes = ascii.clone();
                bytes[at] = 0xc3;
                if at + 1 < len {
                    bytes[at + 1] = 0x80;
                }
                assert_eq!(first_non_ascii(&bytes), Some(at), "len {len} at {at}");
            }
        }
    }

    #[test]
    fn the_table_folds_as_decomposing_does() {
        // Every char the table holds, and a few past it.
        let past = ['\u{2070}', 'ﬃ', '\u{212a}', '한', '小', '👩', '\u{fe0f}'];
        for c in (0..FOLD_TABLE_END).filter_map(char::from_u32).chain(past) {
            for keep_case in [false, true] {
                let (mut fast, mut slow) = (String::new(), String::new());
                fold_char(c, keep_case, |f| fast.push(f));
                fold_char_slow(c, keep_case, |f| slow.push(f));
                assert_eq!(fast, slow, "{c:?} keep_case {keep_case}");
            }
        }
    }

    #[test]
    fn keeps_case_when_asked() {
        assert_eq!(fold("RedNöte", true).text, "RedNote");
    }

    #[test]
    fn a_char_may_fold_to_several() {
        // Three letters: ㅎ, ㅏ, ㄴ (as jamo).
        assert_eq!(fold("한", false).text, "\u{1112}\u{1161}\u{11ab}");
        assert_eq!(fold("한", false).map, [0, 0, 0]);
    }

    #[test]
    fn cjk_and_emoji_survive() {
        assert_eq!(fold("小红书👩‍👧", false).text, "小红书👩‍👧");
    }

    #[test]
    fn folding_without_the_map_gives_the_same_text() {
        for s in [
            "",
            "Plain ASCII Text.",
            "Émile",
            "said “José Sánchez” — ÇA",
            "e\u{301}mile ends in é",
            "ΣΊΣΥΦΟΣ ß \u{212a} 小红书 👩‍👧 A",
        ] {
            for keep_case in [false, true] {
                assert_eq!(fold_str(s, keep_case), fold(s, keep_case).text, "{s:?}");
            }
        }
    }

    #[test]
    fn names_fold_case_diacritics_and_spaces() {
        assert_eq!(fold_name("José  Sánchez"), "jose sanchez");
        assert_eq!(fold_name(" ÉMILE\tzola "), "emile zola");
        assert_eq!(fold_name("Zoë Ça"), "zoe ca");
    }
}
