//! Loading a session: what to load ([`Inputs`]), loading it into a
//! [`Session`], and narrowing a session to one story (`--story`).

use std::path::PathBuf;

use super::Session;
use crate::corpus::{self, Article, Diagnostic, LoadOptions, LoadOutcome, Story};
use crate::text::fold_str;

/// What to load: paths (files, folders, `-` for stdin), or none for the
/// bundled story.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub paths: Vec<PathBuf>,
    pub options: LoadOptions,
    /// Only this story of the input (`--story N|TEXT`, see [`Session::select_story`]).
    pub story: Option<String>,
}

impl Inputs {
    /// A few words on what is being loaded, for the reader's loading screen.
    pub fn describe(&self) -> String {
        let urls = self
            .paths
            .iter()
            .filter(|p| p.to_str().is_some_and(corpus::is_url))
            .count();
        match self.paths.as_slice() {
            [] if self.options.newsboat.is_some() => "loading newsboat's cache".to_string(),
            [] => "loading the bundled story".to_string(),
            [one] if urls == 1 => format!("fetching {}", one.display()),
            [one] => format!("loading {}", one.display()),
            many if urls > 0 => format!("loading {} inputs, fetching {urls} URLs", many.len()),
            many => format!("loading {} paths", many.len()),
        }
    }
}

impl Session {
    /// Loads the inputs. Problems become diagnostics; nothing panics.
    pub fn load(inputs: &Inputs) -> Self {
        Self::load_with(inputs, &mut |_| {})
    }

    /// [`Session::load`], telling `on_articles` every article loaded so far
    /// each time more are, the first ones at once (the reader shows them
    /// while the rest loads; see [`corpus::load_paths_with`]). Not told
    /// when one story is picked (`--story`): those are not its articles.
    pub fn load_with(inputs: &Inputs, on_articles: &mut dyn FnMut(&[Article])) -> Self {
        let session = if inputs.paths.is_empty() && inputs.options.newsboat.is_none() {
            Self::from_story(corpus::load_bundled())
        } else if inputs.story.is_some() {
            Self::from(corpus::load_paths(&inputs.paths, &inputs.options))
        } else {
            Self::from(corpus::load_paths_with(
                &inputs.paths,
                &inputs.options,
                on_articles,
            ))
        };
        match &inputs.story {
            Some(selector) => session.select_story(selector),
            None => session,
        }
    }

    /// Keeps one story's articles (in input order): `N` is the story
    /// numbered N by `crossread stories`; any other text picks the first
    /// (largest) story whose headline, or one of whose articles' titles,
    /// contains it (case and diacritics folded). No such story: an error
    /// diagnostic and no articles.
    pub fn select_story(self, selector: &str) -> Self {
        let clusters = self.stories().clone();
        let wanted = fold_str(selector.trim(), false);
        let number = wanted.parse::<usize>().ok();
        let by_number = number
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| clusters.get(i).map(|c| (i, c)));
        // A number is only ever a story number.
        let found = by_number.or_else(|| {
            (number.is_none() && !wanted.is_empty())
                .then(|| {
                    clusters.iter().enumerate().find(|(_, c)| {
                        std::iter::once(c.title.as_str())
                            .chain(
                                c.articles
                                    .iter()
                                    .filter_map(|&a| self.story.articles[a].title.as_deref()),
                            )
                            .any(|t| fold_str(t, false).contains(&wanted))
                    })
                })
                .flatten()
        });
        let mut diagnostics = self.diagnostics.clone();
        let story = match found {
            Some((i, c)) => {
                let mut keep = c.articles.clone();
                keep.sort_unstable();
                Story {
                    id: format!("{}-story-{}", self.story.id, i + 1),
                    title: c.title.clone(),
                    articles: keep
                        .into_iter()
                        .map(|a| self.story.articles[a].clone())
                        .collect(),
                }
            }
            None => {
                diagnostics.push(Diagnostic::error(
                    "--story",
                    format!(
                        "no story matches '{}' ({} stories; `crossread stories` lists them)",
                        corpus::sanitize(selector).0,
                        clusters.len()
                    ),
                ));
                Story {
                    articles: Vec::new(),
                    ..(*self.story).clone()
                }
            }
        };
        let narrowed = Self::from(LoadOutcome { story, diagnostics });
        // The story picked stays one story (the reader opens it at once).
        if found.is_some() {
            narrowed.into_one_story()
        } else {
            narrowed
        }
    }

    /// A session over a story already in memory (tests, benchmarks).
    pub fn from_story(story: Story) -> Self {
        Self::from(LoadOutcome {
            story,
            diagnostics: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_says_what_loads() {
        let inputs = |paths: &[&str]| Inputs {
            paths: paths.iter().map(PathBuf::from).collect(),
            options: LoadOptions::default(),
            story: None,
        };
        assert_eq!(inputs(&[]).describe(), "loading the bundled story");
        assert_eq!(inputs(&["a.txt"]).describe(), "loading a.txt");
        assert_eq!(
            inputs(&["https://a.example/x"]).describe(),
            "fetching https://a.example/x"
        );
        assert_eq!(
            inputs(&["a.txt", "https://a.example/x", "https://b.example/y"]).describe(),
            "loading 3 inputs, fetching 2 URLs"
        );
        let mut nb = inputs(&[]);
        nb.options.newsboat = Some(crate::corpus::NewsboatOptions {
            cache: None,
            since: None,
        });
        assert_eq!(nb.describe(), "loading newsboat's cache");
    }
}
