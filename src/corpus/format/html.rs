//! HTML article pages: charset decoding and article extraction.
//!
//! The article itself is found by `dom_smoothie` (a port of Mozilla's
//! readability.js; see the README for why this crate). Before it runs, parts
//! of a page that are never article text are removed (figures and captions,
//! navigation, share bars, related links, embedded tweets); after it, its
//! HTML is cut into paragraphs (block quotes and list items stay, each a
//! paragraph) and short paragraphs that are only a link are dropped.
//! Interface: bytes (+ page URL, + HTTP charset) -> [`Draft`] or a message.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};
use encoding_rs::Encoding;

use super::draft::{Draft, non_empty};

/// Elements and classes that are never article text. Applied before the
/// readability scoring, so they can neither be chosen nor drag it elsewhere.
const NOT_ARTICLE: &str = "figure, figcaption, picture, nav, aside, form, button, iframe, \
    [role=navigation], [role=complementary], [hidden], \
    .twitter-tweet, .instagram-media, .tiktok-embed, \
    [class*=caption], [class*=credit], [class*=share], [class*=related], [id*=related], \
    [class*=newsletter], [class*=advert], [class*=toggle], [class^='ad-'], [class*=' ad-'], \
    [class*=slideshow], [class*=gallery], [class*=next-article], [class*=read-next], [class*=up-next], \
    .visually-hidden, .sr-only, .screen-reader-text";

/// Elements whose content is never shown as text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "head",
    "title",
    "figure",
    "figcaption",
    "picture",
    "nav",
    "aside",
    "button",
    "form",
    "iframe",
    "object",
    "select",
    "textarea",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "caption",
    "hr",
    "address",
    "center",
    "details",
    "summary",
    "body",
];

/// A paragraph of at most this many words made (almost) only of link text is
/// a "Related: ..." or navigation link, not article text.
const LINK_PARAGRAPH_MAX_WORDS: usize = 25;

/// The HTML spec's prescan looks at the first 1024 bytes; pages in the wild
/// put long `<head>`s before their `<meta charset>`, so look a little further.
const PRESCAN_BYTES: usize = 4096;

/// Pages with more elements than this are refused rather than scored (the
/// scoring is super-linear on pathological nesting).
const MAX_ELEMENTS: usize = 200_000;

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
    while let Some(off) = memchr_lt(&b[i..]) {
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

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// `Err` with a message if the markup nests too deep to parse in good time.
fn check_depth(html: &str) -> Result<(), String> {
    let depth = nesting_estimate(html);
    if depth > MAX_DEPTH_ESTIMATE {
        return Err(format!(
            "HTML nests elements about {depth} deep (over {MAX_DEPTH_ESTIMATE}); not an article page"
        ));
    }
    Ok(())
}

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

/// Extracts the article of a page. `page_url` (where it was fetched from)
/// is the fallback for the canonical URL. Fails only when the page has no
/// text at all.
pub fn extract_article(
    bytes: &[u8],
    page_url: Option<&str>,
    http_charset: Option<&str>,
) -> Result<Draft, String> {
    let (text, _) = decode(bytes, http_charset);
    check_depth(&text)?;
    let doc = Document::from(text.as_str());
    let elements = doc.select("*").length();
    if elements > MAX_ELEMENTS {
        return Err(format!(
            "page has {elements} HTML elements (over {MAX_ELEMENTS}); not an article page"
        ));
    }
    let meta = |sel: &str| {
        doc.select(sel)
            .iter()
            .find_map(|m| m.attr("content").and_then(non_empty))
    };
    let og_title = meta("meta[property='og:title'], meta[name='twitter:title']");
    let canonical = doc
        .select("link[rel=canonical]")
        .iter()
        .find_map(|l| l.attr("href").and_then(non_empty))
        .filter(|u| is_absolute_http(u))
        .or_else(|| meta("meta[property='og:url']").filter(|u| is_absolute_http(u)));
    doc.select(NOT_ARTICLE).remove();

    let base = page_url.filter(|u| is_absolute_http(u));
    let fallback_body = || paragraphs_of(&doc.select("body").nodes().first().cloned()?);
    let cfg = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut draft = match Readability::with_document(doc.clone(), base, Some(cfg))
        .and_then(|mut r| r.parse())
    {
        Ok(article) => Draft {
            title: og_title.or_else(|| non_empty(&article.title)),
            byline: article.byline.as_deref().and_then(non_empty),
            source: article.site_name.as_deref().and_then(non_empty),
            date: article.published_time.as_deref().and_then(non_empty),
            url: canonical
                .or_else(|| article.url.as_deref().and_then(non_empty))
                .filter(|u| is_absolute_http(u)),
            label: None,
            paragraphs: fragment_paragraphs(&article.content),
        },
        Err(_) => Draft {
            title: og_title.or_else(|| {
                doc.select("title")
                    .nodes()
                    .first()
                    .and_then(|t| non_empty(t.text()))
            }),
            url: canonical,
            ..Draft::default()
        },
    };
    if draft.paragraphs.is_empty() {
        // Too little text for the scoring (a short page): keep what the body has.
        draft.paragraphs = fallback_body().unwrap_or_default();
    }
    if draft.url.is_none() {
        draft.url = base.map(str::to_string);
    }
    if draft.paragraphs.is_empty() {
        return Err("page has no article text".into());
    }
    Ok(draft)
}

fn is_absolute_http(u: &str) -> bool {
    let l = u.trim_start().to_ascii_lowercase();
    (l.starts_with("http://") || l.starts_with("https://")) && l.len() > 8
}

/// Paragraphs of an HTML fragment (a feed item's content, an extracted
/// article): one per block element, list item or `<br>`-separated line.
/// Markup nested too deep to parse in good time gives no paragraphs.
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    if check_depth(html).is_err() {
        return Vec::new();
    }
    let doc = Document::fragment(html);
    let root = doc.root();
    paragraphs_of(&root).unwrap_or_default()
}

