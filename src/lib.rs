//! crossread: compare how several news sources cover one story.
//!
//! The engine lives here so the terminal reader, the command line (on the
//! binary side), the tests and the benchmarks share it. Layers, bottom up:
//! [`text`] and [`corpus`]; the engines [`analysis`], [`search`] and
//! [`stories`] (which articles cover the same event); the
//! [`session`] that loads, analyses and searches for both faces; the reader
//! [`tui`]. `scripts/check-imports.sh` checks who may import whom.

// Dependencies of the binary only (the command line lives there), named so
// that `-W unused-crate-dependencies` on the library checks its own.
use anstyle as _;
use clap as _;

pub mod analysis;
pub mod color;
pub mod corpus;
pub mod search;
pub mod session;
pub mod stories;
#[cfg(any(test, feature = "testing"))]
pub mod synth;
pub mod text;
pub mod tui;
