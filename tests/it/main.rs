//! The integration tests, one binary (one link of the crate instead of
//! one per file). Each module is one concern:
//!
//! - `cli`: the real binary's commands, output and exit statuses.
//! - `loaders`: every input format and every bad-input case.
//! - `pages`: HTML pages, feeds and front matter from files and stdin.
//! - `newsboat`: the cache the real newsboat writes, read by crossread.
//! - `hostile`: hostile input through loaders, CLI and reader.
//! - `http`: URL inputs against a loopback server the tests start.
//! - `reader_screens`: the reader's screens as snapshots (`snapshots/`).
//! - `reader_stream`: the reader's instant start: a preview of the first
//!   articles, then the analysed story or list in its place.
//! - `stories_cli`: `crossread stories` on a folder of several stories.
//! - `tui_stories`: the reader's story list on a folder of several stories.
//! - `search_props`, `props_pipeline`: property tests.
//! - `e2e_tmux`: the real binary in tmux, on a tmux server of its own.
//! - `faults`: what a real session meets: a lost terminal, stop and
//!   continue signals, idling after a failed load, write errors.
//!
//! The analysis tests (`tests/analysis_*.rs`) are separate binaries.

mod cli;
mod common;
mod e2e_tmux;
mod faults;
mod hostile;
mod http;
mod loaders;
mod newsboat;
mod pages;
mod props_pipeline;
mod reader_screens;
mod reader_stream;
mod search_props;
mod stories_cli;
mod tui_stories;
