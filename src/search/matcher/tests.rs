//! The matcher's unit tests: what matches, the prefilter, highlights.

use super::*;

fn matches(text: &str, q: &str) -> bool {
    match_passage(text, &Query::parse(q)).is_some()
}

const P: &str = "“I’m learning so much,” said Sarah Fotheringham, a Utah resident who joined RedNote and TikTok.";

#[test]
fn fuzzy_within_a_word() {
    for q in [
        "foth",
        "fotheringam",
        "rednot",
        "tktok",
        "sarah foth",
        "Sarah",
    ] {
        assert!(matches(P, q), "{q}");
    }
    // Smart case: capitals must match capitals.
    assert!(!matches(P, "SARAH"));
}

#[test]
fn scattered_letters_and_absent_words_do_not_match() {
    for q in ["trump", "zebra", "slgm", "rdntk"] {
        assert!(!matches(P, q), "{q}");
    }
}

#[test]
fn two_adjacent_words() {
    assert!(matches(P, "sarahfoth"));
    assert!(matches(P, "utahresid"));
    assert!(!matches(P, "sarahjoined"));
}

#[test]
fn smart_case() {
    assert!(matches(P, "RedNote"));
    assert!(!matches(P, "Rednote"));
    assert!(matches(P, "rednote"));
}

#[test]
fn diacritics_both_ways() {
    assert!(matches("José Sánchez spoke.", "sanchez"));
    assert!(matches("Emile Zola wrote.", "émile"));
}

#[test]
fn operators() {
    assert!(matches(P, "'said sarah"));
    assert!(!matches(P, "'sarah\\ said"));
    assert!(matches(P, "^“i’m"));
    assert!(matches(P, "tiktok.$"));
    assert!(!matches(P, "!utah"));
    assert!(matches(P, "!texas"));
    assert!(matches(P, "texas | utah"));
    assert!(!matches(P, "texas | ohio"));
    assert!(matches(P, "'utah\\ resident"));
}

#[test]
fn prefilter_rejects_passages_without_a_compact_start() {
    let text = "The court ruled on the ban, “a turning point” for them.";
    for needle in ["trump", "tiktok", "sarahfoth", "zebra"] {
        assert!(!fuzzy_may_match(text, needle, false), "{needle}");
    }
    for needle in ["court", "cour", "turnin", "turningpo", "ban"] {
        assert!(fuzzy_may_match(text, needle, false), "{needle}");
    }
    // Case-sensitive needles need their capitals.
    assert!(fuzzy_may_match(text, "The", true));
    assert!(!fuzzy_may_match(text, "Court", true));
}

#[test]
fn prefilter_never_rejects_a_match() {
    let texts = [
        P,
        "Ask José Sánchez now",
        "The \u{212a}elvin scale", // the Kelvin sign folds to k
        "x²y and “quoted” — dashed",
        "Sarah—Fotheringham",
    ];
    for text in texts {
        for needle in [
            "foth",
            "sarahfoth",
            "rednot",
            "tktok",
            "kelvin",
            "sanchez",
            "xy",
            "quoted",
            "RedNote",
            "Sarah",
        ] {
            let keep_case = needle.chars().any(char::is_uppercase);
            let needle = if keep_case {
                needle.to_string()
            } else {
                needle.to_lowercase()
            };
            if Passage::new(text)
                .term_score_reference(&Query::parse(&needle).groups[0][0])
                .is_some()
            {
                assert!(
                    fuzzy_may_match(text, &needle, keep_case),
                    "{needle} in {text}"
                );
            }
        }
    }
}

#[test]
fn cjk_and_emoji() {
    assert!(matches("用户在小红书上 👩‍👧 分享", "小红书"));
    assert!(matches("Party time 🎉 tonight", "'🎉"));
}

#[test]
fn highlights_land_on_original_chars() {
    let text = "Ask José Sánchez now";
    let h = highlights(text, &Query::parse("sanchez"));
    let chars: Vec<char> = text.chars().collect();
    let got: String = h.iter().flat_map(|r| chars[r.clone()].iter()).collect();
    assert_eq!(got, "Sánchez");
    let h = highlights("e\u{301}mile", &Query::parse("emile"));
    assert_eq!(h, vec![0..6]);
}

#[test]
fn plain_text_looks_past_the_first_chunks() {
    // ASCII, typographic punctuation (separators only) and, past the first
    // 16-byte chunks and straddling them, a letter that folds to ASCII.
    let long = "a".repeat(40);
    assert!(plain_text(&long));
    assert!(plain_text(&format!("{long} “quoted” — ok…{long}")));
    assert!(!plain_text(&format!("{long}é")));
    assert!(!plain_text(&format!("{}é{long}", "b".repeat(15))));
    assert!(!plain_text(&format!("{long}“x” Zürich")));
    assert!(plain_text(""));
}

