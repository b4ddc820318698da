//! The full-screen reader. State and update ([`app`]), every message
//! ([`event`]), keys ([`keymap`], the single source of help and hints), the
//! view model ([`document`]) and pure rendering ([`view`]); the loop and
//! its threads ([`runtime`]) and the real terminal ([`terminal`]).
//!
//! Imports `session`, `analysis`, `search`, `corpus`; never `cli`.

pub mod app;
pub mod document;
pub mod event;
#[cfg(any(test, feature = "testing"))]
pub mod harness;
pub mod keymap;
pub mod runtime;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;
