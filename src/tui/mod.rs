//! The full-screen reader. State and update ([`app`]), every message
//! ([`event`]), keys ([`keymap`], the single source of help and hints), the
//! view model ([`document`]) and pure rendering ([`view`]); the loop and
//! its threads ([`runtime`]) and the real terminal ([`terminal`], and
//! [`scroll_region`], which moves scrolled text with the terminal); the
//! filter history on disk ([`history`]).
//!
//! Imports `session`, `analysis`, `search`, `corpus`; never `cli`.

pub mod app;
pub mod config;
pub mod document;
pub mod event;
#[cfg(any(test, feature = "testing"))]
pub mod harness;
pub mod history;
pub mod keymap;
pub mod runtime;
pub mod scroll_region;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;
