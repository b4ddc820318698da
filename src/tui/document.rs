//! The document: a loaded session as the reader draws it. Which ranges of
//! which paragraphs are quotes and names (decor), and which speakers are
//! shared (slots, badges). Built once per story; read-only afterwards.
//!
//! Imports `session`, `analysis`, `corpus` and nothing of the reader's
//! state.

use std::sync::Arc;

use crate::analysis::{Analysis, Quote};
use crate::corpus::{Diagnostic, Story};
use crate::session::Session;

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
        Self {
            story,
            analysis,
            shared,
            decor,
            diagnostics,
        }
    }

    pub fn slot(&self, speaker: Option<usize>) -> Option<usize> {
        speaker.and_then(|s| self.shared.iter().position(|&x| x == s))
    }

    /// "“…” — Name, label" for copying.
    pub fn attribution(&self, q: &Quote) -> String {
        let who = self
            .analysis
            .speaker_name(q)
            .map(String::from)
            .or_else(|| q.descriptor.clone())
            .unwrap_or_else(|| "unattributed".into());
        let label = &self.story.articles[q.article].label;
        format!("“{}” — {who}, {label}", q.text.trim_end_matches(','))
    }
}
