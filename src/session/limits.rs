//! The limits on what analysis gets of one article ([`AnalysisLimits`]):
//! cutting an article to them and the warnings naming what was cut.

use std::borrow::Cow;

use crate::corpus::{Article, Diagnostic, Paragraphs, Story};

/// What analysis (quotes, speakers, groups) gets of one article at most,
/// so that time and memory stay bounded whatever the input: the first
/// `max_paragraphs` paragraphs, each cut to `max_paragraph_bytes`, until
/// `max_article_bytes` in all. Beyond that the article is still shown,
/// listed and searched whole; a warning names it. Cuts fall on character
/// boundaries and keep paragraph numbers, so what analysis finds is
/// where it is in the whole article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalysisLimits {
    pub max_article_bytes: usize,
    pub max_paragraphs: usize,
    pub max_paragraph_bytes: usize,
}

impl AnalysisLimits {
    /// 64 MiB of text and a million paragraphs (analysis is linear in an
    /// article's length: a 40 MB article takes about a second and under
    /// twice its size in memory, `scripts/measure-analysis-scaling.sh`),
    /// 64 KiB per paragraph (within one paragraph some lookups look back
    /// over its mentions, so a paragraph's cost is kept bounded).
    pub const DEFAULT: Self = Self {
        max_article_bytes: 64 << 20,
        max_paragraphs: 1 << 20,
        max_paragraph_bytes: 64 << 10,
    };

    /// The paragraphs analysis gets of `paragraphs` (borrowed if all).
    fn cut<'a>(&self, paragraphs: &'a Paragraphs) -> Option<Vec<&'a str>> {
        let over = paragraphs.len() > self.max_paragraphs
            || paragraphs
                .iter()
                .any(|p| p.len() > self.max_paragraph_bytes)
            || paragraphs.text_len() > self.max_article_bytes;
        if !over {
            return None;
        }
        let mut budget = self.max_article_bytes;
        let mut kept = Vec::new();
        for p in paragraphs.iter().take(self.max_paragraphs) {
            if budget == 0 {
                break;
            }
            let mut end = p.len().min(self.max_paragraph_bytes).min(budget);
            while !p.is_char_boundary(end) {
                end -= 1;
            }
            kept.push(&p[..end]);
            budget -= end;
        }
        Some(kept)
    }

    /// The story as analysis gets it: `story` itself when every article is
    /// within the limits, else a copy with the articles over them cut.
    /// Also says which articles were cut (their indices).
    pub fn apply<'a>(&self, story: &'a Story) -> (Cow<'a, Story>, Vec<usize>) {
        let cuts: Vec<(usize, Vec<&str>)> = story
            .articles
            .iter()
            .enumerate()
            .filter_map(|(i, a)| self.cut(&a.paragraphs).map(|kept| (i, kept)))
            .collect();
        if cuts.is_empty() {
            return (Cow::Borrowed(story), Vec::new());
        }
        let which = cuts.iter().map(|(i, _)| *i).collect();
        let mut within = Story {
            id: story.id.clone(),
            title: story.title.clone(),
            articles: Vec::with_capacity(story.articles.len()),
        };
        let mut cuts = cuts.into_iter().peekable();
        for (i, article) in story.articles.iter().enumerate() {
            let paragraphs = match cuts.next_if(|(c, _)| *c == i) {
                Some((_, kept)) => Paragraphs::from(kept),
                None => article.paragraphs.clone(),
            };
            // Field by field: `..article.clone()` would copy the whole text.
            within.articles.push(Article {
                id: article.id.clone(),
                label: article.label.clone(),
                source: article.source.clone(),
                title: article.title.clone(),
                date: article.date.clone(),
                url: article.url.clone(),
                byline: article.byline.clone(),
                paragraphs,
                format: article.format,
                origin: article.origin.clone(),
                sanitized: article.sanitized,
            });
        }
        (Cow::Owned(within), which)
    }

    /// A warning for each article over the limits, naming it and what it
    /// exceeds.
    pub fn exceeded(&self, story: &Story) -> Vec<Diagnostic> {
        let kib = |n: usize| format!("{} KiB", n.div_ceil(1024));
        story
            .articles
            .iter()
            .filter(|a| self.cut(&a.paragraphs).is_some())
            .map(|a| {
                let mut over = Vec::new();
                if a.paragraphs.len() > self.max_paragraphs {
                    over.push(format!(
                        "{} paragraphs (limit {})",
                        a.paragraphs.len(),
                        self.max_paragraphs
                    ));
                }
                if let Some((i, p)) = a
                    .paragraphs
                    .iter()
                    .enumerate()
                    .find(|(_, p)| p.len() > self.max_paragraph_bytes)
                {
                    over.push(format!(
                        "paragraph {} has {} (limit {} each)",
                        i + 1,
                        kib(p.len()),
                        kib(self.max_paragraph_bytes)
                    ));
                }
                if a.text_len() > self.max_article_bytes {
                    over.push(format!(
                        "{} of text (limit {})",
                        kib(a.text_len()),
                        kib(self.max_article_bytes)
                    ));
                }
                Diagnostic::warning(
                    &*a.origin,
                    format!(
                        "article {} ({}): {}; quotes and speakers are looked for in \
                         the part within the limits only (the whole article is shown \
                         and searched)",
                        a.label,
                        a.id,
                        over.join(", ")
                    ),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_article_of_ordinary_paragraphs_is_analysed_whole() {
        // 40,000 paragraphs, 6 MB: past the old 4 MiB and 20,000-paragraph
        // limits, well within what linear analysis handles (issue 14).
        let paragraphs = Paragraphs::from(vec![
            "“We will rebuild,” said Mayor Ann Lee. ".repeat(4);
            40_000
        ]);
        assert!(paragraphs.text_len() > 6_000_000);
        assert_eq!(AnalysisLimits::DEFAULT.cut(&paragraphs), None);
    }
}
