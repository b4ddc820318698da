//! The document: a loaded session as the reader draws it. Which ranges of
//! which paragraphs are quotes and names (decor), and which speakers are
//! shared (slots, badges). Built once per story; read-only afterwards.
//! And the [`Library`]: what loaded, one story or the story list's stories.
//!
//! Imports `session`, `analysis`, `corpus` and nothing of the reader's
//! state.

use std::sync::{Arc, OnceLock};

use crate::analysis::{Analysis, Quote};
use crate::corpus::{Diagnostic, Story};
use crate::session::{PartSession, Session, StorySummary, count_shared};
use crate::tui::wrap::truncate;
use unicode_width::UnicodeWidthStr;

/// What a range of article text is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecorKind {
    /// A direct quote; `slot` is the shared-speaker slot, if any.
    Quote { quote: usize, slot: Option<usize> },
    /// A speaker's name where it stands in the text.
    Name { slot: Option<usize> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decor {
    pub start: usize,
    pub end: usize,
    pub kind: DecorKind,
}

/// Everything loaded: the story, what the engine found, and how to draw it.
#[derive(Debug)]
pub struct Document {
    pub story: Arc<Story>,
    pub analysis: Arc<Analysis>,
    /// Shared speakers in slot order.
    pub shared: Vec<usize>,
    /// decor[article][paragraph], sorted by start.
    pub decor: Vec<Vec<Vec<Decor>>>,
    pub diagnostics: Vec<Diagnostic>,
    /// False for a preview: the first articles as they loaded, before the
    /// analysis (no quotes or speakers yet).
    pub analysed: bool,
    /// Each column header's facts, worked out the first time the column
    /// is drawn rather than on every frame.
    headers: Vec<OnceLock<ColumnHeader>>,
}

/// What a column's header says of its article (fixed once loaded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnHeader {
    pub words: usize,
    pub quotes: usize,
    /// Source, date and title (those known), joined with ` · `.
    pub about: String,
}

impl Document {
    /// The view model of a loaded session (analysing it if not done yet).
    pub fn new(session: Session) -> Self {
        let analysis = session.analysis().clone();
        let Session {
            story, diagnostics, ..
        } = session;
        let shared = analysis.shared_speakers();
        let slot_of = |s: Option<usize>| s.and_then(|s| shared.iter().position(|&x| x == s));
        let mut decor: Vec<Vec<Vec<Decor>>> = story
            .articles
            .iter()
            .map(|a| vec![Vec::new(); a.paragraphs.len()])
            .collect();
        for q in &analysis.quotes {
            if let Some(p) = decor
                .get_mut(q.article)
                .and_then(|a| a.get_mut(q.paragraph))
            {
                p.push(Decor {
                    start: q.start,
                    end: q.end,
                    kind: DecorKind::Quote {
                        quote: q.id,
                        slot: slot_of(q.speaker),
                    },
                });
            }
        }
        for (si, sp) in analysis.speakers.iter().enumerate() {
            if sp.quotes.is_empty() {
                continue;
            }
            let slot = slot_of(Some(si));
            for (a, span) in &sp.mentions {
                if let Some(p) = decor.get_mut(*a).and_then(|x| x.get_mut(span.paragraph)) {
                    p.push(Decor {
                        start: span.start,
                        end: span.end,
                        kind: DecorKind::Name { slot },
                    });
                }
            }
        }
        for a in &mut decor {
            for p in a.iter_mut() {
                p.sort_by_key(|d| (d.start, d.end));
            }
        }
        let headers = story.articles.iter().map(|_| OnceLock::new()).collect();
        Self {
            story,
            analysis,
            shared,
            decor,
            diagnostics,
            analysed: true,
            headers,
        }
    }

    /// The first articles of an input still loading, shown as they are
    /// (sanitised, not analysed): no quotes, names or shared speakers
    /// until the analysed document replaces it.
    pub fn preview(story: Story) -> Self {
        let decor = story
            .articles
            .iter()
            .map(|a| vec![Vec::new(); a.paragraphs.len()])
            .collect();
        let headers = story.articles.iter().map(|_| OnceLock::new()).collect();
        Self {
            story: Arc::new(story),
            analysis: Arc::new(Analysis::default()),
            shared: Vec::new(),
            decor,
            diagnostics: Vec::new(),
            analysed: false,
            headers,
        }
    }

    /// What column `a`'s header says: words, quotes, "source · date ·
    /// title" (counted once, on first use).
    pub fn header(&self, a: usize) -> &ColumnHeader {
        self.headers[a].get_or_init(|| {
            let article = &self.story.articles[a];
            ColumnHeader {
                words: article.word_count(),
                quotes: self.analysis.quotes_in(a).count(),
                about: [&article.source, &article.date, &article.title]
                    .into_iter()
                    .filter_map(|f| f.as_deref())
                    .filter(|f| !f.trim().is_empty())
                    .collect::<Vec<&str>>()
                    .join(" · "),
            }
        })
    }

    pub fn slot(&self, speaker: Option<usize>) -> Option<usize> {
        speaker.and_then(|s| self.shared.iter().position(|&x| x == s))
    }

