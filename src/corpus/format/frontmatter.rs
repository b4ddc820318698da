//! Markdown/text front matter: a leading `---` YAML block whose `source`,
//! `title`, `date`, `url` and `label` set the article's fields (other keys,
//! as static-site generators write them, are ignored).
//! Interface: text -> (fields, the rest of the text).

use serde_yaml_ng::Value;

use super::draft::non_empty;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub source: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub label: Option<String>,
    pub byline: Option<String>,
}

/// A front matter block that is there but cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based line in the file.
    pub line: usize,
    pub message: String,
}

/// The front matter block of a text, if it starts with one.
pub struct Split<'a> {
    /// `Err` if the block is not valid YAML mapping: the text still loads.
    pub fields: Result<FrontMatter, FrontMatterError>,
    /// The text after the closing `---`.
    pub body: &'a str,
}

/// Splits a leading `---` ... `---` (or `...`) block off `text`. A text that
/// starts with `---` but never closes it has no front matter (a rule line).
pub fn split(text: &str) -> Option<Split<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut pos = first_end + 1;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let l = text[pos..end].trim_end();
        if l == "---" || l == "..." {
            let yaml = &text[first_end + 1..pos];
            let body = text.get(end + 1..).unwrap_or("");
            return Some(Split {
                fields: parse_yaml(yaml),
                body,
            });
        }
        if end == text.len() {
            break;
        }
        pos = end + 1;
    }
    None
}

fn parse_yaml(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let value: Value = serde_yaml_ng::from_str(yaml).map_err(|e| FrontMatterError {
        // +1: the block starts on the file's second line.
        line: e.location().map_or(1, |l| l.line() + 1),
        message: format!(
            "front matter is not valid YAML: {}",
            first_clause(&e.to_string())
        ),
    })?;
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => return Ok(FrontMatter::default()),
        _ => {
            return Err(FrontMatterError {
                line: 2,
                message: "front matter is not a YAML mapping of `key: value` lines".into(),
            });
        }
    };
    let get = |key: &str| -> Option<String> {
        match map.get(key)? {
            Value::String(s) => non_empty(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Sequence(items) => non_empty(
                items
                    .iter()
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        }
    };
    Ok(FrontMatter {
        source: get("source"),
        title: get("title"),
        date: get("date"),
        url: get("url"),
        label: get("label"),
        byline: get("author").or_else(|| get("byline")),
    })
}

/// serde_yaml's messages end with " at line L column C": the line is given
/// as the diagnostic's position instead.
fn first_clause(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_and_block_is_not_text() {
        let t = "---\nsource: Valley Courier\ntitle: \"Dam: cracks found\"\ndate: 2024-05-07\n\
                 url: https://courier.example/dam\nlabel: VC\ntags: [a, b]\n---\n# Heading\n\nBody.\n";
        let s = split(t).unwrap();
        let f = s.fields.unwrap();
        assert_eq!(f.source.as_deref(), Some("Valley Courier"));
        assert_eq!(f.title.as_deref(), Some("Dam: cracks found"));
        assert_eq!(f.date.as_deref(), Some("2024-05-07"));
        assert_eq!(f.url.as_deref(), Some("https://courier.example/dam"));
        assert_eq!(f.label.as_deref(), Some("VC"));
        assert_eq!(s.body, "# Heading\n\nBody.\n");
    }

    #[test]
    fn no_front_matter() {
        assert!(split("Title\n\n---\nx: y\n---\n").is_none());
        // Opened but never closed: a rule line, not front matter.
        assert!(split("---\nJust text after a rule.\n").is_none());
        assert!(split("---").is_none());
    }

    #[test]
    fn bad_yaml_names_its_line() {
        let s = split("---\ntitle: ok\nsource: [unclosed\n---\nBody.\n").unwrap();
        let e = s.fields.unwrap_err();
        assert!(e.message.contains("not valid YAML"), "{e:?}");
        assert!(e.line >= 3, "{e:?}");
        assert_eq!(s.body, "Body.\n");
        let s = split("---\n- a\n- b\n---\nBody.\n").unwrap();
        assert!(s.fields.unwrap_err().message.contains("mapping"));
    }

    #[test]
    fn alias_bomb_is_refused_or_small() {
        let mut y = String::from(
            "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for c in 'b'..='j' {
            y.push_str(&format!("{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = c;
        }
        y.push_str("title: x\n---\nBody.\n");
        let s = split(&y).unwrap();
        // serde_yaml_ng refuses excessive alias expansion.
        assert!(s.fields.is_err());
    }
}
