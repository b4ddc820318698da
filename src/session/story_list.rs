//! The input's stories for the reader's story list: each story as a
//! session of its own (made from the input's articles when first needed,
//! [`PartSession`], so the list holds no second copy of the text), with
//! what the list shows of it ([`StorySummary`]: headline, sources, dates,
//! shared speakers). The
//! clustering is `crate::stories`; the shared-speaker counts come from each
//! story's analysis, which splitting never waits for: each count is a
//! [`SpeakerCount`] filled later ([`StoryPart::count_shared_speakers`], on
//! a background thread or when asked), and the analysis it did is the
//! story's own, so opening the story does not analyse it again.
//!
//! Imports `corpus`, `stories`, `analysis` (through [`Session`]); never
//! `tui` or `cli`.

use std::sync::{Arc, OnceLock};

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
    /// Speakers quoted by two or more of the story's sources: known at
    /// once for a single-source story (none), counted later for the others.
    pub shared_speakers: SpeakerCount,
    /// Told by one source only (listed after the others).
    pub single_source: bool,
    /// What the list's filter searches: the headline and every article's
    /// title and source, one a line.
    pub text: String,
}

/// A count filled in once, possibly by another thread: shared by the
/// summary (which shows it) and whoever counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerCount(Arc<OnceLock<usize>>);

impl SpeakerCount {
    /// A count already known. Zero (every single-source story's) is one
    /// shared cell: a cache of 10k stories is mostly such.
    pub fn known(n: usize) -> Self {
        static ZERO: std::sync::LazyLock<Arc<OnceLock<usize>>> =
            std::sync::LazyLock::new(|| Arc::new(OnceLock::from(0)));
        if n == 0 {
            return Self(Arc::clone(&ZERO));
        }
        Self(Arc::new(OnceLock::from(n)))
    }

    /// The count, if counted yet.
    pub fn get(&self) -> Option<usize> {
        self.0.get().copied()
    }
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
/// `members[i]`), and its session (made when first needed, shared with
/// whoever counts its speakers).
#[derive(Debug)]
pub struct StoryPart {
    pub summary: StorySummary,
    pub members: Vec<usize>,
    pub session: PartSession,
}

impl StoryPart {
    /// The story's shared speakers, analysing it first if no one has yet
    /// (waiting if another thread is counting it).
    pub fn count_shared_speakers(&self) -> usize {
        count_shared(self.session.get(), &self.summary.shared_speakers)
    }
}

/// A story's session, made from the input's articles the first time it is
/// needed (its speakers counted, or the story opened): until then the list
/// holds no copy of the story's text, only the input's, which the search
/// service keeps anyway. Clones share one session.
#[derive(Debug, Clone)]
pub struct PartSession(Arc<PartInner>);

#[derive(Debug)]
struct PartInner {
    input: Arc<Story>,
    /// Its number in the list, from 1 (its id is made from it when the
    /// session is: a list of 10k stories holds no 10k ids).
    number: usize,
    title: String,
    /// Input article indices, ascending.
    members: Vec<usize>,
    made: OnceLock<Arc<Session>>,
}

impl PartSession {
    /// The session, made now if not yet (waiting if another thread is
    /// making it).
    pub fn get(&self) -> &Arc<Session> {
        let p = &*self.0;
        p.made.get_or_init(|| {
            let articles = p.members.iter().map(|&a| p.input.articles[a].clone());
            Arc::new(
                Session::from(LoadOutcome {
                    story: Story {
                        id: format!("{}-story-{}", p.input.id, p.number),
                        title: p.title.clone(),
                        articles: articles.collect(),
                    },
                    diagnostics: Vec::new(),
                })
                .into_one_story(),
            )
        })
    }

    /// True once the session has been made (for tests of what is lazy).
    pub fn is_made(&self) -> bool {
        self.0.made.get().is_some()
    }

