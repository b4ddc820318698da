//! The integration tests, one binary (one link of the crate instead of
//! one per file). Each module is one concern:
//!
//! - `cli`: the real binary's commands, output and exit statuses.
//! - `loaders`: every input format and every bad-input case.
//! - `hostile`: hostile input through loaders, CLI and reader.
//! - `reader_screens`: the reader's screens as snapshots (`snapshots/`).
//! - `search_props`, `props_pipeline`: property tests.
//! - `e2e_tmux`: the real binary in tmux, on a tmux server of its own.
//!
//! The analysis tests (`tests/analysis_*.rs`) are separate binaries.

mod cli;
mod common;
mod e2e_tmux;
mod hostile;
mod loaders;
mod props_pipeline;
mod reader_screens;
mod search_props;
