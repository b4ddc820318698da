//! Speaker phrases: the words a cue points at, parsed into a name (with its
//! role), a pronoun, an organisation or an anonymous description.

use super::Speaker;
use super::cues::is_adverb;
use crate::analysis::lexicon::*;
use crate::analysis::text::Token;

/// Parses a speaker phrase in `toks[start..end]`:
/// a name (with role words before it or an appositive after it), a pronoun,
/// or an anonymous description. `initial`: the phrase starts a sentence.
pub(super) fn parse_np(
    toks: &[Token<'_>],
    start: usize,
    end: usize,
    initial: bool,
) -> Option<Speaker> {
    let end = end.min(toks.len());
    let mut i = start;
    while i < end && !toks[i].is_word {
        i += 1;
    }
    if i >= end {
        return None;
    }
    // Head: up to the first comma, or a place or circumstance phrase after
    // the name (`Mayor Linda Okafor at a press conference outside City Hall`).
    let comma = (i..end).find(|&k| toks[k].is(","));
    let mut head_end = comma.unwrap_or(end);
    let mut seen_name = false;
    for (k, t) in toks.iter().enumerate().take(head_end).skip(i) {
        if seen_name && t.is_word && is_place_preposition(t.text) {
            head_end = k;
            break;
        }
        if t.is_capitalized()
            && !is_role_noun(t.text)
            && !is_honorific(t.text)
            && !is_function_word(t.text)
        {
            seen_name = true;
        }
    }
    let head: Vec<&Token<'_>> = toks[i..head_end]
        .iter()
        .filter(|t| t.is_word || t.is("’"))
        .collect();
    let head: Vec<&Token<'_>> = head.into_iter().filter(|t| t.is_word).collect();
    if head.is_empty() {
        return None;
    }
    let mut sp = Speaker::default();
    let appositive = comma.map(|c| {
        let stop = (c + 1..end)
            .find(|&k| toks[k].is(",") || toks[k].is_sentence_end())
            .unwrap_or(end);
        (c + 1, stop)
    });

    // The writer (`I wrote to them`) is not a source.
    if head.len() == 1 && matches!(head[0].text, "I" | "We" | "we") {
        return None;
    }
    // `it says`: a post or statement, resolved to its author.
    if head.len() == 1
        && (is_person_pronoun(head[0].text) || head[0].text.eq_ignore_ascii_case("it"))
    {
        sp.pronoun = true;
        sp.name = Some(head[0].text.to_lowercase());
        sp.name_span = Some((head[0].start, head[0].end));
        return Some(sp);
    }
    // `American said`: an adjective that may be an organisation's short name.
    if head.len() == 1
        && head[0].is_capitalized()
        && is_function_word(head[0].text)
        && !is_descriptor_start(head[0].text)
        && head[0].text.chars().skip(1).all(char::is_lowercase)
    {
        sp.name = Some(head[0].text.to_string());
        sp.org_only = true;
        return Some(sp);
    }
    // The last run of capitalised words is the name.
    let mut run_end = head.len();
    while run_end > 0 && !is_name_word(head[run_end - 1]) {
        run_end -= 1;
    }
    let mut run_start = run_end;
    while run_start > 0
        && is_name_word(head[run_start - 1])
        && !(initial && run_start - 1 == 0 && is_function_word(head[0].text))
    {
        run_start -= 1;
    }
    // `Texas - The Bexar County Sheriff`: a determiner inside the run
    // starts a new phrase.
    if let Some(k) = (run_start..run_end)
        .rev()
        .find(|&k| matches!(head[k].text, "The" | "A" | "An"))
        && k + 1 < run_end
    {
        run_start = k + 1;
    }
    // `the Bexar County Sheriff`: a capitalised run ending in a role noun
    // after `the` describes someone; it is not a name.
    if run_start > 0
        && run_start < run_end
        && run_end == head.len()
        && head[run_start - 1].text.eq_ignore_ascii_case("the")
        && is_role_noun(head[run_end - 1].text)
        && !is_honorific(head[run_end - 1].text)
    {
        let words: Vec<&str> = head[run_start - 1..run_end]
            .iter()
            .map(|t| t.text)
            .collect();
        sp.descriptor = Some(lower_first(&words.join(" ")));
        return Some(sp);
    }
    // Titles inside the run (`Education Minister Claire Dubois`) are role.
    if let Some(k) = (run_start..run_end)
        .rev()
        .find(|&k| is_role_noun(head[k].text) || is_honorific(head[k].text))
        && k + 1 < run_end
    {
        // `Lady Gaga`: a noble title before one name word stays in the name.
        run_start = if k + 2 == run_end && crate::analysis::entities::is_noble_title(head[k].text) {
            k
        } else {
            k + 1
        };
    }
    // `a New Hampshire Republican`, `another state Democrat`: an indefinite
    // article makes the capitalised words a description, not a name.
    let is_indefinite = |t: &Token<'_>| {
        matches!(
            Lower::of(t.text).as_str(),
            "a" | "an" | "another" | "one" | "some" | "every" | "each"
        )
    };
    let indefinite =
        run_start > 0 && (is_indefinite(head[run_start - 1]) || is_indefinite(head[0]));
    if indefinite && run_start < run_end && head.len() <= 8 {
        let text: Vec<&str> = head.iter().map(|t| t.text).collect();
        sp.descriptor = Some(lower_first(&text.join(" ")));
        return Some(sp);
    }
    // `the Obama administration`: a name and a government noun.
    let government = run_start < run_end
        && head.len() == run_end + 1
        && matches!(
            head[run_end].text,
            "administration" | "government" | "campaign"
        );
    if government
        && head[run_start..run_end]
            .iter()
            .all(|t| !is_function_word(t.text))
    {
        let words: Vec<&str> = head[run_start..=run_end].iter().map(|t| t.bare()).collect();
        sp.name = Some(words.join(" "));
        sp.organisation = true;
        return Some(sp);
    }
    // Words after the name in the head (other than adverbs) mean this is not a speaker phrase.
    let trailing_ok = head[run_end..].iter().all(|t| is_adverb(t.text));
    let real_name = head[run_start..run_end]
        .iter()
        .any(|t| !is_function_word(t.bare()) && !is_role_noun(t.text));
    if run_start < run_end && trailing_ok && real_name {
        let words: Vec<&str> = head[run_start..run_end].iter().map(|t| t.bare()).collect();
        let name = words.join(" ");
        let prefix: Vec<&str> = head[..run_start]
            .iter()
            .map(|t| t.text)
            .filter(|w| {
                !is_honorific(w)
                    && !matches!(Lower::of(w).as_str(), "a" | "an" | "the" | "like" | "as")
            })
            .collect();
        // Dates, weekdays, months, places and sentence adverbs never speak.
        if words.last().is_some_and(|w| never_speaks(w)) {
            return None;
        }
        sp.organisation = words.iter().any(|w| is_not_person_word(w))
            || words
                .iter()
                .all(|w| w.chars().all(|c| !c.is_lowercase()) && w.chars().count() > 1);
        sp.name = Some(name);
        sp.name_span = Some((
            head[run_start].start,
            head[run_end - 1].start + head[run_end - 1].bare().chars().count(),
        ));
        if !prefix.is_empty() && prefix.iter().all(|w| !is_speech_verb(w)) {
            let role = prefix.join(" ");
            sp.role = Some(if initial { lower_first(&role) } else { role });
        }
        if let Some(role) = appositive.and_then(|app| role_from_appositive(toks, app)) {
            sp.role = Some(role);
        }
        return Some(sp);
    }
    // Anonymous: "one user", "another", "a resident who asked not to be named".
    if head.iter().enumerate().any(|(k, t)| {
        is_speech_verb(t.text)
            && !is_role_noun(t.text)
            && !(k > 0
                && matches!(
                    Lower::of(head[k - 1].text).as_str(),
                    "the" | "a" | "an" | "its" | "their"
                ))
    }) {
        return None;
    }
    if let Some(app) = appositive {
        // "One user, Alexis Garman from Oklahoma," / "A user, Ren Yi"
        if let Some(named) =
            parse_np(toks, app.0, app.1, false).filter(|s| s.name.is_some() && !s.pronoun)
        {
            let mut named = named;
            named.role = named.role.or_else(|| {
                Some(
                    head.iter()
                        .map(|t| t.text)
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase(),
                )
            });
            return Some(named);
        }
    }
    if !is_descriptor_start(head[0].text) || head.len() > 8 {
        return None;
    }
    // The description ends at its noun (`one user`), unless a relative
    // clause follows (`a resident who asked not to be named`).
    let noun = head
        .iter()
        .position(|t| is_role_noun(t.text) || t.text.ends_with("ers") || t.text.ends_with("ist"));
    let cut = match noun {
        Some(k)
            if head
                .get(k + 1)
                .is_some_and(|t| matches!(t.text, "who" | "that")) =>
        {
            head.len()
        }
        Some(k) => k + 1,
        None if head.len() <= 3 && head.iter().all(|t| !t.text.ends_with("ed")) => head.len(),
        None => return None,
    };
    let text: Vec<&str> = head[..cut].iter().map(|t| t.text).collect();
    sp.descriptor = Some(lower_first(&text.join(" ")));
    Some(sp)
}

