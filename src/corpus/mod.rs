//! The article model, loading and sanitising: everything between the bytes
//! users bring and a [`Story`] of clean articles.
//!
//! `load` orchestrates `read` (inputs, size limits, stdin), `format`
//! (JSON, text) and `assemble` (sanitise, dedupe, ids, labels).
//! Imports nothing of the project.

mod assemble;
mod diagnostic;
mod format;
mod load;
mod model;
mod read;
mod sanitize;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{BUNDLED_STORY_JSON, LoadOutcome, load_bundled, load_bytes, load_paths};
pub use model::{Article, Story};
pub use read::{DEFAULT_MAX_FILE_SIZE, LoadOptions, read_limited, read_text, sanitized_lines};
pub use sanitize::{SanitizeReport, is_unsafe_char, sanitize, sanitize_cow};
