//! The article model, loading and sanitising: everything between the bytes
//! users bring and a [`Story`] of clean articles.
//!
//! `load` orchestrates `read` (inputs, size limits, stdin), `fetch` (URLs),
//! `newsboat` (its cache),
//! `format` (JSON, text, HTML pages, feeds) and `assemble` (sanitise,
//! dedupe, ids, labels).
//! Imports nothing of the project.

mod assemble;
mod diagnostic;
mod fetch;
mod format;
mod load;
mod model;
mod newsboat;
mod read;
mod sanitize;

pub use diagnostic::{Diagnostic, Severity};
pub use fetch::{DEFAULT_TIMEOUT_SECS, FetchOptions, Progress, is_url};
pub use load::{LoadOutcome, load_bundled, load_bytes, load_paths, load_paths_with};
pub use model::{Article, ParagraphIter, Paragraphs, Story, is_ascii_typographic};
pub use newsboat::{MAX_NEWSBOAT_ITEMS, NewsboatOptions, default_cache_path};
pub use read::{LoadOptions, read_text, sanitized_lines};
pub use sanitize::{SanitizeReport, is_unsafe_char, sanitize, sanitize_cow};