/// Text the story flags as ASCII and General Punctuation is plain: every
/// such character, wherever it falls against the 16- and 64-byte chunks
/// (the sketch trusts the flag instead of asking).
#[test]
fn ascii_typographic_text_is_plain() {
    let chars = (0u32..0x80)
        .chain(0x2000..=0x206f)
        .filter_map(char::from_u32);
    for c in chars {
        for pad in [0, 13, 15, 62, 63, 70] {
            let text = format!("{}{c}{}", "a".repeat(pad), "b".repeat(5));
            assert!(crate::corpus::is_ascii_typographic(&text), "{c:?}");
            assert!(plain_text(&text), "{c:?} after {pad}");
        }
    }
}

/// Exact, prefix, suffix and whole-passage terms on plain text (typographic
/// quotes, dashes, spaces and invisible separators around the words) are
/// decided on the bytes: the same answers as folding the passage.
#[test]
fn exact_terms_on_plain_text_equal_the_folded_reference() {
    let texts = [
        "\u{201c}Supreme Court\u{201d} \u{2014} the court\u{2019}s ruling",
        "\u{2003}supreme\u{2003}",
        "sup\u{200b}reme court",
        "sup\u{ad}reme",
        "Supreme",
        "a\u{2014}b",
        "Zu\u{308}rich court",
        "\u{212a}elvin\u{2014}court",
        "court \u{ab}supreme\u{bb}",
    ];
    let queries = [
        "'supreme",
        "'Supreme",
        "'court",
        "^supreme",
        "court$",
        "=supreme",
        "'supreme court",
        "'a\u{2014}b",
        "'ab",
        "'kelvin",
        "'zurich",
        "'sup",
        "'reme",
        "^\u{201c}supreme",
    ];
    for text in texts {
        for query in queries {
            for term in Query::parse(query).terms() {
                assert_eq!(
                    Passage::new(text).term_score(term),
                    Passage::new(text).term_score_reference(term),
                    "{query:?} in {text:?}"
                );
            }
        }
    }
}

/// A needle that begins a word matches it: skim's best alignment is the
/// prefix itself (the first letter at the word's start, each next one
/// consecutive, no other alignment scores as high), whose span is the
/// needle's length. Every prefix of random words over a few letters and
/// digits in both cases (as a case-sensitive term sees them), so repeats,
/// near-repeats and case changes abound (fixed seed).
#[test]
fn a_needle_that_begins_a_word_matches_it() {
    let mut next = crate::search::xorshift(0xD1B5_4A32_D192_ED03);
    for _ in 0..20_000 {
        let len = 1 + (next() % 14) as usize;
        let word: String = (0..len)
            .map(|_| char::from(b"abersAERS19"[(next() % 11) as usize]))
            .collect();
        for n in 1..=len {
            assert!(
                super::word_score(&word, &word[..n]).is_some(),
                "{} in {word}",
                &word[..n]
            );
        }
    }
}

/// A needle made ready once for a scan ([`PlainNeedle`]) decides every
/// plain text as the matcher does for each passage on its own: the anchor
/// queries and their prefixes, smart case (capitals kept), two-word
/// needles, on plain sentences with typographic punctuation; and only
/// needles of ASCII letters and digits are made ready.
#[test]
fn a_needle_made_ready_decides_as_the_matcher() {
    let texts = [
        P,
        "The court ruled on the ban, “a turning point” for them.",
        "Refugees and RedNote users — TikTok’s refugees — waited.",
        "reduced: red notes, a red-note; tik tok tiktok",
        "",
    ];
    let needles = [
        "tiktok",
        "sarahfoth",
        "refugee",
        "trump",
        "rednot",
        "RedNote",
        "TikTok",
        "utahresid",
    ];
    for text in texts {
        assert!(plain_text(text), "{text:?}");
        for needle in needles {
            for end in 1..=needle.len() {
                let part = &needle[..end];
                let keep_case = part.bytes().any(|b| b.is_ascii_uppercase());
                let ready = PlainNeedle::new(part, keep_case).expect("letters");
                assert_eq!(
                    ready.matches(text),
                    fuzzy_matches_text(text, part, keep_case, Some(true)),
                    "{part:?} in {text:?}"
                );
            }
        }
    }
    for unfit in ["", "red note", "é", "tik-tok"] {
        assert!(PlainNeedle::new(unfit, false).is_none(), "{unfit:?}");
    }
}