    /// The session to own, to open the story: with the analysis done for
    /// its speaker count, if done (see [`Session::unshare`]).
    pub fn into_session(self) -> Session {
        let shared = Arc::clone(self.get());
        // The last holder lets go of its reference, so the session is
        // taken over rather than rebuilt around the shared parts.
        drop(self);
        Session::unshare(shared)
    }
}

/// Fills `count` from `session`'s analysis (once).
pub fn count_shared(session: &Session, count: &SpeakerCount) -> usize {
    *count
        .0
        .get_or_init(|| session.analysis().shared_speakers().len())
}

impl Session {
    /// True when the input holds more than one story (the reader then
    /// opens on the story list).
    pub fn has_several_stories(&self) -> bool {
        self.stories().len() > 1
    }

    /// Each story of the input as a session of its own, in `crossread
    /// stories` order (multi-source first, single-source last). Nothing is
    /// analysed: the multi-source stories' shared speakers are left to
    /// count ([`StoryPart::count_shared_speakers`]).
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
        let session = PartSession(Arc::new(PartInner {
            input: Arc::clone(&self.story),
            number: i + 1,
            title: c.title.clone(),
            members: members.clone(),
            made: OnceLock::new(),
        }));
        // One source quotes nobody "shared": no analysis needed to say so.
        let shared_speakers = if c.single_source() {
            SpeakerCount::known(0)
        } else {
            SpeakerCount::default()
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

    /// True once the analysis has been done (for tests of what is lazy).
    pub fn is_analysed(&self) -> bool {
        self.analysis.get().is_some()
    }

    /// A shared session as one to own: itself if no one else holds it,
    /// else a session on the same story and analysis (analysed now if not
    /// yet, or waiting for whoever is analysing it).
    pub fn unshare(this: Arc<Self>) -> Self {
        Arc::try_unwrap(this).unwrap_or_else(|shared| Self {
            story: shared.story.clone(),
            diagnostics: shared.diagnostics.clone(),
            analysis: OnceLock::from(shared.analysis().clone()),
            stories: shared
                .stories
                .get()
                .cloned()
                .map_or_else(OnceLock::new, OnceLock::from),
        })
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
            paragraphs: vec![body].into(),
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
        // Splitting copies and analyses nothing: the session is made, and
        // the count done, when asked for.
        assert!(
            !ferry.session.is_made(),
            "no copy of the text before the story is needed"
        );
        assert_eq!(ferry.summary.shared_speakers.get(), None);
        assert_eq!(ferry.count_shared_speakers(), 1, "Ilse Marrow, in both");
        assert_eq!(ferry.summary.shared_speakers.get(), Some(1));
        assert!(ferry.session.get().is_analysed());
        assert!(ferry.summary.text.contains("Harbour Radio"));
        assert_eq!(ferry.session.get().story.articles.len(), 2);
        assert_eq!(ferry.session.get().story.articles[1].id, "c");
        let choir = &parts[1];
        assert!(choir.summary.single_source);
        assert_eq!(
            choir.summary.shared_speakers.get(),
            Some(0),
            "known at once"
        );
        assert!(!choir.session.is_made());
        assert!(!choir.session.get().is_analysed());
        // A story taken out of the input is one story.
        assert!(!ferry.session.get().has_several_stories());
        // Shared with a counter or not, it opens with the analysis done once.
        let held = Arc::clone(ferry.session.get());
        let opened = ferry.session.clone().into_session();
        assert!(Arc::ptr_eq(opened.analysis(), held.analysis()));
        // The last holder's session is taken over, not rebuilt.
        let parts = s.split_stories();
        let ferry = parts.into_iter().next().expect("the ferry story");
        let analysis = Arc::clone(ferry.session.get().analysis());
        let opened = ferry.session.into_session();
        assert!(Arc::ptr_eq(opened.analysis(), &analysis));
        assert_eq!(opened.story.articles.len(), 2);
    }
}
