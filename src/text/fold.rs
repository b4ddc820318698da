//! Case and diacritic folding: with a map back to the original characters
//! (so highlights land on the characters the reader sees), without one
//! (vocabulary words), and for names (registry keys).

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

/// Folds one char (which may expand to several, e.g. ß → ss).
fn fold_char(c: char, keep_case: bool, mut out: impl FnMut(char)) {
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
    if s.is_ascii() {
        return if keep_case {
            s.to_string()
        } else {
            s.to_ascii_lowercase()
        };
    }
    // ASCII runs are copied whole (a passage with one accented name is
    // otherwise ASCII); only the other chars are folded one by one.
    let mut out = String::with_capacity(s.len());
    let push_ascii = |out: &mut String, run: &str| {
        let from = out.len();
        out.push_str(run);
        if !keep_case {
            out[from..].make_ascii_lowercase();
        }
    };
    let mut rest = s;
    while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
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
    fn keeps_case_when_asked() {
        assert_eq!(fold("RedNöte", true).text, "RedNote");
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