fn paragraphs_of(node: &NodeRef) -> Option<Vec<String>> {
    let mut w = Walker::default();
    w.walk(node, 0);
    w.flush();
    Some(w.out)
}

#[derive(Default)]
struct Walker {
    buf: String,
    /// Characters of link text in `buf`.
    link_chars: usize,
    out: Vec<String>,
}

/// Deeper nesting than this is not walked (hostile pages; nothing real nests so deep).
const MAX_DEPTH: usize = 512;

impl Walker {
    fn walk(&mut self, node: &NodeRef, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in node.children_it(false) {
            if child.is_text() {
                self.buf.push_str(&child.text());
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child.node_name().unwrap_or_default().to_ascii_lowercase();
            let name = name.as_str();
            if SKIPPED.contains(&name) {
                continue;
            }
            if name == "br" {
                self.flush();
            } else if BLOCKS.contains(&name) {
                self.flush();
                self.walk(&child, depth + 1);
                self.flush();
            } else {
                if name == "a" {
                    self.link_chars += child.text().trim().chars().count();
                }
                self.walk(&child, depth + 1);
            }
        }
    }

    fn flush(&mut self) {
        let text = self.buf.split_whitespace().collect::<Vec<_>>().join(" ");
        let links = std::mem::take(&mut self.link_chars);
        self.buf.clear();
        if text.is_empty() {
            return;
        }
        let chars = text.chars().count();
        let only_a_link =
            text.split_whitespace().count() <= LINK_PARAGRAPH_MAX_WORDS && links * 10 >= chars * 7;
        if !only_a_link {
            self.out.push(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
    }

    /// A made-up article long enough for the readability scoring.
    fn article_body() -> String {
        let mut s = String::from("<article class=\"story-body\"><h1>Harbour bridge reopens</h1>");
        for i in 0..6 {
            s.push_str(&format!(
                "<p>Paragraph {i} of the report: the harbour bridge reopened on Tuesday after \
                 three weeks of repairs, and commuters said the crossing felt quieter, \
                 smoother and a good deal safer than before the works began.</p>"
            ));
        }
        s.push_str(
            "<blockquote><p>\u{201c}We are glad to have it back,\u{201d} said Mara Olsen.</p></blockquote>\
             <ul><li>Lane one opens at six.</li><li>Lane two opens at nine.</li></ul>\
             <figure><img src=\"a.jpg\"><figcaption>Cars on the bridge. Photo: Agency</figcaption></figure>\
             <div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>\
             <p>Related: <a href=\"/other\">Ferry timetable changes next month</a></p>\
             </article>",
        );
        s
    }

    #[test]
    fn extracts_fields_and_keeps_quotes_and_lists() {
        let html = page(
            "<title>Harbour bridge reopens | The Gazette</title>\
             <meta property=\"og:title\" content=\"Harbour bridge reopens\">\
             <meta property=\"og:site_name\" content=\"The Gazette\">\
             <meta name=\"author\" content=\"Ines Park\">\
             <meta property=\"article:published_time\" content=\"2024-05-02T10:00:00Z\">\
             <link rel=\"canonical\" href=\"https://gazette.example/bridge\">",
            &format!(
                "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>{}\
                 <aside><p>Most read: something else entirely happened today.</p></aside>",
                article_body()
            ),
        );
        let d = extract_article(html.as_bytes(), None, None).unwrap();
        assert_eq!(d.title.as_deref(), Some("Harbour bridge reopens"));
        assert_eq!(d.source.as_deref(), Some("The Gazette"));
        assert_eq!(d.byline.as_deref(), Some("Ines Park"));
        assert_eq!(d.date.as_deref(), Some("2024-05-02T10:00:00Z"));
        assert_eq!(d.url.as_deref(), Some("https://gazette.example/bridge"));
        let all = d.paragraphs.join("\n");
        assert!(all.contains("Paragraph 0 of the report"), "{all}");
        assert!(all.contains("Paragraph 5 of the report"), "{all}");
        assert!(all.contains("said Mara Olsen"), "block quote kept: {all}");
        assert!(d.paragraphs.iter().any(|p| p == "Lane two opens at nine."));
        for gone in [
            "Photo: Agency",
            "Share on Facebook",
            "Ferry timetable",
            "Most read",
            "Home",
        ] {
            assert!(!all.contains(gone), "{gone} should be out: {all}");
        }
    }

    #[test]
    fn teasers_ad_notices_and_screen_reader_links_are_out() {
        let html = page(
            "<title>Harbour bridge reopens</title>",
            &format!(
                "{}<p class=\"ad-notice\">Advertisement - story continues below</p>\
                 <a class=\"visually-hidden\" href=\"#c\">Continue reading the main story</a>\
                 <section class=\"next-article-module\"><h3>Next in Business</h3>\
                 <p>Stocks fell sharply on Wednesday after the central bank raised rates again.</p></section>",
                article_body()
            ),
        );
        let d = extract_article(html.as_bytes(), None, None).unwrap();
        let all = d.paragraphs.join("\n");
        assert!(all.contains("Paragraph 3 of the report"), "{all}");
        for gone in [
            "Advertisement",
            "Continue reading",
            "Next in Business",
            "Stocks fell",
        ] {
            assert!(!all.contains(gone), "{gone} should be out: {all}");
        }
    }

    #[test]
    fn short_page_still_gives_its_text() {
        let html = page("<title>Note</title>", "<p>Just one short line.</p>");
        let d = extract_article(html.as_bytes(), Some("https://x.example/n"), None).unwrap();
        assert_eq!(d.paragraphs, vec!["Just one short line."]);
        assert_eq!(d.title.as_deref(), Some("Note"));
        assert_eq!(d.url.as_deref(), Some("https://x.example/n"));
    }

    #[test]
    fn page_without_text_is_an_error() {
        let html = page(
            "<title>x</title>",
            "<script>var a = 1;</script><img src=a.png>",
        );
        assert!(extract_article(html.as_bytes(), None, None).is_err());
    }

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

    #[test]
    fn fragment_paragraphs_split_on_blocks_and_br() {
        let p = fragment_paragraphs(
            "First line<br>second <b>line</b><p>Third</p><ul><li>a</li><li>b</li></ul>\
             <script>no()</script>",
        );
        assert_eq!(p, vec!["First line", "second line", "Third", "a", "b"]);
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let html = format!(
            "{}deep text{}",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        let e = extract_article(html.as_bytes(), None, None).unwrap_err();
        assert!(e.contains("deep"), "{e}");
        assert!(fragment_paragraphs(&html).is_empty());
    }

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
        let comment = format!("<!--{}--><span>x</span>", "<div>".repeat(5000));
        assert_eq!(nesting_estimate(&comment), 1);
        assert_eq!(nesting_estimate("<div/><br/><a>x</a>"), 1);
        assert_eq!(nesting_estimate("a < b and <3 and </ >"), 0);
    }
}
