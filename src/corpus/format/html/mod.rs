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

use super::draft::{Draft, non_empty};

mod charset;
mod depth;

pub use charset::{decode, looks_like_html};
use depth::check_depth;

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

/// Pages with more elements than this are refused rather than scored (the
/// scoring is super-linear on pathological nesting).
const MAX_ELEMENTS: usize = 200_000;

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
}
