//! RSS, Atom and JSON Feed documents (parsed by `feed-rs`): each item
//! becomes an article draft whose source is the feed's title.
//! Interface: bytes (+ feed URL) -> [`FeedDoc`] or a message.

use super::draft::{Draft, non_empty};
use super::html::fragment_paragraphs;

/// A parsed feed: its title and its items as drafts.
#[derive(Debug, Clone, Default)]
pub struct FeedDoc {
    pub title: Option<String>,
    /// "RSS", "Atom" or "JSON Feed".
    pub kind: &'static str,
    pub items: Vec<FeedItem>,
}

#[derive(Debug, Clone, Default)]
pub struct FeedItem {
    pub draft: Draft,
    /// The text came from the item's summary (the feed had no full content
    /// for it): `--full` fetches the item's page instead.
    pub summary_only: bool,
}

/// True if the bytes look like an RSS, Atom or RDF feed, or a JSON Feed.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]).to_ascii_lowercase();
    let mut s = head.trim_start_matches('\u{feff}').trim_start();
    if s.starts_with('{') {
        return s.contains("jsonfeed.org/version");
    }
    // Skip the XML declaration, comments, processing instructions, doctype.
    loop {
        if let Some(rest) = s.strip_prefix("<!--") {
            match rest.split_once("-->") {
                Some((_, r)) => s = r.trim_start(),
                None => return false,
            }
        } else if s.starts_with("<!doctype") {
            // The internal subset ("[ <!ENTITY ...> ]") holds '>' of its own.
            let close = match (s.find('['), s.find('>')) {
                (Some(open), Some(gt)) if open < gt => s.find("]>").map(|i| i + 1),
                (_, gt) => gt,
            };
            match close {
                Some(i) => s = s[i + 1..].trim_start(),
                None => return false,
            }
        } else if s.starts_with("<?") {
            match s.split_once('>') {
                Some((_, r)) => s = r.trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    ["<rss", "<feed", "<rdf:rdf", "<rdf"]
        .iter()
        .any(|p| s.starts_with(p))
}

/// Parses a feed. `feed_url` is used to resolve relative item links.
pub fn parse_feed(bytes: &[u8], feed_url: Option<&str>) -> Result<FeedDoc, String> {
    let parser = feed_rs::parser::Builder::new().base_uri(feed_url).build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| format!("not a readable feed: {e}"))?;
    let kind = match feed.feed_type {
        feed_rs::model::FeedType::Atom => "Atom",
        feed_rs::model::FeedType::JSON => "JSON Feed",
        _ => "RSS",
    };
    let title = feed
        .title
        .as_ref()
        .and_then(|t| non_empty(text_of(&t.content, is_html(t.content_type.as_ref()))));
    let items = feed
        .entries
        .iter()
        .map(|e| {
            let full = e
                .content
                .as_ref()
                .and_then(|c| c.body.as_deref().map(|b| (b, c.content_type.to_string())))
                .filter(|(b, _)| !b.trim().is_empty());
            let summary = e
                .summary
                .as_ref()
                .map(|s| (s.content.as_str(), s.content_type.to_string()));
            let (body, summary_only) = match (full, summary) {
                (Some((b, t)), _) => (Some((b, t)), false),
                (None, Some(s)) => (Some(s), true),
                (None, None) => (None, true),
            };
            let paragraphs = body.map(|(b, t)| paragraphs_of(b, &t)).unwrap_or_default();
            let url = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(e.links.first())
                .and_then(|l| non_empty(&l.href));
            let byline = e
                .authors
                .iter()
                .filter_map(|p| non_empty(p.name.as_deref().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(", ");
            FeedItem {
                draft: Draft {
                    title: e.title.as_ref().and_then(|t| {
                        non_empty(text_of(&t.content, is_html(t.content_type.as_ref())))
                    }),
                    byline: non_empty(byline),
                    source: title.clone(),
                    date: e.published.or(e.updated).map(|d| d.to_rfc3339()),
                    url,
                    label: None,
                    paragraphs,
                },
                summary_only,
            }
        })
        .collect();
    Ok(FeedDoc { title, kind, items })
}

fn is_html(mime: &str) -> bool {
    mime.contains("html")
}

/// A one-line field that may carry markup (Atom `type="html"` titles).
fn text_of(s: &str, html: bool) -> String {
    if html || s.contains('<') {
        fragment_paragraphs(s).join(" ")
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Item bodies: HTML (RSS descriptions usually are, whatever they declare)
/// is cut into paragraphs; plain text splits on blank lines.
fn paragraphs_of(body: &str, mime: &str) -> Vec<String> {
    if is_html(mime) || body.contains('<') || body.contains("&") {
        fragment_paragraphs(body)
    } else {
        body.split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Courier</title><link>https://courier.example/</link>
<item><title>Dam inspection finds cracks</title>
<link>https://courier.example/dam</link>
<pubDate>Tue, 07 May 2024 08:30:00 GMT</pubDate>
<description>Short summary only.</description>
<content:encoded><![CDATA[<p>Inspectors found two cracks.</p><p>&#8220;It is safe,&#8221; said engineer Tove Lind.</p>]]></content:encoded>
</item>
<item><title>Library extends hours</title>
<link>https://courier.example/library</link>
<description>The library will stay open until nine.</description>
</item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_drafts() {
        assert!(looks_like_feed(RSS.as_bytes()));
        let doc = parse_feed(RSS.as_bytes(), None).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Valley Courier"));
        assert_eq!(doc.kind, "RSS");
        assert_eq!(doc.items.len(), 2);
        let a = &doc.items[0];
        assert!(!a.summary_only);
        assert_eq!(
            a.draft.title.as_deref(),
            Some("Dam inspection finds cracks")
        );
        assert_eq!(a.draft.source.as_deref(), Some("Valley Courier"));
        assert_eq!(a.draft.url.as_deref(), Some("https://courier.example/dam"));
        assert_eq!(a.draft.date.as_deref(), Some("2024-05-07T08:30:00+00:00"));
        assert_eq!(
            a.draft.paragraphs,
            vec![
                "Inspectors found two cracks.",
                "\u{201c}It is safe,\u{201d} said engineer Tove Lind."
            ]
        );
        let b = &doc.items[1];
        assert!(b.summary_only);
        assert_eq!(
            b.draft.paragraphs,
            vec!["The library will stay open until nine."]
        );
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">River &lt;b&gt;News&lt;/b&gt;</title>
<id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>Ferry back</title><id>urn:1</id><updated>2024-01-02T00:00:00Z</updated>
<author><name>Ola Berg</name></author>
<link rel="alternate" href="https://river.example/ferry"/>
<content type="html">&lt;p&gt;The ferry runs again.&lt;/p&gt;</content></entry></feed>"#;
        assert!(looks_like_feed(atom.as_bytes()));
        let doc = parse_feed(atom.as_bytes(), None).unwrap();
        assert_eq!(doc.kind, "Atom");
        assert_eq!(doc.title.as_deref(), Some("River News"));
        let d = &doc.items[0].draft;
        assert_eq!(d.byline.as_deref(), Some("Ola Berg"));
        assert_eq!(d.paragraphs, vec!["The ferry runs again."]);
        assert_eq!(d.url.as_deref(), Some("https://river.example/ferry"));

        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Hill Post",
            "items": [{"id": "1", "title": "Snow", "url": "https://hill.example/snow",
            "content_text": "Snow fell.\n\nRoads closed.", "date_published": "2024-02-03T04:05:06Z"}]}"#;
        assert!(looks_like_feed(json.as_bytes()));
        let doc = parse_feed(json.as_bytes(), None).unwrap();
        assert_eq!(doc.kind, "JSON Feed");
        assert_eq!(
            doc.items[0].draft.paragraphs,
            vec!["Snow fell.", "Roads closed."]
        );
        assert_eq!(doc.items[0].draft.source.as_deref(), Some("Hill Post"));
    }

    #[test]
    fn not_feeds() {
        assert!(!looks_like_feed(b"<!DOCTYPE html><html>"));
        assert!(!looks_like_feed(b"{\"title\": \"x\", \"paragraphs\": []}"));
        assert!(!looks_like_feed(b"plain <rss> text"));
        assert!(parse_feed(b"<rss><channel><item>", None).is_err());
    }

    #[test]
    fn billion_laughs_is_not_expanded() {
        let mut x =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        for i in 1..=9 {
            let prev = if i == 1 {
                "lol".to_string()
            } else {
                format!("lol{}", i - 1)
            };
            x.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">\n",
                format!("&{prev};").repeat(10)
            ));
        }
        x.push_str(
            "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title>\
                    <item><title>t</title><description>&lol9;</description></item></channel></rss>",
        );
        assert!(looks_like_feed(x.as_bytes()));
        // Either refused or parsed without expansion: never a billion "lol"s.
        if let Ok(doc) = parse_feed(x.as_bytes(), None) {
            let size: usize = doc
                .items
                .iter()
                .flat_map(|i| i.draft.paragraphs.iter())
                .map(String::len)
                .sum::<usize>()
                + doc.title.map_or(0, |t| t.len());
            assert!(size < 10_000, "expanded to {size} bytes");
        }
    }
}
