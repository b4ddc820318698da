//! Which encoding a page is in (BOM, HTTP header, `<meta charset>`, a guess
//! from the bytes) and whether bytes look like HTML at all.

use encoding_rs::Encoding;

/// The HTML spec's prescan looks at the first 1024 bytes; pages in the wild
/// put long `<head>`s before their `<meta charset>`, so look a little further.
const PRESCAN_BYTES: usize = 4096;

/// True if the bytes look like an HTML document (after any BOM and white space).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = lowercase_head(bytes, 512);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let head = head
        .strip_prefix("<?xml")
        .and_then(|r| r.split_once("?>"))
        .map_or(head, |(_, rest)| rest.trim_start());
    let head = skip_comments(head);
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<article",
    ]
    .iter()
    .any(|p| head.starts_with(p))
}

fn skip_comments(mut s: &str) -> &str {
    while let Some(rest) = s.strip_prefix("<!--") {
        match rest.split_once("-->") {
            Some((_, after)) => s = after.trim_start(),
            None => return "",
        }
    }
    s
}

fn lowercase_head(bytes: &[u8], n: usize) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(n)]).to_ascii_lowercase()
}

/// Decodes a page: BOM, then the HTTP charset, then `<meta charset>` (or
/// `http-equiv`), then UTF-8 if the bytes are valid UTF-8, else a guess from
/// the bytes (chardetng). Returns the text and the encoding used.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> (String, &'static Encoding) {
    let declared = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| http_charset.and_then(|c| Encoding::for_label(c.trim().as_bytes())))
        .or_else(|| meta_charset(bytes));
    let encoding = match declared {
        // A page cannot declare UTF-16 in itself (the spec reads it as UTF-8).
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
            if Encoding::for_bom(bytes).is_some() {
                e
            } else {
                encoding_rs::UTF_8
            }
        }
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            det.guess(None, true)
        }
    };
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used)
}

/// The charset a page declares in its first bytes, if any.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = lowercase_head(bytes, PRESCAN_BYTES);
    let mut rest = head.as_str();
    while let Some(i) = rest.find("<meta") {
        rest = &rest[i + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(j) = tag.find("charset") {
            let value = tag[j + 7..]
                .trim_start()
                .strip_prefix('=')
                .map(|v| v.trim_start().trim_start_matches(['"', '\'']))
                .unwrap_or("");
            let label: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_.:".contains(*c))
                .collect();
            if let Some(e) = Encoding::for_label(label.as_bytes()) {
                return Some(e);
            }
        }
    }
    // XHTML served as XML: <?xml version="1.0" encoding="...">
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let value = decl
        .split("encoding")
        .nth(1)?
        .trim_start()
        .strip_prefix('=')?;
    let label: String = value
        .trim_start()
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_.:".contains(*c))
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_meta_http_bom_and_guess() {
        // "café" in windows-1252.
        let latin =
            b"<html><head><meta charset=\"windows-1252\"></head><body><p>caf\xe9</p></body></html>";
        assert!(decode(latin, None).0.contains("café"));
        let equiv = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><p>caf\xe9</p>";
        assert!(decode(equiv, None).0.contains("café"));
        // HTTP header wins over nothing; BOM wins over everything.
        let bare = b"<p>caf\xe9 au lait, cr\xe8me br\xfbl\xe9e</p>";
        assert!(decode(bare, Some("iso-8859-1")).0.contains("café"));
        let bom = b"\xef\xbb\xbf<meta charset=windows-1252><p>caf\xc3\xa9</p>";
        assert!(decode(bom, None).0.contains("café"));
        // Undeclared and not UTF-8: guessed, not replaced with U+FFFD.
        let (t, _) = decode(bare, None);
        assert!(t.contains("café") && !t.contains('\u{fffd}'), "{t}");
        // Declared UTF-16 without a BOM is read as UTF-8 (as browsers do).
        let (t, e) = decode(b"<meta charset=utf-16><p>ok \xc3\xa9</p>", None);
        assert_eq!(e, encoding_rs::UTF_8);
        assert!(t.contains("ok é"));
    }

    #[test]
    fn detects_html() {
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"\xef\xbb\xbf<html lang=en>"));
        assert!(looks_like_html(b"<!-- saved page --><html>"));
        assert!(looks_like_html(b"<?xml version=\"1.0\"?>\n<!DOCTYPE html>"));
        assert!(!looks_like_html(b"<rss version=\"2.0\">"));
        assert!(!looks_like_html(b"Plain text about <html> tags."));
        assert!(!looks_like_html(b"{\"title\": \"<html>\"}"));
    }
}
