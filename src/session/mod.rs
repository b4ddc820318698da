//! A session: one loaded story with what the engines make of it, shared by
//! both faces (the reader and the command line), so load → analyse → index
//! is written once.
//!
//! Owns: [`Session`] (story, analysis, stories, diagnostics, exit status).
//! Its parts: `load` (what to load, [`Inputs`], and loading or narrowing a
//! session to one story), `limits` (the [`AnalysisLimits`] on what analysis
//! gets of one article), `search` (the story's passages for search,
//! [`Passages`], and the [`SearchService`] that answers typed
//! [`SearchRequest`]s with [`SearchReply`]s, on its own thread for the
//! reader or synchronously for tests, with one body), `priority` (background
//! threads below keystroke work).
//!
//! Imports `text`, `corpus`, `analysis`, `search` and `stories`; never `tui`
//! or `cli`.

mod limits;
mod load;
pub mod priority;
mod search;
mod story_list;

pub use limits::AnalysisLimits;
pub use load::Inputs;
pub use search::{IndexStart, Passages, SearchReply, SearchRequest, SearchService, SketchStart};
pub use story_list::{PartSession, SpeakerCount, StoryPart, StorySummary, count_shared};

use std::sync::{Arc, OnceLock};

use crate::analysis::{Analysis, analyze};
use crate::corpus::{Diagnostic, LoadOutcome, Story};
use crate::stories::{self, Cluster, Options};

/// A loaded story, its diagnostics, and (computed on first use) its analysis.
#[derive(Debug)]
pub struct Session {
    pub story: Arc<Story>,
    pub diagnostics: Vec<Diagnostic>,
    analysis: OnceLock<Arc<Analysis>>,
    stories: OnceLock<Arc<Vec<Cluster>>>,
}

impl Session {
    /// Quotes, speakers and groups, analysed on first use, within the
    /// [`AnalysisLimits`] (the diagnostics name the articles cut).
    pub fn analysis(&self) -> &Arc<Analysis> {
        self.analysis.get_or_init(|| {
            let (within, _) = AnalysisLimits::DEFAULT.apply(&self.story);
            Arc::new(analyze(&within))
        })
    }

    /// The articles grouped into stories (multi-source first, then
    /// single-source), computed on first use.
    pub fn stories(&self) -> &Arc<Vec<Cluster>> {
        self.stories
            .get_or_init(|| Arc::new(stories::cluster(&self.story.articles, &Options::default())))
    }

    /// True if nothing usable loaded.
    pub fn is_empty(&self) -> bool {
        self.story.articles.is_empty()
    }

    /// True if some input was skipped (any error-level diagnostic).
    pub fn skipped_any(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// How loading went.
    pub fn status(&self) -> LoadStatus {
        if self.is_empty() {
            LoadStatus::Nothing
        } else if self.skipped_any() {
            LoadStatus::Partial
        } else {
            LoadStatus::Complete
        }
    }

    /// The story's paragraphs as passages for searching.
    pub fn passages(&self) -> Passages<'_> {
        Passages::of(&self.story)
    }
}

/// How loading went: everything, some input skipped, or nothing usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStatus {
    Complete,
    Partial,
    Nothing,
}

impl From<LoadOutcome> for Session {
    fn from(outcome: LoadOutcome) -> Self {
        let mut diagnostics = outcome.diagnostics;
        diagnostics.extend(AnalysisLimits::DEFAULT.exceeded(&outcome.story));
        Self {
            story: Arc::new(outcome.story),
            diagnostics,
            analysis: OnceLock::new(),
            stories: OnceLock::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;

    #[test]
    fn analysis_is_computed_once_on_demand() {
        let s = Session::from_story(Story {
            id: "s".into(),
            title: "t".into(),
            articles: vec![Article {
                id: "a".into(),
                label: "a".into(),
                paragraphs: vec!["The mayor spoke at noon."].into(),
                ..Article::default()
            }],
        });
        let a = s.analysis().clone();
        assert!(Arc::ptr_eq(&a, s.analysis()));
    }
}