pub(super) fn is_name_word(t: &Token<'_>) -> bool {
    t.is_capitalized() && !t.text.starts_with('#')
        || matches!(
            t.text,
            "de" | "van" | "von" | "der" | "da" | "di" | "le" | "la" | "bin" | "al" | "del"
        )
}

pub(in crate::analysis) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep acronyms (CEO) and names intact: only lower a capital followed by lowercase.
        Some(f) if f.is_uppercase() && c.clone().next().is_some_and(char::is_lowercase) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_string(),
    }
}

/// `a Utah resident who joined ...` → `Utah resident`;
/// `founder of the consulting firm Wavelet Strategy` stays whole.
pub(in crate::analysis) fn role_from_appositive(
    toks: &[Token<'_>],
    (start, end): (usize, usize),
) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for t in &toks[start..end] {
        if !t.is_word {
            if t.is("-") || t.is("’") {
                continue;
            }
            break;
        }
        if matches!(t.text, "who" | "which" | "that" | "whose") || is_speech_verb(t.text) {
            break;
        }
        words.push(t.text);
    }
    if matches!(
        words.first().map(|w| w.to_lowercase()).as_deref(),
        Some("a" | "an" | "the")
    ) {
        words.remove(0);
    }
    let has_role = words.iter().any(|w| is_role_noun(w));
    (!words.is_empty() && words.len() <= 12 && has_role).then(|| words.join(" "))
}