    /// "“…” — Name, source, URL" for copying: the source's name when the
    /// article has one (else its label), the URL when known.
    pub fn attribution(&self, q: &Quote) -> String {
        let who = self
            .analysis
            .speaker_name(q)
            .map(String::from)
            .or_else(|| q.descriptor.clone())
            .unwrap_or_else(|| "unattributed".into());
        let article = &self.story.articles[q.article];
        let source = article.source.as_deref().unwrap_or(&article.label);
        let url = article
            .url
            .as_deref()
            .map(|u| format!(", {u}"))
            .unwrap_or_default();
        format!("“{}” — {who}, {source}{url}", q.text.trim_end_matches(','))
    }

    /// What is known about article `a`, for its info line: label, source,
    /// date, title and URL (those it has), joined with ` · ` in at most
    /// `width` cells: the title is cut (with …) first, so the URL shows.
    pub fn info(&self, a: usize, width: usize) -> String {
        let article = &self.story.articles[a];
        let known = |f: &Option<String>| f.clone().filter(|f| !f.trim().is_empty());
        let mut head = vec![format!("{} {}", a + 1, article.label)];
        head.extend(known(&article.source));
        head.extend(known(&article.date));
        let url = known(&article.url);
        let fixed: usize = head.iter().chain(&url).map(|p| p.width() + 3).sum();
        if let Some(title) = known(&article.title) {
            let room = width.saturating_sub(fixed);
            if room >= 8 {
                head.push(truncate(&title, room));
            }
        }
        head.extend(url);
        head.join(" · ")
    }
}

/// What loaded, as the reader opens it: one story's document (straight to
/// the columns), or several stories to choose from in the story list.
#[derive(Debug)]
pub enum Library {
    One(Box<Document>),
    Many(Stories),
}

/// The input's stories (from the session: summaries, members, sessions),
/// each opened into a document on first use and kept for coming back. The
/// list shows at once: the shared-speaker counts are filled in afterwards
/// ([`Stories::count_in_background`]).
#[derive(Debug)]
pub struct Stories {
    pub entries: Vec<StoryEntry>,
    /// The whole input's diagnostics (shown once, on the list).
    pub diagnostics: Vec<Diagnostic>,
}

/// One story of the list.
#[derive(Debug)]
pub struct StoryEntry {
    pub summary: StorySummary,
    /// Input article per column (the search service searches the input).
    pub members: Vec<usize>,
    session: Option<PartSession>,
    /// Boxed: only the stories opened have one, and a list holds
    /// thousands of entries.
    doc: Option<Box<Document>>,
}

impl StoryEntry {
    /// The story's document, built from its session the first time (with
    /// the analysis its speaker count did, if done).
    pub fn take_document(&mut self) -> Option<Document> {
        self.doc.take().map(|d| *d).or_else(|| {
            let session = self.session.take()?.into_session();
            if self.summary.shared_speakers.get().is_none() {
                count_shared(&session, &self.summary.shared_speakers);
            }
            Some(Document::new(session))
        })
    }

    /// Counts the story's shared speakers now if not known yet (waiting
    /// for a count under way elsewhere).
    pub fn count_now(&self) {
        if let Some(session) = &self.session {
            count_shared(session.get(), &self.summary.shared_speakers);
        }
    }

    /// Keeps the document for the next time the story is opened.
    pub fn put_back(&mut self, doc: Document) {
        self.doc = Some(Box::new(doc));
    }
}

impl Stories {
    /// What is left to count: each story's session and its count cell.
    fn uncounted(&self) -> Vec<(PartSession, crate::session::SpeakerCount)> {
        self.entries
            .iter()
            .filter(|e| e.summary.shared_speakers.get().is_none())
            .filter_map(|e| Some((e.session.clone()?, e.summary.shared_speakers.clone())))
            .collect()
    }

    /// Counts every story's shared speakers on a thread of its own, the
    /// list's first stories first; the list shows each count as it comes.
    pub fn count_in_background(&self) {
        let work = self.uncounted();
        if !work.is_empty() {
            std::thread::spawn(move || {
                crate::session::priority::background_thread();
                for (session, count) in work {
                    count_shared(session.get(), &count);
                }
            });
        }
    }

    /// Counts what is left now, waiting for it (tests, snapshots).
    pub fn count_now(&self) {
        self.entries.iter().for_each(StoryEntry::count_now);
    }
}

impl Library {
    /// One story: its document. Several: the list, every story's summary
    /// and session from the session layer, nothing analysed (the counts
    /// come later: [`Stories::count_in_background`]).
    pub fn new(session: Session) -> Self {
        if !session.has_several_stories() {
            return Library::One(Box::new(Document::new(session)));
        }
        let entries = session
            .split_stories()
            .into_iter()
            .map(|p| StoryEntry {
                summary: p.summary,
                members: p.members,
                session: Some(p.session),
                doc: None,
            })
            .collect();
        Library::Many(Stories {
            entries,
            diagnostics: session.diagnostics,
        })
    }
}
