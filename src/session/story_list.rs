//! The input's stories for the reader's story list: each story as a
//! session of its own (ready to open), with what the list shows of it
//! ([`StorySummary`]: headline, sources, dates, shared speakers). The
//! clustering is `crate::stories`; the shared-speaker counts come from each
//! story's analysis, done here in parallel so opening a story is instant.
//!
//! Imports `corpus`, `stories`, `analysis` (through [`Session`]); never
//! `tui` or `cli`.

use std::sync::Arc;

use rayon::prelude::*;

use super::Session;
use crate::corpus::{LoadOutcome, Story};
use crate::stories::Cluster;

/// What the story list shows of one story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorySummary {
    /// Its number in `crossread stories` (and for `--story N`), from 1.
    pub number: usize,
    /// The representative headline.
    pub title: String,
    pub articles: usize,
    /// Distinct sources.
    pub sources: usize,
    /// Earliest and latest known dates, `YYYY-MM-DD`.
    pub first: Option<String>,
    pub last: Option<String>,
    /// Speakers quoted by two or more of the story's sources.
    pub shared_speakers: usize,
    /// Told by one source only (listed after the others).
    pub single_source: bool,
    /// What the list's filter searches: the headline and every article's
    /// title and source, one a line.
    pub text: String,
}

impl StorySummary {
    /// The date span as the list shows it: `2025-04-02`,
    /// `2025-04-02..2025-04-03`, or empty when no date is known.
    pub fn dates(&self) -> String {
        match (&self.first, &self.last) {
            (Some(a), Some(z)) if a == z => a.clone(),
            (Some(a), Some(z)) => format!("{a}..{z}"),
            (Some(a), None) | (None, Some(a)) => a.clone(),
            (None, None) => String::new(),
        }
    }
}

/// One story of the input: its summary, which input articles it holds
/// (their indices, in input order: column `i` is input article
/// `members[i]`), and its session.
#[derive(Debug)]
pub struct StoryPart {
    pub summary: StorySummary,
    pub members: Vec<usize>,
    pub session: Session,
}

impl Session {
    /// True when the input holds more than one story (the reader then
    /// opens on the story list).
    pub fn has_several_stories(&self) -> bool {
        self.stories().len() > 1
    }

    /// Each story of the input as a session of its own, in `crossread
    /// stories` order (multi-source first, single-source last), every
    /// multi-source story analysed (in parallel) for its shared speakers.
    pub fn split_stories(&self) -> Vec<StoryPart> {
        let clusters = self.stories().clone();
        clusters
            .par_iter()
            .enumerate()
            .map(|(i, c)| self.part(i, c))
            .collect()
    }

    fn part(&self, i: usize, c: &Cluster) -> StoryPart {
        let mut members = c.articles.clone();
        members.sort_unstable();
        let session = Session::from(LoadOutcome {
            story: Story {
                id: format!("{}-story-{}", self.story.id, i + 1),
                title: c.title.clone(),
                articles: members
                    .iter()
                    .map(|&a| self.story.articles[a].clone())
                    .collect(),
            },
            diagnostics: Vec::new(),
        })
        .into_one_story();
        // One source quotes nobody "shared": no analysis needed to say so.
        let shared_speakers = if c.single_source() {
            0
        } else {
            session.analysis().shared_speakers().len()
        };
        let mut text = c.title.clone();
        for &a in &members {
            let article = &self.story.articles[a];
            for field in [&article.title, &article.source].into_iter().flatten() {
                text.push('\n');
                text.push_str(field);
            }
        }
        StoryPart {
            summary: StorySummary {
                number: i + 1,
                title: c.title.clone(),
                articles: members.len(),
                sources: c.sources,
                first: c.first.clone(),
                last: c.last.clone(),
                shared_speakers,
                single_source: c.single_source(),
                text,
            },
            members,
            session,
        }
    }

    /// This session's articles as one story, whatever clustering them
    /// again would say (a story picked from the input stays one story).
    pub(crate) fn into_one_story(self) -> Self {
        let all: Vec<usize> = (0..self.story.articles.len()).collect();
        if let Some(one) = crate::stories::one_story(&self.story.articles, &all) {
            let _ = self.stories.set(Arc::new(vec![one]));
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

    fn article(id: &str, source: &str, title: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            label: id.into(),
            source: Some(source.into()),
            title: Some(title.into()),
            date: Some("2025-05-06".into()),
            paragraphs: vec![body.to_string()],
            ..Article::default()
        }
    }

    fn input() -> Session {
        let ferry = "\"The ferry will run again on Monday,\" said Ilse Marrow, the port director. \
                     Engineers replaced the Kestrel ferry's damaged rudder at the Orwin yard.";
        let ferry2 = "Engineers at the Orwin yard replaced the Kestrel ferry's rudder. \
                      \"The ferry will run again on Monday,\" Ilse Marrow said.";
        let choir = "The Linden children's choir won the regional contest in Bracefield \
                     with a programme of folk songs.";
        Session::from_story(Story {
            id: "day".into(),
            title: "a day".into(),
            articles: vec![
                article("a", "Coast Post", "Kestrel ferry back on Monday", ferry),
                article("b", "Linden Echo", "Linden choir wins in Bracefield", choir),
                article(
                    "c",
                    "Harbour Radio",
                    "Kestrel ferry repaired at Orwin",
                    ferry2,
                ),
            ],
        })
    }

    #[test]
    fn each_story_a_session_with_its_summary() {
        let s = input();
        assert!(s.has_several_stories());
        let parts = s.split_stories();
        assert_eq!(parts.len(), 2);
        let ferry = &parts[0];
        assert_eq!(ferry.members, vec![0, 2], "input order");
        assert_eq!(ferry.summary.number, 1);
        assert_eq!(ferry.summary.sources, 2);
        assert_eq!(ferry.summary.dates(), "2025-05-06");
        assert!(!ferry.summary.single_source);
        assert_eq!(ferry.summary.shared_speakers, 1, "Ilse Marrow, in both");
        assert!(ferry.summary.text.contains("Harbour Radio"));
        assert_eq!(ferry.session.story.articles.len(), 2);
        assert_eq!(ferry.session.story.articles[1].id, "c");
        let choir = &parts[1];
        assert!(choir.summary.single_source);
        assert_eq!(choir.summary.shared_speakers, 0);
        // A story taken out of the input is one story.
        assert!(!ferry.session.has_several_stories());
    }
}
