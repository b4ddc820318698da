//! A guard run before parsing: estimates how deep a page nests its elements
//! from the tags alone, so pathological pages are refused in linear time.

/// Pages nesting elements deeper than this are refused: HTML tree building
/// and readability scoring both take time quadratic in the depth, and no
/// real page nests more than a few hundred elements.
const MAX_DEPTH_ESTIMATE: usize = 1000;

/// Elements whose end tag may be left out (the parser closes them itself),
/// and void elements: neither adds to the nesting estimate.
const NOT_NESTING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body", "area", "base", "br", "col",
    "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
    "command", "basefont", "bgsound", "frame", "image",
];

/// Estimates how deep a page nests its elements, from the tags alone (no
/// tree is built), so pathological pages are refused before parsing.
fn nesting_estimate(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |e| start + e);
        // A tag name starts with a letter ("a < b", "<3" are text).
        if end == start || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        let tag_end = find(b, end, b">").unwrap_or(b.len());
        let self_closing = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        if closing {
            depth = depth.saturating_sub(usize::from(!NOT_NESTING.contains(&name.as_str())));
        } else if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            i = find_ci(b, tag_end, close.as_bytes()).unwrap_or(b.len());
            continue;
        } else if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
            depth += 1;
            max = max.max(depth);
        }
        i = tag_end.min(b.len());
    }
    max
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| from + p)
}

/// Case-insensitive search for an end tag (`</script`): its first byte,
/// `<`, has no case, so memchr finds the candidates.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut i = from;
    while let Some(off) = memchr::memchr(first, hay.get(i..)?) {
        let at = i + off;
        let tail = hay.get(at + 1..at + needle.len());
        if tail.is_some_and(|t| t.eq_ignore_ascii_case(rest)) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// `Err` with a message if the markup nests too deep to parse in good time.
pub(super) fn check_depth(html: &str) -> Result<(), String> {
    let depth = nesting_estimate(html);
    if depth > MAX_DEPTH_ESTIMATE {
        return Err(format!(
            "HTML nests elements about {depth} deep (over {MAX_DEPTH_ESTIMATE}); not an article page"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_estimate_ignores_optional_end_tags_scripts_and_comments() {
        assert_eq!(
            nesting_estimate("<div><div><p>a<p>b<br><img src=x></div></div>"),
            2
        );
        assert_eq!(nesting_estimate(&"<p>unclosed ".repeat(5000)), 0);
        assert_eq!(nesting_estimate(&"<li>item ".repeat(5000)), 0);
        let script = format!("<script>{}</script><div>x</div>", "<div>".repeat(5000));
        assert_eq!(nesting_estimate(&script), 1);
        let upper = format!("<SCRIPT>{}</Script><div>x</div>", "<div>".repeat(5000));
        assert_eq!(nesting_estimate(&upper), 1);
        assert_eq!(nesting_estimate("<script>never closed <div><div>"), 0);
        let comment = format!("<!--{}--><span>x</span>", "<div>".repeat(5000));
        assert_eq!(nesting_estimate(&comment), 1);
        assert_eq!(nesting_estimate("<div/><br/><a>x</a>"), 1);
        assert_eq!(nesting_estimate("a < b and <3 and </ >"), 0);
    }
}
