//! crossread: compare how several news sources cover one story.
//!
//! The engine (corpus loading, quote analysis, search) lives here so the
//! terminal reader, the command line, the tests and the benchmarks share it.

pub mod analysis;
pub mod cli;
pub mod corpus;
pub mod search;
pub mod stories;
pub mod synth;
pub mod tui;
