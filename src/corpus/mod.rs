//! The article model, loaders, validation and sanitising.

mod diagnostic;
pub mod draft;
pub mod feed;
pub mod frontmatter;
pub mod html;
mod load;
mod model;
mod sanitize;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{
    BUNDLED_STORY_JSON, DEFAULT_MAX_FILE_SIZE, LoadOptions, LoadOutcome, load_bundled, load_bytes,
    load_paths, read_limited,
};
pub use model::{Article, Story};
pub use sanitize::{SanitizeReport, is_unsafe_char, sanitize, sanitize_cow};
